//! Neutron (`/network/v2.0`): networks, subnets (with allocation pools), ports (with fixed IPs
//! allocated from the subnets), security groups and rules, routers (gateway, interfaces) and
//! floating IPs.

use serde_json::{json, Map, Value};

use crate::http::{encode, matches_filters, neutron_error, now_iso, uuid, Req, Resp};
use crate::identity::{authorize, unauthorized};
use crate::state::{Ctx, State};

/// (path segment, collection key, singular key).
const RESOURCES: &[(&str, &str, &str)] = &[
    ("networks", "networks", "network"),
    ("subnets", "subnets", "subnet"),
    ("ports", "ports", "port"),
    ("security-groups", "security_groups", "security_group"),
    (
        "security-group-rules",
        "security_group_rules",
        "security_group_rule",
    ),
    ("routers", "routers", "router"),
    ("floatingips", "floatingips", "floatingip"),
];

/// Parses an IPv4 CIDR (`10.0.0.0/24`) into (network address, prefix); the address must be
/// the network address.
pub(crate) fn parse_cidr(cidr: &str) -> Option<(u32, u8)> {
    let (ip, prefix) = cidr.split_once('/')?;
    let prefix: u8 = prefix.parse().ok().filter(|p| *p <= 32)?;
    let ip = parse_ip(ip)?;
    let mask = if prefix == 0 {
        0
    } else {
        u32::MAX << (32 - u32::from(prefix))
    };
    (ip & mask == ip && prefix <= 30).then_some((ip, prefix))
}

/// Parses a dotted IPv4 address.
pub(crate) fn parse_ip(ip: &str) -> Option<u32> {
    ip.parse::<std::net::Ipv4Addr>().ok().map(u32::from)
}

/// Formats an IPv4 address.
pub(crate) fn ip_to_string(ip: u32) -> String {
    std::net::Ipv4Addr::from(ip).to_string()
}

fn is_v6_cidr(cidr: &str) -> bool {
    cidr.split_once('/').is_some_and(|(ip, p)| {
        ip.parse::<std::net::Ipv6Addr>().is_ok() && p.parse::<u8>().is_ok_and(|p| p <= 128)
    })
}

fn visible(v: &Value, ctx: &Ctx) -> bool {
    ctx.is_admin
        || v["project_id"] == ctx.project_id.as_str()
        || v.get("shared") == Some(&Value::Bool(true))
        || v.get("router:external") == Some(&Value::Bool(true))
}

fn ensure_default_sg(st: &mut State, project: &str) {
    let exists = st
        .coll("security_groups")
        .iter()
        .any(|g| g["project_id"] == project && g["name"] == "default");
    if !exists {
        let id = new_sg(st, project, "default", "Default security group");
        for (eth, dir) in [("IPv4", "ingress"), ("IPv6", "ingress")] {
            let r = rule_value(project, &id, dir, eth, Some(&id));
            st.coll("security_group_rules").push(r);
        }
    }
}

fn new_sg(st: &mut State, project: &str, name: &str, description: &str) -> String {
    let id = uuid();
    let now = now_iso();
    st.coll("security_groups").push(json!({
        "id": id, "name": name, "description": description, "project_id": project,
        "tenant_id": project, "created_at": now, "updated_at": now, "revision_number": 1,
        "tags": [], "stateful": true, "shared": false, "security_group_rules": []}));
    for eth in ["IPv4", "IPv6"] {
        let r = rule_value(project, &id, "egress", eth, None);
        st.coll("security_group_rules").push(r);
    }
    id
}

fn rule_value(project: &str, sg: &str, dir: &str, eth: &str, remote_group: Option<&str>) -> Value {
    let now = now_iso();
    json!({"id": uuid(), "direction": dir, "ethertype": eth, "port_range_max": null,
           "port_range_min": null, "protocol": null, "remote_group_id": remote_group,
           "remote_ip_prefix": null, "remote_address_group_id": null, "normalized_cidr": null,
           "security_group_id": sg, "project_id": project,
           "revision_number": 0, "tags": [], "tenant_id": project, "created_at": now,
           "updated_at": now, "description": "", "belongs_to_default_sg": false})
}

/// The network a server gets when none is named: the project's own, else a shared one.
pub(crate) fn default_network(st: &mut State, project: &str) -> Option<String> {
    let nets = st.coll("networks");
    nets.iter()
        .find(|n| n["project_id"] == project && n["router:external"] != true)
        .or_else(|| {
            nets.iter()
                .find(|n| n["shared"] == true && n["router:external"] != true)
        })
        .and_then(|n| n["id"].as_str().map(str::to_owned))
}

/// The IPs in use on a subnet (ports and the gateway).
fn used_ips(st: &mut State, subnet_id: &str) -> Vec<String> {
    let mut used: Vec<String> = st
        .coll("ports")
        .iter()
        .flat_map(|p| p["fixed_ips"].as_array().cloned().unwrap_or_default())
        .filter(|f| f["subnet_id"] == subnet_id)
        .filter_map(|f| f["ip_address"].as_str().map(str::to_owned))
        .collect();
    if let Some(gw) = st
        .coll("subnets")
        .iter()
        .find(|s| s["id"] == subnet_id)
        .and_then(|s| s["gateway_ip"].as_str().map(str::to_owned))
    {
        used.push(gw);
    }
    used
}

/// Allocates an IP on a subnet (the requested one, or the first free in the pools).
fn allocate(st: &mut State, subnet_id: &str, wanted: Option<&str>) -> Result<String, Resp> {
    let Some(subnet) = st
        .coll("subnets")
        .iter()
        .find(|s| s["id"] == subnet_id)
        .cloned()
    else {
        return Err(neutron_error(
            404,
            "SubnetNotFound",
            format!("Subnet {subnet_id} could not be found."),
        ));
    };
    let used = used_ips(st, subnet_id);
    if let Some(ip) = wanted {
        let cidr = subnet["cidr"].as_str().unwrap_or_default();
        let inside = match (parse_ip(ip), parse_cidr(cidr)) {
            (Some(a), Some((net, p))) => {
                let mask = if p == 0 {
                    0
                } else {
                    u32::MAX << (32 - u32::from(p))
                };
                a & mask == net
            }
            _ => false,
        };
        if !inside {
            return Err(neutron_error(
                400,
                "InvalidIpForSubnet",
                format!("IP address {ip} is not a valid IP for the specified subnet."),
            ));
        }
        if used.iter().any(|u| u == ip) {
            return Err(neutron_error(
                409,
                "IpAddressAlreadyAllocated",
                format!("IP address {ip} already allocated in subnet {subnet_id}"),
            ));
        }
        return Ok(ip.to_owned());
    }
    for pool in subnet["allocation_pools"]
        .as_array()
        .cloned()
        .unwrap_or_default()
    {
        let (Some(start), Some(end)) = (
            pool["start"].as_str().and_then(parse_ip),
            pool["end"].as_str().and_then(parse_ip),
        ) else {
            continue;
        };
        for a in start..=end {
            let s = ip_to_string(a);
            if !used.contains(&s) {
                return Ok(s);
            }
        }
    }
    Err(neutron_error(
        409,
        "IpAddressGenerationFailure",
        format!(
            "No more IP addresses available on network {}.",
            subnet["network_id"].as_str().unwrap_or_default()
        ),
    ))
}

