//! Pagination strategies (linked, marker, text, single) against real HTTP on 127.0.0.1.

use futures::{StreamExt, TryStreamExt};
use httpmock::MockServer;
use openstack_core::transport::ProxyConfig;
use openstack_core::{ErrorKind, Pager, ProviderClient, Request, RetryConfig, ServiceClient};
use serde::Deserialize;
use serde_json::json;
use std::time::Duration;
use url::Url;

#[derive(Debug, Deserialize, PartialEq)]
struct Item {
    id: String,
}

#[derive(Debug, Deserialize, PartialEq)]
struct Obj {
    name: String,
    bytes: u64,
}

fn client(server: &MockServer, service_type: &str, path: &str) -> ServiceClient {
    let provider = ProviderClient::builder()
        .proxy(ProxyConfig::Disabled)
        .retry(RetryConfig::default().backoff(Duration::from_millis(1), Duration::from_millis(5)))
        .build_lazy()
        .expect("provider");
    ServiceClient::new(
        provider,
        service_type,
        Url::parse(&server.url(path)).expect("endpoint"),
    )
}

fn ids(items: &[Item]) -> Vec<&str> {
    items.iter().map(|i| i.id.as_str()).collect()
}

fn items(ids: &[&str]) -> serde_json::Value {
    ids.iter().map(|id| json!({"id": id})).collect()
}

#[tokio::test]
async fn nova_servers_links_across_three_pages() {
    let server = MockServer::start_async().await;
    let p1 = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/v2.1/servers/detail")
                .query_param("limit", "2")
                .query_param_missing("marker");
            then.status(200).json_body(json!({
                "servers": [{"id": "a", "links": [{"rel": "self", "href": "x"}]}, {"id": "b"}],
                "servers_links": [
                    {"rel": "next", "href": server.url("/v2.1/servers/detail?limit=2&marker=b")}
                ]
            }));
        })
        .await;
    let p2 = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/v2.1/servers/detail")
                .query_param("limit", "2")
                .query_param("marker", "b");
            then.status(200).json_body(json!({
                "servers": items(&["c", "d"]),
                "servers_links": [
                    {"rel": "next", "href": server.url("/v2.1/servers/detail?limit=2&marker=d")}
                ]
            }));
        })
        .await;
    let p3 = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/v2.1/servers/detail")
                .query_param("limit", "2")
                .query_param("marker", "d");
            then.status(200)
                .json_body(json!({"servers": items(&["e"])}));
        })
        .await;
    let c = client(&server, "compute", "/v2.1/");
    let all = Pager::<Item>::linked(c, Request::get("servers/detail"), "servers")
        .page_size(2)
        .try_collect_all()
        .await
        .expect("all pages");
    assert_eq!(ids(&all), ["a", "b", "c", "d", "e"]);
    assert_eq!(all.len(), 5);
    assert_eq!(p1.calls_async().await, 1);
    assert_eq!(p2.calls_async().await, 1);
    assert_eq!(p3.calls_async().await, 1);
}

#[tokio::test]
async fn keystone_links_object() {
    let server = MockServer::start_async().await;
    let p1 = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/v3/users")
                .query_param_missing("marker");
            then.status(200).json_body(json!({
                "links": {
                    "self": server.url("/v3/users"),
                    "previous": null,
                    "next": server.url("/v3/users?marker=u2"),
                },
                "users": items(&["u1", "u2"]),
            }));
        })
        .await;
    let p2 = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/v3/users")
                .query_param("marker", "u2");
            then.status(200).json_body(json!({
                "links": {
                    "self": server.url("/v3/users?marker=u2"),
                    "previous": server.url("/v3/users"),
                    "next": null,
                },
                "users": items(&["u3"]),
            }));
        })
        .await;
    let c = client(&server, "identity", "/v3/");
    let all = Pager::<Item>::linked(c, Request::get("users"), "users")
        .try_collect_all()
        .await
        .expect("all pages");
    assert_eq!(ids(&all), ["u1", "u2", "u3"]);
    assert_eq!(p1.calls_async().await, 1);
    assert_eq!(p2.calls_async().await, 1);
}

