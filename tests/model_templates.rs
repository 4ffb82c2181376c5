//! Templates (story 3): adopt → local edit → template update → pull, with
//! conflicts and deletions on either side.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use gouvernail::model::exchange::adoption::{
    adopt, apply_update, plan_update, update_available, ChangeKind, Choices, Resolution, WHOLE_ITEM,
};
use gouvernail::model::exchange::skeleton::roadmap_from_skeleton;
use gouvernail::model::kinds::indicator::Indicator;
use gouvernail::model::kinds::strategy::Axis;
use gouvernail::model::kinds::template::{TemplateInfo, TemplateKind};
use gouvernail::model::*;

fn director_template() -> Document {
    let mut t =
        Document::genesis(DocKind::Template, new_id(), "Indicateurs de base", &ctx("Directeur", "Création")).unwrap();
    let info = TemplateInfo {
        kind: TemplateKind::IndicatorSet,
        version: 1,
        author: "CC Luberon".into(),
        ..Default::default()
    };
    let commands = vec![
        Command::SetTemplateInfo(info),
        Command::Create {
            id: "rgaa".into(),
            entity: Entity::Indicator(Indicator {
                name: "Taux RGAA".into(),
                unit: "%".into(),
                target: Some(75.0),
                ..Default::default()
            }),
        },
        Command::Create {
            id: "online".into(),
            entity: Entity::Indicator(Indicator {
                name: "Démarches en ligne".into(),
                unit: "%".into(),
                target: Some(60.0),
                definition: "v1".into(),
                ..Default::default()
            }),
        },
        Command::Create {
            id: "old".into(),
            entity: Entity::Indicator(Indicator { name: "Ancien".into(), ..Default::default() }),
        },
        Command::Create {
            id: "edited-old".into(),
            entity: Entity::Indicator(Indicator { name: "Ancien modifié".into(), ..Default::default() }),
        },
        Command::Create {
            id: "axis".into(),
            entity: Entity::Axis(Axis { title: "Former".into(), ..Default::default() }),
        },
    ];
    t.apply_batch(&commands, &ctx("Directeur", "Version 1")).unwrap();
    t
}

fn town_adopts(template: &Document) -> Document {
    let mut town = new_workspace("Lauris");
    let commands = adopt(&template.template().unwrap(), &town.workspace().unwrap(), 1).unwrap();
    town.apply_batch(&commands, &ctx("Town", "Adoption")).unwrap();
    town
}

fn update(doc: &mut Document, id: &str, f: impl FnOnce(&mut Indicator)) {
    let mut i = match doc.kind() {
        DocKind::Template => doc.template().unwrap().indicators[id].clone(),
        _ => doc.workspace().unwrap().indicators[id].clone(),
    };
    f(&mut i);
    doc.apply(&Command::Update { id: id.into(), entity: Entity::Indicator(i) }, &ctx("X", "edit")).unwrap();
}

fn publish_v2(template: &mut Document) {
    let mut info = template.template().unwrap().info;
    info.version = 2;
    info.version_note = "Cibles revues".into();
    template.apply(&Command::SetTemplateInfo(info), &ctx("Directeur", "v2")).unwrap();
}

#[test]
fn adopting_copies_items_that_remember_their_origin() {
    let template = director_template();
    let town = town_adopts(&template);
    let ws = town.workspace().unwrap();
    assert_eq!(ws.indicators.len(), 4);
    let origin = ws.indicators["rgaa"].origin.clone().unwrap();
    assert_eq!((origin.template_id.as_str(), origin.item_id.as_str(), origin.version), (template.id(), "rgaa", 1));
    assert_eq!(ws.adoptions[template.id()].version, 1);
    assert!(ws.axes.contains_key("axis"));
    // Twice is refused.
    assert!(adopt(&template.template().unwrap(), &ws, 2).is_err());
}

