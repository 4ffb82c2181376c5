//! « Usages des services » : the indicators about residents' use of online
//! services, and the import of their measurements from a CSV file — preview,
//! column mapping, every bad line explained, nothing imported until confirmed.

use super::indicators::{AddIndicator, IndicatorTable};
use super::use_workspace;
use crate::model::exchange::spreadsheet::{
    commands_for, guess_columns, plan_measurements, read_table, MeasurementColumns, PlannedLine, Table,
    MAX_IMPORT_BYTES,
};
use crate::model::values::format::with_unit;
use crate::ui::components::form::SelectField;
use crate::ui::components::title::set_title;
use crate::ui::state::{AppState, NoticeLevel};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn Usage() -> impl IntoView {
    set_title(|| "Usages des services".to_string());
    view! {
        <section class="page" data-testid="usage">
            <h1>"Usages des services"</h1>
            <p>"Mesurer l'utilisation des services en ligne et des infrastructures par les usagers : volumes de démarches, part du canal numérique, satisfaction, délais."</p>
            <IndicatorTable usage_only=true/>
            <CsvImport/>
            <AddIndicator usage=true/>
        </section>
    }
}

#[component]
fn CsvImport() -> impl IntoView {
    let ctx = use_workspace();
    let state = expect_context::<AppState>();
    let table = RwSignal::new(None::<Table>);
    let indicator_col = RwSignal::new(0usize);
    let period_col = RwSignal::new(1usize);
    let value_col = RwSignal::new(2usize);
    let comment_col = RwSignal::new(None::<usize>);
    let error = RwSignal::new(None::<String>);

    let load = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        if file.size() > MAX_IMPORT_BYTES as f64 {
            table.set(None);
            error.set(Some("Fichier CSV trop volumineux (5 Mo au plus).".into()));
            return;
        }
        let file = gloo_file::File::from(file);
        leptos::task::spawn_local(async move {
            let text = match gloo_file::futures::read_as_text(&file).await {
                Ok(t) => t,
                Err(_) => {
                    return error.set(Some("Ce fichier n'a pas pu être lu comme du texte (UTF-8 attendu).".into()))
                }
            };
            match read_table(&text) {
                Err(e) => {
                    table.set(None);
                    error.set(Some(e.message().to_string()));
                }
                Ok(t) => {
                    let guess = guess_columns(&t.headers).unwrap_or(MeasurementColumns {
                        indicator: 0,
                        period: 1,
                        value: 2,
                        comment: None,
                    });
                    indicator_col.set(guess.indicator);
                    period_col.set(guess.period);
                    value_col.set(guess.value);
                    comment_col.set(guess.comment);
                    error.set(None);
                    table.set(Some(t));
                }
            }
        });
    };

    let plan = Memo::new(move |_| {
        let columns = MeasurementColumns {
            indicator: indicator_col.get(),
            period: period_col.get(),
            value: value_col.get(),
            comment: comment_col.get(),
        };
        table.with(|t| t.as_ref().and_then(|t| ctx.ws.with(|w| w.as_ref().map(|ws| plan_measurements(t, columns, ws)))))
    });
    let valid = move || plan.with(|p| p.as_ref().map(|p| p.iter().filter(|l| l.outcome.is_ok()).count()).unwrap_or(0));
    let invalid =
        move || plan.with(|p| p.as_ref().map(|p| p.iter().filter(|l| l.outcome.is_err()).count()).unwrap_or(0));

    let confirm_import = move |_| {
        let Some(lines) = plan.get_untracked() else { return };
        let commands = commands_for(&lines);
        if commands.is_empty() {
            return;
        }
        let n = commands.len();
        match state.dispatch_batch(&ctx.id.get_untracked(), commands, &format!("Import CSV de {n} mesure(s)")) {
            Ok(()) => {
                table.set(None);
                state.notify(NoticeLevel::Success, format!("{n} mesure(s) importée(s)."));
            }
            Err(e) => state.notify(NoticeLevel::Error, e),
        }
    };

    view! {
        <section aria-labelledby="import-csv" class="csv-import">
            <h2 id="import-csv">"Importer des mesures depuis un fichier CSV"</h2>
            <p>"Une ligne par mesure, avec au moins le nom de l'indicateur, la période (2026-10, 2026-T3 ou 2026) et la valeur. Séparateur « ; » ou « , », virgule ou point décimal. Rien n'est importé avant votre confirmation."</p>
            <div class="field">
                <label for="fichier-csv">"Fichier CSV"</label>
                <input id="fichier-csv" type="file" accept=".csv,text/csv,text/plain" data-testid="csv-file" on:change=load/>
            </div>
            {move || error.get().map(|e| view! { <p class="form-error" role="alert" data-testid="csv-error">{e}</p> })}
            {move || table.get().map(|t| {
                let columns: Vec<(usize, String)> = t.headers.iter().enumerate().map(|(i, h)| (i, if h.is_empty() { format!("Colonne {}", i + 1) } else { h.clone() })).collect();
                let optional: Vec<(Option<usize>, String)> = std::iter::once((None, "Aucune".to_string())).chain(columns.iter().map(|(i, h)| (Some(*i), h.clone()))).collect();
                view! {
                    <div class="filters" data-testid="csv-mapping">
                        <SelectField label="Colonne de l'indicateur" value=indicator_col options=columns.clone()/>
                        <SelectField label="Colonne de la période" value=period_col options=columns.clone()/>
                        <SelectField label="Colonne de la valeur" value=value_col options=columns.clone()/>
                        <SelectField label="Colonne du commentaire" value=comment_col options=optional/>
                    </div>
                }
            })}
            {move || plan.get().map(|lines| view! {
                <p role="status" data-testid="csv-summary">{format!("{} ligne(s) prête(s) à importer, {} ligne(s) en erreur.", valid(), invalid())}</p>
                <Preview lines=lines/>
                <div class="actions">
                    <button type="button" class="button button-primary" data-testid="csv-confirm" disabled=move || valid() == 0 on:click=confirm_import>
                        {move || format!("Importer {} mesure(s)", valid())}
                    </button>
                    <button type="button" class="button button-secondary" data-testid="csv-cancel" on:click=move |_| table.set(None)>"Annuler"</button>
                </div>
            })}
        </section>
    }
}

