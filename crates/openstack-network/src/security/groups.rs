//! Security groups (`/v2.0/security-groups`).
//!
//! ```no_run
//! # async fn f(network: openstack_core::ServiceClient) -> openstack_core::Result<()> {
//! use openstack_network::security::{groups, rules};
//!
//! let sg = groups::create(&network, groups::CreateOpts::new("web").description("HTTP in")).await?;
//! rules::create(
//!     &network,
//!     rules::CreateOpts::new(&sg.id, rules::Direction::Ingress)
//!         .protocol("tcp")
//!         .port_range(80, 80)
//!         .remote_ip_prefix("0.0.0.0/0"),
//! )
//! .await?;
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use openstack_core::{Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::security::rules::Rule;
use crate::util::{self, lenient_bool, nullable, setters, Keyed};

/// A security group.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct SecurityGroup {
    /// The id.
    #[serde(deserialize_with = "nullable")]
    pub id: String,
    /// The name.
    #[serde(deserialize_with = "nullable")]
    pub name: String,
    /// The description.
    #[serde(deserialize_with = "nullable")]
    pub description: String,
    /// The rules.
    #[serde(deserialize_with = "nullable")]
    pub security_group_rules: Vec<Rule>,
    /// The owner (legacy name).
    #[serde(deserialize_with = "nullable")]
    pub tenant_id: String,
    /// The owner.
    #[serde(deserialize_with = "nullable")]
    pub project_id: String,
    /// Stateful (`stateful-security-group`).
    #[serde(deserialize_with = "lenient_bool")]
    pub stateful: Option<bool>,
    /// Shared through RBAC.
    #[serde(deserialize_with = "lenient_bool")]
    pub shared: Option<bool>,
    /// Tags.
    #[serde(deserialize_with = "nullable")]
    pub tags: Vec<String>,
    /// Creation time.
    #[serde(with = "openstack_core::timestamp::option")]
    pub created_at: Option<OffsetDateTime>,
    /// Last update time.
    #[serde(with = "openstack_core::timestamp::option")]
    pub updated_at: Option<OffsetDateTime>,
    /// The revision.
    #[serde(deserialize_with = "nullable")]
    pub revision_number: u64,
}

impl Keyed for SecurityGroup {
    const KEY: &'static str = "security_group";
}

/// Filters for [`list`].
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
pub struct ListOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tenant_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    project_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stateful: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    revision_number: Option<u64>,
    #[serde(skip)]
    common: crate::CommonListOpts,
}

impl ListOpts {
    /// No filters.
    pub fn new() -> Self {
        Self::default()
    }
    setters! {
        /// Only this id.
        id: str,
        /// Only this name.
        name: str,
        /// Only this description.
        description: str,
        /// Only this project (legacy name).
        tenant_id: str,
        /// Only this project.
        project_id: str,
        /// Only stateful (or stateless) groups.
        stateful: bool,
        /// Only this revision.
        revision_number: num,
    }
    crate::common_list_methods!();
}

/// Options for [`create`].
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
pub struct CreateOpts {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tenant_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    project_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stateful: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tags: Option<Vec<String>>,
    #[serde(flatten)]
    extra: BTreeMap<String, serde_json::Value>,
}

impl CreateOpts {
    /// A group named `name` (Neutron adds two egress rules that allow everything).
    pub fn new(name: impl Into<String>) -> Self {
        CreateOpts {
            name: name.into(),
            ..Self::default()
        }
    }
    setters! {
        /// The description.
        description: str,
        /// The owner, legacy name (admin).
        tenant_id: str,
        /// The owner (admin).
        project_id: str,
        /// Stateful or stateless.
        stateful: bool,
        /// Tags set at creation.
        tags: strs,
    }
    util::extra_setter!();
}

/// Options for [`update`].
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
pub struct UpdateOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stateful: Option<bool>,
    #[serde(flatten)]
    extra: BTreeMap<String, serde_json::Value>,
    #[serde(skip)]
    revision: Option<u64>,
}

impl UpdateOpts {
    /// Changes nothing yet.
    pub fn new() -> Self {
        Self::default()
    }
    setters! {
        /// A new name.
        name: str,
        /// A new description.
        description: estr clear_description,
        /// Stateful or stateless (only while no port uses the group).
        stateful: bool,
    }
    util::extra_setter!();
    /// Updates only if the group is still at `revision` (`If-Match`).
    pub fn if_revision(mut self, revision: u64) -> Self {
        self.revision = Some(revision);
        self
    }
}

/// `GET security-groups`.
pub fn list_request(opts: &ListOpts) -> Result<Request> {
    Request::get("security-groups")
        .query(opts)?
        .query(&opts.common)
}

/// Lists security groups.
pub fn list(client: &ServiceClient, opts: ListOpts) -> Pager<SecurityGroup> {
    crate::pager(client, list_request(&opts), "security_groups")
}

/// `GET security-groups/{id}`.
pub fn get_request(id: &str) -> Request {
    Request::get(util::item_path("security-groups", id))
}

/// Shows a security group with its rules.
pub async fn get(client: &ServiceClient, id: &str) -> Result<SecurityGroup> {
    util::send_one(client, get_request(id)).await
}

/// `POST security-groups`.
pub fn create_request(opts: &CreateOpts) -> Result<Request> {
    util::json_request(Request::post("security-groups"), "security_group", opts)
        .map(|r| r.ok_status([201]))
}

/// Creates a security group.
pub async fn create(client: &ServiceClient, opts: CreateOpts) -> Result<SecurityGroup> {
    util::send_one(client, create_request(&opts)?).await
}

/// `PUT security-groups/{id}`.
pub fn update_request(id: &str, opts: &UpdateOpts) -> Result<Request> {
    let r = util::json_request(
        Request::put(util::item_path("security-groups", id)),
        "security_group",
        opts,
    )?;
    util::if_match(r, opts.revision)
}

/// Updates a security group.
pub async fn update(client: &ServiceClient, id: &str, opts: UpdateOpts) -> Result<SecurityGroup> {
    util::send_one(client, update_request(id, &opts)?).await
}

/// `DELETE security-groups/{id}`.
pub fn delete_request(id: &str) -> Request {
    Request::delete(util::item_path("security-groups", id)).ok_status([204])
}

/// Deletes a security group (and its rules).
pub async fn delete(client: &ServiceClient, id: &str) -> Result<()> {
    util::send_empty(client, delete_request(id)).await
}
