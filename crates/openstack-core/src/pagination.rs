//! Pagination: [`Pager<T>`], a lazy [`Stream`] of items that fetches one page at a time.
//!
//! Three strategies cover OpenStack:
//! - **linked** pages, where each page names the next one: `servers_links` /
//!   `networks_links` / `links` lists with `rel: next` (Nova, Neutron, Cinder), Keystone's
//!   `links: {"next": ...}` object, and Glance's `next` field;
//! - **marker** pages, where the next request asks for items after the last one seen
//!   (`marker=<name or id>`; Swift's plain-text and JSON listings);
//! - a **single** page (no pagination).
//!
//! A page is decoded straight into the typed items (no intermediate JSON document), and only
//! one page is held in memory at a time. A next link or marker that repeats ends the stream
//! with an error instead of looping.
//!
//! ```no_run
//! # async fn f(compute: openstack_core::ServiceClient) -> openstack_core::Result<()> {
//! use futures::TryStreamExt;
//! use openstack_core::{Pager, Request};
//!
//! #[derive(serde::Deserialize)]
//! struct Server { id: String, name: String }
//!
//! let mut servers = Pager::<Server>::linked(compute, Request::get("servers"), "servers")
//!     .page_size(100)
//!     .max_items(1000);
//! while let Some(server) = servers.try_next().await? {
//!     println!("{} {}", server.id, server.name);
//! }
//! # Ok(()) }
//! ```

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};

use bytes::Bytes;
use futures::stream::BoxStream;
use futures::{Stream, StreamExt, TryStreamExt};
use http::HeaderMap;
use serde::de::{DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde::Deserialize;
use url::Url;

use crate::client::ServiceClient;
use crate::error::{redact_url, Error, Inner, Result};
use crate::request::Request;
use crate::response::{decode_json, decode_json_seed};

/// What a page decoder found: the items, and the next page's link if the page names one.
#[derive(Debug)]
#[non_exhaustive]
pub struct PageContent<T> {
    /// The items of the page.
    pub items: Vec<T>,
    /// The next page's link (absolute or relative), if the page has one.
    pub next: Option<String>,
}

impl<T> PageContent<T> {
    /// A page's content.
    pub fn new(items: Vec<T>, next: Option<String>) -> Self {
        PageContent { items, next }
    }
}

type DecodeFn<T> = Arc<dyn Fn(&[u8], &str) -> Result<PageContent<T>> + Send + Sync>;
type MarkerFn<T> = Arc<dyn Fn(&T) -> String + Send + Sync>;

enum Next<T> {
    Links,
    Marker(MarkerFn<T>),
    Single,
}

impl<T> Clone for Next<T> {
    fn clone(&self) -> Self {
        match self {
            Next::Links => Next::Links,
            Next::Marker(f) => Next::Marker(f.clone()),
            Next::Single => Next::Single,
        }
    }
}

struct Plan<T> {
    client: ServiceClient,
    first: Result<Url>,
    headers: HeaderMap,
    decode: DecodeFn<T>,
    next: Next<T>,
}

/// What a pager is built from: a [`Request`], or the result of building one.
///
/// List functions build their request from options that may fail to encode; passing the
/// `Result` lets the error surface where the items are read (the first poll), with no I/O.
pub trait PageRequest {
    /// The request, or why there is none.
    fn into_page_request(self) -> Result<Request>;
}

impl PageRequest for Request {
    fn into_page_request(self) -> Result<Request> {
        Ok(self)
    }
}

impl PageRequest for Result<Request> {
    fn into_page_request(self) -> Result<Request> {
        self
    }
}

/// A lazy stream of `T` over the pages of a listing.
///
/// Nothing is requested until the stream is polled; then one page is fetched at a time, as
/// the items of the previous one run out. Use it as a [`Stream`] of `Result<T>`, or take the
/// pages with [`Pager::pages`], or everything with [`Pager::try_collect_all`].
#[must_use = "a Pager does nothing until it is polled"]
pub struct Pager<T> {
    plan: Option<Plan<T>>,
    max_items: Option<usize>,
    pages: Option<BoxStream<'static, Result<Vec<T>>>>,
    buffer: std::vec::IntoIter<T>,
    remaining: Option<usize>,
    done: bool,
}

// The pager never pins its items.
impl<T> Unpin for Pager<T> {}

impl<T> fmt::Debug for Pager<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pager")
            .field("started", &self.plan.is_none())
            .field("max_items", &self.max_items)
            .field("buffered", &self.buffer.len())
            .field("done", &self.done)
            .finish()
    }
}

