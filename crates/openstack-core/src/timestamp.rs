//! Timestamps in the forms OpenStack services send them.
//!
//! RFC 3339 with a zone (`2015-08-27T09:49:58.000000Z`, `2012-08-20T21:11:09+00:00`), the
//! zone-less forms Nova, Cinder and Neutron use (`2015-12-15T19:39:29.000000`,
//! `2016-03-05 16:07:39`, taken as UTC), and compact offsets (`+0000`). Use the serde helpers
//! on model fields:
//!
//! ```
//! use time::OffsetDateTime;
//! #[derive(serde::Deserialize)]
//! struct Volume {
//!     #[serde(with = "openstack_core::timestamp")]
//!     created_at: OffsetDateTime,
//!     #[serde(default, with = "openstack_core::timestamp::option")]
//!     updated_at: Option<OffsetDateTime>,
//! }
//! let v: Volume = serde_json::from_str(
//!     r#"{"created_at": "2013-02-25T02:40:21.000000", "updated_at": null}"#).unwrap();
//! assert_eq!(v.created_at.year(), 2013);
//! assert!(v.updated_at.is_none());
//! ```

use serde::{Deserialize, Deserializer, Serializer};
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime, UtcOffset};

/// Parses a timestamp in any of the forms OpenStack sends.
pub fn parse(s: &str) -> Option<OffsetDateTime> {
    let s = s.trim();
    if let Ok(t) = OffsetDateTime::parse(s, &Rfc3339) {
        return Some(t);
    }
    // Normalise: a space separator becomes `T`, a lowercase `z` becomes `Z`.
    let mut norm = s.replacen(' ', "T", 1);
    if norm.ends_with('z') {
        norm.pop();
        norm.push('Z');
    }
    if let Ok(t) = OffsetDateTime::parse(&norm, &Rfc3339) {
        return Some(t);
    }
    // Split an explicit offset: `Z`, `+hh:mm`, `+hhmm`, `+hh`.
    let (local, offset) = split_offset(&norm);
    let local_fmt = format_description!(
        version = 2,
        "[year]-[month]-[day]T[hour]:[minute][optional [:[second]]][optional [.[subsecond]]]"
    );
    let dt = PrimitiveDateTime::parse(local, &local_fmt).ok()?;
    Some(dt.assume_offset(offset?))
}

fn split_offset(s: &str) -> (&str, Option<UtcOffset>) {
    if let Some(local) = s.strip_suffix('Z') {
        return (local, Some(UtcOffset::UTC));
    }
    // Look for a sign after the time part.
    if let Some(tpos) = s.find('T') {
        if let Some(rel) = s[tpos..].rfind(['+', '-']) {
            let pos = tpos + rel;
            let (local, off) = s.split_at(pos);
            let sign: i8 = if off.starts_with('-') { -1 } else { 1 };
            let digits: String = off[1..].chars().filter(char::is_ascii_digit).collect();
            let (h, m) = match digits.len() {
                2 => (digits.parse::<i8>().ok(), Some(0)),
                4 => (
                    digits[..2].parse::<i8>().ok(),
                    digits[2..].parse::<i8>().ok(),
                ),
                _ => (None, None),
            };
            let offset = match (h, m) {
                (Some(h), Some(m)) => UtcOffset::from_hms(sign * h, sign * m, 0).ok(),
                _ => None,
            };
            return (local, offset);
        }
    }
    (s, Some(UtcOffset::UTC))
}

/// Formats a timestamp as RFC 3339.
pub fn format(t: &OffsetDateTime) -> String {
    t.format(&Rfc3339).unwrap_or_else(|_| t.to_string())
}

/// Serde: deserialize any OpenStack timestamp form, serialize as RFC 3339.
pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<OffsetDateTime, D::Error> {
    let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
    parse(&s).ok_or_else(|| serde::de::Error::custom(format!("invalid timestamp {s:?}")))
}

/// Serde: serialize as RFC 3339.
pub fn serialize<S: Serializer>(t: &OffsetDateTime, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format(t))
}

/// Serde helpers for `Option<OffsetDateTime>`: `null`, a missing field and `""` all become
/// `None`.
pub mod option {
    use super::*;

    /// Deserialize an optional timestamp.
    pub fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<OffsetDateTime>, D::Error> {
        let s = <Option<std::borrow::Cow<'de, str>>>::deserialize(d)?;
        match s.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(v) => parse(v)
                .map(Some)
                .ok_or_else(|| serde::de::Error::custom(format!("invalid timestamp {v:?}"))),
        }
    }

    /// Serialize an optional timestamp as RFC 3339 or `null`.
    pub fn serialize<S: Serializer>(t: &Option<OffsetDateTime>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => s.serialize_str(&format(t)),
            None => s.serialize_none(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn forms() {
        let cases = [
            (
                "2015-08-27T09:49:58.000000Z",
                datetime!(2015-08-27 09:49:58 UTC),
            ),
            ("2015-08-27T09:49:58Z", datetime!(2015-08-27 09:49:58 UTC)),
            ("2015-08-27T09:49:58", datetime!(2015-08-27 09:49:58 UTC)),
            (
                "2015-08-27T09:49:58.123456",
                datetime!(2015-08-27 09:49:58.123456 UTC),
            ),
            ("2015-08-27 09:49:58", datetime!(2015-08-27 09:49:58 UTC)),
            (
                "2015-08-27T09:49:58+00:00",
                datetime!(2015-08-27 09:49:58 UTC),
            ),
            (
                "2015-08-27T11:49:58+0200",
                datetime!(2015-08-27 09:49:58 UTC),
            ),
            ("2015-08-27T04:49:58-05", datetime!(2015-08-27 09:49:58 UTC)),
            ("2015-08-27T09:49", datetime!(2015-08-27 09:49:00 UTC)),
            ("2015-08-27t09:49:58z", datetime!(2015-08-27 09:49:58 UTC)),
        ];
        for (s, want) in cases {
            assert_eq!(parse(s), Some(want), "{s}");
        }
    }

    #[test]
    fn rejects_garbage() {
        for s in [
            "",
            "yesterday",
            "2015-13-45T00:00:00Z",
            "2015-08-27T09:49:58+9",
        ] {
            assert_eq!(parse(s), None, "{s}");
        }
    }

    #[test]
    fn serde_option() {
        #[derive(serde::Deserialize)]
        struct T {
            #[serde(default, with = "super::option")]
            a: Option<OffsetDateTime>,
        }
        for j in [r#"{}"#, r#"{"a": null}"#, r#"{"a": ""}"#] {
            let t: T = serde_json::from_str(j).expect(j);
            assert!(t.a.is_none());
        }
        let t: T = serde_json::from_str(r#"{"a": "2020-01-01T00:00:00Z"}"#).expect("ok");
        assert!(t.a.is_some());
        assert!(serde_json::from_str::<T>(r#"{"a": "nope"}"#).is_err());
    }
}
