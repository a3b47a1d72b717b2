//! The real `openstack` CLI (python-openstackclient from the realcloud venv) against the
//! emulator: server create/list/delete, network list, object create/save, image list; and
//! project/user creation, role grants and assignments, a token as the new user.
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openstack_cli_manages_identity_on_the_emulator() {
    let Some(bin) = cli() else {
        assert!(
            std::env::var("FERROCLOUD_REALCLOUD").as_deref() != Ok("1"),
            "FERROCLOUD_REALCLOUD=1 but the realcloud venv has no openstack CLI"
        );
        eprintln!("SKIPPED: no openstack CLI in the realcloud venv");
        return;
    };
    let emu = Emulator::start().await.unwrap();
    let cmd = |args: &'static [&'static str]| run(&bin, &emu, args);
    cmd(&[
        "project",
        "create",
        "--domain",
        "default",
        "--description",
        "CLI project",
        "cli-project",
    ])
    .await;
    cmd(&[
        "user",
        "create",
        "--domain",
        "default",
        "--project",
        "cli-project",
        "--password",
        "cli-secret",
        "--email",
        "cli@example.com",
        "cli-user",
    ])
    .await;
    cmd(&[
        "role",
        "add",
        "--user",
        "cli-user",
        "--project",
        "cli-project",
        "member",
    ])
    .await;
    let assignments = cmd(&[
        "role",
        "assignment",
        "list",
        "--user",
        "cli-user",
        "--names",
        "-f",
        "value",
        "-c",
        "Role",
        "-c",
        "User",
        "-c",
        "Project",
    ])
    .await;
    assert_eq!(
        assignments.trim(),
        "member cli-user@Default cli-project@Default",
        "{assignments}"
    );
    let shown = cmd(&["user", "show", "cli-user", "-f", "value", "-c", "email"]).await;
    assert_eq!(shown.trim(), "cli@example.com");
    // The new user gets a token for its project.
    let bin2 = bin.clone();
    let auth_url = emu.auth_url();
    let token = tokio::task::spawn_blocking(move || {
        Command::new(&bin2)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", std::env::temp_dir())
            .env("OS_AUTH_URL", &auth_url)
            .env("OS_IDENTITY_API_VERSION", "3")
            .env("OS_USERNAME", "cli-user")
            .env("OS_PASSWORD", "cli-secret")
            .env("OS_USER_DOMAIN_ID", "default")
            .env("OS_PROJECT_NAME", "cli-project")
            .env("OS_PROJECT_DOMAIN_ID", "default")
            .args(["token", "issue", "-f", "value", "-c", "project_id"])
            .output()
            .expect("run openstack")
    })
    .await
    .unwrap();
    assert!(
        token.status.success(),
        "{}",
        String::from_utf8_lossy(&token.stderr)
    );
    let project_id = String::from_utf8_lossy(&token.stdout).trim().to_owned();
    let listed = cmd(&["project", "show", "cli-project", "-f", "value", "-c", "id"]).await;
    assert_eq!(listed.trim(), project_id);
    cmd(&[
        "role",
        "remove",
        "--user",
        "cli-user",
        "--project",
        "cli-project",
        "member",
    ])
    .await;
    cmd(&["user", "delete", "cli-user"]).await;
    cmd(&["project", "delete", "cli-project"]).await;
    let users = cmd(&["user", "list", "-f", "value", "-c", "Name"]).await;
    assert!(!users.contains("cli-user"), "{users}");
}
