//! Servers: list (detailed and summary), get, create, update, delete, force delete, and
//! waiting for a status or for deletion. Actions (reboot, resize, ...) are in
//! [`crate::actions`]; metadata, addresses, interfaces, volume attachments, instance actions
//! and tags have their own modules.
//!
//! ```no_run
//! # async fn f(compute: openstack_core::ServiceClient) -> openstack_core::Result<()> {
//! use futures::TryStreamExt;
//! use openstack_compute::servers::{self, ListOpts, Status};
//!
//! let mut active = servers::list(&compute, ListOpts::new().status(Status::Active).limit(50));
//! while let Some(s) = active.try_next().await? {
//!     println!("{} {} {:?}", s.id, s.name, s.flavor.id());
//! }
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;
use std::time::Duration;

use base64::Engine as _;
use openstack_core::wait::Waiter;
use openstack_core::{encode_path_segment, Error, Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Deserializer, Serialize};
use time::OffsetDateTime;

use crate::diskconfig::DiskConfig;
use crate::util::{lenient_opt_i64, lenient_string, null_default, open_enum, Link};

open_enum! {
    /// A server's status.
    pub enum Status {
        /// Running.
        Active => "ACTIVE",
        /// Being built.
        Build => "BUILD",
        /// Deleted.
        Deleted => "DELETED",
        /// Failed; see [`Server::fault`].
        Error => "ERROR",
        /// Hard-rebooting.
        HardReboot => "HARD_REBOOT",
        /// Being live-migrated.
        Migrating => "MIGRATING",
        /// Its password is being reset.
        Password => "PASSWORD",
        /// Paused.
        Paused => "PAUSED",
        /// Soft-rebooting.
        Reboot => "REBOOT",
        /// Being rebuilt.
        Rebuild => "REBUILD",
        /// In rescue mode.
        Rescue => "RESCUE",
        /// Being resized or migrated.
        Resize => "RESIZE",
        /// A resize or migration is being reverted.
        RevertResize => "REVERT_RESIZE",
        /// Shelved (still on its host).
        Shelved => "SHELVED",
        /// Shelved and removed from its host.
        ShelvedOffloaded => "SHELVED_OFFLOADED",
        /// Stopped.
        Shutoff => "SHUTOFF",
        /// Soft-deleted (can be restored until reclaimed).
        SoftDeleted => "SOFT_DELETED",
        /// Suspended.
        Suspended => "SUSPENDED",
        /// Nova's own `UNKNOWN`: the state of the server cannot be determined (for example its
        /// compute host is down).
        UnknownState => "UNKNOWN",
        /// Waiting for the resize or migration to be confirmed or reverted.
        VerifyResize => "VERIFY_RESIZE",
    }
}

/// One address of a server on a network (`addresses.<network>[]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Address {
    /// The IP address.
    #[serde(default)]
    pub addr: String,
    /// 4 or 6.
    #[serde(default, deserialize_with = "crate::util::lenient_i64")]
    pub version: i64,
    /// `fixed` or `floating` (`OS-EXT-IPS:type`).
    #[serde(
        default,
        rename = "OS-EXT-IPS:type",
        skip_serializing_if = "Option::is_none"
    )]
    pub kind: Option<String>,
    /// The MAC address of the port (`OS-EXT-IPS-MAC:mac_addr`).
    #[serde(
        default,
        rename = "OS-EXT-IPS-MAC:mac_addr",
        skip_serializing_if = "Option::is_none"
    )]
    pub mac_addr: Option<String>,
}

/// The image a server was booted from: `None` in [`Server::image`] when it booted from a
/// volume (Nova sends `""`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ImageRef {
    /// The image id.
    #[serde(default)]
    pub id: String,
    /// Links to the image.
    #[serde(default, deserialize_with = "null_default")]
    pub links: Vec<Link>,
    /// Image properties (microversion 2.98 and later).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub properties: Option<BTreeMap<String, serde_json::Value>>,
}

/// The flavor of a server. Before microversion 2.47 Nova sends a reference
/// (`{"id", "links"}`); from 2.47 the flavor's details are embedded instead (`original_name`,
/// `vcpus`, `ram`, ... and no id). Both fit this struct.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ServerFlavor {
    /// The flavor id (before 2.47).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Links to the flavor (before 2.47).
    #[serde(
        default,
        deserialize_with = "null_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub links: Vec<Link>,
    /// The flavor's name at the time the server was built (2.47).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_name: Option<String>,
    /// Virtual CPUs (2.47).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vcpus: Option<i64>,
    /// Memory in MiB (2.47).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ram: Option<i64>,
    /// Root disk in GiB (2.47).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disk: Option<i64>,
    /// Ephemeral disk in GiB (2.47).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ephemeral: Option<i64>,
    /// Swap in MiB (2.47; `""` is read as 0).
    #[serde(
        default,
        deserialize_with = "lenient_opt_i64",
        skip_serializing_if = "Option::is_none"
    )]
    pub swap: Option<i64>,
    /// Extra specs (2.47, visible by policy).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extra_specs: Option<BTreeMap<String, String>>,
}

impl ServerFlavor {
    /// The flavor id, when the response carries one (before microversion 2.47).
    pub fn id(&self) -> Option<&str> {
        self.id.as_deref()
    }

