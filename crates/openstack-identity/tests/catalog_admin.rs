//! Services, endpoints, regions and credentials against httpmock, with the official samples.

mod common;

use common::{admin, catch_all, error_body, v3};
use futures::TryStreamExt;
use httpmock::MockServer;
use openstack_identity::endpoints::{self, Interface};
use openstack_identity::{credentials, regions, services};
use serde_json::json;

#[tokio::test]
async fn services_crud() {
    let server = MockServer::start_async().await;
    let list = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/identity/v3/services")
                .query_param("type", "compute");
            then.status(200)
                .json_body(admin("services-list-response.json"));
        })
        .await;
    let create = server
        .mock_async(|when, then| {
            when.method("POST")
                .path("/identity/v3/services")
                .json_body(admin("service-create-request.json"));
            then.status(201)
                .json_body(admin("service-create-response.json"));
        })
        .await;
    let get = server
        .mock_async(|when, then| {
            when.method("GET").path("/identity/v3/services/s1");
            then.status(200)
                .json_body(admin("service-show-response.json"));
        })
        .await;
    let update = server
        .mock_async(|when, then| {
            when.method("PATCH")
                .path("/identity/v3/services/s1")
                .json_body(admin("service-update-request.json"));
            then.status(200)
                .json_body(admin("service-update-response.json"));
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method("DELETE").path("/identity/v3/services/s1");
            then.status(204);
        })
        .await;
    let all = catch_all(&server).await;
    let c = v3(&server);
    let ss: Vec<_> = services::list(&c, services::ListOpts::new().service_type("compute"))
        .try_collect()
        .await
        .expect("list");
    assert_eq!(ss.len(), 9);
    assert_eq!(ss[0].service_type, "compute");
    let s = services::create(
        &c,
        services::CreateOpts::new("compute")
            .name("compute2")
            .description("Compute service 2"),
    )
    .await
    .expect("create");
    assert_eq!(s.service_type, "compute");
    services::get(&c, "s1").await.expect("get");
    let s = services::update(
        &c,
        "s1",
        services::UpdateOpts::new().description("Block Storage Service V2"),
    )
    .await
    .expect("update");
    assert_eq!(s.description.as_deref(), Some("Block Storage Service V2"));
    services::delete(&c, "s1").await.expect("delete");
    for m in [&list, &create, &get, &update, &delete] {
        m.assert_async().await;
    }
    assert_eq!(all.calls_async().await, 0);
}

#[tokio::test]
async fn endpoints_crud_and_filters() {
    let server = MockServer::start_async().await;
    let list = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/identity/v3/endpoints")
                .query_param("interface", "internal")
                .query_param("service_id", "ef6b15e425814dc69d830361baae0e33");
            then.status(200)
                .json_body(admin("endpoints-list-response.json"));
        })
        .await;
    let create = server
        .mock_async(|when, then| {
            when.method("POST")
                .path("/identity/v3/endpoints")
                .json_body(admin("endpoint-create-request.json"));
            then.status(201)
                .json_body(admin("endpoint-create-response.json"));
        })
        .await;
    let get = server
        .mock_async(|when, then| {
            when.method("GET").path("/identity/v3/endpoints/e1");
            then.status(200)
                .json_body(admin("endpoint-show-response.json"));
        })
        .await;
    let update = server
        .mock_async(|when, then| {
            when.method("PATCH")
                .path("/identity/v3/endpoints/e1")
                .json_body(admin("endpoint-update-request.json"));
            then.status(200)
                .json_body(admin("endpoint-update-response.json"));
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method("DELETE").path("/identity/v3/endpoints/e1");
            then.status(204);
        })
        .await;
    let missing = server
        .mock_async(|when, then| {
            when.method("DELETE").path("/identity/v3/endpoints/gone");
            then.status(404).json_body(error_body(
                404,
                "Not Found",
                "Could not find endpoint: gone.",
            ));
        })
        .await;
    let all = catch_all(&server).await;
    let c = v3(&server);
    let es: Vec<_> = endpoints::list(
        &c,
        endpoints::ListOpts::new()
            .interface(Interface::Internal)
            .service_id("ef6b15e425814dc69d830361baae0e33"),
    )
    .try_collect()
    .await
    .expect("list");
    assert!(es.len() > 10);
    assert_eq!(es[0].interface, Interface::Internal);
    assert_eq!(es[0].region_id.as_deref(), Some("RegionOne"));
    let e = endpoints::create(
        &c,
        endpoints::CreateOpts::new(
            "9242e05f0c23467bbd1cf1f7a6e5e596",
            Interface::Public,
            "http://example.com/identity/v3/endpoints/828384",
        )
        .region_id("RegionOne"),
    )
    .await
    .expect("create");
    assert_eq!(e.interface, Interface::Public);
    endpoints::get(&c, "e1").await.expect("get");
    endpoints::update(
        &c,
        "e1",
        endpoints::UpdateOpts::new()
            .interface("public")
            .region_id("north")
            .url("http://example.com/identity/v3/endpoints/828384")
            .service_id("345678"),
    )
    .await
    .expect("update");
    endpoints::delete(&c, "e1").await.expect("delete");
    let err = endpoints::delete(&c, "gone").await.expect_err("404");
    assert!(err.is_not_found());
    assert_eq!(err.api_message(), Some("Could not find endpoint: gone."));
    for m in [&list, &create, &get, &update, &delete, &missing] {
        m.assert_async().await;
    }
    assert_eq!(all.calls_async().await, 0);
}

