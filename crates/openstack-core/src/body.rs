//! Request and response bodies: buffered (replayable) or streamed.

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use futures::{Stream, TryStreamExt};
use http_body::{Frame, SizeHint};
use http_body_util::{combinators::UnsyncBoxBody, BodyExt, StreamBody};

use crate::error::{BoxError, Error, Result};

/// An HTTP body.
///
/// A body built from bytes is *replayable*: it can be sent again after a retryable failure or
/// a re-authentication. A streamed body is sent once and never buffered; a request carrying one
/// is never retried after its first byte may have been sent.
pub struct Body {
    kind: Kind,
}

enum Kind {
    Full(Option<Bytes>),
    Stream {
        body: UnsyncBoxBody<Bytes, BoxError>,
    },
}

/// How much a file body reads at a time.
const FILE_CHUNK: usize = 256 * 1024;

impl Body {
    /// An empty body.
    pub fn empty() -> Self {
        Body {
            kind: Kind::Full(None),
        }
    }

    /// A body streamed from `stream`; it is never buffered, so it cannot be replayed.
    ///
    /// ```
    /// use bytes::Bytes;
    /// let chunks = futures::stream::iter(vec![Ok::<_, std::io::Error>(Bytes::from("a"))]);
    /// let body = openstack_core::Body::from_stream(chunks);
    /// assert!(!body.is_replayable());
    /// ```
    pub fn from_stream<S, E>(stream: S) -> Self
    where
        S: Stream<Item = std::result::Result<Bytes, E>> + Send + 'static,
        E: Into<BoxError> + 'static,
    {
        let body = StreamBody::new(stream.map_ok(Frame::data).map_err(Into::into));
        Body {
            kind: Kind::Stream {
                body: UnsyncBoxBody::new(body),
            },
        }
    }

    /// A body streamed from `stream`, which must yield exactly `len` bytes.
    ///
    /// The length is announced up front (as `Content-Length`, so servers that refuse chunked
    /// uploads accept it) and checked as the stream is read: a stream that ends early or
    /// yields more fails the body with an error that says so, rather than sending a truncated
    /// or overlong request.
    ///
    /// ```
    /// use bytes::Bytes;
    /// let chunks = futures::stream::iter(vec![Ok::<_, std::io::Error>(Bytes::from("abc"))]);
    /// let body = openstack_core::Body::from_stream_with_length(chunks, 3);
    /// assert_eq!(body.content_length(), Some(3));
    /// ```
    pub fn from_stream_with_length<S, E>(stream: S, len: u64) -> Self
    where
        S: Stream<Item = std::result::Result<Bytes, E>> + Send + 'static,
        E: Into<BoxError> + 'static,
    {
        let body = Sized {
            stream: UnsyncBoxBody::new(StreamBody::new(
                stream.map_ok(Frame::data).map_err(Into::into),
            )),
            len,
            seen: 0,
        };
        Body {
            kind: Kind::Stream {
                body: UnsyncBoxBody::new(body),
            },
        }
    }

    /// A body that streams an open file from its current position to its end, read
    /// 256 KiB at a time as the connection takes it: the file is never held in memory.
    ///
    /// The length (the file's size less the position) is taken when the body is built and
    /// sent as `Content-Length`; a file that shrinks or grows while it is being sent fails
    /// the request instead of sending other bytes than announced.
    pub async fn from_file(mut file: tokio::fs::File) -> Result<Self> {
        use tokio::io::AsyncSeekExt;
        let size = file.metadata().await.map_err(Error::body)?.len();
        let pos = file.stream_position().await.map_err(Error::body)?;
        let stream = tokio_util::io::ReaderStream::with_capacity(file, FILE_CHUNK);
        Ok(Body::from_stream_with_length(
            stream,
            size.saturating_sub(pos),
        ))
    }

