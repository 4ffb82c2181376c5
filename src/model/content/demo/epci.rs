//! The demo intercommunality itself: « CC du Val de Lure ».

use crate::model::command::Entity;
use crate::model::content::demo::builder::{
    assessment, ctx, finish, indicator, indicator_with_series, Builder, Series,
};
use crate::model::content::demo::random::XorShift32;
use crate::model::document::core::Document;
use crate::model::error::Result;
use crate::model::kinds::capacity::{Dataset, OpenDataStatus, TrainingRecord};
use crate::model::kinds::collectivity::{CollectivityKind, Profile};
use crate::model::kinds::finances::Section;
use crate::model::kinds::ids::new_id;
use crate::model::kinds::indicator::{Direction, Indicator};
use crate::model::kinds::meta::DocKind;
use crate::model::kinds::strategy::{ActionStatus, RiskLevel};
use crate::model::values::period::{Date, Frequency};

/// Inhabitants of the demo intercommunality.
const POPULATION: u64 = 12_460;

pub(super) fn epci(today: Date, time_ms: i64) -> Result<Document> {
    let title = "CC du Val de Lure (démonstration)";
    let doc = Document::genesis(DocKind::Workspace, new_id(), title, &ctx(time_ms, "Création de l'espace"))?;
    let mut b = Builder::new();
    let mut rng = XorShift32(0x9E37_79B9);
    let y = today.year;
    let first = y - 2;
    let director = "Directeur de la transformation numérique";

    let train = b.axis(
        "Former les agents au numérique",
        "Assurer une formation des agents au numérique, cybersécurité comprise.",
    );
    let steer = b.axis(
        "Piloter le numérique de façon transversale",
        "Un directeur mutualisé, une gouvernance au niveau des directeurs.",
    );
    let invest = b.axis(
        "Investir dans la transformation numérique",
        "Consacrer les investissements nécessaires, rechercher les financements.",
    );
    let serve = b
        .axis("Des services en ligne pour tous les usagers", "Démarches de bout en bout, accessibles, avec médiation.");

    let o_train = b.objective(&train, "Former 80 % des agents d'ici fin de mandat");
    let o_cyber = b.objective(&train, "Sensibiliser tous les agents à la cybersécurité");
    let o_gov = b.objective(&steer, "Installer un comité de pilotage du numérique intercommunal");
    let o_data = b.objective(&steer, "Gouverner et ouvrir les données");
    let o_infra = b.objective(&invest, "Moderniser les outils métiers mutualisés");
    let o_online = b.objective(&serve, "Dématérialiser les démarches les plus demandées");
    let o_access = b.objective(&serve, "Rendre les services accessibles (RGAA)");

    let a_portal = b.action(
        &o_online,
        "Portail citoyen intercommunal",
        "Relation usagers",
        "Arpège Citoyen (prestataire)",
        ActionStatus::InProgress,
        &format!("{first}-03-01"),
        &format!("{y}-06-30"),
    );
    b.milestone(&a_portal, "Choix du prestataire", &format!("{first}-05-15"), true);
    b.milestone(&a_portal, "Ouverture des 10 premières démarches", &format!("{}-01-15", y - 1), true);
    b.milestone(&a_portal, "Raccordement FranceConnect", &format!("{y}-03-31"), false);
    b.risk(
        &a_portal,
        "Retard du connecteur avec le logiciel état civil",
        RiskLevel::High,
        "Pénalités de retard au marché ; point hebdomadaire",
    );
    b.budget(
        "Portail citoyen — licences et paramétrage",
        Section::Investment,
        "2051",
        y - 1,
        48_000.0,
        46_500.0,
        41_000.0,
        &a_portal,
    );
    b.budget("Portail citoyen — maintenance", Section::Operating, "6156", y, 9_000.0, 6_000.0, 4_500.0, &a_portal);

    let a_ged = b.action(
        &o_infra,
        "GED et parapheur électronique mutualisés",
        "Systèmes d'information",
        "Numérique Alpes (SPL)",
        ActionStatus::InProgress,
        &format!("{}-09-01", y - 1),
        &format!("{y}-12-15"),
    );
    b.milestone(&a_ged, "Recette du parapheur", &format!("{y}-04-30"), false);
    b.risk(
        &a_ged,
        "Adhésion des secrétaires de mairie",
        RiskLevel::Medium,
        "Formation sur site et référents par commune",
    );
    b.budget("GED mutualisée", Section::Investment, "2051", y, 62_000.0, 70_500.0, 38_000.0, &a_ged);

    let a_cyber = b.action(
        &o_cyber,
        "Plan de sensibilisation cybersécurité",
        "Ressources humaines",
        "",
        ActionStatus::Done,
        &format!("{first}-01-10"),
        &format!("{}-12-20", y - 1),
    );
    b.budget("Sensibilisation cybersécurité", Section::Operating, "6184", y - 1, 6_000.0, 6_000.0, 6_000.0, &a_cyber);

    let a_copil = b.action(
        &o_gov,
        "Comité de pilotage numérique trimestriel",
        "Direction générale",
        "",
        ActionStatus::InProgress,
        &format!("{first}-02-01"),
        "",
    );
    b.milestone(&a_copil, "Charte de gouvernance adoptée en conseil communautaire", &format!("{}-06-30", y - 1), true);

    let a_open = b.action(
        &o_data,
        "Publication des données essentielles (SCDL)",
        "Systèmes d'information",
        "",
        ActionStatus::Planned,
        &format!("{y}-09-01"),
        &format!("{}-06-30", y + 1),
    );
    b.risk(&a_open, "Données personnelles dans les délibérations", RiskLevel::Medium, "Relecture par le DPO mutualisé");

    let a_rgaa = b.action(
        &o_access,
        "Audit RGAA et mise en conformité du site",
        "Communication",
        "Access42 (prestataire)",
        ActionStatus::Suspended,
        &format!("{}-03-01", y - 1),
        &format!("{y}-03-31"),
    );
    b.budget("Audit d'accessibilité", Section::Operating, "617", y - 1, 8_500.0, 8_500.0, 4_250.0, &a_rgaa);
    let a_train = b.action(
        &o_train,
        "Plan de formation au numérique des agents",
        "Ressources humaines",
        "CNFPT",
        ActionStatus::InProgress,
        &format!("{first}-01-01"),
        &format!("{}-12-31", y + 1),
    );
    b.budget("Formations numériques (hors CNFPT)", Section::Operating, "6184", y, 12_000.0, 7_800.0, 5_100.0, &a_train);
    b.budget(
        "Postes de travail et visioconférence",
        Section::Investment,
        "2183",
        first,
        35_000.0,
        33_200.0,
        33_200.0,
        "",
    );
    b.budget("Logiciels métiers mutualisés", Section::Operating, "6156", first, 41_000.0, 40_100.0, 40_100.0, "");
    b.budget("Logiciels métiers mutualisés", Section::Operating, "6156", y - 1, 43_000.0, 42_800.0, 42_800.0, "");
    b.budget("Logiciels métiers mutualisés", Section::Operating, "6156", y, 45_000.0, 39_000.0, 30_400.0, "");
    for (year, hosting_paid, network, network_committed, network_paid) in [
        (first, 50_400.0, 48_000.0, 30_000.0, 6_500.0),
        (y - 1, 53_900.0, 62_000.0, 48_000.0, 30_000.0),
        (y, 43_500.0, 70_000.0, 52_000.0, 21_000.0),
    ] {
        let hosting = [52_000.0, 55_000.0, 58_000.0][(year - first) as usize];
        let committed = if year < y { hosting_paid } else { hosting };
        b.budget(
            "Hébergement et télécommunications",
            Section::Operating,
            "6262",
            year,
            hosting,
            committed,
            hosting_paid,
            "",
        );
        b.budget(
            "Équipements réseau et sécurité",
            Section::Investment,
            "2183",
            year,
            network,
            network_committed,
            network_paid,
            "",
        );
    }

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
        ..indicator(
            "Démarches en ligne de bout en bout",
            "Part des démarches les plus demandées réalisables entièrement en ligne, sans déplacement ni papier.",
            "Services en ligne",
            "%",
            Frequency::Quarter,
        )
    };
    indicator_with_series(
        &mut b,
        &mut rng,
        today,
        first,
        online,
        Series { start: 18.0, end: 52.0, noise: 3.0, decimals: 0 },
    );
    let volume = Indicator {
        baseline: Some(300.0),
        target: Some(1_500.0),
        target_period: (y + 1).to_string(),
        usage: true,
        objective_id: o_online.clone(),
        source: "Portail citoyen".into(),
        ..indicator(
            "Démarches en ligne par mois",
            "Nombre de démarches déposées en ligne par les usagers dans le mois.",
            "Usages",
            "nombre",
            Frequency::Month,
        )
    };
    indicator_with_series(
        &mut b,
        &mut rng,
        today,
        first,
        volume,
        Series { start: 310.0, end: 1_180.0, noise: 90.0, decimals: 0 },
    );
    let channel = Indicator {
        target: Some(60.0),
        target_period: (y + 1).to_string(),
        threshold_good: Some(50.0),
        threshold_bad: Some(35.0),
        usage: true,
        ..indicator(
            "Part du canal numérique",
            "Part des demandes reçues par un canal numérique (portail, courriel) parmi toutes les demandes.",
            "Usages",
            "%",
            Frequency::Quarter,
        )
    };
    indicator_with_series(
        &mut b,
        &mut rng,
        today,
        first,
        channel,
        Series { start: 28.0, end: 47.0, noise: 2.5, decimals: 0 },
    );
    let satisfaction = Indicator {
        target: Some(8.0),
        target_period: y.to_string(),
        threshold_good: Some(7.5),
        threshold_bad: Some(6.5),
        usage: true,
        ..indicator(
            "Satisfaction des usagers",
            "Note moyenne sur 10 donnée à la fin des démarches en ligne.",
            "Usages",
            "/10",
            Frequency::Quarter,
        )
    };
    indicator_with_series(
        &mut b,
        &mut rng,
        today,
        first,
        satisfaction,
        Series { start: 6.6, end: 7.3, noise: 0.3, decimals: 1 },
    );
    let availability = Indicator {
        direction: Direction::Band,
        band_low: Some(99.0),
        band_high: Some(100.0),
        ..indicator(
            "Disponibilité des services en ligne",
            "Part du temps où le portail et les téléservices sont accessibles.",
            "Infrastructure",
            "%",
            Frequency::Month,
        )
    };
    indicator_with_series(
        &mut b,
        &mut rng,
        today,
        first,
        availability,
        Series { start: 99.2, end: 99.6, noise: 0.5, decimals: 2 },
    );
    let rgaa = Indicator {
        baseline: Some(35.0),
        target: Some(75.0),
        target_period: (y + 1).to_string(),
        threshold_good: Some(75.0),
        threshold_bad: Some(50.0),
        objective_id: o_access.clone(),
        ..indicator(
            "Taux de conformité RGAA du site",
            "Part des critères du RGAA 4.1 respectés, mesurée par audit.",
            "Accessibilité",
            "%",
            Frequency::Year,
        )
    };
    indicator_with_series(
        &mut b,
        &mut rng,
        today,
        first,
        rgaa,
        Series { start: 35.0, end: 48.0, noise: 1.0, decimals: 0 },
    );
    let trained = Indicator {
        baseline: Some(12.0),
        target: Some(80.0),
        target_period: (y + 2).to_string(),
        threshold_good: Some(50.0),
        threshold_bad: Some(30.0),
        objective_id: o_train.clone(),
        ..indicator(
            "Agents formés au numérique",
            "Part des agents ayant suivi au moins une formation au numérique dans les trois dernières années.",
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
        Series { start: 12.0, end: 46.0, noise: 2.0, decimals: 0 },
    );
    // The money indicators are computed from the budget lines above, so the
    // report's charts and its budget tables agree.
    let execution = Indicator {
        target: Some(85.0),
        target_period: y.to_string(),
        threshold_good: Some(80.0),
        threshold_bad: Some(60.0),
        ..indicator(
            "Taux d'exécution des crédits numériques",
            "Crédits mandatés rapportés aux crédits votés pour le numérique, sur une année close.",
            "Finances",
            "%",
            Frequency::Year,
        )
    };
    b.budget_indicator(execution, first..=y - 1, 0, |t| t.execution_rate().map(|r| r * 100.0));
    let budget_per_hab = Indicator {
        direction: Direction::Up,
        target: Some(25.0),
        target_period: (y + 1).to_string(),
        ..indicator(
            "Budget numérique par habitant",
            "Crédits votés pour le numérique (investissement et fonctionnement) rapportés à la population.",
            "Finances",
            "€/hab",
            Frequency::Year,
        )
    };
    b.budget_indicator(budget_per_hab, first..=y, 2, |t| t.per_inhabitant(POPULATION));
    let response = Indicator {
        direction: Direction::Down,
        baseline: Some(12.0),
        target: Some(5.0),
        target_period: (y + 1).to_string(),
        threshold_good: Some(6.0),
        threshold_bad: Some(9.0),
        usage: true,
        ..indicator(
            "Délai de réponse aux demandes en ligne",
            "Délai moyen en jours ouvrés entre le dépôt d'une demande en ligne et la réponse.",
            "Usages",
            "jours",
            Frequency::Quarter,
        )
    };
    indicator_with_series(
        &mut b,
        &mut rng,
        today,
        first,
        response,
        Series { start: 12.0, end: 8.0, noise: 0.8, decimals: 1 },
    );
    // A monthly indicator whose current period is still to be measured.
    let franceconnect = Indicator {
        target: Some(40.0),
        target_period: (y + 1).to_string(),
        usage: true,
        ..indicator(
            "Démarches via FranceConnect",
            "Part des démarches en ligne où l'usager s'est identifié avec FranceConnect.",
            "Services en ligne",
            "%",
            Frequency::Month,
        )
    };
    indicator_with_series(
        &mut b,
        &mut rng,
        today,
        y - 1,
        franceconnect,
        Series { start: 8.0, end: 24.0, noise: 2.0, decimals: 0 },
    );

    for (year, trained, total, cyber) in [
        (first, 18, 140, false),
        (first, 52, 140, true),
        (y - 1, 31, 146, false),
        (y - 1, 40, 146, true),
        (y, 22, 150, false),
    ] {
        b.create(Entity::Training(TrainingRecord {
            theme: if cyber {
                "Cybersécurité : les bons réflexes".into()
            } else {
                "Outils collaboratifs et démarches en ligne".into()
            },
            year: year as i64,
            agents_trained: trained,
            total_agents: total,
            cybersecurity: cyber,
        }));
    }
    for (name, owner, personal, open, licence, freq) in [
        (
            "Délibérations du conseil communautaire",
            "Secrétariat général",
            false,
            OpenDataStatus::Published,
            "Licence Ouverte 2.0",
            "Mensuelle",
        ),
        (
            "Budget primitif et compte administratif (SCDL)",
            "Finances",
            false,
            OpenDataStatus::Planned,
            "Licence Ouverte 2.0",
            "Annuelle",
        ),
        ("Registre des traitements RGPD", "DPO mutualisé", false, OpenDataStatus::NotPlanned, "", "Au fil de l'eau"),
        ("Fichier des usagers du portail", "Relation usagers", true, OpenDataStatus::NotPlanned, "", "Quotidienne"),
        (
            "Lieux de médiation numérique",
            "Action sociale",
            false,
            OpenDataStatus::Published,
            "Licence Ouverte 2.0",
            "Semestrielle",
        ),
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
        population: POPULATION,
        epci_code: String::new(),
        epci_name: String::new(),
    };
    finish(doc, b, profile, director, time_ms)
}
