//! Raw Automerge 0.12 (the app's version), no Gouvernail layer: the floor of
//! what the model layer could cost on the same engine. Three variants:
//!
//! * `automerge-per-op`: one map per indicator, period → f64, every value
//!   its own `put`;
//! * `automerge-batched`: the same layout, built in one
//!   `batch_create_object` call (Automerge's bulk-creation path), the most
//!   efficient way to write it;
//! * `automerge-app-layout`: Gouvernail's layout written by hand, op by op
//!   (each measurement a map of value, comment, author, recorded_at; no
//!   autosurgeon, no indicator definitions, no commit messages). It splits
//!   Gouvernail's cost between its document layout and its code;
//! * `automerge-app-layout-batched`: that layout built with
//!   `batch_create_object`, to measure what bulk creation would save
//!   Gouvernail's imports (not in the default suite, see `engines::ALL`).
//!
//! Edits, concurrent commits and merges are plain `put`s and `merge`s in all
//! three. Materializing walks the maps with `map_range` into a `BTreeMap`.

use crate::engine::Replica;
use crate::workload::{period, Append, Edit, Native, Workload};
use automerge::transaction::Transactable;
use automerge::{hydrate, AutoCommit, ChangeHash, ObjId, ObjType, ReadDoc, ScalarValueRef, Value, ValueRef, ROOT};
use std::collections::{BTreeMap, HashMap};
use std::marker::PhantomData;

/// Fixed recording time of the app layout (as Gouvernail's build writes it).
const T0: i64 = 1_795_897_288_000;
const AUTHOR: &str = "Bench (GOV-IND)";

/// How a variant writes its document.
pub trait Variant {
    const NAME: &'static str;
    /// Build with `batch_create_object` rather than op by op.
    const BATCHED: bool;
    /// Gouvernail's layout (a map per measurement) rather than period → f64.
    const APP_LAYOUT: bool;
}

pub struct PerOp;
pub struct Batched;
pub struct AppLayout;
pub struct AppLayoutBatched;

impl Variant for PerOp {
    const NAME: &'static str = "automerge-per-op";
    const BATCHED: bool = false;
    const APP_LAYOUT: bool = false;
}

impl Variant for Batched {
    const NAME: &'static str = "automerge-batched";
    const BATCHED: bool = true;
    const APP_LAYOUT: bool = false;
}

impl Variant for AppLayout {
    const NAME: &'static str = "automerge-app-layout";
    const BATCHED: bool = false;
    const APP_LAYOUT: bool = true;
}

impl Variant for AppLayoutBatched {
    const NAME: &'static str = "automerge-app-layout-batched";
    const BATCHED: bool = true;
    const APP_LAYOUT: bool = true;
}

pub struct RawAutomerge<V> {
    doc: AutoCommit,
    commits: i64,
    variant: PhantomData<V>,
}

impl<V: Variant> RawAutomerge<V> {
    fn wrap(doc: AutoCommit) -> Self {
        RawAutomerge { doc, commits: 0, variant: PhantomData }
    }

    fn map(&self, parent: &ObjId, key: &str) -> ObjId {
        match self.doc.get(parent, key).expect("get") {
            Some((Value::Object(ObjType::Map), id)) => id,
            _ => panic!("no map at {key}"),
        }
    }

    fn series(&self, w: &Workload, indicator: usize) -> ObjId {
        let measurements = self.map(&ROOT, "measurements");
        self.map(&measurements, &w.ids[indicator])
    }

    /// Writes one value where it belongs, creating the measurement if needed.
    fn write(&mut self, series: &ObjId, month: usize, value: f64, time: i64) {
        let key = period(month);
        if !V::APP_LAYOUT {
            self.doc.put(series, key, value).expect("put");
            return;
        }
        let cell = match self.doc.get(series, key.as_str()).expect("get") {
            Some((Value::Object(ObjType::Map), id)) => id,
            _ => {
                let id = self.doc.put_object(series, key.as_str(), ObjType::Map).expect("put_object");
                self.doc.put(&id, "comment", "").expect("put");
                self.doc.put(&id, "author", AUTHOR).expect("put");
                id
            }
        };
        self.doc.put(&cell, "value", value).expect("put");
        self.doc.put(&cell, "recorded_at", time).expect("put");
    }

    fn commit(&mut self) {
        self.commits += 1;
        self.doc.commit();
    }

    fn time(&self) -> i64 {
        T0 + 60_000 * (self.commits + 1)
    }

