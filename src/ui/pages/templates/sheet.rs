//! A template's sheet: what it contains, adopting it, publishing it.

use crate::model::kinds::indicator::Indicator;
use crate::model::kinds::template::Template;
use crate::ui::components::markdown::Markdown;
use crate::ui::components::title::set_title;
use crate::ui::pages::templates::adopt::Adopt;
use crate::ui::pages::templates::publish::Publish;
use crate::ui::state::AppState;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde_json::Value;

#[component]
pub fn TemplateSheet() -> impl IntoView {
    let state = expect_context::<AppState>();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let template = Memo::new(move |_| state.template(&id.get()));
    set_title(move || {
        template.with(|t| t.as_ref().map(|t| t.meta.title.clone()).unwrap_or_else(|| "Modèle introuvable".into()))
    });
    view! {
        <section class="page" data-testid="template-sheet">
            <p><a href="/modeles">"← Tous les modèles"</a></p>
            {move || match template.get() {
                None if state.is_reading(&id.get()) => view! { <h1>"Chargement du modèle…"</h1> }.into_any(),
                None => view! { <h1>"Modèle introuvable"</h1> }.into_any(),
                Some(t) => view! {
                    <h1>{t.meta.title.clone()}</h1>
                    <p data-testid="template-version">{format!("{} — version {} publiée par {}. {}", t.info.kind.label(), t.info.version, t.info.author, t.info.version_note)}</p>
                    <p>{t.info.description.clone()}</p>
                    <Contents template=t.clone()/>
                    <Adopt template=t.clone()/>
                    <Publish template=t/>
                }.into_any(),
            }}
        </section>
    }
}

#[component]
pub(super) fn Contents(template: Template) -> impl IntoView {
    let mut indicators: Vec<Indicator> = template.indicators.values().cloned().collect();
    indicators.sort_by(|a, b| a.order.total_cmp(&b.order));
    let mut texts: Vec<_> = template.texts.values().cloned().collect();
    texts.sort_by(|a, b| a.order.total_cmp(&b.order));
    let mut questions: Vec<_> = template.questions.values().cloned().collect();
    questions.sort_by(|a, b| a.order.total_cmp(&b.order));
    let mut axes: Vec<_> = template.axes.iter().map(|(k, a)| (k.clone(), a.clone())).collect();
    axes.sort_by(|a, b| a.1.order.total_cmp(&b.1.order));
    view! {
        {(!indicators.is_empty()).then(|| view! {
            <h2>"Indicateurs"</h2>
            <div class="table-wrap"><table class="table" data-testid="template-indicators">
                <caption class="visually-hidden">"Indicateurs du modèle"</caption>
                <thead><tr><th scope="col">"Indicateur"</th><th scope="col">"Unité"</th><th scope="col">"Cible indicative"</th><th scope="col">"Définition"</th></tr></thead>
                <tbody>{indicators.into_iter().map(|i| view! {
                    <tr><td>{i.name.clone()}</td><td>{i.unit.clone()}</td><td>{i.target.map(|t| crate::model::values::format::with_unit(t, &i.unit)).unwrap_or_default()}</td><td>{i.definition.clone()}</td></tr>
                }).collect_view()}</tbody>
            </table></div>
        })}
        {(!axes.is_empty()).then(|| view! {
            <h2>"Trame"</h2>
            <ul>{axes.into_iter().map(|(axis_id, a)| {
                let objectives: Vec<_> = template.objectives.iter().filter(|(_, o)| o.axis_id == axis_id).map(|(k, o)| (k.clone(), o.clone())).collect();
                view! { <li>{a.title.clone()}<ul>{objectives.into_iter().map(|(oid, o)| {
                    let actions: Vec<String> = template.actions.values().filter(|x| x.objective_id == oid).map(|x| x.title.clone()).collect();
                    view! { <li>{o.title.clone()}<ul>{actions.into_iter().map(|x| view! { <li>{x}</li> }).collect_view()}</ul></li> }
                }).collect_view()}</ul></li> }
            }).collect_view()}</ul>
        })}
        {texts.into_iter().map(|t| view! { <h2>{t.title.clone()}</h2><div class="prose"><Markdown text=t.body.clone()/></div> }).collect_view()}
        {(!questions.is_empty()).then(|| view! {
            <h2>"Questions"</h2>
            <ol>{questions.into_iter().map(|q| view! { <li>{q.text.clone()}</li> }).collect_view()}</ol>
        })}
    }
}

pub(super) fn show(value: &Value) -> String {
    match value {
        Value::Null => "(vide)".into(),
        Value::String(s) if s.is_empty() => "(vide)".into(),
        Value::String(s) => s.clone(),
        Value::Number(n) => crate::model::values::format::number(n.as_f64().unwrap_or_default()),
        other => other.to_string(),
    }
}
