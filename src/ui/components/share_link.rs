//! Reading a share link from the address bar, and building one.

use crate::model::exchange::share::link_fragment;

/// The full share link for a document's bytes, or `None` when too large.
pub fn share_url(bytes: &[u8]) -> Option<String> {
    let origin = web_sys::window()?.location().origin().ok()?;
    link_fragment(bytes).map(|fragment| format!("{origin}/importer#{fragment}"))
}

/// Copies text to the clipboard; returns whether the browser accepted.
pub async fn copy_to_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let promise = window.navigator().clipboard().write_text(text);
    wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
}
