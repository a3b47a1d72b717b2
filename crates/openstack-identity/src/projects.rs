//! Projects (`/v3/projects`): create, list with filters, get, update, delete, and tags.
//!
//! ```no_run
//! # async fn f(identity: openstack_core::ServiceClient) -> openstack_core::Result<()> {
//! use openstack_identity::projects::{self, CreateOpts, UpdateOpts};
//! let p = projects::create(&identity, CreateOpts::new("team-a").domain_id("default")).await?;
//! projects::add_tag(&identity, &p.id, "billing-42").await?;
//! // Clear the description on purpose: sends `"description": null`.
//! projects::update(&identity, &p.id, UpdateOpts::new().clear_description()).await?;
//! projects::delete(&identity, &p.id).await?;
//! # Ok(()) }
//! ```

use openstack_core::serde_util::null_default;
use openstack_core::{Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};

use crate::util::{self, seg, Options};

/// A project (or, with `is_domain`, a project acting as a domain).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Project {
    /// The id.
    pub id: String,
    /// The name.
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// The owning domain's id.
    #[serde(default, deserialize_with = "null_default")]
    pub domain_id: String,
    /// The description (`null` when never set).
    #[serde(default)]
    pub description: Option<String>,
    /// Whether the project is enabled.
    #[serde(default = "util::yes", deserialize_with = "util::null_true")]
    pub enabled: bool,
    /// Whether the project acts as a domain.
    #[serde(default, deserialize_with = "null_default")]
    pub is_domain: bool,
    /// The parent project's id (`null` for a top-level project, which has its domain as
    /// parent in newer releases).
    #[serde(default)]
    pub parent_id: Option<String>,
    /// The tags.
    #[serde(default, deserialize_with = "null_default")]
    pub tags: Vec<String>,
    /// Resource options (`immutable`, ...).
    #[serde(default, deserialize_with = "null_default")]
    pub options: Options,
    /// The parents, when asked for with `parents_as_list` / `parents_as_ids` (their shape
    /// depends on which).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parents: Option<serde_json::Value>,
    /// The subtree, when asked for with `subtree_as_list` / `subtree_as_ids`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtree: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct TagsBody {
    #[serde(default, deserialize_with = "null_default")]
    tags: Vec<String>,
}

/// Filters for [`list`]. Tag filters take several tags, sent comma-separated.
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct ListOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    domain_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    enabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_domain: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tags: Option<String>,
    #[serde(rename = "tags-any", skip_serializing_if = "Option::is_none")]
    tags_any: Option<String>,
    #[serde(rename = "not-tags", skip_serializing_if = "Option::is_none")]
    not_tags: Option<String>,
    #[serde(rename = "not-tags-any", skip_serializing_if = "Option::is_none")]
    not_tags_any: Option<String>,
}

fn join<I: IntoIterator<Item = S>, S: Into<String>>(tags: I) -> String {
    tags.into_iter()
        .map(Into::into)
        .collect::<Vec<_>>()
        .join(",")
}

impl ListOpts {
    /// No filters.
    pub fn new() -> Self {
        Self::default()
    }
    util::setters! {
        /// Only projects in this domain.
        domain_id: str,
        /// Only the project with this name.
        name: str,
        /// Only enabled (or disabled) projects.
        enabled: bool,
        /// Only children of this project.
        parent_id: str,
        /// Only projects that act as domains (or only those that do not).
        is_domain: bool,
    }
    /// Only projects that have all of these tags (`tags`).
    pub fn tags<I: IntoIterator<Item = S>, S: Into<String>>(mut self, tags: I) -> Self {
        self.tags = Some(join(tags));
        self
    }
    /// Only projects that have any of these tags (`tags-any`).
    pub fn tags_any<I: IntoIterator<Item = S>, S: Into<String>>(mut self, tags: I) -> Self {
        self.tags_any = Some(join(tags));
        self
    }
    /// Only projects that do not have all of these tags (`not-tags`).
    pub fn not_tags<I: IntoIterator<Item = S>, S: Into<String>>(mut self, tags: I) -> Self {
        self.not_tags = Some(join(tags));
        self
    }
    /// Only projects that have none of these tags (`not-tags-any`).
    pub fn not_tags_any<I: IntoIterator<Item = S>, S: Into<String>>(mut self, tags: I) -> Self {
        self.not_tags_any = Some(join(tags));
        self
    }
}

/// What [`create`] sends.
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct CreateOpts {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    domain_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    enabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    is_domain: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    parent_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tags: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    options: Option<Options>,
}

