//! [`RelayConnection`]: one WebSocket to the relay, driving a
//! [`Session`]. It owns the socket and the retry timer; the documents stay
//! with the app, which lends them through [`Host::with_replicas`] and hears
//! what happened through [`Host::on_events`] and [`Host::on_status`].
//!
//! * the socket opens with the key in the address (`?key=`); on open the
//!   session joins; every binary frame goes to the session, every frame it
//!   answers goes out, in order;
//! * a socket that closes or never opens is retried with backoff
//!   (`model::exchange::relay::backoff`), at once when the browser comes
//!   back online; when the browser says it went offline the socket is
//!   closed at once (it would otherwise linger, silently, for minutes) and
//!   the next attempt waits for `online`; a refused key is not retried (it will not fix itself:
//!   the person must change it, which starts a new connection);
//! * callbacks of an older socket are ignored (each socket has a number);
//! * events go to the host after the connection's own state is released, so
//!   the host may call back (follow a fetched document, send an edit).

use crate::model::document::core::Document;
use crate::model::error::Result;
use crate::model::exchange::relay::address::RelayAddress;
use crate::model::exchange::relay::backoff::Backoff;
use crate::model::exchange::relay::document_id::RelayDocumentId;
use crate::model::exchange::relay::session::{new_peer_id, Disconnection, Event, Output, Replicas, Session};
use crate::model::exchange::relay::status::ConnectionStatus;
use gloo_timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{BinaryType, CloseEvent, MessageEvent, WebSocket};

/// What the app provides to a live-sync connection.
pub trait Host {
    /// Runs `f` with the documents being synchronised (the app's library).
    fn with_replicas(&self, f: &mut dyn FnMut(&mut dyn Replicas));
    /// What happened: changes merged, a document fetched, refused… The host
    /// saves what changed and refreshes what shows it.
    fn on_events(&self, events: Vec<Event>);
    /// The connection's state changed (for the header).
    fn on_status(&self, status: ConnectionStatus);
    /// A frame came or went: documents' statuses may have changed (the relay
    /// acknowledged changes…) without any event.
    fn on_progress(&self) {}
}

/// A live-sync connection to one relay. Cloning shares it.
#[derive(Clone)]
pub struct RelayConnection {
    inner: Rc<RefCell<Inner>>,
}

struct Inner {
    address: RelayAddress,
    session: Session,
    host: Rc<dyn Host>,
    backoff: Backoff,
    /// The number of the current socket; callbacks of older ones are ignored.
    generation: u32,
    socket: Option<Socket>,
    retry: Option<Timeout>,
    online_listener: Option<gloo_events::EventListener>,
    offline_listener: Option<gloo_events::EventListener>,
    stopped: bool,
}

/// A socket and the callbacks it holds (dropped with it).
struct Socket {
    ws: WebSocket,
    opened: bool,
    _on_open: Closure<dyn FnMut()>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_close: Closure<dyn FnMut(CloseEvent)>,
}

impl Drop for Socket {
    fn drop(&mut self) {
        self.ws.set_onopen(None);
        self.ws.set_onmessage(None);
        self.ws.set_onclose(None);
        let _ = self.ws.close();
    }
}

impl RelayConnection {
    /// Connects to the relay (now, and again whenever the connection drops).
    pub fn start(address: RelayAddress, host: Rc<dyn Host>) -> RelayConnection {
        let inner = Inner {
            address,
            session: Session::new(new_peer_id()),
            host,
            backoff: Backoff::new(),
            generation: 0,
            socket: None,
            retry: None,
            online_listener: None,
            offline_listener: None,
            stopped: false,
        };
        let connection = RelayConnection { inner: Rc::new(RefCell::new(inner)) };
        let weak = Rc::downgrade(&connection.inner);
        if let Some(window) = web_sys::window() {
            let listener = gloo_events::EventListener::new(&window, "online", move |_| {
                if let Some(inner) = weak.upgrade() {
                    let failed = !inner.borrow().session.is_ready();
                    if failed {
                        open(&inner);
                    }
                }
            });
            let weak = Rc::downgrade(&connection.inner);
            let offline = gloo_events::EventListener::new(&window, "offline", move |_| {
                if let Some(inner) = weak.upgrade() {
                    went_offline(&inner);
                }
            });
            let mut inner = connection.inner.borrow_mut();
            inner.online_listener = Some(listener);
            inner.offline_listener = Some(offline);
        }
        open(&connection.inner);
        connection
    }

    /// Follows a document the app holds (live sync turned on for it).
    pub fn follow(&self, document: &mut Document) -> Result<()> {
        let out = self.inner.borrow_mut().session.follow(document)?;
        deliver(&self.inner, out);
        Ok(())
    }

    /// Asks the relay for a document (a link to it was opened).
    pub fn fetch(&self, relay_id: RelayDocumentId) {
        let out = self.inner.borrow_mut().session.fetch(relay_id);
        deliver(&self.inner, out);
    }

    /// Live sync turned off for a document.
    pub fn unfollow(&self, document_id: &str) {
        self.inner.borrow_mut().session.unfollow(document_id);
    }

    /// A followed document changed here.
    pub fn local_change(&self, document: &mut Document) {
        let out = self.inner.borrow_mut().session.local_change(document);
        deliver(&self.inner, out);
        let host = self.inner.borrow().host.clone();
        host.on_progress();
    }

    pub fn status(&self) -> ConnectionStatus {
        self.inner.borrow().session.connection_status()
    }

    /// Reads the session (statuses of documents, what is followed).
    pub fn with_session<T>(&self, f: impl FnOnce(&Session) -> T) -> T {
        f(&self.inner.borrow().session)
    }

