//! Restricts the catalog of a project's tokens to the public endpoints of one service, with
//! an endpoint group (OS-EP-FILTER).
//!
//! ```sh
//! source admin-openrc.sh
//! cargo run -p openstack-identity --example endpoint_groups -- <project-id> <service-id>
//! ```

use futures::TryStreamExt;
use openstack_core::auth::AuthOptions;
use openstack_core::ProviderClient;
use openstack_identity::endpoint_groups::{self, CreateOpts, Filters};

#[tokio::main]
async fn main() -> openstack_core::Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(project_id), Some(service_id)) = (args.next(), args.next()) else {
        return Err(openstack_core::Error::invalid_input(
            "usage: endpoint_groups <project-id> <service-id>",
        ));
    };
    let provider = ProviderClient::authenticate(AuthOptions::from_env()?).await?;
    let identity = openstack_identity::client(&provider)?;

    let group = endpoint_groups::create(
        &identity,
        CreateOpts::new(
            "public endpoints of one service",
            Filters::new().service_id(service_id).interface("public"),
        ),
    )
    .await?;
    let matched: Vec<_> = endpoint_groups::list_endpoints(&identity, &group.id)
        .try_collect()
        .await?;
    for e in &matched {
        println!("matches {} {}", e.id, e.url);
    }
    endpoint_groups::associate_project(&identity, &group.id, &project_id).await?;
    println!("tokens scoped to {project_id} now list only these endpoints");
    Ok(())
}
