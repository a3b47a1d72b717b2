//! openstack-core against the real OpenStack services started by `cargo xtask realcloud up`
//! (Keystone 30, Swift, Glance, Neutron, Cinder, Placement + Nova). Skipped unless
//! `cargo xtask test` exported `FERROCLOUD_REALCLOUD=1`.
#![allow(clippy::unwrap_used)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use openstack_core::auth::{AuthOptions, DomainRef, ProjectRef, Scope, UserRef};
use openstack_core::http::Method;
use openstack_core::transport::HttpService;
use openstack_core::{EndpointOpts, ErrorKind, Interface, Microversion, ProviderClient, Request};
use openstack_test_support::realcloud::{self, AUTH_URL, PASSWORD, REGION};
use serde_json::{json, Value};

#[tokio::test]
async fn password_auth_admin_and_demo_by_project_name_and_id() {
    let Some(admin) = realcloud::client("admin").await else {
        return;
    };
    let token = admin.token().await.unwrap();
    let project = token.project.clone().unwrap();
    assert_eq!(project.name.as_deref(), Some("admin"));
    assert!(
        token.roles.iter().any(|r| r.name == "admin"),
        "{:?}",
        token.roles
    );
    assert!(token.expires_at.is_some());

    let demo = realcloud::client("demo").await.unwrap();
    let demo_token = demo.token().await.unwrap();
    let demo_project = demo_token.project.clone().unwrap();
    assert_eq!(demo_project.name.as_deref(), Some("demo"));
    assert!(demo_token.roles.iter().any(|r| r.name == "member"));

    // The same project by id; the user by id.
    let user_id = demo_token.user.clone().unwrap().id;
    let by_id = AuthOptions::password(AUTH_URL, UserRef::id(user_id), PASSWORD)
        .scope(Scope::Project(ProjectRef::id(demo_project.id.clone())));
    let c = ProviderClient::authenticate(by_id).await.unwrap();
    assert_eq!(
        c.token().await.unwrap().project.clone().unwrap().id,
        demo_project.id
    );
}

#[tokio::test]
async fn discovery_from_the_unversioned_root() {
    if !realcloud::enabled() {
        eprintln!("SKIPPED: real OpenStack services are not running");
        return;
    }
    let opts = AuthOptions::password(
        "http://127.0.0.1:5000/",
        UserRef::name("admin", DomainRef::name("Default")),
        PASSWORD,
    )
    .scope(Scope::Project(ProjectRef::name(
        "admin",
        DomainRef::name("Default"),
    )));
    let c = ProviderClient::authenticate(opts).await.unwrap();
    assert_eq!(
        c.token()
            .await
            .unwrap()
            .project
            .clone()
            .unwrap()
            .name
            .as_deref(),
        Some("admin")
    );
}

#[tokio::test]
async fn unscoped_then_rescoped_token_auth() {
    if !realcloud::enabled() {
        eprintln!("SKIPPED: real OpenStack services are not running");
        return;
    }
    let unscoped = AuthOptions::password(
        AUTH_URL,
        UserRef::name("demo", DomainRef::id("default")),
        PASSWORD,
    )
    .scope(Scope::Unscoped);
    let c = ProviderClient::authenticate(unscoped).await.unwrap();
    let t = c.token().await.unwrap();
    assert!(t.project.is_none());
    assert!(t.catalog.services.is_empty());
    use secrecy::ExposeSecret;
    let rescoped = AuthOptions::token(AUTH_URL, t.id.expose_secret()).scope(Scope::Project(
        ProjectRef::name("demo", DomainRef::id("default")),
    ));
    let c2 = ProviderClient::authenticate(rescoped).await.unwrap();
    let t2 = c2.token().await.unwrap();
    assert_eq!(t2.project.clone().unwrap().name.as_deref(), Some("demo"));
    assert!(t2.methods.iter().any(|m| m == "token"), "{:?}", t2.methods);
    assert!(!t2.catalog.services.is_empty());
}

#[tokio::test]
async fn wrong_password_is_unauthorized() {
    if !realcloud::enabled() {
        eprintln!("SKIPPED: real OpenStack services are not running");
        return;
    }
    let opts = AuthOptions::password(
        AUTH_URL,
        UserRef::name("demo", DomainRef::id("default")),
        "not-the-password",
    )
    .scope(Scope::Project(ProjectRef::name(
        "demo",
        DomainRef::id("default"),
    )));
    let err = ProviderClient::authenticate(opts).await.unwrap_err();
    assert!(err.is_unauthorized(), "{err}");
    assert!(err.api_message().is_some(), "{err:?}");
    assert!(err.request_id().is_some(), "{err:?}");
    assert!(!err.to_string().contains("not-the-password"));
}

