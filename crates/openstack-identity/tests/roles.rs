//! Roles, grants and role assignments against httpmock, with the official samples.

mod common;

use common::{admin, catch_all, v3};
use futures::TryStreamExt;
use httpmock::MockServer;
use openstack_identity::roles::{
    self, Actor, AssignmentsOpts, CreateOpts, ListOpts, Target, UpdateOpts,
};
use serde_json::json;

#[tokio::test]
async fn crud() {
    let server = MockServer::start_async().await;
    let list = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/identity/v3/roles")
                .query_param("name", "admin");
            then.status(200)
                .json_body(admin("roles-list-response.json"));
        })
        .await;
    let create = server
        .mock_async(|when, then| {
            when.method("POST")
                .path("/identity/v3/roles")
                .json_body(admin("role-create-request.json"));
            then.status(201)
                .json_body(admin("role-create-response.json"));
        })
        .await;
    let get = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/identity/v3/roles/1e443fa8cee3482a8a2b6954dd5c8f12");
            then.status(200).json_body(admin("role-show-response.json"));
        })
        .await;
    let update = server
        .mock_async(|when, then| {
            when.method("PATCH")
                .path("/identity/v3/roles/1e443fa8cee3482a8a2b6954dd5c8f12")
                .json_body(admin("role-update-request.json"));
            then.status(200)
                .json_body(admin("role-update-response.json"));
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method("DELETE")
                .path("/identity/v3/roles/1e443fa8cee3482a8a2b6954dd5c8f12");
            then.status(204);
        })
        .await;
    let all = catch_all(&server).await;
    let c = v3(&server);
    let rs: Vec<_> = roles::list(&c, ListOpts::new().name("admin"))
        .try_collect()
        .await
        .expect("list");
    assert_eq!(rs.len(), 6);
    assert_eq!(rs[3].description, None);
    let r = roles::create(&c, CreateOpts::new("developer").description("My new role"))
        .await
        .expect("create");
    assert!(!r.id.is_empty());
    let r = roles::get(&c, "1e443fa8cee3482a8a2b6954dd5c8f12")
        .await
        .expect("get");
    assert_eq!(
        r.domain_id.as_deref(),
        Some("d07792fd66ac4ed881723ab9f1c9925f")
    );
    roles::update(
        &c,
        "1e443fa8cee3482a8a2b6954dd5c8f12",
        UpdateOpts::new()
            .description("My new role")
            .name("Developer"),
    )
    .await
    .expect("update");
    roles::delete(&c, "1e443fa8cee3482a8a2b6954dd5c8f12")
        .await
        .expect("delete");
    for m in [&list, &create, &get, &update, &delete] {
        m.assert_async().await;
    }
    assert_eq!(all.calls_async().await, 0);
}

#[tokio::test]
async fn grants() {
    let server = MockServer::start_async().await;
    let grant = server
        .mock_async(|when, then| {
            when.method("PUT")
                .path("/identity/v3/projects/p1/users/u1/roles/r1");
            then.status(204);
        })
        .await;
    let grant_group = server
        .mock_async(|when, then| {
            when.method("PUT")
                .path("/identity/v3/domains/d1/groups/g1/roles/r1");
            then.status(204);
        })
        .await;
    let check_yes = server
        .mock_async(|when, then| {
            when.method("HEAD")
                .path("/identity/v3/projects/p1/users/u1/roles/r1");
            then.status(204);
        })
        .await;
    let check_no = server
        .mock_async(|when, then| {
            when.method("HEAD")
                .path("/identity/v3/system/users/u1/roles/r1");
            then.status(404);
        })
        .await;
    let revoke = server
        .mock_async(|when, then| {
            when.method("DELETE")
                .path("/identity/v3/projects/p1/users/u1/roles/r1");
            then.status(204);
        })
        .await;
    let listed = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/identity/v3/projects/p1/users/u1/roles");
            then.status(200)
                .json_body(admin("project-user-roles-list-response.json"));
        })
        .await;
    let all = catch_all(&server).await;
    let c = v3(&server);
    let (p, u) = (Target::project("p1"), Actor::user("u1"));
    roles::grant(&c, &p, &u, "r1").await.expect("grant");
    roles::grant(&c, &Target::domain("d1"), &Actor::group("g1"), "r1")
        .await
        .expect("grant group");
    assert!(roles::check(&c, &p, &u, "r1").await.expect("check"));
    assert!(!roles::check(&c, &Target::System, &u, "r1")
        .await
        .expect("check"));
    let rs: Vec<_> = roles::list_granted(&c, &p, &u)
        .try_collect()
        .await
        .expect("list");
    assert_eq!(rs[0].name, "admin");
    roles::revoke(&c, &p, &u, "r1").await.expect("revoke");
    for m in [
        &grant,
        &grant_group,
        &check_yes,
        &check_no,
        &revoke,
        &listed,
    ] {
        m.assert_async().await;
    }
    assert_eq!(all.calls_async().await, 0);
}

