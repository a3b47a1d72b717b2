//! Conformance: every Neutron response sample of a resource this crate models decodes into
//! its model.

use std::collections::HashSet;

use openstack_network::layer3::{floatingips, portforwarding, routers};
use openstack_network::security::{groups, rules};
use openstack_network::{
    address_scopes, agents, apiversions, extensions, ip_availability, networks, ports, qos, quotas,
    rbac_policies, subnetpools, subnets, trunks,
};
use serde::de::DeserializeOwned;
use serde_json::Value;

/// At least this many samples must decode (120 covered responses in the corpus today: 67
/// before QoS, RBAC, trunks, address scopes, port forwardings and agents).
const FLOOR: usize = 118;

fn one<T: DeserializeOwned>(v: &Value, key: &str, path: &str) {
    let item = v
        .get(key)
        .unwrap_or_else(|| panic!("{path}: no `{key}` key"))
        .clone();
    if let Err(e) = serde_json::from_value::<T>(item) {
        panic!("{path}: `{key}` does not decode: {e}");
    }
}

fn many<T: DeserializeOwned>(v: &Value, key: &str, path: &str) {
    let items = v
        .get(key)
        .and_then(Value::as_array)
        .unwrap_or_else(|| panic!("{path}: no `{key}` list"));
    for (i, item) in items.iter().enumerate() {
        if let Err(e) = serde_json::from_value::<T>(item.clone()) {
            panic!("{path}: `{key}[{i}]` does not decode: {e}");
        }
    }
}

/// One or several (bulk) resources: `{"network": ..}` or `{"networks": [..]}`.
fn one_or_many<T: DeserializeOwned>(v: &Value, key: &str, plural: &str, path: &str) {
    if v.get(plural).is_some() {
        many::<T>(v, plural, path);
    } else {
        one::<T>(v, key, path);
    }
}

