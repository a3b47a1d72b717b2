//! The service catalog of the client's token (`GET /v3/auth/catalog`).
//!
//! The [`ProviderClient`](openstack_core::ProviderClient) already holds the catalog it got
//! with its token; this call asks Keystone for the current one.

use openstack_core::serde_util::null_default;
use openstack_core::{Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};

use crate::endpoints::Interface;

/// One endpoint of a catalog entry.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CatalogEndpoint {
    /// The endpoint id.
    #[serde(default, deserialize_with = "null_default")]
    pub id: String,
    /// The interface.
    #[serde(default)]
    pub interface: Interface,
    /// The region (legacy name).
    #[serde(default)]
    pub region: Option<String>,
    /// The region id.
    #[serde(default)]
    pub region_id: Option<String>,
    /// The URL.
    #[serde(default, deserialize_with = "null_default")]
    pub url: String,
}

/// One service in the catalog with its endpoints.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CatalogEntry {
    /// The service id.
    #[serde(default, deserialize_with = "null_default")]
    pub id: String,
    /// The service type (`compute`, `identity`, ...).
    #[serde(rename = "type", default, deserialize_with = "null_default")]
    pub service_type: String,
    /// The service name.
    #[serde(default)]
    pub name: Option<String>,
    /// The endpoints.
    #[serde(default, deserialize_with = "null_default")]
    pub endpoints: Vec<CatalogEndpoint>,
}

#[derive(Deserialize)]
struct CatalogBody {
    #[serde(default, deserialize_with = "null_default")]
    catalog: Vec<CatalogEntry>,
}

/// `GET /v3/auth/catalog`.
pub fn get_request() -> Request {
    Request::get("auth/catalog").ok_status([200])
}

/// The catalog of the client's token.
pub async fn get(client: &ServiceClient) -> Result<Vec<CatalogEntry>> {
    let b: CatalogBody = client.send_json(get_request()).await?;
    Ok(b.catalog)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request() {
        let r = get_request();
        assert_eq!((r.method().as_str(), r.path()), ("GET", "auth/catalog"));
    }
}
