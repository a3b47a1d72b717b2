//! The examples step of `cargo xtask test`: every `crates/*/examples/*.rs` is built once and
//! run against the standalone emulator (`target/debug/openstack-emulator --port 0`).
//!
//! Each example runs with a hermetic environment: every inherited `OS_*` (and
//! `FERROCLOUD_REALCLOUD*`) variable is removed, then the openrc variables that the
//! emulator prints for its `admin` are set — except for the examples that start an emulator
//! of their own (the quickstart, run exactly as the README's first command runs it). The
//! arguments come from [`EXAMPLES`]: `{placeholders}` are filled with unique names, a
//! scratch folder, ids looked up in the emulator before the first example runs, and ids
//! that earlier examples print (e.g. the server that `servers_create` made is resized and
//! deleted by the next examples). Every example must exit with 0 within [`TIMEOUT`].
//! [`SKIPPED`] lists the examples the emulator cannot serve, each with the reason.

use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
use std::fs;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::realcloud::fmt_duration;

/// How long one example may run before it is killed.
pub(crate) const TIMEOUT: Duration = Duration::from_secs(120);

/// How an example is run.
#[derive(Debug)]
pub(crate) struct Example {
    /// The package, e.g. `openstack-compute`.
    pub(crate) krate: &'static str,
    /// The example's name (its file name without `.rs`).
    pub(crate) name: &'static str,
    /// Command-line arguments, with `{placeholders}`.
    pub(crate) args: &'static [&'static str],
    /// Extra environment variables, values with `{placeholders}`.
    pub(crate) env: &'static [(&'static str, &'static str)],
    /// Whether it gets the emulator's openrc variables; `false` for examples that start an
    /// emulator themselves when no cloud is configured.
    pub(crate) openrc: bool,
    /// `(placeholder, prefix)`: after a successful run, the word that follows `prefix` at
    /// the start of an output line (up to whitespace or `;`) becomes `{placeholder}`.
    pub(crate) capture: Option<(&'static str, &'static str)>,
}

impl Example {
    const fn new(krate: &'static str, name: &'static str) -> Self {
        Self {
            krate,
            name,
            args: &[],
            env: &[],
            openrc: true,
            capture: None,
        }
    }
    const fn args(mut self, args: &'static [&'static str]) -> Self {
        self.args = args;
        self
    }
    const fn env(mut self, env: &'static [(&'static str, &'static str)]) -> Self {
        self.env = env;
        self
    }
    const fn own_cloud(mut self) -> Self {
        self.openrc = false;
        self
    }
    const fn capture(mut self, placeholder: &'static str, prefix: &'static str) -> Self {
        self.capture = Some((placeholder, prefix));
        self
    }
    /// `crate/name`, for reports.
    pub(crate) fn id(&self) -> String {
        format!("{}/{}", self.krate, self.name)
    }
}

