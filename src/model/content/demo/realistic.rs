//! A realistic commune for benchmarks: five years of a town's steering, with
//! the history a real one accumulates, not just its final state.
//!
//! The demo communes are built in two batches, so their documents are small
//! (2.5 KB each for the synthetic ones of the roll-up benchmark). A town using
//! Gouvernail for five years writes many more changes: every month its values,
//! every quarter its budget execution, the statuses of its projects as they
//! move, and its governance texts, each edited dozens of times. Storage and
//! roll-up benchmarks use this one (`bench/storage.mjs`, `bench/rollup.mjs`).
//!
//! What it holds, built with commands as the UI would, month by month over
//! the five years before `today`, by three authors:
//! * 30 monthly indicators, each valued every month (one change a month);
//! * 20 budget lines a year, voted in January, their execution updated every
//!   quarter;
//! * a strategy tree of 40 items (4 axes, 8 objectives, 28 actions) whose
//!   statuses change over time;
//! * three governance texts of about 10 000 characters, each edited 50 times
//!   (50 separate changes);
//! * a maturity assessment a year.
//!
//! Deterministic: everything comes from a seeded [`XorShift32`], ids included,
//! so two runs build the same content (the Automerge actor of the genesis
//! change is still random, as for every document).

use crate::model::analysis::maturity;
use crate::model::analysis::maturity::BUILT_IN_QUESTIONS;
use crate::model::command::{ChangeContext, Command, Entity};
use crate::model::content::demo::random::XorShift32;
use crate::model::document::core::Document;
use crate::model::error::Result;
use crate::model::kinds::capacity::MaturityAssessment;
use crate::model::kinds::collectivity::{CollectivityKind, Profile};
use crate::model::kinds::finances::{BudgetLine, Section};
use crate::model::kinds::ids::Id;
use crate::model::kinds::indicator::{Indicator, Measurement};
use crate::model::kinds::meta::DocKind;
use crate::model::kinds::strategy::{Action, ActionStatus, Axis, Objective};
use crate::model::kinds::texts::TextBlock;
use crate::model::values::period::{Date, Frequency, Period};
use std::collections::BTreeMap;

/// Years of history.
pub const YEARS: i32 = 5;
pub const INDICATORS: usize = 30;
pub const BUDGET_LINES_A_YEAR: usize = 20;
pub const TEXTS: usize = 3;
pub const TEXT_EDITS: usize = 50;
/// Characters of each governance text, about.
pub const TEXT_CHARS: usize = 10_000;

const MS_PER_DAY: i64 = 86_400_000;

/// Who the commune is.
#[derive(Debug, Clone)]
pub struct CommuneSpec {
    pub name: String,
    pub code: String,
    pub population: u64,
    pub epci_code: String,
    pub epci_name: String,
    pub seed: u32,
}

