//! v1 volume types (`/types`): create, list, show, delete, extra specs.

use std::collections::BTreeMap;

use openstack_core::serde_util::null_default;
use openstack_core::{Error, Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};

use crate::util::{self, item_path};

/// A v1 volume type.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VolumeType {
    /// The id.
    #[serde(default, deserialize_with = "null_default")]
    pub id: String,
    /// The name.
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// The extra specs.
    #[serde(default, deserialize_with = "util::string_map")]
    pub extra_specs: BTreeMap<String, String>,
}

/// Options to create a v1 volume type.
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
#[non_exhaustive]
pub struct CreateOpts {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    extra_specs: Option<BTreeMap<String, String>>,
}

impl CreateOpts {
    /// A type called `name`.
    pub fn new(name: impl Into<String>) -> Self {
        CreateOpts {
            name: name.into(),
            extra_specs: None,
        }
    }

    /// Adds an extra spec.
    pub fn extra_spec(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.extra_specs
            .get_or_insert_with(BTreeMap::new)
            .insert(key.into(), value.into());
        self
    }
}

/// `POST types`.
pub fn create_request(opts: &CreateOpts) -> Result<Request> {
    Request::post("types").json_wrapped("volume_type", opts)
}

/// Creates a volume type.
pub async fn create(client: &ServiceClient, opts: CreateOpts) -> Result<VolumeType> {
    client
        .send_keyed(create_request(&opts)?, "volume_type")
        .await
}

/// `GET types`.
pub fn list_request() -> Request {
    Request::get("types")
}

/// Lists volume types.
pub fn list(client: &ServiceClient) -> Pager<VolumeType> {
    util::pager(client, Ok(list_request()), "volume_types", false)
}

/// `GET types/{id}`.
pub fn get_request(id: &str) -> Request {
    Request::get(item_path("types", id))
}

/// Shows a volume type.
pub async fn get(client: &ServiceClient, id: &str) -> Result<VolumeType> {
    client.send_keyed(get_request(id), "volume_type").await
}

/// `DELETE types/{id}`.
pub fn delete_request(id: &str) -> Request {
    Request::delete(item_path("types", id)).ok_status([202, 204])
}

/// Deletes a volume type.
pub async fn delete(client: &ServiceClient, id: &str) -> Result<()> {
    client.send_empty(delete_request(id)).await
}

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

/// `POST types/{id}/extra_specs`.
pub fn create_extra_specs_request(id: &str, specs: &BTreeMap<String, String>) -> Result<Request> {
    Request::post(specs_path(id)).json(&serde_json::json!({ "extra_specs": specs }))
}

/// Adds or replaces extra specs.
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

/// `PUT types/{id}/extra_specs/{key}`.
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
