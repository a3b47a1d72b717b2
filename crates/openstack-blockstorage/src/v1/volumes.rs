//! v1 volumes (`/volumes`): create, list, show, update, delete, metadata.

use std::collections::BTreeMap;

use openstack_core::serde_util::null_default;
use openstack_core::{Error, Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::util::{self, item_path};
pub use crate::volumes::{Status, VolumeAttachment};

/// A v1 volume.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Volume {
    /// The id.
    #[serde(default, deserialize_with = "null_default")]
    pub id: String,
    /// The name (`display_name`).
    #[serde(default, rename = "display_name", alias = "name")]
    pub name: Option<String>,
    /// The description (`display_description`).
    #[serde(default, rename = "display_description", alias = "description")]
    pub description: Option<String>,
    /// The status (v1 clouds also report values like `active`, kept as `Unknown`).
    #[serde(default)]
    pub status: Status,
    /// The size in GiB.
    #[serde(default, deserialize_with = "util::lenient_size")]
    pub size: u64,
    /// The volume type.
    #[serde(default)]
    pub volume_type: Option<String>,
    /// Metadata.
    #[serde(default, deserialize_with = "util::string_map")]
    pub metadata: BTreeMap<String, String>,
    /// The availability zone.
    #[serde(default)]
    pub availability_zone: Option<String>,
    /// Whether it is bootable.
    #[serde(default, deserialize_with = "util::lenient_flag")]
    pub bootable: bool,
    /// The snapshot it came from.
    #[serde(default)]
    pub snapshot_id: Option<String>,
    /// The volume it was cloned from.
    #[serde(default)]
    pub source_volid: Option<String>,
    /// Where it is attached.
    #[serde(default, deserialize_with = "null_default")]
    pub attachments: Vec<VolumeAttachment>,
    /// When it was created.
    #[serde(default, with = "openstack_core::timestamp::option")]
    pub created_at: Option<OffsetDateTime>,
}

/// Options to create a v1 volume.
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
#[non_exhaustive]
pub struct CreateOpts {
    #[serde(rename = "display_name", skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(
        rename = "display_description",
        skip_serializing_if = "Option::is_none"
    )]
    description: Option<String>,
    size: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    volume_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    metadata: Option<BTreeMap<String, String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    availability_zone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    snapshot_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source_volid: Option<String>,
    #[serde(rename = "imageRef", skip_serializing_if = "Option::is_none")]
    image_ref: Option<String>,
    #[serde(skip)]
    scheduler_hints: Option<serde_json::Map<String, serde_json::Value>>,
}

impl CreateOpts {
    /// A volume of `size_gib` GiB.
    pub fn new(size_gib: u64) -> Self {
        CreateOpts {
            size: size_gib,
            ..Default::default()
        }
    }

    util::setters! {
        /// The name (`display_name`).
        name: str,
        /// The description (`display_description`).
        description: str,
        /// The volume type.
        volume_type: str,
    }

    /// Adds a metadata item.
    pub fn metadata(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.metadata
            .get_or_insert_with(BTreeMap::new)
            .insert(key.into(), value.into());
        self
    }

    util::setters! {
        /// The availability zone.
        availability_zone: str,
        /// Creates it from a snapshot.
        snapshot_id: str,
        /// Clones a volume.
        source_volid: str,
        /// Creates it from an image.
        image_ref: str,
    }

    /// Adds a scheduler hint (`OS-SCH-HNT:scheduler_hints`).
    pub fn scheduler_hint(mut self, key: impl Into<String>, value: serde_json::Value) -> Self {
        self.scheduler_hints
            .get_or_insert_with(serde_json::Map::new)
            .insert(key.into(), value);
        self
    }
}

/// Options to update a v1 volume.
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
#[non_exhaustive]
pub struct UpdateOpts {
    #[serde(rename = "display_name", skip_serializing_if = "Option::is_none")]
    name: Option<Option<String>>,
    #[serde(
        rename = "display_description",
        skip_serializing_if = "Option::is_none"
    )]
    description: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    metadata: Option<BTreeMap<String, String>>,
}

