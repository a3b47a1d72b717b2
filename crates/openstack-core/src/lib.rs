//! # openstack-core
//!
//! The foundation of [Ferrocloud](https://github.com/ferrocloud/ferrocloud), the OpenStack SDK
//! for Rust: authentication (Keystone v3 and v2.0), the token cache, the service catalog and
//! endpoint resolution, the HTTP transport (a tower stack over hyper with rustls), the error
//! type, pagination, waiters, microversions and configuration from `OS_*` variables and
//! `clouds.yaml`. Service crates (`openstack-compute`, `openstack-network`, ...) build their
//! typed resources on it.
//!
//! ```no_run
//! # async fn f() -> openstack_core::Result<()> {
//! use openstack_core::{EndpointOpts, ProviderClient, Request};
//! use openstack_core::auth::AuthOptions;
//!
//! // Reads OS_AUTH_URL, OS_USERNAME, OS_PASSWORD, OS_PROJECT_NAME, ... (an openrc file).
//! let provider = ProviderClient::builder()
//!     .auth_options(AuthOptions::from_env()?)
//!     .build()
//!     .await?;
//! let compute = provider.service_client(EndpointOpts::new("compute"))?;
//! let flavors: serde_json::Value = compute.send_json(Request::get("flavors")).await?;
//! println!("{flavors}");
//! # Ok(()) }
//! ```
//!
//! The crate root holds the types every user meets ([`ProviderClient`], [`ServiceClient`],
//! [`Request`], [`Response`], [`Error`], [`Pager`]); the rest lives in modules.

#![cfg_attr(docsrs, feature(doc_auto_cfg))]

pub mod auth;
mod body;
pub mod catalog;
mod client;
pub mod config;
mod error;
pub mod microversion;
pub mod pagination;
mod request;
mod response;
pub mod serde_util;
pub mod timestamp;
pub mod transport;
pub mod wait;

pub use body::{Body, BodyStream};
pub use catalog::{EndpointOpts, Interface};
pub use client::{
    ProviderClient, ProviderClientBuilder, RawRequest, ServiceClient, DEFAULT_USER_AGENT,
};
pub use error::{BoxError, Error, ErrorKind, Result};
pub use microversion::Microversion;
pub use pagination::{PageRequest, Pager};
pub use request::{encode_path_segment, Request};
pub use response::{decode_json, Response};
pub use transport::layers::RetryConfig;

/// The `http` crate, whose `Method`, `StatusCode` and `HeaderMap` appear in this API.
pub use http;

#[doc(hidden)]
pub mod __private {
    pub use serde;
}
