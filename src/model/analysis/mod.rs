//! What the screens compute from snapshots: indicator status, budget
//! execution, the dashboard, the maturity score, the intercommunality's
//! roll-up, the projects' timeline and the steering report. Pure functions
//! of snapshots and a date, tested natively.

pub mod budget;
pub mod dashboard;
pub mod maturity;
pub mod report;
pub mod rollup;
pub mod status;
pub mod timeline;
