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
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("gouvernail-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "SKIP_WAITING") self.skipWaiting();
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
