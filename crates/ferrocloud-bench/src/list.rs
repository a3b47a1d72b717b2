//! The listing benchmark: 50 pages of 1000 Nova servers from a local HTTP/1.1 server in a
//! child process, listed with the SDK and parsed with `serde_json` alone.

use std::collections::HashMap;
use std::io::BufRead;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use futures::TryStreamExt;
use openstack_compute::servers::{self, Server};
use openstack_core::ProviderClient;
use serde::Deserialize;
use serde_json::json;

use crate::{field, param, run_phase, verdict, Options, Result};

const PAGES: usize = 50;
const PER_PAGE: usize = 1000;
const TIME_TARGET_S: f64 = 0.4;
const RSS_TARGET_MIB: f64 = 32.0;

fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn uuid(i: u64, salt: u64) -> String {
    let a = mix(i ^ salt.rotate_left(17));
    let b = mix(a);
    format!(
        "{:08x}-{:04x}-4{:03x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xfff,
        0x8000 | (b >> 48) & 0x3fff,
        b & 0xffff_ffff_ffff
    )
}

const PROJECT: &str = "6f70656e737461636b20342065766572";

/// One server in the shape of Nova's `GET /servers/detail` at microversion 2.100.
fn server(i: u64) -> serde_json::Value {
    let id = uuid(i, 1);
    let image = uuid(i % 7, 2);
    let name = format!("bench-server-{i:05}");
    let base = "http://openstack.example.com";
    json!({
        "accessIPv4": "", "accessIPv6": "",
        "addresses": {"private": [{
            "addr": format!("10.{}.{}.{}", (i >> 16) & 255, (i >> 8) & 255, i & 255),
            "OS-EXT-IPS-MAC:mac_addr": format!("fa:16:3e:{:02x}:{:02x}:{:02x}", (i >> 16) & 255, (i >> 8) & 255, i & 255),
            "OS-EXT-IPS:type": "fixed", "version": 4}]},
        "created": "2026-09-03T04:01:32Z", "description": null,
        "locked": false, "locked_reason": null,
        "flavor": {"disk": 1, "ephemeral": 0, "extra_specs": {},
                   "original_name": "m1.tiny", "ram": 512, "swap": 0, "vcpus": 1},
        "hostId": format!("{:016x}{:016x}{:016x}{:08x}", mix(i), mix(i + 1), mix(i + 2), mix(i + 3) >> 32),
        "id": id,
        "image": {"id": image, "links": [{"href": format!("{base}/{PROJECT}/images/{image}"), "rel": "bookmark"}],
                  "properties": {"architecture": "x86_64", "auto_disk_config": "True"}},
        "key_name": "ops-key",
        "links": [
            {"href": format!("{base}/v2.1/{PROJECT}/servers/{id}"), "rel": "self"},
            {"href": format!("{base}/{PROJECT}/servers/{id}"), "rel": "bookmark"}],
        "metadata": {"My Server Name": name},
        "name": name, "config_drive": "",
        "OS-DCF:diskConfig": "AUTO", "OS-EXT-AZ:availability_zone": "nova",
        "OS-EXT-SRV-ATTR:hostname": name,
        "OS-EXT-STS:power_state": 1, "OS-EXT-STS:task_state": null, "OS-EXT-STS:vm_state": "active",
        "os-extended-volumes:volumes_attached": [
            {"id": uuid(i, 3), "delete_on_termination": false}],
        "OS-SRV-USG:launched_at": "2026-09-03T04:01:40.880302", "OS-SRV-USG:terminated_at": null,
        "pinned_availability_zone": null, "progress": 0,
        "scheduler_hints": {"same_host": [uuid(i, 5)]},
        "security_groups": [{"name": "default"}], "server_groups": [],
        "status": "ACTIVE", "tags": [], "tenant_id": PROJECT,
        "trusted_image_certificates": null, "updated": "2026-09-03T04:01:41Z",
        "user_id": "c7a5e2b0d8f34f6e9a1b2c3d4e5f6a7b"
    })
}

/// The pages as the server sends them; page `k` links to `<base>/servers/detail?marker=<last
/// id of page k>`. Also the marker → page index.
fn render(base: &str) -> Result<(Vec<Bytes>, HashMap<String, usize>)> {
    let mut pages = Vec::with_capacity(PAGES);
    let mut index = HashMap::new();
    for k in 0..PAGES {
        let items: Vec<serde_json::Value> = (0..PER_PAGE)
            .map(|j| server((k * PER_PAGE + j) as u64))
            .collect();
        let last = uuid(((k + 1) * PER_PAGE - 1) as u64, 1);
        let page = if k + 1 < PAGES {
            index.insert(last.clone(), k + 1);
            json!({"servers": items, "servers_links": [
                {"href": format!("{base}/servers/detail?marker={last}"), "rel": "next"}]})
        } else {
            json!({"servers": items})
        };
        pages.push(Bytes::from(serde_json::to_vec(&page)?));
    }
    Ok((pages, index))
}

