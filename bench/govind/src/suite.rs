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
//!
//! Then, for each size, Gouvernail's saved file and raw Automerge's are
//! loaded in turn, each in a fresh process, many times over (`paired`):
//! single loads here vary by up to ±50 % with the machine's moment, and the
//! ratio of two loads made seconds apart is what the load target compares.

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
    /// Loads of Gouvernail's and raw Automerge's files, one after the other.
    paired: Vec<PairedLoad>,
}

/// One pair of fresh-process loads (load + materialize, ms) of the same
/// workload: Gouvernail's file and raw Automerge's (batched).
#[derive(Serialize)]
struct PairedLoad {
    size: &'static str,
    gouvernail_ms: f64,
    automerge_batched_ms: f64,
}

/// Pairs of loads per run of the suite.
const PAIRS_PER_RUN: usize = 3;

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
    let paired = if [engines::gouvernail::Gouvernail::NAME, "automerge-batched"]
        .iter()
        .all(|e| options.engines.iter().any(|o| o == e))
    {
        options.sizes.iter().flat_map(|size| paired_loads(&options.dir, size, PAIRS_PER_RUN * options.runs)).collect()
    } else {
        Vec::new()
    };
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
        paired,
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

/// `pairs` pairs of loads of the files the last runs saved, the order
/// alternating within each pair so neither side always goes first.
fn paired_loads(dir: &Path, size: &Size, pairs: usize) -> Vec<PairedLoad> {
    let time = |engine: &str| {
        let out = child(&["load", engine, &file_name(dir, engine, size, "edited")]);
        let load: LoadReport = serde_json::from_slice(&out).expect("load report");
        load.load_ms + load.materialize_ms
    };
    (0..pairs)
        .map(|i| {
            let (gouvernail_ms, automerge_batched_ms) = if i % 2 == 0 {
                let g = time(engines::gouvernail::Gouvernail::NAME);
                (g, time("automerge-batched"))
            } else {
                let a = time("automerge-batched");
                (time(engines::gouvernail::Gouvernail::NAME), a)
            };
            eprintln!(
                "pair {}/{pairs} {}: gouvernail {gouvernail_ms:.1} ms, automerge-batched {automerge_batched_ms:.1} ms",
                i + 1,
                size.name
            );
            PairedLoad { size: size.name, gouvernail_ms, automerge_batched_ms }
        })
        .collect()
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
