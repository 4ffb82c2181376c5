//! Documents: genesis, round trips of every entity, commands, history, errors.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use gouvernail::model::kinds::capacity::{Dataset, MaturityAssessment, OpenDataStatus, TrainingRecord};
use gouvernail::model::kinds::collectivity::{CollectivityKind, Profile};
use gouvernail::model::kinds::finances::{BudgetLine, Section};
use gouvernail::model::kinds::ids::{new_id, Origin};
use gouvernail::model::kinds::indicator::{Direction, Indicator, Measurement};
use gouvernail::model::kinds::roadmap::{
    Comment, Participant, ParticipantRole, ParticipantStatus, ProgressStatus, RoadmapAction, RoadmapAxis,
};
use gouvernail::model::kinds::strategy::{Action, ActionStatus, Axis, Milestone, Objective, Risk, RiskLevel};
use gouvernail::model::kinds::template::{TemplateInfo, TemplateKind};
use gouvernail::model::kinds::texts::{Question, TextBlock};
use gouvernail::model::kinds::workspace::Workspace;
use gouvernail::model::*;
use std::collections::BTreeMap;

fn create(doc: &mut Document, id: &str, entity: Entity) {
    doc.apply(&Command::Create { id: id.into(), entity }, &ctx("Marie", "Création")).unwrap();
}

#[test]
fn every_workspace_entity_round_trips_through_bytes() {
    let mut doc = new_workspace("Lauris");
    let profile = Profile {
        name: "Lauris".into(),
        kind: CollectivityKind::Commune,
        code: "84065".into(),
        population: 3_900,
        epci_code: "200040442".into(),
        epci_name: "CC Luberon Monts de Vaucluse".into(),
    };
    doc.apply(&Command::SetProfile(profile.clone()), &ctx("Marie", "Profil")).unwrap();
    let axis = Axis { title: "Former les agents".into(), description: "d".into(), order: 1.0, origin: None };
    let objective = Objective {
        axis_id: "ax".into(),
        title: "100 % des agents sensibilisés".into(),
        order: 2.0,
        ..Default::default()
    };
    let action = Action {
        objective_id: "ob".into(),
        title: "Déployer le portail citoyen".into(),
        owner_service: "DSI".into(),
        provider: "Prestataire SA".into(),
        status: ActionStatus::InProgress,
        start: "2026-01-15".into(),
        end: "2026-09-30".into(),
        ..Default::default()
    };
    let milestone = Milestone { action_id: "ac".into(), title: "Recette".into(), due: "2026-06-01".into(), done: true };
    let risk =
        Risk {
            action_id: "ac".into(), title: "Retard".into(), level: RiskLevel::High, mitigation: "Pénalités".into()
        };
    let indicator = Indicator {
        name: "Démarches en ligne".into(),
        definition: "Part des démarches réalisables en ligne de bout en bout".into(),
        category: "Services en ligne".into(),
        unit: "%".into(),
        direction: Direction::Up,
        baseline: Some(20.0),
        baseline_period: "2024".into(),
        target: Some(80.0),
        target_period: "2028".into(),
        threshold_good: Some(60.0),
        threshold_bad: Some(40.0),
        frequency: Frequency::Quarter,
        source: "Tableau de bord GRU".into(),
        objective_id: "ob".into(),
        usage: true,
        origin: Some(Origin { template_id: "t".into(), item_id: "i".into(), version: 2 }),
        ..Default::default()
    };
    let budget = BudgetLine {
        label: "Licences".into(),
        section: Section::Operating,
        nature: "6156".into(),
        function: "020".into(),
        year: 2026,
        planned: 12_000.5,
        committed: 8_000.0,
        paid: 5_000.25,
        external_funding: 1_000.0,
        action_id: "ac".into(),
    };
    let training = TrainingRecord {
        theme: "Cybersécurité".into(),
        year: 2026,
        agents_trained: 12,
        total_agents: 40,
        cybersecurity: true,
    };
    let dataset = Dataset {
        name: "Délibérations".into(),
        owner: "Secrétariat".into(),
        personal_data: false,
        open_data: OpenDataStatus::Published,
        licence: "Licence Ouverte 2.0".into(),
        update_frequency: "Mensuelle".into(),
        ..Default::default()
    };
    let assessment = MaturityAssessment {
        date: "2026-11-28".into(),
        answers: BTreeMap::from([("director".into(), 3), ("budget".into(), 1)]),
        score: 50.0,
        comment: "Premier bilan".into(),
        author: "Marie".into(),
    };
    create(&mut doc, "ax", Entity::Axis(axis.clone()));
    create(&mut doc, "ob", Entity::Objective(objective.clone()));
    create(&mut doc, "ac", Entity::Action(action.clone()));
    create(&mut doc, "mi", Entity::Milestone(milestone.clone()));
    create(&mut doc, "ri", Entity::Risk(risk.clone()));
    create(&mut doc, "in", Entity::Indicator(indicator.clone()));
    create(&mut doc, "bu", Entity::BudgetLine(budget.clone()));
    create(&mut doc, "tr", Entity::Training(training.clone()));
    create(&mut doc, "da", Entity::Dataset(dataset.clone()));
    create(&mut doc, "as", Entity::Assessment(assessment.clone()));
    let measurement = Measurement { value: 42.5, comment: "Estimation".into() };
    doc.apply(
        &Command::RecordMeasurement {
            indicator_id: "in".into(),
            period: Period::parse("2026-T3").unwrap(),
            measurement: measurement.clone(),
        },
        &ctx("Marie", "Mesure"),
    )
    .unwrap();

    let before = doc.workspace().unwrap();
    let ws = reload(&mut doc).workspace().unwrap();
    assert_eq!(ws, before);
    assert_eq!(ws.profile, profile);
    assert_eq!(ws.axes["ax"], axis);
    assert_eq!(ws.objectives["ob"], objective);
    assert_eq!(ws.actions["ac"], action);
    assert_eq!(ws.milestones["mi"], milestone);
    assert_eq!(ws.risks["ri"], risk);
    assert_eq!(ws.indicators["in"], indicator);
    assert_eq!(ws.budget_lines["bu"], budget);
    assert_eq!(ws.trainings["tr"], training);
    assert_eq!(ws.datasets["da"], dataset);
    assert_eq!(ws.assessments["as"], assessment);
    assert_eq!(ws.measurements["in"]["2026-T3"], measurement);
    assert_eq!(ws.meta.title, "Lauris");
    assert_eq!(ws.meta.kind, DocKind::Workspace);
}

