//! Federation (OS-FEDERATION) against httpmock, with the official samples as fixtures.

mod common;

use common::{catch_all, error_body, sample, v3};
use futures::TryStreamExt;
use httpmock::MockServer;
use openstack_identity::federation::{identity_providers, mappings, protocols, service_providers};
use serde_json::json;

const F: &str = "keystone/api-ref/source/v3-ext/federation";

fn s(rel: &str) -> serde_json::Value {
    sample(&format!("{F}/{rel}"))
}

#[tokio::test]
async fn identity_providers_and_protocols() {
    let server = MockServer::start_async().await;
    let base = "/identity/v3/OS-FEDERATION/identity_providers";
    let create = server
        .mock_async(|when, then| {
            when.method("PUT")
                .path(format!("{base}/ACME"))
                .json_body(s("identity-provider/samples/register-request.json"));
            then.status(201)
                .json_body(s("identity-provider/samples/register-response.json"));
        })
        .await;
    let mut page1 = s("identity-provider/samples/list-response.json");
    page1["links"]["next"] = json!(server.url(format!("{base}?enabled=true&marker=m")));
    let list1 = server
        .mock_async(|when, then| {
            when.method("GET")
                .path(base)
                .query_param("enabled", "true")
                .query_param_missing("marker");
            then.status(200).json_body(page1.clone());
        })
        .await;
    let list2 = server
        .mock_async(|when, then| {
            when.method("GET").path(base).query_param("marker", "m");
            then.status(200).json_body(json!({"identity_providers": [
                {"id": "nulls", "enabled": null, "remote_ids": null, "description": null,
                 "domain_id": null, "authorization_ttl": 60, "new_field": {"x": 1}}],
                "links": {"next": null}}));
        })
        .await;
    let update = server
        .mock_async(|when, then| {
            when.method("PATCH")
                .path(format!("{base}/ACME"))
                .json_body(s("identity-provider/samples/update-request.json"));
            then.status(200)
                .json_body(s("identity-provider/samples/update-response.json"));
        })
        .await;
    let add_protocol = server
        .mock_async(|when, then| {
            when.method("PUT")
                .path(format!("{base}/ACME/protocols/saml2"))
                .json_body(s("identity-provider/samples/add-protocol-request.json"));
            then.status(201)
                .json_body(s("identity-provider/samples/add-protocol-response.json"));
        })
        .await;
    let list_protocols = server
        .mock_async(|when, then| {
            when.method("GET").path(format!("{base}/ACME/protocols"));
            then.status(200)
                .json_body(s("identity-provider/samples/list-protocol-response.json"));
        })
        .await;
    let delete_protocol = server
        .mock_async(|when, then| {
            when.method("DELETE")
                .path(format!("{base}/ACME/protocols/saml2"));
            then.status(204);
        })
        .await;
    let delete = server
        .mock_async(|when, then| {
            when.method("DELETE").path(format!("{base}/ACME"));
            then.status(204);
        })
        .await;
    let conflict = server
        .mock_async(|when, then| {
            when.method("PUT").path(format!("{base}/dup"));
            then.status(409).json_body(error_body(
                409,
                "Conflict",
                "Duplicate entry found with remote_ids acme_id_1",
            ));
        })
        .await;
    let all = catch_all(&server).await;
    let c = v3(&server);

    let idp = identity_providers::create(
        &c,
        "ACME",
        identity_providers::CreateOpts::new()
            .domain_id("1789d1")
            .description("Stores ACME identities.")
            .remote_id("acme_id_1")
            .remote_id("acme_id_2")
            .enabled(true),
    )
    .await
    .expect("create");
    assert_eq!(idp.remote_ids, ["acme_id_1", "acme_id_2"]);
    let listed: Vec<_> =
        identity_providers::list(&c, identity_providers::ListOpts::new().enabled(true))
            .try_collect()
            .await
            .expect("list");
    assert_eq!(listed.len(), 3);
    assert!(!listed[1].enabled);
    assert!(listed[2].enabled, "null enabled is taken as true");
    assert!(listed[2].remote_ids.is_empty());
    assert_eq!(listed[2].authorization_ttl, Some(60));
    let updated = identity_providers::update(
        &c,
        "ACME",
        identity_providers::UpdateOpts::new()
            .remote_ids(["beta_id_1", "beta_id_2"])
            .enabled(true),
    )
    .await
    .expect("update");
    assert_eq!(updated.description.as_deref(), Some("Beta dev idp"));
    let p = protocols::create(&c, "ACME", "saml2", protocols::CreateOpts::new("xyz234"))
        .await
        .expect("add protocol");
    assert_eq!(p.mapping_id, "xyz234");
    let ps: Vec<_> = protocols::list(&c, "ACME")
        .try_collect()
        .await
        .expect("protocols");
    assert_eq!(ps[0].id, "saml2");
    protocols::delete(&c, "ACME", "saml2")
        .await
        .expect("delete");
    identity_providers::delete(&c, "ACME")
        .await
        .expect("delete");
    let err = identity_providers::create(&c, "dup", identity_providers::CreateOpts::new())
        .await
        .expect_err("409");
    assert!(err.to_string().contains("Duplicate entry"), "{err}");

    for m in [
        &create,
        &list1,
        &list2,
        &update,
        &add_protocol,
        &list_protocols,
        &delete_protocol,
        &delete,
        &conflict,
    ] {
        m.assert_async().await;
    }
    assert_eq!(all.calls_async().await, 0);
}

