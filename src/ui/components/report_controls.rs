//! What sits above a steering report on screen (and never prints): the
//! period it covers — a year, a mandate, or any range of years typed in —,
//! the name it is signed with, and the two ways out: print it (or save it
//! as PDF from the print dialog) and download it as one HTML file.

use crate::model::analysis::report::period::ReportPeriod;
use crate::model::analysis::report::workspace::Cover;
use crate::model::exchange::report::document::standalone;
use crate::ui::components::download::{download, slug};
use crate::ui::components::form::unique_id;
use crate::ui::state::{AppState, NoticeLevel};
use leptos::prelude::*;
use maud::Markup;

/// The `<select>` value of a custom range.
const OTHER: &str = "autre";

#[component]
pub fn ReportControls(
    choices: Memo<Vec<ReportPeriod>>,
    period: RwSignal<ReportPeriod>,
    author: RwSignal<String>,
    on_download: impl Fn() + 'static,
) -> impl IntoView {
    let (select_id, author_id, from_id, to_id) =
        (unique_id("periode"), unique_id("auteur"), unique_id("debut"), unique_id("fin"));
    // A range typed in is shown even when it matches no offered choice.
    let custom = RwSignal::new(false);
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let selected = move || {
        let p = period.get();
        match choices.with(|c| c.iter().position(|c| *c == p)) {
            Some(i) if !custom.get() => i.to_string(),
            _ => OTHER.to_string(),
        }
    };
    let choose = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        if value == OTHER {
            let p = period.get_untracked();
            from.set(p.first_year.to_string());
            to.set(p.last_year.to_string());
            custom.set(true);
        } else if let Some(p) = value.parse::<usize>().ok().and_then(|i| choices.with_untracked(|c| c.get(i).copied()))
        {
            custom.set(false);
            error.set(None);
            period.set(p);
        }
    };
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match ReportPeriod::years(&from.get_untracked(), &to.get_untracked()) {
            Ok(p) => {
                error.set(None);
                period.set(p);
            }
            Err(e) => error.set(Some(e.message().to_string())),
        }
    };
    view! {
        <div class="report-controls no-print" data-testid="report-controls">
            <div class="report-controls-fields">
                <div class="field">
                    <label for=select_id.clone()>"Période couverte"</label>
                    <select id=select_id data-testid="report-period" prop:value=selected on:change=choose>
                        {move || choices.get().into_iter().enumerate().map(|(i, p)| {
                            view! { <option value=i.to_string()>{capitalized(&p.label())}</option> }
                        }).collect_view()}
                        <option value=OTHER>"Autre période…"</option>
                    </select>
                </div>
                <div class="field">
                    <label for=author_id.clone()>"Établi par"</label>
                    <input id=author_id type="text" autocomplete="name" data-testid="report-author"
                        prop:value=move || author.get() on:input=move |ev| author.set(event_target_value(&ev))/>
                </div>
            </div>
            <Show when=move || custom.get()>
                <form class="inline-form" on:submit=apply data-testid="report-range">
                    <div class="field">
                        <label for=from_id.clone()>"De l'année"</label>
                        <input id=from_id.clone() type="text" inputmode="numeric" size="6" data-testid="report-from"
                            prop:value=move || from.get() on:input=move |ev| from.set(event_target_value(&ev))/>
                    </div>
                    <div class="field">
                        <label for=to_id.clone()>"à l'année"</label>
                        <input id=to_id.clone() type="text" inputmode="numeric" size="6" data-testid="report-to"
                            prop:value=move || to.get() on:input=move |ev| to.set(event_target_value(&ev))/>
                    </div>
                    <button type="submit" class="button button-secondary">"Appliquer"</button>
                </form>
            </Show>
            {move || error.get().map(|e| view! { <p class="form-error" role="alert" data-testid="report-error">{e}</p> })}
            <div class="actions">
                <button type="button" class="button button-primary" data-testid="report-print" on:click=|_| print_page()>"Imprimer ou enregistrer en PDF"</button>
                <button type="button" class="button button-secondary" data-testid="report-download" on:click=move |_| on_download()>"Télécharger le rapport (fichier HTML)"</button>
            </div>
            <p class="hint">"Le fichier téléchargé s'ouvre dans tout navigateur, même hors connexion : à envoyer aux élus ou à publier sur le site de la collectivité."</p>
        </div>
    }
}

/// Opens the browser's print dialog (where « Enregistrer en PDF » is).
pub fn print_page() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// Downloads a report's `<article>` as one self-contained HTML file, named
/// after the collectivité and the period; a refusal is told to the user.
pub fn offer_report(state: AppState, cover: &Cover, article: Markup) {
    let title = format!("Rapport de pilotage — {} — {}", cover.collectivity, cover.period.label());
    let name = format!("rapport-de-pilotage-{}-{}.html", slug(&cover.collectivity), cover.period.slug());
    if let Err(e) = download(&name, "text/html;charset=utf-8", standalone(&title, article).as_bytes()) {
        state.notify(NoticeLevel::Error, e);
    }
}

/// « année 2026 » → « Année 2026 ».
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
