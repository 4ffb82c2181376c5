//! The home page: what Gouvernail is, the user's workspaces, and the two ways
//! in: create one's own workspace, or discover with demo data.

use crate::model::kinds::collectivity::CollectivityKind;
use crate::model::kinds::meta::DocKind;
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
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            // Reuse the demo if it is already here (read it first if need be);
            // otherwise build it now.
            let demo: Vec<String> = state
                .documents_untracked()
                .into_iter()
                .filter(|d| d.demo && d.kind == DocKind::Workspace)
                .map(|d| d.id)
                .collect();
            state.read_documents(&demo).await;
            let existing = demo
                .into_iter()
                .find(|id| state.workspace(id).is_some_and(|ws| ws.profile.kind == CollectivityKind::Epci));
            let target = match existing {
                Some(id) => Some(id),
                None => match crate::model::content::demo::demo_documents(now_ms()) {
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
        });
    };

    view! {
        <section class="page home">
            <div class="hero">
                <div class="hero-main">
                    <h1>"Pilotez la transformation numérique de votre collectivité"</h1>
                    <p class="lead">
                        "Indicateurs et mesures, crédits engagés, usage des services en ligne, formation des agents, "
                        "projets avec vos prestataires, données et maturité : tout au même endroit, dans votre navigateur."
                    </p>
                    <p>
                        "Pensé pour les secrétaires de mairie sans service informatique comme pour le directeur de la "
                        "transformation numérique de l'intercommunalité : pas d'installation, pas de compte, pas de jargon."
                    </p>
                </div>
                <div class="actions hero-actions">
                    <a class="button button-primary" href="/espace/nouveau" data-testid="home-create">
                        "Créer l'espace de ma collectivité"
                    </a>
                    <button type="button" class="button button-secondary" data-testid="home-demo" on:click=open_demo>
                        "Découvrir avec des données de démonstration"
                    </button>
                </div>
                <div class="hero-aside">
                    <h2 id="vos-donnees">"Vos données restent chez vous"</h2>
                    <ul class="promises">
                        <li>"Tout est enregistré dans ce navigateur, sans serveur ni compte."</li>
                        <li>"Fonctionne hors connexion, une fois la page ouverte une première fois."</li>
                        <li>"Partage par fichier ou par lien avec l'intercommunalité et les communes : les modifications de chacun sont fusionnées."</li>
                    </ul>
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
            <section class="steps" aria-labelledby="comment-ca-marche">
                <h2 id="comment-ca-marche">"Comment ça marche"</h2>
                <ol class="step-list">
                    <li class="step">
                        <h3>"Créez l'espace"</h3>
                        <p>"Le nom de la collectivité, son code INSEE ou SIREN, sa population : votre espace est prêt en une minute."</p>
                    </li>
                    <li class="step">
                        <h3>"Mesurez"</h3>
                        <p>"Démarches en ligne, budget numérique, agents formés… Saisissez une valeur par période : Gouvernail signale ce qui est en bonne voie et ce qui demande attention."</p>
                    </li>
                    <li class="step">
                        <h3>"Partagez"</h3>
                        <p>"Envoyez un fichier ou un lien à l'intercommunalité ou à la commune qui vous accompagne ; vous recevez le leur en retour, sans rien perdre."</p>
                    </li>
                </ol>
            </section>
        </section>
    }
}
