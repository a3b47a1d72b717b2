//! Application credentials (`/v3/users/{user_id}/application_credentials`) and their access
//! rules (`/v3/users/{user_id}/access_rules`).
//!
//! Application credentials belong to a user and are created by that user (with a token of
//! the user, scoped to the project the credential is for). Authenticate with one through
//! [`AuthOptions::application_credential`](openstack_core::auth::AuthOptions::application_credential).
//!
//! ```no_run
//! # async fn f(identity: openstack_core::ServiceClient, user_id: &str) -> openstack_core::Result<()> {
//! use openstack_identity::application_credentials::{self, CreateOpts};
//! let cred = application_credentials::create(
//!     &identity,
//!     user_id,
//!     CreateOpts::new("ci-runner").role_name("member").description("for CI"),
//! )
//! .await?;
//! // The secret is only returned now: keep it.
//! let secret = cred.secret.clone().unwrap_or_default();
//! # let _ = secret;
//! # Ok(()) }
//! ```

use openstack_core::serde_util::null_default;
use openstack_core::{Pager, Request, Result, ServiceClient};
use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::util::{self, seg};

/// A role delegated to an application credential.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CredentialRole {
    /// The role id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The role name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The domain of a domain-specific role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain_id: Option<String>,
}

impl CredentialRole {
    /// A role by id.
    pub fn id(id: impl Into<String>) -> Self {
        CredentialRole {
            id: Some(id.into()),
            ..Self::default()
        }
    }
    /// A role by name.
    pub fn name(name: impl Into<String>) -> Self {
        CredentialRole {
            name: Some(name.into()),
            ..Self::default()
        }
    }
}

/// An access rule: which API calls an application credential may make.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AccessRule {
    /// The id (assigned by the server).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The API path (may contain `*` and `**` wildcards).
    #[serde(default, deserialize_with = "null_default")]
    pub path: String,
    /// The HTTP method.
    #[serde(default, deserialize_with = "null_default")]
    pub method: String,
    /// The service type (`compute`, `image`, ...).
    #[serde(default, deserialize_with = "null_default")]
    pub service: String,
}

impl AccessRule {
    /// A rule for `method` on `path` of `service` (a service type).
    pub fn new(
        service: impl Into<String>,
        method: impl Into<String>,
        path: impl Into<String>,
    ) -> Self {
        AccessRule {
            id: None,
            path: path.into(),
            method: method.into(),
            service: service.into(),
        }
    }
}

/// An application credential.
#[derive(Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ApplicationCredential {
    /// The id.
    pub id: String,
    /// The name.
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// The description.
    #[serde(default)]
    pub description: Option<String>,
    /// The secret: only in the response to [`create`], never again. Not shown by `Debug`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub secret: Option<String>,
    /// When it expires (`null`: never).
    #[serde(default, with = "openstack_core::timestamp::option")]
    pub expires_at: Option<OffsetDateTime>,
    /// The project it is scoped to.
    #[serde(default, deserialize_with = "null_default")]
    pub project_id: String,
    /// The owning user (newer releases).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// The delegated roles.
    #[serde(default, deserialize_with = "null_default")]
    pub roles: Vec<CredentialRole>,
    /// Whether it may create further application credentials and trusts.
    #[serde(default, deserialize_with = "null_default")]
    pub unrestricted: bool,
    /// The access rules (empty: no restriction by rule).
    #[serde(default, deserialize_with = "null_default")]
    pub access_rules: Vec<AccessRule>,
}

impl std::fmt::Debug for ApplicationCredential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApplicationCredential")
            .field("id", &self.id)
            .field("name", &self.name)
            .field("description", &self.description)
            .field("secret", &self.secret.as_ref().map(|_| "[REDACTED]"))
            .field("expires_at", &self.expires_at)
            .field("project_id", &self.project_id)
            .field("user_id", &self.user_id)
            .field("roles", &self.roles)
            .field("unrestricted", &self.unrestricted)
            .field("access_rules", &self.access_rules)
            .finish()
    }
}

/// What [`create`] sends. Without a secret, Keystone generates one. The secret never
/// appears in `Debug` output.
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct CreateOpts {
    name: String,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "util::expose_opt"
    )]
    secret: Option<SecretString>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "expiry")]
    expires_at: Option<Option<OffsetDateTime>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    roles: Option<Vec<CredentialRole>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    access_rules: Option<Vec<AccessRule>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unrestricted: Option<bool>,
}

