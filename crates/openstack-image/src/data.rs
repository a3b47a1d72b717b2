//! Image data: streamed upload (`PUT /v2/images/{id}/file`), staging for import
//! (`PUT /v2/images/{id}/stage`), and streamed download (`GET /v2/images/{id}/file`)
//! verified as it streams against the image's `os_hash_value` (usually SHA-512) and MD5
//! `checksum`.
//!
//! Nothing here holds a whole image in memory: uploads take a [`Body`] (bytes, or a stream
//! made with [`Body::from_stream`]), and [`ImageData`] is a [`Stream`] of chunks that hashes
//! each chunk as it passes and yields an error at the end if a digest does not match.
//!
//! ```no_run
//! # async fn f(glance: openstack_core::ServiceClient) -> openstack_core::Result<()> {
//! use futures::TryStreamExt;
//! use openstack_core::Body;
//!
//! // Upload a stream of chunks (here from memory; a file works the same way).
//! let chunks = futures::stream::iter((0..4).map(|_| Ok::<_, std::io::Error>(
//!     bytes::Bytes::from(vec![7u8; 1 << 20]))));
//! openstack_image::data::upload(&glance, "IMAGE_ID", Body::from_stream(chunks)).await?;
//!
//! // Download and verify.
//! let mut data = openstack_image::data::download(&glance, "IMAGE_ID").await?;
//! let mut n = 0;
//! while let Some(chunk) = data.try_next().await? {
//!     n += chunk.len();
//! }
//! println!("{n} bytes, checksums verified");
//! # Ok(()) }
//! ```

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use futures::Stream;
use md5::Md5;
use openstack_core::{Body, BodyStream, Error, Request, Result, ServiceClient};
use sha2::Digest;

use crate::images::{self, Image};
use crate::util::item_path;

/// `PUT images/{id}/file` with `Content-Type: application/octet-stream`.
pub fn upload_request(id: &str, body: impl Into<Body>) -> Result<Request> {
    Ok(Request::put(format!("{}/file", item_path("images", id)))
        .header("Content-Type", "application/octet-stream")?
        .body(body)
        .ok_status([204]))
}

/// Uploads an image's data (the image must be `queued`). A streamed body is sent as it is
/// read, never buffered (and therefore never retried).
pub async fn upload(client: &ServiceClient, id: &str, body: impl Into<Body>) -> Result<()> {
    client.send_empty(upload_request(id, body)?).await
}

/// `PUT images/{id}/stage` with `Content-Type: application/octet-stream`.
pub fn stage_request(id: &str, body: impl Into<Body>) -> Result<Request> {
    Ok(Request::put(format!("{}/stage", item_path("images", id)))
        .header("Content-Type", "application/octet-stream")?
        .body(body)
        .ok_status([204]))
}

/// Stages an image's data for a `glance-direct` import (see [`crate::imports`]).
pub async fn stage(client: &ServiceClient, id: &str, body: impl Into<Body>) -> Result<()> {
    client.send_empty(stage_request(id, body)?).await
}

/// `GET images/{id}/file`.
pub fn download_request(id: &str) -> Request {
    Request::get(format!("{}/file", item_path("images", id))).ok_status([200, 204, 206])
}

/// The digests a download must match. Empty fields are not checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Checksums {
    /// The hex MD5 (Glance's `checksum`, also sent as `Content-MD5` on download).
    pub md5: Option<String>,
    /// The algorithm of `hash_value` (`sha512`, `sha384`, `sha256`, `sha1`, `md5`).
    pub hash_algo: Option<String>,
    /// The hex digest with `hash_algo` (Glance's `os_hash_value`).
    pub hash_value: Option<String>,
}

impl Checksums {
    /// No verification.
    pub fn none() -> Self {
        Self::default()
    }

    /// The checksums recorded on an image.
    pub fn of(image: &Image) -> Self {
        Checksums {
            md5: image.checksum.clone().filter(|s| !s.is_empty()),
            hash_algo: image.os_hash_algo.clone().filter(|s| !s.is_empty()),
            hash_value: image.os_hash_value.clone().filter(|s| !s.is_empty()),
        }
    }

    /// An MD5 to check.
    #[must_use]
    pub fn md5(mut self, hex: impl Into<String>) -> Self {
        self.md5 = Some(hex.into());
        self
    }

    /// A multihash (`algo`, hex digest) to check.
    #[must_use]
    pub fn hash(mut self, algo: impl Into<String>, hex: impl Into<String>) -> Self {
        self.hash_algo = Some(algo.into());
        self.hash_value = Some(hex.into());
        self
    }
}

