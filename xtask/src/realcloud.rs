//! `cargo xtask realcloud up|down|status`: real OpenStack services on 127.0.0.1.
//!
//! Starting and stopping is done by the proven shell harness in
//! `xtask/realcloud/` (`up.sh`, `down.sh`); this module resolves the state
//! dir, refuses to start twice, reads the PID files the harness writes and
//! probes the services over HTTP for `status`, and guards the processes it
//! starts with a watchdog so that they are stopped again when `xtask` fails or
//! is interrupted (Ctrl-C, SIGTERM, panic).

use std::collections::BTreeSet;
use std::fmt;
use std::fs;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

/// One service of the real cloud, as `up.sh` knows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Service {
    /// Identity (always started).
    Keystone,
    /// Object storage (with memcached).
    Swift,
    /// Images.
    Glance,
    /// Networking (ML2, no agents).
    Neutron,
    /// Block storage (fake driver, with RabbitMQ).
    Cinder,
    /// Compute (fake driver) with placement (with RabbitMQ).
    Nova,
}

impl Service {
    /// Every service, in start order.
    pub(crate) const ALL: [Service; 6] = [
        Service::Keystone,
        Service::Swift,
        Service::Glance,
        Service::Neutron,
        Service::Cinder,
        Service::Nova,
    ];

    /// The name used on command lines and in `FERROCLOUD_REALCLOUD_SERVICES`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Service::Keystone => "keystone",
            Service::Swift => "swift",
            Service::Glance => "glance",
            Service::Neutron => "neutron",
            Service::Cinder => "cinder",
            Service::Nova => "nova",
        }
    }

    /// The processes `up.sh` starts for this service (names of its PID files).
    fn processes(self) -> &'static [&'static str] {
        match self {
            Service::Keystone => &["keystone"],
            Service::Swift => &[
                "memcached",
                "swift-account",
                "swift-container",
                "swift-object",
                "swift-proxy",
                "swift-container-updater",
            ],
            Service::Glance => &["glance"],
            Service::Neutron => &["neutron"],
            Service::Cinder => &[
                "epmd",
                "rabbitmq",
                "cinder-api",
                "cinder-scheduler",
                "cinder-volume",
            ],
            Service::Nova => &[
                "epmd",
                "rabbitmq",
                "placement",
                "nova-api",
                "nova-conductor",
                "nova-scheduler",
                "nova-compute",
            ],
        }
    }

    /// The (port, path) pairs on 127.0.0.1 that must answer 2xx/3xx.
    fn endpoints(self) -> &'static [(u16, &'static str)] {
        match self {
            Service::Keystone => &[(5000, "/v3")],
            Service::Swift => &[
                (8080, "/healthcheck"),
                (6200, "/healthcheck"),
                (6201, "/healthcheck"),
                (6202, "/healthcheck"),
            ],
            Service::Glance => &[(9292, "/healthcheck")],
            Service::Neutron => &[(9696, "/")],
            Service::Cinder => &[(8776, "/")],
            Service::Nova => &[(8778, "/"), (8774, "/")],
        }
    }
}

impl fmt::Display for Service {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A set of services; always contains keystone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Services(BTreeSet<Service>);

impl Services {
    /// All six services.
    pub(crate) fn all() -> Services {
        Services(Service::ALL.into_iter().collect())
    }

    /// Parses a list separated by commas and/or whitespace; adds keystone.
    pub(crate) fn parse(list: &str) -> Result<Services, String> {
        let mut set = BTreeSet::from([Service::Keystone]);
        for word in list.split([',', ' ', '\t', '\n']).filter(|w| !w.is_empty()) {
            let service = Service::ALL
                .into_iter()
                .find(|s| s.name() == word)
                .ok_or_else(|| {
                    format!(
                        "unknown service '{word}' (known: keystone,swift,glance,neutron,cinder,nova)"
                    )
                })?;
            set.insert(service);
        }
        Ok(Services(set))
    }

    /// Whether every service of `self` is in `other`.
    pub(crate) fn is_subset(&self, other: &Services) -> bool {
        self.0.is_subset(&other.0)
    }

