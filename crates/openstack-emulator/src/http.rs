//! Small request/response helpers shared by the services.

use bytes::Bytes;
use http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode};
use serde_json::{json, Value};

/// A fully read request.
#[derive(Debug)]
pub(crate) struct Req {
    pub(crate) method: Method,
    /// Decoded path segments below the service prefix.
    pub(crate) segs: Vec<String>,
    /// The raw path (still percent-encoded).
    pub(crate) raw_path: String,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
    /// The MD5 of the body, computed while it arrived.
    pub(crate) body_md5: String,
}

impl Req {
    pub(crate) fn q(&self, key: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    pub(crate) fn has_q(&self, key: &str) -> bool {
        self.query.iter().any(|(k, _)| k == key)
    }

    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The body as a JSON object (`None` when empty or not JSON).
    pub(crate) fn json(&self) -> Option<Value> {
        if self.body.is_empty() {
            return None;
        }
        serde_json::from_slice(&self.body).ok()
    }

    /// The `limit` query parameter: `Ok(None)` when absent, `Err` when not a number.
    pub(crate) fn limit(&self) -> Result<Option<usize>, String> {
        match self.q("limit") {
            None => Ok(None),
            Some(s) => s
                .parse::<usize>()
                .map(Some)
                .map_err(|_| format!("Invalid limit {s:?}: must be a non-negative integer")),
        }
    }
}

/// A response body: whole, or chunks sent one frame at a time.
#[derive(Debug)]
pub(crate) enum RespBody {
    Full(Bytes),
    Chunks(Vec<Bytes>),
}

/// A response under construction.
#[derive(Debug)]
pub(crate) struct Resp {
    pub(crate) status: StatusCode,
    pub(crate) headers: Box<HeaderMap>,
    pub(crate) body: RespBody,
}

impl Resp {
    pub(crate) fn new(status: u16) -> Self {
        Resp {
            status: StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            headers: Box::default(),
            body: RespBody::Full(Bytes::new()),
        }
    }

    pub(crate) fn json(status: u16, value: &Value) -> Self {
        let body = serde_json::to_vec(value).unwrap_or_default();
        Resp::new(status)
            .header("content-type", "application/json")
            .with_body(body)
    }

    pub(crate) fn text(status: u16, content_type: &str, text: impl Into<String>) -> Self {
        Resp::new(status)
            .header("content-type", content_type)
            .with_body(text.into().into_bytes())
    }

    pub(crate) fn with_body(mut self, body: impl Into<Bytes>) -> Self {
        self.body = RespBody::Full(body.into());
        self
    }

    pub(crate) fn with_chunks(mut self, chunks: Vec<Bytes>) -> Self {
        self.body = RespBody::Chunks(chunks);
        self
    }

    pub(crate) fn header(mut self, name: &str, value: &str) -> Self {
        if let (Ok(n), Ok(v)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(value),
        ) {
            self.headers.append(n, v);
        }
        self
    }

    pub(crate) fn body_len(&self) -> usize {
        match &self.body {
            RespBody::Full(b) => b.len(),
            RespBody::Chunks(c) => c.iter().map(Bytes::len).sum(),
        }
    }
}

/// Nova/Cinder fault body: `{"itemNotFound": {"code": 404, "message": ...}}`.
pub(crate) fn nova_fault(status: u16, message: impl Into<String>) -> Resp {
    let name = match status {
        400 => "badRequest",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "itemNotFound",
        405 => "badMethod",
        409 => "conflictingRequest",
        413 => "overLimit",
        415 => "badMediaType",
        429 => "overLimit",
        501 => "notImplemented",
        503 => "serviceUnavailable",
        _ => "computeFault",
    };
    Resp::json(
        status,
        &json!({ name: { "code": status, "message": message.into() } }),
    )
}

/// Neutron error body: `{"NeutronError": {"type": ..., "message": ..., "detail": ""}}`.
pub(crate) fn neutron_error(status: u16, kind: &str, message: impl Into<String>) -> Resp {
    Resp::json(
        status,
        &json!({"NeutronError": {"type": kind, "message": message.into(), "detail": ""}}),
    )
}

fn reason(status: u16) -> &'static str {
    StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("Error")
}