#[component]
fn Preview(lines: Vec<PlannedLine>) -> impl IntoView {
    let ctx = use_workspace();
    let unit_of = move |id: &str| {
        ctx.ws.with_untracked(|w| {
            w.as_ref().and_then(|w| w.indicators.get(id).map(|i| i.unit.clone())).unwrap_or_default()
        })
    };
    view! {
        <div class="table-wrap">
            <table class="table" data-testid="csv-preview">
                <caption class="visually-hidden">"Aperçu de l'import, ligne par ligne"</caption>
                <thead><tr><th scope="col">"Ligne"</th><th scope="col">"Indicateur"</th><th scope="col">"Période"</th><th scope="col" class="num">"Valeur"</th><th scope="col">"Vérification"</th></tr></thead>
                <tbody>
                    {lines.into_iter().map(|l| match l.outcome {
                        Ok(m) => {
                            let unit = unit_of(&m.indicator_id);
                            view! {
                                <tr>
                                    <td>{l.line}</td><td>{m.indicator_name.clone()}</td><td>{m.period.label()}</td>
                                    <td class="num">{with_unit(m.value, &unit)}</td>
                                    <td>{match m.replaces { Some(old) => format!("Remplacera {}", with_unit(old, &unit)), None => "Nouvelle mesure".to_string() }}</td>
                                </tr>
                            }.into_any()
                        }
                        Err(e) => view! {
                            <tr class="row-error" data-testid="csv-line-error">
                                <td>{l.line}</td><td colspan="3">"—"</td>
                                <td><strong>"Erreur : "</strong>{e}</td>
                            </tr>
                        }.into_any(),
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
