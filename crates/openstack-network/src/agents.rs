//! Agents (`/v2.0/agents`, extension `agent`, admin only): the L2, DHCP, L3 and metadata
//! agents that report to Neutron, the networks a DHCP agent serves (extension
//! `dhcp_agent_scheduler`) and the routers an L3 agent hosts (extension `l3_agent_scheduler`).
//!
//! ```no_run
//! # async fn f(network: openstack_core::ServiceClient) -> openstack_core::Result<()> {
//! use futures::TryStreamExt;
//! use openstack_network::agents::{self, ListOpts, UpdateOpts};
//!
//! let dhcp: Vec<_> = agents::list(&network, ListOpts::new().agent_type("DHCP agent"))
//!     .try_collect()
//!     .await?;
//! for agent in &dhcp {
//!     let nets = agents::list_dhcp_networks(&network, &agent.id).await?;
//!     println!("{} on {} serves {} networks", agent.id, agent.host, nets.len());
//!     agents::update(&network, &agent.id, UpdateOpts::new().description("checked")).await?;
//! }
//! # Ok(()) }
//! ```

use openstack_core::serde_util::{lenient_flag, null_default};
use openstack_core::{Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::layer3::routers::Router;
use crate::networks::Network;
use crate::util::{self, setters};

/// An agent.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct Agent {
    /// The id.
    #[serde(deserialize_with = "null_default")]
    pub id: String,
    /// The type (`Open vSwitch agent`, `DHCP agent`, `L3 agent`, ...).
    #[serde(deserialize_with = "null_default")]
    pub agent_type: String,
    /// The executable (`neutron-dhcp-agent`, ...).
    #[serde(deserialize_with = "null_default")]
    pub binary: String,
    /// The host it runs on.
    #[serde(deserialize_with = "null_default")]
    pub host: String,
    /// The message queue topic.
    #[serde(deserialize_with = "null_default")]
    pub topic: String,
    /// The administrative state.
    #[serde(deserialize_with = "lenient_flag")]
    pub admin_state_up: bool,
    /// Whether its last heartbeat is recent.
    #[serde(deserialize_with = "lenient_flag")]
    pub alive: bool,
    /// The description.
    #[serde(deserialize_with = "null_default")]
    pub description: String,
    /// The availability zone (DHCP and L3 agents).
    pub availability_zone: Option<String>,
    /// The HA state of a router on an L3 agent (`active`, `standby`; only in
    /// [`list_router_l3_agents`] of an HA router).
    pub ha_state: Option<String>,
    /// Whether its resources are synced with placement.
    pub resources_synced: Option<bool>,
    /// Its configuration, as the agent reports it.
    pub configurations: serde_json::Value,
    /// The last heartbeat.
    #[serde(with = "openstack_core::timestamp::option")]
    pub heartbeat_timestamp: Option<OffsetDateTime>,
    /// When it (re)started.
    #[serde(with = "openstack_core::timestamp::option")]
    pub started_at: Option<OffsetDateTime>,
    /// When it first registered.
    #[serde(with = "openstack_core::timestamp::option")]
    pub created_at: Option<OffsetDateTime>,
}

/// Filters for [`list`].
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
pub struct ListOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    agent_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    binary: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    host: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    topic: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    admin_state_up: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    alive: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    availability_zone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
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
        /// Only this agent type.
        agent_type: str,
        /// Only this executable.
        binary: str,
        /// Only agents on this host.
        host: str,
        /// Only this topic.
        topic: str,
        /// Only agents in this administrative state.
        admin_state_up: bool,
        /// Only live (or dead) agents.
        alive: bool,
        /// Only this availability zone.
        availability_zone: str,
        /// Only this description.
        description: str,
    }
    crate::common_list_methods!();
}

/// Options for [`update`].
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
pub struct UpdateOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    admin_state_up: Option<bool>,
}

impl UpdateOpts {
    /// Changes nothing yet.
    pub fn new() -> Self {
        Self::default()
    }
    setters! {
        /// A new description.
        description: nstr clear_description,
        /// Enable or disable the agent (a disabled agent gets no new work scheduled).
        admin_state_up: bool,
    }
}

util::resource_fns! { "agents", "agent", "agents", Agent;
    /// Lists agents.
    list;
    /// Shows an agent.
    get;
    /// Updates an agent.
    update;
    /// Deletes an agent (it registers again at its next heartbeat if it still runs).
    delete;
}

fn dhcp_networks_path(agent_id: &str) -> String {
    format!("{}/dhcp-networks", util::item_path("agents", agent_id))
}

