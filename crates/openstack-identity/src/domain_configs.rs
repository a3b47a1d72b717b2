//! Domain-specific configuration (`/v3/domains/{domain_id}/config`): per-domain identity
//! driver options (typically LDAP) stored in Keystone's database. Create, read, update and
//! delete the whole configuration, one group or one option, and read the defaults.
//!
//! A configuration maps groups (`identity`, `ldap`) to options; values are kept as JSON
//! (strings, numbers, booleans, `null`). Keystone wraps every answer in `config`; the API
//! reference shows some group and option answers without it, and both are read.
//!
//! ```no_run
//! # async fn f(identity: &openstack_core::ServiceClient) -> openstack_core::Result<()> {
//! use openstack_identity::domain_configs::{self, Config};
//!
//! let mut config = Config::new();
//! config.entry("identity".into()).or_default().insert("driver".into(), "ldap".into());
//! config.entry("ldap".into()).or_default().insert("url".into(), "ldap://ldap.example".into());
//! domain_configs::create(identity, "domain-id", &config).await?;
//! domain_configs::update_option(identity, "domain-id", "ldap", "url", "ldaps://ldap.example")
//!     .await?;
//! let url = domain_configs::get_option(identity, "domain-id", "ldap", "url").await?;
//! # let _ = url;
//! # Ok(()) }
//! ```

use std::collections::BTreeMap;

use openstack_core::{Error, Request, Result, ServiceClient};
use serde_json::Value;

use crate::util::seg;

/// The options of one group.
pub type GroupOptions = BTreeMap<String, Value>;

/// A domain configuration: groups to options.
pub type Config = BTreeMap<String, GroupOptions>;

fn path(domain_id: &str, group: Option<&str>, option: Option<&str>) -> String {
    let mut p = format!("domains/{}/config", seg(domain_id));
    for s in [group, option].into_iter().flatten() {
        p.push('/');
        p.push_str(&seg(s));
    }
    p
}

fn default_path(group: Option<&str>, option: Option<&str>) -> String {
    let mut p = String::from("domains/config");
    for s in [group, option].into_iter().flatten() {
        p.push('/');
        p.push_str(&seg(s));
    }
    p.push_str("/default");
    p
}

/// Decodes an answer: the value under `config`, or the whole body when it has no `config`
/// key (the API reference's form for groups and options).
pub fn decode_config<T: serde::de::DeserializeOwned>(body: &[u8], what: &str) -> Result<T> {
    let mut v: Value = openstack_core::decode_json(body, what)?;
    let inner = match v.as_object_mut().and_then(|m| m.remove("config")) {
        Some(c) => c,
        None => v,
    };
    serde_json::from_value(inner).map_err(|e| Error::decode(what, e.to_string()))
}

async fn send<T: serde::de::DeserializeOwned>(client: &ServiceClient, req: Request) -> Result<T> {
    let what = format!("{} {}", req.method(), req.path());
    let resp = client.send(req).await?;
    decode_config(&resp.bytes().await?, &what)
}

/// The value of one option in a group answer, which is `{option: value}`.
fn option_value(mut options: GroupOptions, option: &str) -> Result<Value> {
    options.remove(option).ok_or_else(|| {
        Error::decode(
            "the domain configuration option",
            format!("no `{option}` in the response"),
        )
    })
}

/// `PUT /v3/domains/{domain_id}/config`.
pub fn create_request(domain_id: &str, config: &Config) -> Result<Request> {
    Ok(Request::put(path(domain_id, None, None))
        .json_wrapped("config", config)?
        .ok_status([200, 201]))
}

/// Creates (replaces) a domain's configuration.
pub async fn create(client: &ServiceClient, domain_id: &str, config: &Config) -> Result<Config> {
    send(client, create_request(domain_id, config)?).await
}

/// `GET /v3/domains/{domain_id}/config`.
pub fn get_request(domain_id: &str) -> Request {
    Request::get(path(domain_id, None, None))
}

/// Gets a domain's configuration (404 when it has none).
pub async fn get(client: &ServiceClient, domain_id: &str) -> Result<Config> {
    send(client, get_request(domain_id)).await
}

