//! Request-shape tests (no I/O): paths, queries, headers and bodies, the bodies compared
//! with the official request samples.

mod common;

use common::{sample, typed};
use openstack_core::http::Method;
use openstack_core::Request;
use openstack_network::layer3::{floatingips, routers};
use openstack_network::networks::{self, Segment};
use openstack_network::security::{groups, rules};
use openstack_network::{ports, quotas, subnetpools, subnets, tags, FixedIp, SortDir};
use serde_json::json;

fn body(r: &Request) -> serde_json::Value {
    r.json_body().expect("a JSON body")
}

const QOS: &str = "6a8454ade84346f59e8d40665f878b2e";

// ---- networks -------------------------------------------------------------------------

#[test]
fn network_create_matches_samples() {
    let r = networks::create_request(
        &networks::CreateOpts::new()
            .name("sample_network")
            .admin_state_up(true)
            .dns_domain("my-domain.org.")
            .qos_policy_id(QOS)
            .mtu(1400)
            .extra("pvlan", json!(true)),
    )
    .expect("request");
    assert_eq!(r.method(), Method::POST);
    assert_eq!(r.path(), "networks");
    assert_eq!(body(&r), sample("networks/network-create-request.json"));

    let r = networks::create_request(
        &networks::CreateOpts::new()
            .admin_state_up(true)
            .name("net1")
            .provider(
                Segment::new("vlan")
                    .physical_network("public")
                    .segmentation_id(2),
            )
            .qos_policy_id(QOS),
    )
    .expect("request");
    assert_eq!(
        body(&r),
        sample("networks/network-provider-create-request.json")
    );

    let r = networks::create_request(
        &networks::CreateOpts::new()
            .segments([
                Segment::new("vlan")
                    .physical_network("public")
                    .segmentation_id(2),
                Segment::new("flat").physical_network("default"),
            ])
            .name("net1")
            .admin_state_up(true)
            .qos_policy_id(QOS),
    )
    .expect("request");
    assert_eq!(
        body(&r),
        sample("networks/network-multi-create-request.json")
    );
}

#[test]
fn network_bulk_create_matches_sample() {
    let r = networks::create_bulk_request(&[
        networks::CreateOpts::new()
            .admin_state_up(true)
            .name("sample_network3")
            .qos_policy_id(QOS),
        networks::CreateOpts::new()
            .admin_state_up(true)
            .name("sample_network4")
            .qos_policy_id(QOS),
    ])
    .expect("request");
    assert_eq!(
        body(&r),
        sample("networks/networks-bulk-create-request.json")
    );
}

#[test]
fn network_update_matches_samples() {
    let r = networks::update_request(
        "net-1",
        &networks::UpdateOpts::new()
            .dns_domain("my-domain.org.")
            .name("sample_network_5_updated")
            .qos_policy_id(QOS)
            .mtu(1300)
            .extra("pvlan", json!(true)),
    )
    .expect("request");
    assert_eq!(r.method(), Method::PUT);
    assert_eq!(r.path(), "networks/net-1");
    assert!(r.headers().get("if-match").is_none());
    assert_eq!(body(&r), sample("networks/network-update-request.json"));

    let r = networks::update_request(
        "n",
        &networks::UpdateOpts::new().provider(
            Segment::new("vlan")
                .physical_network("public")
                .segmentation_id(2),
        ),
    )
    .expect("request");
    assert_eq!(
        body(&r),
        sample("networks/network-provider-update-request.json")
    );

    let r = networks::update_request(
        "n",
        &networks::UpdateOpts::new().segments([
            Segment::new("vlan")
                .physical_network("public")
                .segmentation_id(2),
            Segment::new("flat").physical_network("default"),
        ]),
    )
    .expect("request");
    assert_eq!(
        body(&r),
        sample("networks/network-multi-update-request.json")
    );
}

#[test]
fn network_update_tristate_and_revision() {
    let r = networks::update_request(
        "a/b",
        &networks::UpdateOpts::new()
            .clear_description()
            .clear_qos_policy_id()
            .external(true)
            .if_revision(7),
    )
    .expect("request");
    assert_eq!(r.path(), "networks/a%2Fb");
    assert_eq!(r.headers()["if-match"], "revision_number=7");
    assert_eq!(
        body(&r),
        json!({"network": {"description": "", "qos_policy_id": null, "router:external": true}})
    );
    // Nothing set: an empty object, no nulls.
    let r = networks::update_request("n", &networks::UpdateOpts::new()).expect("request");
    assert_eq!(body(&r), json!({"network": {}}));
}

