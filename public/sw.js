// headroom service worker: makes the site work offline after one visit.
//
// - The cache name carries the build id, stamped by scripts/stamp-sw at
//   build time, so every deploy gets a fresh cache and old ones are deleted.
// - Navigations are network-first (a new deploy is picked up on the next
//   visit), falling back to the cached page when offline.
// - Other same-origin GET requests are cache-first (trunk names the wasm and
//   js by content hash, so a cached copy is never stale).
// - Only same-origin, successful responses are ever cached.
const BUILD = "__HEADROOM_BUILD__";
const PRECACHE = ["./", "./index.html"].concat(__HEADROOM_ASSETS__);
const CACHE = `headroom-${BUILD}`;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("headroom-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

function cacheable(request, response) {
  return (
    request.method === "GET" &&
    new URL(request.url).origin === self.location.origin &&
    response &&
    response.ok &&
    response.type === "basic"
  );
}

async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (cacheable(request, response)) await cache.put("./index.html", response.clone());
    return response;
  } catch (err) {
    const cached = (await cache.match("./index.html")) || (await cache.match(request, { ignoreSearch: true }));
    if (cached) return cached;
    throw err;
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request, { ignoreSearch: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (cacheable(request, response)) await cache.put(request, response.clone());
  return response;
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(request.mode === "navigate" ? networkFirst(request) : cacheFirst(request));
});
