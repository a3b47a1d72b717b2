//! QoS, RBAC policies, trunks, address scopes, port forwardings and agents against httpmock,
//! serving the official response samples.

mod common;

use common::{catch_all, client, sample, sample_text};
use futures::TryStreamExt;
use httpmock::prelude::*;
use openstack_network::layer3::portforwarding::{self, Protocol};
use openstack_network::qos::{self, Direction, RuleKind, RuleOpts};
use openstack_network::rbac_policies::{self, Action};
use openstack_network::subnets::IpVersion;
use openstack_network::trunks::{self, Subport};
use openstack_network::{address_scopes, agents};
use serde_json::json;

const POLICY: &str = "46ebaec0-0570-43ac-82f6-60d2b03168c4";

#[tokio::test]
async fn qos_policy_crud() {
    let server = MockServer::start_async().await;
    let list = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/v2.0/qos/policies")
                .query_param("shared", "false");
            then.status(200)
                .body(sample_text("qos/policies-list-response.json"));
        })
        .await;
    let create = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/v2.0/qos/policies")
                .json_body(sample("qos/policy-create-request.json"));
            then.status(201)
                .body(sample_text("qos/policy-create-response.json"));
        })
        .await;
    let update = server
        .mock_async(|when, then| {
            when.method(PUT)
                .path(format!("/v2.0/qos/policies/{POLICY}"))
                .header("if-match", "revision_number=1")
                .json_body(json!({"policy": {"is_default": true}}));
            then.status(200)
                .body(sample_text("qos/policy-update-response.json"));
        })
        .await;
    let show = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(format!("/v2.0/qos/policies/{POLICY}"));
            then.status(200)
                .body(sample_text("qos/policy-show-response.json"));
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method(DELETE)
                .path(format!("/v2.0/qos/policies/{POLICY}"));
            then.status(409).json_body(json!({"NeutronError": {
                "type": "QosPolicyInUse",
                "message": "QoS Policy 46ebaec0 is used by network n1.", "detail": ""}}));
        })
        .await;
    let c = catch_all(&server).await;
    let cl = client(&server);

    let all: Vec<_> = qos::list(&cl, qos::ListOpts::new().shared(false))
        .try_collect()
        .await
        .expect("list");
    list.assert_async().await;
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].rules.len(), 2);
    assert_eq!(all[0].rules[0].kind, Some(RuleKind::BandwidthLimit));
    assert_eq!(all[0].rules[0].max_kbps, Some(10000));
    assert_eq!(all[0].rules[1].kind, Some(RuleKind::DscpMarking));
    assert_eq!(all[0].rules[1].dscp_mark, Some(20));
    assert_eq!(all[0].revision_number, 3);

    let p = qos::create(
        &cl,
        qos::CreateOpts::new("10Mbit")
            .description("This policy limits the ports to 10Mbit max.")
            .shared(false),
    )
    .await
    .expect("create");
    create.assert_async().await;
    assert_eq!(p.id, POLICY);
    assert!(p.created_at.is_some());

    qos::update(
        &cl,
        POLICY,
        qos::UpdateOpts::new().is_default(true).if_revision(1),
    )
    .await
    .expect("update");
    update.assert_async().await;
    let shown = qos::get(&cl, POLICY).await.expect("get");
    show.assert_async().await;
    assert_eq!(shown.id, POLICY);

    let err = qos::delete(&cl, POLICY).await.expect_err("in use");
    delete.assert_async().await;
    assert_eq!(err.status().map(|s| s.as_u16()), Some(409));
    assert!(err
        .api_message()
        .expect("message")
        .contains("is used by network"));
    assert_eq!(c.calls_async().await, 0, "unexpected requests");
}

