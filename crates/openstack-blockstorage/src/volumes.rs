//! Volumes (`/volumes`): create, list, show, update, delete, actions (extend, retype,
//! bootable, read-only, reset status, image metadata, upload to image), metadata, and waiters.
//!
//! ```no_run
//! # async fn f(cinder: openstack_core::ServiceClient) -> openstack_core::Result<()> {
//! use futures::TryStreamExt;
//! use openstack_blockstorage::volumes::{self, ListOpts, Status};
//!
//! let mut all = volumes::list(&cinder, ListOpts::new().status(Status::Available));
//! while let Some(v) = all.try_next().await? {
//!     println!("{} {:?} {} GiB", v.id, v.name, v.size);
//! }
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;
use std::time::Duration;

use openstack_core::serde_util::null_default;
use openstack_core::wait::Waiter;
use openstack_core::{Error, Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::util::{self, item_path, Link};

openstack_core::open_enum! {
    /// The status of a volume.
    pub enum Status {
        /// `available`: ready to attach.
        Available => "available",
        /// `creating`.
        Creating => "creating",
        /// `deleting`.
        Deleting => "deleting",
        /// `error`: creation failed.
        Error => "error",
        /// `error_deleting`: deletion failed.
        ErrorDeleting => "error_deleting",
        /// `error_extending`: extending failed.
        ErrorExtending => "error_extending",
        /// `error_restoring`: a backup restore failed.
        ErrorRestoring => "error_restoring",
        /// `error_managing`: managing an existing volume failed.
        ErrorManaging => "error_managing",
        /// `in-use`: attached.
        InUse => "in-use",
        /// `attaching`.
        Attaching => "attaching",
        /// `detaching`.
        Detaching => "detaching",
        /// `extending`.
        Extending => "extending",
        /// `maintenance`: locked for migration.
        Maintenance => "maintenance",
        /// `reserved`: reserved for an attachment.
        Reserved => "reserved",
        /// `backing-up`.
        BackingUp => "backing-up",
        /// `restoring-backup`.
        RestoringBackup => "restoring-backup",
        /// `downloading`: being created from an image.
        Downloading => "downloading",
        /// `uploading`: being uploaded to an image.
        Uploading => "uploading",
        /// `retyping`.
        Retyping => "retyping",
        /// `awaiting-transfer`.
        AwaitingTransfer => "awaiting-transfer",
        /// `managing`.
        Managing => "managing",
    }
}

impl Status {
    /// Whether this is one of the error states (`error`, `error_deleting`, `error_extending`,
    /// `error_restoring`, `error_managing`).
    pub fn is_error(&self) -> bool {
        matches!(
            self,
            Status::Error
                | Status::ErrorDeleting
                | Status::ErrorExtending
                | Status::ErrorRestoring
                | Status::ErrorManaging
        )
    }
}

/// An attachment of a volume to a server, as listed in the volume.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VolumeAttachment {
    /// The attachment's id.
    #[serde(default, deserialize_with = "null_default")]
    pub attachment_id: String,
    /// The id of the attached volume (also in `volume_id`).
    #[serde(default, deserialize_with = "null_default")]
    pub id: String,
    /// The volume.
    #[serde(default, deserialize_with = "null_default")]
    pub volume_id: String,
    /// The server.
    #[serde(default, deserialize_with = "null_default")]
    pub server_id: String,
    /// The host the volume is attached on.
    #[serde(default)]
    pub host_name: Option<String>,
    /// The device name inside the server (`/dev/vdb`).
    #[serde(default)]
    pub device: Option<String>,
    /// When it was attached.
    #[serde(default, with = "openstack_core::timestamp::option")]
    pub attached_at: Option<OffsetDateTime>,
}