    /// The flavor name, when the response embeds the flavor (microversion 2.47 and later).
    pub fn name(&self) -> Option<&str> {
        self.original_name.as_deref()
    }
}

/// Why a server is in `ERROR` (or a past failure), as Nova reports it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Fault {
    /// The HTTP-like error code.
    #[serde(default, deserialize_with = "crate::util::lenient_i64")]
    pub code: i64,
    /// The message.
    #[serde(default, deserialize_with = "null_default")]
    pub message: String,
    /// When it happened.
    #[serde(default, with = "openstack_core::timestamp::option")]
    pub created: Option<OffsetDateTime>,
    /// A traceback (admins only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<String>,
}

/// A volume attached to a server (`os-extended-volumes:volumes_attached`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AttachedVolume {
    /// The volume id.
    #[serde(default)]
    pub id: String,
    /// Whether the volume is deleted with the server (2.3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delete_on_termination: Option<bool>,
}

/// A security group name, as servers list them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SecurityGroupRef {
    /// The group name.
    #[serde(default)]
    pub name: String,
}

/// A server, as `GET /servers/{id}` and `GET /servers/detail` return it, at any
/// microversion. The create response fills only `id`, `links`, `admin_pass`,
/// `disk_config` and `security_groups`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Server {
    /// The server id.
    #[serde(default)]
    pub id: String,
    /// The name.
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// The status.
    #[serde(default, deserialize_with = "null_default")]
    pub status: Status,
    /// The owning project.
    #[serde(default, deserialize_with = "null_default")]
    pub tenant_id: String,
    /// The user who created it.
    #[serde(default, deserialize_with = "null_default")]
    pub user_id: String,
    /// An opaque id of the host (unique per project and host).
    #[serde(default, rename = "hostId", deserialize_with = "null_default")]
    pub host_id: String,
    /// Creation time.
    #[serde(default, with = "openstack_core::timestamp::option")]
    pub created: Option<OffsetDateTime>,
    /// Last update time.
    #[serde(default, with = "openstack_core::timestamp::option")]
    pub updated: Option<OffsetDateTime>,
    /// Addresses by network name.
    #[serde(default, deserialize_with = "null_default")]
    pub addresses: BTreeMap<String, Vec<Address>>,
    /// Metadata.
    #[serde(default, deserialize_with = "null_default")]
    pub metadata: BTreeMap<String, String>,
    /// The image (`None` for a server booted from a volume).
    #[serde(default, deserialize_with = "image_ref")]
    pub image: Option<ImageRef>,
    /// The flavor: a reference before 2.47, embedded details from 2.47.
    #[serde(default, deserialize_with = "null_default")]
    pub flavor: ServerFlavor,
    /// The public IPv4 address set by the user.
    #[serde(default, rename = "accessIPv4", deserialize_with = "null_default")]
    pub access_ipv4: String,
    /// The public IPv6 address set by the user.
    #[serde(default, rename = "accessIPv6", deserialize_with = "null_default")]
    pub access_ipv6: String,
    /// Build progress in percent (while building, resizing, ...).
    #[serde(default, deserialize_with = "lenient_opt_i64")]
    pub progress: Option<i64>,
    /// The key pair injected into the server.
    #[serde(default)]
    pub key_name: Option<String>,
    /// Whether a config drive is attached (Nova sends `""`, `"True"` or a boolean).
    #[serde(default, deserialize_with = "lenient_string")]
    pub config_drive: String,
    /// The disk configuration (`OS-DCF:diskConfig`).
    #[serde(default, rename = "OS-DCF:diskConfig")]
    pub disk_config: Option<DiskConfig>,
    /// The availability zone (`OS-EXT-AZ:availability_zone`).
    #[serde(default, rename = "OS-EXT-AZ:availability_zone")]
    pub availability_zone: Option<String>,
    /// The compute host (`OS-EXT-SRV-ATTR:host`, admins).
    #[serde(default, rename = "OS-EXT-SRV-ATTR:host")]
    pub host: Option<String>,
    /// The hypervisor host name (`OS-EXT-SRV-ATTR:hypervisor_hostname`, admins).
    #[serde(default, rename = "OS-EXT-SRV-ATTR:hypervisor_hostname")]
    pub hypervisor_hostname: Option<String>,
    /// The instance name on the hypervisor (`OS-EXT-SRV-ATTR:instance_name`, admins).
    #[serde(default, rename = "OS-EXT-SRV-ATTR:instance_name")]
    pub instance_name: Option<String>,
    /// The host name inside the server (`OS-EXT-SRV-ATTR:hostname`, 2.3).
    #[serde(default, rename = "OS-EXT-SRV-ATTR:hostname")]
    pub hostname: Option<String>,
    /// The reservation id (`OS-EXT-SRV-ATTR:reservation_id`, 2.3).
    #[serde(default, rename = "OS-EXT-SRV-ATTR:reservation_id")]
    pub reservation_id: Option<String>,
    /// The launch index in a multiple create (`OS-EXT-SRV-ATTR:launch_index`, 2.3).
    #[serde(
        default,
        rename = "OS-EXT-SRV-ATTR:launch_index",
        deserialize_with = "lenient_opt_i64"
    )]
    pub launch_index: Option<i64>,
    /// The kernel image (`OS-EXT-SRV-ATTR:kernel_id`, 2.3).
    #[serde(default, rename = "OS-EXT-SRV-ATTR:kernel_id")]
    pub kernel_id: Option<String>,
    /// The ramdisk image (`OS-EXT-SRV-ATTR:ramdisk_id`, 2.3).
    #[serde(default, rename = "OS-EXT-SRV-ATTR:ramdisk_id")]
    pub ramdisk_id: Option<String>,
    /// The root device name (`OS-EXT-SRV-ATTR:root_device_name`, 2.3).
    #[serde(default, rename = "OS-EXT-SRV-ATTR:root_device_name")]
    pub root_device_name: Option<String>,
    /// The user data, base64-encoded (`OS-EXT-SRV-ATTR:user_data`, 2.3).
    #[serde(default, rename = "OS-EXT-SRV-ATTR:user_data")]
    pub user_data: Option<String>,
    /// The power state (`OS-EXT-STS:power_state`: 0 no state, 1 running, 3 paused,
    /// 4 shut down, 6 crashed, 7 suspended).
    #[serde(
        default,
        rename = "OS-EXT-STS:power_state",
        deserialize_with = "lenient_opt_i64"
    )]
    pub power_state: Option<i64>,
    /// The task in progress (`OS-EXT-STS:task_state`).
    #[serde(default, rename = "OS-EXT-STS:task_state")]
    pub task_state: Option<String>,
    /// The VM state (`OS-EXT-STS:vm_state`).
    #[serde(default, rename = "OS-EXT-STS:vm_state")]
    pub vm_state: Option<String>,
    /// When the server was launched (`OS-SRV-USG:launched_at`).
    #[serde(
        default,
        rename = "OS-SRV-USG:launched_at",
        with = "openstack_core::timestamp::option"
    )]
    pub launched_at: Option<OffsetDateTime>,
    /// When the server was terminated (`OS-SRV-USG:terminated_at`).
    #[serde(
        default,
        rename = "OS-SRV-USG:terminated_at",
        with = "openstack_core::timestamp::option"
    )]
    pub terminated_at: Option<OffsetDateTime>,
    /// Attached volumes (`os-extended-volumes:volumes_attached`).
    #[serde(
        default,
        rename = "os-extended-volumes:volumes_attached",
        deserialize_with = "null_default"
    )]
    pub volumes_attached: Vec<AttachedVolume>,
    /// Security groups.
    #[serde(default, deserialize_with = "null_default")]
    pub security_groups: Vec<SecurityGroupRef>,
    /// The fault, when the server is in `ERROR` (or had one).
    #[serde(default)]
    pub fault: Option<Fault>,
    /// Whether the server is locked (2.9).
    #[serde(default)]
    pub locked: Option<bool>,
    /// Why it is locked (2.73).
    #[serde(default)]
    pub locked_reason: Option<String>,
    /// The description (2.19).
    #[serde(default)]
    pub description: Option<String>,
    /// Tags (2.26).
    #[serde(default)]
    pub tags: Option<Vec<String>>,
    /// The state of the compute host: `UP`, `DOWN`, `MAINTENANCE`, `UNKNOWN` or `""` (2.16,
    /// by policy).
    #[serde(default)]
    pub host_status: Option<String>,
    /// Trusted image certificate ids (2.63).
    #[serde(default)]
    pub trusted_image_certificates: Option<Vec<String>>,
    /// The server groups the server is in (2.71).
    #[serde(default)]
    pub server_groups: Option<Vec<String>>,
    /// The availability zone the server is pinned to (2.96).
    #[serde(default)]
    pub pinned_availability_zone: Option<String>,
    /// The scheduler hints given at creation (2.100).
    #[serde(default)]
    pub scheduler_hints: Option<BTreeMap<String, serde_json::Value>>,
    /// The administrator password (create and rebuild responses only, when enabled).
    #[serde(default, rename = "adminPass", skip_serializing_if = "Option::is_none")]
    pub admin_pass: Option<String>,
    /// Links.
    #[serde(default, deserialize_with = "null_default")]
    pub links: Vec<Link>,
}

