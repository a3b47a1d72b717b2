//! Routers (`/v2.0/routers`): CRUD, external gateways, interfaces and extra routes.
//!
//! ```no_run
//! # async fn f(network: openstack_core::ServiceClient, ext_net: &str, subnet_id: &str) -> openstack_core::Result<()> {
//! use openstack_network::layer3::routers::{self, CreateOpts, GatewayInfo, InterfaceOpts};
//!
//! let router = routers::create(
//!     &network,
//!     CreateOpts::new().name("edge").external_gateway(GatewayInfo::new(ext_net)),
//! )
//! .await?;
//! let iface = routers::add_interface(&network, &router.id, InterfaceOpts::subnet(subnet_id)).await?;
//! println!("router port {}", iface.port_id);
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use openstack_core::open_enum;
use openstack_core::serde_util::{lenient_bool, lenient_flag, null_default};
use openstack_core::{Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::util::{self, setters};
use crate::FixedIp;

open_enum! {
    /// The status of a router.
    pub enum Status {
        /// Usable.
        Active => "ACTIVE",
        /// Administratively down.
        Down => "DOWN",
        /// Being built.
        Build => "BUILD",
        /// Failed.
        Error => "ERROR",
        /// HA router that lost its master.
        Allocating => "ALLOCATING",
    }
    default Active
}

/// A router's external gateway (`external_gateway_info`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct GatewayInfo {
    /// The external network.
    #[serde(deserialize_with = "null_default")]
    pub network_id: String,
    /// Whether SNAT is enabled (`ext-gw-mode`; admin to change).
    #[serde(
        deserialize_with = "lenient_bool",
        skip_serializing_if = "Option::is_none"
    )]
    pub enable_snat: Option<bool>,
    /// The gateway's addresses on the external network.
    #[serde(
        deserialize_with = "null_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub external_fixed_ips: Vec<FixedIp>,
    /// The QoS policy of the gateway (`qos-gateway-ip`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub qos_policy_id: Option<String>,
}

impl GatewayInfo {
    /// A gateway on `network_id`.
    pub fn new(network_id: impl Into<String>) -> Self {
        GatewayInfo {
            network_id: network_id.into(),
            ..Self::default()
        }
    }

    /// SNAT on or off.
    #[must_use]
    pub fn enable_snat(mut self, v: bool) -> Self {
        self.enable_snat = Some(v);
        self
    }

    /// The gateway's addresses.
    #[must_use]
    pub fn external_fixed_ips(mut self, v: impl IntoIterator<Item = FixedIp>) -> Self {
        self.external_fixed_ips = v.into_iter().collect();
        self
    }
}

/// A static route of a router (`extraroute`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Route {
    /// The destination CIDR.
    #[serde(default, deserialize_with = "null_default")]
    pub destination: String,
    /// The next hop.
    #[serde(default, deserialize_with = "null_default")]
    pub nexthop: String,
}

impl Route {
    /// A route to `destination` via `nexthop`.
    pub fn new(destination: impl Into<String>, nexthop: impl Into<String>) -> Self {
        Route {
            destination: destination.into(),
            nexthop: nexthop.into(),
        }
    }
}

/// A router.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct Router {
    /// The id.
    #[serde(deserialize_with = "null_default")]
    pub id: String,
    /// The name.
    #[serde(deserialize_with = "null_default")]
    pub name: String,
    /// The description.
    #[serde(deserialize_with = "null_default")]
    pub description: String,
    /// The administrative state.
    #[serde(deserialize_with = "lenient_flag")]
    pub admin_state_up: bool,
    /// The status.
    pub status: Status,
    /// The external gateway, if any.
    pub external_gateway_info: Option<GatewayInfo>,
    /// All external gateways (`external-gateway-multihoming`).
    #[serde(deserialize_with = "null_default")]
    pub external_gateways: Vec<GatewayInfo>,
    /// Static routes.
    #[serde(deserialize_with = "null_default")]
    pub routes: Vec<Route>,
    /// The owner (legacy name).
    #[serde(deserialize_with = "null_default")]
    pub tenant_id: String,
    /// The owner.
    #[serde(deserialize_with = "null_default")]
    pub project_id: String,
    /// Distributed (DVR).
    #[serde(deserialize_with = "lenient_bool")]
    pub distributed: Option<bool>,
    /// Highly available.
    #[serde(deserialize_with = "lenient_bool")]
    pub ha: Option<bool>,
    /// Availability zone hints.
    #[serde(deserialize_with = "null_default")]
    pub availability_zone_hints: Vec<String>,
    /// Availability zones.
    #[serde(deserialize_with = "null_default")]
    pub availability_zones: Vec<String>,
    /// The flavor.
    pub flavor_id: Option<String>,
    /// The service type.
    pub service_type_id: Option<String>,
    /// Conntrack helpers.
    #[serde(deserialize_with = "null_default")]
    pub conntrack_helpers: Vec<serde_json::Value>,
    /// Whether the NDP proxy is enabled.
    #[serde(deserialize_with = "lenient_bool")]
    pub enable_ndp_proxy: Option<bool>,
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

