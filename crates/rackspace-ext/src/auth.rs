//! Rackspace Cloud Identity v2.0 authentication: API keys (`RAX-KSKEY:apiKeyCredentials`) and
//! passwords, with an optional tenant, as an [`AuthMethod`] for
//! [`ProviderClientBuilder::auth_method`](openstack_core::ProviderClientBuilder::auth_method).
//!
//! ```no_run
//! # async fn f() -> openstack_core::Result<()> {
//! use std::sync::Arc;
//! use openstack_core::ProviderClient;
//! use rackspace_ext::auth::RackspaceAuth;
//!
//! let provider = ProviderClient::builder()
//!     .auth_method(Arc::new(RackspaceAuth::api_key("jdoe", "0123456789abcdef")))
//!     .region("DFW")
//!     .build()
//!     .await?;
//! # Ok(()) }
//! ```
//!
//! The token request is `POST <identity>/v2.0/tokens` with
//! `{"auth": {"RAX-KSKEY:apiKeyCredentials": {"username": .., "apiKey": ..}}}` (or
//! `passwordCredentials`), plus `tenantId`/`tenantName` when set; the response is a Keystone
//! v2.0 `access` document, read by the core's
//! [`v2::parse_token_response`], so the
//! Rackspace catalog (`cloudServersOpenStack`, `cloudFiles`, `cloudFilesCDN`, ...) resolves
//! through the core's [`EndpointOpts`](openstack_core::EndpointOpts) like any other.
//!
//! The API key and password are [`SecretString`]s: `Debug` shows `[REDACTED]`, and they are
//! exposed only while the JSON body of the token request is serialized.

use std::fmt;
use std::sync::{Arc, Mutex};

use openstack_core::auth::{v2, AuthContext, AuthMethod, BoxFuture, Token};
use openstack_core::{Error, ProviderClient, Request, Result};
use secrecy::{ExposeSecret, SecretString};
use serde::Serialize;
use url::Url;

/// Rackspace's global identity endpoint (Identity API v2.0). Every region authenticates here.
pub const IDENTITY_URL: &str = "https://identity.api.rackspacecloud.com/v2.0/";

/// The environment variable holding the user name (Gophercloud's and `rack`'s name).
pub const ENV_USERNAME: &str = "RS_USERNAME";
/// The environment variable holding the API key.
pub const ENV_API_KEY: &str = "RS_API_KEY";
/// The environment variable holding the password (used when no API key is set).
pub const ENV_PASSWORD: &str = "RS_PASSWORD";
/// The environment variable holding the region (`DFW`, `ORD`, `IAD`, `LON`, `SYD`, `HKG`).
pub const ENV_REGION: &str = "RS_REGION_NAME";
/// The environment variable holding another identity endpoint (optional).
pub const ENV_AUTH_URL: &str = "RS_AUTH_URL";
/// The environment variable holding a tenant id (optional).
pub const ENV_TENANT_ID: &str = "RS_TENANT_ID";
/// The environment variable holding a tenant name (optional).
pub const ENV_TENANT_NAME: &str = "RS_TENANT_NAME";

/// What the user proves their identity with.
#[derive(Clone)]
enum Secret {
    ApiKey(SecretString),
    Password(SecretString),
}

/// The tenant a token is requested for.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Tenant {
    /// By id (`tenantId`; on Rackspace the account number, `123456`).
    Id(String),
    /// By name (`tenantName`).
    Name(String),
}

/// Rackspace Cloud Identity v2.0 authentication (Gophercloud's `rackspace.AuthenticatedClient`
/// with `AuthOptions{Username, APIKey}`). Re-authentication is always possible: the key or
/// password is kept (as a secret) for the next token.
#[derive(Clone)]
#[must_use]
pub struct RackspaceAuth {
    identity_url: String,
    username: String,
    secret: Secret,
    tenant: Option<Tenant>,
    /// `RAX-AUTH:defaultRegion` of the last token (shared by clones).
    default_region: Arc<Mutex<Option<String>>>,
}

