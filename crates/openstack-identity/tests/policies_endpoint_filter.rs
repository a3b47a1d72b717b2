//! Policies and OS-EP-FILTER (project endpoints, endpoint groups) against httpmock, with
//! the official samples as fixtures.

mod common;

use common::{admin, catch_all, error_body, sample, v3};
use futures::TryStreamExt;
use httpmock::MockServer;
use openstack_identity::endpoint_groups::{self, Filters};
use openstack_identity::endpoint_policies::{self, PolicyTarget};
use openstack_identity::{policies, project_endpoints};
use serde_json::json;

const EP: &str = "keystone/api-ref/source/v3-ext/samples/OS-EP-FILTER";

fn ep(name: &str) -> serde_json::Value {
    sample(&format!("{EP}/{name}"))
}

#[tokio::test]
async fn policy_crud() {
    let server = MockServer::start_async().await;
    let create = server
        .mock_async(|when, then| {
            when.method("POST")
                .path("/identity/v3/policies")
                .json_body(admin("policy-create-request.json"));
            then.status(201)
                .json_body(admin("policy-show-response.json"));
        })
        .await;
    let list = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/identity/v3/policies")
                .query_param("type", "application/json");
            then.status(200)
                .json_body(admin("policies-list-response.json"));
        })
        .await;
    let update = server
        .mock_async(|when, then| {
            when.method("PATCH")
                .path("/identity/v3/policies/717273")
                .json_body(admin("policy-update-request.json"));
            then.status(200)
                .json_body(admin("policy-update-response.json"));
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method("DELETE").path("/identity/v3/policies/717273");
            then.status(204);
        })
        .await;
    let forbidden = server
        .mock_async(|when, then| {
            when.method("GET").path("/identity/v3/policies/secret");
            then.status(403).json_body(error_body(
                403,
                "Forbidden",
                "You are not authorized to perform the requested action: identity:get_policy.",
            ));
        })
        .await;
    let all = catch_all(&server).await;
    let c = v3(&server);

    let p = policies::create(
        &c,
        policies::CreateOpts::new("{'foobar_user': 'role:compute-user'}", "application/json"),
    )
    .await
    .expect("create");
    assert_eq!(p.id, "717273");
    assert_eq!(p.blob["foobar_user"][0], "role:compute-user");
    let ps: Vec<_> = policies::list(
        &c,
        policies::ListOpts::new().policy_type("application/json"),
    )
    .try_collect()
    .await
    .expect("list");
    assert_eq!(ps.len(), 2);
    assert_eq!(ps[1].id, "717274");
    let u = policies::update(
        &c,
        "717273",
        policies::UpdateOpts::new()
            .blob(json!({"foobar_user": ["role:compute-user"]}))
            .policy_type("application/json"),
    )
    .await
    .expect("update");
    assert_eq!(u.policy_type, "application/json");
    policies::delete(&c, "717273").await.expect("delete");
    let err = policies::get(&c, "secret").await.expect_err("403");
    assert!(err.to_string().contains("identity:get_policy"), "{err}");

    for m in [&create, &list, &update, &delete, &forbidden] {
        m.assert_async().await;
    }
    assert_eq!(all.calls_async().await, 0);
}

