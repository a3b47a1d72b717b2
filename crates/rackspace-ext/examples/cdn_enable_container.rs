//! Create a Cloud Files container, publish it on the CDN, and print its public URIs.
//!
//! ```text
//! export RS_USERNAME=jdoe RS_API_KEY=0123456789abcdef RS_REGION_NAME=DFW
//! cargo run -p rackspace-ext --example cdn_enable_container -- my-site
//! ```

use futures::TryStreamExt;
use rackspace_ext::cdn::{self, ListOpts, UpdateOpts};

#[tokio::main]
async fn main() -> openstack_core::Result<()> {
    let name = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "ferrocloud-cdn".into());
    let provider = rackspace_ext::auth::provider_from_env().await?;
    let files = rackspace_ext::files::client(&provider)?;
    let cdn_client = cdn::client(&provider)?;

    // Create the container and CDN-enable it with a one-hour TTL.
    let published =
        rackspace_ext::files::create_public_container(&files, &cdn_client, &name, Some(3600))
            .await?;
    println!("{name}: http {:?}", published.uri);
    println!("{name}: https {:?}", published.ssl_uri);
    println!("index page: {:?}", published.object_url("index.html", true));

    // Keep the CDN access logs, then read the settings back.
    cdn::update(&cdn_client, &name, UpdateOpts::new().log_retention(true)).await?;
    let info = cdn::get(&cdn_client, &name).await?;
    println!(
        "enabled {:?}, ttl {:?} s, logs {:?}",
        info.enabled, info.ttl, info.log_retention
    );

    // Every container that is CDN-enabled now.
    let mut all = cdn::list(&cdn_client, ListOpts::new().enabled_only(true));
    while let Some(c) = all.try_next().await? {
        println!("{:30} ttl {:?} {:?}", c.name, c.ttl, c.cdn_ssl_uri);
    }
    Ok(())
}
