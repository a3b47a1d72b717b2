//! Request-shape tests (no I/O): paths, queries and bodies, compared with the official
//! request samples of the Nova API reference where one exists.

#![allow(clippy::unwrap_used)]

use openstack_compute::servers::{
    self, BlockDevice, CreateOpts, ListOpts, Network, Networks, Personality, Status, UpdateOpts,
};
use openstack_compute::*;
use openstack_core::http::Method;
use openstack_core::Request;
use openstack_test_support::corpus;
use serde_json::{json, Value};

const IMAGE: &str = "70a599e0-31e7-49b7-b260-868f441e862b";
const SERVER: &str = "srv-1";
/// The personality contents of the samples: already base64 (with spaces, as Nova's samples
/// have them), so they go through `Personality::encoded`.
const BANNER: &str = "ICAgICAgDQoiQSBjbG91ZCBkb2VzIG5vdCBrbm93IHdoeSBp dCBtb3ZlcyBpbiBqdXN0IHN1Y2ggYSBkaXJlY3Rpb24gYW5k IGF0IHN1Y2ggYSBzcGVlZC4uLkl0IGZlZWxzIGFuIGltcHVs c2lvbi4uLnRoaXMgaXMgdGhlIHBsYWNlIHRvIGdvIG5vdy4g QnV0IHRoZSBza3kga25vd3MgdGhlIHJlYXNvbnMgYW5kIHRo ZSBwYXR0ZXJucyBiZWhpbmQgYWxsIGNsb3VkcywgYW5kIHlv dSB3aWxsIGtub3csIHRvbywgd2hlbiB5b3UgbGlmdCB5b3Vy c2VsZiBoaWdoIGVub3VnaCB0byBzZWUgYmV5b25kIGhvcml6 b25zLiINCg0KLVJpY2hhcmQgQmFjaA==";
/// The raw user data whose base64 form is in the samples.
const USER_DATA: &str = "#!/bin/bash\n/bin/su\necho \"I am in you!\"\n";

fn sample(rel: &str) -> Option<Value> {
    corpus::dir()?;
    Some(corpus::json(&format!("nova/doc/api_samples/{rel}")))
}

fn body(r: &Request) -> Value {
    r.json_body().expect("a JSON body")
}

/// Compares a built body with a sample (skips when the corpus is missing).
fn assert_sample(r: &Request, rel: &str) {
    if let Some(expected) = sample(rel) {
        assert_eq!(body(r), expected, "body differs from {rel}");
    }
}

/// Nova accepts the scheduler hints as `os:scheduler_hints` or `OS-SCH-HNT:scheduler_hints`;
/// the samples use the latter, we send the former. Rename before comparing.
fn hints_renamed(mut v: Value) -> Value {
    if let Some(h) = v
        .as_object_mut()
        .and_then(|o| o.remove("OS-SCH-HNT:scheduler_hints"))
    {
        v["os:scheduler_hints"] = h;
    }
    v
}

fn base_create() -> CreateOpts {
    CreateOpts::new("new-server-test", "1")
        .access_ipv4("1.2.3.4")
        .access_ipv6("80fe::")
        .image_ref(IMAGE)
        .disk_config(DiskConfig::Auto)
        .metadata("My Server Name", "Apache1")
}

#[test]
fn server_create_matches_samples() {
    let opts = base_create()
        .availability_zone("us-west")
        .personality(Personality::encoded("/etc/banner.txt", BANNER))
        .security_group("default")
        .user_data(USER_DATA)
        .scheduler_hint("same_host", "48e6a9f6-30af-47e0-bc04-acaed113bb4e");
    let r = servers::create_request(&opts).unwrap();
    assert_eq!(r.method(), Method::POST);
    assert_eq!(r.path(), "servers");
    if let Some(s) = sample("servers/server-create-req.json") {
        assert_eq!(body(&r), hints_renamed(s));
    }

    // 2.57: networks "auto", flavor as a URL, no personality.
    let opts = CreateOpts::new("new-server-test", "http://openstack.example.com/flavors/1")
        .access_ipv4("1.2.3.4")
        .access_ipv6("80fe::")
        .image_ref(IMAGE)
        .availability_zone("us-west")
        .disk_config(DiskConfig::Auto)
        .metadata("My Server Name", "Apache1")
        .security_group("default")
        .user_data(USER_DATA)
        .networks(Networks::Auto);
    assert_sample(
        &servers::create_request(&opts).unwrap(),
        "servers/v2.57/server-create-req.json",
    );

    // 2.100: hostname and hints.
    let opts = base_create()
        .availability_zone("us-west")
        .security_group("default")
        .user_data(USER_DATA)
        .networks(Networks::Auto)
        .hostname("new-server-test")
        .scheduler_hint("same_host", "48e6a9f6-30af-47e0-bc04-acaed113bb4e");
    if let Some(s) = sample("servers/v2.100/server-create-req.json") {
        assert_eq!(
            body(&servers::create_request(&opts).unwrap()),
            hints_renamed(s)
        );
    }

    // 2.71: a server group hint.
    let opts = base_create()
        .security_group("default")
        .user_data(USER_DATA)
        .networks(Networks::Auto)
        .scheduler_hint("group", "f3d86fe6-4246-4be8-b87c-eb894626c741");
    if let Some(s) = sample("servers/v2.71/server-create-req.json") {
        assert_eq!(
            body(&servers::create_request(&opts).unwrap()),
            hints_renamed(s)
        );
    }

    // 2.19: description.
    let opts = CreateOpts::new("new-server-test", "http://openstack.example.com/flavors/1")
        .access_ipv4("1.2.3.4")
        .access_ipv6("80fe::")
        .description("new-server-description")
        .image_ref(IMAGE)
        .metadata("My Server Name", "Apache1");
    assert_sample(
        &servers::create_request(&opts).unwrap(),
        "servers/v2.19/server-create-req.json",
    );

    // 2.37: auto networking only.
    let opts = CreateOpts::new(
        "auto-allocate-network",
        "http://openstack.example.com/flavors/1",
    )
    .image_ref(IMAGE)
    .networks(Networks::Auto);
    assert_sample(
        &servers::create_request(&opts).unwrap(),
        "servers/v2.37/server-create-req.json",
    );
}

