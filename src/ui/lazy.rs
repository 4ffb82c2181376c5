//! Screens loaded on demand: how a route's screen leaves the main wasm
//! module (which screens do, and in which module, is `screens.rs`).
//!
//! With the `split` feature (release builds, `scripts/build-wasm.mjs`), a
//! function marked `#[wasm_split(module)]` moves, with all the code only it
//! reaches, to the file `split_<module>.wasm`, fetched the first time it is
//! called. [`lazy_screen!`] declares such a function per route: it hands
//! back the screen's render function, and the route awaits it.
//!
//! A module that cannot be fetched (offline before the service worker has
//! cached it, a connection cut…) never panics the app: the split functions
//! are `fallible` (Leptos' own `#[lazy]` would abort the whole app), and the
//! route shows [`ModuleUnavailable`], whose « Réessayer » fetches again.
//! Without the feature (tests, debug builds) the same functions are plain
//! calls, so the app behaves the same either way.

use crate::ui::components::title::set_title;
use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;

/// A screen's module could not be fetched or instantiated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadFailed;

#[cfg(feature = "split")]
impl From<leptos::wasm_split::SplitLoaderError> for LoadFailed {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        LoadFailed
    }
}

/// Renders a screen. A plain function pointer, so that it can be handed out
/// of the module that holds the screen's code and kept in a signal.
pub type Screen = fn() -> AnyView;

/// Fetches the module of a screen (at once when already there) and returns
/// its render function.
pub type Loader = fn() -> Pin<Box<dyn Future<Output = Result<Screen, LoadFailed>>>>;

/// What a lazy route shows: its screen once the module is there, or why not.
pub async fn show(load: Loader) -> AnyView {
    match load().await {
        Ok(render) => render(),
        Err(LoadFailed) => view! { <ModuleUnavailable load/> }.into_any(),
    }
}

/// Stands for a screen whose module did not arrive, and tries again on demand.
#[component]
pub fn ModuleUnavailable(load: Loader) -> impl IntoView {
    leptos::logging::warn!("Gouvernail : un module de l'application n'a pas pu être chargé");
    let loaded = RwSignal::new(None::<Screen>);
    let trying = RwSignal::new(false);
    let retry = move |_| {
        trying.set(true);
        leptos::task::spawn_local(async move {
            if let Ok(render) = load().await {
                loaded.set(Some(render));
            }
            trying.set(false);
        });
    };
    move || match loaded.get() {
        // Untracked: the screen's own reads must not re-render this switch.
        Some(render) => untrack(render),
        None => view! { <UnavailableNotice retry trying/> }.into_any(),
    }
}

#[component]
fn UnavailableNotice(retry: impl Fn(leptos::ev::MouseEvent) + 'static, trying: RwSignal<bool>) -> impl IntoView {
    set_title(|| "Page non chargée".to_string());
    view! {
        <section class="page narrow" data-testid="module-unavailable">
            <h1>"Cette page n'a pas pu être chargée"</h1>
            <p role="alert">
                "Une partie de Gouvernail n'a pas pu être téléchargée : la connexion a peut-être été coupée. "
                "Vérifiez-la, puis réessayez. Vos données ne sont pas touchées."
            </p>
            <p class="actions">
                <button type="button" class="button button-primary" data-testid="module-retry" on:click=retry disabled=move || trying.get()>
                    {move || if trying.get() { "Nouvel essai…" } else { "Réessayer" }}
                </button>
                " "
                <a href="/">"Revenir à l'accueil"</a>
            </p>
        </section>
    }
}

/// Declares a route whose screen lives in a module loaded on demand:
///
/// ```ignore
/// lazy_screen!(BackupScreen, backup_screen, tools, crate::ui::pages::backup::Backup);
/// // in app.rs:
/// <Route path=path!("/sauvegarde") view={Lazy::<BackupScreen>::new()}/>
/// ```
///
/// `BackupScreen` is the route's type, `backup_screen` the split function (a
/// unique name), `tools` the module it goes to (screens naming the same
/// module share one file), then the screen's component.
macro_rules! lazy_screen {
    ($(#[$doc:meta])* $route:ident, $split:ident, $module:ident, $($page:ident)::+) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy)]
        pub struct $route;

        // The split point: everything only this function reaches (the screen,
        // its components, the model code only it uses) leaves the main module.
        #[cfg_attr(
            feature = "split",
            leptos::wasm_split::wasm_split($module, wasm_split_path = ::leptos::wasm_split, fallible)
        )]
        fn $split() -> Result<$crate::ui::lazy::Screen, $crate::ui::lazy::LoadFailed> {
            let render: $crate::ui::lazy::Screen =
                || leptos::prelude::IntoAny::into_any(leptos::prelude::view! { <$($page)::+/> });
            Ok(render)
        }

        impl $route {
            fn load() -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<$crate::ui::lazy::Screen, $crate::ui::lazy::LoadFailed>>>> {
                Box::pin(async {
                    #[cfg(feature = "split")]
                    let loaded = $split().await;
                    #[cfg(not(feature = "split"))]
                    let loaded = $split();
                    loaded
                })
            }
        }

        impl leptos_router::LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            async fn view(_this: Self) -> leptos::prelude::AnyView {
                $crate::ui::lazy::show(Self::load).await
            }

            async fn preload() {
                let _ = Self::load().await;
            }
        }
    };
}

pub(crate) use lazy_screen;