#[test]
fn network_list_query() {
    let r = networks::list_request(
        &networks::ListOpts::new()
            .name("web")
            .status("ACTIVE")
            .project_id("p1")
            .tenant_id("t1")
            .shared(false)
            .admin_state_up(true)
            .id("id1")
            .external(true)
            .tags(["a", "b"])
            .tags_any(["c"])
            .not_tags(["d", "e"])
            .not_tags_any(["f"])
            .fields(["id", "name"])
            .sort("name", SortDir::Asc)
            .sort("id", SortDir::Desc)
            .limit(2)
            .marker("m1"),
    )
    .expect("request");
    assert_eq!(r.path(), "networks");
    assert_eq!(
        r.query_string(),
        Some(
            "id=id1&name=web&status=ACTIVE&tenant_id=t1&project_id=p1&shared=false&admin_state_up=true\
             &router%3Aexternal=true&tags=a%2Cb&tags-any=c&not-tags=d%2Ce&not-tags-any=f\
             &fields=id&fields=name&sort_key=name&sort_key=id&sort_dir=asc&sort_dir=desc&limit=2&marker=m1"
        )
    );
    let r = networks::list_request(&networks::ListOpts::new()).expect("request");
    assert_eq!(r.query_string(), None);
}

#[test]
fn network_get_delete() {
    let r = networks::get_request("n 1");
    assert_eq!((r.method(), r.path()), (&Method::GET, "networks/n%201"));
    let r = networks::delete_request("n1");
    assert_eq!((r.method(), r.path()), (&Method::DELETE, "networks/n1"));
    assert!(r.is_ok_status(openstack_core::http::StatusCode::NO_CONTENT));
    assert!(!r.is_ok_status(openstack_core::http::StatusCode::OK));
}

// ---- subnets --------------------------------------------------------------------------

#[test]
fn subnet_create_and_update_match_samples() {
    let r = subnets::create_request(
        &subnets::CreateOpts::new(
            "d32019d3-bc6e-4319-9c1d-6722fc136a22",
            subnets::IpVersion::V4,
        )
        .cidr("192.168.199.0/24"),
    )
    .expect("request");
    assert_eq!(r.path(), "subnets");
    assert_eq!(body(&r), sample("subnets/subnet-create-request.json"));

    let r = subnets::update_request("s1", &subnets::UpdateOpts::new().name("my_subnet"))
        .expect("request");
    assert_eq!(r.path(), "subnets/s1");
    assert_eq!(body(&r), sample("subnets/subnet-update-request.json"));

    let r = subnets::create_bulk_request(&[
        subnets::CreateOpts::new(
            "e6031bc2-901a-4c66-82da-f4c32ed89406",
            subnets::IpVersion::V4,
        )
        .cidr("192.168.199.0/24"),
        subnets::CreateOpts::new(
            "64239a54-dcc4-4b39-920b-b37c2144effa",
            subnets::IpVersion::V4,
        )
        .cidr("10.56.4.0/22"),
    ])
    .expect("request");
    assert_eq!(body(&r), sample("subnets/subnets-create-bulk-request.json"));
}

