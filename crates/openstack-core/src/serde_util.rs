//! Serde helpers for service crates: one-key envelopes, lenient fields (what real clouds send
//! where the documentation promises otherwise), and the [`open_enum!`](crate::open_enum) macro.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Result};

/// Serializes as `{"<key>": value}`: the request envelope of most OpenStack APIs.
///
/// ```
/// use openstack_core::serde_util::Wrapped;
/// let body = serde_json::to_value(Wrapped("network", &serde_json::json!({"name": "n"}))).unwrap();
/// assert_eq!(body, serde_json::json!({"network": {"name": "n"}}));
/// ```
#[derive(Debug)]
pub struct Wrapped<'a, T: ?Sized>(pub &'a str, pub &'a T);

impl<T: Serialize + ?Sized> Serialize for Wrapped<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(1))?;
        m.serialize_entry(self.0, self.1)?;
        m.end()
    }
}

/// Decodes the value under `key` of a JSON object (`{"server": {...}, ...}`), ignoring the
/// other keys, straight into `T`; a failure names the path (`server.created`).
///
/// ```
/// #[derive(serde::Deserialize)]
/// struct Net { id: String }
/// let n: Net = openstack_core::serde_util::decode_keyed_one(
///     br#"{"network": {"id": "x"}}"#, "network", "a network").unwrap();
/// assert_eq!(n.id, "x");
/// ```
pub fn decode_keyed_one<T: DeserializeOwned>(bytes: &[u8], key: &str, what: &str) -> Result<T> {
    let out = crate::response::decode_json_seed(
        bytes,
        what,
        KeyedOne::<T> {
            key,
            marker: PhantomData,
        },
    )?;
    out.ok_or_else(|| Error::decode(what, format!("the response has no `{key}` object")))
}

struct KeyedOne<'a, T> {
    key: &'a str,
    marker: PhantomData<T>,
}

impl<T> Clone for KeyedOne<'_, T> {
    fn clone(&self) -> Self {
        KeyedOne {
            key: self.key,
            marker: PhantomData,
        }
    }
}

