//! Cinder (`/volume/v3/<project>`): volumes (creating → available, extend, delete),
//! snapshots and volume types; and the v1 API (`/volume/v1/<project>`) over the same
//! volumes and snapshots, with v1's `display_name`/`display_description` field names.

use serde_json::{json, Map, Value};

use crate::http::{encode, matches_filters, nova_fault, now_iso, uuid, Req, Resp};
use crate::identity::{authorize, unauthorized};
use crate::state::{Ctx, Rec, State};

/// The highest microversion accepted.
const MAX: (u32, u32) = (3, 71);
const DEFAULT_TYPE_ID: &str = "5fed9d7c-401d-46e2-8e80-f30c70cb7e1d";

fn microversion(req: &Req) -> Result<(u32, u32), Resp> {
    let raw = req.header("openstack-api-version").and_then(|h| {
        h.split(',').find_map(|part| {
            let mut it = part.split_whitespace();
            match (it.next(), it.next()) {
                (Some(s), Some(v)) if s.eq_ignore_ascii_case("volume") => Some(v.to_owned()),
                _ => None,
            }
        })
    });
    let Some(raw) = raw else { return Ok((3, 0)) };
    if raw.eq_ignore_ascii_case("latest") {
        return Ok(MAX);
    }
    let parsed = raw
        .split_once('.')
        .and_then(|(a, b)| Some((a.parse::<u32>().ok()?, b.parse::<u32>().ok()?)));
    match parsed {
        None => Err(nova_fault(
            400,
            format!("Invalid API version request: {raw}"),
        )),
        Some(v) if v < (3, 0) || v > MAX => Err(nova_fault(
            406,
            format!(
                "Version {raw} is not supported by the API. Minimum is 3.0 and maximum is {}.{}.",
                MAX.0, MAX.1
            ),
        )),
        Some(v) => Ok(v),
    }
}

fn version_doc(st: &State) -> Value {
    json!({"id": "v3.0", "status": "CURRENT", "version": format!("{}.{}", MAX.0, MAX.1), "min_version": "3.0",
           "updated": "2023-08-31T00:00:00Z", "links": [{"rel": "self", "href": format!("{}/volume/v3/", st.base)}],
           "media-types": [{"base": "application/json", "type": "application/vnd.openstack.volume+json;version=3"}]})
}

fn version_doc_v1(st: &State) -> Value {
    json!({"id": "v1.0", "status": "DEPRECATED", "version": "", "min_version": "",
           "updated": "2016-05-02T20:25:19Z", "links": [{"rel": "self", "href": format!("{}/volume/v1/", st.base)}],
           "media-types": [{"base": "application/json", "type": "application/vnd.openstack.volume+json;version=1"}]})
}

