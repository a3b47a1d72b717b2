//! Objects against httpmock: listings in both formats, streamed uploads and downloads with
//! MD5 verification (and its failures), copy, metadata, delete, bulk operations.

mod common;

use bytes::Bytes;
use common::{catch_all, client, data, md5_hex, sample, ACCOUNT};
use futures::{StreamExt, TryStreamExt};
use httpmock::prelude::*;
use openstack_core::Body;
use openstack_objectstore::is_checksum_mismatch;
use openstack_objectstore::objects::{
    self, ArchiveFormat, CopyOpts, DownloadOpts, ListEntry, ListOpts, UpdateOpts, UploadOpts,
};

fn chunked(data: &[u8], chunk: usize) -> Body {
    let chunks: Vec<Result<Bytes, std::io::Error>> = data
        .chunks(chunk)
        .map(|c| Ok(Bytes::copy_from_slice(c)))
        .collect();
    Body::from_stream(futures::stream::iter(chunks))
}

#[tokio::test]
async fn list_json_with_sample_and_subdirs_across_pages() {
    let server = MockServer::start_async().await;
    let sample_body = openstack_test_support::corpus::read(&sample("objects-list-response.json"));
    let p1 = server.mock(|when, then| {
        when.method(GET)
            .path(format!("{ACCOUNT}/marktwain"))
            .query_param("format", "json")
            .query_param("limit", "2")
            .query_param("delimiter", "/")
            .query_param_missing("marker");
        then.status(200)
            .header("content-type", "application/json")
            .body(sample_body.clone());
    });
    let p2 = server.mock(|when, then| {
        when.method(GET)
            .path(format!("{ACCOUNT}/marktwain"))
            .query_param("marker", "helloworld")
            .query_param("limit", "2");
        then.status(200)
            .header("content-type", "application/json")
            .body(r#"[{"subdir": "photos/"}, {"name": "zebra", "hash": "h", "bytes": 3, "content_type": "t", "last_modified": "2014-01-15T16:37:43.427570"}]"#);
    });
    let p3 = server.mock(|when, then| {
        when.method(GET)
            .path(format!("{ACCOUNT}/marktwain"))
            .query_param("marker", "zebra");
        then.status(200)
            .header("content-type", "application/json")
            .body("[]");
    });
    let _all = catch_all(&server);
    let swift = client(&server);
    let entries = objects::list(&swift, "marktwain", ListOpts::new().limit(2).delimiter("/"))
        .try_collect_all()
        .await
        .expect("list");
    let names: Vec<&str> = entries.iter().map(ListEntry::name).collect();
    assert_eq!(names, vec!["goodbye", "helloworld", "photos/", "zebra"]);
    let goodbye = entries[0].as_object().expect("object");
    assert_eq!(goodbye.hash, "451e372e48e0f6b1114fa0724aa79fa1");
    assert_eq!(goodbye.bytes, 14);
    assert_eq!(goodbye.content_type, "application/octet-stream");
    assert!(entries[2].is_subdir());
    p1.assert_async().await;
    p2.assert_async().await;
    p3.assert_async().await;
}

#[tokio::test]
async fn list_plain_text() {
    let server = MockServer::start_async().await;
    let m = server.mock(|when, then| {
        when.method(GET)
            .path(format!("{ACCOUNT}/c"))
            .query_param("format", "plain")
            .query_param("limit", "3")
            .header("accept", "text/plain");
        then.status(200).body("a\nb b\n");
    });
    let _all = catch_all(&server);
    let swift = client(&server);
    let names: Vec<String> = objects::list_names(&swift, "c", ListOpts::new().limit(3))
        .try_collect()
        .await
        .expect("names");
    assert_eq!(names, vec!["a", "b b"]);
    m.assert_async().await;
}

#[tokio::test]
async fn streamed_upload_is_hashed_and_compared() {
    let server = MockServer::start_async().await;
    // Printable bytes, so that httpmock can compare the body as text.
    let payload: Vec<u8> = data(300_000, 1).into_iter().map(|b| b % 94 + 33).collect();
    let good = md5_hex(&payload);
    let ok = server.mock(|when, then| {
        when.method(PUT)
            .path(format!("{ACCOUNT}/c/dir/good%20one"))
            .header("transfer-encoding", "chunked")
            .header_missing("etag")
            .header("content-type", "application/x-test")
            .header("x-object-meta-color", "blue")
            .header("x-delete-after", "3600")
            .header("if-none-match", "*")
            .body(String::from_utf8(payload.clone()).expect("ascii"));
        then.status(201).header("etag", good.as_str());
    });
    let bad = server.mock(|when, then| {
        when.method(PUT).path(format!("{ACCOUNT}/c/bad"));
        // A server that stored something else than what was sent.
        then.status(201)
            .header("etag", "0123456789abcdef0123456789abcdef");
    });
    let _all = catch_all(&server);
    let swift = client(&server);
    let put = objects::upload(
        &swift,
        "c",
        "dir/good one",
        chunked(&payload, 7_000),
        UploadOpts::new()
            .content_type("application/x-test")
            .metadata("Color", "blue")
            .delete_after(3600)
            .if_none_match_any(),
    )
    .await
    .expect("upload");
    assert_eq!(put.etag, good);
    assert_eq!(put.bytes, Some(300_000));
    ok.assert_async().await;

    let err = objects::upload(
        &swift,
        "c",
        "bad",
        chunked(b"some data", 3),
        UploadOpts::new(),
    )
    .await
    .expect_err("mismatch");
    assert!(is_checksum_mismatch(&err), "{err:?}");
    let dbg = format!("{err:?}");
    assert!(
        dbg.contains("0123456789abcdef0123456789abcdef") && dbg.contains(&md5_hex(b"some data")),
        "{dbg}"
    );
    bad.assert_async().await;
}

#[tokio::test]
async fn known_length_stream_sends_content_length_and_bytes_send_etag() {
    let server = MockServer::start_async().await;
    let sized = server.mock(|when, then| {
        when.method(PUT)
            .path(format!("{ACCOUNT}/c/sized"))
            .header("content-length", "10")
            .header_missing("transfer-encoding")
            .body("0123456789");
        then.status(201).header("etag", md5_hex(b"0123456789"));
    });
    let bytes = server.mock(|when, then| {
        when.method(PUT)
            .path(format!("{ACCOUNT}/c/bytes"))
            .header("etag", md5_hex(b"hello"))
            .body("hello");
        then.status(201).header("etag", md5_hex(b"hello"));
    });
    let exists = server.mock(|when, then| {
        when.method(PUT).path(format!("{ACCOUNT}/c/exists"));
        then.status(412).body("<html><h1>Precondition Failed</h1><p>A precondition for this request was not met.</p></html>");
    });
    let _all = catch_all(&server);
    let swift = client(&server);
    objects::upload(
        &swift,
        "c",
        "sized",
        chunked(b"0123456789", 4),
        UploadOpts::new().content_length(10),
    )
    .await
    .expect("sized");
    objects::upload(&swift, "c", "bytes", "hello", UploadOpts::new())
        .await
        .expect("bytes");
    let err = objects::upload(
        &swift,
        "c",
        "exists",
        "x",
        UploadOpts::new().if_none_match_any(),
    )
    .await
    .expect_err("412");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(412));
    sized.assert_async().await;
    bytes.assert_async().await;
    exists.assert_async().await;
}