impl<T: DeserializeOwned + Send + 'static> Pager<T> {
    /// Pages that link to the next one: the items are under `items_key` (`"servers"`), the
    /// link in `<items_key>_links`, `links` (a list with `rel: "next"` or an object with
    /// `next`), or a top-level `next` field.
    pub fn linked(client: ServiceClient, request: impl PageRequest, items_key: &str) -> Self {
        let key = items_key.to_owned();
        Self::custom(
            client,
            request,
            move |bytes, what| decode_keyed(bytes, what, &key),
            None,
        )
    }

    /// A listing that is not paginated: one request, items under `items_key`.
    pub fn single(client: ServiceClient, request: impl PageRequest, items_key: &str) -> Self {
        let key = items_key.to_owned();
        let mut p = Self::custom(
            client,
            request,
            move |bytes, what| {
                let mut page = decode_keyed::<T>(bytes, what, &key)?;
                page.next = None;
                Ok(page)
            },
            None,
        );
        if let Some(plan) = &mut p.plan {
            plan.next = Next::Single;
        }
        p
    }

    /// Marker pages: the next request repeats the first with `marker=<marker_of(last item)>`,
    /// until a page comes back empty or shorter than the `limit` of the request. The items
    /// are under `items_key`, or form the top-level array when it is `None` (Swift's JSON
    /// listings, where an empty listing may come as `204 No Content` with no body: no items).
    pub fn marker(
        client: ServiceClient,
        request: impl PageRequest,
        items_key: Option<&str>,
        marker_of: impl Fn(&T) -> String + Send + Sync + 'static,
    ) -> Self {
        let key = items_key.map(str::to_owned);
        Self::custom(
            client,
            request,
            move |bytes, what| match &key {
                Some(k) => {
                    let mut page = decode_keyed::<T>(bytes, what, k)?;
                    page.next = None;
                    Ok(page)
                }
                None if bytes.iter().all(u8::is_ascii_whitespace) => {
                    Ok(PageContent::new(Vec::new(), None))
                }
                None => Ok(PageContent::new(decode_json::<Vec<T>>(bytes, what)?, None)),
            },
            Some(Arc::new(marker_of)),
        )
    }
}

impl Pager<String> {
    /// Swift's plain-text listings: one name per line, marker pages. Asks for plain text
    /// (`Accept: text/plain`) unless the request sets its own `Accept`.
    pub fn text_lines(client: ServiceClient, request: impl PageRequest) -> Self {
        let request = match request.into_page_request() {
            Ok(r) => r,
            Err(e) => return Pager::failed(e),
        };
        let request = if request.headers().contains_key(http::header::ACCEPT) {
            request
        } else {
            let mut request = request;
            let mut headers = request.headers().clone();
            headers.insert(
                http::header::ACCEPT,
                http::HeaderValue::from_static("text/plain"),
            );
            request.set_headers(headers);
            request
        };
        Self::custom(
            client,
            request,
            |bytes, what| {
                let text = std::str::from_utf8(bytes)
                    .map_err(|_| Error::decode(what, "the listing is not UTF-8"))?;
                Ok(PageContent::new(
                    text.lines()
                        .filter(|l| !l.is_empty())
                        .map(str::to_owned)
                        .collect(),
                    None,
                ))
            },
            Some(Arc::new(|s: &String| s.clone())),
        )
    }
}

