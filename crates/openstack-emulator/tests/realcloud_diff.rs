//! Differential fidelity: the same scenario runs against the real services and against the
//! emulator; for every call, each key of the real response (walked recursively) must be in
//! the emulator's response. Needs the real cloud (`cargo xtask realcloud up`).
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use openstack_core::{EndpointOpts, Microversion, ProviderClient, Request, ServiceClient};
use openstack_emulator::Emulator;
use openstack_test_support::realcloud;
use serde_json::{json, Value};

/// Keys whose values are maps keyed by data.
const DATA_MAPS: &[&str] = &[
    "metadata",
    "addresses",
    "extra_specs",
    "properties",
    "volume_image_metadata",
];

/// Keys the real services send that the emulator does not model (deployment details).
const KNOWN_GAPS: &[&str] = &[];

fn walk(real: &Value, emu: &Value, path: &str, checked: &mut usize, missing: &mut Vec<String>) {
    match (real, emu) {
        (Value::Object(r), Value::Object(e)) => {
            for (k, rv) in r {
                *checked += 1;
                let p = format!("{path}/{k}");
                match e.get(k) {
                    None if KNOWN_GAPS.contains(&k.as_str()) => {}
                    None => missing.push(p),
                    Some(_) if DATA_MAPS.contains(&k.as_str()) => {}
                    Some(ev) => walk(rv, ev, &p, checked, missing),
                }
            }
        }
        (Value::Array(r), Value::Array(e)) => {
            if let (Some(r0), Some(e0)) = (r.first(), e.first()) {
                walk(r0, e0, &format!("{path}/0"), checked, missing);
            }
        }
        _ => {}
    }
}

fn svc(p: &ProviderClient, ty: &str) -> ServiceClient {
    p.service_client(EndpointOpts::new(ty)).unwrap()
}

async fn get(c: &ServiceClient, path: impl Into<String>) -> Value {
    c.send_json(Request::get(path)).await.unwrap()
}

async fn post(c: &ServiceClient, path: impl Into<String>, body: Value) -> Value {
    c.send_json(Request::post(path).json(&body).unwrap())
        .await
        .unwrap()
}

