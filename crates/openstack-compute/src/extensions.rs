//! API extensions (`/extensions`, frozen since microversions replaced them): list and get.

use openstack_core::{encode_path_segment, Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::util::{null_default, Link};

/// An extension.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Extension {
    /// The alias (its id).
    #[serde(default)]
    pub alias: String,
    /// The name.
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// The description.
    #[serde(default, deserialize_with = "null_default")]
    pub description: String,
    /// The XML namespace (historic).
    #[serde(default, deserialize_with = "null_default")]
    pub namespace: String,
    /// Last update.
    #[serde(default, with = "openstack_core::timestamp::option")]
    pub updated: Option<OffsetDateTime>,
    /// Links.
    #[serde(default, deserialize_with = "null_default")]
    pub links: Vec<Link>,
}

/// `GET /extensions`.
pub fn list_request() -> Request {
    Request::get("extensions").ok_status([200])
}

/// Lists the extensions.
pub fn list(client: &ServiceClient) -> Pager<Extension> {
    Pager::single(client.clone(), list_request(), "extensions")
}

/// `GET /extensions/{alias}`.
pub fn get_request(alias: &str) -> Request {
    Request::get(format!("extensions/{}", encode_path_segment(alias))).ok_status([200])
}

/// Shows an extension.
pub async fn get(client: &ServiceClient, alias: &str) -> Result<Extension> {
    #[derive(Deserialize)]
    struct R {
        extension: Extension,
    }
    let r: R = client.send_json(get_request(alias)).await?;
    Ok(r.extension)
}