/// Builds the commune's workspace: five years of history ending at `today_ms`.
pub fn realistic_commune(spec: &CommuneSpec, today_ms: i64) -> Result<Document> {
    let mut rng = XorShift32(0x2545_F491 ^ spec.seed.wrapping_mul(0x9E37_79B9).max(1));
    let authors = [
        format!("Secrétaire de mairie de {}", spec.name),
        format!("Adjointe au numérique de {}", spec.name),
        format!("Chargé de mission numérique ({})", spec.epci_name),
    ];
    let months = YEARS * 12;
    let start_ms = today_ms - i64::from(months) * 30 * MS_PER_DAY - 15 * MS_PER_DAY;
    let at = |month: i32, rng: &mut XorShift32| start_ms + i64::from(month) * 30 * MS_PER_DAY + rng_days(rng);
    let ctx = |author: &str, time_ms: i64, message: &str| ChangeContext::new(author, time_ms, message);

    let id = random_id(&mut rng);
    let mut doc = Document::genesis(DocKind::Workspace, id, &spec.name, &ctx(&authors[0], start_ms, "Création"))?;
    doc.apply(&Command::SetProfile(profile(spec)), &ctx(&authors[0], start_ms, "Profil de la collectivité"))?;

    let actions = strategy_tree(&mut doc, &mut rng, &ctx(&authors[2], start_ms, "Stratégie numérique"))?;
    let indicators = indicator_set(&mut doc, &mut rng, &ctx(&authors[2], start_ms, "Indicateurs"))?;
    let mut texts = governance_texts(&mut doc, &mut rng, &ctx(&authors[1], start_ms, "Textes de gouvernance"))?;
    let mut statuses: Vec<(ActionStatus, Action)> =
        actions.iter().map(|(_, action)| (ActionStatus::Planned, action.clone())).collect();
    let mut budget: Vec<(Id, BudgetLine)> = Vec::new();
    let mut text_edits_left = [TEXT_EDITS; TEXTS];

    let first = Date::from_unix_millis(start_ms);
    for month in 0..months {
        let period = month_period(first, month);
        let author = &authors[(rng.next_u32() % 3) as usize];
        // Last month's values, entered in one sitting.
        let values: Vec<Command> = indicators
            .iter()
            .enumerate()
            .map(|(i, (indicator_id, base))| Command::RecordMeasurement {
                indicator_id: indicator_id.clone(),
                period,
                measurement: Measurement { value: series_value(base, i, month, &mut rng), comment: String::new() },
            })
            .collect();
        doc.apply_batch(&values, &ctx(author, at(month, &mut rng), &format!("Saisie des mesures de {}", period)))?;
        if month_of_year(period) == 1 {
            let voted = ctx(&authors[0], at(month, &mut rng), "Budget voté");
            vote_budget(&mut doc, &mut rng, &mut budget, &actions, period.year(), &voted)?;
        }
        if month_of_year(period) % 3 == 0 {
            let executed = ctx(&authors[0], at(month, &mut rng), "Exécution budgétaire");
            execute_budget(&mut doc, &mut rng, &mut budget, month_of_year(period), &executed)?;
        }
        move_statuses(&mut doc, &mut rng, &mut statuses, &actions, month, months, &authors, |r| at(month, r))?;
        for (t, left) in text_edits_left.iter_mut().enumerate() {
            // 50 edits spread over the 60 months.
            let due = *left as i32 >= months - month;
            if *left > 0 && (due || rng.next_u32() % 60 < 52) {
                *left -= 1;
                let (id, block) = &mut texts[t];
                edit_text(&mut block.body, &mut rng);
                let cmd = Command::Update { id: id.clone(), entity: Entity::Text(block.clone()) };
                doc.apply(&cmd, &ctx(&authors[1 + t % 2], at(month, &mut rng), "Révision du texte"))?;
            }
        }
        if month_of_year(period) == 6 {
            let assessment = yearly_assessment(&mut rng, month, period.year(), &authors[0]);
            let cmd = Command::Create { id: random_id(&mut rng), entity: Entity::Assessment(assessment) };
            doc.apply(&cmd, &ctx(&authors[0], at(month, &mut rng), "Évaluation de maturité"))?;
        }
    }
    Ok(doc)
}

/// A UUID-shaped id drawn from the generator.
fn random_id(rng: &mut XorShift32) -> Id {
    let mut bytes = [0u8; 16];
    for chunk in bytes.chunks_mut(4) {
        chunk.copy_from_slice(&rng.next_u32().to_le_bytes());
    }
    uuid::Builder::from_random_bytes(bytes).into_uuid().to_string()
}

fn rng_days(rng: &mut XorShift32) -> i64 {
    i64::from(rng.next_u32() % 28) * MS_PER_DAY + i64::from(rng.next_u32() % 36_000_000)
}

fn month_period(first: Date, month: i32) -> Period {
    let index = first.year * 12 + i32::from(first.month) - 1 + month;
    Period::Month { year: index.div_euclid(12), month: (index.rem_euclid(12) + 1) as u8 }
}

