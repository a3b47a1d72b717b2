//! Unified limits against httpmock, with the official samples.

mod common;

use common::{admin, catch_all, v3};
use futures::TryStreamExt;
use httpmock::MockServer;
use openstack_identity::limits::{self, ListOpts, NewLimit, NewRegisteredLimit, UpdateOpts};

#[tokio::test]
async fn registered_limits_and_limits() {
    let server = MockServer::start_async().await;
    let create_reg = server
        .mock_async(|when, then| {
            when.method("POST")
                .path("/identity/v3/registered_limits")
                .json_body(admin("registered-limits-create-request.json"));
            then.status(201)
                .json_body(admin("registered-limits-create-response.json"));
        })
        .await;
    let list_reg = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/identity/v3/registered_limits")
                .query_param("service_id", "9408080f1970482aa0e38bc2d4ea34b7");
            then.status(200)
                .json_body(admin("registered-limits-list-response.json"));
        })
        .await;
    let create = server
        .mock_async(|when, then| {
            when.method("POST")
                .path("/identity/v3/limits")
                .json_body(admin("limits-create-request.json"));
            then.status(201)
                .json_body(admin("limits-create-response.json"));
        })
        .await;
    let list = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/identity/v3/limits")
                .query_param("project_id", "3a705b9f56bb439381b43c4fe59dccce");
            then.status(200)
                .json_body(admin("limits-list-response.json"));
        })
        .await;
    let update = server
        .mock_async(|when, then| {
            when.method("PATCH")
                .path("/identity/v3/limits/25a04c7a065c430590881c646cdcdd58")
                .json_body(admin("limits-update-request.json"));
            then.status(200)
                .json_body(admin("limits-update-response.json"));
        })
        .await;
    let model = server
        .mock_async(|when, then| {
            when.method("GET").path("/identity/v3/limits/model");
            then.status(200)
                .json_body(admin("limit-flat-model-response.json"));
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method("DELETE")
                .path("/identity/v3/limits/25a04c7a065c430590881c646cdcdd58");
            then.status(204);
        })
        .await;
    let all = catch_all(&server).await;
    let c = v3(&server);
    let svc = "9408080f1970482aa0e38bc2d4ea34b7";
    let reg = limits::create_registered(
        &c,
        vec![
            NewRegisteredLimit::new(svc, "snapshot", 5).region_id("RegionOne"),
            NewRegisteredLimit::new(svc, "volume", 10).description("Number of volumes"),
        ],
    )
    .await
    .expect("create registered");
    assert_eq!(reg.len(), 2);
    assert_eq!(reg[0].default_limit, 10);
    assert_eq!(reg[0].region_id, None);
    let listed: Vec<_> = limits::list_registered(&c, ListOpts::new().service_id(svc))
        .try_collect()
        .await
        .expect("list registered");
    assert!(!listed.is_empty());
    let project = "3a705b9f56bb439381b43c4fe59dccce";
    let made = limits::create(
        &c,
        vec![
            NewLimit::project(project, svc, "snapshot", 5).region_id("RegionOne"),
            NewLimit::domain("edbafc92be354ffa977c58aa79c7bdb2", svc, "volume", 10)
                .description("Number of volumes for project 3a705b9f56bb439381b43c4fe59dccce"),
        ],
    )
    .await
    .expect("create limits");
    assert_eq!(made.len(), 2);
    let ls: Vec<_> = limits::list(&c, ListOpts::new().project_id(project))
        .try_collect()
        .await
        .expect("list");
    assert_eq!(ls[0].resource_limit, 11);
    assert_eq!(ls[0].domain_id, None);
    let l = limits::update(
        &c,
        "25a04c7a065c430590881c646cdcdd58",
        UpdateOpts::new()
            .resource_limit(5)
            .description("Number of snapshots for project 3a705b9f56bb439381b43c4fe59dccce"),
    )
    .await
    .expect("update");
    assert_eq!(l.resource_limit, 5);
    assert_eq!(limits::model(&c).await.expect("model").name, "flat");
    limits::delete(&c, "25a04c7a065c430590881c646cdcdd58")
        .await
        .expect("delete");
    for m in [
        &create_reg,
        &list_reg,
        &create,
        &list,
        &update,
        &model,
        &delete,
    ] {
        m.assert_async().await;
    }
    assert_eq!(all.calls_async().await, 0);
}