fn port_value(st: &mut State, project: &str, network_id: &str, fixed_ips: Vec<Value>) -> Value {
    let now = now_iso();
    let mac = st.mac();
    let sg = st
        .coll("security_groups")
        .iter()
        .find(|g| g["project_id"] == project && g["name"] == "default")
        .and_then(|g| g["id"].as_str().map(str::to_owned));
    json!({"id": uuid(), "name": "", "network_id": network_id, "project_id": project,
           "tenant_id": project, "admin_state_up": true, "allowed_address_pairs": [],
           "created_at": now, "updated_at": now, "data_plane_status": null, "description": "",
           "device_id": "", "device_owner": "", "dns_assignment": [], "dns_domain": "",
           "dns_name": "", "extra_dhcp_opts": [], "fixed_ips": fixed_ips, "ip_allocation": "immediate",
           "mac_address": mac, "port_security_enabled": true, "revision_number": 1,
           "security_groups": sg.map(|s| vec![s]).unwrap_or_default(), "status": "DOWN", "tags": [],
           "qos_network_policy_id": null, "qos_policy_id": null, "propagate_uplink_status": false,
           "binding:vnic_type": "normal", "binding:host_id": "", "binding:profile": {},
           "binding:vif_type": "unbound", "binding:vif_details": {}, "resource_request": null,
           "pvlan_type": "", "pvlan_community": "", "hardware_offload_type": "", "trusted": null})
}

fn first_v4_subnet(st: &mut State, network_id: &str) -> Option<String> {
    st.coll("subnets")
        .iter()
        .find(|s| s["network_id"] == network_id && s["ip_version"] == 4)
        .and_then(|s| s["id"].as_str().map(str::to_owned))
}

fn fixed_ips_for(
    st: &mut State,
    network_id: &str,
    requested: Option<&Value>,
) -> Result<Vec<Value>, Resp> {
    let mut out = Vec::new();
    match requested.and_then(Value::as_array) {
        Some(list) => {
            for f in list {
                let ip = f.get("ip_address").and_then(Value::as_str);
                let sub = match f.get("subnet_id").and_then(Value::as_str) {
                    Some(s) => s.to_owned(),
                    None => {
                        let found = st
                            .coll("subnets")
                            .iter()
                            .filter(|s| s["network_id"] == network_id)
                            .find(|s| {
                                let (Some(a), Some((net, p))) = (
                                    ip.and_then(parse_ip),
                                    s["cidr"].as_str().and_then(parse_cidr),
                                ) else {
                                    return false;
                                };
                                let mask = if p == 0 {
                                    0
                                } else {
                                    u32::MAX << (32 - u32::from(p))
                                };
                                a & mask == net
                            })
                            .and_then(|s| s["id"].as_str().map(str::to_owned));
                        match found {
                            Some(s) => s,
                            None => return Err(neutron_error(400, "InvalidInput", "Invalid input for operation: fixed_ips need a subnet_id or an ip_address of one of the network's subnets.")),
                        }
                    }
                };
                if st
                    .coll("subnets")
                    .iter()
                    .find(|s| s["id"] == sub.as_str())
                    .is_none_or(|s| s["network_id"] != network_id)
                {
                    return Err(neutron_error(400, "InvalidInput", format!("Invalid input for operation: Failed to create port on network {network_id}, because fixed_ips included invalid subnet {sub}.")));
                }
                let ip = allocate(st, &sub, ip)?;
                out.push(json!({"subnet_id": sub, "ip_address": ip}));
            }
        }
        None => {
            if let Some(sub) = first_v4_subnet(st, network_id) {
                let ip = allocate(st, &sub, None)?;
                out.push(json!({"subnet_id": sub, "ip_address": ip}));
            }
        }
    }
    Ok(out)
}

/// Creates a port for a server; returns its id, or an error message.
pub(crate) fn create_port_for(
    st: &mut State,
    project: &str,
    network_id: &str,
    fixed_ip: Option<&str>,
) -> Result<String, String> {
    if !st.coll("networks").iter().any(|n| n["id"] == network_id) {
        return Err(format!("Network {network_id} could not be found."));
    }
    ensure_default_sg(st, project);
    let requested = fixed_ip.map(|ip| json!([{ "ip_address": ip }]));
    let ips = fixed_ips_for(st, network_id, requested.as_ref())
        .map_err(|_| format!("No valid IP address for network {network_id}."))?;
    let p = port_value(st, project, network_id, ips);
    let id = p["id"].as_str().unwrap_or_default().to_owned();
    st.coll("ports").push(p);
    Ok(id)
}