impl UpdateOpts {
    /// Nothing changed yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// A new name.
    pub fn name(mut self, v: impl Into<String>) -> Self {
        self.name = Some(Some(v.into()));
        self
    }

    /// A new description.
    pub fn description(mut self, v: impl Into<String>) -> Self {
        self.description = Some(Some(v.into()));
        self
    }

    /// Removes the description (sends `null`).
    pub fn clear_description(mut self) -> Self {
        self.description = Some(None);
        self
    }

    /// Replaces the metadata with these items.
    pub fn metadata(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.metadata
            .get_or_insert_with(BTreeMap::new)
            .insert(key.into(), value.into());
        self
    }
}

/// Filters for [`list`].
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
#[non_exhaustive]
pub struct ListOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    all_tenants: Option<bool>,
    #[serde(rename = "display_name", skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    metadata: Option<String>,
    #[serde(skip)]
    metadata_map: BTreeMap<String, String>,
}

impl ListOpts {
    /// No filters.
    pub fn new() -> Self {
        Self::default()
    }

    util::setters! {
        /// Volumes of every project (admin).
        all_tenants: bool,
        /// Volumes with this name.
        name: str,
    }

    /// Volumes with this status.
    pub fn status(mut self, v: Status) -> Self {
        self.status = Some(v.as_str().to_owned());
        self
    }

    /// Volumes with this metadata item.
    pub fn metadata(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.metadata_map.insert(key.into(), value.into());
        self.metadata = Some(util::python_dict(&self.metadata_map));
        self
    }
}

/// `POST volumes`.
pub fn create_request(opts: &CreateOpts) -> Result<Request> {
    let mut body = serde_json::Map::new();
    body.insert(
        "volume".into(),
        serde_json::to_value(opts).map_err(|e| Error::invalid_input(e.to_string()))?,
    );
    if let Some(h) = &opts.scheduler_hints {
        body.insert(
            "OS-SCH-HNT:scheduler_hints".into(),
            serde_json::Value::Object(h.clone()),
        );
    }
    Ok(Request::post("volumes")
        .json(&body)?
        .ok_status([200, 201, 202]))
}

/// Creates a volume.
pub async fn create(client: &ServiceClient, opts: CreateOpts) -> Result<Volume> {
    client.send_keyed(create_request(&opts)?, "volume").await
}

/// `GET volumes/detail`.
pub fn list_request(opts: &ListOpts) -> Result<Request> {
    Request::get("volumes/detail").query(opts)
}

/// Lists volumes with details.
pub fn list(client: &ServiceClient, opts: ListOpts) -> Pager<Volume> {
    Pager::linked(client.clone(), list_request(&opts), "volumes")
}

/// `GET volumes/{id}`.
pub fn get_request(id: &str) -> Request {
    Request::get(item_path("volumes", id))
}

/// Shows a volume.
pub async fn get(client: &ServiceClient, id: &str) -> Result<Volume> {
    client.send_keyed(get_request(id), "volume").await
}

/// `PUT volumes/{id}`.
pub fn update_request(id: &str, opts: &UpdateOpts) -> Result<Request> {
    Request::put(item_path("volumes", id)).json_wrapped("volume", opts)
}

/// Updates a volume.
pub async fn update(client: &ServiceClient, id: &str, opts: UpdateOpts) -> Result<Volume> {
    client
        .send_keyed(update_request(id, &opts)?, "volume")
        .await
}

/// `DELETE volumes/{id}`.
pub fn delete_request(id: &str) -> Request {
    Request::delete(item_path("volumes", id)).ok_status([202, 204])
}

/// Deletes a volume.
pub async fn delete(client: &ServiceClient, id: &str) -> Result<()> {
    client.send_empty(delete_request(id)).await
}

util::metadata_fns!("volumes", "volume"; get set update);
