//! The official API samples, read at test time (never copied into the repository).

use std::collections::HashSet;
use std::path::PathBuf;

/// The corpus folder: `$FERROCLOUD_CORPUS`, or `shared/corpus` beside the repository
/// (found from the package under test, this crate's source, or the working directory).
///
/// `None` (with a loud message) when it is missing on a developer machine; under CI
/// (`CI` set) a missing corpus fails the test instead.
pub fn dir() -> Option<PathBuf> {
    if let Ok(d) = std::env::var("FERROCLOUD_CORPUS") {
        return Some(PathBuf::from(d));
    }
    let mut starts: Vec<PathBuf> = Vec::new();
    if let Ok(m) = std::env::var("CARGO_MANIFEST_DIR") {
        starts.push(PathBuf::from(m));
    }
    starts.push(PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    if let Ok(cwd) = std::env::current_dir() {
        starts.push(cwd);
    }
    for start in &starts {
        for dir in start.ancestors() {
            let candidate = dir.join("shared").join("corpus");
            if candidate.join("README.md").is_file() {
                return Some(candidate);
            }
        }
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "the API samples are missing: expected shared/corpus beside the repository (looked up \
         from {starts:?}), or set FERROCLOUD_CORPUS"
    );
    eprintln!("SKIPPED: the API samples (shared/corpus beside the repository) are missing");
    None
}

/// The bytes of a sample, by path relative to the corpus folder (`nova/doc/...`).
///
/// # Panics
/// When the corpus or the file is missing.
pub fn read(rel: &str) -> Vec<u8> {
    let path = dir().expect("corpus present").join(rel);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A sample parsed as JSON.
///
/// # Panics
/// When the file is missing or is not JSON.
pub fn json(rel: &str) -> serde_json::Value {
    let bytes = read(rel);
    serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// One row of a service's `INDEX.tsv`.
#[derive(Debug, Clone)]
pub struct IndexRow {
    /// The HTTP method.
    pub method: String,
    /// The URL template (`/v2.1/servers/{server_id}`).
    pub url: String,
    /// `request` or `response`.
    pub section: String,
    /// The caption in the API reference.
    pub caption: String,
    /// The sample's path, relative to the service's folder in the corpus.
    pub sample_path: String,
    /// Whether the file is in the corpus.
    pub in_corpus: bool,
    /// Whether the file parses as JSON.
    pub valid_json: bool,
}

impl IndexRow {
    /// The sample's path relative to the corpus folder.
    pub fn corpus_path(&self, service: &str) -> String {
        format!("{service}/{}", self.sample_path)
    }
}

/// The rows of `<service>/INDEX.tsv` (empty when the corpus is missing).
pub fn index(service: &str) -> Vec<IndexRow> {
    let Some(d) = dir() else { return Vec::new() };
    let text = std::fs::read_to_string(d.join(service).join("INDEX.tsv"))
        .unwrap_or_else(|e| panic!("{service}/INDEX.tsv: {e}"));
    text.lines()
        .skip(1)
        .filter_map(|line| {
            let c: Vec<&str> = line.split('\t').collect();
            (c.len() >= 9).then(|| IndexRow {
                method: c[2].to_owned(),
                url: c[3].to_owned(),
                section: c[4].to_owned(),
                caption: c[5].to_owned(),
                sample_path: c[6].to_owned(),
                in_corpus: c[7] == "yes",
                valid_json: c[8] == "yes",
            })
        })
        .collect()
}

/// The corpus-relative paths listed in `KNOWN_INVALID_JSON.txt`.
pub fn known_invalid() -> HashSet<String> {
    let Some(d) = dir() else {
        return HashSet::new();
    };
    std::fs::read_to_string(d.join("KNOWN_INVALID_JSON.txt"))
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.trim().to_owned())
        .collect()
}

/// Every `.json` file under a corpus sub-folder (recursively), as corpus-relative paths,
/// sorted, without the known-invalid ones.
pub fn json_files(under: &str) -> Vec<String> {
    let Some(d) = dir() else { return Vec::new() };
    let invalid = known_invalid();
    let mut out = Vec::new();
    let mut stack = vec![d.join(under)];
    while let Some(p) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&p) else {
            continue;
        };
        for e in entries.flatten() {
            let path = e.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "json") {
                let rel = path
                    .strip_prefix(&d)
                    .expect("under the corpus")
                    .to_string_lossy()
                    .into_owned();
                if !invalid.contains(&rel) {
                    out.push(rel);
                }
            }
        }
    }
    out.sort();
    out
}
