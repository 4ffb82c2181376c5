//! Documents that arrive or leave as bytes: a received file or link merged
//! or added, a backup of every document written and restored by merging.

use super::backup::{self, Backup, BackupEntry, BACKUP_FORMAT};
use super::library::Library;
use super::KeyValueStore;
use crate::model::{DocKind, Document, Error, MergeSummary, Result};

/// What importing bytes did.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportOutcome {
    /// The document was known: its changes were merged.
    Merged { id: String, summary: MergeSummary },
    /// The document was new to this browser and was added as received.
    Added { id: String, kind: DocKind, title: String },
}

impl<S: KeyValueStore> Library<S> {
    /// Opens received bytes (file, link, backup entry): merges into the known
    /// document with the same id, or adds it as received. Never creates a
    /// document; on error nothing changes.
    pub fn import(&mut self, bytes: &[u8]) -> Result<ImportOutcome> {
        let mut incoming = Document::load(bytes)?;
        let id = incoming.id().to_string();
        match self.loaded(&id) {
            Some(doc) => {
                let summary = doc.merge(&mut incoming)?;
                if !summary.is_empty() {
                    self.pending.insert(id.clone());
                }
                Ok(ImportOutcome::Merged { id, summary })
            }
            None => {
                let kind = incoming.kind();
                let title = incoming.meta().title.clone();
                self.insert(incoming);
                self.pending.insert(id.clone());
                Ok(ImportOutcome::Added { id, kind, title })
            }
        }
    }

    /// Every document in one backup file.
    pub fn export_backup(&mut self, now_ms: i64) -> Backup {
        self.open_all();
        let documents = self
            .docs
            .values_mut()
            .map(|doc| BackupEntry {
                id: doc.id().to_string(),
                kind: format!("{:?}", doc.kind()),
                title: doc.meta().title.clone(),
                data: backup::encode(&doc.save()),
            })
            .collect();
        Backup { format: BACKUP_FORMAT.to_string(), version: 1, exported_at: now_ms, documents }
    }

    /// Restores a backup by merging each document (nothing is replaced).
    /// Every entry is checked first: if one is unreadable, nothing changes.
    pub fn restore_backup(&mut self, text: &str) -> Result<Vec<ImportOutcome>> {
        let backup =
            Backup::from_json(text).ok_or_else(|| Error::invalid("Ce fichier n'est pas une sauvegarde Gouvernail."))?;
        let mut decoded = Vec::with_capacity(backup.documents.len());
        for entry in &backup.documents {
            let bytes = backup::decode(&entry.data).ok_or_else(|| {
                Error::invalid(format!(
                    "La sauvegarde est abîmée (document « {} »). Rien n'a été restauré.",
                    entry.title
                ))
            })?;
            Document::load(&bytes).map_err(|e| {
                Error::invalid(format!(
                    "Document « {} » illisible : {} Rien n'a été restauré.",
                    entry.title,
                    e.message()
                ))
            })?;
            decoded.push(bytes);
        }
        decoded.iter().map(|bytes| self.import(bytes)).collect()
    }
}
