//! Stream adapters that hash object data as it flows: uploads compare the server's ETag
//! with the MD5 of what was sent, downloads verify the ETag before the stream ends.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::mpsc::{sync_channel, SyncSender, TrySendError};
use std::sync::{Arc, Mutex};
use std::task::{ready, Context, Poll};

use bytes::Bytes;
use futures::channel::oneshot;
use futures::task::AtomicWaker;
use futures::Stream;
use md5::{Digest, Md5};
use openstack_core::{BodyStream, Result};

use crate::util::ChecksumMismatch;

/// Data up to this size is hashed inline; past it, hashing moves to a worker thread.
const OFFLOAD_AFTER: u64 = 1 << 20;
/// How many chunks may wait for the worker (memory: this many chunks, plus one held back).
const QUEUE_CHUNKS: usize = 16;

/// An MD5 computed over chunks as they pass, off the transfer path once the data is large.
///
/// The first [`OFFLOAD_AFTER`] bytes are hashed inline (no thread for small objects); then
/// the running state moves to a worker thread, and each chunk (a `Bytes` clone, no copy)
/// goes to it through a bounded channel. When the channel is full the chunk is held back and
/// the stream waits — woken by the worker — before taking the next one, so memory stays
/// bounded and nothing ever blocks. The digest is awaited only at the end
/// ([`Md5Pipe::poll_finish`]).
pub(crate) struct Md5Pipe {
    bytes: u64,
    offload_after: u64,
    mode: Mode,
}

enum Mode {
    Inline(Md5),
    Worker(Worker),
    Done(String),
}

struct Worker {
    /// `None` once the input is closed.
    tx: Option<SyncSender<Bytes>>,
    /// A chunk that found the channel full, sent before the next one is taken.
    pending: Option<Bytes>,
    /// Woken by the worker each time it takes a chunk (a slot frees up).
    room: Arc<AtomicWaker>,
    digest: oneshot::Receiver<String>,
}

impl Worker {
    /// Starts the worker from a running hash; gives the hash back if no thread can start.
    fn spawn(md5: Md5) -> std::result::Result<Worker, Md5> {
        let (tx, rx) = sync_channel::<Bytes>(QUEUE_CHUNKS);
        let (done, digest) = oneshot::channel();
        let room = Arc::new(AtomicWaker::new());
        let waker = room.clone();
        let mut state = md5.clone();
        let spawned = std::thread::Builder::new()
            .name("ferrocloud-md5".into())
            .spawn(move || {
                while let Ok(chunk) = rx.recv() {
                    waker.wake();
                    state.update(&chunk);
                }
                // The receiver is gone only if the transfer was dropped: nothing to report.
                let _ = done.send(hex::encode(state.finalize()));
            });
        match spawned {
            Ok(_) => Ok(Worker {
                tx: Some(tx),
                pending: None,
                room,
                digest,
            }),
            Err(e) => {
                tracing::debug!(error = %e, "no MD5 worker thread; hashing inline");
                Err(md5)
            }
        }
    }

    fn send(&mut self, chunk: Bytes) {
        debug_assert!(self.pending.is_none());
        if let Some(tx) = &self.tx {
            if let Err(TrySendError::Full(chunk)) = tx.try_send(chunk) {
                self.pending = Some(chunk);
            }
        }
    }

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<()> {
        let (Some(chunk), Some(tx)) = (self.pending.take(), &self.tx) else {
            return Poll::Ready(());
        };
        match tx.try_send(chunk) {
            Err(TrySendError::Full(chunk)) => {
                self.room.register(cx.waker());
                // Try again: the worker may have taken a chunk before the waker was stored.
                match tx.try_send(chunk) {
                    Err(TrySendError::Full(chunk)) => {
                        self.pending = Some(chunk);
                        Poll::Pending
                    }
                    _ => Poll::Ready(()),
                }
            }
            _ => Poll::Ready(()),
        }
    }
}

impl Md5Pipe {
    pub(crate) fn new() -> Self {
        Md5Pipe::with_offload_after(OFFLOAD_AFTER)
    }

    fn with_offload_after(offload_after: u64) -> Self {
        Md5Pipe {
            bytes: 0,
            offload_after,
            mode: Mode::Inline(Md5::new()),
        }
    }

    /// How many bytes were hashed (or queued for hashing).
    pub(crate) fn bytes(&self) -> u64 {
        self.bytes
    }

