//! Objects: list (JSON with pseudo-folders, or plain text), upload from a stream, download as
//! a verified stream, get (HEAD), copy, update metadata, delete, bulk delete and archive
//! extraction.
//!
//! Object names keep their `/`s as pseudo-folder separators; every other character that is
//! not safe in a URL (spaces, `?`, `#`, `%`, non-ASCII ...) is percent-encoded for you.
//!
//! ```no_run
//! # async fn f(swift: openstack_core::ServiceClient) -> openstack_core::Result<()> {
//! use bytes::Bytes;
//! use futures::TryStreamExt;
//! use openstack_core::Body;
//! use openstack_objectstore::objects::{self, DownloadOpts, UploadOpts};
//!
//! // Upload from any stream of chunks; the MD5 is computed as the bytes go out and compared
//! // with the ETag Swift returns.
//! let chunks = futures::stream::iter(vec![Ok::<_, std::io::Error>(Bytes::from("hello ")), Ok(Bytes::from("world"))]);
//! let put = objects::upload(&swift, "docs", "greetings/hello.txt", Body::from_stream(chunks),
//!     UploadOpts::new().content_type("text/plain").metadata("lang", "en")).await?;
//! println!("stored, etag {}", put.etag);
//!
//! // Download as a stream; the last item is an error if the bytes do not match the ETag.
//! let mut stream = objects::download(&swift, "docs", "greetings/hello.txt", DownloadOpts::new())
//!     .await?
//!     .into_stream();
//! while let Some(chunk) = stream.try_next().await? {
//!     print!("{}", String::from_utf8_lossy(&chunk));
//! }
//! # Ok(()) }
//! ```

use std::fmt;
use std::path::Path;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use futures::TryStreamExt;
use http::{HeaderMap, Method, StatusCode};
use openstack_core::{decode_json, Body, Error, Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::util::{
    apply_metadata, container_path, encode_object_name, format_http_date, header_bool,
    header_http_date, header_i64, header_ref, header_string, header_timestamp, header_u64,
    metadata_with_prefix, object_path, trans_id, unquote_etag, ChecksumMismatch, Metadata,
};
use crate::verify::{is_md5_hex, md5_hex, HashState, HashingStream};

pub use crate::containers::ListOpts;
pub use crate::verify::ObjectStream;

// ------------------------------------------------------------------ listing

/// An object in a container listing (`GET /v1/{account}/{container}?format=json`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Object {
    /// The object's name.
    pub name: String,
    /// Its MD5 (the ETag; for large objects, the manifest's).
    #[serde(default)]
    pub hash: String,
    /// Its size in bytes.
    #[serde(default)]
    pub bytes: u64,
    /// Its content type.
    #[serde(default)]
    pub content_type: String,
    /// When it was last modified.
    #[serde(default, with = "openstack_core::timestamp::option")]
    pub last_modified: Option<OffsetDateTime>,
    /// For symlinks, the target (`container/object`), when the listing reports it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub symlink_path: Option<String>,
}

impl Object {
    /// An object entry (for tests).
    pub fn new(name: impl Into<String>) -> Self {
        Object {
            name: name.into(),
            ..Default::default()
        }
    }
}

/// One entry of a JSON object listing: an object, or — when the listing uses a
/// `delimiter` — a pseudo-folder (`{"subdir": "photos/"}`) that rolls up the names below it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "RawEntry", into = "RawEntry")]
#[non_exhaustive]
pub enum ListEntry {
    /// An object.
    Object(Object),
    /// A pseudo-folder: the common prefix of the names below it, ending with the delimiter.
    Subdir(String),
}

impl ListEntry {
    /// The object's name or the pseudo-folder's prefix (the listing's marker).
    pub fn name(&self) -> &str {
        match self {
            ListEntry::Object(o) => &o.name,
            ListEntry::Subdir(s) => s,
        }
    }

    /// The object, when this entry is one.
    pub fn as_object(&self) -> Option<&Object> {
        match self {
            ListEntry::Object(o) => Some(o),
            ListEntry::Subdir(_) => None,
        }
    }

    /// Whether this entry is a pseudo-folder.
    pub fn is_subdir(&self) -> bool {
        matches!(self, ListEntry::Subdir(_))
    }
}

#[derive(Serialize, Deserialize)]
struct RawEntry {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    subdir: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    hash: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    bytes: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    content_type: Option<String>,
    #[serde(
        default,
        with = "openstack_core::timestamp::option",
        skip_serializing_if = "Option::is_none"
    )]
    last_modified: Option<OffsetDateTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    symlink_path: Option<String>,
}

impl TryFrom<RawEntry> for ListEntry {
    type Error = String;

    fn try_from(r: RawEntry) -> std::result::Result<Self, String> {
        if let (Some(s), None) = (&r.subdir, &r.name) {
            return Ok(ListEntry::Subdir(s.clone()));
        }
        let name = r
            .name
            .ok_or_else(|| "a listing entry has neither `name` nor `subdir`".to_owned())?;
        Ok(ListEntry::Object(Object {
            name,
            hash: r.hash.unwrap_or_default(),
            bytes: r.bytes.unwrap_or_default(),
            content_type: r.content_type.unwrap_or_default(),
            last_modified: r.last_modified,
            symlink_path: r.symlink_path,
        }))
    }
}

impl From<ListEntry> for RawEntry {
    fn from(e: ListEntry) -> Self {
        match e {
            ListEntry::Subdir(s) => RawEntry {
                subdir: Some(s),
                name: None,
                hash: None,
                bytes: None,
                content_type: None,
                last_modified: None,
                symlink_path: None,
            },
            ListEntry::Object(o) => RawEntry {
                subdir: None,
                name: Some(o.name),
                hash: Some(o.hash),
                bytes: Some(o.bytes),
                content_type: Some(o.content_type),
                last_modified: o.last_modified,
                symlink_path: o.symlink_path,
            },
        }
    }
}

/// The request for a JSON listing of a container's objects.
pub fn list_request(container: &str, opts: &ListOpts) -> Result<Request> {
    Ok(Request::get(container_path(container)?)
        .query(opts)?
        .query_pair("format", "json")
        .ok_status([200, 204]))
}

