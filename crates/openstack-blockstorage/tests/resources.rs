//! Snapshots, volume types, attachments, backups, quotas, limits, availability zones and
//! services against httpmock, serving the official response samples.

mod common;

use common::{catch_all, client, sample, sample_text};
use futures::TryStreamExt;
use httpmock::prelude::*;
use openstack_blockstorage::{
    attachments, availability_zones, backups, limits, quotas, services, snapshots, volumetypes,
};
use openstack_core::Microversion;
use serde_json::json;

#[tokio::test]
async fn snapshots_crud_and_metadata() {
    let server = MockServer::start_async().await;
    let show = sample("snapshots/v3.65/snapshot-show-response.json");
    let id = show["snapshot"]["id"].as_str().expect("id").to_owned();
    let get = server
        .mock_async(|when, then| {
            when.method(GET).path(format!("/v3/p1/snapshots/{id}"));
            then.status(200)
                .body(sample_text("snapshots/v3.65/snapshot-show-response.json"));
        })
        .await;
    let list = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/v3/p1/snapshots/detail")
                .query_param("volume_id", "v");
            then.status(200).body(sample_text(
                "snapshots/v3.65/snapshots-list-detailed-response.json",
            ));
        })
        .await;
    let create = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/v3/p1/snapshots")
                .json_body(json!({"snapshot": {"volume_id": "v", "name": "s1"}}));
            then.status(202)
                .body(sample_text("snapshots/v3.65/snapshot-create-response.json"));
        })
        .await;
    let md = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(format!("/v3/p1/snapshots/{id}/metadata"));
            then.status(200).body(sample_text(
                "snapshots/snapshot-metadata-show-response.json",
            ));
        })
        .await;
    let del = server
        .mock_async(|when, then| {
            when.method(DELETE).path(format!("/v3/p1/snapshots/{id}"));
            then.status(202);
        })
        .await;
    let c = catch_all(&server).await;
    let cl = client(&server);
    let s = snapshots::get(&cl, &id).await.expect("get");
    assert_eq!(s.status, snapshots::Status::Creating);
    assert_eq!(s.name.as_deref(), Some("snap-001"));
    assert_eq!(s.progress.as_deref(), Some("0%"));
    assert_eq!(s.metadata.get("key").map(String::as_str), Some("v3"));
    let all: Vec<_> = snapshots::list(&cl, snapshots::ListOpts::new().volume_id("v"))
        .try_collect()
        .await
        .expect("list");
    let want = sample("snapshots/v3.65/snapshots-list-detailed-response.json");
    assert_eq!(all.len(), want["snapshots"].as_array().expect("arr").len());
    let created = snapshots::create(&cl, snapshots::CreateOpts::new("v").name("s1"))
        .await
        .expect("create");
    assert!(!created.id.is_empty());
    let m = snapshots::get_metadata(&cl, &id).await.expect("md");
    assert!(!m.is_empty());
    snapshots::delete(&cl, &id).await.expect("delete");
    for m in [&get, &list, &create, &md, &del] {
        m.assert_async().await;
    }
    assert_eq!(c.calls_async().await, 0);
}

#[tokio::test]
async fn volume_types_specs_and_access() {
    let server = MockServer::start_async().await;
    let show = server
        .mock_async(|when, then| {
            when.method(GET).path("/v3/p1/types/t1");
            then.status(200)
                .body(sample_text("volume_type/volume-type-show-response.json"));
        })
        .await;
    let list = server
        .mock_async(|when, then| {
            when.method(GET).path("/v3/p1/types");
            then.status(200)
                .body(sample_text("volume_type/volume-types-list-response.json"));
        })
        .await;
    let specs = server
        .mock_async(|when, then| {
            when.method(GET).path("/v3/p1/types/t1/extra_specs");
            then.status(200).body(sample_text(
                "volume_type/volume-type-all-extra-specs-show-response.json",
            ));
        })
        .await;
    let spec = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/v3/p1/types/t1/extra_specs/capabilities");
            then.status(200).body(sample_text(
                "volume_type/volume-type-specific-extra-specs-show-response.json",
            ));
        })
        .await;
    let access = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/v3/p1/types/t1/os-volume-type-access");
            then.status(200).body(sample_text(
                "volume_type/volume-type-access-list-response.json",
            ));
        })
        .await;
    let add = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/v3/p1/types/t1/action")
                .json_body(json!({"addProjectAccess": {"project": "p2"}}));
            then.status(202);
        })
        .await;
    let c = catch_all(&server).await;
    let cl = client(&server);
    let t = volumetypes::get(&cl, "t1").await.expect("get");
    assert_eq!(t.name, "vol-type-001");
    assert!(t.public());
    assert_eq!(t.access_is_public, Some(true));
    assert_eq!(
        t.extra_specs.get("capabilities").map(String::as_str),
        Some("gpu")
    );
    let all: Vec<_> = volumetypes::list(&cl, volumetypes::ListOpts::new())
        .try_collect()
        .await
        .expect("list");
    assert!(!all.is_empty());
    let s = volumetypes::list_extra_specs(&cl, "t1")
        .await
        .expect("specs");
    assert_eq!(s.get("capabilities").map(String::as_str), Some("gpu"));
    let want = sample("volume_type/volume-type-specific-extra-specs-show-response.json");
    assert_eq!(
        volumetypes::get_extra_spec(&cl, "t1", "capabilities")
            .await
            .expect("spec"),
        want["capabilities"].as_str().expect("capabilities")
    );
    let a = volumetypes::list_access(&cl, "t1").await.expect("access");
    assert_eq!(a[0].project_id, "6f70656e737461636b20342065766572");
    volumetypes::add_access(&cl, "t1", "p2").await.expect("add");
    for m in [&show, &list, &specs, &spec, &access, &add] {
        m.assert_async().await;
    }
    assert_eq!(c.calls_async().await, 0);
}

