//! The `router` (layer 3) extension: [`routers`] and [`floatingips`], and the
//! [`portforwarding`]s of floating IPs.

pub mod floatingips;
pub mod portforwarding;
pub mod routers;
