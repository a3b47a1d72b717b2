//! Application credentials and access rules against httpmock, with the official samples.

mod common;

use common::{admin, catch_all, error_body, v3};
use futures::TryStreamExt;
use httpmock::MockServer;
use openstack_identity::application_credentials::{self, AccessRule, CreateOpts, ListOpts};
use time::macros::datetime;

const USER: &str = "fd786d56402c4d1691372e7dee0d00b5";

#[tokio::test]
async fn create_list_get_delete() {
    let server = MockServer::start_async().await;
    let base = format!("/identity/v3/users/{USER}/application_credentials");
    let create = server
        .mock_async(|when, then| {
            when.method("POST")
                .path(base.clone())
                .json_body(admin("application-credential-create-request.json"));
            then.status(201)
                .json_body(admin("application-credential-create-response.json"));
        })
        .await;
    let list = server
        .mock_async(|when, then| {
            when.method("GET").path(base.clone());
            then.status(200)
                .json_body(admin("application-credential-list-response.json"));
        })
        .await;
    let get = server
        .mock_async(|when, then| {
            when.method("GET")
                .path(format!("{base}/58d61ff8e6e34accb35874016d1dba8b"));
            then.status(200)
                .json_body(admin("application-credential-get-response.json"));
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method("DELETE")
                .path(format!("{base}/58d61ff8e6e34accb35874016d1dba8b"));
            then.status(204);
        })
        .await;
    let conflict = server
        .mock_async(|when, then| {
            when.method("POST").path("/identity/v3/users/dup/application_credentials");
            then.status(409).json_body(error_body(
                409,
                "Conflict",
                "Conflict occurred attempting to store application_credential - Duplicate name, monitoring.",
            ));
        })
        .await;
    let all = catch_all(&server).await;
    let c = v3(&server);

    let opts = CreateOpts::new("monitoring")
        .secret("rEaqvJka48mpv")
        .description("Application credential for monitoring.")
        .expires_at(datetime!(2018-02-27 18:30:59 UTC))
        .role_name("Reader")
        .access_rule(AccessRule::new("monitoring", "GET", "/v2.0/metrics"))
        .unrestricted(false);
    let cred = application_credentials::create(&c, USER, opts.clone())
        .await
        .expect("create");
    assert_eq!(cred.secret.as_deref(), Some("rEaqvJka48mpv"));
    assert_eq!(cred.roles[0].name.as_deref(), Some("Reader"));
    assert_eq!(cred.roles[0].domain_id, None);
    assert_eq!(
        cred.access_rules[0].id.as_deref(),
        Some("07d719df00f349ef8de77d542edf010c")
    );
    assert_eq!(cred.expires_at, Some(datetime!(2018-02-27 18:30:59 UTC)));
    assert!(!cred.unrestricted);
    assert!(!format!("{cred:?}").contains("rEaqvJka48mpv"));

    let creds: Vec<_> = application_credentials::list(&c, USER, ListOpts::new())
        .try_collect()
        .await
        .expect("list");
    assert_eq!(creds.len(), 2);
    assert!(creds[0].access_rules.is_empty());
    assert!(creds.iter().all(|c| c.secret.is_none()));

    let one = application_credentials::get(&c, USER, "58d61ff8e6e34accb35874016d1dba8b")
        .await
        .expect("get");
    assert_eq!(one.name, "monitoring");
    application_credentials::delete(&c, USER, "58d61ff8e6e34accb35874016d1dba8b")
        .await
        .expect("delete");
    let err = application_credentials::create(&c, "dup", opts)
        .await
        .expect_err("409");
    assert!(err.is_conflict());
    assert!(err
        .api_message()
        .expect("message")
        .contains("Duplicate name"));
    for m in [&create, &list, &get, &delete, &conflict] {
        m.assert_async().await;
    }
    assert_eq!(all.calls_async().await, 0);
}

#[tokio::test]
async fn access_rules() {
    let server = MockServer::start_async().await;
    let list = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/identity/v3/users/u1/access_rules");
            then.status(200)
                .json_body(admin("access-rules-list-response.json"));
        })
        .await;
    let get = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/identity/v3/users/u1/access_rules/07d719df00f349ef8de77d542edf010c");
            then.status(200)
                .json_body(admin("access-rule-get-response.json"));
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method("DELETE")
                .path("/identity/v3/users/u1/access_rules/07d719df00f349ef8de77d542edf010c");
            then.status(204);
        })
        .await;
    let all = catch_all(&server).await;
    let c = v3(&server);
    let rules: Vec<_> = application_credentials::list_access_rules(&c, "u1")
        .try_collect()
        .await
        .expect("list");
    assert_eq!(rules[0].service, "monitoring");
    let r = application_credentials::get_access_rule(&c, "u1", "07d719df00f349ef8de77d542edf010c")
        .await
        .expect("get");
    assert_eq!(r.method, "GET");
    application_credentials::delete_access_rule(&c, "u1", "07d719df00f349ef8de77d542edf010c")
        .await
        .expect("delete");
    for m in [&list, &get, &delete] {
        m.assert_async().await;
    }
    assert_eq!(all.calls_async().await, 0);
}
