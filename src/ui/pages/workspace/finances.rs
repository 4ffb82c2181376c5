//! Budget lines by year and section (investissement / fonctionnement) with
//! credits voted, committed and paid, execution rate, per inhabitant, per
//! project and in total.

use super::{confirm, send, use_workspace};
use crate::model::analysis::budget::{budget_years, totals_by_action, totals_for_year, BudgetTotals};
use crate::model::kinds::finances::{BudgetLine, Section};
use crate::model::values::format::{money, parse_number, percent};
use crate::model::{new_id, Collection, Command, Entity};
use crate::ui::components::form::{SelectField, TextField};
use crate::ui::components::title::set_title;
use crate::ui::state::{today, AppState, NoticeLevel};
use leptos::prelude::*;

fn rate(t: &BudgetTotals) -> String {
    t.execution_rate().map(percent).unwrap_or_else(|| "—".into())
}

#[component]
pub fn Finances() -> impl IntoView {
    set_title(|| "Finances".to_string());
    let ctx = use_workspace();
    let state = expect_context::<AppState>();
    let years = Memo::new(move |_| ctx.ws.with(|w| w.as_ref().map(budget_years).unwrap_or_default()));
    let year = RwSignal::new(None::<i64>);
    let default_year =
        move || years.with(|y| y.iter().copied().find(|y| *y <= today().year as i64).or(y.first().copied()));
    // Show the current (or latest past) year until the user picks another.
    Effect::new(move |_| {
        if year.get().is_none() {
            if let Some(y) = default_year() {
                year.set(Some(y));
            }
        }
    });
    let shown_year = move || year.get().or_else(default_year);

    view! {
        <section class="page" data-testid="finances">
            <h1>"Finances"</h1>
            <p>"Crédits votés, engagés et mandatés pour le numérique (nomenclature M57), par année et par section."</p>
            {move || {
                let options: Vec<(Option<i64>, String)> = years.get().into_iter().map(|y| (Some(y), y.to_string())).collect();
                (!options.is_empty()).then(|| view! { <SelectField label="Année" value=year options=options testid="budget-year"/> })
            }}
            {move || {
                let Some(y) = shown_year() else {
                    return view! { <p class="empty">"Aucune ligne budgétaire pour l'instant."</p> }.into_any();
                };
                ctx.ws.with(|w| {
                    let Some(ws) = w.as_ref() else { return ().into_any() };
                    let (sections, total) = totals_for_year(ws, y);
                    let population = ws.profile.population;
                    let mut lines: Vec<(String, BudgetLine)> = ws.budget_lines.iter().filter(|(_, l)| l.year == y).map(|(k, l)| (k.clone(), l.clone())).collect();
                    lines.sort_by(|a, b| (a.1.section as u8, &a.1.label).cmp(&(b.1.section as u8, &b.1.label)));
                    view! {
                        <h2>{format!("Synthèse {y}")}</h2>
                        <div class="table-wrap">
                            <table class="table" data-testid="budget-summary">
                                <caption class="visually-hidden">{format!("Synthèse du budget numérique {y}")}</caption>
                                <thead><tr><th scope="col">"Section"</th><th scope="col" class="num">"Voté"</th><th scope="col" class="num">"Engagé"</th><th scope="col" class="num">"Mandaté"</th><th scope="col" class="num">"Taux d'exécution"</th></tr></thead>
                                <tbody>
                                    {sections.iter().map(|(label, t)| view! {
                                        <tr><th scope="row">{*label}</th><td class="num">{money(t.planned)}</td><td class="num">{money(t.committed)}</td><td class="num">{money(t.paid)}</td><td class="num">{rate(t)}</td></tr>
                                    }).collect_view()}
                                </tbody>
                                <tfoot>
                                    <tr><th scope="row">"Total"</th><td class="num" data-testid="budget-total-planned">{money(total.planned)}</td><td class="num">{money(total.committed)}</td><td class="num">{money(total.paid)}</td><td class="num" data-testid="budget-total-rate">{rate(&total)}</td></tr>
                                </tfoot>
                            </table>
                        </div>
                        <p data-testid="budget-per-inhabitant">{match total.per_inhabitant(population) {
                            Some(v) => format!("Soit {} par habitant ({} habitants).", money(v), crate::model::values::format::number(population as f64)),
                            None => "Renseignez la population dans « Collectivité » pour obtenir le budget par habitant.".to_string(),
                        }}</p>
                        <h2>{format!("Lignes {y}")}</h2>
                        <div class="table-wrap">
                            <table class="table" data-testid="budget-lines">
                                <caption class="visually-hidden">{format!("Lignes budgétaires {y}")}</caption>
                                <thead><tr><th scope="col">"Libellé"</th><th scope="col">"Section"</th><th scope="col">"Nature"</th><th scope="col" class="num">"Voté"</th><th scope="col" class="num">"Engagé"</th><th scope="col" class="num">"Mandaté"</th><th scope="col">"Projet"</th><th scope="col"><span class="visually-hidden">"Actions"</span></th></tr></thead>
                                <tbody>
                                    {lines.into_iter().map(|(id, l)| {
                                        let project = ws.actions.get(&l.action_id).map(|a| a.title.clone()).unwrap_or_default();
                                        let label = l.label.clone();
                                        view! {
                                            <tr>
                                                <td>{l.label.clone()}</td><td>{l.section.label()}</td><td>{l.nature.clone()}</td>
                                                <td class="num">{money(l.planned)}</td><td class="num">{money(l.committed)}</td><td class="num">{money(l.paid)}</td>
                                                <td>{project}</td>
                                                <td><button type="button" class="button-link danger" on:click=move |_| {
                                                    if confirm(&format!("Supprimer la ligne « {label} » ?")) {
                                                        send(state, &ctx.id.get_untracked(), Command::Delete { collection: Collection::BudgetLines, id: id.clone() }, "Suppression d'une ligne budgétaire");
                                                    }
                                                }>"Supprimer"<span class="visually-hidden">{format!(" la ligne {}", l.label)}</span></button></td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </div>
                    }.into_any()
                })
            }}
            <ByProject/>
            <AddBudgetLine/>
        </section>
    }
}

#[component]
fn ByProject() -> impl IntoView {
    let ctx = use_workspace();
    move || {
        ctx.ws.with(|w| {
            let ws = w.as_ref()?;
            let per_action = totals_by_action(ws);
            if per_action.is_empty() {
                return None;
            }
            let all = BudgetTotals::of(ws.budget_lines.values());
            Some(view! {
                <h2>"Par projet, toutes années"</h2>
                <div class="table-wrap">
                    <table class="table" data-testid="budget-by-project">
                        <caption class="visually-hidden">"Budget par projet"</caption>
                        <thead><tr><th scope="col">"Projet"</th><th scope="col" class="num">"Voté"</th><th scope="col" class="num">"Engagé"</th><th scope="col" class="num">"Mandaté"</th><th scope="col" class="num">"Taux d'exécution"</th></tr></thead>
                        <tbody>
                            {per_action.iter().map(|(id, t)| {
                                let title = ws.actions.get(id).map(|a| a.title.clone()).unwrap_or_else(|| "Projet supprimé".into());
                                view! { <tr><td><a href=ctx.href(&format!("strategie/{id}"))>{title}</a></td><td class="num">{money(t.planned)}</td><td class="num">{money(t.committed)}</td><td class="num">{money(t.paid)}</td><td class="num">{rate(t)}</td></tr> }
                            }).collect_view()}
                        </tbody>
                        <tfoot><tr><th scope="row">"Total du budget numérique"</th><td class="num">{money(all.planned)}</td><td class="num">{money(all.committed)}</td><td class="num">{money(all.paid)}</td><td class="num">{rate(&all)}</td></tr></tfoot>
                    </table>
                </div>
            })
        })
    }
}

#[component]
fn AddBudgetLine() -> impl IntoView {
    let ctx = use_workspace();
    let state = expect_context::<AppState>();
    let label = RwSignal::new(String::new());
    let section = RwSignal::new(Section::Investment);
    let nature = RwSignal::new(String::new());
    let year = RwSignal::new(today().year.to_string());
    let planned = RwSignal::new(String::new());
    let committed = RwSignal::new(String::new());
    let paid = RwSignal::new(String::new());
    let action = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let amount = |name: &str, s: RwSignal<String>| -> Result<f64, String> {
            let t = s.get();
            if t.trim().is_empty() {
                return Ok(0.0);
            }
            parse_number(&t)
                .filter(|v| *v >= 0.0)
                .ok_or_else(|| format!("{name} : « {t} » n'est pas un montant valide."))
        };
        let result = (|| {
            if label.get().trim().is_empty() {
                return Err("Le libellé est obligatoire.".to_string());
            }
            let y: i64 = year
                .get()
                .trim()
                .parse()
                .ok()
                .filter(|y| (1990..=2100).contains(y))
                .ok_or_else(|| format!("Année « {} » invalide.", year.get()))?;
            Ok(BudgetLine {
                label: label.get().trim().to_string(),
                section: section.get(),
                nature: nature.get().trim().to_string(),
                function: String::new(),
                year: y,
                planned: amount("Crédits votés", planned)?,
                committed: amount("Engagés", committed)?,
                paid: amount("Mandatés", paid)?,
                external_funding: 0.0,
                action_id: action.get(),
            })
        })();
        match result {
            Err(e) => error.set(Some(e)),
            Ok(line) => {
                error.set(None);
                if send(
                    state,
                    &ctx.id.get_untracked(),
                    Command::Create { id: new_id(), entity: Entity::BudgetLine(line) },
                    "Nouvelle ligne budgétaire",
                ) {
                    label.set(String::new());
                    planned.set(String::new());
                    committed.set(String::new());
                    paid.set(String::new());
                    state.notify(NoticeLevel::Success, "Ligne budgétaire ajoutée.");
                }
            }
        }
    };
    let sections: Vec<(Section, String)> = Section::ALL.iter().map(|s| (*s, s.label().to_string())).collect();
    let actions: Vec<(String, String)> = std::iter::once((String::new(), "Aucun".to_string()))
        .chain(ctx.ws.with_untracked(|w| {
            w.as_ref()
                .map(|w| w.actions.iter().map(|(k, a)| (k.clone(), a.title.clone())).collect::<Vec<_>>())
                .unwrap_or_default()
        }))
        .collect();
    view! {
        <section aria-labelledby="ajout-ligne">
            <h2 id="ajout-ligne">"Ajouter une ligne budgétaire"</h2>
            <form class="grid-form" on:submit=add data-testid="add-budget-line">
                <TextField label="Libellé" value=label required=true testid="budget-label"/>
                <SelectField label="Section" value=section options=sections/>
                <TextField label="Nature (compte M57)" value=nature hint="ex. 2051 logiciels, 6156 maintenance"/>
                <TextField label="Année" value=year testid="budget-year-input"/>
                <TextField label="Crédits votés (€)" value=planned testid="budget-planned"/>
                <TextField label="Crédits engagés (€)" value=committed testid="budget-committed"/>
                <TextField label="Crédits mandatés (€)" value=paid testid="budget-paid"/>
                <SelectField label="Projet financé" value=action options=actions/>
                {move || error.get().map(|e| view! { <p class="form-error field-wide" role="alert" data-testid="budget-error">{e}</p> })}
                <div class="actions"><button type="submit" class="button button-primary" data-testid="budget-submit">"Ajouter la ligne"</button></div>
            </form>
        </section>
    }
}
