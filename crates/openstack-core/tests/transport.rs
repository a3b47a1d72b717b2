//! The HTTP transport: headers, microversions, bodies, streaming, connection reuse and user
//! layers, against real HTTP on 127.0.0.1.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use futures::TryStreamExt;
use httpmock::MockServer;
use openstack_core::http::Method;
use openstack_core::transport::{HttpService, ProxyConfig};
use openstack_core::{
    Body, ErrorKind, Microversion, ProviderClient, ProviderClientBuilder, Request, RetryConfig,
    ServiceClient, DEFAULT_USER_AGENT,
};
use serde_json::json;
use tower::ServiceExt;
use url::Url;

fn builder() -> ProviderClientBuilder {
    ProviderClient::builder()
        .proxy(ProxyConfig::Disabled)
        .retry(RetryConfig::default().backoff(Duration::from_millis(1), Duration::from_millis(5)))
}

fn client_with(
    builder: ProviderClientBuilder,
    service_type: &str,
    endpoint: &str,
) -> ServiceClient {
    let provider = builder.build_lazy().expect("provider");
    ServiceClient::new(
        provider,
        service_type,
        Url::parse(endpoint).expect("endpoint"),
    )
}

fn client(server: &MockServer, service_type: &str, path: &str) -> ServiceClient {
    client_with(builder(), service_type, &server.url(path))
}

#[tokio::test]
async fn user_agent_is_sent() {
    assert!(DEFAULT_USER_AGENT.starts_with("ferrocloud/"));
    assert_eq!(
        DEFAULT_USER_AGENT,
        format!("ferrocloud/{}", env!("CARGO_PKG_VERSION"))
    );
    let server = MockServer::start_async().await;
    let plain = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/v2.1/plain")
                .header("user-agent", DEFAULT_USER_AGENT)
                .header("accept", "application/json");
            then.status(200).body("{}");
        })
        .await;
    let suffixed = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/v2.1/suffixed")
                .header("user-agent", format!("{DEFAULT_USER_AGENT} myapp/2.0"));
            then.status(200).body("{}");
        })
        .await;
    client(&server, "compute", "/v2.1/")
        .send(Request::get("plain"))
        .await
        .expect("default user agent");
    client_with(
        builder().user_agent_suffix("myapp/2.0"),
        "compute",
        &server.url("/v2.1/"),
    )
    .send(Request::get("suffixed"))
    .await
    .expect("user agent with suffix");
    assert_eq!(plain.calls_async().await, 1);
    assert_eq!(suffixed.calls_async().await, 1);
}

#[tokio::test]
async fn invalid_user_agent_suffix_is_a_config_error() {
    let err = builder()
        .user_agent_suffix("bad\nsuffix")
        .build_lazy()
        .expect_err("newline in a header");
    assert_eq!(err.kind(), ErrorKind::Config);
}

#[tokio::test]
async fn microversion_headers_are_sent() {
    let server = MockServer::start_async().await;
    let compute = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/v2.1/servers")
                .header("openstack-api-version", "compute 2.79")
                .header("x-openstack-nova-api-version", "2.79");
            then.status(200).body("{}");
        })
        .await;
    let volume = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/v3/p/volumes")
                .header("openstack-api-version", "volume 3.59")
                .header_missing("x-openstack-nova-api-version");
            then.status(200).body("{}");
        })
        .await;
    let plain = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/v2.1/flavors")
                .header_missing("openstack-api-version")
                .header_missing("x-openstack-nova-api-version");
            then.status(200).body("{}");
        })
        .await;

    let nova = client(&server, "compute", "/v2.1/");
    let nova_279 = nova.with_microversion(Microversion::new(2, 79));
    assert_eq!(nova_279.microversion(), Some(Microversion::new(2, 79)));
    nova_279
        .send(Request::get("servers"))
        .await
        .expect("compute 2.79");
    nova.send(Request::get("flavors"))
        .await
        .expect("no microversion");
    nova_279
        .without_microversion()
        .send(Request::get("flavors"))
        .await
        .expect("no microversion");

    for service_type in ["block-storage", "volumev3"] {
        client(&server, service_type, "/v3/p/")
            .with_microversion(Microversion::new(3, 59))
            .send(Request::get("volumes"))
            .await
            .expect("volume 3.59");
    }
    assert_eq!(compute.calls_async().await, 1);
    assert_eq!(volume.calls_async().await, 2);
    assert_eq!(plain.calls_async().await, 2);
}

