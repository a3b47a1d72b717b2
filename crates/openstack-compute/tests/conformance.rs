//! Conformance: every official Nova response sample of a covered resource decodes into our
//! models — the rows of INDEX.tsv (section `response`), and, because INDEX.tsv lists few
//! microversion variants, every response sample in the covered sample folders, microversion
//! folders (`vX.Y/`) included.

#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};

use openstack_compute::*;
use openstack_core::pagination::decode_keyed;
use openstack_test_support::corpus;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// The sample folders whose resources this crate models.
const COVERED_FOLDERS: &[&str] = &[
    "servers",
    "servers-sort",
    "server-ips",
    "server-metadata",
    "os-server-tags",
    "os-instance-actions",
    "os-volume_attachments",
    "os-attach-interfaces",
    "os-remote-consoles",
    "os-console-output",
    "os-rescue",
    "os-multiple-create",
    "flavors",
    "flavor-manage",
    "flavor-extra-specs",
    "flavor-access",
    "os-keypairs",
    "images",
    "extension-info",
    "os-availability-zone",
    "limits",
    "os-quota-sets",
    "os-hypervisors",
    "os-server-groups",
];

/// Fewer decoded samples than this means coverage regressed.
const FLOOR: usize = 250;

fn one<T: DeserializeOwned>(v: &Value, what: &str) -> Result<(), String> {
    let bytes = serde_json::to_vec(v).unwrap();
    openstack_core::decode_json::<T>(&bytes, what)
        .map(drop)
        .map_err(|e| format!("{e} (path {:?})", e.decode_path()))
}

fn list<T: DeserializeOwned>(bytes: &[u8], key: &str, what: &str) -> Result<(), String> {
    decode_keyed::<T>(bytes, what, key)
        .map(drop)
        .map_err(|e| format!("{e} (path {:?})", e.decode_path()))
}

/// Decodes one response sample by its top-level keys. `Ok(false)` when the file has no
/// key this crate models.
fn decode(rel: &str, bytes: &[u8]) -> Result<bool, String> {
    let doc: Value = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    let Value::Object(map) = &doc else {
        return Ok(false);
    };
    let folder = rel
        .trim_start_matches("nova/doc/api_samples/")
        .split('/')
        .next()
        .unwrap_or_default();
    let mut any = false;
    for (key, v) in map {
        let what = format!("{rel}: {key}");
        let r = match key.as_str() {
            "server" => one::<servers::Server>(v, &what),
            "servers" => list::<servers::Server>(bytes, "servers", &what)
                .and_then(|()| list::<servers::ServerSummary>(bytes, "servers", &what)),
            "flavor" => one::<flavors::Flavor>(v, &what),
            "flavors" => list::<flavors::Flavor>(bytes, "flavors", &what),
            "keypair" => one::<keypairs::KeyPair>(v, &what),
            "keypairs" => keypairs::decode_list_page(bytes, &what)
                .map(drop)
                .map_err(|e| e.to_string()),
            "image" => one::<images::Image>(v, &what),
            "images" => list::<images::Image>(bytes, "images", &what),
            "extension" => one::<extensions::Extension>(v, &what),
            "extensions" => list::<extensions::Extension>(bytes, "extensions", &what),
            "availabilityZoneInfo" => {
                list::<availability_zones::AvailabilityZone>(bytes, "availabilityZoneInfo", &what)
            }
            "limits" => one::<limits::Limits>(v, &what),
            "quota_set" if rel.contains("detail") => one::<quota_sets::QuotaSetDetail>(v, &what),
            "quota_set" => one::<quota_sets::QuotaSet>(v, &what),
            "hypervisor" => one::<hypervisors::Hypervisor>(v, &what),
            "hypervisors" => list::<hypervisors::Hypervisor>(bytes, "hypervisors", &what),
            "hypervisor_statistics" => one::<hypervisors::Statistics>(v, &what),
            "server_group" => one::<server_groups::ServerGroup>(v, &what),
            "server_groups" => list::<server_groups::ServerGroup>(bytes, "server_groups", &what),
            "instanceAction" => one::<instance_actions::InstanceAction>(v, &what),
            "instanceActions" => {
                list::<instance_actions::InstanceAction>(bytes, "instanceActions", &what)
            }
            "volumeAttachment" => one::<volume_attachments::VolumeAttachment>(v, &what),
            "volumeAttachments" => {
                list::<volume_attachments::VolumeAttachment>(bytes, "volumeAttachments", &what)
            }
            "interfaceAttachment" => one::<interfaces::Interface>(v, &what),
            "interfaceAttachments" => {
                list::<interfaces::Interface>(bytes, "interfaceAttachments", &what)
            }
            "tags" => one::<Vec<String>>(v, &what),
            "metadata" | "meta" => one::<BTreeMap<String, String>>(v, &what),
            "extra_specs" => one::<BTreeMap<String, String>>(v, &what),
            "flavor_access" => one::<Vec<flavors::FlavorAccess>>(v, &what),
            "remote_console" | "console" => one::<consoles::RemoteConsole>(v, &what),
            "output" => one::<String>(v, &what),
            "addresses" => one::<BTreeMap<String, Vec<addresses::Address>>>(v, &what),
            "image_id" => actions::image_id_from_response(true, None, bytes)
                .map(drop)
                .map_err(|e| e.to_string()),
            "adminPass" | "reservation_id" => one::<String>(v, &what),
            k if k.ends_with("_links") || k == "links" => continue,
            // One extra spec (`{"hw:numa_nodes": "1"}`) and one network's addresses
            // (`{"private": [...]}`).
            _ if folder == "flavor-extra-specs" => one::<BTreeMap<String, String>>(&doc, &what),
            _ if folder == "server-ips" => {
                one::<BTreeMap<String, Vec<addresses::Address>>>(&doc, &what)
            }
            _ => continue,
        };
        r?;
        any = true;
    }
    Ok(any)
}

