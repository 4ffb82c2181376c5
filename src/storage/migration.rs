//! Moving the previous versions' `localStorage` data (`legacy`) into the
//! [`Store`], at the first start of this version and whenever an older
//! version still open in another tab writes there again.
//!
//! Each document is copied as one snapshot chunk (its base64 decoded, not
//! parsed: named by the hash of its bytes), with its index entry, in one
//! write; read back and compared; only then is its old key removed. A cut at
//! any point (tab closed, storage full, crash) leaves the old key in place,
//! and the next start copies it again: the same bytes go under the same key,
//! and a copy added next to chunks already there is merged with them when
//! the document is read. Entries the old version had put aside come along,
//! still put aside; an entry that does not decode is put aside too. The old
//! settings go to the new settings store; the old index, snapshots, device
//! id and settings are removed once no document is left to move.
//!
//! When the browser refuses storage the documents are copied into the
//! memory store and the old keys kept: the page shows them, nothing is lost.

use super::backup;
use super::chunks::ChunkKey;
use super::legacy::LegacyKey;
use super::library::{DocSummary, Quarantined};
use super::settings::{SettingsStore, AUTHOR, DEVICE_ID};
use super::store::{read_back, Area, Store, Write};
use super::strings::StringStore;
use super::StoreError;
use crate::model::Document;
use std::collections::BTreeMap;

/// What a migration did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MigrationReport {
    /// Documents copied (and their old keys removed, unless kept).
    pub moved: Vec<String>,
    /// Entries put aside: carried over from the old storage, or found unreadable now.
    pub quarantined: Vec<Quarantined>,
    /// Why the migration stopped before the end (it resumes at the next start).
    pub stopped: Option<StoreError>,
}

/// Whether the old storage holds anything still to move.
pub fn has_legacy_data(legacy: &impl StringStore) -> bool {
    legacy.keys().iter().any(|k| LegacyKey::parse(k).is_some())
}

/// Moves the old storage into `store` and `settings`. With `remove_old`
/// false (memory store) the old keys are left in place.
pub async fn migrate(
    legacy: &mut impl StringStore,
    store: &impl Store,
    settings: &mut impl SettingsStore,
    remove_old: bool,
) -> MigrationReport {
    let mut report = MigrationReport::default();
    move_settings(legacy, settings);
    let index: BTreeMap<String, DocSummary> =
        legacy.get(&LegacyKey::Index.to_key()).and_then(|text| serde_json::from_str(&text).ok()).unwrap_or_default();
    let mut keys: Vec<LegacyKey> = legacy.keys().iter().filter_map(|k| LegacyKey::parse(k)).collect();
    keys.sort();
    for key in keys {
        let step = match &key {
            LegacyKey::Doc(id) => move_document(legacy, store, id, index.get(id), &mut report).await,
            LegacyKey::Quarantine(id, _) => move_quarantined(legacy, store, id, &key).await,
            _ => Ok(()),
        };
        if let Err(error) = step {
            report.stopped = Some(error);
            return report;
        }
        if remove_old {
            if let LegacyKey::Doc(id) = &key {
                legacy.remove(&key.to_key());
                legacy.remove(&LegacyKey::Snapshot(id.clone()).to_key());
            } else if matches!(key, LegacyKey::Quarantine(..)) {
                legacy.remove(&key.to_key());
            }
        }
    }
    if remove_old {
        for key in legacy.keys() {
            if matches!(
                LegacyKey::parse(&key),
                Some(LegacyKey::Index | LegacyKey::Snapshot(_) | LegacyKey::Device | LegacyKey::Settings)
            ) {
                legacy.remove(&key);
            }
        }
    }
    report
}

