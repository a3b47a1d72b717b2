//! Lists the projects of a domain, with their tags.
//!
//! ```sh
//! source admin-openrc.sh   # OS_AUTH_URL, OS_USERNAME, OS_PASSWORD, OS_PROJECT_NAME, ...
//! cargo run -p openstack-identity --example list_projects -- default
//! ```

use futures::TryStreamExt;
use openstack_core::auth::AuthOptions;
use openstack_core::ProviderClient;
use openstack_identity::projects::{self, ListOpts};

#[tokio::main]
async fn main() -> openstack_core::Result<()> {
    let domain = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "default".to_owned());
    let provider = ProviderClient::authenticate(AuthOptions::from_env()?).await?;
    let identity = openstack_identity::client(&provider)?;

    // A lazy stream: pages are fetched as the loop goes (`links.next`).
    let mut list = projects::list(&identity, ListOpts::new().domain_id(domain).enabled(true));
    while let Some(project) = list.try_next().await? {
        println!(
            "{:34} {:24} tags={:?}",
            project.id, project.name, project.tags
        );
    }
    Ok(())
}
