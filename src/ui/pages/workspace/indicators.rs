//! The list of indicators with filters (category, status, axis), their
//! latest value and status with its reason, and a quick way to add one.

use super::{send, use_workspace};
use crate::model::analysis::status::{indicator_status, is_missing, period_due, Status};
use crate::model::kinds::indicator::{Direction, Indicator};
use crate::model::kinds::workspace::Workspace;
use crate::model::values::format::with_unit;
use crate::model::values::period::Frequency;
use crate::model::{new_id, Command, Entity};
use crate::ui::components::form::{SelectField, TextField};
use crate::ui::components::status_badge::StatusBadge;
use crate::ui::components::title::set_title;
use crate::ui::state::{today, AppState, NoticeLevel};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// Suggested categories (free text is accepted too).
pub const CATEGORIES: [&str; 9] = [
    "Services en ligne",
    "Usages",
    "Accessibilité",
    "Infrastructure",
    "Finances",
    "Formation",
    "Données",
    "Gouvernance",
    "Inclusion numérique",
];

/// The axis an indicator belongs to, through its objective.
fn axis_of(ws: &Workspace, indicator: &Indicator) -> Option<String> {
    ws.objectives.get(&indicator.objective_id).map(|o| o.axis_id.clone())
}

#[derive(Clone, PartialEq)]
struct Row {
    id: String,
    name: String,
    category: String,
    latest: String,
    status: Status,
    reason: String,
    missing: Option<String>,
}

#[component]
pub fn Indicators() -> impl IntoView {
    set_title(|| "Indicateurs".to_string());
    view! {
        <section class="page" data-testid="indicators">
            <h1>"Indicateurs"</h1>
            <p>"Identifier et mesurer les indicateurs de mise en œuvre de la stratégie : chaque indicateur a une définition, une cible et des seuils, et son statut est calculé à partir de la dernière mesure."</p>
            <IndicatorTable usage_only=false/>
            <AddIndicator usage=false/>
        </section>
    }
}

/// The filterable table, shared with the « Usages » screen.
#[component]
pub fn IndicatorTable(usage_only: bool) -> impl IntoView {
    let ctx = use_workspace();
    let category = RwSignal::new(String::new());
    let status = RwSignal::new(None::<Status>);
    let axis = RwSignal::new(String::new());

    let categories = move || {
        let mut c: Vec<String> = ctx.ws.with(|w| {
            w.as_ref()
                .map(|w| w.indicators.values().map(|i| i.category.clone()).filter(|c| !c.is_empty()).collect())
                .unwrap_or_default()
        });
        c.sort();
        c.dedup();
        c
    };
    let axes = move || {
        ctx.ws.with(|w| {
            let mut v: Vec<(String, String, f64)> = w
                .as_ref()
                .map(|w| w.axes.iter().map(|(k, a)| (k.clone(), a.title.clone(), a.order)).collect())
                .unwrap_or_default();
            v.sort_by(|a, b| a.2.total_cmp(&b.2));
            v
        })
    };
    let rows = Memo::new(move |_| {
        let today = today();
        ctx.ws.with(|w| {
            let Some(ws) = w.as_ref() else { return Vec::new() };
            let mut list: Vec<(&String, &Indicator)> =
                ws.indicators.iter().filter(|(_, i)| !usage_only || i.usage).collect();
            list.sort_by(|a, b| a.1.order.total_cmp(&b.1.order).then(a.1.name.cmp(&b.1.name)));
            list.into_iter()
                .filter(|(_, i)| category.with(|c| c.is_empty() || &i.category == c))
                .filter(|(_, i)| axis.with(|a| a.is_empty() || axis_of(ws, i).as_ref() == Some(a)))
                .map(|(id, i)| {
                    let m = ws.measurements.get(id);
                    let report = indicator_status(i, m);
                    Row {
                        id: id.clone(),
                        name: i.name.clone(),
                        category: i.category.clone(),
                        latest: report
                            .latest
                            .map(|(p, v)| format!("{} ({})", with_unit(v, &i.unit), p.label()))
                            .unwrap_or_else(|| "—".into()),
                        status: report.status,
                        reason: report.reason,
                        missing: is_missing(i, m, today).then(|| period_due(i, today).label()),
                    }
                })
                .filter(|r| status.with(|s| s.is_none_or(|s| s == r.status)))
                .collect::<Vec<_>>()
        })
    });

    let status_options: Vec<(Option<Status>, String)> = std::iter::once((None, "Tous les statuts".to_string()))
        .chain(Status::ALL.iter().map(|s| (Some(*s), s.label().to_string())))
        .collect();

    view! {
        <form class="filters" role="search" aria-label="Filtrer les indicateurs" on:submit=|ev| ev.prevent_default()>
            {move || {
                let options: Vec<(String, String)> = std::iter::once((String::new(), "Toutes les catégories".to_string()))
                    .chain(categories().into_iter().map(|c| (c.clone(), c)))
                    .collect();
                view! { <SelectField label="Catégorie" value=category options=options testid="filter-category"/> }
            }}
            <SelectField label="Statut" value=status options=status_options testid="filter-status"/>
            {move || {
                let options: Vec<(String, String)> = std::iter::once((String::new(), "Tous les axes".to_string()))
                    .chain(axes().into_iter().map(|(id, title, _)| (id, title)))
                    .collect();
                view! { <SelectField label="Axe" value=axis options=options testid="filter-axis"/> }
            }}
        </form>
        <p class="muted" role="status" data-testid="indicator-count">{move || format!("{} indicateur(s) affiché(s)", rows.with(Vec::len))}</p>
        <div class="table-wrap">
            <table class="table" data-testid="indicator-table">
                <caption class="visually-hidden">"Indicateurs, dernière valeur et statut"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Indicateur"</th>
                        <th scope="col">"Catégorie"</th>
                        <th scope="col">"Dernière valeur"</th>
                        <th scope="col">"Statut"</th>
                        <th scope="col">"Mesure attendue"</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || rows.get() key=|r| format!("{}{}{}{:?}", r.id, r.name, r.latest, r.status) let:row>
                        <tr>
                            <td><a href=ctx.href(&format!("indicateurs/{}", row.id))>{row.name.clone()}</a></td>
                            <td>{row.category.clone()}</td>
                            <td class="num">{row.latest.clone()}</td>
                            <td><StatusBadge status=row.status/><br/><span class="muted">{row.reason.clone()}</span></td>
                            <td>{row.missing.clone().map(|p| format!("À saisir : {p}")).unwrap_or_else(|| "À jour".into())}</td>
                        </tr>
                    </For>
                </tbody>
            </table>
        </div>
    }
}

