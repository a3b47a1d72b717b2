//! The cluster's capabilities (`GET /info`, at the root of the Swift proxy, not under
//! `/v1/<account>`): limits, large-object settings, temp URL digests, bulk limits.
//!
//! ```no_run
//! # async fn f(swift: openstack_core::ServiceClient) -> openstack_core::Result<()> {
//! let caps = openstack_objectstore::info::get(&swift).await?;
//! println!("max object size {:?}", caps.swift.max_file_size);
//! if let Some(t) = &caps.tempurl {
//!     println!("temp URL digests {:?}", t.allowed_digests);
//! }
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use openstack_core::{Error, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};
use url::Url;

/// What `GET /info` returns. Sections of middleware that is not installed are `None`;
/// sections this crate does not model are kept in [`Capabilities::other`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Capabilities {
    /// The core settings.
    #[serde(default)]
    pub swift: SwiftInfo,
    /// Static large objects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub slo: Option<SloInfo>,
    /// Temporary URLs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tempurl: Option<TempUrlInfo>,
    /// Bulk delete.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bulk_delete: Option<BulkDeleteInfo>,
    /// Archive extraction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bulk_upload: Option<BulkUploadInfo>,
    /// Every other section, as JSON (`staticweb`, `formpost`, `symlink`, ...).
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

impl Capabilities {
    /// Whether a middleware announces itself (`"staticweb"`, `"slo"`, ...).
    pub fn has(&self, section: &str) -> bool {
        match section {
            "swift" => true,
            "slo" => self.slo.is_some(),
            "tempurl" => self.tempurl.is_some(),
            "bulk_delete" => self.bulk_delete.is_some(),
            "bulk_upload" => self.bulk_upload.is_some(),
            s => self.other.contains_key(s),
        }
    }
}

/// The `swift` section: the cluster's core limits.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SwiftInfo {
    /// The Swift version.
    #[serde(default)]
    pub version: Option<String>,
    /// The largest object that can be uploaded in one request (bytes).
    #[serde(default)]
    pub max_file_size: Option<u64>,
    /// The longest object name.
    #[serde(default)]
    pub max_object_name_length: Option<u64>,
    /// The longest container name.
    #[serde(default)]
    pub max_container_name_length: Option<u64>,
    /// The most items in a listing page.
    #[serde(default)]
    pub container_listing_limit: Option<u64>,
    /// The most containers in an account listing page.
    #[serde(default)]
    pub account_listing_limit: Option<u64>,
    /// The most metadata items.
    #[serde(default)]
    pub max_meta_count: Option<u64>,
    /// The longest metadata value.
    #[serde(default)]
    pub max_meta_value_length: Option<u64>,
    /// Everything else in the section.
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

/// The `slo` section.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SloInfo {
    /// The most segments in one manifest.
    #[serde(default)]
    pub max_manifest_segments: Option<u64>,
    /// The largest manifest (bytes).
    #[serde(default)]
    pub max_manifest_size: Option<u64>,
    /// The smallest segment (bytes; the last segment may be smaller).
    #[serde(default)]
    pub min_segment_size: Option<u64>,
    /// Everything else in the section.
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

/// The `tempurl` section.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TempUrlInfo {
    /// The methods a temp URL may allow.
    #[serde(default)]
    pub methods: Vec<String>,
    /// The HMAC digests the cluster accepts (`sha1`, `sha256`, `sha512`).
    #[serde(default)]
    pub allowed_digests: Vec<String>,
    /// Everything else in the section.
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

/// The `bulk_delete` section.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BulkDeleteInfo {
    /// The most paths per request.
    #[serde(default)]
    pub max_deletes_per_request: Option<u64>,
    /// The most failures before the request stops.
    #[serde(default)]
    pub max_failed_deletes: Option<u64>,
}

/// The `bulk_upload` section.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BulkUploadInfo {
    /// The most containers an archive may create.
    #[serde(default)]
    pub max_containers_per_extraction: Option<u64>,
    /// The most failures before the extraction stops.
    #[serde(default)]
    pub max_failed_extractions: Option<u64>,
}

/// The `/info` URL for an account endpoint: the part before the `v1` segment, plus `info`
/// (`http://host:8080/v1/AUTH_x/` → `http://host:8080/info`, and
/// `https://host/swift/v1/AUTH_x/` → `https://host/swift/info`).
pub fn info_url(endpoint: &Url) -> Result<Url> {
    let segs: Vec<&str> = endpoint
        .path_segments()
        .map(|s| s.collect())
        .unwrap_or_default();
    let keep = segs
        .iter()
        .position(|s| *s == "v1" || *s == "v1.0")
        .unwrap_or(segs.len().saturating_sub(1));
    let mut u = endpoint.clone();
    let mut path: Vec<&str> = segs[..keep]
        .iter()
        .copied()
        .filter(|s| !s.is_empty())
        .collect();
    path.push("info");
    u.set_path(&format!("/{}", path.join("/")));
    u.set_query(None);
    u.set_fragment(None);
    if u.cannot_be_a_base() {
        return Err(Error::invalid_input(format!(
            "cannot derive /info from {endpoint}"
        )));
    }
    Ok(u)
}

/// The request for the capabilities (an absolute URL, sent without a token).
pub fn get_request(client: &ServiceClient) -> Result<Request> {
    Ok(Request::get(info_url(client.endpoint())?.to_string())
        .unauthenticated()
        .ok_status([200]))
}

/// Reads the cluster's capabilities.
pub async fn get(client: &ServiceClient) -> Result<Capabilities> {
    client.send_json(get_request(client)?).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn info_urls() {
        let u = |s: &str| Url::parse(s).expect("url");
        assert_eq!(
            info_url(&u("http://h:8080/v1/AUTH_x/"))
                .expect("i")
                .as_str(),
            "http://h:8080/info"
        );
        assert_eq!(
            info_url(&u("https://h/swift/v1/AUTH_x"))
                .expect("i")
                .as_str(),
            "https://h/swift/info"
        );
        assert_eq!(
            info_url(&u("https://h/v1/AUTH_x?q=1")).expect("i").as_str(),
            "https://h/info"
        );
    }
}
