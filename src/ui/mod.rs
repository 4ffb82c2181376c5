//! The Leptos user interface (browser only): thin, it sends commands and
//! renders snapshots.

pub mod state;
