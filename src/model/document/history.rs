//! A document's history: its changes with their author and time, and who
//! recorded each measurement.

use crate::model::document::core::Document;
use crate::model::document::note::parse_note;
use crate::model::document::records::{self, Recorded};
use crate::model::error::Result;
use crate::model::kinds::meta::DocKind;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One entry of a document's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub hash: String,
    pub actor: String,
    pub author: String,
    pub message: String,
    pub time_ms: i64,
}

impl Document {
    /// Period → the values recorded for one indicator's measurement, with
    /// who recorded each and when (read from the change that wrote it). One
    /// value per period, or several when replicas recorded different values
    /// without seeing each other: the snapshot shows the first, Automerge
    /// keeps the others until someone records a value over them.
    pub fn measurement_records(&mut self, indicator_id: &str) -> Result<BTreeMap<String, Vec<Recorded>>> {
        self.require(self.meta.kind == DocKind::Workspace)?;
        let series = self.indicator_series(indicator_id)?;
        records::records(&mut self.doc, &series)
    }

    /// Time of the latest change (the newest of the heads), without reading
    /// the whole history.
    pub fn last_change_ms(&mut self) -> i64 {
        let heads = self.doc.get_heads();
        heads.iter().filter_map(|h| self.doc.get_change_meta_by_hash(h).map(|c| c.timestamp)).max().unwrap_or(0)
    }

    /// The changes that make up this document, oldest first.
    pub fn history(&mut self) -> Vec<HistoryEntry> {
        self.doc
            .get_changes(&[])
            .iter()
            .map(|change| {
                let (author, message) = parse_note(change.message());
                HistoryEntry {
                    hash: change.hash().to_string(),
                    actor: change.actor_id().to_hex_string(),
                    author,
                    message,
                    time_ms: change.timestamp(),
                }
            })
            .collect()
    }
}
