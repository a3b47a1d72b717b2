//! Image members (`/v2/images/{id}/members`): share an image with other projects, and
//! accept or reject an image shared with yours.
//!
//! The owner adds a member (the image's visibility must be `shared`); the member project then
//! accepts it with [`update`] to see it in its default image list.

use openstack_core::serde_util::null_default;
use openstack_core::{encode_path_segment, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::util::item_path;

openstack_core::open_enum! {
    /// The status of a membership.
    pub enum MemberStatus {
        /// `pending`: not yet answered.
        Pending => "pending",
        /// `accepted`.
        Accepted => "accepted",
        /// `rejected`.
        Rejected => "rejected",
    }
}

/// A member of an image.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Member {
    /// The image.
    #[serde(default, deserialize_with = "null_default")]
    pub image_id: String,
    /// The member project.
    #[serde(default, deserialize_with = "null_default")]
    pub member_id: String,
    /// The status.
    #[serde(default)]
    pub status: MemberStatus,
    /// When it was created.
    #[serde(default, with = "openstack_core::timestamp::option")]
    pub created_at: Option<OffsetDateTime>,
    /// When it was last updated.
    #[serde(default, with = "openstack_core::timestamp::option")]
    pub updated_at: Option<OffsetDateTime>,
    /// The schema's path.
    #[serde(default)]
    pub schema: Option<String>,
}

fn members_path(image_id: &str) -> String {
    format!("{}/members", item_path("images", image_id))
}

fn member_path(image_id: &str, member_id: &str) -> String {
    format!(
        "{}/{}",
        members_path(image_id),
        encode_path_segment(member_id)
    )
}

/// `POST images/{id}/members` with `{"member": project_id}`.
pub fn create_request(image_id: &str, member_id: &str) -> Result<Request> {
    Request::post(members_path(image_id)).json(&serde_json::json!({ "member": member_id }))
}

/// Shares an image with a project (status `pending`).
pub async fn create(client: &ServiceClient, image_id: &str, member_id: &str) -> Result<Member> {
    client.send_json(create_request(image_id, member_id)?).await
}

#[derive(Deserialize)]
struct Members {
    #[serde(default, deserialize_with = "null_default")]
    members: Vec<Member>,
}

/// `GET images/{id}/members`.
pub fn list_request(image_id: &str) -> Request {
    Request::get(members_path(image_id))
}

/// The members of an image.
pub async fn list(client: &ServiceClient, image_id: &str) -> Result<Vec<Member>> {
    let m: Members = client.send_json(list_request(image_id)).await?;
    Ok(m.members)
}

/// `GET images/{id}/members/{member_id}`.
pub fn get_request(image_id: &str, member_id: &str) -> Request {
    Request::get(member_path(image_id, member_id))
}

/// One member.
pub async fn get(client: &ServiceClient, image_id: &str, member_id: &str) -> Result<Member> {
    client.send_json(get_request(image_id, member_id)).await
}

/// `PUT images/{id}/members/{member_id}` with `{"status": ...}`.
pub fn update_request(image_id: &str, member_id: &str, status: &MemberStatus) -> Result<Request> {
    Request::put(member_path(image_id, member_id))
        .json(&serde_json::json!({ "status": status.as_str() }))
}

/// Accepts, rejects or resets a shared image (called by the member project).
pub async fn update(
    client: &ServiceClient,
    image_id: &str,
    member_id: &str,
    status: MemberStatus,
) -> Result<Member> {
    client
        .send_json(update_request(image_id, member_id, &status)?)
        .await
}

/// `DELETE images/{id}/members/{member_id}`.
pub fn delete_request(image_id: &str, member_id: &str) -> Request {
    Request::delete(member_path(image_id, member_id)).ok_status([204])
}

/// Stops sharing an image with a project.
pub async fn delete(client: &ServiceClient, image_id: &str, member_id: &str) -> Result<()> {
    client.send_empty(delete_request(image_id, member_id)).await
}
