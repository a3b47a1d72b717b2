//! Nova (`/compute/v2.1`): versions, flavors, images, servers with a lifecycle, actions,
//! metadata, keypairs, limits and availability zones.

use base64::Engine;
use md5::Digest;
use serde_json::{json, Map, Value};

use crate::http::{encode, nova_fault, now_iso, uuid, Req, Resp};
use crate::identity::{authorize, unauthorized};
use crate::state::{image_value, merge, Ctx, Rec, State};

/// The highest microversion accepted.
pub(crate) const MAX_MICROVERSION: (u32, u32) = (2, 96);

fn version_doc(st: &State) -> Value {
    json!({"id": "v2.1", "status": "CURRENT", "version": format!("{}.{}", MAX_MICROVERSION.0, MAX_MICROVERSION.1),
           "min_version": "2.1", "updated": "2013-07-23T11:33:21Z",
           "links": [{"rel": "self", "href": format!("{}/compute/v2.1/", st.base)},
                     {"rel": "describedby", "type": "text/html", "href": "http://docs.openstack.org/"}],
           "media-types": [{"base": "application/json", "type": "application/vnd.openstack.compute+json;version=2.1"}]})
}

/// Parses the requested microversion; `Err` is the 406/400 response.
fn microversion(req: &Req) -> Result<(u32, u32), Resp> {
    let raw = req
        .header("openstack-api-version")
        .and_then(|h| {
            h.split(',').find_map(|part| {
                let mut it = part.split_whitespace();
                match (it.next(), it.next()) {
                    (Some(s), Some(v)) if s.eq_ignore_ascii_case("compute") => Some(v.to_owned()),
                    _ => None,
                }
            })
        })
        .or_else(|| {
            req.header("x-openstack-nova-api-version")
                .map(str::to_owned)
        });
    let Some(raw) = raw else { return Ok((2, 1)) };
    if raw.eq_ignore_ascii_case("latest") {
        return Ok(MAX_MICROVERSION);
    }
    let parsed = raw
        .split_once('.')
        .and_then(|(a, b)| Some((a.trim().parse::<u32>().ok()?, b.trim().parse::<u32>().ok()?)));
    match parsed {
        None => Err(nova_fault(
            400,
            format!("Invalid API version request: {raw}"),
        )),
        Some(v) if v < (2, 1) || v > MAX_MICROVERSION => Err(nova_fault(
            406,
            format!(
                "Version {raw} is not supported by the API. Minimum is 2.1 and maximum is {}.{}.",
                MAX_MICROVERSION.0, MAX_MICROVERSION.1
            ),
        )),
        Some(v) => Ok(v),
    }
}

/// Handles `/compute/...`.
pub(crate) fn handle(st: &mut State, req: &Req) -> Resp {
    let segs: Vec<&str> = req.segs.iter().map(String::as_str).collect();
    if segs.is_empty() && req.method == http::Method::GET {
        let mut v = version_doc(st);
        v["id"] = json!("v2.1");
        return Resp::json(
            200,
            &json!({"versions": [
                {"id": "v2.0", "status": "SUPPORTED", "version": "", "min_version": "", "updated": "2011-01-21T11:33:21Z",
                 "links": [{"rel": "self", "href": format!("{}/compute/v2/", st.base)}]},
                v]}),
        );
    }
    if segs.first() != Some(&"v2.1") {
        return nova_fault(404, "The resource could not be found.");
    }
    let mv = match microversion(req) {
        Ok(v) => v,
        Err(r) => return r,
    };
    let echo = |r: Resp| {
        r.header(
            "openstack-api-version",
            &format!("compute {}.{}", mv.0, mv.1),
        )
        .header(
            "x-openstack-nova-api-version",
            &format!("{}.{}", mv.0, mv.1),
        )
        .header(
            "vary",
            "OpenStack-API-Version, X-OpenStack-Nova-API-Version",
        )
    };
    let rest = &segs[1..];
    if rest.is_empty() {
        return echo(Resp::json(200, &json!({"version": version_doc(st)})));
    }
    let Some(ctx) = authorize(st, req) else {
        return unauthorized();
    };
    let m = req.method.as_str();
    let resp = match (m, rest) {
        ("GET", ["flavors"]) => flavors(st, req, false, mv),
        ("GET", ["flavors", "detail"]) => flavors(st, req, true, mv),
        ("GET", ["flavors", id]) => match st.flavors.iter().find(|f| f["id"] == *id) {
            Some(f) => Resp::json(200, &json!({"flavor": flavor_json(st, f, true, mv)})),
            None => nova_fault(404, format!("Flavor {id} could not be found.")),
        },
        ("GET", ["flavors", id, "os-extra_specs"]) => {
            match st.flavors.iter().find(|f| f["id"] == *id) {
                Some(f) => Resp::json(200, &json!({"extra_specs": f["extra_specs"]})),
                None => nova_fault(404, format!("Flavor {id} could not be found.")),
            }
        }
        ("GET", ["images"]) => nova_images(st, false),
        ("GET", ["images", "detail"]) => nova_images(st, true),
        ("GET", ["images", id]) => match st.images.iter().find(|i| i.id() == *id) {
            Some(i) => Resp::json(200, &json!({"image": nova_image(st, &i.v, true)})),
            None => nova_fault(404, "Image not found."),
        },
        ("GET", ["servers"]) => list_servers(st, req, &ctx, false, mv),
        ("GET", ["servers", "detail"]) => list_servers(st, req, &ctx, true, mv),
        ("POST", ["servers"]) => create_server(st, req, &ctx, mv),
        ("GET", ["servers", id]) => match find_server(st, &ctx, id) {
            Some(i) => Resp::json(
                200,
                &json!({"server": render(st, &st.servers[i], mv, true)}),
            ),
            None => not_found_server(id),
        },
        ("PUT", ["servers", id]) => update_server(st, req, &ctx, id, mv),
        ("DELETE", ["servers", id]) => delete_server(st, &ctx, id),
        ("POST", ["servers", id, "action"]) => action(st, req, &ctx, id, mv),
        (_, ["servers", id, "metadata", rest @ ..]) => metadata(st, req, &ctx, id, rest),
        (_, ["servers", id, "os-volume_attachments", rest @ ..]) => {
            volume_attachments(st, req, &ctx, id, rest, mv)
        }
        ("GET", ["servers", id, "ips"]) => match find_server(st, &ctx, id) {
            Some(i) => Resp::json(200, &json!({"addresses": st.servers[i].v["addresses"]})),
            None => not_found_server(id),
        },
        ("GET", ["os-keypairs"]) => {
            let list: Vec<Value> = st
                .keypairs
                .iter()
                .filter(|(u, _)| *u == ctx.user_id)
                .map(|(_, k)| {
                    let mut k = k.clone();
                    if let Some(o) = k.as_object_mut() {
                        for f in [
                            "user_id",
                            "id",
                            "created_at",
                            "updated_at",
                            "deleted",
                            "deleted_at",
                        ] {
                            o.remove(f);
                        }
                    }
                    json!({ "keypair": k })
                })
                .collect();
            Resp::json(200, &json!({ "keypairs": list }))
        }
        ("POST", ["os-keypairs"]) => create_keypair(st, req, &ctx, mv),
        ("GET", ["os-keypairs", name]) => match st
            .keypairs
            .iter()
            .find(|(u, k)| *u == ctx.user_id && k["name"] == *name)
        {
            Some((_, k)) => Resp::json(200, &json!({ "keypair": k })),
            None => nova_fault(
                404,
                format!("Keypair {name} not found for user {}", ctx.user_id),
            ),
        },
        ("DELETE", ["os-keypairs", name]) => {
            let before = st.keypairs.len();
            st.keypairs
                .retain(|(u, k)| !(*u == ctx.user_id && k["name"] == *name));
            if st.keypairs.len() == before {
                nova_fault(
                    404,
                    format!("Keypair {name} not found for user {}", ctx.user_id),
                )
            } else {
                Resp::new(if mv >= (2, 2) { 204 } else { 202 })
            }
        }
        ("GET", ["os-availability-zone"]) => Resp::json(
            200,
            &json!({"availabilityZoneInfo": [{"zoneName": "nova", "zoneState": {"available": true}, "hosts": null}]}),
        ),
        ("GET", ["limits"]) => {
            let used = st
                .servers
                .iter()
                .filter(|s| s.project_id == ctx.project_id)
                .count();
            Resp::json(
                200,
                &json!({"limits": {"rate": [], "absolute": {
                "maxTotalInstances": 10, "maxTotalCores": 20, "maxTotalRAMSize": 51200,
                "maxServerMeta": 128, "maxImageMeta": 128, "maxPersonality": 5,
                "maxPersonalitySize": 10240, "maxTotalKeypairs": 100, "maxServerGroups": 10,
                "maxServerGroupMembers": 10, "maxTotalFloatingIps": -1,
                "maxSecurityGroups": -1, "maxSecurityGroupRules": -1,
                "totalInstancesUsed": used, "totalCoresUsed": used, "totalRAMUsed": used * 512,
                "totalFloatingIpsUsed": 0, "totalSecurityGroupsUsed": 0, "totalServerGroupsUsed": 0}}}),
            )
        }
        ("GET", ["extensions"]) => Resp::json(200, &json!({"extensions": []})),
        _ => nova_fault(404, "The resource could not be found."),
    };
    echo(resp)
}

