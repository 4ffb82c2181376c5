//! Labelled form fields. Every input has a visible `<label>` tied by id, and
//! optional help text tied by `aria-describedby` (RGAA 11.1, 11.2).

use leptos::prelude::*;
use std::sync::atomic::{AtomicUsize, Ordering};

static NEXT_ID: AtomicUsize = AtomicUsize::new(1);

/// A fresh, page-unique element id.
pub fn unique_id(prefix: &str) -> String {
    format!("{prefix}-{}", NEXT_ID.fetch_add(1, Ordering::Relaxed))
}

#[component]
pub fn TextField(
    label: &'static str,
    value: RwSignal<String>,
    #[prop(optional)] required: bool,
    #[prop(optional)] hint: Option<&'static str>,
    /// `text` by default; `date`, `number`, `email`…
    #[prop(optional)]
    kind: Option<&'static str>,
    #[prop(optional)] testid: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
) -> impl IntoView {
    let id = unique_id("champ");
    let hint_id = format!("{id}-aide");
    let described = hint.map(|_| hint_id.clone());
    view! {
        <div class="field">
            <label for=id.clone()>
                {label}
                {required.then(|| view! { <span class="required">" (obligatoire)"</span> })}
            </label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            <input
                id=id
                type=kind.unwrap_or("text")
                required=required
                aria-describedby=described
                data-testid=testid
                autocomplete=autocomplete
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </div>
    }
}

#[component]
pub fn TextArea(
    label: &'static str,
    value: RwSignal<String>,
    #[prop(optional)] hint: Option<&'static str>,
    /// Visible lines (3 by default; more for long texts).
    #[prop(optional)]
    rows: Option<u32>,
    #[prop(optional)] testid: Option<&'static str>,
) -> impl IntoView {
    let id = unique_id("texte");
    let hint_id = format!("{id}-aide");
    let described = hint.map(|_| hint_id.clone());
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            <textarea
                id=id
                rows=rows.unwrap_or(3).to_string()
                aria-describedby=described
                data-testid=testid
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            ></textarea>
        </div>
    }
}

#[component]
pub fn CheckField(label: &'static str, value: RwSignal<bool>) -> impl IntoView {
    let id = unique_id("case");
    view! {
        <div class="field field-check">
            <input
                id=id.clone()
                type="checkbox"
                prop:checked=move || value.get()
                on:change=move |ev| value.set(event_target_checked(&ev))
            />
            <label for=id>{label}</label>
        </div>
    }
}

/// A `<select>` over a fixed list of values with French labels.
#[component]
pub fn SelectField<T>(
    label: &'static str,
    value: RwSignal<T>,
    options: Vec<(T, String)>,
    #[prop(optional)] testid: Option<&'static str>,
) -> impl IntoView
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let id = unique_id("choix");
    let values: Vec<T> = options.iter().map(|(v, _)| v.clone()).collect();
    let selected_index = {
        let values = values.clone();
        move || values.iter().position(|v| *v == value.get()).unwrap_or(0).to_string()
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select
                id=id
                data-testid=testid
                prop:value=selected_index
                on:change=move |ev| {
                    if let Ok(i) = event_target_value(&ev).parse::<usize>() {
                        if let Some(v) = values.get(i) {
                            value.set(v.clone());
                        }
                    }
                }
            >
                {options
                    .into_iter()
                    .enumerate()
                    .map(|(i, (_, text))| view! { <option value=i.to_string()>{text}</option> })
                    .collect_view()}
            </select>
        </div>
    }
}
