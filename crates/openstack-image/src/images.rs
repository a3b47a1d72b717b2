//! Images (`/v2/images`): create, list, show, update (JSON Patch), delete, deactivate,
//! reactivate, and a status waiter.
//!
//! ```no_run
//! # async fn f(glance: openstack_core::ServiceClient) -> openstack_core::Result<()> {
//! use futures::TryStreamExt;
//! use openstack_image::images::{self, ListOpts, Status, UpdateOpts, Visibility};
//!
//! let mut public = images::list(&glance, ListOpts::new().visibility(Visibility::Public)
//!     .status(Status::Active).sort("name:asc"));
//! while let Some(image) = public.try_next().await? {
//!     println!("{} {:?} {:?}", image.id, image.name, image.size);
//! }
//! images::update(&glance, "IMAGE_ID", UpdateOpts::new().name("renamed")
//!     .property("hw_disk_bus", "scsi")).await?;
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;
use std::time::Duration;

use openstack_core::serde_util::{lenient_u64, null_default};
use openstack_core::wait::Waiter;
use openstack_core::{Error, Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::util::{self, item_path};

openstack_core::open_enum! {
    /// The status of an image.
    pub enum Status {
        /// `queued`: no data yet.
        Queued => "queued",
        /// `saving`: data being uploaded.
        Saving => "saving",
        /// `active`: ready.
        Active => "active",
        /// `killed`: an upload failed.
        Killed => "killed",
        /// `deleted`.
        Deleted => "deleted",
        /// `pending_delete`: delayed delete.
        PendingDelete => "pending_delete",
        /// `deactivated`: data not downloadable.
        Deactivated => "deactivated",
        /// `uploading`: data staged for import.
        Uploading => "uploading",
        /// `importing`: an import is running.
        Importing => "importing",
    }
}

openstack_core::open_enum! {
    /// Who can see an image.
    pub enum Visibility {
        /// `public`: every project.
        Public => "public",
        /// `private`: the owner only.
        Private => "private",
        /// `shared`: the owner and its members.
        Shared => "shared",
        /// `community`: every project, but not listed by default.
        Community => "community",
    }
}

/// An image. Custom properties (`os_distro`, `hw_disk_bus`, ...) are in `properties`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Image {
    /// The id.
    #[serde(default, deserialize_with = "null_default")]
    pub id: String,
    /// The name (may be `null`).
    #[serde(default)]
    pub name: Option<String>,
    /// The status.
    #[serde(default)]
    pub status: Status,
    /// Who can see it.
    #[serde(default)]
    pub visibility: Visibility,
    /// Whether it is protected from deletion.
    #[serde(default, deserialize_with = "util::lenient_flag")]
    pub protected: bool,
    /// Whether it is hidden from default listings.
    #[serde(default, deserialize_with = "util::lenient_flag")]
    pub os_hidden: bool,
    /// The MD5 of the data (legacy; `null` until data is uploaded).
    #[serde(default)]
    pub checksum: Option<String>,
    /// The algorithm of `os_hash_value` (`sha512` usually).
    #[serde(default)]
    pub os_hash_algo: Option<String>,
    /// The hex digest of the data with `os_hash_algo`.
    #[serde(default)]
    pub os_hash_value: Option<String>,
    /// The owning project.
    #[serde(default)]
    pub owner: Option<String>,
    /// The size of the data in bytes (`null` until uploaded).
    #[serde(default, deserialize_with = "lenient_u64")]
    pub size: Option<u64>,
    /// The virtual size of the disk in bytes (`null` when unknown).
    #[serde(default, deserialize_with = "lenient_u64")]
    pub virtual_size: Option<u64>,
    /// The minimum RAM in MiB.
    #[serde(default, deserialize_with = "util::lenient_size")]
    pub min_ram: u64,
    /// The minimum disk in GiB.
    #[serde(default, deserialize_with = "util::lenient_size")]
    pub min_disk: u64,
    /// The disk format (`raw`, `qcow2`, ...).
    #[serde(default)]
    pub disk_format: Option<String>,
    /// The container format (`bare`, `ovf`, ...).
    #[serde(default)]
    pub container_format: Option<String>,
    /// Tags.
    #[serde(default, deserialize_with = "null_default")]
    pub tags: Vec<String>,
    /// When it was created.
    #[serde(default, with = "openstack_core::timestamp::option")]
    pub created_at: Option<OffsetDateTime>,
    /// When it was last updated.
    #[serde(default, with = "openstack_core::timestamp::option")]
    pub updated_at: Option<OffsetDateTime>,
    /// The data's path (`/v2/images/{id}/file`).
    #[serde(default)]
    pub file: Option<String>,
    /// The image's own path (`self`).
    #[serde(default, rename = "self")]
    pub self_link: Option<String>,
    /// The schema's path.
    #[serde(default)]
    pub schema: Option<String>,
    /// The stores that hold the data (comma-separated; multi-store clouds).
    #[serde(default)]
    pub stores: Option<String>,
    /// The direct URL of the data (when the cloud shows it).
    #[serde(default)]
    pub direct_url: Option<String>,
    /// The locations of the data (when the cloud shows them).
    #[serde(default, deserialize_with = "null_default")]
    pub locations: Vec<serde_json::Value>,
    /// Every other property of the image (custom and service-added ones).
    #[serde(flatten)]
    pub properties: BTreeMap<String, serde_json::Value>,
}

