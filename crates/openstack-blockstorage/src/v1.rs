//! The Block Storage v1 API, for old clouds and Rackspace: [`apiversions`], [`volumes`],
//! [`snapshots`] and [`volumetypes`]. Use a client from [`client_v1`](crate::client_v1).
//!
//! v1 names things `display_name` and `display_description`; the models here keep those
//! wire names as `name` and `description`.

pub mod apiversions;
pub mod snapshots;
pub mod volumes;
pub mod volumetypes;
