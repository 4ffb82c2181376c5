//! The app's state, shared through Leptos context: the [`Library`] of
//! documents (behind a local `StoredValue`), a revision signal bumped after
//! every change so views re-read their snapshots, and the user-facing notices.
//!
//! Views never touch Automerge: they call [`AppState::dispatch`] with a
//! [`Command`] and read hydrated snapshots ([`AppState::workspace`]).
//! Saving is debounced; every save merges what another tab stored first.

use crate::model::kinds::workspace::Workspace;
use crate::model::{ChangeContext, Command, Date, DocKind, Document};
use crate::storage::browser::{self, Debouncer, PageStore};
use crate::storage::{DocSummary, ImportOutcome, Library, Quarantined, StoreError};
use crate::ui::timing;
use leptos::prelude::*;

/// How long to wait after the last edit before writing to storage.
const SAVE_DELAY_MS: u32 = 400;

/// Pause between two documents read in the background after start.
const BACKGROUND_READ_DELAY_MS: u32 = 20;

#[derive(Debug, Clone, PartialEq)]
pub enum SaveStatus {
    Saved,
    Pending,
    /// The write failed (storage full…): the message to show, data kept in memory.
    Failed(String),
    /// The browser refuses storage: nothing will survive a reload.
    NotPersistent,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NoticeLevel {
    Info,
    Success,
    Error,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub id: u64,
    pub level: NoticeLevel,
    pub text: String,
}

#[derive(Clone, Copy)]
pub struct AppState {
    library: StoredValue<Library<PageStore>, LocalStorage>,
    debouncer: StoredValue<Debouncer, LocalStorage>,
    /// Bumped after every change to any document (local, other tab, import).
    pub revision: RwSignal<u64>,
    pub save_status: RwSignal<SaveStatus>,
    pub notices: RwSignal<Vec<Notice>>,
    /// The name recorded as author of this browser's changes.
    pub author: RwSignal<String>,
    /// Bytes used / quota, as estimated by the browser.
    pub usage: RwSignal<Option<(f64, f64)>>,
    /// Whether the browser granted persistent storage.
    pub persisted: RwSignal<Option<bool>>,
}

/// Unix milliseconds now (the UI reads the clock; the domain never does).
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

pub fn today() -> Date {
    Date::from_unix_millis(now_ms())
}

impl AppState {
    /// Opens the library, reports entries put aside, and starts listening to
    /// other tabs. Call once, at the root of the app.
    pub fn init() -> AppState {
        let store = PageStore::open();
        let persistent = store.is_persistent();
        let (library, report) = timing::measure("gouvernail:library-open", || Library::open(store));
        let author = library_author(&library);
        let state = AppState {
            library: StoredValue::new_local(library),
            debouncer: StoredValue::new_local(Debouncer::new(SAVE_DELAY_MS)),
            revision: RwSignal::new(0),
            save_status: RwSignal::new(if persistent { SaveStatus::Saved } else { SaveStatus::NotPersistent }),
            notices: RwSignal::new(Vec::new()),
            author: RwSignal::new(author),
            usage: RwSignal::new(None),
            persisted: RwSignal::new(None),
        };
        state.report_unreadable(report.quarantined);
        state.open_rest_later();
        // Leaving or hiding the page writes pending edits at once, instead of
        // waiting for the debounce (the tab may be closed within it).
        for listener in browser::on_page_hidden(move || state.save_now()) {
            listener.forget();
        }
        if let Some(listener) = browser::listen_to_other_tabs(move |key| state.on_other_tab_write(&key)) {
            // Lives as long as the page.
            listener.forget();
        }
        leptos::task::spawn_local(async move {
            state.persisted.set(browser::request_persistence().await);
            state.refresh_usage().await;
        });
        state
    }

    /// Tells the user about stored entries found unreadable and put aside.
    fn report_unreadable(&self, entries: Vec<Quarantined>) {
        for q in entries {
            let text = match &q.kept_at {
                Some(_) => format!(
                    "Une donnée enregistrée dans ce navigateur est illisible ({}) : elle a été mise de côté, sans être effacée. Vous pouvez la télécharger depuis « Sauvegarde ».",
                    q.reason
                ),
                None => format!("Une donnée enregistrée est illisible ({}) : elle est conservée telle quelle.", q.reason),
            };
            self.notify(NoticeLevel::Error, text);
        }
    }

    /// Reads the documents not read at start, one per task once the first
    /// screen is shown, so the page stays responsive and an unreadable
    /// entry is still reported within moments of opening the app.
    fn open_rest_later(&self) {
        let state = *self;
        gloo_timers::callback::Timeout::new(BACKGROUND_READ_DELAY_MS, move || {
            let more = state.library.try_update_value(|lib| lib.open_next()).unwrap_or(false);
            let unreadable = state.library.try_update_value(|lib| lib.take_unreadable()).unwrap_or_default();
            if !unreadable.is_empty() {
                state.report_unreadable(unreadable);
                state.revision.update(|r| *r += 1);
            }
            if more {
                state.open_rest_later();
            }
        })
        .forget();
    }

