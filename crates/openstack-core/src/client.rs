//! [`ProviderClient`] (the authenticated connection to a cloud) and [`ServiceClient`]
//! (one service's endpoint on it).

use std::collections::HashMap;
use std::fmt;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use http::header::{HeaderValue, ACCEPT, USER_AGENT};
use http::Method;
use serde::de::DeserializeOwned;
use serde::Serialize;
use tower::{Layer, Service, ServiceExt};
use url::Url;

use crate::auth::cache::TokenCache;
use crate::auth::{AuthMethod, AuthOptions, KeystoneAuth, Token};
use crate::body::Body;
use crate::catalog::{normalize_endpoint, official_service_type, Catalog, EndpointOpts, Interface};
use crate::error::{Error, Result};
use crate::microversion::{
    microversion_headers, parse_microversion_range, Microversion, MicroversionRange,
};
use crate::request::Request;
use crate::response::Response;
use crate::transport::layers::{self, RetryConfig, RetryPolicy, SkipAuth};
use crate::transport::{
    build_hyper_service, read_file, ClientIdentity, HttpService, ProxyConfig, TlsRoots,
    TransportConfig,
};
use crate::wait::{Clock, SystemClock};

/// The default user agent: `ferrocloud/<version>`.
pub const DEFAULT_USER_AGENT: &str = concat!("ferrocloud/", env!("CARGO_PKG_VERSION"));

/// The largest error body read to find the service's message.
const MAX_ERROR_BODY: usize = 64 * 1024;

/// Sends core requests through a tower stack and turns responses into [`Response`] or [`Error`].
#[derive(Clone)]
pub(crate) struct Transport {
    service: HttpService,
    user_agent: HeaderValue,
}

impl Transport {
    pub(crate) async fn execute(
        &self,
        url: &Url,
        request: Request,
        extra_headers: Option<&[(&'static str, String)]>,
    ) -> Result<Response> {
        let parts = request.into_parts();
        let mut req = http::Request::new(parts.body);
        *req.method_mut() = parts.method.clone();
        *req.uri_mut() = url
            .as_str()
            .parse()
            .map_err(|_| Error::invalid_input(format!("cannot send to URL {url}")))?;
        *req.headers_mut() = parts.headers;
        let headers = req.headers_mut();
        headers.insert(USER_AGENT, self.user_agent.clone());
        if !headers.contains_key(ACCEPT) {
            headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        }
        for (name, value) in extra_headers.unwrap_or_default() {
            let v = HeaderValue::from_str(value)
                .map_err(|_| Error::invalid_input(format!("invalid value for header {name}")))?;
            headers.insert(*name, v);
        }
        if !parts.authenticated {
            req.extensions_mut().insert(SkipAuth);
        }
        if let Some(t) = parts.timeout {
            req.extensions_mut().insert(t);
        }
        let resp = self.service.clone().oneshot(req).await?;
        let (head, body) = resp.into_parts();
        let ok = match &parts.ok_status {
            Some(codes) => codes.contains(&head.status),
            None => head.status.is_success(),
        };
        if ok {
            return Ok(Response::new(
                parts.method,
                url.clone(),
                head.status,
                head.headers,
                body,
            ));
        }
        // Read (a bounded amount of) the error body for the service's message.
        let bytes = body
            .collect_truncated(MAX_ERROR_BODY)
            .await
            .unwrap_or_default();
        Err(Error::from_status(
            parts.method,
            url,
            head.status,
            &head.headers,
            &bytes,
        ))
    }
}

type LayerFn = Box<dyn FnOnce(HttpService) -> HttpService + Send>;

/// Builds a [`ProviderClient`].
///
/// ```no_run
/// # async fn f() -> openstack_core::Result<()> {
/// use std::time::Duration;
/// use openstack_core::{ProviderClient, RetryConfig};
/// use openstack_core::auth::{AuthOptions, DomainRef, ProjectRef, Scope, UserRef};
///
/// let auth = AuthOptions::password(
///     "https://keystone.example.com:5000",
///     UserRef::name("demo", DomainRef::id("default")),
///     "secret",
/// )
/// .scope(Scope::Project(ProjectRef::name("demo", DomainRef::id("default"))));
/// let provider = ProviderClient::builder()
///     .auth_options(auth)
///     .region("RegionOne")
///     .request_timeout(Duration::from_secs(60))
///     .retry(RetryConfig::default().max_attempts(5))
///     .user_agent_suffix("my-app/1.2")
///     .build()
///     .await?;
/// # Ok(()) }
/// ```
#[must_use]
pub struct ProviderClientBuilder {
    auth: Option<Arc<dyn AuthMethod>>,
    region: Option<String>,
    interface: Interface,
    overrides: HashMap<String, String>,
    transport: TransportConfig,
    retry: RetryConfig,
    layers: Vec<LayerFn>,
    user_agent_suffix: Option<String>,
    clock: Arc<dyn Clock>,
    refresh_margin: Duration,
    pending_error: Option<Error>,
}

impl fmt::Debug for ProviderClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProviderClientBuilder")
            .field("auth", &self.auth)
            .field("region", &self.region)
            .field("interface", &self.interface)
            .field("overrides", &self.overrides)
            .field("transport", &self.transport)
            .field("retry", &self.retry)
            .field("layers", &self.layers.len())
            .finish()
    }
}

