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

pub(crate) use openstack_core::option_setters as setters;
