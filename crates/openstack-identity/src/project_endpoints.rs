//! Project endpoint filters (`OS-EP-FILTER`): associate single endpoints with a project so
//! that tokens scoped to it carry a filtered catalog. Associate, check, dissociate, and list
//! in both directions. Endpoint groups (filters matching many endpoints) are in
//! [`endpoint_groups`](crate::endpoint_groups).

use openstack_core::{Pager, Request, Result, ServiceClient};

use crate::endpoints::Endpoint;
use crate::projects::Project;
use crate::util::{self, seg};

fn path(project_id: &str, endpoint_id: &str) -> String {
    format!(
        "OS-EP-FILTER/projects/{}/endpoints/{}",
        seg(project_id),
        seg(endpoint_id)
    )
}

/// `PUT /v3/OS-EP-FILTER/projects/{project_id}/endpoints/{endpoint_id}`.
pub fn associate_request(project_id: &str, endpoint_id: &str) -> Request {
    Request::put(path(project_id, endpoint_id)).ok_status([200, 204])
}

/// Associates an endpoint with a project.
pub async fn associate(client: &ServiceClient, project_id: &str, endpoint_id: &str) -> Result<()> {
    client
        .send_empty(associate_request(project_id, endpoint_id))
        .await
}

/// `HEAD /v3/OS-EP-FILTER/projects/{project_id}/endpoints/{endpoint_id}`.
pub fn check_request(project_id: &str, endpoint_id: &str) -> Request {
    Request::head(path(project_id, endpoint_id))
}

/// Whether an endpoint is associated with a project (`false` on 404).
pub async fn check(client: &ServiceClient, project_id: &str, endpoint_id: &str) -> Result<bool> {
    util::exists(client, check_request(project_id, endpoint_id)).await
}

/// `DELETE /v3/OS-EP-FILTER/projects/{project_id}/endpoints/{endpoint_id}`.
pub fn dissociate_request(project_id: &str, endpoint_id: &str) -> Request {
    Request::delete(path(project_id, endpoint_id)).ok_status([204])
}

/// Removes the association of an endpoint with a project.
pub async fn dissociate(client: &ServiceClient, project_id: &str, endpoint_id: &str) -> Result<()> {
    client
        .send_empty(dissociate_request(project_id, endpoint_id))
        .await
}

/// `GET /v3/OS-EP-FILTER/projects/{project_id}/endpoints`.
pub fn list_endpoints_request(project_id: &str) -> Request {
    Request::get(format!(
        "OS-EP-FILTER/projects/{}/endpoints",
        seg(project_id)
    ))
}

/// Lists the endpoints associated with a project.
pub fn list_endpoints(client: &ServiceClient, project_id: &str) -> Pager<Endpoint> {
    Pager::linked(
        client.clone(),
        list_endpoints_request(project_id),
        "endpoints",
    )
}

/// `GET /v3/OS-EP-FILTER/endpoints/{endpoint_id}/projects`.
pub fn list_projects_request(endpoint_id: &str) -> Request {
    Request::get(format!(
        "OS-EP-FILTER/endpoints/{}/projects",
        seg(endpoint_id)
    ))
}

/// Lists the projects an endpoint is associated with.
pub fn list_projects(client: &ServiceClient, endpoint_id: &str) -> Pager<Project> {
    Pager::linked(
        client.clone(),
        list_projects_request(endpoint_id),
        "projects",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        let r = associate_request("p", "e/1");
        assert_eq!(
            (r.method().as_str(), r.path()),
            ("PUT", "OS-EP-FILTER/projects/p/endpoints/e%2F1")
        );
        assert!(r.json_body().is_none());
        assert_eq!(check_request("p", "e").method().as_str(), "HEAD");
        assert_eq!(dissociate_request("p", "e").method().as_str(), "DELETE");
        assert_eq!(
            list_endpoints_request("p").path(),
            "OS-EP-FILTER/projects/p/endpoints"
        );
        assert_eq!(
            list_projects_request("e").path(),
            "OS-EP-FILTER/endpoints/e/projects"
        );
    }
}
