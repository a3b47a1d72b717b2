//! The emulator driven through openstack-core: auth, catalog, lifecycles, pagination, Swift
//! streaming, temp URLs and re-authentication.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use futures::StreamExt;
use openstack_core::auth::{AuthOptions, DomainRef, IdentityVersion, ProjectRef, Scope, UserRef};
use openstack_core::wait::Waiter;
use openstack_core::{EndpointOpts, Pager, ProviderClient, Request, ServiceClient};
use openstack_emulator::Emulator;
use secrecy::ExposeSecret;
use serde_json::{json, Value};

async fn admin(emu: &Emulator) -> ProviderClient {
    emu.provider().await.expect("admin auth")
}

fn svc(p: &ProviderClient, ty: &str) -> ServiceClient {
    p.service_client(EndpointOpts::new(ty)).expect(ty)
}

/// A client without auth against the emulator root, for raw unauthenticated requests.
fn raw(emu: &Emulator, ty: &str, path: &str) -> ServiceClient {
    let p = ProviderClient::builder()
        .endpoint_override(ty, format!("{}{path}", emu.url()))
        .build_lazy()
        .expect("lazy");
    p.service_client(EndpointOpts::new(ty)).expect("svc")
}

#[tokio::test]
async fn v3_password_scoped_and_catalog() {
    let emu = Emulator::start().await.unwrap();
    let p = admin(&emu).await;
    let token = p.token().await.unwrap();
    assert_eq!(
        token.project.as_ref().unwrap().name.as_deref(),
        Some("admin")
    );
    assert_eq!(token.methods, vec!["password".to_owned()]);
    for (ty, suffix) in [
        ("compute", "/compute/v2.1".to_owned()),
        ("network", "/network".to_owned()),
        ("image", "/image".to_owned()),
        ("identity", "/identity".to_owned()),
        (
            "object-store",
            format!("/object-store/v1/AUTH_{}", emu.project_id("admin").unwrap()),
        ),
        (
            "block-storage",
            format!("/volume/v3/{}", emu.project_id("admin").unwrap()),
        ),
        (
            "volumev3",
            format!("/volume/v3/{}", emu.project_id("admin").unwrap()),
        ),
    ] {
        let url = p.endpoint(&EndpointOpts::new(ty)).unwrap();
        assert_eq!(
            url.as_str().trim_end_matches('/'),
            format!("{}{suffix}", emu.url()),
            "{ty}"
        );
    }
    // Demo is scoped to demo and sees its own catalog.
    let d = ProviderClient::authenticate(emu.demo_auth_options())
        .await
        .unwrap();
    let url = d.endpoint(&EndpointOpts::new("object-store")).unwrap();
    assert!(url.as_str().contains(&emu.project_id("demo").unwrap()));
}

#[tokio::test]
async fn wrong_password_is_401_with_keystone_body() {
    let emu = Emulator::start().await.unwrap();
    let opts = AuthOptions::password(
        emu.auth_url(),
        UserRef::name("admin", DomainRef::id("default")),
        "nope",
    );
    let err = ProviderClient::authenticate(opts).await.err().unwrap();
    assert!(err.is_unauthorized(), "{err:?}");
    assert!(err
        .api_message()
        .unwrap_or_default()
        .contains("requires authentication"));
    // Unknown project by name+domain is 401 too; by id likewise.
    let opts = AuthOptions::password(
        emu.auth_url(),
        UserRef::name("demo", DomainRef::name("Default")),
        "secret",
    )
    .scope(Scope::Project(ProjectRef::name(
        "admin",
        DomainRef::id("default"),
    )));
    assert!(
        ProviderClient::authenticate(opts).await.is_err(),
        "demo has no role on admin"
    );
}

#[tokio::test]
async fn token_appcred_unscoped_and_v2() {
    let emu = Emulator::start().await.unwrap();
    let p = admin(&emu).await;
    let tok = p.token().await.unwrap().id.expose_secret().to_owned();
    // Token method, rescoped to demo by id.
    let opts = AuthOptions::token(emu.auth_url(), tok).scope(Scope::Project(ProjectRef::id(
        emu.project_id("demo").unwrap(),
    )));
    let t = ProviderClient::authenticate(opts).await.unwrap();
    let tk = t.token().await.unwrap();
    assert_eq!(tk.methods, vec!["token".to_owned()]);
    assert_eq!(tk.project.as_ref().unwrap().name.as_deref(), Some("demo"));
    // Application credential helper.
    let ac = emu.application_credential("demo", "ci").unwrap();
    let a = ProviderClient::authenticate(ac).await.unwrap();
    let tk = a.token().await.unwrap();
    assert_eq!(tk.methods, vec!["application_credential".to_owned()]);
    assert_eq!(tk.project.as_ref().unwrap().name.as_deref(), Some("demo"));
    let compute = svc(&a, "compute");
    let v: Value = compute.send_json(Request::get("flavors")).await.unwrap();
    assert_eq!(v["flavors"].as_array().unwrap().len(), 4);
    // Application credentials created through the API work too.
    let identity = svc(&p, "identity");
    let uid = emu.user_id("admin").unwrap();
    let created: Value = identity
        .send_json(
            Request::post(format!("v3/users/{uid}/application_credentials"))
                .json(&json!({"application_credential": {"name": "api-made"}}))
                .unwrap(),
        )
        .await
        .unwrap();
    let id = created["application_credential"]["id"].as_str().unwrap();
    let secret = created["application_credential"]["secret"]
        .as_str()
        .unwrap();
    ProviderClient::authenticate(AuthOptions::application_credential(
        emu.auth_url(),
        id,
        secret,
    ))
    .await
    .unwrap();
    // Unscoped: no catalog.
    let opts = emu.auth_options().scope(Scope::Unscoped);
    let u = ProviderClient::authenticate(opts).await.unwrap();
    assert!(u.token().await.unwrap().project.is_none());
    assert!(u.endpoint(&EndpointOpts::new("compute")).is_err());
    // v2.0 password.
    let opts = AuthOptions::password(
        format!("{}/identity/v2.0", emu.url()),
        UserRef::name_only("admin"),
        "secret",
    )
    .scope(Scope::Project(ProjectRef::name_only("admin")))
    .identity_version(IdentityVersion::V2);
    let v2 = ProviderClient::authenticate(opts).await.unwrap();
    let compute = svc(&v2, "compute");
    let _: Value = compute.send_json(Request::get("flavors")).await.unwrap();
    // Discovery from the unversioned root picks v3.
    let mut opts = emu.auth_options();
    opts.auth_url = format!("{}/identity", emu.url());
    ProviderClient::authenticate(opts).await.unwrap();
}