fn not_found_server(id: &str) -> Resp {
    nova_fault(404, format!("Instance {id} could not be found."))
}

fn self_links(st: &State, coll: &str, id: &str) -> Value {
    json!([{"rel": "self", "href": format!("{}/compute/v2.1/{coll}/{}", st.base, encode(id))},
           {"rel": "bookmark", "href": format!("{}/compute/{coll}/{}", st.base, encode(id))}])
}

fn flavor_json(st: &State, f: &Value, detail: bool, mv: (u32, u32)) -> Value {
    let id = f["id"].as_str().unwrap_or_default();
    let mut out = if detail {
        f.clone()
    } else {
        json!({"id": id, "name": f["name"], "description": f["description"]})
    };
    out["links"] = self_links(st, "flavors", id);
    if let Some(o) = out.as_object_mut() {
        if mv < (2, 55) {
            o.remove("description");
        }
        if mv < (2, 61) || !detail {
            o.remove("extra_specs");
        }
    }
    out
}

fn flavors(st: &State, req: &Req, detail: bool, mv: (u32, u32)) -> Resp {
    let limit = match req.limit() {
        Ok(l) => l,
        Err(e) => return nova_fault(400, e),
    };
    let all: Vec<Value> = st.flavors.clone();
    let (page, _) = match crate::http::paginate(&all, "id", req.q("marker"), limit) {
        Ok(p) => p,
        Err(e) => return nova_fault(400, e),
    };
    let list: Vec<Value> = page
        .iter()
        .map(|f| flavor_json(st, f, detail, mv))
        .collect();
    let mut body = json!({ "flavors": list });
    if let (Some(l), Some(last)) = (limit, list.last()) {
        if list.len() == l {
            let path = if detail { "flavors/detail" } else { "flavors" };
            body["flavors_links"] = json!([{"rel": "next", "href": format!("{}/compute/v2.1/{path}?limit={l}&marker={}", st.base, last["id"].as_str().unwrap_or_default())}]);
        }
    }
    Resp::json(200, &body)
}

fn nova_image(st: &State, img: &Value, detail: bool) -> Value {
    let id = img["id"].as_str().unwrap_or_default();
    if !detail {
        return json!({"id": id, "name": img["name"], "links": self_links(st, "images", id)});
    }
    let status = match img["status"].as_str() {
        Some("active") => "ACTIVE",
        Some("queued") | Some("saving") | Some("importing") => "SAVING",
        Some("deleted") | Some("pending_delete") => "DELETED",
        _ => "UNKNOWN",
    };
    json!({"id": id, "name": img["name"], "links": self_links(st, "images", id), "status": status,
           "created": img["created_at"], "updated": img["updated_at"], "minDisk": img["min_disk"],
           "minRam": img["min_ram"], "progress": if status == "ACTIVE" { 100 } else { 25 },
           "metadata": {}, "OS-EXT-IMG-SIZE:size": img["size"]})
}

fn nova_images(st: &State, detail: bool) -> Resp {
    let list: Vec<Value> = st
        .images
        .iter()
        .map(|i| nova_image(st, &i.v, detail))
        .collect();
    Resp::json(200, &json!({ "images": list }))
}

fn find_server(st: &State, ctx: &Ctx, id: &str) -> Option<usize> {
    st.servers
        .iter()
        .position(|s| s.id() == id && (ctx.is_admin || s.project_id == ctx.project_id))
}

