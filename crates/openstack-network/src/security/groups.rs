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

use openstack_core::serde_util::{lenient_bool, null_default};
use openstack_core::{Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::security::rules::Rule;
use crate::util::{self, setters};

/// A security group.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct SecurityGroup {
    /// The id.
    #[serde(deserialize_with = "null_default")]
    pub id: String,
    /// The name.
    #[serde(deserialize_with = "null_default")]
    pub name: String,
    /// The description.
    #[serde(deserialize_with = "null_default")]
    pub description: String,
    /// The rules.
    #[serde(deserialize_with = "null_default")]
    pub security_group_rules: Vec<Rule>,
    /// The owner (legacy name).
    #[serde(deserialize_with = "null_default")]
    pub tenant_id: String,
    /// The owner.
    #[serde(deserialize_with = "null_default")]
    pub project_id: String,
    /// Stateful (`stateful-security-group`).
    #[serde(deserialize_with = "lenient_bool")]
    pub stateful: Option<bool>,
    /// Shared through RBAC.
    #[serde(deserialize_with = "lenient_bool")]
    pub shared: Option<bool>,
    /// Tags.
    #[serde(deserialize_with = "null_default")]
    pub tags: Vec<String>,
    /// Creation time.
    #[serde(with = "openstack_core::timestamp::option")]
    pub created_at: Option<OffsetDateTime>,
    /// Last update time.
    #[serde(with = "openstack_core::timestamp::option")]
    pub updated_at: Option<OffsetDateTime>,
    /// The revision.
    #[serde(deserialize_with = "null_default")]
    pub revision_number: u64,
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
    util::revision_setter! {
        /// Updates only if the group is still at `revision` (`If-Match`).
    }
}

util::resource_fns! { "security-groups", "security_group", "security_groups", SecurityGroup;
    /// Lists security groups.
    list;
    /// Shows a security group with its rules.
    get;
    /// Creates a security group.
    create;
    /// Updates a security group.
    update if_match;
    /// Deletes a security group (and its rules).
    delete;
}
