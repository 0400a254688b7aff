/*
 * Unloc's app-switch links in the phone web app (docs/unloc-api.md): /use-key opens one key's lock page, lets the user
 * unlock and returns to `redirect` (or to `redirectOnError?error=CODE&message=...`); /prefetch-keys downloads the
 * user's keys and returns to `returnUrl`. The server embeds what the link asked (already checked: only https: or app
 * schemes come here). Uses phone.js through window.OdkPhone and its odk:render / odk:unlock events.
 */
(function () {
  'use strict';

  var el = document.getElementById('odk-app-switch');
  var link = null;
  try { link = el ? JSON.parse(el.textContent) : null; } catch (e) { link = null; }
  if (!link || !link.action) { return; }

  var phone = window.OdkPhone;
  var started = false;   // the key (or the key list) is fetched once per page
  var finished = false;  // once the page returns, nothing else happens

  function $(id) { return document.getElementById(id); }

  function status(message) {
    $('app-switch').hidden = false;
    $('app-switch-status').textContent = message;
  }

  function problem(message) {
    $('app-switch').hidden = false;
    var box = $('app-switch-problem');
    box.textContent = message;
    box.hidden = false;
  }

  /** Goes back to the calling app; the target is also shown as a link, in case the browser stays (unknown scheme). */
  function returnTo(url, message) {
    finished = true;
    status(message);
    var back = $('app-switch-return');
    back.href = url;
    back.hidden = false;
    document.body.setAttribute('data-redirect', url);
    window.location.assign(url);
  }

  function withError(url, code, message) {
    var hash = url.indexOf('#');
    var base = hash < 0 ? url : url.slice(0, hash);
    var fragment = hash < 0 ? '' : url.slice(hash);
    var separator = base.indexOf('?') < 0 ? '?' : (/[?&]$/.test(base) ? '' : '&');
    return base + separator + 'error=' + code + '&message=' + encodeURIComponent(message) + fragment;
  }

  function fail(code, message) {
    problem(message);
    if (link.redirectOnError) {
      returnTo(withError(link.redirectOnError, code, message), 'Returning to the app with the error ' + code + '.');
    }
  }

  var KEY_STATES = {
    expired: ['KEY_EXPIRED', 'This key has expired.'],
    revoked: ['KEY_REVOKED', 'This key has been revoked.'],
    creating: ['KEY_NOT_READY', 'This key is still being created; try again in a moment.'],
    error: ['KEY_ERROR', 'This key could not be created (it is in state error).']
  };

  /**
   * A 401: the session this tab kept has ended (expired on the simulator clock, or logged out elsewhere). Ask for a new
   * login and carry on afterwards, as a first visit would; never report the key as missing because of it.
   */
  function sessionEnded(err) {
    if (err.status !== 401) { return false; }
    started = false;
    phone.endSession();
    status('Your session has ended. Log in again' + (link.userId ? ' as ' + link.userId : '') + ' to continue.');
    if (link.userId) { phone.prefillNumber(link.userId); }
    return true;
  }

  function useKey() {
    if (phone.appUserId() !== link.userId) {
      fail('WRONG_USER', 'This link is for ' + link.userId + ', but ' + phone.appUserId() + ' is logged in on this phone.');
      return;
    }
    status('Opening key ' + link.keyId + '…');
    phone.call('GET', '/api/app/v1/keys/' + encodeURIComponent(link.keyId)).then(function (r) {
      var key = r.body;
      var bad = KEY_STATES[key.state];
      if (bad) {
        fail(bad[0], bad[1]);
        return;
      }
      status('Press Unlock; afterwards this page returns to the app.');
      phone.showKey(key);
    }, function (err) {
      if (sessionEnded(err)) {
        return;
      }
      if (err.status === 404) {
        fail('KEY_NOT_FOUND', 'There is no key ' + link.keyId + ' for ' + link.userId + '.');
      } else {
        problem('The key could not be downloaded (HTTP ' + err.status + ').');
      }
    });
  }

  function prefetch() {
    status('Downloading your keys…');
    phone.call('GET', '/api/app/v1/keys').then(function (r) {
      var keys = (r.body && r.body.keys) || [];
      sessionStorage.setItem('odk.app.prefetchedKeys', JSON.stringify(keys));
      returnTo(link.returnUrl, 'Downloaded ' + keys.length + ' key(s); returning to the app.');
    }, function (err) {
      if (sessionEnded(err)) { return; }
      problem('Your keys could not be downloaded (HTTP ' + err.status + '). Log in again and reopen the link.');
    });
  }

  function proceed() {
    if (started || finished || !phone.loggedIn()) { return; }
    started = true;
    if (link.action === 'use-key') { useKey(); } else { prefetch(); }
  }

  if (link.problem) {
    finished = true;
    problem(link.problem.message);
    document.body.setAttribute('data-app-switch-error', link.problem.error);
    return;
  }
  document.addEventListener('odk:render', proceed);
  document.addEventListener('odk:unlock', function (event) {
    if (finished || link.action !== 'use-key') { return; }
    var detail = event.detail || {};
    if (detail.result === 'unlocked') {
      returnTo(link.redirect, 'Unlocked; returning to the app.');
    } else {
      var body = detail.body || {};
      fail('UNLOCK_REFUSED', 'The lock refused the key' + (body.reason ? ' (' + body.reason + ')' : '') +
        (body.detail ? ': ' + body.detail : '.'));
    }
  });
  if (!phone.loggedIn()) {
    status(link.action === 'use-key' ? 'Log in as ' + link.userId + ' to use the key.' : 'Log in to download your keys.');
    if (link.userId) { phone.prefillNumber(link.userId); }
  }
  proceed();
})();
