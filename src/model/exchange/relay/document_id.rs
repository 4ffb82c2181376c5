//! A document's id on the relay: `bs58check` of the 16 bytes of its UUID
//! (`meta.id`), exactly what automerge-repo writes after `automerge:`. So a
//! Gouvernail document keeps one identity in files, links, on the relay and
//! in any automerge-repo client.

use crate::model::error::{Error, ErrorKind, Result};
use std::fmt;
use uuid::Uuid;

/// The longest text a 16-byte bs58check id can be (22 for 16 bytes of 0xff, plus slack).
const MAX_TEXT_LEN: usize = 40;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RelayDocumentId {
    text: String,
    uuid: Uuid,
}

impl RelayDocumentId {
    /// The relay id of a Gouvernail document, from its `meta.id`.
    pub fn from_document_id(document_id: &str) -> Result<RelayDocumentId> {
        let uuid = Uuid::parse_str(document_id).map_err(|_| Error::new(ErrorKind::RelayDocumentId))?;
        Ok(RelayDocumentId { text: bs58::encode(uuid.as_bytes()).with_check().into_string(), uuid })
    }

    /// Reads a relay id (from a link or a message): bs58check of exactly 16 bytes.
    pub fn parse(text: &str) -> Result<RelayDocumentId> {
        let error = || Error::new(ErrorKind::RelayDocumentId);
        if text.is_empty() || text.len() > MAX_TEXT_LEN {
            return Err(error());
        }
        let bytes = bs58::decode(text).with_check(None).into_vec().map_err(|_| error())?;
        let bytes: [u8; 16] = bytes.try_into().map_err(|_| error())?;
        Ok(RelayDocumentId { text: text.to_string(), uuid: Uuid::from_bytes(bytes) })
    }

    /// The id as the relay knows it.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The Gouvernail document id (`meta.id`) this relay id stands for.
    pub fn document_id(&self) -> String {
        self.uuid.hyphenated().to_string()
    }

    /// `automerge:<id>`, the URL automerge-repo clients open.
    pub fn automerge_url(&self) -> String {
        format!("automerge:{}", self.text)
    }
}

impl fmt::Display for RelayDocumentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}
