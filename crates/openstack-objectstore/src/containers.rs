//! Containers: list (JSON or plain text), create, get (HEAD), update (POST), delete.
//!
//! ```no_run
//! # async fn f(swift: openstack_core::ServiceClient) -> openstack_core::Result<()> {
//! use futures::TryStreamExt;
//! use openstack_objectstore::containers::{self, CreateOpts, ListOpts, UpdateOpts};
//!
//! containers::create(&swift, "logs", CreateOpts::new().metadata("owner", "ops").read_acl(".r:*")).await?;
//! let info = containers::get(&swift, "logs").await?;
//! println!("{} objects, {} bytes", info.object_count, info.bytes_used);
//! containers::update(&swift, "logs", UpdateOpts::new().remove_metadata("owner")).await?;
//! let names: Vec<String> = containers::list_names(&swift, ListOpts::new().prefix("lo")).try_collect().await?;
//! # Ok(()) }
//! ```

use http::HeaderMap;
use openstack_core::{Error, Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::util::{
    apply_metadata, container_path, header_http_date, header_string, header_timestamp, header_u64,
    metadata_with_prefix, trans_id, Metadata, SecretKey,
};

/// A container in an account listing (`GET /v1/{account}?format=json`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Container {
    /// The container's name.
    pub name: String,
    /// How many objects it holds.
    #[serde(default)]
    pub count: u64,
    /// How many bytes its objects use.
    #[serde(default)]
    pub bytes: u64,
    /// When it last changed (Swift 2.15+; older clusters omit it).
    #[serde(default, with = "openstack_core::timestamp::option")]
    pub last_modified: Option<OffsetDateTime>,
}

impl Container {
    /// A container entry (for tests).
    pub fn new(name: impl Into<String>) -> Self {
        Container {
            name: name.into(),
            ..Default::default()
        }
    }
}

/// Options for listing containers (and, with the same fields, objects).
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
pub struct ListOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    limit: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    marker: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_marker: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    prefix: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    delimiter: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    reverse: Option<bool>,
}

impl ListOpts {
    /// No filters: every container, in pages of the server's default size.
    pub fn new() -> Self {
        Self::default()
    }

    /// Items per page (`limit`); the listing still continues page by page. Use
    /// [`Pager::max_items`] to stop early.
    pub fn limit(mut self, n: u32) -> Self {
        self.limit = Some(n);
        self
    }

    /// Start after this name.
    pub fn marker(mut self, marker: impl Into<String>) -> Self {
        self.marker = Some(marker.into());
        self
    }

    /// Stop before this name.
    pub fn end_marker(mut self, end_marker: impl Into<String>) -> Self {
        self.end_marker = Some(end_marker.into());
        self
    }

    /// Only names that start with this prefix.
    pub fn prefix(mut self, prefix: impl Into<String>) -> Self {
        self.prefix = Some(prefix.into());
        self
    }

    /// Roll names up to the first occurrence of this character after the prefix.
    pub fn delimiter(mut self, delimiter: impl Into<String>) -> Self {
        self.delimiter = Some(delimiter.into());
        self
    }

    /// Reverse order.
    pub fn reverse(mut self, reverse: bool) -> Self {
        self.reverse = Some(reverse);
        self
    }
}

/// The request for a JSON listing of the account's containers.
pub fn list_request(opts: &ListOpts) -> Result<Request> {
    Ok(Request::get("")
        .query(opts)?
        .query_pair("format", "json")
        .ok_status([200, 204]))
}

/// The request for a plain-text listing of the account's containers (one name per line).
pub fn list_names_request(opts: &ListOpts) -> Result<Request> {
    Request::get("")
        .query(opts)?
        .query_pair("format", "plain")
        .header("Accept", "text/plain")
        .map(|r| r.ok_status([200, 204]))
}

/// Lists the account's containers with their counts (JSON listing), page by page.
pub fn list(client: &ServiceClient, opts: ListOpts) -> Pager<Container> {
    // Swift answers an empty account with 204 and no body: the marker pager reads that as
    // an empty page.
    Pager::marker(
        client.clone(),
        list_request(&opts),
        None,
        |c: &Container| c.name.clone(),
    )
}

/// Lists the account's container names (plain-text listing), page by page.
pub fn list_names(client: &ServiceClient, opts: ListOpts) -> Pager<String> {
    Pager::text_lines(client.clone(), list_names_request(&opts))
}