impl<T: Send + 'static> Pager<T> {
    /// A pager with your own page decoder. With `marker_of`, pages continue by marker;
    /// without it, by the `next` link the decoder returns.
    pub fn custom(
        client: ServiceClient,
        request: impl PageRequest,
        decode: impl Fn(&[u8], &str) -> Result<PageContent<T>> + Send + Sync + 'static,
        marker_of: Option<MarkerFn<T>>,
    ) -> Self {
        let (first, headers) = match request.into_page_request() {
            Ok(r) => (r.url(client.endpoint()), r.headers().clone()),
            Err(e) => (Err(e), HeaderMap::new()),
        };
        Pager {
            plan: Some(Plan {
                client,
                first,
                headers,
                decode: Arc::new(decode),
                next: match marker_of {
                    Some(f) => Next::Marker(f),
                    None => Next::Links,
                },
            }),
            max_items: None,
            pages: None,
            buffer: Vec::new().into_iter(),
            remaining: None,
            done: false,
        }
    }

    /// A pager that yields `error` when polled: for list functions whose request could not
    /// be built, so that the error surfaces where the items are read.
    pub fn failed(error: Error) -> Self {
        Pager {
            plan: None,
            max_items: None,
            pages: Some(futures::stream::once(async move { Err(error) }).boxed()),
            buffer: Vec::new().into_iter(),
            remaining: None,
            done: false,
        }
    }

    /// Asks the server for `n` items per page (the `limit` query parameter). This is separate
    /// from [`Pager::max_items`].
    pub fn page_size(mut self, n: usize) -> Self {
        if let Some(plan) = &mut self.plan {
            if let Ok(url) = &mut plan.first {
                set_query_param(url, "limit", &n.to_string());
            }
        }
        self
    }

    /// Stops after `n` items in total; no page beyond the one holding the `n`th item is
    /// requested.
    pub fn max_items(mut self, n: usize) -> Self {
        self.max_items = Some(n);
        self
    }

    fn start(&mut self) {
        if let Some(mut plan) = self.plan.take() {
            self.remaining = self.max_items;
            let first = std::mem::replace(
                &mut plan.first,
                Err(Error::invalid_input("the pager has already started")),
            );
            self.pages = Some(match first {
                Ok(url) => page_stream(plan, url),
                Err(e) => futures::stream::once(async move { Err(e) }).boxed(),
            });
        }
    }

    /// The pages, as vectors of items (truncated by [`Pager::max_items`]; no page is requested
    /// once that many items have been yielded).
    pub fn pages(mut self) -> impl Stream<Item = Result<Vec<T>>> + Send {
        self.start();
        let pages = self
            .pages
            .take()
            .unwrap_or_else(|| futures::stream::empty().boxed());
        futures::stream::unfold((pages, self.remaining), |(mut pages, left)| async move {
            if left == Some(0) {
                return None;
            }
            match pages.next().await? {
                Err(e) => Some((Err(e), (futures::stream::empty().boxed(), left))),
                Ok(mut items) => {
                    let left = left.map(|n| {
                        items.truncate(n);
                        n - items.len()
                    });
                    Some((Ok(items), (pages, left)))
                }
            }
        })
    }

    /// Fetches every page and returns all the items (appending whole pages, so the result
    /// grows a page at a time rather than an item at a time).
    pub async fn try_collect_all(self) -> Result<Vec<T>> {
        let mut pages = std::pin::pin!(self.pages());
        let mut all: Vec<T> = Vec::new();
        while let Some(mut page) = pages.try_next().await? {
            if all.is_empty() {
                all = page;
            } else {
                all.append(&mut page);
            }
        }
        Ok(all)
    }
}

impl<T: Send + 'static> Stream for Pager<T> {
    type Item = Result<T>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        this.start();
        loop {
            if this.done || this.remaining == Some(0) {
                return Poll::Ready(None);
            }
            if let Some(item) = this.buffer.next() {
                if let Some(n) = &mut this.remaining {
                    *n -= 1;
                }
                return Poll::Ready(Some(Ok(item)));
            }
            let Some(pages) = this.pages.as_mut() else {
                return Poll::Ready(None);
            };
            match pages.as_mut().poll_next(cx) {
                Poll::Ready(Some(Ok(items))) => this.buffer = items.into_iter(),
                Poll::Ready(Some(Err(e))) => {
                    this.done = true;
                    return Poll::Ready(Some(Err(e)));
                }
                Poll::Ready(None) => {
                    this.done = true;
                    return Poll::Ready(None);
                }
                Poll::Pending => return Poll::Pending,
            }
        }
    }
}

struct State<T> {
    plan: Plan<T>,
    next_url: Option<Url>,
    seen: HashSet<String>,
}

fn page_stream<T: Send + 'static>(plan: Plan<T>, first: Url) -> BoxStream<'static, Result<Vec<T>>> {
    let state = State {
        plan,
        next_url: Some(first),
        seen: HashSet::new(),
    };
    futures::stream::try_unfold(state, |mut st| async move {
        let Some(url) = st.next_url.take() else {
            return Ok(None);
        };
        if !st.seen.insert(url.as_str().to_owned()) {
            return Err(Inner::Pagination {
                message: format!(
                    "the next page {} was already fetched; stopping instead of looping",
                    redact_url(&url)
                ),
            }
            .into());
        }
        let mut req = Request::get(url.as_str().to_owned());
        req.set_headers(st.plan.headers.clone());
        let resp = st.plan.client.send(req).await?;
        let what = format!("the page {}", redact_url(&url));
        let bytes: Bytes = resp.bytes().await?;
        let page = (st.plan.decode)(&bytes, &what)?;
        drop(bytes);
        st.next_url = match &st.plan.next {
            Next::Single => None,
            Next::Links => match page.next.as_deref() {
                Some(next) if !page.items.is_empty() => {
                    Some(resolve_next(st.plan.client.endpoint(), &url, next)?)
                }
                _ => None,
            },
            Next::Marker(marker_of) => {
                let limit = query_param(&url, "limit").and_then(|l| l.parse::<usize>().ok());
                let full = match limit {
                    Some(l) => page.items.len() >= l && l > 0,
                    None => !page.items.is_empty(),
                };
                match page.items.last() {
                    Some(last) if full => {
                        let mut u = url.clone();
                        set_query_param(&mut u, "marker", &marker_of(last));
                        Some(u)
                    }
                    _ => None,
                }
            }
        };
        Ok(Some((page.items, st)))
    })
    .boxed()
}