#[tokio::test]
async fn regions_crud() {
    let server = MockServer::start_async().await;
    let list = server
        .mock_async(|when, then| {
            when.method("GET").path("/identity/v3/regions");
            then.status(200)
                .json_body(admin("regions-list-response.json"));
        })
        .await;
    let create = server
        .mock_async(|when, then| {
            when.method("POST")
                .path("/identity/v3/regions")
                .json_body(admin("region-create-request.json"));
            then.status(201)
                .json_body(admin("region-create-response.json"));
        })
        .await;
    let get = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/identity/v3/regions/RegionOneSubRegion");
            then.status(200)
                .json_body(admin("region-show-response.json"));
        })
        .await;
    let update = server
        .mock_async(|when, then| {
            when.method("PATCH")
                .path("/identity/v3/regions/RegionOneSubRegion")
                .json_body(admin("region-update-request.json"));
            then.status(200)
                .json_body(admin("region-update-response.json"));
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method("DELETE")
                .path("/identity/v3/regions/RegionOneSubRegion");
            then.status(204);
        })
        .await;
    let all = catch_all(&server).await;
    let c = v3(&server);
    let rs: Vec<_> = regions::list(&c, regions::ListOpts::new())
        .try_collect()
        .await
        .expect("list");
    assert_eq!(rs[0].id, "RegionOne");
    assert_eq!(rs[0].parent_region_id, None);
    let r = regions::create(
        &c,
        regions::CreateOpts::with_id("RegionOneSubRegion")
            .description("My subregion")
            .parent_region_id("RegionOne"),
    )
    .await
    .expect("create");
    assert_eq!(r.parent_region_id.as_deref(), Some("RegionOne"));
    regions::get(&c, "RegionOneSubRegion").await.expect("get");
    regions::update(
        &c,
        "RegionOneSubRegion",
        regions::UpdateOpts::new().description("My subregion 3"),
    )
    .await
    .expect("update");
    regions::delete(&c, "RegionOneSubRegion")
        .await
        .expect("delete");
    for m in [&list, &create, &get, &update, &delete] {
        m.assert_async().await;
    }
    assert_eq!(all.calls_async().await, 0);
}

#[tokio::test]
async fn credentials_crud_with_pagination() {
    let server = MockServer::start_async().await;
    let mut page1 = admin("credentials-list-response.json");
    page1["links"] = json!({"next": server.url("/identity/v3/credentials?user_id=u&page=2"), "self": "x", "previous": null});
    let list1 = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/identity/v3/credentials")
                .query_param("user_id", "u")
                .query_param_missing("page");
            then.status(200).json_body(page1.clone());
        })
        .await;
    let list2 = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/identity/v3/credentials")
                .query_param("page", "2");
            then.status(200)
                .json_body(json!({"credentials": [], "links": {"next": null}}));
        })
        .await;
    let create = server
        .mock_async(|when, then| {
            when.method("POST")
                .path("/identity/v3/credentials")
                .json_body(admin("credential-create-request.json"));
            then.status(201)
                .json_body(admin("credential-create-response.json"));
        })
        .await;
    let get = server
        .mock_async(|when, then| {
            when.method("GET").path("/identity/v3/credentials/c1");
            then.status(200)
                .json_body(admin("credential-show-response.json"));
        })
        .await;
    let update = server
        .mock_async(|when, then| {
            when.method("PATCH")
                .path("/identity/v3/credentials/c1")
                .json_body(admin("credential-update-request.json"));
            then.status(200)
                .json_body(admin("credential-update-response.json"));
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method("DELETE").path("/identity/v3/credentials/c1");
            then.status(204);
        })
        .await;
    let all = catch_all(&server).await;
    let c = v3(&server);
    let n_sample = admin("credentials-list-response.json")["credentials"]
        .as_array()
        .expect("list")
        .len();
    let cs: Vec<_> = credentials::list(&c, credentials::ListOpts::new().user_id("u"))
        .try_collect()
        .await
        .expect("list");
    assert_eq!(cs.len(), n_sample);
    assert!(!format!("{:?}", cs[0]).contains("secret"));
    let blob = r#"{"access":"181920","secret":"secretKey"}"#;
    let cr = credentials::create(
        &c,
        credentials::CreateOpts::new("bb5476fd12884539b41d5a88f838d773", "ec2", blob)
            .project_id("731fc6f265cd486d900f16e84c5cb594"),
    )
    .await
    .expect("create");
    assert_eq!(cr.credential_type, "ec2");
    assert_eq!(cr.blob, blob);
    credentials::get(&c, "c1").await.expect("get");
    credentials::update(
        &c,
        "c1",
        credentials::UpdateOpts::new()
            .blob(blob)
            .project_id("731fc6f265cd486d900f16e84c5cb594")
            .credential_type("ec2")
            .user_id("bb5476fd12884539b41d5a88f838d773"),
    )
    .await
    .expect("update");
    credentials::delete(&c, "c1").await.expect("delete");
    for m in [&list1, &list2, &create, &get, &update, &delete] {
        m.assert_async().await;
    }
    assert_eq!(all.calls_async().await, 0);
}