#[tokio::test]
async fn token_validate_and_revoke_then_core_reauthenticates() {
    let emu = Emulator::start().await.unwrap();
    let p = admin(&emu).await;
    let identity = svc(&p, "identity");
    let tok = p.token().await.unwrap().id.expose_secret().to_owned();
    let resp = identity
        .send(
            Request::get("v3/auth/tokens")
                .header("X-Subject-Token", &tok)
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(resp.header_str("x-subject-token"), Some(tok.as_str()));
    let body: Value = resp.json().await.unwrap();
    assert_eq!(body["token"]["project"]["name"], "admin");
    // Revoke our own token, then a service call: 401, the core re-authenticates and retries.
    identity
        .send(
            Request::delete("v3/auth/tokens")
                .header("X-Subject-Token", &tok)
                .unwrap(),
        )
        .await
        .unwrap();
    let compute = svc(&p, "compute");
    let v: Value = compute.send_json(Request::get("servers")).await.unwrap();
    assert!(v["servers"].is_array());
    let tok2 = p.token().await.unwrap().id.expose_secret().to_owned();
    assert_ne!(tok, tok2, "a new token was issued");
    // A revoked token is rejected with Keystone's 401 body by every service.
    let r = raw(&emu, "compute", "/compute/v2.1");
    let err = r
        .send(
            Request::get("servers")
                .unauthenticated()
                .header("X-Auth-Token", &tok)
                .unwrap(),
        )
        .await
        .err()
        .unwrap();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
    let err = r
        .send(Request::get("servers").unauthenticated())
        .await
        .err()
        .unwrap();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
}

#[tokio::test]
async fn server_lifecycle_actions_and_errors() {
    let emu = Emulator::builder()
        .server_build_delay(Duration::from_millis(150))
        .start()
        .await
        .unwrap();
    let p = admin(&emu).await;
    let compute = svc(&p, "compute");
    let images: Value = compute.send_json(Request::get("images")).await.unwrap();
    let image = images["images"][0]["id"].as_str().unwrap().to_owned();
    let created: Value = compute
        .send_json(
            Request::post("servers")
                .json(&json!({"server": {"name": "web-1", "flavorRef": "1", "imageRef": image, "networks": "auto"}}))
                .unwrap(),
        )
        .await
        .unwrap();
    let id = created["server"]["id"].as_str().unwrap().to_owned();
    assert!(created["server"]["adminPass"].is_string());
    let s: Value = compute
        .send_json(Request::get(format!("servers/{id}")))
        .await
        .unwrap();
    assert_eq!(s["server"]["status"], "BUILD");
    // An action while building is a conflict.
    let err = compute
        .send(
            Request::post(format!("servers/{id}/action"))
                .json(&json!({"os-stop": null}))
                .unwrap(),
        )
        .await
        .err()
        .unwrap();
    assert!(err.is_conflict(), "{err:?}");
    let c2 = compute.clone();
    let id2 = id.clone();
    let server: Value = Waiter::new(Duration::from_secs(10))
        .initial_delay(Duration::from_millis(50))
        .describe("server ACTIVE")
        .until(move || {
            let c = c2.clone();
            let id = id2.clone();
            async move {
                let s: Value = c.send_json(Request::get(format!("servers/{id}"))).await?;
                Ok((s["server"]["status"] == "ACTIVE").then_some(s))
            }
        })
        .await
        .unwrap();
    assert_eq!(server["server"]["OS-EXT-STS:vm_state"], "active");
    assert_eq!(server["server"]["OS-EXT-STS:power_state"], 1);
    // Admin has no network of its own: "auto" picks the shared one.
    let addrs = server["server"]["addresses"]["shared"].as_array().unwrap();
    assert!(addrs[0]["addr"]
        .as_str()
        .unwrap()
        .starts_with("192.168.233."));
    let act = |body: Value| {
        let c = compute.clone();
        let id = id.clone();
        async move {
            c.send(
                Request::post(format!("servers/{id}/action"))
                    .json(&body)
                    .unwrap(),
            )
            .await
        }
    };
    let status = || {
        let c = compute.clone();
        let id = id.clone();
        async move {
            let s: Value = c
                .send_json(Request::get(format!("servers/{id}")))
                .await
                .unwrap();
            s["server"]["status"].as_str().unwrap().to_owned()
        }
    };
    act(json!({"os-stop": null})).await.unwrap();
    assert_eq!(status().await, "SHUTOFF");
    assert!(act(json!({"os-stop": null}))
        .await
        .err()
        .unwrap()
        .is_conflict());
    assert!(act(json!({"pause": null}))
        .await
        .err()
        .unwrap()
        .is_conflict());
    act(json!({"os-start": null})).await.unwrap();
    act(json!({"pause": null})).await.unwrap();
    assert_eq!(status().await, "PAUSED");
    act(json!({"unpause": null})).await.unwrap();
    act(json!({"suspend": null})).await.unwrap();
    assert_eq!(status().await, "SUSPENDED");
    act(json!({"resume": null})).await.unwrap();
    act(json!({"reboot": {"type": "SOFT"}})).await.unwrap();
    assert_eq!(status().await, "REBOOT");
    tokio::time::sleep(Duration::from_millis(250)).await;
    assert_eq!(status().await, "ACTIVE");
    act(json!({"resize": {"flavorRef": "2"}})).await.unwrap();
    tokio::time::sleep(Duration::from_millis(250)).await;
    assert_eq!(status().await, "VERIFY_RESIZE");
    act(json!({"confirmResize": null})).await.unwrap();
    assert_eq!(status().await, "ACTIVE");
    let s: Value = compute
        .send_json(Request::get(format!("servers/{id}")))
        .await
        .unwrap();
    assert_eq!(s["server"]["flavor"]["id"], "2");
    // createImage at 2.45+ returns the image id; Glance has it.
    let c45 = compute.with_microversion("2.45".parse().unwrap());
    let resp = c45
        .send(
            Request::post(format!("servers/{id}/action"))
                .json(&json!({"createImage": {"name": "snap"}}))
                .unwrap(),
        )
        .await
        .unwrap();
    assert!(resp
        .header_str("location")
        .unwrap()
        .contains("/image/v2/images/"));
    let body: Value = resp.json().await.unwrap();
    let img = body["image_id"].as_str().unwrap().to_owned();
    let glance = svc(&p, "image");
    let gi: Value = glance
        .send_json(Request::get(format!("v2/images/{img}")))
        .await
        .unwrap();
    assert_eq!(gi["name"], "snap");
    // Lock: the demo user (not admin) cannot act on... (admin can) — check the flag.
    act(json!({"lock": null})).await.unwrap();
    let s: Value = c45
        .send_json(Request::get(format!("servers/{id}")))
        .await
        .unwrap();
    assert_eq!(s["server"]["locked"], true);
    act(json!({"unlock": null})).await.unwrap();
    // Metadata.
    let m: Value = compute
        .send_json(
            Request::post(format!("servers/{id}/metadata"))
                .json(&json!({"metadata": {"a": "1"}}))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(m["metadata"]["a"], "1");
    // Unknown flavor / bad body.
    let err = compute
        .send(
            Request::post("servers")
                .json(&json!({"server": {"name": "x", "flavorRef": "999", "imageRef": image}}))
                .unwrap(),
        )
        .await
        .err()
        .unwrap();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(400));
    let err = compute
        .send(Request::post("servers").body(bytes::Bytes::from_static(b"{not json")))
        .await
        .err()
        .unwrap();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(400));
    // Delete: DELETED for a moment, then 404 itemNotFound.
    compute
        .send(Request::delete(format!("servers/{id}")))
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(250)).await;
    let err = compute
        .send(Request::get(format!("servers/{id}")))
        .await
        .err()
        .unwrap();
    assert!(err.is_not_found());
    assert!(err.api_message().unwrap().contains("could not be found"));
}

