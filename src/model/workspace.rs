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

use crate::model::fields::{int, number, opt_number, text, uint, uint_map};
use crate::model::meta::Meta;
use crate::model::period::Frequency;
use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub type Id = String;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Hydrate, Reconcile, Serialize, Deserialize)]
pub enum CollectivityKind {
    #[default]
    Commune,
    Epci,
    Departement,
    Region,
    Syndicat,
    Autre,
}

impl CollectivityKind {
    pub const ALL: [CollectivityKind; 6] = [
        CollectivityKind::Commune,
        CollectivityKind::Epci,
        CollectivityKind::Departement,
        CollectivityKind::Region,
        CollectivityKind::Syndicat,
        CollectivityKind::Autre,
    ];

    pub fn label(self) -> &'static str {
        match self {
            CollectivityKind::Commune => "Commune",
            CollectivityKind::Epci => "Intercommunalité (EPCI)",
            CollectivityKind::Departement => "Département",
            CollectivityKind::Region => "Région",
            CollectivityKind::Syndicat => "Syndicat",
            CollectivityKind::Autre => "Autre",
        }
    }
}

/// The collectivité a workspace belongs to.
#[derive(Debug, Clone, PartialEq, Default, Hydrate, Reconcile, Serialize, Deserialize)]
pub struct Profile {
    #[autosurgeon(with = "text")]
    pub name: String,
    #[autosurgeon(missing = "Default::default")]
    pub kind: CollectivityKind,
    /// INSEE code for a commune, SIREN for an EPCI.
    #[autosurgeon(with = "text")]
    pub code: String,
    #[autosurgeon(with = "uint")]
    pub population: u64,
    /// SIREN and name of the EPCI the commune belongs to, if any.
    #[autosurgeon(with = "text")]
    pub epci_code: String,
    #[autosurgeon(with = "text")]
    pub epci_name: String,
}

impl Profile {
    /// Builds a profile from what a form holds (population as typed, with
    /// or without thousands separators), trimmed and checked.
    pub fn from_form(
        name: &str,
        kind: CollectivityKind,
        code: &str,
        population: &str,
        epci_name: &str,
        epci_code: &str,
    ) -> Result<Profile, crate::model::Error> {
        let population = match population.trim() {
            "" => 0,
            text => text.replace([' ', '\u{202F}', '\u{A0}', '.'], "").parse::<u64>().map_err(|_| {
                crate::model::Error::invalid(format!("La population « {text} » doit être un nombre entier d'habitants."))
            })?,
        };
        let profile = Profile {
            name: name.trim().to_string(),
            kind,
            code: code.trim().to_uppercase(),
            population,
            epci_code: epci_code.trim().to_string(),
            epci_name: epci_name.trim().to_string(),
        };
        profile.validate()?;
        Ok(profile)
    }

    /// Checks what a user typed; the error says what to fix, in French.
    pub fn validate(&self) -> Result<(), crate::model::Error> {
        use crate::model::Error;
        if self.name.trim().is_empty() {
            return Err(Error::invalid("Indiquez le nom de la collectivité."));
        }
        let code = self.code.trim();
        if !code.is_empty() {
            let ok = match self.kind {
                CollectivityKind::Commune => is_insee_code(code),
                CollectivityKind::Epci | CollectivityKind::Syndicat => is_siren(code),
                _ => is_insee_code(code) || is_siren(code) || code.len() <= 3,
            };
            if !ok {
                return Err(Error::invalid(match self.kind {
                    CollectivityKind::Commune => {
                        format!("Le code INSEE « {code} » n'est pas valide : 5 caractères, par exemple 84065 ou 2A004.")
                    }
                    _ => format!("Le numéro SIREN « {code} » n'est pas valide : 9 chiffres, par exemple 200040442."),
                }));
            }
        }
        let epci = self.epci_code.trim();
        if !epci.is_empty() && !is_siren(epci) {
            return Err(Error::invalid(format!("Le SIREN de l'EPCI « {epci} » n'est pas valide : 9 chiffres.")));
        }
        Ok(())
    }
}

/// A commune's INSEE code: 5 characters, digits, Corsica as `2A`/`2B`.
pub fn is_insee_code(code: &str) -> bool {
    let b = code.as_bytes();
    b.len() == 5
        && b[0].is_ascii_digit()
        && (b[1].is_ascii_digit() || (b[0] == b'2' && (b[1] == b'A' || b[1] == b'B')))
        && b[2..].iter().all(u8::is_ascii_digit)
}

/// A SIREN: 9 digits.
pub fn is_siren(code: &str) -> bool {
    code.len() == 9 && code.bytes().all(|b| b.is_ascii_digit())
}

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

/// Which way is better for an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Hydrate, Reconcile, Serialize, Deserialize)]
pub enum Direction {
    /// Higher is better (share of online procedures…).
    #[default]
    Up,
    /// Lower is better (response time, cost…).
    Down,
    /// Must stay within `[band_low, band_high]` (availability window…).
    Band,
}

