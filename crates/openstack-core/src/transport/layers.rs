//! The layers of the client's tower stack: trace, auth, retry, timeout.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use http::{Method, StatusCode};
use tower::retry::budget::{Budget, TpsBudget};
use tower::{Layer, Service, ServiceExt};
use tracing::Instrument;

use super::HttpService;
use crate::auth::cache::TokenCache;
use crate::body::Body;
use crate::client::Transport;
use crate::error::{redact_url, Error, Inner, Result};

type RespFuture = Pin<Box<dyn Future<Output = Result<http::Response<Body>>> + Send>>;

fn shown_url(req: &http::Request<Body>) -> String {
    url::Url::parse(&req.uri().to_string())
        .map(|u| redact_url(&u))
        .unwrap_or_else(|_| "<invalid URL>".into())
}

// ---------------------------------------------------------------- trace

/// Records one span per logical request, with method, URL (no query) and status.
#[derive(Clone)]
pub(crate) struct Trace {
    inner: HttpService,
}

impl Trace {
    pub(crate) fn new(inner: HttpService) -> Self {
        Trace { inner }
    }
}

impl Service<http::Request<Body>> for Trace {
    type Response = http::Response<Body>;
    type Error = Error;
    type Future = RespFuture;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<()>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: http::Request<Body>) -> Self::Future {
        let span = tracing::debug_span!(
            target: "openstack_core::http",
            "openstack.request",
            method = %req.method(),
            url = %shown_url(&req),
            status = tracing::field::Empty,
        );
        let fut = self.inner.call(req);
        Box::pin(
            async move {
                let start = Instant::now();
                let result = fut.await;
                let elapsed = start.elapsed();
                match &result {
                    Ok(resp) => {
                        tracing::Span::current().record("status", resp.status().as_u16());
                        tracing::debug!(target: "openstack_core::http", ?elapsed, status = resp.status().as_u16(), "response");
                    }
                    Err(e) => {
                        tracing::debug!(target: "openstack_core::http", ?elapsed, error = %e, "request failed");
                    }
                }
                result
            }
            .instrument(span),
        )
    }
}

// ---------------------------------------------------------------- timeout

/// Bounds each attempt's time to the response headers (bodies stream on their own time).
#[derive(Clone)]
pub(crate) struct Timeout {
    inner: HttpService,
    timeout: Option<Duration>,
}

impl Timeout {
    pub(crate) fn new(inner: HttpService, timeout: Option<Duration>) -> Self {
        Timeout { inner, timeout }
    }
}

impl Service<http::Request<Body>> for Timeout {
    type Response = http::Response<Body>;
    type Error = Error;
    type Future = RespFuture;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<()>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: http::Request<Body>) -> Self::Future {
        use crate::request::RequestTimeout;
        let method = req.method().clone();
        let url = shown_url(&req);
        // A per-request setting wins; a streamed body (an upload of unknown duration) has no
        // timeout unless the request sets one.
        let timeout = match req.extensions().get::<RequestTimeout>() {
            Some(RequestTimeout::After(d)) => Some(*d),
            Some(RequestTimeout::Never) => None,
            None if !req.body().is_replayable() => None,
            None => self.timeout,
        };
        let fut = self.inner.call(req);
        Box::pin(async move {
            let Some(timeout) = timeout else {
                return fut.await;
            };
            match tokio::time::timeout(timeout, fut).await {
                Ok(r) => r,
                Err(_) => Err(Inner::Timeout {
                    method,
                    url,
                    timeout,
                }
                .into()),
            }
        })
    }
}

// ---------------------------------------------------------------- retry

/// How the client retries failed requests.
///
/// Classification is separate from policy: a failed connection (nothing was sent) and
/// `429 Too Many Requests` are retried for any method; `502`, `503`, `504`, timeouts and
/// failures in flight only for idempotent methods (`GET`, `HEAD`, `PUT`, `DELETE`,
/// `OPTIONS`); a streamed body is never replayed. `Retry-After` is honoured (up to
/// [`RetryConfig::max_retry_after`]); otherwise the delay is jittered exponential backoff.
/// A retry budget caps retries at a share of recent requests, so a failing cloud is not
/// flooded.
#[derive(Debug, Clone)]
#[non_exhaustive]
#[must_use]
pub struct RetryConfig {
    /// Total attempts per request, the first included (1 disables retries).
    pub max_attempts: u32,
    /// The first backoff delay.
    pub initial_backoff: Duration,
    /// The longest backoff delay.
    pub max_backoff: Duration,
    /// The longest `Retry-After` to honour; a longer one ends retrying.
    pub max_retry_after: Duration,
    /// Retries allowed as a share of requests over the last ten seconds (plus
    /// [`RetryConfig::min_retries_per_sec`]).
    pub retry_percent: f32,
    /// Retries always allowed per second, whatever the share.
    pub min_retries_per_sec: u32,
}

