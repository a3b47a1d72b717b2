//! Networks against httpmock, serving the official response samples.

mod common;

use common::{catch_all, client, sample, sample_text};
use futures::TryStreamExt;
use httpmock::prelude::*;
use openstack_network::networks::{self, Status};
use openstack_network::SortDir;
use serde_json::json;

#[tokio::test]
async fn get_decodes_sample() {
    let server = MockServer::start_async().await;
    let m = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/v2.0/networks/d32019d3-bc6e-4319-9c1d-6722fc136a22");
            then.status(200)
                .header("content-type", "application/json")
                .body(sample_text("networks/network-show-response.json"));
        })
        .await;
    let c = catch_all(&server).await;
    let net = networks::get(&client(&server), "d32019d3-bc6e-4319-9c1d-6722fc136a22")
        .await
        .expect("get");
    m.assert_async().await;
    assert_eq!(c.calls_async().await, 0);
    let want = sample("networks/network-show-response.json")["network"].clone();
    assert_eq!(net.id, want["id"].as_str().expect("id"));
    assert_eq!(net.name, "private-network");
    assert_eq!(net.status, Status::Active);
    assert_eq!(net.mtu, Some(1500));
    assert_eq!(Some(net.admin_state_up), want["admin_state_up"].as_bool());
    assert_eq!(
        net.subnets.len(),
        want["subnets"].as_array().expect("subnets").len()
    );
    assert!(net.created_at.is_some());
    assert_eq!(
        net.external,
        want["router:external"].as_bool().expect("ext")
    );
}

#[tokio::test]
async fn provider_and_multi_segment_fields() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.0/networks/prov");
            then.status(200)
                .body(sample_text("networks/network-provider-show-response.json"));
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.0/networks/multi");
            then.status(200)
                .body(sample_text("networks/network-multi-show-response.json"));
        })
        .await;
    catch_all(&server).await;
    let cl = client(&server);
    let p = networks::get(&cl, "prov").await.expect("provider");
    let want = sample("networks/network-provider-show-response.json")["network"].clone();
    assert_eq!(
        p.provider.network_type,
        want["provider:network_type"].as_str().expect("type")
    );
    assert_eq!(
        p.provider.segmentation_id,
        want["provider:segmentation_id"].as_u64()
    );
    let m = networks::get(&cl, "multi").await.expect("multi");
    assert_eq!(m.segments.len(), 2);
    assert_eq!(m.segments[0].network_type, "vlan");
    assert_eq!(m.segments[0].physical_network.as_deref(), Some("public"));
    assert_eq!(m.segments[1].segmentation_id, Some(0));
    assert_eq!(
        m.qos_policy_id.as_deref(),
        Some("6a8454ade84346f59e8d40665f878b2e")
    );
}

#[tokio::test]
async fn create_update_delete() {
    let server = MockServer::start_async().await;
    let create = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/v2.0/networks")
                .header("content-type", "application/json")
                .json_body(sample("networks/network-create-request.json"));
            then.status(201)
                .body(sample_text("networks/network-create-response.json"));
        })
        .await;
    let update = server
        .mock_async(|when, then| {
            when.method(PUT)
                .path("/v2.0/networks/n1")
                .header("if-match", "revision_number=3")
                .json_body(
                    json!({"network": {"name": "sample_network_5_updated", "description": ""}}),
                );
            then.status(200)
                .body(sample_text("networks/network-update-response.json"));
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method(DELETE).path("/v2.0/networks/n1");
            then.status(204);
        })
        .await;
    catch_all(&server).await;
    let cl = client(&server);
    let n = networks::create(
        &cl,
        networks::CreateOpts::new()
            .name("sample_network")
            .admin_state_up(true)
            .dns_domain("my-domain.org.")
            .qos_policy_id("6a8454ade84346f59e8d40665f878b2e")
            .mtu(1400)
            .extra("pvlan", json!(true)),
    )
    .await
    .expect("create");
    create.assert_async().await;
    let want = sample("networks/network-create-response.json")["network"].clone();
    assert_eq!(n.id, want["id"].as_str().expect("id"));
    let u = networks::update(
        &cl,
        "n1",
        networks::UpdateOpts::new()
            .name("sample_network_5_updated")
            .clear_description()
            .if_revision(3),
    )
    .await
    .expect("update");
    update.assert_async().await;
    assert_eq!(u.name, "sample_network_5_updated");
    networks::delete(&cl, "n1").await.expect("delete");
    delete.assert_async().await;
}

#[tokio::test]
async fn bulk_create_decodes_list() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/v2.0/networks")
                .json_body(sample("networks/networks-bulk-create-request.json"));
            then.status(201)
                .body(sample_text("networks/networks-bulk-create-response.json"));
        })
        .await;
    catch_all(&server).await;
    let nets = networks::create_bulk(
        &client(&server),
        vec![
            networks::CreateOpts::new()
                .admin_state_up(true)
                .name("sample_network3")
                .qos_policy_id("6a8454ade84346f59e8d40665f878b2e"),
            networks::CreateOpts::new()
                .admin_state_up(true)
                .name("sample_network4")
                .qos_policy_id("6a8454ade84346f59e8d40665f878b2e"),
        ],
    )
    .await
    .expect("bulk");
    assert_eq!(
        nets.iter().map(|n| n.name.as_str()).collect::<Vec<_>>(),
        ["sample_network3", "sample_network4"]
    );
}

