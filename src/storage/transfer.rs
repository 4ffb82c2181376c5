//! Documents that arrive or leave as bytes: a received file or link merged
//! or added, a backup of every document written and restored by merging.

use super::backup::{self, Backup, BackupEntry, BACKUP_FORMAT};
use super::library::Library;
use super::loading::{self, Read};
use super::store::{Area, Store};
use crate::model::{DocKind, Document, Error, MergeSummary, Result};

/// What importing bytes did.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportOutcome {
    /// The document was known: its changes were merged.
    Merged { id: String, summary: MergeSummary },
    /// The document was new to this browser and was added as received.
    Added { id: String, kind: DocKind, title: String },
}

impl<S: Store> Library<S> {
    /// Opens received bytes (file, link, backup entry): merges into the known
    /// document with the same id (read first if needed), or adds it as
    /// received. Never creates a document; on error nothing changes.
    pub async fn import(&self, bytes: &[u8]) -> Result<ImportOutcome> {
        let mut incoming = Document::load(bytes)?;
        let id = incoming.id().to_string();
        self.read(&id).await;
        let mut state = self.state.borrow_mut();
        match state.docs.get_mut(&id) {
            Some(doc) => {
                let summary = doc.merge(&mut incoming)?;
                let title = doc.meta().title.clone();
                if let Some(entry) = state.index.get_mut(&id) {
                    entry.title = title;
                }
                if !summary.is_empty() {
                    state.mark_pending(&id);
                }
                Ok(ImportOutcome::Merged { id, summary })
            }
            None => {
                let kind = incoming.kind();
                let title = incoming.meta().title.clone();
                state.insert(incoming);
                state.mark_pending(&id);
                Ok(ImportOutcome::Added { id, kind, title })
            }
        }
    }

    /// Every document in one backup file. Documents not read yet are read for
    /// it and not kept in memory.
    pub async fn export_backup(&self, now_ms: i64) -> Backup {
        let mut documents = Vec::new();
        for summary in self.documents() {
            let id = summary.id.clone();
            let bytes = match self.with_document(&id, |doc| doc.save()) {
                Some(bytes) => Some(bytes),
                None => self.saved_bytes(&id).await,
            };
            if let Some(bytes) = bytes {
                let kind = format!("{:?}", summary.kind);
                documents.push(BackupEntry { id, kind, title: summary.title, data: backup::encode(&bytes) });
            }
        }
        Backup { format: BACKUP_FORMAT.to_string(), version: 1, exported_at: now_ms, documents }
    }

    /// The whole document as stored, without keeping it read; an
    /// unreadable one is put aside and reported.
    async fn saved_bytes(&self, id: &str) -> Option<Vec<u8>> {
        let entries = self.store.entries(Area::Chunks, &[id.to_string()]).await.ok()?;
        match loading::load(id, loading::chunks_of(id, entries)) {
            Read::Loaded { mut doc, .. } => Some(doc.save()),
            Read::Absent => None,
            Read::Damaged { chunks, reason } => {
                let quarantined = self.quarantine(id, chunks, reason).await;
                self.state.borrow_mut().unreadable.push(quarantined);
                None
            }
        }
    }

    /// Restores a backup by merging each document (nothing is replaced).
    /// Every entry is checked first: if one is unreadable, nothing changes.
    pub async fn restore_backup(&self, text: &str) -> Result<Vec<ImportOutcome>> {
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
        let mut outcomes = Vec::with_capacity(decoded.len());
        for bytes in &decoded {
            outcomes.push(self.import(bytes).await?);
        }
        Ok(outcomes)
    }
}
