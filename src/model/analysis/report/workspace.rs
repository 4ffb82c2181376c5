//! The steering report of one workspace: its cover, then one part per
//! theme (indicators, money, projects, training, data, maturity), each
//! computed over the chosen period.

use crate::model::analysis::report::budget::{budget_report, BudgetReport};
use crate::model::analysis::report::capacity::{
    data_report, maturity_report, training_report, DataReport, MaturityReport, TrainingYear,
};
use crate::model::analysis::report::indicators::{indicator_reports, status_counts, IndicatorReport};
use crate::model::analysis::report::period::ReportPeriod;
use crate::model::analysis::report::projects::{projects_report, ProjectsReport};
use crate::model::analysis::status::Status;
use crate::model::kinds::workspace::Workspace;
use crate::model::values::period::Date;

/// The first page: who reports, on what, when, and by whom.
#[derive(Debug, Clone, PartialEq)]
pub struct Cover {
    pub collectivity: String,
    /// « Commune », « Intercommunalité (EPCI) »…
    pub kind: String,
    /// INSEE or SIREN code; empty when unknown.
    pub code: String,
    pub population: u64,
    pub period: ReportPeriod,
    /// The day the report is made.
    pub date: Date,
    pub author: String,
    /// Made from the demonstration data.
    pub demo: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub cover: Cover,
    pub indicators: Vec<IndicatorReport>,
    pub budget: BudgetReport,
    pub projects: ProjectsReport,
    pub training: Vec<TrainingYear>,
    pub data: DataReport,
    pub maturity: MaturityReport,
}

impl Report {
    /// Indicators by status, every status in display order.
    pub fn status_counts(&self) -> Vec<(Status, usize)> {
        status_counts(&self.indicators)
    }

    /// Indicators off track, then at risk: what to look at first.
    pub fn worrying(&self) -> Vec<&IndicatorReport> {
        let with = |status| self.indicators.iter().filter(move |i| i.status.status == status);
        with(Status::OffTrack).chain(with(Status::AtRisk)).collect()
    }
}

/// The name shown for a workspace: its collectivité, else its title.
pub fn display_name(ws: &Workspace) -> String {
    if ws.profile.name.trim().is_empty() {
        ws.meta.title.clone()
    } else {
        ws.profile.name.clone()
    }
}

/// The report of a workspace over `period`, made on `today` by `author`.
pub fn workspace_report(ws: &Workspace, period: ReportPeriod, today: Date, author: &str) -> Report {
    Report {
        cover: Cover {
            collectivity: display_name(ws),
            kind: ws.profile.kind.label().to_string(),
            code: ws.profile.code.clone(),
            population: ws.profile.population,
            period,
            date: today,
            author: author.trim().to_string(),
            demo: ws.meta.demo,
        },
        indicators: indicator_reports(ws, period),
        budget: budget_report(ws, period),
        projects: projects_report(ws, Some(period), today),
        training: training_report(ws, period),
        data: data_report(ws),
        maturity: maturity_report(ws, period),
    }
}
