//! Delegates the `member` role on the current project to another user with a trust,
//! authenticates as that user with the trust, and deletes the trust.
//!
//! ```sh
//! source admin-openrc.sh   # the trustor
//! cargo run -p openstack-identity --example trusts -- <trustee-user-id> <trustee-password>
//! ```

use std::sync::Arc;

use openstack_core::auth::{AuthOptions, UserRef};
use openstack_core::ProviderClient;
use openstack_identity::trusts::{self, CreateOpts, TrustAuth};

#[tokio::main]
async fn main() -> openstack_core::Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(trustee), Some(trustee_password)) = (args.next(), args.next()) else {
        return Err(openstack_core::Error::invalid_input(
            "usage: trusts <trustee-user-id> <trustee-password>",
        ));
    };
    let options = AuthOptions::from_env()?;
    let auth_url = options.auth_url.clone();
    let provider = ProviderClient::authenticate(options).await?;
    let identity = openstack_identity::client(&provider)?;

    // The trustor is the authenticated user; the roles are delegated on its project.
    let token = provider.token().await?;
    let (Some(user), Some(project)) = (&token.user, &token.project) else {
        return Err(openstack_core::Error::auth("need a project-scoped token"));
    };
    let expires = time::OffsetDateTime::now_utc() + time::Duration::hours(1);
    let trust = trusts::create(
        &identity,
        CreateOpts::new(&user.id, &trustee, false)
            .project_id(&project.id)
            .role_name("member")
            .expires_at(expires)
            // Each token issued with the trust uses one; a used-up trust answers 404.
            .remaining_uses(3),
    )
    .await?;
    println!("trust {} expires at {:?}", trust.id, trust.expires_at);

    // The trustee authenticates with the trust: its token is scoped to the trustor's
    // project and carries only the delegated roles.
    let auth = TrustAuth::new(
        AuthOptions::password(auth_url, UserRef::id(&trustee), trustee_password),
        &trust.id,
    );
    let as_trustee = ProviderClient::builder()
        .auth_method(Arc::new(auth))
        .build()
        .await?;
    let t = as_trustee.token().await?;
    println!("trustee token on {:?} with roles {:?}", t.project, t.roles);

    trusts::delete(&identity, &trust.id).await?;
    println!("deleted");
    Ok(())
}
