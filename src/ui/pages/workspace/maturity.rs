use leptos::prelude::*;
#[component]
pub fn Maturity() -> impl IntoView { view! { <p>"TODO"</p> } }