fn image_ref<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<ImageRef>, D::Error> {
    let v = serde_json::Value::deserialize(d)?;
    match v {
        serde_json::Value::Null => Ok(None),
        serde_json::Value::String(s) if s.is_empty() => Ok(None),
        serde_json::Value::String(s) => Ok(Some(ImageRef {
            id: s,
            ..ImageRef::default()
        })),
        other => serde_json::from_value(other)
            .map(Some)
            .map_err(serde::de::Error::custom),
    }
}

/// A server in the summary listing (`GET /servers`): id, name and links.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ServerSummary {
    /// The server id.
    #[serde(default)]
    pub id: String,
    /// The name.
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// Links.
    #[serde(default, deserialize_with = "null_default")]
    pub links: Vec<Link>,
}

// ---------------------------------------------------------------------------------------------
// list

/// Filters and sorting for [`list`] and [`list_summary`]. Non-admins see only some filters
/// honoured (Nova ignores the others for them).
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
#[non_exhaustive]
pub struct ListOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    flavor: Option<String>,
    #[serde(rename = "changes-since", skip_serializing_if = "Option::is_none")]
    changes_since: Option<String>,
    #[serde(rename = "changes-before", skip_serializing_if = "Option::is_none")]
    changes_before: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tags: Option<String>,
    #[serde(rename = "tags-any", skip_serializing_if = "Option::is_none")]
    tags_any: Option<String>,
    #[serde(rename = "not-tags", skip_serializing_if = "Option::is_none")]
    not_tags: Option<String>,
    #[serde(rename = "not-tags-any", skip_serializing_if = "Option::is_none")]
    not_tags_any: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    all_tenants: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tenant_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    user_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    host: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ip: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ip6: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reservation_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    availability_zone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    locked: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    deleted: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    limit: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    marker: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    sort_key: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    sort_dir: Vec<String>,
}