#[tokio::test]
async fn application_credential_auth() {
    let Some(demo) = realcloud::client("demo").await else {
        return;
    };
    let identity = demo.service_client(EndpointOpts::new("identity")).unwrap();
    let user_id = demo.token().await.unwrap().user.clone().unwrap().id;
    let name = realcloud::unique_name("appcred");
    let created: Value = identity
        .request(
            Method::POST,
            format!("users/{user_id}/application_credentials"),
        )
        .json(&json!({"application_credential": {"name": name, "description": "ferrocloud test"}}))
        .ok_status([201])
        .send_json()
        .await
        .unwrap();
    let id = created["application_credential"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let secret = created["application_credential"]["secret"]
        .as_str()
        .unwrap()
        .to_owned();

    let by_id =
        ProviderClient::authenticate(AuthOptions::application_credential(AUTH_URL, &id, &secret))
            .await;
    let by_name = ProviderClient::authenticate(AuthOptions::application_credential_by_name(
        AUTH_URL,
        &name,
        UserRef::name("demo", DomainRef::id("default")),
        &secret,
    ))
    .await;
    let bad = ProviderClient::authenticate(AuthOptions::application_credential(
        AUTH_URL,
        &id,
        "wrong-secret",
    ))
    .await;
    // Clean up before asserting.
    identity
        .request(
            Method::DELETE,
            format!("users/{user_id}/application_credentials/{id}"),
        )
        .ok_status([204])
        .send()
        .await
        .unwrap();

    let t = by_id.unwrap().token().await.unwrap();
    assert_eq!(t.methods, vec!["application_credential".to_owned()]);
    assert_eq!(t.project.clone().unwrap().name.as_deref(), Some("demo"));
    let t = by_name.unwrap().token().await.unwrap();
    assert_eq!(t.project.clone().unwrap().name.as_deref(), Some("demo"));
    assert!(bad.unwrap_err().is_unauthorized());
}

#[tokio::test]
async fn catalog_resolves_every_service_by_type_region_and_interface() {
    let Some(admin) = realcloud::client("admin").await else {
        return;
    };
    let types: Vec<(&str, &str)> = vec![
        ("keystone", "identity"),
        ("swift", "object-store"),
        ("glance", "image"),
        ("neutron", "network"),
        ("cinder", "block-storage"),
        ("nova", "compute"),
        ("nova", "placement"),
    ];
    let services = realcloud::services();
    for (svc, ty) in types {
        if !services.iter().any(|s| s == svc) {
            continue;
        }
        for iface in [Interface::Public, Interface::Internal, Interface::Admin] {
            let url = admin
                .endpoint(&EndpointOpts::new(ty).region(REGION).interface(iface))
                .unwrap_or_else(|e| panic!("{ty} {iface}: {e}"));
            assert_eq!(url.host_str(), Some("127.0.0.1"), "{ty}");
            assert!(url.path().ends_with('/'));
        }
    }
    let err = admin.service_client(EndpointOpts::new("dns")).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::EndpointNotFound);
    assert!(err.to_string().contains("identity"), "{err}");
    let err = admin
        .service_client(EndpointOpts::new("identity").region("Nowhere"))
        .unwrap_err();
    assert!(err.to_string().contains("RegionOne"), "{err}");
}

#[tokio::test]
async fn microversion_discovery_on_nova_and_cinder() {
    let Some(admin) = realcloud::client("admin").await else {
        return;
    };
    if realcloud::has("nova") {
        let compute = admin.service_client(EndpointOpts::new("compute")).unwrap();
        let range = compute.discover_microversions().await.unwrap().unwrap();
        assert_eq!(range.min, Microversion::new(2, 1));
        assert_eq!(range.max, Microversion::new(2, 104));
        let c = compute
            .negotiate_microversion(Microversion::new(2, 999))
            .await
            .unwrap();
        assert_eq!(c.microversion(), Some(Microversion::new(2, 104)));
        // The pinned microversion is really sent: 2.100 shows `pinned_availability_zone`-era
        // fields; simplest proof is that the server echoes the version header.
        let resp = c.send(Request::get("servers")).await.unwrap();
        assert_eq!(
            resp.header_str("openstack-api-version"),
            Some("compute 2.104")
        );
    }
    if realcloud::has("cinder") {
        let bs = admin
            .service_client(EndpointOpts::new("block-storage"))
            .unwrap();
        let range = bs.discover_microversions().await.unwrap().unwrap();
        assert_eq!(range.min, Microversion::new(3, 0));
        assert!(range.max >= Microversion::new(3, 70), "{range:?}");
        let c = bs.with_microversion(Microversion::new(3, 59));
        let resp = c.send(Request::get("volumes")).await.unwrap();
        assert_eq!(
            resp.header_str("openstack-api-version"),
            Some("volume 3.59")
        );
    }
    if realcloud::has("glance") {
        // Glance has versions but no microversions.
        let image = admin.service_client(EndpointOpts::new("image")).unwrap();
        assert_eq!(image.discover_microversions().await.unwrap(), None);
    }
}

