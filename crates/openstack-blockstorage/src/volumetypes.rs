//! Volume types (`/types`): create, list, show, update, delete, extra specs and project
//! access for private types.

use std::collections::BTreeMap;

use openstack_core::serde_util::null_default;
use openstack_core::{Error, Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};

use crate::util::{self, item_path};

/// A volume type.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VolumeType {
    /// The id.
    #[serde(default, deserialize_with = "null_default")]
    pub id: String,
    /// The name.
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// The description.
    #[serde(default)]
    pub description: Option<String>,
    /// Whether every project may use it (`is_public`); see [`VolumeType::public`].
    #[serde(default, deserialize_with = "util::lenient_bool")]
    pub is_public: Option<bool>,
    /// The older spelling of `is_public` (`os-volume-type-access:is_public`), which clouds
    /// send beside it or alone.
    #[serde(
        default,
        rename = "os-volume-type-access:is_public",
        deserialize_with = "util::lenient_bool"
    )]
    pub access_is_public: Option<bool>,
    /// The extra specs (admin only; others may see none).
    #[serde(default, deserialize_with = "util::string_map")]
    pub extra_specs: BTreeMap<String, String>,
    /// The QoS specs.
    #[serde(default)]
    pub qos_specs_id: Option<String>,
}

impl VolumeType {
    /// Whether the type is public: `is_public`, else `os-volume-type-access:is_public`, else
    /// `true` (types are public unless said otherwise).
    pub fn public(&self) -> bool {
        self.is_public.or(self.access_is_public).unwrap_or(true)
    }
}

/// Options to create a volume type.
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
#[non_exhaustive]
pub struct CreateOpts {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(
        rename = "os-volume-type-access:is_public",
        skip_serializing_if = "Option::is_none"
    )]
    is_public: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    extra_specs: Option<BTreeMap<String, String>>,
}

impl CreateOpts {
    /// A type called `name`.
    pub fn new(name: impl Into<String>) -> Self {
        CreateOpts {
            name: name.into(),
            ..Default::default()
        }
    }

    util::setters! {
        /// The description.
        description: str,
        /// Whether every project may use it (`false` makes a private type; see [`add_access`]).
        is_public: bool,
    }

    /// Adds an extra spec (`volume_backend_name`, `capabilities`, ...).
    pub fn extra_spec(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.extra_specs
            .get_or_insert_with(BTreeMap::new)
            .insert(key.into(), value.into());
        self
    }
}

/// Options to update a volume type. Cinder wants at least one of name, description and
/// `is_public`, and reads `"description": null` as "unchanged": [`UpdateOpts::clear_description`]
/// therefore sends `""`, which Cinder stores as the empty description.
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
#[non_exhaustive]
pub struct UpdateOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_public: Option<bool>,
}

impl UpdateOpts {
    /// Nothing changed yet.
    pub fn new() -> Self {
        Self::default()
    }

    util::setters! {
        /// A new name.
        name: str,
        /// A new description.
        description: str,
    }

    /// Empties the description (sends `""`; Cinder ignores `null` here).
    pub fn clear_description(mut self) -> Self {
        self.description = Some(String::new());
        self
    }

    /// Makes it public or private.
    pub fn is_public(mut self, v: bool) -> Self {
        self.is_public = Some(v);
        self
    }
}

/// Filters for [`list`].
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
#[non_exhaustive]
pub struct ListOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    is_public: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sort: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    limit: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    marker: Option<String>,
}

impl ListOpts {
    /// No filters (public types, plus private ones for admins).
    pub fn new() -> Self {
        Self::default()
    }

    /// Only public (`Some(true)`), only private (`Some(false)`) or all (`None`, sent as
    /// `is_public=None`) types — admins only.
    pub fn is_public(mut self, v: Option<bool>) -> Self {
        self.is_public = Some(match v {
            Some(true) => "true".into(),
            Some(false) => "false".into(),
            None => "None".into(),
        });
        self
    }

