//! What a collectivité is able to do, in a report: staff trained each year
//! of the period, the data-governance inventory as it stands, and the
//! maturity scores up to the end of the period (their evolution).

use crate::model::analysis::dashboard::training_rates;
use crate::model::analysis::report::period::ReportPeriod;
use crate::model::kinds::capacity::{Dataset, OpenDataStatus, TrainingRecord};
use crate::model::kinds::workspace::Workspace;
use crate::model::values::period::Date;

#[derive(Debug, Clone, PartialEq)]
pub struct TrainingYear {
    pub year: i64,
    pub records: Vec<TrainingRecord>,
    /// Share of agents trained (the best theme), and in cybersecurity.
    pub rate: Option<f64>,
    pub cyber_rate: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct DataReport {
    /// By name.
    pub datasets: Vec<Dataset>,
    pub published: usize,
    pub planned: usize,
    pub personal: usize,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct MaturityReport {
    /// Every assessment up to the end of the period, oldest first.
    pub scores: Vec<(Date, f64)>,
}

impl MaturityReport {
    pub fn last(&self) -> Option<(Date, f64)> {
        self.scores.last().copied()
    }

    /// Points gained since the first assessment, when there are two.
    pub fn change(&self) -> Option<f64> {
        match (self.scores.first(), self.scores.last()) {
            (Some(first), Some(last)) if self.scores.len() > 1 => Some(last.1 - first.1),
            _ => None,
        }
    }
}

/// Training of the years of the period, oldest first.
pub fn training_report(ws: &Workspace, period: ReportPeriod) -> Vec<TrainingYear> {
    let mut years: Vec<i64> = ws.trainings.values().map(|t| t.year).filter(|y| period.contains_year(*y)).collect();
    years.sort_unstable();
    years.dedup();
    years
        .into_iter()
        .map(|year| {
            let mut records: Vec<TrainingRecord> = ws.trainings.values().filter(|t| t.year == year).cloned().collect();
            records.sort_by(|a, b| a.theme.cmp(&b.theme));
            let (rate, cyber_rate) = training_rates(ws, year);
            TrainingYear { year, records, rate, cyber_rate }
        })
        .collect()
}

/// The inventory as it stands (it has no dates).
pub fn data_report(ws: &Workspace) -> DataReport {
    let mut datasets: Vec<Dataset> = ws.datasets.values().cloned().collect();
    datasets.sort_by(|a, b| a.name.cmp(&b.name));
    let count = |status| datasets.iter().filter(|d| d.open_data == status).count();
    DataReport {
        published: count(OpenDataStatus::Published),
        planned: count(OpenDataStatus::Planned),
        personal: datasets.iter().filter(|d| d.personal_data).count(),
        datasets,
    }
}

pub fn maturity_report(ws: &Workspace, period: ReportPeriod) -> MaturityReport {
    let mut scores: Vec<(Date, f64)> = ws
        .assessments
        .values()
        .filter_map(|a| Some((Date::parse_iso(&a.date).ok()?, a.score)))
        .filter(|(date, _)| *date <= period.end())
        .collect();
    scores.sort_by_key(|s| s.0);
    MaturityReport { scores }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::kinds::capacity::MaturityAssessment;

    #[test]
    fn training_data_and_maturity_over_a_period() {
        let mut ws = Workspace::default();
        for (id, year, trained, cyber) in [("a", 2025, 10, false), ("b", 2026, 20, true), ("c", 2020, 5, false)] {
            let record = TrainingRecord {
                theme: id.into(),
                year,
                agents_trained: trained,
                total_agents: 40,
                cybersecurity: cyber,
            };
            ws.trainings.insert(id.into(), record);
        }
        let period = ReportPeriod::years("2025", "2026").unwrap();
        let training = training_report(&ws, period);
        assert_eq!(training.iter().map(|t| t.year).collect::<Vec<_>>(), [2025, 2026]);
        assert_eq!((training[1].rate, training[1].cyber_rate), (Some(0.5), Some(0.5)));
        assert_eq!(training[0].cyber_rate, None);

        ws.datasets.insert("d1".into(), Dataset { name: "B".into(), personal_data: true, ..Default::default() });
        let published = Dataset { name: "A".into(), open_data: OpenDataStatus::Published, ..Default::default() };
        ws.datasets.insert("d2".into(), published);
        let data = data_report(&ws);
        assert_eq!((data.datasets[0].name.as_str(), data.published, data.planned, data.personal), ("A", 1, 0, 1));

        for (id, date, score) in [("m1", "2024-03-15", 20.0), ("m2", "2026-03-18", 65.0), ("m3", "2027-01-05", 80.0)] {
            let assessment = MaturityAssessment { date: date.into(), score, ..Default::default() };
            ws.assessments.insert(id.into(), assessment);
        }
        let maturity = maturity_report(&ws, period);
        assert_eq!(maturity.scores.len(), 2, "nothing after the period");
        assert_eq!(maturity.change(), Some(45.0));
        assert_eq!(maturity.last().map(|l| l.1), Some(65.0));
        assert_eq!(MaturityReport::default().change(), None);
    }
}
