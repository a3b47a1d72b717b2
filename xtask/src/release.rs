//! `cargo xtask release VERSION [--execute] [--no-test] [--allow-dirty]`: the
//! release automation (see `docs/releasing.md`).
//!
//! 1. Checks: `VERSION` is semver and greater than `[workspace.package] version`,
//!    the branch is `main`, the tree is clean (unless `--allow-dirty`), the tag
//!    `vVERSION` does not exist yet.
//! 2. The publishable crates (workspace members without `publish = false`) and
//!    their publish order, from `cargo metadata --format-version 1 --no-deps`.
//! 3. The edits, computed in memory: `[workspace.package] version`, every
//!    `=OLD` pin of a workspace member (root `[workspace.dependencies]` and the
//!    crates' manifests), the `"MAJOR.MINOR"` requirements in the dependency
//!    snippets of `README.md` and `docs/*.md` (only when they change and the
//!    new version is not a pre-release), and `CHANGELOG.md` (`## [Unreleased]`
//!    becomes `## [VERSION] - YYYY-MM-DD` under a fresh empty `## [Unreleased]`;
//!    an empty Unreleased section is refused). `Cargo.lock` follows with
//!    `cargo update --workspace --offline`.
//! 4. Unless `--no-test`: `cargo xtask test`, in the working tree.
//! 5. `cargo package -p A -p B ...` for every publishable crate in one
//!    invocation: cargo (1.90+) packages them in dependency order and verifies
//!    each against the others' freshly packaged `.crate` files (a temporary
//!    local registry), so crates that pin a not-yet-published sibling verify.
//!
//! Without `--execute` (the default) it is a dry run: the edits go to a
//! temporary copy of the tracked files (the working tree is never written),
//! steps 3 and 5 run in the copy, and the plan is printed. With `--execute`
//! the edits go to the working tree, then: commit `Release VERSION` (only the
//! edited files), annotated tag `vVERSION`, `cargo publish -p CRATE` in order.
//! Nothing is pushed. A failure before the commit restores the edited files.

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsString;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::Value;

use crate::realcloud::Services;
use crate::test;

/// Options of `cargo xtask release`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Options {
    /// The version to release.
    pub(crate) version: Version,
    /// `--execute`: commit, tag and publish for real.
    pub(crate) execute: bool,
    /// `--no-test`: skip `cargo xtask test`.
    pub(crate) no_test: bool,
    /// `--allow-dirty`: do not require a clean working tree.
    pub(crate) allow_dirty: bool,
}

impl Options {
    /// Parses the arguments after `release`.
    pub(crate) fn parse(args: &[String]) -> Result<Self, String> {
        let mut version = None;
        let (mut execute, mut no_test, mut allow_dirty) = (false, false, false);
        for arg in args {
            match arg.as_str() {
                "--execute" => execute = true,
                "--no-test" => no_test = true,
                "--allow-dirty" => allow_dirty = true,
                flag if flag.starts_with('-') => {
                    return Err(format!("release: unknown argument '{flag}'"))
                }
                v if version.is_none() => version = Some(Version::parse(v)?),
                extra => return Err(format!("release: unexpected argument '{extra}'")),
            }
        }
        let version = version.ok_or("release: missing VERSION, e.g. `release 0.2.0`")?;
        Ok(Self {
            version,
            execute,
            no_test,
            allow_dirty,
        })
    }
}

// ---------------------------------------------------------------------------
// Versions

/// A semantic version `MAJOR.MINOR.PATCH[-PRE]` (build metadata is refused:
/// crates.io ignores it for ordering).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Version {
    major: u64,
    minor: u64,
    patch: u64,
    /// Pre-release identifiers (empty for a release).
    pre: Vec<String>,
}

/// Parses a numeric identifier: digits, no leading zero.
fn numeric(s: &str, what: &str, whole: &str) -> Result<u64, String> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "invalid version '{whole}': {what} '{s}' is not a number"
        ));
    }
    if s.len() > 1 && s.starts_with('0') {
        return Err(format!(
            "invalid version '{whole}': {what} '{s}' has a leading zero"
        ));
    }
    s.parse()
        .map_err(|_| format!("invalid version '{whole}': {what} '{s}' is too large"))
}

impl Version {
    /// Parses `MAJOR.MINOR.PATCH[-PRE]`.
    pub(crate) fn parse(s: &str) -> Result<Self, String> {
        if s.starts_with('v') {
            return Err(format!(
                "invalid version '{s}': give it without the 'v' (the tag gets it)"
            ));
        }
        if s.contains('+') {
            return Err(format!("invalid version '{s}': no build metadata (+...)"));
        }
        let (core, pre) = match s.split_once('-') {
            Some((core, pre)) => (core, Some(pre)),
            None => (s, None),
        };
        let parts: Vec<&str> = core.split('.').collect();
        let [major, minor, patch] = parts[..] else {
            return Err(format!("invalid version '{s}': expected MAJOR.MINOR.PATCH"));
        };
        let pre = match pre {
            None => Vec::new(),
            Some(pre) => pre
                .split('.')
                .map(|id| {
                    if id.is_empty() || !id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                    {
                        Err(format!(
                            "invalid version '{s}': bad pre-release part '{id}'"
                        ))
                    } else if id.bytes().all(|b| b.is_ascii_digit()) {
                        numeric(id, "pre-release number", s).map(|_| id.to_owned())
                    } else {
                        Ok(id.to_owned())
                    }
                })
                .collect::<Result<_, _>>()?,
        };
        Ok(Self {
            major: numeric(major, "major", s)?,
            minor: numeric(minor, "minor", s)?,
            patch: numeric(patch, "patch", s)?,
            pre,
        })
    }

    /// Whether this is a pre-release (`1.0.0-rc.1`).
    fn is_pre(&self) -> bool {
        !self.pre.is_empty()
    }

    /// The short caret requirement users write for it: `"0.2"` below 1.0,
    /// `"1"` from 1.0 on.
    fn caret_req(&self) -> String {
        if self.major == 0 {
            format!("{}.{}", self.major, self.minor)
        } else {
            self.major.to_string()
        }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)?;
        if self.is_pre() {
            write!(f, "-{}", self.pre.join("."))?;
        }
        Ok(())
    }
}

