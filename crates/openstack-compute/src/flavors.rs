//! Flavors: list (detailed and summary), get, create, update (description, 2.55), delete,
//! extra specs (list/get/create-or-update/delete one), and access lists of private flavors.

use std::collections::BTreeMap;

use openstack_core::{encode_path_segment, Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};

use crate::util::{lenient_bool, lenient_i64, lenient_string, null_default, Link};

/// A flavor.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Flavor {
    /// The flavor id (a string; numbers are read as strings).
    #[serde(default, deserialize_with = "lenient_string")]
    pub id: String,
    /// The name.
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// Memory in MiB.
    #[serde(default, deserialize_with = "lenient_i64")]
    pub ram: i64,
    /// Virtual CPUs.
    #[serde(default, deserialize_with = "lenient_i64")]
    pub vcpus: i64,
    /// Root disk in GiB.
    #[serde(default, deserialize_with = "lenient_i64")]
    pub disk: i64,
    /// Swap in MiB (Nova sent `""` for none in old releases: read as 0).
    #[serde(default, deserialize_with = "lenient_i64")]
    pub swap: i64,
    /// Ephemeral disk in GiB (`OS-FLV-EXT-DATA:ephemeral`).
    #[serde(
        default,
        rename = "OS-FLV-EXT-DATA:ephemeral",
        deserialize_with = "lenient_i64"
    )]
    pub ephemeral: i64,
    /// Whether the flavor is public (`os-flavor-access:is_public`).
    #[serde(
        default = "yes",
        rename = "os-flavor-access:is_public",
        deserialize_with = "lenient_bool"
    )]
    pub is_public: bool,
    /// Whether the flavor is disabled (`OS-FLV-DISABLED:disabled`; removed from responses in
    /// 2.102, read as `false` then).
    #[serde(
        default,
        rename = "OS-FLV-DISABLED:disabled",
        deserialize_with = "lenient_bool"
    )]
    pub disabled: bool,
    /// The RX/TX factor (removed from responses in 2.102).
    #[serde(default)]
    pub rxtx_factor: Option<f64>,
    /// The description (2.55).
    #[serde(default)]
    pub description: Option<String>,
    /// Extra specs (2.61, by policy).
    #[serde(default)]
    pub extra_specs: Option<BTreeMap<String, String>>,
    /// Links.
    #[serde(default, deserialize_with = "null_default")]
    pub links: Vec<Link>,
}

fn yes() -> bool {
    true
}

/// Which flavors [`ListOpts::access`] selects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Access {
    /// Public flavors only (`is_public=true`, the default for everyone).
    Public,
    /// Private flavors only (`is_public=false`, admins).
    Private,
    /// Both (`is_public=none`, admins).
    All,
}

/// Filters for [`list`].
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
#[non_exhaustive]
pub struct ListOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(rename = "minDisk", skip_serializing_if = "Option::is_none")]
    min_disk: Option<u32>,
    #[serde(rename = "minRam", skip_serializing_if = "Option::is_none")]
    min_ram: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_public: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    limit: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    marker: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sort_key: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sort_dir: Option<String>,
}

impl ListOpts {
    /// No filters.
    pub fn new() -> Self {
        Self::default()
    }
    /// Flavors with this name (2.102).
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }
    /// Flavors with at least this much root disk (GiB).
    pub fn min_disk(mut self, gib: u32) -> Self {
        self.min_disk = Some(gib);
        self
    }
    /// Flavors with at least this much memory (MiB).
    pub fn min_ram(mut self, mib: u32) -> Self {
        self.min_ram = Some(mib);
        self
    }
    /// Public, private or all flavors (`is_public`).
    pub fn access(mut self, access: Access) -> Self {
        self.is_public = Some(match access {
            Access::Public => "true",
            Access::Private => "false",
            Access::All => "none",
        });
        self
    }
    /// Items per page.
    pub fn limit(mut self, n: u32) -> Self {
        self.limit = Some(n);
        self
    }
    /// Start after this flavor id.
    pub fn marker(mut self, m: impl Into<String>) -> Self {
        self.marker = Some(m.into());
        self
    }
    /// Sort key (`flavorid`, `name`, `memory_mb`, ...).
    pub fn sort_key(mut self, k: impl Into<String>) -> Self {
        self.sort_key = Some(k.into());
        self
    }
    /// Sort direction (`asc` or `desc`).
    pub fn sort_dir(mut self, d: impl Into<String>) -> Self {
        self.sort_dir = Some(d.into());
        self
    }
}

/// `GET /flavors/detail`.
pub fn list_request(opts: &ListOpts) -> Result<Request> {
    Request::get("flavors/detail")
        .query(opts)
        .map(|r| r.ok_status([200]))
}

/// `GET /flavors` (ids, names, links; description from 2.55).
pub fn list_summary_request(opts: &ListOpts) -> Result<Request> {
    Request::get("flavors")
        .query(opts)
        .map(|r| r.ok_status([200]))
}

