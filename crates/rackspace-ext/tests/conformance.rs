//! Conformance: every documented Rackspace response fixture decodes into its model.
//!
//! There is no official corpus for Rackspace (no `corpus::index("rackspace")`), so the samples
//! are the documented bodies in `tests/common/mod.rs`, each naming its source. Nothing is
//! skipped: a fixture that does not decode fails the test.

mod common;

use common::*;
use openstack_core::auth::v2;
use openstack_core::decode_json;
use rackspace_ext::block_storage::VolumeType;
use rackspace_ext::cdn::CdnContainer;
use rackspace_ext::networks::Network;
use rackspace_ext::virtual_interfaces::VirtualInterface;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Decodes `body` into `T`, through the key when one is given (`{"network": {...}}`).
fn decode<T: DeserializeOwned>(body: &str, key: Option<&str>) -> Result<usize, String> {
    let v: Value = serde_json::from_str(body).map_err(|e| format!("not JSON: {e}"))?;
    let inner = match key {
        Some(k) => v.get(k).cloned().ok_or_else(|| format!("no {k:?} key"))?,
        None => v,
    };
    let text = inner.to_string();
    match inner {
        Value::Array(items) => {
            decode_json::<Vec<T>>(text.as_bytes(), "sample").map_err(|e| format!("{e:?}"))?;
            Ok(items.len())
        }
        _ => {
            decode_json::<T>(text.as_bytes(), "sample").map_err(|e| format!("{e:?}"))?;
            Ok(1)
        }
    }
}

#[test]
fn every_documented_sample_decodes() {
    type Check = fn() -> Result<usize, String>;
    let samples: &[(&str, Check)] = &[
        ("identity token (v2.0 access)", || {
            let t =
                v2::parse_token_body(TOKEN_RESPONSE.as_bytes()).map_err(|e| format!("{e:?}"))?;
            if t.catalog.services.len() != 8 {
                return Err(format!("{} catalog services", t.catalog.services.len()));
            }
            Ok(1)
        }),
        ("servers list", || {
            decode::<openstack_compute::servers::Server>(SERVERS_LIST, Some("servers"))
        }),
        ("networks list", || {
            decode::<Network>(NETWORKS_LIST, Some("networks"))
        }),
        ("networks list (PublicNet/ServiceNet)", || {
            decode::<Network>(NETWORKS_WELL_KNOWN, Some("networks"))
        }),
        ("network get", || {
            decode::<Network>(NETWORK_GET, Some("network"))
        }),
        ("network create", || {
            decode::<Network>(NETWORK_CREATED, Some("network"))
        }),
        ("virtual interfaces list", || {
            decode::<VirtualInterface>(VIRTUAL_INTERFACES_LIST, Some("virtual_interfaces"))
        }),
        ("virtual interface create", || {
            decode::<VirtualInterface>(VIRTUAL_INTERFACE_CREATED, Some("virtual_interfaces"))
        }),
        ("CDN listing page 1", || {
            decode::<CdnContainer>(CDN_LIST_PAGE1, None)
        }),
        ("CDN listing page 2", || {
            decode::<CdnContainer>(CDN_LIST_PAGE2, None)
        }),
        ("CBS volume types", || {
            decode::<VolumeType>(CBS_VOLUME_TYPES, Some("volume_types"))
        }),
        ("CBS volumes", || {
            decode::<openstack_blockstorage::v1::volumes::Volume>(CBS_VOLUMES, Some("volumes"))
        }),
        ("identity 401 fault", || {
            let v: Value = serde_json::from_str(UNAUTHORIZED).map_err(|e| e.to_string())?;
            match v["unauthorized"]["code"].as_u64() {
                Some(401) => Ok(1),
                other => Err(format!("code {other:?}")),
            }
        }),
    ];
    let mut decoded = 0;
    let mut items = 0;
    let mut failures = Vec::new();
    for (name, check) in samples {
        match check() {
            Ok(n) => {
                decoded += 1;
                items += n;
            }
            Err(e) => failures.push(format!("{name}: {e}")),
        }
    }
    println!(
        "conformance: {decoded} samples decoded ({items} items), 0 skipped (uncovered); no official Rackspace corpus"
    );
    assert!(
        failures.is_empty(),
        "samples that do not decode:\n{}",
        failures.join("\n")
    );
    // The floor: every fixture above (13) decodes.
    assert!(decoded >= 13, "only {decoded} samples decoded");
}
