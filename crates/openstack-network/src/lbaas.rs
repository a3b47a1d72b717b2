//! LBaaS v1 (`lb/pools`, `lb/members`, `lb/health_monitors`, `lb/vips`), kept for old
//! clouds: Neutron removed it in Newton in favour of LBaaS v2 and then Octavia, so only
//! clouds from before 2016 (or their heirs) still answer.
//!
//! ```no_run
//! # async fn f(network: openstack_core::ServiceClient, subnet_id: &str) -> openstack_core::Result<()> {
//! use openstack_network::lbaas::{members, monitors, pools, vips};
//!
//! let pool = pools::create(
//!     &network,
//!     pools::CreateOpts::new(subnet_id, "HTTP", pools::LbMethod::RoundRobin).name("web"),
//! )
//! .await?;
//! members::create(&network, members::CreateOpts::new(&pool.id, "10.0.0.11", 80)).await?;
//! let hm = monitors::create(&network, monitors::CreateOpts::new("HTTP", 5, 3, 2).url_path("/health"))
//!     .await?;
//! pools::associate_monitor(&network, &pool.id, &hm.id).await?;
//! let vip = vips::create(&network, vips::CreateOpts::new(&pool.id, subnet_id, "HTTP", 80)).await?;
//! println!("{}", vip.address);
//! # Ok(()) }
//! ```

pub mod pools {
    //! Pools (`lb/pools`): the members behind a VIP and how traffic is spread over them.

    use std::collections::BTreeMap;

    use openstack_core::{Pager, Request, Result, ServiceClient};
    use serde::{Deserialize, Serialize};

    use crate::util::{self, setters};
    use openstack_core::open_enum;
    use openstack_core::serde_util::{lenient_flag, null_default};

    open_enum! {
        /// The balancing algorithm.
        pub enum LbMethod {
            /// Round robin.
            RoundRobin => "ROUND_ROBIN",
            /// Least connections.
            LeastConnections => "LEAST_CONNECTIONS",
            /// By source address.
            SourceIp => "SOURCE_IP",
        }
        default RoundRobin
    }

