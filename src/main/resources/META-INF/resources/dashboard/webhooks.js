/*
 * The dashboard's Webhooks panel (docs/webhooks.md): register Access Event webhooks of the chosen project, see the
 * signing secret once, rotate it, switch a webhook on and off (and why it was disabled), send a test event, and read
 * the delivery log with every attempt, with a redeliver button. Kept apart from dashboard.js; it shares only the admin
 * token in localStorage and the project select.
 */
(function () {
  'use strict';

  var TOKEN = 'odk.admin.token';
  var POLL_MS = 3000;
  var open = {};

  function $(id) { return document.getElementById(id); }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') { node.textContent = attrs[k] == null ? '' : String(attrs[k]); }
      else if (k === 'className') { node.className = attrs[k]; }
      else if (k === 'onclick') { node.addEventListener('click', attrs[k]); }
      else if (attrs[k] != null) { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c != null) { node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); } });
    return node;
  }

  function project() { var s = $('project-select'); return s && s.value ? s.value : null; }
  function base() { return '/api/admin/v1/projects/' + encodeURIComponent(project()) + '/webhooks'; }
  function time(iso) { return iso ? new Date(iso).toLocaleString() : ''; }

  function api(method, path, body) {
    var headers = { Accept: 'application/json', Authorization: 'Bearer ' + (localStorage.getItem(TOKEN) || '') };
    if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
    return fetch(path, { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body) })
      .then(function (res) {
        return res.text().then(function (raw) {
          var parsed = raw ? JSON.parse(raw) : null;
          if (!res.ok) { throw parsed || { title: 'HTTP ' + res.status }; }
          return parsed;
        });
      });
  }

  function problem(doing) {
    return function (p) {
      var text = doing + ': ' + (p.title || 'failed') + (p.detail ? ' (' + p.detail + ')' : '');
      if (p.invalidParams) { text += ' ' + p.invalidParams.map(function (f) { return f.name + ': ' + f.reason; }).join('; '); }
      $('webhooks-message').textContent = text;
      $('webhooks-message').hidden = false;
    };
  }

  function ok(text) {
    $('webhooks-message').hidden = true;
    if (text) { $('webhooks-state').textContent = text; }
  }

  function showSecret(label, secret) {
    $('webhooks-secret').hidden = false;
    $('webhooks-secret').textContent = '';
    $('webhooks-secret').appendChild(el('p', { text: label + ' (shown only now; copy it to your receiver):' }));
    $('webhooks-secret').appendChild(el('code', { 'data-testid': 'webhook-secret', text: secret }));
  }

  function load() {
    if (!project() || !localStorage.getItem(TOKEN)) { return; }
    api('GET', base()).then(render, problem('Reading webhooks'));
  }

  function render(list) {
    var table = $('webhooks');
    table.textContent = '';
    if (!list.webhooks.length) {
      table.appendChild(el('tr', {}, [el('td', { className: 'muted', text: 'No webhooks: register one above.' })]));
      return;
    }
    table.appendChild(el('tr', {}, ['URL', 'Lock', 'State', 'Created', ''].map(function (h) { return el('th', { text: h }); })));
    list.webhooks.forEach(function (w) {
      var state = w.enabled ? (w.failingSince ? 'enabled, failing since ' + time(w.failingSince) : 'enabled')
        : 'disabled: ' + (w.disabledReason || '');
      table.appendChild(el('tr', { 'data-testid': 'webhook-row', className: w.enabled ? '' : 'disabled' }, [
        el('td', {}, [el('code', { text: w.url })]),
        el('td', { text: w.lockId || 'every lock' }),
        el('td', { 'data-testid': 'webhook-state', text: state }),
        el('td', { text: time(w.created) }),
        el('td', { className: 'buttons' }, [
          el('button', { type: 'button', className: 'secondary', text: 'Test event', onclick: function () {
            api('POST', base() + '/' + w.id + '/test').then(function () { ok('Test event queued'); open[w.id] = true; load(); }, problem('Test event'));
          } }),
          el('button', { type: 'button', className: 'secondary', text: w.enabled ? 'Disable' : 'Enable', onclick: function () {
            api('PATCH', base() + '/' + w.id, { enabled: !w.enabled }).then(function () { ok(); load(); }, problem('Switching the webhook'));
          } }),
          el('button', { type: 'button', className: 'secondary', text: 'Rotate secret', onclick: function () {
            api('POST', base() + '/' + w.id + '/rotate-secret').then(function (r) {
              showSecret('New secret; the old one keeps signing until ' + time(r.previousSecretUntil), r.secret);
            }, problem('Rotating the secret'));
          } }),
          el('button', { type: 'button', className: 'secondary', text: open[w.id] ? 'Hide deliveries' : 'Deliveries', onclick: function () {
            open[w.id] = !open[w.id]; load();
          } }),
          el('button', { type: 'button', className: 'secondary', text: 'Delete', onclick: function () {
            if (confirm('Delete this webhook and its delivery log?')) {
              api('DELETE', base() + '/' + w.id).then(function () { ok('Deleted'); load(); }, problem('Deleting the webhook'));
            }
          } })
        ])
      ]));
      if (open[w.id]) {
        var cell = el('td', { colspan: '5' });
        table.appendChild(el('tr', {}, [cell]));
        api('GET', base() + '/' + w.id + '/deliveries?limit=20').then(function (d) { deliveries(cell, w, d.deliveries); },
          problem('Reading deliveries'));
      }
    });
  }

  function deliveries(cell, w, list) {
    if (!list.length) { cell.appendChild(el('p', { className: 'muted', text: 'No deliveries yet.' })); return; }
    var table = el('table', { 'data-testid': 'webhook-deliveries' });
    table.appendChild(el('tr', {}, ['Event id', 'State', 'Attempts', 'Next attempt', 'Attempt log', ''].map(function (h) { return el('th', { text: h }); })));
    list.forEach(function (d) {
      var log = el('ol', {}, d.attemptLog.map(function (a) {
        return el('li', { text: time(a.at) + ' · ' + (a.status == null ? 'no answer' : 'HTTP ' + a.status) + ' · ' + a.latencyMs + ' ms'
          + (a.error ? ' · ' + a.error : '') + (a.response ? ' · answer: ' + a.response.slice(0, 200) : '') });
      }));
      table.appendChild(el('tr', { 'data-testid': 'delivery-row' }, [
        el('td', {}, [el('code', { text: d.eventId })]),
        el('td', { text: d.state }),
        el('td', { text: d.attempts }),
        el('td', { text: time(d.nextAttempt) }),
        el('td', {}, [log]),
        el('td', {}, [el('button', { type: 'button', className: 'secondary', text: 'Redeliver', onclick: function () {
          api('POST', base() + '/' + w.id + '/deliveries/' + d.id + '/redeliver').then(function () { ok('Redelivery queued'); load(); },
            problem('Redelivering'));
        } })])
      ]));
    });
    cell.appendChild(table);
  }

  function wire() {
    if (!$('webhooks-panel')) { return; }
    $('webhook-form').addEventListener('submit', function (ev) {
      ev.preventDefault();
      var body = { trigger: 'accessEvent', url: $('webhook-url').value.trim() };
      var lock = $('webhook-lock').value.trim();
      if (lock) { body.lockId = lock; }
      api('POST', base(), body).then(function (w) {
        showSecret('Webhook registered. Signing secret', w.secret);
        ok('Registered');
        load();
      }, problem('Registering the webhook'));
    });
    $('project-select').addEventListener('change', function () { open = {}; $('webhooks-secret').hidden = true; setTimeout(load, 100); });
    setTimeout(load, 500);
    setInterval(function () { if (!document.hidden) { load(); } }, POLL_MS);
  }

  wire();
})();
