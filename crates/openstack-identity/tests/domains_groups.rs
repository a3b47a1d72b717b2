//! Domains and groups against httpmock, with the official samples.

mod common;

use common::{admin, catch_all, v3};
use futures::TryStreamExt;
use httpmock::MockServer;
use openstack_identity::{domains, groups};
use serde_json::json;

#[tokio::test]
async fn domains_crud() {
    let server = MockServer::start_async().await;
    let list = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/identity/v3/domains")
                .query_param("enabled", "true");
            then.status(200)
                .json_body(admin("domains-list-response.json"));
        })
        .await;
    let create = server
        .mock_async(|when, then| {
            when.method("POST")
                .path("/identity/v3/domains")
                .json_body(admin("domain-create-request.json"));
            then.status(201)
                .json_body(admin("domain-create-response.json"));
        })
        .await;
    let get = server
        .mock_async(|when, then| {
            when.method("GET").path("/identity/v3/domains/default");
            then.status(200)
                .json_body(admin("domain-show-response.json"));
        })
        .await;
    let disable = server
        .mock_async(|when, then| {
            when.method("PATCH")
                .path("/identity/v3/domains/d1")
                .json_body(json!({"domain": {"enabled": false}}));
            then.status(200)
                .json_body(admin("domain-update-response.json"));
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method("DELETE").path("/identity/v3/domains/d1");
            then.status(204);
        })
        .await;
    let all = catch_all(&server).await;
    let c = v3(&server);
    let ds: Vec<_> = domains::list(&c, domains::ListOpts::new().enabled(true))
        .try_collect()
        .await
        .expect("list");
    assert_eq!(ds.len(), 2);
    assert_eq!(ds[1].id, "default");
    let d = domains::create(
        &c,
        domains::CreateOpts::new("myDomain")
            .description("Domain description")
            .enabled(true),
    )
    .await
    .expect("create");
    assert_eq!(d.name, "myDomain");
    domains::get(&c, "default").await.expect("get");
    domains::update(&c, "d1", domains::UpdateOpts::new().enabled(false))
        .await
        .expect("disable");
    domains::delete(&c, "d1").await.expect("delete");
    for m in [&list, &create, &get, &disable, &delete] {
        m.assert_async().await;
    }
    assert_eq!(all.calls_async().await, 0);
}

#[tokio::test]
async fn groups_crud_and_membership() {
    let server = MockServer::start_async().await;
    let list = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/identity/v3/groups")
                .query_param("domain_id", "default");
            then.status(200)
                .json_body(admin("groups-list-response.json"));
        })
        .await;
    let create = server
        .mock_async(|when, then| {
            when.method("POST")
                .path("/identity/v3/groups")
                .json_body(admin("group-create-request.json"));
            then.status(201)
                .json_body(admin("group-create-response.json"));
        })
        .await;
    let get = server
        .mock_async(|when, then| {
            when.method("GET").path("/identity/v3/groups/g1");
            then.status(200)
                .json_body(admin("group-show-response.json"));
        })
        .await;
    let update = server
        .mock_async(|when, then| {
            when.method("PATCH")
                .path("/identity/v3/groups/g1")
                .json_body(admin("group-update-request.json"));
            then.status(200)
                .json_body(admin("group-update-response.json"));
        })
        .await;
    let add = server
        .mock_async(|when, then| {
            when.method("PUT").path("/identity/v3/groups/g1/users/u1");
            then.status(204);
        })
        .await;
    let check = server
        .mock_async(|when, then| {
            when.method("HEAD").path("/identity/v3/groups/g1/users/u1");
            then.status(204);
        })
        .await;
    let check_no = server
        .mock_async(|when, then| {
            when.method("HEAD").path("/identity/v3/groups/g1/users/u2");
            then.status(404);
        })
        .await;
    // The group-users sample is not valid JSON (a missing comma); this is its intent.
    let users = server
        .mock_async(|when, then| {
            when.method("GET").path("/identity/v3/groups/g1/users");
            then.status(200).json_body(json!({
                "links": {"self": "x", "previous": null, "next": null},
                "users": [
                    {"domain_id": "default", "description": null, "enabled": true,
                     "id": "acd565a08293c1e48bc0dd0d72ad5d5d", "name": "Henry",
                     "links": {"self": "x"}},
                    {"domain_id": "default", "description": null, "enabled": true,
                     "id": "fff603a0829d41e48bc0dd0d72ad61ce", "name": "Paul",
                     "links": {"self": "x"}, "password_expires_at": "2016-11-06T15:32:17.000000"}
                ]
            }));
        })
        .await;
    let remove = server
        .mock_async(|when, then| {
            when.method("DELETE")
                .path("/identity/v3/groups/g1/users/u1");
            then.status(204);
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method("DELETE").path("/identity/v3/groups/g1");
            then.status(204);
        })
        .await;
    let all = catch_all(&server).await;
    let c = v3(&server);
    let gs: Vec<_> = groups::list(&c, groups::ListOpts::new().domain_id("default"))
        .try_collect()
        .await
        .expect("list");
    assert_eq!(gs[1].name, "admins");
    let g = groups::create(
        &c,
        groups::CreateOpts::new("Contract developers")
            .description("Contract developers")
            .domain_id("default"),
    )
    .await
    .expect("create");
    assert_eq!(g.domain_id, "default");
    groups::get(&c, "g1").await.expect("get");
    let g = groups::update(
        &c,
        "g1",
        groups::UpdateOpts::new()
            .description("Contract developers 2016")
            .name("Contract developers 2016"),
    )
    .await
    .expect("update");
    assert_eq!(g.name, "Contract developers 2016");
    groups::add_user(&c, "g1", "u1").await.expect("add");
    assert!(groups::check_user(&c, "g1", "u1").await.expect("check"));
    assert!(!groups::check_user(&c, "g1", "u2").await.expect("check"));
    let us: Vec<_> = groups::list_users(&c, "g1", groups::ListUsersOpts::new())
        .try_collect()
        .await
        .expect("users");
    assert_eq!(us[0].name, "Henry");
    assert!(us[1].password_expires_at.is_some());
    groups::remove_user(&c, "g1", "u1").await.expect("remove");
    groups::delete(&c, "g1").await.expect("delete");
    for m in [
        &list, &create, &get, &update, &add, &check, &check_no, &users, &remove, &delete,
    ] {
        m.assert_async().await;
    }
    assert_eq!(all.calls_async().await, 0);
}
