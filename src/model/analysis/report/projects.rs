//! The projects of a report: every action overlapping the period with its
//! status, provider, milestones, budget and what is wrong (late, over
//! budget), and the same actions on a timeline.

use crate::model::analysis::budget::BudgetTotals;
use crate::model::analysis::report::period::ReportPeriod;
use crate::model::analysis::timeline::{timeline, Timeline, TimelineRow};
use crate::model::kinds::workspace::Workspace;
use crate::model::values::period::Date;

#[derive(Debug, Clone, PartialEq)]
pub struct ProjectReport {
    pub row: TimelineRow,
    /// The axis and objective it serves, « axe › objectif ».
    pub objective: String,
    pub owner_service: String,
    /// Every budget line attached to it, all years.
    pub budget: BudgetTotals,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ProjectsReport {
    pub projects: Vec<ProjectReport>,
    pub timeline: Timeline,
}

impl ProjectsReport {
    pub fn needing_attention(&self) -> impl Iterator<Item = &ProjectReport> {
        self.projects.iter().filter(|p| p.row.needs_attention() || p.row.over_budget)
    }
}

/// Projects as at `today` (late, milestones overdue), over the period
/// (every project when `period` is `None`).
pub fn projects_report(ws: &Workspace, period: Option<ReportPeriod>, today: Date) -> ProjectsReport {
    let timeline = timeline(ws, today, period.map(|p| (p.first_year, p.last_year)));
    let projects = timeline
        .rows
        .iter()
        .map(|row| {
            let action = ws.actions.get(&row.id);
            let objective = action.and_then(|a| ws.objectives.get(&a.objective_id));
            let axis = objective.and_then(|o| ws.axes.get(&o.axis_id));
            let path: Vec<&str> =
                [axis.map(|a| a.title.as_str()), objective.map(|o| o.title.as_str())].into_iter().flatten().collect();
            ProjectReport {
                row: row.clone(),
                objective: path.join(" › "),
                owner_service: action.map(|a| a.owner_service.clone()).unwrap_or_default(),
                budget: BudgetTotals::of(ws.budget_lines.values().filter(|l| l.action_id == row.id)),
            }
        })
        .collect();
    ProjectsReport { projects, timeline }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::kinds::finances::BudgetLine;
    use crate::model::kinds::strategy::{Action, ActionStatus, Axis, Objective};

    #[test]
    fn projects_of_the_period_with_their_objective_budget_and_alerts() {
        let mut ws = Workspace::default();
        ws.axes.insert("a".into(), Axis { title: "Servir".into(), ..Default::default() });
        ws.objectives
            .insert("o".into(), Objective { axis_id: "a".into(), title: "En ligne".into(), ..Default::default() });
        let portal = Action {
            objective_id: "o".into(),
            title: "Portail".into(),
            status: ActionStatus::InProgress,
            start: "2025-01-01".into(),
            end: "2026-06-30".into(),
            ..Default::default()
        };
        ws.actions.insert("p".into(), portal);
        let old = Action {
            title: "Ancien".into(),
            start: "2019-01-01".into(),
            end: "2020-01-01".into(),
            ..Default::default()
        };
        ws.actions.insert("x".into(), old);
        let line = BudgetLine { planned: 100.0, committed: 150.0, action_id: "p".into(), ..Default::default() };
        ws.budget_lines.insert("b".into(), line);
        let today = Date { year: 2026, month: 11, day: 28 };
        let report = projects_report(&ws, Some(ReportPeriod::year(2026)), today);
        assert_eq!(report.projects.len(), 1, "the 2019 project is outside the period");
        let p = &report.projects[0];
        assert_eq!(p.objective, "Servir › En ligne");
        assert_eq!(p.budget.committed, 150.0);
        assert!(p.row.late && p.row.over_budget);
        assert_eq!(report.needing_attention().count(), 1);
        assert_eq!(projects_report(&ws, None, today).projects.len(), 2);
    }
}
