//! The Template document: know-how a mentor publishes for others to adopt
//! (mécénat de compétences): indicator sets, a roadmap skeleton, texts
//! (charter, job description, convention) and a maturity questionnaire.

use crate::model::fields::{number, text, uint};
use crate::model::meta::Meta;
use crate::model::workspace::{Action, Axis, Id, Indicator, Objective, Origin};
use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Hydrate, Reconcile, Serialize, Deserialize)]
pub enum TemplateKind {
    #[default]
    IndicatorSet,
    RoadmapSkeleton,
    Texts,
    MaturityQuestionnaire,
}

impl TemplateKind {
    pub fn label(self) -> &'static str {
        match self {
            TemplateKind::IndicatorSet => "Jeu d'indicateurs",
            TemplateKind::RoadmapSkeleton => "Trame de feuille de route",
            TemplateKind::Texts => "Textes types",
            TemplateKind::MaturityQuestionnaire => "Questionnaire de maturité",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default, Hydrate, Reconcile, Serialize, Deserialize)]
pub struct TemplateInfo {
    #[autosurgeon(missing = "Default::default")]
    pub kind: TemplateKind,
    #[autosurgeon(with = "text")]
    pub description: String,
    /// Who publishes it (person, collectivité).
    #[autosurgeon(with = "text")]
    pub author: String,
    /// Incremented each time the author publishes a new version.
    #[autosurgeon(with = "uint")]
    pub version: u64,
    #[autosurgeon(with = "text")]
    pub version_note: String,
}

/// A text block in markdown (charter, job description, convention…), in a
/// template or adopted into a workspace (« Textes de gouvernance »).
#[derive(Debug, Clone, PartialEq, Default, Hydrate, Reconcile, Serialize, Deserialize)]
pub struct TextBlock {
    #[autosurgeon(with = "text")]
    pub title: String,
    #[autosurgeon(with = "text")]
    pub body: String,
    #[autosurgeon(with = "number")]
    pub order: f64,
    /// Set on a workspace's copy: the template it was adopted from.
    #[autosurgeon(missing = "Default::default")]
    pub origin: Option<Origin>,
}

/// A question of a maturity questionnaire, answered on a 0–4 scale. Adopted
/// into a workspace, the questions replace the built-in questionnaire.
#[derive(Debug, Clone, PartialEq, Default, Hydrate, Reconcile, Serialize, Deserialize)]
pub struct Question {
    #[autosurgeon(with = "text")]
    pub text: String,
    #[autosurgeon(with = "text")]
    pub help: String,
    #[autosurgeon(with = "number")]
    pub weight: f64,
    #[autosurgeon(with = "number")]
    pub order: f64,
    /// Set on a workspace's copy: the template it was adopted from.
    #[autosurgeon(missing = "Default::default")]
    pub origin: Option<Origin>,
}

#[derive(Debug, Clone, PartialEq, Default, Hydrate, Reconcile, Serialize, Deserialize)]
pub struct Template {
    pub meta: Meta,
    #[autosurgeon(missing = "Default::default")]
    pub info: TemplateInfo,
    #[autosurgeon(missing = "Default::default")]
    pub indicators: BTreeMap<Id, Indicator>,
    #[autosurgeon(missing = "Default::default")]
    pub axes: BTreeMap<Id, Axis>,
    #[autosurgeon(missing = "Default::default")]
    pub objectives: BTreeMap<Id, Objective>,
    #[autosurgeon(missing = "Default::default")]
    pub actions: BTreeMap<Id, Action>,
    #[autosurgeon(missing = "Default::default")]
    pub texts: BTreeMap<Id, TextBlock>,
    #[autosurgeon(missing = "Default::default")]
    pub questions: BTreeMap<Id, Question>,
}

pub const TEMPLATE_COLLECTIONS: [&str; 6] = ["indicators", "axes", "objectives", "actions", "texts", "questions"];
