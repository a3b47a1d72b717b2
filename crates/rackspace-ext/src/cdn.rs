//! Cloud Files CDN (service type `rax:object-cdn`, catalog name `cloudFilesCDN`): publish a
//! Cloud Files container on Akamai's CDN and manage it.
//!
//! The CDN endpoint mirrors the storage account (`https://cdn1.clouddrive.com/v1/<account>`):
//! a `PUT` on a container name CDN-enables it, `HEAD` shows its CDN settings, `POST` changes
//! them, `DELETE` on an object purges it from the edge caches, and `GET` on the account lists
//! the containers that are or were CDN-enabled.
//!
//! ```no_run
//! # async fn f(provider: openstack_core::ProviderClient) -> openstack_core::Result<()> {
//! use rackspace_ext::cdn::{self, EnableOpts};
//! let cdn = rackspace_ext::cdn::client(&provider)?;
//! let info = cdn::enable(&cdn, "images", EnableOpts::new().ttl(3600)).await?;
//! println!("served at {:?}", info.uri);
//! # Ok(()) }
//! ```

use http::HeaderMap;
use openstack_core::{
    encode_path_segment, EndpointOpts, Error, Pager, ProviderClient, Request, Result, ServiceClient,
};
use serde::{Deserialize, Serialize};

use crate::service_names::CLOUD_FILES_CDN;

/// The service type of Cloud Files CDN in the Rackspace catalog.
pub const SERVICE_TYPE: &str = "rax:object-cdn";

/// The smallest TTL the CDN accepts (15 minutes), in seconds.
pub const MIN_TTL: u32 = 900;
/// The largest TTL the CDN accepts (1 year), in seconds.
pub const MAX_TTL: u32 = 31_536_000;
/// The TTL the CDN uses when none is given (72 hours), in seconds.
pub const DEFAULT_TTL: u32 = 259_200;

/// A client for Cloud Files CDN: the `rax:object-cdn` service (`cloudFilesCDN`) in the
/// provider's region. The catalog URL names the account; nothing is appended.
pub fn client(provider: &ProviderClient) -> Result<ServiceClient> {
    client_with(
        provider,
        EndpointOpts::new(SERVICE_TYPE).name(CLOUD_FILES_CDN),
    )
}

/// Like [`client`], with explicit endpoint options.
pub fn client_with(provider: &ProviderClient, opts: EndpointOpts) -> Result<ServiceClient> {
    provider.service_client(opts)
}

/// A container in the CDN listing (`GET <cdn account>?format=json`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CdnContainer {
    /// The container name.
    #[serde(default)]
    pub name: String,
    /// Whether it is CDN-enabled now (containers once enabled stay in the list).
    #[serde(default, deserialize_with = "openstack_core::serde_util::lenient_flag")]
    pub cdn_enabled: bool,
    /// The TTL of the edge caches, in seconds.
    #[serde(default, deserialize_with = "openstack_core::serde_util::lenient_u64")]
    pub ttl: Option<u64>,
    /// Whether CDN access logs are written to the `.CDN_ACCESS_LOGS` container.
    #[serde(default, deserialize_with = "openstack_core::serde_util::lenient_flag")]
    pub log_retention: bool,
    /// The HTTP URI.
    #[serde(
        default,
        deserialize_with = "openstack_core::serde_util::lenient_string"
    )]
    pub cdn_uri: Option<String>,
    /// The HTTPS URI.
    #[serde(
        default,
        deserialize_with = "openstack_core::serde_util::lenient_string"
    )]
    pub cdn_ssl_uri: Option<String>,
    /// The streaming URI (discontinued by Rackspace in 2022; may be absent).
    #[serde(
        default,
        deserialize_with = "openstack_core::serde_util::lenient_string"
    )]
    pub cdn_streaming_uri: Option<String>,
    /// The iOS streaming URI (discontinued by Rackspace in 2022; may be absent).
    #[serde(
        default,
        deserialize_with = "openstack_core::serde_util::lenient_string"
    )]
    pub cdn_ios_uri: Option<String>,
}

