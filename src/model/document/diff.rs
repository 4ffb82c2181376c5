//! What a merge brought in: its new changes, their authors, and the
//! entities they touched (read from Automerge's diff of the heads).

use crate::model::kinds::measurements::{indicator_of_comment, COMMENTS};
use automerge::{AutoCommit, ChangeHash};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// What a merge brought in.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MergeSummary {
    /// Number of changes that were new to this replica.
    pub new_changes: usize,
    /// Authors of those changes, as recorded on them.
    pub authors: BTreeSet<String>,
    /// Collection key (`indicators`, `measurements`…) → ids of the entities changed.
    pub changed: BTreeMap<String, BTreeSet<String>>,
}

impl MergeSummary {
    pub fn is_empty(&self) -> bool {
        self.new_changes == 0
    }

    /// Number of distinct entities changed, all collections together.
    pub fn entities_changed(&self) -> usize {
        self.changed.values().map(BTreeSet::len).sum()
    }
}

/// Which entities a range of history touched: the first two keys of each
/// patch's path (`indicators` / id, `measurements` / indicator id…).
pub(super) fn changed_entities(
    doc: &mut AutoCommit,
    before: &[ChangeHash],
    after: &[ChangeHash],
) -> BTreeMap<String, BTreeSet<String>> {
    use automerge::{Patch, PatchAction, Prop};
    let mut changed: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let patches: Vec<Patch> = doc.diff(before, after);
    for patch in patches {
        let mut props: Vec<String> = patch
            .path
            .iter()
            .map(|(_, prop)| match prop {
                Prop::Map(k) => k.clone(),
                Prop::Seq(i) => i.to_string(),
            })
            .collect();
        match &patch.action {
            PatchAction::PutMap { key, .. } | PatchAction::DeleteMap { key } => props.push(key.clone()),
            _ => {}
        }
        if let (Some(collection), Some(id)) = (props.first(), props.get(1)) {
            // A comment is part of its indicator's measurements.
            if collection == COMMENTS {
                changed.entry("measurements".into()).or_default().insert(indicator_of_comment(id).to_string());
                continue;
            }
            changed.entry(collection.clone()).or_default().insert(id.clone());
        } else if let Some(collection) = props.first() {
            changed.entry(collection.clone()).or_default();
        }
    }
    changed.retain(|_, ids| !ids.is_empty());
    changed
}
