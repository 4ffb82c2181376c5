//! One live-sync session with a relay: the protocol's state machine, with
//! no I/O. The transport tells it when the socket opens or closes and hands
//! it each frame received; the app tells it which documents to follow and
//! when one changed here. Each call returns an [`Output`]: the frames to
//! send, in order, and what happened ([`Event`]).
//!
//! The protocol, as the stock relay (automerge-repo 2.5, announce policy
//! off) expects it:
//! * on a new socket, `join`; the relay answers `peer` (or `error`, then closes);
//! * then, for each document followed, `sync` if we have it (pushing it *is*
//!   how the relay learns of it), `request` if we are asking for it;
//! * every `sync`/`request` received is applied, and answered with our next
//!   sync message when Automerge has one;
//! * a `request` for a document we do not have is answered
//!   `doc-unavailable` at once: the relay would otherwise keep every other
//!   client asking for it waiting up to a minute;
//! * `doc-unavailable` for a document we asked for means the relay has
//!   never had it; it is asked again at the next connection, and arrives
//!   anyway if someone pushes it meanwhile (the relay fans it out to us);
//! * everything else (`ephemeral`, `remote-*`, unknown types) is ignored,
//!   and a frame that does not decode is reported and changes nothing.
//!
//! The documents themselves stay with the caller (its library), reached
//! through [`Replicas`]; the session keeps one sync state per document.

use crate::model::document::core::Document;
use crate::model::document::diff::MergeSummary;
use crate::model::document::sync::{IncomingReplica, SyncProgress, SyncState};
use crate::model::error::{Error, ErrorKind, Result};
use crate::model::exchange::relay::decode::decode;
use crate::model::exchange::relay::document_id::RelayDocumentId;
use crate::model::exchange::relay::message::{DocumentMessage, Message, PROTOCOL_VERSION};
use crate::model::exchange::relay::status::{ConnectionStatus, DocumentStatus};
use crate::model::kinds::ids::new_id;
use std::collections::{BTreeMap, HashMap};

/// Where the session finds the documents it follows, by Gouvernail id
/// (`meta.id`): the app's library, or a map in tests.
pub trait Replicas {
    fn replica(&mut self, document_id: &str) -> Option<&mut Document>;
}

impl Replicas for BTreeMap<String, Document> {
    fn replica(&mut self, document_id: &str) -> Option<&mut Document> {
        self.get_mut(document_id)
    }
}

impl Replicas for HashMap<String, Document> {
    fn replica(&mut self, document_id: &str) -> Option<&mut Document> {
        self.get_mut(document_id)
    }
}

/// What happened, for the app to act on.
#[derive(Debug)]
pub enum Event {
    /// The relay accepted us: documents are synchronised live.
    Connected,
    /// Changes from the relay were merged into a followed document: save it,
    /// refresh what shows it.
    Changed { document_id: String, summary: MergeSummary },
    /// A document asked of the relay arrived, checked like an import. The
    /// caller sets this device's actor, keeps it where [`Replicas`] finds it,
    /// and saves it; it is followed live from now on.
    Fetched(Box<Document>),
    /// The relay does not have a document we asked for.
    Unavailable { document_id: String },
    /// What the relay sent for a document was refused: nothing changed
    /// here, and live sync stopped for that document.
    Refused { document_id: String, error: Error },
    /// The relay refused the session (`error` message; it closes the socket).
    RelayRefused(Error),
    /// A frame that could not be read or did not fit: ignored, nothing changed.
    Ignored(Error),
}

/// The frames to send (in order) and the events of one step.
#[derive(Debug, Default)]
pub struct Output {
    pub frames: Vec<Vec<u8>>,
    pub events: Vec<Event>,
}

impl Output {
    fn send(&mut self, message: Message) {
        self.frames.push(message.encode());
    }
}

/// Why the session is not connected, as the transport saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disconnection {
    /// Not connected yet, or the socket closed and a retry is coming.
    Connecting,
    /// The device has no network.
    Offline,
    /// The relay did not answer.
    Unreachable,
    /// The relay refused the key (HTTP 401 or 403).
    KeyRefused,
}

#[derive(Debug)]
enum Connection {
    Down(Disconnection),
    /// Socket open, `join` sent, waiting for `peer`.
    Joining,
    /// `peer` received from the relay whose peer id this is.
    Ready {
        relay: String,
    },
    /// The relay answered `error`.
    Refused(String),
}

#[derive(Debug)]
enum Phase {
    /// A document we have, synchronised live.
    Live,
    /// Asked of the relay, not complete yet; `unavailable` once the relay said it has none.
    Fetching { replica: Box<IncomingReplica>, unavailable: bool },
    /// What the relay sent was refused; nothing is exchanged any more.
    Refused(Error),
}