fn join<I, S>(items: I) -> String
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    items
        .into_iter()
        .map(Into::into)
        .collect::<Vec<String>>()
        .join(",")
}

impl ListOpts {
    /// No filters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Servers whose name matches this regular expression.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Servers with this status.
    pub fn status(mut self, status: impl Into<Status>) -> Self {
        self.status = Some(status.into().into());
        self
    }

    /// Servers booted from this image (id or URL).
    pub fn image(mut self, image: impl Into<String>) -> Self {
        self.image = Some(image.into());
        self
    }

    /// Servers of this flavor (id or URL).
    pub fn flavor(mut self, flavor: impl Into<String>) -> Self {
        self.flavor = Some(flavor.into());
        self
    }

    /// Servers changed since this time (deleted ones included).
    pub fn changes_since(mut self, t: OffsetDateTime) -> Self {
        self.changes_since = Some(openstack_core::timestamp::format(&t));
        self
    }

    /// Servers changed before this time (2.66).
    pub fn changes_before(mut self, t: OffsetDateTime) -> Self {
        self.changes_before = Some(openstack_core::timestamp::format(&t));
        self
    }

    /// Servers that have all of these tags (2.26).
    pub fn tags<I: IntoIterator<Item = S>, S: Into<String>>(mut self, tags: I) -> Self {
        self.tags = Some(join(tags));
        self
    }

    /// Servers that have any of these tags (2.26).
    pub fn tags_any<I: IntoIterator<Item = S>, S: Into<String>>(mut self, tags: I) -> Self {
        self.tags_any = Some(join(tags));
        self
    }

    /// Servers that do not have all of these tags (2.26).
    pub fn not_tags<I: IntoIterator<Item = S>, S: Into<String>>(mut self, tags: I) -> Self {
        self.not_tags = Some(join(tags));
        self
    }

    /// Servers that have none of these tags (2.26).
    pub fn not_tags_any<I: IntoIterator<Item = S>, S: Into<String>>(mut self, tags: I) -> Self {
        self.not_tags_any = Some(join(tags));
        self
    }

    /// Servers of every project (admins).
    pub fn all_tenants(mut self, all: bool) -> Self {
        self.all_tenants = Some(all);
        self
    }

    /// Servers of this project (admins, with `all_tenants`).
    pub fn tenant_id(mut self, id: impl Into<String>) -> Self {
        self.tenant_id = Some(id.into());
        self
    }

    /// Servers of this user (admins).
    pub fn user_id(mut self, id: impl Into<String>) -> Self {
        self.user_id = Some(id.into());
        self
    }

    /// Servers on this compute host (admins).
    pub fn host(mut self, host: impl Into<String>) -> Self {
        self.host = Some(host.into());
        self
    }

    /// Servers with an IPv4 address matching this regular expression.
    pub fn ip(mut self, ip: impl Into<String>) -> Self {
        self.ip = Some(ip.into());
        self
    }

    /// Servers with an IPv6 address matching this regular expression.
    pub fn ip6(mut self, ip: impl Into<String>) -> Self {
        self.ip6 = Some(ip.into());
        self
    }

    /// Servers of this reservation (multiple create).
    pub fn reservation_id(mut self, id: impl Into<String>) -> Self {
        self.reservation_id = Some(id.into());
        self
    }

    /// Servers in this availability zone.
    pub fn availability_zone(mut self, az: impl Into<String>) -> Self {
        self.availability_zone = Some(az.into());
        self
    }

    /// Locked (or unlocked) servers (2.73).
    pub fn locked(mut self, locked: bool) -> Self {
        self.locked = Some(locked);
        self
    }

    /// Deleted servers only (admins).
    pub fn deleted(mut self, deleted: bool) -> Self {
        self.deleted = Some(deleted);
        self
    }

    /// Items per page.
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }

    /// Start after this server id.
    pub fn marker(mut self, marker: impl Into<String>) -> Self {
        self.marker = Some(marker.into());
        self
    }

    /// Sort by this key (repeatable: `created_at`, `display_name`, `uuid`, ...).
    pub fn sort_key(mut self, key: impl Into<String>) -> Self {
        self.sort_key.push(key.into());
        self
    }

    /// Sort direction (`asc` or `desc`) for the sort key at the same position (repeatable).
    pub fn sort_dir(mut self, dir: impl Into<String>) -> Self {
        self.sort_dir.push(dir.into());
        self
    }
}

/// `GET /servers/detail` with filters.
pub fn list_request(opts: &ListOpts) -> Result<Request> {
    Request::get("servers/detail")
        .query(opts)
        .map(|r| r.ok_status([200, 203]))
}

/// `GET /servers` (summary: ids, names, links) with filters.
pub fn list_summary_request(opts: &ListOpts) -> Result<Request> {
    Request::get("servers")
        .query(opts)
        .map(|r| r.ok_status([200, 203]))
}