/// Handles `/volume/...`.
pub(crate) fn handle(st: &mut State, req: &Req) -> Resp {
    let segs: Vec<&str> = req.segs.iter().map(String::as_str).collect();
    match segs.as_slice() {
        [] => {
            return Resp::json(
                300,
                &json!({"versions": [version_doc(st), version_doc_v1(st)]}),
            )
        }
        ["v3"] => return Resp::json(200, &json!({"versions": [version_doc(st)]})),
        ["v1"] => return Resp::json(200, &json!({"version": version_doc_v1(st)})),
        ["v3" | "v1", _, ..] => {}
        _ => return nova_fault(404, "The resource could not be found."),
    }
    let v1 = segs[0] == "v1";
    let mv = if v1 {
        (1, 0)
    } else {
        match microversion(req) {
            Ok(v) => v,
            Err(r) => return r,
        }
    };
    let Some(ctx) = authorize(st, req) else {
        return unauthorized();
    };
    let project = segs[1];
    if project != ctx.project_id && !ctx.is_admin {
        return nova_fault(
            403,
            "Policy doesn't allow this operation for another project.",
        );
    }
    let rest = &segs[2..];
    if v1 {
        return crate::volume_v1::handle(st, req, &ctx, project, rest);
    }
    let resp = match (req.method.as_str(), rest) {
        ("GET", ["volumes"]) => list(st, req, &ctx, project, "volumes", false),
        ("GET", ["volumes", "detail"]) => list(st, req, &ctx, project, "volumes", true),
        ("POST", ["volumes"]) => create_volume(st, req, project),
        ("GET", ["volumes", id]) => match find(st, "volumes", project, id) {
            Some(i) => Resp::json(200, &json!({"volume": render_volume(st, &st.volumes[i])})),
            None => not_found("Volume", id),
        },
        ("PUT", ["volumes", id]) => update(st, req, "volumes", project, id),
        ("DELETE", ["volumes", id]) => delete_volume(st, project, id),
        ("POST", ["volumes", id, "action"]) => volume_action(st, req, &ctx, project, id),
        (_, [kind @ ("volumes" | "snapshots"), id, "metadata"]) => {
            metadata(st, req, kind, project, id)
        }
        ("GET", ["snapshots"]) => list(st, req, &ctx, project, "snapshots", false),
        ("GET", ["snapshots", "detail"]) => list(st, req, &ctx, project, "snapshots", true),
        ("POST", ["snapshots"]) => create_snapshot(st, req, project),
        ("GET", ["snapshots", id]) => match find(st, "snapshots", project, id) {
            Some(i) => Resp::json(200, &json!({"snapshot": st.snapshots[i].v})),
            None => not_found("Snapshot", id),
        },
        ("PUT", ["snapshots", id]) => update(st, req, "snapshots", project, id),
        ("DELETE", ["snapshots", id]) => delete_snapshot(st, project, id),
        (_, ["types", rest @ ..]) => volume_types(st, req, &ctx, rest),
        ("GET", ["limits"]) => limits(st, project),
        _ => nova_fault(404, "The resource could not be found."),
    };
    resp.header(
        "openstack-api-version",
        &format!("volume {}.{}", mv.0, mv.1),
    )
    .header("vary", "OpenStack-API-Version")
}

/// `DELETE snapshots/{id}`: `deleting`, then gone.
pub(crate) fn delete_snapshot(st: &mut State, project: &str, id: &str) -> Resp {
    match find(st, "snapshots", project, id) {
        Some(i) => {
            let delay = st.cfg.volume_delay;
            let r = &mut st.snapshots[i];
            r.pending.clear();
            r.set(json!({"status": "deleting"}));
            r.later(delay, json!({"__gone": true}));
            Resp::new(202)
        }
        None => not_found("Snapshot", id),
    }
}

/// `GET limits`.
pub(crate) fn limits(st: &State, project: &str) -> Resp {
    Resp::json(
        200,
        &json!({"limits": {"rate": [], "absolute": {
        "maxTotalVolumes": 10, "maxTotalSnapshots": 10, "maxTotalVolumeGigabytes": 1000,
        "maxTotalBackups": 10, "maxTotalBackupGigabytes": 1000,
        "totalVolumesUsed": st.volumes.iter().filter(|v| v.project_id == project).count(),
        "totalGigabytesUsed": st.volumes.iter().filter(|v| v.project_id == project).map(|v| v.v["size"].as_u64().unwrap_or(0)).sum::<u64>(),
        "totalSnapshotsUsed": st.snapshots.iter().filter(|v| v.project_id == project).count(),
        "totalBackupsUsed": 0, "totalBackupGigabytesUsed": 0}}}),
    )
}

/// `GET|POST|PUT {volumes|snapshots}/{id}/metadata`: show, merge, replace.
pub(crate) fn metadata(st: &mut State, req: &Req, kind: &str, project: &str, id: &str) -> Resp {
    let Some(i) = find(st, kind, project, id) else {
        return not_found(
            if kind == "volumes" {
                "Volume"
            } else {
                "Snapshot"
            },
            id,
        );
    };
    let method = req.method.as_str();
    if method != "GET" {
        let Some(new) = req.json().and_then(|b| b.get("metadata").cloned()) else {
            return nova_fault(400, "Malformed request body");
        };
        let new = match string_map(Some(&new)) {
            Ok(m) => m,
            Err(e) => return e,
        };
        let r = &mut recs(st, kind)[i];
        match method {
            "POST" => {
                if let Some(m) = r.v["metadata"].as_object_mut() {
                    m.extend(new);
                } else {
                    r.v["metadata"] = Value::Object(new);
                }
            }
            "PUT" => r.v["metadata"] = Value::Object(new),
            _ => return nova_fault(405, "The method is not allowed for the requested URL."),
        }
    }
    Resp::json(200, &json!({"metadata": recs(st, kind)[i].v["metadata"]}))
}

