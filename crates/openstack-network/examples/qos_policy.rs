//! Creates a QoS policy with a bandwidth limit and a DSCP mark, applies it to a new network,
//! and cleans up.
//!
//! Reads the usual `OS_*` variables (source an openrc file first).

use openstack_core::auth::AuthOptions;
use openstack_core::ProviderClient;
use openstack_network::networks;
use openstack_network::qos::{self, Direction, RuleKind, RuleOpts};

#[tokio::main]
async fn main() -> openstack_core::Result<()> {
    let provider = ProviderClient::builder()
        .auth_options(AuthOptions::from_env()?)
        .build()
        .await?;
    let network = openstack_network::client(&provider)?;

    let policy = qos::create(
        &network,
        qos::CreateOpts::new("example-10mbit").description("10 Mbit/s out, AF31"),
    )
    .await?;
    let limit = qos::create_rule(
        &network,
        &policy.id,
        RuleOpts::bandwidth_limit(10_000)
            .max_burst_kbps(1_000)
            .direction(Direction::Egress),
    )
    .await?;
    qos::create_rule(&network, &policy.id, RuleOpts::dscp_marking(26)).await?;

    // Raise the limit: updates name the rule kind.
    qos::update_rule(
        &network,
        &policy.id,
        &limit.id,
        RuleOpts::new(RuleKind::BandwidthLimit).max_kbps(20_000),
    )
    .await?;
    for rule in qos::get(&network, &policy.id).await?.rules {
        println!("{:?} {}", rule.kind, rule.id);
    }

    // Ports of this network get the policy unless they set their own.
    let net = networks::create(
        &network,
        networks::CreateOpts::new()
            .name("example-qos")
            .qos_policy_id(&policy.id),
    )
    .await?;
    networks::delete(&network, &net.id).await?;
    qos::delete(&network, &policy.id).await?;
    Ok(())
}