impl Ord for Version {
    /// Semver precedence: numbers, then a pre-release below its release,
    /// then pre-release identifiers (numeric below alphanumeric, numbers
    /// numerically, a shorter list first).
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        use std::cmp::Ordering;
        let numbers =
            (self.major, self.minor, self.patch).cmp(&(other.major, other.minor, other.patch));
        if numbers != Ordering::Equal {
            return numbers;
        }
        match (self.is_pre(), other.is_pre()) {
            (false, false) => return Ordering::Equal,
            (false, true) => return Ordering::Greater,
            (true, false) => return Ordering::Less,
            (true, true) => {}
        }
        for (a, b) in self.pre.iter().zip(&other.pre) {
            let ord = match (a.parse::<u64>(), b.parse::<u64>()) {
                (Ok(x), Ok(y)) => x.cmp(&y),
                (Ok(_), Err(_)) => Ordering::Less,
                (Err(_), Ok(_)) => Ordering::Greater,
                (Err(_), Err(_)) => a.cmp(b),
            };
            if ord != Ordering::Equal {
                return ord;
            }
        }
        self.pre.len().cmp(&other.pre.len())
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

// ---------------------------------------------------------------------------
// Workspace metadata and publish order

/// A dependency of a workspace member, as `cargo metadata` reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Dep {
    name: String,
    /// `None` (normal), `"dev"` or `"build"`.
    kind: Option<String>,
    req: String,
    /// Whether it is a path dependency.
    path: bool,
}

/// A workspace member.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Member {
    name: String,
    version: String,
    manifest_path: PathBuf,
    /// `false` for `publish = false`.
    publish: bool,
    deps: Vec<Dep>,
}

/// What `cargo metadata --format-version 1 --no-deps` says about the workspace.
#[derive(Clone, Debug)]
struct Workspace {
    root: PathBuf,
    target_dir: PathBuf,
    members: Vec<Member>,
}

fn str_field<'a>(v: &'a Value, key: &str) -> Result<&'a str, String> {
    v.get(key)
        .and_then(Value::as_str)
        .ok_or_else(|| format!("cargo metadata: missing string '{key}'"))
}

/// Parses `cargo metadata --format-version 1 --no-deps` output.
fn parse_metadata(json: &str) -> Result<Workspace, String> {
    let v: Value = serde_json::from_str(json).map_err(|e| format!("cargo metadata: {e}"))?;
    let ids: BTreeSet<&str> = v
        .get("workspace_members")
        .and_then(Value::as_array)
        .ok_or("cargo metadata: missing workspace_members")?
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let mut members = Vec::new();
    for p in v
        .get("packages")
        .and_then(Value::as_array)
        .ok_or("cargo metadata: missing packages")?
    {
        if !ids.contains(str_field(p, "id")?) {
            continue;
        }
        // `publish`: null = any registry, [] = `publish = false`.
        let publish = match p.get("publish") {
            None | Some(Value::Null) => true,
            Some(Value::Array(regs)) => regs.iter().any(|r| r.as_str() == Some("crates-io")),
            Some(_) => return Err("cargo metadata: unexpected 'publish'".to_owned()),
        };
        let mut deps = Vec::new();
        for d in p
            .get("dependencies")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            deps.push(Dep {
                name: str_field(d, "name")?.to_owned(),
                kind: d.get("kind").and_then(Value::as_str).map(str::to_owned),
                req: str_field(d, "req")?.to_owned(),
                path: d.get("path").and_then(Value::as_str).is_some(),
            });
        }
        members.push(Member {
            name: str_field(p, "name")?.to_owned(),
            version: str_field(p, "version")?.to_owned(),
            manifest_path: PathBuf::from(str_field(p, "manifest_path")?),
            publish,
            deps,
        });
    }
    members.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(Workspace {
        root: PathBuf::from(str_field(&v, "workspace_root")?),
        target_dir: PathBuf::from(str_field(&v, "target_directory")?),
        members,
    })
}

/// Whether `dep` ends up in the published manifest as a dependency on a
/// registry crate: normal and build dependencies always; dev-dependencies
/// only with a version (cargo strips path-only dev-dependencies).
fn kept_when_published(dep: &Dep) -> bool {
    dep.kind.as_deref() != Some("dev") || dep.req != "*"
}

/// The publishable members in publish order: each after the workspace
/// members it depends on, ties broken by name.
fn publish_order(ws: &Workspace) -> Result<Vec<String>, String> {
    let by_name: BTreeMap<&str, &Member> =
        ws.members.iter().map(|m| (m.name.as_str(), m)).collect();
    let mut waits_on: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for m in ws.members.iter().filter(|m| m.publish) {
        let mut needs = BTreeSet::new();
        for d in m.deps.iter().filter(|d| d.path && kept_when_published(d)) {
            let Some(dep) = by_name.get(d.name.as_str()) else {
                continue;
            };
            if !dep.publish {
                return Err(format!(
                    "{} depends on {} (publish = false) with a version: it could not be published",
                    m.name, d.name
                ));
            }
            if dep.name != m.name {
                needs.insert(dep.name.as_str());
            }
        }
        waits_on.insert(m.name.as_str(), needs);
    }
    let mut order: Vec<String> = Vec::new();
    while !waits_on.is_empty() {
        let ready = waits_on
            .iter()
            .find(|(_, needs)| needs.is_empty())
            .map(|(name, _)| *name);
        let Some(next) = ready else {
            let stuck: Vec<&str> = waits_on.keys().copied().collect();
            return Err(format!("dependency cycle among {}", stuck.join(", ")));
        };
        waits_on.remove(next);
        for needs in waits_on.values_mut() {
            needs.remove(next);
        }
        order.push(next.to_owned());
    }
    Ok(order)
}

/// Checks that, after the edits, every member has `version` and every
/// dependency between members either has no version (path only) or pins
/// exactly `=version`.
fn check_bumped(ws: &Workspace, version: &Version) -> Result<(), String> {
    let names: BTreeSet<&str> = ws.members.iter().map(|m| m.name.as_str()).collect();
    let want = version.to_string();
    let mut problems = Vec::new();
    for m in &ws.members {
        if m.version != want {
            problems.push(format!("{} is at {}", m.name, m.version));
        }
        for d in m
            .deps
            .iter()
            .filter(|d| d.path && names.contains(d.name.as_str()))
        {
            let ok = d.req == "*" || d.req == format!("={want}") || d.req == format!("^{want}");
            if !ok {
                problems.push(format!("{} requires {} {}", m.name, d.name, d.req));
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "after the version bump: {} (fix these manifests by hand)",
            problems.join("; ")
        ))
    }
}

// ---------------------------------------------------------------------------
// Text edits

