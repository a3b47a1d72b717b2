//! Helpers shared by the httpmock and request-shape tests.
#![allow(dead_code, unreachable_pub)]

use httpmock::MockServer;
use openstack_core::{ProviderClient, ServiceClient};
use serde_json::Value;

/// Where the Neutron samples are, relative to the corpus folder.
pub const SAMPLES: &str = "neutron/api-ref/source/v2/samples";

/// An official sample, parsed.
pub fn sample(rel: &str) -> Value {
    openstack_test_support::corpus::json(&format!("{SAMPLES}/{rel}"))
}

/// An official sample as text (to serve it byte for byte).
pub fn sample_text(rel: &str) -> String {
    String::from_utf8(openstack_test_support::corpus::read(&format!(
        "{SAMPLES}/{rel}"
    )))
    .expect("utf-8 sample")
}

/// A network client against the mock server, with no authentication. The endpoint override
/// is the unversioned root, like a Neutron catalog entry; the client appends `v2.0/`.
pub fn client(server: &MockServer) -> ServiceClient {
    let provider = ProviderClient::builder()
        .endpoint_override("network", server.url("/"))
        .build_lazy()
        .expect("provider");
    openstack_network::client(&provider).expect("network client")
}

/// A catch-all that answers anything unexpected with a loud 500. Create it LAST: httpmock
/// serves the first matching mock in creation order.
pub async fn catch_all(server: &MockServer) -> httpmock::Mock<'_> {
    server
        .mock_async(|when, then| {
            when.any_request();
            then.status(500)
                .header("content-type", "application/json")
                .body(r#"{"NeutronError": {"type": "Unexpected", "message": "UNEXPECTED REQUEST: no mock matched", "detail": ""}}"#);
        })
        .await
}

/// The samples write some numbers and booleans as strings (`"port_range_min": "80"`,
/// `"shared": "false"`); our builders send JSON numbers and booleans, which Neutron also
/// accepts. This turns such strings into the typed values so the bodies can be compared.
pub fn typed(v: Value) -> Value {
    match v {
        Value::String(s) => {
            if let Ok(n) = s.parse::<i64>() {
                Value::from(n)
            } else if s.eq_ignore_ascii_case("true") {
                Value::Bool(true)
            } else if s.eq_ignore_ascii_case("false") {
                Value::Bool(false)
            } else {
                Value::String(s)
            }
        }
        Value::Array(a) => Value::Array(a.into_iter().map(typed).collect()),
        Value::Object(o) => Value::Object(o.into_iter().map(|(k, v)| (k, typed(v))).collect()),
        other => other,
    }
}
