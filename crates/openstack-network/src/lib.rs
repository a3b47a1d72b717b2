//! # openstack-network
//!
//! OpenStack Networking (Neutron v2.0) for [Ferrocloud](https://github.com/ferrocloud/ferrocloud):
//! networks, subnets and ports, and the extensions Gophercloud covers — `external` and
//! `provider` fields on networks, `layer3` routers, floating IPs and their port forwardings,
//! security groups and rules, subnet pools, address scopes, QoS policies and rules, RBAC
//! policies, trunks, agents, quotas, network IP availability, tags, API versions and
//! extensions.
//!
//! ```no_run
//! # async fn f() -> openstack_core::Result<()> {
//! use futures::TryStreamExt;
//! use openstack_core::auth::AuthOptions;
//! use openstack_core::ProviderClient;
//! use openstack_network::{networks, subnets};
//!
//! let provider = ProviderClient::builder()
//!     .auth_options(AuthOptions::from_env()?)
//!     .build()
//!     .await?;
//! let network = openstack_network::client(&provider)?;
//!
//! let net = networks::create(&network, networks::CreateOpts::new().name("backend")).await?;
//! let subnet = subnets::create(
//!     &network,
//!     subnets::CreateOpts::new(&net.id, subnets::IpVersion::V4).cidr("10.0.0.0/24"),
//! )
//! .await?;
//! println!("{} {}", subnet.id, subnet.cidr);
//!
//! let mut all = networks::list(&network, networks::ListOpts::new().shared(false));
//! while let Some(n) = all.try_next().await? {
//!     println!("{} {}", n.id, n.name);
//! }
//! # Ok(()) }
//! ```
//!
//! ## Conventions
//!
//! - Every operation has a pure `<op>_request(...)` function that builds the
//!   [`Request`](openstack_core::Request) with no I/O, and an async function that sends it.
//! - `list` returns a lazy [`Pager`](openstack_core::Pager) that follows Neutron's
//!   `<resource>_links` when the server paginates (set a page size with
//!   [`Pager::page_size`](openstack_core::Pager::page_size)).
//! - Update options are tri-state where Neutron lets you clear a value: a field left alone is
//!   not sent, `clear_<field>()` sends `null`, and `<field>(value)` sends the value.
//! - Update options of resources with a `revision_number` take `if_revision(n)`, which sends
//!   `If-Match: revision_number=n` so that the update fails with 412 when someone else changed
//!   the resource first.

#![cfg_attr(docsrs, feature(doc_auto_cfg))]

use openstack_core::{EndpointOpts, ProviderClient, Result, ServiceClient};

mod util;

pub mod address_scopes;
pub mod agents;
pub mod apiversions;
pub mod extensions;
pub mod layer3;
pub mod lbaas;
pub mod networks;
pub mod ports;
pub mod qos;
pub mod quotas;
pub mod rbac_policies;
pub mod security;
pub mod subnetpools;
pub mod subnets;
pub mod tags;
pub mod trunks;

pub mod ip_availability;

pub use util::{FixedIp, Link};

/// The service type of OpenStack Networking.
pub const SERVICE_TYPE: &str = "network";

/// A client for OpenStack Networking, its endpoint resolved from the catalog
/// (service type `network`), with `v2.0/` appended unless the catalog URL already ends with it.
pub fn client(provider: &ProviderClient) -> Result<ServiceClient> {
    client_with(provider, EndpointOpts::new(SERVICE_TYPE))
}

/// Like [`client`], with explicit endpoint options (region, interface, name).
pub fn client_with(provider: &ProviderClient, opts: EndpointOpts) -> Result<ServiceClient> {
    let service_type = opts.service_type.clone();
    let endpoint = provider.endpoint(&opts)?;
    let endpoint = versioned_endpoint(endpoint);
    Ok(ServiceClient::new(provider.clone(), service_type, endpoint))
}

/// Appends `v2.0/` to a Neutron catalog URL unless it already ends with `v2.0`.
fn versioned_endpoint(mut url: url::Url) -> url::Url {
    let path = url.path().trim_end_matches('/').to_owned();
    if path.rsplit('/').next() == Some("v2.0") {
        url.set_path(&format!("{path}/"));
    } else {
        url.set_path(&format!("{path}/v2.0/"));
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(u: &str) -> String {
        versioned_endpoint(url::Url::parse(u).expect("url")).to_string()
    }

    #[test]
    fn appends_version() {
        assert_eq!(v("http://host:9696/"), "http://host:9696/v2.0/");
        assert_eq!(v("http://host:9696"), "http://host:9696/v2.0/");
        assert_eq!(v("http://host/networking"), "http://host/networking/v2.0/");
        assert_eq!(v("http://host/networking/"), "http://host/networking/v2.0/");
        assert_eq!(v("http://host:9696/v2.0"), "http://host:9696/v2.0/");
        assert_eq!(v("http://host:9696/v2.0/"), "http://host:9696/v2.0/");
    }
}

/// The sort direction of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SortDir {
    /// Ascending.
    Asc,
    /// Descending.
    Desc,
}

