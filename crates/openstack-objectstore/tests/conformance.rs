//! Every official Swift response sample for a resource this crate models decodes into its
//! model.

use openstack_objectstore::containers::Container;
use openstack_objectstore::info::Capabilities;
use openstack_objectstore::objects::ListEntry;
use openstack_test_support::corpus;

fn decode(rel: &str, url: &str) -> Option<Result<(), String>> {
    let bytes = corpus::read(rel);
    let what = rel.to_owned();
    let r = match url {
        "/v1/{account}" => openstack_core::decode_json::<Vec<Container>>(&bytes, &what).map(|_| ()),
        "/v1/{account}/{container}" => {
            openstack_core::decode_json::<Vec<ListEntry>>(&bytes, &what).map(|_| ())
        }
        "/info" => openstack_core::decode_json::<Capabilities>(&bytes, &what).map(|_| ()),
        _ => return None,
    };
    Some(r.map_err(|e| e.to_string()))
}

#[test]
fn official_samples_decode() {
    let rows = corpus::index("swift");
    if rows.is_empty() {
        return; // corpus missing (reported by the helper)
    }
    let invalid = corpus::known_invalid();
    let (mut decoded, mut skipped) = (0usize, 0usize);
    let mut failures = Vec::new();
    for row in &rows {
        // The API reference leaves the section empty for the account listing sample; a
        // `*-response.json` file is a response all the same.
        let is_response = row.section == "response"
            || (row.section.is_empty() && row.sample_path.ends_with("-response.json"));
        if !is_response || !row.valid_json || !row.in_corpus {
            continue;
        }
        let rel = row.corpus_path("swift");
        if invalid.contains(&rel) {
            skipped += 1;
            continue;
        }
        match decode(&rel, &row.url) {
            Some(Ok(())) => decoded += 1,
            Some(Err(e)) => failures.push(format!("{rel}: {e}")),
            None => skipped += 1,
        }
    }
    println!("conformance: {decoded} samples decoded, {skipped} skipped (uncovered)");
    assert!(
        failures.is_empty(),
        "samples that do not decode:\n{}",
        failures.join("\n")
    );
    // Account listing, container listing and /info.
    assert!(decoded >= 3, "only {decoded} samples decoded");
}

#[test]
fn listing_samples_have_expected_content() {
    if corpus::dir().is_none() {
        return;
    }
    let v: Vec<ListEntry> = serde_json::from_value(corpus::json(
        "swift/api-ref/source/samples/objects-list-response.json",
    ))
    .expect("objects");
    assert_eq!(v.len(), 2);
    assert!(v
        .iter()
        .all(|e| e.as_object().is_some_and(|o| o.hash.len() == 32)));
    let c: Vec<Container> = serde_json::from_value(corpus::json(
        "swift/api-ref/source/samples/account-containers-list-response.json",
    ))
    .expect("containers");
    assert_eq!(c[0].name, "janeausten");
}