#[test]
fn boot_from_volume_with_tags_and_volume_type() {
    let opts = CreateOpts::new(
        "bfv-server-with-volume-type",
        "http://openstack.example.com/flavors/1",
    )
    .networks(Networks::List(vec![Network::uuid(
        "3cb9bc59-5699-4588-a4b1-b87f96708bc6",
    )
    .tag("nic1")]))
    .block_device(
        BlockDevice::new("image")
            .uuid(IMAGE)
            .destination_type("volume")
            .boot_index(0)
            .volume_size(1)
            .tag("disk1")
            .volume_type("lvm-1"),
    );
    let got = body(&servers::create_request(&opts).unwrap());
    if let Some(mut expected) = sample("servers/v2.67/server-create-req.json") {
        // The sample sends the size as the string "1"; Nova's schema takes an integer or a
        // numeric string, and we send the integer.
        expected["server"]["block_device_mapping_v2"][0]["volume_size"] = json!(1);
        assert_eq!(got, expected);
    }
    assert!(
        got["server"].get("imageRef").is_none(),
        "no imageRef when booting from volume"
    );
}

#[test]
fn networks_serialize_as_auto_none_or_list() {
    let r = servers::create_request(&CreateOpts::new("a", "1").networks(Networks::None)).unwrap();
    assert_eq!(body(&r)["server"]["networks"], json!("none"));
    let r = servers::create_request(&CreateOpts::new("a", "1").networks(Networks::List(vec![
        Network::port("p1"),
        Network::uuid("n1").fixed_ip("10.0.0.5"),
    ])))
    .unwrap();
    assert_eq!(
        body(&r)["server"]["networks"],
        json!([{"port": "p1"}, {"uuid": "n1", "fixed_ip": "10.0.0.5"}])
    );
    // Counts, tags, key, config drive, admin pass.
    let r = servers::create_request(
        &CreateOpts::new("a", "1")
            .min_count(2)
            .max_count(3)
            .tag("web")
            .key_name("k")
            .config_drive(true)
            .admin_pass("pw"),
    )
    .unwrap();
    assert_eq!(
        body(&r),
        json!({"server": {"name": "a", "flavorRef": "1", "min_count": 2, "max_count": 3,
            "tags": ["web"], "key_name": "k", "config_drive": true, "adminPass": "pw"}})
    );
}

#[test]
fn server_update_matches_samples_and_is_tri_state() {
    let u = UpdateOpts::new()
        .access_ipv4("1.2.3.4")
        .access_ipv6("80fe::")
        .disk_config(DiskConfig::Auto)
        .name("new-server-test")
        .description("Sample description");
    let r = servers::update_request("abc", &u).unwrap();
    assert_eq!(r.method(), Method::PUT);
    assert_eq!(r.path(), "servers/abc");
    assert_sample(&r, "servers/v2.47/server-update-req.json");

    let u = UpdateOpts::new()
        .access_ipv4("4.3.2.1")
        .access_ipv6("80fe::")
        .disk_config(DiskConfig::Auto)
        .hostname("new-server-hostname.example.com");
    assert_sample(
        &servers::update_request("abc", &u).unwrap(),
        "servers/v2.100/server-update-req.json",
    );

    let u = UpdateOpts::new()
        .access_ipv4("1.2.3.4")
        .access_ipv6("80fe::")
        .disk_config(DiskConfig::Auto)
        .hostname("new-server-hostname.example.com")
        .unpin_availability_zone();
    assert_sample(
        &servers::update_request("abc", &u).unwrap(),
        "servers/v2.104/server-update-req.json",
    );

    let r = servers::update_request("abc", &UpdateOpts::new().clear_description()).unwrap();
    assert_eq!(body(&r), json!({"server": {"description": null}}));
    let r = servers::update_request("abc", &UpdateOpts::new()).unwrap();
    assert_eq!(body(&r), json!({"server": {}}));
}