fn is_response_name(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or_default();
    (name.contains("resp") || name == "server-rescue.json" || name == "image-meta-key-get.json")
        && !name.contains("-req")
}

#[test]
fn every_covered_response_sample_decodes() {
    if corpus::dir().is_none() {
        return;
    }
    let invalid = corpus::known_invalid();
    let mut files: BTreeSet<String> = BTreeSet::new();
    let mut skipped = 0usize;

    // 1. INDEX.tsv rows.
    for row in corpus::index("nova") {
        if row.section != "response" || !row.in_corpus || !row.valid_json {
            continue;
        }
        let rel = row.corpus_path("nova");
        if invalid.contains(&rel) {
            skipped += 1;
            continue;
        }
        let folder = row.sample_path.split('/').nth(2).unwrap_or_default();
        if COVERED_FOLDERS.contains(&folder) {
            files.insert(rel);
        } else {
            skipped += 1;
        }
    }
    // 2. The covered folders, microversion folders included.
    for folder in COVERED_FOLDERS {
        for rel in corpus::json_files(&format!("nova/doc/api_samples/{folder}")) {
            if is_response_name(&rel) {
                files.insert(rel);
            }
        }
    }

    let mut decoded = 0usize;
    let mut failures = Vec::new();
    for rel in &files {
        let bytes = corpus::read(rel);
        match decode(rel, &bytes) {
            Ok(true) => decoded += 1,
            Ok(false) => skipped += 1,
            Err(e) => failures.push(format!("{rel}: {e}")),
        }
    }
    println!("conformance: {decoded} samples decoded, {skipped} skipped (uncovered)");
    assert!(
        failures.is_empty(),
        "samples that do not decode:\n{}",
        failures.join("\n")
    );
    assert!(
        decoded >= FLOOR,
        "only {decoded} samples decoded (floor {FLOOR})"
    );
}

