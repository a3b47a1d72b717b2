//! Request-shape tests (no I/O): every builder's path, query and body, with bodies compared
//! to the official request samples.

mod common;

use std::collections::BTreeMap;

use common::{sample, v1_sample, without_nulls};
use openstack_blockstorage::{attachments, backups, quotas, snapshots, v1, volumes, volumetypes};
use serde_json::json;

fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

#[test]
fn volume_create_matches_sample() {
    let want = sample("volumes/volume-create-request.json");
    let opts = volumes::CreateOpts::new(10)
        .multiattach(false)
        .scheduler_hint(
            "same_host",
            want["OS-SCH-HNT:scheduler_hints"]["same_host"].clone(),
        );
    let mut opts = opts;
    // The sample sends an empty metadata object.
    opts = opts.metadata("k", "v");
    let r = volumes::create_request(&opts).expect("req");
    assert_eq!(r.method(), "POST");
    assert_eq!(r.path(), "volumes");
    let mut got = r.json_body().expect("json");
    assert_eq!(got["volume"]["metadata"], json!({"k": "v"}));
    got["volume"]["metadata"] = json!({});
    assert_eq!(got, without_nulls(want));
}

#[test]
fn volume_update_matches_sample() {
    let want = sample("volumes/volume-update-request.json");
    let opts = volumes::UpdateOpts::new()
        .name("vol-003")
        .description("This is yet, another volume.")
        .metadata("name", "metadata0");
    let r = volumes::update_request("v1", &opts).expect("req");
    assert_eq!(r.method(), "PUT");
    assert_eq!(r.path(), "volumes/v1");
    assert_eq!(r.json_body().expect("json"), want);
}

#[test]
fn volume_actions_match_samples() {
    let cases: Vec<(openstack_core::Request, &str)> = vec![
        (
            volumes::extend_request("v", 3).expect("extend"),
            "volume-extend-request.json",
        ),
        (
            volumes::retype_request(
                "v",
                "dedup-tier-replicaton",
                Some(volumes::MigrationPolicy::Never),
            )
            .expect("retype"),
            "volume-os-retype-request.json",
        ),
        (
            volumes::set_readonly_request("v", true).expect("ro"),
            "volume-readonly-update-request.json",
        ),
        (
            volumes::reset_status_request(
                "v",
                &volumes::ResetStatusOpts::new(volumes::Status::Available)
                    .attach_status("detached")
                    .migration_status("migrating"),
            )
            .expect("reset"),
            "volume-status-reset-request.json",
        ),
        (
            volumes::set_image_metadata_request(
                "v",
                &map(&[
                    ("image_id", "521752a6-acf6-4b2d-bc7a-119f9148cd8c"),
                    ("image_name", "image"),
                    ("kernel_id", "155d900f-4e14-4e4c-a73d-069cbf4541e6"),
                    ("ramdisk_id", "somedisk"),
                ]),
            )
            .expect("set image md"),
            "volume-image-metadata-set-request.json",
        ),
        (
            volumes::unset_image_metadata_request("v", "ramdisk_id").expect("unset"),
            "volume-image-metadata-unset-request.json",
        ),
        (
            volumes::show_image_metadata_request("v").expect("show"),
            "image-metadata-show-request.json",
        ),
        (
            volumes::upload_to_image_request(
                "v",
                &volumes::UploadImageOpts::new("test")
                    .force(false)
                    .disk_format("raw")
                    .container_format("bare")
                    .visibility("private")
                    .protected(false),
            )
            .expect("upload"),
            "volume_actions/volume-upload-to-image-request.json",
        ),
    ];
    for (req, file) in cases {
        assert_eq!(req.method(), "POST", "{file}");
        assert_eq!(req.path(), "volumes/v/action", "{file}");
        assert_eq!(req.json_body().expect("json"), sample(file), "{file}");
    }
    // The sample writes the flag as the string "True"; Cinder accepts a JSON boolean too.
    let r = volumes::set_bootable_request("v", true).expect("bootable");
    assert_eq!(
        r.json_body().expect("json"),
        json!({"os-set_bootable": {"bootable": true}})
    );
    let s = sample("volume-bootable-status-update-request.json");
    assert_eq!(s["os-set_bootable"]["bootable"], "True");
}

#[test]
fn volume_metadata_requests_match_samples() {
    let r = volumes::set_metadata_key_request("v", "name", "new_name").expect("req");
    assert_eq!(r.method(), "PUT");
    assert_eq!(r.path(), "volumes/v/metadata/name");
    assert_eq!(
        r.json_body().expect("json"),
        sample("volumes/volume-metadata-update-key-request.json")
    );
    let want = sample("volumes/volume-metadata-create-request.json");
    let items: BTreeMap<String, String> =
        serde_json::from_value(want["metadata"].clone()).expect("map");
    let r = volumes::update_metadata_request("v", &items).expect("req");
    assert_eq!(r.method(), "POST");
    assert_eq!(r.json_body().expect("json"), want);
    let want = sample("volumes/volume-metadata-update-request.json");
    let items: BTreeMap<String, String> =
        serde_json::from_value(want["metadata"].clone()).expect("map");
    let r = volumes::set_metadata_request("v", &items).expect("req");
    assert_eq!(r.method(), "PUT");
    assert_eq!(r.json_body().expect("json"), want);
    assert_eq!(
        volumes::delete_metadata_key_request("v", "k").method(),
        "DELETE"
    );
}

