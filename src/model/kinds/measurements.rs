//! Where a Workspace keeps its measurements, and how to read them whichever
//! schema wrote them.
//!
//! **Schema 2** (this version): `measurements[indicator_id][period]` is the
//! value itself, a number; a comment, when there is one, is a string at
//! `measurement_comments["{indicator_id}/{period}"]` (ids and periods never
//! contain `/`). One Automerge operation per value: a document of ten years of
//! monthly values loads, merges and saves about five times faster than with
//! one map per value, and is half the size (BENCHMARKS.md, fix B).
//!
//! Who recorded a value and when is not written again next to it: the change
//! that wrote the value already carries its author (commit note) and time.
//! `document::records` follows each value back to its change.
//!
//! **Schema 1** stored a map `{value, comment, author, recorded_at}` at the
//! period. Such documents stay readable (a period holds either shape, and a
//! value recorded now replaces a map with a number). The first value this
//! version records in a schema 1 document raises its `meta.schema_version`
//! to 2, so that an older app refuses it with a clear message instead of
//! misreading it.
//!
//! A value recorded by someone who saw a conflict resolves it: a put on a key
//! replaces every value concurrently written there.

use crate::model::kinds::fields::{number, text};
use crate::model::kinds::ids::Id;
use crate::model::kinds::indicator::Measurement;
use automerge::{ObjId, ObjType, Value};
use autosurgeon::{Hydrate, HydrateError, Prop, ReadDoc};
use std::collections::BTreeMap;

/// Root key of the sparse comment map.
pub const COMMENTS: &str = "measurement_comments";

/// Key of a measurement's comment in [`COMMENTS`].
pub fn comment_key(indicator_id: &str, period: &str) -> String {
    format!("{indicator_id}/{period}")
}

/// The indicator a key of [`COMMENTS`] belongs to.
pub fn indicator_of_comment(key: &str) -> &str {
    key.split_once('/').map_or(key, |(indicator, _)| indicator)
}

/// All measurements, indicator id → period → measurement: the values under
/// `measurements` (`prop` of the root `obj`) with the comments of
/// [`COMMENTS`] folded in. Absent maps read as empty.
///
/// Each series is read in one `map_range` pass rather than through
/// autosurgeon's map hydration (which lists the keys, then `get`s each):
/// this is most of a workspace's values, and the pass is what makes opening
/// one cost little more than loading it (BENCHMARKS.md).
pub fn hydrate<D: ReadDoc>(
    doc: &D,
    obj: &ObjId,
    prop: Prop<'_>,
) -> std::result::Result<BTreeMap<Id, BTreeMap<String, Measurement>>, HydrateError> {
    let mut all = BTreeMap::new();
    match doc.get(obj, &prop)? {
        None => {}
        Some((Value::Object(ObjType::Map), measurements)) => {
            for item in doc.map_range(&measurements, ..) {
                if matches!(item.value, automerge::ValueRef::Object(ObjType::Map)) {
                    all.insert(item.key.to_string(), hydrate_series(doc, &item.id())?);
                }
            }
        }
        Some(_) => return Err(HydrateError::unexpected("a map of measurements", "something else".to_string())),
    }
    if let Some((Value::Object(ObjType::Map), comments)) = doc.get(obj, COMMENTS)? {
        let keys: Vec<String> = doc.map_range(&comments, ..).map(|item| item.key.to_string()).collect();
        for key in keys {
            let Some((indicator, period)) = key.split_once('/') else {
                continue;
            };
            // A comment whose value was deleted meanwhile is not shown.
            if let Some(m) = all.get_mut(indicator).and_then(|series| series.get_mut(period)) {
                m.comment = text::hydrate(doc, &comments, Prop::from(key.as_str()))?;
            }
        }
    }
    Ok(all)
}

/// One indicator's series, period → measurement, whichever schema wrote each.
fn hydrate_series<D: ReadDoc>(
    doc: &D,
    series: &ObjId,
) -> std::result::Result<BTreeMap<String, Measurement>, HydrateError> {
    // Collected, not inserted one by one: `map_range` yields the keys in
    // order, so the map is built in one pass without comparing keys.
    doc.map_range(series, ..)
        .map(|item| {
            let measurement = match item.value.clone().into_value() {
                Value::Scalar(s) => Measurement::hydrate_scalar(s)?,
                Value::Object(ObjType::Map) => Measurement::hydrate_map(doc, &item.id())?,
                Value::Object(t) => return Err(HydrateError::unexpected("a measurement", format!("an object {t:?}"))),
            };
            Ok((item.key.to_string(), measurement))
        })
        .collect()
}

impl Hydrate for Measurement {
    fn hydrate_f64(value: f64) -> std::result::Result<Self, HydrateError> {
        Ok(Measurement { value, comment: String::new() })
    }

    /// The JavaScript library writes whole numbers as integers.
    fn hydrate_int(value: i64) -> std::result::Result<Self, HydrateError> {
        Self::hydrate_f64(value as f64)
    }

    fn hydrate_uint(value: u64) -> std::result::Result<Self, HydrateError> {
        Self::hydrate_f64(value as f64)
    }

    /// Schema 1: a map holding the value and its comment.
    fn hydrate_map<D: ReadDoc>(doc: &D, obj: &ObjId) -> std::result::Result<Self, HydrateError> {
        Ok(Measurement {
            value: number::hydrate(doc, obj, "value".into())?,
            comment: text::hydrate(doc, obj, "comment".into())?,
        })
    }
}
