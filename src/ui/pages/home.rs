//! The home page: what Gouvernail is, the user's workspaces, and the two ways
//! in: create one's own workspace, or discover with demo data.

use crate::model::meta::DocKind;
use crate::model::workspace::CollectivityKind;
use crate::ui::components::title::set_title;
use crate::ui::state::{now_ms, AppState, NoticeLevel};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub fn Home() -> impl IntoView {
    set_title(|| "Accueil".to_string());
    let state = expect_context::<AppState>();
    let navigate = use_navigate();
    let workspaces = move || state.documents().into_iter().filter(|d| d.kind == DocKind::Workspace).collect::<Vec<_>>();
    let has_demo = move || workspaces().iter().any(|d| d.demo);

    let open_demo = move |_| {
        // Reuse the demo if it is already loaded; otherwise build it now.
        let existing = state.documents().into_iter().find(|d| {
            d.demo && state.workspace(&d.id).is_some_and(|ws| ws.profile.kind == CollectivityKind::Epci)
        });
        let target = match existing {
            Some(doc) => Some(doc.id),
            None => match crate::model::demo::demo_documents(now_ms()) {
                Ok(docs) => match state.add_documents(docs) {
                    Ok(ids) => ids.into_iter().next(),
                    Err(e) => {
                        state.notify(NoticeLevel::Error, e);
                        None
                    }
                },
                Err(e) => {
                    state.notify(NoticeLevel::Error, e.message().to_string());
                    None
                }
            },
        };
        if let Some(id) = target {
            navigate(&format!("/espace/{id}"), Default::default());
        }
    };

    view! {
        <section class="page home">
            <div class="hero">
                <h1>"Pilotez la transformation numérique de votre collectivité"</h1>
                <p class="lead">
                    "Indicateurs et mesures, crédits engagés, usage des services en ligne, formation des agents, "
                    "projets avec vos prestataires, données et maturité : tout au même endroit, dans votre navigateur."
                </p>
                <ul class="promises">
                    <li>"Vos données restent dans ce navigateur, sans serveur ni compte."</li>
                    <li>"Fonctionne hors connexion."</li>
                    <li>"Partage par fichier ou par lien avec l'intercommunalité et les communes : les modifications de chacun sont fusionnées."</li>
                </ul>
                <div class="actions">
                    <a class="button button-primary" href="/espace/nouveau" data-testid="home-create">
                        "Créer l'espace de ma collectivité"
                    </a>
                    <button type="button" class="button button-secondary" data-testid="home-demo" on:click=open_demo>
                        "Découvrir avec des données de démonstration"
                    </button>
                </div>
            </div>
            <Show when=move || !workspaces().is_empty()>
                <section class="workspaces" aria-labelledby="vos-espaces">
                    <h2 id="vos-espaces">"Vos espaces de travail"</h2>
                    <ul class="card-list" data-testid="workspace-list">
                        <For each=workspaces key=|d| (d.id.clone(), d.title.clone()) let:doc>
                            <li class="card">
                                <a href=format!("/espace/{}", doc.id) class="card-title">{doc.title.clone()}</a>
                                {doc.demo.then(|| view! { <span class="badge badge-demo">"Démonstration"</span> })}
                            </li>
                        </For>
                    </ul>
                    <Show when=has_demo>
                        <button type="button" class="button button-danger" data-testid="remove-demo" on:click=move |_| {
                            state.remove_demo();
                            state.notify(NoticeLevel::Success, "Les données de démonstration ont été retirées.");
                        }>
                            "Retirer les données de démonstration"
                        </button>
                    </Show>
                </section>
            </Show>
        </section>
    }
}
