//! API microversions (`2.79`), their headers, and version discovery documents.

use std::fmt;
use std::str::FromStr;

use serde::Deserialize;

use crate::catalog::official_service_type;
use crate::error::{Error, Result};

/// A microversion `major.minor`, ordered numerically (`2.10` > `2.9`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Microversion {
    /// The major version.
    pub major: u16,
    /// The minor version.
    pub minor: u16,
}

impl Microversion {
    /// A microversion.
    pub const fn new(major: u16, minor: u16) -> Self {
        Microversion { major, minor }
    }
}

impl fmt::Display for Microversion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

impl FromStr for Microversion {
    type Err = Error;

    /// Parses `2.79` (also `v2.79`).
    fn from_str(s: &str) -> Result<Self> {
        let t = s.trim().trim_start_matches(['v', 'V']);
        let (a, b) = t.split_once('.').unwrap_or((t, "0"));
        match (a.parse(), b.parse()) {
            (Ok(major), Ok(minor)) => Ok(Microversion { major, minor }),
            _ => Err(Error::invalid_input(format!(
                "invalid microversion {s:?} (expected MAJOR.MINOR)"
            ))),
        }
    }
}

/// The range of microversions a service supports, from its version document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct MicroversionRange {
    /// The lowest supported microversion.
    pub min: Microversion,
    /// The highest supported microversion.
    pub max: Microversion,
}

impl MicroversionRange {
    /// Whether `v` is in the range.
    pub fn contains(&self, v: Microversion) -> bool {
        self.min <= v && v <= self.max
    }

    /// The highest version that both the service and the caller support: the lower of `wanted`
    /// and the service's maximum, or `None` when that is below the service's minimum.
    pub fn negotiate(&self, wanted: Microversion) -> Option<Microversion> {
        let v = wanted.min(self.max);
        (v >= self.min).then_some(v)
    }
}

/// The headers that carry a microversion for a service type: the standard
/// `OpenStack-API-Version: <service> X.Y`, and the legacy per-service header where one exists.
pub fn microversion_headers(service_type: &str, v: Microversion) -> Vec<(&'static str, String)> {
    let official = official_service_type(service_type);
    let (name, legacy) = match official {
        "compute" => ("compute", Some("X-OpenStack-Nova-API-Version")),
        "block-storage" => ("volume", None),
        "shared-file-system" => ("sharev2", Some("X-OpenStack-Manila-API-Version")),
        "baremetal" => ("baremetal", Some("X-OpenStack-Ironic-API-Version")),
        "placement" => ("placement", None),
        "container-infrastructure-management" => ("container-infra", None),
        "key-manager" => ("key-manager", None),
        _ => (official, None),
    };
    let mut out = vec![("OpenStack-API-Version", format!("{name} {v}"))];
    if let Some(h) = legacy {
        out.push((h, v.to_string()));
    }
    out
}

#[derive(Deserialize)]
struct VersionEntry {
    #[serde(default)]
    id: String,
    #[serde(default)]
    status: String,
    #[serde(default, alias = "min_version")]
    min_version: Option<String>,
    #[serde(default)]
    version: Option<String>,
    #[serde(default)]
    max_version: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Versions {
    List(Vec<VersionEntry>),
    Values { values: Vec<VersionEntry> },
}

#[derive(Deserialize)]
struct VersionDoc {
    #[serde(default)]
    version: Option<VersionEntry>,
    #[serde(default)]
    versions: Option<Versions>,
}

/// Reads the microversion range from a version document: the single `{"version": {..}}`
/// form, or a `{"versions": [..]}` list where the entry whose id matches `version_id` (for
/// example `v2.1`), or else the `CURRENT` one, is used. `None` when the service announces no
/// microversions.
pub fn parse_microversion_range(
    body: &[u8],
    version_id: Option<&str>,
) -> Result<Option<MicroversionRange>> {
    let doc: VersionDoc = crate::response::decode_json(body, "the version document")?;
    let entries: Vec<VersionEntry> = match (doc.version, doc.versions) {
        (Some(v), _) => vec![v],
        (None, Some(Versions::List(l))) | (None, Some(Versions::Values { values: l })) => l,
        (None, None) => Vec::new(),
    };
    let pick = entries
        .iter()
        .find(|e| version_id.is_some_and(|id| e.id == id))
        .or_else(|| {
            entries
                .iter()
                .find(|e| e.status.eq_ignore_ascii_case("current"))
        })
        .or_else(|| entries.first());
    let Some(e) = pick else { return Ok(None) };
    let max = e
        .max_version
        .as_deref()
        .or(e.version.as_deref())
        .filter(|s| !s.is_empty());
    let min = e.min_version.as_deref().filter(|s| !s.is_empty());
    match (min, max) {
        (Some(min), Some(max)) => Ok(Some(MicroversionRange {
            min: min.parse()?,
            max: max.parse()?,
        })),
        _ => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordering_and_parse() {
        let a: Microversion = "2.9".parse().expect("a");
        let b: Microversion = "2.10".parse().expect("b");
        assert!(a < b);
        assert_eq!(b.to_string(), "2.10");
        assert!("latest".parse::<Microversion>().is_err());
    }

    #[test]
    fn headers_per_service() {
        let v = Microversion::new(2, 79);
        let h = microversion_headers("compute", v);
        assert_eq!(h[0], ("OpenStack-API-Version", "compute 2.79".to_owned()));
        assert_eq!(h[1], ("X-OpenStack-Nova-API-Version", "2.79".to_owned()));
        let h = microversion_headers("volumev3", Microversion::new(3, 59));
        assert_eq!(h, vec![("OpenStack-API-Version", "volume 3.59".to_owned())]);
    }

    #[test]
    fn nova_version_doc() {
        let body = br#"{"version": {"id": "v2.1", "status": "CURRENT", "version": "2.104", "min_version": "2.1", "updated": "2013-07-23T11:33:21Z", "links": []}}"#;
        let r = parse_microversion_range(body, None)
            .expect("ok")
            .expect("range");
        assert_eq!(r.max, Microversion::new(2, 104));
        assert_eq!(
            r.negotiate(Microversion::new(2, 200)),
            Some(Microversion::new(2, 104))
        );
        assert_eq!(r.negotiate(Microversion::new(1, 0)), None);
    }

    #[test]
    fn cinder_versions_list() {
        let body = br#"{"versions": [{"id": "v3.0", "status": "CURRENT", "version": "3.71", "min_version": "3.0"}]}"#;
        let r = parse_microversion_range(body, Some("v3.0"))
            .expect("ok")
            .expect("range");
        assert_eq!(r.max, Microversion::new(3, 71));
        let none = parse_microversion_range(
            br#"{"versions": [{"id": "v2.0", "status": "CURRENT"}]}"#,
            None,
        )
        .expect("ok");
        assert!(none.is_none());
    }
}