#[tokio::test]
async fn attachments_send_a_microversion() {
    let server = MockServer::start_async().await;
    let create = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/v3/p1/attachments")
                .header("openstack-api-version", "volume 3.27")
                .json_body(json!({"attachment": {"volume_uuid": "v", "instance_uuid": "i"}}));
            then.status(200)
                .body(sample_text("attachment-create-response.json"));
        })
        .await;
    let list = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/v3/p1/attachments/detail")
                .header("openstack-api-version", "volume 3.27");
            then.status(200)
                .body(sample_text("attachment-list-detailed-response.json"));
        })
        .await;
    let complete = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/v3/p1/attachments/a/action")
                .header("openstack-api-version", "volume 3.44")
                .json_body(json!({"os-complete": {}}));
            then.status(204);
        })
        .await;
    let get = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/v3/p1/attachments/a")
                .header("openstack-api-version", "volume 3.60");
            then.status(200)
                .body(sample_text("attachment-show-response.json"));
        })
        .await;
    let del = server
        .mock_async(|when, then| {
            when.method(DELETE).path("/v3/p1/attachments/a");
            then.status(200).json_body(json!({"attachments": []}));
        })
        .await;
    let c = catch_all(&server).await;
    let cl = client(&server);
    let a = attachments::create(&cl, attachments::CreateOpts::new("v").instance_uuid("i"))
        .await
        .expect("create");
    assert_eq!(a.status, attachments::Status::Attaching);
    assert_eq!(a.attach_mode.as_deref(), Some("ro"));
    let all: Vec<_> = attachments::list(&cl, attachments::ListOpts::new())
        .try_collect()
        .await
        .expect("list");
    assert_eq!(all.len(), 1);
    attachments::complete(&cl, "a").await.expect("complete");
    // A client that already carries a microversion keeps it.
    let newer = cl.with_microversion(Microversion::new(3, 60));
    let shown = attachments::get(&newer, "a").await.expect("get");
    assert_eq!(shown.id, "3b8b6631-1cf7-4fd7-9afb-c01e541a073c");
    attachments::delete(&cl, "a").await.expect("delete");
    for m in [&create, &list, &complete, &get, &del] {
        m.assert_async().await;
    }
    assert_eq!(c.calls_async().await, 0);
}

#[tokio::test]
async fn backups_create_get_list_restore() {
    let server = MockServer::start_async().await;
    let create = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/v3/p1/backups")
                .json_body(json!({"backup": {"volume_id": "v", "name": "backup001"}}));
            then.status(202)
                .body(sample_text("backups/backup-create-response.json"));
        })
        .await;
    let get = server
        .mock_async(|when, then| {
            when.method(GET).path("/v3/p1/backups/b");
            then.status(200)
                .body(sample_text("backups/backup-show-response.json"));
        })
        .await;
    let list = server
        .mock_async(|when, then| {
            when.method(GET).path("/v3/p1/backups/detail");
            then.status(200)
                .body(sample_text("backups/backups-list-detailed-response.json"));
        })
        .await;
    let restore = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/v3/p1/backups/b/restore")
                .json_body(json!({"restore": {"name": "vol-01"}}));
            then.status(202)
                .body(sample_text("backup-restore-response.json"));
        })
        .await;
    let c = catch_all(&server).await;
    let cl = client(&server);
    let b = backups::create(&cl, backups::CreateOpts::new("v").name("backup001"))
        .await
        .expect("create");
    assert_eq!(b.name.as_deref(), Some("backup001"));
    let b = backups::get(&cl, "b").await.expect("get");
    assert_eq!(b.status, backups::Status::Creating);
    assert_eq!(b.size, 10);
    assert!(b.data_timestamp.is_some());
    let all: Vec<_> = backups::list(&cl, backups::ListOpts::new())
        .try_collect()
        .await
        .expect("list");
    assert!(!all.is_empty());
    let r = backups::restore(&cl, "b", backups::RestoreOpts::new().name("vol-01"))
        .await
        .expect("restore");
    assert_eq!(r.volume_name.as_deref(), Some("volume01"));
    for m in [&create, &get, &list, &restore] {
        m.assert_async().await;
    }
    assert_eq!(c.calls_async().await, 0);
}

