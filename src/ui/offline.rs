//! Working offline: registers the service worker (public/sw.js), notices when
//! a new version has been deployed, switches to it on the user's click (after
//! saving), and tracks whether the browser is online.

use crate::ui::state::AppState;
use gloo_events::EventListener;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Online status and the waiting new version, shared through context.
#[derive(Clone, Copy)]
pub struct Offline {
    pub online: RwSignal<bool>,
    /// A new version is installed and waits for the user's go.
    pub update_ready: RwSignal<bool>,
    registration: StoredValue<Option<web_sys::ServiceWorkerRegistration>, LocalStorage>,
    /// Set when the user asked for the new version: only then does a change
    /// of controller reload the page (the first install also changes it).
    switching: StoredValue<bool, LocalStorage>,
}

impl Offline {
    pub fn init() -> Offline {
        let window = web_sys::window();
        let online = window.as_ref().map(|w| w.navigator().on_line()).unwrap_or(true);
        let offline = Offline {
            online: RwSignal::new(online),
            update_ready: RwSignal::new(false),
            registration: StoredValue::new_local(None),
            switching: StoredValue::new_local(false),
        };
        if let Some(w) = &window {
            EventListener::new(w, "online", move |_| offline.online.set(true)).forget();
            EventListener::new(w, "offline", move |_| offline.online.set(false)).forget();
        }
        leptos::task::spawn_local(async move { offline.register().await });
        offline
    }

    async fn register(self) {
        let Some(window) = web_sys::window() else { return };
        let container = window.navigator().service_worker();
        // Where service workers are blocked (some privacy settings,
        // automated browsers), the container is undefined or `register`
        // resolves to nothing: the app then simply has no offline mode
        // (web-sys types both as always present).
        if container.is_undefined() {
            return;
        }
        let Ok(registration) = JsFuture::from(container.register("/sw.js")).await else { return };
        if !registration.is_object() {
            return;
        }
        let registration: web_sys::ServiceWorkerRegistration = registration.unchecked_into();
        let has_controller = container.controller().is_some();
        if registration.waiting().is_some() && has_controller {
            self.update_ready.set(true);
        }
        let reg = registration.clone();
        EventListener::new(&registration, "updatefound", move |_| {
            let Some(installing) = reg.installing() else { return };
            let worker = installing.clone();
            EventListener::new(&installing, "statechange", move |_| {
                let controlled =
                    web_sys::window().map(|w| w.navigator().service_worker().controller().is_some()).unwrap_or(false);
                if worker.state() == web_sys::ServiceWorkerState::Installed && controlled {
                    self.update_ready.set(true);
                }
            })
            .forget();
        })
        .forget();
        // Once the new worker takes over, reload to run the new version.
        EventListener::new(&container, "controllerchange", move |_| {
            if self.switching.get_value() {
                if let Some(w) = web_sys::window() {
                    let _ = w.location().reload();
                }
            }
        })
        .forget();
        self.registration.set_value(Some(registration));
    }

    /// Checks the server for a new version now (the browser also does on navigation).
    pub fn check_for_update(&self) {
        if let Some(reg) = self.registration.get_value() {
            if let Ok(promise) = reg.update() {
                leptos::task::spawn_local(async move {
                    let _ = JsFuture::from(promise).await;
                });
            }
        }
    }

    /// Saves everything, then lets the waiting version take over (the page
    /// reloads on `controllerchange`).
    pub fn apply_update(&self, state: AppState) {
        state.save_now();
        self.switching.set_value(true);
        if let Some(waiting) = self.registration.get_value().and_then(|r| r.waiting()) {
            let message = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&message, &JsValue::from_str("type"), &JsValue::from_str("SKIP_WAITING"));
            let _ = waiting.post_message(&message);
        }
    }
}

/// The banner offering the new version, and the online/offline badge.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let offline = expect_context::<Offline>();
    let state = expect_context::<AppState>();
    view! {
        <Show when=move || offline.update_ready.get()>
            <div class="update-banner" role="status" data-testid="update-banner">
                <p>"Une nouvelle version de Gouvernail est disponible. Vos données sont enregistrées et seront conservées."</p>
                <button type="button" class="button button-small button-primary" data-testid="apply-update" on:click=move |_| offline.apply_update(state)>
                    "Mettre à jour maintenant"
                </button>
            </div>
        </Show>
    }
}

#[component]
pub fn OnlineBadge() -> impl IntoView {
    let offline = expect_context::<Offline>();
    view! {
        <p class=move || if offline.online.get() { "net-status net-online" } else { "net-status net-offline" } data-testid="net-status">
            {move || if offline.online.get() { "En ligne" } else { "Hors ligne — tout reste utilisable" }}
        </p>
    }
}
