//! Share an image with another project; the other project then accepts it.
//!
//! ```text
//! source openrc            # the image owner
//! cargo run -p openstack-image --example image_share -- <image-id> <project-id>
//! ```
//!
//! The member project accepts with `members::update(.., MemberStatus::Accepted)` using its
//! own credentials.

use openstack_core::auth::AuthOptions;
use openstack_core::ProviderClient;
use openstack_image::images::{self, UpdateOpts, Visibility};
use openstack_image::members;

#[tokio::main]
async fn main() -> openstack_core::Result<()> {
    let mut args = std::env::args().skip(1);
    let image_id = args.next().unwrap_or_default();
    let project_id = args.next().unwrap_or_default();

    let provider = ProviderClient::builder()
        .auth_options(AuthOptions::from_env()?)
        .build()
        .await?;
    let glance = openstack_image::client(&provider)?;

    // Only `shared` images have members.
    images::update(
        &glance,
        &image_id,
        UpdateOpts::new().visibility(Visibility::Shared),
    )
    .await?;
    let member = members::create(&glance, &image_id, &project_id).await?;
    println!(
        "shared {} with {}: {}",
        member.image_id, member.member_id, member.status
    );
    for m in members::list(&glance, &image_id).await? {
        println!("  member {} {}", m.member_id, m.status);
    }
    Ok(())
}