impl Image {
    /// A custom property as text, if it is a string.
    pub fn property(&self, key: &str) -> Option<&str> {
        self.properties.get(key).and_then(serde_json::Value::as_str)
    }
}

/// Options to create an image record (upload the data with [`crate::data::upload`] or
/// import it with [`crate::imports::import`]).
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
#[non_exhaustive]
pub struct CreateOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    container_format: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    disk_format: Option<String>,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    visibility: Option<Visibility>,
    #[serde(skip_serializing_if = "Option::is_none")]
    protected: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    os_hidden: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    min_disk: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    min_ram: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tags: Option<Vec<String>>,
    #[serde(flatten)]
    properties: BTreeMap<String, serde_json::Value>,
}

impl CreateOpts {
    /// An image called `name`.
    pub fn new(name: impl Into<String>) -> Self {
        CreateOpts {
            name: name.into(),
            ..Default::default()
        }
    }

    util::setters! {
        /// The id to use (a UUID) instead of a generated one.
        id: str,
        /// The container format (`bare`, `ovf`, `docker`, ...).
        container_format: str,
        /// The disk format (`raw`, `qcow2`, `iso`, ...). Glance checks uploaded data against it.
        disk_format: str,
        /// Who can see it.
        visibility: val<Visibility>,
        /// Protects it from deletion.
        protected: bool,
        /// Hides it from default listings.
        os_hidden: bool,
        /// The minimum disk in GiB.
        min_disk: val<u64>,
        /// The minimum RAM in MiB.
        min_ram: val<u64>,
    }

    /// Tags.
    pub fn tags(mut self, v: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.tags = Some(v.into_iter().map(Into::into).collect());
        self
    }

    /// A custom property (`os_distro`, `hw_disk_bus`, ...).
    pub fn property(mut self, key: impl Into<String>, value: impl Into<serde_json::Value>) -> Self {
        self.properties.insert(key.into(), value.into());
        self
    }
}

/// A comparison for the `created_at` and `updated_at` filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DateOp {
    /// `gt`: after.
    Gt,
    /// `gte`: at or after.
    Gte,
    /// `lt`: before.
    Lt,
    /// `lte`: at or before.
    Lte,
    /// `eq`: at.
    Eq,
    /// `neq`: not at.
    Neq,
}

impl DateOp {
    fn as_str(self) -> &'static str {
        match self {
            DateOp::Gt => "gt",
            DateOp::Gte => "gte",
            DateOp::Lt => "lt",
            DateOp::Lte => "lte",
            DateOp::Eq => "eq",
            DateOp::Neq => "neq",
        }
    }
}

/// The status of the current project's membership, for [`ListOpts::member_status`].
pub use crate::members::MemberStatus;