/// The key of a `key = value` TOML line (quotes removed), if any.
fn line_key(line: &str) -> Option<&str> {
    let (key, _) = line.split_once('=')?;
    let key = key.trim();
    let key = key
        .strip_prefix('"')
        .and_then(|k| k.strip_suffix('"'))
        .unwrap_or(key);
    (!key.is_empty()).then_some(key)
}

/// Whether a table name is a dependency table (`dependencies`,
/// `workspace.dependencies`, `target.'cfg(..)'.dev-dependencies`, ...).
fn is_dep_table(table: &str) -> bool {
    let last = table.rsplit('.').next().unwrap_or(table);
    last.ends_with("dependencies")
}

/// The `package = "..."` of an inline dependency table, if any.
fn renamed_package(value: &str) -> Option<&str> {
    let rest = &value[value.find("package")? + "package".len()..];
    let rest = rest.trim_start().strip_prefix('=')?.trim_start();
    let rest = rest.strip_prefix('"')?;
    Some(&rest[..rest.find('"')?])
}

/// Rewrites a Cargo.toml for the release, line by line (formatting and
/// comments are kept): `version = "OLD"` in `[workspace.package]` and
/// `[package]`, and every `"=OLD"` pin of a workspace member in the
/// dependency tables (inline `name = { ..., version = "=OLD" }`, plain
/// `name = "=OLD"`, and `[dependencies.name]` tables). Returns the new text
/// and the number of lines changed.
fn bump_manifest(
    text: &str,
    members: &BTreeSet<String>,
    old: &Version,
    new: &Version,
) -> (String, usize) {
    let (old_plain, new_plain) = (format!("\"{old}\""), format!("\"{new}\""));
    let (old_pin, new_pin) = (format!("\"={old}\""), format!("\"={new}\""));
    let mut table = String::new();
    let mut changed = 0;
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            table = trimmed
                .trim_start_matches('[')
                .split(']')
                .next()
                .unwrap_or("")
                .trim()
                .to_owned();
            out.push_str(line);
            continue;
        }
        let key = if trimmed.starts_with('#') {
            None
        } else {
            line_key(trimmed)
        };
        let value = trimmed.split_once('=').map_or("", |(_, v)| v);
        let new_line = match key {
            Some("version") if table == "package" || table == "workspace.package" => {
                (value.trim() == old_plain).then(|| line.replacen(&old_plain, &new_plain, 1))
            }
            Some("version")
                if table
                    .rsplit_once('.')
                    .is_some_and(|(t, name)| is_dep_table(t) && members.contains(name)) =>
            {
                (value.trim() == old_pin).then(|| line.replacen(&old_pin, &new_pin, 1))
            }
            Some(name) if is_dep_table(&table) => {
                let package = renamed_package(value).unwrap_or(name);
                (members.contains(package) && value.contains(&old_pin))
                    .then(|| line.replacen(&old_pin, &new_pin, 1))
            }
            _ => None,
        };
        match new_line {
            Some(l) if l != line => {
                changed += 1;
                out.push_str(&l);
            }
            _ => out.push_str(line),
        }
    }
    (out, changed)
}

/// Rewrites the dependency snippets of a Markdown page: `CRATE = "OLD"` and
/// `CRATE = { version = "OLD"` for each crate in `crates`, where OLD/NEW are
/// short requirements like `0.1`/`0.2`. Returns the new text and the number
/// of lines changed.
fn bump_doc_snippets(text: &str, crates: &[String], old: &str, new: &str) -> (String, usize) {
    let mut changed = 0;
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let mut l = line.to_owned();
        for name in crates {
            for (from, to) in [
                (format!("{name} = \"{old}\""), format!("{name} = \"{new}\"")),
                (
                    format!("{name} = {{ version = \"{old}\""),
                    format!("{name} = {{ version = \"{new}\""),
                ),
            ] {
                let mut start = 0;
                while let Some(pos) = l[start..].find(&from).map(|p| p + start) {
                    let boundary = l[..pos]
                        .chars()
                        .next_back()
                        .is_none_or(|c| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'));
                    if boundary {
                        l.replace_range(pos..pos + from.len(), &to);
                        start = pos + to.len();
                    } else {
                        start = pos + from.len();
                    }
                }
            }
        }
        if l != line {
            changed += 1;
        }
        out.push_str(&l);
    }
    (out, changed)
}

/// Turns `## [Unreleased]` into `## [VERSION] - DATE` under a fresh, empty
/// `## [Unreleased]`; updates `[Unreleased]: .../compare/X...HEAD` link
/// references when there are any. Refuses an Unreleased section with no
/// entries (headings like `### Added` alone do not count).
fn release_changelog(text: &str, version: &Version, date: &str) -> Result<String, String> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let start = lines
        .iter()
        .position(|l| l.trim_end().eq_ignore_ascii_case("## [Unreleased]"))
        .ok_or("CHANGELOG.md has no '## [Unreleased]' heading")?;
    let end = lines[start + 1..]
        .iter()
        .position(|l| l.starts_with("## ") || is_link_ref(l))
        .map_or(lines.len(), |p| p + start + 1);
    let has_entries = lines[start + 1..end].iter().any(|l| {
        let t = l.trim();
        !t.is_empty() && !t.starts_with('#') && !t.starts_with("<!--")
    });
    if !has_entries {
        return Err(
            "CHANGELOG.md: the '## [Unreleased]' section is empty; write what changed first"
                .to_owned(),
        );
    }
    if lines
        .iter()
        .any(|l| l.starts_with(&format!("## [{version}]")))
    {
        return Err(format!(
            "CHANGELOG.md already has a '## [{version}]' section"
        ));
    }
    let newline = if lines[start].ends_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let mut out = String::with_capacity(text.len() + 64);
    for (i, line) in lines.iter().enumerate() {
        if i == start {
            out.push_str(&format!("## [Unreleased]{newline}{newline}"));
            out.push_str(&format!("## [{version}] - {date}{newline}"));
        } else if let Some(rest) = line.strip_prefix("[Unreleased]: ") {
            // [Unreleased]: https://.../compare/v0.1.0...HEAD
            match rest.trim_end().rsplit_once("/compare/") {
                Some((base, range)) if range.ends_with("...HEAD") => {
                    let prev = range.trim_end_matches("...HEAD");
                    out.push_str(&format!(
                        "[Unreleased]: {base}/compare/v{version}...HEAD{newline}"
                    ));
                    out.push_str(&format!(
                        "[{version}]: {base}/compare/{prev}...v{version}{newline}"
                    ));
                }
                _ => out.push_str(line),
            }
        } else {
            out.push_str(line);
        }
    }
    Ok(out)
}