impl Default for ProviderClientBuilder {
    fn default() -> Self {
        ProviderClientBuilder {
            auth: None,
            region: None,
            interface: Interface::Public,
            overrides: HashMap::new(),
            transport: TransportConfig::default(),
            retry: RetryConfig::default(),
            layers: Vec::new(),
            user_agent_suffix: None,
            clock: Arc::new(SystemClock),
            refresh_margin: Duration::from_secs(120),
            pending_error: None,
        }
    }
}

impl ProviderClientBuilder {
    /// Authenticates with Keystone using these options.
    pub fn auth_options(self, options: AuthOptions) -> Self {
        self.auth_method(Arc::new(KeystoneAuth::new(options)))
    }

    /// Authenticates with any [`AuthMethod`] (for example a vendor's).
    pub fn auth_method(mut self, method: Arc<dyn AuthMethod>) -> Self {
        self.auth = Some(method);
        self
    }

    /// The default region for endpoint lookups.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// The default interface for endpoint lookups (public unless set).
    pub fn interface(mut self, interface: Interface) -> Self {
        self.interface = interface;
        self
    }

    /// Uses `url` for a service type instead of the catalog (for every alias of the type).
    pub fn endpoint_override(mut self, service_type: &str, url: impl Into<String>) -> Self {
        self.overrides
            .insert(official_service_type(service_type).to_owned(), url.into());
        self
    }

    /// Which built-in root certificates to trust.
    pub fn tls_roots(mut self, roots: TlsRoots) -> Self {
        self.transport.roots = roots;
        self
    }