/// Filters, sorting and paging for [`list`].
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
#[non_exhaustive]
pub struct ListOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    visibility: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    member_status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    owner: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<String>,
    #[serde(rename = "tag")]
    tags: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    size_min: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    size_max: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    container_format: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    disk_format: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    protected: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    os_hidden: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    created_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    updated_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sort: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sort_key: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sort_dir: Option<String>,
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

    /// Only these ids (`id=in:a,b`).
    pub fn ids(mut self, v: impl IntoIterator<Item = impl Into<String>>) -> Self {
        let ids: Vec<String> = v.into_iter().map(Into::into).collect();
        self.id = Some(format!("in:{}", ids.join(",")));
        self
    }

    /// Images with this name.
    pub fn name(mut self, v: impl Into<String>) -> Self {
        self.name = Some(v.into());
        self
    }

    /// Images with this visibility (`all` is also accepted by Glance: use
    /// `Visibility::Unknown("all".into())`).
    pub fn visibility(mut self, v: Visibility) -> Self {
        self.visibility = Some(v.as_str().to_owned());
        self
    }

    /// Shared images whose membership for the current project has this status (`all` via
    /// `MemberStatus::Unknown("all".into())`).
    pub fn member_status(mut self, v: MemberStatus) -> Self {
        self.member_status = Some(v.as_str().to_owned());
        self
    }

    /// Images owned by this project.
    pub fn owner(mut self, v: impl Into<String>) -> Self {
        self.owner = Some(v.into());
        self
    }

    /// Images with this status.
    pub fn status(mut self, v: Status) -> Self {
        self.status = Some(v.as_str().to_owned());
        self
    }

    /// Images with this tag (call again: images must have all of them).
    pub fn tag(mut self, v: impl Into<String>) -> Self {
        self.tags.push(v.into());
        self
    }

    util::setters! {
        /// Images of at least `v` bytes.
        size_min: val<u64>,
        /// Images of at most `v` bytes.
        size_max: val<u64>,
        /// Images with this container format.
        container_format: str,
        /// Images with this disk format.
        disk_format: str,
        /// Protected (or unprotected) images.
        protected: bool,
        /// Hidden (or visible) images.
        os_hidden: bool,
    }

    /// Images created relative to `at` (`created_at=gte:2024-01-01T00:00:00Z`).
    pub fn created_at(mut self, op: DateOp, at: OffsetDateTime) -> Self {
        self.created_at = Some(format!(
            "{}:{}",
            op.as_str(),
            openstack_core::timestamp::format(&at)
        ));
        self
    }

    /// Images updated relative to `at`.
    pub fn updated_at(mut self, op: DateOp, at: OffsetDateTime) -> Self {
        self.updated_at = Some(format!(
            "{}:{}",
            op.as_str(),
            openstack_core::timestamp::format(&at)
        ));
        self
    }

    util::setters! {
        /// Sort keys and directions (`name:asc,created_at:desc`).
        sort: str,
        /// The legacy sort key (`sort_key`); prefer [`ListOpts::sort`].
        sort_key: str,
        /// The legacy sort direction (`asc`, `desc`).
        sort_dir: str,
        /// Items per page (see also [`Pager::page_size`]).
        limit: val<u32>,
        /// Starts after this image id.
        marker: str,
    }
}

/// One JSON Patch operation of an image update.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct PatchOp {
    /// `add`, `replace` or `remove`.
    pub op: &'static str,
    /// The JSON pointer (`/name`, `/hw_disk_bus`).
    pub path: String,
    /// The value (absent for `remove`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<serde_json::Value>,
}

impl PatchOp {
    /// `add` `value` at the attribute `attr` (adds or replaces a custom property).
    pub fn add(attr: &str, value: impl Into<serde_json::Value>) -> Self {
        PatchOp {
            op: "add",
            path: pointer(attr),
            value: Some(value.into()),
        }
    }

    /// `replace` the attribute `attr` with `value` (it must exist).
    pub fn replace(attr: &str, value: impl Into<serde_json::Value>) -> Self {
        PatchOp {
            op: "replace",
            path: pointer(attr),
            value: Some(value.into()),
        }
    }

    /// `remove` the attribute `attr`.
    pub fn remove(attr: &str) -> Self {
        PatchOp {
            op: "remove",
            path: pointer(attr),
            value: None,
        }
    }
}