/// Lists servers with their details, following `servers_links` page by page.
pub fn list(client: &ServiceClient, opts: ListOpts) -> Pager<Server> {
    Pager::linked(client.clone(), list_request(&opts), "servers")
}

/// Lists servers in summary form (id, name, links).
pub fn list_summary(client: &ServiceClient, opts: ListOpts) -> Pager<ServerSummary> {
    Pager::linked(client.clone(), list_summary_request(&opts), "servers")
}

// ---------------------------------------------------------------------------------------------
// get

#[derive(Deserialize)]
struct ServerWrapper {
    server: Server,
}

/// `GET /servers/{id}`.
pub fn get_request(id: &str) -> Request {
    Request::get(format!("servers/{}", encode_path_segment(id))).ok_status([200, 203])
}

/// Shows a server.
pub async fn get(client: &ServiceClient, id: &str) -> Result<Server> {
    let w: ServerWrapper = client.send_json(get_request(id)).await?;
    Ok(w.server)
}

// ---------------------------------------------------------------------------------------------
// create

/// A network to attach a new server to (one entry of `networks`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[must_use]
#[non_exhaustive]
pub struct Network {
    /// The network id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    /// A port id to use instead of a network.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port: Option<String>,
    /// A fixed IP on the network.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fixed_ip: Option<String>,
    /// A device tag (2.32; 2.37 and later again from 2.42).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
}

impl Network {
    /// A NIC on the network with this id.
    pub fn uuid(uuid: impl Into<String>) -> Self {
        Network {
            uuid: Some(uuid.into()),
            ..Self::default()
        }
    }

    /// A NIC on this existing port.
    pub fn port(port: impl Into<String>) -> Self {
        Network {
            port: Some(port.into()),
            ..Self::default()
        }
    }

    /// Asks for this fixed IP.
    pub fn fixed_ip(mut self, ip: impl Into<String>) -> Self {
        self.fixed_ip = Some(ip.into());
        self
    }

    /// Tags the device.
    pub fn tag(mut self, tag: impl Into<String>) -> Self {
        self.tag = Some(tag.into());
        self
    }
}

/// The `networks` of a new server. From microversion 2.37 Nova requires one of these.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Networks {
    /// `"auto"`: Nova allocates a network (auto-allocated topology).
    Auto,
    /// `"none"`: no network at all.
    None,
    /// These NICs.
    List(Vec<Network>),
}

impl Serialize for Networks {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Networks::Auto => s.serialize_str("auto"),
            Networks::None => s.serialize_str("none"),
            Networks::List(l) => l.serialize(s),
        }
    }
}

/// A file injected into a new or rebuilt server (`personality`, removed in 2.57).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Personality {
    /// The path in the server.
    pub path: String,
    /// The contents, base64-encoded.
    pub contents: String,
}

impl Personality {
    /// A file with these contents (they are base64-encoded for you).
    pub fn new(path: impl Into<String>, contents: impl AsRef<[u8]>) -> Self {
        Personality {
            path: path.into(),
            contents: base64::engine::general_purpose::STANDARD.encode(contents),
        }
    }

    /// A file whose contents are already base64-encoded.
    pub fn encoded(path: impl Into<String>, base64_contents: impl Into<String>) -> Self {
        Personality {
            path: path.into(),
            contents: base64_contents.into(),
        }
    }
}

/// One entry of `block_device_mapping_v2`, for booting from a volume or attaching extra
/// disks at creation.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[must_use]
#[non_exhaustive]
pub struct BlockDevice {
    /// `image`, `volume`, `snapshot` or `blank`.
    pub source_type: String,
    /// `volume` or `local`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination_type: Option<String>,
    /// The id of the source (image, volume or snapshot).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    /// The boot order (0 is the boot device; negative or absent: not bootable).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub boot_index: Option<i32>,
    /// The size in GiB of a volume Nova creates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub volume_size: Option<u32>,
    /// Whether the volume is deleted with the server.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delete_on_termination: Option<bool>,
    /// The device name (`vdb`); usually left to Nova.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device_name: Option<String>,
    /// The bus (`virtio`, `scsi`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disk_bus: Option<String>,
    /// `disk` or `cdrom`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub device_type: Option<String>,
    /// The file system of a blank local disk (`swap`, `ext4`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guest_format: Option<String>,
    /// The volume type of a volume Nova creates (2.67).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub volume_type: Option<String>,
    /// A device tag (2.32, 2.42).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
}

impl BlockDevice {
    /// A mapping with this source type; set the rest with the builder methods.
    pub fn new(source_type: impl Into<String>) -> Self {
        BlockDevice {
            source_type: source_type.into(),
            ..Self::default()
        }
    }

    /// Boot from a new `size_gib` volume that Nova creates from `image_id` (deleted with the
    /// server).
    pub fn boot_volume_from_image(image_id: impl Into<String>, size_gib: u32) -> Self {
        BlockDevice::new("image")
            .uuid(image_id)
            .destination_type("volume")
            .volume_size(size_gib)
            .boot_index(0)
            .delete_on_termination(true)
    }

    /// Boot from an existing volume.
    pub fn boot_from_volume(volume_id: impl Into<String>) -> Self {
        BlockDevice::new("volume")
            .uuid(volume_id)
            .destination_type("volume")
            .boot_index(0)
    }

