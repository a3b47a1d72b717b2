//! The service catalog and endpoint resolution.
//!
//! Keystone v3 and v2.0 catalogs are read into one [`Catalog`] model. [`EndpointOpts`] picks
//! an endpoint by service type (with the aliases of the OpenStack service-types authority, so
//! `block-storage` finds a `volumev3` entry), name, region and interface.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use url::Url;

use crate::error::{Error, Inner, Result};

/// An endpoint interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Interface {
    /// The public interface (the default).
    #[default]
    Public,
    /// The internal interface.
    Internal,
    /// The admin interface.
    Admin,
}

impl Interface {
    /// The name Keystone uses.
    pub fn as_str(&self) -> &'static str {
        match self {
            Interface::Public => "public",
            Interface::Internal => "internal",
            Interface::Admin => "admin",
        }
    }
}

impl fmt::Display for Interface {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Interface {
    type Err = Error;

    /// Accepts `public`, `internal`, `admin`, and the `publicURL` forms of v2.0 and openrc.
    fn from_str(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().trim_end_matches("url") {
            "public" => Ok(Interface::Public),
            "internal" => Ok(Interface::Internal),
            "admin" => Ok(Interface::Admin),
            _ => Err(Error::config(format!(
                "unknown interface {s:?} (expected public, internal or admin)"
            ))),
        }
    }
}

/// The service types of the OpenStack service-types authority with their aliases, the
/// official type first. Lookups try every name of a group, in this order.
const SERVICE_TYPE_ALIASES: &[&[&str]] = &[
    &[
        "block-storage",
        "volumev3",
        "volumev2",
        "volume",
        "block-store",
    ],
    &["compute"],
    &["identity"],
    &["image"],
    &["network", "networking"],
    &["object-store"],
    &["placement"],
    &["load-balancer"],
    &["dns"],
    &["shared-file-system", "sharev2", "share"],
    &["baremetal", "bare-metal"],
    &["key-manager"],
    &["orchestration"],
    &["container-infrastructure-management", "container-infra"],
    &["workflow", "workflowv2"],
    &["application-catalog"],
    &["clustering", "cluster"],
    &["alarm"],
    &["event"],
    &["rating"],
    &["message"],
    &["messaging"],
    &["database"],
    &["application-container", "container"],
    &["instance-ha", "ha"],
    &["reservation"],
    &["function-engine"],
    &["backup"],
    &["resource-optimization", "infra-optim"],
    &["root-cause-analysis", "rca"],
    &["nfv-orchestration"],
    &["accelerator"],
];

/// All names a service type is known by (the official one first), following the
/// service-types authority. An unknown type is returned alone.
pub fn service_type_aliases(service_type: &str) -> Vec<&str> {
    for group in SERVICE_TYPE_ALIASES {
        if group.contains(&service_type) {
            // `volumev3` asks for the v3 API: prefer it over older aliases, but still accept
            // the official name.
            let mut names: Vec<&str> = vec![service_type];
            names.extend(group.iter().copied().filter(|n| *n != service_type));
            return names;
        }
    }
    vec![service_type]
}

/// The official service type for a type or alias (`volumev3` → `block-storage`).
pub fn official_service_type(service_type: &str) -> &str {
    for group in SERVICE_TYPE_ALIASES {
        if group.contains(&service_type) {
            return group[0];
        }
    }
    service_type
}

/// How to pick an endpoint out of the catalog (Gophercloud's `EndpointOpts`).
///
/// ```
/// use openstack_core::{EndpointOpts, Interface};
/// let opts = EndpointOpts::new("compute").region("RegionOne").interface(Interface::Internal);
/// assert_eq!(opts.service_type, "compute");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
#[must_use]
pub struct EndpointOpts {
    /// The service type (`compute`, `block-storage`, `object-store`, ...); aliases resolve.
    pub service_type: String,
    /// The service name (`nova`, `cloudServersOpenStack`), when several services share a type.
    pub name: Option<String>,
    /// The region; `None` uses the client's default region, or accepts any region.
    pub region: Option<String>,
    /// The interface; public unless set.
    pub interface: Option<Interface>,
}

impl EndpointOpts {
    /// Options for a service type.
    pub fn new(service_type: impl Into<String>) -> Self {
        EndpointOpts {
            service_type: service_type.into(),
            ..Default::default()
        }
    }

