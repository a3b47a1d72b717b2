//! Ferrocloud quickstart: authenticate, boot a server and wait for it, store and read back an
//! object, list both, clean up.
//!
//! ```text
//! cargo run --example quickstart
//! ```
//!
//! With `OS_CLOUD` (a cloud in `clouds.yaml`) or `OS_AUTH_URL` (an openrc file) set, it runs
//! against that cloud. Otherwise it starts the in-process emulator (`openstack-emulator`) and
//! runs against it, so the first run needs no cloud at all.

use std::time::Duration;

use ferrocloud::compute::servers::{self, CreateOpts, Networks, Status};
use ferrocloud::compute::{flavors, servers::Network};
use ferrocloud::objectstore::{containers, objects};
use ferrocloud::{image, network, ProviderClient};
use futures::TryStreamExt;

type BoxResult<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn step(n: u32, what: &str) {
    println!("\n[{n}] {what}");
}

#[tokio::main]
async fn main() -> BoxResult<()> {
    // 1. Authenticate.
    step(1, "Authenticating");
    let configured = ["OS_CLOUD", "OS_AUTH_URL"]
        .iter()
        .any(|k| std::env::var(k).is_ok_and(|v| !v.is_empty()));
    let (provider, _emulator) = if configured {
        println!("    using the cloud from OS_CLOUD / OS_AUTH_URL");
        (ProviderClient::from_env().await?, None)
    } else {
        println!("    OS_CLOUD and OS_AUTH_URL are not set: starting the in-process emulator");
        let emulator = openstack_emulator::Emulator::start().await?;
        println!("    emulator listening at {}", emulator.auth_url());
        let provider = ProviderClient::authenticate(emulator.auth_options()).await?;
        (provider, Some(emulator))
    };
    let token = provider.token().await?;
    let project = token
        .project
        .as_ref()
        .and_then(|p| p.name.clone())
        .unwrap_or_else(|| "?".into());
    println!("    authenticated, project {project}");

    let compute = ferrocloud::compute::client(&provider)?;
    let swift = ferrocloud::objectstore::client(&provider)?;
    let suffix = format!("{:06x}", fastrand::u32(..0xff_ffff));

    // 2. Pick a flavor, an image and a network.
    step(2, "Choosing a flavor, an image and a network");
    let flavor = flavors::list(&compute, flavors::ListOpts::new())
        .try_collect_all()
        .await?
        .into_iter()
        .min_by_key(|f| (f.ram, f.vcpus))
        .ok_or("no flavor")?;
    println!(
        "    flavor {} ({} MiB, {} vCPU)",
        flavor.name, flavor.ram, flavor.vcpus
    );
    let glance = image::client(&provider)?;
    let images = image::images::list(&glance, image::images::ListOpts::new())
        .try_collect_all()
        .await?;
    // Prefer a cirros image. A cloud without one (a fresh devstack-like cloud): upload a tiny
    // raw image for this run, removed at the end.
    let (img, own_image) = match images
        .into_iter()
        .find(|i| i.name.as_deref().is_some_and(|n| n.contains("cirros")))
    {
        Some(img) => (img, false),
        None => {
            println!("    no cirros image in the cloud: uploading a tiny raw image for this run");
            let opts = image::images::CreateOpts::new(format!("ferrocloud-quickstart-{suffix}"))
                .disk_format("raw")
                .container_format("bare");
            let created = image::images::create(&glance, opts).await?;
            image::data::upload(&glance, &created.id, vec![0u8; 1024]).await?;
            (image::images::get(&glance, &created.id).await?, true)
        }
    };
    println!(
        "    image {} ({})",
        img.name.as_deref().unwrap_or("-"),
        img.id
    );
    let neutron = network::client(&provider)?;
    let nets = network::networks::list(&neutron, network::networks::ListOpts::new())
        .try_collect_all()
        .await?;
    let networks = match nets.iter().find(|n| !n.external) {
        Some(n) => {
            println!("    network {}", n.name);
            Networks::List(vec![Network::uuid(n.id.clone())])
        }
        None => {
            println!("    no tenant network: booting without one");
            Networks::None
        }
    };

    // 3. Create a server and wait for ACTIVE.
    let name = format!("ferrocloud-quickstart-{suffix}");
    step(3, &format!("Creating server {name} and waiting for ACTIVE"));
    let compute = compute
        .negotiate_microversion(ferrocloud::Microversion::new(2, 37))
        .await?;
    let opts = CreateOpts::new(name.clone(), flavor.id.clone())
        .image_ref(img.id.clone())
        .networks(networks);
    let created = servers::create(&compute, opts).await?;
    let server = servers::wait_for_status(
        &compute,
        &created.id,
        Status::Active,
        Duration::from_secs(300),
    )
    .await?;
    println!(
        "    {} is {} (id {})",
        server.name, server.status, server.id
    );

    // 4. Upload an object and read it back.
    let container = format!("ferrocloud-quickstart-{suffix}");
    step(4, &format!("Uploading hello.txt to container {container}"));
    containers::create(&swift, &container, containers::CreateOpts::new()).await?;
    let payload = b"Hello from Ferrocloud!\n";
    let uploaded = objects::upload(
        &swift,
        &container,
        "hello.txt",
        &payload[..],
        objects::UploadOpts::new(),
    )
    .await?;
    println!("    uploaded, etag {}", uploaded.etag);
    let download = objects::download(
        &swift,
        &container,
        "hello.txt",
        objects::DownloadOpts::new(),
    )
    .await?;
    let bytes = download.bytes().await?;
    assert_eq!(&bytes[..], &payload[..]);
    println!(
        "    read back {} bytes: {:?}",
        bytes.len(),
        String::from_utf8_lossy(&bytes).trim()
    );

    // 5. List servers and objects.
    step(5, "Listing");
    let mut all = servers::list(&compute, servers::ListOpts::new());
    while let Some(s) = all.try_next().await? {
        println!("    server {:<40} {}", s.name, s.status);
    }
    let mut listing = objects::list(&swift, &container, objects::ListOpts::new());
    while let Some(o) = listing.try_next().await? {
        println!("    object {}/{}", container, o.name());
    }

    // 6. Clean up.
    step(6, "Cleaning up");
    servers::delete(&compute, &server.id).await?;
    servers::wait_for_delete(&compute, &server.id, Duration::from_secs(300)).await?;
    println!("    server {name} deleted");
    objects::delete(&swift, &container, "hello.txt").await?;
    containers::delete(&swift, &container).await?;
    println!("    container {container} deleted");
    if own_image {
        image::images::delete(&glance, &img.id).await?;
        println!("    image {} deleted", img.id);
    }
    println!("\nDone.");
    Ok(())
}
