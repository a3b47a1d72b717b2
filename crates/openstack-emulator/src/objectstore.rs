//! Swift (`/object-store/v1/AUTH_<project>`): account, containers, objects (streamed in with
//! the MD5 computed as bytes arrive), metadata, listings, ranges, copies, bulk delete, static
//! and dynamic large objects, temporary URLs and `/info`.

use std::collections::BTreeMap;

use base64::Engine;
use bytes::Bytes;
use hmac::{Hmac, KeyInit, Mac};
use md5::Digest;
use serde_json::{json, Value};
use time::OffsetDateTime;

use crate::http::{swift_error, Req, Resp};
use crate::identity::authorize;
use crate::state::{Account, Container, State, SwiftObject};

const LISTING_LIMIT: usize = 10_000;

/// `GET /info` (also at `/object-store/info`).
pub(crate) fn info() -> Resp {
    Resp::json(
        200,
        &json!({
            "swift": {"version": "2.38.0", "max_file_size": 5_368_709_122_u64, "max_meta_name_length": 128,
                      "max_meta_value_length": 256, "max_meta_count": 90, "max_meta_overall_size": 4096,
                      "container_listing_limit": LISTING_LIMIT, "account_listing_limit": LISTING_LIMIT,
                      "max_object_name_length": 1024, "max_container_name_length": 256,
                      "max_account_name_length": 256, "max_header_size": 8192, "extra_header_count": 0,
                      "strict_cors_mode": true, "policies": [{"name": "Policy-0", "default": true}],
                      "allow_account_management": false, "account_autocreate": true},
            "slo": {"max_manifest_segments": 1000, "max_manifest_size": 8_388_608, "min_segment_size": 1,
                    "yield_frequency": 10, "allow_async_delete": true},
            "tempurl": {"methods": ["GET", "HEAD", "PUT", "POST", "DELETE"],
                        "incoming_remove_headers": ["x-timestamp"], "incoming_allow_headers": [],
                        "outgoing_remove_headers": ["x-object-meta-*"], "outgoing_allow_headers": ["x-object-meta-public-*"],
                        "allowed_digests": ["sha1", "sha256", "sha512"]},
            "bulk_delete": {"max_deletes_per_request": 10000, "max_failed_deletes": 1000},
            "bulk_upload": {"max_containers_per_extraction": 10000, "max_failed_extractions": 1000},
            "account_quotas": {}, "container_quotas": {}, "staticweb": {}, "formpost": {},
            "tempauth": {"account_acls": true}
        }),
    )
}

fn http_date(t: OffsetDateTime) -> String {
    let fmt = time::macros::format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    t.format(&fmt).unwrap_or_default()
}

fn listing_date(t: OffsetDateTime) -> String {
    let fmt = time::macros::format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]"
    );
    t.format(&fmt).unwrap_or_default()
}

fn x_timestamp(t: OffsetDateTime) -> String {
    let nanos = t.unix_timestamp_nanos();
    format!(
        "{}.{:05}",
        nanos / 1_000_000_000,
        (nanos % 1_000_000_000) / 10_000
    )
}

fn now_ts() -> f64 {
    OffsetDateTime::now_utc().unix_timestamp_nanos() as f64 / 1e9
}

/// Collects `X-<kind>-Meta-*` headers (and `X-Remove-<kind>-Meta-*`) into `meta`.
fn apply_meta(req: &Req, kind: &str, meta: &mut BTreeMap<String, String>) -> Result<(), Resp> {
    let set = format!("x-{kind}-meta-");
    let remove = format!("x-remove-{kind}-meta-");
    for (name, value) in &req.headers {
        let n = name.as_str();
        let v = value.to_str().unwrap_or_default();
        if let Some(k) = n.strip_prefix(&set) {
            if k.len() > 128 || v.len() > 256 {
                return Err(swift_error(400, "Metadata too large"));
            }
            if v.is_empty() {
                meta.remove(k);
            } else {
                meta.insert(k.to_owned(), v.to_owned());
            }
        } else if let Some(k) = n.strip_prefix(&remove) {
            meta.remove(k);
        }
    }
    if meta.len() > 90 {
        return Err(swift_error(400, "Too many metadata items; max 90"));
    }
    Ok(())
}

fn meta_headers(mut r: Resp, kind: &str, meta: &BTreeMap<String, String>) -> Resp {
    for (k, v) in meta {
        r = r.header(&format!("X-{kind}-Meta-{k}"), v);
    }
    r
}

fn wants_json(req: &Req) -> Option<&'static str> {
    match req.q("format") {
        Some("json") => return Some("json"),
        Some("xml") => return Some("xml"),
        Some(_) => return None,
        None => {}
    }
    let accept = req.header("accept").unwrap_or_default();
    if accept.contains("application/json") {
        Some("json")
    } else if accept.contains("xml") {
        Some("xml")
    } else {
        None
    }
}

