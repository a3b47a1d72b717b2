//! Volume snapshots (`/snapshots`): create, list, show, update, delete, metadata, waiters.

use std::collections::BTreeMap;
use std::time::Duration;

use openstack_core::serde_util::null_default;
use openstack_core::wait::Waiter;
use openstack_core::{Error, Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::util::{self, item_path, Link};

openstack_core::open_enum! {
    /// The status of a snapshot.
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
        /// `backing-up`.
        BackingUp => "backing-up",
        /// `restoring`.
        Restoring => "restoring",
        /// `unmanaging`.
        Unmanaging => "unmanaging",
    }
}

/// A snapshot.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Snapshot {
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
    /// The volume it is a snapshot of.
    #[serde(default, deserialize_with = "null_default")]
    pub volume_id: String,
    /// The size in GiB.
    #[serde(default, deserialize_with = "util::lenient_size")]
    pub size: u64,
    /// User metadata.
    #[serde(default, deserialize_with = "util::string_map")]
    pub metadata: BTreeMap<String, String>,
    /// When it was created.
    #[serde(default, with = "openstack_core::timestamp::option")]
    pub created_at: Option<OffsetDateTime>,
    /// When it was last updated.
    #[serde(default, with = "openstack_core::timestamp::option")]
    pub updated_at: Option<OffsetDateTime>,
    /// The progress (`os-extended-snapshot-attributes:progress`, `"100%"`).
    #[serde(default, rename = "os-extended-snapshot-attributes:progress")]
    pub progress: Option<String>,
    /// The project (`os-extended-snapshot-attributes:project_id`).
    #[serde(default, rename = "os-extended-snapshot-attributes:project_id")]
    pub project_id: Option<String>,
    /// The group snapshot (3.14).
    #[serde(default)]
    pub group_snapshot_id: Option<String>,
    /// The owner (3.41).
    #[serde(default)]
    pub user_id: Option<String>,
    /// Whether it counts against the quota (3.65).
    #[serde(default, deserialize_with = "util::lenient_bool")]
    pub consumes_quota: Option<bool>,
    /// Links.
    #[serde(default, deserialize_with = "null_default")]
    pub links: Vec<Link>,
}

/// Options to create a snapshot of a volume.
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

/// Options to update a snapshot; `name` and `description` are tri-state (`clear_*` sends
/// `null`).
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
#[non_exhaustive]
pub struct UpdateOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
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

    /// Removes the name (sends `null`).
    pub fn clear_name(mut self) -> Self {
        self.name = Some(None);
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

/// Filters and paging for [`list`].
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
    volume_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    metadata: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sort: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    limit: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    marker: Option<String>,
    #[serde(skip)]
    metadata_map: BTreeMap<String, String>,
}

impl ListOpts {
    /// No filters.
    pub fn new() -> Self {
        Self::default()
    }

    util::setters! {
        /// Snapshots of every project (admin).
        all_tenants: bool,
        /// Snapshots of one project (admin).
        project_id: str,
        /// Snapshots with this name.
        name: str,
    }

    /// Snapshots with this status.
    pub fn status(mut self, v: Status) -> Self {
        self.status = Some(v.as_str().to_owned());
        self
    }

    /// Snapshots of this volume.
    pub fn volume_id(mut self, v: impl Into<String>) -> Self {
        self.volume_id = Some(v.into());
        self
    }

    /// Snapshots with this metadata item (sent as a Python dict literal, as Cinder parses it).
    pub fn metadata(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.metadata_map.insert(key.into(), value.into());
        self.metadata = Some(util::python_dict(&self.metadata_map));
        self
    }

    util::setters! {
        /// Sort keys and directions (`created_at:desc`).
        sort: str,
        /// Items per page.
        limit: val<u32>,
        /// Starts after this snapshot id.
        marker: str,
    }
}

/// `POST snapshots`.
pub fn create_request(opts: &CreateOpts) -> Result<Request> {
    Ok(Request::post("snapshots")
        .json_wrapped("snapshot", opts)?
        .ok_status([200, 202]))
}

/// Creates a snapshot (it starts as `creating`; see [`wait_for_status`]).
pub async fn create(client: &ServiceClient, opts: CreateOpts) -> Result<Snapshot> {
    client.send_keyed(create_request(&opts)?, "snapshot").await
}

/// `GET snapshots/detail`.
pub fn list_request(opts: &ListOpts) -> Result<Request> {
    Request::get("snapshots/detail").query(opts)
}

/// Lists snapshots with details, following `snapshots_links`.
pub fn list(client: &ServiceClient, opts: ListOpts) -> Pager<Snapshot> {
    Pager::linked(client.clone(), list_request(&opts), "snapshots")
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

// ---- metadata --------------------------------------------------------------------------

util::metadata_fns!("snapshots", "snapshot"; get update set get_key set_key delete_key);

// ---- waiters ---------------------------------------------------------------------------

/// Waits until the snapshot has `status`; a snapshot that goes to `error` or
/// `error_deleting` ends the wait at once with an error.
pub async fn wait_for_status(
    client: &ServiceClient,
    id: &str,
    status: Status,
    timeout: Duration,
) -> Result<Snapshot> {
    wait_for_status_with(client, id, status, Waiter::new(timeout)).await
}

/// Like [`wait_for_status`], with your own [`Waiter`].
pub async fn wait_for_status_with(
    client: &ServiceClient,
    id: &str,
    status: Status,
    waiter: Waiter,
) -> Result<Snapshot> {
    waiter
        .describe(format!("snapshot {id} to become {status}"))
        .until(|| {
            let status = status.clone();
            async move {
                let s = get(client, id).await?;
                if s.status == status {
                    Ok(Some(s))
                } else if matches!(s.status, Status::Error | Status::ErrorDeleting) {
                    Err(Error::resource_state(
                        format!("snapshot {id}"),
                        s.status.to_string(),
                        Some(format!("while waiting for {status}")),
                    ))
                } else {
                    Ok(None)
                }
            }
        })
        .await
}

/// Waits until the snapshot is gone (404).
pub async fn wait_for_delete(client: &ServiceClient, id: &str, timeout: Duration) -> Result<()> {
    Waiter::new(timeout)
        .describe(format!("snapshot {id} to be deleted"))
        .until(|| async move {
            match get(client, id).await {
                Err(e) if e.is_not_found() => Ok(Some(())),
                Err(e) => Err(e),
                Ok(s) if s.status == Status::ErrorDeleting => Err(Error::resource_state(
                    format!("snapshot {id}"),
                    "error_deleting",
                    None,
                )),
                Ok(_) => Ok(None),
            }
        })
        .await
}
