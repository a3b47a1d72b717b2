//! Request-shape tests (no I/O) of QoS, RBAC policies, trunks, address scopes, port
//! forwardings and agents: paths, queries, headers and bodies compared with the official
//! request samples.

mod common;

use common::{sample, typed};
use openstack_core::http::Method;
use openstack_core::Request;
use openstack_network::layer3::portforwarding::{self, Protocol};
use openstack_network::qos::{self, Direction, RuleKind, RuleOpts};
use openstack_network::rbac_policies::{self, Action};
use openstack_network::subnets::IpVersion;
use openstack_network::trunks::{self, Subport};
use openstack_network::{address_scopes, agents, SortDir};
use serde_json::json;

fn body(r: &Request) -> serde_json::Value {
    r.json_body().expect("a JSON body")
}

const POLICY: &str = "46ebaec0-0570-43ac-82f6-60d2b03168c4";
const RULE: &str = "5f126d84-551a-4dcf-bb01-0e9c0df0c793";

// ---- qos ------------------------------------------------------------------------------

#[test]
fn qos_policy_requests() {
    let r = qos::create_request(
        &qos::CreateOpts::new("10Mbit")
            .description("This policy limits the ports to 10Mbit max.")
            .shared(false),
    )
    .expect("request");
    assert_eq!(r.method(), Method::POST);
    assert_eq!(r.path(), "qos/policies");
    assert_eq!(body(&r), sample("qos/policy-create-request.json"));

    let r = qos::update_request(
        POLICY,
        &qos::UpdateOpts::new()
            .name("10Mbit")
            .description("This policy limits the ports to 10Mbit max.")
            .shared(false)
            .if_revision(3),
    )
    .expect("request");
    assert_eq!(r.method(), Method::PUT);
    assert_eq!(r.path(), format!("qos/policies/{POLICY}"));
    assert_eq!(body(&r), sample("qos/policy-update-request.json"));
    assert_eq!(r.headers()["if-match"], "revision_number=3");

    let r = qos::update_request(
        POLICY,
        &qos::UpdateOpts::new().clear_description().is_default(true),
    )
    .expect("request");
    assert_eq!(
        body(&r),
        json!({"policy": {"description": "", "is_default": true}})
    );

    let r = qos::list_request(
        &qos::ListOpts::new()
            .shared(true)
            .is_default(false)
            .name("a b")
            .tags(["x", "y"])
            .sort("name", SortDir::Asc),
    )
    .expect("request");
    assert_eq!(r.path(), "qos/policies");
    assert_eq!(
        r.query_string(),
        Some("name=a+b&shared=true&is_default=false&tags=x%2Cy&sort_key=name&sort_dir=asc")
    );
    assert_eq!(qos::get_request("a/b").path(), "qos/policies/a%2Fb");
    let d = qos::delete_request(POLICY);
    assert_eq!(d.method(), Method::DELETE);
    assert!(d.is_ok_status(openstack_core::http::StatusCode::NO_CONTENT));
}

