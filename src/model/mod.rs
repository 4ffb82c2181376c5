//! The domain: Gouvernail's documents, the commands that edit them, and the
//! computations the screens show (status of an indicator, budget execution…).
//!
//! Plain Rust, tested natively: nothing here imports leptos, web-sys, gloo or
//! wasm-bindgen, and nothing reads a clock or the browser (DESIGN.md,
//! invariants 4 and 5; guarded by `tests/architecture.rs`). Time and author come in
//! from the caller with each command.

pub mod analysis;
pub mod command;
pub mod content;
pub mod document;
pub mod error;
pub mod exchange;
pub mod kinds;
pub mod values;

// The names the UI, storage and tests use most; code inside `src/model`
// imports from the defining module instead (`tests/architecture.rs`).
pub use command::{ChangeContext, Collection, Command, Entity};
pub use document::core::{new_actor, Document};
pub use document::diff::MergeSummary;
pub use document::history::HistoryEntry;
pub use error::{Error, ErrorKind, Result};
pub use kinds::ids::new_id;
pub use kinds::meta::{DocKind, Meta, SCHEMA_VERSION};
pub use values::period::{Date, Frequency, Period};
