//! Helpers shared by the resource modules.

use std::collections::BTreeMap;

use openstack_core::{Request, Result, ServiceClient};
use secrecy::{ExposeSecret, SecretString};
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

/// Sends a `HEAD`-style check: `true` on 2xx, `false` on 404.
pub(crate) async fn exists(client: &ServiceClient, request: Request) -> Result<bool> {
    let resp = client.send(request.ok_status([200, 204, 404])).await?;
    Ok(resp.status() != openstack_core::http::StatusCode::NOT_FOUND)
}

pub(crate) use openstack_core::option_setters as setters;

/// The plain functions of a Keystone collection, each listed by name with its doc comment:
/// `list_request`/`list` (`GET`, `ListOpts`, `links.next` pager), `get_request`/`get`,
/// `create_request`/`create` (`POST`, 201), `update_request`/`update` (`PATCH`, 200) and
/// `delete_request`/`delete` (204). The arguments are the path, the one-resource envelope
/// key, the list key and the model.
macro_rules! crud_fns {
    ($coll:literal, $key:literal, $plural:literal, $model:ty; $($rest:tt)*) => {
        $crate::util::crud_fns!(@ [$coll, $key, $plural, $model] $($rest)*);
    };
    (@ [$($ctx:tt)*]) => {};
    (@ [$coll:literal, $key:literal, $plural:literal, $model:ty] $(#[$m:meta])* $op:ident; $($rest:tt)*) => {
        $crate::util::crud_fns!(@fn $op [$coll, $key, $plural, $model] $(#[$m])*);
        $crate::util::crud_fns!(@ [$coll, $key, $plural, $model] $($rest)*);
    };
    (@fn list_request [$coll:literal, $key:literal, $plural:literal, $model:ty] $(#[$m:meta])*) => {
        $(#[$m])*
        pub fn list_request(opts: &ListOpts) -> Result<Request> {
            Request::get($coll).query(opts)
        }
    };
    (@fn list [$coll:literal, $key:literal, $plural:literal, $model:ty] $(#[$m:meta])*) => {
        $(#[$m])*
        pub fn list(client: &ServiceClient, opts: ListOpts) -> Pager<$model> {
            ::openstack_core::Pager::linked(client.clone(), list_request(&opts), $plural)
        }
    };
    (@fn get_request [$coll:literal, $key:literal, $plural:literal, $model:ty] $(#[$m:meta])*) => {
        $(#[$m])*
        pub fn get_request(id: &str) -> Request {
            Request::get(format!(concat!($coll, "/{}"), $crate::util::seg(id)))
        }
    };
    (@fn get [$coll:literal, $key:literal, $plural:literal, $model:ty] $(#[$m:meta])*) => {
        $(#[$m])*
        pub async fn get(client: &ServiceClient, id: &str) -> Result<$model> {
            client.send_keyed(get_request(id), $key).await
        }
    };
    (@fn create_request [$coll:literal, $key:literal, $plural:literal, $model:ty] $(#[$m:meta])*) => {
        $(#[$m])*
        pub fn create_request(opts: &CreateOpts) -> Result<Request> {
            Ok(Request::post($coll).json_wrapped($key, opts)?.ok_status([201]))
        }
    };
    (@fn create [$coll:literal, $key:literal, $plural:literal, $model:ty] $(#[$m:meta])*) => {
        $(#[$m])*
        pub async fn create(client: &ServiceClient, opts: CreateOpts) -> Result<$model> {
            client.send_keyed(create_request(&opts)?, $key).await
        }
    };
    (@fn update_request [$coll:literal, $key:literal, $plural:literal, $model:ty] $(#[$m:meta])*) => {
        $(#[$m])*
        pub fn update_request(id: &str, opts: &UpdateOpts) -> Result<Request> {
            Ok(Request::patch(format!(concat!($coll, "/{}"), $crate::util::seg(id)))
                .json_wrapped($key, opts)?
                .ok_status([200]))
        }
    };
    (@fn update [$coll:literal, $key:literal, $plural:literal, $model:ty] $(#[$m:meta])*) => {
        $(#[$m])*
        pub async fn update(client: &ServiceClient, id: &str, opts: UpdateOpts) -> Result<$model> {
            client.send_keyed(update_request(id, &opts)?, $key).await
        }
    };
    (@fn delete_request [$coll:literal, $key:literal, $plural:literal, $model:ty] $(#[$m:meta])*) => {
        $(#[$m])*
        pub fn delete_request(id: &str) -> Request {
            Request::delete(format!(concat!($coll, "/{}"), $crate::util::seg(id))).ok_status([204])
        }
    };
    (@fn delete [$coll:literal, $key:literal, $plural:literal, $model:ty] $(#[$m:meta])*) => {
        $(#[$m])*
        pub async fn delete(client: &ServiceClient, id: &str) -> Result<()> {
            client.send_empty(delete_request(id)).await
        }
    };
}
pub(crate) use crud_fns;
