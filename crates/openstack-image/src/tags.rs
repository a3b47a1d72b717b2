//! Image tags (`/v2/images/{id}/tags/{tag}`). Replace all tags at once with
//! [`crate::images::UpdateOpts::tags`].

use openstack_core::{encode_path_segment, Request, Result, ServiceClient};

use crate::util::item_path;

fn tag_path(image_id: &str, tag: &str) -> String {
    format!(
        "{}/tags/{}",
        item_path("images", image_id),
        encode_path_segment(tag)
    )
}

/// `PUT images/{id}/tags/{tag}`.
pub fn add_request(image_id: &str, tag: &str) -> Request {
    Request::put(tag_path(image_id, tag)).ok_status([204])
}

/// Adds a tag to an image.
pub async fn add(client: &ServiceClient, image_id: &str, tag: &str) -> Result<()> {
    client.send_empty(add_request(image_id, tag)).await
}

/// `DELETE images/{id}/tags/{tag}`.
pub fn delete_request(image_id: &str, tag: &str) -> Request {
    Request::delete(tag_path(image_id, tag)).ok_status([204])
}

/// Removes a tag from an image.
pub async fn delete(client: &ServiceClient, image_id: &str, tag: &str) -> Result<()> {
    client.send_empty(delete_request(image_id, tag)).await
}