/// Handles `/object-store/...`.
pub(crate) fn handle(st: &mut State, req: &Req) -> Resp {
    let segs = &req.segs;
    if segs.first().map(String::as_str) == Some("info") {
        return info();
    }
    if segs.first().map(String::as_str) != Some("v1") || segs.len() < 2 {
        return swift_error(404, "The resource could not be found.");
    }
    let account = segs[1].clone();
    let Some(project) = account.strip_prefix("AUTH_").map(str::to_owned) else {
        return swift_error(404, "The resource could not be found.");
    };
    if st.project(&project).is_none() {
        return swift_error(404, "The resource could not be found.");
    }
    let container = segs.get(2).cloned().filter(|c| !c.is_empty());
    let object = if segs.len() > 3 {
        Some(segs[3..].join("/")).filter(|o| !o.is_empty())
    } else {
        None
    };
    // Temporary URLs: no token needed.
    let mut temp_url = false;
    if let (Some(c), Some(o)) = (&container, &object) {
        if req.has_q("temp_url_sig") || req.has_q("temp_url_expires") {
            match check_temp_url(st, req, &project, c, o) {
                Ok(()) => temp_url = true,
                Err(r) => return r,
            }
        }
    }
    if !temp_url {
        let Some(ctx) = authorize(st, req) else {
            return swift_error(401, "This server could not verify that you are authorized to access the document you requested.")
                .header("www-authenticate", "Swift realm=\"unknown\"");
        };
        if ctx.project_id != project && !ctx.is_admin {
            return swift_error(403, "Access was denied to this resource.");
        }
    }
    let acct = st.swift.entry(project.clone()).or_default();
    // Expiring objects (X-Delete-At / X-Delete-After) disappear once their time has come.
    let now = OffsetDateTime::now_utc().unix_timestamp();
    for ct in acct.containers.values_mut() {
        ct.objects.retain(|_, o| {
            o.extra
                .get("x-delete-at")
                .and_then(|t| t.parse::<i64>().ok())
                .is_none_or(|t| t > now)
        });
    }
    let m = req.method.as_str();
    let resp = match (&container, &object) {
        (None, _) => account_op(acct, req),
        (Some(c), None) => container_op(acct, req, c),
        (Some(c), Some(o)) => object_op(acct, req, c, o),
    };
    if temp_url
        && m == "GET"
        && resp.status.is_success()
        && !resp.headers.contains_key("content-disposition")
    {
        let name = object
            .as_deref()
            .and_then(|o| o.rsplit('/').next())
            .unwrap_or_default();
        let filename = req.q("filename").unwrap_or(name).replace('"', "");
        if req.has_q("inline") {
            return resp.header(
                "content-disposition",
                &format!("inline; filename=\"{filename}\""),
            );
        }
        return resp.header(
            "content-disposition",
            &format!("attachment; filename=\"{filename}\""),
        );
    }
    resp
}

fn check_temp_url(
    st: &State,
    req: &Req,
    project: &str,
    container: &str,
    _object: &str,
) -> Result<(), Resp> {
    let unauthorized = || {
        swift_error(401, "Temp URL invalid").header("www-authenticate", "Swift realm=\"unknown\"")
    };
    let (Some(sig), Some(expires)) = (req.q("temp_url_sig"), req.q("temp_url_expires")) else {
        return Err(unauthorized());
    };
    let exp: i64 = match expires.parse() {
        Ok(e) => e,
        Err(_) => {
            match OffsetDateTime::parse(expires, &time::format_description::well_known::Rfc3339) {
                Ok(t) => t.unix_timestamp(),
                Err(_) => return Err(unauthorized()),
            }
        }
    };
    if exp < OffsetDateTime::now_utc().unix_timestamp() {
        return Err(swift_error(401, "Temp URL expired")
            .header("www-authenticate", "Swift realm=\"unknown\""));
    }
    let mut keys: Vec<String> = Vec::new();
    if let Some(a) = st.swift.get(project) {
        for k in ["temp-url-key", "temp-url-key-2"] {
            if let Some(v) = a.meta.get(k) {
                keys.push(v.clone());
            }
            if let Some(c) = a.containers.get(container) {
                if let Some(v) = c.meta.get(k) {
                    keys.push(v.clone());
                }
            }
        }
    }
    if keys.is_empty() {
        return Err(unauthorized());
    }
    // The signed path: the object's path as requested, with or without the /object-store prefix.
    let full = req.raw_path.clone();
    let short = full
        .strip_prefix("/object-store")
        .unwrap_or(&full)
        .to_owned();
    let mut paths = vec![full, short];
    if let Some(prefix) = req.q("temp_url_prefix") {
        paths = paths
            .iter()
            .map(|p| {
                let upto: Vec<&str> = p
                    .splitn(if p.starts_with("/object-store") { 5 } else { 4 }, '/')
                    .collect();
                let mut base = upto[..upto.len().saturating_sub(1)].join("/");
                base.push('/');
                format!("prefix:{base}{prefix}")
            })
            .collect();
        let object_path = req.raw_path.clone();
        let _ = object_path;
    }
    let method = if req.method == http::Method::HEAD {
        vec!["HEAD", "GET", "PUT"]
    } else {
        vec![req.method.as_str()]
    };
    let (algo, expected): (&str, Vec<u8>) = match sig.split_once(':') {
        Some((a, b64)) => {
            let clean = b64
                .trim_end_matches('=')
                .replace('+', "-")
                .replace('/', "_");
            match base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(clean) {
                Ok(d) => (a, d),
                Err(_) => return Err(unauthorized()),
            }
        }
        None => {
            let algo = match sig.len() {
                40 => "sha1",
                64 => "sha256",
                128 => "sha512",
                _ => return Err(unauthorized()),
            };
            match hex::decode(sig) {
                Ok(d) => (algo, d),
                Err(_) => return Err(unauthorized()),
            }
        }
    };
    for key in &keys {
        for p in &paths {
            for m in &method {
                let msg = format!("{m}\n{expires}\n{p}");
                let ok = match algo {
                    "sha1" => Hmac::<sha1::Sha1>::new_from_slice(key.as_bytes()).map(|mut h| {
                        h.update(msg.as_bytes());
                        h.verify_slice(&expected).is_ok()
                    }),
                    "sha256" => {
                        Hmac::<sha2::Sha256>::new_from_slice(key.as_bytes()).map(|mut h| {
                            h.update(msg.as_bytes());
                            h.verify_slice(&expected).is_ok()
                        })
                    }
                    "sha512" => {
                        Hmac::<sha2::Sha512>::new_from_slice(key.as_bytes()).map(|mut h| {
                            h.update(msg.as_bytes());
                            h.verify_slice(&expected).is_ok()
                        })
                    }
                    _ => Ok(false),
                };
                if ok.unwrap_or(false) {
                    return Ok(());
                }
            }
        }
    }
    Err(unauthorized())
}

