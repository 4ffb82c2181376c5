//! The timeline of actions and projects, as HTML: one list item per
//! project — its title, status, dates and alerts in words, then a bar drawn
//! in SVG (hidden from assistive technologies, which read the words) — and
//! the same projects as a table. Used as is by the steering report and by
//! « Stratégie et projets », where titles are links: the list is walked
//! with the Tab key, and the table is the alternative for screen readers.

use crate::model::analysis::report::projects::ProjectReport;
use crate::model::analysis::timeline::{Timeline, TimelineRow};
use crate::model::exchange::report::parts::scroll;
use crate::model::exchange::report::svg::{DANGER, GRID, MUTED, OK, PRIMARY, TRACK};
use crate::model::kinds::strategy::ActionStatus;
use crate::model::values::format::money;
use crate::model::values::period::Date;
use maud::{html, Markup};

/// Where a project's title links to (`None`: plain text, as in a file).
pub type Link<'a> = &'a dyn Fn(&str) -> Option<String>;

const W: f64 = 1000.0;
const H: f64 = 36.0;

fn c(value: f64) -> String {
    format!("{value:.1}")
}

/// « du 01/03/2024 au 30/06/2026 », « depuis le 01/02/2024, sans échéance »…
pub fn dates(row: &TimelineRow) -> String {
    match (row.start, row.end) {
        (Some(s), Some(e)) => format!("du {} au {}", s.french(), e.french()),
        (Some(s), None) => format!("depuis le {}, sans échéance", s.french()),
        (None, Some(e)) => format!("échéance le {}", e.french()),
        (None, None) => "dates à préciser".to_string(),
    }
}

/// What is wrong with a project, in words (empty when nothing).
pub fn alerts(row: &TimelineRow) -> Vec<String> {
    let overdue = row.milestones.iter().filter(|m| m.overdue).count();
    let mut alerts = Vec::new();
    if row.late {
        alerts.push("En retard".to_string());
    }
    if overdue > 0 {
        alerts.push(format!("{overdue} jalon(s) en retard"));
    }
    if row.over_budget {
        alerts.push("Engagé supérieur au voté".to_string());
    }
    alerts
}

fn title(row: &TimelineRow, link: Link) -> Markup {
    html! {
        @match link(&row.id) {
            Some(href) => a.timeline-title href=(href) { (row.title) },
            None => span.timeline-title { (row.title) },
        }
    }
}

fn bar_colour(row: &TimelineRow) -> &'static str {
    match row.status {
        _ if row.late => DANGER,
        ActionStatus::Done => OK,
        ActionStatus::Suspended | ActionStatus::Abandoned => MUTED,
        _ => PRIMARY,
    }
}

fn track(timeline: &Timeline, row: &TimelineRow) -> Markup {
    let years = (timeline.last_year - timeline.first_year + 1) as f64;
    let x = |fraction: f64| fraction * W;
    html! {
        svg.timeline-track viewBox=(format!("0 0 {W} {H}")) aria-hidden="true" focusable="false" {
            rect x="0" y="0" width=(W) height=(H) fill=(TRACK) {}
            @for i in 1..(years as usize) {
                line x1=(c(W * i as f64 / years)) x2=(c(W * i as f64 / years)) y1="0" y2=(H) stroke=(GRID) stroke-width="2" {}
            }
            @if let Some((from, to, open)) = timeline.bar(row) {
                rect x=(c(x(from))) y="9" width=(c((x(to) - x(from)).max(4.0))) height="18" rx="3"
                    fill=(bar_colour(row)) fill-opacity=(if open { "0.45" } else { "1" }) {}
            }
            @for m in &row.milestones {
                @let mx = x(timeline.position(m.due));
                polygon points=(format!("{},{} {},{} {},{} {},{}", c(mx), 4, c(mx + 8.0), 18, c(mx), 32, c(mx - 8.0), 18))
                    fill=(if m.overdue { DANGER } else if m.done { "#1b1f24" } else { "#ffffff" }) stroke="#1b1f24" stroke-width="2" {}
            }
            @if let Some(now) = timeline.today_position() {
                line x1=(c(x(now))) x2=(c(x(now))) y1="0" y2=(H) stroke=(DANGER) stroke-width="3" stroke-dasharray="5 3" {}
            }
        }
    }
}

