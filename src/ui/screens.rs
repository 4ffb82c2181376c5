//! Which screens are loaded on demand, and in which module (the mechanism
//! is `lazy.rs`). The first load is the layout, the home page, « À propos »,
//! the accessibility statement (a legal page linked from every footer: it
//! must open even when a module cannot be downloaded) and the not-found
//! page; everything else is in two modules:
//!
//! - `workspace`: a workspace's frame, sections and report, creating one, the
//!   documents list, shared roadmaps, and the demo data;
//! - `tools`: templates, the intercommunal roll-up and its report, import,
//!   backup, live sync's settings.
//!
//! Few modules on purpose: the splitter writes one more file for every set
//! of modules sharing code (one module per screen made 58 files, most under
//! 1 KB, and a workspace opened with 44 requests). A new screen is one line
//! here (its route type, a unique split-function name, its module, its
//! component) and `view={Lazy::<ItsRoute>::new()}` in `app.rs`.

use crate::model::Document;
use crate::ui::lazy::{lazy_screen, LoadFailed};
use crate::ui::pages::{
    backup, create_workspace, documents, import, live_sync, roadmap, rollup, rollup_report, templates, workspace,
};

lazy_screen!(TemplatesScreen, templates_screen, tools, templates::Templates);
lazy_screen!(TemplateSheetScreen, template_sheet_screen, tools, templates::TemplateSheet);
lazy_screen!(RollupScreen, rollup_screen, tools, rollup::Rollup);
lazy_screen!(RollupReportScreen, rollup_report_screen, tools, rollup_report::RollupReport);
lazy_screen!(ImportScreen, import_screen, tools, import::Import);
lazy_screen!(BackupScreen, backup_screen, tools, backup::Backup);
lazy_screen!(LiveSyncScreen, live_sync_screen, tools, live_sync::LiveSyncPage);

lazy_screen!(CreateWorkspaceScreen, create_workspace_screen, workspace, create_workspace::CreateWorkspace);
lazy_screen!(DocumentsScreen, documents_screen, workspace, documents::Documents);
lazy_screen!(RoadmapScreen, roadmap_screen, workspace, roadmap::RoadmapPage);
lazy_screen!(WorkspaceLayoutScreen, workspace_layout_screen, workspace, workspace::WorkspaceLayout);
lazy_screen!(DashboardScreen, dashboard_screen, workspace, workspace::dashboard::Dashboard);
lazy_screen!(StrategyScreen, strategy_screen, workspace, workspace::strategy::Strategy);
lazy_screen!(ActionScreen, action_screen, workspace, workspace::action::ActionSheet);
lazy_screen!(IndicatorsScreen, indicators_screen, workspace, workspace::indicators::Indicators);
lazy_screen!(IndicatorScreen, indicator_screen, workspace, workspace::indicator::IndicatorSheet);
lazy_screen!(FinancesScreen, finances_screen, workspace, workspace::finances::Finances);
lazy_screen!(UsageScreen, usage_screen, workspace, workspace::usage::Usage);
lazy_screen!(TrainingScreen, training_screen, workspace, workspace::training::Training);
lazy_screen!(DataScreen, data_screen, workspace, workspace::data::Data);
lazy_screen!(MaturityScreen, maturity_screen, workspace, workspace::maturity::Maturity);
lazy_screen!(TextsScreen, texts_screen, workspace, workspace::texts::Texts);
lazy_screen!(ProfileScreen, profile_screen, workspace, workspace::profile::ProfilePage);
lazy_screen!(WorkspaceReportScreen, workspace_report_screen, workspace, workspace::report::WorkspaceReport);

/// Builds the demo documents (in the `workspace` module: the home page's
/// « Découvrir » then opens the demo's dashboard, from the same module).
#[cfg_attr(
    feature = "split",
    leptos::wasm_split::wasm_split(workspace, wasm_split_path = ::leptos::wasm_split, fallible)
)]
fn build_demo(today_ms: i64) -> Result<Result<Vec<Document>, String>, LoadFailed> {
    Ok(crate::model::content::demo::demo_documents(today_ms).map_err(|e| e.message().to_string()))
}

/// The demo documents, once their module is there; an error in French.
pub async fn demo_documents(today_ms: i64) -> Result<Vec<Document>, String> {
    #[cfg(feature = "split")]
    let built = build_demo(today_ms).await;
    #[cfg(not(feature = "split"))]
    let built = build_demo(today_ms);
    built.unwrap_or_else(|LoadFailed| {
        Err("La démonstration n'a pas pu être téléchargée : la connexion a peut-être été coupée. Vérifiez-la, puis réessayez.".to_string())
    })
}

/// Fetches the `workspace` module (empty body: calling it loads the module).
#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(workspace, wasm_split_path = ::leptos::wasm_split, fallible)]
fn workspace_module() -> Result<(), LoadFailed> {
    Ok(())
}

/// Fetches the `tools` module.
#[cfg(feature = "split")]
#[leptos::wasm_split::wasm_split(tools, wasm_split_path = ::leptos::wasm_split, fallible)]
fn tools_module() -> Result<(), LoadFailed> {
    Ok(())
}

/// Once the first screen is up and the browser is idle, fetches the two
/// modules, so that the first click on « Découvrir » or a workspace does not
/// wait for them (about 3 s on a slow mobile line otherwise). The service
/// worker also caches them, for offline use; this makes them ready to run.
/// A failure changes nothing: the screen's own load tries again.
pub fn prefetch_modules_when_idle() {
    #[cfg(feature = "split")]
    leptos::task::spawn_local(async {
        idle().await;
        if workspace_module().await.is_ok() {
            let _ = tools_module().await;
        }
    });
}

/// Resolves when the browser is idle (`requestIdleCallback`), or after a
/// second where it has none (Safari).
#[cfg(feature = "split")]
async fn idle() {
    const FALLBACK_DELAY_MS: i32 = 1_000;
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let Some(window) = web_sys::window() else { return };
        if window.request_idle_callback(&resolve).is_err() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, FALLBACK_DELAY_MS);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
