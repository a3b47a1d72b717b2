//! Availability zones (`os-availability-zone`): the zones (for everyone) and their hosts
//! and services (`/detail`, admins).

use std::collections::BTreeMap;

use openstack_core::{Pager, Request, ServiceClient};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::util::null_default;

/// An availability zone.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AvailabilityZone {
    /// The zone name.
    #[serde(default, rename = "zoneName")]
    pub zone_name: String,
    /// Its state.
    #[serde(default, rename = "zoneState")]
    pub zone_state: ZoneState,
    /// Hosts, each with its services by binary name (`/detail` only; `null` otherwise).
    #[serde(default, deserialize_with = "null_default")]
    pub hosts: BTreeMap<String, BTreeMap<String, ServiceState>>,
}

/// Whether a zone is available.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ZoneState {
    /// Available or not.
    #[serde(default)]
    pub available: bool,
}

/// The state of a service on a host in a zone.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ServiceState {
    /// Whether the service is enabled.
    #[serde(default)]
    pub active: bool,
    /// Whether the service is up.
    #[serde(default)]
    pub available: bool,
    /// Its last heartbeat.
    #[serde(default, with = "openstack_core::timestamp::option")]
    pub updated_at: Option<OffsetDateTime>,
}

/// `GET /os-availability-zone`.
pub fn list_request() -> Request {
    Request::get("os-availability-zone").ok_status([200])
}

/// `GET /os-availability-zone/detail`.
pub fn list_detail_request() -> Request {
    Request::get("os-availability-zone/detail").ok_status([200])
}

/// The availability zones.
pub fn list(client: &ServiceClient) -> Pager<AvailabilityZone> {
    Pager::single(client.clone(), list_request(), "availabilityZoneInfo")
}

/// The availability zones with their hosts and services (admins).
pub fn list_detail(client: &ServiceClient) -> Pager<AvailabilityZone> {
    Pager::single(
        client.clone(),
        list_detail_request(),
        "availabilityZoneInfo",
    )
}
