//! Groups (`/v3/groups`): create, list, get, update, delete, and user membership.

use openstack_core::serde_util::null_default;
use openstack_core::{Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::users::User;
use crate::util::{self, seg};

/// A group of users.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Group {
    /// The id.
    pub id: String,
    /// The name.
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// The owning domain's id.
    #[serde(default, deserialize_with = "null_default")]
    pub domain_id: String,
    /// The description.
    #[serde(default)]
    pub description: Option<String>,
    /// When a (federated, expiring) membership ends; only in a user's group list.
    #[serde(default, with = "openstack_core::timestamp::option")]
    pub membership_expires_at: Option<OffsetDateTime>,
}

/// Filters for [`list`].
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct ListOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    domain_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
}

impl ListOpts {
    /// No filters.
    pub fn new() -> Self {
        Self::default()
    }
    util::setters! {
        /// Only groups in this domain.
        domain_id: str,
        /// Only the group with this name.
        name: str,
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
}

impl CreateOpts {
    /// A group named `name`.
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
    domain_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
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
    /// Moves the group to another domain (where the server allows it).
    pub fn domain_id(mut self, v: impl Into<String>) -> Self {
        self.domain_id = Some(v.into());
        self
    }
}

util::crud_fns! { "groups", "group", "groups", Group;
    /// `GET /v3/groups` with filters.
    list_request;
    /// Lists groups, following `links.next`.
    list;
    /// `GET /v3/groups/{id}`.
    get_request;
    /// Gets a group.
    get;
    /// `POST /v3/groups`.
    create_request;
    /// Creates a group.
    create;
    /// `PATCH /v3/groups/{id}`.
    update_request;
    /// Updates a group.
    update;
    /// `DELETE /v3/groups/{id}`.
    delete_request;
    /// Deletes a group.
    delete;
}

fn member_path(group_id: &str, user_id: &str) -> String {
    format!("groups/{}/users/{}", seg(group_id), seg(user_id))
}

/// `PUT /v3/groups/{group_id}/users/{user_id}`.
pub fn add_user_request(group_id: &str, user_id: &str) -> Request {
    Request::put(member_path(group_id, user_id)).ok_status([204])
}

/// Adds a user to a group.
pub async fn add_user(client: &ServiceClient, group_id: &str, user_id: &str) -> Result<()> {
    client.send_empty(add_user_request(group_id, user_id)).await
}

/// `DELETE /v3/groups/{group_id}/users/{user_id}`.
pub fn remove_user_request(group_id: &str, user_id: &str) -> Request {
    Request::delete(member_path(group_id, user_id)).ok_status([204])
}

/// Removes a user from a group.
pub async fn remove_user(client: &ServiceClient, group_id: &str, user_id: &str) -> Result<()> {
    client
        .send_empty(remove_user_request(group_id, user_id))
        .await
}

/// `HEAD /v3/groups/{group_id}/users/{user_id}`.
pub fn check_user_request(group_id: &str, user_id: &str) -> Request {
    Request::head(member_path(group_id, user_id))
}

/// Whether the user is a member of the group.
pub async fn check_user(client: &ServiceClient, group_id: &str, user_id: &str) -> Result<bool> {
    util::exists(client, check_user_request(group_id, user_id)).await
}

/// Filters for [`list_users`].
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct ListUsersOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    password_expires_at: Option<String>,
}

impl ListUsersOpts {
    /// No filters.
    pub fn new() -> Self {
        Self::default()
    }
    /// A password expiry filter (`lt:2026-01-01T00:00:00Z`).
    pub fn password_expires_at(mut self, v: impl Into<String>) -> Self {
        self.password_expires_at = Some(v.into());
        self
    }
}

/// `GET /v3/groups/{id}/users`.
pub fn list_users_request(group_id: &str, opts: &ListUsersOpts) -> Result<Request> {
    Request::get(format!("groups/{}/users", seg(group_id))).query(opts)
}

/// Lists the members of a group.
pub fn list_users(client: &ServiceClient, group_id: &str, opts: ListUsersOpts) -> Pager<User> {
    Pager::linked(client.clone(), list_users_request(group_id, &opts), "users")
}

#[cfg(test)]
mod tests {
    use super::*;
    use openstack_test_support::corpus;

    const S: &str = "keystone/api-ref/source/v3/samples/admin";

    #[test]
    fn bodies_match_samples() {
        let r = create_request(
            &CreateOpts::new("Contract developers")
                .description("Contract developers")
                .domain_id("default"),
        )
        .expect("req");
        assert_eq!(r.path(), "groups");
        assert_eq!(
            r.json_body(),
            Some(corpus::json(&format!("{S}/group-create-request.json")))
        );
        let sample = corpus::json(&format!("{S}/group-update-request.json"));
        let g = &sample["group"];
        let mut opts = UpdateOpts::new();
        if let Some(d) = g["description"].as_str() {
            opts = opts.description(d);
        }
        if let Some(n) = g["name"].as_str() {
            opts = opts.name(n);
        }
        let r = update_request("g", &opts).expect("req");
        assert_eq!(r.json_body(), Some(sample));
        let r = update_request("g", &UpdateOpts::new().clear_description()).expect("req");
        assert_eq!(
            r.json_body(),
            Some(serde_json::json!({"group": {"description": null}}))
        );
    }

    #[test]
    fn membership_paths() {
        assert_eq!(add_user_request("g", "u").path(), "groups/g/users/u");
        assert_eq!(add_user_request("g", "u").method(), "PUT");
        assert_eq!(remove_user_request("g", "u").method(), "DELETE");
        assert_eq!(check_user_request("g", "u").method(), "HEAD");
        let r = list_users_request("g", &ListUsersOpts::new()).expect("req");
        assert_eq!(r.path(), "groups/g/users");
        let r = list_request(&ListOpts::new().domain_id("default").name("x")).expect("req");
        assert_eq!(r.query_string(), Some("domain_id=default&name=x"));
    }
}
