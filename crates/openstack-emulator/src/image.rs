//! Glance (`/image/v2`): images (queued → upload → active with checksums), download,
//! `next` pagination, JSON-patch updates, tags and delete.

use serde_json::{json, Map, Value};

use crate::http::{glance_error, matches_filters, now_iso, uuid, Req, Resp};
use crate::identity::{authorize, unauthorized};
use crate::state::{image_value, set_image_data, Ctx, Rec, State};

const RESERVED: &[&str] = &[
    "status",
    "created_at",
    "updated_at",
    "self",
    "file",
    "schema",
    "checksum",
    "size",
    "virtual_size",
    "os_hash_algo",
    "os_hash_value",
    "owner",
    "direct_url",
    "locations",
];

fn versions(st: &State) -> Value {
    let v = |id: &str, status: &str| json!({"id": id, "status": status, "links": [{"rel": "self", "href": format!("{}/image/v2/", st.base)}]});
    json!({"versions": [v("v2.17", "CURRENT"), v("v2.16", "SUPPORTED"), v("v2.15", "SUPPORTED"), v("v2.9", "SUPPORTED"), v("v2.0", "SUPPORTED")]})
}

fn can_see(img: &Rec, ctx: &Ctx) -> bool {
    ctx.is_admin
        || img.project_id == ctx.project_id
        || matches!(
            img.v["visibility"].as_str(),
            Some("public") | Some("community")
        )
        || (img.v["visibility"] == "shared"
            && img.v["__members"]
                .as_array()
                .is_some_and(|m| m.iter().any(|x| x["member_id"] == ctx.project_id.as_str())))
}

/// Handles `/image/...`.
pub(crate) fn handle(st: &mut State, req: &Req) -> Resp {
    let segs: Vec<&str> = req.segs.iter().map(String::as_str).collect();
    match segs.as_slice() {
        [] | ["versions"] => {
            return Resp::json(if segs.is_empty() { 300 } else { 200 }, &versions(st))
        }
        ["v2", ..] => {}
        _ => return glance_error(404, "The resource could not be found."),
    }
    let Some(ctx) = authorize(st, req) else {
        return unauthorized();
    };
    let rest = &segs[1..];
    match (req.method.as_str(), rest) {
        ("GET", ["images"]) => list(st, req, &ctx),
        ("POST", ["images"]) => create(st, req, &ctx),
        ("GET", ["images", id]) => match find(st, &ctx, id) {
            Some(i) => Resp::json(200, &render(&st.images[i])),
            None => not_found(id),
        },
        ("PATCH", ["images", id]) => patch(st, req, &ctx, id),
        ("DELETE", ["images", id]) => {
            let Some(i) = find(st, &ctx, id) else {
                return not_found(id);
            };
            if st.images[i].project_id != ctx.project_id && !ctx.is_admin {
                return glance_error(403, "You are not permitted to delete this image.");
            }
            if st.images[i].v["protected"] == true {
                return glance_error(
                    403,
                    format!("Image {id} is protected and cannot be deleted."),
                );
            }
            st.images.remove(i);
            st.image_data.remove(*id);
            Resp::new(204)
        }
        ("PUT", ["images", id, "file"]) => upload(st, req, &ctx, id),
        ("GET", ["images", id, "file"]) => {
            let Some(i) = find(st, &ctx, id) else {
                return not_found(id);
            };
            match st.image_data.get(*id) {
                Some(data) if st.images[i].v["status"] == "active" => {
                    let checksum = st.images[i].str("checksum").to_owned();
                    Resp::new(200)
                        .header("content-type", "application/octet-stream")
                        .header("content-md5", &checksum)
                        .with_body(data.clone())
                }
                _ => Resp::new(204),
            }
        }
        ("PUT" | "DELETE", ["images", id, "tags", tag]) => {
            let Some(i) = find(st, &ctx, id) else {
                return not_found(id);
            };
            let r = &mut st.images[i];
            let mut tags: Vec<Value> = r.v["tags"].as_array().cloned().unwrap_or_default();
            if req.method == http::Method::PUT {
                if !tags.iter().any(|t| t == *tag) {
                    tags.push(json!(tag));
                }
            } else if tags.iter().any(|t| t == *tag) {
                tags.retain(|t| t != *tag);
            } else {
                return glance_error(404, format!("Tag {tag} not found"));
            }
            r.set(json!({"tags": tags, "updated_at": now_iso()}));
            Resp::new(204)
        }
        ("GET", ["info", "import"]) => Resp::json(
            200,
            &json!({"import-methods": {"description": "Import methods available.", "type": "array",
                    "value": ["glance-direct", "copy-image"]}}),
        ),
        ("GET", ["info", "stores"]) => Resp::json(
            200,
            &json!({"stores": [{"id": "file", "description": "Local file store", "default": true}]}),
        ),
        ("PUT", ["images", id, "stage"]) => {
            let Some(i) = find(st, &ctx, id) else {
                return not_found(id);
            };
            if st.images[i].str("status") != "queued" {
                return glance_error(
                    409,
                    format!(
                        "Image status transition from {} to uploading is not allowed",
                        st.images[i].str("status")
                    ),
                );
            }
            let data = req.body.clone();
            st.images[i].set(json!({"status": "uploading", "updated_at": now_iso()}));
            st.image_data.insert((*id).to_owned(), data);
            Resp::new(204)
        }
        ("POST", ["images", id, "import"]) => {
            let Some(i) = find(st, &ctx, id) else {
                return not_found(id);
            };
            let method = req
                .json()
                .and_then(|b| {
                    b.pointer("/method/name")
                        .and_then(Value::as_str)
                        .map(str::to_owned)
                })
                .unwrap_or_default();
            match method.as_str() {
                "glance-direct" => {
                    if st.images[i].str("status") != "uploading" {
                        return glance_error(409, "Image needs to be staged before 'glance-direct' method can be used");
                    }
                    let data = st.image_data.get(*id).cloned().unwrap_or_default();
                    let mut done = st.images[i].v.clone();
                    set_image_data(&mut done, &data);
                    let r = &mut st.images[i];
                    r.set(json!({"status": "importing"}));
                    r.later(std::time::Duration::from_millis(50), done);
                    Resp::new(202)
                }
                "web-download" => glance_error(
                    400,
                    "Import method web-download is not supported by the emulator (it never leaves 127.0.0.1).",
                ),
                other => glance_error(400, format!("Import method {other} is not supported.")),
            }
        }
        (_, ["images", id, "members", rest @ ..]) => members(st, req, &ctx, id, rest),
        ("GET", ["schemas", "image"]) => Resp::json(
            200,
            &json!({"name": "image", "properties": {}, "additionalProperties": {"type": "string"}}),
        ),
        _ => glance_error(404, "The resource could not be found."),
    }
}

