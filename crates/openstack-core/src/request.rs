//! Requests, built with no I/O and sent by a [`ServiceClient`](crate::ServiceClient).
//!
//! A service crate builds a [`Request`] (method, path relative to the service endpoint, query,
//! headers, body, accepted status codes); the core adds the endpoint, token, microversion and
//! user agent when it is sent. Because building does no I/O, every URL, query and body can be
//! checked in unit tests without a server.

use http::header::{HeaderName, HeaderValue, CONTENT_TYPE};
use http::{HeaderMap, Method, StatusCode};
use serde::Serialize;
use url::Url;

use crate::body::Body;
use crate::error::{Error, Inner, Result};

/// An HTTP request to an OpenStack service, independent of any client.
///
/// ```
/// use openstack_core::Request;
/// #[derive(serde::Serialize)]
/// struct ListOpts { limit: u32, status: &'static str }
///
/// let req = Request::get("servers/detail")
///     .query(&ListOpts { limit: 50, status: "ACTIVE" })?
///     .ok_status([200]);
/// assert_eq!(req.path(), "servers/detail");
/// assert_eq!(req.query_string(), Some("limit=50&status=ACTIVE"));
/// # Ok::<(), openstack_core::Error>(())
/// ```
#[derive(Debug)]
#[must_use]
pub struct Request {
    method: Method,
    path: String,
    query: Option<String>,
    headers: HeaderMap,
    body: Body,
    ok_status: Option<Vec<StatusCode>>,
    authenticated: bool,
    timeout: Option<RequestTimeout>,
}

/// A per-request timeout, carried to the timeout layer as a request extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RequestTimeout {
    /// Wait at most this long for the response headers, per attempt.
    After(std::time::Duration),
    /// No timeout.
    Never,
}

impl Request {
    /// A request with `method` to `path`, which is relative to the service endpoint
    /// (`"servers/detail"`) or an absolute URL (as found in pagination links).
    pub fn new(method: Method, path: impl Into<String>) -> Self {
        Request {
            method,
            path: path.into(),
            query: None,
            headers: HeaderMap::new(),
            body: Body::empty(),
            ok_status: None,
            authenticated: true,
            timeout: None,
        }
    }

    /// A `GET` request.
    pub fn get(path: impl Into<String>) -> Self {
        Self::new(Method::GET, path)
    }

    /// A `POST` request.
    pub fn post(path: impl Into<String>) -> Self {
        Self::new(Method::POST, path)
    }

    /// A `PUT` request.
    pub fn put(path: impl Into<String>) -> Self {
        Self::new(Method::PUT, path)
    }

    /// A `PATCH` request.
    pub fn patch(path: impl Into<String>) -> Self {
        Self::new(Method::PATCH, path)
    }

    /// A `DELETE` request.
    pub fn delete(path: impl Into<String>) -> Self {
        Self::new(Method::DELETE, path)
    }

    /// A `HEAD` request.
    pub fn head(path: impl Into<String>) -> Self {
        Self::new(Method::HEAD, path)
    }

    /// Appends the fields of `query` to the query string (the Rust form of Gophercloud's
    /// `BuildQueryString`). `None` fields are left out; sequences become repeated keys
    /// (`fields=id&fields=name`). Use `#[serde(rename = "...")]` for the wire names.
    pub fn query<T: Serialize + ?Sized>(mut self, query: &T) -> Result<Self> {
        let encoded = serde_html_form::to_string(query).map_err(|e| {
            Error::from(Inner::InvalidInputSource {
                message: "cannot encode query parameters".into(),
                source: Box::new(e),
            })
        })?;
        self.append_query(&encoded);
        Ok(self)
    }

    /// Appends one `key=value` pair to the query string.
    pub fn query_pair(mut self, key: &str, value: &str) -> Self {
        let encoded = url::form_urlencoded::Serializer::new(String::new())
            .append_pair(key, value)
            .finish();
        self.append_query(&encoded);
        self
    }

    fn append_query(&mut self, encoded: &str) {
        if encoded.is_empty() {
            return;
        }
        match &mut self.query {
            Some(q) if !q.is_empty() => {
                q.push('&');
                q.push_str(encoded);
            }
            _ => self.query = Some(encoded.to_owned()),
        }
    }