#[test]
fn roadmap_and_template_entities_round_trip() {
    let mut roadmap =
        Document::genesis(DocKind::Roadmap, new_id(), "Feuille de route 2027", &ctx("Avignon", "Création")).unwrap();
    let participant =
        Participant { name: "Lauris".into(), kind: CollectivityKind::Commune, role: ParticipantRole::Member };
    roadmap
        .apply(
            &Command::SetParticipant { code: "84065".into(), participant: participant.clone() },
            &ctx("Avignon", "p"),
        )
        .unwrap();
    create(&mut roadmap, "ax", Entity::RoadmapAxis(RoadmapAxis { title: "Former".into(), order: 1.0 }));
    let action = RoadmapAction {
        axis_id: "ax".into(),
        title: "Nommer un référent".into(),
        description: "".into(),
        due: "2027-06-30".into(),
        order: 1.0,
    };
    create(&mut roadmap, "ac", Entity::RoadmapAction(action.clone()));
    let status = ParticipantStatus {
        status: ProgressStatus::Done,
        comment: "Fait".into(),
        updated_by: "Marie".into(),
        updated_at: 3,
    };
    roadmap
        .apply(
            &Command::SetParticipantStatus {
                action_id: "ac".into(),
                participant: "84065".into(),
                status: status.clone(),
            },
            &ctx("Marie", "s"),
        )
        .unwrap();
    let comment = Comment {
        action_id: "ac".into(),
        participant: "84065".into(),
        author: "Marie".into(),
        text: "Merci".into(),
        at: 4,
    };
    create(&mut roadmap, "co", Entity::Comment(comment.clone()));
    let r = reload(&mut roadmap).roadmap().unwrap();
    assert_eq!(r.participants["84065"], participant);
    assert_eq!(r.actions["ac"], action);
    assert_eq!(r.statuses["ac"]["84065"], status);
    assert_eq!(r.comments["co"], comment);

    let mut template =
        Document::genesis(DocKind::Template, new_id(), "Indicateurs de base", &ctx("Directeur", "Création")).unwrap();
    let info = TemplateInfo {
        kind: TemplateKind::IndicatorSet,
        description: "d".into(),
        author: "EPCI".into(),
        version: 1,
        version_note: "Première".into(),
    };
    template.apply(&Command::SetTemplateInfo(info.clone()), &ctx("Directeur", "i")).unwrap();
    create(&mut template, "in", Entity::Indicator(indicator("Taux RGAA")));
    create(
        &mut template,
        "tx",
        Entity::Text(TextBlock { title: "Charte".into(), body: "# Charte".into(), order: 1.0, origin: None }),
    );
    create(
        &mut template,
        "qu",
        Entity::Question(Question {
            text: "Un directeur ?".into(),
            help: "".into(),
            weight: 2.0,
            order: 1.0,
            origin: None,
        }),
    );
    let t = reload(&mut template).template().unwrap();
    assert_eq!(t.info, info);
    assert_eq!(t.indicators["in"].name, "Taux RGAA");
    assert_eq!(t.texts["tx"].body, "# Charte");
    assert_eq!(t.questions["qu"].weight, 2.0);
}

