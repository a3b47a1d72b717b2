//! Cloud Networks through the Cloud Servers API (`/os-networksv2`): isolated networks with a
//! label and a CIDR. PublicNet and ServiceNet appear in the list too
//! ([`crate::servers::PUBLIC_NET`], [`crate::servers::SERVICE_NET`]).
//!
//! Use the Cloud Servers client ([`crate::servers::client`]).
//!
//! ```no_run
//! # async fn f(provider: openstack_core::ProviderClient) -> openstack_core::Result<()> {
//! use rackspace_ext::networks::{self, CreateOpts};
//! let compute = rackspace_ext::servers::client(&provider)?;
//! let net = networks::create(&compute, CreateOpts::new("backend", "192.168.100.0/24")).await?;
//! println!("{} {}", net.id, net.label);
//! networks::delete(&compute, &net.id).await?;
//! # Ok(()) }
//! ```

use openstack_core::{encode_path_segment, Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};

/// A network.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Network {
    /// The id.
    #[serde(default)]
    pub id: String,
    /// The label (its name).
    #[serde(default, deserialize_with = "openstack_core::serde_util::null_default")]
    pub label: String,
    /// The CIDR (absent for PublicNet and ServiceNet).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cidr: Option<String>,
}

/// Options for creating a network: both fields are required.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[must_use]
#[non_exhaustive]
pub struct CreateOpts {
    /// The label.
    pub label: String,
    /// The CIDR (`192.168.100.0/24`).
    pub cidr: String,
}

impl CreateOpts {
    /// A network called `label` with the range `cidr`.
    pub fn new(label: impl Into<String>, cidr: impl Into<String>) -> Self {
        CreateOpts {
            label: label.into(),
            cidr: cidr.into(),
        }
    }
}

const PATH: &str = "os-networksv2";

/// The request that lists the networks (not paginated).
pub fn list_request() -> Request {
    Request::get(PATH)
}

/// Lists the networks (one page).
pub fn list(client: &ServiceClient) -> Pager<Network> {
    Pager::single(client.clone(), list_request(), "networks")
}

/// The request that shows a network.
pub fn get_request(id: &str) -> Request {
    Request::get(format!("{PATH}/{}", encode_path_segment(id)))
}

/// Shows a network.
pub async fn get(client: &ServiceClient, id: &str) -> Result<Network> {
    client.send_keyed(get_request(id), "network").await
}

/// The request that creates a network: `{"network": {"label": .., "cidr": ..}}`.
pub fn create_request(opts: &CreateOpts) -> Result<Request> {
    Request::post(PATH)
        .json_wrapped("network", opts)
        .map(|r| r.ok_status([200, 201, 202]))
}

/// Creates a network.
pub async fn create(client: &ServiceClient, opts: CreateOpts) -> Result<Network> {
    client.send_keyed(create_request(&opts)?, "network").await
}

/// The request that deletes a network.
pub fn delete_request(id: &str) -> Request {
    Request::delete(format!("{PATH}/{}", encode_path_segment(id))).ok_status([200, 202, 204])
}

/// Deletes a network (it must have no servers attached).
pub async fn delete(client: &ServiceClient, id: &str) -> Result<()> {
    client.send_empty(delete_request(id)).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn requests() {
        assert_eq!(list_request().path(), "os-networksv2");
        assert_eq!(get_request("a b").path(), "os-networksv2/a%20b");
        let r =
            create_request(&CreateOpts::new("test-network-1", "192.168.100.0/24")).expect("create");
        assert_eq!(r.method(), http::Method::POST);
        // Gophercloud rackspace/compute/v2/networks/requests_test.go, TestCreate request body.
        assert_eq!(
            r.json_body(),
            Some(json!({"network": {"label": "test-network-1", "cidr": "192.168.100.0/24"}}))
        );
        let r = delete_request("4e8e5957-649f-477b-9e5b-f1f75b21c03c");
        assert_eq!(r.method(), http::Method::DELETE);
        assert!(r.is_ok_status(http::StatusCode::NO_CONTENT));
    }
}
