//! What a collectivité is able to do: staff trained in digital skills, its
//! data-governance inventory, and its organisational maturity over time.

use crate::model::kinds::fields::{int, number, text, uint, uint_map};
use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Staff trained in digital skills for one theme and year.
#[derive(Debug, Clone, PartialEq, Default, Hydrate, Reconcile, Serialize, Deserialize)]
pub struct TrainingRecord {
    #[autosurgeon(with = "text")]
    pub theme: String,
    #[autosurgeon(with = "int")]
    pub year: i64,
    #[autosurgeon(with = "uint")]
    pub agents_trained: u64,
    /// Headcount of the collectivité (or of the targeted services) that year.
    #[autosurgeon(with = "uint")]
    pub total_agents: u64,
    #[autosurgeon(missing = "Default::default")]
    pub cybersecurity: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Hydrate, Reconcile, Serialize, Deserialize)]
pub enum OpenDataStatus {
    #[default]
    NotPlanned,
    Planned,
    Published,
}

impl OpenDataStatus {
    pub const ALL: [OpenDataStatus; 3] =
        [OpenDataStatus::NotPlanned, OpenDataStatus::Planned, OpenDataStatus::Published];

    pub fn label(self) -> &'static str {
        match self {
            OpenDataStatus::NotPlanned => "Non prévu",
            OpenDataStatus::Planned => "Ouverture prévue",
            OpenDataStatus::Published => "Publié en open data",
        }
    }
}

/// An entry of the data-governance inventory.
#[derive(Debug, Clone, PartialEq, Default, Hydrate, Reconcile, Serialize, Deserialize)]
pub struct Dataset {
    #[autosurgeon(with = "text")]
    pub name: String,
    #[autosurgeon(with = "text")]
    pub description: String,
    /// The service responsible for the data.
    #[autosurgeon(with = "text")]
    pub owner: String,
    #[autosurgeon(missing = "Default::default")]
    pub personal_data: bool,
    #[autosurgeon(missing = "Default::default")]
    pub open_data: OpenDataStatus,
    #[autosurgeon(with = "text")]
    pub licence: String,
    #[autosurgeon(with = "text")]
    pub update_frequency: String,
}

/// One organisational self-assessment; kept over time to show progress.
#[derive(Debug, Clone, PartialEq, Default, Hydrate, Reconcile, Serialize, Deserialize)]
pub struct MaturityAssessment {
    /// ISO date of the assessment.
    #[autosurgeon(with = "text")]
    pub date: String,
    /// Question id → level (0 = absent … 4 = fully in place).
    #[autosurgeon(with = "uint_map")]
    pub answers: BTreeMap<String, u64>,
    /// Score out of 100, computed from the answers when recorded.
    #[autosurgeon(with = "number")]
    pub score: f64,
    #[autosurgeon(with = "text")]
    pub comment: String,
    #[autosurgeon(with = "text")]
    pub author: String,
}
