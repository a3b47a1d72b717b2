//! RBAC policies (`/v2.0/rbac-policies`, extension `rbac-policies`): share a network, a QoS
//! policy, a security group, an address scope, a subnet pool or an address group with another
//! project (`access_as_shared`), or make a network usable as external
//! (`access_as_external`).
//!
//! ```no_run
//! # async fn f(network: openstack_core::ServiceClient, net_id: &str) -> openstack_core::Result<()> {
//! use openstack_network::rbac_policies::{self, Action, CreateOpts, UpdateOpts};
//!
//! let policy = rbac_policies::create(
//!     &network,
//!     CreateOpts::new("network", net_id, Action::AccessAsShared, "0670b690f27e47a58b6a479d26004715"),
//! )
//! .await?;
//! // Share with every project instead.
//! rbac_policies::update(&network, &policy.id, UpdateOpts::new("*")).await?;
//! rbac_policies::delete(&network, &policy.id).await?;
//! # Ok(()) }
//! ```

use openstack_core::open_enum;
use openstack_core::serde_util::null_default;
use openstack_core::{Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};

use crate::util::{self, setters};

open_enum! {
    /// What an RBAC policy grants.
    pub enum Action {
        /// The target project may use the object.
        AccessAsShared => "access_as_shared",
        /// The target project may use the network as external (router gateways, floating IPs).
        AccessAsExternal => "access_as_external",
    }
}

/// An RBAC policy.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct RbacPolicy {
    /// The id.
    #[serde(deserialize_with = "null_default")]
    pub id: String,
    /// The type of the object shared: `network`, `qos_policy`, `security_group`,
    /// `address_scope`, `subnetpool` or `address_group`.
    #[serde(deserialize_with = "null_default")]
    pub object_type: String,
    /// The id of the object shared.
    #[serde(deserialize_with = "null_default")]
    pub object_id: String,
    /// What is granted.
    pub action: Action,
    /// The project granted access (`*`: every project).
    #[serde(deserialize_with = "null_default")]
    pub target_tenant: String,
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
    object_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    object_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    action: Option<Action>,
    #[serde(skip_serializing_if = "Option::is_none")]
    target_tenant: Option<String>,
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
        /// Only this object type (`network`, ...).
        object_type: str,
        /// Only policies on this object.
        object_id: str,
        /// Only this action.
        action: val<Action>,
        /// Only policies granting this project.
        target_tenant: str,
        /// Only policies owned by this project (legacy name).
        tenant_id: str,
        /// Only policies owned by this project.
        project_id: str,
    }
    crate::common_list_methods!();
}

/// Options for [`create`].
#[derive(Debug, Clone, Serialize)]
#[must_use]
pub struct CreateOpts {
    action: Action,
    object_type: String,
    target_tenant: String,
    object_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    tenant_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    project_id: Option<String>,
}

impl CreateOpts {
    /// Grants `action` on the object `object_type`/`object_id` to project `target_tenant`
    /// (`*` for every project).
    pub fn new(
        object_type: impl Into<String>,
        object_id: impl Into<String>,
        action: Action,
        target_tenant: impl Into<String>,
    ) -> Self {
        CreateOpts {
            action,
            object_type: object_type.into(),
            target_tenant: target_tenant.into(),
            object_id: object_id.into(),
            tenant_id: None,
            project_id: None,
        }
    }
    setters! {
        /// The owner, legacy name (admin).
        tenant_id: str,
        /// The owner (admin).
        project_id: str,
    }
}

/// Options for [`update`]: only the target project can change.
#[derive(Debug, Clone, Serialize)]
#[must_use]
pub struct UpdateOpts {
    target_tenant: String,
}

impl UpdateOpts {
    /// Grants to `target_tenant` instead (`*` for every project).
    pub fn new(target_tenant: impl Into<String>) -> Self {
        UpdateOpts {
            target_tenant: target_tenant.into(),
        }
    }
}

util::resource_fns! { "rbac-policies", "rbac_policy", "rbac_policies", RbacPolicy;
    /// Lists RBAC policies.
    list;
    /// Shows an RBAC policy.
    get;
    /// Creates an RBAC policy.
    create;
    /// Changes the target project of an RBAC policy.
    update;
    /// Deletes an RBAC policy (refused while the target project uses the object).
    delete;
}
