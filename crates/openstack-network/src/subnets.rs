//! Subnets (`/v2.0/subnets`).
//!
//! ```no_run
//! # async fn f(network: openstack_core::ServiceClient, net_id: &str) -> openstack_core::Result<()> {
//! use openstack_network::subnets::{self, AllocationPool, CreateOpts, IpVersion, UpdateOpts};
//!
//! let subnet = subnets::create(
//!     &network,
//!     CreateOpts::new(net_id, IpVersion::V4)
//!         .cidr("10.0.0.0/24")
//!         .allocation_pools([AllocationPool::new("10.0.0.10", "10.0.0.99")])
//!         .dns_nameservers(["10.0.0.2"]),
//! )
//! .await?;
//! // Remove the gateway: sends "gateway_ip": null.
//! subnets::update(&network, &subnet.id, UpdateOpts::new().clear_gateway_ip()).await?;
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use openstack_core::open_enum;
use openstack_core::serde_util::{lenient_bool, lenient_flag, null_default};
use openstack_core::{Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use time::OffsetDateTime;

use crate::util::{self, setters};

/// The IP version of a subnet (sent as the number 4 or 6).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum IpVersion {
    /// IPv4.
    #[default]
    V4,
    /// IPv6.
    V6,
}

impl Serialize for IpVersion {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_u8(match self {
            IpVersion::V4 => 4,
            IpVersion::V6 => 6,
        })
    }
}

impl<'de> Deserialize<'de> for IpVersion {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        match openstack_core::serde_util::lenient_u64(d)? {
            Some(6) => Ok(IpVersion::V6),
            Some(4) | None => Ok(IpVersion::V4),
            Some(n) => Err(serde::de::Error::custom(format!("unknown IP version {n}"))),
        }
    }
}

open_enum! {
    /// IPv6 router advertisement / address mode.
    pub enum Ipv6Mode {
        /// Stateless address autoconfiguration.
        Slaac => "slaac",
        /// Stateful DHCPv6.
        Dhcpv6Stateful => "dhcpv6-stateful",
        /// Stateless DHCPv6.
        Dhcpv6Stateless => "dhcpv6-stateless",
    }
}

/// A range of addresses Neutron may allocate from.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AllocationPool {
    /// The first address.
    #[serde(default, deserialize_with = "null_default")]
    pub start: String,
    /// The last address.
    #[serde(default, deserialize_with = "null_default")]
    pub end: String,
}

impl AllocationPool {
    /// The addresses from `start` to `end`.
    pub fn new(start: impl Into<String>, end: impl Into<String>) -> Self {
        AllocationPool {
            start: start.into(),
            end: end.into(),
        }
    }
}

/// A static route handed out by DHCP.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct HostRoute {
    /// The destination CIDR.
    #[serde(default, deserialize_with = "null_default")]
    pub destination: String,
    /// The next hop.
    #[serde(default, deserialize_with = "null_default")]
    pub nexthop: String,
}

impl HostRoute {
    /// A route to `destination` via `nexthop`.
    pub fn new(destination: impl Into<String>, nexthop: impl Into<String>) -> Self {
        HostRoute {
            destination: destination.into(),
            nexthop: nexthop.into(),
        }
    }
}

