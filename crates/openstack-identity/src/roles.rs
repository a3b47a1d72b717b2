//! Roles (`/v3/roles`): create, list, get, update, delete; grants of a role to a user or
//! group on a project, a domain or the system; and role assignments (`/v3/role_assignments`).
//!
//! ```no_run
//! # async fn f(identity: openstack_core::ServiceClient, project_id: &str, user_id: &str, role_id: &str) -> openstack_core::Result<()> {
//! use futures::TryStreamExt;
//! use openstack_identity::roles::{self, Actor, AssignmentsOpts, Target};
//!
//! let target = Target::project(project_id);
//! let actor = Actor::user(user_id);
//! roles::grant(&identity, &target, &actor, role_id).await?;
//! assert!(roles::check(&identity, &target, &actor, role_id).await?);
//! let assignments: Vec<_> = roles::list_assignments(
//!     &identity,
//!     AssignmentsOpts::new().user_id(user_id).project_id(project_id).include_names(),
//! )
//! .try_collect()
//! .await?;
//! # Ok(()) }
//! ```

use openstack_core::serde_util::null_default;
use openstack_core::{Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};

use crate::util::{self, seg, Options};

/// A role (global, or specific to a domain when `domain_id` is set).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Role {
    /// The id.
    pub id: String,
    /// The name.
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// The domain of a domain-specific role (`null` for global roles).
    #[serde(default)]
    pub domain_id: Option<String>,
    /// The description.
    #[serde(default)]
    pub description: Option<String>,
    /// Resource options (`immutable`).
    #[serde(default, deserialize_with = "null_default")]
    pub options: Options,
}

/// Filters for [`list`].
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct ListOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    domain_id: Option<String>,
}

impl ListOpts {
    /// No filters.
    pub fn new() -> Self {
        Self::default()
    }
    util::setters! {
        /// Only the role with this name.
        name: str,
        /// Only roles specific to this domain.
        domain_id: str,
    }
}

/// What [`create`] sends.
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct CreateOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    domain_id: Option<String>,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    options: Option<Options>,
}

impl CreateOpts {
    /// A role named `name`.
    pub fn new(name: impl Into<String>) -> Self {
        CreateOpts {
            name: name.into(),
            ..Self::default()
        }
    }
    util::setters! {
        /// The description.
        description: str,
        /// Makes it a domain-specific role.
        domain_id: str,
    }
    /// Sets one resource option.
    pub fn option(mut self, key: impl Into<String>, value: impl Into<serde_json::Value>) -> Self {
        self.options
            .get_or_insert_with(Options::new)
            .insert(key.into(), value.into());
        self
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
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    options: Option<Options>,
}

impl UpdateOpts {
    /// Changes nothing until fields are set.
    pub fn new() -> Self {
        Self::default()
    }
    /// A new name.
    pub fn name(mut self, v: impl Into<String>) -> Self {
        self.name = Some(v.into());
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
    /// Sets one resource option (a `null` value removes it).
    pub fn option(mut self, key: impl Into<String>, value: impl Into<serde_json::Value>) -> Self {
        self.options
            .get_or_insert_with(Options::new)
            .insert(key.into(), value.into());
        self
    }
}

util::crud_fns! { "roles", "role", "roles", Role;
    /// `GET /v3/roles` with filters.
    list_request;
    /// Lists roles, following `links.next`.
    list;
    /// `GET /v3/roles/{id}`.
    get_request;
    /// Gets a role.
    get;
    /// `POST /v3/roles`.
    create_request;
    /// Creates a role.
    create;
    /// `PATCH /v3/roles/{id}`.
    update_request;
    /// Updates a role.
    update;
    /// `DELETE /v3/roles/{id}`.
    delete_request;
    /// Deletes a role.
    delete;
}

// ------------------------------------------------------------------ grants

/// Where a role is granted.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Target {
    /// A project, by id.
    Project(String),
    /// A domain, by id.
    Domain(String),
    /// The whole deployment (`/v3/system/...`).
    System,
}

impl Target {
    /// A project by id.
    pub fn project(id: impl Into<String>) -> Self {
        Target::Project(id.into())
    }
    /// A domain by id.
    pub fn domain(id: impl Into<String>) -> Self {
        Target::Domain(id.into())
    }
}

/// Who a role is granted to.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Actor {
    /// A user, by id.
    User(String),
    /// A group, by id.
    Group(String),
}

