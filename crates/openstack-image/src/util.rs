//! Shared plumbing: paths, and the lenient decoders `openstack_core::serde_util` lacks.

use serde::Deserializer;

/// `images/<encoded id>`-style paths.
pub(crate) fn item_path(collection: &str, id: &str) -> String {
    format!("{collection}/{}", openstack_core::encode_path_segment(id))
}

/// A number that may come as a string; `null`/missing is 0.
pub(crate) fn lenient_size<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<u64, D::Error> {
    Ok(openstack_core::serde_util::lenient_u64(d)?.unwrap_or(0))
}

pub(crate) use openstack_core::serde_util::lenient_flag;

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
