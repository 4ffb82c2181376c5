//! Live sync in the app: the one [`RelayConnection`] of this tab, what it
//! follows, and the statuses the screens show. In Leptos context as [`LiveSync`].
//!
//! * the relay's address and key, and which documents are live, are
//!   settings of this browser (`storage::live_settings`); the connection
//!   starts when a relay is set up and stops when it is forgotten;
//! * a live document is read before it is followed (the session needs it);
//!   every edit made here goes out (`AppState::set_on_local_edit`);
//! * the session receives into the library's documents (lent through
//!   [`Host::with_replicas`]); a `Changed` event marks the document for an
//!   incremental save and re-renders the screens (`AppState::changed`);
//! * a live-sync link (`#r1.…`) asks the relay for a document this browser
//!   lacks; it arrives checked like an import (`Event::Fetched`), is added
//!   to the library and followed; an id the relay does not have, or a
//!   document it refuses, changes nothing here;
//! * `progress` is bumped whenever a frame comes or goes, so statuses
//!   re-read the session; the texts are memoised by their readers, so a
//!   live region speaks only when its words change.

use crate::model::exchange::relay::address::RelayAddress;
use crate::model::exchange::relay::document_id::RelayDocumentId;
use crate::model::exchange::relay::link::{parse_relay_link, relay_link_fragment};
use crate::model::exchange::relay::session::{Event, Replicas};
use crate::model::exchange::relay::status::{ConnectionStatus, DocumentStatus};
use crate::storage::browser::PageSettings;
use crate::storage::{forget_relay, live_documents, relay_settings, save_relay, set_live, RelaySettings};
use crate::sync::connection::{Host, RelayConnection};
use crate::ui::state::{AppState, NoticeLevel};
use leptos::prelude::*;
use std::collections::BTreeSet;
use std::rc::Rc;

#[derive(Clone, Copy)]
pub struct LiveSync {
    state: AppState,
    connection: StoredValue<Option<RelayConnection>, LocalStorage>,
    /// The relay set up in this browser (as typed).
    pub relay: RwSignal<Option<RelaySettings>>,
    /// The connection's state (`None`: no relay set up).
    pub status: RwSignal<Option<ConnectionStatus>>,
    /// Documents whose live sync is on.
    pub live: RwSignal<BTreeSet<String>>,
    /// Bumped when documents' statuses may have changed.
    progress: RwSignal<u64>,
    /// Documents asked of the relay from a link, not arrived yet.
    fetching: RwSignal<BTreeSet<String>>,
}

/// What opening a live-sync link did.
#[derive(Debug, Clone, PartialEq)]
pub enum LinkOpened {
    /// The document is asked of the relay; it is added when it arrives.
    Fetching(String),
    /// The document is already here: its live sync is now on.
    AlreadyHere(String),
    /// This browser must first be set up for the link's relay (its address, to prefill).
    NeedsRelay(String),
}

/// What the connection calls back.
struct AppHost {
    live: LiveSync,
}

impl Host for AppHost {
    fn with_replicas(&self, f: &mut dyn FnMut(&mut dyn Replicas)) {
        self.live.state.library().with_read_documents(|docs| f(docs));
    }

    fn on_events(&self, events: Vec<Event>) {
        for event in events {
            self.live.on_event(event);
        }
        self.live.bump();
    }

    fn on_status(&self, status: ConnectionStatus) {
        self.live.status.set(Some(status));
        self.live.bump();
    }

    fn on_progress(&self) {
        self.live.bump();
    }
}

impl LiveSync {
    /// Reads the settings and connects if a relay is set up. Call once, after `AppState::init`.
    pub fn init(state: AppState) -> LiveSync {
        let settings = PageSettings::open();
        let live = LiveSync {
            state,
            connection: StoredValue::new_local(None),
            relay: RwSignal::new(relay_settings(&settings).map(|(relay, _)| relay)),
            status: RwSignal::new(None),
            live: RwSignal::new(live_documents(&settings)),
            progress: RwSignal::new(0),
            fetching: RwSignal::new(BTreeSet::new()),
        };
        state.set_on_local_edit(move |id| live.local_edit(id));
        if let Some((_, address)) = relay_settings(&settings) {
            live.connect(address);
        }
        live
    }

    fn bump(&self) {
        self.progress.update(|p| *p += 1);
    }

    fn connect(&self, address: RelayAddress) {
        if let Some(old) = self.connection.get_value() {
            old.stop();
        }
        let connection = RelayConnection::start(address, Rc::new(AppHost { live: *self }));
        self.connection.set_value(Some(connection));
        for id in self.live.get_untracked() {
            self.follow(id);
        }
    }

