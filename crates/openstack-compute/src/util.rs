//! Small shared types and serde helpers.

use openstack_core::pagination::PageContent;
use openstack_core::{Error, Microversion, Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Deserializer, Serialize};

/// A link in a resource's `links` list.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Link {
    /// The URL.
    #[serde(default)]
    pub href: String,
    /// The relation (`self`, `bookmark`, `next`).
    #[serde(default)]
    pub rel: String,
    /// The media type, where given.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
}

/// A linked pager for a request that may have failed to build; the build error surfaces
/// when the pager is first polled.
pub(crate) fn linked<T: serde::de::DeserializeOwned + Send + 'static>(
    client: &ServiceClient,
    request: Result<Request>,
    key: &str,
) -> Pager<T> {
    match request {
        Ok(r) => Pager::linked(client.clone(), r, key),
        Err(e) => failed(client, e),
    }
}

/// Like [`linked`], for a listing that is not paginated.
pub(crate) fn single<T: serde::de::DeserializeOwned + Send + 'static>(
    client: &ServiceClient,
    request: Result<Request>,
    key: &str,
) -> Pager<T> {
    match request {
        Ok(r) => Pager::single(client.clone(), r, key),
        Err(e) => failed(client, e),
    }
}

/// A custom pager for a request that may have failed to build.
pub(crate) fn custom<T: Send + 'static>(
    client: &ServiceClient,
    request: Result<Request>,
    decode: fn(&[u8], &str) -> Result<PageContent<T>>,
) -> Pager<T> {
    match request {
        Ok(r) => Pager::custom(client.clone(), r, decode, None),
        Err(e) => failed(client, e),
    }
}

fn failed<T: Send + 'static>(_client: &ServiceClient, e: Error) -> Pager<T> {
    Pager::failed(e)
}

/// `null` becomes the type's default.
pub(crate) fn null_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// A string, number or boolean as a string (`null` becomes `""`).
pub(crate) fn lenient_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let v = serde_json::Value::deserialize(d)?;
    Ok(match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    })
}

/// An optional number that may arrive as a string (`"4"`), or `null`/`""`.
pub(crate) fn lenient_opt_i64<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    let v = serde_json::Value::deserialize(d)?;
    match v {
        serde_json::Value::Null => Ok(None),
        serde_json::Value::Number(n) => Ok(n.as_i64().or_else(|| n.as_f64().map(|f| f as i64))),
        serde_json::Value::String(s) if s.trim().is_empty() => Ok(None),
        serde_json::Value::String(s) => s
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| serde::de::Error::custom(format!("expected a number, got {s:?}"))),
        other => Err(serde::de::Error::custom(format!(
            "expected a number, got {other}"
        ))),
    }
}

/// A number that may arrive as a string, `null` becoming 0.
pub(crate) fn lenient_i64<'de, D: Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    Ok(lenient_opt_i64(d)?.unwrap_or(0))
}

/// A boolean that may arrive as a string (`"True"`), `null` becoming `false`.
pub(crate) fn lenient_bool<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    let v = serde_json::Value::deserialize(d)?;
    Ok(match v {
        serde_json::Value::Bool(b) => b,
        serde_json::Value::String(s) => {
            matches!(s.trim().to_ascii_lowercase().as_str(), "true" | "1" | "yes")
        }
        serde_json::Value::Number(n) => n.as_i64().is_some_and(|n| n != 0),
        _ => false,
    })
}

/// Whether the client's microversion is at least `major.minor` (no microversion counts as 2.1).
pub(crate) fn at_least(client: &ServiceClient, major: u16, minor: u16) -> bool {
    client.microversion().unwrap_or(Microversion::new(2, 1)) >= Microversion::new(major, minor)
}

/// Declares an open string enum: known variants plus `Unknown(String)`, serialized as the
/// wire string.
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $wire:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(from = "String", into = "String")]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value this version of the SDK does not know.
            Unknown(String),
        }

        impl $name {
            /// The wire form.
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
                match v {
                    $name::Unknown(s) => s,
                    other => other.as_str().to_owned(),
                }
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