#[test]
fn director_changes_arrive_where_the_town_did_not_edit_and_town_edits_stay() {
    let mut template = director_template();
    let mut town = town_adopts(&template);
    // The town adapts: its own target for RGAA, its own definition for online.
    update(&mut town, "rgaa", |i| i.target = Some(60.0));
    update(&mut town, "online", |i| i.definition = "adapté à Lauris".into());
    update(&mut town, "edited-old", |i| i.unit = "nombre".into());
    town.apply(&Command::Delete { collection: Collection::Axes, id: "axis".into() }, &ctx("Town", "pas pour nous"))
        .unwrap();
    // The director improves the template.
    update(&mut template, "rgaa", |i| i.unit = "% des critères".into()); // the town did not touch the unit
    update(&mut template, "online", |i| {
        i.target = Some(70.0); // not touched by the town
        i.definition = "v2".into(); // touched by both: conflict
    });
    template
        .apply(
            &Command::Create {
                id: "new".into(),
                entity: Entity::Indicator(Indicator { name: "Nouveau".into(), ..Default::default() }),
            },
            &ctx("D", "ajout"),
        )
        .unwrap();
    template
        .apply(&Command::Delete { collection: Collection::Indicators, id: "old".into() }, &ctx("D", "retrait"))
        .unwrap();
    template
        .apply(&Command::Delete { collection: Collection::Indicators, id: "edited-old".into() }, &ctx("D", "retrait"))
        .unwrap();
    let mut axis = template.template().unwrap().axes["axis"].clone();
    axis.title = "Former les agents".into();
    template.apply(&Command::Update { id: "axis".into(), entity: Entity::Axis(axis) }, &ctx("D", "axe")).unwrap();
    publish_v2(&mut template);

    // The town receives v2 (as bytes) and sees « mise à jour disponible ».
    let received = Document::load(&template.save()).unwrap().template().unwrap();
    let ws = town.workspace().unwrap();
    assert!(update_available(&received, &ws));
    let plan = plan_update(&received, &ws).unwrap();
    assert_eq!((plan.from_version, plan.to_version), (1, 2));
    let by_key = |k: &str| plan.changes.iter().find(|c| c.key == k).unwrap_or_else(|| panic!("no change for {k}"));
    assert!(matches!(by_key("indicators/new").change, ChangeKind::Added));
    assert!(matches!(by_key("indicators/old").change, ChangeKind::Removed { edited_here: false }));
    assert!(matches!(by_key("indicators/edited-old").change, ChangeKind::Removed { edited_here: true }));
    assert!(matches!(by_key("axes/axis").change, ChangeKind::DeletedHere));
    match &by_key("indicators/online").change {
        ChangeKind::Modified(fields) => {
            let target = fields.iter().find(|f| f.field == "target").unwrap();
            assert_eq!(target.resolution, Resolution::TakeTheirs);
            let def = fields.iter().find(|f| f.field == "definition").unwrap();
            assert_eq!(def.resolution, Resolution::Conflict);
            assert_eq!((def.mine.as_str(), def.theirs.as_str()), (Some("adapté à Lauris"), Some("v2")));
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(!by_key("indicators/rgaa").is_conflict());
    // Previewing changed nothing.
    assert_eq!(town.workspace().unwrap(), ws);

    // Apply, keeping the town's definition (no choice = keep mine).
    let commands = apply_update(&plan, &received, &ws, &Choices::new(), 9).unwrap();
    town.apply_batch(&commands, &ctx("Town", "Mise à jour du modèle")).unwrap();
    let after = town.workspace().unwrap();
    assert_eq!(after.indicators["rgaa"].target, Some(60.0), "the town's edit stays");
    assert_eq!(after.indicators["rgaa"].unit, "% des critères", "the director's change arrives");
    assert_eq!(after.indicators["online"].target, Some(70.0));
    assert_eq!(after.indicators["online"].definition, "adapté à Lauris");
    assert!(after.indicators.contains_key("new"));
    assert!(!after.indicators.contains_key("old"));
    assert!(after.indicators.contains_key("edited-old"), "edited here: kept unless the town chooses");
    assert!(!after.axes.contains_key("axis"), "deleted here: not re-added unless chosen");
    assert_eq!(after.adoptions[template.id()].version, 2);
    assert_eq!(after.indicators["online"].origin.as_ref().unwrap().version, 2);
    assert!(!update_available(&received, &after));
    // Nothing left to pull.
    assert!(plan_update(&received, &after).unwrap().changes.is_empty());
}

#[test]
fn the_town_can_choose_the_directors_value_in_a_conflict() {
    let mut template = director_template();
    let mut town = town_adopts(&template);
    update(&mut town, "online", |i| i.definition = "local".into());
    town.apply(&Command::Delete { collection: Collection::Axes, id: "axis".into() }, &ctx("Town", "x")).unwrap();
    update(&mut template, "online", |i| i.definition = "v2".into());
    let mut axis = template.template().unwrap().axes["axis"].clone();
    axis.title = "Former les agents".into();
    template.apply(&Command::Update { id: "axis".into(), entity: Entity::Axis(axis) }, &ctx("D", "axe")).unwrap();
    publish_v2(&mut template);
    let t = template.template().unwrap();
    let ws = town.workspace().unwrap();
    let plan = plan_update(&t, &ws).unwrap();
    let mut choices = Choices::new();
    choices.insert(("indicators/online".into(), "definition".into()), true);
    choices.insert(("axes/axis".into(), WHOLE_ITEM.into()), true);
    town.apply_batch(&apply_update(&plan, &t, &ws, &choices, 3).unwrap(), &ctx("Town", "maj")).unwrap();
    let after = town.workspace().unwrap();
    assert_eq!(after.indicators["online"].definition, "v2");
    assert_eq!(after.axes["axis"].title, "Former les agents");
}

// ── Texts and maturity questionnaire ────────────────────────────────────

fn texts_and_questions_template() -> Document {
    use gouvernail::model::kinds::texts::{Question, TextBlock};
    let mut t =
        Document::genesis(DocKind::Template, new_id(), "Textes et questionnaire", &ctx("Directeur", "Création"))
            .unwrap();
    let info =
        TemplateInfo { kind: TemplateKind::Texts, version: 1, author: "Ville de Pertuis".into(), ..Default::default() };
    let text = |title: &str, body: &str, order: f64| {
        Entity::Text(TextBlock { title: title.into(), body: body.into(), order, origin: None })
    };
    let question = |text: &str, order: f64| {
        Entity::Question(Question { text: text.into(), weight: 1.0, order, ..Default::default() })
    };
    let commands = vec![
        Command::SetTemplateInfo(info),
        Command::Create {
            id: "charter".into(),
            entity: text("Charte", "# Charte\n\nLe **comité numérique** se réunit chaque trimestre.", 1.0),
        },
        Command::Create { id: "job".into(), entity: text("Fiche de poste", "Directeur mutualisé.", 2.0) },
        // Ids in the opposite alphabetical order: adoption keeps the author's order.
        Command::Create { id: "z-first".into(), entity: question("Un directeur est désigné", 1.0) },
        Command::Create { id: "a-second".into(), entity: question("Un budget est voté", 2.0) },
    ];
    t.apply_batch(&commands, &ctx("Directeur", "Version 1")).unwrap();
    t
}

fn edit_text(doc: &mut Document, id: &str, f: impl FnOnce(&mut gouvernail::model::kinds::texts::TextBlock)) {
    let mut text = match doc.kind() {
        DocKind::Template => doc.template().unwrap().texts[id].clone(),
        _ => doc.workspace().unwrap().texts[id].clone(),
    };
    f(&mut text);
    doc.apply(&Command::Update { id: id.into(), entity: Entity::Text(text) }, &ctx("X", "texte")).unwrap();
}

#[test]
fn texts_and_questions_are_adopted_with_their_origin_and_replace_the_built_in_questionnaire() {
    use gouvernail::model::analysis::maturity::{questionnaire, score, QuestionnaireSource};
    let template = texts_and_questions_template();
    let town = town_adopts(&template);
    let ws = town.workspace().unwrap();
    assert_eq!(ws.texts.len(), 2);
    assert_eq!(ws.texts["charter"].origin.as_ref().unwrap().template_id, template.id());
    let (questions, source) = questionnaire(&ws);
    assert_eq!(questions.iter().map(|q| q.id.as_str()).collect::<Vec<_>>(), ["z-first", "a-second"]);
    assert_eq!(source, QuestionnaireSource::Adopted(vec!["Textes et questionnaire".into()]));
    let answers = [("z-first".to_string(), 4), ("a-second".to_string(), 2)].into_iter().collect();
    assert_eq!(score(&questions, &answers), 75.0);
}

#[test]
fn a_text_edited_by_the_town_and_by_the_director_is_a_conflict_and_untouched_texts_follow_the_director() {
    let mut template = texts_and_questions_template();
    let mut town = town_adopts(&template);
    edit_text(&mut town, "charter", |t| t.body = "Notre charte, adaptée au conseil municipal.".into());
    edit_text(&mut template, "charter", |t| t.body = "Charte v2.".into());
    edit_text(&mut template, "job", |t| t.body = "Directeur mutualisé, 0,5 ETP par commune.".into());
    template
        .apply(
            &Command::Delete { collection: Collection::Questions, id: "a-second".into() },
            &ctx("D", "question retirée"),
        )
        .unwrap();
    publish_v2(&mut template);
    let t = template.template().unwrap();
    let ws = town.workspace().unwrap();
    assert!(update_available(&t, &ws));
    let plan = plan_update(&t, &ws).unwrap();
    let charter = plan.changes.iter().find(|c| c.key == "texts/charter").unwrap();
    assert!(charter.is_conflict(), "both changed the body: the town must choose");
    let ChangeKind::Modified(fields) = &charter.change else { panic!("expected a modification") };
    assert_eq!(fields[0].mine, "Notre charte, adaptée au conseil municipal.");
    assert_eq!(fields[0].theirs, "Charte v2.");
    assert!(!plan.changes.iter().find(|c| c.key == "texts/job").unwrap().is_conflict());
    assert_eq!(
        plan.changes.iter().find(|c| c.key == "questions/a-second").unwrap().change,
        ChangeKind::Removed { edited_here: false }
    );
    // No choice made: the town's text stays, the rest follows the director.
    town.apply_batch(&apply_update(&plan, &t, &ws, &Choices::new(), 2).unwrap(), &ctx("Town", "maj")).unwrap();
    let after = town.workspace().unwrap();
    assert_eq!(after.texts["charter"].body, "Notre charte, adaptée au conseil municipal.");
    assert_eq!(after.texts["job"].body, "Directeur mutualisé, 0,5 ETP par commune.");
    assert!(!after.questions.contains_key("a-second"));
    assert_eq!(after.adoptions[template.id()].version, 2);
    assert!(plan_update(&t, &after).unwrap().changes.is_empty(), "pulling the same version again changes nothing");
}

#[test]
fn the_starter_questionnaire_keeps_the_built_in_ids_so_answers_stay_comparable() {
    use gouvernail::model::analysis::maturity::{questionnaire, BUILT_IN_QUESTIONS};
    let starters = gouvernail::model::content::starter::starter_templates("Directeur", 1).unwrap();
    let questionnaire_template =
        starters.iter().find(|d| d.template().unwrap().info.kind == TemplateKind::MaturityQuestionnaire).unwrap();
    let town = town_adopts(questionnaire_template);
    let (questions, _) = questionnaire(&town.workspace().unwrap());
    let ids: Vec<&str> = questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids, BUILT_IN_QUESTIONS.iter().map(|(id, _)| *id).collect::<Vec<_>>());
}

#[test]
fn a_workspace_born_before_texts_existed_still_adopts_texts() {
    // An older workspace: genesis without the `texts` and `questions` maps.
    let mut raw = automerge::AutoCommit::load(&new_workspace("Ancien").save()).unwrap();
    automerge::transaction::Transactable::delete(&mut raw, automerge::ROOT, "texts").unwrap();
    automerge::transaction::Transactable::delete(&mut raw, automerge::ROOT, "questions").unwrap();
    raw.commit();
    let mut town = Document::load(&raw.save()).unwrap();
    assert!(town.workspace().unwrap().texts.is_empty(), "missing collections read as empty");
    let template = texts_and_questions_template().template().unwrap();
    let commands = adopt(&template, &town.workspace().unwrap(), 1).unwrap();
    town.apply_batch(&commands, &ctx("Town", "Adoption")).unwrap();
    let ws = Document::load(&town.save()).unwrap().workspace().unwrap();
    assert_eq!((ws.texts.len(), ws.questions.len()), (2, 2));
}

#[test]
fn a_roadmap_skeleton_becomes_a_shared_roadmap_with_its_axes_and_actions_in_order() {
    let starters = gouvernail::model::content::starter::starter_templates("Directeur", 1).unwrap();
    let skeleton = starters
        .iter()
        .find(|d| d.template().unwrap().info.kind == TemplateKind::RoadmapSkeleton)
        .unwrap()
        .template()
        .unwrap();
    let mut roadmap =
        Document::genesis(DocKind::Roadmap, new_id(), "Feuille de route commune", &ctx("Ville", "Création")).unwrap();
    roadmap.apply_batch(&roadmap_from_skeleton(&skeleton).unwrap(), &ctx("Ville", "Trame")).unwrap();
    let r = Document::load(&roadmap.save()).unwrap().roadmap().unwrap();
    assert_eq!((r.axes.len(), r.actions.len()), (3, 12));
    let mut axes: Vec<_> = r.axes.values().collect();
    axes.sort_by(|a, b| a.order.total_cmp(&b.order));
    assert!(axes[0].title.contains("Former"), "the three conditions, in the skeleton's order: {:?}", axes[0].title);
    assert!(r.actions.values().all(|a| r.axes.contains_key(&a.axis_id) && !a.description.is_empty()));
    // A template without a skeleton says so.
    let texts =
        starters.iter().find(|d| d.template().unwrap().info.kind == TemplateKind::Texts).unwrap().template().unwrap();
    assert!(roadmap_from_skeleton(&texts).unwrap_err().message().contains("trame"));
}
