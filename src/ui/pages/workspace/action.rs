//! The project sheet of an action: owner service, provider, status, dates,
//! milestones, risks, budget lines and the indicators of its objective.

use super::{confirm, send, use_workspace};
use crate::model::analysis::budget::BudgetTotals;
use crate::model::analysis::dashboard::project_health;
use crate::model::kinds::strategy::{Action, ActionStatus, Milestone, Risk, RiskLevel};
use crate::model::values::format::{money, percent};
use crate::model::{new_id, Collection, Command, Entity};
use crate::ui::components::form::{SelectField, TextArea, TextField};
use crate::ui::components::title::set_title;
use crate::ui::state::{today, AppState, NoticeLevel};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

#[component]
pub fn ActionSheet() -> impl IntoView {
    let ctx = use_workspace();
    let params = use_params_map();
    let action_id = Memo::new(move |_| params.with(|p| p.get("action").unwrap_or_default()));
    let action = Memo::new(move |_| ctx.ws.with(|w| w.as_ref().and_then(|w| w.actions.get(&action_id.get()).cloned())));
    set_title(move || {
        action.with(|a| a.as_ref().map(|a| a.title.clone()).unwrap_or_else(|| "Action introuvable".into()))
    });
    view! {
        <section class="page" data-testid="action-sheet">
            <p><a href=move || { ctx.id.track(); ctx.href("strategie") }>"← Stratégie et projets"</a></p>
            {move || match action.get() {
                None => view! { <h1>"Action introuvable"</h1><p>"Cette action a peut-être été supprimée."</p> }.into_any(),
                Some(a) => view! { <ActionDetails id=action_id.get() action=a/> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn ActionDetails(id: String, action: Action) -> impl IntoView {
    let ctx = use_workspace();
    let state = expect_context::<AppState>();
    let navigate = use_navigate();
    let title = RwSignal::new(action.title.clone());
    let description = RwSignal::new(action.description.clone());
    let owner = RwSignal::new(action.owner_service.clone());
    let provider = RwSignal::new(action.provider.clone());
    let status = RwSignal::new(action.status);
    let start = RwSignal::new(action.start.clone());
    let end = RwSignal::new(action.end.clone());
    let base = action.clone();
    let action_id = id.clone();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if title.get().trim().is_empty() {
            state.notify(NoticeLevel::Error, "Le titre de l'action est obligatoire.");
            return;
        }
        if !start.get().is_empty() && !end.get().is_empty() && end.get() < start.get() {
            state.notify(NoticeLevel::Error, "La date de fin précède la date de début.");
            return;
        }
        let updated = Action {
            title: title.get().trim().to_string(),
            description: description.get(),
            owner_service: owner.get(),
            provider: provider.get(),
            status: status.get(),
            start: start.get(),
            end: end.get(),
            ..base.clone()
        };
        if send(
            state,
            &ctx.id.get_untracked(),
            Command::Update { id: action_id.clone(), entity: Entity::Action(updated) },
            "Mise à jour du projet",
        ) {
            state.notify(NoticeLevel::Success, "Projet enregistré.");
        }
    };
    let delete_id = id.clone();
    let delete_title = action.title.clone();
    let delete = move |_| {
        if confirm(&format!("Supprimer l'action « {delete_title} », ses jalons et ses risques ?"))
            && send(
                state,
                &ctx.id.get_untracked(),
                Command::Delete { collection: Collection::Actions, id: delete_id.clone() },
                "Suppression d'une action",
            )
        {
            navigate(&ctx.href("strategie"), Default::default());
        }
    };
    let statuses: Vec<(ActionStatus, String)> = ActionStatus::ALL.iter().map(|s| (*s, s.label().to_string())).collect();
    let health_id = id.clone();
    let health = move || {
        ctx.ws.with(|w| {
            w.as_ref().and_then(|w| w.actions.get(&health_id).map(|a| project_health(w, &health_id, a, today())))
        })
    };
    view! {
        <h1>{action.title.clone()}</h1>
        {move || health().map(|h| {
            let mut alerts = Vec::new();
            if h.late { alerts.push("L'échéance est dépassée.".to_string()); }
            if h.over_budget { alerts.push("Les crédits engagés dépassent les crédits votés.".to_string()); }
            if h.overdue_milestones > 0 { alerts.push(format!("{} jalon(s) en retard.", h.overdue_milestones)); }
            (!alerts.is_empty()).then(|| view! { <p class="callout callout-warning" data-testid="action-alerts">{alerts.join(" ")}</p> })
        })}
        <form on:submit=save class="grid-form" data-testid="action-form">
            <TextField label="Titre" value=title required=true testid="action-title"/>
            <SelectField label="Statut" value=status options=statuses testid="action-status"/>
            <TextField label="Service pilote" value=owner testid="action-owner"/>
            <TextField label="Prestataire" value=provider testid="action-provider"/>
            <TextField label="Début" value=start kind="date" testid="action-start"/>
            <TextField label="Fin prévue" value=end kind="date" testid="action-end"/>
            <TextArea label="Description" value=description/>
            <div class="actions">
                <button type="submit" class="button button-primary" data-testid="action-save">"Enregistrer"</button>
                <button type="button" class="button button-danger" on:click=delete>"Supprimer l'action"</button>
            </div>
        </form>
        <Milestones action_id=id.clone()/>
        <Risks action_id=id.clone()/>
        <BudgetOfAction action_id=id.clone()/>
        <LinkedIndicators objective_id=action.objective_id.clone()/>
    }
}

#[component]
fn Milestones(action_id: String) -> impl IntoView {
    let ctx = use_workspace();
    let state = expect_context::<AppState>();
    let title = RwSignal::new(String::new());
    let due = RwSignal::new(String::new());
    let list_id = action_id.clone();
    let milestones = move || {
        let mut v: Vec<(String, Milestone)> = ctx.ws.with(|w| {
            w.as_ref()
                .map(|w| {
                    w.milestones
                        .iter()
                        .filter(|(_, m)| m.action_id == list_id)
                        .map(|(k, m)| (k.clone(), m.clone()))
                        .collect()
                })
                .unwrap_or_default()
        });
        v.sort_by(|a, b| a.1.due.cmp(&b.1.due));
        v
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if title.get().trim().is_empty() {
            state.notify(NoticeLevel::Error, "Donnez un intitulé au jalon.");
            return;
        }
        let m = Milestone {
            action_id: action_id.clone(),
            title: title.get().trim().to_string(),
            due: due.get(),
            done: false,
        };
        if send(
            state,
            &ctx.id.get_untracked(),
            Command::Create { id: new_id(), entity: Entity::Milestone(m) },
            "Nouveau jalon",
        ) {
            title.set(String::new());
            due.set(String::new());
        }
    };
    view! {
        <section aria-labelledby="jalons">
            <h2 id="jalons">"Jalons"</h2>
            <ul class="plain-list" data-testid="milestones">
                <For each=milestones key=|(k, m)| (k.clone(), m.done, m.title.clone(), m.due.clone()) let:item>
                    {
                        let (mid, m) = item;
                        let toggled = Milestone { done: !m.done, ..m.clone() };
                        let toggle_id = mid.clone();
                        let label = format!("{} — {}", m.title, crate::model::values::period::Date::parse_iso(&m.due).map(|d| d.french()).unwrap_or_else(|_| "sans date".into()));
                        view! {
                            <li>
                                <label class="check-line">
                                    <input type="checkbox" prop:checked=m.done on:change=move |_| {
                                        send(state, &ctx.id.get_untracked(), Command::Update { id: toggle_id.clone(), entity: Entity::Milestone(toggled.clone()) }, "Jalon mis à jour");
                                    }/>
                                    {label}
                                </label>
                                " "
                                <button type="button" class="button-link danger" on:click=move |_| {
                                    send(state, &ctx.id.get_untracked(), Command::Delete { collection: Collection::Milestones, id: mid.clone() }, "Suppression d'un jalon");
                                }>"Supprimer"<span class="visually-hidden">{format!(" le jalon {}", m.title)}</span></button>
                            </li>
                        }
                    }
                </For>
            </ul>
            <form class="inline-form" on:submit=add>
                <TextField label="Nouveau jalon" value=title testid="milestone-title"/>
                <TextField label="Échéance" value=due kind="date" testid="milestone-due"/>
                <button type="submit" class="button button-secondary">"Ajouter le jalon"</button>
            </form>
        </section>
    }
}

#[component]
fn Risks(action_id: String) -> impl IntoView {
    let ctx = use_workspace();
    let state = expect_context::<AppState>();
    let title = RwSignal::new(String::new());
    let level = RwSignal::new(RiskLevel::Medium);
    let mitigation = RwSignal::new(String::new());
    let list_id = action_id.clone();
    let risks = move || {
        ctx.ws.with(|w| {
            w.as_ref()
                .map(|w| {
                    w.risks
                        .iter()
                        .filter(|(_, r)| r.action_id == list_id)
                        .map(|(k, r)| (k.clone(), r.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if title.get().trim().is_empty() {
            state.notify(NoticeLevel::Error, "Décrivez le risque.");
            return;
        }
        let r = Risk {
            action_id: action_id.clone(),
            title: title.get().trim().to_string(),
            level: level.get(),
            mitigation: mitigation.get(),
        };
        if send(
            state,
            &ctx.id.get_untracked(),
            Command::Create { id: new_id(), entity: Entity::Risk(r) },
            "Nouveau risque",
        ) {
            title.set(String::new());
            mitigation.set(String::new());
        }
    };
    let levels: Vec<(RiskLevel, String)> = RiskLevel::ALL.iter().map(|l| (*l, l.label().to_string())).collect();
    view! {
        <section aria-labelledby="risques">
            <h2 id="risques">"Risques"</h2>
            <table class="table" data-testid="risks">
                <caption class="visually-hidden">"Risques du projet"</caption>
                <thead><tr><th scope="col">"Risque"</th><th scope="col">"Niveau"</th><th scope="col">"Parade"</th><th scope="col"><span class="visually-hidden">"Actions"</span></th></tr></thead>
                <tbody>
                    <For each=risks key=|(k, r)| (k.clone(), r.title.clone()) let:item>
                        {
                            let (rid, r) = item;
                            view! {
                                <tr>
                                    <td>{r.title.clone()}</td>
                                    <td>{r.level.label()}</td>
                                    <td>{r.mitigation.clone()}</td>
                                    <td><button type="button" class="button-link danger" on:click=move |_| {
                                        send(state, &ctx.id.get_untracked(), Command::Delete { collection: Collection::Risks, id: rid.clone() }, "Suppression d'un risque");
                                    }>"Supprimer"<span class="visually-hidden">{format!(" le risque {}", r.title)}</span></button></td>
                                </tr>
                            }
                        }
                    </For>
                </tbody>
            </table>
            <form class="inline-form" on:submit=add>
                <TextField label="Nouveau risque" value=title testid="risk-title"/>
                <SelectField label="Niveau" value=level options=levels/>
                <TextField label="Parade" value=mitigation/>
                <button type="submit" class="button button-secondary">"Ajouter le risque"</button>
            </form>
        </section>
    }
}

#[component]
fn BudgetOfAction(action_id: String) -> impl IntoView {
    let ctx = use_workspace();
    let lines = move || {
        ctx.ws.with(|w| {
            w.as_ref()
                .map(|w| w.budget_lines.values().filter(|l| l.action_id == action_id).cloned().collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };
    view! {
        <section aria-labelledby="budget-projet">
            <h2 id="budget-projet">"Budget"</h2>
            {move || {
                let lines = lines();
                if lines.is_empty() {
                    return view! { <p>"Aucune ligne budgétaire rattachée. " <a href=ctx.href("finances")>"Ajouter une ligne dans Finances"</a></p> }.into_any();
                }
                let totals = BudgetTotals::of(lines.iter());
                view! {
                    <table class="table">
                        <caption class="visually-hidden">"Lignes budgétaires du projet"</caption>
                        <thead><tr><th scope="col">"Année"</th><th scope="col">"Libellé"</th><th scope="col" class="num">"Voté"</th><th scope="col" class="num">"Engagé"</th><th scope="col" class="num">"Mandaté"</th></tr></thead>
                        <tbody>
                            {lines.iter().map(|l| view! {
                                <tr><td>{l.year}</td><td>{l.label.clone()}</td><td class="num">{money(l.planned)}</td><td class="num">{money(l.committed)}</td><td class="num">{money(l.paid)}</td></tr>
                            }).collect_view()}
                        </tbody>
                        <tfoot><tr><th scope="row" colspan="2">"Total"</th><td class="num">{money(totals.planned)}</td><td class="num">{money(totals.committed)}</td><td class="num">{money(totals.paid)}</td></tr></tfoot>
                    </table>
                    <p>{format!("Taux d'exécution : {}", totals.execution_rate().map(percent).unwrap_or_else(|| "—".into()))}</p>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn LinkedIndicators(objective_id: String) -> impl IntoView {
    let ctx = use_workspace();
    let indicators = move || {
        ctx.ws.with(|w| {
            w.as_ref()
                .map(|w| {
                    w.indicators
                        .iter()
                        .filter(|(_, i)| !objective_id.is_empty() && i.objective_id == objective_id)
                        .map(|(k, i)| (k.clone(), i.name.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    view! {
        <section aria-labelledby="indicateurs-lies">
            <h2 id="indicateurs-lies">"Indicateurs de l'objectif"</h2>
            {move || {
                let list = indicators();
                if list.is_empty() {
                    view! { <p>"Aucun indicateur n'est rattaché à l'objectif de cette action."</p> }.into_any()
                } else {
                    view! { <ul>{list.into_iter().map(|(id, name)| view! { <li><a href=ctx.href(&format!("indicateurs/{id}"))>{name}</a></li> }).collect_view()}</ul> }.into_any()
                }
            }}
        </section>
    }
}