/// The result of adding or removing a router interface.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct InterfaceInfo {
    /// The router.
    #[serde(deserialize_with = "null_default")]
    pub id: String,
    /// The subnet.
    #[serde(deserialize_with = "null_default")]
    pub subnet_id: String,
    /// All subnets of the port.
    #[serde(deserialize_with = "null_default")]
    pub subnet_ids: Vec<String>,
    /// The router's port on the subnet.
    #[serde(deserialize_with = "null_default")]
    pub port_id: String,
    /// The network.
    #[serde(deserialize_with = "null_default")]
    pub network_id: String,
    /// The owner (legacy name).
    #[serde(deserialize_with = "null_default")]
    pub tenant_id: String,
    /// The owner.
    #[serde(deserialize_with = "null_default")]
    pub project_id: String,
    /// Tags.
    #[serde(deserialize_with = "null_default")]
    pub tags: Vec<String>,
}

/// Which interface to add or remove: by subnet or by port.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum InterfaceOpts {
    /// A new router port on the subnet (with the subnet's gateway address).
    Subnet(String),
    /// An existing port.
    Port(String),
}

impl InterfaceOpts {
    /// By subnet.
    pub fn subnet(id: impl Into<String>) -> Self {
        InterfaceOpts::Subnet(id.into())
    }

    /// By port.
    pub fn port(id: impl Into<String>) -> Self {
        InterfaceOpts::Port(id.into())
    }
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
    status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    admin_state_up: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    distributed: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tenant_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    project_id: Option<String>,
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
        /// Only this status.
        status: str,
        /// Only this administrative state.
        admin_state_up: bool,
        /// Only distributed (or only centralized) routers.
        distributed: bool,
        /// Only this project (legacy name).
        tenant_id: str,
        /// Only this project.
        project_id: str,
        /// Only this revision.
        revision_number: num,
    }
    crate::common_list_methods!();
}

/// Options for [`create`].
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
pub struct CreateOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    admin_state_up: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    distributed: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ha: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tenant_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    project_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_gateway_info: Option<GatewayInfo>,
    #[serde(skip_serializing_if = "Option::is_none")]
    availability_zone_hints: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    flavor_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tags: Option<Vec<String>>,
    #[serde(flatten)]
    extra: BTreeMap<String, serde_json::Value>,
}

impl CreateOpts {
    /// A router with Neutron's defaults.
    pub fn new() -> Self {
        Self::default()
    }
    setters! {
        /// The name.
        name: str,
        /// The description.
        description: str,
        /// The administrative state.
        admin_state_up: bool,
        /// Distributed (admin).
        distributed: bool,
        /// Highly available (admin).
        ha: bool,
        /// The owner, legacy name (admin).
        tenant_id: str,
        /// The owner (admin).
        project_id: str,
        /// The external gateway.
        external_gateway_info: val<GatewayInfo>,
        /// Availability zone hints.
        availability_zone_hints: strs,
        /// The flavor.
        flavor_id: str,
        /// Tags set at creation.
        tags: strs,
    }
    /// The external gateway (same as `external_gateway_info`).
    pub fn external_gateway(self, v: GatewayInfo) -> Self {
        self.external_gateway_info(v)
    }
    util::extra_setter!();
}

/// Options for [`update`]. `clear_external_gateway` sends `"external_gateway_info": {}`,
/// which removes the gateway.
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
pub struct UpdateOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    admin_state_up: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    distributed: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ha: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    external_gateway_info: Option<GatewayUpdate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    routes: Option<Vec<Route>>,
    #[serde(flatten)]
    extra: BTreeMap<String, serde_json::Value>,
    #[serde(skip)]
    revision: Option<u64>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
enum GatewayUpdate {
    Set(GatewayInfo),
    Clear {},
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
        /// The administrative state.
        admin_state_up: bool,
        /// Distributed (admin; the router must be down).
        distributed: bool,
        /// Highly available (admin; the router must be down).
        ha: bool,
        /// Replaces the static routes (empty to remove them all).
        routes: list<Route>,
    }
    /// Sets or changes the external gateway.
    pub fn external_gateway(mut self, v: GatewayInfo) -> Self {
        self.external_gateway_info = Some(GatewayUpdate::Set(v));
        self
    }
    /// Removes the external gateway (sends `"external_gateway_info": {}`).
    pub fn clear_external_gateway(mut self) -> Self {
        self.external_gateway_info = Some(GatewayUpdate::Clear {});
        self
    }
    util::extra_setter!();
    util::revision_setter! {
        /// Updates only if the router is still at `revision` (`If-Match`).
    }
}

