//! [`CachedRead`]: the view of a document that snapshots are hydrated from.
//!
//! autosurgeon's derived `Hydrate` reads a struct field by field with
//! `ReadDoc::get`, and in Automerge 0.12 each `get` is a seek in the columnar
//! op set (about 50 000 instructions under callgrind): a measurement alone
//! costs five seeks. `CachedRead` answers `get` on a map from one sequential
//! `map_range` pass over that map, made the first time the map is read: one
//! seek per object instead of one per field, the same derived code, the same
//! result (`map_range` yields the winning value of each key, as `get` does).
//! Measured in BENCHMARKS.md (fix A): hydration about 4× faster.

use automerge::{AutoCommit, ChangeHash, ObjId, ObjType, Parents, Prop, Value};
use autosurgeon::ReadDoc;
use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::RangeBounds;
use std::rc::Rc;

/// The entries of one map, sorted by key (the order `map_range` yields).
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
            // Only maps have string keys.
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
