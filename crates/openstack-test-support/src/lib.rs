//! Test support shared by Ferrocloud's crates (not published).
//!
//! - [`corpus`]: the official OpenStack API reference samples in `../shared/corpus`
//!   (or `$FERROCLOUD_CORPUS`), with each service's `INDEX.tsv`.
//! - [`realcloud`]: the real OpenStack services started by `cargo xtask realcloud up`,
//!   found through the environment `cargo xtask test` exports.

pub mod corpus;
pub mod realcloud;
