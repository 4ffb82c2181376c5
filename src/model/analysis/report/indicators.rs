//! Every indicator of a report: its series up to the end of the period
//! (with a little history before it, for the trend), its target and the
//! straight line towards it, and its status as at the end of the period.

use crate::model::analysis::report::period::ReportPeriod;
use crate::model::analysis::status::{expected_value, indicator_status, series, Status, StatusReport};
use crate::model::kinds::ids::Id;
use crate::model::kinds::indicator::{Indicator, Measurement};
use crate::model::kinds::workspace::Workspace;
use crate::model::values::period::Period;
use std::collections::BTreeMap;

/// The straight line from baseline to target, when both are dated.
pub type Trajectory = ((Period, f64), (Period, f64));

#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorReport {
    pub id: Id,
    pub name: String,
    pub category: String,
    pub definition: String,
    pub unit: String,
    pub source: String,
    /// The measurements charted: the period and the years just before it.
    pub points: Vec<(Period, f64)>,
    /// Status from the measurements up to the end of the period.
    pub status: StatusReport,
    /// The target and when it is due (the latest point's period when the
    /// indicator gives none).
    pub target: Option<(Period, f64)>,
    pub trajectory: Option<Trajectory>,
    /// The latest value is from before the period (nothing measured in it).
    pub stale: bool,
}

/// The line from baseline to target of an indicator, when both are dated.
pub fn trajectory(indicator: &Indicator) -> Option<Trajectory> {
    let from = Period::parse(&indicator.baseline_period).ok()?;
    let to = Period::parse(&indicator.target_period).ok()?;
    indicator.baseline?;
    Some(((from, expected_value(indicator, from)?), (to, expected_value(indicator, to)?)))
}

/// The target of an indicator placed in time: its due period, else `fallback`.
pub fn dated_target(indicator: &Indicator, fallback: Option<Period>) -> Option<(Period, f64)> {
    let target = indicator.target?;
    let period = Period::parse(&indicator.target_period).ok().or(fallback)?;
    Some((period, target))
}

/// Indicators in display order (the order field, then the name).
pub fn ordered(ws: &Workspace) -> Vec<(&Id, &Indicator)> {
    let mut indicators: Vec<_> = ws.indicators.iter().collect();
    indicators.sort_by(|a, b| a.1.order.total_cmp(&b.1.order).then(a.1.name.cmp(&b.1.name)));
    indicators
}

pub fn indicator_reports(ws: &Workspace, period: ReportPeriod) -> Vec<IndicatorReport> {
    ordered(ws)
        .into_iter()
        .map(|(id, indicator)| {
            let known: BTreeMap<String, Measurement> = ws
                .measurements
                .get(id)
                .into_iter()
                .flatten()
                .filter(|(p, _)| Period::parse(p).is_ok_and(|p| period.not_after(p)))
                .map(|(p, m)| (p.clone(), m.clone()))
                .collect();
            let status = indicator_status(indicator, Some(&known));
            let points: Vec<(Period, f64)> =
                series(Some(&known)).into_iter().filter(|(p, _)| period.charted(*p)).collect();
            let stale = status.latest.is_some_and(|(p, _)| p.year() < period.first_year);
            IndicatorReport {
                id: id.clone(),
                name: indicator.name.clone(),
                category: indicator.category.clone(),
                definition: indicator.definition.clone(),
                unit: indicator.unit.clone(),
                source: indicator.source.clone(),
                target: dated_target(indicator, points.last().map(|p| p.0)),
                trajectory: trajectory(indicator),
                points,
                status,
                stale,
            }
        })
        .collect()
}

/// How many indicators have each status, in the order statuses are shown.
pub fn status_counts<'a>(reports: impl IntoIterator<Item = &'a IndicatorReport>) -> Vec<(Status, usize)> {
    let mut counts: BTreeMap<Status, usize> = BTreeMap::new();
    for report in reports {
        *counts.entry(report.status.status).or_default() += 1;
    }
    Status::ALL.iter().map(|s| (*s, counts.get(s).copied().unwrap_or(0))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workspace() -> Workspace {
        let mut ws = Workspace::default();
        let indicator = Indicator {
            name: "Démarches en ligne".into(),
            unit: "%".into(),
            baseline: Some(20.0),
            baseline_period: "2022".into(),
            target: Some(80.0),
            target_period: "2028".into(),
            threshold_good: Some(50.0),
            threshold_bad: Some(30.0),
            ..Default::default()
        };
        ws.indicators.insert("i".into(), indicator);
        ws.indicators.insert("n".into(), Indicator { name: "Sans mesure".into(), order: -1.0, ..Default::default() });
        let values = [("2021", 10.0), ("2022", 20.0), ("2023", 28.0), ("2024", 40.0), ("2025", 55.0)];
        ws.measurements.insert(
            "i".into(),
            values.iter().map(|(p, v)| (p.to_string(), Measurement { value: *v, ..Default::default() })).collect(),
        );
        ws
    }

    #[test]
    fn a_report_shows_each_indicator_as_it_stood_at_the_end_of_the_period() {
        let reports = indicator_reports(&workspace(), ReportPeriod::year(2024));
        assert_eq!(reports.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["Sans mesure", "Démarches en ligne"]);
        let online = &reports[1];
        let years: Vec<String> = online.points.iter().map(|(p, _)| p.to_string()).collect();
        assert_eq!(years, ["2022", "2023", "2024"], "two years of context, nothing after the period");
        assert_eq!(online.status.status, Status::AtRisk, "40 % at the end of 2024, not 55 % of 2025");
        assert_eq!(online.target, Some((Period::Year { year: 2028 }, 80.0)));
        let ((from, v0), (to, v1)) = online.trajectory.unwrap();
        assert_eq!((from.to_string(), v0, to.to_string(), v1), ("2022".into(), 20.0, "2028".into(), 80.0));
        assert!(!online.stale);
        assert_eq!(reports[0].status.status, Status::NoData);
        let counts = status_counts(&reports);
        assert_eq!(counts[0], (Status::OnTrack, 0));
        assert_eq!(counts.iter().map(|c| c.1).sum::<usize>(), 2);
    }

    #[test]
    fn a_value_older_than_the_period_is_flagged() {
        let reports = indicator_reports(&workspace(), ReportPeriod::year(2026));
        assert!(reports[1].stale);
        assert_eq!(reports[1].status.latest.map(|l| l.0.to_string()), Some("2025".into()));
    }
}
