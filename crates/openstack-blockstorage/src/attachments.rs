//! Volume attachments (`/attachments`, microversion 3.27 and later): the API that Nova uses
//! to attach volumes — create, show, list, update (connect), complete, delete.
//!
//! These calls need microversion 3.27 (3.44 for [`complete`]); when the client sends no
//! microversion, the functions here send the minimum they need. A client that already
//! carries a microversion is used as is.

use std::collections::BTreeMap;

use openstack_core::serde_util::null_default;
use openstack_core::{Microversion, Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::util::{self, item_path};

/// The microversion that introduced the attachments API.
pub const MIN_MICROVERSION: Microversion = Microversion::new(3, 27);
/// The microversion that introduced [`complete`].
pub const COMPLETE_MICROVERSION: Microversion = Microversion::new(3, 44);

fn with_version(client: &ServiceClient, v: Microversion) -> ServiceClient {
    match client.microversion() {
        Some(_) => client.clone(),
        None => client.with_microversion(v),
    }
}

openstack_core::open_enum! {
    /// The status of an attachment.
    pub enum Status {
        /// `attached`.
        Attached => "attached",
        /// `attaching`.
        Attaching => "attaching",
        /// `detached`.
        Detached => "detached",
        /// `reserved`: created without a connector.
        Reserved => "reserved",
        /// `error_attaching`.
        ErrorAttaching => "error_attaching",
        /// `error_detaching`.
        ErrorDetaching => "error_detaching",
        /// `deleted`.
        Deleted => "deleted",
    }
}

/// An attachment.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Attachment {
    /// The id.
    #[serde(default, deserialize_with = "null_default")]
    pub id: String,
    /// The status.
    #[serde(default)]
    pub status: Status,
    /// The volume.
    #[serde(default, deserialize_with = "null_default")]
    pub volume_id: String,
    /// The server it is attached to.
    #[serde(default)]
    pub instance: Option<String>,
    /// The mode (`rw`, `ro`).
    #[serde(default)]
    pub attach_mode: Option<String>,
    /// When it was attached.
    #[serde(default, with = "openstack_core::timestamp::option")]
    pub attached_at: Option<OffsetDateTime>,
    /// When it was detached.
    #[serde(default, with = "openstack_core::timestamp::option")]
    pub detached_at: Option<OffsetDateTime>,
    /// How to connect to the volume (driver-specific; empty until a connector is given).
    #[serde(default, deserialize_with = "null_default")]
    pub connection_info: BTreeMap<String, serde_json::Value>,
}

/// The host connector: how the compute host reaches storage (`initiator`, `ip`, `host`,
/// `platform`, `os_type`, `multipath`, `mountpoint`, `mode`, ...). Driver-specific, so a map.
pub type Connector = serde_json::Map<String, serde_json::Value>;

/// Options to create an attachment.
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
#[non_exhaustive]
pub struct CreateOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    instance_uuid: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    connector: Option<Connector>,
    volume_uuid: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    mode: Option<String>,
}

impl CreateOpts {
    /// An attachment of `volume_id`.
    pub fn new(volume_id: impl Into<String>) -> Self {
        CreateOpts {
            volume_uuid: volume_id.into(),
            ..Default::default()
        }
    }

    util::setters! {
        /// The server to attach to.
        instance_uuid: str,
        /// The host connector (without it the attachment is only `reserved`).
        connector: val<Connector>,
        /// The attach mode, `rw` or `ro` (3.54).
        mode: str,
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
    volume_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    instance_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<String>,
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
        /// Attachments of every project (admin).
        all_tenants: bool,
        /// Attachments of this volume.
        volume_id: str,
        /// Attachments to this server.
        instance_id: str,
    }

    /// Attachments with this status.
    pub fn status(mut self, v: Status) -> Self {
        self.status = Some(v.as_str().to_owned());
        self
    }

    util::setters! {
        /// Items per page.
        limit: val<u32>,
        /// Starts after this attachment id.
        marker: str,
    }
}

/// `POST attachments`.
pub fn create_request(opts: &CreateOpts) -> Result<Request> {
    Request::post("attachments").json_wrapped("attachment", opts)
}

/// Creates an attachment (reserves the volume; with a connector, also connects it).
pub async fn create(client: &ServiceClient, opts: CreateOpts) -> Result<Attachment> {
    with_version(client, MIN_MICROVERSION)
        .send_keyed(create_request(&opts)?, "attachment")
        .await
}

/// `GET attachments/{id}`.
pub fn get_request(id: &str) -> Request {
    Request::get(item_path("attachments", id))
}

/// Shows an attachment.
pub async fn get(client: &ServiceClient, id: &str) -> Result<Attachment> {
    with_version(client, MIN_MICROVERSION)
        .send_keyed(get_request(id), "attachment")
        .await
}

/// `GET attachments/detail`.
pub fn list_request(opts: &ListOpts) -> Result<Request> {
    Request::get("attachments/detail").query(opts)
}

/// Lists attachments with details.
pub fn list(client: &ServiceClient, opts: ListOpts) -> Pager<Attachment> {
    Pager::linked(
        with_version(client, MIN_MICROVERSION),
        list_request(&opts),
        "attachments",
    )
}

/// `PUT attachments/{id}` with `{"attachment": {"connector": {...}}}`.
pub fn update_request(id: &str, connector: &Connector) -> Result<Request> {
    Request::put(item_path("attachments", id))
        .json(&serde_json::json!({ "attachment": { "connector": connector } }))
}

/// Gives a reserved attachment its connector; the answer carries the `connection_info`.
pub async fn update(client: &ServiceClient, id: &str, connector: &Connector) -> Result<Attachment> {
    with_version(client, MIN_MICROVERSION)
        .send_keyed(update_request(id, connector)?, "attachment")
        .await
}

/// `POST attachments/{id}/action` with `{"os-complete": {}}`.
pub fn complete_request(id: &str) -> Result<Request> {
    Ok(
        Request::post(format!("{}/action", item_path("attachments", id)))
            .json(&serde_json::json!({ "os-complete": {} }))?
            .ok_status([200, 202, 204]),
    )
}

/// Marks an attachment complete (the volume becomes `in-use`; 3.44).
pub async fn complete(client: &ServiceClient, id: &str) -> Result<()> {
    with_version(client, COMPLETE_MICROVERSION)
        .send_empty(complete_request(id)?)
        .await
}

/// `DELETE attachments/{id}`.
pub fn delete_request(id: &str) -> Request {
    Request::delete(item_path("attachments", id))
}

/// Deletes an attachment (detaches the volume).
pub async fn delete(client: &ServiceClient, id: &str) -> Result<()> {
    with_version(client, MIN_MICROVERSION)
        .send_empty(delete_request(id))
        .await
}
