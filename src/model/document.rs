//! [`Document`]: one Gouvernail document over an Automerge `AutoCommit`.
//!
//! This is the only place that writes Automerge operations. It guards the
//! invariants of DESIGN.md:
//!
//! * one genesis per document: [`Document::genesis`] is the only constructor
//!   that creates root objects; everything else starts from bytes
//!   ([`Document::load`]) and merging checks that both sides share `meta.id`;
//! * entities live in maps keyed by UUID, measurements by period;
//! * each command is one transaction, committed with author, time and message;
//! * the actor id is whatever the caller sets after loading ([`Document::set_actor`]).

use crate::model::cached_read::CachedRead;
use crate::model::command::{ChangeContext, Collection, Command, Entity};
use crate::model::error::{Error, ErrorKind, Result};
use crate::model::meta::{DocKind, Meta, SCHEMA_VERSION};
use crate::model::roadmap::{Roadmap, ROADMAP_COLLECTIONS};
use crate::model::sparse::Sparse;
use crate::model::template::{Template, TEMPLATE_COLLECTIONS};
use crate::model::measurements::{self, comment_key, indicator_of_comment, Recorded, COMMENTS};
use crate::model::workspace::{Workspace, WORKSPACE_COLLECTIONS};
use automerge::hydrate::Value as HydratedValue;
use automerge::transaction::{CommitOptions, Transactable};
use automerge::{ActorId, AutoCommit, ChangeHash, ObjId, ObjType, ReadDoc, Value, ROOT};
use autosurgeon::{hydrate_prop, reconcile_prop};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A Gouvernail document (Workspace, Roadmap or Template).
#[derive(Debug)]
pub struct Document {
    doc: AutoCommit,
    meta: Meta,
    /// During [`Document::apply_batch`]: the values the batch records for the
    /// indicators it creates, written with their series in one operation.
    fresh_series: BTreeMap<String, BTreeMap<String, f64>>,
}

/// One entry of a document's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub hash: String,
    pub actor: String,
    pub author: String,
    pub message: String,
    pub time_ms: i64,
}

/// What a merge brought in.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MergeSummary {
    /// Number of changes that were new to this replica.
    pub new_changes: usize,
    /// Authors of those changes, as recorded on them.
    pub authors: BTreeSet<String>,
    /// Collection key (`indicators`, `measurements`…) → ids of the entities changed.
    pub changed: BTreeMap<String, BTreeSet<String>>,
}

impl MergeSummary {
    pub fn is_empty(&self) -> bool {
        self.new_changes == 0
    }

    /// Number of distinct entities changed, all collections together.
    pub fn entities_changed(&self) -> usize {
        self.changed.values().map(BTreeSet::len).sum()
    }
}

/// The commit message stored on each change: author and message as JSON, so
/// any Automerge implementation can read it back.
#[derive(Serialize, Deserialize)]
struct CommitNote {
    author: String,
    message: String,
}

impl Document {
    /// Creates a brand-new document: the only place root objects are made.
    pub fn genesis(kind: DocKind, id: String, title: &str, ctx: &ChangeContext) -> Result<Document> {
        let meta = Meta {
            id,
            kind,
            schema_version: SCHEMA_VERSION,
            title: title.to_string(),
            created_by: ctx.author.clone(),
            created_at: ctx.time_ms,
            demo: false,
        };
        let mut doc = AutoCommit::new();
        reconcile_prop(&mut doc, ROOT, "meta", &meta)?;
        for key in root_collections(kind) {
            doc.put_object(ROOT, *key, ObjType::Map)?;
        }
        match kind {
            DocKind::Workspace => {
                doc.put_object(ROOT, "profile", ObjType::Map)?;
            }
            DocKind::Template => {
                doc.put_object(ROOT, "info", ObjType::Map)?;
            }
            DocKind::Roadmap => {}
        }
        let mut document = Document { doc, meta, fresh_series: BTreeMap::new() };
        document.commit(ctx);
        Ok(document)
    }

    /// Opens a document from bytes (a file, a link, storage). Never creates one.
    pub fn load(bytes: &[u8]) -> Result<Document> {
        if bytes.is_empty() {
            return Err(Error::new(ErrorKind::NotAutomerge));
        }
        let doc = AutoCommit::load(bytes).map_err(|_| Error::new(ErrorKind::NotAutomerge))?;
        let meta = read_meta(&doc)?;
        Ok(Document { doc, meta, fresh_series: BTreeMap::new() })
    }

    pub fn meta(&self) -> &Meta {
        &self.meta
    }

