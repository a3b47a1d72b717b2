//! Helpers shared by the httpmock tests.
#![allow(dead_code, unreachable_pub)]

use httpmock::MockServer;
use openstack_core::{ProviderClient, ServiceClient};
use serde_json::Value;

/// Where the Nova samples are, relative to the corpus folder.
pub const SAMPLES: &str = "nova/doc/api_samples";

/// An official sample, parsed.
pub fn sample(rel: &str) -> Value {
    openstack_test_support::corpus::json(&format!("{SAMPLES}/{rel}"))
}

/// An official sample as text (served byte for byte).
pub fn sample_text(rel: &str) -> String {
    String::from_utf8(openstack_test_support::corpus::read(&format!(
        "{SAMPLES}/{rel}"
    )))
    .expect("utf-8 sample")
}

/// Whether the corpus is there (tests return early when it is not).
pub fn have_corpus() -> bool {
    openstack_test_support::corpus::dir().is_some()
}

/// A compute client against the mock server (endpoint `/v2.1`), with no authentication.
pub fn client(server: &MockServer) -> ServiceClient {
    let provider = ProviderClient::builder()
        .endpoint_override("compute", server.url("/v2.1"))
        .build_lazy()
        .expect("provider");
    openstack_compute::client(&provider).expect("compute client")
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
