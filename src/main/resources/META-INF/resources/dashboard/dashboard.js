/*
 * The dashboard (DESIGN.md §9): what the simulator holds and what is happening, over the admin API.
 * Plain JS, no build step. The admin token is asked once and kept in localStorage.
 */
(function () {
  'use strict';

  var TOKEN = 'odk.admin.token';
  var PROJECT = 'odk.admin.project';
  var POLL_MS = 3000;

  var state = { project: null, locks: {}, qr: {}, lastDecision: null, timer: null, onDemand: null };

  function $(id) { return document.getElementById(id); }
  function show(id, visible) { $(id).hidden = !visible; }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') { node.textContent = attrs[k] == null ? '' : String(attrs[k]); }
      else if (k === 'className') { node.className = attrs[k]; }
      else { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c != null) { node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); } });
    return node;
  }

  // ---------------------------------------------------------------- HTTP and errors in words

  function ApiError(status, body, network) {
    this.status = status;
    this.body = body || {};
    this.network = network || null;
  }

  function api(method, path, body) {
    var headers = { Accept: 'application/json', Authorization: 'Bearer ' + (localStorage.getItem(TOKEN) || '') };
    if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
    return fetch(path, { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body) })
      .catch(function (e) { throw new ApiError(0, null, e.message || 'network error'); })
      .then(function (res) {
        return res.text().then(function (raw) {
          var parsed = null;
          if (raw) {
            try { parsed = JSON.parse(raw); } catch (e) { parsed = { title: 'Unreadable answer', detail: raw.slice(0, 300) }; }
          }
          if (res.ok) { return parsed; }
          throw new ApiError(res.status, parsed);
        });
      });
  }

  var SENTENCES = {
    0: 'Could not reach the simulator. Is it still running?',
    400: 'The simulator did not accept that; see the detail for what to correct.',
    401: 'The admin token was not accepted. Enter the right one.',
    404: 'Not found: it may have been removed.',
    409: 'That conflicts with something that already exists.',
    500: 'The simulator hit an internal error; see its log.'
  };

  /** Shows an error in words; a 401 asks for the token again. */
  function fail(doing) {
    return function (err) {
      if (!(err instanceof ApiError)) { err = new ApiError(0, null, err && err.message ? err.message : String(err)); }
      if (err.status === 401) {
        askToken('The admin token was not accepted (' + ((err.body && err.body.detail) || 'HTTP 401') + ').');
        return;
      }
      var p = err.body || {};
      var box = $('error');
      box.textContent = '';
      box.appendChild(el('p', { className: 'problem-title', 'data-testid': 'problem-title',
        text: doing + ': ' + (err.network ? 'no connection' : (p.title || 'HTTP ' + err.status)) }));
      box.appendChild(el('p', { 'data-testid': 'problem-sentence', text: SENTENCES[err.status] || SENTENCES[Math.floor(err.status / 100) * 100] || 'Something went wrong.' }));
      var detail = err.network || p.detail;
      if (detail) { box.appendChild(el('p', { 'data-testid': 'problem-detail', text: detail })); }
      if (p.invalidParams) {
        box.appendChild(el('ul', {}, p.invalidParams.map(function (f) { return el('li', { text: f.name + ': ' + f.reason }); })));
      }
      if (p.reason) { box.appendChild(el('p', {}, ['Reason ', el('code', { text: p.reason })])); }
      box.appendChild(el('button', { type: 'button', className: 'link', text: 'Dismiss' }));
      box.lastChild.addEventListener('click', clearError);
      box.hidden = false;
    };
  }

  function clearError() { show('error', false); }

  // ---------------------------------------------------------------- token

  function askToken(message) {
    stopPolling();
    show('board', false);
    show('token-panel', true);
    $('token-message').textContent = message || '';
    show('token-message', !!message);
    $('token-input').value = '';
    $('token-input').focus();
  }

  function onTokenForm(ev) {
    ev.preventDefault();
    var token = $('token-input').value.trim();
    if (!token) { return; }
    localStorage.setItem(TOKEN, token);
    show('token-panel', false);
    clearError();
    boot();
  }

  // ---------------------------------------------------------------- formatting

  function time(iso) {
    if (!iso) { return ''; }
    var d = new Date(iso);
    return isNaN(d) ? iso : d.toLocaleString([], { dateStyle: 'short', timeStyle: 'medium' });
  }

  function seconds(s) {
    var sign = s < 0 ? '-' : '+';
    s = Math.abs(s);
    var d = Math.floor(s / 86400);
    var h = Math.floor((s % 86400) / 3600);
    var m = Math.floor((s % 3600) / 60);
    var parts = [];
    if (d) { parts.push(d + ' d'); }
    if (h) { parts.push(h + ' h'); }
    if (m) { parts.push(m + ' min'); }
    if (s % 60 || !parts.length) { parts.push((s % 60) + ' s'); }
    return (s === 0 ? '' : sign) + parts.join(' ');
  }

  function table(id, columns, rows, empty) {
    var t = $(id);
    t.textContent = '';
    t.appendChild(el('thead', {}, [el('tr', {}, columns.map(function (c) { return el('th', { text: c.title }); }))]));
    var body = el('tbody');
    if (!rows.length) {
      body.appendChild(el('tr', {}, [el('td', { colspan: String(columns.length), className: 'muted', text: empty })]));
    }
    rows.forEach(function (row) {
      body.appendChild(el('tr', row.__attrs || {}, columns.map(function (c) {
        var v = c.cell(row);
        return v instanceof Node ? el('td', {}, [v]) : el('td', { text: v });
      })));
    });
    t.appendChild(body);
  }

  function lockName(id) { return state.locks[id] ? state.locks[id] + ' (' + id + ')' : id; }

  function pill(value, kind) { return el('span', { className: 'pill ' + (kind || String(value).toLowerCase()), text: value }); }

  function projectPath(rest) { return '/api/admin/v1/projects/' + encodeURIComponent(state.project) + rest; }

  // ---------------------------------------------------------------- projects, locks, tags

  function loadProjects() {
    return api('GET', '/api/admin/v1/projects').then(function (projects) {
      var select = $('project-select');
      select.textContent = '';
      projects.forEach(function (p) { select.appendChild(el('option', { value: p.id, text: p.name + ' (' + p.id + ')' })); });
      if (!projects.length) {
        $('project-info').textContent = 'No projects yet: create one with POST /api/admin/v1/projects.';
        return;
      }
      var wanted = localStorage.getItem(PROJECT);
      var chosen = projects.some(function (p) { return p.id === wanted; }) ? wanted : projects[0].id;
      select.value = chosen;
      show('board', true);
      return chooseProject(chosen);
    });
  }

  function chooseProject(id) {
    state.project = id;
    state.lastDecision = null;
    localStorage.setItem(PROJECT, id);
    $('project-info').textContent = '';
    return loadLocks().then(function () {
      return Promise.all([loadTags(), loadKeys(), loadDecisions(), loadActivity(), loadOnDemand()]);
    });
  }

  function loadLocks() {
    return api('GET', projectPath('/locks')).then(function (locks) {
      state.locks = {};
      locks.forEach(function (l) { state.locks[l.id] = l.name; });
      $('project-info').textContent = locks.length + ' lock' + (locks.length === 1 ? '' : 's');
      table('locks', [
        { title: 'Name', cell: function (l) { return l.name; } },
        { title: 'Lock id', cell: function (l) { return el('code', { text: l.id }); } },
        { title: 'Vendor', cell: function (l) { return l.vendor; } },
        { title: 'Created', cell: function (l) { return time(l.createdAt); } },
        { title: 'Phone', cell: function (l) { return el('a', { href: '/app?lock=' + encodeURIComponent(l.id), target: '_blank', rel: 'noopener', text: 'open' }); } }
      ], locks, 'No locks in this project.');
    }, fail('Loading locks'));
  }

  function loadTags() {
    return api('GET', projectPath('/tags')).then(function (tags) {
      var box = $('tags');
      box.textContent = '';
      if (!tags.length) { box.appendChild(el('p', { className: 'muted', text: 'No stickers in this project.' })); }
      tags.forEach(function (t) {
        var img = el('img', { className: 'qr', alt: 'QR code of ' + t.url, 'data-testid': 'qr-' + t.tagId, width: '148', height: '148' });
        qrInto(img, t.url);
        box.appendChild(el('figure', { className: 'tag ' + (t.state || ''), 'data-testid': 'tag-' + t.tagId }, [
          img,
          el('figcaption', {}, [
            el('strong', { text: t.tagId }), ' ', pill(t.state || 'active'),
            el('div', { text: lockName(t.lockId) }),
            el('a', { href: t.url, target: '_blank', rel: 'noopener', className: 'url', 'data-testid': 'tag-url', text: t.url }),
            el('div', { className: 'muted', text: 'mode ' + (t.mode || 'none') + (t.chipUid ? ' · chip ' + t.chipUid : '') })
          ])
        ]));
      });
    }, fail('Loading stickers'));
  }

  /** QR codes come from the server (qrcodegen) as SVG; the admin token rides in a header, so fetch and show as a blob. */
  function qrInto(img, text) {
    if (state.qr[text]) { img.src = state.qr[text]; return; }
    fetch('/api/admin/v1/qr.svg?data=' + encodeURIComponent(text), { headers: { Authorization: 'Bearer ' + localStorage.getItem(TOKEN) } })
      .then(function (res) {
        if (!res.ok) { throw new Error('HTTP ' + res.status); }
        return res.blob();
      })
      .then(function (blob) {
        state.qr[text] = URL.createObjectURL(blob);
        img.src = state.qr[text];
      })
      .catch(function (e) { img.alt = 'QR code unavailable (' + e.message + ')'; });
  }

  // ---------------------------------------------------------------- keys and decisions

  function loadKeys() {
    return api('GET', projectPath('/keys')).then(function (body) {
      var keys = (body.keys || []).slice().sort(function (a, b) { return String(b.start).localeCompare(String(a.start)); });
      table('keys', [
        { title: 'State', cell: function (k) { return pill(k.state); } },
        { title: 'Lock', cell: function (k) { return lockName(k.lockId); } },
        { title: 'App user', cell: function (k) { return k.appUserId; } },
        { title: 'From', cell: function (k) { return time(k.start); } },
        { title: 'Until', cell: function (k) { return time(k.end); } },
        { title: 'Source', cell: function (k) { return k.source; } },
        { title: 'Key id', cell: function (k) { return el('code', { title: k.id, text: String(k.id).slice(0, 8) }); } }
      ], keys, 'No keys yet: request access from the phone app.');
    }, fail('Loading keys'));
  }

  function loadDecisions() {
    return api('GET', projectPath('/decisions?limit=50')).then(function (body) {
      var decisions = body.decisions || [];
      table('decisions', [
        { title: 'When', cell: function (d) { return time(d.at); } },
        { title: 'Outcome', cell: function (d) { return pill(d.outcome, d.outcome === 'GRANTED' ? 'ok' : d.outcome === 'DENIED' ? 'denied' : 'failed'); } },
        { title: 'Lock', cell: function (d) { return lockName(d.lockId); } },
        { title: 'App user', cell: function (d) { return d.appUserId; } },
        { title: 'HTTP', cell: function (d) { return d.httpStatus == null ? '–' : d.httpStatus; } },
        { title: 'Latency', cell: function (d) { return d.latencyMs + ' ms'; } },
        { title: 'Reason / details', cell: decisionDetails }
      ], decisions, 'No decisions yet: a user without a key requesting access makes one.');
      $('decisions-updated').textContent = 'updated ' + new Date().toLocaleTimeString();
      var newest = decisions.length ? decisions[0].id : null;
      if (state.lastDecision !== null && newest !== state.lastDecision) { loadKeys(); }
      state.lastDecision = newest;
    }, fail('Loading the decision log'));
  }

  function decisionDetails(d) {
    var details = el('details', {}, [
      el('summary', { text: d.reason || (d.outcome === 'GRANTED' ? 'granted' : 'details') }),
      el('p', { className: 'muted', text: 'Request' }),
      el('pre', { text: JSON.stringify(d.request, null, 2) }),
      el('p', { className: 'muted', text: 'Response' }),
      el('pre', { text: d.response ? ('HTTP ' + (d.response.status == null ? '–' : d.response.status) + '\n' + (d.response.body || '')) : '–' }),
      el('p', { className: 'muted', text: 'Decision ' + d.id })
    ]);
    return details;
  }

  // ---------------------------------------------------------------- activity: scans and unlock attempts

  function loadActivity() {
    return api('GET', projectPath('/activity?limit=20')).then(function (a) {
      table('scans', [
        { title: 'When', cell: function (s) { return time(s.at); } },
        { title: 'Sticker', cell: function (s) { return el('code', { text: s.tagId }); } },
        { title: 'Outcome', cell: function (s) { return pill(s.outcome, s.outcome === 'ok' ? 'ok' : 'failed'); } },
        { title: 'Lock / reason', cell: function (s) { return s.lockId ? lockName(s.lockId) + (s.reason ? ' · ' + s.reason : '') : (s.reason || ''); } }
      ], a.scans || [], 'No scans yet: open a sticker URL.');
      table('unlocks', [
        { title: 'When', cell: function (u) { return time(u.at); } },
        { title: 'Result', cell: function (u) { return pill(u.result, u.result === 'unlocked' ? 'ok' : 'failed'); } },
        { title: 'Lock', cell: function (u) { return lockName(u.lockId); } },
        { title: 'App user', cell: function (u) { return u.appUserId || ''; } },
        { title: 'Reason', cell: function (u) { return u.reason || ''; } }
      ], a.unlocks || [], 'No unlock attempts yet.');
    }, fail('Loading the activity'));
  }

  // ---------------------------------------------------------------- on-demand configuration

  function loadOnDemand() {
    return api('GET', projectPath('/on-demand')).then(fillOnDemand, fail('Loading the on-demand configuration'));
  }

  function fillOnDemand(c) {
    state.onDemand = c;
    var auth = c.auth || { type: 'none' };
    $('od-enabled').checked = !!c.enabled;
    $('od-url').value = c.url || '';
    $('od-auth-type').value = auth.type === 'header' || auth.type === 'oauth2' ? auth.type : 'none';
    $('od-header-name').value = auth.headerName || '';
    $('od-header-value').value = '';
    $('od-header-value').placeholder = auth.headerValue ? auth.headerValue + ' (unchanged)' : 'secret value';
    $('od-connect-timeout').value = c.connectTimeoutMs == null ? '' : c.connectTimeoutMs;
    $('od-timeout').value = c.timeoutMs == null ? '' : c.timeoutMs;
    $('od-default-duration').value = c.defaultDurationSeconds == null ? '' : c.defaultDurationSeconds;
    $('od-max-duration').value = c.maxDurationSeconds == null ? '' : c.maxDurationSeconds;
    authFields();
  }

  function authFields() {
    var header = $('od-auth-type').value === 'header';
    $('od-header-name').disabled = !header;
    $('od-header-value').disabled = !header;
  }

  function number(id) {
    var v = $(id).value.trim();
    return v === '' ? null : Number(v);
  }

  function onOnDemandForm(ev) {
    ev.preventDefault();
    var type = $('od-auth-type').value;
    var body = {
      enabled: $('od-enabled').checked,
      url: $('od-url').value.trim(),
      // OAuth2 is configured through the admin API (docs/integrator-guide.md); leaving auth out keeps it as stored.
      auth: type === 'oauth2' ? undefined : type === 'header'
        ? { type: 'header', headerName: $('od-header-name').value.trim(), headerValue: $('od-header-value').value || null }
        : { type: 'none' },
      connectTimeoutMs: number('od-connect-timeout'),
      timeoutMs: number('od-timeout'),
      defaultDurationSeconds: number('od-default-duration'),
      maxDurationSeconds: number('od-max-duration')
    };
    api('PUT', projectPath('/on-demand'), body).then(function (c) {
      fillOnDemand(c);
      clearError();
      $('od-state').textContent = 'Saved at ' + new Date().toLocaleTimeString();
    }, fail('Saving the on-demand configuration'));
  }

  // ---------------------------------------------------------------- SMS inbox, clock, faults

  function loadSms() {
    return api('GET', '/api/sim/v1/sms?limit=20').then(function (body) {
      table('sms-table', [
        { title: 'Sent', cell: function (m) { return time(m.sentAt); } },
        { title: 'To', cell: function (m) { return m.to; } },
        { title: 'Code', cell: function (m) { return el('strong', { className: 'code', text: m.code }); } },
        { title: 'Text', cell: function (m) { return m.text; } }
      ], body.messages || [], 'No messages yet: log in on the phone app to get a code.');
    }, fail('Loading the SMS inbox'));
  }

  function showClock(c) {
    $('clock-now').textContent = time(c.now);
    $('clock-offset').textContent = seconds(c.offsetSeconds || 0);
    $('clock-panel').classList.toggle('travelled', !!c.offsetSeconds);
    state.offset = c.offsetSeconds || 0;
  }

  function loadClock() { return api('GET', '/api/sim/v1/clock').then(showClock, fail('Reading the clock')); }

  function setOffset(offset) {
    return api('PUT', '/api/sim/v1/clock', { offsetSeconds: offset }).then(function (c) {
      showClock(c);
      clearError();
      loadKeys();
    }, fail('Time travel'));
  }

  function showFaults(f) {
    $('fault-latency').value = f.latencyMs || 0;
    $('fault-status').value = f.forceStatus == null ? '' : f.forceStatus;
    $('fault-malformed').checked = !!f.malformedBody;
    var active = [];
    if (f.latencyMs) { active.push(f.latencyMs + ' ms latency'); }
    if (f.forceStatus != null) { active.push('forced HTTP ' + f.forceStatus); }
    if (f.malformedBody) { active.push('malformed body'); }
    $('faults-state').textContent = active.length ? 'Active: ' + active.join(', ') : 'No faults: the integrator decides normally.';
    $('faults-panel').classList.toggle('faulty', active.length > 0);
  }

  function loadFaults() { return api('GET', '/integrator/admin/faults').then(showFaults, fail('Reading the integrator faults')); }

  function putFaults(f) {
    return api('PUT', '/integrator/admin/faults', f).then(function (saved) {
      showFaults(saved);
      clearError();
    }, fail('Setting the integrator faults'));
  }

  // ---------------------------------------------------------------- live refresh

  function poll() {
    if (!state.project) { return; }
    loadSms();
    loadClock();
    if ($('live').checked) { loadDecisions(); loadActivity(); }
  }

  function startPolling() {
    stopPolling();
    state.timer = setInterval(poll, POLL_MS);
  }

  function stopPolling() {
    if (state.timer) { clearInterval(state.timer); state.timer = null; }
  }

  function boot() {
    if (!localStorage.getItem(TOKEN)) {
      askToken();
      return;
    }
    loadProjects().then(function () {
      if (!state.project) { return; }
      loadSms();
      loadClock();
      loadFaults();
      startPolling();
    }, fail('Loading projects'));
  }

  function wire() {
    $('token-form').addEventListener('submit', onTokenForm);
    $('change-token').addEventListener('click', function () { askToken(); });
    $('project-select').addEventListener('change', function () { chooseProject($('project-select').value); });
    $('keys-refresh').addEventListener('click', loadKeys);
    $('live').addEventListener('change', function () { if ($('live').checked) { loadDecisions(); } });
    $('ondemand-form').addEventListener('submit', onOnDemandForm);
    $('od-auth-type').addEventListener('change', authFields);
    Array.prototype.forEach.call(document.querySelectorAll('[data-shift]'), function (b) {
      b.addEventListener('click', function () { setOffset((state.offset || 0) + Number(b.getAttribute('data-shift'))); });
    });
    $('clock-reset').addEventListener('click', function () { setOffset(0); });
    $('clock-form').addEventListener('submit', function (ev) {
      ev.preventDefault();
      var v = $('clock-input').value.trim();
      if (v !== '') { setOffset(Number(v)); }
    });
    $('faults-form').addEventListener('submit', function (ev) {
      ev.preventDefault();
      putFaults({
        latencyMs: number('fault-latency') || 0,
        forceStatus: number('fault-status'),
        malformedBody: $('fault-malformed').checked
      });
    });
    $('faults-reset').addEventListener('click', function () { putFaults({ latencyMs: 0, forceStatus: null, malformedBody: false }); });
  }

  wire();
  boot();
})();
