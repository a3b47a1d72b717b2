//! Resize a server to another flavor and confirm the resize.
//!
//! ```text
//! cargo run -p openstack-compute --example servers_resize -- <server-id> <new-flavor-id>
//! ```

use std::time::Duration;

use openstack_compute::actions::{self, ResizeOpts};
use openstack_compute::servers::{self, Status};
use openstack_core::auth::AuthOptions;
use openstack_core::ProviderClient;

#[tokio::main]
async fn main() -> openstack_core::Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(server_id), Some(flavor_id)) = (args.next(), args.next()) else {
        eprintln!("usage: servers_resize <server-id> <new-flavor-id>");
        std::process::exit(2);
    };
    let provider = ProviderClient::builder()
        .auth_options(AuthOptions::from_env()?)
        .build()
        .await?;
    let compute = openstack_compute::client(&provider)?;
    let timeout = Duration::from_secs(600);

    actions::resize(&compute, &server_id, ResizeOpts::new(flavor_id)).await?;
    servers::wait_for_status(&compute, &server_id, Status::VerifyResize, timeout).await?;
    actions::confirm_resize(&compute, &server_id).await?;
    let server = servers::wait_for_status(&compute, &server_id, Status::Active, timeout).await?;
    println!("{} now runs flavor {:?}", server.name, server.flavor);
    Ok(())
}
