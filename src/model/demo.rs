//! The demonstration data: a fictional intercommunality (« Communauté de
//! communes du Val de Lure ») and three member communes, with two to three
//! years of measurements, projects, budget, training, data and maturity.
//!
//! Built with the same commands as user edits, at the time the caller gives,
//! so the demo always ends at the current period. Each call creates new
//! documents with fresh ids and `meta.demo = true`: two browsers loading the
//! demo never share a genesis, and the UI can remove it in one click.

use crate::model::command::{ChangeContext, Command, Entity};
use crate::model::document::{new_id, Document};
use crate::model::error::Result;
use crate::model::maturity::{self, BUILT_IN_QUESTIONS};
use crate::model::meta::DocKind;
use crate::model::period::{Date, Frequency, Period};
use crate::model::workspace::*;
use std::collections::BTreeMap;

/// A tiny deterministic generator (xorshift32) so the demo is the same every time.
#[derive(Debug, Clone)]
pub struct XorShift32(pub u32);

impl XorShift32 {
    pub fn next_u32(&mut self) -> u32 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        self.0 = x;
        x
    }

    /// A float in [0, 1).
    pub fn next_f64(&mut self) -> f64 {
        self.next_u32() as f64 / (u32::MAX as f64 + 1.0)
    }
}

struct Builder {
    commands: Vec<Command>,
    /// Measurements, committed apart under the name of who entered them
    /// (a value's author is its change's author; see `finish`).
    measurements: Vec<Command>,
    order: f64,
}

impl Builder {
    fn new() -> Self {
        Builder { commands: Vec::new(), measurements: Vec::new(), order: 0.0 }
    }

    fn next_order(&mut self) -> f64 {
        self.order += 1.0;
        self.order
    }

    fn create(&mut self, entity: Entity) -> String {
        let id = new_id();
        self.commands.push(Command::Create { id: id.clone(), entity });
        id
    }

    fn axis(&mut self, title: &str, description: &str) -> String {
        let order = self.next_order();
        self.create(Entity::Axis(Axis { title: title.into(), description: description.into(), order, origin: None }))
    }

    fn objective(&mut self, axis_id: &str, title: &str) -> String {
        let order = self.next_order();
        self.create(Entity::Objective(Objective { axis_id: axis_id.into(), title: title.into(), order, ..Default::default() }))
    }

    #[allow(clippy::too_many_arguments)]
    fn action(
        &mut self,
        objective_id: &str,
        title: &str,
        owner: &str,
        provider: &str,
        status: ActionStatus,
        start: &str,
        end: &str,
    ) -> String {
        let order = self.next_order();
        self.create(Entity::Action(Action {
            objective_id: objective_id.into(),
            title: title.into(),
            owner_service: owner.into(),
            provider: provider.into(),
            status,
            start: start.into(),
            end: end.into(),
            order,
            ..Default::default()
        }))
    }

    fn milestone(&mut self, action_id: &str, title: &str, due: &str, done: bool) {
        self.create(Entity::Milestone(Milestone { action_id: action_id.into(), title: title.into(), due: due.into(), done }));
    }

    fn risk(&mut self, action_id: &str, title: &str, level: RiskLevel, mitigation: &str) {
        self.create(Entity::Risk(Risk { action_id: action_id.into(), title: title.into(), level, mitigation: mitigation.into() }));
    }

    #[allow(clippy::too_many_arguments)]
    fn budget(&mut self, label: &str, section: Section, nature: &str, year: i32, planned: f64, committed: f64, paid: f64, action_id: &str) {
        self.create(Entity::BudgetLine(BudgetLine {
            label: label.into(),
            section,
            nature: nature.into(),
            function: "020".into(),
            year: year as i64,
            planned,
            committed,
            paid,
            external_funding: 0.0,
            action_id: action_id.into(),
        }));
    }
}

/// How an indicator's demo series evolves.
struct Series {
    start: f64,
    end: f64,
    noise: f64,
    decimals: i32,
}

