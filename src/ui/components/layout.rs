//! The frame of every page: skip link, header with the main navigation,
//! notices, the save indicator, and a footer that says where data lives.

use crate::ui::components::nav_link::NavLink;
use crate::ui::components::notices::Notices;
use crate::ui::offline::{OnlineBadge, UpdateBanner};
use crate::ui::state::{AppState, SaveStatus};
use leptos::prelude::*;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    view! {
        <a class="skip-link" href="#contenu">"Aller au contenu"</a>
        <header class="app-header" data-testid="app-header">
            <div class="header-inner">
                <a class="brand" href="/">
                    <span class="brand-mark" aria-hidden="true">"◈"</span>
                    <span class="brand-name">"Gouvernail"</span>
                </a>
                <p class="tagline">"Piloter la transformation numérique de la collectivité"</p>
                <OnlineBadge/>
                <SaveIndicator/>
            </div>
            <nav class="main-nav" aria-label="Navigation principale">
                <ul>
                    <li><NavLink href="/".to_string() exact=true>"Accueil"</NavLink></li>
                    <li><NavLink href="/documents".to_string()>"Documents et partage"</NavLink></li>
                    <li><NavLink href="/importer".to_string()>"Importer"</NavLink></li>
                    <li><NavLink href="/intercommunalite".to_string()>"Vue intercommunale"</NavLink></li>
                    <li><NavLink href="/sauvegarde".to_string()>"Sauvegarde"</NavLink></li>
                    <li><NavLink href="/a-propos".to_string()>"À propos"</NavLink></li>
                </ul>
            </nav>
        </header>
        <UpdateBanner/>
        <Notices/>
        <main id="contenu" tabindex="-1">
            {children()}
        </main>
        <footer class="app-footer">
            <p>
                "Vos données restent dans ce navigateur, et nulle part ailleurs : aucun serveur ne les reçoit, et l'application fonctionne hors connexion. "
                "Si les données du navigateur sont effacées, elles disparaissent : "
                <a href="/sauvegarde">"téléchargez une sauvegarde"</a>
                "."
            </p>
        </footer>
    }
}

/// « Enregistré » / « Enregistrement… » / the storage error, always visible.
#[component]
fn SaveIndicator() -> impl IntoView {
    let state = expect_context::<AppState>();
    let text = move || match state.save_status.get() {
        SaveStatus::Saved => ("save-ok", "Enregistré dans ce navigateur".to_string()),
        SaveStatus::Pending => ("save-pending", "Enregistrement…".to_string()),
        SaveStatus::Failed(_) => ("save-failed", "Non enregistré : stockage plein".to_string()),
        SaveStatus::NotPersistent => ("save-failed", "Stockage indisponible : rien ne sera conservé".to_string()),
    };
    view! {
        <p class=move || format!("save-status {}", text().0) data-testid="save-status" role="status">
            {move || text().1}
            {move || matches!(state.save_status.get(), SaveStatus::Failed(_)).then(|| view! {
                " — " <a href="/sauvegarde">"sauvegarder"</a>
            })}
        </p>
    }
}
