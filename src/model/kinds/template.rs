//! The Template document: know-how a mentor publishes for others to adopt
//! (mécénat de compétences): indicator sets, a roadmap skeleton, texts
//! (charter, job description, convention) and a maturity questionnaire.

use crate::model::kinds::fields::{text, uint};
use crate::model::kinds::ids::Id;
use crate::model::kinds::indicator::Indicator;
use crate::model::kinds::meta::Meta;
use crate::model::kinds::strategy::{Action, Axis, Objective};
use crate::model::kinds::texts::{Question, TextBlock};
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
