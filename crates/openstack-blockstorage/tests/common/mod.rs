//! Helpers shared by the httpmock and request-shape tests.
#![allow(dead_code, unreachable_pub)]

use httpmock::MockServer;
use openstack_core::{ProviderClient, ServiceClient};
use serde_json::Value;

/// Where the Cinder v3 samples are, relative to the corpus folder.
pub const SAMPLES: &str = "cinder/api-ref/source/v3/samples";
/// Where the Cinder v1 samples are.
pub const V1_SAMPLES: &str = "cinder/historical/v1-removed-f4c44658/api-ref/source/v1/samples";

/// A v3 sample, parsed.
pub fn sample(rel: &str) -> Value {
    openstack_test_support::corpus::json(&format!("{SAMPLES}/{rel}"))
}

/// A v3 sample as text (served byte for byte).
pub fn sample_text(rel: &str) -> String {
    String::from_utf8(openstack_test_support::corpus::read(&format!(
        "{SAMPLES}/{rel}"
    )))
    .expect("utf-8 sample")
}

/// A v1 sample, parsed.
pub fn v1_sample(rel: &str) -> Value {
    openstack_test_support::corpus::json(&format!("{V1_SAMPLES}/{rel}"))
}

/// A v1 sample as text.
pub fn v1_sample_text(rel: &str) -> String {
    String::from_utf8(openstack_test_support::corpus::read(&format!(
        "{V1_SAMPLES}/{rel}"
    )))
    .expect("utf-8 sample")
}

/// A v3 client against the mock server, with no authentication. The override is a
/// `/v3/<project>` URL like a Cinder catalog entry.
pub fn client(server: &MockServer) -> ServiceClient {
    let provider = ProviderClient::builder()
        .endpoint_override("block-storage", server.url("/v3/p1"))
        .build_lazy()
        .expect("provider");
    openstack_blockstorage::client(&provider).expect("block storage client")
}

/// A v1 client against the mock server.
pub fn client_v1(server: &MockServer) -> ServiceClient {
    let provider = ProviderClient::builder()
        .endpoint_override("volume", server.url("/v1/p1"))
        .build_lazy()
        .expect("provider");
    openstack_blockstorage::client_v1(&provider).expect("v1 client")
}

/// A catch-all that answers anything unexpected with a loud 500. Create it LAST: httpmock
/// serves the first matching mock in creation order.
pub async fn catch_all(server: &MockServer) -> httpmock::Mock<'_> {
    server
        .mock_async(|when, then| {
            when.any_request();
            then.status(500)
                .header("content-type", "application/json")
                .body(r#"{"computeFault": {"code": 500, "message": "UNEXPECTED REQUEST: no mock matched"}}"#);
        })
        .await
}

/// Request samples spell optional fields as `null`; our builders leave unset fields out,
/// which Cinder treats the same. This drops `null` members of objects so bodies compare.
pub fn without_nulls(v: Value) -> Value {
    match v {
        Value::Object(o) => Value::Object(
            o.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k, without_nulls(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.into_iter().map(without_nulls).collect()),
        other => other,
    }
}
