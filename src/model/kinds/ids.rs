//! Identities shared by the three document kinds: the id of an entity or a
//! document (a UUID as text), and where an item adopted from a template came from.

use crate::model::kinds::fields::uint;
use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};

/// The id of an entity or a document: a UUID v4 as text (invariant 2).
pub type Id = String;

/// A fresh random id for a new entity or document.
pub fn new_id() -> Id {
    uuid::Uuid::new_v4().to_string()
}

/// Where an item adopted from a template came from (see `template`).
#[derive(Debug, Clone, PartialEq, Default, Hydrate, Reconcile, Serialize, Deserialize)]
pub struct Origin {
    pub template_id: Id,
    pub item_id: Id,
    /// The template version adopted (or last pulled).
    #[autosurgeon(with = "uint")]
    pub version: u64,
}
