//! `cargo xtask`: Ferrocloud's project automation.
//!
//! ```text
//! cargo xtask test [--offline] [--services LIST]  the full check: fmt, clippy, doc,
//!                                                 nextest (with real services), the
//!                                                 examples against the emulator, doctests
//! cargo xtask ci   [--offline] [--services LIST]  same as test
//! cargo xtask examples                           build every example, run it against the emulator
//! cargo xtask realcloud up [--services LIST]      start real OpenStack services on 127.0.0.1
//! cargo xtask realcloud down                      stop them
//! cargo xtask realcloud status                    which services are up
//! cargo xtask bench [ARGS]                        the benchmarks (release build; see docs/benchmarks.md)
//! cargo xtask release VERSION [--execute] [--no-test] [--allow-dirty]
//!                                                 bump, CHANGELOG, test, package; dry run
//!                                                 unless --execute (see docs/releasing.md)
//! ```
//!
//! `LIST` is a comma-separated subset of `keystone,swift,glance,neutron,cinder,nova`
//! (default: all of them; keystone always runs, nova includes placement).
//!
//! The real services are installed from PyPI and started by the shell harness
//! in `xtask/realcloud/` (see its README). Their state lives in
//! `$FERROCLOUD_REALCLOUD_DIR`, by default `~/.cache/ferrocloud/realcloud`.
//!
//! This crate's only dependency is `serde_json` (for `cargo metadata`), so that it
//! compiles in seconds.

mod examples;
mod realcloud;
mod release;
mod test;

use std::process::ExitCode;

use realcloud::Services;

