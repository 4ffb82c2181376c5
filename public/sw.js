// Gouvernail's service worker: after one visit, the app shell and every
// built asset come from the cache, so the app opens and works with no
// network. The build (scripts/finish-build.mjs) fills in the version and
// the list of files; a new build is a new sw.js, which the browser notices.
const VERSION = "__GOUVERNAIL_VERSION__";
const PRECACHE = __GOUVERNAIL_PRECACHE__;
const CACHE = `gouvernail-${VERSION}`;

self.addEventListener("install", (event) => {
  // The new version waits: the page asks the user before switching.
  // `no-store`: fetch from the network without touching the HTTP cache, which
  // the page may be writing the same files to at this very moment.
  const requests = PRECACHE.map((url) => new Request(url, { cache: "no-store" }));
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(requests)));
});

self.addEventListener("activate", (event) => {
  const activated = caches
    .keys()
    .then((keys) => {
      const old = keys.filter((k) => k.startsWith("gouvernail-") && k !== CACHE);
      return Promise.all(old.map((k) => caches.delete(k))).then(() => old.length > 0);
    })
    .then((updating) => self.clients.claim().then(() => updating));
  event.waitUntil(activated);
  // Once active, not before: the reloads go through this worker, which
  // answers no request until it is activated.
  activated.then((updating) => updating && setTimeout(reloadOtherTabs, 0));
});

// The tab whose click applied this version (it reloads itself).
let requester = null;

// Every other page open now runs the previous version: it would keep writing
// where this version no longer reads (the previous storage), so it is
// reloaded into this one. Leaving, it saves what it has pending, which this
// version then takes in. Not on a first install (nothing older is open).
async function reloadOtherTabs() {
  const windows = await self.clients.matchAll({ type: "window" });
  await Promise.all(windows.filter((client) => client.id !== requester).map((client) => client.navigate(client.url).catch(() => {})));
}

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "SKIP_WAITING") {
    requester = event.source ? event.source.id : null;
    self.skipWaiting();
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    // Every route is the same app shell.
    event.respondWith(
      caches.open(CACHE).then((cache) => cache.match("/index.html")).then((cached) => cached || fetch(request)),
    );
    return;
  }
  event.respondWith(
    caches.open(CACHE).then((cache) => cache.match(request)).then((cached) => cached || fetch(request)),
  );
});
