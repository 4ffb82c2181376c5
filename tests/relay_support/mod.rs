//! What the native live-sync tests need around the protocol core: the real
//! relay (`relay/relay.mjs`, started per test on a free port with its own
//! data folder, stopped even when the test fails), a native WebSocket
//! transport (tungstenite) driving a `Session`, and a JavaScript
//! automerge-repo client (`relay/peer.mjs`) playing another app.
//!
//! Nothing here sleeps and hopes: every wait is for a condition, with a
//! deadline that fails the test with what was awaited.
#![allow(dead_code)]

use gouvernail::model::exchange::relay::session::{Disconnection, Event, Output, Session};
use gouvernail::model::Document;
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message as WsMessage, WebSocket};

pub const KEY: &str = "clé-de-test-15";
/// Long enough for a loaded 2-core machine, short enough to fail fast.
pub const DEADLINE: Duration = Duration::from_secs(20);

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn relay_ready() {
    assert!(
        repo_root().join("relay/node_modules/@automerge/automerge-repo").is_dir(),
        "the relay's npm packages are missing: run `bash scripts/setup.sh` (or `bash scripts/relay.sh --install`)"
    );
}

/// The real relay, in a child process that dies with this one.
pub struct Relay {
    child: Option<Child>,
    pub port: u16,
    data: tempfile::TempDir,
}

impl Relay {
    pub fn start() -> Relay {
        relay_ready();
        let data = tempfile::tempdir().expect("a temporary data folder");
        let (child, port) = spawn_relay(0, data.path());
        Relay { child: Some(child), port, data }
    }

    /// The address with the right key.
    pub fn url(&self) -> String {
        self.url_with_key(Some(KEY))
    }

    pub fn url_with_key(&self, key: Option<&str>) -> String {
        match key {
            Some(key) => format!("ws://127.0.0.1:{}/?key={}", self.port, percent(key)),
            None => format!("ws://127.0.0.1:{}/", self.port),
        }
    }

    /// Stops the relay (SIGTERM: it saves what it holds, as a restart would).
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = Command::new("kill").arg("-TERM").arg(child.id().to_string()).status();
            let deadline = Instant::now() + DEADLINE;
            while child.try_wait().ok().flatten().is_none() && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(10));
            }
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Starts it again on the same port with the same data.
    pub fn restart(&mut self) {
        self.stop();
        let (child, port) = spawn_relay(self.port, self.data.path());
        assert_eq!(port, self.port);
        self.child = Some(child);
    }

    /// Starts it again on the same port with its data folder emptied (a
    /// relay restored without its documents).
    pub fn restart_empty(&mut self) {
        self.stop();
        std::fs::remove_dir_all(self.data.path()).expect("empty the data folder");
        std::fs::create_dir(self.data.path()).unwrap();
        let (child, port) = spawn_relay(self.port, self.data.path());
        assert_eq!(port, self.port);
        self.child = Some(child);
    }

    pub fn data_dir(&self) -> &Path {
        self.data.path()
    }
}

impl Drop for Relay {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

fn spawn_relay(port: u16, data: &Path) -> (Child, u16) {
    let mut child = Command::new("node")
        .arg(repo_root().join("relay/relay.mjs"))
        .env("PORT", port.to_string())
        .env("HOST", "127.0.0.1")
        .env("DATA_DIR", data)
        .env("RELAY_KEY", KEY)
        .env("RELAY_STOP_ON_STDIN_END", "1")
        .env("DEBUG", std::env::var("RELAY_DEBUG").unwrap_or_default())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("node runs relay/relay.mjs");
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    // The relay prints its address once listening; nothing is tried before.
    stdout.read_line(&mut line).expect("the relay's first line");
    // Whatever it prints later is passed on (a closed pipe would kill it).
    std::thread::spawn(move || {
        for line in stdout.lines().map_while(Result::ok) {
            eprintln!("[relay] {line}");
        }
    });
    let port = line
        .rsplit(':')
        .next()
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("the relay did not start: {line:?}"));
    (child, port)
}