impl CreateOpts {
    /// A project named `name` (in the token's domain unless [`CreateOpts::domain_id`] says
    /// otherwise).
    pub fn new(name: impl Into<String>) -> Self {
        CreateOpts {
            name: name.into(),
            ..Self::default()
        }
    }
    util::setters! {
        /// The description.
        description: str,
        /// The owning domain.
        domain_id: str,
        /// Enabled or disabled (enabled unless set).
        enabled: bool,
        /// Creates a project that acts as a domain.
        is_domain: bool,
        /// The parent project.
        parent_id: str,
    }
    /// The tags.
    pub fn tags<I: IntoIterator<Item = S>, S: Into<String>>(mut self, tags: I) -> Self {
        self.tags = Some(tags.into_iter().map(Into::into).collect());
        self
    }
    /// Sets one resource option (`immutable`, ...).
    pub fn option(mut self, key: impl Into<String>, value: impl Into<serde_json::Value>) -> Self {
        self.options
            .get_or_insert_with(Options::new)
            .insert(key.into(), value.into());
        self
    }
    /// Sets all resource options at once (an empty map sends `"options": {}`).
    pub fn options(mut self, options: Options) -> Self {
        self.options = Some(options);
        self
    }
}

/// What [`update`] sends. Fields not set are left unchanged; `clear_*` sends `null`.
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct UpdateOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    enabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tags: Option<Vec<String>>,
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
    /// Enables or disables the project.
    pub fn enabled(mut self, v: bool) -> Self {
        self.enabled = Some(v);
        self
    }
    /// Replaces all tags.
    pub fn tags<I: IntoIterator<Item = S>, S: Into<String>>(mut self, tags: I) -> Self {
        self.tags = Some(tags.into_iter().map(Into::into).collect());
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

/// Which related projects [`get_with`] includes.
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct GetOpts {
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    parents_as_list: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    subtree_as_list: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    parents_as_ids: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    subtree_as_ids: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    include_limits: bool,
}

impl GetOpts {
    /// Nothing extra.
    pub fn new() -> Self {
        Self::default()
    }
    /// Includes the parents as a list of projects (`parents_as_list`).
    pub fn parents_as_list(mut self) -> Self {
        self.parents_as_list = true;
        self
    }
    /// Includes the subtree as a list of projects (`subtree_as_list`).
    pub fn subtree_as_list(mut self) -> Self {
        self.subtree_as_list = true;
        self
    }
    /// Includes the parents as nested ids (`parents_as_ids`).
    pub fn parents_as_ids(mut self) -> Self {
        self.parents_as_ids = true;
        self
    }
    /// Includes the subtree as nested ids (`subtree_as_ids`).
    pub fn subtree_as_ids(mut self) -> Self {
        self.subtree_as_ids = true;
        self
    }
}

util::crud_fns! { "projects", "project", "projects", Project;
    /// `GET /v3/projects` with filters.
    list_request;
    /// Lists projects, following `links.next`.
    list;
}

/// `GET /v3/projects/{id}` with related projects as asked.
pub fn get_request(id: &str, opts: &GetOpts) -> Result<Request> {
    Request::get(format!("projects/{}", seg(id))).query(opts)
}

/// Gets a project.
pub async fn get(client: &ServiceClient, id: &str) -> Result<Project> {
    get_with(client, id, GetOpts::new()).await
}

/// Gets a project with its parents or subtree.
pub async fn get_with(client: &ServiceClient, id: &str, opts: GetOpts) -> Result<Project> {
    client.send_keyed(get_request(id, &opts)?, "project").await
}

util::crud_fns! { "projects", "project", "projects", Project;
    /// `POST /v3/projects`.
    create_request;
    /// Creates a project.
    create;
    /// `PATCH /v3/projects/{id}`.
    update_request;
    /// Updates a project.
    update;
    /// `DELETE /v3/projects/{id}`.
    delete_request;
    /// Deletes a project.
    delete;
}

/// `GET /v3/projects/{id}/tags`.
pub fn list_tags_request(id: &str) -> Request {
    Request::get(format!("projects/{}/tags", seg(id)))
}

/// Lists a project's tags.
pub async fn list_tags(client: &ServiceClient, id: &str) -> Result<Vec<String>> {
    let b: TagsBody = client.send_json(list_tags_request(id)).await?;
    Ok(b.tags)
}

/// `PUT /v3/projects/{id}/tags` (replaces all tags).
pub fn replace_tags_request<I, S>(id: &str, tags: I) -> Result<Request>
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    let tags: Vec<String> = tags.into_iter().map(Into::into).collect();
    Ok(Request::put(format!("projects/{}/tags", seg(id)))
        .json(&serde_json::json!({ "tags": tags }))?
        .ok_status([200]))
}

/// What Keystone answers to a tag replacement: `{"tags": [...]}` (Keystone 30), though the
/// API reference documents a project list, so both are accepted.
#[derive(Deserialize)]
struct ReplaceTagsBody {
    #[serde(default)]
    tags: Option<Vec<String>>,
    #[serde(default)]
    projects: Option<Vec<Project>>,
    #[serde(default)]
    project: Option<Project>,
}

/// Replaces all of a project's tags, returning the new list (as the server reports it, or
/// as sent when the answer does not say).
pub async fn replace_tags<I, S>(client: &ServiceClient, id: &str, tags: I) -> Result<Vec<String>>
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    let tags: Vec<String> = tags.into_iter().map(Into::into).collect();
    let b: ReplaceTagsBody = client
        .send_json(replace_tags_request(id, tags.iter().cloned())?)
        .await?;
    Ok(b.tags
        .or_else(|| b.project.map(|p| p.tags))
        .or_else(|| {
            b.projects
                .and_then(|ps| ps.into_iter().find(|p| p.id == id).map(|p| p.tags))
        })
        .unwrap_or(tags))
}