/// The request for a plain-text listing of a container's object names.
pub fn list_names_request(container: &str, opts: &ListOpts) -> Result<Request> {
    Ok(Request::get(container_path(container)?)
        .query(opts)?
        .query_pair("format", "plain")
        .header("Accept", "text/plain")?
        .ok_status([200, 204]))
}

/// Lists a container's objects (JSON listing), page by page; with a delimiter, pseudo-folders
/// come as [`ListEntry::Subdir`].
pub fn list(client: &ServiceClient, container: &str, opts: ListOpts) -> Pager<ListEntry> {
    Pager::marker(
        client.clone(),
        list_request(container, &opts),
        None,
        |e: &ListEntry| e.name().to_owned(),
    )
}

/// Lists a container's object names (plain-text listing; pseudo-folders appear as names
/// ending with the delimiter). Names containing line breaks cannot be told apart in this
/// format: use [`list`] for those.
pub fn list_names(client: &ServiceClient, container: &str, opts: ListOpts) -> Pager<String> {
    Pager::text_lines(client.clone(), list_names_request(container, &opts))
}

// ------------------------------------------------------------------ headers

/// An object's headers (`HEAD`, or the headers of a download).
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct ObjectHeaders {
    /// `Content-Length` (of this response: the range's length for a partial download).
    pub content_length: Option<u64>,
    /// `Content-Type`.
    pub content_type: Option<String>,
    /// `ETag`, without quotes: the MD5 of an ordinary object; for large objects, the MD5 of
    /// the segments' ETags.
    pub etag: Option<String>,
    /// `Last-Modified`.
    pub last_modified: Option<OffsetDateTime>,
    /// `X-Timestamp`: when this version of the object was written.
    pub created_at: Option<OffsetDateTime>,
    /// `X-Object-Meta-*` without the prefix (names lower-cased).
    pub metadata: Metadata,
    /// `X-Delete-At`: when Swift deletes the object.
    pub delete_at: Option<OffsetDateTime>,
    /// `X-Object-Manifest`: the `container/prefix` of a dynamic large object.
    pub object_manifest: Option<String>,
    /// `X-Static-Large-Object: True`: a static large object.
    pub static_large_object: bool,
    /// `X-Symlink-Target`.
    pub symlink_target: Option<String>,
    /// `Content-Encoding`.
    pub content_encoding: Option<String>,
    /// `Content-Disposition`.
    pub content_disposition: Option<String>,
    /// `Content-Range` of a partial download.
    pub content_range: Option<String>,
    /// `X-Openstack-Request-Id` / `X-Trans-Id`.
    pub request_id: Option<String>,
}

impl ObjectHeaders {
    /// Reads an object's headers.
    pub fn from_headers(h: &HeaderMap) -> Self {
        ObjectHeaders {
            content_length: header_u64(h, "content-length"),
            content_type: header_string(h, "content-type"),
            etag: header_string(h, "etag").map(|e| unquote_etag(&e)),
            last_modified: header_http_date(h, "last-modified"),
            created_at: header_timestamp(h, "x-timestamp"),
            metadata: metadata_with_prefix(h, "x-object-meta-", &[]),
            delete_at: header_i64(h, "x-delete-at")
                .and_then(|t| OffsetDateTime::from_unix_timestamp(t).ok()),
            object_manifest: header_string(h, "x-object-manifest"),
            static_large_object: header_bool(h, "x-static-large-object"),
            symlink_target: header_string(h, "x-symlink-target"),
            content_encoding: header_string(h, "content-encoding"),
            content_disposition: header_string(h, "content-disposition"),
            content_range: header_string(h, "content-range"),
            request_id: trans_id(h),
        }
    }

    /// Whether the object is a static or dynamic large object (a manifest).
    pub fn is_large_object(&self) -> bool {
        self.static_large_object || self.object_manifest.is_some()
    }
}

/// The request that reads an object's headers (`HEAD`).
pub fn get_request(container: &str, object: &str) -> Result<Request> {
    Ok(Request::head(object_path(container, object)?).ok_status([200]))
}

/// Reads an object's headers: size, type, ETag, metadata, expiry, large-object markers.
pub async fn get(client: &ServiceClient, container: &str, object: &str) -> Result<ObjectHeaders> {
    let resp = client.send(get_request(container, object)?).await?;
    Ok(ObjectHeaders::from_headers(resp.headers()))
}

// ------------------------------------------------------------------ upload

/// Options for uploading an object.
#[derive(Clone, Default)]
#[must_use]
pub struct UploadOpts {
    content_type: Option<String>,
    content_length: Option<u64>,
    etag: Option<String>,
    metadata: Metadata,
    delete_at: Option<i64>,
    delete_after: Option<u64>,
    if_none_match: bool,
    content_encoding: Option<String>,
    content_disposition: Option<String>,
    object_manifest: Option<String>,
    detect_content_type: bool,
    headers: Vec<(String, String)>,
    no_verify: bool,
}

impl fmt::Debug for UploadOpts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UploadOpts")
            .field("content_type", &self.content_type)
            .field("content_length", &self.content_length)
            .field("etag", &self.etag)
            .field("metadata", &self.metadata)
            .field("delete_at", &self.delete_at)
            .field("delete_after", &self.delete_after)
            .field("if_none_match", &self.if_none_match)
            .field("verify", &!self.no_verify)
            .finish_non_exhaustive()
    }
}

impl UploadOpts {
    /// Defaults: Swift guesses the content type, the MD5 is checked.
    pub fn new() -> Self {
        Self::default()
    }

    /// `Content-Type`.
    pub fn content_type(mut self, ct: impl Into<String>) -> Self {
        self.content_type = Some(ct.into());
        self
    }

    /// The size of a streamed body, sent as `Content-Length` (otherwise a stream is sent
    /// chunked). A body built from bytes, a file ([`Body::from_path`]) or a sized stream
    /// ([`Body::from_stream_with_length`]) sends its own length without this.
    pub fn content_length(mut self, len: u64) -> Self {
        self.content_length = Some(len);
        self
    }

