//! OS-OAUTH1 against httpmock, with the official samples as fixtures.

mod common;

use std::sync::Arc;

use common::{catch_all, error_body, sample, v3};
use futures::TryStreamExt;
use httpmock::MockServer;
use openstack_core::ProviderClient;
use openstack_identity::oauth1::{
    self, ConsumerCredentials, CreateConsumerOpts, OAuth1Auth, OAuthToken, UpdateConsumerOpts,
};

const S: &str = "keystone/api-ref/source/v3-ext/samples/OS-OAUTH1";

fn s(name: &str) -> serde_json::Value {
    sample(&format!("{S}/{name}"))
}

fn text(name: &str) -> String {
    String::from_utf8(openstack_test_support::corpus::read(&format!("{S}/{name}")))
        .expect("utf-8")
        .trim()
        .to_owned()
}

#[tokio::test]
async fn consumers_and_access_tokens() {
    let server = MockServer::start_async().await;
    let create = server
        .mock_async(|when, then| {
            when.method("POST")
                .path("/identity/v3/OS-OAUTH1/consumers")
                .json_body(s("consumer-create-request.json"));
            then.status(201)
                .json_body(s("consumer-create-response.json"));
        })
        .await;
    let list = server
        .mock_async(|when, then| {
            when.method("GET").path("/identity/v3/OS-OAUTH1/consumers");
            then.status(200)
                .json_body(s("consumers-list-response.json"));
        })
        .await;
    let update = server
        .mock_async(|when, then| {
            when.method("PATCH")
                .path("/identity/v3/OS-OAUTH1/consumers/7fea2d")
                .json_body(s("consumer-update-request.json"));
            then.status(200)
                .json_body(s("consumer-update-response.json"));
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method("DELETE")
                .path("/identity/v3/OS-OAUTH1/consumers/7fea2d");
            then.status(204);
        })
        .await;
    let tokens = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/identity/v3/users/ce9e07/OS-OAUTH1/access_tokens");
            then.status(200)
                .json_body(s("access-tokens-list-response.json"));
        })
        .await;
    let token = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/identity/v3/users/ce9e07/OS-OAUTH1/access_tokens/6be26a");
            then.status(200)
                .json_body(s("access-token-show-response.json"));
        })
        .await;
    let roles = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/identity/v3/users/ce9e07/OS-OAUTH1/access_tokens/6be26a/roles");
            then.status(200)
                .json_body(s("access-token-roles-list-response.json"));
        })
        .await;
    let role = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/identity/v3/users/ce9e07/OS-OAUTH1/access_tokens/6be26a/roles/5ad150");
            then.status(200)
                .json_body(s("access-token-role-show-response.json"));
        })
        .await;
    let revoke = server
        .mock_async(|when, then| {
            when.method("DELETE")
                .path("/identity/v3/users/ce9e07/OS-OAUTH1/access_tokens/6be26a");
            then.status(204);
        })
        .await;
    let all = catch_all(&server).await;
    let c = v3(&server);

    let made = oauth1::create_consumer(&c, CreateConsumerOpts::new().description("My consumer"))
        .await
        .expect("create");
    assert_eq!(made.id, "7fea2d");
    assert!(made.secret.is_some());
    assert!(!format!("{made:?}").contains("secretsecret"));
    let listed: Vec<_> = oauth1::list_consumers(&c)
        .try_collect()
        .await
        .expect("list");
    assert!(listed.len() >= 2);
    assert!(listed.iter().all(|c| c.secret.is_none()));
    let u = oauth1::update_consumer(
        &c,
        "7fea2d",
        UpdateConsumerOpts::new().description("My new consumer"),
    )
    .await
    .expect("update");
    assert_eq!(u.description.as_deref(), Some("My new consumer"));
    oauth1::delete_consumer(&c, "7fea2d").await.expect("delete");

    let ts: Vec<_> = oauth1::list_access_tokens(&c, "ce9e07")
        .try_collect()
        .await
        .expect("tokens");
    assert_eq!(ts[0].consumer_id, "7fea2d");
    assert!(ts[0].expires_at.is_some());
    let t = oauth1::get_access_token(&c, "ce9e07", "6be26a")
        .await
        .expect("token");
    assert_eq!(t.project_id.as_deref(), Some("b9fca3"));
    let rs: Vec<_> = oauth1::list_access_token_roles(&c, "ce9e07", "6be26a")
        .try_collect()
        .await
        .expect("roles");
    assert_eq!(rs[1].name, "Member");
    let r = oauth1::get_access_token_role(&c, "ce9e07", "6be26a", "5ad150")
        .await
        .expect("role");
    assert_eq!(r.domain_id.as_deref(), Some("7cf37b"));
    oauth1::revoke_access_token(&c, "ce9e07", "6be26a")
        .await
        .expect("revoke");

    for m in [
        &create, &list, &update, &delete, &tokens, &token, &roles, &role, &revoke,
    ] {
        m.assert_async().await;
    }
    assert_eq!(all.calls_async().await, 0);
}