/// Microversion-specific shapes decode into the expected fields.
#[test]
fn microversion_shapes() {
    if corpus::dir().is_none() {
        return;
    }
    let get = |rel: &str| -> servers::Server {
        let v = corpus::json(&format!("nova/doc/api_samples/{rel}"));
        serde_json::from_value(v["server"].clone()).unwrap()
    };
    // Before 2.47: a flavor reference.
    let s = get("servers/server-get-resp.json");
    assert_eq!(s.flavor.id(), Some("1"));
    assert!(s.flavor.original_name.is_none());
    assert_eq!(s.status, servers::Status::Active);
    assert_eq!(s.disk_config, Some(DiskConfig::Auto));
    assert!(s.image.is_some());
    // 2.47: the embedded flavor.
    let s = get("servers/v2.47/server-get-resp.json");
    assert_eq!(s.flavor.id(), None);
    assert_eq!(s.flavor.name(), Some("m1.tiny.specs"));
    assert_eq!(s.flavor.extra_specs.as_ref().unwrap()["hw:numa_nodes"], "1");
    assert_eq!(s.flavor.ram, Some(512));
    // 2.73: locked_reason; 2.26 tags; 2.19 description.
    let s = get("servers/v2.73/server-get-resp.json");
    assert_eq!(s.locked, Some(true));
    assert_eq!(s.locked_reason.as_deref(), Some("I don't want to work"));
    assert_eq!(s.description, None);
    assert_eq!(s.tags.as_deref(), Some(&[][..]));
    // 2.100: scheduler hints, pinned AZ.
    let s = get("servers/v2.100/server-get-resp.json");
    assert_eq!(s.pinned_availability_zone.as_deref(), Some("us-west"));
    assert!(s.scheduler_hints.unwrap().contains_key("same_host"));
    assert_eq!(s.volumes_attached.len(), 2);
    assert_eq!(s.power_state, Some(1));
    assert!(s.launched_at.is_some());

    // Hypervisor ids: integer before 2.53, UUID after.
    let h: hypervisors::Hypervisor = serde_json::from_value(
        corpus::json("nova/doc/api_samples/os-hypervisors/hypervisors-show-resp.json")
            ["hypervisor"]
            .clone(),
    )
    .unwrap();
    assert_eq!(h.id, "1");
    assert_eq!(h.vcpus, Some(2));
    let h: hypervisors::Hypervisor = serde_json::from_value(
        corpus::json(
            "nova/doc/api_samples/os-hypervisors/v2.88/hypervisors-show-with-servers-resp.json",
        )["hypervisor"]
            .clone(),
    )
    .unwrap();
    assert_eq!(h.id, "a68a56ab-9c42-47c0-9309-879e4a6dbe86");
    assert_eq!(h.servers.unwrap().len(), 2);
    assert_eq!(h.vcpus, None);

    // Server groups: policies before 2.64, policy after.
    let g: server_groups::ServerGroup = serde_json::from_value(
        corpus::json("nova/doc/api_samples/os-server-groups/server-groups-get-resp.json")
            ["server_group"]
            .clone(),
    )
    .unwrap();
    assert_eq!(
        g.effective_policy(),
        Some(&server_groups::Policy::AntiAffinity)
    );
    let g: server_groups::ServerGroup = serde_json::from_value(
        corpus::json("nova/doc/api_samples/os-server-groups/v2.64/server-groups-get-resp.json")
            ["server_group"]
            .clone(),
    )
    .unwrap();
    assert_eq!(g.policy, Some(server_groups::Policy::AntiAffinity));
    assert_eq!(g.rules.unwrap().max_server_per_host, Some(3));

    // Key pairs: type from 2.2.
    let k: keypairs::KeyPair = serde_json::from_value(
        corpus::json("nova/doc/api_samples/os-keypairs/v2.2/keypairs-get-resp.json")["keypair"]
            .clone(),
    )
    .unwrap();
    assert_eq!(k.kind, Some(keypairs::KeyType::Ssh));
}

/// Tolerance: nulls, empty strings, unknown fields and unknown statuses.
#[test]
fn tolerant_decoding() {
    let s: servers::Server = serde_json::from_value(serde_json::json!({
        "id": "x", "name": null, "status": "SOMETHING_NEW", "image": "",
        "flavor": {"id": "1", "links": null}, "addresses": null, "metadata": null,
        "config_drive": true, "progress": "40", "created": "", "brand_new_field": [1, 2],
        "OS-EXT-STS:power_state": null, "security_groups": null
    }))
    .unwrap();
    assert_eq!(s.status, servers::Status::Unknown("SOMETHING_NEW".into()));
    assert_eq!(s.status.to_string(), "SOMETHING_NEW");
    assert!(s.image.is_none());
    assert_eq!(s.config_drive, "true");
    assert_eq!(s.progress, Some(40));
    assert!(s.created.is_none());
    let f: flavors::Flavor =
        serde_json::from_value(serde_json::json!({"id": 7, "swap": "", "name": "x"})).unwrap();
    assert_eq!((f.id.as_str(), f.swap, f.is_public), ("7", 0, true));
    // A decode failure names the JSON path.
    let err = openstack_core::decode_json::<servers::Server>(
        br#"{"id": "x", "addresses": {"net": [{"addr": 5}]}}"#,
        "server",
    )
    .unwrap_err();
    assert!(err.decode_path().unwrap().contains("addresses"), "{err}");
}