/// Glance answers `next: "/v2/images?marker=..."`, relative to its unversioned root.
async fn glance_relative_next(endpoint_path: &str, images_path: &str) {
    let server = MockServer::start_async().await;
    let p1 = server
        .mock_async(|when, then| {
            when.method("GET")
                .path(images_path)
                .query_param_missing("marker");
            then.status(200).json_body(json!({
                "images": items(&["i1", "i2"]),
                "first": "/v2/images",
                "schema": "/v2/schemas/images",
                "next": "/v2/images?marker=i2",
            }));
        })
        .await;
    let p2 = server
        .mock_async(|when, then| {
            when.method("GET")
                .path(images_path)
                .query_param("marker", "i2");
            then.status(200).json_body(json!({
                "images": items(&["i3"]),
                "first": "/v2/images",
                "schema": "/v2/schemas/images",
            }));
        })
        .await;
    let c = client(&server, "image", endpoint_path);
    let all = Pager::<Item>::linked(c, Request::get("images"), "images")
        .try_collect_all()
        .await
        .expect("all pages");
    assert_eq!(ids(&all), ["i1", "i2", "i3"], "endpoint {endpoint_path}");
    assert_eq!(p1.calls_async().await, 1);
    assert_eq!(p2.calls_async().await, 1, "next requested as {images_path}");
}

#[tokio::test]
async fn glance_relative_next_at_root() {
    glance_relative_next("/v2/", "/v2/images").await;
}

#[tokio::test]
async fn glance_relative_next_under_path_prefix() {
    glance_relative_next("/image/v2/", "/image/v2/images").await;
}

#[tokio::test]
async fn swift_text_listing_with_marker_pages() {
    let server = MockServer::start_async().await;
    let page = |marker: Option<&'static str>, body: &'static str| {
        let server = &server;
        async move {
            server
                .mock_async(|when, then| {
                    let when = when
                        .method("GET")
                        .path("/v1/AUTH_test/c")
                        .query_param("limit", "2");
                    match marker {
                        Some(m) => when.query_param("marker", m),
                        None => when.query_param_missing("marker"),
                    };
                    then.status(200)
                        .header("content-type", "text/plain; charset=utf-8")
                        .body(body);
                })
                .await
        }
    };
    let p1 = page(None, "a\nb\n").await;
    let p2 = page(Some("b"), "c\nd\n").await;
    let p3 = page(Some("d"), "e\n").await;
    let p4 = page(Some("e"), "").await;
    let c = client(&server, "object-store", "/v1/AUTH_test/");
    let names = Pager::text_lines(c, Request::get("c"))
        .page_size(2)
        .try_collect_all()
        .await
        .expect("all pages");
    assert_eq!(names, ["a", "b", "c", "d", "e"]);
    assert_eq!(p1.calls_async().await, 1);
    assert_eq!(p2.calls_async().await, 1);
    assert_eq!(p3.calls_async().await, 1);
    assert_eq!(p4.calls_async().await, 0, "a short page ends the listing");
}

#[tokio::test]
async fn swift_text_listing_asks_for_plain_text() {
    // Swift picks the listing format from `format=` or else the Accept header
    // (`text/plain`, `application/json`, ...): a plain-text listing must not be requested
    // with `Accept: application/json`, or Swift answers JSON. This mock answers like Swift.
    let server = MockServer::start_async().await;
    let json_answer = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/v1/AUTH_test/c")
                .query_param_missing("format")
                .header("accept", "application/json");
            then.status(200)
                .header("content-type", "application/json; charset=utf-8")
                .body(r#"[{"name": "a", "bytes": 1}, {"name": "b", "bytes": 2}]"#);
        })
        .await;
    let text_answer = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/v1/AUTH_test/c")
                .query_param_missing("marker");
            then.status(200)
                .header("content-type", "text/plain; charset=utf-8")
                .body("a\nb\n");
        })
        .await;
    let end = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/v1/AUTH_test/c")
                .query_param("marker", "b");
            then.status(200)
                .header("content-type", "text/plain; charset=utf-8")
                .body("");
        })
        .await;
    let c = client(&server, "object-store", "/v1/AUTH_test/");
    let result = Pager::text_lines(c, Request::get("c"))
        .try_collect_all()
        .await;
    assert_eq!(
        json_answer.calls_async().await,
        0,
        "a plain-text listing was requested with Accept: application/json (got {result:?})"
    );
    let names = result.expect("listing");
    assert_eq!(names, ["a", "b"]);
    assert_eq!(text_answer.calls_async().await, 1);
    assert_eq!(end.calls_async().await, 1);
}

