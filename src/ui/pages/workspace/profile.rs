use leptos::prelude::*;
#[component]
pub fn ProfilePage() -> impl IntoView { view! { <p>"TODO"</p> } }
