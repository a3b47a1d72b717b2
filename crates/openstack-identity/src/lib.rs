//! # openstack-identity
//!
//! The OpenStack Identity service (Keystone) for [Ferrocloud](https://github.com/ferrocloud/ferrocloud):
//! typed models and operations for administering and inspecting a cloud's identity data.
//! [`openstack_core`] already authenticates; this crate is for the rest of the API.
//!
//! Keystone v3 resources live in one module each: [`projects`], [`users`], [`roles`] (with
//! grants and role assignments), [`application_credentials`], [`domains`] (with
//! [`domain_configs`]), [`groups`], [`tokens`], [`catalog`], [`services`], [`endpoints`],
//! [`regions`], [`credentials`] and unified [`limits`]. The v3 extensions: [`trusts`] (with
//! [`trusts::TrustAuth`] for trust-scoped authentication), [`federation`], [`policies`] (with
//! [`endpoint_policies`]), [`project_endpoints`] and [`endpoint_groups`] (OS-EP-FILTER),
//! [`ec2_credentials`] (with [`ec2_tokens`]), OAuth 1.0a delegation in [`oauth1`] (with
//! [`oauth1::OAuth1Auth`]), and [`revoke_events`].
//! The legacy v2.0 API (tokens, tenants, extensions) is in [`v2`], used through
//! [`client_v2`].
//!
//! ```no_run
//! # async fn f() -> openstack_core::Result<()> {
//! use futures::TryStreamExt;
//! use openstack_core::auth::AuthOptions;
//! use openstack_core::ProviderClient;
//! use openstack_identity::projects;
//!
//! let provider = ProviderClient::authenticate(AuthOptions::from_env()?).await?;
//! let identity = openstack_identity::client(&provider)?;
//! let mut list = projects::list(&identity, projects::ListOpts::new().domain_id("default"));
//! while let Some(project) = list.try_next().await? {
//!     println!("{} {}", project.id, project.name);
//! }
//! # Ok(()) }
//! ```
//!
//! Every operation has a pure `<op>_request` function that builds the
//! [`Request`](openstack_core::Request) without I/O, so what is sent can be inspected and
//! tested without a server.
//!
//! Updates are tri-state where Keystone lets a field be cleared: an `UpdateOpts` field left
//! alone is not sent, `description("...")` sets it, and `clear_description()` sends
//! `"description": null` on purpose.

#![cfg_attr(docsrs, feature(doc_auto_cfg))]

use openstack_core::{EndpointOpts, ProviderClient, Result, ServiceClient};
use url::Url;

pub mod application_credentials;
pub mod catalog;
pub mod credentials;
pub mod domain_configs;
pub mod domains;
pub mod ec2_credentials;
pub mod ec2_tokens;
pub mod endpoint_groups;
pub mod endpoint_policies;
pub mod endpoints;
pub mod federation;
pub mod groups;
pub mod limits;
pub mod oauth1;
pub mod policies;
pub mod project_endpoints;
pub mod projects;
pub mod regions;
pub mod revoke_events;
pub mod roles;
pub mod services;
pub mod tokens;
pub mod trusts;
pub mod users;
pub mod v2;

mod util;

/// The service type of the identity service.
pub const SERVICE_TYPE: &str = "identity";

/// A Keystone v3 client: the `identity` endpoint from the catalog (or an override), with
/// `v3/` appended when the catalog URL is unversioned (a trailing `v2.0` is replaced).
pub fn client(provider: &ProviderClient) -> Result<ServiceClient> {
    client_with(provider, EndpointOpts::new(SERVICE_TYPE))
}

/// A Keystone v3 client for an endpoint chosen with `opts` (region, interface, name).
pub fn client_with(provider: &ProviderClient, opts: EndpointOpts) -> Result<ServiceClient> {
    let url = provider.endpoint(&opts)?;
    Ok(ServiceClient::new(
        provider.clone(),
        opts.service_type,
        versioned_endpoint(&url, "v3"),
    ))
}

