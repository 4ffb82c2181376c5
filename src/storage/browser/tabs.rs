//! Other tabs of this browser: after a write, a tab names the document on a
//! BroadcastChannel; the others read what is stored and merge it
//! (`Library::sync_from_store`). IndexedDB itself tells other tabs nothing.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The channel every tab of the app joins.
const CHANNEL: &str = "gouvernail";
/// Messages are `document:<id>`; other kinds may come later.
const DOCUMENT: &str = "document:";

pub struct Tabs {
    channel: web_sys::BroadcastChannel,
    /// Kept alive as long as the channel: the browser calls it.
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
}

impl Tabs {
    /// Joins the channel; `on_document(id)` runs when another tab wrote a
    /// document. `None` when the browser has no BroadcastChannel.
    pub fn join(on_document: impl Fn(String) + 'static) -> Option<Tabs> {
        let channel = web_sys::BroadcastChannel::new(CHANNEL).ok()?;
        let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            if let Some(id) = event.data().as_string().and_then(|m| m.strip_prefix(DOCUMENT).map(str::to_string)) {
                on_document(id);
            }
        });
        channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        Some(Tabs { channel, _on_message: on_message })
    }

    /// Tells the other tabs that document `id` was written (or removed).
    pub fn announce(&self, id: &str) {
        let _ = self.channel.post_message(&JsValue::from_str(&format!("{DOCUMENT}{id}")));
    }
}

impl Drop for Tabs {
    fn drop(&mut self) {
        self.channel.set_onmessage(None);
        self.channel.close();
    }
}
