//! Cinder 29 (fake driver) started by `cargo xtask realcloud up`: volume and snapshot life
//! cycles, extend, metadata, the attachments API (reserve, connect, complete, detach), types,
//! quotas, limits, services and zones.
//!
//! The harness runs no cinder-backup service and the fake driver moves no data, so backups
//! and upload-to-image are covered by the httpmock tests instead.

use std::time::Duration;

use futures::TryStreamExt;
use openstack_blockstorage::{
    attachments, availability_zones, limits, quotas, services, snapshots, volumes, volumetypes,
};
use openstack_core::Microversion;
use openstack_test_support::realcloud;

const WAIT: Duration = Duration::from_secs(120);

#[tokio::test]
async fn volume_snapshot_extend_delete() {
    let Some(provider) = realcloud::client("admin").await else {
        return;
    };
    if !realcloud::has("cinder") {
        return;
    }
    let cinder = openstack_blockstorage::client(&provider).expect("client");
    let cinder = cinder
        .negotiate_microversion(Microversion::new(3, 70))
        .await
        .expect("negotiate");
    assert!(cinder.microversion().is_some());

    let name = realcloud::unique_name("volume");
    let vol = volumes::create(
        &cinder,
        volumes::CreateOpts::new(1)
            .name(&name)
            .volume_type("fake")
            .metadata("a", "b"),
    )
    .await
    .expect("create");
    let id = vol.id.clone();

    let outcome = async {
        let vol = volumes::wait_for_status(&cinder, &id, volumes::Status::Available, WAIT)
            .await
            .expect("available");
        assert_eq!(vol.size, 1);
        assert_eq!(vol.name.as_deref(), Some(name.as_str()));
        assert_eq!(vol.metadata.get("a").map(String::as_str), Some("b"));

        let found: Vec<_> = volumes::list(&cinder, volumes::ListOpts::new().name(&name))
            .try_collect()
            .await
            .expect("list");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].id, id);
        let by_md: Vec<_> = volumes::list(&cinder, volumes::ListOpts::new().metadata("a", "b"))
            .try_collect()
            .await
            .expect("list by metadata");
        assert!(by_md.iter().any(|v| v.id == id));

        let described = volumes::update(&cinder, &id, volumes::UpdateOpts::new().description("d"))
            .await
            .expect("describe");
        assert_eq!(described.description.as_deref(), Some("d"));
        // Tri-state: `"description": null` clears it.
        let cleared = volumes::update(&cinder, &id, volumes::UpdateOpts::new().clear_description())
            .await
            .expect("clear");
        assert_eq!(cleared.description, None);
        assert_eq!(cleared.name.as_deref(), Some(name.as_str()));

        volumes::set_metadata_key(&cinder, &id, "k", "v")
            .await
            .expect("set key");
        assert_eq!(
            volumes::get_metadata_key(&cinder, &id, "k")
                .await
                .expect("key"),
            "v"
        );
        volumes::delete_metadata_key(&cinder, &id, "k")
            .await
            .expect("delete key");

        volumes::extend(&cinder, &id, 2).await.expect("extend");
        let extended = volumes::Status::Available;
        let mut size = 0;
        for _ in 0..60 {
            let v = volumes::wait_for_status(&cinder, &id, extended.clone(), WAIT)
                .await
                .expect("available after extend");
            size = v.size;
            if size == 2 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(500)).await;
        }
        assert_eq!(size, 2, "extended to 2 GiB");

        let snap = snapshots::create(
            &cinder,
            snapshots::CreateOpts::new(&id)
                .name(realcloud::unique_name("snap"))
                .metadata("s", "t"),
        )
        .await
        .expect("snapshot");
        let snap =
            snapshots::wait_for_status(&cinder, &snap.id, snapshots::Status::Available, WAIT)
                .await
                .expect("snapshot available");
        assert_eq!(snap.volume_id, id);
        assert_eq!(snap.size, 2);
        let listed: Vec<_> = snapshots::list(&cinder, snapshots::ListOpts::new().volume_id(&id))
            .try_collect()
            .await
            .expect("snapshots");
        assert!(listed.iter().any(|s| s.id == snap.id));
        snapshots::delete(&cinder, &snap.id)
            .await
            .expect("delete snapshot");
        snapshots::wait_for_delete(&cinder, &snap.id, WAIT)
            .await
            .expect("snapshot gone");
    }
    .await;

    volumes::delete(&cinder, &id).await.expect("delete");
    volumes::wait_for_delete(&cinder, &id, WAIT)
        .await
        .expect("deleted");
    let err = volumes::get(&cinder, &id).await.expect_err("404");
    assert!(err.is_not_found(), "{err}");
    outcome
}

