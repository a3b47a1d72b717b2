//! Downloads an object into a file, verifying its MD5 while it streams.
//!
//! `cargo run -p openstack-objectstore --example download_file -- <container> <object> <path>`

use futures::TryStreamExt;
use openstack_core::auth::AuthOptions;
use openstack_core::ProviderClient;
use openstack_objectstore::objects;
use tokio::io::AsyncWriteExt;

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

    // Write to a temporary name; rename only once the stream ended without error, so a
    // corrupt or truncated download never takes the final name.
    let partial = format!("{path}.partial");
    let mut file = tokio::fs::File::create(&partial).await?;
    let mut stream = download.into_stream();
    while let Some(chunk) = stream.try_next().await? {
        file.write_all(&chunk).await?;
    }
    file.flush().await?;
    drop(file);
    tokio::fs::rename(&partial, &path).await?;
    println!("saved {path}");
    Ok(())
}
