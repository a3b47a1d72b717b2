//! Limits (`GET /limits`): the project's absolute limits and usage.

use openstack_core::{Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};

use crate::util::lenient_opt_i64;

/// The limits of a project.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Limits {
    /// Absolute limits and usage.
    #[serde(default)]
    pub absolute: Absolute,
    /// Rate limits (always empty in current Nova).
    #[serde(default)]
    pub rate: Vec<serde_json::Value>,
}

macro_rules! absolute {
    ($( $(#[$m:meta])* $field:ident => $wire:literal, )+) => {
        /// Absolute limits (`-1` is unlimited) and usage. Fields a microversion removed are
        /// `None` (floating IPs, security groups and networks from 2.36, injected files from
        /// 2.57).
        #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
        #[non_exhaustive]
        pub struct Absolute {
            $(
                $(#[$m])*
                #[serde(default, rename = $wire, deserialize_with = "lenient_opt_i64")]
                pub $field: Option<i64>,
            )+
        }
    };
}

absolute! {
    /// `maxServerMeta`.
    max_server_meta => "maxServerMeta",
    /// `maxPersonality`.
    max_personality => "maxPersonality",
    /// `maxPersonalitySize`.
    max_personality_size => "maxPersonalitySize",
    /// `maxImageMeta`.
    max_image_meta => "maxImageMeta",
    /// `maxTotalCores`.
    max_total_cores => "maxTotalCores",
    /// `maxTotalInstances`.
    max_total_instances => "maxTotalInstances",
    /// `maxTotalKeypairs`.
    max_total_keypairs => "maxTotalKeypairs",
    /// `maxTotalRAMSize` (MiB).
    max_total_ram_size => "maxTotalRAMSize",
    /// `maxServerGroups`.
    max_server_groups => "maxServerGroups",
    /// `maxServerGroupMembers`.
    max_server_group_members => "maxServerGroupMembers",
    /// `maxTotalFloatingIps`.
    max_total_floating_ips => "maxTotalFloatingIps",
    /// `maxSecurityGroups`.
    max_security_groups => "maxSecurityGroups",
    /// `maxSecurityGroupRules`.
    max_security_group_rules => "maxSecurityGroupRules",
    /// `totalCoresUsed`.
    total_cores_used => "totalCoresUsed",
    /// `totalInstancesUsed`.
    total_instances_used => "totalInstancesUsed",
    /// `totalRAMUsed` (MiB).
    total_ram_used => "totalRAMUsed",
    /// `totalServerGroupsUsed`.
    total_server_groups_used => "totalServerGroupsUsed",
    /// `totalFloatingIpsUsed`.
    total_floating_ips_used => "totalFloatingIpsUsed",
    /// `totalSecurityGroupsUsed`.
    total_security_groups_used => "totalSecurityGroupsUsed",
}

/// `GET /limits` (admins may ask for another project's with `tenant_id`).
pub fn get_request(project_id: Option<&str>) -> Request {
    let r = Request::get("limits").ok_status([200]);
    match project_id {
        Some(p) => r.query_pair("tenant_id", p),
        None => r,
    }
}

/// The limits of the caller's project (or of `project_id`, admins).
pub async fn get(client: &ServiceClient, project_id: Option<&str>) -> Result<Limits> {
    #[derive(Deserialize)]
    struct R {
        limits: Limits,
    }
    let r: R = client.send_json(get_request(project_id)).await?;
    Ok(r.limits)
}