#[test]
fn snapshot_requests_match_samples() {
    let r = snapshots::create_request(
        &snapshots::CreateOpts::new("5aa119a8-d25b-45a7-8d1b-88e127885635")
            .name("snap-001")
            .description("Daily backup")
            .force(true)
            .metadata("key", "v3"),
    )
    .expect("req");
    assert_eq!(r.path(), "snapshots");
    assert_eq!(
        r.json_body().expect("json"),
        sample("snapshots/snapshot-create-request.json")
    );
    let want = sample("snapshots/snapshot-update-request.json");
    let mut u = snapshots::UpdateOpts::new();
    if let Some(n) = want["snapshot"]["name"].as_str() {
        u = u.name(n);
    }
    if let Some(d) = want["snapshot"]["description"].as_str() {
        u = u.description(d);
    }
    let r = snapshots::update_request("s", &u).expect("req");
    assert_eq!(r.path(), "snapshots/s");
    assert_eq!(r.json_body().expect("json"), want);
    let want = sample("snapshots/snapshot-metadata-create-request.json");
    let items: BTreeMap<String, String> =
        serde_json::from_value(want["metadata"].clone()).expect("map");
    assert_eq!(
        snapshots::update_metadata_request("s", &items)
            .expect("req")
            .json_body()
            .expect("json"),
        want
    );
    let want = sample("snapshots/snapshot-metadata-update-key-request.json");
    let (k, v) = want["meta"]
        .as_object()
        .and_then(|m| m.iter().next())
        .map(|(k, v)| (k.clone(), v.as_str().expect("str").to_owned()))
        .expect("one item");
    let r = snapshots::set_metadata_key_request("s", &k, &v).expect("req");
    assert_eq!(r.path(), format!("snapshots/s/metadata/{k}"));
    assert_eq!(r.json_body().expect("json"), want);
    let r = snapshots::list_request(
        &snapshots::ListOpts::new()
            .volume_id("v")
            .status(snapshots::Status::Available)
            .limit(2),
    )
    .expect("req");
    assert_eq!(r.path(), "snapshots/detail");
    assert_eq!(
        r.query_string(),
        Some("status=available&volume_id=v&limit=2")
    );
}

#[test]
fn volume_type_requests_match_samples() {
    let r = volumetypes::create_request(
        &volumetypes::CreateOpts::new("vol-type-001")
            .description("volume type 0001")
            .is_public(true)
            .extra_spec("capabilities", "gpu"),
    )
    .expect("req");
    assert_eq!(r.path(), "types");
    assert_eq!(
        r.json_body().expect("json"),
        sample("volume_type/volume-type-create-request.json")
    );
    let r = volumetypes::update_request(
        "t",
        &volumetypes::UpdateOpts::new()
            .name("vol-type-001")
            .description("volume type 0001")
            .is_public(true),
    )
    .expect("req");
    assert_eq!(r.method(), "PUT");
    assert_eq!(
        r.json_body().expect("json"),
        sample("volume_type/volume-type-update-request.json")
    );
    let r = volumetypes::add_access_request("t", "6f70656e737461636b20342065766572").expect("req");
    assert_eq!(r.path(), "types/t/action");
    assert_eq!(
        r.json_body().expect("json"),
        sample("volume_type/volume-type-access-add-request.json")
    );
    let r =
        volumetypes::remove_access_request("t", "f270b245cb11498ca4031deb7e141cfa").expect("req");
    assert_eq!(
        r.json_body().expect("json"),
        sample("volume-type-access-delete-request.json")
    );
    let want = sample("volume_type/volume-type-extra-specs-create-update-request.json");
    let specs: BTreeMap<String, String> =
        serde_json::from_value(want["extra_specs"].clone()).expect("map");
    let r = volumetypes::create_extra_specs_request("t", &specs).expect("req");
    assert_eq!(r.path(), "types/t/extra_specs");
    assert_eq!(r.json_body().expect("json"), want);
    let want = sample("volume_type/volume-type-specific-extra-specs-update-request.json");
    let (k, v) = want
        .as_object()
        .and_then(|m| m.iter().next())
        .map(|(k, v)| (k.clone(), v.as_str().expect("str").to_owned()))
        .expect("one spec");
    let r = volumetypes::update_extra_spec_request("t", &k, &v).expect("req");
    assert_eq!(r.path(), format!("types/t/extra_specs/{k}"));
    assert_eq!(r.json_body().expect("json"), want);
    // Cinder reads a null description as "unchanged"; clearing sends "".
    let r = volumetypes::update_request("t", &volumetypes::UpdateOpts::new().clear_description())
        .expect("req");
    assert_eq!(
        r.json_body().expect("json"),
        json!({"volume_type": {"description": ""}})
    );
    assert_eq!(
        volumetypes::list_access_request("t").path(),
        "types/t/os-volume-type-access"
    );
    let r = volumetypes::list_request(&volumetypes::ListOpts::new().is_public(None)).expect("r");
    assert_eq!(r.query_string(), Some("is_public=None"));
}