/// A volume.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Volume {
    /// The id.
    #[serde(default, deserialize_with = "null_default")]
    pub id: String,
    /// The name (Cinder allows none).
    #[serde(default)]
    pub name: Option<String>,
    /// The description.
    #[serde(default)]
    pub description: Option<String>,
    /// The status.
    #[serde(default)]
    pub status: Status,
    /// The size in GiB.
    #[serde(default, deserialize_with = "util::lenient_size")]
    pub size: u64,
    /// The availability zone.
    #[serde(default)]
    pub availability_zone: Option<String>,
    /// When it was created.
    #[serde(default, with = "openstack_core::timestamp::option")]
    pub created_at: Option<OffsetDateTime>,
    /// When it was last updated.
    #[serde(default, with = "openstack_core::timestamp::option")]
    pub updated_at: Option<OffsetDateTime>,
    /// Where it is attached.
    #[serde(default, deserialize_with = "null_default")]
    pub attachments: Vec<VolumeAttachment>,
    /// Whether it is bootable (Cinder sends `"true"`/`"false"` strings).
    #[serde(default, deserialize_with = "util::lenient_flag")]
    pub bootable: bool,
    /// Whether it is encrypted.
    #[serde(default, deserialize_with = "util::lenient_flag")]
    pub encrypted: bool,
    /// Whether it can be attached to several servers.
    #[serde(default, deserialize_with = "util::lenient_flag")]
    pub multiattach: bool,
    /// User metadata.
    #[serde(default, deserialize_with = "util::string_map")]
    pub metadata: BTreeMap<String, String>,
    /// Metadata of the image it was created from (`volume_image_metadata`).
    #[serde(default, deserialize_with = "util::string_map")]
    pub volume_image_metadata: BTreeMap<String, String>,
    /// The volume type's name (or id on old clouds).
    #[serde(default)]
    pub volume_type: Option<String>,
    /// The volume type's id (3.63).
    #[serde(default)]
    pub volume_type_id: Option<String>,
    /// The snapshot it was created from.
    #[serde(default)]
    pub snapshot_id: Option<String>,
    /// The volume it was cloned from.
    #[serde(default)]
    pub source_volid: Option<String>,
    /// The backup it was restored from.
    #[serde(default)]
    pub backup_id: Option<String>,
    /// The owner (`user_id`).
    #[serde(default)]
    pub user_id: Option<String>,
    /// The project (`os-vol-tenant-attr:tenant_id`; admin or owner).
    #[serde(default, rename = "os-vol-tenant-attr:tenant_id")]
    pub tenant_id: Option<String>,
    /// The backend host (`os-vol-host-attr:host`; admin only).
    #[serde(default, rename = "os-vol-host-attr:host")]
    pub host: Option<String>,
    /// The migration status (`os-vol-mig-status-attr:migstat`; admin only).
    #[serde(default, rename = "os-vol-mig-status-attr:migstat")]
    pub migration_status_attr: Option<String>,
    /// The id of the volume on the backend after a migration
    /// (`os-vol-mig-status-attr:name_id`; admin only).
    #[serde(default, rename = "os-vol-mig-status-attr:name_id")]
    pub name_id: Option<String>,
    /// The migration status.
    #[serde(default)]
    pub migration_status: Option<String>,
    /// The replication status.
    #[serde(default)]
    pub replication_status: Option<String>,
    /// The consistency group.
    #[serde(default)]
    pub consistencygroup_id: Option<String>,
    /// The group (3.13).
    #[serde(default)]
    pub group_id: Option<String>,
    /// The backend's id for it (3.21, admin).
    #[serde(default)]
    pub provider_id: Option<String>,
    /// The service that manages it (3.48).
    #[serde(default)]
    pub service_uuid: Option<String>,
    /// Whether the backend shares targets between volumes (3.48).
    #[serde(default, deserialize_with = "util::lenient_bool")]
    pub shared_targets: Option<bool>,
    /// The cluster (3.61, admin).
    #[serde(default)]
    pub cluster_name: Option<String>,
    /// Whether it counts against the quota (3.65).
    #[serde(default, deserialize_with = "util::lenient_bool")]
    pub consumes_quota: Option<bool>,
    /// Links to the volume.
    #[serde(default, deserialize_with = "null_default")]
    pub links: Vec<Link>,
}