    /// A pool.
    #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
    #[serde(default)]
    #[non_exhaustive]
    pub struct Pool {
        /// The id.
        #[serde(deserialize_with = "null_default")]
        pub id: String,
        /// The name.
        #[serde(deserialize_with = "null_default")]
        pub name: String,
        /// The description.
        #[serde(deserialize_with = "null_default")]
        pub description: String,
        /// The status (`ACTIVE`, `PENDING_CREATE`, `ERROR`...).
        #[serde(deserialize_with = "null_default")]
        pub status: String,
        /// The algorithm.
        pub lb_method: LbMethod,
        /// `TCP`, `HTTP` or `HTTPS`.
        #[serde(deserialize_with = "null_default")]
        pub protocol: String,
        /// The subnet of the members.
        #[serde(deserialize_with = "null_default")]
        pub subnet_id: String,
        /// The owner.
        #[serde(deserialize_with = "null_default")]
        pub tenant_id: String,
        /// The administrative state.
        #[serde(deserialize_with = "lenient_flag")]
        pub admin_state_up: bool,
        /// Member ids.
        #[serde(deserialize_with = "null_default")]
        pub members: Vec<String>,
        /// Health monitor ids.
        #[serde(deserialize_with = "null_default")]
        pub health_monitors: Vec<String>,
        /// The VIP, if any.
        pub vip_id: Option<String>,
        /// The provider.
        pub provider: Option<String>,
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
        status: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        lb_method: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        protocol: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        subnet_id: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        tenant_id: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        admin_state_up: Option<bool>,
        #[serde(skip_serializing_if = "Option::is_none")]
        vip_id: Option<String>,
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
            /// Only this status.
            status: str,
            /// Only this algorithm.
            lb_method: str,
            /// Only this protocol.
            protocol: str,
            /// Only this subnet.
            subnet_id: str,
            /// Only this project.
            tenant_id: str,
            /// Only this administrative state.
            admin_state_up: bool,
            /// Only pools of this VIP.
            vip_id: str,
        }
        crate::common_list_methods!();
    }

    /// Options for [`create`].
    #[derive(Debug, Clone, Default, Serialize)]
    #[must_use]
    pub struct CreateOpts {
        subnet_id: String,
        protocol: String,
        lb_method: LbMethod,
        #[serde(skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        description: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        tenant_id: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        admin_state_up: Option<bool>,
        #[serde(skip_serializing_if = "Option::is_none")]
        provider: Option<String>,
        #[serde(flatten)]
        extra: BTreeMap<String, serde_json::Value>,
    }

    impl CreateOpts {
        /// A pool of members on `subnet_id` for `protocol` (`TCP`, `HTTP`, `HTTPS`).
        pub fn new(
            subnet_id: impl Into<String>,
            protocol: impl Into<String>,
            lb_method: LbMethod,
        ) -> Self {
            CreateOpts {
                subnet_id: subnet_id.into(),
                protocol: protocol.into(),
                lb_method,
                ..Self::default()
            }
        }
        setters! {
            /// The name.
            name: str,
            /// The description.
            description: str,
            /// The owner (admin).
            tenant_id: str,
            /// The administrative state.
            admin_state_up: bool,
            /// The provider.
            provider: str,
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
        lb_method: Option<LbMethod>,
        #[serde(skip_serializing_if = "Option::is_none")]
        admin_state_up: Option<bool>,
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
            /// A new description.
            description: estr clear_description,
            /// A new algorithm.
            lb_method: val<LbMethod>,
            /// The administrative state.
            admin_state_up: bool,
        }
        util::extra_setter!();
    }

    util::crud_fns!("lb/pools", "pool", "pools", Pool);

    /// `POST lb/pools/{id}/health_monitors` with `{"health_monitor": {"id": ...}}`.
    pub fn associate_monitor_request(pool_id: &str, monitor_id: &str) -> Result<Request> {
        Request::post(format!(
            "{}/health_monitors",
            util::item_path("lb/pools", pool_id)
        ))
        .json(&serde_json::json!({"health_monitor": {"id": monitor_id}}))
        .map(|r| r.ok_status([201]))
    }

    /// Associates a health monitor with a pool.
    pub async fn associate_monitor(
        client: &ServiceClient,
        pool_id: &str,
        monitor_id: &str,
    ) -> Result<()> {
        client
            .send_empty(associate_monitor_request(pool_id, monitor_id)?)
            .await
    }

    /// `DELETE lb/pools/{id}/health_monitors/{monitor_id}`.
    pub fn disassociate_monitor_request(pool_id: &str, monitor_id: &str) -> Request {
        Request::delete(format!(
            "{}/health_monitors/{}",
            util::item_path("lb/pools", pool_id),
            openstack_core::encode_path_segment(monitor_id)
        ))
        .ok_status([204])
    }

    /// Removes a health monitor from a pool.
    pub async fn disassociate_monitor(
        client: &ServiceClient,
        pool_id: &str,
        monitor_id: &str,
    ) -> Result<()> {
        client
            .send_empty(disassociate_monitor_request(pool_id, monitor_id))
            .await
    }
}

pub mod members {
    //! Members (`lb/members`): the back ends of a pool.

    use std::collections::BTreeMap;

    use openstack_core::{Pager, Request, Result, ServiceClient};
    use serde::{Deserialize, Serialize};

    use crate::util::{self, setters};
    use openstack_core::serde_util::{lenient_flag, lenient_u64, null_default};

    /// A member.
    #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
    #[serde(default)]
    #[non_exhaustive]
    pub struct Member {
        /// The id.
        #[serde(deserialize_with = "null_default")]
        pub id: String,
        /// The pool.
        #[serde(deserialize_with = "null_default")]
        pub pool_id: String,
        /// The address.
        #[serde(deserialize_with = "null_default")]
        pub address: String,
        /// The port.
        #[serde(deserialize_with = "lenient_u64")]
        pub protocol_port: Option<u64>,
        /// The weight.
        #[serde(deserialize_with = "lenient_u64")]
        pub weight: Option<u64>,
        /// The owner.
        #[serde(deserialize_with = "null_default")]
        pub tenant_id: String,
        /// The administrative state.
        #[serde(deserialize_with = "lenient_flag")]
        pub admin_state_up: bool,
        /// The status.
        #[serde(deserialize_with = "null_default")]
        pub status: String,
    }

