//! « Où en sommes-nous ? » — indicators by status (a sparkline beside each
//! one needing attention), projects needing attention, the budget's
//! execution as a bar, the maturity trend, measurements due; and the way to
//! the « Rapport de pilotage ». The small charts are the report's own
//! (`exchange::report::svg`), so screen and report draw alike.

use super::use_workspace;
use crate::model::analysis::dashboard::dashboard;
use crate::model::analysis::report::capacity::maturity_report;
use crate::model::analysis::report::period::ReportPeriod;
use crate::model::analysis::status::{series, Status};
use crate::model::exchange::report::svg::{execution, sparkline};
use crate::model::values::format::{money, number, percent, with_unit};
use crate::ui::components::report_controls::print_page;
use crate::ui::components::status_badge::StatusBadge;
use crate::ui::components::title::set_title;
use crate::ui::state::today;
use leptos::prelude::*;

#[component]
pub fn Dashboard() -> impl IntoView {
    let ctx = use_workspace();
    set_title(move || {
        format!("Tableau de bord — {}", ctx.ws.with(|w| w.as_ref().map(|w| w.profile.name.clone()).unwrap_or_default()))
    });
    let summary = Memo::new(move |_| ctx.ws.with(|ws| ws.as_ref().map(|ws| dashboard(ws, today()))));
    // The last twelve values of an indicator, as a sparkline described in words.
    let trend = move |id: &str, name: &str| -> Option<String> {
        ctx.ws.with_untracked(|w| {
            let ws = w.as_ref()?;
            let unit = &ws.indicators.get(id)?.unit;
            let points = series(ws.measurements.get(id));
            let recent = &points[points.len().saturating_sub(12)..];
            let (first, last) = (recent.first()?, recent.last()?);
            (recent.len() > 1).then(|| {
                let label = format!(
                    "Tendance de « {name} » : {} ({}) → {} ({})",
                    with_unit(first.1, unit),
                    first.0.label(),
                    with_unit(last.1, unit),
                    last.0.label()
                );
                sparkline(&recent.iter().map(|p| p.1).collect::<Vec<_>>(), &label).into_string()
            })
        })
    };
    let maturity = Memo::new(move |_| {
        ctx.ws.with(|w| w.as_ref().map(|ws| maturity_report(ws, ReportPeriod::year(today().year))).unwrap_or_default())
    });
    view! {
        <section class="page dashboard" data-testid="dashboard">
            <div class="page-head">
                <h1>"Tableau de bord"</h1>
                <div class="actions no-print">
                    <a class="button button-primary" href=move || { ctx.id.track(); ctx.href("rapport") } data-testid="report-link">"Rapport de pilotage"</a>
                    <button type="button" class="button button-secondary" on:click=|_| print_page()>"Imprimer le tableau de bord"</button>
                </div>
            </div>
            {move || summary.get().map(|s| {
                let total: usize = s.by_status.values().map(Vec::len).sum();
                view! {
                    <section aria-labelledby="db-indicateurs" class="dashboard-block">
                        <h2 id="db-indicateurs">"Indicateurs"</h2>
                        <ul class="status-counts" data-testid="status-counts">
                            {Status::ALL.iter().map(|status| {
                                let n = s.by_status.get(status).map(Vec::len).unwrap_or(0);
                                view! {
                                    <li class=format!("status-count status-{}", status.slug()) data-testid=format!("count-{}", status.slug())>
                                        <span class="count">{n}</span>
                                        <StatusBadge status=*status/>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        <p class="muted">{format!("{total} indicateur(s) suivis.")}</p>
                        {
                            let worrying: Vec<_> = [Status::OffTrack, Status::AtRisk]
                                .iter()
                                .flat_map(|st| s.by_status.get(st).cloned().unwrap_or_default())
                                .collect();
                            (!worrying.is_empty()).then(|| view! {
                                <h3>"À regarder en priorité"</h3>
                                <ul class="plain-list" data-testid="worrying-indicators">
                                    {worrying.into_iter().map(|(id, name, report)| {
                                        let spark = trend(&id, &name);
                                        view! {
                                            <li class="attention-item">
                                                <span>
                                                    <StatusBadge status=report.status/>" "
                                                    <a href=ctx.href(&format!("indicateurs/{id}"))>{name}</a>
                                                    " — " {report.reason}
                                                </span>
                                                {spark.map(|svg| view! { <span class="sparkline-host" inner_html=svg></span> })}
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            })
                        }
                    </section>
                    <section aria-labelledby="db-mesures" class="dashboard-block">
                        <h2 id="db-mesures">"Mesures à saisir"</h2>
                        {if s.missing.is_empty() {
                            view! { <p>"Toutes les mesures attendues sont saisies."</p> }.into_any()
                        } else {
                            view! {
                                <ul class="plain-list" data-testid="missing-measurements">
                                    {s.missing.iter().map(|(id, name, period)| view! {
                                        <li><a href=ctx.href(&format!("indicateurs/{id}"))>{name.clone()}</a>" — " {period.clone()}</li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                    </section>
                    <section aria-labelledby="db-projets" class="dashboard-block">
                        <h2 id="db-projets">"Projets en retard ou hors budget"</h2>
                        {if s.projects_needing_attention.is_empty() {
                            view! { <p>"Aucun projet en retard ni en dépassement."</p> }.into_any()
                        } else {
                            view! {
                                <ul class="plain-list" data-testid="projects-attention">
                                    {s.projects_needing_attention.iter().map(|(id, title, h)| {
                                        let mut reasons = Vec::new();
                                        if h.late { reasons.push("échéance dépassée".to_string()); }
                                        if h.over_budget { reasons.push("engagé supérieur au voté".to_string()); }
                                        if h.overdue_milestones > 0 { reasons.push(format!("{} jalon(s) en retard", h.overdue_milestones)); }
                                        view! {
                                            <li><a href=ctx.href(&format!("strategie/{id}"))>{title.clone()}</a>" — " {reasons.join(", ")}</li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                    </section>
                    <section aria-labelledby="db-budget" class="dashboard-block">
                        <h2 id="db-budget">{match s.budget_year { Some(y) => format!("Budget numérique {y}"), None => "Budget numérique".to_string() }}</h2>
                        {if s.budget_year.is_none() {
                            view! { <p>"Aucune ligne budgétaire saisie."</p> }.into_any()
                        } else {
                            view! {
                                <dl class="key-figures" data-testid="budget-figures">
                                    <div><dt>"Crédits votés"</dt><dd>{money(s.budget.planned)}</dd></div>
                                    <div><dt>"Engagés"</dt><dd>{money(s.budget.committed)}</dd></div>
                                    <div><dt>"Mandatés"</dt><dd>{money(s.budget.paid)}</dd></div>
                                    <div><dt>"Taux d'exécution"</dt><dd data-testid="execution-rate">{s.budget.execution_rate().map(percent).unwrap_or_else(|| "—".into())}</dd></div>
                                    <div><dt>"Par habitant"</dt><dd>{s.budget_per_inhabitant.map(money).unwrap_or_else(|| "—".into())}</dd></div>
                                </dl>
                                <div inner_html=execution(&s.budget).into_string()></div>
                            }.into_any()
                        }}
                    </section>
                    <section aria-labelledby="db-maturite" class="dashboard-block">
                        <h2 id="db-maturite">"Maturité"</h2>
                        {match s.last_maturity.clone() {
                            Some((date, score)) => view! {
                                <p data-testid="last-maturity">
                                    "Dernière évaluation : " <strong>{format!("{} / 100", number(score))}</strong>
                                    {format!(" ({})", crate::model::values::period::Date::parse_iso(&date).map(|d| d.french()).unwrap_or(date))}
                                </p>
                                {move || maturity.with(|m| {
                                    let (change, first) = (m.change()?, m.scores.first()?);
                                    let label = format!(
                                        "Scores de maturité : {}",
                                        m.scores.iter().map(|(d, s)| format!("{} le {}", number(*s), d.french())).collect::<Vec<_>>().join(", ")
                                    );
                                    let svg = sparkline(&m.scores.iter().map(|s| s.1).collect::<Vec<_>>(), &label).into_string();
                                    Some(view! {
                                        <p class="trend-line" data-testid="maturity-trend">
                                            <span class="sparkline-host" inner_html=svg></span>
                                            {format!(
                                                "{} {} point(s) depuis la première évaluation ({}).",
                                                if change >= 0.0 { "En hausse de" } else { "En baisse de" },
                                                number(change.abs()),
                                                first.0.french()
                                            )}
                                        </p>
                                    })
                                })}
                            }.into_any(),
                            None => view! { <p>"Aucune évaluation de maturité pour l'instant."</p> }.into_any(),
                        }}
                    </section>
                }
            })}
        </section>
    }
}