async fn until(c: &ServiceClient, path: String, key: &str, field: &str, want: &str) -> Value {
    for _ in 0..240 {
        let v = get(c, path.clone()).await;
        let got = if key.is_empty() {
            &v[field]
        } else {
            &v[key][field]
        };
        if got == want {
            return v;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    panic!("{path} never reached {field}={want}");
}

/// The JSON error body of a request expected to fail with `status`.
async fn error_body(c: &ServiceClient, r: Request, status: u16) -> Value {
    let resp = c.send(r.ok_status([status])).await.unwrap();
    assert_eq!(resp.status().as_u16(), status);
    resp.json().await.unwrap()
}

/// The scenario: the same calls on either cloud; returns (call, response) pairs.
async fn scenario(p: &ProviderClient, tag: &str) -> Vec<(&'static str, Value)> {
    let mut out: Vec<(&'static str, Value)> = Vec::new();
    let name = |what: &str| format!("ferrocloud-test-diff-{what}-{tag}");
    let compute = svc(p, "compute").with_microversion(Microversion::new(2, 96));
    let compute21 = svc(p, "compute");
    let net = svc(p, "network");
    let glance = svc(p, "image");
    let cinder = svc(p, "block-storage");
    let swift = svc(p, "object-store");
    let identity = svc(p, "identity");

    // Identity.
    let tok = p.token().await.unwrap();
    let tok_id = secrecy::ExposeSecret::expose_secret(&tok.id).to_owned();
    // The catalog's identity URL may be versioned (`/v3`, the harness) or not (`/identity`).
    let tokens_path = if identity
        .endpoint()
        .path()
        .trim_end_matches('/')
        .ends_with("/v3")
    {
        "auth/tokens"
    } else {
        "v3/auth/tokens"
    };
    let v = identity
        .send_json(
            Request::get(tokens_path)
                .header("X-Subject-Token", &tok_id)
                .unwrap(),
        )
        .await
        .unwrap();
    out.push(("keystone token validate", v));
    out.push((
        "keystone 401 body",
        error_body(
            &identity,
            Request::post(tokens_path)
                .unauthenticated()
                .json(&json!({"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "admin", "domain": {"id": "default"}, "password": "wrong"}}}}}))
                .unwrap(),
            401,
        )
        .await,
    ));

    // Glance.
    let img: Value = glance
        .send_json(
            Request::post("v2/images")
                .json(
                    &json!({"name": name("img"), "disk_format": "raw", "container_format": "bare"}),
                )
                .unwrap(),
        )
        .await
        .unwrap();
    out.push(("glance image create", img.clone()));
    let img_id = img["id"].as_str().unwrap().to_owned();
    glance
        .send(
            Request::put(format!("v2/images/{img_id}/file"))
                .header("Content-Type", "application/octet-stream")
                .unwrap()
                .body(vec![0u8; 512]),
        )
        .await
        .unwrap();
    out.push((
        "glance image show",
        until(
            &glance,
            format!("v2/images/{img_id}"),
            "",
            "status",
            "active",
        )
        .await,
    ));

    // Nova.
    out.push((
        "nova flavors detail 2.96",
        get(&compute, "flavors/detail").await,
    ));
    out.push((
        "nova flavors detail 2.1",
        get(&compute21, "flavors/detail").await,
    ));
    out.push(("nova flavor show", get(&compute, "flavors/1").await));
    let pubkey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDZJ3pDw0iWDZMNGGsb5uIj8b/7mXHcWUGc38eqHUQ5p diff@test";
    let kp: Value = post(
        &compute,
        "os-keypairs",
        json!({"keypair": {"name": name("kp"), "public_key": pubkey}}),
    )
    .await;
    out.push(("nova keypair import 2.96", kp));
    out.push((
        "nova keypair show",
        get(&compute, format!("os-keypairs/{}", name("kp"))).await,
    ));
    let created: Value = post(&compute, "servers", json!({"server": {"name": name("vm"), "flavorRef": "1", "imageRef": img_id, "networks": "none", "metadata": {"k": "v"}}})).await;
    out.push(("nova server create", created.clone()));
    let sid = created["server"]["id"].as_str().unwrap().to_owned();
    out.push((
        "nova server show 2.96",
        until(
            &compute,
            format!("servers/{sid}"),
            "server",
            "status",
            "ACTIVE",
        )
        .await,
    ));
    out.push((
        "nova server show 2.1",
        get(&compute21, format!("servers/{sid}")).await,
    ));
    out.push((
        "nova servers detail",
        compute
            .send_json(
                Request::get("servers/detail")
                    .query_pair("name", &name("vm"))
                    .query_pair("limit", "1"),
            )
            .await
            .unwrap(),
    ));
    out.push((
        "nova server metadata",
        get(&compute, format!("servers/{sid}/metadata")).await,
    ));
    compute
        .send(
            Request::post(format!("servers/{sid}/action"))
                .json(&json!({"os-stop": null}))
                .unwrap(),
        )
        .await
        .unwrap();
    out.push((
        "nova server stopped",
        until(
            &compute,
            format!("servers/{sid}"),
            "server",
            "status",
            "SHUTOFF",
        )
        .await,
    ));
    out.push((
        "nova 409 body",
        error_body(
            &compute,
            Request::post(format!("servers/{sid}/action"))
                .json(&json!({"os-stop": null}))
                .unwrap(),
            409,
        )
        .await,
    ));
    // A Cinder volume attached to the (stopped) server, then detached.
    let vol: Value = post(
        &cinder,
        "volumes",
        json!({"volume": {"size": 1, "name": name("attvol")}}),
    )
    .await;
    let avid = vol["volume"]["id"].as_str().unwrap().to_owned();
    until(
        &cinder,
        format!("volumes/{avid}"),
        "volume",
        "status",
        "available",
    )
    .await;
    let att: Value = compute
        .send_json(
            Request::post(format!("servers/{sid}/os-volume_attachments"))
                .json(&json!({"volumeAttachment": {"volumeId": avid}}))
                .unwrap(),
        )
        .await
        .unwrap();
    out.push(("nova volume attach", att));
    out.push((
        "cinder volume in-use",
        until(
            &cinder,
            format!("volumes/{avid}"),
            "volume",
            "status",
            "in-use",
        )
        .await,
    ));
    out.push((
        "nova volume attachments",
        get(&compute, format!("servers/{sid}/os-volume_attachments")).await,
    ));
    out.push((
        "nova server with a volume",
        get(&compute, format!("servers/{sid}")).await,
    ));
    compute
        .send(Request::delete(format!(
            "servers/{sid}/os-volume_attachments/{avid}"
        )))
        .await
        .unwrap();
    until(
        &cinder,
        format!("volumes/{avid}"),
        "volume",
        "status",
        "available",
    )
    .await;
    cinder
        .send(Request::delete(format!("volumes/{avid}")))
        .await
        .unwrap();
    compute
        .send(Request::delete(format!("servers/{sid}")))
        .await
        .unwrap();
    compute
        .send(Request::delete(format!("os-keypairs/{}", name("kp"))))
        .await
        .unwrap();
    out.push((
        "nova 404 body",
        error_body(
            &compute,
            Request::get("servers/00000000-0000-0000-0000-000000000000"),
            404,
        )
        .await,
    ));
    out.push((
        "nova 400 body",
        error_body(
            &compute,
            Request::post("servers")
                .json(&json!({"server": {"name": "x"}}))
                .unwrap(),
            400,
        )
        .await,
    ));

    // Neutron.
    let n: Value = post(
        &net,
        "v2.0/networks",
        json!({"network": {"name": name("net")}}),
    )
    .await;
    out.push(("neutron network create", n.clone()));
    let nid = n["network"]["id"].as_str().unwrap().to_owned();
    let s: Value = post(&net, "v2.0/subnets", json!({"subnet": {"network_id": nid, "cidr": "10.77.0.0/24", "ip_version": 4, "name": name("sub")}})).await;
    out.push(("neutron subnet create", s.clone()));
    let subid = s["subnet"]["id"].as_str().unwrap().to_owned();
    out.push((
        "neutron 400 body",
        error_body(
            &net,
            Request::post("v2.0/subnets").json(&json!({"subnet": {"network_id": nid, "cidr": "10.78.0.0/33", "ip_version": 4}})).unwrap(),
            400,
        )
        .await,
    ));
    out.push((
        "neutron 404 body",
        error_body(
            &net,
            Request::get("v2.0/networks/00000000-0000-0000-0000-000000000000"),
            404,
        )
        .await,
    ));
    let port: Value = post(
        &net,
        "v2.0/ports",
        json!({"port": {"network_id": nid, "name": name("port")}}),
    )
    .await;
    out.push(("neutron port create", port.clone()));
    let pid = port["port"]["id"].as_str().unwrap().to_owned();
    out.push((
        "neutron port show",
        get(&net, format!("v2.0/ports/{pid}")).await,
    ));
    out.push((
        "neutron network show",
        get(&net, format!("v2.0/networks/{nid}")).await,
    ));
    out.push((
        "neutron subnet show",
        get(&net, format!("v2.0/subnets/{subid}")).await,
    ));
    let sg: Value = post(
        &net,
        "v2.0/security-groups",
        json!({"security_group": {"name": name("sg")}}),
    )
    .await;
    out.push(("neutron security group create", sg.clone()));
    let sgid = sg["security_group"]["id"].as_str().unwrap().to_owned();
    let r: Value = post(
        &net,
        "v2.0/routers",
        json!({"router": {"name": name("router")}}),
    )
    .await;
    out.push(("neutron router create", r.clone()));
    let rid = r["router"]["id"].as_str().unwrap().to_owned();
    let iface: Value = net
        .send_json(
            Request::put(format!("v2.0/routers/{rid}/add_router_interface"))
                .json(&json!({"subnet_id": subid}))
                .unwrap(),
        )
        .await
        .unwrap();
    out.push(("neutron router add interface", iface));
    out.push((
        "neutron networks page",
        net.send_json(Request::get("v2.0/networks").query_pair("limit", "1"))
            .await
            .unwrap(),
    ));
    net.send(
        Request::put(format!("v2.0/routers/{rid}/remove_router_interface"))
            .json(&json!({"subnet_id": subid}))
            .unwrap(),
    )
    .await
    .unwrap();
    net.send(Request::delete(format!("v2.0/routers/{rid}")))
        .await
        .unwrap();
    net.send(Request::delete(format!("v2.0/security-groups/{sgid}")))
        .await
        .unwrap();
    net.send(Request::delete(format!("v2.0/ports/{pid}")))
        .await
        .unwrap();
    net.send(Request::delete(format!("v2.0/networks/{nid}")))
        .await
        .unwrap();

    // Cinder.
    let vol: Value = post(
        &cinder,
        "volumes",
        json!({"volume": {"size": 1, "name": name("vol")}}),
    )
    .await;
    out.push(("cinder volume create", vol.clone()));
    let vid = vol["volume"]["id"].as_str().unwrap().to_owned();
    out.push((
        "cinder volume show",
        until(
            &cinder,
            format!("volumes/{vid}"),
            "volume",
            "status",
            "available",
        )
        .await,
    ));
    out.push(("cinder types", get(&cinder, "types").await));
    out.push((
        "cinder 404 body",
        error_body(
            &cinder,
            Request::get("volumes/00000000-0000-0000-0000-000000000000"),
            404,
        )
        .await,
    ));
    cinder
        .send(Request::delete(format!("volumes/{vid}")))
        .await
        .unwrap();

    // Swift.
    swift.send(Request::put(name("c"))).await.unwrap();
    swift
        .send(Request::put(format!("{}/o.txt", name("c"))).body(bytes::Bytes::from_static(b"x")))
        .await
        .unwrap();
    out.push((
        "swift container listing",
        swift
            .send_json(Request::get(name("c")).query_pair("format", "json"))
            .await
            .unwrap(),
    ));
    swift
        .send(Request::delete(format!("{}/o.txt", name("c"))))
        .await
        .unwrap();
    swift.send(Request::delete(name("c"))).await.unwrap();
    glance
        .send(Request::delete(format!("v2/images/{img_id}")))
        .await
        .unwrap();
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn emulator_matches_the_real_services() {
    let Some(real) = realcloud::client("admin").await else {
        return;
    };
    for s in ["nova", "neutron", "glance", "cinder", "swift"] {
        if !realcloud::has(s) {
            return;
        }
    }
    let emu = Emulator::start().await.unwrap();
    let fake = ProviderClient::authenticate(emu.auth_options())
        .await
        .unwrap();
    let tag = format!("{}-{:x}", std::process::id(), fastrand::u32(..));
    let real_calls = scenario(&real, &tag).await;
    let emu_calls = scenario(&fake, &tag).await;
    let mut checked = 0;
    let mut missing = Vec::new();
    for ((call, r), (_, e)) in real_calls.iter().zip(&emu_calls) {
        let mut c = 0;
        let mut m = Vec::new();
        walk(r, e, "", &mut c, &mut m);
        println!("diff: {call}: {}/{c} real keys present", c - m.len());
        checked += c;
        missing.extend(m.into_iter().map(|k| format!("{call}: {k}")));
    }
    println!(
        "diff coverage: {} calls, {}/{checked} real keys present in the emulator",
        real_calls.len(),
        checked - missing.len()
    );
    for m in &missing {
        println!("diff: MISSING {m}");
    }
    assert!(
        missing.is_empty(),
        "{} keys missing:\n{}",
        missing.len(),
        missing.join("\n")
    );
}