#[test]
fn updates_write_only_changed_fields_and_refuse_missing_entities() {
    let mut doc = new_workspace("W");
    create_indicator(&mut doc, "i1", "Satisfaction");
    let mut changed = indicator("Satisfaction des usagers");
    changed.target = Some(90.0);
    doc.apply(&Command::Update { id: "i1".into(), entity: Entity::Indicator(changed.clone()) }, &ctx("M", "u"))
        .unwrap();
    assert_eq!(doc.workspace().unwrap().indicators["i1"], changed);

    let err = doc
        .apply(&Command::Update { id: "nope".into(), entity: Entity::Indicator(changed) }, &ctx("M", "u"))
        .unwrap_err();
    assert!(matches!(err.kind, ErrorKind::NotFound { .. }));
    assert!(err.message().contains("introuvable"));
}

#[test]
fn a_failed_command_changes_nothing() {
    let mut doc = new_workspace("W");
    let heads = doc.heads();
    let bad = Command::RecordMeasurement {
        indicator_id: "absent".into(),
        period: Period::parse("2026").unwrap(),
        measurement: Measurement::default(),
    };
    assert!(doc.apply(&bad, &ctx("M", "x")).is_err());
    let wrong_kind = Command::SetParticipant { code: "1".into(), participant: Participant::default() };
    assert_eq!(doc.apply(&wrong_kind, &ctx("M", "x")).unwrap_err().kind, ErrorKind::WrongKind);
    create_indicator(&mut doc, "i", "I");
    let heads_after_create = doc.heads();
    let nan = Command::RecordMeasurement {
        indicator_id: "i".into(),
        period: Period::parse("2026").unwrap(),
        measurement: Measurement { value: f64::NAN, ..Default::default() },
    };
    assert!(doc.apply(&nan, &ctx("M", "x")).is_err());
    assert_eq!(doc.heads(), heads_after_create);
    assert_ne!(heads, heads_after_create);
    let duplicate = Command::Create { id: "i".into(), entity: Entity::Indicator(indicator("again")) };
    assert!(doc.apply(&duplicate, &ctx("M", "x")).is_err());
    assert_eq!(doc.workspace().unwrap().indicators["i"].name, "I");
}

