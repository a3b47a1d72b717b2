//! The v1 API against httpmock, serving the historical v1 samples.

mod common;

use common::{catch_all, client_v1, v1_sample, v1_sample_text};
use futures::TryStreamExt;
use httpmock::prelude::*;
use openstack_blockstorage::v1;
use serde_json::json;

#[tokio::test]
async fn volumes_snapshots_types() {
    let server = MockServer::start_async().await;
    let vshow = v1_sample("volume-show-response.json");
    let vid = vshow["volume"]["id"].as_str().expect("id").to_owned();
    let get = server
        .mock_async(|when, then| {
            when.method(GET).path(format!("/v1/p1/volumes/{vid}"));
            then.status(200)
                .body(v1_sample_text("volume-show-response.json"));
        })
        .await;
    let list = server
        .mock_async(|when, then| {
            when.method(GET).path("/v1/p1/volumes/detail");
            then.status(200)
                .body(v1_sample_text("volumes-list-response.json"));
        })
        .await;
    let create = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/v1/p1/volumes")
                .json_body(json!({"volume": {"size": 30, "display_name": "vol-001"}}));
            then.status(200)
                .body(v1_sample_text("volume-show-response.json"));
        })
        .await;
    let snap = server
        .mock_async(|when, then| {
            when.method(GET).path("/v1/p1/snapshots/s");
            then.status(200)
                .body(v1_sample_text("snapshot-show-response.json"));
        })
        .await;
    let snaps = server
        .mock_async(|when, then| {
            when.method(GET).path("/v1/p1/snapshots/detail");
            then.status(200)
                .body(v1_sample_text("snapshots-list-response.json"));
        })
        .await;
    let smd = server
        .mock_async(|when, then| {
            when.method(GET).path("/v1/p1/snapshots/s/metadata");
            then.status(200)
                .body(v1_sample_text("snapshot-metadata-show-response.json"));
        })
        .await;
    let types = server
        .mock_async(|when, then| {
            when.method(GET).path("/v1/p1/types");
            then.status(200)
                .body(v1_sample_text("volume-types-list-response.json"));
        })
        .await;
    let typ = server
        .mock_async(|when, then| {
            when.method(GET).path("/v1/p1/types/t");
            then.status(200)
                .body(v1_sample_text("volume-type-show-response.json"));
        })
        .await;
    let del = server
        .mock_async(|when, then| {
            when.method(DELETE).path("/v1/p1/volumes/x");
            then.status(202);
        })
        .await;
    let versions = server
        .mock_async(|when, then| {
            when.method(GET).path("/");
            then.status(300)
                .body(v1_sample_text("versions-list-response.json"));
        })
        .await;
    let version = server
        .mock_async(|when, then| {
            when.method(GET).path("/v1/");
            then.status(200)
                .body(v1_sample_text("version-show-response.json"));
        })
        .await;
    let c = catch_all(&server).await;
    let cl = client_v1(&server);
    assert!(cl.endpoint().as_str().ends_with("/v1/p1/"));

    let v = v1::volumes::get(&cl, &vid).await.expect("get");
    assert_eq!(v.name.as_deref(), Some("vol-001"));
    assert_eq!(v.description.as_deref(), Some("Another volume."));
    assert_eq!(v.size, 30);
    // v1 clouds report "active", which v3's status enum keeps as Unknown.
    assert_eq!(v.status, v1::volumes::Status::Unknown("active".into()));
    assert_eq!(
        v.attachments[0].server_id,
        "d1c4788b-9435-42e2-9b81-29f3be1cd01f"
    );
    assert_eq!(v.attachments[0].device.as_deref(), Some("/"));
    let all: Vec<_> = v1::volumes::list(&cl, v1::volumes::ListOpts::new())
        .try_collect()
        .await
        .expect("list");
    assert_eq!(all.len(), 2);
    assert_eq!(all[1].name.as_deref(), Some("vol-002"));
    v1::volumes::create(&cl, v1::volumes::CreateOpts::new(30).name("vol-001"))
        .await
        .expect("create");
    let s = v1::snapshots::get(&cl, "s").await.expect("snapshot");
    assert_eq!(s.status, v1::snapshots::Status::Available);
    assert_eq!(s.name.as_deref(), Some("snap-001"));
    let ss: Vec<_> = v1::snapshots::list(&cl).try_collect().await.expect("snaps");
    assert!(!ss.is_empty());
    let md = v1::snapshots::get_metadata(&cl, "s").await.expect("md");
    assert!(!md.is_empty());
    let ts: Vec<_> = v1::volumetypes::list(&cl)
        .try_collect()
        .await
        .expect("types");
    assert!(!ts.is_empty());
    let t = v1::volumetypes::get(&cl, "t").await.expect("type");
    assert_eq!(
        t.extra_specs.get("capabilities").map(String::as_str),
        Some("gpu")
    );
    v1::volumes::delete(&cl, "x").await.expect("delete");
    let vs = v1::apiversions::list(&cl).await.expect("versions");
    assert_eq!(vs.len(), 2);
    assert_eq!(vs[0].id, "v1.0");
    assert_eq!(vs[0].status, "DEPRECATED");
    let one = v1::apiversions::get(&cl, "v1").await.expect("version");
    assert_eq!(one.media_types.len(), 1);
    for m in [
        &get, &list, &create, &snap, &snaps, &smd, &types, &typ, &del, &versions, &version,
    ] {
        m.assert_async().await;
    }
    assert_eq!(c.calls_async().await, 0);
}
