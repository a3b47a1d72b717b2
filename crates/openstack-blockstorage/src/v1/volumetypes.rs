//! v1 volume types (`/types`): create, list, show, delete, extra specs.

use std::collections::BTreeMap;

use openstack_core::serde_util::null_default;
use openstack_core::{Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};

use crate::util::{self, item_path};

/// A v1 volume type.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VolumeType {
    /// The id (a number on some clouds, such as Rackspace's `1`, kept as text).
    #[serde(default, deserialize_with = "util::text")]
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
    Pager::single(client.clone(), list_request(), "volume_types")
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

// The extra-specs calls are the same in v1 and v2.
pub use crate::volumetypes::{
    create_extra_specs, create_extra_specs_request, delete_extra_spec, delete_extra_spec_request,
    get_extra_spec, get_extra_spec_request, list_extra_specs, list_extra_specs_request,
    update_extra_spec, update_extra_spec_request,
};

#[cfg(test)]
mod tests {
    #[test]
    fn numeric_ids_are_read_as_text() {
        let t: super::VolumeType =
            serde_json::from_str(r#"{"id": 1, "name": "SATA", "extra_specs": {}}"#).expect("type");
        assert_eq!((t.id.as_str(), t.name.as_str()), ("1", "SATA"));
        let t: super::VolumeType = serde_json::from_str(r#"{"id": null}"#).expect("null id");
        assert_eq!(t.id, "");
    }
}