    /// The MD5 of the data (hex), sent as `ETag`: Swift rejects the upload (422) when the
    /// data it receives does not match. A streamed body is then not hashed by [`upload`]
    /// (Swift's check covers it), which saves the MD5's CPU time: about 1.6 CPU-seconds
    /// per GiB.
    pub fn etag(mut self, md5_hex: impl Into<String>) -> Self {
        self.etag = Some(md5_hex.into());
        self
    }

    /// Adds `X-Object-Meta-<name>: <value>`.
    pub fn metadata(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.metadata.insert(name.into(), value.into());
        self
    }

    /// Delete the object at this Unix time (`X-Delete-At`).
    pub fn delete_at(mut self, unix_seconds: i64) -> Self {
        self.delete_at = Some(unix_seconds);
        self
    }

    /// Delete the object this many seconds after the upload (`X-Delete-After`).
    pub fn delete_after(mut self, seconds: u64) -> Self {
        self.delete_after = Some(seconds);
        self
    }

    /// Fail (412) instead of overwriting an existing object (`If-None-Match: *`).
    pub fn if_none_match_any(mut self) -> Self {
        self.if_none_match = true;
        self
    }

    /// `Content-Encoding` (stored and returned as is; Swift does not decode).
    pub fn content_encoding(mut self, enc: impl Into<String>) -> Self {
        self.content_encoding = Some(enc.into());
        self
    }

    /// `Content-Disposition`.
    pub fn content_disposition(mut self, d: impl Into<String>) -> Self {
        self.content_disposition = Some(d.into());
        self
    }

    /// Makes this object a dynamic large object manifest over the segments named
    /// `container/prefix*` (`X-Object-Manifest`; names are percent-encoded for you).
    pub fn object_manifest(mut self, container: &str, prefix: &str) -> Self {
        self.object_manifest = Some(format!(
            "{}/{}",
            openstack_core::encode_path_segment(container),
            encode_object_name(prefix)
        ));
        self
    }

    /// Let Swift pick the content type from the name (`X-Detect-Content-Type: true`).
    pub fn detect_content_type(mut self) -> Self {
        self.detect_content_type = true;
        self
    }

    /// Any other header (for example `X-Symlink-Target`).
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Whether to hash the data and compare it with the ETag Swift returns (on unless
    /// turned off; turning it off saves the MD5 computation, about 1–2 CPU-seconds per GiB).
    pub fn verify(mut self, verify: bool) -> Self {
        self.no_verify = !verify;
        self
    }
}

/// What Swift said about a stored object.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct UploadResult {
    /// The ETag Swift computed (MD5 of the data, unquoted).
    pub etag: String,
    /// How many bytes went out (counted when the data was hashed, else the body's length if
    /// known).
    pub bytes: Option<u64>,
    /// `Last-Modified`.
    pub last_modified: Option<OffsetDateTime>,
    /// The request id.
    pub request_id: Option<String>,
}

/// The request that uploads an object (`PUT`, 201). For a body held in memory the MD5 is
/// computed here and sent as `ETag` (unless given or verification is off), so Swift itself
/// refuses corrupted data; for a streamed body, [`upload`] hashes the stream as it is sent.
pub fn upload_request(
    container: &str,
    object: &str,
    body: impl Into<Body>,
    opts: &UploadOpts,
) -> Result<Request> {
    let body = body.into();
    let mut req = Request::put(object_path(container, object)?).ok_status([201]);
    if let Some(ct) = &opts.content_type {
        req = req.header("Content-Type", ct)?;
    }
    match (&opts.etag, body.as_bytes()) {
        (Some(e), _) => req = req.header("ETag", e)?,
        (None, Some(bytes)) if !opts.no_verify => req = req.header("ETag", &md5_hex(bytes))?,
        _ => {}
    }
    match body.as_bytes() {
        // Always explicit: Swift answers 411 to a PUT without it, and an empty body would
        // otherwise be sent with no length at all.
        Some(bytes) => req = req.header("Content-Length", &bytes.len().to_string())?,
        None => {
            if let Some(len) = opts.content_length.or(body.content_length()) {
                req = req.header("Content-Length", &len.to_string())?;
            }
        }
    }
    req = apply_metadata(req, "Object", &opts.metadata, &[])?;
    if let Some(t) = opts.delete_at {
        req = req.header("X-Delete-At", &t.to_string())?;
    }
    if let Some(s) = opts.delete_after {
        req = req.header("X-Delete-After", &s.to_string())?;
    }
    if opts.if_none_match {
        req = req.header("If-None-Match", "*")?;
    }
    if let Some(v) = &opts.content_encoding {
        req = req.header("Content-Encoding", v)?;
    }
    if let Some(v) = &opts.content_disposition {
        req = req.header("Content-Disposition", v)?;
    }
    if let Some(v) = &opts.object_manifest {
        req = req.header("X-Object-Manifest", v)?;
    }
    if opts.detect_content_type {
        req = req.header("X-Detect-Content-Type", "true")?;
    }
    for (k, v) in &opts.headers {
        req = req.header(k, v)?;
    }
    Ok(req.body(body))
}

enum Check {
    Known {
        md5: String,
        len: u64,
    },
    Streamed(Arc<Mutex<HashState>>),
    /// A streamed body sent with the caller's `ETag`, which Swift itself verifies.
    Given(String),
    Off,
}