/// Adds an indicator and its measurements from `first_year` up to the period
/// before `today`.
fn indicator_with_series(
    b: &mut Builder,
    rng: &mut XorShift32,
    today: Date,
    first_year: i32,
    indicator: Indicator,
    series: Series,
) -> String {
    let frequency = indicator.frequency;
    let order = b.next_order();
    let id = b.create(Entity::Indicator(Indicator { order, ..indicator }));
    let last = Period::containing(today, frequency).previous();
    let mut periods = Vec::new();
    let mut p = last;
    while p.year() >= first_year {
        periods.push(p);
        p = p.previous();
    }
    periods.reverse();
    let n = periods.len().max(2) as f64 - 1.0;
    let scale = 10f64.powi(series.decimals);
    for (i, period) in periods.into_iter().enumerate() {
        let trend = series.start + (series.end - series.start) * (i as f64 / n);
        let value = trend + (rng.next_f64() - 0.5) * 2.0 * series.noise;
        let value = (value * scale).round() / scale;
        b.measurements.push(Command::RecordMeasurement { indicator_id: id.clone(), period, measurement: Measurement { value, comment: String::new() } });
    }
    id
}

fn indicator(name: &str, definition: &str, category: &str, unit: &str, frequency: Frequency) -> Indicator {
    Indicator {
        name: name.into(),
        definition: definition.into(),
        category: category.into(),
        unit: unit.into(),
        frequency,
        ..Default::default()
    }
}

fn assessment(date: &str, levels: [u64; 5], author: &str) -> MaturityAssessment {
    let answers: BTreeMap<String, u64> =
        BUILT_IN_QUESTIONS.iter().zip(levels).map(|((id, _), level)| (id.to_string(), level)).collect();
    let score = maturity::score(&maturity::built_in(), &answers);
    MaturityAssessment { date: date.into(), answers, score, comment: String::new(), author: author.into() }
}

/// Builds the demo documents (the EPCI first, then its communes).
pub fn demo_documents(today_ms: i64) -> Result<Vec<Document>> {
    let today = Date::from_unix_millis(today_ms);
    let mut docs = vec![epci(today, today_ms)?];
    let communes = [
        ("Saint-Aubin-sur-Lure", "04991", 4_180, 0.9, 1u32),
        ("Montclar-de-Lure", "04992", 1_150, 0.7, 2),
        ("Les Granges", "04993", 620, 0.45, 3),
    ];
    for (name, code, population, drive, seed) in communes {
        docs.push(commune(today, today_ms, name, code, population, drive, seed)?);
    }
    Ok(docs)
}

/// A larger, synthetic intercommunality for benchmarks: the demo EPCI and
/// `communes` member communes built like the demo ones (names, codes,
/// populations and drive drawn from the fixed generator).
pub fn synthetic_intercommunality(communes: usize, today_ms: i64) -> Result<Vec<Document>> {
    let today = Date::from_unix_millis(today_ms);
    let mut docs = vec![epci(today, today_ms)?];
    let mut rng = XorShift32(0x9E37_79B9);
    for i in 0..communes {
        let name = format!("Commune de test {:02}", i + 1);
        let code = format!("04{:03}", 100 + i);
        let population = 200 + (rng.next_f64() * 12_000.0) as u64;
        let drive = 0.3 + rng.next_f64() * 0.7;
        docs.push(commune(today, today_ms, &name, &code, population, drive, i as u32 + 10)?);
    }
    Ok(docs)
}

fn ctx(time_ms: i64, message: &str) -> ChangeContext {
    ChangeContext::new("Démonstration", time_ms, message)
}

/// Applies the builder's commands, then its measurements as entered by `recorded_by`.
fn finish(mut doc: Document, b: Builder, profile: Profile, recorded_by: &str, time_ms: i64) -> Result<Document> {
    doc.mark_as_demo(&ctx(time_ms, "Données de démonstration"))?;
    let mut commands = vec![Command::SetProfile(profile)];
    commands.extend(b.commands);
    doc.apply_batch(&commands, &ctx(time_ms, "Données de démonstration"))?;
    doc.apply_batch(&b.measurements, &ChangeContext::new(recorded_by, time_ms, "Mesures de démonstration"))?;
    Ok(doc)
}

