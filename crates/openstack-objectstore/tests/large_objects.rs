//! Large objects, temp URLs and /info against httpmock.

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use common::{catch_all, client, md5_hex, sample, ACCOUNT};
use httpmock::prelude::*;
use openstack_core::Body;
use openstack_objectstore::large_objects::{self, SloUploadOpts};
use openstack_objectstore::tempurl::{self, TempUrlDigest, TempUrlOpts};
use openstack_objectstore::{info, SecretKey};

fn stream_of(data: &'static [u8], chunk: usize) -> Body {
    let chunks: Vec<Result<Bytes, std::io::Error>> = data
        .chunks(chunk)
        .map(|c| Ok(Bytes::from_static(c)))
        .collect();
    Body::from_stream(futures::stream::iter(chunks))
}

#[tokio::test]
async fn slo_upload_segments_then_manifest() {
    let server = MockServer::start_async().await;
    let data: &'static [u8] = b"abcdefghij";
    let segc = server.mock(|when, then| {
        when.method(PUT).path(format!("{ACCOUNT}/c_segments"));
        then.status(201);
    });
    let mut segs = Vec::new();
    for (i, part) in [&b"abcd"[..], b"efgh", b"ij"].iter().enumerate() {
        let part = *part;
        segs.push(server.mock(move |when, then| {
            when.method(PUT)
                .path(format!("{ACCOUNT}/c_segments/big/pre/{i:08}"))
                .header("etag", md5_hex(part))
                .body(String::from_utf8(part.to_vec()).expect("ascii"));
            then.status(201).header("etag", md5_hex(part));
        }));
    }
    let manifest = server.mock(|when, then| {
        when.method(PUT)
            .path(format!("{ACCOUNT}/c/big"))
            .query_param("multipart-manifest", "put")
            .header("x-object-meta-kind", "test")
            .json_body(serde_json::json!([
                {"path": "/c_segments/big/pre/00000000", "etag": md5_hex(b"abcd"), "size_bytes": 4},
                {"path": "/c_segments/big/pre/00000001", "etag": md5_hex(b"efgh"), "size_bytes": 4},
                {"path": "/c_segments/big/pre/00000002", "etag": md5_hex(b"ij"), "size_bytes": 2}
            ]));
        then.status(201).header("etag", "\"slo-etag\"");
    });
    let _all = catch_all(&server);
    let swift = client(&server);
    let up = large_objects::upload_slo(
        &swift,
        "c",
        "big",
        stream_of(data, 3),
        SloUploadOpts::new(4)
            .concurrency(2)
            .segment_prefix("big/pre/")
            .metadata("kind", "test"),
    )
    .await
    .expect("slo");
    assert_eq!(up.bytes, 10);
    assert_eq!(up.segments.len(), 3);
    assert_eq!(up.etag.as_deref(), Some("slo-etag"));
    segc.assert_async().await;
    for s in &segs {
        s.assert_async().await;
    }
    manifest.assert_async().await;
}

