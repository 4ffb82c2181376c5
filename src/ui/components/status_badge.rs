//! A status shown with colour AND words (colour alone fails RGAA 3.1).

use crate::model::analysis::status::Status;
use leptos::prelude::*;

#[component]
pub fn StatusBadge(status: Status) -> impl IntoView {
    view! { <span class=format!("badge badge-{}", status.slug())>{status.label()}</span> }
}
