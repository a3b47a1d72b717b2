//! Configuration the OpenStack way: `OS_*` environment variables (an openrc file) and
//! `clouds.yaml` / `secure.yaml`, with the semantics of keystoneauth and openstacksdk.
//!
//! * [`AuthOptions::from_env`] reads the authentication variables (`OS_AUTH_URL`,
//!   `OS_USERNAME`, `OS_PASSWORD`, `OS_PROJECT_NAME`, ...).
//! * [`CloudConfig::from_env`] reads those and the connection settings (`OS_REGION_NAME`,
//!   `OS_INTERFACE`, `OS_CACERT`, `OS_INSECURE`, ...).
//! * [`CloudConfig::from_clouds_yaml`] reads a cloud from `clouds.yaml`, merged with
//!   `secure.yaml`.
//! * [`CloudConfig::load`] picks one of the two: the cloud named by `OS_CLOUD` when it is
//!   set, else the `OS_*` variables. [`ProviderClient::from_env`] builds a client with it.
//!
//! Every `from_env`-style function has a `*_vars` twin that takes a lookup function instead
//! of reading the process environment, for tests and for programs that keep their settings
//! elsewhere. Missing or contradictory settings give an error of kind
//! [`ErrorKind::Config`](crate::ErrorKind::Config) that names the variables (or the
//! `clouds.yaml` keys) involved. Passwords, tokens and application credential secrets never
//! appear in `Debug` output or in error messages.
//!
//! ```no_run
//! # async fn f() -> openstack_core::Result<()> {
//! use openstack_core::ProviderClient;
//! use openstack_core::config::CloudConfig;
//!
//! // OS_CLOUD=mycloud selects a cloud of clouds.yaml; without it, the OS_* variables are used.
//! let provider = ProviderClient::from_env().await?;
//!
//! // The same, step by step, with a chance to adjust the builder.
//! let provider = CloudConfig::load()?
//!     .apply(ProviderClient::builder())
//!     .user_agent_suffix("my-tool/0.1")
//!     .build()
//!     .await?;
//! # Ok(()) }
//! ```
//!
//! ```
//! use openstack_core::auth::{Credentials, DomainRef, ProjectRef, Scope};
//! use openstack_core::config::CloudConfig;
//!
//! let clouds = r#"
//! clouds:
//!   mycloud:
//!     auth:
//!       auth_url: https://keystone.example.com:5000/v3
//!       username: demo
//!       project_name: demo
//!       user_domain_id: default
//!       project_domain_id: default
//!     region_name: RegionOne
//!     compute_endpoint_override: https://nova.example.com:8774/v2.1
//! "#;
//! let secure = "clouds: {mycloud: {auth: {password: s3cret}}}";
//! let cloud = CloudConfig::from_yaml_str(clouds, Some(secure), "mycloud")?;
//! assert_eq!(cloud.region.as_deref(), Some("RegionOne"));
//! assert_eq!(
//!     cloud.auth.scope,
//!     Scope::Project(ProjectRef::name("demo", DomainRef::id("default")))
//! );
//! assert!(matches!(cloud.auth.credentials, Credentials::Password { .. }));
//! assert!(!format!("{cloud:?}").contains("s3cret"));
//! # Ok::<(), openstack_core::Error>(())
//! ```
//!
//! # Environment variables
//!
//! | Variable | Meaning |
//! |---|---|
//! | `OS_AUTH_URL` | The identity endpoint (required). |
//! | `OS_AUTH_TYPE` | `password`, `token`, `application_credential`, `v3password`, `v3token`, `v3applicationcredential`, `v2password` or `v2token`. Inferred when unset (see below). |
//! | `OS_IDENTITY_API_VERSION` | `3` or `2`/`2.0`: forces that identity API version instead of discovering it. |
//! | `OS_USERNAME`, `OS_USER_ID` | The user (the id wins when both are set, except on Keystone v2.0, which only knows names). |
//! | `OS_PASSWORD` | The password. |
//! | `OS_TOKEN` | An existing token. |
//! | `OS_APPLICATION_CREDENTIAL_ID` / `_NAME` / `_SECRET` | An application credential, by id or by name with the user. |
//! | `OS_PROJECT_ID`, `OS_PROJECT_NAME` | Project scope (the id wins when both are set). |
//! | `OS_TENANT_ID`, `OS_TENANT_NAME` | Keystone v2.0 synonyms of the above; an error if both spellings are set and differ. |
//! | `OS_USER_DOMAIN_ID` / `_NAME` | The domain of a user given by name. |
//! | `OS_PROJECT_DOMAIN_ID` / `_NAME` | The domain of a project given by name. |
//! | `OS_DOMAIN_ID` / `_NAME` | Domain scope; with project scope, the default for the user and project domains instead (as openstacksdk does). |
//! | `OS_DEFAULT_DOMAIN_ID` / `_NAME` (and osc's `OS_DEFAULT_DOMAIN`, an id) | keystoneauth's default for the user and project domains. |
//! | `OS_SYSTEM_SCOPE` | `all`: system scope. |
//! | `OS_TRUST_ID` | a trust: the token is scoped to it (Keystone v3; no other scope with it). |
//! | `OS_REGION_NAME` | The default region. |
//! | `OS_INTERFACE` (or `OS_ENDPOINT_TYPE`) | `public`, `internal` or `admin` (`publicURL` forms accepted). |
//! | `OS_CACERT` | A PEM bundle of extra CA certificates to trust. |
//! | `OS_CERT`, `OS_KEY` | A client certificate and its key (PEM files; the key may be in the certificate file). |
//! | `OS_INSECURE` | `true`/`1`/`yes`: do not verify server certificates (dangerous). |
//! | `OS_CLOUD` | The cloud of `clouds.yaml` to use ([`CloudConfig::load`]). |
//! | `OS_CLIENT_CONFIG_FILE`, `OS_CLIENT_SECURE_FILE` | Explicit `clouds.yaml` / `secure.yaml` paths. |
//!
//! Empty variables count as unset.
//!
//! **Authentication type.** Without `OS_AUTH_TYPE`, the credentials present decide:
//! `OS_PASSWORD` (or a user without any other credential) means password, `OS_TOKEN` token,
//! and any `OS_APPLICATION_CREDENTIAL_*` application credential. When several kinds are
//! present, set `OS_AUTH_TYPE`: guessing would be a contradiction resolved silently. With
//! `OS_AUTH_TYPE` set, the variables of the other kinds are ignored. Application credentials
//! carry their own scope, so project, domain and system scope variables are ignored with them
//! (openstacksdk drops them too).
//!
//! **Domains.** The user's domain is `OS_USER_DOMAIN_*`, else (with project scope)
//! `OS_DOMAIN_*`, else `OS_DEFAULT_DOMAIN_*`; the project's domain likewise with
//! `OS_PROJECT_DOMAIN_*`. When project scope is given together with `OS_DOMAIN_*` and the
//! latter is not needed as such a default, the two scopes contradict each other: that is an
//! error. When the identity version is known in advance (`OS_IDENTITY_API_VERSION`, a `v2`/`v3`
//! auth type, or an `OS_AUTH_URL` ending in `/v3` or `/v2.0`), what that version cannot use is
//! reported here rather than at the first request (for example a user name without a domain
//! on v3, or domain scope on v2.0).
//!
//! # `clouds.yaml`
//!
//! The first file found of `OS_CLIENT_CONFIG_FILE` (which must then exist), `./clouds.yaml`,
//! `$XDG_CONFIG_HOME/openstack/clouds.yaml` (default `~/.config/openstack`) and
//! `/etc/openstack/clouds.yaml` is read (`clouds.yml` is accepted in each directory, as
//! openstacksdk does). `secure.yaml` is found the same way (`OS_CLIENT_SECURE_FILE`) and its
//! entry for the cloud is deep-merged into the cloud's entry, its values winning. Keys are
//! normalised (`-` → `_`) as openstacksdk does.
//!
//! A cloud entry supports `auth` (`auth_url`, `username`, `user_id`, `password`,
//! `project_id`, `project_name`, `tenant_id`, `tenant_name`, `user_domain_id`,
//! `user_domain_name`, `project_domain_id`, `project_domain_name`, `domain_id`,
//! `domain_name`, `default_domain_id`, `default_domain_name`, `token`,
//! `application_credential_id`, `application_credential_name`,
//! `application_credential_secret`, `system_scope`, `trust_id`), `auth_type`, `identity_api_version`,
//! `region_name`, `regions`, `interface` (or `endpoint_type`), `cacert`, `cert`, `key`,
//! `verify` (`false` means insecure), `insecure`, and `<service>_endpoint_override` (for
//! example `compute_endpoint_override` or `block_storage_endpoint_override`). Like
//! openstacksdk, the project, tenant, domain and token keys are also accepted next to `auth`
//! rather than inside it (the value inside `auth` wins). Other keys are ignored. Paths are used
//! as written (relative ones from the working directory).
//!
//! `regions` lists the cloud's regions, as names or as maps with a `name` and optional
//! `values` (settings that apply in that region, merged over the cloud's). Without
//! `region_name` the first region is used (openstacksdk's rule: the only one, if the list has
//! one entry); a `region_name` that is not in the list is an error.
//!
//! Vendor profiles (`profile`, and its old spelling `cloud`) are not supported: copy the
//! vendor's settings into the cloud entry.
//!
//! When `OS_CLOUD` selects a cloud, the other `OS_*` variables are ignored (except
//! `OS_CLIENT_CONFIG_FILE` and `OS_CLIENT_SECURE_FILE`, which locate the files): the cloud
//! entry is the whole configuration. (The `openstack` command line differs: its options,
//! which default to the `OS_*` variables, override the cloud's settings.)

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use secrecy::SecretString;
use serde::de::{self, Deserializer};
use serde::Deserialize;
use serde_yaml_ng::{Mapping, Value};
use url::Url;

use crate::auth::{
    AuthOptions, Credentials, DomainRef, IdentityVersion, ProjectRef, Scope, UserRef,
};
use crate::catalog::Interface;
use crate::error::{Error, Result};
use crate::{ProviderClient, ProviderClientBuilder};

// ---------------------------------------------------------------------------------------------
// Setting names: each setting has an environment variable and a clouds.yaml key, so that one
// resolution routine can name either in its messages.
// ---------------------------------------------------------------------------------------------

macro_rules! settings {
    ($($v:ident = $env:literal, $yaml:literal;)*) => {
        /// A setting, named after its environment variable and its `clouds.yaml` key.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
        enum V { $($v,)* }

        impl V {
            const ALL: &[V] = &[$(V::$v,)*];

            fn env(self) -> &'static str {
                match self { $(V::$v => $env,)* }
            }

            fn yaml(self) -> &'static str {
                match self { $(V::$v => $yaml,)* }
            }
        }
    };
}

settings! {
    AuthUrl = "OS_AUTH_URL", "auth.auth_url";
    AuthType = "OS_AUTH_TYPE", "auth_type";
    IdentityApiVersion = "OS_IDENTITY_API_VERSION", "identity_api_version";
    Username = "OS_USERNAME", "auth.username";
    UserId = "OS_USER_ID", "auth.user_id";
    Password = "OS_PASSWORD", "auth.password";
    ProjectId = "OS_PROJECT_ID", "auth.project_id";
    ProjectName = "OS_PROJECT_NAME", "auth.project_name";
    TenantId = "OS_TENANT_ID", "auth.tenant_id";
    TenantName = "OS_TENANT_NAME", "auth.tenant_name";
    UserDomainId = "OS_USER_DOMAIN_ID", "auth.user_domain_id";
    UserDomainName = "OS_USER_DOMAIN_NAME", "auth.user_domain_name";
    ProjectDomainId = "OS_PROJECT_DOMAIN_ID", "auth.project_domain_id";
    ProjectDomainName = "OS_PROJECT_DOMAIN_NAME", "auth.project_domain_name";
    DomainId = "OS_DOMAIN_ID", "auth.domain_id";
    DomainName = "OS_DOMAIN_NAME", "auth.domain_name";
    DefaultDomainId = "OS_DEFAULT_DOMAIN_ID", "auth.default_domain_id";
    DefaultDomainName = "OS_DEFAULT_DOMAIN_NAME", "auth.default_domain_name";
    Token = "OS_TOKEN", "auth.token";
    AppCredId = "OS_APPLICATION_CREDENTIAL_ID", "auth.application_credential_id";
    AppCredName = "OS_APPLICATION_CREDENTIAL_NAME", "auth.application_credential_name";
    AppCredSecret = "OS_APPLICATION_CREDENTIAL_SECRET", "auth.application_credential_secret";
    SystemScope = "OS_SYSTEM_SCOPE", "auth.system_scope";
    TrustId = "OS_TRUST_ID", "auth.trust_id";
    RegionName = "OS_REGION_NAME", "region_name";
    Interface = "OS_INTERFACE", "interface";
    EndpointType = "OS_ENDPOINT_TYPE", "endpoint_type";
    Cacert = "OS_CACERT", "cacert";
    Cert = "OS_CERT", "cert";
    Key = "OS_KEY", "key";
    Insecure = "OS_INSECURE", "insecure";
}

impl V {
    fn is_secret(self) -> bool {
        matches!(self, V::Password | V::Token | V::AppCredSecret)
    }
}

/// osc's `--os-default-domain` (an id), a lower-priority spelling of `OS_DEFAULT_DOMAIN_ID`.
const OS_DEFAULT_DOMAIN: &str = "OS_DEFAULT_DOMAIN";
const OS_CLOUD: &str = "OS_CLOUD";
const OS_CLIENT_CONFIG_FILE: &str = "OS_CLIENT_CONFIG_FILE";
const OS_CLIENT_SECURE_FILE: &str = "OS_CLIENT_SECURE_FILE";

const SUPPORTED_AUTH_TYPES: &str = "password, token, application_credential, v3password, \
     v3token, v3applicationcredential, v2password, v2token";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Origin {
    Env,
    Yaml,
}

/// Raw settings, before interpretation. Secrets are held as [`SecretString`] from the start.
struct Raw {
    origin: Origin,
    plain: BTreeMap<V, String>,
    secret: BTreeMap<V, SecretString>,
}

