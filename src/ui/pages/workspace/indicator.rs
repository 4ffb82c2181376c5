//! The sheet of one indicator: status with its reason, trend chart, quick
//! entry of a measurement for the period due, the measurements (with
//! concurrent values shown for the user to choose), and the definition.

use super::{confirm, send, use_workspace};
use crate::model::analysis::report::indicators::{dated_target, trajectory};
use crate::model::analysis::status::{indicator_status, period_due, series};
use crate::model::exchange::report::svg::trend_figure;
use crate::model::kinds::indicator::{Direction, Indicator, Measurement};
use crate::model::values::format::{number, parse_number, with_unit};
use crate::model::values::period::{Frequency, Period};
use crate::model::{Collection, Command, Entity};
use crate::ui::components::form::{CheckField, SelectField, TextArea, TextField};
use crate::ui::components::status_badge::StatusBadge;
use crate::ui::components::title::set_title;
use crate::ui::state::{today, AppState, NoticeLevel};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};

#[component]
pub fn IndicatorSheet() -> impl IntoView {
    let ctx = use_workspace();
    let params = use_params_map();
    let indicator_id = Memo::new(move |_| params.with(|p| p.get("indicator").unwrap_or_default()));
    let indicator =
        Memo::new(move |_| ctx.ws.with(|w| w.as_ref().and_then(|w| w.indicators.get(&indicator_id.get()).cloned())));
    set_title(move || {
        indicator.with(|i| i.as_ref().map(|i| i.name.clone()).unwrap_or_else(|| "Indicateur introuvable".into()))
    });
    view! {
        <section class="page" data-testid="indicator-sheet">
            <p><a href=move || { ctx.id.track(); ctx.href("indicateurs") }>"← Tous les indicateurs"</a></p>
            {move || match indicator.get() {
                None => view! { <h1>"Indicateur introuvable"</h1><p>"Cet indicateur a peut-être été supprimé."</p> }.into_any(),
                Some(i) => view! {
                    <h1>{i.name.clone()}</h1>
                    <Overview id=indicator_id.get()/>
                    <QuickEntry id=indicator_id.get() frequency=i.frequency/>
                    <MeasurementTable id=indicator_id.get()/>
                    <Definition id=indicator_id.get() indicator=i/>
                }.into_any(),
            }}
        </section>
    }
}

#[component]
fn Overview(id: String) -> impl IntoView {
    let ctx = use_workspace();
    let data = Memo::new(move |_| {
        ctx.ws.with(|w| {
            let ws = w.as_ref()?;
            let i = ws.indicators.get(&id)?;
            let m = ws.measurements.get(&id);
            let report = indicator_status(i, m);
            let points = series(m);
            let target = dated_target(i, points.last().map(|p| p.0));
            let trajectory = trajectory(i);
            let figure = trend_figure(&i.name, &points, target, trajectory, &i.unit, None).into_string();
            Some((report, figure, i.definition.clone()))
        })
    });
    move || {
        data.get().map(|(report, figure, definition)| {
            view! {
                <p class="status-line" data-testid="indicator-status">
                    <StatusBadge status=report.status/>" "
                    <span data-testid="indicator-reason">{report.reason.clone()}</span>
                </p>
                {(!definition.is_empty()).then(|| view! { <p class="definition">{definition}</p> })}
                <div class="indicator-chart" inner_html=figure></div>
            }
        })
    }
}

