//! Against the real Nova 34 (fake driver) with Placement, Glance, Neutron and Cinder, started
//! by `cargo xtask realcloud up`. Run with
//! `FERROCLOUD_REALCLOUD=1 FERROCLOUD_REALCLOUD_SERVICES=keystone,swift,glance,neutron,cinder,nova
//! cargo test -p openstack-compute --test realcloud`.
//!
//! Each test creates uniquely named resources and deletes them again, also when a step fails
//! (the steps return errors instead of panicking; cleanup runs; then the test fails).

#![allow(clippy::unwrap_used)]

use std::time::Duration;

use futures::TryStreamExt;
use openstack_compute::actions::{self, RebootType, ResizeOpts};
use openstack_compute::servers::{self, CreateOpts, ListOpts, Network, Networks, Status};
use openstack_compute::*;
use openstack_core::http::Method;
use openstack_core::{EndpointOpts, Microversion, ProviderClient, ServiceClient};
use openstack_test_support::realcloud;
use serde_json::{json, Value};

const ACTIVE_TIMEOUT: Duration = Duration::from_secs(180);

type R<T = ()> = Result<T, String>;

macro_rules! t {
    ($e:expr, $($ctx:tt)+) => {
        $e.map_err(|e| format!("{}: {e}", format!($($ctx)+)))?
    };
}

macro_rules! ensure {
    ($c:expr, $($msg:tt)+) => {
        if !$c {
            return Err(format!($($msg)+));
        }
    };
}

/// Everything a test made, deleted in dependency order by [`Made::cleanup`].
#[derive(Default)]
struct Made {
    servers: Vec<String>,
    volumes: Vec<String>,
    networks: Vec<String>,
    images: Vec<String>,
    flavors: Vec<String>,
    keypairs: Vec<String>,
    groups: Vec<String>,
}

impl Made {
    async fn cleanup(self, provider: &ProviderClient, compute: &ServiceClient) {
        for s in &self.servers {
            let _ = servers::delete(compute, s).await;
        }
        for s in &self.servers {
            if let Err(e) = servers::wait_for_delete(compute, s, ACTIVE_TIMEOUT).await {
                eprintln!("cleanup: server {s}: {e}");
            }
        }
        if let Ok(block) = provider.service_client(EndpointOpts::new("block-storage")) {
            for v in &self.volumes {
                for _ in 0..60 {
                    match block
                        .request(Method::DELETE, format!("volumes/{v}"))
                        .send()
                        .await
                    {
                        Ok(_) => break,
                        Err(e) if e.is_not_found() => break,
                        // Still detaching.
                        Err(_) => tokio::time::sleep(Duration::from_secs(1)).await,
                    }
                }
            }
        }
        if let Ok(net) = provider.service_client(EndpointOpts::new("network")) {
            for n in &self.networks {
                let _ = net
                    .request(Method::DELETE, format!("v2.0/networks/{n}"))
                    .send()
                    .await;
            }
        }
        if let Ok(img) = provider.service_client(EndpointOpts::new("image")) {
            for i in &self.images {
                let _ = img
                    .request(Method::DELETE, format!("v2/images/{i}"))
                    .send()
                    .await;
            }
        }
        for f in &self.flavors {
            let _ = flavors::delete(compute, f).await;
        }
        for k in &self.keypairs {
            let _ = keypairs::delete(compute, k, None).await;
        }
        for g in &self.groups {
            let _ = server_groups::delete(compute, g).await;
        }
    }
}

async fn setup() -> Option<(ProviderClient, ServiceClient)> {
    let provider = realcloud::client("admin").await?;
    if !realcloud::has("nova") {
        return None;
    }
    let compute = openstack_compute::client(&provider)
        .expect("compute client")
        .with_microversion(Microversion::new(2, 104));
    Some((provider, compute))
}

/// A tiny Glance image (a few raw bytes), through the raw request API.
async fn glance_image(provider: &ProviderClient, made: &mut Made) -> R<String> {
    let glance = t!(
        provider.service_client(EndpointOpts::new("image")),
        "image client"
    );
    let img: Value = t!(
        glance
            .request(Method::POST, "v2/images")
            .json(&json!({
                "name": realcloud::unique_name("compute-img"),
                "disk_format": "raw",
                "container_format": "bare",
                "visibility": "public"
            }))
            .send_json()
            .await,
        "create image"
    );
    let id = img["id"].as_str().ok_or("image id")?.to_owned();
    made.images.push(id.clone());
    t!(
        glance
            .request(Method::PUT, format!("v2/images/{id}/file"))
            .header("content-type", "application/octet-stream")
            .body(vec![0u8; 512])
            .ok_status([204])
            .send()
            .await,
        "upload image data"
    );
    Ok(id)
}