struct ListParams<'a> {
    marker: Option<&'a str>,
    end_marker: Option<&'a str>,
    prefix: &'a str,
    delimiter: Option<&'a str>,
    limit: usize,
    reverse: bool,
}

fn list_params(req: &Req) -> Result<ListParams<'_>, Resp> {
    let limit = match req.q("limit") {
        None => LISTING_LIMIT,
        Some(l) => match l.parse::<usize>() {
            Ok(n) if n <= LISTING_LIMIT => n,
            _ => {
                return Err(swift_error(
                    412,
                    format!("Maximum limit is {LISTING_LIMIT}").as_str(),
                ))
            }
        },
    };
    Ok(ListParams {
        marker: req.q("marker").filter(|m| !m.is_empty()),
        end_marker: req.q("end_marker").filter(|m| !m.is_empty()),
        prefix: req.q("prefix").unwrap_or_default(),
        delimiter: req.q("delimiter").filter(|d| !d.is_empty()),
        limit,
        reverse: req
            .q("reverse")
            .is_some_and(|r| matches!(r, "true" | "1" | "yes" | "on" | "True")),
    })
}

/// Names (with `subdir` entries when a delimiter is given): `Ok(name)` items or `Err(subdir)`.
fn list_names<'a>(
    names: impl DoubleEndedIterator<Item = &'a String>,
    p: &ListParams<'_>,
) -> Vec<Result<String, String>> {
    let all: Vec<&String> = if p.reverse {
        names.rev().collect()
    } else {
        names.collect()
    };
    let mut out: Vec<Result<String, String>> = Vec::new();
    for n in all {
        if !n.starts_with(p.prefix) {
            continue;
        }
        if let Some(m) = p.marker {
            if (!p.reverse && n.as_str() <= m) || (p.reverse && n.as_str() >= m) {
                continue;
            }
        }
        if let Some(e) = p.end_marker {
            if (!p.reverse && n.as_str() >= e) || (p.reverse && n.as_str() <= e) {
                continue;
            }
        }
        if let Some(d) = p.delimiter {
            let rest = &n[p.prefix.len()..];
            if let Some(pos) = rest.find(d) {
                let sub = format!("{}{}", &n[..p.prefix.len() + pos], d);
                if let Some(Err(last)) = out.last() {
                    if *last == sub {
                        continue;
                    }
                }
                if p.marker.is_some_and(|m| sub.as_str() <= m) && !p.reverse {
                    continue;
                }
                out.push(Err(sub));
                if out.len() >= p.limit {
                    break;
                }
                continue;
            }
        }
        out.push(Ok(n.clone()));
        if out.len() >= p.limit {
            break;
        }
    }
    out
}

fn render_listing(req: &Req, items: Vec<Value>, names: Vec<String>) -> Resp {
    match wants_json(req) {
        Some(_) => Resp::json(200, &Value::Array(items))
            .header("content-type", "application/json; charset=utf-8"),
        None if names.is_empty() => {
            Resp::new(204).header("content-type", "text/plain; charset=utf-8")
        }
        None => {
            let mut body = names.join("\n");
            body.push('\n');
            Resp::text(200, "text/plain; charset=utf-8", body)
        }
    }
}

