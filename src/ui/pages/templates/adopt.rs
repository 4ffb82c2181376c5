//! Adopting a template into a workspace (or starting a shared roadmap from
//! a skeleton), and pulling its updates item by item with the town's choices.

use crate::model::exchange::adoption::{
    adopt, apply_update, field_label, plan_update, update_available, ChangeKind, Choices, Resolution, WHOLE_ITEM,
};
use crate::model::exchange::skeleton::roadmap_from_skeleton;
use crate::model::kinds::meta::DocKind;
use crate::model::kinds::template::Template;
use crate::ui::components::form::SelectField;
use crate::ui::pages::templates::sheet::show;
use crate::ui::state::{now_ms, AppState, NoticeLevel};
use leptos::prelude::*;

/// Adopt into a workspace, or pull an update where already adopted.
#[component]
pub(super) fn Adopt(template: Template) -> impl IntoView {
    let state = expect_context::<AppState>();
    let adoptable = !(template.indicators.is_empty()
        && template.axes.is_empty()
        && template.texts.is_empty()
        && template.questions.is_empty());
    // Where the adopted items show up in the workspace.
    let section = if !template.indicators.is_empty() {
        "indicateurs"
    } else if !template.axes.is_empty() {
        "strategie"
    } else if !template.texts.is_empty() {
        "textes"
    } else {
        "maturite"
    };
    let workspaces: Vec<(String, String)> =
        state.documents().into_iter().filter(|d| d.kind == DocKind::Workspace).map(|d| (d.id, d.title)).collect();
    let target = RwSignal::new(workspaces.first().map(|w| w.0.clone()).unwrap_or_default());
    let t = template.clone();
    let adopt_now = move |_| {
        let Some(ws) = state.workspace(&target.get_untracked()) else { return };
        match adopt(&t, &ws, now_ms()) {
            Ok(commands) => {
                if state
                    .dispatch_batch(
                        &target.get_untracked(),
                        commands,
                        &format!("Adoption du modèle « {} »", t.meta.title),
                    )
                    .is_ok()
                {
                    state.notify(
                        NoticeLevel::Success,
                        format!("Modèle « {} » adopté : adaptez-le librement.", t.meta.title),
                    );
                }
            }
            Err(e) => state.notify(NoticeLevel::Error, e.message().to_string()),
        }
    };
    let status = {
        let template = template.clone();
        move || {
            let ws = state.workspace(&target.get())?;
            let adoption = ws.adoptions.get(&template.meta.id)?.clone();
            Some((adoption, update_available(&template, &ws)))
        }
    };
    let tpl = template.clone();
    let skeleton = template.clone();
    let navigate = leptos_router::hooks::use_navigate();
    let make_roadmap = move |_| {
        let commands = match roadmap_from_skeleton(&skeleton) {
            Ok(c) => c,
            Err(e) => return state.notify(NoticeLevel::Error, e.message().to_string()),
        };
        let created = state.create_document(DocKind::Roadmap, &skeleton.meta.title).and_then(|id| {
            state
                .dispatch_batch(&id, commands, &format!("Trame reprise du modèle « {} »", skeleton.meta.title))
                .map(|_| id)
        });
        match created {
            Ok(id) => {
                state.notify(
                    NoticeLevel::Success,
                    "Feuille de route créée : ajoutez les collectivités participantes, puis partagez-la.",
                );
                navigate(&format!("/feuille-de-route/{id}"), Default::default());
            }
            Err(e) => state.notify(NoticeLevel::Error, e),
        }
    };
    view! {
        {(!template.axes.is_empty()).then(|| view! {
            <h2>"Lancer une feuille de route partagée"</h2>
            <p>"Reprenez cette trame comme feuille de route commune à plusieurs collectivités : chacune y suivra son avancement."</p>
            <button type="button" class="button button-secondary" data-testid="roadmap-from-skeleton" on:click=make_roadmap>"Créer une feuille de route partagée à partir de cette trame"</button>
        })}
        {adoptable.then(|| view! {
            <h2>"Adopter dans un espace"</h2>
            {if workspaces.is_empty() {
                view! { <p>"Créez d'abord l'espace de votre collectivité."</p> }.into_any()
            } else {
                view! {
                    <SelectField label="Espace de travail" value=target options=workspaces.clone() testid="adopt-target"/>
                    {move || match status() {
                        None => view! { <button type="button" class="button button-primary" data-testid="adopt" on:click=adopt_now.clone()>"Adopter ce modèle"</button> }.into_any(),
                        Some((adoption, false)) => view! {
                            <p data-testid="adopted">{format!("Adopté (version {}). Aucune mise à jour disponible. ", adoption.version)}
                                <a href=format!("/espace/{}/{section}", target.get())>"Voir dans l'espace"</a>
                            </p>
                        }.into_any(),
                        Some((adoption, true)) => view! {
                            <p class="callout callout-warning" data-testid="update-available">{format!("Mise à jour disponible : version {} → {}.", adoption.version, tpl.info.version)}</p>
                            <UpdatePreview template=tpl.clone() workspace_id=target.get()/>
                        }.into_any(),
                    }}
                }.into_any()
            }}
        })}
    }
}

