//! Keystone v2.0 token requests and responses (`POST /v2.0/tokens`), still used by older
//! clouds and by Rackspace.
//!
//! The response parser is public so that vendor [`AuthMethod`](super::AuthMethod)s that speak
//! the v2.0 format (Rackspace API keys) can reuse it.

use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use url::Url;

use super::{expose, Credentials, ProjectRef, Scope, Token, TokenEntity, TokenRole, UserRef};
use crate::catalog::{Catalog, V2Service};
use crate::error::{Error, Result};
use crate::request::Request;
use crate::response::Response;

#[derive(Serialize)]
struct Body<'a> {
    auth: Auth<'a>,
}

#[derive(Serialize)]
struct Auth<'a> {
    #[serde(
        rename = "passwordCredentials",
        skip_serializing_if = "Option::is_none"
    )]
    password_credentials: Option<PasswordCredentials<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    token: Option<TokenBody<'a>>,
    #[serde(rename = "tenantId", skip_serializing_if = "Option::is_none")]
    tenant_id: Option<&'a str>,
    #[serde(rename = "tenantName", skip_serializing_if = "Option::is_none")]
    tenant_name: Option<&'a str>,
}

#[derive(Serialize)]
struct PasswordCredentials<'a> {
    username: &'a str,
    #[serde(serialize_with = "expose")]
    password: &'a SecretString,
}

#[derive(Serialize)]
struct TokenBody<'a> {
    #[serde(serialize_with = "expose")]
    id: &'a SecretString,
}

/// The JSON body of a v2.0 token request.
pub fn token_request_body(credentials: &Credentials, scope: &Scope) -> Result<serde_json::Value> {
    let (password_credentials, token) = match credentials {
        Credentials::Password { user, password } => match user {
            UserRef::Name { name, .. } => (
                Some(PasswordCredentials {
                    username: name,
                    password,
                }),
                None,
            ),
            UserRef::Id(_) => {
                return Err(Error::config(
                    "Keystone v2.0 password authentication needs a user name (OS_USERNAME), not a user id",
                ))
            }
        },
        Credentials::Token { token } => (None, Some(TokenBody { id: token })),
        Credentials::ApplicationCredential { .. } => {
            return Err(Error::config(
                "application credentials need Keystone v3, but this identity endpoint is v2.0",
            ))
        }
    };
    let (tenant_id, tenant_name) =
        match scope {
            Scope::Default | Scope::Unscoped => (None, None),
            Scope::Project(ProjectRef::Id(id)) => (Some(id.as_str()), None),
            Scope::Project(ProjectRef::Name { name, .. }) => (None, Some(name.as_str())),
            Scope::Domain(_) | Scope::System | Scope::Trust(_) => return Err(Error::config(
                "Keystone v2.0 tokens can only be scoped to a tenant, not a domain, the system or a trust",
            )),
        };
    serde_json::to_value(Body {
        auth: Auth {
            password_credentials,
            token,
            tenant_id,
            tenant_name,
        },
    })
    .map_err(|e| Error::invalid_input(format!("cannot encode the token request: {e}")))
}

/// The token request to `<v2.0 endpoint>/tokens`.
pub fn token_request(
    v2_endpoint: &Url,
    credentials: &Credentials,
    scope: &Scope,
) -> Result<Request> {
    let url = crate::catalog::normalize_endpoint(v2_endpoint.as_str())?
        .join("tokens")
        .map_err(|e| Error::config(format!("bad identity endpoint {v2_endpoint}: {e}")))?;
    Request::post(url.to_string())
        .json(&token_request_body(credentials, scope)?)
        .map(|r| r.ok_status([200, 203]).unauthenticated())
}

#[derive(Deserialize)]
struct AccessResponse {
    access: Access,
}

#[derive(Deserialize)]
struct Access {
    token: TokenData,
    #[serde(default, rename = "serviceCatalog")]
    service_catalog: Option<Vec<V2Service>>,
    #[serde(default)]
    user: Option<UserData>,
}

#[derive(Deserialize)]
struct TokenData {
    id: String,
    #[serde(default, with = "crate::timestamp::option")]
    expires: Option<OffsetDateTime>,
    #[serde(default, with = "crate::timestamp::option")]
    issued_at: Option<OffsetDateTime>,
    #[serde(default)]
    tenant: Option<Named>,
}

#[derive(Deserialize)]
struct Named {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    name: Option<String>,
}

#[derive(Deserialize)]
struct UserData {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    roles: Option<Vec<Named>>,
}

/// Reads a token from the body of a v2.0 token response (`{"access": {...}}`).
pub fn parse_token_body(body: &[u8]) -> Result<Token> {
    let r: AccessResponse = crate::response::decode_json(body, "the v2.0 token")?;
    let a = r.access;
    let user = a.user;
    Ok(Token {
        id: SecretString::from(a.token.id),
        expires_at: a.token.expires,
        issued_at: a.token.issued_at,
        methods: Vec::new(),
        project: a
            .token
            .tenant
            .map(|t| TokenEntity::new(t.id.unwrap_or_default(), t.name)),
        user: user
            .as_ref()
            .map(|u| TokenEntity::new(u.id.clone().unwrap_or_default(), u.name.clone())),
        domain: None,
        system: false,
        trust: None,
        roles: user
            .and_then(|u| u.roles)
            .unwrap_or_default()
            .into_iter()
            .map(|r| TokenRole::new(r.id, r.name.unwrap_or_default()))
            .collect(),
        catalog: Catalog::from_v2(a.service_catalog.unwrap_or_default()),
    })
}

/// Reads a token from a v2.0 token response.
pub async fn parse_token_response(response: Response) -> Result<Token> {
    let bytes = response.bytes().await?;
    parse_token_body(&bytes)
}
