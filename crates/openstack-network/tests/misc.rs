//! API versions, extensions, quotas, tags, subnet pools and IP availability against httpmock.

mod common;

use common::{catch_all, client, sample, sample_text};
use futures::TryStreamExt;
use httpmock::prelude::*;
use openstack_network::{apiversions, extensions, ip_availability, quotas, subnetpools, tags};
use serde_json::json;

#[tokio::test]
async fn versions_and_resources() {
    let server = MockServer::start_async().await;
    let versions = server
        .mock_async(|when, then| {
            when.method(GET).path("/");
            then.status(200)
                .body(sample_text("networks/versions-list-response.json"));
        })
        .await;
    let resources = server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.0/");
            then.status(200).json_body(json!({"resources": [
                {"name": "network", "collection": "networks",
                 "links": [{"href": "http://127.0.0.1:9696/v2.0/networks", "rel": "self"}]}]}));
        })
        .await;
    catch_all(&server).await;
    let cl = client(&server);
    assert_eq!(apiversions::root_url(&cl), server.url("/"));
    let v = apiversions::list_versions(&cl).await.expect("versions");
    versions.assert_async().await;
    assert_eq!(v[0].id, "v2.0");
    assert_eq!(v[0].status, "CURRENT");
    let r = apiversions::list_resources(&cl).await.expect("resources");
    resources.assert_async().await;
    assert_eq!(r[0].collection, "networks");
}

#[tokio::test]
async fn extensions_list_get_has() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.0/extensions");
            then.status(200)
                .body(sample_text("extensions/extensions-list-response.json"));
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.0/extensions/agent");
            then.status(200)
                .body(sample_text("extensions/extension-show-response.json"));
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.0/extensions/nope");
            then.status(404).json_body(json!({"NeutronError": {
                "type": "HTTPNotFound", "message": "Extension with alias nope does not exist",
                "detail": ""}}));
        })
        .await;
    catch_all(&server).await;
    let cl = client(&server);
    let all: Vec<_> = extensions::list(&cl).try_collect().await.expect("list");
    let want = sample("extensions/extensions-list-response.json");
    assert_eq!(
        all.len(),
        want["extensions"].as_array().expect("list").len()
    );
    assert!(all.iter().any(|e| e.alias == "security-group"));
    let e = extensions::get(&cl, "agent").await.expect("get");
    assert_eq!(e.name, "agent");
    assert!(extensions::has(&cl, "agent").await.expect("has"));
    assert!(!extensions::has(&cl, "nope").await.expect("has not"));
}

#[tokio::test]
async fn quotas_get_update_delete_defaults_detail() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.0/quotas");
            then.status(200)
                .body(sample_text("quotas/quotas-list-response.json"));
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.0/quotas/p1");
            then.status(200)
                .body(sample_text("quotas/quotas-list-for-project-response.json"));
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.0/quotas/p1/default");
            then.status(200)
                .body(sample_text("quotas/quotas-list-for-project-response.json"));
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.0/quotas/p1/details.json");
            then.status(200).body(sample_text(
                "quota_details/quota-details-show-for-project-response.json",
            ));
        })
        .await;
    let update = server
        .mock_async(|when, then| {
            when.method(PUT)
                .path("/v2.0/quotas/p1")
                .json_body(json!({"quota": {"network": 10, "subnetpool": -1}}));
            then.status(200)
                .body(sample_text("quotas/quotas-update-response.json"));
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method(DELETE).path("/v2.0/quotas/p1");
            then.status(204);
        })
        .await;
    catch_all(&server).await;
    let cl = client(&server);
    let all: Vec<_> = quotas::list(&cl).try_collect().await.expect("list");
    assert_eq!(all[0].network, Some(15));
    assert_eq!(
        all[0].project_id.as_deref(),
        Some("bab7d5c60cd041a0a36f7c4b6e1dd978")
    );
    let q = quotas::get(&cl, "p1").await.expect("get");
    assert_eq!((q.network, q.subnetpool), (Some(10), Some(-1)));
    let d = quotas::get_defaults(&cl, "p1").await.expect("defaults");
    assert_eq!(d.port, Some(50));
    let det = quotas::get_detail(&cl, "p1").await.expect("detail");
    assert_eq!(det["port"].used, 21);
    assert_eq!(det["port"].reserved, 3);
    quotas::update(
        &cl,
        "p1",
        quotas::UpdateOpts::new().network(10).subnetpool(-1),
    )
    .await
    .expect("update");
    update.assert_async().await;
    quotas::delete(&cl, "p1").await.expect("delete");
    delete.assert_async().await;
}

