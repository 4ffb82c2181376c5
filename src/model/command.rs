//! User intents: every edit the UI can make to a document is one [`Command`].
//!
//! A command is applied in one Automerge transaction and committed with a
//! [`ChangeContext`] (who, when, why) recorded on the change, so history can
//! tell who changed what and when. The domain never reads a clock: the time
//! comes with the context.

use crate::model::kinds::capacity::{Dataset, MaturityAssessment, TrainingRecord};
use crate::model::kinds::collectivity::Profile;
use crate::model::kinds::finances::BudgetLine;
use crate::model::kinds::ids::Id;
use crate::model::kinds::indicator::{Indicator, Measurement};
use crate::model::kinds::meta::DocKind;
use crate::model::kinds::roadmap::{Comment, Participant, ParticipantStatus, RoadmapAction, RoadmapAxis};
use crate::model::kinds::strategy::{Action, Axis, Milestone, Objective, Risk};
use crate::model::kinds::template::TemplateInfo;
use crate::model::kinds::texts::{Question, TextBlock};
use crate::model::values::period::Period;
use serde::{Deserialize, Serialize};

/// Who makes a change, when, and a short message for the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeContext {
    /// A person and, if useful, their collectivité: « Marie Dupont (Mairie de Lauris) ».
    pub author: String,
    /// Unix time in milliseconds, read by the caller.
    pub time_ms: i64,
    /// What the change does, in French: « Saisie de la mesure de mars 2026 ».
    pub message: String,
}

impl ChangeContext {
    pub fn new(author: impl Into<String>, time_ms: i64, message: impl Into<String>) -> Self {
        ChangeContext { author: author.into(), time_ms, message: message.into() }
    }
}

/// A collection of entities keyed by UUID at the root of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Collection {
    Axes,
    Objectives,
    Actions,
    Milestones,
    Risks,
    Indicators,
    BudgetLines,
    Trainings,
    Datasets,
    Assessments,
    Comments,
    Texts,
    Questions,
}

impl Collection {
    /// The key of the collection's map at the document root.
    pub fn key(self) -> &'static str {
        match self {
            Collection::Axes => "axes",
            Collection::Objectives => "objectives",
            Collection::Actions => "actions",
            Collection::Milestones => "milestones",
            Collection::Risks => "risks",
            Collection::Indicators => "indicators",
            Collection::BudgetLines => "budget_lines",
            Collection::Trainings => "trainings",
            Collection::Datasets => "datasets",
            Collection::Assessments => "assessments",
            Collection::Comments => "comments",
            Collection::Texts => "texts",
            Collection::Questions => "questions",
        }
    }

    /// French name of one item, for messages.
    pub fn item_label(self) -> &'static str {
        match self {
            Collection::Axes => "Axe",
            Collection::Objectives => "Objectif",
            Collection::Actions => "Action",
            Collection::Milestones => "Jalon",
            Collection::Risks => "Risque",
            Collection::Indicators => "Indicateur",
            Collection::BudgetLines => "Ligne budgétaire",
            Collection::Trainings => "Formation",
            Collection::Datasets => "Jeu de données",
            Collection::Assessments => "Évaluation de maturité",
            Collection::Comments => "Commentaire",
            Collection::Texts => "Texte",
            Collection::Questions => "Question",
        }
    }

    /// Whether documents of `kind` hold this collection.
    pub fn belongs_to(self, kind: DocKind) -> bool {
        use Collection::*;
        match kind {
            DocKind::Workspace => matches!(
                self,
                Axes | Objectives
                    | Actions
                    | Milestones
                    | Risks
                    | Indicators
                    | BudgetLines
                    | Trainings
                    | Datasets
                    | Assessments
                    | Texts
                    | Questions
            ),
            DocKind::Roadmap => matches!(self, Axes | Actions | Comments),
            DocKind::Template => matches!(self, Axes | Objectives | Actions | Indicators | Texts | Questions),
        }
    }
}

/// One entity value, as created or updated by a command.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Entity {
    Axis(Axis),
    Objective(Objective),
    Action(Action),
    Milestone(Milestone),
    Risk(Risk),
    Indicator(Indicator),
    BudgetLine(BudgetLine),
    Training(TrainingRecord),
    Dataset(Dataset),
    Assessment(MaturityAssessment),
    RoadmapAxis(RoadmapAxis),
    RoadmapAction(RoadmapAction),
    Comment(Comment),
    Text(TextBlock),
    Question(Question),
}

