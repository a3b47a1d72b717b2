//! Tokens (`/v3/auth/tokens`): issue, validate, check and revoke, plus the scopes a token
//! may be exchanged for (`/v3/auth/projects`, `/v3/auth/domains`).
//!
//! Issuing reuses the core's v3 token request and parser
//! ([`openstack_core::auth::v3`]), so a token issued here is the same [`Token`] the
//! [`ProviderClient`](openstack_core::ProviderClient) holds, catalog included.
//!
//! ```no_run
//! # async fn f(identity: openstack_core::ServiceClient, other_token: &str) -> openstack_core::Result<()> {
//! use openstack_identity::tokens;
//! // As an administrator (or the token's owner), inspect another token.
//! let token = tokens::validate(&identity, other_token).await?;
//! println!("user {:?} on project {:?}", token.user, token.project);
//! if tokens::check(&identity, other_token).await? {
//!     tokens::revoke(&identity, other_token).await?;
//! }
//! # Ok(()) }
//! ```

use openstack_core::auth::{v3, Credentials, Scope};
use openstack_core::serde_util::null_default;
use openstack_core::{Pager, Request, Result, ServiceClient};
use serde::Serialize;
use url::Url;

use crate::domains::Domain;
use crate::projects::Project;
use crate::util;

pub use openstack_core::auth::Token;

/// The header that carries the token being validated, checked or revoked (and, in
/// responses, the token issued).
pub const SUBJECT_TOKEN_HEADER: &str = "X-Subject-Token";

/// `POST /v3/auth/tokens` against `v3_endpoint` (the endpoint of a v3 client), built by the
/// core's [`v3::token_request`]. The request carries no token of its own.
pub fn create_request(
    v3_endpoint: &Url,
    credentials: &Credentials,
    scope: &Scope,
) -> Result<Request> {
    v3::token_request(v3_endpoint, credentials, scope)
}

/// Issues a token for `credentials` with `scope` and returns it with everything the
/// response carried (user, scope, roles, catalog, expiry). The id is a secret: read it with
/// `secrecy::ExposeSecret`.
pub async fn create(
    client: &ServiceClient,
    credentials: &Credentials,
    scope: &Scope,
) -> Result<Token> {
    let resp = client
        .send(create_request(client.endpoint(), credentials, scope)?)
        .await?;
    v3::parse_token_response(resp).await
}

/// Options for [`validate_with`].
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct ValidateOpts {
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    nocatalog: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    allow_expired: bool,
}

impl ValidateOpts {
    /// The defaults: with catalog, expired tokens rejected.
    pub fn new() -> Self {
        Self::default()
    }
    /// Leaves the catalog out of the response (`nocatalog`).
    pub fn no_catalog(mut self) -> Self {
        self.nocatalog = true;
        self
    }
    /// Accepts a recently expired token (`allow_expired`, for services).
    pub fn allow_expired(mut self) -> Self {
        self.allow_expired = true;
        self
    }
}

/// `GET /v3/auth/tokens` with `X-Subject-Token: <subject>` (sent as a sensitive header).
pub fn validate_request(subject: &str, opts: &ValidateOpts) -> Result<Request> {
    Ok(Request::get("auth/tokens")
        .query(opts)?
        .secret_header(SUBJECT_TOKEN_HEADER, subject)?
        .ok_status([200]))
}

/// Validates a token and returns what it stands for. An invalid or expired token is a
/// 404 error ([`Error::is_not_found`](openstack_core::Error::is_not_found)).
pub async fn validate(client: &ServiceClient, subject: &str) -> Result<Token> {
    validate_with(client, subject, ValidateOpts::new()).await
}

/// Validates a token with options.
pub async fn validate_with(
    client: &ServiceClient,
    subject: &str,
    opts: ValidateOpts,
) -> Result<Token> {
    let resp = client.send(validate_request(subject, &opts)?).await?;
    v3::parse_token_response(resp).await
}

/// `HEAD /v3/auth/tokens` with `X-Subject-Token`.
pub fn check_request(subject: &str) -> Result<Request> {
    Request::head("auth/tokens").secret_header(SUBJECT_TOKEN_HEADER, subject)
}

/// Whether a token is valid (`false` on 404).
pub async fn check(client: &ServiceClient, subject: &str) -> Result<bool> {
    util::exists(client, check_request(subject)?).await
}

/// `DELETE /v3/auth/tokens` with `X-Subject-Token`.
pub fn revoke_request(subject: &str) -> Result<Request> {
    Ok(Request::delete("auth/tokens")
        .secret_header(SUBJECT_TOKEN_HEADER, subject)?
        .ok_status([204]))
}