impl Raw {
    fn new(origin: Origin) -> Self {
        Raw {
            origin,
            plain: BTreeMap::new(),
            secret: BTreeMap::new(),
        }
    }

    /// Reads every setting through `lookup`; empty values count as unset.
    fn from_lookup(lookup: &dyn Fn(&str) -> Option<String>) -> Self {
        let mut raw = Raw::new(Origin::Env);
        for &v in V::ALL {
            raw.set(v, lookup(v.env()));
        }
        if !raw.has(V::DefaultDomainId) {
            raw.set(V::DefaultDomainId, lookup(OS_DEFAULT_DOMAIN));
        }
        raw
    }

    fn set(&mut self, v: V, value: Option<String>) {
        let Some(value) = value.filter(|s| !s.is_empty()) else {
            return;
        };
        if v.is_secret() {
            self.secret.insert(v, SecretString::from(value));
        } else {
            self.plain.insert(v, value);
        }
    }

    /// The name of a setting in this origin's vocabulary.
    fn n(&self, v: V) -> &'static str {
        match self.origin {
            Origin::Env => v.env(),
            Origin::Yaml => v.yaml(),
        }
    }

    fn get(&self, v: V) -> Option<&str> {
        self.plain.get(&v).map(String::as_str)
    }

    fn has(&self, v: V) -> bool {
        self.plain.contains_key(&v) || self.secret.contains_key(&v)
    }

    fn secret(&self, v: V) -> Option<SecretString> {
        self.secret.get(&v).cloned()
    }

    /// The first of `vs` that is set.
    fn first(&self, vs: &[V]) -> Option<V> {
        vs.iter().copied().find(|&v| self.has(v))
    }

    /// One value under two spellings that must agree when both are set.
    fn agree(&self, a: V, b: V) -> std::result::Result<Option<String>, String> {
        match (self.get(a), self.get(b)) {
            (Some(x), Some(y)) if x != y => Err(format!(
                "{} and {} disagree ({x:?} and {y:?}); unset one of them",
                self.n(a),
                self.n(b)
            )),
            (x, y) => Ok(x.or(y).map(str::to_owned)),
        }
    }

    /// A domain from an id and a name setting (the id wins), with the setting it came from.
    fn domain(&self, id: V, name: V) -> Option<(DomainRef, V)> {
        if let Some(v) = self.get(id) {
            Some((DomainRef::id(v), id))
        } else {
            self.get(name).map(|v| (DomainRef::name(v), name))
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Authentication options.
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, PartialEq, Eq)]
enum Method {
    Password,
    Token,
    AppCred,
}

fn parse_auth_type(t: &str) -> Option<(Method, Option<IdentityVersion>)> {
    let t = t.trim().to_ascii_lowercase().replace('-', "_");
    Some(match t.as_str() {
        "password" => (Method::Password, None),
        "v3password" => (Method::Password, Some(IdentityVersion::V3)),
        "v2password" => (Method::Password, Some(IdentityVersion::V2)),
        "token" => (Method::Token, None),
        "v3token" => (Method::Token, Some(IdentityVersion::V3)),
        "v2token" => (Method::Token, Some(IdentityVersion::V2)),
        "v3applicationcredential" | "application_credential" | "applicationcredential" => {
            (Method::AppCred, Some(IdentityVersion::V3))
        }
        _ => return None,
    })
}

fn parse_identity_version(s: &str) -> Option<IdentityVersion> {
    let s = s.trim();
    let s = s.strip_prefix(['v', 'V']).unwrap_or(s);
    match s {
        "3" => Some(IdentityVersion::V3),
        "2" | "2.0" => Some(IdentityVersion::V2),
        _ if s
            .strip_prefix("3.")
            .is_some_and(|m| !m.is_empty() && m.bytes().all(|b| b.is_ascii_digit())) =>
        {
            Some(IdentityVersion::V3)
        }
        _ => None,
    }
}

fn version_label(v: IdentityVersion) -> &'static str {
    match v {
        IdentityVersion::V3 => "Keystone v3",
        IdentityVersion::V2 => "Keystone v2.0",
    }
}

/// The version a versioned identity URL names, from its last path segment.
fn url_version(url: &Url) -> Option<IdentityVersion> {
    let last = url.path_segments()?.rev().find(|s| !s.is_empty())?;
    match last {
        "v3" => Some(IdentityVersion::V3),
        "v2.0" => Some(IdentityVersion::V2),
        _ => None,
    }
}

/// Which credentials the settings hold, when no auth type says.
fn infer_method(raw: &Raw) -> std::result::Result<Method, String> {
    let mut found: Vec<(V, Method)> = Vec::new();
    if raw.has(V::Password) {
        found.push((V::Password, Method::Password));
    }
    if raw.has(V::Token) {
        found.push((V::Token, Method::Token));
    }
    if let Some(v) = raw.first(&[V::AppCredSecret, V::AppCredId, V::AppCredName]) {
        found.push((v, Method::AppCred));
    }
    match found.as_slice() {
        [] if raw.has(V::Username) || raw.has(V::UserId) => Ok(Method::Password),
        [] => Err(format!(
            "no credentials: set {} (with {} or {}), {}, or {} and {}",
            raw.n(V::Password),
            raw.n(V::Username),
            raw.n(V::UserId),
            raw.n(V::Token),
            raw.n(V::AppCredId),
            raw.n(V::AppCredSecret),
        )),
        [(_, m)] => Ok(*m),
        several => {
            let names: Vec<&str> = several.iter().map(|(v, _)| raw.n(*v)).collect();
            let verb = if names.len() == 2 { "both" } else { "all" };
            Err(format!(
                "{} are {verb} set, which are credentials of different kinds: set {} to say \
                 which to use ({SUPPORTED_AUTH_TYPES})",
                join_and(&names),
                raw.n(V::AuthType),
            ))
        }
    }
}

fn join_and(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Turns raw settings into [`AuthOptions`]; the error is a message naming the settings.
fn resolve_auth(raw: &Raw) -> std::result::Result<AuthOptions, String> {
    let n = |v: V| raw.n(v);

    let auth_url = raw
        .get(V::AuthUrl)
        .ok_or_else(|| format!("{} is required", n(V::AuthUrl)))?;
    let url = Url::parse(auth_url.trim())
        .map_err(|e| format!("{} {auth_url:?} is not a valid URL: {e}", n(V::AuthUrl)))?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
        return Err(format!(
            "{} {auth_url:?} is not an http:// or https:// URL",
            n(V::AuthUrl)
        ));
    }

    // The kind of credentials, and the identity version the settings force.
    let (method, type_version, type_reason) = match raw.get(V::AuthType) {
        Some(t) => {
            let (m, v) = parse_auth_type(t).ok_or_else(|| {
                format!(
                    "{} {t:?} is not supported (supported: {SUPPORTED_AUTH_TYPES})",
                    n(V::AuthType)
                )
            })?;
            (m, v, format!("{} is {t}", n(V::AuthType)))
        }
        None => {
            let m = infer_method(raw)?;
            let v = (m == Method::AppCred).then_some(IdentityVersion::V3);
            (
                m,
                v,
                "application credentials exist only in Keystone v3".to_owned(),
            )
        }
    };
    let api_version = match raw.get(V::IdentityApiVersion) {
        Some(s) => Some(parse_identity_version(s).ok_or_else(|| {
            format!(
                "{} {s:?} is not an identity API version (expected 3, 2 or 2.0)",
                n(V::IdentityApiVersion)
            )
        })?),
        None => None,
    };
    let api_reason = raw
        .get(V::IdentityApiVersion)
        .map(|s| format!("{} is {s}", n(V::IdentityApiVersion)))
        .unwrap_or_default();
    let forced: Option<(IdentityVersion, String)> = match (type_version, api_version) {
        (Some(a), Some(b)) if a != b => {
            return Err(match raw.get(V::AuthType) {
                Some(t) => format!(
                    "{} {t:?} and {} {:?} disagree about the identity API version",
                    n(V::AuthType),
                    n(V::IdentityApiVersion),
                    raw.get(V::IdentityApiVersion).unwrap_or_default()
                ),
                None => format!("{type_reason}, but {api_reason}"),
            })
        }
        (Some(a), _) => Some((a, type_reason)),
        (None, Some(b)) => Some((b, api_reason)),
        (None, None) => None,
    };
    let in_url = url_version(&url);
    if let (Some((f, why)), Some(u)) = (&forced, in_url) {
        if *f != u {
            return Err(format!(
                "{} {auth_url:?} is a {} URL, but {why}",
                n(V::AuthUrl),
                version_label(u)
            ));
        }
    }
    // What is known of the version in advance, and why (for messages).
    let known: Option<(IdentityVersion, String)> = forced.clone().or_else(|| {
        in_url.map(|u| {
            let seg = if u == IdentityVersion::V3 {
                "/v3"
            } else {
                "/v2.0"
            };
            (u, format!("{} ends in {seg}", n(V::AuthUrl)))
        })
    });
    let known_version = known.as_ref().map(|(v, _)| *v);
    let v2_reason = || {
        known
            .as_ref()
            .map(|(_, why)| why.clone())
            .unwrap_or_default()
    };

    let default_domain = raw
        .domain(V::DefaultDomainId, V::DefaultDomainName)
        .map(|(d, _)| d);
    let user_domain_explicit = raw
        .domain(V::UserDomainId, V::UserDomainName)
        .map(|(d, _)| d);

    // The scope (application credentials carry their own).
    let mut scope = Scope::Default;
    let mut scope_domain_used = false;
    let mut project_scoped_with_domain: Option<(V, V)> = None;
    let mut project_name_var: Option<V> = None;
    let mut scope_domain_fallback: Option<DomainRef> = None;
    if method == Method::AppCred && raw.get(V::TrustId).is_some() {
        return Err(format!(
            "{} given with an application credential, which carries its own scope; unset one \
             of them",
            n(V::TrustId)
        ));
    }
    if let Some(trust) = raw.get(V::TrustId).filter(|_| method != Method::AppCred) {
        // A trust is the whole scope: the token gets the trust's project and roles.
        let other = raw.first(&[
            V::ProjectId,
            V::TenantId,
            V::ProjectName,
            V::TenantName,
            V::DomainId,
            V::DomainName,
            V::SystemScope,
        ]);
        if let Some(o) = other {
            return Err(format!(
                "both {} and {} scope given: a token has one scope; unset one of them",
                n(o),
                n(V::TrustId)
            ));
        }
        scope = Scope::Trust(trust.trim().to_owned());
    } else if method != Method::AppCred {
        let project_id = raw.agree(V::ProjectId, V::TenantId)?;
        let project_name = raw.agree(V::ProjectName, V::TenantName)?;
        let project_var = raw.first(&[V::ProjectId, V::TenantId, V::ProjectName, V::TenantName]);
        let scope_domain = raw.domain(V::DomainId, V::DomainName);
        let system = match raw.get(V::SystemScope) {
            Some(s) if s.trim().eq_ignore_ascii_case("all") => true,
            Some(s) => {
                return Err(format!(
                    "{} {s:?} is not supported (the only system scope is \"all\")",
                    n(V::SystemScope)
                ))
            }
            None => false,
        };
        if system {
            if let Some(p) = project_var {
                return Err(format!(
                    "both {} and {} scope given: a token has one scope; unset one of them",
                    n(p),
                    n(V::SystemScope)
                ));
            }
            if let Some((_, d)) = &scope_domain {
                return Err(format!(
                    "both {} and {} scope given: a token has one scope; unset one of them",
                    n(*d),
                    n(V::SystemScope)
                ));
            }
            scope = Scope::System;
        } else if let Some(p) = project_var {
            // openstacksdk: with project scope, OS_DOMAIN_* is the default of the user and
            // project domains rather than a scope.
            if let Some((d, dv)) = &scope_domain {
                scope_domain_fallback = Some(d.clone());
                project_scoped_with_domain = Some((p, *dv));
            }
            if let Some(id) = project_id {
                scope = Scope::Project(ProjectRef::Id(id));
            } else if let Some(name) = project_name {
                project_name_var = raw.first(&[V::ProjectName, V::TenantName]);
                let domain = match raw.domain(V::ProjectDomainId, V::ProjectDomainName) {
                    Some((d, _)) => Some(d),
                    None => match &scope_domain_fallback {
                        Some(d) => {
                            scope_domain_used = true;
                            Some(d.clone())
                        }
                        None => default_domain.clone(),
                    },
                };
                scope = Scope::Project(ProjectRef::Name { name, domain });
            }
        } else if let Some((d, _)) = scope_domain {
            scope = Scope::Domain(d);
        }
    }

    // The user, for password auth and application credentials by name.
    let user_ref = |for_v2: bool, scope_domain_used: &mut bool| -> Option<UserRef> {
        let by_name = |name: &str, scope_domain_used: &mut bool| {
            let domain = match &user_domain_explicit {
                Some(d) => Some(d.clone()),
                None => match &scope_domain_fallback {
                    Some(d) => {
                        *scope_domain_used = true;
                        Some(d.clone())
                    }
                    None => default_domain.clone(),
                },
            };
            UserRef::Name {
                name: name.to_owned(),
                domain,
            }
        };
        match (raw.get(V::UserId), raw.get(V::Username)) {
            (_, Some(name)) if for_v2 => Some(by_name(name, scope_domain_used)),
            (Some(id), _) => Some(UserRef::id(id)),
            (None, Some(name)) => Some(by_name(name, scope_domain_used)),
            (None, None) => None,
        }
    };
    let for_v2 = known_version == Some(IdentityVersion::V2);

    let credentials = match method {
        Method::Password => {
            let user = user_ref(for_v2, &mut scope_domain_used).ok_or_else(|| {
                format!(
                    "{} or {} is required for password auth",
                    n(V::Username),
                    n(V::UserId)
                )
            })?;
            let password = raw
                .secret(V::Password)
                .ok_or_else(|| format!("{} is required for password auth", n(V::Password)))?;
            Credentials::Password { user, password }
        }
        Method::Token => Credentials::Token {
            token: raw
                .secret(V::Token)
                .ok_or_else(|| format!("{} is required for token auth", n(V::Token)))?,
        },
        Method::AppCred => {
            let secret = raw.secret(V::AppCredSecret).ok_or_else(|| {
                format!(
                    "{} is required for application credential auth",
                    n(V::AppCredSecret)
                )
            })?;
            match (raw.get(V::AppCredId), raw.get(V::AppCredName)) {
                (Some(id), _) => Credentials::ApplicationCredential {
                    id: Some(id.to_owned()),
                    name: None,
                    user: None,
                    secret,
                },
                (None, Some(name)) => {
                    let user = user_ref(false, &mut scope_domain_used).ok_or_else(|| {
                        format!(
                            "{} names the application credential, so its user is required too: \
                             set {} or {} (or use {} instead)",
                            n(V::AppCredName),
                            n(V::Username),
                            n(V::UserId),
                            n(V::AppCredId)
                        )
                    })?;
                    Credentials::ApplicationCredential {
                        id: None,
                        name: Some(name.to_owned()),
                        user: Some(user),
                        secret,
                    }
                }
                (None, None) => {
                    return Err(format!(
                        "{} or {} (with the user) is required for application credential auth",
                        n(V::AppCredId),
                        n(V::AppCredName)
                    ))
                }
            }
        }
    };

    if let Some((p, d)) = project_scoped_with_domain {
        if !scope_domain_used {
            return Err(format!(
                "both {} and {} scope given: {} is only used as the default of the user and \
                 project domains with project scope, and both are already known; unset {} \
                 (or the project settings, for a domain-scoped token)",
                n(p),
                n(d),
                n(d),
                n(d)
            ));
        }
    }

    // What the known identity version cannot use, reported now rather than at the first
    // request.
    match known_version {
        Some(IdentityVersion::V3) => {
            let user = match &credentials {
                Credentials::Password { user, .. } => Some(user),
                Credentials::ApplicationCredential { user, .. } => user.as_ref(),
                _ => None,
            };
            if let Some(UserRef::Name { domain: None, .. }) = user {
                return Err(format!(
                    "{} or {} is required with {} for Keystone v3 (or {} or {} as the default \
                     domain)",
                    n(V::UserDomainId),
                    n(V::UserDomainName),
                    n(V::Username),
                    n(V::DefaultDomainId),
                    n(V::DefaultDomainName)
                ));
            }
            if let Scope::Project(ProjectRef::Name { domain: None, .. }) = &scope {
                return Err(format!(
                    "{} or {} is required with {} for Keystone v3 (or {} or {} as the default \
                     domain)",
                    n(V::ProjectDomainId),
                    n(V::ProjectDomainName),
                    n(project_name_var.unwrap_or(V::ProjectName)),
                    n(V::DefaultDomainId),
                    n(V::DefaultDomainName)
                ));
            }
        }
        Some(IdentityVersion::V2) => {
            match &scope {
                Scope::Domain(_) => {
                    let d = raw
                        .first(&[V::DomainId, V::DomainName])
                        .unwrap_or(V::DomainId);
                    return Err(format!(
                        "{} (domain scope) needs Keystone v3, but {}",
                        n(d),
                        v2_reason()
                    ));
                }
                Scope::System => {
                    return Err(format!(
                        "{} (system scope) needs Keystone v3, but {}",
                        n(V::SystemScope),
                        v2_reason()
                    ))
                }
                Scope::Trust(_) => {
                    return Err(format!(
                        "{} (trust scope) needs Keystone v3, but {}",
                        n(V::TrustId),
                        v2_reason()
                    ))
                }
                _ => {}
            }
            if let Credentials::Password {
                user: UserRef::Id(_),
                ..
            } = &credentials
            {
                return Err(format!(
                    "Keystone v2.0 password auth needs {} ({} is for Keystone v3), but {}",
                    n(V::Username),
                    n(V::UserId),
                    v2_reason()
                ));
            }
        }
        None => {}
    }

    let mut options = AuthOptions::new(auth_url.trim(), credentials).scope(scope);
    if let Some((v, _)) = forced {
        options = options.identity_version(v);
    }
    Ok(options)
}