#[test]
fn list_queries() {
    let t = time::macros::datetime!(2024-01-02 03:04:05 UTC);
    let r = servers::list_request(
        &ListOpts::new()
            .name("web")
            .status(Status::Active)
            .image("img")
            .flavor("1")
            .changes_since(t)
            .tags(["a", "b"])
            .tags_any(["c"])
            .not_tags(["d", "e"])
            .all_tenants(true)
            .host("h1")
            .ip("10.0.")
            .limit(10)
            .marker("m")
            .sort_key("created_at")
            .sort_dir("desc")
            .sort_key("display_name")
            .sort_dir("asc"),
    )
    .unwrap();
    assert_eq!(r.path(), "servers/detail");
    assert_eq!(
        r.query_string(),
        Some(
            "name=web&status=ACTIVE&image=img&flavor=1&changes-since=2024-01-02T03%3A04%3A05Z\
             &tags=a%2Cb&tags-any=c&not-tags=d%2Ce&all_tenants=true&host=h1&ip=10.0.\
             &limit=10&marker=m&sort_key=created_at&sort_key=display_name&sort_dir=desc&sort_dir=asc"
        )
    );
    let r = servers::list_summary_request(&ListOpts::new()).unwrap();
    assert_eq!(r.path(), "servers");
    assert_eq!(r.query_string(), None);
    // Ids are encoded into paths.
    assert_eq!(servers::get_request("a/b c").path(), "servers/a%2Fb%20c");
    assert_eq!(servers::delete_request("x").method(), Method::DELETE);
    assert_eq!(
        body(&servers::force_delete_request("x").unwrap()),
        json!({"forceDelete": null})
    );
}

#[test]
fn actions_match_samples() {
    use actions::*;
    let check = |r: Request, rel: &str| {
        assert_eq!(r.method(), Method::POST);
        assert_eq!(r.path(), format!("servers/{SERVER}/action"));
        assert_sample(&r, rel);
    };
    check(
        reboot_request(SERVER, RebootType::Hard).unwrap(),
        "servers/server-action-reboot.json",
    );
    check(
        start_request(SERVER).unwrap(),
        "servers/server-action-start.json",
    );
    check(
        stop_request(SERVER).unwrap(),
        "servers/server-action-stop.json",
    );
    check(
        confirm_resize_request(SERVER).unwrap(),
        "servers/server-action-confirm-resize.json",
    );
    check(
        revert_resize_request(SERVER).unwrap(),
        "servers/server-action-revert-resize.json",
    );
    check(
        resize_request(SERVER, &ResizeOpts::new("2").disk_config(DiskConfig::Auto)).unwrap(),
        "servers/server-action-resize.json",
    );
    check(
        create_image_request(
            SERVER,
            &CreateImageOpts::new("foo-image").metadata("meta_var", "meta_val"),
        )
        .unwrap(),
        "servers/server-action-create-image.json",
    );
    check(
        pause_request(SERVER).unwrap(),
        "os-pause-server/pause-server.json",
    );
    check(
        unpause_request(SERVER).unwrap(),
        "os-pause-server/unpause-server.json",
    );
    check(
        suspend_request(SERVER).unwrap(),
        "os-suspend-server/server-suspend.json",
    );
    check(
        resume_request(SERVER).unwrap(),
        "os-suspend-server/server-resume.json",
    );
    check(
        lock_request(SERVER, None).unwrap(),
        "os-lock-server/lock-server.json",
    );
    check(
        lock_request(SERVER, Some("I don't want to work")).unwrap(),
        "os-lock-server/v2.73/lock-server-with-reason.json",
    );
    check(
        unlock_request(SERVER).unwrap(),
        "os-lock-server/unlock-server.json",
    );
    check(
        rescue_request(SERVER, &RescueOpts::new().admin_pass("MySecretPass")).unwrap(),
        "os-rescue/server-rescue-req.json",
    );
    check(
        rescue_request(
            SERVER,
            &RescueOpts::new()
                .admin_pass("MySecretPass")
                .rescue_image_ref(IMAGE),
        )
        .unwrap(),
        "os-rescue/server-rescue-req-with-image-ref.json",
    );
    check(
        unrescue_request(SERVER).unwrap(),
        "os-rescue/server-unrescue-req.json",
    );
    check(shelve_request(SERVER).unwrap(), "os-shelve/os-shelve.json");
    check(
        shelve_offload_request(SERVER).unwrap(),
        "os-shelve/os-shelve-offload.json",
    );
    check(
        unshelve_request(SERVER, &UnshelveOpts::new()).unwrap(),
        "os-shelve/os-unshelve.json",
    );
    check(
        unshelve_request(SERVER, &UnshelveOpts::new().availability_zone("us-west")).unwrap(),
        "os-shelve/v2.77/os-unshelve-az.json",
    );
    check(
        unshelve_request(
            SERVER,
            &UnshelveOpts::new().availability_zone("nova").host("host01"),
        )
        .unwrap(),
        "os-shelve/v2.91/os-unshelve-az-host.json",
    );
    check(
        unshelve_request(SERVER, &UnshelveOpts::new().unpin_availability_zone()).unwrap(),
        "os-shelve/v2.91/os-unshelve-unpin-az.json",
    );
    check(
        migrate_request(SERVER, None).unwrap(),
        "os-migrate-server/migrate-server.json",
    );
    check(
        migrate_request(SERVER, Some("host1")).unwrap(),
        "os-migrate-server/v2.56/migrate-server.json",
    );
    let host = "01c0cadef72d47e28a672a76060d492c";
    check(
        live_migrate_request(
            SERVER,
            &LiveMigrateOpts::new(BlockMigration::No)
                .host(host)
                .disk_over_commit(false),
        )
        .unwrap(),
        "os-migrate-server/live-migrate-server.json",
    );
    check(
        live_migrate_request(
            SERVER,
            &LiveMigrateOpts::new(BlockMigration::Auto).host(host),
        )
        .unwrap(),
        "os-migrate-server/v2.68/live-migrate-server.json",
    );
    check(
        live_migrate_request(
            SERVER,
            &LiveMigrateOpts::new(BlockMigration::Auto)
                .host(host)
                .force(false),
        )
        .unwrap(),
        "os-migrate-server/v2.30/live-migrate-server.json",
    );
    check(
        change_password_request(SERVER, "foo").unwrap(),
        "os-admin-password/admin-password-change-password.json",
    );
    check(
        consoles::console_output_request(SERVER, Some(50)).unwrap(),
        "os-console-output/console-output-post-req.json",
    );
}