#[derive(Debug)]
struct Followed {
    relay_id: RelayDocumentId,
    state: SyncState,
    phase: Phase,
}

/// A live-sync session with one relay.
#[derive(Debug)]
pub struct Session {
    base_peer_id: String,
    /// `base_peer_id` and the connection's number: a new id for each
    /// connection, so the relay never mixes a new socket with the sync state
    /// it kept for the previous one (it forgets that one when it sees it closed).
    peer_id: String,
    connections: u32,
    connection: Connection,
    /// By Gouvernail document id.
    followed: BTreeMap<String, Followed>,
}

/// A fresh base for peer ids, one per session (per tab): the relay closes the
/// older of two sockets that join with the same id, so two tabs must not share one.
pub fn new_peer_id() -> String {
    format!("gouvernail-{}", new_id())
}

impl Session {
    pub fn new(peer_id: impl Into<String>) -> Session {
        let base_peer_id = peer_id.into();
        Session {
            peer_id: base_peer_id.clone(),
            base_peer_id,
            connections: 0,
            connection: Connection::Down(Disconnection::Connecting),
            followed: BTreeMap::new(),
        }
    }

    /// The peer id of the current (or last) connection.
    pub fn peer_id(&self) -> &str {
        &self.peer_id
    }

    /// The relay answered `peer`: messages about documents flow.
    pub fn is_ready(&self) -> bool {
        matches!(self.connection, Connection::Ready { .. })
    }

    pub fn connection_status(&self) -> ConnectionStatus {
        match &self.connection {
            Connection::Down(Disconnection::Connecting) | Connection::Joining => ConnectionStatus::Connecting,
            Connection::Down(Disconnection::Offline) => ConnectionStatus::Offline,
            Connection::Down(Disconnection::Unreachable) => ConnectionStatus::Unreachable,
            Connection::Down(Disconnection::KeyRefused) => ConnectionStatus::KeyRefused,
            Connection::Ready { .. } => ConnectionStatus::Connected,
            Connection::Refused(why) => ConnectionStatus::Incompatible(why.clone()),
        }
    }

    /// The socket is open: say who we are.
    pub fn connected(&mut self) -> Output {
        self.connection = Connection::Joining;
        self.connections += 1;
        self.peer_id = format!("{}-{}", self.base_peer_id, self.connections);
        let mut out = Output::default();
        out.send(Message::Join {
            sender_id: self.peer_id.clone(),
            storage_id: None,
            protocol_versions: vec![PROTOCOL_VERSION.to_string()],
        });
        out
    }

    /// The socket closed or could not open. What was in flight is
    /// forgotten; what both sides share is kept, so the next connection
    /// sends only what the relay lacks.
    pub fn disconnected(&mut self, why: Disconnection) {
        if !matches!(self.connection, Connection::Refused(_)) || why != Disconnection::Connecting {
            self.connection = Connection::Down(why);
        }
        for followed in self.followed.values_mut() {
            followed.state.reset_for_reconnection();
        }
    }

    /// Follows a document we have: from now on (or from the next
    /// connection) its changes go to the relay and the relay's come back.
    /// Fails if its id cannot be a relay id.
    pub fn follow(&mut self, document: &mut Document) -> Result<Output> {
        let relay_id = RelayDocumentId::from_document_id(document.id())?;
        let document_id = document.id().to_string();
        let mut out = Output::default();
        let followed = Followed { relay_id, state: SyncState::new(), phase: Phase::Live };
        self.followed.insert(document_id.clone(), followed);
        if let (Connection::Ready { relay }, Some(followed)) = (&self.connection, self.followed.get_mut(&document_id)) {
            push(&mut out, &self.peer_id, relay, followed, document);
        }
        Ok(out)
    }

    /// Asks the relay for a document we do not have (opened from a link).
    /// It arrives as [`Event::Fetched`], or [`Event::Unavailable`].
    pub fn fetch(&mut self, relay_id: RelayDocumentId) -> Output {
        let document_id = relay_id.document_id();
        let mut out = Output::default();
        let phase = Phase::Fetching { replica: Box::default(), unavailable: false };
        self.followed.insert(document_id.clone(), Followed { relay_id, state: SyncState::new(), phase });
        if let (Connection::Ready { relay }, Some(followed)) = (&self.connection, self.followed.get_mut(&document_id)) {
            ask(&mut out, &self.peer_id, relay, followed);
        }
        out
    }

