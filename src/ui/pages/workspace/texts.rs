//! « Textes de gouvernance » : the charter, the job description of a shared
//! digital director, the service-sharing convention… Usually adopted from a
//! template (mécénat de compétences), then adapted by the town: each text is
//! shown rendered, can be edited in place, downloaded, or written from scratch.

use super::{confirm, send, use_workspace};
use crate::model::kinds::texts::TextBlock;
use crate::model::{new_id, Collection, Command, Entity};
use crate::ui::components::download::{download, slug};
use crate::ui::components::form::{TextArea, TextField};
use crate::ui::components::markdown::Markdown;
use crate::ui::components::title::set_title;
use crate::ui::state::{AppState, NoticeLevel};
use leptos::prelude::*;

#[component]
pub fn Texts() -> impl IntoView {
    set_title(|| "Textes de gouvernance".to_string());
    let ctx = use_workspace();
    let state = expect_context::<AppState>();
    let texts = move || {
        ctx.ws.with(|w| {
            let mut v: Vec<(String, TextBlock, String)> = w
                .as_ref()
                .map(|w| {
                    w.texts
                        .iter()
                        .map(|(k, t)| {
                            let source = t
                                .origin
                                .as_ref()
                                .and_then(|o| {
                                    w.adoptions.get(&o.template_id).map(|a| {
                                        format!("Issu du modèle « {} », version {}.", a.template_title, o.version)
                                    })
                                })
                                .unwrap_or_default();
                            (k.clone(), t.clone(), source)
                        })
                        .collect()
                })
                .unwrap_or_default();
            v.sort_by(|a, b| a.1.order.total_cmp(&b.1.order).then(a.0.cmp(&b.0)));
            v
        })
    };
    let title = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if title.get().trim().is_empty() {
            state.notify(NoticeLevel::Error, "Donnez un titre au texte.");
            return;
        }
        let order = ctx.ws.with_untracked(|w| {
            w.as_ref().map(|w| w.texts.values().map(|t| t.order).fold(0.0, f64::max)).unwrap_or(0.0)
        }) + 1.0;
        let text = TextBlock { title: title.get().trim().to_string(), body: body.get(), order, origin: None };
        if send(
            state,
            &ctx.id.get_untracked(),
            Command::Create { id: new_id(), entity: Entity::Text(text) },
            "Nouveau texte de gouvernance",
        ) {
            title.set(String::new());
            body.set(String::new());
            state.notify(NoticeLevel::Success, "Texte ajouté.");
        }
    };
    view! {
        <section class="page" data-testid="texts">
            <h1>"Textes de gouvernance"</h1>
            <p>"Charte de gouvernance, fiche de poste, convention de mutualisation : partez des textes types d'une collectivité qui les a déjà écrits, puis adaptez-les à la vôtre. Vos modifications sont conservées quand l'auteur publie une nouvelle version."</p>
            <Show when=move || texts().is_empty()>
                <p class="callout" data-testid="texts-empty">"Aucun texte pour l'instant. "<a href="/modeles">"Adoptez des textes types depuis « Modèles »"</a>" ou écrivez le vôtre ci-dessous."</p>
            </Show>
            <For each=texts key=|(k, t, s)| (k.clone(), t.title.clone(), t.body.clone(), s.clone()) let:item>
                {
                    let (id, text, source) = item;
                    view! { <TextSheet id=id text=text source=source/> }
                }
            </For>
            <h2>"Écrire un texte"</h2>
            <form class="grid-form" on:submit=add data-testid="add-text">
                <TextField label="Titre" value=title required=true testid="text-title"/>
                <div class="field-wide"><TextArea label="Texte" value=body rows=10 hint="Mise en forme : « # » en début de ligne pour un titre, « - » pour une liste, **gras**." testid="text-body"/></div>
                <div class="actions"><button type="submit" class="button button-primary" data-testid="text-submit">"Ajouter le texte"</button></div>
            </form>
        </section>
    }
}

/// One text: rendered, or in an edit form.
#[component]
fn TextSheet(id: String, text: TextBlock, source: String) -> impl IntoView {
    let ctx = use_workspace();
    let state = expect_context::<AppState>();
    let editing = RwSignal::new(false);
    let title = RwSignal::new(text.title.clone());
    let body = RwSignal::new(text.body.clone());
    let heading = text.title.clone();
    let (save_id, delete_id, original) = (id.clone(), id, text.clone());
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if title.get().trim().is_empty() {
            state.notify(NoticeLevel::Error, "Donnez un titre au texte.");
            return;
        }
        let edited = TextBlock { title: title.get().trim().to_string(), body: body.get(), ..original.clone() };
        if send(
            state,
            &ctx.id.get_untracked(),
            Command::Update { id: save_id.clone(), entity: Entity::Text(edited) },
            "Texte de gouvernance modifié",
        ) {
            editing.set(false);
            state.notify(NoticeLevel::Success, "Texte enregistré.");
        }
    };
    let (file_title, file_body) = (text.title.clone(), text.body.clone());
    let save_file = move |_| {
        let content = format!("# {file_title}\n\n{file_body}\n");
        if let Err(e) =
            download(&format!("{}.md", slug(&file_title)), "text/markdown;charset=utf-8", content.as_bytes())
        {
            state.notify(NoticeLevel::Error, e);
        }
    };
    let delete_label = text.title.clone();
    let remove = move |_| {
        if confirm(&format!("Supprimer le texte « {delete_label} » ?")) {
            send(
                state,
                &ctx.id.get_untracked(),
                Command::Delete { collection: Collection::Texts, id: delete_id.clone() },
                "Suppression d'un texte",
            );
        }
    };
    let rendered = text.body.clone();
    view! {
        <article class="card text-sheet" data-testid="text-sheet">
            <h2>{heading.clone()}</h2>
            {(!source.is_empty()).then(|| view! { <p class="hint">{source}</p> })}
            <Show
                when=move || editing.get()
                fallback=move || view! { <div class="prose"><Markdown text=rendered.clone()/></div> }
            >
                <form class="grid-form" on:submit=save.clone() data-testid="edit-text">
                    <TextField label="Titre" value=title required=true/>
                    <div class="field-wide"><TextArea label="Texte" value=body rows=14 testid="edit-text-body"/></div>
                    <div class="actions">
                        <button type="submit" class="button button-primary">"Enregistrer"</button>
                        <button type="button" class="button button-secondary" on:click=move |_| editing.set(false)>"Annuler"</button>
                    </div>
                </form>
            </Show>
            <div class="actions">
                <button type="button" class="button button-secondary" on:click=move |_| editing.set(true) data-testid="edit-text-open">
                    "Modifier"<span class="visually-hidden">{format!(" le texte « {heading} »")}</span>
                </button>
                <button type="button" class="button button-secondary" on:click=save_file>"Télécharger (.md)"</button>
                <button type="button" class="button-link danger" on:click=remove>"Supprimer"<span class="visually-hidden">{format!(" le texte « {} »", text.title)}</span></button>
            </div>
        </article>
    }
}
