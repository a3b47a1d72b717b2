//! Error responses of each OpenStack service, as they come over real HTTP on 127.0.0.1.

use std::time::Duration;

use httpmock::MockServer;
use openstack_core::transport::ProxyConfig;
use openstack_core::{Error, ErrorKind, ProviderClient, Request, RetryConfig, ServiceClient};
use url::Url;

fn client_at(endpoint: &str) -> ServiceClient {
    let provider = ProviderClient::builder()
        .proxy(ProxyConfig::Disabled)
        .retry(RetryConfig::default().backoff(Duration::from_millis(1), Duration::from_millis(5)))
        .build_lazy()
        .expect("provider");
    ServiceClient::new(provider, "any", Url::parse(endpoint).expect("endpoint"))
}

fn client(server: &MockServer, path: &str) -> ServiceClient {
    client_at(&server.url(path))
}

/// Serves one error response at `GET <path>` and returns the error the client makes of it.
async fn error_for(
    endpoint: &str,
    path: &str,
    status: u16,
    headers: &[(&str, &str)],
    body: &str,
) -> Error {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method("GET").path(format!("{endpoint}{path}"));
            let mut then = then.status(status).body(body);
            for (k, v) in headers {
                then = then.header(*k, *v);
            }
        })
        .await;
    let err = client(&server, endpoint)
        .send(Request::get(path))
        .await
        .expect_err("an error status");
    assert_eq!(mock.calls_async().await, 1);
    assert_eq!(err.kind(), ErrorKind::Http);
    assert_eq!(err.status().map(|s| s.as_u16()), Some(status));
    err
}

#[tokio::test]
async fn nova_item_not_found() {
    let err = error_for(
        "/v2.1/",
        "servers/abc",
        404,
        &[
            ("content-type", "application/json; charset=UTF-8"),
            ("x-compute-request-id", "req-nova-1"),
        ],
        r#"{"itemNotFound": {"code": 404, "message": "Instance abc could not be found."}}"#,
    )
    .await;
    assert!(err.is_not_found());
    assert!(!err.is_conflict() && !err.is_unauthorized() && !err.is_retryable());
    assert_eq!(err.api_message(), Some("Instance abc could not be found."));
    assert_eq!(err.request_id(), Some("req-nova-1"));
    let shown = err.to_string();
    assert!(shown.contains("404"), "{shown}");
    assert!(
        shown.contains("Instance abc could not be found."),
        "{shown}"
    );
    assert!(shown.contains("req-nova-1"), "{shown}");
}

#[tokio::test]
async fn neutron_error() {
    let err = error_for(
        "/v2.0/",
        "networks/x",
        404,
        &[
            ("content-type", "application/json"),
            ("x-openstack-request-id", "req-neutron-1"),
        ],
        r#"{"NeutronError": {"type": "NetworkNotFound", "message": "Network x could not be found.", "detail": ""}}"#,
    )
    .await;
    assert!(err.is_not_found());
    assert_eq!(err.api_message(), Some("Network x could not be found."));
    assert_eq!(err.request_id(), Some("req-neutron-1"));
}

#[tokio::test]
async fn keystone_unauthorized() {
    let err = error_for(
        "/v3/",
        "users",
        401,
        &[
            ("content-type", "application/json"),
            ("www-authenticate", "Keystone uri=\"http://keystone/identity\""),
            ("x-openstack-request-id", "req-keystone-1"),
        ],
        r#"{"error": {"code": 401, "title": "Unauthorized", "message": "The request you have made requires authentication."}}"#,
    )
    .await;
    assert!(err.is_unauthorized());
    assert!(!err.is_not_found());
    assert_eq!(
        err.api_message(),
        Some("The request you have made requires authentication.")
    );
    assert_eq!(err.request_id(), Some("req-keystone-1"));
}

#[tokio::test]
async fn cinder_bad_request() {
    let err = error_for(
        "/v3/abc/",
        "volumes/v1/action",
        400,
        &[
            ("content-type", "application/json"),
            ("x-openstack-request-id", "req-cinder-1"),
        ],
        r#"{"badRequest": {"code": 400, "message": "Invalid volume: Volume status must be available or error."}}"#,
    )
    .await;
    assert_eq!(
        err.api_message(),
        Some("Invalid volume: Volume status must be available or error.")
    );
    assert_eq!(err.request_id(), Some("req-cinder-1"));
    assert!(!err.is_not_found() && !err.is_retryable());
}

#[tokio::test]
async fn glance_html_not_found() {
    let err = error_for(
        "/v2/",
        "images/abc",
        404,
        &[
            ("content-type", "text/html; charset=UTF-8"),
            ("x-openstack-request-id", "req-glance-1"),
        ],
        "<html>\n <head>\n  <title>404 Not Found</title>\n </head>\n <body>\n  <h1>404 Not Found</h1>\n  No image found with ID abc<br /><br />\n\n\n </body>\n</html>",
    )
    .await;
    assert!(err.is_not_found());
    assert_eq!(
        err.api_message(),
        Some("404 Not Found No image found with ID abc")
    );
    assert_eq!(err.request_id(), Some("req-glance-1"));
}

