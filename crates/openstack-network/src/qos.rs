//! Quality of service (`/v2.0/qos`, extension `qos`): policies, the rules under a policy
//! (bandwidth limit, DSCP marking, minimum bandwidth, minimum packet rate, packet rate limit)
//! and the rule types the loaded drivers support.
//!
//! A policy is applied by setting `qos_policy_id` on a port or a network.
//!
//! ```no_run
//! # async fn f(network: openstack_core::ServiceClient) -> openstack_core::Result<()> {
//! use openstack_network::qos::{self, Direction, RuleKind, RuleOpts};
//!
//! let policy = qos::create(&network, qos::CreateOpts::new("10Mbit").shared(false)).await?;
//! let rule = qos::create_rule(
//!     &network,
//!     &policy.id,
//!     RuleOpts::bandwidth_limit(10_000).max_burst_kbps(1_000).direction(Direction::Egress),
//! )
//! .await?;
//! qos::update_rule(
//!     &network,
//!     &policy.id,
//!     &rule.id,
//!     RuleOpts::new(RuleKind::BandwidthLimit).max_kbps(20_000),
//! )
//! .await?;
//! qos::delete_rule(&network, &policy.id, RuleKind::BandwidthLimit, &rule.id).await?;
//! qos::delete(&network, &policy.id).await?;
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
    /// The direction of traffic a rule applies to.
    pub enum Direction {
        /// Traffic leaving the instance.
        Egress => "egress",
        /// Traffic entering the instance.
        Ingress => "ingress",
        /// Both directions (minimum packet rate rules).
        Any => "any",
    }
}

/// A QoS policy.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct Policy {
    /// The id.
    #[serde(deserialize_with = "null_default")]
    pub id: String,
    /// The name.
    #[serde(deserialize_with = "null_default")]
    pub name: String,
    /// The description.
    #[serde(deserialize_with = "null_default")]
    pub description: String,
    /// Whether other projects may use it.
    #[serde(deserialize_with = "lenient_flag")]
    pub shared: bool,
    /// Whether it is the default policy of its project.
    #[serde(deserialize_with = "lenient_flag")]
    pub is_default: bool,
    /// Its rules (each with its `type`).
    #[serde(deserialize_with = "null_default")]
    pub rules: Vec<Rule>,
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
    shared: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_default: Option<bool>,
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
        /// Only shared (or unshared) policies.
        shared: bool,
        /// Only the default policy (or the others).
        is_default: bool,
        /// Only this project (legacy name).
        tenant_id: str,
        /// Only this project.
        project_id: str,
        /// Only this revision.
        revision_number: num,
    }
    crate::common_list_methods!();
}

/// Options for [`create`]. Neutron refuses `tags` when creating a policy: set them
/// afterwards with [`tags::replace_all`](crate::tags::replace_all) on the tag resource type
/// `"policies"` (Neutron answers `PUT qos/policies/{id}/tags` with "Invalid tags body").
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
pub struct CreateOpts {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    shared: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_default: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tenant_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    project_id: Option<String>,
    #[serde(flatten)]
    extra: BTreeMap<String, serde_json::Value>,
}

impl CreateOpts {
    /// A policy named `name`.
    pub fn new(name: impl Into<String>) -> Self {
        CreateOpts {
            name: name.into(),
            ..Self::default()
        }
    }
    setters! {
        /// The description.
        description: str,
        /// Share it with every project.
        shared: bool,
        /// Make it the default policy of the project.
        is_default: bool,
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
    shared: Option<bool>,
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
        /// Share (or unshare) it.
        shared: bool,
        /// Make it (or stop it being) the default policy.
        is_default: bool,
    }
    util::extra_setter!();
    util::revision_setter! {
        /// Updates only if the policy is still at `revision` (`If-Match`).
    }
}

util::resource_fns! { "qos/policies", "policy", "policies", Policy;
    /// Lists QoS policies.
    list;
    /// Shows a QoS policy.
    get;
    /// Creates a QoS policy.
    create;
    /// Updates a QoS policy.
    update if_match;
    /// Deletes a QoS policy (refused while ports or networks use it).
    delete;
}

