//! A demo member commune, its figures drawn from its size and « drive ».

use crate::model::command::Entity;
use crate::model::content::demo::builder::{
    assessment, ctx, finish, indicator, indicator_with_series, round_ten, Builder, Series,
};
use crate::model::content::demo::random::XorShift32;
use crate::model::document::core::Document;
use crate::model::error::Result;
use crate::model::kinds::capacity::TrainingRecord;
use crate::model::kinds::collectivity::{CollectivityKind, Profile};
use crate::model::kinds::finances::Section;
use crate::model::kinds::ids::new_id;
use crate::model::kinds::indicator::Indicator;
use crate::model::kinds::meta::DocKind;
use crate::model::kinds::strategy::ActionStatus;
use crate::model::values::period::{Date, Frequency};

pub(super) fn commune(
    today: Date,
    time_ms: i64,
    name: &str,
    code: &str,
    population: u64,
    drive: f64,
    seed: u32,
) -> Result<Document> {
    let title = format!("{name} (démonstration)");
    let doc = Document::genesis(DocKind::Workspace, new_id(), &title, &ctx(time_ms, "Création de l'espace"))?;
    let mut b = Builder::new();
    let mut rng = XorShift32(0x9E37_79B9 ^ seed.wrapping_mul(0x85EB_CA6B));
    let y = today.year;
    let first = y - 2;
    let secretary = format!("Secrétaire de mairie de {name}");
    let axis = b.axis("Des démarches simples pour les habitants", "");
    let objective = b.objective(&axis, "Proposer les démarches courantes en ligne");
    let action = b.action(
        &objective,
        "Raccordement au portail citoyen intercommunal",
        "Secrétariat de mairie",
        "Arpège Citoyen (prestataire)",
        if drive > 0.6 { ActionStatus::InProgress } else { ActionStatus::Planned },
        &format!("{}-01-01", y - 1),
        &format!("{y}-12-31"),
    );
    // The money, year by year: the budget per inhabitant grows with the
    // commune's drive; the portal's share is paid from the year it starts.
    let pop = population as f64;
    for year in first..=y {
        let t = (year - first) as f64 / (y - first) as f64;
        let total = pop * (6.0 + 12.0 * drive * t);
        let portal = if year >= y - 1 { round_ten(pop * 1.2) } else { 0.0 };
        let software = round_ten((total - portal) * 0.55);
        let hardware = round_ten(total - portal - software);
        // Past years are executed; the current one only partly.
        let (committed, paid) = if year < y { (0.97, 0.95) } else { (0.8, 0.4 + 0.3 * drive) };
        if portal > 0.0 {
            b.budget(
                "Quote-part portail citoyen",
                Section::Operating,
                "6558",
                year,
                portal,
                portal,
                round_ten(portal * paid),
                &action,
            );
        }
        b.budget(
            "Logiciels métiers et maintenance",
            Section::Operating,
            "6156",
            year,
            software,
            round_ten(software * committed),
            round_ten(software * paid),
            "",
        );
        b.budget(
            "Renouvellement des postes",
            Section::Investment,
            "2183",
            year,
            hardware,
            round_ten(hardware * committed),
            round_ten(hardware * paid),
            "",
        );
    }
    let online = Indicator {
        target: Some(70.0),
        target_period: (y + 2).to_string(),
        threshold_good: Some(50.0),
        threshold_bad: Some(30.0),
        usage: true,
        ..indicator(
            "Démarches en ligne de bout en bout",
            "Part des démarches les plus demandées réalisables entièrement en ligne.",
            "Services en ligne",
            "%",
            Frequency::Year,
        )
    };
    indicator_with_series(
        &mut b,
        &mut rng,
        today,
        first,
        online,
        Series { start: 10.0, end: 10.0 + 45.0 * drive, noise: 3.0, decimals: 0 },
    );
    let trained = Indicator {
        target: Some(80.0),
        target_period: (y + 2).to_string(),
        threshold_good: Some(50.0),
        threshold_bad: Some(30.0),
        ..indicator(
            "Agents formés au numérique",
            "Part des agents formés au numérique dans les trois dernières années.",
            "Formation",
            "%",
            Frequency::Year,
        )
    };
    indicator_with_series(
        &mut b,
        &mut rng,
        today,
        first,
        trained,
        Series { start: 5.0, end: 5.0 + 50.0 * drive, noise: 4.0, decimals: 0 },
    );
    let per_hab = Indicator {
        target: Some(20.0),
        target_period: (y + 1).to_string(),
        ..indicator(
            "Budget numérique par habitant",
            "Crédits votés pour le numérique (investissement et fonctionnement) rapportés à la population.",
            "Finances",
            "€/hab",
            Frequency::Year,
        )
    };
    // Computed from the budget lines above, the current year's vote included.
    b.budget_indicator(per_hab, first..=y, 2, |t| t.per_inhabitant(population));
    let volume = Indicator {
        usage: true,
        ..indicator(
            "Démarches en ligne par mois",
            "Nombre de démarches déposées en ligne dans le mois.",
            "Usages",
            "nombre",
            Frequency::Month,
        )
    };
    let per_month = population as f64 / 100.0;
    indicator_with_series(
        &mut b,
        &mut rng,
        today,
        y - 1,
        volume,
        Series { start: per_month * 0.5, end: per_month * (1.0 + 2.0 * drive), noise: per_month * 0.2, decimals: 0 },
    );
    let agents = (population / 120).max(3);
    b.create(Entity::Training(TrainingRecord {
        theme: "Cybersécurité : les bons réflexes".into(),
        year: (y - 1) as i64,
        agents_trained: ((agents as f64) * drive).round() as u64,
        total_agents: agents,
        cybersecurity: true,
    }));
    b.create(Entity::Training(TrainingRecord {
        theme: "Outils numériques du quotidien".into(),
        year: y as i64,
        agents_trained: ((agents as f64) * drive * 0.6).round() as u64,
        total_agents: agents,
        cybersecurity: false,
    }));
    let level = |x: f64| ((x * drive).round() as u64).min(4);
    b.create(Entity::Assessment(assessment(
        &format!("{}-04-02", y - 1),
        [level(1.5), level(1.0), 0, level(1.0), level(1.5)],
        &secretary,
    )));
    b.create(Entity::Assessment(assessment(
        &format!("{y}-04-05"),
        [level(3.5), level(2.5), level(1.0), level(2.0), level(3.0)],
        &secretary,
    )));
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
