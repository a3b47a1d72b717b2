//! Creates an address scope and a subnet pool in it, and cleans up.
//!
//! Reads the usual `OS_*` variables (source an openrc file first).

use openstack_core::auth::AuthOptions;
use openstack_core::ProviderClient;
use openstack_network::address_scopes::{self, CreateOpts};
use openstack_network::subnetpools;
use openstack_network::subnets::IpVersion;

#[tokio::main]
async fn main() -> openstack_core::Result<()> {
    let provider = ProviderClient::builder()
        .auth_options(AuthOptions::from_env()?)
        .build()
        .await?;
    let network = openstack_network::client(&provider)?;

    let scope =
        address_scopes::create(&network, CreateOpts::new("example-v4", IpVersion::V4)).await?;
    let pool = subnetpools::create(
        &network,
        subnetpools::CreateOpts::new("example-pool", ["100.64.0.0/16"])
            .address_scope_id(&scope.id)
            .default_prefixlen(24),
    )
    .await?;
    println!("pool {} in scope {}", pool.id, scope.id);
    subnetpools::delete(&network, &pool.id).await?;
    address_scopes::delete(&network, &scope.id).await?;
    Ok(())
}
