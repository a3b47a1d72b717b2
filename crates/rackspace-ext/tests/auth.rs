//! Rackspace API-key authentication against httpmock: the token request, the Rackspace
//! catalog (names, regions, first-generation entries), re-authentication, and secrets kept
//! out of Debug output, errors and logs.

mod common;

use std::sync::Arc;

use common::{catch_all, SERVERS_LIST, TOKEN_RESPONSE};
use futures::TryStreamExt;
use httpmock::prelude::*;
use openstack_core::{EndpointOpts, ErrorKind, Interface, ProviderClient};
use rackspace_ext::auth::RackspaceAuth;
use rackspace_ext::{block_storage, cdn, files, regions, servers, service_names};
use serde_json::json;

const KEY: &str = "CANARY-rs-api-key-5e1f0c2b9d";

fn api_key_body() -> serde_json::Value {
    json!({"auth": {"RAX-KSKEY:apiKeyCredentials": {"username": "jsmith", "apiKey": KEY}}})
}

async fn token_mock<'a>(server: &'a MockServer, body: &str) -> httpmock::Mock<'a> {
    let body = body.to_owned();
    server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/v2.0/tokens")
                .header("content-type", "application/json")
                .json_body(api_key_body());
            then.status(200)
                .header("content-type", "application/json")
                .body(body);
        })
        .await
}

fn auth(server: &MockServer) -> Arc<RackspaceAuth> {
    Arc::new(RackspaceAuth::api_key("jsmith", KEY).identity_url(server.url("/v2.0/")))
}

#[tokio::test]
async fn api_key_token_and_rackspace_catalog() {
    let server = MockServer::start_async().await;
    let tokens = token_mock(&server, TOKEN_RESPONSE).await;
    let unexpected = catch_all(&server).await;

    let method = auth(&server);
    assert_eq!(method.default_region(), None);
    let provider = ProviderClient::builder()
        .auth_method(method.clone())
        .region(regions::DFW)
        .build()
        .await
        .expect("authenticated");
    tokens.assert_calls_async(1).await;
    // The token response names the user's default region.
    assert_eq!(method.default_region().as_deref(), Some("DFW"));
    let token = provider.token().await.expect("token");
    assert_eq!(token.expose_id(), "aaaaa-bbbbb-ccccc-dddd");
    assert_eq!(
        token.project.as_ref().map(|p| p.id.as_str()),
        Some("010101")
    );
    assert_eq!(
        token.user.as_ref().and_then(|u| u.name.as_deref()),
        Some("jsmith")
    );
    assert_eq!(token.roles.len(), 4);
    assert!(token.expires_at.is_some());

    // Every Rackspace service resolves in the provider's region (DFW).
    let url = |c: openstack_core::ServiceClient| c.endpoint().to_string();
    assert_eq!(
        url(servers::client(&provider).expect("servers")),
        "https://dfw.servers.api.rackspacecloud.com/v2/010101/"
    );
    assert_eq!(
        url(rackspace_ext::client(&provider).expect("lib client")),
        "https://dfw.servers.api.rackspacecloud.com/v2/010101/"
    );
    assert_eq!(
        url(cdn::client(&provider).expect("cdn")),
        "https://cdn1.clouddrive.com/v1/MossoCloudFS_530f8649-324c-499c-a075-2195854d52a7/"
    );
    assert_eq!(
        url(files::client(&provider).expect("files")),
        "https://storage101.dfw1.clouddrive.com/v1/MossoCloudFS_530f8649-324c-499c-a075-2195854d52a7/"
    );
    assert_eq!(
        url(files::client_servicenet(&provider).expect("servicenet")),
        "https://snet-storage101.dfw1.clouddrive.com/v1/MossoCloudFS_530f8649-324c-499c-a075-2195854d52a7/"
    );
    assert_eq!(
        url(block_storage::client(&provider).expect("cbs")),
        "https://dfw.blockstorage.api.rackspacecloud.com/v1/010101/"
    );
    // The plain `compute` type in DFW skips the region-less first-generation `cloudServers`.
    assert_eq!(
        provider
            .endpoint(&EndpointOpts::new("compute"))
            .expect("compute")
            .as_str(),
        "https://dfw.servers.api.rackspacecloud.com/v2/010101/"
    );
    // Cloud Networks is a Neutron v2.0 endpoint; `networking` is an alias of `network`.
    assert_eq!(
        provider
            .endpoint(&EndpointOpts::new("networking").name(service_names::CLOUD_NETWORKS))
            .expect("networks")
            .as_str(),
        "https://dfw.networks.api.rackspacecloud.com/v2.0/"
    );
    // Region-less Rackspace services (Cloud DNS) resolve only without a region filter.
    assert!(provider.endpoint(&EndpointOpts::new("rax:dns")).is_err());

    // Each documented region, explicitly.
    for region in regions::ALL {
        let lower = region.to_ascii_lowercase();
        let c = servers::client_with(
            &provider,
            EndpointOpts::new("compute")
                .name(service_names::CLOUD_SERVERS_OPENSTACK)
                .region(*region),
        )
        .expect("region");
        assert_eq!(
            c.endpoint().as_str(),
            format!("https://{lower}.servers.api.rackspacecloud.com/v2/010101/")
        );
        let c = block_storage::client_with(&provider, EndpointOpts::new("volume").region(*region))
            .expect("cbs region");
        assert_eq!(
            c.endpoint().as_str(),
            format!("https://{lower}.blockstorage.api.rackspacecloud.com/v1/010101/")
        );
        assert!(cdn::client_with(
            &provider,
            EndpointOpts::new(cdn::SERVICE_TYPE).region(*region)
        )
        .is_ok());
    }
    // A region Rackspace does not have: the error lists what the catalog offers.
    let err = servers::client_with(&provider, EndpointOpts::new("compute").region("XYZ"))
        .expect_err("no such region");
    assert_eq!(err.kind(), ErrorKind::EndpointNotFound);
    assert!(err.to_string().contains("cloudServersOpenStack"), "{err}");
    // The admin interface is not published by Rackspace.
    assert!(files::client_with(
        &provider,
        EndpointOpts::new("object-store").interface(Interface::Admin)
    )
    .is_err());
    unexpected.assert_calls_async(0).await;
}

