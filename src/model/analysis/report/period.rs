//! The period a steering report covers: whole calendar years, from one year
//! to a municipal mandate or any range the user types.
//!
//! Whole years because the money is voted by calendar year (M57) and most
//! indicators are yearly: a report « mandat 2020–2026 » covers the budgets
//! of 2020 to 2026 inclusive, which is what a conseil expects to see.

use crate::model::error::{Error, Result};
use crate::model::kinds::workspace::Workspace;
use crate::model::values::period::{Date, Period};

/// The municipal mandates a report can cover (elections of March 2020 and
/// March 2026).
pub const MANDATES: [(i32, i32); 2] = [(2020, 2026), (2026, 2032)];

/// The longest range a report may cover, in years: two mandates.
pub const MAX_YEARS: i32 = 12;

/// How many years of measurements before the period a chart shows, so a
/// one-year report still shows a trend.
pub const CONTEXT_YEARS: i32 = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ReportPeriod {
    pub first_year: i32,
    pub last_year: i32,
}

impl ReportPeriod {
    pub fn year(year: i32) -> ReportPeriod {
        ReportPeriod { first_year: year, last_year: year }
    }

    /// A range of years as the user typed it, checked.
    pub fn years(first: &str, last: &str) -> Result<ReportPeriod> {
        let read = |text: &str, which: &str| {
            let text = text.trim();
            text.parse::<i32>().ok().filter(|y| (1900..=2200).contains(y)).ok_or_else(|| {
                Error::invalid(format!("L'année {which} « {text} » n'est pas une année (exemple : 2026)."))
            })
        };
        let (first, last) = (read(first, "de début")?, read(last, "de fin")?);
        if first > last {
            return Err(Error::invalid(format!(
                "L'année de début ({first}) doit précéder l'année de fin ({last}) ou lui être égale."
            )));
        }
        if last - first + 1 > MAX_YEARS {
            return Err(Error::invalid(format!(
                "Un rapport couvre au plus {MAX_YEARS} ans ; choisissez une période plus courte."
            )));
        }
        Ok(ReportPeriod { first_year: first, last_year: last })
    }

    /// « année 2026 », « mandat 2020–2026 », « 2022 à 2025 ».
    pub fn label(&self) -> String {
        if self.first_year == self.last_year {
            format!("année {}", self.first_year)
        } else if MANDATES.contains(&(self.first_year, self.last_year)) {
            format!("mandat {}–{}", self.first_year, self.last_year)
        } else {
            format!("{} à {}", self.first_year, self.last_year)
        }
    }

    /// A short form for file names: `2026`, `2020-2026`.
    pub fn slug(&self) -> String {
        if self.first_year == self.last_year {
            self.first_year.to_string()
        } else {
            format!("{}-{}", self.first_year, self.last_year)
        }
    }

    pub fn contains_year(&self, year: i64) -> bool {
        (self.first_year as i64..=self.last_year as i64).contains(&year)
    }

    /// Whether a measurement period ends by the end of this report's
    /// period (what the report may show: nothing after it).
    pub fn not_after(&self, period: Period) -> bool {
        period.year() <= self.last_year
    }

    /// Whether a measurement belongs on this report's charts: in the
    /// period or in the [`CONTEXT_YEARS`] before it.
    pub fn charted(&self, period: Period) -> bool {
        self.not_after(period) && period.year() >= self.first_year - CONTEXT_YEARS
    }

    /// Whether something running from `start` to `end` (ISO dates, empty
    /// when unknown: open on that side) overlaps the period.
    pub fn overlaps(&self, start: &str, end: &str) -> bool {
        let year = |text: &str| Date::parse_iso(text).ok().map(|d| d.year);
        year(start).is_none_or(|y| y <= self.last_year) && year(end).is_none_or(|y| y >= self.first_year)
    }

    /// The last day of the period.
    pub fn end(&self) -> Date {
        Date { year: self.last_year, month: 12, day: 31 }
    }
}