/// Handles `/network/...`.
pub(crate) fn handle(st: &mut State, req: &Req) -> Resp {
    let segs: Vec<&str> = req.segs.iter().map(String::as_str).collect();
    match segs.as_slice() {
        [] => {
            return Resp::json(
                200,
                &json!({"versions": [{"id": "v2.0", "status": "CURRENT",
                "links": [{"rel": "self", "href": format!("{}/network/v2.0/", st.base)}]}]}),
            )
        }
        ["v2.0", ..] => {}
        _ => return neutron_error(404, "HTTPNotFound", "The resource could not be found."),
    }
    let Some(ctx) = authorize(st, req) else {
        return unauthorized();
    };
    ensure_default_sg(st, &ctx.project_id);
    let rest = &segs[1..];
    let m = req.method.as_str();
    if rest.is_empty() {
        let res: Vec<Value> = RESOURCES
            .iter()
            .map(|(p, c, s)| {
                json!({"name": s, "collection": c,
            "links": [{"rel": "self", "href": format!("{}/network/v2.0/{p}", st.base)}]})
            })
            .collect();
        return Resp::json(200, &json!({ "resources": res }));
    }
    if rest == ["extensions"] {
        let ext: Vec<Value> = ["router", "external-net", "security-group", "extraroute", "standard-attr-tag", "port-security", "allowed-address-pairs", "binding", "quotas", "agent"]
            .iter()
            .map(|a| json!({"alias": a, "name": a, "description": a, "links": [], "updated": "2013-01-01T10:00:00-00:00"}))
            .collect();
        return Resp::json(200, &json!({ "extensions": ext }));
    }
    let Some(&(path, coll, single)) = RESOURCES.iter().find(|(p, _, _)| *p == rest[0]) else {
        return neutron_error(404, "HTTPNotFound", "The resource could not be found.");
    };
    let _ = path;
    match (m, &rest[1..]) {
        ("GET", []) => list(st, req, &ctx, coll, rest[0]),
        ("POST", []) => {
            let Some(body) = req.json() else {
                return neutron_error(400, "HTTPBadRequest", "Resource body required");
            };
            if let Some(items) = body.get(coll).and_then(Value::as_array) {
                // Bulk create.
                let mut out = Vec::new();
                for item in items {
                    match create(st, &ctx, coll, item) {
                        Ok(v) => out.push(v),
                        Err(e) => return e,
                    }
                }
                return Resp::json(201, &json!({ coll: out }));
            }
            let Some(item) = body.get(single).filter(|v| v.is_object()) else {
                return neutron_error(
                    400,
                    "HTTPBadRequest",
                    format!("Unable to find '{single}' in request body"),
                );
            };
            match create(st, &ctx, coll, item) {
                Ok(v) => Resp::json(201, &json!({ single: v })),
                Err(e) => e,
            }
        }
        ("GET", [id]) => match find(st, &ctx, coll, id) {
            Some(v) => Resp::json(200, &json!({ single: select_fields(&v, req) })),
            None => not_found(single, id),
        },
        ("PUT", [id]) => {
            let Some(item) = req
                .json()
                .and_then(|b| b.get(single).cloned())
                .filter(Value::is_object)
            else {
                return neutron_error(
                    400,
                    "HTTPBadRequest",
                    format!("Unable to find '{single}' in request body"),
                );
            };
            update(st, &ctx, coll, single, id, &item)
        }
        ("DELETE", [id]) => delete(st, &ctx, coll, single, id),
        ("PUT", [id, op @ ("add_router_interface" | "remove_router_interface")])
            if coll == "routers" =>
        {
            router_interface(st, req, &ctx, id, op == &"add_router_interface")
        }
        ("GET", [id, "tags"]) => match find(st, &ctx, coll, id) {
            Some(v) => Resp::json(200, &json!({"tags": v["tags"]})),
            None => not_found(single, id),
        },
        ("PUT" | "DELETE", [id, "tags", tag]) => {
            if find(st, &ctx, coll, id).is_none() {
                return not_found(single, id);
            }
            let add = m == "PUT";
            let items = st.coll(coll_static(coll));
            if let Some(v) = items.iter_mut().find(|v| v["id"] == *id) {
                let tags = v["tags"].as_array_mut();
                if let Some(tags) = tags {
                    let has = tags.iter().any(|t| t == *tag);
                    if add && !has {
                        tags.push(json!(tag));
                    } else if !add && !has {
                        return neutron_error(
                            404,
                            "TagNotFound",
                            format!("Tag {tag} could not be found."),
                        );
                    } else if !add {
                        tags.retain(|t| t != *tag);
                    }
                }
            }
            if add {
                Resp::new(201)
            } else {
                Resp::new(204)
            }
        }
        _ => neutron_error(404, "HTTPNotFound", "The resource could not be found."),
    }
}

fn coll_static(coll: &str) -> &'static str {
    RESOURCES
        .iter()
        .find(|(_, c, _)| *c == coll)
        .map(|(_, c, _)| *c)
        .unwrap_or("networks")
}

fn kind_name(single: &str) -> String {
    single
        .split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect::<String>()
        .replace("Floatingip", "FloatingIP")
}

fn not_found(single: &str, id: &str) -> Resp {
    let human = match single {
        "floatingip" => "Floating IP".to_owned(),
        "security_group" => "Security group".to_owned(),
        "security_group_rule" => "Security group rule".to_owned(),
        s => {
            let mut c = s.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        }
    };
    neutron_error(
        404,
        &format!("{}NotFound", kind_name(single)),
        format!("{human} {id} could not be found."),
    )
}

fn with_rules(st: &mut State, mut v: Value) -> Value {
    if v.get("security_group_rules").is_some() {
        let id = v["id"].clone();
        let rules: Vec<Value> = st
            .coll("security_group_rules")
            .iter()
            .filter(|r| r["security_group_id"] == id)
            .cloned()
            .collect();
        v["security_group_rules"] = Value::Array(rules);
    }
    v
}

fn find(st: &mut State, ctx: &Ctx, coll: &str, id: &str) -> Option<Value> {
    let v = st
        .coll(coll_static(coll))
        .iter()
        .find(|v| v["id"] == id && visible(v, ctx))
        .cloned()?;
    Some(with_rules(st, v))
}

fn select_fields(v: &Value, req: &Req) -> Value {
    let fields: Vec<&str> = req
        .query
        .iter()
        .filter(|(k, _)| k == "fields")
        .map(|(_, v)| v.as_str())
        .collect();
    if fields.is_empty() {
        return v.clone();
    }
    let mut out = Map::new();
    for f in fields {
        if let Some(x) = v.get(f) {
            out.insert(f.to_owned(), x.clone());
        }
    }
    Value::Object(out)
}