#[component]
fn QuickEntry(id: String, frequency: Frequency) -> impl IntoView {
    let ctx = use_workspace();
    let state = expect_context::<AppState>();
    let due = period_due(&Indicator { frequency, ..Default::default() }, today());
    let period = RwSignal::new(due.to_string());
    let value = RwSignal::new(String::new());
    let comment = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let record = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let parsed_period = match Period::parse(&period.get()) {
            Ok(p) => p,
            Err(e) => return error.set(Some(e.message().to_string())),
        };
        let Some(v) = parse_number(&value.get()) else {
            return error.set(Some(format!("La valeur « {} » n'est pas un nombre (exemple : 62,5).", value.get())));
        };
        error.set(None);
        let measurement = Measurement { value: v, comment: comment.get().trim().to_string() };
        let message = format!("Mesure de {}", parsed_period.label());
        if send(
            state,
            &ctx.id.get_untracked(),
            Command::RecordMeasurement { indicator_id: id.clone(), period: parsed_period, measurement },
            &message,
        ) {
            value.set(String::new());
            comment.set(String::new());
            state.notify(NoticeLevel::Success, format!("Mesure de {} enregistrée.", parsed_period.label()));
        }
    };
    view! {
        <section aria-labelledby="saisie">
            <h2 id="saisie">"Saisir une mesure"</h2>
            <form class="inline-form" on:submit=record data-testid="quick-entry">
                <TextField label="Période" value=period hint="2026-10 (mois), 2026-T3 (trimestre) ou 2026 (année)" testid="entry-period"/>
                <TextField label="Valeur" value=value hint="Virgule ou point décimal" testid="entry-value"/>
                <TextField label="Commentaire" value=comment testid="entry-comment"/>
                <button type="submit" class="button button-primary" data-testid="entry-submit">"Enregistrer la mesure"</button>
            </form>
            {move || error.get().map(|e| view! { <p class="form-error" role="alert" data-testid="entry-error">{e}</p> })}
        </section>
    }
}

#[component]
fn MeasurementTable(id: String) -> impl IntoView {
    let ctx = use_workspace();
    let state = expect_context::<AppState>();
    let list_id = id.clone();
    let rows = Memo::new(move |_| {
        let doc = ctx.id.get();
        let (unit, mut v): (String, Vec<(Period, Measurement)>) = ctx.ws.with(|w| {
            let Some(ws) = w.as_ref() else { return (String::new(), Vec::new()) };
            let unit = ws.indicators.get(&list_id).map(|i| i.unit.clone()).unwrap_or_default();
            let rows = ws
                .measurements
                .get(&list_id)
                .into_iter()
                .flatten()
                .filter_map(|(p, m)| Some((Period::parse(p).ok()?, m.clone())))
                .collect();
            (unit, rows)
        });
        v.sort_by_key(|(period, _)| std::cmp::Reverse(*period));
        // Who recorded each value comes from the document's history: one read for the table.
        let mut records =
            state.with_document(&doc, |d| d.measurement_records(&list_id).unwrap_or_default()).unwrap_or_default();
        v.into_iter()
            .map(|(p, m)| {
                let recorded = records.remove(&p.to_string()).unwrap_or_default();
                (p, m, unit.clone(), recorded)
            })
            .collect::<Vec<_>>()
    });
    view! {
        <section aria-labelledby="mesures">
            <h2 id="mesures">"Mesures"</h2>
            <div class="table-wrap">
                <table class="table" data-testid="measurements">
                    <caption class="visually-hidden">"Mesures de l'indicateur, de la plus récente à la plus ancienne"</caption>
                    <thead><tr><th scope="col">"Période"</th><th scope="col" class="num">"Valeur"</th><th scope="col">"Commentaire"</th><th scope="col">"Saisie par"</th><th scope="col"><span class="visually-hidden">"Actions"</span></th></tr></thead>
                    <tbody>
                        <For each=move || rows.get() key=|(p, m, _, r)| format!("{p}{}{}{:?}", m.value, m.comment, r) let:row>
                            {
                                let (period, m, unit, recorded) = row;
                                let author = recorded.first().map(|r| r.author.clone()).unwrap_or_default();
                                let comment = m.comment.clone();
                                let conflicts = if recorded.len() > 1 { recorded } else { Vec::new() };
                                let delete_id = id.clone();
                                let choose_id = id.clone();
                                view! {
                                    <tr>
                                        <td>{period.label()}</td>
                                        <td class="num">{with_unit(m.value, &unit)}</td>
                                        <td>
                                            {m.comment.clone()}
                                            {(!conflicts.is_empty()).then(|| view! {
                                                <div class="callout callout-warning" data-testid="measurement-conflict">
                                                    "Valeurs saisies en même temps par plusieurs personnes : "
                                                    {conflicts.iter().map(|c| {
                                                        let chosen = Measurement { value: c.value, comment: comment.clone() };
                                                        let choose_id = choose_id.clone();
                                                        let label = format!("{}{}", number(c.value), if c.author.is_empty() { String::new() } else { format!(" ({})", c.author) });
                                                        view! {
                                                            <button type="button" class="button button-small button-secondary" on:click=move |_| {
                                                                send(state, &ctx.id.get_untracked(), Command::RecordMeasurement { indicator_id: choose_id.clone(), period, measurement: chosen.clone() }, "Choix entre valeurs concurrentes");
                                                            }>{format!("Garder {label}")}</button>
                                                        }
                                                    }).collect_view()}
                                                </div>
                                            })}
                                        </td>
                                        <td>{author}</td>
                                        <td>
                                            <button type="button" class="button-link danger" on:click=move |_| {
                                                if confirm(&format!("Supprimer la mesure de {} ?", period.label())) {
                                                    send(state, &ctx.id.get_untracked(), Command::DeleteMeasurement { indicator_id: delete_id.clone(), period }, "Suppression d'une mesure");
                                                }
                                            }>"Supprimer"<span class="visually-hidden">{format!(" la mesure de {}", period.label())}</span></button>
                                        </td>
                                    </tr>
                                }
                            }
                        </For>
                    </tbody>
                </table>
            </div>
        </section>
    }
}