    /// Trusts the CA certificates in a PEM bundle as well.
    pub fn add_ca_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.transport.extra_ca_pem.push(pem.into());
        self
    }

    /// Trusts the CA certificates in a PEM file (`OS_CACERT`) as well.
    pub fn ca_file(mut self, path: impl AsRef<Path>) -> Self {
        match read_file(path.as_ref(), "CA bundle") {
            Ok(pem) => self.transport.extra_ca_pem.push(pem),
            Err(e) => self.pending_error = Some(e),
        }
        self
    }

    /// Presents a client certificate (PEM) with its private key (PEM).
    pub fn client_identity_pem(
        mut self,
        cert_pem: impl Into<Vec<u8>>,
        key_pem: impl Into<Vec<u8>>,
    ) -> Self {
        self.transport.identity = Some(ClientIdentity {
            cert_pem: cert_pem.into(),
            key_pem: key_pem.into().into(),
        });
        self
    }

    /// Presents a client certificate from files (`OS_CERT`, `OS_KEY`).
    pub fn client_identity_files(mut self, cert: impl AsRef<Path>, key: impl AsRef<Path>) -> Self {
        match (
            read_file(cert.as_ref(), "client certificate"),
            read_file(key.as_ref(), "client key"),
        ) {
            (Ok(c), Ok(k)) => self.client_identity_pem(c, k),
            (Err(e), _) | (_, Err(e)) => {
                self.pending_error = Some(e);
                self
            }
        }
    }

    /// Turns TLS certificate verification off. Dangerous: anyone on the path can read and
    /// change the traffic, credentials included. A warning is logged when it is used.
    pub fn danger_accept_invalid_certs(mut self, insecure: bool) -> Self {
        self.transport.insecure = insecure;
        self
    }

    /// The time allowed to establish a connection (10 s unless set).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.transport.connect_timeout = Some(timeout);
        self
    }

    /// The time allowed per attempt until the response headers arrive (120 s unless set).
    /// Streaming bodies are not limited by it.
    pub fn request_timeout(mut self, timeout: Duration) -> Self {
        self.transport.request_timeout = Some(timeout);
        self
    }

    /// Proxy settings (the `*_PROXY` environment variables unless set).
    pub fn proxy(mut self, proxy: ProxyConfig) -> Self {
        self.transport.proxy = proxy;
        self
    }

    /// Offers HTTP/2 over TLS through ALPN (on unless set).
    pub fn http2(mut self, enabled: bool) -> Self {
        self.transport.http2 = enabled;
        self
    }

    /// How failed requests are retried.
    pub fn retry(mut self, retry: RetryConfig) -> Self {
        self.retry = retry;
        self
    }

    /// Appends `suffix` to the `User-Agent` (`ferrocloud/0.1.0 my-app/1.2`).
    pub fn user_agent_suffix(mut self, suffix: impl Into<String>) -> Self {
        self.user_agent_suffix = Some(suffix.into());
        self
    }

    /// The clock used for token expiry (tests use a [`ManualClock`](crate::wait::ManualClock)).
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// How long before expiry a token is refreshed (120 s unless set).
    pub fn refresh_margin(mut self, margin: Duration) -> Self {
        self.refresh_margin = margin;
        self
    }

    /// Adds your own tower layer. Layers sit just above the HTTP connection, so they see
    /// every attempt (retries and re-authentication included) as it is sent; the token
    /// header is marked sensitive. Layers added first are outermost.
    pub fn layer<L>(mut self, layer: L) -> Self
    where
        L: Layer<HttpService> + Send + 'static,
        L::Service: Service<http::Request<Body>, Response = http::Response<Body>, Error = Error>
            + Clone
            + Send
            + Sync
            + 'static,
        <L::Service as Service<http::Request<Body>>>::Future: Send + 'static,
    {
        self.layers
            .push(Box::new(move |inner| layers::boxed(layer, inner)));
        self
    }

    /// Builds the client and authenticates (when an auth method was given), so that the
    /// catalog is ready for [`ProviderClient::service_client`].
    pub async fn build(self) -> Result<ProviderClient> {
        let provider = self.build_lazy()?;
        if provider.inner.cache.is_some() {
            provider.token().await?;
        }
        Ok(provider)
    }

    /// Builds the client without authenticating yet: the first request does.
    pub fn build_lazy(mut self) -> Result<ProviderClient> {
        if let Some(e) = self.pending_error.take() {
            return Err(e);
        }
        let user_agent = match &self.user_agent_suffix {
            Some(s) => format!("{DEFAULT_USER_AGENT} {s}"),
            None => DEFAULT_USER_AGENT.to_owned(),
        };
        let user_agent = HeaderValue::from_str(&user_agent).map_err(|_| {
            Error::config(format!(
                "invalid user agent suffix {:?}",
                self.user_agent_suffix
            ))
        })?;

        // Inside out: hyper, your layers, timeout, retry; auth and trace above.
        let mut service = build_hyper_service(&self.transport)?;
        for layer in self.layers.into_iter().rev() {
            service = layer(service);
        }
        service = HttpService::new(layers::Timeout::new(
            service,
            self.transport.request_timeout,
        ));
        if self.retry.max_attempts > 1 {
            service = HttpService::new(tower::retry::Retry::new(
                RetryPolicy::new(self.retry.clone()),
                service,
            ));
        }
        let bare = Transport {
            service: service.clone(),
            user_agent: user_agent.clone(),
        };
        let cache = self
            .auth
            .map(|m| Arc::new(TokenCache::new(m, self.clock.clone(), self.refresh_margin)));
        if let Some(cache) = &cache {
            service = HttpService::new(layers::Auth::new(service, cache.clone(), bare.clone()));
        }
        service = HttpService::new(layers::Trace::new(service));
        let overrides = self
            .overrides
            .into_iter()
            .map(|(k, v)| normalize_endpoint(&v).map(|u| (k, u)))
            .collect::<Result<HashMap<_, _>>>()?;
        Ok(ProviderClient {
            inner: Arc::new(ProviderInner {
                transport: Transport {
                    service,
                    user_agent,
                },
                bare,
                cache,
                region: self.region,
                interface: self.interface,
                overrides,
            }),
        })
    }
}