#[tokio::test]
async fn qos_rules_and_rule_types() {
    let server = MockServer::start_async().await;
    let base = format!("/v2.0/qos/policies/{POLICY}");
    let create = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(format!("{base}/bandwidth_limit_rules"))
                .json_body(json!({"bandwidth_limit_rule": {"max_kbps": 10000}}));
            then.status(201)
                .body(sample_text("qos/bandwidth_limit_rule-create-response.json"));
        })
        .await;
    let list = server
        .mock_async(|when, then| {
            when.method(GET).path(format!("{base}/dscp_marking_rules"));
            then.status(200)
                .body(sample_text("qos/dscp_marking_rules-list-response.json"));
        })
        .await;
    let show = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(format!("{base}/minimum_packet_rate_rules/r1"));
            then.status(200).body(sample_text(
                "qos/minimum_packet_rate_rule-show-response.json",
            ));
        })
        .await;
    let update = server
        .mock_async(|when, then| {
            when.method(PUT)
                .path(format!("{base}/minimum_bandwidth_rules/r2"))
                .json_body(json!({"minimum_bandwidth_rule": {"min_kbps": 20000}}));
            then.status(200).body(sample_text(
                "qos/minimum_bandwidth_rule-update-response.json",
            ));
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method(DELETE)
                .path(format!("{base}/bandwidth_limit_rules/r3"));
            then.status(204);
        })
        .await;
    let types = server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.0/qos/rule-types");
            then.status(200)
                .body(sample_text("qos/rule_types-list-response.json"));
        })
        .await;
    // The API reference shows the details unwrapped; Neutron wraps them in `rule_type`.
    let bw = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/v2.0/qos/rule-types/bandwidth_limit");
            then.status(200).body(sample_text(
                "qos/rule_type-details-bandwidth_limit-response.json",
            ));
        })
        .await;
    let dscp = server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.0/qos/rule-types/dscp_marking");
            then.status(200).json_body(json!({
                "rule_type": sample("qos/rule_type-details-dscp_marking-response.json")}));
        })
        .await;
    let c = catch_all(&server).await;
    let cl = client(&server);

    let r = qos::create_rule(&cl, POLICY, RuleOpts::bandwidth_limit(10000))
        .await
        .expect("create");
    create.assert_async().await;
    assert_eq!(r.id, "5f126d84-551a-4dcf-bb01-0e9c0df0c793");
    assert_eq!(r.kind, Some(RuleKind::BandwidthLimit));
    assert_eq!(r.direction, Some(Direction::Egress));
    assert_eq!(r.max_burst_kbps, Some(0));

    let rules = qos::list_rules(&cl, POLICY, RuleKind::DscpMarking)
        .await
        .expect("list");
    list.assert_async().await;
    assert!(!rules.is_empty());
    assert!(rules
        .iter()
        .all(|r| r.kind == Some(RuleKind::DscpMarking) && r.dscp_mark.is_some()));

    let r = qos::get_rule(&cl, POLICY, RuleKind::MinimumPacketRate, "r1")
        .await
        .expect("get");
    show.assert_async().await;
    assert_eq!(r.direction, Some(Direction::Egress));
    assert!(r.min_kpps.is_some());

    let r = qos::update_rule(
        &cl,
        POLICY,
        "r2",
        RuleOpts::new(RuleKind::MinimumBandwidth).min_kbps(20000),
    )
    .await
    .expect("update");
    update.assert_async().await;
    assert_eq!(r.kind, Some(RuleKind::MinimumBandwidth));
    assert!(r.min_kbps.is_some());

    qos::delete_rule(&cl, POLICY, RuleKind::BandwidthLimit, "r3")
        .await
        .expect("delete");
    delete.assert_async().await;

    let t = qos::list_rule_types(&cl).await.expect("types");
    types.assert_async().await;
    let names: Vec<_> = t.iter().map(|t| t.kind.as_str()).collect();
    assert_eq!(
        names,
        ["bandwidth_limit", "dscp_marking", "minimum_bandwidth"]
    );
    let d = qos::get_rule_type(&cl, "bandwidth_limit")
        .await
        .expect("bw details");
    bw.assert_async().await;
    assert_eq!(d.kind, "bandwidth_limit");
    assert_eq!(d.drivers[0].name, "openvswitch");
    assert_eq!(
        d.drivers[0].supported_parameters[0].parameter_name,
        "max_kbps"
    );
    assert_eq!(
        d.drivers[0].supported_parameters[0].parameter_values["end"],
        2147483647
    );
    let d = qos::get_rule_type(&cl, "dscp_marking")
        .await
        .expect("dscp details");
    dscp.assert_async().await;
    assert_eq!(d.kind, "dscp_marking");
    assert!(!d.drivers.is_empty());
    assert_eq!(c.calls_async().await, 0, "unexpected requests");
}

