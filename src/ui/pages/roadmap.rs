//! « Feuille de route partagée » : axes and actions shared by several
//! collectivités; each participant sets its own status of each action, the
//! mentor merges the files it receives in any order.

use crate::model::kinds::collectivity::CollectivityKind;
use crate::model::kinds::meta::DocKind;
use crate::model::kinds::roadmap::{
    Comment, Participant, ParticipantRole, ParticipantStatus, ProgressStatus, RoadmapAction, RoadmapAxis,
};
use crate::model::{new_id, Command, Entity};
use crate::ui::components::form::{SelectField, TextField};
use crate::ui::components::live_status::DocumentLiveStatus;
use crate::ui::components::title::set_title;
use crate::ui::pages::workspace::send;
use crate::ui::state::{now_ms, AppState, NoticeLevel};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn RoadmapPage() -> impl IntoView {
    let state = expect_context::<AppState>();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let roadmap = Memo::new(move |_| state.roadmap(&id.get()));
    set_title(move || {
        roadmap.with(|r| r.as_ref().map(|r| r.meta.title.clone()).unwrap_or_else(|| "Feuille de route".into()))
    });
    // Which participant this browser speaks for (its column is editable).
    // Empty: read only, until the person says which collectivité they are.
    let me = RwSignal::new(String::new());

    let p_code = RwSignal::new(String::new());
    let p_name = RwSignal::new(String::new());
    let p_role = RwSignal::new(ParticipantRole::Member);
    let add_participant = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let code = p_code.get().trim().to_string();
        let name = p_name.get().trim().to_string();
        if code.is_empty() || name.is_empty() {
            state.notify(
                NoticeLevel::Error,
                "Indiquez le code (INSEE ou SIREN) et le nom de la collectivité participante.",
            );
            return;
        }
        let participant = Participant { name, kind: CollectivityKind::Commune, role: p_role.get() };
        if send(state, &id.get_untracked(), Command::SetParticipant { code, participant }, "Nouveau participant") {
            p_code.set(String::new());
            p_name.set(String::new());
        }
    };
    let axis_title = RwSignal::new(String::new());
    let add_axis = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let title = axis_title.get().trim().to_string();
        if title.is_empty() {
            return;
        }
        let order = roadmap.with_untracked(|r| r.as_ref().map(|r| r.axes.len() as f64 + 1.0).unwrap_or(1.0));
        if send(
            state,
            &id.get_untracked(),
            Command::Create { id: new_id(), entity: Entity::RoadmapAxis(RoadmapAxis { title, order }) },
            "Nouvel axe",
        ) {
            axis_title.set(String::new());
        }
    };
    let roles = vec![
        (ParticipantRole::Member, "Commune accompagnée".to_string()),
        (ParticipantRole::Mentor, "Collectivité marraine (mentor)".to_string()),
    ];

    view! {
        <section class="page" data-testid="roadmap">
            {move || match roadmap.get() {
                None if state.is_reading(&id.get()) => view! { <h1>"Chargement de la feuille de route…"</h1> }.into_any(),
                None => view! { <h1>"Feuille de route introuvable"</h1><p>"Importez-la depuis le fichier ou le lien reçu."</p> }.into_any(),
                Some(r) => {
                    let participants: Vec<(String, Participant)> = r.participants.clone().into_iter().collect();
                    let mut axes: Vec<(String, RoadmapAxis)> = r.axes.clone().into_iter().collect();
                    axes.sort_by(|a, b| a.1.order.total_cmp(&b.1.order));
                    let me_options: Vec<(String, String)> = std::iter::once((String::new(), "Personne (consultation seule)".to_string()))
                        .chain(participants.iter().map(|(c, p)| (c.clone(), p.name.clone())))
                        .collect();
                    view! {
                        <h1>{r.meta.title.clone()}</h1>
                        <DocumentLiveStatus id=id.get()/>
                        <p>"Chaque collectivité met à jour l'avancement de ses actions puis renvoie le fichier ou le lien ; la collectivité marraine importe les retours dans n'importe quel ordre et obtient une feuille de route fusionnée."</p>
                        <h2>"Participants"</h2>
                        <ul class="plain-list" data-testid="participants">
                            {participants.iter().map(|(code, p)| view! {
                                <li>{format!("{} ({code})", p.name)}{(p.role == ParticipantRole::Mentor).then_some(" — marraine")}</li>
                            }).collect_view()}
                        </ul>
                        {(me_options.len() > 1).then(|| view! {
                            <SelectField label="Vous mettez à jour l'avancement de" value=me options=me_options testid="roadmap-me"/>
                        })}
                        {axes.into_iter().map(|(axis_id, axis)| {
                            let mut actions: Vec<(String, RoadmapAction)> = r.actions.iter().filter(|(_, a)| a.axis_id == axis_id).map(|(k, a)| (k.clone(), a.clone())).collect();
                            actions.sort_by(|a, b| a.1.order.total_cmp(&b.1.order));
                            let participants = participants.clone();
                            let statuses = r.statuses.clone();
                            let comments = r.comments.clone();
                            view! {
                                <h2>{axis.title.clone()}</h2>
                                <div class="table-wrap">
                                    <table class="table" data-testid="roadmap-matrix">
                                        <caption class="visually-hidden">{format!("Avancement des actions de l'axe {}", axis.title)}</caption>
                                        <thead><tr>
                                            <th scope="col">"Action"</th>
                                            {participants.iter().map(|(_, p)| view! { <th scope="col">{p.name.clone()}</th> }).collect_view()}
                                        </tr></thead>
                                        <tbody>
                                            {actions.into_iter().map(|(action_id, action)| {
                                                let per = statuses.get(&action_id).cloned().unwrap_or_default();
                                                let notes: Vec<Comment> = comments.values().filter(|c| c.action_id == action_id).cloned().collect();
                                                view! {
                                                    <tr>
                                                        <th scope="row">
                                                            {action.title.clone()}
                                                            {notes.into_iter().map(|c| view! { <p class="muted">{format!("{} : {}", c.author, c.text)}</p> }).collect_view()}
                                                        </th>
                                                        {participants.iter().map(|(code, p)| {
                                                            let current = per.get(code).cloned().unwrap_or_default();
                                                            let code = code.clone();
                                                            let action_id = action_id.clone();
                                                            let label = format!("Avancement de {} pour « {} »", p.name, action.title);
                                                            let cell_code = code.clone();
                                                            view! {
                                                                <td data-testid=format!("status-{code}")>
                                                                    {move || if me.get() == cell_code {
                                                                        let action_id = action_id.clone();
                                                                        let code = cell_code.clone();
                                                                        let current = current.clone();
                                                                        let label = label.clone();
                                                                        let select_id = format!("st-{action_id}-{code}");
                                                                        view! {
                                                                            <label for=select_id.clone() class="visually-hidden">{label}</label>
                                                                            <select id=select_id prop:value=format!("{:?}", current.status) on:change=move |ev| {
                                                                                let chosen = event_target_value(&ev);
                                                                                let Some(status) = ProgressStatus::ALL.iter().find(|s| format!("{s:?}") == chosen) else { return };
                                                                                let value = ParticipantStatus { status: *status, comment: current.comment.clone(), updated_by: state.author.get_untracked(), updated_at: now_ms() };
                                                                                send(state, &id.get_untracked(), Command::SetParticipantStatus { action_id: action_id.clone(), participant: code.clone(), status: value }, "Avancement mis à jour");
                                                                            }>
                                                                                {ProgressStatus::ALL.iter().map(|s| view! { <option value=format!("{s:?}")>{s.label()}</option> }).collect_view()}
                                                                            </select>
                                                                        }.into_any()
                                                                    } else {
                                                                        view! { <span>{current.status.label()}</span> }.into_any()
                                                                    }}
                                                                </td>
                                                            }
                                                        }).collect_view()}
                                                    </tr>
                                                }
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                                <AddAction roadmap_id=id.get_untracked() axis_id=axis_id.clone() axis_title=axis.title.clone()/>
                            }
                        }).collect_view()}
                    }.into_any()
                }
            }}
            <h2>"Ajouter un participant"</h2>
            <form class="inline-form" on:submit=add_participant data-testid="add-participant">
                <TextField label="Code INSEE ou SIREN" value=p_code testid="participant-code"/>
                <TextField label="Nom" value=p_name testid="participant-name"/>
                <SelectField label="Rôle" value=p_role options=roles/>
                <button type="submit" class="button button-secondary">"Ajouter le participant"</button>
            </form>
            <h2>"Ajouter un axe"</h2>
            <form class="inline-form" on:submit=add_axis data-testid="add-roadmap-axis">
                <TextField label="Titre de l'axe" value=axis_title testid="roadmap-axis-title"/>
                <button type="submit" class="button button-secondary">"Ajouter l'axe"</button>
            </form>
            <p><a href="/documents">"Partager cette feuille de route (fichier ou lien)"</a></p>
        </section>
    }
}

#[component]
fn AddAction(roadmap_id: String, axis_id: String, axis_title: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let title = RwSignal::new(String::new());
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = title.get().trim().to_string();
        if text.is_empty() {
            return;
        }
        let order = now_ms() as f64;
        let action = RoadmapAction { axis_id: axis_id.clone(), title: text, order, ..Default::default() };
        if send(
            state,
            &roadmap_id,
            Command::Create { id: new_id(), entity: Entity::RoadmapAction(action) },
            "Nouvelle action",
        ) {
            title.set(String::new());
        }
    };
    let id = crate::ui::components::form::unique_id("action-fdr");
    view! {
        <form class="inline-form" on:submit=add>
            <div class="field">
                <label for=id.clone()>{format!("Nouvelle action pour « {axis_title} »")}</label>
                <input id=id type="text" data-testid="roadmap-action-title" prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev))/>
            </div>
            <button type="submit" class="button button-secondary">"Ajouter l'action"</button>
        </form>
    }
}

/// Lists the roadmaps of this browser (used on the documents page).
pub fn roadmap_ids(state: &AppState) -> Vec<(String, String)> {
    state.documents().into_iter().filter(|d| d.kind == DocKind::Roadmap).map(|d| (d.id, d.title)).collect()
}
