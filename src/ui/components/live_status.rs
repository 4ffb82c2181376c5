//! The live-sync status in the header: one short line (« synchronisé »,
//! « modifications en attente », « hors ligne », « relais injoignable »,
//! « clé refusée »…), linking to « Synchronisation en direct ». Nothing
//! when no relay is set up. A polite live region, spoken only when its
//! words change.

use crate::ui::live_sync::LiveSync;
use leptos::prelude::*;

#[component]
pub fn LiveStatus() -> impl IntoView {
    let live = expect_context::<LiveSync>();
    let summary = Memo::new(move |_| live.summary());
    view! {
        <p class="live-sync-status" role="status" aria-live="polite" data-testid="live-sync-status">
            {move || summary.get().map(|text| view! {
                <a href="/synchronisation">"Synchronisation : " {text}</a>
            })}
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
