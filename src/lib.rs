//! Gouvernail: steer a collectivité's digital strategy, local-first.
//!
//! See ARCHITECTURE.md for the bird's-eye view. `model` is the domain (plain
//! Rust), `storage` keeps documents in browser storage, `sync` (browser only)
//! carries live sync over a WebSocket to a relay, `ui` (browser only)
//! renders snapshots and sends commands.

pub mod model;
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod sync;
#[cfg(target_arch = "wasm32")]
pub mod ui;
