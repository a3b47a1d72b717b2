//! Shared plumbing: paths, `If-Match`, common small models, builder macros.

use openstack_core::serde_util::null_default;
use openstack_core::{Request, Result};
use serde::{Deserialize, Serialize};

/// `<collection>/<encoded id>`.
pub(crate) fn item_path(collection: &str, id: &str) -> String {
    format!("{collection}/{}", openstack_core::encode_path_segment(id))
}

/// Adds `If-Match: revision_number=N` when a revision is given.
pub(crate) fn if_match(request: Request, revision: Option<u64>) -> Result<Request> {
    match revision {
        Some(n) => request.header("If-Match", &format!("revision_number={n}")),
        None => Ok(request),
    }
}

/// An IP address on a port (or a gateway) and the subnet it comes from.
///
/// In requests, either field may be left empty: a `subnet_id` alone asks Neutron to pick an
/// address from that subnet, an `ip_address` alone asks for that address on any subnet of the
/// network.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FixedIp {
    /// The subnet.
    #[serde(
        default,
        skip_serializing_if = "String::is_empty",
        deserialize_with = "null_default"
    )]
    pub subnet_id: String,
    /// The IP address.
    #[serde(
        default,
        skip_serializing_if = "String::is_empty",
        deserialize_with = "null_default"
    )]
    pub ip_address: String,
}

impl FixedIp {
    /// An address from `subnet_id`, chosen by Neutron.
    pub fn subnet(subnet_id: impl Into<String>) -> Self {
        FixedIp {
            subnet_id: subnet_id.into(),
            ip_address: String::new(),
        }
    }

    /// The address `ip_address` (on any subnet of the network that contains it).
    pub fn address(ip_address: impl Into<String>) -> Self {
        FixedIp {
            subnet_id: String::new(),
            ip_address: ip_address.into(),
        }
    }

    /// The address `ip_address` on `subnet_id`.
    pub fn new(subnet_id: impl Into<String>, ip_address: impl Into<String>) -> Self {
        FixedIp {
            subnet_id: subnet_id.into(),
            ip_address: ip_address.into(),
        }
    }
}

/// A link in a resource or a version document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Link {
    /// The URL.
    #[serde(default, deserialize_with = "null_default")]
    pub href: String,
    /// The relation (`self`, `next`, `previous`, `bookmark`).
    #[serde(default, deserialize_with = "null_default")]
    pub rel: String,
}

