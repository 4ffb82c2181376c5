//! The screens of one workspace, under `/espace/:id/…`, sharing a layout
//! with the collectivité's name, the demo banner and the section navigation.

pub mod action;
pub mod dashboard;
pub mod data;
pub mod finances;
pub mod indicator;
pub mod indicators;
pub mod maturity;
pub mod profile;
pub mod report;
pub mod strategy;
pub mod texts;
pub mod training;
pub mod usage;

use crate::model::kinds::workspace::Workspace;
use crate::ui::components::live_status::DocumentLiveStatus;
use crate::ui::components::nav_link::NavLink;
use crate::ui::state::{AppState, NoticeLevel};
use leptos::prelude::*;
use leptos_router::components::Outlet;
use leptos_router::hooks::{use_navigate, use_params_map};

/// The open workspace: its id (from the URL) and its current snapshot.
#[derive(Clone, Copy)]
pub struct WorkspaceCtx {
    pub id: Memo<String>,
    pub ws: Memo<Option<Workspace>>,
}

impl WorkspaceCtx {
    /// `/espace/<id>` followed by `rest`.
    pub fn href(&self, rest: &str) -> String {
        let id = self.id.get_untracked();
        if rest.is_empty() {
            format!("/espace/{id}")
        } else {
            format!("/espace/{id}/{rest}")
        }
    }
}

pub fn use_workspace() -> WorkspaceCtx {
    expect_context::<WorkspaceCtx>()
}

/// Asks before destroying something (native dialog: keyboard and screen
/// reader friendly).
pub fn confirm(question: &str) -> bool {
    web_sys::window().and_then(|w| w.confirm_with_message(question).ok()).unwrap_or(false)
}

/// Sends a command and reports the outcome to the user.
pub fn send(state: AppState, doc: &str, command: crate::model::Command, message: &str) -> bool {
    match state.dispatch(doc, command, message) {
        Ok(()) => true,
        Err(e) => {
            state.notify(NoticeLevel::Error, e);
            false
        }
    }
}

#[component]
pub fn WorkspaceLayout() -> impl IntoView {
    let state = expect_context::<AppState>();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").unwrap_or_default()));
    let ws = Memo::new(move |_| state.workspace(&id.get()));
    let ctx = WorkspaceCtx { id, ws };
    provide_context(ctx);
    let navigate = use_navigate();

    let sections = [
        ("", "Tableau de bord", true),
        ("strategie", "Stratégie et projets", false),
        ("indicateurs", "Indicateurs", false),
        ("finances", "Finances", false),
        ("usages", "Usages des services", false),
        ("formation", "Formation des agents", false),
        ("donnees", "Données", false),
        ("maturite", "Maturité", false),
        ("textes", "Textes", false),
        ("profil", "Collectivité", false),
    ];

    view! {
        <Show
            when=move || ws.with(Option::is_some)
            fallback=move || if state.is_reading(&id.get()) { view! {
                <section class="page" data-testid="workspace-loading" aria-busy="true">
                    <h1>"Chargement de l'espace…"</h1>
                </section>
            }.into_any() } else { view! {
                <section class="page" data-testid="workspace-missing">
                    <h1>"Espace introuvable"</h1>
                    <p>"Cet espace de travail n'existe pas dans ce navigateur. Il a peut-être été retiré, ou il se trouve sur un autre appareil."</p>
                    <p><a href="/">"Revenir à l'accueil"</a></p>
                </section>
            }.into_any() }
        >
            {
                let navigate = navigate.clone();
                move || {
                    let snapshot = ws.get().unwrap_or_default();
                    let demo = snapshot.meta.demo;
                    let name = if snapshot.profile.name.is_empty() { snapshot.meta.title.clone() } else { snapshot.profile.name.clone() };
                    let navigate = navigate.clone();
                    view! {
                        <div class="workspace-banner">
                            <p class="workspace-name" data-testid="workspace-name">{name}</p>
                            <DocumentLiveStatus id=id.get()/>
                            {demo.then(|| view! {
                                <div class="demo-banner" role="note" data-testid="demo-banner">
                                    <p>"Données de démonstration : une intercommunalité fictive, pour découvrir Gouvernail."</p>
                                    <button type="button" class="button button-small button-danger" data-testid="demo-remove" on:click=move |_| {
                                        state.remove_demo();
                                        state.notify(NoticeLevel::Success, "Les données de démonstration ont été retirées.");
                                        navigate("/", Default::default());
                                    }>"Retirer la démonstration"</button>
                                </div>
                            })}
                        </div>
                    }
                }
            }
            <nav class="section-nav" aria-label="Rubriques de l'espace">
                <ul>
                    {move || sections
                        .iter()
                        .map(|&(path, label, exact)| {
                            let href = if path.is_empty() { format!("/espace/{}", id.get()) } else { format!("/espace/{}/{}", id.get(), path) };
                            view! { <li><NavLink href=href exact=exact>{label}</NavLink></li> }
                        })
                        .collect_view()}
                </ul>
            </nav>
            <Outlet/>
        </Show>
    }
}