impl AuthOptions {
    /// Authentication options from the `OS_*` environment variables of an openrc file (see
    /// the [module documentation](crate::config) for the variables and their rules).
    ///
    /// ```no_run
    /// use openstack_core::auth::AuthOptions;
    /// let opts = AuthOptions::from_env()?;
    /// # Ok::<(), openstack_core::Error>(())
    /// ```
    pub fn from_env() -> Result<Self> {
        Self::from_env_vars(|k| std::env::var(k).ok())
    }

    /// Like [`AuthOptions::from_env`], with the variables read through `lookup` instead of the
    /// process environment. Empty values count as unset.
    ///
    /// ```
    /// use std::collections::HashMap;
    /// use openstack_core::auth::{AuthOptions, Scope};
    /// let vars = HashMap::from([
    ///     ("OS_AUTH_URL", "https://keystone.example.com:5000/v3"),
    ///     ("OS_USER_ID", "0123abcd"),
    ///     ("OS_PASSWORD", "s3cret"),
    ///     ("OS_SYSTEM_SCOPE", "all"),
    /// ]);
    /// let opts = AuthOptions::from_env_vars(|k| vars.get(k).map(|v| v.to_string()))?;
    /// assert_eq!(opts.scope, Scope::System);
    /// # Ok::<(), openstack_core::Error>(())
    /// ```
    pub fn from_env_vars(lookup: impl Fn(&str) -> Option<String>) -> Result<Self> {
        resolve_auth(&Raw::from_lookup(&lookup)).map_err(Error::config)
    }
}

// ---------------------------------------------------------------------------------------------
// CloudConfig.
// ---------------------------------------------------------------------------------------------

/// Everything needed to connect to one cloud: the [`AuthOptions`] and the connection settings
/// (region, interface, TLS, endpoint overrides), read from the `OS_*` variables or a
/// `clouds.yaml` entry (see the [module documentation](crate::config)).
///
/// [`CloudConfig::apply`] hands it to a [`ProviderClientBuilder`]. Its `Debug` output never
/// shows a secret.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct CloudConfig {
    /// The name of the cloud in `clouds.yaml`, if it came from there.
    pub name: Option<String>,
    /// The `clouds.yaml` file the cloud came from, if any.
    pub config_file: Option<PathBuf>,
    /// The authentication options.
    pub auth: AuthOptions,
    /// The default region (`OS_REGION_NAME`, `region_name`).
    pub region: Option<String>,
    /// The default interface (`OS_INTERFACE`, `interface`); public when `None`.
    pub interface: Option<Interface>,
    /// A PEM bundle of extra CA certificates to trust (`OS_CACERT`, `cacert`).
    pub cacert: Option<PathBuf>,
    /// A client certificate, PEM (`OS_CERT`, `cert`).
    pub cert: Option<PathBuf>,
    /// The client certificate's key, PEM (`OS_KEY`, `key`); when `None`, the key is read from
    /// the certificate file.
    pub key: Option<PathBuf>,
    /// Whether to skip TLS certificate verification (`OS_INSECURE`, `insecure`, or
    /// `verify: false`). Dangerous.
    pub insecure: bool,
    /// Endpoint URLs to use instead of the catalog, by service type with hyphens
    /// (`compute`, `block-storage`), from `<service>_endpoint_override` keys.
    pub endpoint_overrides: BTreeMap<String, String>,
}

impl CloudConfig {
    /// A configuration with these authentication options and default settings.
    pub fn new(auth: AuthOptions) -> Self {
        CloudConfig {
            name: None,
            config_file: None,
            auth,
            region: None,
            interface: None,
            cacert: None,
            cert: None,
            key: None,
            insecure: false,
            endpoint_overrides: BTreeMap::new(),
        }
    }

    /// The configuration in the `OS_*` environment variables (`OS_CLOUD` is not looked at:
    /// see [`CloudConfig::load`]).
    pub fn from_env() -> Result<Self> {
        Self::from_env_vars(|k| std::env::var(k).ok())
    }

    /// Like [`CloudConfig::from_env`], with the variables read through `lookup`.
    ///
    /// ```
    /// use std::collections::HashMap;
    /// use openstack_core::Interface;
    /// use openstack_core::config::CloudConfig;
    /// let vars = HashMap::from([
    ///     ("OS_AUTH_URL", "https://keystone.example.com:5000/v3"),
    ///     ("OS_APPLICATION_CREDENTIAL_ID", "abc123"),
    ///     ("OS_APPLICATION_CREDENTIAL_SECRET", "s3cret"),
    ///     ("OS_REGION_NAME", "RegionOne"),
    ///     ("OS_INTERFACE", "internal"),
    /// ]);
    /// let cloud = CloudConfig::from_env_vars(|k| vars.get(k).map(|v| v.to_string()))?;
    /// assert_eq!(cloud.interface, Some(Interface::Internal));
    /// # Ok::<(), openstack_core::Error>(())
    /// ```
    pub fn from_env_vars(lookup: impl Fn(&str) -> Option<String>) -> Result<Self> {
        let raw = Raw::from_lookup(&lookup);
        build_config(&raw, None, None).map_err(Error::config)
    }

    /// The cloud named by `OS_CLOUD` from `clouds.yaml` when `OS_CLOUD` is set (the other
    /// `OS_*` variables are then ignored), else the `OS_*` variables.
    pub fn load() -> Result<Self> {
        Self::load_vars(|k| std::env::var(k).ok())
    }

    /// Like [`CloudConfig::load`], with the variables read through `lookup` (files are still
    /// read from the file system).
    pub fn load_vars(lookup: impl Fn(&str) -> Option<String>) -> Result<Self> {
        match nonempty(&lookup, OS_CLOUD) {
            Some(cloud) => {
                if nonempty(&lookup, V::AuthUrl.env()).is_some() {
                    tracing::debug!(
                        target: "openstack_core::config",
                        "OS_CLOUD={cloud} is set: the other OS_* variables are ignored"
                    );
                }
                Self::from_clouds_yaml_vars(Some(&cloud), lookup)
            }
            None => Self::from_env_vars(lookup),
        }
    }

    /// A cloud from `clouds.yaml` (merged with `secure.yaml`), found in the standard places
    /// (see the [module documentation](crate::config)). `None` uses `OS_CLOUD`.
    pub fn from_clouds_yaml(cloud_name: Option<&str>) -> Result<Self> {
        Self::from_clouds_yaml_vars(cloud_name, |k| std::env::var(k).ok())
    }

    /// Like [`CloudConfig::from_clouds_yaml`], with `OS_CLOUD`, `OS_CLIENT_CONFIG_FILE`,
    /// `OS_CLIENT_SECURE_FILE`, `XDG_CONFIG_HOME` and `HOME` read through `lookup`.
    pub fn from_clouds_yaml_vars(
        cloud_name: Option<&str>,
        lookup: impl Fn(&str) -> Option<String>,
    ) -> Result<Self> {
        let dirs = search_dirs(&lookup);
        from_clouds_yaml_in(cloud_name, &lookup, &dirs)
    }

    /// A cloud from an explicit `clouds.yaml` file and optional `secure.yaml` file.
    pub fn from_clouds_yaml_files(
        clouds_file: impl AsRef<Path>,
        secure_file: Option<&Path>,
        cloud_name: &str,
    ) -> Result<Self> {
        let clouds_file = clouds_file.as_ref();
        let clouds = read_text(clouds_file)?;
        let secure = secure_file
            .map(|p| read_text(p).map(|t| (t, p.display().to_string())))
            .transpose()?;
        let mut cfg = cloud_from_texts(
            &clouds,
            &clouds_file.display().to_string(),
            secure.as_ref().map(|(t, l)| (t.as_str(), l.as_str())),
            Some(cloud_name),
        )?;
        cfg.config_file = Some(clouds_file.to_owned());
        Ok(cfg)
    }

    /// A cloud from the text of a `clouds.yaml` and an optional `secure.yaml` (for tests and
    /// for configuration kept elsewhere).
    pub fn from_yaml_str(clouds: &str, secure: Option<&str>, cloud_name: &str) -> Result<Self> {
        cloud_from_texts(
            clouds,
            "clouds.yaml",
            secure.map(|s| (s, "secure.yaml")),
            Some(cloud_name),
        )
    }

    /// Configures a builder with these settings: the authentication options, region,
    /// interface, TLS files (the CA bundle is skipped when `insecure` is set), insecure mode
    /// and endpoint overrides. Problems reading the files surface from
    /// [`ProviderClientBuilder::build`].
    pub fn apply(self, builder: ProviderClientBuilder) -> ProviderClientBuilder {
        let mut b = builder.auth_options(self.auth);
        if let Some(region) = self.region {
            b = b.region(region);
        }
        if let Some(interface) = self.interface {
            b = b.interface(interface);
        }
        if self.insecure {
            b = b.danger_accept_invalid_certs(true);
        } else if let Some(ca) = &self.cacert {
            b = b.ca_file(ca);
        }
        if let Some(cert) = &self.cert {
            let key = self.key.as_deref().unwrap_or(cert);
            b = b.client_identity_files(cert, key);
        }
        for (service, url) in self.endpoint_overrides {
            b = b.endpoint_override(&service, url);
        }
        b
    }
}

impl ProviderClient {
    /// A client configured the OpenStack way and authenticated: the cloud named by
    /// `OS_CLOUD` from `clouds.yaml` when `OS_CLOUD` is set (the other `OS_*` variables are
    /// then ignored), else the `OS_*` variables of an openrc file. See [`CloudConfig::load`].
    ///
    /// ```no_run
    /// # async fn f() -> openstack_core::Result<()> {
    /// let provider = openstack_core::ProviderClient::from_env().await?;
    /// # Ok(()) }
    /// ```
    pub async fn from_env() -> Result<ProviderClient> {
        CloudConfig::load()?
            .apply(ProviderClient::builder())
            .build()
            .await
    }
}

fn nonempty(lookup: &dyn Fn(&str) -> Option<String>, key: &str) -> Option<String> {
    lookup(key).filter(|s| !s.is_empty())
}

fn parse_interface(raw: &Raw, v: V) -> std::result::Result<Option<Interface>, String> {
    raw.get(v)
        .map(|s| {
            s.parse::<Interface>().map_err(|_| {
                format!(
                    "{} {s:?} is not an interface (expected public, internal or admin)",
                    raw.n(v)
                )
            })
        })
        .transpose()
}

