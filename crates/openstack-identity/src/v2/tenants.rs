//! v2.0 tenants (`/v2.0/tenants`): the tenants (projects) the token's user may use.

use openstack_core::serde_util::null_default;
use openstack_core::{Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};

use crate::util;

/// A tenant.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Tenant {
    /// The id.
    pub id: String,
    /// The name.
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// The description.
    #[serde(default)]
    pub description: Option<String>,
    /// Whether the tenant is enabled.
    #[serde(default = "util::yes", deserialize_with = "util::null_true")]
    pub enabled: bool,
}

/// Options for [`list`]. Use [`Pager::page_size`] for `limit`.
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct ListOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    marker: Option<String>,
}

impl ListOpts {
    /// From the start.
    pub fn new() -> Self {
        Self::default()
    }
    /// Starts after the tenant with this id.
    pub fn marker(mut self, v: impl Into<String>) -> Self {
        self.marker = Some(v.into());
        self
    }
}

/// `GET /v2.0/tenants`.
pub fn list_request(opts: &ListOpts) -> Result<Request> {
    Request::get("tenants").query(opts)
}

/// Lists tenants, following `tenants_links`.
pub fn list(client: &ServiceClient, opts: ListOpts) -> Pager<Tenant> {
    Pager::linked(client.clone(), list_request(&opts), "tenants")
}

/// `GET /v2.0/tenants/{id}` (administrators, on the admin endpoint).
pub fn get_request(id: &str) -> Request {
    Request::get(format!("tenants/{}", util::seg(id)))
}

/// Gets a tenant.
pub async fn get(client: &ServiceClient, id: &str) -> Result<Tenant> {
    client.send_keyed(get_request(id), "tenant").await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request() {
        let r = list_request(&ListOpts::new().marker("1234")).expect("req");
        assert_eq!(r.path(), "tenants");
        assert_eq!(r.query_string(), Some("marker=1234"));
        assert_eq!(get_request("a b").path(), "tenants/a%20b");
    }
}