#[tokio::test]
async fn list_follows_networks_links() {
    let server = MockServer::start_async().await;
    let mut page1 = sample("networks/networks-list-response.json");
    let next =
        server.url("/v2.0/networks?limit=2&name=x&marker=db193ab3-96e3-4cb3-8fc5-05f4296d0324");
    page1["networks_links"] = json!([{"href": next, "rel": "next"}]);
    let mut page2 = sample("networks/networks-provider-list-response.json");
    for n in page2["networks"].as_array_mut().expect("list") {
        let id = format!("p2-{}", n["id"].as_str().expect("id"));
        n["id"] = json!(id);
    }
    page2["networks_links"] =
        json!([{"href": server.url("/v2.0/networks?limit=2&name=x"), "rel": "previous"}]);
    let first = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/v2.0/networks")
                .query_param("limit", "2")
                .query_param("name", "x")
                .query_param("sort_key", "name")
                .query_param("sort_dir", "asc")
                .query_param_missing("marker");
            then.status(200).json_body(page1.clone());
        })
        .await;
    let second = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/v2.0/networks")
                .query_param("marker", "db193ab3-96e3-4cb3-8fc5-05f4296d0324");
            then.status(200).json_body(page2.clone());
        })
        .await;
    let c = catch_all(&server).await;
    let all: Vec<_> = networks::list(
        &client(&server),
        networks::ListOpts::new()
            .name("x")
            .sort("name", SortDir::Asc),
    )
    .page_size(2)
    .try_collect()
    .await
    .expect("list");
    first.assert_async().await;
    second.assert_async().await;
    assert_eq!(c.calls_async().await, 0);
    let ids: Vec<_> = all.iter().map(|n| n.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "d32019d3-bc6e-4319-9c1d-6722fc136a22",
            "db193ab3-96e3-4cb3-8fc5-05f4296d0324",
            "p2-d32019d3-bc6e-4319-9c1d-6722fc136a22",
            "p2-db193ab3-96e3-4cb3-8fc5-05f4296d0324"
        ]
    );
}

#[tokio::test]
async fn not_found_is_typed_with_neutron_message() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.0/networks/missing");
            then.status(404)
                .header("content-type", "application/json")
                .header("x-openstack-request-id", "req-123")
                .json_body(json!({"NeutronError": {
                    "type": "NetworkNotFound",
                    "message": "Network missing could not be found.",
                    "detail": ""}}));
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method(PUT).path("/v2.0/networks/stale");
            then.status(412).json_body(json!({"NeutronError": {
                "type": "RevisionNumberConstraintFailed",
                "message": "Constrained to 1, but current revision is 2",
                "detail": ""}}));
        })
        .await;
    catch_all(&server).await;
    let cl = client(&server);
    let err = networks::get(&cl, "missing").await.expect_err("404");
    assert!(err.is_not_found());
    assert_eq!(err.request_id(), Some("req-123"));
    assert_eq!(
        err.api_message(),
        Some("Network missing could not be found.")
    );
    let err = networks::update(
        &cl,
        "stale",
        networks::UpdateOpts::new().name("x").if_revision(1),
    )
    .await
    .expect_err("412");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(412));
    assert!(err
        .api_message()
        .expect("message")
        .contains("current revision is 2"));
}

#[tokio::test]
async fn decode_error_names_the_path() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.0/networks/bad");
            then.status(200)
                .json_body(json!({"network": {"id": "bad", "subnets": "not-a-list"}}));
        })
        .await;
    catch_all(&server).await;
    let err = networks::get(&client(&server), "bad")
        .await
        .expect_err("decode");
    assert_eq!(err.decode_path(), Some("network.subnets"));
}

#[tokio::test]
async fn tolerates_nulls_and_unknown_fields() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.0/networks/odd");
            then.status(200).json_body(json!({"network": {
                "id": "odd", "name": null, "description": null, "status": "FUTURE_STATE",
                "subnets": null, "tags": null, "mtu": "9000", "shared": "True",
                "provider:segmentation_id": "42", "created_at": "2016-03-08 20:19:41",
                "some_new_extension": {"x": 1}}}));
        })
        .await;
    catch_all(&server).await;
    let n = networks::get(&client(&server), "odd")
        .await
        .expect("lenient");
    assert_eq!(n.name, "");
    assert_eq!(n.status, Status::Unknown("FUTURE_STATE".into()));
    assert_eq!(n.mtu, Some(9000));
    assert!(n.shared);
    assert_eq!(n.provider.segmentation_id, Some(42));
    assert!(n.subnets.is_empty());
    assert_eq!(n.created_at.map(|t| t.year()), Some(2016));
}
