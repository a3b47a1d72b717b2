//! Delete a server and wait until it is gone.
//!
//! ```text
//! cargo run -p openstack-compute --example servers_delete -- <server-id>
//! ```

use std::time::Duration;

use openstack_compute::servers;
use openstack_core::auth::AuthOptions;
use openstack_core::ProviderClient;

#[tokio::main]
async fn main() -> openstack_core::Result<()> {
    let Some(server_id) = std::env::args().nth(1) else {
        eprintln!("usage: servers_delete <server-id>");
        std::process::exit(2);
    };
    let provider = ProviderClient::builder()
        .auth_options(AuthOptions::from_env()?)
        .build()
        .await?;
    let compute = openstack_compute::client(&provider)?;

    match servers::delete(&compute, &server_id).await {
        Err(e) if e.is_not_found() => println!("{server_id} does not exist"),
        other => other?,
    }
    servers::wait_for_delete(&compute, &server_id, Duration::from_secs(300)).await?;
    println!("{server_id} is gone");
    Ok(())
}
