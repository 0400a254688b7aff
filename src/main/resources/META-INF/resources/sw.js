/*
 * The phone app's service worker (installable app, docs/phones.md). It keeps only the app's shell (page, script,
 * styles, icons) so the installed app opens without a network; it never answers an API call, a sticker resolution or
 * the simulator clock from a cache: those always go to the simulator. Network first for the shell too, so a running
 * simulator always serves its current page and the cache is only the offline fallback.
 */
'use strict';

var SHELL = 'odk-shell-v1';
var FILES = ['/app', '/app/phone.css', '/app/phone.js', '/app/device-key.js', '/app/install.js',
  '/app/manifest.webmanifest', '/app/icon-192.png', '/app/icon-512.png', '/app/icon-maskable-512.png'];

self.addEventListener('install', function (event) {
  event.waitUntil(caches.open(SHELL).then(function (cache) { return cache.addAll(FILES); })
    .then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n !== SHELL; }).map(function (n) { return caches.delete(n); }));
  }).then(function () { return self.clients.claim(); }));
});

function isShell(url) {
  return url.origin === self.location.origin && FILES.indexOf(url.pathname) >= 0 && url.pathname !== '/app';
}

self.addEventListener('fetch', function (event) {
  var request = event.request;
  if (request.method !== 'GET') { return; }
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (isShell(url)) {
    event.respondWith(fetch(request).then(function (response) {
      if (response.ok) {
        var copy = response.clone();
        caches.open(SHELL).then(function (cache) { cache.put(url.pathname, copy); });
      }
      return response;
    }).catch(function () { return caches.match(url.pathname); }));
    return;
  }
  // A page opened offline (the app from the home screen, a sticker URL): the cached shell says the network is gone.
  if (request.mode === 'navigate' && (url.pathname === '/app' || url.pathname.indexOf('/t/') === 0)) {
    event.respondWith(fetch(request).catch(function () { return caches.match('/app'); }));
  }
  // Everything else (the app API, the lock API, /app/clock, sticker JSON): not touched, always the network.
});