    /// Closes the connection for good (settings changed, live sync off).
    pub fn stop(&self) {
        let mut inner = self.inner.borrow_mut();
        inner.stopped = true;
        inner.retry = None;
        inner.socket = None;
        inner.online_listener = None;
        inner.offline_listener = None;
    }
}

/// The browser lost its network: close the socket now and wait for `online`.
fn went_offline(inner_rc: &Rc<RefCell<Inner>>) {
    let mut inner = inner_rc.borrow_mut();
    if inner.stopped {
        return;
    }
    inner.generation += 1;
    inner.socket = None;
    inner.retry = None;
    inner.session.disconnected(Disconnection::Offline);
    let status = inner.session.connection_status();
    let host = inner.host.clone();
    drop(inner);
    host.on_status(status);
}

/// Opens a new socket (the previous one, if any, is dropped).
fn open(inner_rc: &Rc<RefCell<Inner>>) {
    let mut inner = inner_rc.borrow_mut();
    if inner.stopped {
        return;
    }
    inner.retry = None;
    inner.socket = None;
    inner.generation += 1;
    let generation = inner.generation;
    let ws = match WebSocket::new(&inner.address.connection_url()) {
        Ok(ws) => ws,
        Err(_) => {
            drop(inner);
            failed(inner_rc, generation, Disconnection::Unreachable);
            return;
        }
    };
    ws.set_binary_type(BinaryType::Arraybuffer);
    let weak = Rc::downgrade(inner_rc);
    let on_open = Closure::<dyn FnMut()>::new({
        let weak = weak.clone();
        move || on_open(&weak, generation)
    });
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new({
        let weak = weak.clone();
        move |event: MessageEvent| on_message(&weak, generation, event)
    });
    let on_close = Closure::<dyn FnMut(CloseEvent)>::new(move |_: CloseEvent| on_close(&weak, generation));
    ws.set_onopen(Some(on_open.as_ref().unchecked_ref()));
    ws.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    ws.set_onclose(Some(on_close.as_ref().unchecked_ref()));
    inner.socket = Some(Socket { ws, opened: false, _on_open: on_open, _on_message: on_message, _on_close: on_close });
    let host = inner.host.clone();
    drop(inner);
    host.on_status(ConnectionStatus::Connecting);
}

/// The current socket's `Inner`, if `generation` is still the current one.
fn current(weak: &Weak<RefCell<Inner>>, generation: u32) -> Option<Rc<RefCell<Inner>>> {
    let inner = weak.upgrade()?;
    let is_current = inner.borrow().generation == generation;
    is_current.then_some(inner)
}

fn on_open(weak: &Weak<RefCell<Inner>>, generation: u32) {
    let Some(inner) = current(weak, generation) else { return };
    let out = {
        let mut state = inner.borrow_mut();
        if let Some(socket) = state.socket.as_mut() {
            socket.opened = true;
        }
        state.session.connected()
    };
    deliver(&inner, out);
}

fn on_message(weak: &Weak<RefCell<Inner>>, generation: u32, event: MessageEvent) {
    let Some(inner) = current(weak, generation) else { return };
    // Text frames are not part of the protocol.
    let Ok(buffer) = event.data().dyn_into::<js_sys::ArrayBuffer>() else { return };
    let frame = js_sys::Uint8Array::new(&buffer).to_vec();
    let host = inner.borrow().host.clone();
    let mut out = Output::default();
    host.with_replicas(&mut |replicas| {
        out = inner.borrow_mut().session.receive(&frame, replicas);
    });
    if out.events.iter().any(|e| matches!(e, Event::Connected)) {
        inner.borrow_mut().backoff.reset();
        host.on_status(ConnectionStatus::Connected);
    }
    deliver(&inner, out);
    host.on_progress();
}

fn on_close(weak: &Weak<RefCell<Inner>>, generation: u32) {
    let Some(inner) = current(weak, generation) else { return };
    let opened = inner.borrow().socket.as_ref().is_some_and(|s| s.opened);
    inner.borrow_mut().socket = None;
    if opened {
        // It worked, then dropped (relay restarted, network cut): retry.
        failed(&inner, generation, Disconnection::Connecting);
        return;
    }
    // It never opened: ask the relay why before telling the person.
    let address = inner.borrow().address.clone();
    let weak = weak.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let why = crate::sync::key_check::diagnose(&address).await;
        if let Some(inner) = current(&weak, generation) {
            failed(&inner, generation, why);
        }
    });
}

/// Records a failed or dropped connection and schedules the next attempt.
fn failed(inner_rc: &Rc<RefCell<Inner>>, generation: u32, why: Disconnection) {
    let mut inner = inner_rc.borrow_mut();
    inner.session.disconnected(why);
    let status = inner.session.connection_status();
    if why != Disconnection::KeyRefused && !inner.stopped {
        let delay = inner.backoff.next_delay_ms(js_sys::Math::random());
        let weak = Rc::downgrade(inner_rc);
        inner.retry = Some(Timeout::new(delay, move || {
            if let Some(inner) = current(&weak, generation) {
                open(&inner);
            }
        }));
    }
    let host = inner.host.clone();
    drop(inner);
    host.on_status(status);
}

/// Sends an output's frames on the current socket, then hands its events to the host.
fn deliver(inner_rc: &Rc<RefCell<Inner>>, out: Output) {
    let host = {
        let inner = inner_rc.borrow();
        if let Some(socket) = inner.socket.as_ref().filter(|s| s.opened) {
            for frame in &out.frames {
                // A send on a closing socket fails; its close event follows and retries.
                let _ = socket.ws.send_with_u8_array(frame);
            }
        }
        inner.host.clone()
    };
    if !out.events.is_empty() {
        host.on_events(out.events);
    }
}