/// A subnet.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct Subnet {
    /// The id.
    #[serde(deserialize_with = "null_default")]
    pub id: String,
    /// The name.
    #[serde(deserialize_with = "null_default")]
    pub name: String,
    /// The description.
    #[serde(deserialize_with = "null_default")]
    pub description: String,
    /// The network.
    #[serde(deserialize_with = "null_default")]
    pub network_id: String,
    /// The owner (legacy name).
    #[serde(deserialize_with = "null_default")]
    pub tenant_id: String,
    /// The owner.
    #[serde(deserialize_with = "null_default")]
    pub project_id: String,
    /// The CIDR.
    #[serde(deserialize_with = "null_default")]
    pub cidr: String,
    /// The gateway (`None`: no gateway).
    pub gateway_ip: Option<String>,
    /// 4 or 6.
    pub ip_version: IpVersion,
    /// Whether DHCP is enabled.
    #[serde(deserialize_with = "lenient_flag")]
    pub enable_dhcp: bool,
    /// DNS servers.
    #[serde(deserialize_with = "null_default")]
    pub dns_nameservers: Vec<String>,
    /// Allocation pools.
    #[serde(deserialize_with = "null_default")]
    pub allocation_pools: Vec<AllocationPool>,
    /// Host routes.
    #[serde(deserialize_with = "null_default")]
    pub host_routes: Vec<HostRoute>,
    /// IPv6 address mode.
    pub ipv6_address_mode: Option<Ipv6Mode>,
    /// IPv6 router advertisement mode.
    pub ipv6_ra_mode: Option<Ipv6Mode>,
    /// The subnet pool the CIDR came from.
    pub subnetpool_id: Option<String>,
    /// The segment (routed networks).
    pub segment_id: Option<String>,
    /// Service types (`subnet-service-types`).
    #[serde(deserialize_with = "null_default")]
    pub service_types: Vec<String>,
    /// Whether fixed IPs are published to DNS.
    #[serde(deserialize_with = "lenient_bool")]
    pub dns_publish_fixed_ip: Option<bool>,
    /// Whether the subnet's network is external.
    #[serde(rename = "router:external", deserialize_with = "lenient_bool")]
    pub external: Option<bool>,
    /// Tags.
    #[serde(deserialize_with = "null_default")]
    pub tags: Vec<String>,
    /// Creation time.
    #[serde(with = "openstack_core::timestamp::option")]
    pub created_at: Option<OffsetDateTime>,
    /// Last update time.
    #[serde(with = "openstack_core::timestamp::option")]
    pub updated_at: Option<OffsetDateTime>,
    /// The revision.
    #[serde(deserialize_with = "null_default")]
    pub revision_number: u64,
}

/// Filters for [`list`].
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
pub struct ListOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    network_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tenant_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    project_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ip_version: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cidr: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    gateway_ip: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    enable_dhcp: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ipv6_address_mode: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ipv6_ra_mode: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    subnetpool_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    segment_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    revision_number: Option<u64>,
    #[serde(skip)]
    common: crate::CommonListOpts,
}

impl ListOpts {
    /// No filters.
    pub fn new() -> Self {
        Self::default()
    }
    setters! {
        /// Only this id.
        id: str,
        /// Only this name.
        name: str,
        /// Only this description.
        description: str,
        /// Only subnets of this network.
        network_id: str,
        /// Only this project (legacy name).
        tenant_id: str,
        /// Only this project.
        project_id: str,
        /// Only this CIDR.
        cidr: str,
        /// Only this gateway.
        gateway_ip: str,
        /// Only subnets with DHCP on (or off).
        enable_dhcp: bool,
        /// Only this IPv6 address mode.
        ipv6_address_mode: str,
        /// Only this IPv6 RA mode.
        ipv6_ra_mode: str,
        /// Only subnets from this pool.
        subnetpool_id: str,
        /// Only subnets on this segment.
        segment_id: str,
        /// Only this revision.
        revision_number: num,
    }
    /// Only this IP version.
    pub fn ip_version(mut self, v: IpVersion) -> Self {
        self.ip_version = Some(match v {
            IpVersion::V4 => 4,
            IpVersion::V6 => 6,
        });
        self
    }
    crate::common_list_methods!();
}

/// Options for [`create`].
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
pub struct CreateOpts {
    network_id: String,
    ip_version: IpVersion,
    #[serde(skip_serializing_if = "Option::is_none")]
    cidr: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tenant_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    project_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    gateway_ip: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    enable_dhcp: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dns_nameservers: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    allocation_pools: Option<Vec<AllocationPool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    host_routes: Option<Vec<HostRoute>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ipv6_address_mode: Option<Ipv6Mode>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ipv6_ra_mode: Option<Ipv6Mode>,
    #[serde(skip_serializing_if = "Option::is_none")]
    subnetpool_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    use_default_subnetpool: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    prefixlen: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    segment_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    service_types: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dns_publish_fixed_ip: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tags: Option<Vec<String>>,
    #[serde(flatten)]
    extra: BTreeMap<String, serde_json::Value>,
}