/// Options to create a volume. The size (GiB) is required unless the volume comes from a
/// snapshot, a source volume or a backup (then pass the size of the source, or larger).
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
#[non_exhaustive]
pub struct CreateOpts {
    size: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    availability_zone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    volume_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    snapshot_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source_volid: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    backup_id: Option<String>,
    #[serde(rename = "imageRef", skip_serializing_if = "Option::is_none")]
    image_ref: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    multiattach: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    consistencygroup_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    group_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    metadata: Option<BTreeMap<String, String>>,
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
        /// The name.
        name: str,
        /// The description.
        description: str,
        /// The availability zone.
        availability_zone: str,
        /// The volume type (name or id).
        volume_type: str,
        /// Creates it from a snapshot.
        snapshot_id: str,
        /// Clones another volume.
        source_volid: str,
        /// Restores a backup into it (3.47).
        backup_id: str,
        /// Creates it from an image (`imageRef`).
        image_ref: str,
        /// Whether it can be attached to several servers.
        multiattach: bool,
        /// The consistency group.
        consistencygroup_id: str,
        /// The group (3.13).
        group_id: str,
    }

    /// Adds a metadata item.
    pub fn metadata(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.metadata
            .get_or_insert_with(BTreeMap::new)
            .insert(key.into(), value.into());
        self
    }

    /// Adds a scheduler hint (`OS-SCH-HNT:scheduler_hints`), such as `same_host` or
    /// `different_host` with a list of volume ids.
    pub fn scheduler_hint(mut self, key: impl Into<String>, value: serde_json::Value) -> Self {
        self.scheduler_hints
            .get_or_insert_with(serde_json::Map::new)
            .insert(key.into(), value);
        self
    }
}

/// Options to update a volume. `description` is tri-state: [`UpdateOpts::clear_description`]
/// sends `null`.
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
#[non_exhaustive]
pub struct UpdateOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
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

    /// Removes the name (sends `"name": null`).
    pub fn clear_name(mut self) -> Self {
        self.name = Some(None);
        self
    }

    /// A new description.
    pub fn description(mut self, v: impl Into<String>) -> Self {
        self.description = Some(Some(v.into()));
        self
    }

    /// Removes the description (sends `"description": null`).
    pub fn clear_description(mut self) -> Self {
        self.description = Some(None);
        self
    }

    /// Replaces all the metadata with these items (call repeatedly to add several).
    pub fn metadata(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.metadata
            .get_or_insert_with(BTreeMap::new)
            .insert(key.into(), value.into());
        self
    }
}

/// Filters, sorting and paging for [`list`].
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
#[non_exhaustive]
pub struct ListOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    all_tenants: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    project_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    bootable: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    availability_zone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    volume_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    metadata: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sort: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    limit: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    marker: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    with_count: Option<bool>,
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
        /// Volumes of one project (admin, with `all_tenants`).
        project_id: str,
        /// Volumes with this name.
        name: str,
    }

    /// Volumes with this status.
    pub fn status(mut self, v: Status) -> Self {
        self.status = Some(v.as_str().to_owned());
        self
    }

    util::setters! {
        /// Bootable (or not) volumes.
        bootable: bool,
        /// Volumes in this availability zone.
        availability_zone: str,
        /// Volumes of this type.
        volume_type: str,
    }

    /// Volumes with this metadata item (call again for more; all must match). Sent as
    /// `metadata={'k': 'v'}`, the form Cinder parses.
    pub fn metadata(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.metadata_map.insert(key.into(), value.into());
        self.metadata = Some(util::python_dict(&self.metadata_map));
        self
    }

    util::setters! {
        /// Sort keys and directions, as Cinder takes them (`name:asc,created_at:desc`).
        sort: str,
        /// Items per page (see also [`Pager::page_size`]).
        limit: val<u32>,
        /// Starts after this volume id.
        marker: str,
        /// Asks for the total `count` (3.45; the pager does not expose it).
        with_count: bool,
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
    Ok(Request::post("volumes").json(&body)?.ok_status([200, 202]))
}

/// Creates a volume (it starts as `creating`; see [`wait_for_status`]).
pub async fn create(client: &ServiceClient, opts: CreateOpts) -> Result<Volume> {
    client.send_keyed(create_request(&opts)?, "volume").await
}

/// `GET volumes/detail` with filters.
pub fn list_request(opts: &ListOpts) -> Result<Request> {
    Request::get("volumes/detail").query(opts)
}

