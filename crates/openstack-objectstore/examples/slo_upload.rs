//! Uploads a large file as a static large object: 64 MiB segments, four at a time, so
//! memory stays near 5 × 64 MiB whatever the file's size.
//!
//! `cargo run -p openstack-objectstore --example slo_upload -- <container> <object> <path>`

use openstack_core::auth::AuthOptions;
use openstack_core::{Body, ProviderClient};
use openstack_objectstore::containers;
use openstack_objectstore::large_objects::{self, SloUploadOpts};
use tokio_util::io::ReaderStream;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(container), Some(object), Some(path)) = (args.next(), args.next(), args.next())
    else {
        eprintln!("usage: slo_upload <container> <object> <path>");
        std::process::exit(2);
    };

    let provider = ProviderClient::authenticate(AuthOptions::from_env()?).await?;
    let swift = openstack_objectstore::client(&provider)?;
    containers::create(&swift, &container, containers::CreateOpts::new()).await?;

    let file = tokio::fs::File::open(&path).await?;
    let up = large_objects::upload_slo(
        &swift,
        &container,
        &object,
        Body::from_stream(ReaderStream::with_capacity(file, 1024 * 1024)),
        SloUploadOpts::new(64 * 1024 * 1024)
            .concurrency(4)
            .segment_container(format!("{container}_segments")),
    )
    .await?; // on failure the uploaded segments are deleted
    println!(
        "{} bytes in {} segments (in {}), manifest etag {:?}",
        up.bytes,
        up.segments.len(),
        up.segment_container,
        up.etag
    );
    Ok(())
}
