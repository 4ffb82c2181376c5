//! The header every Gouvernail document carries at its root, under `meta`.
//!
//! `meta.id` is the document's identity: two byte blobs with the same id come
//! from the same genesis and can be merged; different ids never are.

use crate::model::kinds::fields::{int, text, uint};
use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};

/// The schema this version writes. Bump it when a change is not backward
/// compatible; adding a field with a default is compatible and needs no bump.
///
/// 2: a measurement is stored as its number, its comment in a sparse map
/// (`model::measurements`); schema 1 documents are still read, and raised to
/// 2 by the first value recorded in them.
pub const SCHEMA_VERSION: u64 = 2;

/// The three kinds of document (see DESIGN.md, "Documents").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Hydrate, Reconcile, Serialize, Deserialize)]
pub enum DocKind {
    #[default]
    Workspace,
    Roadmap,
    Template,
}

impl DocKind {
    pub fn label(self) -> &'static str {
        match self {
            DocKind::Workspace => "Espace de travail",
            DocKind::Roadmap => "Feuille de route partagée",
            DocKind::Template => "Modèle",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default, Hydrate, Reconcile, Serialize, Deserialize)]
pub struct Meta {
    pub id: String,
    pub kind: DocKind,
    #[autosurgeon(with = "uint")]
    pub schema_version: u64,
    #[autosurgeon(with = "text")]
    pub title: String,
    /// Who created the document (a person and a collectivité, free text).
    #[autosurgeon(with = "text")]
    pub created_by: String,
    /// Creation time, Unix milliseconds, as given by the caller.
    #[autosurgeon(with = "int")]
    pub created_at: i64,
    /// Set on the demo workspace so the UI can label it and remove it in one click.
    #[autosurgeon(missing = "Default::default")]
    pub demo: bool,
}
