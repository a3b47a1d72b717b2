//! Against the real Swift 2.38 of `cargo xtask realcloud` (keystone auth, admin project).
//! Every test makes uniquely named containers and purges them afterwards, also when it
//! fails. ETag-mismatch detection cannot be provoked on a healthy Swift: it is covered by
//! httpmock (`tests/objects.rs`).

#![allow(clippy::unwrap_used)]

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::time::Duration;

use bytes::Bytes;
use futures::{FutureExt, StreamExt, TryStreamExt};
use md5::Digest;
use openstack_core::{Body, ProviderClient, Request, ServiceClient};
use openstack_objectstore::large_objects::{self, SloUploadOpts};
use openstack_objectstore::objects::{
    self, ArchiveFormat, CopyOpts, DownloadOpts, ListEntry, ListOpts, UpdateOpts, UploadOpts,
};
use openstack_objectstore::tempurl::{self, TempUrlDigest, TempUrlOpts};
use openstack_objectstore::{accounts, containers, info, SecretKey};
use openstack_test_support::realcloud;

async fn swift() -> Option<ServiceClient> {
    let provider = realcloud::client("admin").await?;
    // A Swift started beside the harness (same configuration, keystone auth) when the
    // harness could not start its own: `FERROCLOUD_OBJECTSTORE_ENDPOINT` is its account URL,
    // with `{project_id}` standing for the admin project's id.
    if let Ok(template) = std::env::var("FERROCLOUD_OBJECTSTORE_ENDPOINT") {
        let token = provider.token().await.expect("token");
        let project = token
            .project
            .as_ref()
            .expect("project-scoped token")
            .id
            .clone();
        let provider = ProviderClient::builder()
            .auth_options(realcloud::options("admin"))
            .region(realcloud::REGION)
            .endpoint_override("object-store", template.replace("{project_id}", &project))
            .build()
            .await
            .expect("provider");
        return Some(openstack_objectstore::client(&provider).expect("object-store endpoint"));
    }
    if !realcloud::has("swift") {
        return None;
    }
    Some(openstack_objectstore::client(&provider).expect("object-store endpoint"))
}