impl Direction {
    pub const ALL: [Direction; 3] = [Direction::Up, Direction::Down, Direction::Band];

    pub fn label(self) -> &'static str {
        match self {
            Direction::Up => "À la hausse",
            Direction::Down => "À la baisse",
            Direction::Band => "À maintenir dans une fourchette",
        }
    }
}

/// Where an item adopted from a template came from (see `template`).
#[derive(Debug, Clone, PartialEq, Default, Hydrate, Reconcile, Serialize, Deserialize)]
pub struct Origin {
    pub template_id: Id,
    pub item_id: Id,
    /// The template version adopted (or last pulled).
    #[autosurgeon(with = "uint")]
    pub version: u64,
}

/// The definition of an indicator; its measurements live in `measurements`.
#[derive(Debug, Clone, PartialEq, Default, Hydrate, Reconcile, Serialize, Deserialize)]
pub struct Indicator {
    #[autosurgeon(with = "text")]
    pub name: String,
    #[autosurgeon(with = "text")]
    pub definition: String,
    #[autosurgeon(with = "text")]
    pub category: String,
    /// `%`, `€`, `€/hab`, `nombre`, `jours`…
    #[autosurgeon(with = "text")]
    pub unit: String,
    #[autosurgeon(missing = "Default::default")]
    pub direction: Direction,
    #[autosurgeon(with = "opt_number")]
    pub baseline: Option<f64>,
    /// Period of the baseline value (`2024`, `2024-T4`…); empty if unknown.
    #[autosurgeon(with = "text")]
    pub baseline_period: String,
    #[autosurgeon(with = "opt_number")]
    pub target: Option<f64>,
    /// Period by which the target should be reached.
    #[autosurgeon(with = "text")]
    pub target_period: String,
    /// Status thresholds: for `Up`, at or above `threshold_good` is on track and
    /// below `threshold_bad` off track (mirrored for `Down`).
    #[autosurgeon(with = "opt_number")]
    pub threshold_good: Option<f64>,
    #[autosurgeon(with = "opt_number")]
    pub threshold_bad: Option<f64>,
    /// Bounds for `Direction::Band`.
    #[autosurgeon(with = "opt_number")]
    pub band_low: Option<f64>,
    #[autosurgeon(with = "opt_number")]
    pub band_high: Option<f64>,
    #[autosurgeon(missing = "Default::default")]
    pub frequency: Frequency,
    #[autosurgeon(with = "text")]
    pub source: String,
    /// The objective this indicator measures; empty if none.
    #[autosurgeon(with = "text")]
    pub objective_id: Id,
    /// Marks an indicator about the use of services by residents (« Usages »).
    #[autosurgeon(missing = "Default::default")]
    pub usage: bool,
    #[autosurgeon(with = "number")]
    pub order: f64,
    #[autosurgeon(missing = "Default::default")]
    pub origin: Option<Origin>,
}

/// One value of an indicator for one period. Stored as the number itself,
/// its comment apart, and read from either schema: see `measurements`.
/// Who recorded it and when come from the change that wrote it
/// (`Document::measurement_records`).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Measurement {
    pub value: f64,
    pub comment: String,
}

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
    #[autosurgeon(hydrate = "crate::model::measurements::hydrate")]
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
    pub adoptions: BTreeMap<Id, crate::model::adoption::Adoption>,
    /// Governance texts (charter, job description…), mostly adopted from templates.
    #[autosurgeon(missing = "Default::default")]
    pub texts: BTreeMap<Id, crate::model::template::TextBlock>,
    /// The maturity questionnaire adopted from a template; empty = built-in one.
    #[autosurgeon(missing = "Default::default")]
    pub questions: BTreeMap<Id, crate::model::template::Question>,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_validation_explains_what_to_fix() {
        let commune = Profile { name: "Lauris".into(), code: "84065".into(), ..Default::default() };
        assert!(commune.validate().is_ok());
        assert!(Profile { code: "2A004".into(), ..commune.clone() }.validate().is_ok());
        let err = Profile { code: "8406".into(), ..commune.clone() }.validate().unwrap_err();
        assert!(err.message().contains("INSEE"));
        assert!(Profile { name: " ".into(), ..commune.clone() }.validate().is_err());
        let epci = Profile { name: "CC".into(), kind: CollectivityKind::Epci, code: "200040442".into(), ..Default::default() };
        assert!(epci.validate().is_ok());
        assert!(Profile { code: "84065".into(), ..epci }.validate().unwrap_err().message().contains("SIREN"));
        assert!(Profile { epci_code: "12".into(), ..commune }.validate().is_err());
        let typed = Profile::from_form(" Lauris ", CollectivityKind::Commune, "84065", "3 921", "CC", "200040442").unwrap();
        assert_eq!((typed.name.as_str(), typed.population), ("Lauris", 3921));
        let err = Profile::from_form("Lauris", CollectivityKind::Commune, "", "beaucoup", "", "").unwrap_err();
        assert!(err.message().contains("population"));
    }
}