    /// Checks and keeps the relay's address and key, then connects. A wrong
    /// address changes nothing and returns its French message.
    pub fn set_relay(&self, address: &str, key: &str) -> Result<(), String> {
        let mut settings = PageSettings::open();
        let parsed = save_relay(&mut settings, address, key)?;
        self.relay.set(relay_settings(&settings).map(|(relay, _)| relay));
        self.connect(parsed);
        Ok(())
    }

    /// Stops live sync and forgets the relay.
    pub fn forget_relay(&self) {
        if let Err(e) = forget_relay(&mut PageSettings::open()) {
            self.state.notify(NoticeLevel::Error, e.to_string());
            return;
        }
        if let Some(connection) = self.connection.get_value() {
            connection.stop();
        }
        self.connection.set_value(None);
        self.relay.set(None);
        self.status.set(None);
        self.bump();
    }

    /// Turns live sync on or off for a document.
    pub fn set_live(&self, id: &str, on: bool) {
        match set_live(&mut PageSettings::open(), id, on) {
            Ok(live) => self.live.set(live),
            Err(e) => {
                self.state.notify(NoticeLevel::Error, e.to_string());
                return;
            }
        }
        if on {
            self.follow(id.to_string());
        } else if let Some(connection) = self.connection.get_value() {
            connection.unfollow(id);
        }
        self.bump();
    }

    /// Turns live sync on for several documents at once (the director
    /// following every member commune's workspace).
    pub fn set_live_all(&self, ids: Vec<String>) {
        let mut settings = PageSettings::open();
        for id in &ids {
            if let Err(e) = set_live(&mut settings, id, true) {
                self.state.notify(NoticeLevel::Error, e.to_string());
                break;
            }
        }
        let live = live_documents(&settings);
        for id in ids.into_iter().filter(|id| live.contains(id) && !self.live.with_untracked(|l| l.contains(id))) {
            self.follow(id);
        }
        self.live.set(live);
        self.bump();
    }

    /// Reads the document if needed, then follows it.
    fn follow(&self, id: String) {
        let Some(connection) = self.connection.get_value() else { return };
        let (live, lib) = (*self, self.state.library());
        leptos::task::spawn_local(async move {
            lib.read(&id).await;
            let followed = lib.with_document(&id, |doc| connection.follow(doc));
            if let Some(Err(e)) = followed {
                live.state.notify(NoticeLevel::Error, e.message().to_string());
            }
            live.bump();
        });
    }

    fn local_edit(&self, id: &str) {
        if !self.live.with_untracked(|live| live.contains(id)) {
            return;
        }
        let Some(connection) = self.connection.get_value() else { return };
        let lib = self.state.library();
        // `local_change` only sends (no event comes back while the document is lent).
        lib.with_document(id, |doc| connection.local_change(doc));
    }

    /// The live-sync link of a document (`None` when no relay is set up).
    pub fn link_for(&self, id: &str) -> Option<String> {
        let relay = self.relay.get()?.parse().ok()?;
        let relay_id = RelayDocumentId::from_document_id(id).ok()?;
        let origin = web_sys::window()?.location().origin().ok()?;
        Some(format!("{origin}/synchronisation#{}", relay_link_fragment(&relay, &relay_id)))
    }

    /// Opens a live-sync link's fragment. A damaged link, or one for
    /// another relay than this browser's, changes nothing.
    pub fn open_link(&self, fragment: &str) -> Result<LinkOpened, String> {
        let link = parse_relay_link(fragment).map_err(|e| e.message().to_string())?;
        let ours = self.relay.get_untracked().and_then(|r| r.parse().ok());
        let connection = self.connection.get_value();
        let (Some(ours), Some(connection)) = (ours, connection) else {
            return Ok(LinkOpened::NeedsRelay(link.relay_url));
        };
        if ours.url() != link.relay_url {
            return Ok(LinkOpened::NeedsRelay(link.relay_url));
        }
        let id = link.relay_id.document_id();
        if self.state.has_document(&id) {
            self.set_live(&id, true);
            return Ok(LinkOpened::AlreadyHere(id));
        }
        self.fetching.update(|f| {
            f.insert(id.clone());
        });
        connection.fetch(link.relay_id);
        Ok(LinkOpened::Fetching(id))
    }

