//! Cloud Servers extensions against httpmock: Cloud Networks (`os-networksv2`), virtual
//! interfaces (`os-virtual-interfacesv2`), and Rackspace server documents through
//! `openstack-compute`.

mod common;

use common::{
    catch_all, provider, NETWORKS_LIST, NETWORKS_WELL_KNOWN, NETWORK_CREATED, NETWORK_GET,
    SERVERS_LIST, VIRTUAL_INTERFACES_LIST, VIRTUAL_INTERFACE_CREATED,
};
use futures::TryStreamExt;
use httpmock::prelude::*;
use openstack_compute::servers::{self as nova, CreateOpts};
use rackspace_ext::networks::{self, CreateOpts as NetworkOpts};
use rackspace_ext::servers::{self, DiskConfig, PUBLIC_NET, SERVICE_NET};
use rackspace_ext::virtual_interfaces;
use serde_json::json;

const BASE: &str = "/v2/010101";

fn client(server: &MockServer) -> openstack_core::ServiceClient {
    servers::client(&provider(server, "compute", BASE)).expect("compute")
}

fn json_reply(then: httpmock::Then, status: u16, body: &str) {
    then.status(status)
        .header("content-type", "application/json")
        .body(body);
}

#[tokio::test]
async fn networks_list_get_create_delete() {
    let server = MockServer::start_async().await;
    let list = server
        .mock_async(|when, then| {
            when.method(GET).path(format!("{BASE}/os-networksv2"));
            json_reply(then, 200, NETWORKS_LIST);
        })
        .await;
    let get = server
        .mock_async(|when, then| {
            when.method(GET).path(format!(
                "{BASE}/os-networksv2/d32019d3-bc6e-4319-9c1d-6722fc136a22"
            ));
            json_reply(then, 200, NETWORK_GET);
        })
        .await;
    let create = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(format!("{BASE}/os-networksv2"))
                .header("content-type", "application/json")
                .json_body(
                    json!({"network": {"label": "test-network-1", "cidr": "192.168.100.0/24"}}),
                );
            json_reply(then, 201, NETWORK_CREATED);
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method(DELETE).path(format!(
                "{BASE}/os-networksv2/4e8e5957-649f-477b-9e5b-f1f75b21c03c"
            ));
            then.status(204);
        })
        .await;
    let unexpected = catch_all(&server).await;
    let cl = client(&server);

    let all = networks::list(&cl)
        .try_collect::<Vec<_>>()
        .await
        .expect("list");
    assert_eq!(all.len(), 2);
    assert_eq!(all[1].label, "test-network-2");
    assert_eq!(all[1].cidr.as_deref(), Some("192.30.250.00/18"));
    let n = networks::get(&cl, "d32019d3-bc6e-4319-9c1d-6722fc136a22")
        .await
        .expect("get");
    assert_eq!(n.label, "test-network-1");
    assert_eq!(n.cidr.as_deref(), Some("192.168.100.0/24"));
    let n = networks::create(&cl, NetworkOpts::new("test-network-1", "192.168.100.0/24"))
        .await
        .expect("create");
    assert_eq!(n.id, "4e8e5957-649f-477b-9e5b-f1f75b21c03c");
    networks::delete(&cl, &n.id).await.expect("delete");

    for m in [&list, &get, &create, &delete] {
        m.assert_calls_async(1).await;
    }
    unexpected.assert_calls_async(0).await;
}

#[tokio::test]
async fn well_known_networks_have_no_cidr() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET).path(format!("{BASE}/os-networksv2"));
            json_reply(then, 200, NETWORKS_WELL_KNOWN);
        })
        .await;
    let unexpected = catch_all(&server).await;
    let all = networks::list(&client(&server))
        .try_collect::<Vec<_>>()
        .await
        .expect("list");
    let public = all.iter().find(|n| n.id == PUBLIC_NET).expect("PublicNet");
    assert_eq!(
        (public.label.as_str(), public.cidr.as_deref()),
        ("public", None)
    );
    let service = all
        .iter()
        .find(|n| n.id == SERVICE_NET)
        .expect("ServiceNet");
    assert_eq!(service.label, "private");
    let isolated: Vec<_> = all
        .iter()
        .filter(|n| !servers::is_well_known(&n.id))
        .collect();
    assert_eq!(isolated.len(), 1);
    assert_eq!(isolated[0].cidr.as_deref(), Some("192.168.0.0/24"));
    unexpected.assert_calls_async(0).await;
}

#[tokio::test]
async fn a_missing_network_is_not_found_with_the_message() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET).path(format!("{BASE}/os-networksv2/nope"));
            // The Nova fault shape Cloud Servers answers with.
            json_reply(
                then,
                404,
                r#"{"itemNotFound": {"message": "Network could not be found", "code": 404}}"#,
            );
        })
        .await;
    let unexpected = catch_all(&server).await;
    let e = networks::get(&client(&server), "nope")
        .await
        .expect_err("404");
    assert!(e.is_not_found());
    assert_eq!(e.api_message(), Some("Network could not be found"));
    unexpected.assert_calls_async(0).await;
}

