//! `localStorage`, for what it is still good at: small typed settings,
//! through gloo-storage ([`LocalSettings`]), and reading (then removing) the
//! previous versions' documents ([`LocalStrings`]).
//!
//! gloo-storage throws a JavaScript exception, rather than returning an
//! error, when `localStorage` itself is refused (blocked site data, some
//! sandboxed frames): [`local_storage`] checks that first, and the page
//! keeps its settings in memory when it is refused.

use crate::storage::journal;
use crate::storage::legacy::LegacyKey;
use crate::storage::settings::{MemorySettings, Setting, SettingsStore};
use crate::storage::strings::StringStore;
use crate::storage::StoreError;
use gloo_events::EventListener;
use gloo_storage::errors::StorageError;
use gloo_storage::{LocalStorage, Storage};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsCast;

/// `window.localStorage`, if the browser grants it.
pub fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Settings in `localStorage` through gloo-storage (JSON values).
#[derive(Debug, Clone, Copy)]
pub struct LocalSettings;

impl SettingsStore for LocalSettings {
    fn get<T: DeserializeOwned>(&self, setting: &Setting<T>) -> Option<T> {
        LocalStorage::get(setting.key).ok()
    }

    fn set<T: Serialize>(&mut self, setting: &Setting<T>, value: &T) -> Result<(), StoreError> {
        LocalStorage::set(setting.key, value).map_err(|error| match error {
            StorageError::JsError(e) if e.name == "QuotaExceededError" => StoreError::QuotaExceeded,
            other => StoreError::Unavailable(other.to_string()),
        })
    }
}

/// The settings of the page: in `localStorage`, or in memory when refused.
#[derive(Debug, Clone)]
pub enum PageSettings {
    Local(LocalSettings),
    Memory(MemorySettings),
}

impl PageSettings {
    pub fn open() -> PageSettings {
        match local_storage() {
            Some(_) => PageSettings::Local(LocalSettings),
            None => PageSettings::Memory(MemorySettings::default()),
        }
    }
}

impl SettingsStore for PageSettings {
    fn get<T: DeserializeOwned>(&self, setting: &Setting<T>) -> Option<T> {
        match self {
            PageSettings::Local(s) => s.get(setting),
            PageSettings::Memory(s) => s.get(setting),
        }
    }

    fn set<T: Serialize>(&mut self, setting: &Setting<T>, value: &T) -> Result<(), StoreError> {
        match self {
            PageSettings::Local(s) => s.set(setting, value),
            PageSettings::Memory(s) => s.set(setting, value),
        }
    }
}

/// The previous versions' keys in `localStorage`.
#[derive(Clone)]
pub struct LocalStrings(web_sys::Storage);

impl LocalStrings {
    pub fn open() -> Option<LocalStrings> {
        local_storage().map(LocalStrings)
    }
}

impl StringStore for LocalStrings {
    fn get(&self, key: &str) -> Option<String> {
        self.0.get_item(key).ok().flatten()
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.0.set_item(key, value).map_err(|error| {
            let name = error.dyn_ref::<web_sys::DomException>().map(|e| e.name()).unwrap_or_default();
            if name == "QuotaExceededError" {
                StoreError::QuotaExceeded
            } else {
                StoreError::Unavailable(name)
            }
        })
    }

    fn remove(&mut self, key: &str) {
        let _ = self.0.remove_item(key);
    }

    fn keys(&self) -> Vec<String> {
        let length = self.0.length().unwrap_or(0);
        (0..length).filter_map(|i| self.0.key(i).ok().flatten()).collect()
    }
}

/// What another tab wrote to `localStorage` that concerns documents.
pub enum LocalWrite {
    /// An older version of the app saved a document under its old key.
    OlderVersion(String),
    /// A page being closed journaled a document's last changes.
    Journal(String),
}

/// Calls `on_write` when another tab writes a document to `localStorage`
/// (the browser fires `storage` in every other tab of the origin). Keep the
/// listener alive.
pub fn listen_to_local_writes(on_write: impl Fn(LocalWrite) + 'static) -> Option<EventListener> {
    let window = web_sys::window()?;
    Some(EventListener::new(&window, "storage", move |event| {
        let Some(event) = event.dyn_ref::<web_sys::StorageEvent>() else { return };
        // A removal (a migration or a journal replayed elsewhere) has no new value.
        let (Some(key), Some(_)) = (event.key(), event.new_value()) else { return };
        if let Some(LegacyKey::Doc(id)) = LegacyKey::parse(&key) {
            on_write(LocalWrite::OlderVersion(id));
        } else if let Some((id, _)) = journal::parse(&key) {
            on_write(LocalWrite::Journal(id));
        }
    }))
}
