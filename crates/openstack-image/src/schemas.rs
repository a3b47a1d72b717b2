//! JSON schemas (`/v2/schemas/...`): what the cloud accepts for images and members,
//! including its custom properties.

use std::collections::BTreeMap;

use openstack_core::serde_util::null_default;
use openstack_core::{Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};

/// A JSON schema document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Schema {
    /// The schema's name (`image`, `images`, `member`, `members`).
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// The properties and their JSON schemas.
    #[serde(default, deserialize_with = "null_default")]
    pub properties: BTreeMap<String, serde_json::Value>,
    /// Links (`self`, `enclosure`, `describedby`, ...).
    #[serde(default, deserialize_with = "null_default")]
    pub links: Vec<serde_json::Value>,
    /// Every other keyword (`additionalProperties`, `required`, ...).
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

/// `GET schemas/{name}` (`image`, `images`, `member`, `members`).
pub fn get_request(name: &str) -> Request {
    Request::get(format!(
        "schemas/{}",
        openstack_core::encode_path_segment(name)
    ))
}

/// A schema by name.
pub async fn get(client: &ServiceClient, name: &str) -> Result<Schema> {
    client.send_json(get_request(name)).await
}

/// The schema of one image (`/v2/schemas/image`).
pub async fn image(client: &ServiceClient) -> Result<Schema> {
    get(client, "image").await
}

/// The schema of an image list (`/v2/schemas/images`).
pub async fn images(client: &ServiceClient) -> Result<Schema> {
    get(client, "images").await
}

/// The schema of one member (`/v2/schemas/member`).
pub async fn member(client: &ServiceClient) -> Result<Schema> {
    get(client, "member").await
}

/// The schema of a member list (`/v2/schemas/members`).
pub async fn members(client: &ServiceClient) -> Result<Schema> {
    get(client, "members").await
}
