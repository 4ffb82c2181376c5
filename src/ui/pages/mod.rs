//! One module per screen.

pub mod about;
pub mod accessibility;
pub mod backup;
pub mod create_workspace;
pub mod documents;
pub mod home;
pub mod import;
pub mod live_sync;
pub mod not_found;
pub mod roadmap;
pub mod rollup;
pub mod rollup_report;
pub mod templates;
pub mod workspace;