#[test]
fn deleting_cascades_to_children_and_clears_links() {
    let mut doc = new_workspace("W");
    create(&mut doc, "ax", Entity::Axis(Axis { title: "A".into(), ..Default::default() }));
    create(
        &mut doc,
        "ob",
        Entity::Objective(Objective { axis_id: "ax".into(), title: "O".into(), ..Default::default() }),
    );
    create(
        &mut doc,
        "ac",
        Entity::Action(Action { objective_id: "ob".into(), title: "P".into(), ..Default::default() }),
    );
    create(
        &mut doc,
        "mi",
        Entity::Milestone(Milestone { action_id: "ac".into(), title: "M".into(), ..Default::default() }),
    );
    create(
        &mut doc,
        "bu",
        Entity::BudgetLine(BudgetLine { action_id: "ac".into(), label: "B".into(), ..Default::default() }),
    );
    create(
        &mut doc,
        "in",
        Entity::Indicator(Indicator { objective_id: "ob".into(), name: "I".into(), ..Default::default() }),
    );
    record(&mut doc, "in", "2026", 1.0, "M");
    doc.apply(&Command::Delete { collection: Collection::Axes, id: "ax".into() }, &ctx("M", "del")).unwrap();
    let ws = doc.workspace().unwrap();
    assert!(ws.axes.is_empty() && ws.objectives.is_empty() && ws.actions.is_empty() && ws.milestones.is_empty());
    assert_eq!(ws.budget_lines["bu"].action_id, "");
    assert_eq!(ws.indicators["in"].objective_id, "");
    assert_eq!(ws.measurements["in"]["2026"].value, 1.0);

    doc.apply(&Command::Delete { collection: Collection::Indicators, id: "in".into() }, &ctx("M", "del")).unwrap();
    let ws = doc.workspace().unwrap();
    assert!(ws.indicators.is_empty() && ws.measurements.is_empty());
    doc.apply(
        &Command::DeleteMeasurement { indicator_id: "in".into(), period: Period::parse("2026").unwrap() },
        &ctx("M", "x"),
    )
    .unwrap_err();
}

#[test]
fn history_records_author_time_and_message_of_each_change() {
    let mut doc = new_workspace("W");
    create_indicator(&mut doc, "i", "I");
    doc.apply(
        &Command::RecordMeasurement {
            indicator_id: "i".into(),
            period: Period::parse("2026-03").unwrap(),
            measurement: Measurement { value: 3.0, ..Default::default() },
        },
        &ChangeContext::new("Jeanne (Mairie de Cucuron)", 1_700_000_000_000, "Mesure de mars"),
    )
    .unwrap();
    let history = doc.history();
    assert_eq!(history.len(), 3);
    let last = history.last().unwrap();
    assert_eq!(last.author, "Jeanne (Mairie de Cucuron)");
    assert_eq!(last.message, "Mesure de mars");
    assert_eq!(last.time_ms, 1_700_000_000_000);
    assert_eq!(history[0].message, "Création");
    assert_eq!(doc.last_change_ms(), 1_700_000_000_000);
}

#[test]
fn actor_id_is_the_one_the_device_sets() {
    let mut doc = new_workspace("W");
    let device = new_actor();
    let mut loaded = Document::load(&doc.save()).unwrap();
    loaded.set_actor(&device);
    create_indicator(&mut loaded, "i", "I");
    assert_eq!(loaded.history().last().unwrap().actor, device.to_hex_string());
}

#[test]
fn garbage_truncated_and_foreign_bytes_are_refused() {
    assert_eq!(Document::load(b"").unwrap_err().kind, ErrorKind::NotAutomerge);
    assert_eq!(Document::load(b"not an automerge document at all").unwrap_err().kind, ErrorKind::NotAutomerge);
    let mut doc = new_workspace("W");
    create_indicator(&mut doc, "i", "I");
    let bytes = doc.save();
    for cut in [1, 8, bytes.len() / 2, bytes.len() - 1] {
        assert!(Document::load(&bytes[..cut]).is_err(), "truncated at {cut} should fail");
    }
    let mut flipped = bytes.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0xFF;
    assert!(Document::load(&flipped).is_err());

    // A valid Automerge document that Gouvernail did not write.
    let mut foreign = automerge::AutoCommit::new();
    use automerge::transaction::Transactable;
    foreign.put(automerge::ROOT, "todo", "milk").unwrap();
    assert_eq!(Document::load(&foreign.save()).unwrap_err().kind, ErrorKind::NotGouvernail);
    // Every error has a French message for the UI.
    assert!(Document::load(b"x").unwrap_err().message().starts_with("Ce fichier"));
}