    /// Sets `destination_type`.
    pub fn destination_type(mut self, v: impl Into<String>) -> Self {
        self.destination_type = Some(v.into());
        self
    }
    /// Sets `uuid`.
    pub fn uuid(mut self, v: impl Into<String>) -> Self {
        self.uuid = Some(v.into());
        self
    }
    /// Sets `boot_index`.
    pub fn boot_index(mut self, v: i32) -> Self {
        self.boot_index = Some(v);
        self
    }
    /// Sets `volume_size` (GiB).
    pub fn volume_size(mut self, v: u32) -> Self {
        self.volume_size = Some(v);
        self
    }
    /// Sets `delete_on_termination`.
    pub fn delete_on_termination(mut self, v: bool) -> Self {
        self.delete_on_termination = Some(v);
        self
    }
    /// Sets `device_name`.
    pub fn device_name(mut self, v: impl Into<String>) -> Self {
        self.device_name = Some(v.into());
        self
    }
    /// Sets `disk_bus`.
    pub fn disk_bus(mut self, v: impl Into<String>) -> Self {
        self.disk_bus = Some(v.into());
        self
    }
    /// Sets `device_type`.
    pub fn device_type(mut self, v: impl Into<String>) -> Self {
        self.device_type = Some(v.into());
        self
    }
    /// Sets `guest_format`.
    pub fn guest_format(mut self, v: impl Into<String>) -> Self {
        self.guest_format = Some(v.into());
        self
    }
    /// Sets `volume_type` (2.67).
    pub fn volume_type(mut self, v: impl Into<String>) -> Self {
        self.volume_type = Some(v.into());
        self
    }
    /// Sets `tag`.
    pub fn tag(mut self, v: impl Into<String>) -> Self {
        self.tag = Some(v.into());
        self
    }
}

/// Options for [`create`]. `name` and `flavor_ref` are required; give an image with
/// [`CreateOpts::image_ref`] or a boot volume with [`CreateOpts::block_device`].
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
#[non_exhaustive]
pub struct CreateOpts {
    name: String,
    #[serde(rename = "flavorRef")]
    flavor_ref: String,
    #[serde(rename = "imageRef", skip_serializing_if = "Option::is_none")]
    image_ref: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    networks: Option<Networks>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    security_groups: Vec<SecurityGroupRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    user_data: Option<String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    metadata: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    key_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    availability_zone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    config_drive: Option<bool>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    personality: Vec<Personality>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    block_device_mapping_v2: Vec<BlockDevice>,
    #[serde(rename = "OS-DCF:diskConfig", skip_serializing_if = "Option::is_none")]
    disk_config: Option<DiskConfig>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hostname: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    min_count: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_count: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    return_reservation_id: Option<bool>,
    #[serde(rename = "adminPass", skip_serializing_if = "Option::is_none")]
    admin_pass: Option<String>,
    #[serde(rename = "accessIPv4", skip_serializing_if = "Option::is_none")]
    access_ipv4: Option<String>,
    #[serde(rename = "accessIPv6", skip_serializing_if = "Option::is_none")]
    access_ipv6: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    trusted_image_certificates: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    host: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hypervisor_hostname: Option<String>,
    #[serde(skip)]
    scheduler_hints: BTreeMap<String, serde_json::Value>,
}

impl CreateOpts {
    /// A server called `name` of flavor `flavor_ref` (an id or URL).
    pub fn new(name: impl Into<String>, flavor_ref: impl Into<String>) -> Self {
        CreateOpts {
            name: name.into(),
            flavor_ref: flavor_ref.into(),
            ..Self::default()
        }
    }

    /// The image to boot (id or URL). Leave it out when booting from a volume.
    pub fn image_ref(mut self, image: impl Into<String>) -> Self {
        self.image_ref = Some(image.into());
        self
    }

    /// The networks (`auto`, `none` or a list). Required from microversion 2.37.
    pub fn networks(mut self, networks: Networks) -> Self {
        self.networks = Some(networks);
        self
    }

    /// Adds a security group by name.
    pub fn security_group(mut self, name: impl Into<String>) -> Self {
        self.security_groups
            .push(SecurityGroupRef { name: name.into() });
        self
    }

    /// User data for cloud-init (raw bytes: they are base64-encoded for you).
    pub fn user_data(mut self, data: impl AsRef<[u8]>) -> Self {
        self.user_data = Some(base64::engine::general_purpose::STANDARD.encode(data));
        self
    }

    /// Adds a metadata item.
    pub fn metadata(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.metadata.insert(key.into(), value.into());
        self
    }

    /// The key pair to inject.
    pub fn key_name(mut self, name: impl Into<String>) -> Self {
        self.key_name = Some(name.into());
        self
    }

    /// The availability zone (`zone`, `zone:host` or `zone:host:node` for admins).
    pub fn availability_zone(mut self, az: impl Into<String>) -> Self {
        self.availability_zone = Some(az.into());
        self
    }

    /// Whether to attach a config drive.
    pub fn config_drive(mut self, on: bool) -> Self {
        self.config_drive = Some(on);
        self
    }

    /// Adds a file to inject (microversions before 2.57).
    pub fn personality(mut self, file: Personality) -> Self {
        self.personality.push(file);
        self
    }

    /// Adds a block device mapping (`block_device_mapping_v2`).
    pub fn block_device(mut self, bd: BlockDevice) -> Self {
        self.block_device_mapping_v2.push(bd);
        self
    }