#[test]
fn attachment_requests_match_samples() {
    let want = sample("attachment-create-request.json");
    let connector = want["attachment"]["connector"]
        .as_object()
        .expect("connector")
        .clone();
    let r = attachments::create_request(
        &attachments::CreateOpts::new("462dcc2d-130d-4654-8db1-da0df2da6a0d")
            .instance_uuid("462dcc2d-130d-4654-8db1-da0df2da6a0d")
            .connector(connector.clone()),
    )
    .expect("req");
    assert_eq!(r.path(), "attachments");
    assert_eq!(r.json_body().expect("json"), want);
    let r = attachments::update_request("a", &connector).expect("req");
    assert_eq!(r.method(), "PUT");
    assert_eq!(r.path(), "attachments/a");
    assert_eq!(
        r.json_body().expect("json"),
        sample("attachment-update-request.json")
    );
    let r = attachments::complete_request("a").expect("req");
    assert_eq!(r.path(), "attachments/a/action");
    assert_eq!(
        r.json_body().expect("json"),
        sample("attachment-complete.json")
    );
}

#[test]
fn backup_requests_match_samples() {
    let r = backups::create_request(
        &backups::CreateOpts::new("0aa67a0c-7339-4be6-b5d5-2afe21ca270c")
            .name("backup001")
            .description("Test backup")
            .incremental(false)
            .force(false),
    )
    .expect("req");
    assert_eq!(r.path(), "backups");
    assert_eq!(
        r.json_body().expect("json"),
        without_nulls(sample("backups/backup-create-request.json"))
    );
    let r = backups::restore_request(
        "b",
        &backups::RestoreOpts::new()
            .name("vol-01")
            .volume_id("64f5d2fb-d836-4063-b7e2-544d5c1ff607"),
    )
    .expect("req");
    assert_eq!(r.path(), "backups/b/restore");
    assert_eq!(
        r.json_body().expect("json"),
        sample("backup-restore-request.json")
    );
}

#[test]
fn quota_requests_match_samples() {
    let r = quotas::update_request(
        "p",
        &quotas::UpdateOpts::new().groups(11).volumes(5).backups(4),
    )
    .expect("req");
    assert_eq!(r.method(), "PUT");
    assert_eq!(r.path(), "os-quota-sets/p");
    assert_eq!(
        r.json_body().expect("json"),
        sample("quota_sets/quotas-update-request.json")
    );
    assert_eq!(
        quotas::get_usage_request("p").query_string(),
        Some("usage=True")
    );
    assert_eq!(
        quotas::get_defaults_request("p").path(),
        "os-quota-sets/p/defaults"
    );
}

#[test]
fn v1_requests_match_samples() {
    let want = v1_sample("volume-create-request.json");
    let r = v1::volumes::create_request(
        &v1::volumes::CreateOpts::new(30)
            .name("vol-001")
            .description("Another volume.")
            .volume_type("289da7f8-6440-407c-9fb4-7db01ec49164")
            .metadata("contents", "junk")
            .availability_zone("us-east1")
            .scheduler_hint(
                "same_host",
                want["OS-SCH-HNT:scheduler_hints"]["same_host"].clone(),
            ),
    )
    .expect("req");
    assert_eq!(r.path(), "volumes");
    assert_eq!(r.json_body().expect("json"), want);
    let r = v1::snapshots::create_request(
        &v1::snapshots::CreateOpts::new("521752a6-acf6-4b2d-bc7a-119f9148cd8c")
            .name("snap-001")
            .description("Daily backup")
            .force(true),
    )
    .expect("req");
    assert_eq!(
        r.json_body().expect("json"),
        v1_sample("snapshot-create-request.json")
    );
    let r = v1::volumetypes::create_request(
        &v1::volumetypes::CreateOpts::new("vol-type-001").extra_spec("capabilities", "gpu"),
    )
    .expect("req");
    assert_eq!(
        r.json_body().expect("json"),
        v1_sample("volume-type-create-request.json")
    );
    let want = v1_sample("snapshot-metadata-update-request.json");
    let items: BTreeMap<String, String> =
        serde_json::from_value(want["metadata"].clone()).expect("map");
    let r = v1::snapshots::update_metadata_request("s", &items).expect("req");
    assert_eq!(r.method(), "PUT");
    assert_eq!(r.path(), "snapshots/s/metadata");
    assert_eq!(r.json_body().expect("json"), want);
}
