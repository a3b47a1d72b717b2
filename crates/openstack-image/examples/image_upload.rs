//! Create an image and upload a local file to it, streamed (the file is never read into
//! memory whole), then wait until the image is active.
//!
//! ```text
//! source openrc
//! cargo run -p openstack-image --example image_upload -- <name> <file> [disk-format]
//! ```

use std::time::Duration;

use openstack_core::auth::AuthOptions;
use openstack_core::{Body, ProviderClient};
use openstack_image::data;
use openstack_image::images::{self, CreateOpts, Status};

#[tokio::main]
async fn main() -> openstack_core::Result<()> {
    let mut args = std::env::args().skip(1);
    let name = args.next().unwrap_or_else(|| "ferrocloud-example".into());
    let path = args.next().unwrap_or_else(|| "disk.img".into());
    let disk_format = args.next().unwrap_or_else(|| "raw".into());

    let provider = ProviderClient::builder()
        .auth_options(AuthOptions::from_env()?)
        .build()
        .await?;
    let glance = openstack_image::client(&provider)?;

    let image = images::create(
        &glance,
        CreateOpts::new(name)
            .disk_format(disk_format)
            .container_format("bare")
            .property("created-by", "ferrocloud"),
    )
    .await?;
    println!("created {}; uploading {path}", image.id);

    // Read 256 KiB at a time as it is sent, with its size as Content-Length.
    let body = Body::from_path(&path).await?;
    data::upload(&glance, &image.id, body).await?;

    let image =
        images::wait_for_status(&glance, &image.id, Status::Active, Duration::from_secs(300))
            .await?;
    println!(
        "{} is active: {:?} bytes, {:?} {:?}",
        image.id, image.size, image.os_hash_algo, image.os_hash_value
    );
    Ok(())
}