fn list(st: &mut State, req: &Req, ctx: &Ctx, coll: &str, path: &str) -> Resp {
    let limit = match req.limit() {
        Ok(l) => l.filter(|l| *l > 0),
        Err(e) => return neutron_error(400, "BadRequest", e),
    };
    let filters: Vec<(String, String)> = req
        .query
        .iter()
        .filter(|(k, _)| {
            !matches!(
                k.as_str(),
                "limit"
                    | "marker"
                    | "fields"
                    | "sort_key"
                    | "sort_dir"
                    | "page_reverse"
                    | "tags"
                    | "tags-any"
                    | "not-tags"
                    | "not-tags-any"
            )
        })
        .cloned()
        .collect();
    let items: Vec<Value> = st
        .coll(coll_static(coll))
        .clone()
        .into_iter()
        .filter(|v| visible(v, ctx))
        .filter(|v| matches_filters(v, &filters))
        .filter(|v| {
            req.q("tags").is_none_or(|t| {
                t.split(',').all(|t| {
                    v["tags"]
                        .as_array()
                        .is_some_and(|a| a.iter().any(|x| x == t))
                })
            })
        })
        .collect();
    let (page, more) = match crate::http::paginate(&items, "id", req.q("marker"), limit) {
        Ok(p) => p,
        Err(_) => {
            return not_found(&coll[..coll.len() - 1], req.q("marker").unwrap_or_default());
        }
    };
    let page: Vec<Value> = page.into_iter().cloned().collect();
    let out: Vec<Value> = page
        .into_iter()
        .map(|v| select_fields(&with_rules(st, v), req))
        .collect();
    let mut body = json!({ coll: out });
    let mut links = Vec::new();
    if let (true, Some(l), Some(last)) = (more, limit, out.last()) {
        links.push(json!({"rel": "next", "href": format!("{}/network/v2.0/{path}?limit={l}&marker={}", st.base, encode(last["id"].as_str().unwrap_or_default()))}));
    }
    if let (Some(l), Some(first), Some(_)) = (limit, out.first(), req.q("marker")) {
        links.push(json!({"rel": "previous", "href": format!("{}/network/v2.0/{path}?limit={l}&marker={}&page_reverse=True", st.base, encode(first["id"].as_str().unwrap_or_default()))}));
    }
    if !links.is_empty() {
        body[format!("{coll}_links")] = Value::Array(links);
    }
    Resp::json(200, &body)
}

fn str_field<'a>(v: &'a Value, k: &str) -> Option<&'a str> {
    v.get(k).and_then(Value::as_str)
}

fn project_of(ctx: &Ctx, item: &Value) -> String {
    if ctx.is_admin {
        if let Some(p) = str_field(item, "project_id").or_else(|| str_field(item, "tenant_id")) {
            return p.to_owned();
        }
    }
    ctx.project_id.clone()
}

fn bad(msg: impl Into<String>) -> Resp {
    neutron_error(
        400,
        "InvalidInput",
        format!("Invalid input for operation: {}", msg.into()),
    )
}

fn copy_fields(v: &mut Value, item: &Value, keys: &[&str]) {
    for k in keys {
        if let Some(x) = item.get(*k) {
            v[*k] = x.clone();
        }
    }
}