/// Resolves a next link: absolute URLs as they are; a path starting with `/` below the
/// endpoint's unversioned root (as Glance's `next: "/v2/images?marker=..."` needs when the
/// image service lives under a path such as `/image`); anything else against the current
/// page.
fn resolve_next(endpoint: &Url, current: &Url, next: &str) -> Result<Url> {
    let bad = |e: url::ParseError| -> Error {
        Inner::Pagination {
            message: format!("the next link {next:?} is not a URL: {e}"),
        }
        .into()
    };
    if next.starts_with("http://") || next.starts_with("https://") {
        return Url::parse(next).map_err(bad);
    }
    if let Some(rest) = next.strip_prefix('/') {
        let root = unversioned_root(endpoint);
        if root.path() != "/" {
            let root_path = root.path().trim_end_matches('/');
            if !next.starts_with(&format!("{root_path}/")) {
                return root.join(rest).map_err(bad);
            }
        }
    }
    current.join(next).map_err(bad)
}

/// The endpoint without its version segment and anything after it.
fn unversioned_root(endpoint: &Url) -> Url {
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
    let keep = segs
        .iter()
        .position(|s| is_version(s))
        .unwrap_or(segs.len());
    let mut u = endpoint.clone();
    let path: Vec<&str> = segs[..keep]
        .iter()
        .copied()
        .filter(|s| !s.is_empty())
        .collect();
    u.set_path(&format!(
        "/{}",
        path.iter().map(|s| format!("{s}/")).collect::<String>()
    ));
    u.set_query(None);
    u
}

fn query_param(url: &Url, key: &str) -> Option<String> {
    url.query_pairs()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}

fn set_query_param(url: &mut Url, key: &str, value: &str) {
    let pairs: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| k != key)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let mut q = url.query_pairs_mut();
    q.clear();
    for (k, v) in &pairs {
        q.append_pair(k, v);
    }
    q.append_pair(key, value);
}

// ---------------------------------------------------------------- keyed page decoding

/// Decodes a page whose items are under `key`, picking the next link on the way, without
/// building an intermediate JSON document.
pub fn decode_keyed<T: DeserializeOwned>(
    bytes: &[u8],
    what: &str,
    key: &str,
) -> Result<PageContent<T>> {
    let page = decode_json_seed(
        bytes,
        what,
        KeyedSeed::<T> {
            key,
            marker: PhantomData,
        },
    )?;
    match page.items {
        Some(items) => Ok(PageContent::new(items, page.next)),
        None => Err(Error::decode(what, format!("the page has no `{key}` list"))),
    }
}

struct KeyedPage<T> {
    items: Option<Vec<T>>,
    next: Option<String>,
}

struct KeyedSeed<'a, T> {
    key: &'a str,
    marker: PhantomData<T>,
}

impl<T> Clone for KeyedSeed<'_, T> {
    fn clone(&self) -> Self {
        KeyedSeed {
            key: self.key,
            marker: PhantomData,
        }
    }
}

impl<'de, T: DeserializeOwned> DeserializeSeed<'de> for KeyedSeed<'_, T> {
    type Value = KeyedPage<T>;

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        d: D,
    ) -> std::result::Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, T: DeserializeOwned> Visitor<'de> for KeyedSeed<'_, T> {
    type Value = KeyedPage<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object with a `{}` list", self.key)
    }

    fn visit_map<A: MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        let mut items = None;
        let mut next = None;
        while let Some(k) = map.next_key::<Cow<'de, str>>()? {
            if k == self.key {
                items = Some(map.next_value::<Option<Vec<T>>>()?.unwrap_or_default());
            } else if k == "links" || k.strip_suffix("_links") == Some(self.key) {
                let links: Option<Links> = map.next_value()?;
                if next.is_none() {
                    next = links.and_then(Links::next);
                }
            } else if k == "next" {
                let n: Option<String> = map.next_value()?;
                if let Some(n) = n.filter(|n| !n.is_empty()) {
                    next = Some(n);
                }
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(KeyedPage { items, next })
    }
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Links {
    List(Vec<Link>),
    Object {
        #[serde(default)]
        next: Option<String>,
    },
}