fn data(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

/// A body streamed in `chunk`-sized pieces (unknown length: sent chunked).
fn stream_body(data: &[u8], chunk: usize) -> Body {
    let chunks: Vec<Result<Bytes, std::io::Error>> = data
        .chunks(chunk.max(1))
        .map(|c| Ok(Bytes::copy_from_slice(c)))
        .collect();
    Body::from_stream(futures::stream::iter(chunks))
}

/// Deletes every object of each container, then the container (ignoring what is gone).
async fn purge(swift: &ServiceClient, names: &[String]) {
    for c in names {
        let entries: Vec<ListEntry> = match objects::list(swift, c, ListOpts::new())
            .try_collect_all()
            .await
        {
            Ok(e) => e,
            Err(e) if e.is_not_found() => continue,
            Err(e) => {
                eprintln!("cleanup: cannot list {c}: {e}");
                continue;
            }
        };
        let items: Vec<(String, String)> = entries
            .iter()
            .filter_map(ListEntry::as_object)
            .map(|o| (c.clone(), o.name.clone()))
            .collect();
        if let Err(e) = objects::bulk_delete(swift, items).await {
            eprintln!("cleanup: bulk delete in {c}: {e}");
        }
        if let Err(e) = containers::delete(swift, c).await {
            if !e.is_not_found() {
                eprintln!("cleanup: cannot delete {c}: {e}");
            }
        }
    }
}

/// Runs `body`, then purges `names` whether it passed or panicked.
async fn with_containers<F, Fut>(swift: &ServiceClient, names: &[String], body: F)
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = ()>,
{
    let r = AssertUnwindSafe(body()).catch_unwind().await;
    purge(swift, names).await;
    if let Err(p) = r {
        std::panic::resume_unwind(p);
    }
}

async fn fetch(swift: &ServiceClient, c: &str, o: &str) -> Vec<u8> {
    let d = objects::download(swift, c, o, DownloadOpts::new())
        .await
        .expect("download");
    d.bytes().await.expect("verified bytes").to_vec()
}

#[tokio::test]
async fn containers_lifecycle() {
    let Some(swift) = swift().await else { return };
    let name = realcloud::unique_name("c ü?");
    let names = vec![name.clone()];
    with_containers(&swift, &names, || async {
        containers::create(
            &swift,
            &name,
            containers::CreateOpts::new()
                .metadata("Book", "Tom Sawyer")
                .read_acl(".r:*,.rlistings"),
        )
        .await
        .expect("create");
        let c = containers::get(&swift, &name).await.expect("head");
        assert_eq!(c.object_count, 0);
        assert_eq!(
            c.metadata.get("book").map(String::as_str),
            Some("Tom Sawyer")
        );
        assert!(c.is_public_read());
        assert!(c.storage_policy.is_some());

        containers::update(
            &swift,
            &name,
            containers::UpdateOpts::new()
                .metadata("Color", "blue")
                .remove_metadata("Book")
                .remove_read_acl(),
        )
        .await
        .expect("post");
        let c = containers::get(&swift, &name).await.expect("head");
        assert_eq!(c.metadata.get("color").map(String::as_str), Some("blue"));
        assert!(!c.metadata.contains_key("book"));
        assert!(c.read_acl.is_none());

        // Both listing formats find it by prefix.
        let listed = containers::list(&swift, containers::ListOpts::new().prefix(name.as_str()))
            .try_collect_all()
            .await
            .expect("list");
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].name, name);
        let plain: Vec<String> =
            containers::list_names(&swift, containers::ListOpts::new().prefix(name.as_str()))
                .try_collect()
                .await
                .expect("names");
        assert_eq!(plain, vec![name.clone()]);

        objects::upload(&swift, &name, "o", "x", UploadOpts::new())
            .await
            .expect("put");
        let err = containers::delete(&swift, &name)
            .await
            .expect_err("not empty");
        assert!(err.to_string().contains("not empty"), "{err}");
        assert!(containers::is_not_empty_error(&err));
        objects::delete(&swift, &name, "o")
            .await
            .expect("delete object");
        containers::delete(&swift, &name)
            .await
            .expect("delete container");
        let err = containers::get(&swift, &name).await.expect_err("gone");
        assert!(err.is_not_found());
    })
    .await;
}

