//! Images, data, members, tags, imports and schemas against httpmock, serving the official
//! response samples.

mod common;

use common::{catch_all, client, client_at, sample, sample_text};
use futures::TryStreamExt;
use httpmock::prelude::*;
use md5::Md5;
use openstack_core::Body;
use openstack_image::images::{self, Status, UpdateOpts, Visibility};
use openstack_image::{data, imports, members, schemas, tags};
use serde_json::json;
use sha2::Digest;

const ID: &str = "1bea47ed-f6a9-463b-b423-14b9cca9ad27";

#[tokio::test]
async fn get_decodes_sample_and_custom_properties() {
    let server = MockServer::start_async().await;
    let m = server
        .mock_async(|when, then| {
            when.method(GET).path(format!("/v2/images/{ID}"));
            then.status(200)
                .body(sample_text("image-show-response.json"));
        })
        .await;
    let custom = server
        .mock_async(|when, then| {
            when.method(GET).path("/v2/images/custom");
            then.status(200)
                .json_body(json!({"id": "custom", "status": "uploading",
                "visibility": "community", "size": "42", "virtual_size": null,
                "hw_disk_bus": "scsi", "os_distro": "cirros", "min_ram": null}));
        })
        .await;
    let c = catch_all(&server).await;
    let cl = client(&server);
    let i = images::get(&cl, ID).await.expect("get");
    assert_eq!(i.status, Status::Active);
    assert_eq!(i.visibility, Visibility::Public);
    assert_eq!(i.size, Some(13_167_616));
    assert_eq!(i.virtual_size, None);
    assert_eq!(i.os_hash_algo.as_deref(), Some("sha512"));
    assert_eq!(
        i.checksum.as_deref(),
        Some("64d7c1cd2b6f60c92c14662941cb7913")
    );
    assert_eq!(
        i.self_link.as_deref(),
        Some(format!("/v2/images/{ID}").as_str())
    );
    assert!(i.properties.is_empty(), "{:?}", i.properties);
    assert_eq!(i.created_at.expect("created").year(), 2014);
    let c2 = images::get(&cl, "custom").await.expect("custom");
    assert_eq!(c2.status, Status::Uploading);
    assert_eq!(c2.visibility, Visibility::Community);
    assert_eq!(c2.size, Some(42));
    assert_eq!(c2.min_ram, 0);
    assert_eq!(c2.property("hw_disk_bus"), Some("scsi"));
    assert_eq!(c2.properties.len(), 2);
    m.assert_async().await;
    custom.assert_async().await;
    assert_eq!(c.calls_async().await, 0);
}

#[tokio::test]
async fn list_follows_relative_next_under_a_path_prefix() {
    let server = MockServer::start_async().await;
    let list = sample("images-list-response.json");
    let imgs = list["images"].as_array().expect("images").clone();
    let first = json!({"images": [imgs[0].clone()], "first": "/v2/images",
        "schema": "/v2/schemas/images",
        "next": format!("/v2/images?limit=1&marker={}&visibility=public", imgs[0]["id"].as_str().expect("id"))});
    let second = json!({"images": [imgs[1].clone()], "schema": "/v2/schemas/images"});
    let p2 = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/image/v2/images")
                .query_param("marker", imgs[0]["id"].as_str().expect("id"));
            then.status(200).json_body(second.clone());
        })
        .await;
    let p1 = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/image/v2/images")
                .query_param("visibility", "public")
                .query_param("limit", "1");
            then.status(200).json_body(first.clone());
        })
        .await;
    let c = catch_all(&server).await;
    let cl = client_at(&server, "/image");
    assert_eq!(cl.endpoint().as_str(), server.url("/image/v2/"));
    let got: Vec<_> = images::list(
        &cl,
        images::ListOpts::new()
            .visibility(Visibility::Public)
            .limit(1),
    )
    .try_collect()
    .await
    .expect("list");
    assert_eq!(got.len(), 2);
    assert_eq!(got[1].name.as_deref(), Some("F17-x86_64-cfntools"));
    p1.assert_async().await;
    p2.assert_async().await;
    assert_eq!(c.calls_async().await, 0);
}