/// Uploads an object from a body: bytes (`"text"`, `Vec<u8>`, [`Bytes`]), a file
/// ([`Body::from_path`], sent with its length) or a stream ([`Body::from_stream`]), which
/// is sent as it is read and never buffered.
///
/// ```no_run
/// # async fn f(swift: &openstack_core::ServiceClient) -> openstack_core::Result<()> {
/// use openstack_core::Body;
/// use openstack_objectstore::objects::{self, UploadOpts};
/// let body = Body::from_path("backup.tar.gz").await?;
/// let put = objects::upload(swift, "backups", "2026-11-27.tar.gz", body, UploadOpts::new()).await?;
/// println!("stored {:?} bytes, ETag {}", put.bytes, put.etag);
/// # Ok(()) }
/// ```
///
/// The MD5 of the bytes that actually went out is compared with the ETag Swift returns; a
/// difference is an error ([`crate::is_checksum_mismatch`]) that names both sums. (The
/// object is then stored with whatever Swift received: delete or re-upload it.)
pub async fn upload(
    client: &ServiceClient,
    container: &str,
    object: &str,
    body: impl Into<Body>,
    mut opts: UploadOpts,
) -> Result<UploadResult> {
    let body = body.into();
    if opts.content_length.is_none() && !body.is_replayable() {
        // A file or sized stream knows its length; hashing wraps it into a plain stream.
        opts.content_length = body.content_length();
    }
    let (body, check) = if opts.no_verify {
        let len = body.as_bytes().map(|b| b.len() as u64);
        (
            body,
            len.map_or(Check::Off, |len| Check::Known {
                md5: String::new(),
                len,
            }),
        )
    } else if let Some(bytes) = body.as_bytes() {
        let check = Check::Known {
            md5: md5_hex(bytes),
            len: bytes.len() as u64,
        };
        (body, check)
    } else if let Some(etag) = opts.etag.as_ref().filter(|e| is_md5_hex(e)) {
        // Swift checks the data against the ETag sent with it (422 on a difference), so
        // hashing the stream here as well would only spend CPU.
        (body, Check::Given(etag.to_ascii_lowercase()))
    } else {
        let (stream, state) = HashingStream::new(body.into_stream());
        (Body::from_stream(stream), Check::Streamed(state))
    };
    let req = upload_request(container, object, body, &opts)?;
    let resp = client.send(req).await?;
    let etag = resp
        .header_str("etag")
        .map(unquote_etag)
        .unwrap_or_default();
    let (sent_md5, bytes) = match check {
        Check::Known { md5, len } => ((!md5.is_empty()).then_some(md5), Some(len)),
        Check::Streamed(state) => {
            let (md5, len) = state.lock().unwrap_or_else(|p| p.into_inner()).finish();
            (Some(md5), Some(len))
        }
        Check::Given(md5) => (Some(md5), opts.content_length),
        Check::Off => (None, opts.content_length),
    };
    if let Some(sent) = sent_md5 {
        if opts.object_manifest.is_none() && is_md5_hex(&etag) && !etag.eq_ignore_ascii_case(&sent)
        {
            return Err(ChecksumMismatch {
                what: format!("the upload of {container}/{object}"),
                expected: etag,
                actual: sent,
                bytes: bytes.unwrap_or_default(),
            }
            .into_error());
        }
        if etag.is_empty() {
            tracing::warn!(
                container,
                object,
                "Swift returned no ETag; the upload is unverified"
            );
        }
    }
    if let (Some(want), Some(got)) = (opts.content_length, bytes) {
        if want != got {
            return Err(Error::invalid_input(format!(
                "the upload of {container}/{object} declared {want} bytes but {got} were sent"
            )));
        }
    }
    Ok(UploadResult {
        etag,
        bytes,
        last_modified: header_http_date(resp.headers(), "last-modified"),
        request_id: trans_id(resp.headers()),
    })
}

// ------------------------------------------------------------------ download

#[derive(Debug, Clone)]
enum Range {
    Between(u64, u64),
    From(u64),
    Last(u64),
}

/// Options for downloading an object.
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct DownloadOpts {
    range: Option<Range>,
    if_match: Option<String>,
    if_none_match: Option<String>,
    if_modified_since: Option<OffsetDateTime>,
    if_unmodified_since: Option<OffsetDateTime>,
    raw_manifest: bool,
    no_verify: bool,
}

impl DownloadOpts {
    /// The whole object, verified against its ETag when it is an ordinary object.
    pub fn new() -> Self {
        Self::default()
    }

    /// Only bytes `first..=last` (`Range: bytes=first-last`). Ranges are not verified.
    pub fn range(mut self, first: u64, last: u64) -> Self {
        self.range = Some(Range::Between(first, last));
        self
    }

    /// Bytes from `first` to the end (`Range: bytes=first-`).
    pub fn range_from(mut self, first: u64) -> Self {
        self.range = Some(Range::From(first));
        self
    }

    /// The last `n` bytes (`Range: bytes=-n`).
    pub fn range_last(mut self, n: u64) -> Self {
        self.range = Some(Range::Last(n));
        self
    }

    /// Only if the ETag matches (`If-Match`; else 412).
    pub fn if_match(mut self, etag: impl Into<String>) -> Self {
        self.if_match = Some(etag.into());
        self
    }

    /// Only if the ETag differs (`If-None-Match`; else 304).
    pub fn if_none_match(mut self, etag: impl Into<String>) -> Self {
        self.if_none_match = Some(etag.into());
        self
    }

    /// Only if modified since (`If-Modified-Since`; else 304).
    pub fn if_modified_since(mut self, t: OffsetDateTime) -> Self {
        self.if_modified_since = Some(t);
        self
    }

    /// Only if not modified since (`If-Unmodified-Since`; else 412).
    pub fn if_unmodified_since(mut self, t: OffsetDateTime) -> Self {
        self.if_unmodified_since = Some(t);
        self
    }

    /// For a static large object, fetch the manifest itself (`?multipart-manifest=get`)
    /// instead of the joined segments.
    pub fn raw_manifest(mut self) -> Self {
        self.raw_manifest = true;
        self
    }

    /// Whether to verify the MD5 while streaming (on unless turned off; ranges and large
    /// objects are never verified).
    pub fn verify(mut self, verify: bool) -> Self {
        self.no_verify = !verify;
        self
    }
}

/// The request that downloads an object (`GET`; 200, or 206 for a range). A condition that
/// fails is an error with status 304 or 412.
pub fn download_request(container: &str, object: &str, opts: &DownloadOpts) -> Result<Request> {
    let mut req = Request::get(object_path(container, object)?).ok_status([200, 206]);
    if opts.raw_manifest {
        req = req.query_pair("multipart-manifest", "get");
    }
    if let Some(r) = &opts.range {
        let v = match r {
            Range::Between(a, b) => format!("bytes={a}-{b}"),
            Range::From(a) => format!("bytes={a}-"),
            Range::Last(n) => format!("bytes=-{n}"),
        };
        req = req.header("Range", &v)?;
    }
    if let Some(v) = &opts.if_match {
        req = req.header("If-Match", v)?;
    }
    if let Some(v) = &opts.if_none_match {
        req = req.header("If-None-Match", v)?;
    }
    if let Some(t) = opts.if_modified_since {
        req = req.header("If-Modified-Since", &format_http_date(t))?;
    }
    if let Some(t) = opts.if_unmodified_since {
        req = req.header("If-Unmodified-Since", &format_http_date(t))?;
    }
    // Any Accept would do; the core's default (JSON) is wrong for object data.
    req.header("Accept", "*/*")
}