#[component]
fn UpdatePreview(template: Template, workspace_id: String) -> impl IntoView {
    let state = expect_context::<AppState>();
    let Some(ws) = state.workspace(&workspace_id) else { return ().into_any() };
    let plan = match plan_update(&template, &ws) {
        Ok(p) => p,
        Err(e) => return view! { <p class="form-error">{e.message().to_string()}</p> }.into_any(),
    };
    let choices = RwSignal::new(Choices::new());
    let choose = move |key: String, field: String, take: bool| {
        choices.update(|c| {
            c.insert((key, field), take);
        })
    };
    let (p, t, w, wid) = (plan.clone(), template.clone(), ws.clone(), workspace_id.clone());
    let apply = move |_| match apply_update(&p, &t, &w, &choices.get_untracked(), now_ms()) {
        Ok(commands) => {
            if state
                .dispatch_batch(
                    &wid,
                    commands,
                    &format!("Mise à jour du modèle « {} » (version {})", t.meta.title, t.info.version),
                )
                .is_ok()
            {
                state.notify(NoticeLevel::Success, "Mise à jour appliquée ; vos modifications sont conservées.");
            }
        }
        Err(e) => state.notify(NoticeLevel::Error, e.message().to_string()),
    };
    view! {
        <ul class="plain-list" data-testid="update-preview">
            {plan.changes.into_iter().map(|c| {
                let key = c.key.clone();
                let body = match c.change {
                    ChangeKind::Added => view! { <span>"Nouvel élément, sera ajouté."</span> }.into_any(),
                    ChangeKind::Removed { edited_here: false } => view! { <span>"Retiré du modèle, sera retiré de votre espace."</span> }.into_any(),
                    ChangeKind::Removed { edited_here: true } => {
                        let k = key.clone();
                        view! { <label class="check-line"><input type="checkbox" on:change=move |ev| choose(k.clone(), WHOLE_ITEM.into(), event_target_checked(&ev))/>"Retiré du modèle mais modifié chez vous : le retirer quand même"</label> }.into_any()
                    }
                    ChangeKind::DeletedHere => {
                        let k = key.clone();
                        view! { <label class="check-line"><input type="checkbox" on:change=move |ev| choose(k.clone(), WHOLE_ITEM.into(), event_target_checked(&ev))/>"Supprimé chez vous mais modifié dans le modèle : le rétablir"</label> }.into_any()
                    }
                    ChangeKind::Modified(fields) => view! {
                        <ul>{fields.into_iter().map(|f| {
                            let k = key.clone();
                            let field = f.field.clone();
                            match f.resolution {
                                Resolution::TakeTheirs => view! { <li>{format!("{} : « {} » → « {} »", field_label(&f.field), show(&f.mine), show(&f.theirs))}</li> }.into_any(),
                                Resolution::Conflict => {
                                    let name = format!("conflit-{}-{}", key, f.field);
                                    let (k2, field2) = (k.clone(), field.clone());
                                    view! {
                                        <li data-testid="conflict">
                                            <fieldset class="question">
                                                <legend>{format!("{} : modifié des deux côtés", field_label(&f.field))}</legend>
                                                <span class="radio"><input type="radio" id=format!("{name}-mine") name=name.clone() checked=true on:change=move |_| choose(k.clone(), field.clone(), false)/><label for=format!("{name}-mine")>{format!("Garder ma valeur : « {} »", show(&f.mine))}</label></span>
                                                <span class="radio"><input type="radio" id=format!("{name}-theirs") name=name.clone() on:change=move |_| choose(k2.clone(), field2.clone(), true)/><label for=format!("{name}-theirs")>{format!("Prendre celle du modèle : « {} »", show(&f.theirs))}</label></span>
                                            </fieldset>
                                        </li>
                                    }.into_any()
                                }
                            }
                        }).collect_view()}</ul>
                    }.into_any(),
                };
                view! { <li><strong>{c.label.clone()}</strong>" — " {body}</li> }
            }).collect_view()}
        </ul>
        <button type="button" class="button button-primary" data-testid="apply-template-update" on:click=apply>"Appliquer la mise à jour"</button>
    }
    .into_any()
}
