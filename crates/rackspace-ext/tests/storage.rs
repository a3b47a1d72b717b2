//! Cloud Block Storage (Cinder v1) and Cloud Files (Swift) wrappers against httpmock:
//! endpoint versioning, the SATA/SSD types, bulk delete, and a container published on the
//! CDN in one call.

mod common;

use common::{catch_all, CBS_VOLUMES, CBS_VOLUME_TYPES};
use futures::TryStreamExt;
use httpmock::prelude::*;
use openstack_blockstorage::v1::volumes;
use openstack_core::ProviderClient;
use rackspace_ext::{block_storage, cdn, files};

const FILES: &str = "/v1/MossoCloudFS_aaaa";
const CDN: &str = "/cdn/v1/MossoCloudFS_aaaa";

#[tokio::test]
async fn block_storage_speaks_v1_with_rackspace_types() {
    let server = MockServer::start_async().await;
    let list = server
        .mock_async(|when, then| {
            when.method(GET).path("/v1/010101/volumes/detail");
            then.status(200)
                .header("content-type", "application/json")
                .body(CBS_VOLUMES);
        })
        .await;
    let types = server
        .mock_async(|when, then| {
            when.method(GET).path("/v1/010101/types");
            then.status(200)
                .header("content-type", "application/json")
                .body(CBS_VOLUME_TYPES);
        })
        .await;
    let create = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/v1/010101/volumes")
                .json_body_includes(r#"{"volume": {"size": 100, "volume_type": "SSD", "display_name": "data"}}"#);
            then.status(200)
                .header("content-type", "application/json")
                .body(r#"{"volume": {"id": "0b4a3a2e-1a8d-4c5e-9e57-5f0bc8f1c2d3", "display_name": "data", "size": 100, "volume_type": "SSD", "status": "creating", "attachments": [], "metadata": {}}}"#);
        })
        .await;
    let unexpected = catch_all(&server).await;
    // The catalog URL of Cloud Block Storage already names v1; a versionless override gets it.
    let provider = ProviderClient::builder()
        .endpoint_override("volume", server.url("/v1/010101"))
        .build_lazy()
        .expect("provider");
    let cbs = block_storage::client(&provider).expect("cbs");
    assert_eq!(cbs.endpoint().path(), "/v1/010101/");

    let all = volumes::list(&cbs, Default::default())
        .try_collect::<Vec<_>>()
        .await
        .expect("volumes");
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].name.as_deref(), Some("vol-001"));
    assert_eq!(all[0].volume_type.as_deref(), Some(block_storage::SATA));
    assert_eq!(all[0].size, block_storage::MIN_SATA_SIZE_GIB);

    let v = volumes::create(
        &cbs,
        volumes::CreateOpts::new(100)
            .name("data")
            .volume_type(block_storage::SSD),
    )
    .await
    .expect("create");
    assert_eq!(v.volume_type.as_deref(), Some("SSD"));

    // Rackspace documents numeric volume type ids (`"id": 1`): read as text.
    let t = block_storage::list_volume_types(&cbs)
        .try_collect::<Vec<_>>()
        .await
        .expect("types");
    let names: Vec<&str> = t.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, [block_storage::SATA, block_storage::SSD]);
    assert_eq!(t[0].id, "1");
    assert_eq!(t[1].id, "2");
    for m in [&list, &create, &types] {
        m.assert_calls_async(1).await;
    }
    unexpected.assert_calls_async(0).await;
}

fn storage_provider(server: &MockServer) -> ProviderClient {
    ProviderClient::builder()
        .endpoint_override("object-store", server.url(FILES))
        .endpoint_override(cdn::SERVICE_TYPE, server.url(CDN))
        .build_lazy()
        .expect("provider")
}

#[tokio::test]
async fn create_public_container_creates_then_enables() {
    let server = MockServer::start_async().await;
    let create = server
        .mock_async(|when, then| {
            when.method(PUT).path(format!("{FILES}/site"));
            then.status(201);
        })
        .await;
    let enable = server
        .mock_async(|when, then| {
            when.method(PUT)
                .path(format!("{CDN}/site"))
                .header("x-cdn-enabled", "True")
                .header("x-ttl", "3600");
            then.status(201)
                .header("X-Cdn-Uri", "http://80745c48926cd286a5a0-48261ebe0e4c795a565ece6b9cca2fe8.r10.cf1.rackcdn.com")
                .header("X-Cdn-Ssl-Uri", "https://80745c48926cd286a5a0-48261ebe0e4c795a565ece6b9cca2fe8.ssl.cf1.rackcdn.com");
        })
        .await;
    let unexpected = catch_all(&server).await;
    let p = storage_provider(&server);
    let (f, c) = (
        files::client(&p).expect("files"),
        cdn::client(&p).expect("cdn"),
    );
    let published = files::create_public_container(&f, &c, "site", Some(3600))
        .await
        .expect("published");
    assert!(published
        .ssl_uri
        .as_deref()
        .is_some_and(|u| u.starts_with("https://80745c48926cd286a5a0")));
    create.assert_calls_async(1).await;
    enable.assert_calls_async(1).await;

    // A TTL the CDN refuses fails before the container is created.
    let e = files::create_public_container(&f, &c, "other", Some(1))
        .await
        .expect_err("ttl");
    assert_eq!(e.kind(), openstack_core::ErrorKind::InvalidInput);
    unexpected.assert_calls_async(0).await;
}

#[tokio::test]
async fn bulk_delete_through_cloud_files() {
    let server = MockServer::start_async().await;
    let bulk = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(format!("{FILES}/"))
                .query_param_exists("bulk-delete")
                .body("/site/a.html\n/site/img/b%20c.png\n");
            // Swift's bulk middleware answer (Cloud Files runs it), as JSON.
            then.status(200)
                .header("content-type", "application/json")
                .body(r#"{"Number Not Found": 0, "Response Status": "200 OK", "Errors": [], "Number Deleted": 2, "Response Body": ""}"#);
        })
        .await;
    let unexpected = catch_all(&server).await;
    let f = files::client(&storage_provider(&server)).expect("files");
    let r = files::bulk::bulk_delete(&f, [("site", "a.html"), ("site", "img/b c.png")])
        .await
        .expect("bulk");
    assert_eq!(r.number_deleted, 2);
    assert!(r.is_success());
    bulk.assert_calls_async(1).await;
    unexpected.assert_calls_async(0).await;
}
