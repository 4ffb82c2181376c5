//! « Modèles » (mécénat de compétences): the template library, a template's
//! sheet, publishing a new version, adopting it into a workspace, and
//! pulling its updates item by item with the town's choices.

use crate::model::adoption::{adopt, apply_update, field_label, plan_update, roadmap_from_skeleton, update_available, ChangeKind, Choices, Resolution, WHOLE_ITEM};
use crate::model::meta::DocKind;
use crate::model::template::{Question, Template, TemplateInfo, TemplateKind, TextBlock};
use crate::model::workspace::Indicator;
use crate::model::{new_id, Command, Entity};
use crate::ui::components::form::{SelectField, TextArea, TextField};
use crate::ui::components::markdown::Markdown;
use crate::ui::components::title::set_title;
use crate::ui::pages::workspace::send;
use crate::ui::state::{now_ms, AppState, NoticeLevel};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde_json::Value;

#[component]
pub fn Templates() -> impl IntoView {
    set_title(|| "Modèles".to_string());
    let state = expect_context::<AppState>();
    // (id, title, « kind — version n »)
    let templates = move || {
        state
            .documents()
            .into_iter()
            .filter(|d| d.kind == DocKind::Template)
            .map(|d| {
                let about = state.template(&d.id).map(|t| format!("{} — version {}", t.info.kind.label(), t.info.version)).unwrap_or_default();
                (d.id, d.title, about)
            })
            .collect::<Vec<_>>()
    };
    let add_starters = move |_| {
        let author = state.author.get_untracked();
        let author = if author.is_empty() { "Directeur de la transformation numérique".to_string() } else { author };
        match crate::model::starter::starter_templates(&author, now_ms()) {
            Ok(docs) => match state.add_documents(docs) {
                Ok(ids) => state.notify(NoticeLevel::Success, format!("{} modèles de départ ajoutés : adaptez-les puis partagez-les.", ids.len())),
                Err(e) => state.notify(NoticeLevel::Error, e),
            },
            Err(e) => state.notify(NoticeLevel::Error, e.message().to_string()),
        }
    };
    let title = RwSignal::new(String::new());
    let kind = RwSignal::new(TemplateKind::IndicatorSet);
    let description = RwSignal::new(String::new());
    let navigate = leptos_router::hooks::use_navigate();
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let name = title.get().trim().to_string();
        if name.is_empty() {
            state.notify(NoticeLevel::Error, "Donnez un titre au modèle.");
            return;
        }
        let info = TemplateInfo {
            kind: kind.get(),
            description: description.get().trim().to_string(),
            author: state.author.get_untracked(),
            version: 1,
            version_note: "Première version".into(),
        };
        let created = state.create_document(DocKind::Template, &name).and_then(|id| state.dispatch(&id, Command::SetTemplateInfo(info), "Nouveau modèle").map(|_| id));
        match created {
            Ok(id) => navigate(&format!("/modeles/{id}"), Default::default()),
            Err(e) => state.notify(NoticeLevel::Error, e),
        }
    };
    let kinds: Vec<(TemplateKind, String)> = [TemplateKind::IndicatorSet, TemplateKind::Texts, TemplateKind::MaturityQuestionnaire]
        .into_iter()
        .map(|k| (k, k.label().to_string()))
        .collect();
    view! {
        <section class="page" data-testid="templates">
            <h1>"Modèles"</h1>
            <p>"Le mécénat de compétences en pratique : une grande ville ou le directeur de l'intercommunalité publie des modèles (jeux d'indicateurs, trame de feuille de route, textes types, questionnaire de maturité) ; une commune les adopte dans son espace, les adapte, puis récupère les améliorations sans perdre ses propres modifications."</p>
            <ul class="card-list" data-testid="template-list">
                <For each=templates key=|d| d.clone() let:doc>
                    <li class="card">
                        <a class="card-title" href=format!("/modeles/{}", doc.0)>{doc.1.clone()}</a>
                        <p class="hint">{doc.2.clone()}</p>
                    </li>
                </For>
            </ul>
            <div class="actions">
                <button type="button" class="button button-secondary" data-testid="add-starters" on:click=add_starters>"Ajouter les modèles de départ"</button>
                <a class="button button-secondary" href="/importer">"Importer un modèle reçu"</a>
            </div>
            <h2>"Créer un modèle"</h2>
            <p>"Partez de zéro, ou ajoutez les modèles de départ et adaptez-les : c'est souvent plus rapide."</p>
            <form class="grid-form" on:submit=create data-testid="create-template">
                <TextField label="Titre du modèle" value=title required=true testid="new-template-title"/>
                <SelectField label="Type" value=kind options=kinds/>
                <div class="field-wide"><TextArea label="Description" value=description/></div>
                <div class="actions"><button type="submit" class="button button-primary">"Créer le modèle"</button></div>
            </form>
        </section>
    }
}

