//! Virtual interfaces of a Cloud Server (`/servers/{id}/os-virtual-interfacesv2`): attach a
//! server to a network after it was created, list its NICs, detach one.
//!
//! Use the Cloud Servers client ([`crate::servers::client`]).
//!
//! ```no_run
//! # async fn f(provider: openstack_core::ProviderClient) -> openstack_core::Result<()> {
//! use futures::TryStreamExt;
//! use rackspace_ext::virtual_interfaces;
//! let compute = rackspace_ext::servers::client(&provider)?;
//! let vif = virtual_interfaces::create(&compute, "server-id", "network-id").await?;
//! let all = virtual_interfaces::list(&compute, "server-id").try_collect_all().await?;
//! virtual_interfaces::delete(&compute, "server-id", &vif.id).await?;
//! # Ok(()) }
//! ```

use openstack_core::{encode_path_segment, Error, Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};

/// An address of a virtual interface.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct IpAddress {
    /// The address.
    #[serde(default, deserialize_with = "openstack_core::serde_util::null_default")]
    pub address: String,
    /// The network id.
    #[serde(default, deserialize_with = "openstack_core::serde_util::null_default")]
    pub network_id: String,
    /// The network label (`public`, `private`, or an isolated network's label).
    #[serde(default, deserialize_with = "openstack_core::serde_util::null_default")]
    pub network_label: String,
}

/// A virtual interface (a NIC) of a server.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VirtualInterface {
    /// The id.
    #[serde(default)]
    pub id: String,
    /// The MAC address.
    #[serde(default, deserialize_with = "openstack_core::serde_util::null_default")]
    pub mac_address: String,
    /// Its addresses.
    #[serde(default, deserialize_with = "openstack_core::serde_util::null_default")]
    pub ip_addresses: Vec<IpAddress>,
}

fn base(server_id: &str) -> String {
    format!(
        "servers/{}/os-virtual-interfacesv2",
        encode_path_segment(server_id)
    )
}

/// The request that lists a server's virtual interfaces.
pub fn list_request(server_id: &str) -> Request {
    Request::get(base(server_id))
}

/// Lists a server's virtual interfaces (one page).
pub fn list(client: &ServiceClient, server_id: &str) -> Pager<VirtualInterface> {
    Pager::single(
        client.clone(),
        list_request(server_id),
        "virtual_interfaces",
    )
}

#[derive(Serialize)]
struct CreateBody<'a> {
    network_id: &'a str,
}

/// The request that attaches a server to a network:
/// `{"virtual_interface": {"network_id": ..}}`.
pub fn create_request(server_id: &str, network_id: &str) -> Result<Request> {
    Request::post(base(server_id))
        .json_wrapped("virtual_interface", &CreateBody { network_id })
        .map(|r| r.ok_status([200, 201, 202]))
}

/// Attaches a server to a network and returns the new interface. (The service answers with
/// a `virtual_interfaces` list holding it.)
pub async fn create(
    client: &ServiceClient,
    server_id: &str,
    network_id: &str,
) -> Result<VirtualInterface> {
    let list: Vec<VirtualInterface> = client
        .send_keyed(create_request(server_id, network_id)?, "virtual_interfaces")
        .await?;
    list.into_iter().next().ok_or_else(|| {
        Error::decode(
            "the new virtual interface",
            "the response lists no virtual interface",
        )
    })
}

/// The request that detaches a virtual interface.
pub fn delete_request(server_id: &str, interface_id: &str) -> Request {
    Request::delete(format!(
        "{}/{}",
        base(server_id),
        encode_path_segment(interface_id)
    ))
    .ok_status([200, 202, 204])
}

/// Detaches a virtual interface from a server.
pub async fn delete(client: &ServiceClient, server_id: &str, interface_id: &str) -> Result<()> {
    client
        .send_empty(delete_request(server_id, interface_id))
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn requests() {
        assert_eq!(
            list_request("12345").path(),
            "servers/12345/os-virtual-interfacesv2"
        );
        let r = create_request("12345", "6789").expect("create");
        // Gophercloud rackspace/compute/v2/virtualinterfaces/requests_test.go, TestCreate.
        assert_eq!(
            r.json_body(),
            Some(json!({"virtual_interface": {"network_id": "6789"}}))
        );
        assert_eq!(
            delete_request("a/b", "6789").path(),
            "servers/a%2Fb/os-virtual-interfacesv2/6789"
        );
    }
}
