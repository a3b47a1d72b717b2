//! Cloud Block Storage: Cinder v1, through `openstack-blockstorage`'s
//! [`v1`](openstack_blockstorage::v1) module.
//!
//! ```no_run
//! # async fn f(provider: openstack_core::ProviderClient) -> openstack_core::Result<()> {
//! use openstack_blockstorage::v1::volumes::{self, CreateOpts};
//! use rackspace_ext::block_storage::{self, SSD};
//!
//! let cbs = block_storage::client(&provider)?;
//! // Rackspace volumes are 75-1024 GiB on SATA, 50-1024 GiB on SSD.
//! let volume = volumes::create(&cbs, CreateOpts::new(100).name("data").volume_type(SSD)).await?;
//! println!("{} {:?}", volume.id, volume.status);
//! # Ok(()) }
//! ```

use openstack_core::{EndpointOpts, Pager, ProviderClient, Request, Result, ServiceClient};

use crate::service_names::CLOUD_BLOCK_STORAGE;

/// The service type of Cloud Block Storage in the Rackspace catalog.
pub const SERVICE_TYPE: &str = "volume";

/// The standard volume type (spinning disks).
pub const SATA: &str = "SATA";
/// The high-performance volume type (solid-state disks).
pub const SSD: &str = "SSD";

/// The smallest SATA volume, in GiB.
pub const MIN_SATA_SIZE_GIB: u64 = 75;
/// The smallest SSD volume, in GiB.
pub const MIN_SSD_SIZE_GIB: u64 = 50;
/// The largest volume, in GiB.
pub const MAX_SIZE_GIB: u64 = 1024;

/// A client for Cloud Block Storage: the `volume` service named `cloudBlockStorage` in the
/// provider's region, its endpoint set to the v1 API (as
/// [`openstack_blockstorage::client_v1`] does). An endpoint override for `volume` (or its
/// aliases) wins over the catalog.
pub fn client(provider: &ProviderClient) -> Result<ServiceClient> {
    client_with(
        provider,
        EndpointOpts::new(SERVICE_TYPE).name(CLOUD_BLOCK_STORAGE),
    )
}

/// Like [`client`], with explicit endpoint options.
pub fn client_with(provider: &ProviderClient, opts: EndpointOpts) -> Result<ServiceClient> {
    openstack_blockstorage::client_v1_with(provider, opts)
}

/// A Cloud Block Storage volume type (Rackspace's numeric ids are read as text: `"1"`).
pub use openstack_blockstorage::v1::volumetypes::VolumeType;

/// The request that lists the volume types (`GET types`).
pub fn list_volume_types_request() -> Request {
    openstack_blockstorage::v1::volumetypes::list_request()
}

/// Lists the volume types (one page): on Rackspace, [`SATA`] and [`SSD`].
pub fn list_volume_types(client: &ServiceClient) -> Pager<VolumeType> {
    openstack_blockstorage::v1::volumetypes::list(client)
}
