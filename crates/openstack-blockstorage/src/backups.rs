//! Volume backups (`/backups`): create, list, show, restore, delete.

use std::collections::BTreeMap;

use openstack_core::serde_util::null_default;
use openstack_core::{Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::util::{self, item_path, Link};

openstack_core::open_enum! {
    /// The status of a backup.
    pub enum Status {
        /// `available`.
        Available => "available",
        /// `creating`.
        Creating => "creating",
        /// `deleting`.
        Deleting => "deleting",
        /// `deleted`.
        Deleted => "deleted",
        /// `error`.
        Error => "error",
        /// `error_deleting`.
        ErrorDeleting => "error_deleting",
        /// `restoring`.
        Restoring => "restoring",
    }
}

/// A backup.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Backup {
    /// The id.
    #[serde(default, deserialize_with = "null_default")]
    pub id: String,
    /// The name.
    #[serde(default)]
    pub name: Option<String>,
    /// The description.
    #[serde(default)]
    pub description: Option<String>,
    /// The status.
    #[serde(default)]
    pub status: Status,
    /// The volume backed up.
    #[serde(default, deserialize_with = "null_default")]
    pub volume_id: String,
    /// The snapshot backed up, if any.
    #[serde(default)]
    pub snapshot_id: Option<String>,
    /// The size in GiB.
    #[serde(default, deserialize_with = "util::lenient_size")]
    pub size: u64,
    /// The number of objects in the backup store.
    #[serde(default, deserialize_with = "util::lenient_u64")]
    pub object_count: Option<u64>,
    /// The container in the backup store.
    #[serde(default)]
    pub container: Option<String>,
    /// The availability zone.
    #[serde(default)]
    pub availability_zone: Option<String>,
    /// When it was created.
    #[serde(default, with = "openstack_core::timestamp::option")]
    pub created_at: Option<OffsetDateTime>,
    /// When it was last updated.
    #[serde(default, with = "openstack_core::timestamp::option")]
    pub updated_at: Option<OffsetDateTime>,
    /// The time of the data it holds.
    #[serde(default, with = "openstack_core::timestamp::option")]
    pub data_timestamp: Option<OffsetDateTime>,
    /// Why it failed.
    #[serde(default)]
    pub fail_reason: Option<String>,
    /// Whether incremental backups depend on it.
    #[serde(default, deserialize_with = "util::lenient_flag")]
    pub has_dependent_backups: bool,
    /// Whether it is incremental.
    #[serde(default, deserialize_with = "util::lenient_flag")]
    pub is_incremental: bool,
    /// Metadata (3.43).
    #[serde(default, deserialize_with = "util::string_map")]
    pub metadata: BTreeMap<String, String>,
    /// Links.
    #[serde(default, deserialize_with = "null_default")]
    pub links: Vec<Link>,
}

/// Options to create a backup of a volume.
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
#[non_exhaustive]
pub struct CreateOpts {
    volume_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    container: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    incremental: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    force: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    snapshot_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    metadata: Option<BTreeMap<String, String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    availability_zone: Option<String>,
}

impl CreateOpts {
    /// A backup of `volume_id`.
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
        /// The container in the backup store.
        container: str,
        /// An incremental backup.
        incremental: bool,
        /// Backs up an attached volume too.
        force: bool,
        /// Backs up this snapshot of the volume.
        snapshot_id: str,
    }

    /// Adds a metadata item (3.43).
    pub fn metadata(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.metadata
            .get_or_insert_with(BTreeMap::new)
            .insert(key.into(), value.into());
        self
    }

    /// The availability zone (3.51).
    pub fn availability_zone(mut self, v: impl Into<String>) -> Self {
        self.availability_zone = Some(v.into());
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
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    volume_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sort: Option<String>,
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

    util::setters! {
        /// Backups of every project (admin).
        all_tenants: bool,
        /// Backups with this name.
        name: str,
    }

    /// Backups with this status.
    pub fn status(mut self, v: Status) -> Self {
        self.status = Some(v.as_str().to_owned());
        self
    }

    util::setters! {
        /// Backups of this volume.
        volume_id: str,
        /// Sort keys and directions.
        sort: str,
        /// Items per page.
        limit: val<u32>,
        /// Starts after this backup id.
        marker: str,
    }
}

/// `POST backups`.
pub fn create_request(opts: &CreateOpts) -> Result<Request> {
    Ok(Request::post("backups")
        .json_wrapped("backup", opts)?
        .ok_status([200, 202]))
}

/// Creates a backup (the answer holds only the id, name and links; [`get`] the rest).
pub async fn create(client: &ServiceClient, opts: CreateOpts) -> Result<Backup> {
    client.send_keyed(create_request(&opts)?, "backup").await
}

/// `GET backups/detail`.
pub fn list_request(opts: &ListOpts) -> Result<Request> {
    Request::get("backups/detail").query(opts)
}

/// Lists backups with details, following `backups_links`.
pub fn list(client: &ServiceClient, opts: ListOpts) -> Pager<Backup> {
    Pager::linked(client.clone(), list_request(&opts), "backups")
}

/// `GET backups/{id}`.
pub fn get_request(id: &str) -> Request {
    Request::get(item_path("backups", id))
}

/// Shows a backup.
pub async fn get(client: &ServiceClient, id: &str) -> Result<Backup> {
    client.send_keyed(get_request(id), "backup").await
}

/// `DELETE backups/{id}`.
pub fn delete_request(id: &str) -> Request {
    Request::delete(item_path("backups", id)).ok_status([202, 204])
}

/// Deletes a backup.
pub async fn delete(client: &ServiceClient, id: &str) -> Result<()> {
    client.send_empty(delete_request(id)).await
}

/// Options to restore a backup: into an existing volume, or a new one.
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
#[non_exhaustive]
pub struct RestoreOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    volume_id: Option<String>,
}

impl RestoreOpts {
    /// Restores into a new volume.
    pub fn new() -> Self {
        Self::default()
    }

    util::setters! {
        /// The name of the new volume.
        name: str,
        /// Restores into this existing volume.
        volume_id: str,
    }
}

/// What a restore answers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Restore {
    /// The backup.
    #[serde(default, deserialize_with = "null_default")]
    pub backup_id: String,
    /// The volume restored into.
    #[serde(default, deserialize_with = "null_default")]
    pub volume_id: String,
    /// The volume's name.
    #[serde(default)]
    pub volume_name: Option<String>,
}

/// `POST backups/{id}/restore`.
pub fn restore_request(id: &str, opts: &RestoreOpts) -> Result<Request> {
    Ok(
        Request::post(format!("{}/restore", item_path("backups", id)))
            .json_wrapped("restore", opts)?
            .ok_status([200, 202]),
    )
}

/// Restores a backup.
pub async fn restore(client: &ServiceClient, id: &str, opts: RestoreOpts) -> Result<Restore> {
    client
        .send_keyed(restore_request(id, &opts)?, "restore")
        .await
}