#[tokio::test]
async fn file_upload_sends_its_length_and_is_verified() {
    let dir = std::env::temp_dir().join(format!("ferrocloud-os-file-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join("upload.bin");
    // Text, so httpmock can match the whole body.
    let payload: String = (0..600_000u32)
        .map(|i| char::from(b'a' + (i % 26) as u8))
        .collect();
    std::fs::write(&path, &payload).expect("write");
    let server = MockServer::start_async().await;
    let good = server.mock(|when, then| {
        when.method(PUT)
            .path(format!("{ACCOUNT}/c/file"))
            .header("content-length", "600000")
            .header_missing("transfer-encoding")
            .body(payload.clone());
        then.status(201).header("etag", md5_hex(payload.as_bytes()));
    });
    let corrupt = server.mock(|when, then| {
        when.method(PUT).path(format!("{ACCOUNT}/c/corrupt"));
        then.status(201).header("etag", md5_hex(b"something else"));
    });
    let _all = catch_all(&server);
    let swift = client(&server);
    let r = objects::upload(
        &swift,
        "c",
        "file",
        Body::from_path(&path).await.expect("body"),
        UploadOpts::new(),
    )
    .await
    .expect("file upload");
    assert_eq!(r.bytes, Some(600_000));
    assert_eq!(r.etag, md5_hex(payload.as_bytes()));
    let err = objects::upload(
        &swift,
        "c",
        "corrupt",
        Body::from_path(&path).await.expect("body"),
        UploadOpts::new(),
    )
    .await
    .expect_err("mismatch");
    assert!(is_checksum_mismatch(&err), "{err}");
    good.assert_async().await;
    corrupt.assert_async().await;
    std::fs::remove_dir_all(&dir).expect("cleanup");
}

#[tokio::test]
async fn streamed_upload_with_a_given_etag_leaves_the_check_to_swift() {
    let server = MockServer::start_async().await;
    let sum = md5_hex(b"0123456789");
    let good = server.mock(|when, then| {
        when.method(PUT)
            .path(format!("{ACCOUNT}/c/given"))
            .header("etag", sum.clone())
            .body("0123456789");
        then.status(201).header("etag", sum.clone());
    });
    let refused = server.mock(|when, then| {
        when.method(PUT).path(format!("{ACCOUNT}/c/refused"));
        then.status(422)
            .body("<html><h1>Unprocessable Entity</h1><p>Unable to process the contained instructions</p></html>");
    });
    let _all = catch_all(&server);
    let swift = client(&server);
    let r = objects::upload(
        &swift,
        "c",
        "given",
        chunked(b"0123456789", 3),
        UploadOpts::new().etag(sum.clone()),
    )
    .await
    .expect("given etag");
    assert_eq!(r.etag, sum);
    let err = objects::upload(
        &swift,
        "c",
        "refused",
        chunked(b"0123456789", 3),
        UploadOpts::new().etag(md5_hex(b"other")),
    )
    .await
    .expect_err("422");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(422));
    good.assert_async().await;
    refused.assert_async().await;
}

#[tokio::test]
async fn special_names_are_encoded_per_segment() {
    let server = MockServer::start_async().await;
    let m = server.mock(|when, then| {
        when.method(httpmock::Method::HEAD)
            .path_includes("/c%20d/%C3%BCber/a%3Fb%23c%25d%20e");
        then.status(200)
            .header("content-length", "5")
            .header("etag", md5_hex(b"hello"))
            .header("x-object-meta-note", "naïve")
            .header("x-delete-at", "1700000000")
            .header("x-timestamp", "1700000000.12345")
            .header("last-modified", "Tue, 14 Nov 2023 22:13:20 GMT");
    });
    let _all = catch_all(&server);
    let swift = client(&server);
    let h = objects::get(&swift, "c d", "über/a?b#c%d e")
        .await
        .expect("head");
    assert_eq!(h.content_length, Some(5));
    assert_eq!(h.etag.as_deref(), Some(md5_hex(b"hello").as_str()));
    assert_eq!(h.metadata.get("note").map(String::as_str), Some("naïve"));
    assert_eq!(
        h.delete_at.expect("delete at").unix_timestamp(),
        1_700_000_000
    );
    assert_eq!(h.last_modified.expect("lm").unix_timestamp(), 1_700_000_000);
    assert!(!h.is_large_object());
    m.assert_async().await;
}

/// `c/good` serves `payload` with its MD5 as ETag; `c/corrupt` the same bytes with an ETag
/// that does not match, so a verified download of it must end with an error.
fn good_and_corrupt<'a>(
    server: &'a MockServer,
    payload: &[u8],
) -> (httpmock::Mock<'a>, httpmock::Mock<'a>) {
    let good = server.mock(|when, then| {
        when.method(GET).path(format!("{ACCOUNT}/c/good"));
        then.status(200)
            .header("etag", md5_hex(payload))
            .body(payload);
    });
    let corrupt = server.mock(|when, then| {
        when.method(GET).path(format!("{ACCOUNT}/c/corrupt"));
        then.status(200)
            .header("etag", md5_hex(b"something else"))
            .body(payload);
    });
    (good, corrupt)
}

