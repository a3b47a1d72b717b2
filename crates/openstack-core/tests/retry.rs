//! Retry behaviour of the client's tower stack, proven against real HTTP on 127.0.0.1.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use httpmock::MockServer;
use openstack_core::transport::{HttpService, ProxyConfig};
use openstack_core::{
    Body, ErrorKind, ProviderClient, ProviderClientBuilder, Request, RetryConfig, ServiceClient,
};
use tower::ServiceExt;
use url::Url;

/// Small backoffs so that retries are fast.
fn fast_retry() -> RetryConfig {
    RetryConfig::default().backoff(Duration::from_millis(1), Duration::from_millis(5))
}

fn builder(retry: RetryConfig) -> ProviderClientBuilder {
    ProviderClient::builder()
        .proxy(ProxyConfig::Disabled)
        .retry(retry)
}

fn client_at(builder: ProviderClientBuilder, endpoint: &str) -> ServiceClient {
    let provider = builder.build_lazy().expect("provider");
    ServiceClient::new(provider, "compute", Url::parse(endpoint).expect("endpoint"))
}

fn client(server: &MockServer, retry: RetryConfig) -> ServiceClient {
    client_at(builder(retry), &server.url("/v2.1/"))
}

/// A layer just above the HTTP connection that counts every attempt.
fn counting(
    count: Arc<AtomicUsize>,
) -> impl tower::Layer<HttpService, Service = HttpService> + Send + 'static {
    tower::layer::layer_fn(move |inner: HttpService| {
        let count = count.clone();
        HttpService::new(inner.map_request(move |req: http::Request<Body>| {
            count.fetch_add(1, Ordering::SeqCst);
            req
        }))
    })
}

/// A port on 127.0.0.1 with nothing listening on it.
fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("addr").port();
    drop(listener);
    port
}

