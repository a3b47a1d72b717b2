//! `openstack-emulator`: runs the emulated cloud until Ctrl-C.
//!
//! ```text
//! cargo run -p openstack-emulator -- --port 5000 [--password secret] [--build-delay-ms 200]
//! ```

use std::time::Duration;

fn usage() -> ! {
    eprintln!("usage: openstack-emulator [--port PORT] [--password PASSWORD] [--build-delay-ms MS] [--volume-delay-ms MS]");
    std::process::exit(2)
}

#[tokio::main]
async fn main() {
    let mut builder = openstack_emulator::Emulator::builder();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| usage());
        match a.as_str() {
            "--port" | "-p" => builder = builder.port(value().parse().unwrap_or_else(|_| usage())),
            "--password" => builder = builder.password(value()),
            "--build-delay-ms" => {
                builder = builder.server_build_delay(Duration::from_millis(
                    value().parse().unwrap_or_else(|_| usage()),
                ));
            }
            "--volume-delay-ms" => {
                builder = builder.volume_delay(Duration::from_millis(
                    value().parse().unwrap_or_else(|_| usage()),
                ));
            }
            "--help" | "-h" => usage(),
            _ => usage(),
        }
    }
    let emulator = match builder.start().await {
        Ok(e) => e,
        Err(e) => {
            eprintln!("openstack-emulator: cannot start: {e}");
            std::process::exit(1);
        }
    };
    println!("openstack-emulator listening on {}", emulator.url());
    println!("auth URL:  {}", emulator.auth_url());
    println!(
        "users:     admin / {pw} (project admin), demo / {pw} (project demo), domain default",
        pw = emulator.password()
    );
    println!("region:    RegionOne");
    println!();
    println!("# openrc:");
    print!("{}", emulator.openrc());
    println!();
    println!("Press Ctrl-C to stop.");
    let _ = tokio::signal::ctrl_c().await;
    emulator.shutdown().await;
}