#[tokio::test]
async fn download_verifies_md5_while_streaming() {
    let server = MockServer::start_async().await;
    let payload = data(200_000, 2);
    let (good, corrupt) = good_and_corrupt(&server, &payload);
    let _all = catch_all(&server);
    let swift = client(&server);

    let d = objects::download(&swift, "c", "good", DownloadOpts::new())
        .await
        .expect("get");
    assert!(d.is_verified());
    assert_eq!(d.headers().content_length, Some(200_000));
    let got = d.bytes().await.expect("verified bytes");
    assert_eq!(&got[..], &payload[..]);

    let d = objects::download(&swift, "c", "corrupt", DownloadOpts::new())
        .await
        .expect("get");
    let mut stream = d.into_stream();
    let mut received = 0usize;
    let mut failure = None;
    while let Some(item) = stream.next().await {
        match item {
            Ok(chunk) => received += chunk.len(),
            Err(e) => {
                failure = Some(e);
                break;
            }
        }
    }
    assert_eq!(received, payload.len(), "all bytes pass, then the error");
    let err = failure.expect("a corrupt download must end with an error");
    assert!(is_checksum_mismatch(&err), "{err:?}");
    assert!(stream.next().await.is_none());
    good.assert_async().await;
    corrupt.assert_async().await;
}

