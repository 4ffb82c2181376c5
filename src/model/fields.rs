//! Field adapters for autosurgeon, so documents stay readable across versions
//! and across Automerge implementations.
//!
//! * A field added in a later schema version is absent from older documents:
//!   every field is declared with `missing = "Default::default"` or one of the
//!   adapters below, which read "absent" as the default value.
//! * The JavaScript Automerge library stores whole numbers as integers and
//!   other numbers as floats; [`number`] accepts both, so a value edited in JS
//!   (`m.value = 64`) still hydrates as an `f64` here.

use automerge::{ObjId, ScalarValue, Value};
use autosurgeon::{HydrateError, Prop, ReadDoc, Reconciler};

fn read_number<D: ReadDoc>(doc: &D, obj: &ObjId, prop: Prop<'_>) -> Result<Option<f64>, HydrateError> {
    match doc.get(obj, &prop)? {
        None => Ok(None),
        Some((Value::Scalar(v), _)) => match v.as_ref() {
            ScalarValue::F64(f) => Ok(Some(*f)),
            ScalarValue::Int(i) => Ok(Some(*i as f64)),
            ScalarValue::Uint(u) => Ok(Some(*u as f64)),
            ScalarValue::Counter(c) => Ok(Some(f64::from(c))),
            ScalarValue::Null => Ok(None),
            other => Err(HydrateError::unexpected("a number", format!("{other:?}"))),
        },
        Some((Value::Object(t), _)) => Err(HydrateError::unexpected("a number", format!("an object {t:?}"))),
    }
}

/// An `f64` that may be stored as float or integer, and may be absent (0).
pub mod number {
    use super::*;

    pub fn hydrate<D: ReadDoc>(doc: &D, obj: &ObjId, prop: Prop<'_>) -> Result<f64, HydrateError> {
        Ok(read_number(doc, obj, prop)?.unwrap_or(0.0))
    }

    pub fn reconcile<R: Reconciler>(value: &f64, mut reconciler: R) -> Result<(), R::Error> {
        reconciler.f64(*value)
    }
}

/// An optional `f64`: absent or null is `None`.
pub mod opt_number {
    use super::*;

    pub fn hydrate<D: ReadDoc>(doc: &D, obj: &ObjId, prop: Prop<'_>) -> Result<Option<f64>, HydrateError> {
        read_number(doc, obj, prop)
    }

    pub fn reconcile<R: Reconciler>(value: &Option<f64>, mut reconciler: R) -> Result<(), R::Error> {
        match value {
            Some(v) => reconciler.f64(*v),
            None => reconciler.none(),
        }
    }
}
