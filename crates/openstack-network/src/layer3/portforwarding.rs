//! Port forwardings of a floating IP (`/v2.0/floatingips/{id}/port_forwardings`, extension
//! `floating-ip-port-forwarding`): forward a port of a floating IP to a port of a fixed IP.
//!
//! ```no_run
//! # async fn f(network: openstack_core::ServiceClient, fip: &str, port: &str) -> openstack_core::Result<()> {
//! use openstack_network::layer3::portforwarding::{self, CreateOpts, Protocol, UpdateOpts};
//!
//! let pf = portforwarding::create(
//!     &network,
//!     fip,
//!     CreateOpts::new(Protocol::Tcp, port, "10.0.0.11", 25, 2230).description("smtp"),
//! )
//! .await?;
//! portforwarding::update(&network, fip, &pf.id, UpdateOpts::new().external_port(2525)).await?;
//! portforwarding::delete(&network, fip, &pf.id).await?;
//! # Ok(()) }
//! ```

use openstack_core::open_enum;
use openstack_core::serde_util::{lenient_u64, null_default};
use openstack_core::{Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};

use crate::util::{self, setters};

open_enum! {
    /// The protocol forwarded.
    pub enum Protocol {
        /// TCP.
        Tcp => "tcp",
        /// UDP.
        Udp => "udp",
        /// UDP-Lite.
        Udplite => "udplite",
        /// DCCP.
        Dccp => "dccp",
        /// SCTP.
        Sctp => "sctp",
        /// ICMP.
        Icmp => "icmp",
    }
}

/// A port forwarding.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct PortForwarding {
    /// The id.
    #[serde(deserialize_with = "null_default")]
    pub id: String,
    /// The protocol.
    pub protocol: Protocol,
    /// The fixed IP the traffic goes to.
    #[serde(deserialize_with = "null_default")]
    pub internal_ip_address: String,
    /// The port (Neutron port) that holds that fixed IP.
    #[serde(deserialize_with = "null_default")]
    pub internal_port_id: String,
    /// The TCP/UDP port on the fixed IP (`None` when a range is used).
    #[serde(deserialize_with = "lenient_u64")]
    pub internal_port: Option<u64>,
    /// The TCP/UDP port on the floating IP (`None` when a range is used).
    #[serde(deserialize_with = "lenient_u64")]
    pub external_port: Option<u64>,
    /// A range of ports on the fixed IP (`"80:90"`), if any.
    pub internal_port_range: Option<String>,
    /// A range of ports on the floating IP, if any.
    pub external_port_range: Option<String>,
    /// The description.
    #[serde(deserialize_with = "null_default")]
    pub description: String,
}

/// Filters for [`list`].
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
pub struct ListOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    internal_port_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_port: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    protocol: Option<Protocol>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
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
        /// Only forwardings to this port.
        internal_port_id: str,
        /// Only forwardings of this external port.
        external_port: num,
        /// Only this protocol.
        protocol: val<Protocol>,
        /// Only this description.
        description: str,
    }
    crate::common_list_methods!();
}

/// Options for [`create`].
#[derive(Debug, Clone, Serialize)]
#[must_use]
pub struct CreateOpts {
    protocol: Protocol,
    internal_port_id: String,
    internal_ip_address: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    internal_port: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_port: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    internal_port_range: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_port_range: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
}

impl CreateOpts {
    /// Forwards `protocol` traffic to `external_port` of the floating IP to `internal_port` of
    /// `internal_ip_address` on the Neutron port `internal_port_id`.
    pub fn new(
        protocol: Protocol,
        internal_port_id: impl Into<String>,
        internal_ip_address: impl Into<String>,
        internal_port: u64,
        external_port: u64,
    ) -> Self {
        CreateOpts {
            protocol,
            internal_port_id: internal_port_id.into(),
            internal_ip_address: internal_ip_address.into(),
            internal_port: Some(internal_port),
            external_port: Some(external_port),
            internal_port_range: None,
            external_port_range: None,
            description: None,
        }
    }

