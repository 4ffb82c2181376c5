//! The money of a report: credits voted, committed and paid over the
//! period, by year and section, and by project, with execution rates.

use crate::model::analysis::budget::BudgetTotals;
use crate::model::analysis::report::period::ReportPeriod;
use crate::model::kinds::finances::{BudgetLine, Section};
use crate::model::kinds::workspace::Workspace;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq)]
pub struct BudgetYear {
    pub year: i64,
    /// Both sections, in the order of `Section::ALL`.
    pub sections: Vec<(Section, BudgetTotals)>,
    pub total: BudgetTotals,
    pub per_inhabitant: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ProjectBudget {
    pub title: String,
    pub totals: BudgetTotals,
}

impl ProjectBudget {
    /// More committed than voted.
    pub fn over_budget(&self) -> bool {
        self.totals.over_budget()
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct BudgetReport {
    /// The years of the period that have budget lines, oldest first.
    pub years: Vec<BudgetYear>,
    pub sections: Vec<(Section, BudgetTotals)>,
    pub total: BudgetTotals,
    /// Projects financed over the period, by title.
    pub projects: Vec<ProjectBudget>,
    /// Lines not attached to a project.
    pub outside_projects: BudgetTotals,
    pub population: u64,
}

impl BudgetReport {
    /// Euros voted per inhabitant and per year, on average over the years
    /// that have a budget.
    pub fn per_inhabitant_per_year(&self) -> Option<f64> {
        let years = self.years.len();
        (years > 0).then_some(())?;
        self.total.per_inhabitant(self.population).map(|v| v / years as f64)
    }
}

fn by_section<'a>(lines: impl Iterator<Item = &'a BudgetLine> + Clone) -> Vec<(Section, BudgetTotals)> {
    Section::ALL.iter().map(|s| (*s, BudgetTotals::of(lines.clone().filter(|l| l.section == *s)))).collect()
}

pub fn budget_report(ws: &Workspace, period: ReportPeriod) -> BudgetReport {
    let lines: Vec<&BudgetLine> = ws.budget_lines.values().filter(|l| period.contains_year(l.year)).collect();
    let population = ws.profile.population;
    let mut per_year: BTreeMap<i64, Vec<&BudgetLine>> = BTreeMap::new();
    for line in &lines {
        per_year.entry(line.year).or_default().push(line);
    }
    let years = per_year
        .into_iter()
        .map(|(year, lines)| {
            let total = BudgetTotals::of(lines.iter().copied());
            BudgetYear {
                year,
                sections: by_section(lines.iter().copied()),
                total,
                per_inhabitant: total.per_inhabitant(population),
            }
        })
        .collect();
    let mut projects: BTreeMap<String, BudgetTotals> = BTreeMap::new();
    let mut outside_projects = BudgetTotals::default();
    for line in &lines {
        match ws.actions.get(&line.action_id) {
            Some(action) => projects.entry(action.title.clone()).or_default().add(line),
            None => outside_projects.add(line),
        }
    }
    BudgetReport {
        years,
        sections: by_section(lines.iter().copied()),
        total: BudgetTotals::of(lines.iter().copied()),
        projects: projects.into_iter().map(|(title, totals)| ProjectBudget { title, totals }).collect(),
        outside_projects,
        population,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::kinds::strategy::Action;

    fn line(year: i64, section: Section, planned: f64, committed: f64, paid: f64, action: &str) -> BudgetLine {
        BudgetLine { year, section, planned, committed, paid, action_id: action.into(), ..Default::default() }
    }

    #[test]
    fn the_budget_of_a_period_by_year_section_and_project() {
        let mut ws = Workspace::default();
        ws.profile.population = 1_000;
        ws.actions.insert("p".into(), Action { title: "GED".into(), ..Default::default() });
        ws.budget_lines.insert("a".into(), line(2025, Section::Investment, 10_000.0, 12_000.0, 5_000.0, "p"));
        ws.budget_lines.insert("b".into(), line(2026, Section::Operating, 6_000.0, 6_000.0, 3_000.0, ""));
        ws.budget_lines.insert("c".into(), line(2026, Section::Investment, 4_000.0, 1_000.0, 0.0, "p"));
        ws.budget_lines.insert("d".into(), line(2023, Section::Operating, 99_000.0, 0.0, 0.0, ""));
        let report = budget_report(&ws, ReportPeriod::years("2025", "2026").unwrap());
        assert_eq!(report.years.iter().map(|y| y.year).collect::<Vec<_>>(), [2025, 2026]);
        assert_eq!(report.total.planned, 20_000.0);
        assert_eq!(report.years[1].per_inhabitant, Some(10.0));
        assert_eq!(report.per_inhabitant_per_year(), Some(10.0));
        assert_eq!(
            report.sections[0],
            (Section::Investment, BudgetTotals::of([&ws.budget_lines["a"], &ws.budget_lines["c"]]))
        );
        assert_eq!(report.projects.len(), 1);
        assert_eq!(report.projects[0].totals.planned, 14_000.0);
        assert!(!report.projects[0].over_budget(), "13 000 committed for 14 000 voted");
        assert_eq!(report.outside_projects.planned, 6_000.0);
        assert_eq!(budget_report(&ws, ReportPeriod::year(2020)).per_inhabitant_per_year(), None);
    }
}
