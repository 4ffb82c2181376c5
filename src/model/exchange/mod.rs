//! What moves between collectivités and tools: share links and files,
//! spreadsheets (CSV), templates adopted and updated, the official list of
//! communes and EPCI.

pub mod adoption;
pub mod referential;
pub mod relay;
pub mod share;
pub mod skeleton;
pub mod spreadsheet;
