//! Adopting a template (mécénat de compétences) and pulling its updates
//! without losing local edits: a three-way merge, item by item and field by
//! field, against the version adopted.
//!
//! Why not Automerge's own merge: a template and a town's workspace are two
//! documents with two geneses (invariant 1), so their changes cannot be
//! merged as such, and the town must be able to *choose* where both sides
//! changed a field — Automerge would silently pick one. So the workspace
//! keeps, per adopted template, the JSON of every item as last adopted (the
//! merge base) under `adoptions[template_id]`:
//! * changed by the director only → the director's value arrives;
//! * changed by the town only → the town's value stays;
//! * changed by both, differently → a conflict shown with both values;
//! * deleted on one side and edited on the other → a conflict too;
//! * new in the template → added; deleted in the template and untouched
//!   here → removed.

use crate::model::command::{Collection, Command, Entity};
use crate::model::error::{Error, Result};
use crate::model::kinds::adoption::Adoption;
use crate::model::kinds::ids::{Id, Origin};
use crate::model::kinds::indicator::Indicator;
use crate::model::kinds::strategy::{Action, Axis, Objective};
use crate::model::kinds::template::Template;
use crate::model::kinds::texts::{Question, TextBlock};
use crate::model::kinds::workspace::Workspace;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// The adoptable collections, shared by templates and workspaces.
const KINDS: [Collection; 6] = [
    Collection::Axes,
    Collection::Objectives,
    Collection::Actions,
    Collection::Indicators,
    Collection::Texts,
    Collection::Questions,
];

/// Fields that are local by nature and never merged.
const LOCAL_FIELDS: [&str; 2] = ["origin", "order"];

fn items_of_template(t: &Template, kind: Collection) -> BTreeMap<Id, Value> {
    fn to_json<T: Serialize>(m: &BTreeMap<Id, T>) -> BTreeMap<Id, Value> {
        m.iter().map(|(k, v)| (k.clone(), serde_json::to_value(v).unwrap_or(Value::Null))).collect()
    }
    match kind {
        Collection::Axes => to_json(&t.axes),
        Collection::Objectives => to_json(&t.objectives),
        Collection::Actions => to_json(&t.actions),
        Collection::Texts => to_json(&t.texts),
        Collection::Questions => to_json(&t.questions),
        _ => to_json(&t.indicators),
    }
}

fn items_of_workspace(ws: &Workspace, kind: Collection, template_id: &str) -> BTreeMap<Id, Value> {
    fn pick<T: Serialize>(
        m: &BTreeMap<Id, T>,
        origin: impl Fn(&T) -> Option<&Origin>,
        template_id: &str,
    ) -> BTreeMap<Id, Value> {
        m.iter()
            .filter(|(_, v)| origin(v).is_some_and(|o| o.template_id == template_id))
            .map(|(k, v)| (k.clone(), serde_json::to_value(v).unwrap_or(Value::Null)))
            .collect()
    }
    match kind {
        Collection::Axes => pick(&ws.axes, |a: &Axis| a.origin.as_ref(), template_id),
        Collection::Objectives => pick(&ws.objectives, |o: &Objective| o.origin.as_ref(), template_id),
        Collection::Actions => pick(&ws.actions, |a: &Action| a.origin.as_ref(), template_id),
        Collection::Texts => pick(&ws.texts, |t: &TextBlock| t.origin.as_ref(), template_id),
        Collection::Questions => pick(&ws.questions, |q: &Question| q.origin.as_ref(), template_id),
        _ => pick(&ws.indicators, |i: &Indicator| i.origin.as_ref(), template_id),
    }
}

fn key(kind: Collection, id: &str) -> String {
    format!("{}/{id}", kind.key())
}

/// The JSON object without its local fields.
fn merged_fields(value: &Value) -> Map<String, Value> {
    let mut map = value.as_object().cloned().unwrap_or_default();
    for f in LOCAL_FIELDS {
        map.remove(f);
    }
    map
}

