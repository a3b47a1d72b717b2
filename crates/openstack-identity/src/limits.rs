//! Unified limits: registered limits (`/v3/registered_limits`, the defaults a service
//! registers for a resource) and limits (`/v3/limits`, overrides for one project or domain),
//! plus the enforcement model (`/v3/limits/model`).
//!
//! ```no_run
//! # async fn f(identity: openstack_core::ServiceClient, service_id: &str, project_id: &str) -> openstack_core::Result<()> {
//! use openstack_identity::limits::{self, NewLimit, NewRegisteredLimit};
//! limits::create_registered(&identity, vec![NewRegisteredLimit::new(service_id, "volume", 10)]).await?;
//! limits::create(&identity, vec![NewLimit::project(project_id, service_id, "volume", 20)]).await?;
//! # Ok(()) }
//! ```

use openstack_core::serde_util::null_default;
use openstack_core::{Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};

use crate::util::{self, seg};

/// A registered (default) limit.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RegisteredLimit {
    /// The id.
    pub id: String,
    /// The service the resource belongs to.
    #[serde(default, deserialize_with = "null_default")]
    pub service_id: String,
    /// The region, if the limit is specific to one.
    #[serde(default)]
    pub region_id: Option<String>,
    /// The resource (`volume`, `cores`, ...).
    #[serde(default, deserialize_with = "null_default")]
    pub resource_name: String,
    /// The default limit.
    #[serde(default)]
    pub default_limit: i64,
    /// The description.
    #[serde(default)]
    pub description: Option<String>,
}

/// A limit for one project or domain.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Limit {
    /// The id.
    pub id: String,
    /// The service the resource belongs to.
    #[serde(default, deserialize_with = "null_default")]
    pub service_id: String,
    /// The region, if the limit is specific to one.
    #[serde(default)]
    pub region_id: Option<String>,
    /// The project the limit applies to (or `None` for a domain limit).
    #[serde(default)]
    pub project_id: Option<String>,
    /// The domain the limit applies to (or `None` for a project limit).
    #[serde(default)]
    pub domain_id: Option<String>,
    /// The resource.
    #[serde(default, deserialize_with = "null_default")]
    pub resource_name: String,
    /// The limit.
    #[serde(default)]
    pub resource_limit: i64,
    /// The description.
    #[serde(default)]
    pub description: Option<String>,
}

/// The enforcement model of the deployment (`flat`, `strict-two-level`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EnforcementModel {
    /// The name.
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// The description.
    #[serde(default)]
    pub description: Option<String>,
}

// ------------------------------------------------------------------ registered limits

/// One registered limit to create (see [`create_registered`]).
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct NewRegisteredLimit {
    service_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    region_id: Option<String>,
    resource_name: String,
    default_limit: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
}

impl NewRegisteredLimit {
    /// A default limit of `default_limit` for `resource_name` of `service_id`.
    pub fn new(
        service_id: impl Into<String>,
        resource_name: impl Into<String>,
        default_limit: i64,
    ) -> Self {
        NewRegisteredLimit {
            service_id: service_id.into(),
            region_id: None,
            resource_name: resource_name.into(),
            default_limit,
            description: None,
        }
    }
    util::setters! {
        /// Only in this region.
        region_id: str,
        /// The description.
        description: str,
    }
}

/// What [`update_registered`] sends. Fields not set are left unchanged; `clear_*` sends
/// `null`.
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct UpdateRegisteredOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    service_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    region_id: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    resource_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    default_limit: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<Option<String>>,
}

impl UpdateRegisteredOpts {
    /// Changes nothing until fields are set.
    pub fn new() -> Self {
        Self::default()
    }
    /// A new service.
    pub fn service_id(mut self, v: impl Into<String>) -> Self {
        self.service_id = Some(v.into());
        self
    }
    /// A new region.
    pub fn region_id(mut self, v: impl Into<String>) -> Self {
        self.region_id = Some(Some(v.into()));
        self
    }
    /// Makes the limit apply to every region (sends `"region_id": null`).
    pub fn clear_region_id(mut self) -> Self {
        self.region_id = Some(None);
        self
    }
    util::setters! {
        /// A new resource name.
        resource_name: str,
        /// A new default limit.
        default_limit: val<i64>,
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
}

/// Filters for [`list_registered`] and [`list`].
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct ListOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    service_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    region_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    resource_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    project_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    domain_id: Option<String>,
}

impl ListOpts {
    /// No filters.
    pub fn new() -> Self {
        Self::default()
    }
    util::setters! {
        /// Only limits of this service.
        service_id: str,
        /// Only limits in this region.
        region_id: str,
        /// Only limits of this resource.
        resource_name: str,
        /// Only limits of this project ([`list`] only).
        project_id: str,
        /// Only limits of this domain ([`list`] only).
        domain_id: str,
    }
}

