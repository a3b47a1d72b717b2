//! Interoperable image import (`POST /v2/images/{id}/import`) and the discovery documents
//! `/v2/info/import` and `/v2/info/stores`.
//!
//! ```no_run
//! # async fn f(glance: openstack_core::ServiceClient) -> openstack_core::Result<()> {
//! use openstack_image::{data, imports};
//!
//! // glance-direct: stage the data, then import it.
//! data::stage(&glance, "IMAGE_ID", bytes::Bytes::from_static(b"disk")).await?;
//! imports::import(&glance, "IMAGE_ID", imports::ImportOpts::glance_direct()).await?;
//!
//! // web-download: Glance fetches the URL itself.
//! imports::import(&glance, "OTHER_ID",
//!     imports::ImportOpts::web_download("https://example.com/disk.img")).await?;
//! # Ok(()) }
//! ```

use openstack_core::serde_util::null_default;
use openstack_core::{Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};

use crate::util::{self, item_path};

/// The import method and its arguments.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ImportMethod {
    /// `glance-direct`, `web-download`, `copy-image` or `glance-download`.
    pub name: String,
    /// The URL (`web-download`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uri: Option<String>,
    /// The image in the other region (`glance-download`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub glance_image_id: Option<String>,
    /// The other region (`glance-download`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub glance_region: Option<String>,
    /// The interface of the other region's endpoint (`glance-download`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub glance_service_interface: Option<String>,
}

/// Options of an import.
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
#[non_exhaustive]
pub struct ImportOpts {
    method: ImportMethod,
    #[serde(skip_serializing_if = "Option::is_none")]
    stores: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    all_stores_must_succeed: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    all_stores: Option<bool>,
}

impl ImportOpts {
    fn method(name: &str) -> Self {
        ImportOpts {
            method: ImportMethod {
                name: name.to_owned(),
                ..Default::default()
            },
            ..Default::default()
        }
    }

    /// `glance-direct`: import data staged with [`crate::data::stage`].
    pub fn glance_direct() -> Self {
        Self::method("glance-direct")
    }

    /// `web-download`: Glance downloads `uri`.
    pub fn web_download(uri: impl Into<String>) -> Self {
        let mut o = Self::method("web-download");
        o.method.uri = Some(uri.into());
        o
    }

    /// `copy-image`: copies an active image's data to more stores (see
    /// [`ImportOpts::stores`]).
    pub fn copy_image() -> Self {
        Self::method("copy-image")
    }

    /// `glance-download`: copies an image from another region's Glance.
    pub fn glance_download(image_id: impl Into<String>, region: impl Into<String>) -> Self {
        let mut o = Self::method("glance-download");
        o.method.glance_image_id = Some(image_id.into());
        o.method.glance_region = Some(region.into());
        o
    }

    /// The other region's endpoint interface (`glance-download`).
    pub fn glance_service_interface(mut self, v: impl Into<String>) -> Self {
        self.method.glance_service_interface = Some(v.into());
        self
    }

    /// The stores to import into (multi-store clouds).
    pub fn stores(mut self, v: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.stores = Some(v.into_iter().map(Into::into).collect());
        self
    }

    util::setters! {
        /// Import into every store.
        all_stores: bool,
        /// Fail unless every store succeeds.
        all_stores_must_succeed: bool,
    }
}

/// `POST images/{id}/import`.
pub fn import_request(id: &str, opts: &ImportOpts) -> Result<Request> {
    Ok(Request::post(format!("{}/import", item_path("images", id)))
        .json(opts)?
        .ok_status([202]))
}

/// Starts an import; the image becomes `importing`, then `active` (see
/// [`crate::images::wait_for_status`]).
pub async fn import(client: &ServiceClient, id: &str, opts: ImportOpts) -> Result<()> {
    client.send_empty(import_request(id, &opts)?).await
}

/// The import methods a cloud offers (`import-methods` in `/v2/info/import`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ImportMethods {
    /// A description.
    #[serde(default)]
    pub description: Option<String>,
    /// The JSON type (`array`).
    #[serde(default, rename = "type")]
    pub value_type: Option<String>,
    /// The method names.
    #[serde(default, deserialize_with = "null_default")]
    pub value: Vec<String>,
}

/// The document at `/v2/info/import`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ImportInfo {
    /// The import methods.
    #[serde(default, rename = "import-methods")]
    pub import_methods: ImportMethods,
}

/// `GET info/import`.
pub fn get_import_info_request() -> Request {
    Request::get("info/import")
}

/// The import methods the cloud offers.
pub async fn get_import_info(client: &ServiceClient) -> Result<ImportInfo> {
    client.send_json(get_import_info_request()).await
}

/// A backend store (multi-store clouds).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Store {
    /// The id.
    #[serde(default, deserialize_with = "null_default")]
    pub id: String,
    /// A description.
    #[serde(default)]
    pub description: Option<String>,
    /// Whether it is the default store (`"true"` on the wire).
    #[serde(default, deserialize_with = "util::lenient_flag")]
    pub default: bool,
    /// Whether it is read-only (`read-only`).
    #[serde(default, rename = "read-only", deserialize_with = "util::lenient_flag")]
    pub read_only: bool,
}

#[derive(Deserialize)]
struct Stores {
    #[serde(default, deserialize_with = "null_default")]
    stores: Vec<Store>,
}

/// `GET info/stores`.
pub fn list_stores_request() -> Request {
    Request::get("info/stores")
}

/// The stores (multi-store clouds; single-store clouds answer 404 or an empty list).
pub async fn list_stores(client: &ServiceClient) -> Result<Vec<Store>> {
    let s: Stores = client.send_json(list_stores_request()).await?;
    Ok(s.stores)
}
