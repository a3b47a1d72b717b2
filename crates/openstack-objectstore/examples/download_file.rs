//! Downloads an object into a file, verifying its MD5 while it streams.
//!
//! `cargo run -p openstack-objectstore --example download_file -- <container> <object> <path>`

use openstack_core::auth::AuthOptions;
use openstack_core::ProviderClient;
use openstack_objectstore::objects;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(container), Some(object), Some(path)) = (args.next(), args.next(), args.next())
    else {
        eprintln!("usage: download_file <container> <object> <path>");
        std::process::exit(2);
    };

    let provider = ProviderClient::authenticate(AuthOptions::from_env()?).await?;
    let swift = openstack_objectstore::client(&provider)?;

    let download =
        objects::download(&swift, &container, &object, objects::DownloadOpts::new()).await?;
    println!(
        "{} bytes, verified while streaming: {}",
        download.headers().content_length.unwrap_or(0),
        download.is_verified()
    );

    // Streams into `.<name>.partial` beside `path`, then syncs and renames it: a corrupt or
    // truncated download never takes the final name (and the partial file is removed).
    let written = download.write_to_path(&path).await?;
    println!("saved {written} bytes to {path}");
    Ok(())
}
