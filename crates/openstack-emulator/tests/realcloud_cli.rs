//! The real `openstack` CLI (python-openstackclient from the realcloud venv) against the
//! emulator: server create/list/delete, network list, object create/save, image list.
//!
//! Skipped (with a message) when the venv is absent, unless `FERROCLOUD_REALCLOUD=1`.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use openstack_emulator::Emulator;

fn cli() -> Option<PathBuf> {
    let dir = std::env::var_os("FERROCLOUD_REALCLOUD_DIR")
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache/ferrocloud/realcloud"))
        })?;
    let bin = dir.join("venv/bin/openstack");
    bin.exists().then_some(bin)
}

async fn run(bin: &Path, emu: &Emulator, args: &[&str]) -> String {
    let bin = bin.to_owned();
    let auth_url = emu.auth_url();
    let password = emu.password().to_owned();
    let args: Vec<String> = args.iter().map(|s| (*s).to_owned()).collect();
    let shown = args.clone();
    let out = tokio::task::spawn_blocking(move || {
        Command::new(&bin)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", std::env::temp_dir())
            .env("OS_AUTH_URL", &auth_url)
            .env("OS_IDENTITY_API_VERSION", "3")
            .env("OS_USERNAME", "admin")
            .env("OS_PASSWORD", &password)
            .env("OS_USER_DOMAIN_ID", "default")
            .env("OS_REGION_NAME", "RegionOne")
            // The project through a flag, to exercise --os-... options too.
            .args([
                "--os-project-name",
                "admin",
                "--os-project-domain-id",
                "default",
            ])
            .args(&args)
            .output()
            .expect("run openstack")
    })
    .await
    .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "openstack {shown:?} failed: {}\n{stdout}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openstack_cli_against_the_emulator() {
    let Some(bin) = cli() else {
        assert!(
            std::env::var("FERROCLOUD_REALCLOUD").as_deref() != Ok("1"),
            "FERROCLOUD_REALCLOUD=1 but the realcloud venv has no openstack CLI"
        );
        eprintln!("SKIPPED: no openstack CLI in the realcloud venv (FERROCLOUD_REALCLOUD_DIR or ~/.cache/ferrocloud/realcloud)");
        return;
    };
    let emu = Emulator::start().await.unwrap();
    let images = run(&bin, &emu, &["image", "list", "-f", "value", "-c", "Name"]).await;
    assert!(images.contains("cirros"), "{images}");
    let nets = run(
        &bin,
        &emu,
        &["network", "list", "-f", "value", "-c", "Name"],
    )
    .await;
    assert!(nets.contains("public") && nets.contains("shared"), "{nets}");
    let image = images
        .lines()
        .find(|l| l.contains("cirros"))
        .unwrap()
        .trim()
        .to_owned();
    let created = run(
        &bin,
        &emu,
        &[
            "server",
            "create",
            "--flavor",
            "m1.tiny",
            "--image",
            &image,
            "--network",
            "shared",
            "--wait",
            "-f",
            "value",
            "-c",
            "status",
            "cli-vm",
        ],
    )
    .await;
    assert_eq!(created.trim(), "ACTIVE");
    let list = run(
        &bin,
        &emu,
        &[
            "server", "list", "-f", "value", "-c", "Name", "-c", "Status",
        ],
    )
    .await;
    assert!(list.contains("cli-vm ACTIVE"), "{list}");
    run(&bin, &emu, &["server", "delete", "--wait", "cli-vm"]).await;
    let list = run(&bin, &emu, &["server", "list", "-f", "value", "-c", "Name"]).await;
    assert!(!list.contains("cli-vm"), "{list}");

    let dir = std::env::temp_dir().join(format!("emu-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let src = dir.join("hello.txt");
    std::fs::write(&src, b"hello from the openstack CLI\n").unwrap();
    run(&bin, &emu, &["container", "create", "cli-c"]).await;
    let name = src.to_str().unwrap();
    run(&bin, &emu, &["object", "create", "cli-c", name]).await;
    let dst = dir.join("saved.txt");
    run(
        &bin,
        &emu,
        &[
            "object",
            "save",
            "--file",
            dst.to_str().unwrap(),
            "cli-c",
            name,
        ],
    )
    .await;
    assert_eq!(
        std::fs::read(&dst).unwrap(),
        b"hello from the openstack CLI\n"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