/// Lists volumes with details, following `volumes_links`.
pub fn list(client: &ServiceClient, opts: ListOpts) -> Pager<Volume> {
    Pager::linked(client.clone(), list_request(&opts), "volumes")
}

/// The short form of a volume in `GET volumes` (id, name, links).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VolumeSummary {
    /// The id.
    #[serde(default, deserialize_with = "null_default")]
    pub id: String,
    /// The name.
    #[serde(default)]
    pub name: Option<String>,
    /// Links.
    #[serde(default, deserialize_with = "null_default")]
    pub links: Vec<Link>,
}

/// `GET volumes` with filters (ids and names only).
pub fn list_brief_request(opts: &ListOpts) -> Result<Request> {
    Request::get("volumes").query(opts)
}

/// Lists volumes in brief (id, name, links), following `volumes_links`.
pub fn list_brief(client: &ServiceClient, opts: ListOpts) -> Pager<VolumeSummary> {
    Pager::linked(client.clone(), list_brief_request(&opts), "volumes")
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

/// Updates a volume's name, description or metadata.
pub async fn update(client: &ServiceClient, id: &str, opts: UpdateOpts) -> Result<Volume> {
    client
        .send_keyed(update_request(id, &opts)?, "volume")
        .await
}

/// Options for [`delete_with`].
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
#[non_exhaustive]
pub struct DeleteOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    cascade: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    force: Option<bool>,
}

impl DeleteOpts {
    /// Plain delete.
    pub fn new() -> Self {
        Self::default()
    }

    util::setters! {
        /// Deletes the volume's snapshots too.
        cascade: bool,
        /// Deletes regardless of status (3.23, admin).
        force: bool,
    }
}

/// `DELETE volumes/{id}` (with `cascade`/`force` query parameters).
pub fn delete_request(id: &str, opts: &DeleteOpts) -> Result<Request> {
    Ok(Request::delete(item_path("volumes", id))
        .query(opts)?
        .ok_status([202, 204]))
}

/// Deletes a volume (it goes through `deleting`; see [`wait_for_delete`]).
pub async fn delete(client: &ServiceClient, id: &str) -> Result<()> {
    client
        .send_empty(delete_request(id, &DeleteOpts::new())?)
        .await
}

/// Deletes a volume with options.
pub async fn delete_with(client: &ServiceClient, id: &str, opts: DeleteOpts) -> Result<()> {
    client.send_empty(delete_request(id, &opts)?).await
}

// ---- actions ---------------------------------------------------------------------------

fn action(id: &str, name: &'static str, body: serde_json::Value) -> Result<Request> {
    Request::post(format!("{}/action", item_path("volumes", id))).json_wrapped(name, &body)
}

/// `POST volumes/{id}/action` with `{"os-extend": {"new_size": N}}`.
pub fn extend_request(id: &str, new_size_gib: u64) -> Result<Request> {
    Ok(action(
        id,
        "os-extend",
        serde_json::json!({ "new_size": new_size_gib }),
    )?
    .ok_status([202]))
}

/// Extends a volume to `new_size_gib` GiB (the status goes through `extending`).
pub async fn extend(client: &ServiceClient, id: &str, new_size_gib: u64) -> Result<()> {
    client.send_empty(extend_request(id, new_size_gib)?).await
}

/// When a retype may migrate the volume.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum MigrationPolicy {
    /// `never`: fail rather than migrate.
    Never,
    /// `on-demand`: migrate if needed.
    OnDemand,
}

/// `POST volumes/{id}/action` with `{"os-retype": {"new_type": .., "migration_policy": ..}}`.
pub fn retype_request(
    id: &str,
    new_type: &str,
    migration_policy: Option<MigrationPolicy>,
) -> Result<Request> {
    let mut body = serde_json::json!({ "new_type": new_type });
    if let Some(p) = migration_policy {
        body["migration_policy"] =
            serde_json::to_value(p).map_err(|e| Error::invalid_input(e.to_string()))?;
    }
    Ok(action(id, "os-retype", body)?.ok_status([202]))
}