/// A JSON pointer to one top-level attribute (`~` and `/` escaped).
fn pointer(attr: &str) -> String {
    format!("/{}", attr.replace('~', "~0").replace('/', "~1"))
}

/// An image update: a list of JSON Patch operations, built with the methods below in the
/// order they are called. Core attributes use `replace`; custom properties use `add` (which
/// also replaces an existing one) and `remove`.
#[derive(Debug, Clone, Default)]
#[must_use]
#[non_exhaustive]
pub struct UpdateOpts {
    ops: Vec<PatchOp>,
}

impl UpdateOpts {
    /// No operations yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// A new name.
    pub fn name(self, v: impl Into<String>) -> Self {
        self.op(PatchOp::replace("name", v.into()))
    }

    /// Sets the name to `null`.
    pub fn clear_name(self) -> Self {
        self.op(PatchOp::replace("name", serde_json::Value::Null))
    }

    /// A new visibility.
    pub fn visibility(self, v: Visibility) -> Self {
        self.op(PatchOp::replace("visibility", v.as_str()))
    }

    /// Protects (or unprotects) it.
    pub fn protected(self, v: bool) -> Self {
        self.op(PatchOp::replace("protected", v))
    }

    /// Hides (or shows) it.
    pub fn os_hidden(self, v: bool) -> Self {
        self.op(PatchOp::replace("os_hidden", v))
    }

    /// A new minimum disk (GiB).
    pub fn min_disk(self, v: u64) -> Self {
        self.op(PatchOp::replace("min_disk", v))
    }

    /// A new minimum RAM (MiB).
    pub fn min_ram(self, v: u64) -> Self {
        self.op(PatchOp::replace("min_ram", v))
    }

    /// A new disk format (only while `queued`).
    pub fn disk_format(self, v: impl Into<String>) -> Self {
        self.op(PatchOp::replace("disk_format", v.into()))
    }

    /// A new container format (only while `queued`).
    pub fn container_format(self, v: impl Into<String>) -> Self {
        self.op(PatchOp::replace("container_format", v.into()))
    }

    /// Replaces all tags.
    pub fn tags(self, v: impl IntoIterator<Item = impl Into<String>>) -> Self {
        let tags: Vec<String> = v.into_iter().map(Into::into).collect();
        self.op(PatchOp::replace("tags", tags))
    }

    /// Adds or replaces a custom property.
    pub fn property(self, key: &str, value: impl Into<serde_json::Value>) -> Self {
        self.op(PatchOp::add(key, value))
    }

    /// Replaces an existing custom property (fails with 409 if it does not exist).
    pub fn replace_property(self, key: &str, value: impl Into<serde_json::Value>) -> Self {
        self.op(PatchOp::replace(key, value))
    }

    /// Removes a custom property.
    pub fn remove_property(self, key: &str) -> Self {
        self.op(PatchOp::remove(key))
    }

    /// Any operation.
    pub fn op(mut self, op: PatchOp) -> Self {
        self.ops.push(op);
        self
    }

    /// The operations, in order.
    pub fn ops(&self) -> &[PatchOp] {
        &self.ops
    }
}

/// The media type of Glance's JSON Patch updates.
pub const PATCH_CONTENT_TYPE: &str = "application/openstack-images-v2.1-json-patch";

/// `POST images`.
pub fn create_request(opts: &CreateOpts) -> Result<Request> {
    Ok(Request::post("images").json(opts)?.ok_status([201]))
}

/// Creates an image record (status `queued`).
pub async fn create(client: &ServiceClient, opts: CreateOpts) -> Result<Image> {
    client.send_json(create_request(&opts)?).await
}

/// `GET images` with filters.
pub fn list_request(opts: &ListOpts) -> Result<Request> {
    Request::get("images").query(opts)
}

/// Lists images, following Glance's `next` links.
pub fn list(client: &ServiceClient, opts: ListOpts) -> Pager<Image> {
    Pager::linked(client.clone(), list_request(&opts), "images")
}

/// `GET images/{id}`.
pub fn get_request(id: &str) -> Request {
    Request::get(item_path("images", id))
}

/// Shows an image.
pub async fn get(client: &ServiceClient, id: &str) -> Result<Image> {
    client.send_json(get_request(id)).await
}

