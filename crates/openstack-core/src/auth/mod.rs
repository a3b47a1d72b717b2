//! Authentication: [`AuthOptions`], the object-safe [`AuthMethod`] trait, and [`Token`].
//!
//! Built in are Keystone v3 (password, token and application credential, with project, domain
//! or system scope, or unscoped) and Keystone v2.0 (password and token, with a tenant id or
//! name), chosen by version discovery at the identity root the way Gophercloud's
//! `AuthenticatedClient` does. Vendor crates add their own methods by implementing
//! [`AuthMethod`] (for example Rackspace's API-key auth).
//!
//! ```
//! use openstack_core::auth::{AuthOptions, DomainRef, ProjectRef, Scope, UserRef};
//! let opts = AuthOptions::password(
//!     "https://keystone.example.com:5000",
//!     UserRef::name("admin", DomainRef::id("default")),
//!     "s3cret",
//! )
//! .scope(Scope::Project(ProjectRef::name("admin", DomainRef::id("default"))));
//! assert!(!format!("{opts:?}").contains("s3cret"));
//! ```

use std::fmt;
use std::future::Future;
use std::pin::Pin;

use secrecy::{ExposeSecret, SecretString};
use serde::Serialize;
use time::OffsetDateTime;
use url::Url;

use crate::catalog::Catalog;
use crate::client::Transport;
use crate::error::{Error, Result};
use crate::request::Request;
use crate::response::Response;

pub(crate) mod cache;
mod keystone;
pub mod v2;
pub mod v3;

pub use keystone::{IdentityVersion, KeystoneAuth};

/// A boxed future, as returned by [`AuthMethod::authenticate`].
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A way to obtain a token. Object safe, so a client holds any method as
/// `Arc<dyn AuthMethod>` and vendor crates can add their own.
pub trait AuthMethod: Send + Sync + fmt::Debug {
    /// Obtains a new token, sending requests through `cx` (which adds no token, but does add
    /// the user agent, retries and timeouts).
    fn authenticate<'a>(&'a self, cx: AuthContext<'a>) -> BoxFuture<'a, Result<Token>>;

    /// Whether calling [`AuthMethod::authenticate`] again gives a fresh token, so that the
    /// client may re-authenticate when the token expires or is rejected with 401.
    fn can_reauthenticate(&self) -> bool {
        true
    }
}

/// What an [`AuthMethod`] can use to talk to the identity service.
#[derive(Clone, Copy)]
pub struct AuthContext<'a> {
    pub(crate) transport: &'a Transport,
}

impl fmt::Debug for AuthContext<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AuthContext")
    }
}

impl AuthContext<'_> {
    /// Sends a request without a token. Its path must be an absolute URL.
    pub async fn send(&self, request: Request) -> Result<Response> {
        let url = Url::parse(request.path()).map_err(|_| {
            Error::invalid_input(format!(
                "authentication requests need an absolute URL, got {:?}",
                request.path()
            ))
        })?;
        self.transport
            .execute(&url, request.unauthenticated(), None)
            .await
    }
}

/// A reference to a domain, by id or by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DomainRef {
    /// By id (`default`).
    Id(String),
    /// By name (`Default`).
    Name(String),
}

impl DomainRef {
    /// A domain by id.
    pub fn id(id: impl Into<String>) -> Self {
        DomainRef::Id(id.into())
    }

    /// A domain by name.
    pub fn name(name: impl Into<String>) -> Self {
        DomainRef::Name(name.into())
    }
}

/// A reference to a user, by id or by name within a domain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserRef {
    /// By id.
    Id(String),
    /// By name; v3 needs the domain, v2.0 ignores it.
    Name {
        /// The user name.
        name: String,
        /// The user's domain (required by Keystone v3).
        domain: Option<DomainRef>,
    },
}

impl UserRef {
    /// A user by id.
    pub fn id(id: impl Into<String>) -> Self {
        UserRef::Id(id.into())
    }

    /// A user by name in a domain.
    pub fn name(name: impl Into<String>, domain: DomainRef) -> Self {
        UserRef::Name {
            name: name.into(),
            domain: Some(domain),
        }
    }

    /// A user by name with no domain (Keystone v2.0).
    pub fn name_only(name: impl Into<String>) -> Self {
        UserRef::Name {
            name: name.into(),
            domain: None,
        }
    }
}

/// A reference to a project (a v2.0 tenant), by id or by name within a domain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProjectRef {
    /// By id.
    Id(String),
    /// By name; v3 needs the domain, v2.0 ignores it.
    Name {
        /// The project name.
        name: String,
        /// The project's domain (required by Keystone v3).
        domain: Option<DomainRef>,
    },
}

impl ProjectRef {
    /// A project by id.
    pub fn id(id: impl Into<String>) -> Self {
        ProjectRef::Id(id.into())
    }

