//! Conformance: every official Cinder response sample for a resource this crate models
//! decodes into its model — the rows of INDEX.tsv (v2 and v3), the microversion folders of
//! volumes, snapshots and backups, and the historical v1 samples.

use std::collections::{BTreeMap, BTreeSet};

use openstack_blockstorage::{
    attachments, availability_zones, backups, limits, quotas, services, snapshots, v1, volumes,
    volumetypes,
};
use openstack_test_support::corpus;
use serde::de::DeserializeOwned;
use serde_json::Value;

fn under<T: DeserializeOwned>(v: &Value, key: &str, file: &str) -> T {
    let inner = v
        .get(key)
        .unwrap_or_else(|| panic!("{file}: no `{key}` key"));
    let bytes = serde_json::to_vec(inner).expect("re-encode");
    openstack_core::decode_json(&bytes, file).unwrap_or_else(|e| panic!("{file}: {e:?}"))
}

fn map_under(v: &Value, key: &str, file: &str) {
    let m: BTreeMap<String, Value> = under(v, key, file);
    assert!(!m.is_empty() || key == "metadata", "{file}: empty {key}");
}

fn check_volume(v: &volumes::Volume, file: &str) {
    assert!(!v.id.is_empty(), "{file}: volume without id");
}

/// Decodes one v2/v3 sample by the resource its URL names; `false` when not covered.
fn decode(method: &str, url: &str, v: &Value, file: &str) -> bool {
    // `/v3/{project_id}/volumes/{volume_id}` -> `volumes/{volume_id}`
    let segs: Vec<&str> = url.trim_start_matches('/').split('/').collect();
    if segs.len() < 3 || !(segs[0] == "v2" || segs[0] == "v3") {
        return false;
    }
    let rest = segs[2..].join("/");
    let rest = rest.split('?').next().unwrap_or("");
    match (method, rest) {
        ("GET", "volumes/detail") => {
            let vs: Vec<volumes::Volume> = under(v, "volumes", file);
            vs.iter().for_each(|x| check_volume(x, file));
        }
        ("GET", "volumes") => {
            let _: Vec<volumes::VolumeSummary> = under(v, "volumes", file);
        }
        ("GET" | "PUT", "volumes/{volume_id}") | ("POST", "volumes") => {
            check_volume(&under(v, "volume", file), file);
        }
        (_, "volumes/{volume_id}/metadata") => map_under(v, "metadata", file),
        (_, "volumes/{volume_id}/metadata/{key}") => map_under(v, "meta", file),
        ("POST", "volumes/{volume_id}/action") => {
            if v.get("os-volume_upload_image").is_some() {
                let up: volumes::VolumeImage = under(v, "os-volume_upload_image", file);
                assert!(!up.image_id.is_empty(), "{file}");
            } else if v.get("metadata").is_some() {
                map_under(v, "metadata", file);
            } else {
                return false;
            }
        }
        ("GET", "snapshots/detail" | "snapshots") => {
            let ss: Vec<snapshots::Snapshot> = under(v, "snapshots", file);
            assert!(ss.iter().all(|s| !s.id.is_empty()), "{file}");
        }
        ("GET" | "PUT", "snapshots/{snapshot_id}") | ("POST", "snapshots") => {
            let s: snapshots::Snapshot = under(v, "snapshot", file);
            assert!(!s.id.is_empty(), "{file}");
        }
        (_, "snapshots/{snapshot_id}/metadata") => map_under(v, "metadata", file),
        (_, "snapshots/{snapshot_id}/metadata/{key}" | "snapshot/{snapshot_id}/metadata/{key}") => {
            map_under(v, "meta", file)
        }
        ("GET", "types") => {
            let ts: Vec<volumetypes::VolumeType> = under(v, "volume_types", file);
            assert!(ts.iter().all(|t| !t.id.is_empty()), "{file}");
        }
        ("GET" | "PUT", "types/{volume_type_id}" | "types/default") | ("POST", "types") => {
            let t: volumetypes::VolumeType = under(v, "volume_type", file);
            assert!(!t.name.is_empty(), "{file}");
        }
        (_, "types/{volume_type_id}/extra_specs") => map_under(v, "extra_specs", file),
        ("GET", "types/{volume_type}/os-volume-type-access") => {
            // Old samples show a single object instead of a list; list_access takes both.
            if v["volume_type_access"].is_object() {
                let a: volumetypes::TypeAccess = under(v, "volume_type_access", file);
                assert!(!a.project_id.is_empty(), "{file}");
            } else {
                let a: Vec<volumetypes::TypeAccess> = under(v, "volume_type_access", file);
                assert!(!a.is_empty(), "{file}");
            }
        }
        ("GET", "attachments" | "attachments/detail") => {
            let a: Vec<attachments::Attachment> = under(v, "attachments", file);
            assert!(a.iter().all(|x| !x.id.is_empty()), "{file}");
        }
        ("GET" | "PUT", "attachments/{attachment_id}") | ("POST", "attachments") => {
            let a: attachments::Attachment = under(v, "attachment", file);
            assert!(!a.volume_id.is_empty(), "{file}");
        }
        ("GET", "backups" | "backups/detail") => {
            let b: Vec<backups::Backup> = under(v, "backups", file);
            assert!(b.iter().all(|x| !x.id.is_empty()), "{file}");
        }
        ("GET" | "PUT", "backups/{backup_id}") | ("POST", "backups") => {
            let b: backups::Backup = under(v, "backup", file);
            assert!(!b.id.is_empty(), "{file}");
        }
        ("POST", "backups/{backup_id}/restore") => {
            let r: backups::Restore = under(v, "restore", file);
            assert!(!r.volume_id.is_empty(), "{file}");
        }
        (_, "os-quota-sets/{project_id}" | "os-quota-sets/{project_id}/defaults") => {
            if url.contains("usage") {
                let _: quotas::QuotaUsageSet = under(v, "quota_set", file);
            } else {
                let q: quotas::QuotaSet = under(v, "quota_set", file);
                if let Some(n) = v["quota_set"]["volumes"].as_i64() {
                    assert_eq!(q.volumes, n, "{file}");
                }
            }
        }
        ("GET", "limits") => {
            let l: limits::Limits = under(v, "limits", file);
            assert!(l.absolute.max_total_volumes != 0, "{file}");
        }
        ("GET", "os-availability-zone") => {
            let z: Vec<availability_zones::AvailabilityZone> =
                under(v, "availabilityZoneInfo", file);
            assert!(!z.is_empty(), "{file}");
        }
        ("GET", "os-services") => {
            let s: Vec<services::Service> = under(v, "services", file);
            assert!(s.iter().all(|x| !x.binary.is_empty()), "{file}");
        }
        _ => return false,
    }
    true
}