    pub fn notify(&self, level: NoticeLevel, text: impl Into<String>) {
        let text = text.into();
        self.notices.update(|list| {
            let id = list.last().map(|n| n.id + 1).unwrap_or(1);
            list.retain(|n| n.text != text);
            list.push(Notice { id, level, text });
        });
    }

    pub fn dismiss(&self, id: u64) {
        self.notices.update(|list| list.retain(|n| n.id != id));
    }

    fn context(&self, message: &str) -> ChangeContext {
        let author = self.author.get_untracked();
        let author = if author.trim().is_empty() { "Utilisateur anonyme".to_string() } else { author };
        ChangeContext::new(author, now_ms(), message)
    }

    /// Applies a command to a document and schedules a save. The error, if
    /// any, is returned as a French sentence (nothing was changed).
    pub fn dispatch(&self, doc_id: &str, command: Command, message: &str) -> Result<(), String> {
        let ctx = self.context(message);
        self.library
            .try_update_value(|lib| lib.apply(doc_id, &command, &ctx))
            .unwrap_or_else(|| Err(crate::model::Error::invalid("Application indisponible.")))
            .map_err(|e| e.message().to_string())?;
        self.changed();
        Ok(())
    }

    /// Applies several commands as one change (bulk import, adoption).
    pub fn dispatch_batch(&self, doc_id: &str, commands: Vec<Command>, message: &str) -> Result<(), String> {
        let ctx = self.context(message);
        let result = self.library.try_update_value(|lib| match lib.document_mut(doc_id) {
            Some(doc) => doc.apply_batch(&commands, &ctx).map(|_| lib.mark_pending(doc_id)),
            None => Err(crate::model::Error::not_found("Document", doc_id)),
        });
        result
            .unwrap_or_else(|| Err(crate::model::Error::invalid("Application indisponible.")))
            .map_err(|e| e.message().to_string())?;
        self.changed();
        Ok(())
    }

    pub fn create_document(&self, kind: DocKind, title: &str) -> Result<String, String> {
        let ctx = self.context("Création du document");
        let id = self
            .library
            .try_update_value(|lib| lib.create(kind, title, &ctx))
            .unwrap_or_else(|| Err(crate::model::Error::invalid("Application indisponible.")))
            .map_err(|e| e.message().to_string())?;
        self.changed();
        Ok(id)
    }

    /// Adds already-built documents (the demo) to the library.
    pub fn add_documents(&self, docs: Vec<Document>) -> Result<Vec<String>, String> {
        let mut ids = Vec::new();
        for mut doc in docs {
            let bytes = doc.save();
            match self.import_bytes(&bytes)? {
                ImportOutcome::Added { id, .. } | ImportOutcome::Merged { id, .. } => ids.push(id),
            }
        }
        Ok(ids)
    }

    /// Imports received bytes (file, link): merge or add. Errors change nothing.
    pub fn import_bytes(&self, bytes: &[u8]) -> Result<ImportOutcome, String> {
        let outcome = self
            .library
            .try_update_value(|lib| lib.import(bytes))
            .unwrap_or_else(|| Err(crate::model::Error::invalid("Application indisponible.")))
            .map_err(|e| e.message().to_string())?;
        self.changed();
        Ok(outcome)
    }

    pub fn remove_document(&self, id: &str) {
        let result = self.library.try_update_value(|lib| lib.remove(id));
        if let Some(Err(e)) = result {
            self.notify(NoticeLevel::Error, e.to_string());
        }
        self.revision.update(|r| *r += 1);
    }

    /// Removes every demo document in one go.
    pub fn remove_demo(&self) {
        for doc in self.documents_untracked().into_iter().filter(|d| d.demo) {
            self.remove_document(&doc.id);
        }
    }

    fn changed(&self) {
        self.revision.update(|r| *r += 1);
        if !matches!(self.save_status.get_untracked(), SaveStatus::NotPersistent) {
            self.save_status.set(SaveStatus::Pending);
        }
        let state = *self;
        self.debouncer.update_value(|d| d.schedule(move || state.save_now()));
    }

    /// Writes pending documents now (also called by the debouncer).
    pub fn save_now(&self) {
        self.debouncer.update_value(|d| d.cancel());
        if !self.library.with_value(|lib| lib.has_pending()) {
            return;
        }
        let result = self.library.try_update_value(|lib| lib.save_pending(now_ms()));
        match result {
            Some(Ok(outcome)) => {
                if !outcome.merged_from_store.is_empty() {
                    self.revision.update(|r| *r += 1);
                }
                if !matches!(self.save_status.get_untracked(), SaveStatus::NotPersistent) {
                    self.save_status.set(SaveStatus::Saved);
                }
            }
            Some(Err(error)) => {
                let text = error.to_string();
                self.save_status.set(SaveStatus::Failed(text.clone()));
                if matches!(error, StoreError::QuotaExceeded) {
                    self.notify(NoticeLevel::Error, text);
                }
            }
            None => {}
        }
        let state = *self;
        leptos::task::spawn_local(async move { state.refresh_usage().await });
    }

