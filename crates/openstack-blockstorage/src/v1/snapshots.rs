//! v1 snapshots (`/snapshots`): create, list, show, update, delete, metadata.

use std::collections::BTreeMap;

use openstack_core::serde_util::null_default;
use openstack_core::{Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

pub use crate::snapshots::Status;
use crate::util::{self, item_path};

/// A v1 snapshot.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Snapshot {
    /// The id.
    #[serde(default, deserialize_with = "null_default")]
    pub id: String,
    /// The name (`display_name`).
    #[serde(default, rename = "display_name", alias = "name")]
    pub name: Option<String>,
    /// The description (`display_description`).
    #[serde(default, rename = "display_description", alias = "description")]
    pub description: Option<String>,
    /// The volume.
    #[serde(default, deserialize_with = "null_default")]
    pub volume_id: String,
    /// The status.
    #[serde(default)]
    pub status: Status,
    /// The size in GiB.
    #[serde(default, deserialize_with = "util::lenient_size")]
    pub size: u64,
    /// Metadata.
    #[serde(default, deserialize_with = "util::string_map")]
    pub metadata: BTreeMap<String, String>,
    /// When it was created.
    #[serde(default, with = "openstack_core::timestamp::option")]
    pub created_at: Option<OffsetDateTime>,
}

/// Options to create a v1 snapshot.
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
    volume_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    force: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    metadata: Option<BTreeMap<String, String>>,
}

impl CreateOpts {
    /// A snapshot of `volume_id`.
    pub fn new(volume_id: impl Into<String>) -> Self {
        CreateOpts {
            volume_id: volume_id.into(),
            ..Default::default()
        }
    }

    util::setters! {
        /// The name.
        name: str,
        /// The description.
        description: str,
        /// Snapshots an attached volume too.
        force: bool,
    }

    /// Adds a metadata item.
    pub fn metadata(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.metadata
            .get_or_insert_with(BTreeMap::new)
            .insert(key.into(), value.into());
        self
    }
}

/// Options to update a v1 snapshot.
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
}

/// `POST snapshots`.
pub fn create_request(opts: &CreateOpts) -> Result<Request> {
    Ok(Request::post("snapshots")
        .json_wrapped("snapshot", opts)?
        .ok_status([200, 201, 202]))
}

/// Creates a snapshot.
pub async fn create(client: &ServiceClient, opts: CreateOpts) -> Result<Snapshot> {
    client.send_keyed(create_request(&opts)?, "snapshot").await
}

/// `GET snapshots/detail`.
pub fn list_request() -> Request {
    Request::get("snapshots/detail")
}

/// Lists snapshots with details.
pub fn list(client: &ServiceClient) -> Pager<Snapshot> {
    Pager::linked(client.clone(), list_request(), "snapshots")
}

/// `GET snapshots/{id}`.
pub fn get_request(id: &str) -> Request {
    Request::get(item_path("snapshots", id))
}

/// Shows a snapshot.
pub async fn get(client: &ServiceClient, id: &str) -> Result<Snapshot> {
    client.send_keyed(get_request(id), "snapshot").await
}

/// `PUT snapshots/{id}`.
pub fn update_request(id: &str, opts: &UpdateOpts) -> Result<Request> {
    Request::put(item_path("snapshots", id)).json_wrapped("snapshot", opts)
}

/// Updates a snapshot.
pub async fn update(client: &ServiceClient, id: &str, opts: UpdateOpts) -> Result<Snapshot> {
    client
        .send_keyed(update_request(id, &opts)?, "snapshot")
        .await
}

/// `DELETE snapshots/{id}`.
pub fn delete_request(id: &str) -> Request {
    Request::delete(item_path("snapshots", id)).ok_status([202, 204])
}

/// Deletes a snapshot.
pub async fn delete(client: &ServiceClient, id: &str) -> Result<()> {
    client.send_empty(delete_request(id)).await
}

#[derive(Deserialize)]
struct MetadataBody {
    #[serde(default, deserialize_with = "util::string_map")]
    metadata: BTreeMap<String, String>,
    /// The v1 API reference shows the whole snapshot here; accept that shape too.
    #[serde(default)]
    snapshot: Option<Snapshot>,
}

impl MetadataBody {
    fn into_map(self) -> BTreeMap<String, String> {
        match self.snapshot {
            Some(s) if self.metadata.is_empty() => s.metadata,
            _ => self.metadata,
        }
    }
}

/// `GET snapshots/{id}/metadata`.
pub fn get_metadata_request(id: &str) -> Request {
    Request::get(format!("{}/metadata", item_path("snapshots", id)))
}

/// A snapshot's metadata.
pub async fn get_metadata(client: &ServiceClient, id: &str) -> Result<BTreeMap<String, String>> {
    let r: MetadataBody = client.send_json(get_metadata_request(id)).await?;
    Ok(r.into_map())
}

/// `PUT snapshots/{id}/metadata` with `{"metadata": {...}}` (replace).
pub fn update_metadata_request(id: &str, metadata: &BTreeMap<String, String>) -> Result<Request> {
    Request::put(format!("{}/metadata", item_path("snapshots", id)))
        .json(&serde_json::json!({ "metadata": metadata }))
}

/// Replaces a snapshot's metadata; returns it.
pub async fn update_metadata(
    client: &ServiceClient,
    id: &str,
    metadata: &BTreeMap<String, String>,
) -> Result<BTreeMap<String, String>> {
    let r: MetadataBody = client
        .send_json(update_metadata_request(id, metadata)?)
        .await?;
    Ok(r.into_map())
}
