//! « Vue intercommunale » : for the EPCI's director, the member communes'
//! workspaces present in this browser, side by side — sortable by any
//! column, exported as CSV, and presented as a « Rapport de pilotage ».
//! The table scrolls inside its own box when the screen is narrow, the
//! communes' column staying in view.

use crate::model::analysis::rollup::{rollup, similar, sort_rows, CommuneRow, RollupColumn, STALE_AFTER_DAYS};
use crate::model::exchange::spreadsheet::rollup_csv;
use crate::model::kinds::collectivity::CollectivityKind;
use crate::model::values::format::{money, number, with_unit};
use crate::model::values::period::Date;
use crate::ui::components::download::download;
use crate::ui::components::form::SelectField;
use crate::ui::components::status_badge::StatusBadge;
use crate::ui::components::title::set_title;
use crate::ui::state::{now_ms, today, AppState, NoticeLevel};
use leptos::prelude::*;

#[component]
pub fn Rollup() -> impl IntoView {
    set_title(|| "Vue intercommunale".to_string());
    let state = expect_context::<AppState>();
    let data = Memo::new(move |_| {
        let members = state.workspaces_with_last_change();
        // Restrict to the EPCI's members when an EPCI workspace is present.
        let epci = members.iter().find(|(_, ws, _)| ws.profile.kind == CollectivityKind::Epci);
        let epci_code = epci.map(|(_, ws, _)| ws.profile.code.clone());
        let epci_name = epci.map(|(_, ws, _)| ws.profile.name.clone());
        (rollup(&members, epci_code.as_deref(), now_ms(), today().year as i64), epci_name)
    });
    // The column sorted by, and whether ascending.
    let sort = RwSignal::new((RollupColumn::Name, true));
    let rows = Memo::new(move |_| {
        let mut rows = data.with(|(r, _)| r.rows.clone());
        sort.with(|(column, ascending)| sort_rows(&mut rows, column, *ascending));
        rows
    });
    let export = move |_| {
        let csv = data.with_untracked(|(r, _)| rows.with_untracked(|rows| rollup_csv(r, rows)));
        let name = format!("vue-intercommunale-{}.csv", today().iso());
        if let Err(e) = download(&name, "text/csv;charset=utf-8", csv.as_bytes()) {
            state.notify(NoticeLevel::Error, e);
        }
    };
    let compare = RwSignal::new(String::new());
    view! {
        <section class="page" data-testid="rollup">
            <div class="page-head">
                <h1>"Vue intercommunale"</h1>
                {move || (!data.with(|(r, _)| r.rows.is_empty())).then(|| view! {
                    <div class="actions no-print">
                        <a class="button button-primary" href="/intercommunalite/rapport" data-testid="rollup-report-link">"Rapport de pilotage"</a>
                        <button type="button" class="button button-secondary" data-testid="rollup-export" on:click=export>"Exporter en CSV"</button>
                    </div>
                })}
            </div>
            {move || {
                let (r, epci_name) = data.get();
                if r.rows.is_empty() {
                    return view! {
                        <p class="empty">"Aucun espace de commune dans ce navigateur. Importez les fichiers que les communes vous envoient, ou ouvrez la démonstration."</p>
                        <p><a href="/importer">"Importer un fichier ou un lien"</a></p>
                    }.into_any();
                }
                let keys = r.key_indicators.clone();
                let options: Vec<(String, String)> = std::iter::once((String::new(), "Choisir une commune".to_string())).chain(r.rows.iter().map(|row| (row.id.clone(), row.name.clone()))).collect();
                let r2 = r.clone();
                let header = |column: RollupColumn, label: String, numeric: bool| view! { <SortHeader column=column label=label numeric=numeric sort=sort/> };
                view! {
                    <p>{format!("{} commune(s){} — {} habitants, budget numérique voté {}.", r.rows.len(), epci_name.map(|n| format!(" de {n}")).unwrap_or_default(), number(r.total_population as f64), money(r.total_budget))}</p>
                    <p class="hint">"Cliquez sur un titre de colonne pour trier les communes."</p>
                    <div class="table-wrap rollup-wrap" role="region" tabindex="0" aria-label="Indicateurs clés par commune (défile horizontalement)">
                        <table class="table rollup-table" data-testid="rollup-table">
                            <caption class="visually-hidden">"Indicateurs clés par commune"</caption>
                            <thead><tr>
                                {header(RollupColumn::Name, "Commune".into(), false)}
                                {header(RollupColumn::Population, "Population".into(), true)}
                                {keys.iter().map(|k| header(RollupColumn::Indicator(k.clone()), k.clone(), false)).collect_view()}
                                {header(RollupColumn::BudgetPerInhabitant, "Budget / hab.".into(), true)}
                                {header(RollupColumn::Maturity, "Maturité".into(), true)}
                                {header(RollupColumn::LastChange, "Dernière modification".into(), false)}
                            </tr></thead>
                            <tbody>
                                {
                                    let keys = keys.clone();
                                    move || rows.get().into_iter().map(|row| view! { <CommuneLine row=row keys=keys.clone()/> }).collect_view()
                                }
                            </tbody>
                            <tfoot><tr>
                                <th scope="row">"Moyenne"</th><td class="num">{number(r.total_population as f64)}</td>
                                {keys.iter().map(|k| {
                                    let unit = r.rows.iter().find_map(|row| row.cells.get(k).map(|c| c.unit.clone())).unwrap_or_default();
                                    view! { <td>{r.averages.get(k).map(|v| with_unit(*v, &unit)).unwrap_or_else(|| "—".into())}</td> }
                                }).collect_view()}
                                <td class="num">{r.average_budget_per_inhabitant.map(money).unwrap_or_else(|| "—".into())}</td>
                                <td class="num">{r.average_maturity.map(|m| format!("{} / 100", number(m))).unwrap_or_else(|| "—".into())}</td>
                                <td></td>
                            </tr></tfoot>
                        </table>
                    </div>
                    <h2>"Comparer avec les communes de taille voisine"</h2>
                    <SelectField label="Commune" value=compare options=options testid="compare-select"/>
                    {move || {
                        let chosen = compare.get();
                        (!chosen.is_empty()).then(|| {
                            let close = similar(&r2, &chosen);
                            if close.is_empty() {
                                view! { <p data-testid="similar">"Aucune autre commune de population comparable (de la moitié au double)."</p> }.into_any()
                            } else {
                                view! { <ul data-testid="similar">{close.into_iter().map(|c| view! { <li>{format!("{} ({} habitants)", c.name, number(c.population as f64))}</li> }).collect_view()}</ul> }.into_any()
                            }
                        })
                    }}
                }.into_any()
            }}
        </section>
    }
}