#[derive(Deserialize)]
struct Link {
    #[serde(default)]
    href: Option<String>,
    #[serde(default)]
    rel: Option<String>,
}

impl Links {
    fn next(self) -> Option<String> {
        match self {
            Links::List(l) => l
                .into_iter()
                .find(|l| l.rel.as_deref() == Some("next"))
                .and_then(|l| l.href),
            Links::Object { next } => next,
        }
        .filter(|s| !s.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize, Debug, PartialEq)]
    struct Item {
        id: String,
    }

    #[test]
    fn keyed_nova_links() {
        let body = br#"{"servers": [{"id": "a", "extra": 1}, {"id": "b"}],
            "servers_links": [{"href": "http://nova/v2.1/servers?marker=b", "rel": "next"}]}"#;
        let p = decode_keyed::<Item>(body, "page", "servers").expect("page");
        assert_eq!(p.items.len(), 2);
        assert_eq!(p.next.as_deref(), Some("http://nova/v2.1/servers?marker=b"));
    }

    #[test]
    fn keyed_keystone_links_object_and_glance_next() {
        let body = br#"{"links": {"self": "x", "previous": null, "next": "http://k/v3/users?marker=u"}, "users": [{"id": "u"}]}"#;
        let p = decode_keyed::<Item>(body, "page", "users").expect("page");
        assert_eq!(p.next.as_deref(), Some("http://k/v3/users?marker=u"));
        let body = br#"{"images": [{"id": "i"}], "first": "/v2/images", "next": "/v2/images?marker=i", "schema": "/v2/schemas/images"}"#;
        let p = decode_keyed::<Item>(body, "page", "images").expect("page");
        assert_eq!(p.next.as_deref(), Some("/v2/images?marker=i"));
        let body = br#"{"users": [], "links": {"next": null}}"#;
        assert!(decode_keyed::<Item>(body, "page", "users")
            .expect("page")
            .next
            .is_none());
    }

    #[test]
    fn keyed_decode_error_names_path() {
        let body = br#"{"networks": [{"id": "a"}, {"id": 5}]}"#;
        let err = decode_keyed::<Item>(body, "page", "networks").expect_err("bad");
        assert_eq!(err.decode_path(), Some("networks[1].id"));
        let err =
            decode_keyed::<Item>(br#"{"other": []}"#, "page", "networks").expect_err("missing");
        assert!(err.to_string().contains("`networks`"));
    }

    #[test]
    fn next_link_resolution() {
        let u = |s: &str| Url::parse(s).expect("url");
        let ep = u("http://h/image/v2/");
        let cur = u("http://h/image/v2/images");
        assert_eq!(
            resolve_next(&ep, &cur, "/v2/images?marker=x")
                .expect("next")
                .as_str(),
            "http://h/image/v2/images?marker=x"
        );
        let ep = u("http://h:9292/v2/");
        assert_eq!(
            resolve_next(&ep, &u("http://h:9292/v2/images"), "/v2/images?marker=x")
                .expect("next")
                .as_str(),
            "http://h:9292/v2/images?marker=x"
        );
        assert_eq!(
            resolve_next(&ep, &cur, "http://o/v2/images?marker=y")
                .expect("abs")
                .as_str(),
            "http://o/v2/images?marker=y"
        );
    }

    #[tokio::test]
    async fn failed_pager_yields_its_error_once() {
        let mut p = Pager::<Item>::failed(Error::invalid_input("bad filter"));
        let err = p.next().await.expect("one item").expect_err("an error");
        assert_eq!(err.kind(), crate::ErrorKind::InvalidInput);
        assert!(p.next().await.is_none());
    }

    #[test]
    fn query_params() {
        let mut u = Url::parse("http://h/v1/a?format=json&marker=x&limit=2").expect("url");
        set_query_param(&mut u, "marker", "y z");
        assert_eq!(u.query(), Some("format=json&limit=2&marker=y+z"));
        assert_eq!(query_param(&u, "marker").as_deref(), Some("y z"));
    }
}
