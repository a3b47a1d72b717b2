//! Server actions and server sub-resources against httpmock, serving the official samples.

mod common;

use common::{catch_all, client, have_corpus, sample, sample_text};
use futures::TryStreamExt;
use httpmock::prelude::*;
use openstack_compute::actions::{self, CreateImageOpts, RebootType, RebuildOpts, ResizeOpts};
use openstack_compute::{
    addresses, consoles, instance_actions, interfaces, metadata, tags, volume_attachments,
};
use openstack_core::Microversion;
use serde_json::json;

const S: &str = "srv";

#[tokio::test]
async fn simple_actions_post_the_right_bodies() {
    let server = MockServer::start_async().await;
    let bodies = [
        json!({"os-start": null}),
        json!({"os-stop": null}),
        json!({"reboot": {"type": "SOFT"}}),
        json!({"pause": null}),
        json!({"unpause": null}),
        json!({"suspend": null}),
        json!({"resume": null}),
        json!({"lock": {"locked_reason": "maintenance"}}),
        json!({"unlock": null}),
        json!({"resize": {"flavorRef": "2"}}),
        json!({"confirmResize": null}),
        json!({"revertResize": null}),
        json!({"changePassword": {"adminPass": "pw"}}),
        json!({"shelve": null}),
        json!({"unshelve": null}),
        json!({"migrate": null}),
    ];
    let mut mocks = Vec::new();
    for b in &bodies {
        mocks.push(
            server
                .mock_async(|when, then| {
                    when.method(POST)
                        .path(format!("/v2.1/servers/{S}/action"))
                        .json_body(b.clone());
                    then.status(202);
                })
                .await,
        );
    }
    let c = catch_all(&server).await;
    let cl = client(&server);
    actions::start(&cl, S).await.expect("start");
    actions::stop(&cl, S).await.expect("stop");
    actions::reboot(&cl, S, RebootType::Soft)
        .await
        .expect("reboot");
    actions::pause(&cl, S).await.expect("pause");
    actions::unpause(&cl, S).await.expect("unpause");
    actions::suspend(&cl, S).await.expect("suspend");
    actions::resume(&cl, S).await.expect("resume");
    actions::lock(&cl, S, Some("maintenance"))
        .await
        .expect("lock");
    actions::unlock(&cl, S).await.expect("unlock");
    actions::resize(&cl, S, ResizeOpts::new("2"))
        .await
        .expect("resize");
    actions::confirm_resize(&cl, S).await.expect("confirm");
    actions::revert_resize(&cl, S).await.expect("revert");
    actions::change_password(&cl, S, "pw")
        .await
        .expect("password");
    actions::shelve(&cl, S).await.expect("shelve");
    actions::unshelve(&cl, S, actions::UnshelveOpts::new())
        .await
        .expect("unshelve");
    actions::migrate(&cl, S, None).await.expect("migrate");
    for m in &mocks {
        m.assert_async().await;
    }
    assert_eq!(c.calls_async().await, 0);
}

#[tokio::test]
async fn action_conflict_is_an_error() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(POST).path(format!("/v2.1/servers/{S}/action"));
            then.status(409)
                .json_body(json!({"conflictingRequest": {"code": 409,
                "message": "Cannot 'pause' instance while it is in vm_state stopped"}}));
        })
        .await;
    catch_all(&server).await;
    let err = actions::pause(&client(&server), S).await.expect_err("409");
    assert!(err.is_conflict());
    assert!(err
        .api_message()
        .expect("message")
        .contains("vm_state stopped"));
}

