//! Budget totals and execution rates (crédits votés, engagés, mandatés), per
//! year, section and action. Pure functions of a snapshot, tested natively.

use crate::model::kinds::finances::{BudgetLine, Section};
use crate::model::kinds::ids::Id;
use crate::model::kinds::workspace::Workspace;
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

    /// More committed than voted (beyond rounding to the cent).
    pub fn over_budget(&self) -> bool {
        self.committed > self.planned + 0.005
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

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(!totals_for_year(&ws, 2026).1.over_budget());
        assert!(BudgetTotals { planned: 1.0, committed: 1.01, ..Default::default() }.over_budget());
    }
}