impl<'de, T: DeserializeOwned> DeserializeSeed<'de> for KeyedOne<'_, T> {
    type Value = Option<T>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, T: DeserializeOwned> Visitor<'de> for KeyedOne<'_, T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object with a `{}` key", self.key)
    }

    fn visit_map<A: MapAccess<'de>>(
        self,
        mut map: A,
    ) -> std::result::Result<Self::Value, A::Error> {
        let mut out = None;
        while let Some(k) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if k == self.key && out.is_none() {
                out = Some(map.next_value::<T>()?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(out)
    }
}

/// `null` (or, with `#[serde(default)]`, a missing field) becomes the type's default.
pub fn null_default<'de, D, T>(d: D) -> std::result::Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// A number that may also come as a string (`"2"`), or `null`/`""` (as `None`).
pub fn lenient_u64<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Option<u64>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum N {
        U(u64),
        I(i64),
        F(f64),
        S(String),
    }
    Ok(match Option::<N>::deserialize(d)? {
        None => None,
        Some(N::U(u)) => Some(u),
        Some(N::I(i)) => u64::try_from(i).ok(),
        Some(N::F(f)) if f >= 0.0 && f.fract() == 0.0 => Some(f as u64),
        Some(N::F(f)) => return Err(serde::de::Error::custom(format!("not a whole number: {f}"))),
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

/// A string that may also come as a number (`"protocol": 6`), or `null` (as `None`).
pub fn lenient_string<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Text {
        Str(String),
        U(u64),
        I(i64),
        F(f64),
        B(bool),
    }
    Ok(match Option::<Text>::deserialize(d)? {
        None => None,
        Some(Text::Str(s)) => Some(s),
        Some(Text::U(u)) => Some(u.to_string()),
        Some(Text::I(i)) => Some(i.to_string()),
        Some(Text::F(f)) => Some(f.to_string()),
        Some(Text::B(b)) => Some(b.to_string()),
    })
}

/// A boolean that may also come as a string (`"true"`, `"False"`, `"1"`, `"t"`, `"yes"`,
/// `"on"` — Python services and SQL backends send all of these), or `null`/`""` (as `None`).
pub fn lenient_bool<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<bool>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Flag {
        Bool(bool),
        Num(u64),
        Text(String),
    }
    Ok(match Option::<Flag>::deserialize(d)? {
        None => None,
        Some(Flag::Bool(b)) => Some(b),
        Some(Flag::Num(0)) => Some(false),
        Some(Flag::Num(1)) => Some(true),
        Some(Flag::Num(n)) => return Err(serde::de::Error::custom(format!("not a boolean: {n}"))),
        Some(Flag::Text(s)) => match s.trim().to_ascii_lowercase().as_str() {
            "true" | "t" | "1" | "yes" | "on" => Some(true),
            "false" | "f" | "0" | "no" | "off" => Some(false),
            "" => None,
            _ => return Err(serde::de::Error::custom(format!("not a boolean: {s:?}"))),
        },
    })
}

/// A boolean that may come as a string; `null` or missing (with `#[serde(default)]`) is `false`.
pub fn lenient_flag<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<bool, D::Error> {
    Ok(lenient_bool(d)?.unwrap_or(false))
}

/// Serializes an optional list as one comma-separated value (`tags=a,b`), as filters of
/// Nova, Neutron and Keystone expect.
pub fn comma_list<S: Serializer>(
    v: &Option<Vec<String>>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    match v {
        Some(items) => s.serialize_str(&items.join(",")),
        None => s.serialize_none(),
    }
}

/// Declares an open string enum: the known values, plus `Unknown(String)` that keeps any value
/// a newer server sends, so a new status never breaks a list call. It serializes as the wire
/// string; `null` decodes as the default (`Unknown("")` unless `default Variant` is given).
///
/// ```
/// openstack_core::open_enum! {
///     /// A volume status.
///     pub enum Status {
///         /// Ready.
///         Available => "available",
///         /// Attached.
///         InUse => "in-use",
///     }
/// }
/// let s: Status = serde_json::from_str("\"in-use\"").unwrap();
/// assert_eq!(s, Status::InUse);
/// let s: Status = serde_json::from_str("\"reserved\"").unwrap();
/// assert_eq!(s, Status::Unknown("reserved".into()));
/// assert_eq!(serde_json::to_string(&s).unwrap(), "\"reserved\"");
/// ```
#[macro_export]
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $wire:literal ),+ $(,)?
        }
        $( default $default:ident )?
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value this version of the SDK does not know (kept as sent).
            Unknown(::std::string::String),
        }

        impl $name {
            /// The value as the service spells it.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $wire, )+
                    $name::Unknown(s) => s,
                }
            }
        }

        $crate::open_enum!(@default $name $( $default )?);

        impl ::std::convert::From<::std::string::String> for $name {
            fn from(s: ::std::string::String) -> Self {
                match s.as_str() {
                    $( $wire => $name::$variant, )+
                    _ => $name::Unknown(s),
                }
            }
        }

        impl ::std::convert::From<&str> for $name {
            fn from(s: &str) -> Self {
                $name::from(s.to_owned())
            }
        }

        impl ::std::convert::From<$name> for ::std::string::String {
            fn from(v: $name) -> ::std::string::String {
                match v {
                    $name::Unknown(s) => s,
                    other => other.as_str().to_owned(),
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                s: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<Self, D::Error> {
                let s: ::std::option::Option<::std::string::String> =
                    $crate::__private::serde::Deserialize::deserialize(d)?;
                Ok(s.map($name::from).unwrap_or_default())
            }
        }
    };
    (@default $name:ident) => {
        impl ::std::default::Default for $name {
            fn default() -> Self {
                $name::Unknown(::std::string::String::new())
            }
        }
    };
    (@default $name:ident $default:ident) => {
        impl ::std::default::Default for $name {
            fn default() -> Self {
                $name::$default
            }
        }
    };
}

