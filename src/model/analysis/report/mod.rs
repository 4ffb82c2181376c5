//! The steering report (« Rapport de pilotage ») as plain data: what a
//! director presents to the comité de pilotage, for one workspace or for
//! the intercommunality's communes, over a chosen period. Computed from
//! snapshots and a date, tested natively; `exchange::report` renders it.

pub mod budget;
pub mod capacity;
pub mod indicators;
pub mod intercommunality;
pub mod period;
pub mod projects;
pub mod workspace;