#[tokio::test]
async fn mappings_and_service_providers() {
    let server = MockServer::start_async().await;
    let create = server
        .mock_async(|when, then| {
            when.method("PUT")
                .path("/identity/v3/OS-FEDERATION/mappings/ACME")
                .json_body(s("mapping/samples/create-request.json"));
            then.status(201)
                .json_body(s("mapping/samples/create-response.json"));
        })
        .await;
    let list = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/identity/v3/OS-FEDERATION/mappings");
            then.status(200)
                .json_body(s("mapping/samples/list-response.json"));
        })
        .await;
    let update = server
        .mock_async(|when, then| {
            when.method("PATCH")
                .path("/identity/v3/OS-FEDERATION/mappings/ACME")
                .json_body(s("mapping/samples/update-request.json"));
            then.status(200)
                .json_body(s("mapping/samples/update-response.json"));
        })
        .await;
    let sps = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/identity/v3/OS-FEDERATION/service_providers");
            then.status(200)
                .json_body(s("service-provider/samples/list-response.json"));
        })
        .await;
    let sp = server
        .mock_async(|when, then| {
            when.method("GET")
                .path("/identity/v3/OS-FEDERATION/service_providers/ACME");
            then.status(200)
                .json_body(s("service-provider/samples/get-response.json"));
        })
        .await;
    let all = catch_all(&server).await;
    let c = v3(&server);

    // Rules read from one sample are sent back unchanged.
    let req = s("mapping/samples/create-request.json");
    let rules: Vec<mappings::Rule> =
        serde_json::from_value(req["mapping"]["rules"].clone()).expect("rules");
    let m = mappings::create(&c, "ACME", mappings::CreateOpts::new(rules))
        .await
        .expect("create");
    assert_eq!(m.id, "ACME");
    assert_eq!(m.rules[0].remote[0].attribute, "UserName");
    assert_eq!(
        m.rules[0].local[1]
            .group
            .as_ref()
            .and_then(|g| g.id.as_deref()),
        Some("0cd5e9")
    );
    let all_m: Vec<_> = mappings::list(&c).try_collect().await.expect("list");
    assert_eq!(
        all_m[0].rules[0].remote[1].any_one_of.as_deref(),
        Some(&["Contractor".to_owned(), "SubContractor".to_owned()][..])
    );
    let upd = s("mapping/samples/update-request.json");
    let rules: Vec<mappings::Rule> =
        serde_json::from_value(upd["mapping"]["rules"].clone()).expect("rules");
    mappings::update(&c, "ACME", mappings::UpdateOpts::new().rules(rules))
        .await
        .expect("update");

    let listed: Vec<_> = service_providers::list(&c, service_providers::ListOpts::new())
        .try_collect()
        .await
        .expect("sps");
    assert_eq!(listed.len(), 2);
    assert!(!listed[1].enabled);
    assert_eq!(listed[0].relay_state_prefix.as_deref(), Some("ss:mem:"));
    let one = service_providers::get(&c, "ACME").await.expect("sp");
    assert!(one.sp_url.ends_with("/SAML2/ECP"));

    for m in [&create, &list, &update, &sps, &sp] {
        m.assert_async().await;
    }
    assert_eq!(all.calls_async().await, 0);
}
