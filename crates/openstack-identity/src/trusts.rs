//! Trusts (`OS-TRUST`, `/v3/OS-TRUST/trusts`): a trustor delegates some of its roles on a
//! project to a trustee, who then authenticates with the trust. Create, list (by trustor or
//! trustee), get, delete, and list or check the delegated roles; [`TrustAuth`] authenticates
//! with a trust scope.
//!
//! ```no_run
//! # async fn f(identity: &openstack_core::ServiceClient) -> openstack_core::Result<()> {
//! use std::sync::Arc;
//! use openstack_core::auth::{AuthOptions, UserRef};
//! use openstack_core::ProviderClient;
//! use openstack_identity::trusts::{self, CreateOpts, TrustAuth};
//!
//! // The trustor (the authenticated user) delegates `member` on a project to a trustee.
//! let trust = trusts::create(
//!     identity,
//!     CreateOpts::new("trustor-user-id", "trustee-user-id", false)
//!         .project_id("project-id")
//!         .role_name("member")
//!         .remaining_uses(5),
//! )
//! .await?;
//!
//! // The trustee authenticates with the trust: the token is scoped to the trust's project
//! // and carries only the delegated roles.
//! let auth = TrustAuth::new(
//!     AuthOptions::password("http://keystone:5000/v3", UserRef::id("trustee-user-id"), "pw"),
//!     &trust.id,
//! );
//! let as_trustee = ProviderClient::builder()
//!     .auth_method(Arc::new(auth))
//!     .build()
//!     .await?;
//! # let _ = as_trustee;
//! # Ok(()) }
//! ```

use openstack_core::auth::{v3, AuthContext, AuthMethod, AuthOptions, BoxFuture, Scope, Token};
use openstack_core::serde_util::null_default;
use openstack_core::{Error, Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use url::Url;

use crate::roles::Role;
use crate::util::{self, seg};

/// A trust.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Trust {
    /// The id.
    pub id: String,
    /// The user who delegates.
    #[serde(default, deserialize_with = "null_default")]
    pub trustor_user_id: String,
    /// The user who receives the delegation.
    #[serde(default, deserialize_with = "null_default")]
    pub trustee_user_id: String,
    /// The project the roles are delegated on (`None`: no project, no roles).
    #[serde(default)]
    pub project_id: Option<String>,
    /// Whether tokens obtained with the trust show the trustor as their user.
    #[serde(default, deserialize_with = "null_default")]
    pub impersonation: bool,
    /// Whether the trustee may delegate the trust further.
    #[serde(default, deserialize_with = "null_default")]
    pub allow_redelegation: bool,
    /// How many more times the trust may be redelegated.
    #[serde(default)]
    pub redelegation_count: Option<u32>,
    /// The trust this one was redelegated from.
    #[serde(default)]
    pub redelegated_trust_id: Option<String>,
    /// When the trust expires (`None`: never).
    #[serde(default, with = "openstack_core::timestamp::option")]
    pub expires_at: Option<OffsetDateTime>,
    /// How many more tokens may be issued with the trust (`None`: unlimited).
    #[serde(default)]
    pub remaining_uses: Option<u32>,
    /// The delegated roles (Keystone leaves them out of list responses).
    #[serde(default, deserialize_with = "null_default")]
    pub roles: Vec<Role>,
}

/// A role to delegate, by id or by name.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TrustRole {
    /// The role id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The role name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

impl TrustRole {
    /// A role by id.
    pub fn id(id: impl Into<String>) -> Self {
        TrustRole {
            id: Some(id.into()),
            name: None,
        }
    }
    /// A role by name.
    pub fn name(name: impl Into<String>) -> Self {
        TrustRole {
            id: None,
            name: Some(name.into()),
        }
    }
}

/// Filters for [`list`].
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct ListOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    trustor_user_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    trustee_user_id: Option<String>,
}

impl ListOpts {
    /// No filters (admins see every trust; others must filter by themselves).
    pub fn new() -> Self {
        Self::default()
    }
    util::setters! {
        /// Only trusts delegated by this user.
        trustor_user_id: str,
        /// Only trusts delegated to this user.
        trustee_user_id: str,
    }
}

/// What [`create`] sends.
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct CreateOpts {
    trustor_user_id: String,
    trustee_user_id: String,
    impersonation: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    project_id: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    roles: Vec<TrustRole>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        with = "openstack_core::timestamp::option"
    )]
    expires_at: Option<OffsetDateTime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    remaining_uses: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    allow_redelegation: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    redelegation_count: Option<u32>,
}

