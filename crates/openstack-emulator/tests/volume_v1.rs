//! The emulator's Cinder v1 API driven through `openstack-blockstorage`'s `v1` module: the
//! catalog's `volume` entry, version discovery, volumes and snapshots sharing the v3 state,
//! `display_name`/`display_description`, metadata, and delete → 404.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use futures::TryStreamExt;
use openstack_blockstorage::{v1, volumes};
use openstack_core::{Request, ServiceClient};
use openstack_emulator::Emulator;
use serde_json::{json, Value};

async fn emulator() -> Emulator {
    Emulator::builder()
        .volume_delay(Duration::ZERO)
        .start()
        .await
        .unwrap()
}

#[tokio::test]
async fn v1_and_v3_clients_resolve_their_own_endpoints() {
    let emu = emulator().await;
    let p = emu.provider().await.unwrap();
    let project = emu.project_id("admin").unwrap();
    let c1 = openstack_blockstorage::client_v1(&p).unwrap();
    assert_eq!(
        c1.endpoint().as_str(),
        format!("{}/volume/v1/{project}/", emu.url())
    );
    let c3 = openstack_blockstorage::client(&p).unwrap();
    assert_eq!(
        c3.endpoint().as_str(),
        format!("{}/volume/v3/{project}/", emu.url())
    );
    // The version list offers both; `v1/` shows v1.
    let versions = v1::apiversions::list(&c1).await.unwrap();
    let ids: Vec<_> = versions.iter().map(|v| v.id.as_str()).collect();
    assert_eq!(ids, ["v3.0", "v1.0"]);
    let v = v1::apiversions::get(&c1, "v1").await.unwrap();
    assert_eq!(v.id, "v1.0");
    assert_eq!(v.status, "DEPRECATED");
    // v3 microversion negotiation still finds the v3 entry.
    let c3 = c3
        .negotiate_microversion(openstack_core::Microversion::new(3, 50))
        .await
        .unwrap();
    let listed: Vec<_> = volumes::list(&c3, volumes::ListOpts::new())
        .try_collect()
        .await
        .unwrap();
    assert!(listed.is_empty());
}

async fn raw(c: &ServiceClient, path: &str) -> Value {
    c.send_json(Request::get(path)).await.unwrap()
}

#[tokio::test]
async fn volumes_through_v1_share_the_v3_state() {
    let emu = emulator().await;
    let p = emu.provider().await.unwrap();
    let c1 = openstack_blockstorage::client_v1(&p).unwrap();
    let c3 = openstack_blockstorage::client(&p).unwrap();

    let created = v1::volumes::create(
        &c1,
        v1::volumes::CreateOpts::new(2)
            .name("old-style")
            .description("made through v1")
            .metadata("k", "v"),
    )
    .await
    .unwrap();
    assert_eq!(created.name.as_deref(), Some("old-style"));
    assert_eq!(created.description.as_deref(), Some("made through v1"));
    assert_eq!(created.size, 2);
    assert_eq!(created.metadata.get("k").map(String::as_str), Some("v"));
    // The wire names are v1's.
    let wire = raw(&c1, &format!("volumes/{}", created.id)).await;
    assert_eq!(wire["volume"]["display_name"], "old-style");
    assert_eq!(wire["volume"]["display_description"], "made through v1");
    assert!(wire["volume"].get("name").is_none(), "{wire}");
    assert!(wire["volume"].get("links").is_none(), "{wire}");

    // Read back through v1 (available once the delay passed) and through v3.
    let got = v1::volumes::get(&c1, &created.id).await.unwrap();
    assert_eq!(got.status, volumes::Status::Available);
    let v3 = volumes::get(&c3, &created.id).await.unwrap();
    assert_eq!(v3.name.as_deref(), Some("old-style"));
    assert_eq!(v3.description.as_deref(), Some("made through v1"));

    // A v3 volume shows up in the v1 list, with a name filter.
    volumes::create(&c3, volumes::CreateOpts::new(1).name("new-style"))
        .await
        .unwrap();
    let all: Vec<_> = v1::volumes::list(&c1, v1::volumes::ListOpts::new())
        .try_collect()
        .await
        .unwrap();
    let mut names: Vec<_> = all.iter().filter_map(|v| v.name.clone()).collect();
    names.sort();
    assert_eq!(names, ["new-style", "old-style"]);
    let only: Vec<_> = v1::volumes::list(&c1, v1::volumes::ListOpts::new().name("new-style"))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(only.len(), 1);
    assert_eq!(only[0].name.as_deref(), Some("new-style"));
    // The metadata filter (a Python dict literal on the wire), through v1 and v3.
    let tagged: Vec<_> = v1::volumes::list(&c1, v1::volumes::ListOpts::new().metadata("k", "v"))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(tagged.len(), 1);
    assert_eq!(tagged[0].id, created.id);
    let none: Vec<_> = v1::volumes::list(&c1, v1::volumes::ListOpts::new().metadata("k", "w"))
        .try_collect()
        .await
        .unwrap();
    assert!(none.is_empty());
    let tagged3: Vec<_> = volumes::list(&c3, volumes::ListOpts::new().metadata("k", "v"))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(tagged3.len(), 1);
    let err = c1
        .send(Request::get("volumes/detail").query_pair("metadata", "not a dict"))
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(400), "{err}");
    let summary = raw(&c1, "volumes").await;
    assert_eq!(summary["volumes"].as_array().unwrap().len(), 2);

    // Update through v1, seen through v3; clearing the description sends null.
    let updated = v1::volumes::update(
        &c1,
        &created.id,
        v1::volumes::UpdateOpts::new()
            .name("renamed")
            .clear_description(),
    )
    .await
    .unwrap();
    assert_eq!(updated.name.as_deref(), Some("renamed"));
    assert_eq!(updated.description, None);
    assert_eq!(
        volumes::get(&c3, &created.id)
            .await
            .unwrap()
            .name
            .as_deref(),
        Some("renamed")
    );

    // Metadata: merge and replace.
    let md = v1::volumes::update_metadata(
        &c1,
        &created.id,
        &[("a".to_owned(), "1".to_owned())].into_iter().collect(),
    )
    .await
    .unwrap();
    assert_eq!(md.len(), 2, "{md:?}");
    let md = v1::volumes::set_metadata(
        &c1,
        &created.id,
        &[("b".to_owned(), "2".to_owned())].into_iter().collect(),
    )
    .await
    .unwrap();
    assert_eq!(md.keys().collect::<Vec<_>>(), ["b"]);
    assert_eq!(
        v1::volumes::get_metadata(&c1, &created.id).await.unwrap(),
        md
    );

    // Snapshots through v1.
    let snap = v1::snapshots::create(
        &c1,
        v1::snapshots::CreateOpts::new(&created.id).name("snap"),
    )
    .await
    .unwrap();
    assert_eq!(snap.name.as_deref(), Some("snap"));
    assert_eq!(snap.volume_id, created.id);
    let snaps: Vec<_> = v1::snapshots::list(&c1).try_collect().await.unwrap();
    assert_eq!(snaps.len(), 1);
    // A volume with snapshots cannot be deleted.
    let err = v1::volumes::delete(&c1, &created.id).await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(400), "{err}");
    v1::snapshots::delete(&c1, &snap.id).await.unwrap();

    // Delete → 404 (after the deleting phase).
    v1::volumes::delete(&c1, &created.id).await.unwrap();
    tokio::time::sleep(Duration::from_millis(5)).await;
    let err = v1::volumes::get(&c1, &created.id).await.unwrap_err();
    assert!(err.is_not_found(), "{err}");
    assert!(volumes::get(&c3, &created.id)
        .await
        .unwrap_err()
        .is_not_found());
    // Errors use Cinder's fault body.
    let resp = c1
        .send(Request::get("volumes/nope").ok_status([404]))
        .await
        .unwrap();
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["itemNotFound"]["code"], 404);
}