/// Downloads an image's data as a verified stream: the image is read first for its
/// `os_hash_algo`/`os_hash_value` and `checksum`, then the data is streamed. The stream ends
/// with an error if a digest does not match.
///
/// An `os_hash_algo` this crate does not implement is not checked (the MD5 still is).
pub async fn download(client: &ServiceClient, id: &str) -> Result<ImageData> {
    let image = images::get(client, id).await?;
    download_image(client, &image).await
}

/// Like [`download`], for an image already at hand (no extra request for its checksums).
pub async fn download_image(client: &ServiceClient, image: &Image) -> Result<ImageData> {
    download_with(client, &image.id, Checksums::of(image)).await
}

/// Downloads an image's data verified against `expected` (and against the response's
/// `Content-MD5` when `expected` has no MD5). [`Checksums::none`] verifies nothing.
pub async fn download_with(
    client: &ServiceClient,
    id: &str,
    expected: Checksums,
) -> Result<ImageData> {
    let resp = client.send(download_request(id)).await?;
    let mut expected = expected;
    if expected.md5.is_none() {
        expected.md5 = resp
            .header_str("content-md5")
            .map(str::to_owned)
            .filter(|s| s.len() == 32 && s.bytes().all(|b| b.is_ascii_hexdigit()));
    }
    let content_length = resp
        .header_str("content-length")
        .and_then(|s| s.parse().ok());
    Ok(ImageData::new(resp.into_stream(), expected, content_length))
}

enum Hasher {
    Md5(Md5),
    Sha1(sha1::Sha1),
    Sha256(sha2::Sha256),
    Sha384(sha2::Sha384),
    Sha512(sha2::Sha512),
}

impl Hasher {
    fn new(algo: &str) -> Option<Hasher> {
        Some(match algo.to_ascii_lowercase().replace('-', "").as_str() {
            "md5" => Hasher::Md5(Md5::new()),
            "sha1" => Hasher::Sha1(sha1::Sha1::new()),
            "sha256" => Hasher::Sha256(sha2::Sha256::new()),
            "sha384" => Hasher::Sha384(sha2::Sha384::new()),
            "sha512" => Hasher::Sha512(sha2::Sha512::new()),
            _ => return None,
        })
    }

    fn update(&mut self, data: &[u8]) {
        match self {
            Hasher::Md5(h) => h.update(data),
            Hasher::Sha1(h) => h.update(data),
            Hasher::Sha256(h) => h.update(data),
            Hasher::Sha384(h) => h.update(data),
            Hasher::Sha512(h) => h.update(data),
        }
    }

    fn finish(self) -> String {
        match self {
            Hasher::Md5(h) => hex::encode(h.finalize()),
            Hasher::Sha1(h) => hex::encode(h.finalize()),
            Hasher::Sha256(h) => hex::encode(h.finalize()),
            Hasher::Sha384(h) => hex::encode(h.finalize()),
            Hasher::Sha512(h) => hex::encode(h.finalize()),
        }
    }
}

/// A stream of image data chunks that verifies digests as it goes: each chunk is hashed as
/// it passes through, and after the last one the stream yields an error (kind
/// [`Body`](openstack_core::ErrorKind::Body)) if a digest does not match, instead of ending.
pub struct ImageData {
    inner: Pin<Box<dyn Stream<Item = Result<Bytes>> + Send>>,
    md5: Option<(Md5, String)>,
    multihash: Option<(Hasher, String, String)>,
    content_length: Option<u64>,
    received: u64,
    done: bool,
}

impl fmt::Debug for ImageData {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ImageData")
            .field("verifies_md5", &self.md5.is_some())
            .field(
                "verifies",
                &self.multihash.as_ref().map(|(_, algo, _)| algo.as_str()),
            )
            .field("content_length", &self.content_length)
            .field("received", &self.received)
            .finish()
    }
}

impl ImageData {
    /// Wraps any stream of chunks with verification against `expected`.
    pub fn new(
        stream: impl Stream<Item = Result<Bytes>> + Send + 'static,
        expected: Checksums,
        content_length: Option<u64>,
    ) -> Self {
        let md5 = expected
            .md5
            .map(|want| (Md5::new(), want.to_ascii_lowercase()));
        let multihash = match (expected.hash_algo, expected.hash_value) {
            (Some(algo), Some(want)) => {
                Hasher::new(&algo).map(|h| (h, algo, want.to_ascii_lowercase()))
            }
            _ => None,
        };
        ImageData {
            inner: Box::pin(stream),
            md5,
            multihash,
            content_length,
            received: 0,
            done: false,
        }
    }

    /// Wraps a response body stream (see [`ImageData::new`]).
    pub fn from_body(stream: BodyStream, expected: Checksums) -> Self {
        Self::new(stream, expected, None)
    }

    /// The length the server announced, if any.
    pub fn content_length(&self) -> Option<u64> {
        self.content_length
    }