#[tokio::test]
async fn swift_json_listing_with_marker_pages() {
    let server = MockServer::start_async().await;
    let p1 = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/v1/AUTH_test/c")
                .query_param("format", "json")
                .query_param_missing("marker");
            then.status(200).json_body(json!([
                {"name": "a", "bytes": 1, "hash": "h", "content_type": "text/plain"},
                {"name": "b", "bytes": 2}
            ]));
        })
        .await;
    let p2 = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/v1/AUTH_test/c")
                .query_param("format", "json")
                .query_param("marker", "b");
            then.status(200)
                .json_body(json!([{"name": "c", "bytes": 3}]));
        })
        .await;
    let p3 = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/v1/AUTH_test/c")
                .query_param("format", "json")
                .query_param("marker", "c");
            then.status(200).json_body(json!([]));
        })
        .await;
    let c = client(&server, "object-store", "/v1/AUTH_test/");
    let objs = Pager::marker(
        c,
        Request::get("c").query_pair("format", "json"),
        None,
        |o: &Obj| o.name.clone(),
    )
    .try_collect_all()
    .await
    .expect("all pages");
    let names: Vec<&str> = objs.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, ["a", "b", "c"]);
    assert_eq!(objs.iter().map(|o| o.bytes).sum::<u64>(), 6);
    // Without a limit, only an empty page ends the listing.
    assert_eq!(p1.calls_async().await, 1);
    assert_eq!(p2.calls_async().await, 1);
    assert_eq!(p3.calls_async().await, 1);
}

#[tokio::test]
async fn neutron_marker_with_key() {
    let server = MockServer::start_async().await;
    let p1 = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/v2.0/networks")
                .query_param("limit", "2")
                .query_param_missing("marker");
            then.status(200).json_body(json!({
                "networks": items(&["n1", "n2"]),
                "networks_links": [{"rel": "next", "href": "http://elsewhere.invalid/v2.0/networks?marker=zzz"}]
            }));
        })
        .await;
    let p2 = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/v2.0/networks")
                .query_param("limit", "2")
                .query_param("marker", "n2");
            then.status(200)
                .json_body(json!({"networks": items(&["n3", "n4"])}));
        })
        .await;
    let p3 = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/v2.0/networks")
                .query_param("limit", "2")
                .query_param("marker", "n4");
            then.status(200).json_body(json!({"networks": []}));
        })
        .await;
    let c = client(&server, "network", "/v2.0/");
    let nets = Pager::marker(c, Request::get("networks"), Some("networks"), |n: &Item| {
        n.id.clone()
    })
    .page_size(2)
    .try_collect_all()
    .await
    .expect("all pages");
    assert_eq!(ids(&nets), ["n1", "n2", "n3", "n4"]);
    assert_eq!(p1.calls_async().await, 1);
    assert_eq!(p2.calls_async().await, 1);
    assert_eq!(p3.calls_async().await, 1);
}

#[tokio::test]
async fn next_link_back_to_first_page_is_a_pagination_error() {
    let server = MockServer::start_async().await;
    let first = server.url("/v2.1/servers");
    let p1 = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/v2.1/servers")
                .query_param_missing("marker");
            then.status(200).json_body(json!({
                "servers": items(&["a"]),
                "servers_links": [{"rel": "next", "href": server.url("/v2.1/servers?marker=a")}]
            }));
        })
        .await;
    let p2 = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/v2.1/servers")
                .query_param("marker", "a");
            then.status(200).json_body(json!({
                "servers": items(&["b"]),
                "servers_links": [{"rel": "next", "href": first}]
            }));
        })
        .await;
    let c = client(&server, "compute", "/v2.1/");
    let mut pager = Pager::<Item>::linked(c, Request::get("servers"), "servers");
    let mut got = Vec::new();
    let err = loop {
        match pager.try_next().await {
            Ok(Some(item)) => got.push(item),
            Ok(None) => panic!("the loop was not detected; got {got:?}"),
            Err(e) => break e,
        }
    };
    assert_eq!(err.kind(), ErrorKind::Pagination, "{err}");
    assert_eq!(ids(&got), ["a", "b"]);
    assert_eq!(p1.calls_async().await, 1);
    assert_eq!(p2.calls_async().await, 1);
    // The stream is over after the error.
    assert!(pager.try_next().await.expect("ended").is_none());
}

