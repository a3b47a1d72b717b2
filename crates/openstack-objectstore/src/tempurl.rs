//! Temporary URLs: signed links that allow a method on an object (or on every object with a
//! prefix) until a time, without a token — exactly as Swift's `tempurl` middleware checks
//! them.
//!
//! The signature is `HMAC(key, "METHOD\nexpires\npath")` over the *unencoded* path from
//! `/v1` (`/v1/AUTH_x/container/object`); with a prefix the path is
//! `prefix:/v1/AUTH_x/container/prefix`; with an IP range the body starts with
//! `ip=<range>\n`. SHA-1 and SHA-256 signatures are hex; SHA-512 ones are `sha512:<base64>`.
//!
//! ```no_run
//! # async fn f(swift: openstack_core::ServiceClient) -> openstack_core::Result<()> {
//! use std::time::Duration;
//! use openstack_objectstore::tempurl::{self, TempUrlOpts};
//! use openstack_objectstore::SecretKey;
//!
//! let key = SecretKey::new("a long random secret");
//! tempurl::set_account_key(&swift, key.clone()).await?;
//! let url = tempurl::temp_url(&swift, "docs", "report.pdf", &key,
//!     TempUrlOpts::get(Duration::from_secs(3600)))?;
//! println!("share this: {url}");
//! # Ok(()) }
//! ```

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use base64::Engine;
use hmac::{Hmac, Mac};
use http::Method;
use openstack_core::{Error, Result, ServiceClient};
use url::Url;

use crate::util::{encode_object_name, SecretKey};

/// The HMAC digest of a signature. Clusters list the ones they accept in
/// `GET /info` (`tempurl.allowed_digests`); SHA-1 is deprecated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum TempUrlDigest {
    /// HMAC-SHA1 (hex). Deprecated by Swift.
    Sha1,
    /// HMAC-SHA256 (hex), the default.
    #[default]
    Sha256,
    /// HMAC-SHA512 (`sha512:<url-safe base64>`).
    Sha512,
}

#[derive(Debug, Clone, Copy)]
enum Expiry {
    At(u64),
    In(Duration),
}

/// What a temporary URL allows, and until when.
#[derive(Debug, Clone)]
#[must_use]
pub struct TempUrlOpts {
    method: Method,
    expiry: Expiry,
    digest: TempUrlDigest,
    prefix: Option<String>,
    ip_range: Option<String>,
    filename: Option<String>,
    inline: bool,
}

impl TempUrlOpts {
    /// Allow `method` (GET, HEAD, PUT, POST, DELETE) until `expires_at` (Unix seconds).
    pub fn new(method: Method, expires_at: u64) -> Self {
        TempUrlOpts {
            method,
            expiry: Expiry::At(expires_at),
            digest: TempUrlDigest::default(),
            prefix: None,
            ip_range: None,
            filename: None,
            inline: false,
        }
    }

    /// Allow GET (and HEAD) for `valid_for` from now.
    pub fn get(valid_for: Duration) -> Self {
        Self::new(Method::GET, 0).valid_for(valid_for)
    }

    /// Allow PUT (an upload) for `valid_for` from now.
    pub fn put(valid_for: Duration) -> Self {
        Self::new(Method::PUT, 0).valid_for(valid_for)
    }

    /// Valid until a Unix time.
    pub fn expires_at(mut self, unix_seconds: u64) -> Self {
        self.expiry = Expiry::At(unix_seconds);
        self
    }

    /// Valid for this long from the moment the URL is generated.
    pub fn valid_for(mut self, d: Duration) -> Self {
        self.expiry = Expiry::In(d);
        self
    }

    /// The HMAC digest (SHA-256 unless set).
    pub fn digest(mut self, digest: TempUrlDigest) -> Self {
        self.digest = digest;
        self
    }

    /// Sign every object whose name starts with `prefix` (in the same container) instead
    /// of one object; the object named in [`temp_url`] must start with it.
    pub fn prefix(mut self, prefix: impl Into<String>) -> Self {
        self.prefix = Some(prefix.into());
        self
    }

    /// Only allow clients in this IP address or network (`1.2.3.4`, `10.0.0.0/8`).
    pub fn ip_range(mut self, range: impl Into<String>) -> Self {
        self.ip_range = Some(range.into());
        self
    }

    /// Name the download (`filename=`, for `Content-Disposition`). Not signed.
    pub fn filename(mut self, name: impl Into<String>) -> Self {
        self.filename = Some(name.into());
        self
    }

    /// Ask browsers to show rather than save (`inline`). Not signed.
    pub fn inline(mut self) -> Self {
        self.inline = true;
        self
    }

    fn expires(&self) -> u64 {
        match self.expiry {
            Expiry::At(t) => t,
            Expiry::In(d) => SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|n| n + d)
                .unwrap_or(d)
                .as_secs(),
        }
    }
}

/// The signature Swift expects for `method`, `expires` and `path` (the unencoded path from
/// `/v1`, or `prefix:/v1/...`), with an optional IP range. Hex for SHA-1/256,
/// `sha512:<url-safe base64>` for SHA-512.
pub fn signature(
    key: &SecretKey,
    method: &str,
    expires: u64,
    path: &str,
    ip_range: Option<&str>,
    digest: TempUrlDigest,
) -> String {
    let mut body = String::new();
    if let Some(ip) = ip_range {
        body.push_str("ip=");
        body.push_str(ip);
        body.push('\n');
    }
    body.push_str(method);
    body.push('\n');
    body.push_str(&expires.to_string());
    body.push('\n');
    body.push_str(path);
    let key = key.expose().as_bytes();
    match digest {
        TempUrlDigest::Sha1 => hex::encode(mac::<Hmac<sha1::Sha1>>(key, body.as_bytes())),
        TempUrlDigest::Sha256 => hex::encode(mac::<Hmac<sha2::Sha256>>(key, body.as_bytes())),
        TempUrlDigest::Sha512 => format!(
            "sha512:{}",
            base64::engine::general_purpose::URL_SAFE
                .encode(mac::<Hmac<sha2::Sha512>>(key, body.as_bytes()))
        ),
    }
}

