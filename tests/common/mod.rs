//! Builders shared by the native test files.
#![allow(dead_code)]

use gouvernail::model::kinds::indicator::{Indicator, Measurement};
use gouvernail::model::{ChangeContext, Command, DocKind, Document, Entity, Period};

pub fn ctx(author: &str, message: &str) -> ChangeContext {
    ChangeContext::new(author, 1_795_897_288_000, message)
}

/// The document as another process would open it from its bytes.
pub fn reload(doc: &mut Document) -> Document {
    Document::load(&doc.save()).unwrap()
}

pub fn new_workspace(title: &str) -> Document {
    Document::genesis(DocKind::Workspace, gouvernail::model::new_id(), title, &ctx("Directrice", "Création")).unwrap()
}

pub fn indicator(name: &str) -> Indicator {
    Indicator { name: name.to_string(), unit: "%".to_string(), ..Default::default() }
}

pub fn create_indicator(doc: &mut Document, id: &str, name: &str) {
    doc.apply(
        &Command::Create { id: id.to_string(), entity: Entity::Indicator(indicator(name)) },
        &ctx("Directrice", "Nouvel indicateur"),
    )
    .unwrap();
}

pub fn record(doc: &mut Document, indicator_id: &str, period: &str, value: f64, author: &str) {
    doc.apply(
        &Command::RecordMeasurement {
            indicator_id: indicator_id.to_string(),
            period: Period::parse(period).unwrap(),
            measurement: Measurement { value, ..Default::default() },
        },
        &ctx(author, "Saisie d'une mesure"),
    )
    .unwrap();
}