/// Builder setters for option structs whose fields are `Option<..>` (tri-state fields are
/// `Option<Option<..>>` and get a `clear_` method).
macro_rules! setters {
    ($( $(#[$m:meta])* $field:ident : $kind:tt $( $extra:ident )? $( < $ty:ty > )? ),* $(,)?) => {
        $( $crate::util::setters!(@one [$(#[$m])*] $field $kind $( $extra )? $( < $ty > )?); )*
    };
    (@one [$(#[$m:meta])*] $field:ident str) => {
        $(#[$m])*
        pub fn $field(mut self, v: impl Into<String>) -> Self { self.$field = Some(v.into()); self }
    };
    (@one [$(#[$m:meta])*] $field:ident bool) => {
        $(#[$m])*
        pub fn $field(mut self, v: bool) -> Self { self.$field = Some(v); self }
    };
    (@one [$(#[$m:meta])*] $field:ident num) => {
        $(#[$m])*
        pub fn $field(mut self, v: u64) -> Self { self.$field = Some(v); self }
    };
    (@one [$(#[$m:meta])*] $field:ident strs) => {
        $(#[$m])*
        pub fn $field(mut self, v: impl IntoIterator<Item = impl Into<String>>) -> Self {
            self.$field = Some(v.into_iter().map(Into::into).collect()); self
        }
    };
    (@one [$(#[$m:meta])*] $field:ident list <$ty:ty>) => {
        $(#[$m])*
        pub fn $field(mut self, v: impl IntoIterator<Item = $ty>) -> Self {
            self.$field = Some(v.into_iter().collect()); self
        }
    };
    (@one [$(#[$m:meta])*] $field:ident val <$ty:ty>) => {
        $(#[$m])*
        pub fn $field(mut self, v: $ty) -> Self { self.$field = Some(v); self }
    };
    (@one [$(#[$m:meta])*] $field:ident nstr $clear:ident) => {
        $(#[$m])*
        pub fn $field(mut self, v: impl Into<String>) -> Self { self.$field = Some(Some(v.into())); self }
        /// Clears the value (sends `null`).
        pub fn $clear(mut self) -> Self { self.$field = Some(None); self }
    };
    (@one [$(#[$m:meta])*] $field:ident estr $clear:ident) => {
        $(#[$m])*
        pub fn $field(mut self, v: impl Into<String>) -> Self { self.$field = Some(v.into()); self }
        /// Clears the value: sends an empty string (Neutron refuses `null` here).
        pub fn $clear(mut self) -> Self { self.$field = Some(String::new()); self }
    };
    (@one [$(#[$m:meta])*] $field:ident nnum $clear:ident) => {
        $(#[$m])*
        pub fn $field(mut self, v: u64) -> Self { self.$field = Some(Some(v)); self }
        /// Clears the value (sends `null`).
        pub fn $clear(mut self) -> Self { self.$field = Some(None); self }
    };
    (@one [$(#[$m:meta])*] $field:ident nval $clear:ident <$ty:ty>) => {
        $(#[$m])*
        pub fn $field(mut self, v: $ty) -> Self { self.$field = Some(Some(v)); self }
        /// Clears the value (sends `null`).
        pub fn $clear(mut self) -> Self { self.$field = Some(None); self }
    };
}
pub(crate) use setters;

/// The `extra` escape hatch shared by option builders.
macro_rules! extra_setter {
    () => {
        /// Sends an attribute this crate does not model (from an extension), as is.
        pub fn extra(mut self, key: impl Into<String>, value: serde_json::Value) -> Self {
            self.extra.insert(key.into(), value);
            self
        }
    };
}
pub(crate) use extra_setter;

/// `if_revision` of an `UpdateOpts` with a `revision: Option<u64>` field; the doc comment is
/// given by the caller.
macro_rules! revision_setter {
    ($(#[$m:meta])*) => {
        $(#[$m])*
        pub fn if_revision(mut self, revision: u64) -> Self {
            self.revision = Some(revision);
            self
        }
    };
}
pub(crate) use revision_setter;

/// The functions of a Neutron collection, one group per listed operation, each with the doc
/// comment written before it: `list` (`GET`, with `ListOpts` that has `common`), `get`,
/// `create` (`POST`, `CreateOpts`), `create_bulk` (`POST` of a list), `update` (`PUT`,
/// `UpdateOpts`; `update if_match` also sends `If-Match` from its `revision`) and `delete`.
///
/// ```text
/// resource_fns! { "ports", "port", "ports", Port;
///     /// Lists ports.
///     list;
///     /// Shows a port.
///     get;
/// }
/// ```
macro_rules! resource_fns {
    ($coll:literal, $key:literal, $plural:literal, $model:ty; $($rest:tt)*) => {
        $crate::util::resource_fns!(@ [$coll, $key, $plural, $model] $($rest)*);
    };
    (@ [$($ctx:tt)*]) => {};
    (@ [$coll:literal, $key:literal, $plural:literal, $model:ty] $(#[$m:meta])* list; $($rest:tt)*) => {
        #[doc = concat!("`GET ", $coll, "` with filters.")]
        pub fn list_request(opts: &ListOpts) -> Result<Request> {
            Request::get($coll).query(opts)?.query(&opts.common)
        }

        $(#[$m])*
        pub fn list(client: &ServiceClient, opts: ListOpts) -> Pager<$model> {
            crate::pager(client, list_request(&opts), $plural)
        }

        $crate::util::resource_fns!(@ [$coll, $key, $plural, $model] $($rest)*);
    };
    (@ [$coll:literal, $key:literal, $plural:literal, $model:ty] $(#[$m:meta])* get; $($rest:tt)*) => {
        #[doc = concat!("`GET ", $coll, "/{id}`.")]
        pub fn get_request(id: &str) -> Request {
            Request::get($crate::util::item_path($coll, id))
        }

        $(#[$m])*
        pub async fn get(client: &ServiceClient, id: &str) -> Result<$model> {
            client.send_keyed(get_request(id), $key).await
        }

        $crate::util::resource_fns!(@ [$coll, $key, $plural, $model] $($rest)*);
    };
    (@ [$coll:literal, $key:literal, $plural:literal, $model:ty] $(#[$m:meta])* create; $($rest:tt)*) => {
        #[doc = concat!("`POST ", $coll, "`.")]
        pub fn create_request(opts: &CreateOpts) -> Result<Request> {
            Request::post($coll).json_wrapped($key, opts).map(|r| r.ok_status([201]))
        }

        $(#[$m])*
        pub async fn create(client: &ServiceClient, opts: CreateOpts) -> Result<$model> {
            client.send_keyed(create_request(&opts)?, $key).await
        }

        $crate::util::resource_fns!(@ [$coll, $key, $plural, $model] $($rest)*);
    };
    (@ [$coll:literal, $key:literal, $plural:literal, $model:ty] $(#[$m:meta])* create_bulk; $($rest:tt)*) => {
        #[doc = concat!("`POST ", $coll, "` with `{\"", $plural, "\": [...]}`.")]
        pub fn create_bulk_request(opts: &[CreateOpts]) -> Result<Request> {
            Request::post($coll).json_wrapped($plural, opts).map(|r| r.ok_status([201]))
        }

        $(#[$m])*
        pub async fn create_bulk(
            client: &ServiceClient,
            opts: Vec<CreateOpts>,
        ) -> Result<Vec<$model>> {
            crate::send_many(client, create_bulk_request(&opts)?, $plural).await
        }

        $crate::util::resource_fns!(@ [$coll, $key, $plural, $model] $($rest)*);
    };
    (@ [$coll:literal, $key:literal, $plural:literal, $model:ty] $(#[$m:meta])* update; $($rest:tt)*) => {
        #[doc = concat!("`PUT ", $coll, "/{id}`.")]
        pub fn update_request(id: &str, opts: &UpdateOpts) -> Result<Request> {
            Request::put($crate::util::item_path($coll, id)).json_wrapped($key, opts)
        }

        $crate::util::resource_fns!(@update [$coll, $key, $plural, $model] $(#[$m])*);
        $crate::util::resource_fns!(@ [$coll, $key, $plural, $model] $($rest)*);
    };
    (@ [$coll:literal, $key:literal, $plural:literal, $model:ty] $(#[$m:meta])* update if_match; $($rest:tt)*) => {
        #[doc = concat!(
            "`PUT ", $coll, "/{id}` (with `If-Match` when [`UpdateOpts::if_revision`] is set)."
        )]
        pub fn update_request(id: &str, opts: &UpdateOpts) -> Result<Request> {
            let r = Request::put($crate::util::item_path($coll, id)).json_wrapped($key, opts)?;
            $crate::util::if_match(r, opts.revision)
        }

        $crate::util::resource_fns!(@update [$coll, $key, $plural, $model] $(#[$m])*);
        $crate::util::resource_fns!(@ [$coll, $key, $plural, $model] $($rest)*);
    };
    (@update [$coll:literal, $key:literal, $plural:literal, $model:ty] $(#[$m:meta])*) => {
        $(#[$m])*
        pub async fn update(client: &ServiceClient, id: &str, opts: UpdateOpts) -> Result<$model> {
            client.send_keyed(update_request(id, &opts)?, $key).await
        }
    };
    (@ [$coll:literal, $key:literal, $plural:literal, $model:ty] $(#[$m:meta])* delete; $($rest:tt)*) => {
        #[doc = concat!("`DELETE ", $coll, "/{id}`.")]
        pub fn delete_request(id: &str) -> Request {
            Request::delete($crate::util::item_path($coll, id)).ok_status([204])
        }

        $(#[$m])*
        pub async fn delete(client: &ServiceClient, id: &str) -> Result<()> {
            client.send_empty(delete_request(id)).await
        }

        $crate::util::resource_fns!(@ [$coll, $key, $plural, $model] $($rest)*);
    };
}
pub(crate) use resource_fns;

/// All of [`resource_fns!`] but `create_bulk`, with generated doc comments (LBaaS v1).
macro_rules! crud_fns {
    ($coll:literal, $key:literal, $plural:literal, $model:ty) => {
        $crate::util::resource_fns! { $coll, $key, $plural, $model;
            #[doc = concat!("Lists `", $plural, "`, following pagination links.")]
            list;
            #[doc = concat!("Shows one `", $key, "`.")]
            get;
            #[doc = concat!("Creates a `", $key, "`.")]
            create;
            #[doc = concat!("Updates a `", $key, "`.")]
            update;
            #[doc = concat!("Deletes a `", $key, "`.")]
            delete;
        }
    };
}
pub(crate) use crud_fns;
