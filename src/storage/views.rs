//! Workspace views: what a workspace looked like when it was last stored,
//! kept next to its chunks so that reopening the app shows a workspace (the
//! dashboard, the roll-up) without parsing its Automerge document and
//! hydrating it (BENCHMARKS.md, « App figures »).
//!
//! A view is only a cache, never the truth. It names the exact set of chunks
//! it was made from ([`chunks::fingerprint`](super::chunks::fingerprint)):
//! any other set under the document (a change saved by another tab, an
//! older version of the app, a compaction) makes it stale, and the document
//! is read instead. Its format number changes whenever the shape or meaning
//! of a hydrated [`Workspace`] does, so a new version of the app never trusts
//! an old one.
//!
//! Stored as DEFLATE-compressed JSON (the same zlib-rs code Automerge uses):
//! about 0.8× the demo workspace's document, 0.4× a realistic commune's,
//! where the uncompressed JSON was 3.3× and 3.1×.

use crate::model::kinds::workspace::Workspace;
use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use flate2::Compression;
use serde::{Deserialize, Serialize};
use std::io::{Read, Write};

/// Bumped whenever [`Workspace`] changes shape or meaning.
const FORMAT: u32 = 2;

/// Views larger than this (compressed) are not kept: a few megabytes of
/// views in all would cost more storage than the time they save.
pub const MAX_BYTES: usize = 256 * 1024;

/// What a view was made from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Source {
    format: u32,
    schema: u64,
    /// Fingerprint of the chunk keys of the document when it was made.
    chunks: String,
}

impl Source {
    fn of(chunks: &str) -> Source {
        Source { format: FORMAT, schema: crate::model::SCHEMA_VERSION, chunks: chunks.to_string() }
    }
}

/// A workspace as hydrated from one set of chunks, with the time of its
/// latest change (shown by the roll-up).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct View<W = Workspace> {
    source: Source,
    pub last_change_ms: i64,
    pub workspace: W,
}

impl<W> View<W> {
    /// The fingerprint of the chunks it was made from.
    pub fn chunks(&self) -> &str {
        &self.source.chunks
    }
}

/// The stored form of a view of `workspace` made from the chunks whose
/// fingerprint is `chunks`; `None` when larger than [`MAX_BYTES`].
pub fn encode(chunks: &str, last_change_ms: i64, workspace: &Workspace) -> Option<Vec<u8>> {
    let view = View { source: Source::of(chunks), last_change_ms, workspace };
    let json = serde_json::to_vec(&view).ok()?;
    let mut encoder = DeflateEncoder::new(Vec::new(), Compression::fast());
    encoder.write_all(&json).ok()?;
    let bytes = encoder.finish().ok()?;
    (bytes.len() <= MAX_BYTES).then_some(bytes)
}

/// The fingerprint a stored view was made from, without reading the workspace.
pub fn source_of(bytes: &[u8]) -> Option<String> {
    #[derive(Deserialize)]
    struct Head {
        source: Source,
    }
    let head: Head = serde_json::from_reader(DeflateDecoder::new(bytes)).ok()?;
    (head.source == Source::of(&head.source.chunks)).then_some(head.source.chunks)
}

/// The view stored as `bytes`, if this version of the app made it from
/// exactly the chunks whose fingerprint is `chunks`.
pub fn decode(bytes: &[u8], chunks: &str) -> Option<View> {
    let mut json = Vec::new();
    DeflateDecoder::new(bytes).read_to_end(&mut json).ok()?;
    let view: View = serde_json::from_slice(&json).ok()?;
    (view.source == Source::of(chunks)).then_some(view)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_view_is_trusted_only_for_the_chunks_it_was_made_from() {
        let mut workspace = Workspace::default();
        workspace.meta.title = "Mairie de Lauris".into();
        let bytes = encode("AAAA", 7, &workspace).unwrap();
        let back = decode(&bytes, "AAAA").unwrap();
        assert_eq!((back.workspace, back.last_change_ms), (workspace, 7));
        assert_eq!(source_of(&bytes).as_deref(), Some("AAAA"));
        assert_eq!(decode(&bytes, "AAAB"), None);
        assert_eq!(decode(b"{ pas une vue", "AAAA"), None);
        assert_eq!(decode(&bytes[..bytes.len() / 2], "AAAA"), None);
    }

    #[test]
    fn a_view_of_another_format_is_not_trusted() {
        let view =
            View { source: Source { format: FORMAT + 1, ..Source::of("AAAA") }, last_change_ms: 0, workspace: () };
        let mut encoder = DeflateEncoder::new(Vec::new(), Compression::fast());
        encoder.write_all(&serde_json::to_vec(&view).unwrap()).unwrap();
        let bytes = encoder.finish().unwrap();
        assert_eq!(source_of(&bytes), None);
        assert_eq!(decode(&bytes, "AAAA"), None);
    }

    #[test]
    fn a_view_too_large_is_not_written() {
        let mut workspace = Workspace::default();
        // Incompressible text, so the compressed view is still too large.
        let mut rng = crate::model::content::demo::XorShift32(1);
        workspace.meta.title = (0..MAX_BYTES).map(|_| char::from(b'!' + (rng.next_u32() % 90) as u8)).collect();
        assert_eq!(encode("AAAA", 0, &workspace), None);
    }
}
