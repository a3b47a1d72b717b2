//! Lists the agents (admin), and the networks each DHCP agent serves.
//!
//! Reads the usual `OS_*` variables (source an openrc file first).

use futures::TryStreamExt;
use openstack_core::auth::AuthOptions;
use openstack_core::ProviderClient;
use openstack_network::agents::{self, ListOpts};

#[tokio::main]
async fn main() -> openstack_core::Result<()> {
    let provider = ProviderClient::builder()
        .auth_options(AuthOptions::from_env()?)
        .build()
        .await?;
    let network = openstack_network::client(&provider)?;

    let all: Vec<_> = agents::list(&network, ListOpts::new())
        .try_collect()
        .await?;
    for agent in &all {
        let state = if agent.alive { "alive" } else { "DEAD" };
        println!(
            "{} {} on {} ({state})",
            agent.id, agent.agent_type, agent.host
        );
        if agent.agent_type == "DHCP agent" {
            for net in agents::list_dhcp_networks(&network, &agent.id).await? {
                println!("  serves {} {}", net.id, net.name);
            }
        }
    }
    Ok(())
}