open_enum! {
    /// The kind of a QoS rule; each kind has its own collection under a policy.
    pub enum RuleKind {
        /// `bandwidth_limit`: `max_kbps`, `max_burst_kbps`, `direction`.
        BandwidthLimit => "bandwidth_limit",
        /// `dscp_marking`: `dscp_mark`.
        DscpMarking => "dscp_marking",
        /// `minimum_bandwidth`: `min_kbps`, `direction`.
        MinimumBandwidth => "minimum_bandwidth",
        /// `minimum_packet_rate`: `min_kpps`, `direction`.
        MinimumPacketRate => "minimum_packet_rate",
        /// `packet_rate_limit`: `max_kpps`, `max_burst_kpps`, `direction`.
        PacketRateLimit => "packet_rate_limit",
    }
}

impl RuleKind {
    /// The JSON key of one rule (`bandwidth_limit_rule`).
    pub fn key(&self) -> String {
        format!("{}_rule", self.as_str())
    }

    /// The collection (`bandwidth_limit_rules`), also the JSON key of a list.
    pub fn collection(&self) -> String {
        format!("{}_rules", self.as_str())
    }
}

/// A QoS rule. Which fields are set depends on its kind; `kind` is set by Neutron in the
/// `rules` of a [`Policy`] and by the functions of this module otherwise.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct Rule {
    /// The id.
    #[serde(deserialize_with = "null_default")]
    pub id: String,
    /// The kind (`type`).
    #[serde(rename = "type")]
    pub kind: Option<RuleKind>,
    /// The policy it belongs to.
    #[serde(deserialize_with = "null_default")]
    pub qos_policy_id: String,
    /// The direction.
    pub direction: Option<Direction>,
    /// Bandwidth limit: the maximum rate in kbps.
    #[serde(deserialize_with = "lenient_u64")]
    pub max_kbps: Option<u64>,
    /// Bandwidth limit: the burst in kilobits.
    #[serde(deserialize_with = "lenient_u64")]
    pub max_burst_kbps: Option<u64>,
    /// DSCP marking: the mark (0–56, even).
    #[serde(deserialize_with = "lenient_u64")]
    pub dscp_mark: Option<u64>,
    /// Minimum bandwidth in kbps.
    #[serde(deserialize_with = "lenient_u64")]
    pub min_kbps: Option<u64>,
    /// Minimum packet rate in kpps.
    #[serde(deserialize_with = "lenient_u64")]
    pub min_kpps: Option<u64>,
    /// Packet rate limit: the maximum in kpps.
    #[serde(deserialize_with = "lenient_u64")]
    pub max_kpps: Option<u64>,
    /// Packet rate limit: the burst in kilo-packets.
    #[serde(deserialize_with = "lenient_u64")]
    pub max_burst_kpps: Option<u64>,
}

/// The body of [`create_rule`] or [`update_rule`]: the rule kind and the fields to send.
#[derive(Debug, Clone, Serialize)]
#[must_use]
pub struct RuleOpts {
    #[serde(skip)]
    kind: RuleKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    direction: Option<Direction>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_kbps: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_burst_kbps: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dscp_mark: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    min_kbps: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    min_kpps: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_kpps: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_burst_kpps: Option<u64>,
    #[serde(flatten)]
    extra: BTreeMap<String, serde_json::Value>,
}

impl RuleOpts {
    /// A rule of `kind` with no fields yet (for updates, or kinds with no constructor).
    pub fn new(kind: RuleKind) -> Self {
        RuleOpts {
            kind,
            direction: None,
            max_kbps: None,
            max_burst_kbps: None,
            dscp_mark: None,
            min_kbps: None,
            min_kpps: None,
            max_kpps: None,
            max_burst_kpps: None,
            extra: BTreeMap::new(),
        }
    }

    /// A bandwidth limit of `max_kbps`.
    pub fn bandwidth_limit(max_kbps: u64) -> Self {
        Self::new(RuleKind::BandwidthLimit).max_kbps(max_kbps)
    }