    /// The disk configuration (`OS-DCF:diskConfig`).
    pub fn disk_config(mut self, dc: DiskConfig) -> Self {
        self.disk_config = Some(dc);
        self
    }

    /// Adds a tag (2.52).
    pub fn tag(mut self, tag: impl Into<String>) -> Self {
        self.tags.push(tag.into());
        self
    }

    /// The description (2.19).
    pub fn description(mut self, d: impl Into<String>) -> Self {
        self.description = Some(d.into());
        self
    }

    /// The host name inside the server (2.90).
    pub fn hostname(mut self, h: impl Into<String>) -> Self {
        self.hostname = Some(h.into());
        self
    }

    /// The minimum number of servers to create.
    pub fn min_count(mut self, n: u32) -> Self {
        self.min_count = Some(n);
        self
    }

    /// The maximum number of servers to create.
    pub fn max_count(mut self, n: u32) -> Self {
        self.max_count = Some(n);
        self
    }

    /// The administrator password.
    pub fn admin_pass(mut self, p: impl Into<String>) -> Self {
        self.admin_pass = Some(p.into());
        self
    }

    /// The public IPv4 address to record.
    pub fn access_ipv4(mut self, ip: impl Into<String>) -> Self {
        self.access_ipv4 = Some(ip.into());
        self
    }

    /// The public IPv6 address to record.
    pub fn access_ipv6(mut self, ip: impl Into<String>) -> Self {
        self.access_ipv6 = Some(ip.into());
        self
    }

    /// Trusted image certificate ids (2.63).
    pub fn trusted_image_certificates<I: IntoIterator<Item = S>, S: Into<String>>(
        mut self,
        ids: I,
    ) -> Self {
        self.trusted_image_certificates = Some(ids.into_iter().map(Into::into).collect());
        self
    }

    /// The compute host to build on (admins, 2.74).
    pub fn host(mut self, h: impl Into<String>) -> Self {
        self.host = Some(h.into());
        self
    }

    /// The hypervisor to build on (admins, 2.74).
    pub fn hypervisor_hostname(mut self, h: impl Into<String>) -> Self {
        self.hypervisor_hostname = Some(h.into());
        self
    }

    /// Adds a scheduler hint (sent as `os:scheduler_hints` beside `server`): `group`,
    /// `same_host`, `different_host`, `query`, ...
    pub fn scheduler_hint(
        mut self,
        key: impl Into<String>,
        value: impl Into<serde_json::Value>,
    ) -> Self {
        self.scheduler_hints.insert(key.into(), value.into());
        self
    }
}

#[derive(Serialize)]
struct CreateBody<'a> {
    server: &'a CreateOpts,
    #[serde(
        rename = "os:scheduler_hints",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    hints: &'a BTreeMap<String, serde_json::Value>,
}

/// `POST /servers`.
pub fn create_request(opts: &CreateOpts) -> Result<Request> {
    Request::post("servers")
        .json(&CreateBody {
            server: opts,
            hints: &opts.scheduler_hints,
        })
        .map(|r| r.ok_status([202]))
}

/// Creates a server. The result holds the id, links, security groups, disk config and the
/// admin password (when Nova returns one); [`get`] it or [`wait_for_status`] for the rest.
/// With `max_count` above 1 this is the first of the servers; use [`create_multiple`] to get
/// the reservation id that lists them all.
pub async fn create(client: &ServiceClient, opts: CreateOpts) -> Result<Server> {
    let w: ServerWrapper = client.send_json(create_request(&opts)?).await?;
    Ok(w.server)
}

/// `POST /servers` with `"return_reservation_id": true` (set `min_count`/`max_count` on the
/// options).
pub fn create_multiple_request(opts: &CreateOpts) -> Result<Request> {
    let mut opts = opts.clone();
    opts.return_reservation_id = Some(true);
    create_request(&opts)
}

/// Creates several servers at once (`min_count`..`max_count`) and returns the reservation
/// id; list them with [`ListOpts::reservation_id`].
pub async fn create_multiple(client: &ServiceClient, opts: CreateOpts) -> Result<String> {
    #[derive(Deserialize)]
    struct R {
        reservation_id: String,
    }
    let r: R = client.send_json(create_multiple_request(&opts)?).await?;
    Ok(r.reservation_id)
}

// ---------------------------------------------------------------------------------------------
// update

/// Options for [`update`]. Fields left alone are not sent. `description` is tri-state:
/// [`UpdateOpts::description`] sets it, [`UpdateOpts::clear_description`] sends `null`.
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
#[non_exhaustive]
pub struct UpdateOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hostname: Option<String>,
    #[serde(rename = "accessIPv4", skip_serializing_if = "Option::is_none")]
    access_ipv4: Option<String>,
    #[serde(rename = "accessIPv6", skip_serializing_if = "Option::is_none")]
    access_ipv6: Option<String>,
    #[serde(rename = "OS-DCF:diskConfig", skip_serializing_if = "Option::is_none")]
    disk_config: Option<DiskConfig>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pinned_availability_zone: Option<Option<String>>,
}

impl UpdateOpts {
    /// Changes nothing yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// A new name.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// A new description (2.19).
    pub fn description(mut self, d: impl Into<String>) -> Self {
        self.description = Some(Some(d.into()));
        self
    }