/// The projects on a scale of years, with today.
pub fn timeline_html(timeline: &Timeline, link: Link) -> Markup {
    html! {
        div.timeline data-testid="timeline" {
            p.timeline-legend {
                "Chaque barre va du début du projet à son échéance (pâle : sans échéance) ; "
                "losange : jalon (noir : atteint, blanc : à venir, rouge : en retard) ; "
                @if timeline.today_position().is_some() {
                    "trait rouge pointillé : aujourd'hui (" (timeline.today.french()) "). "
                }
                "Les projets en retard sont signalés en toutes lettres."
            }
            div.timeline-scale aria-hidden="true" {
                span.timeline-label {}
                span.timeline-years {
                    @for year in timeline.years() { span { (year) } }
                }
            }
            ol.timeline-rows {
                @for row in &timeline.rows {
                    @let alerts = alerts(row);
                    li.timeline-row.timeline-row-late[row.needs_attention()] {
                        div.timeline-label {
                            (title(row, link))
                            span.timeline-meta {
                                (row.status.label()) " · " (dates(row))
                                @if !row.provider.is_empty() { " · " (row.provider) }
                                @if !row.milestones.is_empty() {
                                    " · " (row.milestones.iter().filter(|m| m.done).count()) "/" (row.milestones.len()) " jalon(s) atteint(s)"
                                }
                            }
                            @for alert in &alerts { " " span.timeline-alert { (alert) } }
                        }
                        (track(timeline, row))
                    }
                }
            }
        }
    }
}

fn milestone_state(done: bool, overdue: bool) -> &'static str {
    match (done, overdue) {
        (true, _) => "atteint",
        (false, true) => "en retard",
        (false, false) => "à venir",
    }
}

fn date_cell(date: Option<Date>) -> String {
    date.map(|d| d.french()).unwrap_or_else(|| "—".to_string())
}

/// The projects as a table: status, provider, dates, milestones, budget
/// and alerts.
pub fn projects_table(projects: &[ProjectReport], link: Link, caption: &str) -> Markup {
    html! {
        (scroll(caption, html! { table.report-table.projects-table data-testid="projects-table" {
            caption { (caption) }
            thead { tr {
                th scope="col" { "Projet" }
                th scope="col" { "Statut" }
                th scope="col" { "Prestataire" }
                th scope="col" { "Début et échéance" }
                th scope="col" { "Jalons" }
                th scope="col" class="num" { "Voté" }
                th scope="col" class="num" { "Mandaté" }
                th scope="col" { "Alertes" }
            } }
            tbody {
                @for p in projects {
                    tr {
                        th scope="row" {
                            (title(&p.row, link))
                            @if !p.objective.is_empty() { span.cell-note { (p.objective) } }
                        }
                        td { (p.row.status.label()) }
                        td { @if p.row.provider.is_empty() { "—" } @else { (p.row.provider) } }
                        td.nowrap { (date_cell(p.row.start)) br; "→ " (date_cell(p.row.end)) }
                        td {
                            @if p.row.milestones.is_empty() { "—" } @else {
                                ul.cell-list { @for m in &p.row.milestones {
                                    li { (m.title) " (" (m.due.french()) ", " (milestone_state(m.done, m.overdue)) ")" }
                                } }
                            }
                        }
                        td.num { @if p.budget.planned > 0.0 { (money(p.budget.planned)) } @else { "—" } }
                        td.num { @if p.budget.planned > 0.0 { (money(p.budget.paid)) } @else { "—" } }
                        td { @let a = alerts(&p.row); @if a.is_empty() { "aucune" } @else { strong { (a.join(" ; ")) } } }
                    }
                }
            }
        } }))
    }
}