/// `GET agents/{agent_id}/dhcp-networks`.
pub fn list_dhcp_networks_request(agent_id: &str) -> Request {
    Request::get(dhcp_networks_path(agent_id))
}

/// The networks a DHCP agent serves.
pub async fn list_dhcp_networks(client: &ServiceClient, agent_id: &str) -> Result<Vec<Network>> {
    crate::send_many(client, list_dhcp_networks_request(agent_id), "networks").await
}

#[derive(Serialize)]
struct NetworkRef<'a> {
    network_id: &'a str,
}

/// `POST agents/{agent_id}/dhcp-networks` with `{"network_id": ..}`.
pub fn add_dhcp_network_request(agent_id: &str, network_id: &str) -> Result<Request> {
    Request::post(dhcp_networks_path(agent_id))
        .json(&NetworkRef { network_id })
        .map(|r| r.ok_status([201]))
}

/// Schedules a network on a DHCP agent.
pub async fn add_dhcp_network(
    client: &ServiceClient,
    agent_id: &str,
    network_id: &str,
) -> Result<()> {
    client
        .send(add_dhcp_network_request(agent_id, network_id)?)
        .await
        .map(drop)
}

/// `DELETE agents/{agent_id}/dhcp-networks/{network_id}`.
pub fn remove_dhcp_network_request(agent_id: &str, network_id: &str) -> Request {
    Request::delete(util::item_path(&dhcp_networks_path(agent_id), network_id)).ok_status([204])
}

/// Removes a network from a DHCP agent.
pub async fn remove_dhcp_network(
    client: &ServiceClient,
    agent_id: &str,
    network_id: &str,
) -> Result<()> {
    client
        .send_empty(remove_dhcp_network_request(agent_id, network_id))
        .await
}

/// `GET networks/{network_id}/dhcp-agents`.
pub fn list_network_dhcp_agents_request(network_id: &str) -> Request {
    Request::get(format!(
        "{}/dhcp-agents",
        util::item_path("networks", network_id)
    ))
}

/// The DHCP agents that serve a network.
pub async fn list_network_dhcp_agents(
    client: &ServiceClient,
    network_id: &str,
) -> Result<Vec<Agent>> {
    crate::send_many(
        client,
        list_network_dhcp_agents_request(network_id),
        "agents",
    )
    .await
}

fn l3_routers_path(agent_id: &str) -> String {
    format!("{}/l3-routers", util::item_path("agents", agent_id))
}

/// `GET agents/{agent_id}/l3-routers`.
pub fn list_l3_routers_request(agent_id: &str) -> Request {
    Request::get(l3_routers_path(agent_id))
}

/// The routers an L3 agent hosts.
pub async fn list_l3_routers(client: &ServiceClient, agent_id: &str) -> Result<Vec<Router>> {
    crate::send_many(client, list_l3_routers_request(agent_id), "routers").await
}

#[derive(Serialize)]
struct RouterRef<'a> {
    router_id: &'a str,
}

/// `POST agents/{agent_id}/l3-routers` with `{"router_id": ..}`.
pub fn add_l3_router_request(agent_id: &str, router_id: &str) -> Result<Request> {
    Request::post(l3_routers_path(agent_id))
        .json(&RouterRef { router_id })
        .map(|r| r.ok_status([201]))
}

/// Schedules a router on an L3 agent.
pub async fn add_l3_router(client: &ServiceClient, agent_id: &str, router_id: &str) -> Result<()> {
    client
        .send(add_l3_router_request(agent_id, router_id)?)
        .await
        .map(drop)
}

/// `DELETE agents/{agent_id}/l3-routers/{router_id}`.
pub fn remove_l3_router_request(agent_id: &str, router_id: &str) -> Request {
    Request::delete(util::item_path(&l3_routers_path(agent_id), router_id)).ok_status([204])
}

/// Removes a router from an L3 agent.
pub async fn remove_l3_router(
    client: &ServiceClient,
    agent_id: &str,
    router_id: &str,
) -> Result<()> {
    client
        .send_empty(remove_l3_router_request(agent_id, router_id))
        .await
}

/// `GET routers/{router_id}/l3-agents`.
pub fn list_router_l3_agents_request(router_id: &str) -> Request {
    Request::get(format!(
        "{}/l3-agents",
        util::item_path("routers", router_id)
    ))
}

/// The L3 agents that host a router.
pub async fn list_router_l3_agents(client: &ServiceClient, router_id: &str) -> Result<Vec<Agent>> {
    crate::send_many(client, list_router_l3_agents_request(router_id), "agents").await
}
