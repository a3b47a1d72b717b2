//! Networks (`/v2.0/networks`), with the fields of the `external` (`router:external`) and
//! `provider` (`provider:*`, multi-segment `segments`) extensions.
//!
//! ```no_run
//! # async fn f(network: openstack_core::ServiceClient) -> openstack_core::Result<()> {
//! use openstack_network::networks::{self, CreateOpts, Segment, UpdateOpts};
//!
//! // An external flat network (admin only).
//! let public = networks::create(
//!     &network,
//!     CreateOpts::new()
//!         .name("public")
//!         .external(true)
//!         .provider(Segment::new("flat").physical_network("physnet1")),
//! )
//! .await?;
//! // Clear the description, but only if nobody changed the network since we read it.
//! networks::update(
//!     &network,
//!     &public.id,
//!     UpdateOpts::new().clear_description().if_revision(public.revision_number),
//! )
//! .await?;
//! # Ok(()) }
//! ```

use openstack_core::open_enum;
use openstack_core::serde_util::{lenient_bool, lenient_flag, lenient_u64, null_default};
use openstack_core::{Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::util;

open_enum! {
    /// The status of a network.
    pub enum Status {
        /// Usable.
        Active => "ACTIVE",
        /// Administratively down.
        Down => "DOWN",
        /// Being built.
        Build => "BUILD",
        /// Failed.
        Error => "ERROR",
    }
    default Active
}

/// A network segment of the `provider` / `multi-provider` extensions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Segment {
    /// `flat`, `vlan`, `vxlan`, `geneve`, `gre`, `local`...
    #[serde(
        rename = "provider:network_type",
        default,
        deserialize_with = "null_default",
        skip_serializing_if = "String::is_empty"
    )]
    pub network_type: String,
    /// The physical network (for `flat` and `vlan`).
    #[serde(
        rename = "provider:physical_network",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub physical_network: Option<String>,
    /// The VLAN id or tunnel id.
    #[serde(
        rename = "provider:segmentation_id",
        default,
        deserialize_with = "lenient_u64",
        skip_serializing_if = "Option::is_none"
    )]
    pub segmentation_id: Option<u64>,
}

impl Segment {
    /// A segment of `network_type` (`flat`, `vlan`, `vxlan`...).
    pub fn new(network_type: impl Into<String>) -> Self {
        Segment {
            network_type: network_type.into(),
            ..Segment::default()
        }
    }

    /// Sets the physical network.
    #[must_use]
    pub fn physical_network(mut self, physnet: impl Into<String>) -> Self {
        self.physical_network = Some(physnet.into());
        self
    }

    /// Sets the segmentation id (VLAN id, VNI).
    #[must_use]
    pub fn segmentation_id(mut self, id: u64) -> Self {
        self.segmentation_id = Some(id);
        self
    }
}

/// A network.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct Network {
    /// The id.
    #[serde(deserialize_with = "null_default")]
    pub id: String,
    /// The name (may be empty).
    #[serde(deserialize_with = "null_default")]
    pub name: String,
    /// The description (may be empty).
    #[serde(deserialize_with = "null_default")]
    pub description: String,
    /// The administrative state.
    #[serde(deserialize_with = "lenient_flag")]
    pub admin_state_up: bool,
    /// The status.
    pub status: Status,
    /// The ids of the network's subnets.
    #[serde(deserialize_with = "null_default")]
    pub subnets: Vec<String>,
    /// Whether the network is shared with all projects.
    #[serde(deserialize_with = "lenient_flag")]
    pub shared: bool,
    /// The owner (legacy name of `project_id`).
    #[serde(deserialize_with = "null_default")]
    pub tenant_id: String,
    /// The owner.
    #[serde(deserialize_with = "null_default")]
    pub project_id: String,
    /// The MTU (`net-mtu` extension).
    #[serde(deserialize_with = "lenient_u64")]
    pub mtu: Option<u64>,
    /// Default port security of the network's ports (`port-security` extension).
    #[serde(deserialize_with = "lenient_bool")]
    pub port_security_enabled: Option<bool>,
    /// Tags (`standard-attr-tag`).
    #[serde(deserialize_with = "null_default")]
    pub tags: Vec<String>,
    /// Availability zone hints.
    #[serde(deserialize_with = "null_default")]
    pub availability_zone_hints: Vec<String>,
    /// Availability zones.
    #[serde(deserialize_with = "null_default")]
    pub availability_zones: Vec<String>,
    /// Creation time.
    #[serde(with = "openstack_core::timestamp::option")]
    pub created_at: Option<OffsetDateTime>,
    /// Last update time.
    #[serde(with = "openstack_core::timestamp::option")]
    pub updated_at: Option<OffsetDateTime>,
    /// The revision, for `If-Match` updates.
    #[serde(deserialize_with = "null_default")]
    pub revision_number: u64,
    /// Whether this is an external network (`external` extension: `router:external`).
    #[serde(rename = "router:external", deserialize_with = "lenient_flag")]
    pub external: bool,
    /// `provider:network_type`, `provider:physical_network` and `provider:segmentation_id`
    /// (`provider` extension; admins only).
    #[serde(flatten)]
    pub provider: Segment,
    /// The segments of a multi-segment network (`multi-provider` extension).
    #[serde(deserialize_with = "null_default")]
    pub segments: Vec<Segment>,
    /// The QoS policy.
    pub qos_policy_id: Option<String>,
    /// The DNS domain (`dns-integration`).
    pub dns_domain: Option<String>,
    /// Whether this is the default external network (`auto-allocated-topology`).
    #[serde(deserialize_with = "lenient_bool")]
    pub is_default: Option<bool>,
    /// Whether the network can reach any host (`l2_adjacency`).
    #[serde(deserialize_with = "lenient_bool")]
    pub l2_adjacency: Option<bool>,
    /// VLAN transparency (`vlan-transparent`).
    #[serde(deserialize_with = "lenient_bool")]
    pub vlan_transparent: Option<bool>,
    /// The IPv4 address scope.
    pub ipv4_address_scope: Option<String>,
    /// The IPv6 address scope.
    pub ipv6_address_scope: Option<String>,
}