    /// The services, in start order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = Service> + '_ {
        self.0.iter().copied()
    }

    /// `keystone,swift,...`, the form exported in `FERROCLOUD_REALCLOUD_SERVICES`.
    pub(crate) fn to_csv(&self) -> String {
        self.iter().map(Service::name).collect::<Vec<_>>().join(",")
    }
}

/// The realcloud state directory (`FERROCLOUD_REALCLOUD_DIR`).
#[derive(Clone, Debug)]
pub(crate) struct StateDir {
    root: PathBuf,
}

impl StateDir {
    /// `$FERROCLOUD_REALCLOUD_DIR`, or `~/.cache/ferrocloud/realcloud`, as an
    /// absolute path (symlinks resolved when it exists).
    pub(crate) fn resolve() -> Result<StateDir, String> {
        let raw = match std::env::var_os("FERROCLOUD_REALCLOUD_DIR").filter(|v| !v.is_empty()) {
            Some(dir) => PathBuf::from(dir),
            None => {
                let home = std::env::var_os("HOME").filter(|v| !v.is_empty()).ok_or(
                    "neither FERROCLOUD_REALCLOUD_DIR nor HOME is set; set FERROCLOUD_REALCLOUD_DIR",
                )?;
                Path::new(&home).join(".cache/ferrocloud/realcloud")
            }
        };
        let abs = if raw.is_absolute() {
            raw
        } else {
            std::env::current_dir()
                .map_err(|e| format!("current directory: {e}"))?
                .join(raw)
        };
        let root = fs::canonicalize(&abs).unwrap_or(abs);
        Ok(StateDir { root })
    }

    /// The state dir itself.
    pub(crate) fn path(&self) -> &Path {
        &self.root
    }

    /// `clouds.yaml` written by `up.sh`.
    pub(crate) fn clouds_yaml(&self) -> PathBuf {
        self.root.join("clouds.yaml")
    }

    fn run_dir(&self) -> PathBuf {
        self.root.join("run")
    }
}

/// Where the harness scripts live: `xtask/realcloud/` of this checkout.
fn harness_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("realcloud")
}

/// One process recorded in `run/`.
#[derive(Debug)]
pub(crate) struct Proc {
    /// PID file name without `.pid`.
    pub(crate) name: String,
    /// The recorded PID, if the PID file is readable.
    pub(crate) pid: Option<u32>,
    /// Whether that PID is alive and still the process `up.sh` started.
    pub(crate) alive: bool,
}

/// What the PID files in `run/` say.
#[derive(Debug)]
pub(crate) struct Snapshot {
    /// `run/services`: what `up.sh` was asked to start.
    pub(crate) services: Option<Services>,
    /// `run/ready` exists: `up.sh` finished successfully.
    pub(crate) ready: bool,
    /// Every process in `run/order`.
    pub(crate) procs: Vec<Proc>,
}

impl Snapshot {
    /// Reads `run/` of `state`.
    pub(crate) fn read(state: &StateDir) -> Snapshot {
        let run = state.run_dir();
        let services = fs::read_to_string(run.join("services"))
            .ok()
            .and_then(|s| Services::parse(s.trim()).ok());
        let ready = run.join("ready").exists();
        let order = fs::read_to_string(run.join("order")).unwrap_or_default();
        let mut seen = BTreeSet::new();
        let procs = order
            .lines()
            .map(str::trim)
            .filter(|n| !n.is_empty() && seen.insert(n.to_string()))
            .map(|name| {
                let pid = fs::read_to_string(run.join(format!("{name}.pid")))
                    .ok()
                    .and_then(|s| s.trim().parse::<u32>().ok());
                let start = fs::read_to_string(run.join(format!("{name}.pid.start")))
                    .ok()
                    .map(|s| s.trim().to_owned());
                let alive = pid.is_some_and(|p| pid_alive(p, start.as_deref()));
                Proc {
                    name: name.to_owned(),
                    pid,
                    alive,
                }
            })
            .collect();
        Snapshot {
            services,
            ready,
            procs,
        }
    }

