//! The object-store benchmark: streaming upload and download of one object, curl's PUT and
//! GET of the same data, and a static-large-object upload, against a real Swift.

use std::collections::HashMap;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use futures::TryStreamExt;
use openstack_core::auth::{AuthOptions, DomainRef, ProjectRef, Scope, UserRef};
use openstack_core::{Body, ProviderClient, ServiceClient};
use openstack_objectstore::large_objects::{self, SloUploadOpts};
use openstack_objectstore::{containers, objects};

use crate::pin::{self, ServerPin, Topology};
use crate::{data, field, param, run_phase_on, verdict, Options, Result};

const MIB: u64 = 1024 * 1024;
/// The SLO segment size and concurrency measured.
const SEGMENT_MIB: u64 = 64;
const CONCURRENCY: usize = 4;
const OBJECT: &str = "bench-object";
const SLO_OBJECT: &str = "bench-slo";
/// Headroom over the data buffers allowed by the memory targets, in MiB.
const RSS_TARGET_MIB: f64 = 32.0;

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| default.to_owned())
}

async fn connect() -> Result<(ProviderClient, ServiceClient)> {
    let domain = env_or("OS_USER_DOMAIN_ID", "default");
    let auth = AuthOptions::password(
        env_or("OS_AUTH_URL", "http://127.0.0.1:5000/v3"),
        UserRef::name(
            env_or("OS_USERNAME", "admin"),
            DomainRef::id(domain.clone()),
        ),
        env_or("OS_PASSWORD", "secret"),
    )
    .scope(Scope::Project(ProjectRef::name(
        env_or("OS_PROJECT_NAME", "admin"),
        DomainRef::id(env_or("OS_PROJECT_DOMAIN_ID", &domain)),
    )));
    let provider = ProviderClient::builder()
        .auth_options(auth)
        .region(env_or("OS_REGION_NAME", "RegionOne"))
        .request_timeout(std::time::Duration::from_secs(1800))
        .build()
        .await?;
    let swift = openstack_objectstore::client(&provider)?;
    Ok((provider, swift))
}

/// One measured phase, in a child process.
pub(crate) async fn phase(
    name: &str,
    p: &HashMap<String, String>,
) -> Result<HashMap<String, String>> {
    let (_provider, swift) = connect().await?;
    let container: String = param(p, "container")?;
    let size: u64 = param(p, "size")?;
    let mut out = HashMap::new();
    let start = Instant::now();
    match name {
        "idle" => {}
        "gen-only" => {
            // The data generator alone, as the upload polls it (no network, no MD5).
            let mut s = std::pin::pin!(data::stream(size));
            let mut n = 0u64;
            while let Some(chunk) = s.try_next().await? {
                n += chunk.len() as u64;
            }
            if n != size {
                return Err("the generator fell short".into());
            }
        }
        "sdk-upload" | "sdk-upload-noverify" | "sdk-upload-stream" => {
            // From the file curl uploads (in the page cache), or from the generator stream.
            let body = if name == "sdk-upload-stream" {
                Body::from_stream_with_length(data::stream(size), size)
            } else {
                let file: String = param(p, "file")?;
                Body::from_path(&file).await?
            };
            let r = objects::upload(
                &swift,
                &container,
                OBJECT,
                body,
                objects::UploadOpts::new()
                    .content_type("application/octet-stream")
                    .verify(name != "sdk-upload-noverify"),
            )
            .await?;
            if r.bytes != Some(size) {
                return Err(format!("uploaded {:?} bytes, expected {size}", r.bytes).into());
            }
            out.insert("etag".to_owned(), r.etag);
        }
        "sdk-download" | "sdk-download-noverify" => {
            let verify = name == "sdk-download";
            let d = objects::download(
                &swift,
                &container,
                OBJECT,
                objects::DownloadOpts::new().verify(verify),
            )
            .await?;
            if d.is_verified() != verify {
                return Err("the download's verification is not as asked".into());
            }
            let mut s = d.into_stream();
            let mut n = 0u64;
            while let Some(chunk) = s.try_next().await? {
                n += chunk.len() as u64;
            }
            if n != size {
                return Err(format!("downloaded {n} bytes, expected {size}").into());
            }
        }
        "sdk-slo" => {
            let segment = usize::try_from(SEGMENT_MIB * MIB)?;
            let r = large_objects::upload_slo(
                &swift,
                &container,
                SLO_OBJECT,
                Body::from_stream(data::stream(size)),
                SloUploadOpts::new(segment)
                    .concurrency(CONCURRENCY)
                    .segment_container(format!("{container}_segments")),
            )
            .await?;
            if r.bytes != size {
                return Err(format!("the SLO holds {} bytes, expected {size}", r.bytes).into());
            }
        }
        other => return Err(format!("unknown phase {other:?}").into()),
    }
    out.insert("secs".to_owned(), start.elapsed().as_secs_f64().to_string());
    Ok(out)
}

