// Gouvernail's boot script, run by index.html's loading screen (a module
// script file: the Content-Security-Policy forbids inline scripts).
// scripts/build-wasm.mjs copies it beside the app's files, into pkg-<hash>/,
// and fills in the names and the size of the main module.
//
// It downloads the main wasm module as a stream, showing the share of its
// bytes received, then starts the app and removes the loading screen. If
// that fails (the connection was cut, the browser has no WebAssembly), it
// says so in French and offers « Réessayer ».
//
// No static import: were the app's JS to fail loading, a static import would
// stop this script before it could say anything.
const APP_JS = "./__GOUVERNAIL_JS__";
const APP_WASM = "./__GOUVERNAIL_WASM__";
/** Size of the main module, uncompressed: the bytes a stream of it yields. */
const APP_WASM_BYTES = __GOUVERNAIL_WASM_BYTES__;

const NETWORK_FAILED =
  "Gouvernail n'a pas pu être téléchargé : la connexion a peut-être été coupée. Vérifiez-la, puis réessayez. Les données déjà enregistrées dans ce navigateur ne sont pas touchées.";
const START_FAILED =
  "Gouvernail a été téléchargé mais n'a pas pu démarrer dans ce navigateur. Réessayez ; si cela se reproduit, essayez une version récente de Firefox, Chrome, Edge ou Safari. Les données déjà enregistrées dans ce navigateur ne sont pas touchées.";
const NO_WEBASSEMBLY =
  "Ce navigateur ne peut pas faire fonctionner Gouvernail : WebAssembly y est absent ou désactivé. Essayez une version récente de Firefox, Chrome, Edge ou Safari, ou demandez à qui gère ce poste de l'activer.";

// Opens the documents' database (an existing one, never creating it) while
// the app downloads and compiles; the app adopts the connection
// (src/storage/browser/indexed_db.rs, `IndexedDb::open`).
window.gouvernailStorage = new Promise((resolve) => {
  try {
    const request = indexedDB.open("gouvernail");
    request.onupgradeneeded = () => request.transaction.abort();
    request.onsuccess = () => {
      // Until the app adopts it: never block a newer version.
      request.result.onversionchange = () => request.result.close();
      resolve(request.result);
    };
    request.onerror = (event) => {
      event.preventDefault();
      resolve(null);
    };
  } catch {
    resolve(null);
  }
});

const byId = (id) => document.getElementById(id);
const loading = byId("boot-loading");
const status = byId("boot-status");
const progress = byId("boot-progress");
const failure = byId("boot-failure");
const failureText = byId("boot-failure-text");

/** The app's JS (wasm-bindgen's), once imported. */
let app;
/** A failed import of the app's JS is remembered by the browser: only a reload retries it. */
let importFailed = false;

function showFailure(text) {
  loading.hidden = true;
  failure.hidden = false;
  failureText.textContent = text;
}

/**
 * Reads a copy of the download and moves the progress bar as bytes arrive.
 * Resolves true once every byte has arrived.
 */
async function followDownload(response) {
  if (!response.body) return false;
  const reader = response.body.getReader();
  let received = 0;
  let shown = -1;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        status.textContent = "Démarrage de l'application…";
        return true;
      }
      received += value.byteLength;
      const percent = Math.min(100, Math.floor((received * 100) / APP_WASM_BYTES));
      if (percent !== shown) {
        progress.value = percent;
        shown = percent;
      }
    }
  } catch {
    // The download failed: start() reports it.
    return false;
  }
}

/**
 * Resolves once the loading screen is on screen: its first contentful paint
 * reported, or at once in a tab in the background (which paints nothing
 * until it is shown), or after a second at most. On a fast connection the
 * app would otherwise replace the screen before the browser shows it (a
 * frame painted but not yet presented is dropped with the elements it
 * drew): the visitor would see nothing until the app runs, and Lighthouse
 * would date the largest paint by the whole download.
 */
function loadingScreenPainted() {
  return new Promise((resolve) => {
    if (document.visibilityState === "hidden") return resolve();
    document.addEventListener("visibilitychange", resolve, { once: true });
    setTimeout(resolve, 1000);
    if (typeof PerformanceObserver !== "function" || !PerformanceObserver.supportedEntryTypes?.includes("paint")) {
      requestAnimationFrame(() => requestAnimationFrame(resolve));
      return;
    }
    new PerformanceObserver((list, observer) => {
      if (list.getEntriesByName("first-contentful-paint").length > 0) {
        observer.disconnect();
        resolve();
      }
    }).observe({ type: "paint", buffered: true });
  });
}

async function start() {
  // A return visit reads the module from the service worker's cache at
  // once: no need to show the loading screen first.
  const painted = navigator.serviceWorker?.controller ? Promise.resolve() : loadingScreenPainted();
  failure.hidden = true;
  loading.hidden = false;
  status.textContent = "Téléchargement de l'application…";
  progress.removeAttribute("value");
  if (typeof WebAssembly !== "object" || typeof WebAssembly.instantiate !== "function") {
    showFailure(NO_WEBASSEMBLY);
    return;
  }
  let downloaded = Promise.resolve(false);
  try {
    try {
      app ??= await import(APP_JS);
    } catch (error) {
      importFailed = true;
      throw error;
    }
    // Nothing here reacts to the module's bytes before the screen is shown
    // (Lighthouse would then date the screen by the download); the preload
    // goes on meanwhile.
    await painted;
    // index.html preloads this very request: fetch() takes it over.
    const response = await fetch(new URL(APP_WASM, import.meta.url));
    if (!response.ok) throw new Error(`${APP_WASM}: HTTP ${response.status}`);
    // The original goes to the compiler as a stream (the browser caches the
    // compiled code under its URL); the copy only counts bytes.
    downloaded = followDownload(response.clone());
    await app.default({ module_or_path: response });
    byId("boot")?.remove();
  } catch (error) {
    console.error("Gouvernail n'a pas pu démarrer :", error);
    showFailure((await downloaded) ? START_FAILED : NETWORK_FAILED);
  }
}

byId("boot-retry").addEventListener("click", () => {
  if (importFailed) location.reload();
  else start();
});
start();
