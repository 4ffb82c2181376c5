//! The native side: every engine in its own child process, every load in a
//! fresh grandchild process.
//!
//! `govind suite` spawns `govind phases <engine> <size>` for each run,
//! interleaving engines and sizes (so a slow moment of the machine does not
//! fall on one engine only). Each `phases` process spawns
//! `govind load <engine> <file>` for its two loads: the reader is a fresh
//! process, as when someone opens a received file, and its peak memory
//! (VmHWM) is the memory of loading and materializing alone. After each
//! Gouvernail run, its saved file is also read by the prototype fix
//! (`govind load gouvernail-cached-read|gouvernail-snapshot <file>`, see
//! `prototype.rs` and `engines/prototypes.rs`), and,
//! for size S, its merge is timed three ways (`govind merge-variants S`).

use govind_bench::clock::timed;
use govind_bench::engine::Replica;
use govind_bench::engines;
use govind_bench::phases::{LoadReport, Loader, RunReport};
use govind_bench::workload::{state_fingerprint, Size, Workload, WorkloadDigest, SIZE_L, SIZE_S};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Loads through `govind load` in a child process; the saved file stays in
/// `dir` (the node side loads Gouvernail's files from there).
pub struct ChildLoader {
    pub dir: PathBuf,
}

impl Loader for ChildLoader {
    fn load(&self, engine: &str, stage: &str, size: Size, bytes: &[u8]) -> LoadReport {
        let file = self.dir.join(format!("{engine}-{}-{stage}.bin", size.name));
        std::fs::write(&file, bytes).expect("write the saved file");
        let out = child(&["load", engine, file.to_str().expect("utf-8 path")]);
        serde_json::from_slice(&out).expect("load report")
    }
}

/// Runs this very binary with `args` and returns its standard output.
fn child(args: &[&str]) -> Vec<u8> {
    let exe = std::env::current_exe().expect("own path");
    let out = Command::new(exe).args(args).output().expect("spawn child");
    if !out.status.success() {
        panic!("govind {}: {}", args.join(" "), String::from_utf8_lossy(&out.stderr));
    }
    out.stdout
}

#[derive(Serialize)]
struct SuiteReport {
    side: &'static str,
    loads_in: &'static str,
    digests: Vec<WorkloadDigest>,
    runs: Vec<serde_json::Value>,
    /// Gouvernail's saved files (stage `edited`), for the node side.
    gouvernail_files: Vec<(String, String)>,
}

pub struct SuiteOptions {
    pub runs: usize,
    pub sizes: Vec<Size>,
    pub engines: Vec<String>,
    pub dir: PathBuf,
}

pub fn suite(options: &SuiteOptions) -> String {
    std::fs::create_dir_all(&options.dir).expect("create the work directory");
    let dir = options.dir.to_str().expect("utf-8 path");
    let mut runs = Vec::new();
    for run in 0..options.runs {
        for size in &options.sizes {
            for engine in &options.engines {
                let (out, ms) = timed(|| child(&["phases", engine, size.name, dir]));
                eprintln!("run {}/{} {} {engine}: {:.1} s", run + 1, options.runs, size.name, ms / 1000.0);
                let report: RunReport = serde_json::from_slice(&out).expect("run report");
                runs.push(serde_json::to_value(&report).expect("json"));
                if engine == engines::gouvernail::Gouvernail::NAME {
                    for reader in [engines::prototypes::CACHED_READ, engines::prototypes::SNAPSHOT] {
                        runs.push(prototype_read(reader, &options.dir, size, report.saved_bytes));
                    }
                    if size.name == "S" {
                        let out = child(&["merge-variants", size.name]);
                        runs.push(serde_json::from_slice(&out).expect("merge variants"));
                    }
                }
            }
        }
    }
    let gouvernail_files = options
        .sizes
        .iter()
        .map(|s| (s.name.to_string(), file_name(&options.dir, "gouvernail", s, "edited")))
        .collect();
    let report = SuiteReport {
        side: "native",
        loads_in: "child process (govind load <engine> <file>)",
        digests: [SIZE_S, SIZE_L].into_iter().map(|s| Workload::new(s).digest()).collect(),
        runs,
        gouvernail_files,
    };
    serde_json::to_string_pretty(&report).expect("json")
}

/// A prototype fix, on the very file Gouvernail just saved, in a fresh
/// process like every other load.
fn prototype_read(reader: &str, dir: &Path, size: &Size, saved_bytes: usize) -> serde_json::Value {
    let file = file_name(dir, engines::gouvernail::Gouvernail::NAME, size, "edited");
    let out = child(&["load", reader, &file]);
    let load: LoadReport = serde_json::from_slice(&out).expect("load report");
    let expected = state_fingerprint(&Workload::new(*size).after_edits());
    assert_eq!(load.fingerprint, expected, "the prototype reader read a different state");
    serde_json::json!({ "engine": reader, "size": size.name, "saved_bytes": saved_bytes, "load": load })
}

fn file_name(dir: &Path, engine: &str, size: &Size, stage: &str) -> String {
    dir.join(format!("{engine}-{}-{stage}.bin", size.name)).to_string_lossy().into_owned()
}

/// `govind phases <engine> <size> <dir>`: one run, as JSON.
pub fn phases(engine: &str, size: Size, dir: &Path) -> String {
    let w = Workload::new(size);
    let loader = ChildLoader { dir: dir.to_path_buf() };
    let report = engines::run(engine, &w, &loader).unwrap_or_else(|| panic!("unknown engine {engine}"));
    serde_json::to_string(&report).expect("json")
}

pub fn all_engines() -> Vec<String> {
    engines::ALL.iter().map(|e| e.to_string()).collect()
}

pub fn both_sizes() -> Vec<Size> {
    vec![SIZE_S, SIZE_L]
}
