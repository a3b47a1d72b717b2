//! Flavors, key pairs, images, extensions, availability zones, limits, quota sets,
//! hypervisors and server groups against httpmock, serving the official samples.

mod common;

use common::{catch_all, client, have_corpus, sample, sample_text};
use futures::TryStreamExt;
use httpmock::prelude::*;
use openstack_compute::{
    availability_zones, extensions, flavors, hypervisors, images, keypairs, limits, quota_sets,
    server_groups,
};
use openstack_core::Microversion;
use serde_json::json;

#[tokio::test]
async fn flavors_crud_extra_specs_and_access() {
    if !have_corpus() {
        return;
    }
    let server = MockServer::start_async().await;
    let list = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/v2.1/flavors/detail")
                .query_param("minRam", "512")
                .query_param("is_public", "none");
            then.status(200)
                .body(sample_text("flavors/v2.75/flavors-detail-resp.json"));
        })
        .await;
    let get = server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.1/flavors/7");
            then.status(200)
                .body(sample_text("flavors/v2.75/flavor-get-resp.json"));
        })
        .await;
    let create = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/v2.1/flavors")
                .json_body(json!({"flavor": {
                "name": "test_flavor", "ram": 1024, "vcpus": 2, "disk": 10, "id": "10",
                "rxtx_factor": 2.0, "description": "test description"}}));
            then.status(200).body(sample_text(
                "flavor-manage/v2.75/flavor-create-post-resp.json",
            ));
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method(DELETE).path("/v2.1/flavors/10");
            then.status(202);
        })
        .await;
    let specs = server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.1/flavors/10/os-extra_specs");
            then.status(200).body(sample_text(
                "flavor-extra-specs/flavor-extra-specs-list-resp.json",
            ));
        })
        .await;
    let spec = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/v2.1/flavors/10/os-extra_specs/hw%3Anuma_nodes");
            then.status(200).body(sample_text(
                "flavor-extra-specs/flavor-extra-specs-get-resp.json",
            ));
        })
        .await;
    let access = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/v2.1/flavors/10/action")
                .json_body(json!({"addTenantAccess": {"tenant": "fake_tenant"}}));
            then.status(200).body(sample_text(
                "flavor-access/flavor-access-add-tenant-resp.json",
            ));
        })
        .await;
    let c = catch_all(&server).await;
    let cl = client(&server);

    let all: Vec<flavors::Flavor> = flavors::list(
        &cl,
        flavors::ListOpts::new()
            .min_ram(512)
            .access(flavors::Access::All),
    )
    .try_collect()
    .await
    .expect("list");
    list.assert_async().await;
    assert_eq!(all.len(), 7);
    let f = flavors::get(&cl, "7").await.expect("get");
    get.assert_async().await;
    assert_eq!(f.name, "m1.small.description");
    assert_eq!(f.description.as_deref(), Some("test description"));
    assert_eq!(f.extra_specs.expect("specs")["hw:cpu_policy"], "shared");
    assert!(f.is_public);
    assert_eq!(f.rxtx_factor, Some(1.0));

    let created = flavors::create(
        &cl,
        flavors::CreateOpts::new("test_flavor", 1024, 2, 10)
            .id("10")
            .rxtx_factor(2.0)
            .description("test description"),
    )
    .await
    .expect("create");
    create.assert_async().await;
    assert_eq!(created.id, "10");
    assert_eq!(created.vcpus, 2);
    flavors::delete(&cl, "10").await.expect("delete");
    delete.assert_async().await;

    let s = flavors::list_extra_specs(&cl, "10").await.expect("specs");
    specs.assert_async().await;
    assert_eq!(s.len(), 2);
    let v = flavors::get_extra_spec(&cl, "10", "hw:numa_nodes")
        .await
        .expect("spec");
    spec.assert_async().await;
    assert_eq!(v, "1");
    let a = flavors::add_access(&cl, "10", "fake_tenant")
        .await
        .expect("access");
    access.assert_async().await;
    assert_eq!(a[0].flavor_id, "10");
    assert_eq!(c.calls_async().await, 0);
}

