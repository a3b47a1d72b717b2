//! Shared plumbing: single-resource envelopes, lenient decoding, open enums, builders.

use std::fmt;
use std::marker::PhantomData;

use openstack_core::{Pager, Request, Result, ServiceClient};
use serde::de::{DeserializeOwned, IgnoredAny, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A resource that Cinder wraps in a one-key envelope (`{"volume": {...}}`).
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

/// Sends a request and decodes the list under `key`.
pub(crate) async fn send_many<T: DeserializeOwned>(
    client: &ServiceClient,
    request: Request,
    key: &str,
) -> Result<Vec<T>> {
    let bytes = client.send(request).await?.bytes().await?;
    Ok(openstack_core::pagination::decode_keyed::<T>(&bytes, key, key)?.items)
}

/// A pager over a listing, or (when building the request failed) one that yields the error
/// when polled, with no I/O.
pub(crate) fn pager<T: DeserializeOwned + Send + 'static>(
    client: &ServiceClient,
    request: Result<Request>,
    key: &str,
    linked: bool,
) -> Pager<T> {
    match request {
        Ok(r) if linked => Pager::linked(client.clone(), r, key),
        Ok(r) => Pager::single(client.clone(), r, key),
        Err(e) => Pager::failed(e),
    }
}

/// `<collection>/<encoded id>`.
pub(crate) fn item_path(collection: &str, id: &str) -> String {
    format!("{collection}/{}", openstack_core::encode_path_segment(id))
}

/// A JSON body `{"<key>": body}`.
pub(crate) fn json_request<T: Serialize + ?Sized>(
    request: Request,
    key: &'static str,
    body: &T,
) -> Result<Request> {
    request.json(&Wrap(key, body))
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
        F(f64),
        S(String),
    }
    Ok(match Option::<N>::deserialize(d)? {
        None => None,
        Some(N::U(u)) => Some(u),
        Some(N::I(i)) => u64::try_from(i).ok(),
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        Some(N::F(f)) => (f >= 0.0).then_some(f as u64),
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

/// A number that may come as a string; `null`/missing is 0.
pub(crate) fn lenient_size<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<u64, D::Error> {
    Ok(lenient_u64(d)?.unwrap_or(0))
}

/// A signed number that may come as a string (quota limits are `-1` for unlimited).
pub(crate) fn lenient_i64<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<i64, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum N {
        I(i64),
        S(String),
    }
    Ok(match Option::<N>::deserialize(d)? {
        None => 0,
        Some(N::I(i)) => i,
        Some(N::S(s)) => s
            .trim()
            .parse()
            .map_err(|_| serde::de::Error::custom(format!("not a number: {s:?}")))?,
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
            "true" | "1" | "yes" | "t" | "on" => Some(true),
            "false" | "0" | "no" | "f" | "off" => Some(false),
            "" => None,
            _ => return Err(serde::de::Error::custom(format!("not a boolean: {s:?}"))),
        },
    })
}

/// A boolean that may come as a string; `null`/missing is `false`.
pub(crate) fn lenient_flag<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<bool, D::Error> {
    Ok(lenient_bool(d)?.unwrap_or(false))
}

/// A string map whose values may be strings, numbers, booleans or `null` (all kept as text;
/// `null` as an empty string); `null` for the whole map is empty.
pub(crate) fn string_map<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<std::collections::BTreeMap<String, String>, D::Error> {
    let raw = Option::<std::collections::BTreeMap<String, serde_json::Value>>::deserialize(d)?
        .unwrap_or_default();
    Ok(raw
        .into_iter()
        .map(|(k, v)| {
            let s = match v {
                serde_json::Value::String(s) => s,
                serde_json::Value::Null => String::new(),
                other => other.to_string(),
            };
            (k, s)
        })
        .collect())
}

/// Formats a metadata filter the way Cinder parses it (a Python dict literal).
pub(crate) fn python_dict(map: &std::collections::BTreeMap<String, String>) -> String {
    let quote = |s: &str| format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"));
    let items: Vec<String> = map
        .iter()
        .map(|(k, v)| format!("{}: {}", quote(k), quote(v)))
        .collect();
    format!("{{{}}}", items.join(", "))
}

/// A link in a resource or a version document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Link {
    /// The URL.
    #[serde(default, deserialize_with = "nullable")]
    pub href: String,
    /// The relation (`self`, `next`, `bookmark`, `describedby`).
    #[serde(default, deserialize_with = "nullable")]
    pub rel: String,
    /// The media type, when given.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
}

/// Defines an open string enum with an `Unknown(String)` arm; `null` decodes as `Unknown("")`.
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident { $( $(#[$vmeta:meta])* $variant:ident => $wire:literal ),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value this version of the crate does not know (kept as sent).
            Unknown(String),
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

        impl Default for $name {
            fn default() -> Self {
                $name::Unknown(String::new())
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

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
                Ok(Option::<String>::deserialize(d)?.map($name::from).unwrap_or_default())
            }
        }
    };
}
pub(crate) use open_enum;

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
        assert!(serde_json::from_str::<Single<Thing>>(r#"{"x": {}}"#).is_err());
    }

    #[test]
    fn decode_error_names_path() {
        let err = openstack_core::decode_json::<Single<Thing>>(br#"{"thing": {"s": 5}}"#, "thing")
            .err()
            .expect("error");
        assert_eq!(err.decode_path(), Some("thing.s"));
    }

    #[test]
    fn python_dict_quotes() {
        let mut m = std::collections::BTreeMap::new();
        m.insert("a".to_owned(), "b'c".to_owned());
        m.insert("k".to_owned(), "v".to_owned());
        assert_eq!(python_dict(&m), r"{'a': 'b\'c', 'k': 'v'}");
    }
}