impl fmt::Debug for RackspaceAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.secret {
            Secret::ApiKey(_) => "api_key",
            Secret::Password(_) => "password",
        };
        f.debug_struct("RackspaceAuth")
            .field("identity_url", &self.identity_url)
            .field("username", &self.username)
            .field("method", &kind)
            .field("secret", &"[REDACTED]")
            .field("tenant", &self.tenant)
            .field("default_region", &self.default_region())
            .finish()
    }
}

#[derive(Serialize)]
struct Body<'a> {
    auth: AuthBody<'a>,
}

#[derive(Serialize)]
struct AuthBody<'a> {
    #[serde(
        rename = "RAX-KSKEY:apiKeyCredentials",
        skip_serializing_if = "Option::is_none"
    )]
    api_key_credentials: Option<ApiKeyCredentials<'a>>,
    #[serde(
        rename = "passwordCredentials",
        skip_serializing_if = "Option::is_none"
    )]
    password_credentials: Option<PasswordCredentials<'a>>,
    #[serde(rename = "tenantId", skip_serializing_if = "Option::is_none")]
    tenant_id: Option<&'a str>,
    #[serde(rename = "tenantName", skip_serializing_if = "Option::is_none")]
    tenant_name: Option<&'a str>,
}

#[derive(Serialize)]
struct ApiKeyCredentials<'a> {
    username: &'a str,
    #[serde(rename = "apiKey", serialize_with = "expose")]
    api_key: &'a SecretString,
}

#[derive(Serialize)]
struct PasswordCredentials<'a> {
    username: &'a str,
    #[serde(serialize_with = "expose")]
    password: &'a SecretString,
}

fn expose<S: serde::Serializer>(
    secret: &&SecretString,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(secret.expose_secret())
}

impl RackspaceAuth {
    /// API-key authentication (`RAX-KSKEY:apiKeyCredentials`) against [`IDENTITY_URL`].
    pub fn api_key(username: impl Into<String>, api_key: impl Into<String>) -> Self {
        RackspaceAuth {
            identity_url: IDENTITY_URL.to_owned(),
            username: username.into(),
            secret: Secret::ApiKey(SecretString::from(api_key.into())),
            tenant: None,
            default_region: Arc::default(),
        }
    }

    /// Password authentication (`passwordCredentials`) against [`IDENTITY_URL`].
    pub fn password(username: impl Into<String>, password: impl Into<String>) -> Self {
        RackspaceAuth {
            identity_url: IDENTITY_URL.to_owned(),
            username: username.into(),
            secret: Secret::Password(SecretString::from(password.into())),
            tenant: None,
            default_region: Arc::default(),
        }
    }

    /// Reads `RS_USERNAME` and `RS_API_KEY` (or, without a key, `RS_PASSWORD`), and the
    /// optional `RS_AUTH_URL`, `RS_TENANT_ID` and `RS_TENANT_NAME`. The region
    /// (`RS_REGION_NAME`) is read by [`region_from_env`] and [`provider_from_env`].
    pub fn from_env() -> Result<Self> {
        Self::from_env_vars(|k| std::env::var(k).ok())
    }

    /// Like [`RackspaceAuth::from_env`], reading variables through `lookup` (for tests).
    pub fn from_env_vars(lookup: impl Fn(&str) -> Option<String>) -> Result<Self> {
        let get = |k: &str| lookup(k).filter(|v| !v.trim().is_empty());
        let username =
            get(ENV_USERNAME).ok_or_else(|| Error::config(format!("{ENV_USERNAME} is not set")))?;
        let mut auth = match (get(ENV_API_KEY), get(ENV_PASSWORD)) {
            (Some(key), _) => Self::api_key(username, key),
            (None, Some(pw)) => Self::password(username, pw),
            (None, None) => {
                return Err(Error::config(format!(
                    "neither {ENV_API_KEY} nor {ENV_PASSWORD} is set"
                )))
            }
        };
        if let Some(url) = get(ENV_AUTH_URL) {
            auth = auth.identity_url(url);
        }
        if let Some(id) = get(ENV_TENANT_ID) {
            auth = auth.tenant_id(id);
        } else if let Some(name) = get(ENV_TENANT_NAME) {
            auth = auth.tenant_name(name);
        }
        Ok(auth)
    }

