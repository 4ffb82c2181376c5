//! For the template's author: edit it, add an item, publish a new version.

use crate::model::kinds::indicator::Indicator;
use crate::model::kinds::template::{Template, TemplateInfo, TemplateKind};
use crate::model::kinds::texts::{Question, TextBlock};
use crate::model::{new_id, Command, Entity};
use crate::ui::components::form::{SelectField, TextArea, TextField};
use crate::ui::pages::workspace::send;
use crate::ui::state::{now_ms, AppState, NoticeLevel};
use leptos::prelude::*;

/// For the author: edit, add an indicator, publish a new version.
#[component]
pub(super) fn Publish(template: Template) -> impl IntoView {
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
        let next = TemplateInfo {
            description: description.get(),
            author: author.get(),
            version: info.version + 1,
            version_note: note.get().trim().to_string(),
            ..info.clone()
        };
        let version = next.version;
        if send(state, &publish_id, Command::SetTemplateInfo(next), &format!("Publication de la version {version}")) {
            note.set(String::new());
            state.notify(
                NoticeLevel::Success,
                format!("Version {version} prête : partagez-la depuis « Documents et partage »."),
            );
        }
    };
    let add_id = id.clone();
    let add_indicator = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if new_name.get().trim().is_empty() {
            return;
        }
        let indicator = Indicator {
            name: new_name.get().trim().to_string(),
            unit: new_unit.get(),
            order: now_ms() as f64,
            ..Default::default()
        };
        if send(
            state,
            &add_id,
            Command::Create { id: new_id(), entity: Entity::Indicator(indicator) },
            "Nouvel indicateur du modèle",
        ) {
            new_name.set(String::new());
        }
    };
    let texts: Vec<(String, String)> = template.texts.iter().map(|(k, t)| (k.clone(), t.title.clone())).collect();
    let text_target = RwSignal::new(texts.first().map(|t| t.0.clone()).unwrap_or_default());
    let text_body = RwSignal::new(String::new());
    let current_texts = template.texts.clone();
    // The textarea shows the chosen text, ready to edit.
    Effect::new(move |_| {
        text_body.set(current_texts.get(&text_target.get()).map(|t| t.body.clone()).unwrap_or_default())
    });
    let (text_template, text_doc) = (template.clone(), id.clone());
    let edit_text = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(mut text) = text_template.texts.get(&text_target.get()).cloned() else { return };
        text.body = text_body.get();
        if send(
            state,
            &text_doc,
            Command::Update { id: text_target.get(), entity: Entity::Text(text) },
            "Texte du modèle révisé",
        ) {
            state.notify(
                NoticeLevel::Success,
                "Texte du modèle enregistré : publiez une nouvelle version pour le diffuser.",
            );
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
        if send(
            state,
            &question_doc,
            Command::Create { id: new_id(), entity: Entity::Question(question) },
            "Nouvelle question du modèle",
        ) {
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
        if send(
            state,
            &new_text_doc,
            Command::Create { id: new_id(), entity: Entity::Text(text) },
            "Nouveau texte du modèle",
        ) {
            new_text.set(String::new());
        }
    };
    let kind = template.info.kind;
    let indicators: Vec<(String, String)> =
        template.indicators.iter().map(|(k, i)| (k.clone(), i.name.clone())).collect();
    let edit_target = RwSignal::new(indicators.first().map(|i| i.0.clone()).unwrap_or_default());
    let edit_field = RwSignal::new(String::new());
    let t = template.clone();
    let edit_id = id.clone();
    let edit_target_value = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(mut indicator) = t.indicators.get(&edit_target.get()).cloned() else { return };
        let Some(v) = crate::model::values::format::parse_number(&edit_field.get()) else {
            state.notify(NoticeLevel::Error, "La cible doit être un nombre.");
            return;
        };
        indicator.target = Some(v);
        send(
            state,
            &edit_id,
            Command::Update { id: edit_target.get(), entity: Entity::Indicator(indicator) },
            "Cible indicative revue",
        );
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
