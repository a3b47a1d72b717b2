//! Makes a temporary URL that lets anyone GET an object for an hour, without a token.
//!
//! `cargo run -p openstack-objectstore --example temp_url -- <container> <object>`

use std::time::Duration;

use openstack_core::auth::AuthOptions;
use openstack_core::ProviderClient;
use openstack_objectstore::tempurl::{self, TempUrlDigest, TempUrlOpts};
use openstack_objectstore::{info, SecretKey};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(container), Some(object)) = (args.next(), args.next()) else {
        eprintln!("usage: temp_url <container> <object>");
        std::process::exit(2);
    };

    let provider = ProviderClient::authenticate(AuthOptions::from_env()?).await?;
    let swift = openstack_objectstore::client(&provider)?;

    // Use the strongest digest the cluster accepts.
    let caps = info::get(&swift).await?;
    let allowed = caps.tempurl.map(|t| t.allowed_digests).unwrap_or_default();
    let digest = if allowed.iter().any(|d| d == "sha512") {
        TempUrlDigest::Sha512
    } else {
        TempUrlDigest::Sha256
    };

    // The key is a secret: keep it out of logs (SecretKey's Debug is redacted).
    let key = SecretKey::new(std::env::var("TEMP_URL_KEY").unwrap_or_else(|_| "change me".into()));
    tempurl::set_container_key(&swift, &container, key.clone()).await?;

    let url = tempurl::temp_url(
        &swift,
        &container,
        &object,
        &key,
        TempUrlOpts::get(Duration::from_secs(3600)).digest(digest),
    )?;
    println!("{url}");
    Ok(())
}