/// Decodes a sample by its URL; `false` when the URL is not covered by a model.
fn decode(method: &str, url: &str, v: &Value, path: &str) -> bool {
    let u = url.trim_end_matches('/');
    let segs: Vec<&str> = u.trim_start_matches('/').split('/').collect();
    // segs[0] == "v2.0" for everything but the versions document.
    match (method, segs.as_slice()) {
        ("GET", [""]) => many::<apiversions::ApiVersion>(v, "versions", path),
        (_, ["v2.0", "networks"]) => match method {
            "GET" => many::<networks::Network>(v, "networks", path),
            _ => one_or_many::<networks::Network>(v, "network", "networks", path),
        },
        (_, ["v2.0", "networks", _]) => one::<networks::Network>(v, "network", path),
        (_, ["v2.0", "subnets"]) => match method {
            "GET" => many::<subnets::Subnet>(v, "subnets", path),
            _ => one_or_many::<subnets::Subnet>(v, "subnet", "subnets", path),
        },
        (_, ["v2.0", "subnets", _]) => one::<subnets::Subnet>(v, "subnet", path),
        (_, ["v2.0", "ports"]) => match method {
            "GET" => many::<ports::Port>(v, "ports", path),
            _ => one_or_many::<ports::Port>(v, "port", "ports", path),
        },
        (_, ["v2.0", "ports", _]) => one::<ports::Port>(v, "port", path),
        (_, ["v2.0", "routers"]) => match method {
            "GET" => many::<routers::Router>(v, "routers", path),
            _ => one::<routers::Router>(v, "router", path),
        },
        (_, ["v2.0", "routers", _]) => one::<routers::Router>(v, "router", path),
        ("PUT", ["v2.0", "routers", _, "add_router_interface" | "remove_router_interface"]) => {
            if let Err(e) = serde_json::from_value::<routers::InterfaceInfo>(v.clone()) {
                panic!("{path}: interface info does not decode: {e}");
            }
        }
        (
            "PUT",
            ["v2.0", "routers", _, "add_extraroutes"
            | "remove_extraroutes"
            | "add_external_gateways"
            | "update_external_gateways"
            | "remove_external_gateways"],
        ) => one::<routers::Router>(v, "router", path),
        (_, ["v2.0", "floatingips"]) => match method {
            "GET" => many::<floatingips::FloatingIp>(v, "floatingips", path),
            _ => one::<floatingips::FloatingIp>(v, "floatingip", path),
        },
        (_, ["v2.0", "floatingips", _]) => one::<floatingips::FloatingIp>(v, "floatingip", path),
        (_, ["v2.0", "security-groups"]) => match method {
            "GET" => many::<groups::SecurityGroup>(v, "security_groups", path),
            _ => one::<groups::SecurityGroup>(v, "security_group", path),
        },
        (_, ["v2.0", "security-groups", _]) => {
            one::<groups::SecurityGroup>(v, "security_group", path);
        }
        (_, ["v2.0", "security-group-rules"]) => match method {
            "GET" => many::<rules::Rule>(v, "security_group_rules", path),
            _ => one_or_many::<rules::Rule>(v, "security_group_rule", "security_group_rules", path),
        },
        (_, ["v2.0", "security-group-rules", _]) => {
            one::<rules::Rule>(v, "security_group_rule", path);
        }
        (_, ["v2.0", "subnetpools"]) => match method {
            "GET" => many::<subnetpools::SubnetPool>(v, "subnetpools", path),
            _ => one::<subnetpools::SubnetPool>(v, "subnetpool", path),
        },
        (_, ["v2.0", "subnetpools", _]) => one::<subnetpools::SubnetPool>(v, "subnetpool", path),
        ("PUT", ["v2.0", "subnetpools", _, "add_prefixes" | "remove_prefixes"]) => {
            if let Err(e) = serde_json::from_value::<Vec<String>>(v["prefixes"].clone()) {
                panic!("{path}: prefixes do not decode: {e}");
            }
        }
        ("GET", ["v2.0", "extensions"]) => many::<extensions::Extension>(v, "extensions", path),
        ("GET", ["v2.0", "extensions", _]) => one::<extensions::Extension>(v, "extension", path),
        ("GET", ["v2.0", "quotas"]) => many::<quotas::Quota>(v, "quotas", path),
        (_, ["v2.0", "quotas", _] | ["v2.0", "quotas", _, "default"]) => {
            one::<quotas::Quota>(v, "quota", path);
        }
        ("GET", ["v2.0", "quotas", _, "details.json"]) => {
            many_map::<quotas::QuotaDetail>(v, "quota", path);
        }
        ("GET", ["v2.0", "network-ip-availabilities"]) => {
            many::<ip_availability::NetworkIpAvailability>(v, "network_ip_availabilities", path)
        }
        ("GET", ["v2.0", "network-ip-availabilities", _]) => {
            one::<ip_availability::NetworkIpAvailability>(v, "network_ip_availability", path);
        }
        (_, ["v2.0", "{resource_type}", _, "tags"]) => {
            if let Err(e) = serde_json::from_value::<Vec<String>>(v["tags"].clone()) {
                panic!("{path}: tags do not decode: {e}");
            }
        }
        // QoS.
        ("GET", ["v2.0", "qos", "rule-types"]) => many::<qos::RuleType>(v, "rule_types", path),
        ("GET", ["v2.0", "qos", "rule-types", _]) => {
            let bytes = serde_json::to_vec(v).expect("re-encode");
            let t = qos::decode_rule_type(&bytes)
                .unwrap_or_else(|e| panic!("{path}: rule type does not decode: {e}"));
            assert!(!t.drivers.is_empty(), "{path}: no drivers");
        }
        ("GET", ["v2.0", "qos", "policies"]) => many::<qos::Policy>(v, "policies", path),
        (_, ["v2.0", "qos", "policies"] | ["v2.0", "qos", "policies", _]) => {
            one::<qos::Policy>(v, "policy", path);
        }
        ("GET", ["v2.0", "qos", "policies", _, coll]) => {
            many::<qos::Rule>(v, coll, path);
        }
        (_, ["v2.0", "qos", "policies", _, coll] | ["v2.0", "qos", "policies", _, coll, _]) => {
            one::<qos::Rule>(v, coll.trim_end_matches('s'), path);
        }
        // RBAC.
        ("GET", ["v2.0", "rbac-policies"]) => {
            many::<rbac_policies::RbacPolicy>(v, "rbac_policies", path);
        }
        (_, ["v2.0", "rbac-policies"] | ["v2.0", "rbac-policies", _]) => {
            one::<rbac_policies::RbacPolicy>(v, "rbac_policy", path);
        }
        // Trunks.
        ("GET", ["v2.0", "trunks"]) => many::<trunks::Trunk>(v, "trunks", path),
        (_, ["v2.0", "trunks"] | ["v2.0", "trunks", _]) => one::<trunks::Trunk>(v, "trunk", path),
        ("PUT", ["v2.0", "trunks", _, "add_subports" | "remove_subports"]) => {
            if let Err(e) = serde_json::from_value::<trunks::Trunk>(v.clone()) {
                panic!("{path}: trunk does not decode: {e}");
            }
        }
        ("GET", ["v2.0", "trunks", _, "get_subports"]) => {
            many::<trunks::Subport>(v, "sub_ports", path);
        }
        // Address scopes.
        ("GET", ["v2.0", "address-scopes"]) => {
            many::<address_scopes::AddressScope>(v, "address_scopes", path);
        }
        (_, ["v2.0", "address-scopes"] | ["v2.0", "address-scopes", _]) => {
            one::<address_scopes::AddressScope>(v, "address_scope", path);
        }
        // Port forwardings.
        ("GET", ["v2.0", "floatingips", _, "port_forwardings"]) => {
            many::<portforwarding::PortForwarding>(v, "port_forwardings", path);
        }
        (
            _,
            ["v2.0", "floatingips", _, "port_forwardings"]
            | ["v2.0", "floatingips", _, "port_forwardings", _],
        ) => {
            one::<portforwarding::PortForwarding>(v, "port_forwarding", path);
        }
        // Agents.
        ("GET", ["v2.0", "agents"]) => many::<agents::Agent>(v, "agents", path),
        (_, ["v2.0", "agents", _]) => one::<agents::Agent>(v, "agent", path),
        ("GET", ["v2.0", "agents", _, "dhcp-networks"]) => {
            many::<networks::Network>(v, "networks", path);
        }
        ("GET", ["v2.0", "agents", _, "l3-routers"]) => {
            many::<routers::Router>(v, "routers", path);
        }
        ("GET", ["v2.0", "networks", _, "dhcp-agents"] | ["v2.0", "routers", _, "l3-agents"]) => {
            many::<agents::Agent>(v, "agents", path);
        }
        _ => return false,
    }
    true
}