    pub fn id(&self) -> &str {
        &self.meta.id
    }

    pub fn kind(&self) -> DocKind {
        self.meta.kind
    }

    /// Uses this device's actor id for the changes made from now on.
    pub fn set_actor(&mut self, actor: &ActorId) {
        self.doc.set_actor(actor.clone());
    }

    pub fn actor(&self) -> &ActorId {
        self.doc.get_actor()
    }

    /// The whole document as bytes: exactly Automerge's `save()`, so any
    /// Automerge implementation can open it.
    pub fn save(&mut self) -> Vec<u8> {
        self.doc.save()
    }

    /// A copy sharing this document's history, with a new random actor.
    pub fn fork(&mut self) -> Document {
        Document { doc: self.doc.fork(), meta: self.meta.clone(), fresh_series: BTreeMap::new() }
    }

    pub fn heads(&mut self) -> Vec<ChangeHash> {
        self.doc.get_heads()
    }

    /// Brings in the changes of `other`, which must share this document's genesis.
    pub fn merge(&mut self, other: &mut Document) -> Result<MergeSummary> {
        if other.meta.id != self.meta.id {
            return Err(Error::new(ErrorKind::DifferentDocument));
        }
        let incoming = self.doc.get_changes_added(&mut other.doc);
        if incoming.is_empty() {
            return Ok(MergeSummary::default());
        }
        let authors = incoming.iter().map(|c| parse_note(c.message()).0).collect();
        let new_changes = incoming.len();
        let before = self.doc.get_heads();
        // With a diff cursor set, Automerge indexes the ops this merge
        // applies, and the diff below reads them instead of scanning every op
        // of the document (half the cost of a merge; BENCHMARKS.md, fix D).
        self.doc.update_diff_cursor();
        // What `AutoCommit::merge` does, without finding the changes again (fix E).
        let merged = self.doc.apply_changes(incoming);
        let after = self.doc.get_heads();
        let changed = changed_entities(&mut self.doc, &before, &after);
        self.doc.reset_diff_cursor();
        merged?;
        self.meta = read_meta(&self.doc)?;
        Ok(MergeSummary { new_changes, authors, changed })
    }

    /// Merges a saved document given as bytes (a received file or link).
    /// Fails, changing nothing, if the bytes do not decode or come from another document.
    pub fn merge_bytes(&mut self, bytes: &[u8]) -> Result<MergeSummary> {
        let mut other = Document::load(bytes)?;
        self.merge(&mut other)
    }

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

