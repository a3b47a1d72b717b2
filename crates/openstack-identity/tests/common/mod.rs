//! Shared helpers for the httpmock tests: a client against the mock server, the official
//! samples, and a loud catch-all.
#![allow(dead_code, unreachable_pub)]

use std::time::Duration;

use httpmock::{Mock, MockServer};
use openstack_core::transport::ProxyConfig;
use openstack_core::{ProviderClient, RetryConfig, ServiceClient};
use openstack_test_support::corpus;

/// The v3 admin samples.
pub const ADMIN: &str = "keystone/api-ref/source/v3/samples/admin";
/// The v3 auth samples.
pub const AUTH: &str = "keystone/api-ref/source/v3/samples/auth";
/// The historical v2.0 samples.
pub const V2: &str = "keystone/historical/v2.0-removed-3a6b1bb8/api-ref/source/v2/samples/admin";

/// An unauthenticated provider whose identity endpoint is the mock server's `/identity`
/// (unversioned, as catalogs often list it).
pub fn provider(server: &MockServer) -> ProviderClient {
    ProviderClient::builder()
        .endpoint_override("identity", server.url("/identity"))
        .proxy(ProxyConfig::Disabled)
        .retry(RetryConfig::default().max_attempts(1))
        .request_timeout(Duration::from_secs(10))
        .build_lazy()
        .expect("provider")
}

/// A v3 client (`/identity/v3/`).
pub fn v3(server: &MockServer) -> ServiceClient {
    let c = openstack_identity::client(&provider(server)).expect("client");
    assert_eq!(c.endpoint().as_str(), server.url("/identity/v3/"));
    c
}

/// A v2.0 client (`/identity/v2.0/`).
pub fn v2(server: &MockServer) -> ServiceClient {
    openstack_identity::client_v2(&provider(server)).expect("client")
}

/// An admin sample.
pub fn admin(name: &str) -> serde_json::Value {
    corpus::json(&format!("{ADMIN}/{name}"))
}

/// Any sample under the keystone corpus.
pub fn sample(rel: &str) -> serde_json::Value {
    corpus::json(rel)
}

/// Serves 500 with a loud body for any request no other mock matched. Create it LAST:
/// httpmock uses the first mock (in creation order) that matches.
pub async fn catch_all(server: &MockServer) -> Mock<'_> {
    server
        .mock_async(|_when, then| {
            then.status(500)
                .header("content-type", "application/json")
                .body(r#"{"error": {"code": 500, "title": "UNEXPECTED", "message": "UNEXPECTED REQUEST: no mock matched"}}"#);
        })
        .await
}

/// Keystone's error body.
pub fn error_body(code: u16, title: &str, message: &str) -> serde_json::Value {
    serde_json::json!({"error": {"code": code, "title": title, "message": message}})
}
