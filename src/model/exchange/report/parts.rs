//! Pieces every report shares: the cover with its table of contents, a part
//! with its numbered heading, status badges and counts, money and rate
//! cells. Every text goes through maud, which escapes it: a title typed as
//! `<script>` is shown, never run.

use crate::model::analysis::budget::BudgetTotals;
use crate::model::analysis::report::workspace::Cover;
use crate::model::analysis::status::Status;
use crate::model::values::format::{money, number, percent};
use maud::{html, Markup};

/// A part of a report: its anchor and title.
pub struct Part {
    pub id: &'static str,
    pub title: &'static str,
}

/// The parts of a report, in order (numbered from 1).
pub const PARTS: [Part; 7] = [
    Part { id: "rapport-synthese", title: "Synthèse" },
    Part { id: "rapport-indicateurs", title: "Indicateurs" },
    Part { id: "rapport-budget", title: "Budget" },
    Part { id: "rapport-projets", title: "Projets" },
    Part { id: "rapport-formation", title: "Formation des agents" },
    Part { id: "rapport-donnees", title: "Gouvernance des données" },
    Part { id: "rapport-maturite", title: "Maturité" },
];

pub fn cover(cover: &Cover, subject: &str) -> Markup {
    html! {
        header.report-cover #rapport-couverture data-part="couverture" {
            p.report-kicker { "Rapport de pilotage de la transformation numérique" }
            h1 { (cover.collectivity) }
            p.report-period { "Période couverte : " strong { (cover.period.label()) } }
            dl.report-facts {
                div { dt { "Collectivité" } dd {
                    (cover.kind)
                    @if !cover.code.is_empty() { " · " (cover.code) }
                    @if cover.population > 0 { " · " (number(cover.population as f64)) " habitants" }
                } }
                div { dt { "Objet" } dd { (subject) } }
                div { dt { "Établi le" } dd { (cover.date.french()) } }
                div { dt { "Par" } dd { @if cover.author.is_empty() { "—" } @else { (cover.author) } } }
            }
            @if cover.demo {
                p.report-demo { "Données de démonstration : une intercommunalité fictive." }
            }
            nav.report-toc aria-label="Sommaire du rapport" {
                h2.report-toc-title { "Sommaire" }
                ol { @for part in &PARTS { li { a href=(format!("#{}", part.id)) { (part.title) } } } }
            }
        }
    }
}

/// A numbered part, its content given.
pub fn part(index: usize, content: Markup) -> Markup {
    let part = &PARTS[index];
    html! {
        section.report-part id=(part.id) aria-labelledby=(format!("{}-titre", part.id)) data-part=(part.id) {
            h2 id=(format!("{}-titre", part.id)) { (index + 1) ". " (part.title) }
            (content)
        }
    }
}

pub fn badge(status: Status) -> Markup {
    html! { span class=(format!("report-badge report-badge-{}", status.slug())) { (status.label()) } }
}

pub fn status_counts(counts: &[(Status, usize)]) -> Markup {
    html! {
        ul.report-status-counts data-testid="report-status-counts" {
            @for (status, n) in counts {
                li { span.report-count { (n) } " " (badge(*status)) }
            }
        }
    }
}

/// A table in a box that scrolls sideways on a narrow screen (and can be
/// scrolled with the keyboard: it takes focus, RGAA 12.13), named after
/// the table's caption.
pub fn scroll(label: &str, table: Markup) -> Markup {
    html! { div.report-scroll role="region" tabindex="0" aria-label=(label) { (table) } }
}

pub fn rate(ratio: Option<f64>) -> String {
    ratio.map(percent).unwrap_or_else(|| "—".to_string())
}

/// Voted, committed, paid, execution rate: the cells of a money row.
pub fn money_cells(t: &BudgetTotals) -> Markup {
    html! {
        td.num { (money(t.planned)) }
        td.num { (money(t.committed)) }
        td.num { (money(t.paid)) }
        td.num { (rate(t.execution_rate())) }
    }
}

/// The header cells matching [`money_cells`].
pub fn money_headers() -> Markup {
    html! {
        th scope="col" class="num" { "Voté" }
        th scope="col" class="num" { "Engagé" }
        th scope="col" class="num" { "Mandaté" }
        th scope="col" class="num" { "Taux d'exécution" }
    }
}

/// The closing lines: where the figures come from.
pub fn colophon(cover: &Cover, source: &str) -> Markup {
    html! {
        footer.report-colophon {
            p {
                "Rapport établi le " (cover.date.french()) " avec Gouvernail, à partir " (source) ". "
                "Les valeurs sont celles connues à la fin de la période couverte ; les statuts des projets sont ceux du jour du rapport."
            }
        }
    }
}
