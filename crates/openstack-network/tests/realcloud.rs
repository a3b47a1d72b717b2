//! Against the real Neutron started by `cargo xtask realcloud up` (API and DB only, no
//! agents: ports bind nothing and stay DOWN, but every API call works).
//!
//! Run with
//! `FERROCLOUD_REALCLOUD=1 FERROCLOUD_REALCLOUD_SERVICES=keystone,neutron cargo test -p openstack-network --test realcloud`.

use futures::TryStreamExt;
use openstack_core::http::{Method, StatusCode};
use openstack_core::ServiceClient;
use openstack_network::layer3::{floatingips, routers};
use openstack_network::networks::{self, Segment};
use openstack_network::security::{groups, rules};
use openstack_network::{apiversions, extensions, ports, quotas, subnets, tags, FixedIp, SortDir};
use openstack_test_support::realcloud;

type R<T> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

async fn network_client() -> Option<ServiceClient> {
    let provider = realcloud::client("admin").await?;
    if !realcloud::has("neutron") {
        return None;
    }
    Some(openstack_network::client(&provider).expect("network client"))
}

/// What a test created, deleted in reverse order whatever happened.
#[derive(Default)]
struct Cleanup(Vec<(&'static str, String)>);

impl Cleanup {
    fn add(&mut self, kind: &'static str, id: &str) {
        self.0.push((kind, id.to_owned()));
    }

    async fn run(self, cl: &ServiceClient) {
        for (kind, id) in self.0.into_iter().rev() {
            let res = match kind {
                "network" => networks::delete(cl, &id).await,
                "subnet" => subnets::delete(cl, &id).await,
                "port" => ports::delete(cl, &id).await,
                "router" => routers::delete(cl, &id).await,
                "floatingip" => floatingips::delete(cl, &id).await,
                "security_group" => groups::delete(cl, &id).await,
                "subnetpool" => openstack_network::subnetpools::delete(cl, &id).await,
                "qos_policy" => openstack_network::qos::delete(cl, &id).await,
                "rbac_policy" => openstack_network::rbac_policies::delete(cl, &id).await,
                "address_scope" => openstack_network::address_scopes::delete(cl, &id).await,
                "port_forwarding" => {
                    let (fip, pf) = id.split_once(' ').expect("fip pf");
                    openstack_network::layer3::portforwarding::delete(cl, fip, pf).await
                }
                "router_interface" => {
                    let (router, subnet) = id.split_once(' ').expect("router subnet");
                    routers::remove_interface(cl, router, routers::InterfaceOpts::subnet(subnet))
                        .await
                        .map(drop)
                }
                other => panic!("unknown kind {other}"),
            };
            if let Err(e) = res {
                if !e.is_not_found() {
                    eprintln!("cleanup of {kind} {id} failed: {e}");
                }
            }
        }
    }
}

/// A private /24 that no other test of this process uses.
fn unique_cidr() -> (String, String) {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    let n = N.fetch_add(1, Ordering::Relaxed);
    let b = (std::process::id() % 200) + 20;
    let c = n % 250;
    (format!("10.{b}.{c}.0/24"), format!("10.{b}.{c}."))
}

/// Runs `body` against the real Neutron (nothing when the harness is off), then deletes what
/// it registered in the `Cleanup`, also after a failure; the failure is then reported as `what`.
async fn with_cleanup(what: &str, body: impl AsyncFnOnce(&ServiceClient, &mut Cleanup) -> R<()>) {
    let Some(cl) = network_client().await else {
        return;
    };
    let mut cleanup = Cleanup::default();
    let result = body(&cl, &mut cleanup).await;
    cleanup.run(&cl).await;
    result.expect(what);
}

#[tokio::test]
async fn network_subnet_port_lifecycle() {
    with_cleanup("network + subnet + port lifecycle", lifecycle).await;
}

async fn lifecycle(cl: &ServiceClient, cleanup: &mut Cleanup) -> R<()> {
    let name = realcloud::unique_name("net");
    let net = networks::create(
        cl,
        networks::CreateOpts::new()
            .name(&name)
            .description("made by ferrocloud")
            .admin_state_up(true)
            .port_security_enabled(true),
    )
    .await?;
    cleanup.add("network", &net.id);
    assert_eq!(net.name, name);
    assert_eq!(net.description, "made by ferrocloud");
    assert!(net.mtu.is_some(), "net-mtu is on");
    assert_eq!(net.port_security_enabled, Some(true));

    let (cidr, prefix) = unique_cidr();
    let subnet = subnets::create(
        cl,
        subnets::CreateOpts::new(&net.id, subnets::IpVersion::V4)
            .name(format!("{name}-sub"))
            .cidr(&cidr)
            .allocation_pools([subnets::AllocationPool::new(
                format!("{prefix}10"),
                format!("{prefix}99"),
            )])
            .dns_nameservers(["192.0.2.53"])
            .host_routes([subnets::HostRoute::new(
                "192.0.2.0/24",
                format!("{prefix}1"),
            )]),
    )
    .await?;
    cleanup.add("subnet", &subnet.id);
    assert_eq!(subnet.cidr, cidr);
    assert_eq!(
        subnet.gateway_ip.as_deref(),
        Some(format!("{prefix}1").as_str())
    );
    assert_eq!(subnet.dns_nameservers, ["192.0.2.53"]);
    assert_eq!(subnet.host_routes.len(), 1);

    // IPv6 SLAAC subnet on the same network.
    let v6 = subnets::create(
        cl,
        subnets::CreateOpts::new(&net.id, subnets::IpVersion::V6)
            .cidr("fd00:f1::/64")
            .ipv6_ra_mode(subnets::Ipv6Mode::Slaac)
            .ipv6_address_mode(subnets::Ipv6Mode::Slaac),
    )
    .await?;
    cleanup.add("subnet", &v6.id);
    assert_eq!(v6.ip_version, subnets::IpVersion::V6);
    assert_eq!(v6.ipv6_ra_mode, Some(subnets::Ipv6Mode::Slaac));

    // Tri-state: clear the gateway with null, then set it again.
    let cleared = subnets::update(
        cl,
        &subnet.id,
        subnets::UpdateOpts::new().clear_gateway_ip(),
    )
    .await?;
    assert_eq!(cleared.gateway_ip, None);
    let set = subnets::update(
        cl,
        &subnet.id,
        subnets::UpdateOpts::new().gateway_ip(format!("{prefix}1")),
    )
    .await?;
    assert_eq!(
        set.gateway_ip.as_deref(),
        Some(format!("{prefix}1").as_str())
    );

    let port = ports::create(
        cl,
        ports::CreateOpts::new(&net.id)
            .name(format!("{name}-port"))
            .fixed_ips([FixedIp::subnet(&subnet.id)])
            .allowed_address_pairs([ports::AddressPair::new(format!("{prefix}200"))])
            .extra_dhcp_opts([ports::ExtraDhcpOpt::new("bootfile-name", "pxelinux.0")]),
    )
    .await?;
    cleanup.add("port", &port.id);
    let v4: Vec<_> = port
        .fixed_ips
        .iter()
        .filter(|f| f.subnet_id == subnet.id)
        .collect();
    assert_eq!(
        v4.len(),
        1,
        "one address from the v4 subnet: {:?}",
        port.fixed_ips
    );
    assert!(
        v4[0].ip_address.starts_with(&prefix),
        "{} in {cidr}",
        v4[0].ip_address
    );
    let last: u32 = v4[0].ip_address[prefix.len()..].parse()?;
    assert!(
        (10..=99).contains(&last),
        "from the allocation pool: {}",
        v4[0].ip_address
    );
    assert_eq!(port.mac_address.len(), 17);
    assert_eq!(port.security_groups.len(), 1, "the default group");
    assert_eq!(
        port.extra_dhcp_opts[0].opt_value.as_deref(),
        Some("pxelinux.0")
    );

    // Safe update with the revision; then a stale revision is refused with 412.
    let renamed = ports::update(
        cl,
        &port.id,
        ports::UpdateOpts::new()
            .name(format!("{name}-port2"))
            .device_owner("compute:nova")
            .device_id("vm-1")
            .clear_description()
            .if_revision(port.revision_number),
    )
    .await?;
    assert_eq!(renamed.device_owner, "compute:nova");
    assert!(renamed.revision_number > port.revision_number);
    let stale = ports::update(
        cl,
        &port.id,
        ports::UpdateOpts::new()
            .name("x")
            .if_revision(port.revision_number),
    )
    .await
    .expect_err("stale revision");
    assert_eq!(stale.status(), Some(StatusCode::PRECONDITION_FAILED));

    // Port security off needs no security groups.
    let open = ports::update(
        cl,
        &port.id,
        ports::UpdateOpts::new()
            .security_groups(Vec::<String>::new())
            .allowed_address_pairs([])
            .port_security_enabled(false),
    )
    .await?;
    assert_eq!(open.port_security_enabled, Some(false));
    assert!(open.security_groups.is_empty());

    // Filters: by network, by fixed IP, with fields.
    let found: Vec<_> = ports::list(
        cl,
        ports::ListOpts::new()
            .network_id(&net.id)
            .fixed_ip_address(&v4[0].ip_address)
            .fields(["id", "name"]),
    )
    .try_collect()
    .await?;
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id, port.id);
    assert!(
        found[0].mac_address.is_empty(),
        "fields=id,name leaves the MAC out"
    );

    let got = networks::get(cl, &net.id).await?;
    let mut subnet_ids = got.subnets.clone();
    subnet_ids.sort();
    let mut want = vec![subnet.id.clone(), v6.id.clone()];
    want.sort();
    assert_eq!(subnet_ids, want);

    let updated = networks::update(
        cl,
        &net.id,
        networks::UpdateOpts::new()
            .clear_description()
            .mtu(1400)
            .if_revision(got.revision_number),
    )
    .await?;
    assert_eq!(updated.description, "");
    assert_eq!(updated.mtu, Some(1400));

    // Tri-state with null: set a QoS policy (made with the raw escape hatch), then clear it.
    let policy: serde_json::Value = cl
        .request(Method::POST, "qos/policies")
        .json(&serde_json::json!({"policy": {"name": name}}))
        .send_json()
        .await?;
    let policy_id = policy["policy"]["id"]
        .as_str()
        .expect("policy id")
        .to_owned();
    cleanup.add("qos_policy", &policy_id);
    let with_qos = networks::update(
        cl,
        &net.id,
        networks::UpdateOpts::new().qos_policy_id(&policy_id),
    )
    .await?;
    assert_eq!(with_qos.qos_policy_id.as_deref(), Some(policy_id.as_str()));
    let without = networks::update(
        cl,
        &net.id,
        networks::UpdateOpts::new().clear_qos_policy_id(),
    )
    .await?;
    assert_eq!(without.qos_policy_id, None);

    // The project's quotas.
    let q = quotas::get(cl, &net.project_id).await?;
    assert!(q.network.is_some());

    ports::delete(cl, &port.id).await?;
    let err = ports::get(cl, &port.id).await.expect_err("deleted");
    assert!(err.is_not_found());
    networks::delete(cl, &net.id).await?;
    assert!(networks::get(cl, &net.id)
        .await
        .expect_err("deleted")
        .is_not_found());
    Ok(())
}

#[tokio::test]
async fn security_group_with_rules() {
    with_cleanup("security group with rules", security).await;
}

async fn security(cl: &ServiceClient, cleanup: &mut Cleanup) -> R<()> {
    let name = realcloud::unique_name("sg");
    let sg = groups::create(cl, groups::CreateOpts::new(&name).description("web")).await?;
    cleanup.add("security_group", &sg.id);
    assert_eq!(sg.name, name);
    // Neutron adds the rules of its default-security-group-rules templates (classically two
    // egress rules; none in the harness): remember how many.
    let base = sg.security_group_rules.len();
    assert!(sg
        .security_group_rules
        .iter()
        .all(|r| r.security_group_id == sg.id));

    let ssh = rules::create(
        cl,
        rules::CreateOpts::new(&sg.id, rules::Direction::Ingress)
            .protocol("tcp")
            .port_range(22, 22)
            .remote_ip_prefix("0.0.0.0/0")
            .ethertype(rules::EtherType::IPv4),
    )
    .await?;
    assert_eq!(
        (ssh.port_range_min, ssh.port_range_max),
        (Some(22), Some(22))
    );
    let from_self = rules::create(
        cl,
        rules::CreateOpts::new(&sg.id, rules::Direction::Ingress)
            .ethertype(rules::EtherType::IPv6)
            .remote_group_id(&sg.id),
    )
    .await?;
    assert_eq!(from_self.remote_group_id.as_deref(), Some(sg.id.as_str()));
    assert_eq!(from_self.protocol, None);

    let listed: Vec<_> = rules::list(
        cl,
        rules::ListOpts::new()
            .security_group_id(&sg.id)
            .direction("ingress"),
    )
    .try_collect()
    .await?;
    assert_eq!(
        listed
            .iter()
            .filter(|r| r.id == ssh.id || r.id == from_self.id)
            .count(),
        2
    );
    let got = groups::get(cl, &sg.id).await?;
    assert_eq!(got.security_group_rules.len(), base + 2);

    let updated = groups::update(
        cl,
        &sg.id,
        groups::UpdateOpts::new()
            .name(format!("{name}-2"))
            .clear_description(),
    )
    .await?;
    assert_eq!(updated.description, "");
    rules::delete(cl, &ssh.id).await?;
    assert!(rules::get(cl, &ssh.id)
        .await
        .expect_err("deleted")
        .is_not_found());
    let found: Vec<_> = groups::list(cl, groups::ListOpts::new().name(format!("{name}-2")))
        .try_collect()
        .await?;
    assert_eq!(found.len(), 1);
    groups::delete(cl, &sg.id).await?;
    Ok(())
}

#[tokio::test]
async fn router_gateway_interface_and_floating_ip() {
    with_cleanup("router + floating IP", layer3).await;
}

async fn layer3(cl: &ServiceClient, cleanup: &mut Cleanup) -> R<()> {
    let name = realcloud::unique_name("l3");
    // ml2 allows flat networks on any physical network (flat_networks = *), but one flat
    // network per physnet: use a unique physnet.
    let physnet = format!("physnet-{name}");
    let ext = networks::create(
        cl,
        networks::CreateOpts::new()
            .name(format!("{name}-public"))
            .external(true)
            .provider(Segment::new("flat").physical_network(&physnet)),
    )
    .await?;
    cleanup.add("network", &ext.id);
    assert!(ext.external);
    assert_eq!(ext.provider.network_type, "flat");
    assert_eq!(
        ext.provider.physical_network.as_deref(),
        Some(physnet.as_str())
    );
    let ext_sub = subnets::create(
        cl,
        subnets::CreateOpts::new(&ext.id, subnets::IpVersion::V4)
            .cidr("172.24.4.0/24")
            .enable_dhcp(false),
    )
    .await?;
    cleanup.add("subnet", &ext_sub.id);
    let externals: Vec<_> =
        networks::list(cl, networks::ListOpts::new().external(true).id(&ext.id))
            .try_collect()
            .await?;
    assert_eq!(externals.len(), 1);

    let net = networks::create(
        cl,
        networks::CreateOpts::new().name(format!("{name}-private")),
    )
    .await?;
    cleanup.add("network", &net.id);
    assert!(!net.external);
    let (cidr, prefix) = unique_cidr();
    let sub = subnets::create(
        cl,
        subnets::CreateOpts::new(&net.id, subnets::IpVersion::V4).cidr(&cidr),
    )
    .await?;
    cleanup.add("subnet", &sub.id);

    let router = routers::create(
        cl,
        routers::CreateOpts::new()
            .name(&name)
            .external_gateway(routers::GatewayInfo::new(&ext.id).enable_snat(true)),
    )
    .await?;
    cleanup.add("router", &router.id);
    let gw = router.external_gateway_info.clone().expect("gateway");
    assert_eq!(gw.network_id, ext.id);
    assert_eq!(gw.enable_snat, Some(true));
    assert!(gw.external_fixed_ips[0].ip_address.starts_with("172.24.4."));

    let iface =
        routers::add_interface(cl, &router.id, routers::InterfaceOpts::subnet(&sub.id)).await?;
    cleanup.add("router_interface", &format!("{} {}", router.id, sub.id));
    assert_eq!(iface.subnet_id, sub.id);
    let rport = ports::get(cl, &iface.port_id).await?;
    assert_eq!(rport.device_owner, "network:router_interface");
    assert_eq!(rport.fixed_ips[0].ip_address, format!("{prefix}1"));

    // Extra routes via the router's subnet.
    let with_routes = routers::update(
        cl,
        &router.id,
        routers::UpdateOpts::new()
            .routes([routers::Route::new("192.0.2.0/24", format!("{prefix}50"))]),
    )
    .await?;
    assert_eq!(with_routes.routes.len(), 1);
    let added = routers::add_routes(
        cl,
        &router.id,
        vec![routers::Route::new(
            "198.51.100.0/24",
            format!("{prefix}51"),
        )],
    )
    .await?;
    assert_eq!(added.routes.len(), 2);
    let removed = routers::remove_routes(cl, &router.id, added.routes.clone()).await?;
    assert!(removed.routes.is_empty());

    let port = ports::create(
        cl,
        ports::CreateOpts::new(&net.id).name(format!("{name}-vm")),
    )
    .await?;
    cleanup.add("port", &port.id);
    let fip = floatingips::create(
        cl,
        floatingips::CreateOpts::new(&ext.id)
            .port_id(&port.id)
            .description("ferrocloud"),
    )
    .await?;
    cleanup.add("floatingip", &fip.id);
    assert!(fip.floating_ip_address.starts_with("172.24.4."));
    assert_eq!(fip.port_id.as_deref(), Some(port.id.as_str()));
    assert_eq!(
        fip.fixed_ip_address.as_deref(),
        Some(port.fixed_ips[0].ip_address.as_str())
    );
    assert_eq!(fip.router_id.as_deref(), Some(router.id.as_str()));

    let by_port: Vec<_> = floatingips::list(cl, floatingips::ListOpts::new().port_id(&port.id))
        .try_collect()
        .await?;
    assert_eq!(by_port.len(), 1);

    let off =
        floatingips::update(cl, &fip.id, floatingips::UpdateOpts::new().disassociate()).await?;
    assert_eq!(off.port_id, None);
    assert_eq!(off.fixed_ip_address, None);
    let on = floatingips::update(
        cl,
        &fip.id,
        floatingips::UpdateOpts::new().port_id(&port.id),
    )
    .await?;
    assert_eq!(on.port_id.as_deref(), Some(port.id.as_str()));
    floatingips::delete(cl, &fip.id).await?;

    routers::remove_interface(cl, &router.id, routers::InterfaceOpts::subnet(&sub.id)).await?;
    let cleared = routers::update(
        cl,
        &router.id,
        routers::UpdateOpts::new().clear_external_gateway(),
    )
    .await?;
    assert_eq!(cleared.external_gateway_info, None);
    routers::delete(cl, &router.id).await?;
    Ok(())
}

#[tokio::test]
async fn pagination_across_pages() {
    with_cleanup("pagination", paging).await;
}

async fn paging(cl: &ServiceClient, cleanup: &mut Cleanup) -> R<()> {
    let tag = realcloud::unique_name("page");
    let mut ids = Vec::new();
    for i in 0..5 {
        let n =
            networks::create(cl, networks::CreateOpts::new().name(format!("{tag}-{i}"))).await?;
        cleanup.add("network", &n.id);
        tags::replace_all(cl, "networks", &n.id, [tag.as_str()]).await?;
        ids.push(n.id);
    }
    let pages: Vec<Vec<networks::Network>> = networks::list(
        cl,
        networks::ListOpts::new()
            .tags([tag.as_str()])
            .sort("name", SortDir::Asc),
    )
    .page_size(2)
    .pages()
    .try_collect()
    .await?;
    let sizes: Vec<usize> = pages.iter().map(Vec::len).collect();
    assert_eq!(sizes, [2, 2, 1], "three pages of at most 2");
    let names: Vec<String> = pages.into_iter().flatten().map(|n| n.name).collect();
    let want: Vec<String> = (0..5).map(|i| format!("{tag}-{i}")).collect();
    assert_eq!(names, want, "all five, sorted by name");

    // max_items stops early.
    let first3: Vec<_> = networks::list(cl, networks::ListOpts::new().tags([tag.as_str()]))
        .page_size(2)
        .max_items(3)
        .try_collect()
        .await?;
    assert_eq!(first3.len(), 3);
    Ok(())
}

#[tokio::test]
async fn tags_on_networks() {
    with_cleanup("tags", tagging).await;
}

async fn tagging(cl: &ServiceClient, cleanup: &mut Cleanup) -> R<()> {
    let name = realcloud::unique_name("tags");
    let a = networks::create(cl, networks::CreateOpts::new().name(&name)).await?;
    cleanup.add("network", &a.id);
    let b = networks::create(cl, networks::CreateOpts::new().name(&name)).await?;
    cleanup.add("network", &b.id);
    let red = format!("{name}-red");
    let blue = format!("{name}-blue");

    let mut set = tags::replace_all(cl, "networks", &a.id, [red.as_str(), blue.as_str()]).await?;
    set.sort();
    let mut want = vec![blue.clone(), red.clone()];
    want.sort();
    assert_eq!(set, want);
    tags::add(cl, "networks", &b.id, &red).await?;
    assert!(tags::exists(cl, "networks", &b.id, &red).await?);
    assert!(!tags::exists(cl, "networks", &b.id, &blue).await?);

    let ids = |v: Vec<networks::Network>| {
        let mut ids: Vec<String> = v.into_iter().map(|n| n.id).collect();
        ids.sort();
        ids
    };
    let mut both = vec![a.id.clone(), b.id.clone()];
    both.sort();
    let tagged_red = networks::list(cl, networks::ListOpts::new().tags([red.as_str()]))
        .try_collect()
        .await?;
    assert_eq!(ids(tagged_red), both);
    let red_and_blue = networks::list(
        cl,
        networks::ListOpts::new().tags([red.as_str(), blue.as_str()]),
    )
    .try_collect()
    .await?;
    assert_eq!(ids(red_and_blue), vec![a.id.clone()]);
    let red_not_blue = networks::list(
        cl,
        networks::ListOpts::new()
            .tags_any([red.as_str()])
            .not_tags([blue.as_str()]),
    )
    .try_collect()
    .await?;
    assert_eq!(ids(red_not_blue), vec![b.id.clone()]);

    tags::remove(cl, "networks", &a.id, &blue).await?;
    assert_eq!(tags::list(cl, "networks", &a.id).await?, vec![red.clone()]);
    tags::remove_all(cl, "networks", &a.id).await?;
    assert!(networks::get(cl, &a.id).await?.tags.is_empty());
    Ok(())
}

#[tokio::test]
async fn versions_and_extensions() {
    let Some(cl) = network_client().await else {
        return;
    };
    let versions = apiversions::list_versions(&cl).await.expect("versions");
    assert!(versions.iter().any(|v| v.id == "v2.0"), "{versions:?}");
    let resources = apiversions::list_resources(&cl).await.expect("resources");
    assert!(resources.iter().any(|r| r.collection == "networks"));
    let all: Vec<_> = extensions::list(&cl)
        .try_collect()
        .await
        .expect("extensions");
    assert!(
        all.len() >= 100,
        "Neutron 29 has ~108 extensions, got {}",
        all.len()
    );
    for alias in [
        "router",
        "security-group",
        "external-net",
        "provider",
        "standard-attr-tag",
    ] {
        assert!(all.iter().any(|e| e.alias == alias), "{alias}");
    }
    let router = extensions::get(&cl, "router").await.expect("router ext");
    assert_eq!(router.alias, "router");
    assert!(!extensions::has(&cl, "no-such-extension")
        .await
        .expect("has"));
}

#[tokio::test]
async fn subnet_pool_and_ip_availability() {
    with_cleanup("subnet pool + IP availability", pools_and_availability).await;
}

async fn pools_and_availability(cl: &ServiceClient, cleanup: &mut Cleanup) -> R<()> {
    let name = realcloud::unique_name("pool");
    let b = (std::process::id() % 200) + 20;
    let pool = openstack_network::subnetpools::create(
        cl,
        openstack_network::subnetpools::CreateOpts::new(
            &name,
            [format!("172.{}.0.0/20", b % 16 + 16)],
        )
        .default_prefixlen(26)
        .min_prefixlen(24)
        .max_prefixlen(28),
    )
    .await?;
    cleanup.add("subnetpool", &pool.id);
    assert_eq!(pool.default_prefixlen, Some(26));
    let net = networks::create(cl, networks::CreateOpts::new().name(&name)).await?;
    cleanup.add("network", &net.id);
    let sub = subnets::create(
        cl,
        subnets::CreateOpts::new(&net.id, subnets::IpVersion::V4)
            .subnetpool_id(&pool.id)
            .prefixlen(28),
    )
    .await?;
    cleanup.add("subnet", &sub.id);
    assert_eq!(sub.subnetpool_id.as_deref(), Some(pool.id.as_str()));
    assert!(sub.cidr.ends_with("/28"), "{}", sub.cidr);
    let port = ports::create(cl, ports::CreateOpts::new(&net.id)).await?;
    cleanup.add("port", &port.id);

    let merged =
        openstack_network::subnetpools::add_prefixes(cl, &pool.id, [format!("192.168.{}.0/24", b)])
            .await?;
    assert_eq!(merged.len(), 2, "{merged:?}");
    let current = openstack_network::subnetpools::get(cl, &pool.id).await?;
    assert_eq!(current.prefixes.len(), 2);
    let renamed = openstack_network::subnetpools::update(
        cl,
        &pool.id,
        openstack_network::subnetpools::UpdateOpts::new()
            .name(format!("{name}-2"))
            .if_revision(current.revision_number),
    )
    .await?;
    assert_eq!(renamed.name, format!("{name}-2"));
    let stale = openstack_network::subnetpools::update(
        cl,
        &pool.id,
        openstack_network::subnetpools::UpdateOpts::new()
            .name(format!("{name}-3"))
            .if_revision(current.revision_number),
    )
    .await
    .expect_err("stale revision");
    assert_eq!(stale.status(), Some(StatusCode::PRECONDITION_FAILED));

    let avail = openstack_network::ip_availability::get(cl, &net.id).await?;
    assert_eq!(avail.network_id, net.id);
    // 16 addresses minus network, broadcast and gateway.
    assert_eq!(avail.total_ips, 13);
    assert!(avail.used_ips >= 1, "the port holds one");
    assert_eq!(avail.subnet_ip_availability[0].subnet_id, sub.id);

    ports::delete(cl, &port.id).await?;
    networks::delete(cl, &net.id).await?;
    openstack_network::subnetpools::delete(cl, &pool.id).await?;
    Ok(())
}

#[tokio::test]
async fn quotas_of_the_demo_project() {
    let Some(cl) = network_client().await else {
        return;
    };
    let Some(demo) = realcloud::client("demo").await else {
        return;
    };
    let project = demo
        .token()
        .await
        .expect("demo token")
        .project
        .clone()
        .expect("project-scoped")
        .id;
    let before = quotas::get(&cl, &project).await.expect("get");
    let defaults = quotas::get_defaults(&cl, &project).await.expect("defaults");
    let set = quotas::update(
        &cl,
        &project,
        quotas::UpdateOpts::new().security_group_rule(1234),
    )
    .await
    .expect("update");
    assert_eq!(set.security_group_rule, Some(1234));
    let detail = quotas::get_detail(&cl, &project).await.expect("detail");
    assert_eq!(detail["security_group_rule"].limit, 1234);
    // Back to what it was: to the defaults when it had them.
    if before == defaults {
        quotas::delete(&cl, &project).await.expect("reset");
        assert_eq!(quotas::get(&cl, &project).await.expect("get"), defaults);
    } else {
        quotas::update(
            &cl,
            &project,
            quotas::UpdateOpts::new().security_group_rule(before.security_group_rule.unwrap_or(-1)),
        )
        .await
        .expect("restore");
    }
    // The demo user may read its own quotas but not change them.
    let demo_net = openstack_network::client(&demo).expect("client");
    let err = quotas::update(&demo_net, &project, quotas::UpdateOpts::new().network(1))
        .await
        .expect_err("not admin");
    assert!(err.is_forbidden() || err.is_not_found(), "{err}");
}

// ---- QoS, RBAC, address scopes, port forwardings, agents, trunks ---------------------

/// The project id of the demo user.
async fn demo_project() -> Option<String> {
    let demo = realcloud::client("demo").await?;
    Some(
        demo.token()
            .await
            .expect("demo token")
            .project
            .clone()
            .expect("project-scoped")
            .id,
    )
}

#[tokio::test]
async fn qos_policy_with_rules() {
    with_cleanup("QoS policy + rules", qos_rules).await;
}

async fn qos_rules(cl: &ServiceClient, cleanup: &mut Cleanup) -> R<()> {
    use openstack_network::qos::{self, Direction, RuleKind, RuleOpts};
    let name = realcloud::unique_name("qos");
    let policy = qos::create(
        cl,
        qos::CreateOpts::new(&name)
            .description("ferrocloud")
            .shared(false),
    )
    .await?;
    cleanup.add("qos_policy", &policy.id);
    assert_eq!(policy.name, name);
    assert!(!policy.shared);
    assert!(!policy.is_default);
    assert!(policy.rules.is_empty());
    assert!(policy.tags.is_empty());
    // Neutron refuses `tags` in the POST of a policy: tag it afterwards, under the tag
    // resource type `policies` (`qos/policies/{id}/tags` answers "Invalid tags body").
    tags::replace_all(cl, "policies", &policy.id, [name.as_str(), "ferrocloud"]).await?;
    let tagged: Vec<_> = qos::list(cl, qos::ListOpts::new().tags([name.as_str()]))
        .try_collect()
        .await?;
    assert_eq!(tagged.len(), 1);
    tags::add(cl, "policies", &policy.id, "extra").await?;
    assert_eq!(tags::list(cl, "policies", &policy.id).await?.len(), 3);
    assert_eq!(qos::get(cl, &policy.id).await?.tags.len(), 3);

    let found: Vec<_> = qos::list(cl, qos::ListOpts::new().name(&name))
        .try_collect()
        .await?;
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id, policy.id);

    let bw = qos::create_rule(
        cl,
        &policy.id,
        RuleOpts::bandwidth_limit(10_000)
            .max_burst_kbps(1_000)
            .direction(Direction::Ingress),
    )
    .await?;
    assert_eq!(bw.kind, Some(RuleKind::BandwidthLimit));
    assert_eq!(bw.max_kbps, Some(10_000));
    assert_eq!(bw.direction, Some(Direction::Ingress));
    let dscp = qos::create_rule(cl, &policy.id, RuleOpts::dscp_marking(26)).await?;
    assert_eq!(dscp.dscp_mark, Some(26));
    let min = qos::create_rule(cl, &policy.id, RuleOpts::minimum_bandwidth(5_000)).await?;
    assert_eq!(min.min_kbps, Some(5_000));
    let pps = qos::create_rule(
        cl,
        &policy.id,
        RuleOpts::minimum_packet_rate(1_000).direction(Direction::Any),
    )
    .await?;
    assert_eq!(pps.direction, Some(Direction::Any));

    let shown = qos::get(cl, &policy.id).await?;
    assert_eq!(shown.rules.len(), 4);
    assert!(shown
        .rules
        .iter()
        .any(|r| r.kind == Some(RuleKind::DscpMarking) && r.dscp_mark == Some(26)));

    let updated = qos::update_rule(
        cl,
        &policy.id,
        &bw.id,
        RuleOpts::new(RuleKind::BandwidthLimit).max_kbps(20_000),
    )
    .await?;
    assert_eq!(updated.max_kbps, Some(20_000));
    let got = qos::get_rule(cl, &policy.id, RuleKind::BandwidthLimit, &bw.id).await?;
    assert_eq!(got.max_kbps, Some(20_000));
    assert_eq!(got.max_burst_kbps, Some(1_000));
    let bws = qos::list_rules(cl, &policy.id, RuleKind::BandwidthLimit).await?;
    assert_eq!(bws.len(), 1);

    qos::delete_rule(cl, &policy.id, RuleKind::DscpMarking, &dscp.id).await?;
    let err = qos::get_rule(cl, &policy.id, RuleKind::DscpMarking, &dscp.id)
        .await
        .expect_err("deleted rule");
    assert!(err.is_not_found());

    let current = qos::get(cl, &policy.id).await?;
    let renamed = qos::update(
        cl,
        &policy.id,
        qos::UpdateOpts::new()
            .name(format!("{name}-2"))
            .if_revision(current.revision_number),
    )
    .await?;
    assert_eq!(renamed.name, format!("{name}-2"));
    assert!(renamed.revision_number > current.revision_number);
    let stale = qos::update(
        cl,
        &policy.id,
        qos::UpdateOpts::new()
            .name(format!("{name}-3"))
            .if_revision(current.revision_number),
    )
    .await
    .expect_err("stale revision");
    assert_eq!(stale.status(), Some(StatusCode::PRECONDITION_FAILED));

    // The project's default policy (extension `qos-default`).
    let default = qos::update(cl, &policy.id, qos::UpdateOpts::new().is_default(true)).await?;
    assert!(default.is_default);
    let defaults: Vec<_> = qos::list(
        cl,
        qos::ListOpts::new()
            .is_default(true)
            .name(format!("{name}-2")),
    )
    .try_collect()
    .await?;
    assert_eq!(defaults.len(), 1);
    let not_default = qos::update(cl, &policy.id, qos::UpdateOpts::new().is_default(false)).await?;
    assert!(!not_default.is_default);

    // Rule types: none without a QoS-capable mechanism driver, but the call works.
    let _types = qos::list_rule_types(cl).await?;

    // A policy in use cannot be deleted. With no QoS-capable mechanism driver loaded, only a
    // policy without rules can be attached to a network.
    let empty = qos::create(cl, qos::CreateOpts::new(format!("{name}-empty"))).await?;
    cleanup.add("qos_policy", &empty.id);
    let net = networks::create(
        cl,
        networks::CreateOpts::new()
            .name(&name)
            .qos_policy_id(&empty.id),
    )
    .await?;
    cleanup.add("network", &net.id);
    assert_eq!(net.qos_policy_id.as_deref(), Some(empty.id.as_str()));
    let err = qos::delete(cl, &empty.id).await.expect_err("in use");
    assert_eq!(err.status(), Some(StatusCode::CONFLICT));
    networks::delete(cl, &net.id).await?;
    qos::delete(cl, &empty.id).await?;
    qos::delete(cl, &policy.id).await?;
    assert!(qos::get(cl, &policy.id)
        .await
        .expect_err("deleted")
        .is_not_found());
    Ok(())
}

