//! Consoles: the console log (`os-getConsoleOutput`) and remote consoles
//! (`POST /servers/{id}/remote-consoles`, microversion 2.6).

use openstack_core::{encode_path_segment, Request, Result, ServiceClient};
use serde::{Deserialize, Serialize};

use crate::actions::action_request;
use crate::util::{null_default, open_enum};

/// `{"os-getConsoleOutput": {"length": n}}` (all of it with `None`).
pub fn console_output_request(server_id: &str, length: Option<u32>) -> Result<Request> {
    let body = match length {
        Some(n) => serde_json::json!({ "os-getConsoleOutput": { "length": n } }),
        None => serde_json::json!({ "os-getConsoleOutput": {} }),
    };
    action_request(server_id, &body).map(|r| r.ok_status([200]))
}

/// The console log of a server (its last `length` lines, or all).
pub async fn console_output(
    client: &ServiceClient,
    server_id: &str,
    length: Option<u32>,
) -> Result<String> {
    #[derive(Deserialize)]
    struct R {
        #[serde(default, deserialize_with = "null_default")]
        output: String,
    }
    let r: R = client
        .send_json(console_output_request(server_id, length)?)
        .await?;
    Ok(r.output)
}

open_enum! {
    /// The protocol of a remote console.
    pub enum Protocol {
        /// VNC.
        Vnc => "vnc",
        /// SPICE.
        Spice => "spice",
        /// RDP (removed in 2.x of later releases).
        Rdp => "rdp",
        /// A serial console.
        Serial => "serial",
        /// VMware MKS (2.8).
        Mks => "mks",
    }
}

open_enum! {
    /// The type of a remote console.
    pub enum ConsoleType {
        /// noVNC.
        NoVnc => "novnc",
        /// A plain VNC proxy.
        XvpVnc => "xvpvnc",
        /// The SPICE HTML5 client.
        SpiceHtml5 => "spice-html5",
        /// A direct SPICE connection (2.99).
        SpiceDirect => "spice-direct",
        /// RDP via HTML5.
        RdpHtml5 => "rdp-html5",
        /// A serial console.
        Serial => "serial",
        /// WebMKS (2.8).
        WebMks => "webmks",
    }
}

/// A remote console.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RemoteConsole {
    /// The protocol (absent in the pre-2.6 action responses).
    #[serde(default)]
    pub protocol: Option<Protocol>,
    /// The type.
    #[serde(default, rename = "type")]
    pub kind: Option<ConsoleType>,
    /// The URL to connect to.
    #[serde(default, deserialize_with = "null_default")]
    pub url: String,
}

/// `POST /servers/{id}/remote-consoles` with `{"remote_console": {"protocol", "type"}}`.
pub fn create_remote_console_request(
    server_id: &str,
    protocol: Protocol,
    kind: ConsoleType,
) -> Result<Request> {
    Request::post(format!(
        "servers/{}/remote-consoles",
        encode_path_segment(server_id)
    ))
    .json(&serde_json::json!({
        "remote_console": { "protocol": protocol.as_str(), "type": kind.as_str() }
    }))
    .map(|r| r.ok_status([200]))
}

/// Creates a remote console (microversion 2.6 or later).
pub async fn create_remote_console(
    client: &ServiceClient,
    server_id: &str,
    protocol: Protocol,
    kind: ConsoleType,
) -> Result<RemoteConsole> {
    #[derive(Deserialize)]
    struct R {
        remote_console: RemoteConsole,
    }
    let r: R = client
        .send_json(create_remote_console_request(server_id, protocol, kind)?)
        .await?;
    Ok(r.remote_console)
}