/// Lists flavors with details, following `flavors_links`.
pub fn list(client: &ServiceClient, opts: ListOpts) -> Pager<Flavor> {
    Pager::linked(client.clone(), list_request(&opts), "flavors")
}

/// Lists flavors in summary form (only `id`, `name`, `links` and `description` are filled).
pub fn list_summary(client: &ServiceClient, opts: ListOpts) -> Pager<Flavor> {
    Pager::linked(client.clone(), list_summary_request(&opts), "flavors")
}

#[derive(Deserialize)]
struct One {
    flavor: Flavor,
}

/// `GET /flavors/{id}`.
pub fn get_request(id: &str) -> Request {
    Request::get(format!("flavors/{}", encode_path_segment(id))).ok_status([200])
}

/// Shows a flavor.
pub async fn get(client: &ServiceClient, id: &str) -> Result<Flavor> {
    let r: One = client.send_json(get_request(id)).await?;
    Ok(r.flavor)
}

/// Options for [`create`] (admins).
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
#[non_exhaustive]
pub struct CreateOpts {
    name: String,
    ram: u64,
    vcpus: u32,
    disk: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(
        rename = "OS-FLV-EXT-DATA:ephemeral",
        skip_serializing_if = "Option::is_none"
    )]
    ephemeral: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    swap: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rxtx_factor: Option<f64>,
    #[serde(
        rename = "os-flavor-access:is_public",
        skip_serializing_if = "Option::is_none"
    )]
    is_public: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
}

impl CreateOpts {
    /// A flavor with `ram` MiB, `vcpus` CPUs and a `disk` GiB root disk.
    pub fn new(name: impl Into<String>, ram: u64, vcpus: u32, disk: u64) -> Self {
        CreateOpts {
            name: name.into(),
            ram,
            vcpus,
            disk,
            ..Self::default()
        }
    }
    /// The id (Nova generates a UUID without it).
    pub fn id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }
    /// Ephemeral disk in GiB.
    pub fn ephemeral(mut self, gib: u64) -> Self {
        self.ephemeral = Some(gib);
        self
    }
    /// Swap in MiB.
    pub fn swap(mut self, mib: u64) -> Self {
        self.swap = Some(mib);
        self
    }
    /// The RX/TX factor (not accepted from 2.102).
    pub fn rxtx_factor(mut self, f: f64) -> Self {
        self.rxtx_factor = Some(f);
        self
    }
    /// Public (default) or private.
    pub fn is_public(mut self, public: bool) -> Self {
        self.is_public = Some(public);
        self
    }
    /// A description (2.55).
    pub fn description(mut self, d: impl Into<String>) -> Self {
        self.description = Some(d.into());
        self
    }
}

/// `POST /flavors`.
pub fn create_request(opts: &CreateOpts) -> Result<Request> {
    Request::post("flavors")
        .json(&serde_json::json!({ "flavor": opts }))
        .map(|r| r.ok_status([200]))
}

/// Creates a flavor.
pub async fn create(client: &ServiceClient, opts: CreateOpts) -> Result<Flavor> {
    let r: One = client.send_json(create_request(&opts)?).await?;
    Ok(r.flavor)
}

/// `PUT /flavors/{id}` with `{"flavor": {"description": ...}}` (2.55; `None` clears it).
pub fn update_request(id: &str, description: Option<&str>) -> Result<Request> {
    Request::put(format!("flavors/{}", encode_path_segment(id)))
        .json(&serde_json::json!({ "flavor": { "description": description } }))
        .map(|r| r.ok_status([200]))
}

/// Sets (or with `None`, clears) a flavor's description: the only mutable field (2.55).
pub async fn update(client: &ServiceClient, id: &str, description: Option<&str>) -> Result<Flavor> {
    let r: One = client.send_json(update_request(id, description)?).await?;
    Ok(r.flavor)
}

/// `DELETE /flavors/{id}`.
pub fn delete_request(id: &str) -> Request {
    Request::delete(format!("flavors/{}", encode_path_segment(id))).ok_status([202, 204])
}

/// Deletes a flavor.
pub async fn delete(client: &ServiceClient, id: &str) -> Result<()> {
    client.send(delete_request(id)).await.map(drop)
}

// --- extra specs ------------------------------------------------------------------------------

/// Extra specs: keys and values.
pub type ExtraSpecs = BTreeMap<String, String>;

fn specs(id: &str) -> String {
    format!("flavors/{}/os-extra_specs", encode_path_segment(id))
}

#[derive(Deserialize)]
struct Specs {
    #[serde(default, deserialize_with = "null_default")]
    extra_specs: ExtraSpecs,
}

/// `GET /flavors/{id}/os-extra_specs`.
pub fn list_extra_specs_request(id: &str) -> Request {
    Request::get(specs(id)).ok_status([200])
}

/// All extra specs of a flavor.
pub async fn list_extra_specs(client: &ServiceClient, id: &str) -> Result<ExtraSpecs> {
    let r: Specs = client.send_json(list_extra_specs_request(id)).await?;
    Ok(r.extra_specs)
}

