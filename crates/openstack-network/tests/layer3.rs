//! Routers and floating IPs against httpmock, serving the official response samples.

mod common;

use common::{catch_all, client, sample, sample_text};
use futures::TryStreamExt;
use httpmock::prelude::*;
use openstack_network::layer3::{floatingips, routers};
use openstack_network::FixedIp;
use serde_json::json;

#[tokio::test]
async fn router_lifecycle() {
    let server = MockServer::start_async().await;
    let create = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/v2.0/routers")
                .json_body(sample("routers/router-create-request.json"));
            then.status(201)
                .body(sample_text("routers/router-create-response.json"));
        })
        .await;
    let add = server
        .mock_async(|when, then| {
            when.method(PUT)
                .path("/v2.0/routers/r1/add_router_interface")
                .json_body(sample("routers/router-add-interface-request.json"));
            then.status(200)
                .body(sample_text("routers/router-add-interface-response.json"));
        })
        .await;
    let remove = server
        .mock_async(|when, then| {
            when.method(PUT)
                .path("/v2.0/routers/r1/remove_router_interface")
                .json_body(json!({"port_id": "a5b7d209-dc02-4c46-a51f-805eadd3de64"}));
            then.status(200)
                .body(sample_text("routers/router-remove-interface-response.json"));
        })
        .await;
    let routes = server
        .mock_async(|when, then| {
            when.method(PUT)
                .path("/v2.0/routers/r1/add_extraroutes")
                .json_body(sample("routers/router-add-extraroutes-request.json"));
            then.status(200)
                .body(sample_text("routers/router-add-extraroutes-response.json"));
        })
        .await;
    let clear = server
        .mock_async(|when, then| {
            when.method(PUT)
                .path("/v2.0/routers/r1")
                .json_body(json!({"router": {"external_gateway_info": {}}}));
            then.status(200)
                .body(sample_text("routers/router-update-response.json"));
        })
        .await;
    let list = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/v2.0/routers")
                .query_param("name", "router1");
            then.status(200)
                .body(sample_text("routers/routers-list-response.json"));
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method(DELETE).path("/v2.0/routers/r1");
            then.status(204);
        })
        .await;
    catch_all(&server).await;
    let cl = client(&server);

    let r = routers::create(
        &cl,
        routers::CreateOpts::new()
            .name("router1")
            .external_gateway(
                routers::GatewayInfo::new("ae34051f-aa6c-4c75-abf5-50dc9ac99ef3")
                    .enable_snat(true)
                    .external_fixed_ips([FixedIp::new(
                        "b930d7f6-ceb7-40a0-8b81-a425dd994ccf",
                        "172.24.4.6",
                    )]),
            )
            .admin_state_up(true),
    )
    .await
    .expect("create");
    create.assert_async().await;
    let gw = r.external_gateway_info.expect("gateway");
    assert_eq!(gw.network_id, "ae34051f-aa6c-4c75-abf5-50dc9ac99ef3");
    assert_eq!(gw.enable_snat, Some(true));
    assert!(!gw.external_fixed_ips.is_empty());

    let i = routers::add_interface(
        &cl,
        "r1",
        routers::InterfaceOpts::subnet("a2f1f29d-571b-4533-907f-5803ab96ead1"),
    )
    .await
    .expect("add interface");
    add.assert_async().await;
    assert_eq!(i.port_id, "2dc46bcc-d1f2-4077-b99e-91ee28afaff0");
    assert_eq!(i.subnet_ids, ["a2f1f29d-571b-4533-907f-5803ab96ead1"]);
    let i = routers::remove_interface(
        &cl,
        "r1",
        routers::InterfaceOpts::port("a5b7d209-dc02-4c46-a51f-805eadd3de64"),
    )
    .await
    .expect("remove interface");
    remove.assert_async().await;
    assert_eq!(i.subnet_id, "4e5fe97c-82bc-432e-87d8-06d7e157dffa");

    let r = routers::add_routes(
        &cl,
        "r1",
        vec![
            routers::Route::new("10.0.3.0/24", "10.0.0.13"),
            routers::Route::new("10.0.4.0/24", "10.0.0.14"),
        ],
    )
    .await
    .expect("routes");
    routes.assert_async().await;
    let want = sample("routers/router-add-extraroutes-response.json");
    assert_eq!(
        r.routes.len(),
        want["router"]["routes"].as_array().expect("routes").len()
    );

    routers::update(
        &cl,
        "r1",
        routers::UpdateOpts::new().clear_external_gateway(),
    )
    .await
    .expect("update");
    clear.assert_async().await;
    let all: Vec<_> = routers::list(&cl, routers::ListOpts::new().name("router1"))
        .try_collect()
        .await
        .expect("list");
    list.assert_async().await;
    assert!(!all.is_empty());
    routers::delete(&cl, "r1").await.expect("delete");
    delete.assert_async().await;
}

#[tokio::test]
async fn floatingip_associate_disassociate() {
    let server = MockServer::start_async().await;
    let create = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/v2.0/floatingips")
                .json_body(json!({"floatingip": {
                    "floating_network_id": "376da547-b977-4cfe-9cba-275c80debf57",
                    "port_id": "ce705c24-c1ef-408a-bda3-7bbd946164ab"}}));
            then.status(201)
                .body(sample_text("floatingips/floatingip-create-response.json"));
        })
        .await;
    let disassociate = server
        .mock_async(|when, then| {
            when.method(PUT)
                .path("/v2.0/floatingips/2f245a7b-796b-4f26-9cf9-9e82d248fda7")
                .json_body(sample("floatingips/floatingip-disassociate-request.json"));
            then.status(200).body(sample_text(
                "floatingips/floatingip-disassociate-response.json",
            ));
        })
        .await;
    let list = server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.0/floatingips").query_param(
                "floating_network_id",
                "376da547-b977-4cfe-9cba-275c80debf57",
            );
            then.status(200)
                .body(sample_text("floatingips/floating-ips-list-response.json"));
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method(DELETE)
                .path("/v2.0/floatingips/2f245a7b-796b-4f26-9cf9-9e82d248fda7");
            then.status(204);
        })
        .await;
    catch_all(&server).await;
    let cl = client(&server);
    let f = floatingips::create(
        &cl,
        floatingips::CreateOpts::new("376da547-b977-4cfe-9cba-275c80debf57")
            .port_id("ce705c24-c1ef-408a-bda3-7bbd946164ab"),
    )
    .await
    .expect("create");
    create.assert_async().await;
    assert_eq!(f.floating_ip_address, "172.24.4.228");
    assert_eq!(f.fixed_ip_address.as_deref(), Some("10.0.0.3"));
    assert_eq!(
        f.port_id.as_deref(),
        Some("ce705c24-c1ef-408a-bda3-7bbd946164ab")
    );
    let f = floatingips::update(&cl, &f.id, floatingips::UpdateOpts::new().disassociate())
        .await
        .expect("disassociate");
    disassociate.assert_async().await;
    assert_eq!(f.port_id, None);
    assert_eq!(f.fixed_ip_address, None);
    let all: Vec<_> = floatingips::list(
        &cl,
        floatingips::ListOpts::new().floating_network_id("376da547-b977-4cfe-9cba-275c80debf57"),
    )
    .try_collect()
    .await
    .expect("list");
    list.assert_async().await;
    assert_eq!(
        all.len(),
        sample("floatingips/floating-ips-list-response.json")["floatingips"]
            .as_array()
            .expect("list")
            .len()
    );
    floatingips::delete(&cl, &f.id).await.expect("delete");
    delete.assert_async().await;
}
