//! Users (`/v3/users`): create, list, get, update, delete, change password, and the
//! user's groups and projects.
//!
//! ```no_run
//! # async fn f(identity: openstack_core::ServiceClient) -> openstack_core::Result<()> {
//! use openstack_identity::users::{self, CreateOpts};
//! let user = users::create(
//!     &identity,
//!     CreateOpts::new("alice").domain_id("default").password("correct horse"),
//! )
//! .await?;
//! users::change_password(&identity, &user.id, "correct horse", "battery staple").await?;
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use openstack_core::serde_util::null_default;
use openstack_core::{Pager, Request, Result, ServiceClient};
use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::groups::Group;
use crate::projects::Project;
use crate::util::{self, seg, Options};

/// A user.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct User {
    /// The id.
    pub id: String,
    /// The name.
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// The owning domain's id.
    #[serde(default, deserialize_with = "null_default")]
    pub domain_id: String,
    /// Whether the user is enabled.
    #[serde(default = "util::yes", deserialize_with = "util::null_true")]
    pub enabled: bool,
    /// The project a token is scoped to when the user asks for no scope.
    #[serde(default)]
    pub default_project_id: Option<String>,
    /// The description.
    #[serde(default)]
    pub description: Option<String>,
    /// When the password expires (`null`: never).
    #[serde(default, with = "openstack_core::timestamp::option")]
    pub password_expires_at: Option<OffsetDateTime>,
    /// Federated identities of the user (`idp_id` and `protocols`).
    #[serde(default, deserialize_with = "null_default")]
    pub federated: Vec<serde_json::Value>,
    /// Resource options (`ignore_password_expiry`, `multi_factor_auth_rules`, ...).
    #[serde(default, deserialize_with = "null_default")]
    pub options: Options,
    /// Any other attributes the server returned (Keystone keeps extra attributes such as
    /// `email` as given), `links` included.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

impl User {
    /// An extra attribute as a string (`email`).
    pub fn extra_str(&self, key: &str) -> Option<&str> {
        self.extra.get(key).and_then(serde_json::Value::as_str)
    }
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
    #[serde(skip_serializing_if = "Option::is_none")]
    enabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    idp_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    protocol_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unique_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    password_expires_at: Option<String>,
}

impl ListOpts {
    /// No filters.
    pub fn new() -> Self {
        Self::default()
    }
    util::setters! {
        /// Only users in this domain.
        domain_id: str,
        /// Only the user with this name.
        name: str,
        /// Only enabled (or disabled) users.
        enabled: bool,
        /// Only users of this identity provider.
        idp_id: str,
        /// Only users of this federation protocol.
        protocol_id: str,
        /// Only the user with this federated unique id.
        unique_id: str,
        /// A password expiry filter in Keystone's `<operator>:<timestamp>` form
        /// (`lt:2026-01-01T00:00:00Z`).
        password_expires_at: str,
    }
}

/// What [`create`] sends. The password never appears in `Debug` output.
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct CreateOpts {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    default_project_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    domain_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    enabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    federated: Option<Vec<serde_json::Value>>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "util::expose_opt"
    )]
    password: Option<SecretString>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    options: Option<Options>,
    #[serde(flatten)]
    extra: BTreeMap<String, serde_json::Value>,
}

impl CreateOpts {
    /// A user named `name`.
    pub fn new(name: impl Into<String>) -> Self {
        CreateOpts {
            name: name.into(),
            ..Self::default()
        }
    }
    util::setters! {
        /// The default project.
        default_project_id: str,
        /// The owning domain.
        domain_id: str,
        /// Enabled or disabled (enabled unless set).
        enabled: bool,
    }
    /// The password.
    pub fn password(mut self, v: impl Into<String>) -> Self {
        self.password = Some(SecretString::from(v.into()));
        self
    }
    /// The description.
    pub fn description(mut self, v: impl Into<String>) -> Self {
        self.description = Some(v.into());
        self
    }
    /// The e-mail address (an extra attribute).
    pub fn email(self, v: impl Into<String>) -> Self {
        self.extra("email", v.into())
    }
    /// A federated identity: the identity provider and its protocols (each a JSON object
    /// with `protocol_id` and `unique_id`).
    pub fn federated(
        mut self,
        idp_id: impl Into<String>,
        protocols: Vec<serde_json::Value>,
    ) -> Self {
        self.federated
            .get_or_insert_with(Vec::new)
            .push(serde_json::json!({
                "idp_id": idp_id.into(),
                "protocols": protocols,
            }));
        self
    }
    /// Sets one resource option.
    pub fn option(mut self, key: impl Into<String>, value: impl Into<serde_json::Value>) -> Self {
        self.options
            .get_or_insert_with(Options::new)
            .insert(key.into(), value.into());
        self
    }
    /// Sets any other attribute (Keystone stores extra attributes as given).
    pub fn extra(mut self, key: impl Into<String>, value: impl Into<serde_json::Value>) -> Self {
        self.extra.insert(key.into(), value.into());
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
    default_project_id: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    domain_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    enabled: Option<bool>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "util::expose_opt"
    )]
    password: Option<SecretString>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    options: Option<Options>,
    #[serde(flatten)]
    extra: BTreeMap<String, serde_json::Value>,
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
    /// A new default project.
    pub fn default_project_id(mut self, v: impl Into<String>) -> Self {
        self.default_project_id = Some(Some(v.into()));
        self
    }
    /// Clears the default project (sends `"default_project_id": null`).
    pub fn clear_default_project_id(mut self) -> Self {
        self.default_project_id = Some(None);
        self
    }
    util::setters! {
        /// Moves the user to another domain (where the server allows it).
        domain_id: str,
        /// Enables or disables the user.
        enabled: bool,
    }
    /// Sets a new password (as an administrator; users change their own with
    /// [`change_password`]).
    pub fn password(mut self, v: impl Into<String>) -> Self {
        self.password = Some(SecretString::from(v.into()));
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
    /// Sets any other attribute (`email`; a `null` value clears it).
    pub fn extra(mut self, key: impl Into<String>, value: impl Into<serde_json::Value>) -> Self {
        self.extra.insert(key.into(), value.into());
        self
    }
}