fn label_of(value: &Value) -> String {
    ["name", "title", "text"]
        .iter()
        .find_map(|f| value.get(*f).and_then(Value::as_str))
        .unwrap_or("(sans nom)")
        .to_string()
}

fn entity_from(kind: Collection, value: Value) -> Result<Entity> {
    let bad = |e: serde_json::Error| Error::corrupt(e);
    Ok(match kind {
        Collection::Axes => Entity::Axis(serde_json::from_value(value).map_err(bad)?),
        Collection::Objectives => Entity::Objective(serde_json::from_value(value).map_err(bad)?),
        Collection::Actions => Entity::Action(serde_json::from_value(value).map_err(bad)?),
        Collection::Texts => Entity::Text(serde_json::from_value(value).map_err(bad)?),
        Collection::Questions => Entity::Question(serde_json::from_value(value).map_err(bad)?),
        _ => Entity::Indicator(serde_json::from_value(value).map_err(bad)?),
    })
}

fn with_origin(mut value: Value, template_id: &str, item_id: &str, version: u64, order: f64) -> Value {
    if let Some(obj) = value.as_object_mut() {
        obj.insert(
            "origin".into(),
            serde_json::json!({ "template_id": template_id, "item_id": item_id, "version": version }),
        );
        obj.insert("order".into(), serde_json::json!(order));
    }
    value
}

/// The commands adopting a template into a workspace (one batch).
pub fn adopt(template: &Template, ws: &Workspace, time_ms: i64) -> Result<Vec<Command>> {
    let template_id = &template.meta.id;
    if ws.adoptions.contains_key(template_id) {
        return Err(Error::invalid("Ce modèle est déjà adopté dans cet espace : utilisez la mise à jour."));
    }
    let version = template.info.version;
    let mut order =
        ws.indicators.values().map(|i| i.order).chain(ws.axes.values().map(|a| a.order)).fold(0.0, f64::max);
    let mut commands = Vec::new();
    let mut base = BTreeMap::new();
    for kind in KINDS {
        for (id, value) in in_template_order(items_of_template(template, kind)) {
            if ws_has(ws, kind, &id) {
                return Err(Error::invalid("Un élément de ce modèle existe déjà dans cet espace."));
            }
            order += 1.0;
            base.insert(key(kind, &id), serde_json::to_string(&value).unwrap_or_default());
            let entity = entity_from(kind, with_origin(value, template_id, &id, version, order))?;
            commands.push(Command::Create { id, entity });
        }
    }
    let adoption = Adoption { template_title: template.meta.title.clone(), version, adopted_at: time_ms, base };
    commands.push(Command::SetAdoption { template_id: template_id.clone(), adoption });
    Ok(commands)
}

/// Items sorted as the template orders them (ids break ties), so the town
/// sees them in the author's order once renumbered after its own.
fn in_template_order(items: BTreeMap<Id, Value>) -> Vec<(Id, Value)> {
    let order = |v: &Value| v.get("order").and_then(Value::as_f64).unwrap_or(0.0);
    let mut items: Vec<(Id, Value)> = items.into_iter().collect();
    items.sort_by(|a, b| order(&a.1).total_cmp(&order(&b.1)).then_with(|| a.0.cmp(&b.0)));
    items
}

fn ws_has(ws: &Workspace, kind: Collection, id: &str) -> bool {
    match kind {
        Collection::Axes => ws.axes.contains_key(id),
        Collection::Objectives => ws.objectives.contains_key(id),
        Collection::Actions => ws.actions.contains_key(id),
        Collection::Texts => ws.texts.contains_key(id),
        Collection::Questions => ws.questions.contains_key(id),
        _ => ws.indicators.contains_key(id),
    }
}

