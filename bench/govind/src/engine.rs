//! What every contender implements: the GOV-IND phases as plain operations,
//! so [`crate::phases`] times them all with the same code.

use crate::workload::{Append, Edit, Native, Workload};

/// One replica of the indicator data set in a given engine.
///
/// Each method is one phase step. Methods panic on engine errors: a
/// benchmark that cannot complete its workload has nothing to report.
pub trait Replica: Sized {
    /// Name in reports and on the command line.
    const NAME: &'static str;
    /// What [`Replica::materialize`] returns: the engine's own native
    /// structure (Gouvernail's `Workspace`, a `BTreeMap` for the others).
    type Snapshot;
    /// Where a replica stood at the fork, to measure what it added since.
    type Mark;

    /// The whole data set in one transaction.
    fn build(w: &Workload) -> Self;
    /// One value, in its own commit.
    fn edit(&mut self, w: &Workload, e: &Edit);
    /// Several values in one commit (replica A).
    fn edit_many(&mut self, w: &Workload, edits: &[Edit]);
    /// Twelve months appended and one value overwritten, in one commit (replica B).
    fn append(&mut self, w: &Workload, a: &Append);
    fn save(&mut self) -> Vec<u8>;
    fn load(bytes: &[u8]) -> Self;
    fn materialize(&self) -> Self::Snapshot;
    /// The common shape of a snapshot, for correctness checks (never timed).
    fn to_native(snapshot: &Self::Snapshot) -> Native;
    fn fork(&mut self) -> Self;
    fn mark(&mut self) -> Self::Mark;
    /// The bytes another replica at `mark` needs to catch up with this one.
    fn changes_since(&mut self, mark: &Self::Mark) -> Vec<u8>;
    /// Brings in everything `other` has that this replica lacks.
    fn merge(&mut self, other: &mut Self);
}