/// Options for creating a container: metadata, ACLs, versioning and storage policy, sent
/// as headers.
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
pub struct CreateOpts {
    #[serde(rename = "X-Container-Read", skip_serializing_if = "Option::is_none")]
    read_acl: Option<String>,
    #[serde(rename = "X-Container-Write", skip_serializing_if = "Option::is_none")]
    write_acl: Option<String>,
    #[serde(
        rename = "X-Versions-Location",
        skip_serializing_if = "Option::is_none"
    )]
    versions_location: Option<String>,
    #[serde(rename = "X-History-Location", skip_serializing_if = "Option::is_none")]
    history_location: Option<String>,
    #[serde(rename = "X-Storage-Policy", skip_serializing_if = "Option::is_none")]
    storage_policy: Option<String>,
    #[serde(
        rename = "X-Container-Meta-Quota-Bytes",
        skip_serializing_if = "Option::is_none"
    )]
    quota_bytes: Option<u64>,
    #[serde(
        rename = "X-Container-Meta-Quota-Count",
        skip_serializing_if = "Option::is_none"
    )]
    quota_count: Option<u64>,
    #[serde(
        rename = "X-Container-Sync-To",
        skip_serializing_if = "Option::is_none"
    )]
    sync_to: Option<String>,
    #[serde(flatten)]
    metadata: Metadata,
    #[serde(skip)]
    temp_url_key: Option<SecretKey>,
    #[serde(skip)]
    temp_url_key_2: Option<SecretKey>,
}

impl CreateOpts {
    /// No headers: a plain container.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `X-Container-Meta-<name>: <value>`.
    pub fn metadata(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.metadata
            .insert(format!("X-Container-Meta-{}", name.into()), value.into());
        self
    }

    /// The read ACL (`X-Container-Read`, for example `.r:*,.rlistings` for public read).
    pub fn read_acl(mut self, acl: impl Into<String>) -> Self {
        self.read_acl = Some(acl.into());
        self
    }

    /// The write ACL (`X-Container-Write`).
    pub fn write_acl(mut self, acl: impl Into<String>) -> Self {
        self.write_acl = Some(acl.into());
        self
    }

    /// Keep old versions of overwritten objects in this container (`X-Versions-Location`,
    /// "stack" mode). The name is percent-encoded for you.
    pub fn versions_location(mut self, container: impl Into<String>) -> Self {
        self.versions_location = Some(openstack_core::encode_path_segment(&container.into()));
        self
    }

    /// Keep the history of overwritten and deleted objects in this container
    /// (`X-History-Location`, "history" mode). The name is percent-encoded for you.
    pub fn history_location(mut self, container: impl Into<String>) -> Self {
        self.history_location = Some(openstack_core::encode_path_segment(&container.into()));
        self
    }

    /// The storage policy (`X-Storage-Policy`); only at creation.
    pub fn storage_policy(mut self, policy: impl Into<String>) -> Self {
        self.storage_policy = Some(policy.into());
        self
    }

    /// A quota in bytes (`X-Container-Meta-Quota-Bytes`).
    pub fn quota_bytes(mut self, bytes: u64) -> Self {
        self.quota_bytes = Some(bytes);
        self
    }

    /// A quota in objects (`X-Container-Meta-Quota-Count`).
    pub fn quota_count(mut self, count: u64) -> Self {
        self.quota_count = Some(count);
        self
    }

    /// Container sync target (`X-Container-Sync-To`).
    pub fn sync_to(mut self, to: impl Into<String>) -> Self {
        self.sync_to = Some(to.into());
        self
    }

    /// The container's temporary-URL key (`X-Container-Meta-Temp-URL-Key`, sent as a
    /// sensitive header).
    pub fn temp_url_key(mut self, key: impl Into<SecretKey>) -> Self {
        self.temp_url_key = Some(key.into());
        self
    }

    /// The container's second temporary-URL key (`X-Container-Meta-Temp-URL-Key-2`).
    pub fn temp_url_key_2(mut self, key: impl Into<SecretKey>) -> Self {
        self.temp_url_key_2 = Some(key.into());
        self
    }
}

