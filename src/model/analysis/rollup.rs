//! The intercommunality roll-up: the member communes' workspaces present in
//! this browser, side by side — key indicators, budget per inhabitant,
//! maturity, and who has not shared for a long time.

use crate::model::analysis::budget::{budget_years, totals_for_year};
use crate::model::analysis::status::{indicator_status, Status};
use crate::model::kinds::collectivity::CollectivityKind;
use crate::model::kinds::workspace::Workspace;
use crate::model::values::text::fold;
use std::collections::BTreeMap;

/// After this long without a change, a commune is flagged as not sharing.
pub const STALE_AFTER_DAYS: i64 = 90;
const DAY_MS: i64 = 86_400_000;

#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub value: Option<f64>,
    pub unit: String,
    pub status: Status,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CommuneRow {
    pub id: String,
    pub name: String,
    pub code: String,
    pub population: u64,
    /// Indicator name → latest value and status.
    pub cells: BTreeMap<String, Cell>,
    pub budget_per_inhabitant: Option<f64>,
    pub maturity: Option<f64>,
    pub last_change_ms: i64,
    pub stale: bool,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Rollup {
    pub rows: Vec<CommuneRow>,
    /// Indicators shared by at least two communes, most common first.
    pub key_indicators: Vec<String>,
    pub total_population: u64,
    pub total_budget: f64,
    /// Average of each key indicator over the communes that have a value.
    pub averages: BTreeMap<String, f64>,
    pub average_budget_per_inhabitant: Option<f64>,
    pub average_maturity: Option<f64>,
}

fn average(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, n) = values.fold((0.0, 0usize), |(s, n), v| (s + v, n + 1));
    (n > 0).then(|| sum / n as f64)
}

/// Whether a workspace is a commune of the EPCI (of any EPCI without a code).
pub fn is_member(ws: &Workspace, epci_code: Option<&str>) -> bool {
    ws.profile.kind == CollectivityKind::Commune
        && epci_code.is_none_or(|code| code.is_empty() || ws.profile.epci_code == code)
}

/// Whether a commune last changed more than [`STALE_AFTER_DAYS`] ago.
pub fn is_stale(last_change_ms: i64, today_ms: i64) -> bool {
    today_ms - last_change_ms > STALE_AFTER_DAYS * DAY_MS
}

/// `members`: each commune's snapshot and the time of its latest change.
/// `epci_code`: when known, only communes declaring this EPCI are counted.
pub fn rollup(members: &[(String, Workspace, i64)], epci_code: Option<&str>, today_ms: i64, year: i64) -> Rollup {
    let mut rows: Vec<CommuneRow> = members
        .iter()
        .filter(|(_, ws, _)| is_member(ws, epci_code))
        .map(|(id, ws, last)| {
            let cells = ws
                .indicators
                .iter()
                .map(|(iid, i)| {
                    let report = indicator_status(i, ws.measurements.get(iid));
                    (
                        i.name.trim().to_string(),
                        Cell { value: report.latest.map(|(_, v)| v), unit: i.unit.clone(), status: report.status },
                    )
                })
                .collect();
            let budget_year = budget_years(ws).into_iter().find(|y| *y <= year);
            let budget = budget_year.map(|y| totals_for_year(ws, y).1);
            CommuneRow {
                id: id.clone(),
                name: if ws.profile.name.is_empty() { ws.meta.title.clone() } else { ws.profile.name.clone() },
                code: ws.profile.code.clone(),
                population: ws.profile.population,
                cells,
                budget_per_inhabitant: budget.and_then(|b| b.per_inhabitant(ws.profile.population)),
                maturity: ws.assessments.values().max_by(|a, b| a.date.cmp(&b.date)).map(|a| a.score),
                last_change_ms: *last,
                stale: is_stale(*last, today_ms),
            }
        })
        .collect();
    rows.sort_by(|a, b| a.name.cmp(&b.name));

    let key_indicators = key_indicators(rows.iter().map(|r| r.cells.keys()));
    let averages = key_indicators
        .iter()
        .filter_map(|name| {
            average(rows.iter().filter_map(|r| r.cells.get(name).and_then(|c| c.value))).map(|a| (name.clone(), a))
        })
        .collect();
    let total_budget = members
        .iter()
        .filter(|(id, _, _)| rows.iter().any(|r| &r.id == id))
        .map(|(_, ws, _)| {
            budget_years(ws).into_iter().find(|y| *y <= year).map(|y| totals_for_year(ws, y).1.planned).unwrap_or(0.0)
        })
        .sum();
    Rollup {
        total_population: rows.iter().map(|r| r.population).sum(),
        total_budget,
        averages,
        average_budget_per_inhabitant: average(rows.iter().filter_map(|r| r.budget_per_inhabitant)),
        average_maturity: average(rows.iter().filter_map(|r| r.maturity)),
        key_indicators,
        rows,
    }
}

