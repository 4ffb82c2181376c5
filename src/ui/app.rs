//! Routes of the app. Paths are real URLs (history API): the static server
//! falls back to `index.html`, so reloading any page works.

use crate::ui::components::layout::Layout;
use crate::ui::pages::*;
use crate::ui::state::AppState;
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::init();
    provide_context(state);
    provide_context(crate::ui::live_sync::LiveSync::init(state));
    provide_context(crate::ui::offline::Offline::init());
    view! {
        <Router>
            <Layout>
                <Routes fallback=|| view! { <not_found::NotFound/> }>
                    <Route path=path!("/") view=home::Home/>
                    <Route path=path!("/a-propos") view=about::About/>
                    <Route path=path!("/accessibilite") view=accessibility::Accessibility/>
                    <Route path=path!("/sauvegarde") view=backup::Backup/>
                    <Route path=path!("/synchronisation") view=live_sync::LiveSyncPage/>
                    <Route path=path!("/espace/nouveau") view=create_workspace::CreateWorkspace/>
                    <Route path=path!("/documents") view=documents::Documents/>
                    <Route path=path!("/importer") view=import::Import/>
                    <Route path=path!("/feuille-de-route/:id") view=roadmap::RoadmapPage/>
                    <Route path=path!("/intercommunalite") view=rollup::Rollup/>
                    <Route path=path!("/intercommunalite/rapport") view=rollup_report::RollupReport/>
                    <Route path=path!("/modeles") view=templates::Templates/>
                    <Route path=path!("/modeles/:id") view=templates::TemplateSheet/>
                    <ParentRoute path=path!("/espace/:id") view=workspace::WorkspaceLayout>
                        <Route path=path!("") view=workspace::dashboard::Dashboard/>
                        <Route path=path!("strategie") view=workspace::strategy::Strategy/>
                        <Route path=path!("strategie/:action") view=workspace::action::ActionSheet/>
                        <Route path=path!("indicateurs") view=workspace::indicators::Indicators/>
                        <Route path=path!("indicateurs/:indicator") view=workspace::indicator::IndicatorSheet/>
                        <Route path=path!("finances") view=workspace::finances::Finances/>
                        <Route path=path!("usages") view=workspace::usage::Usage/>
                        <Route path=path!("formation") view=workspace::training::Training/>
                        <Route path=path!("donnees") view=workspace::data::Data/>
                        <Route path=path!("maturite") view=workspace::maturity::Maturity/>
                        <Route path=path!("textes") view=workspace::texts::Texts/>
                        <Route path=path!("profil") view=workspace::profile::ProfilePage/>
                        <Route path=path!("rapport") view=workspace::report::WorkspaceReport/>
                    </ParentRoute>
                </Routes>
            </Layout>
        </Router>
    }
}
