/*
 * The phone's device key (docs/app-api.md §3), for the phone web app (phone.js). At each login the page makes a P-256
 * key pair with WebCrypto whose private half cannot be exported, keeps it in IndexedDB under the device id (so it
 * survives reloads and sticker pages in this browser), and registers the public half; keys minted for the session are
 * then bound to it and the lock wants a signed challenge. WebCrypto only exists in a secure context (HTTPS, or
 * localhost): on a LAN http:// address available() is false and the page logs in without a device key, and says so.
 * Hand-written JWS (a few lines): a JOSE library would need a build step or a CDN, which this page does without.
 */
(function () {
  'use strict';

  var KEYSTORE = 'odk-device-keys';   // IndexedDB database: {privateKey, publicJwk} per device id

  function available() {
    return !!(window.isSecureContext && window.crypto && crypto.subtle && window.indexedDB);
  }

  /** Runs {@code work(store)} in one IndexedDB transaction; resolves with the request's result. */
  function keyStore(mode, work) {
    return new Promise(function (resolve, reject) {
      var open = indexedDB.open(KEYSTORE, 1);
      open.onupgradeneeded = function () { open.result.createObjectStore('keys'); };
      open.onerror = function () { reject(open.error); };
      open.onsuccess = function () {
        var db = open.result;
        var tx = db.transaction('keys', mode);
        var request = work(tx.objectStore('keys'));
        tx.oncomplete = function () { db.close(); resolve(request.result); };
        tx.onerror = tx.onabort = function () { db.close(); reject(tx.error); };
      };
    });
  }

  /** A fresh key pair for this login, stored for the device; resolves with the public JWK, or null without WebCrypto. */
  function create(device) {
    if (!available()) { return Promise.resolve(null); }
    return crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']).then(function (pair) {
      return crypto.subtle.exportKey('jwk', pair.publicKey).then(function (jwk) {
        var publicJwk = { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y };
        return keyStore('readwrite', function (store) {
          return store.put({ privateKey: pair.privateKey, publicJwk: publicJwk }, device);
        }).then(function () { return publicJwk; });
      });
    });
  }

  function load(device) {
    if (!available()) { return Promise.resolve(null); }
    return keyStore('readonly', function (store) { return store.get(device); }).then(function (v) { return v || null; });
  }

  function forget(device) {
    if (!available()) { return Promise.resolve(); }
    return keyStore('readwrite', function (store) { return store.delete(device); }).catch(function () { /* nothing to forget */ });
  }

  function base64url(bytes) {
    var binary = '';
    new Uint8Array(bytes).forEach(function (b) { binary += String.fromCharCode(b); });
    return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function base64urlJson(value) { return base64url(new TextEncoder().encode(JSON.stringify(value))); }

  /**
   * The proof for a lock challenge: a compact ES256 JWS of type odk-unlock-proof+jwt over {nonce, aud: lockId}.
   * WebCrypto's ECDSA signature is already r||s (64 bytes), the form JWS wants (RFC 7518 §3.4).
   */
  function signProof(privateKey, lockId, nonce) {
    var input = base64urlJson({ alg: 'ES256', typ: 'odk-unlock-proof+jwt' }) + '.' + base64urlJson({ nonce: nonce, aud: lockId });
    return crypto.subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, privateKey, new TextEncoder().encode(input))
      .then(function (signature) { return input + '.' + base64url(signature); });
  }

  window.OdkDeviceKey = { available: available, create: create, load: load, forget: forget, signProof: signProof };
})();