impl CreateOpts {
    /// A trust from `trustor_user_id` (who must be the authenticated user) to
    /// `trustee_user_id`; with `impersonation`, trust tokens name the trustor as their user.
    pub fn new(
        trustor_user_id: impl Into<String>,
        trustee_user_id: impl Into<String>,
        impersonation: bool,
    ) -> Self {
        CreateOpts {
            trustor_user_id: trustor_user_id.into(),
            trustee_user_id: trustee_user_id.into(),
            impersonation,
            ..Self::default()
        }
    }
    /// The project whose roles are delegated (required when roles are given).
    pub fn project_id(mut self, v: impl Into<String>) -> Self {
        self.project_id = Some(v.into());
        self
    }
    /// Delegates a role by id.
    pub fn role_id(self, id: impl Into<String>) -> Self {
        self.role(TrustRole::id(id))
    }
    /// Delegates a role by name.
    pub fn role_name(self, name: impl Into<String>) -> Self {
        self.role(TrustRole::name(name))
    }
    /// Delegates a role.
    pub fn role(mut self, role: TrustRole) -> Self {
        self.roles.push(role);
        self
    }
    /// When the trust expires (never unless set).
    pub fn expires_at(mut self, v: OffsetDateTime) -> Self {
        self.expires_at = Some(v);
        self
    }
    /// How many tokens may be issued with the trust (unlimited unless set). Once used up,
    /// Keystone answers `get` and `delete` with 404, while `list` still shows it (with
    /// `remaining_uses: 0`) until it expires.
    pub fn remaining_uses(mut self, v: u32) -> Self {
        self.remaining_uses = Some(v);
        self
    }
    /// Whether the trustee may redelegate the trust.
    pub fn allow_redelegation(mut self, v: bool) -> Self {
        self.allow_redelegation = Some(v);
        self
    }
    /// How many times the trust may be redelegated (with `allow_redelegation`).
    pub fn redelegation_count(mut self, v: u32) -> Self {
        self.redelegation_count = Some(v);
        self
    }
}

util::crud_fns! { "OS-TRUST/trusts", "trust", "trusts", Trust;
    /// `GET /v3/OS-TRUST/trusts` with filters.
    list_request;
    /// Lists trusts, following `links.next`.
    list;
    /// `GET /v3/OS-TRUST/trusts/{trust_id}`.
    get_request;
    /// Gets a trust (with its roles).
    get;
    /// `POST /v3/OS-TRUST/trusts`.
    create_request;
    /// Creates a trust; the authenticated user must be the trustor.
    create;
    /// `DELETE /v3/OS-TRUST/trusts/{trust_id}`.
    delete_request;
    /// Deletes (revokes) a trust.
    delete;
}

fn role_path(trust_id: &str, role_id: &str) -> String {
    format!("OS-TRUST/trusts/{}/roles/{}", seg(trust_id), seg(role_id))
}

/// `GET /v3/OS-TRUST/trusts/{trust_id}/roles`.
pub fn list_roles_request(trust_id: &str) -> Request {
    Request::get(format!("OS-TRUST/trusts/{}/roles", seg(trust_id)))
}

/// Lists the roles a trust delegates.
pub fn list_roles(client: &ServiceClient, trust_id: &str) -> Pager<Role> {
    Pager::linked(client.clone(), list_roles_request(trust_id), "roles")
}

/// `GET /v3/OS-TRUST/trusts/{trust_id}/roles/{role_id}`.
pub fn get_role_request(trust_id: &str, role_id: &str) -> Request {
    Request::get(role_path(trust_id, role_id))
}

/// Gets one role a trust delegates (404 when it does not).
pub async fn get_role(client: &ServiceClient, trust_id: &str, role_id: &str) -> Result<Role> {
    client
        .send_keyed(get_role_request(trust_id, role_id), "role")
        .await
}

/// `HEAD /v3/OS-TRUST/trusts/{trust_id}/roles/{role_id}`.
pub fn check_role_request(trust_id: &str, role_id: &str) -> Request {
    Request::head(role_path(trust_id, role_id))
}

/// Whether a trust delegates a role: `true` on 200, `false` on 404.
pub async fn check_role(client: &ServiceClient, trust_id: &str, role_id: &str) -> Result<bool> {
    util::exists(client, check_role_request(trust_id, role_id)).await
}

/// Authentication with a trust scope (`"scope": {"OS-TRUST:trust": {"id": ...}}`), as an
/// [`AuthMethod`] for `ProviderClient::builder().auth_method(..)`.
///
/// The core does the same with `AuthOptions::scope(Scope::Trust(id))` (or `OS_TRUST_ID` /
/// clouds.yaml `auth.trust_id`), including version discovery; `TrustAuth` keeps the trust
/// apart from options that already carry another scope.
///
/// The trustee's credentials come from an [`AuthOptions`] (password or token; its `scope`
/// is ignored; Keystone refuses a trust scope with application credentials). The token is scoped to the trust's project and
/// carries only the delegated roles; with impersonation its user is the trustor. The
/// `auth_url` must be the Keystone v3 endpoint or the unversioned identity root (`v3` is then
/// appended): trusts are v3 only, so no version discovery is done.
#[derive(Debug, Clone)]
pub struct TrustAuth {
    options: AuthOptions,
    trust_id: String,
}

impl TrustAuth {
    /// Authenticates with `options`' credentials, scoped to the trust `trust_id`.
    pub fn new(options: AuthOptions, trust_id: impl Into<String>) -> Self {
        TrustAuth {
            options,
            trust_id: trust_id.into(),
        }
    }