    /// Sets a header, replacing any earlier value.
    pub fn header(mut self, name: &str, value: &str) -> Result<Self> {
        let name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| Error::invalid_input(format!("invalid header name {name:?}")))?;
        let value = HeaderValue::from_str(value)
            .map_err(|_| Error::invalid_input(format!("invalid value for header {name}")))?;
        self.headers.insert(name, value);
        Ok(self)
    }

    /// Sets a header that holds a secret: it is marked sensitive, so it is never logged.
    pub fn secret_header(mut self, name: &str, value: &str) -> Result<Self> {
        let name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| Error::invalid_input(format!("invalid header name {name:?}")))?;
        let mut value = HeaderValue::from_str(value)
            .map_err(|_| Error::invalid_input(format!("invalid value for header {name}")))?;
        value.set_sensitive(true);
        self.headers.insert(name, value);
        Ok(self)
    }

    /// Sets headers from the fields of a struct (the Rust form of Gophercloud's
    /// `BuildHeaders`): each field's serde name is the header name; strings, numbers and
    /// booleans are allowed, `None` fields are left out, and a map field (for example
    /// `#[serde(flatten)] metadata: BTreeMap<String, String>` with prefixed keys) adds one
    /// header per entry.
    pub fn headers_from<T: Serialize + ?Sized>(mut self, headers: &T) -> Result<Self> {
        let value = serde_json::to_value(headers).map_err(|e| {
            Error::from(Inner::InvalidInputSource {
                message: "cannot encode headers".into(),
                source: Box::new(e),
            })
        })?;
        let serde_json::Value::Object(map) = value else {
            return Err(Error::invalid_input(
                "headers must serialize to a struct or map",
            ));
        };
        for (name, v) in map {
            let text = match v {
                serde_json::Value::Null => continue,
                serde_json::Value::String(s) => s,
                serde_json::Value::Bool(b) => b.to_string(),
                serde_json::Value::Number(n) => n.to_string(),
                _ => {
                    return Err(Error::invalid_input(format!(
                        "header {name} must be a string, number or boolean"
                    )))
                }
            };
            self = self.header(&name, &text)?;
        }
        Ok(self)
    }

    /// Sets a JSON body (and `Content-Type: application/json`).
    pub fn json<T: Serialize + ?Sized>(mut self, body: &T) -> Result<Self> {
        let bytes = serde_json::to_vec(body).map_err(|e| {
            Error::from(Inner::InvalidInputSource {
                message: "cannot encode the JSON body".into(),
                source: Box::new(e),
            })
        })?;
        self.headers
            .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        self.body = Body::from(bytes);
        Ok(self)
    }

    /// Sets a JSON body wrapped in a one-key envelope: `{"<key>": body}`.
    pub fn json_wrapped<T: Serialize + ?Sized>(self, key: &str, body: &T) -> Result<Self> {
        self.json(&crate::serde_util::Wrapped(key, body))
    }

    /// Sets the body. Set `Content-Type` with [`Request::header`] when it matters.
    pub fn body(mut self, body: impl Into<Body>) -> Self {
        self.body = body.into();
        self
    }

    /// The status codes that count as success; any other status becomes an
    /// [`Error`] with [`ErrorKind::Http`](crate::ErrorKind::Http). Without it, any 2xx is success.
    pub fn ok_status(mut self, codes: impl IntoIterator<Item = u16>) -> Self {
        self.ok_status = Some(
            codes
                .into_iter()
                .filter_map(|c| StatusCode::from_u16(c).ok())
                .collect(),
        );
        self
    }

    /// Sends the request without a token (for example to the identity service's token
    /// endpoint, or to version discovery documents).
    pub fn unauthenticated(mut self) -> Self {
        self.authenticated = false;
        self
    }

    /// Overrides the client's request timeout for this request (`None`: no timeout). The
    /// timeout runs until the response headers arrive, so it includes sending the body.
    /// Requests with a streamed body have no timeout unless one is set here.
    pub fn timeout(mut self, timeout: Option<std::time::Duration>) -> Self {
        self.timeout = Some(match timeout {
            Some(d) => RequestTimeout::After(d),
            None => RequestTimeout::Never,
        });
        self
    }

    /// The HTTP method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The path, relative to the service endpoint, or an absolute URL.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The encoded query string, if any.
    pub fn query_string(&self) -> Option<&str> {
        self.query.as_deref()
    }

    /// The headers set on this request (the client adds the token, user agent and
    /// microversion when it sends it).
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The body.
    pub fn body_ref(&self) -> &Body {
        &self.body
    }

    /// The body decoded as JSON, for tests of request builders (`None` when the body is a
    /// stream or not JSON).
    pub fn json_body(&self) -> Option<serde_json::Value> {
        let bytes = self.body.as_bytes()?;
        serde_json::from_slice(bytes).ok()
    }

    /// Whether a status counts as success for this request.
    pub fn is_ok_status(&self, status: StatusCode) -> bool {
        match &self.ok_status {
            Some(codes) => codes.contains(&status),
            None => status.is_success(),
        }
    }

    /// Whether the token is sent with this request.
    pub fn is_authenticated(&self) -> bool {
        self.authenticated
    }

    /// The full URL of this request against a service endpoint `base` (which should end
    /// with `/`).
    pub fn url(&self, base: &Url) -> Result<Url> {
        let mut url = if self.path.starts_with("http://") || self.path.starts_with("https://") {
            Url::parse(&self.path)
        } else {
            base.join(self.path.trim_start_matches('/'))
        }
        .map_err(|e| {
            Error::from(Inner::InvalidInputSource {
                message: format!("cannot build a URL from {:?}", self.path),
                source: Box::new(e),
            })
        })?;
        if let Some(q) = &self.query {
            let merged = match url.query() {
                Some(existing) if !existing.is_empty() => format!("{existing}&{q}"),
                _ => q.clone(),
            };
            url.set_query(Some(&merged));
        }
        Ok(url)
    }

    pub(crate) fn set_headers(&mut self, headers: HeaderMap) {
        self.headers = headers;
    }

    pub(crate) fn into_parts(self) -> RequestParts {
        RequestParts {
            method: self.method,
            headers: self.headers,
            body: self.body,
            ok_status: self.ok_status,
            authenticated: self.authenticated,
            timeout: self.timeout,
        }
    }
}

