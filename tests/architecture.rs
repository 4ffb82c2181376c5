//! Architecture invariants checked on the sources (DESIGN.md, invariant 5):
//! the domain is plain Rust, and only `src/storage` touches browser storage.
#![cfg(not(target_arch = "wasm32"))]

use std::fs;
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

fn offenders(dir: &str, forbidden: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut found = Vec::new();
    for file in rust_files(&root) {
        let text = fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for word in forbidden {
                if code.contains(word) {
                    found.push(format!("{}:{}: {}", file.display(), n + 1, line.trim()));
                }
            }
        }
    }
    found
}

#[test]
fn the_domain_imports_no_browser_or_ui_crate() {
    let found = offenders("src/model", &["leptos", "web_sys", "gloo", "wasm_bindgen", "js_sys"]);
    assert!(found.is_empty(), "src/model must stay plain Rust:\n{}", found.join("\n"));
}

#[test]
fn the_domain_never_reads_a_clock() {
    let found = offenders("src/model", &["SystemTime", "Instant::now", "Date::now", "chrono::"]);
    assert!(found.is_empty(), "time must be passed in:\n{}", found.join("\n"));
}

#[test]
fn only_storage_touches_browser_storage() {
    let found = offenders("src/ui", &["gloo_storage", "local_storage()", "localStorage", "session_storage", "web_sys::Storage"]);
    assert!(found.is_empty(), "the UI must go through src/storage:\n{}", found.join("\n"));
}

#[test]
fn the_ui_never_calls_automerge_directly() {
    let found = offenders("src/ui", &["automerge::", "autosurgeon::"]);
    assert!(found.is_empty(), "the UI sends commands and renders snapshots:\n{}", found.join("\n"));
}
