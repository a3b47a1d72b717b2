//! Volumes against httpmock, serving the official response samples.

mod common;

use std::time::Duration;

use common::{catch_all, client, sample, sample_text};
use futures::TryStreamExt;
use httpmock::prelude::*;
use openstack_blockstorage::volumes::{self, Status};
use openstack_core::wait::Waiter;
use serde_json::json;

const VOL: &str = "f7223234-1afc-4d19-bfa3-d19deb6235ef";

fn quick(timeout: u64) -> Waiter {
    Waiter::new(Duration::from_secs(timeout))
        .initial_delay(Duration::from_millis(5))
        .max_delay(Duration::from_millis(20))
}

#[tokio::test]
async fn get_decodes_sample() {
    let server = MockServer::start_async().await;
    let m = server
        .mock_async(|when, then| {
            when.method(GET).path(format!("/v3/p1/volumes/{VOL}"));
            then.status(200)
                .header("content-type", "application/json")
                .body(sample_text("volumes/v3.65/volume-show-response.json"));
        })
        .await;
    let c = catch_all(&server).await;
    let v = volumes::get(&client(&server), VOL).await.expect("get");
    m.assert_async().await;
    assert_eq!(c.calls_async().await, 0);
    let want = sample("volumes/v3.65/volume-show-response.json")["volume"].clone();
    assert_eq!(v.id, VOL);
    assert_eq!(v.status, Status::Creating);
    assert_eq!(v.size, 10);
    assert!(!v.bootable);
    assert_eq!(v.name, None);
    assert_eq!(v.volume_type.as_deref(), want["volume_type"].as_str());
    assert_eq!(
        v.tenant_id.as_deref(),
        want["os-vol-tenant-attr:tenant_id"].as_str()
    );
    assert_eq!(v.shared_targets, Some(true));
    assert_eq!(v.consumes_quota, Some(true));
    assert_eq!(v.links.len(), 2);
    assert_eq!(v.created_at.expect("created").year(), 2018);
    assert!(v.updated_at.is_none());
}

#[tokio::test]
async fn list_follows_volumes_links() {
    let server = MockServer::start_async().await;
    let detail = sample("volumes/v3.65/volumes-list-detailed-response.json");
    let mut all = detail["volumes"].as_array().expect("volumes").clone();
    // The sample has one volume: serve it on page 1 and a copy with another id on page 2.
    let mut copy = all[0].clone();
    copy["id"] = json!("second-page-volume");
    all.push(copy);
    let first = json!({"volumes": [all[0].clone()], "volumes_links": [
        {"rel": "next", "href": server.url(format!("/v3/p1/volumes/detail?limit=1&marker={}&status=available", all[0]["id"].as_str().expect("id")))}
    ]});
    let second = json!({"volumes": all[1..].to_vec()});
    let m2 = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/v3/p1/volumes/detail")
                .query_param("marker", all[0]["id"].as_str().expect("id"));
            then.status(200).json_body(second.clone());
        })
        .await;
    let m1 = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/v3/p1/volumes/detail")
                .query_param("status", "available")
                .query_param("limit", "1");
            then.status(200).json_body(first.clone());
        })
        .await;
    let c = catch_all(&server).await;
    let got: Vec<_> = volumes::list(
        &client(&server),
        volumes::ListOpts::new().status(Status::Available).limit(1),
    )
    .try_collect()
    .await
    .expect("list");
    m1.assert_async().await;
    m2.assert_async().await;
    assert_eq!(c.calls_async().await, 0);
    assert_eq!(got.len(), all.len());
    for (v, w) in got.iter().zip(&all) {
        assert_eq!(v.id, w["id"].as_str().expect("id"));
    }
}

#[tokio::test]
async fn create_sends_body_and_decodes_sample() {
    let server = MockServer::start_async().await;
    let m = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/v3/p1/volumes")
                .header("content-type", "application/json")
                .json_body(
                    json!({"volume": {"size": 1, "name": "data", "volume_type": "fake",
                    "metadata": {"a": "b"}}}),
                );
            then.status(202)
                .body(sample_text("volumes/v3.65/volume-create-response.json"));
        })
        .await;
    let c = catch_all(&server).await;
    let v = volumes::create(
        &client(&server),
        volumes::CreateOpts::new(1)
            .name("data")
            .volume_type("fake")
            .metadata("a", "b"),
    )
    .await
    .expect("create");
    m.assert_async().await;
    assert_eq!(c.calls_async().await, 0);
    let want = sample("volumes/v3.65/volume-create-response.json");
    assert_eq!(v.id, want["volume"]["id"].as_str().expect("id"));
}

