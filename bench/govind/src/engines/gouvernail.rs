//! Gouvernail's model layer, through its public API only: the very code
//! path of the app (commands reconciled by autosurgeon, each commit carrying
//! author, time and message; `workspace()` hydrating the whole snapshot).
//!
//! Every measurement is what the UI records: a value and an empty comment
//! (the author and time are those of the change). Indicators are created with a name, a
//! unit and a monthly frequency, in the same transaction as their values
//! (as a CSV import into a new workspace would do).

use crate::engine::Replica;
use crate::workload::{period, Append, Edit, Native, Workload};
use automerge::ChangeHash;
use gouvernail::model::kinds::indicator::{Indicator, Measurement};
use gouvernail::model::kinds::workspace::Workspace;
use gouvernail::model::{ChangeContext, Command, DocKind, Document, Entity, Frequency, Period};

/// Time of the build; each later commit is one minute after the previous.
const T0: i64 = 1_795_897_288_000;
const AUTHOR: &str = "Bench (GOV-IND)";

pub struct Gouvernail {
    doc: Document,
    /// Commits made by this replica, to give each its own time.
    commits: i64,
}

impl Gouvernail {
    /// The document, for the prototypes of `engines::prototypes`.
    pub(crate) fn document(&self) -> &Document {
        &self.doc
    }

    fn next_ctx(&mut self, message: &str) -> ChangeContext {
        self.commits += 1;
        ChangeContext::new(AUTHOR, T0 + 60_000 * self.commits, message)
    }

    fn record(w: &Workload, indicator: usize, month: usize, value: f64) -> Command {
        Command::RecordMeasurement {
            indicator_id: w.ids[indicator].clone(),
            period: Period::parse(&period(month)).expect("valid period"),
            measurement: Measurement { value, comment: String::new() },
        }
    }

    fn apply(&mut self, commands: &[Command], message: &str) {
        let ctx = self.next_ctx(message);
        self.doc.apply_batch(commands, &ctx).expect("apply");
    }

    fn commands_at(&self, w: &Workload, edits: &[Edit]) -> Vec<Command> {
        edits.iter().map(|e| Self::record(w, e.indicator, e.month, e.value)).collect()
    }

    /// The workspace of `build` under another document id (`govind
    /// workspace` gives it a UUID, which a relay id needs).
    pub fn build_with_id(w: &Workload, id: &str) -> Self {
        let ctx = ChangeContext::new(AUTHOR, T0, "Création");
        let doc = Document::genesis(DocKind::Workspace, id.into(), "GOV-IND", &ctx).expect("genesis");
        let mut commands = Vec::with_capacity(w.size.n * (w.size.m + 1));
        for (i, id) in w.ids.iter().enumerate() {
            let indicator = Indicator {
                name: format!("Indicateur {}", i + 1),
                unit: "%".into(),
                frequency: Frequency::Month,
                ..Default::default()
            };
            commands.push(Command::Create { id: id.clone(), entity: Entity::Indicator(indicator) });
            for (month, value) in w.values[i].iter().enumerate() {
                commands.push(Self::record(w, i, month, *value));
            }
        }
        let mut replica = Gouvernail { doc, commits: 0 };
        replica.apply(&commands, "Import des mesures");
        replica
    }
}

impl Replica for Gouvernail {
    const NAME: &'static str = "gouvernail";
    type Snapshot = Workspace;
    type Mark = Vec<ChangeHash>;

    fn build(w: &Workload) -> Self {
        Self::build_with_id(w, "govind-v1")
    }

    fn edit(&mut self, w: &Workload, e: &Edit) {
        let command = self.commands_at(w, std::slice::from_ref(e));
        let ctx = self.next_ctx("Mesure");
        self.doc.apply(&command[0], &ctx).expect("apply");
    }

    fn edit_many(&mut self, w: &Workload, edits: &[Edit]) {
        let commands = self.commands_at(w, edits);
        self.apply(&commands, "Mesures");
    }

    fn append(&mut self, w: &Workload, a: &Append) {
        let mut edits: Vec<Edit> = a
            .values
            .iter()
            .enumerate()
            .map(|(k, v)| Edit { indicator: a.indicator, month: a.first_month + k, value: *v })
            .collect();
        edits.push(a.overwrite);
        let commands = self.commands_at(w, &edits);
        self.apply(&commands, "Mesures de l'année");
    }

    fn save(&mut self) -> Vec<u8> {
        self.doc.save()
    }

    fn load(bytes: &[u8]) -> Self {
        Gouvernail { doc: Document::load(bytes).expect("load"), commits: 0 }
    }

    fn materialize(&self) -> Workspace {
        self.doc.workspace().expect("workspace")
    }

    fn to_native(ws: &Workspace) -> Native {
        ws.measurements
            .iter()
            .map(|(id, series)| (id.clone(), series.iter().map(|(p, m)| (p.clone(), m.value)).collect()))
            .collect()
    }

    fn fork(&mut self) -> Self {
        Gouvernail { doc: self.doc.fork(), commits: self.commits }
    }

    fn mark(&mut self) -> Vec<ChangeHash> {
        self.doc.heads()
    }

    fn changes_since(&mut self, mark: &Vec<ChangeHash>) -> Vec<u8> {
        // `Document` exposes its Automerge document read-only; the copy is
        // only made for measuring, never timed.
        self.doc.automerge().clone().save_after(mark)
    }

    fn merge(&mut self, other: &mut Self) {
        self.doc.merge(&mut other.doc).expect("merge");
    }
}