/// The indicators to compare across communes, from each commune's
/// indicator names: those at least two communes share (every one when
/// there is a single commune), most common first, eight at most.
pub fn key_indicators<I, S>(communes: impl ExactSizeIterator<Item = I>) -> Vec<String>
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let count = communes.len();
    let mut frequency: BTreeMap<String, usize> = BTreeMap::new();
    for names in communes {
        for name in names {
            *frequency.entry(name.as_ref().to_string()).or_default() += 1;
        }
    }
    let mut shared: Vec<(String, usize)> = frequency.into_iter().filter(|(_, n)| *n >= 2 || count == 1).collect();
    shared.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    shared.into_iter().take(8).map(|(n, _)| n).collect()
}

/// A column of the roll-up table, to sort by.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum RollupColumn {
    #[default]
    Name,
    Population,
    /// A key indicator, by name.
    Indicator(String),
    BudgetPerInhabitant,
    Maturity,
    LastChange,
}

/// Sorts the rows by a column; rows without a value stay last either way,
/// and ties keep the communes in alphabetical order.
pub fn sort_rows(rows: &mut [CommuneRow], column: &RollupColumn, ascending: bool) {
    let value = |row: &CommuneRow| -> Option<f64> {
        match column {
            RollupColumn::Name => None,
            RollupColumn::Population => Some(row.population as f64),
            RollupColumn::Indicator(name) => row.cells.get(name).and_then(|c| c.value),
            RollupColumn::BudgetPerInhabitant => row.budget_per_inhabitant,
            RollupColumn::Maturity => row.maturity,
            RollupColumn::LastChange => (row.last_change_ms > 0).then_some(row.last_change_ms as f64),
        }
    };
    rows.sort_by(|a, b| {
        let by_name = fold(&a.name).cmp(&fold(&b.name));
        let order = match column {
            RollupColumn::Name => by_name,
            _ => match (value(a), value(b)) {
                (Some(x), Some(y)) => x.total_cmp(&y).then(by_name),
                (Some(_), None) => return std::cmp::Ordering::Less,
                (None, Some(_)) => return std::cmp::Ordering::Greater,
                (None, None) => return by_name,
            },
        };
        if ascending {
            order
        } else {
            order.reverse()
        }
    });
}

