//! Revocation events (`OS-REVOKE`, `GET /v3/OS-REVOKE/events`): what Keystone has revoked
//! (a token by audit id, everything of a user, project, trust or OAuth consumer, ...), for
//! services that validate tokens themselves.

use openstack_core::{Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Deserializer, Serialize};
use time::OffsetDateTime;

/// A revocation event: tokens issued before `issued_before` that match every field set are
/// revoked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct RevokeEvent {
    /// Tokens issued before this are affected (`None` if absent or unreadable: the API
    /// reference itself has a malformed one).
    #[serde(default, deserialize_with = "lenient_time")]
    pub issued_before: Option<OffsetDateTime>,
    /// When the revocation happened.
    #[serde(default, deserialize_with = "lenient_time")]
    pub revoked_at: Option<OffsetDateTime>,
    /// Only tokens expiring at this time.
    #[serde(default, deserialize_with = "lenient_time")]
    pub expires_at: Option<OffsetDateTime>,
    /// The user.
    #[serde(default)]
    pub user_id: Option<String>,
    /// The project.
    #[serde(default)]
    pub project_id: Option<String>,
    /// The domain.
    #[serde(default)]
    pub domain_id: Option<String>,
    /// The role.
    #[serde(default)]
    pub role_id: Option<String>,
    /// The trust (`OS-TRUST:trust_id`).
    #[serde(rename = "OS-TRUST:trust_id", default)]
    pub trust_id: Option<String>,
    /// The OAuth consumer (`OS-OAUTH1:consumer_id`).
    #[serde(rename = "OS-OAUTH1:consumer_id", default)]
    pub consumer_id: Option<String>,
    /// The OAuth access token (`OS-OAUTH1:access_token_id`).
    #[serde(rename = "OS-OAUTH1:access_token_id", default)]
    pub access_token_id: Option<String>,
    /// One token, by its audit id.
    #[serde(default)]
    pub audit_id: Option<String>,
    /// A token and the tokens rescoped from it, by the chain's audit id.
    #[serde(default)]
    pub audit_chain_id: Option<String>,
}

fn lenient_time<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<OffsetDateTime>, D::Error> {
    Ok(Option::<String>::deserialize(d)?.and_then(|s| openstack_core::timestamp::parse(&s)))
}

/// Filters for [`list`].
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct ListOpts {
    #[serde(
        skip_serializing_if = "Option::is_none",
        with = "openstack_core::timestamp::option"
    )]
    since: Option<OffsetDateTime>,
}

impl ListOpts {
    /// Every event Keystone still keeps.
    pub fn new() -> Self {
        Self::default()
    }
    /// Only events revoked after this time.
    pub fn since(mut self, v: OffsetDateTime) -> Self {
        self.since = Some(v);
        self
    }
}

/// `GET /v3/OS-REVOKE/events` with `since`.
pub fn list_request(opts: &ListOpts) -> Result<Request> {
    Request::get("OS-REVOKE/events").query(opts)
}

/// Lists revocation events (one page: Keystone does not paginate them).
pub fn list(client: &ServiceClient, opts: ListOpts) -> Pager<RevokeEvent> {
    Pager::single(client.clone(), list_request(&opts), "events")
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn request_and_tolerant_decoding() {
        let r =
            list_request(&ListOpts::new().since(datetime!(2026-11-27 04:00:00 UTC))).expect("req");
        assert_eq!(r.path(), "OS-REVOKE/events");
        assert_eq!(r.query_string(), Some("since=2026-11-27T04%3A00%3A00Z"));
        assert_eq!(
            list_request(&ListOpts::new()).expect("req").query_string(),
            None
        );
        let e: RevokeEvent = serde_json::from_value(serde_json::json!({
            "OS-TRUST:trust_id": "t1", "issued_before": "2014-02-2805:15:59.999999Z",
            "revoked_at": "2026-11-27T04:52:04.000000Z", "new": 1}))
        .expect("decode");
        assert_eq!(e.trust_id.as_deref(), Some("t1"));
        assert_eq!(e.issued_before, None);
        assert!(e.revoked_at.is_some());
    }
}
