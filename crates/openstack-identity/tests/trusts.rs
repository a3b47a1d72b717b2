//! Trusts (OS-TRUST) against httpmock, with the official samples as fixtures.

mod common;

use std::sync::Arc;

use common::{catch_all, error_body, sample, v3};
use futures::TryStreamExt;
use httpmock::MockServer;
use openstack_core::auth::{AuthOptions, UserRef};
use openstack_core::ProviderClient;
use openstack_identity::trusts::{self, CreateOpts, ListOpts, TrustAuth};

const S: &str = "keystone/api-ref/source/v3-ext/samples/OS-TRUST";

fn s(name: &str) -> serde_json::Value {
    sample(&format!("{S}/{name}"))
}

#[tokio::test]
async fn create_list_get_roles_delete() {
    let server = MockServer::start_async().await;
    let create = server
        .mock_async(|when, then| {
            when.method("POST")
                .path("/identity/v3/OS-TRUST/trusts")
                .json_body(s("trust-create-request.json"));
            then.status(201).json_body(s("trust-create-response.json"));
        })
        .await;
    let list = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/identity/v3/OS-TRUST/trusts")
                .query_param("trustee_user_id", "86c0d5");
            then.status(200).json_body(s("trust-list-response.json"));
        })
        .await;
    let get = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/identity/v3/OS-TRUST/trusts/987fe8");
            then.status(200).json_body(s("trust-get-response.json"));
        })
        .await;
    let roles = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/identity/v3/OS-TRUST/trusts/987fe8/roles");
            then.status(200)
                .json_body(s("trust-list-roles-delegated-response.json"));
        })
        .await;
    let role = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/identity/v3/OS-TRUST/trusts/987fe8/roles/c1648e");
            then.status(200)
                .json_body(s("trust-get-role-delegated-response.json"));
        })
        .await;
    let head_yes = server
        .mock_async(|when, then| {
            when.method("HEAD")
                .path("/identity/v3/OS-TRUST/trusts/987fe8/roles/c1648e");
            then.status(200);
        })
        .await;
    let head_no = server
        .mock_async(|when, then| {
            when.method("HEAD")
                .path("/identity/v3/OS-TRUST/trusts/987fe8/roles/other");
            then.status(404);
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method("DELETE")
                .path("/identity/v3/OS-TRUST/trusts/987fe8");
            then.status(204);
        })
        .await;
    let missing = server
        .mock_async(|when, then| {
            when.method("GET").path("/identity/v3/OS-TRUST/trusts/gone");
            then.status(404)
                .json_body(error_body(404, "Not Found", "Could not find trust: gone."));
        })
        .await;
    let all = catch_all(&server).await;
    let c = v3(&server);

    let t = trusts::create(
        &c,
        CreateOpts::new("a0fdfd", "86c0d5", true)
            .project_id("ddef321")
            .role_name("member")
            .allow_redelegation(true)
            .expires_at(time::macros::datetime!(2013-02-27 18:30:59.999999 UTC)),
    )
    .await
    .expect("create");
    assert_eq!(t.id, "1ff900");
    assert!(t.impersonation);
    assert_eq!(t.redelegation_count, Some(10));
    assert_eq!(t.remaining_uses, None);
    assert_eq!(t.roles[0].name, "member");
    assert_eq!(
        t.expires_at.map(|e| e.unix_timestamp()),
        Some(1_361_989_859)
    );

    let listed: Vec<_> = trusts::list(&c, ListOpts::new().trustee_user_id("86c0d5"))
        .try_collect()
        .await
        .expect("list");
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[1].trustor_user_id, "3cd2ce");
    assert_eq!(listed[1].expires_at, None);
    assert!(listed[1].roles.is_empty());

    let got = trusts::get(&c, "987fe8").await.expect("get");
    assert_eq!(got.project_id.as_deref(), Some("0f1233"));
    let rs: Vec<_> = trusts::list_roles(&c, "987fe8")
        .try_collect()
        .await
        .expect("roles");
    assert_eq!(
        rs.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(),
        ["manager", "member"]
    );
    let r = trusts::get_role(&c, "987fe8", "c1648e")
        .await
        .expect("role");
    assert_eq!(r.name, "manager");
    assert!(trusts::check_role(&c, "987fe8", "c1648e")
        .await
        .expect("head"));
    assert!(!trusts::check_role(&c, "987fe8", "other")
        .await
        .expect("head"));
    trusts::delete(&c, "987fe8").await.expect("delete");
    let err = trusts::get(&c, "gone").await.expect_err("404");
    assert!(err.is_not_found(), "{err}");
    assert!(err.to_string().contains("Could not find trust"), "{err}");

    for m in [
        &create, &list, &get, &roles, &role, &head_yes, &head_no, &delete, &missing,
    ] {
        m.assert_async().await;
    }
    assert_eq!(all.calls_async().await, 0);
}

#[tokio::test]
async fn trust_auth_sends_trust_scope_and_reads_token() {
    let server = MockServer::start_async().await;
    let mut body = s("trust-auth-trust-response.json");
    body["token"]["project"] = serde_json::json!({"id": "p1", "name": "proj",
        "domain": {"id": "default", "name": "Default"}});
    body["token"]["roles"] = serde_json::json!([{"id": "ed7b78", "name": "member"}]);
    let auth = server
        .mock_async(|when, then| {
            when.method("POST")
                .path("/identity/v3/auth/tokens")
                .json_body(s("trust-auth-request.json"));
            then.status(201)
                .header("x-subject-token", "trust-token")
                .json_body(body.clone());
        })
        .await;
    let all = catch_all(&server).await;
    let provider = ProviderClient::builder()
        .auth_method(Arc::new(TrustAuth::new(
            AuthOptions::token(server.url("/identity"), "e80b74"),
            "de0945a",
        )))
        .build()
        .await
        .expect("authenticate");
    let t = provider.token().await.expect("token");
    assert_eq!(t.expose_id(), "trust-token");
    assert_eq!(t.user.as_ref().map(|u| u.id.as_str()), Some("0ca8f6"));
    assert_eq!(t.project.as_ref().map(|p| p.id.as_str()), Some("p1"));
    assert_eq!(t.roles[0].name, "member");
    auth.assert_async().await;
    assert_eq!(all.calls_async().await, 0);

    // A rejected trust scope is an authentication error naming the trust.
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method("POST").path("/v3/auth/tokens");
            then.status(401).json_body(error_body(
                401,
                "Unauthorized",
                "The request you have made requires authentication.",
            ));
        })
        .await;
    let err = ProviderClient::builder()
        .auth_method(Arc::new(TrustAuth::new(
            AuthOptions::password(server.url("/v3"), UserRef::id("u"), "pw"),
            "t-1",
        )))
        .build()
        .await
        .expect_err("401");
    assert!(err.to_string().contains("t-1"), "{err}");
}
