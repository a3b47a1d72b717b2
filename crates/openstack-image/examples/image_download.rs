//! Download an image to a local file, streamed and verified: the data is checked against
//! the image's `os_hash_value` (SHA-512) and MD5 `checksum` as it arrives, and the download
//! fails at the end if they do not match.
//!
//! ```text
//! source openrc
//! cargo run -p openstack-image --example image_download -- <image-id> <file>
//! ```

use futures::TryStreamExt;
use openstack_core::auth::AuthOptions;
use openstack_core::ProviderClient;
use openstack_image::data;
use tokio::io::AsyncWriteExt;

#[tokio::main]
async fn main() -> openstack_core::Result<()> {
    let mut args = std::env::args().skip(1);
    let id = args.next().unwrap_or_default();
    let path = args.next().unwrap_or_else(|| "download.img".into());

    let provider = ProviderClient::builder()
        .auth_options(AuthOptions::from_env()?)
        .build()
        .await?;
    let glance = openstack_image::client(&provider)?;

    let mut stream = data::download(&glance, &id).await?;
    let part = format!("{path}.part");
    let mut file = tokio::fs::File::create(&part)
        .await
        .map_err(openstack_core::Error::body)?;
    // A checksum mismatch is the last item of the stream: keep the data only if it is Ok.
    while let Some(chunk) = stream.try_next().await? {
        file.write_all(&chunk)
            .await
            .map_err(openstack_core::Error::body)?;
    }
    file.flush().await.map_err(openstack_core::Error::body)?;
    tokio::fs::rename(&part, &path)
        .await
        .map_err(openstack_core::Error::body)?;
    println!(
        "{} bytes written to {path}, checksums verified",
        stream.received()
    );
    Ok(())
}
