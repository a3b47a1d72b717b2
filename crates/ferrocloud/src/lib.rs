//! # Ferrocloud
//!
//! The OpenStack SDK for Rust. This umbrella crate re-exports [`openstack_core`] (auth, the
//! catalog, the transport, errors, pagination, waiters, configuration) and one module per
//! service, each behind a Cargo feature of the same name:
//!
//! | module / feature  | crate                     | service                  | default |
//! |-------------------|---------------------------|--------------------------|---------|
//! | [`compute`]       | `openstack-compute`       | Nova                     | yes     |
//! | [`network`]       | `openstack-network`       | Neutron                  | yes     |
//! | [`objectstore`]   | `openstack-objectstore`   | Swift                    | yes     |
//! | [`blockstorage`]  | `openstack-blockstorage`  | Cinder                   | yes     |
//! | [`image`]         | `openstack-image`         | Glance                   | yes     |
//! | [`identity`]      | `openstack-identity`      | Keystone (administration)| yes     |
//! | `emulator`        | `openstack-emulator`      | an in-process fake cloud | no      |
//! | `rackspace`       | `rackspace-ext`           | Rackspace Cloud extras   | no      |
//!
//! `full` turns everything on. Features are additive; with `default-features = false` only
//! the core remains (`ferrocloud = { version = "0.1", default-features = false, features =
//! ["compute"] }`).
//!
//! ```no_run
//! # async fn f() -> ferrocloud::Result<()> {
//! use ferrocloud::ProviderClient;
//! use ferrocloud::compute::servers::{self, ListOpts};
//!
//! // OS_CLOUD + clouds.yaml, or the OS_* variables of an openrc file.
//! let provider = ProviderClient::from_env().await?;
//! let compute = ferrocloud::compute::client(&provider)?;
//! let all = servers::list(&compute, ListOpts::new()).try_collect_all().await?;
//! for server in all {
//!     println!("{} {}", server.name, server.status);
//! }
//! # Ok(()) }
//! ```
//!
//! Start with the quickstart: `cargo run --example quickstart` (it uses the cloud named by
//! `OS_CLOUD` or `OS_AUTH_URL`, or starts the emulator in-process when neither is set).

#![cfg_attr(docsrs, feature(doc_auto_cfg))]

/// The core: authentication, the service catalog, the transport, errors, pagination,
/// waiters, microversions and configuration.
pub use openstack_core;

pub use openstack_core::{
    auth, catalog, config, decode_json, encode_path_segment, http, microversion, pagination,
    serde_util, timestamp, transport, wait, Body, BodyStream, EndpointOpts, Error, ErrorKind,
    Interface, Microversion, Pager, ProviderClient, ProviderClientBuilder, RawRequest, Request,
    Response, Result, RetryConfig, ServiceClient,
};

/// Compute (Nova): servers, flavors, keypairs, ... (feature `compute`).
#[cfg(feature = "compute")]
pub use openstack_compute as compute;

/// Networking (Neutron): networks, subnets, ports, routers, security groups, ... (feature
/// `network`).
#[cfg(feature = "network")]
pub use openstack_network as network;

/// Object Storage (Swift): containers, objects, large objects, temporary URLs (feature
/// `objectstore`).
#[cfg(feature = "objectstore")]
pub use openstack_objectstore as objectstore;

/// Block Storage (Cinder): volumes, snapshots, backups, ... (feature `blockstorage`).
#[cfg(feature = "blockstorage")]
pub use openstack_blockstorage as blockstorage;

/// Image (Glance): images, image data, members, tags (feature `image`).
#[cfg(feature = "image")]
pub use openstack_image as image;

/// Identity (Keystone) administration: projects, users, roles, application credentials, ...
/// (feature `identity`).
#[cfg(feature = "identity")]
pub use openstack_identity as identity;

/// An in-process, stateful fake OpenStack cloud over real HTTP, for tests (feature
/// `emulator`).
#[cfg(feature = "emulator")]
pub use openstack_emulator as emulator;

/// Rackspace Cloud: API-key authentication, Cloud Servers networks and virtual interfaces,
/// Cloud Files CDN, Cloud Block Storage (feature `rackspace`).
#[cfg(feature = "rackspace")]
pub use rackspace_ext as rackspace;

/// The README's examples, compiled as doctests (with the default features).
#[cfg(all(doctest, feature = "compute"))]
#[doc = include_str!("../../../README.md")]
struct ReadmeDoctests;

/// The examples of `docs/migrating-from-gophercloud.md`, compiled as doctests (with the default
/// features; its Rackspace example is compiled only when the `rackspace` feature is on too).
#[cfg(all(
    doctest,
    feature = "compute",
    feature = "network",
    feature = "objectstore",
    feature = "blockstorage",
    feature = "image",
    feature = "identity"
))]
#[doc = include_str!("../../../docs/migrating-from-gophercloud.md")]
struct MigratingFromGophercloudDoctests;
