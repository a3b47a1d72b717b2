//! Authentication against httpmock: Keystone v3 and v2.0 bodies held against the official
//! samples, version discovery, catalog resolution, single-flight re-authentication, and
//! redaction of secrets.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::future::join_all;
use httpmock::prelude::*;
use openstack_core::auth::{
    v2, v3, AuthOptions, Credentials, DomainRef, IdentityVersion, ProjectRef, Scope, UserRef,
};
use openstack_core::wait::ManualClock;
use openstack_core::{EndpointOpts, ErrorKind, ProviderClient, Request, RetryConfig};
use serde_json::{json, Value};
use time::macros::datetime;

// ---------------------------------------------------------------- corpus

fn corpus_dir() -> Option<PathBuf> {
    openstack_test_support::corpus::dir()
}

fn sample(rel: &str) -> Value {
    openstack_test_support::corpus::json(rel)
}

const V3: &str = "keystone/api-ref/source/v3/samples";
const V2: &str = "keystone/historical/v2.0-removed-3a6b1bb8/api-ref/source/v2/samples/admin";

fn pw(user: UserRef) -> Credentials {
    AuthOptions::password("http://k", user, "devstacker").credentials
}

fn tok() -> Credentials {
    token_credentials("'$OS_TOKEN'")
}

#[test]
fn v3_request_bodies_match_the_official_samples() {
    if corpus_dir().is_none() {
        return;
    }
    let uid = || UserRef::id("ee4dfb6e5540447cb3741905149d9b6e");
    let admin_default = || UserRef::name("admin", DomainRef::name("Default"));
    let cases: Vec<(&str, Credentials, Scope)> = vec![
        (
            "auth/requests/domain-id-password.json",
            pw(uid()),
            Scope::Domain(DomainRef::id("default")),
        ),
        (
            "auth/requests/domain-name-password.json",
            pw(uid()),
            Scope::Domain(DomainRef::name("Default")),
        ),
        (
            "auth/requests/project-id-password.json",
            pw(uid()),
            Scope::Project(ProjectRef::id("a6944d763bf64ee6a275f1263fae0352")),
        ),
        (
            "auth/requests/project-name-password.json",
            pw(uid()),
            Scope::Project(ProjectRef::name("admin", DomainRef::id("default"))),
        ),
        (
            "auth/requests/system-password.json",
            pw(uid()),
            Scope::System,
        ),
        (
            "auth/requests/domain-id-token.json",
            tok(),
            Scope::Domain(DomainRef::id("default")),
        ),
        (
            "auth/requests/domain-name-token.json",
            tok(),
            Scope::Domain(DomainRef::name("Default")),
        ),
        (
            "auth/requests/project-id-token.json",
            tok(),
            Scope::Project(ProjectRef::id("a6944d763bf64ee6a275f1263fae0352")),
        ),
        (
            "auth/requests/project-name-token.json",
            tok(),
            Scope::Project(ProjectRef::name("admin", DomainRef::id("default"))),
        ),
        ("auth/requests/system-token.json", tok(), Scope::System),
        (
            "admin/auth-password-explicit-unscoped-request.json",
            pw(uid()),
            Scope::Unscoped,
        ),
        (
            "admin/auth-password-system-scoped-request-with-domain.json",
            pw(admin_default()),
            Scope::System,
        ),
        (
            "admin/auth-password-unscoped-request-with-domain.json",
            pw(admin_default()),
            Scope::Default,
        ),
        (
            "admin/auth-password-unscoped-request.json",
            pw(UserRef::id("423f19a4ac1e4f48bbb4180756e6eb6c")),
            Scope::Default,
        ),
        (
            "admin/auth-token-explicit-unscoped-request.json",
            tok(),
            Scope::Unscoped,
        ),
        (
            "admin/auth-token-scoped-request.json",
            tok(),
            Scope::Project(ProjectRef::id("5b50efd009b540559104ee3c03bbb2b7")),
        ),
        (
            "admin/auth-token-unscoped-request.json",
            tok(),
            Scope::Default,
        ),
        (
            "admin/auth-application-credential-id-request.json",
            AuthOptions::application_credential(
                "http://k",
                "423f19a4ac1e4f48bbb4180756e6eb6c",
                "rEaqvJka48mpv",
            )
            .credentials,
            Scope::Default,
        ),
        (
            "admin/auth-application-credential-name-request.json",
            AuthOptions::application_credential_by_name(
                "http://k",
                "monitoring",
                UserRef::id("423f19a4ac1e4f48bbb4180756e6eb6c"),
                "rEaqvJka48mpv",
            )
            .credentials,
            Scope::Default,
        ),
    ];
    let n = cases.len();
    for (file, creds, scope) in cases {
        let ours = v3::token_request_body(&creds, &scope).unwrap();
        assert_eq!(ours, sample(&format!("{V3}/{file}")), "{file}");
    }
    eprintln!("v3 token request samples matched: {n}");
    // The trust extension's sample: a token scoped to a trust.
    let trust = v3::token_request_body(
        &AuthOptions::token("http://k", "e80b74").credentials,
        &Scope::Trust("de0945a".into()),
    )
    .unwrap();
    assert_eq!(
        trust,
        sample("keystone/api-ref/source/v3-ext/samples/OS-TRUST/trust-auth-request.json")
    );
}

