//! Network IP availability (`/v2.0/network-ip-availabilities`, admin).

use openstack_core::serde_util::null_default;
use openstack_core::{Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Deserializer, Serialize};

use crate::subnets::IpVersion;
use crate::util::{self, setters};

/// A count of addresses (IPv6 subnets hold more than `u64::MAX`).
fn count<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<u128, D::Error> {
    struct V;
    impl serde::de::Visitor<'_> for V {
        type Value = u128;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a count of addresses")
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> std::result::Result<u128, E> {
            Ok(u128::from(v))
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> std::result::Result<u128, E> {
            Ok(u128::try_from(v).unwrap_or(0))
        }
        fn visit_u128<E: serde::de::Error>(self, v: u128) -> std::result::Result<u128, E> {
            Ok(v)
        }
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        fn visit_f64<E: serde::de::Error>(self, v: f64) -> std::result::Result<u128, E> {
            Ok(v as u128)
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<u128, E> {
            v.trim().parse().map_err(E::custom)
        }
        fn visit_unit<E: serde::de::Error>(self) -> std::result::Result<u128, E> {
            Ok(0)
        }
    }
    d.deserialize_u128(V)
}

/// Availability in one subnet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct SubnetIpAvailability {
    /// The subnet.
    #[serde(deserialize_with = "null_default")]
    pub subnet_id: String,
    /// Its name.
    #[serde(deserialize_with = "null_default")]
    pub subnet_name: String,
    /// Its CIDR.
    #[serde(deserialize_with = "null_default")]
    pub cidr: String,
    /// 4 or 6.
    pub ip_version: IpVersion,
    /// Addresses in the allocation pools.
    #[serde(deserialize_with = "count")]
    pub total_ips: u128,
    /// Addresses in use.
    #[serde(deserialize_with = "count")]
    pub used_ips: u128,
    /// Counts inside and outside the allocation pools (newer Neutron).
    pub ip_availability_details: Option<IpAvailabilityDetails>,
}

/// Address counts of a subnet, inside and outside its allocation pools.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct IpAvailabilityDetails {
    /// Addresses in the subnet.
    #[serde(deserialize_with = "count")]
    pub total_ips_in_subnet: u128,
    /// Addresses in the allocation pools.
    #[serde(deserialize_with = "count")]
    pub total_ips_in_allocation_pool: u128,
    /// Addresses in use in the subnet.
    #[serde(deserialize_with = "count")]
    pub used_ips_in_subnet: u128,
    /// Addresses in use in the allocation pools.
    #[serde(deserialize_with = "count")]
    pub used_ips_in_allocation_pool: u128,
}

/// Availability in one network.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct NetworkIpAvailability {
    /// The network.
    #[serde(deserialize_with = "null_default")]
    pub network_id: String,
    /// Its name.
    #[serde(deserialize_with = "null_default")]
    pub network_name: String,
    /// The owner.
    #[serde(deserialize_with = "null_default")]
    pub project_id: String,
    /// The owner, legacy name.
    #[serde(deserialize_with = "null_default")]
    pub tenant_id: String,
    /// Addresses in all pools.
    #[serde(deserialize_with = "count")]
    pub total_ips: u128,
    /// Addresses in use.
    #[serde(deserialize_with = "count")]
    pub used_ips: u128,
    /// Per subnet.
    #[serde(deserialize_with = "null_default")]
    pub subnet_ip_availability: Vec<SubnetIpAvailability>,
}

/// Filters for [`list`].
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
pub struct ListOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    network_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    network_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ip_version: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    project_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tenant_id: Option<String>,
}

impl ListOpts {
    /// No filters.
    pub fn new() -> Self {
        Self::default()
    }
    setters! {
        /// Only this network.
        network_id: str,
        /// Only networks with this name.
        network_name: str,
        /// Only subnets of IP version 4 or 6.
        ip_version: num,
        /// Only this project.
        project_id: str,
        /// Only this project (legacy name).
        tenant_id: str,
    }
}

/// `GET network-ip-availabilities`.
pub fn list_request(opts: &ListOpts) -> Result<Request> {
    Request::get("network-ip-availabilities").query(opts)
}

/// Lists availability per network.
pub fn list(client: &ServiceClient, opts: ListOpts) -> Pager<NetworkIpAvailability> {
    crate::pager(client, list_request(&opts), "network_ip_availabilities")
}

/// `GET network-ip-availabilities/{network_id}`.
pub fn get_request(network_id: &str) -> Request {
    Request::get(util::item_path("network-ip-availabilities", network_id))
}

/// Availability of one network.
pub async fn get(client: &ServiceClient, network_id: &str) -> Result<NetworkIpAvailability> {
    client
        .send_keyed(get_request(network_id), "network_ip_availability")
        .await
}
