//! Quotas (`/os-quota-sets`): a project's limits, the defaults, usage, update and reset.

use std::collections::BTreeMap;

use openstack_core::serde_util::null_default;
use openstack_core::{encode_path_segment, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};

use crate::util;

/// A project's quota limits (`-1` is unlimited). Per-volume-type limits
/// (`volumes_<type>`, `gigabytes_<type>`, `snapshots_<type>`) are in `per_type`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct QuotaSet {
    /// The project.
    #[serde(default, deserialize_with = "null_default")]
    pub id: String,
    /// Volumes.
    #[serde(default, deserialize_with = "util::lenient_i64")]
    pub volumes: i64,
    /// Snapshots.
    #[serde(default, deserialize_with = "util::lenient_i64")]
    pub snapshots: i64,
    /// GiB of volumes and snapshots.
    #[serde(default, deserialize_with = "util::lenient_i64")]
    pub gigabytes: i64,
    /// Backups.
    #[serde(default, deserialize_with = "util::lenient_i64")]
    pub backups: i64,
    /// GiB of backups.
    #[serde(default, deserialize_with = "util::lenient_i64")]
    pub backup_gigabytes: i64,
    /// The largest volume, in GiB.
    #[serde(default, deserialize_with = "util::lenient_i64")]
    pub per_volume_gigabytes: i64,
    /// Groups.
    #[serde(default, deserialize_with = "util::lenient_i64")]
    pub groups: i64,
    /// Per-volume-type limits and any other key.
    #[serde(flatten)]
    pub per_type: BTreeMap<String, serde_json::Value>,
}

/// The use of one quota.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct QuotaUsage {
    /// In use.
    #[serde(default, deserialize_with = "util::lenient_i64")]
    pub in_use: i64,
    /// The limit (`-1` is unlimited).
    #[serde(default, deserialize_with = "util::lenient_i64")]
    pub limit: i64,
    /// Reserved.
    #[serde(default, deserialize_with = "util::lenient_i64")]
    pub reserved: i64,
    /// Allocated to child projects (nested quotas).
    #[serde(default, deserialize_with = "util::lenient_i64")]
    pub allocated: i64,
}

/// A project's quotas with their usage (`?usage=True`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct QuotaUsageSet {
    /// The project.
    #[serde(default, deserialize_with = "null_default")]
    pub id: String,
    /// Volumes.
    #[serde(default)]
    pub volumes: QuotaUsage,
    /// Snapshots.
    #[serde(default)]
    pub snapshots: QuotaUsage,
    /// GiB.
    #[serde(default)]
    pub gigabytes: QuotaUsage,
    /// Backups.
    #[serde(default)]
    pub backups: QuotaUsage,
    /// GiB of backups.
    #[serde(default)]
    pub backup_gigabytes: QuotaUsage,
    /// The largest volume.
    #[serde(default)]
    pub per_volume_gigabytes: QuotaUsage,
    /// Groups.
    #[serde(default)]
    pub groups: QuotaUsage,
    /// Per-volume-type quotas.
    #[serde(flatten)]
    pub per_type: BTreeMap<String, QuotaUsage>,
}

/// Options to update a project's quotas; only the fields set are sent.
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
#[non_exhaustive]
pub struct UpdateOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    volumes: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    snapshots: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    gigabytes: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    backups: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    backup_gigabytes: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    per_volume_gigabytes: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    groups: Option<i64>,
    #[serde(flatten)]
    per_type: BTreeMap<String, i64>,
}

macro_rules! quota_setters {
    ($($f:ident: $doc:literal),*) => {
        $(
            #[doc = $doc]
            pub fn $f(mut self, v: i64) -> Self {
                self.$f = Some(v);
                self
            }
        )*
    };
}

impl UpdateOpts {
    /// Nothing changed yet.
    pub fn new() -> Self {
        Self::default()
    }

    quota_setters!(
        volumes: "Volumes (`-1` for unlimited).",
        snapshots: "Snapshots.",
        gigabytes: "GiB of volumes and snapshots.",
        backups: "Backups.",
        backup_gigabytes: "GiB of backups.",
        per_volume_gigabytes: "The largest volume, in GiB.",
        groups: "Groups."
    );

    /// A per-volume-type limit, by its full key (`volumes_fast`, `gigabytes_fast`).
    pub fn per_type(mut self, key: impl Into<String>, v: i64) -> Self {
        self.per_type.insert(key.into(), v);
        self
    }
}

fn path(project_id: &str) -> String {
    format!("os-quota-sets/{}", encode_path_segment(project_id))
}

/// `GET os-quota-sets/{project_id}`.
pub fn get_request(project_id: &str) -> Request {
    Request::get(path(project_id))
}

/// A project's quotas.
pub async fn get(client: &ServiceClient, project_id: &str) -> Result<QuotaSet> {
    client
        .send_keyed(get_request(project_id), "quota_set")
        .await
}

/// `GET os-quota-sets/{project_id}?usage=True`.
pub fn get_usage_request(project_id: &str) -> Request {
    Request::get(path(project_id)).query_pair("usage", "True")
}

/// A project's quotas with their usage.
pub async fn get_usage(client: &ServiceClient, project_id: &str) -> Result<QuotaUsageSet> {
    client
        .send_keyed(get_usage_request(project_id), "quota_set")
        .await
}

/// `GET os-quota-sets/{project_id}/defaults`.
pub fn get_defaults_request(project_id: &str) -> Request {
    Request::get(format!("{}/defaults", path(project_id)))
}

/// The default quotas.
pub async fn get_defaults(client: &ServiceClient, project_id: &str) -> Result<QuotaSet> {
    client
        .send_keyed(get_defaults_request(project_id), "quota_set")
        .await
}

/// `PUT os-quota-sets/{project_id}`.
pub fn update_request(project_id: &str, opts: &UpdateOpts) -> Result<Request> {
    Request::put(path(project_id)).json_wrapped("quota_set", opts)
}

/// Updates a project's quotas (admin).
pub async fn update(
    client: &ServiceClient,
    project_id: &str,
    opts: UpdateOpts,
) -> Result<QuotaSet> {
    client
        .send_keyed(update_request(project_id, &opts)?, "quota_set")
        .await
}

/// `DELETE os-quota-sets/{project_id}`.
pub fn delete_request(project_id: &str) -> Request {
    Request::delete(path(project_id))
}

/// Resets a project's quotas to the defaults (admin).
pub async fn delete(client: &ServiceClient, project_id: &str) -> Result<()> {
    client.send_empty(delete_request(project_id)).await
}