#[tokio::test]
async fn quotas_limits_zones_services() {
    let server = MockServer::start_async().await;
    let q = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/v3/p1/os-quota-sets/p1")
                .query_param_missing("usage");
            then.status(200)
                .body(sample_text("quota_sets/quotas-show-response.json"));
        })
        .await;
    let qu = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/v3/p1/os-quota-sets/p1")
                .query_param("usage", "True");
            then.status(200)
                .body(sample_text("quota_sets/quotas-show-usage-response.json"));
        })
        .await;
    let qd = server
        .mock_async(|when, then| {
            when.method(GET).path("/v3/p1/os-quota-sets/p1/defaults");
            then.status(200)
                .body(sample_text("quota_sets/quotas-show-defaults-response.json"));
        })
        .await;
    let qup = server
        .mock_async(|when, then| {
            when.method(PUT)
                .path("/v3/p1/os-quota-sets/p1")
                .json_body(json!({"quota_set": {"volumes": 5}}));
            then.status(200)
                .body(sample_text("quota_sets/quotas-update-response.json"));
        })
        .await;
    let lim = server
        .mock_async(|when, then| {
            when.method(GET).path("/v3/p1/limits");
            then.status(200)
                .body(sample_text("limits/limits-show-response.json"));
        })
        .await;
    let az = server
        .mock_async(|when, then| {
            when.method(GET).path("/v3/p1/os-availability-zone");
            then.status(200)
                .body(sample_text("availability-zone-list-response.json"));
        })
        .await;
    let svc = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/v3/p1/os-services")
                .query_param("binary", "cinder-volume");
            then.status(200)
                .body(sample_text("services-list-response.json"));
        })
        .await;
    let c = catch_all(&server).await;
    let cl = client(&server);
    let qs = quotas::get(&cl, "p1").await.expect("quotas");
    assert_eq!(qs.volumes, 10);
    assert_eq!(qs.per_volume_gigabytes, -1);
    assert_eq!(qs.per_type.get("volumes___DEFAULT__"), Some(&json!(-1)));
    let usage = quotas::get_usage(&cl, "p1").await.expect("usage");
    assert_eq!(usage.gigabytes.limit, 1000);
    assert_eq!(usage.per_type["snapshots___DEFAULT__"].limit, -1);
    let d = quotas::get_defaults(&cl, "p1").await.expect("defaults");
    assert!(d.volumes != 0);
    quotas::update(&cl, "p1", quotas::UpdateOpts::new().volumes(5))
        .await
        .expect("update");
    let l = limits::get(&cl).await.expect("limits");
    assert_eq!(l.absolute.max_total_volumes, 10);
    assert_eq!(l.absolute.max_total_volume_gigabytes, 1000);
    let zones = availability_zones::list(&cl).await.expect("zones");
    assert_eq!(zones[0].zone_name, "nova");
    assert!(zones[0].zone_state.available);
    let s: Vec<_> = services::list(&cl, services::ListOpts::new().binary("cinder-volume"))
        .try_collect()
        .await
        .expect("services");
    assert_eq!(s.len(), 3);
    assert_eq!(s[2].frozen, Some(false));
    assert_eq!(s[0].state, "up");
    for m in [&q, &qu, &qd, &qup, &lim, &az, &svc] {
        m.assert_async().await;
    }
    assert_eq!(c.calls_async().await, 0);
}

#[tokio::test]
async fn type_access_as_a_single_object() {
    // Old clouds (and the v2 sample) answer one object instead of a list.
    let server = MockServer::start_async().await;
    let m = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/v3/p1/types/t/os-volume-type-access");
            then.status(200).body(
                String::from_utf8(openstack_test_support::corpus::read(
                    "cinder/api-ref/source/v2/samples/volume-type-access-list-response.json",
                ))
                .expect("utf-8"),
            );
        })
        .await;
    catch_all(&server).await;
    let a = volumetypes::list_access(&client(&server), "t")
        .await
        .expect("access");
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].project_id, "f270b245cb11498ca4031deb7e141cfa");
    m.assert_async().await;
}

#[tokio::test]
async fn snapshot_wait_fails_early_on_error() {
    let server = MockServer::start_async().await;
    let m = server
        .mock_async(|when, then| {
            when.method(GET).path("/v3/p1/snapshots/s");
            then.status(200)
                .json_body(json!({"snapshot": {"id": "s", "status": "error", "volume_id": "v"}}));
        })
        .await;
    catch_all(&server).await;
    let waiter = openstack_core::wait::Waiter::new(std::time::Duration::from_secs(30))
        .initial_delay(std::time::Duration::from_millis(5));
    let err = snapshots::wait_for_status_with(
        &client(&server),
        "s",
        snapshots::Status::Available,
        waiter,
    )
    .await
    .expect_err("error state");
    assert!(err.to_string().contains("error"), "{err}");
    assert_eq!(m.calls_async().await, 1);
}