/// `GET /flavors/{id}/os-extra_specs/{key}`.
pub fn get_extra_spec_request(id: &str, key: &str) -> Request {
    Request::get(format!("{}/{}", specs(id), encode_path_segment(key))).ok_status([200])
}

/// One extra spec's value.
pub async fn get_extra_spec(client: &ServiceClient, id: &str, key: &str) -> Result<String> {
    let mut r: ExtraSpecs = client.send_json(get_extra_spec_request(id, key)).await?;
    r.remove(key).ok_or_else(|| {
        openstack_core::Error::decode("the extra spec", format!("no value for {key:?}"))
    })
}

/// `POST /flavors/{id}/os-extra_specs` with `{"extra_specs": {...}}`.
pub fn create_extra_specs_request(id: &str, specs_: &ExtraSpecs) -> Result<Request> {
    Request::post(specs(id))
        .json(&serde_json::json!({ "extra_specs": specs_ }))
        .map(|r| r.ok_status([200]))
}

/// Adds or changes extra specs; returns those sent as Nova echoes them.
pub async fn create_extra_specs(
    client: &ServiceClient,
    id: &str,
    specs_: ExtraSpecs,
) -> Result<ExtraSpecs> {
    let r: Specs = client
        .send_json(create_extra_specs_request(id, &specs_)?)
        .await?;
    Ok(r.extra_specs)
}

/// `PUT /flavors/{id}/os-extra_specs/{key}` with `{key: value}`.
pub fn update_extra_spec_request(id: &str, key: &str, value: &str) -> Result<Request> {
    Request::put(format!("{}/{}", specs(id), encode_path_segment(key)))
        .json(&serde_json::json!({ key: value }))
        .map(|r| r.ok_status([200]))
}

/// Sets one extra spec.
pub async fn update_extra_spec(
    client: &ServiceClient,
    id: &str,
    key: &str,
    value: &str,
) -> Result<String> {
    let mut r: ExtraSpecs = client
        .send_json(update_extra_spec_request(id, key, value)?)
        .await?;
    Ok(r.remove(key).unwrap_or_else(|| value.to_owned()))
}

/// `DELETE /flavors/{id}/os-extra_specs/{key}`.
pub fn delete_extra_spec_request(id: &str, key: &str) -> Request {
    Request::delete(format!("{}/{}", specs(id), encode_path_segment(key))).ok_status([200, 204])
}

/// Deletes one extra spec.
pub async fn delete_extra_spec(client: &ServiceClient, id: &str, key: &str) -> Result<()> {
    client
        .send(delete_extra_spec_request(id, key))
        .await
        .map(drop)
}

// --- access -----------------------------------------------------------------------------------

/// A project allowed to use a private flavor.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FlavorAccess {
    /// The flavor id.
    #[serde(default, deserialize_with = "lenient_string")]
    pub flavor_id: String,
    /// The project id.
    #[serde(default)]
    pub tenant_id: String,
}

#[derive(Deserialize)]
struct AccessList {
    #[serde(default, deserialize_with = "null_default")]
    flavor_access: Vec<FlavorAccess>,
}

/// `GET /flavors/{id}/os-flavor-access`.
pub fn list_access_request(id: &str) -> Request {
    Request::get(format!(
        "flavors/{}/os-flavor-access",
        encode_path_segment(id)
    ))
    .ok_status([200])
}

/// The projects that may use a private flavor.
pub async fn list_access(client: &ServiceClient, id: &str) -> Result<Vec<FlavorAccess>> {
    let r: AccessList = client.send_json(list_access_request(id)).await?;
    Ok(r.flavor_access)
}

fn flavor_action(id: &str, body: serde_json::Value) -> Result<Request> {
    Request::post(format!("flavors/{}/action", encode_path_segment(id)))
        .json(&body)
        .map(|r| r.ok_status([200]))
}

/// `{"addTenantAccess": {"tenant": ...}}`.
pub fn add_access_request(id: &str, project_id: &str) -> Result<Request> {
    flavor_action(
        id,
        serde_json::json!({ "addTenantAccess": { "tenant": project_id } }),
    )
}

/// Lets a project use a private flavor; returns the new access list.
pub async fn add_access(
    client: &ServiceClient,
    id: &str,
    project_id: &str,
) -> Result<Vec<FlavorAccess>> {
    let r: AccessList = client
        .send_json(add_access_request(id, project_id)?)
        .await?;
    Ok(r.flavor_access)
}

/// `{"removeTenantAccess": {"tenant": ...}}`.
pub fn remove_access_request(id: &str, project_id: &str) -> Result<Request> {
    flavor_action(
        id,
        serde_json::json!({ "removeTenantAccess": { "tenant": project_id } }),
    )
}

/// Removes a project's access to a private flavor; returns the new access list.
pub async fn remove_access(
    client: &ServiceClient,
    id: &str,
    project_id: &str,
) -> Result<Vec<FlavorAccess>> {
    let r: AccessList = client
        .send_json(remove_access_request(id, project_id)?)
        .await?;
    Ok(r.flavor_access)
}