fn create(st: &mut State, ctx: &Ctx, coll: &str, item: &Value) -> Result<Value, Resp> {
    let project = project_of(ctx, item);
    ensure_default_sg(st, &project);
    let v = match coll {
        "networks" => {
            let name = str_field(item, "name").unwrap_or_default();
            let external = item
                .get("router:external")
                .and_then(Value::as_bool)
                .unwrap_or(false);
            let shared = item.get("shared").and_then(Value::as_bool).unwrap_or(false);
            if (external || shared) && !ctx.is_admin {
                return Err(neutron_error(
                    403,
                    "PolicyNotAuthorized",
                    "(rule:create_network:shared) is disallowed by policy",
                ));
            }
            let id = st.add_network(&project, name, external, shared);
            let nets = st.coll("networks");
            let Some(v) = nets.iter_mut().find(|n| n["id"] == id.as_str()) else {
                return Err(neutron_error(
                    500,
                    "HTTPInternalServerError",
                    "lost network",
                ));
            };
            copy_fields(
                v,
                item,
                &[
                    "admin_state_up",
                    "description",
                    "mtu",
                    "port_security_enabled",
                    "dns_domain",
                    "availability_zone_hints",
                    "qos_policy_id",
                    "is_default",
                    "provider:network_type",
                    "provider:physical_network",
                    "provider:segmentation_id",
                ],
            );
            return Ok(v.clone());
        }
        "subnets" => {
            let Some(net) = str_field(item, "network_id") else {
                return Err(bad("Failed to create subnet: network_id is required."));
            };
            let Some(network) = st.coll("networks").iter().find(|n| n["id"] == net).cloned() else {
                return Err(neutron_error(
                    404,
                    "NetworkNotFound",
                    format!("Network {net} could not be found."),
                ));
            };
            if network["project_id"] != project.as_str()
                && !ctx.is_admin
                && network["shared"] != true
            {
                return Err(neutron_error(
                    404,
                    "NetworkNotFound",
                    format!("Network {net} could not be found."),
                ));
            }
            let Some(cidr) = str_field(item, "cidr") else {
                return Err(bad(
                    "Bad subnets request: a cidr must be specified in the absence of a subnet pool",
                ));
            };
            let version = item.get("ip_version").and_then(Value::as_u64).unwrap_or(4);
            if version == 6 {
                if !is_v6_cidr(cidr) {
                    return Err(bad(format!("'{cidr}' is not a valid IP subnet.")));
                }
                let id = uuid();
                let now = now_iso();
                let v = json!({"id": id, "name": str_field(item, "name").unwrap_or_default(), "network_id": net,
                    "cidr": cidr, "ip_version": 6, "project_id": project, "tenant_id": project,
                    "enable_dhcp": item.get("enable_dhcp").cloned().unwrap_or(json!(true)),
                    "gateway_ip": item.get("gateway_ip").cloned().unwrap_or(Value::Null), "allocation_pools": [],
                    "dns_nameservers": [], "host_routes": [], "ipv6_address_mode": item.get("ipv6_address_mode").cloned().unwrap_or(Value::Null),
                    "ipv6_ra_mode": item.get("ipv6_ra_mode").cloned().unwrap_or(Value::Null), "segment_id": null,
                    "subnetpool_id": null, "service_types": [], "description": "", "tags": [], "revision_number": 0,
                    "created_at": now, "updated_at": now, "dns_publish_fixed_ip": false, "router:external": false});
                st.coll("subnets").push(v.clone());
                if let Some(n) = st.coll("networks").iter_mut().find(|n| n["id"] == net) {
                    if let Some(a) = n["subnets"].as_array_mut() {
                        a.push(json!(id));
                    }
                }
                return Ok(v);
            }
            if version != 4 {
                return Err(bad(format!("{version} is not in [4, 6].")));
            }
            let Some((netaddr, prefix)) = parse_cidr(cidr) else {
                return Err(bad(format!("'{cidr}' is not a valid IP subnet.")));
            };
            let mask = if prefix == 0 {
                0
            } else {
                u32::MAX << (32 - u32::from(prefix))
            };
            // Overlap with the network's other subnets.
            for s in st.coll("subnets").iter().filter(|s| s["network_id"] == net) {
                if let Some((n2, p2)) = s["cidr"].as_str().and_then(parse_cidr) {
                    let m2 = if p2 == 0 {
                        0
                    } else {
                        u32::MAX << (32 - u32::from(p2))
                    };
                    let common = mask & m2;
                    if netaddr & common == n2 & common {
                        return Err(bad(format!("Requested subnet with cidr: {cidr} for network: {net} overlaps with another subnet")));
                    }
                }
            }
            let inside = |ip: u32| ip & mask == netaddr;
            let gateway = match item.get("gateway_ip") {
                Some(Value::Null) => None,
                Some(Value::String(g)) => match parse_ip(g).filter(|g| inside(*g)) {
                    Some(_) => Some(g.clone()),
                    None => {
                        return Err(bad(format!(
                            "Gateway IP {g} is not a valid IP for the subnet {cidr}."
                        )))
                    }
                },
                _ => Some(ip_to_string(netaddr + 1)),
            };
            let name = str_field(item, "name").unwrap_or_default().to_owned();
            let Some(id) = st.add_subnet(&project, net, &name, cidr) else {
                return Err(bad(format!("'{cidr}' is not a valid IP subnet.")));
            };
            let mut pools_v = None;
            if let Some(pools) = item.get("allocation_pools") {
                let Some(list) = pools.as_array() else {
                    return Err(bad("allocation_pools must be a list"));
                };
                for p in list {
                    let (Some(s), Some(e)) = (
                        str_field(p, "start").and_then(parse_ip),
                        str_field(p, "end").and_then(parse_ip),
                    ) else {
                        return Err(bad("Invalid allocation pool"));
                    };
                    if !inside(s) || !inside(e) || s > e {
                        drop_subnet(st, &id);
                        return Err(neutron_error(
                            400,
                            "OutOfBoundsAllocationPool",
                            format!(
                                "The allocation pool {}-{} spans beyond the subnet cidr {cidr}.",
                                ip_to_string(s),
                                ip_to_string(e)
                            ),
                        ));
                    }
                }
                pools_v = Some(pools.clone());
            }
            let subs = st.coll("subnets");
            let Some(v) = subs.iter_mut().find(|s| s["id"] == id.as_str()) else {
                return Err(neutron_error(500, "HTTPInternalServerError", "lost subnet"));
            };
            v["gateway_ip"] = json!(gateway);
            if let Some(p) = pools_v {
                v["allocation_pools"] = p;
            }
            v["revision_number"] = json!(0);
            copy_fields(
                v,
                item,
                &[
                    "enable_dhcp",
                    "dns_nameservers",
                    "host_routes",
                    "description",
                    "service_types",
                ],
            );
            return Ok(v.clone());
        }
        "ports" => {
            let Some(net) = str_field(item, "network_id") else {
                return Err(bad("network_id is required"));
            };
            if !st
                .coll("networks")
                .iter()
                .any(|n| n["id"] == net && visible(n, ctx))
            {
                return Err(neutron_error(
                    404,
                    "NetworkNotFound",
                    format!("Network {net} could not be found."),
                ));
            }
            let ips = fixed_ips_for(st, net, item.get("fixed_ips"))?;
            let mut v = port_value(st, &project, net, ips);
            if let Some(sgs) = item.get("security_groups").and_then(Value::as_array) {
                for g in sgs {
                    if !st.coll("security_groups").iter().any(|x| x["id"] == *g) {
                        return Err(neutron_error(
                            404,
                            "SecurityGroupNotFound",
                            format!(
                                "Security group {} does not exist",
                                g.as_str().unwrap_or_default()
                            ),
                        ));
                    }
                }
            }
            if let Some(mac) = str_field(item, "mac_address") {
                if st
                    .coll("ports")
                    .iter()
                    .any(|p| p["mac_address"] == mac && p["network_id"] == net)
                {
                    return Err(neutron_error(409, "MacAddressInUse", format!("Unable to complete operation for network {net}. The mac address {mac} is in use.")));
                }
            }
            copy_fields(
                &mut v,
                item,
                &[
                    "name",
                    "admin_state_up",
                    "description",
                    "device_id",
                    "device_owner",
                    "mac_address",
                    "security_groups",
                    "allowed_address_pairs",
                    "port_security_enabled",
                    "binding:host_id",
                    "binding:vnic_type",
                    "binding:profile",
                    "dns_name",
                    "extra_dhcp_opts",
                    "qos_policy_id",
                ],
            );
            if !v["device_id"].as_str().unwrap_or_default().is_empty() {
                v["status"] = json!("ACTIVE");
            }
            v
        }
        "security_groups" => {
            let name = str_field(item, "name").unwrap_or_default();
            if name == "default"
                && st
                    .coll("security_groups")
                    .iter()
                    .any(|g| g["project_id"] == project.as_str() && g["name"] == "default")
            {
                return Err(neutron_error(
                    409,
                    "SecurityGroupDefaultAlreadyExists",
                    "Default security group already exists.",
                ));
            }
            let id = new_sg(
                st,
                &project,
                name,
                str_field(item, "description").unwrap_or_default(),
            );
            let sgs = st.coll("security_groups");
            if let Some(v) = sgs.iter_mut().find(|g| g["id"] == id.as_str()) {
                copy_fields(v, item, &["stateful"]);
            }
            return find(st, ctx, "security_groups", &id)
                .ok_or_else(|| not_found("security_group", &id));
        }
        "security_group_rules" => {
            let Some(sg) = str_field(item, "security_group_id") else {
                return Err(bad("security_group_id is required"));
            };
            if !st
                .coll("security_groups")
                .iter()
                .any(|g| g["id"] == sg && visible(g, ctx))
            {
                return Err(neutron_error(
                    404,
                    "SecurityGroupNotFound",
                    format!("Security group {sg} does not exist"),
                ));
            }
            let dir = str_field(item, "direction").unwrap_or_default();
            if dir != "ingress" && dir != "egress" {
                return Err(bad(format!("'{dir}' is not in ['ingress', 'egress']")));
            }
            let eth = str_field(item, "ethertype").unwrap_or("IPv4");
            if eth != "IPv4" && eth != "IPv6" {
                return Err(bad(format!("'{eth}' is not in ['IPv4', 'IPv6']")));
            }
            let pmin = item.get("port_range_min").and_then(Value::as_i64);
            let pmax = item.get("port_range_max").and_then(Value::as_i64);
            if let (Some(a), Some(b)) = (pmin, pmax) {
                if a > b || a < 0 || b > 65535 {
                    return Err(neutron_error(
                        400,
                        "SecurityGroupInvalidPortRange",
                        "For TCP/UDP protocols, port_range_min must be <= port_range_max",
                    ));
                }
            }
            let mut v = rule_value(&project, sg, dir, eth, str_field(item, "remote_group_id"));
            copy_fields(
                &mut v,
                item,
                &[
                    "protocol",
                    "port_range_min",
                    "port_range_max",
                    "remote_ip_prefix",
                    "description",
                ],
            );
            let dup = st.coll("security_group_rules").iter().any(|r| {
                [
                    "security_group_id",
                    "direction",
                    "ethertype",
                    "protocol",
                    "port_range_min",
                    "port_range_max",
                    "remote_ip_prefix",
                    "remote_group_id",
                ]
                .iter()
                .all(|k| r[*k] == v[*k])
            });
            if dup {
                return Err(neutron_error(
                    409,
                    "SecurityGroupRuleExists",
                    "Security group rule already exists.",
                ));
            }
            v
        }
        "routers" => {
            let now = now_iso();
            let mut v = json!({"id": uuid(), "name": str_field(item, "name").unwrap_or_default(),
                "admin_state_up": true, "availability_zone_hints": [], "availability_zones": ["nova"],
                "created_at": now, "updated_at": now, "description": "", "distributed": false,
                "external_gateway_info": null, "flavor_id": null, "ha": false, "revision_number": 1,
                "routes": [], "status": "ACTIVE", "project_id": project, "tenant_id": project,
                "service_type_id": null, "tags": [], "conntrack_helpers": [], "enable_ndp_proxy": null});
            copy_fields(
                &mut v,
                item,
                &[
                    "admin_state_up",
                    "description",
                    "distributed",
                    "ha",
                    "availability_zone_hints",
                ],
            );
            if let Some(gw) = item.get("external_gateway_info").filter(|g| !g.is_null()) {
                v["external_gateway_info"] = gateway(st, gw)?;
            }
            v
        }
        "floatingips" => {
            let Some(net) = str_field(item, "floating_network_id") else {
                return Err(bad("floating_network_id is required"));
            };
            let Some(network) = st.coll("networks").iter().find(|n| n["id"] == net).cloned() else {
                return Err(neutron_error(
                    404,
                    "NetworkNotFound",
                    format!("Network {net} could not be found."),
                ));
            };
            if network["router:external"] != true {
                return Err(bad(format!(
                    "Bad floatingip request: Network {net} is not a valid external network."
                )));
            }
            let Some(sub) = first_v4_subnet(st, net) else {
                return Err(neutron_error(
                    409,
                    "IpAddressGenerationFailure",
                    format!("No more IP addresses available on network {net}."),
                ));
            };
            let ip = allocate(st, &sub, str_field(item, "floating_ip_address"))?;
            // The floating IP occupies a port on the external network (device_owner
            // network:floatingip) so the address is not handed out twice.
            let fip_id = uuid();
            let mut fport = port_value(
                st,
                &project,
                net,
                vec![json!({"subnet_id": sub, "ip_address": ip})],
            );
            fport["device_owner"] = json!("network:floatingip");
            fport["device_id"] = json!(fip_id);
            fport["status"] = json!("N/A");
            st.coll("ports").push(fport);
            let now = now_iso();
            let mut v = json!({"id": fip_id, "floating_network_id": net, "router_id": null,
                "fixed_ip_address": null, "floating_ip_address": ip, "project_id": project,
                "tenant_id": project, "status": "DOWN", "port_id": null,
                "description": str_field(item, "description").unwrap_or_default(), "dns_domain": "",
                "dns_name": "", "created_at": now, "updated_at": now, "revision_number": 0,
                "port_details": null, "tags": [], "port_forwardings": [], "qos_network_policy_id": null,
                "qos_policy_id": null});
            if let Some(port) = str_field(item, "port_id") {
                associate(st, &mut v, Some(port), str_field(item, "fixed_ip_address"))?;
            }
            v
        }
        _ => {
            return Err(neutron_error(
                404,
                "HTTPNotFound",
                "The resource could not be found.",
            ))
        }
    };
    st.coll(coll_static(coll)).push(v.clone());
    Ok(v)
}

