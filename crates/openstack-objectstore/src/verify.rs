//! Stream adapters that hash object data as it flows: uploads compare the server's ETag
//! with the MD5 of what was sent, downloads verify the ETag before the stream ends.

use std::fmt;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use bytes::Bytes;
use futures::Stream;
use md5::{Digest, Md5};
use openstack_core::{BodyStream, Result};

use crate::util::ChecksumMismatch;

/// What an upload hashed so far.
#[derive(Default)]
pub(crate) struct HashState {
    md5: Md5,
    bytes: u64,
}

impl HashState {
    /// The hex MD5 of everything hashed, and the byte count.
    pub(crate) fn finish(&self) -> (String, u64) {
        (hex::encode(self.md5.clone().finalize()), self.bytes)
    }
}

/// Passes an upload's chunks through, hashing them on the way to the connection.
pub(crate) struct HashingStream {
    inner: BodyStream,
    state: Arc<Mutex<HashState>>,
}

impl HashingStream {
    pub(crate) fn new(inner: BodyStream) -> (Self, Arc<Mutex<HashState>>) {
        let state = Arc::new(Mutex::new(HashState::default()));
        (
            HashingStream {
                inner,
                state: state.clone(),
            },
            state,
        )
    }
}

impl Stream for HashingStream {
    type Item = Result<Bytes>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.inner).poll_next(cx);
        if let Poll::Ready(Some(Ok(chunk))) = &polled {
            // A poisoned lock only means another holder panicked; the hash is still ours.
            let mut st = this.state.lock().unwrap_or_else(|p| p.into_inner());
            st.md5.update(chunk);
            st.bytes += chunk.len() as u64;
        }
        polled
    }
}

struct Verifier {
    md5: Md5,
    expected: String,
    what: String,
}

/// An object's data as a stream of chunks, straight from the connection.
///
/// When the download can be verified (a whole, ordinary object whose ETag is an MD5), every
/// chunk is hashed as it passes, and the stream ends with an error instead of `None` when the
/// MD5 of the bytes differs from the ETag — so a consumer that writes the chunks to a file
/// and checks each `Result` never mistakes a corrupt download for a good one. See
/// [`crate::is_checksum_mismatch`].
pub struct ObjectStream {
    inner: BodyStream,
    verifier: Option<Verifier>,
    bytes: u64,
    finished: bool,
}

impl fmt::Debug for ObjectStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ObjectStream")
            .field("verifying", &self.verifier.is_some())
            .field("bytes", &self.bytes)
            .field("finished", &self.finished)
            .finish()
    }
}

impl ObjectStream {
    pub(crate) fn new(inner: BodyStream, expected_md5: Option<String>, what: String) -> Self {
        ObjectStream {
            inner,
            verifier: expected_md5.map(|expected| Verifier {
                md5: Md5::new(),
                expected: expected.to_ascii_lowercase(),
                what,
            }),
            bytes: 0,
            finished: false,
        }
    }

    /// Whether the data is checked against the ETag as it streams.
    pub fn is_verified(&self) -> bool {
        self.verifier.is_some()
    }

    /// How many bytes have been read so far.
    pub fn bytes_read(&self) -> u64 {
        self.bytes
    }

    /// The data as a [`tokio::io::AsyncRead`], for `tokio::io::copy` and other readers.
    ///
    /// A failure (including a checksum mismatch at the end) becomes an [`std::io::Error`]
    /// whose source is the [`openstack_core::Error`]; a verified stream therefore never
    /// reads to a clean end unless the data matched.
    ///
    /// ```no_run
    /// # async fn f(swift: &openstack_core::ServiceClient) -> Result<(), Box<dyn std::error::Error>> {
    /// use openstack_objectstore::objects::{self, DownloadOpts};
    /// let d = objects::download(swift, "c", "o", DownloadOpts::new()).await?;
    /// let mut reader = d.into_stream().into_async_read();
    /// let n = tokio::io::copy(&mut reader, &mut tokio::io::sink()).await?;
    /// # Ok(()) }
    /// ```
    pub fn into_async_read(self) -> impl tokio::io::AsyncRead + Send + Unpin {
        tokio_util::io::StreamReader::new(futures::TryStreamExt::map_err(
            self,
            std::io::Error::other,
        ))
    }
}

