use leptos::prelude::*;
#[component]
pub fn Usage() -> impl IntoView { view! { <p>"TODO"</p> } }
