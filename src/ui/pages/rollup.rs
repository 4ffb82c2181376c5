//! « Vue intercommunale » : for the EPCI's director, the member communes'
//! workspaces present in this browser, side by side.

use crate::model::analysis::rollup::{rollup, similar, STALE_AFTER_DAYS};
use crate::model::kinds::collectivity::CollectivityKind;
use crate::model::values::format::{money, number, with_unit};
use crate::model::values::period::Date;
use crate::ui::components::form::SelectField;
use crate::ui::components::status_badge::StatusBadge;
use crate::ui::components::title::set_title;
use crate::ui::state::{now_ms, today, AppState};
use leptos::prelude::*;

#[component]
pub fn Rollup() -> impl IntoView {
    set_title(|| "Vue intercommunale".to_string());
    let state = expect_context::<AppState>();
    let data = Memo::new(move |_| {
        let members = state.workspaces_with_last_change();
        // Restrict to the EPCI's members when an EPCI workspace is present.
        let epci = members
            .iter()
            .find(|(_, ws, _)| ws.profile.kind == CollectivityKind::Epci)
            .map(|(_, ws, _)| ws.profile.code.clone());
        let epci_name = members
            .iter()
            .find(|(_, ws, _)| ws.profile.kind == CollectivityKind::Epci)
            .map(|(_, ws, _)| ws.profile.name.clone());
        (rollup(&members, epci.as_deref(), now_ms(), today().year as i64), epci_name)
    });
    let compare = RwSignal::new(String::new());
    view! {
        <section class="page" data-testid="rollup">
            <h1>"Vue intercommunale"</h1>
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
                view! {
                    <p>{format!("{} commune(s){} — {} habitants, budget numérique voté {}.", r.rows.len(), epci_name.map(|n| format!(" de {n}")).unwrap_or_default(), number(r.total_population as f64), money(r.total_budget))}</p>
                    <div class="table-wrap">
                        <table class="table" data-testid="rollup-table">
                            <caption class="visually-hidden">"Indicateurs clés par commune"</caption>
                            <thead><tr>
                                <th scope="col">"Commune"</th><th scope="col" class="num">"Population"</th>
                                {keys.iter().map(|k| view! { <th scope="col">{k.clone()}</th> }).collect_view()}
                                <th scope="col" class="num">"Budget / hab."</th><th scope="col" class="num">"Maturité"</th><th scope="col">"Dernière modification"</th>
                            </tr></thead>
                            <tbody>
                                {r.rows.iter().map(|row| {
                                    let last = if row.last_change_ms > 0 { Date::from_unix_millis(row.last_change_ms).french() } else { "—".into() };
                                    view! {
                                        <tr>
                                            <th scope="row"><a href=format!("/espace/{}", row.id)>{row.name.clone()}</a></th>
                                            <td class="num">{number(row.population as f64)}</td>
                                            {keys.iter().map(|k| match row.cells.get(k) {
                                                Some(c) => view! { <td>{c.value.map(|v| with_unit(v, &c.unit)).unwrap_or_else(|| "—".into())}" "<StatusBadge status=c.status/></td> }.into_any(),
                                                None => view! { <td>"—"</td> }.into_any(),
                                            }).collect_view()}
                                            <td class="num">{row.budget_per_inhabitant.map(money).unwrap_or_else(|| "—".into())}</td>
                                            <td class="num">{row.maturity.map(|m| format!("{} / 100", number(m))).unwrap_or_else(|| "—".into())}</td>
                                            <td>{last}{row.stale.then(|| view! { " " <span class="badge badge-at-risk">{format!("pas de partage depuis plus de {STALE_AFTER_DAYS} jours")}</span> })}</td>
                                        </tr>
                                    }
                                }).collect_view()}
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