util::crud_fns! { "users", "user", "users", User;
    /// `GET /v3/users` with filters.
    list_request;
    /// Lists users, following `links.next`.
    list;
    /// `GET /v3/users/{id}`.
    get_request;
    /// Gets a user.
    get;
    /// `POST /v3/users`.
    create_request;
    /// Creates a user.
    create;
    /// `PATCH /v3/users/{id}`.
    update_request;
    /// Updates a user.
    update;
    /// `DELETE /v3/users/{id}`.
    delete_request;
    /// Deletes a user.
    delete;
}

#[derive(Serialize)]
struct PasswordBody {
    user: PasswordChange,
}

#[derive(Serialize)]
struct PasswordChange {
    #[serde(serialize_with = "util::expose")]
    password: SecretString,
    #[serde(serialize_with = "util::expose")]
    original_password: SecretString,
}

/// `POST /v3/users/{id}/password`: a user changes their own password.
pub fn change_password_request(
    id: &str,
    original_password: &str,
    new_password: &str,
) -> Result<Request> {
    Ok(Request::post(format!("users/{}/password", seg(id)))
        .json(&PasswordBody {
            user: PasswordChange {
                password: SecretString::from(new_password.to_owned()),
                original_password: SecretString::from(original_password.to_owned()),
            },
        })?
        .ok_status([204]))
}

/// Changes the user's own password (tokens of the user are revoked by Keystone).
pub async fn change_password(
    client: &ServiceClient,
    id: &str,
    original_password: &str,
    new_password: &str,
) -> Result<()> {
    client
        .send_empty(change_password_request(
            id,
            original_password,
            new_password,
        )?)
        .await
}

/// `GET /v3/users/{id}/groups`.
pub fn list_groups_request(id: &str) -> Request {
    Request::get(format!("users/{}/groups", seg(id)))
}

/// Lists the groups the user is a member of.
pub fn list_groups(client: &ServiceClient, id: &str) -> Pager<Group> {
    Pager::linked(client.clone(), list_groups_request(id), "groups")
}

/// `GET /v3/users/{id}/projects`.
pub fn list_projects_request(id: &str) -> Request {
    Request::get(format!("users/{}/projects", seg(id)))
}

/// Lists the projects the user has a role on.
pub fn list_projects(client: &ServiceClient, id: &str) -> Pager<Project> {
    Pager::linked(client.clone(), list_projects_request(id), "projects")
}

#[cfg(test)]
mod tests {
    use super::*;
    use openstack_test_support::corpus;

    const S: &str = "keystone/api-ref/source/v3/samples/admin";

    #[test]
    fn create_body_matches_sample() {
        let opts = CreateOpts::new("James Doe")
            .default_project_id("263fd9")
            .domain_id("1789d1")
            .enabled(true)
            .federated(
                "efbab5a6acad4d108fec6c63d9609d83",
                vec![serde_json::json!({"protocol_id": "mapped", "unique_id": "test@example.com"})],
            )
            .password("secretsecret")
            .description("James Doe user")
            .email("jdoe@example.com")
            .option("ignore_password_expiry", true);
        assert!(!format!("{opts:?}").contains("secretsecret"));
        let r = create_request(&opts).expect("req");
        assert_eq!(r.path(), "users");
        assert_eq!(
            r.json_body(),
            Some(corpus::json(&format!("{S}/user-create-request.json")))
        );
    }

    #[test]
    fn update_body_matches_sample_and_clears() {
        let r = update_request(
            "u",
            &UpdateOpts::new()
                .default_project_id("263fd9")
                .enabled(true)
                .option("ignore_lockout_failure_attempts", true),
        )
        .expect("req");
        assert_eq!(r.path(), "users/u");
        assert_eq!(
            r.json_body(),
            Some(corpus::json(&format!("{S}/user-update-request.json")))
        );
        let r = update_request(
            "u",
            &UpdateOpts::new()
                .clear_default_project_id()
                .clear_description()
                .extra("email", serde_json::Value::Null),
        )
        .expect("req");
        assert_eq!(
            r.json_body(),
            Some(
                serde_json::json!({"user": {"default_project_id": null, "description": null, "email": null}})
            )
        );
    }

    #[test]
    fn password_change_matches_sample() {
        let r = change_password_request("u1", "secretsecret", "new_secretsecret").expect("req");
        assert_eq!(r.method(), "POST");
        assert_eq!(r.path(), "users/u1/password");
        assert_eq!(
            r.json_body(),
            Some(corpus::json(&format!(
                "{S}/user-password-update-request.json"
            )))
        );
    }

    #[test]
    fn list_and_related() {
        let r =
            list_request(&ListOpts::new().domain_id("d").enabled(false).name("n")).expect("req");
        assert_eq!(r.query_string(), Some("domain_id=d&name=n&enabled=false"));
        assert_eq!(list_groups_request("u").path(), "users/u/groups");
        assert_eq!(list_projects_request("u").path(), "users/u/projects");
        assert_eq!(get_request("a b").path(), "users/a%20b");
        assert_eq!(delete_request("u").method(), "DELETE");
    }
}
