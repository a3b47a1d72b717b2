//! Authenticate to Rackspace with an API key and list the Cloud Servers of a region.
//!
//! ```text
//! export RS_USERNAME=jdoe RS_API_KEY=0123456789abcdef RS_REGION_NAME=DFW
//! cargo run -p rackspace-ext --example list_servers
//! ```

use futures::TryStreamExt;
use openstack_compute::servers::{self, ListOpts};
use rackspace_ext::servers::{PUBLIC_NET, SERVICE_NET};

#[tokio::main]
async fn main() -> openstack_core::Result<()> {
    // RS_USERNAME + RS_API_KEY (or RS_PASSWORD), RS_REGION_NAME as the default region.
    let provider = rackspace_ext::auth::provider_from_env().await?;
    let compute = rackspace_ext::servers::client(&provider)?;
    println!("Cloud Servers at {}", compute.endpoint());

    let mut pager = servers::list(&compute, ListOpts::new()).page_size(100);
    while let Some(s) = pager.try_next().await? {
        let public: Vec<&str> = s
            .addresses
            .get("public")
            .map(|a| a.iter().map(|a| a.addr.as_str()).collect())
            .unwrap_or_default();
        println!("{} {:30} {:?} {:?}", s.id, s.name, s.status, public);
    }

    // The isolated networks next to PublicNet and ServiceNet.
    let mut nets = rackspace_ext::networks::list(&compute);
    while let Some(n) = nets.try_next().await? {
        let kind = match n.id.as_str() {
            PUBLIC_NET => "PublicNet",
            SERVICE_NET => "ServiceNet",
            _ => "isolated",
        };
        println!("{} {:12} {:20} {:?}", n.id, kind, n.label, n.cidr);
    }
    Ok(())
}
