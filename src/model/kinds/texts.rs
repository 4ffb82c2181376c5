//! Governance texts and maturity questions: published in templates, and
//! adopted into workspaces (« Textes », « Maturité »).

use crate::model::kinds::fields::{number, text};
use crate::model::kinds::ids::Origin;
use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};

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
