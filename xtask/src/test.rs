//! `cargo xtask test` (alias `ci`): every check the project requires, in order.
//!
//! 1. `cargo fmt --all -- --check`
//! 2. `cargo clippy --workspace --all-targets -- -D warnings`
//! 3. `RUSTDOCFLAGS=-Dwarnings cargo doc --workspace --no-deps`
//! 4. real services up (unless `--offline`; reused when already up)
//! 5. `cargo nextest run --workspace --no-fail-fast`
//! 6. the examples: `cargo build --workspace --examples --bin openstack-emulator`, then
//!    each example run against the standalone emulator (see [`crate::examples`])
//! 7. `cargo test --workspace --doc` (nextest does not run doctests)
//! 8. real services down, if step 4 started them (also on failure; a
//!    watchdog does it when `xtask` is interrupted)
//!
//! A failing step does not stop the later ones, so one run shows every
//! problem; the exit code is non-zero when any step failed.
//!
//! Tests run in a hermetic environment: every `OS_*` and
//! `FERROCLOUD_REALCLOUD*` variable of the caller is removed. When the real
//! services are up, the tests get `FERROCLOUD_REALCLOUD=1`,
//! `FERROCLOUD_REALCLOUD_DIR`, `FERROCLOUD_REALCLOUD_SERVICES` and
//! `OS_CLIENT_CONFIG_FILE`. Without them (`--offline`), the integration tests
//! (`crates/*/tests/realcloud*.rs`) are excluded with a nextest filter.

use std::ffi::{OsStr, OsString};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use crate::examples;
use crate::realcloud::{self, fmt_duration, CloudState, Guard, Lease, Services, StateDir};

/// Options of `cargo xtask test`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Options {
    /// `--offline`: no real services, integration tests skipped.
    pub(crate) offline: bool,
    /// `--services`: which real services the tests need.
    pub(crate) services: Services,
}

/// The nextest filterset that leaves out the real-service test binaries.
const OFFLINE_FILTER: &str = "not binary(/^realcloud/)";

/// How a step ended.
enum Outcome {
    Passed,
    Failed(String),
    Skipped(String),
}

/// Result of one step, for the summary.
struct StepResult {
    name: String,
    took: Duration,
    outcome: Outcome,
}

/// The steps run so far.
#[derive(Default)]
struct Report {
    steps: Vec<StepResult>,
}

impl Report {
    /// Runs `f` as step `name`, printing its name before and its outcome and
    /// duration after.
    fn step(&mut self, name: &str, f: impl FnOnce() -> Outcome) -> bool {
        println!("\n==> {name}");
        let t0 = Instant::now();
        let outcome = f();
        let took = t0.elapsed();
        let passed = matches!(outcome, Outcome::Passed);
        let verdict = match &outcome {
            Outcome::Passed => "ok".to_owned(),
            Outcome::Failed(why) => format!("FAILED: {why}"),
            Outcome::Skipped(why) => format!("skipped: {why}"),
        };
        println!("<== {name}: {verdict} ({})", fmt_duration(took));
        self.steps.push(StepResult {
            name: name.to_owned(),
            took,
            outcome,
        });
        passed
    }

    fn failures(&self) -> usize {
        self.steps
            .iter()
            .filter(|s| matches!(s.outcome, Outcome::Failed(_)))
            .count()
    }

    fn print_summary(&self, total: Duration) {
        println!("\n==================== cargo xtask test: summary ====================");
        for s in &self.steps {
            let (tag, why) = match &s.outcome {
                Outcome::Passed => ("ok", String::new()),
                Outcome::Failed(why) => ("FAILED", format!("  ({why})")),
                Outcome::Skipped(why) => ("skipped", format!("  ({why})")),
            };
            println!("  {tag:<8} {:>9}  {}{why}", fmt_duration(s.took), s.name);
        }
        let failed = self.failures();
        if failed == 0 {
            println!("  total {}: PASSED", fmt_duration(total));
        } else {
            println!(
                "  total {}: FAILED ({failed} of {} steps)",
                fmt_duration(total),
                self.steps.len()
            );
        }
    }
}

