//! Regions (`/v3/regions`): create, list, get, update, delete.

use openstack_core::{Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};

use crate::util;

/// A region.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Region {
    /// The id (`RegionOne`).
    pub id: String,
    /// The description.
    #[serde(default)]
    pub description: Option<String>,
    /// The parent region.
    #[serde(default)]
    pub parent_region_id: Option<String>,
}

/// Filters for [`list`].
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct ListOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    parent_region_id: Option<String>,
}

impl ListOpts {
    /// No filters.
    pub fn new() -> Self {
        Self::default()
    }
    /// Only subregions of this region.
    pub fn parent_region_id(mut self, v: impl Into<String>) -> Self {
        self.parent_region_id = Some(v.into());
        self
    }
}

/// What [`create`] sends. Without an id, Keystone generates one.
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct CreateOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent_region_id: Option<String>,
}

impl CreateOpts {
    /// A region with a generated id.
    pub fn new() -> Self {
        Self::default()
    }
    /// A region with this id (`RegionTwo`).
    pub fn with_id(id: impl Into<String>) -> Self {
        CreateOpts {
            id: Some(id.into()),
            ..Self::default()
        }
    }
    util::setters! {
        /// The description.
        description: str,
        /// The parent region.
        parent_region_id: str,
    }
}

/// What [`update`] sends. Fields not set are left unchanged; `clear_*` sends `null`.
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct UpdateOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent_region_id: Option<Option<String>>,
}

impl UpdateOpts {
    /// Changes nothing until fields are set.
    pub fn new() -> Self {
        Self::default()
    }
    /// A new description.
    pub fn description(mut self, v: impl Into<String>) -> Self {
        self.description = Some(Some(v.into()));
        self
    }
    /// Clears the description (sends `"description": null`).
    pub fn clear_description(mut self) -> Self {
        self.description = Some(None);
        self
    }
    /// A new parent region.
    pub fn parent_region_id(mut self, v: impl Into<String>) -> Self {
        self.parent_region_id = Some(Some(v.into()));
        self
    }
    /// Makes it a top-level region (sends `"parent_region_id": null`).
    pub fn clear_parent_region_id(mut self) -> Self {
        self.parent_region_id = Some(None);
        self
    }
}

util::crud_fns! { "regions", "region", "regions", Region;
    /// `GET /v3/regions` with filters.
    list_request;
    /// Lists regions, following `links.next`.
    list;
    /// `GET /v3/regions/{id}`.
    get_request;
    /// Gets a region.
    get;
    /// `POST /v3/regions`.
    create_request;
    /// Creates a region.
    create;
    /// `PATCH /v3/regions/{id}`.
    update_request;
    /// Updates a region.
    update;
    /// `DELETE /v3/regions/{id}`.
    delete_request;
    /// Deletes a region.
    delete;
}

#[cfg(test)]
mod tests {
    use super::*;
    use openstack_test_support::corpus;

    const S: &str = "keystone/api-ref/source/v3/samples/admin";

    #[test]
    fn bodies_match_samples() {
        let r = create_request(
            &CreateOpts::with_id("RegionOneSubRegion")
                .description("My subregion")
                .parent_region_id("RegionOne"),
        )
        .expect("req");
        assert_eq!(
            r.json_body(),
            Some(corpus::json(&format!("{S}/region-create-request.json")))
        );
        let r = update_request(
            "RegionOneSubRegion",
            &UpdateOpts::new().description("My subregion 3"),
        )
        .expect("req");
        assert_eq!(r.path(), "regions/RegionOneSubRegion");
        assert_eq!(
            r.json_body(),
            Some(corpus::json(&format!("{S}/region-update-request.json")))
        );
        let r = update_request("r", &UpdateOpts::new().clear_parent_region_id()).expect("req");
        assert_eq!(
            r.json_body(),
            Some(serde_json::json!({"region": {"parent_region_id": null}}))
        );
        let r = list_request(&ListOpts::new().parent_region_id("RegionOne")).expect("req");
        assert_eq!(r.query_string(), Some("parent_region_id=RegionOne"));
    }
}
