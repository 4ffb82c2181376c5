//! Commands applied to a document: each one in one transaction, committed
//! with its [`ChangeContext`], or rolled back whole.

use crate::model::command::{ChangeContext, Collection, Command, Entity};
use crate::model::document::core::{read_meta, root_collections, Document};
use crate::model::document::sparse::Sparse;
use crate::model::error::{Error, Result};
use crate::model::kinds::measurements::{comment_key, COMMENTS};
use crate::model::kinds::meta::{DocKind, SCHEMA_VERSION};
use automerge::hydrate::Value as HydratedValue;
use automerge::transaction::Transactable;
use automerge::{AutoCommit, ObjId, ObjType, ReadDoc, Value, ROOT};
use autosurgeon::reconcile_prop;
use std::collections::{BTreeMap, BTreeSet, HashMap};

impl Document {
    /// Applies one user intent in one transaction, committed with `ctx`.
    /// On error nothing is changed.
    pub fn apply(&mut self, command: &Command, ctx: &ChangeContext) -> Result<()> {
        match self.apply_ops(command) {
            Ok(()) => {
                self.commit(ctx);
                Ok(())
            }
            Err(e) => {
                self.rollback();
                Err(e)
            }
        }
    }

    /// Applies several commands as one transaction and one change (bulk
    /// import, template adoption, demo). If any fails, none is applied.
    pub fn apply_batch(&mut self, commands: &[Command], ctx: &ChangeContext) -> Result<()> {
        self.fresh_series = fresh_series(commands);
        for command in commands {
            if let Err(e) = self.apply_ops(command) {
                self.rollback();
                return Err(e);
            }
        }
        self.fresh_series.clear();
        self.commit(ctx);
        Ok(())
    }

    /// Marks the document as demo data (set once, right after genesis).
    pub fn mark_as_demo(&mut self, ctx: &ChangeContext) -> Result<()> {
        let meta = self.map(&ROOT, "meta")?;
        self.doc.put(&meta, "demo", true)?;
        self.commit(ctx);
        self.meta.demo = true;
        Ok(())
    }

    /// Drops the open transaction, and what this document cached from it:
    /// commands keep `self.meta` in step with what they write to the header
    /// (title, schema version), so it is read back from the document. Our own
    /// header always reads; a failure keeps the previous copy.
    fn rollback(&mut self) {
        self.doc.rollback();
        self.fresh_series.clear();
        if let Ok(meta) = read_meta(&self.doc) {
            self.meta = meta;
        }
    }

