//! Ferrocloud's benchmarks: throughput and peak memory (RSS) of the SDK, measured in release
//! mode on the machine that runs them.
//!
//! ```text
//! cargo run --release -p ferrocloud-bench -- [all|objectstore|list] [--size-mib N] [--runs N] [--object-runs N] [--topology shared|isolated|both]
//! ```
//!
//! - `objectstore` streams an object of `--size-mib` MiB (1024 by default) of deterministic
//!   pseudo-random bytes up to the real Swift of the test harness (`cargo xtask realcloud up`)
//!   and back down — from a file and from a stream, MD5-verified and not — next to `curl`
//!   doing the same PUT and GET (and `curl | md5sum`), and uploads the same data as a static
//!   large object (64 MiB segments, 4 at a time). Each transfer runs `--object-runs` times
//!   (3 by default; median and best MB/s reported) in two topologies (`--topology`): client
//!   and server sharing every CPU, and the harness pinned away from the measured client's CPU
//!   with `taskset`. Every object and container it creates is deleted at the end. Keystone
//!   and the credentials come from `OS_AUTH_URL`, `OS_USERNAME`, `OS_PASSWORD`,
//!   `OS_PROJECT_NAME` and `OS_REGION_NAME` when set, else the harness's defaults
//!   (`http://127.0.0.1:5000/v3`, admin / secret, project admin, domain default, RegionOne).
//! - `list` serves 50 pages of 1000 realistic Nova servers (about 95 MB of JSON) from a
//!   local HTTP/1.1 server in a separate process and lists them with
//!   `openstack_compute::servers::list`, streaming and collecting, next to the cost of
//!   fetching the pages alone and of parsing them with `serde_json` alone (`--runs`, 5 by
//!   default, best time reported).
//!
//! Each measured phase runs in a fresh child process (this binary, `phase <name>`), so that
//! the peak RSS it reports (`VmHWM` from `/proc/self/status`) belongs to that phase alone.
//! The exit status is non-zero only on errors; a missed target is printed as `MISSED`.

mod data;
mod list;
mod objectstore;
mod pin;

use std::collections::HashMap;
use std::process::Stdio;

/// The error type of the benchmarks.
pub(crate) type BoxError = Box<dyn std::error::Error + Send + Sync>;
/// The result type of the benchmarks.
pub(crate) type Result<T> = std::result::Result<T, BoxError>;

const USAGE: &str = "usage: ferrocloud-bench [all|objectstore|list] [--size-mib N] [--runs N] [--object-runs N] [--no-curl] [--no-slo] [--topology shared|isolated|both]";

/// Command-line options.
#[derive(Debug, Clone)]
pub(crate) struct Options {
    pub(crate) size_mib: u64,
    pub(crate) runs: usize,
    pub(crate) object_runs: usize,
    pub(crate) curl: bool,
    pub(crate) slo: bool,
    pub(crate) topologies: Vec<pin::Topology>,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = if args.first().map(String::as_str) == Some("phase") {
        phase(&args[1..])
    } else {
        run(&args)
    };
    if let Err(e) = result {
        eprintln!("ferrocloud-bench: error: {e}");
        let mut source = e.source();
        while let Some(s) = source {
            eprintln!("  caused by: {s}");
            source = s.source();
        }
        std::process::exit(1);
    }
}

fn run(args: &[String]) -> Result<()> {
    let mut which = "all".to_owned();
    let mut opts = Options {
        size_mib: 1024,
        runs: 5,
        object_runs: 3,
        curl: true,
        slo: true,
        topologies: vec![pin::Topology::Shared, pin::Topology::Isolated],
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "all" | "objectstore" | "list" => a.clone_into(&mut which),
            "--size-mib" => opts.size_mib = parse_next(&mut it, a)?,
            "--runs" => opts.runs = parse_next::<usize>(&mut it, a)?.max(1),
            "--object-runs" => opts.object_runs = parse_next::<usize>(&mut it, a)?.max(1),
            "--no-curl" => opts.curl = false,
            "--no-slo" => opts.slo = false,
            "--topology" => {
                opts.topologies = match it.next().map(String::as_str) {
                    Some("shared") => vec![pin::Topology::Shared],
                    Some("isolated") => vec![pin::Topology::Isolated],
                    Some("both") => vec![pin::Topology::Shared, pin::Topology::Isolated],
                    _ => {
                        return Err(
                            format!("--topology needs shared, isolated or both\n{USAGE}").into(),
                        )
                    }
                }
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown argument {other:?}\n{USAGE}").into()),
        }
    }
    print_conditions();
    if which == "all" || which == "list" {
        list::run(&opts)?;
    }
    if which == "all" || which == "objectstore" {
        objectstore::run(&opts)?;
    }
    Ok(())
}