fn account_totals(acct: &Account) -> (usize, usize, usize) {
    let containers = acct.containers.len();
    let objects = acct.containers.values().map(|c| c.objects.len()).sum();
    let bytes = acct
        .containers
        .values()
        .flat_map(|c| c.objects.values())
        .map(|o| o.data.len())
        .sum();
    (containers, objects, bytes)
}

fn account_op(acct: &mut Account, req: &Req) -> Resp {
    let m = req.method.as_str();
    if m == "POST" && req.has_q("bulk-delete") {
        return bulk_delete(acct, req);
    }
    match m {
        "HEAD" | "GET" => {
            let (c, o, b) = account_totals(acct);
            let mut r = if m == "GET" {
                let p = match list_params(req) {
                    Ok(p) => p,
                    Err(e) => return e,
                };
                let entries = list_names(acct.containers.keys(), &p);
                let mut items = Vec::new();
                let mut names = Vec::new();
                for e in entries {
                    match e {
                        Ok(n) => {
                            let ct = &acct.containers[&n];
                            items.push(json!({"name": n, "count": ct.objects.len(),
                                "bytes": ct.objects.values().map(|o| o.data.len()).sum::<usize>(),
                                "last_modified": listing_date(OffsetDateTime::from_unix_timestamp(ct.created as i64).unwrap_or(OffsetDateTime::UNIX_EPOCH))}));
                            names.push(n);
                        }
                        Err(sub) => {
                            items.push(json!({ "subdir": sub }));
                            names.push(sub);
                        }
                    }
                }
                render_listing(req, items, names)
            } else {
                Resp::new(204).header("content-type", "text/plain; charset=utf-8")
            };
            r = r
                .header("x-account-container-count", &c.to_string())
                .header("x-account-object-count", &o.to_string())
                .header("x-account-bytes-used", &b.to_string())
                .header("x-timestamp", &x_timestamp(OffsetDateTime::now_utc()))
                .header(
                    "x-account-storage-policy-policy-0-object-count",
                    &o.to_string(),
                )
                .header("accept-ranges", "bytes");
            meta_headers(r, "Account", &acct.meta)
        }
        "POST" => match apply_meta(req, "account", &mut acct.meta) {
            Ok(()) => Resp::new(204),
            Err(e) => e,
        },
        "PUT" | "DELETE" => swift_error(403, "Access was denied to this resource."),
        _ => swift_error(405, "The method is not allowed for this resource."),
    }
}

fn bulk_delete(acct: &mut Account, req: &Req) -> Resp {
    let text = String::from_utf8_lossy(&req.body).into_owned();
    let mut deleted = 0;
    let mut not_found = 0;
    let mut errors: Vec<Value> = Vec::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let path = crate::http::percent_decode(line, false);
        let path = path.trim_start_matches('/');
        let (c, o) = match path.split_once('/') {
            Some((c, o)) if !o.is_empty() => (c.to_owned(), Some(o.to_owned())),
            Some((c, _)) => (c.to_owned(), None),
            None => (path.to_owned(), None),
        };
        match o {
            Some(o) => match acct
                .containers
                .get_mut(&c)
                .and_then(|ct| ct.objects.remove(&o))
            {
                Some(_) => deleted += 1,
                None => not_found += 1,
            },
            None => match acct.containers.get(&c) {
                None => not_found += 1,
                Some(ct) if !ct.objects.is_empty() => {
                    errors.push(json!([format!("/{c}"), "409 Conflict"]))
                }
                Some(_) => {
                    acct.containers.remove(&c);
                    deleted += 1;
                }
            },
        }
    }
    let status = if errors.is_empty() {
        "200 OK"
    } else {
        "400 Bad Request"
    };
    let body = json!({"Number Deleted": deleted, "Number Not Found": not_found, "Response Body": "",
                      "Response Status": status, "Errors": errors});
    if wants_json(req).is_some() {
        Resp::json(200, &body)
    } else {
        Resp::text(200, "text/plain", format!("Number Deleted: {deleted}\nNumber Not Found: {not_found}\nResponse Body: \nResponse Status: {status}\nErrors:\n"))
    }
}

fn valid_container_name(c: &str) -> bool {
    !c.is_empty() && c.len() <= 256 && !c.contains('/')
}