fn drop_subnet(st: &mut State, id: &str) {
    st.coll("subnets").retain(|s| s["id"] != id);
    for n in st.coll("networks").iter_mut() {
        if let Some(a) = n["subnets"].as_array_mut() {
            a.retain(|s| s != id);
        }
    }
}

fn gateway(st: &mut State, gw: &Value) -> Result<Value, Resp> {
    let Some(net) = str_field(gw, "network_id") else {
        return Err(bad("external_gateway_info needs a network_id"));
    };
    let Some(network) = st.coll("networks").iter().find(|n| n["id"] == net).cloned() else {
        return Err(neutron_error(
            404,
            "NetworkNotFound",
            format!("Network {net} could not be found."),
        ));
    };
    if network["router:external"] != true {
        return Err(bad(format!(
            "Bad router request: Network {net} is not an external network."
        )));
    }
    let mut fixed = Vec::new();
    if let Some(sub) = first_v4_subnet(st, net) {
        let ip = allocate(st, &sub, None)?;
        let mut p = port_value(
            st,
            "",
            net,
            vec![json!({"subnet_id": sub, "ip_address": ip})],
        );
        p["device_owner"] = json!("network:router_gateway");
        p["device_id"] = json!("pending");
        p["status"] = json!("ACTIVE");
        st.coll("ports").push(p);
        fixed.push(json!({"subnet_id": sub, "ip_address": ip}));
    }
    Ok(
        json!({"network_id": net, "enable_snat": gw.get("enable_snat").cloned().unwrap_or(json!(true)),
              "external_fixed_ips": fixed}),
    )
}