fn parse_next<T: std::str::FromStr>(
    it: &mut std::slice::Iter<'_, String>,
    flag: &str,
) -> Result<T> {
    it.next()
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| format!("{flag} needs a number\n{USAGE}").into())
}

fn print_conditions() {
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let cpus = std::thread::available_parallelism().map_or(0, usize::from);
    println!(
        "ferrocloud-bench {} ({} build), {cpus} CPUs, load average {}",
        env!("CARGO_PKG_VERSION"),
        if cfg!(debug_assertions) {
            "DEBUG — numbers are meaningless"
        } else {
            "release"
        },
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );
}

/// The child side: runs one phase and prints `RESULT key=value ...` on stdout.
fn phase(args: &[String]) -> Result<()> {
    let name = args.first().ok_or("phase: no name")?;
    let params: HashMap<String, String> = args[1..]
        .iter()
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let mut out = if let Some(rest) = name.strip_prefix("list-") {
        rt.block_on(list::phase(rest, &params))?
    } else if name == "serve" {
        return rt.block_on(list::serve(&params));
    } else {
        rt.block_on(objectstore::phase(name, &params))?
    };
    out.insert("hwm_kib".to_owned(), peak_rss_kib()?.to_string());
    let line: Vec<String> = out.iter().map(|(k, v)| format!("{k}={v}")).collect();
    println!("RESULT {}", line.join(" "));
    Ok(())
}

/// The process's peak resident set size (`VmHWM`), in KiB.
pub(crate) fn peak_rss_kib() -> Result<u64> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .ok_or_else(|| "no VmHWM in /proc/self/status".into())
}

/// The CPU time (user + system) this process has used so far, in seconds (10 ms steps).
pub(crate) fn cpu_secs() -> Result<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat")?;
    // Fields after the command name (which is in parentheses): utime and stime are the
    // 12th and 13th.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks =
        |i: usize| -> Result<f64> { Ok(f.get(i).ok_or("short /proc/self/stat")?.parse::<f64>()?) };
    Ok((ticks(11)? + ticks(12)?) / 100.0)
}

/// Runs `phase <name> <params>` in a fresh child process and returns what it reported.
pub(crate) fn run_phase(name: &str, params: &[(&str, String)]) -> Result<HashMap<String, String>> {
    run_phase_on(None, name, params)
}

/// [`run_phase`] with the child pinned to `cpus` (a `taskset -c` list) when given.
pub(crate) fn run_phase_on(
    cpus: Option<&str>,
    name: &str,
    params: &[(&str, String)],
) -> Result<HashMap<String, String>> {
    let mut cmd = pin::command(cpus, std::env::current_exe()?);
    cmd.arg("phase").arg(name);
    for (k, v) in params {
        cmd.arg(format!("{k}={v}"));
    }
    let out = cmd.stderr(Stdio::inherit()).output()?;
    if !out.status.success() {
        return Err(format!("phase {name} failed ({})", out.status).into());
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix("RESULT "))
        .ok_or_else(|| format!("phase {name} reported no result"))?;
    Ok(line
        .split_whitespace()
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect())
}

/// A numeric field of a phase's result.
pub(crate) fn field(r: &HashMap<String, String>, key: &str) -> Result<f64> {
    r.get(key)
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| format!("the phase result has no number {key:?}").into())
}

/// A parameter of a phase.
pub(crate) fn param<T: std::str::FromStr>(p: &HashMap<String, String>, key: &str) -> Result<T> {
    p.get(key)
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| format!("phase parameter {key:?} missing or invalid").into())
}

/// `ok` or `MISSED`.
pub(crate) fn verdict(met: bool) -> &'static str {
    if met {
        "ok"
    } else {
        "MISSED"
    }
}
