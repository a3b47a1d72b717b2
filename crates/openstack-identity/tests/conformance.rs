//! Conformance: every valid Keystone response sample for a resource this crate models
//! decodes into its model.
//!
//! The rows of `keystone/INDEX.tsv` whose section is `response` (plus the unlabeled
//! `role_assignments` rows, which are responses too) are routed by method and URL; the v3
//! samples the index leaves out (create responses and the like) and the historical v2.0
//! samples, which the index does not list, are walked by file name.

use std::collections::BTreeSet;

use openstack_core::pagination::decode_keyed;
use openstack_core::{decode_json, Result};
use openstack_identity::application_credentials::{AccessRule, ApplicationCredential};
use openstack_identity::catalog::CatalogEntry;
use openstack_identity::credentials::Credential;
use openstack_identity::domain_configs::{decode_config, Config, GroupOptions};
use openstack_identity::domains::Domain;
use openstack_identity::endpoint_groups::{EndpointGroup, ProjectAssociation};
use openstack_identity::endpoints::Endpoint;
use openstack_identity::federation::identity_providers::IdentityProvider;
use openstack_identity::federation::mappings::Mapping;
use openstack_identity::federation::protocols::Protocol;
use openstack_identity::federation::service_providers::ServiceProvider;
use openstack_identity::groups::Group;
use openstack_identity::limits::{EnforcementModel, Limit, RegisteredLimit};
use openstack_identity::oauth1::{AccessToken, Consumer};
use openstack_identity::policies::Policy;
use openstack_identity::projects::Project;
use openstack_identity::regions::Region;
use openstack_identity::revoke_events::RevokeEvent;
use openstack_identity::roles::{Role, RoleAssignment, RoleInference, RoleInferences};
use openstack_identity::services::Service;
use openstack_identity::trusts::Trust;
use openstack_identity::users::User;
use openstack_identity::v2::extensions::Extension;
use openstack_identity::v2::tenants::Tenant;
use openstack_test_support::corpus;
use serde::de::DeserializeOwned;

/// The least number of samples that must decode (the count when this test was written).
const FLOOR: usize = 151;

type Decoder = fn(&[u8], &str) -> Result<()>;

/// A single resource under `key`.
fn one<T: DeserializeOwned>(bytes: &[u8], what: &str, key: &str) -> Result<()> {
    let v: serde_json::Value = decode_json(bytes, what)?;
    let inner = v
        .get(key)
        .ok_or_else(|| openstack_core::Error::decode(what, format!("no `{key}` key")))?;
    let raw = serde_json::to_vec(inner)
        .map_err(|e| openstack_core::Error::decode(what, e.to_string()))?;
    decode_json::<T>(&raw, &format!("{what} ({key})")).map(drop)
}

/// A list under `key`, decoded as the pager decodes it.
fn list<T: DeserializeOwned>(bytes: &[u8], what: &str, key: &str) -> Result<()> {
    let page = decode_keyed::<T>(bytes, what, key)?;
    assert!(!page.items.is_empty(), "{what}: empty `{key}` list");
    Ok(())
}

macro_rules! dec {
    (one $t:ty, $k:literal) => {
        (|b, w| one::<$t>(b, w, $k)) as Decoder
    };
    (list $t:ty, $k:literal) => {
        (|b, w| list::<$t>(b, w, $k)) as Decoder
    };
}

fn v3_token(bytes: &[u8], what: &str) -> Result<()> {
    let v: serde_json::Value = decode_json(bytes, what)?;
    if v.get("receipt").is_some() {
        // An MFA auth receipt (a 401 body), not a token.
        return Err(openstack_core::Error::decode(what, "receipt"));
    }
    let t = openstack_core::auth::v3::parse_token_body("sample", bytes)?;
    assert!(t.expires_at.is_some(), "{what}: no expiry");
    Ok(())
}

fn system(bytes: &[u8], what: &str) -> Result<()> {
    #[derive(serde::Deserialize)]
    struct Scopes {
        system: Vec<serde_json::Map<String, serde_json::Value>>,
    }
    let s: Scopes = decode_json(bytes, what)?;
    assert!(s
        .system
        .iter()
        .any(|m| m.get("all") == Some(&serde_json::Value::Bool(true))));
    Ok(())
}

fn v2_token(bytes: &[u8], what: &str) -> Result<()> {
    let t = openstack_core::auth::v2::parse_token_body(bytes)?;
    assert!(t.user.is_some(), "{what}: no user");
    Ok(())
}