/// `PATCH images/{id}` with the JSON Patch document of `opts`
/// (`Content-Type: application/openstack-images-v2.1-json-patch`).
pub fn update_request(id: &str, opts: &UpdateOpts) -> Result<Request> {
    Request::patch(item_path("images", id))
        .json(&opts.ops)?
        .header("Content-Type", PATCH_CONTENT_TYPE)
}

/// Updates an image; returns it as it is now.
pub async fn update(client: &ServiceClient, id: &str, opts: UpdateOpts) -> Result<Image> {
    client.send_json(update_request(id, &opts)?).await
}

/// `DELETE images/{id}`.
pub fn delete_request(id: &str) -> Request {
    Request::delete(item_path("images", id)).ok_status([204])
}

/// Deletes an image.
pub async fn delete(client: &ServiceClient, id: &str) -> Result<()> {
    client.send_empty(delete_request(id)).await
}

/// `POST images/{id}/actions/deactivate`.
pub fn deactivate_request(id: &str) -> Request {
    Request::post(format!("{}/actions/deactivate", item_path("images", id))).ok_status([204])
}

/// Deactivates an image (admin): its data can no longer be downloaded.
pub async fn deactivate(client: &ServiceClient, id: &str) -> Result<()> {
    client.send_empty(deactivate_request(id)).await
}

/// `POST images/{id}/actions/reactivate`.
pub fn reactivate_request(id: &str) -> Request {
    Request::post(format!("{}/actions/reactivate", item_path("images", id))).ok_status([204])
}

/// Reactivates a deactivated image (admin).
pub async fn reactivate(client: &ServiceClient, id: &str) -> Result<()> {
    client.send_empty(reactivate_request(id)).await
}

/// Waits until the image has `status`, polling with backoff for at most `timeout`. An image
/// that goes to `killed` (or `deleted`) while waiting for another status ends the wait at
/// once with an error.
pub async fn wait_for_status(
    client: &ServiceClient,
    id: &str,
    status: Status,
    timeout: Duration,
) -> Result<Image> {
    wait_for_status_with(client, id, status, Waiter::new(timeout)).await
}

/// Like [`wait_for_status`], with your own [`Waiter`].
pub async fn wait_for_status_with(
    client: &ServiceClient,
    id: &str,
    status: Status,
    waiter: Waiter,
) -> Result<Image> {
    waiter
        .describe(format!("image {id} to become {status}"))
        .until(|| {
            let status = status.clone();
            async move {
                let image = get(client, id).await?;
                if image.status == status {
                    Ok(Some(image))
                } else if matches!(image.status, Status::Killed | Status::Deleted) {
                    Err(Error::resource_state(
                        format!("image {id}"),
                        image.status.to_string(),
                        Some(format!("while waiting for {status}")),
                    ))
                } else {
                    Ok(None)
                }
            }
        })
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patch_paths_are_escaped() {
        let o = UpdateOpts::new()
            .property("a/b~c", "v")
            .remove_property("x");
        let r = update_request("i", &o).expect("req");
        assert_eq!(
            r.json_body().expect("json"),
            serde_json::json!([
                {"op": "add", "path": "/a~1b~0c", "value": "v"},
                {"op": "remove", "path": "/x"}
            ])
        );
        assert_eq!(r.headers()["content-type"], PATCH_CONTENT_TYPE);
    }

    #[test]
    fn list_query() {
        let at = time::macros::datetime!(2024-01-02 03:04:05 UTC);
        let r = list_request(
            &ListOpts::new()
                .name("cirros")
                .visibility(Visibility::Shared)
                .member_status(MemberStatus::Accepted)
                .tag("a")
                .tag("b")
                .size_min(1)
                .size_max(10)
                .created_at(DateOp::Gte, at)
                .sort("name:asc")
                .limit(2),
        )
        .expect("req");
        assert_eq!(
            r.query_string(),
            Some("name=cirros&visibility=shared&member_status=accepted&tag=a&tag=b&size_min=1&size_max=10&created_at=gte%3A2024-01-02T03%3A04%3A05Z&sort=name%3Aasc&limit=2")
        );
    }
}