#[tokio::test]
async fn assignments_with_dotted_filters_and_names() {
    let server = MockServer::start_async().await;
    let plain = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/identity/v3/role_assignments")
                .query_param("user.id", "313233")
                .query_param("scope.project.id", "456789")
                .query_param("effective", "true")
                .query_param("include_names", "true");
            // The include_names sample is not valid JSON (a missing comma); this is its
            // intent, as Keystone sends it.
            then.status(200).json_body(json!({
                "role_assignments": [{
                    "links": {
                        "assignment": "http://example.com/identity/v3/projects/456789/groups/101112/roles/123456",
                        "membership": "http://example.com/identity/v3/groups/101112/users/313233"
                    },
                    "role": {"domain": {"id": "161718", "name": "Default"}, "id": "123456", "name": "admin"},
                    "scope": {"project": {"domain": {"id": "161718", "name": "Default"}, "id": "456789", "name": "admin"}},
                    "user": {"domain": {"id": "161718", "name": "Default"}, "id": "313233", "name": "admin"}
                }],
                "links": {"self": "x", "previous": null, "next": null}
            }));
        })
        .await;
    let listed = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/identity/v3/role_assignments")
                .query_param_missing("user.id");
            then.status(200)
                .json_body(admin("role-assignments-list-response.json"));
        })
        .await;
    let all = catch_all(&server).await;
    let c = v3(&server);
    let got: Vec<_> = roles::list_assignments(
        &c,
        AssignmentsOpts::new()
            .user_id("313233")
            .project_id("456789")
            .effective()
            .include_names(),
    )
    .try_collect()
    .await
    .expect("list");
    assert_eq!(got.len(), 1);
    let a = &got[0];
    assert_eq!(a.role.name.as_deref(), Some("admin"));
    let project = a.scope.project.as_ref().expect("project");
    assert_eq!(project.id, "456789");
    assert_eq!(
        project.domain.as_ref().expect("domain").name.as_deref(),
        Some("Default")
    );
    assert!(a.links.membership.is_some());

    let got: Vec<_> = roles::list_assignments(&c, AssignmentsOpts::new())
        .try_collect()
        .await
        .expect("list");
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].scope.domain.as_ref().expect("domain").id, "161718");
    assert_eq!(got[1].group.as_ref().expect("group").id, "101112");
    assert!(got[1].user.is_none());
    plain.assert_async().await;
    listed.assert_async().await;
    assert_eq!(all.calls_async().await, 0);
}

#[tokio::test]
async fn inherited_grants_and_implied_roles() {
    let server = MockServer::start_async().await;
    let grant = server
        .mock_async(|when, then| {
            when.method("PUT").path(
                "/identity/v3/OS-INHERIT/domains/1234/users/5678/roles/91011/inherited_to_projects",
            );
            then.status(204);
        })
        .await;
    let list = server
        .mock_async(|when, then| {
            when.method("GET").path(
                "/identity/v3/OS-INHERIT/domains/1234/users/5678/roles/inherited_to_projects",
            );
            then.status(200)
                .json_body(admin("user-roles-domain-list-response.json"));
        })
        .await;
    let create = server
        .mock_async(|when, then| {
            when.method("PUT")
                .path("/identity/v3/roles/7ceab6/implies/97e2f5");
            then.status(201)
                .json_body(admin("create-role-inferences-response.json"));
        })
        .await;
    let implied = server
        .mock_async(|when, then| {
            when.method("GET").path("/identity/v3/roles/42c764/implies");
            then.status(200)
                .json_body(admin("list-implied-roles-for-role-response.json"));
        })
        .await;
    let all_rules = server
        .mock_async(|when, then| {
            when.method("GET").path("/identity/v3/role_inferences");
            then.status(200)
                .json_body(admin("role-inferences-response.json"));
        })
        .await;
    let check = server
        .mock_async(|when, then| {
            when.method("HEAD")
                .path("/identity/v3/roles/7ceab6/implies/97e2f5");
            then.status(204);
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method("DELETE")
                .path("/identity/v3/roles/7ceab6/implies/97e2f5");
            then.status(204);
        })
        .await;
    let all = catch_all(&server).await;
    let c = v3(&server);
    let (d, u) = (Target::domain("1234"), Actor::user("5678"));
    roles::grant_inherited(&c, &d, &u, "91011")
        .await
        .expect("grant");
    let rs: Vec<_> = roles::list_inherited(&c, &d, &u)
        .try_collect()
        .await
        .expect("list");
    assert_eq!(rs.len(), 2);
    let rule = roles::create_inference(&c, "7ceab6", "97e2f5")
        .await
        .expect("create");
    assert_eq!(rule.implies.name, "implied role name");
    assert_eq!(rule.prior_role.id, "7ceab6192ea34a548cc71b24f72e762c");
    let r = roles::list_implied(&c, "42c764").await.expect("implied");
    assert_eq!(r.implies.len(), 2);
    let rules: Vec<_> = roles::list_inferences(&c)
        .try_collect()
        .await
        .expect("rules");
    assert_eq!(rules.len(), 2);
    assert_eq!(rules[1].implies[0].description, None);
    assert!(roles::check_inference(&c, "7ceab6", "97e2f5")
        .await
        .expect("check"));
    roles::delete_inference(&c, "7ceab6", "97e2f5")
        .await
        .expect("delete");
    for m in [
        &grant, &list, &create, &implied, &all_rules, &check, &delete,
    ] {
        m.assert_async().await;
    }
    assert_eq!(all.calls_async().await, 0);
}
