//! « Synchronisation en direct » : the relay's address and access key (set
//! once for this browser, checked before they are kept), the connection's
//! state, live sync turned on or off for each document with its status and
//! its live-sync link; opening such a link (`/synchronisation#r1.…`) asks
//! the relay for the document.

use crate::model::exchange::relay::link::is_relay_link;
use crate::model::DocKind;
use crate::ui::components::title::set_title;
use crate::ui::live_sync::{LinkOpened, LiveSync};
use crate::ui::state::{AppState, NoticeLevel};
use leptos::prelude::*;

#[component]
pub fn LiveSyncPage() -> impl IntoView {
    set_title(|| "Synchronisation en direct".to_string());
    let state = expect_context::<AppState>();
    let live = expect_context::<LiveSync>();
    let current = live.relay.get_untracked();
    let address = RwSignal::new(current.as_ref().map(|r| r.address.clone()).unwrap_or_default());
    let key = RwSignal::new(current.map(|r| r.key).unwrap_or_default());
    let error = RwSignal::new(None::<String>);
    // A live-sync link waiting for this browser to be set up for its relay.
    let waiting_link = RwSignal::new(None::<String>);

    let open_link = move |fragment: String| match live.open_link(&fragment) {
        Ok(LinkOpened::Fetching(_)) => {
            waiting_link.set(None);
            error.set(None);
            state.notify(
                NoticeLevel::Info,
                "Document demandé au relais : il s'ajoutera à vos documents dès qu'il sera reçu.",
            );
        }
        Ok(LinkOpened::AlreadyHere(_)) => {
            waiting_link.set(None);
            error.set(None);
            state.notify(
                NoticeLevel::Success,
                "Ce document est déjà dans ce navigateur : sa synchronisation en direct est activée.",
            );
        }
        Ok(LinkOpened::NeedsRelay(url)) => {
            address.set(url.clone());
            waiting_link.set(Some(fragment));
            error.set(Some(format!(
                "Ce lien désigne un document du relais {url}. Saisissez la clé d'accès de ce relais (demandez-la à son administrateur) puis enregistrez : le document sera alors demandé."
            )));
        }
        Err(message) => error.set(Some(message)),
    };
    // A link opened directly, or pasted in the address bar of this open
    // page (only the fragment changes: `hashchange`). The fragment is then
    // forgotten, so a reload does not open it again.
    let take_fragment = move || {
        let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
        if is_relay_link(&hash) {
            open_link(hash);
            if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
                let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/synchronisation"));
            }
        }
    };
    take_fragment();
    if let Some(window) = web_sys::window() {
        let listener = gloo_events::EventListener::new(&window, "hashchange", move |_| take_fragment());
        // Dropped (and so removed) when the page unmounts.
        let _kept = StoredValue::new_local(listener);
    }

    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match live.set_relay(&address.get_untracked(), &key.get_untracked()) {
            Ok(()) => {
                error.set(None);
                state.notify(NoticeLevel::Success, "Relais enregistré pour ce navigateur.");
                if let Some(fragment) = waiting_link.get_untracked() {
                    open_link(fragment);
                }
            }
            Err(message) => error.set(Some(message)),
        }
    };
    let connection = Memo::new(move |_| live.status.get().map(|s| s.label().to_string()));

    view! {
        <section class="page narrow">
            <h1>"Synchronisation en direct"</h1>
            <p>"Un relais de synchronisation, hébergé par votre intercommunalité ou votre syndicat informatique, transmet vos modifications aux autres navigateurs qui suivent le même document, dès qu'elles sont faites. Sans relais, Gouvernail fonctionne comme avant : fichiers et liens de partage."</p>
            <p>"Le relais lit et conserve les documents qu'il transmet (ils ne sont pas chiffrés de bout en bout) : quiconque a la clé d'accès et l'identifiant d'un document peut le lire. La clé reste dans ce navigateur ; elle n'est jamais mise dans un lien."</p>
            <h2>"Relais"</h2>
            <form class="form" on:submit=save data-testid="relay-form" novalidate=true>
                <div class="field">
                    <label for="relay-address">"Adresse du relais"</label>
                    <input id="relay-address" type="url" autocomplete="off" aria-describedby="relay-address-help"
                        data-testid="relay-address"
                        prop:value=move || address.get()
                        on:input=move |ev| address.set(event_target_value(&ev))/>
                    <p class="hint" id="relay-address-help">"Donnée par l'administrateur du relais, par exemple wss://relais.mon-interco.fr"</p>
                </div>
                <div class="field">
                    <label for="relay-key">"Clé d'accès"</label>
                    <input id="relay-key" type="password" autocomplete="off" data-testid="relay-key"
                        prop:value=move || key.get()
                        on:input=move |ev| key.set(event_target_value(&ev))/>
                </div>
                <div role="alert" data-testid="relay-error">
                    {move || error.get().map(|e| view! { <p class="form-error">{e}</p> })}
                </div>
                <div class="actions">
                    <button type="submit" class="button button-primary" data-testid="relay-save">"Enregistrer"</button>
                    <Show when=move || live.relay.get().is_some()>
                        <button type="button" class="button" data-testid="relay-forget" on:click=move |_| {
                            live.forget_relay();
                            address.set(String::new());
                            key.set(String::new());
                        }>"Ne plus utiliser ce relais"</button>
                    </Show>
                </div>
            </form>
            <p role="status" aria-live="polite" data-testid="relay-connection">
                {move || connection.get().map(|label| format!("État de la connexion : {label}"))}
            </p>
            <h2>"Documents synchronisés"</h2>
            <Show when=move || live.relay.get().is_some()
                fallback=|| view! { <p>"Enregistrez d'abord l'adresse du relais et sa clé."</p> }>
                <DocumentList/>
            </Show>
        </section>
    }
}