    /// Bytes received so far.
    pub fn received(&self) -> u64 {
        self.received
    }

    /// Whether a multihash (`os_hash_value`) is being verified (false when none was given or
    /// its algorithm is not implemented).
    pub fn verifies_hash(&self) -> bool {
        self.multihash.is_some()
    }

    /// Whether an MD5 is being verified.
    pub fn verifies_md5(&self) -> bool {
        self.md5.is_some()
    }

    /// Reads the whole stream into memory (for small images and tests).
    pub async fn collect_bytes(self) -> Result<Bytes> {
        use futures::TryStreamExt;
        let chunks: Vec<Bytes> = self.try_collect().await?;
        Ok(Bytes::from(chunks.concat()))
    }

    fn verify(&mut self) -> Result<()> {
        if let Some(n) = self.content_length {
            if n != self.received {
                return Err(Error::body(format!(
                    "image data truncated: got {} bytes of {n}",
                    self.received
                )));
            }
        }
        if let Some((h, algo, want)) = self.multihash.take() {
            let got = h.finish();
            if got != want {
                return Err(Error::body(format!(
                    "image data {algo} mismatch: expected {want}, got {got}"
                )));
            }
        }
        if let Some((h, want)) = self.md5.take() {
            let got = hex::encode(h.finalize());
            if got != want {
                return Err(Error::body(format!(
                    "image data MD5 mismatch: expected {want}, got {got}"
                )));
            }
        }
        Ok(())
    }
}

impl Stream for ImageData {
    type Item = Result<Bytes>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if this.done {
            return Poll::Ready(None);
        }
        match this.inner.as_mut().poll_next(cx) {
            Poll::Ready(Some(Ok(chunk))) => {
                this.received += chunk.len() as u64;
                if let Some((h, _)) = &mut this.md5 {
                    h.update(&chunk);
                }
                if let Some((h, _, _)) = &mut this.multihash {
                    h.update(&chunk);
                }
                Poll::Ready(Some(Ok(chunk)))
            }
            Poll::Ready(Some(Err(e))) => {
                this.done = true;
                Poll::Ready(Some(Err(e)))
            }
            Poll::Ready(None) => {
                this.done = true;
                match this.verify() {
                    Ok(()) => Poll::Ready(None),
                    Err(e) => Poll::Ready(Some(Err(e))),
                }
            }
            Poll::Pending => Poll::Pending,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures::TryStreamExt;

    fn chunks(parts: &[&'static [u8]]) -> impl Stream<Item = Result<Bytes>> + Send + 'static {
        futures::stream::iter(
            parts
                .iter()
                .map(|p| Ok(Bytes::from_static(p)))
                .collect::<Vec<_>>(),
        )
    }

    #[tokio::test]
    async fn verifies_md5_and_sha512() {
        let md5 = hex::encode(Md5::digest(b"hello world"));
        let sha = hex::encode(sha2::Sha512::digest(b"hello world"));
        let d = ImageData::new(
            chunks(&[b"hello ", b"world"]),
            Checksums::none().md5(md5).hash("sha512", sha),
            Some(11),
        );
        assert!(d.verifies_hash() && d.verifies_md5());
        let all: Vec<Bytes> = d.try_collect().await.expect("verified");
        assert_eq!(all.concat(), b"hello world");
    }

    #[tokio::test]
    async fn mismatch_fails_at_the_end() {
        let sha = hex::encode(sha2::Sha512::digest(b"other"));
        let mut d = ImageData::new(
            chunks(&[b"hello ", b"world"]),
            Checksums::none().hash("sha512", sha),
            None,
        );
        assert_eq!(d.try_next().await.expect("1").expect("c"), "hello ");
        assert_eq!(d.try_next().await.expect("2").expect("c"), "world");
        let err = d.try_next().await.expect_err("mismatch");
        assert_eq!(err.kind(), openstack_core::ErrorKind::Body);
        assert!(err.to_string().contains("sha512") || format!("{err:?}").contains("sha512"));
        assert!(d.try_next().await.expect("end").is_none());
    }

    #[tokio::test]
    async fn truncation_and_md5_mismatch() {
        let d = ImageData::new(chunks(&[b"abc"]), Checksums::none(), Some(4));
        assert!(d.collect_bytes().await.is_err());
        let d = ImageData::new(chunks(&[b"abc"]), Checksums::none().md5("00"), None);
        assert!(d.collect_bytes().await.is_err());
        let d = ImageData::new(
            chunks(&[b"abc"]),
            Checksums::none().hash("blake9", "00"),
            None,
        );
        assert!(!d.verifies_hash());
        assert_eq!(
            d.collect_bytes().await.expect("unknown algo skipped"),
            "abc"
        );
    }
}
