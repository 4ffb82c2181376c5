//! Entities written sparsely: a field at its default value is not written
//! while its key is absent, since every field reads as its default when
//! absent (`model_documents::a_blank_entity_of_every_kind_writes_nothing_and_reads_back`).
//! Which fields are at their default is `document::default_fields`.
//!
//! An import creates indicators by the hundred; writing their ~20 fields
//! each, empty ones included, made every later load of the document replay
//! thousands of operations for nothing (BENCHMARKS.md, fix G). Updates must
//! follow the same rule: autosurgeon writes a field whose stored value
//! differs from the new one, and an absent key differs from everything, so
//! an update of the unit would also write an empty definition; merged with
//! another replica's concurrent edit of that definition, the two puts would
//! conflict and the edit could lose. [`Sparse`] wraps the reconciliation of
//! an entity and skips, at the entity's own map only, the puts of fields
//! that are absent and stay at their default. Everything else, nested maps
//! included, is autosurgeon's own reconciliation.

use autosurgeon::reconcile::{LoadKey, MapReconciler, NoKey};
use autosurgeon::{Reconcile, Reconciler};
use std::collections::BTreeSet;

/// Reconciles `value`, leaving absent the fields named in `defaults` (those
/// whose new value is their default).
pub struct Sparse<'a, T> {
    pub value: &'a T,
    pub defaults: &'a BTreeSet<String>,
}

impl<T: Reconcile> Reconcile for Sparse<'_, T> {
    type Key<'k> = NoKey;

    fn reconcile<R: Reconciler>(&self, reconciler: R) -> Result<(), R::Error> {
        self.value.reconcile(SparseReconciler { inner: reconciler, defaults: self.defaults })
    }
}

struct SparseReconciler<'d, R> {
    inner: R,
    defaults: &'d BTreeSet<String>,
}

impl<'d, R: Reconciler> Reconciler for SparseReconciler<'d, R> {
    type Error = R::Error;
    type Map<'a>
        = SparseMap<'a, R::Map<'a>>
    where
        Self: 'a;
    type Seq<'a>
        = R::Seq<'a>
    where
        Self: 'a;
    type Text<'a>
        = R::Text<'a>
    where
        Self: 'a;
    type Counter<'a>
        = R::Counter<'a>
    where
        Self: 'a;

    fn none(&mut self) -> Result<(), Self::Error> {
        self.inner.none()
    }
    fn bytes<B: AsRef<[u8]>>(&mut self, value: B) -> Result<(), Self::Error> {
        self.inner.bytes(value)
    }
    fn timestamp(&mut self, value: i64) -> Result<(), Self::Error> {
        self.inner.timestamp(value)
    }
    fn boolean(&mut self, value: bool) -> Result<(), Self::Error> {
        self.inner.boolean(value)
    }
    fn str<S: AsRef<str>>(&mut self, value: S) -> Result<(), Self::Error> {
        self.inner.str(value)
    }
    fn u64(&mut self, value: u64) -> Result<(), Self::Error> {
        self.inner.u64(value)
    }
    fn i64(&mut self, value: i64) -> Result<(), Self::Error> {
        self.inner.i64(value)
    }
    fn f64(&mut self, value: f64) -> Result<(), Self::Error> {
        self.inner.f64(value)
    }
    fn map(&mut self) -> Result<Self::Map<'_>, Self::Error> {
        Ok(SparseMap { inner: self.inner.map()?, defaults: self.defaults })
    }
    fn seq(&mut self) -> Result<Self::Seq<'_>, Self::Error> {
        self.inner.seq()
    }
    fn text(&mut self) -> Result<Self::Text<'_>, Self::Error> {
        self.inner.text()
    }
    fn counter(&mut self) -> Result<Self::Counter<'_>, Self::Error> {
        self.inner.counter()
    }
    fn heads(&self) -> &[automerge::ChangeHash] {
        self.inner.heads()
    }
}

struct SparseMap<'d, M> {
    inner: M,
    defaults: &'d BTreeSet<String>,
}

impl<M: MapReconciler> MapReconciler for SparseMap<'_, M> {
    type Error = M::Error;
    type EntriesIter<'a>
        = M::EntriesIter<'a>
    where
        Self: 'a;

    fn entries(&self) -> Self::EntriesIter<'_> {
        self.inner.entries()
    }
    fn entry<P: AsRef<str>>(&self, prop: P) -> Option<automerge::Value<'_>> {
        self.inner.entry(prop)
    }
    fn put<V: Reconcile, P: AsRef<str>>(&mut self, prop: P, value: V) -> Result<(), Self::Error> {
        if self.defaults.contains(prop.as_ref()) && self.inner.entry(prop.as_ref()).is_none() {
            return Ok(());
        }
        self.inner.put(prop, value)
    }
    fn delete<P: AsRef<str>>(&mut self, prop: P) -> Result<(), Self::Error> {
        self.inner.delete(prop)
    }
    fn hydrate_entry_key<'a, V: Reconcile, P: AsRef<str>>(&self, prop: P) -> Result<LoadKey<V::Key<'a>>, Self::Error> {
        self.inner.hydrate_entry_key::<V, P>(prop)
    }
}
