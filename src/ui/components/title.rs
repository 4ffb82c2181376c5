//! Sets the document title of a page (« Indicateurs — Gouvernail »), which is
//! the first thing a screen reader announces after navigation.

use leptos::prelude::*;

pub fn set_title(page: impl Fn() -> String + 'static) {
    Effect::new(move |_| {
        let title = format!("{} — Gouvernail", page());
        if let Some(document) = web_sys::window().and_then(|w| w.document()) {
            document.set_title(&title);
        }
    });
}