/// Whether a line is a Markdown link reference definition (`[x]: url`).
fn is_link_ref(line: &str) -> bool {
    line.starts_with('[') && line.contains("]: ")
}

/// `YYYY-MM-DD` of a Unix time in UTC (days to civil date, after Howard
/// Hinnant's `civil_from_days`).
fn utc_date(unix_secs: u64) -> String {
    let z = i64::try_from(unix_secs / 86_400).unwrap_or(0) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

fn today_utc() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    utc_date(secs)
}

// ---------------------------------------------------------------------------
// The plan

/// One file the release edits: path relative to the workspace root, old and
/// new contents.
struct Edit {
    rel: PathBuf,
    old: String,
    new: String,
}

/// The commands `--execute` runs after the edits, tests and verification:
/// commit, tag, publish in order. Nothing is pushed.
fn execute_commands(version: &Version, files: &[PathBuf], order: &[String]) -> Vec<Vec<String>> {
    let mut cmds = Vec::new();
    let mut add = vec!["git".to_owned(), "add".to_owned(), "--".to_owned()];
    add.extend(files.iter().map(|f| f.display().to_string()));
    cmds.push(add);
    cmds.push(
        ["git", "commit", "-m", &format!("Release {version}"), "--"]
            .iter()
            .map(|s| (*s).to_owned())
            .chain(files.iter().map(|f| f.display().to_string()))
            .collect(),
    );
    cmds.push(vec![
        "git".to_owned(),
        "tag".to_owned(),
        "-a".to_owned(),
        format!("v{version}"),
        "-m".to_owned(),
        format!("Release {version}"),
    ]);
    for name in order {
        cmds.push(vec![
            "cargo".to_owned(),
            "publish".to_owned(),
            "-p".to_owned(),
            name.clone(),
        ]);
    }
    cmds
}

/// `cargo package -p A -p B ...` (with verification).
fn package_args(order: &[String]) -> Vec<String> {
    let mut args = vec!["package".to_owned(), "--allow-dirty".to_owned()];
    for name in order {
        args.push("-p".to_owned());
        args.push(name.clone());
    }
    args
}