#[test]
fn v2_request_bodies_match_the_official_samples() {
    if corpus_dir().is_none() {
        return;
    }
    let ours = v2::token_request_body(
        &token_credentials("cbc36478b0bd8e67e89469c7749d4127"),
        &Scope::Project(ProjectRef::name_only("demo")),
    )
    .unwrap();
    assert_eq!(
        ours,
        sample(&format!("{V2}/authenticate-token-request.json"))
    );
    let want = sample(&format!("{V2}/authenticate-credentials-request.json"));
    let user = want["auth"]["passwordCredentials"]["username"]
        .as_str()
        .unwrap();
    let pass = want["auth"]["passwordCredentials"]["password"]
        .as_str()
        .unwrap();
    let tenant = want["auth"]["tenantName"].as_str().unwrap();
    let creds = AuthOptions::password("http://k", UserRef::name_only(user), pass).credentials;
    let ours =
        v2::token_request_body(&creds, &Scope::Project(ProjectRef::name_only(tenant))).unwrap();
    assert_eq!(ours, want);
}

fn token_credentials(id: &str) -> Credentials {
    AuthOptions::token("http://k", id).credentials
}

#[test]
fn every_v3_token_response_sample_parses() {
    let Some(dir) = corpus_dir() else { return };
    let index = std::fs::read_to_string(dir.join("keystone/INDEX.tsv")).unwrap();
    let mut n = 0;
    for line in index.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 9
            || cols[3] != "/v3/auth/tokens"
            || cols[4] != "response"
            || cols[8] != "yes"
        {
            continue;
        }
        // MFA receipts are 401 bodies, not tokens.
        if !(cols[2] == "POST" || cols[2] == "GET")
            || !cols[6].ends_with(".json")
            || cols[6].contains("receipt")
        {
            continue;
        }
        let body = std::fs::read(dir.join("keystone").join(cols[6])).unwrap();
        let token =
            v3::parse_token_body("id", &body).unwrap_or_else(|e| panic!("{}: {e}", cols[6]));
        assert!(token.user.is_some(), "{}", cols[6]);
        n += 1;
    }
    assert!(n >= 10, "only {n} v3 token response samples found");
    eprintln!("v3 token response samples decoded: {n}");
    // A trust-scoped token says which trust, and who trusts whom.
    let trust = v3::parse_token_body(
        "x",
        &std::fs::read(dir.join(
            "keystone/api-ref/source/v3-ext/samples/OS-TRUST/trust-auth-trust-response.json",
        ))
        .unwrap(),
    )
    .unwrap()
    .trust
    .expect("the OS-TRUST:trust of the sample");
    assert_eq!(trust.id, "fe0aef");
    assert!(!trust.impersonation);
    assert_eq!(trust.trustor_user_id.as_deref(), Some("bd263c"));
    assert_eq!(trust.trustee_user_id.as_deref(), Some("0ca8f6"));
    let scoped = v3::parse_token_body(
        "x",
        &std::fs::read(dir.join(format!("{V3}/auth/responses/project-scoped-password.json")))
            .unwrap(),
    )
    .unwrap();
    assert!(!scoped.catalog.services.is_empty());
    assert!(scoped.project.is_some());
    assert!(scoped.expires_at.is_some());
    let system = v3::parse_token_body(
        "x",
        &std::fs::read(dir.join(format!("{V3}/auth/responses/system-scoped-password.json")))
            .unwrap(),
    )
    .unwrap();
    assert!(system.system);
}

