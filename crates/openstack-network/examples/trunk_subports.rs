//! Makes a trunk of a parent port, adds a VLAN subport, lists the subports, and cleans up.
//!
//! Reads the usual `OS_*` variables. Needs the `trunk` service plugin.

use openstack_core::auth::AuthOptions;
use openstack_core::ProviderClient;
use openstack_network::trunks::{self, CreateOpts, Subport};
use openstack_network::{networks, ports};

#[tokio::main]
async fn main() -> openstack_core::Result<()> {
    let provider = ProviderClient::builder()
        .auth_options(AuthOptions::from_env()?)
        .build()
        .await?;
    let network = openstack_network::client(&provider)?;

    let net = networks::create(&network, networks::CreateOpts::new().name("example-trunk")).await?;
    let parent = ports::create(&network, ports::CreateOpts::new(&net.id)).await?;
    let child = ports::create(&network, ports::CreateOpts::new(&net.id)).await?;

    let trunk = trunks::create(&network, CreateOpts::new(&parent.id).name("example")).await?;
    trunks::add_subports(&network, &trunk.id, [Subport::vlan(&child.id, 101)]).await?;
    for s in trunks::get_subports(&network, &trunk.id).await? {
        println!(
            "{} on {} {:?}",
            s.port_id, s.segmentation_type, s.segmentation_id
        );
    }
    trunks::remove_subports(&network, &trunk.id, [&child.id]).await?;

    trunks::delete(&network, &trunk.id).await?;
    ports::delete(&network, &child.id).await?;
    ports::delete(&network, &parent.id).await?;
    networks::delete(&network, &net.id).await?;
    Ok(())
}