#[tokio::test]
async fn keypairs_list_create_get_delete() {
    if !have_corpus() {
        return;
    }
    let server = MockServer::start_async().await;
    // Page 1 is the 2.35 sample with its next link pointed at the mock; page 2 is empty.
    let mut page1 = sample("os-keypairs/v2.35/keypairs-list-resp.json");
    page1["keypairs_links"][0]["href"] =
        json!(server.url("/v2.1/os-keypairs?limit=1&marker=keypair-5d935425"));
    let p2 = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/v2.1/os-keypairs")
                .query_param("marker", "keypair-5d935425");
            then.status(200).json_body(json!({"keypairs": []}));
        })
        .await;
    let p1 = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/v2.1/os-keypairs")
                .query_param("limit", "1");
            then.status(200).json_body(page1.clone());
        })
        .await;
    let create = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/v2.1/os-keypairs")
                .header("OpenStack-API-Version", "compute 2.10")
                .json_body(json!({"keypair": {"name": "k1", "type": "ssh", "user_id": "fake"}}));
            then.status(201)
                .body(sample_text("os-keypairs/v2.10/keypairs-post-resp.json"));
        })
        .await;
    let get = server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.1/os-keypairs/k1");
            then.status(200)
                .body(sample_text("os-keypairs/v2.2/keypairs-get-resp.json"));
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method(DELETE)
                .path("/v2.1/os-keypairs/k1")
                .query_param("user_id", "fake");
            then.status(204);
        })
        .await;
    let c = catch_all(&server).await;
    let cl = client(&server);
    let all: Vec<keypairs::KeyPair> = keypairs::list(&cl, keypairs::ListOpts::new().limit(1))
        .try_collect()
        .await
        .expect("list");
    p1.assert_async().await;
    p2.assert_async().await;
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].kind, Some(keypairs::KeyType::Ssh));

    let v210 = cl.with_microversion(Microversion::new(2, 10));
    let k = keypairs::create(
        &v210,
        keypairs::CreateOpts::new("k1")
            .kind(keypairs::KeyType::Ssh)
            .user_id("fake"),
    )
    .await
    .expect("create");
    create.assert_async().await;
    assert!(k.private_key.expect("private key").contains("PRIVATE KEY"));
    assert_eq!(k.user_id.as_deref(), Some("fake"));
    let k = keypairs::get(&cl, "k1", None).await.expect("get");
    get.assert_async().await;
    assert!(k.created_at.is_some());
    keypairs::delete(&cl, "k1", Some("fake"))
        .await
        .expect("delete");
    delete.assert_async().await;
    assert_eq!(c.calls_async().await, 0);
}

#[tokio::test]
async fn images_extensions_zones_limits() {
    if !have_corpus() {
        return;
    }
    let server = MockServer::start_async().await;
    let img_list = server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.1/images/detail");
            then.status(200)
                .body(sample_text("images/images-details-get-resp.json"));
        })
        .await;
    let img_get = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/v2.1/images/70a599e0-31e7-49b7-b260-868f441e862b");
            then.status(200)
                .body(sample_text("images/image-get-resp.json"));
        })
        .await;
    let img_del = server
        .mock_async(|when, then| {
            when.method(DELETE).path("/v2.1/images/i1");
            then.status(204);
        })
        .await;
    let ext_list = server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.1/extensions");
            then.status(200)
                .body(sample_text("extension-info/extensions-list-resp.json"));
        })
        .await;
    let ext_get = server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.1/extensions/os-agents");
            then.status(200)
                .body(sample_text("extension-info/extensions-get-resp.json"));
        })
        .await;
    let az = server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.1/os-availability-zone/detail");
            then.status(200).body(sample_text(
                "os-availability-zone/availability-zone-detail-resp.json",
            ));
        })
        .await;
    let lim = server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.1/limits");
            then.status(200)
                .body(sample_text("limits/v2.57/limit-get-resp.json"));
        })
        .await;
    let c = catch_all(&server).await;
    let cl = client(&server);

    let imgs: Vec<images::Image> = images::list(&cl, images::ListOpts::new())
        .try_collect()
        .await
        .expect("images");
    img_list.assert_async().await;
    assert!(!imgs.is_empty());
    let i = images::get(&cl, "70a599e0-31e7-49b7-b260-868f441e862b")
        .await
        .expect("image");
    img_get.assert_async().await;
    assert_eq!(i.size, Some(74185822));
    assert_eq!(i.status, "ACTIVE");
    images::delete(&cl, "i1").await.expect("delete image");
    img_del.assert_async().await;

    let exts: Vec<extensions::Extension> = extensions::list(&cl)
        .try_collect()
        .await
        .expect("extensions");
    ext_list.assert_async().await;
    assert!(exts.iter().any(|e| e.alias == "os-agents"));
    let e = extensions::get(&cl, "os-agents").await.expect("extension");
    ext_get.assert_async().await;
    assert_eq!(e.name, "Agents");

    let zones: Vec<availability_zones::AvailabilityZone> = availability_zones::list_detail(&cl)
        .try_collect()
        .await
        .expect("zones");
    az.assert_async().await;
    let nova = zones
        .iter()
        .find(|z| z.zone_name == "nova")
        .expect("nova zone");
    assert!(nova.zone_state.available);
    assert!(nova.hosts["compute"]["nova-compute"].active);

    let l = limits::get(&cl, None).await.expect("limits");
    lim.assert_async().await;
    assert_eq!(l.absolute.max_total_instances, Some(10));
    assert_eq!(l.absolute.max_total_floating_ips, None, "removed in 2.36");
    assert_eq!(c.calls_async().await, 0);
}

