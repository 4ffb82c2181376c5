//! A document saved in pieces: the changes since a known state, and pieces
//! saved elsewhere brought back in (another tab's, or storage's).
//!
//! Storage keeps each document as a snapshot plus the changes saved after it
//! (`src/storage`), so a save after one edit writes that edit only. These
//! are the Automerge operations it needs, kept here with the rest of the
//! Automerge code.

use crate::model::document::core::{read_meta, Document};
use crate::model::document::diff::{changed_entities, MergeSummary};
use crate::model::document::note::parse_note;
use crate::model::error::{Error, ErrorKind, Result};
use automerge::ChangeHash;
use std::collections::BTreeSet;

/// What [`Document::merge_pieces`] brought in.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MergedPieces {
    pub summary: MergeSummary,
    /// The heads of the changes brought in (all stored, since they came
    /// from storage): with the ones already known to be stored, they tell
    /// `save_after` what is stored.
    pub heads: Vec<ChangeHash>,
}

impl Document {
    /// The changes that are not ancestors of `stored` (Automerge's
    /// `save_after`): what to write when everything up to `stored` is
    /// already saved. `stored` may list any changes, not only heads. Empty
    /// when there is nothing new.
    pub fn save_after(&mut self, stored: &[ChangeHash]) -> Vec<u8> {
        self.doc.save_after(stored)
    }

    /// Brings in pieces saved elsewhere (a snapshot, changes, or several
    /// concatenated) and tells what they brought, as [`Document::merge`] does.
    /// The pieces must be well formed (storage checks each one first).
    pub fn merge_pieces(&mut self, bytes: &[u8]) -> Result<MergedPieces> {
        let before = self.doc.get_heads();
        // As in `merge`: the diff below reads only the ops this load applies.
        self.doc.update_diff_cursor();
        let loaded = self.doc.load_incremental(bytes);
        let after = self.doc.get_heads();
        let incoming = if before == after { Vec::new() } else { self.doc.get_changes(&before) };
        let changed =
            if incoming.is_empty() { Default::default() } else { changed_entities(&mut self.doc, &before, &after) };
        self.doc.reset_diff_cursor();
        loaded.map_err(|_| Error::new(ErrorKind::NotAutomerge))?;
        self.meta = read_meta(&self.doc)?;
        let authors = incoming.iter().map(|c| parse_note(c.message()).0).collect();
        let depended_on: BTreeSet<ChangeHash> = incoming.iter().flat_map(|c| c.deps().iter().copied()).collect();
        let heads = incoming.iter().map(|c| c.hash()).filter(|h| !depended_on.contains(h)).collect();
        Ok(MergedPieces { summary: MergeSummary { new_changes: incoming.len(), authors, changed }, heads })
    }

    /// Whether changes were loaded whose ancestors are missing: Automerge
    /// keeps them aside, unapplied, so the document is incomplete.
    pub fn lacks_changes(&mut self) -> bool {
        !self.doc.get_missing_deps(&[]).is_empty()
    }
}
