//! Large objects: a byte stream split into segments uploaded in parallel, joined by a
//! manifest — static (SLO: `?multipart-manifest=put` with each segment's path, ETag and
//! size) or dynamic (DLO: `X-Object-Manifest: container/prefix`).
//!
//! Memory stays bounded: at most `concurrency` segments are in flight, plus the one being
//! filled, so an upload holds about `(concurrency + 1) × segment_size` bytes whatever the
//! object's size. Downloading a large object is an ordinary [`crate::objects::download`]
//! (Swift joins the segments).
//!
//! ```no_run
//! # async fn f(swift: openstack_core::ServiceClient, data: openstack_core::Body) -> openstack_core::Result<()> {
//! use openstack_objectstore::large_objects::{self, SloUploadOpts};
//! let up = large_objects::upload_slo(&swift, "videos", "talk.mp4", data,
//!     SloUploadOpts::new(64 * 1024 * 1024).concurrency(4)).await?;
//! println!("{} segments, {} bytes", up.segments.len(), up.bytes);
//! # Ok(()) }
//! ```

use std::time::{SystemTime, UNIX_EPOCH};

use bytes::{Bytes, BytesMut};
use futures::{Stream, StreamExt, TryStreamExt};
use openstack_core::{Body, BodyStream, Error, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};

use crate::containers;
use crate::objects::{self, BulkDeleteResult, UploadOpts};
use crate::util::{apply_metadata, header_string, object_path, unquote_etag, Metadata};

/// One segment of a static large object, as the manifest lists it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SloSegment {
    /// `/container/object` of the segment (not URL-encoded: Swift encodes it itself).
    pub path: String,
    /// The segment's MD5 (ETag).
    pub etag: String,
    /// The segment's size.
    pub size_bytes: u64,
}

impl SloSegment {
    /// A segment entry.
    pub fn new(container: &str, object: &str, etag: impl Into<String>, size_bytes: u64) -> Self {
        SloSegment {
            path: format!("/{container}/{object}"),
            etag: etag.into(),
            size_bytes,
        }
    }
}

/// Options for [`upload_slo`] and [`upload_dlo`].
#[derive(Debug, Clone)]
#[must_use]
pub struct SloUploadOpts {
    segment_size: usize,
    concurrency: usize,
    segment_container: Option<String>,
    segment_prefix: Option<String>,
    content_type: Option<String>,
    metadata: Metadata,
    keep_segments_on_failure: bool,
}

/// Options for [`upload_dlo`] (the same as for static large objects).
pub type DloUploadOpts = SloUploadOpts;

impl SloUploadOpts {
    /// Segments of `segment_size` bytes (the last one may be shorter), two uploaded at a
    /// time, into the container `<container>_segments`.
    pub fn new(segment_size: usize) -> Self {
        SloUploadOpts {
            segment_size,
            concurrency: 2,
            segment_container: None,
            segment_prefix: None,
            content_type: None,
            metadata: Metadata::new(),
            keep_segments_on_failure: false,
        }
    }

    /// How many segments upload at once (and so are held in memory).
    pub fn concurrency(mut self, n: usize) -> Self {
        self.concurrency = n.max(1);
        self
    }

    /// The container for the segments (`<container>_segments` unless set; created if
    /// missing).
    pub fn segment_container(mut self, c: impl Into<String>) -> Self {
        self.segment_container = Some(c.into());
        self
    }

    /// The segments' name prefix (`<object>/slo/<timestamp>/` unless set); segment `i` is
    /// `<prefix><i as 8 digits>`.
    pub fn segment_prefix(mut self, p: impl Into<String>) -> Self {
        self.segment_prefix = Some(p.into());
        self
    }

    /// The large object's content type.
    pub fn content_type(mut self, ct: impl Into<String>) -> Self {
        self.content_type = Some(ct.into());
        self
    }

    /// Adds `X-Object-Meta-<name>` to the large object.
    pub fn metadata(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.metadata.insert(name.into(), value.into());
        self
    }

    /// Leave the uploaded segments in place when the upload fails (they are deleted
    /// unless set).
    pub fn keep_segments_on_failure(mut self) -> Self {
        self.keep_segments_on_failure = true;
        self
    }
}