#[derive(Serialize)]
struct CreateRegistered<'a> {
    registered_limits: &'a [NewRegisteredLimit],
}

#[derive(Deserialize)]
struct RegisteredList {
    #[serde(default, deserialize_with = "null_default")]
    registered_limits: Vec<RegisteredLimit>,
}

#[derive(Serialize)]
struct UpdateRegistered<'a> {
    registered_limit: &'a UpdateRegisteredOpts,
}

/// `POST /v3/registered_limits` (several at once).
pub fn create_registered_request(limits: &[NewRegisteredLimit]) -> Result<Request> {
    Ok(Request::post("registered_limits")
        .json(&CreateRegistered {
            registered_limits: limits,
        })?
        .ok_status([201]))
}

/// Creates registered limits.
pub async fn create_registered(
    client: &ServiceClient,
    limits: Vec<NewRegisteredLimit>,
) -> Result<Vec<RegisteredLimit>> {
    let b: RegisteredList = client
        .send_json(create_registered_request(&limits)?)
        .await?;
    Ok(b.registered_limits)
}

/// `GET /v3/registered_limits` with filters.
pub fn list_registered_request(opts: &ListOpts) -> Result<Request> {
    Request::get("registered_limits").query(opts)
}

/// Lists registered limits.
pub fn list_registered(client: &ServiceClient, opts: ListOpts) -> Pager<RegisteredLimit> {
    Pager::linked(
        client.clone(),
        list_registered_request(&opts),
        "registered_limits",
    )
}

/// `GET /v3/registered_limits/{id}`.
pub fn get_registered_request(id: &str) -> Request {
    Request::get(format!("registered_limits/{}", seg(id)))
}

/// Gets a registered limit.
pub async fn get_registered(client: &ServiceClient, id: &str) -> Result<RegisteredLimit> {
    client
        .send_keyed(get_registered_request(id), "registered_limit")
        .await
}

/// `PATCH /v3/registered_limits/{id}`.
pub fn update_registered_request(id: &str, opts: &UpdateRegisteredOpts) -> Result<Request> {
    Ok(Request::patch(format!("registered_limits/{}", seg(id)))
        .json(&UpdateRegistered {
            registered_limit: opts,
        })?
        .ok_status([200]))
}

/// Updates a registered limit.
pub async fn update_registered(
    client: &ServiceClient,
    id: &str,
    opts: UpdateRegisteredOpts,
) -> Result<RegisteredLimit> {
    client
        .send_keyed(update_registered_request(id, &opts)?, "registered_limit")
        .await
}

/// `DELETE /v3/registered_limits/{id}`.
pub fn delete_registered_request(id: &str) -> Request {
    Request::delete(format!("registered_limits/{}", seg(id))).ok_status([204])
}

/// Deletes a registered limit.
pub async fn delete_registered(client: &ServiceClient, id: &str) -> Result<()> {
    client.send_empty(delete_registered_request(id)).await
}

// ------------------------------------------------------------------ limits

/// One limit to create (see [`create`]).
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct NewLimit {
    service_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    project_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    domain_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    region_id: Option<String>,
    resource_name: String,
    resource_limit: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
}

impl NewLimit {
    /// A limit for a project.
    pub fn project(
        project_id: impl Into<String>,
        service_id: impl Into<String>,
        resource_name: impl Into<String>,
        resource_limit: i64,
    ) -> Self {
        NewLimit {
            service_id: service_id.into(),
            project_id: Some(project_id.into()),
            domain_id: None,
            region_id: None,
            resource_name: resource_name.into(),
            resource_limit,
            description: None,
        }
    }
    /// A limit for a domain.
    pub fn domain(
        domain_id: impl Into<String>,
        service_id: impl Into<String>,
        resource_name: impl Into<String>,
        resource_limit: i64,
    ) -> Self {
        NewLimit {
            service_id: service_id.into(),
            project_id: None,
            domain_id: Some(domain_id.into()),
            region_id: None,
            resource_name: resource_name.into(),
            resource_limit,
            description: None,
        }
    }
    util::setters! {
        /// Only in this region.
        region_id: str,
        /// The description.
        description: str,
    }
}

/// What [`update`] sends. Fields not set are left unchanged; `clear_*` sends `null`.
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct UpdateOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    resource_limit: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<Option<String>>,
}

