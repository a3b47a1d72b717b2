//! Servers against httpmock, serving the official response samples.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::{catch_all, client, have_corpus, sample, sample_text};
use futures::TryStreamExt;
use httpmock::prelude::*;
use openstack_compute::servers::{self, CreateOpts, ListOpts, Networks, Status, UpdateOpts};
use openstack_compute::DiskConfig;
use openstack_core::wait::{ManualClock, Waiter};
use openstack_core::{ErrorKind, Microversion};
use serde_json::json;

const ID: &str = "0e44cc9c-e052-415d-afbf-469b0d384170";

#[tokio::test]
async fn get_decodes_2_100_sample_with_microversion_headers() {
    if !have_corpus() {
        return;
    }
    let server = MockServer::start_async().await;
    let m = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(format!("/v2.1/servers/{ID}"))
                .header("OpenStack-API-Version", "compute 2.100")
                .header("X-OpenStack-Nova-API-Version", "2.100");
            then.status(200)
                .header("content-type", "application/json")
                .body(sample_text("servers/v2.100/server-get-resp.json"));
        })
        .await;
    let c = catch_all(&server).await;
    let compute = client(&server).with_microversion(Microversion::new(2, 100));
    let s = servers::get(&compute, ID).await.expect("get");
    m.assert_async().await;
    assert_eq!(c.calls_async().await, 0);
    assert_eq!(s.id, ID);
    assert_eq!(s.name, "new-server-test");
    assert_eq!(s.status, Status::Active);
    assert_eq!(s.flavor.name(), Some("m1.tiny"));
    assert_eq!(s.addresses["private"][0].addr, "192.168.1.30");
    assert_eq!(s.addresses["private"][0].kind.as_deref(), Some("fixed"));
    assert_eq!(s.availability_zone.as_deref(), Some("us-west"));
    assert_eq!(s.hostname.as_deref(), Some("new-server-test"));
    assert_eq!(s.vm_state.as_deref(), Some("active"));
    assert_eq!(s.disk_config, Some(DiskConfig::Auto));
    assert_eq!(s.metadata["My Server Name"], "Apache1");
    assert_eq!(s.security_groups[0].name, "default");
    assert_eq!(s.tags.as_deref(), Some(&[][..]));
    assert_eq!(
        s.image.expect("image").id,
        "70a599e0-31e7-49b7-b260-868f441e862b"
    );
}

#[tokio::test]
async fn list_follows_servers_links_and_summary_list() {
    if !have_corpus() {
        return;
    }
    let server = MockServer::start_async().await;
    // Page 1: the official sample, its next link pointed at the mock.
    let mut page1 = sample("servers/servers-details-resp.json");
    let first_id = page1["servers"][0]["id"].as_str().expect("id").to_owned();
    page1["servers_links"][0]["href"] =
        json!(server.url(format!("/v2.1/servers/detail?limit=1&marker={first_id}")));
    // Page 2: the 2.47 sample's server under another id, no next link.
    let mut second = sample("servers/v2.47/servers-details-resp.json")["servers"][0].clone();
    second["id"] = json!("second");
    let page2 = json!({ "servers": [second] });

    let p2 = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/v2.1/servers/detail")
                .query_param("marker", &first_id);
            then.status(200).json_body(page2.clone());
        })
        .await;
    let p1 = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/v2.1/servers/detail")
                .query_param("limit", "1")
                .query_param("status", "ACTIVE")
                .query_param("tags", "a,b");
            then.status(200).json_body(page1.clone());
        })
        .await;
    let summary = server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.1/servers");
            // The sample's next link points at openstack.example.com: drop it.
            let mut v = sample("servers/servers-list-resp.json");
            v.as_object_mut().expect("object").remove("servers_links");
            then.status(200).json_body(v);
        })
        .await;
    let c = catch_all(&server).await;
    let compute = client(&server);

    let all: Vec<servers::Server> = servers::list(
        &compute,
        ListOpts::new()
            .status(Status::Active)
            .tags(["a", "b"])
            .limit(1),
    )
    .try_collect()
    .await
    .expect("list");
    p1.assert_async().await;
    p2.assert_async().await;
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].id, first_id);
    assert_eq!(all[0].flavor.id(), Some("1"));
    assert_eq!(all[1].id, "second");
    assert!(
        all[1].flavor.original_name.is_some(),
        "2.47 embeds the flavor"
    );

    let names: Vec<servers::ServerSummary> = servers::list_summary(&compute, ListOpts::new())
        .try_collect()
        .await
        .expect("summary");
    summary.assert_async().await;
    assert_eq!(names[0].name, "new-server-test");
    assert_eq!(c.calls_async().await, 0);
}