    /// Whether any recorded process is alive.
    pub(crate) fn any_alive(&self) -> bool {
        self.procs.iter().any(|p| p.alive)
    }

    /// Names of recorded processes that are not alive.
    pub(crate) fn dead(&self) -> Vec<&str> {
        self.procs
            .iter()
            .filter(|p| !p.alive)
            .map(|p| p.name.as_str())
            .collect()
    }

    fn proc(&self, name: &str) -> Option<&Proc> {
        self.procs.iter().find(|p| p.name == name)
    }
}

/// Splits `/proc/PID/stat` into (state, starttime): the fields after the
/// command name, which is in parentheses and may itself contain spaces.
fn parse_stat(stat: &str) -> Option<(char, &str)> {
    let rest = &stat[stat.rfind(')')? + 1..];
    let mut fields = rest.split_whitespace();
    let state = fields.next()?.chars().next()?;
    // state is field 3 of the file, starttime field 22
    let start = fields.nth(18)?;
    Some((state, start))
}

/// Whether `pid` runs (not a zombie) and, when `start` is known, was started
/// at that time (so it is not a reused PID).
fn pid_alive(pid: u32, start: Option<&str>) -> bool {
    let Ok(stat) = fs::read_to_string(format!("/proc/{pid}/stat")) else {
        return false;
    };
    match parse_stat(&stat) {
        Some((state, started)) => {
            !matches!(state, 'Z' | 'X' | 'x') && start.is_none_or(|want| want == started)
        }
        None => false,
    }
}

/// Parses the status code out of an HTTP status line (`HTTP/1.1 200 OK`).
fn parse_status_line(line: &str) -> Option<u16> {
    let mut parts = line.split_whitespace();
    if !parts.next()?.starts_with("HTTP/") {
        return None;
    }
    parts.next()?.parse().ok()
}