#[tokio::test]
async fn download_to_a_file_only_keeps_verified_data() {
    let dir = std::env::temp_dir().join(format!("ferrocloud-os-dl-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let server = MockServer::start_async().await;
    let payload = data(300_000, 5);
    let (good, corrupt) = good_and_corrupt(&server, &payload);
    let _all = catch_all(&server);
    let swift = client(&server);

    let path = dir.join("good.bin");
    let n = objects::download_to_path(&swift, "c", "good", &path, DownloadOpts::new())
        .await
        .expect("download to path");
    assert_eq!(n, payload.len() as u64);
    assert_eq!(std::fs::read(&path).expect("read back"), payload);

    // A mismatch leaves neither the final name nor the temporary file; an existing file
    // at the final name is left as it was.
    std::fs::write(dir.join("bad.bin"), b"old contents").expect("old file");
    let err = objects::download_to_path(
        &swift,
        "c",
        "corrupt",
        dir.join("bad.bin"),
        DownloadOpts::new(),
    )
    .await
    .expect_err("mismatch");
    assert!(is_checksum_mismatch(&err), "{err:?}");
    assert_eq!(
        std::fs::read(dir.join("bad.bin")).expect("old file kept"),
        b"old contents"
    );
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["bad.bin", "good.bin"],
        "no partial file left behind"
    );

    // The same data through AsyncRead: the mismatch surfaces as an io::Error whose source
    // is the SDK's error.
    let d = objects::download(&swift, "c", "good", DownloadOpts::new())
        .await
        .expect("get");
    let mut out = Vec::new();
    tokio::io::copy(&mut d.into_stream().into_async_read(), &mut out)
        .await
        .expect("copy");
    assert_eq!(out, payload);
    let d = objects::download(&swift, "c", "corrupt", DownloadOpts::new())
        .await
        .expect("get");
    let err = tokio::io::copy(
        &mut d.into_stream().into_async_read(),
        &mut tokio::io::sink(),
    )
    .await
    .expect_err("mismatch through AsyncRead");
    let inner = err
        .get_ref()
        .and_then(|e| e.downcast_ref::<openstack_core::Error>())
        .expect("the SDK error inside");
    assert!(is_checksum_mismatch(inner), "{inner:?}");
    good.assert_calls_async(2).await;
    corrupt.assert_calls_async(2).await;
    std::fs::remove_dir_all(&dir).expect("cleanup");
}

#[tokio::test]
async fn ranges_and_large_objects_are_not_verified() {
    let server = MockServer::start_async().await;
    let range = server.mock(|when, then| {
        when.method(GET)
            .path(format!("{ACCOUNT}/c/o"))
            .header("range", "bytes=2-4");
        then.status(206)
            .header("etag", md5_hex(b"whole object"))
            .header("content-range", "bytes 2-4/12")
            .body("ole");
    });
    let slo = server.mock(|when, then| {
        when.method(GET).path(format!("{ACCOUNT}/c/slo"));
        then.status(200)
            .header("etag", format!("\"{}\"", md5_hex(b"etags")))
            .header("x-static-large-object", "True")
            .body("joined segments");
    });
    let dlo = server.mock(|when, then| {
        when.method(GET).path(format!("{ACCOUNT}/c/dlo"));
        then.status(200)
            .header("etag", format!("\"{}\"", md5_hex(b"etags")))
            .header("x-object-manifest", "segs/pre")
            .body("joined");
    });
    let cond = server.mock(|when, then| {
        when.method(GET)
            .path(format!("{ACCOUNT}/c/cond"))
            .header("if-none-match", "abc")
            .header("if-modified-since", "Tue, 14 Nov 2023 22:13:20 GMT");
        then.status(304);
    });
    let _all = catch_all(&server);
    let swift = client(&server);
    let d = objects::download(&swift, "c", "o", DownloadOpts::new().range(2, 4))
        .await
        .expect("range");
    assert_eq!(d.status().as_u16(), 206);
    assert!(!d.is_verified());
    assert_eq!(d.headers().content_range.as_deref(), Some("bytes 2-4/12"));
    assert_eq!(&d.bytes().await.expect("bytes")[..], b"ole");
    let d = objects::download(&swift, "c", "slo", DownloadOpts::new())
        .await
        .expect("slo");
    assert!(!d.is_verified());
    assert!(d.headers().static_large_object);
    assert_eq!(&d.bytes().await.expect("bytes")[..], b"joined segments");
    let d = objects::download(&swift, "c", "dlo", DownloadOpts::new())
        .await
        .expect("dlo");
    assert!(!d.is_verified());
    assert_eq!(d.headers().object_manifest.as_deref(), Some("segs/pre"));
    d.bytes().await.expect("bytes");
    let t = time::OffsetDateTime::from_unix_timestamp(1_700_000_000).expect("t");
    let err = objects::download(
        &swift,
        "c",
        "cond",
        DownloadOpts::new()
            .if_none_match("abc")
            .if_modified_since(t),
    )
    .await
    .expect_err("304");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(304));
    range.assert_async().await;
    slo.assert_async().await;
    dlo.assert_async().await;
    cond.assert_async().await;
}