impl Actor {
    /// A user by id.
    pub fn user(id: impl Into<String>) -> Self {
        Actor::User(id.into())
    }
    /// A group by id.
    pub fn group(id: impl Into<String>) -> Self {
        Actor::Group(id.into())
    }
}

/// `<target>/<actor>/roles`: `projects/{p}/users/{u}/roles`, `system/groups/{g}/roles`...
fn grants_path(target: &Target, actor: &Actor) -> String {
    let t = match target {
        Target::Project(p) => format!("projects/{}", seg(p)),
        Target::Domain(d) => format!("domains/{}", seg(d)),
        Target::System => "system".to_owned(),
    };
    let a = match actor {
        Actor::User(u) => format!("users/{}", seg(u)),
        Actor::Group(g) => format!("groups/{}", seg(g)),
    };
    format!("{t}/{a}/roles")
}

/// `PUT /v3/{projects|domains}/{id}/{users|groups}/{id}/roles/{role_id}` (or
/// `/v3/system/...`).
pub fn grant_request(target: &Target, actor: &Actor, role_id: &str) -> Request {
    Request::put(format!("{}/{}", grants_path(target, actor), seg(role_id))).ok_status([204])
}

/// Grants a role to a user or group on a project, domain or the system.
pub async fn grant(
    client: &ServiceClient,
    target: &Target,
    actor: &Actor,
    role_id: &str,
) -> Result<()> {
    client
        .send_empty(grant_request(target, actor, role_id))
        .await
}

/// `DELETE` of a grant.
pub fn revoke_request(target: &Target, actor: &Actor, role_id: &str) -> Request {
    Request::delete(format!("{}/{}", grants_path(target, actor), seg(role_id))).ok_status([204])
}

/// Revokes a role grant.
pub async fn revoke(
    client: &ServiceClient,
    target: &Target,
    actor: &Actor,
    role_id: &str,
) -> Result<()> {
    client
        .send_empty(revoke_request(target, actor, role_id))
        .await
}

/// `HEAD` of a grant.
pub fn check_request(target: &Target, actor: &Actor, role_id: &str) -> Request {
    Request::head(format!("{}/{}", grants_path(target, actor), seg(role_id)))
}

/// Whether the role is granted directly (404 means no).
pub async fn check(
    client: &ServiceClient,
    target: &Target,
    actor: &Actor,
    role_id: &str,
) -> Result<bool> {
    util::exists(client, check_request(target, actor, role_id)).await
}

/// `GET` of the roles granted directly to an actor on a target.
pub fn list_granted_request(target: &Target, actor: &Actor) -> Request {
    Request::get(grants_path(target, actor))
}

/// Lists the roles granted directly to a user or group on a project, domain or the system.
pub fn list_granted(client: &ServiceClient, target: &Target, actor: &Actor) -> Pager<Role> {
    Pager::linked(client.clone(), list_granted_request(target, actor), "roles")
}

// ------------------------------------------------------------------ inherited grants

/// `OS-INHERIT/<target>/<actor>/roles`. Inherited grants exist on projects and domains only.
fn inherited_path(target: &Target, actor: &Actor) -> Result<String> {
    if matches!(target, Target::System) {
        return Err(openstack_core::Error::invalid_input(
            "inherited role grants exist on projects and domains, not on the system",
        ));
    }
    Ok(format!("OS-INHERIT/{}", grants_path(target, actor)))
}

/// `OS-INHERIT/<target>/<actor>/roles/<role_id>/inherited_to_projects`.
fn inherited_grant_path(target: &Target, actor: &Actor, role_id: &str) -> Result<String> {
    Ok(format!(
        "{}/{}/inherited_to_projects",
        inherited_path(target, actor)?,
        seg(role_id)
    ))
}