    fn apply_ops(&mut self, command: &Command) -> Result<()> {
        let kind = self.meta.kind;
        match command {
            Command::SetTitle(title) => {
                let meta = self.map(&ROOT, "meta")?;
                self.doc.put(&meta, "title", title.as_str())?;
                self.meta.title = title.clone();
            }
            Command::SetProfile(profile) => {
                self.require(kind == DocKind::Workspace)?;
                reconcile_prop(&mut self.doc, ROOT, "profile", profile)?;
            }
            Command::SetAdoption { template_id, adoption } => {
                self.require(kind == DocKind::Workspace)?;
                let adoptions = self.map(&ROOT, "adoptions")?;
                reconcile_prop(&mut self.doc, &adoptions, template_id.as_str(), adoption)?;
            }
            Command::SetTemplateInfo(info) => {
                self.require(kind == DocKind::Template)?;
                reconcile_prop(&mut self.doc, ROOT, "info", info)?;
            }
            Command::Create { id, entity } => {
                self.require(entity.fits(kind))?;
                validate_id(id)?;
                let collection = self.collection_for_create(entity.collection().key())?;
                if self.doc.get(&collection, id.as_str())?.is_some() {
                    return Err(Error::invalid(format!("L'identifiant {id} existe déjà.")));
                }
                reconcile_entity(&mut self.doc, &collection, id, entity, &default_fields(entity))?;
                // Child maps are born with their parent: one genesis for them too.
                match entity {
                    Entity::Indicator(_) if kind == DocKind::Workspace => {
                        let measurements = self.map(&ROOT, "measurements")?;
                        match self.fresh_series.get(id.as_str()) {
                            // Two op set splices for the whole series instead
                            // of one per value (BENCHMARKS.md, fix F).
                            Some(values) => {
                                let series = values
                                    .iter()
                                    .map(|(p, v)| (p.clone(), HydratedValue::from(*v)))
                                    .collect::<HashMap<_, _>>();
                                self.doc.batch_create_object(
                                    &measurements,
                                    id.as_str(),
                                    &HydratedValue::Map(series.into()),
                                    false,
                                )?;
                            }
                            None => {
                                self.doc.put_object(&measurements, id.as_str(), ObjType::Map)?;
                            }
                        }
                    }
                    Entity::RoadmapAction(_) => {
                        let statuses = self.map(&ROOT, "statuses")?;
                        self.doc.put_object(&statuses, id.as_str(), ObjType::Map)?;
                    }
                    _ => {}
                }
            }
            Command::Update { id, entity } => {
                self.require(entity.fits(kind))?;
                let collection_kind = entity.collection();
                let collection = self.map(&ROOT, collection_kind.key())?;
                if self.doc.get(&collection, id.as_str())?.is_none() {
                    return Err(Error::not_found(collection_kind.item_label(), id));
                }
                reconcile_entity(&mut self.doc, &collection, id, entity, &default_fields(entity))?;
            }
            Command::Delete { collection, id } => {
                self.require(collection.belongs_to(kind))?;
                self.delete_cascade(*collection, id)?;
            }
            Command::RecordMeasurement { indicator_id, period, measurement } => {
                self.require(kind == DocKind::Workspace)?;
                if !measurement.value.is_finite() {
                    return Err(Error::invalid("La valeur de la mesure doit être un nombre."));
                }
                let key = period.to_string();
                // The values of an indicator this batch created were written with its series.
                let written = self
                    .fresh_series
                    .get(indicator_id.as_str())
                    .is_some_and(|values| values.get(&key) == Some(&measurement.value));
                if !written {
                    let series = self.indicator_series(indicator_id)?;
                    // One put replaces every value concurrently written there (a
                    // conflict the author saw is resolved) and a schema 1 map.
                    self.doc.put(&series, key.as_str(), measurement.value)?;
                }
                if !(written && measurement.comment.is_empty()) {
                    self.set_comment(&comment_key(indicator_id, &key), &measurement.comment)?;
                }
                self.raise_schema()?;
            }
            Command::DeleteMeasurement { indicator_id, period } => {
                self.require(kind == DocKind::Workspace)?;
                let series = self.indicator_series(indicator_id)?;
                let key = period.to_string();
                self.doc.delete(&series, key.as_str())?;
                self.set_comment(&comment_key(indicator_id, &key), "")?;
            }
            Command::SetParticipant { code, participant } => {
                self.require(kind == DocKind::Roadmap)?;
                if code.trim().is_empty() {
                    return Err(Error::invalid("Le code de la collectivité participante est obligatoire."));
                }
                let participants = self.map(&ROOT, "participants")?;
                reconcile_prop(&mut self.doc, &participants, code.as_str(), participant)?;
            }
            Command::SetParticipantStatus { action_id, participant, status } => {
                self.require(kind == DocKind::Roadmap)?;
                let statuses = self.map(&ROOT, "statuses")?;
                let per_action = self.map(&statuses, action_id).map_err(|_| Error::not_found("Action", action_id))?;
                reconcile_prop(&mut self.doc, &per_action, participant.as_str(), status)?;
            }
        }
        Ok(())
    }

    /// Writes a measurement's comment; an empty one is removed, not stored.
    fn set_comment(&mut self, key: &str, comment: &str) -> Result<()> {
        if comment.is_empty() {
            if let Some((Value::Object(ObjType::Map), comments)) = self.doc.get(&ROOT, COMMENTS)? {
                if self.doc.get(&comments, key)?.is_some() {
                    self.doc.delete(&comments, key)?;
                }
            }
            return Ok(());
        }
        let comments = self.collection_for_create(COMMENTS)?;
        self.doc.put(&comments, key, comment)?;
        Ok(())
    }

    /// Marks the document as written in this version's schema, once a
    /// command wrote something an older version could not read.
    fn raise_schema(&mut self) -> Result<()> {
        if self.meta.schema_version < SCHEMA_VERSION {
            let meta = self.map(&ROOT, "meta")?;
            self.doc.put(&meta, "schema_version", SCHEMA_VERSION)?;
            // Once per transaction; a rollback reads the header back.
            self.meta.schema_version = SCHEMA_VERSION;
        }
        Ok(())
    }

    /// The root map of a collection, for a new entity. A collection added to
    /// the schema after the document was born (`texts` and `questions` of a
    /// workspace) is created by the first command that needs it: the one
    /// exception to "root objects only in genesis", taken because the
    /// alternative is refusing the command. Two replicas of such an old
    /// document creating it concurrently would conflict, which is why new
    /// documents get every collection in genesis.
    fn collection_for_create(&mut self, key: &str) -> Result<ObjId> {
        if self.doc.get(&ROOT, key)?.is_none() && root_collections(self.meta.kind).contains(&key) {
            return Ok(self.doc.put_object(ROOT, key, ObjType::Map)?);
        }
        self.map(&ROOT, key)
    }
}

