//! A report as one self-contained HTML file, to send by mail or publish on
//! the collectivité's website: its styles inside, its charts inline SVG, no
//! script, nothing fetched — it opens offline in any browser, and prints
//! on A4 as the app does. Its own Content-Security-Policy forbids scripts
//! and every network request, so the file stays inert wherever it lands.

use maud::{html, Markup, PreEscaped, DOCTYPE};

/// The report's stylesheet: linked by the app (`index.html`) and inlined
/// in every downloaded file, so both look and print alike.
pub const REPORT_CSS: &str = include_str!("../../../../style/report.css");

const FILE_POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/// The whole file around a report's `<article>`.
pub fn standalone(title: &str, report: Markup) -> String {
    html! {
        (DOCTYPE)
        html lang="fr" {
            head {
                meta charset="utf-8";
                meta http-equiv="Content-Security-Policy" content=(FILE_POLICY);
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content="Gouvernail";
                title { (title) }
                style { (PreEscaped(REPORT_CSS)) }
            }
            body.report-file {
                main { (report) }
            }
        }
    }
    .into_string()
}