fn not_found(id: &str) -> Resp {
    glance_error(404, format!("No image found with ID {id}"))
}

fn find(st: &State, ctx: &Ctx, id: &str) -> Option<usize> {
    st.images
        .iter()
        .position(|r| r.id() == id && can_see(r, ctx))
}

fn render(r: &Rec) -> Value {
    let mut v = r.v.clone();
    if let Some(o) = v.as_object_mut() {
        o.retain(|k, _| !k.starts_with("__"));
    }
    v
}

fn list(st: &State, req: &Req, ctx: &Ctx) -> Resp {
    let limit = match req.limit() {
        Ok(l) => l.unwrap_or(25).min(1000),
        Err(e) => return glance_error(400, e),
    };
    let filters: Vec<(String, String)> = req
        .query
        .iter()
        .filter(|(k, _)| {
            !matches!(
                k.as_str(),
                "limit" | "marker" | "sort" | "sort_key" | "sort_dir" | "tag" | "member_status"
            )
        })
        .cloned()
        .collect();
    let items: Vec<Value> = st
        .images
        .iter()
        .rev()
        .filter(|r| can_see(r, ctx))
        .filter(|r| {
            // Hidden images only when asked for.
            req.q("os_hidden").is_some() || r.v["os_hidden"] != true
        })
        .filter(|r| matches_filters(&r.v, &filters))
        .filter(|r| {
            req.q("tag").is_none_or(|t| {
                r.v["tags"]
                    .as_array()
                    .is_some_and(|a| a.iter().any(|x| x == t))
            })
        })
        .map(render)
        .collect();
    let (page, more) = match crate::http::paginate(&items, "id", req.q("marker"), Some(limit)) {
        Ok(p) => p,
        Err(_) => {
            return glance_error(
                400,
                format!(
                    "Invalid marker. Image {} could not be found.",
                    req.q("marker").unwrap_or_default()
                ),
            )
        }
    };
    let page: Vec<Value> = page.into_iter().cloned().collect();
    let mut body = json!({"images": page, "first": "/v2/images", "schema": "/v2/schemas/images"});
    if more {
        if let Some(last) = body["images"]
            .as_array()
            .and_then(|a| a.last())
            .and_then(|l| l["id"].as_str())
            .map(str::to_owned)
        {
            body["next"] = json!(format!("/v2/images?marker={last}&limit={limit}"));
        }
    }
    Resp::json(200, &body)
}

