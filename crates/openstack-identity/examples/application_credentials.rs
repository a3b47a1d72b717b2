//! Creates an application credential as the current user, authenticates with it, and
//! deletes it again.
//!
//! ```sh
//! source demo-openrc.sh    # the user who will own the credential
//! cargo run -p openstack-identity --example application_credentials
//! ```

use openstack_core::auth::AuthOptions;
use openstack_core::ProviderClient;
use openstack_identity::application_credentials::{self, CreateOpts};

#[tokio::main]
async fn main() -> openstack_core::Result<()> {
    let options = AuthOptions::from_env()?;
    let auth_url = options.auth_url.clone();
    let provider = ProviderClient::authenticate(options).await?;
    let identity = openstack_identity::client(&provider)?;

    // Application credentials belong to the user who creates them.
    let token = provider.token().await?;
    let user_id = token
        .user
        .as_ref()
        .map(|u| u.id.clone())
        .ok_or_else(|| openstack_core::Error::auth("the token names no user"))?;

    let cred = application_credentials::create(
        &identity,
        &user_id,
        CreateOpts::new("ferrocloud-example")
            .description("created by the ferrocloud example")
            .role_name("member"),
    )
    .await?;
    // The secret is in the create response only: store it somewhere safe.
    let secret = cred.secret.clone().unwrap_or_default();
    println!(
        "created application credential {} for project {}",
        cred.id, cred.project_id
    );

    // A client that authenticates with the application credential (no password needed).
    let app = ProviderClient::authenticate(AuthOptions::application_credential(
        auth_url, &cred.id, secret,
    ))
    .await?;
    let app_token = app.token().await?;
    println!(
        "authenticated with it: methods {:?}, project {:?}",
        app_token.methods,
        app_token.project.as_ref().map(|p| &p.id)
    );

    application_credentials::delete(&identity, &user_id, &cred.id).await?;
    println!("deleted");
    Ok(())
}
