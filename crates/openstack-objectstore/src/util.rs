//! Shared helpers: path encoding, header parsing, secrets, checksum errors.

use std::collections::BTreeMap;
use std::fmt;

use http::HeaderMap;
use openstack_core::{encode_path_segment, Error, Request, Result};
use time::format_description::well_known::Rfc2822;
use time::macros::format_description;
use time::OffsetDateTime;

/// User metadata (`X-<Resource>-Meta-<name>`): names are lower-cased as HTTP header names
/// are, values kept as sent (UTF-8).
pub type Metadata = BTreeMap<String, String>;

/// A secret such as a temporary-URL key. Its `Debug` output is redacted, and it is sent in
/// headers marked sensitive, so it never reaches logs.
#[derive(Clone, PartialEq, Eq, Default)]
pub struct SecretKey(String);

impl SecretKey {
    /// Wraps a secret.
    pub fn new(secret: impl Into<String>) -> Self {
        SecretKey(secret.into())
    }

    /// The secret itself.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(<redacted>)")
    }
}

impl From<&str> for SecretKey {
    fn from(s: &str) -> Self {
        SecretKey::new(s)
    }
}

impl From<String> for SecretKey {
    fn from(s: String) -> Self {
        SecretKey::new(s)
    }
}

/// The data received or sent does not match the checksum (ETag) the server gave: the bytes
/// were corrupted or cut short somewhere. Reached through [`std::error::Error::source`] of
/// the [`openstack_core::Error`] (kind `Body`); test for it with [`is_checksum_mismatch`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecksumMismatch {
    /// What was checked (`the download of c/o`, `the upload of c/o`).
    pub what: String,
    /// The MD5 the server announced (ETag).
    pub expected: String,
    /// The MD5 of the bytes that actually went through.
    pub actual: String,
    /// How many bytes went through.
    pub bytes: u64,
}

impl fmt::Display for ChecksumMismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "MD5 mismatch in {}: the server's ETag is {} but the {} bytes that went through hash to {}",
            self.what, self.expected, self.bytes, self.actual
        )
    }
}

impl std::error::Error for ChecksumMismatch {}

impl ChecksumMismatch {
    pub(crate) fn into_error(self) -> Error {
        Error::body(self)
    }
}

/// Whether an error (or one of its sources) is a [`ChecksumMismatch`].
pub fn is_checksum_mismatch(err: &Error) -> bool {
    checksum_mismatch(err).is_some()
}

/// The [`ChecksumMismatch`] behind an error, if any.
pub(crate) fn checksum_mismatch(err: &Error) -> Option<&ChecksumMismatch> {
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = cur {
        if let Some(m) = e.downcast_ref::<ChecksumMismatch>() {
            return Some(m);
        }
        cur = e.source();
    }
    None
}

// ------------------------------------------------------------------ paths

/// The path of a container, relative to the account endpoint.
pub(crate) fn container_path(container: &str) -> Result<String> {
    if container.is_empty() {
        return Err(Error::invalid_input("the container name is empty"));
    }
    if container == "." || container == ".." {
        return Err(dot_segment_error("container", container));
    }
    Ok(encode_path_segment(container))
}

/// Names whose `/`-separated segments include `.` or `..` cannot go into a URL path: URL
/// parsing removes such segments (even percent-encoded), so the request would address a
/// different object. Swift can store such names, but the SDK refuses them rather than act
/// on the wrong object.
fn dot_segment_error(what: &str, name: &str) -> Error {
    Error::invalid_input(format!(
        "the {what} name {name:?} has a \".\" or \"..\" path segment, which URL \
         normalisation would remove, addressing another {what}; the SDK cannot send it"
    ))
}

/// Encodes an object name segment by segment, keeping `/` as the separator.
pub(crate) fn encode_object_name(object: &str) -> String {
    object
        .split('/')
        .map(encode_path_segment)
        .collect::<Vec<_>>()
        .join("/")
}