#[tokio::test]
async fn create_update_delete_force_delete() {
    if !have_corpus() {
        return;
    }
    let server = MockServer::start_async().await;
    let create = server
        .mock_async(|when, then| {
            when.method(POST).path("/v2.1/servers").json_body(json!({
                "server": {"name": "new-server-test", "flavorRef": "1", "imageRef": "img",
                           "networks": "none", "user_data": "aGVsbG8="},
                "os:scheduler_hints": {"group": "g1"}
            }));
            then.status(202)
                .body(sample_text("servers/server-create-resp.json"));
        })
        .await;
    let update = server
        .mock_async(|when, then| {
            when.method(PUT)
                .path("/v2.1/servers/s1")
                .json_body(json!({"server": {"name": "new-server-test", "description": null}}));
            then.status(200)
                .body(sample_text("servers/v2.47/server-update-resp.json"));
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method(DELETE).path("/v2.1/servers/s1");
            then.status(204);
        })
        .await;
    let force = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/v2.1/servers/s1/action")
                .json_body(json!({"forceDelete": null}));
            then.status(202);
        })
        .await;
    let c = catch_all(&server).await;
    let compute = client(&server);

    let created = servers::create(
        &compute,
        CreateOpts::new("new-server-test", "1")
            .image_ref("img")
            .networks(Networks::None)
            .user_data("hello")
            .scheduler_hint("group", "g1"),
    )
    .await
    .expect("create");
    create.assert_async().await;
    assert_eq!(created.id, "f5dc173b-6804-445a-a6d8-c705dad5b5eb");
    assert_eq!(created.admin_pass.as_deref(), Some("6NpUwoz2QDRN"));
    assert_eq!(created.disk_config, Some(DiskConfig::Auto));

    let updated = servers::update(
        &compute,
        "s1",
        UpdateOpts::new()
            .name("new-server-test")
            .clear_description(),
    )
    .await
    .expect("update");
    update.assert_async().await;
    assert_eq!(updated.name, "new-server-test");

    servers::delete(&compute, "s1").await.expect("delete");
    delete.assert_async().await;
    servers::force_delete(&compute, "s1")
        .await
        .expect("force delete");
    force.assert_async().await;
    assert_eq!(c.calls_async().await, 0);
}

#[tokio::test]
async fn errors_carry_status_and_message() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.1/servers/missing");
            then.status(404)
                .header("x-openstack-request-id", "req-404")
                .json_body(json!({"itemNotFound": {"code": 404, "message": "Instance missing could not be found."}}));
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method(POST).path("/v2.1/servers");
            then.status(403).json_body(
                json!({"forbidden": {"code": 403, "message": "Quota exceeded for instances"}}),
            );
        })
        .await;
    catch_all(&server).await;
    let compute = client(&server);
    let err = servers::get(&compute, "missing").await.expect_err("404");
    assert!(err.is_not_found());
    assert_eq!(err.request_id(), Some("req-404"));
    assert_eq!(
        err.api_message(),
        Some("Instance missing could not be found.")
    );
    let err = servers::create(&compute, CreateOpts::new("a", "1"))
        .await
        .expect_err("403");
    assert!(err.is_forbidden());
    assert_eq!(err.api_message(), Some("Quota exceeded for instances"));
}

#[tokio::test]
async fn microversion_negotiation_against_version_document() {
    if !have_corpus() {
        return;
    }
    let server = MockServer::start_async().await;
    let doc = server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.1/");
            then.status(200)
                .body(sample_text("versions/v21-version-get-resp.json"));
        })
        .await;
    catch_all(&server).await;
    let compute = client(&server);
    let v = compute
        .negotiate_microversion(Microversion::new(2, 200))
        .await
        .expect("negotiate");
    doc.assert_async().await;
    assert_eq!(v.microversion(), Some(Microversion::new(2, 104)));
    let v = compute
        .negotiate_microversion(Microversion::new(2, 79))
        .await
        .expect("2.79");
    assert_eq!(v.microversion(), Some(Microversion::new(2, 79)));
}

