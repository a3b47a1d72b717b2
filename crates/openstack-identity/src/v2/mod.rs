//! The legacy Keystone v2.0 API, for clouds that still serve it (Keystone removed it in
//! Queens; Rackspace still speaks it). Use a client from [`client_v2`](crate::client_v2).
//!
//! - [`tokens`]: issue a token (the core's v2.0 request and parser) and read its tenant,
//!   user, roles and catalog; validate a token as an administrator.
//! - [`tenants`]: the tenants (projects) the token's user can see, with linked pagination.
//! - [`extensions`]: the API extensions the server announces.

pub mod extensions;
pub mod tenants;
pub mod tokens;
