//! Finding one's collectivité in the official list (communes and EPCI with
//! their populations). The list is a separate asset, fetched only when the
//! person starts searching, then kept for the session.

use crate::model::exchange::referential::Referential;
use crate::model::kinds::collectivity::{CollectivityKind, Profile};
use crate::model::values::format::number;
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

thread_local! {
    static REFERENTIAL: RefCell<Option<Rc<Referential>>> = const { RefCell::new(None) };
}

async fn load() -> Result<Rc<Referential>, String> {
    if let Some(r) = REFERENTIAL.with(|c| c.borrow().clone()) {
        return Ok(r);
    }
    let fail = |_| "La liste officielle des collectivités n'a pas pu être chargée.".to_string();
    let window = web_sys::window().ok_or("Page indisponible.")?;
    let response: web_sys::Response =
        JsFuture::from(window.fetch_with_str("/data/collectivites.json")).await.map_err(fail)?.unchecked_into();
    if !response.ok() {
        return Err("La liste officielle des collectivités n'a pas pu être chargée.".into());
    }
    let text = JsFuture::from(response.text().map_err(fail)?).await.map_err(fail)?.as_string().unwrap_or_default();
    let referential = Rc::new(Referential::parse(&text).map_err(|e| e.message().to_string())?);
    REFERENTIAL.with(|c| *c.borrow_mut() = Some(referential.clone()));
    Ok(referential)
}

#[component]
pub fn CollectivitySearch(on_pick: Callback<Profile>) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let results = RwSignal::new(Vec::<Profile>::new());
    let message = RwSignal::new(String::new());
    let search = move |text: String| {
        query.set(text.clone());
        if text.trim().chars().count() < 2 {
            results.set(Vec::new());
            message.set(String::new());
            return;
        }
        leptos::task::spawn_local(async move {
            match load().await {
                Ok(r) => {
                    // Ignore answers to an older query.
                    if query.get_untracked() != text {
                        return;
                    }
                    let found = r.search(&text, 8);
                    message.set(match found.len() {
                        0 => "Aucune collectivité trouvée.".to_string(),
                        n => format!("{n} résultat(s)."),
                    });
                    results.set(found);
                }
                Err(e) => message.set(e),
            }
        });
    };
    view! {
        <div class="field collectivity-search">
            <label for="recherche-collectivite">"Rechercher votre collectivité dans la liste officielle"</label>
            <p class="hint" id="recherche-aide">"Nom ou code INSEE ; la population et l'intercommunalité sont remplies pour vous."</p>
            <input id="recherche-collectivite" type="search" aria-describedby="recherche-aide" data-testid="collectivity-search"
                prop:value=move || query.get() on:input=move |ev| search(event_target_value(&ev))/>
            <p class="muted" role="status">{move || message.get()}</p>
            <ul class="plain-list" data-testid="collectivity-results">
                {move || results.get().into_iter().map(|p| {
                    let label = format!(
                        "{} ({}) — {} hab.{}",
                        p.name,
                        p.code,
                        number(p.population as f64),
                        if p.kind == CollectivityKind::Epci { " — intercommunalité".to_string() } else if p.epci_name.is_empty() { String::new() } else { format!(" — {}", p.epci_name) }
                    );
                    view! {
                        <li><button type="button" class="button-link" on:click=move |_| {
                            on_pick.run(p.clone());
                            results.set(Vec::new());
                            message.set(format!("{} sélectionnée.", p.name));
                        }>{label}</button></li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}