fn type_visible(t: &Value, ctx: &Ctx) -> bool {
    ctx.is_admin
        || t["is_public"] == true
        || t["__access"]
            .as_array()
            .is_some_and(|a| a.iter().any(|p| p == ctx.project_id.as_str()))
}

fn render_type(t: &Value) -> Value {
    let mut t = t.clone();
    if let Some(o) = t.as_object_mut() {
        o.retain(|k, _| !k.starts_with("__"));
    }
    t
}

fn find_type(st: &State, ctx: &Ctx, id: &str) -> Option<usize> {
    st.volume_types
        .iter()
        .position(|t| (t["id"] == id || t["name"] == id) && type_visible(t, ctx))
}

/// `types[/{id}[/extra_specs[/{key}] | /action | /os-volume-type-access]]`.
pub(crate) fn volume_types(st: &mut State, req: &Req, ctx: &Ctx, rest: &[&str]) -> Resp {
    let admin_only = || {
        nova_fault(
            403,
            "Policy doesn't allow volume_extension:types_manage to be performed.",
        )
    };
    let type_not_found =
        |id: &str| nova_fault(404, format!("Volume type {id} could not be found."));
    match (req.method.as_str(), rest) {
        ("GET", []) => {
            // Public types by default; `is_public=None` (admin) lists all.
            let want = req.q("is_public").map(str::to_ascii_lowercase);
            let list: Vec<Value> = st
                .volume_types
                .iter()
                .filter(|t| type_visible(t, ctx))
                .filter(|t| match want.as_deref() {
                    Some("none") if ctx.is_admin => true,
                    Some("false") => t["is_public"] == false,
                    _ => t["is_public"] == true || !ctx.is_admin,
                })
                .map(render_type)
                .collect();
            Resp::json(200, &json!({ "volume_types": list }))
        }
        ("POST", []) => {
            if !ctx.is_admin {
                return admin_only();
            }
            let Some(t) = req
                .json()
                .and_then(|b| b.get("volume_type").cloned())
                .filter(Value::is_object)
            else {
                return nova_fault(
                    400,
                    "Missing required element 'volume_type' in request body.",
                );
            };
            let Some(name) = t
                .get("name")
                .and_then(Value::as_str)
                .filter(|n| !n.trim().is_empty())
            else {
                return nova_fault(400, "Invalid input for field/attribute name.");
            };
            if st.volume_types.iter().any(|x| x["name"] == name) {
                return nova_fault(409, format!("Volume Type {name} already exists."));
            }
            let public = t
                .get("os-volume-type-access:is_public")
                .or_else(|| t.get("is_public"))
                .and_then(|v| {
                    v.as_bool()
                        .or_else(|| v.as_str().map(|s| s.eq_ignore_ascii_case("true")))
                })
                .unwrap_or(true);
            let specs = match t.get("extra_specs") {
                None | Some(Value::Null) => json!({}),
                Some(Value::Object(m)) if m.values().all(Value::is_string) => {
                    Value::Object(m.clone())
                }
                Some(_) => {
                    return nova_fault(400, "Invalid input for field/attribute extra_specs.")
                }
            };
            let v = json!({"id": uuid(), "name": name, "description": t.get("description").cloned().unwrap_or(Value::Null),
                "is_public": public, "os-volume-type-access:is_public": public, "extra_specs": specs,
                "qos_specs_id": null, "__access": []});
            st.volume_types.push(v.clone());
            Resp::json(200, &json!({ "volume_type": render_type(&v) }))
        }
        ("GET", [id]) => match find_type(st, ctx, id) {
            Some(i) => Resp::json(
                200,
                &json!({ "volume_type": render_type(&st.volume_types[i]) }),
            ),
            None => type_not_found(id),
        },
        ("PUT", [id]) => {
            if !ctx.is_admin {
                return admin_only();
            }
            let Some(i) = find_type(st, ctx, id) else {
                return type_not_found(id);
            };
            let Some(t) = req
                .json()
                .and_then(|b| b.get("volume_type").cloned())
                .filter(Value::is_object)
            else {
                return nova_fault(
                    400,
                    "Missing required element 'volume_type' in request body.",
                );
            };
            for k in ["name", "description"] {
                if let Some(v) = t.get(k) {
                    st.volume_types[i][k] = v.clone();
                }
            }
            if let Some(p) = t.get("is_public").and_then(Value::as_bool) {
                st.volume_types[i]["is_public"] = json!(p);
                st.volume_types[i]["os-volume-type-access:is_public"] = json!(p);
            }
            Resp::json(
                200,
                &json!({ "volume_type": render_type(&st.volume_types[i]) }),
            )
        }
        ("DELETE", [id]) => {
            if !ctx.is_admin {
                return admin_only();
            }
            let Some(i) = find_type(st, ctx, id) else {
                return type_not_found(id);
            };
            let tid = st.volume_types[i]["id"].clone();
            if st.volumes.iter().any(|v| v.v["volume_type_id"] == tid) {
                return nova_fault(400, format!("Target volume type is still in use. Volume Type {id} deletion is not allowed with volumes present with the type."));
            }
            st.volume_types.remove(i);
            Resp::new(202)
        }
        ("GET", [id, "extra_specs"]) => match find_type(st, ctx, id) {
            Some(i) => Resp::json(
                200,
                &json!({ "extra_specs": st.volume_types[i]["extra_specs"] }),
            ),
            None => type_not_found(id),
        },
        ("POST", [id, "extra_specs"]) => {
            if !ctx.is_admin {
                return admin_only();
            }
            let Some(i) = find_type(st, ctx, id) else {
                return type_not_found(id);
            };
            let Some(specs) = req
                .json()
                .and_then(|b| b.get("extra_specs").and_then(Value::as_object).cloned())
            else {
                return nova_fault(
                    400,
                    "Missing required element 'extra_specs' in request body.",
                );
            };
            if let Some(m) = st.volume_types[i]["extra_specs"].as_object_mut() {
                m.extend(specs.clone());
            }
            Resp::json(200, &json!({ "extra_specs": specs }))
        }
        ("GET", [id, "extra_specs", key]) => match find_type(st, ctx, id) {
            Some(i) => match st.volume_types[i]["extra_specs"].get(*key) {
                Some(v) => Resp::json(200, &json!({ *key: v })),
                None => nova_fault(
                    404,
                    format!("Volume Type {id} has no extra specs with key {key}."),
                ),
            },
            None => type_not_found(id),
        },
        ("PUT", [id, "extra_specs", key]) => {
            if !ctx.is_admin {
                return admin_only();
            }
            let Some(i) = find_type(st, ctx, id) else {
                return type_not_found(id);
            };
            let Some(v) = req.json().and_then(|b| b.get(*key).cloned()) else {
                return nova_fault(400, "Request body and URI mismatch");
            };
            st.volume_types[i]["extra_specs"][*key] = v.clone();
            Resp::json(200, &json!({ *key: v }))
        }
        ("DELETE", [id, "extra_specs", key]) => {
            if !ctx.is_admin {
                return admin_only();
            }
            let Some(i) = find_type(st, ctx, id) else {
                return type_not_found(id);
            };
            match st.volume_types[i]["extra_specs"]
                .as_object_mut()
                .and_then(|m| m.remove(*key))
            {
                Some(_) => Resp::new(202),
                None => nova_fault(
                    404,
                    format!("Volume Type {id} has no extra specs with key {key}."),
                ),
            }
        }
        ("POST", [id, "action"]) => {
            if !ctx.is_admin {
                return admin_only();
            }
            let Some(i) = find_type(st, ctx, id) else {
                return type_not_found(id);
            };
            let body = req.json().unwrap_or(Value::Null);
            let (add, project) =
                match (
                    body.pointer("/addProjectAccess/project"),
                    body.pointer("/removeProjectAccess/project"),
                ) {
                    (Some(p), _) => (true, p.as_str().unwrap_or_default().to_owned()),
                    (_, Some(p)) => (false, p.as_str().unwrap_or_default().to_owned()),
                    _ => return nova_fault(
                        400,
                        "Invalid request body: addProjectAccess or removeProjectAccess expected.",
                    ),
                };
            if st.volume_types[i]["is_public"] == true {
                return nova_fault(400, "Invalid volume type: Type access modification is not applicable to public volume type.");
            }
            let t = &mut st.volume_types[i];
            let mut access: Vec<Value> = t["__access"].as_array().cloned().unwrap_or_default();
            let has = access.iter().any(|p| p == project.as_str());
            if add && has {
                return nova_fault(
                    409,
                    format!("Volume type access for {id}/{project} combination already exists."),
                );
            }
            if !add && !has {
                return nova_fault(
                    404,
                    format!("Volume type access not found for {id}/{project} combination."),
                );
            }
            if add {
                access.push(json!(project));
            } else {
                access.retain(|p| p != project.as_str());
            }
            t["__access"] = Value::Array(access);
            Resp::new(202)
        }
        ("GET", [id, "os-volume-type-access"]) => match find_type(st, ctx, id) {
            Some(i) => {
                let tid = st.volume_types[i]["id"].clone();
                let list: Vec<Value> = st.volume_types[i]["__access"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default()
                    .into_iter()
                    .map(|p| json!({"volume_type_id": tid, "project_id": p}))
                    .collect();
                Resp::json(200, &json!({ "volume_type_access": list }))
            }
            None => type_not_found(id),
        },
        _ => nova_fault(404, "The resource could not be found."),
    }
}

/// The seeded default volume type.
pub(crate) fn default_type() -> Value {
    json!({"id": DEFAULT_TYPE_ID, "name": "__DEFAULT__", "description": "Default Volume Type",
           "is_public": true, "extra_specs": {}, "os-volume-type-access:is_public": true, "qos_specs_id": null})
}

pub(crate) fn not_found(kind: &str, id: &str) -> Resp {
    nova_fault(404, format!("{kind} {id} could not be found."))
}

fn recs<'a>(st: &'a mut State, kind: &str) -> &'a mut Vec<Rec> {
    if kind == "volumes" {
        &mut st.volumes
    } else {
        &mut st.snapshots
    }
}

