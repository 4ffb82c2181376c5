//! yrs (the Rust port of Yjs), a CRDT built for this kind of workload: one
//! root map `measurements`, a nested Y.Map per indicator, period → f64.
//!
//! Saving is `encode_state_as_update_v1` from an empty state vector (the
//! whole document as one update); loading applies it to a fresh `Doc`. A
//! fork is a fresh `Doc` (new random client id) given the whole state;
//! "changes since the fork" and merging are state-vector diffs, as a Yjs
//! sync protocol would exchange them.

use crate::engine::Replica;
use crate::workload::{period, Append, Edit, Native, Workload};
use std::collections::BTreeMap;
use yrs::updates::decoder::Decode;
use yrs::{Any, Doc, Map, MapPrelim, MapRef, Out, ReadTxn, StateVector, Transact, TransactionMut, Update};

pub struct Yrs {
    doc: Doc,
    root: MapRef,
}

impl Yrs {
    fn from_doc(doc: Doc) -> Yrs {
        let root = doc.get_or_insert_map("measurements");
        Yrs { doc, root }
    }

    fn write(&self, txn: &mut TransactionMut, w: &Workload, e: &Edit) {
        match self.root.get(txn, &w.ids[e.indicator]) {
            Some(Out::YMap(series)) => {
                series.insert(txn, period(e.month), e.value);
            }
            other => panic!("no series for {}: {other:?}", w.ids[e.indicator]),
        }
    }

    fn apply(&self, update: &[u8]) {
        let update = Update::decode_v1(update).expect("decode");
        self.doc.transact_mut().apply_update(update).expect("apply");
    }
}

impl Replica for Yrs {
    const NAME: &'static str = "yrs";
    type Snapshot = Native;
    type Mark = StateVector;

    fn build(w: &Workload) -> Self {
        let replica = Yrs::from_doc(Doc::new());
        let mut txn = replica.doc.transact_mut();
        for (id, series) in w.ids.iter().zip(&w.values) {
            let map = replica.root.insert(&mut txn, id.as_str(), MapPrelim::default());
            for (month, value) in series.iter().enumerate() {
                map.insert(&mut txn, period(month), *value);
            }
        }
        drop(txn);
        replica
    }

    fn edit(&mut self, w: &Workload, e: &Edit) {
        self.edit_many(w, std::slice::from_ref(e));
    }

    fn edit_many(&mut self, w: &Workload, edits: &[Edit]) {
        let mut txn = self.doc.transact_mut();
        for e in edits {
            self.write(&mut txn, w, e);
        }
    }

    fn append(&mut self, w: &Workload, a: &Append) {
        let mut txn = self.doc.transact_mut();
        for (k, value) in a.values.iter().enumerate() {
            self.write(&mut txn, w, &Edit { indicator: a.indicator, month: a.first_month + k, value: *value });
        }
        self.write(&mut txn, w, &a.overwrite);
    }

    fn save(&mut self) -> Vec<u8> {
        self.doc.transact().encode_state_as_update_v1(&StateVector::default())
    }

    fn load(bytes: &[u8]) -> Self {
        let replica = Yrs::from_doc(Doc::new());
        replica.apply(bytes);
        replica
    }

    fn materialize(&self) -> Native {
        let txn = self.doc.transact();
        self.root
            .iter(&txn)
            .map(|(id, series)| {
                let Out::YMap(series) = series else { panic!("{id} is not a map") };
                let values = series
                    .iter(&txn)
                    .map(|(p, v)| match v {
                        Out::Any(Any::Number(n)) => (p.to_string(), n.as_f64().expect("a safe number")),
                        other => panic!("not a number: {other:?}"),
                    })
                    .collect::<BTreeMap<_, _>>();
                (id.to_string(), values)
            })
            .collect()
    }

    fn to_native(snapshot: &Native) -> Native {
        snapshot.clone()
    }

    fn fork(&mut self) -> Self {
        let bytes = self.save();
        Yrs::load(&bytes)
    }

    fn mark(&mut self) -> StateVector {
        self.doc.transact().state_vector()
    }

    fn changes_since(&mut self, mark: &StateVector) -> Vec<u8> {
        self.doc.transact().encode_state_as_update_v1(mark)
    }

    fn merge(&mut self, other: &mut Self) {
        let state = self.doc.transact().state_vector();
        let update = other.doc.transact().encode_state_as_update_v1(&state);
        self.apply(&update);
    }
}