#[test]
fn v2_token_response_sample_parses() {
    let Some(dir) = corpus_dir() else { return };
    let body = std::fs::read(dir.join(format!("{V2}/authenticate-response.json"))).unwrap();
    let token = v2::parse_token_body(&body).unwrap();
    assert_eq!(
        token.project.as_ref().unwrap().name.as_deref(),
        Some("admin")
    );
    assert!(token.expires_at.is_some());
    let url = token
        .catalog
        .resolve(&EndpointOpts::new("compute").region("RegionOne"))
        .unwrap();
    assert_eq!(
        url.as_str(),
        "http://23.253.72.207:8774/v2/73f0aa26640f4971864919d0eb0f0880/"
    );
    // volumev2 answers to the official type too.
    assert!(token
        .catalog
        .resolve(&EndpointOpts::new("block-storage"))
        .is_ok());
}

// ---------------------------------------------------------------- live flows

fn token_body(server: &MockServer, expires: &str) -> Value {
    json!({"token": {
    "methods": ["password"],
    "expires_at": expires,
    "issued_at": "2030-01-01T00:00:00.000000Z",
    "user": {"id": "u1", "name": "demo", "domain": {"id": "default", "name": "Default"}},
    "project": {"id": "p1", "name": "demo", "domain": {"id": "default", "name": "Default"}},
    "roles": [{"id": "r1", "name": "member"}],
    "catalog": [
        {"type": "compute", "name": "nova", "id": "s1", "endpoints": [
            {"interface": "public", "region": "RegionOne", "region_id": "RegionOne", "url": server.url("/v2.1"), "id": "e1"},
            {"interface": "internal", "region": "RegionOne", "url": server.url("/internal/v2.1"), "id": "e2"}]},
        {"type": "volumev3", "name": "cinderv3", "id": "s2", "endpoints": [
            {"interface": "public", "region": "RegionOne", "url": server.url("/v3/p1"), "id": "e3"}]}
    ]}})
}

fn demo_options(server: &MockServer) -> AuthOptions {
    AuthOptions::password(
        server.url("/"),
        UserRef::name("demo", DomainRef::id("default")),
        "secret",
    )
    .scope(Scope::Project(ProjectRef::name(
        "demo",
        DomainRef::id("default"),
    )))
}

fn versions_doc(server: &MockServer, with_v3: bool) -> Value {
    let mut values = vec![
        json!({"id": "v2.0", "status": "deprecated", "links": [{"rel": "self", "href": server.url("/v2.0/")}]}),
    ];
    if with_v3 {
        values.push(json!({"id": "v3.14", "status": "stable", "links": [{"rel": "self", "href": server.url("/v3/")}]}));
    }
    json!({"versions": {"values": values}})
}