const NOVA_VERSION: &str = r#"{"version": {"id": "v2.1", "status": "CURRENT", "version": "2.96", "min_version": "2.1", "updated": "2013-07-23T11:33:21Z", "links": [{"rel": "self", "href": "http://nova/v2.1/"}], "media-types": [{"base": "application/json", "type": "application/vnd.openstack.compute+json;version=2.1"}]}}"#;

#[tokio::test]
async fn discover_and_negotiate_microversions() {
    let server = MockServer::start_async().await;
    let doc = server
        .mock_async(|when, then| {
            when.method("GET").path("/v2.1/");
            then.status(200)
                .header("content-type", "application/json")
                .body(NOVA_VERSION);
        })
        .await;
    let negotiated = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/v2.1/proj/servers")
                .header("openstack-api-version", "compute 2.96")
                .header("x-openstack-nova-api-version", "2.96");
            then.status(200).body("{}");
        })
        .await;
    let lower = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/v2.1/proj/servers")
                .header("openstack-api-version", "compute 2.60");
            then.status(200).body("{}");
        })
        .await;

    // At the versioned root.
    let range = client(&server, "compute", "/v2.1/")
        .discover_microversions()
        .await
        .expect("discovery")
        .expect("a range");
    assert_eq!(range.min, Microversion::new(2, 1));
    assert_eq!(range.max, Microversion::new(2, 96));
    assert_eq!(doc.calls_async().await, 1);

    // Below it (an endpoint with a project id): the document is read at `/v2.1/`.
    let nova = client(&server, "compute", "/v2.1/proj/");
    let range = nova
        .discover_microversions()
        .await
        .expect("discovery")
        .expect("a range");
    assert_eq!(range.max, Microversion::new(2, 96));
    assert_eq!(doc.calls_async().await, 2);

    let high = nova
        .negotiate_microversion(Microversion::new(2, 200))
        .await
        .expect("negotiated");
    assert_eq!(high.microversion(), Some(Microversion::new(2, 96)));
    high.send(Request::get("servers")).await.expect("2.96");
    assert_eq!(negotiated.calls_async().await, 1);

    let mid = nova
        .negotiate_microversion(Microversion::new(2, 60))
        .await
        .expect("negotiated");
    assert_eq!(mid.microversion(), Some(Microversion::new(2, 60)));
    mid.send(Request::get("servers")).await.expect("2.60");
    assert_eq!(lower.calls_async().await, 1);

    let err = nova
        .negotiate_microversion(Microversion::new(1, 0))
        .await
        .expect_err("below the minimum");
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
}

#[tokio::test]
async fn service_without_microversions() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method("GET").path("/v2.0/");
            then.status(200)
                .header("content-type", "application/json")
                .body(r#"{"version": {"id": "v2.0", "status": "CURRENT", "links": []}}"#);
        })
        .await;
    let neutron = client(&server, "network", "/v2.0/");
    assert_eq!(
        neutron.discover_microversions().await.expect("discovery"),
        None
    );
    let err = neutron
        .negotiate_microversion(Microversion::new(2, 1))
        .await
        .expect_err("no microversions");
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
}