    /// Filters for [`list`].
    #[derive(Debug, Clone, Default, Serialize)]
    #[must_use]
    pub struct ListOpts {
        #[serde(skip_serializing_if = "Option::is_none")]
        id: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pool_id: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        address: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        protocol_port: Option<u64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        status: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        tenant_id: Option<String>,
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
            /// Only members of this pool.
            pool_id: str,
            /// Only this address.
            address: str,
            /// Only this port.
            protocol_port: num,
            /// Only this status.
            status: str,
            /// Only this project.
            tenant_id: str,
        }
        crate::common_list_methods!();
    }

    /// Options for [`create`].
    #[derive(Debug, Clone, Default, Serialize)]
    #[must_use]
    pub struct CreateOpts {
        pool_id: String,
        address: String,
        protocol_port: u64,
        #[serde(skip_serializing_if = "Option::is_none")]
        weight: Option<u64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        admin_state_up: Option<bool>,
        #[serde(skip_serializing_if = "Option::is_none")]
        tenant_id: Option<String>,
        #[serde(flatten)]
        extra: BTreeMap<String, serde_json::Value>,
    }

    impl CreateOpts {
        /// `address:protocol_port` in `pool_id`.
        pub fn new(
            pool_id: impl Into<String>,
            address: impl Into<String>,
            protocol_port: u64,
        ) -> Self {
            CreateOpts {
                pool_id: pool_id.into(),
                address: address.into(),
                protocol_port,
                ..Self::default()
            }
        }
        setters! {
            /// The weight.
            weight: num,
            /// The administrative state.
            admin_state_up: bool,
            /// The owner (admin).
            tenant_id: str,
        }
        util::extra_setter!();
    }

    /// Options for [`update`].
    #[derive(Debug, Clone, Default, Serialize)]
    #[must_use]
    pub struct UpdateOpts {
        #[serde(skip_serializing_if = "Option::is_none")]
        weight: Option<u64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        admin_state_up: Option<bool>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pool_id: Option<String>,
        #[serde(flatten)]
        extra: BTreeMap<String, serde_json::Value>,
    }

    impl UpdateOpts {
        /// Changes nothing yet.
        pub fn new() -> Self {
            Self::default()
        }
        setters! {
            /// A new weight.
            weight: num,
            /// The administrative state.
            admin_state_up: bool,
            /// Moves the member to another pool.
            pool_id: str,
        }
        util::extra_setter!();
    }

    util::crud_fns!("lb/members", "member", "members", Member);
}

pub mod monitors {
    //! Health monitors (`lb/health_monitors`).

    use std::collections::BTreeMap;

    use openstack_core::{Pager, Request, Result, ServiceClient};
    use serde::{Deserialize, Serialize};

    use crate::util::{self, setters};
    use openstack_core::serde_util::{lenient_flag, lenient_u64, null_default};

    /// A health monitor.
    #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
    #[serde(default)]
    #[non_exhaustive]
    pub struct Monitor {
        /// The id.
        #[serde(deserialize_with = "null_default")]
        pub id: String,
        /// `PING`, `TCP`, `HTTP` or `HTTPS`.
        #[serde(rename = "type", deserialize_with = "null_default")]
        pub kind: String,
        /// Seconds between probes.
        #[serde(deserialize_with = "lenient_u64")]
        pub delay: Option<u64>,
        /// Seconds to wait for a reply.
        #[serde(deserialize_with = "lenient_u64")]
        pub timeout: Option<u64>,
        /// Failures before a member is marked inactive.
        #[serde(deserialize_with = "lenient_u64")]
        pub max_retries: Option<u64>,
        /// The HTTP method of HTTP(S) probes.
        #[serde(deserialize_with = "null_default")]
        pub http_method: String,
        /// The path of HTTP(S) probes.
        #[serde(deserialize_with = "null_default")]
        pub url_path: String,
        /// The expected HTTP codes (`200`, `200-202`, `200,202`).
        #[serde(deserialize_with = "null_default")]
        pub expected_codes: String,
        /// The owner.
        #[serde(deserialize_with = "null_default")]
        pub tenant_id: String,
        /// The administrative state.
        #[serde(deserialize_with = "lenient_flag")]
        pub admin_state_up: bool,
        /// The status.
        #[serde(deserialize_with = "null_default")]
        pub status: String,
        /// The pools using it.
        #[serde(deserialize_with = "null_default")]
        pub pools: Vec<serde_json::Value>,
    }