/// `PUT /v3/OS-INHERIT/{projects|domains}/{id}/{users|groups}/{id}/roles/{role_id}/inherited_to_projects`.
pub fn grant_inherited_request(target: &Target, actor: &Actor, role_id: &str) -> Result<Request> {
    Ok(Request::put(inherited_grant_path(target, actor, role_id)?).ok_status([204]))
}

/// Grants a role that the target's projects (a domain's, or a project's subtree) inherit.
pub async fn grant_inherited(
    client: &ServiceClient,
    target: &Target,
    actor: &Actor,
    role_id: &str,
) -> Result<()> {
    client
        .send_empty(grant_inherited_request(target, actor, role_id)?)
        .await
}

/// `DELETE` of an inherited grant.
pub fn revoke_inherited_request(target: &Target, actor: &Actor, role_id: &str) -> Result<Request> {
    Ok(Request::delete(inherited_grant_path(target, actor, role_id)?).ok_status([204]))
}

/// Revokes an inherited grant.
pub async fn revoke_inherited(
    client: &ServiceClient,
    target: &Target,
    actor: &Actor,
    role_id: &str,
) -> Result<()> {
    client
        .send_empty(revoke_inherited_request(target, actor, role_id)?)
        .await
}

/// `HEAD` of an inherited grant.
pub fn check_inherited_request(target: &Target, actor: &Actor, role_id: &str) -> Result<Request> {
    Ok(Request::head(inherited_grant_path(target, actor, role_id)?))
}

/// Whether an inherited grant exists (404 means no).
pub async fn check_inherited(
    client: &ServiceClient,
    target: &Target,
    actor: &Actor,
    role_id: &str,
) -> Result<bool> {
    util::exists(client, check_inherited_request(target, actor, role_id)?).await
}

/// `GET /v3/OS-INHERIT/.../roles/inherited_to_projects`.
pub fn list_inherited_request(target: &Target, actor: &Actor) -> Result<Request> {
    Ok(Request::get(format!(
        "{}/inherited_to_projects",
        inherited_path(target, actor)?
    )))
}

/// Lists the inherited grants of an actor on a project or domain.
pub fn list_inherited(client: &ServiceClient, target: &Target, actor: &Actor) -> Pager<Role> {
    Pager::linked(
        client.clone(),
        list_inherited_request(target, actor),
        "roles",
    )
}

// ------------------------------------------------------------------ implied roles

/// One inference rule: `prior_role` implies `implies`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RoleInference {
    /// The prior role.
    #[serde(default)]
    pub prior_role: Role,
    /// The implied role.
    #[serde(default)]
    pub implies: Role,
}

/// A prior role and every role it implies.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RoleInferences {
    /// The prior role.
    #[serde(default)]
    pub prior_role: Role,
    /// The roles it implies.
    #[serde(default, deserialize_with = "null_default")]
    pub implies: Vec<Role>,
}

fn implies_path(prior_role_id: &str, implied_role_id: &str) -> String {
    format!(
        "roles/{}/implies/{}",
        seg(prior_role_id),
        seg(implied_role_id)
    )
}

/// `PUT /v3/roles/{prior_role_id}/implies/{implied_role_id}`.
pub fn create_inference_request(prior_role_id: &str, implied_role_id: &str) -> Request {
    Request::put(implies_path(prior_role_id, implied_role_id)).ok_status([201])
}

/// Makes one role imply another.
pub async fn create_inference(
    client: &ServiceClient,
    prior_role_id: &str,
    implied_role_id: &str,
) -> Result<RoleInference> {
    client
        .send_keyed(
            create_inference_request(prior_role_id, implied_role_id),
            "role_inference",
        )
        .await
}

/// `GET /v3/roles/{prior_role_id}/implies/{implied_role_id}`.
pub fn get_inference_request(prior_role_id: &str, implied_role_id: &str) -> Request {
    Request::get(implies_path(prior_role_id, implied_role_id))
}