#[tokio::test]
async fn create_update_delete() {
    let server = MockServer::start_async().await;
    let create = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/v2/images")
                .json_body(sample("image-create-request.json"));
            then.status(201)
                .body(sample_text("image-create-response.json"));
        })
        .await;
    let patch = server
        .mock_async(|when, then| {
            when.method(PATCH)
                .path("/v2/images/u")
                .header(
                    "content-type",
                    "application/openstack-images-v2.1-json-patch",
                )
                .json_body(sample("image-update-request.json"));
            then.status(200)
                .body(sample_text("image-update-response.json"));
        })
        .await;
    let del = server
        .mock_async(|when, then| {
            when.method(DELETE).path("/v2/images/u");
            then.status(204);
        })
        .await;
    let missing = server
        .mock_async(|when, then| {
            when.method(GET).path("/v2/images/u");
            then.status(404)
                .header("content-type", "text/html; charset=UTF-8")
                .body("<html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1>No image found with ID u<br /><br /></body></html>");
        })
        .await;
    let deact = server
        .mock_async(|when, then| {
            when.method(POST).path("/v2/images/u/actions/deactivate");
            then.status(204);
        })
        .await;
    let c = catch_all(&server).await;
    let cl = client(&server);
    let created = images::create(
        &cl,
        images::CreateOpts::new("Ubuntu")
            .container_format("bare")
            .disk_format("raw")
            .id("b2173dd3-7ad6-4362-baa6-a68bce3565cb"),
    )
    .await
    .expect("create");
    assert_eq!(created.status, Status::Queued);
    let updated = images::update(
        &cl,
        "u",
        UpdateOpts::new()
            .name("Fedora 17")
            .tags(["fedora", "beefy"]),
    )
    .await
    .expect("update");
    assert_eq!(updated.name.as_deref(), Some("Fedora 17"));
    assert_eq!(updated.tags, ["beefy", "fedora"]);
    images::deactivate(&cl, "u").await.expect("deactivate");
    images::delete(&cl, "u").await.expect("delete");
    let err = images::get(&cl, "u").await.expect_err("404");
    assert!(err.is_not_found());
    assert!(
        err.api_message()
            .unwrap_or_default()
            .contains("No image found"),
        "{:?}",
        err.api_message()
    );
    for m in [&create, &patch, &del, &missing, &deact] {
        m.assert_async().await;
    }
    assert_eq!(c.calls_async().await, 0);
}

#[tokio::test]
async fn upload_streams_and_download_verifies() {
    let server = MockServer::start_async().await;
    // ASCII, so httpmock's body matcher can compare it as text.
    let payload: Vec<u8> = (0..200_000u32).map(|i| b'a' + (i % 26) as u8).collect();
    let md5 = hex::encode(Md5::digest(&payload));
    let sha = hex::encode(sha2::Sha512::digest(&payload));
    let up = server
        .mock_async(|when, then| {
            when.method(PUT)
                .path("/v2/images/d/file")
                .header("content-type", "application/octet-stream")
                .body(String::from_utf8(payload.clone()).expect("ascii"));
            then.status(204);
        })
        .await;
    let show = server
        .mock_async(|when, then| {
            when.method(GET).path("/v2/images/d");
            then.status(200)
                .json_body(json!({"id": "d", "status": "active",
                "checksum": md5, "os_hash_algo": "sha512", "os_hash_value": sha,
                "size": payload.len()}));
        })
        .await;
    let file = server
        .mock_async(|when, then| {
            when.method(GET).path("/v2/images/d/file");
            then.status(200)
                .header("content-type", "application/octet-stream")
                .header("content-md5", &md5)
                .body(payload.clone());
        })
        .await;
    let corrupt = server
        .mock_async(|when, then| {
            when.method(GET).path("/v2/images/bad/file");
            then.status(200)
                .header("content-md5", &md5)
                .body(b"not the image");
        })
        .await;
    let c = catch_all(&server).await;
    let cl = client(&server);
    let chunks: Vec<Result<bytes::Bytes, std::io::Error>> = payload
        .chunks(64 * 1024)
        .map(|c| Ok(bytes::Bytes::copy_from_slice(c)))
        .collect();
    data::upload(&cl, "d", Body::from_stream(futures::stream::iter(chunks)))
        .await
        .expect("upload");
    let dl = data::download(&cl, "d").await.expect("download");
    assert!(dl.verifies_hash() && dl.verifies_md5());
    assert_eq!(dl.content_length(), Some(payload.len() as u64));
    let got = dl.collect_bytes().await.expect("verified");
    assert_eq!(got.as_ref(), payload.as_slice());
    // No checksums given: the Content-MD5 header is still checked.
    let bad = data::download_with(&cl, "bad", data::Checksums::none())
        .await
        .expect("response");
    assert!(bad.verifies_md5());
    let err = bad.collect_bytes().await.expect_err("md5 mismatch");
    assert_eq!(err.kind(), openstack_core::ErrorKind::Body);
    for m in [&up, &show, &file, &corrupt] {
        m.assert_async().await;
    }
    assert_eq!(c.calls_async().await, 0);
}

