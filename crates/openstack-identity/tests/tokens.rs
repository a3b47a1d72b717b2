//! Tokens and the catalog against httpmock, with the official samples.

mod common;

use common::{admin, catch_all, error_body, sample, v3, AUTH};
use futures::TryStreamExt;
use httpmock::MockServer;
use openstack_core::auth::{AuthOptions, ProjectRef, Scope, UserRef};
use openstack_identity::{catalog, endpoints::Interface, tokens};
use secrecy::ExposeSecret;

#[tokio::test]
async fn create_validate_check_revoke() {
    let server = MockServer::start_async().await;
    let issued = sample(&format!("{AUTH}/responses/project-scoped-password.json"));
    let create = server
        .mock_async(|when, then| {
            when.method("POST")
                .path("/identity/v3/auth/tokens")
                .header_missing("x-auth-token")
                .json_body(sample(&format!("{AUTH}/requests/project-id-password.json")));
            then.status(201)
                .header("X-Subject-Token", "issued-token")
                .json_body(issued.clone());
        })
        .await;
    let validate = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/identity/v3/auth/tokens")
                .header("x-subject-token", "subject-token")
                .query_param("nocatalog", "true");
            then.status(200)
                .header("X-Subject-Token", "subject-token")
                .json_body(sample(&format!(
                    "{AUTH}/responses/domain-scoped-password.json"
                )));
        })
        .await;
    let validate_bad = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/identity/v3/auth/tokens")
                .header("x-subject-token", "bad");
            then.status(404)
                .json_body(error_body(404, "Not Found", "Failed to validate token"));
        })
        .await;
    let check_ok = server
        .mock_async(|when, then| {
            when.method("HEAD")
                .path("/identity/v3/auth/tokens")
                .header("x-subject-token", "subject-token");
            then.status(200);
        })
        .await;
    let check_bad = server
        .mock_async(|when, then| {
            when.method("HEAD")
                .path("/identity/v3/auth/tokens")
                .header("x-subject-token", "bad");
            then.status(404);
        })
        .await;
    let revoke = server
        .mock_async(|when, then| {
            when.method("DELETE")
                .path("/identity/v3/auth/tokens")
                .header("x-subject-token", "subject-token");
            then.status(204);
        })
        .await;
    let all = catch_all(&server).await;
    let c = v3(&server);

    let opts = AuthOptions::password(
        "unused",
        UserRef::id("ee4dfb6e5540447cb3741905149d9b6e"),
        "devstacker",
    )
    .scope(Scope::Project(ProjectRef::id(
        "a6944d763bf64ee6a275f1263fae0352",
    )));
    let t = tokens::create(&c, &opts.credentials, &opts.scope)
        .await
        .expect("create");
    assert_eq!(t.id.expose_secret(), "issued-token");
    let want = &issued["token"];
    assert_eq!(
        t.project.as_ref().expect("project").id,
        want["project"]["id"].as_str().expect("id")
    );
    assert_eq!(
        t.user.as_ref().expect("user").id,
        want["user"]["id"].as_str().expect("id")
    );
    assert_eq!(t.methods, ["password"]);
    assert!(!t.roles.is_empty());
    assert!(!t.catalog.services.is_empty());

    let v = tokens::validate_with(
        &c,
        "subject-token",
        tokens::ValidateOpts::new().no_catalog(),
    )
    .await
    .expect("validate");
    assert_eq!(v.id.expose_secret(), "subject-token");
    assert!(v.domain.is_some());
    assert!(v.project.is_none());
    let err = tokens::validate(&c, "bad").await.expect_err("404");
    assert!(err.is_not_found());

    assert!(tokens::check(&c, "subject-token").await.expect("check"));
    assert!(!tokens::check(&c, "bad").await.expect("check"));
    tokens::revoke(&c, "subject-token").await.expect("revoke");
    for m in [
        &create,
        &validate,
        &validate_bad,
        &check_ok,
        &check_bad,
        &revoke,
    ] {
        m.assert_async().await;
    }
    assert_eq!(all.calls_async().await, 0);
}

#[tokio::test]
async fn catalog_and_scopes() {
    let server = MockServer::start_async().await;
    let cat = server
        .mock_async(|when, then| {
            when.method("GET").path("/identity/v3/auth/catalog");
            then.status(200)
                .json_body(admin("get-service-catalog-response.json"));
        })
        .await;
    let projects = server
        .mock_async(|when, then| {
            when.method("GET").path("/identity/v3/auth/projects");
            then.status(200)
                .json_body(admin("get-available-project-scopes-response.json"));
        })
        .await;
    let domains = server
        .mock_async(|when, then| {
            when.method("GET").path("/identity/v3/auth/domains");
            then.status(200)
                .json_body(admin("get-available-domain-scopes-response.json"));
        })
        .await;
    let all = catch_all(&server).await;
    let c = v3(&server);
    let entries = catalog::get(&c).await.expect("catalog");
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].service_type, "identity");
    assert_eq!(entries[0].endpoints.len(), 3);
    assert_eq!(entries[0].endpoints[2].interface, Interface::Admin);
    let ps: Vec<_> = tokens::list_projects(&c)
        .try_collect()
        .await
        .expect("projects");
    assert!(!ps.is_empty());
    let ds: Vec<_> = tokens::list_domains(&c)
        .try_collect()
        .await
        .expect("domains");
    assert!(!ds.is_empty());
    for m in [&cat, &projects, &domains] {
        m.assert_async().await;
    }
    assert_eq!(all.calls_async().await, 0);
}
