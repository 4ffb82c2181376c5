//! The Workspace document: everything one collectivité steers.
//!
//! Shape (Automerge root map):
//!
//! ```text
//! meta, profile,
//! axes / objectives / actions / milestones / risks      (strategy tree, flat)
//! indicators, measurements[indicator_id][period] = value,
//! measurement_comments["indicator_id/period"] = comment   (see `measurements`)
//! budget_lines, trainings, datasets, assessments
//! ```
//!
//! Every collection is a map keyed by a UUID (invariant 2): concurrent
//! inserts on two replicas never collide, and a delete removes exactly one
//! key. The tree is flat (children point to their parent by id) so that
//! updating a parent never rewrites its children, and so that a stale
//! snapshot in the UI can never delete a child added meanwhile.
//! Measurements are a second-level map keyed by period, created together
//! with their indicator (so there is one genesis for that map too); their
//! comments are a flat sparse map, so a comment never needs a child map.

use crate::model::kinds::adoption::Adoption;
use crate::model::kinds::capacity::{Dataset, MaturityAssessment, TrainingRecord};
use crate::model::kinds::collectivity::Profile;
use crate::model::kinds::finances::BudgetLine;
use crate::model::kinds::ids::Id;
use crate::model::kinds::indicator::{Indicator, Measurement};
use crate::model::kinds::meta::Meta;
use crate::model::kinds::strategy::{Action, Axis, Milestone, Objective, Risk};
use crate::model::kinds::texts::{Question, TextBlock};
use autosurgeon::Hydrate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A hydrated snapshot of a whole Workspace document.
#[derive(Debug, Clone, PartialEq, Default, Hydrate, Serialize, Deserialize)]
pub struct Workspace {
    pub meta: Meta,
    #[autosurgeon(missing = "Default::default")]
    pub profile: Profile,
    #[autosurgeon(missing = "Default::default")]
    pub axes: BTreeMap<Id, Axis>,
    #[autosurgeon(missing = "Default::default")]
    pub objectives: BTreeMap<Id, Objective>,
    #[autosurgeon(missing = "Default::default")]
    pub actions: BTreeMap<Id, Action>,
    #[autosurgeon(missing = "Default::default")]
    pub milestones: BTreeMap<Id, Milestone>,
    #[autosurgeon(missing = "Default::default")]
    pub risks: BTreeMap<Id, Risk>,
    #[autosurgeon(missing = "Default::default")]
    pub indicators: BTreeMap<Id, Indicator>,
    /// indicator id → period (`2026-03`) → measurement, comments folded in
    /// from `measurement_comments` (see `measurements`).
    #[autosurgeon(hydrate = "crate::model::kinds::measurements::hydrate")]
    pub measurements: BTreeMap<Id, BTreeMap<String, Measurement>>,
    #[autosurgeon(missing = "Default::default")]
    pub budget_lines: BTreeMap<Id, BudgetLine>,
    #[autosurgeon(missing = "Default::default")]
    pub trainings: BTreeMap<Id, TrainingRecord>,
    #[autosurgeon(missing = "Default::default")]
    pub datasets: BTreeMap<Id, Dataset>,
    #[autosurgeon(missing = "Default::default")]
    pub assessments: BTreeMap<Id, MaturityAssessment>,
    /// Template id → what was adopted from it (see `adoption`).
    #[autosurgeon(missing = "Default::default")]
    pub adoptions: BTreeMap<Id, Adoption>,
    /// Governance texts (charter, job description…), mostly adopted from templates.
    #[autosurgeon(missing = "Default::default")]
    pub texts: BTreeMap<Id, TextBlock>,
    /// The maturity questionnaire adopted from a template; empty = built-in one.
    #[autosurgeon(missing = "Default::default")]
    pub questions: BTreeMap<Id, Question>,
}

/// The root collections a new Workspace is born with (in its genesis change).
pub const WORKSPACE_COLLECTIONS: [&str; 15] = [
    "axes",
    "objectives",
    "actions",
    "milestones",
    "risks",
    "indicators",
    "measurements",
    "measurement_comments",
    "budget_lines",
    "trainings",
    "datasets",
    "assessments",
    "adoptions",
    "texts",
    "questions",
];
