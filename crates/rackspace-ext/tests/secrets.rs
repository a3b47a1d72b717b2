//! The API-key canary, alone in its test binary so that its log subscriber sees every event:
//! a rejected key never shows in errors, Debug output or logs (TRACE level).

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};

use common::{catch_all, UNAUTHORIZED};
use httpmock::prelude::*;
use openstack_core::ProviderClient;
use rackspace_ext::auth::RackspaceAuth;
use serde_json::json;

const KEY: &str = "CANARY-rs-api-key-5e1f0c2b9d";

fn api_key_body() -> serde_json::Value {
    json!({"auth": {"RAX-KSKEY:apiKeyCredentials": {"username": "jsmith", "apiKey": KEY}}})
}

fn auth(server: &MockServer) -> Arc<RackspaceAuth> {
    Arc::new(RackspaceAuth::api_key("jsmith", KEY).identity_url(server.url("/v2.0/")))
}

/// A `Write` that keeps everything the log subscriber writes.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("lock").extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn a_rejected_key_never_shows_in_errors_debug_or_logs() {
    let captured = Captured::default();
    let sink = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || sink.clone())
        .finish();
    tracing::subscriber::set_global_default(subscriber).expect("the only subscriber");

    let server = MockServer::start_async().await;
    let m = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/v2.0/tokens")
                .json_body(api_key_body());
            then.status(401)
                .header("content-type", "application/json")
                .body(UNAUTHORIZED);
        })
        .await;
    let unexpected = catch_all(&server).await;
    let method = auth(&server);
    let err = ProviderClient::builder()
        .auth_method(method.clone())
        .build()
        .await
        .expect_err("401");
    m.assert_calls_async(1).await;
    assert!(err.is_unauthorized(), "{err:?}");
    assert_eq!(err.api_message(), Some("Username or api key is invalid."));
    let shown = format!("{err} {err:?} {method:?} {method:#?}");
    assert!(shown.contains("jsmith"), "the user is named: {shown}");
    assert!(!shown.contains(KEY), "the key leaked: {shown}");

    // A lazily built provider: Debug before and after a failed authentication.
    let provider = ProviderClient::builder()
        .auth_method(method.clone())
        .build_lazy()
        .expect("lazy");
    let e2 = provider.token().await.expect_err("401 again");
    let shown = format!("{provider:?} {e2:?}");
    assert!(!shown.contains(KEY), "{shown}");

    let logs = String::from_utf8(captured.0.lock().expect("lock").clone()).expect("utf-8");
    assert!(
        logs.contains("requesting a Rackspace token"),
        "logs: {logs}"
    );
    // The mock server logs what it was told to match and what it received (the key
    // included): leave its records out, check everything the SDK logged.
    let mut ours = String::new();
    let mut skipping = false;
    for line in logs.lines() {
        if line.starts_with("20") {
            skipping = line.contains(" httpmock::");
        }
        if !skipping {
            ours.push_str(line);
            ours.push('\n');
        }
    }
    assert!(
        ours.contains("openstack_core") || ours.contains("rackspace_ext"),
        "{ours}"
    );
    assert!(!ours.contains(KEY), "the key is in the logs: {ours}");
    unexpected.assert_calls_async(0).await;
}