    /// Stops following a document (live sync turned off for it).
    pub fn unfollow(&mut self, document_id: &str) {
        self.followed.remove(document_id);
    }

    /// The Gouvernail ids of the documents followed or asked for.
    pub fn followed(&self) -> impl Iterator<Item = (&str, &RelayDocumentId)> {
        self.followed.iter().map(|(id, followed)| (id.as_str(), &followed.relay_id))
    }

    /// A document changed here (a command): its new changes go out now if
    /// connected, else at the next connection.
    pub fn local_change(&mut self, document: &mut Document) -> Output {
        let mut out = Output::default();
        if let (Connection::Ready { relay }, Some(followed)) = (&self.connection, self.followed.get_mut(document.id()))
        {
            if matches!(followed.phase, Phase::Live) {
                push(&mut out, &self.peer_id, relay, followed, document);
            }
        }
        out
    }

    /// Handles one frame received from the relay.
    pub fn receive(&mut self, frame: &[u8], replicas: &mut (impl Replicas + ?Sized)) -> Output {
        let mut out = Output::default();
        let message = match decode(frame) {
            Ok(message) => message,
            Err(_) => {
                out.events.push(Event::Ignored(Error::new(ErrorKind::RelayProtocol("message mal formé"))));
                return out;
            }
        };
        match message {
            Message::Peer { sender_id, target_id, protocol_version } => {
                self.on_peer(&mut out, sender_id, target_id, protocol_version, replicas)
            }
            Message::Error { message } => {
                let error = Error::new(ErrorKind::RelayIncompatible(message.chars().take(200).collect()));
                self.connection = Connection::Refused(message.chars().take(200).collect());
                out.events.push(Event::RelayRefused(error));
            }
            Message::Request(message) => self.on_sync(&mut out, message, true, replicas),
            Message::Sync(message) => self.on_sync(&mut out, message, false, replicas),
            Message::DocUnavailable { document_id, target_id, .. } => {
                if self.is_for_us(&target_id) {
                    self.on_unavailable(&mut out, &document_id)
                }
            }
            Message::Join { .. } | Message::Ignored { .. } => {}
        }
        out
    }

    fn is_for_us(&self, target_id: &str) -> bool {
        self.is_ready() && target_id == self.peer_id
    }

    fn on_peer(
        &mut self,
        out: &mut Output,
        relay: String,
        target_id: Option<String>,
        protocol_version: Option<String>,
        replicas: &mut (impl Replicas + ?Sized),
    ) {
        if !matches!(self.connection, Connection::Joining) || target_id.is_some_and(|t| t != self.peer_id) {
            return;
        }
        if let Some(version) = protocol_version.filter(|v| v != PROTOCOL_VERSION) {
            let why = format!("version {}", version.chars().take(20).collect::<String>());
            out.events.push(Event::RelayRefused(Error::new(ErrorKind::RelayIncompatible(why.clone()))));
            self.connection = Connection::Refused(why);
            return;
        }
        out.events.push(Event::Connected);
        for (document_id, followed) in &mut self.followed {
            match &followed.phase {
                Phase::Live => {
                    if let Some(document) = replicas.replica(document_id) {
                        push(out, &self.peer_id, &relay, followed, document);
                    }
                }
                Phase::Fetching { .. } => ask(out, &self.peer_id, &relay, followed),
                Phase::Refused(_) => {}
            }
        }
        self.connection = Connection::Ready { relay };
    }