#[tokio::test]
async fn objects_of_every_size_round_trip_byte_exact() {
    let Some(swift) = swift().await else { return };
    let c = realcloud::unique_name("sizes");
    let names = vec![c.clone()];
    with_containers(&swift, &names, || async {
        containers::create(&swift, &c, containers::CreateOpts::new())
            .await
            .expect("create");
        for (len, chunk) in [(0usize, 1usize), (1, 1), (5 * 1024 * 1024 + 123, 64 * 1024)] {
            let payload = data(len, len as u64 + 7);
            // Streamed with unknown length (chunked).
            let name = format!("streamed-{len}");
            let put = objects::upload(
                &swift,
                &c,
                &name,
                stream_body(&payload, chunk),
                UploadOpts::new(),
            )
            .await
            .expect("streamed upload");
            assert_eq!(put.bytes, Some(len as u64));
            let d = objects::download(&swift, &c, &name, DownloadOpts::new())
                .await
                .expect("get");
            assert!(d.is_verified(), "an ordinary object is verified");
            assert_eq!(d.headers().content_length, Some(len as u64));
            let mut got = Vec::with_capacity(len);
            let mut s = d.into_stream();
            while let Some(chunk) = s.try_next().await.expect("chunk") {
                got.extend_from_slice(&chunk);
            }
            assert!(got == payload, "streamed object of {len} bytes differs");
            // Streamed with a known length (Content-Length).
            let name = format!("sized-{len}");
            objects::upload(
                &swift,
                &c,
                &name,
                stream_body(&payload, chunk),
                UploadOpts::new().content_length(len as u64),
            )
            .await
            .expect("sized upload");
            assert!(fetch(&swift, &c, &name).await == payload);
            // From a file (its length sent, MD5 checked against Swift's ETag).
            let file = std::env::temp_dir().join(format!("{c}-{len}.bin"));
            std::fs::write(&file, &payload).expect("write file");
            let name = format!("file-{len}");
            let put = objects::upload(
                &swift,
                &c,
                &name,
                Body::from_path(&file).await.expect("file body"),
                UploadOpts::new(),
            )
            .await
            .expect("file upload");
            assert_eq!(put.bytes, Some(len as u64));
            assert!(fetch(&swift, &c, &name).await == payload);
            // And back into a file, verified.
            std::fs::remove_file(&file).expect("remove file");
            let n = objects::download_to_path(&swift, &c, &name, &file, DownloadOpts::new())
                .await
                .expect("download to path");
            assert_eq!(n, len as u64);
            assert!(std::fs::read(&file).expect("read back") == payload);
            std::fs::remove_file(&file).expect("remove file");
            // Streamed with the caller's ETag: Swift checks it, and refuses a wrong one.
            let name = format!("given-{len}");
            let sum = hex::encode(md5::Md5::digest(&payload));
            objects::upload(
                &swift,
                &c,
                &name,
                stream_body(&payload, chunk),
                UploadOpts::new().etag(sum.clone()),
            )
            .await
            .expect("upload with the right ETag");
            assert!(fetch(&swift, &c, &name).await == payload);
            let wrong = objects::upload(
                &swift,
                &c,
                &format!("wrong-{len}"),
                stream_body(&payload, chunk),
                UploadOpts::new().etag(hex::encode(md5::Md5::digest(b"not this"))),
            )
            .await
            .expect_err("Swift refuses data that does not match the ETag");
            assert_eq!(wrong.status().map(|s| s.as_u16()), Some(422), "{wrong}");
            let gone = objects::get(&swift, &c, &format!("wrong-{len}"))
                .await
                .expect_err("nothing stored");
            assert!(gone.is_not_found(), "{gone}");
            // From bytes (ETag sent, verified by Swift).
            let name = format!("bytes-{len}");
            objects::upload(&swift, &c, &name, payload.clone(), UploadOpts::new())
                .await
                .expect("bytes upload");
            let h = objects::get(&swift, &c, &name).await.expect("head");
            assert_eq!(h.content_length, Some(len as u64));
            assert!(fetch(&swift, &c, &name).await == payload);
        }
        // A range is passed through unverified, exactly.
        let len = 5 * 1024 * 1024 + 123;
        let payload = data(len, len as u64 + 7);
        let d = objects::download(
            &swift,
            &c,
            &format!("bytes-{len}"),
            DownloadOpts::new().range(1000, 1999),
        )
        .await
        .expect("range");
        assert_eq!(d.status().as_u16(), 206);
        assert!(!d.is_verified());
        assert!(d.bytes().await.expect("bytes")[..] == payload[1000..2000]);
    })
    .await;
}