impl Default for RetryConfig {
    fn default() -> Self {
        RetryConfig {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(10),
            max_retry_after: Duration::from_secs(60),
            retry_percent: 0.2,
            min_retries_per_sec: 10,
        }
    }
}

impl RetryConfig {
    /// No retries at all.
    pub fn disabled() -> Self {
        RetryConfig {
            max_attempts: 1,
            ..Default::default()
        }
    }

    /// Sets the total attempts per request.
    pub fn max_attempts(mut self, n: u32) -> Self {
        self.max_attempts = n.max(1);
        self
    }

    /// Sets the backoff range.
    pub fn backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.initial_backoff = initial;
        self.max_backoff = max.max(initial);
        self
    }

    /// Sets the longest `Retry-After` to honour.
    pub fn max_retry_after(mut self, d: Duration) -> Self {
        self.max_retry_after = d;
        self
    }
}

fn is_idempotent(m: &Method) -> bool {
    matches!(
        *m,
        Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS | Method::TRACE
    )
}

/// What a failure means for retrying.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RetryClass {
    /// Do not retry.
    No,
    /// Safe for any method (nothing was processed).
    Always,
    /// Safe only if the method is idempotent.
    IfIdempotent,
}

pub(crate) fn classify(result: &Result<http::Response<Body>>) -> RetryClass {
    match result {
        Ok(resp) => match resp.status() {
            StatusCode::TOO_MANY_REQUESTS => RetryClass::Always,
            StatusCode::BAD_GATEWAY
            | StatusCode::SERVICE_UNAVAILABLE
            | StatusCode::GATEWAY_TIMEOUT => RetryClass::IfIdempotent,
            _ => RetryClass::No,
        },
        Err(e) if e.is_connect() => RetryClass::Always,
        Err(e) if e.is_timeout() || e.kind() == crate::ErrorKind::Transport => {
            RetryClass::IfIdempotent
        }
        Err(_) => RetryClass::No,
    }
}

#[derive(Clone)]
pub(crate) struct RetryPolicy {
    config: Arc<RetryConfig>,
    budget: Arc<TpsBudget>,
    attempt: u32,
}

impl RetryPolicy {
    pub(crate) fn new(config: RetryConfig) -> Self {
        let budget = TpsBudget::new(
            Duration::from_secs(10),
            config.min_retries_per_sec,
            config.retry_percent.clamp(0.0, 1000.0),
        );
        RetryPolicy {
            config: Arc::new(config),
            budget: Arc::new(budget),
            attempt: 1,
        }
    }

    fn backoff(&self) -> Duration {
        let exp = self
            .config
            .initial_backoff
            .saturating_mul(1u32 << (self.attempt - 1).min(16));
        let cap = exp.min(self.config.max_backoff);
        // Full jitter: uniformly in [cap/2, cap].
        let half = cap / 2;
        half + half.mul_f64(fastrand::f64())
    }
}

impl tower::retry::Policy<http::Request<Body>, http::Response<Body>, Error> for RetryPolicy {
    type Future = Pin<Box<dyn Future<Output = ()> + Send>>;

