//! Creates a security group that lets SSH and HTTP in, lists its rules, and deletes it.

use futures::TryStreamExt;
use openstack_core::auth::AuthOptions;
use openstack_core::ProviderClient;
use openstack_network::security::{groups, rules};

#[tokio::main]
async fn main() -> openstack_core::Result<()> {
    let provider = ProviderClient::builder()
        .auth_options(AuthOptions::from_env()?)
        .build()
        .await?;
    let network = openstack_network::client(&provider)?;

    let sg = groups::create(
        &network,
        groups::CreateOpts::new("example-web").description("SSH and HTTP in"),
    )
    .await?;
    for port in [22, 80] {
        rules::create(
            &network,
            rules::CreateOpts::new(&sg.id, rules::Direction::Ingress)
                .ethertype(rules::EtherType::IPv4)
                .protocol("tcp")
                .port_range(port, port)
                .remote_ip_prefix("0.0.0.0/0"),
        )
        .await?;
    }

    let mut all = rules::list(&network, rules::ListOpts::new().security_group_id(&sg.id));
    while let Some(rule) = all.try_next().await? {
        println!(
            "{} {} {:?} {:?}-{:?} from {:?}",
            rule.direction,
            rule.ethertype,
            rule.protocol,
            rule.port_range_min,
            rule.port_range_max,
            rule.remote_ip_prefix
        );
    }

    groups::delete(&network, &sg.id).await?;
    Ok(())
}
