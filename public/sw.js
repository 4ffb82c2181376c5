// Gouvernail's service worker: after one visit, the app shell and every
// built asset come from the cache, so the app opens and works with no
// network. The build (scripts/finish-build.mjs) fills in the version and
// the list of files; a new build is a new sw.js, which the browser notices.
const VERSION = "__GOUVERNAIL_VERSION__";
const PRECACHE = __GOUVERNAIL_PRECACHE__;
const CACHE = `gouvernail-${VERSION}`;

// Files under /pkg-<hash>/ (the app's modules) never change under their
// name: those the page has just downloaded can come from the HTTP cache.
// The others (index.html, files without a hash in their name) must be fresh.
const isImmutable = (url) => url.startsWith("/pkg-");

self.addEventListener("install", (event) => {
  // The new version waits: the page asks the user before switching.
  // First try: the app's modules from the HTTP cache when there (the main
  // module is most of a first visit's bytes: not downloaded twice), the rest
  // with `no-store`. Should that fail (the page may still be writing one of
  // them to the HTTP cache), everything again from the network.
  const requests = (reuse) =>
    PRECACHE.map((url) => new Request(url, { cache: reuse && isImmutable(url) ? "default" : "no-store" }));
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(requests(true)).catch(() => cache.addAll(requests(false)))),
  );
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