/// `PATCH /v3/domains/{domain_id}/config`.
pub fn update_request(domain_id: &str, config: &Config) -> Result<Request> {
    Ok(Request::patch(path(domain_id, None, None))
        .json_wrapped("config", config)?
        .ok_status([200]))
}

/// Merges options into a domain's configuration; returns the whole configuration.
pub async fn update(client: &ServiceClient, domain_id: &str, config: &Config) -> Result<Config> {
    send(client, update_request(domain_id, config)?).await
}

/// `DELETE /v3/domains/{domain_id}/config`.
pub fn delete_request(domain_id: &str) -> Request {
    Request::delete(path(domain_id, None, None)).ok_status([204])
}

/// Deletes a domain's configuration.
pub async fn delete(client: &ServiceClient, domain_id: &str) -> Result<()> {
    client.send_empty(delete_request(domain_id)).await
}

/// `GET /v3/domains/{domain_id}/config/{group}`.
pub fn get_group_request(domain_id: &str, group: &str) -> Request {
    Request::get(path(domain_id, Some(group), None))
}

/// Gets the options of one group.
pub async fn get_group(
    client: &ServiceClient,
    domain_id: &str,
    group: &str,
) -> Result<GroupOptions> {
    let mut c: Config = send(client, get_group_request(domain_id, group)).await?;
    Ok(c.remove(group).unwrap_or_default())
}

/// `PATCH /v3/domains/{domain_id}/config/{group}`.
pub fn update_group_request(
    domain_id: &str,
    group: &str,
    options: &GroupOptions,
) -> Result<Request> {
    let body = Config::from([(group.to_owned(), options.clone())]);
    Ok(Request::patch(path(domain_id, Some(group), None))
        .json_wrapped("config", &body)?
        .ok_status([200]))
}

/// Merges options into one group; returns the whole configuration.
pub async fn update_group(
    client: &ServiceClient,
    domain_id: &str,
    group: &str,
    options: &GroupOptions,
) -> Result<Config> {
    send(client, update_group_request(domain_id, group, options)?).await
}

/// `DELETE /v3/domains/{domain_id}/config/{group}`.
pub fn delete_group_request(domain_id: &str, group: &str) -> Request {
    Request::delete(path(domain_id, Some(group), None)).ok_status([204])
}

/// Deletes one group of a domain's configuration.
pub async fn delete_group(client: &ServiceClient, domain_id: &str, group: &str) -> Result<()> {
    client
        .send_empty(delete_group_request(domain_id, group))
        .await
}

/// `GET /v3/domains/{domain_id}/config/{group}/{option}`.
pub fn get_option_request(domain_id: &str, group: &str, option: &str) -> Request {
    Request::get(path(domain_id, Some(group), Some(option)))
}

/// Gets one option.
pub async fn get_option(
    client: &ServiceClient,
    domain_id: &str,
    group: &str,
    option: &str,
) -> Result<Value> {
    let o: GroupOptions = send(client, get_option_request(domain_id, group, option)).await?;
    option_value(o, option)
}

/// `PATCH /v3/domains/{domain_id}/config/{group}/{option}` (sent as
/// `{"config": {option: value}}`, which Keystone expects; the API reference's sample omits
/// the `config` wrapper).
pub fn update_option_request(
    domain_id: &str,
    group: &str,
    option: &str,
    value: &Value,
) -> Result<Request> {
    let body = GroupOptions::from([(option.to_owned(), value.clone())]);
    Ok(Request::patch(path(domain_id, Some(group), Some(option)))
        .json_wrapped("config", &body)?
        .ok_status([200]))
}

/// Sets one option; returns the whole configuration.
pub async fn update_option(
    client: &ServiceClient,
    domain_id: &str,
    group: &str,
    option: &str,
    value: impl Into<Value>,
) -> Result<Config> {
    let req = update_option_request(domain_id, group, option, &value.into())?;
    send(client, req).await
}