/// The examples, in the order they run. Placeholders: `{unique}` (a prefix unique to this
/// run), `{tmp}` (a scratch folder holding `disk.img` (1 MiB) and `hello.txt`),
/// `{demo_project_id}`, `{cirros_image_id}`, `{public_network_id}` (looked up in the
/// emulator), and what the `capture`s of earlier examples found.
pub(crate) const EXAMPLES: &[Example] = &[
    Example::new("openstack-core", "catalog"),
    Example::new("openstack-identity", "list_projects").args(&["default"]),
    Example::new("openstack-identity", "application_credentials"),
    Example::new("openstack-identity", "create_user_and_grant_role")
        .args(&["{unique}-alice", "S3cret-{unique}"]),
    Example::new("openstack-network", "network_subnet_port"),
    Example::new("openstack-network", "router_floating_ip")
        .env(&[("EXTERNAL_NETWORK_ID", "{public_network_id}")]),
    Example::new("openstack-network", "security_group"),
    Example::new("openstack-image", "image_upload")
        .args(&["{unique}-image", "{tmp}/disk.img", "raw"])
        .capture("image_id", "created "),
    Example::new("openstack-image", "image_download").args(&["{image_id}", "{tmp}/download.img"]),
    Example::new("openstack-image", "image_share").args(&["{image_id}", "{demo_project_id}"]),
    Example::new("openstack-image", "image_import").args(&["{unique}-import", "{tmp}/disk.img"]),
    Example::new("openstack-compute", "servers_create")
        .args(&["{unique}-server", "1", "{cirros_image_id}"])
        .capture("server_id", "created "),
    Example::new("openstack-compute", "servers_list"),
    Example::new("openstack-compute", "servers_resize").args(&["{server_id}", "2"]),
    Example::new("openstack-compute", "servers_delete").args(&["{server_id}"]),
    Example::new("openstack-blockstorage", "volumes_create").args(&["{unique}-volume"]),
    Example::new("openstack-blockstorage", "volumes_list"),
    Example::new("openstack-blockstorage", "volume_types")
        .args(&["{unique}-type", "{demo_project_id}"]),
    // The v1 API through the catalog's `volume` entry: its versions and volumes.
    Example::new("openstack-blockstorage", "v1_volumes"),
    Example::new("openstack-objectstore", "upload_file").args(&[
        "{unique}-container",
        "hello.txt",
        "{tmp}/hello.txt",
    ]),
    Example::new("openstack-objectstore", "download_file").args(&[
        "{unique}-container",
        "hello.txt",
        "{tmp}/hello-downloaded.txt",
    ]),
    Example::new("openstack-objectstore", "temp_url").args(&["{unique}-container", "hello.txt"]),
    Example::new("openstack-objectstore", "slo_upload").args(&[
        "{unique}-large",
        "disk.img",
        "{tmp}/disk.img",
    ]),
    Example::new("openstack-emulator", "in_your_tests").own_cloud(),
    // As the README's first command: no OS_* variables, so it starts its own emulator.
    Example::new("ferrocloud", "quickstart").own_cloud(),
];

/// `(crate, example, reason)`: the examples the emulator cannot serve.
pub(crate) const SKIPPED: &[(&str, &str, &str)] = &[
    (
        "openstack-network",
        "address_scope",
        "needs Neutron's address scopes, which the emulator does not serve (covered against the real Neutron or httpmock in crates/openstack-network/tests/)",
    ),
    (
        "openstack-network",
        "agents",
        "needs Neutron's agents API (and running agents), which the emulator does not serve (covered against the real Neutron or httpmock in crates/openstack-network/tests/)",
    ),
    (
        "openstack-network",
        "port_forwarding",
        "needs Neutron's floating IP port forwardings, which the emulator does not serve (covered against the real Neutron or httpmock in crates/openstack-network/tests/)",
    ),
    (
        "openstack-network",
        "qos_policy",
        "needs Neutron's QoS policies and rules, which the emulator does not serve (covered against the real Neutron or httpmock in crates/openstack-network/tests/)",
    ),
    (
        "openstack-network",
        "rbac_share_network",
        "needs Neutron's RBAC policies, which the emulator does not serve (covered against the real Neutron or httpmock in crates/openstack-network/tests/)",
    ),
    (
        "openstack-network",
        "trunk_subports",
        "needs Neutron's trunk plugin, which the emulator does not serve (covered against the real Neutron or httpmock in crates/openstack-network/tests/)",
    ),
    (
        "openstack-identity",
        "trusts",
        "needs Keystone's OS-TRUST API, which the emulator does not serve (the same calls run against the real Keystone in crates/openstack-identity/tests/realcloud.rs)",
    ),
    (
        "openstack-identity",
        "federation",
        "needs Keystone's OS-FEDERATION API, which the emulator does not serve (the same calls run against the real Keystone in crates/openstack-identity/tests/realcloud.rs)",
    ),
    (
        "openstack-identity",
        "endpoint_groups",
        "needs Keystone's OS-EP-FILTER API, which the emulator does not serve (the same calls run against the real Keystone in crates/openstack-identity/tests/realcloud.rs)",
    ),
    (
        "openstack-identity",
        "policies_and_ec2",
        "needs Keystone's policies and OS-EC2 credentials/tokens API, which the emulator does not serve (the same calls run against the real Keystone in crates/openstack-identity/tests/realcloud.rs)",
    ),
    (
        "openstack-identity",
        "oauth1",
        "needs Keystone's OS-OAUTH1 API, which the emulator does not serve (the same calls run against the real Keystone in crates/openstack-identity/tests/realcloud.rs)",
    ),
    (
        "rackspace-ext",
        "cdn_enable_container",
        "needs Rackspace's API-key authentication (RS_USERNAME/RS_API_KEY) and Cloud Files CDN, which the emulator does not serve",
    ),
    (
        "rackspace-ext",
        "list_servers",
        "needs Rackspace's API-key authentication (RS_USERNAME/RS_API_KEY) and its networks extension, which the emulator does not serve",
    ),
];