/// A download in progress: the headers have arrived, the data has not been read yet.
#[derive(Debug)]
pub struct Download {
    status: StatusCode,
    headers: ObjectHeaders,
    stream: ObjectStream,
}

impl Download {
    /// The status (200 for the whole object, 206 for a range).
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The object's headers.
    pub fn headers(&self) -> &ObjectHeaders {
        &self.headers
    }

    /// Whether the data is checked against the ETag as it streams.
    pub fn is_verified(&self) -> bool {
        self.stream.is_verified()
    }

    /// The data as a stream of chunks; when verified, it ends with an error on mismatch.
    pub fn into_stream(self) -> ObjectStream {
        self.stream
    }

    /// Splits into headers and data stream.
    pub fn into_parts(self) -> (ObjectHeaders, ObjectStream) {
        (self.headers, self.stream)
    }

    /// Reads the whole object into memory (verified). Only for objects known to be small:
    /// stream anything else with [`Download::into_stream`].
    pub async fn bytes(self) -> Result<Bytes> {
        let mut out = bytes::BytesMut::new();
        let mut s = self.stream;
        while let Some(chunk) = s.try_next().await? {
            out.extend_from_slice(&chunk);
        }
        Ok(out.freeze())
    }

    /// Streams the data into the file at `path` and returns the number of bytes written.
    ///
    /// The data goes to a temporary file beside `path` (`.<name>.partial`), which is synced
    /// and renamed to `path` only once the stream ended without error: a truncated or
    /// corrupt download (a checksum mismatch) never takes the final name, and the temporary
    /// file is removed. An existing file at `path` is replaced.
    pub async fn write_to_path(self, path: impl AsRef<Path>) -> Result<u64> {
        let path = path.as_ref();
        let name = path.file_name().ok_or_else(|| {
            Error::invalid_input(format!("{} names no file to download to", path.display()))
        })?;
        let mut partial_name = std::ffi::OsString::from(".");
        partial_name.push(name);
        partial_name.push(".partial");
        let partial = path.with_file_name(partial_name);
        let result = write_stream(self.stream, &partial, path).await;
        if result.is_err() {
            let _ = tokio::fs::remove_file(&partial).await;
        }
        result
    }
}

async fn write_stream(mut stream: ObjectStream, partial: &Path, path: &Path) -> Result<u64> {
    use tokio::io::AsyncWriteExt;
    let io = |what: &str, p: &Path| {
        let what = format!("{what} {}", p.display());
        move |e: std::io::Error| Error::body(e).context(what)
    };
    let mut file = tokio::fs::File::create(partial)
        .await
        .map_err(io("creating", partial))?;
    let mut n = 0u64;
    while let Some(chunk) = stream.try_next().await? {
        file.write_all(&chunk)
            .await
            .map_err(io("writing", partial))?;
        n += chunk.len() as u64;
    }
    file.sync_all().await.map_err(io("syncing", partial))?;
    drop(file);
    tokio::fs::rename(partial, path)
        .await
        .map_err(io("renaming the download to", path))?;
    Ok(n)
}

/// Downloads an object into the file at `path` (see [`Download::write_to_path`]),
/// verified as it streams like [`download`]; returns the number of bytes written.
///
/// ```no_run
/// # async fn f(swift: &openstack_core::ServiceClient) -> openstack_core::Result<()> {
/// use openstack_objectstore::objects::{self, DownloadOpts};
/// let n = objects::download_to_path(swift, "backups", "2026-11-27.tar.gz", "restore.tar.gz",
///     DownloadOpts::new()).await?;
/// println!("{n} bytes written");
/// # Ok(()) }
/// ```
pub async fn download_to_path(
    client: &ServiceClient,
    container: &str,
    object: &str,
    path: impl AsRef<Path>,
    opts: DownloadOpts,
) -> Result<u64> {
    download(client, container, object, opts)
        .await?
        .write_to_path(path)
        .await
}

/// Downloads an object as a stream. An ordinary object's data is verified against its MD5
/// ETag while it streams; ranges (206), static and dynamic large objects (whose ETag is not
/// the data's MD5) and raw manifests are passed through unverified.
pub async fn download(
    client: &ServiceClient,
    container: &str,
    object: &str,
    opts: DownloadOpts,
) -> Result<Download> {
    let resp = client
        .send(download_request(container, object, &opts)?)
        .await?;
    let status = resp.status();
    let raw_etag = resp.header_str("etag").map(str::to_owned);
    let headers = ObjectHeaders::from_headers(resp.headers());
    let verifiable = !opts.no_verify
        && !opts.raw_manifest
        && status == StatusCode::OK
        && !headers.is_large_object()
        && raw_etag
            .as_deref()
            .is_some_and(|e| !e.starts_with('"') && is_md5_hex(e.trim()));
    let expected = verifiable.then(|| raw_etag.unwrap_or_default().trim().to_owned());
    let stream = ObjectStream::new(
        resp.into_stream(),
        expected,
        format!("the download of {container}/{object}"),
    );
    Ok(Download {
        status,
        headers,
        stream,
    })
}

// ------------------------------------------------------------------ copy

/// Where and how to copy an object.
#[derive(Debug, Clone)]
#[must_use]
pub struct CopyOpts {
    dest_container: String,
    dest_object: String,
    dest_account: Option<String>,
    metadata: Metadata,
    content_type: Option<String>,
    fresh_metadata: bool,
    use_put: bool,
    manifest_only: bool,
}

