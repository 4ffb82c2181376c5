//! Messages to the user (errors in French, confirmations), announced to
//! screen readers through live regions.

use crate::ui::state::{AppState, NoticeLevel};
use leptos::prelude::*;

#[component]
pub fn Notices() -> impl IntoView {
    let state = expect_context::<AppState>();
    view! {
        <div class="notices" data-testid="notices">
            <For each=move || state.notices.get() key=|n| n.id let:notice>
                {
                    let (class, role) = match notice.level {
                        NoticeLevel::Error => ("notice notice-error", "alert"),
                        NoticeLevel::Success => ("notice notice-success", "status"),
                        NoticeLevel::Info => ("notice notice-info", "status"),
                    };
                    let id = notice.id;
                    view! {
                        <div class=class role=role>
                            <p>{notice.text.clone()}</p>
                            <button type="button" class="button-link" on:click=move |_| state.dismiss(id)>
                                "Fermer"<span class="visually-hidden">" ce message"</span>
                            </button>
                        </div>
                    }
                }
            </For>
        </div>
    }
}