/// The examples in `root`'s `crates/*/examples/` as `(crate folder, example name)`: files
/// `*.rs` and folders with a `main.rs`.
pub(crate) fn example_files(root: &Path) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let Ok(crates) = fs::read_dir(root.join("crates")) else {
        return found;
    };
    for krate in crates.flatten() {
        let Ok(entries) = fs::read_dir(krate.path().join("examples")) else {
            continue;
        };
        let krate = krate.file_name().to_string_lossy().into_owned();
        for entry in entries.flatten() {
            let path = entry.path();
            let file = entry.file_name().to_string_lossy().into_owned();
            let name = if path.is_dir() {
                path.join("main.rs").is_file().then_some(file)
            } else {
                file.strip_suffix(".rs").map(str::to_owned)
            };
            if let Some(name) = name {
                found.push((krate.clone(), name));
            }
        }
    }
    found.sort();
    found
}

/// The examples on disk that are neither run nor skipped.
pub(crate) fn unlisted(files: &[(String, String)]) -> Vec<String> {
    files
        .iter()
        .filter(|(k, n)| {
            !EXAMPLES.iter().any(|e| e.krate == k && e.name == n)
                && !SKIPPED.iter().any(|(sk, sn, _)| sk == k && sn == n)
        })
        .map(|(k, n)| format!("{k}/{n}"))
        .collect()
}

/// Replaces every `{name}` in `template` with `vars[name]`; an unknown name is an error (a
/// value an earlier example should have printed is missing).
pub(crate) fn expand(template: &str, vars: &BTreeMap<String, String>) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after
            .find('}')
            .ok_or_else(|| format!("unclosed '{{' in '{template}'"))?;
        let key = &after[..close];
        let value = vars
            .get(key)
            .ok_or_else(|| format!("no value for {{{key}}} (in '{template}')"))?;
        out.push_str(value);
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The word after `prefix` on the first line of `output` that starts with it, up to
/// whitespace or `;`.
pub(crate) fn capture(output: &str, prefix: &str) -> Option<String> {
    output.lines().find_map(|line| {
        let word = line
            .strip_prefix(prefix)?
            .split(|c: char| c.is_whitespace() || c == ';')
            .next()?;
        (!word.is_empty()).then(|| word.to_owned())
    })
}

/// The `export KEY=VALUE` lines of the emulator's openrc snippet, in order.
pub(crate) fn parse_openrc(stdout: &str) -> Vec<(String, String)> {
    stdout
        .lines()
        .filter_map(|l| l.trim().strip_prefix("export "))
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

/// The environment changes for one example: the inherited variables to remove (every one
/// that [`crate::test::is_leaky`] flags) and the ones to set (the openrc, when `openrc`, then
/// `extra`).
pub(crate) fn example_env(
    inherited: impl IntoIterator<Item = OsString>,
    openrc: Option<&[(String, String)]>,
    extra: &[(String, String)],
) -> (Vec<OsString>, Vec<(String, String)>) {
    let remove = inherited
        .into_iter()
        .filter(|k| crate::test::is_leaky(k))
        .collect();
    let mut set: Vec<(String, String)> = openrc.map(<[_]>::to_vec).unwrap_or_default();
    set.extend(extra.iter().cloned());
    (remove, set)
}

/// In a JSON document, the `"id"` of the first object whose `"name"` is `name` (the emulator
/// answers compact JSON; this scanner handles any whitespace and escaped quotes).
pub(crate) fn id_of_named(json: &str, name: &str) -> Option<String> {
    // one entry per open object: (its "id", whether its "name" matched)
    let mut objects: Vec<(Option<String>, bool)> = Vec::new();
    let mut key: Option<String> = None;
    let mut chars = json.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' => {
                objects.push((None, false));
                key = None;
            }
            '}' => {
                if let Some((Some(id), true)) = objects.pop() {
                    return Some(id);
                }
                key = None;
            }
            '[' | ']' | ',' => key = None,
            '"' => {
                let mut s = String::new();
                while let Some(c) = chars.next() {
                    match c {
                        '\\' => {
                            if let Some(e) = chars.next() {
                                s.push(e);
                            }
                        }
                        '"' => break,
                        _ => s.push(c),
                    }
                }
                while chars.peek().is_some_and(|c| c.is_whitespace()) {
                    chars.next();
                }
                if chars.peek() == Some(&':') {
                    chars.next();
                    key = Some(s);
                } else if let Some(top) = objects.last_mut() {
                    match key.as_deref() {
                        Some("id") => top.0 = Some(s),
                        Some("name") if s == name => top.1 = true,
                        _ => {}
                    }
                    key = None;
                }
            }
            _ => {}
        }
    }
    None
}

