//! API extensions (`GET /v2.0/extensions`, `GET /v2.0/extensions/{alias}`).
//!
//! Keystone v2.0 wraps the list as `{"extensions": {"values": [...]}}`; a plain list
//! (`{"extensions": [...]}`, the form other services use) is accepted too. Modern Keystone
//! (v3 only) has no extensions resource: its features are discovered from the version
//! document instead, so these calls are for v2.0 clouds (use [`client_v2`](crate::client_v2)).

use openstack_core::serde_util::null_default;
use openstack_core::{Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};

use crate::util::seg;

/// A link of an extension (to its documentation).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Link {
    /// The URL.
    #[serde(default, deserialize_with = "null_default")]
    pub href: String,
    /// The relation (`describedby`).
    #[serde(default)]
    pub rel: Option<String>,
    /// The media type.
    #[serde(default, rename = "type")]
    pub media_type: Option<String>,
}

/// An API extension.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Extension {
    /// The alias (`OS-KSADM`), used to look it up.
    #[serde(default, deserialize_with = "null_default")]
    pub alias: String,
    /// The name.
    #[serde(default, deserialize_with = "null_default")]
    pub name: String,
    /// The XML namespace.
    #[serde(default)]
    pub namespace: Option<String>,
    /// The description.
    #[serde(default)]
    pub description: Option<String>,
    /// When it was last updated, as sent (the samples carry malformed timestamps such as
    /// `2013-07-07T12:00:0-00:00`, so it is kept as text).
    #[serde(default)]
    pub updated: Option<String>,
    /// Links to its documentation.
    #[serde(default, deserialize_with = "null_default")]
    pub links: Vec<Link>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum ExtensionList {
    Wrapped { values: Vec<Extension> },
    Plain(Vec<Extension>),
}

#[derive(Deserialize)]
struct ListBody {
    extensions: ExtensionList,
}

/// `GET extensions`.
pub fn list_request() -> Request {
    Request::get("extensions").ok_status([200, 203])
}

/// Lists the extensions.
pub async fn list(client: &ServiceClient) -> Result<Vec<Extension>> {
    let b: ListBody = client.send_json(list_request()).await?;
    Ok(match b.extensions {
        ExtensionList::Wrapped { values } | ExtensionList::Plain(values) => values,
    })
}

/// `GET extensions/{alias}`.
pub fn get_request(alias: &str) -> Request {
    Request::get(format!("extensions/{}", seg(alias))).ok_status([200, 203])
}

/// Gets one extension by alias (a 404 error when the server does not have it).
pub async fn get(client: &ServiceClient, alias: &str) -> Result<Extension> {
    client.send_keyed(get_request(alias), "extension").await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_and_both_list_shapes() {
        assert_eq!(list_request().path(), "extensions");
        assert_eq!(get_request("OS-KSADM").path(), "extensions/OS-KSADM");
        let wrapped: ListBody =
            serde_json::from_str(r#"{"extensions": {"values": [{"alias": "a", "name": "A"}]}}"#)
                .expect("wrapped");
        let plain: ListBody =
            serde_json::from_str(r#"{"extensions": [{"alias": "b", "name": "B", "links": null}]}"#)
                .expect("plain");
        assert!(
            matches!(wrapped.extensions, ExtensionList::Wrapped { values } if values[0].alias == "a")
        );
        assert!(matches!(plain.extensions, ExtensionList::Plain(v) if v[0].alias == "b"));
    }
}
