//! Services (`/v3/services`): the catalog's service entries. Create, list (by type or
//! name), get, update, delete.

use openstack_core::serde_util::null_default;
use openstack_core::{Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};

use crate::util;

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

util::crud_fns! { "services", "service", "services", Service;
    /// `GET /v3/services` with filters.
    list_request;
    /// Lists services, following `links.next`.
    list;
    /// `GET /v3/services/{id}`.
    get_request;
    /// Gets a service.
    get;
    /// `POST /v3/services`.
    create_request;
    /// Creates a service.
    create;
    /// `PATCH /v3/services/{id}`.
    update_request;
    /// Updates a service.
    update;
    /// `DELETE /v3/services/{id}`.
    delete_request;
    /// Deletes a service (and its endpoints).
    delete;
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