fn parse_flag(raw: &Raw, v: V) -> std::result::Result<Option<bool>, String> {
    raw.get(v)
        .map(|s| {
            flag_value(s).ok_or_else(|| {
                format!(
                    "{} {s:?} is not a boolean (expected true/false, 1/0 or yes/no)",
                    raw.n(v)
                )
            })
        })
        .transpose()
}

fn flag_value(s: &str) -> Option<bool> {
    match s.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "on" => Some(true),
        "false" | "0" | "no" | "off" => Some(false),
        _ => None,
    }
}

/// The non-auth settings and the auth options; `verify` is clouds.yaml's (inverse) synonym
/// of `insecure`.
fn build_config(
    raw: &Raw,
    verify: Option<(bool, &'static str)>,
    region: Option<String>,
) -> std::result::Result<CloudConfig, String> {
    let auth = resolve_auth(raw)?;
    let interface = match (
        parse_interface(raw, V::Interface)?,
        parse_interface(raw, V::EndpointType)?,
    ) {
        (Some(a), Some(b)) if a != b => {
            return Err(format!(
                "{} and {} disagree ({a} and {b}); unset one of them",
                raw.n(V::Interface),
                raw.n(V::EndpointType)
            ))
        }
        (a, b) => a.or(b),
    };
    let insecure_flag = parse_flag(raw, V::Insecure)?;
    let insecure = match (insecure_flag, verify) {
        (Some(i), Some((v, name))) if i == v => {
            return Err(format!(
                "{} {i} and {name} {v} disagree; unset one of them",
                raw.n(V::Insecure)
            ))
        }
        (Some(i), _) => i,
        (None, Some((v, _))) => !v,
        (None, None) => false,
    };
    if raw.has(V::Key) && !raw.has(V::Cert) {
        return Err(format!(
            "{} is set without {}: the key belongs to a client certificate",
            raw.n(V::Key),
            raw.n(V::Cert)
        ));
    }
    let path = |v: V| raw.get(v).map(PathBuf::from);
    let mut cfg = CloudConfig::new(auth);
    cfg.region = region.or_else(|| raw.get(V::RegionName).map(str::to_owned));
    cfg.interface = interface;
    cfg.cacert = path(V::Cacert);
    cfg.cert = path(V::Cert);
    cfg.key = path(V::Key);
    cfg.insecure = insecure;
    Ok(cfg)
}

// ---------------------------------------------------------------------------------------------
// clouds.yaml and secure.yaml.
// ---------------------------------------------------------------------------------------------

/// A scalar read as a string, whatever its YAML type (`identity_api_version: 3`,
/// `project_id: 12345`, `password: 1234`). Deliberately not `Debug`: it may hold a secret, and
/// its errors never quote the value.
struct Scalar(String);

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        match Value::deserialize(d)? {
            Value::String(s) => Ok(Scalar(s)),
            Value::Number(n) => Ok(Scalar(n.to_string())),
            Value::Bool(b) => Ok(Scalar(b.to_string())),
            Value::Null => Ok(Scalar(String::new())),
            Value::Sequence(_) => Err(de::Error::custom("expected a string, found a list")),
            Value::Mapping(_) => Err(de::Error::custom("expected a string, found a mapping")),
            Value::Tagged(_) => Err(de::Error::custom("expected a string, found a tagged value")),
        }
    }
}

/// A boolean, also as a string (`"false"`, `no`, `0`).
struct Flag(bool);

impl<'de> Deserialize<'de> for Flag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = match Value::deserialize(d)? {
            Value::Bool(b) => return Ok(Flag(b)),
            Value::String(s) => s,
            Value::Number(n) => n.to_string(),
            _ => return Err(de::Error::custom("expected true or false")),
        };
        flag_value(&s)
            .map(Flag)
            .ok_or_else(|| de::Error::custom(format!("expected true or false, found {s:?}")))
    }
}

/// The `auth` section of a cloud.
#[derive(Deserialize, Default)]
#[serde(default)]
struct YamlAuth {
    auth_url: Option<Scalar>,
    username: Option<Scalar>,
    user_id: Option<Scalar>,
    password: Option<Scalar>,
    project_id: Option<Scalar>,
    project_name: Option<Scalar>,
    tenant_id: Option<Scalar>,
    tenant_name: Option<Scalar>,
    user_domain_id: Option<Scalar>,
    user_domain_name: Option<Scalar>,
    project_domain_id: Option<Scalar>,
    project_domain_name: Option<Scalar>,
    domain_id: Option<Scalar>,
    domain_name: Option<Scalar>,
    default_domain_id: Option<Scalar>,
    default_domain_name: Option<Scalar>,
    token: Option<Scalar>,
    auth_token: Option<Scalar>,
    application_credential_id: Option<Scalar>,
    application_credential_name: Option<Scalar>,
    application_credential_secret: Option<Scalar>,
    system_scope: Option<Scalar>,
    trust_id: Option<Scalar>,
}

/// One cloud entry. Unknown keys are ignored.
#[derive(Deserialize, Default)]
#[serde(default)]
struct YamlCloud {
    auth: YamlAuth,
    auth_type: Option<Scalar>,
    profile: Option<Scalar>,
    cloud: Option<Scalar>,
    region_name: Option<Scalar>,
    regions: Option<Vec<YamlRegion>>,
    interface: Option<Scalar>,
    endpoint_type: Option<Scalar>,
    identity_api_version: Option<Scalar>,
    cacert: Option<Scalar>,
    cert: Option<Scalar>,
    key: Option<Scalar>,
    verify: Option<Flag>,
    insecure: Option<Flag>,
    // Accepted next to `auth` as well, as openstacksdk does.
    project_id: Option<Scalar>,
    project_name: Option<Scalar>,
    tenant_id: Option<Scalar>,
    tenant_name: Option<Scalar>,
    user_domain_id: Option<Scalar>,
    user_domain_name: Option<Scalar>,
    project_domain_id: Option<Scalar>,
    project_domain_name: Option<Scalar>,
    domain_id: Option<Scalar>,
    domain_name: Option<Scalar>,
    token: Option<Scalar>,
    auth_token: Option<Scalar>,
}

/// An entry of `regions`: a name, or a map with a name and per-region settings.
#[derive(Deserialize)]
#[serde(untagged)]
enum YamlRegion {
    Name(Scalar),
    Full {
        name: Scalar,
        #[serde(default)]
        values: Option<Value>,
    },
}

impl YamlRegion {
    fn name(&self) -> &str {
        match self {
            YamlRegion::Name(s) | YamlRegion::Full { name: s, .. } => &s.0,
        }
    }

    fn values(&self) -> Option<&Value> {
        match self {
            YamlRegion::Name(_) => None,
            YamlRegion::Full { values, .. } => values.as_ref(),
        }
    }
}

fn s(v: &Option<Scalar>) -> Option<String> {
    v.as_ref().map(|x| x.0.clone()).filter(|x| !x.is_empty())
}

impl YamlCloud {
    fn raw(&self) -> Raw {
        let a = &self.auth;
        let mut raw = Raw::new(Origin::Yaml);
        let pairs: [(V, Option<String>); 28] = [
            (V::AuthUrl, s(&a.auth_url)),
            (V::AuthType, s(&self.auth_type)),
            (V::IdentityApiVersion, s(&self.identity_api_version)),
            (V::Username, s(&a.username)),
            (V::UserId, s(&a.user_id)),
            (V::Password, s(&a.password)),
            (V::ProjectId, s(&a.project_id).or(s(&self.project_id))),
            (V::ProjectName, s(&a.project_name).or(s(&self.project_name))),
            (V::TenantId, s(&a.tenant_id).or(s(&self.tenant_id))),
            (V::TenantName, s(&a.tenant_name).or(s(&self.tenant_name))),
            (
                V::UserDomainId,
                s(&a.user_domain_id).or(s(&self.user_domain_id)),
            ),
            (
                V::UserDomainName,
                s(&a.user_domain_name).or(s(&self.user_domain_name)),
            ),
            (
                V::ProjectDomainId,
                s(&a.project_domain_id).or(s(&self.project_domain_id)),
            ),
            (
                V::ProjectDomainName,
                s(&a.project_domain_name).or(s(&self.project_domain_name)),
            ),
            (V::DomainId, s(&a.domain_id).or(s(&self.domain_id))),
            (V::DomainName, s(&a.domain_name).or(s(&self.domain_name))),
            (V::DefaultDomainId, s(&a.default_domain_id)),
            (V::DefaultDomainName, s(&a.default_domain_name)),
            (
                V::Token,
                s(&a.token)
                    .or(s(&a.auth_token))
                    .or(s(&self.token))
                    .or(s(&self.auth_token)),
            ),
            (V::AppCredId, s(&a.application_credential_id)),
            (V::AppCredName, s(&a.application_credential_name)),
            (V::AppCredSecret, s(&a.application_credential_secret)),
            (V::SystemScope, s(&a.system_scope)),
            (V::TrustId, s(&a.trust_id)),
            (V::Interface, s(&self.interface)),
            (V::EndpointType, s(&self.endpoint_type)),
            (V::Cacert, s(&self.cacert)),
            (V::Cert, s(&self.cert)),
        ];
        for (v, value) in pairs {
            raw.set(v, value);
        }
        raw.set(V::Key, s(&self.key));
        raw.set(V::RegionName, s(&self.region_name));
        if let Some(Flag(b)) = &self.insecure {
            raw.set(V::Insecure, Some(b.to_string()));
        }
        raw
    }
}

/// The directories searched for `clouds.yaml` and `secure.yaml`, in order.
fn search_dirs(lookup: &dyn Fn(&str) -> Option<String>) -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if let Ok(cwd) = std::env::current_dir() {
        dirs.push(cwd);
    }
    let config_home = nonempty(lookup, "XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| nonempty(lookup, "HOME").map(|h| Path::new(&h).join(".config")));
    if let Some(c) = config_home {
        dirs.push(c.join("openstack"));
    }
    dirs.push(PathBuf::from("/etc/openstack"));
    dirs
}

/// The file named by `var`, or the first `<stem>.yaml`/`<stem>.yml` in `dirs`.
fn find_file(
    lookup: &dyn Fn(&str) -> Option<String>,
    var: &str,
    stem: &str,
    dirs: &[PathBuf],
) -> Result<Option<PathBuf>> {
    if let Some(p) = nonempty(lookup, var) {
        let p = PathBuf::from(p);
        if !p.is_file() {
            return Err(Error::config(format!(
                "{var} is {}, which is not a readable file",
                p.display()
            )));
        }
        return Ok(Some(p));
    }
    Ok(dirs
        .iter()
        .flat_map(|d| {
            [
                d.join(format!("{stem}.yaml")),
                d.join(format!("{stem}.yml")),
            ]
        })
        .find(|p| p.is_file()))
}

fn read_text(path: &Path) -> Result<String> {
    std::fs::read_to_string(path)
        .map_err(|e| Error::config(format!("cannot read {}: {e}", path.display())))
}

fn from_clouds_yaml_in(
    cloud_name: Option<&str>,
    lookup: &dyn Fn(&str) -> Option<String>,
    dirs: &[PathBuf],
) -> Result<CloudConfig> {
    let clouds_file =
        find_file(lookup, OS_CLIENT_CONFIG_FILE, "clouds", dirs)?.ok_or_else(|| {
            let looked: Vec<String> = dirs
                .iter()
                .map(|d| d.join("clouds.yaml").display().to_string())
                .collect();
            Error::config(format!(
                "no clouds.yaml found (looked for {}); set {OS_CLIENT_CONFIG_FILE} to name one",
                looked.join(", ")
            ))
        })?;
    let secure_file = find_file(lookup, OS_CLIENT_SECURE_FILE, "secure", dirs)?;
    let clouds = read_text(&clouds_file)?;
    let secure = secure_file
        .as_deref()
        .map(|p| read_text(p).map(|t| (t, p.display().to_string())))
        .transpose()?;
    let name = cloud_name
        .map(str::to_owned)
        .or_else(|| nonempty(lookup, OS_CLOUD));
    let mut cfg = cloud_from_texts(
        &clouds,
        &clouds_file.display().to_string(),
        secure.as_ref().map(|(t, l)| (t.as_str(), l.as_str())),
        name.as_deref(),
    )?;
    cfg.config_file = Some(clouds_file);
    Ok(cfg)
}

fn parse_yaml(text: &str, label: &str) -> Result<Value> {
    serde_yaml_ng::from_str::<Value>(text).map_err(|e| {
        let at = e
            .location()
            .map(|l| format!(" (line {}, column {})", l.line(), l.column()))
            .unwrap_or_default();
        Error::config(format!("cannot parse {label}{at}: {e}"))
    })
}

fn key_str(k: &Value) -> Option<String> {
    match k {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// The `clouds` mapping of a parsed file (`None` when the file has none).
fn clouds_section<'a>(doc: &'a Value, label: &str) -> Result<Option<&'a Mapping>> {
    match doc {
        Value::Null => Ok(None),
        Value::Mapping(m) => match m.get("clouds") {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Mapping(c)) => Ok(Some(c)),
            Some(_) => Err(Error::config(format!(
                "{label}: `clouds` must be a mapping of cloud names to settings"
            ))),
        },
        _ => Err(Error::config(format!(
            "{label}: expected a mapping with a `clouds` key at the top"
        ))),
    }
}

fn find_cloud<'a>(clouds: &'a Mapping, name: &str) -> Option<&'a Value> {
    clouds
        .iter()
        .find(|(k, _)| key_str(k).as_deref() == Some(name))
        .map(|(_, v)| v)
}

