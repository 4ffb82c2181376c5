//! « Rapport de pilotage » of one workspace: the report the director
//! presents to the comité de pilotage, over the period chosen, printable on
//! A4 and downloadable as one HTML file. The page shows the very markup the
//! file holds (`exchange::report`), under the app's stylesheet.

use super::use_workspace;
use crate::model::analysis::report::period::{choices, workspace_years, ReportPeriod};
use crate::model::analysis::report::workspace::workspace_report;
use crate::model::exchange::report::workspace::workspace_report_html;
use crate::ui::components::report_controls::{offer_report, ReportControls};
use crate::ui::components::title::set_title;
use crate::ui::state::{today, AppState};
use leptos::prelude::*;

#[component]
pub fn WorkspaceReport() -> impl IntoView {
    let ctx = use_workspace();
    let state = expect_context::<AppState>();
    let today = today();
    let period = RwSignal::new(ReportPeriod::year(today.year));
    let author = RwSignal::new(state.author.get_untracked());
    let choices =
        Memo::new(move |_| ctx.ws.with(|w| choices(w.as_ref().map(workspace_years).unwrap_or_default(), today)));
    let report = Memo::new(move |_| {
        ctx.ws.with(|w| w.as_ref().map(|ws| workspace_report(ws, period.get(), today, &author.get())))
    });
    let name = move || report.with(|r| r.as_ref().map(|r| r.cover.collectivity.clone()).unwrap_or_default());
    set_title(move || format!("Rapport de pilotage — {}", name()));
    let on_download = move || {
        if let Some(r) = report.get_untracked() {
            offer_report(state, &r.cover, workspace_report_html(&r));
        }
    };
    view! {
        <section class="page report-page" data-testid="report-page">
            <p class="no-print"><a href=move || { ctx.id.track(); ctx.href("") }>"← Tableau de bord"</a></p>
            <ReportControls choices=choices period=period author=author on_download=on_download/>
            <div class="report-host" inner_html=move || {
                report.with(|r| r.as_ref().map(|r| workspace_report_html(r).into_string()).unwrap_or_default())
            }></div>
        </section>
    }
}