#[tokio::test]
async fn unicode_and_special_names() {
    let Some(swift) = swift().await else { return };
    let c = realcloud::unique_name("names ünï ?#%");
    let names = vec![c.clone()];
    with_containers(&swift, &names, || async {
        containers::create(&swift, &c, containers::CreateOpts::new())
            .await
            .expect("create");
        let objs = [
            "plain",
            "with space",
            "dir/sub dir/file name.txt",
            "ünïcødé/日本語/ファイル",
            "q?uestion#hash%percent&amp+plus=eq",
            "100% done?#",
            "trailing/",
        ];
        for (i, o) in objs.iter().enumerate() {
            let body = format!("body of {o}");
            objects::upload(
                &swift,
                &c,
                o,
                stream_body(body.as_bytes(), 3),
                UploadOpts::new().metadata("idx", i.to_string()),
            )
            .await
            .unwrap_or_else(|e| panic!("upload {o:?}: {e}"));
            let h = objects::get(&swift, &c, o)
                .await
                .unwrap_or_else(|e| panic!("head {o:?}: {e}"));
            assert_eq!(h.metadata.get("idx"), Some(&i.to_string()));
            assert_eq!(fetch(&swift, &c, o).await, body.as_bytes(), "{o:?}");
        }
        let mut listed: Vec<String> = objects::list(&swift, &c, ListOpts::new())
            .map_ok(|e| e.name().to_owned())
            .try_collect()
            .await
            .expect("list");
        let mut want: Vec<String> = objs.iter().map(|s| s.to_string()).collect();
        listed.sort();
        want.sort();
        assert_eq!(listed, want);
        let mut plain: Vec<String> = objects::list_names(&swift, &c, ListOpts::new())
            .try_collect()
            .await
            .expect("names");
        plain.sort();
        assert_eq!(plain, want);
        // Prefix with unicode.
        let found = objects::list(&swift, &c, ListOpts::new().prefix("ünïcødé/"))
            .try_collect_all()
            .await
            .expect("prefix");
        assert_eq!(found.len(), 1);
    })
    .await;
}

#[tokio::test]
async fn metadata_round_trip() {
    let Some(swift) = swift().await else { return };
    let c = realcloud::unique_name("meta");
    let names = vec![c.clone()];
    with_containers(&swift, &names, || async {
        containers::create(&swift, &c, containers::CreateOpts::new())
            .await
            .expect("create");
        objects::upload(
            &swift,
            &c,
            "o",
            "data",
            UploadOpts::new()
                .content_type("text/x-test")
                .metadata("Color", "blue")
                .metadata("Shape", "round"),
        )
        .await
        .expect("put");
        let h = objects::get(&swift, &c, "o").await.expect("head");
        assert_eq!(h.content_type.as_deref(), Some("text/x-test"));
        assert_eq!(h.metadata.get("color").map(String::as_str), Some("blue"));
        assert_eq!(h.metadata.get("shape").map(String::as_str), Some("round"));
        // POST replaces the metadata.
        let mut meta = h.metadata.clone();
        meta.remove("shape");
        meta.insert("color".into(), "red".into());
        meta.insert("note".into(), "naïve café".into());
        objects::update(
            &swift,
            &c,
            "o",
            UpdateOpts::new().metadata_map(meta).delete_after(3600),
        )
        .await
        .expect("post");
        let h = objects::get(&swift, &c, "o").await.expect("head");
        assert_eq!(h.metadata.get("color").map(String::as_str), Some("red"));
        assert_eq!(
            h.metadata.get("note").map(String::as_str),
            Some("naïve café")
        );
        assert!(!h.metadata.contains_key("shape"));
        assert!(h.delete_at.is_some());
        // Account metadata: a key unique to this test, set then removed.
        let key = format!("ferrocloud-{}", std::process::id());
        accounts::update(&swift, accounts::UpdateOpts::new().metadata(&key, "v1"))
            .await
            .expect("account post");
        let a = accounts::get(&swift).await.expect("account head");
        assert_eq!(a.metadata.get(&key).map(String::as_str), Some("v1"));
        assert!(a.container_count >= 1);
        accounts::update(&swift, accounts::UpdateOpts::new().remove_metadata(&key))
            .await
            .expect("account post");
        let a = accounts::get(&swift).await.expect("account head");
        assert!(!a.metadata.contains_key(&key));
    })
    .await;
}

