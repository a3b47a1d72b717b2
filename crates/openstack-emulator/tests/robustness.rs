//! Malformed input gets a 4xx with the service's error shape — never a 5xx, a panic (a
//! dropped connection) or a hang.
#![allow(clippy::unwrap_used)]

use std::time::Duration;

use openstack_core::http::Method;
use openstack_core::{EndpointOpts, ProviderClient, Request};
use openstack_emulator::Emulator;

#[tokio::test]
async fn malformed_requests_get_4xx() {
    let emu = Emulator::start().await.unwrap();
    let p = ProviderClient::authenticate(emu.auth_options())
        .await
        .unwrap();
    let token = {
        let t = p.token().await.unwrap();
        secrecy::ExposeSecret::expose_secret(&t.id).to_owned()
    };
    let admin = emu.project_id("admin").unwrap();
    let raw = ProviderClient::builder()
        .endpoint_override("x", emu.url())
        .build_lazy()
        .unwrap()
        .service_client(EndpointOpts::new("x"))
        .unwrap();
    let bodies: [&[u8]; 7] = [
        b"",
        b"{",
        b"[]",
        b"null",
        b"{\"server\": 5}",
        b"{\"a\": {\"b\": [1, 2, {\"c\": null}]}}",
        b"\xff\xfe\x00garbage",
    ];
    let paths = [
        "identity/v3/auth/tokens".to_owned(),
        "identity/v2.0/tokens".to_owned(),
        "identity/v3/projects".to_owned(),
        "identity/v3/projects/nope".to_owned(),
        "identity/v3/users".to_owned(),
        "identity/v3/users/nope".to_owned(),
        "identity/v3/roles".to_owned(),
        "identity/v3/roles/nope".to_owned(),
        "identity/v3/role_assignments".to_owned(),
        "identity/v3/projects/nope/users/nope/roles/nope".to_owned(),
        "identity/v3/domains/default/users/nope/roles".to_owned(),
        "compute/v2.1/servers".to_owned(),
        "compute/v2.1/servers/nope/action".to_owned(),
        "compute/v2.1/servers/nope/metadata/k".to_owned(),
        "compute/v2.1/os-keypairs".to_owned(),
        "network/v2.0/networks".to_owned(),
        "network/v2.0/subnets".to_owned(),
        "network/v2.0/ports".to_owned(),
        "network/v2.0/routers".to_owned(),
        "network/v2.0/floatingips".to_owned(),
        "network/v2.0/security-group-rules".to_owned(),
        "network/v2.0/routers/nope/add_router_interface".to_owned(),
        format!("object-store/v1/AUTH_{admin}/c%ff%00/o%2"),
        format!("object-store/v1/AUTH_{admin}"),
        format!("volume/v3/{admin}/volumes"),
        format!("volume/v3/{admin}/snapshots"),
        format!("volume/v3/{admin}/volumes/nope/action"),
        format!("volume/v3/{admin}/volumes/nope/metadata"),
        format!("volume/v1/{admin}/volumes"),
        format!("volume/v1/{admin}/volumes/nope"),
        format!("volume/v1/{admin}/snapshots"),
        format!("volume/v1/{admin}/volumes/nope/metadata"),
        "image/v2/images".to_owned(),
        "image/v2/images/nope".to_owned(),
        "image/v2/images/nope/file".to_owned(),
        "nowhere/at/all".to_owned(),
    ];
    let methods = [
        Method::POST,
        Method::PUT,
        Method::PATCH,
        Method::GET,
        Method::DELETE,
    ];
    let mut n = 0;
    for path in &paths {
        for m in &methods {
            for body in bodies {
                let req = Request::new(m.clone(), path.clone())
                    .unauthenticated()
                    .header("X-Auth-Token", &token)
                    .unwrap()
                    .header("Content-Type", "application/json")
                    .unwrap()
                    .query_pair("limit", "x")
                    .body(bytes::Bytes::from_static(body));
                let res = tokio::time::timeout(Duration::from_secs(10), raw.send(req))
                    .await
                    .unwrap_or_else(|_| panic!("{m} {path} hung"));
                match res {
                    Ok(r) => assert!(r.status().as_u16() < 500, "{m} {path}: {}", r.status()),
                    Err(e) => {
                        let s = e
                            .status()
                            .unwrap_or_else(|| panic!("{m} {path} {body:?}: no response: {e}"));
                        assert!(s.as_u16() < 500, "{m} {path} {body:?}: {s}");
                    }
                }
                n += 1;
            }
        }
    }
    println!("robustness: {n} malformed requests, all answered with < 500");
    // Invalid microversions and tokens.
    let err = raw
        .send(
            Request::get("compute/v2.1/servers")
                .unauthenticated()
                .header("X-Auth-Token", &token)
                .unwrap()
                .header("OpenStack-API-Version", "compute banana")
                .unwrap(),
        )
        .await
        .err()
        .unwrap();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(400));
}
