//! Volume attachments (`/servers/{id}/os-volume_attachments`): list, get, attach, update
//! (swap or `delete_on_termination`), detach.

use openstack_core::{encode_path_segment, Pager, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};

use crate::util::null_default;

/// A volume attached to a server.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VolumeAttachment {
    /// The attachment id (the volume id before 2.89; absent from 2.89).
    #[serde(default)]
    pub id: Option<String>,
    /// The device name (`/dev/vdb`; may be `null`).
    #[serde(default)]
    pub device: Option<String>,
    /// The server id.
    #[serde(default, rename = "serverId")]
    pub server_id: String,
    /// The volume id.
    #[serde(default, rename = "volumeId")]
    pub volume_id: String,
    /// The device tag (2.70).
    #[serde(default)]
    pub tag: Option<String>,
    /// Whether the volume is deleted with the server (2.79).
    #[serde(default)]
    pub delete_on_termination: Option<bool>,
    /// The Cinder attachment id (2.89).
    #[serde(default)]
    pub attachment_id: Option<String>,
    /// The block device mapping id (2.89).
    #[serde(default)]
    pub bdm_uuid: Option<String>,
}

fn base(server_id: &str) -> String {
    format!(
        "servers/{}/os-volume_attachments",
        encode_path_segment(server_id)
    )
}

/// `GET /servers/{id}/os-volume_attachments`.
pub fn list_request(server_id: &str) -> Request {
    Request::get(base(server_id)).ok_status([200])
}

/// The volume attachments of a server (Nova pages them with `limit`/`offset`; one page is
/// usually all there is).
pub fn list(client: &ServiceClient, server_id: &str) -> Pager<VolumeAttachment> {
    Pager::linked(client.clone(), list_request(server_id), "volumeAttachments")
}

#[derive(Deserialize)]
struct One {
    #[serde(
        rename = "volumeAttachment",
        deserialize_with = "null_default",
        default
    )]
    item: VolumeAttachment,
}

/// `GET /servers/{id}/os-volume_attachments/{volume_id}`.
pub fn get_request(server_id: &str, volume_id: &str) -> Request {
    Request::get(format!(
        "{}/{}",
        base(server_id),
        encode_path_segment(volume_id)
    ))
    .ok_status([200])
}

/// One attachment, by volume id.
pub async fn get(
    client: &ServiceClient,
    server_id: &str,
    volume_id: &str,
) -> Result<VolumeAttachment> {
    let r: One = client.send_json(get_request(server_id, volume_id)).await?;
    Ok(r.item)
}

/// Options for [`attach`].
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
#[non_exhaustive]
pub struct AttachOpts {
    #[serde(rename = "volumeId")]
    volume_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    device: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tag: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    delete_on_termination: Option<bool>,
}

impl AttachOpts {
    /// Attach this volume.
    pub fn new(volume_id: impl Into<String>) -> Self {
        AttachOpts {
            volume_id: volume_id.into(),
            ..Self::default()
        }
    }
    /// The device name to ask for (usually ignored by hypervisors).
    pub fn device(mut self, d: impl Into<String>) -> Self {
        self.device = Some(d.into());
        self
    }
    /// A device tag (2.49).
    pub fn tag(mut self, t: impl Into<String>) -> Self {
        self.tag = Some(t.into());
        self
    }
    /// Delete the volume with the server (2.79).
    pub fn delete_on_termination(mut self, on: bool) -> Self {
        self.delete_on_termination = Some(on);
        self
    }
}

/// `POST /servers/{id}/os-volume_attachments`.
pub fn attach_request(server_id: &str, opts: &AttachOpts) -> Result<Request> {
    Request::post(base(server_id))
        .json(&serde_json::json!({ "volumeAttachment": opts }))
        // 200 with the attachment before 2.101; 202 with no body from 2.101.
        .map(|r| r.ok_status([200, 202]))
}

/// Attaches a volume; returns the attachment. From microversion 2.101 Nova answers
/// `202 Accepted` with no body (the attach is fully asynchronous: watch the volume's status);
/// then the result holds what the request said: the server id, the volume id, and the
/// device, tag and `delete_on_termination` you asked for.
pub async fn attach(
    client: &ServiceClient,
    server_id: &str,
    opts: AttachOpts,
) -> Result<VolumeAttachment> {
    let resp = client.send(attach_request(server_id, &opts)?).await?;
    let bytes = resp.bytes().await?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(VolumeAttachment {
            server_id: server_id.to_owned(),
            volume_id: opts.volume_id,
            device: opts.device,
            tag: opts.tag,
            delete_on_termination: opts.delete_on_termination,
            ..VolumeAttachment::default()
        });
    }
    let r: One = openstack_core::decode_json(&bytes, "the volume attachment")?;
    Ok(r.item)
}

/// Options for [`update`]: swap to another volume (admins) and/or change
/// `delete_on_termination` (2.85).
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
#[non_exhaustive]
pub struct UpdateOpts {
    #[serde(rename = "volumeId")]
    volume_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    delete_on_termination: Option<bool>,
}

impl UpdateOpts {
    /// `volume_id` is the new volume for a swap, or the attached one to change only flags.
    pub fn new(volume_id: impl Into<String>) -> Self {
        UpdateOpts {
            volume_id: volume_id.into(),
            delete_on_termination: None,
        }
    }
    /// Delete the volume with the server (2.85).
    pub fn delete_on_termination(mut self, on: bool) -> Self {
        self.delete_on_termination = Some(on);
        self
    }
}

/// `PUT /servers/{id}/os-volume_attachments/{volume_id}`.
pub fn update_request(server_id: &str, volume_id: &str, opts: &UpdateOpts) -> Result<Request> {
    Request::put(format!(
        "{}/{}",
        base(server_id),
        encode_path_segment(volume_id)
    ))
    .json(&serde_json::json!({ "volumeAttachment": opts }))
    .map(|r| r.ok_status([202, 204]))
}

/// Updates an attachment.
pub async fn update(
    client: &ServiceClient,
    server_id: &str,
    volume_id: &str,
    opts: UpdateOpts,
) -> Result<()> {
    client
        .send(update_request(server_id, volume_id, &opts)?)
        .await
        .map(drop)
}

/// `DELETE /servers/{id}/os-volume_attachments/{volume_id}`.
pub fn detach_request(server_id: &str, volume_id: &str) -> Request {
    Request::delete(format!(
        "{}/{}",
        base(server_id),
        encode_path_segment(volume_id)
    ))
    .ok_status([202])
}

/// Detaches a volume (asynchronously).
pub async fn detach(client: &ServiceClient, server_id: &str, volume_id: &str) -> Result<()> {
    client
        .send(detach_request(server_id, volume_id))
        .await
        .map(drop)
}