impl CopyOpts {
    /// Copy to `container/object`.
    pub fn new(dest_container: impl Into<String>, dest_object: impl Into<String>) -> Self {
        CopyOpts {
            dest_container: dest_container.into(),
            dest_object: dest_object.into(),
            dest_account: None,
            metadata: Metadata::new(),
            content_type: None,
            fresh_metadata: false,
            use_put: false,
            manifest_only: false,
        }
    }

    /// Copy into another account (`Destination-Account`, `AUTH_<project>`).
    pub fn dest_account(mut self, account: impl Into<String>) -> Self {
        self.dest_account = Some(account.into());
        self
    }

    /// Sets metadata on the copy (merged with the source's unless
    /// [`CopyOpts::fresh_metadata`]).
    pub fn metadata(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.metadata.insert(name.into(), value.into());
        self
    }

    /// The copy's content type.
    pub fn content_type(mut self, ct: impl Into<String>) -> Self {
        self.content_type = Some(ct.into());
        self
    }

    /// Do not carry the source's metadata over (`X-Fresh-Metadata: true`).
    pub fn fresh_metadata(mut self) -> Self {
        self.fresh_metadata = true;
        self
    }

    /// Send `PUT <destination>` with `X-Copy-From` instead of `COPY <source>` with
    /// `Destination`.
    pub fn use_put(mut self) -> Self {
        self.use_put = true;
        self
    }

    /// For a static large object, copy the manifest, not the joined data
    /// (`?multipart-manifest=get`).
    pub fn manifest_only(mut self) -> Self {
        self.manifest_only = true;
        self
    }
}

/// The request that copies an object (`COPY` with `Destination`, or `PUT` with
/// `X-Copy-From`; 201).
pub fn copy_request(container: &str, object: &str, opts: &CopyOpts) -> Result<Request> {
    let source = format!("/{}", header_ref(container, object)?);
    let dest = format!("/{}", header_ref(&opts.dest_container, &opts.dest_object)?);
    let mut req = if opts.use_put {
        let mut r = Request::put(object_path(&opts.dest_container, &opts.dest_object)?)
            .header("X-Copy-From", &source)?
            .header("Content-Length", "0")?;
        if let Some(a) = &opts.dest_account {
            // With PUT, the request goes to the destination account; name the source's.
            r = r.header("X-Copy-From-Account", a)?;
        }
        r
    } else {
        let method = Method::from_bytes(b"COPY")
            .map_err(|_| Error::invalid_input("the COPY method is not valid"))?;
        let mut r =
            Request::new(method, object_path(container, object)?).header("Destination", &dest)?;
        if let Some(a) = &opts.dest_account {
            r = r.header("Destination-Account", a)?;
        }
        r
    };
    if opts.manifest_only {
        req = req.query_pair("multipart-manifest", "get");
    }
    if let Some(ct) = &opts.content_type {
        req = req.header("Content-Type", ct)?;
    }
    if opts.fresh_metadata {
        req = req.header("X-Fresh-Metadata", "true")?;
    }
    req = apply_metadata(req, "Object", &opts.metadata, &[])?;
    Ok(req.ok_status([201]))
}

/// Copies an object on the server side (no data passes through the client).
pub async fn copy(
    client: &ServiceClient,
    container: &str,
    object: &str,
    opts: CopyOpts,
) -> Result<ObjectHeaders> {
    let resp = client.send(copy_request(container, object, &opts)?).await?;
    Ok(ObjectHeaders::from_headers(resp.headers()))
}

// ------------------------------------------------------------------ update

/// Changes to an object's metadata (`POST`).
///
/// Swift replaces **all** of an object's user metadata with the metadata of a POST: include
/// every name you want to keep. Names left out are removed.
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct UpdateOpts {
    metadata: Metadata,
    content_type: Option<String>,
    delete_at: Option<i64>,
    delete_after: Option<u64>,
    remove_delete_at: bool,
    headers: Vec<(String, String)>,
}

impl UpdateOpts {
    /// No metadata: a POST with nothing removes all user metadata.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `X-Object-Meta-<name>`.
    pub fn metadata(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.metadata.insert(name.into(), value.into());
        self
    }

    /// Sets all metadata at once (for example what [`get`] returned, changed).
    pub fn metadata_map(mut self, metadata: Metadata) -> Self {
        self.metadata = metadata;
        self
    }

    /// Changes the content type.
    pub fn content_type(mut self, ct: impl Into<String>) -> Self {
        self.content_type = Some(ct.into());
        self
    }

    /// Schedules deletion at a Unix time.
    pub fn delete_at(mut self, unix_seconds: i64) -> Self {
        self.delete_at = Some(unix_seconds);
        self
    }

    /// Schedules deletion after a delay.
    pub fn delete_after(mut self, seconds: u64) -> Self {
        self.delete_after = Some(seconds);
        self
    }

    /// Cancels a scheduled deletion (`X-Remove-Delete-At`).
    pub fn remove_delete_at(mut self) -> Self {
        self.remove_delete_at = true;
        self
    }

    /// Any other header.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
}

/// The request that updates an object's metadata (`POST`, 202).
pub fn update_request(container: &str, object: &str, opts: &UpdateOpts) -> Result<Request> {
    let mut req = Request::post(object_path(container, object)?).ok_status([202]);
    req = apply_metadata(req, "Object", &opts.metadata, &[])?;
    if let Some(ct) = &opts.content_type {
        req = req.header("Content-Type", ct)?;
    }
    if let Some(t) = opts.delete_at {
        req = req.header("X-Delete-At", &t.to_string())?;
    }
    if let Some(s) = opts.delete_after {
        req = req.header("X-Delete-After", &s.to_string())?;
    }
    if opts.remove_delete_at {
        req = req.header("X-Remove-Delete-At", "x")?;
    }
    for (k, v) in &opts.headers {
        req = req.header(k, v)?;
    }
    Ok(req)
}

/// Replaces an object's metadata.
pub async fn update(
    client: &ServiceClient,
    container: &str,
    object: &str,
    opts: UpdateOpts,
) -> Result<()> {
    client
        .send_empty(update_request(container, object, &opts)?)
        .await
}

// ------------------------------------------------------------------ delete