fn tag_path(id: &str, tag: &str) -> String {
    format!("projects/{}/tags/{}", seg(id), seg(tag))
}

/// `PUT /v3/projects/{id}/tags/{tag}`.
pub fn add_tag_request(id: &str, tag: &str) -> Request {
    Request::put(tag_path(id, tag)).ok_status([201, 204])
}

/// Adds one tag.
pub async fn add_tag(client: &ServiceClient, id: &str, tag: &str) -> Result<()> {
    client.send_empty(add_tag_request(id, tag)).await
}

/// `DELETE /v3/projects/{id}/tags/{tag}`.
pub fn remove_tag_request(id: &str, tag: &str) -> Request {
    Request::delete(tag_path(id, tag)).ok_status([204])
}

/// Removes one tag.
pub async fn remove_tag(client: &ServiceClient, id: &str, tag: &str) -> Result<()> {
    client.send_empty(remove_tag_request(id, tag)).await
}

/// `HEAD /v3/projects/{id}/tags/{tag}`.
pub fn check_tag_request(id: &str, tag: &str) -> Request {
    Request::head(tag_path(id, tag))
}

/// Whether the project has the tag.
pub async fn check_tag(client: &ServiceClient, id: &str, tag: &str) -> Result<bool> {
    util::exists(client, check_tag_request(id, tag)).await
}

/// `DELETE /v3/projects/{id}/tags` (removes all tags).
pub fn remove_all_tags_request(id: &str) -> Request {
    Request::delete(format!("projects/{}/tags", seg(id))).ok_status([204])
}

/// Removes all of a project's tags.
pub async fn remove_all_tags(client: &ServiceClient, id: &str) -> Result<()> {
    client.send_empty(remove_all_tags_request(id)).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use openstack_test_support::corpus;

    const S: &str = "keystone/api-ref/source/v3/samples/admin";

    #[test]
    fn list_query() {
        let r = list_request(
            &ListOpts::new()
                .domain_id("default")
                .name("a b")
                .enabled(true)
                .parent_id("p")
                .is_domain(false)
                .tags(["x", "y"])
                .tags_any(["z"])
                .not_tags(["n"])
                .not_tags_any(["m", "o"]),
        )
        .expect("req");
        assert_eq!(r.path(), "projects");
        assert_eq!(
            r.query_string(),
            Some("domain_id=default&name=a+b&enabled=true&parent_id=p&is_domain=false&tags=x%2Cy&tags-any=z&not-tags=n&not-tags-any=m%2Co")
        );
        assert_eq!(
            list_request(&ListOpts::new()).expect("req").query_string(),
            None
        );
    }

    #[test]
    fn create_body_matches_sample() {
        let r = create_request(
            &CreateOpts::new("myNewProject")
                .description("My new project")
                .domain_id("default")
                .enabled(true)
                .is_domain(false)
                .options(Options::new()),
        )
        .expect("req");
        assert_eq!(r.method(), "POST");
        assert_eq!(r.path(), "projects");
        assert_eq!(
            r.json_body(),
            Some(corpus::json(&format!("{S}/project-create-request.json")))
        );
    }

    #[test]
    fn update_body_matches_sample_and_clears() {
        let r = update_request(
            "a/b",
            &UpdateOpts::new()
                .description("My updated project")
                .name("myUpdatedProject"),
        )
        .expect("req");
        assert_eq!(r.method(), "PATCH");
        assert_eq!(r.path(), "projects/a%2Fb");
        assert_eq!(
            r.json_body(),
            Some(corpus::json(&format!("{S}/project-update-request.json")))
        );
        let r = update_request("p", &UpdateOpts::new().clear_description().enabled(false))
            .expect("req");
        assert_eq!(
            r.json_body(),
            Some(serde_json::json!({"project": {"description": null, "enabled": false}}))
        );
    }

    #[test]
    fn tags_requests() {
        let r = replace_tags_request("p", ["foo", "bar"]).expect("req");
        assert_eq!(r.method(), "PUT");
        assert_eq!(r.path(), "projects/p/tags");
        assert_eq!(
            r.json_body(),
            Some(corpus::json(&format!(
                "{S}/project-tags-update-request.json"
            )))
        );
        assert_eq!(
            add_tag_request("p", "a tag").path(),
            "projects/p/tags/a%20tag"
        );
        assert_eq!(remove_tag_request("p", "t").method(), "DELETE");
        assert_eq!(check_tag_request("p", "t").method(), "HEAD");
        assert_eq!(remove_all_tags_request("p").path(), "projects/p/tags");
        assert_eq!(list_tags_request("p").path(), "projects/p/tags");
        let r = get_request("p", &GetOpts::new().parents_as_list().subtree_as_ids()).expect("req");
        assert_eq!(
            r.query_string(),
            Some("parents_as_list=true&subtree_as_ids=true")
        );
        assert_eq!(delete_request("p").method(), "DELETE");
    }
}
