//! v2.0 tokens (`/v2.0/tokens`).
//!
//! ```no_run
//! # async fn f(identity_v2: openstack_core::ServiceClient) -> openstack_core::Result<()> {
//! use openstack_core::auth::{AuthOptions, ProjectRef, Scope, UserRef};
//! use openstack_identity::v2::tokens;
//! let opts = AuthOptions::password("http://keystone:5000/v2.0", UserRef::name_only("demo"), "secret")
//!     .scope(Scope::Project(ProjectRef::name_only("demo")));
//! let token = tokens::create(&identity_v2, &opts.credentials, &opts.scope).await?;
//! println!("tenant {:?}, {} catalog entries", token.project, token.catalog.services.len());
//! # Ok(()) }
//! ```

use openstack_core::auth::{v2, Credentials, Scope};
use openstack_core::{Request, Result, ServiceClient};
use url::Url;

use crate::util::seg;

pub use openstack_core::auth::Token;

/// `POST /v2.0/tokens` against `v2_endpoint`, built by the core's [`v2::token_request`].
pub fn create_request(
    v2_endpoint: &Url,
    credentials: &Credentials,
    scope: &Scope,
) -> Result<Request> {
    v2::token_request(v2_endpoint, credentials, scope)
}

/// Issues a token: its tenant is [`Token::project`], its user [`Token::user`] with
/// [`Token::roles`], and its catalog [`Token::catalog`].
pub async fn create(
    client: &ServiceClient,
    credentials: &Credentials,
    scope: &Scope,
) -> Result<Token> {
    let resp = client
        .send(create_request(client.endpoint(), credentials, scope)?)
        .await?;
    v2::parse_token_response(resp).await
}

/// `GET /v2.0/tokens/{token_id}` (administrators: validate a token).
pub fn get_request(token_id: &str) -> Request {
    Request::get(format!("tokens/{}", seg(token_id))).ok_status([200, 203])
}

/// Validates a token and returns what it stands for.
pub async fn get(client: &ServiceClient, token_id: &str) -> Result<Token> {
    let resp = client.send(get_request(token_id)).await?;
    v2::parse_token_response(resp).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use openstack_core::auth::{AuthOptions, ProjectRef, UserRef};
    use openstack_test_support::corpus;

    const S: &str = "keystone/historical/v2.0-removed-3a6b1bb8/api-ref/source/v2/samples/admin";

    #[test]
    fn bodies_match_samples() {
        let ep = Url::parse("http://k:5000/v2.0/").expect("url");
        let opts = AuthOptions::password(
            "http://k:5000/v2.0",
            UserRef::name_only("admin"),
            "secretsecret",
        )
        .scope(Scope::Project(ProjectRef::name_only("admin")));
        let r = create_request(&ep, &opts.credentials, &opts.scope).expect("req");
        assert_eq!(r.path(), "http://k:5000/v2.0/tokens");
        assert_eq!(
            r.json_body(),
            Some(corpus::json(&format!(
                "{S}/authenticate-credentials-request.json"
            )))
        );
        let opts = AuthOptions::token("http://k:5000/v2.0", "cbc36478b0bd8e67e89469c7749d4127")
            .scope(Scope::Project(ProjectRef::name_only("demo")));
        let r = create_request(&ep, &opts.credentials, &opts.scope).expect("req");
        assert_eq!(
            r.json_body(),
            Some(corpus::json(&format!(
                "{S}/authenticate-token-request.json"
            )))
        );
        assert_eq!(get_request("t").path(), "tokens/t");
    }
}
