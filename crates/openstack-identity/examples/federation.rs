//! Registers a SAML2 identity provider whose users become members of a group: a mapping, the
//! identity provider and its `saml2` protocol.
//!
//! ```sh
//! source admin-openrc.sh
//! cargo run -p openstack-identity --example federation -- acme https://idp.acme.example/saml <group-id>
//! ```

use openstack_identity::federation::mappings::{Local, Remote, Rule};
use openstack_identity::federation::{identity_providers, mappings, protocols};

use openstack_core::auth::AuthOptions;
use openstack_core::ProviderClient;

#[tokio::main]
async fn main() -> openstack_core::Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(idp), Some(entity_id), Some(group_id)) = (args.next(), args.next(), args.next())
    else {
        return Err(openstack_core::Error::invalid_input(
            "usage: federation <idp-id> <remote-entity-id> <group-id>",
        ));
    };
    let provider = ProviderClient::authenticate(AuthOptions::from_env()?).await?;
    let identity = openstack_identity::client(&provider)?;

    // Users asserted with a REMOTE_USER attribute, except guests, join the group.
    let rule = Rule::new(
        vec![Local::user_name("{0}"), Local::group_id(group_id)],
        vec![
            Remote::new("REMOTE_USER"),
            Remote::new("orgPersonType").not_any_of(["Guest"]),
        ],
    );
    let mapping_id = format!("{idp}-mapping");
    mappings::create(
        &identity,
        &mapping_id,
        mappings::CreateOpts::new(vec![rule]),
    )
    .await?;

    let registered = identity_providers::create(
        &identity,
        &idp,
        identity_providers::CreateOpts::new()
            .remote_id(entity_id)
            .description("registered by ferrocloud")
            .enabled(true),
    )
    .await?;
    println!(
        "identity provider {} in domain {:?}",
        registered.id, registered.domain_id
    );

    let protocol = protocols::create(
        &identity,
        &idp,
        "saml2",
        protocols::CreateOpts::new(&mapping_id),
    )
    .await?;
    println!(
        "protocol {} uses mapping {}",
        protocol.id, protocol.mapping_id
    );
    Ok(())
}
