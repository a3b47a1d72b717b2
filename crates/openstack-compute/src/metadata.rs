//! Server metadata (`/servers/{id}/metadata`): list, replace all (`set`), merge (`update`),
//! and get, set and delete one item.

use std::collections::BTreeMap;

use openstack_core::{encode_path_segment, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};

use crate::util::null_default;

/// Metadata: keys and values.
pub type Metadata = BTreeMap<String, String>;

#[derive(Deserialize, Serialize)]
struct All {
    #[serde(default, deserialize_with = "null_default")]
    metadata: Metadata,
}

#[derive(Deserialize, Serialize)]
struct Meta {
    #[serde(default, deserialize_with = "null_default")]
    meta: Metadata,
}

fn base(server_id: &str) -> String {
    format!("servers/{}/metadata", encode_path_segment(server_id))
}

fn item(server_id: &str, key: &str) -> String {
    format!("{}/{}", base(server_id), encode_path_segment(key))
}

/// `GET /servers/{id}/metadata`.
pub fn list_request(server_id: &str) -> Request {
    Request::get(base(server_id)).ok_status([200])
}

/// All metadata of a server.
pub async fn list(client: &ServiceClient, server_id: &str) -> Result<Metadata> {
    let r: All = client.send_json(list_request(server_id)).await?;
    Ok(r.metadata)
}

/// `PUT /servers/{id}/metadata`: replaces all metadata.
pub fn set_request(server_id: &str, metadata: &Metadata) -> Result<Request> {
    Request::put(base(server_id))
        .json(&serde_json::json!({ "metadata": metadata }))
        .map(|r| r.ok_status([200]))
}

/// Replaces all metadata of a server; returns the new metadata.
pub async fn set(client: &ServiceClient, server_id: &str, metadata: Metadata) -> Result<Metadata> {
    let r: All = client.send_json(set_request(server_id, &metadata)?).await?;
    Ok(r.metadata)
}

/// `POST /servers/{id}/metadata`: adds or changes the given items.
pub fn update_request(server_id: &str, metadata: &Metadata) -> Result<Request> {
    Request::post(base(server_id))
        .json(&serde_json::json!({ "metadata": metadata }))
        .map(|r| r.ok_status([200]))
}

/// Adds or changes items, keeping the others; returns all metadata.
pub async fn update(
    client: &ServiceClient,
    server_id: &str,
    metadata: Metadata,
) -> Result<Metadata> {
    let r: All = client
        .send_json(update_request(server_id, &metadata)?)
        .await?;
    Ok(r.metadata)
}

/// `GET /servers/{id}/metadata/{key}`.
pub fn get_request(server_id: &str, key: &str) -> Request {
    Request::get(item(server_id, key)).ok_status([200])
}

/// One item's value.
pub async fn get(client: &ServiceClient, server_id: &str, key: &str) -> Result<String> {
    let r: Meta = client.send_json(get_request(server_id, key)).await?;
    single(r.meta, key)
}

fn single(mut m: Metadata, key: &str) -> Result<String> {
    if let Some(v) = m.remove(key) {
        return Ok(v);
    }
    m.into_values().next().ok_or_else(|| {
        openstack_core::Error::decode("the metadata item", format!("no value for {key:?}"))
    })
}

/// `PUT /servers/{id}/metadata/{key}` with `{"meta": {key: value}}`.
pub fn set_item_request(server_id: &str, key: &str, value: &str) -> Result<Request> {
    Request::put(item(server_id, key))
        .json(&serde_json::json!({ "meta": { key: value } }))
        .map(|r| r.ok_status([200]))
}

/// Sets one item; returns its value.
pub async fn set_item(
    client: &ServiceClient,
    server_id: &str,
    key: &str,
    value: &str,
) -> Result<String> {
    let r: Meta = client
        .send_json(set_item_request(server_id, key, value)?)
        .await?;
    single(r.meta, key)
}

/// `DELETE /servers/{id}/metadata/{key}`.
pub fn delete_item_request(server_id: &str, key: &str) -> Request {
    Request::delete(item(server_id, key)).ok_status([204])
}

/// Deletes one item.
pub async fn delete_item(client: &ServiceClient, server_id: &str, key: &str) -> Result<()> {
    client
        .send(delete_item_request(server_id, key))
        .await
        .map(drop)
}