    /// Uses another identity endpoint: a v2.0 URL (`https://.../v2.0/`) or its root
    /// (`/v2.0/` is appended when the path does not end with it).
    pub fn identity_url(mut self, url: impl Into<String>) -> Self {
        self.identity_url = url.into();
        self
    }

    /// Asks for a token for this tenant id (`tenantId`).
    pub fn tenant_id(mut self, id: impl Into<String>) -> Self {
        self.tenant = Some(Tenant::Id(id.into()));
        self
    }

    /// Asks for a token for this tenant name (`tenantName`).
    pub fn tenant_name(mut self, name: impl Into<String>) -> Self {
        self.tenant = Some(Tenant::Name(name.into()));
        self
    }

    /// The user name.
    pub fn username(&self) -> &str {
        &self.username
    }

    /// The tenant, if one was chosen.
    pub fn tenant(&self) -> Option<&Tenant> {
        self.tenant.as_ref()
    }

    /// The user's default region (`RAX-AUTH:defaultRegion` in the last token response), once
    /// authenticated: the region to use when the user named none.
    pub fn default_region(&self) -> Option<String> {
        self.default_region.lock().ok().and_then(|r| r.clone())
    }

    /// Whether this authenticates with an API key (rather than a password).
    pub fn is_api_key(&self) -> bool {
        matches!(self.secret, Secret::ApiKey(_))
    }

    /// The token endpoint: the identity URL with `v2.0/` appended unless it is there, and
    /// `tokens`.
    pub fn tokens_url(&self) -> Result<Url> {
        let mut base = openstack_core::catalog::normalize_endpoint(&self.identity_url)?;
        if !base.path().ends_with("/v2.0/") {
            let p = format!("{}v2.0/", base.path());
            base.set_path(&p);
        }
        base.join("tokens")
            .map_err(|e| Error::config(format!("bad identity endpoint {}: {e}", self.identity_url)))
    }

    /// The JSON body of the token request. It holds the API key or password in clear: do
    /// not log it.
    pub fn token_request_body(&self) -> Result<serde_json::Value> {
        let (tenant_id, tenant_name) = match &self.tenant {
            Some(Tenant::Id(id)) => (Some(id.as_str()), None),
            Some(Tenant::Name(n)) => (None, Some(n.as_str())),
            None => (None, None),
        };
        let (api_key_credentials, password_credentials) = match &self.secret {
            Secret::ApiKey(k) => (
                Some(ApiKeyCredentials {
                    username: &self.username,
                    api_key: k,
                }),
                None,
            ),
            Secret::Password(p) => (
                None,
                Some(PasswordCredentials {
                    username: &self.username,
                    password: p,
                }),
            ),
        };
        serde_json::to_value(Body {
            auth: AuthBody {
                api_key_credentials,
                password_credentials,
                tenant_id,
                tenant_name,
            },
        })
        // serde_json's message names no values, so the secret cannot leak through it.
        .map_err(|e| Error::invalid_input(format!("cannot encode the token request: {e}")))
    }

    /// The token request (`POST <identity>/v2.0/tokens`, accepting 200 and 203), sent without
    /// a token. Pure: no I/O.
    pub fn token_request(&self) -> Result<Request> {
        if self.username.trim().is_empty() {
            return Err(Error::config("Rackspace authentication needs a user name"));
        }
        Request::post(self.tokens_url()?.to_string())
            .json(&self.token_request_body()?)
            .map(|r| r.ok_status([200, 203]).unauthenticated())
    }
}

