//! A demo member commune, its figures drawn from its size and « drive ».

use crate::model::command::Entity;
use crate::model::content::demo::builder::{
    assessment, ctx, finish, indicator, indicator_with_series, Builder, Series,
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
    b.budget(
        "Quote-part portail citoyen",
        Section::Operating,
        "6558",
        y,
        population as f64 * 1.2,
        population as f64 * 1.2,
        population as f64 * 0.6,
        &action,
    );
    b.budget(
        "Renouvellement des postes",
        Section::Investment,
        "2183",
        y - 1,
        4_000.0 + population as f64,
        3_800.0 + population as f64,
        3_800.0 + population as f64,
        "",
    );
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
            "Dépenses numériques rapportées à la population.",
            "Finances",
            "€/hab",
            Frequency::Year,
        )
    };
    indicator_with_series(
        &mut b,
        &mut rng,
        today,
        first,
        per_hab,
        Series { start: 6.0, end: 6.0 + 12.0 * drive, noise: 1.0, decimals: 1 },
    );
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