/// Changes a volume's type.
pub async fn retype(
    client: &ServiceClient,
    id: &str,
    new_type: &str,
    migration_policy: Option<MigrationPolicy>,
) -> Result<()> {
    client
        .send_empty(retype_request(id, new_type, migration_policy)?)
        .await
}

/// `POST volumes/{id}/action` with `{"os-set_bootable": {"bootable": B}}`.
pub fn set_bootable_request(id: &str, bootable: bool) -> Result<Request> {
    Ok(action(
        id,
        "os-set_bootable",
        serde_json::json!({ "bootable": bootable }),
    )?
    .ok_status([200, 202]))
}

/// Marks a volume bootable or not.
pub async fn set_bootable(client: &ServiceClient, id: &str, bootable: bool) -> Result<()> {
    client.send_empty(set_bootable_request(id, bootable)?).await
}

/// `POST volumes/{id}/action` with `{"os-update_readonly_flag": {"readonly": B}}`.
pub fn set_readonly_request(id: &str, readonly: bool) -> Result<Request> {
    Ok(action(
        id,
        "os-update_readonly_flag",
        serde_json::json!({ "readonly": readonly }),
    )?
    .ok_status([202]))
}

/// Sets a volume's read-only flag.
pub async fn set_readonly(client: &ServiceClient, id: &str, readonly: bool) -> Result<()> {
    client.send_empty(set_readonly_request(id, readonly)?).await
}

/// Options for [`reset_status`] (admin).
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
#[non_exhaustive]
pub struct ResetStatusOpts {
    status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    attach_status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    migration_status: Option<String>,
}

impl ResetStatusOpts {
    /// Resets the status to `status`.
    pub fn new(status: Status) -> Self {
        ResetStatusOpts {
            status: status.as_str().to_owned(),
            ..Default::default()
        }
    }

    util::setters! {
        /// The attach status (`attached`, `detached`).
        attach_status: str,
        /// The migration status (`migrating`, `error`, `success`, `none`, ...).
        migration_status: str,
    }
}

/// `POST volumes/{id}/action` with `{"os-reset_status": {...}}`.
pub fn reset_status_request(id: &str, opts: &ResetStatusOpts) -> Result<Request> {
    Ok(
        Request::post(format!("{}/action", item_path("volumes", id)))
            .json_wrapped("os-reset_status", opts)?
            .ok_status([202]),
    )
}

/// Resets a volume's status in the database (admin; nothing happens on the backend).
pub async fn reset_status(client: &ServiceClient, id: &str, opts: ResetStatusOpts) -> Result<()> {
    client.send_empty(reset_status_request(id, &opts)?).await
}

/// `POST volumes/{id}/action` with `{"os-set_image_metadata": {"metadata": {...}}}`.
pub fn set_image_metadata_request(
    id: &str,
    metadata: &BTreeMap<String, String>,
) -> Result<Request> {
    Ok(action(
        id,
        "os-set_image_metadata",
        serde_json::json!({ "metadata": metadata }),
    )?
    .ok_status([200]))
}

/// Sets (adds or replaces) image metadata items on a volume; returns all of them.
pub async fn set_image_metadata(
    client: &ServiceClient,
    id: &str,
    metadata: &BTreeMap<String, String>,
) -> Result<BTreeMap<String, String>> {
    util::send_metadata(client, set_image_metadata_request(id, metadata)?).await
}

/// `POST volumes/{id}/action` with `{"os-unset_image_metadata": {"key": K}}`.
pub fn unset_image_metadata_request(id: &str, key: &str) -> Result<Request> {
    Ok(action(
        id,
        "os-unset_image_metadata",
        serde_json::json!({ "key": key }),
    )?
    .ok_status([200]))
}

/// Removes one image metadata item from a volume.
pub async fn unset_image_metadata(client: &ServiceClient, id: &str, key: &str) -> Result<()> {
    client
        .send_empty(unset_image_metadata_request(id, key)?)
        .await
}

/// `POST volumes/{id}/action` with `{"os-show_image_metadata": {}}`.
pub fn show_image_metadata_request(id: &str) -> Result<Request> {
    Ok(action(id, "os-show_image_metadata", serde_json::json!({}))?.ok_status([200]))
}

