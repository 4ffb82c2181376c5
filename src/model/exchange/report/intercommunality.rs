//! The intercommunality's steering report as HTML: the roll-up under a
//! cover — communes side by side, each shared indicator compared, then
//! money, projects, training, data and maturity commune by commune.

use crate::model::analysis::budget::BudgetTotals;
use crate::model::analysis::report::intercommunality::{CommuneReport, IntercommunalityReport, KeyIndicator};
use crate::model::analysis::status::Status;
use crate::model::exchange::report::parts::{
    badge, colophon, cover, money_cells, money_headers, part, rate, scroll, status_counts,
};
use crate::model::exchange::report::svg::{comparison_chart, execution};
use crate::model::exchange::report::timeline::projects_table;
use crate::model::values::format::{money, number, with_unit};
use crate::model::values::period::Date;
use maud::{html, Markup};

pub fn intercommunality_report_html(report: &IntercommunalityReport) -> Markup {
    let subject = format!("Les {} commune(s) membres présentes dans ce navigateur, côte à côte", report.communes.len());
    html! {
        article.report data-testid="report" {
            (cover(&report.cover, &subject))
            (part(0, summary(report)))
            (part(1, indicators(report)))
            (part(2, budget(report)))
            (part(3, projects(report)))
            (part(4, training(report)))
            (part(5, data(report)))
            (part(6, maturity(report)))
            (colophon(&report.cover, "des espaces de travail que les communes ont partagés"))
        }
    }
}

fn cell(commune: &CommuneReport, key: &KeyIndicator) -> Markup {
    html! {
        @match commune.indicator(&key.name) {
            Some(i) => td {
                @match i.status.latest { Some((_, v)) => { (with_unit(v, &i.unit)) }, None => "—" }
                br; (badge(i.status.status))
            },
            None => td { "—" },
        }
    }
}

fn summary(r: &IntercommunalityReport) -> Markup {
    html! {
        p { "Indicateurs de toutes les communes, par statut à la fin de la période :" }
        (status_counts(&r.status_counts()))
        (scroll("Indicateurs clés par commune", html! { table.report-table.report-rollup data-testid="report-rollup" {
            caption { "Indicateurs clés par commune" }
            thead { tr {
                th scope="col" { "Commune" }
                th scope="col" class="num" { "Population" }
                @for k in &r.key_indicators { th scope="col" { (k.name) } }
                th scope="col" class="num" { "Maturité" }
                th scope="col" { "Dernière modification" }
            } }
            tbody { @for c in &r.communes {
                tr {
                    th scope="row" { (c.name()) }
                    td.num { (number(c.report.cover.population as f64)) }
                    @for k in &r.key_indicators { (cell(c, k)) }
                    td.num { @match c.report.maturity.last() { Some((_, s)) => { (number(s)) " / 100" }, None => "—" } }
                    td {
                        @if c.last_change_ms > 0 { (Date::from_unix_millis(c.last_change_ms).french()) } @else { "—" }
                        @if c.stale { br; strong { "pas de partage depuis longtemps" } }
                    }
                }
            } }
            tfoot { tr {
                th scope="row" { "Moyenne" }
                td.num { (number(r.cover.population as f64)) }
                @for k in &r.key_indicators { td { (k.average.map(|a| with_unit(a, &k.unit)).unwrap_or_else(|| "—".into())) } }
                td {} td {}
            } }
        } }))
    }
}

fn indicators(r: &IntercommunalityReport) -> Markup {
    html! {
        @if r.key_indicators.is_empty() { p { "Les communes ne partagent encore aucun indicateur." } }
        @for k in &r.key_indicators {
            @let rows: Vec<(String, Option<f64>, Status)> = r.communes.iter().map(|c| {
                let i = c.indicator(&k.name);
                (c.name().to_string(), i.and_then(|i| i.status.latest.map(|l| l.1)), i.map(|i| i.status.status).unwrap_or(Status::NoData))
            }).collect();
            @let label = format!("« {} », dernière valeur par commune : {}.", k.name, rows.iter().map(|(n, v, _)| format!("{n} {}", v.map(|v| with_unit(v, &k.unit)).unwrap_or_else(|| "sans valeur".into()))).collect::<Vec<_>>().join(", "));
            article.report-indicator {
                h3 { (k.name) }
                @if let Some(a) = k.average { p { "Moyenne des communes : " strong { (with_unit(a, &k.unit)) } "." } }
                figure.report-chart {
                    (comparison_chart(&rows, &k.unit, &label))
                    figcaption.report-note { "Dernière valeur connue à la fin de la période, couleur selon le statut (voir le tableau)." }
                }
                (scroll(&format!("« {} » par commune", k.name), html! { table.report-table {
                    caption { "« " (k.name) " » par commune" }
                    thead { tr { th scope="col" { "Commune" } th scope="col" { "Dernière valeur" } th scope="col" { "Statut" } th scope="col" { "Pourquoi" } } }
                    tbody { @for c in &r.communes { @if let Some(i) = c.indicator(&k.name) {
                        tr {
                            th scope="row" { (c.name()) }
                            td { @match i.status.latest { Some((p, v)) => { (with_unit(v, &i.unit)) " (" (p.label()) ")" }, None => "—" } }
                            td { (badge(i.status.status)) }
                            td { (i.status.reason) }
                        }
                    } } }
                } }))
            }
        }
    }
}

