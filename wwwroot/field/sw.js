// The phone page's service worker, hand-written: it keeps the page's own files (the app shell) in the Cache API so
// that /field/ opens without a connection. Data never goes through it: the day's download and the records to sync
// live in IndexedDB (store.js), and API requests pass straight to the network. Network first, so a phone online always
// runs the current page; the cache answers when the network does not. A new version changes VERSION and drops the old
// cache on activation.
const VERSION = 'riskmap-field-1';
const SHELL = [
  '/field/', '/field/index.html', '/field/field.css', '/field/app.js', '/field/store.js', '/field/sync.js', '/field/texts.js',
  '/field/manifest.json', '/field/icon.svg', '/js/dom.js', '/lib/idb/index.js', '/lib/leaflet/leaflet.js', '/lib/leaflet/leaflet.css',
];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(VERSION).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((key) => key.startsWith('riskmap-field-') && key !== VERSION).map((key) => caches.delete(key))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (!SHELL.includes(url.pathname)) return;
  event.respondWith(fetch(event.request)
    .then((response) => {
      if (response.ok) {
        const copy = response.clone();
        caches.open(VERSION).then((cache) => cache.put(event.request, copy));
      }
      return response;
    })
    .catch(() => caches.match(event.request, { ignoreSearch: true })
      .then((cached) => cached ?? (url.pathname === '/field/' ? caches.match('/field/index.html') : undefined))
      .then((cached) => cached ?? Response.error())));
});
