//! # openstack-objectstore
//!
//! The OpenStack Object Storage API (Swift v1) for [Ferrocloud](https://github.com/ferrocloud/ferrocloud):
//! accounts, containers, objects, large objects (static and dynamic), bulk operations,
//! temporary URLs and the cluster's capabilities.
//!
//! Object data always streams: uploads take a [`Body`](openstack_core::Body) (bytes or a
//! stream of chunks), downloads return an [`objects::ObjectStream`]; nothing in this crate
//! holds a whole object in memory. Uploads compare the MD5 the server reports with the MD5
//! of the bytes actually sent, and downloads verify the ETag while the bytes stream by; a
//! mismatch is an error, never silently corrupt data.
//!
//! ```no_run
//! # async fn f() -> openstack_core::Result<()> {
//! use futures::TryStreamExt;
//! use openstack_core::auth::AuthOptions;
//! use openstack_core::ProviderClient;
//! use openstack_objectstore::{containers, objects};
//!
//! let provider = ProviderClient::authenticate(AuthOptions::from_env()?).await?;
//! let swift = openstack_objectstore::client(&provider)?;
//!
//! containers::create(&swift, "photos", containers::CreateOpts::new()).await?;
//! objects::upload(&swift, "photos", "2024/cat.jpg", "meow", objects::UploadOpts::new()).await?;
//!
//! let mut listing = objects::list(&swift, "photos", objects::ListOpts::new().prefix("2024/"));
//! while let Some(entry) = listing.try_next().await? {
//!     println!("{}", entry.name());
//! }
//!
//! let download = objects::download(&swift, "photos", "2024/cat.jpg", objects::DownloadOpts::new()).await?;
//! let bytes = download.bytes().await?; // verified against the ETag
//! assert_eq!(&bytes[..], b"meow");
//! # Ok(()) }
//! ```
//!
//! Names are percent-encoded for you: containers as one path segment, objects segment by
//! segment so that `/` stays a pseudo-folder separator (`"my dir/naïve ?#%.txt"` works).

#![cfg_attr(docsrs, feature(doc_auto_cfg))]

pub mod accounts;
pub mod containers;
pub mod info;
pub mod large_objects;
pub mod objects;
pub mod tempurl;
mod util;
mod verify;

pub use util::{is_checksum_mismatch, ChecksumMismatch, Metadata, SecretKey};

use openstack_core::{EndpointOpts, ProviderClient, Result, ServiceClient};

/// The service type of Swift in the catalog.
pub const SERVICE_TYPE: &str = "object-store";

/// A client for the object store in the provider's catalog (service type `object-store`,
/// the provider's region and interface).
///
/// The catalog URL already names the account (`http://host:8080/v1/AUTH_<project>`); every
/// path in this crate is relative to it.
pub fn client(provider: &ProviderClient) -> Result<ServiceClient> {
    client_with(provider, EndpointOpts::new(SERVICE_TYPE))
}

/// A client for the object store with explicit endpoint options (name, region, interface).
pub fn client_with(provider: &ProviderClient, opts: EndpointOpts) -> Result<ServiceClient> {
    // Swift's catalog URL carries the API version and the account (`/v1/AUTH_x`): nothing to
    // append.
    provider.service_client(opts)
}

// The guide's examples compile as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../../docs/objectstore.md")]
mod guide {}