/// The years a workspace has data for: measurements, budget, training,
/// maturity assessments.
pub fn workspace_years(ws: &Workspace) -> Vec<i32> {
    let measured =
        ws.measurements.values().flat_map(|m| m.keys()).filter_map(|p| Period::parse(p).ok()).map(Period::year);
    let budget = ws.budget_lines.values().map(|l| l.year as i32);
    let training = ws.trainings.values().map(|t| t.year as i32);
    let assessed = ws.assessments.values().filter_map(|a| Date::parse_iso(&a.date).ok()).map(|d| d.year);
    let mut years: Vec<i32> = measured.chain(budget).chain(training).chain(assessed).collect();
    years.sort_unstable();
    years.dedup();
    years
}

/// The periods to offer for a workspace whose data spans `years` (any
/// order, duplicates allowed) on `today`: every year with data, the
/// current year, and the mandates overlapping them, most recent first.
pub fn choices(years: impl IntoIterator<Item = i32>, today: Date) -> Vec<ReportPeriod> {
    let mut years: Vec<i32> = years.into_iter().chain([today.year]).collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    let mut periods: Vec<ReportPeriod> = years.iter().map(|y| ReportPeriod::year(*y)).collect();
    for (first, last) in MANDATES.iter().rev() {
        if years.iter().any(|y| (first..=last).contains(&y)) {
            periods.push(ReportPeriod { first_year: *first, last_year: *last });
        }
    }
    periods
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_period_is_a_year_a_mandate_or_a_range_typed_by_the_user() {
        assert_eq!(ReportPeriod::year(2026).label(), "année 2026");
        assert_eq!(ReportPeriod::years("2020", "2026").unwrap().label(), "mandat 2020–2026");
        assert_eq!(ReportPeriod::years(" 2022", "2025 ").unwrap().label(), "2022 à 2025");
        assert_eq!(ReportPeriod::years("2020", "2026").unwrap().slug(), "2020-2026");
        let err = ReportPeriod::years("2027", "2025").unwrap_err();
        assert_eq!(err.message(), "L'année de début (2027) doit précéder l'année de fin (2025) ou lui être égale.");
        assert!(ReportPeriod::years("deux mille", "2025").unwrap_err().message().contains("« deux mille »"));
        assert!(ReportPeriod::years("2000", "2030").unwrap_err().message().contains("12 ans"));
    }

    #[test]
    fn what_a_period_covers() {
        let p = ReportPeriod::year(2026);
        assert!(p.contains_year(2026) && !p.contains_year(2025));
        let month = |text: &str| Period::parse(text).unwrap();
        assert!(p.not_after(month("2026-12")) && !p.not_after(month("2027-01")));
        assert!(p.charted(month("2024")) && !p.charted(month("2023-12")));
        assert!(p.overlaps("2025-03-01", "2026-06-30"));
        assert!(p.overlaps("", ""), "undated work is shown");
        assert!(!p.overlaps("2027-01-01", ""));
        assert!(!p.overlaps("", "2025-12-31"));
        assert_eq!(p.end().french(), "31/12/2026");
    }

    #[test]
    fn the_choices_are_the_years_with_data_then_the_mandates() {
        let today = Date { year: 2026, month: 11, day: 28 };
        let labels: Vec<String> = choices([2024, 2025, 2024], today).iter().map(ReportPeriod::label).collect();
        assert_eq!(labels, ["année 2026", "année 2025", "année 2024", "mandat 2026–2032", "mandat 2020–2026"]);
        let mut ws = Workspace::default();
        ws.budget_lines
            .insert("b".into(), crate::model::kinds::finances::BudgetLine { year: 2023, ..Default::default() });
        ws.measurements.insert("i".into(), [("2025-T2".to_string(), Default::default())].into());
        assert_eq!(workspace_years(&ws), [2023, 2025]);
    }
}