/// Keystone error body: `{"error": {"code": 401, "title": "Unauthorized", "message": ...}}`.
pub(crate) fn keystone_error(status: u16, message: impl Into<String>) -> Resp {
    Resp::json(
        status,
        &json!({"error": {"code": status, "title": reason(status), "message": message.into()}}),
    )
}

/// Glance (webob) error page.
pub(crate) fn glance_error(status: u16, message: impl Into<String>) -> Resp {
    let title = format!("{status} {}", reason(status));
    Resp::text(
        status,
        "text/html; charset=UTF-8",
        format!(
            "<html>\n <head>\n  <title>{title}</title>\n </head>\n <body>\n  <h1>{title}</h1>\n  {}<br /><br />\n\n\n\n </body>\n</html>",
            message.into()
        ),
    )
}

/// Swift error page.
pub(crate) fn swift_error(status: u16, message: &str) -> Resp {
    Resp::text(
        status,
        "text/html; charset=UTF-8",
        format!("<html><h1>{}</h1><p>{message}</p></html>", reason(status)),
    )
}

/// Percent-decodes a path segment or query component (`+` kept as is unless `plus`).
pub(crate) fn percent_decode(s: &str, plus: bool) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
            if let Some(v) = hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        if plus && b == b'+' {
            out.push(b' ');
        } else {
            out.push(b);
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Parses a query string into decoded pairs.
pub(crate) fn parse_query(q: Option<&str>) -> Vec<(String, String)> {
    let Some(q) = q else { return Vec::new() };
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (percent_decode(k, true), percent_decode(v, true)),
            None => (percent_decode(p, true), String::new()),
        })
        .collect()
}

/// A random UUID-shaped id (version 4 layout).
pub(crate) fn uuid() -> String {
    let mut b = [0u8; 16];
    for x in &mut b {
        *x = fastrand::u8(..);
    }
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h = hex::encode(b);
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// A random 32-hex-character id (Keystone style).
pub(crate) fn hex_id() -> String {
    uuid().replace('-', "")
}

/// Percent-encodes a path segment for links.
pub(crate) fn encode(s: &str) -> String {
    openstack_core::encode_path_segment(s)
}

/// The current time as `2026-01-01T00:00:00Z`.
pub(crate) fn now_iso() -> String {
    iso(time::OffsetDateTime::now_utc())
}

/// A time as `2026-01-01T00:00:00Z`.
pub(crate) fn iso(t: time::OffsetDateTime) -> String {
    let fmt = time::macros::format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
    t.format(&fmt).unwrap_or_default()
}

/// A time as `2026-01-01T00:00:00.000000Z` (Keystone).
pub(crate) fn iso_micro(t: time::OffsetDateTime) -> String {
    let fmt = time::macros::format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z"
    );
    t.format(&fmt).unwrap_or_default()
}

/// Applies marker/limit pagination to items with ids; returns the page and whether more exist.
pub(crate) fn paginate<'a>(
    items: &'a [Value],
    id_key: &str,
    marker: Option<&str>,
    limit: Option<usize>,
) -> Result<(Vec<&'a Value>, bool), String> {
    let start = match marker {
        None => 0,
        Some(m) => {
            let pos = items
                .iter()
                .position(|v| v.get(id_key).and_then(Value::as_str) == Some(m))
                .ok_or_else(|| format!("marker [{m}] not found"))?;
            pos + 1
        }
    };
    let rest = &items[start.min(items.len())..];
    match limit {
        Some(l) if l < rest.len() => Ok((rest[..l].iter().collect(), true)),
        _ => Ok((rest.iter().collect(), false)),
    }
}

/// Whether every filter in `filters` matches the top-level field of the same name.
pub(crate) fn matches_filters(v: &Value, filters: &[(String, String)]) -> bool {
    filters.iter().all(|(k, want)| match v.get(k) {
        None => true,
        Some(Value::String(s)) => s == want,
        Some(Value::Bool(b)) => want.eq_ignore_ascii_case(&b.to_string()),
        Some(Value::Number(n)) => n.to_string() == *want,
        Some(Value::Null) => want.is_empty() || want == "None",
        Some(_) => true,
    })
}