#[tokio::test]
async fn get_503_503_200_succeeds_after_three_hits() {
    let server = MockServer::start_async().await;
    let failing = server
        .mock_async(|when, then| {
            when.method("GET").path("/v2.1/servers");
            then.status(503).up_to_n_times(2);
        })
        .await;
    let ok = server
        .mock_async(|when, then| {
            when.method("GET").path("/v2.1/servers");
            then.status(200)
                .header("content-type", "application/json")
                .body(r#"{"servers": []}"#);
        })
        .await;
    let c = client(&server, fast_retry().max_attempts(3));
    let v: serde_json::Value = c
        .send_json(Request::get("servers"))
        .await
        .expect("third attempt succeeds");
    assert_eq!(v["servers"], serde_json::json!([]));
    assert_eq!(failing.calls_async().await, 2);
    assert_eq!(ok.calls_async().await, 1);
}

#[tokio::test]
async fn get_gives_up_after_max_attempts() {
    let server = MockServer::start_async().await;
    let failing = server
        .mock_async(|when, then| {
            when.method("GET").path("/v2.1/servers");
            then.status(503).up_to_n_times(4);
        })
        .await;
    let ok = server
        .mock_async(|when, then| {
            when.method("GET").path("/v2.1/servers");
            then.status(200).body("{}");
        })
        .await;
    let c = client(&server, fast_retry().max_attempts(3));
    let err = c
        .send(Request::get("servers"))
        .await
        .expect_err("three 503s exhaust the attempts");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(err.kind(), ErrorKind::Http);
    assert!(err.is_retryable());
    assert_eq!(failing.calls_async().await, 3);
    assert_eq!(ok.calls_async().await, 0);
}

#[tokio::test]
async fn post_answered_502_503_504_is_never_resent() {
    for status in [502u16, 503, 504] {
        let server = MockServer::start_async().await;
        let failing = server
            .mock_async(|when, then| {
                when.method("POST").path("/v2.1/servers");
                then.status(status).up_to_n_times(1);
            })
            .await;
        let ok = server
            .mock_async(|when, then| {
                when.method("POST").path("/v2.1/servers");
                then.status(202).body("{}");
            })
            .await;
        let c = client(&server, fast_retry().max_attempts(5));
        let err = c
            .send(
                Request::post("servers")
                    .json(&serde_json::json!({"server": {"name": "a"}}))
                    .expect("json"),
            )
            .await
            .expect_err("a POST is not retried on {status}");
        assert_eq!(err.status().map(|s| s.as_u16()), Some(status));
        assert_eq!(
            failing.calls_async().await,
            1,
            "POST sent twice on {status}"
        );
        assert_eq!(ok.calls_async().await, 0, "POST sent twice on {status}");
    }
}

#[tokio::test]
async fn post_answered_429_is_retried_with_the_same_body() {
    let server = MockServer::start_async().await;
    let body = serde_json::json!({"server": {"name": "a"}});
    let limited = server
        .mock_async(|when, then| {
            when.method("POST").path("/v2.1/servers");
            then.status(429).up_to_n_times(1);
        })
        .await;
    let created = server
        .mock_async(|when, then| {
            when.method("POST")
                .path("/v2.1/servers")
                .header("content-type", "application/json")
                .json_body(body.clone());
            then.status(201)
                .header("content-type", "application/json")
                .body(r#"{"server": {"id": "x"}}"#);
        })
        .await;
    let c = client(&server, fast_retry().max_attempts(3));
    let resp = c
        .send(Request::post("servers").json(&body).expect("json"))
        .await
        .expect("429 then 201");
    assert_eq!(resp.status().as_u16(), 201);
    assert_eq!(limited.calls_async().await, 1);
    assert_eq!(created.calls_async().await, 1);
}

#[tokio::test]
async fn retry_after_longer_than_max_stops_retrying() {
    let server = MockServer::start_async().await;
    let failing = server
        .mock_async(|when, then| {
            when.method("GET").path("/v2.1/servers");
            then.status(503).header("retry-after", "120");
        })
        .await;
    let c = client(
        &server,
        fast_retry()
            .max_attempts(3)
            .max_retry_after(Duration::from_secs(1)),
    );
    let err = c
        .send(Request::get("servers"))
        .await
        .expect_err("Retry-After too long");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(err.retry_after(), Some(Duration::from_secs(120)));
    assert_eq!(failing.calls_async().await, 1);
}

#[tokio::test]
async fn retry_after_zero_is_honoured_instead_of_the_backoff() {
    let server = MockServer::start_async().await;
    let failing = server
        .mock_async(|when, then| {
            when.method("GET").path("/v2.1/servers");
            then.status(503).header("retry-after", "0").up_to_n_times(1);
        })
        .await;
    let ok = server
        .mock_async(|when, then| {
            when.method("GET").path("/v2.1/servers");
            then.status(200).body("{}");
        })
        .await;
    // The backoff is an hour: only honouring `Retry-After: 0` lets the retry happen now. The
    // outer timeout only guards against hanging for that hour; it measures nothing.
    let c = client(
        &server,
        RetryConfig::default()
            .backoff(Duration::from_secs(3600), Duration::from_secs(3600))
            .max_attempts(3),
    );
    let resp = tokio::time::timeout(Duration::from_secs(30), c.send(Request::get("servers")))
        .await
        .expect("Retry-After: 0 was not honoured: the client waited for its backoff")
        .expect("503 then 200");
    assert_eq!(resp.status().as_u16(), 200);
    assert_eq!(failing.calls_async().await, 1);
    assert_eq!(ok.calls_async().await, 1);
}

#[tokio::test]
async fn retry_after_http_date_longer_than_max_stops_retrying() {
    // `Retry-After` may also be an HTTP date (RFC 9110 §10.2.3); one an hour away is longer
    // than `max_retry_after` and must end retrying just like `Retry-After: 3600`.
    let in_an_hour = time::OffsetDateTime::now_utc() + time::Duration::hours(1);
    let format = time::macros::format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    let date = in_an_hour.format(format).expect("date");
    let server = MockServer::start_async().await;
    let failing = server
        .mock_async(|when, then| {
            when.method("GET").path("/v2.1/servers");
            then.status(503).header("retry-after", date.as_str());
        })
        .await;
    let c = client(
        &server,
        fast_retry()
            .max_attempts(3)
            .max_retry_after(Duration::from_secs(60)),
    );
    let err = c
        .send(Request::get("servers"))
        .await
        .expect_err("503 with a far Retry-After date");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    assert!(
        err.retry_after()
            .is_some_and(|d| d > Duration::from_secs(60)),
        "the error reads the date: {:?}",
        err.retry_after()
    );
    assert_eq!(
        failing.calls_async().await,
        1,
        "a Retry-After date beyond max_retry_after must stop retrying"
    );
}

#[tokio::test]
async fn streamed_body_is_never_replayed() {
    let server = MockServer::start_async().await;
    let failing = server
        .mock_async(|when, then| {
            when.method("PUT").path("/v1/AUTH_x/c/o");
            then.status(503).up_to_n_times(1);
        })
        .await;
    let ok = server
        .mock_async(|when, then| {
            when.method("PUT").path("/v1/AUTH_x/c/o");
            then.status(201);
        })
        .await;
    let c = client_at(
        builder(fast_retry().max_attempts(3)),
        &server.url("/v1/AUTH_x/"),
    );
    let chunks = futures::stream::iter(vec![
        Ok::<_, std::io::Error>(Bytes::from_static(b"hello ")),
        Ok(Bytes::from_static(b"world")),
    ]);
    let err = c
        .send(Request::put("c/o").body(Body::from_stream(chunks)))
        .await
        .expect_err("a streamed PUT is not replayed");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(failing.calls_async().await, 1);
    assert_eq!(ok.calls_async().await, 0);
}

#[tokio::test]
async fn connect_errors_are_retried_for_any_method() {
    let port = closed_port();
    for request in [
        Request::get("servers"),
        Request::post("servers")
            .json(&serde_json::json!({"server": {}}))
            .expect("json"),
    ] {
        let method = request.method().clone();
        let count = Arc::new(AtomicUsize::new(0));
        let c = client_at(
            builder(fast_retry().max_attempts(3)).layer(counting(count.clone())),
            &format!("http://127.0.0.1:{port}/v2.1/"),
        );
        let err = c.send(request).await.expect_err("nothing listens");
        assert!(err.is_connect(), "{method}: {err:?}");
        assert_eq!(err.kind(), ErrorKind::Connect);
        assert!(err.is_retryable());
        assert_eq!(err.status(), None);
        assert_eq!(count.load(Ordering::SeqCst), 3, "{method} attempts");
    }
}

/// `GET /v2.1/servers` answers 503 once, then 200 `{}`: (the failing mock, the good one).
async fn servers_fail_once(server: &MockServer) -> (httpmock::Mock<'_>, httpmock::Mock<'_>) {
    let failing = server
        .mock_async(|when, then| {
            when.method("GET").path("/v2.1/servers");
            then.status(503).up_to_n_times(1);
        })
        .await;
    let ok = server
        .mock_async(|when, then| {
            when.method("GET").path("/v2.1/servers");
            then.status(200).body("{}");
        })
        .await;
    (failing, ok)
}

#[tokio::test]
async fn disabled_retries_send_once() {
    let server = MockServer::start_async().await;
    let (failing, ok) = servers_fail_once(&server).await;
    let c = client(&server, RetryConfig::disabled());
    let err = c.send(Request::get("servers")).await.expect_err("no retry");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(failing.calls_async().await, 1);
    assert_eq!(ok.calls_async().await, 0);
}

#[tokio::test]
async fn empty_retry_budget_allows_no_retry() {
    let server = MockServer::start_async().await;
    let (failing, ok) = servers_fail_once(&server).await;
    let mut retry = fast_retry().max_attempts(5);
    retry.retry_percent = 0.0;
    retry.min_retries_per_sec = 0;
    let c = client(&server, retry);
    let err = c
        .send(Request::get("servers"))
        .await
        .expect_err("the budget allows no retry");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(failing.calls_async().await, 1);
    assert_eq!(ok.calls_async().await, 0);

    // The same settings with a budget do retry: the budget is what stopped it above.
    let server = MockServer::start_async().await;
    let (failing, ok) = servers_fail_once(&server).await;
    let c = client(&server, fast_retry().max_attempts(5));
    c.send(Request::get("servers")).await.expect("retried");
    assert_eq!(failing.calls_async().await, 1);
    assert_eq!(ok.calls_async().await, 1);
}

#[tokio::test]
async fn timeout_is_typed_and_retried_only_for_idempotent_methods() {
    let server = MockServer::start_async().await;
    let slow_get = server
        .mock_async(|when, then| {
            when.method("GET").path("/v2.1/servers");
            then.status(200)
                .body("{}")
                .delay(Duration::from_millis(300));
        })
        .await;
    let slow_post = server
        .mock_async(|when, then| {
            when.method("POST").path("/v2.1/servers");
            then.status(202)
                .body("{}")
                .delay(Duration::from_millis(300));
        })
        .await;
    let c = client_at(
        builder(fast_retry().max_attempts(2)).request_timeout(Duration::from_millis(50)),
        &server.url("/v2.1/"),
    );

    let err = c
        .send(Request::get("servers"))
        .await
        .expect_err("GET times out");
    assert!(err.is_timeout(), "{err:?}");
    assert_eq!(err.kind(), ErrorKind::Timeout);
    assert!(err.is_retryable());
    assert_eq!(
        slow_get.calls_async().await,
        2,
        "a GET is retried after a timeout"
    );

    let err = c
        .send(
            Request::post("servers")
                .json(&serde_json::json!({"server": {}}))
                .expect("json"),
        )
        .await
        .expect_err("POST times out");
    assert!(err.is_timeout(), "{err:?}");
    assert_eq!(err.kind(), ErrorKind::Timeout);
    assert_eq!(
        slow_post.calls_async().await,
        1,
        "a POST is not retried after a timeout"
    );
}
