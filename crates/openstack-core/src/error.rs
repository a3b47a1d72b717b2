//! The one public error type of Ferrocloud, and the parsing of each service's error bodies.
//!
//! [`Error`] is opaque: ask it questions ([`Error::status`], [`Error::is_not_found`],
//! [`Error::request_id`], [`Error::api_message`], [`Error::kind`]) instead of matching on
//! its insides. Errors of dependencies are reachable only through
//! [`std::error::Error::source`].

use std::fmt;
use std::time::Duration;

use http::{HeaderMap, Method, StatusCode};
use snafu::Snafu;
use url::Url;

/// A boxed error from a dependency or a user-supplied stream, kept only as a `source()`.
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// The result type of every fallible Ferrocloud operation.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The stage at which an operation failed: what to do about an error follows from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The configuration (environment, `clouds.yaml`, builder options) is missing or contradictory.
    Config,
    /// An argument given by the caller cannot be turned into a request.
    InvalidInput,
    /// Authentication failed or returned something unusable.
    Auth,
    /// The service catalog has no endpoint that matches.
    EndpointNotFound,
    /// No connection could be made: nothing was sent.
    Connect,
    /// The request did not complete in time.
    Timeout,
    /// The request failed in flight, after the connection was made.
    Transport,
    /// The server answered with a status code the operation does not accept.
    Http,
    /// The response body could not be decoded into the expected type.
    Decode,
    /// A request or response body stream failed.
    Body,
    /// A pagination protocol was violated (for example a next link that repeats).
    Pagination,
    /// A waiter's deadline passed before its condition was met.
    WaitTimeout,
    /// A resource reached a state it cannot leave on its own (`ERROR`, `killed`, ...) while
    /// something waited for another state.
    ResourceState,
}

/// The error returned by every Ferrocloud operation.
///
/// It never contains a password, token or other secret: URLs are shown without their query
/// string, and response bodies only as the message the service put in them.
pub struct Error {
    inner: Box<Inner>,
    context: Option<String>,
}

/// Details of an HTTP error response.
#[derive(Debug)]
pub(crate) struct HttpFailure {
    pub(crate) method: Method,
    pub(crate) url: String,
    pub(crate) status: StatusCode,
    pub(crate) request_id: Option<String>,
    pub(crate) api_message: Option<String>,
    pub(crate) retry_after: Option<Duration>,
}

impl fmt::Display for HttpFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} returned {}", self.method, self.url, self.status)?;
        if let Some(msg) = &self.api_message {
            write!(f, ": {msg}")?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        Ok(())
    }
}

#[derive(Debug, Snafu)]
#[snafu(visibility(pub(crate)))]
pub(crate) enum Inner {
    #[snafu(display("configuration error: {message}"))]
    Config { message: String },

    #[snafu(display("invalid input: {message}"))]
    InvalidInput { message: String },

    #[snafu(display("invalid input: {message}"))]
    InvalidInputSource { message: String, source: BoxError },

    #[snafu(display("authentication failed: {message}"))]
    Auth { message: String },

    #[snafu(display("{message}"))]
    EndpointNotFound { message: String },

    #[snafu(display("could not connect to {url}"))]
    Connect { url: String, source: BoxError },

    #[snafu(display("{method} {url} timed out after {timeout:?}"))]
    Timeout {
        method: Method,
        url: String,
        timeout: Duration,
    },

    #[snafu(display("{method} {url} failed in flight"))]
    Transport {
        method: Method,
        url: String,
        source: BoxError,
    },

    #[snafu(display("{failure}"))]
    Http { failure: HttpFailure },

    #[snafu(display("could not decode {what} at `{path}`"))]
    Decode {
        what: String,
        path: String,
        source: serde_json::Error,
    },

    #[snafu(display("could not decode {what}: {message}"))]
    DecodeOther { what: String, message: String },

    #[snafu(display("body stream failed"))]
    Body { source: BoxError },

    #[snafu(display("pagination failed: {message}"))]
    Pagination { message: String },

    #[snafu(display("timed out after {timeout:?} waiting for {what}"))]
    WaitTimeout { what: String, timeout: Duration },