/// Gets one inference rule.
pub async fn get_inference(
    client: &ServiceClient,
    prior_role_id: &str,
    implied_role_id: &str,
) -> Result<RoleInference> {
    client
        .send_keyed(
            get_inference_request(prior_role_id, implied_role_id),
            "role_inference",
        )
        .await
}

/// `HEAD /v3/roles/{prior_role_id}/implies/{implied_role_id}`.
pub fn check_inference_request(prior_role_id: &str, implied_role_id: &str) -> Request {
    Request::head(implies_path(prior_role_id, implied_role_id))
}

/// Whether one role implies another directly.
pub async fn check_inference(
    client: &ServiceClient,
    prior_role_id: &str,
    implied_role_id: &str,
) -> Result<bool> {
    util::exists(
        client,
        check_inference_request(prior_role_id, implied_role_id),
    )
    .await
}

/// `DELETE /v3/roles/{prior_role_id}/implies/{implied_role_id}`.
pub fn delete_inference_request(prior_role_id: &str, implied_role_id: &str) -> Request {
    Request::delete(implies_path(prior_role_id, implied_role_id)).ok_status([204])
}

/// Removes an inference rule.
pub async fn delete_inference(
    client: &ServiceClient,
    prior_role_id: &str,
    implied_role_id: &str,
) -> Result<()> {
    client
        .send_empty(delete_inference_request(prior_role_id, implied_role_id))
        .await
}

/// `GET /v3/roles/{prior_role_id}/implies`.
pub fn list_implied_request(prior_role_id: &str) -> Request {
    Request::get(format!("roles/{}/implies", seg(prior_role_id)))
}

/// The roles a role implies directly.
pub async fn list_implied(client: &ServiceClient, prior_role_id: &str) -> Result<RoleInferences> {
    client
        .send_keyed(list_implied_request(prior_role_id), "role_inference")
        .await
}

/// `GET /v3/role_inferences`.
pub fn list_inferences_request() -> Request {
    Request::get("role_inferences")
}

/// Every inference rule of the deployment, grouped by prior role.
pub fn list_inferences(client: &ServiceClient) -> Pager<RoleInferences> {
    Pager::linked(client.clone(), list_inferences_request(), "role_inferences")
}

// ------------------------------------------------------------------ assignments

/// A reference to a named entity in an assignment (ids always; names and domains with
/// `include_names`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct EntityRef {
    /// The id.
    #[serde(default, deserialize_with = "null_default")]
    pub id: String,
    /// The name (with `include_names`).
    #[serde(default)]
    pub name: Option<String>,
    /// The domain it belongs to (with `include_names`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<Box<EntityRef>>,
}

/// The scope of an assignment: one of project, domain or system.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AssignmentScope {
    /// The project.
    #[serde(default)]
    pub project: Option<EntityRef>,
    /// The domain.
    #[serde(default)]
    pub domain: Option<EntityRef>,
    /// The system (`{"all": true}`).
    #[serde(default)]
    pub system: Option<serde_json::Value>,
    /// `projects` for an assignment inherited to the target's projects.
    #[serde(
        default,
        rename = "OS-INHERIT:inherited_to",
        skip_serializing_if = "Option::is_none"
    )]
    pub inherited_to: Option<String>,
}

/// The links of an assignment.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AssignmentLinks {
    /// The grant this assignment comes from.
    #[serde(default)]
    pub assignment: Option<String>,
    /// The group membership an effective assignment comes through.
    #[serde(default)]
    pub membership: Option<String>,
}

/// A role assignment: a role, a user or group, and a scope.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RoleAssignment {
    /// The role.
    #[serde(default)]
    pub role: EntityRef,
    /// The user (absent for group assignments unless `effective`).
    #[serde(default)]
    pub user: Option<EntityRef>,
    /// The group.
    #[serde(default)]
    pub group: Option<EntityRef>,
    /// The scope.
    #[serde(default)]
    pub scope: AssignmentScope,
    /// The links.
    #[serde(default)]
    pub links: AssignmentLinks,
}

