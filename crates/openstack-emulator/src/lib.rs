//! # openstack-emulator
//!
//! An in-process, stateful fake OpenStack cloud served over real HTTP on `127.0.0.1` — what
//! moto and LocalStack are to AWS users. One listener serves Keystone (`/identity`), Nova
//! (`/compute/v2.1`), Neutron (`/network`), Swift (`/object-store/v1/AUTH_<project>`), Cinder
//! (`/volume/v3/<project>`, and the v1 API at `/volume/v1/<project>`) and Glance (`/image`),
//! all in memory, with the real services' response and error shapes, so code written against
//! Ferrocloud (or any OpenStack client) can be tested without a cloud. Keystone also serves
//! its administration API (projects, users, roles, grants, role assignments) to `admin`
//! tokens.
//!
//! ```
//! # async fn f() -> Result<(), Box<dyn std::error::Error>> {
//! use openstack_core::{EndpointOpts, ProviderClient, Request};
//!
//! let emulator = openstack_emulator::Emulator::start().await?;
//! let provider = ProviderClient::authenticate(emulator.auth_options()).await?;
//! let compute = provider.service_client(EndpointOpts::new("compute"))?;
//! let flavors: serde_json::Value = compute.send_json(Request::get("flavors")).await?;
//! assert_eq!(flavors["flavors"][0]["name"], "m1.tiny");
//! # Ok(()) }
//! # tokio::runtime::Runtime::new().unwrap().block_on(f()).unwrap();
//! ```
//!
//! Seeded: roles `admin`, `member`, `reader`; users `admin` (admin of projects `admin` and
//! `demo`) and `demo` (member of `demo`) in domain `default`, password `secret` unless [`EmulatorBuilder::password`] says
//! otherwise; flavors `m1.tiny` (id `1`), `m1.small`, `m1.medium`, `m1.large`; a public
//! `cirros` image; as in devstack, a `public` external network (172.24.4.0/24), a `shared`
//! network (192.168.233.0/24, owned by `admin`) and the `demo` project's `private` network
//! (10.0.0.0/26).
//!
//! Servers are `BUILD` after creation and `ACTIVE` after
//! [`EmulatorBuilder::server_build_delay`] (200 ms by default); volumes are `creating` then
//! `available` after [`EmulatorBuilder::volume_delay`]. States are computed from timestamps
//! when a request arrives, so nothing runs in the background.
//!
//! The emulator stops when dropped (or with [`Emulator::shutdown`]).

mod compute;
mod http;
mod identity;
mod identity_admin;
mod image;
mod network;
mod objectstore;
mod server;
mod state;
mod volume;
mod volume_v1;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use openstack_core::auth::{AuthOptions, DomainRef, ProjectRef, Scope, UserRef};

use crate::state::{Config, State};

/// The error returned when the emulator cannot start (the port is taken, ...).
pub type StartError = std::io::Error;

/// A running emulated cloud. Stops when dropped.
#[derive(Debug)]
pub struct Emulator {
    addr: SocketAddr,
    state: Arc<Mutex<State>>,
    password: String,
    task: Option<tokio::task::JoinHandle<()>>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

/// Settings for [`Emulator`]; start it with [`EmulatorBuilder::start`].
#[derive(Debug, Clone)]
#[must_use]
pub struct EmulatorBuilder {
    port: u16,
    password: String,
    token_ttl: Duration,
    server_build_delay: Duration,
    volume_delay: Duration,
    deleted_phase: Duration,
}

impl Default for EmulatorBuilder {
    fn default() -> Self {
        EmulatorBuilder {
            port: 0,
            password: "secret".into(),
            token_ttl: Duration::from_secs(3600),
            server_build_delay: Duration::from_millis(200),
            volume_delay: Duration::from_millis(100),
            deleted_phase: Duration::from_millis(100),
        }
    }
}

impl EmulatorBuilder {
    /// The port to listen on (`0`, the default, picks a free one).
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// The password of the seeded users (default `secret`).
    pub fn password(mut self, password: impl Into<String>) -> Self {
        self.password = password.into();
        self
    }

    /// How long tokens live (default one hour).
    pub fn token_ttl(mut self, ttl: Duration) -> Self {
        self.token_ttl = ttl;
        self
    }

    /// How long a new server stays in `BUILD` (default 200 ms); also the length of reboots,
    /// resizes and other transitional states.
    pub fn server_build_delay(mut self, delay: Duration) -> Self {
        self.server_build_delay = delay;
        self
    }

    /// How long volumes and snapshots stay `creating`/`extending` (default 100 ms).
    pub fn volume_delay(mut self, delay: Duration) -> Self {
        self.volume_delay = delay;
        self
    }