fn create(st: &mut State, req: &Req, ctx: &Ctx) -> Resp {
    let Some(Value::Object(body)) = req.json() else {
        return glance_error(400, "Body expected in request.");
    };
    for k in body.keys() {
        if RESERVED.contains(&k.as_str()) {
            return glance_error(403, format!("Attribute '{k}' is read-only."));
        }
    }
    let id = match body.get("id").and_then(Value::as_str) {
        Some(id) if st.images.iter().any(|r| r.id() == id) => {
            return glance_error(409, format!("Image with identifier {id} already exists!"))
        }
        Some(id) => id.to_owned(),
        None => uuid(),
    };
    if let Some(v) = body.get("visibility").and_then(Value::as_str) {
        if !matches!(v, "public" | "private" | "shared" | "community") {
            return glance_error(400, format!("Invalid visibility value: {v}"));
        }
        if v == "public" && !ctx.is_admin {
            return glance_error(
                403,
                "You are not authorized to complete publicize_image action.",
            );
        }
    }
    for f in ["disk_format", "container_format"] {
        if let Some(v) = body.get(f).and_then(Value::as_str) {
            let ok = if f == "disk_format" {
                [
                    "ami", "ari", "aki", "vhd", "vhdx", "vmdk", "raw", "qcow2", "vdi", "iso",
                    "ploop",
                ]
                .contains(&v)
            } else {
                [
                    "ami",
                    "ari",
                    "aki",
                    "bare",
                    "ovf",
                    "ova",
                    "docker",
                    "compressed",
                ]
                .contains(&v)
            };
            if !ok {
                return glance_error(400, format!("Invalid value '{v}' for {f}"));
            }
        }
    }
    let name = body
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let mut v = image_value(&id, &name, &ctx.project_id);
    if body.get("name").is_some_and(Value::is_null) || body.get("name").is_none() {
        v["name"] = Value::Null;
    }
    for (k, x) in body {
        if k != "id" {
            v[k.as_str()] = x;
        }
    }
    let rec = Rec::new(v, &ctx.project_id);
    let out = render(&rec);
    st.images.push(rec);
    Resp::json(201, &out).header("location", &format!("{}/image/v2/images/{id}", st.base))
}

fn patch(st: &mut State, req: &Req, ctx: &Ctx, id: &str) -> Resp {
    let Some(i) = find(st, ctx, id) else {
        return not_found(id);
    };
    if st.images[i].project_id != ctx.project_id && !ctx.is_admin {
        return glance_error(403, "You are not permitted to modify this image.");
    }
    let ct = req.header("content-type").unwrap_or_default();
    if !ct.starts_with("application/openstack-images-v2.1-json-patch")
        && !ct.starts_with("application/openstack-images-v2.0-json-patch")
    {
        return glance_error(415, format!("Unsupported Content-Type {ct}"));
    }
    let Some(Value::Array(ops)) = req.json() else {
        return glance_error(
            400,
            "Request body must be a JSON array of operation objects.",
        );
    };
    let mut v: Map<String, Value> = st.images[i].v.as_object().cloned().unwrap_or_default();
    for op in ops {
        let kind = op.get("op").and_then(Value::as_str).unwrap_or_default();
        let Some(path) = op.get("path").and_then(Value::as_str) else {
            return glance_error(400, "Unable to find 'path' in JSON Schema change");
        };
        let key = path
            .trim_start_matches('/')
            .replace("~1", "/")
            .replace("~0", "~");
        if key.is_empty() || key.contains('/') && key != "tags" && !key.starts_with("tags/") {
            return glance_error(
                400,
                format!("Invalid JSON pointer for this resource: '{path}'"),
            );
        }
        if RESERVED.contains(&key.as_str()) || key == "id" {
            return glance_error(403, format!("Attribute '{key}' is read-only."));
        }
        match kind {
            "add" | "replace" => {
                let Some(val) = op.get("value") else {
                    return glance_error(400, "Operation objects must contain 'value'.");
                };
                if kind == "replace" && !v.contains_key(&key) {
                    return glance_error(409, format!("Property {key} does not exist."));
                }
                if key == "visibility" && val == "public" && !ctx.is_admin {
                    return glance_error(
                        403,
                        "You are not authorized to complete publicize_image action.",
                    );
                }
                v.insert(key, val.clone());
            }
            "remove" => {
                if matches!(
                    key.as_str(),
                    "name"
                        | "visibility"
                        | "protected"
                        | "min_disk"
                        | "min_ram"
                        | "disk_format"
                        | "container_format"
                        | "tags"
                        | "os_hidden"
                ) {
                    return glance_error(403, format!("Properties {key} must not be removed."));
                }
                if v.remove(&key).is_none() {
                    return glance_error(409, format!("Property {key} does not exist."));
                }
            }
            other => return glance_error(400, format!("Operation '{other}' is not supported.")),
        }
    }
    v.insert("updated_at".into(), json!(now_iso()));
    st.images[i].v = Value::Object(v);
    Resp::json(200, &render(&st.images[i]))
}