fn container_op(acct: &mut Account, req: &Req, c: &str) -> Resp {
    let m = req.method.as_str();
    match m {
        "PUT" => {
            if !valid_container_name(c) {
                return swift_error(400, "Invalid container name");
            }
            let created = !acct.containers.contains_key(c);
            let ct = acct
                .containers
                .entry(c.to_owned())
                .or_insert_with(|| Container {
                    created: now_ts(),
                    ..Default::default()
                });
            if let Err(e) = apply_meta(req, "container", &mut ct.meta) {
                return e;
            }
            keep_extra(
                req,
                &mut ct.extra,
                &[
                    "x-container-read",
                    "x-container-write",
                    "x-versions-location",
                    "x-history-location",
                    "x-storage-policy",
                ],
            );
            Resp::new(if created { 201 } else { 202 })
        }
        "POST" => match acct.containers.get_mut(c) {
            None => swift_error(404, "The resource could not be found."),
            Some(ct) => match apply_meta(req, "container", &mut ct.meta) {
                Ok(()) => {
                    keep_extra(
                        req,
                        &mut ct.extra,
                        &[
                            "x-container-read",
                            "x-container-write",
                            "x-versions-location",
                            "x-history-location",
                        ],
                    );
                    Resp::new(204)
                }
                Err(e) => e,
            },
        },
        "DELETE" => match acct.containers.get(c) {
            None => swift_error(404, "The resource could not be found."),
            Some(ct) if !ct.objects.is_empty() => swift_error(
                409,
                "There was a conflict when trying to complete your request.",
            ),
            Some(_) => {
                acct.containers.remove(c);
                Resp::new(204)
            }
        },
        "HEAD" | "GET" => {
            let Some(ct) = acct.containers.get(c) else {
                return swift_error(404, "The resource could not be found.");
            };
            let mut r = if m == "GET" {
                let p = match list_params(req) {
                    Ok(p) => p,
                    Err(e) => return e,
                };
                let entries = list_names(ct.objects.keys(), &p);
                let mut items = Vec::new();
                let mut names = Vec::new();
                for e in entries {
                    match e {
                        Ok(n) => {
                            let o = &ct.objects[&n];
                            let mut item = json!({"name": n, "hash": o.etag, "bytes": object_size(ct, o),
                                "content_type": o.content_type, "last_modified": listing_date(o.last_modified)});
                            if o.slo.is_some() {
                                item["slo_etag"] = json!(format!("\"{}\"", o.etag));
                            }
                            items.push(item);
                            names.push(n);
                        }
                        Err(sub) => {
                            items.push(json!({ "subdir": sub }));
                            names.push(sub);
                        }
                    }
                }
                render_listing(req, items, names)
            } else {
                Resp::new(204).header("content-type", "text/plain; charset=utf-8")
            };
            let bytes: usize = ct.objects.values().map(|o| o.data.len()).sum();
            r = r
                .header("x-container-object-count", &ct.objects.len().to_string())
                .header("x-container-bytes-used", &bytes.to_string())
                .header("x-timestamp", &format!("{:.5}", ct.created))
                .header("x-storage-policy", "Policy-0")
                .header("accept-ranges", "bytes");
            for (k, v) in &ct.extra {
                r = r.header(k, v);
            }
            meta_headers(r, "Container", &ct.meta)
        }
        _ => swift_error(405, "The method is not allowed for this resource."),
    }
}

fn keep_extra(req: &Req, extra: &mut BTreeMap<String, String>, names: &[&str]) {
    for n in names {
        if let Some(v) = req.header(n) {
            if v.is_empty() {
                extra.remove(*n);
            } else {
                extra.insert((*n).to_owned(), v.to_owned());
            }
        }
    }
    if let Some(v) = req.header("x-remove-versions-location") {
        let _ = v;
        extra.remove("x-versions-location");
    }
}

fn guess_type(name: &str) -> &'static str {
    let ext = name
        .rsplit('.')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    match ext.as_str() {
        "txt" => "text/plain",
        "html" | "htm" => "text/html",
        "json" => "application/json",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "css" => "text/css",
        "js" => "application/javascript",
        "xml" => "application/xml",
        "pdf" => "application/pdf",
        "gz" | "tgz" => "application/gzip",
        "zip" => "application/zip",
        "iso" => "application/x-iso9660-image",
        _ => "application/octet-stream",
    }
}

/// The bytes of an object, following SLO and DLO manifests (`None`: a segment is missing).
fn object_chunks(
    acct: &Account,
    container: &str,
    o: &SwiftObject,
    depth: usize,
) -> Option<Vec<Bytes>> {
    if depth > 10 {
        return None;
    }
    if let Some(segs) = &o.slo {
        let mut out = Vec::new();
        for s in segs {
            let path = s["name"]
                .as_str()
                .unwrap_or_default()
                .trim_start_matches('/');
            let (c, name) = path.split_once('/')?;
            let seg = acct.containers.get(c)?.objects.get(name)?;
            let mut chunks = object_chunks(acct, c, seg, depth + 1)?;
            if let Some(range) = s.get("range").and_then(Value::as_str) {
                let total: usize = chunks.iter().map(Bytes::len).sum();
                let joined: Vec<u8> = chunks.concat();
                let (a, b) = parse_one_range(range, total)?;
                chunks = vec![Bytes::copy_from_slice(&joined[a..=b])];
            }
            out.extend(chunks);
        }
        return Some(out);
    }
    if let Some(manifest) = o.extra.get("x-object-manifest") {
        let m = crate::http::percent_decode(manifest, false);
        let (c, prefix) = m.split_once('/').unwrap_or((m.as_str(), ""));
        let ct = acct.containers.get(c)?;
        let mut out = Vec::new();
        for (name, seg) in ct.objects.range(prefix.to_owned()..) {
            if !name.starts_with(prefix) {
                break;
            }
            if c == container && seg.extra.contains_key("x-object-manifest") {
                continue;
            }
            out.push(seg.data.clone());
        }
        return Some(out);
    }
    Some(vec![o.data.clone()])
}

