//! Users against httpmock, with the official samples as fixtures.

mod common;

use common::{admin, catch_all, error_body, v3};
use futures::TryStreamExt;
use httpmock::MockServer;
use openstack_identity::users::{self, CreateOpts, ListOpts, UpdateOpts};
use serde_json::json;

#[tokio::test]
async fn crud_and_password() {
    let server = MockServer::start_async().await;
    let create = server
        .mock_async(|when, then| {
            when.method("POST")
                .path("/identity/v3/users")
                .json_body(admin("user-create-request.json"));
            then.status(201)
                .json_body(admin("user-create-response.json"));
        })
        .await;
    let get = server
        .mock_async(|when, then| {
            when.method("GET").path("/identity/v3/users/9fe1d3");
            then.status(200).json_body(admin("user-show-response.json"));
        })
        .await;
    let update = server
        .mock_async(|when, then| {
            when.method("PATCH")
                .path("/identity/v3/users/ff4e51")
                .json_body(admin("user-update-request.json"));
            then.status(200)
                .json_body(admin("user-update-response.json"));
        })
        .await;
    let password = server
        .mock_async(|when, then| {
            when.method("POST")
                .path("/identity/v3/users/ff4e51/password")
                .json_body(admin("user-password-update-request.json"));
            then.status(204);
        })
        .await;
    let bad_password = server
        .mock_async(|when, then| {
            when.method("POST")
                .path("/identity/v3/users/other/password");
            then.status(401).json_body(error_body(
                401,
                "Unauthorized",
                "The request you have made requires authentication.",
            ));
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method("DELETE").path("/identity/v3/users/ff4e51");
            then.status(204);
        })
        .await;
    let all = catch_all(&server).await;
    let c = v3(&server);

    let u = users::create(
        &c,
        CreateOpts::new("James Doe")
            .default_project_id("263fd9")
            .domain_id("1789d1")
            .enabled(true)
            .federated(
                "efbab5a6acad4d108fec6c63d9609d83",
                vec![json!({"protocol_id": "mapped", "unique_id": "test@example.com"})],
            )
            .password("secretsecret")
            .description("James Doe user")
            .email("jdoe@example.com")
            .option("ignore_password_expiry", true),
    )
    .await
    .expect("create");
    assert_eq!(u.id, "ff4e51");
    assert_eq!(u.extra_str("email"), Some("jdoe@example.com"));
    assert_eq!(u.options["ignore_password_expiry"], true);
    assert_eq!(u.password_expires_at.expect("expiry").year(), 2016);
    assert_eq!(u.federated.len(), 1);

    let u = users::get(&c, "9fe1d3").await.expect("get");
    assert_eq!(u.id, "9fe1d3");

    users::update(
        &c,
        "ff4e51",
        UpdateOpts::new()
            .default_project_id("263fd9")
            .enabled(true)
            .option("ignore_lockout_failure_attempts", true),
    )
    .await
    .expect("update");
    users::change_password(&c, "ff4e51", "secretsecret", "new_secretsecret")
        .await
        .expect("password");
    let err = users::change_password(&c, "other", "a", "b")
        .await
        .expect_err("401");
    assert!(err.is_unauthorized());
    users::delete(&c, "ff4e51").await.expect("delete");
    for m in [&create, &get, &update, &password, &bad_password, &delete] {
        m.assert_async().await;
    }
    assert_eq!(all.calls_async().await, 0);
}

#[tokio::test]
async fn lists() {
    let server = MockServer::start_async().await;
    let list = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/identity/v3/users")
                .query_param("domain_id", "default")
                .query_param("enabled", "true");
            then.status(200)
                .json_body(admin("users-list-response.json"));
        })
        .await;
    let groups = server
        .mock_async(|when, then| {
            when.method("GET").path("/identity/v3/users/9fe1d3/groups");
            then.status(200)
                .json_body(admin("user-groups-list-response.json"));
        })
        .await;
    let projects = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/identity/v3/users/313233/projects");
            then.status(200)
                .json_body(admin("user-projects-list-response.json"));
        })
        .await;
    let all = catch_all(&server).await;
    let c = v3(&server);
    let us: Vec<_> = users::list(&c, ListOpts::new().domain_id("default").enabled(true))
        .try_collect()
        .await
        .expect("list");
    assert_eq!(us.len(), 13);
    assert!(us[0].password_expires_at.is_none());
    assert!(us[1].password_expires_at.is_some());
    let gs: Vec<_> = users::list_groups(&c, "9fe1d3")
        .try_collect()
        .await
        .expect("groups");
    assert_eq!(gs.len(), 2);
    assert!(gs[0].membership_expires_at.is_none());
    assert!(gs[1].membership_expires_at.is_some());
    let ps: Vec<_> = users::list_projects(&c, "313233")
        .try_collect()
        .await
        .expect("projects");
    assert_eq!(ps[1].name, "another domain");
    for m in [&list, &groups, &projects] {
        m.assert_async().await;
    }
    assert_eq!(all.calls_async().await, 0);
}