fn server_json(status: &str, fault: Option<serde_json::Value>) -> serde_json::Value {
    let mut s = json!({"server": {"id": "w1", "name": "w", "status": status}});
    if let Some(f) = fault {
        s["server"]["fault"] = f;
    }
    s
}

#[tokio::test]
async fn wait_for_status_error_and_timeout() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.1/servers/active");
            then.status(200).json_body(server_json("ACTIVE", None));
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.1/servers/broken");
            then.status(200).json_body(server_json(
                "ERROR",
                Some(json!({"code": 500, "message": "No valid host was found.", "created": "2024-01-01T00:00:00Z"})),
            ));
        })
        .await;
    let building = server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.1/servers/slow");
            then.status(200).json_body(server_json("BUILD", None));
        })
        .await;
    catch_all(&server).await;
    let compute = client(&server);

    let s = servers::wait_for_status(&compute, "active", Status::Active, Duration::from_secs(5))
        .await
        .expect("active");
    assert_eq!(s.status, Status::Active);

    let err = servers::wait_for_status(&compute, "broken", Status::Active, Duration::from_secs(5))
        .await
        .expect_err("error state");
    assert!(
        err.to_string().contains("No valid host was found."),
        "{err}"
    );
    assert!(err.to_string().contains("ERROR"), "{err}");

    let clock = ManualClock::new(time::macros::datetime!(2030-01-01 00:00 UTC));
    let err = servers::wait_for_status_with(
        &compute,
        "slow",
        Status::Active,
        Waiter::new(Duration::from_secs(60)).clock(Arc::new(clock)),
    )
    .await
    .expect_err("timeout");
    assert_eq!(err.kind(), ErrorKind::WaitTimeout);
    assert!(building.calls_async().await >= 3, "it polled with backoff");
}

#[tokio::test]
async fn wait_sees_a_transition_and_a_delete() {
    let server = MockServer::start_async().await;
    let build = server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.1/servers/t1");
            then.status(200).json_body(server_json("BUILD", None));
        })
        .await;
    let compute = client(&server);
    let waiter = {
        let compute = compute.clone();
        tokio::spawn(async move {
            servers::wait_for_status_with(
                &compute,
                "t1",
                Status::Shutoff,
                Waiter::new(Duration::from_secs(30))
                    .initial_delay(Duration::from_millis(20))
                    .max_delay(Duration::from_millis(50)),
            )
            .await
        })
    };
    while build.calls_async().await < 2 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    build.delete_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.1/servers/t1");
            then.status(200).json_body(server_json("SHUTOFF", None));
        })
        .await;
    let s = waiter.await.expect("join").expect("shutoff");
    assert_eq!(s.status, Status::Shutoff);

    server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.1/servers/gone");
            then.status(404)
                .json_body(json!({"itemNotFound": {"code": 404, "message": "gone"}}));
        })
        .await;
    catch_all(&server).await;
    servers::wait_for_delete(&compute, "gone", Duration::from_secs(5))
        .await
        .expect("gone");
}

#[tokio::test]
async fn create_multiple_returns_the_reservation_id() {
    if !have_corpus() {
        return;
    }
    let server = MockServer::start_async().await;
    let m = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/v2.1/servers")
                .json_body(json!({"server": {
                "name": "many", "flavorRef": "1", "imageRef": "img",
                "min_count": 2, "max_count": 3, "return_reservation_id": true}}));
            then.status(202).body(sample_text(
                "os-multiple-create/multiple-create-post-resp.json",
            ));
        })
        .await;
    let c = catch_all(&server).await;
    let r = servers::create_multiple(
        &client(&server),
        CreateOpts::new("many", "1")
            .image_ref("img")
            .min_count(2)
            .max_count(3),
    )
    .await
    .expect("create multiple");
    m.assert_async().await;
    assert_eq!(c.calls_async().await, 0);
    assert_eq!(r, "r-3fhpjulh");
}
