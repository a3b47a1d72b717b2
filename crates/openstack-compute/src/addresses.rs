//! Server addresses (`/servers/{id}/ips`): all networks, or one network.

use std::collections::BTreeMap;

use openstack_core::{encode_path_segment, Request, Result, ServiceClient};
use serde::Deserialize;

pub use crate::servers::Address;
use crate::util::null_default;

/// `GET /servers/{id}/ips`.
pub fn list_request(server_id: &str) -> Request {
    Request::get(format!("servers/{}/ips", encode_path_segment(server_id))).ok_status([200])
}

/// The addresses of a server, by network name.
pub async fn list(
    client: &ServiceClient,
    server_id: &str,
) -> Result<BTreeMap<String, Vec<Address>>> {
    #[derive(Deserialize)]
    struct R {
        #[serde(default, deserialize_with = "null_default")]
        addresses: BTreeMap<String, Vec<Address>>,
    }
    let r: R = client.send_json(list_request(server_id)).await?;
    Ok(r.addresses)
}

/// `GET /servers/{id}/ips/{network}`.
pub fn list_by_network_request(server_id: &str, network: &str) -> Request {
    Request::get(format!(
        "servers/{}/ips/{}",
        encode_path_segment(server_id),
        encode_path_segment(network)
    ))
    .ok_status([200])
}

/// The addresses of a server on one network (by network name).
pub async fn list_by_network(
    client: &ServiceClient,
    server_id: &str,
    network: &str,
) -> Result<Vec<Address>> {
    let mut r: BTreeMap<String, Vec<Address>> = client
        .send_json(list_by_network_request(server_id, network))
        .await?;
    Ok(r.remove(network)
        .or_else(|| r.into_values().next())
        .unwrap_or_default())
}
