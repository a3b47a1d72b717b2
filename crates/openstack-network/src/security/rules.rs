//! Security group rules (`/v2.0/security-group-rules`).

use std::collections::BTreeMap;

use openstack_core::open_enum;
use openstack_core::serde_util::{lenient_bool, lenient_string, lenient_u64, null_default};
use openstack_core::{Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::util::{self, setters};

open_enum! {
    /// The direction of traffic a rule matches.
    pub enum Direction {
        /// Incoming.
        Ingress => "ingress",
        /// Outgoing.
        Egress => "egress",
    }
    default Ingress
}

open_enum! {
    /// The IP version a rule matches.
    pub enum EtherType {
        /// IPv4.
        IPv4 => "IPv4",
        /// IPv6.
        IPv6 => "IPv6",
    }
    default IPv4
}

/// A security group rule.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct Rule {
    /// The id.
    #[serde(deserialize_with = "null_default")]
    pub id: String,
    /// The group.
    #[serde(deserialize_with = "null_default")]
    pub security_group_id: String,
    /// The description.
    #[serde(deserialize_with = "null_default")]
    pub description: String,
    /// Ingress or egress.
    pub direction: Direction,
    /// IPv4 or IPv6.
    pub ethertype: EtherType,
    /// The protocol (`tcp`, `udp`, `icmp`, a number...), `None` for any. Some clouds send
    /// numbers as JSON numbers; they become strings (`"6"`).
    #[serde(deserialize_with = "lenient_string")]
    pub protocol: Option<String>,
    /// The lowest port (or the ICMP type).
    #[serde(deserialize_with = "lenient_u64")]
    pub port_range_min: Option<u64>,
    /// The highest port (or the ICMP code).
    #[serde(deserialize_with = "lenient_u64")]
    pub port_range_max: Option<u64>,
    /// The remote address range.
    pub remote_ip_prefix: Option<String>,
    /// The remote security group.
    pub remote_group_id: Option<String>,
    /// The remote address group.
    pub remote_address_group_id: Option<String>,
    /// Whether the rule belongs to a project's default group.
    #[serde(deserialize_with = "lenient_bool")]
    pub belongs_to_default_sg: Option<bool>,
    /// The owner (legacy name).
    #[serde(deserialize_with = "null_default")]
    pub tenant_id: String,
    /// The owner.
    #[serde(deserialize_with = "null_default")]
    pub project_id: String,
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
    security_group_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    direction: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ethertype: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    protocol: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    port_range_min: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    port_range_max: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    remote_ip_prefix: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    remote_group_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tenant_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    project_id: Option<String>,
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
        /// Only rules of this group.
        security_group_id: str,
        /// Only `ingress` or `egress`.
        direction: str,
        /// Only `IPv4` or `IPv6`.
        ethertype: str,
        /// Only this protocol.
        protocol: str,
        /// Only this lowest port.
        port_range_min: num,
        /// Only this highest port.
        port_range_max: num,
        /// Only this remote prefix.
        remote_ip_prefix: str,
        /// Only this remote group.
        remote_group_id: str,
        /// Only this project (legacy name).
        tenant_id: str,
        /// Only this project.
        project_id: str,
    }
    crate::common_list_methods!();
}

/// Options for [`create`].
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
pub struct CreateOpts {
    security_group_id: String,
    direction: Direction,
    #[serde(skip_serializing_if = "Option::is_none")]
    ethertype: Option<EtherType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    protocol: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    port_range_min: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    port_range_max: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    remote_ip_prefix: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    remote_group_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    remote_address_group_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tenant_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    project_id: Option<String>,
    #[serde(flatten)]
    extra: BTreeMap<String, serde_json::Value>,
}

impl CreateOpts {
    /// A rule in `security_group_id` for `direction` (IPv4, any protocol, unless set).
    pub fn new(security_group_id: impl Into<String>, direction: Direction) -> Self {
        CreateOpts {
            security_group_id: security_group_id.into(),
            direction,
            ..Self::default()
        }
    }
    setters! {
        /// IPv4 or IPv6.
        ethertype: val<EtherType>,
        /// The protocol (`tcp`, `udp`, `icmp`, a number).
        protocol: str,
        /// The lowest port (or the ICMP type).
        port_range_min: num,
        /// The highest port (or the ICMP code).
        port_range_max: num,
        /// The remote address range.
        remote_ip_prefix: str,
        /// The remote security group.
        remote_group_id: str,
        /// The remote address group.
        remote_address_group_id: str,
        /// The description.
        description: str,
        /// The owner, legacy name (admin).
        tenant_id: str,
        /// The owner (admin).
        project_id: str,
    }
    /// Ports `min` to `max` (both inclusive).
    pub fn port_range(self, min: u64, max: u64) -> Self {
        self.port_range_min(min).port_range_max(max)
    }
    util::extra_setter!();
}

util::resource_fns! { "security-group-rules", "security_group_rule", "security_group_rules", Rule;
    /// Lists rules.
    list;
    /// Shows a rule.
    get;
    /// Creates a rule.
    create;
    /// Creates several rules in one request.
    create_bulk;
    /// Deletes a rule (rules cannot be updated).
    delete;
}
