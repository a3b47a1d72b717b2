//! Availability zones (`/os-availability-zone`).

use openstack_core::serde_util::null_default;
use openstack_core::{Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};

use crate::util;

/// The state of a zone.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ZoneState {
    /// Whether volumes can be created in it.
    #[serde(default, deserialize_with = "util::lenient_flag")]
    pub available: bool,
}

/// An availability zone.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AvailabilityZone {
    /// The name (`zoneName`).
    #[serde(rename = "zoneName", default, deserialize_with = "null_default")]
    pub zone_name: String,
    /// The state (`zoneState`).
    #[serde(rename = "zoneState", default)]
    pub zone_state: ZoneState,
}

/// `GET os-availability-zone`.
pub fn list_request() -> Request {
    Request::get("os-availability-zone")
}

/// Lists the availability zones.
pub async fn list(client: &ServiceClient) -> Result<Vec<AvailabilityZone>> {
    util::send_many(client, list_request(), "availabilityZoneInfo").await
}