async fn boot(compute: &ServiceClient, made: &mut Made, opts: CreateOpts) -> R<servers::Server> {
    let created = t!(servers::create(compute, opts).await, "create server");
    made.servers.push(created.id.clone());
    let s = t!(
        servers::wait_for_status(compute, &created.id, Status::Active, ACTIVE_TIMEOUT).await,
        "server {} to become ACTIVE",
        created.id
    );
    Ok(s)
}

async fn run<F>(body: F)
where
    F: AsyncFnOnce(ProviderClient, ServiceClient, &mut Made) -> R,
{
    let Some((provider, compute)) = setup().await else {
        return;
    };
    let mut made = Made::default();
    let result = body(provider.clone(), compute.clone(), &mut made).await;
    made.cleanup(&provider, &compute).await;
    if let Err(e) = result {
        panic!("{e}");
    }
}

#[tokio::test]
async fn microversions_discovery_and_read_only_resources() {
    run(
        async |_provider: ProviderClient, compute: ServiceClient, _made: &mut Made| {
            let plain = compute.without_microversion();
            let range = t!(plain.discover_microversions().await, "discover").ok_or("no range")?;
            ensure!(
                range.max == Microversion::new(2, 104),
                "max microversion {}",
                range.max
            );
            ensure!(
                range.min == Microversion::new(2, 1),
                "min microversion {}",
                range.min
            );
            let neg = t!(
                plain
                    .negotiate_microversion(Microversion::new(2, 250))
                    .await,
                "negotiate"
            );
            ensure!(
                neg.microversion() == Some(Microversion::new(2, 104)),
                "negotiated {:?}",
                neg.microversion()
            );
            let neg = t!(
                plain.negotiate_microversion(Microversion::new(2, 60)).await,
                "negotiate 2.60"
            );
            ensure!(neg.microversion() == Some(Microversion::new(2, 60)), "2.60");

            let tiny = t!(flavors::get(&compute, "1").await, "flavor 1");
            ensure!(
                tiny.name == "m1.tiny" && tiny.ram == 512,
                "m1.tiny: {tiny:?}"
            );
            let zones: Vec<_> = t!(
                availability_zones::list(&compute).try_collect().await,
                "zones"
            );
            ensure!(
                zones
                    .iter()
                    .any(|z| z.zone_name == "nova" && z.zone_state.available),
                "nova zone"
            );
            let detail: Vec<_> = t!(
                availability_zones::list_detail(&compute)
                    .try_collect()
                    .await,
                "zones detail"
            );
            ensure!(detail.iter().any(|z| !z.hosts.is_empty()), "zone hosts");
            let lim = t!(limits::get(&compute, None).await, "limits");
            ensure!(
                lim.absolute.max_total_instances.is_some(),
                "limits: {lim:?}"
            );
            let hvs: Vec<_> = t!(
                hypervisors::list_detail(&compute, hypervisors::ListOpts::new())
                    .try_collect()
                    .await,
                "hypervisors"
            );
            ensure!(!hvs.is_empty(), "no hypervisor");
            ensure!(hvs[0].state == "up", "hypervisor state {}", hvs[0].state);
            ensure!(hvs[0].id.len() == 36, "UUID ids from 2.53: {}", hvs[0].id);
            let hv = t!(
                hypervisors::get(&compute, &hvs[0].id, true).await,
                "hypervisor"
            );
            ensure!(
                hv.hypervisor_hostname == hvs[0].hypervisor_hostname,
                "same hypervisor"
            );
            // Statistics were removed in 2.88.
            let old = compute.with_microversion(Microversion::new(2, 87));
            let st = t!(hypervisors::statistics(&old).await, "statistics");
            ensure!(st.count.unwrap_or(0) >= 1, "statistics {st:?}");

            let token = t!(compute.provider().token().await, "token");
            let project = token.project.as_ref().ok_or("project")?.id.clone();
            let q = t!(quota_sets::get(&compute, &project, None).await, "quotas");
            ensure!(
                q.instances.is_some() && q.floating_ips.is_none(),
                "quotas at 2.104: {q:?}"
            );
            let d = t!(quota_sets::defaults(&compute, &project).await, "defaults");
            ensure!(d.cores.is_some(), "defaults");
            let det = t!(quota_sets::detail(&compute, &project, None).await, "detail");
            ensure!(det.instances.is_some(), "quota detail");
            let exts: Vec<_> = t!(extensions::list(&compute).try_collect().await, "extensions");
            ensure!(!exts.is_empty(), "extensions");
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn flavors_and_keypairs_lifecycle() {
    run(
        async |_provider: ProviderClient, compute: ServiceClient, made: &mut Made| {
            let name = realcloud::unique_name("flavor");
            let f = t!(
                flavors::create(
                    &compute,
                    flavors::CreateOpts::new(&name, 256, 1, 1)
                        .is_public(false)
                        .description("made by ferrocloud"),
                )
                .await,
                "create flavor"
            );
            made.flavors.push(f.id.clone());
            ensure!(f.name == name && !f.is_public, "flavor {f:?}");
            let specs = [("hw:numa_nodes".to_owned(), "1".to_owned())].into();
            t!(
                flavors::create_extra_specs(&compute, &f.id, specs).await,
                "extra specs"
            );
            let v = t!(
                flavors::get_extra_spec(&compute, &f.id, "hw:numa_nodes").await,
                "spec"
            );
            ensure!(v == "1", "spec value {v}");
            t!(
                flavors::update_extra_spec(&compute, &f.id, "hw:numa_nodes", "2").await,
                "spec update"
            );
            let all = t!(flavors::list_extra_specs(&compute, &f.id).await, "specs");
            ensure!(all["hw:numa_nodes"] == "2", "specs {all:?}");
            t!(
                flavors::delete_extra_spec(&compute, &f.id, "hw:numa_nodes").await,
                "spec delete"
            );

            let token = t!(compute.provider().token().await, "token");
            let project = token.project.as_ref().ok_or("project")?.id.clone();
            let acc = t!(
                flavors::add_access(&compute, &f.id, &project).await,
                "add access"
            );
            ensure!(acc.iter().any(|a| a.tenant_id == project), "access {acc:?}");
            let acc = t!(flavors::list_access(&compute, &f.id).await, "list access");
            ensure!(acc.len() == 1, "access list {acc:?}");
            let acc = t!(
                flavors::remove_access(&compute, &f.id, &project).await,
                "remove access"
            );
            ensure!(acc.is_empty(), "access after remove {acc:?}");

            let f2 = t!(
                flavors::update(&compute, &f.id, None).await,
                "clear description"
            );
            ensure!(f2.description.is_none(), "description cleared");
            let listed: Vec<_> = t!(
                flavors::list(
                    &compute,
                    flavors::ListOpts::new().access(flavors::Access::All)
                )
                .try_collect()
                .await,
                "list flavors"
            );
            ensure!(listed.iter().any(|x| x.id == f.id), "new flavor listed");
            t!(flavors::delete(&compute, &f.id).await, "delete flavor");
            let gone = flavors::get(&compute, &f.id).await;
            ensure!(
                gone.as_ref().err().is_some_and(|e| e.is_not_found()),
                "flavor gone: {gone:?}"
            );

            // Nova generates keys before 2.92 only.
            let k_name = realcloud::unique_name("key");
            let v291 = compute.with_microversion(Microversion::new(2, 91));
            let k = t!(
                keypairs::create(
                    &v291,
                    keypairs::CreateOpts::new(&k_name).kind(keypairs::KeyType::Ssh)
                )
                .await,
                "generate keypair"
            );
            made.keypairs.push(k_name.clone());
            ensure!(
                k.private_key.is_some() && !k.fingerprint.is_empty(),
                "generated key {k:?}"
            );
            // At 2.92 import the public key we were given.
            let i_name = realcloud::unique_name("imported");
            let imported = t!(
                keypairs::create(
                    &compute,
                    keypairs::CreateOpts::import(&i_name, k.public_key.trim())
                        .kind(keypairs::KeyType::Ssh)
                )
                .await,
                "import keypair"
            );
            made.keypairs.push(i_name.clone());
            ensure!(imported.fingerprint == k.fingerprint, "same fingerprint");
            let got = t!(keypairs::get(&compute, &i_name, None).await, "get keypair");
            ensure!(
                got.kind == Some(keypairs::KeyType::Ssh) && got.user_id.is_some(),
                "{got:?}"
            );
            let all: Vec<_> = t!(
                keypairs::list(&compute, keypairs::ListOpts::new())
                    .try_collect()
                    .await,
                "list"
            );
            ensure!(all.iter().any(|x| x.name == k_name), "listed");
            t!(
                keypairs::delete(&compute, &i_name, None).await,
                "delete keypair"
            );
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn server_lifecycle_and_actions() {
    run(
        async |provider: ProviderClient, compute: ServiceClient, made: &mut Made| {
            let image = glance_image(&provider, made).await?;
            let name = realcloud::unique_name("vm");
            let s = boot(
                &compute,
                made,
                CreateOpts::new(&name, "1")
                    .image_ref(&image)
                    .networks(Networks::None)
                    .metadata("k", "v")
                    .tag("ferro")
                    .description("first")
                    .user_data("#cloud-config\n"),
            )
            .await?;
            ensure!(
                s.name == name && s.flavor.name() == Some("m1.tiny"),
                "server {s:?}"
            );
            ensure!(
                s.tags.as_deref() == Some(&["ferro".to_owned()][..]),
                "tags {:?}",
                s.tags
            );
            ensure!(s.metadata["k"] == "v", "metadata");
            ensure!(
                s.image.as_ref().map(|i| i.id.as_str()) == Some(image.as_str()),
                "image"
            );
            ensure!(s.host.is_some() && s.launched_at.is_some(), "admin fields");
            let id = s.id.clone();

            let listed: Vec<_> = t!(
                servers::list(
                    &compute,
                    ListOpts::new()
                        .name(&name)
                        .tags(["ferro"])
                        .all_tenants(true)
                )
                .try_collect()
                .await,
                "list"
            );
            ensure!(
                listed.len() == 1 && listed[0].id == id,
                "filtered list {listed:?}"
            );
            let summary: Vec<_> = t!(
                servers::list_summary(&compute, ListOpts::new().name(&name))
                    .try_collect()
                    .await,
                "summary"
            );
            ensure!(summary.iter().any(|x| x.id == id), "summary");

            let u = t!(
                servers::update(
                    &compute,
                    &id,
                    servers::UpdateOpts::new()
                        .clear_description()
                        .hostname("ferro-host")
                )
                .await,
                "update"
            );
            ensure!(
                u.description.is_none(),
                "description cleared: {:?}",
                u.description
            );

            // Metadata.
            let m = t!(
                metadata::update(&compute, &id, [("a".to_owned(), "1".to_owned())].into()).await,
                "meta update"
            );
            ensure!(m.len() == 2, "merged {m:?}");
            t!(
                metadata::set_item(&compute, &id, "b", "2").await,
                "set item"
            );
            ensure!(
                t!(metadata::get(&compute, &id, "b").await, "get item") == "2",
                "item"
            );
            t!(
                metadata::delete_item(&compute, &id, "b").await,
                "delete item"
            );
            let m = t!(
                metadata::set(&compute, &id, [("only".to_owned(), "x".to_owned())].into()).await,
                "replace"
            );
            ensure!(
                m.len() == 1 && t!(metadata::list(&compute, &id).await, "list meta").len() == 1,
                "replaced"
            );

            // Tags.
            t!(tags::add(&compute, &id, "two").await, "add tag");
            ensure!(
                t!(tags::check(&compute, &id, "two").await, "check"),
                "tag present"
            );
            ensure!(
                !t!(tags::check(&compute, &id, "nope").await, "check"),
                "tag absent"
            );
            let all = t!(
                tags::replace(&compute, &id, ["x", "y"]).await,
                "replace tags"
            );
            ensure!(all.len() == 2, "tags {all:?}");
            t!(tags::delete(&compute, &id, "x").await, "delete tag");
            ensure!(
                t!(tags::list(&compute, &id).await, "tags") == ["y"],
                "one tag left"
            );
            t!(tags::delete_all(&compute, &id).await, "delete all");

            // Power actions.
            t!(actions::stop(&compute, &id).await, "stop");
            t!(
                servers::wait_for_status(&compute, &id, Status::Shutoff, ACTIVE_TIMEOUT).await,
                "SHUTOFF"
            );
            t!(actions::start(&compute, &id).await, "start");
            t!(
                servers::wait_for_status(&compute, &id, Status::Active, ACTIVE_TIMEOUT).await,
                "ACTIVE"
            );
            t!(
                actions::reboot(&compute, &id, RebootType::Soft).await,
                "reboot"
            );
            t!(
                servers::wait_for_status(&compute, &id, Status::Active, ACTIVE_TIMEOUT).await,
                "after reboot"
            );
            t!(actions::pause(&compute, &id).await, "pause");
            t!(
                servers::wait_for_status(&compute, &id, Status::Paused, ACTIVE_TIMEOUT).await,
                "PAUSED"
            );
            t!(actions::unpause(&compute, &id).await, "unpause");
            t!(
                servers::wait_for_status(&compute, &id, Status::Active, ACTIVE_TIMEOUT).await,
                "unpaused"
            );
            t!(actions::suspend(&compute, &id).await, "suspend");
            t!(
                servers::wait_for_status(&compute, &id, Status::Suspended, ACTIVE_TIMEOUT).await,
                "SUSPENDED"
            );
            t!(actions::resume(&compute, &id).await, "resume");
            t!(
                servers::wait_for_status(&compute, &id, Status::Active, ACTIVE_TIMEOUT).await,
                "resumed"
            );
            t!(
                actions::lock(&compute, &id, Some("ferrocloud test")).await,
                "lock"
            );
            let l = t!(servers::get(&compute, &id).await, "get locked");
            ensure!(
                l.locked == Some(true) && l.locked_reason.as_deref() == Some("ferrocloud test"),
                "lock {l:?}"
            );
            t!(actions::unlock(&compute, &id).await, "unlock");
            let l = t!(servers::get(&compute, &id).await, "get unlocked");
            ensure!(l.locked == Some(false), "unlocked");

            let out = t!(
                consoles::console_output(&compute, &id, Some(10)).await,
                "console output"
            );
            ensure!(!out.is_empty(), "console output is empty");
            let ips = t!(addresses::list(&compute, &id).await, "addresses");
            ensure!(ips.is_empty(), "networks none: {ips:?}");

            // Instance actions: every event of every action succeeded.
            let acts: Vec<_> = t!(
                instance_actions::list(&compute, &id, instance_actions::ListOpts::new())
                    .try_collect()
                    .await,
                "instance actions"
            );
            for want in [
                "create", "stop", "start", "reboot", "pause", "suspend", "lock",
            ] {
                ensure!(
                    acts.iter().any(|a| a.action == want),
                    "no {want} action in {acts:?}"
                );
            }
            for a in &acts {
                let full = t!(
                    instance_actions::get(&compute, &id, &a.request_id).await,
                    "action {}",
                    a.action
                );
                ensure!(
                    full.events
                        .iter()
                        .all(|e| e.result.is_none() || e.succeeded()),
                    "events of {}: {:?}",
                    a.action,
                    full.events
                );
            }

            // Delete and wait for it to be gone.
            t!(servers::delete(&compute, &id).await, "delete");
            t!(
                servers::wait_for_delete(&compute, &id, ACTIVE_TIMEOUT).await,
                "gone"
            );
            // Admins may still see a deleted server (status DELETED) until it is archived.
            match servers::get(&compute, &id).await {
                Err(e) => ensure!(e.is_not_found(), "404 after delete: {e}"),
                Ok(s) => ensure!(s.status == Status::Deleted, "after delete: {}", s.status),
            }
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn resize_and_confirm() {
    run(
        async |provider: ProviderClient, compute: ServiceClient, made: &mut Made| {
            let image = glance_image(&provider, made).await?;
            let bigger = t!(
                flavors::create(
                    &compute,
                    flavors::CreateOpts::new(realcloud::unique_name("resize"), 768, 1, 1)
                )
                .await,
                "second flavor"
            );
            made.flavors.push(bigger.id.clone());
            let s = boot(
                &compute,
                made,
                CreateOpts::new(realcloud::unique_name("vm-resize"), "1")
                    .image_ref(&image)
                    .networks(Networks::None),
            )
            .await?;
            t!(
                actions::resize(&compute, &s.id, ResizeOpts::new(&bigger.id)).await,
                "resize"
            );
            // Wait for VERIFY_RESIZE, or for the resize to end back in ACTIVE (failed).
            let mut last = s.clone();
            for _ in 0..120 {
                last = t!(servers::get(&compute, &s.id).await, "get");
                if last.status == Status::VerifyResize
                    || (last.status == Status::Active
                        && last.task_state.is_none()
                        && last.flavor.ram == Some(512)
                        && last.updated != s.updated)
                {
                    break;
                }
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
            // The harness sets `allow_resize_to_same_host = true` on its single fake host.
            ensure!(
                last.status == Status::VerifyResize,
                "resize did not reach VERIFY_RESIZE: status {}, task state {:?}",
                last.status,
                last.task_state
            );
            t!(actions::confirm_resize(&compute, &s.id).await, "confirm");
            let done = t!(
                servers::wait_for_status(&compute, &s.id, Status::Active, ACTIVE_TIMEOUT).await,
                "ACTIVE"
            );
            ensure!(
                done.flavor.ram == Some(768),
                "resized flavor {:?}",
                done.flavor
            );
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn server_on_a_neutron_network_with_interfaces() {
    if !realcloud::has("neutron") {
        return;
    }
    run(async |provider: ProviderClient, compute: ServiceClient, made: &mut Made| {
        let image = glance_image(&provider, made).await?;
        let net = t!(provider.service_client(EndpointOpts::new("network")), "network client");
        let n: Value = t!(
            net.request(Method::POST, "v2.0/networks")
                .json(&json!({"network": {"name": realcloud::unique_name("net")}}))
                .send_json()
                .await,
            "create network"
        );
        let net_id = n["network"]["id"].as_str().ok_or("network id")?.to_owned();
        made.networks.push(net_id.clone());
        t!(
            net.request(Method::POST, "v2.0/subnets")
                .json(&json!({"subnet": {"network_id": net_id, "ip_version": 4, "cidr": "10.77.0.0/24"}}))
                .send()
                .await,
            "create subnet"
        );
        let s = boot(
            &compute,
            made,
            CreateOpts::new(realcloud::unique_name("vm-net"), "1")
                .image_ref(&image)
                .networks(Networks::List(vec![Network::uuid(&net_id)])),
        )
        .await?;
        let (net_name, addrs) = s.addresses.iter().next().ok_or("no addresses")?;
        ensure!(addrs[0].addr.starts_with("10.77.0."), "address {addrs:?}");
        let by_net = t!(addresses::list_by_network(&compute, &s.id, net_name).await, "ips by network");
        ensure!(by_net[0].addr == addrs[0].addr, "same address");
        let ifs = t!(interfaces::list(&compute, &s.id).await, "interfaces");
        ensure!(ifs.len() == 1 && ifs[0].net_id == net_id, "interfaces {ifs:?}");
        let one = t!(interfaces::get(&compute, &s.id, &ifs[0].port_id).await, "interface");
        ensure!(one.fixed_ips[0].ip_address == addrs[0].addr, "interface ip");
        // Attach a second interface on the same network, then detach it.
        let att = t!(
            interfaces::attach(&compute, &s.id, interfaces::AttachOpts::network(&net_id).tag("second")).await,
            "attach interface"
        );
        let mut n_ifs = 0;
        for _ in 0..60 {
            n_ifs = t!(interfaces::list(&compute, &s.id).await, "interfaces").len();
            if n_ifs == 2 {
                break;
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
        ensure!(n_ifs == 2, "two interfaces after attach, got {n_ifs}");
        t!(interfaces::detach(&compute, &s.id, &att.port_id).await, "detach interface");
        for _ in 0..60 {
            n_ifs = t!(interfaces::list(&compute, &s.id).await, "interfaces").len();
            if n_ifs == 1 {
                break;
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
        ensure!(n_ifs == 1, "one interface after detach, got {n_ifs}");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn volume_attach_detach_and_server_groups() {
    if !realcloud::has("cinder") {
        return;
    }
    run(
        async |provider: ProviderClient, compute: ServiceClient, made: &mut Made| {
            // Server groups: create in the 2.64 form, and in the old form at 2.63.
            let g = t!(
                server_groups::create(
                    &compute,
                    server_groups::CreateOpts::new(
                        realcloud::unique_name("grp"),
                        server_groups::Policy::AntiAffinity
                    )
                    .max_server_per_host(2)
                )
                .await,
                "group 2.64"
            );
            made.groups.push(g.id.clone());
            ensure!(
                g.policy == Some(server_groups::Policy::AntiAffinity),
                "policy {g:?}"
            );
            ensure!(
                g.rules.as_ref().and_then(|r| r.max_server_per_host) == Some(2),
                "rules"
            );
            let old = compute.with_microversion(Microversion::new(2, 63));
            let g2 = t!(
                server_groups::create(
                    &old,
                    server_groups::CreateOpts::new(
                        realcloud::unique_name("grp"),
                        server_groups::Policy::Affinity
                    )
                )
                .await,
                "group 2.63"
            );
            made.groups.push(g2.id.clone());
            ensure!(
                g2.policies.as_deref() == Some(&[server_groups::Policy::Affinity][..]),
                "policies {g2:?}"
            );
            let all: Vec<_> = t!(
                server_groups::list(&compute, server_groups::ListOpts::new())
                    .try_collect()
                    .await,
                "groups"
            );
            ensure!(
                all.iter().any(|x| x.id == g.id) && all.iter().any(|x| x.id == g2.id),
                "listed"
            );

            let image = glance_image(&provider, made).await?;
            let s = boot(
                &compute,
                made,
                CreateOpts::new(realcloud::unique_name("vm-vol"), "1")
                    .image_ref(&image)
                    .networks(Networks::None)
                    .scheduler_hint("group", g.id.clone()),
            )
            .await?;
            let got = t!(server_groups::get(&compute, &g.id).await, "group");
            ensure!(got.members.contains(&s.id), "member {got:?}");

            let block = t!(
                provider.service_client(EndpointOpts::new("block-storage")),
                "block-storage client"
            );
            let v: Value = t!(
                block
                    .request(Method::POST, "volumes")
                    .json(&json!({"volume": {"name": realcloud::unique_name("vol"), "size": 1}}))
                    .send_json()
                    .await,
                "create volume"
            );
            let vol = v["volume"]["id"].as_str().ok_or("volume id")?.to_owned();
            made.volumes.push(vol.clone());
            let vol_status = |want: &'static str| {
                let block = block.clone();
                let vol = vol.clone();
                async move {
                    for _ in 0..120 {
                        let v: Value = block
                            .request(Method::GET, format!("volumes/{vol}"))
                            .send_json()
                            .await
                            .map_err(|e| e.to_string())?;
                        let st = v["volume"]["status"]
                            .as_str()
                            .unwrap_or_default()
                            .to_owned();
                        if st == want {
                            return Ok(());
                        }
                        if st.starts_with("error") {
                            return Err(format!("volume {vol} went to {st}"));
                        }
                        tokio::time::sleep(Duration::from_secs(1)).await;
                    }
                    Err(format!("volume {vol} never became {want}"))
                }
            };
            vol_status("available").await?;
            let att = t!(
                volume_attachments::attach(
                    &compute,
                    &s.id,
                    volume_attachments::AttachOpts::new(&vol).delete_on_termination(false)
                )
                .await,
                "attach volume"
            );
            ensure!(att.volume_id == vol, "attachment {att:?}");
            vol_status("in-use").await?;
            let list: Vec<_> = t!(
                volume_attachments::list(&compute, &s.id)
                    .try_collect()
                    .await,
                "attachments"
            );
            ensure!(
                list.len() == 1 && list[0].attachment_id.is_some(),
                "attachments {list:?}"
            );
            let one = t!(
                volume_attachments::get(&compute, &s.id, &vol).await,
                "attachment"
            );
            ensure!(one.device.is_some(), "device {one:?}");
            let srv = t!(servers::get(&compute, &s.id).await, "server");
            ensure!(
                srv.volumes_attached.iter().any(|a| a.id == vol),
                "volumes_attached {:?}",
                srv.volumes_attached
            );
            t!(
                volume_attachments::detach(&compute, &s.id, &vol).await,
                "detach"
            );
            vol_status("available").await?;

            // Before 2.101 the attach answers 200 with the attachment (and its device).
            let v2100 = compute.with_microversion(Microversion::new(2, 100));
            let att = t!(
                volume_attachments::attach(
                    &v2100,
                    &s.id,
                    volume_attachments::AttachOpts::new(&vol)
                )
                .await,
                "attach volume at 2.100"
            );
            ensure!(
                att.volume_id == vol && att.device.is_some(),
                "2.100 attachment {att:?}"
            );
            vol_status("in-use").await?;
            t!(
                volume_attachments::detach(&v2100, &s.id, &vol).await,
                "detach at 2.100"
            );
            vol_status("available").await?;
            Ok(())
        },
    )
    .await;
}

/// Waits until the server has no task in progress.
async fn idle(compute: &ServiceClient, id: &str) -> R<servers::Server> {
    for _ in 0..120 {
        let s = t!(servers::get(compute, id).await, "get");
        if s.task_state.is_none() {
            return Ok(s);
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    Err(format!("server {id} stayed busy"))
}

#[tokio::test]
async fn snapshots_rescue_rebuild_and_password() {
    run(
        async |provider: ProviderClient, compute: ServiceClient, made: &mut Made| {
            let image = glance_image(&provider, made).await?;
            let s = boot(
                &compute,
                made,
                CreateOpts::new(realcloud::unique_name("vm-snap"), "1")
                    .image_ref(&image)
                    .networks(Networks::None),
            )
            .await?;
            let id = s.id.clone();

            // createImage: the id comes from the body from 2.45 ...
            let snap = t!(
                actions::create_image(
                    &compute,
                    &id,
                    actions::CreateImageOpts::new(realcloud::unique_name("snap-new"))
                        .metadata("purpose", "test"),
                )
                .await,
                "create image (2.104)"
            );
            made.images.push(snap.clone());
            idle(&compute, &id).await?;
            // ... and from the Location header before.
            let old = compute.with_microversion(Microversion::new(2, 44));
            let snap_old = t!(
                actions::create_image(
                    &old,
                    &id,
                    actions::CreateImageOpts::new(realcloud::unique_name("snap-old")),
                )
                .await,
                "create image (2.44)"
            );
            made.images.push(snap_old.clone());
            ensure!(snap != snap_old, "two snapshots");
            idle(&compute, &id).await?;
            let glance = t!(
                provider.service_client(EndpointOpts::new("image")),
                "image client"
            );
            for img in [&snap, &snap_old] {
                let v: Value = t!(
                    glance
                        .request(Method::GET, format!("v2/images/{img}"))
                        .send_json()
                        .await,
                    "snapshot {img} in glance"
                );
                ensure!(v["id"] == json!(img), "glance image {v}");
            }
            // The compute image proxy (up to 2.35) sees it too.
            let v235 = compute.with_microversion(Microversion::new(2, 35));
            let proxied = t!(images::get(&v235, &snap).await, "image proxy get");
            ensure!(proxied.id == snap, "proxied image {proxied:?}");
            let listed: Vec<_> = t!(
                images::list(&v235, images::ListOpts::new())
                    .try_collect()
                    .await,
                "image proxy list"
            );
            ensure!(
                listed.iter().any(|i| i.id == image),
                "proxy lists the base image"
            );

            // Rescue and unrescue.
            let pw = t!(
                actions::rescue(
                    &compute,
                    &id,
                    actions::RescueOpts::new().admin_pass("Rescue-1")
                )
                .await,
                "rescue"
            );
            ensure!(
                pw.is_none() || pw.as_deref() == Some("Rescue-1"),
                "rescue password {pw:?}"
            );
            t!(
                servers::wait_for_status(&compute, &id, Status::Rescue, ACTIVE_TIMEOUT).await,
                "RESCUE"
            );
            t!(actions::unrescue(&compute, &id).await, "unrescue");
            t!(
                servers::wait_for_status(&compute, &id, Status::Active, ACTIVE_TIMEOUT).await,
                "unrescued"
            );
            idle(&compute, &id).await?;

            // Rebuild with a new name, metadata and description.
            let r = t!(
                actions::rebuild(
                    &compute,
                    &id,
                    actions::RebuildOpts::new(&image)
                        .name("rebuilt")
                        .metadata("after", "rebuild")
                        .description("rebuilt by ferrocloud"),
                )
                .await,
                "rebuild"
            );
            ensure!(r.name == "rebuilt", "rebuild response {r:?}");
            let s = t!(
                servers::wait_for_status(&compute, &id, Status::Active, ACTIVE_TIMEOUT).await,
                "rebuilt ACTIVE"
            );
            ensure!(
                s.metadata.get("after").map(String::as_str) == Some("rebuild"),
                "{s:?}"
            );
            ensure!(
                s.description.as_deref() == Some("rebuilt by ferrocloud"),
                "description"
            );
            idle(&compute, &id).await?;

            t!(
                actions::change_password(&compute, &id, "N3w-pass").await,
                "change password"
            );
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn shelve_unshelve_consoles_and_quota_update() {
    run(
        async |provider: ProviderClient, compute: ServiceClient, made: &mut Made| {
            // A quota update that changes nothing (the cloud is shared by parallel tests).
            let token = t!(compute.provider().token().await, "token");
            let project = token.project.as_ref().ok_or("project")?.id.clone();
            let q = t!(quota_sets::get(&compute, &project, None).await, "quotas");
            let cores = q.cores.ok_or("cores quota")?;
            let q2 = t!(
                quota_sets::update(
                    &compute,
                    &project,
                    None,
                    quota_sets::UpdateOpts::new().cores(cores)
                )
                .await,
                "quota update"
            );
            ensure!(q2.cores == Some(cores), "quota after update {q2:?}");

            let image = glance_image(&provider, made).await?;
            let s = boot(
                &compute,
                made,
                CreateOpts::new(realcloud::unique_name("vm-shelve"), "1")
                    .image_ref(&image)
                    .networks(Networks::None),
            )
            .await?;
            let id = s.id.clone();

            match consoles::create_remote_console(
                &compute,
                &id,
                consoles::Protocol::Vnc,
                consoles::ConsoleType::NoVnc,
            )
            .await
            {
                Ok(c) => ensure!(!c.url.is_empty(), "console {c:?}"),
                // VNC is off in the harness's nova.conf: Nova says so with a 4xx.
                Err(e) => {
                    let code = e.status().map(|s| s.as_u16()).unwrap_or(0);
                    ensure!((400..500).contains(&code), "remote console: {e}");
                    eprintln!("NOTE: remote consoles unavailable here: {e}");
                }
            }

            t!(actions::shelve(&compute, &id).await, "shelve");
            let mut st = Status::Build;
            for _ in 0..120 {
                st = t!(servers::get(&compute, &id).await, "get").status;
                if st == Status::ShelvedOffloaded || st == Status::Shelved {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
            ensure!(
                st == Status::ShelvedOffloaded || st == Status::Shelved,
                "after shelve: {st}"
            );
            idle(&compute, &id).await?;
            t!(
                actions::unshelve(&compute, &id, actions::UnshelveOpts::new()).await,
                "unshelve"
            );
            t!(
                servers::wait_for_status(&compute, &id, Status::Active, ACTIVE_TIMEOUT).await,
                "unshelved ACTIVE"
            );
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn multiple_create_by_reservation() {
    run(
        async |provider: ProviderClient, compute: ServiceClient, made: &mut Made| {
            let image = glance_image(&provider, made).await?;
            let name = realcloud::unique_name("vm-multi");
            let rid = t!(
                servers::create_multiple(
                    &compute,
                    CreateOpts::new(&name, "1")
                        .image_ref(&image)
                        .networks(Networks::None)
                        .min_count(2)
                        .max_count(2),
                )
                .await,
                "create multiple"
            );
            ensure!(rid.starts_with("r-"), "reservation id {rid}");
            let mut found = Vec::new();
            for _ in 0..60 {
                found = t!(
                    servers::list(&compute, ListOpts::new().reservation_id(&rid))
                        .try_collect::<Vec<_>>()
                        .await,
                    "list by reservation"
                );
                if found.len() == 2 {
                    break;
                }
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
            made.servers.extend(found.iter().map(|s| s.id.clone()));
            ensure!(found.len() == 2, "two servers in {rid}: {found:?}");
            for s in &found {
                ensure!(s.reservation_id.as_deref() == Some(rid.as_str()), "{s:?}");
                t!(
                    servers::wait_for_status(&compute, &s.id, Status::Active, ACTIVE_TIMEOUT).await,
                    "{} ACTIVE",
                    s.id
                );
            }
            Ok(())
        },
    )
    .await;
}