/// The French name of an item's field, for the update preview.
pub fn field_label(field: &str) -> &str {
    match field {
        "name" => "Nom",
        "title" => "Titre",
        "definition" => "Définition",
        "description" => "Description",
        "category" => "Catégorie",
        "unit" => "Unité",
        "direction" => "Sens d'évolution",
        "baseline" => "Valeur de référence",
        "baseline_period" => "Période de référence",
        "target" => "Cible",
        "target_period" => "Échéance de la cible",
        "threshold_good" => "Seuil « en bonne voie »",
        "threshold_bad" => "Seuil « en retard »",
        "band_low" => "Borne basse",
        "band_high" => "Borne haute",
        "frequency" => "Fréquence",
        "source" => "Source",
        "usage" => "Indicateur d'usage",
        "objective_id" | "axis_id" => "Rattachement",
        "owner_service" => "Service pilote",
        "provider" => "Prestataire",
        "status" => "Statut",
        "start" => "Début",
        "end" => "Fin",
        "body" => "Texte",
        "text" => "Question",
        "help" => "Aide",
        "weight" => "Poids",
        other => other,
    }
}

/// How one field is resolved by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Resolution {
    /// Only the director changed it: their value arrives.
    TakeTheirs,
    /// Both changed it differently: the town chooses (default: keep its own).
    Conflict,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FieldChange {
    pub field: String,
    pub mine: Value,
    pub theirs: Value,
    pub resolution: Resolution,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ChangeKind {
    /// New in the template.
    Added,
    /// Removed from the template; `edited_here` if the town changed it (a conflict).
    Removed { edited_here: bool },
    /// The town deleted it, the director changed it (a conflict: re-add?).
    DeletedHere,
    /// Fields changed by the director (some maybe also by the town).
    Modified(Vec<FieldChange>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct ItemChange {
    pub key: String,
    pub collection: Collection,
    pub id: Id,
    pub label: String,
    pub change: ChangeKind,
}

impl ItemChange {
    pub fn is_conflict(&self) -> bool {
        match &self.change {
            ChangeKind::Removed { edited_here } => *edited_here,
            ChangeKind::DeletedHere => true,
            ChangeKind::Modified(fields) => fields.iter().any(|f| f.resolution == Resolution::Conflict),
            ChangeKind::Added => false,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct UpdatePlan {
    pub template_id: Id,
    pub from_version: u64,
    pub to_version: u64,
    pub changes: Vec<ItemChange>,
}

/// Whether a newer version of an adopted template is available.
pub fn update_available(template: &Template, ws: &Workspace) -> bool {
    ws.adoptions.get(&template.meta.id).is_some_and(|a| template.info.version > a.version)
}

/// Compares the adopted version, the town's items and the template's
/// current items; changes nothing.
pub fn plan_update(template: &Template, ws: &Workspace) -> Result<UpdatePlan> {
    let template_id = &template.meta.id;
    let adoption =
        ws.adoptions.get(template_id).ok_or_else(|| Error::invalid("Ce modèle n'est pas adopté dans cet espace."))?;
    let mut changes = Vec::new();
    for kind in KINDS {
        let theirs = items_of_template(template, kind);
        let mine = items_of_workspace(ws, kind, template_id);
        let prefix = format!("{}/", kind.key());
        let base: BTreeMap<Id, Value> = adoption
            .base
            .iter()
            .filter_map(|(k, v)| Some((k.strip_prefix(&prefix)?.to_string(), serde_json::from_str(v).ok()?)))
            .collect();
        let ids: BTreeSet<&Id> = theirs.keys().chain(base.keys()).collect();
        for id in ids {
            let (b, m, t) = (base.get(id), mine.get(id), theirs.get(id));
            let label = t.or(m).or(b).map(label_of).unwrap_or_default();
            let change = match (b, m, t) {
                (None, None, Some(_)) => Some(ChangeKind::Added),
                (None, Some(_), Some(_)) => None,
                (Some(b), Some(m), None) => {
                    Some(ChangeKind::Removed { edited_here: merged_fields(b) != merged_fields(m) })
                }
                (Some(_), None, None) => None,
                (Some(b), None, Some(t)) => (merged_fields(b) != merged_fields(t)).then_some(ChangeKind::DeletedHere),
                (Some(b), Some(m), Some(t)) => {
                    let (bf, mf, tf) = (merged_fields(b), merged_fields(m), merged_fields(t));
                    let fields: Vec<FieldChange> = tf
                        .iter()
                        .filter(|(f, tv)| bf.get(*f) != Some(*tv))
                        .filter_map(|(f, tv)| {
                            let mv = mf.get(f).cloned().unwrap_or(Value::Null);
                            if &mv == tv {
                                return None;
                            }
                            let edited_here = bf.get(f) != Some(&mv);
                            Some(FieldChange {
                                field: f.clone(),
                                mine: mv,
                                theirs: tv.clone(),
                                resolution: if edited_here { Resolution::Conflict } else { Resolution::TakeTheirs },
                            })
                        })
                        .collect();
                    (!fields.is_empty()).then_some(ChangeKind::Modified(fields))
                }
                _ => None,
            };
            if let Some(change) = change {
                changes.push(ItemChange { key: key(kind, id), collection: kind, id: id.clone(), label, change });
            }
        }
    }
    Ok(UpdatePlan {
        template_id: template_id.clone(),
        from_version: adoption.version,
        to_version: template.info.version,
        changes,
    })
}

/// The town's answer for a conflict: keep its own value, or take the director's.
pub type Choices = BTreeMap<(String, String), bool>;

/// Key of a whole-item conflict (removed/deleted) in [`Choices`].
pub const WHOLE_ITEM: &str = "*";

/// The commands applying a plan with the town's choices (`true` = take the
/// director's value). Unchosen conflicts keep the town's value. The base
/// moves to the template's current version.
pub fn apply_update(
    plan: &UpdatePlan,
    template: &Template,
    ws: &Workspace,
    choices: &Choices,
    time_ms: i64,
) -> Result<Vec<Command>> {
    let template_id = &plan.template_id;
    let version = plan.to_version;
    let mut commands = Vec::new();
    let mut order =
        ws.indicators.values().map(|i| i.order).chain(ws.axes.values().map(|a| a.order)).fold(0.0, f64::max);
    let take = |key: &str, field: &str| choices.get(&(key.to_string(), field.to_string())).copied().unwrap_or(false);
    for change in &plan.changes {
        let kind = change.collection;
        let theirs = items_of_template(template, kind).get(&change.id).cloned();
        let mine = items_of_workspace(ws, kind, template_id).get(&change.id).cloned();
        match (&change.change, theirs, mine) {
            (ChangeKind::Added, Some(t), _) | (ChangeKind::DeletedHere, Some(t), _) => {
                if matches!(change.change, ChangeKind::DeletedHere) && !take(&change.key, WHOLE_ITEM) {
                    continue;
                }
                order += 1.0;
                let entity = entity_from(kind, with_origin(t, template_id, &change.id, version, order))?;
                commands.push(Command::Create { id: change.id.clone(), entity });
            }
            (ChangeKind::Removed { edited_here }, _, Some(_)) if !edited_here || take(&change.key, WHOLE_ITEM) => {
                commands.push(Command::Delete { collection: kind, id: change.id.clone() });
            }
            (ChangeKind::Modified(fields), Some(_), Some(mut m)) => {
                if let Some(obj) = m.as_object_mut() {
                    for f in fields {
                        if f.resolution == Resolution::TakeTheirs || take(&change.key, &f.field) {
                            obj.insert(f.field.clone(), f.theirs.clone());
                        }
                    }
                    obj.insert(
                        "origin".into(),
                        serde_json::json!({ "template_id": template_id, "item_id": change.id, "version": version }),
                    );
                }
                commands.push(Command::Update { id: change.id.clone(), entity: entity_from(kind, m)? });
            }
            _ => {}
        }
    }
    let mut base = BTreeMap::new();
    for kind in KINDS {
        for (id, value) in items_of_template(template, kind) {
            base.insert(key(kind, &id), serde_json::to_string(&value).unwrap_or_default());
        }
    }
    let adoption = Adoption { template_title: template.meta.title.clone(), version, adopted_at: time_ms, base };
    commands.push(Command::SetAdoption { template_id: template_id.clone(), adoption });
    Ok(commands)
}