/// Indicator id → period → value: what a batch records for the indicators
/// it creates itself. An indicator for which the batch records a period
/// twice, or deletes measurements, is left to the ordinary path (one
/// command after the other), which keeps their order's meaning.
fn fresh_series(commands: &[Command]) -> BTreeMap<String, BTreeMap<String, f64>> {
    let mut fresh: BTreeMap<String, BTreeMap<String, f64>> = BTreeMap::new();
    let mut excluded = BTreeSet::new();
    for command in commands {
        match command {
            Command::Create { id, entity: Entity::Indicator(_) } => {
                fresh.entry(id.clone()).or_default();
            }
            Command::RecordMeasurement { indicator_id, period, measurement } if measurement.value.is_finite() => {
                if let Some(values) = fresh.get_mut(indicator_id.as_str()) {
                    if values.insert(period.to_string(), measurement.value).is_some() {
                        excluded.insert(indicator_id.clone());
                    }
                }
            }
            Command::DeleteMeasurement { indicator_id, .. }
            | Command::Delete { collection: Collection::Indicators, id: indicator_id } => {
                excluded.insert(indicator_id.clone());
            }
            _ => {}
        }
    }
    fresh.retain(|id, values| !values.is_empty() && !excluded.contains(id));
    fresh
}

fn validate_id(id: &str) -> Result<()> {
    if id.is_empty() || id.len() > 64 || id.contains('/') {
        return Err(Error::invalid("Identifiant d'entité invalide."));
    }
    Ok(())
}

/// The names of the fields of `entity` at their default value, which
/// [`Sparse`] leaves absent. serde and autosurgeon both name a field after
/// its Rust name (no field of `src/model` is renamed), so comparing the
/// entity's JSON with its blank's finds them, in microseconds; a field
/// either of them named otherwise would only be written, never lost
/// (`model_documents::a_blank_entity_of_every_kind_writes_nothing_and_reads_back`
/// checks that none is).
fn default_fields(entity: &Entity) -> BTreeSet<String> {
    let fields = |entity: &Entity| match serde_json::to_value(entity) {
        // An enum serializes as { "Variant": { fields } }.
        Ok(serde_json::Value::Object(variant)) => variant.into_iter().next().map(|(_, fields)| fields),
        _ => None,
    };
    match (fields(entity), fields(&entity.blank())) {
        (Some(serde_json::Value::Object(new)), Some(serde_json::Value::Object(blank))) => {
            new.into_iter().filter(|(key, value)| blank.get(key) == Some(value)).map(|(key, _)| key).collect()
        }
        _ => BTreeSet::new(),
    }
}

/// Reconciles an entity at `collection[id]`, leaving absent the `defaults`.
fn reconcile_entity(
    doc: &mut AutoCommit,
    collection: &ObjId,
    id: &str,
    entity: &Entity,
    defaults: &BTreeSet<String>,
) -> Result<()> {
    match entity {
        Entity::Axis(e) => reconcile_prop(doc, collection, id, Sparse { value: e, defaults }),
        Entity::Objective(e) => reconcile_prop(doc, collection, id, Sparse { value: e, defaults }),
        Entity::Action(e) => reconcile_prop(doc, collection, id, Sparse { value: e, defaults }),
        Entity::Milestone(e) => reconcile_prop(doc, collection, id, Sparse { value: e, defaults }),
        Entity::Risk(e) => reconcile_prop(doc, collection, id, Sparse { value: e, defaults }),
        Entity::Indicator(e) => reconcile_prop(doc, collection, id, Sparse { value: e, defaults }),
        Entity::BudgetLine(e) => reconcile_prop(doc, collection, id, Sparse { value: e, defaults }),
        Entity::Training(e) => reconcile_prop(doc, collection, id, Sparse { value: e, defaults }),
        Entity::Dataset(e) => reconcile_prop(doc, collection, id, Sparse { value: e, defaults }),
        Entity::Assessment(e) => reconcile_prop(doc, collection, id, Sparse { value: e, defaults }),
        Entity::RoadmapAxis(e) => reconcile_prop(doc, collection, id, Sparse { value: e, defaults }),
        Entity::RoadmapAction(e) => reconcile_prop(doc, collection, id, Sparse { value: e, defaults }),
        Entity::Comment(e) => reconcile_prop(doc, collection, id, Sparse { value: e, defaults }),
        Entity::Text(e) => reconcile_prop(doc, collection, id, Sparse { value: e, defaults }),
        Entity::Question(e) => reconcile_prop(doc, collection, id, Sparse { value: e, defaults }),
    }?;
    Ok(())
}