    /// Filters for [`list`].
    #[derive(Debug, Clone, Default, Serialize)]
    #[must_use]
    pub struct ListOpts {
        #[serde(skip_serializing_if = "Option::is_none")]
        id: Option<String>,
        #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
        kind: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        status: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        tenant_id: Option<String>,
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
            /// Only this type (`HTTP`...).
            kind: str,
            /// Only this status.
            status: str,
            /// Only this project.
            tenant_id: str,
        }
        crate::common_list_methods!();
    }

    /// Options for [`create`].
    #[derive(Debug, Clone, Default, Serialize)]
    #[must_use]
    pub struct CreateOpts {
        #[serde(rename = "type")]
        kind: String,
        delay: u64,
        timeout: u64,
        max_retries: u64,
        #[serde(skip_serializing_if = "Option::is_none")]
        http_method: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        url_path: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        expected_codes: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        admin_state_up: Option<bool>,
        #[serde(skip_serializing_if = "Option::is_none")]
        tenant_id: Option<String>,
        #[serde(flatten)]
        extra: BTreeMap<String, serde_json::Value>,
    }

    impl CreateOpts {
        /// A `kind` (`PING`, `TCP`, `HTTP`, `HTTPS`) monitor probing every `delay` seconds,
        /// waiting `timeout` seconds, allowing `max_retries` failures.
        pub fn new(kind: impl Into<String>, delay: u64, timeout: u64, max_retries: u64) -> Self {
            CreateOpts {
                kind: kind.into(),
                delay,
                timeout,
                max_retries,
                ..Self::default()
            }
        }
        setters! {
            /// The HTTP method.
            http_method: str,
            /// The HTTP path.
            url_path: str,
            /// The expected codes.
            expected_codes: str,
            /// The administrative state.
            admin_state_up: bool,
            /// The owner (admin).
            tenant_id: str,
        }
        util::extra_setter!();
    }

    /// Options for [`update`].
    #[derive(Debug, Clone, Default, Serialize)]
    #[must_use]
    pub struct UpdateOpts {
        #[serde(skip_serializing_if = "Option::is_none")]
        delay: Option<u64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        timeout: Option<u64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        max_retries: Option<u64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        http_method: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        url_path: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        expected_codes: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        admin_state_up: Option<bool>,
        #[serde(flatten)]
        extra: BTreeMap<String, serde_json::Value>,
    }

    impl UpdateOpts {
        /// Changes nothing yet.
        pub fn new() -> Self {
            Self::default()
        }
        setters! {
            /// A new delay.
            delay: num,
            /// A new timeout.
            timeout: num,
            /// A new retry count.
            max_retries: num,
            /// A new HTTP method.
            http_method: str,
            /// A new HTTP path.
            url_path: str,
            /// New expected codes.
            expected_codes: str,
            /// The administrative state.
            admin_state_up: bool,
        }
        util::extra_setter!();
    }

    util::crud_fns!(
        "lb/health_monitors",
        "health_monitor",
        "health_monitors",
        Monitor
    );
}

pub mod vips {
    //! Virtual IPs (`lb/vips`): the address and port clients connect to.

    use std::collections::BTreeMap;

    use openstack_core::{Pager, Request, Result, ServiceClient};
    use serde::{Deserialize, Serialize};

    use crate::util::{self, setters};
    use openstack_core::serde_util::{lenient_flag, lenient_u64, null_default};

    /// Session persistence of a VIP.
    #[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
    #[serde(default)]
    #[non_exhaustive]
    pub struct SessionPersistence {
        /// `SOURCE_IP`, `HTTP_COOKIE` or `APP_COOKIE`.
        #[serde(rename = "type", deserialize_with = "null_default")]
        pub kind: String,
        /// The cookie of `APP_COOKIE`.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub cookie_name: Option<String>,
    }

    impl SessionPersistence {
        /// Persistence of `kind`.
        pub fn new(kind: impl Into<String>) -> Self {
            SessionPersistence {
                kind: kind.into(),
                cookie_name: None,
            }
        }

        /// The application cookie.
        #[must_use]
        pub fn cookie_name(mut self, name: impl Into<String>) -> Self {
            self.cookie_name = Some(name.into());
            self
        }
    }

