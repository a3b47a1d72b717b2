//! Service providers (`/v3/OS-FEDERATION/service_providers`): remote clouds that accept
//! SAML assertions from this Keystone (Keystone-to-Keystone federation). Register (`PUT`
//! with a chosen id), list, get, update, delete.

use openstack_core::serde_util::null_default;
use openstack_core::{Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};

use crate::util::{self, seg};

/// A service provider.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ServiceProvider {
    /// The id, chosen at registration.
    pub id: String,
    /// The remote Keystone's federated auth URL for this IdP.
    #[serde(default, deserialize_with = "null_default")]
    pub auth_url: String,
    /// The remote service provider's SAML ECP endpoint.
    #[serde(default, deserialize_with = "null_default")]
    pub sp_url: String,
    /// The description.
    #[serde(default)]
    pub description: Option<String>,
    /// Whether it is used.
    #[serde(default, deserialize_with = "null_default")]
    pub enabled: bool,
    /// The relay state prefix of ECP wrapped assertions.
    #[serde(default)]
    pub relay_state_prefix: Option<String>,
}

/// Filters for [`list`].
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct ListOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    enabled: Option<bool>,
}

impl ListOpts {
    /// No filters.
    pub fn new() -> Self {
        Self::default()
    }
    util::setters! {
        /// Only the provider with this id.
        id: str,
        /// Only enabled (or disabled) providers.
        enabled: bool,
    }
}

/// What [`create`] sends.
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct CreateOpts {
    auth_url: String,
    sp_url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    enabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    relay_state_prefix: Option<String>,
}

impl CreateOpts {
    /// A service provider with its auth URL and SP URL.
    pub fn new(auth_url: impl Into<String>, sp_url: impl Into<String>) -> Self {
        CreateOpts {
            auth_url: auth_url.into(),
            sp_url: sp_url.into(),
            ..Self::default()
        }
    }
    util::setters! {
        /// The description.
        description: str,
        /// Enabled or disabled (disabled unless set).
        enabled: bool,
        /// The relay state prefix.
        relay_state_prefix: str,
    }
}

/// What [`update`] sends. Fields not set are left unchanged; `clear_description` sends
/// `null`.
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct UpdateOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    auth_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sp_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    enabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    relay_state_prefix: Option<String>,
}

impl UpdateOpts {
    /// Changes nothing until fields are set.
    pub fn new() -> Self {
        Self::default()
    }
    util::setters! {
        /// A new auth URL.
        auth_url: str,
        /// A new SP URL.
        sp_url: str,
        /// Enables or disables it.
        enabled: bool,
        /// A new relay state prefix.
        relay_state_prefix: str,
    }
    /// A new description.
    pub fn description(mut self, v: impl Into<String>) -> Self {
        self.description = Some(Some(v.into()));
        self
    }
    /// Removes the description (sends `"description": null`).
    pub fn clear_description(mut self) -> Self {
        self.description = Some(None);
        self
    }
}

util::crud_fns! { "OS-FEDERATION/service_providers", "service_provider", "service_providers", ServiceProvider;
    /// `GET /v3/OS-FEDERATION/service_providers` with filters.
    list_request;
    /// Lists service providers, following `links.next`.
    list;
    /// `GET /v3/OS-FEDERATION/service_providers/{id}`.
    get_request;
    /// Gets a service provider.
    get;
    /// `PATCH /v3/OS-FEDERATION/service_providers/{id}`.
    update_request;
    /// Updates a service provider.
    update;
    /// `DELETE /v3/OS-FEDERATION/service_providers/{id}`.
    delete_request;
    /// Deletes a service provider.
    delete;
}

/// `PUT /v3/OS-FEDERATION/service_providers/{id}`.
pub fn create_request(id: &str, opts: &CreateOpts) -> Result<Request> {
    Ok(
        Request::put(format!("OS-FEDERATION/service_providers/{}", seg(id)))
            .json_wrapped("service_provider", opts)?
            .ok_status([201]),
    )
}

/// Registers a service provider under the id `id`.
pub async fn create(client: &ServiceClient, id: &str, opts: CreateOpts) -> Result<ServiceProvider> {
    client
        .send_keyed(create_request(id, &opts)?, "service_provider")
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use openstack_test_support::corpus;

    const S: &str = "keystone/api-ref/source/v3-ext/federation/service-provider/samples";

    #[test]
    fn bodies_match_samples() {
        let r = create_request(
            "ACME",
            &CreateOpts::new(
                "https://example.com/identity/v3/OS-FEDERATION/identity_providers/acme/protocols/saml2/auth",
                "https://example.com/identity/Shibboleth.sso/SAML2/ECP",
            )
            .description("Remote Service Provider")
            .enabled(true),
        )
        .expect("req");
        assert_eq!(r.path(), "OS-FEDERATION/service_providers/ACME");
        assert_eq!(
            r.json_body(),
            Some(corpus::json(&format!("{S}/register-request.json")))
        );
        // The sample says `sp_auth` where Keystone's schema has `sp_url` (a doc typo).
        let mut want = corpus::json(&format!("{S}/update-request.json"));
        let sp = want["service_provider"].as_object_mut().expect("object");
        let url = sp.remove("sp_auth").expect("sp_auth");
        sp.insert("sp_url".into(), url);
        let u = UpdateOpts::new()
            .auth_url("https://new.example.com/identity/v3/OS-FEDERATION/identity_providers/protocol/saml2/auth")
            .enabled(true)
            .relay_state_prefix("ss:temp:")
            .sp_url("https://new.example.com/identity/Shibboleth.sso/SAML2/ECP");
        let r = update_request("ACME", &u).expect("req");
        assert_eq!(r.method().as_str(), "PATCH");
        assert_eq!(r.json_body(), Some(want));
    }
}