fn opt_text(v: Option<f64>) -> String {
    v.map(number).unwrap_or_default().replace(['\u{202F}', '\u{A0}'], "")
}

#[component]
fn Definition(id: String, indicator: Indicator) -> impl IntoView {
    let ctx = use_workspace();
    let state = expect_context::<AppState>();
    let navigate = use_navigate();
    let i = indicator.clone();
    let name = RwSignal::new(i.name.clone());
    let definition = RwSignal::new(i.definition.clone());
    let category = RwSignal::new(i.category.clone());
    let unit = RwSignal::new(i.unit.clone());
    let direction = RwSignal::new(i.direction);
    let frequency = RwSignal::new(i.frequency);
    let baseline = RwSignal::new(opt_text(i.baseline));
    let baseline_period = RwSignal::new(i.baseline_period.clone());
    let target = RwSignal::new(opt_text(i.target));
    let target_period = RwSignal::new(i.target_period.clone());
    let good = RwSignal::new(opt_text(i.threshold_good));
    let bad = RwSignal::new(opt_text(i.threshold_bad));
    let low = RwSignal::new(opt_text(i.band_low));
    let high = RwSignal::new(opt_text(i.band_high));
    let source = RwSignal::new(i.source.clone());
    let objective = RwSignal::new(i.objective_id.clone());
    let usage = RwSignal::new(i.usage);
    let error = RwSignal::new(None::<String>);
    let save_id = id.clone();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let num = |label: &str, s: RwSignal<String>| -> Result<Option<f64>, String> {
            let text = s.get();
            if text.trim().is_empty() {
                Ok(None)
            } else {
                parse_number(&text).map(Some).ok_or_else(|| format!("{label} : « {text} » n'est pas un nombre."))
            }
        };
        let per = |label: &str, s: RwSignal<String>| -> Result<String, String> {
            let text = s.get().trim().to_string();
            if text.is_empty() {
                return Ok(text);
            }
            Period::parse(&text).map(|p| p.to_string()).map_err(|e| format!("{label} : {}", e.message()))
        };
        let result = (|| {
            if name.get().trim().is_empty() {
                return Err("Le nom de l'indicateur est obligatoire.".to_string());
            }
            Ok(Indicator {
                name: name.get().trim().to_string(),
                definition: definition.get(),
                category: category.get().trim().to_string(),
                unit: unit.get().trim().to_string(),
                direction: direction.get(),
                frequency: frequency.get(),
                baseline: num("Valeur de référence", baseline)?,
                baseline_period: per("Période de référence", baseline_period)?,
                target: num("Cible", target)?,
                target_period: per("Échéance de la cible", target_period)?,
                threshold_good: num("Seuil « en bonne voie »", good)?,
                threshold_bad: num("Seuil d'alerte", bad)?,
                band_low: num("Minimum", low)?,
                band_high: num("Maximum", high)?,
                source: source.get(),
                objective_id: objective.get(),
                usage: usage.get(),
                ..indicator.clone()
            })
        })();
        match result {
            Err(e) => error.set(Some(e)),
            Ok(updated) => {
                error.set(None);
                if send(
                    state,
                    &ctx.id.get_untracked(),
                    Command::Update { id: save_id.clone(), entity: Entity::Indicator(updated) },
                    "Définition de l'indicateur",
                ) {
                    state.notify(NoticeLevel::Success, "Définition enregistrée.");
                }
            }
        }
    };
    let delete_id = id.clone();
    let delete_name = i.name.clone();
    let delete = move |_| {
        if confirm(&format!("Supprimer l'indicateur « {delete_name} » et toutes ses mesures ?"))
            && send(
                state,
                &ctx.id.get_untracked(),
                Command::Delete { collection: Collection::Indicators, id: delete_id.clone() },
                "Suppression d'un indicateur",
            )
        {
            navigate(&ctx.href("indicateurs"), Default::default());
        }
    };
    let directions: Vec<(Direction, String)> = Direction::ALL.iter().map(|d| (*d, d.label().to_string())).collect();
    let frequencies: Vec<(Frequency, String)> = Frequency::ALL.iter().map(|f| (*f, f.label().to_string())).collect();
    let objectives: Vec<(String, String)> = std::iter::once((String::new(), "Aucun".to_string()))
        .chain(ctx.ws.with_untracked(|w| {
            w.as_ref()
                .map(|w| w.objectives.iter().map(|(k, o)| (k.clone(), o.title.clone())).collect::<Vec<_>>())
                .unwrap_or_default()
        }))
        .collect();
    view! {
        <section aria-labelledby="definition">
            <h2 id="definition">"Définition, cible et seuils"</h2>
            <form class="grid-form" on:submit=save data-testid="indicator-form">
                <TextField label="Nom" value=name required=true testid="indicator-name"/>
                <TextField label="Catégorie" value=category/>
                <TextField label="Unité" value=unit testid="indicator-unit"/>
                <SelectField label="Sens" value=direction options=directions/>
                <SelectField label="Fréquence de mesure" value=frequency options=frequencies/>
                <TextField label="Valeur de référence" value=baseline testid="indicator-baseline"/>
                <TextField label="Période de référence" value=baseline_period hint="ex. 2024"/>
                <TextField label="Cible" value=target testid="indicator-target"/>
                <TextField label="Échéance de la cible" value=target_period hint="ex. 2028"/>
                <TextField label="Seuil « en bonne voie »" value=good hint="À partir de cette valeur (ou en dessous si « à la baisse »)" testid="indicator-good"/>
                <TextField label="Seuil d'alerte" value=bad hint="Au-delà, l'indicateur est en retard" testid="indicator-bad"/>
                <TextField label="Minimum de la fourchette" value=low/>
                <TextField label="Maximum de la fourchette" value=high/>
                <TextField label="Source" value=source/>
                <SelectField label="Objectif mesuré" value=objective options=objectives/>
                <CheckField label="Indicateur d'usage des services" value=usage/>
                <div class="field-wide"><TextArea label="Définition" value=definition hint="Ce qui est mesuré, comment, et pourquoi."/></div>
                {move || error.get().map(|e| view! { <p class="form-error field-wide" role="alert" data-testid="indicator-form-error">{e}</p> })}
                <div class="actions">
                    <button type="submit" class="button button-primary" data-testid="indicator-save">"Enregistrer la définition"</button>
                    <button type="button" class="button button-danger" on:click=delete data-testid="indicator-delete">"Supprimer l'indicateur"</button>
                </div>
            </form>
        </section>
    }
}
