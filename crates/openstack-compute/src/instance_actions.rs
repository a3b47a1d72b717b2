//! Instance actions (`/servers/{id}/os-instance-actions`): the history of what was done to a
//! server, and the events of each action.

use openstack_core::{encode_path_segment, Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::util::null_default;

/// An action on a server.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InstanceAction {
    /// The action (`create`, `stop`, `reboot`, ...).
    #[serde(default, deserialize_with = "null_default")]
    pub action: String,
    /// The server id.
    #[serde(default, deserialize_with = "null_default")]
    pub instance_uuid: String,
    /// An error message, if the action failed.
    #[serde(default)]
    pub message: Option<String>,
    /// The project that did it.
    #[serde(default, deserialize_with = "null_default")]
    pub project_id: String,
    /// The request id (the key of the action).
    #[serde(default, deserialize_with = "null_default")]
    pub request_id: String,
    /// When it started.
    #[serde(default, with = "openstack_core::timestamp::option")]
    pub start_time: Option<OffsetDateTime>,
    /// When it last changed (2.58).
    #[serde(default, with = "openstack_core::timestamp::option")]
    pub updated_at: Option<OffsetDateTime>,
    /// The user who did it.
    #[serde(default, deserialize_with = "null_default")]
    pub user_id: String,
    /// The events (only in [`get`]).
    #[serde(default, deserialize_with = "null_default")]
    pub events: Vec<Event>,
}

/// An event of an instance action.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Event {
    /// The event name.
    #[serde(default, deserialize_with = "null_default")]
    pub event: String,
    /// `Success` or `Error` (or `null` while running).
    #[serde(default)]
    pub result: Option<String>,
    /// When it started.
    #[serde(default, with = "openstack_core::timestamp::option")]
    pub start_time: Option<OffsetDateTime>,
    /// When it finished.
    #[serde(default, with = "openstack_core::timestamp::option")]
    pub finish_time: Option<OffsetDateTime>,
    /// The traceback (admins, when it failed).
    #[serde(default)]
    pub traceback: Option<String>,
    /// The host (2.62, admins).
    #[serde(default)]
    pub host: Option<String>,
    /// The obfuscated host id (2.62).
    #[serde(default, rename = "hostId")]
    pub host_id: Option<String>,
    /// Details of a failure (2.84).
    #[serde(default)]
    pub details: Option<String>,
}

impl Event {
    /// Whether the event succeeded.
    pub fn succeeded(&self) -> bool {
        self.result.as_deref() == Some("Success")
    }
}

/// Filters for [`list`] (2.58 and later for all of them).
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
#[non_exhaustive]
pub struct ListOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    limit: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    marker: Option<String>,
    #[serde(rename = "changes-since", skip_serializing_if = "Option::is_none")]
    changes_since: Option<String>,
    #[serde(rename = "changes-before", skip_serializing_if = "Option::is_none")]
    changes_before: Option<String>,
}

impl ListOpts {
    /// No filters.
    pub fn new() -> Self {
        Self::default()
    }
    /// Items per page.
    pub fn limit(mut self, n: u32) -> Self {
        self.limit = Some(n);
        self
    }
    /// Start after this request id.
    pub fn marker(mut self, m: impl Into<String>) -> Self {
        self.marker = Some(m.into());
        self
    }
    /// Actions updated since this time.
    pub fn changes_since(mut self, t: OffsetDateTime) -> Self {
        self.changes_since = Some(openstack_core::timestamp::format(&t));
        self
    }
    /// Actions updated before this time (2.66).
    pub fn changes_before(mut self, t: OffsetDateTime) -> Self {
        self.changes_before = Some(openstack_core::timestamp::format(&t));
        self
    }
}

fn base(server_id: &str) -> String {
    format!(
        "servers/{}/os-instance-actions",
        encode_path_segment(server_id)
    )
}

/// `GET /servers/{id}/os-instance-actions`.
pub fn list_request(server_id: &str, opts: &ListOpts) -> Result<Request> {
    Request::get(base(server_id))
        .query(opts)
        .map(|r| r.ok_status([200]))
}

/// The actions of a server, newest first, following `links` page by page.
pub fn list(client: &ServiceClient, server_id: &str, opts: ListOpts) -> Pager<InstanceAction> {
    Pager::linked(
        client.clone(),
        list_request(server_id, &opts),
        "instanceActions",
    )
}

/// `GET /servers/{id}/os-instance-actions/{request_id}`.
pub fn get_request(server_id: &str, request_id: &str) -> Request {
    Request::get(format!(
        "{}/{}",
        base(server_id),
        encode_path_segment(request_id)
    ))
    .ok_status([200])
}

/// One action with its events.
pub async fn get(
    client: &ServiceClient,
    server_id: &str,
    request_id: &str,
) -> Result<InstanceAction> {
    #[derive(Deserialize)]
    struct R {
        #[serde(rename = "instanceAction")]
        item: InstanceAction,
    }
    let r: R = client.send_json(get_request(server_id, request_id)).await?;
    Ok(r.item)
}