/// The microversion folders that INDEX.tsv does not list.
fn decode_by_name(rel: &str, v: &Value) -> bool {
    let name = rel.rsplit('/').next().unwrap_or("");
    let folder = rel.rsplit('/').nth(1).unwrap_or("");
    let family = if folder.starts_with("v3.") {
        rel.rsplit('/').nth(2).unwrap_or("")
    } else {
        folder
    };
    let (method, url) = match (family, name) {
        ("volumes", "volume-show-response.json") => ("GET", "/v3/p/volumes/{volume_id}"),
        ("volumes", "volume-create-response.json") => ("POST", "/v3/p/volumes"),
        ("volumes", "volume-update-response.json") => ("PUT", "/v3/p/volumes/{volume_id}"),
        ("volumes", "volumes-list-detailed-response.json") => ("GET", "/v3/p/volumes/detail"),
        ("snapshots", "snapshot-show-response.json") => ("GET", "/v3/p/snapshots/{snapshot_id}"),
        ("snapshots", "snapshot-create-response.json") => ("POST", "/v3/p/snapshots"),
        ("snapshots", "snapshot-update-response.json") => ("PUT", "/v3/p/snapshots/{snapshot_id}"),
        ("snapshots", "snapshots-list-detailed-response.json") => ("GET", "/v3/p/snapshots/detail"),
        ("backups", "backup-show-response.json") => ("GET", "/v3/p/backups/{backup_id}"),
        ("backups", "backup-create-response.json") => ("POST", "/v3/p/backups"),
        ("backups", "backup-update-response.json") => ("PUT", "/v3/p/backups/{backup_id}"),
        ("backups", "backups-list-detailed-response.json" | "backups-list-response.json") => {
            ("GET", "/v3/p/backups/detail")
        }
        _ => return false,
    };
    decode(method, url, v, rel)
}