    fn build_op_by_op(w: &Workload) -> AutoCommit {
        let mut replica = Self::wrap(AutoCommit::new());
        let measurements = replica.doc.put_object(ROOT, "measurements", ObjType::Map).expect("put_object");
        for (id, series) in w.ids.iter().zip(&w.values) {
            let obj = replica.doc.put_object(&measurements, id.as_str(), ObjType::Map).expect("put_object");
            for (month, value) in series.iter().enumerate() {
                replica.write(&obj, month, *value, T0);
            }
        }
        replica.doc
    }

    fn build_batched(w: &Workload) -> AutoCommit {
        let cell = |v: f64| -> hydrate::Value {
            if V::APP_LAYOUT {
                let fields: HashMap<&str, hydrate::Value> = HashMap::from([
                    ("value", hydrate::Value::scalar(v)),
                    ("comment", hydrate::Value::scalar("")),
                    ("author", hydrate::Value::scalar(AUTHOR)),
                    ("recorded_at", hydrate::Value::scalar(T0)),
                ]);
                hydrate::Value::Map(fields.into())
            } else {
                hydrate::Value::scalar(v)
            }
        };
        let all: HashMap<String, hydrate::Value> = w
            .ids
            .iter()
            .zip(&w.values)
            .map(|(id, series)| {
                let months: HashMap<String, hydrate::Value> =
                    series.iter().enumerate().map(|(k, v)| (period(k), cell(*v))).collect();
                (id.clone(), hydrate::Value::Map(months.into()))
            })
            .collect();
        let mut doc = AutoCommit::new();
        doc.batch_create_object(ROOT, "measurements", &hydrate::Value::Map(all.into()), false).expect("batch");
        doc
    }

    fn read(&self, item_value: &ValueRef<'_>, item_id: impl FnOnce() -> ObjId) -> f64 {
        let number = |s: &ScalarValueRef<'_>| match s {
            ScalarValueRef::F64(f) => *f,
            ScalarValueRef::Int(i) => *i as f64,
            other => panic!("not a number: {other:?}"),
        };
        match item_value {
            ValueRef::Scalar(s) => number(s),
            ValueRef::Object(_) => match self.doc.get(item_id(), "value").expect("get") {
                Some((Value::Scalar(s), _)) => s.as_f64().expect("number"),
                other => panic!("not a value: {other:?}"),
            },
        }
    }
}

impl<V: Variant> Replica for RawAutomerge<V> {
    const NAME: &'static str = V::NAME;
    type Snapshot = Native;
    type Mark = Vec<ChangeHash>;

    fn build(w: &Workload) -> Self {
        let doc = if V::BATCHED { Self::build_batched(w) } else { Self::build_op_by_op(w) };
        let mut replica = Self::wrap(doc);
        replica.commit();
        replica
    }

    fn edit(&mut self, w: &Workload, e: &Edit) {
        self.edit_many(w, std::slice::from_ref(e));
    }

    fn edit_many(&mut self, w: &Workload, edits: &[Edit]) {
        let time = self.time();
        for e in edits {
            let series = self.series(w, e.indicator);
            self.write(&series, e.month, e.value, time);
        }
        self.commit();
    }

    fn append(&mut self, w: &Workload, a: &Append) {
        let time = self.time();
        let series = self.series(w, a.indicator);
        for (k, value) in a.values.iter().enumerate() {
            self.write(&series, a.first_month + k, *value, time);
        }
        let other = self.series(w, a.overwrite.indicator);
        self.write(&other, a.overwrite.month, a.overwrite.value, time);
        self.commit();
    }

    fn save(&mut self) -> Vec<u8> {
        self.doc.save()
    }

    fn load(bytes: &[u8]) -> Self {
        Self::wrap(AutoCommit::load(bytes).expect("load"))
    }

    fn materialize(&self) -> Native {
        let measurements = self.map(&ROOT, "measurements");
        let mut out = BTreeMap::new();
        for indicator in self.doc.map_range(&measurements, ..) {
            let series = indicator.id();
            let values = self
                .doc
                .map_range(&series, ..)
                .map(|item| (item.key.to_string(), self.read(&item.value, || item.id())))
                .collect();
            out.insert(indicator.key.to_string(), values);
        }
        out
    }

    fn to_native(snapshot: &Native) -> Native {
        snapshot.clone()
    }

    fn fork(&mut self) -> Self {
        RawAutomerge { doc: self.doc.fork(), commits: self.commits, variant: PhantomData }
    }

    fn mark(&mut self) -> Vec<ChangeHash> {
        self.doc.get_heads()
    }

    fn changes_since(&mut self, mark: &Vec<ChangeHash>) -> Vec<u8> {
        self.doc.save_after(mark)
    }

    fn merge(&mut self, other: &mut Self) {
        self.doc.merge(&mut other.doc).expect("merge");
    }
}
