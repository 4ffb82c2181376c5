//! « Formation des agents » : staff trained in digital skills, by theme and
//! year, with the share of agents trained (and for cybersecurity).

use super::{confirm, send, use_workspace};
use crate::model::analysis::dashboard::training_rates;
use crate::model::kinds::capacity::TrainingRecord;
use crate::model::values::format::percent;
use crate::model::{new_id, Collection, Command, Entity};
use crate::ui::components::form::{CheckField, TextField};
use crate::ui::components::title::set_title;
use crate::ui::state::{today, AppState, NoticeLevel};
use leptos::prelude::*;

#[component]
pub fn Training() -> impl IntoView {
    set_title(|| "Formation des agents".to_string());
    let ctx = use_workspace();
    let state = expect_context::<AppState>();
    let records = move || {
        ctx.ws.with(|w| {
            let mut v: Vec<(String, TrainingRecord)> = w
                .as_ref()
                .map(|w| w.trainings.iter().map(|(k, t)| (k.clone(), t.clone())).collect())
                .unwrap_or_default();
            v.sort_by(|a, b| b.1.year.cmp(&a.1.year).then(a.1.theme.cmp(&b.1.theme)));
            v
        })
    };
    let years = move || {
        let mut y: Vec<i64> = records().iter().map(|(_, t)| t.year).collect();
        y.dedup();
        y
    };
    let theme = RwSignal::new(String::new());
    let year = RwSignal::new(today().year.to_string());
    let trained = RwSignal::new(String::new());
    let total = RwSignal::new(String::new());
    let cyber = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let result = (|| {
            if theme.get().trim().is_empty() {
                return Err("Indiquez le thème de la formation.".to_string());
            }
            let y: i64 = year
                .get()
                .trim()
                .parse()
                .ok()
                .filter(|y| (1990..=2100).contains(y))
                .ok_or_else(|| format!("Année « {} » invalide.", year.get()))?;
            let n: u64 = trained
                .get()
                .trim()
                .parse()
                .map_err(|_| format!("Nombre d'agents formés « {} » invalide.", trained.get()))?;
            let t: u64 = total.get().trim().parse().map_err(|_| format!("Effectif « {} » invalide.", total.get()))?;
            if n > t {
                return Err("Le nombre d'agents formés dépasse l'effectif.".to_string());
            }
            Ok(TrainingRecord {
                theme: theme.get().trim().to_string(),
                year: y,
                agents_trained: n,
                total_agents: t,
                cybersecurity: cyber.get(),
            })
        })();
        match result {
            Err(e) => error.set(Some(e)),
            Ok(record) => {
                error.set(None);
                if send(
                    state,
                    &ctx.id.get_untracked(),
                    Command::Create { id: new_id(), entity: Entity::Training(record) },
                    "Nouvelle formation",
                ) {
                    theme.set(String::new());
                    trained.set(String::new());
                    state.notify(NoticeLevel::Success, "Formation enregistrée.");
                }
            }
        }
    };
    view! {
        <section class="page" data-testid="training">
            <h1>"Formation des agents"</h1>
            <p>"Former les agents au numérique est la première condition de la transformation : suivez qui a été formé, à quoi, et quelle part de l'effectif cela représente."</p>
            <ul class="plain-list" data-testid="training-rates">
                {move || years().into_iter().map(|y| {
                    let (all, cyber) = ctx.ws.with(|w| w.as_ref().map(|w| training_rates(w, y)).unwrap_or((None, None)));
                    view! { <li><strong>{y}</strong>{format!(" : {} des agents formés (meilleur thème), dont cybersécurité : {}", all.map(percent).unwrap_or_else(|| "—".into()), cyber.map(percent).unwrap_or_else(|| "—".into()))}</li> }
                }).collect_view()}
            </ul>
            <div class="table-wrap">
                <table class="table" data-testid="training-table">
                    <caption class="visually-hidden">"Formations suivies par les agents"</caption>
                    <thead><tr><th scope="col">"Année"</th><th scope="col">"Thème"</th><th scope="col" class="num">"Agents formés"</th><th scope="col" class="num">"Effectif"</th><th scope="col" class="num">"Part"</th><th scope="col">"Cybersécurité"</th><th scope="col"><span class="visually-hidden">"Actions"</span></th></tr></thead>
                    <tbody>
                        <For each=records key=|(k, t)| (k.clone(), t.theme.clone(), t.agents_trained) let:item>
                            {
                                let (id, t) = item;
                                let share = if t.total_agents > 0 { percent(t.agents_trained as f64 / t.total_agents as f64) } else { "—".into() };
                                let theme_label = t.theme.clone();
                                view! {
                                    <tr>
                                        <td>{t.year}</td><td>{t.theme.clone()}</td><td class="num">{t.agents_trained}</td><td class="num">{t.total_agents}</td><td class="num">{share}</td>
                                        <td>{if t.cybersecurity { "Oui" } else { "Non" }}</td>
                                        <td><button type="button" class="button-link danger" on:click=move |_| {
                                            if confirm(&format!("Supprimer la formation « {theme_label} » ?")) {
                                                send(state, &ctx.id.get_untracked(), Command::Delete { collection: Collection::Trainings, id: id.clone() }, "Suppression d'une formation");
                                            }
                                        }>"Supprimer"<span class="visually-hidden">{format!(" la formation {} {}", t.theme, t.year)}</span></button></td>
                                    </tr>
                                }
                            }
                        </For>
                    </tbody>
                </table>
            </div>
            <h2>"Ajouter une formation"</h2>
            <form class="grid-form" on:submit=add data-testid="add-training">
                <TextField label="Thème" value=theme required=true testid="training-theme"/>
                <TextField label="Année" value=year testid="training-year"/>
                <TextField label="Agents formés" value=trained testid="training-trained"/>
                <TextField label="Effectif concerné" value=total testid="training-total"/>
                <CheckField label="Formation à la cybersécurité" value=cyber/>
                {move || error.get().map(|e| view! { <p class="form-error field-wide" role="alert" data-testid="training-error">{e}</p> })}
                <div class="actions"><button type="submit" class="button button-primary" data-testid="training-submit">"Ajouter"</button></div>
            </form>
        </section>
    }
}