util::resource_fns! { "routers", "router", "routers", Router;
    /// Lists routers.
    list;
    /// Shows a router.
    get;
    /// Creates a router.
    create;
    /// Updates a router.
    update if_match;
    /// Deletes a router (it must have no interfaces left).
    delete;
}

fn action_path(id: &str, action: &str) -> String {
    format!("{}/{action}", util::item_path("routers", id))
}

/// `PUT routers/{id}/add_router_interface` with `{"subnet_id": ...}` or `{"port_id": ...}`.
pub fn add_interface_request(id: &str, opts: &InterfaceOpts) -> Result<Request> {
    Request::put(action_path(id, "add_router_interface")).json(&single_key(opts))
}

/// Attaches a subnet or a port to a router.
pub async fn add_interface(
    client: &ServiceClient,
    id: &str,
    opts: InterfaceOpts,
) -> Result<InterfaceInfo> {
    client.send_json(add_interface_request(id, &opts)?).await
}

/// `PUT routers/{id}/remove_router_interface`.
pub fn remove_interface_request(id: &str, opts: &InterfaceOpts) -> Result<Request> {
    Request::put(action_path(id, "remove_router_interface")).json(&single_key(opts))
}

/// Detaches a subnet or a port from a router.
pub async fn remove_interface(
    client: &ServiceClient,
    id: &str,
    opts: InterfaceOpts,
) -> Result<InterfaceInfo> {
    client.send_json(remove_interface_request(id, &opts)?).await
}

fn single_key(opts: &InterfaceOpts) -> serde_json::Value {
    match opts {
        InterfaceOpts::Subnet(s) => serde_json::json!({ "subnet_id": s }),
        InterfaceOpts::Port(p) => serde_json::json!({ "port_id": p }),
    }
}

#[derive(Serialize)]
struct Routes<'a> {
    routes: &'a [Route],
}

/// `PUT routers/{id}/add_extraroutes` (`extraroute-atomic`).
pub fn add_routes_request(id: &str, routes: &[Route]) -> Result<Request> {
    Request::put(action_path(id, "add_extraroutes")).json_wrapped("router", &Routes { routes })
}

/// Adds static routes without replacing the others; returns the router.
pub async fn add_routes(client: &ServiceClient, id: &str, routes: Vec<Route>) -> Result<Router> {
    client
        .send_keyed(add_routes_request(id, &routes)?, "router")
        .await
}

/// `PUT routers/{id}/remove_extraroutes`.
pub fn remove_routes_request(id: &str, routes: &[Route]) -> Result<Request> {
    Request::put(action_path(id, "remove_extraroutes")).json_wrapped("router", &Routes { routes })
}

/// Removes static routes; returns the router.
pub async fn remove_routes(client: &ServiceClient, id: &str, routes: Vec<Route>) -> Result<Router> {
    client
        .send_keyed(remove_routes_request(id, &routes)?, "router")
        .await
}

#[derive(Serialize)]
struct Gateways<'a> {
    external_gateways: &'a [GatewayInfo],
}

/// `PUT routers/{id}/{add,update,remove}_external_gateways` (`external-gateway-multihoming`);
/// `action` is `add`, `update` or `remove`.
pub fn external_gateways_request(
    id: &str,
    action: GatewaysAction,
    gateways: &[GatewayInfo],
) -> Result<Request> {
    let name = match action {
        GatewaysAction::Add => "add_external_gateways",
        GatewaysAction::Update => "update_external_gateways",
        GatewaysAction::Remove => "remove_external_gateways",
    };
    Request::put(action_path(id, name)).json_wrapped(
        "router",
        &Gateways {
            external_gateways: gateways,
        },
    )
}

/// What [`external_gateways`] does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum GatewaysAction {
    /// Adds gateways.
    Add,
    /// Updates gateways.
    Update,
    /// Removes gateways.
    Remove,
}

/// Adds, updates or removes external gateways of a multihomed router; returns the router.
pub async fn external_gateways(
    client: &ServiceClient,
    id: &str,
    action: GatewaysAction,
    gateways: Vec<GatewayInfo>,
) -> Result<Router> {
    client
        .send_keyed(external_gateways_request(id, action, &gateways)?, "router")
        .await
}
