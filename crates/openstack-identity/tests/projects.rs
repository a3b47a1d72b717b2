//! Projects against httpmock, with the official samples as fixtures.

mod common;

use common::{admin, catch_all, error_body, v3};
use futures::TryStreamExt;
use httpmock::MockServer;
use openstack_identity::projects::{self, CreateOpts, GetOpts, ListOpts, UpdateOpts};
use serde_json::json;

#[tokio::test]
async fn list_with_filters_and_pagination() {
    let server = MockServer::start_async().await;
    let mut page1 = admin("projects-list-response.json");
    let next = server.url("/identity/v3/projects?domain_id=default&tags-any=a%2Cb&marker=p2");
    page1["links"]["next"] = json!(next);
    let m1 = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/identity/v3/projects")
                .query_param("domain_id", "default")
                .query_param("tags-any", "a,b")
                .query_param_missing("marker");
            then.status(200).json_body(page1.clone());
        })
        .await;
    let m2 = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/identity/v3/projects")
                .query_param("marker", "p2");
            then.status(200).json_body(json!({
                "links": {"next": null, "previous": null, "self": "x"},
                "projects": [{"id": "p9", "name": "last", "domain_id": "default",
                              "enabled": null, "description": null, "parent_id": "default",
                              "tags": null, "options": null, "unknown": {"x": 1}}]
            }));
        })
        .await;
    let all = catch_all(&server).await;
    let c = v3(&server);
    let got: Vec<_> = projects::list(
        &c,
        ListOpts::new().domain_id("default").tags_any(["a", "b"]),
    )
    .try_collect()
    .await
    .expect("list");
    assert_eq!(got.len(), 9);
    assert_eq!(got[0].name, "admin");
    assert_eq!(got[0].description, None);
    assert_eq!(got[5].description.as_deref(), Some(""));
    assert_eq!(got[5].domain_id, "1bc2169ca88e4cdaaba46d4c15390b65");
    assert!(got[8].enabled, "null enabled is taken as true");
    assert!(got[8].tags.is_empty());
    assert_eq!(got[8].parent_id.as_deref(), Some("default"));
    m1.assert_async().await;
    m2.assert_async().await;
    assert_eq!(all.calls_async().await, 0);
}

#[tokio::test]
async fn create_get_update_delete() {
    let server = MockServer::start_async().await;
    let create = server
        .mock_async(|when, then| {
            when.method("POST")
                .path("/identity/v3/projects")
                .json_body(admin("project-create-request.json"));
            then.status(201)
                .json_body(admin("project-create-response.json"));
        })
        .await;
    let get = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/identity/v3/projects/263fd9")
                .query_param("parents_as_list", "true");
            then.status(200)
                .json_body(admin("project-show-parents-response.json"));
        })
        .await;
    let update = server
        .mock_async(|when, then| {
            when.method("PATCH")
                .path("/identity/v3/projects/263fd9")
                .json_body(json!({"project": {"description": null, "name": "myUpdatedProject"}}));
            then.status(200)
                .json_body(admin("project-update-response.json"));
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method("DELETE").path("/identity/v3/projects/263fd9");
            then.status(204);
        })
        .await;
    let missing = server
        .mock_async(|when, then| {
            when.method("GET").path("/identity/v3/projects/nope");
            then.status(404).json_body(error_body(
                404,
                "Not Found",
                "Could not find project: nope.",
            ));
        })
        .await;
    let all = catch_all(&server).await;
    let c = v3(&server);

    let p = projects::create(
        &c,
        CreateOpts::new("myNewProject")
            .description("My new project")
            .domain_id("default")
            .enabled(true)
            .is_domain(false)
            .options(Default::default()),
    )
    .await
    .expect("create");
    let want = &admin("project-create-response.json")["project"];
    assert_eq!(p.id, want["id"].as_str().expect("id"));
    assert_eq!(p.name, "myNewProject");

    let p = projects::get_with(&c, "263fd9", GetOpts::new().parents_as_list())
        .await
        .expect("get");
    assert_eq!(p.parent_id.as_deref(), Some("183ab2"));
    let parents = p.parents.expect("parents");
    assert_eq!(parents[0]["project"]["id"], "183ab2");

    let p = projects::update(
        &c,
        "263fd9",
        UpdateOpts::new()
            .clear_description()
            .name("myUpdatedProject"),
    )
    .await
    .expect("update");
    assert_eq!(p.name, "myUpdatedProject");

    projects::delete(&c, "263fd9").await.expect("delete");

    let err = projects::get(&c, "nope").await.expect_err("404");
    assert!(err.is_not_found());
    assert!(err
        .api_message()
        .expect("message")
        .contains("Could not find project"));

    for m in [&create, &get, &update, &delete, &missing] {
        m.assert_async().await;
    }
    assert_eq!(all.calls_async().await, 0);
}

#[tokio::test]
async fn tags() {
    let server = MockServer::start_async().await;
    let list = server
        .mock_async(|when, then| {
            when.method("GET").path("/identity/v3/projects/p1/tags");
            then.status(200)
                .json_body(admin("project-tags-list-response.json"));
        })
        .await;
    let replace = server
        .mock_async(|when, then| {
            when.method("PUT")
                .path("/identity/v3/projects/p1/tags")
                .json_body(admin("project-tags-update-request.json"));
            then.status(200)
                .json_body(admin("project-tags-update-response.json"));
        })
        .await;
    let add = server
        .mock_async(|when, then| {
            when.method("PUT")
                .path("/identity/v3/projects/p1/tags/new%20tag");
            then.status(201);
        })
        .await;
    let has = server
        .mock_async(|when, then| {
            when.method("HEAD")
                .path("/identity/v3/projects/p1/tags/foo");
            then.status(204);
        })
        .await;
    let has_not = server
        .mock_async(|when, then| {
            when.method("HEAD")
                .path("/identity/v3/projects/p1/tags/zzz");
            then.status(404);
        })
        .await;
    let remove = server
        .mock_async(|when, then| {
            when.method("DELETE")
                .path("/identity/v3/projects/p1/tags/foo");
            then.status(204);
        })
        .await;
    let clear = server
        .mock_async(|when, then| {
            when.method("DELETE").path("/identity/v3/projects/p1/tags");
            then.status(204);
        })
        .await;
    let all = catch_all(&server).await;
    let c = v3(&server);
    assert_eq!(
        projects::list_tags(&c, "p1").await.expect("list"),
        ["foo", "bar"]
    );
    let tags = projects::replace_tags(&c, "p1", ["foo", "bar"])
        .await
        .expect("replace");
    assert_eq!(tags.len(), 2);
    projects::add_tag(&c, "p1", "new tag").await.expect("add");
    assert!(projects::check_tag(&c, "p1", "foo").await.expect("check"));
    assert!(!projects::check_tag(&c, "p1", "zzz").await.expect("check"));
    projects::remove_tag(&c, "p1", "foo").await.expect("remove");
    projects::remove_all_tags(&c, "p1").await.expect("clear");
    for m in [&list, &replace, &add, &has, &has_not, &remove, &clear] {
        m.assert_async().await;
    }
    assert_eq!(all.calls_async().await, 0);
}