fn object_size(ct: &Container, o: &SwiftObject) -> usize {
    let _ = ct;
    match &o.slo {
        Some(segs) => segs
            .iter()
            .map(|s| s["bytes"].as_u64().unwrap_or(0) as usize)
            .sum(),
        None => o.data.len(),
    }
}

fn dlo_etag(chunks_etags: &[String]) -> String {
    hex::encode(md5::Md5::digest(chunks_etags.concat().as_bytes()))
}

/// One `bytes=a-b` range against a length: inclusive (start, end).
fn parse_one_range(spec: &str, len: usize) -> Option<(usize, usize)> {
    let spec = spec.trim().strip_prefix("bytes=").unwrap_or(spec.trim());
    let (a, b) = spec.split_once('-')?;
    if len == 0 {
        return None;
    }
    match (a.trim(), b.trim()) {
        ("", n) => {
            let n: usize = n.parse().ok()?;
            if n == 0 {
                return None;
            }
            Some((len.saturating_sub(n), len - 1))
        }
        (a, "") => {
            let a: usize = a.parse().ok()?;
            (a < len).then_some((a, len - 1))
        }
        (a, b) => {
            let a: usize = a.parse().ok()?;
            let b: usize = b.parse().ok()?;
            (a <= b && a < len).then_some((a, b.min(len - 1)))
        }
    }
}

fn object_headers(mut r: Resp, o: &SwiftObject, etag: &str, len: usize) -> Resp {
    r = r
        .header("content-type", &o.content_type)
        .header("etag", etag)
        .header("last-modified", &http_date(o.last_modified))
        .header("x-timestamp", &x_timestamp(o.last_modified))
        .header("accept-ranges", "bytes")
        .header("content-length", &len.to_string());
    for (k, v) in &o.extra {
        r = r.header(k, v);
    }
    if o.slo.is_some() {
        r = r.header("x-static-large-object", "True");
    }
    meta_headers(r, "Object", &o.meta)
}

fn object_op(acct: &mut Account, req: &Req, c: &str, name: &str) -> Resp {
    let m = req.method.as_str();
    if name.len() > 1024 {
        return swift_error(400, "Object name length of 1025 longer than 1024");
    }
    match m {
        "PUT" => put_object(acct, req, c, name),
        "COPY" => {
            let Some(dest) = req.header("destination") else {
                return swift_error(412, "You must provide a Destination header");
            };
            let dest = crate::http::percent_decode(dest, false);
            let (dc, dobj) = match dest.trim_start_matches('/').split_once('/') {
                Some((a, b)) if !b.is_empty() => (a.to_owned(), b.to_owned()),
                _ => {
                    return swift_error(
                        412,
                        "Destination header must be of the form <container name>/<object name>",
                    )
                }
            };
            copy_object(acct, req, c, name, &dc, &dobj)
        }
        "POST" => {
            let Some(o) = acct
                .containers
                .get_mut(c)
                .and_then(|ct| ct.objects.get_mut(name))
            else {
                return swift_error(404, "The resource could not be found.");
            };
            let mut meta = BTreeMap::new();
            if let Err(e) = apply_meta(req, "object", &mut meta) {
                return e;
            }
            o.meta = meta;
            if let Some(ct) = req.header("content-type") {
                o.content_type = ct.to_owned();
            }
            for h in [
                "content-disposition",
                "content-encoding",
                "x-delete-at",
                "x-object-manifest",
            ] {
                if let Some(v) = req.header(h) {
                    o.extra.insert(h.to_owned(), v.to_owned());
                }
            }
            Resp::new(202)
        }
        "DELETE" => {
            let Some(ct) = acct.containers.get_mut(c) else {
                return swift_error(404, "The resource could not be found.");
            };
            let Some(o) = ct.objects.remove(name) else {
                return swift_error(404, "The resource could not be found.");
            };
            if req.q("multipart-manifest") == Some("delete") {
                let mut deleted = 1;
                if let Some(segs) = o.slo {
                    for s in segs {
                        let path = s["name"]
                            .as_str()
                            .unwrap_or_default()
                            .trim_start_matches('/')
                            .to_owned();
                        if let Some((sc, so)) = path.split_once('/') {
                            if acct
                                .containers
                                .get_mut(sc)
                                .and_then(|ct| ct.objects.remove(so))
                                .is_some()
                            {
                                deleted += 1;
                            }
                        }
                    }
                }
                let body = json!({"Number Deleted": deleted, "Number Not Found": 0, "Response Body": "",
                                  "Response Status": "200 OK", "Errors": []});
                return Resp::json(200, &body);
            }
            Resp::new(204)
        }
        "GET" | "HEAD" => get_object(acct, req, c, name),
        _ => swift_error(405, "The method is not allowed for this resource."),
    }
}

