use leptos::prelude::*;
#[component]
pub fn Indicators() -> impl IntoView { view! { <p>"TODO"</p> } }
