/*
 * The phone app as an installed app (docs/phones.md): registers the service worker (/sw.js, scope "/", so sticker URLs
 * open in the installed app), and says plainly when the page is not in a secure context and what that switches off.
 * Kept apart from phone.js: it only adds to the page, the flow does not depend on it.
 */
(function () {
  'use strict';

  function $(id) { return document.getElementById(id); }

  /** Outside a secure context (plain http on a network address): the note, with what is off and the way to /trust. */
  function showSecureContextNote() {
    var note = $('secure-context-note');
    if (!note) { return; }
    note.hidden = !!window.isSecureContext;
    document.body.setAttribute('data-secure-context', window.isSecureContext ? 'true' : 'false');
  }

  function registerServiceWorker() {
    var body = document.body;
    if (!window.isSecureContext || !('serviceWorker' in navigator)) {
      body.setAttribute('data-service-worker', 'unavailable');
      return;
    }
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function () {
      body.setAttribute('data-service-worker', 'ready');
    }, function (e) {
      body.setAttribute('data-service-worker', 'failed');
      body.setAttribute('data-service-worker-error', String(e && e.message || e));
    });
  }

  showSecureContextNote();
  registerServiceWorker();
})();