    fn on_sync(
        &mut self,
        out: &mut Output,
        message: DocumentMessage,
        is_request: bool,
        replicas: &mut (impl Replicas + ?Sized),
    ) {
        if !self.is_for_us(&message.target_id) {
            return;
        }
        let Connection::Ready { relay } = &self.connection else { return };
        let Ok(relay_id) = RelayDocumentId::parse(&message.document_id) else {
            out.events.push(Event::Ignored(Error::new(ErrorKind::RelayDocumentId)));
            return;
        };
        let document_id = relay_id.document_id();
        let unavailable = Message::DocUnavailable {
            document_id: message.document_id.clone(),
            sender_id: self.peer_id.clone(),
            target_id: relay.clone(),
        };
        let Some(followed) = self.followed.get_mut(&document_id) else {
            // Not a document we share: say so if asked, so nobody waits on us.
            if is_request {
                out.send(unavailable);
            }
            return;
        };
        match &mut followed.phase {
            Phase::Live => {
                let Some(document) = replicas.replica(&document_id) else {
                    if is_request {
                        out.send(unavailable);
                    }
                    return;
                };
                match document.receive_sync_message(&mut followed.state, &message.data) {
                    Ok(summary) => {
                        if !summary.is_empty() {
                            out.events.push(Event::Changed { document_id: document_id.clone(), summary });
                        }
                        push(out, &self.peer_id, relay, followed, document);
                    }
                    Err(error) if matches!(error.kind, ErrorKind::RelayProtocol(_)) => {
                        out.events.push(Event::Ignored(error))
                    }
                    Err(error) => {
                        followed.phase = Phase::Refused(error.clone());
                        out.events.push(Event::Refused { document_id, error });
                    }
                }
            }
            Phase::Fetching { replica, .. } => {
                if let Err(error) = replica.receive_sync_message(&mut followed.state, &message.data) {
                    out.events.push(Event::Ignored(error));
                    return;
                }
                if is_request && replica.is_empty() {
                    // The relay asks us back for what it does not have either.
                    out.send(unavailable);
                    return;
                }
                if let Some(data) = replica.generate_sync_message(&mut followed.state) {
                    out.send(Message::Sync(document_message(&self.peer_id, relay, &followed.relay_id, data)));
                }
                if replica.is_complete(&followed.state) {
                    let replica = std::mem::take(&mut **replica);
                    match replica.into_document(&document_id) {
                        Ok(document) => {
                            followed.phase = Phase::Live;
                            out.events.push(Event::Fetched(Box::new(document)));
                        }
                        Err(error) => {
                            followed.phase = Phase::Refused(error.clone());
                            out.events.push(Event::Refused { document_id, error });
                        }
                    }
                }
            }
            Phase::Refused(_) => {
                if is_request {
                    out.send(unavailable);
                }
            }
        }
    }

    fn on_unavailable(&mut self, out: &mut Output, relay_document_id: &str) {
        let Ok(relay_id) = RelayDocumentId::parse(relay_document_id) else { return };
        let document_id = relay_id.document_id();
        if let Some(Followed { phase: Phase::Fetching { unavailable, replica }, .. }) =
            self.followed.get_mut(&document_id)
        {
            if replica.is_empty() && !*unavailable {
                *unavailable = true;
                out.events.push(Event::Unavailable { document_id });
            }
        }
    }

    /// What to tell the user about one document, if it is followed.
    pub fn document_status(
        &self,
        document_id: &str,
        replicas: &mut (impl Replicas + ?Sized),
    ) -> Option<DocumentStatus> {
        let followed = self.followed.get(document_id)?;
        let progress = match &followed.phase {
            Phase::Refused(error) => return Some(DocumentStatus::Refused(error.clone())),
            Phase::Fetching { unavailable: true, .. } => return Some(DocumentStatus::NotOnRelay),
            Phase::Fetching { .. } => None,
            Phase::Live => replicas.replica(document_id).map(|document| document.sync_progress(&followed.state)),
        };
        let connection = self.connection_status();
        if connection != ConnectionStatus::Connected {
            let pending = progress == Some(SyncProgress::LocalChangesPending);
            return Some(DocumentStatus::Disconnected { connection, pending });
        }
        Some(match progress {
            None => DocumentStatus::Fetching,
            Some(SyncProgress::InSync) => DocumentStatus::Synced,
            Some(SyncProgress::LocalChangesPending) => DocumentStatus::ChangesPending,
            Some(SyncProgress::Receiving | SyncProgress::Unknown) => DocumentStatus::Syncing,
        })
    }
}

fn document_message(peer_id: &str, relay: &str, relay_id: &RelayDocumentId, data: Vec<u8>) -> DocumentMessage {
    DocumentMessage {
        document_id: relay_id.as_str().to_string(),
        sender_id: peer_id.to_string(),
        target_id: relay.to_string(),
        data,
    }
}

/// Our next sync message for a document we have, if Automerge has one.
fn push(out: &mut Output, peer_id: &str, relay: &str, followed: &mut Followed, document: &mut Document) {
    if let Some(data) = document.generate_sync_message(&mut followed.state) {
        out.send(Message::Sync(document_message(peer_id, relay, &followed.relay_id, data)));
    }
}

/// Asks for a document we do not have: `request` while we have nothing
/// (the relay then answers `doc-unavailable` if it has nothing either),
/// `sync` once part of it arrived.
fn ask(out: &mut Output, peer_id: &str, relay: &str, followed: &mut Followed) {
    let Phase::Fetching { replica, unavailable } = &mut followed.phase else { return };
    *unavailable = false;
    let empty = replica.is_empty();
    if let Some(data) = replica.generate_sync_message(&mut followed.state) {
        let message = document_message(peer_id, relay, &followed.relay_id, data);
        out.send(if empty { Message::Request(message) } else { Message::Sync(message) });
    }
}
