//! The built-in starter templates, written for Gouvernail from the typical
//! indicators of DESIGN.md and the seed's three conditions (train the staff,
//! steer digital transversally, invest). A director creates them in their
//! browser, adapts them, and publishes them to the towns they sponsor.

use crate::model::analysis::maturity::BUILT_IN_QUESTIONS;
use crate::model::command::{ChangeContext, Command, Entity};
use crate::model::document::core::Document;
use crate::model::error::Result;
use crate::model::kinds::ids::new_id;
use crate::model::kinds::indicator::{Direction, Indicator};
use crate::model::kinds::meta::DocKind;
use crate::model::kinds::strategy::{Action, Axis, Objective};
use crate::model::kinds::template::{TemplateInfo, TemplateKind};
use crate::model::kinds::texts::{Question, TextBlock};
use crate::model::values::period::Frequency;

/// (name, definition, category, unit, direction, frequency, suggested target, good, bad)
type Def = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Direction,
    Frequency,
    Option<f64>,
    Option<f64>,
    Option<f64>,
);

const INDICATORS: [Def; 20] = [
    ("Démarches en ligne de bout en bout", "Part des démarches les plus demandées que l'usager peut accomplir entièrement en ligne, sans déplacement ni papier.", "Services en ligne", "%", Direction::Up, Frequency::Quarter, Some(80.0), Some(60.0), Some(40.0)),
    ("Part du canal numérique", "Part des demandes des usagers reçues par un canal numérique (portail, courriel, formulaire) parmi toutes les demandes.", "Usages", "%", Direction::Up, Frequency::Quarter, Some(60.0), Some(50.0), Some(30.0)),
    ("Démarches en ligne par mois", "Nombre de démarches déposées en ligne par les usagers au cours du mois.", "Usages", "nombre", Direction::Up, Frequency::Month, None, None, None),
    ("Satisfaction des usagers", "Note moyenne sur 10 donnée par les usagers à la fin de leurs démarches en ligne.", "Usages", "/10", Direction::Up, Frequency::Quarter, Some(8.0), Some(7.5), Some(6.5)),
    ("Démarches via FranceConnect", "Part des démarches en ligne où l'usager s'est identifié avec FranceConnect.", "Services en ligne", "%", Direction::Up, Frequency::Month, Some(40.0), None, None),
    ("Taux de conformité RGAA", "Part des critères du référentiel général d'amélioration de l'accessibilité (RGAA 4) respectés par le site, mesurée par audit.", "Accessibilité", "%", Direction::Up, Frequency::Year, Some(75.0), Some(75.0), Some(50.0)),
    ("Disponibilité des services en ligne", "Part du temps pendant lequel le site et les téléservices sont accessibles aux usagers.", "Infrastructure", "%", Direction::Band, Frequency::Month, None, None, None),
    ("Budget numérique par habitant", "Dépenses consacrées au numérique (investissement et fonctionnement) rapportées à la population.", "Finances", "€/hab", Direction::Up, Frequency::Year, None, None, None),
    ("Part du numérique dans le budget de fonctionnement", "Dépenses numériques de fonctionnement rapportées aux dépenses réelles de fonctionnement.", "Finances", "%", Direction::Up, Frequency::Year, None, None, None),
    ("Taux d'exécution des crédits numériques", "Crédits mandatés rapportés aux crédits votés pour le numérique dans l'année.", "Finances", "%", Direction::Up, Frequency::Year, Some(85.0), Some(80.0), Some(60.0)),
    ("Financements externes obtenus", "Montant des subventions et financements extérieurs obtenus pour des projets numériques dans l'année.", "Finances", "€", Direction::Up, Frequency::Year, None, None, None),
    ("Projets numériques dans les délais", "Part des projets numériques en cours ou terminés qui respectent leur échéance.", "Pilotage", "%", Direction::Up, Frequency::Quarter, Some(80.0), Some(75.0), Some(50.0)),
    ("Projets numériques dans le budget", "Part des projets numériques dont les crédits engagés restent dans les crédits votés.", "Pilotage", "%", Direction::Up, Frequency::Quarter, Some(90.0), Some(80.0), Some(60.0)),
    ("Agents formés au numérique", "Part des agents ayant suivi au moins une formation au numérique au cours des trois dernières années.", "Formation", "%", Direction::Up, Frequency::Year, Some(80.0), Some(50.0), Some(30.0)),
    ("Agents formés à la cybersécurité", "Part des agents sensibilisés ou formés à la cybersécurité au cours des deux dernières années.", "Formation", "%", Direction::Up, Frequency::Year, Some(100.0), Some(70.0), Some(40.0)),
    ("Logiciels métiers en ligne", "Part des logiciels métiers utilisés en mode hébergé (SaaS ou mutualisé) plutôt qu'installés sur un poste.", "Infrastructure", "%", Direction::Up, Frequency::Year, None, None, None),
    ("Jeux de données ouverts publiés", "Nombre de jeux de données publiés en open data, dont les données essentielles au format SCDL.", "Données", "nombre", Direction::Up, Frequency::Year, None, None, None),
    ("Registre RGPD à jour", "Part des traitements de données personnelles inscrits au registre et revus dans l'année.", "Données", "%", Direction::Up, Frequency::Year, Some(100.0), Some(90.0), Some(60.0)),
    ("Lieux de médiation numérique", "Nombre de lieux où les habitants peuvent être accompagnés dans leurs démarches en ligne.", "Inclusion numérique", "nombre", Direction::Up, Frequency::Year, None, None, None),
    ("Niveau de maturité numérique", "Score sur 100 de l'auto-évaluation de l'organisation du numérique (questionnaire de maturité).", "Gouvernance", "/100", Direction::Up, Frequency::Year, Some(75.0), Some(60.0), Some(40.0)),
];

