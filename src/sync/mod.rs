//! Live sync in the browser: the WebSocket transport that drives the
//! protocol core of `model::exchange::relay` (browser only).
//!
//! `connection` opens the socket, hands every frame to the session and
//! sends what it answers, reconnects with backoff, and tells the app what
//! happened through [`connection::Host`]; `key_check` asks the relay over
//! HTTP why a socket could not open (a browser is never told).

pub mod connection;
pub mod key_check;