impl CreateOpts {
    /// A subnet on `network_id`; give it a `cidr`, or a `subnetpool_id` (and `prefixlen`).
    pub fn new(network_id: impl Into<String>, ip_version: IpVersion) -> Self {
        CreateOpts {
            network_id: network_id.into(),
            ip_version,
            ..Self::default()
        }
    }
    setters! {
        /// The CIDR.
        cidr: str,
        /// The name.
        name: str,
        /// The description.
        description: str,
        /// The owner, legacy name (admin).
        tenant_id: str,
        /// The owner (admin).
        project_id: str,
        /// DHCP on or off (default on).
        enable_dhcp: bool,
        /// DNS servers.
        dns_nameservers: strs,
        /// Allocation pools.
        allocation_pools: list<AllocationPool>,
        /// Host routes.
        host_routes: list<HostRoute>,
        /// IPv6 address mode.
        ipv6_address_mode: val<Ipv6Mode>,
        /// IPv6 RA mode.
        ipv6_ra_mode: val<Ipv6Mode>,
        /// Allocate the CIDR from this subnet pool.
        subnetpool_id: str,
        /// Allocate the CIDR from the default subnet pool.
        use_default_subnetpool: bool,
        /// The prefix length to allocate from the pool.
        prefixlen: num,
        /// The segment.
        segment_id: str,
        /// Service types.
        service_types: strs,
        /// Publish fixed IPs to DNS.
        dns_publish_fixed_ip: bool,
        /// Tags set at creation.
        tags: strs,
    }
    /// The gateway address (without it, Neutron picks the first address).
    pub fn gateway_ip(mut self, v: impl Into<String>) -> Self {
        self.gateway_ip = Some(Some(v.into()));
        self
    }
    /// No gateway (sends `"gateway_ip": null`).
    pub fn no_gateway(mut self) -> Self {
        self.gateway_ip = Some(None);
        self
    }
    util::extra_setter!();
}

/// Options for [`update`]; tri-state fields have a `clear_` method that sends `null`.
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
pub struct UpdateOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    gateway_ip: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    enable_dhcp: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dns_nameservers: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    allocation_pools: Option<Vec<AllocationPool>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    host_routes: Option<Vec<HostRoute>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    segment_id: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    service_types: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dns_publish_fixed_ip: Option<bool>,
    #[serde(flatten)]
    extra: BTreeMap<String, serde_json::Value>,
    #[serde(skip)]
    revision: Option<u64>,
}

impl UpdateOpts {
    /// Changes nothing yet.
    pub fn new() -> Self {
        Self::default()
    }
    setters! {
        /// A new name.
        name: str,
        /// A new description.
        description: estr clear_description,
        /// A new gateway.
        gateway_ip: nstr clear_gateway_ip,
        /// DHCP on or off.
        enable_dhcp: bool,
        /// Replaces the DNS servers (empty to remove them all).
        dns_nameservers: strs,
        /// Replaces the allocation pools.
        allocation_pools: list<AllocationPool>,
        /// Replaces the host routes (empty to remove them all).
        host_routes: list<HostRoute>,
        /// Moves the subnet to a segment.
        segment_id: nstr clear_segment_id,
        /// Replaces the service types.
        service_types: strs,
        /// Publish fixed IPs to DNS.
        dns_publish_fixed_ip: bool,
    }
    util::extra_setter!();
    util::revision_setter! {
        /// Updates only if the subnet is still at `revision` (`If-Match`).
    }
}

util::resource_fns! { "subnets", "subnet", "subnets", Subnet;
    /// Lists subnets.
    list;
    /// Shows a subnet.
    get;
    /// Creates a subnet.
    create;
    /// Creates several subnets in one request.
    create_bulk;
    /// Updates a subnet.
    update if_match;
    /// Deletes a subnet.
    delete;
}