#[tokio::test]
async fn create_image_by_microversion_rebuild_and_rescue() {
    if !have_corpus() {
        return;
    }
    let server = MockServer::start_async().await;
    // Before 2.45: the image id is in the Location header.
    let old = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(format!("/v2.1/servers/{S}/action"))
                .header_missing("OpenStack-API-Version")
                .json_body(json!({"createImage": {"name": "snap"}}));
            then.status(202).header(
                "location",
                "http://glance.example.com/v2/images/0e7761dd-old",
            );
        })
        .await;
    // From 2.45: in the body.
    let new = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(format!("/v2.1/servers/{S}/action"))
                .header("OpenStack-API-Version", "compute 2.45")
                .json_body(json!({"createImage": {"name": "snap"}}));
            then.status(202).body(sample_text(
                "servers/v2.45/server-action-create-image-resp.json",
            ));
        })
        .await;
    let rebuild = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(format!("/v2.1/servers/{S}/action"))
                .json_body_includes(r#"{"rebuild": {"imageRef": "img", "name": "foobar"}}"#);
            then.status(202).body(sample_text(
                "servers/v2.100/server-action-rebuild-resp.json",
            ));
        })
        .await;
    let rescue = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(format!("/v2.1/servers/{S}/action"))
                .json_body(json!({"rescue": null}));
            then.status(200)
                .body(sample_text("os-rescue/server-rescue.json"));
        })
        .await;
    let c = catch_all(&server).await;
    let cl = client(&server);
    let id = actions::create_image(&cl, S, CreateImageOpts::new("snap"))
        .await
        .expect("old");
    assert_eq!(id, "0e7761dd-old");
    old.assert_async().await;
    let id = actions::create_image(
        &cl.with_microversion(Microversion::new(2, 45)),
        S,
        CreateImageOpts::new("snap"),
    )
    .await
    .expect("new");
    assert_eq!(id, "0e7761dd-ee98-41f0-ba35-05994e446431");
    new.assert_async().await;

    let s = actions::rebuild(&cl, S, RebuildOpts::new("img").name("foobar"))
        .await
        .expect("rebuild");
    rebuild.assert_async().await;
    let want = sample("servers/v2.100/server-action-rebuild-resp.json")["server"].clone();
    assert_eq!(s.id, want["id"].as_str().expect("id"));
    assert_eq!(s.admin_pass.as_deref(), want["adminPass"].as_str());

    let pw = actions::rescue(&cl, S, actions::RescueOpts::new())
        .await
        .expect("rescue");
    rescue.assert_async().await;
    assert_eq!(pw.as_deref(), Some("MySecretPass"));
    assert_eq!(c.calls_async().await, 0);
}

#[tokio::test]
async fn consoles() {
    if !have_corpus() {
        return;
    }
    let server = MockServer::start_async().await;
    let out = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(format!("/v2.1/servers/{S}/action"))
                .json_body(json!({"os-getConsoleOutput": {"length": 50}}));
            then.status(200).body(sample_text(
                "os-console-output/console-output-post-resp.json",
            ));
        })
        .await;
    let rc = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(format!("/v2.1/servers/{S}/remote-consoles"))
                .json_body(json!({"remote_console": {"protocol": "vnc", "type": "novnc"}}));
            then.status(200).body(sample_text(
                "os-remote-consoles/v2.6/create-vnc-console-resp.json",
            ));
        })
        .await;
    let c = catch_all(&server).await;
    let cl = client(&server);
    let text = consoles::console_output(&cl, S, Some(50))
        .await
        .expect("output");
    out.assert_async().await;
    assert_eq!(text.lines().count(), 3);
    let console = consoles::create_remote_console(
        &cl,
        S,
        consoles::Protocol::Vnc,
        consoles::ConsoleType::NoVnc,
    )
    .await
    .expect("console");
    rc.assert_async().await;
    assert_eq!(console.kind, Some(consoles::ConsoleType::NoVnc));
    assert!(console.url.starts_with("http://example.com:6080/"));
    assert_eq!(c.calls_async().await, 0);
}