#[tokio::test]
async fn listing_across_page_boundaries() {
    let Some(swift) = swift().await else { return };
    let c = realcloud::unique_name("pages");
    let names = vec![c.clone()];
    with_containers(&swift, &names, || async {
        containers::create(&swift, &c, containers::CreateOpts::new())
            .await
            .expect("create");
        let objs = ["a1", "a2", "a3", "b/1", "b/2", "b/3", "c/x/1", "d", "e"];
        for o in objs {
            objects::upload(&swift, &c, o, o.as_bytes().to_vec(), UploadOpts::new())
                .await
                .expect("put");
        }
        let all: Vec<String> = objects::list(&swift, &c, ListOpts::new().limit(2))
            .map_ok(|e| e.name().to_owned())
            .try_collect()
            .await
            .expect("list");
        assert_eq!(all, objs);
        let plain: Vec<String> = objects::list_names(&swift, &c, ListOpts::new().limit(2))
            .try_collect()
            .await
            .expect("names");
        assert_eq!(plain, objs);
        // Delimiter: pseudo-folders, across pages.
        let top = objects::list(&swift, &c, ListOpts::new().limit(2).delimiter("/"))
            .try_collect_all()
            .await
            .expect("delim");
        let top_names: Vec<&str> = top.iter().map(ListEntry::name).collect();
        assert_eq!(top_names, vec!["a1", "a2", "a3", "b/", "c/", "d", "e"]);
        assert!(top[3].is_subdir() && top[4].is_subdir() && !top[0].is_subdir());
        // Prefix + delimiter.
        let b = objects::list(
            &swift,
            &c,
            ListOpts::new().limit(2).prefix("b/").delimiter("/"),
        )
        .try_collect_all()
        .await
        .expect("prefix");
        assert_eq!(
            b.iter().map(ListEntry::name).collect::<Vec<_>>(),
            vec!["b/1", "b/2", "b/3"]
        );
        // Marker and end marker.
        let mid: Vec<String> = objects::list(
            &swift,
            &c,
            ListOpts::new().limit(2).marker("a2").end_marker("c"),
        )
        .map_ok(|e| e.name().to_owned())
        .try_collect()
        .await
        .expect("markers");
        assert_eq!(mid, vec!["a3", "b/1", "b/2", "b/3"]);
        // max_items stops early.
        let first3 = objects::list(&swift, &c, ListOpts::new().limit(2))
            .max_items(3)
            .try_collect_all()
            .await
            .expect("max");
        assert_eq!(first3.len(), 3);
        let h = containers::get(&swift, &c).await.expect("head");
        assert_eq!(h.object_count, objs.len() as u64);
    })
    .await;
}

#[tokio::test]
async fn static_and_dynamic_large_objects() {
    let Some(swift) = swift().await else { return };
    let c = realcloud::unique_name("large");
    let segs = format!("{c}_segments");
    let names = vec![c.clone(), segs.clone()];
    with_containers(&swift, &names, || async {
        containers::create(&swift, &c, containers::CreateOpts::new())
            .await
            .expect("create");
        let payload = data(3 * 1024 * 1024 + 4321, 99);
        let up = large_objects::upload_slo(
            &swift,
            &c,
            "big slo ü",
            stream_body(&payload, 100_000),
            SloUploadOpts::new(1024 * 1024)
                .concurrency(2)
                .content_type("application/x-big")
                .metadata("kind", "slo"),
        )
        .await
        .expect("slo upload");
        assert_eq!(up.segments.len(), 4);
        assert_eq!(up.bytes, payload.len() as u64);
        let h = objects::get(&swift, &c, "big slo ü").await.expect("head");
        assert!(h.static_large_object);
        assert_eq!(h.content_length, Some(payload.len() as u64));
        assert_eq!(h.content_type.as_deref(), Some("application/x-big"));
        assert_eq!(h.metadata.get("kind").map(String::as_str), Some("slo"));
        let d = objects::download(&swift, &c, "big slo ü", DownloadOpts::new())
            .await
            .expect("get");
        assert!(!d.is_verified());
        assert!(
            d.bytes().await.expect("bytes")[..] == payload[..],
            "SLO content differs"
        );
        let manifest = large_objects::get_manifest(&swift, &c, "big slo ü")
            .await
            .expect("manifest");
        assert_eq!(manifest.len(), 4);
        assert_eq!(manifest[0].bytes, 1024 * 1024);

        let dpayload = data(2 * 1024 * 1024 + 17, 5);
        let up = large_objects::upload_dlo(
            &swift,
            &c,
            "big dlo",
            stream_body(&dpayload, 65_536),
            SloUploadOpts::new(1024 * 1024).concurrency(3),
        )
        .await
        .expect("dlo upload");
        assert_eq!(up.segments.len(), 3);
        let d = objects::download(&swift, &c, "big dlo", DownloadOpts::new())
            .await
            .expect("get");
        assert!(d.headers().object_manifest.is_some());
        assert!(!d.is_verified());
        assert!(
            d.bytes().await.expect("bytes")[..] == dpayload[..],
            "DLO content differs"
        );

        // Delete the SLO with its segments.
        let r = large_objects::delete_slo(&swift, &c, "big slo ü")
            .await
            .expect("delete slo");
        assert_eq!(r.number_deleted, 5, "{r:?}");
        assert!(r.is_success());
        assert!(objects::get(&swift, &c, "big slo ü")
            .await
            .expect_err("gone")
            .is_not_found());
    })
    .await;
}

