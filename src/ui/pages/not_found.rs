//! Shown for any address no route matches (the static server answers every
//! path with `index.html`, so the app itself must say « introuvable »).

use crate::ui::components::title::set_title;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    set_title(|| "Page introuvable".to_string());
    view! {
        <section class="page" data-testid="not-found">
            <h1>"Page introuvable"</h1>
            <p>"L'adresse demandée ne correspond à aucune page de Gouvernail."</p>
            <p><a href="/">"Revenir à l'accueil"</a></p>
        </section>
    }
}