fn budget(r: &IntercommunalityReport) -> Markup {
    let total = BudgetTotals {
        planned: r.communes.iter().map(|c| c.report.budget.total.planned).sum(),
        committed: r.communes.iter().map(|c| c.report.budget.total.committed).sum(),
        paid: r.communes.iter().map(|c| c.report.budget.total.paid).sum(),
        external_funding: r.communes.iter().map(|c| c.report.budget.total.external_funding).sum(),
    };
    html! {
        p { (money(total.planned)) " votés pour le numérique par les communes sur la période." }
        (execution(&total))
        (scroll("Budget numérique par commune", html! { table.report-table data-testid="report-budget-communes" {
            caption { "Budget numérique par commune" }
            thead { tr { th scope="col" { "Commune" } (money_headers()) th scope="col" class="num" { "Par habitant et par an" } } }
            tbody { @for c in &r.communes {
                tr {
                    th scope="row" { (c.name()) }
                    (money_cells(&c.report.budget.total))
                    td.num { (c.report.budget.per_inhabitant_per_year().map(money).unwrap_or_else(|| "—".into())) }
                }
            } }
            tfoot { tr { th scope="row" { "Total" } (money_cells(&total)) td {} } }
        } }))
    }
}

fn projects(r: &IntercommunalityReport) -> Markup {
    let none = |_: &str| None;
    html! {
        @for c in &r.communes {
            h3 { (c.name()) }
            @if c.report.projects.projects.is_empty() {
                p { "Aucun projet sur la période." }
            } @else {
                p { (c.report.projects.projects.len()) " projet(s), dont " (c.report.projects.needing_attention().count()) " en retard ou hors budget." }
                (projects_table(&c.report.projects.projects, &none, &format!("Projets de {}", c.name())))
            }
        }
    }
}

fn training(r: &IntercommunalityReport) -> Markup {
    html! {
        (scroll("Agents formés par commune", html! { table.report-table data-testid="report-training-communes" {
            caption { "Agents formés au numérique, dernière année de la période renseignée" }
            thead { tr { th scope="col" { "Commune" } th scope="col" { "Année" } th scope="col" class="num" { "Agents formés" } th scope="col" class="num" { "dont cybersécurité" } } }
            tbody { @for c in &r.communes {
                tr {
                    th scope="row" { (c.name()) }
                    @match c.report.training.last() {
                        Some(y) => { td { (y.year) } td.num { (rate(y.rate)) } td.num { (rate(y.cyber_rate)) } },
                        None => { td { "—" } td.num { "—" } td.num { "—" } },
                    }
                }
            } }
        } }))
    }
}

fn data(r: &IntercommunalityReport) -> Markup {
    html! {
        (scroll("Inventaire des données par commune", html! { table.report-table data-testid="report-data-communes" {
            caption { "Inventaire des données par commune, à la date du rapport" }
            thead { tr { th scope="col" { "Commune" } th scope="col" class="num" { "Jeux inventoriés" } th scope="col" class="num" { "Publiés en open data" } th scope="col" class="num" { "Ouverture prévue" } th scope="col" class="num" { "Avec données personnelles" } } }
            tbody { @for c in &r.communes {
                @let d = &c.report.data;
                tr { th scope="row" { (c.name()) } td.num { (d.datasets.len()) } td.num { (d.published) } td.num { (d.planned) } td.num { (d.personal) } }
            } }
        } }))
    }
}

fn maturity(r: &IntercommunalityReport) -> Markup {
    let rows: Vec<(String, Option<f64>, Status)> = r
        .communes
        .iter()
        .map(|c| (c.name().to_string(), c.report.maturity.last().map(|l| l.1), Status::NoTarget))
        .collect();
    let label = format!(
        "Dernier score de maturité par commune : {}.",
        rows.iter()
            .map(|(n, v, _)| format!(
                "{n} {}",
                v.map(|v| format!("{} sur 100", number(v))).unwrap_or_else(|| "sans évaluation".into())
            ))
            .collect::<Vec<_>>()
            .join(", ")
    );
    html! {
        figure.report-chart {
            (comparison_chart(&rows, "/100", &label))
            figcaption.report-note { "Dernier score de maturité, sur 100." }
        }
        (scroll("Évolution de la maturité par commune", html! { table.report-table data-testid="report-maturity-communes" {
            caption { "Évolution de la maturité par commune" }
            thead { tr { th scope="col" { "Commune" } th scope="col" { "Première évaluation" } th scope="col" { "Dernière évaluation" } th scope="col" class="num" { "Évolution" } } }
            tbody { @for c in &r.communes {
                @let m = &c.report.maturity;
                tr {
                    th scope="row" { (c.name()) }
                    td { @match m.scores.first() { Some((d, s)) => { (number(*s)) " / 100 (" (d.french()) ")" }, None => "—" } }
                    td { @match m.last() { Some((d, s)) => { (number(s)) " / 100 (" (d.french()) ")" }, None => "—" } }
                    td.num { @match m.change() { Some(v) => { (if v >= 0.0 { "+" } else { "" }) (number(v)) }, None => "—" } }
                }
            } }
        } }))
    }
}