/// The historical v1 samples, by file name.
fn decode_v1(rel: &str, v: &Value) -> bool {
    let name = rel.rsplit('/').next().unwrap_or("");
    match name {
        "volume-show-response.json" => {
            let x: v1::volumes::Volume = under(v, "volume", rel);
            assert!(x.name.is_some(), "{rel}");
        }
        "volumes-list-response.json" => {
            let x: Vec<v1::volumes::Volume> = under(v, "volumes", rel);
            assert!(x.iter().all(|x| x.size > 0), "{rel}");
        }
        "snapshot-show-response.json" | "snapshot-metadata-show-response.json"
            if v.get("snapshot").is_some() =>
        {
            let x: v1::snapshots::Snapshot = under(v, "snapshot", rel);
            assert!(!x.volume_id.is_empty(), "{rel}");
        }
        "snapshots-list-response.json" => {
            let x: Vec<v1::snapshots::Snapshot> = under(v, "snapshots", rel);
            assert!(!x.is_empty(), "{rel}");
        }
        "snapshot-metadata-update-response.json" => map_under(v, "metadata", rel),
        "volume-type-show-response.json" => {
            let x: v1::volumetypes::VolumeType = under(v, "volume_type", rel);
            assert!(!x.name.is_empty(), "{rel}");
        }
        "volume-types-list-response.json" => {
            let x: Vec<v1::volumetypes::VolumeType> = under(v, "volume_types", rel);
            assert!(!x.is_empty(), "{rel}");
        }
        "versions-list-response.json" => {
            let x: Vec<v1::apiversions::ApiVersion> = under(v, "versions", rel);
            assert!(!x.is_empty(), "{rel}");
        }
        "version-show-response.json" => {
            let x: v1::apiversions::ApiVersion = under(v, "version", rel);
            assert!(!x.id.is_empty(), "{rel}");
        }
        _ => return false,
    }
    true
}

#[test]
fn every_covered_sample_decodes() {
    let invalid = corpus::known_invalid();
    let rows = corpus::index("cinder");
    if rows.is_empty() {
        return; // no corpus: corpus::dir() printed SKIPPED
    }
    let mut decoded = BTreeSet::new();
    let mut skipped = BTreeSet::new();
    for row in rows
        .iter()
        .filter(|r| r.section == "response" && r.in_corpus && r.valid_json)
    {
        let rel = row.corpus_path("cinder");
        if invalid.contains(&rel) {
            continue;
        }
        let v = corpus::json(&rel);
        if decode(&row.method, &row.url, &v, &rel) {
            decoded.insert(rel);
        } else {
            skipped.insert(rel);
        }
    }
    for family in ["volumes", "snapshots", "backups"] {
        for rel in corpus::json_files(&format!("cinder/api-ref/source/v3/samples/{family}")) {
            if decoded.contains(&rel) || !rel.ends_with("-response.json") {
                continue;
            }
            let v = corpus::json(&rel);
            if decode_by_name(&rel, &v) {
                skipped.remove(&rel);
                decoded.insert(rel);
            }
        }
    }
    for rel in corpus::json_files("cinder/historical") {
        if !rel.ends_with("-response.json") {
            continue;
        }
        let v = corpus::json(&rel);
        if decode_v1(&rel, &v) {
            decoded.insert(rel);
        } else {
            skipped.insert(rel);
        }
    }
    skipped.retain(|s| !decoded.contains(s));
    println!(
        "conformance: {} samples decoded, {} skipped (uncovered)",
        decoded.len(),
        skipped.len()
    );
    assert!(
        decoded.len() >= 120,
        "only {} samples decoded",
        decoded.len()
    );
}