#[tokio::test]
async fn rbac_policy_crud_and_pagination() {
    let server = MockServer::start_async().await;
    let mut page1 = sample("rbac_policy/rbac-policies-list-response.json");
    let n1 = page1["rbac_policies"].as_array().expect("list").len();
    let last = page1["rbac_policies"][n1 - 1]["id"]
        .as_str()
        .expect("id")
        .to_owned();
    page1["rbac_policies_links"] = json!([{
        "href": server.url(format!("/v2.0/rbac-policies?limit={n1}&marker={last}")),
        "rel": "next"}]);
    let p2 = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/v2.0/rbac-policies")
                .query_param("marker", &last);
            then.status(200).json_body(json!({"rbac_policies": [
                sample("rbac_policy/rbac-policy-show-response.json")["rbac_policy"]]}));
        })
        .await;
    let p1 = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/v2.0/rbac-policies")
                .query_param("object_type", "network")
                .query_param_missing("marker");
            then.status(200).json_body(page1.clone());
        })
        .await;
    let create = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/v2.0/rbac-policies")
                .json_body(sample("rbac_policy/rbac-policy-create-request.json"));
            then.status(201)
                .body(sample_text("rbac_policy/rbac-policy-create-response.json"));
        })
        .await;
    let update = server
        .mock_async(|when, then| {
            when.method(PUT)
                .path("/v2.0/rbac-policies/2cf7523a-93b5-4e69-9360-6c6bf986bb7c")
                .json_body(sample("rbac_policy/rbac-policy-update-request.json"));
            then.status(200)
                .body(sample_text("rbac_policy/rbac-policy-update-response.json"));
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method(DELETE)
                .path("/v2.0/rbac-policies/2cf7523a-93b5-4e69-9360-6c6bf986bb7c");
            then.status(204);
        })
        .await;
    let c = catch_all(&server).await;
    let cl = client(&server);

    let all: Vec<_> =
        rbac_policies::list(&cl, rbac_policies::ListOpts::new().object_type("network"))
            .try_collect()
            .await
            .expect("list");
    p1.assert_async().await;
    p2.assert_async().await;
    assert_eq!(all.len(), n1 + 1);

    let p = rbac_policies::create(
        &cl,
        rbac_policies::CreateOpts::new(
            "network",
            "1f32f072-4d17-4811-b619-3623d018bd40",
            Action::AccessAsShared,
            "0670b690f27e47a58b6a479d26004715",
        ),
    )
    .await
    .expect("create");
    create.assert_async().await;
    assert_eq!(p.action, Action::AccessAsShared);
    assert_eq!(p.object_type, "network");
    let u = rbac_policies::update(&cl, &p.id, rbac_policies::UpdateOpts::new("*"))
        .await
        .expect("update");
    update.assert_async().await;
    assert_eq!(u.target_tenant, "*");
    rbac_policies::delete(&cl, &p.id).await.expect("delete");
    delete.assert_async().await;
    assert_eq!(c.calls_async().await, 0, "unexpected requests");
}

