//! « Rapport de pilotage » of the intercommunality: the roll-up as a
//! report for the conseil communautaire — the member communes present in
//! this browser side by side over the chosen period, printable and
//! downloadable like a workspace's report.

use crate::model::analysis::report::intercommunality::intercommunality_report;
use crate::model::analysis::report::period::{choices, workspace_years, ReportPeriod};
use crate::model::exchange::report::intercommunality::intercommunality_report_html;
use crate::ui::components::report_controls::{offer_report, ReportControls};
use crate::ui::components::title::set_title;
use crate::ui::state::{now_ms, today, AppState};
use leptos::prelude::*;

#[component]
pub fn RollupReport() -> impl IntoView {
    set_title(|| "Rapport de pilotage intercommunal".to_string());
    let state = expect_context::<AppState>();
    let today = today();
    let period = RwSignal::new(ReportPeriod::year(today.year));
    let author = RwSignal::new(state.author.get_untracked());
    let members = Memo::new(move |_| state.workspaces_with_last_change());
    let choices = Memo::new(move |_| {
        members.with(|m| choices(m.iter().flat_map(|(_, ws, _)| workspace_years(ws)).collect::<Vec<_>>(), today))
    });
    let report =
        Memo::new(move |_| members.with(|m| intercommunality_report(m, period.get(), now_ms(), &author.get())));
    let on_download = move || {
        let r = report.get_untracked();
        offer_report(state, &r.cover, intercommunality_report_html(&r));
    };
    view! {
        <section class="page report-page" data-testid="report-page">
            <p class="no-print"><a href="/intercommunalite">"← Vue intercommunale"</a></p>
            {move || if report.with(|r| r.communes.is_empty()) {
                view! {
                    <h1>"Rapport de pilotage intercommunal"</h1>
                    <p class="empty">"Aucun espace de commune dans ce navigateur : importez les fichiers que les communes vous envoient, ou ouvrez la démonstration."</p>
                    <p><a href="/importer">"Importer un fichier ou un lien"</a></p>
                }.into_any()
            } else {
                ().into_any()
            }}
            <Show when=move || report.with(|r| !r.communes.is_empty())>
                <ReportControls choices=choices period=period author=author on_download=on_download/>
                <div class="report-host" inner_html=move || report.with(|r| intercommunality_report_html(r).into_string())></div>
            </Show>
        </section>
    }
}
