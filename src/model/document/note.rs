//! The note recorded on every change: author and message as JSON, so any
//! Automerge implementation can read who changed what (invariant 4).

use crate::model::command::ChangeContext;
use serde::{Deserialize, Serialize};

/// The commit message stored on each change: author and message as JSON, so
/// any Automerge implementation can read it back.
#[derive(Serialize, Deserialize)]
struct CommitNote {
    author: String,
    message: String,
}

/// The commit message of a change made in `ctx`.
pub fn write_note(ctx: &ChangeContext) -> String {
    let note = CommitNote { author: ctx.author.clone(), message: ctx.message.clone() };
    serde_json::to_string(&note).unwrap_or_else(|_| ctx.message.clone())
}

/// Splits a commit message into (author, message); foreign messages are kept whole.
pub fn parse_note(message: Option<&str>) -> (String, String) {
    match message {
        None => (String::new(), String::new()),
        Some(text) => match serde_json::from_str::<CommitNote>(text) {
            Ok(note) => (note.author, note.message),
            Err(_) => (String::new(), text.to_string()),
        },
    }
}
