//! The Rackspace wrappers that are plain OpenStack, against the real local Swift: Cloud
//! Files' bulk operations (`files::bulk`: archive extraction and bulk delete) through
//! `files::client_with`. Rackspace-only APIs (API-key Identity, the CDN, `os-networksv2`,
//! virtual interfaces, Cinder v1) have no local service and are covered by httpmock.

use futures::TryStreamExt;
use openstack_core::{EndpointOpts, ErrorKind};
use openstack_objectstore::containers;
use openstack_objectstore::objects::{self, ListOpts};
use openstack_test_support::realcloud;
use rackspace_ext::files::{self, bulk};

/// A one-file-per-entry ustar archive (what Swift's `extract-archive` reads).
fn tar(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    for (name, data) in entries {
        let mut h = [0u8; 512];
        h[..name.len()].copy_from_slice(name.as_bytes());
        h[100..108].copy_from_slice(b"0000644\0");
        h[108..116].copy_from_slice(b"0000000\0");
        h[116..124].copy_from_slice(b"0000000\0");
        h[124..136].copy_from_slice(format!("{:011o}\0", data.len()).as_bytes());
        h[136..148].copy_from_slice(b"14000000000\0");
        h[148..156].copy_from_slice(b"        ");
        h[156] = b'0';
        h[257..263].copy_from_slice(b"ustar\0");
        h[263..265].copy_from_slice(b"00");
        let sum: u32 = h.iter().map(|b| u32::from(*b)).sum();
        h[148..156].copy_from_slice(format!("{sum:06o}\0 ").as_bytes());
        out.extend_from_slice(&h);
        out.extend_from_slice(data);
        out.resize(out.len().div_ceil(512) * 512, 0);
    }
    out.resize(out.len() + 1024, 0);
    out
}

#[tokio::test]
async fn bulk_extract_and_delete_through_the_files_wrapper() {
    let Some(provider) = realcloud::client("admin").await else {
        return;
    };
    if !realcloud::has("swift") {
        eprintln!("SKIPPED: swift is not running");
        return;
    }
    // The local catalog names Swift `swift`, not `cloudFiles`: the Rackspace-named client
    // says so, and client_with takes the plain type.
    let e = files::client(&provider).expect_err("no cloudFiles here");
    assert_eq!(e.kind(), ErrorKind::EndpointNotFound);
    assert!(e.to_string().contains("cloudFiles"), "{e}");
    let swift = files::client_with(&provider, EndpointOpts::new(files::SERVICE_TYPE))
        .expect("object-store");

    let container = realcloud::unique_name("rax-bulk");
    containers::create(&swift, &container, containers::CreateOpts::new())
        .await
        .expect("container");
    let archive = tar(&[
        ("index.html", b"<h1>hi</h1>"),
        ("img/logo.svg", b"<svg/>"),
        ("img/a b.txt", b"spaces"),
    ]);
    let extracted =
        bulk::extract_archive(&swift, Some(&container), bulk::ArchiveFormat::Tar, archive).await;
    let names: Vec<String> = objects::list_names(&swift, &container, ListOpts::new())
        .try_collect()
        .await
        .unwrap_or_default();

    // Clean up whatever happened, then check.
    let mut items: Vec<(String, String)> = names
        .iter()
        .map(|n| (container.clone(), n.clone()))
        .collect();
    items.push((container.clone(), String::new()));
    let deleted = bulk::bulk_delete(&swift, items).await;
    let gone = containers::get(&swift, &container).await;

    let extracted = extracted.expect("extract-archive");
    assert!(extracted.is_success(), "{extracted:?}");
    assert_eq!(extracted.number_files_created, 3);
    let mut names = names;
    names.sort();
    assert_eq!(names, ["img/a b.txt", "img/logo.svg", "index.html"]);
    let deleted = deleted.expect("bulk-delete");
    assert!(deleted.is_success(), "{deleted:?}");
    assert_eq!(deleted.number_deleted, 4, "three objects and the container");
    assert!(gone.expect_err("deleted").is_not_found());
}