    /// A project by name in a domain.
    pub fn name(name: impl Into<String>, domain: DomainRef) -> Self {
        ProjectRef::Name {
            name: name.into(),
            domain: Some(domain),
        }
    }

    /// A project (tenant) by name with no domain (Keystone v2.0).
    pub fn name_only(name: impl Into<String>) -> Self {
        ProjectRef::Name {
            name: name.into(),
            domain: None,
        }
    }
}

/// What the token is scoped to.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Scope {
    /// No scope in the request: Keystone scopes to the user's default project, if any.
    #[default]
    Default,
    /// Explicitly unscoped (`"scope": "unscoped"`), even if the user has a default project.
    Unscoped,
    /// A project (v2.0: a tenant).
    Project(ProjectRef),
    /// A domain.
    Domain(DomainRef),
    /// The whole deployment (`"system": {"all": true}`).
    System,
    /// A trust, by id (`"OS-TRUST:trust": {"id": ...}`, Keystone v3): the token carries the
    /// trustor's delegated roles on the trust's project. Authenticate as the trustee.
    Trust(String),
}

/// The credentials to authenticate with.
#[derive(Clone)]
#[non_exhaustive]
pub enum Credentials {
    /// A user and password.
    Password {
        /// The user.
        user: UserRef,
        /// The password.
        password: SecretString,
    },
    /// An existing token.
    Token {
        /// The token id.
        token: SecretString,
    },
    /// An application credential (v3 only), by id, or by name and user.
    ApplicationCredential {
        /// The application credential id, or `None` to use the name and user.
        id: Option<String>,
        /// The application credential name (with `user`).
        name: Option<String>,
        /// The owning user (with `name`).
        user: Option<UserRef>,
        /// The secret.
        secret: SecretString,
    },
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Credentials::Password { user, .. } => f
                .debug_struct("Password")
                .field("user", user)
                .field("password", &"[REDACTED]")
                .finish(),
            Credentials::Token { .. } => f
                .debug_struct("Token")
                .field("token", &"[REDACTED]")
                .finish(),
            Credentials::ApplicationCredential { id, name, user, .. } => f
                .debug_struct("ApplicationCredential")
                .field("id", id)
                .field("name", name)
                .field("user", user)
                .field("secret", &"[REDACTED]")
                .finish(),
        }
    }
}

/// Everything needed to authenticate against Keystone (Gophercloud's `AuthOptions`).
///
/// Build it with [`AuthOptions::password`], [`AuthOptions::token`],
/// [`AuthOptions::application_credential`], or from the environment with
/// [`AuthOptions::from_env`](crate::config) and `clouds.yaml` with
/// [`CloudConfig`](crate::config::CloudConfig).
#[derive(Clone, Debug)]
#[non_exhaustive]
#[must_use]
pub struct AuthOptions {
    /// The identity endpoint (`OS_AUTH_URL`): an unversioned root (discovery picks v3 or v2.0)
    /// or a versioned URL ending in `/v3` or `/v2.0` (used as is).
    pub auth_url: String,
    /// The credentials.
    pub credentials: Credentials,
    /// The scope.
    pub scope: Scope,
    /// Whether the client may re-authenticate with these credentials when the token expires or
    /// is rejected (Gophercloud's `AllowReauth`). On by default; token credentials cannot
    /// re-authenticate.
    pub allow_reauth: bool,
    /// Forces an identity API version instead of discovering it.
    pub identity_version: Option<IdentityVersion>,
}

impl AuthOptions {
    /// Options for credentials against an identity endpoint.
    pub fn new(auth_url: impl Into<String>, credentials: Credentials) -> Self {
        AuthOptions {
            auth_url: auth_url.into(),
            credentials,
            scope: Scope::Default,
            allow_reauth: true,
            identity_version: None,
        }
    }

    /// Password authentication.
    pub fn password(
        auth_url: impl Into<String>,
        user: UserRef,
        password: impl Into<String>,
    ) -> Self {
        Self::new(
            auth_url,
            Credentials::Password {
                user,
                password: SecretString::from(password.into()),
            },
        )
    }

    /// Token authentication (v3: exchanges the token for a new, possibly rescoped, one).
    pub fn token(auth_url: impl Into<String>, token: impl Into<String>) -> Self {
        Self::new(
            auth_url,
            Credentials::Token {
                token: SecretString::from(token.into()),
            },
        )
    }

    /// Application credential authentication by id (v3).
    pub fn application_credential(
        auth_url: impl Into<String>,
        id: impl Into<String>,
        secret: impl Into<String>,
    ) -> Self {
        Self::new(
            auth_url,
            Credentials::ApplicationCredential {
                id: Some(id.into()),
                name: None,
                user: None,
                secret: SecretString::from(secret.into()),
            },
        )
    }