/// The real Neutron of the test harness does not load the trunk plugin (`/v2.0/trunks`
/// answers 404 there): trunks are covered here only.
#[tokio::test]
async fn trunk_crud_and_subports() {
    let server = MockServer::start_async().await;
    let id = "114a26b1-d124-4835-bb4f-021d3d886023";
    let sub = "4b4c691b-086d-43d2-8a65-5487e9434155";
    let list = server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.0/trunks");
            then.status(200)
                .body(sample_text("trunks/trunks-list-response.json"));
        })
        .await;
    let create = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/v2.0/trunks")
                .json_body(sample("trunks/trunk-create-request.json"));
            then.status(201)
                .body(sample_text("trunks/trunks-create-response.json"));
        })
        .await;
    let add = server
        .mock_async(|when, then| {
            when.method(PUT)
                .path(format!("/v2.0/trunks/{id}/add_subports"))
                .json_body(sample("trunks/trunk-add-subports-request.json"));
            then.status(200)
                .body(sample_text("trunks/trunk-add-subports-response.json"));
        })
        .await;
    let get_subs = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(format!("/v2.0/trunks/{id}/get_subports"));
            then.status(200)
                .body(sample_text("trunks/trunk-list-subports-response.json"));
        })
        .await;
    let remove = server
        .mock_async(|when, then| {
            when.method(PUT)
                .path(format!("/v2.0/trunks/{id}/remove_subports"))
                .json_body(sample("trunks/trunk-remove-subports-request.json"));
            then.status(200)
                .body(sample_text("trunks/trunk-remove-subports-response.json"));
        })
        .await;
    let update = server
        .mock_async(|when, then| {
            when.method(PUT)
                .path(format!("/v2.0/trunks/{id}"))
                .json_body(sample("trunks/trunk-update-request.json"));
            then.status(200)
                .body(sample_text("trunks/trunk-update-response.json"));
        })
        .await;
    let show = server
        .mock_async(|when, then| {
            when.method(GET).path(format!("/v2.0/trunks/{id}"));
            then.status(200)
                .body(sample_text("trunks/trunk-show-response.json"));
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method(DELETE).path(format!("/v2.0/trunks/{id}"));
            then.status(409).json_body(json!({"NeutronError": {
                "type": "TrunkInUse", "message": "Trunk 114a26b1 is currently in use.",
                "detail": ""}}));
        })
        .await;
    let c = catch_all(&server).await;
    let cl = client(&server);

    let all: Vec<_> = trunks::list(&cl, trunks::ListOpts::new())
        .try_collect()
        .await
        .expect("list");
    list.assert_async().await;
    assert!(!all.is_empty());

    let t = trunks::create(
        &cl,
        trunks::CreateOpts::new("8027c4da-772f-4e43-bfbf-023b4a4e63de")
            .name("test")
            .admin_state_up(true),
    )
    .await
    .expect("create");
    create.assert_async().await;
    assert_eq!(t.id, id);
    assert_eq!(t.status, trunks::Status::Down);
    assert!(t.sub_ports.is_empty());

    let t = trunks::add_subports(&cl, id, [Subport::vlan(sub, 44)])
        .await
        .expect("add");
    add.assert_async().await;
    assert_eq!(t.sub_ports, [Subport::vlan(sub, 44)]);
    let subs = trunks::get_subports(&cl, id).await.expect("subports");
    get_subs.assert_async().await;
    assert_eq!(subs[0].segmentation_id, Some(44));
    assert_eq!(subs[0].segmentation_type, "vlan");
    trunks::remove_subports(&cl, id, [sub])
        .await
        .expect("remove");
    remove.assert_async().await;

    let t = trunks::update(
        &cl,
        id,
        trunks::UpdateOpts::new().name("foo").admin_state_up(true),
    )
    .await
    .expect("update");
    update.assert_async().await;
    assert_eq!(t.name, "foo");
    let t = trunks::get(&cl, id).await.expect("get");
    show.assert_async().await;
    assert_eq!(t.revision_number, 9);
    let err = trunks::delete(&cl, id).await.expect_err("in use");
    delete.assert_async().await;
    assert_eq!(err.status().map(|s| s.as_u16()), Some(409));
    assert_eq!(c.calls_async().await, 0, "unexpected requests");
}

#[tokio::test]
async fn address_scope_crud() {
    let server = MockServer::start_async().await;
    let id = "4143da3e-d2a7-4077-ba80-215ecfd016d7";
    let list = server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.0/address-scopes");
            then.status(200).body(sample_text(
                "address-scopes/address-scopes-list-response.json",
            ));
        })
        .await;
    let create = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/v2.0/address-scopes")
                .json_body(json!({"address_scope": {"name": "address-scope-2", "ip_version": 4, "shared": true}}));
            then.status(201)
                .body(sample_text("address-scopes/address-scope-create-response.json"));
        })
        .await;
    let update = server
        .mock_async(|when, then| {
            when.method(PUT)
                .path(format!("/v2.0/address-scopes/{id}"))
                .json_body(sample("address-scopes/address-scope-update-request.json"));
            then.status(200).body(sample_text(
                "address-scopes/address-scope-update-response.json",
            ));
        })
        .await;
    let show = server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.0/address-scopes/missing");
            then.status(404).json_body(json!({"NeutronError": {
                "type": "AddressScopeNotFound",
                "message": "Address scope missing could not be found.", "detail": ""}}));
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method(DELETE)
                .path(format!("/v2.0/address-scopes/{id}"));
            then.status(204);
        })
        .await;
    let c = catch_all(&server).await;
    let cl = client(&server);

    let all: Vec<_> = address_scopes::list(&cl, address_scopes::ListOpts::new())
        .try_collect()
        .await
        .expect("list");
    list.assert_async().await;
    assert!(all.iter().any(|s| s.ip_version == IpVersion::V6));
    let s = address_scopes::create(
        &cl,
        address_scopes::CreateOpts::new("address-scope-2", IpVersion::V4).shared(true),
    )
    .await
    .expect("create");
    create.assert_async().await;
    assert_eq!(s.id, id);
    assert!(s.shared);
    let s = address_scopes::update(
        &cl,
        id,
        address_scopes::UpdateOpts::new()
            .name("address-scope-ip4")
            .shared(true),
    )
    .await
    .expect("update");
    update.assert_async().await;
    assert_eq!(s.name, "address-scope-2", "the sample answers the old name");
    let err = address_scopes::get(&cl, "missing")
        .await
        .expect_err("missing");
    show.assert_async().await;
    assert!(err.is_not_found());
    address_scopes::delete(&cl, id).await.expect("delete");
    delete.assert_async().await;
    assert_eq!(c.calls_async().await, 0, "unexpected requests");
}

