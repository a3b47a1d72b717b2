//! Policies (`/v3/policies`): opaque policy blobs stored by Keystone for services to
//! fetch. Create, list (by type), get, update, delete.
//!
//! Keystone stores the blob as a string (it must be a JSON string on create and update);
//! the API reference shows it as an object in responses, so the model keeps it as JSON.

use openstack_core::serde_util::null_default;
use openstack_core::{Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};

use crate::util;

/// A policy.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Policy {
    /// The id.
    pub id: String,
    /// The policy rules, serialized: a string (what Keystone stores), or an object.
    #[serde(default)]
    pub blob: serde_json::Value,
    /// The MIME type of the blob (`application/json`).
    #[serde(rename = "type", default, deserialize_with = "null_default")]
    pub policy_type: String,
}

impl Policy {
    /// The blob as text: the string itself, or the object serialized as JSON.
    pub fn blob_text(&self) -> String {
        match &self.blob {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Null => String::new(),
            other => other.to_string(),
        }
    }
}

/// Filters for [`list`].
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct ListOpts {
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    policy_type: Option<String>,
}

impl ListOpts {
    /// No filters.
    pub fn new() -> Self {
        Self::default()
    }
    util::setters! {
        /// Only policies of this MIME type (`type`).
        policy_type: str,
    }
}

/// What [`create`] sends.
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct CreateOpts {
    blob: serde_json::Value,
    #[serde(rename = "type")]
    policy_type: String,
}

impl CreateOpts {
    /// A policy holding `blob` (a string for Keystone) of MIME type `policy_type`.
    pub fn new(blob: impl Into<serde_json::Value>, policy_type: impl Into<String>) -> Self {
        CreateOpts {
            blob: blob.into(),
            policy_type: policy_type.into(),
        }
    }
}

/// What [`update`] sends. Fields not set are left unchanged.
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct UpdateOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    blob: Option<serde_json::Value>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    policy_type: Option<String>,
}

impl UpdateOpts {
    /// Changes nothing until fields are set.
    pub fn new() -> Self {
        Self::default()
    }
    /// A new blob.
    pub fn blob(mut self, v: impl Into<serde_json::Value>) -> Self {
        self.blob = Some(v.into());
        self
    }
    util::setters! {
        /// A new MIME type.
        policy_type: str,
    }
}

util::crud_fns! { "policies", "policy", "policies", Policy;
    /// `GET /v3/policies` with filters.
    list_request;
    /// Lists policies, following `links.next`.
    list;
    /// `GET /v3/policies/{policy_id}`.
    get_request;
    /// Gets a policy.
    get;
    /// `POST /v3/policies`.
    create_request;
    /// Creates a policy.
    create;
    /// `PATCH /v3/policies/{policy_id}`.
    update_request;
    /// Updates a policy.
    update;
    /// `DELETE /v3/policies/{policy_id}`.
    delete_request;
    /// Deletes a policy.
    delete;
}

#[cfg(test)]
mod tests {
    use super::*;
    use openstack_test_support::corpus;

    const S: &str = "keystone/api-ref/source/v3/samples/admin";

    #[test]
    fn bodies_match_samples() {
        let r = create_request(&CreateOpts::new(
            "{'foobar_user': 'role:compute-user'}",
            "application/json",
        ))
        .expect("req");
        assert_eq!(r.path(), "policies");
        assert_eq!(
            r.json_body(),
            Some(corpus::json(&format!("{S}/policy-create-request.json")))
        );
        let r = update_request(
            "717273",
            &UpdateOpts::new()
                .blob(serde_json::json!({"foobar_user": ["role:compute-user"]}))
                .policy_type("application/json"),
        )
        .expect("req");
        assert_eq!(r.path(), "policies/717273");
        assert_eq!(
            r.json_body(),
            Some(corpus::json(&format!("{S}/policy-update-request.json")))
        );
        let r = list_request(&ListOpts::new().policy_type("application/json")).expect("req");
        assert_eq!(r.query_string(), Some("type=application%2Fjson"));
    }

    #[test]
    fn blob_text() {
        let p: Policy = serde_json::from_value(serde_json::json!(
            {"id": "x", "blob": {"a": ["b"]}, "type": "application/json"}))
        .expect("decode");
        assert_eq!(p.blob_text(), r#"{"a":["b"]}"#);
        let p: Policy =
            serde_json::from_value(serde_json::json!({"id": "x", "blob": "{}", "type": null}))
                .expect("decode");
        assert_eq!((p.blob_text().as_str(), p.policy_type.as_str()), ("{}", ""));
    }
}