#[tokio::test]
async fn rbac_shares_a_network_with_demo() {
    let Some(cl) = network_client().await else {
        return;
    };
    let Some(demo_project) = demo_project().await else {
        return;
    };
    let mut cleanup = Cleanup::default();
    let result = rbac(&cl, &demo_project, &mut cleanup).await;
    cleanup.run(&cl).await;
    result.expect("RBAC policy");
}

async fn rbac(cl: &ServiceClient, demo_project: &str, cleanup: &mut Cleanup) -> R<()> {
    use openstack_network::rbac_policies::{self, Action};
    let demo = realcloud::client("demo").await.expect("demo");
    let demo_net = openstack_network::client(&demo)?;
    let name = realcloud::unique_name("rbac");
    let net = networks::create(cl, networks::CreateOpts::new().name(&name)).await?;
    cleanup.add("network", &net.id);
    assert!(networks::get(&demo_net, &net.id)
        .await
        .expect_err("not shared yet")
        .is_not_found());

    let policy = rbac_policies::create(
        cl,
        rbac_policies::CreateOpts::new("network", &net.id, Action::AccessAsShared, demo_project),
    )
    .await?;
    cleanup.add("rbac_policy", &policy.id);
    assert_eq!(policy.object_id, net.id);
    assert_eq!(policy.action, Action::AccessAsShared);
    assert_eq!(policy.target_tenant, demo_project);
    let seen = networks::get(&demo_net, &net.id).await?;
    assert_eq!(seen.id, net.id);

    let listed: Vec<_> = rbac_policies::list(
        cl,
        rbac_policies::ListOpts::new()
            .object_id(&net.id)
            .action(Action::AccessAsShared),
    )
    .try_collect()
    .await?;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].id, policy.id);
    assert_eq!(
        rbac_policies::get(cl, &policy.id).await?.object_type,
        "network"
    );

    let everyone =
        rbac_policies::update(cl, &policy.id, rbac_policies::UpdateOpts::new("*")).await?;
    assert_eq!(everyone.target_tenant, "*");
    assert!(networks::get(cl, &net.id).await?.shared, "shared with *");

    rbac_policies::delete(cl, &policy.id).await?;
    assert!(networks::get(&demo_net, &net.id)
        .await
        .expect_err("unshared")
        .is_not_found());
    assert!(!networks::get(cl, &net.id).await?.shared);

    // access_as_external: the demo project sees the network as external.
    let ext = rbac_policies::create(
        cl,
        rbac_policies::CreateOpts::new("network", &net.id, Action::AccessAsExternal, demo_project),
    )
    .await?;
    cleanup.add("rbac_policy", &ext.id);
    assert_eq!(ext.action, Action::AccessAsExternal);
    let as_demo = networks::get(&demo_net, &net.id).await?;
    assert!(as_demo.external, "external for demo");
    rbac_policies::delete(cl, &ext.id).await?;
    networks::delete(cl, &net.id).await?;

    // Other object types: a QoS policy shared with demo.
    let qos_policy = openstack_network::qos::create(
        cl,
        openstack_network::qos::CreateOpts::new(format!("{name}-qos")),
    )
    .await?;
    cleanup.add("qos_policy", &qos_policy.id);
    assert!(openstack_network::qos::get(&demo_net, &qos_policy.id)
        .await
        .expect_err("not shared yet")
        .is_not_found());
    let shared = rbac_policies::create(
        cl,
        rbac_policies::CreateOpts::new(
            "qos_policy",
            &qos_policy.id,
            Action::AccessAsShared,
            demo_project,
        ),
    )
    .await?;
    cleanup.add("rbac_policy", &shared.id);
    assert_eq!(
        openstack_network::qos::get(&demo_net, &qos_policy.id)
            .await?
            .id,
        qos_policy.id
    );
    rbac_policies::delete(cl, &shared.id).await?;
    openstack_network::qos::delete(cl, &qos_policy.id).await?;
    Ok(())
}