    /// A body that streams the file at `path` (see [`Body::from_file`]).
    ///
    /// ```no_run
    /// # async fn f() -> openstack_core::Result<()> {
    /// let body = openstack_core::Body::from_path("disk.qcow2").await?;
    /// println!("{:?} bytes", body.content_length());
    /// # Ok(()) }
    /// ```
    pub async fn from_path(path: impl AsRef<std::path::Path>) -> Result<Self> {
        let path = path.as_ref();
        let file = tokio::fs::File::open(path).await.map_err(|e| {
            Error::from(crate::error::Inner::InvalidInputSource {
                message: format!("cannot open {} for upload", path.display()),
                source: e.into(),
            })
        })?;
        Body::from_file(file)
            .await
            .map_err(|e| e.context(format!("reading {}", path.display())))
    }

    /// The exact length of the body, when it is known: the size of a body in memory, or the
    /// length given to [`Body::from_stream_with_length`] (and so [`Body::from_file`]).
    /// `None` for a plain stream.
    pub fn content_length(&self) -> Option<u64> {
        http_body::Body::size_hint(self).exact()
    }

    pub(crate) fn from_http_body<B>(body: B) -> Self
    where
        B: http_body::Body<Data = Bytes> + Send + 'static,
        B::Error: Into<BoxError>,
    {
        Body {
            kind: Kind::Stream {
                body: body.map_err(Into::into).boxed_unsync(),
            },
        }
    }

    /// `true` when the body is held in memory and can be sent again.
    pub fn is_replayable(&self) -> bool {
        matches!(self.kind, Kind::Full(_))
    }

    /// A copy of the body, when it is replayable.
    pub fn try_clone(&self) -> Option<Body> {
        match &self.kind {
            Kind::Full(b) => Some(Body {
                kind: Kind::Full(b.clone()),
            }),
            Kind::Stream { .. } => None,
        }
    }

    /// The bytes of a replayable body (`None` for a streamed one).
    pub fn as_bytes(&self) -> Option<&[u8]> {
        match &self.kind {
            Kind::Full(Some(b)) => Some(b),
            Kind::Full(None) => Some(&[]),
            Kind::Stream { .. } => None,
        }
    }

    /// Reads the whole body into memory.
    pub async fn collect_bytes(self) -> Result<Bytes> {
        match self.kind {
            Kind::Full(b) => Ok(b.unwrap_or_default()),
            Kind::Stream { body } => Ok(body.collect().await.map_err(Error::body)?.to_bytes()),
        }
    }

    /// Reads at most `max` bytes of the body into memory and drops the rest.
    pub(crate) async fn collect_truncated(self, max: usize) -> Result<Bytes> {
        use futures::StreamExt;
        if let Kind::Full(b) = self.kind {
            let b = b.unwrap_or_default();
            return Ok(b.slice(..b.len().min(max)));
        }
        let mut stream = self.into_stream();
        let mut out = bytes::BytesMut::new();
        while let Some(chunk) = stream.next().await {
            let chunk = chunk?;
            let room = max - out.len();
            out.extend_from_slice(&chunk[..chunk.len().min(room)]);
            if out.len() >= max {
                break;
            }
        }
        Ok(out.freeze())
    }

    /// The body as a stream of chunks, as they arrive.
    pub fn into_stream(self) -> BodyStream {
        BodyStream { body: self }
    }
}

impl Default for Body {
    fn default() -> Self {
        Body::empty()
    }
}

impl fmt::Debug for Body {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            Kind::Full(b) => write!(f, "Body({} bytes)", b.as_ref().map_or(0, Bytes::len)),
            Kind::Stream { .. } => f.write_str("Body(stream)"),
        }
    }
}

impl From<Bytes> for Body {
    fn from(b: Bytes) -> Self {
        Body {
            kind: Kind::Full((!b.is_empty()).then_some(b)),
        }
    }
}

impl From<Vec<u8>> for Body {
    fn from(b: Vec<u8>) -> Self {
        Bytes::from(b).into()
    }
}

impl From<String> for Body {
    fn from(s: String) -> Self {
        Bytes::from(s).into()
    }
}