pub(crate) fn find(st: &mut State, kind: &str, project: &str, id: &str) -> Option<usize> {
    recs(st, kind)
        .iter()
        .position(|r| r.id() == id && r.project_id == project)
}

fn links(st: &State, project: &str, coll: &str, id: &str) -> Value {
    json!([{"rel": "self", "href": format!("{}/volume/v3/{project}/{coll}/{}", st.base, encode(id))},
           {"rel": "bookmark", "href": format!("{}/volume/{project}/{coll}/{}", st.base, encode(id))}])
}

fn render_volume(st: &State, r: &Rec) -> Value {
    let mut v = r.v.clone();
    v["links"] = links(st, &r.project_id, "volumes", r.id());
    v
}

/// The query of a Cinder listing (v3 and v1): the page `limit`, `all_tenants` (honoured
/// for admins only), the `metadata={'k': 'v'}` filter, and every other parameter as a field
/// filter.
pub(crate) struct ListQuery {
    pub(crate) limit: Option<usize>,
    pub(crate) all_tenants: bool,
    pub(crate) filters: Vec<(String, String)>,
    pub(crate) metadata: Vec<(String, String)>,
}

/// Reads a listing's query, or the 400 that Cinder answers to a malformed one.
pub(crate) fn list_query(req: &Req, ctx: &Ctx) -> Result<ListQuery, Resp> {
    let limit = req.limit().map_err(|e| nova_fault(400, e))?;
    let all_tenants = ctx.is_admin
        && req
            .q("all_tenants")
            .is_some_and(|v| v != "0" && !v.eq_ignore_ascii_case("false"));
    let filters = req
        .query
        .iter()
        .filter(|(k, _)| {
            !matches!(
                k.as_str(),
                "limit"
                    | "marker"
                    | "sort"
                    | "sort_key"
                    | "sort_dir"
                    | "all_tenants"
                    | "offset"
                    | "with_count"
                    | "metadata"
            )
        })
        .cloned()
        .collect();
    // `metadata={'k': 'v'}` (a Python dict literal, as Cinder parses it).
    let metadata = match req.q("metadata").map(crate::http::parse_py_dict) {
        None => Vec::new(),
        Some(Some(pairs)) => pairs,
        Some(None) => {
            return Err(nova_fault(
                400,
                "Invalid filter: metadata must be a dict of strings.",
            ))
        }
    };
    Ok(ListQuery {
        limit,
        all_tenants,
        filters,
        metadata,
    })
}