fn apply_keys(
    mut req: Request,
    key: Option<&SecretKey>,
    key2: Option<&SecretKey>,
) -> Result<Request> {
    if let Some(k) = key {
        req = req.secret_header("X-Container-Meta-Temp-URL-Key", k.expose())?;
    }
    if let Some(k) = key2 {
        req = req.secret_header("X-Container-Meta-Temp-URL-Key-2", k.expose())?;
    }
    Ok(req)
}

/// The request that creates a container (`PUT /v1/{account}/{container}`; 201, or 202 when
/// it exists — then its metadata is updated).
pub fn create_request(container: &str, opts: &CreateOpts) -> Result<Request> {
    let req = Request::put(container_path(container)?)
        .headers_from(opts)?
        .ok_status([201, 202]);
    apply_keys(
        req,
        opts.temp_url_key.as_ref(),
        opts.temp_url_key_2.as_ref(),
    )
}

/// Creates a container (or updates the metadata of an existing one).
pub async fn create(client: &ServiceClient, container: &str, opts: CreateOpts) -> Result<()> {
    client.send_empty(create_request(container, &opts)?).await
}

/// A container's state, from the headers of `HEAD /v1/{account}/{container}`.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct ContainerHeaders {
    /// `X-Container-Object-Count`.
    pub object_count: u64,
    /// `X-Container-Bytes-Used`.
    pub bytes_used: u64,
    /// `X-Container-Meta-*`, without the prefix (names lower-cased), temp URL keys and
    /// quotas excluded (they have their own fields).
    pub metadata: Metadata,
    /// `X-Container-Read`.
    pub read_acl: Option<String>,
    /// `X-Container-Write`.
    pub write_acl: Option<String>,
    /// `X-Versions-Location`.
    pub versions_location: Option<String>,
    /// `X-History-Location`.
    pub history_location: Option<String>,
    /// `X-Storage-Policy`.
    pub storage_policy: Option<String>,
    /// `X-Container-Meta-Quota-Bytes`.
    pub quota_bytes: Option<u64>,
    /// `X-Container-Meta-Quota-Count`.
    pub quota_count: Option<u64>,
    /// `X-Container-Sync-To`.
    pub sync_to: Option<String>,
    /// `X-Container-Meta-Temp-URL-Key` (a secret: redacted in `Debug`).
    pub temp_url_key: Option<SecretKey>,
    /// `X-Container-Meta-Temp-URL-Key-2`.
    pub temp_url_key_2: Option<SecretKey>,
    /// `X-Timestamp`: when the container was created.
    pub created_at: Option<OffsetDateTime>,
    /// `Last-Modified`.
    pub last_modified: Option<OffsetDateTime>,
    /// `X-Openstack-Request-Id` / `X-Trans-Id`.
    pub request_id: Option<String>,
}

impl ContainerHeaders {
    /// Reads the container headers of a response (also those of an object listing).
    pub fn from_headers(h: &HeaderMap) -> Self {
        ContainerHeaders {
            object_count: header_u64(h, "x-container-object-count").unwrap_or(0),
            bytes_used: header_u64(h, "x-container-bytes-used").unwrap_or(0),
            metadata: metadata_with_prefix(
                h,
                "x-container-meta-",
                &[
                    "temp-url-key",
                    "temp-url-key-2",
                    "quota-bytes",
                    "quota-count",
                ],
            ),
            read_acl: header_string(h, "x-container-read"),
            write_acl: header_string(h, "x-container-write"),
            versions_location: header_string(h, "x-versions-location"),
            history_location: header_string(h, "x-history-location"),
            storage_policy: header_string(h, "x-storage-policy"),
            quota_bytes: header_u64(h, "x-container-meta-quota-bytes"),
            quota_count: header_u64(h, "x-container-meta-quota-count"),
            sync_to: header_string(h, "x-container-sync-to"),
            temp_url_key: header_string(h, "x-container-meta-temp-url-key").map(SecretKey::new),
            temp_url_key_2: header_string(h, "x-container-meta-temp-url-key-2").map(SecretKey::new),
            created_at: header_timestamp(h, "x-timestamp"),
            last_modified: header_http_date(h, "last-modified"),
            request_id: trans_id(h),
        }
    }

    /// Whether the read ACL makes the container's objects public (`.r:*`).
    pub fn is_public_read(&self) -> bool {
        self.read_acl
            .as_deref()
            .is_some_and(|a| a.split(',').any(|p| p.trim() == ".r:*"))
    }
}

