//! Backup and restore of every document of this browser, storage usage, and
//! the entries put aside because they could not be read.

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
        let json = state.backup_json();
        let name = format!("gouvernail-sauvegarde-{}.json", Date::from_unix_millis(now_ms()).iso());
        if let Err(e) = download(&name, "application/json", json.as_bytes()) {
            state.notify(NoticeLevel::Error, e);
        }
    };

    let restore = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        let file = gloo_file::File::from(file);
        leptos::task::spawn_local(async move {
            match gloo_file::futures::read_as_text(&file).await {
                Ok(text) => match state.restore_backup(&text) {
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

    let usage = move || {
        state.usage.get().map(|(used, quota)| {
            format!(
                "Ce site utilise environ {} Mo sur {} Mo disponibles pour lui dans ce navigateur.",
                number_with(used / 1_048_576.0, 1),
                number_with(quota / 1_048_576.0, 0)
            )
        })
    };
    let stored = move || {
        // localStorage holds about 5 million characters per site.
        let chars = state.used_chars() as f64;
        format!(
            "Vos documents occupent {} % de l'espace de stockage local (environ 5 millions de caractères).",
            number_with(chars / 5_000_000.0 * 100.0, 1)
        )
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
            <p data-testid="storage-usage">{stored}</p>
            <p>{usage}</p>
            <p>{persisted}</p>
            <Show when=move || !state.quarantined().is_empty()>
                <h2>"Données mises de côté"</h2>
                <p>"Ces entrées n'ont pas pu être lues. Elles sont conservées telles quelles ; vous pouvez les télécharger pour les confier à quelqu'un qui pourra les examiner."</p>
                <ul data-testid="quarantine-list">
                    <For each=move || state.quarantined() key=|(k, _)| k.clone() let:entry>
                        {
                            let (key, value) = entry;
                            let label = key.clone();
                            view! {
                                <li>
                                    <code>{label}</code>" "
                                    <button type="button" class="button-link" on:click=move |_| {
                                        let _ = download("donnee-mise-de-cote.txt", "text/plain", value.as_bytes());
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