/// Builder setters for option structs whose fields are `Option<..>`: each entry makes a
/// `fn field(mut self, v) -> Self` that stores `Some(v)`, with the doc
/// comment written before it. Kinds: `str` (takes `impl Into<String>`), `bool`, and
/// `val<T>` (takes `T`).
///
/// ```
/// #[derive(Default)]
/// pub struct ListOpts { name: Option<String>, limit: Option<u32>, shared: Option<bool> }
/// impl ListOpts {
///     openstack_core::option_setters! {
///         /// Filter by name.
///         name: str,
///         /// Page size.
///         limit: val<u32>,
///         /// Only shared ones.
///         shared: bool,
///     }
/// }
/// let o = ListOpts::default().name("web").limit(10).shared(true);
/// assert_eq!((o.name.as_deref(), o.limit, o.shared), (Some("web"), Some(10), Some(true)));
/// ```
#[macro_export]
macro_rules! option_setters {
    ($( $(#[$m:meta])* $field:ident : $kind:ident $( < $ty:ty > )? ),* $(,)?) => {
        $( $crate::option_setters!(@one [$(#[$m])*] $field $kind $( < $ty > )?); )*
    };
    (@one [$(#[$m:meta])*] $field:ident str) => {
        $(#[$m])*
        pub fn $field(mut self, v: impl ::std::convert::Into<::std::string::String>) -> Self {
            self.$field = ::std::option::Option::Some(v.into());
            self
        }
    };
    (@one [$(#[$m:meta])*] $field:ident bool) => {
        $(#[$m])*
        pub fn $field(mut self, v: bool) -> Self {
            self.$field = ::std::option::Option::Some(v);
            self
        }
    };
    (@one [$(#[$m:meta])*] $field:ident val <$ty:ty>) => {
        $(#[$m])*
        pub fn $field(mut self, v: $ty) -> Self {
            self.$field = ::std::option::Option::Some(v);
            self
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    crate::open_enum! {
        /// Test enum.
        pub enum Dir {
            /// In.
            Ingress => "ingress",
            /// Out.
            Egress => "egress",
        }
        default Egress
    }

    #[derive(Deserialize, Default)]
    #[allow(dead_code)]
    struct Lenient {
        #[serde(default, deserialize_with = "lenient_u64")]
        n: Option<u64>,
        #[serde(default, deserialize_with = "lenient_string")]
        s: Option<String>,
        #[serde(default, deserialize_with = "lenient_flag")]
        b: bool,
        #[serde(default, deserialize_with = "null_default")]
        v: Vec<String>,
    }

    #[test]
    fn lenient_fields() {
        let l: Lenient =
            serde_json::from_str(r#"{"n": "42", "s": 6, "b": "True", "v": null}"#).expect("ok");
        assert_eq!(l.n, Some(42));
        assert_eq!(l.s.as_deref(), Some("6"));
        assert!(l.b);
        assert!(l.v.is_empty());
        let l: Lenient = serde_json::from_str(r#"{"b": "t"}"#).expect("t");
        assert!(l.b);
        let l: Lenient = serde_json::from_str(r#"{"b": "F"}"#).expect("f");
        assert!(!l.b);
        let l: Lenient = serde_json::from_str(r#"{"n": "", "s": null, "b": null}"#).expect("ok");
        assert_eq!(l.n, None);
        assert!(!l.b);
        assert!(serde_json::from_str::<Lenient>(r#"{"n": "many"}"#).is_err());
        assert!(serde_json::from_str::<Lenient>(r#"{"b": "perhaps"}"#).is_err());
    }

    #[test]
    fn open_enum_round_trip_and_default() {
        let d: Dir = serde_json::from_str("null").expect("null");
        assert_eq!(d, Dir::Egress);
        let d: Dir = serde_json::from_str("\"sideways\"").expect("unknown");
        assert_eq!(d.to_string(), "sideways");
        assert_eq!(String::from(Dir::Ingress), "ingress");
    }

    #[test]
    fn keyed_one() {
        #[derive(Deserialize, Debug)]
        struct N {
            #[allow(dead_code)]
            id: String,
        }
        let err = decode_keyed_one::<N>(br#"{"network": {"id": 5}}"#, "network", "a network")
            .expect_err("bad");
        assert_eq!(err.decode_path(), Some("network.id"));
        let err =
            decode_keyed_one::<N>(br#"{"port": {}}"#, "network", "a network").expect_err("missing");
        assert!(err.to_string().contains("`network`"));
    }
}
