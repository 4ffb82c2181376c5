//! What a workspace remembers of each template it adopted: the version and,
//! per item, the JSON adopted — the base of the three-way merge that pulls a
//! template's updates (`exchange::adoption`).

use crate::model::kinds::fields::{int, text, uint};
use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What the workspace remembers of an adopted template.
#[derive(Debug, Clone, PartialEq, Default, Hydrate, Reconcile, Serialize, Deserialize)]
pub struct Adoption {
    #[autosurgeon(with = "text")]
    pub template_title: String,
    #[autosurgeon(with = "uint")]
    pub version: u64,
    #[autosurgeon(with = "int")]
    pub adopted_at: i64,
    /// Item key (`indicators/<id>`) → JSON of the item as last adopted.
    #[autosurgeon(missing = "Default::default")]
    pub base: BTreeMap<String, String>,
}
