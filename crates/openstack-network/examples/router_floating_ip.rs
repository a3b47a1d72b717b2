//! Connects a private subnet to an external network with a router, gives a port a floating
//! IP, then takes it away and cleans up.
//!
//! Needs the id of an external network: `EXTERNAL_NETWORK_ID=... cargo run --example
//! router_floating_ip`.

use openstack_core::auth::AuthOptions;
use openstack_core::ProviderClient;
use openstack_network::layer3::{floatingips, routers};
use openstack_network::{networks, ports, subnets};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let external = std::env::var("EXTERNAL_NETWORK_ID")?;
    let provider = ProviderClient::builder()
        .auth_options(AuthOptions::from_env()?)
        .build()
        .await?;
    let network = openstack_network::client(&provider)?;

    let net = networks::create(
        &network,
        networks::CreateOpts::new().name("example-private"),
    )
    .await?;
    let subnet = subnets::create(
        &network,
        subnets::CreateOpts::new(&net.id, subnets::IpVersion::V4).cidr("10.40.0.0/24"),
    )
    .await?;

    let router = routers::create(
        &network,
        routers::CreateOpts::new()
            .name("example-router")
            .external_gateway(routers::GatewayInfo::new(&external)),
    )
    .await?;
    routers::add_interface(
        &network,
        &router.id,
        routers::InterfaceOpts::subnet(&subnet.id),
    )
    .await?;

    let port = ports::create(&network, ports::CreateOpts::new(&net.id)).await?;
    let fip = floatingips::create(
        &network,
        floatingips::CreateOpts::new(&external).port_id(&port.id),
    )
    .await?;
    println!("{} -> {:?}", fip.floating_ip_address, fip.fixed_ip_address);

    // Disassociate (sends "port_id": null), then release.
    floatingips::update(
        &network,
        &fip.id,
        floatingips::UpdateOpts::new().disassociate(),
    )
    .await?;
    floatingips::delete(&network, &fip.id).await?;

    ports::delete(&network, &port.id).await?;
    routers::remove_interface(
        &network,
        &router.id,
        routers::InterfaceOpts::subnet(&subnet.id),
    )
    .await?;
    routers::delete(&network, &router.id).await?;
    networks::delete(&network, &net.id).await?;
    Ok(())
}