#[tokio::test]
async fn raw_requests_to_each_service() {
    let Some(admin) = realcloud::client("admin").await else {
        return;
    };
    let calls: Vec<(&str, &str, &str)> = vec![
        ("keystone", "identity", "projects"),
        ("nova", "compute", "servers"),
        ("nova", "placement", "resource_providers"),
        ("neutron", "network", "v2.0/networks"),
        ("glance", "image", "v2/images"),
        ("cinder", "block-storage", "volumes"),
        ("swift", "object-store", "?format=json"),
    ];
    let services = realcloud::services();
    for (svc, ty, path) in calls {
        if !services.iter().any(|s| s == svc) {
            continue;
        }
        let client = admin.service_client(EndpointOpts::new(ty)).unwrap();
        let resp = client
            .request(Method::GET, path)
            .send()
            .await
            .unwrap_or_else(|e| panic!("{ty} {path}: {e}"));
        assert!(resp.status().is_success(), "{ty}: {}", resp.status());
        let body = resp.bytes().await.unwrap();
        let _: Value = serde_json::from_slice(&body).unwrap_or_else(|e| panic!("{ty}: {e}"));
    }
}

/// Counts token requests as they are sent.
fn counting_layer(
    count: Arc<AtomicUsize>,
) -> impl tower::Layer<HttpService, Service = HttpService> + Send + 'static {
    tower::layer::layer_fn(move |inner: HttpService| {
        let count = count.clone();
        HttpService::new(tower::service_fn(
            move |req: http::Request<openstack_core::Body>| {
                if req.method() == Method::POST && req.uri().path().ends_with("/auth/tokens") {
                    count.fetch_add(1, Ordering::SeqCst);
                }
                let inner = inner.clone();
                async move { tower::ServiceExt::oneshot(inner, req).await }
            },
        ))
    })
}

#[tokio::test]
async fn revoked_token_is_replaced_once() {
    let Some(admin) = realcloud::client("admin").await else {
        return;
    };
    let count = Arc::new(AtomicUsize::new(0));
    let client = ProviderClient::builder()
        .auth_options(realcloud::options("demo"))
        .region(REGION)
        .layer(counting_layer(count.clone()))
        .build()
        .await
        .unwrap();
    assert_eq!(count.load(Ordering::SeqCst), 1);
    let identity = client
        .service_client(EndpointOpts::new("identity"))
        .unwrap();
    identity.send(Request::get("auth/catalog")).await.unwrap();

    // Revoke the client's token behind its back.
    use secrecy::ExposeSecret;
    let old = client.token().await.unwrap();
    let admin_identity = admin.service_client(EndpointOpts::new("identity")).unwrap();
    admin_identity
        .request(Method::DELETE, "auth/tokens")
        .header("X-Subject-Token", old.id.expose_secret())
        .ok_status([204])
        .send()
        .await
        .unwrap();

    // The next call gets 401, re-authenticates once, and succeeds.
    let resp = identity.send(Request::get("auth/catalog")).await.unwrap();
    assert!(resp.status().is_success());
    assert_eq!(count.load(Ordering::SeqCst), 2);
    let new = client.token().await.unwrap();
    assert_ne!(new.id.expose_secret(), old.id.expose_secret());
}

#[tokio::test]
async fn clouds_yaml_written_by_the_harness() {
    if !realcloud::enabled() {
        eprintln!("SKIPPED: real OpenStack services are not running");
        return;
    }
    let dir = std::env::var("FERROCLOUD_REALCLOUD_DIR")
        .expect("the harness exports FERROCLOUD_REALCLOUD_DIR");
    let path = std::path::Path::new(&dir).join("clouds.yaml");
    for (cloud, project) in [("realcloud-admin", "admin"), ("realcloud-demo", "demo")] {
        let cfg = openstack_core::config::CloudConfig::from_clouds_yaml_files(&path, None, cloud)
            .unwrap();
        assert_eq!(cfg.region.as_deref(), Some(REGION));
        let provider = cfg.apply(ProviderClient::builder()).build().await.unwrap();
        let token = provider.token().await.unwrap();
        assert_eq!(
            token.project.clone().unwrap().name.as_deref(),
            Some(project)
        );
    }
}