    /// Restricts to a service name.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Restricts to a region.
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Chooses the interface.
    pub fn interface(mut self, interface: Interface) -> Self {
        self.interface = Some(interface);
        self
    }
}

/// A service catalog, normalised from the v3 or v2.0 shape.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Catalog {
    /// The services, in catalog order.
    pub services: Vec<CatalogService>,
}

/// One service in the catalog.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct CatalogService {
    /// The service type, as the catalog spells it.
    pub service_type: String,
    /// The service name.
    pub name: Option<String>,
    /// The service id (v3 only).
    pub id: Option<String>,
    /// Its endpoints.
    pub endpoints: Vec<CatalogEndpoint>,
}

/// One endpoint of a service.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CatalogEndpoint {
    /// The interface.
    pub interface: Interface,
    /// The region (`region_id` in v3 catalogs when `region` is absent).
    pub region: Option<String>,
    /// The URL.
    pub url: String,
    /// The endpoint id (v3 only).
    pub id: Option<String>,
}

impl CatalogEndpoint {
    /// An endpoint, for building catalogs in tests.
    pub fn new(interface: Interface, region: Option<String>, url: impl Into<String>) -> Self {
        CatalogEndpoint {
            interface,
            region,
            url: url.into(),
            id: None,
        }
    }
}

impl CatalogService {
    /// A service entry, for building catalogs in tests.
    pub fn new(service_type: impl Into<String>, endpoints: Vec<CatalogEndpoint>) -> Self {
        CatalogService {
            service_type: service_type.into(),
            name: None,
            id: None,
            endpoints,
        }
    }
}

// ---- wire shapes ----

#[derive(Deserialize)]
pub(crate) struct V3Service {
    #[serde(rename = "type")]
    service_type: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    endpoints: Vec<V3Endpoint>,
}

#[derive(Deserialize)]
struct V3Endpoint {
    interface: String,
    #[serde(default)]
    region: Option<String>,
    #[serde(default)]
    region_id: Option<String>,
    url: String,
    #[serde(default)]
    id: Option<String>,
}