/// Filters for [`list_assignments`] (the query keys contain dots: `user.id`,
/// `scope.project.id`).
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct AssignmentsOpts {
    #[serde(rename = "group.id", skip_serializing_if = "Option::is_none")]
    group_id: Option<String>,
    #[serde(rename = "role.id", skip_serializing_if = "Option::is_none")]
    role_id: Option<String>,
    #[serde(rename = "scope.domain.id", skip_serializing_if = "Option::is_none")]
    domain_id: Option<String>,
    #[serde(rename = "scope.project.id", skip_serializing_if = "Option::is_none")]
    project_id: Option<String>,
    #[serde(rename = "scope.system", skip_serializing_if = "Option::is_none")]
    system: Option<String>,
    #[serde(rename = "user.id", skip_serializing_if = "Option::is_none")]
    user_id: Option<String>,
    #[serde(
        rename = "scope.OS-INHERIT:inherited_to",
        skip_serializing_if = "Option::is_none"
    )]
    inherited_to: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    effective: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    include_names: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    include_subtree: bool,
}

impl AssignmentsOpts {
    /// All assignments.
    pub fn new() -> Self {
        Self::default()
    }
    util::setters! {
        /// Only assignments to this group (`group.id`).
        group_id: str,
        /// Only assignments of this role (`role.id`).
        role_id: str,
        /// Only assignments on this domain (`scope.domain.id`).
        domain_id: str,
        /// Only assignments on this project (`scope.project.id`).
        project_id: str,
    }
    /// Only system assignments (`scope.system=all`).
    pub fn system(mut self) -> Self {
        self.system = Some("all".to_owned());
        self
    }
    /// Only assignments to this user (`user.id`).
    pub fn user_id(mut self, v: impl Into<String>) -> Self {
        self.user_id = Some(v.into());
        self
    }
    /// Only inherited assignments (`scope.OS-INHERIT:inherited_to=projects`).
    pub fn inherited_to_projects(mut self) -> Self {
        self.inherited_to = Some("projects".to_owned());
        self
    }
    /// Effective assignments: group assignments expanded into their users, inherited ones
    /// into their projects (`effective`).
    pub fn effective(mut self) -> Self {
        self.effective = true;
        self
    }
    /// Includes the names of roles, users, groups, projects and domains (`include_names`).
    pub fn include_names(mut self) -> Self {
        self.include_names = true;
        self
    }
    /// With a project filter, includes the project's subtree (`include_subtree`).
    pub fn include_subtree(mut self) -> Self {
        self.include_subtree = true;
        self
    }
}

/// `GET /v3/role_assignments` with filters.
pub fn list_assignments_request(opts: &AssignmentsOpts) -> Result<Request> {
    Request::get("role_assignments").query(opts)
}