/// Parses a Python dict literal of strings, `{'k': 'v', "k2": "v2"}` (what Cinder's
/// `metadata` list filter takes); `None` when it is not one.
pub(crate) fn parse_py_dict(s: &str) -> Option<Vec<(String, String)>> {
    let mut chars = s.trim().chars().peekable();
    let skip_ws = |c: &mut std::iter::Peekable<std::str::Chars<'_>>| {
        while c.peek().is_some_and(|x| x.is_whitespace()) {
            c.next();
        }
    };
    let string = |c: &mut std::iter::Peekable<std::str::Chars<'_>>| -> Option<String> {
        let quote = c.next().filter(|q| *q == '\'' || *q == '"')?;
        let mut out = String::new();
        loop {
            match c.next()? {
                '\\' => out.push(c.next()?),
                x if x == quote => return Some(out),
                x => out.push(x),
            }
        }
    };
    if chars.next()? != '{' {
        return None;
    }
    let mut pairs = Vec::new();
    skip_ws(&mut chars);
    if chars.peek() == Some(&'}') {
        chars.next();
    } else {
        loop {
            skip_ws(&mut chars);
            let k = string(&mut chars)?;
            skip_ws(&mut chars);
            if chars.next()? != ':' {
                return None;
            }
            skip_ws(&mut chars);
            let v = string(&mut chars)?;
            pairs.push((k, v));
            skip_ws(&mut chars);
            match chars.next()? {
                ',' => continue,
                '}' => break,
                _ => return None,
            }
        }
    }
    skip_ws(&mut chars);
    chars.next().is_none().then_some(pairs)
}

/// Whether `v["metadata"]` holds every pair.
pub(crate) fn metadata_has(v: &Value, pairs: &[(String, String)]) -> bool {
    pairs
        .iter()
        .all(|(k, want)| v["metadata"].get(k).and_then(Value::as_str) == Some(want.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_python_dicts() {
        assert_eq!(
            parse_py_dict(r#"{'a': 'b\'c', "k": "v"}"#),
            Some(vec![
                ("a".to_owned(), "b'c".to_owned()),
                ("k".to_owned(), "v".to_owned())
            ])
        );
        assert_eq!(parse_py_dict(" { } "), Some(Vec::new()));
        for bad in [
            "",
            "{",
            "{'a'}",
            "{'a': 1}",
            "{'a': 'b'} x",
            "['a']",
            "{'a': 'b',}",
        ] {
            assert_eq!(parse_py_dict(bad), None, "{bad}");
        }
    }

    #[test]
    fn decodes_percent_and_plus() {
        assert_eq!(percent_decode("a%20b+c", false), "a b+c");
        assert_eq!(percent_decode("a%20b+c", true), "a b c");
        assert_eq!(percent_decode("bad%2", false), "bad%2");
        assert_eq!(percent_decode("%zz%", false), "%zz%");
        assert_eq!(
            parse_query(Some("limit=2&marker=a%2Fb&flag")),
            vec![
                ("limit".to_owned(), "2".to_owned()),
                ("marker".to_owned(), "a/b".to_owned()),
                ("flag".to_owned(), String::new())
            ]
        );
    }

    #[test]
    fn paginates_by_marker() {
        let items: Vec<Value> = (0..5).map(|i| json!({"id": i.to_string()})).collect();
        let (page, more) = paginate(&items, "id", None, Some(2)).expect("page");
        assert_eq!(page.len(), 2);
        assert!(more);
        let (page, more) = paginate(&items, "id", Some("3"), Some(2)).expect("page");
        assert_eq!(page, vec![&items[4]]);
        assert!(!more);
        assert!(paginate(&items, "id", Some("9"), None).is_err());
    }

    #[test]
    fn ids_look_like_uuids() {
        let u = uuid();
        assert_eq!(u.len(), 36);
        assert_eq!(&u[14..15], "4");
        assert_eq!(hex_id().len(), 32);
    }

    #[test]
    fn filters_match_scalars() {
        let v = json!({"name": "a", "shared": true, "mtu": 1500});
        assert!(matches_filters(&v, &[("shared".into(), "True".into())]));
        assert!(matches_filters(&v, &[("mtu".into(), "1500".into())]));
        assert!(!matches_filters(&v, &[("name".into(), "b".into())]));
    }
}
