//! Responses from OpenStack services, and JSON decoding that says where it failed.

use bytes::Bytes;
use http::{HeaderMap, Method, StatusCode};
use serde::de::{DeserializeOwned, DeserializeSeed};
use url::Url;

use crate::body::{Body, BodyStream};
use crate::error::{redact_url, Error, Inner, Result};

/// A successful response (its status was one the request accepted).
///
/// The body is not read until you ask for it: [`Response::json`] and [`Response::bytes`]
/// buffer it, [`Response::into_stream`] streams it chunk by chunk.
#[derive(Debug)]
pub struct Response {
    method: Method,
    url: Url,
    status: StatusCode,
    headers: HeaderMap,
    body: Body,
}

impl Response {
    pub(crate) fn new(
        method: Method,
        url: Url,
        status: StatusCode,
        headers: HeaderMap,
        body: Body,
    ) -> Self {
        Response {
            method,
            url,
            status,
            headers,
            body,
        }
    }

    /// A response built by hand, for tests of code that consumes responses.
    pub fn from_parts(status: StatusCode, headers: HeaderMap, body: impl Into<Body>) -> Self {
        Response::new(
            Method::GET,
            Url::parse("http://localhost/").expect("static URL parses"),
            status,
            headers,
            body.into(),
        )
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// A header as a string, when present and valid text.
    pub fn header_str(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The URL that was requested.
    pub fn url(&self) -> &Url {
        &self.url
    }

    /// The request id the service returned, if any.
    pub fn request_id(&self) -> Option<String> {
        crate::error::request_id(&self.headers)
    }

    /// Reads the whole body into memory.
    pub async fn bytes(self) -> Result<Bytes> {
        self.body.collect_bytes().await
    }

    /// Reads the whole body as UTF-8 text.
    pub async fn text(self) -> Result<String> {
        let what = self.describe();
        let bytes = self.body.collect_bytes().await?;
        String::from_utf8(bytes.to_vec()).map_err(|_| Error::decode(what, "body is not UTF-8"))
    }

    /// Reads the body and decodes it as JSON into `T`, straight into the typed model.
    /// A failure names the JSON path where decoding stopped and what was expected there.
    pub async fn json<T: DeserializeOwned>(self) -> Result<T> {
        let what = self.describe();
        let bytes = self.body.collect_bytes().await?;
        decode_json(&bytes, &what)
    }

    /// Reads the body and decodes the object under `key` (`{"server": {...}}`) into `T`.
    pub async fn json_keyed<T: DeserializeOwned>(self, key: &str) -> Result<T> {
        let what = self.describe();
        let bytes = self.body.collect_bytes().await?;
        crate::serde_util::decode_keyed_one(&bytes, key, &what)
    }

    /// Takes the body, to stream it or hand it on.
    pub fn into_body(self) -> Body {
        self.body
    }

    /// The body as a stream of chunks, never buffered whole.
    pub fn into_stream(self) -> BodyStream {
        self.body.into_stream()
    }

    /// Splits the response into its status, headers and body.
    pub fn into_parts(self) -> (StatusCode, HeaderMap, Body) {
        (self.status, self.headers, self.body)
    }

    fn describe(&self) -> String {
        format!("the response to {} {}", self.method, redact_url(&self.url))
    }
}

/// Decodes JSON into `T`; on failure the error names `what` was being decoded and the path
/// into the document where it failed (`servers[3].created`).
///
/// ```
/// #[derive(serde::Deserialize, Debug)]
/// struct Flavor { vcpus: u32 }
/// let err = openstack_core::decode_json::<Vec<Flavor>>(br#"[{"vcpus": 1}, {"vcpus": "x"}]"#, "flavors")
///     .unwrap_err();
/// assert_eq!(err.decode_path(), Some("[1].vcpus"));
/// ```
pub fn decode_json<T: DeserializeOwned>(bytes: &[u8], what: &str) -> Result<T> {
    // Fast path: plain serde_json. Only when it fails is the same input decoded again with
    // path tracking, to say where (tracking every value costs about two thirds more).
    let mut de = serde_json::Deserializer::from_slice(bytes);
    if let Ok(value) = T::deserialize(&mut de) {
        if de.end().is_ok() {
            return Ok(value);
        }
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| decode_error(e, what))?;
    de.end().map_err(|e| trailing_error(e, what))?;
    Ok(value)
}

fn trailing_error(e: serde_json::Error, what: &str) -> Error {
    Inner::Decode {
        what: what.to_owned(),
        path: ".".into(),
        source: e,
    }
    .into()
}

/// Decodes with a seed: plain serde_json first, then (only on failure) again with path
/// tracking, so the error names where it failed.
pub(crate) fn decode_json_seed<S, V>(bytes: &[u8], what: &str, seed: S) -> Result<V>
where
    S: for<'de> DeserializeSeed<'de, Value = V> + Clone,
{
    let mut de = serde_json::Deserializer::from_slice(bytes);
    if let Ok(value) = seed.clone().deserialize(&mut de) {
        if de.end().is_ok() {
            return Ok(value);
        }
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let mut track = serde_path_to_error::Track::new();
    let value = seed
        .deserialize(serde_path_to_error::Deserializer::new(&mut de, &mut track))
        .map_err(|e| {
            Error::from(Inner::Decode {
                what: what.to_owned(),
                path: track.path().to_string(),
                source: e,
            })
        })?;
    de.end().map_err(|e| trailing_error(e, what))?;
    Ok(value)
}

fn decode_error(e: serde_path_to_error::Error<serde_json::Error>, what: &str) -> Error {
    let path = e.path().to_string();
    Inner::Decode {
        what: what.to_owned(),
        path,
        source: e.into_inner(),
    }
    .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Server {
        id: String,
        created: String,
    }

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Servers {
        servers: Vec<Server>,
    }

    #[test]
    fn decode_error_names_path() {
        let body = br#"{"servers": [{"id": "a", "created": "x"}, {"id": "b", "created": null}]}"#;
        let err = decode_json::<Servers>(body, "the server list").expect_err("null");
        assert_eq!(err.decode_path(), Some("servers[1].created"));
        let text = err.to_string();
        assert!(text.contains("servers[1].created"), "{text}");
        assert!(text.contains("expected a string"), "{text}");
    }

    #[test]
    fn trailing_garbage_is_an_error() {
        let err = decode_json::<Vec<u8>>(b"[1] x", "list").expect_err("trailing");
        assert_eq!(err.kind(), crate::ErrorKind::Decode);
    }

    #[tokio::test]
    async fn response_helpers() {
        let mut headers = HeaderMap::new();
        headers.insert("x-openstack-request-id", "req-9".parse().expect("hv"));
        let resp = Response::from_parts(StatusCode::OK, headers, r#"{"a": 1}"#);
        assert_eq!(resp.request_id().as_deref(), Some("req-9"));
        let v: serde_json::Value = resp.json().await.expect("json");
        assert_eq!(v["a"], 1);
    }
}
