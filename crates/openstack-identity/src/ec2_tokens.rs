//! EC2 token validation (`POST /v3/ec2tokens`): an EC2- or S3-compatible service checks a
//! client's AWS-signed request against the EC2 credential's secret stored in Keystone
//! ([`ec2_credentials`](crate::ec2_credentials)) and receives a token for the credential's
//! owner and project. [`sign_v2`] computes an AWS signature version 2 (HMAC-SHA256), as
//! clients do; [`create`] sends signed credentials.
//!
//! Keystone's policy `identity:ec2tokens_validate` requires the caller to be an admin or a
//! service (recent Keystones), so [`create`] is sent with the client's token; this is a
//! service-side API, not a way to log in with EC2 keys. Credentials signed by someone else
//! (version 4, with `headers` and `body_hash`) are passed through as they are.

use std::collections::BTreeMap;

use base64::Engine as _;
use hmac::{Hmac, KeyInit, Mac};
use openstack_core::auth::{v3, Token};
use openstack_core::{Request, Result, ServiceClient};
use serde::Serialize;
use time::OffsetDateTime;

/// The signed request Keystone checks: the access key, the signature, and what was signed.
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
pub struct Ec2Credentials {
    /// The access key.
    pub access: String,
    /// The signature (base64).
    pub signature: String,
    /// The host the request was sent to (`host[:port]`).
    pub host: String,
    /// The HTTP method.
    pub verb: String,
    /// The request path.
    pub path: String,
    /// The query or form parameters, `Signature` excluded.
    pub params: BTreeMap<String, String>,
    /// The signed headers (signature version 4).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub headers: BTreeMap<String, String>,
    /// The SHA-256 of the body, hex (signature version 4).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body_hash: Option<String>,
}

fn pct(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The AWS signature version 2 of a request: HMAC-SHA256 of
/// `verb \n host \n path \n sorted-encoded-params`, base64. `params` must already hold
/// `SignatureMethod=HmacSHA256` and `SignatureVersion=2` (as [`sign_v2`] adds them).
pub fn signature_v2(
    secret: &str,
    verb: &str,
    host: &str,
    path: &str,
    params: &BTreeMap<String, String>,
) -> String {
    let query = params
        .iter()
        .map(|(k, v)| format!("{}={}", pct(k), pct(v)))
        .collect::<Vec<_>>()
        .join("&");
    let to_sign = format!("{verb}\n{host}\n{path}\n{query}");
    match Hmac::<sha2::Sha256>::new_from_slice(secret.as_bytes()) {
        Ok(mut mac) => {
            mac.update(to_sign.as_bytes());
            base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
        }
        // HMAC takes keys of any length; this arm is not reached.
        Err(_) => String::new(),
    }
}

/// Signs a request with signature version 2: adds `AWSAccessKeyId`, `SignatureMethod`,
/// `SignatureVersion` and (unless given) `Timestamp` to `params`, and returns the
/// credentials to send.
pub fn sign_v2(
    access: &str,
    secret: &str,
    verb: &str,
    host: &str,
    path: &str,
    mut params: BTreeMap<String, String>,
    now: OffsetDateTime,
) -> Ec2Credentials {
    params.insert("AWSAccessKeyId".into(), access.to_owned());
    params.insert("SignatureMethod".into(), "HmacSHA256".into());
    params.insert("SignatureVersion".into(), "2".into());
    params.entry("Timestamp".into()).or_insert_with(|| {
        let t = now.replace_nanosecond(0).unwrap_or(now);
        openstack_core::timestamp::format(&t)
    });
    let signature = signature_v2(secret, verb, host, path, &params);
    Ec2Credentials {
        access: access.to_owned(),
        signature,
        host: host.to_owned(),
        verb: verb.to_owned(),
        path: path.to_owned(),
        params,
        headers: BTreeMap::new(),
        body_hash: None,
    }
}

/// `POST /v3/ec2tokens` with `{"credentials": ...}`.
pub fn create_request(credentials: &Ec2Credentials) -> Result<Request> {
    Ok(Request::post("ec2tokens")
        .json(&serde_json::json!({ "credentials": credentials }))?
        .ok_status([200, 201]))
}

/// Checks signed EC2 credentials and returns a token for the credential's owner and project
/// (401 when the signature does not verify or the timestamp is too old). The caller must be
/// an admin or a service.
pub async fn create(client: &ServiceClient, credentials: &Ec2Credentials) -> Result<Token> {
    let resp = client.send(create_request(credentials)?).await?;
    v3::parse_token_response(resp).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    /// The AWS documentation's signature version 2 example (`DescribeJobFlows` on
    /// elasticmapreduce, with the documentation's example keys).
    #[test]
    fn signature_v2_known_vector() {
        let params: BTreeMap<String, String> = [
            ("AWSAccessKeyId", "AKIAIOSFODNN7EXAMPLE"),
            ("Action", "DescribeJobFlows"),
            ("SignatureMethod", "HmacSHA256"),
            ("SignatureVersion", "2"),
            ("Timestamp", "2011-10-03T15:19:30"),
            ("Version", "2009-03-31"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        let sig = signature_v2(
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "GET",
            "elasticmapreduce.amazonaws.com",
            "/",
            &params,
        );
        assert_eq!(sig, "i91nKc4PWAt0JJIdXwz9HxZCJDdiy6cf/Mj6vPxyYIs=");
    }

    /// Signatures computed by Keystone's own signer (keystoneclient's `Ec2Signer`) for the
    /// same inputs.
    #[test]
    fn signature_v2_matches_keystone() {
        let p = |extra: &[(&str, &str)]| -> BTreeMap<String, String> {
            [
                ("AWSAccessKeyId", "ak"),
                ("SignatureMethod", "HmacSHA256"),
                ("SignatureVersion", "2"),
                ("Timestamp", "2026-11-27T05:00:00Z"),
            ]
            .iter()
            .chain(extra)
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
        };
        assert_eq!(
            signature_v2("sk", "POST", "k:5000", "/v3/ec2tokens", &p(&[])),
            "jyiin30qsZRiCssPCUG72+EE7IUe3+k/dygBCWWmBAg="
        );
        assert_eq!(
            signature_v2(
                "sk",
                "GET",
                "ec2.example.com:8773",
                "/",
                &p(&[("Action", "DescribeInstances")])
            ),
            "F4dpmeFIwhoTH7+rSK6mS/j/eXy9zHjlKYM+dGw1aRQ="
        );
    }

    #[test]
    fn signed_request() {
        let c = sign_v2(
            "ak",
            "sk",
            "POST",
            "k:5000",
            "/v3/ec2tokens",
            BTreeMap::new(),
            datetime!(2026-11-27 05:00:00.5 UTC),
        );
        assert_eq!(c.params["Timestamp"], "2026-11-27T05:00:00Z");
        assert_eq!(c.signature, "jyiin30qsZRiCssPCUG72+EE7IUe3+k/dygBCWWmBAg=");
        let r = create_request(&c).expect("req");
        assert_eq!(r.path(), "ec2tokens");
        assert!(r.is_authenticated());
        let body = r.json_body().expect("body");
        let b = &body["credentials"];
        assert_eq!(b["access"], "ak");
        assert_eq!(b["host"], "k:5000");
        assert_eq!(b["verb"], "POST");
        assert_eq!(b["params"]["SignatureVersion"], "2");
        assert!(b.get("headers").is_none());
        assert!(b.get("body_hash").is_none());
    }
}