fn epci(today: Date, time_ms: i64) -> Result<Document> {
    let title = "CC du Val de Lure (démonstration)";
    let doc = Document::genesis(DocKind::Workspace, new_id(), title, &ctx(time_ms, "Création de l'espace"))?;
    let mut b = Builder::new();
    let mut rng = XorShift32(0x9E37_79B9);
    let y = today.year;
    let first = y - 2;
    let director = "Directeur de la transformation numérique";

    let train = b.axis("Former les agents au numérique", "Assurer une formation des agents au numérique, cybersécurité comprise.");
    let steer = b.axis("Piloter le numérique de façon transversale", "Un directeur mutualisé, une gouvernance au niveau des directeurs.");
    let invest = b.axis("Investir dans la transformation numérique", "Consacrer les investissements nécessaires, rechercher les financements.");
    let serve = b.axis("Des services en ligne pour tous les usagers", "Démarches de bout en bout, accessibles, avec médiation.");

    let o_train = b.objective(&train, "Former 80 % des agents d'ici fin de mandat");
    let o_cyber = b.objective(&train, "Sensibiliser tous les agents à la cybersécurité");
    let o_gov = b.objective(&steer, "Installer un comité de pilotage du numérique intercommunal");
    let o_data = b.objective(&steer, "Gouverner et ouvrir les données");
    let o_infra = b.objective(&invest, "Moderniser les outils métiers mutualisés");
    let o_online = b.objective(&serve, "Dématérialiser les démarches les plus demandées");
    let o_access = b.objective(&serve, "Rendre les services accessibles (RGAA)");

    let a_portal = b.action(&o_online, "Portail citoyen intercommunal", "Relation usagers", "Arpège Citoyen (prestataire)", ActionStatus::InProgress, &format!("{first}-03-01"), &format!("{y}-06-30"));
    b.milestone(&a_portal, "Choix du prestataire", &format!("{first}-05-15"), true);
    b.milestone(&a_portal, "Ouverture des 10 premières démarches", &format!("{}-01-15", y - 1), true);
    b.milestone(&a_portal, "Raccordement FranceConnect", &format!("{y}-03-31"), false);
    b.risk(&a_portal, "Retard du connecteur avec le logiciel état civil", RiskLevel::High, "Pénalités de retard au marché ; point hebdomadaire");
    b.budget("Portail citoyen — licences et paramétrage", Section::Investment, "2051", y - 1, 48_000.0, 46_500.0, 41_000.0, &a_portal);
    b.budget("Portail citoyen — maintenance", Section::Operating, "6156", y, 9_000.0, 6_000.0, 4_500.0, &a_portal);

    let a_ged = b.action(&o_infra, "GED et parapheur électronique mutualisés", "Systèmes d'information", "Numérique Alpes (SPL)", ActionStatus::InProgress, &format!("{}-09-01", y - 1), &format!("{y}-12-15"));
    b.milestone(&a_ged, "Recette du parapheur", &format!("{y}-04-30"), false);
    b.risk(&a_ged, "Adhésion des secrétaires de mairie", RiskLevel::Medium, "Formation sur site et référents par commune");
    b.budget("GED mutualisée", Section::Investment, "2051", y, 62_000.0, 70_500.0, 38_000.0, &a_ged);

    let a_cyber = b.action(&o_cyber, "Plan de sensibilisation cybersécurité", "Ressources humaines", "", ActionStatus::Done, &format!("{first}-01-10"), &format!("{}-12-20", y - 1));
    b.budget("Sensibilisation cybersécurité", Section::Operating, "6184", y - 1, 6_000.0, 6_000.0, 6_000.0, &a_cyber);

    let a_copil = b.action(&o_gov, "Comité de pilotage numérique trimestriel", "Direction générale", "", ActionStatus::InProgress, &format!("{first}-02-01"), "");
    b.milestone(&a_copil, "Charte de gouvernance adoptée en conseil communautaire", &format!("{}-06-30", y - 1), true);

    let a_open = b.action(&o_data, "Publication des données essentielles (SCDL)", "Systèmes d'information", "", ActionStatus::Planned, &format!("{y}-09-01"), &format!("{}-06-30", y + 1));
    b.risk(&a_open, "Données personnelles dans les délibérations", RiskLevel::Medium, "Relecture par le DPO mutualisé");

    let a_rgaa = b.action(&o_access, "Audit RGAA et mise en conformité du site", "Communication", "Access42 (prestataire)", ActionStatus::Suspended, &format!("{}-03-01", y - 1), &format!("{y}-03-31"));
    b.budget("Audit d'accessibilité", Section::Operating, "617", y - 1, 8_500.0, 8_500.0, 4_250.0, &a_rgaa);
    let a_train = b.action(&o_train, "Plan de formation au numérique des agents", "Ressources humaines", "CNFPT", ActionStatus::InProgress, &format!("{first}-01-01"), &format!("{}-12-31", y + 1));
    b.budget("Formations numériques (hors CNFPT)", Section::Operating, "6184", y, 12_000.0, 7_800.0, 5_100.0, &a_train);
    b.budget("Postes de travail et visioconférence", Section::Investment, "2183", first, 35_000.0, 33_200.0, 33_200.0, "");
    b.budget("Logiciels métiers mutualisés", Section::Operating, "6156", first, 41_000.0, 40_100.0, 40_100.0, "");
    b.budget("Logiciels métiers mutualisés", Section::Operating, "6156", y - 1, 43_000.0, 42_800.0, 42_800.0, "");
    b.budget("Logiciels métiers mutualisés", Section::Operating, "6156", y, 45_000.0, 39_000.0, 30_400.0, "");

    let online = Indicator {
        baseline: Some(18.0),
        baseline_period: first.to_string(),
        target: Some(80.0),
        target_period: (y + 2).to_string(),
        threshold_good: Some(60.0),
        threshold_bad: Some(40.0),
        objective_id: o_online.clone(),
        usage: true,
        source: "Portail citoyen (statistiques)".into(),
        ..indicator("Démarches en ligne de bout en bout", "Part des démarches les plus demandées réalisables entièrement en ligne, sans déplacement ni papier.", "Services en ligne", "%", Frequency::Quarter)
    };
    indicator_with_series(&mut b, &mut rng, today, first, online, Series { start: 18.0, end: 52.0, noise: 3.0, decimals: 0 });
    let volume = Indicator {
        baseline: Some(300.0),
        target: Some(1_500.0),
        target_period: (y + 1).to_string(),
        usage: true,
        objective_id: o_online.clone(),
        source: "Portail citoyen".into(),
        ..indicator("Démarches en ligne par mois", "Nombre de démarches déposées en ligne par les usagers dans le mois.", "Usages", "nombre", Frequency::Month)
    };
    indicator_with_series(&mut b, &mut rng, today, first, volume, Series { start: 310.0, end: 1_180.0, noise: 90.0, decimals: 0 });
    let channel = Indicator {
        target: Some(60.0),
        target_period: (y + 1).to_string(),
        threshold_good: Some(50.0),
        threshold_bad: Some(35.0),
        usage: true,
        ..indicator("Part du canal numérique", "Part des demandes reçues par un canal numérique (portail, courriel) parmi toutes les demandes.", "Usages", "%", Frequency::Quarter)
    };
    indicator_with_series(&mut b, &mut rng, today, first, channel, Series { start: 28.0, end: 47.0, noise: 2.5, decimals: 0 });
    let satisfaction = Indicator {
        target: Some(8.0),
        target_period: y.to_string(),
        threshold_good: Some(7.5),
        threshold_bad: Some(6.5),
        usage: true,
        ..indicator("Satisfaction des usagers", "Note moyenne sur 10 donnée à la fin des démarches en ligne.", "Usages", "/10", Frequency::Quarter)
    };
    indicator_with_series(&mut b, &mut rng, today, first, satisfaction, Series { start: 6.6, end: 7.3, noise: 0.3, decimals: 1 });
    let availability = Indicator {
        direction: Direction::Band,
        band_low: Some(99.0),
        band_high: Some(100.0),
        ..indicator("Disponibilité des services en ligne", "Part du temps où le portail et les téléservices sont accessibles.", "Infrastructure", "%", Frequency::Month)
    };
    indicator_with_series(&mut b, &mut rng, today, first, availability, Series { start: 99.2, end: 99.6, noise: 0.5, decimals: 2 });
    let rgaa = Indicator {
        baseline: Some(35.0),
        target: Some(75.0),
        target_period: (y + 1).to_string(),
        threshold_good: Some(75.0),
        threshold_bad: Some(50.0),
        objective_id: o_access.clone(),
        ..indicator("Taux de conformité RGAA du site", "Part des critères du RGAA 4.1 respectés, mesurée par audit.", "Accessibilité", "%", Frequency::Year)
    };
    indicator_with_series(&mut b, &mut rng, today, first, rgaa, Series { start: 35.0, end: 48.0, noise: 1.0, decimals: 0 });
    let trained = Indicator {
        baseline: Some(12.0),
        target: Some(80.0),
        target_period: (y + 2).to_string(),
        threshold_good: Some(50.0),
        threshold_bad: Some(30.0),
        objective_id: o_train.clone(),
        ..indicator("Agents formés au numérique", "Part des agents ayant suivi au moins une formation au numérique dans les trois dernières années.", "Formation", "%", Frequency::Year)
    };
    indicator_with_series(&mut b, &mut rng, today, first, trained, Series { start: 12.0, end: 46.0, noise: 2.0, decimals: 0 });
    let execution = Indicator {
        target: Some(85.0),
        target_period: y.to_string(),
        threshold_good: Some(80.0),
        threshold_bad: Some(60.0),
        ..indicator("Taux d'exécution des crédits numériques", "Crédits mandatés rapportés aux crédits votés pour le numérique.", "Finances", "%", Frequency::Year)
    };
    indicator_with_series(&mut b, &mut rng, today, first, execution, Series { start: 72.0, end: 81.0, noise: 3.0, decimals: 0 });
    let budget_per_hab = Indicator {
        direction: Direction::Up,
        target: Some(25.0),
        target_period: (y + 1).to_string(),
        ..indicator("Budget numérique par habitant", "Dépenses numériques (investissement et fonctionnement) rapportées à la population.", "Finances", "€/hab", Frequency::Year)
    };
    indicator_with_series(&mut b, &mut rng, today, first, budget_per_hab, Series { start: 14.5, end: 19.5, noise: 0.8, decimals: 1 });
    let response = Indicator {
        direction: Direction::Down,
        baseline: Some(12.0),
        target: Some(5.0),
        target_period: (y + 1).to_string(),
        threshold_good: Some(6.0),
        threshold_bad: Some(9.0),
        usage: true,
        ..indicator("Délai de réponse aux demandes en ligne", "Délai moyen en jours ouvrés entre le dépôt d'une demande en ligne et la réponse.", "Usages", "jours", Frequency::Quarter)
    };
    indicator_with_series(&mut b, &mut rng, today, first, response, Series { start: 12.0, end: 8.0, noise: 0.8, decimals: 1 });
    // A monthly indicator whose current period is still to be measured.
    let franceconnect = Indicator {
        target: Some(40.0),
        target_period: (y + 1).to_string(),
        usage: true,
        ..indicator("Démarches via FranceConnect", "Part des démarches en ligne où l'usager s'est identifié avec FranceConnect.", "Services en ligne", "%", Frequency::Month)
    };
    indicator_with_series(&mut b, &mut rng, today, y - 1, franceconnect, Series { start: 8.0, end: 24.0, noise: 2.0, decimals: 0 });

    for (year, trained, total, cyber) in [(first, 18, 140, false), (first, 52, 140, true), (y - 1, 31, 146, false), (y - 1, 40, 146, true), (y, 22, 150, false)] {
        b.create(Entity::Training(TrainingRecord {
            theme: if cyber { "Cybersécurité : les bons réflexes".into() } else { "Outils collaboratifs et démarches en ligne".into() },
            year: year as i64,
            agents_trained: trained,
            total_agents: total,
            cybersecurity: cyber,
        }));
    }
    for (name, owner, personal, open, licence, freq) in [
        ("Délibérations du conseil communautaire", "Secrétariat général", false, OpenDataStatus::Published, "Licence Ouverte 2.0", "Mensuelle"),
        ("Budget primitif et compte administratif (SCDL)", "Finances", false, OpenDataStatus::Planned, "Licence Ouverte 2.0", "Annuelle"),
        ("Registre des traitements RGPD", "DPO mutualisé", false, OpenDataStatus::NotPlanned, "", "Au fil de l'eau"),
        ("Fichier des usagers du portail", "Relation usagers", true, OpenDataStatus::NotPlanned, "", "Quotidienne"),
        ("Lieux de médiation numérique", "Action sociale", false, OpenDataStatus::Published, "Licence Ouverte 2.0", "Semestrielle"),
    ] {
        b.create(Entity::Dataset(Dataset {
            name: name.into(),
            owner: owner.into(),
            personal_data: personal,
            open_data: open,
            licence: licence.into(),
            update_frequency: freq.into(),
            ..Default::default()
        }));
    }
    b.create(Entity::Assessment(assessment(&format!("{first}-03-15"), [1, 1, 0, 1, 1], director)));
    b.create(Entity::Assessment(assessment(&format!("{}-03-20", y - 1), [3, 2, 1, 2, 2], director)));
    b.create(Entity::Assessment(assessment(&format!("{y}-03-18"), [4, 3, 2, 2, 3], director)));

    let profile = Profile {
        name: "Communauté de communes du Val de Lure".into(),
        kind: CollectivityKind::Epci,
        code: "200099901".into(),
        population: 12_460,
        epci_code: String::new(),
        epci_name: String::new(),
    };
    finish(doc, b, profile, director, time_ms)
}

