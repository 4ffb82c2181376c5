//! What only a browser has: IndexedDB as the [`Store`](super::Store)
//! (`indexed_db`, or memory when refused: `page_store`), settings and the
//! previous versions' data in `localStorage` (`local`), other tabs (`tabs`),
//! and the page's side of saving (`page`).

pub mod indexed_db;
pub mod local;
pub mod page;
pub mod page_store;
pub mod tabs;

pub use indexed_db::IndexedDb;
pub use local::{listen_to_local_writes, LocalStrings, LocalWrite, PageSettings};
pub use page::{estimate_usage, issue_now, on_page_hidden, request_persistence, Debouncer};
pub use page_store::PageStore;
pub use tabs::Tabs;