#[tokio::test]
async fn address_scope_with_subnet_pool() {
    with_cleanup("address scope", scopes).await;
}

async fn scopes(cl: &ServiceClient, cleanup: &mut Cleanup) -> R<()> {
    use openstack_network::address_scopes;
    let name = realcloud::unique_name("scope");
    let scope = address_scopes::create(
        cl,
        address_scopes::CreateOpts::new(&name, subnets::IpVersion::V4),
    )
    .await?;
    cleanup.add("address_scope", &scope.id);
    assert_eq!(scope.name, name);
    assert_eq!(scope.ip_version, subnets::IpVersion::V4);
    assert!(!scope.shared);
    let found: Vec<_> = address_scopes::list(
        cl,
        address_scopes::ListOpts::new().name(&name).ip_version(4),
    )
    .try_collect()
    .await?;
    assert_eq!(found.len(), 1);

    let b = (std::process::id() % 200) + 20;
    let pool = openstack_network::subnetpools::create(
        cl,
        openstack_network::subnetpools::CreateOpts::new(&name, [format!("100.{b}.0.0/20")])
            .address_scope_id(&scope.id),
    )
    .await?;
    cleanup.add("subnetpool", &pool.id);
    assert_eq!(pool.address_scope_id.as_deref(), Some(scope.id.as_str()));
    let err = address_scopes::delete(cl, &scope.id)
        .await
        .expect_err("in use by the pool");
    assert_eq!(err.status(), Some(StatusCode::CONFLICT));

    let renamed = address_scopes::update(
        cl,
        &scope.id,
        address_scopes::UpdateOpts::new().name(format!("{name}-2")),
    )
    .await?;
    assert_eq!(renamed.name, format!("{name}-2"));
    assert_eq!(
        address_scopes::get(cl, &scope.id).await?.name,
        format!("{name}-2")
    );
    openstack_network::subnetpools::delete(cl, &pool.id).await?;
    address_scopes::delete(cl, &scope.id).await?;
    Ok(())
}