/// A Keystone v2.0 client (for [`v2`] resources): the `identity` endpoint with `v2.0/`
/// appended when the catalog URL is unversioned (a trailing `v3` is replaced).
pub fn client_v2(provider: &ProviderClient) -> Result<ServiceClient> {
    client_v2_with(provider, EndpointOpts::new(SERVICE_TYPE))
}

/// A Keystone v2.0 client for an endpoint chosen with `opts`.
pub fn client_v2_with(provider: &ProviderClient, opts: EndpointOpts) -> Result<ServiceClient> {
    let url = provider.endpoint(&opts)?;
    Ok(ServiceClient::new(
        provider.clone(),
        opts.service_type,
        versioned_endpoint(&url, "v2.0"),
    ))
}

/// `url` with the API `version` as its last path segment, ending with `/`: an unversioned
/// URL gets it appended, a URL already ending in `version` is kept, and a URL ending in
/// another version segment (`v2.0`, `v3`) has that segment replaced.
///
/// ```
/// use url::Url;
/// use openstack_identity::versioned_endpoint;
/// let u = |s: &str| Url::parse(s).unwrap();
/// assert_eq!(versioned_endpoint(&u("http://k:5000"), "v3").as_str(), "http://k:5000/v3/");
/// assert_eq!(versioned_endpoint(&u("http://k/identity/v3/"), "v3").as_str(), "http://k/identity/v3/");
/// assert_eq!(versioned_endpoint(&u("http://k/identity/v2.0"), "v3").as_str(), "http://k/identity/v3/");
/// ```
pub fn versioned_endpoint(url: &Url, version: &str) -> Url {
    let mut segs: Vec<String> = url
        .path_segments()
        .map(|s| s.filter(|s| !s.is_empty()).map(str::to_owned).collect())
        .unwrap_or_default();
    if segs.last().is_some_and(|s| is_version(s)) {
        segs.pop();
    }
    segs.push(version.to_owned());
    let mut out = url.clone();
    out.set_path(&format!("/{}/", segs.join("/")));
    out.set_query(None);
    out
}

fn is_version(s: &str) -> bool {
    let t = s.strip_prefix('v').unwrap_or("");
    !t.is_empty()
        && t.split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u(s: &str) -> Url {
        Url::parse(s).expect("url")
    }

    #[test]
    fn version_is_appended_or_replaced() {
        let cases = [
            ("http://k:5000", "v3", "http://k:5000/v3/"),
            ("http://k:5000/", "v3", "http://k:5000/v3/"),
            ("http://k:5000/v3", "v3", "http://k:5000/v3/"),
            ("http://k:5000/v3/", "v3", "http://k:5000/v3/"),
            ("http://k/identity", "v3", "http://k/identity/v3/"),
            ("http://k/identity/v2.0/", "v3", "http://k/identity/v3/"),
            ("http://k:35357/v2.0", "v2.0", "http://k:35357/v2.0/"),
            ("http://k:5000/v3", "v2.0", "http://k:5000/v2.0/"),
            ("http://k:5000", "v2.0", "http://k:5000/v2.0/"),
        ];
        for (input, v, want) in cases {
            assert_eq!(versioned_endpoint(&u(input), v).as_str(), want, "{input}");
        }
    }

    #[test]
    fn client_uses_override_and_appends_version() {
        let provider = ProviderClient::builder()
            .endpoint_override("identity", "http://127.0.0.1:5000")
            .build_lazy()
            .expect("provider");
        let c = client(&provider).expect("client");
        assert_eq!(c.endpoint().as_str(), "http://127.0.0.1:5000/v3/");
        assert_eq!(c.service_type(), "identity");
        let c = client_v2(&provider).expect("client");
        assert_eq!(c.endpoint().as_str(), "http://127.0.0.1:5000/v2.0/");
    }
}