    /// The trust id.
    pub fn trust_id(&self) -> &str {
        &self.trust_id
    }

    /// The token request body: the core's v3 body for the credentials, with the trust scope.
    pub fn token_request_body(&self) -> Result<serde_json::Value> {
        v3::token_request_body(
            &self.options.credentials,
            &Scope::Trust(self.trust_id.clone()),
        )
    }

    /// `POST <v3 endpoint>/auth/tokens` with the trust scope (sent without a token).
    pub fn token_request(&self) -> Result<Request> {
        let base = Url::parse(self.options.auth_url.trim()).map_err(|e| {
            Error::config(format!("bad identity URL {:?}: {e}", self.options.auth_url))
        })?;
        let url = crate::versioned_endpoint(&base, "v3")
            .join("auth/tokens")
            .map_err(|e| Error::config(format!("bad identity URL {base}: {e}")))?;
        Ok(Request::post(url.to_string())
            .json(&self.token_request_body()?)?
            .ok_status([200, 201])
            .unauthenticated())
    }
}

impl AuthMethod for TrustAuth {
    fn authenticate<'a>(&'a self, cx: AuthContext<'a>) -> BoxFuture<'a, Result<Token>> {
        Box::pin(async move {
            let response = cx
                .send(self.token_request()?)
                .await
                .map_err(|e| e.context(format!("authentication with trust {}", self.trust_id)))?;
            v3::parse_token_response(response).await
        })
    }

    fn can_reauthenticate(&self) -> bool {
        self.options.allow_reauth
            && !matches!(
                self.options.credentials,
                openstack_core::auth::Credentials::Token { .. }
            )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use openstack_core::auth::UserRef;
    use openstack_test_support::corpus;
    use time::macros::datetime;

    const S: &str = "keystone/api-ref/source/v3-ext/samples/OS-TRUST";

    #[test]
    fn create_body_matches_sample() {
        let opts = CreateOpts::new("a0fdfd", "86c0d5", true)
            .project_id("ddef321")
            .role_name("member")
            .allow_redelegation(true)
            .expires_at(datetime!(2013-02-27 18:30:59.999999 UTC));
        let r = create_request(&opts).expect("req");
        assert_eq!(r.path(), "OS-TRUST/trusts");
        assert_eq!(
            r.json_body(),
            Some(corpus::json(&format!("{S}/trust-create-request.json")))
        );
        let r = create_request(&CreateOpts::new("a", "b", false).remaining_uses(3)).expect("req");
        assert_eq!(
            r.json_body(),
            Some(serde_json::json!({"trust": {
                "trustor_user_id": "a", "trustee_user_id": "b", "impersonation": false,
                "remaining_uses": 3}}))
        );
    }

    #[test]
    fn paths_and_queries() {
        let r =
            list_request(&ListOpts::new().trustor_user_id("a").trustee_user_id("b")).expect("req");
        assert_eq!(r.path(), "OS-TRUST/trusts");
        assert_eq!(
            r.query_string(),
            Some("trustor_user_id=a&trustee_user_id=b")
        );
        assert_eq!(get_request("t/1").path(), "OS-TRUST/trusts/t%2F1");
        assert_eq!(delete_request("t").method(), "DELETE");
        assert_eq!(list_roles_request("t").path(), "OS-TRUST/trusts/t/roles");
        assert_eq!(
            get_role_request("t", "r").path(),
            "OS-TRUST/trusts/t/roles/r"
        );
        let r = check_role_request("t", "r");
        assert_eq!(
            (r.method().as_str(), r.path()),
            ("HEAD", "OS-TRUST/trusts/t/roles/r")
        );
    }

    #[test]
    fn trust_auth_body_matches_sample() {
        let auth = TrustAuth::new(AuthOptions::token("http://k:5000", "e80b74"), "de0945a");
        assert!(
            !auth.can_reauthenticate(),
            "a token cannot be reused forever"
        );
        let r = auth.token_request().expect("req");
        assert_eq!(r.path(), "http://k:5000/v3/auth/tokens");
        assert!(!r.is_authenticated());
        assert_eq!(
            r.json_body(),
            Some(corpus::json(&format!("{S}/trust-auth-request.json")))
        );
        let auth = TrustAuth::new(
            AuthOptions::password("http://k/identity/v3/", UserRef::id("u"), "pw"),
            "t",
        );
        assert!(auth.can_reauthenticate());
        assert!(!format!("{auth:?}").contains("\"pw\""));
        let r = auth.token_request().expect("req");
        assert_eq!(r.path(), "http://k/identity/v3/auth/tokens");
        let body = r.json_body().expect("body");
        assert_eq!(body["auth"]["identity"]["methods"][0], "password");
        assert_eq!(body["auth"]["scope"]["OS-TRUST:trust"]["id"], "t");
        assert!(TrustAuth::new(AuthOptions::token("not a url", "x"), "t")
            .token_request()
            .is_err());
    }
}