#[tokio::test]
async fn copy_bulk_delete_and_extract_archive() {
    let Some(swift) = swift().await else { return };
    let c = realcloud::unique_name("copy");
    let d = realcloud::unique_name("dest");
    let names = vec![c.clone(), d.clone()];
    with_containers(&swift, &names, || async {
        containers::create(&swift, &c, containers::CreateOpts::new())
            .await
            .expect("create");
        containers::create(&swift, &d, containers::CreateOpts::new())
            .await
            .expect("create");
        let payload = data(70_000, 3);
        objects::upload(
            &swift,
            &c,
            "src ü?",
            payload.clone(),
            UploadOpts::new().metadata("a", "1"),
        )
        .await
        .expect("put");
        objects::copy(
            &swift,
            &c,
            "src ü?",
            CopyOpts::new(d.as_str(), "copy #1").metadata("b", "2"),
        )
        .await
        .expect("COPY");
        objects::copy(
            &swift,
            &c,
            "src ü?",
            CopyOpts::new(d.as_str(), "copy %2")
                .use_put()
                .fresh_metadata(),
        )
        .await
        .expect("PUT copy");
        assert!(fetch(&swift, &d, "copy #1").await == payload);
        assert!(fetch(&swift, &d, "copy %2").await == payload);
        let h1 = objects::get(&swift, &d, "copy #1").await.expect("head");
        assert_eq!(h1.metadata.get("a").map(String::as_str), Some("1"));
        assert_eq!(h1.metadata.get("b").map(String::as_str), Some("2"));
        let h2 = objects::get(&swift, &d, "copy %2").await.expect("head");
        assert!(h2.metadata.is_empty(), "{:?}", h2.metadata);

        // Extract a tar archive into the container (streamed).
        let dir = std::env::temp_dir().join(realcloud::unique_name("tar"));
        std::fs::create_dir_all(dir.join("sub")).expect("mkdir");
        std::fs::write(dir.join("one.txt"), b"one").expect("write");
        std::fs::write(dir.join("sub/two.txt"), b"two").expect("write");
        let tar = dir.join("a.tar");
        let st = std::process::Command::new("tar")
            .arg("-cf")
            .arg(&tar)
            .arg("-C")
            .arg(&dir)
            .arg("one.txt")
            .arg("sub/two.txt")
            .status()
            .expect("tar");
        assert!(st.success());
        let file = tokio::fs::File::open(&tar).await.expect("open");
        let body = Body::from_stream(tokio_util::io::ReaderStream::new(file));
        let r = objects::extract_archive(&swift, Some(&d), ArchiveFormat::Tar, body)
            .await
            .expect("extract");
        std::fs::remove_dir_all(&dir).ok();
        assert_eq!(r.number_files_created, 2, "{r:?}");
        assert!(r.is_success(), "{r:?}");
        assert_eq!(fetch(&swift, &d, "sub/two.txt").await, b"two");

        // Bulk delete: two copies, one missing name.
        let r = objects::bulk_delete(
            &swift,
            [
                (d.as_str(), "copy #1"),
                (d.as_str(), "copy %2"),
                (d.as_str(), "never existed"),
            ],
        )
        .await
        .expect("bulk");
        assert_eq!(r.number_deleted, 2, "{r:?}");
        assert_eq!(r.number_not_found, 1);
        assert!(r.is_success());
        let left: Vec<String> = objects::list_names(&swift, &d, ListOpts::new())
            .try_collect()
            .await
            .expect("names");
        assert_eq!(left, vec!["one.txt", "sub/two.txt"]);
    })
    .await;
}