/// The old device id and author name, unless this version already has its own.
fn move_settings(legacy: &impl StringStore, settings: &mut impl SettingsStore) {
    if settings.get(&DEVICE_ID).is_none() {
        if let Some(hex) = legacy.get(&LegacyKey::Device.to_key()) {
            let _ = settings.set(&DEVICE_ID, &hex);
        }
    }
    if settings.get(&AUTHOR).is_none() {
        #[derive(serde::Deserialize)]
        struct Old {
            #[serde(default)]
            author: String,
        }
        let old = legacy.get(&LegacyKey::Settings.to_key()).and_then(|t| serde_json::from_str::<Old>(&t).ok());
        if let Some(old) = old.filter(|o| !o.author.is_empty()) {
            let _ = settings.set(&AUTHOR, &old.author);
        }
    }
}

/// Copies one document, checks the copy, and leaves the old key to the caller.
async fn move_document(
    legacy: &impl StringStore,
    store: &impl Store,
    id: &str,
    listed: Option<&DocSummary>,
    report: &mut MigrationReport,
) -> Result<(), StoreError> {
    let old_key = LegacyKey::Doc(id.to_string()).to_key();
    let Some(text) = legacy.get(&old_key) else { return Ok(()) };
    let Some(bytes) = backup::decode(&text) else {
        let reason = "contenu non décodable (base64 invalide)".to_string();
        return put_aside(store, id, &old_key, text.into_bytes(), reason, report).await;
    };
    // The old index names the document; if it does not, the document is read.
    let summary = match listed {
        Some(summary) => summary.clone(),
        None => match Document::load(&bytes) {
            Ok(doc) if doc.id() == id => {
                let meta = doc.meta();
                DocSummary {
                    id: id.to_string(),
                    kind: meta.kind,
                    title: meta.title.clone(),
                    demo: meta.demo,
                    saved_at: 0,
                }
            }
            Ok(doc) => {
                let reason = format!("l'entrée contient un autre document ({})", doc.id());
                return put_aside(store, id, &old_key, text.into_bytes(), reason, report).await;
            }
            Err(error) => {
                let reason = error.message().to_string();
                return put_aside(store, id, &old_key, text.into_bytes(), reason, report).await;
            }
        },
    };
    let chunk = ChunkKey::snapshot_of_bytes(&bytes).key(id);
    let entry = vec![id.to_string()];
    let mut writes = vec![Write::Put { area: Area::Chunks, key: chunk.clone(), value: bytes.clone() }];
    // A document already here (a resumed migration, or an older tab writing
    // again) keeps its entry: its chunks are merged when it is read.
    if store.get(Area::Documents, &entry).await?.is_none() {
        let value = serde_json::to_vec(&summary).unwrap_or_default();
        writes.push(Write::Put { area: Area::Documents, key: entry, value });
    }
    store.write(writes).await?;
    read_back(store, Area::Chunks, &chunk, &bytes).await?;
    report.moved.push(id.to_string());
    Ok(())
}

/// Carries an entry the old version had put aside, still aside.
async fn move_quarantined(
    legacy: &impl StringStore,
    store: &impl Store,
    id: &str,
    key: &LegacyKey,
) -> Result<(), StoreError> {
    let old_key = key.to_key();
    let Some(text) = legacy.get(&old_key) else { return Ok(()) };
    let aside = vec![id.to_string(), old_key.clone()];
    store
        .write(vec![Write::Put { area: Area::Quarantine, key: aside.clone(), value: text.clone().into_bytes() }])
        .await?;
    read_back(store, Area::Quarantine, &aside, text.as_bytes()).await
}

/// Puts an unreadable old entry aside in the store, and reports it.
async fn put_aside(
    store: &impl Store,
    id: &str,
    old_key: &str,
    value: Vec<u8>,
    reason: String,
    report: &mut MigrationReport,
) -> Result<(), StoreError> {
    let aside = vec![id.to_string(), old_key.to_string()];
    store.write(vec![Write::Put { area: Area::Quarantine, key: aside.clone(), value: value.clone() }]).await?;
    read_back(store, Area::Quarantine, &aside, &value).await?;
    report.quarantined.push(Quarantined { original_key: old_key.to_string(), kept_at: Some(aside.join("/")), reason });
    Ok(())
}
