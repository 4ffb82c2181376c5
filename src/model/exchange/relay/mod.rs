//! Live sync through a relay speaking automerge-repo's network protocol,
//! version "1" (the stock automerge-repo sync server): plain Rust, no I/O.
//!
//! * `document_id` — a document's relay id, bs58check of its UUID;
//! * `address` — the relay's address and access key, checked once;
//! * `message` and `decode` — the wire messages (one CBOR map a WebSocket
//!   binary frame) and their defensive decoder;
//! * `session` — the state machine: it takes the frames received and what
//!   the user does, and returns the frames to send and what happened;
//! * `status` — what the user is told, per document and for the relay;
//! * `backoff` — when to try reconnecting;
//! * `link` — a live-sync link: the relay's address and a document's id, never the key.
//!
//! The transport (a browser WebSocket in `src/sync`, a native one in the
//! tests) is elsewhere; Automerge's side is `document::sync`.

pub mod address;
pub mod backoff;
pub mod decode;
pub mod document_id;
pub mod link;
pub mod message;
pub mod session;
pub mod status;