#[tokio::test]
async fn tags_on_a_resource() {
    let server = MockServer::start_async().await;
    let replace = server
        .mock_async(|when, then| {
            when.method(PUT)
                .path("/v2.0/networks/n1/tags")
                .json_body(sample("tag/tag-update-request.json"));
            then.status(200)
                .body(sample_text("tag/tag-update-response.json"));
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.0/networks/n1/tags");
            then.status(200)
                .body(sample_text("tag/tag-obtain-response.json"));
        })
        .await;
    let add = server
        .mock_async(|when, then| {
            when.method(PUT).path("/v2.0/networks/n1/tags/green");
            then.status(201);
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.0/networks/n1/tags/red");
            then.status(204);
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.0/networks/n1/tags/none");
            then.status(404).json_body(json!({"NeutronError": {
                "type": "TagNotFound", "message": "Tag none could not be found", "detail": ""}}));
        })
        .await;
    let remove = server
        .mock_async(|when, then| {
            when.method(DELETE).path("/v2.0/networks/n1/tags/red");
            then.status(204);
        })
        .await;
    let remove_all = server
        .mock_async(|when, then| {
            when.method(DELETE).path("/v2.0/networks/n1/tags");
            then.status(204);
        })
        .await;
    catch_all(&server).await;
    let cl = client(&server);
    let t = tags::replace_all(&cl, "networks", "n1", ["red", "blue"])
        .await
        .expect("replace");
    replace.assert_async().await;
    assert_eq!(t, ["red", "blue"]);
    assert_eq!(
        tags::list(&cl, "networks", "n1").await.expect("list"),
        ["red", "blue"]
    );
    tags::add(&cl, "networks", "n1", "green")
        .await
        .expect("add");
    add.assert_async().await;
    assert!(tags::exists(&cl, "networks", "n1", "red")
        .await
        .expect("exists"));
    assert!(!tags::exists(&cl, "networks", "n1", "none")
        .await
        .expect("absent"));
    tags::remove(&cl, "networks", "n1", "red")
        .await
        .expect("remove");
    remove.assert_async().await;
    tags::remove_all(&cl, "networks", "n1")
        .await
        .expect("remove all");
    remove_all.assert_async().await;
}

#[tokio::test]
async fn subnetpools_and_prefixes() {
    let server = MockServer::start_async().await;
    let create = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/v2.0/subnetpools")
                .json_body(json!({"subnetpool": {
                "name": "my-subnet-pool", "prefixes": ["192.168.0.0/16", "10.10.0.0/21"],
                "default_prefixlen": 25, "min_prefixlen": 24, "max_prefixlen": 30}}));
            then.status(201)
                .body(sample_text("subnets/subnetpool-create-response.json"));
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.0/subnetpools/sp");
            then.status(200)
                .body(sample_text("subnets/subnetpool-show-response.json"));
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method(PUT)
                .path("/v2.0/subnetpools/sp/add_prefixes")
                .json_body(sample("subnets/subnetpool-add-prefixes-request.json"));
            then.status(200)
                .body(sample_text("subnets/subnetpool-add-prefixes-response.json"));
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.0/subnetpools");
            then.status(200)
                .body(sample_text("subnets/subnetpools-list-response.json"));
        })
        .await;
    catch_all(&server).await;
    let cl = client(&server);
    let p = subnetpools::create(
        &cl,
        subnetpools::CreateOpts::new("my-subnet-pool", ["192.168.0.0/16", "10.10.0.0/21"])
            .default_prefixlen(25)
            .min_prefixlen(24)
            .max_prefixlen(30),
    )
    .await
    .expect("create");
    create.assert_async().await;
    assert_eq!(p.default_prefixlen, Some(25));
    // The show sample sends the prefix lengths as strings.
    let s = subnetpools::get(&cl, "sp").await.expect("get");
    assert_eq!(s.min_prefixlen, Some(64));
    assert_eq!(s.ip_version, openstack_network::subnets::IpVersion::V6);
    let merged = subnetpools::add_prefixes(
        &cl,
        "sp",
        ["192.168.0.0/24", "192.168.1.0/24", "172.16.0.0/21"],
    )
    .await
    .expect("add prefixes");
    assert_eq!(merged, ["192.168.0.0/23", "172.16.0.0/21"]);
    let all: Vec<_> = subnetpools::list(&cl, subnetpools::ListOpts::new())
        .try_collect()
        .await
        .expect("list");
    assert!(!all.is_empty());
}

#[tokio::test]
async fn ip_availability_big_counts() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.0/network-ip-availabilities/n1");
            then.status(200).body(sample_text(
                "network-ip-availability/network-ip-availability-show.json",
            ));
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/v2.0/network-ip-availabilities")
                .query_param("ip_version", "6");
            then.status(200).body(sample_text(
                "network-ip-availability/network-ip-availability-list.json",
            ));
        })
        .await;
    catch_all(&server).await;
    let cl = client(&server);
    let a = ip_availability::get(&cl, "n1").await.expect("get");
    assert_eq!(a.used_ips, 4);
    let v6 = &a.subnet_ip_availability[1];
    assert_eq!(v6.total_ips, 18_446_744_073_709_551_000);
    // 2^64 addresses in the subnet: more than u64 holds.
    let details = v6.ip_availability_details.as_ref().expect("details");
    assert_eq!(details.total_ips_in_subnet, 1u128 << 64);
    let all: Vec<_> = ip_availability::list(&cl, ip_availability::ListOpts::new().ip_version(6))
        .try_collect()
        .await
        .expect("list");
    assert!(!all.is_empty());
}
