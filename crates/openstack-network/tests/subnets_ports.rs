//! Subnets and ports against httpmock, serving the official response samples.

mod common;

use common::{catch_all, client, sample, sample_text};
use futures::TryStreamExt;
use httpmock::prelude::*;
use openstack_network::{ports, subnets, FixedIp};
use serde_json::json;

#[tokio::test]
async fn subnet_crud() {
    let server = MockServer::start_async().await;
    let create = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/v2.0/subnets")
                .json_body(sample("subnets/subnet-create-request.json"));
            then.status(201)
                .body(sample_text("subnets/subnet-create-response.json"));
        })
        .await;
    let list = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/v2.0/subnets")
                .query_param("network_id", "db193ab3-96e3-4cb3-8fc5-05f4296d0324");
            then.status(200)
                .body(sample_text("subnets/subnets-list-response.json"));
        })
        .await;
    let update = server
        .mock_async(|when, then| {
            when.method(PUT)
                .path("/v2.0/subnets/s1")
                .json_body(json!({"subnet": {"gateway_ip": null}}));
            then.status(200)
                .body(sample_text("subnets/subnet-update-response.json"));
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method(DELETE).path("/v2.0/subnets/s1");
            then.status(204);
        })
        .await;
    catch_all(&server).await;
    let cl = client(&server);
    let s = subnets::create(
        &cl,
        subnets::CreateOpts::new(
            "d32019d3-bc6e-4319-9c1d-6722fc136a22",
            subnets::IpVersion::V4,
        )
        .cidr("192.168.199.0/24"),
    )
    .await
    .expect("create");
    create.assert_async().await;
    let want = sample("subnets/subnet-create-response.json")["subnet"].clone();
    assert_eq!(s.cidr, want["cidr"].as_str().expect("cidr"));
    assert_eq!(s.gateway_ip.as_deref(), want["gateway_ip"].as_str());
    assert_eq!(s.ip_version, subnets::IpVersion::V4);
    assert_eq!(
        s.allocation_pools[0].start,
        want["allocation_pools"][0]["start"]
            .as_str()
            .expect("start")
    );
    let all: Vec<_> = subnets::list(
        &cl,
        subnets::ListOpts::new().network_id("db193ab3-96e3-4cb3-8fc5-05f4296d0324"),
    )
    .try_collect()
    .await
    .expect("list");
    list.assert_async().await;
    let want = sample("subnets/subnets-list-response.json");
    assert_eq!(all.len(), want["subnets"].as_array().expect("list").len());
    assert_eq!(all[0].name, "private-subnet");
    assert_eq!(all[1].cidr, "192.0.0.0/8");
    subnets::update(&cl, "s1", subnets::UpdateOpts::new().clear_gateway_ip())
        .await
        .expect("update");
    update.assert_async().await;
    subnets::delete(&cl, "s1").await.expect("delete");
    delete.assert_async().await;
}

#[tokio::test]
async fn port_crud_and_binding_fields() {
    let server = MockServer::start_async().await;
    let create = server
        .mock_async(|when, then| {
            when.method(POST).path("/v2.0/ports").json_body(
                json!({"port": {"network_id": "n1", "fixed_ips": [{"subnet_id": "s1"}]}}),
            );
            then.status(201)
                .body(sample_text("ports/port-create-response.json"));
        })
        .await;
    let get = server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.0/ports/bound");
            then.status(200)
                .body(sample_text("ports/port-bind-show-response.json"));
        })
        .await;
    let list = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/v2.0/ports")
                .query_param("device_owner", "network:router_gateway")
                .query_param("fields", "id");
            then.status(200)
                .body(sample_text("ports/ports-list-response.json"));
        })
        .await;
    let update = server
        .mock_async(|when, then| {
            when.method(PUT)
                .path("/v2.0/ports/p1")
                .json_body(sample("ports/port-update-request.json"));
            then.status(200)
                .body(sample_text("ports/port-update-response.json"));
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method(DELETE).path("/v2.0/ports/p1");
            then.status(204);
        })
        .await;
    catch_all(&server).await;
    let cl = client(&server);

    let p = ports::create(
        &cl,
        ports::CreateOpts::new("n1").fixed_ips([FixedIp::subnet("s1")]),
    )
    .await
    .expect("create");
    create.assert_async().await;
    let want = sample("ports/port-create-response.json")["port"].clone();
    assert_eq!(p.mac_address, want["mac_address"].as_str().expect("mac"));
    assert_eq!(
        p.fixed_ips[0].ip_address,
        want["fixed_ips"][0]["ip_address"].as_str().expect("ip")
    );
    assert_eq!(p.allowed_address_pairs[0].mac_address, "fa:14:2a:b3:cb:f0");

    let b = ports::get(&cl, "bound").await.expect("get");
    get.assert_async().await;
    assert_eq!(b.host_id, "devstack");
    assert_eq!(b.vif_type, "ovs");
    assert_eq!(b.vnic_type, "normal");
    assert_eq!(b.vif_details.get("port_filter"), Some(&json!(true)));
    assert_eq!(b.extra_dhcp_opts[0].opt_name, "bootfile-name");
    assert_eq!(b.status, ports::Status::Active);

    let all: Vec<_> = ports::list(
        &cl,
        ports::ListOpts::new()
            .device_owner("network:router_gateway")
            .fields(["id"]),
    )
    .try_collect()
    .await
    .expect("list");
    list.assert_async().await;
    assert_eq!(
        all.len(),
        sample("ports/ports-list-response.json")["ports"]
            .as_array()
            .expect("ports")
            .len()
    );

    let u = ports::update(
        &cl,
        "p1",
        ports::UpdateOpts::new()
            .admin_state_up(true)
            .device_id("d90a13da-be41-461f-9f99-1dbcf438fdf2")
            .device_owner("compute:nova")
            .name("test-for-port-update")
            .qos_policy_id("29d5e02e-d5ab-4929-bee4-4a9fc12e22ae")
            .propagate_uplink_status(true)
            .extra("pvlan_type", json!("community"))
            .extra("pvlan_community", json!("community_1")),
    )
    .await
    .expect("update");
    update.assert_async().await;
    assert_eq!(u.name, "test-for-port-update");
    ports::delete(&cl, "p1").await.expect("delete");
    delete.assert_async().await;
}

#[tokio::test]
async fn port_conflict_error() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(POST).path("/v2.0/ports");
            then.status(409).json_body(json!({"NeutronError": {
                "type": "IpAddressAlreadyAllocated",
                "message": "IP address 10.0.0.5 already allocated in subnet s1",
                "detail": ""}}));
        })
        .await;
    catch_all(&server).await;
    let err = ports::create(
        &client(&server),
        ports::CreateOpts::new("n").fixed_ips([FixedIp::address("10.0.0.5")]),
    )
    .await
    .expect_err("409");
    assert!(err.is_conflict());
    assert!(err
        .api_message()
        .expect("message")
        .contains("already allocated"));
}