fn show(value: &Value) -> String {
    match value {
        Value::Null => "(vide)".into(),
        Value::String(s) if s.is_empty() => "(vide)".into(),
        Value::String(s) => s.clone(),
        Value::Number(n) => crate::model::format::number(n.as_f64().unwrap_or_default()),
        other => other.to_string(),
    }
}

#[component]
pub fn TemplateSheet() -> impl IntoView {
    let state = expect_context::<AppState>();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let template = Memo::new(move |_| state.template(&id.get()));
    set_title(move || template.with(|t| t.as_ref().map(|t| t.meta.title.clone()).unwrap_or_else(|| "Modèle introuvable".into())));
    view! {
        <section class="page" data-testid="template-sheet">
            <p><a href="/modeles">"← Tous les modèles"</a></p>
            {move || match template.get() {
                None => view! { <h1>"Modèle introuvable"</h1> }.into_any(),
                Some(t) => view! {
                    <h1>{t.meta.title.clone()}</h1>
                    <p data-testid="template-version">{format!("{} — version {} publiée par {}. {}", t.info.kind.label(), t.info.version, t.info.author, t.info.version_note)}</p>
                    <p>{t.info.description.clone()}</p>
                    <Contents template=t.clone()/>
                    <Adopt template=t.clone()/>
                    <Publish template=t/>
                }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Contents(template: Template) -> impl IntoView {
    let mut indicators: Vec<Indicator> = template.indicators.values().cloned().collect();
    indicators.sort_by(|a, b| a.order.total_cmp(&b.order));
    let mut texts: Vec<_> = template.texts.values().cloned().collect();
    texts.sort_by(|a, b| a.order.total_cmp(&b.order));
    let mut questions: Vec<_> = template.questions.values().cloned().collect();
    questions.sort_by(|a, b| a.order.total_cmp(&b.order));
    let mut axes: Vec<_> = template.axes.iter().map(|(k, a)| (k.clone(), a.clone())).collect();
    axes.sort_by(|a, b| a.1.order.total_cmp(&b.1.order));
    view! {
        {(!indicators.is_empty()).then(|| view! {
            <h2>"Indicateurs"</h2>
            <div class="table-wrap"><table class="table" data-testid="template-indicators">
                <caption class="visually-hidden">"Indicateurs du modèle"</caption>
                <thead><tr><th scope="col">"Indicateur"</th><th scope="col">"Unité"</th><th scope="col">"Cible indicative"</th><th scope="col">"Définition"</th></tr></thead>
                <tbody>{indicators.into_iter().map(|i| view! {
                    <tr><td>{i.name.clone()}</td><td>{i.unit.clone()}</td><td>{i.target.map(|t| crate::model::format::with_unit(t, &i.unit)).unwrap_or_default()}</td><td>{i.definition.clone()}</td></tr>
                }).collect_view()}</tbody>
            </table></div>
        })}
        {(!axes.is_empty()).then(|| view! {
            <h2>"Trame"</h2>
            <ul>{axes.into_iter().map(|(axis_id, a)| {
                let objectives: Vec<_> = template.objectives.iter().filter(|(_, o)| o.axis_id == axis_id).map(|(k, o)| (k.clone(), o.clone())).collect();
                view! { <li>{a.title.clone()}<ul>{objectives.into_iter().map(|(oid, o)| {
                    let actions: Vec<String> = template.actions.values().filter(|x| x.objective_id == oid).map(|x| x.title.clone()).collect();
                    view! { <li>{o.title.clone()}<ul>{actions.into_iter().map(|x| view! { <li>{x}</li> }).collect_view()}</ul></li> }
                }).collect_view()}</ul></li> }
            }).collect_view()}</ul>
        })}
        {texts.into_iter().map(|t| view! { <h2>{t.title.clone()}</h2><div class="prose"><Markdown text=t.body.clone()/></div> }).collect_view()}
        {(!questions.is_empty()).then(|| view! {
            <h2>"Questions"</h2>
            <ol>{questions.into_iter().map(|q| view! { <li>{q.text.clone()}</li> }).collect_view()}</ol>
        })}
    }
}

/// Adopt into a workspace, or pull an update where already adopted.
#[component]
fn Adopt(template: Template) -> impl IntoView {
    let state = expect_context::<AppState>();
    let adoptable = !(template.indicators.is_empty() && template.axes.is_empty() && template.texts.is_empty() && template.questions.is_empty());
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
    let workspaces: Vec<(String, String)> = state.documents().into_iter().filter(|d| d.kind == DocKind::Workspace).map(|d| (d.id, d.title)).collect();
    let target = RwSignal::new(workspaces.first().map(|w| w.0.clone()).unwrap_or_default());
    let t = template.clone();
    let adopt_now = move |_| {
        let Some(ws) = state.workspace(&target.get_untracked()) else { return };
        match adopt(&t, &ws, now_ms()) {
            Ok(commands) => {
                if state.dispatch_batch(&target.get_untracked(), commands, &format!("Adoption du modèle « {} »", t.meta.title)).is_ok() {
                    state.notify(NoticeLevel::Success, format!("Modèle « {} » adopté : adaptez-le librement.", t.meta.title));
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
        let created = state
            .create_document(DocKind::Roadmap, &skeleton.meta.title)
            .and_then(|id| state.dispatch_batch(&id, commands, &format!("Trame reprise du modèle « {} »", skeleton.meta.title)).map(|_| id));
        match created {
            Ok(id) => {
                state.notify(NoticeLevel::Success, "Feuille de route créée : ajoutez les collectivités participantes, puis partagez-la.");
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
    let choose = move |key: String, field: String, take: bool| choices.update(|c| {
        c.insert((key, field), take);
    });
    let (p, t, w, wid) = (plan.clone(), template.clone(), ws.clone(), workspace_id.clone());
    let apply = move |_| {
        match apply_update(&p, &t, &w, &choices.get_untracked(), now_ms()) {
            Ok(commands) => {
                if state.dispatch_batch(&wid, commands, &format!("Mise à jour du modèle « {} » (version {})", t.meta.title, t.info.version)).is_ok() {
                    state.notify(NoticeLevel::Success, "Mise à jour appliquée ; vos modifications sont conservées.");
                }
            }
            Err(e) => state.notify(NoticeLevel::Error, e.message().to_string()),
        }
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

/// For the author: edit, add an indicator, publish a new version.
#[component]
fn Publish(template: Template) -> impl IntoView {
    let state = expect_context::<AppState>();
    let id = template.meta.id.clone();
    let description = RwSignal::new(template.info.description.clone());
    let author = RwSignal::new(template.info.author.clone());
    let note = RwSignal::new(String::new());
    let new_name = RwSignal::new(String::new());
    let new_unit = RwSignal::new("%".to_string());
    let info = template.info.clone();
    let publish_id = id.clone();
    let publish = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if note.get().trim().is_empty() {
            state.notify(NoticeLevel::Error, "Dites en une phrase ce qui change dans cette version.");
            return;
        }
        let next = TemplateInfo { description: description.get(), author: author.get(), version: info.version + 1, version_note: note.get().trim().to_string(), ..info.clone() };
        let version = next.version;
        if send(state, &publish_id, Command::SetTemplateInfo(next), &format!("Publication de la version {version}")) {
            note.set(String::new());
            state.notify(NoticeLevel::Success, format!("Version {version} prête : partagez-la depuis « Documents et partage »."));
        }
    };
    let add_id = id.clone();
    let add_indicator = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if new_name.get().trim().is_empty() {
            return;
        }
        let indicator = Indicator { name: new_name.get().trim().to_string(), unit: new_unit.get(), order: now_ms() as f64, ..Default::default() };
        if send(state, &add_id, Command::Create { id: new_id(), entity: Entity::Indicator(indicator) }, "Nouvel indicateur du modèle") {
            new_name.set(String::new());
        }
    };
    let texts: Vec<(String, String)> = template.texts.iter().map(|(k, t)| (k.clone(), t.title.clone())).collect();
    let text_target = RwSignal::new(texts.first().map(|t| t.0.clone()).unwrap_or_default());
    let text_body = RwSignal::new(String::new());
    let current_texts = template.texts.clone();
    // The textarea shows the chosen text, ready to edit.
    Effect::new(move |_| text_body.set(current_texts.get(&text_target.get()).map(|t| t.body.clone()).unwrap_or_default()));
    let (text_template, text_doc) = (template.clone(), id.clone());
    let edit_text = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(mut text) = text_template.texts.get(&text_target.get()).cloned() else { return };
        text.body = text_body.get();
        if send(state, &text_doc, Command::Update { id: text_target.get(), entity: Entity::Text(text) }, "Texte du modèle révisé") {
            state.notify(NoticeLevel::Success, "Texte du modèle enregistré : publiez une nouvelle version pour le diffuser.");
        }
    };
    let new_question = RwSignal::new(String::new());
    let question_doc = id.clone();
    let question_order = template.questions.values().map(|q| q.order).fold(0.0, f64::max) + 1.0;
    let add_question = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = new_question.get().trim().to_string();
        if text.is_empty() {
            return;
        }
        let question = Question { text, weight: 1.0, order: question_order, ..Default::default() };
        if send(state, &question_doc, Command::Create { id: new_id(), entity: Entity::Question(question) }, "Nouvelle question du modèle") {
            new_question.set(String::new());
        }
    };
    let new_text = RwSignal::new(String::new());
    let new_text_doc = id.clone();
    let text_order = template.texts.values().map(|t| t.order).fold(0.0, f64::max) + 1.0;
    let add_text = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let title = new_text.get().trim().to_string();
        if title.is_empty() {
            return;
        }
        let text = TextBlock { title, order: text_order, ..Default::default() };
        if send(state, &new_text_doc, Command::Create { id: new_id(), entity: Entity::Text(text) }, "Nouveau texte du modèle") {
            new_text.set(String::new());
        }
    };
    let kind = template.info.kind;
    let indicators: Vec<(String, String)> = template.indicators.iter().map(|(k, i)| (k.clone(), i.name.clone())).collect();
    let edit_target = RwSignal::new(indicators.first().map(|i| i.0.clone()).unwrap_or_default());
    let edit_field = RwSignal::new(String::new());
    let t = template.clone();
    let edit_id = id.clone();
    let edit_target_value = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(mut indicator) = t.indicators.get(&edit_target.get()).cloned() else { return };
        let Some(v) = crate::model::format::parse_number(&edit_field.get()) else {
            state.notify(NoticeLevel::Error, "La cible doit être un nombre.");
            return;
        };
        indicator.target = Some(v);
        send(state, &edit_id, Command::Update { id: edit_target.get(), entity: Entity::Indicator(indicator) }, "Cible indicative revue");
    };
    view! {
        <h2>"Publier"</h2>
        <p>"Si vous êtes l'auteur : modifiez le modèle, puis publiez une nouvelle version et partagez le fichier ou le lien depuis « Documents et partage »."</p>
        {(!indicators.is_empty()).then(|| view! {
            <form class="inline-form" on:submit=edit_target_value data-testid="template-edit-target">
                <SelectField label="Indicateur" value=edit_target options=indicators.clone()/>
                <TextField label="Nouvelle cible indicative" value=edit_field testid="template-target"/>
                <button type="submit" class="button button-secondary">"Modifier la cible"</button>
            </form>
        })}
        {(kind == TemplateKind::IndicatorSet).then(|| view! {
            <form class="inline-form" on:submit=add_indicator data-testid="template-add-indicator">
                <TextField label="Nouvel indicateur du modèle" value=new_name testid="template-new-indicator"/>
                <TextField label="Unité" value=new_unit/>
                <button type="submit" class="button button-secondary">"Ajouter"</button>
            </form>
        })}
        {(!texts.is_empty()).then(|| view! {
            <form class="grid-form" on:submit=edit_text data-testid="template-edit-text">
                <SelectField label="Texte à réviser" value=text_target options=texts.clone()/>
                <div class="field-wide"><TextArea label="Contenu du texte" value=text_body rows=12 testid="template-text-body"/></div>
                <div class="actions"><button type="submit" class="button button-secondary">"Enregistrer le texte"</button></div>
            </form>
        })}
        {(kind == TemplateKind::Texts).then(|| view! {
            <form class="inline-form" on:submit=add_text data-testid="template-add-text">
                <TextField label="Nouveau texte du modèle (titre)" value=new_text testid="template-new-text"/>
                <button type="submit" class="button button-secondary">"Ajouter"</button>
            </form>
        })}
        {(kind == TemplateKind::MaturityQuestionnaire).then(|| view! {
            <form class="inline-form" on:submit=add_question data-testid="template-add-question">
                <TextField label="Nouvelle question" value=new_question testid="template-new-question"/>
                <button type="submit" class="button button-secondary">"Ajouter"</button>
            </form>
        })}
        <form class="grid-form" on:submit=publish data-testid="publish-form">
            <TextField label="Auteur (personne, collectivité)" value=author/>
            <TextField label="Ce qui change dans cette version" value=note required=true testid="version-note"/>
            <div class="field-wide"><TextArea label="Description" value=description/></div>
            <div class="actions"><button type="submit" class="button button-primary" data-testid="publish">"Publier une nouvelle version"</button></div>
        </form>
    }
}
