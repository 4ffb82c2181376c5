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

use crate::model::command::ChangeContext;
use crate::model::document::cached_read::CachedRead;
use crate::model::document::diff::{changed_entities, MergeSummary};
use crate::model::document::note::{parse_note, write_note};
use crate::model::error::{Error, ErrorKind, Result};
use crate::model::kinds::meta::{DocKind, Meta, SCHEMA_VERSION};
use crate::model::kinds::roadmap::{Roadmap, ROADMAP_COLLECTIONS};
use crate::model::kinds::template::{Template, TEMPLATE_COLLECTIONS};
use crate::model::kinds::workspace::{Workspace, WORKSPACE_COLLECTIONS};
use automerge::transaction::{CommitOptions, Transactable};
use automerge::{ActorId, AutoCommit, ChangeHash, ObjId, ObjType, ReadDoc, Value, ROOT};
use autosurgeon::{hydrate_prop, reconcile_prop};
use std::collections::BTreeMap;

/// A Gouvernail document (Workspace, Roadmap or Template).
#[derive(Debug)]
pub struct Document {
    pub(super) doc: AutoCommit,
    pub(super) meta: Meta,
    /// During [`Document::apply_batch`]: the values the batch records for the
    /// indicators it creates, written with their series in one operation.
    pub(super) fresh_series: BTreeMap<String, BTreeMap<String, f64>>,
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

    pub(super) fn commit(&mut self, ctx: &ChangeContext) {
        self.doc.commit_with(CommitOptions::default().with_message(write_note(ctx)).with_time(ctx.time_ms));
    }

    pub(super) fn require(&self, ok: bool) -> Result<()> {
        if ok {
            Ok(())
        } else {
            Err(Error::new(ErrorKind::WrongKind))
        }
    }

    /// The measurement map of an indicator, which must exist.
    pub(super) fn indicator_series(&self, indicator_id: &str) -> Result<ObjId> {
        let indicators = self.map(&ROOT, "indicators")?;
        if self.doc.get(&indicators, indicator_id)?.is_none() {
            return Err(Error::not_found("Indicateur", indicator_id));
        }
        let measurements = self.map(&ROOT, "measurements")?;
        self.map(&measurements, indicator_id)
    }

    /// The map object at `parent[key]`.
    pub(super) fn map(&self, parent: &ObjId, key: &str) -> Result<ObjId> {
        map_at(&self.doc, parent, key)
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

    /// Read access for code that needs raw Automerge (benchmarks, interop tests).
    pub fn automerge(&self) -> &AutoCommit {
        &self.doc
    }
}

/// The collections a document of `kind` is born with.
pub(super) fn root_collections(kind: DocKind) -> &'static [&'static str] {
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

/// Reads and checks the header; refuses documents we did not write or cannot read.
pub(super) fn read_meta(doc: &AutoCommit) -> Result<Meta> {
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

/// A fresh actor id for a new device.
pub fn new_actor() -> ActorId {
    ActorId::random()
}
