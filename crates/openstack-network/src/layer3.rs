//! The `router` (layer 3) extension: [`routers`] and [`floatingips`].

pub mod floatingips;
pub mod routers;
