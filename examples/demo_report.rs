//! Writes the steering reports of the demo as the app downloads them: the
//! intercommunality's own workspace and the roll-up of its communes, over a
//! year or a range of years — to look at, print or check without the app.
//!
//! Usage: cargo run --example demo_report -- <folder> [first year] [last year]

use gouvernail::model::analysis::report::intercommunality::intercommunality_report;
use gouvernail::model::analysis::report::period::ReportPeriod;
use gouvernail::model::analysis::report::workspace::workspace_report;
use gouvernail::model::content::demo::demo_documents;
use gouvernail::model::exchange::report::document::standalone;
use gouvernail::model::exchange::report::intercommunality::intercommunality_report_html;
use gouvernail::model::exchange::report::workspace::workspace_report_html;
use gouvernail::model::Date;
use std::time::{SystemTime, UNIX_EPOCH};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let folder = std::path::PathBuf::from(args.next().unwrap_or_else(|| ".".into()));
    let now_ms = SystemTime::now().duration_since(UNIX_EPOCH)?.as_millis() as i64;
    let today = Date::from_unix_millis(now_ms);
    let first = args.next().unwrap_or_else(|| today.year.to_string());
    let last = args.next().unwrap_or_else(|| first.clone());
    let period = ReportPeriod::years(&first, &last)?;
    let members: Vec<_> = demo_documents(now_ms)?
        .into_iter()
        .map(|d| Ok((d.id().to_string(), d.workspace()?, now_ms)))
        .collect::<Result<_, gouvernail::model::Error>>()?;
    let epci = workspace_report(&members[0].1, period, today, "Démonstration");
    let file = folder.join(format!("rapport-epci-{}.html", period.slug()));
    std::fs::write(&file, standalone("Rapport de pilotage (démonstration)", workspace_report_html(&epci)))?;
    eprintln!("{}", file.display());
    let communes = intercommunality_report(&members, period, now_ms, "Démonstration");
    let file = folder.join(format!("rapport-intercommunal-{}.html", period.slug()));
    std::fs::write(
        &file,
        standalone("Rapport intercommunal (démonstration)", intercommunality_report_html(&communes)),
    )?;
    eprintln!("{}", file.display());
    Ok(())
}
