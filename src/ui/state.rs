//! The app's state, shared through Leptos context: the [`Library`] of
//! documents, the settings of this browser, a revision signal bumped after
//! every change so views re-read their snapshots, and the user-facing notices.
//!
//! Views never touch Automerge: they call [`AppState::dispatch`] with a
//! [`Command`] and read hydrated snapshots ([`AppState::workspace`]).
//! Storage is asynchronous (IndexedDB): the library is opened before the app
//! is mounted ([`prepare`]); a document is read when a view first needs it,
//! the view showing « Chargement… » meanwhile ([`AppState::is_reading`]);
//! saving is debounced, every save merges what another tab stored first, and
//! the other tabs are told (BroadcastChannel).

use crate::model::kinds::workspace::Workspace;
use crate::model::{ChangeContext, Command, Date, DocKind, Document};
use crate::storage::browser::{self, Debouncer, LocalStrings, LocalWrite, PageSettings, PageStore, Tabs};
use crate::storage::{
    has_legacy_data, journal, migrate, session_actor, DocSummary, ImportOutcome, Key, Library, MemoryStore,
    MigrationReport, OpenReport, Quarantined, SaveOutcome, StoreError,
};
use crate::ui::timing;
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;

/// How long to wait after the last edit before writing to storage.
const SAVE_DELAY_MS: u32 = 400;

/// How long after the last save to check whether a document needs compacting.
const COMPACT_DELAY_MS: u32 = 2_000;

/// Pause before reading, in the background, a document shown from its view.
const BACKGROUND_READ_DELAY_MS: u32 = 20;

pub type PageLibrary = Library<PageStore>;

/// Told the id of a document edited here.
type OnLocalEdit = Rc<dyn Fn(&str)>;