impl AuthMethod for RackspaceAuth {
    fn authenticate<'a>(&'a self, cx: AuthContext<'a>) -> BoxFuture<'a, Result<Token>> {
        Box::pin(async move {
            let request = self.token_request()?;
            tracing::debug!(
                target: "rackspace_ext::auth",
                username = %self.username,
                api_key = self.is_api_key(),
                "requesting a Rackspace token"
            );
            let response = cx.send(request).await.map_err(|e| {
                e.context(format!(
                    "Rackspace authentication as {:?} failed",
                    self.username
                ))
            })?;
            let body = response.bytes().await?;
            let token = v2::parse_token_body(&body)?;
            let region = default_region_of(&body);
            if let Ok(mut slot) = self.default_region.lock() {
                *slot = region;
            }
            Ok(token)
        })
    }

    fn can_reauthenticate(&self) -> bool {
        true
    }
}

/// `access.user["RAX-AUTH:defaultRegion"]` of a token response, if present.
fn default_region_of(body: &[u8]) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Body {
        access: Access,
    }
    #[derive(serde::Deserialize)]
    struct Access {
        #[serde(default)]
        user: Option<User>,
    }
    #[derive(serde::Deserialize)]
    struct User {
        #[serde(default, rename = "RAX-AUTH:defaultRegion")]
        default_region: Option<serde_json::Value>,
    }
    let b: Body = serde_json::from_slice(body).ok()?;
    match b.access.user?.default_region? {
        serde_json::Value::String(s) if !s.trim().is_empty() => Some(s),
        _ => None,
    }
}

/// The region named by `RS_REGION_NAME`, if set.
pub fn region_from_env() -> Option<String> {
    std::env::var(ENV_REGION)
        .ok()
        .filter(|r| !r.trim().is_empty())
}

