//! « Maturité » : a questionnaire on the organisational setup the seed
//! recommends (digital director, transversal governance, one directorate,
//! dedicated budget, trained staff), scored and kept over time. A town that
//! adopted a questionnaire template answers that one instead.

use super::{confirm, send, use_workspace};
use crate::model::analysis::maturity::{questionnaire, score, QuestionnaireSource};
use crate::model::kinds::capacity::MaturityAssessment;
use crate::model::values::format::number;
use crate::model::values::period::Date;
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
    let questions = Memo::new(move |_| {
        ctx.ws.with(|w| w.as_ref().map(questionnaire)).unwrap_or_else(|| questionnaire(&Default::default()))
    });
    // Question id → level chosen; unanswered questions count as « Absent ».
    let answers = RwSignal::new(BTreeMap::<String, u64>::new());
    let comment = RwSignal::new(String::new());
    let history = move || {
        ctx.ws.with(|w| {
            let mut v: Vec<(String, MaturityAssessment)> = w
                .as_ref()
                .map(|w| w.assessments.iter().map(|(k, a)| (k.clone(), a.clone())).collect())
                .unwrap_or_default();
            v.sort_by(|a, b| b.1.date.cmp(&a.1.date));
            v
        })
    };
    let current_score = move || questions.with(|(q, _)| answers.with(|a| score(q, a)));
    let record = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (asked, _) = questions.get_untracked();
        let chosen = answers.get_untracked();
        let map: BTreeMap<String, u64> =
            asked.iter().map(|q| (q.id.clone(), chosen.get(&q.id).copied().unwrap_or(0))).collect();
        let assessment = MaturityAssessment {
            date: today().iso(),
            score: score(&asked, &map),
            answers: map,
            comment: comment.get().trim().to_string(),
            author: state.author.get_untracked(),
        };
        if send(
            state,
            &ctx.id.get_untracked(),
            Command::Create { id: new_id(), entity: Entity::Assessment(assessment) },
            "Évaluation de maturité",
        ) {
            comment.set(String::new());
            answers.set(BTreeMap::new());
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
                {move || match questions.get().1 {
                    QuestionnaireSource::BuiltIn => view! { <p class="hint">"Questionnaire intégré. Une collectivité mentor peut vous en proposer un autre : adoptez-le depuis « Modèles »."</p> }.into_any(),
                    QuestionnaireSource::Adopted(titles) => view! { <p class="hint" data-testid="questionnaire-source">{format!("Questionnaire adopté : {}.", if titles.is_empty() { "modèle".to_string() } else { titles.join(", ") })}</p> }.into_any(),
                }}
                {move || questions.get().0.into_iter().enumerate().map(|(qi, q)| {
                    let qid = q.id.clone();
                    view! {
                        <fieldset class="question">
                            <legend>{q.text.clone()}</legend>
                            {(!q.help.is_empty()).then(|| view! { <p class="hint">{q.help.clone()}</p> })}
                            {LEVELS.iter().enumerate().map(|(level, label)| {
                                let id = format!("q{qi}-{level}");
                                let (read, write) = (qid.clone(), qid.clone());
                                view! {
                                    <span class="radio">
                                        <input type="radio" id=id.clone() name=format!("q{qi}") value=level.to_string()
                                            prop:checked=move || answers.with(|a| a.get(&read).copied().unwrap_or(0) == level as u64)
                                            on:change=move |_| answers.update(|a| { a.insert(write.clone(), level as u64); })/>
                                        <label for=id>{*label}</label>
                                    </span>
                                }
                            }).collect_view()}
                        </fieldset>
                    }
                }).collect_view()}
                <TextArea label="Commentaire" value=comment/>
                <p role="status" data-testid="maturity-score">{move || format!("Score : {} / 100", number(current_score()))}</p>
                <div class="actions"><button type="submit" class="button button-primary" data-testid="maturity-submit">"Enregistrer l'évaluation"</button></div>
            </form>
        </section>
    }
}
