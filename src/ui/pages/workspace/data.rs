//! « Données » : the data-governance inventory — who owns each dataset,
//! whether it holds personal data, its open-data status and licence.

use super::{confirm, send, use_workspace};
use crate::model::kinds::capacity::{Dataset, OpenDataStatus};
use crate::model::{new_id, Collection, Command, Entity};
use crate::ui::components::form::{CheckField, SelectField, TextField};
use crate::ui::components::title::set_title;
use crate::ui::state::{AppState, NoticeLevel};
use leptos::prelude::*;

#[component]
pub fn Data() -> impl IntoView {
    set_title(|| "Données".to_string());
    let ctx = use_workspace();
    let state = expect_context::<AppState>();
    let datasets = move || {
        ctx.ws.with(|w| {
            let mut v: Vec<(String, Dataset)> = w
                .as_ref()
                .map(|w| w.datasets.iter().map(|(k, d)| (k.clone(), d.clone())).collect())
                .unwrap_or_default();
            v.sort_by(|a, b| a.1.name.cmp(&b.1.name));
            v
        })
    };
    let counts = move || {
        let list = datasets();
        let published = list.iter().filter(|(_, d)| d.open_data == OpenDataStatus::Published).count();
        let personal = list.iter().filter(|(_, d)| d.personal_data).count();
        format!("{} jeu(x) de données inventorié(s), dont {} publié(s) en open data et {} contenant des données personnelles.", list.len(), published, personal)
    };
    let name = RwSignal::new(String::new());
    let owner = RwSignal::new(String::new());
    let personal = RwSignal::new(false);
    let open = RwSignal::new(OpenDataStatus::NotPlanned);
    let licence = RwSignal::new("Licence Ouverte 2.0".to_string());
    let frequency = RwSignal::new(String::new());
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if name.get().trim().is_empty() {
            state.notify(NoticeLevel::Error, "Indiquez le nom du jeu de données.");
            return;
        }
        let d = Dataset {
            name: name.get().trim().to_string(),
            description: String::new(),
            owner: owner.get().trim().to_string(),
            personal_data: personal.get(),
            open_data: open.get(),
            licence: licence.get().trim().to_string(),
            update_frequency: frequency.get().trim().to_string(),
        };
        if send(
            state,
            &ctx.id.get_untracked(),
            Command::Create { id: new_id(), entity: Entity::Dataset(d) },
            "Nouveau jeu de données",
        ) {
            name.set(String::new());
            owner.set(String::new());
        }
    };
    let statuses: Vec<(OpenDataStatus, String)> =
        OpenDataStatus::ALL.iter().map(|s| (*s, s.label().to_string())).collect();
    view! {
        <section class="page" data-testid="data">
            <h1>"Données"</h1>
            <p>"Le directeur de la transformation numérique est responsable de la gouvernance et des usages de la donnée : tenez l'inventaire des jeux de données de la collectivité."</p>
            <p role="status" data-testid="dataset-counts">{counts}</p>
            <div class="table-wrap">
                <table class="table" data-testid="dataset-table">
                    <caption class="visually-hidden">"Inventaire des jeux de données"</caption>
                    <thead><tr><th scope="col">"Jeu de données"</th><th scope="col">"Responsable"</th><th scope="col">"Données personnelles"</th><th scope="col">"Open data"</th><th scope="col">"Licence"</th><th scope="col">"Mise à jour"</th><th scope="col"><span class="visually-hidden">"Actions"</span></th></tr></thead>
                    <tbody>
                        <For each=datasets key=|(k, d)| (k.clone(), d.name.clone(), d.open_data) let:item>
                            {
                                let (id, d) = item;
                                let next = match d.open_data {
                                    OpenDataStatus::NotPlanned => Some(OpenDataStatus::Planned),
                                    OpenDataStatus::Planned => Some(OpenDataStatus::Published),
                                    OpenDataStatus::Published => None,
                                };
                                let promote = d.clone();
                                let promote_id = id.clone();
                                let label = d.name.clone();
                                view! {
                                    <tr>
                                        <td>{d.name.clone()}</td><td>{d.owner.clone()}</td>
                                        <td>{if d.personal_data { "Oui" } else { "Non" }}</td>
                                        <td>{d.open_data.label()}
                                            {next.map(|n| view! {
                                                " " <button type="button" class="button-link" on:click=move |_| {
                                                    let updated = Dataset { open_data: n, ..promote.clone() };
                                                    send(state, &ctx.id.get_untracked(), Command::Update { id: promote_id.clone(), entity: Entity::Dataset(updated) }, "Statut open data");
                                                }>{format!("Passer à « {} »", n.label())}<span class="visually-hidden">{format!(" pour {}", d.name)}</span></button>
                                            })}
                                        </td>
                                        <td>{d.licence.clone()}</td><td>{d.update_frequency.clone()}</td>
                                        <td><button type="button" class="button-link danger" on:click=move |_| {
                                            if confirm(&format!("Retirer « {label} » de l'inventaire ?")) {
                                                send(state, &ctx.id.get_untracked(), Command::Delete { collection: Collection::Datasets, id: id.clone() }, "Suppression d'un jeu de données");
                                            }
                                        }>"Supprimer"<span class="visually-hidden">{format!(" {}", d.name)}</span></button></td>
                                    </tr>
                                }
                            }
                        </For>
                    </tbody>
                </table>
            </div>
            <h2>"Ajouter un jeu de données"</h2>
            <form class="grid-form" on:submit=add data-testid="add-dataset">
                <TextField label="Nom" value=name required=true testid="dataset-name"/>
                <TextField label="Service responsable" value=owner testid="dataset-owner"/>
                <SelectField label="Open data" value=open options=statuses/>
                <TextField label="Licence" value=licence/>
                <TextField label="Fréquence de mise à jour" value=frequency/>
                <CheckField label="Contient des données personnelles" value=personal/>
                <div class="actions"><button type="submit" class="button button-primary" data-testid="dataset-submit">"Ajouter"</button></div>
            </form>
        </section>
    }
}
