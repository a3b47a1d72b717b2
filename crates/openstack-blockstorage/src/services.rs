//! Block Storage services (`/os-services`, admin): the scheduler, volume and backup
//! services and their state.

use openstack_core::serde_util::null_default;
use openstack_core::{Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::util;

/// A service.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Service {
    /// The binary (`cinder-volume`, `cinder-scheduler`, `cinder-backup`).
    #[serde(default, deserialize_with = "null_default")]
    pub binary: String,
    /// The host (`host@backend` for volume services).
    #[serde(default, deserialize_with = "null_default")]
    pub host: String,
    /// The availability zone.
    #[serde(default, deserialize_with = "null_default")]
    pub zone: String,
    /// `enabled` or `disabled`.
    #[serde(default, deserialize_with = "null_default")]
    pub status: String,
    /// `up` or `down`.
    #[serde(default, deserialize_with = "null_default")]
    pub state: String,
    /// When it last reported.
    #[serde(default, with = "openstack_core::timestamp::option")]
    pub updated_at: Option<OffsetDateTime>,
    /// Why it was disabled.
    #[serde(default)]
    pub disabled_reason: Option<String>,
    /// Whether it is frozen (volume services).
    #[serde(default, deserialize_with = "util::lenient_bool")]
    pub frozen: Option<bool>,
    /// The cluster (3.7).
    #[serde(default)]
    pub cluster: Option<String>,
    /// The replication status (volume services).
    #[serde(default)]
    pub replication_status: Option<String>,
    /// The active backend after a failover.
    #[serde(default)]
    pub active_backend_id: Option<String>,
}

/// Filters for [`list`].
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
#[non_exhaustive]
pub struct ListOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    host: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    binary: Option<String>,
}

impl ListOpts {
    /// No filters.
    pub fn new() -> Self {
        Self::default()
    }

    util::setters! {
        /// Services on this host.
        host: str,
        /// Services of this binary.
        binary: str,
    }
}

/// `GET os-services`.
pub fn list_request(opts: &ListOpts) -> Result<Request> {
    Request::get("os-services").query(opts)
}

/// Lists services (admin; one page).
pub fn list(client: &ServiceClient, opts: ListOpts) -> Pager<Service> {
    Pager::single(client.clone(), list_request(&opts), "services")
}
