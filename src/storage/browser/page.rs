//! The page's side of saving: when it is hidden or left, debounced saving,
//! writes issued at once, and `navigator.storage` (persistence request and
//! usage estimate).

use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

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

/// Runs `future` up to its first pause now, then lets it finish later: a
/// write it makes is issued before this returns (a page being hidden or
/// closed, or a connection closing for a newer version, cannot wait for the
/// next task).
pub fn issue_now(future: impl Future<Output = ()> + 'static) {
    let mut future: Pin<Box<dyn Future<Output = ()>>> = Box::pin(future);
    let waker = futures_util::task::noop_waker();
    if future.as_mut().poll(&mut Context::from_waker(&waker)) == Poll::Pending {
        wasm_bindgen_futures::spawn_local(future);
    }
}
