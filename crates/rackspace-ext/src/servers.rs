//! Cloud Servers: Nova with Rackspace extensions, through `openstack-compute`.
//!
//! Use `openstack_compute`'s modules ([`openstack_compute::servers`], `flavors`, `images`, ...)
//! with the client from [`client`]. This module adds what is Rackspace's own:
//!
//! - the well-known networks: [`PUBLIC_NET`] (the Internet) and [`SERVICE_NET`] (Rackspace's
//!   internal network, free traffic to Cloud Files and other services), as [`Network`]s for
//!   [`CreateOpts::networks`](openstack_compute::servers::CreateOpts::networks), and
//!   [`networks`] to list them with isolated networks (from [`crate::networks`]);
//! - disk configuration: Rackspace servers honour `OS-DCF:diskConfig`
//!   ([`DiskConfig::Auto`] resizes the root file system to the flavor's disk,
//!   [`DiskConfig::Manual`] leaves the image's partitions), set with
//!   [`CreateOpts::disk_config`](openstack_compute::servers::CreateOpts::disk_config); the
//!   image property [`AUTO_DISK_CONFIG_PROPERTY`] says whether an image allows `AUTO`.
//!
//! ```no_run
//! # async fn f(provider: openstack_core::ProviderClient) -> openstack_core::Result<()> {
//! use openstack_compute::servers::{self, CreateOpts};
//! use rackspace_ext::servers::{self as rax, DiskConfig};
//!
//! let compute = rax::client(&provider)?;
//! let opts = CreateOpts::new("web-1", "general1-1")
//!     .image_ref("a8f02f1c-7b8e-4b4f-9b1e-2b0e7e8f5d6c")
//!     .networks(rax::networks(true, true, ["4e8e5957-649f-477b-9e5b-f1f75b21c03c"]))
//!     .disk_config(DiskConfig::Auto);
//! let server = servers::create(&compute, opts).await?;
//! # Ok(()) }
//! ```

use openstack_core::{EndpointOpts, ProviderClient, Result, ServiceClient};

pub use openstack_compute::servers::{Network, Networks};
pub use openstack_compute::DiskConfig;

use crate::service_names::CLOUD_SERVERS_OPENSTACK;

/// The id of PublicNet, the Internet-facing network every Rackspace account has.
pub const PUBLIC_NET: &str = "00000000-0000-0000-0000-000000000000";

/// The id of ServiceNet, Rackspace's internal network (free traffic within a region).
pub const SERVICE_NET: &str = "11111111-1111-1111-1111-111111111111";

/// The image property (`"True"`/`"False"`) that says whether an image may be booted with
/// [`DiskConfig::Auto`].
pub const AUTO_DISK_CONFIG_PROPERTY: &str = "auto_disk_config";

/// A Cloud Servers client: the `compute` service named `cloudServersOpenStack` (the catalog
/// also lists the retired first-generation `cloudServers` as `compute`), in the provider's
/// region. An endpoint override for `compute` wins over the catalog.
pub fn client(provider: &ProviderClient) -> Result<ServiceClient> {
    client_with(
        provider,
        EndpointOpts::new(openstack_compute::SERVICE_TYPE).name(CLOUD_SERVERS_OPENSTACK),
    )
}

/// Like [`client`], with explicit endpoint options (for example another region).
pub fn client_with(provider: &ProviderClient, opts: EndpointOpts) -> Result<ServiceClient> {
    openstack_compute::client_with(provider, opts)
}

/// A NIC on PublicNet.
pub fn public_net() -> Network {
    Network::uuid(PUBLIC_NET)
}

/// A NIC on ServiceNet.
pub fn service_net() -> Network {
    Network::uuid(SERVICE_NET)
}

/// The `networks` of a new server: PublicNet and ServiceNet as asked, then the isolated
/// networks (Cloud Networks ids), in that order. Rackspace attaches a server to exactly
/// these; a server with neither PublicNet nor ServiceNet is reachable only through its
/// isolated networks (and RackConnect).
pub fn networks<I, S>(public: bool, service: bool, isolated: I) -> Networks
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    let mut list = Vec::new();
    if public {
        list.push(public_net());
    }
    if service {
        list.push(service_net());
    }
    list.extend(isolated.into_iter().map(|id| Network::uuid(id)));
    Networks::List(list)
}

/// PublicNet and ServiceNet: what Rackspace attaches when `networks` is not sent.
pub fn default_networks() -> Networks {
    networks(true, true, std::iter::empty::<String>())
}

/// Whether a network id is one of Rackspace's well-known networks.
pub fn is_well_known(network_id: &str) -> bool {
    network_id == PUBLIC_NET || network_id == SERVICE_NET
}

#[cfg(test)]
mod tests {
    use super::*;
    use openstack_compute::servers::{create_request, CreateOpts};
    use serde_json::json;

    #[test]
    fn create_body_with_well_known_networks_and_disk_config() {
        // The Cloud Servers v2 "create server" body: `networks` as a list of `{"uuid": ..}`
        // with the PublicNet/ServiceNet ids, and `OS-DCF:diskConfig`.
        let opts = CreateOpts::new("derp", "performance1-1")
            .image_ref("f90f6034-2570-4974-8351-6b49732ef2eb")
            .networks(networks(
                true,
                true,
                ["4e8e5957-649f-477b-9e5b-f1f75b21c03c"],
            ))
            .disk_config(DiskConfig::Auto);
        let r = create_request(&opts).expect("request");
        assert_eq!(r.path(), "servers");
        let body = r.json_body().expect("json");
        assert_eq!(
            body["server"]["networks"],
            json!([
                {"uuid": "00000000-0000-0000-0000-000000000000"},
                {"uuid": "11111111-1111-1111-1111-111111111111"},
                {"uuid": "4e8e5957-649f-477b-9e5b-f1f75b21c03c"}
            ])
        );
        assert_eq!(body["server"]["OS-DCF:diskConfig"], "AUTO");
        assert_eq!(body["server"]["flavorRef"], "performance1-1");
    }

    #[test]
    fn network_helpers() {
        assert_eq!(
            networks(false, true, std::iter::empty::<&str>()),
            Networks::List(vec![service_net()])
        );
        assert_eq!(
            default_networks(),
            Networks::List(vec![public_net(), service_net()])
        );
        assert!(is_well_known(PUBLIC_NET) && is_well_known(SERVICE_NET));
        assert!(!is_well_known("4e8e5957-649f-477b-9e5b-f1f75b21c03c"));
    }
}