impl CreateOpts {
    /// A credential named `name` (unique per user).
    pub fn new(name: impl Into<String>) -> Self {
        CreateOpts {
            name: name.into(),
            ..Self::default()
        }
    }
    /// Your own secret (else Keystone generates one).
    pub fn secret(mut self, v: impl Into<String>) -> Self {
        self.secret = Some(SecretString::from(v.into()));
        self
    }
    /// The description.
    pub fn description(mut self, v: impl Into<String>) -> Self {
        self.description = Some(v.into());
        self
    }
    /// When it expires (never unless set).
    pub fn expires_at(mut self, v: OffsetDateTime) -> Self {
        self.expires_at = Some(Some(v));
        self
    }
    /// Says explicitly that it never expires (sends `"expires_at": null`).
    pub fn never_expires(mut self) -> Self {
        self.expires_at = Some(None);
        self
    }
    /// Delegates a role by id (all the token's roles unless roles are given).
    pub fn role_id(self, id: impl Into<String>) -> Self {
        self.role(CredentialRole::id(id))
    }
    /// Delegates a role by name.
    pub fn role_name(self, name: impl Into<String>) -> Self {
        self.role(CredentialRole::name(name))
    }
    /// Delegates a role.
    pub fn role(mut self, role: CredentialRole) -> Self {
        self.roles.get_or_insert_with(Vec::new).push(role);
        self
    }
    /// Restricts the credential to an API call.
    pub fn access_rule(mut self, rule: AccessRule) -> Self {
        self.access_rules.get_or_insert_with(Vec::new).push(rule);
        self
    }
    /// Lets the credential create further application credentials and trusts (dangerous).
    pub fn unrestricted(mut self, v: bool) -> Self {
        self.unrestricted = Some(v);
        self
    }
}

/// Filters for [`list`].
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct ListOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
}

impl ListOpts {
    /// No filters.
    pub fn new() -> Self {
        Self::default()
    }
    /// Only the credential with this name.
    pub fn name(mut self, v: impl Into<String>) -> Self {
        self.name = Some(v.into());
        self
    }
}

fn expiry<S: serde::Serializer>(
    v: &Option<Option<OffsetDateTime>>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    openstack_core::timestamp::option::serialize(&v.flatten(), s)
}

fn base(user_id: &str) -> String {
    format!("users/{}/application_credentials", seg(user_id))
}

/// `POST /v3/users/{user_id}/application_credentials`.
pub fn create_request(user_id: &str, opts: &CreateOpts) -> Result<Request> {
    Ok(Request::post(base(user_id))
        .json_wrapped("application_credential", opts)?
        .ok_status([201]))
}

/// Creates an application credential for the user (who must be the caller). The result
/// carries the secret, which is never shown again.
pub async fn create(
    client: &ServiceClient,
    user_id: &str,
    opts: CreateOpts,
) -> Result<ApplicationCredential> {
    client
        .send_keyed(create_request(user_id, &opts)?, "application_credential")
        .await
}

/// `GET /v3/users/{user_id}/application_credentials`.
pub fn list_request(user_id: &str, opts: &ListOpts) -> Result<Request> {
    Request::get(base(user_id)).query(opts)
}

/// Lists a user's application credentials.
pub fn list(client: &ServiceClient, user_id: &str, opts: ListOpts) -> Pager<ApplicationCredential> {
    Pager::linked(
        client.clone(),
        list_request(user_id, &opts),
        "application_credentials",
    )
}

/// `GET /v3/users/{user_id}/application_credentials/{id}`.
pub fn get_request(user_id: &str, id: &str) -> Request {
    Request::get(format!("{}/{}", base(user_id), seg(id)))
}

/// Gets an application credential (without its secret).
pub async fn get(client: &ServiceClient, user_id: &str, id: &str) -> Result<ApplicationCredential> {
    client
        .send_keyed(get_request(user_id, id), "application_credential")
        .await
}

/// `DELETE /v3/users/{user_id}/application_credentials/{id}`.
pub fn delete_request(user_id: &str, id: &str) -> Request {
    Request::delete(format!("{}/{}", base(user_id), seg(id))).ok_status([204])
}