#[tokio::test]
async fn raw_request_escape_hatch() {
    #[derive(serde::Serialize)]
    struct Q {
        limit: u32,
        with_servers: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        marker: Option<String>,
    }
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/v2.1/os-hypervisors")
                .query_param("limit", "5")
                .query_param("with_servers", "true")
                .query_param_missing("marker")
                .header("x-extra", "1");
            then.status(200)
                .header("content-type", "application/json")
                .json_body(json!({"hypervisors": [{"id": 1, "hypervisor_hostname": "hv1"}]}));
        })
        .await;
    let c = client(&server, "compute", "/v2.1/");
    let v: serde_json::Value = c
        .request(Method::GET, "os-hypervisors")
        .query(&Q {
            limit: 5,
            with_servers: true,
            marker: None,
        })
        .header("x-extra", "1")
        .send_json()
        .await
        .expect("raw request");
    assert_eq!(v["hypervisors"][0]["hypervisor_hostname"], "hv1");
    assert_eq!(mock.calls_async().await, 1);

    // A status outside `ok_status` is an error here too.
    let err = c
        .request(Method::GET, "os-hypervisors")
        .query(&Q {
            limit: 5,
            with_servers: true,
            marker: None,
        })
        .header("x-extra", "1")
        .ok_status([204])
        .send()
        .await
        .expect_err("200 is not 204");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(200));

    // A build error surfaces when sending.
    let err = c
        .request(Method::GET, "os-hypervisors")
        .header("bad header", "x")
        .send()
        .await
        .expect_err("invalid header name");
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert_eq!(mock.calls_async().await, 2);
}

#[tokio::test]
async fn query_and_json_body_round_trip() {
    #[derive(serde::Serialize)]
    struct Q<'a> {
        #[serde(rename = "changes-since")]
        changes_since: &'a str,
        fields: Vec<&'a str>,
    }
    let body =
        json!({"server": {"name": "web 1", "flavorRef": "m1.small", "metadata": {"k": "ü"}}});
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method("POST")
                .path("/v2.1/servers")
                .query_param("changes-since", "2024-01-01T00:00:00Z")
                .query_param("fields", "id")
                .header("content-type", "application/json")
                .json_body(body.clone());
            then.status(202)
                .header("content-type", "application/json")
                .header("x-openstack-request-id", "req-create")
                .json_body(json!({"server": {"id": "new", "name": "web 1"}}));
        })
        .await;
    let c = client(&server, "compute", "/v2.1/");
    let resp = c
        .send(
            Request::post("servers")
                .query(&Q {
                    changes_since: "2024-01-01T00:00:00Z",
                    fields: vec!["id"],
                })
                .expect("query")
                .json(&body)
                .expect("json")
                .ok_status([202]),
        )
        .await
        .expect("created");
    assert_eq!(resp.status().as_u16(), 202);
    assert_eq!(resp.request_id().as_deref(), Some("req-create"));
    assert_eq!(
        resp.url().path(),
        "/v2.1/servers",
        "the response knows its URL"
    );
    let v: serde_json::Value = resp.json().await.expect("json");
    assert_eq!(v["server"]["id"], "new");
    assert_eq!(mock.calls_async().await, 1);
}

#[tokio::test]
async fn large_response_body_streams_in_chunks() {
    const SIZE: usize = 5 * 1024 * 1024;
    let data: Vec<u8> = (0..SIZE).map(|i| (i % 251) as u8).collect();
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method("GET").path("/v1/AUTH_test/c/big");
            then.status(200)
                .header("content-type", "application/octet-stream")
                .body(&data);
        })
        .await;
    let c = client(&server, "object-store", "/v1/AUTH_test/");
    let resp = c.send(Request::get("c/big")).await.expect("200");
    let mut stream = resp.into_stream();
    let mut chunks = 0usize;
    let mut total = 0usize;
    let mut same = true;
    while let Some(chunk) = stream.try_next().await.expect("chunk") {
        assert!(!chunk.is_empty());
        same &= chunk[..] == data[total..total + chunk.len()];
        chunks += 1;
        total += chunk.len();
    }
    assert_eq!(total, SIZE);
    assert!(same, "the bytes arrive intact and in order");
    assert!(chunks > 1, "a 5 MiB body arrives in more than one chunk");
}

#[tokio::test]
async fn streamed_request_body_arrives_intact() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method("PUT")
                .path("/v1/AUTH_test/c/o")
                .header("content-type", "text/plain")
                .body("part one, part two, part three");
            then.status(201).header("etag", "x");
        })
        .await;
    let chunks = futures::stream::iter(
        ["part one", ", part two", ", part three"]
            .into_iter()
            .map(|s| Ok::<_, std::io::Error>(Bytes::from_static(s.as_bytes()))),
    );
    let body = Body::from_stream(chunks);
    assert!(!body.is_replayable());
    let c = client(&server, "object-store", "/v1/AUTH_test/");
    let resp = c
        .send(
            Request::put("c/o")
                .header("content-type", "text/plain")
                .expect("header")
                .body(body),
        )
        .await
        .expect("201");
    assert_eq!(resp.status().as_u16(), 201);
    assert_eq!(mock.calls_async().await, 1);
}

