//! Shares a network with another project through an RBAC policy, then unshares it.
//!
//! Usage: `rbac_share_network <project-id>`. Reads the usual `OS_*` variables.

use futures::TryStreamExt;
use openstack_core::auth::AuthOptions;
use openstack_core::ProviderClient;
use openstack_network::networks;
use openstack_network::rbac_policies::{self, Action, CreateOpts, ListOpts};

#[tokio::main]
async fn main() -> openstack_core::Result<()> {
    let target = std::env::args().nth(1).unwrap_or_else(|| "*".to_owned());
    let provider = ProviderClient::builder()
        .auth_options(AuthOptions::from_env()?)
        .build()
        .await?;
    let network = openstack_network::client(&provider)?;

    let net =
        networks::create(&network, networks::CreateOpts::new().name("example-shared")).await?;
    let policy = rbac_policies::create(
        &network,
        CreateOpts::new("network", &net.id, Action::AccessAsShared, &target),
    )
    .await?;
    println!("{} may now use {}", policy.target_tenant, net.id);

    let mut policies = rbac_policies::list(&network, ListOpts::new().object_id(&net.id));
    while let Some(p) = policies.try_next().await? {
        println!("{} {} {}", p.id, p.action, p.target_tenant);
    }

    rbac_policies::delete(&network, &policy.id).await?;
    networks::delete(&network, &net.id).await?;
    Ok(())
}
