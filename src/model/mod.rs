//! The domain: Gouvernail's documents, the commands that edit them, and the
//! computations the screens show (status of an indicator, budget execution…).
//!
//! Plain Rust, tested natively: nothing here imports leptos, web-sys, gloo or
//! wasm-bindgen, and nothing reads a clock or the browser (DESIGN.md,
//! invariants 4 and 5; guarded by `tests/architecture.rs`). Time and author come in
//! from the caller with each command.

pub mod adoption;
pub mod analysis;
pub mod cached_read;
pub mod command;
pub mod demo;
pub mod document;
pub mod error;
pub mod fields;
pub mod format;
pub mod markdown;
pub mod maturity;
pub mod measurements;
pub mod meta;
pub mod period;
pub mod referential;
pub mod roadmap;
pub mod rollup;
pub mod share;
mod sparse;
pub mod spreadsheet;
pub mod starter;
pub mod status;
pub mod template;
pub mod workspace;

pub use command::{ChangeContext, Collection, Command, Entity};
pub use document::{new_actor, new_id, Document, HistoryEntry, MergeSummary};
pub use error::{Error, ErrorKind, Result};
pub use meta::{DocKind, Meta, SCHEMA_VERSION};
pub use period::{Date, Frequency, Period};
