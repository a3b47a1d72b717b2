//! Keystone v3 token requests and responses (`POST /v3/auth/tokens`).

use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use url::Url;

use super::{
    expose, Credentials, DomainRef, ProjectRef, Scope, Token, TokenEntity, TokenRole, TokenTrust,
    UserRef,
};
use crate::catalog::{Catalog, V3Service};
use crate::error::{Error, Result};
use crate::request::Request;
use crate::response::Response;

#[derive(Serialize)]
struct Body<'a> {
    auth: Auth<'a>,
}

#[derive(Serialize)]
struct Auth<'a> {
    identity: Identity<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scope: Option<ScopeBody<'a>>,
}

#[derive(Serialize)]
struct Identity<'a> {
    methods: [&'static str; 1],
    #[serde(skip_serializing_if = "Option::is_none")]
    password: Option<PasswordBody<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    token: Option<TokenBody<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    application_credential: Option<AppCredBody<'a>>,
}

#[derive(Serialize)]
struct PasswordBody<'a> {
    user: UserBody<'a>,
}

#[derive(Serialize)]
struct UserBody<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    domain: Option<DomainBody<'a>>,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "expose_opt")]
    password: Option<&'a SecretString>,
}

#[derive(Serialize)]
struct DomainBody<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
}

#[derive(Serialize)]
struct TokenBody<'a> {
    #[serde(serialize_with = "expose")]
    id: &'a SecretString,
}

#[derive(Serialize)]
struct AppCredBody<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    user: Option<UserBody<'a>>,
    #[serde(serialize_with = "expose")]
    secret: &'a SecretString,
}

#[derive(Serialize)]
#[serde(untagged)]
enum ScopeBody<'a> {
    Unscoped(&'static str),
    Project {
        project: ProjectBody<'a>,
    },
    Domain {
        domain: DomainBody<'a>,
    },
    System {
        system: SystemBody,
    },
    Trust {
        #[serde(rename = "OS-TRUST:trust")]
        trust: TrustBody<'a>,
    },
}

#[derive(Serialize)]
struct TrustBody<'a> {
    id: &'a str,
}

#[derive(Serialize)]
struct ProjectBody<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    domain: Option<DomainBody<'a>>,
}

#[derive(Serialize)]
struct SystemBody {
    all: bool,
}

fn expose_opt<S: serde::Serializer>(
    secret: &Option<&SecretString>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    match secret {
        Some(v) => expose(v, s),
        None => s.serialize_none(),
    }
}

fn domain_body(d: &DomainRef) -> DomainBody<'_> {
    match d {
        DomainRef::Id(id) => DomainBody {
            id: Some(id),
            name: None,
        },
        DomainRef::Name(name) => DomainBody {
            id: None,
            name: Some(name),
        },
    }
}

fn user_body<'a>(user: &'a UserRef, password: Option<&'a SecretString>) -> Result<UserBody<'a>> {
    Ok(match user {
        UserRef::Id(id) => UserBody {
            id: Some(id),
            name: None,
            domain: None,
            password,
        },
        UserRef::Name { name, domain } => UserBody {
            id: None,
            name: Some(name),
            domain: Some(domain_body(domain.as_ref().ok_or_else(|| {
                Error::config(format!(
                    "user {name:?} is given by name, so Keystone v3 needs its domain \
                     (OS_USER_DOMAIN_ID or OS_USER_DOMAIN_NAME)"
                ))
            })?)),
            password,
        },
    })
}