fn many_map<T: DeserializeOwned>(v: &Value, key: &str, path: &str) {
    if let Err(e) = serde_json::from_value::<std::collections::BTreeMap<String, T>>(v[key].clone())
    {
        panic!("{path}: `{key}` does not decode: {e}");
    }
}

#[test]
fn response_samples_decode() {
    let rows = openstack_test_support::corpus::index("neutron");
    if rows.is_empty() {
        eprintln!("SKIPPED: no corpus");
        return;
    }
    let invalid = openstack_test_support::corpus::known_invalid();
    let mut decoded = 0;
    let mut skipped = 0;
    let mut seen = HashSet::new();
    for row in rows {
        if row.section != "response" || !row.in_corpus || !row.valid_json {
            continue;
        }
        let path = row.corpus_path("neutron");
        if invalid.contains(&path)
            || !seen.insert((row.method.clone(), row.url.clone(), path.clone()))
        {
            continue;
        }
        let v = openstack_test_support::corpus::json(&path);
        if decode(&row.method, &row.url, &v, &path) {
            decoded += 1;
        } else {
            skipped += 1;
        }
    }
    println!("conformance: {decoded} samples decoded, {skipped} skipped (uncovered)");
    assert!(
        decoded >= FLOOR,
        "only {decoded} samples decoded; the floor is {FLOOR}"
    );
}