/// The image metadata of a volume.
pub async fn show_image_metadata(
    client: &ServiceClient,
    id: &str,
) -> Result<BTreeMap<String, String>> {
    util::send_metadata(client, show_image_metadata_request(id)?).await
}

/// Options for [`upload_to_image`].
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
#[non_exhaustive]
pub struct UploadImageOpts {
    image_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    force: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    disk_format: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    container_format: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    visibility: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    protected: Option<bool>,
}

impl UploadImageOpts {
    /// Uploads to a new image called `image_name`.
    pub fn new(image_name: impl Into<String>) -> Self {
        UploadImageOpts {
            image_name: image_name.into(),
            ..Default::default()
        }
    }

    util::setters! {
        /// Uploads even an attached volume.
        force: bool,
        /// The disk format (`raw`, `qcow2`, ...).
        disk_format: str,
        /// The container format (`bare`, ...).
        container_format: str,
        /// The image's visibility (3.1: `public`, `private`, `shared`, `community`).
        visibility: str,
        /// Whether the image is protected (3.1).
        protected: bool,
    }
}

/// What Cinder answers to an upload to an image.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VolumeImage {
    /// The volume.
    #[serde(default, deserialize_with = "null_default")]
    pub id: String,
    /// The new image.
    #[serde(default, deserialize_with = "null_default")]
    pub image_id: String,
    /// The image's name.
    #[serde(default)]
    pub image_name: Option<String>,
    /// The disk format.
    #[serde(default)]
    pub disk_format: Option<String>,
    /// The container format.
    #[serde(default)]
    pub container_format: Option<String>,
    /// The volume's status (`uploading`).
    #[serde(default)]
    pub status: Status,
    /// The volume's size in GiB.
    #[serde(default, deserialize_with = "util::lenient_size")]
    pub size: u64,
    /// The image's visibility.
    #[serde(default)]
    pub visibility: Option<String>,
    /// Whether the image is protected.
    #[serde(default, deserialize_with = "util::lenient_bool")]
    pub protected: Option<bool>,
    /// The volume type, as a nested object or `null`.
    #[serde(default)]
    pub volume_type: Option<serde_json::Value>,
    /// When the volume was last updated.
    #[serde(default, with = "openstack_core::timestamp::option")]
    pub updated_at: Option<OffsetDateTime>,
}

/// `POST volumes/{id}/action` with `{"os-volume_upload_image": {...}}`.
pub fn upload_to_image_request(id: &str, opts: &UploadImageOpts) -> Result<Request> {
    Ok(
        Request::post(format!("{}/action", item_path("volumes", id)))
            .json_wrapped("os-volume_upload_image", opts)?
            .ok_status([202]),
    )
}

/// Uploads a volume to a new image in the image service.
pub async fn upload_to_image(
    client: &ServiceClient,
    id: &str,
    opts: UploadImageOpts,
) -> Result<VolumeImage> {
    client
        .send_keyed(
            upload_to_image_request(id, &opts)?,
            "os-volume_upload_image",
        )
        .await
}

// ---- metadata --------------------------------------------------------------------------

util::metadata_fns!("volumes", "volume"; get update set get_key set_key delete_key);

// ---- waiters ---------------------------------------------------------------------------

fn error_state(v: &Volume, wanted: &Status) -> Error {
    Error::resource_state(
        format!("volume {}", v.id),
        v.status.to_string(),
        Some(format!("while waiting for {wanted}")),
    )
}

/// Waits until the volume has `status`, polling with backoff for at most `timeout`. If the
/// volume goes to an error state (`error`, `error_extending`, ...) while waiting for another
/// status, the wait ends at once with an error naming that state.
pub async fn wait_for_status(
    client: &ServiceClient,
    id: &str,
    status: Status,
    timeout: Duration,
) -> Result<Volume> {
    wait_for_status_with(client, id, status, Waiter::new(timeout)).await
}

/// Like [`wait_for_status`], with your own [`Waiter`] (poll intervals, clock).
pub async fn wait_for_status_with(
    client: &ServiceClient,
    id: &str,
    status: Status,
    waiter: Waiter,
) -> Result<Volume> {
    waiter
        .describe(format!("volume {id} to become {status}"))
        .until(|| {
            let status = status.clone();
            async move {
                let v = get(client, id).await?;
                if v.status == status {
                    Ok(Some(v))
                } else if v.status.is_error() {
                    Err(error_state(&v, &status))
                } else {
                    Ok(None)
                }
            }
        })
        .await
}