/// The outcome of a large-object upload.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct LargeObjectUpload {
    /// The segments, in order.
    pub segments: Vec<SloSegment>,
    /// The container holding the segments.
    pub segment_container: String,
    /// The total size.
    pub bytes: u64,
    /// The manifest's ETag as Swift returned it (unquoted).
    pub etag: Option<String>,
}

/// Splits a stream of chunks into segments of `size` bytes (the last may be shorter),
/// holding at most one segment plus one chunk.
pub(crate) fn segments(
    stream: BodyStream,
    size: usize,
) -> impl Stream<Item = Result<Bytes>> + Send {
    let size = size.max(1);
    futures::stream::try_unfold(
        (stream, BytesMut::new(), false),
        move |(mut s, mut buf, mut eof)| async move {
            while !eof && buf.len() < size {
                match s.try_next().await? {
                    Some(chunk) => {
                        if buf.capacity() == 0 {
                            buf.reserve(size.max(chunk.len()));
                        }
                        buf.extend_from_slice(&chunk);
                    }
                    None => eof = true,
                }
            }
            if buf.is_empty() {
                return Ok(None);
            }
            let seg = if buf.len() > size {
                buf.split_to(size).freeze()
            } else {
                buf.split().freeze()
            };
            Ok(Some((seg, (s, buf, eof))))
        },
    )
}

fn default_prefix(object: &str, kind: &str, segment_size: usize) -> String {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| format!("{}.{:09}", d.as_secs(), d.subsec_nanos()))
        .unwrap_or_default();
    format!("{object}/{kind}/{now}/{segment_size}/")
}

/// Uploads segments with bounded parallelism; on failure deletes what was uploaded (unless
/// asked not to) and returns the first error.
async fn upload_segments(
    client: &ServiceClient,
    seg_container: &str,
    prefix: &str,
    data: Body,
    opts: &SloUploadOpts,
) -> Result<Vec<SloSegment>> {
    if opts.segment_size == 0 {
        return Err(Error::invalid_input(
            "the segment size must be at least 1 byte",
        ));
    }
    containers::create(client, seg_container, containers::CreateOpts::new()).await?;
    // Every segment name an upload was started for, so that a failure cleans up also the
    // uploads that were cancelled in flight (deleting a name that never landed is harmless).
    let started = std::sync::Mutex::new(Vec::<String>::new());
    let started_ref = &started;
    let mut uploads = Box::pin(
        segments(data.into_stream(), opts.segment_size)
            .enumerate()
            .map(|(i, seg)| async move {
                let name = format!("{prefix}{i:08}");
                let seg = seg?;
                let len = seg.len() as u64;
                started_ref
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .push(name.clone());
                let put =
                    objects::upload(client, seg_container, &name, seg, UploadOpts::new()).await?;
                Ok::<_, Error>((i, SloSegment::new(seg_container, &name, put.etag, len)))
            })
            .buffer_unordered(opts.concurrency),
    );
    let mut done: Vec<(usize, SloSegment)> = Vec::new();
    let mut failure = None;
    while let Some(r) = uploads.next().await {
        match r {
            Ok(s) => done.push(s),
            Err(e) => {
                failure = Some(e);
                break;
            }
        }
    }
    // Cancels the uploads still in flight.
    drop(uploads);
    if let Some(e) = failure {
        let names = started.into_inner().unwrap_or_else(|p| p.into_inner());
        cleanup(client, seg_container, names, opts, &e).await;
        return Err(e);
    }
    done.sort_by_key(|(i, _)| *i);
    Ok(done.into_iter().map(|(_, s)| s).collect())
}

async fn cleanup(
    client: &ServiceClient,
    seg_container: &str,
    names: Vec<String>,
    opts: &SloUploadOpts,
    cause: &Error,
) {
    if opts.keep_segments_on_failure || names.is_empty() {
        tracing::warn!(
            segments = names.len(),
            seg_container,
            "large object upload failed ({cause}); uploaded segments left in place"
        );
        return;
    }
    let items: Vec<(&str, String)> = names.into_iter().map(|n| (seg_container, n)).collect();
    match objects::bulk_delete(client, items).await {
        Ok(r) if r.is_success() => {}
        Ok(r) => {
            tracing::warn!(errors = ?r.errors, "could not delete every segment of a failed upload")
        }
        Err(e) => tracing::warn!("could not delete the segments of a failed upload: {e}"),
    }
}

