//! Ports (`/v2.0/ports`), with the `port-security`, `allowed-address-pairs`,
//! `extra_dhcp_opt` and `binding` (admin) attributes.
//!
//! ```no_run
//! # async fn f(network: openstack_core::ServiceClient, net_id: &str, subnet_id: &str) -> openstack_core::Result<()> {
//! use openstack_network::ports::{self, CreateOpts, UpdateOpts};
//! use openstack_network::FixedIp;
//!
//! let port = ports::create(
//!     &network,
//!     CreateOpts::new(net_id).name("web-0").fixed_ips([FixedIp::subnet(subnet_id)]),
//! )
//! .await?;
//! println!("{} {:?}", port.mac_address, port.fixed_ips);
//! ports::update(&network, &port.id, UpdateOpts::new().security_groups(Vec::<String>::new())).await?;
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use openstack_core::open_enum;
use openstack_core::serde_util::{lenient_bool, lenient_flag, null_default};
use openstack_core::{Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::util::{self, setters};
use crate::FixedIp;

open_enum! {
    /// The status of a port.
    pub enum Status {
        /// Bound and up.
        Active => "ACTIVE",
        /// Not bound or down.
        Down => "DOWN",
        /// Being built.
        Build => "BUILD",
        /// Failed.
        Error => "ERROR",
    }
    default Down
}

/// An address pair allowed through port security besides the port's own.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AddressPair {
    /// An IP address or CIDR.
    #[serde(default, deserialize_with = "null_default")]
    pub ip_address: String,
    /// A MAC address (the port's own when left empty).
    #[serde(
        default,
        deserialize_with = "null_default",
        skip_serializing_if = "String::is_empty"
    )]
    pub mac_address: String,
}

impl AddressPair {
    /// Allows `ip_address` (an address or CIDR) with the port's MAC address.
    pub fn new(ip_address: impl Into<String>) -> Self {
        AddressPair {
            ip_address: ip_address.into(),
            mac_address: String::new(),
        }
    }

    /// Sets the MAC address.
    #[must_use]
    pub fn mac_address(mut self, mac: impl Into<String>) -> Self {
        self.mac_address = mac.into();
        self
    }
}

/// An extra DHCP option (`extra_dhcp_opt` extension).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ExtraDhcpOpt {
    /// The option name (`bootfile-name`...).
    #[serde(default, deserialize_with = "null_default")]
    pub opt_name: String,
    /// The value (`None` removes the option in an update).
    #[serde(default)]
    pub opt_value: Option<String>,
    /// 4 or 6 (both when absent).
    #[serde(
        default,
        deserialize_with = "openstack_core::serde_util::lenient_u64",
        skip_serializing_if = "Option::is_none"
    )]
    pub ip_version: Option<u64>,
}

impl ExtraDhcpOpt {
    /// Option `name` with `value`.
    pub fn new(name: impl Into<String>, value: impl Into<String>) -> Self {
        ExtraDhcpOpt {
            opt_name: name.into(),
            opt_value: Some(value.into()),
            ip_version: None,
        }
    }

    /// Removes option `name` (an update sends `"opt_value": null`).
    pub fn remove(name: impl Into<String>) -> Self {
        ExtraDhcpOpt {
            opt_name: name.into(),
            opt_value: None,
            ip_version: None,
        }
    }

    /// Restricts the option to IP version 4 or 6.
    #[must_use]
    pub fn ip_version(mut self, v: u64) -> Self {
        self.ip_version = Some(v);
        self
    }
}

/// A DNS name assigned to one of the port's addresses (`dns-integration`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct DnsAssignment {
    /// Host name.
    #[serde(deserialize_with = "null_default")]
    pub hostname: String,
    /// Address.
    #[serde(deserialize_with = "null_default")]
    pub ip_address: String,
    /// Fully qualified name.
    #[serde(deserialize_with = "null_default")]
    pub fqdn: String,
}

