//! # rackspace-ext
//!
//! Rackspace extensions for [Ferrocloud](https://github.com/ferrocloud/ferrocloud), plugged into
//! the core through its public APIs only:
//!
//! - [`auth`]: Rackspace Cloud Identity v2.0 with an API key (`RAX-KSKEY:apiKeyCredentials`) or
//!   a password, as an [`AuthMethod`](openstack_core::auth::AuthMethod); `RS_*` variables.
//! - [`servers`]: Cloud Servers (Nova with Rackspace extensions) through `openstack-compute`,
//!   with the well-known networks (PublicNet, ServiceNet) and disk configuration;
//!   [`networks`] (Cloud Networks, `os-networksv2`) and [`virtual_interfaces`]
//!   (`os-virtual-interfacesv2`).
//! - [`cdn`]: Cloud Files CDN (`rax:object-cdn`): list, enable, get, update, disable, purge.
//! - [`files`]: Cloud Files (Swift) through `openstack-objectstore`, bulk operations, and a
//!   container made public through the CDN in one call.
//! - [`block_storage`]: Cloud Block Storage (Cinder v1) through `openstack-blockstorage`'s v1
//!   module, with the SATA and SSD volume types.
//!
//! ```no_run
//! # async fn f() -> openstack_core::Result<()> {
//! use std::sync::Arc;
//! use futures::TryStreamExt;
//! use openstack_core::ProviderClient;
//! use openstack_compute::servers::{self, ListOpts};
//! use rackspace_ext::auth::RackspaceAuth;
//!
//! let provider = ProviderClient::builder()
//!     .auth_method(Arc::new(RackspaceAuth::api_key("jdoe", "0123456789abcdef")))
//!     .region(rackspace_ext::regions::DFW)
//!     .build()
//!     .await?;
//! let compute = rackspace_ext::servers::client(&provider)?;
//! let mut pager = servers::list(&compute, ListOpts::new());
//! while let Some(s) = pager.try_next().await? {
//!     println!("{} {}", s.id, s.name);
//! }
//! # Ok(()) }
//! ```
//!
//! ## The Rackspace catalog
//!
//! Rackspace names its services ([`service_names`]) and gives most of them one endpoint per
//! region ([`regions`]). Set the region on the provider
//! ([`ProviderClientBuilder::region`](openstack_core::ProviderClientBuilder::region), or
//! `RS_REGION_NAME` with [`auth::provider_from_env`]); the `client` functions here pick the
//! Rackspace service by name where a type is shared (`compute` is both the first-generation
//! `cloudServers` and `cloudServersOpenStack`).

#![cfg_attr(docsrs, feature(doc_auto_cfg))]

use openstack_core::{EndpointOpts, ProviderClient, Result, ServiceClient};

pub mod auth;
pub mod block_storage;
pub mod cdn;
pub mod files;
pub mod networks;
pub mod servers;
pub mod virtual_interfaces;

/// The Rackspace regions (the `region` of catalog endpoints).
pub mod regions {
    /// Dallas/Fort Worth.
    pub const DFW: &str = "DFW";
    /// Chicago.
    pub const ORD: &str = "ORD";
    /// Northern Virginia.
    pub const IAD: &str = "IAD";
    /// London.
    pub const LON: &str = "LON";
    /// Sydney.
    pub const SYD: &str = "SYD";
    /// Hong Kong.
    pub const HKG: &str = "HKG";
    /// All of them.
    pub const ALL: &[&str] = &[DFW, ORD, IAD, LON, SYD, HKG];
}

/// The names Rackspace gives its services in the catalog, with their types in the comments.
pub mod service_names {
    /// Next-generation Cloud Servers (type `compute`).
    pub const CLOUD_SERVERS_OPENSTACK: &str = "cloudServersOpenStack";
    /// First-generation Cloud Servers (type `compute`, no region; not supported here).
    pub const CLOUD_SERVERS: &str = "cloudServers";
    /// Cloud Files (type `object-store`).
    pub const CLOUD_FILES: &str = "cloudFiles";
    /// Cloud Files CDN (type `rax:object-cdn`).
    pub const CLOUD_FILES_CDN: &str = "cloudFilesCDN";
    /// Cloud Block Storage (type `volume`).
    pub const CLOUD_BLOCK_STORAGE: &str = "cloudBlockStorage";
    /// Cloud Networks (type `network`, a Neutron v2.0 API).
    pub const CLOUD_NETWORKS: &str = "cloudNetworks";
}

/// A Cloud Servers client: the same as [`servers::client`] (the `compute` service named
/// `cloudServersOpenStack`), for use with `openstack_compute`'s modules and with [`networks`]
/// and [`virtual_interfaces`].
pub fn client(provider: &ProviderClient) -> Result<ServiceClient> {
    servers::client(provider)
}

/// Like [`client`], with explicit endpoint options (the service type must be `compute`).
pub fn client_with(provider: &ProviderClient, opts: EndpointOpts) -> Result<ServiceClient> {
    servers::client_with(provider, opts)
}

// The guide's examples compile as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../../docs/rackspace.md")]
mod guide {}