/// The request that reads a container's headers (`HEAD`).
pub fn get_request(container: &str) -> Result<Request> {
    Ok(Request::head(container_path(container)?).ok_status([200, 204]))
}

/// Reads a container's counts, metadata, ACLs and settings.
pub async fn get(client: &ServiceClient, container: &str) -> Result<ContainerHeaders> {
    let resp = client.send(get_request(container)?).await?;
    Ok(ContainerHeaders::from_headers(resp.headers()))
}

/// Changes to a container (`POST`): set or remove metadata, ACLs, versioning, quotas.
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct UpdateOpts {
    set: Metadata,
    remove: Vec<String>,
    headers: Vec<(String, String)>,
    temp_url_key: Option<SecretKey>,
    temp_url_key_2: Option<SecretKey>,
}

impl UpdateOpts {
    /// No changes yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `X-Container-Meta-<name>` (other metadata is kept).
    pub fn metadata(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.set.insert(name.into(), value.into());
        self
    }

    /// Removes `X-Container-Meta-<name>` (`X-Remove-Container-Meta-<name>`).
    pub fn remove_metadata(mut self, name: impl Into<String>) -> Self {
        self.remove.push(name.into());
        self
    }

    fn header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push((name.to_owned(), value.into()));
        self
    }

    /// Sets the read ACL.
    pub fn read_acl(self, acl: impl Into<String>) -> Self {
        self.header("X-Container-Read", acl)
    }

    /// Removes the read ACL.
    pub fn remove_read_acl(self) -> Self {
        self.header("X-Remove-Container-Read", "x")
    }

    /// Sets the write ACL.
    pub fn write_acl(self, acl: impl Into<String>) -> Self {
        self.header("X-Container-Write", acl)
    }

    /// Removes the write ACL.
    pub fn remove_write_acl(self) -> Self {
        self.header("X-Remove-Container-Write", "x")
    }

    /// Turns on versioning into `container` ("stack" mode).
    pub fn versions_location(self, container: impl Into<String>) -> Self {
        let c = openstack_core::encode_path_segment(&container.into());
        self.header("X-Versions-Location", c)
    }

    /// Turns "stack" versioning off.
    pub fn remove_versions_location(self) -> Self {
        self.header("X-Remove-Versions-Location", "x")
    }

    /// Turns on versioning into `container` ("history" mode).
    pub fn history_location(self, container: impl Into<String>) -> Self {
        let c = openstack_core::encode_path_segment(&container.into());
        self.header("X-History-Location", c)
    }

    /// Turns "history" versioning off.
    pub fn remove_history_location(self) -> Self {
        self.header("X-Remove-History-Location", "x")
    }

    /// Sets the byte quota.
    pub fn quota_bytes(self, bytes: u64) -> Self {
        self.header("X-Container-Meta-Quota-Bytes", bytes.to_string())
    }

    /// Sets the object-count quota.
    pub fn quota_count(self, count: u64) -> Self {
        self.header("X-Container-Meta-Quota-Count", count.to_string())
    }

    /// Sets the container's temporary-URL key (sent as a sensitive header).
    pub fn temp_url_key(mut self, key: impl Into<SecretKey>) -> Self {
        self.temp_url_key = Some(key.into());
        self
    }

    /// Sets the container's second temporary-URL key.
    pub fn temp_url_key_2(mut self, key: impl Into<SecretKey>) -> Self {
        self.temp_url_key_2 = Some(key.into());
        self
    }

    /// Removes the container's temporary-URL key.
    pub fn remove_temp_url_key(self) -> Self {
        self.remove_metadata("Temp-URL-Key")
    }
}

/// The request that updates a container (`POST`, 204).
pub fn update_request(container: &str, opts: &UpdateOpts) -> Result<Request> {
    let mut req = Request::post(container_path(container)?).ok_status([204]);
    req = apply_metadata(req, "Container", &opts.set, &opts.remove)?;
    for (k, v) in &opts.headers {
        req = req.header(k, v)?;
    }
    apply_keys(
        req,
        opts.temp_url_key.as_ref(),
        opts.temp_url_key_2.as_ref(),
    )
}

/// Updates a container's metadata and settings.
pub async fn update(client: &ServiceClient, container: &str, opts: UpdateOpts) -> Result<()> {
    client.send_empty(update_request(container, &opts)?).await
}

