//! The one-screen answer to « where do we stand »: indicators by status,
//! missing measurements, projects needing attention (late, over budget,
//! milestones overdue), the year's budget, training rates, maturity.
//! Pure functions of a snapshot and a date, tested natively.

use crate::model::analysis::budget::{budget_years, totals_for_year, BudgetTotals};
use crate::model::analysis::status::{indicator_status, is_missing, period_due, Status, StatusReport};
use crate::model::kinds::ids::Id;
use crate::model::kinds::strategy::{Action, ActionStatus};
use crate::model::kinds::workspace::Workspace;
use crate::model::values::period::Date;
use std::collections::BTreeMap;

/// Why a project needs attention.
#[derive(Debug, Clone, PartialEq)]
pub struct ProjectHealth {
    /// Not done and its end date has passed.
    pub late: bool,
    /// More committed than voted on its budget lines.
    pub over_budget: bool,
    /// Milestones past due and not done.
    pub overdue_milestones: usize,
}

pub fn project_health(ws: &Workspace, action_id: &str, action: &Action, today: Date) -> ProjectHealth {
    let open = !matches!(action.status, ActionStatus::Done | ActionStatus::Abandoned);
    let today_iso = today.iso();
    let late = open && !action.end.is_empty() && action.end.as_str() < today_iso.as_str();
    let totals = BudgetTotals::of(ws.budget_lines.values().filter(|l| l.action_id == action_id));
    let over_budget = totals.over_budget();
    let overdue_milestones = ws
        .milestones
        .values()
        .filter(|m| m.action_id == action_id && !m.done && !m.due.is_empty() && m.due.as_str() < today_iso.as_str())
        .count();
    ProjectHealth { late, over_budget, overdue_milestones }
}

/// Share of agents trained for a year, all themes (the best theme's count,
/// since one agent may follow several trainings), and for cybersecurity.
pub fn training_rates(ws: &Workspace, year: i64) -> (Option<f64>, Option<f64>) {
    let rate = |cyber_only: bool| {
        ws.trainings
            .values()
            .filter(|t| t.year == year && t.total_agents > 0 && (!cyber_only || t.cybersecurity))
            .map(|t| t.agents_trained as f64 / t.total_agents as f64)
            .fold(None, |best: Option<f64>, r| Some(best.map_or(r, |b| b.max(r))))
    };
    (rate(false), rate(true))
}

/// The one-screen answer to « where do we stand ».
#[derive(Debug, Clone, PartialEq)]
pub struct DashboardSummary {
    /// Status → indicators (id, name, report), worst first.
    pub by_status: BTreeMap<Status, Vec<(Id, String, StatusReport)>>,
    pub projects_needing_attention: Vec<(Id, String, ProjectHealth)>,
    pub budget_year: Option<i64>,
    pub budget: BudgetTotals,
    pub budget_per_inhabitant: Option<f64>,
    pub last_maturity: Option<(String, f64)>,
    /// Indicators whose measurement for the period due is missing: (id, name, period label).
    pub missing: Vec<(Id, String, String)>,
}

