//! Quotas (`/v2.0/quotas`): per-project limits (admin for other projects).
//!
//! A limit of `-1` means unlimited.

use std::collections::BTreeMap;

use openstack_core::serde_util::null_default;
use openstack_core::{Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};

use crate::util::{self, setters};

/// The limits of a project. Resources this crate does not name are in `other`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct Quota {
    /// The project (only in [`list`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    /// The project, legacy name (only in [`list`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<String>,
    /// Floating IPs.
    pub floatingip: Option<i64>,
    /// Networks.
    pub network: Option<i64>,
    /// Ports.
    pub port: Option<i64>,
    /// RBAC policies.
    pub rbac_policy: Option<i64>,
    /// Routers.
    pub router: Option<i64>,
    /// Security groups.
    pub security_group: Option<i64>,
    /// Security group rules.
    pub security_group_rule: Option<i64>,
    /// Subnets.
    pub subnet: Option<i64>,
    /// Subnet pools.
    pub subnetpool: Option<i64>,
    /// Other resources (`trunk`, `l2-gateway-connection`...).
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

/// Usage of one resource (`quota_details`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct QuotaDetail {
    /// In use.
    #[serde(deserialize_with = "null_default")]
    pub used: i64,
    /// The limit (`-1`: unlimited).
    #[serde(deserialize_with = "null_default")]
    pub limit: i64,
    /// Reserved.
    #[serde(deserialize_with = "null_default")]
    pub reserved: i64,
}

#[derive(Deserialize)]
struct Details {
    quota: BTreeMap<String, QuotaDetail>,
}

/// Options for [`update`].
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
pub struct UpdateOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    floatingip: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    network: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    port: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rbac_policy: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    router: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    security_group: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    security_group_rule: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    subnet: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    subnetpool: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    check_limit: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    force: Option<bool>,
    #[serde(flatten)]
    extra: BTreeMap<String, serde_json::Value>,
}

impl UpdateOpts {
    /// Changes nothing yet.
    pub fn new() -> Self {
        Self::default()
    }
    setters! {
        /// Floating IPs.
        floatingip: val<i64>,
        /// Networks.
        network: val<i64>,
        /// Ports.
        port: val<i64>,
        /// RBAC policies.
        rbac_policy: val<i64>,
        /// Routers.
        router: val<i64>,
        /// Security groups.
        security_group: val<i64>,
        /// Security group rules.
        security_group_rule: val<i64>,
        /// Subnets.
        subnet: val<i64>,
        /// Subnet pools.
        subnetpool: val<i64>,
        /// Refuse a limit below current usage (`quota-check-limit`).
        check_limit: bool,
        /// Force the limit even below usage.
        force: bool,
    }
    util::extra_setter!();
}

/// `GET quotas` (projects with non-default quotas; admin).
pub fn list_request() -> Request {
    Request::get("quotas")
}

/// Lists the projects that have non-default quotas.
pub fn list(client: &ServiceClient) -> Pager<Quota> {
    Pager::single(client.clone(), list_request(), "quotas")
}

/// `GET quotas/{project_id}`.
pub fn get_request(project_id: &str) -> Request {
    Request::get(util::item_path("quotas", project_id))
}

/// A project's quotas.
pub async fn get(client: &ServiceClient, project_id: &str) -> Result<Quota> {
    client.send_keyed(get_request(project_id), "quota").await
}

/// `GET quotas/{project_id}/default`.
pub fn get_defaults_request(project_id: &str) -> Request {
    Request::get(format!("{}/default", util::item_path("quotas", project_id)))
}

/// The default quotas (as a project would have without its own).
pub async fn get_defaults(client: &ServiceClient, project_id: &str) -> Result<Quota> {
    client
        .send_keyed(get_defaults_request(project_id), "quota")
        .await
}

/// `GET quotas/{project_id}/details.json`.
pub fn get_detail_request(project_id: &str) -> Request {
    Request::get(format!(
        "{}/details.json",
        util::item_path("quotas", project_id)
    ))
}

/// Usage and limits per resource.
pub async fn get_detail(
    client: &ServiceClient,
    project_id: &str,
) -> Result<BTreeMap<String, QuotaDetail>> {
    let d: Details = client.send_json(get_detail_request(project_id)).await?;
    Ok(d.quota)
}

/// `PUT quotas/{project_id}`.
pub fn update_request(project_id: &str, opts: &UpdateOpts) -> Result<Request> {
    Request::put(util::item_path("quotas", project_id)).json_wrapped("quota", opts)
}

/// Changes a project's quotas (admin).
pub async fn update(client: &ServiceClient, project_id: &str, opts: UpdateOpts) -> Result<Quota> {
    client
        .send_keyed(update_request(project_id, &opts)?, "quota")
        .await
}

/// `DELETE quotas/{project_id}`.
pub fn delete_request(project_id: &str) -> Request {
    Request::delete(util::item_path("quotas", project_id)).ok_status([204])
}

/// Resets a project's quotas to the defaults (admin).
pub async fn delete(client: &ServiceClient, project_id: &str) -> Result<()> {
    client.send_empty(delete_request(project_id)).await
}