fn percent(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

type Socket = WebSocket<MaybeTlsStream<TcpStream>>;

/// How a connection attempt ended, as a transport sees it.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    Status(u16),
    Unreachable,
}

/// Opens a WebSocket; an HTTP refusal of the upgrade gives its status.
pub fn open_socket(url: &str) -> Result<Socket, Refusal> {
    match tungstenite::connect(url) {
        Ok((socket, _)) => {
            if let MaybeTlsStream::Plain(stream) = socket.get_ref() {
                stream.set_read_timeout(Some(Duration::from_millis(2))).unwrap();
                stream.set_nodelay(true).unwrap();
            }
            Ok(socket)
        }
        Err(tungstenite::Error::Http(response)) => Err(Refusal::Status(response.status().as_u16())),
        Err(_) => Err(Refusal::Unreachable),
    }
}

/// Gouvernail's sync core over a native WebSocket, with its documents.
pub struct Client {
    socket: Option<Socket>,
    pub session: Session,
    pub docs: BTreeMap<String, Document>,
    pub events: Vec<Event>,
    pub frames_sent: usize,
    pub bytes_sent: usize,
    pub bytes_received: usize,
    /// When set, frames received are counted but not handed to the session
    /// (a connection cut in the middle of a sync loses what was in flight).
    pub deaf: bool,
}

impl Client {
    pub fn new(name: &str) -> Client {
        Client {
            socket: None,
            session: Session::new(format!("{name}-{}", gouvernail::model::new_id())),
            docs: BTreeMap::new(),
            events: Vec::new(),
            frames_sent: 0,
            bytes_sent: 0,
            bytes_received: 0,
            deaf: false,
        }
    }

    /// Connects and waits until the relay accepted us.
    pub fn connect(&mut self, url: &str) {
        self.try_connect(url).unwrap_or_else(|refusal| panic!("could not connect: {refusal:?}"));
    }

    pub fn try_connect(&mut self, url: &str) -> Result<(), Refusal> {
        match open_socket(url) {
            Ok(socket) => {
                self.socket = Some(socket);
                let out = self.session.connected();
                self.handle(out);
                self.wait_until("the relay's `peer`", |c| c.session.is_ready());
                Ok(())
            }
            Err(refusal) => {
                self.session.disconnected(match refusal {
                    Refusal::Status(401 | 403) => Disconnection::KeyRefused,
                    _ => Disconnection::Unreachable,
                });
                Err(refusal)
            }
        }
    }

    /// Drops the socket without a word, as a cut network does.
    pub fn cut(&mut self) {
        self.socket = None;
        self.session.disconnected(Disconnection::Connecting);
    }

    pub fn is_connected(&self) -> bool {
        self.socket.is_some()
    }

    /// Sends an output's frames and keeps its events.
    pub fn handle(&mut self, out: Output) {
        for frame in out.frames {
            self.send_raw(frame);
        }
        for event in out.events {
            self.on_event(event);
        }
    }

    pub fn send_raw(&mut self, frame: Vec<u8>) {
        let Some(socket) = self.socket.as_mut() else { return };
        self.frames_sent += 1;
        self.bytes_sent += frame.len();
        if socket.send(WsMessage::Binary(frame.into())).is_err() {
            self.cut();
        }
    }

    /// Keeps a fetched document (with this device's actor, as the app
    /// does) and a copy of it in the event, for the test to look at.
    fn on_event(&mut self, event: Event) {
        if let Event::Fetched(mut document) = event {
            document.set_actor(&gouvernail::model::new_actor());
            let copy = document.fork();
            self.docs.insert(document.id().to_string(), *document);
            self.events.push(Event::Fetched(Box::new(copy)));
        } else {
            self.events.push(event);
        }
    }

