//! The compute image proxy (`/images`, deprecated since 2.35: use Glance for anything new):
//! list (detailed), get, delete.

use std::collections::BTreeMap;

use openstack_core::{encode_path_segment, Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::util::{lenient_i64, lenient_opt_i64, null_default, Link};

/// An image as the compute API shows it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Image {
    /// The id.
    #[serde(default)]
    pub id: String,
    /// The name.
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// `ACTIVE`, `SAVING`, `DELETED`, `ERROR`, `UNKNOWN`.
    #[serde(default, deserialize_with = "null_default")]
    pub status: String,
    /// Upload progress in percent.
    #[serde(default, deserialize_with = "lenient_i64")]
    pub progress: i64,
    /// Minimum disk in GiB.
    #[serde(default, rename = "minDisk", deserialize_with = "lenient_i64")]
    pub min_disk: i64,
    /// Minimum memory in MiB.
    #[serde(default, rename = "minRam", deserialize_with = "lenient_i64")]
    pub min_ram: i64,
    /// Creation time.
    #[serde(default, with = "openstack_core::timestamp::option")]
    pub created: Option<OffsetDateTime>,
    /// Update time.
    #[serde(default, with = "openstack_core::timestamp::option")]
    pub updated: Option<OffsetDateTime>,
    /// Image properties.
    #[serde(default, deserialize_with = "null_default")]
    pub metadata: BTreeMap<String, serde_json::Value>,
    /// The size in bytes (`OS-EXT-IMG-SIZE:size`).
    #[serde(
        default,
        rename = "OS-EXT-IMG-SIZE:size",
        deserialize_with = "lenient_opt_i64"
    )]
    pub size: Option<i64>,
    /// The disk configuration (`OS-DCF:diskConfig`).
    #[serde(default, rename = "OS-DCF:diskConfig")]
    pub disk_config: Option<crate::DiskConfig>,
    /// The server a snapshot was taken of.
    #[serde(default)]
    pub server: Option<ServerLink>,
    /// Links.
    #[serde(default, deserialize_with = "null_default")]
    pub links: Vec<Link>,
}

/// The server a snapshot image comes from.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ServerLink {
    /// The server id.
    #[serde(default)]
    pub id: String,
    /// Links.
    #[serde(default, deserialize_with = "null_default")]
    pub links: Vec<Link>,
}

/// Filters for [`list`].
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
#[non_exhaustive]
pub struct ListOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<String>,
    #[serde(rename = "changes-since", skip_serializing_if = "Option::is_none")]
    changes_since: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    server: Option<String>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    kind: Option<String>,
    #[serde(rename = "minDisk", skip_serializing_if = "Option::is_none")]
    min_disk: Option<u32>,
    #[serde(rename = "minRam", skip_serializing_if = "Option::is_none")]
    min_ram: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    limit: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    marker: Option<String>,
}

impl ListOpts {
    /// No filters.
    pub fn new() -> Self {
        Self::default()
    }
    /// By name.
    pub fn name(mut self, n: impl Into<String>) -> Self {
        self.name = Some(n.into());
        self
    }
    /// By status.
    pub fn status(mut self, s: impl Into<String>) -> Self {
        self.status = Some(s.into());
        self
    }
    /// Changed since this time.
    pub fn changes_since(mut self, t: OffsetDateTime) -> Self {
        self.changes_since = Some(openstack_core::timestamp::format(&t));
        self
    }
    /// Snapshots of this server (id or URL).
    pub fn server(mut self, s: impl Into<String>) -> Self {
        self.server = Some(s.into());
        self
    }
    /// `BASE` or `SERVER` (snapshots).
    pub fn kind(mut self, t: impl Into<String>) -> Self {
        self.kind = Some(t.into());
        self
    }
    /// At least this minimum disk.
    pub fn min_disk(mut self, gib: u32) -> Self {
        self.min_disk = Some(gib);
        self
    }
    /// At least this minimum memory.
    pub fn min_ram(mut self, mib: u32) -> Self {
        self.min_ram = Some(mib);
        self
    }
    /// Items per page.
    pub fn limit(mut self, n: u32) -> Self {
        self.limit = Some(n);
        self
    }
    /// Start after this image id.
    pub fn marker(mut self, m: impl Into<String>) -> Self {
        self.marker = Some(m.into());
        self
    }
}

/// `GET /images/detail`.
pub fn list_request(opts: &ListOpts) -> Result<Request> {
    Request::get("images/detail")
        .query(opts)
        .map(|r| r.ok_status([200, 203]))
}

/// Lists images with details, following `images_links`.
pub fn list(client: &ServiceClient, opts: ListOpts) -> Pager<Image> {
    Pager::linked(client.clone(), list_request(&opts), "images")
}

/// `GET /images/{id}`.
pub fn get_request(id: &str) -> Request {
    Request::get(format!("images/{}", encode_path_segment(id))).ok_status([200, 203])
}

/// Shows an image.
pub async fn get(client: &ServiceClient, id: &str) -> Result<Image> {
    #[derive(Deserialize)]
    struct R {
        image: Image,
    }
    let r: R = client.send_json(get_request(id)).await?;
    Ok(r.image)
}

/// `DELETE /images/{id}`.
pub fn delete_request(id: &str) -> Request {
    Request::delete(format!("images/{}", encode_path_segment(id))).ok_status([204])
}

/// Deletes an image.
pub async fn delete(client: &ServiceClient, id: &str) -> Result<()> {
    client.send(delete_request(id)).await.map(drop)
}