#[tokio::test]
async fn metadata_addresses_and_tags() {
    if !have_corpus() {
        return;
    }
    let server = MockServer::start_async().await;
    let list = server
        .mock_async(|when, then| {
            when.method(GET).path(format!("/v2.1/servers/{S}/metadata"));
            then.status(200)
                .body(sample_text("server-metadata/server-metadata-all-resp.json"));
        })
        .await;
    let set_item = server
        .mock_async(|when, then| {
            when.method(PUT)
                .path(format!("/v2.1/servers/{S}/metadata/foo"))
                .json_body(json!({"meta": {"foo": "Foo Value"}}));
            then.status(200)
                .body(sample_text("server-metadata/server-metadata-resp.json"));
        })
        .await;
    let del_item = server
        .mock_async(|when, then| {
            when.method(DELETE)
                .path(format!("/v2.1/servers/{S}/metadata/foo"));
            then.status(204);
        })
        .await;
    let ips = server
        .mock_async(|when, then| {
            when.method(GET).path(format!("/v2.1/servers/{S}/ips"));
            then.status(200)
                .body(sample_text("server-ips/server-ips-resp.json"));
        })
        .await;
    let ips_net = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(format!("/v2.1/servers/{S}/ips/private"));
            then.status(200)
                .body(sample_text("server-ips/server-ips-network-resp.json"));
        })
        .await;
    let tag_list = server
        .mock_async(|when, then| {
            when.method(GET).path(format!("/v2.1/servers/{S}/tags"));
            then.status(200).body(sample_text(
                "os-server-tags/v2.26/server-tags-index-resp.json",
            ));
        })
        .await;
    let tag_check_yes = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(format!("/v2.1/servers/{S}/tags/tag1"));
            then.status(204);
        })
        .await;
    let tag_check_no = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(format!("/v2.1/servers/{S}/tags/nope"));
            then.status(404)
                .json_body(json!({"itemNotFound": {"code": 404, "message": "no tag"}}));
        })
        .await;
    let tag_add = server
        .mock_async(|when, then| {
            when.method(PUT).path(format!("/v2.1/servers/{S}/tags/new"));
            then.status(201);
        })
        .await;
    let c = catch_all(&server).await;
    let cl = client(&server);

    let m = metadata::list(&cl, S).await.expect("list");
    list.assert_async().await;
    assert_eq!(m["foo"], "Foo Value");
    let v = metadata::set_item(&cl, S, "foo", "Foo Value")
        .await
        .expect("set item");
    set_item.assert_async().await;
    assert_eq!(v, "Foo Value");
    metadata::delete_item(&cl, S, "foo")
        .await
        .expect("delete item");
    del_item.assert_async().await;

    let all = addresses::list(&cl, S).await.expect("ips");
    ips.assert_async().await;
    assert_eq!(all["private"][0].addr, "192.168.1.30");
    let net = addresses::list_by_network(&cl, S, "private")
        .await
        .expect("network");
    ips_net.assert_async().await;
    assert_eq!(net[0].version, 4);

    assert_eq!(tags::list(&cl, S).await.expect("tags"), ["tag1", "tag2"]);
    tag_list.assert_async().await;
    assert!(tags::check(&cl, S, "tag1").await.expect("check"));
    assert!(!tags::check(&cl, S, "nope").await.expect("check missing"));
    tag_check_yes.assert_async().await;
    tag_check_no.assert_async().await;
    tags::add(&cl, S, "new").await.expect("add");
    tag_add.assert_async().await;
    assert_eq!(c.calls_async().await, 0);
}