#[tokio::test]
async fn v3_discovery_auth_and_catalog() {
    let server = MockServer::start_async().await;
    let root = server
        .mock_async(|when, then| {
            when.method(GET).path("/");
            then.status(300).json_body(versions_doc(&server, true));
        })
        .await;
    let auth = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/v3/auth/tokens")
                .header("content-type", "application/json")
                .header_missing("x-auth-token")
                .json_body(json!({"auth": {
                    "identity": {"methods": ["password"], "password": {"user": {
                        "name": "demo", "domain": {"id": "default"}, "password": "secret"}}},
                    "scope": {"project": {"name": "demo", "domain": {"id": "default"}}}}}));
            then.status(201)
                .header("x-subject-token", "tok-1")
                .json_body(token_body(&server, "2099-01-01T00:00:00.000000Z"));
        })
        .await;
    let flavors = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/v2.1/flavors")
                .header("x-auth-token", "tok-1");
            then.status(200).json_body(json!({"flavors": []}));
        })
        .await;

    let provider = ProviderClient::authenticate(demo_options(&server))
        .await
        .unwrap();
    root.assert_calls_async(1).await;
    auth.assert_calls_async(1).await;
    let token = provider.token().await.unwrap();
    assert_eq!(
        token.project.as_ref().unwrap().name.as_deref(),
        Some("demo")
    );
    assert_eq!(token.roles[0].name, "member");

    let compute = provider
        .service_client(EndpointOpts::new("compute"))
        .unwrap();
    assert_eq!(compute.endpoint().as_str(), server.url("/v2.1/"));
    let v: Value = compute.send_json(Request::get("flavors")).await.unwrap();
    assert_eq!(v, json!({"flavors": []}));
    flavors.assert_calls_async(1).await;

    let bs = provider
        .service_client(EndpointOpts::new("block-storage"))
        .unwrap();
    assert_eq!(bs.endpoint().as_str(), server.url("/v3/p1/"));
    let err = provider
        .service_client(EndpointOpts::new("network"))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::EndpointNotFound);
    assert!(err.to_string().contains("compute[nova]"), "{err}");
    // No further auth request was needed.
    auth.assert_calls_async(1).await;
}

#[tokio::test]
async fn discovery_falls_back_to_v2_and_versioned_urls_skip_it() {
    let server = MockServer::start_async().await;
    let root = server
        .mock_async(|when, then| {
            when.method(GET).path("/");
            then.status(300).json_body(versions_doc(&server, false));
        })
        .await;
    let v2 = server
        .mock_async(|when, then| {
            when.method(POST).path("/v2.0/tokens").json_body(json!({"auth": {
                "passwordCredentials": {"username": "demo", "password": "secret"}, "tenantName": "demo"}}));
            then.status(200).json_body(json!({"access": {
                "token": {"id": "v2tok", "expires": "2099-01-01T00:00:00Z", "tenant": {"id": "t1", "name": "demo"}},
                "serviceCatalog": [{"type": "compute", "name": "nova", "endpoints": [
                    {"region": "RegionOne", "publicURL": server.url("/v2/t1")}]}],
                "user": {"id": "u1", "name": "demo", "roles": [{"name": "member"}]}}}));
        })
        .await;
    let opts = AuthOptions::password(server.url("/"), UserRef::name_only("demo"), "secret")
        .scope(Scope::Project(ProjectRef::name_only("demo")));
    let provider = ProviderClient::authenticate(opts).await.unwrap();
    root.assert_calls_async(1).await;
    v2.assert_calls_async(1).await;
    let token = provider.token().await.unwrap();
    assert_eq!(token.roles[0].name, "member");
    let compute = provider
        .service_client(EndpointOpts::new("compute"))
        .unwrap();
    assert_eq!(compute.endpoint().as_str(), server.url("/v2/t1/"));

    // A versioned URL is used as it is: no discovery request.
    let opts = AuthOptions::password(server.url("/v2.0"), UserRef::name_only("demo"), "secret")
        .scope(Scope::Project(ProjectRef::name_only("demo")));
    ProviderClient::authenticate(opts).await.unwrap();
    root.assert_calls_async(1).await;
    v2.assert_calls_async(2).await;
    // Forcing v3 on a v2.0 URL is a config error that says so.
    let opts = AuthOptions::password(server.url("/v2.0"), UserRef::name_only("demo"), "secret")
        .identity_version(IdentityVersion::V3);
    let err = ProviderClient::authenticate(opts).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Config);
}

