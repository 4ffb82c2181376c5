use leptos::prelude::*;
#[component]
pub fn Finances() -> impl IntoView { view! { <p>"TODO"</p> } }