#[tokio::test]
async fn failing_request_body_stream_is_an_error() {
    let server = MockServer::start_async().await;
    let mock = server
        .mock_async(|when, then| {
            when.method("PUT").path("/v1/AUTH_test/c/o");
            then.status(201);
        })
        .await;
    let chunks = futures::stream::iter(vec![
        Ok(Bytes::from_static(b"start")),
        Err(std::io::Error::other("disk gone")),
    ]);
    let c = client(&server, "object-store", "/v1/AUTH_test/");
    let err = c
        .send(Request::put("c/o").body(Body::from_stream(chunks)))
        .await
        .expect_err("the body failed");
    assert!(
        matches!(err.kind(), ErrorKind::Transport | ErrorKind::Body),
        "{err:?}"
    );
    assert_eq!(mock.calls_async().await, 0, "no complete request arrived");
}

/// A minimal HTTP/1.1 keep-alive server that counts connections and requests.
async fn keepalive_server() -> (SocketAddr, Arc<AtomicUsize>, Arc<AtomicUsize>) {
    const RESPONSE: &[u8] =
        b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}";
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    let connections = Arc::new(AtomicUsize::new(0));
    let requests = Arc::new(AtomicUsize::new(0));
    let (conns, reqs) = (connections.clone(), requests.clone());
    tokio::spawn(async move {
        while let Ok((sock, _)) = listener.accept().await {
            conns.fetch_add(1, Ordering::SeqCst);
            let reqs = reqs.clone();
            tokio::spawn(async move {
                let mut buf = Vec::new();
                let mut tmp = [0u8; 4096];
                loop {
                    while let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                        buf.drain(..end + 4);
                        reqs.fetch_add(1, Ordering::SeqCst);
                        let mut sent = 0;
                        while sent < RESPONSE.len() {
                            if sock.writable().await.is_err() {
                                return;
                            }
                            match sock.try_write(&RESPONSE[sent..]) {
                                Ok(n) => sent += n,
                                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                                Err(_) => return,
                            }
                        }
                    }
                    if sock.readable().await.is_err() {
                        return;
                    }
                    match sock.try_read(&mut tmp) {
                        Ok(0) => return,
                        Ok(n) => buf.extend_from_slice(&tmp[..n]),
                        Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
                        Err(_) => return,
                    }
                }
            });
        }
    });
    (addr, connections, requests)
}

// hyper-util's pool hands a connection back from a spawned task after the response body
// ends, and a request that finds no idle connection races a new connect against the pool
// (hyperium/hyper#4134). Under CPU load a few extra connections therefore get opened, so the
// bounds below prove reuse (most requests ride an existing connection) without depending on
// scheduling: strict bounds (`<= 16`, `== 1`) hold on an idle machine but fail under load.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn connections_are_reused() {
    let (addr, connections, requests) = keepalive_server().await;
    let c = client_with(builder(), "compute", &format!("http://{addr}/v2.1/"));
    let tasks: Vec<_> = (0..16)
        .map(|_| {
            let c = c.clone();
            tokio::spawn(async move {
                for _ in 0..10 {
                    let v: serde_json::Value =
                        c.send_json(Request::get("servers")).await.expect("200");
                    assert_eq!(v, json!({}));
                }
            })
        })
        .collect();
    for t in tasks {
        t.await.expect("task");
    }
    assert_eq!(requests.load(Ordering::SeqCst), 160);
    let opened = connections.load(Ordering::SeqCst);
    assert!(
        opened > 0 && opened <= 64,
        "16 concurrent tasks x 10 requests opened {opened} connections"
    );

    let (addr, connections, requests) = keepalive_server().await;
    let c = client_with(builder(), "compute", &format!("http://{addr}/v2.1/"));
    for _ in 0..160 {
        let _: serde_json::Value = c.send_json(Request::get("servers")).await.expect("200");
    }
    assert_eq!(requests.load(Ordering::SeqCst), 160);
    let opened = connections.load(Ordering::SeqCst);
    assert!(
        (1..=16).contains(&opened),
        "160 sequential requests opened {opened} connections"
    );
}

