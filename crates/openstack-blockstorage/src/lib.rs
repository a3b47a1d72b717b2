//! # openstack-blockstorage
//!
//! OpenStack Block Storage (Cinder) for [Ferrocloud](https://github.com/ferrocloud/ferrocloud):
//! the v3 API — [`volumes`] (with their actions, metadata and image metadata),
//! [`snapshots`], [`volumetypes`] (extra specs, access), [`attachments`] (3.27+),
//! [`backups`], [`quotas`], [`limits`], [`availability_zones`] and [`services`] — and the v1
//! API of old clouds and Rackspace in [`v1`].
//!
//! ```no_run
//! # async fn f() -> openstack_core::Result<()> {
//! use std::time::Duration;
//! use openstack_core::auth::AuthOptions;
//! use openstack_core::ProviderClient;
//! use openstack_blockstorage::volumes::{self, CreateOpts, Status};
//!
//! let provider = ProviderClient::builder()
//!     .auth_options(AuthOptions::from_env()?)
//!     .build()
//!     .await?;
//! let cinder = openstack_blockstorage::client(&provider)?;
//!
//! let volume = volumes::create(&cinder, CreateOpts::new(1).name("data")).await?;
//! let volume = volumes::wait_for_status(&cinder, &volume.id, Status::Available,
//!     Duration::from_secs(300)).await?;
//! volumes::extend(&cinder, &volume.id, 2).await?;
//! println!("{} is {} GiB", volume.id, volume.size);
//! # Ok(()) }
//! ```
//!
//! ## Conventions
//!
//! - Every operation has a pure `<op>_request(...)` function that builds the
//!   [`Request`](openstack_core::Request) with no I/O, and an async function that sends it.
//! - `list` returns a lazy [`Pager`](openstack_core::Pager) that follows Cinder's
//!   `<resource>_links`; ask for a page size with
//!   [`Pager::page_size`](openstack_core::Pager::page_size).
//! - Microversions: [`client`] sends none (Cinder then answers as 3.0). Ask for one with
//!   [`ServiceClient::with_microversion`](openstack_core::ServiceClient::with_microversion)
//!   or negotiate it with
//!   [`ServiceClient::negotiate_microversion`](openstack_core::ServiceClient::negotiate_microversion);
//!   the core sends `OpenStack-API-Version: volume 3.X`. The [`attachments`] API needs 3.27
//!   or later and its functions set it when the client has none.
//! - Update options are tri-state where Cinder lets you clear a value: a field left alone is
//!   not sent, `clear_<field>()` sends `null`, and `<field>(value)` sends the value.

#![cfg_attr(docsrs, feature(doc_auto_cfg))]

use openstack_core::{EndpointOpts, ProviderClient, Result, ServiceClient};

mod util;

pub mod attachments;
pub mod availability_zones;
pub mod backups;
pub mod limits;
pub mod quotas;
pub mod services;
pub mod snapshots;
pub mod v1;
pub mod volumes;
pub mod volumetypes;

pub use util::Link;

/// The official service type of OpenStack Block Storage. The catalog may publish it as
/// `block-storage`, `volumev3`, `volumev2` or `volume`; the core tries each.
pub const SERVICE_TYPE: &str = "block-storage";

/// A client for the Block Storage v3 API, its endpoint resolved from the catalog (service type
/// `block-storage` or one of its aliases `volumev3`, `volumev2`, `volume`).
///
/// The endpoint is made to point at v3: a catalog URL with another version segment
/// (`.../v2/<project>`, `.../v1/<project>`) has it replaced by `v3`, one without a version
/// gets `v3/` appended.
pub fn client(provider: &ProviderClient) -> Result<ServiceClient> {
    client_with(provider, EndpointOpts::new(SERVICE_TYPE))
}

/// Like [`client`], with explicit endpoint options (region, interface, name).
pub fn client_with(provider: &ProviderClient, opts: EndpointOpts) -> Result<ServiceClient> {
    let endpoint = provider.endpoint(&opts)?;
    Ok(ServiceClient::new(
        provider.clone(),
        SERVICE_TYPE,
        versioned_endpoint(endpoint, "v3"),
    ))
}

/// A client for the Block Storage v1 API (old clouds and Rackspace): the catalog's `volume`
/// entry (or an alias), with its version segment set to `v1`.
pub fn client_v1(provider: &ProviderClient) -> Result<ServiceClient> {
    client_v1_with(provider, EndpointOpts::new("volume"))
}

/// Like [`client_v1`], with explicit endpoint options.
pub fn client_v1_with(provider: &ProviderClient, opts: EndpointOpts) -> Result<ServiceClient> {
    let endpoint = provider.endpoint(&opts)?;
    Ok(ServiceClient::new(
        provider.clone(),
        "volume",
        versioned_endpoint(endpoint, "v1"),
    ))
}

fn is_version_segment(s: &str) -> bool {
    let t = s.strip_prefix('v').unwrap_or("");
    !t.is_empty()
        && t.split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

/// Puts `version` in place of the endpoint's version segment, or appends it when there is none.
fn versioned_endpoint(mut url: url::Url, version: &str) -> url::Url {
    let segs: Vec<String> = url
        .path_segments()
        .map(|s| s.filter(|p| !p.is_empty()).map(str::to_owned).collect())
        .unwrap_or_default();
    let path = match segs.iter().position(|s| is_version_segment(s)) {
        Some(pos) => {
            let mut segs = segs;
            segs[pos] = version.to_owned();
            format!("/{}/", segs.join("/"))
        }
        None if segs.is_empty() => format!("/{version}/"),
        None => format!("/{}/{version}/", segs.join("/")),
    };
    url.set_path(&path);
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(u: &str, ver: &str) -> String {
        versioned_endpoint(url::Url::parse(u).expect("url"), ver).to_string()
    }

    #[test]
    fn version_segment_is_set() {
        assert_eq!(v("http://h:8776/v3/p1", "v3"), "http://h:8776/v3/p1/");
        assert_eq!(v("http://h:8776/v3/p1/", "v3"), "http://h:8776/v3/p1/");
        assert_eq!(v("http://h:8776/v2/p1", "v3"), "http://h:8776/v3/p1/");
        assert_eq!(v("http://h:8776/v1/p1", "v3"), "http://h:8776/v3/p1/");
        assert_eq!(v("http://h:8776/", "v3"), "http://h:8776/v3/");
        assert_eq!(v("http://h:8776", "v3"), "http://h:8776/v3/");
        assert_eq!(v("http://h/volume", "v3"), "http://h/volume/v3/");
        assert_eq!(v("http://h/volume/v2/p", "v1"), "http://h/volume/v1/p/");
        assert_eq!(v("http://h:8776/v3/p1", "v1"), "http://h:8776/v1/p1/");
    }
}
