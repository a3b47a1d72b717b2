//! Server interfaces (`/servers/{id}/os-interface`): list, get, attach, detach.

use openstack_core::{encode_path_segment, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};

use crate::util::null_default;

/// A fixed IP of an interface.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FixedIp {
    /// The address.
    #[serde(default)]
    pub ip_address: String,
    /// The subnet.
    #[serde(default)]
    pub subnet_id: String,
}

/// A network interface attached to a server.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Interface {
    /// The port id.
    #[serde(default)]
    pub port_id: String,
    /// The network id.
    #[serde(default)]
    pub net_id: String,
    /// The MAC address.
    #[serde(default, deserialize_with = "null_default")]
    pub mac_addr: String,
    /// The port state (`ACTIVE`, `DOWN`, ...).
    #[serde(default, deserialize_with = "null_default")]
    pub port_state: String,
    /// The fixed IPs.
    #[serde(default, deserialize_with = "null_default")]
    pub fixed_ips: Vec<FixedIp>,
    /// The device tag (2.70).
    #[serde(default)]
    pub tag: Option<String>,
}

fn base(server_id: &str) -> String {
    format!("servers/{}/os-interface", encode_path_segment(server_id))
}

/// `GET /servers/{id}/os-interface`.
pub fn list_request(server_id: &str) -> Request {
    Request::get(base(server_id)).ok_status([200])
}

/// The interfaces of a server.
pub async fn list(client: &ServiceClient, server_id: &str) -> Result<Vec<Interface>> {
    #[derive(Deserialize)]
    struct R {
        #[serde(
            default,
            rename = "interfaceAttachments",
            deserialize_with = "null_default"
        )]
        items: Vec<Interface>,
    }
    let r: R = client.send_json(list_request(server_id)).await?;
    Ok(r.items)
}

#[derive(Deserialize)]
struct One {
    #[serde(rename = "interfaceAttachment")]
    item: Interface,
}

/// `GET /servers/{id}/os-interface/{port_id}`.
pub fn get_request(server_id: &str, port_id: &str) -> Request {
    Request::get(format!(
        "{}/{}",
        base(server_id),
        encode_path_segment(port_id)
    ))
    .ok_status([200])
}

/// One interface, by port id.
pub async fn get(client: &ServiceClient, server_id: &str, port_id: &str) -> Result<Interface> {
    let r: One = client.send_json(get_request(server_id, port_id)).await?;
    Ok(r.item)
}

/// Options for [`attach`]: a port, or a network (optionally with fixed IPs).
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
#[non_exhaustive]
pub struct AttachOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    port_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    net_id: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixed_ips: Vec<AttachFixedIp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tag: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
struct AttachFixedIp {
    ip_address: String,
}

impl AttachOpts {
    /// Attach an existing port.
    pub fn port(port_id: impl Into<String>) -> Self {
        AttachOpts {
            port_id: Some(port_id.into()),
            ..Self::default()
        }
    }
    /// Attach a new port on a network.
    pub fn network(net_id: impl Into<String>) -> Self {
        AttachOpts {
            net_id: Some(net_id.into()),
            ..Self::default()
        }
    }
    /// Ask for this fixed IP (with [`AttachOpts::network`]).
    pub fn fixed_ip(mut self, ip: impl Into<String>) -> Self {
        self.fixed_ips.push(AttachFixedIp {
            ip_address: ip.into(),
        });
        self
    }
    /// A device tag (2.49).
    pub fn tag(mut self, tag: impl Into<String>) -> Self {
        self.tag = Some(tag.into());
        self
    }
}

/// `POST /servers/{id}/os-interface`.
pub fn attach_request(server_id: &str, opts: &AttachOpts) -> Result<Request> {
    Request::post(base(server_id))
        .json(&serde_json::json!({ "interfaceAttachment": opts }))
        .map(|r| r.ok_status([200, 202]))
}

/// Attaches an interface; returns it.
pub async fn attach(
    client: &ServiceClient,
    server_id: &str,
    opts: AttachOpts,
) -> Result<Interface> {
    let r: One = client.send_json(attach_request(server_id, &opts)?).await?;
    Ok(r.item)
}

/// `DELETE /servers/{id}/os-interface/{port_id}`.
pub fn detach_request(server_id: &str, port_id: &str) -> Request {
    Request::delete(format!(
        "{}/{}",
        base(server_id),
        encode_path_segment(port_id)
    ))
    .ok_status([202, 204])
}

/// Detaches an interface (asynchronously).
pub async fn detach(client: &ServiceClient, server_id: &str, port_id: &str) -> Result<()> {
    client
        .send(detach_request(server_id, port_id))
        .await
        .map(drop)
}
