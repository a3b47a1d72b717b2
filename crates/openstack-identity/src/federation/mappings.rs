//! Mappings (`/v3/OS-FEDERATION/mappings`): rules that turn the attributes of a federated
//! assertion into a local user, groups and projects. Create (`PUT` with a chosen id), list,
//! get, update, delete.
//!
//! Rules are typed but tolerant: the common fields are named, and anything else Keystone's
//! mapping language allows (or adds later) is kept in each part's `extra` map, so a mapping
//! read from the server is sent back unchanged.

use openstack_core::serde_util::null_default;
use openstack_core::{Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};

use crate::util::seg;

/// Fields not modelled, kept as they came.
pub type Extra = serde_json::Map<String, serde_json::Value>;

/// A mapping.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Mapping {
    /// The id, chosen at creation.
    pub id: String,
    /// The rules.
    #[serde(default, deserialize_with = "null_default")]
    pub rules: Vec<Rule>,
    /// The mapping schema version (`1.0`, `2.0`; newer Keystones only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema_version: Option<String>,
}

/// One rule: when every `remote` condition matches, the `local` parts apply.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Rule {
    /// What the rule produces.
    #[serde(default, deserialize_with = "null_default")]
    pub local: Vec<Local>,
    /// The conditions on the assertion's attributes.
    #[serde(default, deserialize_with = "null_default")]
    pub remote: Vec<Remote>,
    /// Anything else.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Rule {
    /// A rule from its local parts and remote conditions.
    pub fn new(local: Vec<Local>, remote: Vec<Remote>) -> Self {
        Rule {
            local,
            remote,
            extra: Extra::new(),
        }
    }
}

/// A local part of a rule: a user, a group (by id, or by name and domain), a list of
/// groups, a domain or projects. Placeholders such as `{0}` refer to the remote attributes
/// in order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Local {
    /// The user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<LocalUser>,
    /// One group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<LocalEntity>,
    /// Group names from an attribute (a string such as `"{1}"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub groups: Option<String>,
    /// Group ids from an attribute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_ids: Option<String>,
    /// The domain of `groups`, or of the user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<LocalEntity>,
    /// Projects to create and assign (schema 2.0), kept as JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub projects: Option<Vec<serde_json::Value>>,
    /// Anything else.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Local {
    /// The user named after an attribute (`"{0}"`).
    pub fn user_name(name: impl Into<String>) -> Self {
        Local {
            user: Some(LocalUser {
                name: Some(name.into()),
                ..LocalUser::default()
            }),
            ..Self::default()
        }
    }
    /// Membership of the group with this id.
    pub fn group_id(id: impl Into<String>) -> Self {
        Local {
            group: Some(LocalEntity {
                id: Some(id.into()),
                ..LocalEntity::default()
            }),
            ..Self::default()
        }
    }
}

/// The user of a local part.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LocalUser {
    /// The id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// `ephemeral` or `local`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub user_type: Option<String>,
    /// The user's domain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<LocalEntity>,
    /// Anything else.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A group or domain in a local part, by id or by name (a group by name needs a domain).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct LocalEntity {
    /// The id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The domain (of a group by name), kept as JSON (`{"id": ..}` or `{"name": ..}`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<serde_json::Value>,
    /// Anything else.
    #[serde(flatten)]
    pub extra: Extra,
}

/// A remote condition: an assertion attribute, optionally restricted in value.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Remote {
    /// The attribute name (`REMOTE_USER`, `OIDC-email`, ...).
    #[serde(rename = "type", default, deserialize_with = "null_default")]
    pub attribute: String,
    /// Matches when the attribute has any of these values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub any_one_of: Option<Vec<String>>,
    /// Matches when the attribute has none of these values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_any_of: Option<Vec<String>>,
    /// Only these values are passed on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub whitelist: Option<Vec<String>>,
    /// These values are dropped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blacklist: Option<Vec<String>>,
    /// Whether the values above are regular expressions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regex: Option<bool>,
    /// Anything else.
    #[serde(flatten)]
    pub extra: Extra,
}

impl Remote {
    /// A condition that the attribute is present.
    pub fn new(attribute: impl Into<String>) -> Self {
        Remote {
            attribute: attribute.into(),
            ..Self::default()
        }
    }
    /// Requires any of these values.
    pub fn any_one_of<I: IntoIterator<Item = S>, S: Into<String>>(mut self, values: I) -> Self {
        self.any_one_of = Some(values.into_iter().map(Into::into).collect());
        self
    }
    /// Requires none of these values.
    pub fn not_any_of<I: IntoIterator<Item = S>, S: Into<String>>(mut self, values: I) -> Self {
        self.not_any_of = Some(values.into_iter().map(Into::into).collect());
        self
    }
    /// Treats the values as regular expressions.
    pub fn regex(mut self, v: bool) -> Self {
        self.regex = Some(v);
        self
    }
}

/// What [`create`] sends.
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct CreateOpts {
    rules: Vec<Rule>,
    #[serde(skip_serializing_if = "Option::is_none")]
    schema_version: Option<String>,
}