    /// Removes the description (sends `"description": null`, 2.19).
    pub fn clear_description(mut self) -> Self {
        self.description = Some(None);
        self
    }

    /// A new host name inside the server (2.90; Nova does not allow clearing it).
    pub fn hostname(mut self, h: impl Into<String>) -> Self {
        self.hostname = Some(h.into());
        self
    }

    /// A new public IPv4 address record (`""` clears it).
    pub fn access_ipv4(mut self, ip: impl Into<String>) -> Self {
        self.access_ipv4 = Some(ip.into());
        self
    }

    /// A new public IPv6 address record (`""` clears it).
    pub fn access_ipv6(mut self, ip: impl Into<String>) -> Self {
        self.access_ipv6 = Some(ip.into());
        self
    }

    /// The disk configuration (`OS-DCF:diskConfig`).
    pub fn disk_config(mut self, dc: DiskConfig) -> Self {
        self.disk_config = Some(dc);
        self
    }

    /// Pins the server to an availability zone (2.104).
    pub fn pinned_availability_zone(mut self, az: impl Into<String>) -> Self {
        self.pinned_availability_zone = Some(Some(az.into()));
        self
    }

    /// Unpins the server from its availability zone (sends
    /// `"pinned_availability_zone": null`, 2.104).
    pub fn unpin_availability_zone(mut self) -> Self {
        self.pinned_availability_zone = Some(None);
        self
    }
}

/// `PUT /servers/{id}`.
pub fn update_request(id: &str, opts: &UpdateOpts) -> Result<Request> {
    #[derive(Serialize)]
    struct Body<'a> {
        server: &'a UpdateOpts,
    }
    Request::put(format!("servers/{}", encode_path_segment(id)))
        .json(&Body { server: opts })
        .map(|r| r.ok_status([200]))
}

/// Updates a server and returns it.
pub async fn update(client: &ServiceClient, id: &str, opts: UpdateOpts) -> Result<Server> {
    let w: ServerWrapper = client.send_json(update_request(id, &opts)?).await?;
    Ok(w.server)
}

// ---------------------------------------------------------------------------------------------
// delete

/// `DELETE /servers/{id}`.
pub fn delete_request(id: &str) -> Request {
    Request::delete(format!("servers/{}", encode_path_segment(id))).ok_status([204])
}

/// Deletes a server (asynchronously: see [`wait_for_delete`]).
pub async fn delete(client: &ServiceClient, id: &str) -> Result<()> {
    client.send(delete_request(id)).await.map(drop)
}

/// `POST /servers/{id}/action` with `{"forceDelete": null}`.
pub fn force_delete_request(id: &str) -> Result<Request> {
    crate::actions::action_request(id, &serde_json::json!({ "forceDelete": null }))
}

/// Deletes a soft-deleted server at once, without waiting for the reclaim interval.
pub async fn force_delete(client: &ServiceClient, id: &str) -> Result<()> {
    client.send(force_delete_request(id)?).await.map(drop)
}

// ---------------------------------------------------------------------------------------------
// waiters

fn error_state(server: &Server) -> Error {
    let fault = server
        .fault
        .as_ref()
        .map(|f| format!("{} (code {})", f.message, f.code))
        .unwrap_or_else(|| "no fault reported".to_owned());
    Error::resource_state(format!("server {}", server.id), "ERROR", Some(fault))
}

/// Waits until the server has `status`, polling with backoff for at most `timeout`. If the
/// server goes to `ERROR` while waiting for another status, the wait ends with an error that
/// carries the server's fault message.
pub async fn wait_for_status(
    client: &ServiceClient,
    id: &str,
    status: Status,
    timeout: Duration,
) -> Result<Server> {
    wait_for_status_with(client, id, status, Waiter::new(timeout)).await
}

/// Like [`wait_for_status`], with your own [`Waiter`] (poll intervals, clock).
pub async fn wait_for_status_with(
    client: &ServiceClient,
    id: &str,
    status: Status,
    waiter: Waiter,
) -> Result<Server> {
    waiter
        .describe(format!("server {id} to become {status}"))
        .until(|| {
            let status = status.clone();
            async move {
                let server = get(client, id).await?;
                if server.status == status {
                    Ok(Some(server))
                } else if server.status == Status::Error {
                    Err(error_state(&server))
                } else {
                    Ok(None)
                }
            }
        })
        .await
}

/// Waits until the server is gone (404, or status `DELETED`), polling with backoff for at
/// most `timeout`. A server that goes to `ERROR` ends the wait with an error carrying its
/// fault message.
pub async fn wait_for_delete(client: &ServiceClient, id: &str, timeout: Duration) -> Result<()> {
    wait_for_delete_with(client, id, Waiter::new(timeout)).await
}

/// Like [`wait_for_delete`], with your own [`Waiter`].
pub async fn wait_for_delete_with(client: &ServiceClient, id: &str, waiter: Waiter) -> Result<()> {
    waiter
        .describe(format!("server {id} to be deleted"))
        .until(|| async move {
            match get(client, id).await {
                Err(e) if e.is_not_found() => Ok(Some(())),
                Err(e) => Err(e),
                Ok(s) if s.status == Status::Deleted => Ok(Some(())),
                Ok(s) if s.status == Status::Error => Err(error_state(&s)),
                Ok(_) => Ok(None),
            }
        })
        .await
}
