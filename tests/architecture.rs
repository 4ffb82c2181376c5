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
    let found = offenders(
        "src/ui",
        &["gloo_storage", "local_storage()", "localStorage", "session_storage", "web_sys::Storage"],
    );
    assert!(found.is_empty(), "the UI must go through src/storage:\n{}", found.join("\n"));
}

#[test]
fn the_ui_never_calls_automerge_directly() {
    let found = offenders("src/ui", &["automerge::", "autosurgeon::"]);
    assert!(found.is_empty(), "the UI sends commands and renders snapshots:\n{}", found.join("\n"));
}

/// The layers of `src/model`, lowest first: a file may use what is in its
/// own layer or below, never above (ARCHITECTURE.md, « Code map »).
const MODEL_LAYERS: [(&str, u8); 9] = [
    ("error", 0),
    ("values", 0),
    ("kinds", 1),
    ("command", 2),
    ("document", 3),
    ("analysis", 4),
    ("exchange", 5),
    ("content", 6),
    ("", 7),
];

/// The module path of a file of `src/model` (`kinds::workspace`), `None`
/// for the `mod.rs` files, which only declare and re-export.
fn model_module(root: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(root).unwrap().with_extension("");
    let parts: Vec<String> = relative.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    (parts.last()? != "mod").then(|| parts.join("::"))
}

/// `a::{b, c::{d, e}}` → `a::b`, `a::c::d`, `a::c::e`.
fn expand_use_tree(tree: &str) -> Vec<String> {
    let tree: String = tree.split_whitespace().collect::<Vec<_>>().join(" ");
    let Some(open) = tree.find('{') else { return vec![tree] };
    let (prefix, inner) = (&tree[..open], &tree[open + 1..tree.len() - 1]);
    let (mut parts, mut depth, mut current) = (Vec::new(), 0, String::new());
    for ch in inner.chars() {
        match ch {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(ch);
    }
    parts.push(current);
    parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .flat_map(|p| expand_use_tree(p).into_iter().map(move |e| format!("{prefix}{e}")))
        .collect()
}

/// Every `crate::model::…` path a source names, in `use` trees or inline.
fn model_paths(source: &str) -> Vec<String> {
    let code: String = source.lines().map(|l| l.split("//").next().unwrap_or("")).collect::<Vec<_>>().join("\n");
    let mut paths = Vec::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("crate::model::") {
        let after = &rest[at + "crate::model::".len()..];
        let is_use = rest[..at].trim_end().ends_with("use");
        let end = if is_use {
            after.find(';').unwrap_or(after.len())
        } else {
            after.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')).unwrap_or(after.len())
        };
        paths.extend(expand_use_tree(&after[..end]));
        rest = &after[end..];
    }
    paths
}

/// The file module a path points into: its longest prefix that is a module.
fn target_module<'a>(modules: &'a [String], path: &str) -> Option<&'a String> {
    let segments: Vec<&str> = path.split("::").collect();
    (1..=segments.len()).rev().find_map(|n| {
        let prefix = segments[..n].join("::");
        modules.iter().find(|m| **m == prefix)
    })
}

#[test]
fn the_domain_depends_one_way_plain_types_commands_document_analyses() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/model");
    let files = rust_files(&root);
    let modules: Vec<String> = files.iter().filter_map(|f| model_module(&root, f)).collect();
    let layer = |module: &str| {
        let top = module.split("::").next().unwrap_or("");
        MODEL_LAYERS.iter().find(|(name, _)| *name == top).map_or(7, |(_, layer)| *layer)
    };
    let mut problems = Vec::new();
    let mut edges: Vec<(String, String)> = Vec::new();
    for file in &files {
        let source = fs::read_to_string(file).unwrap();
        let Some(module) = model_module(&root, file) else {
            // A mod.rs declares modules and re-exports, nothing else.
            for line in source.lines().map(str::trim) {
                let declaration = ["//", "pub mod ", "mod ", "pub use ", "#[cfg"].iter().any(|s| line.starts_with(s));
                if !(line.is_empty() || declaration) {
                    problems.push(format!("{}: a mod.rs only declares and re-exports: {line}", file.display()));
                }
            }
            continue;
        };
        for line in source.lines().filter(|l| l.contains("super::") && l.trim() != "use super::*;") {
            problems.push(format!("{module}: name modules from crate::model, not super: {}", line.trim()));
        }
        for path in model_paths(&source) {
            match target_module(&modules, &path) {
                None => {
                    problems.push(format!("{module} uses crate::model::{path}: import it from the module defining it"))
                }
                Some(target) if *target != module => {
                    if layer(target) > layer(&module) {
                        problems.push(format!(
                            "{module} (layer {}) uses {target} (layer {})",
                            layer(&module),
                            layer(target)
                        ));
                    }
                    edges.push((module.clone(), target.clone()));
                }
                Some(_) => {}
            }
        }
    }
    edges.sort();
    edges.dedup();
    // A cycle: a module reaching itself by following the edges.
    for start in &modules {
        let mut stack: Vec<Vec<&String>> = vec![vec![start]];
        let mut seen = std::collections::BTreeSet::new();
        while let Some(trail) = stack.pop() {
            let last = *trail.last().unwrap();
            for (_, next) in edges.iter().filter(|(from, _)| from == last) {
                if next == start {
                    let names: Vec<&str> = trail.iter().map(|m| m.as_str()).collect();
                    problems.push(format!("import cycle: {} → {start}", names.join(" → ")));
                } else if seen.insert(next) {
                    stack.push(trail.iter().copied().chain([next]).collect());
                }
            }
        }
    }
    problems.sort();
    problems.dedup();
    assert!(problems.is_empty(), "src/model's dependencies must go one way:\n{}", problems.join("\n"));
}