    util::setters! {
        /// Sort keys and directions.
        sort: str,
        /// Items per page.
        limit: val<u32>,
        /// Starts after this type id.
        marker: str,
    }
}

/// `POST types`.
pub fn create_request(opts: &CreateOpts) -> Result<Request> {
    Request::post("types").json_wrapped("volume_type", opts)
}

/// Creates a volume type (admin).
pub async fn create(client: &ServiceClient, opts: CreateOpts) -> Result<VolumeType> {
    client
        .send_keyed(create_request(&opts)?, "volume_type")
        .await
}

/// `GET types`.
pub fn list_request(opts: &ListOpts) -> Result<Request> {
    Request::get("types").query(opts)
}

/// Lists volume types.
pub fn list(client: &ServiceClient, opts: ListOpts) -> Pager<VolumeType> {
    Pager::linked(client.clone(), list_request(&opts), "volume_types")
}

/// `GET types/{id}`.
pub fn get_request(id: &str) -> Request {
    Request::get(item_path("types", id))
}

/// Shows a volume type.
pub async fn get(client: &ServiceClient, id: &str) -> Result<VolumeType> {
    client.send_keyed(get_request(id), "volume_type").await
}

/// `GET types/default`.
pub fn get_default_request() -> Request {
    Request::get("types/default")
}

/// The default volume type.
pub async fn get_default(client: &ServiceClient) -> Result<VolumeType> {
    client
        .send_keyed(get_default_request(), "volume_type")
        .await
}

/// `PUT types/{id}`.
pub fn update_request(id: &str, opts: &UpdateOpts) -> Result<Request> {
    Request::put(item_path("types", id)).json_wrapped("volume_type", opts)
}

/// Updates a volume type (admin).
pub async fn update(client: &ServiceClient, id: &str, opts: UpdateOpts) -> Result<VolumeType> {
    client
        .send_keyed(update_request(id, &opts)?, "volume_type")
        .await
}

/// `DELETE types/{id}`.
pub fn delete_request(id: &str) -> Request {
    Request::delete(item_path("types", id)).ok_status([202, 204])
}

/// Deletes a volume type (admin).
pub async fn delete(client: &ServiceClient, id: &str) -> Result<()> {
    client.send_empty(delete_request(id)).await
}

// ---- extra specs -----------------------------------------------------------------------

#[derive(Deserialize)]
struct SpecsBody {
    #[serde(default, deserialize_with = "util::string_map")]
    extra_specs: BTreeMap<String, String>,
}

fn specs_path(id: &str) -> String {
    format!("{}/extra_specs", item_path("types", id))
}

/// `GET types/{id}/extra_specs`.
pub fn list_extra_specs_request(id: &str) -> Request {
    Request::get(specs_path(id))
}

/// All extra specs of a type.
pub async fn list_extra_specs(
    client: &ServiceClient,
    id: &str,
) -> Result<BTreeMap<String, String>> {
    let r: SpecsBody = client.send_json(list_extra_specs_request(id)).await?;
    Ok(r.extra_specs)
}

/// `GET types/{id}/extra_specs/{key}`.
pub fn get_extra_spec_request(id: &str, key: &str) -> Request {
    Request::get(item_path(&specs_path(id), key))
}

/// One extra spec's value.
pub async fn get_extra_spec(client: &ServiceClient, id: &str, key: &str) -> Result<String> {
    let bytes = client
        .send(get_extra_spec_request(id, key))
        .await?
        .bytes()
        .await?;
    let map: BTreeMap<String, serde_json::Value> =
        openstack_core::decode_json(&bytes, "the extra spec")?;
    match map.get(key) {
        Some(serde_json::Value::String(s)) => Ok(s.clone()),
        Some(other) => Ok(other.to_string()),
        None => Err(Error::decode(
            "the extra spec",
            format!("no value for {key:?}"),
        )),
    }
}