#[tokio::test]
async fn virtual_interfaces_list_create_delete() {
    let server = MockServer::start_async().await;
    let vifs = format!("{BASE}/servers/12345/os-virtual-interfacesv2");
    let list = server
        .mock_async(|when, then| {
            when.method(GET).path(&vifs);
            json_reply(then, 200, VIRTUAL_INTERFACES_LIST);
        })
        .await;
    let create = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(&vifs)
                .json_body(json!({"virtual_interface": {"network_id": "6789"}}));
            json_reply(then, 201, VIRTUAL_INTERFACE_CREATED);
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method(DELETE).path(format!("{vifs}/6789"));
            then.status(204);
        })
        .await;
    let unexpected = catch_all(&server).await;
    let cl = client(&server);

    let all = virtual_interfaces::list(&cl, "12345")
        .try_collect::<Vec<_>>()
        .await
        .expect("list");
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].mac_address, "BC:76:4E:04:85:20");
    assert_eq!(all[1].ip_addresses[0].network_label, "private");
    assert_eq!(all[1].ip_addresses[0].address, "10.181.1.30");
    let vif = virtual_interfaces::create(&cl, "12345", "6789")
        .await
        .expect("create");
    assert_eq!(vif.id, "de7c6d53-b895-4b4a-963c-517ccb0f0775");
    assert_eq!(
        vif.ip_addresses[0].network_id,
        "f212726e-6321-4210-9bae-a13f5a33f83f"
    );
    virtual_interfaces::delete(&cl, "12345", "6789")
        .await
        .expect("delete");
    for m in [&list, &create, &delete] {
        m.assert_calls_async(1).await;
    }
    unexpected.assert_calls_async(0).await;
}

#[tokio::test]
async fn creating_a_vif_with_an_empty_answer_is_a_decode_error() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(POST)
                .path(format!("{BASE}/servers/s/os-virtual-interfacesv2"));
            json_reply(then, 200, r#"{"virtual_interfaces": []}"#);
        })
        .await;
    let e = virtual_interfaces::create(&client(&server), "s", "n")
        .await
        .expect_err("empty");
    assert_eq!(e.kind(), openstack_core::ErrorKind::Decode);
}

#[tokio::test]
async fn rackspace_servers_decode_and_boot_on_the_well_known_networks() {
    let server = MockServer::start_async().await;
    let list = server
        .mock_async(|when, then| {
            when.method(GET).path(format!("{BASE}/servers/detail"));
            json_reply(then, 200, SERVERS_LIST);
        })
        .await;
    let create = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(format!("{BASE}/servers"))
                .json_body(json!({"server": {
                    "name": "web-1",
                    "flavorRef": "performance1-1",
                    "imageRef": "255df5fb-e3d4-45a3-9a07-c976debf7c14",
                    "networks": [
                        {"uuid": "00000000-0000-0000-0000-000000000000"},
                        {"uuid": "11111111-1111-1111-1111-111111111111"},
                        {"uuid": "d32019d3-bc6e-4319-9c1d-6722fc136a22"}
                    ],
                    "OS-DCF:diskConfig": "AUTO"
                }}));
            // Nova's create answer: the id, links, admin password and disk config.
            json_reply(
                then,
                202,
                r#"{"server": {"OS-DCF:diskConfig": "AUTO", "adminPass": "v7tADqbE5pr9",
                    "id": "bb63327b-6a2f-34bc-b0ef-4b6d97ea637e",
                    "links": [{"href": "https://dfw.servers.api.rackspacecloud.com/v2/010101/servers/bb63327b-6a2f-34bc-b0ef-4b6d97ea637e", "rel": "self"}]}}"#,
            );
        })
        .await;
    let unexpected = catch_all(&server).await;
    let cl = client(&server);

    let all = nova::list(&cl, Default::default())
        .try_collect::<Vec<_>>()
        .await
        .expect("list");
    assert_eq!(all[0].id, "59818cee-bc8c-44eb-8073-673ee65105f7");
    assert_eq!(all[0].disk_config, Some(DiskConfig::Manual));
    assert_eq!(all[0].addresses["public"].len(), 2);

    let created = nova::create(
        &cl,
        CreateOpts::new("web-1", "performance1-1")
            .image_ref("255df5fb-e3d4-45a3-9a07-c976debf7c14")
            .networks(servers::networks(
                true,
                true,
                ["d32019d3-bc6e-4319-9c1d-6722fc136a22"],
            ))
            .disk_config(DiskConfig::Auto),
    )
    .await
    .expect("create");
    assert_eq!(created.id, "bb63327b-6a2f-34bc-b0ef-4b6d97ea637e");
    assert_eq!(created.disk_config, Some(DiskConfig::Auto));
    list.assert_calls_async(1).await;
    create.assert_calls_async(1).await;
    unexpected.assert_calls_async(0).await;
}
