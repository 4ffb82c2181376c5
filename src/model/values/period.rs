//! Measurement periods: a month (`2026-03`), a quarter (`2026-T1`) or a year
//! (`2026`).
//!
//! Measurements are stored in a map keyed by the period's text form, so two
//! collectivités entering the same month merge onto the same key (and a true
//! conflict stays visible) instead of creating duplicates in a list.

use crate::model::error::{Error, Result};
use autosurgeon::{Hydrate, Reconcile};
use serde::{Deserialize, Serialize};
use std::fmt;

/// How often an indicator is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Hydrate, Reconcile, Serialize, Deserialize)]
pub enum Frequency {
    Month,
    Quarter,
    #[default]
    Year,
}

impl Frequency {
    pub const ALL: [Frequency; 3] = [Frequency::Month, Frequency::Quarter, Frequency::Year];

    pub fn label(self) -> &'static str {
        match self {
            Frequency::Month => "Mensuelle",
            Frequency::Quarter => "Trimestrielle",
            Frequency::Year => "Annuelle",
        }
    }
}

/// One measurement period. Ordering is chronological by start, then finer first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Period {
    Month { year: i32, month: u8 },
    Quarter { year: i32, quarter: u8 },
    Year { year: i32 },
}

impl Period {
    /// Parses `2026-03`, `2026-T1` (also `2026-Q1`) or `2026`.
    pub fn parse(text: &str) -> Result<Period> {
        let text = text.trim();
        let bad = || {
            Error::invalid(format!(
                "Période « {text} » non reconnue : attendu 2026-03 (mois), 2026-T1 (trimestre) ou 2026 (année)."
            ))
        };
        let (year_text, rest) = match text.split_once('-') {
            Some((y, r)) => (y, Some(r)),
            None => (text, None),
        };
        if year_text.len() != 4 || !year_text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let year: i32 = year_text.parse().map_err(|_| bad())?;
        match rest {
            None => Ok(Period::Year { year }),
            Some(r) if r.starts_with(['T', 'Q', 't', 'q']) => {
                let quarter: u8 = r[1..].parse().map_err(|_| bad())?;
                if (1..=4).contains(&quarter) && r.len() == 2 {
                    Ok(Period::Quarter { year, quarter })
                } else {
                    Err(bad())
                }
            }
            Some(r) => {
                let month: u8 = r.parse().map_err(|_| bad())?;
                if (1..=12).contains(&month) && r.len() == 2 {
                    Ok(Period::Month { year, month })
                } else {
                    Err(bad())
                }
            }
        }
    }

    /// The period of the given frequency containing a calendar date.
    pub fn containing(date: Date, frequency: Frequency) -> Period {
        match frequency {
            Frequency::Month => Period::Month { year: date.year, month: date.month },
            Frequency::Quarter => Period::Quarter { year: date.year, quarter: (date.month - 1) / 3 + 1 },
            Frequency::Year => Period::Year { year: date.year },
        }
    }

    pub fn year(self) -> i32 {
        match self {
            Period::Month { year, .. } | Period::Quarter { year, .. } | Period::Year { year } => year,
        }
    }

    /// The first and last month (1-based, inclusive) the period covers.
    fn months(self) -> (u8, u8) {
        match self {
            Period::Month { month, .. } => (month, month),
            Period::Quarter { quarter, .. } => (quarter * 3 - 2, quarter * 3),
            Period::Year { .. } => (1, 12),
        }
    }

    /// A number growing with time, in months since year 0, at the period's end;
    /// used to place measurements on a time axis.
    pub fn end_month_index(self) -> i64 {
        self.year() as i64 * 12 + self.months().1 as i64 - 1
    }

    pub fn start_month_index(self) -> i64 {
        self.year() as i64 * 12 + self.months().0 as i64 - 1
    }

    /// The French label shown to users: « mars 2026 », « T1 2026 », « 2026 ».
    pub fn label(self) -> String {
        const MONTHS: [&str; 12] = [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ];
        match self {
            Period::Month { year, month } => format!("{} {year}", MONTHS[month as usize - 1]),
            Period::Quarter { year, quarter } => format!("T{quarter} {year}"),
            Period::Year { year } => year.to_string(),
        }
    }