fn tags(bytes: &[u8], what: &str) -> Result<()> {
    #[derive(serde::Deserialize)]
    struct Tags {
        #[allow(dead_code)]
        tags: Vec<String>,
    }
    let v: serde_json::Value = decode_json(bytes, what)?;
    if v.get("projects").is_some() {
        // The documented answer to PUT .../tags is a project list.
        return list::<Project>(bytes, what, "projects");
    }
    decode_json::<Tags>(bytes, what).map(drop)
}

fn v2_extensions(bytes: &[u8], what: &str) -> Result<()> {
    let v: serde_json::Value = decode_json(bytes, what)?;
    let raw = serde_json::to_vec(&v["extensions"]["values"])
        .map_err(|e| openstack_core::Error::decode(what, e.to_string()))?;
    let exts: Vec<Extension> = decode_json(&raw, what)?;
    assert!(!exts.is_empty());
    Ok(())
}

fn domain_config(bytes: &[u8], what: &str) -> Result<()> {
    let c: Config = decode_config(bytes, what)?;
    assert!(!c.is_empty(), "{what}: empty configuration");
    Ok(())
}

fn domain_config_option(bytes: &[u8], what: &str) -> Result<()> {
    let o: GroupOptions = decode_config(bytes, what)?;
    assert_eq!(o.len(), 1, "{what}: one option");
    Ok(())
}

fn ep_project_association(bytes: &[u8], what: &str) -> Result<()> {
    let a = ProjectAssociation::from_body("g", bytes)?;
    assert!(!a.project_id.is_empty(), "{what}: no project id");
    Ok(())
}

/// The decoder for an OS-TRUST, OS-FEDERATION, OS-EP-FILTER, OS-ENDPOINT-POLICY or OS-OAUTH1
/// row, or for policies and domain configurations.
fn route_ext(method: &str, segs: &[&str]) -> Option<Decoder> {
    let get = method == "GET";
    Some(match segs {
        ["OS-TRUST", "trusts"] if get => dec!(list Trust, "trusts"),
        ["OS-TRUST", "trusts"] | ["OS-TRUST", "trusts", _] => dec!(one Trust, "trust"),
        ["OS-TRUST", "trusts", _, "roles"] => dec!(list Role, "roles"),
        ["OS-TRUST", "trusts", _, "roles", _] => dec!(one Role, "role"),
        ["OS-FEDERATION", "identity_providers"] => {
            dec!(list IdentityProvider, "identity_providers")
        }
        ["OS-FEDERATION", "identity_providers", _] => {
            dec!(one IdentityProvider, "identity_provider")
        }
        ["OS-FEDERATION", "identity_providers", _, "protocols"] => {
            dec!(list Protocol, "protocols")
        }
        ["OS-FEDERATION", "identity_providers", _, "protocols", _] => {
            dec!(one Protocol, "protocol")
        }
        ["OS-FEDERATION", "mappings"] => dec!(list Mapping, "mappings"),
        ["OS-FEDERATION", "mappings", _] => dec!(one Mapping, "mapping"),
        ["OS-FEDERATION", "service_providers"] => {
            dec!(list ServiceProvider, "service_providers")
        }
        ["OS-FEDERATION", "service_providers", _] => {
            dec!(one ServiceProvider, "service_provider")
        }
        ["OS-FEDERATION", "projects"] => dec!(list Project, "projects"),
        ["OS-FEDERATION", "domains"] => dec!(list Domain, "domains"),
        ["domains", "config", "default"]
        | ["domains", "config", _, "default"]
        | ["domains", _, "config"]
        | ["domains", _, "config", _] => domain_config as Decoder,
        ["domains", "config", _, _, "default"] => domain_config_option as Decoder,
        ["domains", _, "config", _, _] if get => domain_config_option as Decoder,
        ["domains", _, "config", _, _] => domain_config as Decoder,
        ["OS-REVOKE", "events"] => dec!(list RevokeEvent, "events"),
        ["OS-OAUTH1", "consumers"] if get => dec!(list Consumer, "consumers"),
        ["OS-OAUTH1", "consumers"] | ["OS-OAUTH1", "consumers", _] => {
            dec!(one Consumer, "consumer")
        }
        ["users", _, "OS-OAUTH1", "access_tokens"] => dec!(list AccessToken, "access_tokens"),
        ["users", _, "OS-OAUTH1", "access_tokens", _] => dec!(one AccessToken, "access_token"),
        ["users", _, "OS-OAUTH1", "access_tokens", _, "roles"] => dec!(list Role, "roles"),
        ["users", _, "OS-OAUTH1", "access_tokens", _, "roles", _] => dec!(one Role, "role"),
        ["policies", _, "OS-ENDPOINT-POLICY", "endpoints"] => dec!(list Endpoint, "endpoints"),
        ["policies" | "endpoints", _, "OS-ENDPOINT-POLICY", "policy"] => {
            dec!(one Policy, "policy")
        }
        ["policies"] if get => dec!(list Policy, "policies"),
        ["policies"] | ["policies", _] => dec!(one Policy, "policy"),
        ["OS-EP-FILTER", "endpoint_groups"] if get => {
            dec!(list EndpointGroup, "endpoint_groups")
        }
        ["OS-EP-FILTER", "endpoint_groups"] | ["OS-EP-FILTER", "endpoint_groups", _] => {
            dec!(one EndpointGroup, "endpoint_group")
        }
        ["OS-EP-FILTER", "endpoint_groups", _, "projects"]
        | ["OS-EP-FILTER", "endpoints", _, "projects"] => dec!(list Project, "projects"),
        ["OS-EP-FILTER", "endpoint_groups", _, "projects", _] => ep_project_association as Decoder,
        ["OS-EP-FILTER", "endpoint_groups", _, "endpoints"]
        | ["OS-EP-FILTER", "projects", _, "endpoints"] => dec!(list Endpoint, "endpoints"),
        ["OS-EP-FILTER", "projects", _, "endpoint_groups"] => {
            dec!(list EndpointGroup, "endpoint_groups")
        }
        _ => return None,
    })
}