#[tokio::test]
async fn wrong_password_is_a_typed_unauthorized_error() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(POST).path("/v3/auth/tokens");
            then.status(401)
                .header("x-openstack-request-id", "req-abc")
                .json_body(json!({"error": {"code": 401, "title": "Unauthorized",
                    "message": "The request you have made requires authentication."}}));
        })
        .await;
    let mut opts = demo_options(&server);
    opts.auth_url = server.url("/v3");
    let err = ProviderClient::authenticate(opts).await.unwrap_err();
    assert!(err.is_unauthorized());
    assert_eq!(err.request_id(), Some("req-abc"));
    assert_eq!(
        err.api_message(),
        Some("The request you have made requires authentication.")
    );
    assert!(!err.to_string().contains("secret"));
}

/// 64 concurrent calls across an expiry, then across a 401, each cause exactly one new
/// token request.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reauth_is_single_flight_across_expiry_and_401() {
    let server = MockServer::start_async().await;
    // Tokens are handed out in order: tok-1, tok-2, tok-3 (each mock serves once).
    let mut token_mocks = Vec::new();
    for (i, exp) in [
        "2030-01-01T01:00:00.000000Z",
        "2030-01-01T03:00:00.000000Z",
        "2030-01-01T05:00:00.000000Z",
    ]
    .iter()
    .enumerate()
    {
        let body = token_body(&server, exp);
        let m = server
            .mock_async(|when, then| {
                when.method(POST).path("/v3/auth/tokens");
                then.status(201)
                    .header("x-subject-token", format!("tok-{}", i + 1))
                    .json_body(body);
            })
            .await;
        m.up_to_n_times_async(1).await;
        token_mocks.push(m);
    }
    async fn ok<'a>(server: &'a MockServer, tok: &'static str) -> httpmock::Mock<'a> {
        server
            .mock_async(|when, then| {
                when.method(GET)
                    .path("/v2.1/servers")
                    .header("x-auth-token", tok);
                then.status(200).json_body(json!({"servers": []}));
            })
            .await
    }
    let ok1 = ok(&server, "tok-1").await;
    let ok2 = ok(&server, "tok-2").await;
    let ok3 = ok(&server, "tok-3").await;

    let clock = ManualClock::new(datetime!(2030-01-01 00:00 UTC));
    let mut opts = demo_options(&server);
    opts.auth_url = server.url("/v3");
    let provider = ProviderClient::builder()
        .auth_options(opts)
        .clock(Arc::new(clock.clone()))
        .refresh_margin(Duration::from_secs(120))
        .retry(RetryConfig::disabled())
        .build()
        .await
        .unwrap();
    let compute = provider
        .service_client(EndpointOpts::new("compute"))
        .unwrap();
    compute.send(Request::get("servers")).await.unwrap();
    ok1.assert_calls_async(1).await;
    let token_calls = |ms: &Vec<httpmock::Mock<'_>>| ms.iter().map(|m| m.calls()).sum::<usize>();
    assert_eq!(token_calls(&token_mocks), 1);

    // Phase 1: the token is within the refresh margin of its expiry.
    clock.advance(Duration::from_secs(59 * 60));
    let calls = (0..64).map(|_| {
        let c = compute.clone();
        tokio::spawn(async move { c.send(Request::get("servers")).await.map(|r| r.status()) })
    });
    for r in join_all(calls).await {
        assert_eq!(r.unwrap().unwrap(), 200);
    }
    assert_eq!(
        token_calls(&token_mocks),
        2,
        "exactly one refresh across the expiry"
    );
    ok2.assert_calls_async(64).await;

    // Phase 2: tok-2 is revoked server-side: every call gets 401 once.
    ok2.delete_async().await;
    let revoked = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/v2.1/servers")
                .header("x-auth-token", "tok-2");
            then.status(401)
                .json_body(json!({"error": {"code": 401, "message": "revoked"}}));
        })
        .await;
    let calls = (0..64).map(|_| {
        let c = compute.clone();
        tokio::spawn(async move { c.send(Request::get("servers")).await.map(|r| r.status()) })
    });
    for r in join_all(calls).await {
        assert_eq!(r.unwrap().unwrap(), 200);
    }
    assert_eq!(
        token_calls(&token_mocks),
        3,
        "exactly one re-authentication after the 401s"
    );
    assert_eq!(revoked.calls_async().await, 64);
    ok3.assert_calls_async(64).await;
}