/// The request that deletes an object (`DELETE`, 204).
pub fn delete_request(container: &str, object: &str) -> Result<Request> {
    Ok(Request::delete(object_path(container, object)?).ok_status([204]))
}

/// Deletes an object. For a static large object this deletes only the manifest; use
/// [`crate::large_objects::delete_slo`] to delete its segments too.
pub async fn delete(client: &ServiceClient, container: &str, object: &str) -> Result<()> {
    client.send_empty(delete_request(container, object)?).await
}

// ------------------------------------------------------------------ bulk

/// One failed item of a bulk operation: its path and the status Swift gave it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "(String, String)", into = "(String, String)")]
#[non_exhaustive]
pub struct BulkItemError {
    /// The item's path (`/container/object`, as Swift reports it: URL-encoded).
    pub path: String,
    /// The status (`409 Conflict`, `401 Unauthorized` ...).
    pub status: String,
}

impl From<(String, String)> for BulkItemError {
    fn from((path, status): (String, String)) -> Self {
        BulkItemError { path, status }
    }
}

impl From<BulkItemError> for (String, String) {
    fn from(e: BulkItemError) -> Self {
        (e.path, e.status)
    }
}

/// The result of a bulk delete (also of deleting a static large object with its segments).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct BulkDeleteResult {
    /// `Number Deleted`.
    #[serde(rename = "Number Deleted", default)]
    pub number_deleted: u64,
    /// `Number Not Found` (not an error: the item is gone either way).
    #[serde(rename = "Number Not Found", default)]
    pub number_not_found: u64,
    /// `Response Status` (`200 OK`, or `400 Bad Request` when something failed).
    #[serde(rename = "Response Status", default)]
    pub response_status: String,
    /// `Response Body`: a message for failures of the whole request.
    #[serde(rename = "Response Body", default)]
    pub response_body: String,
    /// `Errors`: the items that could not be deleted.
    #[serde(rename = "Errors", default)]
    pub errors: Vec<BulkItemError>,
}

impl BulkDeleteResult {
    /// Whether every item was deleted (or already gone).
    pub fn is_success(&self) -> bool {
        self.errors.is_empty()
            && (self.response_status.is_empty() || self.response_status.starts_with('2'))
    }

    fn merge(&mut self, other: BulkDeleteResult) {
        self.number_deleted += other.number_deleted;
        self.number_not_found += other.number_not_found;
        if self.response_status.is_empty() || self.response_status.starts_with('2') {
            self.response_status = other.response_status;
            self.response_body = other.response_body;
        }
        self.errors.extend(other.errors);
    }
}

/// The most paths one bulk-delete request carries (Swift's default
/// `max_deletes_per_request`); [`bulk_delete`] splits longer lists.
pub const BULK_DELETE_BATCH: usize = 10_000;

/// The request that deletes many objects at once (`POST /?bulk-delete`, a
/// `text/plain` body of URL-encoded `/container/object` lines).
pub fn bulk_delete_request<C, O>(items: impl IntoIterator<Item = (C, O)>) -> Result<Request>
where
    C: AsRef<str>,
    O: AsRef<str>,
{
    let mut body = String::new();
    for (c, o) in items {
        let (c, o) = (c.as_ref(), o.as_ref());
        if c.is_empty() {
            return Err(Error::invalid_input(
                "a bulk-delete item has an empty container name",
            ));
        }
        body.push('/');
        body.push_str(&openstack_core::encode_path_segment(c));
        if !o.is_empty() {
            body.push('/');
            body.push_str(&encode_object_name(o));
        }
        body.push('\n');
    }
    Ok(Request::post("")
        .query_pair("bulk-delete", "")
        .header("Content-Type", "text/plain")?
        .header("Accept", "application/json")?
        .body(body)
        .ok_status([200]))
}

/// Deletes many objects (`(container, object)` pairs; an empty object name deletes the
/// container itself, which must be empty) in as few requests as possible. Per-item failures
/// are in [`BulkDeleteResult::errors`]; they do not make this function fail.
pub async fn bulk_delete<C, O>(
    client: &ServiceClient,
    items: impl IntoIterator<Item = (C, O)>,
) -> Result<BulkDeleteResult>
where
    C: AsRef<str>,
    O: AsRef<str>,
{
    let mut total = BulkDeleteResult::default();
    let mut batch: Vec<(C, O)> = Vec::new();
    let mut iter = items.into_iter().peekable();
    while iter.peek().is_some() {
        batch.clear();
        batch.extend(iter.by_ref().take(BULK_DELETE_BATCH));
        let req = bulk_delete_request(batch.drain(..))?;
        let result: BulkDeleteResult = client.send_json(req).await?;
        total.merge(result);
    }
    Ok(total)
}

/// An archive format for [`extract_archive`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ArchiveFormat {
    /// An uncompressed tar.
    Tar,
    /// A gzip-compressed tar.
    TarGz,
    /// A bzip2-compressed tar.
    TarBz2,
}

impl ArchiveFormat {
    /// The value of `?extract-archive=`.
    pub fn as_str(self) -> &'static str {
        match self {
            ArchiveFormat::Tar => "tar",
            ArchiveFormat::TarGz => "tar.gz",
            ArchiveFormat::TarBz2 => "tar.bz2",
        }
    }
}

/// The result of an archive extraction.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ExtractArchiveResult {
    /// `Number Files Created`.
    #[serde(rename = "Number Files Created", default)]
    pub number_files_created: u64,
    /// `Response Status` (`201 Created` on success).
    #[serde(rename = "Response Status", default)]
    pub response_status: String,
    /// `Response Body`.
    #[serde(rename = "Response Body", default)]
    pub response_body: String,
    /// `Errors`: the files that could not be created.
    #[serde(rename = "Errors", default)]
    pub errors: Vec<BulkItemError>,
}

impl ExtractArchiveResult {
    /// Whether every file was created.
    pub fn is_success(&self) -> bool {
        self.errors.is_empty() && self.response_status.starts_with('2')
    }
}

