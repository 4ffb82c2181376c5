//! Sharing documents as files and links, with no server.
//!
//! A shared file is exactly what `Document::save` writes: a plain Automerge
//! document (compressed columns), so any Automerge implementation opens it.
//! A share link carries the same bytes, base64url-encoded, in the URL
//! *fragment* (`…/importer#g1.<data>`): browsers never send the fragment to
//! the server hosting the app.

use crate::model::document::core::Document;
use crate::model::error::{Error, Result};
use crate::model::kinds::meta::DocKind;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use std::collections::BTreeSet;

/// Version tag of the link format.
const LINK_PREFIX: &str = "g1.";
/// Longest link we produce: beyond this, messaging apps and mail clients
/// truncate or refuse links, so the UI offers the file instead.
pub const MAX_LINK_CHARS: usize = 60_000;
/// Largest file accepted for import (a workspace with years of monthly data
/// for hundreds of indicators is a few hundred kilobytes).
pub const MAX_IMPORT_BYTES: usize = 20 * 1024 * 1024;
/// File extension of shared documents.
pub const FILE_EXTENSION: &str = "gouvernail";

/// The fragment (without `#`) carrying a document, or `None` if too long for a link.
pub fn link_fragment(bytes: &[u8]) -> Option<String> {
    let fragment = format!("{LINK_PREFIX}{}", URL_SAFE_NO_PAD.encode(bytes));
    (fragment.len() <= MAX_LINK_CHARS).then_some(fragment)
}

/// Decodes a link fragment (with or without `#`) back to document bytes.
pub fn bytes_from_fragment(fragment: &str) -> Result<Vec<u8>> {
    let fragment = fragment.trim().trim_start_matches('#');
    let data = fragment.strip_prefix(LINK_PREFIX).ok_or_else(|| {
        Error::invalid("Ce lien n'est pas un lien de partage Gouvernail (ou il a été tronqué au début).")
    })?;
    if data.len() > MAX_IMPORT_BYTES * 4 / 3 + 4 {
        return Err(Error::invalid("Ce lien est trop long pour être importé."));
    }
    URL_SAFE_NO_PAD.decode(data.trim_end_matches('=')).map_err(|_| {
        Error::invalid(
            "Ce lien de partage est abîmé : il a sans doute été coupé ou modifié en route. Demandez le fichier.",
        )
    })
}

/// Checks the size of a received file before reading it.
pub fn check_file_size(len: usize) -> Result<()> {
    if len == 0 {
        return Err(Error::invalid("Ce fichier est vide."));
    }
    if len > MAX_IMPORT_BYTES {
        return Err(Error::invalid(format!(
            "Ce fichier est trop volumineux ({} Mo) : Gouvernail accepte jusqu'à {} Mo.",
            len / (1024 * 1024),
            MAX_IMPORT_BYTES / (1024 * 1024)
        )));
    }
    Ok(())
}

/// What a received document is, to show before adding it.
#[derive(Debug, Clone, PartialEq)]
pub struct Preview {
    pub id: String,
    pub kind: DocKind,
    pub title: String,
    pub created_by: String,
    pub changes: usize,
    pub authors: BTreeSet<String>,
    /// Unix milliseconds of the latest change.
    pub last_change_ms: i64,
}

/// Reads received bytes without changing anything.
pub fn preview(bytes: &[u8]) -> Result<Preview> {
    check_file_size(bytes.len())?;
    let mut doc = Document::load(bytes)?;
    let history = doc.history();
    Ok(Preview {
        id: doc.id().to_string(),
        kind: doc.kind(),
        title: doc.meta().title.clone(),
        created_by: doc.meta().created_by.clone(),
        changes: history.len(),
        authors: history.iter().map(|h| h.author.clone()).filter(|a| !a.is_empty()).collect(),
        last_change_ms: history.iter().map(|h| h.time_ms).max().unwrap_or(0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::command::ChangeContext;

    fn doc() -> Document {
        Document::genesis(
            DocKind::Roadmap,
            "r1".into(),
            "Feuille de route",
            &ChangeContext::new("Avignon", 5, "Création"),
        )
        .unwrap()
    }

    #[test]
    fn a_link_round_trips_the_saved_bytes() {
        let bytes = doc().save();
        let fragment = link_fragment(&bytes).unwrap();
        assert!(fragment.starts_with("g1."));
        assert!(fragment.chars().all(|c| c.is_ascii_alphanumeric() || "._-".contains(c)));
        assert_eq!(bytes_from_fragment(&format!("#{fragment}")).unwrap(), bytes);
    }

    #[test]
    fn bad_links_are_refused_in_words() {
        assert!(bytes_from_fragment("#autre-chose").unwrap_err().message().contains("n'est pas un lien"));
        assert!(bytes_from_fragment("#g1.@@@").unwrap_err().message().contains("abîmé"));
        // A truncated link decodes to truncated bytes, which do not load.
        let fragment = link_fragment(&doc().save()).unwrap();
        let cut = &fragment[..fragment.len() / 2];
        let bytes = bytes_from_fragment(cut).unwrap_or_default();
        assert!(preview(&bytes).is_err());
    }

    #[test]
    fn too_large_documents_get_no_link() {
        assert!(link_fragment(&vec![0u8; MAX_LINK_CHARS]).is_none());
        assert!(check_file_size(MAX_IMPORT_BYTES + 1).unwrap_err().message().contains("trop volumineux"));
        assert!(check_file_size(0).is_err());
    }

    #[test]
    fn a_preview_says_what_and_from_whom() {
        let p = preview(&doc().save()).unwrap();
        assert_eq!(p.kind, DocKind::Roadmap);
        assert_eq!(p.title, "Feuille de route");
        assert_eq!(p.created_by, "Avignon");
        assert_eq!(p.changes, 1);
        assert!(p.authors.contains("Avignon"));
    }
}