    fn retry(
        &mut self,
        req: &mut http::Request<Body>,
        result: &mut Result<http::Response<Body>>,
    ) -> Option<Self::Future> {
        let class = classify(result);
        let allowed = match class {
            RetryClass::No => false,
            RetryClass::Always => true,
            RetryClass::IfIdempotent => is_idempotent(req.method()),
        };
        if !allowed {
            if result.is_ok() {
                self.budget.deposit();
            }
            return None;
        }
        if self.attempt >= self.config.max_attempts {
            return None;
        }
        let retry_after = match result {
            Ok(resp) => resp
                .headers()
                .get(http::header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(crate::error::parse_retry_after),
            Err(e) => e.retry_after(),
        };
        if retry_after.is_some_and(|d| d > self.config.max_retry_after) {
            return None;
        }
        if !self.budget.withdraw() {
            tracing::debug!(target: "openstack_core::retry", "retry budget exhausted");
            return None;
        }
        let delay = retry_after.unwrap_or_else(|| self.backoff());
        self.attempt += 1;
        tracing::debug!(
            target: "openstack_core::retry",
            attempt = self.attempt,
            ?delay,
            method = %req.method(),
            "retrying"
        );
        Some(Box::pin(tokio::time::sleep(delay)))
    }

    fn clone_request(&mut self, req: &http::Request<Body>) -> Option<http::Request<Body>> {
        if self.config.max_attempts <= 1 {
            return None;
        }
        let body = req.body().try_clone()?;
        let mut out = http::Request::new(body);
        *out.method_mut() = req.method().clone();
        *out.uri_mut() = req.uri().clone();
        *out.version_mut() = req.version();
        *out.headers_mut() = req.headers().clone();
        *out.extensions_mut() = req.extensions().clone();
        Some(out)
    }
}

// ---------------------------------------------------------------- auth

/// Marks a request that must go out without a token.
#[derive(Clone, Copy, Debug)]
pub(crate) struct SkipAuth;

/// Adds the token; on 401, re-authenticates once (single-flight) and replays the request
/// when its body allows it.
#[derive(Clone)]
pub(crate) struct Auth {
    inner: HttpService,
    cache: Arc<TokenCache>,
    transport: Transport,
}

impl Auth {
    pub(crate) fn new(inner: HttpService, cache: Arc<TokenCache>, transport: Transport) -> Self {
        Auth {
            inner,
            cache,
            transport,
        }
    }
}

fn set_token(req: &mut http::Request<Body>, token: &str) -> Result<()> {
    let mut v = http::HeaderValue::from_str(token)
        .map_err(|_| Error::auth("the token contains characters not allowed in a header"))?;
    v.set_sensitive(true);
    req.headers_mut().insert("x-auth-token", v);
    Ok(())
}

impl Service<http::Request<Body>> for Auth {
    type Response = http::Response<Body>;
    type Error = Error;
    type Future = RespFuture;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<()>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut req: http::Request<Body>) -> Self::Future {
        let inner = self.inner.clone();
        let cache = self.cache.clone();
        let transport = self.transport.clone();
        Box::pin(async move {
            if req.extensions().get::<SkipAuth>().is_some() {
                return inner.oneshot(req).await;
            }
            let token = cache.token(&transport).await?;
            set_token(&mut req, token.id_str())?;
            let replay = if cache.can_reauthenticate() {
                req.body().try_clone().map(|body| {
                    let mut r = http::Request::new(body);
                    *r.method_mut() = req.method().clone();
                    *r.uri_mut() = req.uri().clone();
                    *r.headers_mut() = req.headers().clone();
                    *r.extensions_mut() = req.extensions().clone();
                    r
                })
            } else {
                None
            };
            let first = inner.clone().oneshot(req).await?;
            if first.status() != StatusCode::UNAUTHORIZED {
                return Ok(first);
            }
            let Some(mut again) = replay else {
                return Ok(first);
            };
            tracing::debug!(target: "openstack_core::auth", "401 Unauthorized: re-authenticating once");
            drop(first);
            let fresh = cache.refresh_after_rejection(&transport, &token).await?;
            set_token(&mut again, fresh.id_str())?;
            inner.oneshot(again).await
        })
    }
}

/// Applies a `Layer` and boxes the result.
pub(crate) fn boxed<L>(layer: L, inner: HttpService) -> HttpService
where
    L: Layer<HttpService>,
    L::Service: Service<http::Request<Body>, Response = http::Response<Body>, Error = Error>
        + Clone
        + Send
        + Sync
        + 'static,
    <L::Service as Service<http::Request<Body>>>::Future: Send + 'static,
{
    HttpService::new(layer.layer(inner))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classification() {
        let resp = |code: u16| -> Result<http::Response<Body>> {
            let mut r = http::Response::new(Body::empty());
            *r.status_mut() = StatusCode::from_u16(code).expect("status");
            Ok(r)
        };
        assert_eq!(classify(&resp(429)), RetryClass::Always);
        assert_eq!(classify(&resp(503)), RetryClass::IfIdempotent);
        assert_eq!(classify(&resp(502)), RetryClass::IfIdempotent);
        assert_eq!(classify(&resp(504)), RetryClass::IfIdempotent);
        assert_eq!(classify(&resp(500)), RetryClass::No);
        assert_eq!(classify(&resp(404)), RetryClass::No);
        assert_eq!(classify(&resp(200)), RetryClass::No);
        let connect: Result<http::Response<Body>> = Err(Inner::Connect {
            url: "http://x/".into(),
            source: "refused".into(),
        }
        .into());
        assert_eq!(classify(&connect), RetryClass::Always);
        let timeout: Result<http::Response<Body>> = Err(Inner::Timeout {
            method: Method::GET,
            url: "http://x/".into(),
            timeout: Duration::from_secs(1),
        }
        .into());
        assert_eq!(classify(&timeout), RetryClass::IfIdempotent);
        assert_eq!(classify(&Err(Error::invalid_input("x"))), RetryClass::No);
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        let mut p = RetryPolicy::new(
            RetryConfig::default().backoff(Duration::from_millis(100), Duration::from_millis(400)),
        );
        for attempt in 1..8 {
            p.attempt = attempt;
            let d = p.backoff();
            let cap =
                Duration::from_millis(100 * (1 << (attempt - 1))).min(Duration::from_millis(400));
            assert!(d >= cap / 2 && d <= cap, "attempt {attempt}: {d:?}");
        }
    }
}
