//! Hypervisors (`os-hypervisors`, admins): list, list with details, get, statistics. Ids are
//! integers before 2.53 and UUIDs from 2.53; both are read as strings. Usage fields
//! (`vcpus`, `memory_mb`, ...) were removed in 2.88 and are `None` from then.

use openstack_core::{encode_path_segment, Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};

use crate::util::{lenient_opt_i64, lenient_string, null_default};

/// A hypervisor.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Hypervisor {
    /// The id (an integer before 2.53, a UUID from 2.53; always a string here).
    #[serde(default, deserialize_with = "lenient_string")]
    pub id: String,
    /// The host name of the hypervisor.
    #[serde(default, deserialize_with = "null_default")]
    pub hypervisor_hostname: String,
    /// `up` or `down`.
    #[serde(default, deserialize_with = "null_default")]
    pub state: String,
    /// `enabled` or `disabled`.
    #[serde(default, deserialize_with = "null_default")]
    pub status: String,
    /// The hypervisor type (`QEMU`, `fake`, ...).
    #[serde(default)]
    pub hypervisor_type: Option<String>,
    /// The hypervisor version.
    #[serde(default, deserialize_with = "lenient_opt_i64")]
    pub hypervisor_version: Option<i64>,
    /// The management IP.
    #[serde(default)]
    pub host_ip: Option<String>,
    /// The compute service on it.
    #[serde(default)]
    pub service: Option<HypervisorService>,
    /// Servers on it (with `with_servers`, 2.53).
    #[serde(default)]
    pub servers: Option<Vec<HypervisorServer>>,
    /// The uptime text (2.88; `null` when unknown).
    #[serde(default)]
    pub uptime: Option<String>,
    /// CPU information (a JSON document; a string before 2.28).
    #[serde(default)]
    pub cpu_info: Option<serde_json::Value>,
    /// Virtual CPUs (before 2.88).
    #[serde(default, deserialize_with = "lenient_opt_i64")]
    pub vcpus: Option<i64>,
    /// Used virtual CPUs (before 2.88).
    #[serde(default, deserialize_with = "lenient_opt_i64")]
    pub vcpus_used: Option<i64>,
    /// Memory in MiB (before 2.88).
    #[serde(default, deserialize_with = "lenient_opt_i64")]
    pub memory_mb: Option<i64>,
    /// Used memory in MiB (before 2.88).
    #[serde(default, deserialize_with = "lenient_opt_i64")]
    pub memory_mb_used: Option<i64>,
    /// Free memory in MiB (before 2.88).
    #[serde(default, deserialize_with = "lenient_opt_i64")]
    pub free_ram_mb: Option<i64>,
    /// Local disk in GiB (before 2.88).
    #[serde(default, deserialize_with = "lenient_opt_i64")]
    pub local_gb: Option<i64>,
    /// Used local disk in GiB (before 2.88).
    #[serde(default, deserialize_with = "lenient_opt_i64")]
    pub local_gb_used: Option<i64>,
    /// Free disk in GiB (before 2.88).
    #[serde(default, deserialize_with = "lenient_opt_i64")]
    pub free_disk_gb: Option<i64>,
    /// Least available disk in GiB (before 2.88).
    #[serde(default, deserialize_with = "lenient_opt_i64")]
    pub disk_available_least: Option<i64>,
    /// Running servers (before 2.88).
    #[serde(default, deserialize_with = "lenient_opt_i64")]
    pub running_vms: Option<i64>,
    /// Current workload (before 2.88).
    #[serde(default, deserialize_with = "lenient_opt_i64")]
    pub current_workload: Option<i64>,
}

/// The compute service of a hypervisor.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct HypervisorService {
    /// The service id (integer before 2.53, UUID after).
    #[serde(default, deserialize_with = "lenient_string")]
    pub id: String,
    /// The host.
    #[serde(default, deserialize_with = "null_default")]
    pub host: String,
    /// Why it is disabled.
    #[serde(default)]
    pub disabled_reason: Option<String>,
}

/// A server on a hypervisor.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct HypervisorServer {
    /// The server id.
    #[serde(default)]
    pub uuid: String,
    /// The instance name.
    #[serde(default)]
    pub name: String,
}

/// Filters for [`list`] and [`list_detail`] (2.33 for paging, 2.53 for the others).
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
#[non_exhaustive]
pub struct ListOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    limit: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    marker: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hypervisor_hostname_pattern: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    with_servers: Option<bool>,
}

