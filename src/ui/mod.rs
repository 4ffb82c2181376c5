//! The Leptos user interface (browser only).
//!
//! Thin by design: pages read snapshots from [`state::AppState`] and send
//! [`crate::model::Command`]s through it; they never touch Automerge or
//! storage. `components/` holds reusable pieces, `pages/` one file per screen.

mod app;
pub mod components;
pub mod lazy;
pub mod live_sync;
pub mod offline;
pub mod pages;
pub mod screens;
pub mod state;
pub mod timing;

pub use app::App;