/// `DELETE /v3/domains/{domain_id}/config/{group}/{option}`.
pub fn delete_option_request(domain_id: &str, group: &str, option: &str) -> Request {
    Request::delete(path(domain_id, Some(group), Some(option))).ok_status([204])
}

/// Deletes one option.
pub async fn delete_option(
    client: &ServiceClient,
    domain_id: &str,
    group: &str,
    option: &str,
) -> Result<()> {
    client
        .send_empty(delete_option_request(domain_id, group, option))
        .await
}

/// `GET /v3/domains/config/default`, `.../config/{group}/default` or
/// `.../config/{group}/{option}/default`.
pub fn get_default_request(group: Option<&str>, option: Option<&str>) -> Request {
    Request::get(default_path(group, option))
}

/// The default configuration (the options a domain configuration may set).
pub async fn get_default(client: &ServiceClient) -> Result<Config> {
    send(client, get_default_request(None, None)).await
}

/// The default options of one group.
pub async fn get_group_default(client: &ServiceClient, group: &str) -> Result<GroupOptions> {
    let mut c: Config = send(client, get_default_request(Some(group), None)).await?;
    Ok(c.remove(group).unwrap_or_default())
}

/// The default value of one option.
pub async fn get_option_default(
    client: &ServiceClient,
    group: &str,
    option: &str,
) -> Result<Value> {
    let o: GroupOptions = send(client, get_default_request(Some(group), Some(option))).await?;
    option_value(o, option)
}

#[cfg(test)]
mod tests {
    use super::*;
    use openstack_test_support::corpus;

    const S: &str = "keystone/api-ref/source/v3/samples/admin";

    fn sample(name: &str) -> Value {
        corpus::json(&format!("{S}/{name}"))
    }

    #[test]
    fn bodies_match_samples() {
        let want = sample("domain-config-create-request.json");
        let config: Config = serde_json::from_value(want["config"].clone()).expect("config");
        let r = create_request("d", &config).expect("req");
        assert_eq!((r.method().as_str(), r.path()), ("PUT", "domains/d/config"));
        assert_eq!(r.json_body(), Some(want));
        let want = sample("domain-config-update-request.json");
        let config: Config = serde_json::from_value(want["config"].clone()).expect("config");
        assert_eq!(
            update_request("d", &config).expect("req").json_body(),
            Some(want.clone())
        );
        let r = update_group_request("d", "ldap", &config["ldap"]).expect("req");
        assert_eq!(r.path(), "domains/d/config/ldap");
        assert_eq!(
            r.json_body(),
            Some(sample("domain-config-group-update-request.json"))
        );
        let bare = sample("domain-config-group-option-update-request.json");
        let r = update_option_request("d", "ldap", "url", &bare["url"]).expect("req");
        assert_eq!(r.path(), "domains/d/config/ldap/url");
        assert_eq!(r.json_body(), Some(serde_json::json!({ "config": bare })));
        assert_eq!(
            delete_option_request("d", "ldap", "a b").path(),
            "domains/d/config/ldap/a%20b"
        );
        assert_eq!(
            get_default_request(None, None).path(),
            "domains/config/default"
        );
        assert_eq!(
            get_default_request(Some("ldap"), Some("url")).path(),
            "domains/config/ldap/url/default"
        );
    }

    #[test]
    fn answers_with_and_without_the_wrapper() {
        let wrapped = br#"{"config": {"ldap": {"url": "x", "page_size": 0, "user": null}}}"#;
        let c: Config = decode_config(wrapped, "t").expect("wrapped");
        assert_eq!(c["ldap"]["page_size"], 0);
        let bare =
            serde_json::to_vec(&sample("domain-config-group-show-response.json")).expect("json");
        let c: Config = decode_config(&bare, "t").expect("bare");
        assert_eq!(c["ldap"]["url"], "http://myldap/root");
        let o: GroupOptions = decode_config(br#"{"url": "u"}"#, "t").expect("option");
        assert_eq!(option_value(o, "url").expect("url"), "u");
        assert!(option_value(GroupOptions::new(), "url").is_err());
    }
}
