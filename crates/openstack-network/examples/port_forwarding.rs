//! Forwards TCP port 2222 of a floating IP to SSH on a port's fixed IP.
//!
//! Usage: `port_forwarding <floating-ip-id> <port-id>`. The port's subnet must be attached to
//! a router whose gateway is on the floating IP's network. Reads the usual `OS_*` variables.

use openstack_core::auth::AuthOptions;
use openstack_core::ProviderClient;
use openstack_network::layer3::portforwarding::{self, CreateOpts, Protocol, UpdateOpts};
use openstack_network::ports;

#[tokio::main]
async fn main() -> openstack_core::Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(fip), Some(port_id)) = (args.next(), args.next()) else {
        eprintln!("usage: port_forwarding <floating-ip-id> <port-id>");
        return Ok(());
    };
    let provider = ProviderClient::builder()
        .auth_options(AuthOptions::from_env()?)
        .build()
        .await?;
    let network = openstack_network::client(&provider)?;

    let port = ports::get(&network, &port_id).await?;
    let Some(ip) = port.fixed_ips.first() else {
        eprintln!("the port has no fixed IP");
        return Ok(());
    };
    let pf = portforwarding::create(
        &network,
        &fip,
        CreateOpts::new(Protocol::Tcp, &port.id, &ip.ip_address, 22, 2222).description("ssh"),
    )
    .await?;
    println!("{}:{} -> {}:22", fip, 2222, ip.ip_address);
    portforwarding::update(
        &network,
        &fip,
        &pf.id,
        UpdateOpts::new().external_port(2223),
    )
    .await?;
    portforwarding::delete(&network, &fip, &pf.id).await?;
    Ok(())
}
