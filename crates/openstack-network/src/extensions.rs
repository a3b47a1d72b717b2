//! Extensions (`/v2.0/extensions`): what this Neutron supports.

use openstack_core::serde_util::null_default;
use openstack_core::{Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};

use crate::util;
use crate::Link;

/// An API extension.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct Extension {
    /// The alias (`router`, `security-group`...).
    #[serde(deserialize_with = "null_default")]
    pub alias: String,
    /// The name.
    #[serde(deserialize_with = "null_default")]
    pub name: String,
    /// The description.
    #[serde(deserialize_with = "null_default")]
    pub description: String,
    /// When it last changed (free-form).
    #[serde(deserialize_with = "null_default")]
    pub updated: String,
    /// Links.
    #[serde(deserialize_with = "null_default")]
    pub links: Vec<Link>,
}

/// `GET extensions`.
pub fn list_request() -> Request {
    Request::get("extensions")
}

/// Lists the extensions (one page).
pub fn list(client: &ServiceClient) -> Pager<Extension> {
    Pager::single(client.clone(), list_request(), "extensions")
}

/// `GET extensions/{alias}`.
pub fn get_request(alias: &str) -> Request {
    Request::get(util::item_path("extensions", alias))
}

/// Shows one extension by alias (404 when the server lacks it).
pub async fn get(client: &ServiceClient, alias: &str) -> Result<Extension> {
    client.send_keyed(get_request(alias), "extension").await
}

/// Whether the server has the extension `alias`.
pub async fn has(client: &ServiceClient, alias: &str) -> Result<bool> {
    match get(client, alias).await {
        Ok(_) => Ok(true),
        Err(e) if e.is_not_found() => Ok(false),
        Err(e) => Err(e),
    }
}
