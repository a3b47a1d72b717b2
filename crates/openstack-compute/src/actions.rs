//! Server actions (`POST /servers/{id}/action`): reboot, start/stop, pause/unpause,
//! suspend/resume, lock/unlock, rescue/unrescue, resize/confirm/revert, rebuild, create
//! image, change password, shelve/unshelve, migrate, live migrate, restore, force delete
//! (in [`crate::servers::force_delete`]). Console output and remote consoles are in
//! [`crate::consoles`].
//!
//! Every action has a `<action>_request` builder and an async function. Most actions are
//! asynchronous on the server side: follow them with
//! [`wait_for_status`](crate::servers::wait_for_status).

use std::collections::BTreeMap;

use base64::Engine as _;
use openstack_core::{encode_path_segment, Error, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use crate::diskconfig::DiskConfig;
use crate::servers::{Personality, Server};
use crate::util::{at_least, open_enum};

/// `POST /servers/{id}/action` with any action body (accepts 200, 202 and 204).
pub fn action_request<T: Serialize + ?Sized>(id: &str, body: &T) -> Result<Request> {
    Request::post(format!("servers/{}/action", encode_path_segment(id)))
        .json(body)
        .map(|r| r.ok_status([200, 202, 204]))
}

async fn send_action(client: &ServiceClient, id: &str, body: Value) -> Result<()> {
    client.send(action_request(id, &body)?).await.map(drop)
}

macro_rules! null_actions {
    ($( $(#[$m:meta])* $fname:ident, $rname:ident, $wire:literal; )+) => {
        $(
            #[doc = concat!("The request for `{\"", $wire, "\": null}`.")]
            pub fn $rname(id: &str) -> Result<Request> {
                action_request(id, &json!({ $wire: null }))
            }

            $(#[$m])*
            pub async fn $fname(client: &ServiceClient, id: &str) -> Result<()> {
                client.send($rname(id)?).await.map(drop)
            }
        )+
    };
}

null_actions! {
    /// Starts a stopped server (`os-start`).
    start, start_request, "os-start";
    /// Stops a server (`os-stop`).
    stop, stop_request, "os-stop";
    /// Pauses a server (its state stays in memory).
    pause, pause_request, "pause";
    /// Unpauses a paused server.
    unpause, unpause_request, "unpause";
    /// Suspends a server (its state is saved to disk).
    suspend, suspend_request, "suspend";
    /// Resumes a suspended server.
    resume, resume_request, "resume";
    /// Unlocks a locked server.
    unlock, unlock_request, "unlock";
    /// Takes a server out of rescue mode.
    unrescue, unrescue_request, "unrescue";
    /// Confirms a resize or migration (the server leaves `VERIFY_RESIZE`).
    confirm_resize, confirm_resize_request, "confirmResize";
    /// Reverts a resize or migration.
    revert_resize, revert_resize_request, "revertResize";
    /// Shelves a server.
    shelve, shelve_request, "shelve";
    /// Removes a shelved server from its host.
    shelve_offload, shelve_offload_request, "shelveOffload";
    /// Restores a soft-deleted server.
    restore, restore_request, "restore";
}

open_enum! {
    /// The kind of reboot.
    pub enum RebootType {
        /// A graceful restart of the guest.
        Soft => "SOFT",
        /// A power cycle.
        Hard => "HARD",
    }
}

/// `{"reboot": {"type": ...}}`.
pub fn reboot_request(id: &str, kind: RebootType) -> Result<Request> {
    action_request(id, &json!({ "reboot": { "type": kind.as_str() } }))
}

/// Reboots a server.
pub async fn reboot(client: &ServiceClient, id: &str, kind: RebootType) -> Result<()> {
    client.send(reboot_request(id, kind)?).await.map(drop)
}

/// `{"lock": null}`, or `{"lock": {"locked_reason": ...}}` with a reason (2.73).
pub fn lock_request(id: &str, reason: Option<&str>) -> Result<Request> {
    match reason {
        Some(r) => action_request(id, &json!({ "lock": { "locked_reason": r } })),
        None => action_request(id, &json!({ "lock": null })),
    }
}

/// Locks a server, with an optional reason (microversion 2.73 or later for the reason).
pub async fn lock(client: &ServiceClient, id: &str, reason: Option<&str>) -> Result<()> {
    client.send(lock_request(id, reason)?).await.map(drop)
}

/// Options for [`rescue`].
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
#[non_exhaustive]
pub struct RescueOpts {
    #[serde(rename = "adminPass", skip_serializing_if = "Option::is_none")]
    admin_pass: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rescue_image_ref: Option<String>,
}

impl RescueOpts {
    /// Nova picks the password and image.
    pub fn new() -> Self {
        Self::default()
    }
    /// The password of the rescue system.
    pub fn admin_pass(mut self, p: impl Into<String>) -> Self {
        self.admin_pass = Some(p.into());
        self
    }
    /// The image to rescue with.
    pub fn rescue_image_ref(mut self, image: impl Into<String>) -> Self {
        self.rescue_image_ref = Some(image.into());
        self
    }
}

/// `{"rescue": {...}}` (or `{"rescue": null}` with no options).
pub fn rescue_request(id: &str, opts: &RescueOpts) -> Result<Request> {
    if opts.admin_pass.is_none() && opts.rescue_image_ref.is_none() {
        return action_request(id, &json!({ "rescue": null }));
    }
    action_request(id, &json!({ "rescue": opts }))
}

/// Puts a server into rescue mode; returns the rescue password (when Nova returns one).
pub async fn rescue(client: &ServiceClient, id: &str, opts: RescueOpts) -> Result<Option<String>> {
    #[derive(Deserialize)]
    struct Resp {
        #[serde(default, rename = "adminPass")]
        admin_pass: Option<String>,
    }
    let resp = client.send(rescue_request(id, &opts)?).await?;
    let bytes = resp.bytes().await?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    let r: Resp = openstack_core::decode_json(&bytes, "the rescue response")?;
    Ok(r.admin_pass)
}

/// Options for [`resize`].
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
#[non_exhaustive]
pub struct ResizeOpts {
    #[serde(rename = "flavorRef")]
    flavor_ref: String,
    #[serde(rename = "OS-DCF:diskConfig", skip_serializing_if = "Option::is_none")]
    disk_config: Option<DiskConfig>,
}

impl ResizeOpts {
    /// Resize to this flavor (id or URL).
    pub fn new(flavor_ref: impl Into<String>) -> Self {
        ResizeOpts {
            flavor_ref: flavor_ref.into(),
            disk_config: None,
        }
    }
    /// The disk configuration (`OS-DCF:diskConfig`).
    pub fn disk_config(mut self, dc: DiskConfig) -> Self {
        self.disk_config = Some(dc);
        self
    }
}

/// `{"resize": {"flavorRef": ..., "OS-DCF:diskConfig": ...}}`.
pub fn resize_request(id: &str, opts: &ResizeOpts) -> Result<Request> {
    action_request(id, &json!({ "resize": opts }))
}

/// Resizes a server; it goes to `VERIFY_RESIZE`, then [`confirm_resize`] or
/// [`revert_resize`].
pub async fn resize(client: &ServiceClient, id: &str, opts: ResizeOpts) -> Result<()> {
    client.send(resize_request(id, &opts)?).await.map(drop)
}

/// Options for [`rebuild`]. `description`, `key_name`, `user_data` and
/// `trusted_image_certificates` are tri-state: the `clear_*` methods send `null`.
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
#[non_exhaustive]
pub struct RebuildOpts {
    #[serde(rename = "imageRef")]
    image_ref: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(rename = "adminPass", skip_serializing_if = "Option::is_none")]
    admin_pass: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    metadata: Option<BTreeMap<String, String>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    personality: Vec<Personality>,
    #[serde(rename = "accessIPv4", skip_serializing_if = "Option::is_none")]
    access_ipv4: Option<String>,
    #[serde(rename = "accessIPv6", skip_serializing_if = "Option::is_none")]
    access_ipv6: Option<String>,
    #[serde(rename = "OS-DCF:diskConfig", skip_serializing_if = "Option::is_none")]
    disk_config: Option<DiskConfig>,
    #[serde(skip_serializing_if = "Option::is_none")]
    preserve_ephemeral: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    key_name: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    user_data: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    trusted_image_certificates: Option<Option<Vec<String>>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hostname: Option<String>,
}

impl RebuildOpts {
    /// Rebuild from this image (id or URL).
    pub fn new(image_ref: impl Into<String>) -> Self {
        RebuildOpts {
            image_ref: image_ref.into(),
            ..Self::default()
        }
    }
    /// A new name.
    pub fn name(mut self, n: impl Into<String>) -> Self {
        self.name = Some(n.into());
        self
    }
    /// The new administrator password.
    pub fn admin_pass(mut self, p: impl Into<String>) -> Self {
        self.admin_pass = Some(p.into());
        self
    }
    /// Adds a metadata item (the server's metadata is replaced by these).
    pub fn metadata(mut self, k: impl Into<String>, v: impl Into<String>) -> Self {
        self.metadata
            .get_or_insert_with(BTreeMap::new)
            .insert(k.into(), v.into());
        self
    }
    /// Adds a file to inject (before 2.57).
    pub fn personality(mut self, file: Personality) -> Self {
        self.personality.push(file);
        self
    }
    /// The public IPv4 address record.
    pub fn access_ipv4(mut self, ip: impl Into<String>) -> Self {
        self.access_ipv4 = Some(ip.into());
        self
    }
    /// The public IPv6 address record.
    pub fn access_ipv6(mut self, ip: impl Into<String>) -> Self {
        self.access_ipv6 = Some(ip.into());
        self
    }
    /// The disk configuration (`OS-DCF:diskConfig`).
    pub fn disk_config(mut self, dc: DiskConfig) -> Self {
        self.disk_config = Some(dc);
        self
    }
    /// Keep the ephemeral disk.
    pub fn preserve_ephemeral(mut self, keep: bool) -> Self {
        self.preserve_ephemeral = Some(keep);
        self
    }
    /// A new description (2.19).
    pub fn description(mut self, d: impl Into<String>) -> Self {
        self.description = Some(Some(d.into()));
        self
    }
    /// Removes the description (2.19).
    pub fn clear_description(mut self) -> Self {
        self.description = Some(None);
        self
    }
    /// A new key pair (2.54).
    pub fn key_name(mut self, k: impl Into<String>) -> Self {
        self.key_name = Some(Some(k.into()));
        self
    }
    /// Removes the key pair (2.54).
    pub fn clear_key_name(mut self) -> Self {
        self.key_name = Some(None);
        self
    }
    /// New user data, raw bytes base64-encoded for you (2.57).
    pub fn user_data(mut self, data: impl AsRef<[u8]>) -> Self {
        self.user_data = Some(Some(base64::engine::general_purpose::STANDARD.encode(data)));
        self
    }
    /// Removes the user data (2.57).
    pub fn clear_user_data(mut self) -> Self {
        self.user_data = Some(None);
        self
    }
    /// Trusted image certificate ids (2.63).
    pub fn trusted_image_certificates<I: IntoIterator<Item = S>, S: Into<String>>(
        mut self,
        ids: I,
    ) -> Self {
        self.trusted_image_certificates = Some(Some(ids.into_iter().map(Into::into).collect()));
        self
    }
    /// Removes the trusted image certificates (2.63).
    pub fn clear_trusted_image_certificates(mut self) -> Self {
        self.trusted_image_certificates = Some(None);
        self
    }
    /// A new host name (2.90).
    pub fn hostname(mut self, h: impl Into<String>) -> Self {
        self.hostname = Some(h.into());
        self
    }
}

/// `{"rebuild": {...}}`.
pub fn rebuild_request(id: &str, opts: &RebuildOpts) -> Result<Request> {
    action_request(id, &json!({ "rebuild": opts }))
}

/// Rebuilds a server from an image; returns the server as Nova reports it.
pub async fn rebuild(client: &ServiceClient, id: &str, opts: RebuildOpts) -> Result<Server> {
    #[derive(Deserialize)]
    struct W {
        server: Server,
    }
    let w: W = client.send_json(rebuild_request(id, &opts)?).await?;
    Ok(w.server)
}

/// Options for [`create_image`].
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
#[non_exhaustive]
pub struct CreateImageOpts {
    name: String,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    metadata: BTreeMap<String, String>,
}

impl CreateImageOpts {
    /// An image called `name`.
    pub fn new(name: impl Into<String>) -> Self {
        CreateImageOpts {
            name: name.into(),
            metadata: BTreeMap::new(),
        }
    }
    /// Adds an image property.
    pub fn metadata(mut self, k: impl Into<String>, v: impl Into<String>) -> Self {
        self.metadata.insert(k.into(), v.into());
        self
    }
}

/// `{"createImage": {...}}`.
pub fn create_image_request(id: &str, opts: &CreateImageOpts) -> Result<Request> {
    action_request(id, &json!({ "createImage": opts }))
}

/// Snapshots a server into an image and returns the image id: from the body's `image_id`
/// at microversion 2.45 and later, from the last path segment of the `Location` header
/// before.
pub async fn create_image(
    client: &ServiceClient,
    id: &str,
    opts: CreateImageOpts,
) -> Result<String> {
    let resp = client.send(create_image_request(id, &opts)?).await?;
    let location = resp.header_str("location").map(str::to_owned);
    let bytes = resp.bytes().await?;
    image_id_from_response(at_least(client, 2, 45), location.as_deref(), &bytes)
}

/// The image id of a create-image (or backup) response: the body's `image_id` when
/// `body_form` (2.45+), else the `Location` header's last segment. Falls back to the other
/// source when the expected one is missing.
pub fn image_id_from_response(
    body_form: bool,
    location: Option<&str>,
    body: &[u8],
) -> Result<String> {
    #[derive(Deserialize)]
    struct Resp {
        image_id: String,
    }
    let from_body = || -> Option<String> {
        if body.iter().all(u8::is_ascii_whitespace) {
            return None;
        }
        openstack_core::decode_json::<Resp>(body, "the create image response")
            .ok()
            .map(|r| r.image_id)
    };
    let from_location = || {
        location.and_then(|l| {
            l.trim_end_matches('/')
                .rsplit('/')
                .next()
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        })
    };
    let id = if body_form {
        from_body().or_else(from_location)
    } else {
        from_location().or_else(from_body)
    };
    id.ok_or_else(|| {
        Error::decode(
            "the create image response",
            "neither a Location header nor an image_id in the body",
        )
    })
}

/// `{"changePassword": {"adminPass": ...}}`.
pub fn change_password_request(id: &str, password: &str) -> Result<Request> {
    action_request(id, &json!({ "changePassword": { "adminPass": password } }))
}

/// Changes the administrator password of a server.
pub async fn change_password(client: &ServiceClient, id: &str, password: &str) -> Result<()> {
    client
        .send(change_password_request(id, password)?)
        .await
        .map(drop)
}

/// Options for [`unshelve`]: with none, `{"unshelve": null}` is sent.
#[derive(Debug, Clone, Default, Serialize)]
#[must_use]
#[non_exhaustive]
pub struct UnshelveOpts {
    #[serde(skip_serializing_if = "Option::is_none")]
    availability_zone: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    host: Option<String>,
}

impl UnshelveOpts {
    /// No options.
    pub fn new() -> Self {
        Self::default()
    }
    /// Unshelve into this availability zone (2.77).
    pub fn availability_zone(mut self, az: impl Into<String>) -> Self {
        self.availability_zone = Some(Some(az.into()));
        self
    }
    /// Unpin the server from its availability zone (sends `null`, 2.91).
    pub fn unpin_availability_zone(mut self) -> Self {
        self.availability_zone = Some(None);
        self
    }
    /// Unshelve onto this host (admins, 2.91).
    pub fn host(mut self, h: impl Into<String>) -> Self {
        self.host = Some(h.into());
        self
    }
}

/// `{"unshelve": null}` or `{"unshelve": {...}}`.
pub fn unshelve_request(id: &str, opts: &UnshelveOpts) -> Result<Request> {
    if opts.availability_zone.is_none() && opts.host.is_none() {
        return action_request(id, &json!({ "unshelve": null }));
    }
    action_request(id, &json!({ "unshelve": opts }))
}

/// Unshelves a shelved server.
pub async fn unshelve(client: &ServiceClient, id: &str, opts: UnshelveOpts) -> Result<()> {
    client.send(unshelve_request(id, &opts)?).await.map(drop)
}

/// `{"migrate": null}`, or `{"migrate": {"host": ...}}` (2.56).
pub fn migrate_request(id: &str, host: Option<&str>) -> Result<Request> {
    match host {
        Some(h) => action_request(id, &json!({ "migrate": { "host": h } })),
        None => action_request(id, &json!({ "migrate": null })),
    }
}

/// Cold-migrates a server (admins); optionally to a host (2.56). Confirm with
/// [`confirm_resize`].
pub async fn migrate(client: &ServiceClient, id: &str, host: Option<&str>) -> Result<()> {
    client.send(migrate_request(id, host)?).await.map(drop)
}

/// Whether a live migration copies the disks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum BlockMigration {
    /// Let Nova decide (`"auto"`, 2.25).
    Auto,
    /// Block migration.
    Yes,
    /// Shared storage.
    No,
}

impl Serialize for BlockMigration {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        match self {
            BlockMigration::Auto => s.serialize_str("auto"),
            BlockMigration::Yes => s.serialize_bool(true),
            BlockMigration::No => s.serialize_bool(false),
        }
    }
}

/// Options for [`live_migrate`].
#[derive(Debug, Clone, Serialize)]
#[must_use]
#[non_exhaustive]
pub struct LiveMigrateOpts {
    host: Option<String>,
    block_migration: BlockMigration,
    #[serde(skip_serializing_if = "Option::is_none")]
    disk_over_commit: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    force: Option<bool>,
}

impl LiveMigrateOpts {
    /// Let the scheduler pick the host (`"host": null`).
    pub fn new(block_migration: BlockMigration) -> Self {
        LiveMigrateOpts {
            host: None,
            block_migration,
            disk_over_commit: None,
            force: None,
        }
    }
    /// Migrate to this host.
    pub fn host(mut self, h: impl Into<String>) -> Self {
        self.host = Some(h.into());
        self
    }
    /// Allow disk over-commit (before 2.25).
    pub fn disk_over_commit(mut self, on: bool) -> Self {
        self.disk_over_commit = Some(on);
        self
    }
    /// Skip the scheduler's checks of the host (2.30 to 2.67).
    pub fn force(mut self, on: bool) -> Self {
        self.force = Some(on);
        self
    }
}

/// `{"os-migrateLive": {...}}`.
pub fn live_migrate_request(id: &str, opts: &LiveMigrateOpts) -> Result<Request> {
    action_request(id, &json!({ "os-migrateLive": opts }))
}

/// Live-migrates a server (admins).
pub async fn live_migrate(client: &ServiceClient, id: &str, opts: LiveMigrateOpts) -> Result<()> {
    client
        .send(live_migrate_request(id, &opts)?)
        .await
        .map(drop)
}

/// Sends any action body to `POST /servers/{id}/action`, for actions without a function here.
pub async fn custom(client: &ServiceClient, id: &str, body: Value) -> Result<()> {
    send_action(client, id, body).await
}
