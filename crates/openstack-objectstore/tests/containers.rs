//! Containers and the account against httpmock, with the official samples as fixtures.

mod common;

use common::{catch_all, client, sample, sample_body, sample_headers, ACCOUNT};
use futures::TryStreamExt;
use httpmock::prelude::*;
use openstack_objectstore::{accounts, containers};

#[tokio::test]
async fn list_json_uses_the_official_sample_and_paginates() {
    let server = MockServer::start_async().await;
    let body =
        openstack_test_support::corpus::read(&sample("account-containers-list-response.json"));
    let first = server.mock(|when, then| {
        when.method(GET)
            .path(format!("{ACCOUNT}/"))
            .query_param("format", "json")
            .query_param("limit", "2")
            .query_param_missing("marker");
        then.status(200)
            .header("content-type", "application/json; charset=utf-8")
            .body(body.clone());
    });
    let second = server.mock(|when, then| {
        when.method(GET)
            .path(format!("{ACCOUNT}/"))
            .query_param("format", "json")
            .query_param("marker", "marktwain");
        then.status(204);
    });
    let _all = catch_all(&server);
    let swift = client(&server);
    let list = containers::list(&swift, containers::ListOpts::new().limit(2))
        .try_collect_all()
        .await
        .expect("list");
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].name, "janeausten");
    assert_eq!(list[1].count, 1);
    assert_eq!(list[1].bytes, 14);
    assert_eq!(list[1].last_modified.expect("lm").year(), 2016);
    first.assert_async().await;
    second.assert_async().await;
}

#[tokio::test]
async fn list_plain_text_sends_accept_and_format() {
    let server = MockServer::start_async().await;
    let body = sample_body(&sample("containers-list-http-response.txt"));
    let m = server.mock(|when, then| {
        when.method(GET)
            .path(format!("{ACCOUNT}/"))
            .query_param("format", "plain")
            .query_param("prefix", "b")
            .query_param_missing("marker")
            .header("accept", "text/plain");
        then.status(200)
            .header("content-type", "text/plain; charset=UTF-8")
            .body(body.clone());
    });
    // Without a limit the pager asks again after the last name, until a page is empty.
    let end = server.mock(|when, then| {
        when.method(GET)
            .path(format!("{ACCOUNT}/"))
            .query_param("marker", "backups");
        then.status(204);
    });
    let _all = catch_all(&server);
    let swift = client(&server);
    let names: Vec<String> =
        containers::list_names(&swift, containers::ListOpts::new().prefix("b"))
            .try_collect()
            .await
            .expect("names");
    assert_eq!(names, vec!["images", "movies", "documents", "backups"]);
    m.assert_async().await;
    end.assert_async().await;
}

#[tokio::test]
async fn create_sends_typed_headers() {
    let server = MockServer::start_async().await;
    let m = server.mock(|when, then| {
        when.method(PUT)
            .path(format!("{ACCOUNT}/my%20box"))
            .header("x-container-meta-book", "TomSawyer")
            .header("x-container-read", ".r:*,.rlistings")
            .header("x-versions-location", "old%20versions")
            .header("x-storage-policy", "gold");
        then.status(201);
    });
    let _all = catch_all(&server);
    let swift = client(&server);
    containers::create(
        &swift,
        "my box",
        containers::CreateOpts::new()
            .metadata("Book", "TomSawyer")
            .read_acl(".r:*,.rlistings")
            .versions_location("old versions")
            .storage_policy("gold"),
    )
    .await
    .expect("create");
    m.assert_async().await;
}

#[tokio::test]
async fn get_reads_typed_headers_from_the_sample() {
    let server = MockServer::start_async().await;
    let headers = sample_headers(&sample("objects-list-http-response-json.txt"));
    let m = server.mock(|when, then| {
        when.method(httpmock::Method::HEAD)
            .path(format!("{ACCOUNT}/marktwain"));
        let mut t = then.status(204);
        for (k, v) in &headers {
            if !k.eq_ignore_ascii_case("content-length") {
                t = t.header(k, v);
            }
        }
        t.header("X-Container-Read", ".r:*")
            .header("X-Container-Meta-Temp-URL-Key", "sekrit")
            .header("X-Container-Meta-Quota-Bytes", "1000");
    });
    let _all = catch_all(&server);
    let swift = client(&server);
    let c = containers::get(&swift, "marktwain").await.expect("get");
    assert_eq!(c.object_count, 2);
    assert_eq!(c.bytes_used, 26);
    assert_eq!(
        c.metadata.get("book").map(String::as_str),
        Some("TomSawyer")
    );
    assert_eq!(c.quota_bytes, Some(1000));
    assert!(c.is_public_read());
    assert_eq!(c.temp_url_key.as_ref().map(|k| k.expose()), Some("sekrit"));
    assert!(
        !format!("{c:?}").contains("sekrit"),
        "temp URL key leaked into Debug"
    );
    assert_eq!(
        c.request_id.as_deref(),
        Some("tx26377fe5fab74869825d1-0052d6bdff")
    );
    assert_eq!(c.created_at.expect("ts").unix_timestamp(), 1_389_727_543);
    m.assert_async().await;
}