impl CreateOpts {
    /// A mapping with these rules.
    pub fn new(rules: Vec<Rule>) -> Self {
        CreateOpts {
            rules,
            schema_version: None,
        }
    }
    /// The mapping schema version (`2.0` for project rules).
    pub fn schema_version(mut self, v: impl Into<String>) -> Self {
        self.schema_version = Some(v.into());
        self
    }
}

/// What [`update`] sends: the rules (replaced as a whole).
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct UpdateOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    rules: Option<Vec<Rule>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    schema_version: Option<String>,
}

impl UpdateOpts {
    /// Changes nothing until fields are set.
    pub fn new() -> Self {
        Self::default()
    }
    /// Replaces the rules.
    pub fn rules(mut self, rules: Vec<Rule>) -> Self {
        self.rules = Some(rules);
        self
    }
    /// A new schema version.
    pub fn schema_version(mut self, v: impl Into<String>) -> Self {
        self.schema_version = Some(v.into());
        self
    }
}

const BASE: &str = "OS-FEDERATION/mappings";

fn one(id: &str) -> String {
    format!("{BASE}/{}", seg(id))
}

/// `GET /v3/OS-FEDERATION/mappings`.
pub fn list_request() -> Request {
    Request::get(BASE)
}

/// Lists mappings.
pub fn list(client: &ServiceClient) -> Pager<Mapping> {
    Pager::linked(client.clone(), list_request(), "mappings")
}

/// `GET /v3/OS-FEDERATION/mappings/{id}`.
pub fn get_request(id: &str) -> Request {
    Request::get(one(id))
}

/// Gets a mapping.
pub async fn get(client: &ServiceClient, id: &str) -> Result<Mapping> {
    client.send_keyed(get_request(id), "mapping").await
}

/// `PUT /v3/OS-FEDERATION/mappings/{id}`.
pub fn create_request(id: &str, opts: &CreateOpts) -> Result<Request> {
    Ok(Request::put(one(id))
        .json_wrapped("mapping", opts)?
        .ok_status([201]))
}

/// Creates the mapping `id`.
pub async fn create(client: &ServiceClient, id: &str, opts: CreateOpts) -> Result<Mapping> {
    client
        .send_keyed(create_request(id, &opts)?, "mapping")
        .await
}

/// `PATCH /v3/OS-FEDERATION/mappings/{id}`.
pub fn update_request(id: &str, opts: &UpdateOpts) -> Result<Request> {
    Ok(Request::patch(one(id))
        .json_wrapped("mapping", opts)?
        .ok_status([200]))
}

/// Updates a mapping.
pub async fn update(client: &ServiceClient, id: &str, opts: UpdateOpts) -> Result<Mapping> {
    client
        .send_keyed(update_request(id, &opts)?, "mapping")
        .await
}

/// `DELETE /v3/OS-FEDERATION/mappings/{id}`.
pub fn delete_request(id: &str) -> Request {
    Request::delete(one(id)).ok_status([204])
}

/// Deletes a mapping.
pub async fn delete(client: &ServiceClient, id: &str) -> Result<()> {
    client.send_empty(delete_request(id)).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use openstack_test_support::corpus;

    const S: &str = "keystone/api-ref/source/v3-ext/federation/mapping/samples";

    #[test]
    fn bodies_match_samples() {
        let rule = Rule::new(
            vec![Local::user_name("{0}"), Local::group_id("0cd5e9")],
            vec![
                Remote::new("UserName"),
                Remote::new("orgPersonType").not_any_of(["Contractor", "Guest"]),
            ],
        );
        let r = create_request("ACME", &CreateOpts::new(vec![rule])).expect("req");
        assert_eq!(r.method().as_str(), "PUT");
        assert_eq!(r.path(), "OS-FEDERATION/mappings/ACME");
        assert_eq!(
            r.json_body(),
            Some(corpus::json(&format!("{S}/create-request.json")))
        );
    }

    #[test]
    fn samples_round_trip_through_the_model() {
        // Whatever a mapping holds is sent back as it came, modelled or not.
        for name in ["create-request.json", "update-request.json"] {
            let want = corpus::json(&format!("{S}/{name}"));
            let rules: Vec<Rule> =
                serde_json::from_value(want["mapping"]["rules"].clone()).expect("decode");
            let r = update_request("x", &UpdateOpts::new().rules(rules)).expect("req");
            assert_eq!(r.json_body(), Some(want), "{name}");
        }
        let odd = serde_json::json!({"local": [{"user": {"name": "{0}", "future": 1},
            "group": {"name": "g", "domain": {"name": "d"}}, "new_thing": [1]}],
            "remote": [{"type": "x", "regex": true, "any_one_of": [".*"], "other": "y"}],
            "extra_rule_field": true});
        let rule: Rule = serde_json::from_value(odd.clone()).expect("decode");
        assert_eq!(rule.remote[0].attribute, "x");
        assert_eq!(
            rule.local[0].user.as_ref().and_then(|u| u.name.as_deref()),
            Some("{0}")
        );
        assert_eq!(serde_json::to_value(&rule).expect("encode"), odd);
    }
}