#[tokio::test]
async fn project_endpoints_and_groups() {
    let server = MockServer::start_async().await;
    let f = "/identity/v3/OS-EP-FILTER";
    let associate = server
        .mock_async(|when, then| {
            when.method("PUT")
                .path(format!("{f}/projects/263fd9/endpoints/6fedc0"));
            then.status(204);
        })
        .await;
    let check_yes = server
        .mock_async(|when, then| {
            when.method("HEAD")
                .path(format!("{f}/projects/263fd9/endpoints/6fedc0"));
            then.status(204);
        })
        .await;
    let check_no = server
        .mock_async(|when, then| {
            when.method("HEAD")
                .path(format!("{f}/projects/263fd9/endpoints/other"));
            then.status(404);
        })
        .await;
    let dissociate = server
        .mock_async(|when, then| {
            when.method("DELETE")
                .path(format!("{f}/projects/263fd9/endpoints/6fedc0"));
            then.status(204);
        })
        .await;
    let by_project = server
        .mock_async(|when, then| {
            when.method("GET")
                .path(format!("{f}/projects/263fd9/endpoints"));
            then.status(200)
                .json_body(ep("list-associations-by-project-response.json"));
        })
        .await;
    let by_endpoint = server
        .mock_async(|when, then| {
            when.method("GET")
                .path(format!("{f}/endpoints/6fedc0/projects"));
            then.status(200)
                .json_body(ep("list-associations-by-endpoint-response.json"));
        })
        .await;
    let create = server
        .mock_async(|when, then| {
            when.method("POST")
                .path(format!("{f}/endpoint_groups"))
                .json_body(ep("create-endpoint-group-request.json"));
            then.status(201)
                .json_body(ep("endpoint-group-response.json"));
        })
        .await;
    let list = server
        .mock_async(|when, then| {
            when.method("GET")
                .path(format!("{f}/endpoint_groups"))
                .query_param("name", "endpoint group name");
            then.status(200)
                .json_body(ep("endpoint-groups-response.json"));
        })
        .await;
    let update = server
        .mock_async(|when, then| {
            when.method("PATCH")
                .path(format!("{f}/endpoint_groups/ac4861"))
                .json_body(ep("update-endpoint-group-request.json"));
            then.status(200)
                .json_body(ep("update-endpoint-group-response.json"));
        })
        .await;
    let assoc = server
        .mock_async(|when, then| {
            when.method("PUT")
                .path(format!("{f}/endpoint_groups/ac4861/projects/263fd9"));
            then.status(204);
        })
        .await;
    let get_assoc = server
        .mock_async(|when, then| {
            when.method("GET")
                .path(format!("{f}/endpoint_groups/ac4861/projects/263fd9"));
            then.status(200)
                .json_body(ep("endpoint-project-response.json"));
        })
        .await;
    let group_projects = server
        .mock_async(|when, then| {
            when.method("GET")
                .path(format!("{f}/endpoint_groups/ac4861/projects"));
            then.status(200)
                .json_body(ep("list-associations-by-endpoint-response.json"));
        })
        .await;
    let project_groups = server
        .mock_async(|when, then| {
            when.method("GET")
                .path(format!("{f}/projects/263fd9/endpoint_groups"));
            then.status(200)
                .json_body(ep("endpoint-groups-response.json"));
        })
        .await;
    let group_endpoints = server
        .mock_async(|when, then| {
            when.method("GET")
                .path(format!("{f}/endpoint_groups/ac4861/endpoints"));
            // The official sample is not valid JSON; Keystone's shape, by hand.
            then.status(200).json_body(json!({"endpoints": [
                {"id": "6fedc0", "interface": "admin", "region": "RegionOne",
                 "region_id": "RegionOne", "service_id": "1b501a",
                 "url": "http://localhost:9292", "enabled": true}],
                "links": {"next": null}}));
        })
        .await;
    let unassoc = server
        .mock_async(|when, then| {
            when.method("DELETE")
                .path(format!("{f}/endpoint_groups/ac4861/projects/263fd9"));
            then.status(204);
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method("DELETE")
                .path(format!("{f}/endpoint_groups/ac4861"));
            then.status(204);
        })
        .await;
    let all = catch_all(&server).await;
    let c = v3(&server);

    project_endpoints::associate(&c, "263fd9", "6fedc0")
        .await
        .expect("associate");
    assert!(project_endpoints::check(&c, "263fd9", "6fedc0")
        .await
        .expect("check"));
    assert!(!project_endpoints::check(&c, "263fd9", "other")
        .await
        .expect("check"));
    let eps: Vec<_> = project_endpoints::list_endpoints(&c, "263fd9")
        .try_collect()
        .await
        .expect("endpoints");
    assert_eq!(eps.len(), 2);
    assert_eq!(eps[1].region.as_deref(), Some("south"));
    let ps: Vec<_> = project_endpoints::list_projects(&c, "6fedc0")
        .try_collect()
        .await
        .expect("projects");
    assert_eq!(ps[1].name, "a project name 2");
    project_endpoints::dissociate(&c, "263fd9", "6fedc0")
        .await
        .expect("dissociate");

    let g = endpoint_groups::create(
        &c,
        endpoint_groups::CreateOpts::new(
            "endpoint group name",
            Filters::new().interface("admin").service_id("1b501a"),
        )
        .description("endpoint group description"),
    )
    .await
    .expect("create");
    assert_eq!(g.id, "ac4861");
    assert_eq!(g.filters.service_id.as_deref(), Some("1b501a"));
    let gs: Vec<_> = endpoint_groups::list(
        &c,
        endpoint_groups::ListOpts::new().name("endpoint group name"),
    )
    .try_collect()
    .await
    .expect("list");
    assert!(!gs.is_empty());
    let u = endpoint_groups::update(
        &c,
        "ac4861",
        endpoint_groups::UpdateOpts::new().filters(Filters::new().interface("public")),
    )
    .await
    .expect("update");
    assert_eq!(u.filters.interface.as_deref(), Some("public"));
    endpoint_groups::associate_project(&c, "ac4861", "263fd9")
        .await
        .expect("assoc");
    let a = endpoint_groups::get_project_association(&c, "ac4861", "263fd9")
        .await
        .expect("get assoc");
    assert_eq!(a.project_id, "263fd9");
    let ps: Vec<_> = endpoint_groups::list_projects(&c, "ac4861")
        .try_collect()
        .await
        .expect("group projects");
    assert_eq!(ps.len(), 2);
    let pg: Vec<_> = endpoint_groups::list_for_project(&c, "263fd9")
        .try_collect()
        .await
        .expect("project groups");
    assert_eq!(pg.len(), gs.len());
    let ge: Vec<_> = endpoint_groups::list_endpoints(&c, "ac4861")
        .try_collect()
        .await
        .expect("group endpoints");
    assert_eq!(ge[0].url, "http://localhost:9292");
    endpoint_groups::dissociate_project(&c, "ac4861", "263fd9")
        .await
        .expect("unassoc");
    endpoint_groups::delete(&c, "ac4861").await.expect("delete");

    for m in [
        &associate,
        &check_yes,
        &check_no,
        &dissociate,
        &by_project,
        &by_endpoint,
        &create,
        &list,
        &update,
        &assoc,
        &get_assoc,
        &group_projects,
        &project_groups,
        &group_endpoints,
        &unassoc,
        &delete,
    ] {
        m.assert_async().await;
    }
    assert_eq!(all.calls_async().await, 0);
}