fn commune(today: Date, time_ms: i64, name: &str, code: &str, population: u64, drive: f64, seed: u32) -> Result<Document> {
    let title = format!("{name} (démonstration)");
    let doc = Document::genesis(DocKind::Workspace, new_id(), &title, &ctx(time_ms, "Création de l'espace"))?;
    let mut b = Builder::new();
    let mut rng = XorShift32(0x9E37_79B9 ^ seed.wrapping_mul(0x85EB_CA6B));
    let y = today.year;
    let first = y - 2;
    let secretary = format!("Secrétaire de mairie de {name}");
    let axis = b.axis("Des démarches simples pour les habitants", "");
    let objective = b.objective(&axis, "Proposer les démarches courantes en ligne");
    let action = b.action(&objective, "Raccordement au portail citoyen intercommunal", "Secrétariat de mairie", "Arpège Citoyen (prestataire)", if drive > 0.6 { ActionStatus::InProgress } else { ActionStatus::Planned }, &format!("{}-01-01", y - 1), &format!("{y}-12-31"));
    b.budget("Quote-part portail citoyen", Section::Operating, "6558", y, population as f64 * 1.2, population as f64 * 1.2, population as f64 * 0.6, &action);
    b.budget("Renouvellement des postes", Section::Investment, "2183", y - 1, 4_000.0 + population as f64, 3_800.0 + population as f64, 3_800.0 + population as f64, "");
    let online = Indicator {
        target: Some(70.0),
        target_period: (y + 2).to_string(),
        threshold_good: Some(50.0),
        threshold_bad: Some(30.0),
        usage: true,
        ..indicator("Démarches en ligne de bout en bout", "Part des démarches les plus demandées réalisables entièrement en ligne.", "Services en ligne", "%", Frequency::Year)
    };
    indicator_with_series(&mut b, &mut rng, today, first, online, Series { start: 10.0, end: 10.0 + 45.0 * drive, noise: 3.0, decimals: 0 });
    let trained = Indicator {
        target: Some(80.0),
        target_period: (y + 2).to_string(),
        threshold_good: Some(50.0),
        threshold_bad: Some(30.0),
        ..indicator("Agents formés au numérique", "Part des agents formés au numérique dans les trois dernières années.", "Formation", "%", Frequency::Year)
    };
    indicator_with_series(&mut b, &mut rng, today, first, trained, Series { start: 5.0, end: 5.0 + 50.0 * drive, noise: 4.0, decimals: 0 });
    let per_hab = Indicator {
        target: Some(20.0),
        target_period: (y + 1).to_string(),
        ..indicator("Budget numérique par habitant", "Dépenses numériques rapportées à la population.", "Finances", "€/hab", Frequency::Year)
    };
    indicator_with_series(&mut b, &mut rng, today, first, per_hab, Series { start: 6.0, end: 6.0 + 12.0 * drive, noise: 1.0, decimals: 1 });
    let volume = Indicator {
        usage: true,
        ..indicator("Démarches en ligne par mois", "Nombre de démarches déposées en ligne dans le mois.", "Usages", "nombre", Frequency::Month)
    };
    let per_month = population as f64 / 100.0;
    indicator_with_series(&mut b, &mut rng, today, y - 1, volume, Series { start: per_month * 0.5, end: per_month * (1.0 + 2.0 * drive), noise: per_month * 0.2, decimals: 0 });
    let agents = (population / 120).max(3);
    b.create(Entity::Training(TrainingRecord {
        theme: "Cybersécurité : les bons réflexes".into(),
        year: (y - 1) as i64,
        agents_trained: ((agents as f64) * drive).round() as u64,
        total_agents: agents,
        cybersecurity: true,
    }));
    let level = |x: f64| ((x * drive).round() as u64).min(4);
    b.create(Entity::Assessment(assessment(&format!("{}-04-02", y - 1), [level(1.5), level(1.0), 0, level(1.0), level(1.5)], &secretary)));
    b.create(Entity::Assessment(assessment(&format!("{y}-04-05"), [level(3.5), level(2.5), level(1.0), level(2.0), level(3.0)], &secretary)));
    let profile = Profile {
        name: name.into(),
        kind: CollectivityKind::Commune,
        code: code.into(),
        population,
        epci_code: "200099901".into(),
        epci_name: "Communauté de communes du Val de Lure".into(),
    };
    finish(doc, b, profile, &secretary, time_ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_is_an_epci_and_three_communes_with_years_of_data() {
        let today_ms = 1_795_897_288_000; // 28/11/2026
        let docs = demo_documents(today_ms).unwrap();
        assert_eq!(docs.len(), 4);
        let epci = docs[0].workspace().unwrap();
        assert!(epci.meta.demo);
        assert_eq!(epci.profile.kind, CollectivityKind::Epci);
        assert!(epci.indicators.len() >= 10);
        assert!(epci.actions.len() >= 6);
        let volume = epci.indicators.iter().find(|(_, i)| i.name == "Démarches en ligne par mois").unwrap().0;
        let months = &epci.measurements[volume];
        assert!(months.len() >= 30, "about three years of monthly values");
        assert_eq!(months.keys().last().unwrap(), "2026-10", "ends at the last complete period");
        for commune in &docs[1..] {
            let ws = commune.workspace().unwrap();
            assert_eq!(ws.profile.epci_code, epci.profile.code);
            assert!(ws.meta.demo);
        }
        // Every demo load is a new set of documents (one genesis each).
        let again = demo_documents(today_ms).unwrap();
        assert_ne!(again[0].id(), docs[0].id());
    }
}
