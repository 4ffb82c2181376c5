//! Reusable pieces of the interface.

pub mod collectivity_search;
pub mod download;
pub mod form;
pub mod layout;
pub mod live_status;
pub mod markdown;
pub mod nav_link;
pub mod notices;
pub mod report_controls;
pub mod share_link;
pub mod status_badge;
pub mod title;
