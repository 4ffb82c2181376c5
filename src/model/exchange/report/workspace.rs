//! The steering report of one workspace as HTML: cover, summary, every
//! indicator with its chart, money, projects and their timeline, training,
//! data governance, maturity and its evolution.

use crate::model::analysis::report::budget::BudgetReport;
use crate::model::analysis::report::capacity::{DataReport, MaturityReport, TrainingYear};
use crate::model::analysis::report::indicators::IndicatorReport;
use crate::model::analysis::report::projects::ProjectsReport;
use crate::model::analysis::report::workspace::Report;
use crate::model::exchange::report::parts::{
    badge, colophon, cover, money_cells, money_headers, part, rate, scroll, status_counts,
};
use crate::model::exchange::report::svg::{execution, score_chart, sparkline, trend_figure};
use crate::model::exchange::report::timeline::{projects_table, timeline_html};
use crate::model::values::format::{money, number, percent, with_unit};
use maud::{html, Markup};

/// The report as an `<article class="report">`, for the app's page and for
/// the downloaded file alike.
pub fn workspace_report_html(report: &Report) -> Markup {
    html! {
        article.report data-testid="report" {
            (cover(&report.cover, "Indicateurs, budget, projets, formation, données et maturité de la collectivité"))
            (part(0, summary(report)))
            (part(1, indicators(report)))
            (part(2, budget(&report.budget, &report.cover.period.label())))
            (part(3, projects(&report.projects)))
            (part(4, training(&report.training)))
            (part(5, data(&report.data)))
            (part(6, maturity(&report.maturity)))
            (colophon(&report.cover, "des données de son espace de travail"))
        }
    }
}

fn last_value(i: &IndicatorReport) -> String {
    i.status.latest.map(|(p, v)| format!("{} ({})", with_unit(v, &i.unit), p.label())).unwrap_or_else(|| "—".into())
}

fn summary(report: &Report) -> Markup {
    let late = report.projects.needing_attention().count();
    let worrying = report.worrying();
    html! {
        p { (report.indicators.len()) " indicateur(s) suivi(s), par statut à la fin de la période :" }
        (status_counts(&report.status_counts()))
        dl.report-figures {
            div { dt { "Crédits votés sur la période" } dd { (money(report.budget.total.planned)) } }
            div { dt { "Taux d'exécution" } dd { (rate(report.budget.total.execution_rate())) } }
            div { dt { "Projets en retard ou hors budget" } dd { (late) " sur " (report.projects.projects.len()) } }
            div { dt { "Maturité" } dd {
                @match report.maturity.last() {
                    Some((_, score)) => { (number(score)) " / 100" },
                    None => "—",
                }
            } }
        }
        @if worrying.is_empty() {
            p { "Aucun indicateur en retard ni à surveiller." }
        } @else {
            (scroll("À regarder en priorité", html! { table.report-table data-testid="report-worrying" {
                caption { "À regarder en priorité" }
                thead { tr { th scope="col" { "Indicateur" } th scope="col" { "Statut" } th scope="col" { "Pourquoi" } th scope="col" { "Tendance" } } }
                tbody { @for i in worrying {
                    tr {
                        th scope="row" { a href=(format!("#indicateur-{}", i.id)) { (i.name) } }
                        td { (badge(i.status.status)) }
                        td { (i.status.reason) }
                        td { @if i.points.len() > 1 {
                            (sparkline(&i.points.iter().map(|p| p.1).collect::<Vec<_>>(), &format!("Tendance de « {} » : de {} à {}", i.name, with_unit(i.points[0].1, &i.unit), last_value(i))))
                        } @else { "—" } }
                    }
                } }
            } }))
        }
    }
}

fn indicators(report: &Report) -> Markup {
    let period = report.cover.period;
    html! {
        p.report-note { "Sur chaque graphique, la zone bleutée est la période couverte ; les deux années précédentes montrent la tendance." }
        @if report.indicators.is_empty() { p { "Aucun indicateur." } }
        @for i in &report.indicators {
            article.report-indicator id=(format!("indicateur-{}", i.id)) {
                h3 { (i.name) }
                @if !i.category.is_empty() || !i.source.is_empty() {
                    p.report-meta {
                        (i.category)
                        @if !i.category.is_empty() && !i.source.is_empty() { " · " }
                        @if !i.source.is_empty() { "Source : " (i.source) }
                    }
                }
                p.report-status { (badge(i.status.status)) " " (i.status.reason) }
                dl.report-indicator-facts {
                    div { dt { "Dernière valeur" } dd { (last_value(i)) } }
                    div { dt { "Cible" } dd { @match i.target {
                        Some((p, v)) => { (with_unit(v, &i.unit)) " (" (p.label()) ")" },
                        None => "aucune",
                    } } }
                }
                @if i.stale {
                    p.report-note { "Aucune mesure pendant la période : la dernière valeur connue est antérieure." }
                }
                (trend_figure(&i.name, &i.points, i.target, i.trajectory, &i.unit, Some((period.first_year, period.last_year))))
                @if !i.definition.is_empty() { p.report-definition { (i.definition) } }
            }
        }
    }
}

