//! The status of an indicator, computed from its latest measurement, with the
//! reason in words (« valeur 62 % < seuil 70 % ») so nobody has to guess why
//! a light is orange.
//!
//! Order of the rules: a band (direction `Band`) if set; else explicit
//! thresholds; else the expected trajectory from baseline to target; else
//! the target alone. With no measurement the status is « pas de données »;
//! with measurements but nothing to compare to, « sans cible ».

use crate::model::kinds::indicator::{Direction, Indicator, Measurement};
use crate::model::values::format::with_unit;
use crate::model::values::period::{Date, Period};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Status {
    OffTrack,
    AtRisk,
    OnTrack,
    NoData,
    NoTarget,
}

impl Status {
    pub const ALL: [Status; 5] = [Status::OnTrack, Status::AtRisk, Status::OffTrack, Status::NoData, Status::NoTarget];

    pub fn label(self) -> &'static str {
        match self {
            Status::OnTrack => "En bonne voie",
            Status::AtRisk => "À surveiller",
            Status::OffTrack => "En retard",
            Status::NoData => "Pas de données",
            Status::NoTarget => "Sans cible",
        }
    }

    /// A stable name for CSS classes and test ids.
    pub fn slug(self) -> &'static str {
        match self {
            Status::OnTrack => "on-track",
            Status::AtRisk => "at-risk",
            Status::OffTrack => "off-track",
            Status::NoData => "no-data",
            Status::NoTarget => "no-target",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusReport {
    pub status: Status,
    /// Why, in French, with the numbers.
    pub reason: String,
    pub latest: Option<(Period, f64)>,
}

/// The measurements of an indicator in chronological order (unparseable periods skipped).
pub fn series(measurements: Option<&BTreeMap<String, Measurement>>) -> Vec<(Period, f64)> {
    let mut points: Vec<(Period, f64)> =
        measurements.into_iter().flatten().filter_map(|(p, m)| Some((Period::parse(p).ok()?, m.value))).collect();
    points.sort_by_key(|(period, _)| *period);
    points
}

/// The value expected at `at` on the straight line from baseline to target,
/// when both are dated.
pub fn expected_value(indicator: &Indicator, at: Period) -> Option<f64> {
    let baseline = indicator.baseline?;
    let target = indicator.target?;
    let from = Period::parse(&indicator.baseline_period).ok()?.end_month_index() as f64;
    let to = Period::parse(&indicator.target_period).ok()?.end_month_index() as f64;
    if to <= from {
        return None;
    }
    let t = ((at.end_month_index() as f64 - from) / (to - from)).clamp(0.0, 1.0);
    Some(baseline + (target - baseline) * t)
}

pub fn indicator_status(indicator: &Indicator, measurements: Option<&BTreeMap<String, Measurement>>) -> StatusReport {
    let points = series(measurements);
    let Some(&(period, value)) = points.last() else {
        return StatusReport { status: Status::NoData, reason: "Aucune mesure saisie".into(), latest: None };
    };
    let u = |v: f64| with_unit(v, &indicator.unit);
    let report = |status, reason: String| StatusReport { status, reason, latest: Some((period, value)) };
    let up = indicator.direction != Direction::Down;

    if indicator.direction == Direction::Band {
        return match (indicator.band_low, indicator.band_high) {
            (Some(low), _) if value < low => {
                report(Status::OffTrack, format!("valeur {} < minimum {}", u(value), u(low)))
            }
            (_, Some(high)) if value > high => {
                report(Status::OffTrack, format!("valeur {} > maximum {}", u(value), u(high)))
            }
            (None, None) => report(Status::NoTarget, "Fourchette non définie".into()),
            _ => report(Status::OnTrack, format!("valeur {} dans la fourchette", u(value))),
        };
    }

    let better_or_equal = |a: f64, b: f64| if up { a >= b } else { a <= b };
    let (ge, lt) = if up { ("≥", "<") } else { ("≤", ">") };

    if indicator.threshold_good.is_some() || indicator.threshold_bad.is_some() {
        if let Some(good) = indicator.threshold_good {
            if better_or_equal(value, good) {
                return report(Status::OnTrack, format!("valeur {} {ge} seuil {}", u(value), u(good)));
            }
        }
        if let Some(bad) = indicator.threshold_bad {
            if !better_or_equal(value, bad) {
                return report(Status::OffTrack, format!("valeur {} {lt} seuil d'alerte {}", u(value), u(bad)));
            }
        }
        return match indicator.threshold_good {
            Some(good) => report(Status::AtRisk, format!("valeur {} {lt} seuil {}", u(value), u(good))),
            None => report(Status::OnTrack, format!("valeur {} {ge} seuil d'alerte", u(value))),
        };
    }

    if let (Some(expected), Some(baseline), Some(target)) =
        (expected_value(indicator, period), indicator.baseline, indicator.target)
    {
        let tolerance = (target - baseline).abs() * 0.1;
        let margin = if up { expected - tolerance } else { expected + tolerance };
        return if better_or_equal(value, expected) {
            report(Status::OnTrack, format!("valeur {} {ge} trajectoire attendue {}", u(value), u(expected)))
        } else if better_or_equal(value, margin) {
            report(Status::AtRisk, format!("valeur {} {lt} trajectoire attendue {}", u(value), u(expected)))
        } else {
            report(
                Status::OffTrack,
                format!("valeur {} très en deçà de la trajectoire attendue {}", u(value), u(expected)),
            )
        };
    }

    if let Some(target) = indicator.target {
        return if better_or_equal(value, target) {
            report(Status::OnTrack, format!("cible atteinte : valeur {} {ge} cible {}", u(value), u(target)))
        } else {
            report(Status::AtRisk, format!("valeur {} {lt} cible {}", u(value), u(target)))
        };
    }
    report(Status::NoTarget, "Ni cible ni seuil définis".into())
}

/// The period a measurement is expected for now: the last complete period
/// (on 28/11/2026: October for a monthly indicator, T3 for a quarterly one,
/// 2025 for a yearly one).
pub fn period_due(indicator: &Indicator, today: Date) -> Period {
    Period::containing(today, indicator.frequency).previous()
}

/// Whether the measurement for the period due is missing.
pub fn is_missing(indicator: &Indicator, measurements: Option<&BTreeMap<String, Measurement>>, today: Date) -> bool {
    let due = period_due(indicator, today).to_string();
    !measurements.is_some_and(|m| m.contains_key(&due))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::values::period::Frequency;

    fn measured(values: &[(&str, f64)]) -> BTreeMap<String, Measurement> {
        values.iter().map(|(p, v)| (p.to_string(), Measurement { value: *v, ..Default::default() })).collect()
    }

    fn plain(s: &str) -> String {
        s.replace(['\u{202F}', '\u{A0}'], " ")
    }

    fn pct() -> Indicator {
        Indicator { unit: "%".into(), ..Default::default() }
    }

    #[test]
    fn no_measurement_means_no_data() {
        let r = indicator_status(&pct(), None);
        assert_eq!(r.status, Status::NoData);
        assert_eq!(r.latest, None);
    }

    #[test]
    fn thresholds_explain_the_status_with_numbers() {
        let ind = Indicator { threshold_good: Some(70.0), threshold_bad: Some(50.0), ..pct() };
        let r = indicator_status(&ind, Some(&measured(&[("2026-01", 80.0), ("2026-02", 62.0)])));
        assert_eq!(r.status, Status::AtRisk);
        assert_eq!(plain(&r.reason), "valeur 62 % < seuil 70 %");
        let r = indicator_status(&ind, Some(&measured(&[("2026-02", 40.0)])));
        assert_eq!(r.status, Status::OffTrack);
        assert_eq!(plain(&r.reason), "valeur 40 % < seuil d'alerte 50 %");
        let r = indicator_status(&ind, Some(&measured(&[("2026-02", 70.0)])));
        assert_eq!(r.status, Status::OnTrack);
    }

    #[test]
    fn lower_is_better_mirrors_the_thresholds() {
        let ind = Indicator {
            direction: Direction::Down,
            unit: "jours".into(),
            threshold_good: Some(6.0),
            threshold_bad: Some(9.0),
            ..Default::default()
        };
        assert_eq!(indicator_status(&ind, Some(&measured(&[("2026", 5.0)]))).status, Status::OnTrack);
        assert_eq!(indicator_status(&ind, Some(&measured(&[("2026", 7.5)]))).status, Status::AtRisk);
        let r = indicator_status(&ind, Some(&measured(&[("2026", 10.0)])));
        assert_eq!(r.status, Status::OffTrack);
        assert_eq!(plain(&r.reason), "valeur 10 jours > seuil d'alerte 9 jours");
    }

    #[test]
    fn a_band_is_on_track_only_inside() {
        let ind = Indicator { direction: Direction::Band, band_low: Some(99.0), band_high: Some(100.0), ..pct() };
        assert_eq!(indicator_status(&ind, Some(&measured(&[("2026-10", 99.5)]))).status, Status::OnTrack);
        let r = indicator_status(&ind, Some(&measured(&[("2026-10", 98.2)])));
        assert_eq!(r.status, Status::OffTrack);
        assert_eq!(plain(&r.reason), "valeur 98,2 % < minimum 99 %");
    }

    #[test]
    fn without_thresholds_the_trajectory_from_baseline_to_target_decides() {
        let ind = Indicator {
            baseline: Some(20.0),
            baseline_period: "2024".into(),
            target: Some(80.0),
            target_period: "2028".into(),
            ..pct()
        };
        // Halfway through (2026), 50 is expected.
        assert_eq!(expected_value(&ind, Period::parse("2026").unwrap()), Some(50.0));
        assert_eq!(indicator_status(&ind, Some(&measured(&[("2026", 52.0)]))).status, Status::OnTrack);
        let r = indicator_status(&ind, Some(&measured(&[("2026", 46.0)])));
        assert_eq!(r.status, Status::AtRisk);
        assert_eq!(plain(&r.reason), "valeur 46 % < trajectoire attendue 50 %");
        assert_eq!(indicator_status(&ind, Some(&measured(&[("2026", 30.0)]))).status, Status::OffTrack);
    }

    #[test]
    fn a_target_alone_or_nothing_at_all() {
        let ind = Indicator { target: Some(60.0), ..pct() };
        assert_eq!(indicator_status(&ind, Some(&measured(&[("2026", 61.0)]))).status, Status::OnTrack);
        assert_eq!(indicator_status(&ind, Some(&measured(&[("2026", 59.0)]))).status, Status::AtRisk);
        assert_eq!(indicator_status(&pct(), Some(&measured(&[("2026", 59.0)]))).status, Status::NoTarget);
    }

    #[test]
    fn the_due_period_is_the_last_complete_one() {
        let today = Date { year: 2026, month: 11, day: 28 };
        let monthly = Indicator { frequency: Frequency::Month, ..pct() };
        assert_eq!(period_due(&monthly, today).to_string(), "2026-10");
        assert!(is_missing(&monthly, Some(&measured(&[("2026-09", 1.0)])), today));
        assert!(!is_missing(&monthly, Some(&measured(&[("2026-10", 1.0)])), today));
        let yearly = Indicator { frequency: Frequency::Year, ..pct() };
        assert_eq!(period_due(&yearly, today).to_string(), "2025");
    }
}
