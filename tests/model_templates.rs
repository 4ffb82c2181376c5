//! Templates (story 3): adopt → local edit → template update → pull, with
//! conflicts and deletions on either side.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::*;
use gouvernail::model::adoption::*;
use gouvernail::model::template::{TemplateInfo, TemplateKind};
use gouvernail::model::workspace::{Axis, Indicator};
use gouvernail::model::*;

fn director_template() -> Document {
    let mut t = Document::genesis(DocKind::Template, new_id(), "Indicateurs de base", &ctx("Directeur", "Création")).unwrap();
    let info = TemplateInfo { kind: TemplateKind::IndicatorSet, version: 1, author: "CC Luberon".into(), ..Default::default() };
    let commands = vec![
        Command::SetTemplateInfo(info),
        Command::Create { id: "rgaa".into(), entity: Entity::Indicator(Indicator { name: "Taux RGAA".into(), unit: "%".into(), target: Some(75.0), ..Default::default() }) },
        Command::Create { id: "online".into(), entity: Entity::Indicator(Indicator { name: "Démarches en ligne".into(), unit: "%".into(), target: Some(60.0), definition: "v1".into(), ..Default::default() }) },
        Command::Create { id: "old".into(), entity: Entity::Indicator(Indicator { name: "Ancien".into(), ..Default::default() }) },
        Command::Create { id: "edited-old".into(), entity: Entity::Indicator(Indicator { name: "Ancien modifié".into(), ..Default::default() }) },
        Command::Create { id: "axis".into(), entity: Entity::Axis(Axis { title: "Former".into(), ..Default::default() }) },
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
    town.apply(&Command::Delete { collection: Collection::Axes, id: "axis".into() }, &ctx("Town", "pas pour nous")).unwrap();
    // The director improves the template.
    update(&mut template, "rgaa", |i| i.unit = "% des critères".into()); // the town did not touch the unit
    update(&mut template, "online", |i| {
        i.target = Some(70.0); // not touched by the town
        i.definition = "v2".into(); // touched by both: conflict
    });
    template
        .apply(&Command::Create { id: "new".into(), entity: Entity::Indicator(Indicator { name: "Nouveau".into(), ..Default::default() }) }, &ctx("D", "ajout"))
        .unwrap();
    template.apply(&Command::Delete { collection: Collection::Indicators, id: "old".into() }, &ctx("D", "retrait")).unwrap();
    template.apply(&Command::Delete { collection: Collection::Indicators, id: "edited-old".into() }, &ctx("D", "retrait")).unwrap();
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
    assert!(by_key("indicators/rgaa").is_conflict() == false);
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