/// Filters every Neutron list accepts: tags, fields, sorting, paging. Each resource's
/// `ListOpts` holds one and offers the builder methods.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub(crate) struct CommonListOpts {
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "openstack_core::serde_util::comma_list"
    )]
    tags: Option<Vec<String>>,
    #[serde(
        rename = "tags-any",
        skip_serializing_if = "Option::is_none",
        serialize_with = "openstack_core::serde_util::comma_list"
    )]
    tags_any: Option<Vec<String>>,
    #[serde(
        rename = "not-tags",
        skip_serializing_if = "Option::is_none",
        serialize_with = "openstack_core::serde_util::comma_list"
    )]
    not_tags: Option<Vec<String>>,
    #[serde(
        rename = "not-tags-any",
        skip_serializing_if = "Option::is_none",
        serialize_with = "openstack_core::serde_util::comma_list"
    )]
    not_tags_any: Option<Vec<String>>,
    fields: Vec<String>,
    sort_key: Vec<String>,
    sort_dir: Vec<SortDir>,
    #[serde(skip_serializing_if = "Option::is_none")]
    limit: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    marker: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    page_reverse: Option<bool>,
}

/// Builder methods for the [`CommonListOpts`] field `common` of a `ListOpts`.
macro_rules! common_list_methods {
    () => {
        /// Only resources with all of these tags (`tags=a,b`).
        pub fn tags(mut self, v: impl IntoIterator<Item = impl Into<String>>) -> Self {
            self.common.tags = Some(v.into_iter().map(Into::into).collect());
            self
        }
        /// Only resources with any of these tags (`tags-any=a,b`).
        pub fn tags_any(mut self, v: impl IntoIterator<Item = impl Into<String>>) -> Self {
            self.common.tags_any = Some(v.into_iter().map(Into::into).collect());
            self
        }
        /// Leaves out resources with all of these tags (`not-tags=a,b`).
        pub fn not_tags(mut self, v: impl IntoIterator<Item = impl Into<String>>) -> Self {
            self.common.not_tags = Some(v.into_iter().map(Into::into).collect());
            self
        }
        /// Leaves out resources with any of these tags (`not-tags-any=a,b`).
        pub fn not_tags_any(mut self, v: impl IntoIterator<Item = impl Into<String>>) -> Self {
            self.common.not_tags_any = Some(v.into_iter().map(Into::into).collect());
            self
        }
        /// Returns only these fields (`fields=id&fields=name`); the other fields of the
        /// model then decode as their defaults.
        pub fn fields(mut self, v: impl IntoIterator<Item = impl Into<String>>) -> Self {
            self.common.fields.extend(v.into_iter().map(Into::into));
            self
        }
        /// Sorts by `key` in direction `dir`; call again for secondary keys.
        pub fn sort(mut self, key: impl Into<String>, dir: $crate::SortDir) -> Self {
            self.common.sort_key.push(key.into());
            self.common.sort_dir.push(dir);
            self
        }
        /// Asks for at most `n` items per page (prefer
        /// [`Pager::page_size`](openstack_core::Pager::page_size)).
        pub fn limit(mut self, n: u32) -> Self {
            self.common.limit = Some(n);
            self
        }
        /// Starts after the resource with this id.
        pub fn marker(mut self, v: impl Into<String>) -> Self {
            self.common.marker = Some(v.into());
            self
        }
        /// Pages backwards from the marker.
        pub fn page_reverse(mut self, v: bool) -> Self {
            self.common.page_reverse = Some(v);
            self
        }
    };
}
pub(crate) use common_list_methods;

/// A pager over a Neutron collection; a request that could not be built yields its error
/// when polled.
pub(crate) fn pager<T: serde::de::DeserializeOwned + Send + 'static>(
    client: &ServiceClient,
    request: Result<openstack_core::Request>,
    key: &str,
) -> openstack_core::Pager<T> {
    match request {
        Ok(r) => openstack_core::Pager::linked(client.clone(), r, key),
        // A URL that cannot parse: the pager fails on its first poll, with no I/O.
        Err(e) => openstack_core::Pager::single(
            client.clone(),
            openstack_core::Request::get(format!("http://[invalid request: {e}]/")),
            key,
        ),
    }
}

/// Sends a request and decodes the list under `key`.
pub(crate) async fn send_many<T: serde::de::DeserializeOwned>(
    client: &ServiceClient,
    request: openstack_core::Request,
    key: &str,
) -> Result<Vec<T>> {
    let bytes = client.send(request).await?.bytes().await?;
    Ok(openstack_core::pagination::decode_keyed::<T>(&bytes, key, key)?.items)
}
