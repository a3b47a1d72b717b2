//! Request-shape tests (no I/O), bodies compared with the official request samples.

mod common;

use common::sample;
use openstack_image::images::{self, CreateOpts, UpdateOpts, Visibility};
use openstack_image::{data, imports, members, tags};

#[test]
fn create_matches_sample() {
    let r = images::create_request(
        &CreateOpts::new("Ubuntu")
            .container_format("bare")
            .disk_format("raw")
            .id("b2173dd3-7ad6-4362-baa6-a68bce3565cb"),
    )
    .expect("req");
    assert_eq!(r.method(), "POST");
    assert_eq!(r.path(), "images");
    assert_eq!(
        r.json_body().expect("json"),
        sample("image-create-request.json")
    );
    // Custom properties are top-level members.
    let r =
        images::create_request(&CreateOpts::new("x").property("os_distro", "cirros")).expect("req");
    assert_eq!(
        r.json_body().expect("json"),
        serde_json::json!({"name": "x", "os_distro": "cirros"})
    );
}

#[test]
fn update_matches_sample() {
    let r = images::update_request(
        "i",
        &UpdateOpts::new()
            .name("Fedora 17")
            .tags(["fedora", "beefy"]),
    )
    .expect("req");
    assert_eq!(r.method(), "PATCH");
    assert_eq!(r.path(), "images/i");
    assert_eq!(
        r.headers()["content-type"],
        "application/openstack-images-v2.1-json-patch"
    );
    assert_eq!(
        r.json_body().expect("json"),
        sample("image-update-request.json")
    );
}

#[test]
fn update_builds_every_op() {
    let r = images::update_request(
        "i",
        &UpdateOpts::new()
            .visibility(Visibility::Community)
            .protected(true)
            .min_disk(1)
            .min_ram(2)
            .clear_name()
            .replace_property("a", "b")
            .remove_property("c"),
    )
    .expect("req");
    assert_eq!(
        r.json_body().expect("json"),
        serde_json::json!([
            {"op": "replace", "path": "/visibility", "value": "community"},
            {"op": "replace", "path": "/protected", "value": true},
            {"op": "replace", "path": "/min_disk", "value": 1},
            {"op": "replace", "path": "/min_ram", "value": 2},
            {"op": "replace", "path": "/name", "value": null},
            {"op": "replace", "path": "/a", "value": "b"},
            {"op": "remove", "path": "/c"}
        ])
    );
}

#[test]
fn import_requests_match_samples() {
    let r = imports::import_request(
        "i",
        &imports::ImportOpts::glance_direct()
            .stores(["common", "cheap", "fast", "reliable"])
            .all_stores_must_succeed(false),
    )
    .expect("req");
    assert_eq!(r.path(), "images/i/import");
    assert_eq!(
        r.json_body().expect("json"),
        sample("image-import-g-d-request.json")
    );
    let r = imports::import_request(
        "i",
        &imports::ImportOpts::web_download(
            "https://download.cirros-cloud.net/0.4.0/cirros-0.4.0-ppc64le-disk.img",
        )
        .all_stores(true)
        .all_stores_must_succeed(true),
    )
    .expect("req");
    assert_eq!(
        r.json_body().expect("json"),
        sample("image-import-w-d-request.json")
    );
    let r = imports::import_request(
        "i",
        &imports::ImportOpts::copy_image()
            .stores(["common", "cheap", "fast", "reliable"])
            .all_stores_must_succeed(false)
            .all_stores(false),
    )
    .expect("req");
    assert_eq!(
        r.json_body().expect("json"),
        sample("image-import-c-i-request.json")
    );
    let r = imports::import_request(
        "i",
        &imports::ImportOpts::glance_download("c4705b36-b281-40f6-a01d-bf98883ead8e", "REGION2")
            .glance_service_interface("public"),
    )
    .expect("req");
    assert_eq!(
        r.json_body().expect("json"),
        sample("image-import-gd-request.json")
    );
}

#[test]
fn member_requests_match_samples() {
    let r = members::create_request("i", "8989447062e04a818baf9e073fd04fa7").expect("req");
    assert_eq!(r.path(), "images/i/members");
    assert_eq!(
        r.json_body().expect("json"),
        sample("image-member-create-request.json")
    );
    let r = members::update_request("i", "m", &members::MemberStatus::Accepted).expect("req");
    assert_eq!(r.method(), "PUT");
    assert_eq!(r.path(), "images/i/members/m");
    assert_eq!(
        r.json_body().expect("json"),
        sample("image-member-update-request.json")
    );
}

#[test]
fn data_and_tag_requests() {
    let r = data::upload_request("i", bytes::Bytes::from_static(b"abc")).expect("req");
    assert_eq!(r.method(), "PUT");
    assert_eq!(r.path(), "images/i/file");
    assert_eq!(r.headers()["content-type"], "application/octet-stream");
    let r = data::stage_request("i", "x").expect("req");
    assert_eq!(r.path(), "images/i/stage");
    assert_eq!(data::download_request("i").path(), "images/i/file");
    assert_eq!(tags::add_request("i", "a b").path(), "images/i/tags/a%20b");
    assert_eq!(tags::delete_request("i", "t").method(), "DELETE");
    assert_eq!(
        images::deactivate_request("i").path(),
        "images/i/actions/deactivate"
    );
}