struct ProviderInner {
    transport: Transport,
    bare: Transport,
    cache: Option<Arc<TokenCache>>,
    region: Option<String>,
    interface: Interface,
    overrides: HashMap<String, Url>,
}

/// An authenticated connection to a cloud: the transport, the auth method, and the current
/// token with its catalog (Gophercloud's `ProviderClient`). Cheap to clone; clones share
/// the connection pool and the token.
#[derive(Clone)]
pub struct ProviderClient {
    inner: Arc<ProviderInner>,
}

impl fmt::Debug for ProviderClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProviderClient")
            .field("region", &self.inner.region)
            .field("interface", &self.inner.interface)
            .field(
                "token",
                &self.inner.cache.as_ref().and_then(|c| c.current()),
            )
            .field("overrides", &self.inner.overrides)
            .finish()
    }
}

impl ProviderClient {
    /// A builder.
    pub fn builder() -> ProviderClientBuilder {
        ProviderClientBuilder::default()
    }

    /// Authenticates with these options and default settings (Gophercloud's
    /// `AuthenticatedClient`).
    pub async fn authenticate(options: AuthOptions) -> Result<ProviderClient> {
        Self::builder().auth_options(options).build().await
    }

    /// The current token, refreshed first when it is missing or about to expire.
    pub async fn token(&self) -> Result<Arc<Token>> {
        match &self.inner.cache {
            Some(c) => c.token(&self.inner.bare).await,
            None => Err(Error::auth("this client has no authentication method")),
        }
    }

    /// Gets a new token now, whatever the state of the current one.
    pub async fn reauthenticate(&self) -> Result<Arc<Token>> {
        match &self.inner.cache {
            Some(c) => c.force_refresh(&self.inner.bare).await,
            None => Err(Error::auth("this client has no authentication method")),
        }
    }

    /// The catalog of the current token (empty before the first authentication).
    pub fn catalog(&self) -> Catalog {
        self.inner
            .cache
            .as_ref()
            .and_then(|c| c.current())
            .map(|t| t.catalog.clone())
            .unwrap_or_default()
    }

    /// The default region.
    pub fn region(&self) -> Option<&str> {
        self.inner.region.as_deref()
    }

    /// Resolves an endpoint: an override if one is set for the type, else the catalog, with
    /// the client's region and interface where `opts` leaves them open.
    pub fn endpoint(&self, opts: &EndpointOpts) -> Result<Url> {
        let official = official_service_type(&opts.service_type);
        if let Some(u) = self.inner.overrides.get(official) {
            return Ok(u.clone());
        }
        let mut opts = opts.clone();
        if opts.region.is_none() {
            opts.region = self.inner.region.clone();
        }
        if opts.interface.is_none() {
            opts.interface = Some(self.inner.interface);
        }
        self.catalog().resolve(&opts)
    }

    /// A client for one service, its endpoint resolved from the catalog.
    ///
    /// ```no_run
    /// # async fn f(provider: openstack_core::ProviderClient) -> openstack_core::Result<()> {
    /// use openstack_core::EndpointOpts;
    /// let compute = provider.service_client(EndpointOpts::new("compute"))?;
    /// let hypervisors: serde_json::Value = compute
    ///     .request(http::Method::GET, "os-hypervisors")
    ///     .send_json()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn service_client(&self, opts: EndpointOpts) -> Result<ServiceClient> {
        let endpoint = self.endpoint(&opts)?;
        Ok(ServiceClient::new(
            self.clone(),
            opts.service_type,
            endpoint,
        ))
    }

    /// Sends a request to an absolute URL (its path must be absolute), with the token.
    pub async fn send(&self, request: Request) -> Result<Response> {
        let url = Url::parse(request.path()).map_err(|_| {
            Error::invalid_input(format!(
                "ProviderClient::send needs an absolute URL, got {:?}; use a ServiceClient",
                request.path()
            ))
        })?;
        let url = request.url(&url)?;
        self.inner.transport.execute(&url, request, None).await
    }
}