fn budget(b: &BudgetReport, period: &str) -> Markup {
    html! {
        @if b.years.is_empty() {
            p { "Aucune ligne budgétaire sur la période." }
        } @else {
            p {
                (money(b.total.planned)) " votés sur la période (" (period) ")"
                @if let Some(v) = b.per_inhabitant_per_year() { ", soit " (money(v)) " par habitant et par an" }
                @if b.total.external_funding > 0.0 { ", dont " (money(b.total.external_funding)) " de financements externes obtenus" }
                "."
            }
            (execution(&b.total))
            (scroll("Budget par année et par section", html! { table.report-table data-testid="report-budget-sections" {
                caption { "Par année et par section" }
                thead { tr { th scope="col" { "Année" } th scope="col" { "Section" } (money_headers()) th scope="col" class="num" { "Par habitant" } } }
                tbody {
                    @for y in &b.years {
                        @for (section, t) in &y.sections {
                            tr { th scope="row" { (y.year) } td { (section.label()) } (money_cells(t)) td.num { "" } }
                        }
                        tr.report-subtotal { th scope="row" { (y.year) } td { "Total" } (money_cells(&y.total)) td.num { (y.per_inhabitant.map(money).unwrap_or_else(|| "—".into())) } }
                    }
                }
                @if b.years.len() > 1 {
                    tfoot { tr { th scope="row" colspan="2" { "Période" } (money_cells(&b.total)) td.num { (b.per_inhabitant_per_year().map(|v| format!("{} / an", money(v))).unwrap_or_default()) } } }
                }
            } }))
            (scroll("Budget par projet", html! { table.report-table data-testid="report-budget-projects" {
                caption { "Par projet (lignes de la période)" }
                thead { tr { th scope="col" { "Projet" } (money_headers()) th scope="col" { "Alerte" } } }
                tbody {
                    @for p in &b.projects {
                        tr { th scope="row" { (p.title) } (money_cells(&p.totals)) td { @if p.over_budget() { strong { "Engagé supérieur au voté" } } @else { "aucune" } } }
                    }
                    @if b.outside_projects.planned > 0.0 || b.outside_projects.committed > 0.0 {
                        tr { th scope="row" { "Hors projet" } (money_cells(&b.outside_projects)) td { "—" } }
                    }
                }
                tfoot { tr { th scope="row" { "Total" } (money_cells(&b.total)) td {} } }
            } }))
        }
    }
}

fn projects(p: &ProjectsReport) -> Markup {
    let none = |_: &str| None;
    html! {
        @if p.projects.is_empty() {
            p { "Aucun projet sur la période." }
        } @else {
            p { (p.projects.len()) " projet(s) sur la période, dont " (p.needing_attention().count()) " en retard ou hors budget." }
            (timeline_html(&p.timeline, &none))
            (projects_table(&p.projects, &none, "Projets : statut, prestataire, jalons et budget"))
        }
    }
}

fn training(years: &[TrainingYear]) -> Markup {
    html! {
        @if years.is_empty() {
            p { "Aucune formation enregistrée sur la période." }
        } @else {
            ul.report-list {
                @for y in years {
                    li {
                        strong { (y.year) } " : " (rate(y.rate)) " des agents formés au numérique (thème le plus suivi), "
                        @match y.cyber_rate {
                            Some(r) => { (percent(r)) " en cybersécurité." },
                            None => "aucune formation en cybersécurité enregistrée.",
                        }
                    }
                }
            }
            (scroll("Formations suivies", html! { table.report-table data-testid="report-training" {
                caption { "Formations suivies" }
                thead { tr { th scope="col" { "Année" } th scope="col" { "Thème" } th scope="col" class="num" { "Agents formés" } th scope="col" class="num" { "Effectif" } th scope="col" class="num" { "Part" } th scope="col" { "Cybersécurité" } } }
                tbody { @for y in years { @for t in &y.records {
                    tr {
                        th scope="row" { (y.year) }
                        td { (t.theme) }
                        td.num { (t.agents_trained) }
                        td.num { (t.total_agents) }
                        td.num { (rate((t.total_agents > 0).then(|| t.agents_trained as f64 / t.total_agents as f64))) }
                        td { @if t.cybersecurity { "oui" } @else { "non" } }
                    }
                } } }
            } }))
        }
    }
}

fn data(d: &DataReport) -> Markup {
    html! {
        p {
            (d.datasets.len()) " jeu(x) de données inventorié(s) à la date du rapport : " (d.published) " publié(s) en open data, "
            (d.planned) " dont l'ouverture est prévue, " (d.personal) " contenant des données personnelles."
        }
        @if !d.datasets.is_empty() {
            (scroll("Inventaire des données", html! { table.report-table data-testid="report-data" {
                caption { "Inventaire des données" }
                thead { tr { th scope="col" { "Jeu de données" } th scope="col" { "Service responsable" } th scope="col" { "Données personnelles" } th scope="col" { "Open data" } th scope="col" { "Licence" } th scope="col" { "Mise à jour" } } }
                tbody { @for ds in &d.datasets {
                    tr {
                        th scope="row" { (ds.name) }
                        td { (ds.owner) }
                        td { @if ds.personal_data { "oui" } @else { "non" } }
                        td { (ds.open_data.label()) }
                        td { (ds.licence) }
                        td { (ds.update_frequency) }
                    }
                } }
            } }))
        }
    }
}

fn maturity(m: &MaturityReport) -> Markup {
    html! {
        @match m.last() {
            None => p { "Aucune évaluation de maturité jusqu'à la fin de la période." },
            Some((date, score)) => {
                p {
                    "Dernière évaluation : " strong { (number(score)) " / 100" } " le " (date.french())
                    @if let (Some(change), Some(first)) = (m.change(), m.scores.first()) {
                        ", soit " (if change >= 0.0 { "+" } else { "" }) (number(change)) " point(s) depuis la première, le " (first.0.french())
                    }
                    "."
                }
                figure.report-chart {
                    (score_chart(&m.scores, &format!("Scores de maturité : {}.", m.scores.iter().map(|(d, s)| format!("{} le {}", number(*s), d.french())).collect::<Vec<_>>().join(", "))))
                    figcaption.report-legend { span.legend-series { "Score de maturité sur 100, à chaque évaluation" } }
                }
            }
        }
    }
}
