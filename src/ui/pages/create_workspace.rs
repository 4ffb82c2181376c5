//! Creating the workspace of a collectivité: its identity, and the name of
//! the person recording changes from this browser.

use crate::model::kinds::collectivity::{CollectivityKind, Profile};
use crate::model::kinds::meta::DocKind;
use crate::model::Command;
use crate::ui::components::collectivity_search::CollectivitySearch;
use crate::ui::components::form::{SelectField, TextField};
use crate::ui::components::title::set_title;
use crate::ui::state::AppState;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub fn CreateWorkspace() -> impl IntoView {
    set_title(|| "Créer l'espace de ma collectivité".to_string());
    let state = expect_context::<AppState>();
    let navigate = use_navigate();
    let name = RwSignal::new(String::new());
    let kind = RwSignal::new(CollectivityKind::Commune);
    let code = RwSignal::new(String::new());
    let population = RwSignal::new(String::new());
    let epci_name = RwSignal::new(String::new());
    let epci_code = RwSignal::new(String::new());
    let author = RwSignal::new(state.author.get_untracked());
    let error = RwSignal::new(None::<String>);

    let submit = move |ev: leptos::ev::SubmitEvent| {
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
        if author.get().trim().is_empty() {
            error
                .set(Some("Indiquez votre nom : il accompagne chacune de vos modifications dans l'historique.".into()));
            return;
        }
        state.set_author(&author.get());
        let result = state.create_document(DocKind::Workspace, &profile.name).and_then(|id| {
            state.dispatch(&id, Command::SetProfile(profile), "Identité de la collectivité").map(|_| id)
        });
        match result {
            Ok(id) => navigate(&format!("/espace/{id}"), Default::default()),
            Err(e) => error.set(Some(e)),
        }
    };

    let kinds: Vec<(CollectivityKind, String)> =
        CollectivityKind::ALL.iter().map(|k| (*k, k.label().to_string())).collect();
    view! {
        <section class="page narrow">
            <h1>"Créer l'espace de ma collectivité"</h1>
            <p>"Ces informations restent dans ce navigateur. Vous pourrez les modifier plus tard."</p>
            <CollectivitySearch on_pick=Callback::new(move |p: Profile| {
                name.set(p.name);
                kind.set(p.kind);
                code.set(p.code);
                population.set(if p.population > 0 { p.population.to_string() } else { String::new() });
                epci_name.set(p.epci_name);
                epci_code.set(p.epci_code);
            })/>
            <form on:submit=submit novalidate data-testid="create-form">
                <TextField label="Nom de la collectivité" value=name required=true testid="profile-name" autocomplete="organization"/>
                <SelectField label="Type de collectivité" value=kind options=kinds testid="profile-kind"/>
                <TextField label="Code INSEE (commune) ou SIREN (EPCI)" value=code hint="Facultatif. 5 caractères pour une commune (ex. 84065), 9 chiffres pour un EPCI." testid="profile-code"/>
                <TextField label="Population" value=population hint="Nombre d'habitants, pour les ratios par habitant." testid="profile-population"/>
                <TextField label="Intercommunalité (EPCI) de rattachement" value=epci_name testid="profile-epci-name"/>
                <TextField label="SIREN de l'EPCI" value=epci_code hint="Facultatif, 9 chiffres." testid="profile-epci-code"/>
                <TextField label="Votre nom" value=author required=true hint="Par exemple « Marie Dupont, secrétaire de mairie » : il apparaît dans l'historique des modifications." testid="author-name" autocomplete="name"/>
                {move || error.get().map(|e| view! { <p class="form-error" role="alert" data-testid="form-error">{e}</p> })}
                <div class="actions">
                    <button type="submit" class="button button-primary" data-testid="create-submit">"Créer l'espace"</button>
                    <a class="button button-secondary" href="/">"Annuler"</a>
                </div>
            </form>
        </section>
    }
}
