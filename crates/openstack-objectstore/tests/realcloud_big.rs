//! Opt-in (`FERROCLOUD_OBJECTSTORE_BIG=<MiB>`): streams a large object up and down through
//! the real Swift and checks that the process's peak memory stays far below the object's
//! size — nothing may buffer a whole object. The timed benchmark is `cargo xtask bench`.

#![allow(clippy::unwrap_used)]

use bytes::Bytes;
use futures::{StreamExt, TryStreamExt};
use md5::Digest;
use openstack_core::{Body, ProviderClient};
use openstack_objectstore::objects::{self, DownloadOpts, UploadOpts};
use openstack_objectstore::{containers, large_objects};
use openstack_test_support::realcloud;

fn peak_rss_mib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kb| kb.parse::<u64>().ok())
        .map_or(0, |kb| kb / 1024)
}

/// `mib` MiB of generated data in 256 KiB chunks, produced as they are read.
fn generated(mib: usize) -> impl futures::Stream<Item = Result<Bytes, std::io::Error>> + Send {
    futures::stream::iter(0..mib * 4).map(|i| {
        let mut chunk = vec![0u8; 256 * 1024];
        for (j, b) in chunk.iter_mut().enumerate() {
            *b = (i.wrapping_mul(31) ^ j.wrapping_mul(7)) as u8;
        }
        Ok(Bytes::from(chunk))
    })
}

async fn expected_md5(mib: usize) -> String {
    let mut h = md5::Md5::new();
    let mut s = std::pin::pin!(generated(mib));
    while let Some(c) = s.try_next().await.unwrap() {
        h.update(&c);
    }
    hex::encode(h.finalize())
}

#[tokio::test]
async fn large_streams_use_little_memory() {
    let Ok(mib) =
        std::env::var("FERROCLOUD_OBJECTSTORE_BIG").map(|v| v.parse::<usize>().unwrap_or(256))
    else {
        eprintln!("SKIPPED: set FERROCLOUD_OBJECTSTORE_BIG=<MiB> to run");
        return;
    };
    let Some(provider) = realcloud::client("admin").await else {
        return;
    };
    let swift = match std::env::var("FERROCLOUD_OBJECTSTORE_ENDPOINT") {
        Ok(t) => {
            let project = provider.token().await.unwrap().project.clone().unwrap().id;
            let p = ProviderClient::builder()
                .auth_options(realcloud::options("admin"))
                .endpoint_override("object-store", t.replace("{project_id}", &project))
                .build()
                .await
                .unwrap();
            openstack_objectstore::client(&p).unwrap()
        }
        Err(_) => {
            if !realcloud::has("swift") {
                return;
            }
            openstack_objectstore::client(&provider).unwrap()
        }
    };
    let c = realcloud::unique_name("big");
    containers::create(&swift, &c, containers::CreateOpts::new())
        .await
        .unwrap();
    let want = expected_md5(mib).await;
    let before = peak_rss_mib();

    let t = std::time::Instant::now();
    let put = objects::upload(
        &swift,
        &c,
        "big",
        Body::from_stream(generated(mib)),
        UploadOpts::new(),
    )
    .await
    .unwrap();
    assert_eq!(put.etag, want);
    let up_secs = t.elapsed().as_secs_f64();

    let t = std::time::Instant::now();
    let mut s = objects::download(&swift, &c, "big", DownloadOpts::new())
        .await
        .unwrap()
        .into_stream();
    let mut h = md5::Md5::new();
    let mut n = 0u64;
    while let Some(chunk) = s.try_next().await.unwrap() {
        n += chunk.len() as u64;
        h.update(&chunk);
    }
    assert_eq!(n, (mib * 1024 * 1024) as u64);
    assert_eq!(hex::encode(h.finalize()), want);
    let down_secs = t.elapsed().as_secs_f64();

    // And as a static large object, 8 MiB segments, 3 at a time.
    let up = large_objects::upload_slo(
        &swift,
        &c,
        "big-slo",
        Body::from_stream(generated(mib)),
        large_objects::SloUploadOpts::new(8 * 1024 * 1024).concurrency(3),
    )
    .await
    .unwrap();
    assert_eq!(up.bytes, (mib * 1024 * 1024) as u64);
    let peak = peak_rss_mib();
    large_objects::delete_slo(&swift, &c, "big-slo")
        .await
        .unwrap();
    objects::delete(&swift, &c, "big").await.unwrap();
    containers::delete(&swift, &c).await.unwrap();
    containers::delete(&swift, &format!("{c}_segments"))
        .await
        .unwrap();
    println!(
        "{mib} MiB: upload {:.0} MiB/s, download {:.0} MiB/s, peak RSS {before} -> {peak} MiB",
        mib as f64 / up_secs,
        mib as f64 / down_secs
    );
    // Three 8 MiB segments in flight plus one being filled, plus the process itself.
    assert!(
        peak.saturating_sub(before) < 64,
        "peak RSS grew by {} MiB",
        peak - before
    );
}