/// Options for listing CDN containers.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[must_use]
#[non_exhaustive]
pub struct ListOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    limit: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    marker: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_marker: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    enabled_only: Option<bool>,
}

impl ListOpts {
    /// Every container, in pages of the server's size.
    pub fn new() -> Self {
        Self::default()
    }

    /// At most `n` containers per page.
    pub fn limit(mut self, n: u32) -> Self {
        self.limit = Some(n);
        self
    }

    /// Starts after this container name.
    pub fn marker(mut self, marker: impl Into<String>) -> Self {
        self.marker = Some(marker.into());
        self
    }

    /// Stops before this container name.
    pub fn end_marker(mut self, end_marker: impl Into<String>) -> Self {
        self.end_marker = Some(end_marker.into());
        self
    }

    /// Only the containers that are CDN-enabled now (`enabled_only=true`).
    pub fn enabled_only(mut self, only: bool) -> Self {
        self.enabled_only = Some(only);
        self
    }
}

/// The request for the JSON listing of CDN containers (`GET ?format=json`; 204 when empty).
pub fn list_request(opts: &ListOpts) -> Result<Request> {
    Ok(Request::get("")
        .query(opts)?
        .query_pair("format", "json")
        .ok_status([200, 204]))
}

/// Lists the containers that are or were CDN-enabled, following markers across pages (an
/// empty account answers 204 with no body: no items).
pub fn list(client: &ServiceClient, opts: ListOpts) -> Pager<CdnContainer> {
    Pager::marker(
        client.clone(),
        list_request(&opts),
        None,
        |c: &CdnContainer| c.name.clone(),
    )
}

/// The CDN settings of a container, read from response headers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct CdnHeaders {
    /// `X-Cdn-Enabled` (`None` when the response does not say, as after an enable).
    pub enabled: Option<bool>,
    /// `X-Ttl`, in seconds.
    pub ttl: Option<u64>,
    /// `X-Log-Retention`.
    pub log_retention: Option<bool>,
    /// `X-Cdn-Uri`: the HTTP URI.
    pub uri: Option<String>,
    /// `X-Cdn-Ssl-Uri`: the HTTPS URI.
    pub ssl_uri: Option<String>,
    /// `X-Cdn-Streaming-Uri`.
    pub streaming_uri: Option<String>,
    /// `X-Cdn-Ios-Uri`.
    pub ios_uri: Option<String>,
    /// `X-Trans-Id`: the request id.
    pub trans_id: Option<String>,
}

fn header<'a>(h: &'a HeaderMap, name: &str) -> Option<&'a str> {
    h.get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|v| !v.is_empty())
}

fn header_bool(h: &HeaderMap, name: &str) -> Option<bool> {
    match header(h, name)?.to_ascii_lowercase().as_str() {
        "true" | "t" | "yes" | "on" | "1" => Some(true),
        "false" | "f" | "no" | "off" | "0" => Some(false),
        _ => None,
    }
}

impl CdnHeaders {
    /// Reads the CDN headers. Tolerant: a missing or unreadable header is `None`.
    pub fn from_headers(h: &HeaderMap) -> Self {
        CdnHeaders {
            enabled: header_bool(h, "x-cdn-enabled"),
            ttl: header(h, "x-ttl").and_then(|v| v.parse().ok()),
            log_retention: header_bool(h, "x-log-retention"),
            uri: header(h, "x-cdn-uri").map(str::to_owned),
            ssl_uri: header(h, "x-cdn-ssl-uri").map(str::to_owned),
            streaming_uri: header(h, "x-cdn-streaming-uri").map(str::to_owned),
            ios_uri: header(h, "x-cdn-ios-uri").map(str::to_owned),
            trans_id: header(h, "x-trans-id").map(str::to_owned),
        }
    }
}