/// Shell-quotes a command for printing.
fn show(cmd: &[String]) -> String {
    cmd.iter()
        .map(|a| {
            if !a.is_empty()
                && a.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_./=:@".contains(&b))
            {
                a.clone()
            } else {
                format!("'{}'", a.replace('\'', r"'\''"))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

// ---------------------------------------------------------------------------
// Running it

/// The workspace root: the parent of `xtask/`.
fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// Runs `cmd`, returning its stdout; stderr is passed through.
fn output(mut cmd: Command, what: &str) -> Result<String, String> {
    let out = cmd
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run {what}: {e}"))?;
    if !out.status.success() {
        return Err(format!("{what} failed ({})", out.status));
    }
    String::from_utf8(out.stdout).map_err(|_| format!("{what}: output is not UTF-8"))
}

/// Runs `cmd` with inherited output; an error unless it succeeds.
fn status(mut cmd: Command, what: &str) -> Result<(), String> {
    println!("$ {what}");
    match cmd.status() {
        Ok(s) if s.success() => Ok(()),
        Ok(s) => Err(format!("{what} failed ({s})")),
        Err(e) => Err(format!("cannot run {what}: {e}")),
    }
}

fn git(root: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new("git");
    cmd.arg("-C").arg(root).args(args);
    cmd
}

/// `cargo ARGS` (hermetic, see [`test::cargo`]) in `dir`.
fn cargo_in(dir: &Path, args: &[String], env: &[(&'static str, OsString)]) -> Command {
    let argv: Vec<&str> = args.iter().map(String::as_str).collect();
    let mut cmd = test::cargo(&argv, env);
    cmd.current_dir(dir);
    cmd
}

fn metadata(dir: &Path) -> Result<Workspace, String> {
    let args: Vec<String> = [
        "metadata",
        "--format-version",
        "1",
        "--no-deps",
        "--offline",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    parse_metadata(&output(
        cargo_in(dir, &args, &[]),
        "cargo metadata --format-version 1 --no-deps",
    )?)
}

/// A temporary copy of the tracked files, removed on drop.
struct Copy {
    dir: PathBuf,
}

impl Drop for Copy {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// Copies the tracked files of `root` (as they are in the working tree) to a
/// fresh temporary directory.
fn copy_tree(root: &Path) -> Result<Copy, String> {
    let dir = std::env::temp_dir().join(format!("ferrocloud-release-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    let copy = Copy { dir };
    let files = output(git(root, &["ls-files", "-z"]), "git ls-files")?;
    for rel in files.split('\0').filter(|f| !f.is_empty()) {
        let from = root.join(rel);
        if !from.is_file() {
            continue; // deleted in the working tree
        }
        let to = copy.dir.join(rel);
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        fs::copy(&from, &to).map_err(|e| format!("copy {rel}: {e}"))?;
    }
    Ok(copy)
}

/// Computes every text edit of the release from the files under `root`.
fn compute_edits(
    root: &Path,
    ws: &Workspace,
    order: &[String],
    old: &Version,
    new: &Version,
    date: &str,
    tracked: &BTreeSet<PathBuf>,
) -> Result<Vec<Edit>, String> {
    let read = |rel: &Path| {
        fs::read_to_string(root.join(rel)).map_err(|e| format!("{}: {e}", rel.display()))
    };
    let members: BTreeSet<String> = ws.members.iter().map(|m| m.name.clone()).collect();
    let mut edits = Vec::new();
    let mut manifests = vec![PathBuf::from("Cargo.toml")];
    for m in &ws.members {
        if let Ok(rel) = m.manifest_path.strip_prefix(&ws.root) {
            manifests.push(rel.to_path_buf());
        }
    }
    manifests.sort();
    manifests.dedup();
    for rel in manifests {
        let text = read(&rel)?;
        let (bumped, n) = bump_manifest(&text, &members, old, new);
        if n > 0 {
            edits.push(Edit {
                rel,
                old: text,
                new: bumped,
            });
        }
    }
    let (old_req, new_req) = (old.caret_req(), new.caret_req());
    if old_req != new_req && !new.is_pre() {
        let mut pages = vec![PathBuf::from("README.md")];
        if let Ok(entries) = fs::read_dir(root.join("docs")) {
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "md"))
                .filter_map(|p| p.strip_prefix(root).ok().map(Path::to_path_buf))
                .collect();
            found.sort();
            pages.extend(found);
        }
        for m in ws.members.iter().filter(|m| m.publish) {
            if let Some(dir) = m.manifest_path.parent() {
                if let Ok(rel) = dir.join("README.md").strip_prefix(&ws.root) {
                    if root.join(rel).is_file() {
                        pages.push(rel.to_path_buf());
                    }
                }
            }
        }
        // Only tracked pages: an engineer's untracked draft is not released.
        for rel in pages.into_iter().filter(|p| tracked.contains(p)) {
            let Ok(text) = read(&rel) else { continue };
            let (bumped, n) = bump_doc_snippets(&text, order, &old_req, &new_req);
            if n > 0 {
                edits.push(Edit {
                    rel,
                    old: text,
                    new: bumped,
                });
            }
        }
    }
    let rel = PathBuf::from("CHANGELOG.md");
    let text = read(&rel)?;
    let released = release_changelog(&text, new, date)?;
    edits.push(Edit {
        rel,
        old: text,
        new: released,
    });
    Ok(edits)
}

/// Prints the changed lines of an edit (line-aligned edits) or its first
/// added lines (the CHANGELOG).
fn print_edit(edit: &Edit) {
    let old: Vec<&str> = edit.old.lines().collect();
    let new: Vec<&str> = edit.new.lines().collect();
    if old.len() == new.len() {
        let n = old.iter().zip(&new).filter(|(a, b)| a != b).count();
        println!(
            "  {} ({n} line{})",
            edit.rel.display(),
            if n == 1 { "" } else { "s" }
        );
        for (i, (a, b)) in old
            .iter()
            .zip(&new)
            .enumerate()
            .filter(|(_, (a, b))| a != b)
        {
            println!("    {:>4}  - {}", i + 1, a.trim());
            println!("          + {}", b.trim());
        }
    } else {
        let first = old.iter().zip(&new).position(|(a, b)| a != b).unwrap_or(0);
        println!(
            "  {} (+{} lines)",
            edit.rel.display(),
            new.len().saturating_sub(old.len())
        );
        for (i, line) in new.iter().enumerate().skip(first).take(4) {
            println!("    {:>4}  | {line}", i + 1);
        }
    }
}

/// Writes every edit under `root`.
fn write_edits(root: &Path, edits: &[Edit], new: bool) -> Result<(), String> {
    for e in edits {
        let text = if new { &e.new } else { &e.old };
        fs::write(root.join(&e.rel), text).map_err(|err| format!("{}: {err}", e.rel.display()))?;
    }
    Ok(())
}

/// Refreshes Cargo.lock under `root`; returns the lock edit, if it changed.
fn update_lock(root: &Path) -> Result<Option<Edit>, String> {
    let rel = PathBuf::from("Cargo.lock");
    let old = fs::read_to_string(root.join(&rel)).unwrap_or_default();
    let args: Vec<String> = ["update", "--workspace", "--offline"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    status(
        cargo_in(root, &args, &[]),
        "cargo update --workspace --offline",
    )?;
    let new = fs::read_to_string(root.join(&rel)).map_err(|e| format!("Cargo.lock: {e}"))?;
    Ok((new != old).then_some(Edit { rel, old, new }))
}

/// `cargo xtask release`.
pub(crate) fn run(opts: &Options) -> Result<ExitCode, String> {
    let root = workspace_root();
    let new = &opts.version;
    let mode = if opts.execute { "EXECUTE" } else { "dry run" };
    println!("==> release {new} ({mode})");

    // 1. Checks.
    let ws = metadata(&root)?;
    let root_manifest =
        fs::read_to_string(root.join("Cargo.toml")).map_err(|e| format!("Cargo.toml: {e}"))?;
    let old = workspace_version(&root_manifest)?;
    if new <= &old {
        return Err(format!(
            "{new} is not greater than the current version {old}"
        ));
    }
    let branch = output(
        git(&root, &["rev-parse", "--abbrev-ref", "HEAD"]),
        "git rev-parse",
    )?;
    if branch.trim() != "main" {
        return Err(format!("on branch '{}', not main", branch.trim()));
    }
    let dirty = output(git(&root, &["status", "--porcelain"]), "git status")?;
    if !dirty.trim().is_empty() {
        if opts.allow_dirty {
            println!(
                "warning: the working tree has {} uncommitted change(s) (--allow-dirty)",
                dirty.lines().count()
            );
        } else {
            return Err(format!(
                "the working tree is not clean ({} change(s)); commit them or pass --allow-dirty",
                dirty.lines().count()
            ));
        }
    }
    let tag = format!("v{new}");
    if git(
        &root,
        &["rev-parse", "-q", "--verify", &format!("refs/tags/{tag}")],
    )
    .stdout(std::process::Stdio::null())
    .status()
    .is_ok_and(|s| s.success())
    {
        return Err(format!("tag {tag} already exists"));
    }
    println!("current version {old}, new version {new}, branch main, tag {tag} free");

    // 2. Publish order.
    let order = publish_order(&ws)?;
    let skipped: Vec<&str> = ws
        .members
        .iter()
        .filter(|m| !m.publish)
        .map(|m| m.name.as_str())
        .collect();

    // 3. Edits (in memory first: an empty CHANGELOG section stops here).
    let date = today_utc();
    let tracked: BTreeSet<PathBuf> = output(git(&root, &["ls-files", "-z"]), "git ls-files")?
        .split('\0')
        .filter(|f| !f.is_empty())
        .map(PathBuf::from)
        .collect();
    let mut edits = compute_edits(&root, &ws, &order, &old, new, &date, &tracked)?;

    if opts.execute {
        run_execute(opts, &root, &order, &mut edits, &tag)
    } else {
        run_dry(opts, &root, &ws, &order, &skipped, &mut edits, &old, &tag)
    }
}

/// `[workspace.package] version` of the root manifest.
fn workspace_version(root_manifest: &str) -> Result<Version, String> {
    let mut table = "";
    for line in root_manifest.lines() {
        let t = line.trim();
        if t.starts_with('[') {
            table = t;
        } else if table == "[workspace.package]" && line_key(t) == Some("version") {
            let v = t
                .split_once('=')
                .map_or("", |(_, v)| v)
                .trim()
                .trim_matches('"');
            return Version::parse(v);
        }
    }
    Err("Cargo.toml has no [workspace.package] version".to_owned())
}

/// Runs `cargo xtask test` in the working tree (steps 4).
fn run_tests(opts: &Options) -> Result<(), String> {
    if opts.no_test {
        println!("\n==> cargo xtask test: skipped (--no-test)");
        return Ok(());
    }
    println!("\n==> cargo xtask test");
    let code = test::run_all(&test::Options {
        offline: false,
        services: Services::all(),
    });
    if code == ExitCode::SUCCESS {
        Ok(())
    } else {
        Err("cargo xtask test failed".to_owned())
    }
}

#[allow(clippy::too_many_arguments)]
fn run_dry(
    opts: &Options,
    root: &Path,
    ws: &Workspace,
    order: &[String],
    skipped: &[&str],
    edits: &mut Vec<Edit>,
    old: &Version,
    tag: &str,
) -> Result<ExitCode, String> {
    let new = &opts.version;
    println!("\n==> copying the tracked files to a temporary directory");
    let copy = copy_tree(root)?;
    println!("{}", copy.dir.display());
    write_edits(&copy.dir, edits, true)?;
    if let Some(lock) = update_lock(&copy.dir)? {
        edits.push(lock);
    }
    check_bumped(&metadata(&copy.dir)?, new)?;
    println!("every member at {new}, every internal pin ={new}");

    run_tests(opts)?;

    println!("\n==> package and verify the publishable crates (in the copy)");
    let target = ws.target_dir.join("xtask-release");
    status(
        cargo_in(
            &copy.dir,
            &package_args(order),
            &[("CARGO_TARGET_DIR", target.clone().into_os_string())],
        ),
        &format!(
            "CARGO_TARGET_DIR={} {}",
            target.display(),
            show(&[vec!["cargo".to_owned()], package_args(order)].concat())
        ),
    )?;
    drop(copy);

    println!("\n==> plan for {old} -> {new} (dry run: nothing was written to the working tree)");
    println!("publish order ({} crates):", order.len());
    for (i, name) in order.iter().enumerate() {
        println!("  {:>2}. {name}", i + 1);
    }
    println!("skipped (publish = false): {}", skipped.join(", "));
    println!("files changed:");
    for e in edits.iter() {
        if e.rel == Path::new("Cargo.lock") {
            let n = e
                .old
                .lines()
                .zip(e.new.lines())
                .filter(|(a, b)| a != b)
                .count();
            println!("  Cargo.lock ({n} package versions)");
        } else {
            print_edit(e);
        }
    }
    let files: Vec<PathBuf> = edits.iter().map(|e| e.rel.clone()).collect();
    println!("with --execute, after the edits, `cargo update --workspace --offline`, the tests and the package check in the working tree:");
    for cmd in execute_commands(new, &files, order) {
        println!("  {}", show(&cmd));
    }
    println!("then, by hand: git push origin main {tag}");
    Ok(ExitCode::SUCCESS)
}

fn run_execute(
    opts: &Options,
    root: &Path,
    order: &[String],
    edits: &mut Vec<Edit>,
    tag: &str,
) -> Result<ExitCode, String> {
    let new = &opts.version;
    let lock_before = fs::read_to_string(root.join("Cargo.lock")).unwrap_or_default();
    write_edits(root, edits, true)?;
    let prepared = (|| -> Result<(), String> {
        if let Some(lock) = update_lock(root)? {
            edits.push(lock);
        }
        check_bumped(&metadata(root)?, new)?;
        run_tests(opts)?;
        println!("\n==> package and verify the publishable crates");
        status(
            cargo_in(root, &package_args(order), &[]),
            &show(&[vec!["cargo".to_owned()], package_args(order)].concat()),
        )
    })();
    if let Err(e) = prepared {
        let _ = write_edits(root, edits, false);
        let _ = fs::write(root.join("Cargo.lock"), lock_before);
        return Err(format!("{e}; the edited files were restored"));
    }
    let files: Vec<PathBuf> = edits.iter().map(|e| e.rel.clone()).collect();
    for cmd in execute_commands(new, &files, order) {
        let mut c = if cmd[0] == "cargo" {
            cargo_in(root, &cmd[1..], &[])
        } else {
            let mut c = Command::new(&cmd[0]);
            c.args(&cmd[1..]).current_dir(root);
            c
        };
        c.current_dir(root);
        status(c, &show(&cmd))?;
    }
    println!("\nreleased {new}; now push: git push origin main {tag}");
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Version {
        Version::parse(s).expect("valid version")
    }

    #[test]
    fn parses_versions() {
        assert_eq!(v("0.2.0").to_string(), "0.2.0");
        assert_eq!(v("1.10.3-rc.1").to_string(), "1.10.3-rc.1");
        for bad in [
            "",
            "1",
            "1.2",
            "1.2.3.4",
            "v1.2.3",
            "01.2.3",
            "1.2.x",
            "1.2.3-",
            "1.2.3-rc..1",
            "1.2.3-01",
            "1.2.3+build",
            "1.2.3-r_c",
        ] {
            assert!(Version::parse(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn orders_versions() {
        let sorted = [
            "0.1.0",
            "0.1.1",
            "0.2.0-alpha",
            "0.2.0-alpha.1",
            "0.2.0-alpha.beta",
            "0.2.0-beta.2",
            "0.2.0-beta.11",
            "0.2.0-rc.1",
            "0.2.0",
            "0.10.0",
            "1.0.0",
        ];
        for w in sorted.windows(2) {
            assert!(v(w[0]) < v(w[1]), "{} < {}", w[0], w[1]);
        }
        assert_eq!(v("0.2.0"), v("0.2.0"));
        assert_eq!(v("0.2.7").caret_req(), "0.2");
        assert_eq!(v("1.4.0").caret_req(), "1");
    }

    #[test]
    fn parses_options() {
        let args = |s: &str| s.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
        assert_eq!(
            Options::parse(&args("0.2.0 --no-test --allow-dirty")),
            Ok(Options {
                version: v("0.2.0"),
                execute: false,
                no_test: true,
                allow_dirty: true,
            })
        );
        assert!(Options::parse(&args("--execute 0.2.0")).is_ok_and(|o| o.execute));
        assert!(Options::parse(&args("")).is_err());
        assert!(Options::parse(&args("0.2.0 0.3.0")).is_err());
        assert!(Options::parse(&args("0.2.0 --push")).is_err());
        assert!(Options::parse(&args("0.2")).is_err());
    }

    const ROOT: &str = r#"[workspace]
members = ["crates/*", "xtask"]

[workspace.package]
version = "0.1.0"
edition = "2021"

[workspace.dependencies]
openstack-core = { path = "crates/openstack-core", version = "=0.1.0" }
serde = { version = "=0.1.0" }  # not a member: untouched
"openstack-image" = { path = "crates/openstack-image", version = "=0.1.0" }
"#;

    fn members() -> BTreeSet<String> {
        [
            "openstack-core",
            "openstack-image",
            "openstack-compute",
            "ferrocloud",
        ]
        .iter()
        .map(|s| (*s).to_owned())
        .collect()
    }

    #[test]
    fn bumps_root_manifest() {
        let (out, n) = bump_manifest(ROOT, &members(), &v("0.1.0"), &v("0.2.0"));
        assert_eq!(n, 3);
        assert_eq!(
            out,
            ROOT.replace("version = \"0.1.0\"", "version = \"0.2.0\"")
                .replace(
                    "openstack-core\", version = \"=0.1.0\"",
                    "openstack-core\", version = \"=0.2.0\""
                )
                .replace(
                    "openstack-image\", version = \"=0.1.0\"",
                    "openstack-image\", version = \"=0.2.0\""
                )
        );
        assert!(out.contains("serde = { version = \"=0.1.0\" }"));
    }

    #[test]
    fn bumps_crate_manifest() {
        let text = "[package]\nname = \"ferrocloud\"\nversion.workspace = true\n\n\
[dependencies]\nopenstack-core.workspace = true\n\
openstack-compute = { path = \"../openstack-compute\", version = \"=0.1.0\", optional = true }\n\
compute2 = { package = \"openstack-compute\", path = \"../openstack-compute\", version = \"=0.1.0\" }\n\
# openstack-image = { version = \"=0.1.0\" }\n\
other = { version = \"=0.1.0\" }\n\n\
[dev-dependencies]\nopenstack-image = { path = \"../openstack-image\" }\n\n\
[target.'cfg(unix)'.build-dependencies]\nopenstack-core = \"=0.1.0\"\n\n\
[dependencies.openstack-image]\npath = \"../openstack-image\"\nversion = \"=0.1.0\"\n\n\
[features]\nopenstack-core = [\"=0.1.0\"]\n";
        let (out, n) = bump_manifest(text, &members(), &v("0.1.0"), &v("0.2.0"));
        assert_eq!(n, 4, "{out}");
        assert!(out.contains("openstack-compute\", version = \"=0.2.0\", optional = true }"));
        assert!(out.contains("compute2 = { package = \"openstack-compute\", path = \"../openstack-compute\", version = \"=0.2.0\" }"));
        assert!(out.contains("# openstack-image = { version = \"=0.1.0\" }"));
        assert!(out.contains("other = { version = \"=0.1.0\" }"));
        assert!(out.contains("build-dependencies]\nopenstack-core = \"=0.2.0\""));
        assert!(out.contains("path = \"../openstack-image\"\nversion = \"=0.2.0\""));
        assert!(out.contains("openstack-core = [\"=0.1.0\"]"));
        // A second pass changes nothing.
        assert_eq!(
            bump_manifest(&out, &members(), &v("0.1.0"), &v("0.2.0")).1,
            0
        );
    }

    #[test]
    fn bumps_doc_snippets() {
        let text = "```toml\nferrocloud = \"0.1\"          # or\n\
# ferrocloud = { version = \"0.1\", default-features = false }\n\
tokio = { version = \"0.1\" }\nmy-ferrocloud = \"0.1\"\n```\n\
Each crate on its own (`openstack-compute = \"0.1\"`).\nopenstack-core = \"0.10\"\n";
        let crates = vec!["ferrocloud".to_owned(), "openstack-compute".to_owned()];
        let (out, n) = bump_doc_snippets(text, &crates, "0.1", "0.2");
        assert_eq!(n, 3);
        assert!(out.contains("ferrocloud = \"0.2\"          # or"));
        assert!(out.contains("# ferrocloud = { version = \"0.2\", default-features"));
        assert!(out.contains("tokio = { version = \"0.1\" }"));
        assert!(out.contains("my-ferrocloud = \"0.1\""));
        assert!(out.contains("(`openstack-compute = \"0.2\"`)"));
        assert!(out.contains("openstack-core = \"0.10\""));
    }

    const CHANGELOG: &str = "# Changelog\n\nIntro.\n\n## [Unreleased]\n\n### Added\n- A thing.\n\n## [0.1.0] - 2026-01-02\n\n- First.\n";

    #[test]
    fn releases_changelog() {
        let out = release_changelog(CHANGELOG, &v("0.2.0"), "2026-11-27").expect("released");
        assert_eq!(
            out,
            "# Changelog\n\nIntro.\n\n## [Unreleased]\n\n## [0.2.0] - 2026-11-27\n\n### Added\n- A thing.\n\n## [0.1.0] - 2026-01-02\n\n- First.\n"
        );
        // The fresh Unreleased section is empty: releasing again is refused.
        assert!(
            release_changelog(&out, &v("0.3.0"), "2026-11-28").is_err_and(|e| e.contains("empty"))
        );
    }

    #[test]
    fn refuses_empty_or_missing_unreleased() {
        let empty = "# Changelog\n\n## [Unreleased]\n\n### Added\n\n### Fixed\n\n## [0.1.0] - 2026-01-02\n- First.\n";
        assert!(
            release_changelog(empty, &v("0.2.0"), "2026-11-27").is_err_and(|e| e.contains("empty"))
        );
        let at_end = "# Changelog\n\n## [Unreleased]\n";
        assert!(release_changelog(at_end, &v("0.2.0"), "2026-11-27").is_err());
        assert!(
            release_changelog("# Changelog\n", &v("0.2.0"), "2026-11-27")
                .is_err_and(|e| e.contains("no '## [Unreleased]'"))
        );
        let twice = "## [Unreleased]\n- x\n## [0.2.0] - 2026-01-01\n";
        assert!(release_changelog(twice, &v("0.2.0"), "2026-11-27")
            .is_err_and(|e| e.contains("already")));
    }

    #[test]
    fn updates_changelog_links() {
        let text =
            "## [Unreleased]\n- x\n\n[Unreleased]: https://github.com/o/r/compare/v0.1.0...HEAD\n";
        let out = release_changelog(text, &v("0.2.0"), "2026-11-27").expect("released");
        assert_eq!(
            out,
            "## [Unreleased]\n\n## [0.2.0] - 2026-11-27\n- x\n\n\
[Unreleased]: https://github.com/o/r/compare/v0.2.0...HEAD\n\
[0.2.0]: https://github.com/o/r/compare/v0.1.0...v0.2.0\n"
        );
    }

    #[test]
    fn formats_utc_dates() {
        assert_eq!(utc_date(0), "1970-01-01");
        assert_eq!(utc_date(951_782_400), "2000-02-29");
        assert_eq!(utc_date(1_798_416_000 - 1), "2026-12-27");
        assert_eq!(utc_date(1_795_737_600 + 86_399), "2026-11-27");
        assert_eq!(utc_date(4_107_542_400), "2100-03-01");
    }

    /// A trimmed `cargo metadata --format-version 1 --no-deps` of this
    /// workspace's shape.
    fn fixture() -> String {
        let dep = |name: &str, kind: Option<&str>, req: &str, path: bool| {
            let mut d = serde_json::json!({"name": name, "kind": kind, "req": req,
                "source": null, "optional": false, "rename": null});
            if path {
                d["path"] = serde_json::json!(format!("/w/crates/{name}"));
            }
            d
        };
        let pkg = |name: &str, publish: bool, deps: Vec<Value>| {
            serde_json::json!({
                "name": name, "version": "0.1.0",
                "id": format!("path+file:///w/crates/{name}#0.1.0"),
                "manifest_path": format!("/w/crates/{name}/Cargo.toml"),
                "publish": if publish { Value::Null } else { serde_json::json!([]) },
                "dependencies": deps,
            })
        };
        let core = || dep("openstack-core", None, "=0.1.0", true);
        let ts = || dep("openstack-test-support", Some("dev"), "*", true);
        let packages = vec![
            pkg(
                "ferrocloud",
                true,
                vec![
                    core(),
                    dep("openstack-compute", None, "=0.1.0", true),
                    dep("rackspace-ext", None, "=0.1.0", true),
                    dep("openstack-emulator", None, "=0.1.0", true),
                    dep("openstack-emulator", Some("dev"), "*", true),
                    dep("tokio", Some("dev"), "^1", false),
                ],
            ),
            pkg(
                "ferrocloud-bench",
                false,
                vec![core(), dep("openstack-compute", None, "*", true)],
            ),
            pkg(
                "openstack-compute",
                true,
                vec![core(), dep("serde", None, "^1", false), ts()],
            ),
            pkg("openstack-blockstorage", true, vec![core(), ts()]),
            pkg(
                "openstack-core",
                true,
                vec![ts(), dep("hyper", None, "^1", false)],
            ),
            pkg(
                "openstack-emulator",
                true,
                vec![
                    core(),
                    ts(),
                    dep("openstack-identity", Some("dev"), "*", true),
                ],
            ),
            pkg("openstack-identity", true, vec![core(), ts()]),
            pkg("openstack-test-support", false, vec![core()]),
            pkg(
                "rackspace-ext",
                true,
                vec![
                    core(),
                    dep("openstack-compute", None, "=0.1.0", true),
                    dep("openstack-blockstorage", None, "=0.1.0", true),
                ],
            ),
            pkg("xtask", false, vec![dep("serde_json", None, "^1", false)]),
        ];
        let ids: Vec<Value> = packages.iter().map(|p| p["id"].clone()).collect();
        serde_json::json!({
            "packages": packages, "workspace_members": ids,
            "workspace_root": "/w", "target_directory": "/w/target", "version": 1,
        })
        .to_string()
    }

    #[test]
    fn computes_publish_order() {
        let ws = parse_metadata(&fixture()).expect("parsed");
        assert_eq!(ws.root, Path::new("/w"));
        assert_eq!(ws.members.len(), 10);
        assert_eq!(
            publish_order(&ws).expect("ordered"),
            [
                "openstack-core",
                "openstack-blockstorage",
                "openstack-compute",
                "openstack-emulator",
                "openstack-identity",
                "rackspace-ext",
                "ferrocloud",
            ]
        );
        // Every member at 0.1.0 with exact pins.
        assert!(check_bumped(&ws, &v("0.1.0")).is_ok());
        assert!(check_bumped(&ws, &v("0.2.0")).is_err_and(|e| e.contains("ferrocloud is at 0.1.0")));
    }

    #[test]
    fn publish_order_errors() {
        let mut ws = parse_metadata(&fixture()).expect("parsed");
        // A versioned dev-dependency is kept when publishing: it orders too,
        // and on an unpublished crate it is an error.
        let core = ws
            .members
            .iter_mut()
            .find(|m| m.name == "openstack-core")
            .expect("core");
        core.deps[0].req = "=0.1.0".to_owned();
        assert!(publish_order(&ws).is_err_and(|e| e.contains("openstack-test-support")));
        // A cycle.
        let mut ws = parse_metadata(&fixture()).expect("parsed");
        let core = ws
            .members
            .iter_mut()
            .find(|m| m.name == "openstack-core")
            .expect("core");
        core.deps.push(Dep {
            name: "openstack-identity".to_owned(),
            kind: None,
            req: "=0.1.0".to_owned(),
            path: true,
        });
        assert!(publish_order(&ws).is_err_and(|e| e.contains("cycle")));
    }

    #[test]
    fn reads_workspace_version() {
        assert_eq!(workspace_version(ROOT), Ok(v("0.1.0")));
        assert!(workspace_version("[package]\nversion = \"1.0.0\"\n").is_err());
    }

    #[test]
    fn execute_commands_commit_tag_publish() {
        let files = vec![PathBuf::from("Cargo.toml"), PathBuf::from("CHANGELOG.md")];
        let order = vec!["openstack-core".to_owned(), "ferrocloud".to_owned()];
        let cmds: Vec<String> = execute_commands(&v("0.2.0"), &files, &order)
            .iter()
            .map(|c| show(c))
            .collect();
        assert_eq!(
            cmds,
            [
                "git add -- Cargo.toml CHANGELOG.md",
                "git commit -m 'Release 0.2.0' -- Cargo.toml CHANGELOG.md",
                "git tag -a v0.2.0 -m 'Release 0.2.0'",
                "cargo publish -p openstack-core",
                "cargo publish -p ferrocloud",
            ]
        );
        assert!(cmds.iter().all(|c| !c.contains("push")));
        assert_eq!(
            show(&package_args(&order)),
            "package --allow-dirty -p openstack-core -p ferrocloud"
        );
    }
}
