//! « Modèles »: the template library, and creating a template.

use crate::model::kinds::meta::DocKind;
use crate::model::kinds::template::{TemplateInfo, TemplateKind};
use crate::model::Command;
use crate::ui::components::form::{SelectField, TextArea, TextField};
use crate::ui::components::title::set_title;
use crate::ui::state::{now_ms, AppState, NoticeLevel};
use leptos::prelude::*;

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
                let about = state
                    .template(&d.id)
                    .map(|t| format!("{} — version {}", t.info.kind.label(), t.info.version))
                    .unwrap_or_default();
                (d.id, d.title, about)
            })
            .collect::<Vec<_>>()
    };
    let add_starters = move |_| {
        let author = state.author.get_untracked();
        let author = if author.is_empty() { "Directeur de la transformation numérique".to_string() } else { author };
        match crate::model::content::starter::starter_templates(&author, now_ms()) {
            Ok(docs) => match state.add_documents(docs) {
                Ok(ids) => state.notify(
                    NoticeLevel::Success,
                    format!("{} modèles de départ ajoutés : adaptez-les puis partagez-les.", ids.len()),
                ),
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
        let created = state
            .create_document(DocKind::Template, &name)
            .and_then(|id| state.dispatch(&id, Command::SetTemplateInfo(info), "Nouveau modèle").map(|_| id));
        match created {
            Ok(id) => navigate(&format!("/modeles/{id}"), Default::default()),
            Err(e) => state.notify(NoticeLevel::Error, e),
        }
    };
    let kinds: Vec<(TemplateKind, String)> =
        [TemplateKind::IndicatorSet, TemplateKind::Texts, TemplateKind::MaturityQuestionnaire]
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
