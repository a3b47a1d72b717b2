//! The typed service crates, through the umbrella, against the in-process emulator: each
//! crate's main flow end to end over real HTTP.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use ferrocloud::compute::{actions, flavors, keypairs, servers, volume_attachments};
use ferrocloud::objectstore::{containers, objects};
use ferrocloud::{blockstorage, image, network, ProviderClient};
use futures::TryStreamExt;
use openstack_emulator::Emulator;

async fn cloud() -> (Emulator, ProviderClient) {
    let emu = Emulator::builder()
        .server_build_delay(Duration::from_millis(50))
        .volume_delay(Duration::from_millis(20))
        .start()
        .await
        .unwrap();
    let p = ProviderClient::authenticate(emu.auth_options())
        .await
        .unwrap();
    (emu, p)
}

#[tokio::test]
async fn compute_servers_actions_keypairs() {
    let (_emu, p) = cloud().await;
    let compute = ferrocloud::compute::client(&p)
        .unwrap()
        .negotiate_microversion(ferrocloud::Microversion::new(2, 100))
        .await
        .unwrap();
    assert_eq!(compute.microversion().unwrap().to_string(), "2.96");
    let flavor = flavors::list(&compute, flavors::ListOpts::new())
        .try_collect_all()
        .await
        .unwrap()
        .into_iter()
        .find(|f| f.name == "m1.tiny")
        .unwrap();
    let glance = image::client(&p).unwrap();
    let img = image::images::list(&glance, image::images::ListOpts::new())
        .try_collect_all()
        .await
        .unwrap()
        .remove(0);
    // From 2.92 Nova no longer generates key pairs: import one.
    let kp = keypairs::import(
        &compute,
        "kp",
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDZJ3pDw0iWDZMNGGsb5uIj8b/7mXHcWUGc38eqHUQ5p t@x",
    )
    .await
    .unwrap();
    assert_eq!(kp.name, "kp");
    let created = servers::create(
        &compute,
        servers::CreateOpts::new("typed", flavor.id.clone())
            .image_ref(img.id.clone())
            .key_name("kp")
            .networks(servers::Networks::Auto),
    )
    .await
    .unwrap();
    let s = servers::wait_for_status_with(
        &compute,
        &created.id,
        servers::Status::Active,
        ferrocloud::wait::Waiter::new(Duration::from_secs(10))
            .initial_delay(Duration::from_millis(20)),
    )
    .await
    .unwrap();
    assert_eq!(s.name, "typed");
    actions::stop(&compute, &s.id).await.unwrap();
    assert_eq!(
        servers::get(&compute, &s.id).await.unwrap().status,
        servers::Status::Shutoff
    );
    let err = actions::stop(&compute, &s.id).await.unwrap_err();
    assert!(err.is_conflict(), "{err:?}");
    actions::start(&compute, &s.id).await.unwrap();
    actions::reboot(&compute, &s.id, actions::RebootType::Hard)
        .await
        .unwrap();
    let s = servers::wait_for_status_with(
        &compute,
        &s.id,
        servers::Status::Active,
        ferrocloud::wait::Waiter::new(Duration::from_secs(10))
            .initial_delay(Duration::from_millis(20)),
    )
    .await
    .unwrap();
    let rebuilt = actions::rebuild(
        &compute,
        &s.id,
        actions::RebuildOpts::new(img.id.clone()).name("rebuilt"),
    )
    .await
    .unwrap();
    assert_eq!(rebuilt.name, "rebuilt");
    // Attach a Cinder volume: in-use, then available again after the detach.
    let cinder = blockstorage::client(&p).unwrap();
    let vol = blockstorage::volumes::create(&cinder, blockstorage::volumes::CreateOpts::new(1))
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(60)).await;
    let att = volume_attachments::attach(
        &compute,
        &s.id,
        volume_attachments::AttachOpts::new(vol.id.clone()),
    )
    .await
    .unwrap();
    assert_eq!(att.volume_id, vol.id);
    assert_eq!(att.device.as_deref(), Some("/dev/vdb"));
    let v = blockstorage::volumes::get(&cinder, &vol.id).await.unwrap();
    assert_eq!(v.status, blockstorage::volumes::Status::InUse);
    volume_attachments::detach(&compute, &s.id, &vol.id)
        .await
        .unwrap();
    let v = blockstorage::volumes::get(&cinder, &vol.id).await.unwrap();
    assert_eq!(v.status, blockstorage::volumes::Status::Available);
    let listed = servers::list(&compute, servers::ListOpts::new())
        .try_collect_all()
        .await
        .unwrap();
    assert_eq!(listed.len(), 1);
    servers::delete(&compute, &s.id).await.unwrap();
    servers::wait_for_delete_with(
        &compute,
        &s.id,
        ferrocloud::wait::Waiter::new(Duration::from_secs(10))
            .initial_delay(Duration::from_millis(20)),
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn network_objectstore_blockstorage_image() {
    let (_emu, p) = cloud().await;
    // Neutron.
    let neutron = network::client(&p).unwrap();
    let net = network::networks::create(
        &neutron,
        network::networks::CreateOpts::new().name("typed-net"),
    )
    .await
    .unwrap();
    let subnet = network::subnets::create(
        &neutron,
        network::subnets::CreateOpts::new(net.id.clone(), network::subnets::IpVersion::V4)
            .cidr("10.9.0.0/24"),
    )
    .await
    .unwrap();
    assert_eq!(subnet.gateway_ip.as_deref(), Some("10.9.0.1"));
    let port = network::ports::create(&neutron, network::ports::CreateOpts::new(net.id.clone()))
        .await
        .unwrap();
    assert_eq!(port.fixed_ips[0].ip_address, "10.9.0.2");
    let nets = network::networks::list(&neutron, network::networks::ListOpts::new())
        .try_collect_all()
        .await
        .unwrap();
    assert!(nets.iter().any(|n| n.name == "typed-net"));

    // Swift.
    let swift = ferrocloud::objectstore::client(&p).unwrap();
    containers::create(&swift, "typed", containers::CreateOpts::new())
        .await
        .unwrap();
    let up = objects::upload(
        &swift,
        "typed",
        "dir/a b.txt",
        "payload",
        objects::UploadOpts::new(),
    )
    .await
    .unwrap();
    assert_eq!(up.etag, "321c3cf486ed509164edec1e1981fec8");
    let got = objects::download(&swift, "typed", "dir/a b.txt", objects::DownloadOpts::new())
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(&got[..], b"payload");
    let names: Vec<String> = objects::list(&swift, "typed", objects::ListOpts::new())
        .map_ok(|e| e.name().to_owned())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(names, ["dir/a b.txt"]);
    assert!(containers::is_not_empty_error(
        &containers::delete(&swift, "typed").await.unwrap_err()
    ));
    objects::delete(&swift, "typed", "dir/a b.txt")
        .await
        .unwrap();
    containers::delete(&swift, "typed").await.unwrap();

    // Cinder.
    let cinder = blockstorage::client(&p).unwrap();
    let vol = blockstorage::volumes::create(
        &cinder,
        blockstorage::volumes::CreateOpts::new(1).name("typed-vol"),
    )
    .await
    .unwrap();
    let vol = blockstorage::volumes::wait_for_status_with(
        &cinder,
        &vol.id,
        blockstorage::volumes::Status::Available,
        ferrocloud::wait::Waiter::new(Duration::from_secs(10))
            .initial_delay(Duration::from_millis(20)),
    )
    .await
    .unwrap();
    blockstorage::volumes::extend(&cinder, &vol.id, 3)
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(60)).await;
    assert_eq!(
        blockstorage::volumes::get(&cinder, &vol.id)
            .await
            .unwrap()
            .size,
        3
    );
    blockstorage::volumes::delete(&cinder, &vol.id)
        .await
        .unwrap();
    blockstorage::volumes::wait_for_delete_with(
        &cinder,
        &vol.id,
        ferrocloud::wait::Waiter::new(Duration::from_secs(10))
            .initial_delay(Duration::from_millis(20)),
    )
    .await
    .unwrap();

    // Glance.
    let glance = image::client(&p).unwrap();
    let img = image::images::create(
        &glance,
        image::images::CreateOpts::new("typed-img")
            .disk_format("raw")
            .container_format("bare"),
    )
    .await
    .unwrap();
    image::data::upload(&glance, &img.id, &b"IMAGE BYTES"[..])
        .await
        .unwrap();
    let img = image::images::get(&glance, &img.id).await.unwrap();
    assert_eq!(img.status, image::images::Status::Active);
    let data = image::data::download_image(&glance, &img)
        .await
        .unwrap()
        .collect_bytes()
        .await
        .unwrap();
    assert_eq!(&data[..], b"IMAGE BYTES");
    image::images::delete(&glance, &img.id).await.unwrap();
}