fn get_object(acct: &Account, req: &Req, c: &str, name: &str) -> Resp {
    let Some(ct) = acct.containers.get(c) else {
        return swift_error(404, "The resource could not be found.");
    };
    let Some(o) = ct.objects.get(name) else {
        return swift_error(404, "The resource could not be found.");
    };
    if o.slo.is_some() && req.q("multipart-manifest") == Some("get") {
        let body = serde_json::to_vec(&o.slo).unwrap_or_default();
        let etag = hex::encode(md5::Md5::digest(&body));
        return object_headers(Resp::new(200), o, &etag, body.len())
            .header("content-type", "application/json; charset=utf-8")
            .with_body(body);
    }
    let Some(chunks) = object_chunks(acct, c, o, 0) else {
        return swift_error(409, "A segment of this large object is missing.");
    };
    let total: usize = chunks.iter().map(Bytes::len).sum();
    let etag = if o.slo.is_some() {
        format!("\"{}\"", o.etag)
    } else if o.extra.contains_key("x-object-manifest") {
        let etags: Vec<String> = chunks
            .iter()
            .map(|b| hex::encode(md5::Md5::digest(b)))
            .collect();
        format!("\"{}\"", dlo_etag(&etags))
    } else {
        o.etag.clone()
    };
    let bare = etag.trim_matches('"');
    if let Some(inm) = req.header("if-none-match") {
        if inm == "*" || inm.split(',').any(|t| t.trim().trim_matches('"') == bare) {
            return Resp::new(304).header("etag", &etag);
        }
    }
    if let Some(im) = req.header("if-match") {
        if im != "*" && !im.split(',').any(|t| t.trim().trim_matches('"') == bare) {
            return Resp::new(412).header("etag", &etag);
        }
    }
    if let Some(range) = req.header("range") {
        if range.contains(',') {
            // Multiple ranges are not modelled: serve the whole object like Swift does for
            // unsupported range sets.
        } else {
            let Some((a, b)) = parse_one_range(range, total) else {
                return swift_error(416, "Requested Range Not Satisfiable")
                    .header("content-range", &format!("bytes */{total}"));
            };
            let joined: Vec<u8> = chunks.concat();
            let part = Bytes::copy_from_slice(&joined[a..=b]);
            return object_headers(Resp::new(206), o, &etag, part.len())
                .header("content-range", &format!("bytes {a}-{b}/{total}"))
                .with_body(part);
        }
    }
    object_headers(Resp::new(200), o, &etag, total).with_chunks(chunks)
}