#[tokio::test]
async fn temp_urls_work_without_a_token() {
    let Some(swift) = swift().await else { return };
    let c = realcloud::unique_name("tempurl");
    let names = vec![c.clone()];
    with_containers(&swift, &names, || async {
        // A container key: it cannot disturb other tests sharing the account.
        let key = SecretKey::new(format!("secret-{}", realcloud::unique_name("k")));
        containers::create(&swift, &c, containers::CreateOpts::new())
            .await
            .expect("create");
        tempurl::set_container_key(&swift, &c, key.clone())
            .await
            .expect("key");
        let caps = info::get(&swift).await.expect("info");
        let digests = caps
            .tempurl
            .as_ref()
            .expect("tempurl middleware")
            .allowed_digests
            .clone();
        let payload = data(10_000, 11);
        let obj = "shared/file ü?.bin";
        objects::upload(&swift, &c, obj, payload.clone(), UploadOpts::new())
            .await
            .expect("put");

        // A client with no auth at all: only the signature can let these through.
        let anon = ProviderClient::builder()
            .build_lazy()
            .expect("anonymous client");
        let get = |url: url::Url| {
            let anon = anon.clone();
            async move {
                anon.send(Request::get(url.to_string()).unauthenticated())
                    .await
            }
        };
        // A signed GET of `obj`, read to the end or refused with a status.
        let signed = |key: SecretKey, opts: TempUrlOpts| {
            let url = tempurl::temp_url(&swift, &c, obj, &key, opts).expect("url");
            let sent = get(url);
            async move {
                match sent.await {
                    Ok(resp) => Ok(resp.bytes().await.expect("body").to_vec()),
                    Err(e) => Err(e.status().map(|s| s.as_u16())),
                }
            }
        };
        let secs = || Duration::from_secs(300);
        for digest in [
            TempUrlDigest::Sha1,
            TempUrlDigest::Sha256,
            TempUrlDigest::Sha512,
        ] {
            let name = format!("{digest:?}").to_lowercase();
            if !digests.contains(&name) {
                continue;
            }
            let got = signed(key.clone(), TempUrlOpts::get(secs()).digest(digest)).await;
            assert!(
                got.as_deref() == Ok(&payload[..]),
                "{name} temp URL: {got:?}"
            );
        }
        // Prefix-signed URL for another object under the prefix.
        let got = signed(key.clone(), TempUrlOpts::get(secs()).prefix("shared/")).await;
        assert!(got.as_deref() == Ok(&payload[..]), "prefix URL: {got:?}");
        // Restricted to an address range: ours (127.0.0.1) passes, another is refused.
        let got = signed(
            key.clone(),
            TempUrlOpts::get(secs()).ip_range("127.0.0.0/8"),
        )
        .await;
        assert!(got.as_deref() == Ok(&payload[..]), "ip range URL: {got:?}");
        let other = signed(key.clone(), TempUrlOpts::get(secs()).ip_range("10.0.0.0/8")).await;
        assert_eq!(other, Err(Some(401)), "other range");
        // A wrong key and an expired URL are refused.
        let bad = signed(SecretKey::new("wrong"), TempUrlOpts::get(secs())).await;
        assert_eq!(bad, Err(Some(401)), "wrong key");
        let expired = signed(
            key.clone(),
            TempUrlOpts::new(http::Method::GET, 1_000_000_000),
        )
        .await;
        assert_eq!(expired, Err(Some(401)), "expired");
        // A PUT URL uploads without a token.
        let put_url = tempurl::temp_url(
            &swift,
            &c,
            "uploaded",
            &key,
            TempUrlOpts::put(Duration::from_secs(300)),
        )
        .expect("url");
        anon.send(
            Request::put(put_url.to_string())
                .unauthenticated()
                .body("via temp url")
                .ok_status([201]),
        )
        .await
        .expect("temp PUT");
        assert_eq!(fetch(&swift, &c, "uploaded").await, b"via temp url");
    })
    .await;
}

