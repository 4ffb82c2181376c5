//! The live-sync status in the header: one short line (« synchronisé »,
//! « modifications en attente », « hors ligne », « relais injoignable »,
//! « clé refusée »…), linking to « Synchronisation en direct ». Nothing
//! when no relay is set up.
//!
//! The line itself changes as things happen (an edit received flips it to
//! « synchronisation en cours » and back within a tenth of a second); a
//! screen reader hears it through a separate polite live region that takes
//! the line's words only once they have held for [`SETTLE_MS`], so a
//! passing state is never spoken and a lasting one is, once.

use crate::ui::live_sync::LiveSync;
use leptos::leptos_dom::helpers::{set_timeout_with_handle, TimeoutHandle};
use leptos::prelude::*;
use std::time::Duration;

/// How long the line must hold before it is spoken.
pub const SETTLE_MS: u64 = 1_000;

#[component]
pub fn LiveStatus() -> impl IntoView {
    let live = expect_context::<LiveSync>();
    let summary = Memo::new(move |_| live.summary().map(|text| format!("Synchronisation : {text}")));
    let spoken = RwSignal::new(summary.get_untracked());
    Effect::new(move |pending: Option<Option<TimeoutHandle>>| {
        let text = summary.get();
        if let Some(Some(timer)) = pending {
            timer.clear();
        }
        let speak = move || {
            // Unchanged words are not touched (nothing to say again).
            if spoken.try_get_untracked().is_some_and(|said| said != text) {
                spoken.set(text);
            }
        };
        set_timeout_with_handle(speak, Duration::from_millis(SETTLE_MS)).ok()
    });
    view! {
        <p class="live-sync-status" data-testid="live-sync-status">
            {move || summary.get().map(|text| view! { <a href="/synchronisation">{text}</a> })}
        </p>
        <p class="visually-hidden" role="status" aria-live="polite" data-testid="live-sync-announcement">
            {move || spoken.get()}
        </p>
    }
}

/// The live-sync status of one document, next to its name (nothing when
/// its live sync is off). Not a live region: the header's line speaks.
#[component]
pub fn DocumentLiveStatus(id: String) -> impl IntoView {
    let live = expect_context::<LiveSync>();
    let status = Memo::new(move |_| live.document_status(&id).map(|s| s.label()));
    view! {
        {move || status.get().map(|label| view! {
            <p class="document-live-status" data-testid="document-live-status">
                <a href="/synchronisation">"Synchronisation en direct : " {label}</a>
            </p>
        })}
    }
}
