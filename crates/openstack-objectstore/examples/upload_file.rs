//! Uploads a file as a stream (never read whole into memory), checking its MD5.
//!
//! `cargo run -p openstack-objectstore --example upload_file -- <container> <object> <path>`
//! with the `OS_*` variables of an openrc file set.

use openstack_core::auth::AuthOptions;
use openstack_core::{Body, ProviderClient};
use openstack_objectstore::{containers, objects};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(container), Some(object), Some(path)) = (args.next(), args.next(), args.next())
    else {
        eprintln!("usage: upload_file <container> <object> <path>");
        std::process::exit(2);
    };

    let provider = ProviderClient::authenticate(AuthOptions::from_env()?).await?;
    let swift = openstack_objectstore::client(&provider)?;
    containers::create(&swift, &container, containers::CreateOpts::new()).await?;

    // The file is read 256 KiB at a time as the upload proceeds; its size is sent as
    // Content-Length (a file that changes size meanwhile fails the upload).
    let body = Body::from_path(&path).await?;
    let len = body.content_length().unwrap_or_default();

    let put = objects::upload(
        &swift,
        &container,
        &object,
        body,
        objects::UploadOpts::new()
            .content_type("application/octet-stream")
            .metadata("source", path.as_str()),
    )
    .await?; // fails if Swift's ETag differs from the MD5 of what was sent
    println!("uploaded {} bytes, etag {}", len, put.etag);
    Ok(())
}