/// Merges `over` into `base`: mappings key by key, recursively; anything else is replaced.
fn deep_merge(base: &mut Value, over: Value) {
    match (base, over) {
        (Value::Mapping(b), Value::Mapping(o)) => {
            for (k, v) in o {
                match b.get_mut(&k) {
                    Some(existing) => deep_merge(existing, v),
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (b, o) => *b = o,
    }
}

/// Rewrites mapping keys with `-` to `_`, recursively (openstacksdk's key normalisation).
fn normalize_keys(v: Value) -> Value {
    match v {
        Value::Mapping(m) => Value::Mapping(
            m.into_iter()
                .map(|(k, v)| {
                    let k = match k {
                        Value::String(s) => Value::String(s.replace('-', "_")),
                        other => other,
                    };
                    (k, normalize_keys(v))
                })
                .collect(),
        ),
        Value::Sequence(s) => Value::Sequence(s.into_iter().map(normalize_keys).collect()),
        other => other,
    }
}

fn cloud_from_texts(
    clouds_text: &str,
    clouds_label: &str,
    secure: Option<(&str, &str)>,
    cloud_name: Option<&str>,
) -> Result<CloudConfig> {
    let doc = parse_yaml(clouds_text, clouds_label)?;
    let clouds = clouds_section(&doc, clouds_label)?;
    let names: Vec<String> = clouds
        .map(|c| c.keys().filter_map(key_str).collect())
        .unwrap_or_default();
    let listing = || {
        if names.is_empty() {
            format!("{clouds_label} defines no clouds")
        } else {
            format!("{clouds_label} defines {}", names.join(", "))
        }
    };
    let Some(name) = cloud_name.filter(|n| !n.is_empty()) else {
        return Err(Error::config(format!(
            "no cloud selected: set {OS_CLOUD} to the cloud to use ({})",
            listing()
        )));
    };
    let mut entry = clouds
        .and_then(|c| find_cloud(c, name))
        .cloned()
        .map(normalize_keys)
        .ok_or_else(|| Error::config(format!("cloud {name:?} not found: {}", listing())))?;
    if let Some((secure_text, secure_label)) = secure {
        let sdoc = parse_yaml(secure_text, secure_label)?;
        if let Some(extra) = clouds_section(&sdoc, secure_label)?.and_then(|c| find_cloud(c, name))
        {
            deep_merge(&mut entry, normalize_keys(extra.clone()));
        }
    }
    let ctx = |msg: String| Error::config(format!("cloud {name:?} in {clouds_label}: {msg}"));
    let cloud = typed_cloud(&entry).map_err(ctx)?;
    if let Some(p) = s(&cloud.profile).or(s(&cloud.cloud)) {
        return Err(ctx(format!(
            "sets profile {p:?}, but vendor profiles are not supported: copy the vendor's \
             settings (auth_url, region_name, identity_api_version, ...) into the cloud entry"
        )));
    }

    // Regions: pick one, and apply its `values` over the cloud's settings.
    let regions = cloud.regions.as_deref().unwrap_or_default();
    let (cloud, region) = if regions.is_empty() {
        let region = s(&cloud.region_name);
        (cloud, region)
    } else {
        let chosen = match s(&cloud.region_name) {
            Some(r) => regions.iter().find(|x| x.name() == r).ok_or_else(|| {
                let known: Vec<&str> = regions.iter().map(YamlRegion::name).collect();
                ctx(format!(
                    "region_name {r:?} is not one of the cloud's regions ({}); region names \
                     are case sensitive",
                    known.join(", ")
                ))
            })?,
            None => &regions[0],
        };
        let region = Some(chosen.name().to_owned()).filter(|r| !r.is_empty());
        match chosen.values() {
            Some(values @ Value::Mapping(_)) => {
                let values = normalize_keys(values.clone());
                deep_merge(&mut entry, values);
                (typed_cloud(&entry).map_err(ctx)?, region)
            }
            Some(Value::Null) | None => (cloud, region),
            Some(_) => {
                return Err(ctx(format!(
                    "the `values` of region {:?} must be a mapping",
                    chosen.name()
                )))
            }
        }
    };

    let raw = cloud.raw();
    let verify = cloud.verify.as_ref().map(|f| (f.0, "verify"));
    let mut cfg = build_config(&raw, verify, region).map_err(ctx)?;
    cfg.endpoint_overrides = endpoint_overrides(&entry).map_err(ctx)?;
    cfg.name = Some(name.to_owned());
    Ok(cfg)
}

/// Deserializes a (merged, normalised) cloud entry, naming the path of a bad value.
fn typed_cloud(entry: &Value) -> std::result::Result<YamlCloud, String> {
    match entry {
        Value::Mapping(m) => {
            // Checked here so that the error cannot quote a secret given as `auth: <string>`.
            match m.get("auth") {
                None | Some(Value::Null) | Some(Value::Mapping(_)) => {}
                Some(_) => return Err("`auth` must be a mapping".to_owned()),
            }
        }
        Value::Null => {}
        _ => return Err("the cloud entry must be a mapping".to_owned()),
    }
    serde_path_to_error::deserialize(entry.clone()).map_err(|e| {
        let path = e.path().to_string();
        format!("{path}: {}", e.into_inner())
    })
}

/// `<service>_endpoint_override` keys, by service type (`block_storage` → `block-storage`).
fn endpoint_overrides(entry: &Value) -> std::result::Result<BTreeMap<String, String>, String> {
    let mut out = BTreeMap::new();
    let Value::Mapping(m) = entry else {
        return Ok(out);
    };
    for (k, v) in m {
        let Some(key) = key_str(k) else { continue };
        let Some(service) = key.strip_suffix("_endpoint_override") else {
            continue;
        };
        if service.is_empty() {
            continue;
        }
        let url = match v {
            Value::String(u) if !u.is_empty() => u.clone(),
            Value::Null => continue,
            Value::String(_) => continue,
            _ => return Err(format!("{key} must be a URL string")),
        };
        Url::parse(url.trim()).map_err(|e| format!("{key} {url:?} is not a valid URL: {e}"))?;
        out.insert(service.replace('_', "-"), url);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use secrecy::ExposeSecret;

    use super::*;
    use crate::ErrorKind;

    const CANARY: &str = "canary-Zx9qW7-secret";

    fn vars(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        move |k| map.get(k).cloned()
    }

    fn auth(pairs: &[(&str, &str)]) -> AuthOptions {
        AuthOptions::from_env_vars(vars(pairs)).expect("valid auth options")
    }

    /// The Config error message for these variables (asserting the kind).
    fn auth_err(pairs: &[(&str, &str)]) -> String {
        let e = AuthOptions::from_env_vars(vars(pairs)).expect_err("an error");
        assert_eq!(e.kind(), ErrorKind::Config, "{e}");
        e.to_string()
    }

    fn cloud_err(pairs: &[(&str, &str)]) -> String {
        let e = CloudConfig::from_env_vars(vars(pairs)).expect_err("an error");
        assert_eq!(e.kind(), ErrorKind::Config, "{e}");
        e.to_string()
    }

    fn yaml_err(clouds: &str, secure: Option<&str>, cloud: &str) -> String {
        let e = CloudConfig::from_yaml_str(clouds, secure, cloud).expect_err("an error");
        assert_eq!(e.kind(), ErrorKind::Config, "{e}");
        e.to_string()
    }

    fn assert_mentions(msg: &str, needles: &[&str]) {
        for n in needles {
            assert!(msg.contains(n), "{msg:?} should mention {n:?}");
        }
    }

    const URL: (&str, &str) = ("OS_AUTH_URL", "https://keystone.example.com:5000/v3");
    const ROOT: (&str, &str) = ("OS_AUTH_URL", "https://keystone.example.com:5000");

    fn password(o: &AuthOptions) -> (&UserRef, &str) {
        match &o.credentials {
            Credentials::Password { user, password } => (user, password.expose_secret()),
            other => panic!("expected password credentials, got {other:?}"),
        }
    }

    // --- auth from the environment -----------------------------------------------------------

    #[test]
    fn password_by_name_with_domains() {
        let o = auth(&[
            URL,
            ("OS_USERNAME", "demo"),
            ("OS_PASSWORD", "pw"),
            ("OS_USER_DOMAIN_NAME", "Default"),
            ("OS_PROJECT_NAME", "demo"),
            ("OS_PROJECT_DOMAIN_ID", "default"),
        ]);
        assert_eq!(o.auth_url, "https://keystone.example.com:5000/v3");
        let (user, pw) = password(&o);
        assert_eq!(user, &UserRef::name("demo", DomainRef::name("Default")));
        assert_eq!(pw, "pw");
        assert_eq!(
            o.scope,
            Scope::Project(ProjectRef::name("demo", DomainRef::id("default")))
        );
        assert_eq!(o.identity_version, None);
        assert!(o.allow_reauth);
    }

    #[test]
    fn password_by_user_id_and_project_id() {
        let o = auth(&[
            ROOT,
            ("OS_USER_ID", "u-123"),
            ("OS_PASSWORD", "pw"),
            ("OS_PROJECT_ID", "p-456"),
        ]);
        assert_eq!(password(&o).0, &UserRef::id("u-123"));
        assert_eq!(o.scope, Scope::Project(ProjectRef::id("p-456")));
    }

    #[test]
    fn horizon_openrc_project_id_wins_over_name() {
        let o = auth(&[
            URL,
            ("OS_PROJECT_ID", "p-456"),
            ("OS_PROJECT_NAME", "demo"),
            ("OS_USER_DOMAIN_NAME", "Default"),
            ("OS_PROJECT_DOMAIN_ID", "default"),
            ("OS_USERNAME", "demo"),
            ("OS_PASSWORD", "pw"),
            ("OS_IDENTITY_API_VERSION", "3"),
            // Horizon's openrc unsets these; empty counts as unset.
            ("OS_TENANT_ID", ""),
            ("OS_TENANT_NAME", ""),
        ]);
        assert_eq!(o.scope, Scope::Project(ProjectRef::id("p-456")));
        assert_eq!(o.identity_version, Some(IdentityVersion::V3));
    }

    #[test]
    fn tenant_synonyms() {
        // v2.0 openrc: tenant name, no domains.
        let o = auth(&[
            ("OS_AUTH_URL", "http://keystone:5000/v2.0"),
            ("OS_USERNAME", "admin"),
            ("OS_PASSWORD", "pw"),
            ("OS_TENANT_NAME", "admin"),
        ]);
        assert_eq!(o.scope, Scope::Project(ProjectRef::name_only("admin")));
        assert_eq!(password(&o).0, &UserRef::name_only("admin"));

        // Both spellings, agreeing.
        let o = auth(&[
            ROOT,
            ("OS_USER_ID", "u"),
            ("OS_PASSWORD", "pw"),
            ("OS_PROJECT_ID", "p1"),
            ("OS_TENANT_ID", "p1"),
        ]);
        assert_eq!(o.scope, Scope::Project(ProjectRef::id("p1")));

        // Tenant id alone.
        let o = auth(&[
            ROOT,
            ("OS_USER_ID", "u"),
            ("OS_PASSWORD", "pw"),
            ("OS_TENANT_ID", "t1"),
        ]);
        assert_eq!(o.scope, Scope::Project(ProjectRef::id("t1")));
    }

    #[test]
    fn v2_prefers_the_user_name() {
        let o = auth(&[
            ROOT,
            ("OS_IDENTITY_API_VERSION", "2.0"),
            ("OS_USERNAME", "admin"),
            ("OS_USER_ID", "u-1"),
            ("OS_PASSWORD", "pw"),
        ]);
        assert_eq!(password(&o).0, &UserRef::name_only("admin"));
        assert_eq!(o.identity_version, Some(IdentityVersion::V2));
        // v3 (or unknown) prefers the id.
        let o = auth(&[
            ROOT,
            ("OS_USERNAME", "admin"),
            ("OS_USER_ID", "u-1"),
            ("OS_PASSWORD", "pw"),
        ]);
        assert_eq!(password(&o).0, &UserRef::id("u-1"));
    }

    #[test]
    fn domain_scope() {
        let o = auth(&[
            URL,
            ("OS_USERNAME", "admin"),
            ("OS_USER_DOMAIN_ID", "default"),
            ("OS_PASSWORD", "pw"),
            ("OS_DOMAIN_NAME", "engineering"),
        ]);
        assert_eq!(o.scope, Scope::Domain(DomainRef::name("engineering")));
        // The scope domain is not the user's domain.
        assert_eq!(
            password(&o).0,
            &UserRef::name("admin", DomainRef::id("default"))
        );
        let o = auth(&[
            URL,
            ("OS_USER_ID", "u"),
            ("OS_PASSWORD", "pw"),
            ("OS_DOMAIN_ID", "d1"),
            ("OS_DOMAIN_NAME", "ignored when the id is set"),
        ]);
        assert_eq!(o.scope, Scope::Domain(DomainRef::id("d1")));
    }

    #[test]
    fn domain_is_the_default_domain_with_project_scope() {
        // openstacksdk: OS_DOMAIN_* with project scope fills the user and project domains.
        let o = auth(&[
            URL,
            ("OS_USERNAME", "demo"),
            ("OS_PASSWORD", "pw"),
            ("OS_PROJECT_NAME", "demo"),
            ("OS_DOMAIN_ID", "default"),
        ]);
        assert_eq!(
            o.scope,
            Scope::Project(ProjectRef::name("demo", DomainRef::id("default")))
        );
        assert_eq!(
            password(&o).0,
            &UserRef::name("demo", DomainRef::id("default"))
        );
        // Used for the project only; the user's own domain wins.
        let o = auth(&[
            URL,
            ("OS_USERNAME", "demo"),
            ("OS_USER_DOMAIN_NAME", "Users"),
            ("OS_PASSWORD", "pw"),
            ("OS_PROJECT_NAME", "demo"),
            ("OS_DOMAIN_NAME", "Projects"),
        ]);
        assert_eq!(
            o.scope,
            Scope::Project(ProjectRef::name("demo", DomainRef::name("Projects")))
        );
        assert_eq!(
            password(&o).0,
            &UserRef::name("demo", DomainRef::name("Users"))
        );
    }

    #[test]
    fn default_domain_variables() {
        for (var, want) in [
            ("OS_DEFAULT_DOMAIN_ID", DomainRef::id("dflt")),
            ("OS_DEFAULT_DOMAIN_NAME", DomainRef::name("dflt")),
            ("OS_DEFAULT_DOMAIN", DomainRef::id("dflt")),
        ] {
            let o = auth(&[
                URL,
                ("OS_USERNAME", "demo"),
                ("OS_PASSWORD", "pw"),
                ("OS_PROJECT_NAME", "demo"),
                (var, "dflt"),
            ]);
            assert_eq!(
                o.scope,
                Scope::Project(ProjectRef::name("demo", want.clone())),
                "{var}"
            );
            assert_eq!(password(&o).0, &UserRef::name("demo", want), "{var}");
        }
        // Explicit domains win over the default.
        let o = auth(&[
            URL,
            ("OS_USERNAME", "demo"),
            ("OS_USER_DOMAIN_ID", "u-dom"),
            ("OS_PASSWORD", "pw"),
            ("OS_PROJECT_NAME", "demo"),
            ("OS_PROJECT_DOMAIN_ID", "p-dom"),
            ("OS_DEFAULT_DOMAIN_ID", "dflt"),
        ]);
        assert_eq!(
            o.scope,
            Scope::Project(ProjectRef::name("demo", DomainRef::id("p-dom")))
        );
        assert_eq!(
            password(&o).0,
            &UserRef::name("demo", DomainRef::id("u-dom"))
        );
    }

    #[test]
    fn system_scope() {
        let o = auth(&[
            URL,
            ("OS_USER_ID", "u"),
            ("OS_PASSWORD", "pw"),
            ("OS_SYSTEM_SCOPE", "all"),
        ]);
        assert_eq!(o.scope, Scope::System);
    }

    #[test]
    fn trust_scope() {
        let o = auth(&[
            URL,
            ("OS_USER_ID", "trustee"),
            ("OS_PASSWORD", "pw"),
            ("OS_TRUST_ID", "t-123"),
        ]);
        assert_eq!(o.scope, Scope::Trust("t-123".into()));
        let err = auth_err(&[
            URL,
            ("OS_USER_ID", "trustee"),
            ("OS_PASSWORD", "pw"),
            ("OS_TRUST_ID", "t-123"),
            ("OS_PROJECT_ID", "p"),
        ]);
        assert!(
            err.contains("OS_PROJECT_ID") && err.contains("OS_TRUST_ID"),
            "{err}"
        );
    }

    #[test]
    fn no_scope_is_default() {
        let o = auth(&[URL, ("OS_USER_ID", "u"), ("OS_PASSWORD", "pw")]);
        assert_eq!(o.scope, Scope::Default);
    }

    #[test]
    fn token_auth() {
        let o = auth(&[ROOT, ("OS_TOKEN", "tok"), ("OS_PROJECT_ID", "p")]);
        match &o.credentials {
            Credentials::Token { token } => assert_eq!(token.expose_secret(), "tok"),
            other => panic!("expected a token, got {other:?}"),
        }
        assert_eq!(o.scope, Scope::Project(ProjectRef::id("p")));
        assert_eq!(o.identity_version, None);

        // Explicit type: the password of a leftover openrc is ignored.
        let o = auth(&[
            ROOT,
            ("OS_AUTH_TYPE", "v3token"),
            ("OS_TOKEN", "tok"),
            ("OS_USERNAME", "demo"),
            ("OS_PASSWORD", "pw"),
        ]);
        assert!(matches!(o.credentials, Credentials::Token { .. }));
        assert_eq!(o.identity_version, Some(IdentityVersion::V3));

        let o = auth(&[ROOT, ("OS_AUTH_TYPE", "v2token"), ("OS_TOKEN", "tok")]);
        assert_eq!(o.identity_version, Some(IdentityVersion::V2));
    }

    #[test]
    fn explicit_password_types() {
        let o = auth(&[
            ROOT,
            ("OS_AUTH_TYPE", "v2password"),
            ("OS_USERNAME", "a"),
            ("OS_PASSWORD", "pw"),
            ("OS_TOKEN", "ignored"),
        ]);
        assert_eq!(o.identity_version, Some(IdentityVersion::V2));
        assert!(matches!(o.credentials, Credentials::Password { .. }));
        let o = auth(&[
            ROOT,
            ("OS_AUTH_TYPE", "v3password"),
            ("OS_USER_ID", "u"),
            ("OS_PASSWORD", "pw"),
        ]);
        assert_eq!(o.identity_version, Some(IdentityVersion::V3));
        let o = auth(&[
            ROOT,
            ("OS_AUTH_TYPE", "password"),
            ("OS_USER_ID", "u"),
            ("OS_PASSWORD", "pw"),
        ]);
        assert_eq!(o.identity_version, None);
    }

    #[test]
    fn application_credential_by_id() {
        let o = auth(&[
            URL,
            ("OS_AUTH_TYPE", "v3applicationcredential"),
            ("OS_APPLICATION_CREDENTIAL_ID", "ac-1"),
            ("OS_APPLICATION_CREDENTIAL_SECRET", "sec"),
            // Leftover scope variables are ignored: the credential carries its scope.
            ("OS_PROJECT_NAME", "demo"),
        ]);
        match &o.credentials {
            Credentials::ApplicationCredential {
                id,
                name,
                user,
                secret,
            } => {
                assert_eq!(id.as_deref(), Some("ac-1"));
                assert_eq!(name, &None);
                assert_eq!(user, &None);
                assert_eq!(secret.expose_secret(), "sec");
            }
            other => panic!("expected an application credential, got {other:?}"),
        }
        assert_eq!(o.scope, Scope::Default);
        assert_eq!(o.identity_version, Some(IdentityVersion::V3));

        // Inferred without OS_AUTH_TYPE.
        let o = auth(&[
            ROOT,
            ("OS_APPLICATION_CREDENTIAL_ID", "ac-1"),
            ("OS_APPLICATION_CREDENTIAL_SECRET", "sec"),
        ]);
        assert!(matches!(
            o.credentials,
            Credentials::ApplicationCredential { .. }
        ));
        assert_eq!(o.identity_version, Some(IdentityVersion::V3));
    }

    #[test]
    fn application_credential_by_name_and_user() {
        let o = auth(&[
            URL,
            ("OS_AUTH_TYPE", "application_credential"),
            ("OS_APPLICATION_CREDENTIAL_NAME", "ci"),
            ("OS_APPLICATION_CREDENTIAL_SECRET", "sec"),
            ("OS_USERNAME", "demo"),
            ("OS_USER_DOMAIN_NAME", "Default"),
        ]);
        match &o.credentials {
            Credentials::ApplicationCredential { id, name, user, .. } => {
                assert_eq!(id, &None);
                assert_eq!(name.as_deref(), Some("ci"));
                assert_eq!(
                    user,
                    &Some(UserRef::name("demo", DomainRef::name("Default")))
                );
            }
            other => panic!("expected an application credential, got {other:?}"),
        }
        let o = auth(&[
            URL,
            ("OS_APPLICATION_CREDENTIAL_NAME", "ci"),
            ("OS_APPLICATION_CREDENTIAL_SECRET", "sec"),
            ("OS_USER_ID", "u-1"),
        ]);
        match &o.credentials {
            Credentials::ApplicationCredential { user, .. } => {
                assert_eq!(user, &Some(UserRef::id("u-1")));
            }
            other => panic!("expected an application credential, got {other:?}"),
        }
    }

    #[test]
    fn auth_type_spellings() {
        for t in ["PASSWORD", "v3password", " password "] {
            let o = auth(&[
                URL,
                ("OS_AUTH_TYPE", t),
                ("OS_USER_ID", "u"),
                ("OS_PASSWORD", "pw"),
            ]);
            assert!(matches!(o.credentials, Credentials::Password { .. }), "{t}");
        }
        for t in ["application-credential", "V3ApplicationCredential"] {
            let o = auth(&[
                URL,
                ("OS_AUTH_TYPE", t),
                ("OS_APPLICATION_CREDENTIAL_ID", "a"),
                ("OS_APPLICATION_CREDENTIAL_SECRET", "s"),
            ]);
            assert!(
                matches!(o.credentials, Credentials::ApplicationCredential { .. }),
                "{t}"
            );
        }
        assert_eq!(parse_identity_version("v3"), Some(IdentityVersion::V3));
        assert_eq!(parse_identity_version("3.14"), Some(IdentityVersion::V3));
        assert_eq!(parse_identity_version("2"), Some(IdentityVersion::V2));
        assert_eq!(parse_identity_version("2.0"), Some(IdentityVersion::V2));
        assert_eq!(parse_identity_version("4"), None);
        assert_eq!(parse_identity_version("3.x"), None);
        assert_eq!(parse_identity_version("3."), None);
    }

    // --- auth errors from the environment ---------------------------------------------------

    #[test]
    fn missing_auth_url() {
        let m = auth_err(&[("OS_USERNAME", "a"), ("OS_PASSWORD", "pw")]);
        assert_mentions(&m, &["OS_AUTH_URL is required"]);
        let m = auth_err(&[("OS_AUTH_URL", "http://[::1"), ("OS_TOKEN", "t")]);
        assert_mentions(&m, &["OS_AUTH_URL", "not a valid URL"]);
        // No scheme: `keystone.example.com` would be read as one.
        let m = auth_err(&[
            ("OS_AUTH_URL", "keystone.example.com:5000/v3"),
            ("OS_TOKEN", "t"),
        ]);
        assert_mentions(&m, &["OS_AUTH_URL", "not an http:// or https:// URL"]);
    }

    #[test]
    fn missing_password() {
        let m = auth_err(&[URL, ("OS_USERNAME", "demo"), ("OS_USER_DOMAIN_ID", "d")]);
        assert_mentions(&m, &["OS_PASSWORD is required for password auth"]);
        let m = auth_err(&[URL, ("OS_AUTH_TYPE", "password"), ("OS_USER_ID", "u")]);
        assert_mentions(&m, &["OS_PASSWORD is required for password auth"]);
    }

    #[test]
    fn missing_user() {
        let m = auth_err(&[URL, ("OS_PASSWORD", "pw")]);
        assert_mentions(
            &m,
            &["OS_USERNAME or OS_USER_ID is required for password auth"],
        );
    }

    #[test]
    fn no_credentials() {
        let m = auth_err(&[URL, ("OS_PROJECT_NAME", "demo")]);
        assert_mentions(
            &m,
            &[
                "no credentials",
                "OS_PASSWORD",
                "OS_TOKEN",
                "OS_APPLICATION_CREDENTIAL_ID",
                "OS_APPLICATION_CREDENTIAL_SECRET",
            ],
        );
    }

    #[test]
    fn several_kinds_of_credentials() {
        let m = auth_err(&[
            URL,
            ("OS_USER_ID", "u"),
            ("OS_PASSWORD", "pw"),
            ("OS_TOKEN", "t"),
        ]);
        assert_mentions(
            &m,
            &["OS_PASSWORD and OS_TOKEN are both set", "OS_AUTH_TYPE"],
        );
        let m = auth_err(&[
            URL,
            ("OS_USER_ID", "u"),
            ("OS_PASSWORD", "pw"),
            ("OS_TOKEN", "t"),
            ("OS_APPLICATION_CREDENTIAL_SECRET", "s"),
        ]);
        assert_mentions(
            &m,
            &[
                "OS_PASSWORD, OS_TOKEN and OS_APPLICATION_CREDENTIAL_SECRET are all set",
                "OS_AUTH_TYPE",
            ],
        );
    }

    #[test]
    fn missing_token_and_secret() {
        let m = auth_err(&[URL, ("OS_AUTH_TYPE", "token"), ("OS_PASSWORD", "pw")]);
        assert_mentions(&m, &["OS_TOKEN is required for token auth"]);
        let m = auth_err(&[
            URL,
            ("OS_AUTH_TYPE", "v3applicationcredential"),
            ("OS_APPLICATION_CREDENTIAL_ID", "ac"),
        ]);
        assert_mentions(
            &m,
            &["OS_APPLICATION_CREDENTIAL_SECRET is required for application credential auth"],
        );
        let m = auth_err(&[URL, ("OS_APPLICATION_CREDENTIAL_SECRET", "s")]);
        assert_mentions(
            &m,
            &["OS_APPLICATION_CREDENTIAL_ID or OS_APPLICATION_CREDENTIAL_NAME"],
        );
        let m = auth_err(&[
            URL,
            ("OS_APPLICATION_CREDENTIAL_NAME", "ci"),
            ("OS_APPLICATION_CREDENTIAL_SECRET", "s"),
        ]);
        assert_mentions(
            &m,
            &[
                "OS_APPLICATION_CREDENTIAL_NAME",
                "OS_USERNAME or OS_USER_ID",
            ],
        );
    }

    #[test]
    fn project_and_tenant_disagree() {
        let m = auth_err(&[
            URL,
            ("OS_USER_ID", "u"),
            ("OS_PASSWORD", "pw"),
            ("OS_PROJECT_ID", "p1"),
            ("OS_TENANT_ID", "p2"),
        ]);
        assert_mentions(&m, &["OS_PROJECT_ID and OS_TENANT_ID disagree"]);
        let m = auth_err(&[
            URL,
            ("OS_USER_ID", "u"),
            ("OS_PASSWORD", "pw"),
            ("OS_PROJECT_NAME", "a"),
            ("OS_TENANT_NAME", "b"),
        ]);
        assert_mentions(&m, &["OS_PROJECT_NAME and OS_TENANT_NAME disagree"]);
    }

    #[test]
    fn conflicting_scopes() {
        let base = [URL, ("OS_USER_ID", "u"), ("OS_PASSWORD", "pw")];
        let with = |extra: &[(&'static str, &'static str)]| {
            let mut v = base.to_vec();
            v.extend_from_slice(extra);
            auth_err(&v)
        };
        let m = with(&[("OS_PROJECT_NAME", "p"), ("OS_SYSTEM_SCOPE", "all")]);
        assert_mentions(
            &m,
            &["both OS_PROJECT_NAME and OS_SYSTEM_SCOPE scope given"],
        );
        let m = with(&[("OS_DOMAIN_ID", "d"), ("OS_SYSTEM_SCOPE", "all")]);
        assert_mentions(&m, &["both OS_DOMAIN_ID and OS_SYSTEM_SCOPE scope given"]);
        // Project by id, user by id: OS_DOMAIN_ID cannot be a default domain, so it is a
        // second scope.
        let m = with(&[("OS_PROJECT_ID", "p"), ("OS_DOMAIN_ID", "d")]);
        assert_mentions(&m, &["both OS_PROJECT_ID and OS_DOMAIN_ID scope given"]);
        let m = auth_err(&[
            URL,
            ("OS_USERNAME", "demo"),
            ("OS_USER_DOMAIN_ID", "default"),
            ("OS_PASSWORD", "pw"),
            ("OS_PROJECT_NAME", "demo"),
            ("OS_PROJECT_DOMAIN_ID", "default"),
            ("OS_DOMAIN_NAME", "other"),
        ]);
        assert_mentions(&m, &["both OS_PROJECT_NAME and OS_DOMAIN_NAME scope given"]);
        let m = with(&[("OS_SYSTEM_SCOPE", "everything")]);
        assert_mentions(&m, &["OS_SYSTEM_SCOPE", "\"everything\"", "all"]);
    }

    #[test]
    fn unsupported_auth_types() {
        let m = auth_err(&[URL, ("OS_AUTH_TYPE", "v1password"), ("OS_PASSWORD", "pw")]);
        assert_mentions(
            &m,
            &["OS_AUTH_TYPE", "v1password", "not supported", "v3password"],
        );
    }

    #[test]
    fn identity_version_conflicts() {
        let m = auth_err(&[
            ROOT,
            ("OS_AUTH_TYPE", "v2password"),
            ("OS_IDENTITY_API_VERSION", "3"),
            ("OS_USERNAME", "a"),
            ("OS_PASSWORD", "pw"),
        ]);
        assert_mentions(&m, &["OS_AUTH_TYPE", "OS_IDENTITY_API_VERSION", "disagree"]);
        let m = auth_err(&[ROOT, ("OS_IDENTITY_API_VERSION", "4"), ("OS_TOKEN", "t")]);
        assert_mentions(&m, &["OS_IDENTITY_API_VERSION", "\"4\""]);
        let m = auth_err(&[URL, ("OS_IDENTITY_API_VERSION", "2"), ("OS_TOKEN", "t")]);
        assert_mentions(
            &m,
            &[
                "OS_AUTH_URL",
                "Keystone v3 URL",
                "OS_IDENTITY_API_VERSION is 2",
            ],
        );
        let m = auth_err(&[
            ROOT,
            ("OS_IDENTITY_API_VERSION", "2"),
            ("OS_APPLICATION_CREDENTIAL_ID", "a"),
            ("OS_APPLICATION_CREDENTIAL_SECRET", "s"),
        ]);
        assert_mentions(
            &m,
            &["application credentials", "OS_IDENTITY_API_VERSION is 2"],
        );
    }

    #[test]
    fn v3_needs_domains_for_names() {
        let m = auth_err(&[
            URL,
            ("OS_USERNAME", "demo"),
            ("OS_PASSWORD", "pw"),
            ("OS_PROJECT_ID", "p"),
        ]);
        assert_mentions(
            &m,
            &["OS_USER_DOMAIN_ID or OS_USER_DOMAIN_NAME is required with OS_USERNAME"],
        );
        let m = auth_err(&[
            ROOT,
            ("OS_IDENTITY_API_VERSION", "3"),
            ("OS_USER_ID", "u"),
            ("OS_PASSWORD", "pw"),
            ("OS_PROJECT_NAME", "demo"),
        ]);
        assert_mentions(
            &m,
            &["OS_PROJECT_DOMAIN_ID or OS_PROJECT_DOMAIN_NAME is required with OS_PROJECT_NAME"],
        );
        // Unknown version: left to discovery (Keystone v2.0 needs no domains).
        let o = auth(&[
            ROOT,
            ("OS_USERNAME", "demo"),
            ("OS_PASSWORD", "pw"),
            ("OS_PROJECT_NAME", "demo"),
        ]);
        assert_eq!(o.scope, Scope::Project(ProjectRef::name_only("demo")));
    }

    #[test]
    fn v2_cannot_do_v3_things() {
        let v2 = ("OS_AUTH_URL", "http://keystone:5000/v2.0/");
        let m = auth_err(&[
            v2,
            ("OS_USERNAME", "a"),
            ("OS_PASSWORD", "pw"),
            ("OS_DOMAIN_ID", "d"),
        ]);
        assert_mentions(
            &m,
            &[
                "OS_DOMAIN_ID (domain scope) needs Keystone v3",
                "OS_AUTH_URL ends in /v2.0",
            ],
        );
        let m = auth_err(&[
            v2,
            ("OS_USERNAME", "a"),
            ("OS_PASSWORD", "pw"),
            ("OS_SYSTEM_SCOPE", "all"),
        ]);
        assert_mentions(&m, &["OS_SYSTEM_SCOPE (system scope) needs Keystone v3"]);
        let m = auth_err(&[v2, ("OS_USER_ID", "u"), ("OS_PASSWORD", "pw")]);
        assert_mentions(&m, &["needs OS_USERNAME", "OS_USER_ID"]);
    }

    // --- CloudConfig from the environment ----------------------------------------------------

    #[test]
    fn cloud_config_from_env() {
        let c = CloudConfig::from_env_vars(vars(&[
            URL,
            ("OS_USER_ID", "u"),
            ("OS_PASSWORD", "pw"),
            ("OS_REGION_NAME", "RegionTwo"),
            ("OS_ENDPOINT_TYPE", "internalURL"),
            ("OS_CACERT", "/etc/ssl/ca.pem"),
            ("OS_CERT", "/etc/ssl/client.pem"),
            ("OS_KEY", "/etc/ssl/client.key"),
            ("OS_INSECURE", "Yes"),
        ]))
        .expect("config");
        assert_eq!(c.region.as_deref(), Some("RegionTwo"));
        assert_eq!(c.interface, Some(Interface::Internal));
        assert_eq!(c.cacert, Some(PathBuf::from("/etc/ssl/ca.pem")));
        assert_eq!(c.cert, Some(PathBuf::from("/etc/ssl/client.pem")));
        assert_eq!(c.key, Some(PathBuf::from("/etc/ssl/client.key")));
        assert!(c.insecure);
        assert_eq!(c.name, None);
        assert!(c.endpoint_overrides.is_empty());

        let c = CloudConfig::from_env_vars(vars(&[
            URL,
            ("OS_USER_ID", "u"),
            ("OS_PASSWORD", "pw"),
            ("OS_INTERFACE", "admin"),
            ("OS_ENDPOINT_TYPE", "adminURL"),
            ("OS_INSECURE", "0"),
        ]))
        .expect("config");
        assert_eq!(c.interface, Some(Interface::Admin));
        assert!(!c.insecure);
        assert_eq!(c.region, None);
    }

    #[test]
    fn cloud_config_env_errors() {
        let base = [URL, ("OS_USER_ID", "u"), ("OS_PASSWORD", "pw")];
        let with = |extra: &[(&'static str, &'static str)]| {
            let mut v = base.to_vec();
            v.extend_from_slice(extra);
            cloud_err(&v)
        };
        let m = with(&[("OS_INSECURE", "maybe")]);
        assert_mentions(&m, &["OS_INSECURE", "\"maybe\""]);
        let m = with(&[("OS_INTERFACE", "public"), ("OS_ENDPOINT_TYPE", "internal")]);
        assert_mentions(&m, &["OS_INTERFACE and OS_ENDPOINT_TYPE disagree"]);
        let m = with(&[("OS_INTERFACE", "private")]);
        assert_mentions(&m, &["OS_INTERFACE", "\"private\"", "not an interface"]);
        let m = with(&[("OS_KEY", "/k.pem")]);
        assert_mentions(&m, &["OS_KEY is set without OS_CERT"]);
        // Auth errors come through too.
        let m = cloud_err(&[URL, ("OS_USER_ID", "u")]);
        assert_mentions(&m, &["OS_PASSWORD is required"]);
    }

    // --- clouds.yaml -------------------------------------------------------------------------

    /// The shape of /work/shared/realcloud/clouds.yaml (rendered), with other clouds.
    const CLOUDS: &str = r#"
# comment
clouds:
  realcloud-admin:
    auth:
      auth_url: http://127.0.0.1:5000/v3
      username: admin
      password: secret
      project_name: admin
      user_domain_id: default
      project_domain_id: default
    region_name: RegionOne
    identity_api_version: 3
    interface: public
  realcloud-demo:
    auth:
      auth_url: http://127.0.0.1:5000/v3
      username: demo
      project_name: demo
      user_domain_id: default
      project_domain_id: default
    region_name: RegionOne
    identity_api_version: 3
    interface: public
    compute_endpoint_override: http://127.0.0.1:8774/v2.1
    block-storage-endpoint-override: http://127.0.0.1:8776/v3
    object_store_endpoint_override: http://127.0.0.1:8080/v1/AUTH_demo
    some_unknown_key: [1, 2, 3]
  realcloud-tempauth:
    auth_type: v1password
    auth:
      auth_url: http://127.0.0.1:8080/auth/v1.0
      username: test:tester
      password: testing
  appcred:
    auth_type: v3applicationcredential
    auth:
      auth_url: https://keystone.example.com/identity/v3
      application_credential_id: 0123456789abcdef
    regions:
      - RegionSolo
  multi:
    auth:
      auth_url: https://keystone.example.com/v3
      user_id: 42
      password: 123456
      project_id: 98765
    regions:
      - name: East
        values:
          interface: internal
          compute_endpoint_override: https://east.example.com/compute
      - West
  multi-west:
    auth:
      auth_url: https://keystone.example.com/v3
      user_id: u
      password: pw
    region_name: West
    regions: [East, {name: West}]
  insecure:
    auth:
      auth_url: https://keystone.example.com/v3
      token: tok
      system_scope: all
    verify: false
    cacert: ./ca.pem
    cert: client.pem
    endpoint_type: internalURL
  top-level:
    auth:
      auth_url: https://keystone.example.com/v3
      username: demo
      password: pw
    project-name: demo
    domain_name: Default
"#;

    const SECURE: &str = r#"
clouds:
  realcloud-admin:
    auth:
      password: from-secure
  realcloud-demo:
    auth:
      password: demo-secret
  appcred:
    auth:
      application_credential_secret: acsecret
  other-cloud:
    auth:
      password: unrelated
"#;

    fn yaml(cloud: &str) -> CloudConfig {
        CloudConfig::from_yaml_str(CLOUDS, Some(SECURE), cloud).expect("cloud")
    }

    #[test]
    fn realcloud_shape() {
        let c = yaml("realcloud-admin");
        assert_eq!(c.name.as_deref(), Some("realcloud-admin"));
        assert_eq!(c.auth.auth_url, "http://127.0.0.1:5000/v3");
        let (user, pw) = password(&c.auth);
        assert_eq!(user, &UserRef::name("admin", DomainRef::id("default")));
        // secure.yaml wins.
        assert_eq!(pw, "from-secure");
        assert_eq!(
            c.auth.scope,
            Scope::Project(ProjectRef::name("admin", DomainRef::id("default")))
        );
        assert_eq!(c.auth.identity_version, Some(IdentityVersion::V3));
        assert_eq!(c.region.as_deref(), Some("RegionOne"));
        assert_eq!(c.interface, Some(Interface::Public));
        assert!(!c.insecure);
        assert!(c.endpoint_overrides.is_empty());
    }

    #[test]
    fn secure_yaml_supplies_the_password() {
        let c = yaml("realcloud-demo");
        assert_eq!(password(&c.auth).1, "demo-secret");
        // Without secure.yaml the password is missing, named as a clouds.yaml key.
        let m = yaml_err(CLOUDS, None, "realcloud-demo");
        assert_mentions(
            &m,
            &[
                "cloud \"realcloud-demo\" in clouds.yaml",
                "auth.password is required for password auth",
            ],
        );
    }

    #[test]
    fn endpoint_overrides_from_yaml() {
        let c = yaml("realcloud-demo");
        let want: BTreeMap<String, String> = [
            ("compute", "http://127.0.0.1:8774/v2.1"),
            ("block-storage", "http://127.0.0.1:8776/v3"),
            ("object-store", "http://127.0.0.1:8080/v1/AUTH_demo"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        assert_eq!(c.endpoint_overrides, want);

        let bad = "clouds: {c: {auth: {auth_url: 'http://k/v3', token: t}, \
                   compute_endpoint_override: 'not a url'}}";
        let m = yaml_err(bad, None, "c");
        assert_mentions(&m, &["compute_endpoint_override", "not a valid URL"]);
    }

    #[test]
    fn unsupported_auth_type_in_yaml() {
        let m = yaml_err(CLOUDS, Some(SECURE), "realcloud-tempauth");
        assert_mentions(
            &m,
            &[
                "realcloud-tempauth",
                "auth_type \"v1password\" is not supported",
            ],
        );
        assert!(!m.contains("testing"), "{m}");
    }

    #[test]
    fn application_credential_and_single_region() {
        let c = yaml("appcred");
        match &c.auth.credentials {
            Credentials::ApplicationCredential { id, secret, .. } => {
                assert_eq!(id.as_deref(), Some("0123456789abcdef"));
                assert_eq!(secret.expose_secret(), "acsecret");
            }
            other => panic!("expected an application credential, got {other:?}"),
        }
        assert_eq!(c.region.as_deref(), Some("RegionSolo"));
    }

    #[test]
    fn regions_list() {
        // First region by default, with its values applied; numbers read as strings.
        let c = yaml("multi");
        assert_eq!(c.region.as_deref(), Some("East"));
        assert_eq!(c.interface, Some(Interface::Internal));
        assert_eq!(
            c.endpoint_overrides.get("compute").map(String::as_str),
            Some("https://east.example.com/compute")
        );
        let (user, pw) = password(&c.auth);
        assert_eq!(user, &UserRef::id("42"));
        assert_eq!(pw, "123456");
        assert_eq!(c.auth.scope, Scope::Project(ProjectRef::id("98765")));

        let c = yaml("multi-west");
        assert_eq!(c.region.as_deref(), Some("West"));

        let bad = "clouds: {c: {auth: {auth_url: 'http://k/v3', token: t}, \
                   region_name: North, regions: [East, West]}}";
        let m = yaml_err(bad, None, "c");
        assert_mentions(&m, &["region_name \"North\"", "East, West"]);
    }

    #[test]
    fn verify_false_and_tls_files() {
        let c = yaml("insecure");
        assert!(c.insecure);
        assert_eq!(c.cacert, Some(PathBuf::from("./ca.pem")));
        assert_eq!(c.cert, Some(PathBuf::from("client.pem")));
        assert_eq!(c.key, None);
        assert_eq!(c.interface, Some(Interface::Internal));
        assert_eq!(c.auth.scope, Scope::System);
        assert!(matches!(c.auth.credentials, Credentials::Token { .. }));

        let base = "clouds: {c: {auth: {auth_url: 'http://k/v3', token: t}, ";
        let c = CloudConfig::from_yaml_str(&format!("{base}insecure: 'yes'}}}}"), None, "c")
            .expect("cloud");
        assert!(c.insecure);
        let c = CloudConfig::from_yaml_str(&format!("{base}verify: true}}}}"), None, "c")
            .expect("cloud");
        assert!(!c.insecure);
        let m = yaml_err(
            &format!("{base}verify: true, insecure: true}}}}"),
            None,
            "c",
        );
        assert_mentions(&m, &["insecure true and verify true disagree"]);
        let m = yaml_err(&format!("{base}verify: sometimes}}}}"), None, "c");
        assert_mentions(&m, &["verify", "expected true or false"]);
        let m = yaml_err(&format!("{base}key: k.pem}}}}"), None, "c");
        assert_mentions(&m, &["key is set without cert"]);
    }

    #[test]
    fn top_level_auth_keys() {
        // openstacksdk accepts project and domain keys next to `auth`; `-` reads as `_`.
        let c = yaml("top-level");
        assert_eq!(
            c.auth.scope,
            Scope::Project(ProjectRef::name("demo", DomainRef::name("Default")))
        );
        assert_eq!(
            password(&c.auth).0,
            &UserRef::name("demo", DomainRef::name("Default"))
        );
    }

    #[test]
    fn missing_cloud_lists_the_available_ones() {
        let m = yaml_err(CLOUDS, Some(SECURE), "nope");
        assert_mentions(
            &m,
            &[
                "cloud \"nope\" not found",
                "clouds.yaml",
                "realcloud-admin, realcloud-demo, realcloud-tempauth, appcred",
            ],
        );
        let m = yaml_err("clouds: {}", None, "x");
        assert_mentions(&m, &["defines no clouds"]);
        let m = yaml_err("# nothing\n", None, "x");
        assert_mentions(&m, &["defines no clouds"]);
    }

    #[test]
    fn yaml_syntax_errors_name_the_file_and_line() {
        let bad = "clouds:\n  a:\n    auth: {auth_url: x\n    region_name: [\n";
        let m = yaml_err(bad, None, "a");
        assert_mentions(&m, &["cannot parse clouds.yaml", "line "]);
        let m = yaml_err(CLOUDS, Some("clouds:\n  x: : :\n"), "realcloud-admin");
        assert_mentions(&m, &["cannot parse secure.yaml", "line 2"]);
    }

    #[test]
    fn bad_values_are_named_by_path() {
        let m = yaml_err("clouds: {c: {auth: {auth_url: [a, b]}}}", None, "c");
        assert_mentions(&m, &["auth.auth_url", "expected a string"]);
        let m = yaml_err(&format!("clouds: {{c: {{auth: '{CANARY}'}}}}"), None, "c");
        assert_mentions(&m, &["`auth` must be a mapping"]);
        assert!(!m.contains(CANARY), "{m}");
        let m = yaml_err("clouds: [a, b]", None, "a");
        assert_mentions(&m, &["clouds.yaml", "`clouds` must be a mapping"]);
    }

    #[test]
    fn profiles_are_not_supported() {
        let m = yaml_err(
            "clouds: {vexx: {profile: vexxhost, auth: {password: p}}}",
            None,
            "vexx",
        );
        assert_mentions(&m, &["vexx", "profile \"vexxhost\"", "not supported"]);
    }

    // --- files -------------------------------------------------------------------------------

    static COUNTER: AtomicUsize = AtomicUsize::new(0);

    struct TempDir(PathBuf);

    impl TempDir {
        fn new() -> Self {
            let p = std::env::temp_dir().join(format!(
                "ferrocloud-config-test-{}-{}",
                std::process::id(),
                COUNTER.fetch_add(1, Ordering::Relaxed)
            ));
            std::fs::create_dir_all(&p).expect("temp dir");
            TempDir(p)
        }

        fn write(&self, rel: &str, text: &str) -> PathBuf {
            let p = self.0.join(rel);
            if let Some(parent) = p.parent() {
                std::fs::create_dir_all(parent).expect("dir");
            }
            std::fs::write(&p, text).expect("write");
            p
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn explicit_files() {
        let d = TempDir::new();
        let clouds = d.write("c.yaml", CLOUDS);
        let secure = d.write("s.yaml", SECURE);
        let c = CloudConfig::from_clouds_yaml_files(&clouds, Some(&secure), "realcloud-admin")
            .expect("cloud");
        assert_eq!(password(&c.auth).1, "from-secure");
        assert_eq!(c.config_file.as_deref(), Some(clouds.as_path()));

        let m = CloudConfig::from_clouds_yaml_files(&clouds, None, "nope")
            .expect_err("missing cloud")
            .to_string();
        assert_mentions(&m, &[&clouds.display().to_string(), "realcloud-admin"]);

        let bad = d.write("bad.yaml", "clouds:\n  a: [\n");
        let m = CloudConfig::from_clouds_yaml_files(&bad, None, "a")
            .expect_err("syntax")
            .to_string();
        assert_mentions(&m, &[&bad.display().to_string(), "line "]);

        let m = CloudConfig::from_clouds_yaml_files(d.0.join("absent.yaml"), None, "a")
            .expect_err("absent")
            .to_string();
        assert_mentions(&m, &["cannot read", "absent.yaml"]);
    }

    #[test]
    fn search_order_and_os_cloud() {
        let d = TempDir::new();
        let first = d.0.join("cwd");
        let xdg = d.0.join("xdg");
        let etc = d.0.join("etc");
        d.write("xdg/openstack/clouds.yaml", CLOUDS);
        d.write("etc/clouds.yml", "clouds: {etc-only: {}}");
        d.write("etc/secure.yaml", SECURE);
        let dirs = [first.clone(), xdg.join("openstack"), etc.clone()];
        let lookup = vars(&[("OS_CLOUD", "realcloud-admin")]);
        let c = from_clouds_yaml_in(None, &lookup, &dirs).expect("cloud");
        assert_eq!(c.name.as_deref(), Some("realcloud-admin"));
        assert_eq!(
            c.config_file,
            Some(xdg.join("openstack").join("clouds.yaml"))
        );
        // secure.yaml from another directory still applies.
        assert_eq!(password(&c.auth).1, "from-secure");

        // An explicit name wins over OS_CLOUD.
        let c = from_clouds_yaml_in(Some("appcred"), &lookup, &dirs).expect("cloud");
        assert_eq!(c.name.as_deref(), Some("appcred"));

        // The first directory with a file wins (clouds.yml counts).
        d.write(
            "cwd/clouds.yml",
            "clouds: {cwd-cloud: {auth: {auth_url: 'http://k/v3', token: t}}}",
        );
        let c = from_clouds_yaml_in(Some("cwd-cloud"), &lookup, &dirs).expect("cloud");
        assert_eq!(c.config_file, Some(first.join("clouds.yml")));

        // No name at all: the error names OS_CLOUD and lists the clouds.
        let m = from_clouds_yaml_in(None, &vars(&[]), &dirs)
            .expect_err("no name")
            .to_string();
        assert_mentions(&m, &["OS_CLOUD", "cwd-cloud"]);

        // OS_CLIENT_CONFIG_FILE and OS_CLIENT_SECURE_FILE come first.
        let own = d.write("own/clouds.yaml", "clouds: {mine: {auth: {auth_url: 'http://k/v3', username: me, user_domain_id: default}}}");
        let own_secure = d.write("own/sec.yaml", "clouds: {mine: {auth: {password: pw}}}");
        let own_s = own.display().to_string();
        let own_secure_s = own_secure.display().to_string();
        let lookup = vars(&[
            ("OS_CLOUD", "mine"),
            ("OS_CLIENT_CONFIG_FILE", &own_s),
            ("OS_CLIENT_SECURE_FILE", &own_secure_s),
        ]);
        let c = from_clouds_yaml_in(None, &lookup, &dirs).expect("cloud");
        assert_eq!(c.config_file.as_deref(), Some(own.as_path()));
        assert_eq!(password(&c.auth).1, "pw");

        // A named file that does not exist is an error, not a fallback.
        let lookup = vars(&[
            ("OS_CLOUD", "mine"),
            ("OS_CLIENT_CONFIG_FILE", "/nonexistent/c.yaml"),
        ]);
        let m = from_clouds_yaml_in(None, &lookup, &dirs)
            .expect_err("missing file")
            .to_string();
        assert_mentions(&m, &["OS_CLIENT_CONFIG_FILE", "/nonexistent/c.yaml"]);

        // Nothing anywhere.
        let empty = [d.0.join("none")];
        let m = from_clouds_yaml_in(Some("x"), &vars(&[]), &empty)
            .expect_err("no file")
            .to_string();
        assert_mentions(&m, &["no clouds.yaml found", "OS_CLIENT_CONFIG_FILE"]);
    }

    #[test]
    fn search_dirs_follow_xdg() {
        let dirs = search_dirs(&vars(&[("XDG_CONFIG_HOME", "/x"), ("HOME", "/h")]));
        assert_eq!(dirs[dirs.len() - 2], PathBuf::from("/x/openstack"));
        assert_eq!(dirs[dirs.len() - 1], PathBuf::from("/etc/openstack"));
        let dirs = search_dirs(&vars(&[("HOME", "/h")]));
        assert_eq!(dirs[dirs.len() - 2], PathBuf::from("/h/.config/openstack"));
    }

    #[test]
    fn load_picks_clouds_yaml_with_os_cloud() {
        let d = TempDir::new();
        let clouds = d.write("clouds.yaml", CLOUDS);
        let secure = d.write("secure.yaml", SECURE);
        let (cs, ss) = (clouds.display().to_string(), secure.display().to_string());
        // OS_CLOUD set: the other OS_* variables are ignored.
        let c = CloudConfig::load_vars(vars(&[
            ("OS_CLOUD", "realcloud-admin"),
            ("OS_CLIENT_CONFIG_FILE", &cs),
            ("OS_CLIENT_SECURE_FILE", &ss),
            ("OS_AUTH_URL", "http://ignored/v3"),
            ("OS_REGION_NAME", "Ignored"),
        ]))
        .expect("cloud");
        assert_eq!(c.auth.auth_url, "http://127.0.0.1:5000/v3");
        assert_eq!(c.region.as_deref(), Some("RegionOne"));
        // OS_CLOUD unset (or empty): the OS_* variables.
        let c = CloudConfig::load_vars(vars(&[
            ("OS_CLOUD", ""),
            ("OS_CLIENT_CONFIG_FILE", &cs),
            URL,
            ("OS_TOKEN", "t"),
            ("OS_REGION_NAME", "RegionTwo"),
        ]))
        .expect("env");
        assert_eq!(c.region.as_deref(), Some("RegionTwo"));
        assert_eq!(c.name, None);
    }

    // --- secrets ---------------------------------------------------------------------------

    #[test]
    fn debug_never_shows_secrets() {
        for (kind, extra) in [
            ("OS_PASSWORD", vec![("OS_USER_ID", "u")]),
            ("OS_TOKEN", vec![]),
            (
                "OS_APPLICATION_CREDENTIAL_SECRET",
                vec![("OS_APPLICATION_CREDENTIAL_ID", "ac")],
            ),
        ] {
            let mut v = vec![URL, (kind, CANARY), ("OS_REGION_NAME", "R")];
            v.extend(extra);
            let c = CloudConfig::from_env_vars(vars(&v)).expect("config");
            let dbg = format!("{c:?} {:?} {:#?}", c.auth, c);
            assert!(!dbg.contains(CANARY), "{kind}: {dbg}");
            assert!(dbg.contains("REDACTED"), "{dbg}");
        }
        let secure = format!(
            "clouds: {{a: {{auth: {{password: {CANARY}, token: {CANARY}, \
             application_credential_secret: {CANARY}}}}}}}"
        );
        let clouds =
            "clouds: {a: {auth: {auth_url: 'http://k/v3', user_id: u}, auth_type: password}}";
        let c = CloudConfig::from_yaml_str(clouds, Some(&secure), "a").expect("cloud");
        assert_eq!(password(&c.auth).1, CANARY);
        assert!(!format!("{c:?}").contains(CANARY));
        // Errors do not quote secrets either.
        let m = cloud_err(&[
            URL,
            ("OS_PASSWORD", CANARY),
            ("OS_TOKEN", CANARY),
            ("OS_USER_ID", "u"),
        ]);
        assert!(!m.contains(CANARY), "{m}");
        let m = yaml_err(
            "clouds: {a: {auth: {auth_url: 'http://k/v3', user_id: u, password: [x]}}}",
            None,
            "a",
        );
        assert_mentions(&m, &["auth.password", "expected a string"]);
    }

    // --- applying to a builder ---------------------------------------------------------------

    #[tokio::test]
    async fn apply_configures_the_builder() {
        let c = yaml("realcloud-demo");
        let provider = c
            .apply(ProviderClient::builder())
            .build_lazy()
            .expect("client");
        assert_eq!(provider.region(), Some("RegionOne"));
        // Overrides bypass the catalog (so no authentication is needed), aliases included.
        let url = provider
            .endpoint(&crate::EndpointOpts::new("volumev3"))
            .expect("override");
        assert_eq!(url.as_str(), "http://127.0.0.1:8776/v3/");
        let url = provider
            .endpoint(&crate::EndpointOpts::new("compute"))
            .expect("override");
        assert_eq!(url.as_str(), "http://127.0.0.1:8774/v2.1/");

        // TLS files are read by the builder; a missing one is reported there.
        let mut c = yaml("realcloud-admin");
        c.cacert = Some(PathBuf::from("/nonexistent/ferrocloud-ca.pem"));
        let e = c
            .apply(ProviderClient::builder())
            .build_lazy()
            .expect_err("missing CA file");
        assert_eq!(e.kind(), ErrorKind::Config);
        assert!(e.to_string().contains("ferrocloud-ca.pem"), "{e}");

        // Insecure skips the CA bundle.
        let mut c = yaml("realcloud-admin");
        c.cacert = Some(PathBuf::from("/nonexistent/ferrocloud-ca.pem"));
        c.insecure = true;
        c.apply(ProviderClient::builder())
            .build_lazy()
            .expect("insecure client");
    }
}