/// `POST types/{id}/extra_specs` with `{"extra_specs": {...}}`.
pub fn create_extra_specs_request(id: &str, specs: &BTreeMap<String, String>) -> Result<Request> {
    Request::post(specs_path(id)).json(&serde_json::json!({ "extra_specs": specs }))
}

/// Adds or replaces extra specs; returns those sent.
pub async fn create_extra_specs(
    client: &ServiceClient,
    id: &str,
    specs: &BTreeMap<String, String>,
) -> Result<BTreeMap<String, String>> {
    let r: SpecsBody = client
        .send_json(create_extra_specs_request(id, specs)?)
        .await?;
    Ok(r.extra_specs)
}

/// `PUT types/{id}/extra_specs/{key}` with `{key: value}`.
pub fn update_extra_spec_request(id: &str, key: &str, value: &str) -> Result<Request> {
    Request::put(item_path(&specs_path(id), key)).json(&serde_json::json!({ key: value }))
}

/// Sets one extra spec.
pub async fn update_extra_spec(
    client: &ServiceClient,
    id: &str,
    key: &str,
    value: &str,
) -> Result<()> {
    client
        .send_empty(update_extra_spec_request(id, key, value)?)
        .await
}

/// `DELETE types/{id}/extra_specs/{key}`.
pub fn delete_extra_spec_request(id: &str, key: &str) -> Request {
    Request::delete(item_path(&specs_path(id), key)).ok_status([202, 204])
}

/// Deletes one extra spec.
pub async fn delete_extra_spec(client: &ServiceClient, id: &str, key: &str) -> Result<()> {
    client.send_empty(delete_extra_spec_request(id, key)).await
}

// ---- access ----------------------------------------------------------------------------

/// A project's access to a private volume type.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TypeAccess {
    /// The project.
    #[serde(default, deserialize_with = "null_default")]
    pub project_id: String,
    /// The volume type.
    #[serde(default, deserialize_with = "null_default")]
    pub volume_type_id: String,
}

/// `GET types/{id}/os-volume-type-access`.
pub fn list_access_request(id: &str) -> Request {
    Request::get(format!("{}/os-volume-type-access", item_path("types", id)))
}

#[derive(Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    Many(Vec<TypeAccess>),
    One(TypeAccess),
}

#[derive(Deserialize)]
struct AccessBody {
    #[serde(default)]
    volume_type_access: Option<OneOrMany>,
}

/// The projects that may use a private type. (Old clouds answer a single object instead of a
/// list when there is one project; both are accepted.)
pub async fn list_access(client: &ServiceClient, id: &str) -> Result<Vec<TypeAccess>> {
    let body: AccessBody = client.send_json(list_access_request(id)).await?;
    Ok(match body.volume_type_access {
        None => Vec::new(),
        Some(OneOrMany::Many(v)) => v,
        Some(OneOrMany::One(a)) => vec![a],
    })
}

/// `POST types/{id}/action` with `{"addProjectAccess": {"project": P}}`.
pub fn add_access_request(id: &str, project_id: &str) -> Result<Request> {
    Ok(Request::post(format!("{}/action", item_path("types", id)))
        .json(&serde_json::json!({ "addProjectAccess": { "project": project_id } }))?
        .ok_status([200, 202]))
}

/// Lets a project use a private type.
pub async fn add_access(client: &ServiceClient, id: &str, project_id: &str) -> Result<()> {
    client.send_empty(add_access_request(id, project_id)?).await
}

/// `POST types/{id}/action` with `{"removeProjectAccess": {"project": P}}`.
pub fn remove_access_request(id: &str, project_id: &str) -> Result<Request> {
    Ok(Request::post(format!("{}/action", item_path("types", id)))
        .json(&serde_json::json!({ "removeProjectAccess": { "project": project_id } }))?
        .ok_status([200, 202]))
}

/// Takes a project's access to a private type away.
pub async fn remove_access(client: &ServiceClient, id: &str, project_id: &str) -> Result<()> {
    client
        .send_empty(remove_access_request(id, project_id)?)
        .await
}
