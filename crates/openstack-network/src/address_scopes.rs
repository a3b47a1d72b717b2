//! Address scopes (`/v2.0/address-scopes`, extension `address-scope`): subnet pools in the
//! same scope share one address space, routed without NAT between them.
//!
//! ```no_run
//! # async fn f(network: openstack_core::ServiceClient) -> openstack_core::Result<()> {
//! use openstack_network::address_scopes::{self, CreateOpts, UpdateOpts};
//! use openstack_network::subnets::IpVersion;
//!
//! let scope = address_scopes::create(&network, CreateOpts::new("scope-v4", IpVersion::V4)).await?;
//! address_scopes::update(&network, &scope.id, UpdateOpts::new().name("scope-4")).await?;
//! address_scopes::delete(&network, &scope.id).await?;
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use openstack_core::serde_util::{lenient_flag, null_default};
use openstack_core::{Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};

use crate::subnets::IpVersion;
use crate::util::{self, setters};

/// An address scope.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct AddressScope {
    /// The id.
    #[serde(deserialize_with = "null_default")]
    pub id: String,
    /// The name.
    #[serde(deserialize_with = "null_default")]
    pub name: String,
    /// 4 or 6.
    pub ip_version: IpVersion,
    /// Whether it is shared.
    #[serde(deserialize_with = "lenient_flag")]
    pub shared: bool,
    /// The owner (legacy name).
    #[serde(deserialize_with = "null_default")]
    pub tenant_id: String,
    /// The owner.
    #[serde(deserialize_with = "null_default")]
    pub project_id: String,
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
    ip_version: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    shared: Option<bool>,
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
        /// Only IP version 4 or 6.
        ip_version: num,
        /// Only shared (or unshared) scopes.
        shared: bool,
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
    ip_version: IpVersion,
    #[serde(skip_serializing_if = "Option::is_none")]
    shared: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tenant_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    project_id: Option<String>,
    #[serde(flatten)]
    extra: BTreeMap<String, serde_json::Value>,
}

impl CreateOpts {
    /// A scope named `name` for IP version `ip_version`.
    pub fn new(name: impl Into<String>, ip_version: IpVersion) -> Self {
        CreateOpts {
            name: name.into(),
            ip_version,
            ..Self::default()
        }
    }
    setters! {
        /// Share it (admin).
        shared: bool,
        /// The owner, legacy name (admin).
        tenant_id: str,
        /// The owner (admin).
        project_id: str,
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
    shared: Option<bool>,
    #[serde(flatten)]
    extra: BTreeMap<String, serde_json::Value>,
}

impl UpdateOpts {
    /// Changes nothing yet.
    pub fn new() -> Self {
        Self::default()
    }
    setters! {
        /// A new name.
        name: str,
        /// Share it (a shared scope cannot be unshared).
        shared: bool,
    }
    util::extra_setter!();
}

util::resource_fns! { "address-scopes", "address_scope", "address_scopes", AddressScope;
    /// Lists address scopes.
    list;
    /// Shows an address scope.
    get;
    /// Creates an address scope.
    create;
    /// Updates an address scope.
    update;
    /// Deletes an address scope (refused while subnet pools use it).
    delete;
}
