//! The innermost service: hyper-util's pooled client over a proxy-aware rustls connector.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use http::Uri;
use hyper_util::client::legacy::connect::proxy::Tunnel;
use hyper_util::client::legacy::connect::{Connected, Connection, HttpConnector};
use hyper_util::client::legacy::Client;
use hyper_util::client::proxy::matcher::Matcher;
use hyper_util::rt::{TokioExecutor, TokioIo};
use tokio::net::TcpStream;
use tower::Service;

use super::{tls, HttpService, ProxyConfig, SharedMatcher, TransportConfig};
use crate::body::Body;
use crate::error::{redact_url, BoxError, Error, Inner, Result};

type BoxFut<T> = Pin<Box<dyn Future<Output = std::result::Result<T, BoxError>> + Send>>;

/// A TCP stream, direct or through a proxy; tells hyper when it talks to an HTTP proxy so
/// that requests use the absolute form.
pub(crate) struct ProxyStream {
    io: TokioIo<TcpStream>,
    proxied: bool,
}

impl Connection for ProxyStream {
    fn connected(&self) -> Connected {
        self.io.connected().proxy(self.proxied)
    }
}

impl hyper::rt::Read for ProxyStream {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: hyper::rt::ReadBufCursor<'_>,
    ) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_read(cx, buf)
    }
}

impl hyper::rt::Write for ProxyStream {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.io).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_shutdown(cx)
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.io).poll_write_vectored(cx, bufs)
    }
}

/// Connects directly, through an HTTP proxy (plain `http://` targets), or through a CONNECT
/// tunnel (`https://` targets).
#[derive(Clone)]
pub(crate) struct ProxyConnector {
    http: HttpConnector,
    matcher: SharedMatcher,
}

impl Service<Uri> for ProxyConnector {
    type Response = ProxyStream;
    type Error = BoxError;
    type Future = BoxFut<ProxyStream>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<std::result::Result<(), BoxError>> {
        self.http.poll_ready(cx).map_err(Into::into)
    }

    fn call(&mut self, dst: Uri) -> Self::Future {
        let mut http = self.http.clone();
        let intercept = self.matcher.as_ref().and_then(|m| m.intercept(&dst));
        Box::pin(async move {
            match intercept {
                None => Ok(ProxyStream {
                    io: http.call(dst).await?,
                    proxied: false,
                }),
                Some(i) if dst.scheme_str() == Some("https") => {
                    let mut tunnel = Tunnel::new(i.uri().clone(), http);
                    if let Some(auth) = i.basic_auth() {
                        tunnel = tunnel.with_auth(auth.clone());
                    }
                    Ok(ProxyStream {
                        io: tunnel.call(dst).await?,
                        proxied: false,
                    })
                }
                Some(i) => Ok(ProxyStream {
                    io: http.call(i.uri().clone()).await?,
                    proxied: true,
                }),
            }
        })
    }
}

type HyperClient = Client<hyper_rustls::HttpsConnector<ProxyConnector>, Body>;

/// Sends one request with hyper; maps failures to typed errors (connect vs in flight).
#[derive(Clone)]
struct HyperService {
    client: HyperClient,
    matcher: SharedMatcher,
}

impl Service<http::Request<Body>> for HyperService {
    type Response = http::Response<Body>;
    type Error = Error;
    type Future = Pin<Box<dyn Future<Output = Result<http::Response<Body>>> + Send>>;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, mut req: http::Request<Body>) -> Self::Future {
        let client = self.client.clone();
        // Plain-HTTP requests through a proxy carry the proxy's credentials themselves.
        if req.uri().scheme_str() == Some("http") {
            if let Some(auth) = self
                .matcher
                .as_ref()
                .and_then(|m| m.intercept(req.uri()))
                .and_then(|i| i.basic_auth().cloned())
            {
                req.headers_mut()
                    .insert(http::header::PROXY_AUTHORIZATION, auth);
            }
        }
        Box::pin(async move {
            let method = req.method().clone();
            let shown = url::Url::parse(&req.uri().to_string())
                .map(|u| redact_url(&u))
                .unwrap_or_else(|_| "<invalid URL>".into());
            match client.request(req).await {
                Ok(resp) => Ok(resp.map(Body::from_http_body)),
                Err(e) if e.is_connect() => Err(Inner::Connect {
                    url: shown,
                    source: Box::new(e) as BoxError,
                }
                .into()),
                Err(e) => Err(Inner::Transport {
                    method,
                    url: shown,
                    source: Box::new(e) as BoxError,
                }
                .into()),
            }
        })
    }
}

fn matcher(cfg: &ProxyConfig) -> SharedMatcher {
    match cfg {
        ProxyConfig::Disabled => None,
        ProxyConfig::FromEnv => Some(Arc::new(Matcher::from_env())),
        ProxyConfig::Custom {
            http,
            https,
            no_proxy,
        } => {
            let mut b = Matcher::builder();
            if let Some(h) = http {
                b = b.http(h.clone());
            }
            if let Some(h) = https {
                b = b.https(h.clone());
            }
            if let Some(n) = no_proxy {
                b = b.no(n.clone());
            }
            Some(Arc::new(b.build()))
        }
    }
}

/// Builds the innermost service of the stack.
pub(crate) fn build_hyper_service(cfg: &TransportConfig) -> Result<HttpService> {
    let mut http = HttpConnector::new();
    http.enforce_http(false);
    http.set_connect_timeout(cfg.connect_timeout);
    http.set_nodelay(true);
    let matcher = matcher(&cfg.proxy);
    let connector = ProxyConnector {
        http,
        matcher: matcher.clone(),
    };
    let tls = tls::client_config(cfg)?;
    let builder = hyper_rustls::HttpsConnectorBuilder::new()
        .with_tls_config(tls)
        .https_or_http();
    let https = if cfg.http2 {
        builder.enable_all_versions().wrap_connector(connector)
    } else {
        builder.enable_http1().wrap_connector(connector)
    };
    let mut client = Client::builder(TokioExecutor::new());
    client.pool_idle_timeout(cfg.pool_idle_timeout);
    client.pool_timer(hyper_util::rt::TokioTimer::new());
    let client = client.build(https);
    Ok(HttpService::new(HyperService { client, matcher }))
}