impl UpdateOpts {
    /// Changes nothing until fields are set.
    pub fn new() -> Self {
        Self::default()
    }
    /// A new limit.
    pub fn resource_limit(mut self, v: i64) -> Self {
        self.resource_limit = Some(v);
        self
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
}

#[derive(Serialize)]
struct CreateLimits<'a> {
    limits: &'a [NewLimit],
}

#[derive(Deserialize)]
struct LimitList {
    #[serde(default, deserialize_with = "null_default")]
    limits: Vec<Limit>,
}

#[derive(Serialize)]
struct UpdateLimit<'a> {
    limit: &'a UpdateOpts,
}

/// `POST /v3/limits` (several at once).
pub fn create_request(limits: &[NewLimit]) -> Result<Request> {
    Ok(Request::post("limits")
        .json(&CreateLimits { limits })?
        .ok_status([201]))
}

/// Creates limits.
pub async fn create(client: &ServiceClient, limits: Vec<NewLimit>) -> Result<Vec<Limit>> {
    let b: LimitList = client.send_json(create_request(&limits)?).await?;
    Ok(b.limits)
}

util::crud_fns! { "limits", "limit", "limits", Limit;
    /// `GET /v3/limits` with filters.
    list_request;
    /// Lists limits.
    list;
    /// `GET /v3/limits/{id}`.
    get_request;
    /// Gets a limit.
    get;
}

/// `PATCH /v3/limits/{id}`.
pub fn update_request(id: &str, opts: &UpdateOpts) -> Result<Request> {
    Ok(Request::patch(format!("limits/{}", seg(id)))
        .json(&UpdateLimit { limit: opts })?
        .ok_status([200]))
}

util::crud_fns! { "limits", "limit", "limits", Limit;
    /// Updates a limit.
    update;
    /// `DELETE /v3/limits/{id}`.
    delete_request;
    /// Deletes a limit.
    delete;
}

/// `GET /v3/limits/model`.
pub fn model_request() -> Request {
    Request::get("limits/model")
}

/// The enforcement model.
pub async fn model(client: &ServiceClient) -> Result<EnforcementModel> {
    client.send_keyed(model_request(), "model").await
}

#[cfg(test)]
mod tests {
    use super::*;
    use openstack_test_support::corpus;

    const S: &str = "keystone/api-ref/source/v3/samples/admin";

    #[test]
    fn bodies_match_samples() {
        let r = create_registered_request(&[
            NewRegisteredLimit::new("9408080f1970482aa0e38bc2d4ea34b7", "snapshot", 5)
                .region_id("RegionOne"),
            NewRegisteredLimit::new("9408080f1970482aa0e38bc2d4ea34b7", "volume", 10)
                .description("Number of volumes"),
        ])
        .expect("req");
        assert_eq!(r.path(), "registered_limits");
        assert_eq!(
            r.json_body(),
            Some(corpus::json(&format!(
                "{S}/registered-limits-create-request.json"
            )))
        );
        let r = update_registered_request(
            "x",
            &UpdateRegisteredOpts::new()
                .service_id("9408080f1970482aa0e38bc2d4ea34b7")
                .region_id("RegionOne")
                .resource_name("snapshot")
                .default_limit(5)
                .description("Number of snapshots"),
        )
        .expect("req");
        assert_eq!(
            r.json_body(),
            Some(corpus::json(&format!(
                "{S}/registered-limits-update-request.json"
            )))
        );
        let r = create_request(&[
            NewLimit::project(
                "3a705b9f56bb439381b43c4fe59dccce",
                "9408080f1970482aa0e38bc2d4ea34b7",
                "snapshot",
                5,
            )
            .region_id("RegionOne"),
            NewLimit::domain(
                "edbafc92be354ffa977c58aa79c7bdb2",
                "9408080f1970482aa0e38bc2d4ea34b7",
                "volume",
                10,
            )
            .description("Number of volumes for project 3a705b9f56bb439381b43c4fe59dccce"),
        ])
        .expect("req");
        assert_eq!(
            r.json_body(),
            Some(corpus::json(&format!("{S}/limits-create-request.json")))
        );
        let r = update_request(
            "l",
            &UpdateOpts::new()
                .resource_limit(5)
                .description("Number of snapshots for project 3a705b9f56bb439381b43c4fe59dccce"),
        )
        .expect("req");
        assert_eq!(r.path(), "limits/l");
        assert_eq!(
            r.json_body(),
            Some(corpus::json(&format!("{S}/limits-update-request.json")))
        );
        let r =
            list_request(&ListOpts::new().project_id("p").resource_name("volume")).expect("req");
        assert_eq!(r.query_string(), Some("resource_name=volume&project_id=p"));
        assert_eq!(model_request().path(), "limits/model");
    }
}