fn mac<M: Mac + hmac::digest::KeyInit>(key: &[u8], body: &[u8]) -> Vec<u8> {
    // HMAC takes keys of any length, so this cannot fail; an empty MAC would only make
    // Swift answer 401.
    match <M as hmac::digest::KeyInit>::new_from_slice(key) {
        Ok(mut m) => {
            m.update(body);
            m.finalize().into_bytes().to_vec()
        }
        Err(_) => Vec::new(),
    }
}

/// The signed path prefix: the endpoint's path from the `v1` segment on, unencoded
/// (`/v1/AUTH_x`).
fn account_path(endpoint: &Url) -> Result<String> {
    let segs: Vec<String> = endpoint
        .path_segments()
        .map(|s| {
            s.filter(|x| !x.is_empty())
                .map(|x| {
                    url::form_urlencoded::parse(format!("x={}", x.replace('+', "%2B")).as_bytes())
                        .next()
                        .map(|(_, v)| v.into_owned())
                        .unwrap_or_default()
                })
                .collect()
        })
        .unwrap_or_default();
    let start = segs
        .iter()
        .position(|s| s == "v1" || s == "v1.0")
        .ok_or_else(|| {
            Error::invalid_input(format!(
                "the object-store endpoint {endpoint} has no /v1/<account> path to sign"
            ))
        })?;
    if segs.len() < start + 2 {
        return Err(Error::invalid_input(format!(
            "the object-store endpoint {endpoint} names no account after /v1"
        )));
    }
    Ok(format!("/{}", segs[start..start + 2].join("/")))
}

/// Builds a temporary URL against an account endpoint (`http://host/v1/AUTH_x/`), without
/// I/O. `object` may be empty only with a prefix (then the URL names the container and is
/// valid for GET/HEAD listings of the prefix).
pub fn temp_url_for(
    endpoint: &Url,
    container: &str,
    object: &str,
    key: &SecretKey,
    opts: &TempUrlOpts,
) -> Result<Url> {
    if container.is_empty() {
        return Err(Error::invalid_input("the container name is empty"));
    }
    if object.is_empty() && opts.prefix.is_none() {
        return Err(Error::invalid_input("the object name is empty"));
    }
    let account = account_path(endpoint)?;
    let signed_path = match &opts.prefix {
        Some(p) => {
            if !object.starts_with(p.as_str()) {
                return Err(Error::invalid_input(format!(
                    "the object {object:?} does not start with the signed prefix {p:?}"
                )));
            }
            format!("prefix:{account}/{container}/{p}")
        }
        None => format!("{account}/{container}/{object}"),
    };
    let expires = opts.expires();
    let sig = signature(
        key,
        opts.method.as_str(),
        expires,
        &signed_path,
        opts.ip_range.as_deref(),
        opts.digest,
    );
    let mut rel = openstack_core::encode_path_segment(container);
    rel.push('/');
    rel.push_str(&encode_object_name(object));
    let mut url = openstack_core::Request::get(rel).url(endpoint)?;
    {
        let mut q = url.query_pairs_mut();
        q.append_pair("temp_url_sig", &sig);
        q.append_pair("temp_url_expires", &expires.to_string());
        if let Some(p) = &opts.prefix {
            q.append_pair("temp_url_prefix", p);
        }
        if let Some(ip) = &opts.ip_range {
            q.append_pair("temp_url_ip_range", ip);
        }
        if let Some(f) = &opts.filename {
            q.append_pair("filename", f);
        }
        if opts.inline {
            q.append_pair("inline", "");
        }
    }
    Ok(url)
}

/// Builds a temporary URL for an object on `client`'s account.
pub fn temp_url(
    client: &ServiceClient,
    container: &str,
    object: &str,
    key: &SecretKey,
    opts: TempUrlOpts,
) -> Result<Url> {
    temp_url_for(client.endpoint(), container, object, key, &opts)
}

/// Sets the account's temporary-URL key (`X-Account-Meta-Temp-URL-Key`).
pub async fn set_account_key(client: &ServiceClient, key: SecretKey) -> Result<()> {
    crate::accounts::update(client, crate::accounts::UpdateOpts::new().temp_url_key(key)).await
}

/// Sets a container's temporary-URL key (`X-Container-Meta-Temp-URL-Key`); URLs signed
/// with it are valid for that container only.
pub async fn set_container_key(
    client: &ServiceClient,
    container: &str,
    key: SecretKey,
) -> Result<()> {
    crate::containers::update(
        client,
        container,
        crate::containers::UpdateOpts::new().temp_url_key(key),
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_paths() {
        let u = |s: &str| Url::parse(s).expect("url");
        assert_eq!(
            account_path(&u("http://h:8080/v1/AUTH_x/")).expect("p"),
            "/v1/AUTH_x"
        );
        assert_eq!(
            account_path(&u("https://h/swift/v1/AUTH_a%20b")).expect("p"),
            "/v1/AUTH_a b"
        );
        assert!(account_path(&u("https://h/v1/")).is_err());
    }
}
