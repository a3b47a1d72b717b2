//! Stores a policy blob, and creates an EC2 key pair for the current user and project.
//!
//! ```sh
//! source admin-openrc.sh
//! cargo run -p openstack-identity --example policies_and_ec2
//! ```

use openstack_core::auth::AuthOptions;
use openstack_core::ProviderClient;
use openstack_identity::{ec2_credentials, policies};

#[tokio::main]
async fn main() -> openstack_core::Result<()> {
    let provider = ProviderClient::authenticate(AuthOptions::from_env()?).await?;
    let identity = openstack_identity::client(&provider)?;

    // Keystone stores the blob as a string.
    let policy = policies::create(
        &identity,
        policies::CreateOpts::new(r#"{"default": "role:admin"}"#, "application/json"),
    )
    .await?;
    println!("policy {}: {}", policy.id, policy.blob_text());
    policies::delete(&identity, &policy.id).await?;

    let token = provider.token().await?;
    let (Some(user), Some(project)) = (&token.user, &token.project) else {
        return Err(openstack_core::Error::auth("need a project-scoped token"));
    };
    let pair = ec2_credentials::create(
        &identity,
        &user.id,
        ec2_credentials::CreateOpts::new(&project.id),
    )
    .await?;
    // The secret is only shown on purpose (`Debug` redacts it).
    println!("access key {} ({pair:?})", pair.access);
    ec2_credentials::delete(&identity, &user.id, &pair.access).await?;
    Ok(())
}