impl Stream for ObjectStream {
    type Item = Result<Bytes>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if this.finished {
            return Poll::Ready(None);
        }
        match Pin::new(&mut this.inner).poll_next(cx) {
            Poll::Ready(Some(Ok(chunk))) => {
                this.bytes += chunk.len() as u64;
                if let Some(v) = &mut this.verifier {
                    v.md5.update(&chunk);
                }
                Poll::Ready(Some(Ok(chunk)))
            }
            Poll::Ready(Some(Err(e))) => {
                this.finished = true;
                Poll::Ready(Some(Err(e)))
            }
            Poll::Ready(None) => {
                this.finished = true;
                if let Some(v) = this.verifier.take() {
                    let actual = hex::encode(v.md5.finalize());
                    if actual != v.expected {
                        return Poll::Ready(Some(Err(ChecksumMismatch {
                            what: v.what,
                            expected: v.expected,
                            actual,
                            bytes: this.bytes,
                        }
                        .into_error())));
                    }
                }
                Poll::Ready(None)
            }
            Poll::Pending => Poll::Pending,
        }
    }
}

/// Whether an ETag is a plain MD5 (32 hex digits), the only kind a download can verify.
pub(crate) fn is_md5_hex(etag: &str) -> bool {
    etag.len() == 32 && etag.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The hex MD5 of a buffer.
pub(crate) fn md5_hex(data: &[u8]) -> String {
    hex::encode(Md5::digest(data))
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures::StreamExt;
    use openstack_core::Body;

    fn body(chunks: &[&'static str]) -> BodyStream {
        let v: Vec<std::result::Result<Bytes, std::io::Error>> = chunks
            .iter()
            .map(|c| Ok(Bytes::from_static(c.as_bytes())))
            .collect();
        Body::from_stream(futures::stream::iter(v)).into_stream()
    }

    #[tokio::test]
    async fn good_download_ends_cleanly() {
        let s = ObjectStream::new(body(&["hel", "lo"]), Some(md5_hex(b"hello")), "x".into());
        let items: Vec<_> = s.collect().await;
        assert_eq!(items.len(), 2);
        assert!(items.iter().all(Result::is_ok));
    }

    #[tokio::test]
    async fn bad_download_ends_with_error() {
        let s = ObjectStream::new(body(&["hel", "lo"]), Some(md5_hex(b"hellO")), "c/o".into());
        let items: Vec<_> = s.collect().await;
        assert_eq!(items.len(), 3);
        let err = items[2].as_ref().expect_err("mismatch");
        assert!(crate::is_checksum_mismatch(err));
        let m = crate::util::checksum_mismatch(err).expect("mismatch");
        assert_eq!(m.actual, md5_hex(b"hello"));
        assert_eq!(m.bytes, 5);
    }

    #[tokio::test]
    async fn hashing_stream_hashes_what_passes() {
        let (s, st) = HashingStream::new(body(&["a", "bc"]));
        let items: Vec<_> = s.collect().await;
        assert_eq!(items.len(), 2);
        let (md5, n) = st.lock().expect("lock").finish();
        assert_eq!(md5, md5_hex(b"abc"));
        assert_eq!(n, 3);
    }

    #[test]
    fn md5_etags() {
        assert!(is_md5_hex("d41d8cd98f00b204e9800998ecf8427e"));
        assert!(!is_md5_hex("\"d41d8cd98f00b204e9800998ecf8427e\""));
        assert!(!is_md5_hex("abc"));
    }
}
