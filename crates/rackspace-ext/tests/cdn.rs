//! Cloud Files CDN against httpmock: the JSON listing with marker pages, enable, get,
//! update, disable, purge, and error answers.

mod common;

use common::{catch_all, provider, CDN_LIST_PAGE1, CDN_LIST_PAGE2};
use futures::TryStreamExt;
use httpmock::prelude::*;
use rackspace_ext::cdn::{self, CdnContainer, EnableOpts, ListOpts, UpdateOpts};

const ACCOUNT: &str = "/v1/MossoCloudFS_0672d7fa-9f85-4a81-a3ab-adb66a880123";

fn client(server: &MockServer) -> openstack_core::ServiceClient {
    cdn::client(&provider(server, cdn::SERVICE_TYPE, ACCOUNT)).expect("cdn client")
}

#[tokio::test]
async fn list_follows_markers_until_a_short_page() {
    let server = MockServer::start_async().await;
    let page2 = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(format!("{ACCOUNT}/"))
                .query_param("format", "json")
                .query_param("limit", "2")
                .query_param("enabled_only", "true")
                .query_param("marker", "MyContainer");
            then.status(200)
                .header("content-type", "application/json; charset=utf-8")
                .body(CDN_LIST_PAGE2);
        })
        .await;
    let page1 = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(format!("{ACCOUNT}/"))
                .query_param("format", "json")
                .query_param("limit", "2")
                .query_param("enabled_only", "true")
                .query_param_missing("marker");
            then.status(200)
                .header("content-type", "application/json; charset=utf-8")
                .body(CDN_LIST_PAGE1);
        })
        .await;
    let unexpected = catch_all(&server).await;

    let all: Vec<CdnContainer> = cdn::list(&client(&server), ListOpts::new().enabled_only(true))
        .page_size(2)
        .try_collect()
        .await
        .expect("list");
    page1.assert_calls_async(1).await;
    page2.assert_calls_async(1).await;
    unexpected.assert_calls_async(0).await;

    let names: Vec<&str> = all.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["AJBcontainer", "MyContainer", "mydog"]);
    assert!(all[0].cdn_enabled);
    assert_eq!(all[0].ttl, Some(259_200));
    assert!(!all[0].log_retention);
    assert_eq!(
        all[0].cdn_ssl_uri.as_deref(),
        Some("https://83c49b9a2f7ad18250b3-346eb45fd42c58ca13011d659bfc1ac1.ssl.cf0.rackcdn.com")
    );
    // Flags and TTL sent as strings are read.
    assert!(!all[1].cdn_enabled);
    assert!(all[1].log_retention);
    assert_eq!(all[1].ttl, Some(3600));
    // The discontinued streaming URIs may be missing.
    assert_eq!(all[2].cdn_streaming_uri, None);
    assert_eq!(all[2].cdn_ios_uri, None);
    assert_eq!(all[2].ttl, Some(900));
}

#[tokio::test]
async fn an_empty_account_is_a_204() {
    let server = MockServer::start_async().await;
    let m = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(format!("{ACCOUNT}/"))
                .query_param("format", "json");
            then.status(204);
        })
        .await;
    let unexpected = catch_all(&server).await;
    let all: Vec<CdnContainer> = cdn::list(&client(&server), ListOpts::new())
        .try_collect()
        .await
        .expect("empty");
    assert!(all.is_empty());
    m.assert_calls_async(1).await;
    unexpected.assert_calls_async(0).await;
}

