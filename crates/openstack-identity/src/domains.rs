//! Domains (`/v3/domains`): create, list, get, update, delete.
//!
//! A domain must be disabled (`UpdateOpts::new().enabled(false)`) before Keystone lets
//! you delete it.

use openstack_core::serde_util::null_default;
use openstack_core::{Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};

use crate::util::{self, Options};

/// A domain.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Domain {
    /// The id.
    pub id: String,
    /// The name.
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// The description.
    #[serde(default)]
    pub description: Option<String>,
    /// Whether the domain is enabled.
    #[serde(default = "util::yes", deserialize_with = "util::null_true")]
    pub enabled: bool,
    /// Resource options.
    #[serde(default, deserialize_with = "null_default")]
    pub options: Options,
    /// The tags (domains are projects underneath).
    #[serde(default, deserialize_with = "null_default")]
    pub tags: Vec<String>,
}

/// Filters for [`list`].
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct ListOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    enabled: Option<bool>,
}

impl ListOpts {
    /// No filters.
    pub fn new() -> Self {
        Self::default()
    }
    util::setters! {
        /// Only the domain with this name.
        name: str,
        /// Only enabled (or disabled) domains.
        enabled: bool,
    }
}

/// What [`create`] sends.
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct CreateOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    enabled: Option<bool>,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    options: Option<Options>,
    #[serde(skip_serializing_if = "Option::is_none")]
    explicit_domain_id: Option<String>,
}

impl CreateOpts {
    /// A domain named `name`.
    pub fn new(name: impl Into<String>) -> Self {
        CreateOpts {
            name: name.into(),
            ..Self::default()
        }
    }
    util::setters! {
        /// The description.
        description: str,
        /// Enabled or disabled (enabled unless set).
        enabled: bool,
    }
    /// Sets one resource option.
    pub fn option(mut self, key: impl Into<String>, value: impl Into<serde_json::Value>) -> Self {
        self.options
            .get_or_insert_with(Options::new)
            .insert(key.into(), value.into());
        self
    }
    /// Asks for this id instead of a generated one (`explicit_domain_id`).
    pub fn explicit_domain_id(mut self, v: impl Into<String>) -> Self {
        self.explicit_domain_id = Some(v.into());
        self
    }
}

/// What [`update`] sends. Fields not set are left unchanged; `clear_*` sends `null`.
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct UpdateOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    enabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    options: Option<Options>,
}

impl UpdateOpts {
    /// Changes nothing until fields are set.
    pub fn new() -> Self {
        Self::default()
    }
    /// A new name.
    pub fn name(mut self, v: impl Into<String>) -> Self {
        self.name = Some(v.into());
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
    /// Enables or disables the domain.
    pub fn enabled(mut self, v: bool) -> Self {
        self.enabled = Some(v);
        self
    }
    /// Sets one resource option (a `null` value removes it).
    pub fn option(mut self, key: impl Into<String>, value: impl Into<serde_json::Value>) -> Self {
        self.options
            .get_or_insert_with(Options::new)
            .insert(key.into(), value.into());
        self
    }
}

util::crud_fns! { "domains", "domain", "domains", Domain;
    /// `GET /v3/domains` with filters.
    list_request;
    /// Lists domains, following `links.next`.
    list;
    /// `GET /v3/domains/{id}`.
    get_request;
    /// Gets a domain.
    get;
    /// `POST /v3/domains`.
    create_request;
    /// Creates a domain.
    create;
    /// `PATCH /v3/domains/{id}`.
    update_request;
    /// Updates a domain.
    update;
    /// `DELETE /v3/domains/{id}` (the domain must be disabled first).
    delete_request;
    /// Deletes a disabled domain.
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
            &CreateOpts::new("myDomain")
                .description("Domain description")
                .enabled(true),
        )
        .expect("req");
        assert_eq!(
            r.json_body(),
            Some(corpus::json(&format!("{S}/domain-create-request.json")))
        );
        let r = update_request(
            "d",
            &UpdateOpts::new().description("Owns users and projects on Identity API v2."),
        )
        .expect("req");
        assert_eq!(r.path(), "domains/d");
        assert_eq!(
            r.json_body(),
            Some(corpus::json(&format!("{S}/domain-update-request.json")))
        );
        let r = update_request("d", &UpdateOpts::new().clear_description().enabled(false))
            .expect("req");
        assert_eq!(
            r.json_body(),
            Some(serde_json::json!({"domain": {"description": null, "enabled": false}}))
        );
        let r = list_request(&ListOpts::new().name("x").enabled(true)).expect("req");
        assert_eq!(r.query_string(), Some("name=x&enabled=true"));
    }
}