/// Communes of similar size (half to twice the population), for comparison.
pub fn similar<'a>(rollup: &'a Rollup, id: &str) -> Vec<&'a CommuneRow> {
    let Some(me) = rollup.rows.iter().find(|r| r.id == id) else { return Vec::new() };
    let p = me.population as f64;
    rollup
        .rows
        .iter()
        .filter(|r| {
            r.id != id && r.population > 0 && (r.population as f64) >= p / 2.0 && (r.population as f64) <= p * 2.0
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::kinds::collectivity::{CollectivityKind, Profile};
    use crate::model::kinds::finances::BudgetLine;
    use crate::model::kinds::indicator::{Indicator, Measurement};
    use crate::model::kinds::workspace::Workspace;

    fn commune(name: &str, population: u64, epci: &str, value: f64) -> Workspace {
        let mut ws = Workspace {
            profile: Profile {
                name: name.into(),
                kind: CollectivityKind::Commune,
                population,
                epci_code: epci.into(),
                ..Default::default()
            },
            ..Default::default()
        };
        ws.indicators.insert(
            "i".into(),
            Indicator {
                name: "Démarches en ligne".into(), unit: "%".into(), target: Some(50.0), ..Default::default()
            },
        );
        ws.measurements.insert("i".into(), [("2026".to_string(), Measurement { value, ..Default::default() })].into());
        ws.budget_lines
            .insert("b".into(), BudgetLine { year: 2026, planned: population as f64 * 10.0, ..Default::default() });
        ws
    }

    #[test]
    fn communes_side_by_side_with_totals_averages_and_staleness() {
        let now = 1_795_897_288_000;
        let members = vec![
            ("a".to_string(), commune("Alpha", 1_000, "200000001", 40.0), now - DAY_MS),
            ("b".to_string(), commune("Bravo", 1_800, "200000001", 60.0), now - 200 * DAY_MS),
            ("c".to_string(), commune("Charlie", 9_000, "200000001", 80.0), now),
            ("x".to_string(), commune("Ailleurs", 500, "299999999", 10.0), now),
        ];
        let r = rollup(&members, Some("200000001"), now, 2026);
        assert_eq!(r.rows.iter().map(|r| r.name.as_str()).collect::<Vec<_>>(), ["Alpha", "Bravo", "Charlie"]);
        assert_eq!(r.key_indicators, ["Démarches en ligne"]);
        assert_eq!(r.averages["Démarches en ligne"], 60.0);
        assert_eq!(r.total_population, 11_800);
        assert_eq!(r.total_budget, 118_000.0);
        assert_eq!(r.average_budget_per_inhabitant, Some(10.0));
        assert!(r.rows[1].stale && !r.rows[0].stale);
        assert_eq!(r.rows[0].cells["Démarches en ligne"].status, Status::AtRisk);
        let close: Vec<&str> = similar(&r, "a").iter().map(|r| r.name.as_str()).collect();
        assert_eq!(close, ["Bravo"]);
    }

    #[test]
    fn rows_sort_by_any_column_with_missing_values_last() {
        let now = 1_795_897_288_000;
        let mut without = commune("Écueil", 300, "", 0.0);
        without.measurements.clear();
        let members = vec![
            ("a".to_string(), commune("alpha", 1_000, "", 40.0), now),
            ("b".to_string(), commune("Bravo", 1_800, "", 60.0), now - DAY_MS),
            ("e".to_string(), without, 0),
        ];
        let mut rows = rollup(&members, None, now, 2026).rows;
        let names = |rows: &[CommuneRow]| rows.iter().map(|r| r.name.clone()).collect::<Vec<_>>();
        sort_rows(&mut rows, &RollupColumn::Name, true);
        assert_eq!(names(&rows), ["alpha", "Bravo", "Écueil"], "case and accents do not count");
        sort_rows(&mut rows, &RollupColumn::Name, false);
        assert_eq!(names(&rows), ["Écueil", "Bravo", "alpha"]);
        let online = RollupColumn::Indicator("Démarches en ligne".into());
        sort_rows(&mut rows, &online, false);
        assert_eq!(names(&rows), ["Bravo", "alpha", "Écueil"]);
        sort_rows(&mut rows, &online, true);
        assert_eq!(names(&rows), ["alpha", "Bravo", "Écueil"], "no value: last in both directions");
        sort_rows(&mut rows, &RollupColumn::Population, true);
        assert_eq!(names(&rows), ["Écueil", "alpha", "Bravo"]);
        sort_rows(&mut rows, &RollupColumn::LastChange, false);
        assert_eq!(names(&rows), ["alpha", "Bravo", "Écueil"]);
        sort_rows(&mut rows, &RollupColumn::BudgetPerInhabitant, true);
        assert_eq!(names(&rows), ["alpha", "Bravo", "Écueil"], "ties by name");
    }
}