#[test]
fn qos_rule_requests_match_samples() {
    let cases = [
        (
            RuleOpts::bandwidth_limit(10000),
            "qos/bandwidth_limit_rule-create-request.json",
            "bandwidth_limit_rules",
        ),
        (
            RuleOpts::dscp_marking(26),
            "qos/dscp_marking_rule-create-request.json",
            "dscp_marking_rules",
        ),
        (
            RuleOpts::minimum_bandwidth(10000),
            "qos/minimum_bandwidth_rule-create-request.json",
            "minimum_bandwidth_rules",
        ),
        (
            RuleOpts::minimum_packet_rate(1000).direction(Direction::Any),
            "qos/minimum_packet_rate_rule-create-request.json",
            "minimum_packet_rate_rules",
        ),
        (
            RuleOpts::packet_rate_limit(10000).max_burst_kpps(10000),
            "qos/packet_rate_limit_rule-create-request.json",
            "packet_rate_limit_rules",
        ),
    ];
    for (opts, rel, coll) in cases {
        let r = qos::create_rule_request(POLICY, &opts).expect("request");
        assert_eq!(r.method(), Method::POST);
        assert_eq!(r.path(), format!("qos/policies/{POLICY}/{coll}"));
        assert_eq!(body(&r), typed(sample(rel)), "{rel}");
    }

    let updates = [
        (
            RuleOpts::new(RuleKind::BandwidthLimit).max_kbps(10000),
            "qos/bandwidth_limit_rule-update-request.json",
        ),
        (
            RuleOpts::new(RuleKind::DscpMarking).dscp_mark(16),
            "qos/dscp_marking_rule-update-request.json",
        ),
        (
            RuleOpts::new(RuleKind::MinimumBandwidth).min_kbps(20000),
            "qos/minimum_bandwidth_rule-update-request.json",
        ),
        (
            RuleOpts::new(RuleKind::MinimumPacketRate)
                .min_kpps(2000)
                .direction(Direction::Any),
            "qos/minimum_packet_rate_rule-update-request.json",
        ),
        (
            RuleOpts::new(RuleKind::PacketRateLimit)
                .max_kpps(20000)
                .max_burst_kpps(20000),
            "qos/packet_rate_limit_rule-update-request.json",
        ),
    ];
    for (opts, rel) in updates {
        let r = qos::update_rule_request(POLICY, RULE, &opts).expect("request");
        assert_eq!(r.method(), Method::PUT);
        assert_eq!(
            r.path(),
            format!("qos/policies/{POLICY}/{}/{RULE}", opts.kind().collection())
        );
        assert_eq!(body(&r), typed(sample(rel)), "{rel}");
    }

    let r = qos::create_rule_request(
        POLICY,
        &RuleOpts::bandwidth_limit(1000)
            .max_burst_kbps(100)
            .direction(Direction::Ingress),
    )
    .expect("request");
    assert_eq!(
        body(&r),
        json!({"bandwidth_limit_rule": {"max_kbps": 1000, "max_burst_kbps": 100, "direction": "ingress"}})
    );
    assert_eq!(
        qos::get_rule_request(POLICY, &RuleKind::DscpMarking, RULE).path(),
        format!("qos/policies/{POLICY}/dscp_marking_rules/{RULE}")
    );
    assert_eq!(
        qos::list_rules_request(POLICY, &RuleKind::MinimumBandwidth).path(),
        format!("qos/policies/{POLICY}/minimum_bandwidth_rules")
    );
    let d = qos::delete_rule_request(POLICY, &RuleKind::BandwidthLimit, RULE);
    assert_eq!(d.method(), Method::DELETE);
    assert_eq!(
        d.path(),
        format!("qos/policies/{POLICY}/bandwidth_limit_rules/{RULE}")
    );
    assert_eq!(qos::list_rule_types_request().path(), "qos/rule-types");
    assert_eq!(
        qos::get_rule_type_request("dscp_marking").path(),
        "qos/rule-types/dscp_marking"
    );
}

// ---- rbac -----------------------------------------------------------------------------

#[test]
fn rbac_requests_match_samples() {
    let r = rbac_policies::create_request(&rbac_policies::CreateOpts::new(
        "network",
        "1f32f072-4d17-4811-b619-3623d018bd40",
        Action::AccessAsShared,
        "0670b690f27e47a58b6a479d26004715",
    ))
    .expect("request");
    assert_eq!(r.method(), Method::POST);
    assert_eq!(r.path(), "rbac-policies");
    assert_eq!(
        body(&r),
        sample("rbac_policy/rbac-policy-create-request.json")
    );

    let r =
        rbac_policies::update_request("p1", &rbac_policies::UpdateOpts::new("*")).expect("request");
    assert_eq!(r.method(), Method::PUT);
    assert_eq!(r.path(), "rbac-policies/p1");
    assert_eq!(
        body(&r),
        sample("rbac_policy/rbac-policy-update-request.json")
    );

    let r = rbac_policies::list_request(
        &rbac_policies::ListOpts::new()
            .object_type("network")
            .action(Action::AccessAsExternal)
            .target_tenant("*"),
    )
    .expect("request");
    assert_eq!(
        r.query_string(),
        Some("object_type=network&action=access_as_external&target_tenant=*")
    );
    assert_eq!(rbac_policies::delete_request("p1").method(), Method::DELETE);
}

