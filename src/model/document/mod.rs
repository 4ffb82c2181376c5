//! [`Document`]: one Gouvernail document over an Automerge `AutoCommit`,
//! and how it lays out what it stores. The only code writing Automerge
//! operations.
//!
//! `core` opens, saves, merges and hydrates a document; `apply` and
//! `cascade` carry out commands; `history`, `records` and `diff` read back
//! what changes did; `note` is the note on each change; `sparse` and
//! `cached_read` are how entities are written and snapshots read fast;
//! `sync` runs Automerge's sync protocol for live sync through a relay.

pub mod apply;
pub mod cached_read;
pub mod cascade;
pub mod core;
pub mod diff;
pub mod history;
pub mod note;
pub mod pieces;
pub mod records;
pub mod sparse;
pub mod sync;
