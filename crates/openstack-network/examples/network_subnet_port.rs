//! Creates a network, a subnet and a port, prints the port's address, and cleans up.
//!
//! Reads the usual `OS_*` variables (source an openrc file first).

use openstack_core::auth::AuthOptions;
use openstack_core::ProviderClient;
use openstack_network::{networks, ports, subnets, FixedIp};

#[tokio::main]
async fn main() -> openstack_core::Result<()> {
    let provider = ProviderClient::builder()
        .auth_options(AuthOptions::from_env()?)
        .build()
        .await?;
    let network = openstack_network::client(&provider)?;

    let net = networks::create(&network, networks::CreateOpts::new().name("example-net")).await?;
    let subnet = subnets::create(
        &network,
        subnets::CreateOpts::new(&net.id, subnets::IpVersion::V4)
            .name("example-subnet")
            .cidr("10.20.30.0/24")
            .dns_nameservers(["10.20.30.2"]),
    )
    .await?;
    let port = ports::create(
        &network,
        ports::CreateOpts::new(&net.id)
            .name("example-port")
            .fixed_ips([FixedIp::subnet(&subnet.id)]),
    )
    .await?;
    for ip in &port.fixed_ips {
        println!(
            "port {} has {} ({})",
            port.id, ip.ip_address, port.mac_address
        );
    }

    ports::delete(&network, &port.id).await?;
    networks::delete(&network, &net.id).await?; // deletes the subnet too
    Ok(())
}