// ---- trunks ---------------------------------------------------------------------------

#[test]
fn trunk_requests_match_samples() {
    let r = trunks::create_request(
        &trunks::CreateOpts::new("8027c4da-772f-4e43-bfbf-023b4a4e63de")
            .name("test")
            .admin_state_up(true),
    )
    .expect("request");
    assert_eq!(r.method(), Method::POST);
    assert_eq!(r.path(), "trunks");
    assert_eq!(body(&r), sample("trunks/trunk-create-request.json"));

    let r = trunks::update_request(
        "t1",
        &trunks::UpdateOpts::new().name("foo").admin_state_up(true),
    )
    .expect("request");
    assert_eq!(r.method(), Method::PUT);
    assert_eq!(r.path(), "trunks/t1");
    assert_eq!(body(&r), sample("trunks/trunk-update-request.json"));

    let r = trunks::add_subports_request(
        "t1",
        [Subport::vlan("4b4c691b-086d-43d2-8a65-5487e9434155", 44)],
    )
    .expect("request");
    assert_eq!(r.method(), Method::PUT);
    assert_eq!(r.path(), "trunks/t1/add_subports");
    assert_eq!(body(&r), sample("trunks/trunk-add-subports-request.json"));

    let r = trunks::remove_subports_request("t1", ["4b4c691b-086d-43d2-8a65-5487e9434155"])
        .expect("request");
    assert_eq!(r.path(), "trunks/t1/remove_subports");
    assert_eq!(
        body(&r),
        sample("trunks/trunk-remove-subports-request.json")
    );

    assert_eq!(
        trunks::get_subports_request("t1").path(),
        "trunks/t1/get_subports"
    );

    let r = trunks::create_request(
        &trunks::CreateOpts::new("p").sub_ports([Subport::new("c", "inherit", None)]),
    )
    .expect("request");
    assert_eq!(
        body(&r),
        json!({"trunk": {"port_id": "p", "sub_ports": [{"port_id": "c", "segmentation_type": "inherit"}]}})
    );
    let r = trunks::list_request(
        &trunks::ListOpts::new()
            .port_id("p")
            .status(trunks::Status::Down),
    )
    .expect("request");
    assert_eq!(r.query_string(), Some("port_id=p&status=DOWN"));
}

// ---- address scopes -------------------------------------------------------------------

#[test]
fn address_scope_requests_match_samples() {
    let r = address_scopes::create_request(
        &address_scopes::CreateOpts::new("address-scope-2", IpVersion::V4)
            .tenant_id("a7a7fa10fd7a4c80acb7e4b224480495")
            .shared(true)
            .project_id("a7a7fa10fd7a4c80acb7e4b224480495"),
    )
    .expect("request");
    assert_eq!(r.method(), Method::POST);
    assert_eq!(r.path(), "address-scopes");
    assert_eq!(
        body(&r),
        sample("address-scopes/address-scope-create-request.json")
    );

    let r = address_scopes::update_request(
        "s1",
        &address_scopes::UpdateOpts::new()
            .name("address-scope-ip4")
            .shared(true),
    )
    .expect("request");
    assert_eq!(r.path(), "address-scopes/s1");
    assert_eq!(
        body(&r),
        sample("address-scopes/address-scope-update-request.json")
    );
    let r = address_scopes::list_request(&address_scopes::ListOpts::new().ip_version(6))
        .expect("request");
    assert_eq!(r.query_string(), Some("ip_version=6"));
}

// ---- port forwardings -----------------------------------------------------------------