#[test]
fn the_synthetic_intercommunality_rolls_up_its_communes() {
    use gouvernail::model::analysis::rollup::rollup;
    use gouvernail::model::content::demo::synthetic_intercommunality;
    let now = 1_790_000_000_000;
    let mut docs = synthetic_intercommunality(5, now).unwrap();
    assert_eq!(docs.len(), 6);
    let members: Vec<_> = docs.iter_mut().map(|d| (d.id().to_string(), d.workspace().unwrap(), now)).collect();
    let epci = members[0].1.profile.code.clone();
    let r = rollup(&members, Some(&epci), now, 2026);
    assert_eq!(r.rows.len(), 5);
    assert!(r.rows.iter().all(|row| row.population >= 200 && row.name.starts_with("Commune de test")));
}

#[test]
fn a_blank_entity_of_every_kind_writes_nothing_and_reads_back() {
    use automerge::ReadDoc;
    let workspace_kinds = [
        Entity::Axis(Axis::default()),
        Entity::Objective(Objective::default()),
        Entity::Action(Action::default()),
        Entity::Milestone(Milestone::default()),
        Entity::Risk(Risk::default()),
        Entity::Indicator(Indicator::default()),
        Entity::BudgetLine(BudgetLine::default()),
        Entity::Training(TrainingRecord::default()),
        Entity::Dataset(Dataset::default()),
        Entity::Assessment(MaturityAssessment::default()),
        Entity::Text(TextBlock::default()),
        Entity::Question(Question::default()),
    ];
    let roadmap_kinds = [
        Entity::RoadmapAxis(RoadmapAxis::default()),
        Entity::RoadmapAction(RoadmapAction::default()),
        Entity::Comment(Comment::default()),
    ];
    let template_kinds = [
        Entity::Indicator(Indicator::default()),
        Entity::Text(TextBlock::default()),
        Entity::Question(Question::default()),
    ];
    for (kind, entities) in [
        (DocKind::Workspace, &workspace_kinds[..]),
        (DocKind::Roadmap, &roadmap_kinds[..]),
        (DocKind::Template, &template_kinds[..]),
    ] {
        let mut doc = Document::genesis(kind, new_id(), "Vide", &ctx("Marie", "Création")).unwrap();
        for (n, entity) in entities.iter().enumerate() {
            create(&mut doc, &format!("e{n}"), entity.clone());
        }
        let reloaded = reload(&mut doc);
        let raw = automerge::AutoCommit::load(&doc.save()).unwrap();
        for (n, entity) in entities.iter().enumerate() {
            let id = format!("e{n}");
            let key = entity.collection().key();
            let (_, collection) = raw.get(automerge::ROOT, key).unwrap().unwrap();
            let (_, item) = raw.get(&collection, id.as_str()).unwrap().unwrap();
            assert_eq!(raw.map_range(&item, ..).count(), 0, "{key}: no field written");
            let read_back = match kind {
                DocKind::Workspace => {
                    let ws = reloaded.workspace().unwrap();
                    match entity {
                        Entity::Axis(_) => Entity::Axis(ws.axes[&id].clone()),
                        Entity::Objective(_) => Entity::Objective(ws.objectives[&id].clone()),
                        Entity::Action(_) => Entity::Action(ws.actions[&id].clone()),
                        Entity::Milestone(_) => Entity::Milestone(ws.milestones[&id].clone()),
                        Entity::Risk(_) => Entity::Risk(ws.risks[&id].clone()),
                        Entity::Indicator(_) => Entity::Indicator(ws.indicators[&id].clone()),
                        Entity::BudgetLine(_) => Entity::BudgetLine(ws.budget_lines[&id].clone()),
                        Entity::Training(_) => Entity::Training(ws.trainings[&id].clone()),
                        Entity::Dataset(_) => Entity::Dataset(ws.datasets[&id].clone()),
                        Entity::Assessment(_) => Entity::Assessment(ws.assessments[&id].clone()),
                        Entity::Text(_) => Entity::Text(ws.texts[&id].clone()),
                        Entity::Question(_) => Entity::Question(ws.questions[&id].clone()),
                        _ => unreachable!(),
                    }
                }
                DocKind::Roadmap => {
                    let r = reloaded.roadmap().unwrap();
                    match entity {
                        Entity::RoadmapAxis(_) => Entity::RoadmapAxis(r.axes[&id].clone()),
                        Entity::RoadmapAction(_) => Entity::RoadmapAction(r.actions[&id].clone()),
                        Entity::Comment(_) => Entity::Comment(r.comments[&id].clone()),
                        _ => unreachable!(),
                    }
                }
                DocKind::Template => {
                    let t = reloaded.template().unwrap();
                    match entity {
                        Entity::Indicator(_) => Entity::Indicator(t.indicators[&id].clone()),
                        Entity::Text(_) => Entity::Text(t.texts[&id].clone()),
                        Entity::Question(_) => Entity::Question(t.questions[&id].clone()),
                        _ => unreachable!(),
                    }
                }
            };
            assert_eq!(&read_back, entity);
        }
    }
}