/// The path of an object, relative to the account endpoint.
pub(crate) fn object_path(container: &str, object: &str) -> Result<String> {
    if object.is_empty() {
        return Err(Error::invalid_input("the object name is empty"));
    }
    if object.split('/').any(|seg| seg == "." || seg == "..") {
        return Err(dot_segment_error("object", object));
    }
    Ok(format!(
        "{}/{}",
        container_path(container)?,
        encode_object_name(object)
    ))
}

/// `container/object`, percent-encoded, as the `Destination`, `X-Copy-From` and
/// `X-Object-Manifest` headers want it (Swift unquotes them).
pub(crate) fn header_ref(container: &str, object: &str) -> Result<String> {
    if container.is_empty() {
        return Err(Error::invalid_input("the container name is empty"));
    }
    Ok(format!(
        "{}/{}",
        encode_path_segment(container),
        encode_object_name(object)
    ))
}

// ------------------------------------------------------------------ request headers

/// Adds `X-<kind>-Meta-<name>: value` for each entry, and
/// `X-Remove-<kind>-Meta-<name>: x` for each removed name.
pub(crate) fn apply_metadata(
    mut req: Request,
    kind: &str,
    set: &Metadata,
    remove: &[String],
) -> Result<Request> {
    for (k, v) in set {
        req = req.header(&format!("X-{kind}-Meta-{k}"), v)?;
    }
    for k in remove {
        req = req.header(&format!("X-Remove-{kind}-Meta-{k}"), "x")?;
    }
    Ok(req)
}

// ------------------------------------------------------------------ response headers

/// A header as text (UTF-8, not just visible ASCII: Swift sends metadata values raw).
pub(crate) fn header_string(headers: &HeaderMap, name: &str) -> Option<String> {
    let v = headers.get(name)?;
    Some(match std::str::from_utf8(v.as_bytes()) {
        Ok(s) => s.to_owned(),
        Err(_) => String::from_utf8_lossy(v.as_bytes()).into_owned(),
    })
}

pub(crate) fn header_u64(headers: &HeaderMap, name: &str) -> Option<u64> {
    header_string(headers, name).and_then(|s| s.trim().parse().ok())
}

pub(crate) fn header_i64(headers: &HeaderMap, name: &str) -> Option<i64> {
    header_string(headers, name).and_then(|s| s.trim().parse().ok())
}

pub(crate) fn header_bool(headers: &HeaderMap, name: &str) -> bool {
    header_string(headers, name).is_some_and(|s| {
        matches!(
            s.trim().to_ascii_lowercase().as_str(),
            "true" | "1" | "yes" | "on" | "t" | "y"
        )
    })
}

/// `X-Timestamp` (seconds since the epoch with a fraction: `1389727543.65372`).
pub(crate) fn header_timestamp(headers: &HeaderMap, name: &str) -> Option<OffsetDateTime> {
    let s = header_string(headers, name)?;
    parse_unix_fraction(&s)
}

pub(crate) fn parse_unix_fraction(s: &str) -> Option<OffsetDateTime> {
    let s = s.trim();
    let (secs, frac) = match s.split_once('.') {
        Some((a, b)) => (a, b),
        None => (s, ""),
    };
    let secs: i64 = secs.parse().ok()?;
    let mut nanos: i64 = 0;
    if !frac.is_empty() {
        let digits: String = frac.chars().take(9).collect();
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let scale = 10_i64.pow(9 - digits.len() as u32);
        nanos = digits.parse::<i64>().ok()? * scale;
    }
    OffsetDateTime::from_unix_timestamp(secs)
        .ok()
        .map(|t| t + time::Duration::nanoseconds(nanos))
}

/// An HTTP date header (`Wed, 15 Jan 2014 16:57:35 GMT`).
pub(crate) fn header_http_date(headers: &HeaderMap, name: &str) -> Option<OffsetDateTime> {
    parse_http_date(&header_string(headers, name)?)
}