#[test]
fn port_forwarding_requests_match_samples() {
    let fip = "2f245a7b-796b-4f26-9cf9-9e82d248fda7";
    let r = portforwarding::create_request(
        fip,
        &portforwarding::CreateOpts::new(
            Protocol::Tcp,
            "1238be08-a2a8-4b8d-addf-fb5e2250e480",
            "10.0.0.11",
            25,
            2230,
        )
        .description("Some description"),
    )
    .expect("request");
    assert_eq!(r.method(), Method::POST);
    assert_eq!(r.path(), format!("floatingips/{fip}/port_forwardings"));
    assert_eq!(
        body(&r),
        sample("port_forwardings/port-fowarding-create-request.json")
    );

    let r = portforwarding::update_request(
        fip,
        "pf1",
        &portforwarding::UpdateOpts::new()
            .protocol(Protocol::Udp)
            .internal_port(37)
            .internal_port_id("99889dc2-19a7-4edb-b9d0-d2ace8d1e144")
            .external_port(1960)
            .description("Some description"),
    )
    .expect("request");
    assert_eq!(r.method(), Method::PUT);
    assert_eq!(r.path(), format!("floatingips/{fip}/port_forwardings/pf1"));
    assert_eq!(
        body(&r),
        sample("port_forwardings/port-fowarding-update-request.json")
    );

    let r = portforwarding::create_request(
        fip,
        &portforwarding::CreateOpts::ranges(Protocol::Udp, "p", "10.0.0.5", "100:110", "200:210"),
    )
    .expect("request");
    assert_eq!(
        body(&r),
        json!({"port_forwarding": {"protocol": "udp", "internal_port_id": "p",
            "internal_ip_address": "10.0.0.5", "internal_port_range": "100:110",
            "external_port_range": "200:210"}})
    );
    let r = portforwarding::list_request(
        fip,
        &portforwarding::ListOpts::new()
            .external_port(2230)
            .protocol(Protocol::Tcp),
    )
    .expect("request");
    assert_eq!(r.query_string(), Some("external_port=2230&protocol=tcp"));
    assert_eq!(
        portforwarding::delete_request(fip, "pf1").path(),
        format!("floatingips/{fip}/port_forwardings/pf1")
    );
}

// ---- agents ---------------------------------------------------------------------------

#[test]
fn agent_requests_match_samples() {
    let r = agents::update_request(
        "a1",
        &agents::UpdateOpts::new().description("My OVS agent for OpenStack"),
    )
    .expect("request");
    assert_eq!(r.method(), Method::PUT);
    assert_eq!(r.path(), "agents/a1");
    assert_eq!(body(&r), sample("agents/agent-update-request.json"));
    let r = agents::update_request("a1", &agents::UpdateOpts::new().clear_description())
        .expect("request");
    assert_eq!(body(&r), json!({"agent": {"description": null}}));

    let r = agents::add_dhcp_network_request("a1", "1ae075ca-708b-4e66-b4a7-b7698632f05f")
        .expect("request");
    assert_eq!(r.method(), Method::POST);
    assert_eq!(r.path(), "agents/a1/dhcp-networks");
    assert_eq!(
        body(&r),
        sample("agents/agent-dhcp-network-add-request.json")
    );
    assert_eq!(
        agents::remove_dhcp_network_request("a1", "n1").path(),
        "agents/a1/dhcp-networks/n1"
    );
    assert_eq!(
        agents::list_network_dhcp_agents_request("n1").path(),
        "networks/n1/dhcp-agents"
    );
    let r = agents::list_request(&agents::ListOpts::new().agent_type("DHCP agent").alive(true))
        .expect("request");
    assert_eq!(r.query_string(), Some("agent_type=DHCP+agent&alive=true"));

    let r = agents::add_l3_router_request("a1", "43e66290-79a4-415d-9eb9-7ff7919839e1")
        .expect("request");
    assert_eq!(r.method(), Method::POST);
    assert_eq!(r.path(), "agents/a1/l3-routers");
    assert_eq!(body(&r), sample("agents/agent-l3-router-add-request.json"));
    let r = agents::remove_l3_router_request("a1", "r1");
    assert_eq!(r.method(), Method::DELETE);
    assert_eq!(r.path(), "agents/a1/l3-routers/r1");
    assert_eq!(
        agents::list_l3_routers_request("a1").path(),
        "agents/a1/l3-routers"
    );
    assert_eq!(
        agents::list_router_l3_agents_request("r1").path(),
        "routers/r1/l3-agents"
    );
}