#[tokio::test]
async fn port_forwarding_crud() {
    let server = MockServer::start_async().await;
    let fip = "2f245a7b-796b-4f26-9cf9-9e82d248fda7";
    let base = format!("/v2.0/floatingips/{fip}/port_forwardings");
    let pf = "725ade3c-9760-4880-8080-8fc2dbab9acc";
    let list = server
        .mock_async(|when, then| {
            when.method(GET).path(&base).query_param("protocol", "tcp");
            then.status(200).body(sample_text(
                "port_forwardings/port-fowarding-list-response.json",
            ));
        })
        .await;
    let create = server
        .mock_async(|when, then| {
            when.method(POST).path(&base).json_body(sample(
                "port_forwardings/port-fowarding-create-request.json",
            ));
            then.status(201).body(sample_text(
                "port_forwardings/port-fowarding-create-response.json",
            ));
        })
        .await;
    let show = server
        .mock_async(|when, then| {
            when.method(GET).path(format!("{base}/{pf}"));
            then.status(200).body(sample_text(
                "port_forwardings/port-fowarding-show-response.json",
            ));
        })
        .await;
    let update = server
        .mock_async(|when, then| {
            when.method(PUT)
                .path(format!("{base}/{pf}"))
                .json_body(json!({"port_forwarding": {"external_port": 1960}}));
            then.status(200).body(sample_text(
                "port_forwardings/port-fowarding-update-response.json",
            ));
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method(DELETE).path(format!("{base}/{pf}"));
            then.status(204);
        })
        .await;
    let c = catch_all(&server).await;
    let cl = client(&server);

    let all: Vec<_> = portforwarding::list(
        &cl,
        fip,
        portforwarding::ListOpts::new().protocol(Protocol::Tcp),
    )
    .try_collect()
    .await
    .expect("list");
    list.assert_async().await;
    assert!(!all.is_empty());
    let p = portforwarding::create(
        &cl,
        fip,
        portforwarding::CreateOpts::new(
            Protocol::Tcp,
            "1238be08-a2a8-4b8d-addf-fb5e2250e480",
            "10.0.0.11",
            25,
            2230,
        )
        .description("Some description"),
    )
    .await
    .expect("create");
    create.assert_async().await;
    assert_eq!(p.id, pf);
    assert_eq!(p.protocol, Protocol::Tcp);
    assert_eq!(p.internal_port, Some(25));
    assert_eq!(p.external_port, Some(2230));
    let p = portforwarding::get(&cl, fip, pf).await.expect("get");
    show.assert_async().await;
    assert_eq!(p.id, pf);
    let p = portforwarding::update(
        &cl,
        fip,
        pf,
        portforwarding::UpdateOpts::new().external_port(1960),
    )
    .await
    .expect("update");
    update.assert_async().await;
    assert_eq!(p.external_port, Some(1960));
    portforwarding::delete(&cl, fip, pf).await.expect("delete");
    delete.assert_async().await;
    assert_eq!(c.calls_async().await, 0, "unexpected requests");
}