#[test]
fn subnet_full_create_and_gateway_tristate() {
    let r = subnets::create_request(
        &subnets::CreateOpts::new("n", subnets::IpVersion::V6)
            .cidr("fd00::/64")
            .ipv6_ra_mode(subnets::Ipv6Mode::Slaac)
            .ipv6_address_mode(subnets::Ipv6Mode::Dhcpv6Stateless)
            .allocation_pools([subnets::AllocationPool::new("fd00::10", "fd00::20")])
            .host_routes([subnets::HostRoute::new("::/0", "fd00::1")])
            .dns_nameservers(["fd00::2"])
            .enable_dhcp(false)
            .no_gateway(),
    )
    .expect("request");
    assert_eq!(
        body(&r),
        json!({"subnet": {
            "network_id": "n", "ip_version": 6, "cidr": "fd00::/64", "gateway_ip": null,
            "enable_dhcp": false, "dns_nameservers": ["fd00::2"],
            "allocation_pools": [{"start": "fd00::10", "end": "fd00::20"}],
            "host_routes": [{"destination": "::/0", "nexthop": "fd00::1"}],
            "ipv6_address_mode": "dhcpv6-stateless", "ipv6_ra_mode": "slaac"
        }})
    );
    let r = subnets::create_request(
        &subnets::CreateOpts::new("n", subnets::IpVersion::V4)
            .subnetpool_id("pool")
            .prefixlen(26),
    )
    .expect("request");
    assert_eq!(
        body(&r),
        json!({"subnet": {"network_id": "n", "ip_version": 4, "subnetpool_id": "pool", "prefixlen": 26}})
    );
    let clear = subnets::update_request("s", &subnets::UpdateOpts::new().clear_gateway_ip())
        .expect("request");
    assert_eq!(body(&clear), json!({"subnet": {"gateway_ip": null}}));
    let set = subnets::update_request(
        "s",
        &subnets::UpdateOpts::new()
            .gateway_ip("10.0.0.254")
            .if_revision(3),
    )
    .expect("request");
    assert_eq!(body(&set), json!({"subnet": {"gateway_ip": "10.0.0.254"}}));
    assert_eq!(set.headers()["if-match"], "revision_number=3");
    let r = subnets::list_request(
        &subnets::ListOpts::new()
            .network_id("n")
            .ip_version(subnets::IpVersion::V6),
    )
    .expect("request");
    assert_eq!(r.query_string(), Some("network_id=n&ip_version=6"));
}

// ---- ports ----------------------------------------------------------------------------

#[test]
fn port_create_matches_samples() {
    let r = ports::create_request(
        &ports::CreateOpts::new("a87cc70a-3e15-4acf-8205-9b711a3531b7")
            .admin_state_up(true)
            .dns_domain("my-domain.org.")
            .dns_name("myport")
            .name("private-port")
            .qos_policy_id("29d5e02e-d5ab-4929-bee4-4a9fc12e22ae")
            .port_security_enabled(true)
            .allowed_address_pairs([
                ports::AddressPair::new("12.12.11.12").mac_address("fa:14:2a:b3:cb:f0")
            ])
            .propagate_uplink_status(false)
            .extra("pvlan_type", json!("community"))
            .extra("pvlan_community", json!("community_1"))
            .extra("hardware_offload_type", json!(""))
            .extra("trusted", json!(true)),
    )
    .expect("request");
    assert_eq!(r.path(), "ports");
    assert_eq!(body(&r), sample("ports/port-create-request.json"));

    let r = ports::create_request(
        &ports::CreateOpts::new("net")
            .host_id("4df8d9ff-6f6f-438f-90a1-ef660d4586ad")
            .profile(json!({"local_link_information": [
                {"port_id": "Ethernet3/1", "switch_id": "0a:1b:2c:3d:4e:5f", "switch_info": "switch1"}
            ]}))
            .vnic_type("baremetal")
            .device_id("d90a13da-be41-461f-9f99-1dbcf438fdf2")
            .device_owner("baremetal:none")
            .dns_domain("my-domain.org.")
            .dns_name("myport")
            .extra("hints", json!({"openvswitch": {"other_config": {"tx-steering": "hash"}}}))
            .qos_policy_id("29d5e02e-d5ab-4929-bee4-4a9fc12e22ae")
            .propagate_uplink_status(false)
            .extra("trusted", json!(true)),
    )
    .expect("request");
    // The binding sample leaves out the (required) network_id.
    let mut got = body(&r);
    got["port"]
        .as_object_mut()
        .expect("object")
        .remove("network_id");
    assert_eq!(got, sample("ports/port-bind-create-request.json"));

    let r = ports::create_bulk_request(&[
        ports::CreateOpts::new("a87cc70a-3e15-4acf-8205-9b711a3531b7")
            .admin_state_up(false)
            .name("sample_port_1")
            .qos_policy_id("29d5e02e-d5ab-4929-bee4-4a9fc12e22ae"),
        ports::CreateOpts::new("a87cc70a-3e15-4acf-8205-9b711a3531b7")
            .admin_state_up(false)
            .name("sample_port_2")
            .extra("hardware_offload_type", json!("switchdev")),
    ])
    .expect("request");
    assert_eq!(body(&r), sample("ports/ports-bulk-create-request.json"));
}

