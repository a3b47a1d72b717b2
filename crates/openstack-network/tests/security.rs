//! Security groups and rules against httpmock, serving the official response samples.

mod common;

use common::{catch_all, client, sample, sample_text, typed};
use futures::TryStreamExt;
use httpmock::prelude::*;
use openstack_network::security::{groups, rules};

#[tokio::test]
async fn group_and_rules() {
    let server = MockServer::start_async().await;
    let create = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/v2.0/security-groups")
                .json_body(sample("security-groups/security-group-create-request.json"));
            then.status(201).body(sample_text(
                "security-groups/security-group-create-response.json",
            ));
        })
        .await;
    let rule = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/v2.0/security-group-rules")
                .json_body(typed(sample(
                    "security-groups/security-group-rule-create-request.json",
                )));
            then.status(201).body(sample_text(
                "security-groups/security-group-rule-create-response.json",
            ));
        })
        .await;
    let list = server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.0/security-groups");
            then.status(200).body(sample_text(
                "security-groups/security-groups-list-response.json",
            ));
        })
        .await;
    let rules_list = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/v2.0/security-group-rules")
                .query_param("security_group_id", "85cc3048-abc3-43cc-89b3-377341426ac5");
            then.status(200).body(sample_text(
                "security-groups/security-group-rules-list-response.json",
            ));
        })
        .await;
    let del_rule = server
        .mock_async(|when, then| {
            when.method(DELETE).path("/v2.0/security-group-rules/r1");
            then.status(204);
        })
        .await;
    let del = server
        .mock_async(|when, then| {
            when.method(DELETE).path("/v2.0/security-groups/g1");
            then.status(204);
        })
        .await;
    catch_all(&server).await;
    let cl = client(&server);

    let g = groups::create(
        &cl,
        groups::CreateOpts::new("new-webservers")
            .description("security group for webservers")
            .stateful(true),
    )
    .await
    .expect("create");
    create.assert_async().await;
    assert_eq!(g.name, "new-webservers");
    assert_eq!(g.security_group_rules.len(), 2);
    assert!(g
        .security_group_rules
        .iter()
        .all(|r| r.direction == rules::Direction::Egress && r.protocol.is_none()));

    let r = rules::create(
        &cl,
        rules::CreateOpts::new(
            "a7734e61-b545-452d-a3cd-0189cbd9747a",
            rules::Direction::Ingress,
        )
        .port_range(80, 80)
        .ethertype(rules::EtherType::IPv4)
        .protocol("tcp")
        .remote_group_id("85cc3048-abc3-43cc-89b3-377341426ac5")
        .remote_address_group_id("a9baa1eb-0614-4d68-870e-fec6d8f8c221"),
    )
    .await
    .expect("rule");
    rule.assert_async().await;
    assert_eq!((r.port_range_min, r.port_range_max), (Some(80), Some(80)));
    assert_eq!(r.protocol.as_deref(), Some("tcp"));
    assert_eq!(r.direction, rules::Direction::Ingress);

    let all: Vec<_> = groups::list(&cl, groups::ListOpts::new())
        .try_collect()
        .await
        .expect("list");
    list.assert_async().await;
    assert_eq!(all[0].name, "default");
    let rs: Vec<_> = rules::list(
        &cl,
        rules::ListOpts::new().security_group_id("85cc3048-abc3-43cc-89b3-377341426ac5"),
    )
    .try_collect()
    .await
    .expect("rules");
    rules_list.assert_async().await;
    assert!(rs.iter().any(|r| r.ethertype == rules::EtherType::IPv6));
    rules::delete(&cl, "r1").await.expect("delete rule");
    del_rule.assert_async().await;
    groups::delete(&cl, "g1").await.expect("delete group");
    del.assert_async().await;
}

#[tokio::test]
async fn numeric_protocol_is_tolerated() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.0/security-group-rules/r6");
            then.status(200)
                .json_body(serde_json::json!({"security_group_rule": {
                "id": "r6", "direction": "ingress", "ethertype": "IPv4", "protocol": 6,
                "port_range_min": "22", "port_range_max": 22, "security_group_id": "g"}}));
        })
        .await;
    catch_all(&server).await;
    let r = rules::get(&client(&server), "r6").await.expect("rule");
    assert_eq!(r.protocol.as_deref(), Some("6"));
    assert_eq!(r.port_range_min, Some(22));
}
