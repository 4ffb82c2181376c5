//! A prototype of the fix this benchmark proposes for
//! `Document::workspace()` (see BENCHMARKS.md, "Analysis"), built outside
//! `src/` so the app is untouched until the fix is agreed.
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

use automerge::{AutoCommit, ChangeHash, ObjId, ObjType, Parents, Prop, Value};
use autosurgeon::ReadDoc;
use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::RangeBounds;
use std::rc::Rc;

/// The entries of one map, sorted by key (as `map_range` yields them).
type Entries = Rc<Vec<(String, Value<'static>, ObjId)>>;

/// A read-only view of a document that reads each map once.
pub struct CachedRead<'a> {
    doc: &'a AutoCommit,
    maps: RefCell<HashMap<ObjId, Entries>>,
}

impl<'a> CachedRead<'a> {
    pub fn new(doc: &'a AutoCommit) -> CachedRead<'a> {
        CachedRead { doc, maps: RefCell::new(HashMap::new()) }
    }

    fn entries(&self, obj: &ObjId) -> Entries {
        if let Some(entries) = self.maps.borrow().get(obj) {
            return entries.clone();
        }
        let entries: Entries = Rc::new(
            automerge::ReadDoc::map_range(self.doc, obj, ..)
                .map(|item| (item.key.to_string(), item.value.clone().into_value(), item.id()))
                .collect(),
        );
        self.maps.borrow_mut().insert(obj.clone(), entries.clone());
        entries
    }
}

impl ReadDoc for CachedRead<'_> {
    type Parents<'b>
        = Parents<'b>
    where
        Self: 'b;

    fn get_heads(&self) -> Vec<ChangeHash> {
        ReadDoc::get_heads(self.doc)
    }

    fn get<P: Into<Prop>>(
        &self,
        obj: &ObjId,
        prop: P,
    ) -> Result<Option<(Value<'_>, ObjId)>, automerge::AutomergeError> {
        match prop.into() {
            // Only maps have string keys: no type check needed (it would cost a lookup).
            Prop::Map(key) => {
                let entries = self.entries(obj);
                Ok(entries
                    .binary_search_by(|(k, _, _)| k.as_str().cmp(key.as_str()))
                    .ok()
                    .map(|i| (entries[i].1.clone(), entries[i].2.clone())))
            }
            other => automerge::ReadDoc::get(self.doc, obj, other),
        }
    }

    fn object_type<O: AsRef<ObjId>>(&self, obj: O) -> Option<ObjType> {
        ReadDoc::object_type(self.doc, obj)
    }

    fn map_range<'b, O, R>(&'b self, obj: O, range: R) -> automerge::iter::MapRange<'b>
    where
        R: RangeBounds<String> + 'b,
        O: AsRef<ObjId>,
    {
        ReadDoc::map_range(self.doc, obj, range)
    }

    fn list_range<O: AsRef<ObjId>, R: RangeBounds<usize>>(&self, obj: O, range: R) -> automerge::iter::ListRange<'_> {
        ReadDoc::list_range(self.doc, obj, range)
    }

    fn length<O: AsRef<ObjId>>(&self, obj: O) -> usize {
        ReadDoc::length(self.doc, obj)
    }

    fn text<O: AsRef<ObjId>>(&self, obj: O) -> Result<String, automerge::AutomergeError> {
        ReadDoc::text(self.doc, obj)
    }

    fn parents<O: AsRef<ObjId>>(&self, obj: O) -> Result<Self::Parents<'_>, automerge::AutomergeError> {
        ReadDoc::parents(self.doc, obj)
    }

    fn is_empty(&self) -> bool {
        ReadDoc::is_empty(self.doc)
    }
}

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
