//! The fixes proposed in BENCHMARKS.md, measured on Gouvernail's own
//! documents without touching the app: two readers of a saved file
//! (`gouvernail-cached-read`, `gouvernail-snapshot`) and the merge timed
//! three ways (`gouvernail-merge-variants`). The machinery is in
//! `crate::prototype`; this module runs it the way the suite needs.

use crate::clock::timed;
use crate::engine::Replica;
use crate::engines::gouvernail::Gouvernail;
use crate::phases::LoadReport;
use crate::prototype::CachedRead;
use crate::workload::Workload;
use gouvernail::model::kinds::workspace::Workspace;
use gouvernail::model::Document;

/// Name of the prototype reader: Gouvernail's file, loaded as the app does,
/// hydrated through [`CachedRead`] (the proposed fix) instead of the
/// document directly. Only loads: everything else is Gouvernail unchanged.
pub const CACHED_READ: &str = "gouvernail-cached-read";

pub fn hydrate_cached(doc: &Document) -> Workspace {
    autosurgeon::hydrate(&CachedRead::new(doc.automerge())).expect("hydrate")
}

pub fn load_with_cached_read(bytes: &[u8]) -> LoadReport {
    let (doc, load_ms) = timed(|| Document::load(bytes).expect("load"));
    let (ws, materialize_ms) = timed(|| hydrate_cached(&doc));
    LoadReport::new(load_ms, materialize_ms, &Gouvernail::to_native(&ws))
}

/// Name of the second prototype reader: a materialized snapshot kept next
/// to the document (the `Workspace` as JSON, valid for the document's
/// heads), read instead of hydrating. `load_ms` is still `Document::load`
/// (an app could defer it to the first edit); `materialize_ms` is parsing
/// the snapshot. Making the snapshot (load, hydrate, serialize) is untimed.
pub const SNAPSHOT: &str = "gouvernail-snapshot";

pub fn load_with_snapshot(bytes: &[u8]) -> LoadReport {
    let snapshot = {
        let mut doc = Document::load(bytes).expect("load");
        let heads: Vec<String> = doc.heads().iter().map(|h| h.to_string()).collect();
        serde_json::to_vec(&(heads, doc.workspace().expect("workspace"))).expect("json")
    };
    let (mut doc, load_ms) = timed(|| Document::load(bytes).expect("load"));
    let ((heads, ws), materialize_ms) =
        timed(|| serde_json::from_slice::<(Vec<String>, Workspace)>(&snapshot).expect("snapshot"));
    let current: Vec<String> = doc.heads().iter().map(|h| h.to_string()).collect();
    assert_eq!(heads, current, "a snapshot is only valid for the heads it was made at");
    LoadReport {
        snapshot_bytes: Some(snapshot.len()),
        ..LoadReport::new(load_ms, materialize_ms, &Gouvernail::to_native(&ws))
    }
}

/// Name of the merge comparison: Gouvernail's two replicas, merged both
/// ways by [`crate::prototype::merge_variants`].
pub const MERGE_VARIANTS: &str = "gouvernail-merge-variants";

/// Builds Gouvernail's replicas A and B as the phases do (untimed), then
/// times both merge directions the three ways.
pub fn merge_variants(w: &Workload) -> serde_json::Value {
    let mut a = Gouvernail::build(w);
    w.edits.iter().for_each(|e| a.edit(w, e));
    let mut b = a.fork();
    w.a_commits.iter().for_each(|c| a.edit_many(w, c));
    w.b_commits.iter().for_each(|c| b.append(w, c));
    let (a, b) = (a.document().automerge(), b.document().automerge());
    serde_json::json!({
        "engine": MERGE_VARIANTS,
        "size": w.size.name,
        "a_from_b": crate::prototype::merge_variants(a, b),
        "b_from_a": crate::prototype::merge_variants(b, a),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workload::Size;

    /// The prototype must give exactly the snapshot the app computes,
    /// conflicts included.
    #[test]
    fn cached_read_hydrates_the_same_workspace() {
        let w = Workload::new(Size { name: "tiny", n: 8, m: 12 });
        let mut a = Gouvernail::build(&w);
        w.edits.iter().for_each(|e| a.edit(&w, e));
        let mut b = a.fork();
        w.a_commits.iter().for_each(|c| a.edit_many(&w, c));
        w.b_commits.iter().take(3).for_each(|c| b.append(&w, c));
        a.merge(&mut b);
        assert_eq!(hydrate_cached(a.document()), a.materialize());
    }
}
