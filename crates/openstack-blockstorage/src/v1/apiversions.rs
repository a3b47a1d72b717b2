//! API versions of a Block Storage endpoint (the version documents at its root).

use openstack_core::serde_util::null_default;
use openstack_core::{Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use url::Url;

use crate::util::{self, Link};

/// A media type a version accepts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MediaType {
    /// The base type (`application/json`).
    #[serde(default, deserialize_with = "null_default")]
    pub base: String,
    /// The versioned type.
    #[serde(default, rename = "type", deserialize_with = "null_default")]
    pub media_type: String,
}

/// An API version.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ApiVersion {
    /// The id (`v1.0`, `v2.0`, `v3.0`).
    #[serde(default, deserialize_with = "null_default")]
    pub id: String,
    /// `CURRENT`, `SUPPORTED` or `DEPRECATED`.
    #[serde(default, deserialize_with = "null_default")]
    pub status: String,
    /// When it last changed.
    #[serde(default, with = "openstack_core::timestamp::option")]
    pub updated: Option<OffsetDateTime>,
    /// The lowest microversion (v3; empty otherwise).
    #[serde(default, deserialize_with = "null_default")]
    pub min_version: String,
    /// The highest microversion (v3; empty otherwise).
    #[serde(default, deserialize_with = "null_default")]
    pub version: String,
    /// Links.
    #[serde(default, deserialize_with = "null_default")]
    pub links: Vec<Link>,
    /// Media types.
    #[serde(default, rename = "media-types", deserialize_with = "null_default")]
    pub media_types: Vec<MediaType>,
}

/// The endpoint cut before its version segment (`http://h:8776/` for `http://h:8776/v1/p/`).
pub fn root_of(endpoint: &Url) -> Url {
    let segs: Vec<&str> = endpoint
        .path_segments()
        .map(|s| s.filter(|p| !p.is_empty()).collect())
        .unwrap_or_default();
    let mut u = endpoint.clone();
    let keep = segs
        .iter()
        .position(|s| crate::is_version_segment(s))
        .unwrap_or(segs.len());
    let path = if keep == 0 {
        "/".to_owned()
    } else {
        format!("/{}/", segs[..keep].join("/"))
    };
    u.set_path(&path);
    u.set_query(None);
    u
}

/// `GET /` (the unversioned root of `endpoint`), unauthenticated.
pub fn list_request(endpoint: &Url) -> Request {
    Request::get(root_of(endpoint).to_string())
        .unauthenticated()
        .ok_status([200, 300])
}

/// Lists the API versions the endpoint offers.
pub async fn list(client: &ServiceClient) -> Result<Vec<ApiVersion>> {
    util::send_many(client, list_request(client.endpoint()), "versions").await
}

/// `GET /<version>/` (for example `v1`), unauthenticated.
pub fn get_request(endpoint: &Url, version: &str) -> Result<Request> {
    let url = root_of(endpoint)
        .join(&format!(
            "{}/",
            openstack_core::encode_path_segment(version)
        ))
        .map_err(|e| openstack_core::Error::invalid_input(e.to_string()))?;
    Ok(Request::get(url.to_string()).unauthenticated())
}

/// Shows one API version (`v1`, `v2`, `v3`).
pub async fn get(client: &ServiceClient, version: &str) -> Result<ApiVersion> {
    client
        .send_keyed(get_request(client.endpoint(), version)?, "version")
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root() {
        let u = Url::parse("http://h:8776/v1/p/").expect("url");
        assert_eq!(list_request(&u).path(), "http://h:8776/");
        assert_eq!(
            get_request(&u, "v1").expect("req").path(),
            "http://h:8776/v1/"
        );
        let u = Url::parse("http://h/volume/v1/p/").expect("url");
        assert_eq!(list_request(&u).path(), "http://h/volume/");
    }
}