/// A column header that sorts by its column: a button, with `aria-sort`
/// telling assistive technologies the current order.
#[component]
fn SortHeader(
    column: RollupColumn,
    label: String,
    numeric: bool,
    sort: RwSignal<(RollupColumn, bool)>,
) -> impl IntoView {
    let this = column.clone();
    let state = Memo::new(move |_| sort.with(|(c, ascending)| (*c == this).then_some(*ascending)));
    let aria = move || match state.get() {
        Some(true) => "ascending",
        Some(false) => "descending",
        None => "none",
    };
    let arrow = move || match state.get() {
        Some(true) => "▲",
        Some(false) => "▼",
        None => "↕",
    };
    let click = move |_| {
        sort.update(|(c, ascending)| {
            if *c == column {
                *ascending = !*ascending;
            } else {
                *c = column.clone();
                // Names A→Z first; figures highest first.
                *ascending = matches!(column, RollupColumn::Name);
            }
        })
    };
    view! {
        <th scope="col" class=if numeric { "num sortable" } else { "sortable" } aria-sort=aria>
            <button type="button" class="sort-button" on:click=click>
                {label}<span class="sort-arrow" aria-hidden="true">{arrow}</span>
            </button>
        </th>
    }
}

#[component]
fn CommuneLine(row: CommuneRow, keys: Vec<String>) -> impl IntoView {
    let last = if row.last_change_ms > 0 { Date::from_unix_millis(row.last_change_ms).french() } else { "—".into() };
    view! {
        <tr>
            <th scope="row"><a href=format!("/espace/{}", row.id)>{row.name.clone()}</a></th>
            <td class="num">{number(row.population as f64)}</td>
            {keys.iter().map(|k| match row.cells.get(k) {
                Some(c) => view! { <td class="rollup-cell"><span class="rollup-value">{c.value.map(|v| with_unit(v, &c.unit)).unwrap_or_else(|| "—".into())}</span>" "<StatusBadge status=c.status/></td> }.into_any(),
                None => view! { <td>"—"</td> }.into_any(),
            }).collect_view()}
            <td class="num">{row.budget_per_inhabitant.map(money).unwrap_or_else(|| "—".into())}</td>
            <td class="num">{row.maturity.map(|m| format!("{} / 100", number(m))).unwrap_or_else(|| "—".into())}</td>
            <td>{last}{row.stale.then(|| view! { " " <span class="badge badge-at-risk">{format!("pas de partage depuis plus de {STALE_AFTER_DAYS} jours")}</span> })}</td>
        </tr>
    }
}