    /// DSCP marking with `dscp_mark`.
    pub fn dscp_marking(dscp_mark: u64) -> Self {
        Self::new(RuleKind::DscpMarking).dscp_mark(dscp_mark)
    }

    /// A minimum bandwidth of `min_kbps`.
    pub fn minimum_bandwidth(min_kbps: u64) -> Self {
        Self::new(RuleKind::MinimumBandwidth).min_kbps(min_kbps)
    }

    /// A minimum packet rate of `min_kpps`.
    pub fn minimum_packet_rate(min_kpps: u64) -> Self {
        Self::new(RuleKind::MinimumPacketRate).min_kpps(min_kpps)
    }

    /// A packet rate limit of `max_kpps`.
    pub fn packet_rate_limit(max_kpps: u64) -> Self {
        Self::new(RuleKind::PacketRateLimit).max_kpps(max_kpps)
    }

    /// The kind of rule.
    pub fn kind(&self) -> &RuleKind {
        &self.kind
    }

    setters! {
        /// The direction (`egress` by default; `any` only for minimum packet rate).
        direction: val<Direction>,
        /// The maximum rate in kbps.
        max_kbps: num,
        /// The burst in kilobits.
        max_burst_kbps: num,
        /// The DSCP mark.
        dscp_mark: num,
        /// The minimum bandwidth in kbps.
        min_kbps: num,
        /// The minimum packet rate in kpps.
        min_kpps: num,
        /// The maximum packet rate in kpps.
        max_kpps: num,
        /// The packet burst in kilo-packets.
        max_burst_kpps: num,
    }
    util::extra_setter!();
}

fn rules_path(policy_id: &str, kind: &RuleKind) -> String {
    format!(
        "{}/{}",
        util::item_path("qos/policies", policy_id),
        kind.collection()
    )
}

fn rule_path(policy_id: &str, kind: &RuleKind, rule_id: &str) -> String {
    util::item_path(&rules_path(policy_id, kind), rule_id)
}

fn with_kind(mut rule: Rule, kind: &RuleKind) -> Rule {
    if rule.kind.is_none() {
        rule.kind = Some(kind.clone());
    }
    rule
}

/// `GET qos/policies/{policy_id}/{kind}_rules`.
pub fn list_rules_request(policy_id: &str, kind: &RuleKind) -> Request {
    Request::get(rules_path(policy_id, kind))
}

/// Lists the rules of one kind in a policy.
pub async fn list_rules(
    client: &ServiceClient,
    policy_id: &str,
    kind: RuleKind,
) -> Result<Vec<Rule>> {
    let rules: Vec<Rule> = crate::send_many(
        client,
        list_rules_request(policy_id, &kind),
        &kind.collection(),
    )
    .await?;
    Ok(rules.into_iter().map(|r| with_kind(r, &kind)).collect())
}

/// `GET qos/policies/{policy_id}/{kind}_rules/{rule_id}`.
pub fn get_rule_request(policy_id: &str, kind: &RuleKind, rule_id: &str) -> Request {
    Request::get(rule_path(policy_id, kind, rule_id))
}

/// Shows a rule.
pub async fn get_rule(
    client: &ServiceClient,
    policy_id: &str,
    kind: RuleKind,
    rule_id: &str,
) -> Result<Rule> {
    let rule = client
        .send_keyed(get_rule_request(policy_id, &kind, rule_id), &kind.key())
        .await?;
    Ok(with_kind(rule, &kind))
}

/// `POST qos/policies/{policy_id}/{kind}_rules` with `{"<kind>_rule": {...}}`.
pub fn create_rule_request(policy_id: &str, opts: &RuleOpts) -> Result<Request> {
    Request::post(rules_path(policy_id, &opts.kind))
        .json_wrapped(&opts.kind.key(), opts)
        .map(|r| r.ok_status([201]))
}

/// Creates a rule in a policy.
pub async fn create_rule(client: &ServiceClient, policy_id: &str, opts: RuleOpts) -> Result<Rule> {
    let rule = client
        .send_keyed(create_rule_request(policy_id, &opts)?, &opts.kind.key())
        .await?;
    Ok(with_kind(rule, &opts.kind))
}