/// The decoder for an INDEX row, or `None` when the URL is not modelled.
fn route(method: &str, url: &str) -> Option<Decoder> {
    let u = url.trim_start_matches("/v3/");
    let segs: Vec<&str> = u.split('/').collect();
    if let Some(dec) = route_ext(method, &segs) {
        return Some(dec);
    }
    let single = method != "GET" || segs.len() % 2 == 0;
    Some(match (segs.as_slice(), single) {
        (["auth", "tokens"], _) => v3_token as Decoder,
        (["auth", "catalog"], _) => dec!(list CatalogEntry, "catalog"),
        (["auth", "projects"], _) => dec!(list Project, "projects"),
        (["auth", "domains"], _) => dec!(list Domain, "domains"),
        (["auth", "system"], _) => system as Decoder,
        (
            ["OS-INHERIT", "domains" | "projects", _, "users" | "groups", _, "roles", "inherited_to_projects"],
            _,
        ) => {
            dec!(list Role, "roles")
        }
        (["roles", _, "implies"], _) => dec!(one RoleInferences, "role_inference"),
        (["roles", _, "implies", _], _) => dec!(one RoleInference, "role_inference"),
        (["role_inferences"], _) => dec!(list RoleInferences, "role_inferences"),
        (["registered_limits"], _) => dec!(list RegisteredLimit, "registered_limits"),
        (["registered_limits", _], _) => dec!(one RegisteredLimit, "registered_limit"),
        (["limits", "model"], _) => dec!(one EnforcementModel, "model"),
        (["limits"], _) => dec!(list Limit, "limits"),
        (["limits", _], _) => dec!(one Limit, "limit"),
        (["credentials"], false) => dec!(list Credential, "credentials"),
        (["credentials", ..], _) => dec!(one Credential, "credential"),
        (["domains"], false) => dec!(list Domain, "domains"),
        (["domains", _], _) => dec!(one Domain, "domain"),
        (["domains", _, "users" | "groups", _, "roles"], _) => dec!(list Role, "roles"),
        (["projects", _, "users" | "groups", _, "roles"], _) => dec!(list Role, "roles"),
        (["system", "users" | "groups", _, "roles"], _) => dec!(list Role, "roles"),
        (["groups"], false) => dec!(list Group, "groups"),
        (["groups"], true) => dec!(one Group, "group"),
        (["groups", _], _) => dec!(one Group, "group"),
        (["groups", _, "users"], _) => dec!(list User, "users"),
        (["projects"], false) => dec!(list Project, "projects"),
        (["projects", _], _) => dec!(one Project, "project"),
        (["projects", _, "tags"], _) => tags as Decoder,
        (["regions"], false) => dec!(list Region, "regions"),
        (["regions", _], _) => dec!(one Region, "region"),
        (["roles"], false) => dec!(list Role, "roles"),
        (["roles", _], _) => dec!(one Role, "role"),
        (["role_assignments"], _) => dec!(list RoleAssignment, "role_assignments"),
        (["services"], false) => dec!(list Service, "services"),
        (["services", _], _) => dec!(one Service, "service"),
        (["endpoints"], false) => dec!(list Endpoint, "endpoints"),
        (["endpoints", _], _) => dec!(one Endpoint, "endpoint"),
        (["users"], false) => dec!(list User, "users"),
        (["users"], true) => dec!(one User, "user"),
        (["users", _], _) => dec!(one User, "user"),
        (["users", _, "groups"], _) => dec!(list Group, "groups"),
        (["users", _, "projects"], _) => dec!(list Project, "projects"),
        (["users", _, "application_credentials"], _) if method == "GET" => {
            dec!(list ApplicationCredential, "application_credentials")
        }
        (["users", _, "application_credentials", ..], _) => {
            dec!(one ApplicationCredential, "application_credential")
        }
        (["users", _, "access_rules"], _) => dec!(list AccessRule, "access_rules"),
        (["users", _, "access_rules", _], _) => dec!(one AccessRule, "access_rule"),
        _ => return None,
    })
}