    /// Forwards a range of ports (`"8080:8090"`) instead of a single port (extension
    /// `floating-ip-port-forwarding-port-ranges`).
    pub fn ranges(
        protocol: Protocol,
        internal_port_id: impl Into<String>,
        internal_ip_address: impl Into<String>,
        internal_port_range: impl Into<String>,
        external_port_range: impl Into<String>,
    ) -> Self {
        CreateOpts {
            protocol,
            internal_port_id: internal_port_id.into(),
            internal_ip_address: internal_ip_address.into(),
            internal_port: None,
            external_port: None,
            internal_port_range: Some(internal_port_range.into()),
            external_port_range: Some(external_port_range.into()),
            description: None,
        }
    }

    setters! {
        /// The description.
        description: str,
    }
}

/// Options for [`update`].
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
pub struct UpdateOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    protocol: Option<Protocol>,
    #[serde(skip_serializing_if = "Option::is_none")]
    internal_port_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    internal_ip_address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    internal_port: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_port: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
}

impl UpdateOpts {
    /// Changes nothing yet.
    pub fn new() -> Self {
        Self::default()
    }
    setters! {
        /// A new protocol.
        protocol: val<Protocol>,
        /// A new target port.
        internal_port_id: str,
        /// A new target IP.
        internal_ip_address: str,
        /// A new internal port.
        internal_port: num,
        /// A new external port.
        external_port: num,
        /// A new description.
        description: estr clear_description,
    }
}

fn collection(fip_id: &str) -> String {
    format!(
        "{}/port_forwardings",
        util::item_path("floatingips", fip_id)
    )
}

/// `GET floatingips/{fip_id}/port_forwardings` with filters.
pub fn list_request(fip_id: &str, opts: &ListOpts) -> Result<Request> {
    Request::get(collection(fip_id))
        .query(opts)?
        .query(&opts.common)
}

/// Lists the port forwardings of a floating IP.
pub fn list(client: &ServiceClient, fip_id: &str, opts: ListOpts) -> Pager<PortForwarding> {
    crate::pager(client, list_request(fip_id, &opts), "port_forwardings")
}

/// `GET floatingips/{fip_id}/port_forwardings/{id}`.
pub fn get_request(fip_id: &str, id: &str) -> Request {
    Request::get(util::item_path(&collection(fip_id), id))
}

/// Shows a port forwarding.
pub async fn get(client: &ServiceClient, fip_id: &str, id: &str) -> Result<PortForwarding> {
    client
        .send_keyed(get_request(fip_id, id), "port_forwarding")
        .await
}

/// `POST floatingips/{fip_id}/port_forwardings`.
pub fn create_request(fip_id: &str, opts: &CreateOpts) -> Result<Request> {
    Request::post(collection(fip_id))
        .json_wrapped("port_forwarding", opts)
        .map(|r| r.ok_status([201]))
}

/// Creates a port forwarding on a floating IP.
pub async fn create(
    client: &ServiceClient,
    fip_id: &str,
    opts: CreateOpts,
) -> Result<PortForwarding> {
    client
        .send_keyed(create_request(fip_id, &opts)?, "port_forwarding")
        .await
}

/// `PUT floatingips/{fip_id}/port_forwardings/{id}`.
pub fn update_request(fip_id: &str, id: &str, opts: &UpdateOpts) -> Result<Request> {
    Request::put(util::item_path(&collection(fip_id), id)).json_wrapped("port_forwarding", opts)
}

/// Updates a port forwarding.
pub async fn update(
    client: &ServiceClient,
    fip_id: &str,
    id: &str,
    opts: UpdateOpts,
) -> Result<PortForwarding> {
    client
        .send_keyed(update_request(fip_id, id, &opts)?, "port_forwarding")
        .await
}

/// `DELETE floatingips/{fip_id}/port_forwardings/{id}`.
pub fn delete_request(fip_id: &str, id: &str) -> Request {
    Request::delete(util::item_path(&collection(fip_id), id)).ok_status([204])
}

/// Deletes a port forwarding.
pub async fn delete(client: &ServiceClient, fip_id: &str, id: &str) -> Result<()> {
    client.send_empty(delete_request(fip_id, id)).await
}