#[tokio::test]
async fn next_link_to_itself_is_a_pagination_error() {
    let server = MockServer::start_async().await;
    let p1 = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/v2.1/servers")
                .query_param_missing("marker");
            then.status(200).json_body(json!({
                "servers": items(&["a"]),
                "servers_links": [{"rel": "next", "href": server.url("/v2.1/servers?marker=a")}]
            }));
        })
        .await;
    let p2 = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/v2.1/servers")
                .query_param("marker", "a");
            then.status(200).json_body(json!({
                "servers": items(&["b"]),
                "servers_links": [{"rel": "next", "href": server.url("/v2.1/servers?marker=a")}]
            }));
        })
        .await;
    let c = client(&server, "compute", "/v2.1/");
    let err = Pager::<Item>::linked(c, Request::get("servers"), "servers")
        .try_collect_all()
        .await
        .expect_err("a self link loops");
    assert_eq!(err.kind(), ErrorKind::Pagination, "{err}");
    assert_eq!(p1.calls_async().await, 1);
    assert_eq!(p2.calls_async().await, 1);
}

/// Three linked pages of two servers each: `a b`, `c d`, `e f`.
async fn three_pages_of_two(server: &MockServer) -> [httpmock::Mock<'_>; 3] {
    let mut mocks = Vec::new();
    for (marker, page, next) in [
        (None, ["a", "b"], Some("b")),
        (Some("b"), ["c", "d"], Some("d")),
        (Some("d"), ["e", "f"], None),
    ] {
        let mut body = json!({"servers": items(&page)});
        if let Some(n) = next {
            body["servers_links"] =
                json!([{"rel": "next", "href": server.url(format!("/v2.1/servers?marker={n}"))}]);
        }
        let mock = server
            .mock_async(|when, then| {
                let when = when.method("GET").path("/v2.1/servers");
                match marker {
                    Some(m) => when.query_param("marker", m),
                    None => when.query_param_missing("marker"),
                };
                then.status(200).json_body(body);
            })
            .await;
        mocks.push(mock);
    }
    mocks.try_into().map_err(|_| ()).expect("three mocks")
}

#[tokio::test]
async fn max_items_stops_before_the_next_page() {
    let server = MockServer::start_async().await;
    let [p1, p2, p3] = three_pages_of_two(&server).await;
    let c = client(&server, "compute", "/v2.1/");
    let all = Pager::<Item>::linked(c, Request::get("servers"), "servers")
        .max_items(3)
        .try_collect_all()
        .await
        .expect("items");
    assert_eq!(ids(&all), ["a", "b", "c"]);
    assert_eq!(p1.calls_async().await, 1);
    assert_eq!(p2.calls_async().await, 1);
    assert_eq!(p3.calls_async().await, 0, "no page beyond the third item");
}

#[tokio::test]
async fn pages_yields_one_vec_per_page() {
    let server = MockServer::start_async().await;
    let [p1, p2, p3] = three_pages_of_two(&server).await;
    let c = client(&server, "compute", "/v2.1/");
    let pages: Vec<Vec<Item>> = Pager::<Item>::linked(c, Request::get("servers"), "servers")
        .pages()
        .try_collect()
        .await
        .expect("pages");
    let pages: Vec<Vec<&str>> = pages.iter().map(|p| ids(p)).collect();
    assert_eq!(pages, [["a", "b"], ["c", "d"], ["e", "f"]]);
    assert_eq!(p1.calls_async().await, 1);
    assert_eq!(p2.calls_async().await, 1);
    assert_eq!(p3.calls_async().await, 1);
}

#[tokio::test]
async fn pages_with_max_items_stops_before_the_next_page() {
    let server = MockServer::start_async().await;
    let [p1, p2, p3] = three_pages_of_two(&server).await;
    let c = client(&server, "compute", "/v2.1/");
    let pages: Vec<Vec<Item>> = Pager::<Item>::linked(c, Request::get("servers"), "servers")
        .max_items(3)
        .pages()
        .try_collect()
        .await
        .expect("pages");
    let pages: Vec<Vec<&str>> = pages.iter().map(|p| ids(p)).collect();
    assert_eq!(pages, [vec!["a", "b"], vec!["c"]]);
    assert_eq!(p1.calls_async().await, 1);
    assert_eq!(p2.calls_async().await, 1);
    assert_eq!(
        p3.calls_async().await,
        0,
        "Pager::max_items: no page beyond the one holding the nth item is requested"
    );
}

#[tokio::test]
async fn empty_listing_yields_nothing() {
    let server = MockServer::start_async().await;
    let page = server
        .mock_async(|when, then| {
            when.method("GET").path("/v2.1/servers");
            then.status(200)
                .json_body(json!({"servers": [], "servers_links": []}));
        })
        .await;
    let c = client(&server, "compute", "/v2.1/");
    let all = Pager::<Item>::linked(c.clone(), Request::get("servers"), "servers")
        .try_collect_all()
        .await
        .expect("empty");
    assert!(all.is_empty());
    let pages: Vec<Vec<Item>> = Pager::<Item>::linked(c, Request::get("servers"), "servers")
        .pages()
        .try_collect()
        .await
        .expect("pages");
    assert!(pages.iter().all(Vec::is_empty), "{pages:?}");
    assert_eq!(page.calls_async().await, 2);
}