#[test]
fn rebuild_matches_samples() {
    use actions::RebuildOpts;
    let base = || {
        RebuildOpts::new(IMAGE)
            .access_ipv4("1.2.3.4")
            .access_ipv6("80fe::")
            .name("foobar")
            .admin_pass("seekr3t")
            .metadata("meta_var", "meta_val")
    };
    assert_sample(
        &actions::rebuild_request(
            SERVER,
            &base()
                .disk_config(DiskConfig::Auto)
                .personality(Personality::encoded("/etc/banner.txt", BANNER)),
        )
        .unwrap(),
        "servers/server-action-rebuild.json",
    );
    assert_sample(
        &actions::rebuild_request(SERVER, &base().description("description of foobar")).unwrap(),
        "servers/v2.19/server-action-rebuild.json",
    );
    assert_sample(
        &actions::rebuild_request(
            SERVER,
            &base()
                .key_name("new-key")
                .description("description of foobar")
                .user_data("echo \"hello world\""),
        )
        .unwrap(),
        "servers/v2.57/server-action-rebuild.json",
    );
    assert_sample(
        &actions::rebuild_request(
            SERVER,
            &base()
                .disk_config(DiskConfig::Auto)
                .key_name("new-key")
                .description("description of foobar")
                .user_data("echo \"hello world\"")
                .trusted_image_certificates([
                    "0b5d2c72-12cc-4ba6-a8d7-3ff5cc1d8cb8",
                    "674736e3-f25c-405c-8362-bbf991e0ce0a",
                ]),
        )
        .unwrap(),
        "servers/v2.63/server-action-rebuild.json",
    );
    assert_sample(
        &actions::rebuild_request(
            SERVER,
            &base()
                .disk_config(DiskConfig::Auto)
                .user_data("echo \"hello world\"")
                .hostname("updated-hostname.example.com"),
        )
        .unwrap(),
        "servers/v2.100/server-action-rebuild.json",
    );
    // Tri-state: clearing sends null.
    let r = actions::rebuild_request(
        SERVER,
        &RebuildOpts::new(IMAGE)
            .clear_key_name()
            .clear_user_data()
            .clear_description(),
    )
    .unwrap();
    assert_eq!(
        body(&r),
        json!({"rebuild": {"imageRef": IMAGE, "key_name": null, "user_data": null, "description": null}})
    );
}