    /// A document asked from a link is not coming: stop asking.
    fn fetch_failed(&self, id: &str) -> bool {
        let was_fetching = self.fetching.with_untracked(|f| f.contains(id));
        if was_fetching {
            self.fetching.update(|f| {
                f.remove(id);
            });
            if let Some(connection) = self.connection.get_value() {
                connection.unfollow(id);
            }
        }
        was_fetching
    }

    /// A document asked from a link arrived, checked: keep it, follow it.
    fn fetched(&self, document: crate::model::Document) {
        let mut document = document;
        let bytes = document.save();
        let id = document.id().to_string();
        let (live, lib) = (*self, self.state.library());
        leptos::task::spawn_local(async move {
            match lib.import(&bytes).await {
                Ok(outcome) => {
                    live.fetching.update(|f| {
                        f.remove(&id);
                    });
                    if let Ok(set) = set_live(&mut PageSettings::open(), &id, true) {
                        live.live.set(set);
                    }
                    live.state.changed();
                    // Frames that came while it was being added found no document: start an exchange.
                    if let Some(connection) = live.connection.get_value() {
                        lib.with_document(&id, |doc| connection.local_change(doc));
                    }
                    let title = match outcome {
                        crate::storage::ImportOutcome::Added { title, .. } => title,
                        crate::storage::ImportOutcome::Merged { .. } => String::new(),
                    };
                    live.state.notify(
                        NoticeLevel::Success,
                        format!(
                            "« {title} » est arrivé du relais : il est dans vos documents et synchronisé en direct."
                        ),
                    );
                }
                Err(e) => {
                    live.fetch_failed(&id);
                    live.state.notify(NoticeLevel::Error, e.message().to_string());
                }
            }
            live.bump();
        });
    }

    fn on_event(&self, event: Event) {
        match event {
            Event::Changed { document_id, .. } => {
                self.state.library().received_live(&document_id);
                self.state.changed();
            }
            Event::Fetched(document) => self.fetched(*document),
            Event::Unavailable { document_id } => {
                if self.fetch_failed(&document_id) {
                    self.state.notify(
                        NoticeLevel::Error,
                        "Le relais n'a pas ce document : l'identifiant du lien lui est inconnu (document jamais envoyé, ou relais différent). Rien n'a été ajouté.",
                    );
                }
            }
            Event::Refused { document_id, error } => {
                self.fetch_failed(&document_id);
                self.state.notify(NoticeLevel::Error, error.message().to_string());
            }
            Event::RelayRefused(error) => {
                self.state.notify(NoticeLevel::Error, error.message().to_string());
            }
            Event::Connected => {}
            Event::Ignored(error) => web_sys::console::warn_1(&error.message().into()),
        }
    }

    /// The status of one live document (tracks changes); `None` when its
    /// live sync is off or no relay is set up.
    pub fn document_status(&self, id: &str) -> Option<DocumentStatus> {
        self.progress.track();
        self.state.revision.track();
        let connection = self.connection.get_value()?;
        let lib = self.state.library();
        connection.with_session(|session| lib.with_read_documents(|docs| session.document_status(id, docs)))
    }

    /// One line for the header (tracks changes): the connection, and
    /// whether the live documents are in step; `None` when no relay is set up.
    pub fn summary(&self) -> Option<String> {
        let status = self.status.get()?;
        // Documents removed from this browser since their live sync was turned on do not count.
        let live: Vec<String> = self.live.get().into_iter().filter(|id| self.state.has_document(id)).collect();
        let statuses: Vec<DocumentStatus> = live.iter().filter_map(|id| self.document_status(id)).collect();
        let pending = statuses
            .iter()
            .any(|s| matches!(s, DocumentStatus::ChangesPending | DocumentStatus::Disconnected { pending: true, .. }));
        Some(match status {
            ConnectionStatus::Connected if pending => "modifications en attente".to_string(),
            ConnectionStatus::Connected if statuses.contains(&DocumentStatus::NotOnRelay) => {
                "absent du relais".to_string()
            }
            ConnectionStatus::Connected if statuses.iter().any(|s| matches!(s, DocumentStatus::Refused(_))) => {
                "document refusé".to_string()
            }
            ConnectionStatus::Connected
                if statuses.iter().any(|s| matches!(s, DocumentStatus::Syncing | DocumentStatus::Fetching))
                    || statuses.len() < live.len() =>
            {
                "synchronisation en cours".to_string()
            }
            ConnectionStatus::Connected if live.is_empty() => "connecté au relais".to_string(),
            ConnectionStatus::Connected => "synchronisé".to_string(),
            other if pending => format!("{} — modifications en attente", other.label()),
            other => other.label().to_string(),
        })
    }
}