/// Runs `cmd`, mapping its exit status to an [`Outcome`].
fn run(mut cmd: Command) -> Outcome {
    match cmd.status() {
        Ok(s) if s.success() => Outcome::Passed,
        Ok(s) => Outcome::Failed(s.to_string()),
        Err(e) => Outcome::Failed(format!("could not run {:?}: {e}", cmd.get_program())),
    }
}

/// Whether a variable of the caller's environment must not reach the tests.
pub(crate) fn is_leaky(key: &OsStr) -> bool {
    let key = key.to_string_lossy();
    key.starts_with("OS_") || key.starts_with("FERROCLOUD_REALCLOUD")
}

/// The variables that tell the tests where the real cloud is.
fn cloud_env(state: &StateDir, services: &Services) -> Vec<(&'static str, OsString)> {
    vec![
        ("FERROCLOUD_REALCLOUD", OsString::from("1")),
        (
            "FERROCLOUD_REALCLOUD_DIR",
            state.path().as_os_str().to_owned(),
        ),
        (
            "FERROCLOUD_REALCLOUD_SERVICES",
            OsString::from(services.to_csv()),
        ),
        (
            "OS_CLIENT_CONFIG_FILE",
            state.clouds_yaml().into_os_string(),
        ),
    ]
}

/// Whether a variable is one that `cargo run` set for `xtask` itself
/// (`CARGO_PKG_NAME=xtask`, `CARGO_MANIFEST_DIR`, ...). Passed on to the
/// cargo that xtask runs, they would look changed to build scripts that watch
/// them (`ring` does: `rerun-if-env-changed=CARGO_PKG_NAME`), so every switch
/// between `cargo xtask test` and a plain `cargo build` in the same target
/// folder would rebuild ring and everything above it.
fn is_cargo_run_var(key: &OsStr) -> bool {
    let key = key.to_string_lossy();
    key.starts_with("CARGO_PKG_")
        || matches!(
            key.as_ref(),
            "CARGO_MANIFEST_DIR"
                | "CARGO_MANIFEST_PATH"
                | "CARGO_MANIFEST_LINKS"
                | "CARGO_CRATE_NAME"
                | "CARGO_BIN_NAME"
                | "CARGO_PRIMARY_PACKAGE"
        )
}

/// `cargo ARGS` in the workspace root, with the leaky variables (and those
/// that `cargo run` set for xtask) removed and `env` added.
pub(crate) fn cargo(args: &[&str], env: &[(&'static str, OsString)]) -> Command {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo"));
    let mut cmd = Command::new(cargo);
    cmd.args(args).current_dir(workspace_root());
    for (key, _) in std::env::vars_os() {
        if is_leaky(&key) || is_cargo_run_var(&key) {
            cmd.env_remove(&key);
        }
    }
    cmd.envs(env.iter().map(|(k, v)| (k, v)));
    cmd
}

/// The workspace root: the parent of `xtask/`.
fn workspace_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap_or_else(|| Path::new("."))
}

/// The integration tests against real services, by the project's convention
/// `crates/*/tests/realcloud*.rs` (or `crates/*/tests/realcloud*/main.rs`),
/// relative to `root`.
fn realcloud_test_files(root: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(crates) = fs::read_dir(root.join("crates")) else {
        return found;
    };
    for krate in crates.flatten() {
        let Ok(tests) = fs::read_dir(krate.path().join("tests")) else {
            continue;
        };
        for entry in tests.flatten() {
            let path = entry.path();
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let is_test = if path.is_dir() {
                path.join("main.rs").is_file()
            } else {
                name.ends_with(".rs")
            };
            if name.starts_with("realcloud") && is_test {
                found.push(path.strip_prefix(root).unwrap_or(&path).to_path_buf());
            }
        }
    }
    found.sort();
    found
}

/// The arguments of the nextest step. `exclude_realcloud` adds the filter
/// that leaves the real-service test binaries out. (Only pass it when such
/// binaries exist: nextest rejects a `binary()` matcher that matches nothing.)
fn nextest_args(exclude_realcloud: bool) -> Vec<&'static str> {
    let mut args = vec!["nextest", "run", "--workspace", "--no-fail-fast"];
    if exclude_realcloud {
        args.extend(["-E", OFFLINE_FILTER]);
    }
    args
}