#[tokio::test]
async fn endpoint_policies() {
    let server = MockServer::start_async().await;
    let samples = "keystone/api-ref/source/v3-ext/samples/OS-ENDPOINT-POLICY";
    let put = server
        .mock_async(|when, then| {
            when.method("PUT")
                .path("/identity/v3/policies/13c928/OS-ENDPOINT-POLICY/services/s1/regions/north");
            then.status(204);
        })
        .await;
    let head = server
        .mock_async(|when, then| {
            when.method("HEAD")
                .path("/identity/v3/policies/13c928/OS-ENDPOINT-POLICY/endpoints/1");
            then.status(404);
        })
        .await;
    let del = server
        .mock_async(|when, then| {
            when.method("DELETE")
                .path("/identity/v3/policies/13c928/OS-ENDPOINT-POLICY/services/s1");
            then.status(204);
        })
        .await;
    let list = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/identity/v3/policies/13c928/OS-ENDPOINT-POLICY/endpoints");
            then.status(200).json_body(sample(&format!(
                "{samples}/policy-endpoint-associations-list-response.json"
            )));
        })
        .await;
    let get = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/identity/v3/endpoints/1/OS-ENDPOINT-POLICY/policy");
            then.status(200)
                .json_body(sample(&format!("{samples}/policy-show-response.json")));
        })
        .await;
    let none = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/identity/v3/endpoints/2/OS-ENDPOINT-POLICY/policy");
            then.status(404).json_body(error_body(
                404,
                "Not Found",
                "Could not find policy association.",
            ));
        })
        .await;
    let all = catch_all(&server).await;
    let c = v3(&server);

    endpoint_policies::associate(
        &c,
        "13c928",
        &PolicyTarget::service_in_region("s1", "north"),
    )
    .await
    .expect("associate");
    assert!(
        !endpoint_policies::check(&c, "13c928", &PolicyTarget::endpoint("1"))
            .await
            .expect("check")
    );
    endpoint_policies::dissociate(&c, "13c928", &PolicyTarget::service("s1"))
        .await
        .expect("dissociate");
    let eps: Vec<_> = endpoint_policies::list_endpoints(&c, "13c928")
        .try_collect()
        .await
        .expect("list");
    assert_eq!(eps.len(), 2);
    assert_eq!(eps[1].region.as_deref(), Some("south"));
    let p = endpoint_policies::get_for_endpoint(&c, "1")
        .await
        .expect("get");
    assert_eq!(p.id, "13c92821e4c4476a878d3aae7444f52f");
    let err = endpoint_policies::get_for_endpoint(&c, "2")
        .await
        .expect_err("404");
    assert!(err.is_not_found(), "{err}");

    for m in [&put, &head, &del, &list, &get, &none] {
        m.assert_async().await;
    }
    assert_eq!(all.calls_async().await, 0);
}
