//! Trunks (`/v2.0/trunks`, extension `trunk`): a parent port that carries the traffic of
//! subports, each told apart by a segmentation (VLAN) id.
//!
//! ```no_run
//! # async fn f(network: openstack_core::ServiceClient, parent: &str, child: &str) -> openstack_core::Result<()> {
//! use openstack_network::trunks::{self, CreateOpts, Subport};
//!
//! let trunk = trunks::create(&network, CreateOpts::new(parent).name("trunk0")).await?;
//! trunks::add_subports(&network, &trunk.id, [Subport::vlan(child, 44)]).await?;
//! let subports = trunks::get_subports(&network, &trunk.id).await?;
//! assert_eq!(subports[0].segmentation_id, Some(44));
//! trunks::remove_subports(&network, &trunk.id, [child]).await?;
//! trunks::delete(&network, &trunk.id).await?;
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use openstack_core::open_enum;
use openstack_core::serde_util::{lenient_flag, lenient_u64, null_default};
use openstack_core::{Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::util::{self, setters};

open_enum! {
    /// The status of a trunk.
    pub enum Status {
        /// In use by a bound parent port.
        Active => "ACTIVE",
        /// Not bound (yet).
        Down => "DOWN",
        /// Being wired by an agent.
        Build => "BUILD",
        /// Subports changing.
        Degraded => "DEGRADED",
        /// Failed.
        Error => "ERROR",
    }
}

/// A subport of a trunk.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct Subport {
    /// The port.
    #[serde(deserialize_with = "null_default")]
    pub port_id: String,
    /// The segmentation type (`vlan`, or `inherit` to take the port's network segment).
    #[serde(
        skip_serializing_if = "String::is_empty",
        deserialize_with = "null_default"
    )]
    pub segmentation_type: String,
    /// The segmentation id (the VLAN id).
    #[serde(
        skip_serializing_if = "Option::is_none",
        deserialize_with = "lenient_u64"
    )]
    pub segmentation_id: Option<u64>,
}

impl Subport {
    /// `port_id` on VLAN `vlan_id`.
    pub fn vlan(port_id: impl Into<String>, vlan_id: u64) -> Self {
        Subport {
            port_id: port_id.into(),
            segmentation_type: "vlan".to_owned(),
            segmentation_id: Some(vlan_id),
        }
    }

    /// `port_id` with another segmentation type and id.
    pub fn new(
        port_id: impl Into<String>,
        segmentation_type: impl Into<String>,
        segmentation_id: Option<u64>,
    ) -> Self {
        Subport {
            port_id: port_id.into(),
            segmentation_type: segmentation_type.into(),
            segmentation_id,
        }
    }
}

/// A trunk.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct Trunk {
    /// The id.
    #[serde(deserialize_with = "null_default")]
    pub id: String,
    /// The name.
    #[serde(deserialize_with = "null_default")]
    pub name: String,
    /// The description.
    #[serde(deserialize_with = "null_default")]
    pub description: String,
    /// The parent port.
    #[serde(deserialize_with = "null_default")]
    pub port_id: String,
    /// The administrative state.
    #[serde(deserialize_with = "lenient_flag")]
    pub admin_state_up: bool,
    /// The status.
    pub status: Status,
    /// The subports.
    #[serde(deserialize_with = "null_default")]
    pub sub_ports: Vec<Subport>,
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
    port_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    admin_state_up: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<Status>,
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
        /// Only the trunk of this parent port.
        port_id: str,
        /// Only trunks in this administrative state.
        admin_state_up: bool,
        /// Only trunks with this status.
        status: val<Status>,
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
    port_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    admin_state_up: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sub_ports: Option<Vec<Subport>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tenant_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    project_id: Option<String>,
    #[serde(flatten)]
    extra: BTreeMap<String, serde_json::Value>,
}

impl CreateOpts {
    /// A trunk on the parent port `port_id`.
    pub fn new(port_id: impl Into<String>) -> Self {
        CreateOpts {
            port_id: port_id.into(),
            ..Self::default()
        }
    }
    setters! {
        /// The name.
        name: str,
        /// The description.
        description: str,
        /// The administrative state.
        admin_state_up: bool,
        /// Subports from the start.
        sub_ports: list<Subport>,
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
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    admin_state_up: Option<bool>,
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
        /// The administrative state (a disabled trunk refuses subport changes).
        admin_state_up: bool,
    }
    util::extra_setter!();
    util::revision_setter! {
        /// Updates only if the trunk is still at `revision` (`If-Match`).
    }
}

util::resource_fns! { "trunks", "trunk", "trunks", Trunk;
    /// Lists trunks.
    list;
    /// Shows a trunk.
    get;
    /// Creates a trunk.
    create;
    /// Updates a trunk.
    update if_match;
    /// Deletes a trunk (refused while the parent port is bound).
    delete;
}

#[derive(Debug, Serialize, Deserialize)]
struct Subports {
    #[serde(default, deserialize_with = "null_default")]
    sub_ports: Vec<Subport>,
}

/// `PUT trunks/{id}/add_subports` with `{"sub_ports": [...]}`.
pub fn add_subports_request(
    id: &str,
    sub_ports: impl IntoIterator<Item = Subport>,
) -> Result<Request> {
    Request::put(format!("{}/add_subports", util::item_path("trunks", id))).json(&Subports {
        sub_ports: sub_ports.into_iter().collect(),
    })
}

/// Adds subports; returns the trunk.
pub async fn add_subports(
    client: &ServiceClient,
    id: &str,
    sub_ports: impl IntoIterator<Item = Subport>,
) -> Result<Trunk> {
    client.send_json(add_subports_request(id, sub_ports)?).await
}

/// `PUT trunks/{id}/remove_subports` with `{"sub_ports": [{"port_id": ..}]}`.
pub fn remove_subports_request(
    id: &str,
    port_ids: impl IntoIterator<Item = impl Into<String>>,
) -> Result<Request> {
    let sub_ports = port_ids
        .into_iter()
        .map(|p| Subport {
            port_id: p.into(),
            ..Subport::default()
        })
        .collect();
    Request::put(format!("{}/remove_subports", util::item_path("trunks", id)))
        .json(&Subports { sub_ports })
}

/// Removes the subports on these ports; returns the trunk.
pub async fn remove_subports(
    client: &ServiceClient,
    id: &str,
    port_ids: impl IntoIterator<Item = impl Into<String>>,
) -> Result<Trunk> {
    client
        .send_json(remove_subports_request(id, port_ids)?)
        .await
}

/// `GET trunks/{id}/get_subports`.
pub fn get_subports_request(id: &str) -> Request {
    Request::get(format!("{}/get_subports", util::item_path("trunks", id)))
}

/// The subports of a trunk.
pub async fn get_subports(client: &ServiceClient, id: &str) -> Result<Vec<Subport>> {
    let s: Subports = client.send_json(get_subports_request(id)).await?;
    Ok(s.sub_ports)
}