#[derive(Debug, Clone, PartialEq)]
pub enum SaveStatus {
    Saved,
    Pending,
    /// The write failed (storage full…): the message to show, data kept in memory.
    Failed(String),
    /// The browser refuses storage: nothing will survive a reload.
    NotPersistent,
    /// Another tab opened a newer version of the storage: reload.
    Outdated,
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

/// What [`prepare`] opened, for [`AppState::init`].
struct Prepared {
    library: Rc<PageLibrary>,
    settings: PageSettings,
    report: OpenReport,
    migration: MigrationReport,
    /// Why the page keeps documents in memory only, if it does.
    refused: Option<StoreError>,
}

thread_local! {
    static PREPARED: RefCell<Option<Prepared>> = const { RefCell::new(None) };
}

/// Opens storage before the app is mounted: settings, IndexedDB (or memory),
/// the move of the previous versions' data, then the library.
pub async fn prepare() {
    let prepared = timing::measure_async("gouvernail:library-open", open_storage()).await;
    PREPARED.with(|p| *p.borrow_mut() = Some(prepared));
}

async fn open_storage() -> Prepared {
    let mut settings = PageSettings::open();
    let (store, mut refused) = timing::measure_async("gouvernail:storage-open", PageStore::open()).await;
    let mut migration = MigrationReport::default();
    if let Some(mut legacy) = LocalStrings::open().filter(has_legacy_data) {
        let persistent = store.is_persistent();
        migration =
            timing::measure_async("gouvernail:migration", migrate(&mut legacy, &store, &mut settings, persistent))
                .await;
    }
    // The last changes of a page closed before its write landed.
    if let Some(mut strings) = LocalStrings::open().filter(journal::has_entries) {
        if store.is_persistent() {
            let _ = journal::replay(&mut strings, &store).await;
        }
    }
    let actor = session_actor(&mut settings);
    let (library, report) =
        match timing::measure_async("gouvernail:library-read", Library::open(store, actor.clone())).await {
            Ok(opened) => opened,
            Err(error) => {
                refused = Some(error);
                let memory = PageStore::Memory(MemoryStore::new());
                Library::open(memory, actor).await.unwrap_or_else(|_| unreachable!("memory never fails to open"))
            }
        };
    Prepared { library: Rc::new(library), settings, report, migration, refused }
}

#[derive(Clone, Copy)]
pub struct AppState {
    library: StoredValue<Rc<PageLibrary>, LocalStorage>,
    settings: StoredValue<PageSettings, LocalStorage>,
    debouncer: StoredValue<Debouncer, LocalStorage>,
    compactor: StoredValue<Debouncer, LocalStorage>,
    tabs: StoredValue<Option<Tabs>, LocalStorage>,
    /// Documents being read.
    reading: StoredValue<BTreeSet<String>, LocalStorage>,
    /// Bumped after every change to any document (local, other tab, import).
    pub revision: RwSignal<u64>,
    pub save_status: RwSignal<SaveStatus>,
    pub notices: RwSignal<Vec<Notice>>,
    /// The name recorded as author of this browser's changes.
    pub author: RwSignal<String>,
    /// Bytes used / available, as estimated by the browser.
    pub usage: RwSignal<Option<(f64, f64)>>,
    /// Whether the browser granted persistent storage.
    pub persisted: RwSignal<Option<bool>>,
    /// Told the id of every document edited here (live sync sends the edit).
    on_local_edit: StoredValue<Option<OnLocalEdit>, LocalStorage>,
}

/// Unix milliseconds now (the UI reads the clock; the domain never does).
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

pub fn today() -> Date {
    Date::from_unix_millis(now_ms())
}

impl AppState {
    /// Takes what [`prepare`] opened, reports what it found, and starts
    /// listening to other tabs. Call once, at the root of the app.
    pub fn init() -> AppState {
        let prepared = PREPARED.with(|p| p.borrow_mut().take()).unwrap_or_else(|| {
            // Mounted without `prepare` (never in the app): memory only.
            let store = PageStore::Memory(MemoryStore::new());
            let actor = session_actor(&mut crate::storage::MemorySettings::default());
            let (library, report) = futures_util::FutureExt::now_or_never(Library::open(store, actor))
                .and_then(Result::ok)
                .unwrap_or_else(|| unreachable!("memory opens at once"));
            let refused = Some(StoreError::Unavailable("stockage non ouvert".into()));
            Prepared {
                library: Rc::new(library),
                settings: PageSettings::open(),
                report,
                migration: Default::default(),
                refused,
            }
        });
        let persistent = prepared.refused.is_none() && prepared.library.store().is_persistent();
        let author = crate::storage::author(&prepared.settings);
        let state = AppState {
            library: StoredValue::new_local(prepared.library),
            settings: StoredValue::new_local(prepared.settings),
            debouncer: StoredValue::new_local(Debouncer::new(SAVE_DELAY_MS)),
            compactor: StoredValue::new_local(Debouncer::new(COMPACT_DELAY_MS)),
            tabs: StoredValue::new_local(None),
            reading: StoredValue::new_local(BTreeSet::new()),
            revision: RwSignal::new(0),
            save_status: RwSignal::new(if persistent { SaveStatus::Saved } else { SaveStatus::NotPersistent }),
            notices: RwSignal::new(Vec::new()),
            author: RwSignal::new(author),
            usage: RwSignal::new(None),
            persisted: RwSignal::new(None),
            on_local_edit: StoredValue::new_local(None),
        };
        if let Some(reason) = &prepared.refused {
            state.notify(NoticeLevel::Error, refused_text(reason));
        }
        state.report_migration(&prepared.migration);
        state.report_unreadable(prepared.report.quarantined);
        state.listen();
        leptos::task::spawn_local(async move {
            state.persisted.set(browser::request_persistence().await);
            state.refresh_usage().await;
        });
        state
    }

    fn lib(&self) -> Rc<PageLibrary> {
        self.library.get_value()
    }

    /// The library, for live sync (`ui::live_sync`), which lends its documents to the relay session.
    pub(crate) fn library(&self) -> Rc<PageLibrary> {
        self.lib()
    }

    /// Registers what to do after every edit made here (live sync sends it).
    pub(crate) fn set_on_local_edit(&self, f: impl Fn(&str) + 'static) {
        self.on_local_edit.set_value(Some(Rc::new(f)));
    }

    fn edited(&self, id: &str) {
        self.changed();
        if let Some(f) = self.on_local_edit.get_value() {
            f(id);
        }
    }

