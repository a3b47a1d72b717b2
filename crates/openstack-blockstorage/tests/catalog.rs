//! Endpoint resolution from real-looking catalogs: a cloud may publish Cinder as
//! `volumev3`, `volumev2` or `volume` only.

use httpmock::prelude::*;
use openstack_core::auth::{AuthOptions, DomainRef, ProjectRef, Scope, UserRef};
use openstack_core::ProviderClient;
use serde_json::json;

async fn provider_with(server: &MockServer, service_type: &str, path: &str) -> ProviderClient {
    let url = server.url(path);
    server
        .mock_async(|when, then| {
            when.method(POST).path("/v3/auth/tokens");
            then.status(201)
                .header("x-subject-token", "tok")
                .json_body(json!({"token": {
                    "methods": ["password"],
                    "expires_at": "2099-01-01T00:00:00.000000Z",
                    "issued_at": "2030-01-01T00:00:00.000000Z",
                    "user": {"id": "u1", "name": "demo", "domain": {"id": "default", "name": "Default"}},
                    "project": {"id": "p1", "name": "demo", "domain": {"id": "default", "name": "Default"}},
                    "roles": [{"id": "r1", "name": "member"}],
                    "catalog": [{"type": service_type, "name": "cinder", "id": "s1", "endpoints": [
                        {"interface": "public", "region": "RegionOne", "url": url, "id": "e1"}]}]
                }}));
        })
        .await;
    let opts = AuthOptions::password(
        server.url("/v3"),
        UserRef::name("demo", DomainRef::id("default")),
        "secret",
    )
    .scope(Scope::Project(ProjectRef::name(
        "demo",
        DomainRef::id("default"),
    )));
    ProviderClient::authenticate(opts).await.expect("auth")
}

#[tokio::test]
async fn only_volumev3() {
    let server = MockServer::start_async().await;
    let p = provider_with(&server, "volumev3", "/v3/p1").await;
    let c = openstack_blockstorage::client(&p).expect("client");
    assert_eq!(c.endpoint().as_str(), server.url("/v3/p1/"));
    assert_eq!(c.service_type(), "block-storage");
}

#[tokio::test]
async fn only_volumev2_is_pointed_at_v3() {
    let server = MockServer::start_async().await;
    let p = provider_with(&server, "volumev2", "/v2/p1").await;
    let c = openstack_blockstorage::client(&p).expect("client");
    assert_eq!(c.endpoint().as_str(), server.url("/v3/p1/"));
}

#[tokio::test]
async fn only_volume_serves_v3_and_v1() {
    let server = MockServer::start_async().await;
    let p = provider_with(&server, "volume", "/v1/p1").await;
    let c = openstack_blockstorage::client(&p).expect("client");
    assert_eq!(c.endpoint().as_str(), server.url("/v3/p1/"));
    let v1 = openstack_blockstorage::client_v1(&p).expect("v1 client");
    assert_eq!(v1.endpoint().as_str(), server.url("/v1/p1/"));
}

#[tokio::test]
async fn block_storage_without_version() {
    let server = MockServer::start_async().await;
    let p = provider_with(&server, "block-storage", "/").await;
    let c = openstack_blockstorage::client(&p).expect("client");
    assert_eq!(c.endpoint().as_str(), server.url("/v3/"));
}

#[tokio::test]
async fn missing_service_is_endpoint_not_found() {
    let server = MockServer::start_async().await;
    let p = provider_with(&server, "compute", "/v2.1").await;
    let err = openstack_blockstorage::client(&p).expect_err("no cinder");
    assert_eq!(err.kind(), openstack_core::ErrorKind::EndpointNotFound);
}
