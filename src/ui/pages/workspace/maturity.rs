//! « Maturité » : a questionnaire on the organisational setup the seed
//! recommends (digital director, transversal governance, one directorate,
//! dedicated budget, trained staff), scored and kept over time.

use super::{confirm, send, use_workspace};
use crate::model::demo::{maturity_score, MATURITY_QUESTIONS};
use crate::model::format::number;
use crate::model::period::Date;
use crate::model::workspace::MaturityAssessment;
use crate::model::{new_id, Collection, Command, Entity};
use crate::ui::components::form::TextArea;
use crate::ui::components::title::set_title;
use crate::ui::state::{today, AppState, NoticeLevel};
use leptos::prelude::*;
use std::collections::BTreeMap;

const LEVELS: [&str; 5] = ["Absent", "Envisagé", "En cours", "En place", "Exemplaire"];

#[component]
pub fn Maturity() -> impl IntoView {
    set_title(|| "Maturité".to_string());
    let ctx = use_workspace();
    let state = expect_context::<AppState>();
    let answers: Vec<RwSignal<u64>> = MATURITY_QUESTIONS.iter().map(|_| RwSignal::new(0)).collect();
    let comment = RwSignal::new(String::new());
    let history = move || {
        ctx.ws.with(|w| {
            let mut v: Vec<(String, MaturityAssessment)> = w.as_ref().map(|w| w.assessments.iter().map(|(k, a)| (k.clone(), a.clone())).collect()).unwrap_or_default();
            v.sort_by(|a, b| b.1.date.cmp(&a.1.date));
            v
        })
    };
    let current: Vec<RwSignal<u64>> = answers.clone();
    let score = move || {
        let map: BTreeMap<String, u64> = MATURITY_QUESTIONS.iter().zip(current.iter()).map(|((id, _), s)| (id.to_string(), s.get())).collect();
        maturity_score(&map)
    };
    let submitted = answers.clone();
    let record = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let map: BTreeMap<String, u64> = MATURITY_QUESTIONS.iter().zip(submitted.iter()).map(|((id, _), s)| (id.to_string(), s.get())).collect();
        let assessment = MaturityAssessment {
            date: today().iso(),
            score: maturity_score(&map),
            answers: map,
            comment: comment.get().trim().to_string(),
            author: state.author.get_untracked(),
        };
        if send(state, &ctx.id.get_untracked(), Command::Create { id: new_id(), entity: Entity::Assessment(assessment) }, "Évaluation de maturité") {
            comment.set(String::new());
            state.notify(NoticeLevel::Success, "Évaluation enregistrée.");
        }
    };
    view! {
        <section class="page" data-testid="maturity">
            <h1>"Maturité"</h1>
            <p>"60 % des collectivités n'ont pas encore mis en place de dispositif organisationnel adapté pour le numérique. Évaluez le vôtre, puis refaites l'évaluation chaque année pour mesurer le chemin parcouru."</p>
            <h2>"Historique"</h2>
            <div class="table-wrap">
                <table class="table" data-testid="maturity-history">
                    <caption class="visually-hidden">"Évaluations de maturité, de la plus récente à la plus ancienne"</caption>
                    <thead><tr><th scope="col">"Date"</th><th scope="col" class="num">"Score"</th><th scope="col">"Progression"</th><th scope="col">"Par"</th><th scope="col"><span class="visually-hidden">"Actions"</span></th></tr></thead>
                    <tbody>
                        <For each=history key=|(k, a)| (k.clone(), a.date.clone()) let:item>
                            {
                                let (id, a) = item;
                                let date = Date::parse_iso(&a.date).map(|d| d.french()).unwrap_or(a.date.clone());
                                let label = date.clone();
                                view! {
                                    <tr>
                                        <td>{date}</td>
                                        <td class="num">{format!("{} / 100", number(a.score))}</td>
                                        <td><progress max="100" value=a.score.to_string() aria-label=format!("Score du {}", a.date)></progress></td>
                                        <td>{a.author.clone()}</td>
                                        <td><button type="button" class="button-link danger" on:click=move |_| {
                                            if confirm(&format!("Supprimer l'évaluation du {label} ?")) {
                                                send(state, &ctx.id.get_untracked(), Command::Delete { collection: Collection::Assessments, id: id.clone() }, "Suppression d'une évaluation");
                                            }
                                        }>"Supprimer"<span class="visually-hidden">{format!(" l'évaluation du {}", a.date)}</span></button></td>
                                    </tr>
                                }
                            }
                        </For>
                    </tbody>
                </table>
            </div>
            <h2>"Nouvelle évaluation"</h2>
            <form on:submit=record data-testid="maturity-form">
                {MATURITY_QUESTIONS.iter().zip(answers.iter()).enumerate().map(|(qi, ((qid, text), signal))| {
                    let signal = *signal;
                    view! {
                        <fieldset class="question">
                            <legend>{*text}</legend>
                            {LEVELS.iter().enumerate().map(|(level, label)| {
                                let id = format!("q-{qid}-{level}");
                                view! {
                                    <span class="radio">
                                        <input type="radio" id=id.clone() name=format!("q{qi}") value=level.to_string()
                                            prop:checked=move || signal.get() == level as u64
                                            on:change=move |_| signal.set(level as u64)/>
                                        <label for=id>{*label}</label>
                                    </span>
                                }
                            }).collect_view()}
                        </fieldset>
                    }
                }).collect_view()}
                <TextArea label="Commentaire" value=comment/>
                <p role="status" data-testid="maturity-score">{move || format!("Score : {} / 100", number(score()))}</p>
                <div class="actions"><button type="submit" class="button button-primary" data-testid="maturity-submit">"Enregistrer l'évaluation"</button></div>
            </form>
        </section>
    }
}
