//! Tags on any taggable resource (`standard-attr-tag`): `networks`, `subnets`, `ports`,
//! `routers`, `floatingips`, `security-groups`, `subnetpools`, `policies` (QoS policies),
//! `trunks`...
//!
//! `resource_type` is the collection name in the URL (`"networks"`). QoS policies are tagged
//! as `"policies"`: Neutron answers [`replace_all`] under `qos/policies` with "Invalid tags
//! body".
//!
//! ```no_run
//! # async fn f(network: openstack_core::ServiceClient, net_id: &str) -> openstack_core::Result<()> {
//! use openstack_network::tags;
//!
//! tags::replace_all(&network, "networks", net_id, ["blue", "prod"]).await?;
//! tags::add(&network, "networks", net_id, "web").await?;
//! assert!(tags::exists(&network, "networks", net_id, "web").await?);
//! tags::remove(&network, "networks", net_id, "blue").await?;
//! println!("{:?}", tags::list(&network, "networks", net_id).await?);
//! # Ok(()) }
//! ```

use openstack_core::serde_util::null_default;
use openstack_core::{encode_path_segment, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize, Deserialize)]
struct Tags {
    #[serde(default, deserialize_with = "null_default")]
    tags: Vec<String>,
}

fn tags_path(resource_type: &str, id: &str) -> String {
    // resource_type may hold a `/` (`qos/policies`): it is ours, not the user's, so only the
    // id is encoded.
    format!("{resource_type}/{}/tags", encode_path_segment(id))
}

fn tag_path(resource_type: &str, id: &str, tag: &str) -> String {
    format!(
        "{}/{}",
        tags_path(resource_type, id),
        encode_path_segment(tag)
    )
}

/// `GET {resource_type}/{id}/tags`.
pub fn list_request(resource_type: &str, id: &str) -> Request {
    Request::get(tags_path(resource_type, id))
}

/// The tags of a resource.
pub async fn list(client: &ServiceClient, resource_type: &str, id: &str) -> Result<Vec<String>> {
    let t: Tags = client.send_json(list_request(resource_type, id)).await?;
    Ok(t.tags)
}

/// `PUT {resource_type}/{id}/tags` with `{"tags": [...]}`.
pub fn replace_all_request(
    resource_type: &str,
    id: &str,
    tags: impl IntoIterator<Item = impl Into<String>>,
) -> Result<Request> {
    Request::put(tags_path(resource_type, id)).json(&Tags {
        tags: tags.into_iter().map(Into::into).collect(),
    })
}

/// Replaces all the tags of a resource; returns the new tags.
pub async fn replace_all(
    client: &ServiceClient,
    resource_type: &str,
    id: &str,
    tags: impl IntoIterator<Item = impl Into<String>>,
) -> Result<Vec<String>> {
    let t: Tags = client
        .send_json(replace_all_request(resource_type, id, tags)?)
        .await?;
    Ok(t.tags)
}

/// `DELETE {resource_type}/{id}/tags`.
pub fn remove_all_request(resource_type: &str, id: &str) -> Request {
    Request::delete(tags_path(resource_type, id)).ok_status([204])
}

/// Removes all the tags of a resource.
pub async fn remove_all(client: &ServiceClient, resource_type: &str, id: &str) -> Result<()> {
    client
        .send_empty(remove_all_request(resource_type, id))
        .await
}

/// `PUT {resource_type}/{id}/tags/{tag}`.
pub fn add_request(resource_type: &str, id: &str, tag: &str) -> Request {
    Request::put(tag_path(resource_type, id, tag)).ok_status([201, 204])
}

/// Adds one tag.
pub async fn add(client: &ServiceClient, resource_type: &str, id: &str, tag: &str) -> Result<()> {
    client.send_empty(add_request(resource_type, id, tag)).await
}

/// `GET {resource_type}/{id}/tags/{tag}` (204 when present, 404 when not).
pub fn exists_request(resource_type: &str, id: &str, tag: &str) -> Request {
    Request::get(tag_path(resource_type, id, tag)).ok_status([204])
}

/// Whether a resource has a tag.
pub async fn exists(
    client: &ServiceClient,
    resource_type: &str,
    id: &str,
    tag: &str,
) -> Result<bool> {
    match client.send(exists_request(resource_type, id, tag)).await {
        Ok(_) => Ok(true),
        Err(e) if e.is_not_found() => Ok(false),
        Err(e) => Err(e),
    }
}

/// `DELETE {resource_type}/{id}/tags/{tag}`.
pub fn remove_request(resource_type: &str, id: &str, tag: &str) -> Request {
    Request::delete(tag_path(resource_type, id, tag)).ok_status([204])
}

/// Removes one tag.
pub async fn remove(
    client: &ServiceClient,
    resource_type: &str,
    id: &str,
    tag: &str,
) -> Result<()> {
    client
        .send_empty(remove_request(resource_type, id, tag))
        .await
}