fn scope_body(scope: &Scope) -> Result<Option<ScopeBody<'_>>> {
    Ok(match scope {
        Scope::Default => None,
        Scope::Unscoped => Some(ScopeBody::Unscoped("unscoped")),
        Scope::System => Some(ScopeBody::System {
            system: SystemBody { all: true },
        }),
        Scope::Domain(d) => Some(ScopeBody::Domain {
            domain: domain_body(d),
        }),
        Scope::Trust(id) => Some(ScopeBody::Trust {
            trust: TrustBody { id },
        }),
        Scope::Project(ProjectRef::Id(id)) => Some(ScopeBody::Project {
            project: ProjectBody {
                id: Some(id),
                name: None,
                domain: None,
            },
        }),
        Scope::Project(ProjectRef::Name { name, domain }) => Some(ScopeBody::Project {
            project: ProjectBody {
                id: None,
                name: Some(name),
                domain: Some(domain_body(domain.as_ref().ok_or_else(|| {
                    Error::config(format!(
                        "project {name:?} is given by name, so Keystone v3 needs its domain \
                         (OS_PROJECT_DOMAIN_ID or OS_PROJECT_DOMAIN_NAME)"
                    ))
                })?)),
            },
        }),
    })
}

/// The JSON body of a v3 token request for these credentials and scope.
pub fn token_request_body(credentials: &Credentials, scope: &Scope) -> Result<serde_json::Value> {
    let identity = match credentials {
        Credentials::Password { user, password } => Identity {
            methods: ["password"],
            password: Some(PasswordBody {
                user: user_body(user, Some(password))?,
            }),
            token: None,
            application_credential: None,
        },
        Credentials::Token { token } => Identity {
            methods: ["token"],
            password: None,
            token: Some(TokenBody { id: token }),
            application_credential: None,
        },
        Credentials::ApplicationCredential {
            id,
            name,
            user,
            secret,
        } => {
            let body = match (id, name, user) {
                (Some(id), _, _) => AppCredBody {
                    id: Some(id),
                    name: None,
                    user: None,
                    secret,
                },
                (None, Some(name), Some(user)) => AppCredBody {
                    id: None,
                    name: Some(name),
                    user: Some(user_body(user, None)?),
                    secret,
                },
                _ => {
                    return Err(Error::config(
                        "an application credential needs an id, or a name and its user \
                         (OS_APPLICATION_CREDENTIAL_ID, or OS_APPLICATION_CREDENTIAL_NAME with \
                         OS_USERNAME or OS_USER_ID)",
                    ))
                }
            };
            Identity {
                methods: ["application_credential"],
                password: None,
                token: None,
                application_credential: Some(body),
            }
        }
    };
    // Application credentials carry their own scope; Keystone rejects any other.
    let scope = if matches!(credentials, Credentials::ApplicationCredential { .. }) {
        None
    } else {
        scope_body(scope)?
    };
    serde_json::to_value(Body {
        auth: Auth { identity, scope },
    })
    .map_err(|e| Error::invalid_input(format!("cannot encode the token request: {e}")))
}

/// The token request to `<v3 endpoint>/auth/tokens`.
pub fn token_request(
    v3_endpoint: &Url,
    credentials: &Credentials,
    scope: &Scope,
) -> Result<Request> {
    let url = crate::catalog::normalize_endpoint(v3_endpoint.as_str())?
        .join("auth/tokens")
        .map_err(|e| Error::config(format!("bad identity endpoint {v3_endpoint}: {e}")))?;
    Request::post(url.to_string())
        .json(&token_request_body(credentials, scope)?)
        .map(|r| r.ok_status([200, 201]).unauthenticated())
}

#[derive(Deserialize)]
struct TokenResponse {
    token: TokenData,
}

#[derive(Deserialize, Default)]
struct NamedRef {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    domain: Option<Box<NamedRef>>,
}

#[derive(Deserialize)]
struct TokenData {
    #[serde(default)]
    methods: Vec<String>,
    #[serde(default, with = "crate::timestamp::option")]
    expires_at: Option<OffsetDateTime>,
    #[serde(default, with = "crate::timestamp::option")]
    issued_at: Option<OffsetDateTime>,
    #[serde(default)]
    user: Option<NamedRef>,
    #[serde(default)]
    project: Option<NamedRef>,
    #[serde(default)]
    domain: Option<NamedRef>,
    #[serde(default)]
    system: Option<serde::de::IgnoredAny>,
    #[serde(default)]
    roles: Option<Vec<NamedRef>>,
    #[serde(default)]
    catalog: Option<Vec<V3Service>>,
    #[serde(default, rename = "OS-TRUST:trust")]
    trust: Option<TrustData>,
}

