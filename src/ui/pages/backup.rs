//! Backup and restore of every document of this browser, storage usage
//! (`navigator.storage.estimate()`), and the data put aside because it
//! could not be read.

use crate::model::values::format::number_with;
use crate::model::values::period::Date;
use crate::ui::components::download::download;
use crate::ui::components::title::set_title;
use crate::ui::state::{now_ms, AppState, NoticeLevel};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn Backup() -> impl IntoView {
    set_title(|| "Sauvegarde".to_string());
    let state = expect_context::<AppState>();

    let save_backup = move |_| {
        leptos::task::spawn_local(async move {
            let json = state.backup_json().await;
            let name = format!("gouvernail-sauvegarde-{}.json", Date::from_unix_millis(now_ms()).iso());
            if let Err(e) = download(&name, "application/json", json.as_bytes()) {
                state.notify(NoticeLevel::Error, e);
            }
        });
    };

    let restore = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        let file = gloo_file::File::from(file);
        leptos::task::spawn_local(async move {
            match gloo_file::futures::read_as_text(&file).await {
                Ok(text) => match state.restore_backup(&text).await {
                    Ok(outcomes) => state.notify(
                        NoticeLevel::Success,
                        format!(
                            "Sauvegarde restaurée : {} document(s) fusionné(s) avec ceux de ce navigateur.",
                            outcomes.len()
                        ),
                    ),
                    Err(e) => state.notify(NoticeLevel::Error, e),
                },
                Err(_) => state.notify(NoticeLevel::Error, "Ce fichier n'a pas pu être lu."),
            }
        });
    };

    let usage = move || match state.usage.get() {
        Some((used, quota)) => format!(
            "Espace utilisé par Gouvernail dans ce navigateur : {} sur {} disponibles pour ce site.",
            bytes_fr(used),
            bytes_fr(quota)
        ),
        None => "Ce navigateur n'indique pas l'espace dont il dispose.".to_string(),
    };
    let kept = move || {
        if state.is_persistent() {
            "Vos documents sont enregistrés dans la base de données de ce navigateur (IndexedDB)."
        } else {
            "Ce navigateur refuse d'enregistrer des données : vos documents ne restent que dans cette page. Téléchargez une sauvegarde avant de la fermer."
        }
    };
    let persisted = move || match state.persisted.get() {
        Some(true) => "Le navigateur s'est engagé à ne pas effacer ces données pour libérer de la place.",
        Some(false) => {
            "Le navigateur peut effacer ces données s'il manque de place : téléchargez régulièrement une sauvegarde."
        }
        None => "",
    };

    view! {
        <section class="page narrow">
            <h1>"Sauvegarde"</h1>
            <p>"Vos documents ne sont enregistrés que dans ce navigateur. Une sauvegarde est un fichier qui les contient tous ; la restaurer fusionne son contenu avec ce qui est ici, sans rien remplacer."</p>
            <div class="actions">
                <button type="button" class="button button-primary" data-testid="download-backup" on:click=save_backup>
                    "Télécharger une sauvegarde"
                </button>
            </div>
            <div class="field">
                <label for="restaurer">"Restaurer une sauvegarde"</label>
                <input id="restaurer" type="file" accept=".json,application/json" data-testid="restore-backup" on:change=restore/>
            </div>
            <h2>"Espace utilisé"</h2>
            <p>{kept}</p>
            <p data-testid="storage-usage">{usage}</p>
            <p>{persisted}</p>
            <Show when=move || !state.quarantined().is_empty()>
                <h2>"Données mises de côté"</h2>
                <p>"Ces entrées n'ont pas pu être lues. Elles sont conservées telles quelles ; vous pouvez les télécharger pour les confier à quelqu'un qui pourra les examiner."</p>
                <ul data-testid="quarantine-list">
                    <For each=move || state.quarantined() key=|k| k.clone() let:key>
                        {
                            let label = key.join("/");
                            // Old entries are text; chunks are Automerge bytes.
                            let name = if key.get(1).is_some_and(|k| k.starts_with("gouvernail/")) {
                                "donnee-mise-de-cote.txt"
                            } else {
                                "donnee-mise-de-cote.automerge"
                            };
                            view! {
                                <li>
                                    <code>{label}</code>" "
                                    <button type="button" class="button-link" on:click=move |_| {
                                        let key = key.clone();
                                        leptos::task::spawn_local(async move {
                                            if let Some(bytes) = state.quarantined_value(key).await {
                                                let _ = download(name, "application/octet-stream", &bytes);
                                            }
                                        });
                                    }>"Télécharger"</button>
                                </li>
                            }
                        }
                    </For>
                </ul>
            </Show>
        </section>
    }
}

/// A number of bytes in French units: « 180 Ko », « 2,4 Mo », « 10,7 Go ».
fn bytes_fr(bytes: f64) -> String {
    const KB: f64 = 1_000.0;
    if bytes < KB * KB {
        format!("{} Ko", number_with(bytes / KB, 0))
    } else if bytes < KB * KB * KB {
        format!("{} Mo", number_with(bytes / (KB * KB), 1))
    } else {
        format!("{} Go", number_with(bytes / (KB * KB * KB), 1))
    }
}
