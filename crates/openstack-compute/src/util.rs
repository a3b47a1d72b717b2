//! Small shared types and serde helpers.

use openstack_core::{Microversion, Result, ServiceClient};
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

/// Whether the client's microversion is at least `major.minor` (no microversion counts as 2.1).
pub(crate) fn at_least(client: &ServiceClient, major: u16, minor: u16) -> bool {
    client.microversion().unwrap_or(Microversion::new(2, 1)) >= Microversion::new(major, minor)
}

pub(crate) use openstack_core::open_enum;
pub(crate) use openstack_core::serde_util::lenient_flag as lenient_bool;
pub(crate) use openstack_core::serde_util::null_default;
