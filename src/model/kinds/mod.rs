//! The three kinds of document as plain Rust types (DESIGN.md, « Documents »):
//! the `Workspace` of one collectivité with its entities, the shared
//! `Roadmap`, the `Template`; the header every document carries (`meta`),
//! and how their fields read from Automerge (`fields`, `measurements`).
//! autosurgeon `Hydrate` structs (entities also `Reconcile`): no logic but
//! validation of what a user types.

pub mod adoption;
pub mod capacity;
pub mod collectivity;
pub mod fields;
pub mod finances;
pub mod ids;
pub mod indicator;
pub mod measurements;
pub mod meta;
pub mod roadmap;
pub mod strategy;
pub mod template;
pub mod texts;
pub mod workspace;