fn month_of_year(period: Period) -> i32 {
    match period {
        Period::Month { month, .. } => i32::from(month),
        _ => 0,
    }
}

fn profile(spec: &CommuneSpec) -> Profile {
    Profile {
        name: spec.name.clone(),
        kind: CollectivityKind::Commune,
        code: spec.code.clone(),
        population: spec.population,
        epci_code: spec.epci_code.clone(),
        epci_name: spec.epci_name.clone(),
    }
}

const AXES: [&str; 4] = [
    "Des services en ligne pour tous les habitants",
    "Des agents formés et outillés",
    "Des données gouvernées et partagées",
    "Un numérique sobre et sûr",
];

const ACTION_WORDS: [&str; 14] = [
    "Portail citoyen",
    "Prise de rendez-vous en ligne",
    "Paiement en ligne de la cantine",
    "Formation cybersécurité",
    "Parc informatique",
    "Messagerie sécurisée",
    "Sauvegardes externalisées",
    "Inventaire des données",
    "Publication en open data",
    "Registre des traitements",
    "Accessibilité du site",
    "Médiation numérique",
    "Visioconférence du conseil",
    "Signature électronique",
];

/// 4 axes, 8 objectives, 28 actions: 40 items. Returns the actions.
fn strategy_tree(doc: &mut Document, rng: &mut XorShift32, ctx: &ChangeContext) -> Result<Vec<(Id, Action)>> {
    let mut commands = Vec::new();
    let mut actions = Vec::new();
    let mut order = 0.0;
    for (a, title) in AXES.iter().enumerate() {
        let axis_id = random_id(rng);
        order += 1.0;
        let axis = Axis { title: (*title).into(), description: String::new(), order, origin: None };
        commands.push(Command::Create { id: axis_id.clone(), entity: Entity::Axis(axis) });
        for o in 0..2 {
            let objective_id = random_id(rng);
            order += 1.0;
            let title = format!("Objectif {}.{} : {}", a + 1, o + 1, ACTION_WORDS[(a * 2 + o) % ACTION_WORDS.len()]);
            let objective = Objective { axis_id: axis_id.clone(), title, order, ..Default::default() };
            commands.push(Command::Create { id: objective_id.clone(), entity: Entity::Objective(objective) });
            for n in 0..3 + o {
                let id = random_id(rng);
                order += 1.0;
                let word = ACTION_WORDS[(rng.next_u32() as usize) % ACTION_WORDS.len()];
                let action = Action {
                    objective_id: objective_id.clone(),
                    title: format!("{word} (lot {})", n + 1),
                    owner_service: "Secrétariat général".into(),
                    provider: if n % 2 == 0 { "Prestataire régional".into() } else { String::new() },
                    order,
                    ..Default::default()
                };
                commands.push(Command::Create { id: id.clone(), entity: Entity::Action(action.clone()) });
                actions.push((id, action));
            }
        }
    }
    doc.apply_batch(&commands, ctx)?;
    Ok(actions)
}

const INDICATOR_NAMES: [(&str, &str, &str); 10] = [
    ("Démarches déposées en ligne", "Services en ligne", "nombre"),
    ("Appels au standard", "Accueil", "nombre"),
    ("Visites du site de la commune", "Services en ligne", "nombre"),
    ("Rendez-vous pris en ligne", "Services en ligne", "nombre"),
    ("Paiements en ligne", "Finances", "€"),
    ("Tickets d'assistance informatique", "Outils", "nombre"),
    ("Courriels indésirables bloqués", "Cybersécurité", "nombre"),
    ("Personnes accompagnées en médiation", "Inclusion", "nombre"),
    ("Disponibilité du portail", "Outils", "%"),
    ("Pages imprimées", "Sobriété", "nombre"),
];

