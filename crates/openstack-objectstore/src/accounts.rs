//! The account: its counts, quota, metadata and temporary-URL keys (`HEAD`/`POST
//! /v1/{account}`). Listing the account's containers is [`crate::containers::list`].
//!
//! ```no_run
//! # async fn f(swift: openstack_core::ServiceClient) -> openstack_core::Result<()> {
//! use openstack_objectstore::accounts::{self, UpdateOpts};
//! accounts::update(&swift, UpdateOpts::new().metadata("team", "storage")).await?;
//! let account = accounts::get(&swift).await?;
//! println!("{} containers, {} bytes", account.container_count, account.bytes_used);
//! # Ok(()) }
//! ```

use http::HeaderMap;
use openstack_core::{Request, Result, ServiceClient};
use time::OffsetDateTime;

use crate::util::{
    apply_metadata, header_string, header_timestamp, header_u64, metadata_with_prefix, trans_id,
    Metadata, SecretKey,
};

/// An account's state, from the headers of `HEAD /v1/{account}`.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct AccountHeaders {
    /// `X-Account-Container-Count`.
    pub container_count: u64,
    /// `X-Account-Object-Count`.
    pub object_count: u64,
    /// `X-Account-Bytes-Used`.
    pub bytes_used: u64,
    /// `X-Account-Meta-Quota-Bytes` (set by a reseller admin).
    pub quota_bytes: Option<u64>,
    /// `X-Account-Meta-*` without the prefix (names lower-cased); temp URL keys and the
    /// quota excluded (they have their own fields).
    pub metadata: Metadata,
    /// `X-Account-Meta-Temp-URL-Key` (a secret: redacted in `Debug`).
    pub temp_url_key: Option<SecretKey>,
    /// `X-Account-Meta-Temp-URL-Key-2`.
    pub temp_url_key_2: Option<SecretKey>,
    /// `X-Account-Access-Control` (JSON).
    pub access_control: Option<String>,
    /// `X-Timestamp`: when the account was created.
    pub created_at: Option<OffsetDateTime>,
    /// `X-Openstack-Request-Id` / `X-Trans-Id`.
    pub request_id: Option<String>,
}

impl AccountHeaders {
    /// Reads the account headers of a response (also those of a container listing).
    pub fn from_headers(h: &HeaderMap) -> Self {
        AccountHeaders {
            container_count: header_u64(h, "x-account-container-count").unwrap_or(0),
            object_count: header_u64(h, "x-account-object-count").unwrap_or(0),
            bytes_used: header_u64(h, "x-account-bytes-used").unwrap_or(0),
            quota_bytes: header_u64(h, "x-account-meta-quota-bytes"),
            metadata: metadata_with_prefix(
                h,
                "x-account-meta-",
                &["temp-url-key", "temp-url-key-2", "quota-bytes"],
            ),
            temp_url_key: header_string(h, "x-account-meta-temp-url-key").map(SecretKey::new),
            temp_url_key_2: header_string(h, "x-account-meta-temp-url-key-2").map(SecretKey::new),
            access_control: header_string(h, "x-account-access-control"),
            created_at: header_timestamp(h, "x-timestamp"),
            request_id: trans_id(h),
        }
    }
}

/// The request that reads the account's headers (`HEAD`, 204).
pub fn get_request() -> Request {
    Request::head("").ok_status([200, 204])
}

/// Reads the account's counts, quota, metadata and temp URL keys.
pub async fn get(client: &ServiceClient) -> Result<AccountHeaders> {
    let resp = client.send(get_request()).await?;
    Ok(AccountHeaders::from_headers(resp.headers()))
}

/// Changes to the account (`POST`): metadata and temporary-URL keys.
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct UpdateOpts {
    set: Metadata,
    remove: Vec<String>,
    temp_url_key: Option<SecretKey>,
    temp_url_key_2: Option<SecretKey>,
}

impl UpdateOpts {
    /// No changes yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `X-Account-Meta-<name>` (other metadata is kept).
    pub fn metadata(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.set.insert(name.into(), value.into());
        self
    }

    /// Removes `X-Account-Meta-<name>` (`X-Remove-Account-Meta-<name>`).
    pub fn remove_metadata(mut self, name: impl Into<String>) -> Self {
        self.remove.push(name.into());
        self
    }

    /// Sets the account's temporary-URL key (sent as a sensitive header).
    pub fn temp_url_key(mut self, key: impl Into<SecretKey>) -> Self {
        self.temp_url_key = Some(key.into());
        self
    }

    /// Sets the account's second temporary-URL key (for rotation).
    pub fn temp_url_key_2(mut self, key: impl Into<SecretKey>) -> Self {
        self.temp_url_key_2 = Some(key.into());
        self
    }

    /// Removes the temporary-URL key.
    pub fn remove_temp_url_key(self) -> Self {
        self.remove_metadata("Temp-URL-Key")
    }

    /// Removes the second temporary-URL key.
    pub fn remove_temp_url_key_2(self) -> Self {
        self.remove_metadata("Temp-URL-Key-2")
    }
}

/// The request that updates the account (`POST`, 204).
pub fn update_request(opts: &UpdateOpts) -> Result<Request> {
    let mut req = apply_metadata(
        Request::post("").ok_status([204]),
        "Account",
        &opts.set,
        &opts.remove,
    )?;
    if let Some(k) = &opts.temp_url_key {
        req = req.secret_header("X-Account-Meta-Temp-URL-Key", k.expose())?;
    }
    if let Some(k) = &opts.temp_url_key_2 {
        req = req.secret_header("X-Account-Meta-Temp-URL-Key-2", k.expose())?;
    }
    Ok(req)
}

/// Updates the account's metadata or temp URL keys.
pub async fn update(client: &ServiceClient, opts: UpdateOpts) -> Result<()> {
    client.send_empty(update_request(&opts)?).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn update_shape() {
        let r = update_request(
            &UpdateOpts::new()
                .metadata("Subject", "Literature")
                .remove_metadata("Old")
                .temp_url_key("k1"),
        )
        .expect("req");
        assert_eq!(r.path(), "");
        let h = r.headers();
        assert_eq!(h["x-account-meta-subject"], "Literature");
        assert_eq!(h["x-remove-account-meta-old"], "x");
        assert!(h["x-account-meta-temp-url-key"].is_sensitive());
        assert!(!format!("{:?}", UpdateOpts::new().temp_url_key("k1")).contains("k1"));
    }
}