/// A provider authenticated from the `RS_*` variables ([`RackspaceAuth::from_env`]), with the
/// region of `RS_REGION_NAME` as its default region when set.
pub async fn provider_from_env() -> Result<ProviderClient> {
    let auth = RackspaceAuth::from_env()?;
    let mut builder = ProviderClient::builder().auth_method(std::sync::Arc::new(auth));
    if let Some(region) = region_from_env() {
        builder = builder.region(region);
    }
    builder.build().await
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn api_key_body_matches_the_documented_request() {
        // docs.rackspace.com, "Annotated authentication request and response": the request body.
        let doc = json!({"auth": {"RAX-KSKEY:apiKeyCredentials":
            {"username": "yourUserName", "apiKey": "a4bbc55a951242c48b03e88e32123456"}}});
        let a = RackspaceAuth::api_key("yourUserName", "a4bbc55a951242c48b03e88e32123456");
        assert_eq!(a.token_request_body().expect("body"), doc);
        let r = a.token_request().expect("request");
        assert_eq!(r.method(), http::Method::POST);
        assert_eq!(
            r.path(),
            "https://identity.api.rackspacecloud.com/v2.0/tokens"
        );
        assert!(!r.is_authenticated());
        assert!(r.is_ok_status(http::StatusCode::NON_AUTHORITATIVE_INFORMATION));
        assert_eq!(r.json_body(), Some(doc));
    }

    #[test]
    fn password_and_tenant_bodies() {
        // Rackspace Identity quick start: `{"auth":{"passwordCredentials":{...}}}`.
        let a = RackspaceAuth::password("theUserName", "thePassword").tenant_id("123456");
        assert_eq!(
            a.token_request_body().expect("body"),
            json!({"auth": {"passwordCredentials": {"username": "theUserName",
                "password": "thePassword"}, "tenantId": "123456"}})
        );
        let a = RackspaceAuth::api_key("u", "k").tenant_name("acme");
        assert_eq!(
            a.token_request_body().expect("body"),
            json!({"auth": {"RAX-KSKEY:apiKeyCredentials": {"username": "u", "apiKey": "k"},
                "tenantName": "acme"}})
        );
    }

    #[test]
    fn tokens_url_appends_the_version_once() {
        for (given, want) in [
            ("http://127.0.0.1:1/", "http://127.0.0.1:1/v2.0/tokens"),
            (
                "http://127.0.0.1:1/identity",
                "http://127.0.0.1:1/identity/v2.0/tokens",
            ),
            ("http://127.0.0.1:1/v2.0", "http://127.0.0.1:1/v2.0/tokens"),
            ("http://127.0.0.1:1/v2.0/", "http://127.0.0.1:1/v2.0/tokens"),
        ] {
            let a = RackspaceAuth::api_key("u", "k").identity_url(given);
            assert_eq!(a.tokens_url().expect("url").as_str(), want, "{given}");
        }
        let a = RackspaceAuth::api_key("u", "k").identity_url("not a url");
        assert!(a.token_request().is_err());
        assert!(RackspaceAuth::api_key(" ", "k").token_request().is_err());
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let key = "CANARY-api-key-7f3a9c";
        let a = RackspaceAuth::api_key("jdoe", key).tenant_id("42");
        let text = format!("{a:?} {a:#?}");
        assert!(!text.contains(key), "{text}");
        assert!(
            text.contains("jdoe") && text.contains("[REDACTED]"),
            "{text}"
        );
        let p = RackspaceAuth::password("jdoe", key);
        assert!(!format!("{p:?}").contains(key));
        // The built request carries the key in its body, but Debug shows only the size.
        let r = a.token_request().expect("request");
        assert!(!format!("{r:?}").contains(key));
        let err = RackspaceAuth::api_key("", key)
            .token_request()
            .expect_err("no user");
        assert!(!format!("{err:?} {err}").contains(key));
    }

    #[test]
    fn default_region_is_read_tolerantly() {
        let r = default_region_of(
            br#"{"access": {"user": {"RAX-AUTH:defaultRegion": "IAD", "roles": []}}}"#,
        );
        assert_eq!(r.as_deref(), Some("IAD"));
        assert_eq!(
            default_region_of(br#"{"access": {"user": {"RAX-AUTH:defaultRegion": ""}}}"#),
            None
        );
        assert_eq!(
            default_region_of(br#"{"access": {"user": {"RAX-AUTH:defaultRegion": null}}}"#),
            None
        );
        assert_eq!(default_region_of(br#"{"access": {}}"#), None);
        assert_eq!(default_region_of(b"not json"), None);
        assert_eq!(RackspaceAuth::api_key("u", "k").default_region(), None);
    }

    #[test]
    fn from_env_vars_reads_rs_variables() {
        let vars = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        let a = RackspaceAuth::from_env_vars(vars(&[
            ("RS_USERNAME", "jdoe"),
            ("RS_API_KEY", "k"),
            ("RS_PASSWORD", "p"),
            ("RS_TENANT_NAME", "t"),
            ("RS_AUTH_URL", "http://127.0.0.1:9/"),
        ]))
        .expect("auth");
        assert!(a.is_api_key());
        assert_eq!(a.username(), "jdoe");
        assert_eq!(a.tenant(), Some(&Tenant::Name("t".into())));
        assert_eq!(
            a.tokens_url().expect("url").as_str(),
            "http://127.0.0.1:9/v2.0/tokens"
        );
        let p =
            RackspaceAuth::from_env_vars(vars(&[("RS_USERNAME", "jdoe"), ("RS_PASSWORD", "p")]))
                .expect("password");
        assert!(!p.is_api_key());
        let e = RackspaceAuth::from_env_vars(vars(&[("RS_USERNAME", "jdoe"), ("RS_API_KEY", " ")]))
            .expect_err("no key");
        assert!(e.to_string().contains("RS_API_KEY"), "{e}");
        assert!(RackspaceAuth::from_env_vars(vars(&[("RS_API_KEY", "k")])).is_err());
    }
}