pub(crate) struct RequestParts {
    pub(crate) method: Method,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Body,
    pub(crate) ok_status: Option<Vec<StatusCode>>,
    pub(crate) authenticated: bool,
    pub(crate) timeout: Option<RequestTimeout>,
}

/// Percent-encodes one path segment (a name that may contain `/`, spaces or `?`), as object
/// names and other user-chosen identifiers must be before they go into a path.
pub fn encode_path_segment(segment: &str) -> String {
    url::form_urlencoded::byte_serialize(segment.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize, Default)]
    struct Opts {
        #[serde(skip_serializing_if = "Option::is_none")]
        marker: Option<String>,
        limit: Option<u32>,
        fields: Vec<&'static str>,
        #[serde(rename = "changes-since", skip_serializing_if = "Option::is_none")]
        changes_since: Option<String>,
    }

    #[test]
    fn query_from_struct() {
        let req = Request::get("ports")
            .query(&Opts {
                marker: None,
                limit: Some(10),
                fields: vec!["id", "name"],
                changes_since: Some("2024-01-01T00:00:00Z".into()),
            })
            .expect("query");
        assert_eq!(
            req.query_string(),
            Some("limit=10&fields=id&fields=name&changes-since=2024-01-01T00%3A00%3A00Z")
        );
        let base = Url::parse("http://neutron:9696/v2.0/").expect("url");
        assert_eq!(
            req.url(&base).expect("url").as_str(),
            "http://neutron:9696/v2.0/ports?limit=10&fields=id&fields=name&changes-since=2024-01-01T00%3A00%3A00Z"
        );
    }

    #[test]
    fn empty_query_leaves_url_clean() {
        let req = Request::get("/servers")
            .query(&Opts::default())
            .expect("query");
        let base = Url::parse("http://nova/v2.1/").expect("url");
        assert_eq!(
            req.url(&base).expect("url").as_str(),
            "http://nova/v2.1/servers"
        );
    }

    #[test]
    fn absolute_path_and_existing_query() {
        let req = Request::get("http://other/v2.1/servers?marker=abc").query_pair("limit", "2");
        let base = Url::parse("http://nova/v2.1/").expect("url");
        assert_eq!(
            req.url(&base).expect("url").as_str(),
            "http://other/v2.1/servers?marker=abc&limit=2"
        );
    }

    #[test]
    fn headers_from_struct() {
        #[derive(Serialize)]
        struct H {
            #[serde(rename = "X-Container-Read")]
            read: Option<String>,
            #[serde(rename = "X-Delete-After")]
            delete_after: Option<u64>,
            #[serde(flatten)]
            meta: std::collections::BTreeMap<String, String>,
        }
        let mut meta = std::collections::BTreeMap::new();
        meta.insert("X-Object-Meta-Color".to_owned(), "blue".to_owned());
        let req = Request::put("c/o")
            .headers_from(&H {
                read: None,
                delete_after: Some(60),
                meta,
            })
            .expect("headers");
        assert_eq!(req.headers().get("x-delete-after").expect("h"), "60");
        assert_eq!(req.headers().get("x-object-meta-color").expect("h"), "blue");
        assert!(req.headers().get("x-container-read").is_none());
    }

    #[test]
    fn json_body_and_status() {
        let req = Request::post("servers")
            .json(&serde_json::json!({"server": {"name": "a"}}))
            .expect("json")
            .ok_status([202]);
        assert_eq!(req.headers()[CONTENT_TYPE], "application/json");
        assert_eq!(req.json_body().expect("json")["server"]["name"], "a");
        assert!(req.is_ok_status(StatusCode::ACCEPTED));
        assert!(!req.is_ok_status(StatusCode::OK));
        assert!(Request::get("x").is_ok_status(StatusCode::NO_CONTENT));
    }

    #[test]
    fn bad_header_is_typed_error() {
        let err = Request::get("x")
            .header("bad name", "v")
            .expect_err("invalid");
        assert_eq!(err.kind(), crate::ErrorKind::InvalidInput);
        let err = Request::get("x")
            .header("x-ok", "line\nbreak")
            .expect_err("invalid");
        assert_eq!(err.kind(), crate::ErrorKind::InvalidInput);
    }

    #[test]
    fn path_segments_are_encoded() {
        assert_eq!(encode_path_segment("a b/c?d"), "a%20b%2Fc%3Fd");
    }
}
