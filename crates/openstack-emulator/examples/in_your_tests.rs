//! Using the emulator the way a test does: start it, authenticate, exercise the code under
//! test, inspect the cloud's state, and let it stop when dropped.
//!
//! ```text
//! cargo run -p openstack-emulator --example in_your_tests
//! ```

use std::time::Duration;

use openstack_core::wait::Waiter;
use openstack_core::{EndpointOpts, ProviderClient, Request, ServiceClient};
use openstack_emulator::Emulator;
use serde_json::{json, Value};

/// The "code under test": boots a server and returns its id once it is ACTIVE.
async fn boot(compute: &ServiceClient, name: &str) -> openstack_core::Result<String> {
    let created: Value = compute
        .send_json(Request::post("servers").json(&json!({
            "server": {"name": name, "flavorRef": "1", "imageRef": cirros(compute).await?, "networks": "auto"}
        }))?)
        .await?;
    let id = created["server"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let poll_id = id.clone();
    Waiter::new(Duration::from_secs(30))
        .initial_delay(Duration::from_millis(50))
        .describe("server ACTIVE")
        .until(move || {
            let compute = compute.clone();
            let id = poll_id.clone();
            async move {
                let s: Value = compute
                    .send_json(Request::get(format!("servers/{id}")))
                    .await?;
                Ok((s["server"]["status"] == "ACTIVE").then_some(()))
            }
        })
        .await?;
    Ok(id)
}

async fn cirros(compute: &ServiceClient) -> openstack_core::Result<String> {
    let images: Value = compute.send_json(Request::get("images")).await?;
    Ok(images["images"][0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned())
}

// ANCHOR: test
#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // A fresh cloud on a free port; servers go ACTIVE after 50 ms.
    let emulator = Emulator::builder()
        .server_build_delay(Duration::from_millis(50))
        .start()
        .await?;
    let provider = ProviderClient::authenticate(emulator.auth_options()).await?;
    let compute = provider.service_client(EndpointOpts::new("compute"))?;

    let id = boot(&compute, "under-test").await?;

    // Inspect the cloud's state through the API, as any client would.
    let server: Value = compute
        .send_json(Request::get(format!("servers/{id}")))
        .await?;
    assert_eq!(server["server"]["status"], "ACTIVE");
    println!("server {id} is ACTIVE at {}", emulator.url());
    Ok(())
    // `emulator` stops here, when it is dropped.
}
// ANCHOR_END: test