/// `PUT qos/policies/{policy_id}/{kind}_rules/{rule_id}`.
pub fn update_rule_request(policy_id: &str, rule_id: &str, opts: &RuleOpts) -> Result<Request> {
    Request::put(rule_path(policy_id, &opts.kind, rule_id)).json_wrapped(&opts.kind.key(), opts)
}

/// Updates a rule (the kind is that of `opts`).
pub async fn update_rule(
    client: &ServiceClient,
    policy_id: &str,
    rule_id: &str,
    opts: RuleOpts,
) -> Result<Rule> {
    let rule = client
        .send_keyed(
            update_rule_request(policy_id, rule_id, &opts)?,
            &opts.kind.key(),
        )
        .await?;
    Ok(with_kind(rule, &opts.kind))
}

/// `DELETE qos/policies/{policy_id}/{kind}_rules/{rule_id}`.
pub fn delete_rule_request(policy_id: &str, kind: &RuleKind, rule_id: &str) -> Request {
    Request::delete(rule_path(policy_id, kind, rule_id)).ok_status([204])
}

/// Deletes a rule.
pub async fn delete_rule(
    client: &ServiceClient,
    policy_id: &str,
    kind: RuleKind,
    rule_id: &str,
) -> Result<()> {
    client
        .send_empty(delete_rule_request(policy_id, &kind, rule_id))
        .await
}

/// A rule type the loaded QoS drivers support.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct RuleType {
    /// The rule type (`bandwidth_limit`, ...).
    #[serde(rename = "type", deserialize_with = "null_default")]
    pub kind: String,
    /// The drivers that support it and their parameters (only in [`get_rule_type`]).
    #[serde(deserialize_with = "null_default")]
    pub drivers: Vec<RuleTypeDriver>,
}

/// A driver's support of a rule type.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct RuleTypeDriver {
    /// The driver name (`openvswitch`, ...).
    #[serde(deserialize_with = "null_default")]
    pub name: String,
    /// The parameters it supports.
    #[serde(deserialize_with = "null_default")]
    pub supported_parameters: Vec<SupportedParameter>,
}

/// A parameter of a rule type and the values a driver accepts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct SupportedParameter {
    /// The parameter (`max_kbps`, ...).
    #[serde(deserialize_with = "null_default")]
    pub parameter_name: String,
    /// `range` or `choices`.
    #[serde(deserialize_with = "null_default")]
    pub parameter_type: String,
    /// `{"start": .., "end": ..}` for a range, a list for choices.
    pub parameter_values: serde_json::Value,
}

/// `GET qos/rule-types`.
pub fn list_rule_types_request() -> Request {
    Request::get("qos/rule-types")
}

/// Lists the rule types the loaded drivers support.
pub async fn list_rule_types(client: &ServiceClient) -> Result<Vec<RuleType>> {
    crate::send_many(client, list_rule_types_request(), "rule_types").await
}

/// `GET qos/rule-types/{rule_type}`.
pub fn get_rule_type_request(rule_type: &str) -> Request {
    Request::get(util::item_path("qos/rule-types", rule_type))
}

/// Shows a rule type with the drivers that support it. Neutron wraps it in `rule_type`; the
/// API reference shows it unwrapped: both are accepted.
pub async fn get_rule_type(client: &ServiceClient, rule_type: &str) -> Result<RuleType> {
    let bytes = client
        .send(get_rule_type_request(rule_type))
        .await?
        .bytes()
        .await?;
    decode_rule_type(&bytes)
}

/// Decodes a rule type document, wrapped in `rule_type` or not.
pub fn decode_rule_type(bytes: &[u8]) -> Result<RuleType> {
    #[derive(Deserialize)]
    struct Wrapped {
        rule_type: RuleType,
    }
    let v: serde_json::Value = openstack_core::decode_json(bytes, "rule type")?;
    if v.get("rule_type").is_some_and(serde_json::Value::is_object) {
        let w: Wrapped = openstack_core::decode_json(bytes, "rule type")?;
        Ok(w.rule_type)
    } else {
        openstack_core::decode_json(bytes, "rule type")
    }
}