/// A port.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct Port {
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
    /// The administrative state.
    #[serde(deserialize_with = "lenient_flag")]
    pub admin_state_up: bool,
    /// The status.
    pub status: Status,
    /// The MAC address.
    #[serde(deserialize_with = "null_default")]
    pub mac_address: String,
    /// The addresses.
    #[serde(deserialize_with = "null_default")]
    pub fixed_ips: Vec<FixedIp>,
    /// The owner (legacy name).
    #[serde(deserialize_with = "null_default")]
    pub tenant_id: String,
    /// The owner.
    #[serde(deserialize_with = "null_default")]
    pub project_id: String,
    /// What uses the port (`compute:nova`, `network:router_interface`...).
    #[serde(deserialize_with = "null_default")]
    pub device_owner: String,
    /// The id of what uses the port (a server, a router...).
    #[serde(deserialize_with = "null_default")]
    pub device_id: String,
    /// Security groups.
    #[serde(deserialize_with = "null_default")]
    pub security_groups: Vec<String>,
    /// Allowed address pairs.
    #[serde(deserialize_with = "null_default")]
    pub allowed_address_pairs: Vec<AddressPair>,
    /// Extra DHCP options.
    #[serde(deserialize_with = "null_default")]
    pub extra_dhcp_opts: Vec<ExtraDhcpOpt>,
    /// Port security.
    #[serde(deserialize_with = "lenient_bool")]
    pub port_security_enabled: Option<bool>,
    /// `binding:host_id` (admin).
    #[serde(rename = "binding:host_id", deserialize_with = "null_default")]
    pub host_id: String,
    /// `binding:vnic_type` (`normal`, `direct`, `baremetal`...).
    #[serde(rename = "binding:vnic_type", deserialize_with = "null_default")]
    pub vnic_type: String,
    /// `binding:vif_type` (admin).
    #[serde(rename = "binding:vif_type", deserialize_with = "null_default")]
    pub vif_type: String,
    /// `binding:vif_details` (admin).
    #[serde(rename = "binding:vif_details", deserialize_with = "null_default")]
    pub vif_details: BTreeMap<String, serde_json::Value>,
    /// `binding:profile` (admin).
    #[serde(rename = "binding:profile", deserialize_with = "null_default")]
    pub profile: BTreeMap<String, serde_json::Value>,
    /// The DNS name.
    pub dns_name: Option<String>,
    /// The DNS domain.
    pub dns_domain: Option<String>,
    /// DNS assignments.
    #[serde(deserialize_with = "null_default")]
    pub dns_assignment: Vec<DnsAssignment>,
    /// The QoS policy.
    pub qos_policy_id: Option<String>,
    /// The QoS policy inherited from the network.
    pub qos_network_policy_id: Option<String>,
    /// The data plane status.
    pub data_plane_status: Option<String>,
    /// Whether the uplink status propagates.
    #[serde(deserialize_with = "lenient_bool")]
    pub propagate_uplink_status: Option<bool>,
    /// MAC learning.
    #[serde(deserialize_with = "lenient_bool")]
    pub mac_learning_enabled: Option<bool>,
    /// `immediate`, `deferred` or `none`.
    pub ip_allocation: Option<String>,
    /// The placement resource request.
    pub resource_request: Option<serde_json::Value>,
    /// Trunk details when the port is a trunk's parent.
    pub trunk_details: Option<serde_json::Value>,
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
    status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    admin_state_up: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tenant_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    project_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    device_owner: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    device_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mac_address: Option<String>,
    #[serde(rename = "binding:host_id", skip_serializing_if = "Option::is_none")]
    host_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    security_groups: Option<String>,
    fixed_ips: Vec<String>,
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
        /// Only ports on this network.
        network_id: str,
        /// Only this status.
        status: str,
        /// Only this administrative state.
        admin_state_up: bool,
        /// Only this project (legacy name).
        tenant_id: str,
        /// Only this project.
        project_id: str,
        /// Only this device owner.
        device_owner: str,
        /// Only this device.
        device_id: str,
        /// Only this MAC address.
        mac_address: str,
        /// Only ports bound to this host (admin).
        host_id: str,
        /// Only ports in this security group.
        security_groups: str,
        /// Only this revision.
        revision_number: num,
    }
    /// Only ports with an address on this subnet (`fixed_ips=subnet_id=...`).
    pub fn fixed_ip_subnet(mut self, subnet_id: impl Into<String>) -> Self {
        self.fixed_ips
            .push(format!("subnet_id={}", subnet_id.into()));
        self
    }
    /// Only ports with this address (`fixed_ips=ip_address=...`).
    pub fn fixed_ip_address(mut self, ip: impl Into<String>) -> Self {
        self.fixed_ips.push(format!("ip_address={}", ip.into()));
        self
    }
    crate::common_list_methods!();
}

/// Options for [`create`].
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
pub struct CreateOpts {
    network_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    admin_state_up: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mac_address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fixed_ips: Option<Vec<FixedIp>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    device_owner: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    device_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    security_groups: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tenant_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    project_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    allowed_address_pairs: Option<Vec<AddressPair>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    extra_dhcp_opts: Option<Vec<ExtraDhcpOpt>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    port_security_enabled: Option<bool>,
    #[serde(rename = "binding:host_id", skip_serializing_if = "Option::is_none")]
    host_id: Option<String>,
    #[serde(rename = "binding:vnic_type", skip_serializing_if = "Option::is_none")]
    vnic_type: Option<String>,
    #[serde(rename = "binding:profile", skip_serializing_if = "Option::is_none")]
    profile: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dns_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dns_domain: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    qos_policy_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    propagate_uplink_status: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mac_learning_enabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tags: Option<Vec<String>>,
    #[serde(flatten)]
    extra: BTreeMap<String, serde_json::Value>,
}