#[tokio::test]
async fn signed_flow_and_oauth1_auth() {
    let server = MockServer::start_async().await;
    let request = server
        .mock_async(|when, then| {
            when.method("POST")
                .path("/identity/v3/OS-OAUTH1/request_token")
                .header("requested-project-id", "b9fca3")
                .header_prefix("authorization", "OAuth ")
                .header_includes("authorization", r#"oauth_consumer_key="7fea2d""#)
                .header_includes("authorization", r#"oauth_callback="oob""#)
                .header_includes("authorization", r#"oauth_signature_method="HMAC-SHA1""#)
                .header_includes("authorization", "oauth_signature=")
                .header_excludes("authorization", "oauth_token=");
            then.status(201)
                .header("content-type", "application/x-www-form-urlencoded")
                .body("oauth_token=29971f&oauth_token_secret=238eb8&oauth_expires_at=2013-09-11T06:07:51.501805Z");
        })
        .await;
    let authorize = server
        .mock_async(|when, then| {
            when.method("PUT")
                .path("/identity/v3/OS-OAUTH1/authorize/29971f")
                .json_body(s("authorize-request-token-request.json"));
            then.status(200)
                .json_body(s("authorize-request-token-response.json"));
        })
        .await;
    let access = server
        .mock_async(|when, then| {
            when.method("POST")
                .path("/identity/v3/OS-OAUTH1/access_token")
                .header_includes("authorization", r#"oauth_token="29971f""#)
                .header_includes("authorization", r#"oauth_verifier="8171""#);
            then.status(201)
                .body(text("access-token-create-response.txt"));
        })
        .await;
    let denied = server
        .mock_async(|when, then| {
            when.method("POST")
                .path("/identity/v3/OS-OAUTH1/request_token")
                .header("requested-project-id", "nope");
            then.status(401)
                .json_body(error_body(401, "Unauthorized", "Invalid signature"));
        })
        .await;
    let all = catch_all(&server).await;
    let c = v3(&server);
    let consumer = ConsumerCredentials::new("7fea2d", "secretsecret");

    let rt = oauth1::request_token(&c, &consumer, "b9fca3")
        .await
        .expect("request token");
    assert_eq!(rt.key, "29971f");
    let verifier = oauth1::authorize(&c, &rt.key, &["a3b29b", "49993e"])
        .await
        .expect("authorize");
    assert_eq!(verifier, "8171");
    let at = oauth1::access_token(&c, &consumer, &rt, &verifier)
        .await
        .expect("access token");
    assert_eq!(at.key, "accd36");
    assert!(at.expires_at.is_some());
    let err = oauth1::request_token(&c, &consumer, "nope")
        .await
        .expect_err("401");
    assert!(err.to_string().contains("Invalid signature"), "{err}");
    for m in [&request, &authorize, &access, &denied] {
        m.assert_async().await;
    }
    assert_eq!(all.calls_async().await, 0);

    // Authentication with the access token.
    let server = MockServer::start_async().await;
    let auth = server
        .mock_async(|when, then| {
            when.method("POST")
                .path("/v3/auth/tokens")
                .json_body(serde_json::json!(
                    {"auth": {"identity": {"methods": ["oauth1"], "oauth1": {}}}}))
                .header_includes("authorization", r#"oauth_token="accd36""#);
            then.status(201)
                .header("x-subject-token", "oauth-token")
                .json_body(serde_json::json!({"token": {
                    "methods": ["oauth1"], "expires_at": "2030-01-01T00:00:00Z",
                    "user": {"id": "ce9e07", "name": "u", "domain": {"id": "default"}},
                    "project": {"id": "b9fca3", "name": "p", "domain": {"id": "default"}},
                    "roles": [{"id": "a3b29b", "name": "member"}],
                    "OS-OAUTH1": {"access_token_id": "accd36", "consumer_id": "7fea2d"}}}));
        })
        .await;
    let provider = ProviderClient::builder()
        .auth_method(Arc::new(OAuth1Auth::new(
            server.url("/v3"),
            consumer,
            OAuthToken::new("accd36", "aa47da"),
        )))
        .build()
        .await
        .expect("authenticate");
    let t = provider.token().await.expect("token");
    assert_eq!(t.expose_id(), "oauth-token");
    assert_eq!(t.project.as_ref().map(|p| p.id.as_str()), Some("b9fca3"));
    auth.assert_async().await;
}
