//! What the screens compute from a workspace snapshot: budget totals and
//! execution, project health, training rates, and the dashboard summary.
//! Pure functions of a snapshot and a date, tested natively.

use crate::model::period::Date;
use crate::model::status::{indicator_status, is_missing, period_due, Status, StatusReport};
use crate::model::workspace::{Action, ActionStatus, BudgetLine, Id, Section, Workspace};
use std::collections::BTreeMap;

/// Credits voted, committed and paid (M57 vocabulary), in euros.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct BudgetTotals {
    pub planned: f64,
    pub committed: f64,
    pub paid: f64,
    pub external_funding: f64,
}

impl BudgetTotals {
    pub fn add(&mut self, line: &BudgetLine) {
        self.planned += line.planned;
        self.committed += line.committed;
        self.paid += line.paid;
        self.external_funding += line.external_funding;
    }

    pub fn of<'a>(lines: impl IntoIterator<Item = &'a BudgetLine>) -> BudgetTotals {
        let mut totals = BudgetTotals::default();
        for line in lines {
            totals.add(line);
        }
        totals
    }

    /// Paid / voted: the « taux d'exécution ». `None` when nothing was voted.
    pub fn execution_rate(&self) -> Option<f64> {
        (self.planned > 0.0).then(|| self.paid / self.planned)
    }

    /// Committed / voted.
    pub fn commitment_rate(&self) -> Option<f64> {
        (self.planned > 0.0).then(|| self.committed / self.planned)
    }

    /// Euros voted per inhabitant.
    pub fn per_inhabitant(&self, population: u64) -> Option<f64> {
        (population > 0).then(|| self.planned / population as f64)
    }
}

/// Years present in the budget, most recent first.
pub fn budget_years(ws: &Workspace) -> Vec<i64> {
    let mut years: Vec<i64> = ws.budget_lines.values().map(|l| l.year).collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    years
}

/// Totals of one year, per section and overall.
pub fn totals_for_year(ws: &Workspace, year: i64) -> (BTreeMap<&'static str, BudgetTotals>, BudgetTotals) {
    let mut by_section = BTreeMap::new();
    let lines: Vec<&BudgetLine> = ws.budget_lines.values().filter(|l| l.year == year).collect();
    for section in Section::ALL {
        by_section.insert(section.label(), BudgetTotals::of(lines.iter().copied().filter(|l| l.section == section)));
    }
    (by_section, BudgetTotals::of(lines))
}

/// Totals of the lines financing each action, all years together.
pub fn totals_by_action(ws: &Workspace) -> BTreeMap<Id, BudgetTotals> {
    let mut map: BTreeMap<Id, BudgetTotals> = BTreeMap::new();
    for line in ws.budget_lines.values().filter(|l| !l.action_id.is_empty()) {
        map.entry(line.action_id.clone()).or_default().add(line);
    }
    map
}

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
    let over_budget = totals.committed > totals.planned + 0.005;
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
    let last_maturity = ws
        .assessments
        .values()
        .max_by(|a, b| a.date.cmp(&b.date))
        .map(|a| (a.date.clone(), a.score));
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
    use crate::model::workspace::*;
    use crate::model::Frequency;

    fn line(year: i64, section: Section, planned: f64, committed: f64, paid: f64, action: &str) -> BudgetLine {
        BudgetLine { year, section, planned, committed, paid, action_id: action.into(), ..Default::default() }
    }

    #[test]
    fn budget_totals_execution_and_per_inhabitant() {
        let mut ws = Workspace::default();
        ws.profile.population = 1_000;
        ws.budget_lines.insert("a".into(), line(2026, Section::Investment, 10_000.0, 8_000.0, 5_000.0, "p"));
        ws.budget_lines.insert("b".into(), line(2026, Section::Operating, 10_000.0, 9_000.0, 9_000.0, ""));
        ws.budget_lines.insert("c".into(), line(2025, Section::Operating, 1_000.0, 1_000.0, 1_000.0, "p"));
        let (sections, total) = totals_for_year(&ws, 2026);
        assert_eq!(total.planned, 20_000.0);
        assert_eq!(total.execution_rate(), Some(0.7));
        assert_eq!(total.per_inhabitant(1_000), Some(20.0));
        assert_eq!(sections["Investissement"].paid, 5_000.0);
        assert_eq!(budget_years(&ws), vec![2026, 2025]);
        assert_eq!(totals_by_action(&ws)["p"].planned, 11_000.0);
        assert_eq!(BudgetTotals::default().execution_rate(), None);
    }

    #[test]
    fn projects_late_or_over_budget_are_flagged() {
        let today = Date { year: 2026, month: 11, day: 28 };
        let mut ws = Workspace::default();
        let late = Action { title: "Portail".into(), status: ActionStatus::InProgress, end: "2026-06-30".into(), ..Default::default() };
        let done = Action { title: "Fini".into(), status: ActionStatus::Done, end: "2026-01-01".into(), ..Default::default() };
        let costly = Action { title: "GED".into(), status: ActionStatus::InProgress, end: "2027-01-01".into(), ..Default::default() };
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
        ws.indicators.insert("ok".into(), Indicator { name: "OK".into(), target: Some(10.0), frequency: Frequency::Year, ..Default::default() });
        ws.indicators.insert("none".into(), Indicator { name: "Vide".into(), frequency: Frequency::Month, ..Default::default() });
        ws.measurements.insert("ok".into(), [("2025".to_string(), Measurement { value: 12.0, ..Default::default() })].into());
        ws.assessments.insert("a".into(), MaturityAssessment { date: "2025-03-01".into(), score: 40.0, ..Default::default() });
        ws.assessments.insert("b".into(), MaturityAssessment { date: "2026-03-01".into(), score: 55.0, ..Default::default() });
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
        ws.trainings.insert("a".into(), TrainingRecord { year: 2026, agents_trained: 10, total_agents: 40, cybersecurity: false, ..Default::default() });
        ws.trainings.insert("b".into(), TrainingRecord { year: 2026, agents_trained: 20, total_agents: 40, cybersecurity: true, ..Default::default() });
        assert_eq!(training_rates(&ws, 2026), (Some(0.5), Some(0.5)));
        assert_eq!(training_rates(&ws, 2025), (None, None));
    }
}
