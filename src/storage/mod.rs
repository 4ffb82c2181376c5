//! Persistence of documents in browser storage, and nothing else.
//!
//! `src/storage` is the only code that touches browser storage (guarded by
//! `tests/architecture.rs`). Documents live in IndexedDB, laid out as
//! automerge-repo lays them out (`chunks`): per document a snapshot chunk and
//! incremental chunks, so a save after one edit writes that edit. The logic
//! lives in [`Library`], generic over a small async [`Store`] trait so it is
//! tested natively with [`MemoryStore`]; `browser` implements the trait over
//! IndexedDB and adds what only a browser has (settings in `localStorage`
//! through gloo-storage, other tabs through a BroadcastChannel, debounced
//! saving, `navigator.storage`). `migration` moves the previous versions'
//! `localStorage` data (`legacy`) in.
//!
//! Guarantees (DESIGN.md, invariant 6, "nothing is lost"):
//! * saving a document first reads what is stored and merges what another
//!   tab added; a write never replaces stored data (keys name their
//!   content; a compaction removes only chunks whose changes it holds);
//! * a failed write keeps everything in memory, stays pending, and is
//!   reported so the UI can offer a backup download;
//! * a stored document that does not read is moved aside whole to the
//!   quarantine area, never overwritten, and reported;
//! * the migration removes an old entry only once its copy is read back.

mod backup;
mod chunks;
pub mod journal;
mod legacy;
mod library;
mod live_settings;
mod loading;
mod memory;
mod migration;
mod saving;
mod settings;
mod store;
mod strings;
mod sync;
mod transfer;
mod views;

#[cfg(target_arch = "wasm32")]
pub mod browser;

pub use backup::{Backup, BackupEntry};
pub use chunks::{ChunkKey, ChunkKind};
pub use legacy::LegacyKey;
pub use library::{DocSummary, Library, OpenReport, Quarantined};
pub use live_settings::{
    forget_relay, live_documents, relay_settings, save_relay, set_live, RelaySettings, LIVE_DOCUMENTS, RELAY,
};
pub use memory::MemoryStore;
pub use migration::{has_legacy_data, migrate, MigrationReport};
pub use saving::SaveOutcome;
pub use settings::{
    author, device_id, device_of, session_actor, set_author, MemorySettings, Setting, SettingsStore, AUTHOR, DEVICE_ID,
};
pub use store::{Area, Key, Store, Write};
pub use strings::{MemoryStrings, StringStore};
pub use transfer::ImportOutcome;

use thiserror::Error;

/// Why reading or writing storage failed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StoreError {
    #[error("L'espace de stockage du navigateur est plein : vos dernières modifications sont conservées dans cette page mais pas encore enregistrées. Téléchargez une sauvegarde, puis libérez de la place.")]
    QuotaExceeded,
    #[error("Le navigateur refuse l'enregistrement ({0}). Vos modifications restent dans cette page : téléchargez une sauvegarde.")]
    Unavailable(String),
    /// Another tab opened a newer version of the storage: this page must reload.
    #[error("Gouvernail a été mis à jour dans un autre onglet : rechargez cette page pour continuer. Vos modifications restent dans cette page ; téléchargez une sauvegarde si vous ne pouvez pas recharger.")]
    Outdated,
}
