//! The whole OAuth 1.0a delegation in one program: registers a consumer, obtains a request
//! token for the current project, authorizes it with one of the user's roles, exchanges it
//! for an access token, authenticates with that, and cleans up.
//!
//! ```sh
//! source admin-openrc.sh
//! cargo run -p openstack-identity --example oauth1 -- <role-id>
//! ```

use std::sync::Arc;

use openstack_core::auth::AuthOptions;
use openstack_core::ProviderClient;
use openstack_identity::oauth1::{self, ConsumerCredentials, CreateConsumerOpts, OAuth1Auth};
use secrecy::ExposeSecret;

#[tokio::main]
async fn main() -> openstack_core::Result<()> {
    let Some(role_id) = std::env::args().nth(1) else {
        return Err(openstack_core::Error::invalid_input(
            "usage: oauth1 <role-id>",
        ));
    };
    let options = AuthOptions::from_env()?;
    let auth_url = options.auth_url.clone();
    let provider = ProviderClient::authenticate(options).await?;
    let identity = openstack_identity::client(&provider)?;
    let token = provider.token().await?;
    let (Some(user), Some(project)) = (&token.user, &token.project) else {
        return Err(openstack_core::Error::auth("need a project-scoped token"));
    };

    // The consumer's secret is only returned now.
    let consumer = oauth1::create_consumer(
        &identity,
        CreateConsumerOpts::new().description("example consumer"),
    )
    .await?;
    let secret = consumer
        .secret
        .as_ref()
        .map(|s| s.expose_secret().to_owned())
        .unwrap_or_default();
    let creds = ConsumerCredentials::new(&consumer.id, secret);

    // Consumer: a request token for the project. User: authorize it with a role.
    let request_token = oauth1::request_token(&identity, &creds, &project.id).await?;
    let verifier = oauth1::authorize(&identity, &request_token.key, &[role_id.as_str()]).await?;
    // Consumer: the access token, then a token of its own.
    let access = oauth1::access_token(&identity, &creds, &request_token, &verifier).await?;
    let as_consumer = ProviderClient::builder()
        .auth_method(Arc::new(OAuth1Auth::new(auth_url, creds, access.clone())))
        .build()
        .await?;
    let t = as_consumer.token().await?;
    println!("consumer acts for {:?} on {:?}", t.user, t.project);

    oauth1::revoke_access_token(&identity, &user.id, &access.key).await?;
    oauth1::delete_consumer(&identity, &consumer.id).await?;
    Ok(())
}
