//! The HTTP transport: a pooled hyper-util client with rustls, proxies and timeouts, wrapped
//! in a tower stack (trace → auth → retry → timeout → your layers → hyper).
//!
//! Nothing here exposes hyper types: the stack's service type is [`HttpService`], over
//! `http::Request<Body>` and `http::Response<Body>`.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use tower::util::BoxCloneSyncService;

use crate::body::Body;
use crate::error::{Error, Result};

mod connector;
pub mod layers;
mod tls;

pub(crate) use connector::build_hyper_service;

/// The type-erased service at every level of the client's tower stack. Your own layers
/// (see [`ProviderClientBuilder::layer`](crate::ProviderClientBuilder::layer)) wrap one
/// of these and must return one.
pub type HttpService = BoxCloneSyncService<http::Request<Body>, http::Response<Body>, Error>;

/// Which root certificates to trust.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum TlsRoots {
    /// The Mozilla roots compiled into the program (`webpki-roots`), and the system's
    /// roots when they can be loaded (the default).
    #[default]
    Both,
    /// Only the compiled-in Mozilla roots.
    WebPki,
    /// Only the operating system's roots.
    Native,
    /// No built-in roots: only the CA certificates you add.
    None,
}

/// Where to send requests through a proxy.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub enum ProxyConfig {
    /// Use `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY` and `NO_PROXY` (and their lowercase
    /// forms) from the environment (the default).
    #[default]
    FromEnv,
    /// Never use a proxy.
    Disabled,
    /// Use these proxies.
    Custom {
        /// The proxy for `http://` URLs.
        http: Option<String>,
        /// The proxy for `https://` URLs.
        https: Option<String>,
        /// Hosts that bypass the proxy, in `NO_PROXY` syntax.
        no_proxy: Option<String>,
    },
}

/// A client certificate and its key, PEM-encoded.
#[derive(Clone)]
pub(crate) struct ClientIdentity {
    pub(crate) cert_pem: Vec<u8>,
    pub(crate) key_pem: secrecy::SecretSlice<u8>,
}

/// Transport settings: TLS, timeouts, proxies.
#[derive(Clone)]
pub(crate) struct TransportConfig {
    pub(crate) roots: TlsRoots,
    pub(crate) extra_ca_pem: Vec<Vec<u8>>,
    pub(crate) identity: Option<ClientIdentity>,
    pub(crate) insecure: bool,
    pub(crate) connect_timeout: Option<Duration>,
    pub(crate) request_timeout: Option<Duration>,
    pub(crate) proxy: ProxyConfig,
    pub(crate) pool_idle_timeout: Option<Duration>,
    pub(crate) http2: bool,
}

impl std::fmt::Debug for TransportConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TransportConfig")
            .field("roots", &self.roots)
            .field("extra_ca", &self.extra_ca_pem.len())
            .field("client_identity", &self.identity.is_some())
            .field("insecure", &self.insecure)
            .field("connect_timeout", &self.connect_timeout)
            .field("request_timeout", &self.request_timeout)
            .field("proxy", &self.proxy)
            .field("http2", &self.http2)
            .finish()
    }
}

impl Default for TransportConfig {
    fn default() -> Self {
        TransportConfig {
            roots: TlsRoots::Both,
            extra_ca_pem: Vec::new(),
            identity: None,
            insecure: false,
            connect_timeout: Some(Duration::from_secs(10)),
            request_timeout: Some(Duration::from_secs(120)),
            proxy: ProxyConfig::FromEnv,
            pool_idle_timeout: Some(Duration::from_secs(90)),
            http2: true,
        }
    }
}

pub(crate) fn read_file(path: &Path, what: &str) -> Result<Vec<u8>> {
    std::fs::read(path)
        .map_err(|e| Error::config(format!("cannot read the {what} {}: {e}", path.display())))
}

pub(crate) type SharedMatcher = Option<Arc<hyper_util::client::proxy::matcher::Matcher>>;