    #[snafu(display("{what} is in state {state}{}", detail.as_deref().map(|d| format!(": {d}")).unwrap_or_default()))]
    ResourceState {
        what: String,
        state: String,
        detail: Option<String>,
    },
}

impl From<Inner> for Error {
    fn from(inner: Inner) -> Self {
        Error {
            inner: Box::new(inner),
            context: None,
        }
    }
}

impl Error {
    /// The stage at which the operation failed.
    pub fn kind(&self) -> ErrorKind {
        match &*self.inner {
            Inner::Config { .. } => ErrorKind::Config,
            Inner::InvalidInput { .. } | Inner::InvalidInputSource { .. } => {
                ErrorKind::InvalidInput
            }
            Inner::Auth { .. } => ErrorKind::Auth,
            Inner::EndpointNotFound { .. } => ErrorKind::EndpointNotFound,
            Inner::Connect { .. } => ErrorKind::Connect,
            Inner::Timeout { .. } => ErrorKind::Timeout,
            Inner::Transport { .. } => ErrorKind::Transport,
            Inner::Http { .. } => ErrorKind::Http,
            Inner::Decode { .. } | Inner::DecodeOther { .. } => ErrorKind::Decode,
            Inner::Body { .. } => ErrorKind::Body,
            Inner::Pagination { .. } => ErrorKind::Pagination,
            Inner::WaitTimeout { .. } => ErrorKind::WaitTimeout,
            Inner::ResourceState { .. } => ErrorKind::ResourceState,
        }
    }

    /// The HTTP status of the response, when the server answered with an unexpected status.
    pub fn status(&self) -> Option<StatusCode> {
        self.http().map(|h| h.status)
    }