fn banner(lines: &[String]) {
    let width = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let bar = "#".repeat(width + 10);
    println!("\n{bar}");
    for l in lines {
        println!("###  {l:<width$}  ###");
    }
    println!("{bar}");
}

fn offline_banner(skipped: &[PathBuf]) {
    let mut lines = vec![
        "REAL-SERVICE TESTS SKIPPED (--offline)".to_owned(),
        "Nothing was tested against real OpenStack services.".to_owned(),
        "Run `cargo xtask test` without --offline before merging.".to_owned(),
        String::new(),
    ];
    if skipped.is_empty() {
        lines.push("(there are no crates/*/tests/realcloud*.rs yet)".to_owned());
    } else {
        lines.push("not run:".to_owned());
        lines.extend(skipped.iter().map(|p| format!("  {}", p.display())));
    }
    banner(&lines);
}

/// The cloud that the tests use, and the guard when this run started it.
struct Cloud {
    env: Vec<(&'static str, OsString)>,
    guard: Option<Guard>,
    state: StateDir,
    /// Keeps `down` (ours at the end, or anybody else's) waiting while the
    /// tests run.
    lease: Lease,
}

/// Step 4: reuse a running cloud or start one.
fn bring_up(opts: &Options, cloud: &mut Option<Cloud>) -> Outcome {
    match try_bring_up(opts) {
        Ok(c) => {
            *cloud = Some(c);
            Outcome::Passed
        }
        Err(e) => Outcome::Failed(e),
    }
}

fn try_bring_up(opts: &Options) -> Result<Cloud, String> {
    let state = StateDir::resolve()?;
    // taken before looking, so that nobody stops the cloud in between
    let lease = Lease::take(&state)?;
    match realcloud::cloud_state(&state) {
        CloudState::Up(running) => {
            if !opts.services.is_subset(&running) {
                return Err(format!(
                    "the services running in {} are {}, but {} were asked for; \
                     stop them with `cargo xtask realcloud down`",
                    state.path().display(),
                    running.to_csv(),
                    opts.services.to_csv()
                ));
            }
            println!(
                "reusing the realcloud services already running in {} ({}); they stay up afterwards",
                state.path().display(),
                running.to_csv()
            );
            Ok(Cloud {
                env: cloud_env(&state, &running),
                guard: None,
                state,
                lease,
            })
        }
        CloudState::Broken(why) => Err(format!(
            "the realcloud in {} is {why}; see `cargo xtask realcloud status`, \
             stop it with `cargo xtask realcloud down`",
            state.path().display()
        )),
        CloudState::Down => {
            drop(lease); // up.sh takes the lock exclusively
            let guard = realcloud::start_guarded(&state, &opts.services)?;
            let lease = Lease::take(&state)?;
            Ok(Cloud {
                env: cloud_env(&state, &opts.services),
                guard: Some(guard),
                state,
                lease,
            })
        }
    }
}

/// Step 6: builds every example and the emulator binary, then runs the examples against it.
fn run_examples() -> Outcome {
    let t0 = Instant::now();
    println!("$ cargo {}", examples::BUILD_ARGS.join(" "));
    if let Outcome::Failed(why) = run(cargo(examples::BUILD_ARGS, &[])) {
        return Outcome::Failed(format!("build: {why}"));
    }
    println!("  built in {}", fmt_duration(t0.elapsed()));
    let root = workspace_root();
    let target = examples::target_dir(root, std::env::var_os("CARGO_TARGET_DIR").as_deref());
    match examples::run_all(root, &target) {
        Ok(()) => Outcome::Passed,
        Err(e) => Outcome::Failed(e),
    }
}

/// `cargo xtask examples`: only step 6.
pub(crate) fn run_examples_only() -> ExitCode {
    let t0 = Instant::now();
    let mut report = Report::default();
    report.step("examples against the emulator", run_examples);
    report.print_summary(t0.elapsed());
    if report.failures() == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Runs the whole pipeline; the exit code is non-zero if any step failed.
pub(crate) fn run_all(opts: &Options) -> ExitCode {
    let t0 = Instant::now();
    let mut report = Report::default();
    let realcloud_tests = realcloud_test_files(workspace_root());
    if opts.offline {
        offline_banner(&realcloud_tests);
    }

    report.step("cargo fmt --all -- --check", || {
        run(cargo(&["fmt", "--all", "--", "--check"], &[]))
    });
    report.step(
        "cargo clippy --workspace --all-targets -- -D warnings",
        || {
            run(cargo(
                &[
                    "clippy",
                    "--workspace",
                    "--all-targets",
                    "--",
                    "-D",
                    "warnings",
                ],
                &[],
            ))
        },
    );
    report.step(
        "RUSTDOCFLAGS=-Dwarnings cargo doc --workspace --no-deps",
        || {
            run(cargo(
                &["doc", "--workspace", "--no-deps"],
                &[("RUSTDOCFLAGS", OsString::from("-Dwarnings"))],
            ))
        },
    );

    let mut cloud: Option<Cloud> = None;
    if opts.offline {
        report.step("realcloud up", || Outcome::Skipped("--offline".to_owned()));
    } else {
        report.step(
            &format!("realcloud up ({})", opts.services.to_csv()),
            || bring_up(opts, &mut cloud),
        );
    }

    let env: &[(&'static str, OsString)] = cloud.as_ref().map_or(&[], |c| &c.env);
    let exclude = cloud.is_none() && !realcloud_tests.is_empty();
    let nextest_name = if cloud.is_some() {
        "cargo nextest run --workspace --no-fail-fast (with real services)".to_owned()
    } else if exclude {
        format!("cargo nextest run --workspace --no-fail-fast -E '{OFFLINE_FILTER}'")
    } else {
        "cargo nextest run --workspace --no-fail-fast (no realcloud tests exist)".to_owned()
    };
    if cloud.is_none() && !opts.offline {
        println!(
            "\nxtask: the real services are not up, so the realcloud tests are left out (this run fails)"
        );
    }
    report.step(&nextest_name, || run(cargo(&nextest_args(exclude), env)));
    report.step("examples against the emulator", run_examples);
    report.step("cargo test --workspace --doc", || {
        run(cargo(&["test", "--workspace", "--doc"], env))
    });

    if let Some(Cloud {
        guard: Some(guard),
        state,
        lease,
        ..
    }) = cloud
    {
        drop(lease); // down.sh takes the lock exclusively
        let dead = realcloud::Snapshot::read(&state).dead().join(", ");
        if !dead.is_empty() {
            println!(
                "\nxtask: WARNING: realcloud processes died during the tests: {dead}; logs: {}",
                state.path().join("logs").display()
            );
        }
        report.step("realcloud down", || match guard.down() {
            Ok(()) => Outcome::Passed,
            Err(e) => Outcome::Failed(e),
        });
    }

    report.print_summary(t0.elapsed());
    if opts.offline {
        offline_banner(&realcloud_tests);
    }
    if report.failures() == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaky_variables() {
        assert!(is_leaky(OsStr::new("OS_CLOUD")));
        assert!(is_leaky(OsStr::new("OS_PASSWORD")));
        assert!(is_leaky(OsStr::new("OS_CLIENT_CONFIG_FILE")));
        assert!(is_leaky(OsStr::new("FERROCLOUD_REALCLOUD")));
        assert!(is_leaky(OsStr::new("FERROCLOUD_REALCLOUD_SERVICES")));
        assert!(!is_leaky(OsStr::new("HOME")));
        assert!(!is_leaky(OsStr::new("CARGO_HOME")));
        assert!(!is_leaky(OsStr::new("POS_X")));
    }

    #[test]
    fn cargo_run_variables() {
        for key in [
            "CARGO_PKG_NAME",
            "CARGO_PKG_VERSION_MAJOR",
            "CARGO_MANIFEST_DIR",
            "CARGO_MANIFEST_PATH",
            "CARGO_CRATE_NAME",
            "CARGO_BIN_NAME",
            "CARGO_PRIMARY_PACKAGE",
        ] {
            assert!(is_cargo_run_var(OsStr::new(key)), "{key}");
        }
        for key in [
            "CARGO",
            "CARGO_HOME",
            "CARGO_TARGET_DIR",
            "CARGO_TERM_COLOR",
            "PATH",
        ] {
            assert!(!is_cargo_run_var(OsStr::new(key)), "{key}");
        }
    }

    #[test]
    fn nextest_filter_only_when_excluding() {
        assert_eq!(
            nextest_args(false),
            ["nextest", "run", "--workspace", "--no-fail-fast"]
        );
        assert_eq!(
            nextest_args(true),
            [
                "nextest",
                "run",
                "--workspace",
                "--no-fail-fast",
                "-E",
                "not binary(/^realcloud/)"
            ]
        );
    }

    #[test]
    fn finds_realcloud_tests_by_convention() {
        let root = std::env::temp_dir().join(format!("xtask-find-{}", std::process::id()));
        let tests = root.join("crates/openstack-x/tests");
        fs::create_dir_all(tests.join("realcloud_dir")).expect("mkdir");
        fs::create_dir_all(tests.join("realcloud_empty")).expect("mkdir");
        fs::create_dir_all(root.join("crates/other")).expect("mkdir");
        for f in [
            "realcloud.rs",
            "realcloud_auth.rs",
            "auth.rs",
            "realcloud.txt",
        ] {
            fs::write(tests.join(f), "").expect("write");
        }
        fs::write(tests.join("realcloud_dir/main.rs"), "").expect("write");
        let found = realcloud_test_files(&root);
        fs::remove_dir_all(&root).expect("cleanup");
        assert_eq!(
            found,
            [
                "crates/openstack-x/tests/realcloud.rs",
                "crates/openstack-x/tests/realcloud_auth.rs",
                "crates/openstack-x/tests/realcloud_dir",
            ]
            .map(PathBuf::from)
        );
        assert!(realcloud_test_files(&root).is_empty());
    }

    #[test]
    fn cargo_command_is_hermetic() {
        let cmd = cargo(&["version"], &[("OS_CLIENT_CONFIG_FILE", "/x".into())]);
        let envs: Vec<_> = cmd.get_envs().collect();
        // every leaky variable of this process is removed ...
        for (key, _) in std::env::vars_os() {
            if (is_leaky(&key) || is_cargo_run_var(&key)) && key != "OS_CLIENT_CONFIG_FILE" {
                assert!(
                    envs.contains(&(key.as_os_str(), None)),
                    "{key:?} not removed"
                );
            }
        }
        // ... and the given ones are set
        assert!(envs.contains(&(OsStr::new("OS_CLIENT_CONFIG_FILE"), Some(OsStr::new("/x")))));
    }

    #[test]
    fn cloud_env_names() {
        let state = StateDir::resolve().expect("state dir");
        let env = cloud_env(&state, &Services::parse("swift").expect("valid"));
        let names: Vec<_> = env.iter().map(|(k, _)| *k).collect();
        assert_eq!(
            names,
            [
                "FERROCLOUD_REALCLOUD",
                "FERROCLOUD_REALCLOUD_DIR",
                "FERROCLOUD_REALCLOUD_SERVICES",
                "OS_CLIENT_CONFIG_FILE"
            ]
        );
        assert_eq!(env[2].1, "keystone,swift");
        assert!(Path::new(&env[3].1).ends_with("clouds.yaml"));
    }
}
