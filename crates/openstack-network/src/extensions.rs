//! Extensions (`/v2.0/extensions`): what this Neutron supports.

use openstack_core::{Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};

use crate::util::{self, nullable, Keyed};
use crate::Link;

/// An API extension.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct Extension {
    /// The alias (`router`, `security-group`...).
    #[serde(deserialize_with = "nullable")]
    pub alias: String,
    /// The name.
    #[serde(deserialize_with = "nullable")]
    pub name: String,
    /// The description.
    #[serde(deserialize_with = "nullable")]
    pub description: String,
    /// When it last changed (free-form).
    #[serde(deserialize_with = "nullable")]
    pub updated: String,
    /// Links.
    #[serde(deserialize_with = "nullable")]
    pub links: Vec<Link>,
}

impl Keyed for Extension {
    const KEY: &'static str = "extension";
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
    util::send_one(client, get_request(alias)).await
}

/// Whether the server has the extension `alias`.
pub async fn has(client: &ServiceClient, alias: &str) -> Result<bool> {
    match get(client, alias).await {
        Ok(_) => Ok(true),
        Err(e) if e.is_not_found() => Ok(false),
        Err(e) => Err(e),
    }
}