#[test]
fn port_update_matches_samples() {
    let r = ports::update_request(
        "p1",
        &ports::UpdateOpts::new()
            .admin_state_up(true)
            .device_id("d90a13da-be41-461f-9f99-1dbcf438fdf2")
            .device_owner("compute:nova")
            .name("test-for-port-update")
            .qos_policy_id("29d5e02e-d5ab-4929-bee4-4a9fc12e22ae")
            .propagate_uplink_status(true)
            .extra("pvlan_type", json!("community"))
            .extra("pvlan_community", json!("community_1")),
    )
    .expect("request");
    assert_eq!(r.path(), "ports/p1");
    assert_eq!(body(&r), sample("ports/port-update-request.json"));

    let r = ports::update_request(
        "p1",
        &ports::UpdateOpts::new()
            .host_id("test_for_port_update_host")
            .clear_profile()
            .device_id("d90a13da-be41-461f-9f99-1dbcf438fdf2")
            .data_plane_status("DOWN")
            .device_owner("compute:nova")
            .qos_policy_id("29d5e02e-d5ab-4929-bee4-4a9fc12e22ae"),
    )
    .expect("request");
    assert_eq!(body(&r), sample("ports/port-bind-update-request.json"));
}

#[test]
fn port_fixed_ips_security_groups_dhcp_opts() {
    let r = ports::create_request(
        &ports::CreateOpts::new("n")
            .fixed_ips([FixedIp::subnet("s1"), FixedIp::new("s2", "10.0.0.5")])
            .security_groups(["sg1"])
            .mac_address("fa:16:3e:00:00:01")
            .extra_dhcp_opts([
                ports::ExtraDhcpOpt::new("bootfile-name", "pxelinux.0").ip_version(4)
            ]),
    )
    .expect("request");
    assert_eq!(
        body(&r),
        json!({"port": {
            "network_id": "n", "mac_address": "fa:16:3e:00:00:01",
            "fixed_ips": [{"subnet_id": "s1"}, {"subnet_id": "s2", "ip_address": "10.0.0.5"}],
            "security_groups": ["sg1"],
            "extra_dhcp_opts": [{"opt_name": "bootfile-name", "opt_value": "pxelinux.0", "ip_version": 4}]
        }})
    );
    let r = ports::update_request(
        "p",
        &ports::UpdateOpts::new()
            .security_groups(Vec::<String>::new())
            .allowed_address_pairs([])
            .extra_dhcp_opts([ports::ExtraDhcpOpt::remove("bootfile-name")])
            .clear_description(),
    )
    .expect("request");
    assert_eq!(
        body(&r),
        json!({"port": {"description": "", "security_groups": [], "allowed_address_pairs": [],
                        "extra_dhcp_opts": [{"opt_name": "bootfile-name", "opt_value": null}]}})
    );
    let r = ports::list_request(
        &ports::ListOpts::new()
            .network_id("n")
            .device_owner("network:router_interface")
            .fixed_ip_subnet("s1")
            .fixed_ip_address("10.0.0.5"),
    )
    .expect("request");
    assert_eq!(
        r.query_string(),
        Some("network_id=n&device_owner=network%3Arouter_interface&fixed_ips=subnet_id%3Ds1&fixed_ips=ip_address%3D10.0.0.5")
    );
}

// ---- routers --------------------------------------------------------------------------