#[tokio::test]
async fn capabilities() {
    let Some(swift) = swift().await else { return };
    let caps = info::get(&swift).await.expect("info");
    assert!(caps.swift.version.is_some());
    assert!(caps.swift.max_file_size.unwrap_or(0) > 0);
    assert!(
        caps.slo
            .as_ref()
            .and_then(|s| s.max_manifest_segments)
            .unwrap_or(0)
            > 0
    );
    assert!(caps.tempurl.is_some());
    assert!(
        caps.bulk_delete
            .as_ref()
            .and_then(|b| b.max_deletes_per_request)
            .unwrap_or(0)
            > 0
    );
    // (dlo does not announce itself in /info.)
    assert!(caps.has("symlink") && caps.has("bulk_upload"));
}

#[tokio::test]
async fn many_small_concurrent_uploads() {
    let Some(swift) = swift().await else { return };
    let c = realcloud::unique_name("many");
    let names = vec![c.clone()];
    with_containers(&swift, &names, || async {
        containers::create(&swift, &c, containers::CreateOpts::new())
            .await
            .expect("create");
        let results: Vec<_> = futures::stream::iter(0..24)
            .map(|i| {
                let swift = swift.clone();
                let c = c.clone();
                async move {
                    objects::upload(
                        &swift,
                        &c,
                        &format!("o{i:02}"),
                        data(1000 + i, i as u64),
                        UploadOpts::new(),
                    )
                    .await
                }
            })
            .buffer_unordered(8)
            .collect()
            .await;
        assert!(results.iter().all(Result::is_ok));
        let n = objects::list(&swift, &c, ListOpts::new().limit(5))
            .try_collect_all()
            .await
            .expect("list")
            .len();
        assert_eq!(n, 24);
    })
    .await;
}

#[tokio::test]
async fn history_versioning_keeps_overwritten_objects() {
    let Some(swift) = swift().await else { return };
    let c = realcloud::unique_name("versioned");
    let h = realcloud::unique_name("history");
    let names = vec![c.clone(), h.clone()];
    with_containers(&swift, &names, || async {
        containers::create(&swift, &h, containers::CreateOpts::new())
            .await
            .expect("history");
        containers::create(
            &swift,
            &c,
            containers::CreateOpts::new().history_location(h.as_str()),
        )
        .await
        .expect("create");
        assert_eq!(
            containers::get(&swift, &c)
                .await
                .expect("head")
                .history_location
                .as_deref(),
            Some(openstack_core::encode_path_segment(&h).as_str())
        );
        objects::upload(&swift, &c, "doc", "v1", UploadOpts::new())
            .await
            .expect("v1");
        objects::upload(&swift, &c, "doc", "v2", UploadOpts::new())
            .await
            .expect("v2");
        assert_eq!(fetch(&swift, &c, "doc").await, b"v2");
        let old = objects::list(&swift, &h, ListOpts::new())
            .try_collect_all()
            .await
            .expect("list");
        assert_eq!(old.len(), 1, "{old:?}");
        let old_name = old[0].name().to_owned();
        assert_eq!(fetch(&swift, &h, &old_name).await, b"v1");
        containers::update(
            &swift,
            &c,
            containers::UpdateOpts::new().remove_history_location(),
        )
        .await
        .expect("off");
        assert!(containers::get(&swift, &c)
            .await
            .expect("head")
            .history_location
            .is_none());
    })
    .await;
}
