//! Helpers shared by the httpmock and request-shape tests.
#![allow(dead_code, unreachable_pub)]

use httpmock::MockServer;
use openstack_core::{ProviderClient, ServiceClient};
use serde_json::Value;

/// Where the Glance samples are, relative to the corpus folder.
pub const SAMPLES: &str = "glance/api-ref/source/v2/samples";

/// A sample, parsed.
pub fn sample(rel: &str) -> Value {
    openstack_test_support::corpus::json(&format!("{SAMPLES}/{rel}"))
}

/// A sample as text (served byte for byte).
pub fn sample_text(rel: &str) -> String {
    String::from_utf8(openstack_test_support::corpus::read(&format!(
        "{SAMPLES}/{rel}"
    )))
    .expect("utf-8 sample")
}

/// An image client against the mock server, with no authentication. The override is the
/// unversioned root `prefix` (like a Glance catalog entry); the client appends `v2/`.
pub fn client_at(server: &MockServer, prefix: &str) -> ServiceClient {
    let provider = ProviderClient::builder()
        .endpoint_override("image", server.url(prefix))
        .build_lazy()
        .expect("provider");
    openstack_image::client(&provider).expect("image client")
}

/// An image client at the server's root.
pub fn client(server: &MockServer) -> ServiceClient {
    client_at(server, "/")
}

/// A catch-all that answers anything unexpected with a loud 500. Create it LAST.
pub async fn catch_all(server: &MockServer) -> httpmock::Mock<'_> {
    server
        .mock_async(|when, then| {
            when.any_request();
            then.status(500)
                .header("content-type", "text/plain")
                .body("UNEXPECTED REQUEST: no mock matched");
        })
        .await
}