/// (axis, [(objective, [actions])]).
type Skeleton = [(&'static str, [(&'static str, [&'static str; 2]); 2]); 3];

/// The skeleton along the seed's three conditions.
const ROADMAP: Skeleton = [
    (
        "Former les agents au numérique",
        [
            (
                "Sensibiliser tous les agents à la cybersécurité",
                ["Organiser une session de sensibilisation par service", "Mener un exercice d'hameçonnage simulé"],
            ),
            (
                "Former les agents aux outils et aux démarches en ligne",
                ["Établir le plan de formation numérique avec le CNFPT", "Désigner un référent numérique par service"],
            ),
        ],
    ),
    (
        "Piloter le numérique de façon transversale",
        [
            (
                "Désigner un directeur de la transformation numérique",
                [
                    "Rédiger la fiche de poste (mutualisée avec l'intercommunalité)",
                    "Rattacher la fonction à la direction générale",
                ],
            ),
            (
                "Installer une gouvernance du numérique",
                [
                    "Réunir un comité de pilotage trimestriel",
                    "Regrouper usages numériques et systèmes d'information dans une même direction",
                ],
            ),
        ],
    ),
    (
        "Investir dans la transformation numérique",
        [
            (
                "Consacrer un budget dédié au numérique",
                ["Identifier les crédits numériques au budget", "Rechercher les financements extérieurs"],
            ),
            (
                "Moderniser les services aux usagers",
                ["Mettre en ligne les démarches les plus demandées", "Faire auditer l'accessibilité du site (RGAA)"],
            ),
        ],
    ),
];

const CHARTER: &str = "# Charte de gouvernance du numérique\n\nLa collectivité se dote d'une gouvernance du numérique **transversale**, portée au niveau des directeurs.\n\n## Principes\n- Le numérique sert les usagers et les agents, pas l'inverse.\n- Les projets numériques sont décidés, suivis et évalués en comité de pilotage.\n- Les données de la collectivité sont un bien commun : elles sont inventoriées, protégées et, quand c'est possible, ouvertes.\n\n## Comité de pilotage\n- Composition : direction générale, directeur de la transformation numérique, élu référent, un représentant de chaque direction.\n- Rythme : chaque trimestre.\n- Rôle : arbitrer les priorités, suivre les indicateurs, valider les budgets.";
const JOB: &str = "# Fiche de poste : directeur ou directrice de la transformation numérique (mutualisé)\n\n## Missions\n- Piloter l'ensemble des projets numériques des collectivités membres, en s'appuyant sur des prestataires extérieurs.\n- Porter le numérique au niveau transversal et décloisonner les actions entre services.\n- Être responsable de la gouvernance et des usages de la donnée.\n- Suivre les indicateurs de la stratégie et en rendre compte.\n\n## Rattachement\nDirection générale des services de l'intercommunalité, au service de toutes les communes membres.\n\n## Profil\n- Expérience de la conduite de projets numériques et de l'achat public.\n- Sens du dialogue avec les élus, les agents et les prestataires.";
const CONVENTION: &str = "# Convention de mutualisation d'un directeur de la transformation numérique\n\nEntre la communauté de communes et ses communes membres signataires.\n\n## Objet\nMettre à disposition des communes un directeur de la transformation numérique commun.\n\n## Modalités\n- Temps de présence réparti selon un planning annuel validé en conférence des maires.\n- Participation financière de chaque commune au prorata de sa population.\n\n## Suivi\nUn bilan annuel présente l'avancement de la feuille de route de chaque commune.";

fn ctx(author: &str, time_ms: i64) -> ChangeContext {
    ChangeContext::new(author, time_ms, "Modèle de départ")
}

fn info(kind: TemplateKind, description: &str, author: &str) -> Command {
    Command::SetTemplateInfo(TemplateInfo {
        kind,
        description: description.into(),
        author: author.into(),
        version: 1,
        version_note: "Première version".into(),
    })
}

/// The four starter templates, as new documents published by `author`.
pub fn starter_templates(author: &str, time_ms: i64) -> Result<Vec<Document>> {
    let mut docs = Vec::new();

    let mut indicators = Document::genesis(
        DocKind::Template,
        new_id(),
        "Indicateurs de la transformation numérique",
        &ctx(author, time_ms),
    )?;
    let mut commands = vec![info(TemplateKind::IndicatorSet, "Vingt indicateurs pour identifier et mesurer la mise en œuvre de la stratégie numérique, avec leur définition, leur unité et des cibles indicatives.", author)];
    for (i, (name, definition, category, unit, direction, frequency, target, good, bad)) in
        INDICATORS.into_iter().enumerate()
    {
        let band = direction == Direction::Band;
        commands.push(Command::Create {
            id: new_id(),
            entity: Entity::Indicator(Indicator {
                name: name.into(),
                definition: definition.into(),
                category: category.into(),
                unit: unit.into(),
                direction,
                frequency,
                target,
                threshold_good: good,
                threshold_bad: bad,
                band_low: band.then_some(99.0),
                band_high: band.then_some(100.0),
                usage: category == "Usages",
                order: i as f64 + 1.0,
                ..Default::default()
            }),
        });
    }
    indicators.apply_batch(&commands, &ctx(author, time_ms))?;
    docs.push(indicators);

    let mut roadmap = Document::genesis(
        DocKind::Template,
        new_id(),
        "Trame de feuille de route : les trois conditions",
        &ctx(author, time_ms),
    )?;
    let mut commands = vec![info(TemplateKind::RoadmapSkeleton, "Former les agents, piloter le numérique de façon transversale, investir : une trame d'axes, d'objectifs et d'actions à adapter.", author)];
    let mut order = 0.0;
    for (axis, objectives) in ROADMAP {
        let axis_id = new_id();
        order += 1.0;
        commands.push(Command::Create {
            id: axis_id.clone(),
            entity: Entity::Axis(Axis { title: axis.into(), order, ..Default::default() }),
        });
        for (objective, actions) in objectives {
            let objective_id = new_id();
            order += 1.0;
            commands.push(Command::Create {
                id: objective_id.clone(),
                entity: Entity::Objective(Objective {
                    axis_id: axis_id.clone(),
                    title: objective.into(),
                    order,
                    ..Default::default()
                }),
            });
            for action in actions {
                order += 1.0;
                commands.push(Command::Create {
                    id: new_id(),
                    entity: Entity::Action(Action {
                        objective_id: objective_id.clone(),
                        title: action.into(),
                        order,
                        ..Default::default()
                    }),
                });
            }
        }
    }
    roadmap.apply_batch(&commands, &ctx(author, time_ms))?;
    docs.push(roadmap);

    let mut texts = Document::genesis(
        DocKind::Template,
        new_id(),
        "Textes types de la gouvernance numérique",
        &ctx(author, time_ms),
    )?;
    let mut commands = vec![info(TemplateKind::Texts, "Charte de gouvernance, fiche de poste d'un directeur mutualisé, convention de mutualisation entre l'EPCI et ses communes.", author)];
    for (i, (title, body)) in [
        ("Charte de gouvernance", CHARTER),
        ("Fiche de poste du directeur mutualisé", JOB),
        ("Convention de mutualisation", CONVENTION),
    ]
    .into_iter()
    .enumerate()
    {
        commands.push(Command::Create {
            id: new_id(),
            entity: Entity::Text(TextBlock {
                title: title.into(),
                body: body.into(),
                order: i as f64 + 1.0,
                origin: None,
            }),
        });
    }
    texts.apply_batch(&commands, &ctx(author, time_ms))?;
    docs.push(texts);

    let mut questionnaire = Document::genesis(
        DocKind::Template,
        new_id(),
        "Questionnaire de maturité de l'organisation",
        &ctx(author, time_ms),
    )?;
    let mut commands = vec![info(
        TemplateKind::MaturityQuestionnaire,
        "Cinq questions sur le dispositif organisationnel du numérique, notées de 0 (absent) à 4 (exemplaire).",
        author,
    )];
    // The built-in ids: a town's answers stay comparable once it adopts this.
    for (i, (id, text)) in BUILT_IN_QUESTIONS.iter().enumerate() {
        let question =
            Question { text: (*text).into(), help: String::new(), weight: 1.0, order: i as f64 + 1.0, origin: None };
        commands.push(Command::Create { id: (*id).into(), entity: Entity::Question(question) });
    }
    questionnaire.apply_batch(&commands, &ctx(author, time_ms))?;
    docs.push(questionnaire);
    Ok(docs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_starter_templates_cover_the_typical_indicators_and_the_three_conditions() {
        let docs = starter_templates("Directeur", 1).unwrap();
        assert_eq!(docs.len(), 4);
        let indicators = docs[0].template().unwrap();
        assert_eq!(indicators.indicators.len(), 20);
        assert!(indicators.indicators.values().all(|i| !i.definition.is_empty() && !i.unit.is_empty()));
        let roadmap = docs[1].template().unwrap();
        assert_eq!(roadmap.axes.len(), 3);
        assert_eq!(roadmap.actions.len(), 12);
        assert_eq!(docs[2].template().unwrap().texts.len(), 3);
        assert_eq!(docs[3].template().unwrap().questions.len(), 5);
    }
}