/// Status, vm_state, task_state and power_state for a status.
fn status_patch(status: &str) -> Value {
    let (vm, task, power) = match status {
        "BUILD" => ("building", Some("spawning"), 0),
        "ACTIVE" => ("active", None, 1),
        "SHUTOFF" => ("stopped", None, 4),
        "PAUSED" => ("paused", None, 3),
        "SUSPENDED" => ("suspended", None, 4),
        "REBOOT" => ("active", Some("rebooting"), 1),
        "HARD_REBOOT" => ("active", Some("rebooting_hard"), 1),
        "RESIZE" => ("active", Some("resize_prep"), 1),
        "REBUILD" => ("active", Some("rebuilding"), 1),
        "RESCUE" => ("rescued", None, 1),
        "SHELVED_OFFLOADED" => ("shelved_offloaded", None, 4),
        "VERIFY_RESIZE" => ("resized", None, 1),
        "REVERT_RESIZE" => ("resized", Some("resize_reverting"), 1),
        "DELETED" => ("deleted", None, 0),
        _ => ("error", None, 0),
    };
    json!({"status": status, "OS-EXT-STS:vm_state": vm, "OS-EXT-STS:task_state": task,
           "OS-EXT-STS:power_state": power, "updated": now_iso()})
}

/// A server as the API shows it at a microversion.
fn render(st: &State, rec: &Rec, mv: (u32, u32), detail: bool) -> Value {
    let id = rec.id();
    if !detail {
        return json!({"id": id, "name": rec.v["name"], "links": self_links(st, "servers", id)});
    }
    let mut v = rec.v.clone();
    let Some(o) = v.as_object_mut() else { return v };
    let flavor_id = o
        .get("__flavor_id")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    o.retain(|k, _| !k.starts_with("__"));
    o.insert("links".into(), self_links(st, "servers", id));
    if mv >= (2, 47) {
        let f = st.flavors.iter().find(|f| f["id"] == flavor_id.as_str());
        o.insert(
            "flavor".into(),
            match f {
                Some(f) => json!({"vcpus": f["vcpus"], "ram": f["ram"], "disk": f["disk"],
                    "ephemeral": f["OS-FLV-EXT-DATA:ephemeral"], "swap": 0,
                    "original_name": f["name"], "extra_specs": f["extra_specs"]}),
                None => json!({"original_name": "deleted"}),
            },
        );
    } else {
        o.insert(
            "flavor".into(),
            json!({"id": flavor_id, "links": [{"rel": "bookmark", "href": format!("{}/compute/flavors/{}", st.base, encode(&flavor_id))}]}),
        );
    }
    let gates: &[((u32, u32), &[&str])] = &[
        (
            (2, 3),
            &[
                "OS-EXT-SRV-ATTR:reservation_id",
                "OS-EXT-SRV-ATTR:launch_index",
                "OS-EXT-SRV-ATTR:hostname",
                "OS-EXT-SRV-ATTR:kernel_id",
                "OS-EXT-SRV-ATTR:ramdisk_id",
                "OS-EXT-SRV-ATTR:root_device_name",
                "OS-EXT-SRV-ATTR:user_data",
            ],
        ),
        ((2, 9), &["locked"]),
        ((2, 16), &["host_status"]),
        ((2, 19), &["description"]),
        ((2, 26), &["tags"]),
        ((2, 63), &["trusted_image_certificates"]),
        ((2, 71), &["server_groups"]),
        ((2, 73), &["locked_reason"]),
        ((2, 96), &["pinned_availability_zone"]),
    ];
    for (min, keys) in gates {
        if mv < *min {
            for k in *keys {
                o.remove(*k);
            }
        }
    }
    v
}

fn server_matches(s: &Rec, req: &Req) -> bool {
    if let Some(name) = req.q("name") {
        let n = s.str("name");
        let (anchored_start, rest) = match name.strip_prefix('^') {
            Some(r) => (true, r),
            None => (false, name),
        };
        let (anchored_end, pat) = match rest.strip_suffix('$') {
            Some(r) => (true, r),
            None => (false, rest),
        };
        let ok = match (anchored_start, anchored_end) {
            (true, true) => n == pat,
            (true, false) => n.starts_with(pat),
            (false, true) => n.ends_with(pat),
            (false, false) => n.contains(pat),
        };
        if !ok {
            return false;
        }
    }
    if let Some(status) = req.q("status") {
        if !s.str("status").eq_ignore_ascii_case(status) {
            return false;
        }
    }
    if let Some(f) = req.q("flavor") {
        if s.str("__flavor_id") != f {
            return false;
        }
    }
    if let Some(i) = req.q("image") {
        if s.v["image"]["id"].as_str() != Some(i) {
            return false;
        }
    }
    true
}

fn list_servers(st: &State, req: &Req, ctx: &Ctx, detail: bool, mv: (u32, u32)) -> Resp {
    let limit = match req.limit() {
        Ok(l) => l,
        Err(e) => return nova_fault(400, e),
    };
    let all_tenants = ctx.is_admin
        && req
            .q("all_tenants")
            .is_some_and(|v| v.is_empty() || v == "1" || v.eq_ignore_ascii_case("true"));
    let filtered: Vec<&Rec> = st
        .servers
        .iter()
        .rev()
        .filter(|s| all_tenants || s.project_id == ctx.project_id)
        .filter(|s| server_matches(s, req))
        .collect();
    let start = match req.q("marker") {
        None => 0,
        Some(m) => match filtered.iter().position(|s| s.id() == m) {
            Some(p) => p + 1,
            None => return nova_fault(400, format!("marker [{m}] not found")),
        },
    };
    let rest = &filtered[start.min(filtered.len())..];
    let take = limit.unwrap_or(1000).min(1000);
    let page: Vec<&Rec> = rest.iter().take(take).copied().collect();
    let list: Vec<Value> = page.iter().map(|s| render(st, s, mv, detail)).collect();
    let mut body = json!({ "servers": list });
    if page.len() == take && take > 0 {
        if let Some(last) = page.last() {
            let path = if detail { "servers/detail" } else { "servers" };
            let mut q: Vec<String> = req
                .query
                .iter()
                .filter(|(k, _)| k != "marker" && k != "limit")
                .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
                .collect();
            q.insert(0, format!("limit={take}"));
            q.push(format!("marker={}", last.id()));
            body["servers_links"] = json!([{"rel": "next", "href": format!("{}/compute/v2.1/{path}?{}", st.base, q.join("&"))}]);
        }
    }
    Resp::json(200, &body)
}