fn upload(st: &mut State, req: &Req, ctx: &Ctx, id: &str) -> Resp {
    let Some(i) = find(st, ctx, id) else {
        return not_found(id);
    };
    if st.images[i].project_id != ctx.project_id && !ctx.is_admin {
        return glance_error(403, "You are not permitted to upload data for this image.");
    }
    let r = &st.images[i];
    if r.v["disk_format"].is_null() || r.v["container_format"].is_null() {
        return glance_error(
            400,
            "Properties disk_format, container_format must be set prior to saving data.",
        );
    }
    let status = r.str("status").to_owned();
    if status != "queued" {
        return glance_error(
            409,
            format!("Image status transition from {status} to saving is not allowed"),
        );
    }
    let data = req.body.clone();
    let r = &mut st.images[i];
    set_image_data(&mut r.v, &data);
    st.image_data.insert(id.to_owned(), data);
    Resp::new(204)
}

fn members(st: &mut State, req: &Req, ctx: &Ctx, id: &str, rest: &[&str]) -> Resp {
    let Some(i) = find(st, ctx, id) else {
        return not_found(id);
    };
    let owner = st.images[i].project_id == ctx.project_id || ctx.is_admin;
    let list: Vec<Value> = st.images[i].v["__members"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    match (req.method.as_str(), rest) {
        ("GET", []) => {
            let visible: Vec<Value> = list
                .into_iter()
                .filter(|m| owner || m["member_id"] == ctx.project_id.as_str())
                .collect();
            Resp::json(
                200,
                &json!({"members": visible, "schema": "/v2/schemas/members"}),
            )
        }
        ("POST", []) => {
            if !owner {
                return glance_error(
                    403,
                    "You are not permitted to create image members for the image.",
                );
            }
            if st.images[i].v["visibility"] != "shared" {
                return glance_error(403, "Only shared images have members.");
            }
            let Some(member) = req
                .json()
                .and_then(|b| b.get("member").and_then(Value::as_str).map(str::to_owned))
            else {
                return glance_error(400, "Member to be added not specified");
            };
            if list.iter().any(|m| m["member_id"] == member.as_str()) {
                return glance_error(
                    409,
                    format!("Member {member} already exists for image {id}"),
                );
            }
            let now = now_iso();
            let m = json!({"image_id": id, "member_id": member, "status": "pending",
                           "created_at": now, "updated_at": now, "schema": "/v2/schemas/member"});
            let mut list = list;
            list.push(m.clone());
            st.images[i].v["__members"] = Value::Array(list);
            Resp::json(200, &m)
        }
        ("GET", [member]) => match list.iter().find(|m| m["member_id"] == *member) {
            Some(m) if owner || *member == ctx.project_id => Resp::json(200, m),
            _ => glance_error(404, format!("Member {member} not found")),
        },
        ("PUT", [member]) => {
            if *member != ctx.project_id && !ctx.is_admin {
                return glance_error(
                    403,
                    "You are not permitted to modify 'status' on this image member.",
                );
            }
            let Some(status) = req
                .json()
                .and_then(|b| b.get("status").and_then(Value::as_str).map(str::to_owned))
            else {
                return glance_error(400, "Status not specified");
            };
            if !matches!(status.as_str(), "pending" | "accepted" | "rejected") {
                return glance_error(400, format!("Invalid status: {status}"));
            }
            let mut list = list;
            let Some(m) = list.iter_mut().find(|m| m["member_id"] == *member) else {
                return glance_error(404, format!("Member {member} not found"));
            };
            m["status"] = json!(status);
            m["updated_at"] = json!(now_iso());
            let out = m.clone();
            st.images[i].v["__members"] = Value::Array(list);
            Resp::json(200, &out)
        }
        ("DELETE", [member]) => {
            if !owner {
                return glance_error(
                    403,
                    "You are not permitted to delete image members for the image.",
                );
            }
            let before = list.len();
            let list: Vec<Value> = list
                .into_iter()
                .filter(|m| m["member_id"] != *member)
                .collect();
            if list.len() == before {
                return glance_error(404, format!("Member {member} not found"));
            }
            st.images[i].v["__members"] = Value::Array(list);
            Resp::new(204)
        }
        _ => glance_error(405, "Method not allowed"),
    }
}