/// 30 monthly indicators; returns each id with its base level.
fn indicator_set(doc: &mut Document, rng: &mut XorShift32, ctx: &ChangeContext) -> Result<Vec<(Id, f64)>> {
    let mut commands = Vec::new();
    let mut out = Vec::new();
    for i in 0..INDICATORS {
        let (name, category, unit) = INDICATOR_NAMES[i % INDICATOR_NAMES.len()];
        let name = if i < INDICATOR_NAMES.len() { name.to_string() } else { format!("{name} ({})", i / 10 + 1) };
        let id = random_id(rng);
        let base = 20.0 + rng.next_f64() * 500.0;
        let indicator = Indicator {
            name,
            category: category.into(),
            unit: unit.into(),
            frequency: Frequency::Month,
            usage: i % 3 == 0,
            target: Some((base * 1.5).round()),
            order: i as f64 + 1.0,
            ..Default::default()
        };
        commands.push(Command::Create { id: id.clone(), entity: Entity::Indicator(indicator) });
        out.push((id, base));
    }
    doc.apply_batch(&commands, ctx)?;
    Ok(out)
}

/// A growing, seasonal, noisy monthly series, rounded to one decimal.
fn series_value(base: &f64, i: usize, month: i32, rng: &mut XorShift32) -> f64 {
    let growth = 1.0 + 0.01 * f64::from(month);
    let season = 1.0 + 0.15 * ((f64::from(month) + i as f64) * std::f64::consts::PI / 6.0).sin();
    let noise = 1.0 + (rng.next_f64() - 0.5) * 0.2;
    (base * growth * season * noise * 10.0).round() / 10.0
}

/// Twenty budget lines for `year`, voted in January.
fn vote_budget(
    doc: &mut Document,
    rng: &mut XorShift32,
    budget: &mut Vec<(Id, BudgetLine)>,
    actions: &[(Id, Action)],
    year: i32,
    ctx: &ChangeContext,
) -> Result<()> {
    let mut commands = Vec::new();
    for n in 0..BUDGET_LINES_A_YEAR {
        let id = random_id(rng);
        let section = if n % 3 == 0 { Section::Investment } else { Section::Operating };
        let line = BudgetLine {
            label: format!("{} {year}", ACTION_WORDS[n % ACTION_WORDS.len()]),
            section,
            nature: if section == Section::Investment { "2183".into() } else { "6156".into() },
            function: "020".into(),
            year: i64::from(year),
            planned: (1_000.0 + rng.next_f64() * 20_000.0).round(),
            action_id: actions[(rng.next_u32() as usize) % actions.len()].0.clone(),
            ..Default::default()
        };
        commands.push(Command::Create { id: id.clone(), entity: Entity::BudgetLine(line.clone()) });
        budget.push((id, line));
    }
    doc.apply_batch(&commands, ctx)
}

/// The quarter's execution of this year's lines: committed and paid grow.
fn execute_budget(
    doc: &mut Document,
    rng: &mut XorShift32,
    budget: &mut [(Id, BudgetLine)],
    month_of_year: i32,
    ctx: &ChangeContext,
) -> Result<()> {
    let share = f64::from(month_of_year) / 12.0;
    let start = budget.len().saturating_sub(BUDGET_LINES_A_YEAR);
    let mut commands = Vec::new();
    for (id, line) in &mut budget[start..] {
        line.committed = (line.planned * (share + 0.1 * rng.next_f64()).min(1.0)).round();
        line.paid = (line.committed * (0.6 + 0.3 * rng.next_f64())).round();
        commands.push(Command::Update { id: id.clone(), entity: Entity::BudgetLine(line.clone()) });
    }
    doc.apply_batch(&commands, ctx)
}

