//! Shared plumbing: single-resource envelopes, lenient decoding, common small models.

use std::fmt;
use std::marker::PhantomData;

use openstack_core::{Request, Result, ServiceClient};
use serde::de::{DeserializeOwned, IgnoredAny, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A resource that Neutron wraps in a one-key envelope (`{"network": {...}}`).
pub(crate) trait Keyed {
    /// The envelope key of one resource.
    const KEY: &'static str;
}

/// Decodes `{"<T::KEY>": T, ...}`, ignoring other keys, so that decode errors keep their path.
pub(crate) struct Single<T>(pub(crate) T);

impl<'de, T: Keyed + DeserializeOwned> Deserialize<'de> for Single<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: Keyed + DeserializeOwned> Visitor<'de> for V<T> {
            type Value = Single<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "an object with a `{}` key", T::KEY)
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Self::Value, A::Error> {
                let mut out = None;
                while let Some(k) = map.next_key::<String>()? {
                    if k == T::KEY && out.is_none() {
                        out = Some(map.next_value::<T>()?);
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                out.map(Single)
                    .ok_or_else(|| serde::de::Error::missing_field(T::KEY))
            }
        }
        d.deserialize_map(V(PhantomData))
    }
}

/// Serializes `{"<key>": value}`.
pub(crate) struct Wrap<'a, T: ?Sized>(pub(crate) &'static str, pub(crate) &'a T);

impl<T: Serialize + ?Sized> Serialize for Wrap<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(1))?;
        m.serialize_entry(self.0, self.1)?;
        m.end()
    }
}

/// Sends a request and decodes the one resource in its envelope.
pub(crate) async fn send_one<T: Keyed + DeserializeOwned>(
    client: &ServiceClient,
    request: Request,
) -> Result<T> {
    Ok(client.send(request).await?.json::<Single<T>>().await?.0)
}

/// Sends a request whose response has no body worth reading.
pub(crate) async fn send_empty(client: &ServiceClient, request: Request) -> Result<()> {
    client.send(request).await?;
    Ok(())
}

/// `<collection>/<encoded id>`.
pub(crate) fn item_path(collection: &str, id: &str) -> String {
    format!("{collection}/{}", openstack_core::encode_path_segment(id))
}

/// A JSON body `{"<key>": opts}`.
pub(crate) fn json_request<T: Serialize + ?Sized>(
    request: Request,
    key: &'static str,
    body: &T,
) -> Result<Request> {
    request.json(&Wrap(key, body))
}

/// Adds `If-Match: revision_number=N` when a revision is given.
pub(crate) fn if_match(request: Request, revision: Option<u64>) -> Result<Request> {
    match revision {
        Some(n) => request.header("If-Match", &format!("revision_number={n}")),
        None => Ok(request),
    }
}

/// `null` (or a missing field, with `#[serde(default)]`) becomes the type's default.
pub(crate) fn nullable<'de, D, T>(d: D) -> std::result::Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// A number that may also come as a string (`"2"`), or `null`/`""` (as `None`).
pub(crate) fn lenient_u64<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<u64>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum N {
        U(u64),
        I(i64),
        S(String),
    }
    Ok(match Option::<N>::deserialize(d)? {
        None => None,
        Some(N::U(u)) => Some(u),
        Some(N::I(i)) => u64::try_from(i).ok(),
        Some(N::S(s)) => {
            let s = s.trim();
            if s.is_empty() {
                None
            } else {
                Some(
                    s.parse::<u64>()
                        .map_err(|_| serde::de::Error::custom(format!("not a number: {s:?}")))?,
                )
            }
        }
    })
}

/// A string that may also come as a number (`"protocol": 6`), or `null`.
pub(crate) fn lenient_string<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Text {
        Str(String),
        U(u64),
        I(i64),
    }
    Ok(match Option::<Text>::deserialize(d)? {
        None => None,
        Some(Text::Str(s)) => Some(s),
        Some(Text::U(u)) => Some(u.to_string()),
        Some(Text::I(i)) => Some(i.to_string()),
    })
}

/// A boolean that may also come as a string (`"true"`, `"False"`), or `null`.
pub(crate) fn lenient_bool<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<bool>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum B {
        B(bool),
        S(String),
    }
    Ok(match Option::<B>::deserialize(d)? {
        None => None,
        Some(B::B(b)) => Some(b),
        Some(B::S(s)) => match s.to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" => Some(true),
            "false" | "0" | "no" => Some(false),
            "" => None,
            _ => return Err(serde::de::Error::custom(format!("not a boolean: {s:?}"))),
        },
    })
}

/// A boolean that may come as a string; `null`/missing is `false`.
pub(crate) fn lenient_flag<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<bool, D::Error> {
    Ok(lenient_bool(d)?.unwrap_or(false))
}

