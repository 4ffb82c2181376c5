use leptos::prelude::*;
#[component]
pub fn IndicatorSheet() -> impl IntoView { view! { <p>"TODO"</p> } }