async fn cleanup_segments(
    client: &ServiceClient,
    segs: &[SloSegment],
    opts: &SloUploadOpts,
    seg_container: &str,
    cause: &Error,
) {
    let prefix = format!("/{seg_container}/");
    let names = segs
        .iter()
        .filter_map(|s| s.path.strip_prefix(&prefix).map(str::to_owned))
        .collect();
    cleanup(client, seg_container, names, opts, cause).await;
}

/// The request that stores a static large object's manifest
/// (`PUT ?multipart-manifest=put`, 201).
pub fn slo_manifest_request(
    container: &str,
    object: &str,
    segments: &[SloSegment],
    content_type: Option<&str>,
    metadata: &Metadata,
) -> Result<Request> {
    let body = serde_json::to_vec(segments)
        .map_err(|e| Error::invalid_input(format!("cannot encode the SLO manifest: {e}")))?;
    let mut req = Request::put(object_path(container, object)?)
        .query_pair("multipart-manifest", "put")
        .body(body)
        .ok_status([201]);
    if let Some(ct) = content_type {
        req = req.header("Content-Type", ct)?;
    }
    apply_metadata(req, "Object", metadata, &[])
}

/// Uploads a static large object: the data (a stream or bytes) is cut into segments, which
/// are uploaded (at most `concurrency` at a time, each verified by MD5), then the manifest
/// is stored. If anything fails, the uploaded segments are deleted (unless
/// [`SloUploadOpts::keep_segments_on_failure`]) and the error is returned.
///
/// Empty data makes an ordinary empty object (a manifest needs at least one segment).
pub async fn upload_slo(
    client: &ServiceClient,
    container: &str,
    object: &str,
    data: impl Into<Body>,
    opts: SloUploadOpts,
) -> Result<LargeObjectUpload> {
    object_path(container, object)?;
    let seg_container = opts
        .segment_container
        .clone()
        .unwrap_or_else(|| format!("{container}_segments"));
    let prefix = opts
        .segment_prefix
        .clone()
        .unwrap_or_else(|| default_prefix(object, "slo", opts.segment_size));
    let segs = upload_segments(client, &seg_container, &prefix, data.into(), &opts).await?;
    if segs.is_empty() {
        let mut up = UploadOpts::new();
        if let Some(ct) = &opts.content_type {
            up = up.content_type(ct);
        }
        for (k, v) in &opts.metadata {
            up = up.metadata(k, v);
        }
        let put = objects::upload(client, container, object, Bytes::new(), up).await?;
        return Ok(LargeObjectUpload {
            segments: segs,
            segment_container: seg_container,
            bytes: 0,
            etag: Some(put.etag),
        });
    }
    let bytes = segs.iter().map(|s| s.size_bytes).sum();
    let req = slo_manifest_request(
        container,
        object,
        &segs,
        opts.content_type.as_deref(),
        &opts.metadata,
    )?;
    match client.send(req).await {
        Ok(resp) => Ok(LargeObjectUpload {
            etag: header_string(resp.headers(), "etag").map(|e| unquote_etag(&e)),
            segments: segs,
            segment_container: seg_container,
            bytes,
        }),
        Err(e) => {
            cleanup_segments(client, &segs, &opts, &seg_container, &e).await;
            Err(e)
        }
    }
}

/// Uploads a dynamic large object: segments `<prefix><i>` in the segment container, then an
/// empty manifest object with `X-Object-Manifest: <segment container>/<prefix>`. Swift joins
/// whatever objects carry the prefix, in name order, when the object is read.
pub async fn upload_dlo(
    client: &ServiceClient,
    container: &str,
    object: &str,
    data: impl Into<Body>,
    opts: DloUploadOpts,
) -> Result<LargeObjectUpload> {
    object_path(container, object)?;
    let seg_container = opts
        .segment_container
        .clone()
        .unwrap_or_else(|| format!("{container}_segments"));
    let prefix = opts
        .segment_prefix
        .clone()
        .unwrap_or_else(|| default_prefix(object, "dlo", opts.segment_size));
    let segs = upload_segments(client, &seg_container, &prefix, data.into(), &opts).await?;
    let bytes = segs.iter().map(|s| s.size_bytes).sum();
    let mut up = UploadOpts::new().object_manifest(&seg_container, &prefix);
    if let Some(ct) = &opts.content_type {
        up = up.content_type(ct);
    }
    for (k, v) in &opts.metadata {
        up = up.metadata(k, v);
    }
    match objects::upload(client, container, object, Bytes::new(), up).await {
        Ok(put) => Ok(LargeObjectUpload {
            etag: Some(put.etag),
            segments: segs,
            segment_container: seg_container,
            bytes,
        }),
        Err(e) => {
            cleanup_segments(client, &segs, &opts, &seg_container, &e).await;
            Err(e)
        }
    }
}