#[tokio::test]
async fn port_forwarding_on_a_floating_ip() {
    with_cleanup("port forwarding", forwarding).await;
}

async fn forwarding(cl: &ServiceClient, cleanup: &mut Cleanup) -> R<()> {
    use openstack_network::layer3::portforwarding::{self, Protocol};
    let name = realcloud::unique_name("pf");
    let ext = networks::create(
        cl,
        networks::CreateOpts::new()
            .name(format!("{name}-public"))
            .external(true)
            .provider(Segment::new("flat").physical_network(format!("physnet-{name}"))),
    )
    .await?;
    cleanup.add("network", &ext.id);
    let ext_sub = subnets::create(
        cl,
        subnets::CreateOpts::new(&ext.id, subnets::IpVersion::V4)
            .cidr("172.25.4.0/24")
            .enable_dhcp(false),
    )
    .await?;
    cleanup.add("subnet", &ext_sub.id);
    let net = networks::create(
        cl,
        networks::CreateOpts::new().name(format!("{name}-private")),
    )
    .await?;
    cleanup.add("network", &net.id);
    let (cidr, _) = unique_cidr();
    let sub = subnets::create(
        cl,
        subnets::CreateOpts::new(&net.id, subnets::IpVersion::V4).cidr(&cidr),
    )
    .await?;
    cleanup.add("subnet", &sub.id);
    let router = routers::create(
        cl,
        routers::CreateOpts::new()
            .name(&name)
            .external_gateway(routers::GatewayInfo::new(&ext.id)),
    )
    .await?;
    cleanup.add("router", &router.id);
    routers::add_interface(cl, &router.id, routers::InterfaceOpts::subnet(&sub.id)).await?;
    cleanup.add("router_interface", &format!("{} {}", router.id, sub.id));
    let port = ports::create(cl, ports::CreateOpts::new(&net.id).name(&name)).await?;
    cleanup.add("port", &port.id);
    let ip = port.fixed_ips[0].ip_address.clone();
    let fip = floatingips::create(cl, floatingips::CreateOpts::new(&ext.id)).await?;
    cleanup.add("floatingip", &fip.id);

    let pf = portforwarding::create(
        cl,
        &fip.id,
        portforwarding::CreateOpts::new(Protocol::Tcp, &port.id, &ip, 22, 2222).description("ssh"),
    )
    .await?;
    cleanup.add("port_forwarding", &format!("{} {}", fip.id, pf.id));
    assert_eq!(pf.protocol, Protocol::Tcp);
    assert_eq!(pf.internal_port, Some(22));
    assert_eq!(pf.external_port, Some(2222));
    assert_eq!(pf.internal_ip_address, ip);
    assert_eq!(pf.description, "ssh");

    let udp = portforwarding::create(
        cl,
        &fip.id,
        portforwarding::CreateOpts::new(Protocol::Udp, &port.id, &ip, 53, 5353),
    )
    .await?;
    cleanup.add("port_forwarding", &format!("{} {}", fip.id, udp.id));
    let all: Vec<_> = portforwarding::list(cl, &fip.id, portforwarding::ListOpts::new())
        .try_collect()
        .await?;
    assert_eq!(all.len(), 2);
    let tcp: Vec<_> = portforwarding::list(
        cl,
        &fip.id,
        portforwarding::ListOpts::new().protocol(Protocol::Tcp),
    )
    .try_collect()
    .await?;
    assert_eq!(tcp.len(), 1);
    assert_eq!(tcp[0].id, pf.id);

    let moved = portforwarding::update(
        cl,
        &fip.id,
        &pf.id,
        portforwarding::UpdateOpts::new()
            .external_port(2223)
            .clear_description(),
    )
    .await?;
    assert_eq!(moved.external_port, Some(2223));
    assert_eq!(moved.description, "");
    assert_eq!(
        portforwarding::get(cl, &fip.id, &pf.id)
            .await?
            .external_port,
        Some(2223)
    );

    portforwarding::delete(cl, &fip.id, &pf.id).await?;
    portforwarding::delete(cl, &fip.id, &udp.id).await?;
    assert!(portforwarding::get(cl, &fip.id, &pf.id)
        .await
        .expect_err("deleted")
        .is_not_found());
    Ok(())
}

/// The harness runs Neutron with no agents and without the trunk service plugin: agents list
/// empty, and `/v2.0/trunks` answers 404 (trunks are covered by httpmock only).
#[tokio::test]
async fn agents_empty_and_trunks_not_loaded() {
    let Some(cl) = network_client().await else {
        return;
    };
    let all: Vec<_> =
        openstack_network::agents::list(&cl, openstack_network::agents::ListOpts::new())
            .try_collect()
            .await
            .expect("agents");
    assert!(all.iter().all(|a| !a.id.is_empty()));
    let err = openstack_network::agents::get(&cl, "00000000-0000-0000-0000-000000000000")
        .await
        .expect_err("no such agent");
    assert!(err.is_not_found(), "{err}");

    assert!(!extensions::has(&cl, "trunk").await.expect("has"));
    let err = openstack_network::trunks::list(&cl, openstack_network::trunks::ListOpts::new())
        .try_collect::<Vec<_>>()
        .await
        .expect_err("trunk plugin not loaded");
    assert!(err.is_not_found(), "{err}");
}