    /// Ready when the next chunk may be pushed (a held-back chunk has been queued).
    pub(crate) fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<()> {
        match &mut self.mode {
            Mode::Worker(w) => w.poll_ready(cx),
            _ => Poll::Ready(()),
        }
    }

    /// Hashes a chunk, or queues it for the worker. Call only after `poll_ready` was ready.
    pub(crate) fn push(&mut self, chunk: &Bytes) {
        self.bytes += chunk.len() as u64;
        if let Mode::Inline(md5) = &mut self.mode {
            if self.bytes <= self.offload_after {
                md5.update(chunk);
                return;
            }
            match Worker::spawn(std::mem::take(md5)) {
                Ok(w) => self.mode = Mode::Worker(w),
                Err(back) => {
                    *md5 = back;
                    md5.update(chunk);
                    self.offload_after = u64::MAX;
                    return;
                }
            }
        }
        if let Mode::Worker(w) = &mut self.mode {
            w.send(chunk.clone());
        }
    }

    /// Closes the input and resolves to the hex MD5 of everything pushed.
    pub(crate) fn poll_finish(&mut self, cx: &mut Context<'_>) -> Poll<String> {
        ready!(self.poll_ready(cx));
        let digest = match &mut self.mode {
            Mode::Inline(md5) => hex::encode(md5.clone().finalize()),
            Mode::Done(d) => d.clone(),
            Mode::Worker(w) => {
                w.tx = None;
                match ready!(Pin::new(&mut w.digest).poll(cx)) {
                    Ok(d) => d,
                    // The worker only drops its sender by panicking, which `Md5` never does.
                    Err(oneshot::Canceled) => panic!("the MD5 worker thread ended unexpectedly"),
                }
            }
        };
        self.mode = Mode::Done(digest.clone());
        Poll::Ready(digest)
    }
}

/// What an upload hashed so far.
pub(crate) struct HashState {
    pipe: Md5Pipe,
}

impl HashState {
    /// The hex MD5 of everything hashed, and the byte count (waits for the hashing worker).
    pub(crate) async fn finish(state: &Mutex<HashState>) -> (String, u64) {
        futures::future::poll_fn(|cx| {
            // A poisoned lock only means another holder panicked; the hash is still ours.
            let mut st = state.lock().unwrap_or_else(|p| p.into_inner());
            let bytes = st.pipe.bytes();
            st.pipe.poll_finish(cx).map(|md5| (md5, bytes))
        })
        .await
    }
}

/// Passes an upload's chunks through, hashing them on the way to the connection.
pub(crate) struct HashingStream {
    inner: BodyStream,
    state: Arc<Mutex<HashState>>,
}

impl HashingStream {
    pub(crate) fn new(inner: BodyStream) -> (Self, Arc<Mutex<HashState>>) {
        HashingStream::with_pipe(inner, Md5Pipe::new())
    }

    fn with_pipe(inner: BodyStream, pipe: Md5Pipe) -> (Self, Arc<Mutex<HashState>>) {
        let state = Arc::new(Mutex::new(HashState { pipe }));
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
        // A poisoned lock only means another holder panicked; the hash is still ours.
        let mut st = this.state.lock().unwrap_or_else(|p| p.into_inner());
        ready!(st.pipe.poll_ready(cx));
        let polled = Pin::new(&mut this.inner).poll_next(cx);
        if let Poll::Ready(Some(Ok(chunk))) = &polled {
            st.pipe.push(chunk);
        }
        polled
    }
}

struct Verifier {
    md5: Md5Pipe,
    expected: String,
    what: String,
}

