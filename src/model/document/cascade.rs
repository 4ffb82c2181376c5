//! Deleting an entity deletes what hangs from it: the objectives of an axis,
//! the actions of an objective, the milestones and risks of an action, the
//! measurements and comments of an indicator; links to it are cleared.

use crate::model::command::Collection;
use crate::model::document::core::Document;
use crate::model::error::{Error, Result};
use crate::model::kinds::measurements::{indicator_of_comment, COMMENTS};
use crate::model::kinds::meta::DocKind;
use automerge::transaction::Transactable;
use automerge::{ObjType, ReadDoc, Value, ROOT};

impl Document {
    pub(super) fn delete_cascade(&mut self, collection: Collection, id: &str) -> Result<()> {
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

    pub(super) fn delete_key(&mut self, root_key: &str, id: &str) -> Result<()> {
        let map = self.map(&ROOT, root_key)?;
        if self.doc.get(&map, id)?.is_some() {
            self.doc.delete(&map, id)?;
        }
        Ok(())
    }

    /// Removes the comments of a deleted indicator's measurements.
    pub(super) fn delete_comments_of(&mut self, indicator_id: &str) -> Result<()> {
        let Some((Value::Object(ObjType::Map), comments)) = self.doc.get(&ROOT, COMMENTS)? else { return Ok(()) };
        let keys: Vec<String> = self.doc.keys(&comments).filter(|k| indicator_of_comment(k) == indicator_id).collect();
        for key in keys {
            self.doc.delete(&comments, key.as_str())?;
        }
        Ok(())
    }

    /// Ids of the entities of `collection` whose `field` equals `parent_id`.
    pub(super) fn children(&self, collection: Collection, field: &str, parent_id: &str) -> Result<Vec<String>> {
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

    pub(super) fn delete_children(&mut self, collection: Collection, field: &str, parent_id: &str) -> Result<()> {
        for child in self.children(collection, field, parent_id)? {
            self.delete_cascade(collection, &child)?;
        }
        Ok(())
    }

    pub(super) fn clear_links(&mut self, collection: Collection, field: &str, target_id: &str) -> Result<()> {
        let map = self.map(&ROOT, collection.key())?;
        for child in self.children(collection, field, target_id)? {
            let obj = self.map(&map, &child)?;
            self.doc.put(&obj, field, "")?;
        }
        Ok(())
    }
}