fn associate(
    st: &mut State,
    fip: &mut Value,
    port: Option<&str>,
    fixed: Option<&str>,
) -> Result<(), Resp> {
    match port {
        None => {
            fip["port_id"] = Value::Null;
            fip["fixed_ip_address"] = Value::Null;
            fip["router_id"] = Value::Null;
            fip["port_details"] = Value::Null;
            fip["status"] = json!("DOWN");
        }
        Some(port_id) => {
            let Some(p) = st
                .coll("ports")
                .iter()
                .find(|p| p["id"] == port_id)
                .cloned()
            else {
                return Err(neutron_error(
                    404,
                    "PortNotFound",
                    format!("Port {port_id} could not be found."),
                ));
            };
            let ip = match fixed {
                Some(ip) => ip.to_owned(),
                None => p["fixed_ips"][0]["ip_address"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
            };
            let ext = fip["floating_network_id"].clone();
            let router = st
                .coll("routers")
                .iter()
                .find(|r| r["external_gateway_info"]["network_id"] == ext)
                .and_then(|r| r["id"].as_str().map(str::to_owned));
            fip["port_id"] = json!(port_id);
            fip["fixed_ip_address"] = json!(ip);
            fip["router_id"] = json!(router);
            fip["status"] = json!("ACTIVE");
            fip["port_details"] = json!({"status": p["status"], "name": p["name"], "admin_state_up": p["admin_state_up"],
                "network_id": p["network_id"], "device_owner": p["device_owner"], "mac_address": p["mac_address"],
                "device_id": p["device_id"]});
        }
    }
    Ok(())
}

fn update(st: &mut State, ctx: &Ctx, coll: &str, single: &str, id: &str, item: &Value) -> Resp {
    let Some(mut v) = st
        .coll(coll_static(coll))
        .iter()
        .find(|v| v["id"] == id && visible(v, ctx))
        .cloned()
    else {
        return not_found(single, id);
    };
    if v["project_id"] != ctx.project_id.as_str() && !ctx.is_admin {
        return neutron_error(
            403,
            "PolicyNotAuthorized",
            format!("rule:update_{single} is disallowed by policy"),
        );
    }
    let allowed: &[&str] = match coll {
        "networks" => &[
            "name",
            "description",
            "admin_state_up",
            "mtu",
            "port_security_enabled",
            "dns_domain",
            "qos_policy_id",
            "shared",
            "router:external",
            "is_default",
        ],
        "subnets" => &[
            "name",
            "description",
            "enable_dhcp",
            "dns_nameservers",
            "host_routes",
            "gateway_ip",
            "allocation_pools",
            "service_types",
        ],
        "ports" => &[
            "name",
            "description",
            "admin_state_up",
            "device_id",
            "device_owner",
            "security_groups",
            "allowed_address_pairs",
            "port_security_enabled",
            "binding:host_id",
            "binding:vnic_type",
            "binding:profile",
            "dns_name",
            "extra_dhcp_opts",
            "qos_policy_id",
            "mac_address",
        ],
        "security_groups" => &["name", "description", "stateful"],
        "security_group_rules" => &["description"],
        "routers" => &[
            "name",
            "description",
            "admin_state_up",
            "routes",
            "distributed",
            "ha",
        ],
        "floatingips" => &["description", "port_id", "fixed_ip_address"],
        _ => &[],
    };
    if let Some(bad_key) = item.as_object().and_then(|o| {
        o.keys().find(|k| {
            let special = (coll == "routers" && k.as_str() == "external_gateway_info")
                || (coll == "ports" && k.as_str() == "fixed_ips");
            !allowed.contains(&k.as_str()) && !special
        })
    }) {
        return bad(format!("Cannot update read-only attribute {bad_key}"));
    }
    if coll == "ports" {
        if let Some(req_ips) = item.get("fixed_ips") {
            // Release the old addresses, then allocate the new ones.
            let net = v["network_id"].as_str().unwrap_or_default().to_owned();
            let old = v["fixed_ips"].clone();
            if let Some(p) = st.coll("ports").iter_mut().find(|p| p["id"] == id) {
                p["fixed_ips"] = json!([]);
            }
            match fixed_ips_for(st, &net, Some(req_ips)) {
                Ok(ips) => v["fixed_ips"] = Value::Array(ips),
                Err(e) => {
                    if let Some(p) = st.coll("ports").iter_mut().find(|p| p["id"] == id) {
                        p["fixed_ips"] = old;
                    }
                    return e;
                }
            }
        }
    }
    if coll == "routers" {
        if let Some(gw) = item.get("external_gateway_info") {
            release_gateway(st, &v);
            if gw.is_null() || gw.as_object().is_some_and(Map::is_empty) {
                v["external_gateway_info"] = Value::Null;
            } else {
                match gateway(st, gw) {
                    Ok(g) => v["external_gateway_info"] = g,
                    Err(e) => return e,
                }
            }
        }
    }
    if coll == "floatingips" && item.get("port_id").is_some() {
        let port = str_field(item, "port_id").map(str::to_owned);
        if let Err(e) = associate(
            st,
            &mut v,
            port.as_deref(),
            str_field(item, "fixed_ip_address"),
        ) {
            return e;
        }
    }
    if coll == "subnets" {
        if let Some(g) = item.get("gateway_ip").and_then(Value::as_str) {
            if parse_ip(g).is_none() {
                return bad(format!("'{g}' is not a valid IP address"));
            }
        }
    }
    for (k, x) in item.as_object().cloned().unwrap_or_default() {
        if allowed.contains(&k.as_str()) && !(coll == "floatingips" && k != "description") {
            v[k.as_str()] = x;
        }
    }
    v["revision_number"] = json!(v["revision_number"].as_i64().unwrap_or(0) + 1);
    v["updated_at"] = json!(now_iso());
    if let Some(slot) = st
        .coll(coll_static(coll))
        .iter_mut()
        .find(|x| x["id"] == id)
    {
        *slot = v.clone();
    }
    let v = with_rules(st, v);
    Resp::json(200, &json!({ single: v }))
}

fn release_gateway(st: &mut State, router: &Value) {
    let ips: Vec<Value> = router["external_gateway_info"]["external_fixed_ips"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    st.coll("ports").retain(|p| {
        !(p["device_owner"] == "network:router_gateway"
            && p["fixed_ips"]
                .as_array()
                .is_some_and(|f| f.iter().any(|x| ips.contains(x))))
    });
}

fn delete(st: &mut State, ctx: &Ctx, coll: &str, single: &str, id: &str) -> Resp {
    let Some(v) = st
        .coll(coll_static(coll))
        .iter()
        .find(|v| v["id"] == id && visible(v, ctx))
        .cloned()
    else {
        return not_found(single, id);
    };
    if v["project_id"] != ctx.project_id.as_str() && !ctx.is_admin {
        return not_found(single, id);
    }
    match coll {
        "networks" => {
            let in_use = st.coll("ports").iter().any(|p| {
                p["network_id"] == id
                    && !p["device_owner"]
                        .as_str()
                        .unwrap_or_default()
                        .starts_with("network:dhcp")
            });
            if in_use {
                return neutron_error(409, "NetworkInUse", format!("Unable to complete operation on network {id}. There are one or more ports still in use on the network."));
            }
            st.coll("subnets").retain(|s| s["network_id"] != id);
        }
        "subnets" => {
            let in_use = st.coll("ports").iter().any(|p| {
                p["fixed_ips"]
                    .as_array()
                    .is_some_and(|f| f.iter().any(|x| x["subnet_id"] == id))
            });
            if in_use {
                return neutron_error(409, "SubnetInUse", format!("Unable to complete operation on subnet {id}: One or more ports have an IP allocation from this subnet."));
            }
            drop_subnet(st, id);
            return Resp::new(204);
        }
        "ports" => {
            if v["device_owner"] == "network:router_interface" {
                return neutron_error(409, "PortInUse", format!("Port {id} cannot be deleted directly via the port API: has device owner network:router_interface."));
            }
            for f in st.coll("floatingips").iter_mut() {
                if f["port_id"] == id {
                    f["port_id"] = Value::Null;
                    f["fixed_ip_address"] = Value::Null;
                    f["status"] = json!("DOWN");
                }
            }
        }
        "security_groups" => {
            if v["name"] == "default" && !ctx.is_admin {
                return neutron_error(
                    409,
                    "SecurityGroupCannotRemoveDefault",
                    "Insufficient rights for removing default security group.",
                );
            }
            if st.coll("ports").iter().any(|p| {
                p["security_groups"]
                    .as_array()
                    .is_some_and(|g| g.iter().any(|x| x == id))
            }) {
                return neutron_error(
                    409,
                    "SecurityGroupInUse",
                    format!("Security Group {id} in use."),
                );
            }
            st.coll("security_group_rules")
                .retain(|r| r["security_group_id"] != id);
        }
        "routers" => {
            if st
                .coll("ports")
                .iter()
                .any(|p| p["device_id"] == id && p["device_owner"] == "network:router_interface")
            {
                return neutron_error(409, "RouterInUse", format!("Router {id} still has ports"));
            }
            release_gateway(st, &v);
        }
        "floatingips" => {
            st.coll("ports")
                .retain(|p| !(p["device_owner"] == "network:floatingip" && p["device_id"] == id));
        }
        _ => {}
    }
    st.coll(coll_static(coll)).retain(|x| x["id"] != id);
    Resp::new(204)
}

fn router_interface(st: &mut State, req: &Req, ctx: &Ctx, id: &str, add: bool) -> Resp {
    let Some(router) = find(st, ctx, "routers", id) else {
        return not_found("router", id);
    };
    let body = req.json().unwrap_or(Value::Null);
    let subnet_id = str_field(&body, "subnet_id").map(str::to_owned);
    let port_id = str_field(&body, "port_id").map(str::to_owned);
    if subnet_id.is_some() == port_id.is_some() {
        return bad("Either subnet_id or port_id must be specified");
    }
    let project = router["project_id"].as_str().unwrap_or_default().to_owned();
    if add {
        let port = if let Some(sub) = &subnet_id {
            let Some(subnet) = st
                .coll("subnets")
                .iter()
                .find(|s| s["id"] == sub.as_str())
                .cloned()
            else {
                return neutron_error(
                    404,
                    "SubnetNotFound",
                    format!("Subnet {sub} could not be found."),
                );
            };
            if st.coll("ports").iter().any(|p| {
                p["device_id"] == id
                    && p["fixed_ips"]
                        .as_array()
                        .is_some_and(|f| f.iter().any(|x| x["subnet_id"] == sub.as_str()))
            }) {
                return bad(format!("Router already has a port on subnet {sub}"));
            }
            let net = subnet["network_id"].as_str().unwrap_or_default().to_owned();
            let gw = subnet["gateway_ip"].as_str().map(str::to_owned);
            let ip = match gw {
                Some(g) => g,
                None => match allocate(st, sub, None) {
                    Ok(ip) => ip,
                    Err(e) => return e,
                },
            };
            let mut p = port_value(
                st,
                &project,
                &net,
                vec![json!({"subnet_id": sub, "ip_address": ip})],
            );
            p["device_owner"] = json!("network:router_interface");
            p["device_id"] = json!(id);
            p["status"] = json!("ACTIVE");
            st.coll("ports").push(p.clone());
            p
        } else {
            let pid = port_id.clone().unwrap_or_default();
            let Some(p) = st
                .coll("ports")
                .iter_mut()
                .find(|p| p["id"] == pid.as_str())
            else {
                return neutron_error(
                    404,
                    "PortNotFound",
                    format!("Port {pid} could not be found."),
                );
            };
            if !p["device_id"].as_str().unwrap_or_default().is_empty() {
                return neutron_error(
                    409,
                    "PortInUse",
                    format!("Unable to complete operation on port {pid}. The port is in use."),
                );
            }
            p["device_owner"] = json!("network:router_interface");
            p["device_id"] = json!(id);
            p["status"] = json!("ACTIVE");
            p.clone()
        };
        let sub = port["fixed_ips"][0]["subnet_id"].clone();
        return Resp::json(
            200,
            &json!({"id": id, "tenant_id": project, "project_id": project,
            "port_id": port["id"], "network_id": port["network_id"], "subnet_id": sub, "subnet_ids": [sub], "tags": []}),
        );
    }
    let found = st
        .coll("ports")
        .iter()
        .find(|p| {
            p["device_id"] == id
                && p["device_owner"] == "network:router_interface"
                && match (&subnet_id, &port_id) {
                    (Some(s), _) => p["fixed_ips"]
                        .as_array()
                        .is_some_and(|f| f.iter().any(|x| x["subnet_id"] == s.as_str())),
                    (_, Some(pid)) => p["id"] == pid.as_str(),
                    _ => false,
                }
        })
        .cloned();
    let Some(port) = found else {
        return match subnet_id {
            Some(s) => neutron_error(
                404,
                "RouterInterfaceNotFoundForSubnet",
                format!("Router {id} has no interface on subnet {s}"),
            ),
            None => neutron_error(
                404,
                "RouterInterfaceNotFound",
                format!(
                    "Router {id} does not have an interface with id {}",
                    port_id.unwrap_or_default()
                ),
            ),
        };
    };
    st.coll("ports").retain(|p| p["id"] != port["id"]);
    let sub = port["fixed_ips"][0]["subnet_id"].clone();
    Resp::json(
        200,
        &json!({"id": id, "tenant_id": project, "project_id": project,
        "port_id": port["id"], "network_id": port["network_id"], "subnet_id": sub, "subnet_ids": [sub], "tags": []}),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cidrs() {
        assert_eq!(parse_cidr("10.0.0.0/24"), Some((0x0a00_0000, 24)));
        assert_eq!(parse_cidr("10.0.0.1/24"), None, "host bits set");
        assert_eq!(parse_cidr("10.0.0.0/33"), None);
        assert_eq!(parse_cidr("10.0.0/24"), None);
        assert_eq!(parse_cidr("nonsense"), None);
        assert_eq!(ip_to_string(0x0a00_0001), "10.0.0.1");
        assert!(is_v6_cidr("fd00::/64"));
    }
}