/// Usage text printed by `cargo xtask help` and on argument errors.
const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  test [--offline] [--services LIST]
        cargo fmt --check, cargo clippy -D warnings, cargo doc -D warnings, then
        the real services (started unless already up, stopped again if started
        here), cargo nextest run --workspace, every example built and run
        against the standalone emulator, cargo test --doc.
        --offline: no real services; skips the tests in crates/*/tests/realcloud*.rs
  ci [--offline] [--services LIST]
        same as test
  examples
        only the examples step of test: build every example and run each one
        against the standalone emulator
  realcloud up [--services LIST]
        start real OpenStack services from PyPI on 127.0.0.1 (first run: pip
        install into the state dir's venv, ~1-2 min; later runs ~1 min)
  realcloud down
        stop the services started by `realcloud up` (by PID file only)
  realcloud status
        show which services are up (process alive + HTTP answer); exit code 0
        when every started service is up, 3 when nothing runs, 1 otherwise
  bench [all|objectstore|list] [--size-mib N] [--runs N] [--object-runs N] [--no-curl] [--no-slo] [--topology shared|isolated|both]
        the benchmarks, in release mode (`objectstore` needs `realcloud up`);
        see docs/benchmarks.md
  release VERSION [--execute] [--no-test] [--allow-dirty]
        bump every crate to VERSION, date the CHANGELOG, test, package; a dry
        run in a temporary copy unless --execute (commit, tag, cargo publish);
        see docs/releasing.md
  help
        this text

LIST: comma-separated subset of keystone,swift,glance,neutron,cinder,nova
      (default: all; keystone always runs; nova includes placement)

environment:
  FERROCLOUD_REALCLOUD_DIR   state dir (default ~/.cache/ferrocloud/realcloud):
                             venv, configs, data, logs, PID files, clouds.yaml
";

/// A parsed command line.
#[derive(Debug, PartialEq, Eq)]
enum Command {
    /// `test` / `ci`.
    Test(test::Options),
    /// `examples`.
    Examples,
    /// `realcloud up`.
    Up(Services),
    /// `realcloud down`.
    Down,
    /// `realcloud status`.
    Status,
    /// `bench ARGS`: passed on to the `ferrocloud-bench` binary.
    Bench(Vec<String>),
    /// `release VERSION [...]`.
    Release(release::Options),
    /// `help`, `-h`, `--help`.
    Help,
}

/// Parses `--services LIST` / `--services=LIST` at `args[*i]`; advances `*i`
/// past a separate value. Returns `None` when `args[*i]` is not `--services`.
fn services_flag(args: &[String], i: &mut usize) -> Result<Option<Services>, String> {
    let arg = &args[*i];
    let value = if let Some(v) = arg.strip_prefix("--services=") {
        v.to_owned()
    } else if arg == "--services" {
        *i += 1;
        args.get(*i)
            .cloned()
            .ok_or("--services needs a value, e.g. --services keystone,swift")?
    } else {
        return Ok(None);
    };
    Services::parse(&value).map(Some)
}

/// Parses the arguments after `cargo xtask`.
fn parse(args: &[String]) -> Result<Command, String> {
    let Some(first) = args.first() else {
        return Ok(Command::Help);
    };
    match first.as_str() {
        "help" | "-h" | "--help" => Ok(Command::Help),
        "test" | "ci" => {
            let mut opts = test::Options {
                offline: false,
                services: Services::all(),
            };
            let mut i = 1;
            while i < args.len() {
                if args[i] == "--offline" {
                    opts.offline = true;
                } else if let Some(s) = services_flag(args, &mut i)? {
                    opts.services = s;
                } else {
                    return Err(format!("{first}: unknown argument '{}'", args[i]));
                }
                i += 1;
            }
            Ok(Command::Test(opts))
        }
        "bench" => Ok(Command::Bench(args[1..].to_vec())),
        "release" => release::Options::parse(&args[1..]).map(Command::Release),
        "examples" => match args.get(1) {
            Some(extra) => Err(format!("examples: unexpected argument '{extra}'")),
            None => Ok(Command::Examples),
        },
        "realcloud" => {
            let sub = args.get(1).map(String::as_str);
            match sub {
                Some("up") => {
                    let mut services = Services::all();
                    let mut i = 2;
                    while i < args.len() {
                        match services_flag(args, &mut i)? {
                            Some(s) => services = s,
                            None => {
                                return Err(format!("realcloud up: unknown argument '{}'", args[i]))
                            }
                        }
                        i += 1;
                    }
                    Ok(Command::Up(services))
                }
                Some(cmd @ ("down" | "status")) => {
                    if let Some(extra) = args.get(2) {
                        return Err(format!("realcloud {cmd}: unexpected argument '{extra}'"));
                    }
                    Ok(if cmd == "down" {
                        Command::Down
                    } else {
                        Command::Status
                    })
                }
                Some(other) => Err(format!(
                    "realcloud: unknown subcommand '{other}' (up, down, status)"
                )),
                None => Err("realcloud: missing subcommand (up, down, status)".to_owned()),
            }
        }
        other => Err(format!("unknown command '{other}'")),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let command = match parse(&args) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("xtask: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let result = match command {
        Command::Help => {
            print!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Test(opts) => Ok(test::run_all(&opts)),
        Command::Examples => Ok(test::run_examples_only()),
        Command::Bench(extra) => {
            let mut argv = vec!["run", "--release", "-p", "ferrocloud-bench", "--"];
            argv.extend(extra.iter().map(String::as_str));
            match test::cargo(&argv, &[]).status() {
                Ok(s) if s.success() => Ok(ExitCode::SUCCESS),
                Ok(_) => Ok(ExitCode::FAILURE),
                Err(e) => Err(format!("cannot run cargo: {e}")),
            }
        }
        Command::Release(opts) => release::run(&opts),
        Command::Up(services) => realcloud::cmd_up(&services).map(|()| ExitCode::SUCCESS),
        Command::Down => realcloud::cmd_down().map(|()| ExitCode::SUCCESS),
        Command::Status => realcloud::cmd_status(),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("xtask: error: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_owned).collect()
    }

    fn svc(s: &str) -> Services {
        Services::parse(s).expect("valid service list")
    }

    #[test]
    fn parses_test_and_ci() {
        let all = test::Options {
            offline: false,
            services: Services::all(),
        };
        assert_eq!(parse(&args("test")), Ok(Command::Test(all.clone())));
        assert_eq!(parse(&args("ci")), Ok(Command::Test(all)));
        assert_eq!(
            parse(&args("test --offline --services swift,glance")),
            Ok(Command::Test(test::Options {
                offline: true,
                services: svc("keystone,swift,glance"),
            }))
        );
        assert_eq!(
            parse(&args("ci --services=nova")),
            Ok(Command::Test(test::Options {
                offline: false,
                services: svc("nova"),
            }))
        );
        assert!(parse(&args("test --bogus")).is_err());
        assert!(parse(&args("test --services")).is_err());
        assert!(parse(&args("test --services keystone,heat")).is_err());
    }

    #[test]
    fn parses_realcloud() {
        assert_eq!(
            parse(&args("realcloud up")),
            Ok(Command::Up(Services::all()))
        );
        assert_eq!(
            parse(&args("realcloud up --services keystone")),
            Ok(Command::Up(svc("keystone")))
        );
        assert_eq!(parse(&args("realcloud down")), Ok(Command::Down));
        assert_eq!(parse(&args("realcloud status")), Ok(Command::Status));
        assert!(parse(&args("realcloud")).is_err());
        assert!(parse(&args("realcloud prove")).is_err());
        assert!(parse(&args("realcloud down now")).is_err());
        assert!(parse(&args("realcloud up --offline")).is_err());
    }

    #[test]
    fn parses_help_and_unknown() {
        assert_eq!(parse(&[]), Ok(Command::Help));
        assert_eq!(parse(&args("--help")), Ok(Command::Help));
        assert!(parse(&args("benchmark")).is_err());
        assert_eq!(parse(&args("examples")), Ok(Command::Examples));
        assert_eq!(
            parse(&args("bench list --runs 3")),
            Ok(Command::Bench(vec![
                "list".into(),
                "--runs".into(),
                "3".into()
            ]))
        );
        assert!(parse(&args("examples --offline")).is_err());
        assert!(matches!(
            parse(&args("release 0.2.0 --no-test")),
            Ok(Command::Release(o)) if o.no_test && !o.execute
        ));
        assert!(parse(&args("release")).is_err());
    }
}