/// One HTTP/1.0 exchange with `127.0.0.1:port`: `(status, head, body)`.
fn http(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Result<(u16, String, String), String> {
    let err = |e: std::io::Error| format!("{method} {path}: {e}");
    let mut s = TcpStream::connect(("127.0.0.1", port)).map_err(err)?;
    s.set_read_timeout(Some(Duration::from_secs(10)))
        .map_err(err)?;
    let mut req = format!("{method} {path} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    req.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    s.write_all(req.as_bytes()).map_err(err)?;
    let mut resp = Vec::new();
    s.read_to_end(&mut resp).map_err(err)?;
    let resp = String::from_utf8_lossy(&resp).into_owned();
    let (head, body) = resp
        .split_once("\r\n\r\n")
        .ok_or_else(|| format!("{method} {path}: no HTTP response"))?;
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("{method} {path}: bad status line"))?;
    Ok((status, head.to_owned(), body.to_owned()))
}

/// The value of header `name` in a response head.
fn header(head: &str, name: &str) -> Option<String> {
    head.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.trim()
            .eq_ignore_ascii_case(name)
            .then(|| v.trim().to_owned())
    })
}

/// Looks up the seeded ids the examples need, as the emulator's `admin`.
fn discover(port: u16, password: &str) -> Result<BTreeMap<String, String>, String> {
    let auth = format!(
        r#"{{"auth":{{"identity":{{"methods":["password"],"password":{{"user":{{"name":"admin","domain":{{"id":"default"}},"password":"{password}"}}}}}},"scope":{{"project":{{"name":"admin","domain":{{"id":"default"}}}}}}}}}}"#
    );
    let (status, head, _) = http(
        port,
        "POST",
        "/identity/v3/auth/tokens",
        &[("Content-Type", "application/json")],
        &auth,
    )?;
    let token = header(&head, "x-subject-token")
        .filter(|_| status == 201)
        .ok_or_else(|| format!("authenticating as admin: HTTP {status}"))?;
    let mut vars = BTreeMap::new();
    for (var, path, name) in [
        ("demo_project_id", "/identity/v3/projects?name=demo", "demo"),
        (
            "cirros_image_id",
            "/image/v2/images",
            "cirros-0.6.2-x86_64-disk",
        ),
        (
            "public_network_id",
            "/network/v2.0/networks?name=public",
            "public",
        ),
    ] {
        let (status, _, body) = http(port, "GET", path, &[("X-Auth-Token", &token)], "")?;
        let id = id_of_named(&body, name)
            .ok_or_else(|| format!("GET {path}: HTTP {status}, no '{name}' in the answer"))?;
        vars.insert(var.to_owned(), id);
    }
    Ok(vars)
}

/// The standalone emulator, killed when dropped.
struct EmulatorProcess {
    child: Child,
    port: u16,
    openrc: Vec<(String, String)>,
}

