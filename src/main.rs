//! Entry point: opens storage, then mounts the app in the browser. On
//! native targets there is nothing to run (the crate is built natively only
//! for its tests).

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    // Lets benchmarks tell loading the app from running it (bench/dashboard.mjs).
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark("gouvernail-start");
    }
    // Storage (IndexedDB) opens asynchronously; the app is mounted once it is
    // open, so that no screen ever shows before the documents are listed.
    wasm_bindgen_futures::spawn_local(async {
        gouvernail::ui::state::prepare().await;
        leptos::mount::mount_to_body(gouvernail::ui::App);
    });
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
