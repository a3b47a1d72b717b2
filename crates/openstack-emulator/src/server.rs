//! The hyper server and the routing by path prefix.

use std::convert::Infallible;
use std::sync::{Arc, Mutex};

use bytes::{Bytes, BytesMut};
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full, StreamBody};
use hyper::body::{Frame, Incoming};
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use md5::Digest;
use serde_json::json;

use crate::http::{parse_query, percent_decode, Req, Resp, RespBody};
use crate::state::State;

/// The largest request body accepted (bigger ones get 413).
const MAX_BODY: usize = 256 * 1024 * 1024;

type Body = BoxBody<Bytes, Infallible>;

/// Accepts connections until `stopped` fires; dropping the task drops every connection.
pub(crate) async fn serve(
    listener: tokio::net::TcpListener,
    state: Arc<Mutex<State>>,
    mut stopped: tokio::sync::oneshot::Receiver<()>,
) {
    let mut conns = tokio::task::JoinSet::new();
    loop {
        tokio::select! {
            _ = &mut stopped => break,
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                let state = state.clone();
                conns.spawn(async move {
                    let svc = service_fn(move |req| {
                        let state = state.clone();
                        async move { Ok::<_, Infallible>(handle(state, req).await) }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), svc)
                        .await;
                });
            }
            Some(_) = conns.join_next(), if !conns.is_empty() => {}
        }
    }
}

async fn handle(state: Arc<Mutex<State>>, req: hyper::Request<Incoming>) -> hyper::Response<Body> {
    let (parts, mut body) = req.into_parts();
    // Read the body as it arrives, hashing it on the way (Swift's ETag).
    let mut buf = BytesMut::new();
    let mut md5 = md5::Md5::new();
    let mut too_big = false;
    while let Some(frame) = body.frame().await {
        match frame {
            Ok(f) => {
                if let Ok(data) = f.into_data() {
                    if buf.len() + data.len() > MAX_BODY {
                        too_big = true;
                        break;
                    }
                    md5.update(&data);
                    buf.extend_from_slice(&data);
                }
            }
            Err(_) => {
                return into_hyper(
                    &parts.method,
                    Resp::text(400, "text/plain", "the request body could not be read"),
                )
            }
        }
    }
    if too_big {
        return into_hyper(
            &parts.method,
            Resp::text(413, "text/plain", "Request Entity Too Large"),
        );
    }
    let raw_path = parts.uri.path().to_owned();
    let mut segs: Vec<String> = raw_path
        .split('/')
        .skip(1)
        .map(|s| percent_decode(s, false))
        .collect();
    // "/compute/v2.1/" and "/compute/v2.1" are the same; object names keep their slashes.
    if segs.last().is_some_and(String::is_empty)
        && segs.first().map(String::as_str) != Some("object-store")
    {
        segs.pop();
    }
    let prefix = if segs.is_empty() {
        String::new()
    } else {
        segs.remove(0)
    };
    let r = Req {
        method: parts.method.clone(),
        segs,
        raw_path,
        query: parse_query(parts.uri.query()),
        headers: parts.headers,
        body: buf.freeze(),
        body_md5: hex::encode(md5.finalize()),
    };
    let resp = {
        let mut st = state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        st.settle();
        route(&mut st, &prefix, &r)
    };
    into_hyper(&r.method, resp)
}

fn route(st: &mut State, prefix: &str, req: &Req) -> Resp {
    match prefix {
        "identity" => crate::identity::handle(st, req),
        "compute" => crate::compute::handle(st, req),
        "network" => crate::network::handle(st, req),
        "object-store" => crate::objectstore::handle(st, req),
        "volume" => crate::volume::handle(st, req),
        "image" => crate::image::handle(st, req),
        "" if req.segs.is_empty() || req.segs == [""] => Resp::json(
            200,
            &json!({"emulator": "openstack-emulator", "identity": format!("{}/identity/v3", st.base),
                    "services": ["identity", "compute", "network", "object-store", "volume", "image"]}),
        ),
        "info" => crate::objectstore::info(),
        _ => Resp::text(
            404,
            "text/plain",
            "404 Not Found: no such service in the emulator",
        ),
    }
}

fn into_hyper(method: &http::Method, resp: Resp) -> hyper::Response<Body> {
    let len = resp.body_len();
    let head = method == http::Method::HEAD;
    let body: Body = if head {
        Full::new(Bytes::new()).boxed()
    } else {
        match resp.body {
            RespBody::Full(b) => Full::new(b).boxed(),
            RespBody::Chunks(chunks) => {
                let stream = futures::stream::iter(
                    chunks
                        .into_iter()
                        .map(|c| Ok::<_, Infallible>(Frame::data(c))),
                );
                StreamBody::new(stream).boxed()
            }
        }
    };
    let mut out = hyper::Response::new(body);
    *out.status_mut() = resp.status;
    *out.headers_mut() = *resp.headers;
    let h = out.headers_mut();
    if !h.contains_key("x-openstack-request-id") {
        let id = format!("req-{}", crate::http::uuid());
        if let Ok(v) = http::HeaderValue::from_str(&id) {
            h.insert("x-openstack-request-id", v.clone());
            h.insert("x-trans-id", v);
        }
    }
    if !h.contains_key(http::header::CONTENT_LENGTH)
        && resp.status != http::StatusCode::NO_CONTENT
        && resp.status != http::StatusCode::NOT_MODIFIED
    {
        h.insert(http::header::CONTENT_LENGTH, http::HeaderValue::from(len));
    }
    if resp.status == http::StatusCode::NO_CONTENT {
        h.remove(http::header::CONTENT_LENGTH);
        h.remove(http::header::CONTENT_TYPE);
        if !head {
            *out.body_mut() = Full::new(Bytes::new()).boxed();
        }
    }
    out
}
