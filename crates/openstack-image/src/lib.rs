//! # openstack-image
//!
//! The OpenStack Image service (Glance v2) for
//! [Ferrocloud](https://github.com/ferrocloud/ferrocloud): [`images`] (create, list with
//! filters and pagination, show, JSON-Patch updates, delete, deactivate/reactivate), image
//! [`data`] (streamed upload, staging, and streamed download verified against the image's
//! `os_hash_value` and MD5 `checksum`), interoperable [`imports`] (`glance-direct`,
//! `web-download`, `copy-image`) with `/v2/info/import` and `/v2/info/stores`, [`members`]
//! (sharing), [`tags`] and [`schemas`].
//!
//! ```no_run
//! # async fn f() -> openstack_core::Result<()> {
//! use futures::TryStreamExt;
//! use openstack_core::auth::AuthOptions;
//! use openstack_core::ProviderClient;
//! use openstack_image::{data, images};
//!
//! let provider = ProviderClient::builder()
//!     .auth_options(AuthOptions::from_env()?)
//!     .build()
//!     .await?;
//! let glance = openstack_image::client(&provider)?;
//!
//! let image = images::create(
//!     &glance,
//!     images::CreateOpts::new("demo").disk_format("raw").container_format("bare"),
//! )
//! .await?;
//! data::upload(&glance, &image.id, bytes::Bytes::from_static(b"hello")).await?;
//!
//! // Streams, and fails at the end if the bytes do not match the image's checksums.
//! let mut download = data::download(&glance, &image.id).await?;
//! while let Some(chunk) = download.try_next().await? {
//!     println!("{} bytes", chunk.len());
//! }
//! # Ok(()) }
//! ```
//!
//! ## Conventions
//!
//! - Every operation has a pure `<op>_request(...)` function that builds the
//!   [`Request`](openstack_core::Request) with no I/O, and an async function that sends it.
//! - [`images::list`] returns a lazy [`Pager`](openstack_core::Pager) that follows Glance's
//!   `next` link (relative to the endpoint's unversioned root).
//! - Updates are JSON Patch documents (`application/openstack-images-v2.1-json-patch`), built
//!   by [`images::UpdateOpts`].
//! - Image data never sits whole in memory: uploads take a [`Body`](openstack_core::Body)
//!   (bytes or a stream) and downloads are streams.

#![cfg_attr(docsrs, feature(doc_auto_cfg))]

use openstack_core::{EndpointOpts, ProviderClient, Result, ServiceClient};

mod util;

pub mod data;
pub mod images;
pub mod imports;
pub mod members;
pub mod schemas;
pub mod tags;

/// The service type of the Image service.
pub const SERVICE_TYPE: &str = "image";

/// A client for the Image service v2, its endpoint resolved from the catalog (service type
/// `image`), with `v2/` appended unless the catalog URL already ends with it.
pub fn client(provider: &ProviderClient) -> Result<ServiceClient> {
    client_with(provider, EndpointOpts::new(SERVICE_TYPE))
}

/// Like [`client`], with explicit endpoint options (region, interface, name).
pub fn client_with(provider: &ProviderClient, opts: EndpointOpts) -> Result<ServiceClient> {
    let endpoint = provider.endpoint(&opts)?;
    Ok(ServiceClient::new(
        provider.clone(),
        SERVICE_TYPE,
        versioned_endpoint(endpoint),
    ))
}

/// Appends `v2/` to a Glance catalog URL unless it already ends with `v2` (or `v2.x`).
fn versioned_endpoint(mut url: url::Url) -> url::Url {
    let path = url.path().trim_end_matches('/').to_owned();
    let last = path.rsplit('/').next().unwrap_or("");
    let is_v2 = last == "v2"
        || last
            .strip_prefix("v2.")
            .is_some_and(|m| m.bytes().all(|b| b.is_ascii_digit()));
    if is_v2 {
        url.set_path(&format!("{path}/"));
    } else {
        url.set_path(&format!("{path}/v2/"));
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(u: &str) -> String {
        versioned_endpoint(url::Url::parse(u).expect("url")).to_string()
    }

    #[test]
    fn appends_version() {
        assert_eq!(v("http://h:9292"), "http://h:9292/v2/");
        assert_eq!(v("http://h:9292/"), "http://h:9292/v2/");
        assert_eq!(v("http://h/image"), "http://h/image/v2/");
        assert_eq!(v("http://h/image/"), "http://h/image/v2/");
        assert_eq!(v("http://h:9292/v2"), "http://h:9292/v2/");
        assert_eq!(v("http://h:9292/v2/"), "http://h:9292/v2/");
        assert_eq!(v("http://h:9292/v2.1"), "http://h:9292/v2.1/");
    }
}
