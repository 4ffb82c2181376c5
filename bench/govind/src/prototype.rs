//! Prototypes of the fixes this benchmark proposed (see BENCHMARKS.md,
//! "Analysis"). Fix A (`CachedRead`) has since moved into the app and is
//! re-exported here; fix D's measurement (`merge_variants`) stays here.
//!
//! The cause it addresses: autosurgeon's derived `Hydrate` reads a struct
//! field by field with `ReadDoc::get`, and in Automerge 0.12 every `get` is
//! a seek in the columnar op set (`OpSet::seek_ops_by_map_key`, ~50 000
//! instructions under callgrind). A measurement costs five seeks (its key in
//! the series, then value, comment, author, recorded_at).
//!
//! The fix: hydrate through a [`CachedRead`], an autosurgeon `ReadDoc` that
//! answers `get` on a map from one sequential `map_range` pass over that
//! map, done the first time the map is read. One seek per object instead of
//! one per field; same types, same derived `Hydrate` code, same result.

use automerge::AutoCommit;

/// Fix A now lives in the app (`src/model/cached_read.rs`); the
/// `gouvernail-cached-read` engine keeps measuring it under its own name.
pub use gouvernail::model::document::cached_read::CachedRead;

/// Times of one merge direction, three ways (see [`merge_variants`]).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct MergeTimes {
    /// `AutoCommit::merge` alone: the engine's floor.
    pub raw_ms: f64,
    /// What `Document::merge` does without the diff index (as measured in
    /// BENCHMARKS.md): the incoming changes (for the authors), the merge, then
    /// `diff(before, after)` for the entities changed, which Automerge
    /// computes by scanning every op of the document.
    pub full_diff_ms: f64,
    /// Fix D: the same, with Automerge's diff index switched on
    /// for the merge only (`update_diff_cursor` before, `reset_diff_cursor`
    /// after), so the diff comes from the ops the merge applied.
    pub indexed_ms: f64,
    /// Entities changed, as both summaries found them (they must agree).
    pub entities: usize,
}

/// `(collection, id)` of every patch, as `MergeSummary::changed` lists them.
fn entities(patches: &[automerge::Patch]) -> std::collections::BTreeSet<(String, String)> {
    use automerge::{PatchAction, Prop};
    patches
        .iter()
        .filter_map(|patch| {
            let mut keys = patch.path.iter().map(|(_, prop)| match prop {
                Prop::Map(k) => k.clone(),
                Prop::Seq(i) => i.to_string(),
            });
            let own = match &patch.action {
                PatchAction::PutMap { key, .. } | PatchAction::DeleteMap { key } => Some(key.clone()),
                _ => None,
            };
            let collection = keys.next().or(own.clone())?;
            let id = keys.next().or(if patch.path.is_empty() { None } else { own })?;
            Some((collection, id))
        })
        .collect()
}

/// Merges `from` into copies of `into`, the three ways of [`MergeTimes`].
/// The copies are made outside the timings.
pub fn merge_variants(into: &AutoCommit, from: &AutoCommit) -> MergeTimes {
    use crate::clock::timed;
    let mut doc = into.clone();
    let mut other = from.clone();
    let ((), raw_ms) = timed(|| {
        doc.merge(&mut other).expect("merge");
    });

    let mut doc = into.clone();
    let mut other = from.clone();
    let (full, full_diff_ms) = timed(|| {
        let incoming = doc.get_changes_added(&mut other).len();
        let before = doc.get_heads();
        doc.merge(&mut other).expect("merge");
        let after = doc.get_heads();
        (incoming, entities(&doc.diff(&before, &after)))
    });

    let mut doc = into.clone();
    let mut other = from.clone();
    let (indexed, indexed_ms) = timed(|| {
        let incoming = doc.get_changes_added(&mut other).len();
        let before = doc.get_heads();
        doc.update_diff_cursor();
        doc.merge(&mut other).expect("merge");
        let after = doc.get_heads();
        let changed = entities(&doc.diff(&before, &after));
        doc.reset_diff_cursor();
        (incoming, changed)
    });
    assert_eq!(full, indexed, "the indexed diff found other entities");
    MergeTimes { raw_ms, full_diff_ms, indexed_ms, entities: full.1.len() }
}