/// Filters, field selection, sorting and paging for [`list`].
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
    status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tenant_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    project_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    shared: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    admin_state_up: Option<bool>,
    #[serde(rename = "router:external", skip_serializing_if = "Option::is_none")]
    external: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mtu: Option<u64>,
    #[serde(
        rename = "provider:network_type",
        skip_serializing_if = "Option::is_none"
    )]
    network_type: Option<String>,
    #[serde(
        rename = "provider:physical_network",
        skip_serializing_if = "Option::is_none"
    )]
    physical_network: Option<String>,
    #[serde(
        rename = "provider:segmentation_id",
        skip_serializing_if = "Option::is_none"
    )]
    segmentation_id: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    revision_number: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_default: Option<bool>,
    #[serde(skip)]
    common: crate::CommonListOpts,
}

impl ListOpts {
    /// No filters.
    pub fn new() -> Self {
        Self::default()
    }
    util::setters! {
        /// Only the network with this id.
        id: str,
        /// Only networks with this name.
        name: str,
        /// Only networks with this description.
        description: str,
        /// Only networks with this status (`ACTIVE`...).
        status: str,
        /// Only networks of this project (legacy name).
        tenant_id: str,
        /// Only networks of this project.
        project_id: str,
        /// Only shared (or only unshared) networks.
        shared: bool,
        /// Only networks in this administrative state.
        admin_state_up: bool,
        /// Only external (or only internal) networks (`router:external`).
        external: bool,
        /// Only networks with this MTU.
        mtu: num,
        /// Only networks of this provider network type (admin).
        network_type: str,
        /// Only networks on this physical network (admin).
        physical_network: str,
        /// Only networks with this segmentation id (admin).
        segmentation_id: num,
        /// Only networks at this revision.
        revision_number: num,
        /// Only the default external network (or only the others).
        is_default: bool,
    }
    crate::common_list_methods!();
}

/// Options for [`create`]. Every field is optional for networks.
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
pub struct CreateOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    admin_state_up: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    shared: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tenant_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    project_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mtu: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    port_security_enabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    availability_zone_hints: Option<Vec<String>>,
    #[serde(rename = "router:external", skip_serializing_if = "Option::is_none")]
    external: Option<bool>,
    #[serde(flatten)]
    provider: Option<Segment>,
    #[serde(skip_serializing_if = "Option::is_none")]
    segments: Option<Vec<Segment>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    qos_policy_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dns_domain: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_default: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    vlan_transparent: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tags: Option<Vec<String>>,
    #[serde(flatten)]
    extra: std::collections::BTreeMap<String, serde_json::Value>,
}

