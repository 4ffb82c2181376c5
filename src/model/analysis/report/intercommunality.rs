//! The intercommunality's steering report: the roll-up as a report. Each
//! member commune's own report over the period, side by side — their key
//! indicators compared, their money, projects, training, data and
//! maturity — under one cover for the conseil communautaire.

use crate::model::analysis::report::indicators::IndicatorReport;
use crate::model::analysis::report::period::ReportPeriod;
use crate::model::analysis::report::workspace::{display_name, workspace_report, Cover, Report};
use crate::model::analysis::rollup::{is_member, is_stale, key_indicators};
use crate::model::analysis::status::Status;
use crate::model::kinds::collectivity::CollectivityKind;
use crate::model::kinds::workspace::Workspace;
use crate::model::values::period::Date;
use std::collections::BTreeSet;

#[derive(Debug, Clone, PartialEq)]
pub struct CommuneReport {
    pub id: String,
    pub report: Report,
    pub last_change_ms: i64,
    /// Has not changed (shared) for a long time.
    pub stale: bool,
}

impl CommuneReport {
    pub fn name(&self) -> &str {
        &self.report.cover.collectivity
    }

    /// The commune's indicator of that (trimmed) name.
    pub fn indicator(&self, name: &str) -> Option<&IndicatorReport> {
        self.report.indicators.iter().find(|i| i.name.trim() == name)
    }
}

/// One indicator the communes share, compared.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyIndicator {
    pub name: String,
    pub unit: String,
    /// Average of the communes' latest values.
    pub average: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IntercommunalityReport {
    pub cover: Cover,
    /// By name.
    pub communes: Vec<CommuneReport>,
    pub key_indicators: Vec<KeyIndicator>,
}

impl IntercommunalityReport {
    /// Every commune's indicators by status, every status in display order.
    pub fn status_counts(&self) -> Vec<(Status, usize)> {
        Status::ALL
            .iter()
            .map(|status| {
                let count = self.communes.iter().flat_map(|c| c.report.status_counts()).filter(|(s, _)| s == status);
                (*status, count.map(|(_, n)| n).sum())
            })
            .collect()
    }
}

/// `members`: every workspace of this browser with the time of its latest
/// change; the communes of `epci` (the EPCI's own workspace, when present)
/// are reported.
pub fn intercommunality_report(
    members: &[(String, Workspace, i64)],
    period: ReportPeriod,
    today_ms: i64,
    author: &str,
) -> IntercommunalityReport {
    let today = Date::from_unix_millis(today_ms);
    let epci = members.iter().map(|(_, ws, _)| ws).find(|ws| ws.profile.kind == CollectivityKind::Epci);
    let epci_code = epci.map(|ws| ws.profile.code.as_str());
    let mut communes: Vec<CommuneReport> = members
        .iter()
        .filter(|(_, ws, _)| is_member(ws, epci_code))
        .map(|(id, ws, last)| CommuneReport {
            id: id.clone(),
            report: workspace_report(ws, period, today, author),
            last_change_ms: *last,
            stale: is_stale(*last, today_ms),
        })
        .collect();
    communes.sort_by(|a, b| a.name().cmp(b.name()));
    let names = communes
        .iter()
        .map(|c| c.report.indicators.iter().map(|i| i.name.trim().to_string()).collect::<BTreeSet<String>>());
    let key_indicators = key_indicators(names)
        .into_iter()
        .map(|name| {
            let shown: Vec<&IndicatorReport> = communes.iter().filter_map(|c| c.indicator(&name)).collect();
            let latest: Vec<f64> = shown.iter().filter_map(|i| i.status.latest.map(|l| l.1)).collect();
            KeyIndicator {
                unit: shown.first().map(|i| i.unit.clone()).unwrap_or_default(),
                average: (!latest.is_empty()).then(|| latest.iter().sum::<f64>() / latest.len() as f64),
                name,
            }
        })
        .collect();
    let cover = Cover {
        collectivity: epci.map(display_name).unwrap_or_else(|| "Intercommunalité".to_string()),
        kind: CollectivityKind::Epci.label().to_string(),
        code: epci.map(|ws| ws.profile.code.clone()).unwrap_or_default(),
        population: communes.iter().map(|c| c.report.cover.population).sum(),
        period,
        date: today,
        author: author.trim().to_string(),
        demo: members.iter().any(|(_, ws, _)| ws.meta.demo),
    };
    IntercommunalityReport { cover, communes, key_indicators }
}