    /// Other tabs, older versions, a newer version, the page being hidden.
    fn listen(&self) {
        let state = *self;
        // Hiding or leaving the page issues pending writes at once, instead of
        // waiting for the debounce (the tab may be closed within it).
        for listener in browser::on_page_hidden(move || state.flush_now()) {
            listener.forget();
        }
        self.tabs.set_value(Tabs::join(move |id| state.on_other_tab_write(id)));
        let on_local_write = move |write| match write {
            LocalWrite::OlderVersion(id) => state.on_older_version_write(id),
            LocalWrite::Journal(id) => state.on_journal_write(id),
        };
        if let Some(listener) = browser::listen_to_local_writes(on_local_write) {
            listener.forget();
        }
        if let PageStore::IndexedDb(db) = self.lib().store() {
            db.when_outdated(move || {
                state.flush_now();
                state.save_status.set(SaveStatus::Outdated);
                state.notify(NoticeLevel::Error, StoreError::Outdated.to_string());
            });
        }
    }

    /// Tells the user about stored documents found unreadable and put aside.
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

    fn report_migration(&self, report: &MigrationReport) {
        if let Some(error) = &report.stopped {
            self.notify(
                NoticeLevel::Error,
                format!(
                    "Le passage de vos documents au nouveau stockage n'a pas pu se terminer ({error}). Rien n'est perdu : ceux qui restent sont toujours à l'ancien emplacement, et le passage reprendra au prochain démarrage."
                ),
            );
        }
        self.report_unreadable(report.quarantined.clone());
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
    /// any, is returned as a French sentence (nothing was changed). A
    /// document not read yet is read first, and the command applied then.
    pub fn dispatch(&self, doc_id: &str, command: Command, message: &str) -> Result<(), String> {
        let ctx = self.context(message);
        self.edit(doc_id, move |lib, id| lib.apply(id, &command, &ctx))
    }

    /// Applies several commands as one change (bulk import, adoption).
    pub fn dispatch_batch(&self, doc_id: &str, commands: Vec<Command>, message: &str) -> Result<(), String> {
        let ctx = self.context(message);
        self.edit(doc_id, move |lib, id| {
            lib.with_document(id, |doc| doc.apply_batch(&commands, &ctx))
                .unwrap_or_else(|| Err(crate::model::Error::not_found("Document", id)))
                .map(|()| lib.mark_pending(id))
        })
    }

    fn edit(
        &self,
        doc_id: &str,
        change: impl FnOnce(&PageLibrary, &str) -> crate::model::Result<()> + 'static,
    ) -> Result<(), String> {
        let lib = self.lib();
        if !lib.is_unread(doc_id) {
            change(&lib, doc_id).map_err(|e| e.message().to_string())?;
            self.edited(doc_id);
            return Ok(());
        }
        // Not read yet (opened a moment ago from its view): read, then apply.
        let (state, id) = (*self, doc_id.to_string());
        leptos::task::spawn_local(async move {
            lib.read(&id).await;
            match change(&lib, &id) {
                Ok(()) => state.edited(&id),
                Err(e) => state.notify(NoticeLevel::Error, e.message().to_string()),
            }
            state.report_unreadable(lib.take_unreadable());
        });
        Ok(())
    }

    pub fn create_document(&self, kind: DocKind, title: &str) -> Result<String, String> {
        let ctx = self.context("Création du document");
        let id = self.lib().create(kind, title, &ctx).map_err(|e| e.message().to_string())?;
        self.changed();
        Ok(id)
    }

    /// Adds documents just built here (the demo, the starter templates).
    pub fn add_documents(&self, docs: Vec<Document>) -> Result<Vec<String>, String> {
        let lib = self.lib();
        let mut ids = Vec::new();
        for mut doc in docs {
            let bytes = doc.save();
            // New documents: nothing to read first, so this completes at once.
            let outcome = futures_util::FutureExt::now_or_never(lib.import(&bytes))
                .unwrap_or_else(|| Err(crate::model::Error::invalid("Document déjà présent, en cours de lecture.")))
                .map_err(|e| e.message().to_string())?;
            match outcome {
                ImportOutcome::Added { id, .. } | ImportOutcome::Merged { id, .. } => ids.push(id),
            }
        }
        self.changed();
        Ok(ids)
    }

    /// Imports received bytes (file, link): merge or add. Errors change nothing.
    pub async fn import_bytes(&self, bytes: Vec<u8>) -> Result<ImportOutcome, String> {
        let outcome = self.lib().import(&bytes).await.map_err(|e| e.message().to_string())?;
        match &outcome {
            ImportOutcome::Merged { id, .. } => self.edited(id),
            ImportOutcome::Added { .. } => self.changed(),
        }
        Ok(outcome)
    }

    pub fn remove_document(&self, id: &str) {
        let (state, lib, id) = (*self, self.lib(), id.to_string());
        leptos::task::spawn_local(async move {
            match lib.remove(&id).await {
                Ok(()) => state.announce(&id),
                Err(e) => state.notify(NoticeLevel::Error, e.to_string()),
            }
            state.revision.update(|r| *r += 1);
        });
        self.revision.update(|r| *r += 1);
    }

    /// Removes every demo document in one go.
    pub fn remove_demo(&self) {
        for doc in self.documents_untracked().into_iter().filter(|d| d.demo) {
            self.remove_document(&doc.id);
        }
    }

    /// Something changed (an edit, changes received): views re-read, a save is scheduled.
    pub(crate) fn changed(&self) {
        self.revision.update(|r| *r += 1);
        if matches!(self.save_status.get_untracked(), SaveStatus::Saved | SaveStatus::Failed(_)) {
            self.save_status.set(SaveStatus::Pending);
        }
        let state = *self;
        self.debouncer.update_value(|d| d.schedule(move || state.save_now()));
    }

    /// Writes pending documents now (also called by the debouncer).
    pub fn save_now(&self) {
        self.debouncer.update_value(|d| d.cancel());
        let lib = self.lib();
        if !lib.has_pending() {
            return;
        }
        let state = *self;
        leptos::task::spawn_local(async move {
            let result = timing::measure_async("gouvernail:save", lib.save_pending(now_ms())).await;
            state.saved(result);
        });
    }

    /// Issues pending writes before the page goes (hidden, closed, or handing
    /// the database to a newer version), then refreshes stale views.
    fn flush_now(&self) {
        self.debouncer.update_value(|d| d.cancel());
        let (state, lib) = (*self, self.lib());
        browser::issue_now(async move {
            if lib.has_pending() {
                // The journal only matters where documents are kept.
                let result = match LocalStrings::open().filter(|_| lib.store().is_persistent()) {
                    Some(mut strings) => lib.flush(now_ms(), &mut strings).await,
                    None => lib.flush(now_ms(), &mut crate::storage::MemoryStrings::default()).await,
                };
                state.saved(result);
            }
            let _ = lib.refresh_views().await;
        });
    }

    fn saved(&self, result: Result<SaveOutcome, StoreError>) {
        match result {
            Ok(outcome) => {
                for id in &outcome.saved {
                    self.announce(id);
                }
                if !outcome.merged_from_store.is_empty() {
                    self.revision.update(|r| *r += 1);
                }
                let done = !self.lib().has_pending();
                if done && matches!(self.save_status.get_untracked(), SaveStatus::Pending | SaveStatus::Failed(_)) {
                    self.save_status.set(SaveStatus::Saved);
                }
                let state = *self;
                self.compactor.update_value(|d| d.schedule(move || state.compact()));
            }
            Err(StoreError::Outdated) => self.save_status.set(SaveStatus::Outdated),
            Err(error) => {
                let text = error.to_string();
                if !matches!(self.save_status.get_untracked(), SaveStatus::NotPersistent | SaveStatus::Outdated) {
                    self.save_status.set(SaveStatus::Failed(text.clone()));
                }
                self.notify(NoticeLevel::Error, text);
            }
        }
        let state = *self;
        leptos::task::spawn_local(async move { state.refresh_usage().await });
    }

    /// Compacts the documents whose changes outgrew their snapshot.
    fn compact(&self) {
        let (state, lib) = (*self, self.lib());
        leptos::task::spawn_local(async move {
            if let Ok(compacted) = lib.compact_due(now_ms()).await {
                for id in &compacted {
                    state.announce(id);
                }
            }
        });
    }

    /// Tells the other tabs that a document was written.
    fn announce(&self, id: &str) {
        self.tabs.with_value(|tabs| {
            if let Some(tabs) = tabs {
                tabs.announce(id);
            }
        });
    }

    async fn refresh_usage(&self) {
        self.usage.set(browser::estimate_usage().await);
    }

    fn on_other_tab_write(&self, id: String) {
        let (state, lib) = (*self, self.lib());
        leptos::task::spawn_local(async move {
            if lib.sync_from_store(&id).await.is_some() {
                state.revision.update(|r| *r += 1);
            }
            // Our own edits are not stored yet: write them next to the other tab's.
            if lib.has_pending() {
                state.debouncer.update_value(|d| d.schedule(move || state.save_now()));
            }
        });
    }

    /// An older version of the app, still open in another tab, saved a
    /// document under its old key: move it in, merge it, and say so.
    fn on_older_version_write(&self, id: String) {
        let (state, lib) = (*self, self.lib());
        leptos::task::spawn_local(async move {
            let Some(mut legacy) = LocalStrings::open() else { return };
            let mut settings = state.settings.get_value();
            let persistent = lib.store().is_persistent();
            let report = migrate(&mut legacy, lib.store(), &mut settings, persistent).await;
            state.report_migration(&report);
            if lib.sync_from_store(&id).await.is_some() {
                state.revision.update(|r| *r += 1);
            }
            state.notify(
                NoticeLevel::Info,
                "Une version précédente de Gouvernail est encore ouverte dans un autre onglet : ses modifications ont été reprises ici. Rechargez cet autre onglet pour qu'il passe à la nouvelle version.",
            );
        });
    }

    /// Another tab was closed before its last write landed, and journaled
    /// it: move it in now, so this tab shows it.
    fn on_journal_write(&self, id: String) {
        let (state, lib) = (*self, self.lib());
        leptos::task::spawn_local(async move {
            let Some(mut strings) = LocalStrings::open() else { return };
            if !lib.store().is_persistent() || journal::replay(&mut strings, lib.store()).await.is_err() {
                return;
            }
            if lib.sync_from_store(&id).await.is_some() {
                state.revision.update(|r| *r += 1);
            }
        });
    }

    /// Reads a document in the background if it is not read yet; views
    /// re-render when it is.
    fn read_soon(&self, id: &str, delay_ms: u32) {
        let lib = self.lib();
        if !lib.is_unread(id) || self.reading.with_value(|r| r.contains(id)) {
            return;
        }
        self.reading.update_value(|r| {
            r.insert(id.to_string());
        });
        let (state, id) = (*self, id.to_string());
        gloo_timers::callback::Timeout::new(delay_ms, move || {
            leptos::task::spawn_local(async move {
                let read = timing::measure_async("gouvernail:document-read", lib.read(&id)).await;
                state.reading.update_value(|r| {
                    r.remove(&id);
                });
                state.report_unreadable(lib.take_unreadable());
                if read || !lib.contains(&id) {
                    state.revision.update(|r| *r += 1);
                }
            });
        })
        .forget();
    }

    /// Whether a document is known here but not read yet (being read): views
    /// show « Chargement… » rather than « introuvable ».
    pub fn is_reading(&self, id: &str) -> bool {
        self.revision.track();
        self.lib().is_unread(id)
    }

    /// The list of documents (tracks changes).
    pub fn documents(&self) -> Vec<DocSummary> {
        self.revision.track();
        self.documents_untracked()
    }

    /// Reads documents not read yet, one after the other.
    pub async fn read_documents(&self, ids: &[String]) {
        let lib = self.lib();
        let mut read = false;
        for id in ids {
            read |= lib.is_unread(id) && lib.read(id).await;
        }
        self.report_unreadable(lib.take_unreadable());
        if read {
            self.revision.update(|r| *r += 1);
        }
    }

    /// The list of documents, without tracking changes.
    pub fn documents_untracked(&self) -> Vec<DocSummary> {
        self.lib().documents()
    }

    /// A snapshot of a workspace (tracks changes): from its document, or its
    /// view while the document is read in the background.
    pub fn workspace(&self, id: &str) -> Option<Workspace> {
        self.revision.track();
        let lib = self.lib();
        let workspace = timing::measure("gouvernail:workspace-snapshot", || lib.workspace(id).map(|(ws, _)| ws));
        // Read it soon either way: edits need the document itself.
        let delay = if workspace.is_some() { BACKGROUND_READ_DELAY_MS } else { 0 };
        self.read_soon(id, delay);
        workspace
    }

    /// Runs `f` on a document (tracks changes); for views needing more than a
    /// snapshot (`&mut` because Automerge closes its transaction to read history).
    pub fn with_document<R>(&self, id: &str, f: impl FnOnce(&mut Document) -> R) -> Option<R> {
        self.revision.track();
        self.read_soon(id, 0);
        self.lib().with_document(id, f)
    }

    /// The changes of a document, oldest first (tracks changes).
    pub fn history(&self, id: &str) -> Vec<crate::model::HistoryEntry> {
        self.with_document(id, |d| d.history()).unwrap_or_default()
    }

    /// The document's bytes, for sharing or downloading (read first if needed).
    pub async fn document_bytes(&self, id: &str) -> Option<Vec<u8>> {
        let lib = self.lib();
        lib.read(id).await;
        lib.with_document(id, |d| d.save())
    }

    /// Whether a document with this id is already in this browser.
    pub fn has_document(&self, id: &str) -> bool {
        self.lib().contains(id)
    }

    /// Snapshot of a roadmap (tracks changes).
    pub fn roadmap(&self, id: &str) -> Option<crate::model::kinds::roadmap::Roadmap> {
        self.with_document(id, |d| d.roadmap().ok()).flatten()
    }

    /// Snapshot of a template (tracks changes).
    pub fn template(&self, id: &str) -> Option<crate::model::kinds::template::Template> {
        self.with_document(id, |d| d.template().ok()).flatten()
    }

    /// Every workspace with the time of its latest change (for the roll-up):
    /// from views where they are fresh; the others are read one after the
    /// other, and the roll-up fills in as they come.
    pub fn workspaces_with_last_change(&self) -> Vec<(String, Workspace, i64)> {
        self.revision.track();
        let lib = self.lib();
        let ids: Vec<String> =
            lib.documents().into_iter().filter(|d| d.kind == DocKind::Workspace).map(|d| d.id).collect();
        let mut found = Vec::new();
        let mut missing = Vec::new();
        for id in ids {
            match lib.workspace(&id) {
                Some((workspace, last)) => found.push((id, workspace, last)),
                None if lib.is_unread(&id) => missing.push(id),
                None => {}
            }
        }
        if !missing.is_empty() && self.reading.with_value(BTreeSet::is_empty) {
            self.read_all_of(missing);
        }
        found
    }

    /// Reads documents one after the other, re-rendering once at the end.
    fn read_all_of(&self, ids: Vec<String>) {
        let (state, lib) = (*self, self.lib());
        self.reading.update_value(|r| r.extend(ids.iter().cloned()));
        leptos::task::spawn_local(async move {
            for id in &ids {
                lib.read(id).await;
            }
            state.reading.update_value(|r| r.retain(|id| !ids.contains(id)));
            state.report_unreadable(lib.take_unreadable());
            state.revision.update(|r| *r += 1);
        });
    }

    /// Every document in one backup file (JSON text).
    pub async fn backup_json(&self) -> String {
        let lib = self.lib();
        let backup = lib.export_backup(now_ms()).await;
        self.report_unreadable(lib.take_unreadable());
        backup.to_json()
    }

    pub async fn restore_backup(&self, text: &str) -> Result<Vec<ImportOutcome>, String> {
        let outcomes = self.lib().restore_backup(text).await.map_err(|e| e.message().to_string())?;
        self.changed();
        Ok(outcomes)
    }

    /// Keys of the data put aside (tracks changes).
    pub fn quarantined(&self) -> Vec<Key> {
        self.revision.track();
        self.lib().quarantined()
    }

    /// The raw content of data put aside.
    pub async fn quarantined_value(&self, key: Key) -> Option<Vec<u8>> {
        self.lib().quarantined_value(&key).await
    }

    pub fn set_author(&self, name: &str) {
        self.author.set(name.to_string());
        self.settings.update_value(|settings| {
            let _ = crate::storage::set_author(settings, name);
        });
    }

    /// Whether documents are kept after the page is closed.
    pub fn is_persistent(&self) -> bool {
        !matches!(self.save_status.get(), SaveStatus::NotPersistent)
    }
}

/// The message shown when the browser refuses storage.
fn refused_text(reason: &StoreError) -> String {
    let why = match reason {
        StoreError::Unavailable(name) => format!(" ({name})"),
        _ => String::new(),
    };
    format!(
        "Ce navigateur refuse d'enregistrer des données{why}, par exemple en navigation privée : Gouvernail fonctionne, mais vos documents ne restent que dans cette page. Téléchargez une sauvegarde (« Sauvegarde ») avant de la fermer."
    )
}