/// Waits until the volume is gone (404), polling with backoff for at most `timeout`. A
/// volume that goes to `error_deleting` ends the wait with an error.
pub async fn wait_for_delete(client: &ServiceClient, id: &str, timeout: Duration) -> Result<()> {
    wait_for_delete_with(client, id, Waiter::new(timeout)).await
}

/// Like [`wait_for_delete`], with your own [`Waiter`].
pub async fn wait_for_delete_with(client: &ServiceClient, id: &str, waiter: Waiter) -> Result<()> {
    waiter
        .describe(format!("volume {id} to be deleted"))
        .until(|| async move {
            match get(client, id).await {
                Err(e) if e.is_not_found() => Ok(Some(())),
                Err(e) => Err(e),
                Ok(v) if v.status == Status::ErrorDeleting => {
                    Err(error_state(&v, &Status::Deleting))
                }
                Ok(_) => Ok(None),
            }
        })
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_is_open() {
        let s: Status = serde_json::from_str("\"in-use\"").expect("s");
        assert_eq!(s, Status::InUse);
        let s: Status = serde_json::from_str("\"fancy\"").expect("s");
        assert_eq!(s, Status::Unknown("fancy".into()));
        assert_eq!(serde_json::to_string(&s).expect("ser"), "\"fancy\"");
        let s: Status = serde_json::from_str("null").expect("null");
        assert_eq!(s, Status::Unknown(String::new()));
    }

    #[test]
    fn tolerates_what_real_clouds_send() {
        let v: Volume = serde_json::from_value(serde_json::json!({
            "id": "v", "size": "3", "bootable": "true", "encrypted": null, "metadata": null,
            "attachments": null, "status": "in-use", "created_at": "2016-03-05 16:07:39",
            "volume_image_metadata": {"min_ram": 0, "size": "13267968"},
            "unknown_field": {"x": 1}
        }))
        .expect("lenient decode");
        assert_eq!(v.size, 3);
        assert!(v.bootable && !v.encrypted);
        assert!(v.metadata.is_empty() && v.attachments.is_empty());
        assert_eq!(
            v.volume_image_metadata.get("min_ram").map(String::as_str),
            Some("0")
        );
        assert!(v.created_at.is_some());
        let err = openstack_core::decode_json::<Volume>(br#"{"id": "v", "size": [1]}"#, "volume")
            .expect_err("error");
        assert_eq!(err.decode_path(), Some("size"));
    }

    #[test]
    fn list_query() {
        let r = list_request(
            &ListOpts::new()
                .name("a b")
                .status(Status::Available)
                .bootable(true)
                .all_tenants(true)
                .metadata("k", "v")
                .sort("name:asc")
                .limit(5),
        )
        .expect("req");
        assert_eq!(r.path(), "volumes/detail");
        assert_eq!(
            r.query_string(),
            Some("all_tenants=true&name=a+b&status=available&bootable=true&metadata=%7B%27k%27%3A+%27v%27%7D&sort=name%3Aasc&limit=5")
        );
    }

    #[test]
    fn delete_query_and_paths() {
        let r = delete_request("a/b", &DeleteOpts::new().cascade(true)).expect("req");
        assert_eq!(r.path(), "volumes/a%2Fb");
        assert_eq!(r.query_string(), Some("cascade=true"));
        assert_eq!(
            get_metadata_key_request("v", "my key").path(),
            "volumes/v/metadata/my%20key"
        );
    }

    #[test]
    fn update_tri_state() {
        let r = update_request("v", &UpdateOpts::new().clear_description().name("n")).expect("req");
        assert_eq!(
            r.json_body().expect("json"),
            serde_json::json!({"volume": {"name": "n", "description": null}})
        );
        let r = update_request("v", &UpdateOpts::new()).expect("req");
        assert_eq!(
            r.json_body().expect("json"),
            serde_json::json!({"volume": {}})
        );
    }
}