impl CreateOpts {
    /// A network with Neutron's defaults.
    pub fn new() -> Self {
        Self::default()
    }
    util::setters! {
        /// The name.
        name: str,
        /// The description.
        description: str,
        /// The administrative state (default up).
        admin_state_up: bool,
        /// Shares the network with all projects (admin).
        shared: bool,
        /// The owner, legacy name (admin).
        tenant_id: str,
        /// The owner (admin).
        project_id: str,
        /// The MTU.
        mtu: num,
        /// Default port security for the network's ports.
        port_security_enabled: bool,
    }
    /// Availability zone hints.
    pub fn availability_zone_hints(
        mut self,
        v: impl IntoIterator<Item = impl Into<String>>,
    ) -> Self {
        self.availability_zone_hints = Some(v.into_iter().map(Into::into).collect());
        self
    }
    util::setters! {
        /// Marks the network external (`router:external`, admin).
        external: bool,
        /// The provider attributes of a single-segment network (admin).
        provider: val<Segment>,
    }
    /// The segments of a multi-segment network (admin).
    pub fn segments(mut self, v: impl IntoIterator<Item = Segment>) -> Self {
        self.segments = Some(v.into_iter().collect());
        self
    }
    util::setters! {
        /// The QoS policy.
        qos_policy_id: str,
        /// The DNS domain.
        dns_domain: str,
        /// Makes it the default external network.
        is_default: bool,
        /// VLAN transparency.
        vlan_transparent: bool,
    }
    util::extra_setter!();
    /// Tags set at creation (`tag-creation` extension).
    pub fn tags(mut self, v: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.tags = Some(v.into_iter().map(Into::into).collect());
        self
    }
}

/// Options for [`update`]; fields left alone are not sent.
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
pub struct UpdateOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    admin_state_up: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    shared: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mtu: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    port_security_enabled: Option<bool>,
    #[serde(rename = "router:external", skip_serializing_if = "Option::is_none")]
    external: Option<bool>,
    #[serde(flatten)]
    provider: Option<Segment>,
    #[serde(skip_serializing_if = "Option::is_none")]
    segments: Option<Vec<Segment>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    qos_policy_id: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dns_domain: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_default: Option<bool>,
    #[serde(flatten)]
    extra: std::collections::BTreeMap<String, serde_json::Value>,
    #[serde(skip)]
    revision: Option<u64>,
}

impl UpdateOpts {
    /// Changes nothing yet.
    pub fn new() -> Self {
        Self::default()
    }
    util::setters! {
        /// A new name.
        name: str,
        /// A new description.
        description: str,
    }
    /// Clears the description: sends `""` (Neutron refuses `null` for descriptions).
    pub fn clear_description(mut self) -> Self {
        self.description = Some(String::new());
        self
    }
    util::setters! {
        /// The administrative state.
        admin_state_up: bool,
        /// Shares or unshares the network.
        shared: bool,
        /// A new MTU.
        mtu: num,
        /// Default port security for new ports.
        port_security_enabled: bool,
        /// Marks the network external or internal (`router:external`).
        external: bool,
        /// New provider attributes (admin; some backends refuse).
        provider: val<Segment>,
    }
    /// New segments (admin).
    pub fn segments(mut self, v: impl IntoIterator<Item = Segment>) -> Self {
        self.segments = Some(v.into_iter().collect());
        self
    }
    /// A new QoS policy.
    pub fn qos_policy_id(mut self, v: impl Into<String>) -> Self {
        self.qos_policy_id = Some(Some(v.into()));
        self
    }
    /// Removes the QoS policy (sends `null`).
    pub fn clear_qos_policy_id(mut self) -> Self {
        self.qos_policy_id = Some(None);
        self
    }
    /// A new DNS domain.
    pub fn dns_domain(mut self, v: impl Into<String>) -> Self {
        self.dns_domain = Some(v.into());
        self
    }
    /// Clears the DNS domain: sends `""` (Neutron refuses `null` here).
    pub fn clear_dns_domain(mut self) -> Self {
        self.dns_domain = Some(String::new());
        self
    }
    /// Makes it (or stops it being) the default external network.
    pub fn is_default(mut self, v: bool) -> Self {
        self.is_default = Some(v);
        self
    }
    util::extra_setter!();
    util::revision_setter! {
        /// Updates only if the network is still at `revision` (`If-Match: revision_number=N`);
        /// otherwise Neutron answers 412.
    }
}

util::resource_fns! { "networks", "network", "networks", Network;
    /// Lists networks, following Neutron's pagination links.
    list;
    /// Shows a network.
    get;
    /// Creates a network.
    create;
    /// Creates several networks in one request (all or none).
    create_bulk;
    /// Updates a network.
    update if_match;
    /// Deletes a network (and its subnets; it must have no ports in use).
    delete;
}
