//! Who recorded each measurement and when, read from the change that wrote
//! it (the commit note carries the author, the change its time): nothing is
//! stored twice (invariant 2, ARCHITECTURE.md).

use crate::model::document::note::parse_note;
use crate::model::error::Result;
use crate::model::kinds::fields::{int, scalar_number, text};
use automerge::{AutoCommit, ObjId, ObjType, ReadDoc, Value};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

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
    for period in ReadDoc::keys(doc, series).collect::<Vec<_>>() {
        let winner = ReadDoc::get(doc, series, period.as_str())?.map(|(_, id)| id);
        let mut values: Vec<(bool, Recorded)> = Vec::new();
        for (value, id) in ReadDoc::get_all(doc, series, period.as_str())? {
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
    let values = ReadDoc::get_all(doc, map, "value")?;
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
            index.entry(change.actor.into_owned()).or_default().push((
                change.start_op,
                change.max_op,
                author,
                change.timestamp,
            ));
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
