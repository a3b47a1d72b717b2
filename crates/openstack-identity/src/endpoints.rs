//! Endpoints (`/v3/endpoints`): the URLs of the catalog's services. Create, list (by
//! service, interface or region), get, update, delete.

use std::fmt;

use openstack_core::serde_util::null_default;
use openstack_core::{Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};

use crate::util;

/// An endpoint interface. Open: a value this crate does not know is kept in
/// [`Interface::Unknown`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
#[non_exhaustive]
pub enum Interface {
    /// `public`.
    #[default]
    Public,
    /// `internal`.
    Internal,
    /// `admin`.
    Admin,
    /// Anything else, as sent.
    Unknown(String),
}

impl Interface {
    /// The wire name.
    pub fn as_str(&self) -> &str {
        match self {
            Interface::Public => "public",
            Interface::Internal => "internal",
            Interface::Admin => "admin",
            Interface::Unknown(s) => s,
        }
    }
}

impl From<String> for Interface {
    fn from(s: String) -> Self {
        match s.as_str() {
            "public" => Interface::Public,
            "internal" => Interface::Internal,
            "admin" => Interface::Admin,
            _ => Interface::Unknown(s),
        }
    }
}

impl From<&str> for Interface {
    fn from(s: &str) -> Self {
        Interface::from(s.to_owned())
    }
}

impl From<Interface> for String {
    fn from(i: Interface) -> Self {
        i.as_str().to_owned()
    }
}

impl From<openstack_core::Interface> for Interface {
    fn from(i: openstack_core::Interface) -> Self {
        Interface::from(i.as_str())
    }
}

impl fmt::Display for Interface {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An endpoint.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Endpoint {
    /// The id.
    pub id: String,
    /// The interface.
    #[serde(default)]
    pub interface: Interface,
    /// The region id (`region` is its deprecated twin).
    #[serde(default)]
    pub region_id: Option<String>,
    /// The region (deprecated name of `region_id`).
    #[serde(default)]
    pub region: Option<String>,
    /// The service the endpoint belongs to.
    #[serde(default, deserialize_with = "null_default")]
    pub service_id: String,
    /// The URL (may contain `$(project_id)s` substitutions).
    #[serde(default, deserialize_with = "null_default")]
    pub url: String,
    /// Whether the endpoint is in the catalog.
    #[serde(default = "util::yes", deserialize_with = "util::null_true")]
    pub enabled: bool,
}

/// Filters for [`list`].
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct ListOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    interface: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    service_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    region_id: Option<String>,
}

impl ListOpts {
    /// No filters.
    pub fn new() -> Self {
        Self::default()
    }
    /// Only endpoints with this interface.
    pub fn interface(mut self, v: impl Into<Interface>) -> Self {
        self.interface = Some(v.into().as_str().to_owned());
        self
    }
    util::setters! {
        /// Only endpoints of this service.
        service_id: str,
        /// Only endpoints in this region.
        region_id: str,
    }
}

/// What [`create`] sends.
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct CreateOpts {
    interface: Interface,
    #[serde(skip_serializing_if = "Option::is_none")]
    region_id: Option<String>,
    url: String,
    service_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    enabled: Option<bool>,
}

impl CreateOpts {
    /// An endpoint of `service_id` with `interface` at `url`.
    pub fn new(
        service_id: impl Into<String>,
        interface: impl Into<Interface>,
        url: impl Into<String>,
    ) -> Self {
        CreateOpts {
            interface: interface.into(),
            region_id: None,
            url: url.into(),
            service_id: service_id.into(),
            enabled: None,
        }
    }
    util::setters! {
        /// The region.
        region_id: str,
        /// Enabled or disabled (enabled unless set).
        enabled: bool,
    }
}

/// What [`update`] sends. Fields not set are left unchanged; `clear_*` sends `null`.
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct UpdateOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    interface: Option<Interface>,
    #[serde(skip_serializing_if = "Option::is_none")]
    region_id: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    service_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    enabled: Option<bool>,
}

impl UpdateOpts {
    /// Changes nothing until fields are set.
    pub fn new() -> Self {
        Self::default()
    }
    /// A new interface.
    pub fn interface(mut self, v: impl Into<Interface>) -> Self {
        self.interface = Some(v.into());
        self
    }
    /// A new region.
    pub fn region_id(mut self, v: impl Into<String>) -> Self {
        self.region_id = Some(Some(v.into()));
        self
    }
    /// Removes the region (sends `"region_id": null`).
    pub fn clear_region_id(mut self) -> Self {
        self.region_id = Some(None);
        self
    }
    util::setters! {
        /// A new URL.
        url: str,
        /// Moves the endpoint to another service.
        service_id: str,
        /// Enables or disables the endpoint.
        enabled: bool,
    }
}

util::crud_fns! { "endpoints", "endpoint", "endpoints", Endpoint;
    /// `GET /v3/endpoints` with filters.
    list_request;
    /// Lists endpoints, following `links.next`.
    list;
    /// `GET /v3/endpoints/{id}`.
    get_request;
    /// Gets an endpoint.
    get;
    /// `POST /v3/endpoints`.
    create_request;
    /// Creates an endpoint.
    create;
    /// `PATCH /v3/endpoints/{id}`.
    update_request;
    /// Updates an endpoint.
    update;
    /// `DELETE /v3/endpoints/{id}`.
    delete_request;
    /// Deletes an endpoint.
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
            &CreateOpts::new(
                "9242e05f0c23467bbd1cf1f7a6e5e596",
                Interface::Public,
                "http://example.com/identity/v3/endpoints/828384",
            )
            .region_id("RegionOne"),
        )
        .expect("req");
        assert_eq!(r.path(), "endpoints");
        assert_eq!(
            r.json_body(),
            Some(corpus::json(&format!("{S}/endpoint-create-request.json")))
        );
        let r = update_request(
            "e",
            &UpdateOpts::new()
                .interface("public")
                .region_id("north")
                .url("http://example.com/identity/v3/endpoints/828384")
                .service_id("345678"),
        )
        .expect("req");
        assert_eq!(
            r.json_body(),
            Some(corpus::json(&format!("{S}/endpoint-update-request.json")))
        );
        let r = list_request(
            &ListOpts::new()
                .interface(Interface::Internal)
                .service_id("s1"),
        )
        .expect("req");
        assert_eq!(r.query_string(), Some("interface=internal&service_id=s1"));
    }

    #[test]
    fn interface_is_open() {
        let i: Interface = serde_json::from_str("\"sideways\"").expect("json");
        assert_eq!(i, Interface::Unknown("sideways".into()));
        assert_eq!(serde_json::to_string(&i).expect("json"), "\"sideways\"");
        assert_eq!(
            Interface::from(openstack_core::Interface::Admin),
            Interface::Admin
        );
    }
}
