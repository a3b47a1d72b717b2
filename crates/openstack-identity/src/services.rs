//! Services (`/v3/services`): the catalog's service entries. Create, list (by type or
//! name), get, update, delete.

use openstack_core::serde_util::null_default;
use openstack_core::{Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};

use crate::util::{self, seg};

/// A service entry of the catalog.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Service {
    /// The id.
    pub id: String,
    /// The service type (`compute`, `identity`, ...).
    #[serde(rename = "type", default, deserialize_with = "null_default")]
    pub service_type: String,
    /// The name.
    #[serde(default)]
    pub name: Option<String>,
    /// The description.
    #[serde(default)]
    pub description: Option<String>,
    /// Whether the service is in the catalog.
    #[serde(default = "util::yes", deserialize_with = "util::null_true")]
    pub enabled: bool,
}

/// Filters for [`list`].
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct ListOpts {
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    service_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
}

impl ListOpts {
    /// No filters.
    pub fn new() -> Self {
        Self::default()
    }
    util::setters! {
        /// Only services of this type (`type`).
        service_type: str,
        /// Only services with this name.
        name: str,
    }
}

/// What [`create`] sends.
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct CreateOpts {
    #[serde(rename = "type")]
    service_type: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    enabled: Option<bool>,
}

impl CreateOpts {
    /// A service of type `service_type`.
    pub fn new(service_type: impl Into<String>) -> Self {
        CreateOpts {
            service_type: service_type.into(),
            ..Self::default()
        }
    }
    util::setters! {
        /// The name.
        name: str,
        /// The description.
        description: str,
        /// Enabled or disabled (enabled unless set).
        enabled: bool,
    }
}

/// What [`update`] sends. Fields not set are left unchanged; `clear_*` sends `null`.
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct UpdateOpts {
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    service_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    enabled: Option<bool>,
}

impl UpdateOpts {
    /// Changes nothing until fields are set.
    pub fn new() -> Self {
        Self::default()
    }
    /// A new type.
    pub fn service_type(mut self, v: impl Into<String>) -> Self {
        self.service_type = Some(v.into());
        self
    }
    /// A new name.
    pub fn name(mut self, v: impl Into<String>) -> Self {
        self.name = Some(Some(v.into()));
        self
    }
    /// Clears the name (sends `"name": null`).
    pub fn clear_name(mut self) -> Self {
        self.name = Some(None);
        self
    }
    /// A new description.
    pub fn description(mut self, v: impl Into<String>) -> Self {
        self.description = Some(Some(v.into()));
        self
    }
    /// Clears the description (sends `"description": null`).
    pub fn clear_description(mut self) -> Self {
        self.description = Some(None);
        self
    }
    /// Enables or disables the service.
    pub fn enabled(mut self, v: bool) -> Self {
        self.enabled = Some(v);
        self
    }
}

/// `GET /v3/services` with filters.
pub fn list_request(opts: &ListOpts) -> Result<Request> {
    Request::get("services").query(opts)
}

/// Lists services, following `links.next`.
pub fn list(client: &ServiceClient, opts: ListOpts) -> Pager<Service> {
    util::linked(client, list_request(&opts), "services")
}

/// `GET /v3/services/{id}`.
pub fn get_request(id: &str) -> Request {
    Request::get(format!("services/{}", seg(id)))
}

/// Gets a service.
pub async fn get(client: &ServiceClient, id: &str) -> Result<Service> {
    client.send_keyed(get_request(id), "service").await
}

/// `POST /v3/services`.
pub fn create_request(opts: &CreateOpts) -> Result<Request> {
    Ok(Request::post("services")
        .json_wrapped("service", opts)?
        .ok_status([201]))
}

/// Creates a service.
pub async fn create(client: &ServiceClient, opts: CreateOpts) -> Result<Service> {
    client.send_keyed(create_request(&opts)?, "service").await
}

/// `PATCH /v3/services/{id}`.
pub fn update_request(id: &str, opts: &UpdateOpts) -> Result<Request> {
    Ok(Request::patch(format!("services/{}", seg(id)))
        .json_wrapped("service", opts)?
        .ok_status([200]))
}

/// Updates a service.
pub async fn update(client: &ServiceClient, id: &str, opts: UpdateOpts) -> Result<Service> {
    client
        .send_keyed(update_request(id, &opts)?, "service")
        .await
}

/// `DELETE /v3/services/{id}`.
pub fn delete_request(id: &str) -> Request {
    Request::delete(format!("services/{}", seg(id))).ok_status([204])
}

/// Deletes a service (and its endpoints).
pub async fn delete(client: &ServiceClient, id: &str) -> Result<()> {
    client.send_empty(delete_request(id)).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use openstack_test_support::corpus;

    const S: &str = "keystone/api-ref/source/v3/samples/admin";

    #[test]
    fn bodies_match_samples() {
        let r = create_request(
            &CreateOpts::new("compute")
                .name("compute2")
                .description("Compute service 2"),
        )
        .expect("req");
        assert_eq!(r.path(), "services");
        assert_eq!(
            r.json_body(),
            Some(corpus::json(&format!("{S}/service-create-request.json")))
        );
        let r = update_request(
            "s",
            &UpdateOpts::new().description("Block Storage Service V2"),
        )
        .expect("req");
        assert_eq!(r.path(), "services/s");
        assert_eq!(
            r.json_body(),
            Some(corpus::json(&format!("{S}/service-update-request.json")))
        );
        let r = update_request("s", &UpdateOpts::new().clear_description()).expect("req");
        assert_eq!(
            r.json_body(),
            Some(serde_json::json!({"service": {"description": null}}))
        );
        let r = list_request(&ListOpts::new().service_type("compute")).expect("req");
        assert_eq!(r.query_string(), Some("type=compute"));
    }
}