/// Projects start, finish, stall or are dropped along the five years.
#[allow(clippy::too_many_arguments)]
fn move_statuses(
    doc: &mut Document,
    rng: &mut XorShift32,
    statuses: &mut [(ActionStatus, Action)],
    actions: &[(Id, Action)],
    month: i32,
    months: i32,
    authors: &[String; 3],
    at: impl Fn(&mut XorShift32) -> i64,
) -> Result<()> {
    for (n, (status, action)) in statuses.iter_mut().enumerate() {
        // About two moves per project over the five years.
        if !rng.next_u32().is_multiple_of(months as u32 / 2) {
            continue;
        }
        let next = match *status {
            ActionStatus::Planned => ActionStatus::InProgress,
            ActionStatus::InProgress if rng.next_u32().is_multiple_of(5) => ActionStatus::Suspended,
            ActionStatus::InProgress => ActionStatus::Done,
            ActionStatus::Suspended if rng.next_u32().is_multiple_of(3) => ActionStatus::Abandoned,
            ActionStatus::Suspended => ActionStatus::InProgress,
            ActionStatus::Done | ActionStatus::Abandoned => continue,
        };
        *status = next;
        action.status = next;
        let cmd = Command::Update { id: actions[n].0.clone(), entity: Entity::Action(action.clone()) };
        let author = &authors[(rng.next_u32() % 3) as usize];
        doc.apply(&cmd, &ChangeContext::new(author, at(rng), format!("Statut : {} (mois {month})", next.label())))?;
    }
    Ok(())
}

const SENTENCES: [&str; 16] = [
    "La commune désigne un référent numérique chargé de suivre la feuille de route et d'en rendre compte au conseil municipal.",
    "Chaque agent bénéficie d'une sensibilisation annuelle aux risques de cybersécurité et aux bons usages de la messagerie.",
    "Les données produites par les services sont inventoriées, leur responsable est nommé et leur durée de conservation fixée.",
    "Les habitants qui ne peuvent pas faire leurs démarches en ligne sont accueillis en mairie et accompagnés par un agent formé.",
    "Les marchés de prestations informatiques prévoient la réversibilité des données et leur restitution dans un format ouvert.",
    "Le comité de pilotage se réunit chaque trimestre avec l'intercommunalité pour examiner les indicateurs et les projets.",
    "Les accès aux logiciels métiers sont revus deux fois par an et retirés dès le départ d'un agent ou d'un élu.",
    "Les sauvegardes sont faites chaque nuit, conservées hors de la mairie et leur restauration est testée chaque semestre.",
    "Les jeux de données publiables sont ouverts sous licence ouverte et mis à jour au rythme indiqué dans l'inventaire.",
    "Tout nouveau service en ligne fait l'objet d'un audit d'accessibilité avant sa mise en service auprès du public.",
    "Le budget numérique distingue les crédits d'investissement et de fonctionnement et suit leur exécution chaque trimestre.",
    "Les élus reçoivent chaque année un bilan des usages des services en ligne et de la satisfaction des habitants.",
    "Les équipements sont réemployés ou recyclés par une filière agréée, et leur durée d'usage est allongée autant que possible.",
    "Les incidents de sécurité sont déclarés au référent dans la journée et font l'objet d'un retour d'expérience écrit.",
    "La mutualisation avec les communes voisines est recherchée pour les outils, les formations et les achats.",
    "Le présent document est révisé chaque année, et chaque révision est approuvée par le bureau municipal.",
];

/// Three texts of about [`TEXT_CHARS`] characters, as articles of sentences.
fn governance_texts(doc: &mut Document, rng: &mut XorShift32, ctx: &ChangeContext) -> Result<Vec<(Id, TextBlock)>> {
    let titles = ["Charte du numérique", "Fiche de poste du référent numérique", "Convention de mutualisation"];
    let mut out = Vec::new();
    for (n, title) in titles.iter().enumerate() {
        let mut body = format!("# {title}\n");
        let mut article = 0;
        while body.chars().count() < TEXT_CHARS {
            article += 1;
            body.push_str(&format!("\n## Article {article}\n\n"));
            for _ in 0..4 {
                body.push_str(SENTENCES[(rng.next_u32() as usize) % SENTENCES.len()]);
                body.push(' ');
            }
            body.push('\n');
        }
        let block = TextBlock { title: (*title).into(), body, order: n as f64 + 1.0, origin: None };
        let id = random_id(rng);
        doc.apply(&Command::Create { id: id.clone(), entity: Entity::Text(block.clone()) }, ctx)?;
        out.push((id, block));
    }
    Ok(out)
}

