//! Identity providers (`/v3/OS-FEDERATION/identity_providers`): register (`PUT` with a
//! chosen id), list, get, update, delete.

use openstack_core::serde_util::null_default;
use openstack_core::{Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};

use crate::util::{self, seg};

/// A registered identity provider.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct IdentityProvider {
    /// The id, chosen at registration.
    pub id: String,
    /// Whether its users may authenticate.
    #[serde(default = "util::yes", deserialize_with = "util::null_true")]
    pub enabled: bool,
    /// The description.
    #[serde(default)]
    pub description: Option<String>,
    /// The domain its federated users are created in.
    #[serde(default)]
    pub domain_id: Option<String>,
    /// The IdP's own entity ids (matched against the assertion's issuer attribute).
    #[serde(default, deserialize_with = "null_default")]
    pub remote_ids: Vec<String>,
    /// How long group memberships from an assertion last, in minutes (`None`: the
    /// deployment's default).
    #[serde(default)]
    pub authorization_ttl: Option<u32>,
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

/// What [`create`] sends (every field is optional).
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct CreateOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    domain_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    remote_ids: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    enabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    authorization_ttl: Option<u32>,
}

impl CreateOpts {
    /// Nothing set: the provider is disabled, and Keystone creates a domain for its users
    /// (the domain stays when the provider is deleted).
    pub fn new() -> Self {
        Self::default()
    }
    util::setters! {
        /// The domain its users are created in (else Keystone creates one).
        domain_id: str,
        /// The description.
        description: str,
        /// Enabled or disabled (disabled unless set).
        enabled: bool,
        /// Group membership lifetime in minutes.
        authorization_ttl: val<u32>,
    }
    /// Adds a remote id.
    pub fn remote_id(mut self, v: impl Into<String>) -> Self {
        self.remote_ids.get_or_insert_with(Vec::new).push(v.into());
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
    remote_ids: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    enabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    authorization_ttl: Option<Option<u32>>,
}

impl UpdateOpts {
    /// Changes nothing until fields are set.
    pub fn new() -> Self {
        Self::default()
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
    /// Replaces the remote ids (an empty list removes them all).
    pub fn remote_ids<I, S>(mut self, ids: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.remote_ids = Some(ids.into_iter().map(Into::into).collect());
        self
    }
    /// Enables or disables the provider.
    pub fn enabled(mut self, v: bool) -> Self {
        self.enabled = Some(v);
        self
    }
    /// A new group membership lifetime in minutes.
    pub fn authorization_ttl(mut self, v: u32) -> Self {
        self.authorization_ttl = Some(Some(v));
        self
    }
    /// Back to the deployment's default lifetime (sends `"authorization_ttl": null`).
    pub fn clear_authorization_ttl(mut self) -> Self {
        self.authorization_ttl = Some(None);
        self
    }
}

util::crud_fns! { "OS-FEDERATION/identity_providers", "identity_provider", "identity_providers", IdentityProvider;
    /// `GET /v3/OS-FEDERATION/identity_providers` with filters.
    list_request;
    /// Lists identity providers, following `links.next`.
    list;
    /// `GET /v3/OS-FEDERATION/identity_providers/{id}`.
    get_request;
    /// Gets an identity provider.
    get;
    /// `PATCH /v3/OS-FEDERATION/identity_providers/{id}`.
    update_request;
    /// Updates an identity provider.
    update;
    /// `DELETE /v3/OS-FEDERATION/identity_providers/{id}` (its protocols go with it).
    delete_request;
    /// Deletes an identity provider.
    delete;
}

/// `PUT /v3/OS-FEDERATION/identity_providers/{id}`.
pub fn create_request(id: &str, opts: &CreateOpts) -> Result<Request> {
    Ok(
        Request::put(format!("OS-FEDERATION/identity_providers/{}", seg(id)))
            .json_wrapped("identity_provider", opts)?
            .ok_status([201]),
    )
}

/// Registers an identity provider under the id `id`.
pub async fn create(
    client: &ServiceClient,
    id: &str,
    opts: CreateOpts,
) -> Result<IdentityProvider> {
    client
        .send_keyed(create_request(id, &opts)?, "identity_provider")
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use openstack_test_support::corpus;

    const S: &str = "keystone/api-ref/source/v3-ext/federation/identity-provider/samples";

    #[test]
    fn bodies_match_samples() {
        let r = create_request(
            "ACME",
            &CreateOpts::new()
                .domain_id("1789d1")
                .description("Stores ACME identities.")
                .remote_id("acme_id_1")
                .remote_id("acme_id_2")
                .enabled(true),
        )
        .expect("req");
        assert_eq!(r.method().as_str(), "PUT");
        assert_eq!(r.path(), "OS-FEDERATION/identity_providers/ACME");
        assert_eq!(
            r.json_body(),
            Some(corpus::json(&format!("{S}/register-request.json")))
        );
        let r = update_request(
            "ACME",
            &UpdateOpts::new()
                .remote_ids(["beta_id_1", "beta_id_2"])
                .enabled(true),
        )
        .expect("req");
        assert_eq!(
            r.json_body(),
            Some(corpus::json(&format!("{S}/update-request.json")))
        );
        let r = update_request(
            "a b",
            &UpdateOpts::new()
                .clear_description()
                .clear_authorization_ttl(),
        )
        .expect("req");
        assert_eq!(r.path(), "OS-FEDERATION/identity_providers/a%20b");
        assert_eq!(
            r.json_body(),
            Some(serde_json::json!({"identity_provider":
                {"description": null, "authorization_ttl": null}}))
        );
        let r = list_request(&ListOpts::new().id("x").enabled(false)).expect("req");
        assert_eq!(r.query_string(), Some("id=x&enabled=false"));
    }
}
