//! Routes of the app. Paths are real URLs (history API): the static server
//! falls back to `index.html`, so reloading any page works. Most screens
//! are `Lazy`: their code is in a module fetched on demand (`screens.rs`).

use crate::ui::components::layout::Layout;
use crate::ui::pages::*;
use crate::ui::screens::*;
use crate::ui::state::AppState;
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{path, Lazy};

#[component]
pub fn App() -> impl IntoView {
    let state = AppState::init();
    provide_context(state);
    provide_context(crate::ui::live_sync::LiveSync::init(state));
    provide_context(crate::ui::offline::Offline::init());
    prefetch_modules_when_idle();
    view! {
        <Router>
            <Layout>
                <Routes fallback=|| view! { <not_found::NotFound/> }>
                    <Route path=path!("/") view=home::Home/>
                    <Route path=path!("/a-propos") view=about::About/>
                    <Route path=path!("/accessibilite") view=accessibility::Accessibility/>
                    <Route path=path!("/sauvegarde") view={Lazy::<BackupScreen>::new()}/>
                    <Route path=path!("/synchronisation") view={Lazy::<LiveSyncScreen>::new()}/>
                    <Route path=path!("/espace/nouveau") view={Lazy::<CreateWorkspaceScreen>::new()}/>
                    <Route path=path!("/documents") view={Lazy::<DocumentsScreen>::new()}/>
                    <Route path=path!("/importer") view={Lazy::<ImportScreen>::new()}/>
                    <Route path=path!("/feuille-de-route/:id") view={Lazy::<RoadmapScreen>::new()}/>
                    <Route path=path!("/intercommunalite") view={Lazy::<RollupScreen>::new()}/>
                    <Route path=path!("/intercommunalite/rapport") view={Lazy::<RollupReportScreen>::new()}/>
                    <Route path=path!("/modeles") view={Lazy::<TemplatesScreen>::new()}/>
                    <Route path=path!("/modeles/:id") view={Lazy::<TemplateSheetScreen>::new()}/>
                    <ParentRoute path=path!("/espace/:id") view={Lazy::<WorkspaceLayoutScreen>::new()}>
                        <Route path=path!("") view={Lazy::<DashboardScreen>::new()}/>
                        <Route path=path!("strategie") view={Lazy::<StrategyScreen>::new()}/>
                        <Route path=path!("strategie/:action") view={Lazy::<ActionScreen>::new()}/>
                        <Route path=path!("indicateurs") view={Lazy::<IndicatorsScreen>::new()}/>
                        <Route path=path!("indicateurs/:indicator") view={Lazy::<IndicatorScreen>::new()}/>
                        <Route path=path!("finances") view={Lazy::<FinancesScreen>::new()}/>
                        <Route path=path!("usages") view={Lazy::<UsageScreen>::new()}/>
                        <Route path=path!("formation") view={Lazy::<TrainingScreen>::new()}/>
                        <Route path=path!("donnees") view={Lazy::<DataScreen>::new()}/>
                        <Route path=path!("maturite") view={Lazy::<MaturityScreen>::new()}/>
                        <Route path=path!("textes") view={Lazy::<TextsScreen>::new()}/>
                        <Route path=path!("profil") view={Lazy::<ProfileScreen>::new()}/>
                        <Route path=path!("rapport") view={Lazy::<WorkspaceReportScreen>::new()}/>
                    </ParentRoute>
                </Routes>
            </Layout>
        </Router>
    }
}