    /// A virtual IP.
    #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
    #[serde(default)]
    #[non_exhaustive]
    pub struct VirtualIp {
        /// The id.
        #[serde(deserialize_with = "null_default")]
        pub id: String,
        /// The name.
        #[serde(deserialize_with = "null_default")]
        pub name: String,
        /// The description.
        #[serde(deserialize_with = "null_default")]
        pub description: String,
        /// The subnet of the address.
        #[serde(deserialize_with = "null_default")]
        pub subnet_id: String,
        /// The address.
        #[serde(deserialize_with = "null_default")]
        pub address: String,
        /// `TCP`, `HTTP` or `HTTPS`.
        #[serde(deserialize_with = "null_default")]
        pub protocol: String,
        /// The port.
        #[serde(deserialize_with = "lenient_u64")]
        pub protocol_port: Option<u64>,
        /// The pool.
        #[serde(deserialize_with = "null_default")]
        pub pool_id: String,
        /// The Neutron port of the address.
        #[serde(deserialize_with = "null_default")]
        pub port_id: String,
        /// Session persistence.
        pub session_persistence: Option<SessionPersistence>,
        /// The connection limit (`-1`: none).
        pub connection_limit: Option<i64>,
        /// The owner.
        #[serde(deserialize_with = "null_default")]
        pub tenant_id: String,
        /// The administrative state.
        #[serde(deserialize_with = "lenient_flag")]
        pub admin_state_up: bool,
        /// The status.
        #[serde(deserialize_with = "null_default")]
        pub status: String,
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
        pool_id: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        subnet_id: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        address: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        port_id: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        protocol: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        protocol_port: Option<u64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        status: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        tenant_id: Option<String>,
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
            /// Only this pool.
            pool_id: str,
            /// Only this subnet.
            subnet_id: str,
            /// Only this address.
            address: str,
            /// Only this port.
            port_id: str,
            /// Only this protocol.
            protocol: str,
            /// Only this protocol port.
            protocol_port: num,
            /// Only this status.
            status: str,
            /// Only this project.
            tenant_id: str,
        }
        crate::common_list_methods!();
    }

    /// Options for [`create`].
    #[derive(Debug, Clone, Default, Serialize)]
    #[must_use]
    pub struct CreateOpts {
        pool_id: String,
        subnet_id: String,
        protocol: String,
        protocol_port: u64,
        #[serde(skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        description: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        address: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        session_persistence: Option<SessionPersistence>,
        #[serde(skip_serializing_if = "Option::is_none")]
        connection_limit: Option<i64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        admin_state_up: Option<bool>,
        #[serde(skip_serializing_if = "Option::is_none")]
        tenant_id: Option<String>,
        #[serde(flatten)]
        extra: BTreeMap<String, serde_json::Value>,
    }

    impl CreateOpts {
        /// A VIP for `pool_id` with an address on `subnet_id`, listening on `protocol_port`.
        pub fn new(
            pool_id: impl Into<String>,
            subnet_id: impl Into<String>,
            protocol: impl Into<String>,
            protocol_port: u64,
        ) -> Self {
            CreateOpts {
                pool_id: pool_id.into(),
                subnet_id: subnet_id.into(),
                protocol: protocol.into(),
                protocol_port,
                ..Self::default()
            }
        }
        setters! {
            /// The name.
            name: str,
            /// The description.
            description: str,
            /// A specific address.
            address: str,
            /// Session persistence.
            session_persistence: val<SessionPersistence>,
            /// The connection limit.
            connection_limit: val<i64>,
            /// The administrative state.
            admin_state_up: bool,
            /// The owner (admin).
            tenant_id: str,
        }
        util::extra_setter!();
    }

    /// Options for [`update`]; `clear_session_persistence` sends `null`.
    #[derive(Debug, Clone, Default, Serialize)]
    #[must_use]
    pub struct UpdateOpts {
        #[serde(skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        description: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        pool_id: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        session_persistence: Option<Option<SessionPersistence>>,
        #[serde(skip_serializing_if = "Option::is_none")]
        connection_limit: Option<i64>,
        #[serde(skip_serializing_if = "Option::is_none")]
        admin_state_up: Option<bool>,
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
            /// A new description.
            description: estr clear_description,
            /// Another pool.
            pool_id: str,
            /// Session persistence.
            session_persistence: nval clear_session_persistence <SessionPersistence>,
            /// The connection limit.
            connection_limit: val<i64>,
            /// The administrative state.
            admin_state_up: bool,
        }
        util::extra_setter!();
    }

    util::crud_fns!("lb/vips", "vip", "vips", VirtualIp);
}