#[derive(Deserialize)]
pub(crate) struct V2Service {
    #[serde(rename = "type")]
    service_type: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    endpoints: Vec<V2Endpoint>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct V2Endpoint {
    #[serde(default)]
    region: Option<String>,
    #[serde(default, rename = "publicURL")]
    public_url: Option<String>,
    #[serde(default, rename = "internalURL")]
    internal_url: Option<String>,
    #[serde(default, rename = "adminURL")]
    admin_url: Option<String>,
    #[serde(default)]
    id: Option<String>,
}

impl Catalog {
    pub(crate) fn from_v3(services: Vec<V3Service>) -> Catalog {
        Catalog {
            services: services
                .into_iter()
                .map(|s| CatalogService {
                    service_type: s.service_type,
                    name: s.name.filter(|n| !n.is_empty()),
                    id: s.id,
                    endpoints: s
                        .endpoints
                        .into_iter()
                        .filter_map(|e| {
                            Some(CatalogEndpoint {
                                interface: e.interface.parse().ok()?,
                                region: e.region.or(e.region_id).filter(|r| !r.is_empty()),
                                url: e.url,
                                id: e.id,
                            })
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    pub(crate) fn from_v2(services: Vec<V2Service>) -> Catalog {
        Catalog {
            services: services
                .into_iter()
                .map(|s| {
                    let mut endpoints = Vec::new();
                    for e in s.endpoints {
                        let region = e.region.filter(|r| !r.is_empty());
                        for (interface, url) in [
                            (Interface::Public, e.public_url),
                            (Interface::Internal, e.internal_url),
                            (Interface::Admin, e.admin_url),
                        ] {
                            if let Some(url) = url.filter(|u| !u.is_empty()) {
                                endpoints.push(CatalogEndpoint {
                                    interface,
                                    region: region.clone(),
                                    url,
                                    id: e.id.clone(),
                                });
                            }
                        }
                    }
                    CatalogService {
                        service_type: s.service_type,
                        name: s.name.filter(|n| !n.is_empty()),
                        id: None,
                        endpoints,
                    }
                })
                .collect(),
        }
    }

    /// Resolves an endpoint URL (normalised to end with `/`).
    ///
    /// The service type's aliases are tried in order; within the first type that has a
    /// matching endpoint, the name, region and interface must match. Several matching
    /// endpoints with different URLs are an error, as is no match: both list what the catalog
    /// offers.
    pub fn resolve(&self, opts: &EndpointOpts) -> Result<Url> {
        let interface = opts.interface.unwrap_or_default();
        for ty in service_type_aliases(&opts.service_type) {
            let mut found: Vec<&CatalogEndpoint> = Vec::new();
            for svc in self.services.iter().filter(|s| s.service_type == ty) {
                if let Some(name) = &opts.name {
                    if svc.name.as_deref() != Some(name.as_str()) {
                        continue;
                    }
                }
                for ep in &svc.endpoints {
                    if ep.interface != interface {
                        continue;
                    }
                    if let Some(region) = &opts.region {
                        if ep.region.as_deref() != Some(region.as_str()) {
                            continue;
                        }
                    }
                    if !found.iter().any(|f| f.url == ep.url) {
                        found.push(ep);
                    }
                }
            }
            match found.len() {
                0 => continue,
                1 => return normalize_endpoint(&found[0].url),
                _ => {
                    let urls: Vec<String> = found
                        .iter()
                        .map(|e| {
                            format!("{} ({})", e.url, e.region.as_deref().unwrap_or("no region"))
                        })
                        .collect();
                    return Err(Inner::EndpointNotFound {
                        message: format!(
                            "several {ty} endpoints match {}: {}; choose a region or name",
                            describe(opts),
                            urls.join(", ")
                        ),
                    }
                    .into());
                }
            }
        }
        Err(Inner::EndpointNotFound {
            message: format!(
                "no endpoint in the catalog matches {}; the catalog offers: {}",
                describe(opts),
                self.summary()
            ),
        }
        .into())
    }

    /// A one-line summary of what the catalog offers: `type[name] interface@region`.
    pub fn summary(&self) -> String {
        if self.services.is_empty() {
            return "nothing (the catalog is empty; is the token scoped to a project?)".into();
        }
        let mut parts = Vec::new();
        for s in &self.services {
            let eps: Vec<String> = s
                .endpoints
                .iter()
                .map(|e| format!("{}@{}", e.interface, e.region.as_deref().unwrap_or("-")))
                .collect();
            let name = s
                .name
                .as_deref()
                .map(|n| format!("[{n}]"))
                .unwrap_or_default();
            parts.push(format!("{}{} ({})", s.service_type, name, eps.join(" ")));
        }
        parts.join(", ")
    }
}

fn describe(opts: &EndpointOpts) -> String {
    let mut s = format!(
        "service type {:?}, interface {}",
        opts.service_type,
        opts.interface.unwrap_or_default()
    );
    if let Some(r) = &opts.region {
        s.push_str(&format!(", region {r:?}"));
    }
    if let Some(n) = &opts.name {
        s.push_str(&format!(", name {n:?}"));
    }
    s
}

/// Parses an endpoint URL and makes sure its path ends with `/`, so relative paths join below it.
pub fn normalize_endpoint(url: &str) -> Result<Url> {
    let mut u = Url::parse(url.trim()).map_err(|e| {
        Error::from(Inner::InvalidInputSource {
            message: format!("invalid endpoint URL {url:?}"),
            source: Box::new(e),
        })
    })?;
    if !u.path().ends_with('/') {
        let p = format!("{}/", u.path());
        u.set_path(&p);
    }
    Ok(u)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v3_catalog() -> Catalog {
        let json = r#"[
          {"type": "compute", "name": "nova", "id": "1", "endpoints": [
            {"interface": "public", "region": "RegionOne", "region_id": "RegionOne", "url": "http://nova:8774/v2.1", "id": "a"},
            {"interface": "internal", "region": "RegionOne", "url": "http://nova.internal:8774/v2.1", "id": "b"},
            {"interface": "public", "region_id": "RegionTwo", "url": "http://nova2:8774/v2.1", "id": "c"}]},
          {"type": "volumev3", "name": "cinderv3", "endpoints": [
            {"interface": "public", "region": "RegionOne", "url": "http://cinder:8776/v3/p1"}]},
          {"type": "volumev2", "name": "cinderv2", "endpoints": [
            {"interface": "public", "region": "RegionOne", "url": "http://cinder:8776/v2/p1"}]},
          {"type": "object-store", "name": "swift", "endpoints": [
            {"interface": "public", "region": "RegionOne", "url": "http://swift:8080/v1/AUTH_p1"}]}
        ]"#;
        Catalog::from_v3(serde_json::from_str(json).expect("catalog"))
    }

    #[test]
    fn resolves_by_type_region_interface() {
        let c = v3_catalog();
        let url = c
            .resolve(&EndpointOpts::new("compute").region("RegionOne"))
            .expect("compute");
        assert_eq!(url.as_str(), "http://nova:8774/v2.1/");
        let url = c
            .resolve(&EndpointOpts::new("compute").region("RegionTwo"))
            .expect("region two via region_id");
        assert_eq!(url.as_str(), "http://nova2:8774/v2.1/");
        let url = c
            .resolve(
                &EndpointOpts::new("compute")
                    .region("RegionOne")
                    .interface(Interface::Internal),
            )
            .expect("internal");
        assert_eq!(url.host_str(), Some("nova.internal"));
    }

    #[test]
    fn aliases_prefer_newest_block_storage() {
        let c = v3_catalog();
        let url = c.resolve(&EndpointOpts::new("block-storage")).expect("bs");
        assert_eq!(url.as_str(), "http://cinder:8776/v3/p1/");
        let url = c.resolve(&EndpointOpts::new("volumev2")).expect("v2");
        assert_eq!(url.as_str(), "http://cinder:8776/v2/p1/");
        assert_eq!(official_service_type("volumev3"), "block-storage");
    }

    #[test]
    fn ambiguous_and_missing_list_the_catalog() {
        let c = v3_catalog();
        let err = c
            .resolve(&EndpointOpts::new("compute"))
            .expect_err("two regions");
        assert_eq!(err.kind(), crate::ErrorKind::EndpointNotFound);
        assert!(err.to_string().contains("RegionTwo"), "{err}");
        let err = c
            .resolve(&EndpointOpts::new("network"))
            .expect_err("missing");
        let text = err.to_string();
        assert!(text.contains("object-store[swift]"), "{text}");
        assert!(text.contains("compute[nova] (public@RegionOne"), "{text}");
        let err = c
            .resolve(&EndpointOpts::new("compute").name("other"))
            .expect_err("name");
        assert!(err.to_string().contains("name \"other\""));
    }

    #[test]
    fn v2_catalog_shape() {
        let json = r#"[{"type": "compute", "name": "nova", "endpoints": [
            {"region": "RegionOne", "publicURL": "http://nova/v2/t", "internalURL": "http://nova-int/v2/t", "adminURL": "http://nova-adm/v2/t", "id": "x"}]}]"#;
        let c = Catalog::from_v2(serde_json::from_str(json).expect("v2"));
        assert_eq!(c.services[0].endpoints.len(), 3);
        let url = c
            .resolve(&EndpointOpts::new("compute").interface(Interface::Admin))
            .expect("admin");
        assert_eq!(url.as_str(), "http://nova-adm/v2/t/");
    }

    #[test]
    fn interface_parsing() {
        assert_eq!(
            "publicURL".parse::<Interface>().expect("p"),
            Interface::Public
        );
        assert_eq!(
            "internal".parse::<Interface>().expect("i"),
            Interface::Internal
        );
        assert!("private".parse::<Interface>().is_err());
    }
}