#[test]
fn create_image_id_from_location_or_body() {
    let id = actions::image_id_from_response(
        false,
        Some("http://glance/v2/images/0e7761dd-ee98-41f0-ba35-05994e446431"),
        b"",
    )
    .unwrap();
    assert_eq!(id, "0e7761dd-ee98-41f0-ba35-05994e446431");
    let body = br#"{"image_id": "abc"}"#;
    assert_eq!(
        actions::image_id_from_response(true, None, body).unwrap(),
        "abc"
    );
    // Prefers the documented source for the microversion.
    assert_eq!(
        actions::image_id_from_response(true, Some("http://x/images/loc"), body).unwrap(),
        "abc"
    );
    assert_eq!(
        actions::image_id_from_response(false, Some("http://x/images/loc"), body).unwrap(),
        "loc"
    );
    assert!(actions::image_id_from_response(true, None, b"").is_err());
}

#[test]
fn sub_resources_match_samples() {
    use std::collections::BTreeMap;
    let meta: BTreeMap<String, String> = [("foo".to_owned(), "Foo Value".to_owned())].into();
    let r = metadata::set_request(SERVER, &meta).unwrap();
    assert_eq!(
        (r.method(), r.path()),
        (&Method::PUT, "servers/srv-1/metadata")
    );
    assert_sample(&r, "server-metadata/server-metadata-all-req.json");
    let r = metadata::update_request(SERVER, &meta).unwrap();
    assert_eq!(r.method(), Method::POST);
    let r = metadata::set_item_request(SERVER, "foo", "Bar Value").unwrap();
    assert_eq!(r.path(), "servers/srv-1/metadata/foo");
    assert_sample(&r, "server-metadata/server-metadata-req.json");
    assert_eq!(
        metadata::delete_item_request(SERVER, "a b").path(),
        "servers/srv-1/metadata/a%20b"
    );

    assert_eq!(addresses::list_request(SERVER).path(), "servers/srv-1/ips");
    assert_eq!(
        addresses::list_by_network_request(SERVER, "private").path(),
        "servers/srv-1/ips/private"
    );

    let r = interfaces::attach_request(
        SERVER,
        &interfaces::AttachOpts::port("ce531f90-199f-48c0-816c-13e38010b442"),
    )
    .unwrap();
    assert_eq!(r.path(), "servers/srv-1/os-interface");
    assert_sample(&r, "os-attach-interfaces/attach-interfaces-create-req.json");
    assert_sample(
        &interfaces::attach_request(
            SERVER,
            &interfaces::AttachOpts::network("3cb9bc59-5699-4588-a4b1-b87f96708bc6")
                .fixed_ip("192.168.1.3"),
        )
        .unwrap(),
        "os-attach-interfaces/attach-interfaces-create-net_id-req.json",
    );
    assert_eq!(
        interfaces::detach_request(SERVER, "p").path(),
        "servers/srv-1/os-interface/p"
    );

    let vol = "a07f71dc-8151-4e7d-a0cc-cd24a3f11113";
    let r = volume_attachments::attach_request(
        SERVER,
        &volume_attachments::AttachOpts::new(vol)
            .tag("foo")
            .delete_on_termination(true),
    )
    .unwrap();
    assert_eq!(r.path(), "servers/srv-1/os-volume_attachments");
    assert_sample(
        &r,
        "os-volume_attachments/v2.79/attach-volume-to-server-req.json",
    );
    let r = volume_attachments::update_request(
        SERVER,
        vol,
        &volume_attachments::UpdateOpts::new(vol).delete_on_termination(true),
    )
    .unwrap();
    assert_eq!(r.method(), Method::PUT);
    assert_sample(
        &r,
        "os-volume_attachments/v2.85/update-volume-attachment-delete-flag-req.json",
    );
    assert_eq!(
        volume_attachments::detach_request(SERVER, vol).path(),
        format!("servers/srv-1/os-volume_attachments/{vol}")
    );

    let r = tags::replace_request(SERVER, ["tag1", "tag2"]).unwrap();
    assert_eq!((r.method(), r.path()), (&Method::PUT, "servers/srv-1/tags"));
    assert_sample(&r, "os-server-tags/v2.26/server-tags-put-all-req.json");
    assert_eq!(
        tags::add_request(SERVER, "a/b").path(),
        "servers/srv-1/tags/a%2Fb"
    );
    assert_eq!(tags::check_request(SERVER, "t").method(), Method::GET);
    assert_eq!(tags::delete_all_request(SERVER).method(), Method::DELETE);

    let r = instance_actions::list_request(SERVER, &instance_actions::ListOpts::new().limit(1))
        .unwrap();
    assert_eq!(r.path(), "servers/srv-1/os-instance-actions");
    assert_eq!(r.query_string(), Some("limit=1"));
    assert_eq!(
        instance_actions::get_request(SERVER, "req-1").path(),
        "servers/srv-1/os-instance-actions/req-1"
    );

    let r = consoles::create_remote_console_request(
        SERVER,
        consoles::Protocol::Vnc,
        consoles::ConsoleType::NoVnc,
    )
    .unwrap();
    assert_eq!(r.path(), "servers/srv-1/remote-consoles");
    assert_sample(&r, "os-remote-consoles/v2.6/create-vnc-console-req.json");
    assert_sample(
        &consoles::create_remote_console_request(
            SERVER,
            consoles::Protocol::Mks,
            consoles::ConsoleType::WebMks,
        )
        .unwrap(),
        "os-remote-consoles/v2.8/create-mks-console-req.json",
    );
}