/// Runs curl (pinned to `cpus` when given) with the token in its config on stdin; returns
/// its `-w` output.
fn curl(cpus: Option<&str>, token: &str, args: &[&str]) -> Result<String> {
    let mut child = pin::command(cpus, "curl")
        .args(["-sS", "-f", "-K", "-", "-o", "/dev/null"])
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()?;
    if let Some(mut stdin) = child.stdin.take() {
        writeln!(stdin, "header = \"X-Auth-Token: {token}\"")?;
    }
    let out = child.wait_with_output()?;
    if !out.status.success() {
        return Err(format!("curl {args:?} failed ({})", out.status).into());
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// `curl GET | md5sum`: curl doing the same verification work as the SDK (in a second
/// process). Returns the wall time and the hex digest.
fn curl_md5sum(cpus: Option<&str>, token: &str, url: &str) -> Result<(Duration, String)> {
    let start = Instant::now();
    let mut curl = pin::command(cpus, "curl")
        .args(["-sS", "-f", "-K", "-", "-o", "-", url])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()?;
    if let Some(mut stdin) = curl.stdin.take() {
        writeln!(stdin, "header = \"X-Auth-Token: {token}\"")?;
    }
    let pipe = curl.stdout.take().ok_or("curl: no stdout")?;
    let sum = pin::command(cpus, "md5sum")
        .stdin(Stdio::from(pipe))
        .stdout(Stdio::piped())
        .spawn()?
        .wait_with_output()?;
    let status = curl.wait()?;
    let elapsed = start.elapsed();
    if !status.success() || !sum.status.success() {
        return Err(format!("curl | md5sum failed ({status}, {})", sum.status).into());
    }
    let digest = String::from_utf8_lossy(&sum.stdout)
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_owned();
    Ok((elapsed, digest))
}

/// Flushes dirty pages, so that one transfer's writeback does not slow the next one.
fn sync() {
    let _ = Command::new("sync").status();
}

struct Row {
    what: String,
    median: Option<f64>,
    best: Option<f64>,
    rss_mib: Option<f64>,
    note: String,
}

fn mbps(size: u64, secs: f64) -> f64 {
    size as f64 / 1e6 / secs
}

fn median(v: &[f64]) -> f64 {
    let mut v = v.to_vec();
    v.sort_by(f64::total_cmp);
    match v.len() {
        0 => 0.0,
        n if n % 2 == 1 => v[n / 2],
        n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
    }
}

/// The parent side: sets up, runs every phase in every topology, cleans up, prints the tables.
pub(crate) fn run(opts: &Options) -> Result<()> {
    let size = opts.size_mib * MIB;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let (provider, swift) = rt.block_on(connect())?;
    let token = rt.block_on(provider.token())?;
    let container = format!(
        "ferrocloud-bench-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)?
            .as_secs()
    );
    println!(
        "\n== objectstore: {} MiB against {} (container {container})",
        opts.size_mib,
        swift.endpoint()
    );
    rt.block_on(containers::create(
        &swift,
        &container,
        containers::CreateOpts::new(),
    ))?;
    let file = std::env::temp_dir().join(format!("{container}.data"));
    let mut tables = Vec::new();
    let mut result = data::write_file(&file, size).map_err(Into::into);
    for (i, &topology) in opts.topologies.iter().enumerate() {
        if result.is_err() {
            break;
        }
        let slo = opts.slo && i == 0;
        result = measure(
            opts,
            topology,
            slo,
            size,
            &container,
            &swift,
            token.expose_id(),
            &file,
        )
        .map(|rows| tables.push((topology, rows)));
    }
    // Clean up whatever happened.
    let _ = std::fs::remove_file(&file);
    let seg = format!("{container}_segments");
    rt.block_on(async {
        let _ = large_objects::delete_slo(&swift, &container, SLO_OBJECT).await;
        let _ = objects::delete(&swift, &container, OBJECT).await;
        let _ = objects::delete(&swift, &container, "bench-curl").await;
        for c in [&seg, &container] {
            let names: Vec<String> = objects::list_names(&swift, c, objects::ListOpts::new())
                .try_collect()
                .await
                .unwrap_or_default();
            if !names.is_empty() {
                let _ = objects::bulk_delete(&swift, names.iter().map(|n| (c.as_str(), n))).await;
            }
            if let Err(e) = containers::delete(&swift, c).await {
                if !e.is_not_found() {
                    eprintln!("warning: could not delete container {c}: {e}");
                }
            }
        }
    });
    result?;
    for (topology, rows) in tables {
        println!();
        match topology {
            Topology::Shared => println!(
                "topology shared: client and server on all {} CPUs, competing",
                std::thread::available_parallelism().map_or(0, usize::from)
            ),
            Topology::Isolated => {
                let (server, client) = pin::split_cpus()?;
                println!(
                    "topology isolated: server processes on CPU {server}, the measured client on CPU {client}"
                );
            }
        }
        println!(
            "{:<46} {:>8} {:>8} {:>12}  notes (of {} runs; ratios and verdicts use medians)",
            "objectstore phase", "med MB/s", "best", "peak RSS MiB", opts.object_runs
        );
        let num = |v: Option<f64>| v.map_or("-".to_owned(), |v| format!("{v:.1}"));
        for r in &rows {
            println!(
                "{:<46} {:>8} {:>8} {:>12}  {}",
                r.what,
                num(r.median),
                num(r.best),
                num(r.rss_mib),
                r.note
            );
        }
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn measure(
    opts: &Options,
    topology: Topology,
    slo: bool,
    size: u64,
    container: &str,
    swift: &ServiceClient,
    token: &str,
    file: &std::path::Path,
) -> Result<Vec<Row>> {
    let params = [
        ("container", container.to_owned()),
        ("size", size.to_string()),
        ("file", file.to_string_lossy().into_owned()),
    ];
    let (_pin, client_cpus) = match topology {
        Topology::Shared => (None, None),
        Topology::Isolated => {
            let (server, client) = pin::split_cpus()?;
            let p = ServerPin::apply(&server)?;
            eprintln!(
                "isolated: {} server processes pinned to CPU {server}; client on CPU {client}",
                p.len()
            );
            (Some(p), Some(client))
        }
    };
    let cpu = client_cpus.as_deref();
    let phase = |name: &str| run_phase_on(cpu, name, &params);
    let rss = |r: &HashMap<String, String>| field(r, "hwm_kib").map(|k| k / 1024.0);
    // Every run's MB/s and peak RSS per phase.
    let mut samples: HashMap<&str, Vec<(f64, f64)>> = HashMap::new();
    let mut record = |k: &'static str, v: f64, r: f64| samples.entry(k).or_default().push((v, r));

    let idle_rss = rss(&phase("idle")?)?;
    let gen_rate = mbps(size, field(&phase("gen-only")?, "secs")?);

    let url = format!(
        "{}/{container}/",
        swift.endpoint().as_str().trim_end_matches('/')
    );
    let file_arg = file.to_string_lossy().into_owned();
    let object_url = format!("{url}{OBJECT}");
    let curl_url = format!("{url}bench-curl");
    // The uploads first (the downloads read what they wrote), each group in an order that
    // rotates from run to run, so that no phase always goes first after the other group.
    let uploads: Vec<&'static str> = [
        "curl-put",
        "sdk-upload",
        "sdk-upload-noverify",
        "sdk-upload-stream",
    ]
    .into_iter()
    .filter(|k| opts.curl || !k.starts_with("curl"))
    .collect();
    let downloads: Vec<&'static str> = [
        "curl-get",
        "curl-get-md5sum",
        "sdk-download",
        "sdk-download-noverify",
    ]
    .into_iter()
    .filter(|k| opts.curl || !k.starts_with("curl"))
    .collect();
    let mut expected_md5 = String::new();
    for run in 0..opts.object_runs {
        eprintln!(
            "objectstore ({}) run {}/{}",
            topology.name(),
            run + 1,
            opts.object_runs
        );
        for group in [&uploads, &downloads] {
            let mut order = group.clone();
            let n = order.len();
            order.rotate_left(run % n);
            for key in order {
                sync();
                match key {
                    "curl-put" => {
                        let put = curl(
                            cpu,
                            token,
                            &[
                                "-X",
                                "PUT",
                                "-T",
                                &file_arg,
                                "-H",
                                "Expect:",
                                "-w",
                                "%{time_total}",
                                &curl_url,
                            ],
                        )?;
                        record(key, mbps(size, put.parse()?), 0.0);
                    }
                    "curl-get" => {
                        let get = curl(
                            cpu,
                            token,
                            &["-w", "%{time_total} %{size_download}", &object_url],
                        )?;
                        let mut it = get.split_whitespace();
                        let secs: f64 = it.next().ok_or("curl: no time")?.parse()?;
                        let got: f64 = it.next().ok_or("curl: no size")?.parse()?;
                        if got as u64 != size {
                            return Err(
                                format!("curl downloaded {got} bytes, expected {size}").into()
                            );
                        }
                        record(key, mbps(size, secs), 0.0);
                    }
                    "curl-get-md5sum" => {
                        let (t, digest) = curl_md5sum(cpu, token, &object_url)?;
                        if digest != expected_md5 {
                            return Err(format!(
                                "curl | md5sum gave {digest}, but Swift's ETag is {expected_md5}"
                            )
                            .into());
                        }
                        record(key, mbps(size, t.as_secs_f64()), 0.0);
                    }
                    sdk => {
                        let r = phase(sdk)?;
                        record(sdk, mbps(size, field(&r, "secs")?), rss(&r)?);
                        if let Some(etag) = r.get("etag") {
                            etag.clone_into(&mut expected_md5);
                        }
                    }
                }
            }
        }
    }
    let slo = if slo {
        sync();
        let r = phase("sdk-slo")?;
        Some((mbps(size, field(&r, "secs")?), rss(&r)?))
    } else {
        None
    };

    let stats = |k: &str| -> Option<(f64, f64, f64)> {
        let v = samples.get(k)?;
        let rates: Vec<f64> = v.iter().map(|s| s.0).collect();
        Some((
            median(&rates),
            rates.iter().copied().fold(0.0, f64::max),
            v.iter().map(|s| s.1).fold(0.0, f64::max),
        ))
    };
    let rss_note = |r: f64, limit: f64| format!("RSS <= {limit:.0} MiB: {}", verdict(r <= limit));
    let mut rows = vec![
        Row {
            what: "SDK process after auth only (baseline)".into(),
            median: None,
            best: None,
            rss_mib: Some(idle_rss),
            note: String::new(),
        },
        Row {
            what: "data generator alone (in process)".into(),
            median: Some(gen_rate),
            best: None,
            rss_mib: None,
            note: "the CPU cost of making the stream upload's data".into(),
        },
    ];
    // (phase, label, the curl phase it is compared with, whether the 90 % target applies)
    let table: [(&str, &str, Option<&str>, bool); 9] = [
        ("curl-put", "curl PUT -T file (page cache)", None, false),
        (
            "sdk-upload",
            "SDK upload from the file (MD5 checked)",
            Some("curl-put"),
            true,
        ),
        (
            "sdk-upload-noverify",
            "  the same with .verify(false)",
            Some("curl-put"),
            false,
        ),
        (
            "sdk-upload-stream",
            "  from a generated stream (MD5 checked)",
            Some("curl-put"),
            false,
        ),
        ("curl-get", "curl GET to /dev/null (no MD5)", None, false),
        (
            "curl-get-md5sum",
            "curl GET | md5sum (MD5 in a 2nd process)",
            Some("curl-get"),
            false,
        ),
        (
            "sdk-download",
            "SDK download (stream, MD5 verified)",
            Some("curl-get"),
            true,
        ),
        (
            "sdk-download-noverify",
            "  the same with .verify(false)",
            Some("curl-get"),
            false,
        ),
        (
            "sdk-download",
            "  SDK download vs curl GET | md5sum",
            Some("curl-get-md5sum"),
            false,
        ),
    ];
    for (i, (key, what, base, target)) in table.into_iter().enumerate() {
        let Some((med, best, r)) = stats(key) else {
            continue;
        };
        let is_sdk = key.starts_with("sdk");
        let mut note = String::new();
        if let Some((b, _, _)) = base.and_then(stats) {
            let pct = 100.0 * med / b;
            note = format!("{pct:.0}% of {}", base.unwrap_or_default());
            if target {
                note.push_str(&format!(" (target >= 90%: {})", verdict(pct >= 90.0)));
            }
        }
        if is_sdk && target {
            note.push_str(&format!("; {}", rss_note(r, RSS_TARGET_MIB)));
        }
        let repeat = i == table.len() - 1;
        rows.push(Row {
            what: what.into(),
            median: (!repeat).then_some(med),
            best: (!repeat).then_some(best),
            rss_mib: (is_sdk && !repeat).then_some(r),
            note,
        });
    }
    if let Some((v, r)) = slo {
        // Concurrency x segment buffer, plus the process baseline and a little.
        let limit = (CONCURRENCY as u64 * SEGMENT_MIB.min(opts.size_mib)) as f64 + idle_rss + 16.0;
        rows.push(Row {
            what: format!("SDK upload_slo ({SEGMENT_MIB} MiB x {CONCURRENCY} concurrent)"),
            median: Some(v),
            best: None,
            rss_mib: Some(r),
            note: format!("1 run; {}", rss_note(r, limit)),
        });
    }
    Ok(rows)
}
