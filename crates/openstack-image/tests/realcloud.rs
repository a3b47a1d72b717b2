//! Glance 33 (file store) started by `cargo xtask realcloud up`: the image life cycle with
//! streamed upload and verified streamed download, JSON Patch updates, sharing with the demo
//! project, and deletion.

use bytes::Bytes;
use futures::TryStreamExt;
use md5::Md5;
use openstack_core::Body;
use openstack_image::images::{self, CreateOpts, Status, UpdateOpts, Visibility};
use openstack_image::{data, imports, members, schemas, tags};
use openstack_test_support::realcloud;
use sha2::Digest;
use std::time::Duration;

/// Deterministic pseudo-random bytes (xorshift), `n` of them in 64 KiB chunks.
fn chunks(n: usize, seed: u64) -> Vec<Bytes> {
    let mut x = seed | 1;
    let mut out = Vec::new();
    let mut left = n;
    while left > 0 {
        let len = left.min(64 * 1024);
        let mut c = Vec::with_capacity(len);
        while c.len() < len {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            c.extend_from_slice(&x.to_le_bytes()[..(len - c.len()).min(8)]);
        }
        out.push(Bytes::from(c));
        left -= len;
    }
    out
}

#[tokio::test]
async fn image_life_cycle() {
    let Some(provider) = realcloud::client("admin").await else {
        return;
    };
    if !realcloud::has("glance") {
        return;
    }
    let Some(demo_provider) = realcloud::client("demo").await else {
        return;
    };
    let glance = openstack_image::client(&provider).expect("image client");
    let demo = openstack_image::client(&demo_provider).expect("demo image client");
    let demo_project = demo_provider
        .token()
        .await
        .expect("demo token")
        .project
        .clone()
        .expect("demo project")
        .id;

    let name = realcloud::unique_name("image");
    let image = images::create(
        &glance,
        CreateOpts::new(&name)
            .disk_format("raw")
            .container_format("bare")
            .tags(["ferrocloud"])
            .property("os_distro", "cirros"),
    )
    .await
    .expect("create");
    let id = image.id.clone();
    assert_eq!(image.status, Status::Queued);
    assert_eq!(image.property("os_distro"), Some("cirros"));
    assert!(image.size.is_none());

    let result = async {
        // A few MiB, streamed: the body is a stream of 64 KiB chunks, never one buffer.
        let parts = chunks(3 * 1024 * 1024 + 17, 42);
        let mut md5 = Md5::new();
        let mut sha = sha2::Sha512::new();
        for p in &parts {
            md5.update(p);
            sha.update(p);
        }
        let (md5, sha) = (hex::encode(md5.finalize()), hex::encode(sha.finalize()));
        let total: usize = parts.iter().map(Bytes::len).sum();
        let stream = futures::stream::iter(parts.clone().into_iter().map(Ok::<_, std::io::Error>));
        data::upload(&glance, &id, Body::from_stream(stream))
            .await
            .expect("upload");
        let active = images::wait_for_status(&glance, &id, Status::Active, Duration::from_secs(60))
            .await
            .expect("active");
        assert_eq!(active.size, Some(total as u64));
        assert_eq!(active.checksum.as_deref(), Some(md5.as_str()));
        assert_eq!(active.os_hash_algo.as_deref(), Some("sha512"));
        assert_eq!(active.os_hash_value.as_deref(), Some(sha.as_str()));

        // Download: byte-identical, and verified while streaming.
        let dl = data::download_image(&glance, &active)
            .await
            .expect("download");
        assert!(dl.verifies_hash() && dl.verifies_md5());
        let got = dl.collect_bytes().await.expect("verified download");
        assert_eq!(got.len(), total);
        assert!(
            got.as_ref() == parts.concat().as_slice(),
            "downloaded bytes differ"
        );
        // A wrong expected digest makes the stream fail at its end.
        let bad = data::download_with(
            &glance,
            &id,
            data::Checksums::none().hash("sha512", "00".repeat(64)),
        )
        .await
        .expect("download");
        assert!(
            bad.collect_bytes().await.is_err(),
            "mismatch must be reported"
        );

        // JSON Patch update.
        let updated = images::update(
            &glance,
            &id,
            UpdateOpts::new()
                .name(format!("{name}-renamed"))
                .min_ram(64)
                .property("hw_disk_bus", "scsi")
                .remove_property("os_distro")
                .visibility(Visibility::Shared),
        )
        .await
        .expect("update");
        assert_eq!(
            updated.name.as_deref(),
            Some(format!("{name}-renamed").as_str())
        );
        assert_eq!(updated.min_ram, 64);
        assert_eq!(updated.property("hw_disk_bus"), Some("scsi"));
        assert_eq!(updated.property("os_distro"), None);
        assert_eq!(updated.visibility, Visibility::Shared);
        tags::add(&glance, &id, "extra").await.expect("tag");
        let tagged = images::get(&glance, &id).await.expect("get");
        assert!(tagged.tags.contains(&"extra".to_owned()));

        // Share with demo; demo accepts.
        let m = members::create(&glance, &id, &demo_project)
            .await
            .expect("member");
        assert_eq!(m.status, members::MemberStatus::Pending);
        let m = members::update(&demo, &id, &demo_project, members::MemberStatus::Accepted)
            .await
            .expect("accept");
        assert_eq!(m.status, members::MemberStatus::Accepted);
        let listed = members::list(&glance, &id).await.expect("members");
        assert_eq!(listed.len(), 1);
        let seen = images::get(&demo, &id).await.expect("demo sees the image");
        assert_eq!(seen.id, id);
        let shared: Vec<_> = images::list(
            &demo,
            images::ListOpts::new()
                .visibility(Visibility::Shared)
                .member_status(members::MemberStatus::Accepted),
        )
        .try_collect()
        .await
        .expect("demo list");
        assert!(shared.iter().any(|i| i.id == id));

        // Listing with a page size follows Glance's relative `next` links.
        let page: Vec<_> = images::list(&glance, images::ListOpts::new().sort("name:asc"))
            .page_size(1)
            .try_collect()
            .await
            .expect("paged list");
        assert!(page.iter().any(|i| i.id == id));

        let schema = schemas::image(&glance).await.expect("schema");
        assert_eq!(schema.name, "image");
        assert!(schema.properties.contains_key("visibility"));
        let info = imports::get_import_info(&glance)
            .await
            .expect("info/import");
        assert!(info
            .import_methods
            .value
            .iter()
            .any(|m| m == "glance-direct"));
    }
    .await;

    images::delete(&glance, &id).await.expect("delete");
    let err = images::get(&glance, &id).await.expect_err("gone");
    assert!(err.is_not_found(), "{err}");
    result
}

#[tokio::test]
async fn glance_direct_import() {
    let Some(provider) = realcloud::client("admin").await else {
        return;
    };
    if !realcloud::has("glance") {
        return;
    }
    let glance = openstack_image::client(&provider).expect("image client");
    let image = images::create(
        &glance,
        CreateOpts::new(realcloud::unique_name("import"))
            .disk_format("raw")
            .container_format("bare"),
    )
    .await
    .expect("create");
    let id = image.id.clone();
    let parts = chunks(256 * 1024, 7);
    let stream = futures::stream::iter(parts.clone().into_iter().map(Ok::<_, std::io::Error>));
    let outcome = async {
        data::stage(&glance, &id, Body::from_stream(stream))
            .await
            .expect("stage");
        imports::import(&glance, &id, imports::ImportOpts::glance_direct())
            .await
            .expect("import");
        let active = images::wait_for_status(&glance, &id, Status::Active, Duration::from_secs(60))
            .await
            .expect("active");
        let got = data::download_image(&glance, &active)
            .await
            .expect("download")
            .collect_bytes()
            .await
            .expect("verified");
        assert!(got.as_ref() == parts.concat().as_slice());
    }
    .await;
    images::delete(&glance, &id).await.expect("delete");
    outcome
}
