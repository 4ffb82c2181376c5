//! Workspace snapshots: what a workspace looked like when this browser last
//! saved it, stored next to the document so that reopening the app can show
//! a workspace without parsing its Automerge document and hydrating it
//! (measured in BENCHMARKS.md, « App figures »: most of the app's own
//! start-up time).
//!
//! A snapshot is only a cache, never the truth. It names the exact stored
//! text it was made from (its length and hash): any other text under the
//! document's key (written by another tab, an older version of the app, a
//! restored backup) makes it stale, and the document itself is read instead.
//! Its format number changes whenever the shape or meaning of a hydrated
//! [`Workspace`] does, so a new version of the app never trusts an old one.

use crate::model::kinds::workspace::Workspace;
use serde::{Deserialize, Serialize};
use std::hash::{Hash, Hasher};

/// Bumped whenever [`Workspace`] changes shape or meaning.
const FORMAT: u32 = 1;

/// Above this many characters a snapshot costs more browser storage (a
/// few megabytes in all) than the time it saves is worth: large workspaces
/// are read from their document.
pub const MAX_CHARS: usize = 256 * 1024;

/// The stored document text a snapshot was made from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Source {
    format: u32,
    schema: u64,
    chars: usize,
    hash: u64,
}

impl Source {
    fn of(doc_text: &str) -> Source {
        // Fixed keys: the same text gives the same hash in every session.
        // Were the std hasher to change between Rust versions, snapshots
        // would only be missed, never wrongly trusted (the length is kept too).
        let mut hasher = std::hash::DefaultHasher::new();
        doc_text.hash(&mut hasher);
        Source { format: FORMAT, schema: crate::model::SCHEMA_VERSION, chars: doc_text.len(), hash: hasher.finish() }
    }
}

/// A workspace as hydrated from one stored text, with the time of its
/// latest change (shown by the roll-up).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot<W = Workspace> {
    source: Source,
    pub last_change_ms: i64,
    pub workspace: W,
}

/// The stored form of a snapshot of `workspace`, hydrated from the document
/// stored as `doc_text`; `None` when it would be larger than [`MAX_CHARS`].
pub fn encode(doc_text: &str, last_change_ms: i64, workspace: &Workspace) -> Option<String> {
    let snapshot = Snapshot { source: Source::of(doc_text), last_change_ms, workspace };
    let text = serde_json::to_string(&snapshot).ok()?;
    (text.len() <= MAX_CHARS).then_some(text)
}

/// The snapshot stored as `text`, if it was made from exactly `doc_text` by
/// this version of the app.
pub fn decode(text: &str, doc_text: &str) -> Option<Snapshot> {
    let snapshot: Snapshot = serde_json::from_str(text).ok()?;
    (snapshot.source == Source::of(doc_text)).then_some(snapshot)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_snapshot_is_trusted_only_for_the_text_it_was_made_from() {
        let mut workspace = Workspace::default();
        workspace.meta.title = "Mairie de Lauris".into();
        let text = encode("AAAA", 7, &workspace).unwrap();
        let back = decode(&text, "AAAA").unwrap();
        assert_eq!((back.workspace, back.last_change_ms), (workspace, 7));
        assert_eq!(decode(&text, "AAAB"), None);
        assert_eq!(decode(&text, "AAAAA"), None);
        assert_eq!(decode("{ pas un instantané", "AAAA"), None);
        let older = text.replace(&format!("\"format\":{FORMAT}"), &format!("\"format\":{}", FORMAT + 1));
        assert_eq!(decode(&older, "AAAA"), None);
    }

    #[test]
    fn a_snapshot_too_large_is_not_written() {
        let mut workspace = Workspace::default();
        workspace.meta.title = "x".repeat(MAX_CHARS);
        assert_eq!(encode("AAAA", 0, &workspace), None);
    }
}