impl ListOpts {
    /// No filters.
    pub fn new() -> Self {
        Self::default()
    }
    /// Items per page.
    pub fn limit(mut self, n: u32) -> Self {
        self.limit = Some(n);
        self
    }
    /// Start after this hypervisor id.
    pub fn marker(mut self, m: impl Into<String>) -> Self {
        self.marker = Some(m.into());
        self
    }
    /// Hypervisors whose host name contains this.
    pub fn hypervisor_hostname_pattern(mut self, p: impl Into<String>) -> Self {
        self.hypervisor_hostname_pattern = Some(p.into());
        self
    }
    /// Include the servers on each hypervisor.
    pub fn with_servers(mut self, on: bool) -> Self {
        self.with_servers = Some(on);
        self
    }
}

/// `GET /os-hypervisors`.
pub fn list_request(opts: &ListOpts) -> Result<Request> {
    Request::get("os-hypervisors")
        .query(opts)
        .map(|r| r.ok_status([200]))
}

/// `GET /os-hypervisors/detail`.
pub fn list_detail_request(opts: &ListOpts) -> Result<Request> {
    Request::get("os-hypervisors/detail")
        .query(opts)
        .map(|r| r.ok_status([200]))
}

/// Lists hypervisors (id, host name, state, status), following `hypervisors_links`.
pub fn list(client: &ServiceClient, opts: ListOpts) -> Pager<Hypervisor> {
    Pager::linked(client.clone(), list_request(&opts), "hypervisors")
}

/// Lists hypervisors with details.
pub fn list_detail(client: &ServiceClient, opts: ListOpts) -> Pager<Hypervisor> {
    Pager::linked(client.clone(), list_detail_request(&opts), "hypervisors")
}

/// `GET /os-hypervisors/{id}` (`?with_servers=true` from 2.53).
pub fn get_request(id: &str, with_servers: bool) -> Request {
    let r = Request::get(format!("os-hypervisors/{}", encode_path_segment(id))).ok_status([200]);
    if with_servers {
        r.query_pair("with_servers", "true")
    } else {
        r
    }
}

/// Shows a hypervisor.
pub async fn get(client: &ServiceClient, id: &str, with_servers: bool) -> Result<Hypervisor> {
    #[derive(Deserialize)]
    struct R {
        hypervisor: Hypervisor,
    }
    let r: R = client.send_json(get_request(id, with_servers)).await?;
    Ok(r.hypervisor)
}

/// Totals over all hypervisors (removed in 2.88).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Statistics {
    /// Number of hypervisors.
    #[serde(default, deserialize_with = "lenient_opt_i64")]
    pub count: Option<i64>,
    /// Virtual CPUs.
    #[serde(default, deserialize_with = "lenient_opt_i64")]
    pub vcpus: Option<i64>,
    /// Used virtual CPUs.
    #[serde(default, deserialize_with = "lenient_opt_i64")]
    pub vcpus_used: Option<i64>,
    /// Memory in MiB.
    #[serde(default, deserialize_with = "lenient_opt_i64")]
    pub memory_mb: Option<i64>,
    /// Used memory in MiB.
    #[serde(default, deserialize_with = "lenient_opt_i64")]
    pub memory_mb_used: Option<i64>,
    /// Free memory in MiB.
    #[serde(default, deserialize_with = "lenient_opt_i64")]
    pub free_ram_mb: Option<i64>,
    /// Local disk in GiB.
    #[serde(default, deserialize_with = "lenient_opt_i64")]
    pub local_gb: Option<i64>,
    /// Used local disk in GiB.
    #[serde(default, deserialize_with = "lenient_opt_i64")]
    pub local_gb_used: Option<i64>,
    /// Free disk in GiB.
    #[serde(default, deserialize_with = "lenient_opt_i64")]
    pub free_disk_gb: Option<i64>,
    /// Least available disk in GiB.
    #[serde(default, deserialize_with = "lenient_opt_i64")]
    pub disk_available_least: Option<i64>,
    /// Running servers.
    #[serde(default, deserialize_with = "lenient_opt_i64")]
    pub running_vms: Option<i64>,
    /// Current workload.
    #[serde(default, deserialize_with = "lenient_opt_i64")]
    pub current_workload: Option<i64>,
}

/// `GET /os-hypervisors/statistics`.
pub fn statistics_request() -> Request {
    Request::get("os-hypervisors/statistics").ok_status([200])
}

/// Totals over all hypervisors (before 2.88).
pub async fn statistics(client: &ServiceClient) -> Result<Statistics> {
    #[derive(Deserialize)]
    struct R {
        hypervisor_statistics: Statistics,
    }
    let r: R = client.send_json(statistics_request()).await?;
    Ok(r.hypervisor_statistics)
}
