//! The `security-group` extension: [`groups`] and [`rules`].

pub mod groups;
pub mod rules;