#[tokio::test]
async fn update_sets_and_removes_metadata() {
    let server = MockServer::start_async().await;
    let m = server.mock(|when, then| {
        when.method(POST)
            .path(format!("{ACCOUNT}/c"))
            .header("x-container-meta-color", "blue")
            .header("x-remove-container-meta-old", "x")
            .header("x-remove-container-write", "x");
        then.status(204);
    });
    let _all = catch_all(&server);
    let swift = client(&server);
    containers::update(
        &swift,
        "c",
        containers::UpdateOpts::new()
            .metadata("Color", "blue")
            .remove_metadata("Old")
            .remove_write_acl(),
    )
    .await
    .expect("update");
    m.assert_async().await;
}

#[tokio::test]
async fn delete_of_a_non_empty_container_says_so() {
    let server = MockServer::start_async().await;
    let m = server.mock(|when, then| {
        when.method(DELETE).path(format!("{ACCOUNT}/full"));
        then.status(409)
            .header("x-trans-id", "tx409")
            .body("<html><h1>Conflict</h1><p>There was a conflict when trying to complete your request.</p></html>");
    });
    let ok = server.mock(|when, then| {
        when.method(DELETE).path(format!("{ACCOUNT}/empty"));
        then.status(204);
    });
    let missing = server.mock(|when, then| {
        when.method(DELETE).path(format!("{ACCOUNT}/gone"));
        then.status(404)
            .body("<html><h1>Not Found</h1><p>The resource could not be found.</p></html>");
    });
    let _all = catch_all(&server);
    let swift = client(&server);
    let err = containers::delete(&swift, "full").await.expect_err("409");
    let text = err.to_string();
    assert!(text.contains("not empty"), "{text}");
    assert!(text.contains("tx409"), "{text}");
    assert!(containers::is_not_empty_error(&err));
    containers::delete(&swift, "empty").await.expect("delete");
    let err = containers::delete(&swift, "gone").await.expect_err("404");
    assert!(err.is_not_found());
    assert!(!containers::is_not_empty_error(&err));
    m.assert_async().await;
    ok.assert_async().await;
    missing.assert_async().await;
}

#[tokio::test]
async fn server_errors_surface_with_status_and_message() {
    let server = MockServer::start_async().await;
    let _all = catch_all(&server);
    let swift = client(&server);
    let err = containers::get(&swift, "x").await.expect_err("500");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(500));
}

#[tokio::test]
async fn account_get_and_update() {
    let server = MockServer::start_async().await;
    let headers = sample_headers(&sample("account-containers-list-http-response-json.txt"));
    let head = server.mock(|when, then| {
        when.method(httpmock::Method::HEAD)
            .path(format!("{ACCOUNT}/"));
        let mut t = then.status(204);
        for (k, v) in &headers {
            if !k.eq_ignore_ascii_case("content-length") {
                t = t.header(k, v);
            }
        }
        t.header("X-Account-Meta-Temp-URL-Key", "k1")
            .header("X-Account-Meta-Temp-URL-Key-2", "k2")
            .header("X-Account-Meta-Quota-Bytes", "5000");
    });
    let post = server.mock(|when, then| {
        when.method(POST)
            .path(format!("{ACCOUNT}/"))
            .header("x-account-meta-subject", "Poetry")
            .header("x-remove-account-meta-old", "x")
            .header("x-account-meta-temp-url-key", "new-key");
        then.status(204);
    });
    let _all = catch_all(&server);
    let swift = client(&server);
    let a = accounts::get(&swift).await.expect("head");
    assert_eq!(a.container_count, 2);
    assert_eq!(a.object_count, 1);
    assert_eq!(a.bytes_used, 14);
    assert_eq!(a.quota_bytes, Some(5000));
    assert_eq!(
        a.metadata.get("subject").map(String::as_str),
        Some("Literature")
    );
    assert!(!a.metadata.contains_key("temp-url-key"));
    assert_eq!(a.temp_url_key.as_ref().map(|k| k.expose()), Some("k1"));
    assert_eq!(a.temp_url_key_2.as_ref().map(|k| k.expose()), Some("k2"));
    let dbg = format!("{a:?}");
    assert!(!dbg.contains("k1") && !dbg.contains("k2"), "{dbg}");
    accounts::update(
        &swift,
        accounts::UpdateOpts::new()
            .metadata("Subject", "Poetry")
            .remove_metadata("Old")
            .temp_url_key("new-key"),
    )
    .await
    .expect("post");
    head.assert_async().await;
    post.assert_async().await;
}
