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
//! * `progress` is bumped whenever a frame comes or goes, so statuses
//!   re-read the session; the texts are memoised by their readers, so a
//!   live region speaks only when its words change.

use crate::model::exchange::relay::address::RelayAddress;
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

    fn on_event(&self, event: Event) {
        match event {
            Event::Changed { document_id, .. } => {
                self.state.library().received_live(&document_id);
                self.state.changed();
            }
            Event::Refused { error, .. } | Event::RelayRefused(error) => {
                self.state.notify(NoticeLevel::Error, error.message().to_string());
            }
            Event::Fetched(_) | Event::Unavailable { .. } | Event::Connected => {}
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
        let live = self.live.get();
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
            ConnectionStatus::Connected if live.is_empty() => "connecté au relais".to_string(),
            ConnectionStatus::Connected => "synchronisé".to_string(),
            other if pending => format!("{} — modifications en attente", other.label()),
            other => other.label().to_string(),
        })
    }
}