/// An object's data as a stream of chunks, straight from the connection.
///
/// When the download can be verified (a whole, ordinary object whose ETag is an MD5), every
/// chunk is hashed as it passes, and the stream ends with an error instead of `None` when the
/// MD5 of the bytes differs from the ETag — so a consumer that writes the chunks to a file
/// and checks each `Result` never mistakes a corrupt download for a good one. See
/// [`crate::is_checksum_mismatch`]. (Past the first MiB the hashing runs on a worker thread,
/// overlapped with the transfer; the stream waits for its result before it ends.)
pub struct ObjectStream {
    inner: BodyStream,
    verifier: Option<Verifier>,
    bytes: u64,
    inner_done: bool,
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
        ObjectStream::with_pipe(inner, expected_md5, what, Md5Pipe::new())
    }

    fn with_pipe(
        inner: BodyStream,
        expected_md5: Option<String>,
        what: String,
        md5: Md5Pipe,
    ) -> Self {
        ObjectStream {
            inner,
            verifier: expected_md5.map(|expected| Verifier {
                md5,
                expected: expected.to_ascii_lowercase(),
                what,
            }),
            bytes: 0,
            inner_done: false,
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
}

impl Stream for ObjectStream {
    type Item = Result<Bytes>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        if this.finished {
            return Poll::Ready(None);
        }
        if !this.inner_done {
            if let Some(v) = &mut this.verifier {
                // A chunk held back by a full hashing queue goes first (bounded memory).
                ready!(v.md5.poll_ready(cx));
            }
            match Pin::new(&mut this.inner).poll_next(cx) {
                Poll::Ready(Some(Ok(chunk))) => {
                    this.bytes += chunk.len() as u64;
                    if let Some(v) = &mut this.verifier {
                        v.md5.push(&chunk);
                    }
                    return Poll::Ready(Some(Ok(chunk)));
                }
                Poll::Ready(Some(Err(e))) => {
                    this.finished = true;
                    return Poll::Ready(Some(Err(e)));
                }
                Poll::Ready(None) => this.inner_done = true,
                Poll::Pending => return Poll::Pending,
            }
        }
        if let Some(v) = &mut this.verifier {
            let actual = ready!(v.md5.poll_finish(cx));
            this.finished = true;
            let v = this.verifier.take().expect("verifier");
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
        this.finished = true;
        Poll::Ready(None)
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
        let (md5, n) = HashState::finish(&st).await;
        assert_eq!(md5, md5_hex(b"abc"));
        assert_eq!(n, 3);
    }

    /// `n` chunks of `size` bytes with varying content, and their MD5.
    fn many(n: usize, size: usize) -> (BodyStream, String, u64) {
        let chunks: Vec<Bytes> = (0..n)
            .map(|i| Bytes::from(vec![(i % 251) as u8; size + i % 7]))
            .collect();
        let mut md5 = Md5::new();
        let mut len = 0u64;
        for c in &chunks {
            md5.update(c);
            len += c.len() as u64;
        }
        let items: Vec<std::result::Result<Bytes, std::io::Error>> =
            chunks.into_iter().map(Ok).collect();
        let s = Body::from_stream(futures::stream::iter(items)).into_stream();
        (s, hex::encode(md5.finalize()), len)
    }

    #[tokio::test]
    async fn offloaded_download_verifies() {
        for offload_after in [0, 1 << 16] {
            let (b, md5, len) = many(200, 32 * 1024);
            let s = ObjectStream::with_pipe(
                b,
                Some(md5),
                "x".into(),
                Md5Pipe::with_offload_after(offload_after),
            );
            let items: Vec<_> = s.collect().await;
            assert_eq!(items.len(), 200);
            assert!(items.iter().all(Result::is_ok));
            let got: u64 = items
                .iter()
                .map(|i| i.as_ref().expect("ok").len() as u64)
                .sum();
            assert_eq!(got, len);
        }
    }

    #[tokio::test]
    async fn offloaded_download_detects_mismatch() {
        let (b, md5, len) = many(100, 16 * 1024);
        let s = ObjectStream::with_pipe(
            b,
            Some(md5_hex(b"other")),
            "c/o".into(),
            Md5Pipe::with_offload_after(0),
        );
        let items: Vec<_> = s.collect().await;
        assert_eq!(items.len(), 101);
        let err = items[100].as_ref().expect_err("mismatch");
        let m = crate::util::checksum_mismatch(err).expect("mismatch");
        assert_eq!(m.actual, md5);
        assert_eq!(m.bytes, len);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn offloaded_upload_hashes_what_passes() {
        let (b, md5, len) = many(150, 24 * 1024);
        let (s, st) = HashingStream::with_pipe(b, Md5Pipe::with_offload_after(0));
        let n = s
            .map(|c| c.expect("ok").len())
            .collect::<Vec<_>>()
            .await
            .len();
        assert_eq!(n, 150);
        assert_eq!(HashState::finish(&st).await, (md5, len));
    }

    #[test]
    fn md5_etags() {
        assert!(is_md5_hex("d41d8cd98f00b204e9800998ecf8427e"));
        assert!(!is_md5_hex("\"d41d8cd98f00b204e9800998ecf8427e\""));
        assert!(!is_md5_hex("abc"));
    }
}