#[tokio::test]
async fn user_layer_sees_every_attempt_and_can_add_headers() {
    let server = MockServer::start_async().await;
    let failing = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/v2.1/servers")
                .header("x-from-layer", "yes");
            then.status(503).up_to_n_times(1);
        })
        .await;
    let ok = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/v2.1/servers")
                .header("x-from-layer", "yes");
            then.status(200).body("{}");
        })
        .await;
    let seen = Arc::new(AtomicUsize::new(0));
    let count = seen.clone();
    let layer = tower::layer::layer_fn(move |inner: HttpService| {
        let count = count.clone();
        HttpService::new(inner.map_request(move |mut req: http::Request<Body>| {
            count.fetch_add(1, Ordering::SeqCst);
            req.headers_mut()
                .insert("x-from-layer", http::HeaderValue::from_static("yes"));
            req
        }))
    });
    let c = client_with(builder().layer(layer), "compute", &server.url("/v2.1/"));
    c.send(Request::get("servers")).await.expect("503 then 200");
    assert_eq!(seen.load(Ordering::SeqCst), 2, "the layer sees the retry");
    assert_eq!(failing.calls_async().await, 1);
    assert_eq!(ok.calls_async().await, 1);
    c.send(Request::get("servers")).await.expect("200");
    assert_eq!(seen.load(Ordering::SeqCst), 3);
    assert_eq!(ok.calls_async().await, 2);
}

/// The request timeout runs until the response headers arrive, so an upload of unknown
/// length is not bound by it unless the request asks; a per-request timeout wins either way.
#[tokio::test]
async fn streamed_uploads_are_not_cut_by_the_default_timeout() {
    let server = MockServer::start_async().await;
    let slow = server
        .mock_async(|when, then| {
            when.method(httpmock::Method::PUT).path("/v1/AUTH_a/c/o");
            then.status(201).delay(Duration::from_millis(300));
        })
        .await;
    let c = client_with(
        builder()
            .request_timeout(Duration::from_millis(50))
            .retry(RetryConfig::disabled()),
        "object-store",
        &server.url("/v1/AUTH_a/"),
    );
    let chunks =
        || futures::stream::iter(vec![Ok::<_, std::io::Error>(Bytes::from_static(b"abc"))]);
    // Streamed: no timeout by default.
    let resp = c
        .send(Request::put("c/o").body(Body::from_stream(chunks())))
        .await
        .expect("slow streamed upload completes");
    assert_eq!(resp.status(), 201);
    // Buffered: the client's timeout applies.
    let err = c
        .send(Request::put("c/o").body("abc"))
        .await
        .expect_err("timeout");
    assert!(err.is_timeout(), "{err}");
    // Per request: an explicit timeout on a stream applies; `None` lifts it for a buffered body.
    let err = c
        .send(
            Request::put("c/o")
                .body(Body::from_stream(chunks()))
                .timeout(Some(Duration::from_millis(50))),
        )
        .await
        .expect_err("timeout");
    assert!(err.is_timeout(), "{err}");
    c.send(Request::put("c/o").body("abc").timeout(None))
        .await
        .expect("no timeout");
    assert_eq!(slow.calls_async().await, 4);
}

#[tokio::test]
async fn error_context_keeps_the_answers() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(httpmock::Method::DELETE).path("/v1/AUTH_a/c");
            then.status(409)
                .body("There was a conflict when trying to complete your request.");
        })
        .await;
    let c = client(&server, "object-store", "/v1/AUTH_a/");
    let err = c
        .send(Request::delete("c"))
        .await
        .expect_err("409")
        .context("the container is not empty");
    assert!(err.is_conflict());
    assert_eq!(err.kind(), ErrorKind::Http);
    assert!(
        err.to_string()
            .starts_with("the container is not empty: DELETE "),
        "{err}"
    );
}