#[tokio::test]
async fn quotas_hypervisors_server_groups() {
    if !have_corpus() {
        return;
    }
    let server = MockServer::start_async().await;
    let q_get = server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.1/os-quota-sets/fake_tenant");
            then.status(200)
                .body(sample_text("os-quota-sets/quotas-show-get-resp.json"));
        })
        .await;
    let q_detail = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/v2.1/os-quota-sets/fake_tenant/detail");
            then.status(200).body(sample_text(
                "os-quota-sets/v2.57/quotas-show-detail-get-resp.json",
            ));
        })
        .await;
    let q_put = server
        .mock_async(|when, then| {
            when.method(PUT)
                .path("/v2.1/os-quota-sets/fake_tenant")
                .json_body(json!({"quota_set": {"cores": 45}}));
            then.status(200)
                .body(sample_text("os-quota-sets/quotas-update-post-resp.json"));
        })
        .await;
    let hv_list = server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.1/os-hypervisors/detail");
            then.status(200).json_body({
                let mut v = sample("os-hypervisors/v2.88/hypervisors-detail-resp.json");
                v.as_object_mut()
                    .expect("object")
                    .remove("hypervisors_links");
                v
            });
        })
        .await;
    let hv_stats = server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.1/os-hypervisors/statistics");
            then.status(200).body(sample_text(
                "os-hypervisors/hypervisors-statistics-resp.json",
            ));
        })
        .await;
    let sg_create = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/v2.1/os-server-groups")
                .json_body(json!({
                "server_group": {"name": "test", "policy": "anti-affinity",
                                 "rules": {"max_server_per_host": 3}}}));
            then.status(200).body(sample_text(
                "os-server-groups/v2.64/server-groups-post-resp.json",
            ));
        })
        .await;
    let sg_create_old = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/v2.1/os-server-groups")
                .json_body(json!({
                "server_group": {"name": "test", "policies": ["anti-affinity"]}}));
            then.status(200)
                .body(sample_text("os-server-groups/server-groups-post-resp.json"));
        })
        .await;
    let sg_list = server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.1/os-server-groups");
            then.status(200).body(sample_text(
                "os-server-groups/v2.64/server-groups-list-resp.json",
            ));
        })
        .await;
    let sg_delete = server
        .mock_async(|when, then| {
            when.method(DELETE).path("/v2.1/os-server-groups/g1");
            then.status(204);
        })
        .await;
    let c = catch_all(&server).await;
    let cl = client(&server);

    let q = quota_sets::get(&cl, "fake_tenant", None)
        .await
        .expect("quota");
    q_get.assert_async().await;
    assert_eq!(
        (q.id.as_str(), q.cores, q.fixed_ips),
        ("fake_tenant", Some(20), Some(-1))
    );
    let d = quota_sets::detail(&cl, "fake_tenant", None)
        .await
        .expect("detail");
    q_detail.assert_async().await;
    assert_eq!(d.ram.expect("ram").limit, 51200);
    let q = quota_sets::update(
        &cl,
        "fake_tenant",
        None,
        quota_sets::UpdateOpts::new().cores(45),
    )
    .await
    .expect("update");
    q_put.assert_async().await;
    assert_eq!(q.cores, Some(45));

    let hvs: Vec<hypervisors::Hypervisor> =
        hypervisors::list_detail(&cl, hypervisors::ListOpts::new())
            .try_collect()
            .await
            .expect("hypervisors");
    hv_list.assert_async().await;
    assert_eq!(hvs[0].state, "up");
    assert_eq!(hvs[0].id.len(), 36, "a UUID from 2.53");
    let st = hypervisors::statistics(&cl).await.expect("stats");
    hv_stats.assert_async().await;
    assert_eq!(st.count, Some(1));

    let v264 = cl.with_microversion(Microversion::new(2, 64));
    let g = server_groups::create(
        &v264,
        server_groups::CreateOpts::new("test", server_groups::Policy::AntiAffinity)
            .max_server_per_host(3),
    )
    .await
    .expect("create 2.64");
    sg_create.assert_async().await;
    assert_eq!(g.policy, Some(server_groups::Policy::AntiAffinity));
    let g = server_groups::create(
        &cl,
        server_groups::CreateOpts::new("test", server_groups::Policy::AntiAffinity),
    )
    .await
    .expect("create old");
    sg_create_old.assert_async().await;
    assert_eq!(
        g.effective_policy(),
        Some(&server_groups::Policy::AntiAffinity)
    );
    let groups: Vec<server_groups::ServerGroup> =
        server_groups::list(&cl, server_groups::ListOpts::new())
            .try_collect()
            .await
            .expect("groups");
    sg_list.assert_async().await;
    assert_eq!(groups.len(), 1);
    server_groups::delete(&cl, "g1")
        .await
        .expect("delete group");
    sg_delete.assert_async().await;
    assert_eq!(c.calls_async().await, 0);
}