fn list(
    st: &mut State,
    req: &Req,
    ctx: &Ctx,
    project: &str,
    kind: &'static str,
    detail: bool,
) -> Resp {
    let ListQuery {
        limit,
        all_tenants,
        filters,
        metadata,
    } = match list_query(req, ctx) {
        Ok(q) => q,
        Err(resp) => return resp,
    };
    let items: Vec<Value> = recs(st, kind)
        .iter()
        .rev()
        .filter(|r| all_tenants || r.project_id == project)
        .filter(|r| matches_filters(&r.v, &filters))
        .filter(|r| crate::http::metadata_has(&r.v, &metadata))
        .map(|r| r.v.clone())
        .collect();
    let (page, more) = match crate::http::paginate(&items, "id", req.q("marker"), limit) {
        Ok(p) => p,
        Err(e) => return nova_fault(400, e),
    };
    let out: Vec<Value> = page
        .into_iter()
        .map(|v| {
            let id = v["id"].as_str().unwrap_or_default();
            if detail {
                let mut v = v.clone();
                if kind == "volumes" {
                    v["links"] = links(st, project, kind, id);
                }
                v
            } else if kind == "volumes" {
                json!({"id": id, "name": v["name"], "links": links(st, project, kind, id)})
            } else {
                v.clone()
            }
        })
        .collect();
    let mut body = json!({ kind: out });
    if let (true, Some(l), Some(last)) = (more, limit, out.last()) {
        let path = if detail {
            format!("{kind}/detail")
        } else {
            kind.to_owned()
        };
        body[format!("{kind}_links")] = json!([{"rel": "next", "href": format!("{}/volume/v3/{project}/{path}?limit={l}&marker={}", st.base, last["id"].as_str().unwrap_or_default())}]);
    }
    if req.q("with_count").is_some_and(|v| v == "true") {
        body["count"] = json!(items.len());
    }
    Resp::json(200, &body)
}

