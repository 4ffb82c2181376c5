//! An indicator (a KPI definition) and one of its measurements. Where the
//! measurements are stored is `measurements`.

use crate::model::kinds::fields::{number, opt_number, text};
use crate::model::kinds::ids::{Id, Origin};
use crate::model::values::period::Frequency;
use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};

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
