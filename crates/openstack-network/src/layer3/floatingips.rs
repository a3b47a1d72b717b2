//! Floating IPs (`/v2.0/floatingips`): allocate, associate with a port, disassociate, release.
//!
//! ```no_run
//! # async fn f(network: openstack_core::ServiceClient, ext_net: &str, port_id: &str) -> openstack_core::Result<()> {
//! use openstack_network::layer3::floatingips::{self, CreateOpts, UpdateOpts};
//!
//! let fip = floatingips::create(&network, CreateOpts::new(ext_net).port_id(port_id)).await?;
//! println!("{} -> {:?}", fip.floating_ip_address, fip.fixed_ip_address);
//! // Disassociate: sends "port_id": null.
//! floatingips::update(&network, &fip.id, UpdateOpts::new().disassociate()).await?;
//! floatingips::delete(&network, &fip.id).await?;
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use openstack_core::open_enum;
use openstack_core::serde_util::null_default;
use openstack_core::{Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::util::{self, setters};

open_enum! {
    /// The status of a floating IP.
    pub enum Status {
        /// Associated and working.
        Active => "ACTIVE",
        /// Not associated.
        Down => "DOWN",
        /// Failed.
        Error => "ERROR",
    }
    default Down
}

/// A floating IP.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct FloatingIp {
    /// The id.
    #[serde(deserialize_with = "null_default")]
    pub id: String,
    /// The description.
    #[serde(deserialize_with = "null_default")]
    pub description: String,
    /// The external network it comes from.
    #[serde(deserialize_with = "null_default")]
    pub floating_network_id: String,
    /// The public address.
    #[serde(deserialize_with = "null_default")]
    pub floating_ip_address: String,
    /// The associated port, if any.
    pub port_id: Option<String>,
    /// The associated fixed address, if any.
    pub fixed_ip_address: Option<String>,
    /// The router that does the NAT, if associated.
    pub router_id: Option<String>,
    /// The status.
    pub status: Status,
    /// The owner (legacy name).
    #[serde(deserialize_with = "null_default")]
    pub tenant_id: String,
    /// The owner.
    #[serde(deserialize_with = "null_default")]
    pub project_id: String,
    /// The DNS name.
    pub dns_name: Option<String>,
    /// The DNS domain.
    pub dns_domain: Option<String>,
    /// The QoS policy.
    pub qos_policy_id: Option<String>,
    /// The QoS policy of the port's network.
    pub qos_network_policy_id: Option<String>,
    /// Details of the associated port (`fip-port-details`).
    pub port_details: Option<serde_json::Value>,
    /// Port forwardings.
    #[serde(deserialize_with = "null_default")]
    pub port_forwardings: Vec<serde_json::Value>,
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
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    floating_network_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    floating_ip_address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    port_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fixed_ip_address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    router_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tenant_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    project_id: Option<String>,
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
        /// Only this description.
        description: str,
        /// Only from this external network.
        floating_network_id: str,
        /// Only this address.
        floating_ip_address: str,
        /// Only associated with this port.
        port_id: str,
        /// Only associated with this fixed address.
        fixed_ip_address: str,
        /// Only behind this router.
        router_id: str,
        /// Only this status.
        status: str,
        /// Only this project (legacy name).
        tenant_id: str,
        /// Only this project.
        project_id: str,
        /// Only this revision.
        revision_number: num,
    }
    crate::common_list_methods!();
}

/// Options for [`create`].
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
pub struct CreateOpts {
    floating_network_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    port_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    subnet_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fixed_ip_address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    floating_ip_address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tenant_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    project_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dns_domain: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dns_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    qos_policy_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tags: Option<Vec<String>>,
    #[serde(flatten)]
    extra: BTreeMap<String, serde_json::Value>,
}

impl CreateOpts {
    /// A floating IP from the external network `floating_network_id`.
    pub fn new(floating_network_id: impl Into<String>) -> Self {
        CreateOpts {
            floating_network_id: floating_network_id.into(),
            ..Self::default()
        }
    }
    setters! {
        /// Associates it with this port at once.
        port_id: str,
        /// Allocates from this subnet of the external network.
        subnet_id: str,
        /// The port's address to map to (when the port has several).
        fixed_ip_address: str,
        /// A specific public address (admin).
        floating_ip_address: str,
        /// The description.
        description: str,
        /// The owner, legacy name (admin).
        tenant_id: str,
        /// The owner (admin).
        project_id: str,
        /// The DNS domain.
        dns_domain: str,
        /// The DNS name.
        dns_name: str,
        /// The QoS policy.
        qos_policy_id: str,
        /// Tags set at creation.
        tags: strs,
    }
    util::extra_setter!();
}

/// Options for [`update`]: associate (`port_id`), disassociate (`disassociate()` sends
/// `"port_id": null`), change the description or QoS policy.
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
pub struct UpdateOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    port_id: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fixed_ip_address: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    qos_policy_id: Option<Option<String>>,
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
        /// Associates with this port.
        port_id: nstr disassociate,
        /// The port's address to map to.
        fixed_ip_address: nstr clear_fixed_ip_address,
        /// A new description.
        description: estr clear_description,
        /// A new QoS policy.
        qos_policy_id: nstr clear_qos_policy_id,
    }
    util::extra_setter!();
    util::revision_setter! {
        /// Updates only if the floating IP is still at `revision` (`If-Match`).
    }
}

util::resource_fns! { "floatingips", "floatingip", "floatingips", FloatingIp;
    /// Lists floating IPs.
    list;
    /// Shows a floating IP.
    get;
    /// Allocates a floating IP.
    create;
    /// Updates (associates, disassociates) a floating IP.
    update if_match;
    /// Releases a floating IP.
    delete;
}
