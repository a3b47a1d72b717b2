//! Shared plumbing: lenient decoding and open enums.

use serde::{Deserialize, Deserializer};

/// `images/<encoded id>`-style paths.
pub(crate) fn item_path(collection: &str, id: &str) -> String {
    format!("{collection}/{}", openstack_core::encode_path_segment(id))
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

/// A number that may come as a string; `null`/missing is 0.
pub(crate) fn lenient_size<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<u64, D::Error> {
    Ok(lenient_u64(d)?.unwrap_or(0))
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