/// The server child: prints `PORT <n>`, then serves until killed.
pub(crate) async fn serve(_p: &HashMap<String, String>) -> Result<()> {
    use http_body_util::Full;
    use hyper_util::rt::TokioIo;

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let port = listener.local_addr()?.port();
    let (pages, index) = render(&format!("http://127.0.0.1:{port}/v2.1"))?;
    let (pages, index) = (Arc::new(pages), Arc::new(index));
    println!("PORT {port}");
    loop {
        let (tcp, _) = listener.accept().await?;
        tcp.set_nodelay(true)?;
        let (pages, index) = (pages.clone(), index.clone());
        tokio::spawn(async move {
            let svc =
                hyper::service::service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                    let page = req
                        .uri()
                        .query()
                        .and_then(|q| q.split('&').find_map(|kv| kv.strip_prefix("marker=")))
                        .and_then(|m| index.get(m).copied())
                        .unwrap_or(0);
                    let body = pages[page].clone();
                    async move {
                        hyper::Response::builder()
                            .header("content-type", "application/json")
                            .body(Full::new(body))
                    }
                });
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(tcp), svc)
                .await;
        });
    }
}

#[derive(Deserialize)]
struct TypedPage {
    servers: Vec<Server>,
    #[serde(default)]
    #[allow(dead_code)]
    servers_links: Option<serde::de::IgnoredAny>,
}

/// One listing mode, `runs` times, in a child process; reports the best and median times.
pub(crate) async fn phase(
    mode: &str,
    p: &HashMap<String, String>,
) -> Result<HashMap<String, String>> {
    let runs: usize = param(p, "runs")?;
    let port: u16 = param(p, "port")?;
    let provider = ProviderClient::builder()
        .endpoint_override("compute", format!("http://127.0.0.1:{port}/v2.1/"))
        .build()
        .await?;
    let compute = openstack_compute::client(&provider)?;
    // Parse-only modes work on the same bytes, held in memory (not timed).
    let pages = if mode.starts_with("parse") {
        render(&format!("http://127.0.0.1:{port}/v2.1"))?.0
    } else {
        Vec::new()
    };
    let mut times = Vec::with_capacity(runs);
    let mut cpu_best = f64::INFINITY;
    let mut count = 0usize;
    let mut bytes = 0usize;
    for _ in 0..runs {
        let start = Instant::now();
        let cpu_start = crate::cpu_secs()?;
        count = 0;
        match mode {
            "parse-value" => {
                for page in &pages {
                    let v: serde_json::Value = serde_json::from_slice(page)?;
                    count += v["servers"].as_array().map_or(0, Vec::len);
                    bytes += page.len();
                }
            }
            "parse-typed" => {
                for page in &pages {
                    let v: TypedPage = serde_json::from_slice(page)?;
                    count += v.servers.len();
                    bytes += page.len();
                }
            }
            "parse-typed-path" => {
                for page in &pages {
                    let mut de = serde_json::Deserializer::from_slice(page);
                    let v: TypedPage = serde_path_to_error::deserialize(&mut de)?;
                    count += v.servers.len();
                    bytes += page.len();
                }
            }
            "http" => {
                for k in 0..PAGES {
                    let mut req = compute.request(http::Method::GET, "servers/detail");
                    if k > 0 {
                        req = req.query(&[("marker", uuid((k * PER_PAGE - 1) as u64, 1))]);
                    }
                    bytes += req.send().await?.bytes().await?.len();
                }
                count = PAGES * PER_PAGE;
            }
            "http-typed" => {
                for k in 0..PAGES {
                    let mut req = compute.request(http::Method::GET, "servers/detail");
                    if k > 0 {
                        req = req.query(&[("marker", uuid((k * PER_PAGE - 1) as u64, 1))]);
                    }
                    let page = req.send().await?.bytes().await?;
                    let v: TypedPage = serde_json::from_slice(&page)?;
                    count += v.servers.len();
                }
            }
            "sdk-stream" => {
                let mut s = servers::list(&compute, servers::ListOpts::new());
                while let Some(server) = s.try_next().await? {
                    if !server.id.is_empty() {
                        count += 1;
                    }
                }
            }
            "sdk-collect" => {
                let all = servers::list(&compute, servers::ListOpts::new())
                    .try_collect_all()
                    .await?;
                count = all.len();
                drop(all);
            }
            other => return Err(format!("unknown list mode {other:?}").into()),
        }
        times.push(start.elapsed());
        cpu_best = cpu_best.min(crate::cpu_secs()? - cpu_start);
        if count != PAGES * PER_PAGE {
            return Err(format!("{mode}: {count} servers, expected {}", PAGES * PER_PAGE).into());
        }
    }
    times.sort();
    let median = times[times.len() / 2];
    let best = times.first().copied().unwrap_or(Duration::ZERO);
    let mut out = HashMap::new();
    out.insert("best".to_owned(), best.as_secs_f64().to_string());
    out.insert("cpu".to_owned(), cpu_best.to_string());
    out.insert("median".to_owned(), median.as_secs_f64().to_string());
    out.insert("items".to_owned(), count.to_string());
    out.insert("bytes_per_run".to_owned(), (bytes / runs).to_string());
    Ok(out)
}