pub(crate) fn parse_http_date(s: &str) -> Option<OffsetDateTime> {
    let s = s.trim();
    if let Ok(t) = OffsetDateTime::parse(s, &Rfc2822) {
        return Some(t);
    }
    let fmt = format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    time::PrimitiveDateTime::parse(s, &fmt)
        .ok()
        .map(|t| t.assume_utc())
}

/// Formats an HTTP date (`If-Modified-Since`).
pub(crate) fn format_http_date(t: OffsetDateTime) -> String {
    let fmt = format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    t.to_offset(time::UtcOffset::UTC)
        .format(&fmt)
        .unwrap_or_default()
}

/// The `X-<prefix>-Meta-*` headers as a map of lower-cased names (without the prefix) to
/// values, leaving out the names in `skip` (secrets such as temp URL keys).
pub(crate) fn metadata_with_prefix(headers: &HeaderMap, prefix: &str, skip: &[&str]) -> Metadata {
    let prefix = prefix.to_ascii_lowercase();
    let mut out = Metadata::new();
    for name in headers.keys() {
        if let Some(rest) = name.as_str().strip_prefix(&prefix) {
            if rest.is_empty() || skip.contains(&rest) {
                continue;
            }
            if let Some(v) = header_string(headers, name.as_str()) {
                out.insert(rest.to_owned(), v);
            }
        }
    }
    out
}

/// The request id Swift sent (`X-Openstack-Request-Id`, else `X-Trans-Id`).
pub(crate) fn trans_id(headers: &HeaderMap) -> Option<String> {
    header_string(headers, "x-openstack-request-id")
        .or_else(|| header_string(headers, "x-trans-id"))
}

/// An ETag without quotes.
pub(crate) fn unquote_etag(s: &str) -> String {
    s.trim().trim_matches('"').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn object_paths_keep_slashes() {
        assert_eq!(
            object_path("my c", "a b/c?d#e%f/ü").expect("path"),
            "my%20c/a%20b/c%3Fd%23e%25f/%C3%BC"
        );
        assert_eq!(object_path("c", "dir/").expect("path"), "c/dir/");
        assert!(object_path("", "o").is_err());
        assert!(object_path("c", "").is_err());
        assert_eq!(header_ref("c", "x y/z").expect("ref"), "c/x%20y/z");
        // Dot segments would be normalised away by URL parsing: refused, not misdirected.
        for bad in ["a/../b", "./x", "a/.", "..", "a/./b"] {
            let err = object_path("c", bad).expect_err(bad);
            assert_eq!(err.kind(), openstack_core::ErrorKind::InvalidInput);
            assert!(err.to_string().contains(bad), "{err}");
        }
        assert!(container_path("..").is_err() && container_path(".").is_err());
        // Dots inside a segment are ordinary characters.
        assert_eq!(
            object_path("c", "a.b/..c/d..").expect("path"),
            "c/a.b/..c/d.."
        );
        assert_eq!(container_path("v1.0").expect("path"), "v1.0");
    }

    #[test]
    fn dates_and_timestamps() {
        let t = parse_http_date("Wed, 15 Jan 2014 16:57:35 GMT").expect("date");
        assert_eq!(t.unix_timestamp(), 1_389_805_055);
        assert_eq!(format_http_date(t), "Wed, 15 Jan 2014 16:57:35 GMT");
        let t = parse_unix_fraction("1389727543.65372").expect("ts");
        assert_eq!(t.unix_timestamp(), 1_389_727_543);
        assert_eq!(t.nanosecond(), 653_720_000);
        assert!(parse_unix_fraction("x").is_none());
    }

    #[test]
    fn secrets_are_redacted() {
        let k = SecretKey::new("hunter2");
        assert!(!format!("{k:?}").contains("hunter2"));
        assert_eq!(k.expose(), "hunter2");
    }

    #[test]
    fn checksum_errors_are_found() {
        let e = ChecksumMismatch {
            what: "x".into(),
            expected: "a".into(),
            actual: "b".into(),
            bytes: 3,
        }
        .into_error();
        assert!(is_checksum_mismatch(&e));
        assert!(!is_checksum_mismatch(&Error::invalid_input("x")));
    }
}