/// Every document with its live-sync switch and status.
#[component]
fn DocumentList() -> impl IntoView {
    let state = expect_context::<AppState>();
    let live = expect_context::<LiveSync>();
    let documents = move || {
        state
            .documents()
            .into_iter()
            .filter(|d| matches!(d.kind, DocKind::Workspace | DocKind::Roadmap))
            .collect::<Vec<_>>()
    };
    let all = move |_| live.set_live_all(documents().into_iter().map(|d| d.id).collect());
    view! {
        <div class="actions">
            <button type="button" class="button button-secondary" data-testid="live-all" on:click=all>
                "Synchroniser en direct tous ces documents"
            </button>
        </div>
        <ul class="live-documents" data-testid="live-documents">
            <For each=documents key=|d| (d.id.clone(), d.title.clone()) let:doc>
                {
                    let id = doc.id.clone();
                    let input_id = format!("live-{id}");
                    let on = {
                        let id = id.clone();
                        move || live.live.with(|l| l.contains(&id))
                    };
                    let status = {
                        let id = id.clone();
                        Memo::new(move |_| live.document_status(&id).map(|s| (s.label(), s.explanation().map(str::to_string))))
                    };
                    let toggle = {
                        let id = id.clone();
                        move |ev: leptos::ev::Event| live.set_live(&id, event_target_checked(&ev))
                    };
                    view! {
                        <li data-testid="live-document" data-id=id.clone()>
                            <input type="checkbox" id=input_id.clone() prop:checked=on on:change=toggle/>
                            <label for=input_id>"Synchroniser en direct « " {doc.title.clone()} " »"</label>
                            <span class="live-status" role="status" data-testid="live-document-status">
                                {move || status.get().map(|(label, _)| format!(" — {label}"))}
                            </span>
                            {move || status.get().and_then(|(_, why)| why).map(|why| view! { <p class="form-error">{why}</p> })}
                            <LiveLink id=id.clone() title=doc.title.clone()/>
                        </li>
                    }
                }
            </For>
        </ul>
    }
}

/// The live-sync link of a document whose live sync is on.
#[component]
fn LiveLink(id: String, title: String) -> impl IntoView {
    let live = expect_context::<LiveSync>();
    let input_id = format!("live-link-{id}");
    let link = move || live.live.with(|l| l.contains(&id)).then(|| live.link_for(&id)).flatten();
    view! {
        {move || link().map(|url| view! {
            <div class="field live-link">
                <label for=input_id.clone()>"Lien de synchronisation de « " {title.clone()} " »"</label>
                <input id=input_id.clone() type="text" readonly=true prop:value=url data-testid="live-link"/>
                <p class="hint">"À transmettre avec la clé d'accès du relais, par un autre moyen : le lien ne la contient pas."</p>
            </div>
        })}
    }
}
