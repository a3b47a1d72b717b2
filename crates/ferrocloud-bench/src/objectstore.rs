//! The object-store benchmark: streaming upload and download of one object, curl's PUT and
//! GET of the same data, and a static-large-object upload, against a real Swift.

use std::collections::HashMap;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Instant;

use futures::TryStreamExt;
use openstack_core::auth::{AuthOptions, DomainRef, ProjectRef, Scope, UserRef};
use openstack_core::{Body, ProviderClient, ServiceClient};
use openstack_objectstore::large_objects::{self, SloUploadOpts};
use openstack_objectstore::{containers, objects};

use crate::{data, field, param, run_phase, verdict, Options, Result};

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
        "sdk-upload" | "sdk-upload-noverify" => {
            let body = Body::from_stream(data::stream(size));
            let r = objects::upload(
                &swift,
                &container,
                OBJECT,
                body,
                objects::UploadOpts::new()
                    .content_length(size)
                    .content_type("application/octet-stream")
                    .verify(name == "sdk-upload"),
            )
            .await?;
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

/// Runs curl with the token in its config on stdin; returns `-w` output.
fn curl(token: &str, args: &[&str]) -> Result<String> {
    let mut child = Command::new("curl")
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

struct Row {
    what: String,
    mbps: Option<f64>,
    rss_mib: Option<f64>,
    note: String,
}

fn mbps(size: u64, secs: f64) -> f64 {
    size as f64 / 1e6 / secs
}

/// The parent side: sets up, runs every phase, cleans up, prints the table.
pub(crate) fn run(opts: &Options) -> Result<()> {
    let size = opts.size_mib * MIB;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let (_provider, swift) = rt.block_on(connect())?;
    let token = rt.block_on(_provider.token())?;
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
    let result = measure(opts, size, &container, &swift, token.expose_id(), &file);
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
    let rows = result?;
    println!(
        "{:<46} {:>8} {:>12}  notes (best MB/s of {} runs, highest peak RSS)",
        "objectstore phase", "MB/s", "peak RSS MiB", opts.object_runs
    );
    for r in &rows {
        println!(
            "{:<46} {:>8} {:>12}  {}",
            r.what,
            r.mbps.map_or("-".to_owned(), |v| format!("{v:.1}")),
            r.rss_mib.map_or("-".to_owned(), |v| format!("{v:.1}")),
            r.note
        );
    }
    Ok(())
}

fn measure(
    opts: &Options,
    size: u64,
    container: &str,
    swift: &ServiceClient,
    token: &str,
    file: &std::path::Path,
) -> Result<Vec<Row>> {
    let params = [
        ("container", container.to_owned()),
        ("size", size.to_string()),
    ];
    let rss = |r: &HashMap<String, String>| field(r, "hwm_kib").map(|k| k / 1024.0);
    // Best MB/s and highest peak RSS per phase, over the runs.
    let mut best: HashMap<&str, (f64, f64)> = HashMap::new();
    let mut record = |k: &'static str, v: f64, r: f64| {
        let e = best.entry(k).or_insert((0.0, 0.0));
        e.0 = e.0.max(v);
        e.1 = e.1.max(r);
    };

    let idle = run_phase("idle", &params)?;
    let idle_rss = rss(&idle)?;
    let gen = run_phase("gen-only", &params)?;
    let gen_rate = mbps(size, field(&gen, "secs")?);

    let url = format!(
        "{}/{container}/bench-curl",
        swift.endpoint().as_str().trim_end_matches('/')
    );
    if opts.curl {
        data::write_file(file, size)?;
    }
    let file_arg = file.to_string_lossy().into_owned();
    for run in 0..opts.object_runs {
        eprintln!("objectstore run {}/{}", run + 1, opts.object_runs);
        if opts.curl {
            let put = curl(
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
                    &url,
                ],
            )?;
            record("curl-put", mbps(size, put.parse()?), 0.0);
        }
        for phase in ["sdk-upload", "sdk-upload-noverify"] {
            let r = run_phase(phase, &params)?;
            record(phase, mbps(size, field(&r, "secs")?), rss(&r)?);
        }
        if opts.curl {
            let get = curl(token, &["-w", "%{time_total} %{size_download}", &url])?;
            let mut it = get.split_whitespace();
            let secs: f64 = it.next().ok_or("curl: no time")?.parse()?;
            let got: f64 = it.next().ok_or("curl: no size")?.parse()?;
            if got as u64 != size {
                return Err(format!("curl downloaded {got} bytes, expected {size}").into());
            }
            record("curl-get", mbps(size, secs), 0.0);
        }
        for phase in ["sdk-download", "sdk-download-noverify"] {
            let r = run_phase(phase, &params)?;
            record(phase, mbps(size, field(&r, "secs")?), rss(&r)?);
        }
    }
    let _ = std::fs::remove_file(file);
    let slo = if opts.slo {
        let r = run_phase("sdk-slo", &params)?;
        Some((mbps(size, field(&r, "secs")?), rss(&r)?))
    } else {
        None
    };

    let ratio_note = |v: f64, base: Option<&(f64, f64)>| match base {
        Some((b, _)) => {
            let pct = 100.0 * v / b;
            format!(
                "{pct:.0}% of curl (target >= 90%: {})",
                verdict(pct >= 90.0)
            )
        }
        None => String::new(),
    };
    let rss_note = |r: f64, limit: f64| format!("RSS <= {limit:.0} MiB: {}", verdict(r <= limit));
    let mut rows = vec![
        Row {
            what: "SDK process after auth only (baseline)".into(),
            mbps: None,
            rss_mib: Some(idle_rss),
            note: String::new(),
        },
        Row {
            what: "data generator alone (in process)".into(),
            mbps: Some(gen_rate),
            rss_mib: None,
            note: "the CPU cost of making the upload data".into(),
        },
    ];
    let curl_put = best.get("curl-put").copied();
    let curl_get = best.get("curl-get").copied();
    let table = [
        ("curl-put", "curl PUT (file in page cache)", None, false),
        (
            "sdk-upload",
            "SDK objects::upload (stream, MD5 checked)",
            curl_put,
            true,
        ),
        (
            "sdk-upload-noverify",
            "  the same with .verify(false) (no MD5)",
            curl_put,
            false,
        ),
        ("curl-get", "curl GET to /dev/null (no MD5)", None, false),
        (
            "sdk-download",
            "SDK objects::download (stream, MD5 verified)",
            curl_get,
            true,
        ),
        (
            "sdk-download-noverify",
            "  the same with .verify(false) (no MD5)",
            curl_get,
            false,
        ),
    ];
    for (key, what, base, target) in table {
        let Some(&(v, r)) = best.get(key) else {
            continue;
        };
        let is_sdk = key.starts_with("sdk");
        let mut note = String::new();
        if is_sdk {
            note = ratio_note(v, base.as_ref());
            if !target {
                note = note
                    .replace(" (target >= 90%: ok)", "")
                    .replace(" (target >= 90%: MISSED)", "");
            }
            if target {
                note.push_str(&format!("; {}", rss_note(r, RSS_TARGET_MIB)));
            }
        }
        rows.push(Row {
            what: what.into(),
            mbps: Some(v),
            rss_mib: is_sdk.then_some(r),
            note,
        });
    }
    if let Some((v, r)) = slo {
        // Concurrency x segment buffer, plus the process baseline and a little.
        let limit = (CONCURRENCY as u64 * SEGMENT_MIB.min(opts.size_mib)) as f64 + idle_rss + 16.0;
        rows.push(Row {
            what: format!("SDK upload_slo ({SEGMENT_MIB} MiB x {CONCURRENCY} concurrent)"),
            mbps: Some(v),
            rss_mib: Some(r),
            note: rss_note(r, limit),
        });
    }
    Ok(rows)
}
