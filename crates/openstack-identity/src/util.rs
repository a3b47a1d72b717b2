//! Helpers shared by the resource modules.

use std::collections::BTreeMap;

use openstack_core::{Pager, Request, Result, ServiceClient};
use secrecy::{ExposeSecret, SecretString};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serializer};

/// A free-form `options` map (`{"ignore_password_expiry": true}`).
pub(crate) type Options = BTreeMap<String, serde_json::Value>;

/// One percent-encoded path segment.
pub(crate) fn seg(s: &str) -> String {
    openstack_core::encode_path_segment(s)
}

/// `true` when missing.
pub(crate) fn yes() -> bool {
    true
}

/// `null` becomes `true` (for `enabled`, which Keystone defaults to true).
pub(crate) fn null_true<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<bool, D::Error> {
    Ok(Option::<bool>::deserialize(d)?.unwrap_or(true))
}

/// Serializes a secret (the only place it is exposed).
pub(crate) fn expose<S: Serializer>(
    secret: &SecretString,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(secret.expose_secret())
}

/// Serializes an optional secret.
pub(crate) fn expose_opt<S: Serializer>(
    secret: &Option<SecretString>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    match secret {
        Some(v) => s.serialize_str(v.expose_secret()),
        None => s.serialize_none(),
    }
}

/// A linked pager, or one that yields the building error on first poll.
pub(crate) fn linked<T: DeserializeOwned + Send + 'static>(
    client: &ServiceClient,
    request: Result<Request>,
    key: &str,
) -> Pager<T> {
    match request {
        Ok(r) => Pager::linked(client.clone(), r, key),
        Err(e) => Pager::failed(e),
    }
}

/// Sends a `HEAD`-style check: `true` on 2xx, `false` on 404.
pub(crate) async fn exists(client: &ServiceClient, request: Request) -> Result<bool> {
    let resp = client.send(request.ok_status([200, 204, 404])).await?;
    Ok(resp.status() != openstack_core::http::StatusCode::NOT_FOUND)
}

/// Builder setters for option structs whose fields are `Option<..>`, each with the doc comment
/// written before it: `str` takes `impl Into<String>`, `bool` a `bool`, `val<T>` a `T`.
macro_rules! setters {
    ($( $(#[$m:meta])* $field:ident : $kind:ident $( < $ty:ty > )? ),* $(,)?) => {
        $( $crate::util::setters!(@one [$(#[$m])*] $field $kind $( < $ty > )?); )*
    };
    (@one [$(#[$m:meta])*] $field:ident str) => {
        $(#[$m])*
        pub fn $field(mut self, v: impl Into<String>) -> Self {
            self.$field = Some(v.into());
            self
        }
    };
    (@one [$(#[$m:meta])*] $field:ident bool) => {
        $(#[$m])*
        pub fn $field(mut self, v: bool) -> Self {
            self.$field = Some(v);
            self
        }
    };
    (@one [$(#[$m:meta])*] $field:ident val <$ty:ty>) => {
        $(#[$m])*
        pub fn $field(mut self, v: $ty) -> Self {
            self.$field = Some(v);
            self
        }
    };
}
pub(crate) use setters;

#[cfg(test)]
mod tests {
    use super::*;
    use futures::TryStreamExt;

    #[tokio::test]
    async fn failed_pager_reports_the_error_without_sending() {
        // No server listens anywhere: the pager must fail before any I/O.
        let provider = openstack_core::ProviderClient::builder()
            .endpoint_override("identity", "http://127.0.0.1:9/")
            .build_lazy()
            .expect("provider");
        let client = crate::client(&provider).expect("client");
        let pager: Pager<serde_json::Value> = linked(
            &client,
            Err(openstack_core::Error::invalid_input("bad filter value")),
            "projects",
        );
        let err = pager.try_collect::<Vec<_>>().await.expect_err("fails");
        assert_eq!(err.kind(), openstack_core::ErrorKind::InvalidInput);
        assert!(err.to_string().contains("bad filter value"), "{err}");
    }
}
