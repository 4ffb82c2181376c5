//! « Où en sommes-nous ? » — indicators by status, projects needing
//! attention, budget execution, last maturity score, measurements due.
//! Prints as a clean report (see the print stylesheet).

use super::use_workspace;
use crate::model::analysis::dashboard::dashboard;
use crate::model::analysis::status::Status;
use crate::model::values::format::{money, number, percent};
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
    let print = |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <section class="page dashboard" data-testid="dashboard">
            <div class="page-head">
                <h1>"Tableau de bord"</h1>
                <button type="button" class="button button-secondary no-print" on:click=print>"Imprimer le rapport"</button>
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
                                    {worrying.into_iter().map(|(id, name, report)| view! {
                                        <li>
                                            <StatusBadge status=report.status/>" "
                                            <a href=ctx.href(&format!("indicateurs/{id}"))>{name}</a>
                                            " — " {report.reason}
                                        </li>
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
                            }.into_any(),
                            None => view! { <p>"Aucune évaluation de maturité pour l'instant."</p> }.into_any(),
                        }}
                    </section>
                }
            })}
        </section>
    }
}
