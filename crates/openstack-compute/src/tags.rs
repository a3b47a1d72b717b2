//! Server tags (`/servers/{id}/tags`, microversion 2.26): list, replace, add, check, delete
//! one, delete all.

use openstack_core::{encode_path_segment, Request, Result, ServiceClient};
use serde::Deserialize;

use crate::util::null_default;

#[derive(Deserialize)]
struct Tags {
    #[serde(default, deserialize_with = "null_default")]
    tags: Vec<String>,
}

fn base(server_id: &str) -> String {
    format!("servers/{}/tags", encode_path_segment(server_id))
}

fn one(server_id: &str, tag: &str) -> String {
    format!("{}/{}", base(server_id), encode_path_segment(tag))
}

/// `GET /servers/{id}/tags`.
pub fn list_request(server_id: &str) -> Request {
    Request::get(base(server_id)).ok_status([200])
}

/// The tags of a server.
pub async fn list(client: &ServiceClient, server_id: &str) -> Result<Vec<String>> {
    let r: Tags = client.send_json(list_request(server_id)).await?;
    Ok(r.tags)
}

/// `PUT /servers/{id}/tags` with `{"tags": [...]}`.
pub fn replace_request<I, S>(server_id: &str, tags: I) -> Result<Request>
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    let tags: Vec<String> = tags.into_iter().map(Into::into).collect();
    Request::put(base(server_id))
        .json(&serde_json::json!({ "tags": tags }))
        .map(|r| r.ok_status([200]))
}

/// Replaces all tags; returns the new list.
pub async fn replace<I, S>(client: &ServiceClient, server_id: &str, tags: I) -> Result<Vec<String>>
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    let r: Tags = client.send_json(replace_request(server_id, tags)?).await?;
    Ok(r.tags)
}

/// `PUT /servers/{id}/tags/{tag}`.
pub fn add_request(server_id: &str, tag: &str) -> Request {
    Request::put(one(server_id, tag)).ok_status([201, 204])
}

/// Adds one tag (no error if it is already there).
pub async fn add(client: &ServiceClient, server_id: &str, tag: &str) -> Result<()> {
    client.send(add_request(server_id, tag)).await.map(drop)
}

/// `GET /servers/{id}/tags/{tag}` (204 if present, 404 if not).
pub fn check_request(server_id: &str, tag: &str) -> Request {
    Request::get(one(server_id, tag)).ok_status([204])
}

/// Whether the server has a tag.
pub async fn check(client: &ServiceClient, server_id: &str, tag: &str) -> Result<bool> {
    match client.send(check_request(server_id, tag)).await {
        Ok(_) => Ok(true),
        Err(e) if e.is_not_found() => Ok(false),
        Err(e) => Err(e),
    }
}

/// `DELETE /servers/{id}/tags/{tag}`.
pub fn delete_request(server_id: &str, tag: &str) -> Request {
    Request::delete(one(server_id, tag)).ok_status([204])
}

/// Removes one tag.
pub async fn delete(client: &ServiceClient, server_id: &str, tag: &str) -> Result<()> {
    client.send(delete_request(server_id, tag)).await.map(drop)
}

/// `DELETE /servers/{id}/tags`.
pub fn delete_all_request(server_id: &str) -> Request {
    Request::delete(base(server_id)).ok_status([204])
}

/// Removes all tags.
pub async fn delete_all(client: &ServiceClient, server_id: &str) -> Result<()> {
    client.send(delete_all_request(server_id)).await.map(drop)
}
