//! Server groups (`os-server-groups`): list, get, create, delete. From microversion 2.64 a
//! group has one `policy` (and `rules`); before, a list of `policies`.
//! [`CreateOpts`] sends the form that matches the client's microversion.

use std::collections::BTreeMap;

use openstack_core::{encode_path_segment, Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};

use crate::util::{at_least, null_default, open_enum};

open_enum! {
    /// A server group policy.
    pub enum Policy {
        /// All members on the same host.
        Affinity => "affinity",
        /// Every member on a different host (see [`Rules`] from 2.64).
        AntiAffinity => "anti-affinity",
        /// Members on the same host where possible (2.15).
        SoftAffinity => "soft-affinity",
        /// Members on different hosts where possible (2.15).
        SoftAntiAffinity => "soft-anti-affinity",
    }
}

/// Rules of a group (2.64).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Rules {
    /// For `anti-affinity`: how many members may share a host.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_server_per_host: Option<u32>,
}

/// A server group.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ServerGroup {
    /// The id.
    #[serde(default)]
    pub id: String,
    /// The name.
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// The policy (2.64).
    #[serde(default)]
    pub policy: Option<Policy>,
    /// The policies (before 2.64).
    #[serde(default)]
    pub policies: Option<Vec<Policy>>,
    /// The rules (2.64).
    #[serde(default)]
    pub rules: Option<Rules>,
    /// The member server ids.
    #[serde(default, deserialize_with = "null_default")]
    pub members: Vec<String>,
    /// Metadata (always empty; before 2.64).
    #[serde(default)]
    pub metadata: Option<BTreeMap<String, serde_json::Value>>,
    /// The project (2.13).
    #[serde(default)]
    pub project_id: Option<String>,
    /// The user (2.13).
    #[serde(default)]
    pub user_id: Option<String>,
}

impl ServerGroup {
    /// The policy, whichever form the microversion used.
    pub fn effective_policy(&self) -> Option<&Policy> {
        self.policy
            .as_ref()
            .or_else(|| self.policies.as_ref().and_then(|p| p.first()))
    }
}

/// Filters for [`list`].
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
#[non_exhaustive]
pub struct ListOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    all_projects: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    limit: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    offset: Option<u32>,
}

impl ListOpts {
    /// The caller's groups.
    pub fn new() -> Self {
        Self::default()
    }
    /// Groups of every project (admins).
    pub fn all_projects(mut self, on: bool) -> Self {
        self.all_projects = Some(on);
        self
    }
    /// At most this many.
    pub fn limit(mut self, n: u32) -> Self {
        self.limit = Some(n);
        self
    }
    /// Skip this many.
    pub fn offset(mut self, n: u32) -> Self {
        self.offset = Some(n);
        self
    }
}

/// `GET /os-server-groups`.
pub fn list_request(opts: &ListOpts) -> Result<Request> {
    Request::get("os-server-groups")
        .query(opts)
        .map(|r| r.ok_status([200]))
}

/// Lists server groups (one page: Nova pages them by `limit`/`offset` only).
pub fn list(client: &ServiceClient, opts: ListOpts) -> Pager<ServerGroup> {
    Pager::single(client.clone(), list_request(&opts), "server_groups")
}

#[derive(Deserialize)]
struct One {
    server_group: ServerGroup,
}

/// `GET /os-server-groups/{id}`.
pub fn get_request(id: &str) -> Request {
    Request::get(format!("os-server-groups/{}", encode_path_segment(id))).ok_status([200])
}

/// Shows a server group.
pub async fn get(client: &ServiceClient, id: &str) -> Result<ServerGroup> {
    let r: One = client.send_json(get_request(id)).await?;
    Ok(r.server_group)
}

/// Options for [`create`].
#[derive(Debug, Clone)]
#[must_use]
#[non_exhaustive]
pub struct CreateOpts {
    name: String,
    policy: Policy,
    rules: Option<Rules>,
}

impl CreateOpts {
    /// A group called `name` with `policy`.
    pub fn new(name: impl Into<String>, policy: Policy) -> Self {
        CreateOpts {
            name: name.into(),
            policy,
            rules: None,
        }
    }
    /// With `anti-affinity`: how many members may share a host (2.64).
    pub fn max_server_per_host(mut self, n: u32) -> Self {
        self.rules = Some(Rules {
            max_server_per_host: Some(n),
        });
        self
    }
}

/// `POST /os-server-groups`: `policy` (and `rules`) when `policy_form` (2.64 and later),
/// else `policies: [policy]`.
pub fn create_request(opts: &CreateOpts, policy_form: bool) -> Result<Request> {
    let body = if policy_form {
        let mut g = serde_json::json!({ "name": opts.name, "policy": opts.policy.as_str() });
        if let Some(r) = &opts.rules {
            g["rules"] = serde_json::to_value(r).unwrap_or_default();
        }
        serde_json::json!({ "server_group": g })
    } else {
        serde_json::json!({
            "server_group": { "name": opts.name, "policies": [opts.policy.as_str()] }
        })
    };
    Request::post("os-server-groups")
        .json(&body)
        .map(|r| r.ok_status([200]))
}

/// Creates a server group, in the form the client's microversion needs.
pub async fn create(client: &ServiceClient, opts: CreateOpts) -> Result<ServerGroup> {
    let r: One = client
        .send_json(create_request(&opts, at_least(client, 2, 64))?)
        .await?;
    Ok(r.server_group)
}

/// `DELETE /os-server-groups/{id}`.
pub fn delete_request(id: &str) -> Request {
    Request::delete(format!("os-server-groups/{}", encode_path_segment(id))).ok_status([204])
}

/// Deletes a server group.
pub async fn delete(client: &ServiceClient, id: &str) -> Result<()> {
    client.send(delete_request(id)).await.map(drop)
}