impl CreateOpts {
    /// A port on `network_id`.
    pub fn new(network_id: impl Into<String>) -> Self {
        CreateOpts {
            network_id: network_id.into(),
            ..Self::default()
        }
    }
    setters! {
        /// The name.
        name: str,
        /// The description.
        description: str,
        /// The administrative state.
        admin_state_up: bool,
        /// The MAC address (admin).
        mac_address: str,
        /// The addresses (an empty list: no address).
        fixed_ips: list<FixedIp>,
        /// The device owner.
        device_owner: str,
        /// The device id.
        device_id: str,
        /// Security groups (the project's `default` group when not given).
        security_groups: strs,
        /// The owner, legacy name (admin).
        tenant_id: str,
        /// The owner (admin).
        project_id: str,
        /// Allowed address pairs.
        allowed_address_pairs: list<AddressPair>,
        /// Extra DHCP options.
        extra_dhcp_opts: list<ExtraDhcpOpt>,
        /// Port security on or off.
        port_security_enabled: bool,
        /// `binding:host_id` (admin).
        host_id: str,
        /// `binding:vnic_type`.
        vnic_type: str,
        /// `binding:profile` (admin).
        profile: val<serde_json::Value>,
        /// The DNS name.
        dns_name: str,
        /// The DNS domain.
        dns_domain: str,
        /// The QoS policy.
        qos_policy_id: str,
        /// Propagate the uplink status.
        propagate_uplink_status: bool,
        /// MAC learning.
        mac_learning_enabled: bool,
        /// Tags set at creation.
        tags: strs,
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
    admin_state_up: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mac_address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fixed_ips: Option<Vec<FixedIp>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    device_owner: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    device_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    security_groups: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    allowed_address_pairs: Option<Vec<AddressPair>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    extra_dhcp_opts: Option<Vec<ExtraDhcpOpt>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    port_security_enabled: Option<bool>,
    #[serde(rename = "binding:host_id", skip_serializing_if = "Option::is_none")]
    host_id: Option<String>,
    #[serde(rename = "binding:vnic_type", skip_serializing_if = "Option::is_none")]
    vnic_type: Option<String>,
    #[serde(rename = "binding:profile", skip_serializing_if = "Option::is_none")]
    profile: Option<Option<serde_json::Value>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dns_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dns_domain: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    qos_policy_id: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    data_plane_status: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    propagate_uplink_status: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mac_learning_enabled: Option<bool>,
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
        /// The administrative state.
        admin_state_up: bool,
        /// A new MAC address (admin).
        mac_address: str,
        /// Replaces the addresses.
        fixed_ips: list<FixedIp>,
        /// The device owner (`""` to clear).
        device_owner: str,
        /// The device id (`""` to clear).
        device_id: str,
        /// Replaces the security groups (empty to remove them all).
        security_groups: strs,
        /// Replaces the allowed address pairs (empty to remove them all).
        allowed_address_pairs: list<AddressPair>,
        /// Adds, changes or (with [`ExtraDhcpOpt::remove`]) removes DHCP options.
        extra_dhcp_opts: list<ExtraDhcpOpt>,
        /// Port security on or off.
        port_security_enabled: bool,
        /// `binding:host_id` (admin).
        host_id: str,
        /// `binding:vnic_type`.
        vnic_type: str,
        /// `binding:profile` (admin).
        profile: nval clear_profile <serde_json::Value>,
        /// The DNS name.
        dns_name: estr clear_dns_name,
        /// The DNS domain.
        dns_domain: estr clear_dns_domain,
        /// The QoS policy.
        qos_policy_id: nstr clear_qos_policy_id,
        /// The data plane status (`ACTIVE`/`DOWN`, admin).
        data_plane_status: nstr clear_data_plane_status,
        /// Propagate the uplink status.
        propagate_uplink_status: bool,
        /// MAC learning.
        mac_learning_enabled: bool,
    }
    util::extra_setter!();
    util::revision_setter! {
        /// Updates only if the port is still at `revision` (`If-Match`).
    }
}

util::resource_fns! { "ports", "port", "ports", Port;
    /// Lists ports.
    list;
    /// Shows a port.
    get;
    /// Creates a port.
    create;
    /// Creates several ports in one request.
    create_bulk;
    /// Updates a port.
    update if_match;
    /// Deletes a port.
    delete;
}