pub(crate) fn string_map(v: Option<&Value>) -> Result<Map<String, Value>, Resp> {
    match v {
        None | Some(Value::Null) => Ok(Map::new()),
        Some(Value::Object(m)) if m.values().all(Value::is_string) => Ok(m.clone()),
        _ => Err(nova_fault(
            400,
            "Invalid input for field/attribute metadata.",
        )),
    }
}

pub(crate) fn create_volume(st: &mut State, req: &Req, project: &str) -> Resp {
    let Some(v) = req
        .json()
        .and_then(|b| b.get("volume").cloned())
        .filter(Value::is_object)
    else {
        return nova_fault(400, "Missing required element 'volume' in request body.");
    };
    let snapshot = v
        .get("snapshot_id")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let source = v
        .get("source_volid")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let mut size = match v.get("size") {
        Some(Value::Number(n)) => n.as_i64(),
        Some(Value::String(s)) => s.parse::<i64>().ok(),
        None | Some(Value::Null) => None,
        _ => return nova_fault(400, "Invalid input for field/attribute size."),
    };
    if let Some(s) = &snapshot {
        match st.snapshots.iter().find(|r| r.id() == s) {
            Some(r) => size = size.or(r.v["size"].as_i64()),
            None => return nova_fault(404, format!("Snapshot {s} could not be found.")),
        }
    }
    if let Some(s) = &source {
        match st.volumes.iter().find(|r| r.id() == s) {
            Some(r) => size = size.or(r.v["size"].as_i64()),
            None => return nova_fault(404, format!("Volume {s} could not be found.")),
        }
    }
    let Some(size) = size.filter(|s| *s > 0) else {
        return nova_fault(
            400,
            "Invalid input received: Volume size must be an integer and greater than 0",
        );
    };
    let metadata = match string_map(v.get("metadata")) {
        Ok(m) => m,
        Err(e) => return e,
    };
    let vtype = match v.get("volume_type").and_then(Value::as_str) {
        None => default_type(),
        Some(t) => match st
            .volume_types
            .iter()
            .find(|x| x["id"] == t || x["name"] == t)
        {
            Some(x) => x.clone(),
            None => {
                return nova_fault(
                    404,
                    format!("Volume type with name {t} could not be found."),
                )
            }
        },
    };
    let image = v.get("imageRef").and_then(Value::as_str);
    if let Some(i) = image {
        if !st.images.iter().any(|r| r.id() == i) {
            return nova_fault(
                400,
                "Invalid image identifier or unable to access requested image.",
            );
        }
    }
    let id = uuid();
    let now = now_iso();
    let user = st
        .tokens
        .get(req.header("x-auth-token").unwrap_or_default())
        .map(|t| t.user_id.clone())
        .unwrap_or_default();
    let vol = json!({
        "id": id, "name": v.get("name").cloned().unwrap_or(Value::Null),
        "description": v.get("description").cloned().unwrap_or(Value::Null),
        "attachments": [], "availability_zone": v.get("availability_zone").cloned().unwrap_or(json!("nova")),
        "bootable": if image.is_some() { "true" } else { "false" }, "consistencygroup_id": null,
        "created_at": now, "updated_at": null, "encrypted": false, "metadata": metadata,
        "migration_status": null, "multiattach": v.get("multiattach").cloned().unwrap_or(json!(false)),
        "os-vol-host-attr:host": "emulator@fake#fake", "os-vol-mig-status-attr:migstat": null,
        "os-vol-mig-status-attr:name_id": null, "os-vol-tenant-attr:tenant_id": project,
        "replication_status": null, "size": size, "snapshot_id": snapshot, "source_volid": source,
        "status": "creating", "user_id": user, "volume_type": vtype["name"], "provider_id": null,
        "group_id": null, "service_uuid": null, "shared_targets": true, "cluster_name": null,
        "volume_type_id": vtype["id"], "consumes_quota": true,
        "volume_image_metadata": image.map(|i| json!({"image_id": i})),
    });
    let mut rec = Rec::new(vol, project);
    rec.later(
        st.cfg.volume_delay,
        json!({"status": "available", "updated_at": now_iso()}),
    );
    let body = json!({"volume": render_volume(st, &rec)});
    st.volumes.push(rec);
    Resp::json(202, &body)
}

