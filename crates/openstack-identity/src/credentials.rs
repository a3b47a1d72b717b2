//! Credentials (`/v3/credentials`): stored secrets such as EC2 keys or TOTP seeds. Create,
//! list (by user or type), get, update, delete.

use openstack_core::serde_util::null_default;
use openstack_core::{Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};

use crate::util;

/// A stored credential. The blob is a secret: it is not shown by `Debug`.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Credential {
    /// The id.
    pub id: String,
    /// The owning user.
    #[serde(default, deserialize_with = "null_default")]
    pub user_id: String,
    /// The project (required for `ec2` credentials).
    #[serde(default)]
    pub project_id: Option<String>,
    /// The type (`ec2`, `totp`, `cert`, ...).
    #[serde(rename = "type", default, deserialize_with = "null_default")]
    pub credential_type: String,
    /// The credential itself, a serialized string (JSON for `ec2`).
    #[serde(default, deserialize_with = "null_default")]
    pub blob: String,
}

impl std::fmt::Debug for Credential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credential")
            .field("id", &self.id)
            .field("user_id", &self.user_id)
            .field("project_id", &self.project_id)
            .field("credential_type", &self.credential_type)
            .field("blob", &"[REDACTED]")
            .finish()
    }
}

/// Filters for [`list`].
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct ListOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    user_id: Option<String>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    credential_type: Option<String>,
}

impl ListOpts {
    /// No filters.
    pub fn new() -> Self {
        Self::default()
    }
    util::setters! {
        /// Only credentials of this user.
        user_id: str,
        /// Only credentials of this type (`type`).
        credential_type: str,
    }
}

/// What [`create`] sends.
#[derive(Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct CreateOpts {
    blob: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    project_id: Option<String>,
    #[serde(rename = "type")]
    credential_type: String,
    user_id: String,
}

impl std::fmt::Debug for CreateOpts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CreateOpts")
            .field("user_id", &self.user_id)
            .field("credential_type", &self.credential_type)
            .field("project_id", &self.project_id)
            .field("blob", &"[REDACTED]")
            .finish()
    }
}

impl CreateOpts {
    /// A credential of `credential_type` (`ec2`, `totp`, ...) for `user_id`, holding `blob`.
    pub fn new(
        user_id: impl Into<String>,
        credential_type: impl Into<String>,
        blob: impl Into<String>,
    ) -> Self {
        CreateOpts {
            blob: blob.into(),
            project_id: None,
            credential_type: credential_type.into(),
            user_id: user_id.into(),
        }
    }
    /// The project (required for `ec2`).
    pub fn project_id(mut self, v: impl Into<String>) -> Self {
        self.project_id = Some(v.into());
        self
    }
}

/// What [`update`] sends. Fields not set are left unchanged; `clear_*` sends `null`.
#[derive(Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct UpdateOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    blob: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    project_id: Option<Option<String>>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    credential_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    user_id: Option<String>,
}

impl std::fmt::Debug for UpdateOpts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UpdateOpts")
            .field("user_id", &self.user_id)
            .field("credential_type", &self.credential_type)
            .field("project_id", &self.project_id)
            .field("blob", &self.blob.as_ref().map(|_| "[REDACTED]"))
            .finish()
    }
}

impl UpdateOpts {
    /// Changes nothing until fields are set.
    pub fn new() -> Self {
        Self::default()
    }
    /// A new blob.
    pub fn blob(mut self, v: impl Into<String>) -> Self {
        self.blob = Some(v.into());
        self
    }
    /// A new project.
    pub fn project_id(mut self, v: impl Into<String>) -> Self {
        self.project_id = Some(Some(v.into()));
        self
    }
    /// Removes the project (sends `"project_id": null`).
    pub fn clear_project_id(mut self) -> Self {
        self.project_id = Some(None);
        self
    }
    util::setters! {
        /// A new type.
        credential_type: str,
        /// A new owner.
        user_id: str,
    }
}

util::crud_fns! { "credentials", "credential", "credentials", Credential;
    /// `GET /v3/credentials` with filters.
    list_request;
    /// Lists credentials, following `links.next`.
    list;
    /// `GET /v3/credentials/{id}`.
    get_request;
    /// Gets a credential.
    get;
    /// `POST /v3/credentials`.
    create_request;
    /// Creates a credential.
    create;
    /// `PATCH /v3/credentials/{id}`.
    update_request;
    /// Updates a credential.
    update;
    /// `DELETE /v3/credentials/{id}`.
    delete_request;
    /// Deletes a credential.
    delete;
}

#[cfg(test)]
mod tests {
    use super::*;
    use openstack_test_support::corpus;

    const S: &str = "keystone/api-ref/source/v3/samples/admin";
    const BLOB: &str = r#"{"access":"181920","secret":"secretKey"}"#;

    #[test]
    fn bodies_match_samples() {
        let opts = CreateOpts::new("bb5476fd12884539b41d5a88f838d773", "ec2", BLOB)
            .project_id("731fc6f265cd486d900f16e84c5cb594");
        assert!(!format!("{opts:?}").contains("secretKey"));
        let r = create_request(&opts).expect("req");
        assert_eq!(
            r.json_body(),
            Some(corpus::json(&format!("{S}/credential-create-request.json")))
        );
        let r = update_request(
            "c",
            &UpdateOpts::new()
                .blob(BLOB)
                .project_id("731fc6f265cd486d900f16e84c5cb594")
                .credential_type("ec2")
                .user_id("bb5476fd12884539b41d5a88f838d773"),
        )
        .expect("req");
        assert_eq!(r.path(), "credentials/c");
        assert_eq!(
            r.json_body(),
            Some(corpus::json(&format!("{S}/credential-update-request.json")))
        );
        let r = list_request(&ListOpts::new().user_id("u").credential_type("ec2")).expect("req");
        assert_eq!(r.query_string(), Some("user_id=u&type=ec2"));
    }
}