#[tokio::test]
async fn enable_get_update_disable_purge() {
    let server = MockServer::start_async().await;
    let c = format!("{ACCOUNT}/my%20images");
    // Gophercloud rackspace/objectstorage/v1/cdncontainers TestEnableCDNContainer: PUT with
    // X-Cdn-Enabled/X-Ttl, 204 echoing them; the URIs as the Rackspace docs show them.
    let enable = server
        .mock_async(|when, then| {
            when.method(PUT)
                .path(&c)
                .header("x-cdn-enabled", "True")
                .header("x-ttl", "259200");
            then.status(204)
                .header("X-Ttl", "259200")
                .header("X-Cdn-Enabled", "True")
                .header("X-Cdn-Uri", "http://081e40d3ee1cec5f77bf-346eb45fd42c58ca13011d659bfc1ac1.r49.cf0.rackcdn.com")
                .header("X-Cdn-Ssl-Uri", "https://83c49b9a2f7ad18250b3-346eb45fd42c58ca13011d659bfc1ac1.ssl.cf0.rackcdn.com")
                .header("X-Cdn-Streaming-Uri", "http://084cc2790632ccee0a12-346eb45fd42c58ca13011d659bfc1ac1.r49.stream.cf0.rackcdn.com")
                .header("X-Cdn-Ios-Uri", "http://acc3b9ba3ee4e7c5af3c-d27e6a9cdb3ee1be1e1d70b08a5bdd3c.iosr.cf1.rackcdn.com")
                .header("X-Trans-Id", "tx82a6752e00424edb9c46fa2573132e2c");
        })
        .await;
    let get = server
        .mock_async(|when, then| {
            when.method(httpmock::Method::HEAD).path(&c);
            then.status(204)
                .header("X-Cdn-Enabled", "True")
                .header("X-Log-Retention", "False")
                .header("X-Ttl", "86400")
                .header("X-Cdn-Uri", "http://c25810.r10.cf1.rackcdn.com")
                .header("X-Cdn-Ssl-Uri", "https://c25810.ssl.cf1.rackcdn.com");
        })
        .await;
    let update = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(&c)
                .header("x-ttl", "3600")
                .header("x-log-retention", "True")
                .header_missing("x-cdn-enabled");
            then.status(204).header("X-Ttl", "3600");
        })
        .await;
    let disable = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(&c)
                .header("x-cdn-enabled", "False")
                .header_missing("x-ttl");
            then.status(204);
        })
        .await;
    let purge = server
        .mock_async(|when, then| {
            when.method(DELETE)
                .path(format!("{c}/2024/dog%201.jpg"))
                .header("x-purge-email", "ops@example.com, dev@example.com");
            then.status(204);
        })
        .await;
    let unexpected = catch_all(&server).await;
    let cl = client(&server);

    let info = cdn::enable(&cl, "my images", EnableOpts::new().ttl(259_200))
        .await
        .expect("enable");
    assert_eq!(info.enabled, Some(true));
    assert_eq!(info.ttl, Some(259_200));
    assert!(info
        .uri
        .as_deref()
        .is_some_and(|u| u.ends_with(".r49.cf0.rackcdn.com")));
    assert!(info
        .ssl_uri
        .as_deref()
        .is_some_and(|u| u.starts_with("https://")));
    assert!(info.streaming_uri.is_some() && info.ios_uri.is_some());
    assert_eq!(
        info.trans_id.as_deref(),
        Some("tx82a6752e00424edb9c46fa2573132e2c")
    );

    let got = cdn::get(&cl, "my images").await.expect("get");
    assert_eq!(got.enabled, Some(true));
    assert_eq!(got.log_retention, Some(false));
    assert_eq!(got.ttl, Some(86_400));
    assert_eq!(
        got.uri.as_deref(),
        Some("http://c25810.r10.cf1.rackcdn.com")
    );
    assert_eq!(got.streaming_uri, None);

    let up = cdn::update(
        &cl,
        "my images",
        UpdateOpts::new().ttl(3600).log_retention(true),
    )
    .await
    .expect("update");
    assert_eq!(up.ttl, Some(3600));
    cdn::disable(&cl, "my images").await.expect("disable");
    cdn::purge(
        &cl,
        "my images",
        "2024/dog 1.jpg",
        Some("ops@example.com, dev@example.com"),
    )
    .await
    .expect("purge");

    for m in [&enable, &get, &update, &disable, &purge] {
        m.assert_calls_async(1).await;
    }
    unexpected.assert_calls_async(0).await;
}

#[tokio::test]
async fn errors_are_typed_and_bad_ttls_never_leave() {
    let server = MockServer::start_async().await;
    let missing = server
        .mock_async(|when, then| {
            when.method(httpmock::Method::HEAD)
                .path(format!("{ACCOUNT}/never-enabled"));
            then.status(404);
        })
        .await;
    let purge_missing = server
        .mock_async(|when, then| {
            when.method(DELETE).path(format!("{ACCOUNT}/c/gone.jpg"));
            then.status(404)
                .header("content-type", "text/html; charset=UTF-8")
                .body("<html><h1>Not Found</h1><p>The resource could not be found.</p></html>");
        })
        .await;
    let unexpected = catch_all(&server).await;
    let cl = client(&server);

    let e = cdn::get(&cl, "never-enabled").await.expect_err("404");
    assert!(e.is_not_found(), "{e:?}");
    let e = cdn::purge(&cl, "c", "gone.jpg", None)
        .await
        .expect_err("404");
    assert!(e.is_not_found());
    assert!(e.to_string().contains("could not be found"), "{e}");

    let e = cdn::enable(&cl, "c", EnableOpts::new().ttl(60))
        .await
        .expect_err("ttl too short");
    assert_eq!(e.kind(), openstack_core::ErrorKind::InvalidInput);
    let e = cdn::update(&cl, "c", UpdateOpts::new().ttl(cdn::MAX_TTL + 1))
        .await
        .expect_err("ttl too long");
    assert_eq!(e.kind(), openstack_core::ErrorKind::InvalidInput);

    missing.assert_calls_async(1).await;
    purge_missing.assert_calls_async(1).await;
    unexpected.assert_calls_async(0).await;
}

#[tokio::test]
async fn a_listing_that_is_not_json_names_the_problem() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET).path(format!("{ACCOUNT}/"));
            then.status(200)
                .header("content-type", "application/json")
                .body(r#"[{"name": "a", "ttl": "forever"}]"#);
        })
        .await;
    let e = cdn::list(&client(&server), ListOpts::new())
        .try_collect::<Vec<_>>()
        .await
        .expect_err("bad ttl");
    assert_eq!(e.kind(), openstack_core::ErrorKind::Decode);
    assert!(e.decode_path().is_some_and(|p| p.contains("ttl")), "{e:?}");
}
