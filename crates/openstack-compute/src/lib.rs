//! # openstack-compute
//!
//! OpenStack Compute (Nova v2.1, with microversions) for
//! [Ferrocloud](https://github.com/ferrocloud/ferrocloud): servers and their actions, metadata,
//! addresses, interfaces, volume attachments, instance actions and tags; flavors, keypairs,
//! the image proxy, extensions, availability zones, limits, quota sets, hypervisors and server
//! groups.
//!
//! ```no_run
//! # async fn f() -> openstack_core::Result<()> {
//! use std::time::Duration;
//! use openstack_core::auth::AuthOptions;
//! use openstack_core::{Microversion, ProviderClient};
//! use openstack_compute::servers::{self, CreateOpts, Networks, Status};
//!
//! let provider = ProviderClient::builder()
//!     .auth_options(AuthOptions::from_env()?)
//!     .build()
//!     .await?;
//! // Pin a microversion, or negotiate the highest one both sides know.
//! let compute = openstack_compute::client(&provider)?
//!     .negotiate_microversion(Microversion::new(2, 100))
//!     .await?;
//!
//! let opts = CreateOpts::new("web-1", "1")
//!     .image_ref("70a599e0-31e7-49b7-b260-868f441e862b")
//!     .networks(Networks::None);
//! let created = servers::create(&compute, opts).await?;
//! let server =
//!     servers::wait_for_status(&compute, &created.id, Status::Active, Duration::from_secs(300))
//!         .await?;
//! println!("{} is {}", server.name, server.status);
//! # Ok(()) }
//! ```
//!
//! ## Conventions
//!
//! - Every operation has a pure `<op>_request(...)` function that builds the
//!   [`Request`](openstack_core::Request) with no I/O, and an async function that sends it.
//! - `list` functions return a lazy [`Pager`](openstack_core::Pager) that follows Nova's
//!   `<resource>_links`.
//! - Models carry the fields later microversions add as `Option`s (documented with the
//!   microversion that added them), so one model decodes every microversion's responses.
//! - The microversion is a property of the [`ServiceClient`]: pin one with
//!   [`ServiceClient::with_microversion`] or negotiate with
//!   [`ServiceClient::negotiate_microversion`]. A few operations behave differently by
//!   microversion (for example [`actions::create_image`]) and read it from the client.

#![cfg_attr(docsrs, feature(doc_auto_cfg))]

use openstack_core::{EndpointOpts, ProviderClient, Result, ServiceClient};

mod util;

pub mod actions;
pub mod addresses;
pub mod availability_zones;
pub mod consoles;
pub mod diskconfig;
pub mod extensions;
pub mod flavors;
pub mod hypervisors;
pub mod images;
pub mod instance_actions;
pub mod interfaces;
pub mod keypairs;
pub mod limits;
pub mod metadata;
pub mod quota_sets;
pub mod server_groups;
pub mod servers;
pub mod tags;
pub mod volume_attachments;

pub use diskconfig::DiskConfig;
pub use util::Link;

/// The service type of OpenStack Compute.
pub const SERVICE_TYPE: &str = "compute";

/// A client for OpenStack Compute, its endpoint resolved from the catalog (service type
/// `compute`). The catalog URL already carries the API version (`/v2.1` or
/// `/v2.1/<project_id>`), so nothing is appended. No microversion is sent until you pick one
/// with [`ServiceClient::with_microversion`] or [`ServiceClient::negotiate_microversion`].
pub fn client(provider: &ProviderClient) -> Result<ServiceClient> {
    client_with(provider, EndpointOpts::new(SERVICE_TYPE))
}

/// Like [`client`], with explicit endpoint options (region, interface, name).
pub fn client_with(provider: &ProviderClient, opts: EndpointOpts) -> Result<ServiceClient> {
    provider.service_client(opts)
}