impl From<&'static str> for Body {
    fn from(s: &'static str) -> Self {
        Bytes::from_static(s.as_bytes()).into()
    }
}

impl From<&'static [u8]> for Body {
    fn from(s: &'static [u8]) -> Self {
        Bytes::from_static(s).into()
    }
}

impl http_body::Body for Body {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<std::result::Result<Frame<Bytes>, BoxError>>> {
        match &mut self.get_mut().kind {
            Kind::Full(b) => Poll::Ready(b.take().map(|b| Ok(Frame::data(b)))),
            Kind::Stream { body } => Pin::new(body).poll_frame(cx),
        }
    }

    fn is_end_stream(&self) -> bool {
        match &self.kind {
            Kind::Full(b) => b.is_none(),
            Kind::Stream { body } => body.is_end_stream(),
        }
    }

    fn size_hint(&self) -> SizeHint {
        match &self.kind {
            Kind::Full(b) => SizeHint::with_exact(b.as_ref().map_or(0, |b| b.len() as u64)),
            Kind::Stream { body } => body.size_hint(),
        }
    }
}

/// A stream body that must yield exactly `len` bytes.
struct Sized<B> {
    stream: B,
    len: u64,
    seen: u64,
}

impl<B> http_body::Body for Sized<B>
where
    B: http_body::Body<Data = Bytes, Error = BoxError> + Unpin,
{
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<std::result::Result<Frame<Bytes>, BoxError>>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.stream).poll_frame(cx);
        match &polled {
            Poll::Ready(Some(Ok(frame))) => {
                if let Some(data) = frame.data_ref() {
                    this.seen += data.len() as u64;
                    if this.seen > this.len {
                        return Poll::Ready(Some(Err(length_error(format!(
                            "the body yielded more than the {} bytes announced",
                            this.len
                        )))));
                    }
                }
            }
            Poll::Ready(None) if this.seen != this.len => {
                return Poll::Ready(Some(Err(length_error(format!(
                    "the body ended after {} of the {} bytes announced",
                    this.seen, this.len
                )))));
            }
            _ => {}
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.seen == self.len && self.stream.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.len - self.seen.min(self.len))
    }
}

fn length_error(message: String) -> BoxError {
    std::io::Error::new(std::io::ErrorKind::InvalidData, message).into()
}

/// A body as a [`Stream`] of byte chunks; see [`Body::into_stream`].
pub struct BodyStream {
    body: Body,
}

impl fmt::Debug for BodyStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("BodyStream").field(&self.body).finish()
    }
}

