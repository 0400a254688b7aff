/*
 * The phone web app (docs/design.md §9): plays the Unloc app against the simulator's app API.
 * Flow: lock (sticker scan, Web NFC or typed id) -> OTP login -> request access -> key with countdown -> unlock.
 * Plain JS, no build step. Every failure ends in words on the screen, never silently.
 */
(function () {
  'use strict';

  var TOKEN = 'odk.app.token';        // sessionStorage: the app access token (one browser tab = one session)
  var USER = 'odk.app.appUserId';     // sessionStorage: the logged-in phone number
  var DEVICE = 'odk.app.deviceId';    // localStorage: this installation's device id

  var state = {
    lock: null,        // {lockId, lockName, accessPath, via}
    key: null,         // the key of the last access answer
    pendingNumber: null,
    skewMs: 0          // simulator clock minus this phone's clock (follows time travel)
  };

  function $(id) { return document.getElementById(id); }
  function show(id, visible) { $(id).hidden = !visible; }
  function text(id, value) { $(id).textContent = value == null ? '' : String(value); }

  // ---------------------------------------------------------------- words for what went wrong

  // The texts of docs/reasons.md, served from the one catalogue (dev.odksim.common.Reason) by /app/reasons.js.
  var REASONS = window.ODK_REASONS || {};

  var STATUSES = {
    400: 'The request was not accepted; see the detail for what to correct.',
    401: 'You are not logged in (or the code was wrong). Log in again.',
    403: 'Access was refused.',
    404: 'Not found.',
    409: 'That conflicts with what already exists.',
    429: 'Too many tries. Wait a moment before trying again.',
    500: 'The simulator hit an internal error; see its log.',
    502: 'The access decision failed at the integrator, so no key was made.',
    503: 'The access decision is unavailable right now, so no key was made.',
    504: 'The integrator did not answer in time, so no key was made.'
  };

  /** An error of an API call or of the network, shaped for display. */
  function ApiError(status, body, networkMessage) {
    this.status = status;
    this.body = body || {};
    this.network = networkMessage || null;
  }

  function friendly(problem, status) {
    return (problem.reason && REASONS[problem.reason]) || STATUSES[status] || 'Something went wrong.';
  }

  /** Fills a box with the problem: a friendly sentence, then title, detail and reason code as the API gave them. */
  function renderProblem(box, err, doing) {
    box.textContent = '';
    var p = err.body || {};
    var heading = document.createElement('p');
    heading.className = 'problem-title';
    heading.setAttribute('data-testid', 'problem-title');
    var sentence = document.createElement('p');
    sentence.className = 'problem-sentence';
    sentence.setAttribute('data-testid', 'problem-sentence');
    if (err.network) {
      heading.textContent = (doing ? doing + ': ' : '') + 'no connection';
      sentence.textContent = 'Could not reach the simulator (' + err.network + '). Check that this phone is on the same ' +
        'network as the simulator and that it is running.';
      box.appendChild(heading);
      box.appendChild(sentence);
    } else {
      heading.textContent = (doing ? doing + ': ' : '') + (p.title || ('HTTP ' + err.status));
      sentence.textContent = friendly(p, err.status);
      box.appendChild(heading);
      box.appendChild(sentence);
      var dl = document.createElement('dl');
      dl.className = 'facts';
      addFact(dl, 'Detail', p.detail, 'problem-detail');
      if (p.invalidParams && p.invalidParams.length) {
        addFact(dl, 'Fields', p.invalidParams.map(function (f) { return f.name + ': ' + f.reason; }).join('; '), 'problem-fields');
      }
      addFact(dl, 'Reason', p.reason, 'problem-reason', true);
      addFact(dl, 'Status', err.status, 'problem-status');
      addFact(dl, 'Decision', p.decisionId, 'problem-decision', true);
      box.appendChild(dl);
    }
    box.hidden = false;
  }

  function addFact(dl, label, value, testid, code) {
    if (value == null || value === '') { return; }
    var dt = document.createElement('dt');
    dt.textContent = label;
    var dd = document.createElement('dd');
    var inner = document.createElement(code ? 'code' : 'span');
    inner.textContent = String(value);
    inner.setAttribute('data-testid', testid);
    dd.appendChild(inner);
    dl.appendChild(dt);
    dl.appendChild(dd);
  }

  function showError(err, doing) {
    if (!(err instanceof ApiError)) {
      err = new ApiError(0, null, err && err.message ? err.message : String(err));
    }
    renderProblem($('error'), err, doing);
    $('error').scrollIntoView({ block: 'nearest' });
  }

  function clearError() {
    show('error', false);
    $('error').textContent = '';
  }

  // ---------------------------------------------------------------- HTTP

  /** JSON in, JSON out; resolves {status, body} for 2xx, rejects with an ApiError otherwise. */
  function call(method, path, body, auth) {
    var headers = { Accept: 'application/json' };
    if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
    if (auth) { headers.Authorization = 'Bearer ' + sessionStorage.getItem(TOKEN); }
    return fetch(path, { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body) })
      .catch(function (e) { throw new ApiError(0, null, e.message || 'network error'); })
      .then(function (res) {
        return res.text().then(function (raw) {
          var parsed = null;
          if (raw) {
            try { parsed = JSON.parse(raw); } catch (e) { parsed = { title: 'Unreadable answer', detail: raw.slice(0, 300) }; }
          }
          if (res.ok) { return { status: res.status, body: parsed }; }
          throw new ApiError(res.status, parsed);
        });
      });
  }

  function busy(button, on) {
    button.disabled = on;
    button.classList.toggle('busy', on);
  }

  // ---------------------------------------------------------------- step 1: the lock

  function accessPathOf(lockId) {
    return '/api/app/v1/locks/' + encodeURIComponent(lockId) + '/access';
  }

  /** The scan's access URL as a path on this origin, so the page works however the phone reached the simulator. */
  function samePath(url, lockId) {
    if (!url) { return accessPathOf(lockId); }
    try {
      var u = new URL(url, location.href);
      return u.pathname + u.search;
    } catch (e) {
      return accessPathOf(lockId);
    }
  }

  function chooseLock(scan, via) {
    state.lock = {
      lockId: scan.lockId,
      lockName: scan.lockName || null,
      accessPath: samePath(scan.accessUrl, scan.lockId),
      scanProof: scan.scanProof || null,   // sent with the access request (projects may require it, docs/design.md §5)
      via: via
    };
    state.key = null;
    show('scan-problem', false);
    text('lock-name', scan.lockName || scan.lockId);
    text('lock-id', scan.lockId);
    text('lock-via', via ? ' · ' + via : '');
    show('lock-chosen', true);
    var openInApp = $('open-in-app');
    if (openInApp) {
      openInApp.hidden = !scan.openInAppUrl;
      if (scan.openInAppUrl) { openInApp.href = scan.openInAppUrl; }
    }
    render();
  }

  function showScanProblem(err) {
    state.lock = null;
    show('lock-chosen', false);
    renderProblem($('scan-problem'), err, 'Sticker');
    render();
  }

  /** Resolves a sticker as the app does: GET /t/{tagId} with Accept: application/json (the scan is recorded). */
  function resolveSticker(tagPath, via) {
    clearError();
    // Logged in: the session goes along, so the scan proof is bound to this user (the resolver never refuses a scan for it).
    return call('GET', tagPath, undefined, loggedIn()).then(function (r) { chooseLock(r.body, via); }, showScanProblem);
  }

  /** "/t/{tagId}" (+ query, e.g. an NTAG mirror) from a sticker URL, or null. */
  function stickerPath(value) {
    try {
      var u = new URL(value, location.href);
      var m = /^\/t\/([^/]+)\/?$/.exec(u.pathname);
      return m ? '/t/' + m[1] + u.search : null;
    } catch (e) {
      return null;
    }
  }

  function onLockForm(ev) {
    ev.preventDefault();
    var value = $('lock-id-input').value.trim();
    if (!value) {
      showError(new ApiError(400, { title: 'No lock', detail: 'Type a lock id (e.g. demo-front-door) or paste a sticker URL.' }), 'Lock');
      return;
    }
    var sticker = /\/t\//.test(value) ? stickerPath(value) : null;
    if (sticker) {
      resolveSticker(sticker, 'sticker URL');
    } else {
      clearError();
      chooseLock({ lockId: value }, 'typed');
    }
  }

  function setupNfc() {
    if (!('NDEFReader' in window)) { return; }
    show('nfc-scan', true);
    $('nfc-scan').addEventListener('click', function () {
      var status = $('nfc-status');
      var reader = new window.NDEFReader();
      reader.scan().then(function () {
        status.textContent = 'Hold the phone to the sticker…';
        status.hidden = false;
        reader.onreadingerror = function () {
          status.textContent = 'Could not read that sticker; try again, holding the phone still.';
        };
        reader.onreading = function (event) {
          var urls = [];
          event.message.records.forEach(function (record) {
            if (record.recordType === 'url' || record.recordType === 'absolute-url') {
              urls.push(new TextDecoder().decode(record.data));
            }
          });
          var path = urls.map(stickerPath).filter(Boolean)[0];
          if (!path) {
            status.textContent = urls.length
              ? 'That sticker holds ' + urls[0] + ', which is not a simulator sticker (/t/…).'
              : 'That sticker holds no URL record.';
            return;
          }
          status.textContent = 'Read ' + path;
          resolveSticker(path, 'NFC');
        };
      }).catch(function (e) {
        status.textContent = 'NFC scanning is not available: ' + (e.message || e.name) +
          ' (it needs Chrome on Android, HTTPS or localhost, and NFC switched on).';
        status.hidden = false;
      });
    });
  }

  // ---------------------------------------------------------------- device key (device-key.js, docs/app-api.md §3)

  var deviceKey = window.OdkDeviceKey;
  function deviceKeysAvailable() { return deviceKey.available(); }

  /** {key} for an unbound key; for a device-bound one: a fresh challenge from the lock, signed with the device key. */
  function unlockRequest(key, lockPath) {
    if (!key.deviceBound) { return Promise.resolve({ key: key.token }); }
    return deviceKey.load(deviceId()).then(function (stored) {
      if (!stored) {
        throw new ApiError(undefined, { title: 'No device key', reason: 'NO_DEVICE_KEY',
          detail: deviceKeysAvailable() ? 'This browser holds no device key for this login.'
            : 'This page is not in a secure context, so it cannot sign with a device key.' });
      }
      return call('POST', lockPath + '/challenge').then(function (r) {
        return deviceKey.signProof(stored.privateKey, key.lockId, r.body.nonce);
      }).then(function (proof) { return { key: key.token, proof: proof }; });
    });
  }

  // ---------------------------------------------------------------- step 2: login

  function deviceId() {
    var id = localStorage.getItem(DEVICE);
    if (!id) {
      id = 'web-' + (window.crypto && crypto.randomUUID ? crypto.randomUUID()
        : Date.now().toString(36) + Math.random().toString(36).slice(2));
      localStorage.setItem(DEVICE, id);
    }
    return id;
  }

  function loggedIn() { return !!sessionStorage.getItem(TOKEN); }

  function onOtpForm(ev) {
    ev.preventDefault();
    var number = $('phone-input').value.replace(/[\s()-]/g, '');
    var button = $('otp-request');
    busy(button, true);
    clearError();
    call('POST', '/api/app/v1/auth/otp', { appUserId: number }).then(function (r) {
      state.pendingNumber = (r.body && r.body.appUserId) || number;
      show('otp-form', false);
      show('code-form', true);
      $('code-input').value = '';
      $('code-input').focus();
    }, function (err) { showError(err, 'Sending the code'); })
      .then(function () { busy(button, false); });
  }

  function onCodeForm(ev) {
    ev.preventDefault();
    var button = $('otp-verify');
    busy(button, true);
    clearError();
    var device = deviceId();
    var login = { appUserId: state.pendingNumber, code: $('code-input').value.trim(), deviceId: device };
    // A fresh key pair per login (docs/app-api.md §1: a key registered by an earlier login is refused).
    deviceKey.create(device).then(function (publicJwk) {
      if (publicJwk) { login.devicePublicKey = publicJwk; }
      return call('POST', '/api/app/v1/auth/token', login);
    }).then(function (r) {
      sessionStorage.setItem(TOKEN, r.body.accessToken);
      sessionStorage.setItem(USER, state.pendingNumber);
      resetLoginForms();
      render();
    }, function (err) { showError(err, 'Logging in'); })
      .then(function () { busy(button, false); });
  }

  function resetLoginForms() {
    state.pendingNumber = null;
    show('otp-form', true);
    show('code-form', false);
    $('code-input').value = '';
  }

  function forgetSession() {
    sessionStorage.removeItem(TOKEN);
    sessionStorage.removeItem(USER);
    state.key = null;
    resetLoginForms();
  }

  function onLogout() {
    var button = $('logout');
    busy(button, true);
    clearError();
    call('POST', '/api/app/v1/auth/logout', undefined, true).catch(function (err) {
      if (err.status !== 401) { showError(err, 'Logging out'); }   // 401: already over; forget it anyway
    }).then(function () {
      busy(button, false);
      deviceKey.forget(deviceId());
      forgetSession();
      show('unlock-result', false);
      render();
    });
  }

  /** A 401 on an authenticated call ends the local session, then shows why. */
  function authFailed(err, doing) {
    if (err.status === 401) {
      forgetSession();
      render();
    }
    showError(err, doing);
  }

  // ---------------------------------------------------------------- step 3: access

  function onRequestAccess() {
    var button = $('request-access');
    busy(button, true);
    clearError();
    show('unlock-result', false);
    var request = state.lock.scanProof ? { scanProof: state.lock.scanProof } : {};
    call('POST', state.lock.accessPath, request, true).then(function (r) {
      state.key = r.body.key;
      state.keySource = r.body.source === 'existing' ? 'you already had this key' : 'made on demand';
      render();
      $('key-step').scrollIntoView({ block: 'nearest' });
    }, function (err) { authFailed(err, 'Requesting access'); })
      .then(function () { busy(button, false); });
  }

  // ---------------------------------------------------------------- step 4: key and countdown

  function simNow() { return Date.now() + state.skewMs; }

  function syncClock() {
    var sent = Date.now();
    return call('GET', '/app/clock').then(function (r) {
      var received = Date.now();
      state.skewMs = Date.parse(r.body.now) - Math.round((sent + received) / 2);
    }, function () { /* keep the last skew; the countdown uses this phone's clock meanwhile */ });
  }

  function duration(ms) {
    var s = Math.max(0, Math.floor(ms / 1000));
    var h = Math.floor(s / 3600);
    var m = Math.floor((s % 3600) / 60);
    var sec = s % 60;
    var two = function (n) { return (n < 10 ? '0' : '') + n; };
    return (h > 0 ? h + ':' + two(m) : String(m)) + ':' + two(sec);
  }

  function localTime(iso) {
    var d = new Date(iso);
    return isNaN(d) ? iso : d.toLocaleString([], { dateStyle: 'medium', timeStyle: 'medium' });
  }

  function renderKey() {
    var key = state.key;
    if (!key) { return; }
    text('key-start', localTime(key.start));
    text('key-end', localTime(key.end));
    text('key-source', (key.source || '') + (state.keySource ? ' (' + state.keySource + ')' : ''));
    text('key-id', key.id);
    text('key-binding', key.deviceBound ? 'device-bound: only this phone can use it' : 'not device-bound: it works on any phone');
    $('key-binding').setAttribute('data-bound', key.deviceBound ? 'true' : 'false');
    tick();
  }

  function tick() {
    var key = state.key;
    if (!key) { return; }
    var now = simNow();
    var start = Date.parse(key.start);
    var end = Date.parse(key.end);
    var countdown = $('key-countdown');
    var label;
    var phase;
    if (key.state === 'revoked') {
      phase = 'revoked';
      label = 'Revoked';
    } else if (now < start) {
      phase = 'scheduled';
      label = 'Starts in ' + duration(start - now);
    } else if (now < end) {
      phase = 'active';
      label = 'Valid for ' + duration(end - now);
    } else {
      phase = 'expired';
      label = 'Expired ' + duration(now - end) + ' ago';
    }
    countdown.textContent = label;
    countdown.setAttribute('data-phase', phase);
    text('key-state', phase);
    $('key-state').className = 'badge ' + phase;
  }

  // ---------------------------------------------------------------- step 5: unlock

  function onUnlock() {
    var key = state.key;
    var button = $('unlock');
    busy(button, true);
    clearError();
    var box = $('unlock-result');
    var lockPath = '/api/sim/v1/locks/' + encodeURIComponent(key.lockId);
    unlockRequest(key, lockPath).then(function (request) {
      return call('POST', lockPath + '/unlock', request);
    }).then(function (r) {
      showUnlock(box, 'unlocked', 'Unlocked', 'The lock accepted your key. Come in!', r.body);
    }, function (err) {
      var body = err.body || {};
      if (err.status === 403 && body.result === 'refused') {
        showUnlock(box, 'refused', 'Refused', (REASONS[body.reason] || 'The lock refused the key.'), body);
      } else {
        show('unlock-result', false);
        showError(err, 'Unlocking');
      }
    }).then(function () { busy(button, false); });
  }

  function showUnlock(box, result, headline, sentence, body) {
    box.textContent = '';
    box.className = 'card result ' + result;
    box.setAttribute('data-result', result);
    var big = document.createElement('p');
    big.className = 'result-big';
    big.setAttribute('data-testid', 'unlock-headline');
    big.textContent = (result === 'unlocked' ? '\u2714 ' : '\u2716 ') + headline;
    var p = document.createElement('p');
    p.textContent = sentence;
    box.appendChild(big);
    box.appendChild(p);
    var dl = document.createElement('dl');
    dl.className = 'facts';
    addFact(dl, 'Reason', body.reason, 'unlock-reason', true);
    addFact(dl, 'Detail', body.detail, 'unlock-detail');
    addFact(dl, 'Key id', body.keyId, 'unlock-key-id', true);
    box.appendChild(dl);
    box.hidden = false;
    box.scrollIntoView({ block: 'nearest' });
    document.dispatchEvent(new CustomEvent('odk:unlock', { detail: { result: result, body: body } }));
  }

  // ---------------------------------------------------------------- app switch (app/app-switch.js drives it)

  /** What app-switch.js may use: the session, a prefilled number, and showing a downloaded key as the current one. */
  function exposeForAppSwitch() {
    window.OdkPhone = {
      loggedIn: loggedIn,
      appUserId: function () { return sessionStorage.getItem(USER); },
      call: function (method, path) { return call(method, path, undefined, true); },
      prefillNumber: function (number) { if (!loggedIn()) { $('phone-input').value = number; } },
      endSession: function () { forgetSession(); render(); },   // the server said 401: log in again
      showKey: function (key) {
        chooseLock({ lockId: key.lockId }, 'app switch');
        state.key = key;
        state.keySource = 'opened by an app-switch link';
        render();
      }
    };
  }

  // ---------------------------------------------------------------- the page

  function render() {
    var inSession = loggedIn();
    show('who', inSession);
    text('who-number', sessionStorage.getItem(USER));
    show('login-step', !inSession);
    show('device-key-note', !inSession && !deviceKeysAvailable());
    show('access-step', inSession && !!state.lock);
    show('key-step', inSession && !!state.key);
    if (!state.key) { show('unlock-result', false); }
    renderKey();
    document.dispatchEvent(new CustomEvent('odk:render'));
  }

  function embedded(id) {
    var el = $(id);
    if (!el) { return null; }
    try { return JSON.parse(el.textContent); } catch (e) { return null; }
  }

  function start() {
    exposeForAppSwitch();
    $('lock-form').addEventListener('submit', onLockForm);
    $('otp-form').addEventListener('submit', onOtpForm);
    $('code-form').addEventListener('submit', onCodeForm);
    $('otp-restart').addEventListener('click', function () { resetLoginForms(); clearError(); });
    $('logout').addEventListener('click', onLogout);
    $('request-access').addEventListener('click', onRequestAccess);
    $('unlock').addEventListener('click', onUnlock);
    setupNfc();

    var scan = embedded('odk-scan');
    var problem = embedded('odk-problem');
    if (scan && scan.lockId) {
      chooseLock(scan, 'sticker ' + scan.tagId);
    } else if (problem) {
      showScanProblem(new ApiError(problem.status, problem));
    } else {
      var wanted = new URLSearchParams(location.search).get('lock');   // /app?lock=... (links from the dashboard)
      if (wanted) { chooseLock({ lockId: wanted }, 'link'); }
    }
    render();
    syncClock().then(tick);
    setInterval(tick, 1000);
    setInterval(function () { if (state.key) { syncClock(); } }, 15000);
    document.body.setAttribute('data-ready', 'true');
  }

  start();
})();