impl CdnHeaders {
    /// The public URL of an object in the container (`<X-Cdn-Uri>/<object>`, or the HTTPS
    /// `X-Cdn-Ssl-Uri` when `https`), with the object name percent-encoded segment by
    /// segment. `None` when the CDN did not send that URI.
    pub fn object_url(&self, object: &str, https: bool) -> Option<String> {
        let base = if https { &self.ssl_uri } else { &self.uri };
        let base = base.as_deref()?.trim_end_matches('/');
        let object = object
            .split('/')
            .map(encode_path_segment)
            .collect::<Vec<_>>()
            .join("/");
        Some(format!("{base}/{object}"))
    }
}

/// Options for CDN-enabling a container.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[must_use]
#[non_exhaustive]
pub struct EnableOpts {
    #[serde(rename = "X-Ttl", skip_serializing_if = "Option::is_none")]
    ttl: Option<u32>,
}

impl EnableOpts {
    /// The CDN's default TTL (72 hours).
    pub fn new() -> Self {
        Self::default()
    }

    /// The TTL of the edge caches, in seconds ([`MIN_TTL`]..=[`MAX_TTL`]).
    pub fn ttl(mut self, seconds: u32) -> Self {
        self.ttl = Some(seconds);
        self
    }
}

fn check_ttl(ttl: Option<u32>) -> Result<()> {
    match ttl {
        Some(t) if !(MIN_TTL..=MAX_TTL).contains(&t) => Err(Error::invalid_input(format!(
            "the CDN TTL must be between {MIN_TTL} and {MAX_TTL} seconds, got {t}"
        ))),
        _ => Ok(()),
    }
}

fn container_path(container: &str) -> Result<String> {
    if container.is_empty() {
        return Err(Error::invalid_input("the container name is empty"));
    }
    Ok(encode_path_segment(container))
}

/// The request that CDN-enables a container: `PUT <container>` with `X-Cdn-Enabled: True`
/// and `X-Ttl` when set.
pub fn enable_request(container: &str, opts: &EnableOpts) -> Result<Request> {
    check_ttl(opts.ttl)?;
    Request::put(container_path(container)?)
        .header("X-Cdn-Enabled", "True")?
        .headers_from(opts)
        .map(|r| r.ok_status([201, 202, 204]))
}

/// CDN-enables a container and returns the URIs the CDN assigned.
pub async fn enable(
    client: &ServiceClient,
    container: &str,
    opts: EnableOpts,
) -> Result<CdnHeaders> {
    let resp = client.send(enable_request(container, &opts)?).await?;
    Ok(CdnHeaders::from_headers(resp.headers()))
}

/// The request that shows a container's CDN settings (`HEAD <container>`).
pub fn get_request(container: &str) -> Result<Request> {
    Ok(Request::head(container_path(container)?).ok_status([200, 204]))
}

/// Shows a container's CDN settings. A container that was never CDN-enabled is a 404
/// ([`Error::is_not_found`]).
pub async fn get(client: &ServiceClient, container: &str) -> Result<CdnHeaders> {
    let resp = client.send(get_request(container)?).await?;
    Ok(CdnHeaders::from_headers(resp.headers()))
}

/// Options for changing a CDN-enabled container: only the fields set are sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[must_use]
#[non_exhaustive]
pub struct UpdateOpts {
    #[serde(rename = "X-Cdn-Enabled", skip_serializing_if = "Option::is_none")]
    enabled: Option<&'static str>,
    #[serde(rename = "X-Ttl", skip_serializing_if = "Option::is_none")]
    ttl: Option<u32>,
    #[serde(rename = "X-Log-Retention", skip_serializing_if = "Option::is_none")]
    log_retention: Option<&'static str>,
}