/// The request that deletes a container (`DELETE`, 204; 409 when it still holds objects).
pub fn delete_request(container: &str) -> Result<Request> {
    Ok(Request::delete(container_path(container)?).ok_status([204, 409]))
}

/// Deletes an empty container.
///
/// Swift refuses to delete a container that still holds objects (409 Conflict, with a
/// generic message); this function turns that answer into an error that says so:
/// "container `x` is not empty". Delete the objects first (see
/// [`crate::objects::bulk_delete`]).
pub async fn delete(client: &ServiceClient, container: &str) -> Result<()> {
    let resp = client.send(delete_request(container)?).await?;
    if resp.status() == http::StatusCode::CONFLICT {
        let id = trans_id(resp.headers())
            .map(|id| format!(" (request id {id})"))
            .unwrap_or_default();
        return Err(Error::invalid_input(format!(
            "cannot delete container {container:?}: the container is not empty \
             (409 Conflict); delete its objects first{id}"
        )));
    }
    Ok(())
}

/// Whether `err` is the "container is not empty" error of [`delete`].
pub fn is_not_empty_error(err: &Error) -> bool {
    err.kind() == openstack_core::ErrorKind::InvalidInput
        && err.to_string().contains("the container is not empty")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_requests() {
        let r = list_request(&ListOpts::new().prefix("a b").limit(2)).expect("req");
        assert_eq!(r.path(), "");
        assert_eq!(r.query_string(), Some("limit=2&prefix=a+b&format=json"));
        let r = list_names_request(&ListOpts::new().delimiter("/")).expect("req");
        assert_eq!(r.query_string(), Some("delimiter=%2F&format=plain"));
        assert_eq!(r.headers()["accept"], "text/plain");
    }

    #[test]
    fn create_request_headers() {
        let r = create_request(
            "my box",
            &CreateOpts::new()
                .metadata("Book", "TomSawyer")
                .read_acl(".r:*")
                .write_acl("p:u")
                .versions_location("old stuff")
                .storage_policy("gold")
                .temp_url_key("k"),
        )
        .expect("req");
        assert_eq!(r.path(), "my%20box");
        let h = r.headers();
        assert_eq!(h["x-container-meta-book"], "TomSawyer");
        assert_eq!(h["x-container-read"], ".r:*");
        assert_eq!(h["x-container-write"], "p:u");
        assert_eq!(h["x-versions-location"], "old%20stuff");
        assert_eq!(h["x-storage-policy"], "gold");
        assert!(h["x-container-meta-temp-url-key"].is_sensitive());
        assert!(h.get("x-history-location").is_none());
    }

    #[test]
    fn update_request_headers() {
        let r = update_request(
            "c",
            &UpdateOpts::new()
                .metadata("a", "1")
                .remove_metadata("b")
                .remove_read_acl()
                .history_location("h"),
        )
        .expect("req");
        assert_eq!(r.method(), http::Method::POST);
        let h = r.headers();
        assert_eq!(h["x-container-meta-a"], "1");
        assert_eq!(h["x-remove-container-meta-b"], "x");
        assert_eq!(h["x-remove-container-read"], "x");
        assert_eq!(h["x-history-location"], "h");
    }

    #[test]
    fn headers_parse() {
        let mut h = HeaderMap::new();
        for (k, v) in [
            ("x-container-object-count", "2"),
            ("x-container-bytes-used", "26"),
            ("x-container-meta-book", "TomSawyer"),
            ("x-container-meta-temp-url-key", "secret"),
            ("x-container-read", ".r:*,.rlistings"),
            ("x-timestamp", "1389727543.65372"),
            ("x-trans-id", "tx1"),
        ] {
            h.insert(k, v.parse().expect("hv"));
        }
        let c = ContainerHeaders::from_headers(&h);
        assert_eq!(c.object_count, 2);
        assert_eq!(c.bytes_used, 26);
        assert_eq!(
            c.metadata.get("book").map(String::as_str),
            Some("TomSawyer")
        );
        assert!(!c.metadata.contains_key("temp-url-key"));
        assert_eq!(
            c.temp_url_key.as_ref().map(SecretKey::expose),
            Some("secret")
        );
        assert!(!format!("{c:?}").contains("secret"));
        assert!(c.is_public_read());
        assert_eq!(c.request_id.as_deref(), Some("tx1"));
    }
}
