//! List volumes with filters, one page at a time (pages follow Cinder's `volumes_links`).
//!
//! ```text
//! source openrc
//! cargo run -p openstack-blockstorage --example volumes_list -- [status]
//! ```

use futures::TryStreamExt;
use openstack_blockstorage::volumes::{self, ListOpts, Status};
use openstack_core::auth::AuthOptions;
use openstack_core::ProviderClient;

#[tokio::main]
async fn main() -> openstack_core::Result<()> {
    let status = std::env::args().nth(1);

    let provider = ProviderClient::builder()
        .auth_options(AuthOptions::from_env()?)
        .build()
        .await?;
    let cinder = openstack_blockstorage::client(&provider)?;

    let mut opts = ListOpts::new().sort("created_at:desc");
    if let Some(s) = status {
        opts = opts.status(Status::from(s));
    }
    let mut all = volumes::list(&cinder, opts).page_size(50);
    while let Some(v) = all.try_next().await? {
        println!(
            "{} {:<30} {:>4} GiB {:<10} bootable={}",
            v.id,
            v.name.as_deref().unwrap_or("-"),
            v.size,
            v.status,
            v.bootable
        );
    }
    Ok(())
}