fn title_bool(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

impl UpdateOpts {
    /// No change.
    pub fn new() -> Self {
        Self::default()
    }

    /// Enables or disables the container on the CDN (`X-Cdn-Enabled`). A disabled
    /// container stays in the edge caches until its TTL runs out.
    pub fn enabled(mut self, enabled: bool) -> Self {
        self.enabled = Some(title_bool(enabled));
        self
    }

    /// The TTL, in seconds (`X-Ttl`).
    pub fn ttl(mut self, seconds: u32) -> Self {
        self.ttl = Some(seconds);
        self
    }

    /// Whether CDN access logs are kept (`X-Log-Retention`).
    pub fn log_retention(mut self, keep: bool) -> Self {
        self.log_retention = Some(title_bool(keep));
        self
    }
}

/// The request that changes a CDN-enabled container (`POST <container>` with the headers).
pub fn update_request(container: &str, opts: &UpdateOpts) -> Result<Request> {
    check_ttl(opts.ttl)?;
    Request::post(container_path(container)?)
        .headers_from(opts)
        .map(|r| r.ok_status([202, 204]))
}

/// Changes a CDN-enabled container and returns the headers of the answer.
pub async fn update(
    client: &ServiceClient,
    container: &str,
    opts: UpdateOpts,
) -> Result<CdnHeaders> {
    let resp = client.send(update_request(container, &opts)?).await?;
    Ok(CdnHeaders::from_headers(resp.headers()))
}

/// The request that disables a container on the CDN (`POST` with `X-Cdn-Enabled: False`).
pub fn disable_request(container: &str) -> Result<Request> {
    update_request(container, &UpdateOpts::new().enabled(false))
}

/// Disables a container on the CDN. Its objects stay cached until their TTL runs out
/// (purge them with [`purge`] to remove them sooner).
pub async fn disable(client: &ServiceClient, container: &str) -> Result<()> {
    client.send_empty(disable_request(container)?).await
}

/// The request that purges an object from the CDN (`DELETE <container>/<object>` on the CDN
/// endpoint), with `X-Purge-Email` when `notify` names addresses (comma-separated).
pub fn purge_request(container: &str, object: &str, notify: Option<&str>) -> Result<Request> {
    if object.is_empty() {
        return Err(Error::invalid_input("the object name is empty"));
    }
    let object = object
        .split('/')
        .map(encode_path_segment)
        .collect::<Vec<_>>()
        .join("/");
    let mut r = Request::delete(format!("{}/{object}", container_path(container)?))
        .ok_status([200, 202, 204]);
    if let Some(email) = notify.map(str::trim).filter(|e| !e.is_empty()) {
        r = r.header("X-Purge-Email", email)?;
    }
    Ok(r)
}

/// Purges an object from the CDN's edge caches; Rackspace mails `notify` when it is done.
/// Rackspace limits the number of purges per account and day: prefer a short TTL for content
/// that changes often.
pub async fn purge(
    client: &ServiceClient,
    container: &str,
    object: &str,
    notify: Option<&str>,
) -> Result<()> {
    client
        .send_empty(purge_request(container, object, notify)?)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(r: &Request, name: &str) -> Option<String> {
        r.headers()
            .get(name)
            .map(|v| v.to_str().expect("ascii").to_owned())
    }

    #[test]
    fn enable_sends_the_cdn_headers() {
        // Gophercloud rackspace/objectstorage/v1/cdncontainers: EnableOpts{CDNEnabled: true,
        // TTL: 259200} -> PUT /testContainer with X-Cdn-Enabled and X-Ttl.
        let r = enable_request("testContainer", &EnableOpts::new().ttl(259_200)).expect("req");
        assert_eq!(r.method(), http::Method::PUT);
        assert_eq!(r.path(), "testContainer");
        assert_eq!(h(&r, "x-cdn-enabled").as_deref(), Some("True"));
        assert_eq!(h(&r, "x-ttl").as_deref(), Some("259200"));
        let r = enable_request("a b", &EnableOpts::new()).expect("req");
        assert_eq!(r.path(), "a%20b");
        assert_eq!(h(&r, "x-ttl"), None);
        assert!(enable_request("", &EnableOpts::new()).is_err());
        let e = enable_request("c", &EnableOpts::new().ttl(10)).expect_err("ttl");
        assert!(e.to_string().contains("900"), "{e}");
    }

    #[test]
    fn update_disable_and_purge_requests() {
        let r = update_request(
            "c",
            &UpdateOpts::new()
                .ttl(3600)
                .log_retention(true)
                .enabled(true),
        )
        .expect("update");
        assert_eq!(r.method(), http::Method::POST);
        assert_eq!(h(&r, "x-ttl").as_deref(), Some("3600"));
        assert_eq!(h(&r, "x-log-retention").as_deref(), Some("True"));
        assert_eq!(h(&r, "x-cdn-enabled").as_deref(), Some("True"));
        let r = update_request("c", &UpdateOpts::new()).expect("nothing");
        assert_eq!(h(&r, "x-ttl"), None);
        assert_eq!(h(&r, "x-cdn-enabled"), None);
        let r = disable_request("c").expect("disable");
        assert_eq!(h(&r, "x-cdn-enabled").as_deref(), Some("False"));
        let r = purge_request("c", "dir/my pic.jpg", Some("ops@example.com")).expect("purge");
        assert_eq!(r.method(), http::Method::DELETE);
        assert_eq!(r.path(), "c/dir/my%20pic.jpg");
        assert_eq!(h(&r, "x-purge-email").as_deref(), Some("ops@example.com"));
        let r = purge_request("c", "o", Some(" ")).expect("purge");
        assert_eq!(h(&r, "x-purge-email"), None);
        assert!(purge_request("c", "", None).is_err());
    }

    #[test]
    fn list_request_asks_for_json() {
        let r =
            list_request(&ListOpts::new().limit(2).marker("m").enabled_only(true)).expect("list");
        assert_eq!(r.path(), "");
        assert_eq!(
            r.query_string(),
            Some("limit=2&marker=m&enabled_only=true&format=json")
        );
    }

    #[test]
    fn headers_are_read_tolerantly() {
        let mut m = HeaderMap::new();
        m.insert("x-cdn-enabled", "True".parse().expect("v"));
        m.insert("x-ttl", "259200".parse().expect("v"));
        m.insert("x-log-retention", "False".parse().expect("v"));
        m.insert(
            "x-cdn-uri",
            "http://x.r1.cf1.rackcdn.com".parse().expect("v"),
        );
        m.insert("x-cdn-ssl-uri", " ".parse().expect("v"));
        let c = CdnHeaders::from_headers(&m);
        assert_eq!(c.enabled, Some(true));
        assert_eq!(c.ttl, Some(259_200));
        assert_eq!(c.log_retention, Some(false));
        assert_eq!(c.uri.as_deref(), Some("http://x.r1.cf1.rackcdn.com"));
        assert_eq!(c.ssl_uri, None);
        let mut m = HeaderMap::new();
        m.insert("x-ttl", "soon".parse().expect("v"));
        m.insert("x-cdn-enabled", "maybe".parse().expect("v"));
        let c = CdnHeaders::from_headers(&m);
        assert_eq!((c.ttl, c.enabled), (None, None));
        assert_eq!(c.object_url("x", false), None);
    }

    #[test]
    fn object_urls() {
        // The URI forms of the Cloud Files CDN docs ("CDN container services operations").
        let c = CdnHeaders {
            uri: Some("http://80745c48926cd286a5a0-48261ebe0e4c795a565ece6b9cca2fe8.r10.cf1.rackcdn.com".into()),
            ssl_uri: Some("https://80745c48926cd286a5a0-48261ebe0e4c795a565ece6b9cca2fe8.ssl.cf1.rackcdn.com/".into()),
            ..CdnHeaders::default()
        };
        assert_eq!(
            c.object_url("mydog.jpg", false).as_deref(),
            Some("http://80745c48926cd286a5a0-48261ebe0e4c795a565ece6b9cca2fe8.r10.cf1.rackcdn.com/mydog.jpg")
        );
        assert_eq!(
            c.object_url("pets/my dog.jpg", true).as_deref(),
            Some("https://80745c48926cd286a5a0-48261ebe0e4c795a565ece6b9cca2fe8.ssl.cf1.rackcdn.com/pets/my%20dog.jpg")
        );
    }
}