impl Entity {
    /// The same kind of entity with every field at its default: what an
    /// absent field reads as.
    pub fn blank(&self) -> Entity {
        match self {
            Entity::Axis(_) => Entity::Axis(Default::default()),
            Entity::Objective(_) => Entity::Objective(Default::default()),
            Entity::Action(_) => Entity::Action(Default::default()),
            Entity::Milestone(_) => Entity::Milestone(Default::default()),
            Entity::Risk(_) => Entity::Risk(Default::default()),
            Entity::Indicator(_) => Entity::Indicator(Default::default()),
            Entity::BudgetLine(_) => Entity::BudgetLine(Default::default()),
            Entity::Training(_) => Entity::Training(Default::default()),
            Entity::Dataset(_) => Entity::Dataset(Default::default()),
            Entity::Assessment(_) => Entity::Assessment(Default::default()),
            Entity::RoadmapAxis(_) => Entity::RoadmapAxis(Default::default()),
            Entity::RoadmapAction(_) => Entity::RoadmapAction(Default::default()),
            Entity::Comment(_) => Entity::Comment(Default::default()),
            Entity::Text(_) => Entity::Text(Default::default()),
            Entity::Question(_) => Entity::Question(Default::default()),
        }
    }

    pub fn collection(&self) -> Collection {
        match self {
            Entity::Axis(_) | Entity::RoadmapAxis(_) => Collection::Axes,
            Entity::Objective(_) => Collection::Objectives,
            Entity::Action(_) | Entity::RoadmapAction(_) => Collection::Actions,
            Entity::Milestone(_) => Collection::Milestones,
            Entity::Risk(_) => Collection::Risks,
            Entity::Indicator(_) => Collection::Indicators,
            Entity::BudgetLine(_) => Collection::BudgetLines,
            Entity::Training(_) => Collection::Trainings,
            Entity::Dataset(_) => Collection::Datasets,
            Entity::Assessment(_) => Collection::Assessments,
            Entity::Comment(_) => Collection::Comments,
            Entity::Text(_) => Collection::Texts,
            Entity::Question(_) => Collection::Questions,
        }
    }

    /// Whether this entity's shape is the one documents of `kind` use for its
    /// collection (a roadmap's `axes` hold `RoadmapAxis`, a workspace's `Axis`).
    pub fn fits(&self, kind: DocKind) -> bool {
        let roadmap_only = matches!(self, Entity::RoadmapAxis(_) | Entity::RoadmapAction(_) | Entity::Comment(_));
        match kind {
            DocKind::Roadmap => roadmap_only,
            _ => !roadmap_only && self.collection().belongs_to(kind),
        }
    }
}

/// Everything a user can do to a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Command {
    /// Renames the document (shown in lists and share dialogs).
    SetTitle(String),
    /// Workspace: the collectivité's identity.
    SetProfile(Profile),
    /// Adds a new entity under a fresh id (see [`crate::model::new_id`]).
    Create {
        id: Id,
        entity: Entity,
    },
    /// Changes the fields of an existing entity; only changed fields are
    /// written, so concurrent edits of different fields both survive.
    Update {
        id: Id,
        entity: Entity,
    },
    /// Removes an entity, its children (objectives of an axis, actions of an
    /// objective, milestones and risks of an action, measurements of an
    /// indicator) and the links pointing to it.
    Delete {
        collection: Collection,
        id: Id,
    },
    /// Records (or corrects) the value of an indicator for a period.
    RecordMeasurement {
        indicator_id: Id,
        period: Period,
        measurement: Measurement,
    },
    DeleteMeasurement {
        indicator_id: Id,
        period: Period,
    },
    /// Roadmap: adds or renames a participating collectivité (keyed by code).
    SetParticipant {
        code: String,
        participant: Participant,
    },
    /// Roadmap: one participant's progress on one action.
    SetParticipantStatus {
        action_id: Id,
        participant: String,
        status: ParticipantStatus,
    },
    /// Template: description, author and version note.
    SetTemplateInfo(TemplateInfo),
    /// Workspace: records (or moves forward) the adoption of a template.
    SetAdoption {
        template_id: Id,
        adoption: crate::model::kinds::adoption::Adoption,
    },
}