/// Kills the server child when dropped.
struct ServerChild(std::process::Child);

impl Drop for ServerChild {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// The parent side.
pub(crate) fn run(opts: &Options) -> Result<()> {
    let mut child = Command::new(std::env::current_exe()?)
        .args(["phase", "serve"])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()?;
    let stdout = child.stdout.take().ok_or("no stdout from the server")?;
    let server = ServerChild(child);
    let mut line = String::new();
    std::io::BufReader::new(stdout).read_line(&mut line)?;
    let port: u16 = line
        .trim()
        .strip_prefix("PORT ")
        .and_then(|p| p.parse().ok())
        .ok_or_else(|| format!("the server said {line:?}"))?;
    println!(
        "\n== list: {PAGES} pages x {PER_PAGE} Nova servers from 127.0.0.1:{port} (server in pid {}), best of {} runs",
        server.0.id(),
        opts.runs
    );
    println!(
        "size_of::<openstack_compute::servers::Server>() = {} bytes",
        std::mem::size_of::<Server>()
    );
    let params = [("port", port.to_string()), ("runs", opts.runs.to_string())];
    let modes: [(&str, &str); 7] = [
        (
            "parse-value",
            "serde_json::from_slice::<Value>, per page (pages in memory)",
        ),
        (
            "parse-typed",
            "serde_json into Vec<Server>, per page (pages in memory)",
        ),
        (
            "parse-typed-path",
            "the same through serde_path_to_error, as openstack-core decodes",
        ),
        ("http", "SDK raw GET of the 50 pages, bytes only"),
        ("http-typed", "raw GET + plain serde_json into Vec<Server> per page: Pager without serde_path_to_error"),
        ("sdk-stream", "servers::list, streamed (count items)"),
        ("sdk-collect", "servers::list(..).try_collect_all()"),
    ];
    println!(
        "{:<16} {:>9} {:>9} {:>9} {:>8} {:>9}  what / targets",
        "list mode", "best s", "median s", "CPU s", "MB/run", "peak RSS"
    );
    let mut parse_best = None;
    for (mode, what) in modes {
        let r = run_phase(&format!("list-{mode}"), &params)?;
        let best = field(&r, "best")?;
        let median = field(&r, "median")?;
        let cpu = field(&r, "cpu")?;
        let mb = field(&r, "bytes_per_run")? / 1e6;
        let mb = if mb > 0.0 {
            format!("{mb:.1}")
        } else {
            "-".to_owned()
        };
        let rss = field(&r, "hwm_kib")? / 1024.0;
        if mode == "parse-value" {
            parse_best = Some(best);
        }
        let mut notes = what.to_owned();
        if mode.starts_with("sdk") {
            notes.push_str(&format!(
                "; time < {TIME_TARGET_S} s: {}",
                verdict(best < TIME_TARGET_S)
            ));
            if let Some(p) = parse_best {
                notes.push_str(&format!(" ({:.2}x the Value parse)", best / p));
            }
        }
        if mode == "sdk-stream" {
            notes.push_str(&format!(
                "; RSS < {RSS_TARGET_MIB} MiB: {}",
                verdict(rss < RSS_TARGET_MIB)
            ));
        }
        println!(
            "{mode:<16} {best:>9.3} {median:>9.3} {cpu:>9.2} {mb:>8} {:>9}  {notes}",
            format!("{rss:.1}M")
        );
    }
    drop(server);
    Ok(())
}
