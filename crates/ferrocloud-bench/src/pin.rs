//! CPU placement for the `isolated` topology: the harness's server processes on some CPUs,
//! the measured client (the SDK child or curl) on the others, as when a client and a cloud
//! do not share cores. Uses `taskset` (util-linux); every change is undone on drop.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::Result;

/// Where the server and the client run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Topology {
    /// Everything on every CPU, as the scheduler likes (client and server compete).
    Shared,
    /// The server on all CPUs but the last, the client on the last.
    Isolated,
}

impl Topology {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Topology::Shared => "shared",
            Topology::Isolated => "isolated",
        }
    }
}

/// The CPU lists of the isolated topology: (server, client), e.g. ("0", "1") on two CPUs.
pub(crate) fn split_cpus() -> Result<(String, String)> {
    let n = std::thread::available_parallelism().map_or(1, usize::from);
    if n < 2 {
        return Err("the isolated topology needs at least 2 CPUs".into());
    }
    let server = if n == 2 {
        "0".to_owned()
    } else {
        format!("0-{}", n - 2)
    };
    Ok((server, (n - 1).to_string()))
}

/// The harness's state directory (as `cargo xtask realcloud` uses it).
fn realcloud_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("FERROCLOUD_REALCLOUD_DIR") {
        return PathBuf::from(d);
    }
    let home = std::env::var_os("HOME").unwrap_or_else(|| "/root".into());
    Path::new(&home).join(".cache/ferrocloud/realcloud")
}

/// Every process of the harness: those whose command line names its directory (the
/// services in its virtualenv), and those in its PID files (memcached, RabbitMQ).
fn server_pids() -> Result<Vec<u32>> {
    let dir = realcloud_dir();
    let needle = dir.to_string_lossy().into_owned();
    let me = std::process::id();
    let mut pids = Vec::new();
    for entry in std::fs::read_dir("/proc")? {
        let entry = entry?;
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|s| s.parse::<u32>().ok())
        else {
            continue;
        };
        if pid == me {
            continue;
        }
        let Ok(cmdline) = std::fs::read(entry.path().join("cmdline")) else {
            continue;
        };
        if String::from_utf8_lossy(&cmdline).contains(&needle) {
            pids.push(pid);
        }
    }
    if let Ok(run) = std::fs::read_dir(dir.join("run")) {
        for f in run.flatten() {
            if f.path().extension().is_some_and(|e| e == "pid") {
                if let Some(pid) = std::fs::read_to_string(f.path())
                    .ok()
                    .and_then(|s| s.trim().parse::<u32>().ok())
                {
                    if Path::new(&format!("/proc/{pid}")).exists() && !pids.contains(&pid) {
                        pids.push(pid);
                    }
                }
            }
        }
    }
    if pids.is_empty() {
        return Err(format!(
            "no process of the real-service harness found (looked for {}); start it with \
             `cargo xtask realcloud up`",
            dir.display()
        )
        .into());
    }
    Ok(pids)
}

/// The hex affinity mask `taskset -p` reports for `pid`.
fn mask_of(pid: u32) -> Result<String> {
    let out = Command::new("taskset")
        .args(["-p", &pid.to_string()])
        .output()?;
    let text = String::from_utf8_lossy(&out.stdout);
    text.rsplit(':')
        .next()
        .map(|m| m.trim().to_owned())
        .filter(|m| out.status.success() && !m.is_empty())
        .ok_or_else(|| format!("taskset -p {pid}: {}", text.trim()).into())
}

fn set(pid: u32, args: &[&str]) -> bool {
    Command::new("taskset")
        .arg("-a")
        .args(args)
        .arg(pid.to_string())
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The server pinned to some CPUs until dropped.
pub(crate) struct ServerPin {
    saved: Vec<(u32, String)>,
}

impl ServerPin {
    /// Pins every harness process (all its threads) to `cpus` (a `taskset -c` list).
    pub(crate) fn apply(cpus: &str) -> Result<ServerPin> {
        let mut pin = ServerPin { saved: Vec::new() };
        for pid in server_pids()? {
            // A process that ended meanwhile is simply skipped.
            let Ok(mask) = mask_of(pid) else { continue };
            if set(pid, &["-p", "-c", cpus]) {
                pin.saved.push((pid, mask));
            }
        }
        if pin.saved.is_empty() {
            return Err("taskset could not pin any server process".into());
        }
        Ok(pin)
    }

    /// How many processes were pinned.
    pub(crate) fn len(&self) -> usize {
        self.saved.len()
    }
}

impl Drop for ServerPin {
    fn drop(&mut self) {
        for (pid, mask) in &self.saved {
            if !set(*pid, &["-p", mask]) && Path::new(&format!("/proc/{pid}")).exists() {
                eprintln!("warning: could not restore the CPU affinity of pid {pid} to {mask}");
            }
        }
    }
}

/// `cmd` (a program and its arguments) prefixed with `taskset -c cpus` when `cpus` is set.
pub(crate) fn command(cpus: Option<&str>, program: impl AsRef<std::ffi::OsStr>) -> Command {
    match cpus {
        Some(c) => {
            let mut cmd = Command::new("taskset");
            cmd.arg("-c").arg(c).arg(program);
            cmd
        }
        None => Command::new(program),
    }
}
