//! EC2 credentials against httpmock. Keystone's API reference has no v3 OS-EC2 samples, so
//! the bodies are Keystone's documented shape, written here.

mod common;

use common::{catch_all, error_body, v3};
use futures::TryStreamExt;
use httpmock::MockServer;
use openstack_identity::ec2_credentials::{self, CreateOpts};
use serde_json::json;

#[tokio::test]
async fn create_list_get_delete() {
    let server = MockServer::start_async().await;
    let base = "/identity/v3/users/u1/credentials/OS-EC2";
    let cred = json!({"access": "a1", "secret": "s1", "user_id": "u1", "tenant_id": "p1",
        "trust_id": null, "app_cred_id": null,
        "links": {"self": "http://k/v3/users/u1/credentials/OS-EC2/a1"}});
    let create = server
        .mock_async(|when, then| {
            when.method("POST")
                .path(base)
                .json_body(json!({"tenant_id": "p1"}));
            then.status(201)
                .json_body(json!({"credential": cred.clone()}));
        })
        .await;
    let list = server
        .mock_async(|when, then| {
            when.method("GET").path(base);
            then.status(200)
                .json_body(json!({"credentials": [cred.clone(),
                {"access": "a2", "secret": null, "user_id": "u1", "tenant_id": "p2"}],
                "links": {"next": null, "previous": null, "self": "x"}}));
        })
        .await;
    let get = server
        .mock_async(|when, then| {
            when.method("GET").path(format!("{base}/a1"));
            then.status(200)
                .json_body(json!({"credential": cred.clone()}));
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method("DELETE").path(format!("{base}/a1"));
            then.status(204);
        })
        .await;
    let missing = server
        .mock_async(|when, then| {
            when.method("GET").path(format!("{base}/nope"));
            then.status(404).json_body(error_body(
                404,
                "Not Found",
                "Could not find credential: nope.",
            ));
        })
        .await;
    let all = catch_all(&server).await;
    let c = v3(&server);

    let made = ec2_credentials::create(&c, "u1", CreateOpts::new("p1"))
        .await
        .expect("create");
    assert_eq!(made.access, "a1");
    assert_eq!(made.expose_secret(), Some("s1"));
    assert!(!format!("{made:?}").contains("s1\""));
    let listed: Vec<_> = ec2_credentials::list(&c, "u1")
        .try_collect()
        .await
        .expect("list");
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[1].expose_secret(), None);
    assert_eq!(listed[1].project_id.as_deref(), Some("p2"));
    let got = ec2_credentials::get(&c, "u1", "a1").await.expect("get");
    assert_eq!(got.project_id.as_deref(), Some("p1"));
    ec2_credentials::delete(&c, "u1", "a1")
        .await
        .expect("delete");
    let err = ec2_credentials::get(&c, "u1", "nope")
        .await
        .expect_err("404");
    assert!(err.is_not_found(), "{err}");

    for m in [&create, &list, &get, &delete, &missing] {
        m.assert_async().await;
    }
    assert_eq!(all.calls_async().await, 0);
}

#[tokio::test]
async fn ec2_token_validation() {
    use openstack_identity::ec2_tokens;
    let server = MockServer::start_async().await;
    let signed = ec2_tokens::sign_v2(
        "a1",
        "s1",
        "GET",
        "ec2.example.com",
        "/",
        [("Action".to_owned(), "DescribeInstances".to_owned())].into(),
        time::macros::datetime!(2026-11-27 05:00 UTC),
    );
    let ok = server
        .mock_async(|when, then| {
            when.method("POST")
                .path("/identity/v3/ec2tokens")
                .json_body(json!({"credentials": {
                    "access": "a1", "signature": signed.signature, "host": "ec2.example.com",
                    "verb": "GET", "path": "/", "params": {
                        "AWSAccessKeyId": "a1", "Action": "DescribeInstances",
                        "SignatureMethod": "HmacSHA256", "SignatureVersion": "2",
                        "Timestamp": "2026-11-27T05:00:00Z"}}}));
            then.status(200)
                .header("x-subject-token", "t-ec2")
                .json_body(json!({"token": {"methods": ["ec2credential"],
                    "expires_at": "2030-01-01T00:00:00Z",
                    "user": {"id": "u1", "name": "u", "domain": {"id": "default"}},
                    "project": {"id": "p1", "name": "p", "domain": {"id": "default"}},
                    "roles": [{"id": "r", "name": "member"}]}}));
        })
        .await;
    let all = catch_all(&server).await;
    let c = v3(&server);
    let t = ec2_tokens::create(&c, &signed).await.expect("token");
    assert_eq!(t.expose_id(), "t-ec2");
    assert_eq!(t.project.as_ref().map(|p| p.id.as_str()), Some("p1"));
    ok.assert_async().await;
    assert_eq!(all.calls_async().await, 0);
}