/// The request that uploads an archive and unpacks it (`PUT /{container}?extract-archive=..`;
/// without a container, the archive's top-level folders name the containers).
pub fn extract_archive_request(
    container: Option<&str>,
    format: ArchiveFormat,
    archive: impl Into<Body>,
) -> Result<Request> {
    let path = match container {
        Some(c) => container_path(c)?,
        None => String::new(),
    };
    Ok(Request::put(path)
        .query_pair("extract-archive", format.as_str())
        .header("Accept", "application/json")?
        .body(archive)
        .ok_status([200, 201]))
}

/// Uploads an archive (streamed) and lets Swift unpack it into objects.
pub async fn extract_archive(
    client: &ServiceClient,
    container: Option<&str>,
    format: ArchiveFormat,
    archive: impl Into<Body>,
) -> Result<ExtractArchiveResult> {
    let resp = client
        .send(extract_archive_request(container, format, archive)?)
        .await?;
    let what = "the extract-archive result";
    let bytes = resp.bytes().await?;
    decode_json(&bytes, what)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_entries_decode() {
        let v: Vec<ListEntry> = serde_json::from_str(
            r#"[{"subdir": "photos/"}, {"name": "a", "hash": "h", "bytes": 1,
                 "content_type": "t", "last_modified": "2014-01-15T16:41:49.390270"}]"#,
        )
        .expect("decode");
        assert_eq!(v[0], ListEntry::Subdir("photos/".into()));
        assert!(v[0].is_subdir());
        let o = v[1].as_object().expect("object");
        assert_eq!(o.bytes, 1);
        assert_eq!(o.last_modified.expect("lm").year(), 2014);
        assert_eq!(v[1].name(), "a");
        assert!(serde_json::from_str::<ListEntry>("{}").is_err());
    }

    #[test]
    fn upload_request_shape() {
        let r = upload_request(
            "c",
            "d/e f",
            "hello",
            &UploadOpts::new()
                .content_type("text/plain")
                .metadata("Color", "blue")
                .delete_after(60)
                .if_none_match_any(),
        )
        .expect("req");
        assert_eq!(r.method(), Method::PUT);
        assert_eq!(r.path(), "c/d/e%20f");
        let h = r.headers();
        assert_eq!(h["etag"], md5_hex(b"hello"));
        assert_eq!(h["content-type"], "text/plain");
        assert_eq!(h["x-object-meta-color"], "blue");
        assert_eq!(h["x-delete-after"], "60");
        assert_eq!(h["if-none-match"], "*");
        assert_eq!(h["content-length"], "5");
        let r = upload_request("c", "empty", Bytes::new(), &UploadOpts::new()).expect("req");
        assert_eq!(r.headers()["content-length"], "0");
        let stream = futures::stream::iter(vec![Ok::<_, std::io::Error>(Bytes::from("x"))]);
        let r = upload_request(
            "c",
            "o",
            Body::from_stream(stream),
            &UploadOpts::new().content_length(1),
        )
        .expect("req");
        assert_eq!(r.headers()["content-length"], "1");
        assert!(r.headers().get("etag").is_none());
    }

    #[test]
    fn download_request_shape() {
        let t = OffsetDateTime::from_unix_timestamp(1_389_805_055).expect("t");
        let r = download_request(
            "c",
            "o#1",
            &DownloadOpts::new()
                .range(0, 99)
                .if_match("abc")
                .if_modified_since(t),
        )
        .expect("req");
        assert_eq!(r.path(), "c/o%231");
        let h = r.headers();
        assert_eq!(h["range"], "bytes=0-99");
        assert_eq!(h["if-match"], "abc");
        assert_eq!(h["if-modified-since"], "Wed, 15 Jan 2014 16:57:35 GMT");
        let r = download_request("c", "o", &DownloadOpts::new().range_last(5).raw_manifest())
            .expect("req");
        assert_eq!(r.headers()["range"], "bytes=-5");
        assert_eq!(r.query_string(), Some("multipart-manifest=get"));
    }

    #[test]
    fn copy_request_shape() {
        let r = copy_request(
            "src c",
            "a/b?",
            &CopyOpts::new("dst", "x y").metadata("k", "v"),
        )
        .expect("req");
        assert_eq!(r.method().as_str(), "COPY");
        assert_eq!(r.path(), "src%20c/a/b%3F");
        assert_eq!(r.headers()["destination"], "/dst/x%20y");
        assert_eq!(r.headers()["x-object-meta-k"], "v");
        let r = copy_request(
            "s",
            "o",
            &CopyOpts::new("d", "p").use_put().fresh_metadata(),
        )
        .expect("req");
        assert_eq!(r.method(), Method::PUT);
        assert_eq!(r.path(), "d/p");
        assert_eq!(r.headers()["x-copy-from"], "/s/o");
        assert_eq!(r.headers()["x-fresh-metadata"], "true");
    }

    #[test]
    fn bulk_delete_request_shape() {
        let r = bulk_delete_request([("c", "a b"), ("c", "d/e?#%"), ("empty", "")]).expect("req");
        assert_eq!(r.method(), Method::POST);
        assert_eq!(r.query_string(), Some("bulk-delete="));
        assert_eq!(r.headers()["content-type"], "text/plain");
        assert_eq!(
            r.body_ref().as_bytes().expect("bytes"),
            b"/c/a%20b\n/c/d/e%3F%23%25\n/empty\n"
        );
    }

    #[test]
    fn bulk_results_decode() {
        let r: BulkDeleteResult = serde_json::from_str(
            r#" {"Number Not Found": 1, "Response Status": "400 Bad Request", "Response Body": "",
                "Errors": [["/c/o", "409 Conflict"]], "Number Deleted": 2}"#,
        )
        .expect("decode");
        assert_eq!(r.number_deleted, 2);
        assert_eq!(r.errors[0].status, "409 Conflict");
        assert!(!r.is_success());
    }

    #[test]
    fn extract_request_shape() {
        let r = extract_archive_request(Some("c"), ArchiveFormat::TarGz, "x").expect("req");
        assert_eq!(r.path(), "c");
        assert_eq!(r.query_string(), Some("extract-archive=tar.gz"));
        let r = extract_archive_request(None, ArchiveFormat::Tar, "x").expect("req");
        assert_eq!(r.path(), "");
    }
}
