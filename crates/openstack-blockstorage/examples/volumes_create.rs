//! Create a volume, wait until it is available, extend it, snapshot it, then clean up.
//!
//! ```text
//! source openrc
//! cargo run -p openstack-blockstorage --example volumes_create -- <name> [volume-type]
//! ```

use std::time::Duration;

use openstack_blockstorage::{snapshots, volumes};
use openstack_core::auth::AuthOptions;
use openstack_core::{Microversion, ProviderClient};

#[tokio::main]
async fn main() -> openstack_core::Result<()> {
    let mut args = std::env::args().skip(1);
    let name = args.next().unwrap_or_else(|| "ferrocloud-example".into());
    let volume_type = args.next();

    let provider = ProviderClient::builder()
        .auth_options(AuthOptions::from_env()?)
        .build()
        .await?;
    // The newest microversion both we and the cloud know (sent as
    // `OpenStack-API-Version: volume 3.X`).
    let cinder = openstack_blockstorage::client(&provider)?
        .negotiate_microversion(Microversion::new(3, 70))
        .await?;

    let mut opts = volumes::CreateOpts::new(1)
        .name(name)
        .metadata("created-by", "ferrocloud");
    if let Some(t) = volume_type {
        opts = opts.volume_type(t);
    }
    let volume = volumes::create(&cinder, opts).await?;
    // Fails early if the volume goes to `error`.
    let timeout = Duration::from_secs(300);
    let volume =
        volumes::wait_for_status(&cinder, &volume.id, volumes::Status::Available, timeout).await?;
    println!("{} is available ({} GiB)", volume.id, volume.size);

    volumes::extend(&cinder, &volume.id, 2).await?;
    // Extending runs in the background: wait for `available` again before the snapshot.
    volumes::wait_for_status(&cinder, &volume.id, volumes::Status::Available, timeout).await?;
    let snap = snapshots::create(&cinder, snapshots::CreateOpts::new(&volume.id)).await?;
    let snap = snapshots::wait_for_status(&cinder, &snap.id, snapshots::Status::Available, timeout)
        .await?;
    println!("snapshot {} of {} GiB", snap.id, snap.size);

    snapshots::delete(&cinder, &snap.id).await?;
    snapshots::wait_for_delete(&cinder, &snap.id, timeout).await?;
    volumes::delete(&cinder, &volume.id).await?;
    volumes::wait_for_delete(&cinder, &volume.id, timeout).await?;
    println!("cleaned up");
    Ok(())
}
