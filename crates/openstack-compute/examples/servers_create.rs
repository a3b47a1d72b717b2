//! Create a server and wait until it is ACTIVE.
//!
//! ```text
//! source openrc
//! cargo run -p openstack-compute --example servers_create -- <name> <flavor-id> <image-id>
//! ```

use std::time::Duration;

use openstack_compute::servers::{self, CreateOpts, Networks, Status};
use openstack_core::auth::AuthOptions;
use openstack_core::{Microversion, ProviderClient};

#[tokio::main]
async fn main() -> openstack_core::Result<()> {
    let mut args = std::env::args().skip(1);
    let name = args.next().unwrap_or_else(|| "ferrocloud-example".into());
    let flavor = args.next().unwrap_or_else(|| "1".into());
    let image = args.next().unwrap_or_default();

    let provider = ProviderClient::builder()
        .auth_options(AuthOptions::from_env()?)
        .build()
        .await?;
    // Ask for the newest microversion both we and the cloud know.
    let compute = openstack_compute::client(&provider)?
        .negotiate_microversion(Microversion::new(2, 104))
        .await?;

    let opts = CreateOpts::new(name, flavor)
        .image_ref(image)
        .networks(Networks::Auto)
        .metadata("created-by", "ferrocloud")
        .user_data("#cloud-config\npackages: [htop]\n");
    let created = servers::create(&compute, opts).await?;
    println!("created {}; waiting for ACTIVE", created.id);

    // Fails early, with Nova's fault message, if the server goes to ERROR.
    let server = servers::wait_for_status(
        &compute,
        &created.id,
        Status::Active,
        Duration::from_secs(600),
    )
    .await?;
    println!(
        "{} is {} on {:?}",
        server.name, server.status, server.addresses
    );
    Ok(())
}
