/*
 * The dashboard (docs/design.md §9): what the simulator holds and what is happening, over the admin API.
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
      else if (attrs[k] != null) { node.setAttribute(k, attrs[k]); }
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
    403: 'This admin token belongs to one project; only the operator\'s global admin token may do that.',
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
      return Promise.all([loadTags(), loadKeys(), loadDecisions(), loadActivity(), loadOnDemand(), loadValidations(), resumeRuns()]);
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
        { title: 'Binding', cell: function (k) { return k.deviceBound ? pill('device-bound', 'bound') : 'any phone'; } },
        { title: 'Key id', cell: function (k) { return el('code', { title: k.id, text: String(k.id).slice(0, 8) }); } },
        { title: '', cell: keyAction }
      ], keys.map(function (k) { k.__attrs = { 'data-testid': 'key-' + k.id, 'data-state': k.state }; return k; }),
      'No keys yet: request access from the phone app.');
    }, fail('Loading keys'));
  }

  /** A revoke button while the key can still open something; when revoked, when and why. */
  function keyAction(k) {
    if (k.state === 'revoked') {
      return el('span', { className: 'muted', 'data-testid': 'revoked-' + k.id,
        text: 'revoked ' + time(k.revokedAt) + (k.revokedReason ? ': ' + k.revokedReason : '') });
    }
    if (k.state !== 'active' && k.state !== 'scheduled' && k.state !== 'creating') { return ''; }
    var button = el('button', { type: 'button', className: 'secondary small', 'data-testid': 'revoke-' + k.id, text: 'Revoke' });
    button.addEventListener('click', function () {
      button.disabled = true;
      api('POST', projectPath('/keys/' + encodeURIComponent(k.id) + '/revoke'), { reason: 'revoked on the dashboard' })
        .then(function () { clearError(); return loadKeys(); }, fail('Revoking key ' + k.id))
        .then(function () { button.disabled = false; });
    });
    return button;
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
    return Promise.all([loadScans(), loadAccessEvents()]);
  }

  /** The project's sticker scans (tag package), with the scans of unknown stickers (no project) mixed in by time. */
  function loadScans() {
    return Promise.all([
      api('GET', projectPath('/scans?limit=20')),
      // Unknown stickers belong to no project: a project admin token may not read them (403), so none are shown.
      api('GET', '/api/admin/v1/scans?outcome=unknown&limit=10').catch(function (err) {
        if (err instanceof ApiError && err.status === 403) { return { scans: [] }; }
        throw err;
      })
    ]).then(function (answers) {
      var scans = (answers[0].scans || []).concat(answers[1].scans || [])
        .sort(function (a, b) { return String(b.at).localeCompare(String(a.at)); }).slice(0, 20);
      table('scans', [
        { title: 'When', cell: function (s) { return time(s.at); } },
        { title: 'Sticker', cell: function (s) { return el('code', { text: s.tagId }); } },
        { title: 'Outcome', cell: function (s) { return pill(s.outcome, s.outcome === 'ok' ? 'ok' : 'failed'); } },
        { title: 'Lock / reason', cell: function (s) { return s.lockId ? lockName(s.lockId) + (s.reason ? ' · ' + s.reason : '') : (s.reason || ''); } },
        { title: 'Trust', cell: function (s) {
          return (s.mode || '') + (s.chipUid ? ' · chip ' + s.chipUid : '') + (s.counter != null ? ' · tap ' + s.counter : ''); } }
      ], scans, 'No scans yet: open a sticker URL.');
    }, fail('Loading the sticker scans'));
  }

  function loadAccessEvents() {
    return api('GET', projectPath('/access-events?limit=20')).then(function (a) {
      table('unlocks', [
        { title: 'When', cell: function (u) { return time(u.at); } },
        { title: 'Result', cell: function (u) { return pill(u.result, u.result === 'unlocked' ? 'ok' : 'failed'); } },
        { title: 'Lock', cell: function (u) { return lockName(u.lockId); } },
        { title: 'App user', cell: function (u) { return u.appUserId || ''; } },
        { title: 'Reason', cell: function (u) { return u.reason || ''; } }
      ], a.accessEvents || [], 'No unlock attempts yet.');
    }, fail('Loading the unlock attempts'));
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
    $('od-require-scan-proof').checked = !!c.requireScanProof;
    $('od-auth-type').value = auth.type === 'header' || auth.type === 'oauth2' ? auth.type : 'none';
    $('od-header-name').value = auth.headerName || '';
    $('od-header-value').value = '';
    $('od-header-value').placeholder = auth.headerValue ? auth.headerValue + ' (unchanged)' : 'secret value';
    $('od-token-url').value = auth.tokenUrl || '';
    $('od-client-id').value = auth.clientId || '';
    secretField('od-client-secret', auth.clientSecret);
    $('od-scope').value = auth.scope || '';
    var signing = c.signing || {};
    $('od-signing').checked = !!signing.enabled;
    secretField('od-signing-secret', signing.secret);
    [['od-connect-timeout', 'connectTimeoutMs'], ['od-timeout', 'timeoutMs'], ['od-default-duration', 'defaultDurationSeconds'],
      ['od-max-duration', 'maxDurationSeconds'], ['od-breaker-failures', 'circuitBreakerFailures'],
      ['od-breaker-delay', 'circuitBreakerDelayMs'], ['od-max-concurrent', 'maxConcurrent'], ['od-retention', 'decisionRetention']
    ].forEach(function (f) { $(f[0]).value = c[f[1]] == null ? '' : c[f[1]]; });
    fieldErrors($('ondemand-form'), []);
    authFields();
  }

  /** Secrets are write-only: the field stays empty, the masked stored value is the placeholder, empty keeps it. */
  function secretField(id, masked) {
    $(id).value = '';
    $(id).placeholder = masked ? masked + ' (unchanged)' : 'secret';
  }

  function authFields() {
    var type = $('od-auth-type').value;
    Array.prototype.forEach.call(document.querySelectorAll('#ondemand-form .auth-header input'), function (i) { i.disabled = type !== 'header'; });
    Array.prototype.forEach.call(document.querySelectorAll('#ondemand-form .auth-oauth2'), function (l) { l.hidden = type !== 'oauth2'; });
    Array.prototype.forEach.call(document.querySelectorAll('#ondemand-form .auth-header'), function (l) { l.hidden = type === 'oauth2'; });
    $('od-signing-secret').disabled = !$('od-signing').checked;
  }

  /** Puts each of a 400's invalidParams next to the form field it names (data-field); clears the old ones. */
  function fieldErrors(form, invalidParams) {
    Array.prototype.forEach.call(form.querySelectorAll('.field-error'), function (e) { e.remove(); });
    Array.prototype.forEach.call(form.querySelectorAll('.invalid'), function (e) { e.classList.remove('invalid'); });
    (invalidParams || []).forEach(function (p) {
      var input = form.querySelector('[data-field="' + p.name + '"]');
      if (!input) { return; }
      input.classList.add('invalid');
      input.parentNode.appendChild(el('span', { className: 'field-error', 'data-testid': 'field-error-' + p.name, text: p.reason }));
    });
  }

  /** fail(doing), and the 400's fields next to the form's inputs. */
  function failForm(form, doing) {
    var show = fail(doing);
    return function (err) {
      fieldErrors(form, err && err.body && err.body.invalidParams);
      show(err);
    };
  }

  function number(id) {
    var v = $(id).value.trim();
    return v === '' ? null : Number(v);
  }

  function onOnDemandForm(ev) {
    ev.preventDefault();
    var type = $('od-auth-type').value;
    var auth = { type: type };
    if (type === 'header') {
      auth.headerName = $('od-header-name').value.trim();
      auth.headerValue = $('od-header-value').value || null;   // null keeps the stored secret
    } else if (type === 'oauth2') {
      auth.tokenUrl = $('od-token-url').value.trim();
      auth.clientId = $('od-client-id').value.trim();
      auth.clientSecret = $('od-client-secret').value || null;
      auth.scope = $('od-scope').value.trim() || null;
    }
    var body = {
      enabled: $('od-enabled').checked,
      url: $('od-url').value.trim(),
      requireScanProof: $('od-require-scan-proof').checked,
      auth: auth,
      signing: { enabled: $('od-signing').checked, secret: $('od-signing-secret').value || null },
      connectTimeoutMs: number('od-connect-timeout'),
      timeoutMs: number('od-timeout'),
      defaultDurationSeconds: number('od-default-duration'),
      maxDurationSeconds: number('od-max-duration'),
      circuitBreakerFailures: number('od-breaker-failures'),
      circuitBreakerDelayMs: number('od-breaker-delay'),
      maxConcurrent: number('od-max-concurrent'),
      decisionRetention: number('od-retention')
    };
    $('od-state').textContent = '';
    api('PUT', projectPath('/on-demand'), body).then(function (c) {
      fillOnDemand(c);
      clearError();
      $('od-state').textContent = 'Saved at ' + new Date().toLocaleTimeString();
    }, failForm($('ondemand-form'), 'Saving the on-demand configuration'));
  }

  // ---------------------------------------------------------------- validator runs (docs/validator.md)

  var VALIDATION_PAIRS = 'odk.admin.validationPairs.';
  var DEMO_PAIRS = { grant: 'demo-front-door:+4712345678', deny: 'demo-server-room:+4798765432' };

  function verdictPill(verdict) {
    return pill(verdict, verdict === 'CONFORMANT' ? 'ok' : verdict === 'UNREACHABLE' ? 'failed' : 'denied');
  }

  function loadValidations() {
    var saved = JSON.parse(localStorage.getItem(VALIDATION_PAIRS + state.project) || 'null') || (state.project === 'demo' ? DEMO_PAIRS : {});
    $('val-grant').value = saved.grant || '';
    $('val-deny').value = saved.deny || '';
    fieldErrors($('validation-form'), []);
    show('validation-run', false);
    return listValidations();
  }

  function listValidations() {
    return api('GET', projectPath('/validations?limit=20')).then(function (body) {
      table('validations', [
        { title: 'Started', cell: function (v) { return time(v.startedAt); } },
        { title: 'Verdict', cell: function (v) { return verdictPill(v.verdict); } },
        { title: 'Passed / failed / warnings / skipped', cell: function (v) {
          return v.counts.passed + ' / ' + v.counts.failed + ' / ' + v.counts.warnings + ' / ' + v.counts.skipped; } },
        { title: 'Endpoint', cell: function (v) { return v.url; } },
        { title: '', cell: function (v) {
          var b = el('button', { type: 'button', className: 'secondary small', 'data-testid': 'validation-open-' + v.id, text: 'Show checks' });
          b.addEventListener('click', function () {
            api('GET', projectPath('/validations/' + encodeURIComponent(v.id))).then(showValidation, fail('Loading validation run ' + v.id));
          });
          return b;
        } }
      ], (body.validations || []).map(function (v) { v.__attrs = { 'data-testid': 'validation-' + v.id }; return v; }),
      'No runs yet for this project.');
    }, fail('Loading the validator runs'));
  }

  function onValidationForm(ev) {
    ev.preventDefault();
    var form = $('validation-form');
    var body = { grant: $('val-grant').value.trim(), deny: $('val-deny').value.trim() };
    var repeats = number('val-repeats');
    if (repeats != null) { body.repeats = repeats; }
    var button = $('val-run');
    button.disabled = true;
    fieldErrors(form, []);
    $('val-state').textContent = 'Starting the suite against the endpoint…';
    api('POST', projectPath('/validations'), body).then(function (run) {
      localStorage.setItem(VALIDATION_PAIRS + state.project, JSON.stringify({ grant: body.grant, deny: body.deny }));
      clearError();
      watchRun(run);
    }, function (err) {
      $('val-state').textContent = '';
      button.disabled = false;
      failForm(form, 'Running the validator')(err);
    });
  }

  // ---------------------------------------------------------------- long runs (validations, load tests) as jobs

  var RUN_POLL_MS = 500;
  var watching = {};

  /** Where a run of each kind shows its progress: its state line, its progress bar, its cancel and start buttons. */
  function runUi(kind) {
    return kind === 'load'
      ? { state: 'load-state', bar: 'load-progress', cancel: 'load-cancel', start: 'load-run' }
      : { state: 'val-state', bar: 'val-progress', cancel: 'val-cancel', start: 'val-run' };
  }

  /** Follows a run by polling it until it ends (it keeps running on the server if the page is closed). */
  function watchRun(run) {
    if (watching[run.id]) { return; }
    watching[run.id] = true;
    var ui = runUi(run.kind);
    var project = state.project;
    $(ui.start).disabled = true;
    $(ui.cancel).hidden = false;
    $(ui.cancel).setAttribute('data-run', run.id);
    $(ui.bar).hidden = false;
    function render(r) {
      $(ui.bar).value = r.progress || 0;
      $(ui.state).textContent = r.state + (r.cancelRequested && r.state === 'running' ? ' (cancelling)' : '') +
        (r.progressText && r.progressText !== r.state ? ': ' + r.progressText : '');
      $(ui.state).setAttribute('data-state', r.state);
    }
    function done(r) {
      delete watching[run.id];
      $(ui.start).disabled = false;
      $(ui.cancel).hidden = true;
      $(ui.bar).hidden = true;
      if (project !== state.project) { return; }
      $(ui.state).textContent = r.state === 'finished' ? 'Finished at ' + new Date().toLocaleTimeString()
        : r.state === 'cancelled' ? 'Cancelled' : 'Failed: ' + (r.error || 'see the log');
      $(ui.state).setAttribute('data-state', r.state);
      if (r.state === 'finished' && r.kind === 'validation') {
        api('GET', projectPath('/validations/' + encodeURIComponent(r.id))).then(showValidation, fail('Loading validation run ' + r.id));
        listValidations();
      }
      if (r.kind === 'load' && r.report) { showLoad(r); }
    }
    function tick() {
      api('GET', '/api/admin/v1/projects/' + encodeURIComponent(project) + '/runs/' + encodeURIComponent(run.id)).then(function (r) {
        if (r.state === 'finished' || r.state === 'cancelled' || r.state === 'failed') { done(r); return; }
        if (project === state.project) { render(r); }
        setTimeout(tick, RUN_POLL_MS);
      }, function (err) { delete watching[run.id]; fail('Following run ' + run.id)(err); });
    }
    render(run);
    tick();
  }

  function cancelRun(kind) {
    var id = $(runUi(kind).cancel).getAttribute('data-run');
    if (!id) { return; }
    api('POST', projectPath('/runs/' + encodeURIComponent(id) + '/cancel')).then(function () {
      $(runUi(kind).state).textContent = 'cancelling…';
    }, fail('Cancelling run ' + id));
  }

  /** Runs still going when the page (re)opens are followed again. */
  function resumeRuns() {
    return api('GET', projectPath('/runs?limit=10')).then(function (body) {
      (body.runs || []).forEach(function (r) { if (r.state === 'queued' || r.state === 'running') { watchRun(r); } });
    }, fail('Loading the runs'));
  }

  function onLoadForm(ev) {
    ev.preventDefault();
    var form = $('load-form');
    var split = function (id) { return $(id).value.split(/[\s,]+/).filter(function (v) { return v !== ''; }); };
    var body = { lockIds: split('load-locks'), appUserIds: split('load-users'), ratePerSecond: number('load-rate'),
      durationSeconds: number('load-duration') };
    var p99 = number('load-p99');
    if (p99 != null) { body.maxP99Ms = p99; }
    fieldErrors(form, []);
    $('load-result').hidden = true;
    api('POST', projectPath('/load-tests'), body).then(function (run) {
      clearError();
      watchRun(run);
    }, failForm(form, 'Starting the load test'));
  }

  /** A finished load run: verdict, figures, outcomes; the report is the load command's report.json. */
  function showLoad(run) {
    var r = run.report;
    var box = $('load-result');
    box.textContent = '';
    box.setAttribute('data-run', run.id);
    box.setAttribute('data-verdict', run.verdict || '');
    box.appendChild(el('p', { 'data-testid': 'load-verdict' }, [pill(r.passed ? 'budgets held' : 'budgets exceeded', r.passed ? 'ok' : 'failed'),
      ' ' + r.capacity]));
    box.appendChild(el('p', { className: 'muted', 'data-testid': 'load-figures',
      text: r.sent + ' calls at ' + r.ratePerSecond + '/s · p50 ' + r.latency.p50 + ' ms · p99 ' + r.latency.p99 + ' ms · max ' +
        r.latency.max + ' ms · ' + r.sustainedPerSecond + ' answers/s sustained · error rate ' + (r.errorRate * 100).toFixed(2) + '% · ' +
        r.timeouts + ' timeouts' }));
    var t = el('table', { id: 'load-outcomes', 'data-testid': 'load-outcomes' });
    box.appendChild(t);
    table('load-outcomes', [
      { title: 'Outcome', cell: function (o) { return pill(o.outcome, o.error ? 'failed' : 'ok'); } },
      { title: 'Calls', cell: function (o) { return String(o.count); } },
      { title: 'First reason', cell: function (o) { return o.exampleReason || ''; } }
    ], r.outcomes || [], 'No call completed.');
    box.hidden = false;
  }

  /** One run: verdict, counts, and every check with its finding, evidence and curl line. */
  function showValidation(run) {
    var box = $('validation-run');
    var report = run.report || {};
    box.textContent = '';
    box.setAttribute('data-run', run.id);
    box.setAttribute('data-verdict', run.verdict);
    box.appendChild(el('h3', {}, ['Run ', el('code', { text: run.id.slice(0, 8) }), ' ', verdictPill(run.verdict)]));
    box.appendChild(el('p', { className: 'muted', 'data-testid': 'validation-summary',
      text: time(run.startedAt) + ' · ' + run.url + ' · grant ' + (report.grant || '?') + ' · deny ' + (report.deny || '?') +
        ' · exit code ' + run.exitCode + ' · ' + run.counts.passed + ' passed, ' + run.counts.failed + ' failed, ' +
        run.counts.warnings + ' warnings, ' + run.counts.skipped + ' skipped' }));
    var checks = (report.checks || []).map(function (c) { c.__attrs = { 'data-testid': 'check-' + c.id, 'data-status': c.status }; return c; });
    var t = el('table', { id: 'validation-checks', 'data-testid': 'validation-checks' });
    box.appendChild(el('div', { className: 'scroll', tabindex: '0', role: 'region', 'aria-label': 'Validation checks table' }, [t]));
    box.hidden = false;
    table('validation-checks', [
      { title: 'Check', cell: function (c) { return el('code', { text: c.id }); } },
      { title: 'Title', cell: function (c) { return c.title; } },
      { title: 'Severity', cell: function (c) { return c.severity === 'WARN' ? 'warn' : 'fail'; } },
      { title: 'Result', cell: function (c) {
        return pill(c.status, c.status === 'PASS' ? 'ok' : c.status === 'FAIL' ? 'failed' : c.status === 'WARN' ? 'denied' : 'skip'); } },
      { title: 'Finding, evidence, curl', cell: checkDetails }
    ], checks, 'The run has no checks.');
  }

  function checkDetails(c) {
    var evidence = (c.evidence || []).map(function (e) {
      return el('div', { className: 'evidence' }, [
        el('p', { className: 'muted', text: (e.label ? e.label + ': ' : '') + e.method + ' ' + e.url }),
        el('pre', { text: (e.status == null ? 'no answer' : 'HTTP ' + e.status + (e.contentType ? ' ' + e.contentType : '')) +
          ' · ' + e.latencyMs + ' ms · ' + (e.outcome || '') + (e.reason ? ' (' + e.reason + ')' : '') + (e.body ? '\n' + e.body : '') })
      ]);
    });
    var parts = [el('summary', { text: c.message || c.status })];
    if (c.curl) { parts.push(el('p', { className: 'muted', text: 'Reproduce' }), el('pre', { className: 'curl', 'data-testid': 'curl-' + c.id, text: c.curl })); }
    if (evidence.length) { parts.push(el('p', { className: 'muted', text: 'Evidence (' + evidence.length + ')' })); }
    return el('details', { open: c.status === 'FAIL' ? 'open' : null }, parts.concat(evidence));
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
    $('od-signing').addEventListener('change', authFields);
    $('validation-form').addEventListener('submit', onValidationForm);
    $('val-cancel').addEventListener('click', function () { cancelRun('validation'); });
    $('load-form').addEventListener('submit', onLoadForm);
    $('load-cancel').addEventListener('click', function () { cancelRun('load'); });
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
