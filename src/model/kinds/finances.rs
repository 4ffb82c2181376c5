//! The money of the digital strategy: budget lines in the M57 vocabulary
//! (crédits votés, engagés, mandatés), by section.

use crate::model::kinds::fields::{int, number, text};
use crate::model::kinds::ids::Id;
use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};

/// M57 budget sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Hydrate, Reconcile, Serialize, Deserialize)]
pub enum Section {
    #[default]
    Investment,
    Operating,
}

impl Section {
    pub const ALL: [Section; 2] = [Section::Investment, Section::Operating];

    pub fn label(self) -> &'static str {
        match self {
            Section::Investment => "Investissement",
            Section::Operating => "Fonctionnement",
        }
    }
}

/// A budget line: credits voted (`planned`), committed and paid (mandatés), in euros.
#[derive(Debug, Clone, PartialEq, Default, Hydrate, Reconcile, Serialize, Deserialize)]
pub struct BudgetLine {
    #[autosurgeon(with = "text")]
    pub label: String,
    #[autosurgeon(missing = "Default::default")]
    pub section: Section,
    /// M57 nature (compte), e.g. `2051` (concessions et droits similaires).
    #[autosurgeon(with = "text")]
    pub nature: String,
    /// M57 function, e.g. `020` (administration générale).
    #[autosurgeon(with = "text")]
    pub function: String,
    #[autosurgeon(with = "int")]
    pub year: i64,
    #[autosurgeon(with = "number")]
    pub planned: f64,
    #[autosurgeon(with = "number")]
    pub committed: f64,
    #[autosurgeon(with = "number")]
    pub paid: f64,
    /// External funding obtained for this line (DSIL, FEDER, France Relance…).
    #[autosurgeon(with = "number")]
    pub external_funding: f64,
    /// The action (project) this line finances; empty if none.
    #[autosurgeon(with = "text")]
    pub action_id: Id,
}