#[tokio::test]
async fn copy_update_delete() {
    let server = MockServer::start_async().await;
    // httpmock cannot match the COPY method by name; the Destination header identifies it.
    let copy = server.mock(|when, then| {
        when.path(format!("{ACCOUNT}/src/a%20b"))
            .header("destination", "/dst/x%3Fy")
            .header("x-object-meta-k", "v");
        then.status(201).header("x-copied-from", "src/a%20b");
    });
    let put_copy = server.mock(|when, then| {
        when.method(PUT)
            .path(format!("{ACCOUNT}/dst/y"))
            .header("x-copy-from", "/src/a%20b")
            .header("x-fresh-metadata", "true");
        then.status(201);
    });
    let post = server.mock(|when, then| {
        when.method(POST)
            .path(format!("{ACCOUNT}/c/o"))
            .header("x-object-meta-color", "red")
            .header("content-type", "text/plain")
            .header("x-remove-delete-at", "x");
        then.status(202);
    });
    let delete = server.mock(|when, then| {
        when.method(DELETE).path(format!("{ACCOUNT}/c/o"));
        then.status(204);
    });
    let missing = server.mock(|when, then| {
        when.method(DELETE).path(format!("{ACCOUNT}/c/missing"));
        then.status(404)
            .header("x-trans-id", "tx404")
            .body("<html><h1>Not Found</h1><p>The resource could not be found.</p></html>");
    });
    let _all = catch_all(&server);
    let swift = client(&server);
    objects::copy(
        &swift,
        "src",
        "a b",
        CopyOpts::new("dst", "x?y").metadata("k", "v"),
    )
    .await
    .expect("copy");
    objects::copy(
        &swift,
        "src",
        "a b",
        CopyOpts::new("dst", "y").use_put().fresh_metadata(),
    )
    .await
    .expect("put copy");
    objects::update(
        &swift,
        "c",
        "o",
        UpdateOpts::new()
            .metadata("Color", "red")
            .content_type("text/plain")
            .remove_delete_at(),
    )
    .await
    .expect("post");
    objects::delete(&swift, "c", "o").await.expect("delete");
    let err = objects::delete(&swift, "c", "missing")
        .await
        .expect_err("404");
    assert!(err.is_not_found());
    assert_eq!(err.request_id(), Some("tx404"));
    copy.assert_async().await;
    put_copy.assert_async().await;
    post.assert_async().await;
    delete.assert_async().await;
    missing.assert_async().await;
}

