//! LBaaS v1 against httpmock. The current API reference has no LBaaS v1 samples (Neutron
//! removed it in Newton), so the fixtures here follow the old v1 reference's shapes; the
//! real Neutron 29 of the harness has no LBaaS v1 either.

mod common;

use common::{catch_all, client};
use futures::TryStreamExt;
use httpmock::prelude::*;
use openstack_network::lbaas::{members, monitors, pools, vips};
use serde_json::json;

const SUBNET: &str = "1981f108-3c48-48d2-b908-30f7d28532c9";
const POOL: &str = "72741b06-df4d-4715-b142-276b6bce75ab";

fn pool_json() -> serde_json::Value {
    json!({
        "status": "PENDING_CREATE", "lb_method": "ROUND_ROBIN", "protocol": "HTTP",
        "description": "", "health_monitors": [], "members": [], "status_description": null,
        "id": POOL, "vip_id": null, "name": "Example pool", "admin_state_up": true,
        "subnet_id": SUBNET, "tenant_id": "2ffc6e22aae24e4795f87155d24c896f",
        "health_monitors_status": [], "provider": "haproxy"
    })
}

#[tokio::test]
async fn pools_members_monitors_vips() {
    let server = MockServer::start_async().await;
    let create_pool = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/v2.0/lb/pools")
                .json_body(json!({"pool": {
                "subnet_id": SUBNET, "protocol": "HTTP", "lb_method": "ROUND_ROBIN",
                "name": "Example pool"}}));
            then.status(201).json_body(json!({"pool": pool_json()}));
        })
        .await;
    let list_pools = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/v2.0/lb/pools")
                .query_param("subnet_id", SUBNET);
            then.status(200).json_body(json!({"pools": [pool_json()]}));
        })
        .await;
    let member = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/v2.0/lb/members")
                .json_body(json!({"member": {
                "pool_id": POOL, "address": "10.0.0.11", "protocol_port": 80, "weight": 2}}));
            then.status(201).json_body(json!({"member": {
                "id": "975592ca-e308-48ad-8298-731935ee9f45", "address": "10.0.0.11",
                "protocol_port": 80, "weight": 2, "pool_id": POOL, "admin_state_up": true,
                "status": "PENDING_CREATE", "tenant_id": "453105b9-1754-413f-aab1-55f1af620750"}}));
        })
        .await;
    let monitor = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/v2.0/lb/health_monitors")
                .json_body(json!({"health_monitor": {
                "type": "HTTP", "delay": 20, "timeout": 10, "max_retries": 5,
                "url_path": "/check", "expected_codes": "200-299"}}));
            then.status(201).json_body(json!({"health_monitor": {
                "id": "f3eeab00-8367-4524-b662-55e64d4cacb5", "type": "HTTP", "delay": 20,
                "timeout": 10, "max_retries": 5, "http_method": "GET", "url_path": "/check",
                "expected_codes": "200-299", "admin_state_up": true, "status": "ACTIVE",
                "tenant_id": "453105b9-1754-413f-aab1-55f1af620750", "pools": []}}));
        })
        .await;
    let associate = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(format!("/v2.0/lb/pools/{POOL}/health_monitors"))
                .json_body(
                    json!({"health_monitor": {"id": "f3eeab00-8367-4524-b662-55e64d4cacb5"}}),
                );
            then.status(201).json_body(json!({"health_monitor": {}}));
        })
        .await;
    let disassociate = server
        .mock_async(|when, then| {
            when.method(DELETE).path(format!(
                "/v2.0/lb/pools/{POOL}/health_monitors/f3eeab00-8367-4524-b662-55e64d4cacb5"
            ));
            then.status(204);
        })
        .await;
    let vip = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/v2.0/lb/vips")
                .json_body(json!({"vip": {
                "pool_id": POOL, "subnet_id": SUBNET, "protocol": "HTTP", "protocol_port": 80,
                "name": "NewVip", "session_persistence": {"type": "HTTP_COOKIE"}}}));
            then.status(201).json_body(json!({"vip": {
                "id": "c987d2be-9a3c-4ac9-a046-e8716b1350e2", "name": "NewVip",
                "status": "PENDING_CREATE", "protocol": "HTTP", "protocol_port": 80,
                "address": "10.0.0.2", "subnet_id": SUBNET, "pool_id": POOL,
                "port_id": "b4df3fe4-d2c8-4b6b-9c29-1e3b5b4e39b6", "connection_limit": -1,
                "session_persistence": {"type": "HTTP_COOKIE"}, "admin_state_up": true,
                "description": "", "tenant_id": "83657cfcdfe44cd5920adaf26c48ceea"}}));
        })
        .await;
    let vip_update = server
        .mock_async(|when, then| {
            when.method(PUT)
                .path("/v2.0/lb/vips/c987d2be-9a3c-4ac9-a046-e8716b1350e2")
                .json_body(json!({"vip": {"session_persistence": null, "connection_limit": 1000}}));
            then.status(200).json_body(json!({"vip": {
                "id": "c987d2be-9a3c-4ac9-a046-e8716b1350e2", "session_persistence": null,
                "connection_limit": 1000, "protocol_port": "80"}}));
        })
        .await;
    let delete_pool = server
        .mock_async(|when, then| {
            when.method(DELETE).path(format!("/v2.0/lb/pools/{POOL}"));
            then.status(204);
        })
        .await;
    let c = catch_all(&server).await;
    let cl = client(&server);

    let pool = pools::create(
        &cl,
        pools::CreateOpts::new(SUBNET, "HTTP", pools::LbMethod::RoundRobin).name("Example pool"),
    )
    .await
    .expect("pool");
    create_pool.assert_async().await;
    assert_eq!(pool.lb_method, pools::LbMethod::RoundRobin);
    assert_eq!(pool.vip_id, None);
    let all: Vec<_> = pools::list(&cl, pools::ListOpts::new().subnet_id(SUBNET))
        .try_collect()
        .await
        .expect("list");
    list_pools.assert_async().await;
    assert_eq!(all[0].provider.as_deref(), Some("haproxy"));

    let m = members::create(
        &cl,
        members::CreateOpts::new(POOL, "10.0.0.11", 80).weight(2),
    )
    .await
    .expect("member");
    member.assert_async().await;
    assert_eq!((m.protocol_port, m.weight), (Some(80), Some(2)));

    let hm = monitors::create(
        &cl,
        monitors::CreateOpts::new("HTTP", 20, 10, 5)
            .url_path("/check")
            .expected_codes("200-299"),
    )
    .await
    .expect("monitor");
    monitor.assert_async().await;
    assert_eq!(hm.kind, "HTTP");
    pools::associate_monitor(&cl, POOL, &hm.id)
        .await
        .expect("associate");
    associate.assert_async().await;
    pools::disassociate_monitor(&cl, POOL, &hm.id)
        .await
        .expect("disassociate");
    disassociate.assert_async().await;

    let v = vips::create(
        &cl,
        vips::CreateOpts::new(POOL, SUBNET, "HTTP", 80)
            .name("NewVip")
            .session_persistence(vips::SessionPersistence::new("HTTP_COOKIE")),
    )
    .await
    .expect("vip");
    vip.assert_async().await;
    assert_eq!(v.address, "10.0.0.2");
    assert_eq!(v.connection_limit, Some(-1));
    let v = vips::update(
        &cl,
        &v.id,
        vips::UpdateOpts::new()
            .clear_session_persistence()
            .connection_limit(1000),
    )
    .await
    .expect("vip update");
    vip_update.assert_async().await;
    assert_eq!(v.session_persistence, None);
    assert_eq!(v.protocol_port, Some(80));

    pools::delete(&cl, POOL).await.expect("delete");
    delete_pool.assert_async().await;
    assert_eq!(c.calls_async().await, 0);
}

#[test]
fn lbaas_paths() {
    assert_eq!(members::delete_request("m").path(), "lb/members/m");
    assert_eq!(monitors::get_request("h").path(), "lb/health_monitors/h");
    assert_eq!(vips::get_request("v").path(), "lb/vips/v");
    let r = pools::list_request(&pools::ListOpts::new().lb_method("SOURCE_IP").limit(5))
        .expect("request");
    assert_eq!(r.path(), "lb/pools");
    assert_eq!(r.query_string(), Some("lb_method=SOURCE_IP&limit=5"));
}