/// Samples the index does not list, routed by file name.
fn extra(path: &str) -> Option<Decoder> {
    let name = path.rsplit('/').next()?;
    if path.contains("/historical/") {
        return Some(match name {
            "authenticate-response.json" | "token-validate-response.json" => v2_token as Decoder,
            "tenants-list-response.json" => dec!(list Tenant, "tenants"),
            "tenant-show-response.json" => dec!(one Tenant, "tenant"),
            "extensions-list-response.json" => v2_extensions as Decoder,
            "extension-show-response.json" => dec!(one Extension, "extension"),
            _ => return None,
        });
    }
    if !path.contains("/v3/samples/") {
        return None;
    }
    Some(match name {
        "project-create-response.json" => dec!(one Project, "project"),
        "domain-create-response.json" => dec!(one Domain, "domain"),
        "group-create-response.json" => dec!(one Group, "group"),
        "role-create-response.json" => dec!(one Role, "role"),
        "service-create-response.json" => dec!(one Service, "service"),
        "endpoint-create-response.json" => dec!(one Endpoint, "endpoint"),
        "region-create-response.json" => dec!(one Region, "region"),
        "policy-create-response.json" => dec!(one Policy, "policy"),
        "auth-password-project-scoped-response.json"
        | "auth-token-scoped-response.json"
        | "auth-application-credential-response.json"
        | "auth-password-unscoped-response.json"
        | "auth-password-explicit-unscoped-response.json"
        | "auth-token-unscoped-response.json" => v3_token as Decoder,
        _ => return None,
    })
}

#[test]
fn keystone_samples_decode() {
    let rows = corpus::index("keystone");
    if rows.is_empty() {
        eprintln!("SKIPPED: no corpus");
        return;
    }
    let invalid = corpus::known_invalid();
    let mut done = BTreeSet::new();
    let (mut decoded, mut skipped) = (0usize, 0usize);
    let mut failures = Vec::new();
    let mut check = |path: String, dec: Decoder, done: &mut BTreeSet<String>| {
        if !done.insert(path.clone()) {
            return;
        }
        let bytes = corpus::read(&path);
        match dec(&bytes, &path) {
            Ok(()) => decoded += 1,
            Err(e) if e.to_string().contains("receipt") => {}
            Err(e) => failures.push(format!("{path}: {e}")),
        }
    };
    for row in &rows {
        let is_response = row.section == "response"
            || ((row.section.is_empty() || row.section == "example")
                && row.sample_path.ends_with("-response.json"));
        if !is_response || !row.in_corpus {
            continue;
        }
        let path = row.corpus_path("keystone");
        if !row.valid_json || invalid.contains(&path) {
            continue;
        }
        match route(&row.method, &row.url) {
            Some(dec) => check(path, dec, &mut done),
            None => {
                if std::env::var_os("CONFORMANCE_VERBOSE").is_some() {
                    eprintln!("uncovered: {} {}", row.method, row.url);
                }
                skipped += 1
            }
        }
    }
    for path in corpus::json_files("keystone") {
        if done.contains(&path) || !path.ends_with("-response.json") {
            continue;
        }
        if let Some(dec) = extra(&path) {
            check(path, dec, &mut done);
        }
    }
    println!("conformance: {decoded} samples decoded, {skipped} skipped (uncovered)");
    assert!(
        failures.is_empty(),
        "samples that do not decode:\n{}",
        failures.join("\n")
    );
    assert!(
        decoded >= FLOOR,
        "only {decoded} samples decoded (floor {FLOOR})"
    );
}