/// The request that reads a static large object's manifest (`GET ?multipart-manifest=get`).
pub fn get_manifest_request(container: &str, object: &str) -> Result<Request> {
    Ok(Request::get(object_path(container, object)?)
        .query_pair("multipart-manifest", "get")
        .ok_status([200]))
}

/// A segment as `?multipart-manifest=get` lists it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ManifestEntry {
    /// `/container/object` of the segment.
    pub name: String,
    /// The segment's MD5.
    #[serde(default)]
    pub hash: String,
    /// Its size.
    #[serde(default)]
    pub bytes: u64,
    /// Its content type.
    #[serde(default)]
    pub content_type: String,
    /// A byte range within the segment, if the manifest uses one.
    #[serde(default)]
    pub range: Option<String>,
}

/// Reads a static large object's manifest (its segments).
pub async fn get_manifest(
    client: &ServiceClient,
    container: &str,
    object: &str,
) -> Result<Vec<ManifestEntry>> {
    client
        .send_json(get_manifest_request(container, object)?)
        .await
}

/// The request that deletes a static large object and its segments
/// (`DELETE ?multipart-manifest=delete`, a bulk-delete result).
pub fn delete_slo_request(container: &str, object: &str) -> Result<Request> {
    Request::delete(object_path(container, object)?)
        .query_pair("multipart-manifest", "delete")
        .header("Accept", "application/json")
        .map(|r| r.ok_status([200]))
}

/// Deletes a static large object with all its segments.
pub async fn delete_slo(
    client: &ServiceClient,
    container: &str,
    object: &str,
) -> Result<BulkDeleteResult> {
    client
        .send_json(delete_slo_request(container, object)?)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(chunks: Vec<&'static [u8]>) -> BodyStream {
        let v: Vec<std::result::Result<Bytes, std::io::Error>> = chunks
            .into_iter()
            .map(|c| Ok(Bytes::from_static(c)))
            .collect();
        Body::from_stream(futures::stream::iter(v)).into_stream()
    }

    #[tokio::test]
    async fn segmenting_is_exact() {
        let segs: Vec<Bytes> = segments(body(vec![b"abcde", b"f", b"ghijklm"]), 4)
            .try_collect()
            .await
            .expect("segments");
        let v: Vec<&[u8]> = segs.iter().map(|b| &b[..]).collect();
        assert_eq!(v, vec![&b"abcd"[..], b"efgh", b"ijkl", b"m"]);
        let segs: Vec<Bytes> = segments(body(vec![]), 4)
            .try_collect()
            .await
            .expect("segments");
        assert!(segs.is_empty());
        let segs: Vec<Bytes> = segments(body(vec![b"abcd", b"efgh"]), 4)
            .try_collect()
            .await
            .expect("s");
        assert_eq!(segs.len(), 2);
    }

    #[test]
    fn manifest_request() {
        let segs = vec![
            SloSegment::new("segs", "a b/00000000", "e1", 3),
            SloSegment::new("segs", "a b/00000001", "e2", 1),
        ];
        let r = slo_manifest_request("c", "a b", &segs, Some("video/mp4"), &Metadata::new())
            .expect("req");
        assert_eq!(r.path(), "c/a%20b");
        assert_eq!(r.query_string(), Some("multipart-manifest=put"));
        assert_eq!(r.headers()["content-type"], "video/mp4");
        assert_eq!(
            r.json_body().expect("json"),
            serde_json::json!([
                {"path": "/segs/a b/00000000", "etag": "e1", "size_bytes": 3},
                {"path": "/segs/a b/00000001", "etag": "e2", "size_bytes": 1}
            ])
        );
        let r = delete_slo_request("c", "o").expect("req");
        assert_eq!(r.query_string(), Some("multipart-manifest=delete"));
    }
}
