//! « Collectivité » : the identity of the collectivité (name, kind, INSEE or
//! SIREN code, population, EPCI), the author name of this browser, exports
//! and the history of changes.

use super::{send, use_workspace};
use crate::model::exchange::spreadsheet::{budget_csv, indicators_csv};
use crate::model::kinds::collectivity::{CollectivityKind, Profile};
use crate::model::Command;
use crate::ui::components::download::{download, slug};
use crate::ui::components::form::{SelectField, TextField};
use crate::ui::components::title::set_title;
use crate::ui::state::{AppState, NoticeLevel};
use leptos::prelude::*;

#[component]
pub fn ProfilePage() -> impl IntoView {
    set_title(|| "Collectivité".to_string());
    let ctx = use_workspace();
    let state = expect_context::<AppState>();
    let p = ctx.ws.with_untracked(|w| w.as_ref().map(|w| w.profile.clone()).unwrap_or_default());
    let name = RwSignal::new(p.name.clone());
    let kind = RwSignal::new(p.kind);
    let code = RwSignal::new(p.code.clone());
    let population = RwSignal::new(if p.population > 0 { p.population.to_string() } else { String::new() });
    let epci_name = RwSignal::new(p.epci_name.clone());
    let epci_code = RwSignal::new(p.epci_code.clone());
    let author = RwSignal::new(state.author.get_untracked());
    let error = RwSignal::new(None::<String>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let profile = match Profile::from_form(
            &name.get(),
            kind.get(),
            &code.get(),
            &population.get(),
            &epci_name.get(),
            &epci_code.get(),
        ) {
            Ok(p) => p,
            Err(e) => return error.set(Some(e.message().to_string())),
        };
        error.set(None);
        state.set_author(&author.get());
        let title = profile.name.clone();
        if send(state, &ctx.id.get_untracked(), Command::SetProfile(profile), "Identité de la collectivité") {
            send(state, &ctx.id.get_untracked(), Command::SetTitle(title), "Titre de l'espace");
            state.notify(NoticeLevel::Success, "Informations enregistrées.");
        }
    };
    let export = move |what: &'static str| {
        let Some(ws) = ctx.ws.get_untracked() else { return };
        let base = slug(&ws.profile.name);
        let result = match what {
            "indicateurs" => {
                download(&format!("{base}-indicateurs.csv"), "text/csv;charset=utf-8", indicators_csv(&ws).as_bytes())
            }
            "budget" => download(&format!("{base}-budget.csv"), "text/csv;charset=utf-8", budget_csv(&ws).as_bytes()),
            _ => download(
                &format!("{base}-espace.json"),
                "application/json",
                serde_json::to_string_pretty(&ws).unwrap_or_default().as_bytes(),
            ),
        };
        if let Err(e) = result {
            state.notify(NoticeLevel::Error, e);
        }
    };
    let history = move || state.history(&ctx.id.get());
    let kinds: Vec<(CollectivityKind, String)> =
        CollectivityKind::ALL.iter().map(|k| (*k, k.label().to_string())).collect();
    view! {
        <section class="page" data-testid="profile">
            <h1>"Collectivité"</h1>
            <form class="grid-form" on:submit=save data-testid="profile-form">
                <TextField label="Nom de la collectivité" value=name required=true testid="profile-name"/>
                <SelectField label="Type de collectivité" value=kind options=kinds/>
                <TextField label="Code INSEE (commune) ou SIREN (EPCI)" value=code testid="profile-code"/>
                <TextField label="Population" value=population testid="profile-population"/>
                <TextField label="Intercommunalité (EPCI) de rattachement" value=epci_name/>
                <TextField label="SIREN de l'EPCI" value=epci_code/>
                <TextField label="Votre nom" value=author hint="Enregistré dans ce navigateur ; il accompagne vos modifications."/>
                {move || error.get().map(|e| view! { <p class="form-error field-wide" role="alert" data-testid="profile-error">{e}</p> })}
                <div class="actions"><button type="submit" class="button button-primary" data-testid="profile-save">"Enregistrer"</button></div>
            </form>
            <h2>"Exporter"</h2>
            <p>"Les fichiers CSV utilisent le point-virgule et s'ouvrent directement dans un tableur en français."</p>
            <div class="actions">
                <button type="button" class="button button-secondary" data-testid="export-indicators" on:click=move |_| export("indicateurs")>"Indicateurs et mesures (CSV)"</button>
                <button type="button" class="button button-secondary" data-testid="export-budget" on:click=move |_| export("budget")>"Lignes budgétaires (CSV)"</button>
                <button type="button" class="button button-secondary" data-testid="export-json" on:click=move |_| export("json")>"Tout l'espace (JSON)"</button>
            </div>
            <h2>"Historique des modifications"</h2>
            <ol class="history" reversed data-testid="history">
                {move || history().into_iter().rev().take(50).map(|h| {
                    let date = crate::model::values::period::Date::from_unix_millis(h.time_ms).french();
                    view! { <li>{format!("{date} — {} : {}", if h.author.is_empty() { "inconnu".to_string() } else { h.author.clone() }, h.message)}</li> }
                }).collect_view()}
            </ol>
        </section>
    }
}