    fn commit(&mut self, ctx: &ChangeContext) {
        let note = CommitNote { author: ctx.author.clone(), message: ctx.message.clone() };
        let message = serde_json::to_string(&note).unwrap_or_else(|_| ctx.message.clone());
        self.doc.commit_with(CommitOptions::default().with_message(message).with_time(ctx.time_ms));
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
                                let series = values.iter().map(|(p, v)| (p.clone(), HydratedValue::from(*v))).collect::<HashMap<_, _>>();
                                self.doc.batch_create_object(&measurements, id.as_str(), &HydratedValue::Map(series.into()), false)?;
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
                let written = self.fresh_series.get(indicator_id.as_str()).is_some_and(|values| values.get(&key) == Some(&measurement.value));
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

    fn require(&self, ok: bool) -> Result<()> {
        if ok {
            Ok(())
        } else {
            Err(Error::new(ErrorKind::WrongKind))
        }
    }

    /// The measurement map of an indicator, which must exist.
    fn indicator_series(&self, indicator_id: &str) -> Result<ObjId> {
        let indicators = self.map(&ROOT, "indicators")?;
        if self.doc.get(&indicators, indicator_id)?.is_none() {
            return Err(Error::not_found("Indicateur", indicator_id));
        }
        let measurements = self.map(&ROOT, "measurements")?;
        self.map(&measurements, indicator_id)
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

    /// The map object at `parent[key]`.
    fn map(&self, parent: &ObjId, key: &str) -> Result<ObjId> {
        map_at(&self.doc, parent, key)
    }

    fn delete_cascade(&mut self, collection: Collection, id: &str) -> Result<()> {
        let map = self.map(&ROOT, collection.key())?;
        if self.doc.get(&map, id)?.is_none() {
            return Err(Error::not_found(collection.item_label(), id));
        }
        self.doc.delete(&map, id)?;
        let kind = self.meta.kind;
        match (kind, collection) {
            (DocKind::Roadmap, Collection::Axes) => {
                self.delete_children(Collection::Actions, "axis_id", id)?;
            }
            (DocKind::Roadmap, Collection::Actions) => {
                self.delete_key("statuses", id)?;
                self.delete_children(Collection::Comments, "action_id", id)?;
            }
            (_, Collection::Axes) => {
                self.delete_children(Collection::Objectives, "axis_id", id)?;
            }
            (_, Collection::Objectives) => {
                self.delete_children(Collection::Actions, "objective_id", id)?;
                if kind == DocKind::Workspace {
                    self.clear_links(Collection::Indicators, "objective_id", id)?;
                }
            }
            (DocKind::Workspace, Collection::Actions) => {
                self.delete_children(Collection::Milestones, "action_id", id)?;
                self.delete_children(Collection::Risks, "action_id", id)?;
                self.clear_links(Collection::BudgetLines, "action_id", id)?;
            }
            (DocKind::Workspace, Collection::Indicators) => {
                self.delete_key("measurements", id)?;
                self.delete_comments_of(id)?;
            }
            _ => {}
        }
        Ok(())
    }

    fn delete_key(&mut self, root_key: &str, id: &str) -> Result<()> {
        let map = self.map(&ROOT, root_key)?;
        if self.doc.get(&map, id)?.is_some() {
            self.doc.delete(&map, id)?;
        }
        Ok(())
    }

    /// Removes the comments of a deleted indicator's measurements.
    fn delete_comments_of(&mut self, indicator_id: &str) -> Result<()> {
        let Some((Value::Object(ObjType::Map), comments)) = self.doc.get(&ROOT, COMMENTS)? else { return Ok(()) };
        let keys: Vec<String> = self.doc.keys(&comments).filter(|k| indicator_of_comment(k) == indicator_id).collect();
        for key in keys {
            self.doc.delete(&comments, key.as_str())?;
        }
        Ok(())
    }

    /// Ids of the entities of `collection` whose `field` equals `parent_id`.
    fn children(&self, collection: Collection, field: &str, parent_id: &str) -> Result<Vec<String>> {
        let map = self.map(&ROOT, collection.key())?;
        let mut ids = Vec::new();
        for key in self.doc.keys(&map) {
            let child = self.map(&map, &key)?;
            if let Some((Value::Scalar(v), _)) = self.doc.get(&child, field)? {
                if v.as_str() == Some(parent_id) {
                    ids.push(key);
                }
            }
        }
        Ok(ids)
    }

    fn delete_children(&mut self, collection: Collection, field: &str, parent_id: &str) -> Result<()> {
        for child in self.children(collection, field, parent_id)? {
            self.delete_cascade(collection, &child)?;
        }
        Ok(())
    }

    fn clear_links(&mut self, collection: Collection, field: &str, target_id: &str) -> Result<()> {
        let map = self.map(&ROOT, collection.key())?;
        for child in self.children(collection, field, target_id)? {
            let obj = self.map(&map, &child)?;
            self.doc.put(&obj, field, "")?;
        }
        Ok(())
    }

    /// Snapshot of a Workspace document.
    pub fn workspace(&self) -> Result<Workspace> {
        self.require(self.meta.kind == DocKind::Workspace)?;
        Ok(autosurgeon::hydrate(&CachedRead::new(&self.doc))?)
    }

    pub fn roadmap(&self) -> Result<Roadmap> {
        self.require(self.meta.kind == DocKind::Roadmap)?;
        Ok(autosurgeon::hydrate(&CachedRead::new(&self.doc))?)
    }

    pub fn template(&self) -> Result<Template> {
        self.require(self.meta.kind == DocKind::Template)?;
        Ok(autosurgeon::hydrate(&CachedRead::new(&self.doc))?)
    }

    /// Period → the values recorded for one indicator's measurement, with
    /// who recorded each and when (read from the change that wrote it). One
    /// value per period, or several when replicas recorded different values
    /// without seeing each other: the snapshot shows the first, Automerge
    /// keeps the others until someone records a value over them.
    pub fn measurement_records(&mut self, indicator_id: &str) -> Result<BTreeMap<String, Vec<Recorded>>> {
        self.require(self.meta.kind == DocKind::Workspace)?;
        let series = self.indicator_series(indicator_id)?;
        measurements::records(&mut self.doc, &series)
    }

    /// Time of the latest change (the newest of the heads), without reading
    /// the whole history.
    pub fn last_change_ms(&mut self) -> i64 {
        let heads = self.doc.get_heads();
        heads
            .iter()
            .filter_map(|h| self.doc.get_change_meta_by_hash(h).map(|c| c.timestamp))
            .max()
            .unwrap_or(0)
    }

    /// The changes that make up this document, oldest first.
    pub fn history(&mut self) -> Vec<HistoryEntry> {
        self.doc
            .get_changes(&[])
            .iter()
            .map(|change| {
                let (author, message) = parse_note(change.message());
                HistoryEntry {
                    hash: change.hash().to_string(),
                    actor: change.actor_id().to_hex_string(),
                    author,
                    message,
                    time_ms: change.timestamp(),
                }
            })
            .collect()
    }

    /// Read access for code that needs raw Automerge (benchmarks, interop tests).
    pub fn automerge(&self) -> &AutoCommit {
        &self.doc
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
            Command::DeleteMeasurement { indicator_id, .. } | Command::Delete { collection: Collection::Indicators, id: indicator_id } => {
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

/// The collections a document of `kind` is born with.
fn root_collections(kind: DocKind) -> &'static [&'static str] {
    match kind {
        DocKind::Workspace => &WORKSPACE_COLLECTIONS,
        DocKind::Roadmap => &ROADMAP_COLLECTIONS,
        DocKind::Template => &TEMPLATE_COLLECTIONS,
    }
}

fn map_at(doc: &AutoCommit, parent: &ObjId, key: &str) -> Result<ObjId> {
    match doc.get(parent, key)? {
        Some((Value::Object(ObjType::Map), obj)) => Ok(obj),
        _ => Err(Error::corrupt(format!("la clé « {key} » n'est pas une table"))),
    }
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
fn reconcile_entity(doc: &mut AutoCommit, collection: &ObjId, id: &str, entity: &Entity, defaults: &BTreeSet<String>) -> Result<()> {
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

/// Reads and checks the header; refuses documents we did not write or cannot read.
fn read_meta(doc: &AutoCommit) -> Result<Meta> {
    let meta: Meta = match doc.get(ROOT, "meta") {
        Ok(Some((Value::Object(ObjType::Map), _))) => {
            hydrate_prop(doc, ROOT, "meta").map_err(|_| Error::new(ErrorKind::NotGouvernail))?
        }
        _ => return Err(Error::new(ErrorKind::NotGouvernail)),
    };
    if meta.id.is_empty() {
        return Err(Error::new(ErrorKind::NotGouvernail));
    }
    if meta.schema_version > SCHEMA_VERSION {
        return Err(Error::new(ErrorKind::UnsupportedSchema { found: meta.schema_version, supported: SCHEMA_VERSION }));
    }
    Ok(meta)
}

/// Splits a commit message into (author, message); foreign messages are kept whole.
pub(crate) fn parse_note(message: Option<&str>) -> (String, String) {
    match message {
        None => (String::new(), String::new()),
        Some(text) => match serde_json::from_str::<CommitNote>(text) {
            Ok(note) => (note.author, note.message),
            Err(_) => (String::new(), text.to_string()),
        },
    }
}

/// Which entities a range of history touched: the first two keys of each
/// patch's path (`indicators` / id, `measurements` / indicator id…).
fn changed_entities(
    doc: &mut AutoCommit,
    before: &[ChangeHash],
    after: &[ChangeHash],
) -> BTreeMap<String, BTreeSet<String>> {
    use automerge::{Patch, PatchAction, Prop};
    let mut changed: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let patches: Vec<Patch> = doc.diff(before, after);
    for patch in patches {
        let mut props: Vec<String> = patch
            .path
            .iter()
            .map(|(_, prop)| match prop {
                Prop::Map(k) => k.clone(),
                Prop::Seq(i) => i.to_string(),
            })
            .collect();
        match &patch.action {
            PatchAction::PutMap { key, .. } | PatchAction::DeleteMap { key } => props.push(key.clone()),
            _ => {}
        }
        if let (Some(collection), Some(id)) = (props.first(), props.get(1)) {
            // A comment is part of its indicator's measurements.
            if collection == COMMENTS {
                changed.entry("measurements".into()).or_default().insert(indicator_of_comment(id).to_string());
                continue;
            }
            changed.entry(collection.clone()).or_default().insert(id.clone());
        } else if let Some(collection) = props.first() {
            changed.entry(collection.clone()).or_default();
        }
    }
    changed.retain(|_, ids| !ids.is_empty());
    changed
}

/// A fresh random id for a new entity or document.
pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// A fresh actor id for a new device.
pub fn new_actor() -> ActorId {
    ActorId::random()
}
