//! The backup file: every document of this browser in one JSON file, each as
//! its plain Automerge bytes (base64). Restoring merges, never replaces.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde::{Deserialize, Serialize};

pub const BACKUP_FORMAT: &str = "gouvernail-sauvegarde";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BackupEntry {
    pub id: String,
    pub kind: String,
    pub title: String,
    /// The document as Automerge `save()` bytes, base64.
    pub data: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Backup {
    pub format: String,
    pub version: u32,
    /// Unix milliseconds of the export, given by the caller.
    pub exported_at: i64,
    pub documents: Vec<BackupEntry>,
}

impl Backup {
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Parses a backup file; `None` if it is not one.
    pub fn from_json(text: &str) -> Option<Backup> {
        let backup: Backup = serde_json::from_str(text).ok()?;
        (backup.format == BACKUP_FORMAT).then_some(backup)
    }
}

pub fn encode(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

pub fn decode(text: &str) -> Option<Vec<u8>> {
    STANDARD.decode(text.trim()).ok()
}
