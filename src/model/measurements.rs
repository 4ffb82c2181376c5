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
//! [`records`] follows each value back to its change.
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

use crate::model::document::parse_note;
use crate::model::error::Result;
use crate::model::fields::{int, number, scalar_number, text};
use crate::model::workspace::{Id, Measurement};
use automerge::{AutoCommit, ObjId, ObjType, Value};
// Both crates name their read trait `ReadDoc`: the autosurgeon one serves
// hydration, Automerge's (as `Read`) the history-aware reads.
use automerge::ReadDoc as Read;
use autosurgeon::{Hydrate, HydrateError, Prop, ReadDoc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

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
pub fn hydrate<D: ReadDoc>(doc: &D, obj: &ObjId, prop: Prop<'_>) -> std::result::Result<BTreeMap<Id, BTreeMap<String, Measurement>>, HydrateError> {
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
fn hydrate_series<D: ReadDoc>(doc: &D, series: &ObjId) -> std::result::Result<BTreeMap<String, Measurement>, HydrateError> {
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
        Ok(Measurement { value: number::hydrate(doc, obj, "value".into())?, comment: text::hydrate(doc, obj, "comment".into())? })
    }
}

/// One value of a measurement as recorded, with who recorded it and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recorded {
    pub value: f64,
    pub author: String,
    pub time_ms: i64,
}

/// Period → every value present for it in `series` (one; several after
/// concurrent entries), the one the snapshot shows first, each with the
/// author and time of the change that wrote it.
pub fn records(doc: &mut AutoCommit, series: &ObjId) -> Result<BTreeMap<String, Vec<Recorded>>> {
    let changes = ChangeIndex::new(doc);
    let mut out = BTreeMap::new();
    for period in Read::keys(doc, series).collect::<Vec<_>>() {
        let winner = Read::get(doc, series, period.as_str())?.map(|(_, id)| id);
        let mut values: Vec<(bool, Recorded)> = Vec::new();
        for (value, id) in Read::get_all(doc, series, period.as_str())? {
            let is_winner = Some(&id) == winner.as_ref();
            match value {
                Value::Scalar(s) => {
                    let (author, time_ms) = changes.author_of(&id);
                    values.push((is_winner, Recorded { value: scalar_number(&s).unwrap_or(0.0), author, time_ms }));
                }
                Value::Object(ObjType::Map) => {
                    for value in schema1_records(doc, &id)? {
                        values.push((is_winner, value));
                    }
                }
                Value::Object(_) => {}
            }
        }
        values.sort_by_key(|(is_winner, _)| !is_winner);
        out.insert(period, values.into_iter().map(|(_, r)| r).collect());
    }
    Ok(out)
}

/// A schema 1 measurement map: its author and time are fields, and its value
/// may itself hold concurrent alternatives.
fn schema1_records(doc: &AutoCommit, map: &ObjId) -> Result<Vec<Recorded>> {
    let author = text::hydrate(doc, map, "author".into())?;
    let time_ms = int::hydrate(doc, map, "recorded_at".into())?;
    let values = Read::get_all(doc, map, "value")?;
    Ok(values
        .into_iter()
        .filter_map(|(v, _)| match v {
            Value::Scalar(s) => scalar_number(&s),
            Value::Object(_) => None,
        })
        .map(|value| Recorded { value, author: author.clone(), time_ms })
        .collect())
}

/// Which change wrote an operation: per actor, the op counter ranges of its
/// changes, with their author and time.
struct ChangeIndex(HashMap<automerge::ActorId, Vec<(u64, u64, String, i64)>>);

impl ChangeIndex {
    fn new(doc: &mut AutoCommit) -> ChangeIndex {
        let mut index: HashMap<automerge::ActorId, Vec<(u64, u64, String, i64)>> = HashMap::new();
        for change in doc.get_changes_meta(&[]) {
            let author = parse_note(change.message.as_deref()).0;
            index.entry(change.actor.into_owned()).or_default().push((change.start_op, change.max_op, author, change.timestamp));
        }
        for ranges in index.values_mut() {
            ranges.sort_by_key(|r| r.0);
        }
        ChangeIndex(index)
    }

    fn author_of(&self, op: &automerge::ObjId) -> (String, i64) {
        let automerge::ObjId::Id(counter, actor, _) = op else {
            return (String::new(), 0);
        };
        let Some(ranges) = self.0.get(actor) else {
            return (String::new(), 0);
        };
        let i = ranges.partition_point(|r| r.0 <= *counter);
        match i.checked_sub(1).map(|i| &ranges[i]) {
            Some((_, max_op, author, time)) if counter <= max_op => (author.clone(), *time),
            _ => (String::new(), 0),
        }
    }
}