    /// Reads and handles every frame already arrived.
    pub fn poll(&mut self) {
        loop {
            let Some(socket) = self.socket.as_mut() else { return };
            match socket.read() {
                Ok(WsMessage::Binary(frame)) => {
                    self.bytes_received += frame.len();
                    if !self.deaf {
                        let out = self.session.receive(&frame, &mut self.docs);
                        self.handle(out);
                    }
                }
                Ok(_) => {}
                Err(tungstenite::Error::Io(e))
                    if matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) =>
                {
                    return
                }
                Err(_) => {
                    self.cut();
                    return;
                }
            }
        }
    }

    /// Polls until `done` holds, failing the test after [`DEADLINE`].
    pub fn wait_until(&mut self, what: &str, mut done: impl FnMut(&mut Client) -> bool) {
        let deadline = Instant::now() + DEADLINE;
        while !done(self) {
            assert!(Instant::now() < deadline, "waited {DEADLINE:?} for {what}; events: {:?}", self.events);
            self.poll();
        }
    }

    /// Starts following a document this client holds.
    pub fn follow(&mut self, id: &str) {
        let document = self.docs.get_mut(id).expect("a document held here");
        let out = self.session.follow(document).expect("a relay id");
        self.handle(out);
    }

    /// Adds a document and follows it.
    pub fn share(&mut self, document: Document) -> String {
        let id = document.id().to_string();
        self.docs.insert(id.clone(), document);
        self.follow(&id);
        id
    }

    /// Asks the relay for a document by its Gouvernail id.
    pub fn fetch(&mut self, document_id: &str) {
        let relay_id = gouvernail::model::exchange::relay::document_id::RelayDocumentId::from_document_id(document_id);
        let out = self.session.fetch(relay_id.expect("a UUID id"));
        self.handle(out);
    }

    /// Edits a document here, then tells the session.
    pub fn edit(&mut self, id: &str, edit: impl FnOnce(&mut Document)) {
        let document = self.docs.get_mut(id).expect("a document held here");
        edit(document);
        let out = self.session.local_change(document);
        self.handle(out);
    }

    /// Waits until the relay acknowledged everything this client has.
    pub fn wait_synced(&mut self, id: &str) {
        use gouvernail::model::exchange::relay::status::DocumentStatus;
        let id = id.to_string();
        self.wait_until("synchronisé", |c| {
            c.session.document_status(&id, &mut c.docs) == Some(DocumentStatus::Synced)
        });
    }

    pub fn take_events(&mut self) -> Vec<Event> {
        std::mem::take(&mut self.events)
    }
}

/// `relay/peer.mjs`: a JavaScript automerge-repo client, driven line by line.
pub struct JsPeer {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl JsPeer {
    pub fn start(url: &str) -> JsPeer {
        relay_ready();
        let mut child = Command::new("node")
            .arg(repo_root().join("relay/peer.mjs"))
            .arg(url)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("node runs relay/peer.mjs");
        let stdin = child.stdin.take().unwrap();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        let mut peer = JsPeer { child, stdin, stdout };
        let ready = peer.read_answer();
        assert_eq!(ready["ready"], true, "the JS peer did not start: {ready}");
        peer
    }

    fn read_answer(&mut self) -> Value {
        let mut line = String::new();
        self.stdout.read_line(&mut line).expect("an answer from the JS peer");
        serde_json::from_str(&line).unwrap_or_else(|_| panic!("the JS peer said {line:?}"))
    }

    /// Sends a command; returns the answer, `Err` with the JS error if it failed.
    pub fn ask(&mut self, command: Value) -> Result<Value, String> {
        self.send(command);
        self.answer()
    }

    /// Sends a command without waiting for its answer (read it with [`JsPeer::answer`]).
    pub fn send(&mut self, command: Value) {
        writeln!(self.stdin, "{command}").unwrap();
    }

    /// The answer to the oldest command not answered yet.
    pub fn answer(&mut self) -> Result<Value, String> {
        let answer = self.read_answer();
        if answer["ok"] == true {
            Ok(answer)
        } else {
            Err(answer["error"].as_str().unwrap_or("?").to_string())
        }
    }
}

impl Drop for JsPeer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
