//! Shared plumbing: paths, and the lenient decoders `openstack_core::serde_util` lacks.

use serde::{Deserialize, Deserializer};

/// `images/<encoded id>`-style paths.
pub(crate) fn item_path(collection: &str, id: &str) -> String {
    format!("{collection}/{}", openstack_core::encode_path_segment(id))
}

/// A number that may come as a string; `null`/missing is 0.
pub(crate) fn lenient_size<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<u64, D::Error> {
    Ok(openstack_core::serde_util::lenient_u64(d)?.unwrap_or(0))
}

/// A boolean that may also come as a string (`"true"`, `"False"`), or `null`.
///
/// Kept here rather than `openstack_core::serde_util::lenient_bool`: this one also takes
/// `"t"`/`"f"`, which the core version refuses.
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
