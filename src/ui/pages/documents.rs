//! « Documents et partage » : every document of this browser, and for each,
//! its file (a plain Automerge document) and its share link. The sender
//! chooses which documents go.

use crate::model::exchange::share::FILE_EXTENSION;
use crate::model::kinds::meta::DocKind;
use crate::ui::components::download::{download, slug};
use crate::ui::components::form::TextField;
use crate::ui::components::share_link::{copy_to_clipboard, share_url};
use crate::ui::components::title::set_title;
use crate::ui::state::{AppState, NoticeLevel};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use std::collections::BTreeSet;

fn href_of(kind: DocKind, id: &str) -> String {
    match kind {
        DocKind::Workspace => format!("/espace/{id}"),
        DocKind::Roadmap => format!("/feuille-de-route/{id}"),
        DocKind::Template => format!("/modeles/{id}"),
    }
}

#[component]
pub fn Documents() -> impl IntoView {
    set_title(|| "Documents et partage".to_string());
    let state = expect_context::<AppState>();
    let navigate = use_navigate();
    let chosen = RwSignal::new(BTreeSet::<String>::new());
    let link = RwSignal::new(None::<(String, String)>);
    let roadmap_title = RwSignal::new(String::new());

    let download_doc = move |id: &str, title: &str| {
        let (id, title) = (id.to_string(), title.to_string());
        leptos::task::spawn_local(async move {
            match state.document_bytes(&id).await {
                Some(bytes) => {
                    let name = format!("{}.{FILE_EXTENSION}", slug(&title));
                    if let Err(e) = download(&name, "application/octet-stream", &bytes) {
                        state.notify(NoticeLevel::Error, e);
                    }
                }
                None => state.notify(NoticeLevel::Error, "Document introuvable."),
            }
        });
    };
    let download_chosen = move |_| {
        let docs = state.documents();
        let selected = chosen.get_untracked();
        if selected.is_empty() {
            state.notify(NoticeLevel::Error, "Cochez d'abord les documents à envoyer.");
            return;
        }
        for d in docs.iter().filter(|d| selected.contains(&d.id)) {
            download_doc(&d.id, &d.title);
        }
    };
    let make_link = move |id: String, title: String| {
        leptos::task::spawn_local(async move {
            let Some(bytes) = state.document_bytes(&id).await else { return };
            match share_url(&bytes) {
                Some(url) => {
                    link.set(Some((title, url.clone())));
                    if copy_to_clipboard(&url).await {
                        state.notify(NoticeLevel::Success, "Lien copié dans le presse-papiers.");
                    }
                }
                None => {
                    link.set(None);
                    state.notify(
                        NoticeLevel::Info,
                        format!("« {title} » est trop volumineux pour un lien : envoyez plutôt le fichier."),
                    );
                }
            }
        });
    };
    let create_roadmap = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let title = roadmap_title.get().trim().to_string();
        if title.is_empty() {
            state.notify(NoticeLevel::Error, "Donnez un titre à la feuille de route.");
            return;
        }
        match state.create_document(DocKind::Roadmap, &title) {
            Ok(id) => navigate(&format!("/feuille-de-route/{id}"), Default::default()),
            Err(e) => state.notify(NoticeLevel::Error, e),
        }
    };

    view! {
        <section class="page" data-testid="documents">
            <h1>"Documents et partage"</h1>
            <p>"Chaque document peut être envoyé comme fichier (par courriel, clé USB…) ou comme lien. Le destinataire l'importe dans Gouvernail ; s'il en a déjà une version, les modifications sont fusionnées sans rien perdre."</p>
            <div class="table-wrap">
                <table class="table" data-testid="document-table">
                    <caption class="visually-hidden">"Documents de ce navigateur"</caption>
                    <thead><tr><th scope="col">"Envoyer"</th><th scope="col">"Document"</th><th scope="col">"Type"</th><th scope="col">"Partager"</th></tr></thead>
                    <tbody>
                        <For each=move || state.documents() key=|d| (d.id.clone(), d.title.clone()) let:doc>
                            {
                                let id = doc.id.clone();
                                let check_id = doc.id.clone();
                                let title = doc.title.clone();
                                let (file_id, file_title) = (doc.id.clone(), doc.title.clone());
                                let (link_id, link_title) = (doc.id.clone(), doc.title.clone());
                                let checkbox = format!("envoyer-{}", doc.id);
                                view! {
                                    <tr>
                                        <td>
                                            <input type="checkbox" id=checkbox.clone()
                                                prop:checked=move || chosen.with(|c| c.contains(&id))
                                                on:change=move |ev| {
                                                    let on = event_target_checked(&ev);
                                                    chosen.update(|c| { if on { c.insert(check_id.clone()); } else { c.remove(&check_id); } });
                                                }/>
                                            <label for=checkbox class="visually-hidden">{format!("Choisir {}", title)}</label>
                                        </td>
                                        <td><a href=href_of(doc.kind, &doc.id)>{doc.title.clone()}</a>{doc.demo.then(|| view! { " " <span class="badge badge-demo">"Démonstration"</span> })}</td>
                                        <td>{doc.kind.label()}</td>
                                        <td>
                                            <button type="button" class="button button-small button-secondary" on:click=move |_| download_doc(&file_id, &file_title)>
                                                "Fichier"<span class="visually-hidden">{format!(" de {}", doc.title)}</span>
                                            </button>" "
                                            <button type="button" class="button button-small button-secondary" data-testid="make-link" on:click=move |_| make_link(link_id.clone(), link_title.clone())>
                                                "Lien"<span class="visually-hidden">{format!(" de {}", doc.title)}</span>
                                            </button>
                                        </td>
                                    </tr>
                                }
                            }
                        </For>
                    </tbody>
                </table>
            </div>
            <div class="actions">
                <button type="button" class="button button-primary" data-testid="download-chosen" on:click=download_chosen>"Télécharger les documents cochés"</button>
                <a class="button button-secondary" href="/importer">"Importer un fichier ou un lien"</a>
            </div>
            {move || link.get().map(|(title, url)| {
                let id = "lien-partage";
                view! {
                    <div class="field share-link">
                        <label for=id>{format!("Lien de partage de « {title} »")}</label>
                        <p class="hint">"Le contenu est dans le lien lui-même, après le « # » : il n'est envoyé à aucun serveur."</p>
                        <input id=id type="text" readonly prop:value=url data-testid="share-link"/>
                    </div>
                }
            })}
            <h2>"Nouvelle feuille de route partagée"</h2>
            <form class="inline-form" on:submit=create_roadmap data-testid="new-roadmap">
                <TextField label="Titre de la feuille de route" value=roadmap_title testid="roadmap-title"/>
                <button type="submit" class="button button-primary">"Créer"</button>
            </form>
        </section>
    }
}