pub(crate) fn update(st: &mut State, req: &Req, kind: &str, project: &str, id: &str) -> Resp {
    let single = if kind == "volumes" {
        "volume"
    } else {
        "snapshot"
    };
    let Some(i) = find(st, kind, project, id) else {
        return not_found(
            if kind == "volumes" {
                "Volume"
            } else {
                "Snapshot"
            },
            id,
        );
    };
    let Some(body) = req
        .json()
        .and_then(|b| b.get(single).cloned())
        .filter(Value::is_object)
    else {
        return nova_fault(
            400,
            format!("Missing required element '{single}' in request body."),
        );
    };
    let mut patch = Map::new();
    for k in ["name", "description", "display_name", "display_description"] {
        if let Some(v) = body.get(k) {
            let key = k.trim_start_matches("display_").to_owned();
            patch.insert(key, v.clone());
        }
    }
    if let Some(m) = body.get("metadata") {
        match string_map(Some(m)) {
            Ok(m) => {
                patch.insert("metadata".into(), Value::Object(m));
            }
            Err(e) => return e,
        }
    }
    patch.insert("updated_at".into(), json!(now_iso()));
    let r = &mut recs(st, kind)[i];
    r.set(Value::Object(patch));
    let out = if kind == "volumes" {
        let r = st.volumes[i].clone();
        render_volume(st, &r)
    } else {
        st.snapshots[i].v.clone()
    };
    Resp::json(200, &json!({ single: out }))
}

pub(crate) fn delete_volume(st: &mut State, project: &str, id: &str) -> Resp {
    let Some(i) = find(st, "volumes", project, id) else {
        return not_found("Volume", id);
    };
    let status = st.volumes[i].str("status").to_owned();
    if !matches!(
        status.as_str(),
        "available" | "error" | "error_restoring" | "error_extending" | "error_managing"
    ) {
        return nova_fault(400, format!("Invalid volume: Volume status must be available or error or error_restoring or error_extending or error_managing and must not be migrating, attached, belong to a group, have snapshots or be disassociated from snapshots after volume transfer. (current status: {status})"));
    }
    let snaps = st
        .snapshots
        .iter()
        .filter(|s| s.v["volume_id"] == id)
        .count();
    if snaps > 0 {
        return nova_fault(
            400,
            format!("Invalid volume: Volume {id} still has {snaps} dependent snapshots."),
        );
    }
    let delay = st.cfg.volume_delay;
    let r = &mut st.volumes[i];
    r.set(json!({"status": "deleting"}));
    r.later(delay, json!({"__gone": true}));
    Resp::new(202)
}