    /// The period just before this one, of the same granularity.
    pub fn previous(self) -> Period {
        match self {
            Period::Month { year, month: 1 } => Period::Month { year: year - 1, month: 12 },
            Period::Month { year, month } => Period::Month { year, month: month - 1 },
            Period::Quarter { year, quarter: 1 } => Period::Quarter { year: year - 1, quarter: 4 },
            Period::Quarter { year, quarter } => Period::Quarter { year, quarter: quarter - 1 },
            Period::Year { year } => Period::Year { year: year - 1 },
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            Period::Quarter { year, quarter } => write!(f, "{year:04}-T{quarter}"),
            Period::Year { year } => write!(f, "{year:04}"),
        }
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Period {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.end_month_index(), self.start_month_index())
            .cmp(&(other.end_month_index(), other.start_month_index()))
            .then_with(|| self.to_string().cmp(&other.to_string()))
    }
}

/// A calendar date, given to the domain by the caller (the domain never reads a clock).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Parses ISO `2026-11-28`.
    pub fn parse_iso(text: &str) -> Result<Date> {
        let bad = || Error::invalid(format!("Date « {text} » non reconnue : attendu AAAA-MM-JJ."));
        let mut parts = text.trim().splitn(3, '-');
        let year: i32 = parts.next().ok_or_else(bad)?.parse().map_err(|_| bad())?;
        let month: u8 = parts.next().ok_or_else(bad)?.parse().map_err(|_| bad())?;
        let day: u8 = parts.next().ok_or_else(bad)?.parse().map_err(|_| bad())?;
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            return Err(bad());
        }
        Ok(Date { year, month, day })
    }

    /// The date of a Unix time in milliseconds (UTC).
    pub fn from_unix_millis(millis: i64) -> Date {
        // Civil-from-days (Howard Hinnant's algorithm), valid for the proleptic Gregorian calendar.
        let days = millis.div_euclid(86_400_000);
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + if month <= 2 { 1 } else { 0 }) as i32;
        Date { year, month, day }
    }

    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// French display: 28/11/2026.
    pub fn french(self) -> String {
        format!("{:02}/{:02}/{:04}", self.day, self.month, self.year)
    }

    /// Months since year 0 (fractional by day), for time axes.
    pub fn month_index(self) -> f64 {
        self.year as f64 * 12.0 + (self.month as f64 - 1.0) + (self.day as f64 - 1.0) / 31.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_every_granularity() {
        for text in ["2026-03", "2026-T1", "2026", "1999-12"] {
            assert_eq!(Period::parse(text).unwrap().to_string(), text);
        }
        assert_eq!(Period::parse("2026-Q2").unwrap().to_string(), "2026-T2");
    }

    #[test]
    fn refuses_malformed_periods() {
        for text in ["", "26", "2026-13", "2026-T5", "2026-3", "abcd", "2026-T", "2026-001"] {
            assert!(Period::parse(text).is_err(), "{text} should be refused");
        }
    }

    #[test]
    fn orders_chronologically() {
        let mut periods: Vec<Period> =
            ["2026", "2025-12", "2026-T1", "2026-01"].iter().map(|p| Period::parse(p).unwrap()).collect();
        periods.sort();
        let texts: Vec<String> = periods.iter().map(|p| p.to_string()).collect();
        assert_eq!(texts, ["2025-12", "2026-01", "2026-T1", "2026"]);
    }

    #[test]
    fn finds_the_current_period() {
        let date = Date { year: 2026, month: 11, day: 28 };
        assert_eq!(Period::containing(date, Frequency::Quarter).to_string(), "2026-T4");
        assert_eq!(Period::containing(date, Frequency::Month).label(), "novembre 2026");
        assert_eq!(Period::parse("2026-01").unwrap().previous().to_string(), "2025-12");
    }

    #[test]
    fn converts_unix_time_to_dates() {
        assert_eq!(Date::from_unix_millis(0).iso(), "1970-01-01");
        // 2026-11-28T20:21:28Z
        assert_eq!(Date::from_unix_millis(1_795_897_288_000).french(), "28/11/2026");
        assert_eq!(Date::from_unix_millis(951_782_400_000).iso(), "2000-02-29");
    }
}
