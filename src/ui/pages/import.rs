//! « Importer » : a received file (picked or dropped) or a share link.
//! A known document is merged and the changes summarised; an unknown one is
//! described and added only after confirmation. Bad input changes nothing.

use crate::model::exchange::share::{bytes_from_fragment, check_file_size, preview, Preview};
use crate::model::values::period::Date;
use crate::storage::ImportOutcome;
use crate::ui::components::title::set_title;
use crate::ui::state::{AppState, NoticeLevel};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// French names of the collections in a merge summary.
fn collection_label(key: &str) -> &str {
    match key {
        "indicators" => "indicateurs",
        "measurements" => "séries de mesures",
        "axes" => "axes",
        "objectives" => "objectifs",
        "actions" => "actions",
        "milestones" => "jalons",
        "risks" => "risques",
        "budget_lines" => "lignes budgétaires",
        "trainings" => "formations",
        "datasets" => "jeux de données",
        "assessments" => "évaluations de maturité",
        "statuses" => "statuts d'avancement",
        "participants" => "participants",
        "comments" => "commentaires",
        "profile" => "identité de la collectivité",
        "meta" => "en-tête",
        other => other,
    }
}

#[component]
pub fn Import() -> impl IntoView {
    set_title(|| "Importer".to_string());
    let state = expect_context::<AppState>();
    let pending = RwSignal::new(None::<(Preview, Vec<u8>)>);
    let link_text = RwSignal::new(String::new());

    // Receives bytes from any source: merge if known, else ask.
    let receive = move |bytes: Vec<u8>| match preview(&bytes) {
        Err(e) => state.notify(NoticeLevel::Error, e.message().to_string()),
        Ok(p) if state.has_document(&p.id) => leptos::task::spawn_local(async move {
            match state.import_bytes(bytes).await {
                Ok(ImportOutcome::Merged { summary, .. }) => {
                    if summary.is_empty() {
                        state.notify(
                            NoticeLevel::Info,
                            format!("« {} » : rien de nouveau, tout était déjà là.", p.title),
                        );
                    } else {
                        let what: Vec<String> = summary
                            .changed
                            .iter()
                            .map(|(k, ids)| format!("{} {}", ids.len(), collection_label(k)))
                            .collect();
                        let who: Vec<String> = summary.authors.iter().filter(|a| !a.is_empty()).cloned().collect();
                        state.notify(
                            NoticeLevel::Success,
                            format!(
                                "« {} » fusionné : {} modification(s) reçue(s){}{}.",
                                p.title,
                                summary.new_changes,
                                if who.is_empty() { String::new() } else { format!(" de {}", who.join(", ")) },
                                if what.is_empty() { String::new() } else { format!(" ({})", what.join(", ")) }
                            ),
                        );
                    }
                }
                Ok(_) => {}
                Err(e) => state.notify(NoticeLevel::Error, e),
            }
        }),
        Ok(p) => pending.set(Some((p, bytes))),
    };

    // A link opened directly (/importer#g1.…), or pasted in the address bar
    // of an open page (only the fragment changes: `hashchange`).
    let take_fragment = move || {
        let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
        if hash.len() > 1 {
            match bytes_from_fragment(&hash) {
                Ok(bytes) => receive(bytes),
                Err(e) => state.notify(NoticeLevel::Error, e.message().to_string()),
            }
            // Forget the fragment so a reload does not import again.
            if let Some(w) = web_sys::window() {
                if let Ok(history) = w.history() {
                    let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/importer"));
                }
            }
        }
    };
    Effect::new(move |_| take_fragment());
    if let Some(window) = web_sys::window() {
        let listener = gloo_events::EventListener::new(&window, "hashchange", move |_| take_fragment());
        // Dropped (and so removed) when the page unmounts.
        let _kept = StoredValue::new_local(listener);
    }

    let read_files = move |files: web_sys::FileList| {
        for i in 0..files.length() {
            let Some(file) = files.get(i) else { continue };
            if let Err(e) = check_file_size(file.size() as usize) {
                state.notify(NoticeLevel::Error, format!("{} : {}", file.name(), e.message()));
                continue;
            }
            let file = gloo_file::File::from(file);
            leptos::task::spawn_local(async move {
                match gloo_file::futures::read_as_bytes(&file).await {
                    Ok(bytes) => receive(bytes),
                    Err(_) => state.notify(NoticeLevel::Error, "Ce fichier n'a pas pu être lu."),
                }
            });
        }
    };
    let on_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        if let Some(files) = input.files() {
            read_files(files);
        }
        input.set_value("");
    };
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        if let Some(files) = ev.data_transfer().and_then(|d| d.files()) {
            read_files(files);
        }
    };
    let on_link = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = link_text.get();
        let fragment = text.split_once('#').map(|(_, f)| f.to_string()).unwrap_or(text);
        match bytes_from_fragment(&fragment) {
            Ok(bytes) => {
                receive(bytes);
                link_text.set(String::new());
            }
            Err(e) => state.notify(NoticeLevel::Error, e.message().to_string()),
        }
    };

    view! {
        <section class="page narrow" data-testid="import">
            <h1>"Importer"</h1>
            <p>"Ouvrez un fichier .gouvernail reçu d'une autre collectivité, déposez-le ici, ou collez un lien de partage. Un document que vous avez déjà est fusionné ; un nouveau document vous est d'abord présenté."</p>
            <div class="drop-zone" on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=on_drop data-testid="drop-zone">
                <div class="field">
                    <label for="fichier-recu">"Fichier reçu (.gouvernail)"</label>
                    <input id="fichier-recu" type="file" multiple accept=".gouvernail,application/octet-stream" data-testid="import-file" on:change=on_file/>
                </div>
                <p class="hint">"Vous pouvez aussi glisser-déposer un ou plusieurs fichiers dans ce cadre."</p>
            </div>
            <form class="inline-form" on:submit=on_link>
                <div class="field">
                    <label for="lien-recu">"Lien de partage reçu"</label>
                    <input id="lien-recu" type="text" data-testid="import-link" prop:value=move || link_text.get() on:input=move |ev| link_text.set(event_target_value(&ev))/>
                </div>
                <button type="submit" class="button button-secondary" data-testid="import-link-submit">"Importer le lien"</button>
            </form>
            {move || pending.get().map(|(p, bytes)| {
                let when = if p.last_change_ms > 0 { Date::from_unix_millis(p.last_change_ms).french() } else { "date inconnue".into() };
                let who = if p.authors.is_empty() { p.created_by.clone() } else { p.authors.iter().cloned().collect::<Vec<_>>().join(", ") };
                view! {
                    <section class="callout confirm-import" role="dialog" aria-labelledby="confirmer-titre" data-testid="import-confirm">
                        <h2 id="confirmer-titre">"Nouveau document"</h2>
                        <p>{format!("« {} » — {}, créé par {}. {} modification(s), la dernière le {} ; contributeurs : {}.", p.title, p.kind.label(), if p.created_by.is_empty() { "inconnu".to_string() } else { p.created_by.clone() }, p.changes, when, who)}</p>
                        <div class="actions">
                            <button type="button" class="button button-primary" data-testid="import-accept" on:click=move |_| {
                                let (bytes, title) = (bytes.clone(), p.title.clone());
                                leptos::task::spawn_local(async move {
                                    match state.import_bytes(bytes).await {
                                        Ok(_) => state.notify(NoticeLevel::Success, format!("« {title} » a été ajouté à ce navigateur.")),
                                        Err(e) => state.notify(NoticeLevel::Error, e),
                                    }
                                });
                                pending.set(None);
                            }>"Ajouter ce document"</button>
                            <button type="button" class="button button-secondary" data-testid="import-cancel" on:click=move |_| pending.set(None)>"Annuler"</button>
                        </div>
                    </section>
                }
            })}
        </section>
    }
}
