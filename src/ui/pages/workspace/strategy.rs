//! The strategy tree: axes → objectives → actions (projects), navigable and
//! editable, each action opening its project sheet; above it, the projects'
//! timeline (the steering report's own, its titles linked here) with the
//! same projects as a table.

use super::{confirm, send, use_workspace};
use crate::model::analysis::report::projects::projects_report;
use crate::model::exchange::report::timeline::{projects_table, timeline_html};
use crate::model::kinds::strategy::{Action, ActionStatus, Axis, Objective};
use crate::model::kinds::workspace::Workspace;
use crate::model::{new_id, Collection, Command, Entity};
use crate::ui::components::form::TextField;
use crate::ui::components::title::set_title;
use crate::ui::state::{today, AppState};
use leptos::prelude::*;

fn ordered<T: Clone>(items: impl Iterator<Item = (String, T)>, order: impl Fn(&T) -> f64) -> Vec<(String, T)> {
    let mut v: Vec<(String, T)> = items.collect();
    v.sort_by(|a, b| order(&a.1).total_cmp(&order(&b.1)));
    v
}

fn next_order(ws: &Workspace) -> f64 {
    let max = ws
        .axes
        .values()
        .map(|a| a.order)
        .chain(ws.objectives.values().map(|o| o.order))
        .chain(ws.actions.values().map(|a| a.order))
        .fold(0.0, f64::max);
    max + 1.0
}

#[component]
pub fn Strategy() -> impl IntoView {
    set_title(|| "Stratégie et projets".to_string());
    let ctx = use_workspace();
    let state = expect_context::<AppState>();
    let new_axis = RwSignal::new(String::new());

    let add_axis = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let title = new_axis.get().trim().to_string();
        if title.is_empty() {
            state.notify(crate::ui::state::NoticeLevel::Error, "Donnez un titre à l'axe.");
            return;
        }
        let order = ctx.ws.with_untracked(|w| w.as_ref().map(next_order).unwrap_or(1.0));
        let axis = Axis { title, order, ..Default::default() };
        if send(
            state,
            &ctx.id.get_untracked(),
            Command::Create { id: new_id(), entity: Entity::Axis(axis) },
            "Nouvel axe",
        ) {
            new_axis.set(String::new());
        }
    };

    view! {
        <section class="page" data-testid="strategy">
            <h1>"Stratégie et projets"</h1>
            <p>"Les axes de la stratégie numérique, leurs objectifs, et les actions (souvent des projets menés avec un prestataire)."</p>
            <Timeline/>
            {move || ctx.ws.get().map(|ws| {
                let axes = ordered(ws.axes.clone().into_iter(), |a: &Axis| a.order);
                if axes.is_empty() {
                    view! { <p class="empty">"Aucun axe pour l'instant : commencez par en créer un."</p> }.into_any()
                } else {
                    view! {
                        <ol class="tree" data-testid="strategy-tree">
                            {axes.into_iter().map(|(axis_id, axis)| view! { <AxisNode ws=ws.clone() axis_id=axis_id axis=axis/> }).collect_view()}
                        </ol>
                    }.into_any()
                }
            })}
            <form class="inline-form" on:submit=add_axis data-testid="add-axis">
                <TextField label="Nouvel axe" value=new_axis testid="new-axis-title"/>
                <button type="submit" class="button button-primary">"Ajouter l'axe"</button>
            </form>
        </section>
    }
}

/// The projects on a calendar, then as a table (the alternative for screen
/// readers, folded so sighted users see the calendar first).
#[component]
fn Timeline() -> impl IntoView {
    let ctx = use_workspace();
    let markup = Memo::new(move |_| {
        ctx.ws.with(|w| {
            let ws = w.as_ref()?;
            let projects = projects_report(ws, None, today());
            (!projects.projects.is_empty()).then(|| {
                let base = ctx.href("strategie");
                let link = move |id: &str| Some(format!("{base}/{id}"));
                (
                    timeline_html(&projects.timeline, &link).into_string(),
                    projects_table(&projects.projects, &link, "Projets : statut, prestataire, jalons et budget")
                        .into_string(),
                )
            })
        })
    });
    move || {
        markup.get().map(|(timeline, table)| {
            view! {
                <section class="strategy-timeline" aria-labelledby="calendrier-titre">
                    <h2 id="calendrier-titre">"Calendrier des projets"</h2>
                    <div inner_html=timeline></div>
                    <details class="timeline-table" data-testid="timeline-table">
                        <summary>"Voir le calendrier sous forme de tableau"</summary>
                        <div inner_html=table></div>
                    </details>
                </section>
            }
        })
    }
}

