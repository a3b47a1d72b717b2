//! Absolute limits and usage of the current project (`/limits`).

use openstack_core::serde_util::null_default;
use openstack_core::{Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};

use crate::util;

/// The absolute limits and their usage (`-1` is unlimited).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Absolute {
    /// The volume limit.
    #[serde(default, deserialize_with = "util::lenient_i64")]
    pub max_total_volumes: i64,
    /// The snapshot limit.
    #[serde(default, deserialize_with = "util::lenient_i64")]
    pub max_total_snapshots: i64,
    /// The GiB limit.
    #[serde(default, deserialize_with = "util::lenient_i64")]
    pub max_total_volume_gigabytes: i64,
    /// The backup limit.
    #[serde(default, deserialize_with = "util::lenient_i64")]
    pub max_total_backups: i64,
    /// The backup GiB limit.
    #[serde(default, deserialize_with = "util::lenient_i64")]
    pub max_total_backup_gigabytes: i64,
    /// Volumes in use.
    #[serde(default, deserialize_with = "util::lenient_i64")]
    pub total_volumes_used: i64,
    /// Snapshots in use.
    #[serde(default, deserialize_with = "util::lenient_i64")]
    pub total_snapshots_used: i64,
    /// GiB in use.
    #[serde(default, deserialize_with = "util::lenient_i64")]
    pub total_gigabytes_used: i64,
    /// Backups in use.
    #[serde(default, deserialize_with = "util::lenient_i64")]
    pub total_backups_used: i64,
    /// Backup GiB in use.
    #[serde(default, deserialize_with = "util::lenient_i64")]
    pub total_backup_gigabytes_used: i64,
}

/// The limits of the current project.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Limits {
    /// The absolute limits.
    #[serde(default)]
    pub absolute: Absolute,
    /// Rate limits (empty on modern clouds).
    #[serde(default, deserialize_with = "null_default")]
    pub rate: Vec<serde_json::Value>,
}

/// `GET limits`.
pub fn get_request() -> Request {
    Request::get("limits")
}

/// The limits and usage of the current project.
pub async fn get(client: &ServiceClient) -> Result<Limits> {
    client.send_keyed(get_request(), "limits").await
}
