//! The browser side of storage: `localStorage` as a [`KeyValueStore`], the
//! `storage` event other tabs fire, debounced saving, and `navigator.storage`
//! (persistence request and usage estimate).
//!
//! We call `web_sys::Storage` directly rather than gloo-storage: gloo's
//! `LocalStorage::raw()` panics when storage is unavailable (private modes,
//! blocked cookies) and its typed API JSON-encodes values, while we need the
//! raw `DOMException` name to tell "quota exceeded" from other failures.

use super::{KeyValueStore, StoreError};
use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// `window.localStorage`.
#[derive(Clone)]
pub struct BrowserStore {
    storage: web_sys::Storage,
}

impl BrowserStore {
    pub fn open() -> Result<BrowserStore, StoreError> {
        let unavailable = || StoreError::Unavailable("stockage local indisponible".to_string());
        let window = web_sys::window().ok_or_else(unavailable)?;
        let storage = window.local_storage().map_err(|_| unavailable())?.ok_or_else(unavailable)?;
        Ok(BrowserStore { storage })
    }
}

fn is_quota_error(error: &wasm_bindgen::JsValue) -> bool {
    error
        .dyn_ref::<web_sys::DomException>()
        .map(|e| e.name() == "QuotaExceededError" || e.name() == "NS_ERROR_DOM_QUOTA_REACHED" || e.code() == 22)
        .unwrap_or(false)
}

impl KeyValueStore for BrowserStore {
    fn get(&self, key: &str) -> Option<String> {
        self.storage.get_item(key).ok().flatten()
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.storage.set_item(key, value).map_err(|error| {
            if is_quota_error(&error) {
                StoreError::QuotaExceeded
            } else {
                let name = error.dyn_ref::<web_sys::DomException>().map(|e| e.name()).unwrap_or_default();
                StoreError::Unavailable(name)
            }
        })
    }

    fn remove(&mut self, key: &str) {
        let _ = self.storage.remove_item(key);
    }

    fn keys(&self) -> Vec<String> {
        let length = self.storage.length().unwrap_or(0);
        (0..length).filter_map(|i| self.storage.key(i).ok().flatten()).collect()
    }
}

/// Calls `on_change(key)` whenever another tab of this origin writes to
/// `localStorage` (the browser does not fire it in the writing tab).
/// Keep the returned listener alive as long as you want the events.
pub fn listen_to_other_tabs(on_change: impl Fn(String) + 'static) -> Option<EventListener> {
    let window = web_sys::window()?;
    Some(EventListener::new(&window, "storage", move |event| {
        if let Some(key) = event.dyn_ref::<web_sys::StorageEvent>().and_then(|e| e.key()) {
            on_change(key);
        }
    }))
}

/// Calls `flush` when the page is hidden or left (`visibilitychange` to
/// hidden, `pagehide`): the last moment a closing tab can still write.
pub fn on_page_hidden(flush: impl Fn() + Clone + 'static) -> Vec<EventListener> {
    let Some(window) = web_sys::window() else { return Vec::new() };
    let mut listeners = Vec::new();
    let on_hide = flush.clone();
    listeners.push(EventListener::new(&window, "pagehide", move |_| on_hide()));
    if let Some(document) = window.document() {
        let doc = document.clone();
        listeners.push(EventListener::new(&document, "visibilitychange", move |_| {
            if doc.visibility_state() == web_sys::VisibilityState::Hidden {
                flush();
            }
        }));
    }
    listeners
}

/// Runs the last scheduled action once no new one came for `delay_ms`.
pub struct Debouncer {
    delay_ms: u32,
    pending: Option<Timeout>,
}

impl Debouncer {
    pub fn new(delay_ms: u32) -> Self {
        Debouncer { delay_ms, pending: None }
    }

    pub fn schedule(&mut self, action: impl FnOnce() + 'static) {
        // Dropping the previous timeout cancels it.
        self.pending = Some(Timeout::new(self.delay_ms, action));
    }

    /// Cancels the scheduled action (the caller runs it right away instead).
    pub fn cancel(&mut self) {
        self.pending = None;
    }
}

/// Asks the browser not to evict our storage under pressure. Returns whether
/// storage is (now) persistent; `None` if the browser has no such API.
pub async fn request_persistence() -> Option<bool> {
    let manager = web_sys::window()?.navigator().storage();
    let persisted = JsFuture::from(manager.persisted().ok()?).await.ok()?;
    if persisted.as_bool() == Some(true) {
        return Some(true);
    }
    JsFuture::from(manager.persist().ok()?).await.ok()?.as_bool()
}

/// Bytes used and quota for this origin, as estimated by the browser.
pub async fn estimate_usage() -> Option<(f64, f64)> {
    let manager = web_sys::window()?.navigator().storage();
    let estimate: web_sys::StorageEstimate = JsFuture::from(manager.estimate().ok()?).await.ok()?.unchecked_into();
    Some((estimate.get_usage()?, estimate.get_quota()?))
}

/// The store the page uses: `localStorage`, or memory when the browser
/// refuses storage (the app still works, and says nothing will be kept).
#[derive(Clone)]
pub enum PageStore {
    Browser(BrowserStore),
    Memory(super::MemoryStore),
}

impl PageStore {
    pub fn open() -> PageStore {
        match BrowserStore::open() {
            Ok(store) => PageStore::Browser(store),
            Err(_) => PageStore::Memory(super::MemoryStore::new()),
        }
    }

    pub fn is_persistent(&self) -> bool {
        matches!(self, PageStore::Browser(_))
    }
}

impl KeyValueStore for PageStore {
    fn get(&self, key: &str) -> Option<String> {
        match self {
            PageStore::Browser(s) => s.get(key),
            PageStore::Memory(s) => s.get(key),
        }
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        match self {
            PageStore::Browser(s) => s.set(key, value),
            PageStore::Memory(s) => s.set(key, value),
        }
    }

    fn remove(&mut self, key: &str) {
        match self {
            PageStore::Browser(s) => s.remove(key),
            PageStore::Memory(s) => s.remove(key),
        }
    }

    fn keys(&self) -> Vec<String> {
        match self {
            PageStore::Browser(s) => s.keys(),
            PageStore::Memory(s) => s.keys(),
        }
    }
}