#[tokio::test]
async fn token_auth_does_not_reauthenticate_and_reports_401() {
    let server = MockServer::start_async().await;
    let auth = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/v3/auth/tokens")
                .json_body(json!({"auth": {
                "identity": {"methods": ["token"], "token": {"id": "given"}},
                "scope": {"project": {"id": "p1"}}}}));
            then.status(201)
                .header("x-subject-token", "scoped")
                .json_body(token_body(&server, "2099-01-01T00:00:00Z"));
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.1/servers");
            then.status(401)
                .json_body(json!({"error": {"code": 401, "message": "expired"}}));
        })
        .await;
    let opts =
        AuthOptions::token(server.url("/v3/"), "given").scope(Scope::Project(ProjectRef::id("p1")));
    let provider = ProviderClient::authenticate(opts).await.unwrap();
    let compute = provider
        .service_client(EndpointOpts::new("compute"))
        .unwrap();
    let err = compute.send(Request::get("servers")).await.unwrap_err();
    assert!(err.is_unauthorized());
    assert_eq!(err.api_message(), Some("expired"));
    auth.assert_calls_async(1).await;
}

// ---------------------------------------------------------------- redaction

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn secrets_never_appear_in_debug_display_errors_or_traces() {
    const PASSWORD: &str = "CANARY-PASSWORD-7f3a";
    const TOKEN: &str = "CANARY-TOKEN-91bd";
    let captured = Captured::default();
    let sink = captured.clone();
    use tracing_subscriber::layer::SubscriberExt;
    // Everything the client side logs (the mock server's own logs echo request bodies).
    let filter = tracing_subscriber::filter::Targets::new()
        .with_default(tracing::Level::TRACE)
        .with_target("httpmock", tracing::level_filters::LevelFilter::OFF);
    let subscriber = tracing_subscriber::registry()
        .with(
            tracing_subscriber::fmt::layer()
                .with_writer(move || sink.clone())
                .with_ansi(false),
        )
        .with(filter);
    // Global, so that every thread's events are captured (thread-local defaults miss
    // callsites whose interest other test threads cached first).
    tracing::subscriber::set_global_default(subscriber).expect("only this test sets a subscriber");

    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(POST).path("/v3/auth/tokens");
            then.status(201)
                .header("x-subject-token", TOKEN)
                .json_body(token_body(&server, "2099-01-01T00:00:00Z"));
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/v2.1/servers/missing");
            then.status(404).json_body(json!({"itemNotFound": {"code": 404, "message": "Instance missing could not be found."}}));
        })
        .await;
    let opts = AuthOptions::password(
        server.url("/v3"),
        UserRef::name("demo", DomainRef::id("default")),
        PASSWORD,
    )
    .scope(Scope::Project(ProjectRef::id("p1")));
    let opts_debug = format!("{opts:?}");
    let provider = ProviderClient::authenticate(opts).await.unwrap();
    let compute = provider
        .service_client(EndpointOpts::new("compute"))
        .unwrap();
    let err = compute
        .send(Request::get("servers/missing"))
        .await
        .unwrap_err();
    let token = provider.token().await.unwrap();

    let texts = [
        opts_debug,
        format!("{provider:?}"),
        format!("{compute:?}"),
        format!("{token:?}"),
        format!("{err:?}"),
        err.to_string(),
        String::from_utf8(captured.0.lock().unwrap().clone()).unwrap(),
    ];
    assert!(
        texts[6].contains("openstack.request"),
        "tracing captured nothing: {}",
        texts[6]
    );
    for t in &texts {
        assert!(!t.contains(PASSWORD), "password leaked: {t}");
        assert!(!t.contains(TOKEN), "token leaked: {t}");
    }
    let err = AuthOptions::application_credential("http://k", "id", "CANARY-SECRET");
    assert!(!format!("{err:?}").contains("CANARY-SECRET"));
}