#[tokio::test]
async fn slo_failure_deletes_uploaded_segments() {
    let server = MockServer::start_async().await;
    let segc = server.mock(|when, then| {
        when.method(PUT).path(format!("{ACCOUNT}/segs"));
        then.status(202);
    });
    let seg0 = server.mock(|when, then| {
        when.method(PUT).path(format!("{ACCOUNT}/segs/p/00000000"));
        then.status(201).header("etag", md5_hex(b"abcd"));
    });
    let seg1 = server.mock(|when, then| {
        when.method(PUT).path(format!("{ACCOUNT}/segs/p/00000001"));
        then.status(503)
            .body("<html><h1>Service Unavailable</h1></html>");
    });
    let cleanup = server.mock(|when, then| {
        when.method(POST)
            .path(format!("{ACCOUNT}/"))
            .query_param_exists("bulk-delete")
            .body("/segs/p/00000000\n/segs/p/00000001\n");
        then.status(200).body(r#"{"Number Deleted": 1, "Number Not Found": 0, "Response Status": "200 OK", "Response Body": "", "Errors": []}"#);
    });
    let _all = catch_all(&server);
    let swift = client(&server);
    let err = large_objects::upload_slo(
        &swift,
        "c",
        "big",
        stream_of(b"abcdefgh", 8),
        SloUploadOpts::new(4)
            .concurrency(1)
            .segment_container("segs")
            .segment_prefix("p/"),
    )
    .await
    .expect_err("segment 1 fails");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    segc.assert_async().await;
    seg0.assert_async().await;
    assert!(seg1.calls_async().await >= 1);
    cleanup.assert_async().await;
}

#[tokio::test]
async fn slo_read_ahead_is_bounded_by_concurrency() {
    // Every segment PUT takes 50 ms; with 3 in flight, the source stream must not be read
    // far ahead of the uploads: chunk k (one chunk = one segment) can only be pulled once
    // segment k - 4 has finished, i.e. no earlier than about (k - 4) / 3 × 50 ms.
    let server = MockServer::start_async().await;
    let _segc = server.mock(|when, then| {
        when.method(PUT).path(format!("{ACCOUNT}/c_segments"));
        then.status(201);
    });
    let _segs = server.mock(|when, then| {
        when.method(PUT).path_includes("/c_segments/p/");
        then.status(201).delay(Duration::from_millis(50));
    });
    let _manifest = server.mock(|when, then| {
        when.method(PUT)
            .path(format!("{ACCOUNT}/c/o"))
            .query_param("multipart-manifest", "put");
        then.status(201);
    });
    let _all = catch_all(&server);
    let swift = client(&server);
    let times = Arc::new(Mutex::new(Vec::new()));
    let t = times.clone();
    let start = std::time::Instant::now();
    use futures::StreamExt;
    let chunks = futures::stream::iter(0..30).map(move |_| {
        t.lock().expect("lock").push(start.elapsed());
        Ok::<_, std::io::Error>(Bytes::from(vec![7u8; 1000]))
    });
    let up = large_objects::upload_slo(
        &swift,
        "c",
        "o",
        Body::from_stream(chunks),
        SloUploadOpts::new(1000).concurrency(3).segment_prefix("p/"),
    )
    .await
    .expect("slo");
    assert_eq!(up.segments.len(), 30);
    let times = times.lock().expect("lock");
    assert_eq!(times.len(), 30);
    for (k, at) in times.iter().enumerate() {
        let min_ms = (k.saturating_sub(4) / 3) as u64 * 50 * 8 / 10;
        assert!(
            at.as_millis() as u64 >= min_ms,
            "chunk {k} was read at {at:?}, before {min_ms} ms: the upload reads too far ahead"
        );
    }
}

#[tokio::test]
async fn dlo_and_slo_delete() {
    let server = MockServer::start_async().await;
    let _segc = server.mock(|when, then| {
        when.method(PUT).path(format!("{ACCOUNT}/c_segments"));
        then.status(201);
    });
    let seg = server.mock(|when, then| {
        when.method(PUT)
            .path(format!("{ACCOUNT}/c_segments/my%20obj/p/00000000"))
            .body("xyz");
        then.status(201).header("etag", md5_hex(b"xyz"));
    });
    let manifest = server.mock(|when, then| {
        when.method(PUT)
            .path(format!("{ACCOUNT}/c/my%20obj"))
            .header("x-object-manifest", "c_segments/my%20obj/p/")
            .body("");
        then.status(201).header("etag", md5_hex(b""));
    });
    let del = server.mock(|when, then| {
        when.method(DELETE)
            .path(format!("{ACCOUNT}/c/slo"))
            .query_param("multipart-manifest", "delete");
        then.status(200).body(r#"{"Number Not Found": 0, "Response Status": "200 OK", "Response Body": "", "Errors": [], "Number Deleted": 3}"#);
    });
    let _all = catch_all(&server);
    let swift = client(&server);
    let up = large_objects::upload_dlo(
        &swift,
        "c",
        "my obj",
        stream_of(b"xyz", 2),
        SloUploadOpts::new(10).segment_prefix("my obj/p/"),
    )
    .await
    .expect("dlo");
    assert_eq!(up.bytes, 3);
    let r = large_objects::delete_slo(&swift, "c", "slo")
        .await
        .expect("delete");
    assert_eq!(r.number_deleted, 3);
    seg.assert_async().await;
    manifest.assert_async().await;
    del.assert_async().await;
}

#[tokio::test]
async fn info_is_read_at_the_root_without_token() {
    let server = MockServer::start_async().await;
    let body = openstack_test_support::corpus::read(&sample("capabilities-list-response.json"));
    let m = server.mock(|when, then| {
        when.method(GET)
            .path("/info")
            .header_missing("x-auth-token");
        then.status(200)
            .header("content-type", "application/json")
            .body(body.clone());
    });
    let _all = catch_all(&server);
    let swift = client(&server);
    let caps = info::get(&swift).await.expect("info");
    assert_eq!(caps.swift.version.as_deref(), Some("1.11.0"));
    let slo = caps.slo.as_ref().expect("slo");
    assert_eq!(slo.max_manifest_segments, Some(1000));
    assert_eq!(slo.max_manifest_size, Some(2_097_152));
    assert!(caps.tempurl.is_some());
    assert!(caps.has("staticweb"));
    assert!(!caps.has("bulk_delete"));
    m.assert_async().await;
}

#[test]
fn temp_url_signatures_match_swift() {
    // Reference values computed with Python's hmac exactly as swift.common.digest.get_hmac
    // does; the SHA-512 one is the example in Swift's tempurl documentation.
    let key = SecretKey::new("mykey");
    let path = "/v1/AUTH_account/container/object";
    assert_eq!(
        tempurl::signature(&key, "GET", 1_516_741_234, path, None, TempUrlDigest::Sha1),
        "712dcef48d391e39bd2e3b63fc0a07146a36055e"
    );
    assert_eq!(
        tempurl::signature(
            &key,
            "GET",
            1_516_741_234,
            path,
            None,
            TempUrlDigest::Sha256
        ),
        "b230eeea40cafd23d6db5bbe766b606e201815952347be46ac8cab416564e4f4"
    );
    assert_eq!(
        tempurl::signature(&key, "GET", 1_516_741_234, path, None, TempUrlDigest::Sha512),
        "sha512:ZrSijn0GyDhsv1ltIj9hWUTrbAeE45NcKXyBaz7aPbSMvROQ4jtYH4nRAmm5ErY2X11Yc1Yhy2OMCyN3yueeXg=="
    );
    assert_eq!(
        tempurl::signature(
            &key,
            "PUT",
            1_516_741_234,
            "prefix:/v1/AUTH_account/c ü/pre",
            Some("1.2.3.0/24"),
            TempUrlDigest::Sha256
        ),
        "3e00c48e3346662dbf2d8e6bb05901505057fa67ed897dd21c8103850993507b"
    );
}

#[test]
fn temp_urls_are_built_like_swift_expects() {
    let endpoint = url::Url::parse("http://127.0.0.1:8080/v1/AUTH_account/").expect("url");
    let key = SecretKey::new("mykey");
    let u = tempurl::temp_url_for(
        &endpoint,
        "container",
        "object",
        &key,
        &TempUrlOpts::new(http::Method::GET, 1_516_741_234).digest(TempUrlDigest::Sha512),
    )
    .expect("url");
    assert_eq!(
        u.as_str(),
        "http://127.0.0.1:8080/v1/AUTH_account/container/object?temp_url_sig=sha512%3AZrSijn0GyDhsv1ltIj9hWUTrbAeE45NcKXyBaz7aPbSMvROQ4jtYH4nRAmm5ErY2X11Yc1Yhy2OMCyN3yueeXg%3D%3D&temp_url_expires=1516741234"
    );
    let u = tempurl::temp_url_for(
        &endpoint,
        "c ü",
        "pre/x y?",
        &key,
        &TempUrlOpts::new(http::Method::PUT, 1_516_741_234)
            .prefix("pre")
            .ip_range("1.2.3.0/24")
            .filename("x y.txt"),
    )
    .expect("url");
    assert_eq!(u.path(), "/v1/AUTH_account/c%20%C3%BC/pre/x%20y%3F");
    let q: Vec<(String, String)> = u
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    assert_eq!(
        q[0],
        (
            "temp_url_sig".into(),
            "3e00c48e3346662dbf2d8e6bb05901505057fa67ed897dd21c8103850993507b".into()
        )
    );
    assert_eq!(q[1], ("temp_url_expires".into(), "1516741234".into()));
    assert_eq!(q[2], ("temp_url_prefix".into(), "pre".into()));
    assert_eq!(q[3], ("temp_url_ip_range".into(), "1.2.3.0/24".into()));
    assert_eq!(q[4], ("filename".into(), "x y.txt".into()));
    // The object must be under the signed prefix.
    assert!(tempurl::temp_url_for(
        &endpoint,
        "c",
        "other",
        &key,
        &TempUrlOpts::new(http::Method::GET, 1).prefix("pre")
    )
    .is_err());
    // Relative expiry is in the future.
    let u = tempurl::temp_url_for(
        &endpoint,
        "c",
        "o",
        &key,
        &TempUrlOpts::get(Duration::from_secs(60)),
    )
    .expect("url");
    let exp: u64 = u
        .query_pairs()
        .find(|(k, _)| k == "temp_url_expires")
        .expect("exp")
        .1
        .parse()
        .expect("int");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("now")
        .as_secs();
    assert!(exp >= now + 59 && exp <= now + 61);
    assert!(!format!("{:?}", TempUrlOpts::get(Duration::from_secs(1))).contains("mykey"));
}