#[derive(Deserialize)]
struct TrustData {
    #[serde(default)]
    id: String,
    #[serde(default, deserialize_with = "crate::serde_util::lenient_flag")]
    impersonation: bool,
    #[serde(default)]
    trustor_user: Option<NamedRef>,
    #[serde(default)]
    trustee_user: Option<NamedRef>,
}

fn entity(r: Option<NamedRef>) -> Option<TokenEntity> {
    let r = r?;
    Some(TokenEntity {
        id: r.id.unwrap_or_default(),
        name: r.name,
        domain_id: r.domain.as_ref().and_then(|d| d.id.clone()),
        domain_name: r.domain.as_ref().and_then(|d| d.name.clone()),
    })
}

/// Reads a token from a v3 token response: the id from `X-Subject-Token`, the rest from
/// the body.
pub async fn parse_token_response(response: Response) -> Result<Token> {
    let id = response
        .header_str("x-subject-token")
        .map(str::to_owned)
        .ok_or_else(|| Error::auth("the identity service returned no X-Subject-Token header"))?;
    let body: TokenResponse = response.json().await?;
    Ok(token_from_data(id, body.token))
}

/// Reads a token from the body of a v3 token response and a token id.
pub fn parse_token_body(id: impl Into<String>, body: &[u8]) -> Result<Token> {
    let body: TokenResponse = crate::response::decode_json(body, "the v3 token")?;
    Ok(token_from_data(id.into(), body.token))
}

fn token_from_data(id: String, t: TokenData) -> Token {
    Token {
        id: SecretString::from(id),
        expires_at: t.expires_at,
        issued_at: t.issued_at,
        methods: t.methods,
        user: entity(t.user),
        project: entity(t.project),
        domain: entity(t.domain),
        system: t.system.is_some(),
        trust: t.trust.map(|tr| TokenTrust {
            id: tr.id,
            impersonation: tr.impersonation,
            trustor_user_id: tr.trustor_user.and_then(|u| u.id),
            trustee_user_id: tr.trustee_user.and_then(|u| u.id),
        }),
        roles: t
            .roles
            .unwrap_or_default()
            .into_iter()
            .map(|r| TokenRole {
                id: r.id,
                name: r.name.unwrap_or_default(),
            })
            .collect(),
        catalog: Catalog::from_v3(t.catalog.unwrap_or_default()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pw(user: UserRef) -> Credentials {
        Credentials::Password {
            user,
            password: SecretString::from("devstacker".to_owned()),
        }
    }

    #[test]
    fn unscoped_by_name() {
        let body = token_request_body(
            &pw(UserRef::name("admin", DomainRef::name("Default"))),
            &Scope::Default,
        )
        .expect("body");
        assert_eq!(
            body,
            serde_json::json!({"auth": {"identity": {"methods": ["password"], "password": {"user": {
                "name": "admin", "domain": {"name": "Default"}, "password": "devstacker"}}}}})
        );
    }

    #[test]
    fn name_without_domain_is_config_error() {
        let err = token_request_body(&pw(UserRef::name_only("admin")), &Scope::Default)
            .expect_err("needs domain");
        assert_eq!(err.kind(), crate::ErrorKind::Config);
        assert!(err.to_string().contains("OS_USER_DOMAIN_ID"));
    }

    #[test]
    fn app_credential_ignores_scope() {
        let creds = Credentials::ApplicationCredential {
            id: Some("abc".into()),
            name: None,
            user: None,
            secret: SecretString::from("s".to_owned()),
        };
        let body = token_request_body(&creds, &Scope::System).expect("body");
        assert!(body["auth"].get("scope").is_none());
    }
}
