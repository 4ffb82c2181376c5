//! Content the app ships: the demonstration intercommunality and the
//! starter templates.

pub mod demo;
pub mod starter;