fn put_object(acct: &mut Account, req: &Req, c: &str, name: &str) -> Resp {
    if !acct.containers.contains_key(c) {
        return swift_error(404, "The resource could not be found.");
    }
    if let Some(src) = req.header("x-copy-from") {
        let src = crate::http::percent_decode(src, false);
        let (sc, so) = match src.trim_start_matches('/').split_once('/') {
            Some((a, b)) if !b.is_empty() => (a.to_owned(), b.to_owned()),
            _ => {
                return swift_error(
                    412,
                    "X-Copy-From header must be of the form <container name>/<object name>",
                )
            }
        };
        return copy_object(acct, req, &sc, &so, c, name);
    }
    let mut meta = BTreeMap::new();
    if let Err(e) = apply_meta(req, "object", &mut meta) {
        return e;
    }
    let mut extra = BTreeMap::new();
    for h in [
        "content-disposition",
        "content-encoding",
        "x-delete-at",
        "x-object-manifest",
    ] {
        if let Some(v) = req.header(h) {
            extra.insert(h.to_owned(), v.to_owned());
        }
    }
    if let Some(after) = req
        .header("x-delete-after")
        .and_then(|a| a.parse::<i64>().ok())
    {
        extra.insert(
            "x-delete-at".into(),
            (OffsetDateTime::now_utc().unix_timestamp() + after).to_string(),
        );
    }
    let content_type = match req.header("content-type") {
        Some(ct) if !ct.is_empty() && req.header("x-detect-content-type") != Some("true") => {
            ct.to_owned()
        }
        _ => guess_type(name).to_owned(),
    };
    let now = OffsetDateTime::now_utc();
    if req.q("multipart-manifest") == Some("put") {
        let segs: Vec<Value> = match serde_json::from_slice::<Value>(&req.body) {
            Ok(Value::Array(a)) if !a.is_empty() => a,
            _ => return swift_error(400, "Manifest must be valid JSON.\n"),
        };
        if segs.len() > 1000 {
            return swift_error(400, "Too many segments");
        }
        let mut stored = Vec::new();
        let mut errors = Vec::new();
        let mut etags = String::new();
        for s in &segs {
            let Some(path) = s.get("path").and_then(Value::as_str) else {
                return swift_error(400, "Index 0: \"path\" is a required property");
            };
            let p = path.trim_start_matches('/');
            let found = p
                .split_once('/')
                .and_then(|(sc, so)| acct.containers.get(sc)?.objects.get(so));
            let Some(seg) = found else {
                errors.push(format!("{path}, 404 Not Found"));
                continue;
            };
            let seg_size = match &seg.slo {
                Some(ss) => ss
                    .iter()
                    .map(|x| x["bytes"].as_u64().unwrap_or(0))
                    .sum::<u64>() as usize,
                None => seg.data.len(),
            };
            if let Some(e) = s.get("etag").and_then(Value::as_str) {
                if e.trim_matches('"') != seg.etag {
                    errors.push(format!("{path}, Etag Mismatch"));
                    continue;
                }
            }
            if let Some(sz) = s.get("size_bytes").and_then(Value::as_u64) {
                if sz as usize != seg_size {
                    errors.push(format!("{path}, Size Mismatch"));
                    continue;
                }
            }
            let mut entry = json!({"name": format!("/{p}"), "hash": seg.etag, "bytes": seg_size,
                "content_type": seg.content_type, "last_modified": listing_date(seg.last_modified)});
            if let Some(r) = s.get("range").and_then(Value::as_str) {
                let Some((a, b)) = parse_one_range(r, seg_size) else {
                    errors.push(format!("{path}, Unsatisfiable Range"));
                    continue;
                };
                entry["range"] = json!(format!("{a}-{b}"));
                entry["bytes"] = json!(b - a + 1);
                etags.push_str(&format!("{}:{a}-{b};", seg.etag));
            } else {
                etags.push_str(&seg.etag);
            }
            stored.push(entry);
        }
        if !errors.is_empty() {
            return Resp::text(
                400,
                "text/plain",
                format!("Errors:\n{}\n", errors.join("\n")),
            );
        }
        let etag = hex::encode(md5::Md5::digest(etags.as_bytes()));
        let manifest_bytes = serde_json::to_vec(&stored).unwrap_or_default();
        let obj = SwiftObject {
            data: Bytes::from(manifest_bytes),
            etag: etag.clone(),
            content_type,
            last_modified: now,
            meta,
            extra,
            slo: Some(stored),
        };
        if let Some(ct) = acct.containers.get_mut(c) {
            ct.objects.insert(name.to_owned(), obj);
        }
        return Resp::new(201)
            .header("etag", &format!("\"{etag}\""))
            .header("last-modified", &http_date(now));
    }
    // The MD5 was computed while the body streamed in.
    let etag = req.body_md5.clone();
    if let Some(client) = req.header("etag") {
        if client.trim_matches('"') != etag {
            return swift_error(422, "The provided ETag does not match the data received.");
        }
    }
    let obj = SwiftObject {
        data: req.body.clone(),
        etag: etag.clone(),
        content_type,
        last_modified: now,
        meta,
        extra,
        slo: None,
    };
    if let Some(ct) = acct.containers.get_mut(c) {
        ct.objects.insert(name.to_owned(), obj);
    }
    Resp::new(201)
        .header("etag", &etag)
        .header("last-modified", &http_date(now))
        .header("content-type", "text/html; charset=UTF-8")
}

fn copy_object(acct: &mut Account, req: &Req, sc: &str, so: &str, dc: &str, dobj: &str) -> Resp {
    let Some(src) = acct
        .containers
        .get(sc)
        .and_then(|ct| ct.objects.get(so))
        .cloned()
    else {
        return swift_error(404, "The resource could not be found.");
    };
    if !acct.containers.contains_key(dc) {
        return swift_error(404, "The resource could not be found.");
    }
    let mut new = src.clone();
    // A copy of a large object is the assembled data unless the manifest itself is asked for.
    if (src.slo.is_some() || src.extra.contains_key("x-object-manifest"))
        && req.q("multipart-manifest") != Some("get")
    {
        let Some(chunks) = object_chunks(acct, sc, &src, 0) else {
            return swift_error(409, "A segment of this large object is missing.");
        };
        new.data = Bytes::from(chunks.concat());
        new.etag = hex::encode(md5::Md5::digest(&new.data));
        new.slo = None;
        new.extra.remove("x-object-manifest");
    }
    let fresh = req.header("x-fresh-metadata") == Some("true");
    if fresh {
        new.meta.clear();
    }
    if let Err(e) = apply_meta(req, "object", &mut new.meta) {
        return e;
    }
    if let Some(ct) = req.header("content-type") {
        if req.method.as_str() == "COPY"
            || !req.body.is_empty()
            || req.header("x-copy-from").is_some()
        {
            new.content_type = ct.to_owned();
        }
    }
    new.last_modified = OffsetDateTime::now_utc();
    let etag = new.etag.clone();
    if let Some(ct) = acct.containers.get_mut(dc) {
        ct.objects.insert(dobj.to_owned(), new);
    }
    Resp::new(201)
        .header("etag", &etag)
        .header("x-copied-from", &format!("{sc}/{so}"))
        .header("last-modified", &http_date(OffsetDateTime::now_utc()))
}