#[tokio::test]
async fn microversions_and_version_document() {
    let emu = Emulator::start().await.unwrap();
    let p = admin(&emu).await;
    let compute = svc(&p, "compute");
    let c = compute.with_microversion("2.79".parse().unwrap());
    let resp = c.send(Request::get("flavors")).await.unwrap();
    assert_eq!(
        resp.header_str("openstack-api-version"),
        Some("compute 2.79")
    );
    let err = compute
        .with_microversion("2.200".parse().unwrap())
        .send(Request::get("flavors"))
        .await
        .err()
        .unwrap();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(406));
    let neg = compute
        .negotiate_microversion("2.90".parse().unwrap())
        .await
        .unwrap();
    assert_eq!(neg.microversion().unwrap().to_string(), "2.90");
    let r = raw(&emu, "compute", "/compute/v2.1/");
    let v: Value = r
        .send_json(Request::get("").unauthenticated())
        .await
        .unwrap();
    assert_eq!(v["version"]["version"], "2.96");
}

#[tokio::test]
async fn server_pagination_with_pager_and_filters() {
    let emu = Emulator::builder()
        .server_build_delay(Duration::ZERO)
        .start()
        .await
        .unwrap();
    let p = admin(&emu).await;
    let compute = svc(&p, "compute");
    for i in 0..5 {
        compute
            .send(
                Request::post("servers")
                    .json(&json!({"server": {"name": format!("pg-{i}"), "flavorRef": "1", "imageRef": emu_image(&compute).await, "networks": "none"}}))
                    .unwrap(),
            )
            .await
            .unwrap();
    }
    let all: Vec<Value> = Pager::linked(compute.clone(), Request::get("servers/detail"), "servers")
        .page_size(2)
        .try_collect_all()
        .await
        .unwrap();
    assert_eq!(all.len(), 5);
    let mut names: Vec<&str> = all.iter().map(|s| s["name"].as_str().unwrap()).collect();
    names.sort_unstable();
    assert_eq!(names, ["pg-0", "pg-1", "pg-2", "pg-3", "pg-4"]);
    let pages: Vec<_> = Pager::<Value>::linked(compute.clone(), Request::get("servers"), "servers")
        .page_size(2)
        .pages()
        .collect()
        .await;
    assert!(pages.len() >= 3);
    let f: Value = compute
        .send_json(
            Request::get("servers/detail")
                .query_pair("name", "pg-3")
                .query_pair("status", "ACTIVE"),
        )
        .await
        .unwrap();
    assert_eq!(f["servers"].as_array().unwrap().len(), 1);
    let err = compute
        .send(Request::get("servers").query_pair("marker", "nope"))
        .await
        .err()
        .unwrap();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(400));
}

