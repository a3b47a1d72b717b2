//! Create a private volume type with an extra spec, grant a project access, list types.
//!
//! ```text
//! source openrc   # an admin
//! cargo run -p openstack-blockstorage --example volume_types -- <name> <project-id>
//! ```

use futures::TryStreamExt;
use openstack_blockstorage::volumetypes::{self, CreateOpts, ListOpts};
use openstack_core::auth::AuthOptions;
use openstack_core::ProviderClient;

#[tokio::main]
async fn main() -> openstack_core::Result<()> {
    let mut args = std::env::args().skip(1);
    let name = args.next().unwrap_or_else(|| "ferrocloud-type".into());
    let project = args.next().unwrap_or_default();

    let provider = ProviderClient::builder()
        .auth_options(AuthOptions::from_env()?)
        .build()
        .await?;
    let cinder = openstack_blockstorage::client(&provider)?;

    let t = volumetypes::create(
        &cinder,
        CreateOpts::new(name)
            .is_public(false)
            .extra_spec("volume_backend_name", "fast"),
    )
    .await?;
    if !project.is_empty() {
        volumetypes::add_access(&cinder, &t.id, &project).await?;
    }
    let types: Vec<_> = volumetypes::list(&cinder, ListOpts::new().is_public(None))
        .try_collect()
        .await?;
    for t in types {
        println!(
            "{} {} public={} {:?}",
            t.id,
            t.name,
            t.public(),
            t.extra_specs
        );
    }
    Ok(())
}
