//! # openstack-image
//!
//! OpenStack Image service (Glance v2) for Ferrocloud (work in progress).