/// `GET http://127.0.0.1:{port}{path}`; returns the status code.
fn http_status(port: u16, path: &str, timeout: Duration) -> Result<u16, String> {
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let mut stream = TcpStream::connect_timeout(&addr, timeout).map_err(|e| e.to_string())?;
    stream
        .set_read_timeout(Some(timeout))
        .and_then(|()| stream.set_write_timeout(Some(timeout)))
        .map_err(|e| e.to_string())?;
    // one write (not write!, which writes piece by piece: a server that
    // answers after the first piece and closes makes the next piece fail)
    let request = format!(
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: */*\r\nConnection: close\r\n\r\n"
    );
    let written = stream.write_all(request.as_bytes());
    let mut buf = Vec::with_capacity(256);
    let mut chunk = [0u8; 256];
    while !buf.contains(&b'\n') && buf.len() < 4096 {
        match stream.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(e) if buf.is_empty() && written.is_ok() => return Err(e.to_string()),
            Err(_) => break,
        }
    }
    let text = String::from_utf8_lossy(&buf);
    let line = text.lines().next().unwrap_or_default();
    match (parse_status_line(line), written) {
        (Some(code), _) => Ok(code),
        (None, Err(e)) => Err(e.to_string()),
        (None, Ok(())) => Err(format!("not an HTTP answer: {line:?}")),
    }
}

/// The state of one service, for `status` and for `test`'s "already up?".
#[derive(Debug)]
pub(crate) struct ServiceHealth {
    /// The service.
    pub(crate) service: Service,
    /// Processes of the service that are not alive.
    pub(crate) dead: Vec<String>,
    /// `(url, Ok(status) | Err(reason))` for each endpoint.
    pub(crate) http: Vec<(String, Result<u16, String>)>,
}

impl ServiceHealth {
    /// Every process alive and every endpoint answering 2xx/3xx.
    pub(crate) fn up(&self) -> bool {
        self.dead.is_empty()
            && self
                .http
                .iter()
                .all(|(_, r)| matches!(r, Ok(c) if (200..400).contains(c)))
    }
}

/// Checks the processes and endpoints of `service`.
pub(crate) fn health(snap: &Snapshot, service: Service) -> ServiceHealth {
    let dead = service
        .processes()
        .iter()
        .filter(|n| !snap.proc(n).is_some_and(|p| p.alive))
        .map(|n| (*n).to_owned())
        .collect();
    let http = service
        .endpoints()
        .iter()
        .map(|(port, path)| {
            (
                format!("http://127.0.0.1:{port}{path}"),
                http_status(*port, path, Duration::from_secs(5)),
            )
        })
        .collect();
    ServiceHealth {
        service,
        dead,
        http,
    }
}

/// Whether the cloud in `state` is running, as far as `test` cares.
#[derive(Debug)]
pub(crate) enum CloudState {
    /// No recorded process is alive.
    Down,
    /// `up.sh` finished, and every service it started is up.
    Up(Services),
    /// Something in between; the string says what.
    Broken(String),
}

/// Decides whether the cloud in `state` is down, up or broken.
pub(crate) fn cloud_state(state: &StateDir) -> CloudState {
    let snap = Snapshot::read(state);
    if !snap.any_alive() {
        return CloudState::Down;
    }
    let dead = snap.dead();
    if !dead.is_empty() {
        return CloudState::Broken(format!("partly running: not alive: {}", dead.join(", ")));
    }
    let Some(services) = snap.services.clone() else {
        return CloudState::Broken("processes alive, but run/services is missing".to_owned());
    };
    if !snap.ready {
        return CloudState::Broken(
            "still starting, or its start failed (run/ready is missing)".to_owned(),
        );
    }
    let not_up: Vec<String> = services
        .iter()
        .map(|s| health(&snap, s))
        .filter(|h| !h.up())
        .map(|h| h.service.name().to_owned())
        .collect();
    if not_up.is_empty() {
        CloudState::Up(services)
    } else {
        CloudState::Broken(format!("not answering: {}", not_up.join(", ")))
    }
}

/// A harness command (`bash xtask/realcloud/SCRIPT`) with a clean environment:
/// no `OS_*` from the caller (openstacksdk would mix them into the seeding
/// step's credentials), `FERROCLOUD_REALCLOUD_DIR` set to `state`.
fn harness(state: &StateDir, script: &str) -> Command {
    let mut cmd = Command::new("bash");
    cmd.arg(harness_dir().join(script));
    harness_env(&mut cmd, state);
    cmd
}

/// The environment of every harness process: the caller's, minus `OS_*`,
/// with `FERROCLOUD_REALCLOUD_DIR` set to `state`.
fn harness_env(cmd: &mut Command, state: &StateDir) {
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("OS_") || key == OWNER_VAR {
            cmd.env_remove(&key);
        }
    }
    cmd.env("FERROCLOUD_REALCLOUD_DIR", state.path());
}

/// The variable that carries the owner token to `up.sh` (which records it in
/// `run/owner`) and to the watchdog's `down.sh` (which then stops only a
/// cloud with that token, never one somebody else started meanwhile).
const OWNER_VAR: &str = "FERROCLOUD_REALCLOUD_OWNER";

/// `up.sh`'s exit code for "refused to start, nothing was started".
const UP_REFUSED: i32 = 3;

/// A token unique to this `xtask` run.
fn owner_token() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!("xtask-{}-{nanos}", std::process::id())
}

/// Stops the services of `state` with `down.sh` (no-op when nothing runs).
fn run_down(state: &StateDir) -> Result<(), String> {
    let status = harness(state, "down.sh")
        .status()
        .map_err(|e| format!("running down.sh: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("down.sh failed ({status})"))
    }
}

/// A watchdog that stops the services unless told otherwise.
///
/// It is a small bash process in its own process group (so Ctrl-C in the
/// terminal does not reach it) that reads lines from a pipe whose only writer
/// is this `xtask` process. `disarm` leaves the services running; `down`, and
/// end-of-file because `xtask` died, run `down.sh`. While `up.sh` runs, the
/// watchdog knows its process group (`up PGID`) and stops it first, so that
/// `up.sh` cannot start more services after `down.sh` ran. This needs neither
/// signal handlers nor `unsafe` code.
pub(crate) struct Guard {
    child: Child,
    stdin: Option<ChildStdin>,
    owner: String,
}

/// The watchdog's script; `$1` is `down.sh`.
const GUARD_SCRIPT: &str = r#"trap '' INT HUP PIPE
up= how=eof
while IFS= read -r line; do
  case $line in
    "up "*) up=${line#up } ;;
    up-done) up= ;;
    disarm) exit 0 ;;
    down) how=down; break ;;
  esac
done
if [ "$how" = eof ]; then
  echo "xtask exited unexpectedly (interrupted?): stopping the realcloud services it started" >&2
  if [ -n "$up" ] && kill -0 -- "-$up" 2>/dev/null; then
    kill -TERM -- "-$up" 2>/dev/null
    for _ in $(seq 100); do kill -0 -- "-$up" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$up" 2>/dev/null
  fi
fi
exec bash "$1"
"#;

impl Guard {
    /// Starts the watchdog for `state`.
    pub(crate) fn arm(state: &StateDir) -> Result<Guard, String> {
        let mut guard = Command::new("bash");
        guard
            .arg("-c")
            .arg(GUARD_SCRIPT)
            .arg("xtask-realcloud-guard")
            .arg(harness_dir().join("down.sh"))
            .stdin(Stdio::piped())
            .process_group(0);
        harness_env(&mut guard, state);
        let owner = owner_token();
        guard.env(OWNER_VAR, &owner);
        let mut child = guard
            .spawn()
            .map_err(|e| format!("starting the realcloud watchdog (bash): {e}"))?;
        let stdin = child.stdin.take();
        Ok(Guard {
            child,
            stdin,
            owner,
        })
    }

    /// Tells the watchdog `line`. An error means it is gone already, and
    /// there is nothing better to do than to go on.
    fn tell(&mut self, line: &str) {
        if let Some(stdin) = self.stdin.as_mut() {
            let _ = writeln!(stdin, "{line}").and_then(|()| stdin.flush());
        }
    }

    /// Sends a last line, closes the pipe and waits for the watchdog.
    fn finish(&mut self, line: &str) -> Result<std::process::ExitStatus, String> {
        self.tell(line);
        self.stdin = None;
        self.child
            .wait()
            .map_err(|e| format!("waiting for the realcloud watchdog: {e}"))
    }

    /// Leaves the services running and ends the watchdog.
    pub(crate) fn disarm(mut self) {
        let _ = self.finish("disarm");
    }

    /// Stops the services (the watchdog runs `down.sh`) and waits for it.
    pub(crate) fn down(mut self) -> Result<(), String> {
        let status = self.finish("down")?;
        if status.success() {
            Ok(())
        } else {
            Err(format!("down.sh failed ({status})"))
        }
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        // dropped without disarm/down (an error path or a panic): stop them
        if self.stdin.is_some() {
            let _ = self.finish("down");
        }
    }
}

/// Starts the services in `state` with `up.sh`, guarded: if it fails or this
/// process dies, what was started is stopped again. Returns the armed guard;
/// the caller decides whether to `disarm` it or to bring the services `down`.
pub(crate) fn start_guarded(state: &StateDir, services: &Services) -> Result<Guard, String> {
    let mut guard = Guard::arm(state)?;
    // its own process group, so that the watchdog can stop up.sh and its
    // helpers (keystone-manage, pip, ...) as a whole if xtask dies
    let mut up = harness(state, "up.sh")
        .args(services.iter().map(Service::name))
        .env(OWNER_VAR, &guard.owner)
        .stdin(Stdio::null())
        .process_group(0)
        .spawn()
        .map_err(|e| format!("running up.sh: {e}"))?;
    guard.tell(&format!("up {}", up.id()));
    let status = up.wait().map_err(|e| format!("waiting for up.sh: {e}"))?;
    guard.tell("up-done");
    if status.success() {
        Ok(guard)
    } else if status.code() == Some(UP_REFUSED) {
        guard.disarm();
        Err("realcloud up refused to start (see above); nothing was started".to_owned())
    } else {
        eprintln!(
            "xtask: realcloud up failed ({status}); stopping what it started (logs stay in {})",
            state.path().join("logs").display()
        );
        if let Err(e) = guard.down() {
            eprintln!("xtask: {e}");
        }
        Err(format!("realcloud up failed ({status})"))
    }
}

/// A shared hold on the state dir's lock (`.lock`) while tests use the
/// cloud. `up.sh` holds the lock exclusively while it runs, and `down.sh`
/// waits for the exclusive lock, so a cloud is not stopped under a running
/// `cargo xtask test` (for example one that reuses a cloud that another run
/// started). The lock is held by a `flock` child process that ends when its
/// stdin closes, so it is released even when `xtask` dies.
pub(crate) struct Lease {
    child: Child,
    stdin: Option<ChildStdin>,
}

impl Lease {
    /// Takes the shared lock; waits up to 10 minutes for a running `up` or
    /// `down` to finish.
    pub(crate) fn take(state: &StateDir) -> Result<Lease, String> {
        let lock = state.path().join(".lock");
        fs::create_dir_all(state.path())
            .map_err(|e| format!("creating {}: {e}", state.path().display()))?;
        let mut child = Command::new("flock")
            .args(["--shared", "--wait", "600"])
            .arg(&lock)
            .args(["sh", "-c", "echo locked; exec cat >/dev/null"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("running flock (package util-linux): {e}"))?;
        let stdin = child.stdin.take();
        let mut line = String::new();
        if let Some(mut out) = child.stdout.take() {
            let mut byte = [0u8; 1];
            while out.read(&mut byte).is_ok_and(|n| n == 1) && byte[0] != b'\n' {
                line.push(char::from(byte[0]));
            }
        }
        let mut lease = Lease { child, stdin };
        if line == "locked" {
            Ok(lease)
        } else {
            lease.release();
            Err(format!(
                "could not take the shared lock {} within 10 minutes \
                 (a `realcloud up` or `down` holds it)",
                lock.display()
            ))
        }
    }

    fn release(&mut self) {
        self.stdin = None;
        let _ = self.child.wait();
    }
}

impl Drop for Lease {
    fn drop(&mut self) {
        self.release();
    }
}

/// `cargo xtask realcloud up`.
pub(crate) fn cmd_up(services: &Services) -> Result<(), String> {
    let state = StateDir::resolve()?;
    let t0 = Instant::now();
    let snap = Snapshot::read(&state);
    if snap.any_alive() {
        return Err(format!(
            "realcloud services are already running in {} (see `cargo xtask realcloud status`); \
             stop them first with `cargo xtask realcloud down`",
            state.path().display()
        ));
    }
    let guard = start_guarded(&state, services)?;
    guard.disarm();
    println!(
        "xtask: realcloud up ({}) in {}",
        services.to_csv(),
        fmt_duration(t0.elapsed())
    );
    Ok(())
}

/// `cargo xtask realcloud down`.
pub(crate) fn cmd_down() -> Result<(), String> {
    let state = StateDir::resolve()?;
    let t0 = Instant::now();
    run_down(&state)?;
    println!("xtask: realcloud down in {}", fmt_duration(t0.elapsed()));
    Ok(())
}

/// `cargo xtask realcloud status`: exit code 0 when every started service is
/// up, 3 when nothing is running, 1 otherwise.
pub(crate) fn cmd_status() -> Result<ExitCode, String> {
    let state = StateDir::resolve()?;
    let snap = Snapshot::read(&state);
    let (report, code) = status_report(&state, &snap);
    // not println!: that panics when stdout is a closed pipe (`| head`)
    let _ = std::io::stdout().write_all(report.as_bytes());
    Ok(code)
}

/// The text of `status` and its exit code.
fn status_report(state: &StateDir, snap: &Snapshot) -> (String, ExitCode) {
    use std::fmt::Write as _;
    let mut out = String::new();
    let _ = writeln!(out, "realcloud state dir: {}", state.path().display());
    if !snap.any_alive() {
        let _ = writeln!(
            out,
            "not running (start it with `cargo xtask realcloud up`)"
        );
        return (out, ExitCode::from(3));
    }
    let started = snap.services.clone().unwrap_or_else(Services::all);
    let mut all_up = snap.ready;
    for service in Service::ALL {
        if !started.0.contains(&service) {
            let _ = writeln!(out, "  {:<9} not started", service.name());
            continue;
        }
        let h = health(snap, service);
        let up = h.up();
        all_up &= up;
        let procs = service
            .processes()
            .iter()
            .map(|n| match snap.proc(n) {
                Some(Proc {
                    pid: Some(pid),
                    alive: true,
                    ..
                }) => format!("{n}={pid}"),
                Some(_) => format!("{n}=DEAD"),
                None => format!("{n}=MISSING"),
            })
            .collect::<Vec<_>>()
            .join(" ");
        let http = h
            .http
            .iter()
            .map(|(url, r)| match r {
                Ok(code) => format!("{url} {code}"),
                Err(e) => format!("{url} NO ANSWER ({e})"),
            })
            .collect::<Vec<_>>()
            .join(", ");
        let _ = writeln!(
            out,
            "  {:<9} {:<4}  {http}\n  {:<9}       {procs}",
            service.name(),
            if up { "up" } else { "DOWN" },
            ""
        );
    }
    if !snap.ready {
        let _ = writeln!(out, "up.sh has not finished (still starting, or it failed)");
    }
    if all_up {
        let _ = writeln!(
            out,
            "all up; clients: export OS_CLIENT_CONFIG_FILE={} OS_CLOUD=realcloud-admin",
            state.clouds_yaml().display()
        );
        (out, ExitCode::SUCCESS)
    } else {
        let _ = writeln!(
            out,
            "NOT all up; logs: {}",
            state.path().join("logs").display()
        );
        (out, ExitCode::FAILURE)
    }
}

/// `12.3s` or `2m05.1s`.
pub(crate) fn fmt_duration(d: Duration) -> String {
    let secs = d.as_secs_f64();
    if secs < 60.0 {
        format!("{secs:.1}s")
    } else {
        let m = (secs / 60.0).floor();
        format!("{m:.0}m{:04.1}s", secs - m * 60.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn services_parse_and_csv() {
        let s = Services::parse("nova, swift,,keystone swift").expect("valid");
        assert_eq!(s.to_csv(), "keystone,swift,nova");
        assert_eq!(Services::parse("").expect("valid").to_csv(), "keystone");
        assert_eq!(
            Services::all().to_csv(),
            "keystone,swift,glance,neutron,cinder,nova"
        );
        assert!(Services::parse("keystone,heat").is_err());
        assert!(Services::parse("glance")
            .expect("valid")
            .is_subset(&Services::all()));
        assert!(!Services::all().is_subset(&Services::parse("glance").expect("valid")));
    }

    #[test]
    fn stat_parsing() {
        let stat = "4242 (gunicorn: master [x) y]) S 1 4242 4242 0 -1 4194560 1 0 0 0 \
                    0 0 0 0 20 0 1 0 987654 1000 100 18446744073709551615";
        assert_eq!(parse_stat(stat), Some(('S', "987654")));
        assert_eq!(parse_stat("12 (bash) Z 1"), None);
        assert_eq!(parse_stat("garbage"), None);
    }

    #[test]
    fn own_process_is_alive_and_start_time_is_checked() {
        let pid = std::process::id();
        let stat = fs::read_to_string(format!("/proc/{pid}/stat")).expect("own stat");
        let (_, start) = parse_stat(&stat).expect("parsable");
        assert!(pid_alive(pid, None));
        assert!(pid_alive(pid, Some(start)));
        assert!(!pid_alive(pid, Some("1")));
        assert!(!pid_alive(u32::MAX, None));
    }

    #[test]
    fn status_line_parsing() {
        assert_eq!(parse_status_line("HTTP/1.1 200 OK"), Some(200));
        assert_eq!(
            parse_status_line("HTTP/1.0 300 Multiple Choices"),
            Some(300)
        );
        assert_eq!(parse_status_line("SSH-2.0-OpenSSH"), None);
        assert_eq!(parse_status_line(""), None);
    }

    #[test]
    fn http_status_against_a_local_listener() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let server = std::thread::spawn(move || {
            let (mut conn, _) = listener.accept().expect("accept");
            let mut req = Vec::new();
            let mut chunk = [0u8; 1024];
            while !req.ends_with(b"\r\n\r\n") {
                let n = conn.read(&mut chunk).expect("read");
                assert!(n > 0, "request ended early");
                req.extend_from_slice(&chunk[..n]);
            }
            let req = String::from_utf8_lossy(&req).into_owned();
            conn.write_all(b"HTTP/1.1 300 Multiple Choices\r\nContent-Length: 0\r\n\r\n")
                .expect("write");
            req
        });
        let code = http_status(port, "/v3", Duration::from_secs(5));
        assert_eq!(code, Ok(300));
        let req = server.join().expect("server thread");
        assert!(req.starts_with("GET /v3 HTTP/1.1\r\n"), "{req}");
    }

    #[test]
    fn http_status_from_a_server_that_answers_early_and_closes() {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let server = std::thread::spawn(move || {
            let (mut conn, _) = listener.accept().expect("accept");
            let mut first = [0u8; 1];
            let _ = conn.read(&mut first).expect("read");
            conn.write_all(b"HTTP/1.0 503 Service Unavailable\r\n\r\n")
                .expect("write");
            // drain the rest, so that closing does not reset the connection
            let mut rest = Vec::new();
            let _ = conn.read_to_end(&mut rest);
        });
        assert_eq!(http_status(port, "/", Duration::from_secs(5)), Ok(503));
        server.join().expect("server thread");
    }

    #[test]
    fn snapshot_of_a_fake_state_dir() {
        let dir = std::env::temp_dir().join(format!("xtask-snapshot-{}", std::process::id()));
        let run = dir.join("run");
        fs::create_dir_all(&run).expect("mkdir");
        let me = std::process::id();
        fs::write(run.join("order"), "keystone\nglance\n").expect("order");
        fs::write(run.join("services"), "keystone,glance\n").expect("services");
        fs::write(run.join("keystone.pid"), format!("{me}\n")).expect("pid");
        fs::write(run.join("glance.pid"), "notapid\n").expect("pid");
        let state = StateDir { root: dir.clone() };
        let snap = Snapshot::read(&state);
        assert_eq!(snap.services, Services::parse("glance").ok());
        assert!(!snap.ready);
        assert!(snap.any_alive());
        assert_eq!(snap.dead(), vec!["glance"]);
        assert!(matches!(cloud_state(&state), CloudState::Broken(_)));
        fs::remove_dir_all(&dir).expect("cleanup");
        assert!(matches!(cloud_state(&state), CloudState::Down));
    }

    #[test]
    fn leases_are_shared_and_block_exclusive_lockers() {
        let dir = std::env::temp_dir().join(format!("xtask-lease-{}", std::process::id()));
        let state = StateDir { root: dir.clone() };
        let exclusive_free = || {
            Command::new("flock")
                .args(["--exclusive", "--nonblock"])
                .arg(dir.join(".lock"))
                .arg("true")
                .status()
                .expect("flock runs")
                .success()
        };
        let a = Lease::take(&state).expect("first lease");
        let b = Lease::take(&state).expect("second lease, shared");
        assert!(!exclusive_free());
        drop(a);
        assert!(!exclusive_free());
        drop(b);
        assert!(exclusive_free());
        fs::remove_dir_all(&dir).expect("cleanup");
    }

    #[test]
    fn durations() {
        assert_eq!(fmt_duration(Duration::from_millis(12_340)), "12.3s");
        assert_eq!(fmt_duration(Duration::from_millis(125_100)), "2m05.1s");
    }
}
