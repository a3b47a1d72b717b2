//! Conformance: every official Glance response sample for a resource this crate models
//! decodes into its model (images, members, import info, stores, schemas).

use std::collections::BTreeSet;

use openstack_image::{images, imports, members, schemas};
use openstack_test_support::corpus;
use serde::de::DeserializeOwned;
use serde_json::Value;

fn dec<T: DeserializeOwned>(v: &Value, file: &str) -> T {
    let bytes = serde_json::to_vec(v).expect("re-encode");
    openstack_core::decode_json(&bytes, file).unwrap_or_else(|e| panic!("{file}: {e:?}"))
}

fn check_image(i: &images::Image, file: &str) {
    assert!(!i.id.is_empty(), "{file}: image without id");
    assert!(
        !matches!(i.status, images::Status::Unknown(_)),
        "{file}: unknown status {:?}",
        i.status
    );
}

fn decode(method: &str, url: &str, v: &Value, file: &str) -> bool {
    match (method, url) {
        ("GET", "/v2/images") => {
            let list: Vec<images::Image> = dec(&v["images"], file);
            assert!(!list.is_empty(), "{file}");
            list.iter().for_each(|i| check_image(i, file));
        }
        ("POST", "/v2/images") | ("GET" | "PATCH", "/v2/images/{image_id}") => {
            check_image(&dec(v, file), file);
        }
        ("POST", "/v2/images/{image_id}/members")
        | ("GET" | "PUT", "/v2/images/{image_id}/members/{member_id}") => {
            let m: members::Member = dec(v, file);
            assert!(
                !m.member_id.is_empty() || v.get("member_id").is_none(),
                "{file}"
            );
        }
        ("GET", "/v2/images/{image_id}/members") => {
            let m: Vec<members::Member> = dec(&v["members"], file);
            assert!(!m.is_empty(), "{file}");
        }
        ("GET", "/v2/info/import") => {
            let i: imports::ImportInfo = dec(v, file);
            assert!(!i.import_methods.value.is_empty(), "{file}");
        }
        ("GET", "/v2/info/stores" | "/v2/info/stores/detail") => {
            let s: Vec<imports::Store> = dec(&v["stores"], file);
            assert!(s.iter().all(|s| !s.id.is_empty()), "{file}");
        }
        (
            "GET",
            "/v2/schemas/image"
            | "/v2/schemas/images"
            | "/v2/schemas/member"
            | "/v2/schemas/members",
        ) => {
            let s: schemas::Schema = dec(v, file);
            assert!(!s.name.is_empty(), "{file}");
        }
        _ => return false,
    }
    true
}

#[test]
fn every_covered_sample_decodes() {
    let invalid = corpus::known_invalid();
    let rows = corpus::index("glance");
    if rows.is_empty() {
        return; // no corpus: corpus::dir() printed SKIPPED
    }
    let mut decoded = BTreeSet::new();
    let mut skipped = BTreeSet::new();
    for row in rows
        .iter()
        .filter(|r| r.section == "response" && r.in_corpus && r.valid_json)
    {
        let rel = row.corpus_path("glance");
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
    // Samples that INDEX.tsv does not list (a deactivated image).
    for rel in corpus::json_files("glance/api-ref/source/v2/samples") {
        if rel.ends_with("image-details-deactivate-response.json") {
            let v = corpus::json(&rel);
            let i: images::Image = dec(&v, &rel);
            assert_eq!(i.status, images::Status::Deactivated, "{rel}");
            decoded.insert(rel);
        }
    }
    skipped.retain(|s| !decoded.contains(s));
    println!(
        "conformance: {} samples decoded, {} skipped (uncovered)",
        decoded.len(),
        skipped.len()
    );
    assert!(
        decoded.len() >= 14,
        "only {} samples decoded",
        decoded.len()
    );
}
