//! Federation protocols of an identity provider
//! (`/v3/OS-FEDERATION/identity_providers/{idp_id}/protocols`): which mapping applies to
//! `saml2`, `openid`, `mapped`, ... Create (`PUT`), list, get, update, delete.

use openstack_core::{Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};

use crate::util::seg;

/// A protocol of an identity provider.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Protocol {
    /// The protocol id (`saml2`, `openid`, ...).
    pub id: String,
    /// The mapping applied to assertions received with this protocol.
    #[serde(default, deserialize_with = "openstack_core::serde_util::null_default")]
    pub mapping_id: String,
    /// The assertion attribute holding the IdP's remote id (else the deployment's default).
    #[serde(default)]
    pub remote_id_attribute: Option<String>,
}

/// What [`create`] sends.
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct CreateOpts {
    mapping_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    remote_id_attribute: Option<String>,
}

impl CreateOpts {
    /// A protocol that applies `mapping_id`.
    pub fn new(mapping_id: impl Into<String>) -> Self {
        CreateOpts {
            mapping_id: mapping_id.into(),
            remote_id_attribute: None,
        }
    }
    /// The assertion attribute holding the IdP's remote id.
    pub fn remote_id_attribute(mut self, v: impl Into<String>) -> Self {
        self.remote_id_attribute = Some(v.into());
        self
    }
}

/// What [`update`] sends. Fields not set are left unchanged; `clear_*` sends `null`.
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct UpdateOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    mapping_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    remote_id_attribute: Option<Option<String>>,
}

impl UpdateOpts {
    /// Changes nothing until fields are set.
    pub fn new() -> Self {
        Self::default()
    }
    /// Another mapping.
    pub fn mapping_id(mut self, v: impl Into<String>) -> Self {
        self.mapping_id = Some(v.into());
        self
    }
    /// Another remote id attribute.
    pub fn remote_id_attribute(mut self, v: impl Into<String>) -> Self {
        self.remote_id_attribute = Some(Some(v.into()));
        self
    }
    /// Back to the deployment's default attribute (sends `"remote_id_attribute": null`).
    pub fn clear_remote_id_attribute(mut self) -> Self {
        self.remote_id_attribute = Some(None);
        self
    }
}

fn base(idp_id: &str) -> String {
    format!("OS-FEDERATION/identity_providers/{}/protocols", seg(idp_id))
}

fn one(idp_id: &str, id: &str) -> String {
    format!("{}/{}", base(idp_id), seg(id))
}

/// `GET /v3/OS-FEDERATION/identity_providers/{idp_id}/protocols`.
pub fn list_request(idp_id: &str) -> Request {
    Request::get(base(idp_id))
}

/// Lists the protocols of an identity provider.
pub fn list(client: &ServiceClient, idp_id: &str) -> Pager<Protocol> {
    Pager::linked(client.clone(), list_request(idp_id), "protocols")
}

/// `GET /v3/OS-FEDERATION/identity_providers/{idp_id}/protocols/{id}`.
pub fn get_request(idp_id: &str, id: &str) -> Request {
    Request::get(one(idp_id, id))
}

/// Gets a protocol.
pub async fn get(client: &ServiceClient, idp_id: &str, id: &str) -> Result<Protocol> {
    client.send_keyed(get_request(idp_id, id), "protocol").await
}

/// `PUT /v3/OS-FEDERATION/identity_providers/{idp_id}/protocols/{id}`.
pub fn create_request(idp_id: &str, id: &str, opts: &CreateOpts) -> Result<Request> {
    Ok(Request::put(one(idp_id, id))
        .json_wrapped("protocol", opts)?
        .ok_status([201]))
}

/// Adds the protocol `id` to an identity provider.
pub async fn create(
    client: &ServiceClient,
    idp_id: &str,
    id: &str,
    opts: CreateOpts,
) -> Result<Protocol> {
    client
        .send_keyed(create_request(idp_id, id, &opts)?, "protocol")
        .await
}

/// `PATCH /v3/OS-FEDERATION/identity_providers/{idp_id}/protocols/{id}`.
pub fn update_request(idp_id: &str, id: &str, opts: &UpdateOpts) -> Result<Request> {
    Ok(Request::patch(one(idp_id, id))
        .json_wrapped("protocol", opts)?
        .ok_status([200]))
}

/// Updates a protocol.
pub async fn update(
    client: &ServiceClient,
    idp_id: &str,
    id: &str,
    opts: UpdateOpts,
) -> Result<Protocol> {
    client
        .send_keyed(update_request(idp_id, id, &opts)?, "protocol")
        .await
}

/// `DELETE /v3/OS-FEDERATION/identity_providers/{idp_id}/protocols/{id}`.
pub fn delete_request(idp_id: &str, id: &str) -> Request {
    Request::delete(one(idp_id, id)).ok_status([204])
}

/// Deletes a protocol.
pub async fn delete(client: &ServiceClient, idp_id: &str, id: &str) -> Result<()> {
    client.send_empty(delete_request(idp_id, id)).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use openstack_test_support::corpus;

    const S: &str = "keystone/api-ref/source/v3-ext/federation/identity-provider/samples";

    #[test]
    fn bodies_match_samples() {
        let r = create_request("ACME", "saml2", &CreateOpts::new("xyz234")).expect("req");
        assert_eq!(r.method().as_str(), "PUT");
        assert_eq!(
            r.path(),
            "OS-FEDERATION/identity_providers/ACME/protocols/saml2"
        );
        assert_eq!(
            r.json_body(),
            Some(corpus::json(&format!("{S}/add-protocol-request.json")))
        );
        let r =
            update_request("ACME", "saml2", &UpdateOpts::new().mapping_id("xyz234")).expect("req");
        assert_eq!(r.method().as_str(), "PATCH");
        assert_eq!(
            r.json_body(),
            Some(corpus::json(&format!("{S}/update-protocol-request.json")))
        );
        let r =
            update_request("i", "p", &UpdateOpts::new().clear_remote_id_attribute()).expect("req");
        assert_eq!(
            r.json_body(),
            Some(serde_json::json!({"protocol": {"remote_id_attribute": null}}))
        );
        assert_eq!(
            list_request("a/b").path(),
            "OS-FEDERATION/identity_providers/a%2Fb/protocols"
        );
        assert_eq!(delete_request("i", "p").method().as_str(), "DELETE");
    }
}