#[test]
fn flavors_match_samples() {
    let r = flavors::create_request(
        &flavors::CreateOpts::new("test_flavor", 1024, 2, 10)
            .id("10")
            .rxtx_factor(2.0),
    )
    .unwrap();
    assert_eq!(r.path(), "flavors");
    assert_sample(&r, "flavor-manage/flavor-create-post-req.json");
    assert_sample(
        &flavors::create_request(
            &flavors::CreateOpts::new("test_flavor", 1024, 2, 10)
                .id("10")
                .rxtx_factor(2.0)
                .description("test description"),
        )
        .unwrap(),
        "flavor-manage/v2.75/flavor-create-post-req.json",
    );
    let r = flavors::update_request("10", Some("updated description")).unwrap();
    assert_eq!((r.method(), r.path()), (&Method::PUT, "flavors/10"));
    assert_sample(&r, "flavor-manage/v2.55/flavor-update-req.json");
    assert_eq!(
        body(&flavors::update_request("10", None).unwrap()),
        json!({"flavor": {"description": null}})
    );

    let specs = [
        ("hw:cpu_policy".to_owned(), "shared".to_owned()),
        ("hw:numa_nodes".to_owned(), "1".to_owned()),
    ]
    .into();
    let r = flavors::create_extra_specs_request("10", &specs).unwrap();
    assert_eq!(r.path(), "flavors/10/os-extra_specs");
    assert_sample(&r, "flavor-extra-specs/flavor-extra-specs-create-req.json");
    let r = flavors::update_extra_spec_request("10", "hw:numa_nodes", "2").unwrap();
    assert_eq!(r.path(), "flavors/10/os-extra_specs/hw%3Anuma_nodes");
    assert_sample(&r, "flavor-extra-specs/flavor-extra-specs-update-req.json");
    assert_eq!(
        flavors::delete_extra_spec_request("10", "k").method(),
        Method::DELETE
    );

    let r = flavors::add_access_request("10", "fake_tenant").unwrap();
    assert_eq!(r.path(), "flavors/10/action");
    assert_sample(&r, "flavor-access/flavor-access-add-tenant-req.json");
    assert_sample(
        &flavors::remove_access_request("10", "fake_tenant").unwrap(),
        "flavor-access/flavor-access-remove-tenant-req.json",
    );
    assert_eq!(
        flavors::list_access_request("10").path(),
        "flavors/10/os-flavor-access"
    );

    let r = flavors::list_request(
        &flavors::ListOpts::new()
            .min_disk(1)
            .min_ram(512)
            .access(flavors::Access::All)
            .limit(5),
    )
    .unwrap();
    assert_eq!(r.path(), "flavors/detail");
    assert_eq!(
        r.query_string(),
        Some("minDisk=1&minRam=512&is_public=none&limit=5")
    );
}

#[test]
fn keypairs_match_samples() {
    use keypairs::*;
    assert_sample(
        &create_request(
            &CreateOpts::new("keypair-ab9ff2e6-a6d7-4915-a241-044c369c07f9").kind(KeyType::Ssh),
        )
        .unwrap(),
        "os-keypairs/v2.2/keypairs-post-req.json",
    );
    assert_sample(
        &create_request(
            &CreateOpts::new("keypair-ab9ff2e6-a6d7-4915-a241-044c369c07f9")
                .kind(KeyType::Ssh)
                .user_id("fake"),
        )
        .unwrap(),
        "os-keypairs/v2.10/keypairs-post-req.json",
    );
    if let Some(s) = sample("os-keypairs/keypairs-import-post-req.json") {
        let name = s["keypair"]["name"].as_str().unwrap();
        let key = s["keypair"]["public_key"].as_str().unwrap();
        assert_eq!(
            body(&create_request(&CreateOpts::import(name, key)).unwrap()),
            s
        );
    }
    if let Some(s) = sample("os-keypairs/v2.92/keypairs-import-post-req.json") {
        let name = s["keypair"]["name"].as_str().unwrap();
        let key = s["keypair"]["public_key"].as_str().unwrap();
        let opts = CreateOpts::import(name, key)
            .kind(KeyType::Ssh)
            .user_id("fake");
        assert_eq!(body(&create_request(&opts).unwrap()), s);
    }
    let r = get_request("my key", Some("u1"));
    assert_eq!(r.path(), "os-keypairs/my%20key");
    assert_eq!(r.query_string(), Some("user_id=u1"));
    assert_eq!(delete_request("k", None).query_string(), None);
}