pub(crate) fn volume_action(st: &mut State, req: &Req, ctx: &Ctx, project: &str, id: &str) -> Resp {
    let Some(i) = find(st, "volumes", project, id) else {
        return not_found("Volume", id);
    };
    let Some(body) = req.json().and_then(|b| b.as_object().cloned()) else {
        return nova_fault(400, "Malformed request body");
    };
    let Some((name, arg)) = body.into_iter().next() else {
        return nova_fault(400, "Malformed request body");
    };
    let delay = st.cfg.volume_delay;
    let r = &mut st.volumes[i];
    let status = r.str("status").to_owned();
    match name.as_str() {
        "os-extend" => {
            let new = match arg.get("new_size") {
                Some(Value::Number(n)) => n.as_i64(),
                Some(Value::String(s)) => s.parse().ok(),
                _ => None,
            };
            let Some(new) = new else {
                return nova_fault(400, "Invalid input for field/attribute new_size.");
            };
            if status != "available" && status != "in-use" {
                return nova_fault(400, format!("Invalid volume: Volume status must be 'available' or 'in-use' to extend, currently {status}."));
            }
            let cur = r.v["size"].as_i64().unwrap_or(0);
            if new <= cur {
                return nova_fault(400, format!("Invalid input received: New size for extend must be greater than current size. (current: {cur}, extended: {new})."));
            }
            r.set(json!({"status": "extending"}));
            r.later(
                delay,
                json!({"status": status, "size": new, "updated_at": now_iso()}),
            );
            Resp::new(202)
        }
        "os-reset_status" => {
            if !ctx.is_admin {
                return nova_fault(403, "Policy doesn't allow volume_extension:volume_admin_actions:reset_status to be performed.");
            }
            let Some(s) = arg.get("status").and_then(Value::as_str) else {
                return nova_fault(400, "Must specify 'status'");
            };
            r.pending.clear();
            r.set(json!({ "status": s }));
            Resp::new(202)
        }
        "os-set_bootable" => {
            let b = arg
                .get("bootable")
                .and_then(Value::as_bool)
                .unwrap_or(false);
            r.set(json!({"bootable": if b { "true" } else { "false" }}));
            Resp::new(200)
        }
        "os-update_readonly_flag" => Resp::new(202),
        other => nova_fault(400, format!("There is no such action: {other}")),
    }
}

pub(crate) fn create_snapshot(st: &mut State, req: &Req, project: &str) -> Resp {
    let Some(s) = req
        .json()
        .and_then(|b| b.get("snapshot").cloned())
        .filter(Value::is_object)
    else {
        return nova_fault(400, "Missing required element 'snapshot' in request body.");
    };
    let Some(vol) = s.get("volume_id").and_then(Value::as_str) else {
        return nova_fault(400, "'volume_id' must be specified");
    };
    let Some(i) = find(st, "volumes", project, vol) else {
        return not_found("Volume", vol);
    };
    let force = s
        .get("force")
        .and_then(|f| {
            f.as_bool()
                .or_else(|| f.as_str().map(|x| x.eq_ignore_ascii_case("true")))
        })
        .unwrap_or(false);
    let status = st.volumes[i].str("status").to_owned();
    if status != "available" && !(force && status == "in-use") {
        return nova_fault(400, format!("Invalid volume: Volume {vol} status must be available, but current status is: {status}."));
    }
    let metadata = match string_map(s.get("metadata")) {
        Ok(m) => m,
        Err(e) => return e,
    };
    let id = uuid();
    let snap = json!({"id": id, "name": s.get("name").cloned().unwrap_or(Value::Null),
        "description": s.get("description").cloned().unwrap_or(Value::Null), "volume_id": vol,
        "size": st.volumes[i].v["size"], "status": "creating", "created_at": now_iso(), "updated_at": null,
        "metadata": metadata, "os-extended-snapshot-attributes:progress": "0%",
        "os-extended-snapshot-attributes:project_id": project, "group_snapshot_id": null,
        "user_id": "", "consumes_quota": true});
    let mut rec = Rec::new(snap, project);
    rec.later(st.cfg.volume_delay, json!({"status": "available", "os-extended-snapshot-attributes:progress": "100%", "updated_at": now_iso()}));
    let body = json!({"snapshot": rec.v});
    st.snapshots.push(rec);
    Resp::json(202, &body)
}