/// A short form to add an indicator; details are set on its sheet.
#[component]
pub fn AddIndicator(usage: bool) -> impl IntoView {
    let ctx = use_workspace();
    let state = expect_context::<AppState>();
    let navigate = use_navigate();
    let name = RwSignal::new(String::new());
    let unit = RwSignal::new("%".to_string());
    let category = RwSignal::new(if usage { "Usages".to_string() } else { CATEGORIES[0].to_string() });
    let frequency = RwSignal::new(if usage { Frequency::Month } else { Frequency::Quarter });
    let direction = RwSignal::new(Direction::Up);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if name.get().trim().is_empty() {
            state.notify(NoticeLevel::Error, "Donnez un nom à l'indicateur.");
            return;
        }
        let order = ctx.ws.with_untracked(|w| {
            w.as_ref().map(|w| w.indicators.values().map(|i| i.order).fold(0.0, f64::max) + 1.0).unwrap_or(1.0)
        });
        let indicator = Indicator {
            name: name.get().trim().to_string(),
            unit: unit.get().trim().to_string(),
            category: category.get(),
            frequency: frequency.get(),
            direction: direction.get(),
            usage,
            order,
            ..Default::default()
        };
        let id = new_id();
        if send(
            state,
            &ctx.id.get_untracked(),
            Command::Create { id: id.clone(), entity: Entity::Indicator(indicator) },
            "Nouvel indicateur",
        ) {
            name.set(String::new());
            navigate(&ctx.href(&format!("indicateurs/{id}")), Default::default());
        }
    };
    let categories: Vec<(String, String)> = CATEGORIES.iter().map(|c| (c.to_string(), c.to_string())).collect();
    let frequencies: Vec<(Frequency, String)> = Frequency::ALL.iter().map(|f| (*f, f.label().to_string())).collect();
    let directions: Vec<(Direction, String)> = Direction::ALL.iter().map(|d| (*d, d.label().to_string())).collect();
    view! {
        <section aria-labelledby="ajout-indicateur">
            <h2 id="ajout-indicateur">"Ajouter un indicateur"</h2>
            <form class="inline-form" on:submit=add data-testid="add-indicator">
                <TextField label="Nom" value=name testid="new-indicator-name"/>
                <TextField label="Unité" value=unit hint="%, €, €/hab, nombre, jours…" testid="new-indicator-unit"/>
                <SelectField label="Catégorie" value=category options=categories/>
                <SelectField label="Fréquence" value=frequency options=frequencies/>
                <SelectField label="Sens" value=direction options=directions/>
                <button type="submit" class="button button-primary" data-testid="new-indicator-submit">"Ajouter"</button>
            </form>
        </section>
    }
}
