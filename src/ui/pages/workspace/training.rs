use leptos::prelude::*;
#[component]
pub fn Training() -> impl IntoView { view! { <p>"TODO"</p> } }
