//! Cloud Files: Swift, through `openstack-objectstore`, plus the Rackspace touches — the
//! `cloudFiles` endpoint (with ServiceNet), bulk operations, and [`create_public_container`],
//! which creates a container and publishes it on the CDN in one call.
//!
//! ```no_run
//! # async fn f(provider: openstack_core::ProviderClient) -> openstack_core::Result<()> {
//! use openstack_objectstore::objects;
//! let files = rackspace_ext::files::client(&provider)?;
//! let cdn = rackspace_ext::cdn::client(&provider)?;
//! let published = rackspace_ext::files::create_public_container(&files, &cdn, "site", Some(3600)).await?;
//! println!("https URI: {:?}", published.ssl_uri);
//! # Ok(()) }
//! ```

use openstack_core::{EndpointOpts, Interface, ProviderClient, Result, ServiceClient};

use crate::cdn::{self, CdnHeaders, EnableOpts};
use crate::service_names::CLOUD_FILES;

/// Swift's bulk operations, as Cloud Files serves them: delete many objects in one request
/// (`?bulk-delete`) and upload an archive that the service unpacks (`?extract-archive`).
pub mod bulk {
    pub use openstack_objectstore::objects::{
        bulk_delete, bulk_delete_request, extract_archive, extract_archive_request, ArchiveFormat,
        BulkDeleteResult, BulkItemError, ExtractArchiveResult, BULK_DELETE_BATCH,
    };
}

/// The service type of Cloud Files in the Rackspace catalog.
pub const SERVICE_TYPE: &str = "object-store";

/// A client for Cloud Files: the `object-store` service named `cloudFiles` in the provider's
/// region, for use with `openstack_objectstore`'s modules.
pub fn client(provider: &ProviderClient) -> Result<ServiceClient> {
    client_with(provider, EndpointOpts::new(SERVICE_TYPE).name(CLOUD_FILES))
}

/// A client for Cloud Files over ServiceNet (the catalog's `internalURL`): free traffic from
/// a Cloud Server in the same region.
pub fn client_servicenet(provider: &ProviderClient) -> Result<ServiceClient> {
    client_with(
        provider,
        EndpointOpts::new(SERVICE_TYPE)
            .name(CLOUD_FILES)
            .interface(Interface::Internal),
    )
}

/// Like [`client`], with explicit endpoint options.
pub fn client_with(provider: &ProviderClient, opts: EndpointOpts) -> Result<ServiceClient> {
    openstack_objectstore::client_with(provider, opts)
}

/// Creates the container `name` in Cloud Files (nothing changes if it exists) and
/// CDN-enables it with `ttl` seconds (the CDN's default when `None`). Returns the CDN's
/// answer with the public URIs.
pub async fn create_public_container(
    files: &ServiceClient,
    cdn_client: &ServiceClient,
    name: &str,
    ttl: Option<u32>,
) -> Result<CdnHeaders> {
    let opts = match ttl {
        Some(t) => EnableOpts::new().ttl(t),
        None => EnableOpts::new(),
    };
    // Check the CDN options before creating anything.
    let _checked = cdn::enable_request(name, &opts)?;
    openstack_objectstore::containers::create(
        files,
        name,
        openstack_objectstore::containers::CreateOpts::new(),
    )
    .await?;
    cdn::enable(cdn_client, name, opts).await
}