/// Revokes a token.
pub async fn revoke(client: &ServiceClient, subject: &str) -> Result<()> {
    client.send_empty(revoke_request(subject)?).await
}

/// `GET /v3/auth/projects`.
pub fn list_projects_request() -> Request {
    Request::get("auth/projects")
}

/// The projects the client's token may be scoped to.
pub fn list_projects(client: &ServiceClient) -> Pager<Project> {
    Pager::linked(client.clone(), list_projects_request(), "projects")
}

/// `GET /v3/auth/domains`.
pub fn list_domains_request() -> Request {
    Request::get("auth/domains")
}

/// The domains the client's token may be scoped to.
pub fn list_domains(client: &ServiceClient) -> Pager<Domain> {
    Pager::linked(client.clone(), list_domains_request(), "domains")
}

/// `GET /v3/auth/system`.
pub fn system_scopes_request() -> Request {
    Request::get("auth/system")
}

#[derive(serde::Deserialize)]
struct SystemScopes {
    #[serde(default, deserialize_with = "null_default")]
    system: Vec<SystemScope>,
}

#[derive(serde::Deserialize)]
struct SystemScope {
    #[serde(default)]
    all: bool,
}

/// Whether the client's token may be exchanged for a system-scoped one.
pub async fn system_scope_available(client: &ServiceClient) -> Result<bool> {
    let b: SystemScopes = client.send_json(system_scopes_request()).await?;
    Ok(b.system.iter().any(|s| s.all))
}

#[cfg(test)]
mod tests {
    use super::*;
    use openstack_core::auth::{AuthOptions, DomainRef, ProjectRef, UserRef};
    use openstack_test_support::corpus;

    const S: &str = "keystone/api-ref/source/v3/samples/auth/requests";

    #[test]
    fn create_body_matches_samples() {
        let ep = Url::parse("http://k:5000/v3/").expect("url");
        let sample = corpus::json(&format!("{S}/project-id-password.json"));
        let user = &sample["auth"]["identity"]["password"]["user"];
        let opts = AuthOptions::password(
            "http://k:5000/v3",
            UserRef::id(user["id"].as_str().expect("id")),
            user["password"].as_str().expect("pw"),
        )
        .scope(Scope::Project(ProjectRef::id(
            sample["auth"]["scope"]["project"]["id"]
                .as_str()
                .expect("project"),
        )));
        let r = create_request(&ep, &opts.credentials, &opts.scope).expect("req");
        assert_eq!(r.method(), "POST");
        assert_eq!(r.path(), "http://k:5000/v3/auth/tokens");
        assert!(!r.is_authenticated());
        assert_eq!(r.json_body(), Some(sample));

        let sample = corpus::json(&format!("{S}/domain-name-password.json"));
        let user = &sample["auth"]["identity"]["password"]["user"];
        let opts = AuthOptions::password(
            "http://k:5000/v3",
            UserRef::id(user["id"].as_str().expect("id")),
            user["password"].as_str().expect("pw"),
        )
        .scope(Scope::Domain(DomainRef::name(
            sample["auth"]["scope"]["domain"]["name"]
                .as_str()
                .expect("scope"),
        )));
        let r = create_request(&ep, &opts.credentials, &opts.scope).expect("req");
        assert_eq!(r.json_body(), Some(sample));
    }

    #[test]
    fn subject_token_requests() {
        let r = validate_request("tok", &ValidateOpts::new()).expect("req");
        assert_eq!(r.method(), "GET");
        assert_eq!(r.path(), "auth/tokens");
        assert_eq!(r.query_string(), None);
        let h = r.headers().get("x-subject-token").expect("header");
        assert_eq!(h, "tok");
        assert!(h.is_sensitive());
        let r = validate_request("tok", &ValidateOpts::new().no_catalog().allow_expired())
            .expect("req");
        assert_eq!(r.query_string(), Some("nocatalog=true&allow_expired=true"));
        let r = check_request("tok").expect("req");
        assert_eq!(r.method(), "HEAD");
        assert_eq!(r.headers()["x-subject-token"], "tok");
        let r = revoke_request("tok").expect("req");
        assert_eq!(r.method(), "DELETE");
        assert_eq!(r.headers()["x-subject-token"], "tok");
        assert_eq!(list_projects_request().path(), "auth/projects");
        assert_eq!(list_domains_request().path(), "auth/domains");
        assert_eq!(system_scopes_request().path(), "auth/system");
    }
}
