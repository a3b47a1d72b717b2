//! Shared plumbing: list envelopes, pagers, paths, and the lenient decoders whose behaviour
//! differs from `openstack_core::serde_util` (see each).

use openstack_core::serde_util::null_default;
use openstack_core::{Request, Result, ServiceClient};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize};

/// Sends a request and decodes the list under `key`.
pub(crate) async fn send_many<T: DeserializeOwned>(
    client: &ServiceClient,
    request: Request,
    key: &str,
) -> Result<Vec<T>> {
    let bytes = client.send(request).await?.bytes().await?;
    Ok(openstack_core::pagination::decode_keyed::<T>(&bytes, key, key)?.items)
}

/// `<collection>/<encoded id>`.
pub(crate) fn item_path(collection: &str, id: &str) -> String {
    format!("{collection}/{}", openstack_core::encode_path_segment(id))
}

/// A number that may also come as a string (`"2"`), or `null`/`""` (as `None`).
///
/// Kept here rather than `openstack_core::serde_util::lenient_u64`: a fractional number
/// (`2.5`) is truncated here, where the core version refuses it.
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

pub(crate) use openstack_core::serde_util::{lenient_bool, lenient_flag};

/// A string that may come as a number (Rackspace's `"id": 1`); `null` is empty.
pub(crate) fn text<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<String, D::Error> {
    Ok(openstack_core::serde_util::lenient_string(d)?.unwrap_or_default())
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

/// `{"metadata": {...}}`: the body of the metadata calls.
#[derive(Deserialize)]
struct MetadataBody {
    #[serde(default, deserialize_with = "string_map")]
    metadata: std::collections::BTreeMap<String, String>,
}

/// `{"meta": {key: value}}`: the body of the one-item metadata calls.
#[derive(Deserialize)]
struct MetaBody {
    #[serde(default, deserialize_with = "string_map")]
    meta: std::collections::BTreeMap<String, String>,
}

/// `<collection>/<encoded id>/metadata`.
pub(crate) fn metadata_path(collection: &str, id: &str) -> String {
    format!("{}/metadata", item_path(collection, id))
}

/// A request with a `{"metadata": {...}}` body.
pub(crate) fn metadata_request(
    request: Request,
    metadata: &std::collections::BTreeMap<String, String>,
) -> Result<Request> {
    request.json(&serde_json::json!({ "metadata": metadata }))
}

/// Sends a request and decodes the `{"metadata": {...}}` answer.
pub(crate) async fn send_metadata(
    client: &ServiceClient,
    request: Request,
) -> Result<std::collections::BTreeMap<String, String>> {
    let r: MetadataBody = client.send_json(request).await?;
    Ok(r.metadata)
}

/// Sends a request and decodes the value of `key` in the `{"meta": {key: value}}` answer.
pub(crate) async fn send_meta_key(
    client: &ServiceClient,
    request: Request,
    key: &str,
) -> Result<String> {
    let r: MetaBody = client.send_json(request).await?;
    r.meta
        .get(key)
        .cloned()
        .or_else(|| r.meta.into_values().next())
        .ok_or_else(|| {
            openstack_core::Error::decode("the metadata item", format!("no value for {key:?}"))
        })
}

/// The metadata functions of a resource (`volumes`, `snapshots`): `get` (`GET .../metadata`),
/// `update` (`POST`, merge), `set` (`PUT`, replace), and the one-item `get_key`, `set_key`,
/// `delete_key` (`.../metadata/{key}`); `$noun` names the resource in the docs.
macro_rules! metadata_fns {
    ($coll:literal, $noun:literal; $($op:ident)*) => {
        $( $crate::util::metadata_fns!(@$op $coll, $noun); )*
    };
    (@get $coll:literal, $noun:literal) => {
        #[doc = concat!("`GET ", $coll, "/{id}/metadata`.")]
        pub fn get_metadata_request(id: &str) -> Request {
            Request::get($crate::util::metadata_path($coll, id))
        }

        #[doc = concat!("A ", $noun, "'s metadata.")]
        pub async fn get_metadata(
            client: &ServiceClient,
            id: &str,
        ) -> Result<std::collections::BTreeMap<String, String>> {
            $crate::util::send_metadata(client, get_metadata_request(id)).await
        }
    };
    (@update $coll:literal, $noun:literal) => {
        #[doc = concat!("`POST ", $coll, "/{id}/metadata` (merge).")]
        pub fn update_metadata_request(
            id: &str,
            metadata: &std::collections::BTreeMap<String, String>,
        ) -> Result<Request> {
            $crate::util::metadata_request(
                Request::post($crate::util::metadata_path($coll, id)),
                metadata,
            )
        }

        /// Adds or replaces these metadata items, keeping the others; returns all of them.
        pub async fn update_metadata(
            client: &ServiceClient,
            id: &str,
            metadata: &std::collections::BTreeMap<String, String>,
        ) -> Result<std::collections::BTreeMap<String, String>> {
            $crate::util::send_metadata(client, update_metadata_request(id, metadata)?).await
        }
    };
    (@set $coll:literal, $noun:literal) => {
        #[doc = concat!("`PUT ", $coll, "/{id}/metadata` (replace).")]
        pub fn set_metadata_request(
            id: &str,
            metadata: &std::collections::BTreeMap<String, String>,
        ) -> Result<Request> {
            $crate::util::metadata_request(
                Request::put($crate::util::metadata_path($coll, id)),
                metadata,
            )
        }

        #[doc = concat!("Replaces all metadata of a ", $noun, " with these items; returns them.")]
        pub async fn set_metadata(
            client: &ServiceClient,
            id: &str,
            metadata: &std::collections::BTreeMap<String, String>,
        ) -> Result<std::collections::BTreeMap<String, String>> {
            $crate::util::send_metadata(client, set_metadata_request(id, metadata)?).await
        }
    };
    (@get_key $coll:literal, $noun:literal) => {
        #[doc = concat!("`GET ", $coll, "/{id}/metadata/{key}`.")]
        pub fn get_metadata_key_request(id: &str, key: &str) -> Request {
            Request::get($crate::util::item_path(&$crate::util::metadata_path($coll, id), key))
        }

        /// One metadata item's value.
        pub async fn get_metadata_key(client: &ServiceClient, id: &str, key: &str) -> Result<String> {
            $crate::util::send_meta_key(client, get_metadata_key_request(id, key), key).await
        }
    };
    (@set_key $coll:literal, $noun:literal) => {
        #[doc = concat!("`PUT ", $coll, "/{id}/metadata/{key}` with `{\"meta\": {key: value}}`.")]
        pub fn set_metadata_key_request(id: &str, key: &str, value: &str) -> Result<Request> {
            Request::put($crate::util::item_path(&$crate::util::metadata_path($coll, id), key))
                .json(&serde_json::json!({ "meta": { key: value } }))
        }

        /// Sets one metadata item.
        pub async fn set_metadata_key(
            client: &ServiceClient,
            id: &str,
            key: &str,
            value: &str,
        ) -> Result<()> {
            client.send_empty(set_metadata_key_request(id, key, value)?).await
        }
    };
    (@delete_key $coll:literal, $noun:literal) => {
        #[doc = concat!("`DELETE ", $coll, "/{id}/metadata/{key}`.")]
        pub fn delete_metadata_key_request(id: &str, key: &str) -> Request {
            Request::delete($crate::util::item_path(&$crate::util::metadata_path($coll, id), key))
        }

        /// Deletes one metadata item.
        pub async fn delete_metadata_key(client: &ServiceClient, id: &str, key: &str) -> Result<()> {
            client.send_empty(delete_metadata_key_request(id, key)).await
        }
    };
}
pub(crate) use metadata_fns;

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
    #[serde(default, deserialize_with = "null_default")]
    pub href: String,
    /// The relation (`self`, `next`, `bookmark`, `describedby`).
    #[serde(default, deserialize_with = "null_default")]
    pub rel: String,
    /// The media type, when given.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub media_type: Option<String>,
}

pub(crate) use openstack_core::option_setters as setters;

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize, Debug)]
    struct Thing {
        #[serde(default, deserialize_with = "lenient_u64")]
        n: Option<u64>,
        #[serde(default, deserialize_with = "lenient_bool")]
        b: Option<bool>,
        #[serde(default, deserialize_with = "null_default")]
        s: String,
    }
    #[test]
    fn lenient_values() {
        let t: Thing = serde_json::from_str(r#"{"n": 2.5, "b": "t", "s": null}"#).expect("decode");
        assert_eq!(t.n, Some(2));
        assert_eq!(t.b, Some(true));
        assert_eq!(t.s, "");
        let t: Thing = serde_json::from_str(r#"{"n": "42", "b": "F"}"#).expect("decode");
        assert_eq!(t.n, Some(42));
        assert_eq!(t.b, Some(false));
    }

    #[test]
    fn python_dict_quotes() {
        let mut m = std::collections::BTreeMap::new();
        m.insert("a".to_owned(), "b'c".to_owned());
        m.insert("k".to_owned(), "v".to_owned());
        assert_eq!(python_dict(&m), r"{'a': 'b\'c', 'k': 'v'}");
    }
}