    /// How long a deleted server is still shown as `DELETED` (default 100 ms).
    pub fn deleted_phase(mut self, delay: Duration) -> Self {
        self.deleted_phase = delay;
        self
    }

    /// Binds `127.0.0.1:<port>` and starts serving on the current Tokio runtime.
    pub async fn start(self) -> Result<Emulator, StartError> {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", self.port)).await?;
        let addr = listener.local_addr()?;
        let mut st = State::new(Config {
            password: self.password.clone(),
            token_ttl: self.token_ttl,
            server_build_delay: self.server_build_delay,
            volume_delay: self.volume_delay,
            deleted_phase: self.deleted_phase,
        });
        st.base = format!("http://{addr}");
        let state = Arc::new(Mutex::new(st));
        let (stop, stopped) = tokio::sync::oneshot::channel();
        let task = tokio::spawn(server::serve(listener, state.clone(), stopped));
        Ok(Emulator {
            addr,
            state,
            password: self.password,
            task: Some(task),
            stop: Some(stop),
        })
    }
}

impl Emulator {
    /// Starts an emulator with the defaults on a free port.
    pub async fn start() -> Result<Emulator, StartError> {
        EmulatorBuilder::default().start().await
    }

    /// Settings for an emulator.
    pub fn builder() -> EmulatorBuilder {
        EmulatorBuilder::default()
    }

    /// The root URL, `http://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The address listened on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The identity v3 endpoint, `http://127.0.0.1:<port>/identity/v3`.
    pub fn auth_url(&self) -> String {
        format!("{}/identity/v3", self.url())
    }

    /// The seeded users' password.
    pub fn password(&self) -> &str {
        &self.password
    }

    /// Password options for `admin`, scoped to project `admin` (domain `default`).
    pub fn auth_options(&self) -> AuthOptions {
        self.user_auth_options("admin", "admin")
    }

    /// Password options for `demo`, scoped to project `demo` (domain `default`).
    pub fn demo_auth_options(&self) -> AuthOptions {
        self.user_auth_options("demo", "demo")
    }

    fn user_auth_options(&self, user: &str, project: &str) -> AuthOptions {
        AuthOptions::password(
            self.auth_url(),
            UserRef::name(user, DomainRef::id("default")),
            self.password.clone(),
        )
        .scope(Scope::Project(ProjectRef::name(
            project,
            DomainRef::id("default"),
        )))
    }

    /// An authenticated client for `admin` (project `admin`): the usual first line of a test.
    pub async fn provider(&self) -> openstack_core::Result<openstack_core::ProviderClient> {
        openstack_core::ProviderClient::authenticate(self.auth_options()).await
    }

    /// An authenticated client for `demo` (project `demo`).
    pub async fn demo_provider(&self) -> openstack_core::Result<openstack_core::ProviderClient> {
        openstack_core::ProviderClient::authenticate(self.demo_auth_options()).await
    }

    /// The id of a seeded project (`"admin"` or `"demo"`).
    pub fn project_id(&self, name: &str) -> Option<String> {
        let st = self.lock();
        st.projects
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.id.clone())
    }

    /// The id of a seeded user (`"admin"` or `"demo"`).
    pub fn user_id(&self, name: &str) -> Option<String> {
        let st = self.lock();
        st.users
            .iter()
            .find(|u| u.name == name)
            .map(|u| u.id.clone())
    }

    /// Creates an application credential for a seeded user on their default project, and
    /// returns options that authenticate with it (by id and secret).
    pub fn application_credential(&self, user: &str, name: &str) -> Option<AuthOptions> {
        let mut st = self.lock();
        let u = st.users.iter().find(|u| u.name == user)?.clone();
        let project = u.default_project_id.clone()?;
        let (id, secret) = identity::create_app_cred(&mut st, &u.id, &project, name);
        Some(AuthOptions::application_credential(
            self.auth_url(),
            id,
            secret,
        ))
    }

    /// The lines of an openrc file for `admin` (`export OS_AUTH_URL=...`).
    pub fn openrc(&self) -> String {
        format!(
            "export OS_AUTH_URL={}\nexport OS_IDENTITY_API_VERSION=3\nexport OS_USERNAME=admin\nexport OS_PASSWORD={}\nexport OS_PROJECT_NAME=admin\nexport OS_USER_DOMAIN_ID=default\nexport OS_PROJECT_DOMAIN_ID=default\nexport OS_REGION_NAME=RegionOne\n",
            self.auth_url(),
            self.password
        )
    }

    /// Stops serving and waits for the server task to end (open connections are dropped).
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}