impl Drop for EmulatorProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `bin --port 0` with its output in `log`, and waits until its `/identity/v3`
/// answers.
fn start_emulator(bin: &Path, log: &Path) -> Result<EmulatorProcess, String> {
    let out = fs::File::create(log).map_err(|e| format!("{}: {e}", log.display()))?;
    let err = out.try_clone().map_err(|e| e.to_string())?;
    let mut cmd = Command::new(bin);
    cmd.args(["--port", "0"])
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err);
    for (key, _) in std::env::vars_os() {
        if crate::test::is_leaky(&key) {
            cmd.env_remove(&key);
        }
    }
    let child = cmd
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", bin.display()))?;
    let mut emu = EmulatorProcess {
        child,
        port: 0,
        openrc: Vec::new(),
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let printed = fs::read_to_string(log).unwrap_or_default();
        let openrc = parse_openrc(&printed);
        let port = openrc
            .iter()
            .find(|(k, _)| k == "OS_AUTH_URL")
            .and_then(|(_, url)| url.strip_prefix("http://127.0.0.1:"))
            .and_then(|rest| rest.split('/').next())
            .and_then(|p| p.parse::<u16>().ok());
        if let Some(port) = port.filter(|_| printed.contains("OS_REGION_NAME")) {
            if matches!(http(port, "GET", "/identity/v3", &[], ""), Ok((200, _, _))) {
                emu.port = port;
                emu.openrc = openrc;
                return Ok(emu);
            }
        }
        if let Ok(Some(status)) = emu.child.try_wait() {
            return Err(format!("the emulator exited ({status}):\n{printed}"));
        }
        if Instant::now() > deadline {
            return Err(format!(
                "the emulator did not answer within 30 s:\n{printed}"
            ));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The last `n` lines of `text`.
fn tail(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

/// How one example ended.
struct Run {
    ok: bool,
    why: String,
    stdout: String,
    stderr: String,
}

/// Runs one example binary in `dir` with the environment changes, killing it after
/// `timeout`; its output goes to `dir/<stem>.stdout` and `.stderr`.
fn run_example(
    bin: &Path,
    args: &[String],
    env: &(Vec<OsString>, Vec<(String, String)>),
    dir: &Path,
    stem: &str,
    timeout: Duration,
) -> Run {
    let out_path = dir.join(format!("{stem}.stdout"));
    let err_path = dir.join(format!("{stem}.stderr"));
    let failed = |why: String| Run {
        ok: false,
        why,
        stdout: String::new(),
        stderr: String::new(),
    };
    let (Ok(out), Ok(err)) = (fs::File::create(&out_path), fs::File::create(&err_path)) else {
        return failed(format!("cannot create output files in {}", dir.display()));
    };
    let mut cmd = Command::new(bin);
    cmd.args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err);
    for key in &env.0 {
        cmd.env_remove(key);
    }
    cmd.envs(env.1.iter().map(|(k, v)| (k, v)));
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => return failed(format!("cannot run {}: {e}", bin.display())),
    };
    let t0 = Instant::now();
    let why = loop {
        match child.try_wait() {
            Ok(Some(s)) if s.success() => break String::new(),
            Ok(Some(s)) => break s.to_string(),
            Ok(None) if t0.elapsed() > timeout => {
                let _ = child.kill();
                let _ = child.wait();
                break format!("timed out, killed after {}", fmt_duration(timeout));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => break format!("wait: {e}"),
        }
    };
    Run {
        ok: why.is_empty(),
        why,
        stdout: fs::read_to_string(&out_path).unwrap_or_default(),
        stderr: fs::read_to_string(&err_path).unwrap_or_default(),
    }
}

/// Runs every example in [`EXAMPLES`] against a fresh standalone emulator; the binaries
/// must have been built (`target_dir/debug/examples/`, `target_dir/debug/openstack-emulator`).
/// Prints one line per example. Returns `Err` with a summary when any failed.
pub(crate) fn run_all(root: &Path, target_dir: &Path) -> Result<(), String> {
    let missing = unlisted(&example_files(root));
    if !missing.is_empty() {
        return Err(format!(
            "examples neither run nor skipped: {}; add them to EXAMPLES or SKIPPED in xtask/src/examples.rs",
            missing.join(", ")
        ));
    }
    for (k, n, why) in SKIPPED {
        println!("  skipped  {k}/{n}: {why}");
    }

    let dir = std::env::temp_dir().join(format!("ferrocloud-examples-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let result = run_in(&dir, target_dir);
    if result.is_ok() {
        let _ = fs::remove_dir_all(&dir);
    } else {
        println!("  (outputs kept in {})", dir.display());
    }
    result
}

fn run_in(dir: &Path, target_dir: &Path) -> Result<(), String> {
    let disk: Vec<u8> = (0..1024 * 1024u32).map(|i| (i % 251) as u8).collect();
    fs::write(dir.join("disk.img"), disk).map_err(|e| e.to_string())?;
    fs::write(
        dir.join("hello.txt"),
        "Hello from the Ferrocloud examples!\n",
    )
    .map_err(|e| e.to_string())?;

    let debug = target_dir.join("debug");
    let emu = start_emulator(&debug.join("openstack-emulator"), &dir.join("emulator.log"))?;
    let password = emu
        .openrc
        .iter()
        .find(|(k, _)| k == "OS_PASSWORD")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    println!(
        "  emulator on 127.0.0.1:{} (pid {})",
        emu.port,
        emu.child.id()
    );
    let mut vars = discover(emu.port, &password)?;
    vars.insert("unique".into(), format!("xtask{}", std::process::id()));
    vars.insert("tmp".into(), dir.display().to_string());

    let mut failed = Vec::new();
    for ex in EXAMPLES {
        let t0 = Instant::now();
        let prepared = ex
            .args
            .iter()
            .map(|a| expand(a, &vars))
            .collect::<Result<Vec<_>, _>>()
            .and_then(|args| {
                let extra = ex
                    .env
                    .iter()
                    .map(|(k, v)| Ok(((*k).to_owned(), expand(v, &vars)?)))
                    .collect::<Result<Vec<_>, String>>()?;
                Ok((args, extra))
            });
        let run = match prepared {
            Ok((args, extra)) => {
                let env = example_env(
                    std::env::vars_os().map(|(k, _)| k),
                    ex.openrc.then_some(emu.openrc.as_slice()),
                    &extra,
                );
                let bin = debug.join("examples").join(ex.name);
                run_example(&bin, &args, &env, dir, ex.name, TIMEOUT)
            }
            Err(why) => Run {
                ok: false,
                why,
                stdout: String::new(),
                stderr: String::new(),
            },
        };
        let took = fmt_duration(t0.elapsed());
        if run.ok {
            println!("  ok       {took:>7}  {}", ex.id());
            if let Some((var, prefix)) = ex.capture {
                match capture(&run.stdout, prefix) {
                    Some(v) => {
                        vars.insert(var.to_owned(), v);
                    }
                    None => println!(
                        "  warning: {} printed no line starting with {prefix:?}, so {{{var}}} is unknown",
                        ex.id()
                    ),
                }
            }
        } else {
            println!("  FAILED   {took:>7}  {}: {}", ex.id(), run.why);
            for (what, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
                if !text.trim().is_empty() {
                    println!("    --- {what} (last lines) ---");
                    for l in tail(text, 20).lines() {
                        println!("    {l}");
                    }
                }
            }
            failed.push(ex.id());
        }
    }
    drop(emu);
    if failed.is_empty() {
        println!(
            "  {} examples passed, {} skipped",
            EXAMPLES.len(),
            SKIPPED.len()
        );
        Ok(())
    } else {
        Err(format!(
            "{} of {} examples failed: {}",
            failed.len(),
            EXAMPLES.len(),
            failed.join(", ")
        ))
    }
}

/// The arguments of the build: every example of the workspace (default features, which
/// include what the `ferrocloud` examples require) and the emulator binary, in one cargo
/// invocation.
pub(crate) const BUILD_ARGS: &[&str] = &[
    "build",
    "--workspace",
    "--examples",
    "--bin",
    "openstack-emulator",
];

/// The target folder: `$CARGO_TARGET_DIR` (relative to `root`) or `root/target`.
pub(crate) fn target_dir(root: &Path, env: Option<&OsStr>) -> PathBuf {
    match env {
        Some(d) if !d.is_empty() => root.join(d),
        _ => root.join("target"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn every_example_on_disk_is_run_or_skipped() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("workspace root");
        let files = example_files(root);
        assert!(files.len() > 20, "{files:?}");
        assert_eq!(unlisted(&files), Vec::<String>::new());
        // ... and nothing listed is missing from disk
        let on_disk = |k: &str, n: &str| files.iter().any(|(fk, fn_)| fk == k && fn_ == n);
        for e in EXAMPLES {
            assert!(on_disk(e.krate, e.name), "{} is not on disk", e.id());
        }
        for (k, n, why) in SKIPPED {
            assert!(on_disk(k, n), "{k}/{n} is not on disk");
            assert!(!why.is_empty());
        }
    }

    #[test]
    fn table_is_consistent() {
        // names are unique (the binaries share target/debug/examples/), nothing is both run
        // and skipped
        for (i, e) in EXAMPLES.iter().enumerate() {
            assert!(
                EXAMPLES[i + 1..].iter().all(|o| o.name != e.name),
                "{}",
                e.name
            );
            assert!(!SKIPPED.iter().any(|(_, n, _)| *n == e.name), "{}", e.name);
        }
        // every placeholder is known by the time the example runs
        let mut known: Vec<&str> = vec![
            "unique",
            "tmp",
            "demo_project_id",
            "cirros_image_id",
            "public_network_id",
        ];
        for e in EXAMPLES {
            let mut v = BTreeMap::new();
            for k in &known {
                v.insert((*k).to_owned(), "x".to_owned());
            }
            for t in e.args.iter().chain(e.env.iter().map(|(_, t)| t)) {
                assert!(expand(t, &v).is_ok(), "{}: {t}", e.id());
            }
            if let Some((var, _)) = e.capture {
                known.push(var);
            }
        }
        // the quickstart runs as the README's first command runs it: no openrc
        let quickstart = EXAMPLES
            .iter()
            .find(|e| e.name == "quickstart")
            .expect("quickstart");
        assert!(!quickstart.openrc && quickstart.args.is_empty() && quickstart.env.is_empty());
    }

    #[test]
    fn expands_placeholders() {
        let v = vars(&[("unique", "u1"), ("tmp", "/t")]);
        assert_eq!(expand("{tmp}/disk.img", &v).as_deref(), Ok("/t/disk.img"));
        assert_eq!(expand("{unique}-{unique}", &v).as_deref(), Ok("u1-u1"));
        assert_eq!(expand("plain", &v).as_deref(), Ok("plain"));
        assert!(expand("{server_id}", &v).is_err());
        assert!(expand("{tmp", &v).is_err());
    }

    #[test]
    fn captures_the_word_after_a_prefix() {
        let out = "the cloud offers: x\ncreated 1234-abcd; waiting for ACTIVE\ncreated other\n";
        assert_eq!(capture(out, "created ").as_deref(), Some("1234-abcd"));
        assert_eq!(
            capture("created abc; uploading /t/disk.img", "created ").as_deref(),
            Some("abc")
        );
        assert_eq!(capture("x created abc", "created "), None);
        assert_eq!(capture("created ", "created "), None);
    }

    const EMULATOR_STDOUT: &str = "\
openstack-emulator listening on http://127.0.0.1:40123
auth URL:  http://127.0.0.1:40123/identity/v3
users:     admin / secret (project admin), demo / secret (project demo), domain default
region:    RegionOne

# openrc:
export OS_AUTH_URL=http://127.0.0.1:40123/identity/v3
export OS_IDENTITY_API_VERSION=3
export OS_USERNAME=admin
export OS_PASSWORD=secret
export OS_PROJECT_NAME=admin
export OS_USER_DOMAIN_ID=default
export OS_PROJECT_DOMAIN_ID=default
export OS_REGION_NAME=RegionOne

Press Ctrl-C to stop.
";

    #[test]
    fn parses_the_emulators_openrc() {
        let env = parse_openrc(EMULATOR_STDOUT);
        let keys: Vec<_> = env.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(
            keys,
            [
                "OS_AUTH_URL",
                "OS_IDENTITY_API_VERSION",
                "OS_USERNAME",
                "OS_PASSWORD",
                "OS_PROJECT_NAME",
                "OS_USER_DOMAIN_ID",
                "OS_PROJECT_DOMAIN_ID",
                "OS_REGION_NAME"
            ]
        );
        assert_eq!(env[0].1, "http://127.0.0.1:40123/identity/v3");
        assert_eq!(env[3].1, "secret");
    }

    #[test]
    fn example_env_is_hermetic() {
        let inherited = [
            "OS_CLOUD",
            "HOME",
            "OS_AUTH_URL",
            "FERROCLOUD_REALCLOUD",
            "PATH",
        ]
        .map(OsString::from);
        let openrc = parse_openrc(EMULATOR_STDOUT);
        let extra = vec![("EXTERNAL_NETWORK_ID".to_owned(), "net".to_owned())];

        let (remove, set) = example_env(inherited.clone(), Some(&openrc), &extra);
        assert_eq!(
            remove,
            ["OS_CLOUD", "OS_AUTH_URL", "FERROCLOUD_REALCLOUD"].map(OsString::from)
        );
        assert_eq!(set.len(), 9);
        assert_eq!(set[0].0, "OS_AUTH_URL");
        assert_eq!(set[8], ("EXTERNAL_NETWORK_ID".into(), "net".into()));

        // an example with its own cloud (the quickstart) gets no OS_* at all
        let (remove, set) = example_env(inherited, None, &[]);
        assert_eq!(remove.len(), 3);
        assert!(set.is_empty());
    }

    #[test]
    fn finds_the_id_of_a_named_object() {
        let nets = r#"{"networks":[{"id":"n1","name":"shared","subnets":["s1"],"project_id":"p"},{"admin_state_up":true,"name":"public","router:external":true,"id":"n2","tags":[],"x":{"id":"nested","name":"other"}}]}"#;
        assert_eq!(id_of_named(nets, "public").as_deref(), Some("n2"));
        assert_eq!(id_of_named(nets, "shared").as_deref(), Some("n1"));
        assert_eq!(id_of_named(nets, "other").as_deref(), Some("nested"));
        assert_eq!(id_of_named(nets, "private"), None);
        let spaced = "{ \"projects\" : [ { \"name\" : \"de\\\"mo\" , \"id\" : \"p2\" } ] }";
        assert_eq!(id_of_named(spaced, "de\"mo").as_deref(), Some("p2"));
        // a value equal to the name under another key does not count
        assert_eq!(id_of_named(r#"{"id":"x","owner":"demo"}"#, "demo"), None);
    }

    #[test]
    fn finds_the_target_dir() {
        let root = Path::new("/w");
        assert_eq!(target_dir(root, None), Path::new("/w/target"));
        assert_eq!(
            target_dir(root, Some(OsStr::new(""))),
            Path::new("/w/target")
        );
        assert_eq!(target_dir(root, Some(OsStr::new("t2"))), Path::new("/w/t2"));
        assert_eq!(
            target_dir(root, Some(OsStr::new("/abs"))),
            Path::new("/abs")
        );
    }

    #[test]
    fn runs_a_program_with_its_environment_and_a_timeout() {
        let dir = std::env::temp_dir().join(format!("xtask-run-{}", std::process::id()));
        fs::create_dir_all(&dir).expect("mkdir");
        let sh = Path::new("/bin/sh");
        let script = |s: &str| vec!["-c".to_owned(), s.to_owned()];
        let env = (
            vec![OsString::from("HOME")],
            vec![("OS_USERNAME".to_owned(), "admin".to_owned())],
        );
        let ok = run_example(
            sh,
            &script("echo ${HOME-none} $OS_USERNAME $1; pwd"),
            &env,
            &dir,
            "ok",
            Duration::from_secs(30),
        );
        assert!(ok.ok, "{}", ok.why);
        let pwd = dir.canonicalize().expect("canonical");
        assert_eq!(ok.stdout, format!("none admin\n{}\n", pwd.display()));

        let failed = run_example(
            sh,
            &script("echo out; echo err >&2; exit 3"),
            &env,
            &dir,
            "failed",
            Duration::from_secs(30),
        );
        assert!(!failed.ok);
        assert!(failed.why.contains('3'), "{}", failed.why);
        assert_eq!(
            (failed.stdout.as_str(), failed.stderr.as_str()),
            ("out\n", "err\n")
        );

        let t0 = Instant::now();
        let slow = run_example(
            sh,
            &script("sleep 30"),
            &env,
            &dir,
            "slow",
            Duration::from_millis(200),
        );
        assert!(!slow.ok && slow.why.contains("timed out"), "{}", slow.why);
        assert!(t0.elapsed() < Duration::from_secs(10));

        let missing = run_example(
            &dir.join("no-such-binary"),
            &[],
            &env,
            &dir,
            "missing",
            Duration::from_secs(1),
        );
        assert!(!missing.ok && missing.why.contains("cannot run"));
        fs::remove_dir_all(&dir).expect("cleanup");
    }

    #[test]
    fn reads_headers_and_tails() {
        let head = "HTTP/1.0 201 Created\r\nx-subject-token: abc\r\ncontent-type: application/json";
        assert_eq!(header(head, "X-Subject-Token").as_deref(), Some("abc"));
        assert_eq!(header(head, "x-missing"), None);
        assert_eq!(tail("a\nb\nc", 2), "b\nc");
        assert_eq!(tail("a", 5), "a");
    }
}