#[test]
fn router_requests_match_samples() {
    let gw = routers::GatewayInfo::new("ae34051f-aa6c-4c75-abf5-50dc9ac99ef3")
        .enable_snat(true)
        .external_fixed_ips([FixedIp::new(
            "b930d7f6-ceb7-40a0-8b81-a425dd994ccf",
            "172.24.4.6",
        )]);
    let r = routers::create_request(
        &routers::CreateOpts::new()
            .name("router1")
            .external_gateway(gw.clone())
            .admin_state_up(true),
    )
    .expect("request");
    assert_eq!(r.path(), "routers");
    assert_eq!(body(&r), sample("routers/router-create-request.json"));

    // The update sample nests "routes" inside external_gateway_info (a doc slip); ours puts
    // routes at the router level, as Neutron reads them. Compare the rest.
    let r = routers::update_request(
        "r1",
        &routers::UpdateOpts::new()
            .distributed(false)
            .external_gateway(gw)
            .routes([routers::Route::new("179.24.1.0/24", "172.24.3.99")]),
    )
    .expect("request");
    let mut want = sample("routers/router-update-request.json");
    let routes = want["router"]["external_gateway_info"]
        .as_object_mut()
        .expect("object")
        .remove("routes")
        .expect("routes in sample");
    want["router"]["routes"] = routes;
    assert_eq!(body(&r), want);

    let r = routers::add_interface_request(
        "r1",
        &routers::InterfaceOpts::subnet("a2f1f29d-571b-4533-907f-5803ab96ead1"),
    )
    .expect("request");
    assert_eq!(
        (r.method(), r.path()),
        (&Method::PUT, "routers/r1/add_router_interface")
    );
    assert_eq!(
        body(&r),
        sample("routers/router-add-interface-request.json")
    );
    let r = routers::add_interface_request(
        "r1",
        &routers::InterfaceOpts::port("2dc46bcc-d1f2-4077-b99e-91ee28afaff0"),
    )
    .expect("request");
    assert_eq!(
        body(&r),
        sample("routers/router-add-interface-request-with-port.json")
    );
    let r = routers::remove_interface_request(
        "r1",
        &routers::InterfaceOpts::subnet("a2f1f29d-571b-4533-907f-5803ab96ead1"),
    )
    .expect("request");
    assert_eq!(r.path(), "routers/r1/remove_router_interface");
    assert_eq!(
        body(&r),
        sample("routers/router-remove-interface-request.json")
    );
    let r = routers::remove_interface_request(
        "r1",
        &routers::InterfaceOpts::port("2dc46bcc-d1f2-4077-b99e-91ee28afaff0"),
    )
    .expect("request");
    assert_eq!(
        body(&r),
        sample("routers/router-remove-interface-request-with-port.json")
    );

    let r = routers::add_routes_request(
        "r1",
        &[
            routers::Route::new("10.0.3.0/24", "10.0.0.13"),
            routers::Route::new("10.0.4.0/24", "10.0.0.14"),
        ],
    )
    .expect("request");
    assert_eq!(r.path(), "routers/r1/add_extraroutes");
    assert_eq!(
        body(&r),
        sample("routers/router-add-extraroutes-request.json")
    );
    let removed = sample("routers/router-remove-extraroutes-request.json");
    let routes: Vec<routers::Route> =
        serde_json::from_value(removed["router"]["routes"].clone()).expect("routes");
    let r = routers::remove_routes_request("r1", &routes).expect("request");
    assert_eq!(r.path(), "routers/r1/remove_extraroutes");
    assert_eq!(body(&r), removed);

    let r = routers::external_gateways_request(
        "r1",
        routers::GatewaysAction::Add,
        &[
            routers::GatewayInfo::new("8edec774-ebb9-11eb-9b09-371108ef5905")
                .enable_snat(false)
                .external_fixed_ips([FixedIp::new(
                    "b189c314-ebb9-11eb-939c-9bde3f3867cb",
                    "192.0.2.2",
                )]),
        ],
    )
    .expect("request");
    assert_eq!(r.path(), "routers/r1/add_external_gateways");
    assert_eq!(
        body(&r),
        sample("routers/router-add-external-gateways-request.json")
    );
    let r = routers::external_gateways_request(
        "r1",
        routers::GatewaysAction::Update,
        &[routers::GatewayInfo::new("8edec774-ebb9-11eb-9b09-371108ef5905").enable_snat(true)],
    )
    .expect("request");
    assert_eq!(
        body(&r),
        sample("routers/router-update-external-gateways-request.json")
    );
    let r = routers::external_gateways_request(
        "r1",
        routers::GatewaysAction::Remove,
        &[routers::GatewayInfo::new(
            "8edec774-ebb9-11eb-9b09-371108ef5905",
        )],
    )
    .expect("request");
    assert_eq!(r.path(), "routers/r1/remove_external_gateways");
    assert_eq!(
        body(&r),
        sample("routers/router-remove-external-gateways-request.json")
    );
}