#[tokio::test]
async fn interfaces_volume_attachments_and_instance_actions() {
    if !have_corpus() {
        return;
    }
    let server = MockServer::start_async().await;
    let if_list = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(format!("/v2.1/servers/{S}/os-interface"));
            then.status(200).body(sample_text(
                "os-attach-interfaces/v2.70/attach-interfaces-list-resp.json",
            ));
        })
        .await;
    let if_attach = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(format!("/v2.1/servers/{S}/os-interface"))
                .json_body(json!({"interfaceAttachment": {"net_id": "n1"}}));
            then.status(200).body(sample_text(
                "os-attach-interfaces/v2.70/attach-interfaces-create-resp.json",
            ));
        })
        .await;
    let if_detach = server
        .mock_async(|when, then| {
            when.method(DELETE)
                .path(format!("/v2.1/servers/{S}/os-interface/p1"));
            then.status(202);
        })
        .await;
    let va_list = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(format!("/v2.1/servers/{S}/os-volume_attachments"));
            then.status(200).body(sample_text(
                "os-volume_attachments/v2.89/list-volume-attachments-resp.json",
            ));
        })
        .await;
    let va_attach = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(format!("/v2.1/servers/{S}/os-volume_attachments"))
                .json_body(json!({"volumeAttachment": {"volumeId": "v1"}}));
            then.status(200).body(sample_text(
                "os-volume_attachments/v2.79/attach-volume-to-server-resp.json",
            ));
        })
        .await;
    let va_detach = server
        .mock_async(|when, then| {
            when.method(DELETE)
                .path(format!("/v2.1/servers/{S}/os-volume_attachments/v1"));
            then.status(202);
        })
        .await;
    let ia_list = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(format!("/v2.1/servers/{S}/os-instance-actions"));
            then.status(200).body(sample_text(
                "os-instance-actions/v2.84/instance-actions-list-resp.json",
            ));
        })
        .await;
    let ia_get = server
        .mock_async(|when, then| {
            when.method(GET)
                .path(format!("/v2.1/servers/{S}/os-instance-actions/req-1"));
            then.status(200).body(sample_text(
                "os-instance-actions/v2.84/instance-action-get-resp.json",
            ));
        })
        .await;
    let c = catch_all(&server).await;
    let cl = client(&server);

    let ifs = interfaces::list(&cl, S).await.expect("interfaces");
    if_list.assert_async().await;
    assert_eq!(ifs[0].port_state, "ACTIVE");
    assert_eq!(ifs[0].fixed_ips[0].ip_address, "192.168.1.3");
    let att = interfaces::attach(&cl, S, interfaces::AttachOpts::network("n1"))
        .await
        .expect("attach");
    if_attach.assert_async().await;
    assert_eq!(att.port_id, "ce531f90-199f-48c0-816c-13e38010b442");
    interfaces::detach(&cl, S, "p1").await.expect("detach");
    if_detach.assert_async().await;

    let vas: Vec<_> = volume_attachments::list(&cl, S)
        .try_collect()
        .await
        .expect("attachments");
    va_list.assert_async().await;
    assert_eq!(vas.len(), 2);
    assert!(vas[0].attachment_id.is_some());
    let va = volume_attachments::attach(&cl, S, volume_attachments::AttachOpts::new("v1"))
        .await
        .expect("attach volume");
    va_attach.assert_async().await;
    assert_eq!(va.device.as_deref(), Some("/dev/sdb"));
    assert_eq!(va.delete_on_termination, Some(true));
    volume_attachments::detach(&cl, S, "v1")
        .await
        .expect("detach volume");
    va_detach.assert_async().await;

    let acts: Vec<_> = instance_actions::list(&cl, S, instance_actions::ListOpts::new())
        .try_collect()
        .await
        .expect("actions");
    ia_list.assert_async().await;
    assert_eq!(acts.len(), 2);
    let a = instance_actions::get(&cl, S, "req-1")
        .await
        .expect("action");
    ia_get.assert_async().await;
    let want = sample("os-instance-actions/v2.84/instance-action-get-resp.json");
    assert_eq!(
        a.action,
        want["instanceAction"]["action"].as_str().expect("action")
    );
    assert!(a.events.iter().all(|e| e.succeeded()));
    assert!(a.events[0].finish_time.is_some());
    assert_eq!(c.calls_async().await, 0);
}

#[tokio::test]
async fn volume_attach_without_a_body_from_2_101() {
    let server = MockServer::start_async().await;
    let m = server
        .mock_async(|when, then| {
            when.method(POST)
                .path(format!("/v2.1/servers/{S}/os-volume_attachments"))
                .header("OpenStack-API-Version", "compute 2.101")
                .json_body(json!({"volumeAttachment": {"volumeId": "v1", "tag": "data"}}));
            then.status(202);
        })
        .await;
    let c = catch_all(&server).await;
    let cl = client(&server).with_microversion(Microversion::new(2, 101));
    let a = volume_attachments::attach(
        &cl,
        S,
        volume_attachments::AttachOpts::new("v1").tag("data"),
    )
    .await
    .expect("attach");
    m.assert_async().await;
    assert_eq!(c.calls_async().await, 0);
    assert_eq!((a.server_id.as_str(), a.volume_id.as_str()), (S, "v1"));
    assert_eq!(a.tag.as_deref(), Some("data"));
    assert_eq!(a.device, None);
}