#[tokio::test]
async fn swift_not_found() {
    let err = error_for(
        "/v1/AUTH_test/",
        "c/o",
        404,
        &[
            ("content-type", "text/html; charset=UTF-8"),
            ("x-trans-id", "tx0123456789abcdef-0065f0c0de"),
            ("x-openstack-request-id", "tx0123456789abcdef-0065f0c0de"),
        ],
        "<html><h1>Not Found</h1><p>The resource could not be found.</p></html>",
    )
    .await;
    assert!(err.is_not_found());
    assert_eq!(
        err.api_message(),
        Some("Not Found The resource could not be found.")
    );
    assert_eq!(err.request_id(), Some("tx0123456789abcdef-0065f0c0de"));

    // Swift without x-openstack-request-id: x-trans-id alone.
    let err = error_for(
        "/v1/AUTH_test/",
        "c/o",
        404,
        &[
            ("content-type", "text/html; charset=UTF-8"),
            ("x-trans-id", "tx-only"),
        ],
        "<html><h1>Not Found</h1><p>The resource could not be found.</p></html>",
    )
    .await;
    assert_eq!(err.request_id(), Some("tx-only"));
}

#[tokio::test]
async fn swift_head_not_found_has_no_body() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method("HEAD").path("/v1/AUTH_test/c/o");
            then.status(404).header("x-trans-id", "tx-head");
        })
        .await;
    let err = client(&server, "/v1/AUTH_test/")
        .send(Request::head("c/o"))
        .await
        .expect_err("404");
    assert!(err.is_not_found());
    assert_eq!(err.api_message(), None);
    assert_eq!(err.request_id(), Some("tx-head"));
}

#[tokio::test]
async fn placement_conflict() {
    let err = error_for(
        "/",
        "resource_providers/rp1/inventories",
        409,
        &[
            ("content-type", "application/json"),
            ("openstack-api-version", "placement 1.39"),
            ("x-openstack-request-id", "req-placement-1"),
        ],
        r#"{"errors": [{"status": 409, "title": "Conflict", "detail": "resource provider generation conflict", "code": "placement.concurrent_update", "request_id": "req-placement-1"}]}"#,
    )
    .await;
    assert!(err.is_conflict());
    assert!(!err.is_not_found());
    assert_eq!(
        err.api_message(),
        Some("resource provider generation conflict")
    );
    assert_eq!(err.request_id(), Some("req-placement-1"));
}

#[tokio::test]
async fn ironic_nested_error_message() {
    let err = error_for(
        "/",
        "v1/nodes/x",
        404,
        &[
            ("content-type", "application/json"),
            ("x-openstack-request-id", "req-ironic-1"),
        ],
        r#"{"error_message": "{\"faultcode\": \"Client\", \"faultstring\": \"Node x could not be found.\", \"debuginfo\": null}"}"#,
    )
    .await;
    assert_eq!(err.api_message(), Some("Node x could not be found."));
}

#[tokio::test]
async fn ok_status_makes_other_success_codes_errors() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method("POST").path("/v2.1/servers/x/action");
            then.status(200).body("{}");
        })
        .await;
    let err = client(&server, "/v2.1/")
        .send(Request::post("servers/x/action").ok_status([202]))
        .await
        .expect_err("200 is not 202");
    assert_eq!(err.kind(), ErrorKind::Http);
    assert_eq!(err.status().map(|s| s.as_u16()), Some(200));
    assert_eq!(mock.calls_async().await, 1);
}

#[derive(Debug, serde::Deserialize)]
#[allow(dead_code)]
struct Server {
    id: String,
    name: String,
}

#[derive(Debug, serde::Deserialize)]
#[allow(dead_code)]
struct Servers {
    servers: Vec<Server>,
}

#[tokio::test]
async fn invalid_json_is_a_decode_error_naming_the_path() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method("GET").path("/v2.1/servers/detail");
            then.status(200)
                .header("content-type", "application/json")
                .body(r#"{"servers": [{"id": "a", "name": "x"}, {"id": "b", "name": 7}]}"#);
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method("GET").path("/v2.1/servers/broken");
            then.status(200)
                .header("content-type", "application/json")
                .body(r#"{"servers": [{"id": "a", "#);
        })
        .await;
    let c = client(&server, "/v2.1/");
    let err = c
        .send_json::<Servers>(Request::get("servers/detail"))
        .await
        .expect_err("wrong type");
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert_eq!(err.status(), None);
    assert_eq!(err.decode_path(), Some("servers[1].name"));
    let shown = err.to_string();
    assert!(shown.contains("servers[1].name"), "{shown}");
    assert!(shown.contains("/v2.1/servers/detail"), "{shown}");

    let err = c
        .send(Request::get("servers/broken"))
        .await
        .expect("200")
        .json::<Servers>()
        .await
        .expect_err("truncated JSON");
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert!(err.decode_path().is_some());
}