#[test]
fn router_clear_gateway() {
    let r = routers::update_request(
        "r1",
        &routers::UpdateOpts::new()
            .clear_external_gateway()
            .clear_description(),
    )
    .expect("request");
    assert_eq!(
        body(&r),
        json!({"router": {"description": "", "external_gateway_info": {}}})
    );
}

// ---- floating IPs ---------------------------------------------------------------------

#[test]
fn floatingip_requests_match_samples() {
    let r = floatingips::create_request(
        &floatingips::CreateOpts::new("376da547-b977-4cfe-9cba-275c80debf57")
            .port_id("ce705c24-c1ef-408a-bda3-7bbd946164ab")
            .subnet_id("278d9507-36e7-403c-bb80-1d7093318fe6")
            .fixed_ip_address("10.0.0.3")
            .floating_ip_address("172.24.4.228")
            .description("floating ip for testing")
            .dns_domain("my-domain.org.")
            .dns_name("myfip")
            .qos_policy_id("29d5e02e-d5ab-4929-bee4-4a9fc12e22ae"),
    )
    .expect("request");
    assert_eq!(r.path(), "floatingips");
    assert_eq!(
        body(&r),
        sample("floatingips/floatingip-create-request.json")
    );

    let r = floatingips::update_request(
        "f1",
        &floatingips::UpdateOpts::new().port_id("fc861431-0e6c-4842-a0ed-e2363f9bc3a8"),
    )
    .expect("request");
    assert_eq!(r.path(), "floatingips/f1");
    assert_eq!(
        body(&r),
        sample("floatingips/floatingip-update-request.json")
    );

    let r = floatingips::update_request("f1", &floatingips::UpdateOpts::new().disassociate())
        .expect("request");
    assert_eq!(
        body(&r),
        sample("floatingips/floatingip-disassociate-request.json")
    );

    let r = floatingips::list_request(
        &floatingips::ListOpts::new()
            .floating_network_id("ext")
            .port_id("p")
            .status("DOWN"),
    )
    .expect("request");
    assert_eq!(
        r.query_string(),
        Some("floating_network_id=ext&port_id=p&status=DOWN")
    );
}

// ---- security groups and rules ------------------------------------------------------------

#[test]
fn security_group_requests_match_samples() {
    let r = groups::create_request(
        &groups::CreateOpts::new("new-webservers")
            .description("security group for webservers")
            .stateful(true),
    )
    .expect("request");
    assert_eq!(r.path(), "security-groups");
    assert_eq!(
        body(&r),
        sample("security-groups/security-group-create-request.json")
    );
    let r = groups::update_request(
        "sg",
        &groups::UpdateOpts::new()
            .name("mysecgroup")
            .description("my security group")
            .stateful(true),
    )
    .expect("request");
    assert_eq!(r.path(), "security-groups/sg");
    assert_eq!(
        body(&r),
        sample("security-groups/security-group-update-request.json")
    );
}

#[test]
fn security_group_rule_requests_match_samples() {
    let rule = |port: u64| {
        rules::CreateOpts::new(
            "a7734e61-b545-452d-a3cd-0189cbd9747a",
            rules::Direction::Ingress,
        )
        .port_range(port, port)
        .ethertype(rules::EtherType::IPv4)
        .protocol("tcp")
        .remote_group_id("85cc3048-abc3-43cc-89b3-377341426ac5")
        .remote_address_group_id("a9baa1eb-0614-4d68-870e-fec6d8f8c221")
    };
    let r = rules::create_request(&rule(80)).expect("request");
    assert_eq!(r.path(), "security-group-rules");
    assert_eq!(
        body(&r),
        typed(sample(
            "security-groups/security-group-rule-create-request.json"
        ))
    );
    let r = rules::create_bulk_request(&[rule(80), rule(443)]).expect("request");
    assert_eq!(
        body(&r),
        typed(sample(
            "security-groups/security-group-rule-bulk-create-request.json"
        ))
    );
    let r = rules::list_request(
        &rules::ListOpts::new()
            .security_group_id("sg")
            .direction("egress"),
    )
    .expect("request");
    assert_eq!(
        r.query_string(),
        Some("security_group_id=sg&direction=egress")
    );
    assert_eq!(rules::delete_request("r").path(), "security-group-rules/r");
}

