//! Endpoint groups (`/v3/OS-EP-FILTER/endpoint_groups`): filters on the catalog (by service,
//! interface, region) that can be associated with projects, so that tokens scoped to those
//! projects carry only the matching endpoints. Create, list, get, update, delete, the
//! endpoints a group matches, and project associations.

use openstack_core::serde_util::null_default;
use openstack_core::{Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};

use crate::endpoints::Endpoint;
use crate::projects::Project;
use crate::util::{self, seg};

/// An endpoint group.
///
/// Decoding also accepts each group wrapped in `{"endpoint_group": {...}}`, as the API
/// reference's list sample shows it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(from = "Repr")]
#[non_exhaustive]
pub struct EndpointGroup {
    /// The id.
    pub id: String,
    /// The name.
    pub name: String,
    /// The description.
    pub description: Option<String>,
    /// Which endpoints the group matches.
    pub filters: Filters,
}

#[derive(Deserialize)]
struct Raw {
    id: String,
    #[serde(default, deserialize_with = "null_default")]
    name: String,
    #[serde(default)]
    description: Option<String>,
    #[serde(default, deserialize_with = "null_default")]
    filters: Filters,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Repr {
    Wrapped { endpoint_group: Raw },
    Flat(Raw),
}

impl From<Repr> for EndpointGroup {
    fn from(r: Repr) -> Self {
        let (Repr::Wrapped { endpoint_group: r } | Repr::Flat(r)) = r;
        EndpointGroup {
            id: r.id,
            name: r.name,
            description: r.description,
            filters: r.filters,
        }
    }
}

/// The filters of an endpoint group: every attribute set must match.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Filters {
    /// The service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_id: Option<String>,
    /// The interface (`public`, `internal`, `admin`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interface: Option<String>,
    /// The region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region_id: Option<String>,
    /// Other endpoint attributes.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl Filters {
    /// No filter (matches every endpoint).
    pub fn new() -> Self {
        Self::default()
    }
    /// Matches endpoints of this service.
    #[must_use]
    pub fn service_id(mut self, v: impl Into<String>) -> Self {
        self.service_id = Some(v.into());
        self
    }
    /// Matches endpoints with this interface.
    #[must_use]
    pub fn interface(mut self, v: impl Into<String>) -> Self {
        self.interface = Some(v.into());
        self
    }
    /// Matches endpoints in this region.
    #[must_use]
    pub fn region_id(mut self, v: impl Into<String>) -> Self {
        self.region_id = Some(v.into());
        self
    }
}

/// Filters for [`list`].
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct ListOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
}

impl ListOpts {
    /// No filters.
    pub fn new() -> Self {
        Self::default()
    }
    util::setters! {
        /// Only groups with this name.
        name: str,
    }
}

/// What [`create`] sends.
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct CreateOpts {
    name: String,
    filters: Filters,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
}

impl CreateOpts {
    /// A group named `name` matching `filters`.
    pub fn new(name: impl Into<String>, filters: Filters) -> Self {
        CreateOpts {
            name: name.into(),
            filters,
            description: None,
        }
    }
    util::setters! {
        /// The description.
        description: str,
    }
}

/// What [`update`] sends. Fields not set are left unchanged; `clear_description` sends
/// `null`.
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct UpdateOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    filters: Option<Filters>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<Option<String>>,
}

impl UpdateOpts {
    /// Changes nothing until fields are set.
    pub fn new() -> Self {
        Self::default()
    }
    util::setters! {
        /// A new name.
        name: str,
    }
    /// New filters (replacing the old ones).
    pub fn filters(mut self, v: Filters) -> Self {
        self.filters = Some(v);
        self
    }
    /// A new description.
    pub fn description(mut self, v: impl Into<String>) -> Self {
        self.description = Some(Some(v.into()));
        self
    }
    /// Removes the description (sends `"description": null`).
    pub fn clear_description(mut self) -> Self {
        self.description = Some(None);
        self
    }
}

util::crud_fns! { "OS-EP-FILTER/endpoint_groups", "endpoint_group", "endpoint_groups", EndpointGroup;
    /// `GET /v3/OS-EP-FILTER/endpoint_groups` with filters.
    list_request;
    /// Lists endpoint groups, following `links.next`.
    list;
    /// `GET /v3/OS-EP-FILTER/endpoint_groups/{id}`.
    get_request;
    /// Gets an endpoint group.
    get;
    /// `POST /v3/OS-EP-FILTER/endpoint_groups`.
    create_request;
    /// Creates an endpoint group.
    create;
    /// `PATCH /v3/OS-EP-FILTER/endpoint_groups/{id}`.
    update_request;
    /// Updates an endpoint group.
    update;
    /// `DELETE /v3/OS-EP-FILTER/endpoint_groups/{id}`.
    delete_request;
    /// Deletes an endpoint group (and its project associations).
    delete;
}