#[tokio::test]
async fn v1_needs_a_token_and_the_own_project() {
    let emu = emulator().await;
    let demo = emu.demo_provider().await.unwrap();
    let admin_project = emu.project_id("admin").unwrap();
    let c1 = openstack_blockstorage::client_v1(&demo).unwrap();
    let err = c1
        .send(Request::get(format!(
            "{}/volume/v1/{admin_project}/volumes",
            emu.url()
        )))
        .await
        .unwrap_err();
    assert!(err.is_forbidden(), "{err}");
    let anon = openstack_core::ProviderClient::builder()
        .endpoint_override(
            "volume",
            format!("{}/volume/v1/{admin_project}/", emu.url()),
        )
        .build_lazy()
        .unwrap();
    let c = openstack_blockstorage::client_v1(&anon).unwrap();
    let err = v1::volumes::list(&c, v1::volumes::ListOpts::new())
        .try_collect::<Vec<_>>()
        .await
        .unwrap_err();
    assert!(err.is_unauthorized(), "{err}");
}

/// The historical v1 request samples (ids replaced by the emulator's) are accepted, and
/// what they set is read back with v1's names.
#[tokio::test]
async fn official_v1_request_samples_are_accepted() {
    use openstack_test_support::corpus;
    if corpus::dir().is_none() {
        eprintln!("SKIPPED: no corpus");
        return;
    }
    let s = "cinder/historical/v1-removed-f4c44658/api-ref/source/v1/samples";
    let emu = emulator().await;
    let p = emu.provider().await.unwrap();
    let c1 = openstack_blockstorage::client_v1(&p).unwrap();
    let types = raw(&c1, "types").await;
    let mut body = corpus::json(&format!("{s}/volume-create-request.json"));
    body["volume"]["volume_type"] = types["volume_types"][0]["id"].clone();
    let created: Value = c1
        .send_json(Request::post("volumes").json(&body).unwrap())
        .await
        .unwrap();
    let sent = &body["volume"];
    let vol = &created["volume"];
    for k in [
        "display_name",
        "display_description",
        "size",
        "metadata",
        "availability_zone",
    ] {
        assert_eq!(vol[k], sent[k], "{k}: {created}");
    }
    assert_eq!(vol["volume_type"], types["volume_types"][0]["name"]);
    let id = vol["id"].as_str().unwrap().to_owned();
    tokio::time::sleep(Duration::from_millis(5)).await;
    let mut snap = corpus::json(&format!("{s}/snapshot-create-request.json"));
    snap["snapshot"]["volume_id"] = json!(id);
    let snapped: Value = c1
        .send_json(Request::post("snapshots").json(&snap).unwrap())
        .await
        .unwrap();
    assert_eq!(
        snapped["snapshot"]["display_name"],
        snap["snapshot"]["display_name"]
    );
    assert_eq!(
        snapped["snapshot"]["display_description"],
        snap["snapshot"]["display_description"]
    );
    let sid = snapped["snapshot"]["id"].as_str().unwrap().to_owned();
    let md = corpus::json(&format!("{s}/snapshot-metadata-update-request.json"));
    let updated: Value = c1
        .send_json(
            Request::put(format!("snapshots/{sid}/metadata"))
                .json(&md)
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(updated, md);
}