    async fn refresh_usage(&self) {
        self.usage.set(browser::estimate_usage().await);
    }

    fn on_other_tab_write(&self, key: &str) {
        let changed = self.library.try_update_value(|lib| lib.sync_from_store(key)).flatten();
        if changed.is_some() {
            self.revision.update(|r| *r += 1);
        }
        // The other tab's copy may lack our changes: write them back.
        if self.library.with_value(|lib| lib.has_pending()) {
            let state = *self;
            self.debouncer.update_value(|d| d.schedule(move || state.save_now()));
        }
    }

    /// The list of documents (tracks changes).
    pub fn documents(&self) -> Vec<DocSummary> {
        self.revision.track();
        self.documents_untracked()
    }

    fn documents_untracked(&self) -> Vec<DocSummary> {
        self.library.with_value(|lib| lib.documents())
    }

    /// A snapshot of a workspace (tracks changes).
    pub fn workspace(&self, id: &str) -> Option<Workspace> {
        self.revision.track();
        timing::measure("gouvernail:workspace-snapshot", || {
            self.library.try_update_value(|lib| lib.workspace(id).map(|(workspace, _)| workspace)).flatten()
        })
    }

    /// Reads a document (tracks changes); for views needing more than a
    /// snapshot (`&mut` because Automerge closes its transaction to read history).
    pub fn with_document<R>(&self, id: &str, f: impl FnOnce(&mut Document) -> R) -> Option<R> {
        self.revision.track();
        self.library.try_update_value(|lib| lib.document_mut(id).map(f)).flatten()
    }

    /// The changes of a document, oldest first (tracks changes).
    pub fn history(&self, id: &str) -> Vec<crate::model::HistoryEntry> {
        self.revision.track();
        self.library.try_update_value(|lib| lib.document_mut(id).map(|d| d.history())).flatten().unwrap_or_default()
    }

    /// The document's bytes, for sharing or downloading.
    pub fn document_bytes(&self, id: &str) -> Option<Vec<u8>> {
        self.library.try_update_value(|lib| lib.document_mut(id).map(|d| d.save())).flatten()
    }

    /// Whether a document with this id is already in this browser.
    pub fn has_document(&self, id: &str) -> bool {
        self.library.with_value(|lib| lib.contains(id))
    }

    /// Snapshot of a roadmap (tracks changes).
    pub fn roadmap(&self, id: &str) -> Option<crate::model::kinds::roadmap::Roadmap> {
        self.revision.track();
        self.library.try_update_value(|lib| lib.document(id).and_then(|d| d.roadmap().ok())).flatten()
    }

    /// Snapshot of a template (tracks changes).
    pub fn template(&self, id: &str) -> Option<crate::model::kinds::template::Template> {
        self.revision.track();
        self.library.try_update_value(|lib| lib.document(id).and_then(|d| d.template().ok())).flatten()
    }

    /// Every workspace with the time of its latest change (for the roll-up).
    pub fn workspaces_with_last_change(&self) -> Vec<(String, Workspace, i64)> {
        self.revision.track();
        let ids: Vec<String> =
            self.documents_untracked().into_iter().filter(|d| d.kind == DocKind::Workspace).map(|d| d.id).collect();
        self.library
            .try_update_value(|lib| {
                ids.iter()
                    .filter_map(|id| {
                        let (workspace, last) = lib.workspace(id)?;
                        Some((id.clone(), workspace, last))
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Every document in one backup file (JSON text).
    pub fn backup_json(&self) -> String {
        self.library.try_update_value(|lib| lib.export_backup(now_ms()).to_json()).unwrap_or_default()
    }

    pub fn restore_backup(&self, text: &str) -> Result<Vec<ImportOutcome>, String> {
        let outcomes = self
            .library
            .try_update_value(|lib| lib.restore_backup(text))
            .unwrap_or_else(|| Err(crate::model::Error::invalid("Application indisponible.")))
            .map_err(|e| e.message().to_string())?;
        self.changed();
        Ok(outcomes)
    }

    /// Raw text of entries put aside, to let the user download them.
    pub fn quarantined(&self) -> Vec<(String, String)> {
        self.revision.track();
        self.library.with_value(|lib| {
            lib.quarantined_keys()
                .into_iter()
                .map(|k| (k.clone(), lib.quarantined_value(&k).unwrap_or_default()))
                .collect()
        })
    }

    pub fn set_author(&self, name: &str) {
        self.author.set(name.to_string());
        self.library.update_value(|lib| {
            let _ = lib.set_author(name);
        });
    }

    pub fn used_chars(&self) -> usize {
        self.revision.track();
        self.library.with_value(|lib| lib.used_chars())
    }
}

fn library_author(library: &Library<PageStore>) -> String {
    library.author()
}