fn create_server(st: &mut State, req: &Req, ctx: &Ctx, mv: (u32, u32)) -> Resp {
    let Some(body) = req.json() else {
        return nova_fault(400, "The request body is not valid JSON.");
    };
    let Some(s) = body.get("server").and_then(Value::as_object) else {
        return nova_fault(400, "Invalid input for field/attribute server. Value: missing. 'server' is a required property");
    };
    let name = match s.get("name").and_then(Value::as_str) {
        Some(n) if !n.trim().is_empty() && n.len() <= 255 => n.to_owned(),
        _ => return nova_fault(400, "Invalid input for field/attribute name. 'name' is a required property and must be a non-empty string"),
    };
    let flavor_ref = s
        .get("flavorRef")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let flavor_id = flavor_ref.rsplit('/').next().unwrap_or_default().to_owned();
    if !st.flavors.iter().any(|f| f["id"] == flavor_id.as_str()) {
        return nova_fault(400, format!("Flavor {flavor_ref} could not be found."));
    }
    let image_ref = s
        .get("imageRef")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let image_id = image_ref.rsplit('/').next().unwrap_or_default().to_owned();
    if !image_id.is_empty() && !st.images.iter().any(|i| i.id() == image_id) {
        return nova_fault(400, format!("Image {image_ref} could not be found."));
    }
    if image_id.is_empty() && s.get("block_device_mapping_v2").is_none() {
        return nova_fault(400, "Block Device Mapping is Invalid: Boot sequence for the instance and image/block device mapping combination is not valid.");
    }
    let key_name = s.get("key_name").and_then(Value::as_str);
    if let Some(k) = key_name {
        if !st
            .keypairs
            .iter()
            .any(|(u, kp)| *u == ctx.user_id && kp["name"] == k)
        {
            return nova_fault(400, "Invalid key_name provided.");
        }
    }
    let mut metadata = Map::new();
    if let Some(m) = s.get("metadata") {
        let Some(m) = m.as_object() else {
            return nova_fault(400, "Invalid input for field/attribute metadata.");
        };
        for (k, v) in m {
            let Some(v) = v.as_str() else {
                return nova_fault(400, format!("Invalid input for field/attribute metadata. Value: {k}. is not of type 'string'"));
            };
            metadata.insert(k.clone(), json!(v));
        }
    }
    // Networks: "auto", "none", a list, or (before 2.37) absent.
    let id = uuid();
    let mut nets: Vec<(Option<String>, Option<String>, Option<String>)> = Vec::new();
    match s.get("networks") {
        Some(Value::String(n)) if n == "none" => {}
        Some(Value::String(n)) if n == "auto" => nets.push((None, None, None)),
        Some(Value::Array(list)) => {
            for n in list {
                nets.push((
                    n.get("uuid").and_then(Value::as_str).map(str::to_owned),
                    n.get("port").and_then(Value::as_str).map(str::to_owned),
                    n.get("fixed_ip").and_then(Value::as_str).map(str::to_owned),
                ));
            }
        }
        None if mv < (2, 37) => nets.push((None, None, None)),
        None => {
            return nova_fault(
                400,
                "Invalid input for field/attribute server. 'networks' is a required property",
            )
        }
        Some(_) => return nova_fault(400, "Invalid input for field/attribute networks."),
    }
    let mut addresses = Map::new();
    for (net, port, fixed) in nets {
        let port_id = match port {
            Some(p) => {
                let Some(port) = st.coll("ports").iter_mut().find(|x| x["id"] == p.as_str()) else {
                    return nova_fault(400, format!("Port id {p} could not be found."));
                };
                if !port["device_id"].as_str().unwrap_or_default().is_empty() {
                    return nova_fault(409, format!("Port {p} is still in use."));
                }
                p
            }
            None => {
                let net_id = match net {
                    Some(n) => n,
                    None => match crate::network::default_network(st, &ctx.project_id) {
                        Some(n) => n,
                        None if s.get("networks").is_none() => continue,
                        None => {
                            return nova_fault(400, "No valid network found for auto allocation.")
                        }
                    },
                };
                match crate::network::create_port_for(
                    st,
                    &ctx.project_id,
                    &net_id,
                    fixed.as_deref(),
                ) {
                    Ok(p) => p,
                    Err(msg) => return nova_fault(400, msg),
                }
            }
        };
        let ports = st.coll("ports");
        let Some(port) = ports.iter_mut().find(|x| x["id"] == port_id.as_str()) else {
            continue;
        };
        port["device_id"] = json!(id);
        port["device_owner"] = json!("compute:nova");
        port["status"] = json!("ACTIVE");
        let net_id = port["network_id"].as_str().unwrap_or_default().to_owned();
        let mac = port["mac_address"].clone();
        let ips: Vec<String> = port["fixed_ips"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|f| f["ip_address"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default();
        let net_name = st
            .coll("networks")
            .iter()
            .find(|n| n["id"] == net_id.as_str())
            .and_then(|n| n["name"].as_str().map(str::to_owned))
            .unwrap_or(net_id);
        let entry = addresses.entry(net_name).or_insert_with(|| json!([]));
        if let Some(a) = entry.as_array_mut() {
            for ip in ips {
                a.push(json!({"addr": ip, "version": 4, "OS-EXT-IPS:type": "fixed", "OS-EXT-IPS-MAC:mac_addr": mac}));
            }
        }
    }
    let sgs: Vec<Value> = match s.get("security_groups").and_then(Value::as_array) {
        Some(list) => list
            .iter()
            .map(|g| json!({"name": g.get("name").cloned().unwrap_or(json!("default"))}))
            .collect(),
        None => vec![json!({"name": "default"})],
    };
    let instance = st.next_instance;
    st.next_instance += 1;
    let now = now_iso();
    let image = if image_id.is_empty() {
        json!("")
    } else {
        json!({"id": image_id, "links": [{"rel": "bookmark", "href": format!("{}/compute/images/{image_id}", st.base)}]})
    };
    let az = s
        .get("availability_zone")
        .and_then(Value::as_str)
        .unwrap_or("nova")
        .to_owned();
    let host_id = hex::encode(md5::Md5::digest(format!("{}host1", ctx.project_id)));
    let mut v = json!({
        "id": id, "name": name, "tenant_id": ctx.project_id, "user_id": ctx.user_id,
        "metadata": metadata, "hostId": host_id, "image": image, "created": now, "updated": now,
        "addresses": addresses, "accessIPv4": s.get("accessIPv4").cloned().unwrap_or(json!("")),
        "accessIPv6": s.get("accessIPv6").cloned().unwrap_or(json!("")), "key_name": key_name,
        "config_drive": if s.get("config_drive").and_then(Value::as_bool) == Some(true) { "True" } else { "" },
        "OS-DCF:diskConfig": s.get("OS-DCF:diskConfig").cloned().unwrap_or(json!("MANUAL")),
        "OS-EXT-AZ:availability_zone": az, "OS-EXT-SRV-ATTR:host": "emulator-host",
        "OS-EXT-SRV-ATTR:hypervisor_hostname": "fake-mini",
        "OS-EXT-SRV-ATTR:instance_name": format!("instance-{instance:08x}"),
        "OS-EXT-SRV-ATTR:reservation_id": format!("r-{}", &uuid()[..8]),
        "OS-EXT-SRV-ATTR:launch_index": 0, "OS-EXT-SRV-ATTR:hostname": name.to_lowercase().replace(|c: char| !c.is_ascii_alphanumeric(), "-"),
        "OS-EXT-SRV-ATTR:kernel_id": "", "OS-EXT-SRV-ATTR:ramdisk_id": "",
        "OS-EXT-SRV-ATTR:root_device_name": "/dev/vda", "OS-EXT-SRV-ATTR:user_data": s.get("user_data").cloned().unwrap_or(Value::Null),
        "os-extended-volumes:volumes_attached": [], "OS-SRV-USG:launched_at": null,
        "OS-SRV-USG:terminated_at": null, "progress": 0, "security_groups": sgs,
        "locked": false, "locked_reason": null, "host_status": "UP",
        "description": s.get("description").cloned().unwrap_or(Value::Null),
        "tags": s.get("tags").cloned().unwrap_or(json!([])), "trusted_image_certificates": null,
        "server_groups": [], "pinned_availability_zone": null,
        "__flavor_id": flavor_id,
    });
    merge(&mut v, status_patch("BUILD"));
    let mut rec = Rec::new(v, &ctx.project_id);
    let mut active = status_patch("ACTIVE");
    active["OS-SRV-USG:launched_at"] =
        json!(now_iso().trim_end_matches('Z').to_owned() + ".000000");
    active["progress"] = json!(100);
    rec.later(st.cfg.server_build_delay, active);
    st.servers.push(rec);
    let admin_pass = s
        .get("adminPass")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .unwrap_or_else(|| uuid()[..12].replace('-', "x"));
    let mut out = json!({"id": id, "links": self_links(st, "servers", &id),
                         "OS-DCF:diskConfig": "MANUAL", "security_groups": sgs, "adminPass": admin_pass});
    if s.get("return_reservation_id").and_then(Value::as_bool) == Some(true) {
        out = json!({"reservation_id": format!("r-{}", &uuid()[..8])});
        return Resp::json(202, &out);
    }
    Resp::json(202, &json!({ "server": out })).header(
        "location",
        &format!("{}/compute/v2.1/servers/{id}", st.base),
    )
}

fn update_server(st: &mut State, req: &Req, ctx: &Ctx, id: &str, mv: (u32, u32)) -> Resp {
    let Some(i) = find_server(st, ctx, id) else {
        return not_found_server(id);
    };
    let Some(s) = req
        .json()
        .and_then(|b| b.get("server").cloned())
        .filter(Value::is_object)
    else {
        return nova_fault(
            400,
            "Invalid input for field/attribute server. 'server' is a required property",
        );
    };
    let mut patch = Map::new();
    for k in [
        "name",
        "accessIPv4",
        "accessIPv6",
        "description",
        "OS-DCF:diskConfig",
    ] {
        if let Some(v) = s.get(k) {
            if k == "name" && v.as_str().is_none_or(|n| n.trim().is_empty()) {
                return nova_fault(400, "Invalid input for field/attribute name.");
            }
            patch.insert(k.to_owned(), v.clone());
        }
    }
    patch.insert("updated".into(), json!(now_iso()));
    st.servers[i].set(Value::Object(patch));
    Resp::json(
        200,
        &json!({"server": render(st, &st.servers[i], mv, true)}),
    )
}

fn delete_server(st: &mut State, ctx: &Ctx, id: &str) -> Resp {
    let Some(i) = find_server(st, ctx, id) else {
        return not_found_server(id);
    };
    if st.servers[i].v["locked"] == true && !ctx.is_admin {
        return nova_fault(409, format!("Instance {id} is locked"));
    }
    if st.servers[i].str("status") == "DELETED" {
        return Resp::new(204);
    }
    let delay = st.cfg.deleted_phase;
    let rec = &mut st.servers[i];
    rec.pending.clear();
    let mut patch = status_patch("DELETED");
    patch["OS-EXT-STS:task_state"] = json!("deleting");
    patch["OS-SRV-USG:terminated_at"] = json!(now_iso());
    rec.set(patch);
    rec.later(delay, json!({"__gone": true}));
    // Detach the server's volumes.
    for v in st.volumes.iter_mut() {
        let attached = v.v["attachments"]
            .as_array()
            .is_some_and(|a| a.iter().any(|x| x["server_id"] == id));
        if attached {
            v.set(json!({"status": "available", "attachments": [], "updated_at": now_iso()}));
        }
    }
    // Release the server's ports.
    let ports = st.coll("ports");
    ports.retain(|p| !(p["device_id"] == id && p["device_owner"] == "compute:nova"));
    Resp::new(204)
}

fn conflict(id: &str, action: &str, status: &str, vm_state: &str) -> Resp {
    let _ = status;
    nova_fault(
        409,
        format!("Cannot '{action}' instance {id} while it is in vm_state {vm_state}"),
    )
}

fn action(st: &mut State, req: &Req, ctx: &Ctx, id: &str, mv: (u32, u32)) -> Resp {
    let Some(i) = find_server(st, ctx, id) else {
        return not_found_server(id);
    };
    let Some(body) = req.json().and_then(|b| b.as_object().cloned()) else {
        return nova_fault(400, "Malformed request body");
    };
    let Some((name, arg)) = body.into_iter().next() else {
        return nova_fault(400, "Malformed request body: no action given");
    };
    let status = st.servers[i].str("status").to_owned();
    let vm_state = st.servers[i].str("OS-EXT-STS:vm_state").to_owned();
    let task = st.servers[i].v["OS-EXT-STS:task_state"].clone();
    let locked = st.servers[i].v["locked"] == true;
    if locked && !ctx.is_admin && name != "unlock" && name != "lock" {
        return nova_fault(409, format!("Instance {id} is locked"));
    }
    if !task.is_null() && name != "lock" && name != "unlock" {
        return nova_fault(
            409,
            format!(
                "Cannot '{name}' instance {id} while it is in task_state {}",
                task.as_str().unwrap_or_default()
            ),
        );
    }
    let delay = st.cfg.server_build_delay;
    let allowed = |ok: &[&str]| ok.contains(&status.as_str());
    let base = st.base.clone();
    let rec = &mut st.servers[i];
    let go = |rec: &mut Rec, now: &str, later: Option<&str>| {
        rec.set(status_patch(now));
        if let Some(l) = later {
            rec.later(delay, status_patch(l));
        }
    };
    match name.as_str() {
        "os-start" if allowed(&["SHUTOFF"]) => go(rec, "ACTIVE", None),
        "os-stop" if allowed(&["ACTIVE", "ERROR"]) => go(rec, "SHUTOFF", None),
        "reboot" => {
            let hard = arg
                .get("type")
                .and_then(Value::as_str)
                .is_some_and(|t| t.eq_ignore_ascii_case("HARD"));
            if arg.get("type").is_none() {
                return nova_fault(
                    400,
                    "Invalid input for field/attribute reboot. 'type' is a required property",
                );
            }
            if hard && allowed(&["ACTIVE", "SHUTOFF", "PAUSED", "SUSPENDED", "ERROR"]) {
                go(rec, "HARD_REBOOT", Some("ACTIVE"));
            } else if !hard && allowed(&["ACTIVE"]) {
                go(rec, "REBOOT", Some("ACTIVE"));
            } else {
                return conflict(id, "reboot", &status, &vm_state);
            }
        }
        "pause" if allowed(&["ACTIVE"]) => go(rec, "PAUSED", None),
        "unpause" if allowed(&["PAUSED"]) => go(rec, "ACTIVE", None),
        "suspend" if allowed(&["ACTIVE", "SHUTOFF"]) => go(rec, "SUSPENDED", None),
        "resume" if allowed(&["SUSPENDED"]) => go(rec, "ACTIVE", None),
        "lock" => {
            let reason = arg.get("locked_reason").cloned().unwrap_or(Value::Null);
            rec.set(json!({"locked": true, "locked_reason": reason}));
        }
        "unlock" => rec.set(json!({"locked": false, "locked_reason": null})),
        "resize" if allowed(&["ACTIVE", "SHUTOFF"]) => {
            let fref = arg
                .get("flavorRef")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let fid = fref.rsplit('/').next().unwrap_or_default().to_owned();
            let old = rec.str("__flavor_id").to_owned();
            if fid == old {
                return nova_fault(400, "When resizing, instances must change flavor!");
            }
            if !st.flavors.iter().any(|f| f["id"] == fid.as_str()) {
                return nova_fault(400, format!("Flavor {fref} could not be found."));
            }
            let rec = &mut st.servers[i];
            rec.set(status_patch("RESIZE"));
            rec.set(json!({"__flavor_id": fid, "__old_flavor": old, "__pre_resize": status}));
            rec.later(delay, status_patch("VERIFY_RESIZE"));
        }
        "confirmResize" if allowed(&["VERIFY_RESIZE"]) => {
            let back = if rec.str("__pre_resize") == "SHUTOFF" {
                "SHUTOFF"
            } else {
                "ACTIVE"
            };
            go(rec, back, None);
        }
        "revertResize" if allowed(&["VERIFY_RESIZE"]) => {
            let old = rec.v["__old_flavor"].clone();
            let back = if rec.str("__pre_resize") == "SHUTOFF" {
                "SHUTOFF"
            } else {
                "ACTIVE"
            };
            go(rec, "REVERT_RESIZE", Some(back));
            rec.set(json!({ "__flavor_id": old }));
        }
        "rebuild" if allowed(&["ACTIVE", "SHUTOFF", "ERROR"]) => {
            let iref = arg
                .get("imageRef")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let iid = iref.rsplit('/').next().unwrap_or_default().to_owned();
            if !st.images.iter().any(|i| i.id() == iid) {
                return nova_fault(400, format!("Image {iref} could not be found."));
            }
            let back = if status == "SHUTOFF" {
                "SHUTOFF"
            } else {
                "ACTIVE"
            };
            let rec = &mut st.servers[i];
            rec.set(status_patch("REBUILD"));
            let mut patch = json!({"image": {"id": iid, "links": [{"rel": "bookmark", "href": format!("{base}/compute/images/{iid}")}]}});
            for k in [
                "name",
                "accessIPv4",
                "accessIPv6",
                "description",
                "OS-DCF:diskConfig",
                "key_name",
            ] {
                if let Some(v) = arg.get(k) {
                    patch[k] = v.clone();
                }
            }
            if let Some(m) = arg.get("metadata").filter(|m| m.is_object()) {
                patch["metadata"] = m.clone();
            }
            rec.set(patch);
            rec.later(delay, status_patch(back));
            let mut out = render(st, &st.servers[i], mv, true);
            out["adminPass"] = json!(arg
                .get("adminPass")
                .and_then(Value::as_str)
                .map(str::to_owned)
                .unwrap_or_else(|| uuid()[..12].to_owned()));
            return Resp::json(202, &json!({ "server": out }));
        }
        "rescue" if allowed(&["ACTIVE", "SHUTOFF", "ERROR"]) => {
            go(rec, "RESCUE", None);
            let pass = arg
                .get("adminPass")
                .and_then(Value::as_str)
                .map(str::to_owned)
                .unwrap_or_else(|| uuid()[..12].to_owned());
            return Resp::json(200, &json!({ "adminPass": pass }));
        }
        "unrescue" if allowed(&["RESCUE"]) => go(rec, "ACTIVE", None),
        "shelve" | "shelveOffload"
            if allowed(&[
                "ACTIVE",
                "SHUTOFF",
                "PAUSED",
                "SUSPENDED",
                "SHELVED_OFFLOADED",
            ]) =>
        {
            go(rec, "SHELVED_OFFLOADED", None);
        }
        "unshelve" if allowed(&["SHELVED_OFFLOADED"]) => go(rec, "ACTIVE", None),
        "changePassword" if allowed(&["ACTIVE"]) => {
            if arg.get("adminPass").and_then(Value::as_str).is_none() {
                return nova_fault(400, "Invalid input for field/attribute changePassword. 'adminPass' is a required property");
            }
        }
        "os-resetState" => {
            if !ctx.is_admin {
                return nova_fault(403, "Policy doesn't allow os_compute_api:os-admin-actions:reset_state to be performed.");
            }
            let target = match arg.get("state").and_then(Value::as_str) {
                Some("active") => "ACTIVE",
                Some("error") => "ERROR",
                _ => return nova_fault(400, "Invalid input for field/attribute state."),
            };
            rec.pending.clear();
            go(rec, target, None);
        }
        "createImage" if allowed(&["ACTIVE", "SHUTOFF", "PAUSED", "SUSPENDED"]) => {
            let Some(img_name) = arg
                .get("name")
                .and_then(Value::as_str)
                .filter(|n| !n.is_empty())
            else {
                return nova_fault(400, "Invalid input for field/attribute name.");
            };
            let source = rec.v["image"]["id"].as_str().map(str::to_owned);
            let project = rec.project_id.clone();
            let img_id = uuid();
            let mut img = image_value(&img_id, img_name, &project);
            merge(
                &mut img,
                json!({"disk_format": "qcow2", "container_format": "bare", "status": "saving",
                                   "image_type": "snapshot", "instance_uuid": id, "base_image_ref": source}),
            );
            if let Some(meta) = arg.get("metadata").and_then(Value::as_object) {
                for (k, v) in meta {
                    img[k] = v.clone();
                }
            }
            let data = source
                .and_then(|s| st.image_data.get(&s).cloned())
                .unwrap_or_else(|| bytes::Bytes::from_static(b"snapshot (emulated)\n"));
            let mut done = img.clone();
            crate::state::set_image_data(&mut done, &data);
            let mut r = Rec::new(img, &project);
            r.later(delay, done);
            st.image_data.insert(img_id.clone(), data);
            st.images.push(r);
            let loc = format!("{base}/image/v2/images/{img_id}");
            let resp = if mv >= (2, 45) {
                Resp::json(202, &json!({ "image_id": img_id }))
            } else {
                Resp::new(202)
            };
            return resp.header("location", &loc);
        }
        "os-start" | "os-stop" | "pause" | "unpause" | "suspend" | "resume" | "resize"
        | "confirmResize" | "revertResize" | "createImage" | "rebuild" | "rescue" | "unrescue"
        | "shelve" | "shelveOffload" | "unshelve" | "changePassword" => {
            return conflict(id, &name, &status, &vm_state);
        }
        other => return nova_fault(400, format!("There is no such action: {other}")),
    }
    Resp::new(202)
}

fn metadata(st: &mut State, req: &Req, ctx: &Ctx, id: &str, rest: &[&str]) -> Resp {
    let Some(i) = find_server(st, ctx, id) else {
        return not_found_server(id);
    };
    let rec = &mut st.servers[i];
    let string_map = |v: Option<&Value>| -> Option<Map<String, Value>> {
        let m = v?.as_object()?;
        m.values().all(Value::is_string).then(|| m.clone())
    };
    match (req.method.as_str(), rest) {
        ("GET", []) => Resp::json(200, &json!({"metadata": rec.v["metadata"]})),
        ("PUT" | "POST", []) => {
            let Some(m) = string_map(req.json().as_ref().and_then(|b| b.get("metadata"))) else {
                return nova_fault(400, "Invalid input for field/attribute metadata.");
            };
            if req.method == http::Method::PUT {
                rec.v["metadata"] = Value::Object(m);
            } else if let Some(cur) = rec.v["metadata"].as_object_mut() {
                cur.extend(m);
            }
            Resp::json(200, &json!({"metadata": rec.v["metadata"]}))
        }
        ("GET", [key]) => match rec.v["metadata"].get(*key) {
            Some(v) => Resp::json(200, &json!({"meta": { *key: v }})),
            None => nova_fault(404, "Metadata item was not found"),
        },
        ("PUT", [key]) => {
            let Some(m) = string_map(req.json().as_ref().and_then(|b| b.get("meta"))) else {
                return nova_fault(400, "Invalid input for field/attribute meta.");
            };
            if m.len() != 1 || !m.contains_key(*key) {
                return nova_fault(400, "Request body and URI mismatch");
            }
            if let Some(cur) = rec.v["metadata"].as_object_mut() {
                cur.extend(m.clone());
            }
            Resp::json(200, &json!({ "meta": m }))
        }
        ("DELETE", [key]) => match rec.v["metadata"]
            .as_object_mut()
            .and_then(|m| m.remove(*key))
        {
            Some(_) => Resp::new(204),
            None => nova_fault(404, "Metadata item was not found"),
        },
        _ => nova_fault(405, "Method not allowed"),
    }
}

fn create_keypair(st: &mut State, req: &Req, ctx: &Ctx, mv: (u32, u32)) -> Resp {
    let Some(k) = req.json().and_then(|b| b.get("keypair").cloned()) else {
        return nova_fault(
            400,
            "Invalid input for field/attribute keypair. 'keypair' is a required property",
        );
    };
    let name = match k.get("name").and_then(Value::as_str) {
        Some(n)
            if !n.is_empty()
                && n.len() <= 255
                && n.chars()
                    .all(|c| c.is_ascii_alphanumeric() || " _-.@".contains(c)) =>
        {
            n.to_owned()
        }
        _ => {
            return nova_fault(
                400,
                "Keypair data is invalid: Keypair name contains unsafe characters",
            )
        }
    };
    if st
        .keypairs
        .iter()
        .any(|(u, kp)| *u == ctx.user_id && kp["name"] == name.as_str())
    {
        return nova_fault(409, format!("Key pair '{name}' already exists."));
    }
    if mv >= (2, 92) && k.get("public_key").and_then(Value::as_str).is_none() {
        // Nova stopped generating key pairs at 2.92.
        return nova_fault(
            400,
            "Invalid input for field/attribute keypair. 'public_key' is a required property",
        );
    }
    let kind = k
        .get("type")
        .and_then(Value::as_str)
        .unwrap_or("ssh")
        .to_owned();
    let b64 = base64::engine::general_purpose::STANDARD;
    let (public, private) = match k.get("public_key").and_then(Value::as_str) {
        Some(p) => {
            let mut parts = p.split_whitespace();
            let ok = parts
                .next()
                .is_some_and(|t| t.starts_with("ssh-") || t.starts_with("ecdsa-"))
                && parts.next().is_some_and(|d| b64.decode(d).is_ok());
            if !ok && kind == "ssh" {
                return nova_fault(
                    400,
                    "Keypair data is invalid: failed to generate fingerprint",
                );
            }
            (p.to_owned(), None)
        }
        None => {
            let mut blob =
                b"\x00\x00\x00\x07ssh-rsa\x00\x00\x00\x03\x01\x00\x01\x00\x00\x01\x01\x00".to_vec();
            blob.extend((0..256).map(|_| fastrand::u8(..)));
            let public = format!("ssh-rsa {} Generated-by-Nova", b64.encode(&blob));
            let mut der = vec![0x30, 0x82, 0x04, 0xa4];
            der.extend((0..1190).map(|_| fastrand::u8(..)));
            let body = b64.encode(&der);
            let lines: Vec<&str> = body
                .as_bytes()
                .chunks(64)
                .filter_map(|c| std::str::from_utf8(c).ok())
                .collect();
            let private = format!(
                "-----BEGIN RSA PRIVATE KEY-----\n{}\n-----END RSA PRIVATE KEY-----\n",
                lines.join("\n")
            );
            (public, Some(private))
        }
    };
    let blob = public
        .split_whitespace()
        .nth(1)
        .and_then(|d| b64.decode(d).ok())
        .unwrap_or_default();
    let digest = md5::Md5::digest(&blob);
    let fingerprint: Vec<String> = digest.iter().map(|b| format!("{b:02x}")).collect();
    let stored = json!({"name": name, "public_key": public, "fingerprint": fingerprint.join(":"),
                        "type": kind, "user_id": ctx.user_id, "id": st.keypairs.len() + 1,
                        "created_at": now_iso(), "updated_at": null, "deleted": false, "deleted_at": null});
    st.keypairs.push((ctx.user_id.clone(), stored));
    let mut out = json!({"name": name, "public_key": public, "fingerprint": fingerprint.join(":"), "user_id": ctx.user_id});
    if mv >= (2, 2) {
        out["type"] = json!(kind);
    }
    if let Some(p) = private {
        out["private_key"] = json!(p);
    }
    Resp::json(
        if mv >= (2, 2) { 201 } else { 200 },
        &json!({ "keypair": out }),
    )
}

fn attachment_json(
    server: &str,
    volume: &str,
    device: &str,
    attachment_id: &str,
    mv: (u32, u32),
) -> Value {
    let mut a = json!({"id": volume, "serverId": server, "volumeId": volume, "device": device});
    if mv >= (2, 70) {
        a["tag"] = Value::Null;
    }
    if mv >= (2, 79) {
        a["delete_on_termination"] = json!(false);
    }
    if mv >= (2, 89) {
        a["attachment_id"] = json!(attachment_id);
        a["bdm_uuid"] = json!(attachment_id);
        if let Some(o) = a.as_object_mut() {
            o.remove("id");
        }
    }
    a
}

/// `servers/{id}/os-volume_attachments[/{volume_id}]`: attaches Cinder volumes.
fn volume_attachments(
    st: &mut State,
    req: &Req,
    ctx: &Ctx,
    id: &str,
    rest: &[&str],
    mv: (u32, u32),
) -> Resp {
    let Some(i) = find_server(st, ctx, id) else {
        return not_found_server(id);
    };
    let attached = |st: &State| -> Vec<Value> {
        st.volumes
            .iter()
            .flat_map(|v| v.v["attachments"].as_array().cloned().unwrap_or_default())
            .filter(|a| a["server_id"] == id)
            .collect()
    };
    match (req.method.as_str(), rest) {
        ("GET", []) => {
            let list: Vec<Value> = attached(st)
                .iter()
                .map(|a| {
                    attachment_json(
                        id,
                        a["volume_id"].as_str().unwrap_or_default(),
                        a["device"].as_str().unwrap_or_default(),
                        a["attachment_id"].as_str().unwrap_or_default(),
                        mv,
                    )
                })
                .collect();
            Resp::json(200, &json!({ "volumeAttachments": list }))
        }
        ("GET", [vol]) => match attached(st).iter().find(|a| a["volume_id"] == *vol) {
            Some(a) => Resp::json(
                200,
                &json!({"volumeAttachment": attachment_json(id, vol, a["device"].as_str().unwrap_or_default(), a["attachment_id"].as_str().unwrap_or_default(), mv)}),
            ),
            None => nova_fault(404, format!("volume_id not found: {vol}")),
        },
        ("POST", []) => {
            let Some(body) = req.json().and_then(|b| b.get("volumeAttachment").cloned()) else {
                return nova_fault(400, "Invalid input for field/attribute volumeAttachment. 'volumeAttachment' is a required property");
            };
            let Some(vol) = body
                .get("volumeId")
                .and_then(Value::as_str)
                .map(str::to_owned)
            else {
                return nova_fault(
                    400,
                    "Invalid input for field/attribute volumeId. 'volumeId' is a required property",
                );
            };
            let status = st.servers[i].str("status").to_owned();
            if !matches!(
                status.as_str(),
                "ACTIVE" | "SHUTOFF" | "PAUSED" | "SUSPENDED"
            ) {
                return conflict(
                    id,
                    "attach_volume",
                    &status,
                    st.servers[i].str("OS-EXT-STS:vm_state"),
                );
            }
            let count = attached(st).len();
            let Some(v) = st
                .volumes
                .iter_mut()
                .find(|v| v.id() == vol && (ctx.is_admin || v.project_id == ctx.project_id))
            else {
                return nova_fault(404, format!("Volume {vol} could not be found."));
            };
            if v.str("status") != "available" {
                return nova_fault(400, format!("Invalid volume: volume {vol} status must be 'available'. Currently in '{}'", v.str("status")));
            }
            let device = body
                .get("device")
                .and_then(Value::as_str)
                .map(str::to_owned)
                .unwrap_or_else(|| format!("/dev/vd{}", char::from(b'b' + (count as u8).min(24))));
            let attachment_id = uuid();
            v.set(
                json!({"status": "in-use", "updated_at": now_iso(), "attachments": [{
                "server_id": id, "attachment_id": attachment_id, "attached_at": now_iso(),
                "host_name": "emulator-host", "volume_id": vol, "device": device, "id": vol}]}),
            );
            let vols: Vec<Value> = attached(st)
                .iter()
                .map(|a| json!({"id": a["volume_id"], "delete_on_termination": false}))
                .collect();
            st.servers[i].set(json!({ "os-extended-volumes:volumes_attached": vols }));
            // The attach response keeps `id` at every microversion (GETs drop it from 2.89).
            let mut a = attachment_json(id, &vol, &device, &attachment_id, mv);
            a["id"] = json!(vol);
            Resp::json(200, &json!({ "volumeAttachment": a }))
        }
        ("DELETE", [vol]) => {
            let Some(v) = st.volumes.iter_mut().find(|v| {
                v.id() == *vol
                    && v.v["attachments"]
                        .as_array()
                        .is_some_and(|a| a.iter().any(|x| x["server_id"] == id))
            }) else {
                return nova_fault(404, format!("volume_id not found: {vol}"));
            };
            v.set(json!({"status": "available", "attachments": [], "updated_at": now_iso()}));
            let vols: Vec<Value> = attached(st)
                .iter()
                .map(|a| json!({"id": a["volume_id"], "delete_on_termination": false}))
                .collect();
            st.servers[i].set(json!({ "os-extended-volumes:volumes_attached": vols }));
            Resp::new(202)
        }
        _ => nova_fault(405, "Method not allowed"),
    }
}