    /// `true` when the server answered 404 Not Found.
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(StatusCode::NOT_FOUND)
    }

    /// `true` when the server answered 409 Conflict.
    pub fn is_conflict(&self) -> bool {
        self.status() == Some(StatusCode::CONFLICT)
    }

    /// `true` when the server answered 401 Unauthorized.
    pub fn is_unauthorized(&self) -> bool {
        self.status() == Some(StatusCode::UNAUTHORIZED)
    }

    /// `true` when the server answered 403 Forbidden.
    pub fn is_forbidden(&self) -> bool {
        self.status() == Some(StatusCode::FORBIDDEN)
    }

    /// `true` when trying again later may succeed: a failed connection, a timeout, 429 Too Many
    /// Requests, or 502/503/504. Whether a retry is *safe* also depends on the method, which
    /// the client's retry policy takes into account.
    pub fn is_retryable(&self) -> bool {
        match &*self.inner {
            Inner::Connect { .. } | Inner::Timeout { .. } => true,
            Inner::Http { failure } => matches!(failure.status.as_u16(), 429 | 502 | 503 | 504),
            _ => false,
        }
    }

    /// `true` when the request timed out.
    pub fn is_timeout(&self) -> bool {
        matches!(&*self.inner, Inner::Timeout { .. })
    }

    /// `true` when no connection could be made (so nothing was sent).
    pub fn is_connect(&self) -> bool {
        matches!(&*self.inner, Inner::Connect { .. })
    }

    /// The request id the service returned (`x-openstack-request-id`, `x-compute-request-id`
    /// or Swift's `x-trans-id`), for quoting to the cloud's operators.
    pub fn request_id(&self) -> Option<&str> {
        self.http().and_then(|h| h.request_id.as_deref())
    }

    /// The human-readable message from the service's error body, whatever its shape.
    pub fn api_message(&self) -> Option<&str> {
        self.http().and_then(|h| h.api_message.as_deref())
    }

    /// The `Retry-After` the server asked for, when it gave one.
    pub fn retry_after(&self) -> Option<Duration> {
        self.http().and_then(|h| h.retry_after)
    }

    /// For a decode error, the path into the JSON document where decoding failed
    /// (for example `servers[3].created`).
    pub fn decode_path(&self) -> Option<&str> {
        match &*self.inner {
            Inner::Decode { path, .. } => Some(path),
            _ => None,
        }
    }

    /// An error for an argument that cannot be turned into a request.
    pub fn invalid_input(message: impl Into<String>) -> Self {
        Inner::InvalidInput {
            message: message.into(),
        }
        .into()
    }

    /// An error for configuration that is missing or contradictory.
    pub fn config(message: impl Into<String>) -> Self {
        Inner::Config {
            message: message.into(),
        }
        .into()
    }

    /// An authentication error with a message (for [`crate::auth::AuthMethod`] implementors).
    pub fn auth(message: impl Into<String>) -> Self {
        Inner::Auth {
            message: message.into(),
        }
        .into()
    }

    /// A decode error for data that is not JSON (plain-text listings, headers).
    pub fn decode(what: impl Into<String>, message: impl Into<String>) -> Self {
        Inner::DecodeOther {
            what: what.into(),
            message: message.into(),
        }
        .into()
    }

    /// A resource reached a state it will not leave on its own (for waiters): `what` names
    /// the resource (`server 3f2a…`), `state` its state, `detail` the fault message if any.
    ///
    /// ```
    /// let e = openstack_core::Error::resource_state("volume v1", "error", Some("no space".into()));
    /// assert_eq!(e.kind(), openstack_core::ErrorKind::ResourceState);
    /// assert_eq!(e.to_string(), "volume v1 is in state error: no space");
    /// ```
    pub fn resource_state(
        what: impl Into<String>,
        state: impl Into<String>,
        detail: Option<String>,
    ) -> Self {
        Inner::ResourceState {
            what: what.into(),
            state: state.into(),
            detail,
        }
        .into()
    }

    /// A failed request or response body stream.
    pub fn body(source: impl Into<BoxError>) -> Self {
        Inner::Body {
            source: source.into(),
        }
        .into()
    }

    /// Adds a sentence that says what the failure means (for example "the container is not
    /// empty"), shown before the rest of the message. The kind, status and every other
    /// answer stay as they were.
    ///
    /// ```
    /// let e = openstack_core::Error::invalid_input("x").context("cannot list servers");
    /// assert_eq!(e.to_string(), "cannot list servers: invalid input: x");
    /// ```
    #[must_use]
    pub fn context(mut self, message: impl Into<String>) -> Self {
        let message = message.into();
        self.context = Some(match self.context.take() {
            Some(old) => format!("{message}: {old}"),
            None => message,
        });
        self
    }

    pub(crate) fn http(&self) -> Option<&HttpFailure> {
        match &*self.inner {
            Inner::Http { failure } => Some(failure),
            _ => None,
        }
    }

    pub(crate) fn from_status(
        method: Method,
        url: &Url,
        status: StatusCode,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Self {
        let retry_after = headers
            .get(http::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(parse_retry_after);
        Inner::Http {
            failure: HttpFailure {
                method,
                url: redact_url(url),
                status,
                request_id: request_id(headers),
                api_message: api_message(headers, body),
                retry_after,
            },
        }
        .into()
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(c) = &self.context {
            write!(f, "{c}: ")?;
        }
        fmt::Display::fmt(&self.inner, f)?;
        // Include the source of decode and body errors: that is where the useful part is.
        match &*self.inner {
            Inner::Decode { source, .. } => write!(f, ": {source}")?,
            Inner::Body { source } => write!(f, ": {source}")?,
            _ => {}
        }
        Ok(())
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(c) = &self.context {
            write!(f, "{c:?}: ")?;
        }
        fmt::Debug::fmt(&self.inner, f)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        std::error::Error::source(&*self.inner)
    }
}

/// Shows a URL without its query string and credentials, which may hold secrets
/// (temporary URL signatures, tokens).
pub(crate) fn redact_url(url: &Url) -> String {
    let mut u = url.clone();
    u.set_query(None);
    u.set_fragment(None);
    let _ = u.set_password(None);
    let _ = u.set_username("");
    u.to_string()
}

/// The request id headers, in order of preference.
const REQUEST_ID_HEADERS: [&str; 4] = [
    "x-openstack-request-id",
    "x-compute-request-id",
    "x-trans-id",
    "x-request-id",
];

/// Returns the request id a service put in its response headers.
pub(crate) fn request_id(headers: &HeaderMap) -> Option<String> {
    REQUEST_ID_HEADERS
        .iter()
        .find_map(|h| headers.get(*h))
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

pub(crate) fn parse_retry_after(v: &str) -> Option<Duration> {
    let v = v.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let date =
        time::OffsetDateTime::parse(v, &time::format_description::well_known::Rfc2822).ok()?;
    let delta = date - time::OffsetDateTime::now_utc();
    Some(delta.try_into().unwrap_or(Duration::ZERO))
}

/// Extracts the human-readable message from an error body of any OpenStack service:
/// Nova/Cinder `{"itemNotFound": {"message": ..}}`, Neutron `{"NeutronError": {..}}`,
/// Keystone `{"error": {"message": ..}}`, Placement `{"errors": [{"detail": ..}]}`,
/// Ironic `{"error_message": ..}`, and the plain text or HTML of Glance and Swift.
pub(crate) fn api_message(headers: &HeaderMap, body: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(body).ok()?.trim();
    if text.is_empty() {
        return None;
    }
    let is_json = headers
        .get(http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.contains("json"))
        || text.starts_with('{');
    if is_json {
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(text) {
            if let Some(msg) = json_message(&value) {
                return Some(msg);
            }
        }
    }
    let plain = strip_html(text);
    (!plain.is_empty()).then(|| truncate(plain, 1024))
}

fn json_message(value: &serde_json::Value) -> Option<String> {
    use serde_json::Value;
    let obj = value.as_object()?;
    let string_of = |v: &Value| v.as_str().map(str::to_owned);
    // Top-level message fields.
    for key in ["message", "error_message", "faultstring", "detail"] {
        if let Some(v) = obj.get(key) {
            if let Some(s) = string_of(v) {
                // Ironic nests a JSON document in `error_message`.
                if let Ok(inner) = serde_json::from_str::<Value>(&s) {
                    if let Some(m) = json_message(&inner) {
                        return Some(m);
                    }
                }
                return Some(s);
            }
            if let Some(m) = json_message(v) {
                return Some(m);
            }
        }
    }
    // Placement: {"errors": [{"title", "detail"}]}.
    if let Some(errors) = obj.get("errors").and_then(Value::as_array) {
        let msgs: Vec<String> = errors
            .iter()
            .filter_map(|e| {
                e.get("detail")
                    .or_else(|| e.get("title"))
                    .or_else(|| e.get("message"))
                    .and_then(Value::as_str)
                    .map(str::to_owned)
            })
            .collect();
        if !msgs.is_empty() {
            return Some(msgs.join("; "));
        }
    }
    // One wrapping key: nova/cinder fault names, keystone "error", neutron "NeutronError".
    for (_, v) in obj.iter() {
        match v {
            Value::Object(inner) => {
                for key in ["message", "detail", "title"] {
                    if let Some(s) = inner.get(key).and_then(Value::as_str) {
                        if !s.is_empty() {
                            return Some(s.to_owned());
                        }
                    }
                }
            }
            Value::String(s) if obj.len() == 1 => return Some(s.clone()),
            _ => {}
        }
    }
    None
}

fn strip_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    let mut in_title = false;
    let mut tag = String::new();
    for c in text.chars() {
        match c {
            '<' => {
                in_tag = true;
                tag.clear();
            }
            '>' if in_tag => {
                in_tag = false;
                let t = tag.to_ascii_lowercase();
                if t.starts_with("title") {
                    in_title = true;
                } else if t.starts_with("/title") {
                    in_title = false;
                }
                out.push(' ');
            }
            _ if in_tag => tag.push(c),
            _ if in_title => {}
            _ => out.push(c),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn truncate(mut s: String, max: usize) -> String {
    if s.len() > max {
        let mut cut = max;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        s.truncate(cut);
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn msg(ct: &str, body: &str) -> Option<String> {
        let mut h = HeaderMap::new();
        h.insert(http::header::CONTENT_TYPE, ct.parse().expect("header"));
        api_message(&h, body.as_bytes())
    }

    #[test]
    fn nova_fault() {
        let body =
            r#"{"itemNotFound": {"code": 404, "message": "Instance abc could not be found."}}"#;
        assert_eq!(
            msg("application/json", body).as_deref(),
            Some("Instance abc could not be found.")
        );
    }

    #[test]
    fn neutron_error() {
        let body = r#"{"NeutronError": {"type": "NetworkNotFound", "message": "Network x could not be found.", "detail": ""}}"#;
        assert_eq!(
            msg("application/json", body).as_deref(),
            Some("Network x could not be found.")
        );
    }

    #[test]
    fn keystone_error() {
        let body = r#"{"error": {"code": 401, "title": "Unauthorized", "message": "The request you have made requires authentication."}}"#;
        assert_eq!(
            msg("application/json", body).as_deref(),
            Some("The request you have made requires authentication.")
        );
    }

    #[test]
    fn cinder_fault() {
        let body =
            r#"{"badRequest": {"message": "Invalid volume: must be available", "code": 400}}"#;
        assert_eq!(
            msg("application/json", body).as_deref(),
            Some("Invalid volume: must be available")
        );
    }

    #[test]
    fn placement_errors() {
        let body = r#"{"errors": [{"status": 404, "title": "Not Found", "detail": "No resource provider with uuid x found", "request_id": "req-1"}]}"#;
        assert_eq!(
            msg("application/json", body).as_deref(),
            Some("No resource provider with uuid x found")
        );
    }

    #[test]
    fn ironic_nested() {
        let body = r#"{"error_message": "{\"faultstring\": \"Node x could not be found.\", \"debuginfo\": null}"}"#;
        assert_eq!(
            msg("application/json", body).as_deref(),
            Some("Node x could not be found.")
        );
    }

    #[test]
    fn glance_html() {
        let body = "<html>\n <head>\n  <title>404 Not Found</title>\n </head>\n <body>\n  <h1>404 Not Found</h1>\n  No image found with ID x<br /><br />\n\n\n\n </body>\n</html>";
        assert_eq!(
            msg("text/html; charset=UTF-8", body).as_deref(),
            Some("404 Not Found No image found with ID x")
        );
    }

    #[test]
    fn swift_plain() {
        assert_eq!(
            msg(
                "text/html; charset=UTF-8",
                "<html><h1>Not Found</h1><p>The resource could not be found.</p></html>"
            )
            .as_deref(),
            Some("Not Found The resource could not be found.")
        );
        assert_eq!(
            msg("text/plain", "Container PUT failed").as_deref(),
            Some("Container PUT failed")
        );
    }

    #[test]
    fn empty_and_binary_bodies() {
        assert_eq!(msg("application/json", ""), None);
        let h = HeaderMap::new();
        assert_eq!(api_message(&h, &[0xff, 0xfe, 0x00]), None);
    }

    #[test]
    fn retry_after_forms() {
        assert_eq!(parse_retry_after("7"), Some(Duration::from_secs(7)));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon"), None);
    }

    #[test]
    fn error_questions() {
        let url =
            Url::parse("https://nova.example/v2.1/servers/x?temp_url_sig=SECRET").expect("url");
        let mut headers = HeaderMap::new();
        headers.insert("x-compute-request-id", "req-123".parse().expect("hv"));
        let err = Error::from_status(
            Method::GET,
            &url,
            StatusCode::NOT_FOUND,
            &headers,
            br#"{"itemNotFound": {"message": "gone", "code": 404}}"#,
        );
        assert!(err.is_not_found());
        assert!(!err.is_retryable());
        assert_eq!(err.kind(), ErrorKind::Http);
        assert_eq!(err.request_id(), Some("req-123"));
        assert_eq!(err.api_message(), Some("gone"));
        let shown = err.to_string();
        assert_eq!(
            shown,
            "GET https://nova.example/v2.1/servers/x returned 404 Not Found: gone (request id req-123)"
        );
        assert!(!format!("{err:?}").contains("SECRET"));
    }
}