#[tokio::test]
async fn without_a_region_the_named_service_is_ambiguous() {
    let server = MockServer::start_async().await;
    token_mock(&server, TOKEN_RESPONSE).await;
    let unexpected = catch_all(&server).await;
    let provider = ProviderClient::builder()
        .auth_method(auth(&server))
        .build()
        .await
        .expect("authenticated");
    let err = servers::client(&provider).expect_err("six regions");
    assert!(err.to_string().contains("choose a region"), "{err}");
    assert!(err.to_string().contains("(ORD)"), "{err}");
    unexpected.assert_calls_async(0).await;
}

#[tokio::test]
async fn requests_carry_the_token_to_the_catalog_endpoint() {
    let server = MockServer::start_async().await;
    // Point DFW Cloud Servers at the mock server; everything else stays as documented.
    let body = TOKEN_RESPONSE.replace(
        "https://dfw.servers.api.rackspacecloud.com",
        &server.url("/dfw"),
    );
    let tokens = token_mock(&server, &body).await;
    let list = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/dfw/v2/010101/servers/detail")
                .header("x-auth-token", "aaaaa-bbbbb-ccccc-dddd");
            then.status(200)
                .header("content-type", "application/json")
                .body(SERVERS_LIST);
        })
        .await;
    let unexpected = catch_all(&server).await;

    let provider = ProviderClient::builder()
        .auth_method(auth(&server))
        .region("DFW")
        .build_lazy()
        .expect("lazy");
    // Lazy: the first request authenticates.
    tokens.assert_calls_async(0).await;
    let compute = provider
        .token()
        .await
        .map(|_| servers::client(&provider))
        .expect("token")
        .expect("client");
    let all = openstack_compute::servers::list(&compute, Default::default())
        .try_collect::<Vec<_>>()
        .await
        .expect("servers");
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].name, "devstack");
    assert_eq!(all[0].disk_config, Some(servers::DiskConfig::Manual));
    assert_eq!(all[0].flavor.id(), Some("performance1-8"));
    list.assert_calls_async(1).await;

    // Re-authentication asks Identity again with the same (kept) API key.
    provider.reauthenticate().await.expect("reauth");
    tokens.assert_calls_async(2).await;
    unexpected.assert_calls_async(0).await;
}

#[tokio::test]
async fn tenant_and_password_variants_are_sent() {
    let server = MockServer::start_async().await;
    let m = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/v2.0/tokens")
                .json_body(json!({"auth": {
                "passwordCredentials": {"username": "jsmith", "password": "pw"},
                "tenantName": "010101"}}));
            then.status(203)
                .header("content-type", "application/json")
                .body(TOKEN_RESPONSE);
        })
        .await;
    let unexpected = catch_all(&server).await;
    let provider = ProviderClient::builder()
        .auth_method(Arc::new(
            RackspaceAuth::password("jsmith", "pw")
                .tenant_name("010101")
                // The identity root: `/v2.0/` is appended.
                .identity_url(server.url("/")),
        ))
        .build()
        .await
        .expect("203 is a success");
    m.assert_calls_async(1).await;
    assert!(provider.token().await.is_ok());
    unexpected.assert_calls_async(0).await;
}

#[tokio::test]
async fn a_401_makes_the_client_authenticate_again_with_the_key() {
    let server = MockServer::start_async().await;
    let body = TOKEN_RESPONSE.replace(
        "https://dfw.servers.api.rackspacecloud.com",
        &server.url("/dfw"),
    );
    let first = token_mock(&server, &body).await;
    let stale = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/dfw/v2/010101/servers/detail")
                .header("x-auth-token", "aaaaa-bbbbb-ccccc-dddd");
            then.status(401)
                .header("content-type", "application/json")
                .body(r#"{"unauthorized": {"code": 401, "message": "Token expired"}}"#);
        })
        .await;
    let fresh_list = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/dfw/v2/010101/servers/detail")
                .header("x-auth-token", "fresh-token-2");
            then.status(200)
                .header("content-type", "application/json")
                .body(SERVERS_LIST);
        })
        .await;

    let provider = ProviderClient::builder()
        .auth_method(auth(&server))
        .region("DFW")
        .build()
        .await
        .expect("first token");
    first.assert_calls_async(1).await;
    // Identity now hands out another token (Rackspace revoked the first one).
    first.delete_async().await;
    let second = token_mock(
        &server,
        &body.replace("aaaaa-bbbbb-ccccc-dddd", "fresh-token-2"),
    )
    .await;
    let unexpected = catch_all(&server).await;

    let compute = servers::client(&provider).expect("compute");
    let all = openstack_compute::servers::list(&compute, Default::default())
        .try_collect::<Vec<_>>()
        .await
        .expect("listed after re-authenticating");
    assert_eq!(all.len(), 1);
    stale.assert_calls_async(1).await;
    second.assert_calls_async(1).await;
    fresh_list.assert_calls_async(1).await;
    assert_eq!(
        provider.token().await.expect("token").expose_id(),
        "fresh-token-2"
    );
    unexpected.assert_calls_async(0).await;
}
