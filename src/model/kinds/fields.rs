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

/// A number stored as float, integer or counter (null and other types are not numbers).
pub(crate) fn scalar_number(v: &ScalarValue) -> Option<f64> {
    match v {
        ScalarValue::F64(f) => Some(*f),
        ScalarValue::Int(i) => Some(*i as f64),
        ScalarValue::Uint(u) => Some(*u as f64),
        ScalarValue::Counter(c) => Some(f64::from(c)),
        _ => None,
    }
}

fn read_number<D: ReadDoc>(doc: &D, obj: &ObjId, prop: Prop<'_>) -> Result<Option<f64>, HydrateError> {
    match doc.get(obj, &prop)? {
        None => Ok(None),
        Some((Value::Scalar(v), _)) => match v.as_ref() {
            ScalarValue::Null => Ok(None),
            other => {
                scalar_number(other).map(Some).ok_or_else(|| HydrateError::unexpected("a number", format!("{other:?}")))
            }
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

/// A `String` that may be stored as a scalar string (what we write) or as a
/// collaborative Text object (what the JavaScript library writes by default
/// for `d.comment = "…"`), and may be absent (empty).
pub mod text {
    use super::*;
    use automerge::ObjType;

    pub fn hydrate<D: ReadDoc>(doc: &D, obj: &ObjId, prop: Prop<'_>) -> Result<String, HydrateError> {
        match doc.get(obj, &prop)? {
            None => Ok(String::new()),
            Some((Value::Scalar(v), _)) => match v.as_ref() {
                ScalarValue::Str(s) => Ok(s.to_string()),
                ScalarValue::Null => Ok(String::new()),
                ScalarValue::F64(f) => Ok(f.to_string()),
                ScalarValue::Int(i) => Ok(i.to_string()),
                ScalarValue::Uint(u) => Ok(u.to_string()),
                other => Err(HydrateError::unexpected("a string", format!("{other:?}"))),
            },
            Some((Value::Object(ObjType::Text), id)) => Ok(doc.text(&id)?),
            Some((Value::Object(t), _)) => Err(HydrateError::unexpected("a string", format!("an object {t:?}"))),
        }
    }

    pub fn reconcile<R: Reconciler>(value: &String, mut reconciler: R) -> Result<(), R::Error> {
        reconciler.str(value)
    }
}

/// An `i64` (times, years) that the JavaScript library may have stored as a
/// float; absent is 0.
pub mod int {
    use super::*;

    pub fn hydrate<D: ReadDoc>(doc: &D, obj: &ObjId, prop: Prop<'_>) -> Result<i64, HydrateError> {
        Ok(read_number(doc, obj, prop)?.map(|v| v.round() as i64).unwrap_or(0))
    }

    pub fn reconcile<R: Reconciler>(value: &i64, mut reconciler: R) -> Result<(), R::Error> {
        reconciler.i64(*value)
    }
}

/// A `u64` (counts, populations, versions), stored as float or integer; absent is 0.
pub mod uint {
    use super::*;

    pub fn hydrate<D: ReadDoc>(doc: &D, obj: &ObjId, prop: Prop<'_>) -> Result<u64, HydrateError> {
        Ok(read_number(doc, obj, prop)?.map(|v| v.max(0.0).round() as u64).unwrap_or(0))
    }

    pub fn reconcile<R: Reconciler>(value: &u64, mut reconciler: R) -> Result<(), R::Error> {
        reconciler.u64(*value)
    }
}

/// A map of counts (maturity answers), each stored as float or integer.
pub mod uint_map {
    use super::*;
    use automerge::ObjType;
    use std::collections::BTreeMap;

    pub fn hydrate<D: ReadDoc>(doc: &D, obj: &ObjId, prop: Prop<'_>) -> Result<BTreeMap<String, u64>, HydrateError> {
        match doc.get(obj, &prop)? {
            None => Ok(BTreeMap::new()),
            Some((Value::Object(ObjType::Map), map)) => {
                let keys: Vec<String> = doc.map_range(&map, ..).map(|item| item.key.to_string()).collect();
                keys.into_iter()
                    .map(|key| {
                        let value = read_number(doc, &map, Prop::from(key.as_str()))?.unwrap_or(0.0);
                        Ok((key, value.max(0.0).round() as u64))
                    })
                    .collect()
            }
            Some(_) => Err(HydrateError::unexpected("a map of numbers", "something else".to_string())),
        }
    }

    pub fn reconcile<R: Reconciler>(value: &BTreeMap<String, u64>, reconciler: R) -> Result<(), R::Error> {
        autosurgeon::Reconcile::reconcile(value, reconciler)
    }
}