/// One revision: a sentence somewhere is replaced by another.
fn edit_text(body: &mut String, rng: &mut XorShift32) {
    let old = SENTENCES[(rng.next_u32() as usize) % SENTENCES.len()];
    let new = SENTENCES[(rng.next_u32() as usize) % SENTENCES.len()];
    let occurrences: Vec<usize> = body.match_indices(old).map(|(i, _)| i).collect();
    if occurrences.is_empty() {
        body.push_str(new);
        return;
    }
    let at = occurrences[(rng.next_u32() as usize) % occurrences.len()];
    let revised = format!("{new} (révision)");
    body.replace_range(at..at + old.len(), if old == new { &revised } else { new });
}

/// The yearly self-assessment, improving over time.
fn yearly_assessment(rng: &mut XorShift32, month: i32, year: i32, author: &str) -> MaturityAssessment {
    let answers: BTreeMap<String, u64> = BUILT_IN_QUESTIONS
        .iter()
        .map(|(id, _)| (id.to_string(), ((month / 12) as u64 + u64::from(rng.next_u32() % 2)).min(4)))
        .collect();
    let score = maturity::score(&maturity::built_in(), &answers);
    MaturityAssessment { date: format!("{year}-06-15"), answers, score, comment: String::new(), author: author.into() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> CommuneSpec {
        CommuneSpec {
            name: "Lauris".into(),
            code: "84065".into(),
            population: 3_900,
            epci_code: "200099901".into(),
            epci_name: "CC du Val de Lure".into(),
            seed: 7,
        }
    }

    #[test]
    fn a_realistic_commune_holds_five_years_of_steering() {
        let today_ms = 1_795_897_288_000; // 28/11/2026
        let mut doc = realistic_commune(&spec(), today_ms).unwrap();
        let ws = doc.workspace().unwrap();
        assert_eq!(ws.indicators.len(), INDICATORS);
        assert!(ws.measurements.values().all(|m| m.len() == 60), "five years of monthly values");
        assert_eq!(ws.budget_lines.len(), 5 * BUDGET_LINES_A_YEAR);
        assert_eq!(ws.axes.len() + ws.objectives.len() + ws.actions.len(), 40);
        assert!(ws.actions.values().any(|a| a.status == ActionStatus::Done));
        assert!(ws.actions.values().any(|a| a.status != ActionStatus::Done));
        assert_eq!(ws.texts.len(), TEXTS);
        assert!(ws.texts.values().all(|t| t.body.chars().count() >= TEXT_CHARS));
        assert_eq!(ws.assessments.len(), 5);
        let history = doc.history();
        let text_revisions = history.iter().filter(|c| c.message == "Révision du texte").count();
        assert_eq!(text_revisions, TEXTS * TEXT_EDITS, "each text edited in 50 separate changes");
        let authors: std::collections::BTreeSet<_> = history.iter().map(|c| c.author.clone()).collect();
        assert_eq!(authors.len(), 3);
        let first = history.first().unwrap().time_ms;
        let last = history.last().unwrap().time_ms;
        assert!(last - first > 4 * 365 * MS_PER_DAY, "changes spread over five years");
        assert!(last <= today_ms);
    }

    #[test]
    fn the_same_seed_builds_the_same_commune() {
        let today_ms = 1_795_897_288_000;
        let a = realistic_commune(&spec(), today_ms).unwrap().workspace().unwrap();
        let b = realistic_commune(&spec(), today_ms).unwrap().workspace().unwrap();
        assert_eq!(a, b);
    }
}