#[tokio::test]
async fn swift_204_with_no_body_is_an_empty_listing() {
    let server = MockServer::start_async().await;
    let page = server
        .mock_async(|when, then| {
            when.method("GET").path("/v1/AUTH_test/empty");
            then.status(204);
        })
        .await;
    let c = client(&server, "object-store", "/v1/AUTH_test/");
    let all = Pager::marker(
        c,
        Request::get("empty").query_pair("format", "json"),
        None,
        |o: &Obj| o.name.clone(),
    )
    .try_collect_all()
    .await
    .expect("an empty listing, not a decode error");
    assert!(all.is_empty());
    assert_eq!(page.calls_async().await, 1);
}

#[tokio::test]
async fn a_request_that_failed_to_build_fails_the_first_poll_without_io() {
    let server = MockServer::start_async().await;
    let any = server
        .mock_async(|_, then| {
            then.status(500);
        })
        .await;
    let c = client(&server, "compute", "/v2.1/");
    let built: openstack_core::Result<Request> =
        Err(openstack_core::Error::invalid_input("bad filter"));
    let mut pager = Pager::<Item>::linked(c.clone(), built, "servers");
    let err = pager.next().await.expect("an item").expect_err("the error");
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(err.to_string().contains("bad filter"), "{err}");
    assert!(pager.next().await.is_none(), "then the pager ends");
    let built: openstack_core::Result<Request> = Err(openstack_core::Error::invalid_input("x"));
    let err = Pager::<Item>::marker(c, built, Some("servers"), |i| i.id.clone())
        .try_collect_all()
        .await
        .expect_err("marker too");
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert_eq!(any.calls_async().await, 0, "nothing was sent");
}

#[tokio::test]
async fn single_page_ignores_links() {
    let server = MockServer::start_async().await;
    let page = server
        .mock_async(|when, then| {
            when.method("GET").path("/v2.1/flavors");
            then.status(200).json_body(json!({
                "flavors": items(&["f1", "f2"]),
                "flavors_links": [{"rel": "next", "href": server.url("/v2.1/flavors?marker=f2")}]
            }));
        })
        .await;
    let c = client(&server, "compute", "/v2.1/");
    let all = Pager::<Item>::single(c, Request::get("flavors"), "flavors")
        .try_collect_all()
        .await
        .expect("single");
    assert_eq!(ids(&all), ["f1", "f2"]);
    assert_eq!(page.calls_async().await, 1);
}

#[tokio::test]
async fn bad_item_is_a_decode_error_with_its_path() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method("GET").path("/v2.1/servers");
            then.status(200)
                .json_body(json!({"servers": [{"id": "a"}, {"id": 5}]}));
        })
        .await;
    let c = client(&server, "compute", "/v2.1/");
    let err = Pager::<Item>::linked(c, Request::get("servers"), "servers")
        .try_collect_all()
        .await
        .expect_err("bad item");
    assert_eq!(err.kind(), ErrorKind::Decode);
    assert_eq!(err.decode_path(), Some("servers[1].id"));
    assert!(err.to_string().contains("servers[1].id"), "{err}");
}

#[tokio::test]
async fn pager_is_lazy() {
    let server = MockServer::start_async().await;
    let [p1, p2, p3] = three_pages_of_two(&server).await;
    let c = client(&server, "compute", "/v2.1/");
    let mut pager = Pager::<Item>::linked(c, Request::get("servers"), "servers");
    assert_eq!(
        p1.calls_async().await,
        0,
        "nothing is requested before polling"
    );
    let first = pager.try_next().await.expect("page 1").expect("an item");
    assert_eq!(first.id, "a");
    assert_eq!(p1.calls_async().await, 1);
    assert_eq!(p2.calls_async().await, 0, "one page at a time");
    let second = pager.next().await.expect("an item").expect("page 1");
    assert_eq!(second.id, "b");
    assert_eq!(p2.calls_async().await, 0, "page 1 still has items");
    let third = pager.try_next().await.expect("page 2").expect("an item");
    assert_eq!(third.id, "c");
    assert_eq!(p2.calls_async().await, 1);
    assert_eq!(p3.calls_async().await, 0);
}