fn group(id: &str) -> String {
    format!("OS-EP-FILTER/endpoint_groups/{}", seg(id))
}

fn assoc(group_id: &str, project_id: &str) -> String {
    format!("{}/projects/{}", group(group_id), seg(project_id))
}

/// `GET /v3/OS-EP-FILTER/endpoint_groups/{id}/endpoints`.
pub fn list_endpoints_request(group_id: &str) -> Request {
    Request::get(format!("{}/endpoints", group(group_id)))
}

/// Lists the endpoints a group matches.
pub fn list_endpoints(client: &ServiceClient, group_id: &str) -> Pager<Endpoint> {
    Pager::linked(
        client.clone(),
        list_endpoints_request(group_id),
        "endpoints",
    )
}

/// `GET /v3/OS-EP-FILTER/endpoint_groups/{id}/projects`.
pub fn list_projects_request(group_id: &str) -> Request {
    Request::get(format!("{}/projects", group(group_id)))
}

/// Lists the projects a group is associated with.
pub fn list_projects(client: &ServiceClient, group_id: &str) -> Pager<Project> {
    Pager::linked(client.clone(), list_projects_request(group_id), "projects")
}

/// `GET /v3/OS-EP-FILTER/projects/{project_id}/endpoint_groups`.
pub fn list_for_project_request(project_id: &str) -> Request {
    Request::get(format!(
        "OS-EP-FILTER/projects/{}/endpoint_groups",
        seg(project_id)
    ))
}

/// Lists the endpoint groups associated with a project.
pub fn list_for_project(client: &ServiceClient, project_id: &str) -> Pager<EndpointGroup> {
    Pager::linked(
        client.clone(),
        list_for_project_request(project_id),
        "endpoint_groups",
    )
}

/// `PUT /v3/OS-EP-FILTER/endpoint_groups/{id}/projects/{project_id}`.
pub fn associate_project_request(group_id: &str, project_id: &str) -> Request {
    Request::put(assoc(group_id, project_id)).ok_status([200, 204])
}

/// Associates a group with a project.
pub async fn associate_project(
    client: &ServiceClient,
    group_id: &str,
    project_id: &str,
) -> Result<()> {
    client
        .send_empty(associate_project_request(group_id, project_id))
        .await
}

/// `GET /v3/OS-EP-FILTER/endpoint_groups/{id}/projects/{project_id}`.
pub fn get_project_request(group_id: &str, project_id: &str) -> Request {
    Request::get(assoc(group_id, project_id))
}

/// The association of an endpoint group with a project, as
/// [`get_project_association`] reads it.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ProjectAssociation {
    /// The endpoint group.
    #[serde(default, deserialize_with = "null_default")]
    pub endpoint_group_id: String,
    /// The project.
    #[serde(default, deserialize_with = "null_default")]
    pub project_id: String,
    /// The project itself, when the server sends it (the API reference shows a `project`
    /// body; Keystone sends `project_endpoint_group` with the two ids).
    #[serde(skip)]
    pub project: Option<Project>,
}

#[derive(Deserialize)]
struct AssociationBody {
    #[serde(default)]
    project_endpoint_group: Option<ProjectAssociation>,
    #[serde(default)]
    project: Option<Project>,
}

impl ProjectAssociation {
    /// Reads either documented shape of the answer to
    /// `GET /v3/OS-EP-FILTER/endpoint_groups/{id}/projects/{project_id}`.
    pub fn from_body(group_id: &str, body: &[u8]) -> Result<Self> {
        let what = "the endpoint group project association";
        let b: AssociationBody = openstack_core::decode_json(body, what)?;
        match (b.project_endpoint_group, b.project) {
            (Some(a), project) => Ok(ProjectAssociation { project, ..a }),
            (None, Some(p)) => Ok(ProjectAssociation {
                endpoint_group_id: group_id.to_owned(),
                project_id: p.id.clone(),
                project: Some(p),
            }),
            (None, None) => Err(openstack_core::Error::decode(
                what,
                "neither `project_endpoint_group` nor `project` in the response",
            )),
        }
    }
}