#[test]
fn a_created_entity_writes_only_its_fields_that_differ_from_their_default() {
    use automerge::ReadDoc;
    let mut doc = new_workspace("W");
    let indicator =
        Indicator { name: "Démarches en ligne".into(), unit: "%".into(), target: Some(0.0), ..Default::default() };
    create(&mut doc, "in", Entity::Indicator(indicator.clone()));
    let raw = automerge::AutoCommit::load(&doc.save()).unwrap();
    let (_, indicators) = raw.get(automerge::ROOT, "indicators").unwrap().unwrap();
    let (_, item) = raw.get(&indicators, "in").unwrap().unwrap();
    let keys: Vec<String> = raw.map_range(&item, ..).map(|entry| entry.key.to_string()).collect();
    assert_eq!(keys, ["name", "target", "unit"], "Some(0.0) is not the default None");
    assert_eq!(reload(&mut doc).workspace().unwrap().indicators["in"], indicator);
    // Clearing a field later writes it: the update compares with what is stored.
    let cleared = Indicator { unit: String::new(), ..indicator };
    doc.apply(&Command::Update { id: "in".into(), entity: Entity::Indicator(cleared.clone()) }, &ctx("M", "u"))
        .unwrap();
    assert_eq!(reload(&mut doc).workspace().unwrap().indicators["in"], cleared);
}

// ── Snapshots read through `CachedRead` ─────────────────────────────────────

#[test]
fn hydrating_through_the_cache_gives_the_same_snapshot() {
    for doc in gouvernail::model::content::demo::demo_documents(1_790_000_000_000).unwrap() {
        if doc.kind() != DocKind::Workspace {
            continue;
        }
        let direct: Workspace = autosurgeon::hydrate(doc.automerge()).unwrap();
        assert_eq!(doc.workspace().unwrap(), direct);
    }
}

#[test]
fn the_cache_shows_the_same_winner_of_a_conflict() {
    let ctx = |m: &str| ChangeContext::new("T", 1, m);
    let mut a = Document::genesis(DocKind::Workspace, "w".into(), "W", &ctx("g")).unwrap();
    let indicator = Entity::Indicator(Indicator { name: "I".into(), ..Default::default() });
    a.apply(&Command::Create { id: "i".into(), entity: indicator }, &ctx("i")).unwrap();
    let mut b = a.fork();
    let period = Period::parse("2026-03").unwrap();
    for (doc, value) in [(&mut a, 1.0), (&mut b, 2.0)] {
        let measurement = Measurement { value, ..Default::default() };
        doc.apply(&Command::RecordMeasurement { indicator_id: "i".into(), period, measurement }, &ctx("m")).unwrap();
    }
    a.merge(&mut b).unwrap();
    let direct: Workspace = autosurgeon::hydrate(a.automerge()).unwrap();
    assert_eq!(a.workspace().unwrap(), direct);
}