#[tokio::test]
async fn bulk_delete_reports_per_item_errors() {
    let server = MockServer::start_async().await;
    let m = server.mock(|when, then| {
        when.method(POST)
            .path(format!("{ACCOUNT}/"))
            .query_param_exists("bulk-delete")
            .header("content-type", "text/plain")
            .header("accept", "application/json")
            .body("/c/a%20b\n/c/d/%C3%A9%3F\n/c/gone\n/full\n");
        then.status(200).header("content-type", "application/json").body(
            r#"{"Number Not Found": 1, "Response Status": "400 Bad Request", "Response Body": "",
               "Errors": [["/full", "409 Conflict"]], "Number Deleted": 2}"#,
        );
    });
    let _all = catch_all(&server);
    let swift = client(&server);
    let r = objects::bulk_delete(
        &swift,
        [("c", "a b"), ("c", "d/é?"), ("c", "gone"), ("full", "")],
    )
    .await
    .expect("bulk");
    assert_eq!(r.number_deleted, 2);
    assert_eq!(r.number_not_found, 1);
    assert_eq!(r.errors.len(), 1);
    assert_eq!(r.errors[0].path, "/full");
    assert_eq!(r.errors[0].status, "409 Conflict");
    assert!(!r.is_success());
    m.assert_async().await;
    // Nothing to delete: no request.
    let empty: [(&str, &str); 0] = [];
    let r = objects::bulk_delete(&swift, empty).await.expect("empty");
    assert_eq!(r.number_deleted, 0);
}

#[tokio::test]
async fn extract_archive_streams_and_parses() {
    let server = MockServer::start_async().await;
    let m = server.mock(|when, then| {
        when.method(PUT)
            .path(format!("{ACCOUNT}/dest"))
            .query_param("extract-archive", "tar.gz")
            .body("ARCHIVE-BYTES");
        then.status(200).body(
            r#"{"Response Status": "201 Created", "Response Body": "", "Errors": [], "Number Files Created": 10}"#,
        );
    });
    let _all = catch_all(&server);
    let swift = client(&server);
    let r = objects::extract_archive(
        &swift,
        Some("dest"),
        ArchiveFormat::TarGz,
        chunked(b"ARCHIVE-BYTES", 4),
    )
    .await
    .expect("extract");
    assert_eq!(r.number_files_created, 10);
    assert!(r.is_success());
    m.assert_async().await;
}
