//! Federation (`OS-FEDERATION`): [`identity_providers`] (external IdPs whose users may log in),
//! [`mappings`] (rules turning an IdP's assertion attributes into local users and groups),
//! [`protocols`] (which mapping applies to an IdP's SAML2/OpenID Connect protocol) and
//! [`service_providers`] (remote clouds this Keystone acts as an IdP for).
//!
//! ```no_run
//! # async fn f(identity: &openstack_core::ServiceClient) -> openstack_core::Result<()> {
//! use openstack_identity::federation::{identity_providers, mappings, protocols};
//! use openstack_identity::federation::mappings::{Local, Remote, Rule};
//!
//! identity_providers::create(
//!     identity,
//!     "acme",
//!     identity_providers::CreateOpts::new()
//!         .remote_id("https://idp.acme.example/saml")
//!         .domain_id("default"),
//! )
//! .await?;
//! let rule = Rule::new(
//!     vec![Local::user_name("{0}"), Local::group_id("federated-users-group-id")],
//!     vec![Remote::new("REMOTE_USER")],
//! );
//! mappings::create(identity, "acme-mapping", mappings::CreateOpts::new(vec![rule])).await?;
//! protocols::create(identity, "acme", "saml2", protocols::CreateOpts::new("acme-mapping"))
//!     .await?;
//! # Ok(()) }
//! ```

pub mod identity_providers;
pub mod mappings;
pub mod protocols;
pub mod service_providers;
