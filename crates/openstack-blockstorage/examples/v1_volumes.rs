//! List volumes on an old cloud (or Rackspace) that only offers the v1 API.
//!
//! ```text
//! source openrc
//! cargo run -p openstack-blockstorage --example v1_volumes
//! ```

use futures::TryStreamExt;
use openstack_blockstorage::v1;
use openstack_core::auth::AuthOptions;
use openstack_core::ProviderClient;

#[tokio::main]
async fn main() -> openstack_core::Result<()> {
    let provider = ProviderClient::builder()
        .auth_options(AuthOptions::from_env()?)
        .build()
        .await?;
    // The catalog's `volume` entry, pointed at `/v1/`.
    let cinder = openstack_blockstorage::client_v1(&provider)?;
    for v in v1::apiversions::list(&cinder).await? {
        println!("API {} {}", v.id, v.status);
    }
    let volumes: Vec<_> = v1::volumes::list(&cinder, v1::volumes::ListOpts::new())
        .try_collect()
        .await?;
    for v in volumes {
        println!("{} {:?} {} GiB {}", v.id, v.name, v.size, v.status);
    }
    Ok(())
}
