//! The strategy tree of a workspace: axes, objectives and actions (usually
//! projects run with a provider), with their milestones and risks.
//!
//! The tree is flat: children point to their parent by id, so updating a
//! parent never rewrites its children, and a stale snapshot in the UI can
//! never delete a child added meanwhile.

use crate::model::kinds::fields::{number, text};
use crate::model::kinds::ids::{Id, Origin};
use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Default, Hydrate, Reconcile, Serialize, Deserialize)]
pub struct Axis {
    #[autosurgeon(with = "text")]
    pub title: String,
    #[autosurgeon(with = "text")]
    pub description: String,
    /// Display order; a float so an item can be placed between two others.
    #[autosurgeon(with = "number")]
    pub order: f64,
    #[autosurgeon(missing = "Default::default")]
    pub origin: Option<Origin>,
}

#[derive(Debug, Clone, PartialEq, Default, Hydrate, Reconcile, Serialize, Deserialize)]
pub struct Objective {
    #[autosurgeon(with = "text")]
    pub axis_id: Id,
    #[autosurgeon(with = "text")]
    pub title: String,
    #[autosurgeon(with = "text")]
    pub description: String,
    #[autosurgeon(with = "number")]
    pub order: f64,
    #[autosurgeon(missing = "Default::default")]
    pub origin: Option<Origin>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Hydrate, Reconcile, Serialize, Deserialize)]
pub enum ActionStatus {
    #[default]
    Planned,
    InProgress,
    Done,
    Suspended,
    Abandoned,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 5] = [
        ActionStatus::Planned,
        ActionStatus::InProgress,
        ActionStatus::Done,
        ActionStatus::Suspended,
        ActionStatus::Abandoned,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ActionStatus::Planned => "À lancer",
            ActionStatus::InProgress => "En cours",
            ActionStatus::Done => "Terminée",
            ActionStatus::Suspended => "Suspendue",
            ActionStatus::Abandoned => "Abandonnée",
        }
    }
}

/// An action of the strategy, usually a project run with a provider.
#[derive(Debug, Clone, PartialEq, Default, Hydrate, Reconcile, Serialize, Deserialize)]
pub struct Action {
    #[autosurgeon(with = "text")]
    pub objective_id: Id,
    #[autosurgeon(with = "text")]
    pub title: String,
    #[autosurgeon(with = "text")]
    pub description: String,
    /// The service of the collectivité that owns the project.
    #[autosurgeon(with = "text")]
    pub owner_service: String,
    /// The external supplier (prestataire) running it, if any.
    #[autosurgeon(with = "text")]
    pub provider: String,
    #[autosurgeon(missing = "Default::default")]
    pub status: ActionStatus,
    /// ISO dates (`2026-03-01`); empty when unknown.
    #[autosurgeon(with = "text")]
    pub start: String,
    #[autosurgeon(with = "text")]
    pub end: String,
    #[autosurgeon(with = "number")]
    pub order: f64,
    #[autosurgeon(missing = "Default::default")]
    pub origin: Option<Origin>,
}

#[derive(Debug, Clone, PartialEq, Default, Hydrate, Reconcile, Serialize, Deserialize)]
pub struct Milestone {
    #[autosurgeon(with = "text")]
    pub action_id: Id,
    #[autosurgeon(with = "text")]
    pub title: String,
    /// ISO date.
    #[autosurgeon(with = "text")]
    pub due: String,
    #[autosurgeon(missing = "Default::default")]
    pub done: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Hydrate, Reconcile, Serialize, Deserialize)]
pub enum RiskLevel {
    Low,
    #[default]
    Medium,
    High,
}

impl RiskLevel {
    pub const ALL: [RiskLevel; 3] = [RiskLevel::Low, RiskLevel::Medium, RiskLevel::High];

    pub fn label(self) -> &'static str {
        match self {
            RiskLevel::Low => "Faible",
            RiskLevel::Medium => "Moyen",
            RiskLevel::High => "Élevé",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default, Hydrate, Reconcile, Serialize, Deserialize)]
pub struct Risk {
    #[autosurgeon(with = "text")]
    pub action_id: Id,
    #[autosurgeon(with = "text")]
    pub title: String,
    #[autosurgeon(missing = "Default::default")]
    pub level: RiskLevel,
    #[autosurgeon(with = "text")]
    pub mitigation: String,
}
