//! What moves between collectivités and tools: share links and files,
//! spreadsheets (CSV), templates adopted and updated, the official list of
//! communes and EPCI, and the steering report (a page and an HTML file).

pub mod adoption;
pub mod referential;
pub mod relay;
pub mod report;
pub mod share;
pub mod skeleton;
pub mod spreadsheet;
