//! The Roadmap document: a feuille de route shared by several collectivités
//! (typically a mentoring city and the small towns it sponsors).
//!
//! Each participant edits only its own status of each action; statuses live
//! in `statuses[action_id][participant_code]`, a map created together with
//! the action, so two towns updating the same action touch different keys
//! and the mentor can merge their files in any order without losing an edit.

use crate::model::kinds::collectivity::CollectivityKind;
use crate::model::kinds::fields::{int, number, text};
use crate::model::kinds::ids::Id;
use crate::model::kinds::meta::Meta;
use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Hydrate, Reconcile, Serialize, Deserialize)]
pub enum ParticipantRole {
    /// The collectivité that leads and mentors (mécénat de compétences).
    Mentor,
    #[default]
    Member,
}

#[derive(Debug, Clone, PartialEq, Default, Hydrate, Reconcile, Serialize, Deserialize)]
pub struct Participant {
    #[autosurgeon(with = "text")]
    pub name: String,
    #[autosurgeon(missing = "Default::default")]
    pub kind: CollectivityKind,
    #[autosurgeon(missing = "Default::default")]
    pub role: ParticipantRole,
}

#[derive(Debug, Clone, PartialEq, Default, Hydrate, Reconcile, Serialize, Deserialize)]
pub struct RoadmapAxis {
    #[autosurgeon(with = "text")]
    pub title: String,
    #[autosurgeon(with = "number")]
    pub order: f64,
}

#[derive(Debug, Clone, PartialEq, Default, Hydrate, Reconcile, Serialize, Deserialize)]
pub struct RoadmapAction {
    #[autosurgeon(with = "text")]
    pub axis_id: Id,
    #[autosurgeon(with = "text")]
    pub title: String,
    #[autosurgeon(with = "text")]
    pub description: String,
    /// ISO date by which participants aim to be done; empty if none.
    #[autosurgeon(with = "text")]
    pub due: String,
    #[autosurgeon(with = "number")]
    pub order: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Hydrate, Reconcile, Serialize, Deserialize)]
pub enum ProgressStatus {
    #[default]
    NotStarted,
    InProgress,
    Done,
    Blocked,
    NotConcerned,
}

impl ProgressStatus {
    pub const ALL: [ProgressStatus; 5] = [
        ProgressStatus::NotStarted,
        ProgressStatus::InProgress,
        ProgressStatus::Done,
        ProgressStatus::Blocked,
        ProgressStatus::NotConcerned,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ProgressStatus::NotStarted => "Pas commencée",
            ProgressStatus::InProgress => "En cours",
            ProgressStatus::Done => "Terminée",
            ProgressStatus::Blocked => "Bloquée",
            ProgressStatus::NotConcerned => "Non concernée",
        }
    }
}

/// One participant's progress on one action.
#[derive(Debug, Clone, PartialEq, Default, Hydrate, Reconcile, Serialize, Deserialize)]
pub struct ParticipantStatus {
    #[autosurgeon(missing = "Default::default")]
    pub status: ProgressStatus,
    #[autosurgeon(with = "text")]
    pub comment: String,
    #[autosurgeon(with = "text")]
    pub updated_by: String,
    #[autosurgeon(with = "int")]
    pub updated_at: i64,
}

#[derive(Debug, Clone, PartialEq, Default, Hydrate, Reconcile, Serialize, Deserialize)]
pub struct Comment {
    #[autosurgeon(with = "text")]
    pub action_id: Id,
    /// Code of the participant who wrote it.
    #[autosurgeon(with = "text")]
    pub participant: String,
    #[autosurgeon(with = "text")]
    pub author: String,
    #[autosurgeon(with = "text")]
    pub text: String,
    #[autosurgeon(with = "int")]
    pub at: i64,
}

/// A hydrated snapshot of a whole Roadmap document.
#[derive(Debug, Clone, PartialEq, Default, Hydrate, Reconcile, Serialize, Deserialize)]
pub struct Roadmap {
    pub meta: Meta,
    /// Participant code (INSEE/SIREN) → participant.
    #[autosurgeon(missing = "Default::default")]
    pub participants: BTreeMap<String, Participant>,
    #[autosurgeon(missing = "Default::default")]
    pub axes: BTreeMap<Id, RoadmapAxis>,
    #[autosurgeon(missing = "Default::default")]
    pub actions: BTreeMap<Id, RoadmapAction>,
    /// action id → participant code → status.
    #[autosurgeon(missing = "Default::default")]
    pub statuses: BTreeMap<Id, BTreeMap<String, ParticipantStatus>>,
    #[autosurgeon(missing = "Default::default")]
    pub comments: BTreeMap<Id, Comment>,
}

pub const ROADMAP_COLLECTIONS: [&str; 5] = ["participants", "axes", "actions", "statuses", "comments"];