    /// Application credential authentication by name and owning user (v3).
    pub fn application_credential_by_name(
        auth_url: impl Into<String>,
        name: impl Into<String>,
        user: UserRef,
        secret: impl Into<String>,
    ) -> Self {
        Self::new(
            auth_url,
            Credentials::ApplicationCredential {
                id: None,
                name: Some(name.into()),
                user: Some(user),
                secret: SecretString::from(secret.into()),
            },
        )
    }

    /// Sets the scope.
    pub fn scope(mut self, scope: Scope) -> Self {
        self.scope = scope;
        self
    }

    /// Allows or forbids re-authentication.
    pub fn allow_reauth(mut self, allow: bool) -> Self {
        self.allow_reauth = allow;
        self
    }

    /// Forces the identity API version.
    pub fn identity_version(mut self, version: IdentityVersion) -> Self {
        self.identity_version = Some(version);
        self
    }
}

/// A user, project or domain as named in a token.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct TokenEntity {
    /// The id.
    pub id: String,
    /// The name.
    pub name: Option<String>,
    /// The domain it belongs to (v3).
    pub domain_id: Option<String>,
    /// The name of the domain it belongs to (v3).
    pub domain_name: Option<String>,
}

impl TokenEntity {
    /// An entity with an id and a name.
    pub fn new(id: impl Into<String>, name: Option<String>) -> Self {
        TokenEntity {
            id: id.into(),
            name,
            domain_id: None,
            domain_name: None,
        }
    }
}

/// A role in a token.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct TokenRole {
    /// The role id (v2.0 tokens may not carry one).
    pub id: Option<String>,
    /// The role name.
    pub name: String,
}

impl TokenRole {
    /// A role by name.
    pub fn new(id: Option<String>, name: impl Into<String>) -> Self {
        TokenRole {
            id,
            name: name.into(),
        }
    }
}

/// The trust a token was issued through (Keystone's `OS-TRUST:trust`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct TokenTrust {
    /// The trust id.
    pub id: String,
    /// Whether the token acts as the trustor (its user is then the trustor).
    pub impersonation: bool,
    /// The trustor's user id.
    pub trustor_user_id: Option<String>,
    /// The trustee's user id.
    pub trustee_user_id: Option<String>,
}

/// An authentication token and what came with it. The id is a secret: it is never shown in
/// `Debug` output.
#[derive(Clone)]
#[non_exhaustive]
pub struct Token {
    /// The token id.
    pub id: SecretString,
    /// When the token expires (`None`: never, as far as the server said).
    pub expires_at: Option<OffsetDateTime>,
    /// When the token was issued.
    pub issued_at: Option<OffsetDateTime>,
    /// The authentication methods used.
    pub methods: Vec<String>,
    /// The user.
    pub user: Option<TokenEntity>,
    /// The project the token is scoped to.
    pub project: Option<TokenEntity>,
    /// The domain the token is scoped to.
    pub domain: Option<TokenEntity>,
    /// Whether the token is system scoped.
    pub system: bool,
    /// The roles on the scope.
    pub roles: Vec<TokenRole>,
    /// The trust, for a token scoped to one ([`Scope::Trust`]).
    pub trust: Option<TokenTrust>,
    /// The service catalog.
    pub catalog: Catalog,
}

impl Token {
    /// A token with an id and nothing else (fill the public fields as needed).
    pub fn new(id: impl Into<String>) -> Self {
        Token {
            id: SecretString::from(id.into()),
            expires_at: None,
            issued_at: None,
            methods: Vec::new(),
            user: None,
            project: None,
            domain: None,
            system: false,
            roles: Vec::new(),
            trust: None,
            catalog: Catalog::default(),
        }
    }

    /// Whether the token expires within `margin` of `now`.
    pub fn expires_within(&self, now: OffsetDateTime, margin: std::time::Duration) -> bool {
        match self.expires_at {
            Some(exp) => exp - now <= margin,
            None => false,
        }
    }

    /// The token id, exposed: for handing it to another program on purpose. Keep it out of
    /// logs.
    pub fn expose_id(&self) -> &str {
        self.id.expose_secret()
    }

    pub(crate) fn id_str(&self) -> &str {
        self.id.expose_secret()
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Token")
            .field("id", &"[REDACTED]")
            .field("expires_at", &self.expires_at)
            .field("methods", &self.methods)
            .field("user", &self.user)
            .field("project", &self.project)
            .field("domain", &self.domain)
            .field("system", &self.system)
            .field("roles", &self.roles)
            .field("trust", &self.trust)
            .field("catalog_services", &self.catalog.services.len())
            .finish()
    }
}

/// Serializes a secret for a request body (the only place secrets are exposed).
pub(crate) fn expose<S: serde::Serializer>(
    secret: &SecretString,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    secret.expose_secret().serialize(s)
}