fn assert_no_canary(err: &Error) {
    let shown = err.to_string();
    let debug = format!("{err:?}");
    assert!(
        !shown.contains("CANARY"),
        "Display leaks the query: {shown}"
    );
    assert!(!debug.contains("CANARY"), "Debug leaks the query: {debug}");
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        assert!(!s.to_string().contains("CANARY"), "source leaks: {s}");
        source = s.source();
    }
}

#[tokio::test]
async fn errors_never_show_the_query_string() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method("GET").path("/v1/AUTH_test/c/missing");
            then.status(404)
                .header("content-type", "text/plain")
                .body("Not Found");
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method("GET").path("/v1/AUTH_test/c/bad-json");
            then.status(200)
                .header("content-type", "application/json")
                .body("[1, 2,");
        })
        .await;
    let c = client(&server, "/v1/AUTH_test/");
    let signed = |path: &str| {
        Request::get(path)
            .query_pair("temp_url_sig", "CANARY")
            .query_pair("temp_url_expires", "1700000000")
    };

    let err = c.send(signed("c/missing")).await.expect_err("404");
    assert!(err.is_not_found());
    assert!(err.to_string().contains("/v1/AUTH_test/c/missing"), "{err}");
    assert_no_canary(&err);

    let err = c
        .send_json::<Vec<u32>>(signed("c/bad-json"))
        .await
        .expect_err("decode");
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert_no_canary(&err);

    // Timeouts and connection failures name the URL too.
    let slow = MockServer::start_async().await;
    slow.mock_async(|when, then| {
        when.method("GET").path("/v1/AUTH_test/c/slow");
        then.status(200).delay(Duration::from_millis(300));
    })
    .await;
    let provider = ProviderClient::builder()
        .proxy(ProxyConfig::Disabled)
        .retry(RetryConfig::disabled())
        .request_timeout(Duration::from_millis(50))
        .build_lazy()
        .expect("provider");
    let c = ServiceClient::new(
        provider,
        "object-store",
        Url::parse(&slow.url("/v1/AUTH_test/")).expect("url"),
    );
    let err = c.send(signed("c/slow")).await.expect_err("timeout");
    assert!(err.is_timeout(), "{err:?}");
    assert_no_canary(&err);

    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        l.local_addr().expect("addr").port()
    };
    let c = client_at(&format!("http://127.0.0.1:{port}/v1/AUTH_test/"));
    let err = c.send(signed("c/o")).await.expect_err("connect");
    assert!(err.is_connect(), "{err:?}");
    assert_no_canary(&err);
}

#[tokio::test]
async fn huge_html_error_body_is_bounded() {
    let server = MockServer::start_async().await;
    let filler = "<p>".to_owned() + &"lorem ipsum dolor sit amet ".repeat(40_000) + "</p>";
    assert!(filler.len() > 1024 * 1024);
    let huge = format!("<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1>{filler}</body></html>");
    server
        .mock_async(|when, then| {
            when.method("GET").path("/v2/images/huge");
            then.status(404)
                .header("content-type", "text/html; charset=UTF-8")
                .header("x-openstack-request-id", "req-huge")
                .body(huge.as_str());
        })
        .await;
    let medium = "<html><body>".to_owned() + &"x".repeat(60 * 1024) + "</body></html>";
    server
        .mock_async(|when, then| {
            when.method("GET").path("/v2/images/medium");
            then.status(404)
                .header("content-type", "text/html; charset=UTF-8")
                .body(medium.as_str());
        })
        .await;
    let ok = server
        .mock_async(|when, then| {
            when.method("GET").path("/v2/images/ok");
            then.status(200)
                .header("content-type", "application/json")
                .body(r#"{"id": "ok"}"#);
        })
        .await;
    let c = client(&server, "/v2/");

    let err = c.send(Request::get("images/huge")).await.expect_err("404");
    assert!(err.is_not_found());
    assert_eq!(err.request_id(), Some("req-huge"));
    if let Some(m) = err.api_message() {
        assert!(m.len() <= 1024 + '…'.len_utf8(), "{} bytes", m.len());
    }
    assert!(err.to_string().len() < 4096);

    let err = c
        .send(Request::get("images/medium"))
        .await
        .expect_err("404");
    let m = err
        .api_message()
        .expect("a message from a body under 64 KiB");
    assert!(m.len() <= 1024 + '…'.len_utf8(), "{} bytes", m.len());
    assert!(m.starts_with("xxxx") && m.ends_with('…'), "{m:.40}");

    // The client still works after abandoning a large body.
    let v: serde_json::Value = c
        .send_json(Request::get("images/ok"))
        .await
        .expect("next request");
    assert_eq!(v["id"], "ok");
    assert_eq!(ok.calls_async().await, 1);
}
