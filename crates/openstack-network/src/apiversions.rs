//! API versions (`GET /` on the unversioned endpoint) and the resources of v2.0
//! (`GET /v2.0/`).

use openstack_core::serde_util::null_default;
use openstack_core::{Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};

use crate::Link;

/// An API version.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct ApiVersion {
    /// `v2.0`.
    #[serde(deserialize_with = "null_default")]
    pub id: String,
    /// `CURRENT`, `SUPPORTED`, `DEPRECATED`.
    #[serde(deserialize_with = "null_default")]
    pub status: String,
    /// Links.
    #[serde(deserialize_with = "null_default")]
    pub links: Vec<Link>,
}

/// A resource collection listed by `GET /v2.0/`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct ApiResource {
    /// The collection name (`networks`).
    #[serde(deserialize_with = "null_default")]
    pub name: String,
    /// The collection name again.
    #[serde(deserialize_with = "null_default")]
    pub collection: String,
    /// Links.
    #[serde(deserialize_with = "null_default")]
    pub links: Vec<Link>,
}

#[derive(Deserialize)]
struct Versions {
    #[serde(default, deserialize_with = "null_default")]
    versions: Vec<ApiVersion>,
}

#[derive(Deserialize)]
struct Resources {
    #[serde(default, deserialize_with = "null_default")]
    resources: Vec<ApiResource>,
}

/// The unversioned root of a client's endpoint (`http://host:9696/` for
/// `http://host:9696/v2.0/`).
pub fn root_url(client: &ServiceClient) -> String {
    let mut url = client.endpoint().clone();
    let path = url.path().trim_end_matches('/').to_owned();
    let root = match path.rsplit_once('/') {
        Some((head, last)) if last.starts_with('v') => format!("{head}/"),
        _ => format!("{path}/"),
    };
    url.set_path(&root);
    url.to_string()
}

/// `GET /` (absolute URL of the unversioned root; no token needed).
pub fn list_versions_request(client: &ServiceClient) -> Request {
    Request::get(root_url(client)).ok_status([200, 300])
}

/// The API versions the server offers.
pub async fn list_versions(client: &ServiceClient) -> Result<Vec<ApiVersion>> {
    let v: Versions = client.send_json(list_versions_request(client)).await?;
    Ok(v.versions)
}

/// `GET /v2.0/`.
pub fn list_resources_request() -> Request {
    Request::get("")
}

/// The resource collections of v2.0.
pub async fn list_resources(client: &ServiceClient) -> Result<Vec<ApiResource>> {
    let r: Resources = client.send_json(list_resources_request()).await?;
    Ok(r.resources)
}