impl Stream for BodyStream {
    type Item = Result<Bytes>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let body = &mut self.get_mut().body;
        loop {
            match http_body::Body::poll_frame(Pin::new(&mut *body), cx) {
                Poll::Ready(Some(Ok(frame))) => {
                    if let Ok(data) = frame.into_data() {
                        if data.is_empty() {
                            continue;
                        }
                        return Poll::Ready(Some(Ok(data)));
                    }
                    // Trailers: skip.
                }
                Poll::Ready(Some(Err(e))) => return Poll::Ready(Some(Err(Error::body(e)))),
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Pending => return Poll::Pending,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures::StreamExt;

    #[tokio::test]
    async fn full_body_replays_and_streams() {
        let body = Body::from("hello");
        assert!(body.is_replayable());
        let copy = body.try_clone().expect("replayable");
        assert_eq!(copy.as_bytes(), Some(&b"hello"[..]));
        let chunks: Vec<_> = body.into_stream().collect().await;
        assert_eq!(chunks.len(), 1);
        assert_eq!(copy.collect_bytes().await.expect("bytes"), "hello");
    }

    #[tokio::test]
    async fn stream_body_is_not_replayable() {
        let s = futures::stream::iter(vec![
            Ok::<_, std::io::Error>(Bytes::from("a")),
            Ok(Bytes::from("b")),
        ]);
        let body = Body::from_stream(s);
        assert!(body.try_clone().is_none());
        assert_eq!(body.collect_bytes().await.expect("bytes"), "ab");
    }

    fn chunks(parts: &[&'static str]) -> impl Stream<Item = std::io::Result<Bytes>> + Send {
        futures::stream::iter(
            parts
                .iter()
                .map(|p| Ok(Bytes::from_static(p.as_bytes())))
                .collect::<Vec<_>>(),
        )
    }

    #[tokio::test]
    async fn sized_stream_announces_and_checks_its_length() {
        let body = Body::from_stream_with_length(chunks(&["ab", "cd"]), 4);
        assert_eq!(body.content_length(), Some(4));
        assert!(!body.is_replayable());
        assert_eq!(body.collect_bytes().await.expect("bytes"), "abcd");

        let short = Body::from_stream_with_length(chunks(&["ab"]), 4);
        let err = short.collect_bytes().await.expect_err("short");
        assert_eq!(err.kind(), crate::ErrorKind::Body);
        assert!(
            err.to_string().contains("ended after 2 of the 4 bytes"),
            "{err}"
        );

        let long = Body::from_stream_with_length(chunks(&["ab", "cde"]), 4);
        let err = long.collect_bytes().await.expect_err("long");
        assert!(err.to_string().contains("more than the 4 bytes"), "{err}");
        assert_eq!(Body::from_stream(chunks(&["x"])).content_length(), None);
        assert_eq!(Body::from("xyz").content_length(), Some(3));
        assert_eq!(Body::empty().content_length(), Some(0));
    }

    #[tokio::test]
    async fn file_body_streams_from_the_position_with_its_length() {
        use tokio::io::AsyncSeekExt;
        let dir = std::env::temp_dir().join(format!("ferrocloud-body-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let path = dir.join("data.bin");
        let data: Vec<u8> = (0..(FILE_CHUNK * 2 + 17))
            .map(|i| (i % 251) as u8)
            .collect();
        std::fs::write(&path, &data).expect("write");

        let body = Body::from_path(&path).await.expect("body");
        assert_eq!(body.content_length(), Some(data.len() as u64));
        let mut stream = body.into_stream();
        let mut got = Vec::new();
        let mut largest = 0;
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.expect("chunk");
            largest = largest.max(chunk.len());
            got.extend_from_slice(&chunk);
        }
        assert_eq!(got, data);
        assert!(largest <= FILE_CHUNK, "chunks are bounded: {largest}");

        let mut file = tokio::fs::File::open(&path).await.expect("open");
        file.seek(std::io::SeekFrom::Start(100))
            .await
            .expect("seek");
        let body = Body::from_file(file).await.expect("body");
        assert_eq!(body.content_length(), Some(data.len() as u64 - 100));
        assert_eq!(
            &body.collect_bytes().await.expect("bytes")[..],
            &data[100..]
        );

        let missing = dir.join("missing.bin");
        let err = Body::from_path(&missing).await.expect_err("missing");
        assert_eq!(err.kind(), crate::ErrorKind::InvalidInput);
        assert!(err.to_string().contains("missing.bin"), "{err}");
        std::fs::remove_dir_all(&dir).expect("cleanup");
    }

    #[tokio::test]
    async fn truncated_collect_keeps_the_start() {
        let s = futures::stream::iter(vec![
            Ok::<_, std::io::Error>(Bytes::from(vec![1u8; 6])),
            Ok(Bytes::from(vec![2u8; 6])),
            Ok(Bytes::from(vec![3u8; 6])),
        ]);
        let b = Body::from_stream(s)
            .collect_truncated(10)
            .await
            .expect("bytes");
        assert_eq!(&b[..], &[1, 1, 1, 1, 1, 1, 2, 2, 2, 2]);
        let b = Body::from("hello")
            .collect_truncated(3)
            .await
            .expect("bytes");
        assert_eq!(&b[..], b"hel");
    }
}
