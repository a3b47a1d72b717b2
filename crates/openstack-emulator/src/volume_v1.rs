//! Cinder v1 (`/volume/v1/<project>`): the v3 volumes and snapshots seen through the v1
//! API — `display_name`/`display_description` instead of `name`/`description`, `200` on
//! create, no links and no microversions. Volume types and limits are the v3 ones.

use bytes::Bytes;
use serde_json::{json, Map, Value};

use crate::http::{matches_filters, nova_fault, paginate, Req, Resp};
use crate::state::{Ctx, Rec, State};
use crate::volume;

/// The v1 view of a volume.
fn volume_view(r: &Rec) -> Value {
    let v = &r.v;
    let mut out = json!({
        "id": v["id"], "display_name": v["name"], "display_description": v["description"],
        "status": v["status"], "size": v["size"], "availability_zone": v["availability_zone"],
        "created_at": v["created_at"], "attachments": v["attachments"],
        "volume_type": v["volume_type"], "snapshot_id": v["snapshot_id"],
        "source_volid": v["source_volid"], "metadata": v["metadata"], "bootable": v["bootable"],
        "encrypted": v["encrypted"], "multiattach": v["multiattach"],
        "os-vol-tenant-attr:tenant_id": v["os-vol-tenant-attr:tenant_id"],
        "os-vol-host-attr:host": v["os-vol-host-attr:host"],
    });
    if !v["volume_image_metadata"].is_null() {
        out["volume_image_metadata"] = v["volume_image_metadata"].clone();
    }
    out
}

/// The v1 view of a snapshot.
fn snapshot_view(r: &Rec) -> Value {
    let v = &r.v;
    json!({
        "id": v["id"], "display_name": v["name"], "display_description": v["description"],
        "volume_id": v["volume_id"], "status": v["status"], "size": v["size"],
        "created_at": v["created_at"], "metadata": v["metadata"],
        "os-extended-snapshot-attributes:project_id": v["os-extended-snapshot-attributes:project_id"],
        "os-extended-snapshot-attributes:progress": v["os-extended-snapshot-attributes:progress"],
    })
}

fn view(kind: &str, r: &Rec) -> Value {
    if kind == "volumes" {
        volume_view(r)
    } else {
        snapshot_view(r)
    }
}

fn recs<'a>(st: &'a State, kind: &str) -> &'a [Rec] {
    if kind == "volumes" {
        &st.volumes
    } else {
        &st.snapshots
    }
}

fn single(kind: &str) -> &'static str {
    if kind == "volumes" {
        "volume"
    } else {
        "snapshot"
    }
}

/// `req` with its `{"<key>": {...}}` body's v1 names (`display_name`, `display_description`)
/// renamed to the v3 ones.
fn translated(req: &Req, key: &str) -> Req {
    let mut body = req.json();
    if let Some(Value::Object(inner)) = body.as_mut().and_then(|b| b.get_mut(key)) {
        let mut out = Map::new();
        for (k, v) in std::mem::take(inner) {
            let k = match k.as_str() {
                "display_name" => "name".to_owned(),
                "display_description" => "description".to_owned(),
                _ => k,
            };
            out.insert(k, v);
        }
        *inner = out;
    }
    Req {
        method: req.method.clone(),
        segs: req.segs.clone(),
        raw_path: req.raw_path.clone(),
        query: req.query.clone(),
        headers: req.headers.clone(),
        body: body
            .map(|b| Bytes::from(serde_json::to_vec(&b).unwrap_or_default()))
            .unwrap_or_else(|| req.body.clone()),
        body_md5: req.body_md5.clone(),
    }
}

/// Handles the routes below `/volume/v1/<project>/` (`rest`), for an authorized caller.
pub(crate) fn handle(st: &mut State, req: &Req, ctx: &Ctx, project: &str, rest: &[&str]) -> Resp {
    match (req.method.as_str(), rest) {
        ("GET", [kind @ ("volumes" | "snapshots")])
        | ("GET", [kind @ ("volumes" | "snapshots"), "detail"]) => {
            list(st, req, ctx, project, kind)
        }
        ("POST", [kind @ ("volumes" | "snapshots")]) => {
            let t = translated(req, single(kind));
            let before = recs(st, kind).len();
            let resp = if *kind == "volumes" {
                volume::create_volume(st, &t, project)
            } else {
                volume::create_snapshot(st, &t, project)
            };
            match recs(st, kind).get(before) {
                Some(r) if resp.status.is_success() => {
                    Resp::json(200, &json!({ single(kind): view(kind, r) }))
                }
                _ => resp,
            }
        }
        ("GET", [kind @ ("volumes" | "snapshots"), id]) => {
            match volume::find(st, kind, project, id) {
                Some(i) => Resp::json(
                    200,
                    &json!({ single(kind): view(kind, &recs(st, kind)[i]) }),
                ),
                None => not_found(kind, id),
            }
        }
        ("PUT", [kind @ ("volumes" | "snapshots"), id]) => {
            let resp = volume::update(st, &translated(req, single(kind)), kind, project, id);
            match volume::find(st, kind, project, id) {
                Some(i) if resp.status.is_success() => Resp::json(
                    200,
                    &json!({ single(kind): view(kind, &recs(st, kind)[i]) }),
                ),
                _ => resp,
            }
        }
        ("DELETE", ["volumes", id]) => volume::delete_volume(st, project, id),
        ("DELETE", ["snapshots", id]) => volume::delete_snapshot(st, project, id),
        (_, [kind @ ("volumes" | "snapshots"), id, "metadata"]) => {
            volume::metadata(st, req, kind, project, id)
        }
        ("POST", ["volumes", id, "action"]) => volume::volume_action(st, req, ctx, project, id),
        (_, ["types", rest @ ..]) => volume::volume_types(st, req, ctx, rest),
        ("GET", ["limits"]) => volume::limits(st, project),
        _ => nova_fault(404, "The resource could not be found."),
    }
}

fn not_found(kind: &str, id: &str) -> Resp {
    volume::not_found(
        if kind == "volumes" {
            "Volume"
        } else {
            "Snapshot"
        },
        id,
    )
}

/// `GET volumes[/detail]` and `GET snapshots[/detail]`: v1 shows the same view in both, with
/// filters on any field (`display_name` and `display_description` by their v1 names) and
/// `limit`/`marker`.
fn list(st: &mut State, req: &Req, ctx: &Ctx, project: &str, kind: &str) -> Resp {
    let volume::ListQuery {
        limit,
        all_tenants,
        filters,
        metadata,
    } = match volume::list_query(req, ctx) {
        Ok(q) => q,
        Err(resp) => return resp,
    };
    let items: Vec<Value> = recs(st, kind)
        .iter()
        .rev()
        .filter(|r| all_tenants || r.project_id == project)
        .map(|r| view(kind, r))
        .filter(|v| matches_filters(v, &filters))
        .filter(|v| crate::http::metadata_has(v, &metadata))
        .collect();
    let (page, more) = match paginate(&items, "id", req.q("marker"), limit) {
        Ok(p) => p,
        Err(e) => return nova_fault(400, e),
    };
    let mut body = json!({ kind: page });
    if let (true, Some(l), Some(last)) = (more, limit, page.last()) {
        body[format!("{kind}_links")] = json!([{"rel": "next", "href": format!(
            "{}/volume/v1/{project}/{kind}/detail?limit={l}&marker={}",
            st.base,
            last["id"].as_str().unwrap_or_default()
        )}]);
    }
    Resp::json(200, &body)
}