pub fn dashboard(ws: &Workspace, today: Date) -> DashboardSummary {
    let mut by_status: BTreeMap<Status, Vec<(Id, String, StatusReport)>> = BTreeMap::new();
    let mut missing = Vec::new();
    let mut indicators: Vec<_> = ws.indicators.iter().collect();
    indicators.sort_by(|a, b| a.1.order.total_cmp(&b.1.order).then(a.1.name.cmp(&b.1.name)));
    for (id, indicator) in indicators {
        let measurements = ws.measurements.get(id);
        let report = indicator_status(indicator, measurements);
        by_status.entry(report.status).or_default().push((id.clone(), indicator.name.clone(), report));
        if is_missing(indicator, measurements, today) {
            missing.push((id.clone(), indicator.name.clone(), period_due(indicator, today).label()));
        }
    }
    let mut projects_needing_attention: Vec<_> = ws
        .actions
        .iter()
        .map(|(id, a)| (id.clone(), a.title.clone(), project_health(ws, id, a, today)))
        .filter(|(_, _, h)| h.late || h.over_budget || h.overdue_milestones > 0)
        .collect();
    projects_needing_attention.sort_by(|a, b| a.1.cmp(&b.1));
    let years = budget_years(ws);
    let budget_year = years.iter().copied().find(|y| *y <= today.year as i64).or(years.first().copied());
    let budget = budget_year.map(|y| totals_for_year(ws, y).1).unwrap_or_default();
    let last_maturity = ws.assessments.values().max_by(|a, b| a.date.cmp(&b.date)).map(|a| (a.date.clone(), a.score));
    DashboardSummary {
        by_status,
        projects_needing_attention,
        budget_year,
        budget,
        budget_per_inhabitant: budget.per_inhabitant(ws.profile.population),
        last_maturity,
        missing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::kinds::capacity::{MaturityAssessment, TrainingRecord};
    use crate::model::kinds::finances::{BudgetLine, Section};
    use crate::model::kinds::indicator::{Indicator, Measurement};
    use crate::model::values::period::Frequency;

    fn line(year: i64, section: Section, planned: f64, committed: f64, paid: f64, action: &str) -> BudgetLine {
        BudgetLine { year, section, planned, committed, paid, action_id: action.into(), ..Default::default() }
    }

    #[test]
    fn projects_late_or_over_budget_are_flagged() {
        let today = Date { year: 2026, month: 11, day: 28 };
        let mut ws = Workspace::default();
        let late = Action {
            title: "Portail".into(),
            status: ActionStatus::InProgress,
            end: "2026-06-30".into(),
            ..Default::default()
        };
        let done =
            Action { title: "Fini".into(), status: ActionStatus::Done, end: "2026-01-01".into(), ..Default::default() };
        let costly = Action {
            title: "GED".into(),
            status: ActionStatus::InProgress,
            end: "2027-01-01".into(),
            ..Default::default()
        };
        ws.actions.insert("late".into(), late);
        ws.actions.insert("done".into(), done);
        ws.actions.insert("costly".into(), costly);
        ws.budget_lines.insert("b".into(), line(2026, Section::Investment, 100.0, 150.0, 50.0, "costly"));
        let summary = dashboard(&ws, today);
        let names: Vec<&str> = summary.projects_needing_attention.iter().map(|(_, n, _)| n.as_str()).collect();
        assert_eq!(names, ["GED", "Portail"]);
        assert!(summary.projects_needing_attention[0].2.over_budget);
        assert!(summary.projects_needing_attention[1].2.late);
    }

    #[test]
    fn the_dashboard_groups_indicators_and_lists_missing_measurements() {
        let today = Date { year: 2026, month: 11, day: 28 };
        let mut ws = Workspace::default();
        ws.indicators.insert(
            "ok".into(),
            Indicator { name: "OK".into(), target: Some(10.0), frequency: Frequency::Year, ..Default::default() },
        );
        ws.indicators.insert(
            "none".into(),
            Indicator { name: "Vide".into(), frequency: Frequency::Month, ..Default::default() },
        );
        ws.measurements
            .insert("ok".into(), [("2025".to_string(), Measurement { value: 12.0, ..Default::default() })].into());
        ws.assessments
            .insert("a".into(), MaturityAssessment { date: "2025-03-01".into(), score: 40.0, ..Default::default() });
        ws.assessments
            .insert("b".into(), MaturityAssessment { date: "2026-03-01".into(), score: 55.0, ..Default::default() });
        let summary = dashboard(&ws, today);
        assert_eq!(summary.by_status[&Status::OnTrack].len(), 1);
        assert_eq!(summary.by_status[&Status::NoData].len(), 1);
        assert_eq!(summary.missing.len(), 1);
        assert_eq!(summary.missing[0].2, "octobre 2026");
        assert_eq!(summary.last_maturity, Some(("2026-03-01".into(), 55.0)));
    }

    #[test]
    fn training_rates_per_year() {
        let mut ws = Workspace::default();
        ws.trainings.insert(
            "a".into(),
            TrainingRecord {
                year: 2026,
                agents_trained: 10,
                total_agents: 40,
                cybersecurity: false,
                ..Default::default()
            },
        );
        ws.trainings.insert(
            "b".into(),
            TrainingRecord {
                year: 2026,
                agents_trained: 20,
                total_agents: 40,
                cybersecurity: true,
                ..Default::default()
            },
        );
        assert_eq!(training_rates(&ws, 2026), (Some(0.5), Some(0.5)));
        assert_eq!(training_rates(&ws, 2025), (None, None));
    }
}