#[test]
fn server_groups_quotas_and_others() {
    use server_groups::*;
    let opts = CreateOpts::new("test", Policy::AntiAffinity);
    assert_sample(
        &create_request(&opts, false).unwrap(),
        "os-server-groups/server-groups-post-req.json",
    );
    assert_sample(
        &create_request(&opts.clone().max_server_per_host(3), true).unwrap(),
        "os-server-groups/v2.64/server-groups-post-req.json",
    );

    let r =
        quota_sets::update_request("p1", None, &quota_sets::UpdateOpts::new().cores(45)).unwrap();
    assert_eq!((r.method(), r.path()), (&Method::PUT, "os-quota-sets/p1"));
    assert_sample(&r, "os-quota-sets/quotas-update-post-req.json");
    let r = quota_sets::update_request(
        "p1",
        Some("u1"),
        &quota_sets::UpdateOpts::new().force(true).instances(45),
    )
    .unwrap();
    assert_eq!(r.query_string(), Some("user_id=u1"));
    assert_eq!(
        body(&r),
        json!({"quota_set": {"force": true, "instances": 45}})
    );
    assert_eq!(
        quota_sets::defaults_request("p1").path(),
        "os-quota-sets/p1/defaults"
    );
    assert_eq!(
        quota_sets::detail_request("p1", None).path(),
        "os-quota-sets/p1/detail"
    );

    assert_eq!(
        hypervisors::statistics_request().path(),
        "os-hypervisors/statistics"
    );
    let r = hypervisors::get_request("u-1", true);
    assert_eq!(r.query_string(), Some("with_servers=true"));
    assert_eq!(
        availability_zones::list_detail_request().path(),
        "os-availability-zone/detail"
    );
    assert_eq!(
        limits::get_request(Some("p")).query_string(),
        Some("tenant_id=p")
    );
    assert_eq!(
        extensions::get_request("os-agents").path(),
        "extensions/os-agents"
    );
    assert_eq!(images::get_request("i").path(), "images/i");
}

#[test]
fn open_enums_round_trip() {
    let all = [
        "ACTIVE",
        "BUILD",
        "DELETED",
        "ERROR",
        "HARD_REBOOT",
        "MIGRATING",
        "PASSWORD",
        "PAUSED",
        "REBOOT",
        "REBUILD",
        "RESCUE",
        "RESIZE",
        "REVERT_RESIZE",
        "SHELVED",
        "SHELVED_OFFLOADED",
        "SHUTOFF",
        "SOFT_DELETED",
        "SUSPENDED",
        "UNKNOWN",
        "VERIFY_RESIZE",
    ];
    for s in all {
        let st = Status::from(s);
        assert!(!matches!(st, Status::Unknown(_)), "{s} is a known status");
        assert_eq!(st.as_str(), s);
        assert_eq!(serde_json::to_value(&st).unwrap(), json!(s));
    }
    assert_eq!(Status::from("UNKNOWN"), Status::UnknownState);
    let new: Status = serde_json::from_value(json!("HIBERNATED")).unwrap();
    assert_eq!(new, Status::Unknown("HIBERNATED".into()));
    assert_eq!(serde_json::to_value(&new).unwrap(), json!("HIBERNATED"));
    let dc: DiskConfig = serde_json::from_value(json!("MANUAL")).unwrap();
    assert_eq!(dc, DiskConfig::Manual);
}