/// Serializes a tag list as Neutron's comma-separated filter value.
pub(crate) fn comma_list<S: Serializer>(
    v: &Option<Vec<String>>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    match v {
        Some(items) => s.serialize_str(&items.join(",")),
        None => s.serialize_none(),
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
        deserialize_with = "nullable"
    )]
    pub subnet_id: String,
    /// The IP address.
    #[serde(
        default,
        skip_serializing_if = "String::is_empty",
        deserialize_with = "nullable"
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
    #[serde(default, deserialize_with = "nullable")]
    pub href: String,
    /// The relation (`self`, `next`, `previous`, `bookmark`).
    #[serde(default, deserialize_with = "nullable")]
    pub rel: String,
}

/// Defines an open string enum with an `Unknown(String)` arm.
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident { $( $(#[$vmeta:meta])* $variant:ident => $wire:literal ),+ $(,)? }
        $( default $default:ident )?
    ) => {
        $(
            impl Default for $name {
                fn default() -> Self {
                    $name::$default
                }
            }
        )?

        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(from = "String", into = "String")]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value this version of the crate does not know.
            Unknown(String),
        }

        impl $name {
            /// The value as Neutron spells it.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $wire, )+
                    $name::Unknown(s) => s,
                }
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                match s.as_str() {
                    $( $wire => $name::$variant, )+
                    _ => $name::Unknown(s),
                }
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name::from(s.to_owned())
            }
        }

        impl From<$name> for String {
            fn from(v: $name) -> String {
                v.as_str().to_owned()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use open_enum;

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

/// The list/get/create/update/delete functions of a plain Neutron collection whose module
/// defines `ListOpts` (with `common`), `CreateOpts`, `UpdateOpts` (with `revision`) and the
/// model.
macro_rules! crud_fns {
    ($coll:literal, $key:literal, $plural:literal, $model:ty) => {
        #[doc = concat!("`GET ", $coll, "` with filters.")]
        pub fn list_request(opts: &ListOpts) -> Result<Request> {
            Request::get($coll).query(opts)?.query(&opts.common)
        }

        #[doc = concat!("Lists `", $plural, "`, following pagination links.")]
        pub fn list(client: &ServiceClient, opts: ListOpts) -> Pager<$model> {
            crate::pager(client, list_request(&opts), $plural)
        }

        #[doc = concat!("`GET ", $coll, "/{id}`.")]
        pub fn get_request(id: &str) -> Request {
            Request::get($crate::util::item_path($coll, id))
        }

        #[doc = concat!("Shows one `", $key, "`.")]
        pub async fn get(client: &ServiceClient, id: &str) -> Result<$model> {
            $crate::util::send_one(client, get_request(id)).await
        }

        #[doc = concat!("`POST ", $coll, "`.")]
        pub fn create_request(opts: &CreateOpts) -> Result<Request> {
            $crate::util::json_request(Request::post($coll), $key, opts).map(|r| r.ok_status([201]))
        }

        #[doc = concat!("Creates a `", $key, "`.")]
        pub async fn create(client: &ServiceClient, opts: CreateOpts) -> Result<$model> {
            $crate::util::send_one(client, create_request(&opts)?).await
        }

        #[doc = concat!("`PUT ", $coll, "/{id}`.")]
        pub fn update_request(id: &str, opts: &UpdateOpts) -> Result<Request> {
            $crate::util::json_request(Request::put($crate::util::item_path($coll, id)), $key, opts)
        }

        #[doc = concat!("Updates a `", $key, "`.")]
        pub async fn update(client: &ServiceClient, id: &str, opts: UpdateOpts) -> Result<$model> {
            $crate::util::send_one(client, update_request(id, &opts)?).await
        }

        #[doc = concat!("`DELETE ", $coll, "/{id}`.")]
        pub fn delete_request(id: &str) -> Request {
            Request::delete($crate::util::item_path($coll, id)).ok_status([204])
        }

        #[doc = concat!("Deletes a `", $key, "`.")]
        pub async fn delete(client: &ServiceClient, id: &str) -> Result<()> {
            $crate::util::send_empty(client, delete_request(id)).await
        }
    };
}
pub(crate) use crud_fns;

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize, Debug)]
    struct Thing {
        #[serde(default, deserialize_with = "lenient_u64")]
        n: Option<u64>,
        #[serde(default, deserialize_with = "lenient_bool")]
        b: Option<bool>,
        #[serde(default, deserialize_with = "nullable")]
        s: String,
    }
    impl Keyed for Thing {
        const KEY: &'static str = "thing";
    }

    #[test]
    fn lenient_values() {
        let t: Single<Thing> =
            serde_json::from_str(r#"{"other": [1], "thing": {"n": "42", "b": "True", "s": null}}"#)
                .expect("decode");
        assert_eq!(t.0.n, Some(42));
        assert_eq!(t.0.b, Some(true));
        assert_eq!(t.0.s, "");
        let t: Single<Thing> = serde_json::from_str(r#"{"thing": {"n": null}}"#).expect("decode");
        assert_eq!(t.0.n, None);
        assert!(serde_json::from_str::<Single<Thing>>(r#"{"x": {}}"#).is_err());
    }

    #[test]
    fn decode_error_names_path() {
        let err = openstack_core::decode_json::<Single<Thing>>(br#"{"thing": {"s": 5}}"#, "thing")
            .err()
            .expect("error");
        assert_eq!(err.decode_path(), Some("thing.s"));
    }
}
