//! Quota sets (`os-quota-sets`): a project's quotas, the defaults, quotas with usage
//! (`/detail`), and updating them (admins).

use openstack_core::{encode_path_segment, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};

use crate::util::{lenient_opt_i64, lenient_string};

macro_rules! quota_structs {
    ($( $(#[$m:meta])* $field:ident, )+) => {
        /// A project's quotas (`-1` is unlimited). Fields a microversion removed are `None`
        /// (`fixed_ips`, `floating_ips`, `security_groups`, `security_group_rules` from 2.36,
        /// injected files from 2.57).
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
        #[non_exhaustive]
        pub struct QuotaSet {
            /// The project id.
            #[serde(default, deserialize_with = "lenient_string")]
            pub id: String,
            $(
                $(#[$m])*
                #[serde(default, deserialize_with = "lenient_opt_i64")]
                pub $field: Option<i64>,
            )+
        }

        /// A project's quotas with usage.
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
        #[non_exhaustive]
        pub struct QuotaSetDetail {
            /// The project id.
            #[serde(default, deserialize_with = "lenient_string")]
            pub id: String,
            $(
                $(#[$m])*
                #[serde(default)]
                pub $field: Option<QuotaDetail>,
            )+
        }

        /// Options for [`update`]: only the quotas you set are sent.
        #[derive(Debug, Clone, Default, Serialize)]
        #[must_use]
        #[non_exhaustive]
        pub struct UpdateOpts {
            #[serde(skip_serializing_if = "Option::is_none")]
            force: Option<bool>,
            $(
                #[serde(skip_serializing_if = "Option::is_none")]
                $field: Option<i64>,
            )+
        }

        impl UpdateOpts {
            /// Changes nothing yet.
            pub fn new() -> Self {
                Self::default()
            }

            /// Set the quotas even below current usage.
            pub fn force(mut self, on: bool) -> Self {
                self.force = Some(on);
                self
            }

            $(
                $(#[$m])*
                pub fn $field(mut self, limit: i64) -> Self {
                    self.$field = Some(limit);
                    self
                }
            )+
        }
    };
}

quota_structs! {
    /// Virtual CPUs.
    cores,
    /// Servers.
    instances,
    /// Key pairs.
    key_pairs,
    /// Metadata items per server.
    metadata_items,
    /// Memory in MiB.
    ram,
    /// Server groups.
    server_groups,
    /// Members per server group.
    server_group_members,
    /// Injected files (before 2.57).
    injected_files,
    /// Bytes per injected file (before 2.57).
    injected_file_content_bytes,
    /// Bytes per injected file path (before 2.57).
    injected_file_path_bytes,
    /// Fixed IPs (before 2.36).
    fixed_ips,
    /// Floating IPs (before 2.36).
    floating_ips,
    /// Security groups (before 2.36).
    security_groups,
    /// Security group rules (before 2.36).
    security_group_rules,
}

/// A limit with its usage.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct QuotaDetail {
    /// Used.
    #[serde(default, deserialize_with = "crate::util::lenient_i64")]
    pub in_use: i64,
    /// The limit.
    #[serde(default, deserialize_with = "crate::util::lenient_i64")]
    pub limit: i64,
    /// Reserved.
    #[serde(default, deserialize_with = "crate::util::lenient_i64")]
    pub reserved: i64,
}

fn path(project_id: &str, suffix: &str) -> String {
    format!("os-quota-sets/{}{suffix}", encode_path_segment(project_id))
}

fn with_user(r: Request, user_id: Option<&str>) -> Request {
    match user_id {
        Some(u) => r.query_pair("user_id", u),
        None => r,
    }
}

#[derive(Deserialize)]
struct One<T> {
    quota_set: T,
}

/// `GET /os-quota-sets/{project_id}` (optionally for one user).
pub fn get_request(project_id: &str, user_id: Option<&str>) -> Request {
    with_user(Request::get(path(project_id, "")).ok_status([200]), user_id)
}

/// A project's quotas.
pub async fn get(
    client: &ServiceClient,
    project_id: &str,
    user_id: Option<&str>,
) -> Result<QuotaSet> {
    let r: One<QuotaSet> = client.send_json(get_request(project_id, user_id)).await?;
    Ok(r.quota_set)
}

/// `GET /os-quota-sets/{project_id}/defaults`.
pub fn defaults_request(project_id: &str) -> Request {
    Request::get(path(project_id, "/defaults")).ok_status([200])
}

/// The default quotas.
pub async fn defaults(client: &ServiceClient, project_id: &str) -> Result<QuotaSet> {
    let r: One<QuotaSet> = client.send_json(defaults_request(project_id)).await?;
    Ok(r.quota_set)
}

/// `GET /os-quota-sets/{project_id}/detail`.
pub fn detail_request(project_id: &str, user_id: Option<&str>) -> Request {
    with_user(
        Request::get(path(project_id, "/detail")).ok_status([200]),
        user_id,
    )
}

/// A project's quotas with usage.
pub async fn detail(
    client: &ServiceClient,
    project_id: &str,
    user_id: Option<&str>,
) -> Result<QuotaSetDetail> {
    let r: One<QuotaSetDetail> = client
        .send_json(detail_request(project_id, user_id))
        .await?;
    Ok(r.quota_set)
}

/// `PUT /os-quota-sets/{project_id}` with `{"quota_set": {...}}`.
pub fn update_request(
    project_id: &str,
    user_id: Option<&str>,
    opts: &UpdateOpts,
) -> Result<Request> {
    Request::put(path(project_id, ""))
        .json(&serde_json::json!({ "quota_set": opts }))
        .map(|r| with_user(r.ok_status([200]), user_id))
}

/// Updates a project's (or user's) quotas; returns them.
pub async fn update(
    client: &ServiceClient,
    project_id: &str,
    user_id: Option<&str>,
    opts: UpdateOpts,
) -> Result<QuotaSet> {
    let r: One<QuotaSet> = client
        .send_json(update_request(project_id, user_id, &opts)?)
        .await?;
    Ok(r.quota_set)
}

/// `DELETE /os-quota-sets/{project_id}`: back to the defaults.
pub fn delete_request(project_id: &str, user_id: Option<&str>) -> Request {
    with_user(
        Request::delete(path(project_id, "")).ok_status([202, 204]),
        user_id,
    )
}

/// Reverts a project's (or user's) quotas to the defaults.
pub async fn delete(client: &ServiceClient, project_id: &str, user_id: Option<&str>) -> Result<()> {
    client
        .send(delete_request(project_id, user_id))
        .await
        .map(drop)
}