async fn emu_image(compute: &ServiceClient) -> String {
    let images: Value = compute.send_json(Request::get("images")).await.unwrap();
    images["images"][0]["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn keypairs() {
    let emu = Emulator::start().await.unwrap();
    let p = admin(&emu).await;
    let compute = svc(&p, "compute").with_microversion("2.2".parse().unwrap());
    let k: Value = compute
        .send_json(
            Request::post("os-keypairs")
                .json(&json!({"keypair": {"name": "kp1"}}))
                .unwrap(),
        )
        .await
        .unwrap();
    assert!(k["keypair"]["private_key"]
        .as_str()
        .unwrap()
        .contains("PRIVATE KEY"));
    assert!(k["keypair"]["public_key"]
        .as_str()
        .unwrap()
        .starts_with("ssh-rsa "));
    let err = compute
        .send(
            Request::post("os-keypairs")
                .json(&json!({"keypair": {"name": "kp1"}}))
                .unwrap(),
        )
        .await
        .err()
        .unwrap();
    assert!(err.is_conflict());
    let pubkey = k["keypair"]["public_key"].as_str().unwrap();
    let imp: Value = compute
        .send_json(
            Request::post("os-keypairs")
                .json(&json!({"keypair": {"name": "kp2", "public_key": pubkey}}))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(imp["keypair"]["fingerprint"], k["keypair"]["fingerprint"]);
    let l: Value = compute
        .send_json(Request::get("os-keypairs"))
        .await
        .unwrap();
    assert_eq!(l["keypairs"].as_array().unwrap().len(), 2);
    compute
        .send(Request::delete("os-keypairs/kp1"))
        .await
        .unwrap();
    assert!(compute
        .send(Request::get("os-keypairs/kp1"))
        .await
        .err()
        .unwrap()
        .is_not_found());
}

#[tokio::test]
async fn neutron_resources() {
    let emu = Emulator::start().await.unwrap();
    let p = ProviderClient::authenticate(emu.demo_auth_options())
        .await
        .unwrap();
    let net = svc(&p, "network");
    let n: Value = net
        .send_json(
            Request::post("v2.0/networks")
                .json(&json!({"network": {"name": "n1"}}))
                .unwrap(),
        )
        .await
        .unwrap();
    let nid = n["network"]["id"].as_str().unwrap().to_owned();
    let err = net
        .send(
            Request::post("v2.0/subnets")
                .json(
                    &json!({"subnet": {"network_id": nid, "cidr": "10.1.0.0/33", "ip_version": 4}}),
                )
                .unwrap(),
        )
        .await
        .err()
        .unwrap();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(400));
    assert!(err.api_message().unwrap().contains("not a valid IP subnet"));
    let s: Value = net
        .send_json(
            Request::post("v2.0/subnets")
                .json(&json!({"subnet": {"network_id": nid, "cidr": "10.1.0.0/24", "ip_version": 4,
                                          "allocation_pools": [{"start": "10.1.0.100", "end": "10.1.0.101"}]}}))
                .unwrap(),
        )
        .await
        .unwrap();
    let sid = s["subnet"]["id"].as_str().unwrap().to_owned();
    assert_eq!(s["subnet"]["gateway_ip"], "10.1.0.1");
    let mut ips = Vec::new();
    for _ in 0..2 {
        let port: Value = net
            .send_json(
                Request::post("v2.0/ports")
                    .json(&json!({"port": {"network_id": nid}}))
                    .unwrap(),
            )
            .await
            .unwrap();
        ips.push(
            port["port"]["fixed_ips"][0]["ip_address"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    assert_eq!(ips, ["10.1.0.100", "10.1.0.101"]);
    let err = net
        .send(
            Request::post("v2.0/ports")
                .json(&json!({"port": {"network_id": nid}}))
                .unwrap(),
        )
        .await
        .err()
        .unwrap();
    assert!(err.is_conflict(), "pool exhausted: {err:?}");
    // Delete a network in use: 409.
    assert!(net
        .send(Request::delete(format!("v2.0/networks/{nid}")))
        .await
        .err()
        .unwrap()
        .is_conflict());
    // Default security group exists with rules.
    let sgs: Value = net
        .send_json(Request::get("v2.0/security-groups").query_pair("name", "default"))
        .await
        .unwrap();
    assert_eq!(sgs["security_groups"].as_array().unwrap().len(), 1);
    assert!(
        sgs["security_groups"][0]["security_group_rules"]
            .as_array()
            .unwrap()
            .len()
            >= 2
    );
    // Router with gateway and interface; floating IP.
    let nets: Value = net
        .send_json(Request::get("v2.0/networks").query_pair("router:external", "true"))
        .await
        .unwrap();
    let ext = nets["networks"][0]["id"].as_str().unwrap().to_owned();
    let r: Value = net
        .send_json(Request::post("v2.0/routers").json(&json!({"router": {"name": "r1", "external_gateway_info": {"network_id": ext}}})).unwrap())
        .await
        .unwrap();
    let rid = r["router"]["id"].as_str().unwrap().to_owned();
    assert!(
        r["router"]["external_gateway_info"]["external_fixed_ips"][0]["ip_address"]
            .as_str()
            .unwrap()
            .starts_with("172.24.4.")
    );
    let iface: Value = net
        .send_json(
            Request::put(format!("v2.0/routers/{rid}/add_router_interface"))
                .json(&json!({"subnet_id": sid}))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(iface["subnet_id"], sid.as_str());
    assert!(net
        .send(Request::delete(format!("v2.0/routers/{rid}")))
        .await
        .err()
        .unwrap()
        .is_conflict());
    let fip: Value = net
        .send_json(
            Request::post("v2.0/floatingips")
                .json(&json!({"floatingip": {"floating_network_id": ext}}))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(fip["floatingip"]["status"], "DOWN");
    // Not found shape.
    let err = net
        .send(Request::get("v2.0/networks/nope"))
        .await
        .err()
        .unwrap();
    assert!(err.is_not_found());
    assert!(err.api_message().unwrap().contains("could not be found"));
    // Pagination through the core.
    for i in 0..4 {
        net.send(
            Request::post("v2.0/networks")
                .json(&json!({"network": {"name": format!("pg{i}")}}))
                .unwrap(),
        )
        .await
        .unwrap();
    }
    let all: Vec<Value> = Pager::linked(net.clone(), Request::get("v2.0/networks"), "networks")
        .page_size(2)
        .try_collect_all()
        .await
        .unwrap();
    let unpaged: Value = net.send_json(Request::get("v2.0/networks")).await.unwrap();
    assert_eq!(all.len(), unpaged["networks"].as_array().unwrap().len());
    assert!(all.len() >= 6);
}

#[tokio::test]
async fn swift_objects_streaming_etag_listing_range_copy() {
    let emu = Emulator::start().await.unwrap();
    let p = admin(&emu).await;
    let swift = svc(&p, "object-store");
    let r = swift.send(Request::put("c1")).await.unwrap();
    assert_eq!(r.status().as_u16(), 201);
    let data: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
    let md5 = {
        use md5::Digest;
        hex::encode(md5::Md5::digest(&data))
    };
    // Streamed upload (chunked body).
    let chunks: Vec<Result<bytes::Bytes, std::io::Error>> = data
        .chunks(16_384)
        .map(|c| Ok(bytes::Bytes::copy_from_slice(c)))
        .collect();
    let body = openstack_core::Body::from_stream(futures::stream::iter(chunks));
    let r = swift
        .send(
            Request::put("c1/dir/big.bin")
                .header("ETag", &md5)
                .unwrap()
                .body(body),
        )
        .await
        .unwrap();
    assert_eq!(r.header_str("etag"), Some(md5.as_str()));
    // A wrong ETag: 422.
    let err = swift
        .send(
            Request::put("c1/bad")
                .header("ETag", "00000000000000000000000000000000")
                .unwrap()
                .body(bytes::Bytes::from_static(b"abc")),
        )
        .await
        .err()
        .unwrap();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(422));
    // Streamed download.
    let resp = swift.send(Request::get("c1/dir/big.bin")).await.unwrap();
    assert_eq!(resp.header_str("etag"), Some(md5.as_str()));
    let mut stream = resp.into_stream();
    let mut got = Vec::new();
    while let Some(chunk) = stream.next().await {
        got.extend_from_slice(&chunk.unwrap());
    }
    assert_eq!(got, data);
    // Range.
    let resp = swift
        .send(
            Request::get("c1/dir/big.bin")
                .header("Range", "bytes=10-19")
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 206);
    assert_eq!(resp.bytes().await.unwrap().as_ref(), &data[10..20]);
    // Listings.
    swift
        .send(Request::put("c1/a.txt").body(bytes::Bytes::from_static(b"hello")))
        .await
        .unwrap();
    let text = swift
        .send(Request::get("c1").header("Accept", "text/plain").unwrap())
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(text, "a.txt\ndir/big.bin\n");
    let v: Value = swift
        .send_json(
            Request::get("c1")
                .query_pair("format", "json")
                .query_pair("delimiter", "/"),
        )
        .await
        .unwrap();
    assert_eq!(v[0]["name"], "a.txt");
    assert_eq!(v[1]["subdir"], "dir/");
    let names: Vec<String> = Pager::text_lines(swift.clone(), Request::get("c1"))
        .page_size(1)
        .try_collect_all()
        .await
        .unwrap();
    assert_eq!(names, ["a.txt", "dir/big.bin"]);
    // Copy + X-Copy-From, metadata.
    swift
        .send(
            Request::new(
                openstack_core::http::Method::from_bytes(b"COPY").unwrap(),
                "c1/a.txt",
            )
            .header("Destination", "c1/b.txt")
            .unwrap(),
        )
        .await
        .unwrap();
    swift
        .send(
            Request::put("c1/c.txt")
                .header("X-Copy-From", "c1/a.txt")
                .unwrap(),
        )
        .await
        .unwrap();
    swift
        .send(
            Request::post("c1/c.txt")
                .header("X-Object-Meta-Color", "blue")
                .unwrap(),
        )
        .await
        .unwrap();
    let h = swift.send(Request::head("c1/c.txt")).await.unwrap();
    assert_eq!(h.header_str("x-object-meta-color"), Some("blue"));
    assert_eq!(h.header_str("content-length"), Some("5"));
    // Non-empty container: 409; bulk delete; then delete.
    assert!(swift
        .send(Request::delete("c1"))
        .await
        .err()
        .unwrap()
        .is_conflict());
    let bd: Value = swift
        .send_json(
            Request::post("")
                .query_pair("bulk-delete", "")
                .header("Accept", "application/json")
                .unwrap()
                .body(bytes::Bytes::from_static(
                    b"/c1/a.txt\n/c1/b.txt\n/c1/c.txt\n/c1/dir/big.bin\n/c1/missing\n",
                )),
        )
        .await
        .unwrap();
    assert_eq!(bd["Number Deleted"], 4);
    assert_eq!(bd["Number Not Found"], 1);
    swift.send(Request::delete("c1")).await.unwrap();
    let acct = swift.send(Request::head("")).await.unwrap();
    assert_eq!(acct.header_str("x-account-container-count"), Some("0"));
}

#[tokio::test]
async fn swift_large_objects() {
    let emu = Emulator::start().await.unwrap();
    let p = admin(&emu).await;
    let swift = svc(&p, "object-store");
    swift.send(Request::put("segs")).await.unwrap();
    swift
        .send(Request::put("segs/s1").body(bytes::Bytes::from_static(b"hello ")))
        .await
        .unwrap();
    swift
        .send(Request::put("segs/s2").body(bytes::Bytes::from_static(b"world")))
        .await
        .unwrap();
    let etag1 = swift
        .send(Request::head("segs/s1"))
        .await
        .unwrap()
        .header_str("etag")
        .unwrap()
        .to_owned();
    // SLO with a wrong size: 400.
    let err = swift
        .send(
            Request::put("segs/manifest-slo")
                .query_pair("multipart-manifest", "put")
                .json(&json!([{"path": "/segs/s1", "size_bytes": 99}]))
                .unwrap(),
        )
        .await
        .err()
        .unwrap();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(400));
    swift
        .send(
            Request::put("segs/manifest-slo")
                .query_pair("multipart-manifest", "put")
                .json(&json!([{"path": "/segs/s1", "etag": etag1, "size_bytes": 6}, {"path": "/segs/s2"}])).unwrap(),
        )
        .await
        .unwrap();
    let got = swift.send(Request::get("segs/manifest-slo")).await.unwrap();
    assert_eq!(got.header_str("x-static-large-object"), Some("True"));
    assert_eq!(got.bytes().await.unwrap().as_ref(), b"hello world");
    // DLO.
    swift
        .send(
            Request::put("segs/manifest-dlo")
                .header("X-Object-Manifest", "segs/s")
                .unwrap(),
        )
        .await
        .unwrap();
    let got = swift
        .send(Request::get("segs/manifest-dlo"))
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(got.as_ref(), b"hello world");
    // Delete the SLO with its segments.
    swift
        .send(Request::delete("segs/manifest-slo").query_pair("multipart-manifest", "delete"))
        .await
        .unwrap();
    assert!(swift
        .send(Request::head("segs/s1"))
        .await
        .err()
        .unwrap()
        .is_not_found());
}

#[tokio::test]
async fn swift_temp_url_without_token() {
    use hmac::{Hmac, KeyInit, Mac};
    let emu = Emulator::start().await.unwrap();
    let p = admin(&emu).await;
    let swift = svc(&p, "object-store");
    swift
        .send(
            Request::post("")
                .header("X-Account-Meta-Temp-URL-Key", "k3y")
                .unwrap(),
        )
        .await
        .unwrap();
    swift.send(Request::put("pub")).await.unwrap();
    swift
        .send(Request::put("pub/file.txt").body(bytes::Bytes::from_static(b"temp data")))
        .await
        .unwrap();
    let path = format!(
        "{}/pub/file.txt",
        swift.endpoint().path().trim_end_matches('/')
    );
    let expires = time::OffsetDateTime::now_utc().unix_timestamp() + 60;
    let sign = |method: &str, key: &str| {
        let mut mac = Hmac::<sha2::Sha256>::new_from_slice(key.as_bytes()).unwrap();
        mac.update(format!("{method}\n{expires}\n{path}").as_bytes());
        hex::encode(mac.finalize().into_bytes())
    };
    let anon = raw(&emu, "object-store", "");
    let resp = anon
        .send(
            Request::get(path.trim_start_matches('/'))
                .unauthenticated()
                .query_pair("temp_url_sig", &sign("GET", "k3y"))
                .query_pair("temp_url_expires", &expires.to_string()),
        )
        .await
        .unwrap();
    assert!(resp
        .header_str("content-disposition")
        .unwrap()
        .contains("file.txt"));
    assert_eq!(resp.bytes().await.unwrap().as_ref(), b"temp data");
    let err = anon
        .send(
            Request::get(path.trim_start_matches('/'))
                .unauthenticated()
                .query_pair("temp_url_sig", &sign("GET", "wrong"))
                .query_pair("temp_url_expires", &expires.to_string()),
        )
        .await
        .err()
        .unwrap();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
    // Without a token or signature: 401.
    let err = anon
        .send(Request::get(path.trim_start_matches('/')).unauthenticated())
        .await
        .err()
        .unwrap();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
    // /info needs nothing.
    let info: Value = anon
        .send_json(Request::get("object-store/info").unauthenticated())
        .await
        .unwrap();
    assert!(info["tempurl"]["allowed_digests"].as_array().unwrap().len() == 3);
}

#[tokio::test]
async fn glance_and_cinder() {
    let emu = Emulator::builder()
        .volume_delay(Duration::from_millis(50))
        .start()
        .await
        .unwrap();
    let p = admin(&emu).await;
    let glance = svc(&p, "image");
    let img: Value = glance
        .send_json(
            Request::post("v2/images")
                .json(&json!({"name": "up", "disk_format": "raw", "container_format": "bare"}))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(img["status"], "queued");
    let id = img["id"].as_str().unwrap().to_owned();
    glance
        .send(
            Request::put(format!("v2/images/{id}/file"))
                .header("Content-Type", "application/octet-stream")
                .unwrap()
                .body(bytes::Bytes::from_static(b"IMAGEDATA")),
        )
        .await
        .unwrap();
    let img: Value = glance
        .send_json(Request::get(format!("v2/images/{id}")))
        .await
        .unwrap();
    assert_eq!(img["status"], "active");
    assert_eq!(img["size"], 9);
    assert_eq!(img["os_hash_algo"], "sha512");
    let data = glance
        .send(Request::get(format!("v2/images/{id}/file")))
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(data.as_ref(), b"IMAGEDATA");
    let patched: Value = glance
        .send_json(
            Request::patch(format!("v2/images/{id}"))
                .header("Content-Type", "application/openstack-images-v2.1-json-patch").unwrap()
                .body(bytes::Bytes::from(serde_json::to_vec(&json!([{"op": "replace", "path": "/name", "value": "renamed"}, {"op": "add", "path": "/color", "value": "red"}])).unwrap())),
        )
        .await
        .unwrap();
    assert_eq!(patched["name"], "renamed");
    assert_eq!(patched["color"], "red");
    let all: Vec<Value> = Pager::linked(glance.clone(), Request::get("v2/images"), "images")
        .page_size(1)
        .try_collect_all()
        .await
        .unwrap();
    assert_eq!(all.len(), 2);
    glance
        .send(Request::delete(format!("v2/images/{id}")))
        .await
        .unwrap();
    let err = glance
        .send(Request::get(format!("v2/images/{id}")))
        .await
        .err()
        .unwrap();
    assert!(err.is_not_found());

    let cinder = svc(&p, "block-storage");
    let v: Value = cinder
        .send_json(
            Request::post("volumes")
                .json(&json!({"volume": {"size": 1, "name": "v1"}}))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(v["volume"]["status"], "creating");
    let vid = v["volume"]["id"].as_str().unwrap().to_owned();
    let c = cinder.clone();
    let vid2 = vid.clone();
    Waiter::new(Duration::from_secs(5))
        .initial_delay(Duration::from_millis(20))
        .until(move || {
            let c = c.clone();
            let vid = vid2.clone();
            async move {
                let v: Value = c.send_json(Request::get(format!("volumes/{vid}"))).await?;
                Ok((v["volume"]["status"] == "available").then_some(()))
            }
        })
        .await
        .unwrap();
    cinder
        .send(
            Request::post(format!("volumes/{vid}/action"))
                .json(&json!({"os-extend": {"new_size": 2}}))
                .unwrap(),
        )
        .await
        .unwrap();
    let err = cinder
        .send(
            Request::post(format!("volumes/{vid}/action"))
                .json(&json!({"os-extend": {"new_size": 2}}))
                .unwrap(),
        )
        .await
        .err()
        .unwrap();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(400), "extending now");
    tokio::time::sleep(Duration::from_millis(100)).await;
    let v: Value = cinder
        .send_json(Request::get(format!("volumes/{vid}")))
        .await
        .unwrap();
    assert_eq!(v["volume"]["size"], 2);
    let s: Value = cinder
        .send_json(
            Request::post("snapshots")
                .json(&json!({"snapshot": {"volume_id": vid, "name": "s1"}}))
                .unwrap(),
        )
        .await
        .unwrap();
    let sid = s["snapshot"]["id"].as_str().unwrap().to_owned();
    let err = cinder
        .send(Request::delete(format!("volumes/{vid}")))
        .await
        .err()
        .unwrap();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(400), "has snapshots");
    tokio::time::sleep(Duration::from_millis(100)).await;
    cinder
        .send(Request::delete(format!("snapshots/{sid}")))
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    cinder
        .send(Request::delete(format!("volumes/{vid}")))
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    let err = cinder
        .send(Request::get(format!("volumes/{vid}")))
        .await
        .err()
        .unwrap();
    assert!(err.is_not_found());
}

#[tokio::test]
async fn shutdown_and_fixed_port() {
    let emu = Emulator::start().await.unwrap();
    let port = emu.addr().port();
    emu.shutdown().await;
    // The port is free again: start another emulator on it.
    let emu = Emulator::builder().port(port).start().await.unwrap();
    assert_eq!(emu.addr().port(), port);
    ProviderClient::authenticate(emu.auth_options())
        .await
        .unwrap();
}

#[tokio::test]
async fn expired_tokens_are_rejected_and_the_core_reauthenticates() {
    let emu = Emulator::builder()
        .token_ttl(Duration::from_secs(1))
        .start()
        .await
        .unwrap();
    // No refresh margin: the core keeps the token until the server rejects it.
    let p = ProviderClient::builder()
        .auth_options(emu.auth_options())
        .refresh_margin(Duration::ZERO)
        .build()
        .await
        .unwrap();
    let first = p.token().await.unwrap().id.expose_secret().to_owned();
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let r = raw(&emu, "network", "/network");
    let err = r
        .send(
            Request::get("v2.0/networks")
                .unauthenticated()
                .header("X-Auth-Token", &first)
                .unwrap(),
        )
        .await
        .err()
        .unwrap();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401), "expired");
    let net = svc(&p, "network");
    let v: Value = net.send_json(Request::get("v2.0/networks")).await.unwrap();
    assert!(v["networks"].is_array());
    assert_ne!(p.token().await.unwrap().id.expose_secret(), first.as_str());
}

#[tokio::test]
async fn projects_are_isolated() {
    let emu = Emulator::builder()
        .server_build_delay(Duration::ZERO)
        .start()
        .await
        .unwrap();
    let admin = admin(&emu).await;
    let demo = ProviderClient::authenticate(emu.demo_auth_options())
        .await
        .unwrap();
    let (ac, dc) = (svc(&admin, "compute"), svc(&demo, "compute"));
    let image = emu_image(&ac).await;
    let created: Value = ac
        .send_json(
            Request::post("servers")
                .json(&json!({"server": {"name": "admins", "flavorRef": "1", "imageRef": image, "networks": "none"}}))
                .unwrap(),
        )
        .await
        .unwrap();
    let id = created["server"]["id"].as_str().unwrap();
    let v: Value = dc.send_json(Request::get("servers")).await.unwrap();
    assert!(v["servers"].as_array().unwrap().is_empty());
    assert!(dc
        .send(Request::get(format!("servers/{id}")))
        .await
        .err()
        .unwrap()
        .is_not_found());
    // Admin sees everything with all_tenants.
    let v: Value = ac
        .send_json(Request::get("servers").query_pair("all_tenants", "1"))
        .await
        .unwrap();
    assert_eq!(v["servers"].as_array().unwrap().len(), 1);
    // Swift accounts are per project: demo cannot read admin's account.
    let admin_swift = svc(&admin, "object-store");
    admin_swift.send(Request::put("private")).await.unwrap();
    let demo_swift = svc(&demo, "object-store");
    let url = admin_swift.endpoint().as_str().to_owned();
    let err = demo_swift
        .send(Request::get(format!("{url}/private")))
        .await
        .err()
        .unwrap();
    assert!(err.is_forbidden(), "{err:?}");
    // Demo's own Neutron view: its private network plus the shared and external ones.
    let nets: Value = svc(&demo, "network")
        .send_json(Request::get("v2.0/networks"))
        .await
        .unwrap();
    let mut names: Vec<&str> = nets["networks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["name"].as_str().unwrap())
        .collect();
    names.sort_unstable();
    assert_eq!(names, ["private", "public", "shared"]);
}

#[tokio::test]
async fn swift_expiring_objects() {
    let emu = Emulator::start().await.unwrap();
    let p = admin(&emu).await;
    let swift = svc(&p, "object-store");
    swift.send(Request::put("exp")).await.unwrap();
    swift
        .send(
            Request::put("exp/soon")
                .header("X-Delete-After", "1")
                .unwrap()
                .body(bytes::Bytes::from_static(b"x")),
        )
        .await
        .unwrap();
    let h = swift.send(Request::head("exp/soon")).await.unwrap();
    assert!(h.header_str("x-delete-at").is_some());
    tokio::time::sleep(Duration::from_millis(2100)).await;
    assert!(swift
        .send(Request::head("exp/soon"))
        .await
        .err()
        .unwrap()
        .is_not_found());
}

#[tokio::test]
async fn volume_types_and_identity_reads() {
    let emu = Emulator::start().await.unwrap();
    let p = admin(&emu).await;
    let cinder = svc(&p, "block-storage");
    let t: Value = cinder
        .send_json(
            Request::post("types")
                .json(&json!({"volume_type": {"name": "fast", "os-volume-type-access:is_public": false, "extra_specs": {"k": "v"}}}))
                .unwrap(),
        )
        .await
        .unwrap();
    let tid = t["volume_type"]["id"].as_str().unwrap().to_owned();
    let demo = emu.project_id("demo").unwrap();
    cinder
        .send(
            Request::post(format!("types/{tid}/action"))
                .json(&json!({"addProjectAccess": {"project": demo}}))
                .unwrap(),
        )
        .await
        .unwrap();
    let acc: Value = cinder
        .send_json(Request::get(format!("types/{tid}/os-volume-type-access")))
        .await
        .unwrap();
    assert_eq!(acc["volume_type_access"][0]["project_id"], demo.as_str());
    // Demo sees the private type it was given, and can create a volume of that type.
    let d = emu.demo_provider().await.unwrap();
    let dc = svc(&d, "block-storage");
    let types: Value = dc.send_json(Request::get("types")).await.unwrap();
    assert!(types["volume_types"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["name"] == "fast"));
    let v: Value = dc
        .send_json(
            Request::post("volumes")
                .json(&json!({"volume": {"size": 1, "volume_type": "fast"}}))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(v["volume"]["volume_type"], "fast");
    let err = dc
        .send(
            Request::post("volumes")
                .json(&json!({"volume": {"size": 1, "volume_type": "nope"}}))
                .unwrap(),
        )
        .await
        .unwrap_err();
    assert!(err.is_not_found());
    // Types in use cannot be deleted.
    let err = cinder
        .send(Request::delete(format!("types/{tid}")))
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(400));
    // Keystone reads: projects by name; as with Keystone's policy, demo may not list users.
    let identity = svc(&p, "identity");
    let projects: Value = identity
        .send_json(Request::get("v3/projects").query_pair("name", "demo"))
        .await
        .unwrap();
    assert_eq!(projects["projects"][0]["id"], demo.as_str());
    let err = svc(&d, "identity")
        .send_json::<Value>(Request::get("v3/users"))
        .await
        .unwrap_err();
    assert!(err.is_forbidden(), "{err}");
}

#[tokio::test]
async fn glance_import_and_members() {
    let emu = Emulator::start().await.unwrap();
    let p = admin(&emu).await;
    let glance = svc(&p, "image");
    let img: Value = glance
        .send_json(
            Request::post("v2/images")
                .json(&json!({"name": "imp", "disk_format": "raw", "container_format": "bare", "visibility": "shared"}))
                .unwrap(),
        )
        .await
        .unwrap();
    let id = img["id"].as_str().unwrap().to_owned();
    glance
        .send(
            Request::put(format!("v2/images/{id}/stage"))
                .header("Content-Type", "application/octet-stream")
                .unwrap()
                .body(bytes::Bytes::from_static(b"staged")),
        )
        .await
        .unwrap();
    glance
        .send(
            Request::post(format!("v2/images/{id}/import"))
                .json(&json!({"method": {"name": "glance-direct"}}))
                .unwrap(),
        )
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    let v: Value = glance
        .send_json(Request::get(format!("v2/images/{id}")))
        .await
        .unwrap();
    assert_eq!(v["status"], "active");
    assert_eq!(v["size"], 6);
    // Share with demo: demo sees it, accepts it.
    let demo = emu.project_id("demo").unwrap();
    let m: Value = glance
        .send_json(
            Request::post(format!("v2/images/{id}/members"))
                .json(&json!({"member": demo}))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(m["status"], "pending");
    let d = emu.demo_provider().await.unwrap();
    let dg = svc(&d, "image");
    let _: Value = dg
        .send_json(Request::get(format!("v2/images/{id}")))
        .await
        .unwrap();
    let m: Value = dg
        .send_json(
            Request::put(format!("v2/images/{id}/members/{demo}"))
                .json(&json!({"status": "accepted"}))
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(m["status"], "accepted");
    glance
        .send(Request::delete(format!("v2/images/{id}/members/{demo}")))
        .await
        .unwrap();
    assert!(dg
        .send(Request::get(format!("v2/images/{id}")))
        .await
        .unwrap_err()
        .is_not_found());
}