/// Deletes an application credential.
pub async fn delete(client: &ServiceClient, user_id: &str, id: &str) -> Result<()> {
    client.send_empty(delete_request(user_id, id)).await
}

fn rules_base(user_id: &str) -> String {
    format!("users/{}/access_rules", seg(user_id))
}

/// `GET /v3/users/{user_id}/access_rules`.
pub fn list_access_rules_request(user_id: &str) -> Request {
    Request::get(rules_base(user_id))
}

/// Lists the access rules of a user's application credentials.
pub fn list_access_rules(client: &ServiceClient, user_id: &str) -> Pager<AccessRule> {
    Pager::linked(
        client.clone(),
        list_access_rules_request(user_id),
        "access_rules",
    )
}

/// `GET /v3/users/{user_id}/access_rules/{id}`.
pub fn get_access_rule_request(user_id: &str, id: &str) -> Request {
    Request::get(format!("{}/{}", rules_base(user_id), seg(id)))
}

/// Gets an access rule.
pub async fn get_access_rule(
    client: &ServiceClient,
    user_id: &str,
    id: &str,
) -> Result<AccessRule> {
    client
        .send_keyed(get_access_rule_request(user_id, id), "access_rule")
        .await
}

/// `DELETE /v3/users/{user_id}/access_rules/{id}`.
pub fn delete_access_rule_request(user_id: &str, id: &str) -> Request {
    Request::delete(format!("{}/{}", rules_base(user_id), seg(id))).ok_status([204])
}

/// Deletes an access rule that no application credential uses any more.
pub async fn delete_access_rule(client: &ServiceClient, user_id: &str, id: &str) -> Result<()> {
    client
        .send_empty(delete_access_rule_request(user_id, id))
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use openstack_test_support::corpus;
    use time::macros::datetime;

    const S: &str = "keystone/api-ref/source/v3/samples/admin";

    #[test]
    fn create_body_matches_sample() {
        let opts = CreateOpts::new("monitoring")
            .secret("rEaqvJka48mpv")
            .description("Application credential for monitoring.")
            .expires_at(datetime!(2018-02-27 18:30:59 UTC))
            .role_name("Reader")
            .access_rule(AccessRule::new("monitoring", "GET", "/v2.0/metrics"))
            .unrestricted(false);
        assert!(!format!("{opts:?}").contains("rEaqvJka48mpv"));
        let r = create_request("fd786d56", &opts).expect("req");
        assert_eq!(r.method(), "POST");
        assert_eq!(r.path(), "users/fd786d56/application_credentials");
        assert_eq!(
            r.json_body(),
            Some(corpus::json(&format!(
                "{S}/application-credential-create-request.json"
            )))
        );
    }

    #[test]
    fn explicit_no_expiry_sends_null() {
        let r = create_request("u", &CreateOpts::new("n").never_expires()).expect("req");
        assert_eq!(
            r.json_body(),
            Some(serde_json::json!({"application_credential": {"name": "n", "expires_at": null}}))
        );
        let r = create_request("u", &CreateOpts::new("n")).expect("req");
        assert_eq!(
            r.json_body(),
            Some(serde_json::json!({"application_credential": {"name": "n"}}))
        );
    }

    #[test]
    fn paths() {
        let r = list_request("u", &ListOpts::new().name("n")).expect("req");
        assert_eq!(r.path(), "users/u/application_credentials");
        assert_eq!(r.query_string(), Some("name=n"));
        assert_eq!(
            get_request("u", "c").path(),
            "users/u/application_credentials/c"
        );
        assert_eq!(delete_request("u", "c").method(), "DELETE");
        assert_eq!(
            list_access_rules_request("u").path(),
            "users/u/access_rules"
        );
        assert_eq!(
            get_access_rule_request("u", "r").path(),
            "users/u/access_rules/r"
        );
        assert_eq!(delete_access_rule_request("u", "r").method(), "DELETE");
    }

    #[test]
    fn secret_not_in_debug() {
        let c = ApplicationCredential {
            secret: Some("hunter2".into()),
            ..Default::default()
        };
        assert!(!format!("{c:?}").contains("hunter2"));
    }
}
