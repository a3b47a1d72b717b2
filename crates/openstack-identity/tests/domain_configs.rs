//! Domain configuration against httpmock, with the official samples as fixtures.

mod common;

use common::{admin, catch_all, error_body, v3};
use httpmock::MockServer;
use openstack_identity::domain_configs::{self, Config};
use serde_json::json;

#[tokio::test]
async fn whole_group_option_and_defaults() {
    let server = MockServer::start_async().await;
    let base = "/identity/v3/domains/d1/config";
    let create = server
        .mock_async(|when, then| {
            when.method("PUT")
                .path(base)
                .json_body(admin("domain-config-create-request.json"));
            then.status(201)
                .json_body(admin("domain-config-create-response.json"));
        })
        .await;
    let group = server
        .mock_async(|when, then| {
            when.method("GET").path(format!("{base}/ldap"));
            // The API reference's form, without the `config` wrapper.
            then.status(200)
                .json_body(admin("domain-config-group-show-response.json"));
        })
        .await;
    let option = server
        .mock_async(|when, then| {
            when.method("GET").path(format!("{base}/ldap/url"));
            then.status(200)
                .json_body(json!({"config": {"url": "http://myldap/root"}}));
        })
        .await;
    let set_option = server
        .mock_async(|when, then| {
            when.method("PATCH")
                .path(format!("{base}/ldap/url"))
                .json_body(
                    json!({"config": admin("domain-config-group-option-update-request.json")}),
                );
            then.status(200)
                .json_body(admin("domain-config-group-option-update-response.json"));
        })
        .await;
    let option_default = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/identity/v3/domains/config/identity/driver/default");
            then.status(200)
                .json_body(admin("domain-config-group-option-default-response.json"));
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method("DELETE").path(base);
            then.status(204);
        })
        .await;
    let none = server
        .mock_async(|when, then| {
            when.method("GET").path("/identity/v3/domains/d2/config");
            then.status(404).json_body(error_body(
                404,
                "Not Found",
                "Could not find any options in domain configuration for domain d2.",
            ));
        })
        .await;
    let all = catch_all(&server).await;
    let c = v3(&server);

    let req = admin("domain-config-create-request.json");
    let config: Config = serde_json::from_value(req["config"].clone()).expect("config");
    let made = domain_configs::create(&c, "d1", &config)
        .await
        .expect("create");
    assert_eq!(made, config);
    let g = domain_configs::get_group(&c, "d1", "ldap")
        .await
        .expect("group");
    assert_eq!(g["user_tree_dn"], "ou=Users,dc=root,dc=org");
    let o = domain_configs::get_option(&c, "d1", "ldap", "url")
        .await
        .expect("option");
    assert_eq!(o, "http://myldap/root");
    let after =
        domain_configs::update_option(&c, "d1", "ldap", "url", "http://myldap/my_other_root")
            .await
            .expect("update option");
    assert_eq!(after["identity"]["driver"], "ldap");
    let d = domain_configs::get_option_default(&c, "identity", "driver")
        .await
        .expect("default");
    assert_eq!(d, "ldap");
    domain_configs::delete(&c, "d1").await.expect("delete");
    let err = domain_configs::get(&c, "d2").await.expect_err("404");
    assert!(err.is_not_found(), "{err}");

    for m in [
        &create,
        &group,
        &option,
        &set_option,
        &option_default,
        &delete,
        &none,
    ] {
        m.assert_async().await;
    }
    assert_eq!(all.calls_async().await, 0);
}