#[tokio::test]
async fn agents_and_dhcp_networks() {
    let server = MockServer::start_async().await;
    let id = "04c62b91-b799-48b7-9cd5-2982db6df9c6";
    let list = server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.0/agents");
            then.status(200)
                .body(sample_text("agents/agents-list-response.json"));
        })
        .await;
    let show = server
        .mock_async(|when, then| {
            when.method(GET).path(format!("/v2.0/agents/{id}"));
            then.status(200)
                .body(sample_text("agents/agent-show-response.json"));
        })
        .await;
    let update = server
        .mock_async(|when, then| {
            when.method(PUT)
                .path(format!("/v2.0/agents/{id}"))
                .json_body(sample("agents/agent-update-request.json"));
            then.status(200)
                .body(sample_text("agents/agent-update-response.json"));
        })
        .await;
    let nets = server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.0/agents/a1/dhcp-networks");
            then.status(200)
                .body(sample_text("agents/agent-dhcp-networks-list-response.json"));
        })
        .await;
    let add = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/v2.0/agents/a1/dhcp-networks")
                .json_body(json!({"network_id": "n1"}));
            then.status(201).body("null");
        })
        .await;
    let remove = server
        .mock_async(|when, then| {
            when.method(DELETE).path("/v2.0/agents/a1/dhcp-networks/n1");
            then.status(204);
        })
        .await;
    let hosting = server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.0/networks/n1/dhcp-agents");
            then.status(200)
                .body(sample_text("agents/network-dhcp-agent-list-response.json"));
        })
        .await;
    let l3 = server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.0/agents/a1/l3-routers");
            then.status(200)
                .body(sample_text("agents/agent-l3-routers-list-response.json"));
        })
        .await;
    let l3_add = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/v2.0/agents/a1/l3-routers")
                .json_body(json!({"router_id": "r1"}));
            then.status(201).body("null");
        })
        .await;
    let l3_remove = server
        .mock_async(|when, then| {
            when.method(DELETE).path("/v2.0/agents/a1/l3-routers/r1");
            then.status(204);
        })
        .await;
    let l3_hosting = server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.0/routers/r1/l3-agents");
            then.status(200)
                .body(sample_text("agents/router-l3-agent-list-response.json"));
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method(DELETE).path(format!("/v2.0/agents/{id}"));
            then.status(204);
        })
        .await;
    let c = catch_all(&server).await;
    let cl = client(&server);

    let all: Vec<_> = agents::list(&cl, agents::ListOpts::new())
        .try_collect()
        .await
        .expect("list");
    list.assert_async().await;
    assert!(!all.is_empty());
    let a = agents::get(&cl, id).await.expect("get");
    show.assert_async().await;
    assert_eq!(a.binary, "neutron-openvswitch-agent");
    assert!(a.alive);
    assert_eq!(a.description, "");
    assert!(a.heartbeat_timestamp.is_some(), "space-separated timestamp");
    assert_eq!(a.configurations["bridge_mappings"]["public"], "br-ex");
    let a = agents::update(
        &cl,
        id,
        agents::UpdateOpts::new().description("My OVS agent for OpenStack"),
    )
    .await
    .expect("update");
    update.assert_async().await;
    assert_eq!(a.description, "My OVS agent for OpenStack");

    let n = agents::list_dhcp_networks(&cl, "a1").await.expect("nets");
    nets.assert_async().await;
    assert_eq!(n[0].name, "net1");
    agents::add_dhcp_network(&cl, "a1", "n1")
        .await
        .expect("add");
    add.assert_async().await;
    agents::remove_dhcp_network(&cl, "a1", "n1")
        .await
        .expect("remove");
    remove.assert_async().await;
    let h = agents::list_network_dhcp_agents(&cl, "n1")
        .await
        .expect("hosting");
    hosting.assert_async().await;
    assert!(h.iter().all(|a| a.agent_type == "DHCP agent"));

    let routers = agents::list_l3_routers(&cl, "a1")
        .await
        .expect("l3 routers");
    l3.assert_async().await;
    assert!(!routers.is_empty());
    assert!(routers[0].external_gateway_info.is_some());
    agents::add_l3_router(&cl, "a1", "r1")
        .await
        .expect("l3 add");
    l3_add.assert_async().await;
    agents::remove_l3_router(&cl, "a1", "r1")
        .await
        .expect("l3 remove");
    l3_remove.assert_async().await;
    let h = agents::list_router_l3_agents(&cl, "r1")
        .await
        .expect("l3 hosting");
    l3_hosting.assert_async().await;
    assert!(h.iter().all(|a| a.binary == "neutron-l3-agent"));
    agents::delete(&cl, id).await.expect("delete");
    delete.assert_async().await;
    assert_eq!(c.calls_async().await, 0, "unexpected requests");
}
