//! `localStorage`, for what it is still good at: small typed settings,
//! through gloo-storage ([`LocalSettings`]), and reading (then removing) the
//! previous versions' documents ([`LocalLegacy`]).
//!
//! gloo-storage throws a JavaScript exception, rather than returning an
//! error, when `localStorage` itself is refused (blocked site data, some
//! sandboxed frames): [`local_storage`] checks that first, and the page
//! keeps its settings in memory when it is refused.

use crate::storage::legacy::{LegacyKey, LegacyStore};
use crate::storage::settings::{MemorySettings, Setting, SettingsStore};
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
pub struct LocalLegacy(web_sys::Storage);

impl LocalLegacy {
    pub fn open() -> Option<LocalLegacy> {
        local_storage().map(LocalLegacy)
    }
}

impl LegacyStore for LocalLegacy {
    fn get(&self, key: &str) -> Option<String> {
        self.0.get_item(key).ok().flatten()
    }

    fn remove(&mut self, key: &str) {
        let _ = self.0.remove_item(key);
    }

    fn keys(&self) -> Vec<String> {
        let length = self.0.length().unwrap_or(0);
        (0..length).filter_map(|i| self.0.key(i).ok().flatten()).collect()
    }
}

/// Calls `on_write(document id)` when an older version of the app, open in
/// another tab, writes a document under its old key (the browser fires
/// `storage` in every other tab of the origin). Keep the listener alive.
pub fn listen_to_older_versions(on_write: impl Fn(String) + 'static) -> Option<EventListener> {
    let window = web_sys::window()?;
    Some(EventListener::new(&window, "storage", move |event| {
        let key = event.dyn_ref::<web_sys::StorageEvent>().and_then(|e| e.key());
        // A removal (our own migration, seen from another tab) has no new value.
        let written = event.dyn_ref::<web_sys::StorageEvent>().and_then(|e| e.new_value()).is_some();
        if let (Some(LegacyKey::Doc(id)), true) = (key.as_deref().and_then(LegacyKey::parse), written) {
            on_write(id);
        }
    }))
}
