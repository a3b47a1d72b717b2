//! Keystone password/token/application-credential auth with identity version discovery.

use serde::Deserialize;
use tokio::sync::OnceCell;
use url::Url;

use super::{v2, v3, AuthContext, AuthMethod, AuthOptions, BoxFuture, Credentials, Token};
use crate::error::{Error, Result};
use crate::request::Request;

/// An identity API version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdentityVersion {
    /// Keystone v2.0.
    V2,
    /// Keystone v3.
    V3,
}

/// The built-in Keystone [`AuthMethod`]: discovers the identity version at the first
/// authentication (or uses the versioned URL it was given), then requests tokens with the
/// [`AuthOptions`].
#[derive(Debug)]
pub struct KeystoneAuth {
    options: AuthOptions,
    resolved: OnceCell<(IdentityVersion, Url)>,
}

impl KeystoneAuth {
    /// Keystone auth with these options.
    pub fn new(options: AuthOptions) -> Self {
        KeystoneAuth {
            options,
            resolved: OnceCell::new(),
        }
    }

    /// The options.
    pub fn options(&self) -> &AuthOptions {
        &self.options
    }

    /// The identity version and versioned endpoint, once discovered.
    pub fn resolved(&self) -> Option<(IdentityVersion, &Url)> {
        self.resolved.get().map(|(v, u)| (*v, u))
    }

    async fn resolve(&self, cx: AuthContext<'_>) -> Result<(IdentityVersion, Url)> {
        let (v, u) = self
            .resolved
            .get_or_try_init(|| discover(cx, &self.options))
            .await?;
        Ok((*v, u.clone()))
    }
}

impl AuthMethod for KeystoneAuth {
    fn authenticate<'a>(&'a self, cx: AuthContext<'a>) -> BoxFuture<'a, Result<Token>> {
        Box::pin(async move {
            let (version, endpoint) = self.resolve(cx).await?;
            let opts = &self.options;
            match version {
                IdentityVersion::V3 => {
                    let req = v3::token_request(&endpoint, &opts.credentials, &opts.scope)?;
                    v3::parse_token_response(cx.send(req).await?).await
                }
                IdentityVersion::V2 => {
                    let req = v2::token_request(&endpoint, &opts.credentials, &opts.scope)?;
                    v2::parse_token_response(cx.send(req).await?).await
                }
            }
        })
    }

    fn can_reauthenticate(&self) -> bool {
        self.options.allow_reauth && !matches!(self.options.credentials, Credentials::Token { .. })
    }
}

/// Which version a versioned URL names, from its last path segment.
fn version_of_path(url: &Url) -> Option<IdentityVersion> {
    let last = url.path_segments()?.rev().find(|s| !s.is_empty())?;
    match last {
        "v3" => Some(IdentityVersion::V3),
        "v2.0" => Some(IdentityVersion::V2),
        _ => None,
    }
}

#[derive(Deserialize)]
struct VersionEntry {
    id: String,
    #[serde(default)]
    status: String,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum VersionList {
    Values { values: Vec<VersionEntry> },
    List(Vec<VersionEntry>),
}

#[derive(Deserialize)]
struct Discovery {
    #[serde(default)]
    versions: Option<VersionList>,
    #[serde(default)]
    version: Option<VersionEntry>,
}

async fn discover(cx: AuthContext<'_>, opts: &AuthOptions) -> Result<(IdentityVersion, Url)> {
    let url = crate::catalog::normalize_endpoint(&opts.auth_url).map_err(|_| {
        Error::config(format!(
            "OS_AUTH_URL {:?} is not a valid URL",
            opts.auth_url
        ))
    })?;
    if let Some(v) = version_of_path(&url) {
        if opts.identity_version.is_some_and(|f| f != v) {
            return Err(Error::config(format!(
                "the identity URL {url} is for {v:?}, but {:?} was asked for",
                opts.identity_version
            )));
        }
        return Ok((v, url));
    }
    let join = |v: IdentityVersion| -> Result<(IdentityVersion, Url)> {
        let seg = match v {
            IdentityVersion::V3 => "v3/",
            IdentityVersion::V2 => "v2.0/",
        };
        let u = url
            .join(seg)
            .map_err(|e| Error::config(format!("bad identity URL {url}: {e}")))?;
        Ok((v, u))
    };
    if let Some(v) = opts.identity_version {
        return join(v);
    }
    // GET the root: Keystone answers 300 Multiple Choices with the versions it serves.
    let resp = cx
        .send(Request::get(url.to_string()).ok_status([200, 300]))
        .await?;
    let bytes = resp.bytes().await?;
    let doc: Discovery = crate::response::decode_json(&bytes, "the identity version document")?;
    let mut entries = match doc.versions {
        Some(VersionList::Values { values }) => values,
        Some(VersionList::List(l)) => l,
        None => Vec::new(),
    };
    entries.extend(doc.version);
    let usable = |prefix: &str| {
        entries
            .iter()
            .any(|e| e.id.starts_with(prefix) && !e.status.eq_ignore_ascii_case("deleted"))
    };
    // Gophercloud's priorities: v3 over v2.0.
    if usable("v3") {
        join(IdentityVersion::V3)
    } else if usable("v2.0") {
        join(IdentityVersion::V2)
    } else {
        let ids: Vec<&str> = entries.iter().map(|e| e.id.as_str()).collect();
        Err(Error::auth(format!(
            "the identity service at {url} offers no supported version (it lists {ids:?}; \
             Ferrocloud speaks v3 and v2.0)"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versioned_paths() {
        let u = |s: &str| Url::parse(s).expect("url");
        assert_eq!(
            version_of_path(&u("http://k:5000/v3")),
            Some(IdentityVersion::V3)
        );
        assert_eq!(
            version_of_path(&u("http://k:5000/identity/v3/")),
            Some(IdentityVersion::V3)
        );
        assert_eq!(
            version_of_path(&u("http://k:5000/v2.0/")),
            Some(IdentityVersion::V2)
        );
        assert_eq!(version_of_path(&u("http://k:5000/")), None);
        assert_eq!(version_of_path(&u("http://k:5000/identity")), None);
    }
}
