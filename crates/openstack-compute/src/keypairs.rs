//! Key pairs (`os-keypairs`): list, get, create (Nova generates the key, before 2.92), import
//! (you give the public key), delete. `type` came with 2.2, `user_id` (admins acting for
//! another user) with 2.10, pagination with 2.35.

use openstack_core::pagination::PageContent;
use openstack_core::{encode_path_segment, Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::util::{lenient_opt_i64, null_default, open_enum, Link};

open_enum! {
    /// The key type (2.2).
    pub enum KeyType {
        /// An SSH key.
        Ssh => "ssh",
        /// An X.509 certificate.
        X509 => "x509",
    }
}

/// A key pair.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct KeyPair {
    /// The name (the key pair's id).
    #[serde(default)]
    pub name: String,
    /// The public key.
    #[serde(default, deserialize_with = "null_default")]
    pub public_key: String,
    /// The fingerprint.
    #[serde(default, deserialize_with = "null_default")]
    pub fingerprint: String,
    /// The private key: only in the response to a create that generated the key (before 2.92).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private_key: Option<String>,
    /// The owner.
    #[serde(default)]
    pub user_id: Option<String>,
    /// The key type (2.2).
    #[serde(default, rename = "type")]
    pub kind: Option<KeyType>,
    /// The database id (get only).
    #[serde(default, deserialize_with = "lenient_opt_i64")]
    pub id: Option<i64>,
    /// Creation time (get only).
    #[serde(default, with = "openstack_core::timestamp::option")]
    pub created_at: Option<OffsetDateTime>,
    /// Whether it is deleted (get only).
    #[serde(default)]
    pub deleted: Option<bool>,
}

/// Filters for [`list`].
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
#[non_exhaustive]
pub struct ListOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    user_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    limit: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    marker: Option<String>,
}

impl ListOpts {
    /// The caller's key pairs.
    pub fn new() -> Self {
        Self::default()
    }
    /// Another user's key pairs (admins, 2.10).
    pub fn user_id(mut self, u: impl Into<String>) -> Self {
        self.user_id = Some(u.into());
        self
    }
    /// Items per page (2.35).
    pub fn limit(mut self, n: u32) -> Self {
        self.limit = Some(n);
        self
    }
    /// Start after this key pair name (2.35).
    pub fn marker(mut self, m: impl Into<String>) -> Self {
        self.marker = Some(m.into());
        self
    }
}

/// `GET /os-keypairs`.
pub fn list_request(opts: &ListOpts) -> Result<Request> {
    Request::get("os-keypairs")
        .query(opts)
        .map(|r| r.ok_status([200]))
}

#[derive(Deserialize)]
struct Wrapped {
    keypair: KeyPair,
}

#[derive(Deserialize)]
struct ListPage {
    #[serde(default, deserialize_with = "null_default")]
    keypairs: Vec<Wrapped>,
    #[serde(default, deserialize_with = "null_default")]
    keypairs_links: Vec<Link>,
}

/// Decodes one page of `GET /os-keypairs` (each item is wrapped in `{"keypair": ...}`).
pub fn decode_list_page(bytes: &[u8], what: &str) -> Result<PageContent<KeyPair>> {
    let page: ListPage = openstack_core::decode_json(bytes, what)?;
    let next = page
        .keypairs_links
        .into_iter()
        .find(|l| l.rel == "next")
        .map(|l| l.href);
    Ok(PageContent::new(
        page.keypairs.into_iter().map(|w| w.keypair).collect(),
        next,
    ))
}

/// Lists key pairs, following `keypairs_links` (2.35).
pub fn list(client: &ServiceClient, opts: ListOpts) -> Pager<KeyPair> {
    Pager::custom(client.clone(), list_request(&opts), decode_list_page, None)
}

/// `GET /os-keypairs/{name}` (with `?user_id=` for another user's, 2.10).
pub fn get_request(name: &str, user_id: Option<&str>) -> Request {
    let r = Request::get(format!("os-keypairs/{}", encode_path_segment(name))).ok_status([200]);
    match user_id {
        Some(u) => r.query_pair("user_id", u),
        None => r,
    }
}

/// Shows a key pair.
pub async fn get(client: &ServiceClient, name: &str, user_id: Option<&str>) -> Result<KeyPair> {
    let r: Wrapped = client.send_json(get_request(name, user_id)).await?;
    Ok(r.keypair)
}

/// Options for [`create`]: without a public key Nova generates one and returns the private
/// key once (before 2.92); with one ([`CreateOpts::import`]) it imports it.
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
#[non_exhaustive]
pub struct CreateOpts {
    name: String,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    kind: Option<KeyType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    public_key: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    user_id: Option<String>,
}

impl CreateOpts {
    /// A key pair that Nova generates (before 2.92).
    pub fn new(name: impl Into<String>) -> Self {
        CreateOpts {
            name: name.into(),
            ..Self::default()
        }
    }
    /// A key pair from your public key.
    pub fn import(name: impl Into<String>, public_key: impl Into<String>) -> Self {
        CreateOpts {
            name: name.into(),
            public_key: Some(public_key.into()),
            ..Self::default()
        }
    }
    /// The key type (2.2).
    pub fn kind(mut self, t: KeyType) -> Self {
        self.kind = Some(t);
        self
    }
    /// Create it for another user (admins, 2.10).
    pub fn user_id(mut self, u: impl Into<String>) -> Self {
        self.user_id = Some(u.into());
        self
    }
}

/// `POST /os-keypairs`.
pub fn create_request(opts: &CreateOpts) -> Result<Request> {
    Request::post("os-keypairs")
        .json(&serde_json::json!({ "keypair": opts }))
        .map(|r| r.ok_status([200, 201]))
}

/// Creates or imports a key pair.
pub async fn create(client: &ServiceClient, opts: CreateOpts) -> Result<KeyPair> {
    let r: Wrapped = client.send_json(create_request(&opts)?).await?;
    Ok(r.keypair)
}

/// Imports a public key as a key pair called `name` (shorthand for [`create`] with
/// [`CreateOpts::import`]).
pub async fn import(client: &ServiceClient, name: &str, public_key: &str) -> Result<KeyPair> {
    create(client, CreateOpts::import(name, public_key)).await
}

/// `DELETE /os-keypairs/{name}` (with `?user_id=`, 2.10).
pub fn delete_request(name: &str, user_id: Option<&str>) -> Request {
    let r =
        Request::delete(format!("os-keypairs/{}", encode_path_segment(name))).ok_status([202, 204]);
    match user_id {
        Some(u) => r.query_pair("user_id", u),
        None => r,
    }
}

/// Deletes a key pair.
pub async fn delete(client: &ServiceClient, name: &str, user_id: Option<&str>) -> Result<()> {
    client.send(delete_request(name, user_id)).await.map(drop)
}
