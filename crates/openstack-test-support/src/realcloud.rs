//! The real OpenStack services started by `cargo xtask realcloud up`.
//!
//! `cargo xtask test` exports `FERROCLOUD_REALCLOUD=1` when the services are up; then a
//! real-service test that cannot reach them fails. Without it (a plain `cargo test`), the
//! helpers return `None` and the test prints that it was skipped.

use std::sync::atomic::{AtomicU32, Ordering};

use openstack_core::auth::{AuthOptions, DomainRef, ProjectRef, Scope, UserRef};
use openstack_core::ProviderClient;

/// Keystone's versioned URL in the harness.
pub const AUTH_URL: &str = "http://127.0.0.1:5000/v3";
/// The region every endpoint is in.
pub const REGION: &str = "RegionOne";
/// The password of the `admin` and `demo` users.
pub const PASSWORD: &str = "secret";

/// Whether the real services are up (the harness says so).
pub fn enabled() -> bool {
    std::env::var("FERROCLOUD_REALCLOUD").is_ok_and(|v| v == "1")
}

/// The services the harness started (`keystone`, `swift`, `glance`, `neutron`, `cinder`, `nova`).
pub fn services() -> Vec<String> {
    std::env::var("FERROCLOUD_REALCLOUD_SERVICES")
        .unwrap_or_default()
        .split(',')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Whether a service was started. Prints a skip note when it was not.
pub fn has(service: &str) -> bool {
    let yes = services().iter().any(|s| s == service);
    if !yes {
        eprintln!("SKIPPED: the real {service} service is not running");
    }
    yes
}

/// Password auth options for a user of the harness, scoped to the project of the same name
/// (`admin` or `demo`), by name in the `default` domain.
pub fn options(user: &str) -> AuthOptions {
    AuthOptions::password(
        AUTH_URL,
        UserRef::name(user, DomainRef::id("default")),
        PASSWORD,
    )
    .scope(Scope::Project(ProjectRef::name(
        user,
        DomainRef::id("default"),
    )))
}

/// An authenticated client for `user` (`admin` or `demo`), or `None` (printing SKIPPED)
/// when the real services are not up.
///
/// # Panics
/// When the harness says the services are up but authentication fails.
pub async fn client(user: &str) -> Option<ProviderClient> {
    if !enabled() {
        eprintln!("SKIPPED: real OpenStack services are not running (use `cargo xtask test`)");
        return None;
    }
    let provider = ProviderClient::builder()
        .auth_options(options(user))
        .region(REGION)
        .build()
        .await
        .unwrap_or_else(|e| panic!("cannot authenticate as {user} against the real Keystone: {e}"));
    Some(provider)
}

/// A name unique to this test process and call, for resources a test creates:
/// `ferrocloud-test-<what>-<pid>-<n>`.
pub fn unique_name(what: &str) -> String {
    static N: AtomicU32 = AtomicU32::new(0);
    let n = N.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!(
        "ferrocloud-test-{what}-{}-{n}-{nanos:x}",
        std::process::id()
    )
}