// ---- subnet pools, quotas, tags -------------------------------------------------------------

#[test]
fn subnetpool_requests_match_samples() {
    let r = subnetpools::create_request(
        &subnetpools::CreateOpts::new("my-subnet-pool", ["192.168.0.0/16", "10.10.0.0/21"])
            .default_prefixlen(25)
            .min_prefixlen(24)
            .max_prefixlen(30)
            .shared(false),
    )
    .expect("request");
    assert_eq!(
        body(&r),
        typed(sample("subnets/subnetpool-create-request.json"))
    );
    let r = subnetpools::update_request(
        "sp",
        &subnetpools::UpdateOpts::new()
            .name("my-new-subnetpool-name")
            .prefixes(["2001:db8::/64", "2001:db8:0:1::/64", "2001:db8:0:2::/64"])
            .min_prefixlen(64)
            .default_prefixlen(64)
            .max_prefixlen(64),
    )
    .expect("request");
    assert_eq!(body(&r), sample("subnets/subnetpool-update-request.json"));
    let r = subnetpools::add_prefixes_request(
        "sp",
        ["192.168.0.0/24", "192.168.1.0/24", "172.16.0.0/21"],
    )
    .expect("request");
    assert_eq!(
        (r.method(), r.path()),
        (&Method::PUT, "subnetpools/sp/add_prefixes")
    );
    assert_eq!(
        body(&r),
        sample("subnets/subnetpool-add-prefixes-request.json")
    );
    let want = sample("subnets/subnetpool-remove-prefixes-request.json");
    let prefixes: Vec<String> = serde_json::from_value(want["prefixes"].clone()).expect("prefixes");
    let r = subnetpools::remove_prefixes_request("sp", prefixes).expect("request");
    assert_eq!(r.path(), "subnetpools/sp/remove_prefixes");
    assert_eq!(body(&r), want);
}

#[test]
fn quota_requests_match_samples() {
    let r = quotas::update_request(
        "proj",
        &quotas::UpdateOpts::new()
            .floatingip(50)
            .network(10)
            .port(50)
            .rbac_policy(-1)
            .router(10)
            .security_group(10)
            .security_group_rule(100)
            .subnet(10)
            .subnetpool(-1)
            .check_limit(true)
            .force(false),
    )
    .expect("request");
    assert_eq!((r.method(), r.path()), (&Method::PUT, "quotas/proj"));
    assert_eq!(body(&r), typed(sample("quotas/quotas-update-request.json")));
    assert_eq!(quotas::get_defaults_request("p").path(), "quotas/p/default");
    assert_eq!(
        quotas::get_detail_request("p").path(),
        "quotas/p/details.json"
    );
    assert_eq!(quotas::delete_request("p").method(), Method::DELETE);
}

#[test]
fn tag_requests_match_samples() {
    let r = tags::replace_all_request("networks", "n1", ["red", "blue"]).expect("request");
    assert_eq!((r.method(), r.path()), (&Method::PUT, "networks/n1/tags"));
    assert_eq!(body(&r), sample("tag/tag-update-request.json"));
    let r = tags::add_request("qos/policies", "q1", "a b");
    assert_eq!(
        (r.method(), r.path()),
        (&Method::PUT, "qos/policies/q1/tags/a%20b")
    );
    let r = tags::exists_request("ports", "p", "x");
    assert_eq!((r.method(), r.path()), (&Method::GET, "ports/p/tags/x"));
    let r = tags::remove_request("ports", "p", "x");
    assert_eq!((r.method(), r.path()), (&Method::DELETE, "ports/p/tags/x"));
    let r = tags::remove_all_request("routers", "r");
    assert_eq!((r.method(), r.path()), (&Method::DELETE, "routers/r/tags"));
    assert_eq!(tags::list_request("subnets", "s").path(), "subnets/s/tags");
}
