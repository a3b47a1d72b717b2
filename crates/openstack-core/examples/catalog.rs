//! Authenticates from the `OS_*` environment variables (an openrc file) and prints the token's
//! scope and the service catalog, then lists the compute flavors through the raw escape hatch.
//!
//! ```sh
//! source openrc && cargo run -p openstack-core --example catalog
//! ```

use openstack_core::auth::AuthOptions;
use openstack_core::{EndpointOpts, ProviderClient, Request};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), openstack_core::Error> {
    let provider = ProviderClient::authenticate(AuthOptions::from_env()?).await?;

    let token = provider.token().await?;
    if let Some(project) = &token.project {
        println!(
            "scoped to project {} ({})",
            project.name.as_deref().unwrap_or("?"),
            project.id
        );
    }
    println!("expires at {:?}", token.expires_at);
    println!("catalog: {}", provider.catalog().summary());

    let compute = provider.service_client(EndpointOpts::new("compute"))?;
    let flavors: serde_json::Value = compute.send_json(Request::get("flavors")).await?;
    for f in flavors["flavors"].as_array().into_iter().flatten() {
        println!("flavor {}", f["name"]);
    }
    Ok(())
}
