//! Import an image with the interoperable import API: `web-download` when given a URL,
//! else `glance-direct` after staging a local file.
//!
//! ```text
//! source openrc
//! cargo run -p openstack-image --example image_import -- <name> <url-or-file>
//! ```

use std::time::Duration;

use openstack_core::auth::AuthOptions;
use openstack_core::{Body, ProviderClient};
use openstack_image::images::{self, CreateOpts, Status};
use openstack_image::{data, imports};

#[tokio::main]
async fn main() -> openstack_core::Result<()> {
    let mut args = std::env::args().skip(1);
    let name = args.next().unwrap_or_else(|| "ferrocloud-import".into());
    let source = args.next().unwrap_or_default();

    let provider = ProviderClient::builder()
        .auth_options(AuthOptions::from_env()?)
        .build()
        .await?;
    let glance = openstack_image::client(&provider)?;
    let methods = imports::get_import_info(&glance)
        .await?
        .import_methods
        .value;
    println!("the cloud offers: {methods:?}");

    let image = images::create(
        &glance,
        CreateOpts::new(name)
            .disk_format("raw")
            .container_format("bare"),
    )
    .await?;
    let opts = if source.starts_with("http://") || source.starts_with("https://") {
        imports::ImportOpts::web_download(source)
    } else {
        // Read 256 KiB at a time as it is sent, with its size as Content-Length.
        let body = Body::from_path(&source).await?;
        data::stage(&glance, &image.id, body).await?;
        imports::ImportOpts::glance_direct()
    };
    imports::import(&glance, &image.id, opts).await?;
    let image =
        images::wait_for_status(&glance, &image.id, Status::Active, Duration::from_secs(600))
            .await?;
    println!("{} is active ({:?} bytes)", image.id, image.size);
    Ok(())
}