#[component]
fn AxisNode(ws: Workspace, axis_id: String, axis: Axis) -> impl IntoView {
    let ctx = use_workspace();
    let state = expect_context::<AppState>();
    let new_objective = RwSignal::new(String::new());
    let objectives = ordered(
        ws.objectives.iter().filter(|(_, o)| o.axis_id == axis_id).map(|(k, v)| (k.clone(), v.clone())),
        |o: &Objective| o.order,
    );
    let order = next_order(&ws);
    let axis_for_add = axis_id.clone();
    let add_objective = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let title = new_objective.get().trim().to_string();
        if title.is_empty() {
            return;
        }
        let objective = Objective { axis_id: axis_for_add.clone(), title, order, ..Default::default() };
        if send(
            state,
            &ctx.id.get_untracked(),
            Command::Create { id: new_id(), entity: Entity::Objective(objective) },
            "Nouvel objectif",
        ) {
            new_objective.set(String::new());
        }
    };
    let axis_for_delete = axis_id.clone();
    let title = axis.title.clone();
    let delete = move |_| {
        if confirm(&format!("Supprimer l'axe « {title} », ses objectifs et leurs actions ?")) {
            send(
                state,
                &ctx.id.get_untracked(),
                Command::Delete { collection: Collection::Axes, id: axis_for_delete.clone() },
                "Suppression d'un axe",
            );
        }
    };
    view! {
        <li class="tree-axis">
            <div class="tree-head">
                <h2>{axis.title.clone()}</h2>
                <button type="button" class="button-link danger" on:click=delete>
                    "Supprimer"<span class="visually-hidden">{format!(" l'axe {}", axis.title)}</span>
                </button>
            </div>
            {(!axis.description.is_empty()).then(|| view! { <p class="muted">{axis.description.clone()}</p> })}
            <ol class="tree-objectives">
                {objectives.into_iter().map(|(oid, o)| view! { <ObjectiveNode ws=ws.clone() objective_id=oid objective=o/> }).collect_view()}
            </ol>
            <form class="inline-form" on:submit=add_objective>
                <TextField label="Nouvel objectif pour cet axe" value=new_objective/>
                <button type="submit" class="button button-secondary">"Ajouter l'objectif"</button>
            </form>
        </li>
    }
}

#[component]
fn ObjectiveNode(ws: Workspace, objective_id: String, objective: Objective) -> impl IntoView {
    let ctx = use_workspace();
    let state = expect_context::<AppState>();
    let new_action = RwSignal::new(String::new());
    let actions = ordered(
        ws.actions.iter().filter(|(_, a)| a.objective_id == objective_id).map(|(k, v)| (k.clone(), v.clone())),
        |a: &Action| a.order,
    );
    let order = next_order(&ws);
    let parent = objective_id.clone();
    let add_action = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let title = new_action.get().trim().to_string();
        if title.is_empty() {
            return;
        }
        let action =
            Action { objective_id: parent.clone(), title, order, status: ActionStatus::Planned, ..Default::default() };
        if send(
            state,
            &ctx.id.get_untracked(),
            Command::Create { id: new_id(), entity: Entity::Action(action) },
            "Nouvelle action",
        ) {
            new_action.set(String::new());
        }
    };
    let title = objective.title.clone();
    let oid = objective_id.clone();
    let delete = move |_| {
        if confirm(&format!("Supprimer l'objectif « {title} » et ses actions ?")) {
            send(
                state,
                &ctx.id.get_untracked(),
                Command::Delete { collection: Collection::Objectives, id: oid.clone() },
                "Suppression d'un objectif",
            );
        }
    };
    let indicators = ws.indicators.values().filter(|i| i.objective_id == objective_id).count();
    view! {
        <li class="tree-objective">
            <div class="tree-head">
                <h3>{objective.title.clone()}</h3>
                {(indicators > 0).then(|| view! { <span class="muted">{format!("{indicators} indicateur(s)")}</span> })}
                <button type="button" class="button-link danger" on:click=delete>
                    "Supprimer"<span class="visually-hidden">{format!(" l'objectif {}", objective.title)}</span>
                </button>
            </div>
            <ul class="tree-actions">
                {actions.into_iter().map(|(aid, a)| view! {
                    <li>
                        <a href=ctx.href(&format!("strategie/{aid}"))>{a.title.clone()}</a>
                        " " <span class=format!("pill pill-{:?}", a.status).to_lowercase()>{a.status.label()}</span>
                        {(!a.provider.is_empty()).then(|| view! { <span class="muted">{format!(" — {}", a.provider)}</span> })}
                    </li>
                }).collect_view()}
            </ul>
            <form class="inline-form" on:submit=add_action>
                <TextField label="Nouvelle action pour cet objectif" value=new_action/>
                <button type="submit" class="button button-secondary">"Ajouter l'action"</button>
            </form>
        </li>
    }
}