/// Reads the association of a group with a project (404 when not associated).
pub async fn get_project_association(
    client: &ServiceClient,
    group_id: &str,
    project_id: &str,
) -> Result<ProjectAssociation> {
    let resp = client
        .send(get_project_request(group_id, project_id))
        .await?;
    ProjectAssociation::from_body(group_id, &resp.bytes().await?)
}

/// `HEAD /v3/OS-EP-FILTER/endpoint_groups/{id}/projects/{project_id}`.
pub fn check_project_request(group_id: &str, project_id: &str) -> Request {
    Request::head(assoc(group_id, project_id))
}

/// Whether a group is associated with a project (`false` on 404).
pub async fn check_project(
    client: &ServiceClient,
    group_id: &str,
    project_id: &str,
) -> Result<bool> {
    util::exists(client, check_project_request(group_id, project_id)).await
}

/// `DELETE /v3/OS-EP-FILTER/endpoint_groups/{id}/projects/{project_id}`.
pub fn dissociate_project_request(group_id: &str, project_id: &str) -> Request {
    Request::delete(assoc(group_id, project_id)).ok_status([204])
}

/// Removes the association of a group with a project.
pub async fn dissociate_project(
    client: &ServiceClient,
    group_id: &str,
    project_id: &str,
) -> Result<()> {
    client
        .send_empty(dissociate_project_request(group_id, project_id))
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use openstack_test_support::corpus;

    const S: &str = "keystone/api-ref/source/v3-ext/samples/OS-EP-FILTER";

    #[test]
    fn bodies_match_samples() {
        let r = create_request(
            &CreateOpts::new(
                "endpoint group name",
                Filters::new().interface("admin").service_id("1b501a"),
            )
            .description("endpoint group description"),
        )
        .expect("req");
        assert_eq!(r.path(), "OS-EP-FILTER/endpoint_groups");
        assert_eq!(
            r.json_body(),
            Some(corpus::json(&format!(
                "{S}/create-endpoint-group-request.json"
            )))
        );
        let r = update_request(
            "ac4861",
            &UpdateOpts::new().filters(Filters::new().interface("public")),
        )
        .expect("req");
        assert_eq!(r.path(), "OS-EP-FILTER/endpoint_groups/ac4861");
        assert_eq!(
            r.json_body(),
            Some(corpus::json(&format!(
                "{S}/update-endpoint-group-request.json"
            )))
        );
        let r = update_request("g", &UpdateOpts::new().clear_description()).expect("req");
        assert_eq!(
            r.json_body(),
            Some(serde_json::json!({"endpoint_group": {"description": null}}))
        );
    }

    #[test]
    fn association_in_both_shapes() {
        let doc = serde_json::to_vec(&corpus::json(&format!(
            "{S}/endpoint-project-response.json"
        )))
        .expect("json");
        let a = ProjectAssociation::from_body("g", &doc).expect("doc shape");
        assert_eq!(
            (a.endpoint_group_id.as_str(), a.project_id.as_str()),
            ("g", "263fd9")
        );
        assert_eq!(
            a.project.map(|p| p.name),
            Some("project name #1".to_owned())
        );
        let real = br#"{"project_endpoint_group": {"endpoint_group_id": "d8", "project_id": "cb",
            "links": {"self": "/OS-EP-FILTER/endpoint_groups/d8/projects/cb"}}}"#;
        let a = ProjectAssociation::from_body("g", real).expect("keystone shape");
        assert_eq!(
            (a.endpoint_group_id.as_str(), a.project_id.as_str()),
            ("d8", "cb")
        );
        assert!(a.project.is_none());
        assert!(ProjectAssociation::from_body("g", b"{}").is_err());
    }

    #[test]
    fn paths() {
        assert_eq!(
            associate_project_request("g", "p").path(),
            "OS-EP-FILTER/endpoint_groups/g/projects/p"
        );
        assert_eq!(associate_project_request("g", "p").method().as_str(), "PUT");
        assert_eq!(check_project_request("g", "p").method().as_str(), "HEAD");
        assert_eq!(
            dissociate_project_request("g", "p").method().as_str(),
            "DELETE"
        );
        assert_eq!(get_project_request("g", "p").method().as_str(), "GET");
        assert_eq!(
            list_endpoints_request("g").path(),
            "OS-EP-FILTER/endpoint_groups/g/endpoints"
        );
        assert_eq!(
            list_projects_request("g").path(),
            "OS-EP-FILTER/endpoint_groups/g/projects"
        );
        assert_eq!(
            list_for_project_request("p 1").path(),
            "OS-EP-FILTER/projects/p%201/endpoint_groups"
        );
    }
}
