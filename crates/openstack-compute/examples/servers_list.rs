//! List servers page by page, with filters.
//!
//! ```text
//! cargo run -p openstack-compute --example servers_list
//! ```

use futures::TryStreamExt;
use openstack_compute::servers::{self, ListOpts, Status};
use openstack_core::auth::AuthOptions;
use openstack_core::{Microversion, ProviderClient};

#[tokio::main]
async fn main() -> openstack_core::Result<()> {
    let provider = ProviderClient::builder()
        .auth_options(AuthOptions::from_env()?)
        .build()
        .await?;
    let compute = openstack_compute::client(&provider)?.with_microversion(Microversion::new(2, 79));

    let mut pager = servers::list(
        &compute,
        ListOpts::new()
            .status(Status::Active)
            .sort_key("created_at")
            .sort_dir("desc"),
    )
    .page_size(50);
    while let Some(s) = pager.try_next().await? {
        // From 2.47 the flavor is embedded: its name, not its id.
        println!("{} {:30} {:?}", s.id, s.name, s.flavor.name());
    }
    Ok(())
}
