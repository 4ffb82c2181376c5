//! The steering report, natively: the demo's report has every part and
//! tells one story (budget lines and money indicators agree); the HTML is
//! inert whatever users typed, carries no inline style (the app's CSP) and
//! one chart per indicator; the downloaded file is self-contained.

mod common;

use common::{create_indicator, ctx, new_workspace, record};
use gouvernail::model::analysis::budget::totals_for_year;
use gouvernail::model::analysis::report::intercommunality::intercommunality_report;
use gouvernail::model::analysis::report::period::ReportPeriod;
use gouvernail::model::analysis::report::projects::projects_report;
use gouvernail::model::analysis::report::workspace::{workspace_report, Report};
use gouvernail::model::analysis::rollup::rollup;
use gouvernail::model::analysis::status::Status;
use gouvernail::model::content::demo::demo_documents;
use gouvernail::model::exchange::report::document::standalone;
use gouvernail::model::exchange::report::intercommunality::intercommunality_report_html;
use gouvernail::model::exchange::report::parts::PARTS;
use gouvernail::model::exchange::report::timeline::timeline_html;
use gouvernail::model::exchange::report::workspace::workspace_report_html;
use gouvernail::model::kinds::capacity::Dataset;
use gouvernail::model::kinds::collectivity::Profile;
use gouvernail::model::kinds::strategy::{Action, Axis, Milestone, Objective};
use gouvernail::model::kinds::workspace::Workspace;
use gouvernail::model::{Command, Date, Entity};

const TODAY_MS: i64 = 1_795_897_288_000; // 28/11/2026

fn today() -> Date {
    Date::from_unix_millis(TODAY_MS)
}

fn demo() -> Vec<(String, Workspace, i64)> {
    demo_documents(TODAY_MS)
        .unwrap()
        .into_iter()
        .map(|d| (d.id().to_string(), d.workspace().unwrap(), TODAY_MS))
        .collect()
}

fn demo_report() -> Report {
    workspace_report(&demo()[0].1, ReportPeriod::year(2026), today(), " Directrice ")
}

#[test]
fn the_report_of_the_demo_intercommunality_has_every_part() {
    let ws = &demo()[0].1;
    let report = demo_report();
    assert_eq!(report.cover.collectivity, "Communauté de communes du Val de Lure");
    assert_eq!((report.cover.author.as_str(), report.cover.demo), ("Directrice", true));
    assert_eq!(report.indicators.len(), ws.indicators.len());
    assert!(report.indicators.iter().all(|i| !i.points.is_empty()), "every demo indicator has a chart");
    assert_eq!(report.status_counts().iter().map(|c| c.1).sum::<usize>(), ws.indicators.len());
    assert!(!report.worrying().is_empty());
    assert_eq!(report.budget.years.len(), 1);
    assert!(report.projects.projects.len() >= 5);
    assert!(report.projects.needing_attention().count() >= 1);
    assert_eq!(report.training.len(), 1);
    assert_eq!(report.data.datasets.len(), 5);
    assert_eq!(report.maturity.scores.len(), 3);
    assert!(report.maturity.change().unwrap() > 0.0);

    let html = workspace_report_html(&report).into_string();
    let positions: Vec<usize> =
        PARTS.iter().map(|p| html.find(&format!("id=\"{}\"", p.id)).unwrap_or_else(|| panic!("{}", p.id))).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "parts in order");
    assert_eq!(html.matches("<article class=\"report-indicator\"").count(), ws.indicators.len());
    assert_eq!(
        html.matches("<figure class=\"report-chart\"><svg").count(),
        ws.indicators.len() + 1,
        "one per indicator, and maturity"
    );
    assert_eq!(html.matches("data-testid=\"timeline\"").count(), 1);
    assert!(!html.contains("style="), "no inline style: the app's CSP would refuse it");
    assert!(!html.contains("<script"));
}

#[test]
fn the_demo_tells_one_story_budget_lines_and_money_indicators_agree() {
    let members = demo();
    let per_hab = |ws: &Workspace, year: &str| {
        let (id, _) = ws.indicators.iter().find(|(_, i)| i.name == "Budget numérique par habitant").unwrap();
        ws.measurements[id][year].value
    };
    for (_, ws, _) in &members {
        for year in [2024, 2025, 2026] {
            let voted = totals_for_year(ws, year).1.planned / ws.profile.population as f64;
            assert!((per_hab(ws, &year.to_string()) - voted).abs() < 0.0051, "{} {year}", ws.profile.name);
        }
    }
    // The roll-up's budget column says what each commune's indicator says.
    let r = rollup(&members, Some("200099901"), TODAY_MS, 2026);
    assert_eq!(r.rows.len(), 3);
    for row in &r.rows {
        let ws = &members.iter().find(|m| m.0 == row.id).unwrap().1;
        let shown = row.budget_per_inhabitant.unwrap();
        assert!((shown - per_hab(ws, "2026")).abs() < 0.0051, "{}: {shown}", row.name);
        assert!(shown > 8.0, "{}: {shown} € per inhabitant, not a token amount", row.name);
    }
    let epci = &members[0].1;
    let (id, _) = epci.indicators.iter().find(|(_, i)| i.name == "Taux d'exécution des crédits numériques").unwrap();
    for year in [2024, 2025] {
        let rate = totals_for_year(epci, year).1.execution_rate().unwrap() * 100.0;
        assert!((epci.measurements[id][&year.to_string()].value - rate).abs() < 0.51, "{year}");
    }
    assert!(!epci.measurements[id].contains_key("2026"), "the current year is not closed");
}