/// One service's endpoint on a [`ProviderClient`], with an optional microversion
/// (Gophercloud's `ServiceClient`). Cheap to clone.
#[derive(Clone)]
pub struct ServiceClient {
    provider: ProviderClient,
    service_type: String,
    endpoint: Url,
    microversion: Option<Microversion>,
}

impl fmt::Debug for ServiceClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServiceClient")
            .field("service_type", &self.service_type)
            .field("endpoint", &self.endpoint.as_str())
            .field("microversion", &self.microversion)
            .finish()
    }
}

impl ServiceClient {
    /// A client for `service_type` at `endpoint` (normalised to end with `/`).
    pub fn new(provider: ProviderClient, service_type: impl Into<String>, endpoint: Url) -> Self {
        let endpoint = normalize_endpoint(endpoint.as_str()).unwrap_or(endpoint);
        ServiceClient {
            provider,
            service_type: service_type.into(),
            endpoint,
            microversion: None,
        }
    }

    /// The endpoint, ending with `/`.
    pub fn endpoint(&self) -> &Url {
        &self.endpoint
    }

    /// The service type this client was made for.
    pub fn service_type(&self) -> &str {
        &self.service_type
    }

    /// The provider.
    pub fn provider(&self) -> &ProviderClient {
        &self.provider
    }

    /// The microversion sent with every request, if any.
    pub fn microversion(&self) -> Option<Microversion> {
        self.microversion
    }

    /// A copy that sends `microversion` with every request (`OpenStack-API-Version` and the
    /// service's legacy header).
    #[must_use]
    pub fn with_microversion(&self, microversion: Microversion) -> Self {
        let mut c = self.clone();
        c.microversion = Some(microversion);
        c
    }

    /// A copy that sends no microversion.
    #[must_use]
    pub fn without_microversion(&self) -> Self {
        let mut c = self.clone();
        c.microversion = None;
        c
    }

    /// The full URL of a path relative to the endpoint.
    pub fn url(&self, path: &str) -> Result<Url> {
        Request::get(path).url(&self.endpoint)
    }

    /// Sends a request: adds the endpoint, token, microversion and user agent; retries and
    /// re-authenticates as configured; turns a status the request does not accept into an
    /// [`Error`].
    pub async fn send(&self, request: Request) -> Result<Response> {
        let url = request.url(&self.endpoint)?;
        match self.microversion {
            Some(v) => {
                let headers = microversion_headers(&self.service_type, v);
                self.provider
                    .inner
                    .transport
                    .execute(&url, request, Some(&headers))
                    .await
            }
            None => {
                self.provider
                    .inner
                    .transport
                    .execute(&url, request, None)
                    .await
            }
        }
    }

    /// Sends a request and decodes the JSON response.
    pub async fn send_json<T: DeserializeOwned>(&self, request: Request) -> Result<T> {
        self.send(request).await?.json().await
    }

    /// Sends a request and decodes the object under `key` of the JSON response
    /// (`{"server": {...}}`).
    pub async fn send_keyed<T: DeserializeOwned>(&self, request: Request, key: &str) -> Result<T> {
        self.send(request).await?.json_keyed(key).await
    }

    /// Sends a request whose response body does not matter (it is dropped unread).
    pub async fn send_empty(&self, request: Request) -> Result<()> {
        self.send(request).await.map(drop)
    }

