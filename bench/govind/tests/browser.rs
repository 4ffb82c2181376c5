//! The browser side of GOV-IND v1: the same phases, compiled to wasm with
//! the app's release settings (profile `wasm-app`: opt-level "z", LTO) and
//! run in headless Chromium by `wasm-bindgen-test-runner` (see
//! `bench/govind.sh`).
//!
//! It runs in a dedicated worker, not on the page's main thread: a single
//! L run blocks for tens of seconds, which would starve the WebDriver
//! polling of the runner; a worker runs the same wasm engine (V8) at the
//! same speed. There are no child processes in a browser, so each load is
//! done on a fresh document object; memory is reported once, as the size
//! of the wasm linear memory at the end (it only grows). Gouvernail's saved
//! bytes are also read by the prototype fixes (`gouvernail-cached-read`,
//! `gouvernail-snapshot`).
//!
//! Results are printed as `GOVIND {json}` lines, which `bench/govind.sh`
//! collects. Compile-time knobs: `GOVIND_RUNS` (default 5),
//! `GOVIND_ENGINES` (comma-separated, default all), `GOVIND_SIZES` (`S,L`).
#![cfg(target_arch = "wasm32")]

use govind_bench::clock::peak_memory_kib;
use govind_bench::engine::Replica;
use govind_bench::engines::gouvernail::Gouvernail;
use govind_bench::engines::prototypes::{load_with_cached_read, load_with_snapshot, CACHED_READ, SNAPSHOT};
use govind_bench::engines::{self, InProcess};
use govind_bench::phases::{LoadReport, Loader};
use govind_bench::workload::{Size, Workload};
use std::cell::RefCell;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_dedicated_worker);

/// Loads in place, and reads Gouvernail's first saved bytes again with each
/// prototype fix.
#[derive(Default)]
struct BrowserLoader {
    prototypes: RefCell<Vec<(&'static str, usize, LoadReport)>>,
}

impl Loader for BrowserLoader {
    fn load(&self, engine: &str, stage: &str, size: Size, bytes: &[u8]) -> LoadReport {
        let report = InProcess.load(engine, stage, size, bytes);
        if engine == Gouvernail::NAME && stage == "edited" {
            let mut prototypes = self.prototypes.borrow_mut();
            prototypes.push((CACHED_READ, bytes.len(), load_with_cached_read(bytes)));
            prototypes.push((SNAPSHOT, bytes.len(), load_with_snapshot(bytes)));
        }
        report
    }
}

fn list(value: Option<&'static str>, default: &'static str) -> Vec<&'static str> {
    value.unwrap_or(default).split(',').filter(|s| !s.is_empty()).collect()
}

#[wasm_bindgen_test]
fn govind_in_the_browser() {
    let runs: usize = option_env!("GOVIND_RUNS").and_then(|r| r.parse().ok()).unwrap_or(5);
    let engines_to_run = match option_env!("GOVIND_ENGINES") {
        Some(names) => names.split(',').collect(),
        None => engines::ALL.to_vec(),
    };
    let workloads: Vec<Workload> = list(option_env!("GOVIND_SIZES"), "S,L")
        .into_iter()
        .map(|s| Workload::new(Size::parse(s).expect("size S or L")))
        .collect();
    for w in &workloads {
        console_log!("GOVIND {}", serde_json::json!({ "digest": w.digest() }));
    }
    for _ in 0..runs {
        for w in &workloads {
            for engine in &engines_to_run {
                let loader = BrowserLoader::default();
                let report = engines::run(engine, w, &loader).expect("known engine");
                console_log!("GOVIND {}", serde_json::json!({ "run": report }));
                for (reader, saved_bytes, load) in loader.prototypes.take() {
                    let run = serde_json::json!({ "engine": reader, "size": w.size.name, "saved_bytes": saved_bytes, "load": load });
                    console_log!("GOVIND {}", serde_json::json!({ "run": run }));
                }
            }
        }
    }
    console_log!("GOVIND {}", serde_json::json!({ "linear_memory_kib": peak_memory_kib() }));
}
