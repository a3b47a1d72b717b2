//! Creates a project and a user in it, grants the user the `member` role on the project,
//! and shows the assignment with names.
//!
//! ```sh
//! source admin-openrc.sh
//! cargo run -p openstack-identity --example create_user_and_grant_role -- alice 'S3cret!'
//! ```

use futures::TryStreamExt;
use openstack_core::auth::AuthOptions;
use openstack_core::ProviderClient;
use openstack_identity::roles::{self, Actor, AssignmentsOpts, Target};
use openstack_identity::{projects, users};

#[tokio::main]
async fn main() -> openstack_core::Result<()> {
    let mut args = std::env::args().skip(1);
    let name = args.next().unwrap_or_else(|| "alice".to_owned());
    let password = args.next().unwrap_or_else(|| "change-me-now".to_owned());

    let provider = ProviderClient::authenticate(AuthOptions::from_env()?).await?;
    let identity = openstack_identity::client(&provider)?;

    let project = projects::create(
        &identity,
        projects::CreateOpts::new(format!("{name}-project"))
            .domain_id("default")
            .description(format!("{name}'s project")),
    )
    .await?;
    let user = users::create(
        &identity,
        users::CreateOpts::new(&name)
            .domain_id("default")
            .default_project_id(&project.id)
            .password(password),
    )
    .await?;

    // Find the role by name, then grant it on the project.
    let member = roles::list(&identity, roles::ListOpts::new().name("member"))
        .try_next()
        .await?
        .ok_or_else(|| openstack_core::Error::invalid_input("no role named member"))?;
    roles::grant(
        &identity,
        &Target::project(&project.id),
        &Actor::user(&user.id),
        &member.id,
    )
    .await?;

    // `include_names` fills in the names of the role, user and project.
    let assignments: Vec<_> = roles::list_assignments(
        &identity,
        AssignmentsOpts::new()
            .user_id(&user.id)
            .project_id(&project.id)
            .include_names(),
    )
    .try_collect()
    .await?;
    for a in assignments {
        println!(
            "{} has role {} on project {}",
            a.user.and_then(|u| u.name).unwrap_or_default(),
            a.role.name.unwrap_or_default(),
            a.scope.project.and_then(|p| p.name).unwrap_or_default(),
        );
    }
    Ok(())
}
