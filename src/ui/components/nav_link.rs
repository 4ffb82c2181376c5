//! A navigation link that marks itself `aria-current="page"` when active.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
pub fn NavLink(
    href: String,
    /// Active only on an exact match (for « Accueil », « Tableau de bord »).
    #[prop(optional)]
    exact: bool,
    children: Children,
) -> impl IntoView {
    let location = use_location();
    let target = href.clone();
    let active = move || {
        let path = location.pathname.get();
        let path = path.trim_end_matches('/');
        let target = target.trim_end_matches('/');
        if exact || target.is_empty() {
            path == target
        } else {
            path == target || path.starts_with(&format!("{target}/"))
        }
    };
    view! {
        <a href=href aria-current=move || active().then_some("page")>
            {children()}
        </a>
    }
}