/// A workspace whose every user text is an attempt at markup.
fn hostile_workspace() -> Workspace {
    let evil = "<script>alert(1)</script>";
    let mut doc = new_workspace(evil);
    let profile = Profile { name: format!("Mairie {evil}"), ..Default::default() };
    doc.apply(&Command::SetProfile(profile), &ctx("Directrice", "Profil")).unwrap();
    create_indicator(&mut doc, "i", &format!("Indicateur \"{evil}\""));
    record(&mut doc, "i", "2026", 12.5, "Directrice");
    let entities = [
        ("a", Entity::Axis(Axis { title: evil.into(), ..Default::default() })),
        ("o", Entity::Objective(Objective { axis_id: "a".into(), title: evil.into(), ..Default::default() })),
        (
            "p",
            Entity::Action(Action {
                objective_id: "o".into(),
                title: format!("Projet {evil}"),
                provider: evil.into(),
                start: "2026-01-01".into(),
                end: "2026-02-01".into(),
                ..Default::default()
            }),
        ),
        (
            "m",
            Entity::Milestone(Milestone {
                action_id: "p".into(),
                title: evil.into(),
                due: "2026-01-15".into(),
                done: false,
            }),
        ),
        (
            "d",
            Entity::Dataset(Dataset {
                name: evil.into(),
                owner: "<img src=x onerror=alert(1)>".into(),
                ..Default::default()
            }),
        ),
    ];
    for (id, entity) in entities {
        doc.apply(&Command::Create { id: id.into(), entity }, &ctx("Directrice", "Création")).unwrap();
    }
    doc.workspace().unwrap()
}

#[test]
fn every_text_users_typed_comes_out_inert() {
    let ws = hostile_workspace();
    let report = workspace_report(&ws, ReportPeriod::year(2026), today(), "<b>Moi</b>");
    let file = standalone("Rapport <script>", workspace_report_html(&report));
    assert!(!file.contains("<script"), "no script element, whatever was typed");
    assert!(!file.contains("<img"));
    assert!(!file.contains("<b>"));
    assert!(file.contains("Mairie &lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(file.contains("Indicateur &quot;&lt;script&gt;"), "quotes escaped too (attributes)");
    assert!(file.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(file.contains("<title>Rapport &lt;script&gt;</title>"));
}

#[test]
fn the_downloaded_file_is_self_contained() {
    let file = standalone("Rapport de pilotage", workspace_report_html(&demo_report()));
    assert!(file.starts_with("<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\">"));
    assert!(file.contains("<style>") && file.contains("@page"), "its styles inside, print rules included");
    assert!(file.contains("default-src 'none'"), "its own policy: no script, nothing fetched");
    for external in ["<link", "src=", "@import", "url("] {
        assert!(!file.contains(external), "nothing to fetch: {external}");
    }
    assert!(!file.contains("<script"));
    assert!(file.contains("<h1>Communauté de communes du Val de Lure</h1>"));
}

#[test]
fn the_timeline_links_projects_in_the_app_and_not_in_a_file() {
    let ws = &demo()[0].1;
    let projects = projects_report(ws, None, today());
    let linked = timeline_html(&projects.timeline, &|id: &str| Some(format!("/espace/x/strategie/{id}"))).into_string();
    assert_eq!(linked.matches("<a class=\"timeline-title\" href=\"/espace/x/strategie/").count(), ws.actions.len());
    assert!(linked.contains("En retard"), "late projects are said in words");
    let plain = timeline_html(&projects.timeline, &|_: &str| None).into_string();
    assert!(!plain.contains("<a "));
    assert_eq!(plain.matches("<svg class=\"timeline-track\"").count(), ws.actions.len());
    assert!(!plain.contains("style="));
}

#[test]
fn the_intercommunality_report_sets_the_communes_side_by_side() {
    let members = demo();
    let report =
        intercommunality_report(&members, ReportPeriod::years("2020", "2026").unwrap(), TODAY_MS, "Directrice");
    assert_eq!(report.cover.collectivity, "Communauté de communes du Val de Lure");
    assert_eq!(report.cover.period.label(), "mandat 2020–2026");
    let names: Vec<&str> = report.communes.iter().map(|c| c.name()).collect();
    assert_eq!(names, ["Les Granges", "Montclar-de-Lure", "Saint-Aubin-sur-Lure"]);
    assert_eq!(report.cover.population, 620 + 1_150 + 4_180);
    assert_eq!(report.key_indicators.len(), 4, "the four indicators every demo commune has");
    let total: usize = report.status_counts().iter().map(|c| c.1).sum();
    assert_eq!(total, report.communes.iter().map(|c| c.report.indicators.len()).sum::<usize>());
    assert!(report.status_counts().iter().any(|(s, n)| *s != Status::NoData && *n > 0));
    let html = intercommunality_report_html(&report).into_string();
    for part in &PARTS {
        assert!(html.contains(&format!("id=\"{}\"", part.id)), "{}", part.id);
    }
    assert_eq!(html.matches("<article class=\"report-indicator\"").count(), 4);
    assert!(!html.contains("style="));
}