/// Lists role assignments, following `links.next`.
pub fn list_assignments(client: &ServiceClient, opts: AssignmentsOpts) -> Pager<RoleAssignment> {
    Pager::linked(
        client.clone(),
        list_assignments_request(&opts),
        "role_assignments",
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use openstack_test_support::corpus;

    const S: &str = "keystone/api-ref/source/v3/samples/admin";

    #[test]
    fn bodies_match_samples() {
        let r =
            create_request(&CreateOpts::new("developer").description("My new role")).expect("req");
        assert_eq!(r.path(), "roles");
        assert_eq!(
            r.json_body(),
            Some(corpus::json(&format!("{S}/role-create-request.json")))
        );
        let r = update_request(
            "r",
            &UpdateOpts::new()
                .description("My new role")
                .name("Developer"),
        )
        .expect("req");
        assert_eq!(
            r.json_body(),
            Some(corpus::json(&format!("{S}/role-update-request.json")))
        );
        // The domain-specific sample is not valid JSON (a missing comma); build its intent.
        let r = create_request(
            &CreateOpts::new("developer")
                .description("My new role")
                .domain_id("92e782c4988642d783a95f4a87c3fdd7"),
        )
        .expect("req");
        assert_eq!(
            r.json_body(),
            Some(serde_json::json!({"role": {"description": "My new role",
                "domain_id": "92e782c4988642d783a95f4a87c3fdd7", "name": "developer"}}))
        );
    }

    #[test]
    fn grant_paths() {
        let cases = [
            (
                Target::project("p"),
                Actor::user("u"),
                "projects/p/users/u/roles/r",
            ),
            (
                Target::project("p"),
                Actor::group("g"),
                "projects/p/groups/g/roles/r",
            ),
            (
                Target::domain("d"),
                Actor::user("u"),
                "domains/d/users/u/roles/r",
            ),
            (
                Target::domain("d"),
                Actor::group("g"),
                "domains/d/groups/g/roles/r",
            ),
            (Target::System, Actor::user("u"), "system/users/u/roles/r"),
        ];
        for (t, a, want) in cases {
            let g = grant_request(&t, &a, "r");
            assert_eq!((g.method().as_str(), g.path()), ("PUT", want));
            assert_eq!(revoke_request(&t, &a, "r").method(), "DELETE");
            assert_eq!(check_request(&t, &a, "r").method(), "HEAD");
            assert_eq!(check_request(&t, &a, "r").path(), want);
        }
        assert_eq!(
            list_granted_request(&Target::project("p"), &Actor::user("u")).path(),
            "projects/p/users/u/roles"
        );
    }

    #[test]
    fn inherited_and_implied_paths() {
        let r = grant_inherited_request(&Target::domain("d"), &Actor::user("u"), "r").expect("req");
        assert_eq!(
            (r.method().as_str(), r.path()),
            (
                "PUT",
                "OS-INHERIT/domains/d/users/u/roles/r/inherited_to_projects"
            )
        );
        let r = list_inherited_request(&Target::project("p"), &Actor::group("g")).expect("req");
        assert_eq!(
            r.path(),
            "OS-INHERIT/projects/p/groups/g/roles/inherited_to_projects"
        );
        assert!(grant_inherited_request(&Target::System, &Actor::user("u"), "r").is_err());
        assert_eq!(
            revoke_inherited_request(&Target::domain("d"), &Actor::user("u"), "r")
                .expect("req")
                .method(),
            "DELETE"
        );
        assert_eq!(
            check_inherited_request(&Target::domain("d"), &Actor::user("u"), "r")
                .expect("req")
                .method(),
            "HEAD"
        );
        let r = create_inference_request("a", "b");
        assert_eq!(
            (r.method().as_str(), r.path()),
            ("PUT", "roles/a/implies/b")
        );
        assert_eq!(get_inference_request("a", "b").method(), "GET");
        assert_eq!(check_inference_request("a", "b").method(), "HEAD");
        assert_eq!(delete_inference_request("a", "b").method(), "DELETE");
        assert_eq!(list_implied_request("a").path(), "roles/a/implies");
        assert_eq!(list_inferences_request().path(), "role_inferences");
    }

    #[test]
    fn assignment_query_has_dotted_keys() {
        let r = list_assignments_request(
            &AssignmentsOpts::new()
                .user_id("u1")
                .project_id("p1")
                .role_id("r1")
                .effective()
                .include_names(),
        )
        .expect("req");
        assert_eq!(r.path(), "role_assignments");
        assert_eq!(
            r.query_string(),
            Some("role.id=r1&scope.project.id=p1&user.id=u1&effective=true&include_names=true")
        );
        let r = list_assignments_request(
            &AssignmentsOpts::new()
                .group_id("g")
                .domain_id("d")
                .inherited_to_projects()
                .include_subtree(),
        )
        .expect("req");
        assert_eq!(
            r.query_string(),
            Some("group.id=g&scope.domain.id=d&scope.OS-INHERIT%3Ainherited_to=projects&include_subtree=true")
        );
        let r = list_assignments_request(&AssignmentsOpts::new().system()).expect("req");
        assert_eq!(r.query_string(), Some("scope.system=all"));
    }
}