#[tokio::test]
async fn actions_and_metadata() {
    let server = MockServer::start_async().await;
    let extend = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/v3/p1/volumes/v/action")
                .json_body(json!({"os-extend": {"new_size": 2}}));
            then.status(202);
        })
        .await;
    let show_md = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/v3/p1/volumes/v/action")
                .json_body(json!({"os-show_image_metadata": {}}));
            then.status(200)
                .body(sample_text("image-metadata-show-response.json"));
        })
        .await;
    let key = server
        .mock_async(|when, then| {
            when.method(GET).path("/v3/p1/volumes/v/metadata/name");
            then.status(200).body(sample_text(
                "volumes/volume-metadata-show-key-response.json",
            ));
        })
        .await;
    let all_md = server
        .mock_async(|when, then| {
            when.method(GET).path("/v3/p1/volumes/v/metadata");
            then.status(200)
                .body(sample_text("volumes/volume-metadata-show-response.json"));
        })
        .await;
    let upload = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/v3/p1/volumes/v/action")
                .json_body_includes(r#"{"os-volume_upload_image": {"image_name": "test"}}"#);
            then.status(202).body(sample_text(
                "volume_actions/volume-upload-to-image-response.json",
            ));
        })
        .await;
    let c = catch_all(&server).await;
    let cl = client(&server);
    volumes::extend(&cl, "v", 2).await.expect("extend");
    let md = volumes::show_image_metadata(&cl, "v")
        .await
        .expect("image md");
    assert_eq!(md.get("key1").map(String::as_str), Some("value1"));
    assert_eq!(
        volumes::get_metadata_key(&cl, "v", "name")
            .await
            .expect("key"),
        "metadata1"
    );
    let want = sample("volumes/volume-metadata-show-response.json");
    let all = volumes::get_metadata(&cl, "v").await.expect("metadata");
    assert_eq!(all.len(), want["metadata"].as_object().expect("obj").len());
    let up = volumes::upload_to_image(&cl, "v", volumes::UploadImageOpts::new("test"))
        .await
        .expect("upload");
    assert_eq!(up.image_id, "de75b74e-7f0d-4b59-a263-bd87bfc313bd");
    assert_eq!(up.status, Status::Uploading);
    for m in [&extend, &show_md, &key, &all_md, &upload] {
        m.assert_async().await;
    }
    assert_eq!(c.calls_async().await, 0);
}

#[tokio::test]
async fn not_found_is_typed() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/v3/p1/volumes/missing");
            then.status(404)
                .header("x-openstack-request-id", "req-404")
                .json_body(json!({"itemNotFound": {"message": "Volume missing could not be found.", "code": 404}}));
        })
        .await;
    catch_all(&server).await;
    let err = volumes::get(&client(&server), "missing")
        .await
        .expect_err("404");
    assert!(err.is_not_found());
    assert_eq!(err.request_id(), Some("req-404"));
    assert_eq!(
        err.api_message(),
        Some("Volume missing could not be found.")
    );
}

#[tokio::test]
async fn wait_for_status_polls_until_available() {
    let server = MockServer::start_async().await;
    let creating = server
        .mock_async(|when, then| {
            when.method(GET).path("/v3/p1/volumes/w");
            then.status(200)
                .json_body(json!({"volume": {"id": "w", "status": "creating", "size": 1}}));
        })
        .await;
    let cl = client(&server);
    let wait = tokio::spawn({
        let cl = cl.clone();
        async move { volumes::wait_for_status_with(&cl, "w", Status::Available, quick(10)).await }
    });
    tokio::time::sleep(Duration::from_millis(60)).await;
    assert!(creating.calls_async().await >= 1);
    creating.delete_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/v3/p1/volumes/w");
            then.status(200)
                .json_body(json!({"volume": {"id": "w", "status": "available", "size": 1}}));
        })
        .await;
    let v = wait.await.expect("join").expect("available");
    assert_eq!(v.status, Status::Available);
}

#[tokio::test]
async fn wait_for_status_fails_early_on_error() {
    let server = MockServer::start_async().await;
    let m = server
        .mock_async(|when, then| {
            when.method(GET).path("/v3/p1/volumes/e");
            then.status(200)
                .json_body(json!({"volume": {"id": "e", "status": "error", "size": 1}}));
        })
        .await;
    let started = std::time::Instant::now();
    let err = volumes::wait_for_status_with(&client(&server), "e", Status::Available, quick(30))
        .await
        .expect_err("error state");
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(m.calls_async().await, 1, "no polling after the error state");
    assert!(err.to_string().contains("error"), "{err}");
    assert!(err.to_string().contains("e"), "{err}");
}

#[tokio::test]
async fn wait_for_delete_ends_on_404_and_delete_sends_cascade() {
    let server = MockServer::start_async().await;
    let del = server
        .mock_async(|when, then| {
            when.method(DELETE)
                .path("/v3/p1/volumes/d")
                .query_param("cascade", "true");
            then.status(202);
        })
        .await;
    let get = server
        .mock_async(|when, then| {
            when.method(GET).path("/v3/p1/volumes/d");
            then.status(404)
                .json_body(json!({"itemNotFound": {"message": "gone", "code": 404}}));
        })
        .await;
    catch_all(&server).await;
    let cl = client(&server);
    volumes::delete_with(&cl, "d", volumes::DeleteOpts::new().cascade(true))
        .await
        .expect("delete");
    volumes::wait_for_delete_with(&cl, "d", quick(5))
        .await
        .expect("deleted");
    del.assert_async().await;
    get.assert_async().await;
}