/// More microversion folders' request samples.
#[test]
fn microversion_request_samples() {
    // 2.52: tags at creation.
    let opts = CreateOpts::new("new-server-test", "http://openstack.example.com/flavors/1")
        .access_ipv4("1.2.3.4")
        .access_ipv6("80fe::")
        .image_ref(IMAGE)
        .availability_zone("us-west")
        .disk_config(DiskConfig::Auto)
        .metadata("My Server Name", "Apache1")
        .personality(Personality::encoded("/etc/banner.txt", BANNER))
        .security_group("default")
        .user_data(USER_DATA)
        .networks(Networks::Auto)
        .tag("tag1")
        .tag("tag2")
        .scheduler_hint("same_host", "48e6a9f6-30af-47e0-bc04-acaed113bb4e");
    if let Some(s) = sample("servers/v2.52/server-create-req.json") {
        assert_eq!(
            body(&servers::create_request(&opts).unwrap()),
            hints_renamed(s)
        );
    }
    // 2.90: hostname.
    let opts = base_create()
        .availability_zone("us-west")
        .hostname("custom-hostname")
        .personality(Personality::encoded("/etc/banner.txt", BANNER))
        .security_group("default")
        .user_data(USER_DATA)
        .scheduler_hint("same_host", "48e6a9f6-30af-47e0-bc04-acaed113bb4e");
    if let Some(s) = sample("servers/v2.90/server-create-req.json") {
        assert_eq!(
            body(&servers::create_request(&opts).unwrap()),
            hints_renamed(s)
        );
    }
    // 2.32 / 2.42: device tags on NICs and block devices.
    let opts = CreateOpts::new(
        "device-tagging-server",
        "http://openstack.example.com/flavors/1",
    )
    .networks(Networks::List(vec![Network::uuid(
        "3cb9bc59-5699-4588-a4b1-b87f96708bc6",
    )
    .tag("nic1")]))
    .block_device(
        BlockDevice::new("image")
            .uuid(IMAGE)
            .destination_type("volume")
            .boot_index(0)
            .volume_size(1)
            .tag("disk1"),
    );
    for rel in [
        "servers/v2.32/server-create-req.json",
        "servers/v2.42/server-create-req.json",
    ] {
        if let Some(mut s) = sample(rel) {
            // "volume_size": "1" in the sample; Nova takes the integer too.
            s["server"]["block_device_mapping_v2"][0]["volume_size"] = json!(1);
            assert_eq!(body(&servers::create_request(&opts).unwrap()), s, "{rel}");
        }
    }
    // 2.26 rebuild: preserve_ephemeral and personality.
    let r = actions::rebuild_request(
        SERVER,
        &actions::RebuildOpts::new(IMAGE)
            .access_ipv4("1.2.3.4")
            .access_ipv6("80fe::")
            .admin_pass("seekr3t")
            .metadata("meta_var", "meta_val")
            .name("foobar")
            .disk_config(DiskConfig::Auto)
            .personality(Personality::encoded("/etc/banner.txt", BANNER))
            .preserve_ephemeral(false)
            .description("description of foobar"),
    )
    .unwrap();
    assert_sample(&r, "servers/v2.26/server-action-rebuild.json");
    // 2.49 tags on attachments.
    assert_sample(
        &volume_attachments::attach_request(
            SERVER,
            &volume_attachments::AttachOpts::new("a07f71dc-8151-4e7d-a0cc-cd24a3f11113").tag("foo"),
        )
        .unwrap(),
        "os-volume_attachments/v2.49/attach-volume-to-server-req.json",
    );
    assert_sample(
        &interfaces::attach_request(
            SERVER,
            &interfaces::AttachOpts::port("ce531f90-199f-48c0-816c-13e38010b442").tag("foo"),
        )
        .unwrap(),
        "os-attach-interfaces/v2.49/attach-interfaces-create-req.json",
    );
    assert_sample(
        &keypairs::create_request(
            &keypairs::CreateOpts::new("keypair-ab9ff2e6-a6d7-4915-a241-044c369c07f9")
                .kind(keypairs::KeyType::Ssh)
                .user_id("fake"),
        )
        .unwrap(),
        "os-keypairs/v2.35/keypairs-post-req.json",
    );
    assert_sample(
        &server_groups::create_request(
            &server_groups::CreateOpts::new("test", server_groups::Policy::AntiAffinity),
            false,
        )
        .unwrap(),
        "os-server-groups/v2.13/server-groups-post-req.json",
    );
    assert_sample(
        &quota_sets::update_request("p", None, &quota_sets::UpdateOpts::new().instances(20))
            .unwrap(),
        "os-quota-sets/v2.57/quotas-update-post-req.json",
    );
    assert_sample(
        &flavors::add_access_request("10", "fake_tenant").unwrap(),
        "flavor-access/v2.7/flavor-access-add-tenant-req.json",
    );
    assert_sample(
        &flavors::create_request(
            &flavors::CreateOpts::new("test_flavor", 1024, 2, 10)
                .id("10")
                .description("test description"),
        )
        .unwrap(),
        "flavor-manage/v2.102/flavor-create-post-req.json",
    );
    assert_sample(
        &consoles::create_remote_console_request(
            SERVER,
            consoles::Protocol::Spice,
            consoles::ConsoleType::SpiceDirect,
        )
        .unwrap(),
        "os-remote-consoles/v2.99/create-spice-direct-console-req.json",
    );
}

#[test]
fn multiple_create_matches_samples() {
    let opts = CreateOpts::new("new-server-test", "1")
        .image_ref(IMAGE)
        .metadata("My Server Name", "Apache1")
        .min_count(2)
        .max_count(3);
    // The samples write the counts and the flag as strings; Nova's schema also takes the
    // integers and the boolean we send.
    let typed = |mut v: Value| {
        for k in ["min_count", "max_count"] {
            if let Some(n) = v["server"][k].as_str().and_then(|s| s.parse::<u64>().ok()) {
                v["server"][k] = json!(n);
            }
        }
        if v["server"].get("return_reservation_id").is_some() {
            v["server"]["return_reservation_id"] = json!(true);
        }
        v
    };
    if let Some(s) = sample("os-multiple-create/multiple-create-post-req.json") {
        assert_eq!(
            body(&servers::create_multiple_request(&opts).unwrap()),
            typed(s)
        );
    }
    if let Some(s) = sample("os-multiple-create/multiple-create-no-resv-post-req.json") {
        assert_eq!(body(&servers::create_request(&opts).unwrap()), typed(s));
    }
}
