//! Subnet pools (`/v2.0/subnetpools`): address ranges subnets take their CIDRs from.

use std::collections::BTreeMap;

use openstack_core::serde_util::{lenient_flag, lenient_u64, null_default};
use openstack_core::{Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::subnets::IpVersion;
use crate::util::{self, setters};

/// A subnet pool.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct SubnetPool {
    /// The id.
    #[serde(deserialize_with = "null_default")]
    pub id: String,
    /// The name.
    #[serde(deserialize_with = "null_default")]
    pub name: String,
    /// The description.
    #[serde(deserialize_with = "null_default")]
    pub description: String,
    /// The prefixes (CIDRs).
    #[serde(deserialize_with = "null_default")]
    pub prefixes: Vec<String>,
    /// The prefix length of a subnet that asks for none.
    #[serde(deserialize_with = "lenient_u64")]
    pub default_prefixlen: Option<u64>,
    /// The smallest prefix length.
    #[serde(deserialize_with = "lenient_u64")]
    pub min_prefixlen: Option<u64>,
    /// The largest prefix length.
    #[serde(deserialize_with = "lenient_u64")]
    pub max_prefixlen: Option<u64>,
    /// Addresses a project may take (`None`: unlimited).
    #[serde(deserialize_with = "lenient_u64")]
    pub default_quota: Option<u64>,
    /// The address scope.
    pub address_scope_id: Option<String>,
    /// Whether it is the default pool.
    #[serde(deserialize_with = "lenient_flag")]
    pub is_default: bool,
    /// Whether it is shared.
    #[serde(deserialize_with = "lenient_flag")]
    pub shared: bool,
    /// 4 or 6.
    pub ip_version: IpVersion,
    /// The owner (legacy name).
    #[serde(deserialize_with = "null_default")]
    pub tenant_id: String,
    /// The owner.
    #[serde(deserialize_with = "null_default")]
    pub project_id: String,
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
    address_scope_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_default: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    shared: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ip_version: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tenant_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    project_id: Option<String>,
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
        /// Only pools in this address scope.
        address_scope_id: str,
        /// Only the default pool (or the others).
        is_default: bool,
        /// Only shared (or unshared) pools.
        shared: bool,
        /// Only IP version 4 or 6.
        ip_version: num,
        /// Only this project (legacy name).
        tenant_id: str,
        /// Only this project.
        project_id: str,
    }
    crate::common_list_methods!();
}

/// Options for [`create`].
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
pub struct CreateOpts {
    name: String,
    prefixes: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    default_prefixlen: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    min_prefixlen: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_prefixlen: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    default_quota: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    address_scope_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_default: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    shared: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tenant_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    project_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tags: Option<Vec<String>>,
    #[serde(flatten)]
    extra: BTreeMap<String, serde_json::Value>,
}

impl CreateOpts {
    /// A pool named `name` over `prefixes`.
    pub fn new(
        name: impl Into<String>,
        prefixes: impl IntoIterator<Item = impl Into<String>>,
    ) -> Self {
        CreateOpts {
            name: name.into(),
            prefixes: prefixes.into_iter().map(Into::into).collect(),
            ..Self::default()
        }
    }
    setters! {
        /// The description.
        description: str,
        /// The default prefix length.
        default_prefixlen: num,
        /// The smallest prefix length.
        min_prefixlen: num,
        /// The largest prefix length.
        max_prefixlen: num,
        /// Addresses per project.
        default_quota: num,
        /// The address scope.
        address_scope_id: str,
        /// Make it the default pool (admin).
        is_default: bool,
        /// Share it (admin).
        shared: bool,
        /// The owner, legacy name (admin).
        tenant_id: str,
        /// The owner (admin).
        project_id: str,
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
    prefixes: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    min_prefixlen: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    default_prefixlen: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_prefixlen: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    default_quota: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    address_scope_id: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_default: Option<bool>,
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
        /// The prefixes (a superset of the current ones).
        prefixes: strs,
        /// The smallest prefix length.
        min_prefixlen: num,
        /// The default prefix length.
        default_prefixlen: num,
        /// The largest prefix length.
        max_prefixlen: num,
        /// Addresses per project.
        default_quota: num,
        /// The address scope.
        address_scope_id: nstr clear_address_scope_id,
        /// Make it (or stop it being) the default pool.
        is_default: bool,
    }
    util::extra_setter!();
    util::revision_setter! {
        /// Updates only if the pool is still at `revision` (`If-Match`).
    }
}

util::resource_fns! { "subnetpools", "subnetpool", "subnetpools", SubnetPool;
    /// Lists subnet pools.
    list;
    /// Shows a subnet pool.
    get;
    /// Creates a subnet pool.
    create;
    /// Updates a subnet pool.
    update if_match;
    /// Deletes a subnet pool.
    delete;
}

#[derive(Debug, Serialize, Deserialize)]
struct Prefixes {
    #[serde(default, deserialize_with = "null_default")]
    prefixes: Vec<String>,
}

fn prefixes_request(id: &str, action: &str, prefixes: Vec<String>) -> Result<Request> {
    Request::put(format!("{}/{action}", util::item_path("subnetpools", id)))
        .json(&Prefixes { prefixes })
}

/// `PUT subnetpools/{id}/add_prefixes` with `{"prefixes": [...]}`.
pub fn add_prefixes_request(
    id: &str,
    prefixes: impl IntoIterator<Item = impl Into<String>>,
) -> Result<Request> {
    prefixes_request(
        id,
        "add_prefixes",
        prefixes.into_iter().map(Into::into).collect(),
    )
}

/// Adds prefixes; returns the pool's prefixes (merged by Neutron).
pub async fn add_prefixes(
    client: &ServiceClient,
    id: &str,
    prefixes: impl IntoIterator<Item = impl Into<String>>,
) -> Result<Vec<String>> {
    let p: Prefixes = client
        .send_json(add_prefixes_request(id, prefixes)?)
        .await?;
    Ok(p.prefixes)
}

/// `PUT subnetpools/{id}/remove_prefixes`.
pub fn remove_prefixes_request(
    id: &str,
    prefixes: impl IntoIterator<Item = impl Into<String>>,
) -> Result<Request> {
    prefixes_request(
        id,
        "remove_prefixes",
        prefixes.into_iter().map(Into::into).collect(),
    )
}

/// Removes prefixes (not in use by subnets); returns the pool's prefixes.
pub async fn remove_prefixes(
    client: &ServiceClient,
    id: &str,
    prefixes: impl IntoIterator<Item = impl Into<String>>,
) -> Result<Vec<String>> {
    let p: Prefixes = client
        .send_json(remove_prefixes_request(id, prefixes)?)
        .await?;
    Ok(p.prefixes)
}
