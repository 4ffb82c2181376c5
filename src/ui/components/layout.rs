//! The frame of every page: skip link, header with the main navigation,
//! notices, the save indicator, and a footer that says where data lives.

use crate::ui::components::live_status::LiveStatus;
use crate::ui::components::nav_link::NavLink;
use crate::ui::components::notices::Notices;
use crate::ui::offline::{OnlineBadge, UpdateBanner};
use crate::ui::state::{AppState, SaveStatus};
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    focus_main_after_navigation();
    view! {
        <a class="skip-link" href="#contenu">"Aller au contenu"</a>
        <header class="app-header" data-testid="app-header">
            <div class="header-inner">
                <a class="brand" href="/">
                    <BrandMark/>
                    <span class="brand-name">"Gouvernail"</span>
                </a>
                <p class="tagline">"Piloter la transformation numérique de la collectivité"</p>
                <OnlineBadge/>
                <SaveIndicator/>
                <LiveStatus/>
            </div>
            <nav class="main-nav" aria-label="Navigation principale">
                <ul>
                    <li><NavLink href="/".to_string() exact=true>"Accueil"</NavLink></li>
                    <li><NavLink href="/documents".to_string()>"Documents et partage"</NavLink></li>
                    <li><NavLink href="/importer".to_string()>"Importer"</NavLink></li>
                    <li><NavLink href="/intercommunalite".to_string()>"Vue intercommunale"</NavLink></li>
                    <li><NavLink href="/modeles".to_string()>"Modèles"</NavLink></li>
                    <li><NavLink href="/sauvegarde".to_string()>"Sauvegarde"</NavLink></li>
                    <li><NavLink href="/synchronisation".to_string()>"Synchronisation"</NavLink></li>
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
            <p class="footer-links"><a href="/accessibilite">"Accessibilité : non conforme"</a>" (déclaration d'accessibilité)"</p>
        </footer>
    }
}

/// After a client-side navigation, moves focus to `<main>` so that keyboard
/// and screen-reader users start at the new page's content, as they would
/// after a full page load (the title changes too, see `title::set_title`).
/// Not on the first render: there the skip link must stay the first stop.
fn focus_main_after_navigation() {
    let location = use_location();
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.is_some_and(|p| p != path) {
            let main = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id("contenu"))
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(main) = main {
                let _ = main.focus();
            }
        }
        path
    });
}

/// The ship's wheel of the favicon, drawn in the header's text colour.
#[component]
fn BrandMark() -> impl IntoView {
    view! {
        <svg class="brand-mark" viewBox="0 0 64 64" aria-hidden="true" focusable="false">
            <g fill="none" stroke="currentColor" stroke-width="5" stroke-linecap="round">
                <circle cx="32" cy="32" r="17"/>
                <path d="M32 4v14M32 46v14M4 32h14M46 32h14M12.2 12.2l9.9 9.9M41.9 41.9l9.9 9.9M12.2 51.8l9.9-9.9M41.9 22.1l9.9-9.9"/>
            </g>
            <circle cx="32" cy="32" r="5" fill="currentColor"/>
        </svg>
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
        SaveStatus::Outdated => ("save-failed", "Non enregistré : rechargez la page".to_string()),
    };
    view! {
        <p class=move || format!("save-status {}", text().0) data-testid="save-status" role="status">
            {move || text().1}
            {move || matches!(state.save_status.get(), SaveStatus::Failed(_) | SaveStatus::NotPersistent | SaveStatus::Outdated).then(|| view! {
                " — " <a href="/sauvegarde">"sauvegarder"</a>
            })}
        </p>
    }
}