#[tokio::test]
async fn members_tags_imports_schemas() {
    let server = MockServer::start_async().await;
    let mc = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/v2/images/i/members")
                .json_body(json!({"member": "8989447062e04a818baf9e073fd04fa7"}));
            then.status(200)
                .body(sample_text("image-member-create-response.json"));
        })
        .await;
    let ml = server
        .mock_async(|when, then| {
            when.method(GET).path("/v2/images/i/members");
            then.status(200)
                .body(sample_text("image-members-list-response.json"));
        })
        .await;
    let mg = server
        .mock_async(|when, then| {
            when.method(GET).path("/v2/images/i/members/m");
            then.status(200)
                .body(sample_text("image-member-details-response.json"));
        })
        .await;
    let mu = server
        .mock_async(|when, then| {
            when.method(PUT)
                .path("/v2/images/i/members/m")
                .json_body(json!({"status": "accepted"}));
            then.status(200)
                .body(sample_text("image-member-update-response.json"));
        })
        .await;
    let md = server
        .mock_async(|when, then| {
            when.method(DELETE).path("/v2/images/i/members/m");
            then.status(204);
        })
        .await;
    let ta = server
        .mock_async(|when, then| {
            when.method(PUT).path("/v2/images/i/tags/x");
            then.status(204);
        })
        .await;
    let td = server
        .mock_async(|when, then| {
            when.method(DELETE).path("/v2/images/i/tags/x");
            then.status(204);
        })
        .await;
    let imp = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/v2/images/i/import")
                .json_body(json!({"method": {"name": "web-download", "uri": "http://x/img"}}));
            then.status(202);
        })
        .await;
    let info = server
        .mock_async(|when, then| {
            when.method(GET).path("/v2/info/import");
            then.status(200)
                .body(sample_text("image-info-import-response.json"));
        })
        .await;
    let stores = server
        .mock_async(|when, then| {
            when.method(GET).path("/v2/info/stores");
            then.status(200)
                .body(sample_text("stores-list-response.json"));
        })
        .await;
    let schema = server
        .mock_async(|when, then| {
            when.method(GET).path("/v2/schemas/image");
            then.status(200)
                .body(sample_text("schemas-image-show-response.json"));
        })
        .await;
    let schemas_list = server
        .mock_async(|when, then| {
            when.method(GET).path("/v2/schemas/images");
            then.status(200)
                .body(sample_text("schemas-images-list-response.json"));
        })
        .await;
    let c = catch_all(&server).await;
    let cl = client(&server);
    let m = members::create(&cl, "i", "8989447062e04a818baf9e073fd04fa7")
        .await
        .expect("create");
    assert_eq!(m.status, members::MemberStatus::Pending);
    let all = members::list(&cl, "i").await.expect("list");
    assert_eq!(all.len(), 2);
    assert_eq!(all[1].status, members::MemberStatus::Accepted);
    members::get(&cl, "i", "m").await.expect("get");
    let m = members::update(&cl, "i", "m", members::MemberStatus::Accepted)
        .await
        .expect("update");
    assert_eq!(m.status, members::MemberStatus::Accepted);
    members::delete(&cl, "i", "m").await.expect("delete");
    tags::add(&cl, "i", "x").await.expect("tag");
    tags::delete(&cl, "i", "x").await.expect("untag");
    imports::import(&cl, "i", imports::ImportOpts::web_download("http://x/img"))
        .await
        .expect("import");
    let i = imports::get_import_info(&cl).await.expect("info");
    assert_eq!(i.import_methods.value, ["glance-direct", "web-download"]);
    let s = imports::list_stores(&cl).await.expect("stores");
    assert_eq!(s.len(), 4);
    assert!(s[1].default);
    assert!(s[3].read_only);
    let sc = schemas::image(&cl).await.expect("schema");
    assert_eq!(sc.name, "image");
    assert!(sc.properties.contains_key("os_hash_value"));
    let sl = schemas::images(&cl).await.expect("schemas");
    assert_eq!(sl.name, "images");
    for m in [
        &mc,
        &ml,
        &mg,
        &mu,
        &md,
        &ta,
        &td,
        &imp,
        &info,
        &stores,
        &schema,
        &schemas_list,
    ] {
        m.assert_async().await;
    }
    assert_eq!(c.calls_async().await, 0);
}
