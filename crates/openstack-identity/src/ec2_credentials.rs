//! EC2 credentials (`/v3/users/{user_id}/credentials/OS-EC2`): access/secret key pairs for
//! the EC2 and S3 compatible APIs, each bound to a project. Create, list, get, delete. (The
//! same credentials also appear in [`credentials`](crate::credentials) with type `ec2`.)

use openstack_core::serde_util::null_default;
use openstack_core::{Pager, Request, Result, ServiceClient};
use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Serialize};

use crate::util::seg;

/// An EC2 credential. The secret is not shown by `Debug`.
#[derive(Clone, Default, Deserialize)]
#[non_exhaustive]
pub struct Ec2Credential {
    /// The access key (also the credential's id in this API).
    #[serde(default, deserialize_with = "null_default")]
    pub access: String,
    /// The secret key.
    #[serde(default, deserialize_with = "secret")]
    pub secret: Option<SecretString>,
    /// The owning user.
    #[serde(default, deserialize_with = "null_default")]
    pub user_id: String,
    /// The project (`tenant_id` in the API).
    #[serde(rename = "tenant_id", default)]
    pub project_id: Option<String>,
    /// The trust it was created with, if any.
    #[serde(default)]
    pub trust_id: Option<String>,
    /// The application credential it was created with, if any.
    #[serde(default)]
    pub app_cred_id: Option<String>,
}

impl Ec2Credential {
    /// The secret key, exposed: for signing requests. Keep it out of logs.
    pub fn expose_secret(&self) -> Option<&str> {
        self.secret.as_ref().map(|s| s.expose_secret())
    }
}

impl std::fmt::Debug for Ec2Credential {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ec2Credential")
            .field("access", &self.access)
            .field("secret", &self.secret.as_ref().map(|_| "[REDACTED]"))
            .field("user_id", &self.user_id)
            .field("project_id", &self.project_id)
            .field("trust_id", &self.trust_id)
            .field("app_cred_id", &self.app_cred_id)
            .finish()
    }
}

fn secret<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<SecretString>, D::Error> {
    Ok(Option::<String>::deserialize(d)?
        .filter(|s| !s.is_empty())
        .map(SecretString::from))
}

/// What [`create`] sends: the project the key pair is for.
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
#[must_use]
pub struct CreateOpts {
    tenant_id: String,
}

impl CreateOpts {
    /// A key pair for `project_id`.
    pub fn new(project_id: impl Into<String>) -> Self {
        CreateOpts {
            tenant_id: project_id.into(),
        }
    }
}

fn base(user_id: &str) -> String {
    format!("users/{}/credentials/OS-EC2", seg(user_id))
}

/// `POST /v3/users/{user_id}/credentials/OS-EC2`.
pub fn create_request(user_id: &str, opts: &CreateOpts) -> Result<Request> {
    Ok(Request::post(base(user_id)).json(opts)?.ok_status([201]))
}

/// Creates a key pair for a user on a project (the secret is in the answer).
pub async fn create(
    client: &ServiceClient,
    user_id: &str,
    opts: CreateOpts,
) -> Result<Ec2Credential> {
    client
        .send_keyed(create_request(user_id, &opts)?, "credential")
        .await
}

/// `GET /v3/users/{user_id}/credentials/OS-EC2`.
pub fn list_request(user_id: &str) -> Request {
    Request::get(base(user_id))
}

/// Lists a user's EC2 credentials.
pub fn list(client: &ServiceClient, user_id: &str) -> Pager<Ec2Credential> {
    Pager::linked(client.clone(), list_request(user_id), "credentials")
}

/// `GET /v3/users/{user_id}/credentials/OS-EC2/{access}`.
pub fn get_request(user_id: &str, access: &str) -> Request {
    Request::get(format!("{}/{}", base(user_id), seg(access)))
}

/// Gets an EC2 credential by its access key.
pub async fn get(client: &ServiceClient, user_id: &str, access: &str) -> Result<Ec2Credential> {
    client
        .send_keyed(get_request(user_id, access), "credential")
        .await
}

/// `DELETE /v3/users/{user_id}/credentials/OS-EC2/{access}`.
pub fn delete_request(user_id: &str, access: &str) -> Request {
    Request::delete(format!("{}/{}", base(user_id), seg(access))).ok_status([204])
}

/// Deletes an EC2 credential.
pub async fn delete(client: &ServiceClient, user_id: &str, access: &str) -> Result<()> {
    client.send_empty(delete_request(user_id, access)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests() {
        let r = create_request("u 1", &CreateOpts::new("p")).expect("req");
        assert_eq!(r.path(), "users/u%201/credentials/OS-EC2");
        assert_eq!(r.json_body(), Some(serde_json::json!({"tenant_id": "p"})));
        assert_eq!(list_request("u").path(), "users/u/credentials/OS-EC2");
        assert_eq!(get_request("u", "a").path(), "users/u/credentials/OS-EC2/a");
        assert_eq!(delete_request("u", "a").method().as_str(), "DELETE");
    }

    #[test]
    fn decodes_and_redacts() {
        let c: Ec2Credential = serde_json::from_value(serde_json::json!({
            "access": "a1", "secret": "s3cr3t", "user_id": "u", "tenant_id": "p",
            "trust_id": null, "app_cred_id": null, "links": {"self": "x"}}))
        .expect("decode");
        assert_eq!(c.expose_secret(), Some("s3cr3t"));
        assert_eq!(c.project_id.as_deref(), Some("p"));
        assert!(!format!("{c:?}").contains("s3cr3t"));
    }
}