#[tokio::test]
async fn types_quotas_limits_services_zones() {
    let Some(provider) = realcloud::client("admin").await else {
        return;
    };
    if !realcloud::has("cinder") {
        return;
    }
    let cinder = openstack_blockstorage::client(&provider).expect("client");
    let project = provider
        .token()
        .await
        .expect("token")
        .project
        .clone()
        .expect("project")
        .id;

    let t = volumetypes::create(
        &cinder,
        volumetypes::CreateOpts::new(realcloud::unique_name("type"))
            .description("ferrocloud test")
            .is_public(false)
            .extra_spec("k", "v"),
    )
    .await
    .expect("create type");
    async {
        assert!(!t.public());
        assert_eq!(
            volumetypes::get_extra_spec(&cinder, &t.id, "k")
                .await
                .expect("spec"),
            "v"
        );
        volumetypes::update_extra_spec(&cinder, &t.id, "k", "w")
            .await
            .expect("update spec");
        let specs = volumetypes::list_extra_specs(&cinder, &t.id)
            .await
            .expect("specs");
        assert_eq!(specs.get("k").map(String::as_str), Some("w"));
        volumetypes::add_access(&cinder, &t.id, &project)
            .await
            .expect("add access");
        let access = volumetypes::list_access(&cinder, &t.id)
            .await
            .expect("access");
        assert!(access.iter().any(|a| a.project_id == project));
        volumetypes::remove_access(&cinder, &t.id, &project)
            .await
            .expect("remove access");
        let updated = volumetypes::update(
            &cinder,
            &t.id,
            volumetypes::UpdateOpts::new().clear_description(),
        )
        .await
        .expect("update");
        assert_eq!(updated.description.as_deref().unwrap_or_default(), "");
    }
    .await;
    volumetypes::delete(&cinder, &t.id)
        .await
        .expect("delete type");

    let all: Vec<_> = volumetypes::list(&cinder, volumetypes::ListOpts::new())
        .try_collect()
        .await
        .expect("types");
    assert!(all.iter().any(|t| t.name == "fake"));
    let d = quotas::get_defaults(&cinder, &project)
        .await
        .expect("defaults");
    assert!(d.volumes != 0);
    let u = quotas::get_usage(&cinder, &project).await.expect("usage");
    assert!(u.volumes.limit != 0);
    let l = limits::get(&cinder).await.expect("limits");
    assert!(l.absolute.max_total_volumes != 0);
    let svc: Vec<_> = services::list(&cinder, services::ListOpts::new())
        .try_collect()
        .await
        .expect("services");
    assert!(svc
        .iter()
        .any(|s| s.binary == "cinder-volume" && s.state == "up"));
    let zones = availability_zones::list(&cinder).await.expect("zones");
    assert!(zones.iter().any(|z| z.zone_state.available));
}

#[tokio::test]
async fn attachment_reserve_connect_complete_delete() {
    let Some(provider) = realcloud::client("admin").await else {
        return;
    };
    if !realcloud::has("cinder") {
        return;
    }
    let cinder = openstack_blockstorage::client(&provider).expect("client");
    let vol = volumes::create(
        &cinder,
        volumes::CreateOpts::new(1)
            .name(realcloud::unique_name("attach"))
            .volume_type("fake"),
    )
    .await
    .expect("create");
    let id = vol.id.clone();
    let outcome = async {
        volumes::wait_for_status(&cinder, &id, volumes::Status::Available, WAIT)
            .await
            .expect("available");
        // Any server id: Cinder does not check it with Nova.
        let server = "8e1d2c8a-7a4c-4a53-a3c3-9c2f1f0d1e11";
        let a = attachments::create(
            &cinder,
            attachments::CreateOpts::new(&id).instance_uuid(server),
        )
        .await
        .expect("reserve");
        assert_eq!(a.status, attachments::Status::Reserved);
        let v = volumes::get(&cinder, &id).await.expect("get");
        assert_eq!(v.status, volumes::Status::Reserved);
        let mut connector = attachments::Connector::new();
        for (k, val) in [
            ("host", "ferrocloud-test"),
            ("ip", "127.0.0.1"),
            ("initiator", "iqn.1993-08.org.debian:01:ferrocloud"),
            ("platform", "x86_64"),
            ("os_type", "linux"),
        ] {
            connector.insert(k.into(), val.into());
        }
        connector.insert("multipath".into(), false.into());
        let a = attachments::update(&cinder, &a.id, &connector)
            .await
            .expect("connect");
        assert!(!a.connection_info.is_empty(), "{:?}", a.connection_info);
        attachments::complete(&cinder, &a.id)
            .await
            .expect("complete");
        let v = volumes::wait_for_status(&cinder, &id, volumes::Status::InUse, WAIT)
            .await
            .expect("in-use");
        assert_eq!(v.attachments.len(), 1);
        assert_eq!(v.attachments[0].server_id, server);
        let listed: Vec<_> =
            attachments::list(&cinder, attachments::ListOpts::new().volume_id(&id))
                .try_collect()
                .await
                .expect("list");
        assert_eq!(listed.len(), 1);
        attachments::delete(&cinder, &a.id).await.expect("detach");
        volumes::wait_for_status(&cinder, &id, volumes::Status::Available, WAIT)
            .await
            .expect("available again");
    }
    .await;
    volumes::delete(&cinder, &id).await.expect("delete");
    volumes::wait_for_delete(&cinder, &id, WAIT)
        .await
        .expect("deleted");
    outcome
}
