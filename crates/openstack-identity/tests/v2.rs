//! Keystone v2.0 (tokens, tenants, extensions) against httpmock, with the historical
//! samples (Keystone 30 serves no v2.0, so this is the only place it is exercised).

mod common;

use common::{catch_all, error_body, sample, v2, V2};
use futures::TryStreamExt;
use httpmock::MockServer;
use openstack_core::auth::{AuthOptions, ProjectRef, Scope, UserRef};
use openstack_identity::v2::{extensions, tenants, tokens};
use secrecy::ExposeSecret;
use serde_json::json;

fn s(name: &str) -> serde_json::Value {
    sample(&format!("{V2}/{name}"))
}

#[tokio::test]
async fn tokens_create_and_read() {
    let server = MockServer::start_async().await;
    let create = server
        .mock_async(|when, then| {
            when.method("POST")
                .path("/identity/v2.0/tokens")
                .json_body(s("authenticate-credentials-request.json"));
            then.status(200).json_body(s("authenticate-response.json"));
        })
        .await;
    let get = server
        .mock_async(|when, then| {
            when.method("GET").path("/identity/v2.0/tokens/admin_id");
            then.status(200).json_body(s("authenticate-response.json"));
        })
        .await;
    let all = catch_all(&server).await;
    let c = v2(&server);
    assert_eq!(c.endpoint().as_str(), server.url("/identity/v2.0/"));
    let opts = AuthOptions::password("unused", UserRef::name_only("admin"), "secretsecret")
        .scope(Scope::Project(ProjectRef::name_only("admin")));
    let t = tokens::create(&c, &opts.credentials, &opts.scope)
        .await
        .expect("create");
    assert_eq!(t.id.expose_secret(), "admin_id");
    let tenant = t.project.as_ref().expect("tenant");
    assert_eq!(tenant.id, "73f0aa26640f4971864919d0eb0f0880");
    assert_eq!(tenant.name.as_deref(), Some("admin"));
    let user = t.user.as_ref().expect("user");
    assert_eq!(user.id, "1f568815cb8148688e6ee9b2f7527dcc");
    assert_eq!(
        t.roles.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(),
        ["service", "admin"]
    );
    assert_eq!(t.catalog.services.len(), 10);
    assert!(t.expires_at.is_some());
    let t = tokens::get(&c, "admin_id").await.expect("get");
    assert_eq!(t.id.expose_secret(), "admin_id");
    create.assert_async().await;
    get.assert_async().await;
    assert_eq!(all.calls_async().await, 0);
}

#[tokio::test]
async fn tenants_follow_tenants_links() {
    let server = MockServer::start_async().await;
    let mut page1 = s("tenants-list-response.json");
    page1["tenants_links"] =
        json!([{"rel": "next", "href": server.url("/identity/v2.0/tenants?marker=3456&limit=2")}]);
    let p1 = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/identity/v2.0/tenants")
                .query_param("limit", "2")
                .query_param_missing("marker");
            then.status(200).json_body(page1.clone());
        })
        .await;
    let p2 = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/identity/v2.0/tenants")
                .query_param("marker", "3456");
            then.status(200).json_body(json!({
                "tenants": [{"id": "7890", "name": "Last", "description": null, "enabled": false}],
                "tenants_links": []
            }));
        })
        .await;
    let all = catch_all(&server).await;
    let c = v2(&server);
    let ts: Vec<_> = tenants::list(&c, tenants::ListOpts::new())
        .page_size(2)
        .try_collect()
        .await
        .expect("list");
    assert_eq!(
        ts.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(),
        ["ACME Corp", "Iron Works", "Last"]
    );
    assert!(!ts[2].enabled);
    p1.assert_async().await;
    p2.assert_async().await;
    assert_eq!(all.calls_async().await, 0);
}

#[tokio::test]
async fn extensions_list_and_get() {
    let server = MockServer::start_async().await;
    let list = server
        .mock_async(|when, then| {
            when.method("GET").path("/identity/v2.0/extensions");
            then.status(200)
                .json_body(s("extensions-list-response.json"));
        })
        .await;
    let get = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/identity/v2.0/extensions/OS-OAUTH1");
            then.status(200)
                .json_body(s("extension-show-response.json"));
        })
        .await;
    let missing = server
        .mock_async(|when, then| {
            when.method("GET").path("/identity/v2.0/extensions/NOPE");
            then.status(404).json_body(error_body(
                404,
                "Not Found",
                "Could not find extension: NOPE.",
            ));
        })
        .await;
    let all = catch_all(&server).await;
    let c = v2(&server);
    let exts = extensions::list(&c).await.expect("list");
    assert_eq!(exts.len(), 8);
    assert!(exts.iter().any(|e| e.alias == "OS-KSADM"));
    assert_eq!(exts[0].links[0].rel.as_deref(), Some("describedby"));
    let e = extensions::get(&c, "OS-OAUTH1").await.expect("get");
    assert_eq!(e.name, "OpenStack OAUTH1 API");
    assert_eq!(e.updated.as_deref(), Some("2013-07-07T12:00:0-00:00"));
    let err = extensions::get(&c, "NOPE").await.expect_err("404");
    assert!(err.is_not_found());
    for m in [&list, &get, &missing] {
        m.assert_async().await;
    }
    assert_eq!(all.calls_async().await, 0);
}