    /// A raw request for an API call that has no model yet: it reuses the endpoint, auth,
    /// retries and error handling.
    pub fn request(&self, method: Method, path: impl Into<String>) -> RawRequest<'_> {
        RawRequest {
            client: self,
            request: Ok(Request::new(method, path)),
        }
    }

    /// The service's supported microversion range, from its version document (`None` when
    /// it announces none). The document is read from the versioned root of the endpoint
    /// (`/v2.1/` for `/v2.1/<project>`).
    pub async fn discover_microversions(&self) -> Result<Option<MicroversionRange>> {
        let (root, id) = version_root(&self.endpoint);
        let resp = self
            .send(Request::get(root.to_string()).ok_status([200, 300]))
            .await?;
        let bytes = resp.bytes().await?;
        parse_microversion_range(&bytes, id.as_deref())
    }

    /// Picks the highest microversion up to `wanted` that the service supports, and returns
    /// a client that sends it.
    pub async fn negotiate_microversion(&self, wanted: Microversion) -> Result<ServiceClient> {
        let range = self.discover_microversions().await?.ok_or_else(|| {
            Error::invalid_input(format!(
                "the {} service announces no microversions",
                self.service_type
            ))
        })?;
        let v = range.negotiate(wanted).ok_or_else(|| {
            Error::invalid_input(format!(
                "the {} service supports microversions {}..{}, which excludes {wanted}",
                self.service_type, range.min, range.max
            ))
        })?;
        Ok(self.with_microversion(v))
    }
}

/// The endpoint cut after its version segment (`v2.1`, `v3`), with that segment.
fn version_root(endpoint: &Url) -> (Url, Option<String>) {
    let segs: Vec<&str> = endpoint
        .path_segments()
        .map(|s| s.collect())
        .unwrap_or_default();
    let is_version = |s: &str| {
        let t = s.strip_prefix('v').unwrap_or("");
        !t.is_empty()
            && t.split('.')
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    };
    if let Some(pos) = segs.iter().position(|s| is_version(s)) {
        let mut u = endpoint.clone();
        u.set_path(&format!("{}/", segs[..=pos].join("/")));
        u.set_query(None);
        let id = segs[pos].to_owned();
        return (u, Some(id));
    }
    (endpoint.clone(), None)
}

/// A request built on a [`ServiceClient`] for calls that have no model yet
/// (see [`ServiceClient::request`]). Errors from building surface when it is sent.
#[derive(Debug)]
#[must_use]
pub struct RawRequest<'a> {
    client: &'a ServiceClient,
    request: Result<Request>,
}

impl RawRequest<'_> {
    fn map(mut self, f: impl FnOnce(Request) -> Result<Request>) -> Self {
        self.request = self.request.and_then(f);
        self
    }

    /// Adds query parameters from a struct.
    pub fn query<T: Serialize + ?Sized>(self, query: &T) -> Self {
        self.map(|r| r.query(query))
    }

    /// Sets a header.
    pub fn header(self, name: &str, value: &str) -> Self {
        self.map(|r| r.header(name, value))
    }

    /// Sets a JSON body.
    pub fn json<T: Serialize + ?Sized>(self, body: &T) -> Self {
        self.map(|r| r.json(body))
    }

    /// Sets a body.
    pub fn body(self, body: impl Into<Body>) -> Self {
        self.map(|r| Ok(r.body(body)))
    }

    /// Sets the accepted status codes.
    pub fn ok_status(self, codes: impl IntoIterator<Item = u16>) -> Self {
        let codes: Vec<u16> = codes.into_iter().collect();
        self.map(|r| Ok(r.ok_status(codes)))
    }

    /// Sends it.
    pub async fn send(self) -> Result<Response> {
        self.client.send(self.request?).await
    }

    /// Sends it and decodes the JSON response.
    pub async fn send_json<T: DeserializeOwned>(self) -> Result<T> {
        self.send().await?.json().await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_roots() {
        let u = |s: &str| Url::parse(s).expect("url");
        assert_eq!(
            version_root(&u("http://nova:8774/v2.1/")),
            (u("http://nova:8774/v2.1/"), Some("v2.1".into()))
        );
        assert_eq!(
            version_root(&u("http://cinder:8776/v3/abc/")),
            (u("http://cinder:8776/v3/"), Some("v3".into()))
        );
        assert_eq!(
            version_root(&u("http://host/compute/v2.1/")),
            (u("http://host/compute/v2.1/"), Some("v2.1".into()))
        );
        assert_eq!(version_root(&u("http://glance:9292/")).1, None);
    }
}
