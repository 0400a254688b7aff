/*
 * The dashboard's Unloc /v2 panel (docs/unloc-api.md): API clients (the secret is shown once), the simulated
 * provisioning of /v2 keys, lock time zones, and app-switch links (/use-key, /prefetch-keys) for a key.
 * Uses the admin token and chosen project that dashboard.js keeps in localStorage.
 */
(function () {
  'use strict';

  function $(id) { return document.getElementById(id); }
  function project() { return localStorage.getItem('odk.admin.project'); }
  function path(rest) { return '/api/admin/v1/projects/' + encodeURIComponent(project()) + rest; }

  function api(method, url, body) {
    var headers = { Accept: 'application/json', Authorization: 'Bearer ' + (localStorage.getItem('odk.admin.token') || '') };
    if (body !== undefined) { headers['Content-Type'] = 'application/json'; }
    return fetch(url, { method: method, headers: headers, body: body === undefined ? undefined : JSON.stringify(body) })
      .then(function (res) {
        return res.text().then(function (raw) {
          var parsed = raw ? JSON.parse(raw) : null;
          if (!res.ok) {
            var p = parsed || {};
            var fields = (p.invalidParams || []).map(function (f) { return f.name + ': ' + f.reason; }).join('; ');
            throw new Error((p.title || 'HTTP ' + res.status) + (p.detail ? ': ' + p.detail : '') + (fields ? ' (' + fields + ')' : ''));
          }
          return parsed;
        });
      });
  }

  function say(message) {
    var box = $('unloc-secret');
    box.textContent = message;
    box.hidden = false;
  }

  function cell(row, value) {
    var td = document.createElement('td');
    if (value instanceof Node) { td.appendChild(value); } else { td.textContent = value == null ? '' : String(value); }
    row.appendChild(td);
  }

  function loadClients() {
    return api('GET', path('/api-clients')).then(function (body) {
      var table = $('unloc-clients');
      table.textContent = '';
      var head = document.createElement('tr');
      ['Name', 'Client id', 'Created', ''].forEach(function (t) { var th = document.createElement('th'); th.textContent = t; head.appendChild(th); });
      table.appendChild(head);
      body.apiClients.forEach(function (c) {
        var row = document.createElement('tr');
        row.setAttribute('data-testid', 'unloc-client-' + c.clientId);
        cell(row, c.name);
        var code = document.createElement('code');
        code.textContent = c.clientId;
        cell(row, code);
        cell(row, c.createdAt);
        var del = document.createElement('button');
        del.type = 'button';
        del.className = 'secondary small';
        del.textContent = 'Delete';
        del.addEventListener('click', function () {
          api('DELETE', path('/api-clients/' + encodeURIComponent(c.clientId))).then(loadClients, function (e) { say(e.message); });
        });
        cell(row, del);
        table.appendChild(row);
      });
    }, function (e) { say('Loading API clients: ' + e.message); });
  }

  function loadSettings() {
    return api('GET', path('/unloc-settings')).then(function (s) {
      $('unloc-delay').value = s.provisioningDelayMs;
      $('unloc-fault').value = s.faultPercent;
      $('unloc-fault-locks').value = (s.faultLockIds || []).join(',');
    }, function (e) { say('Loading /v2 settings: ' + e.message); });
  }

  function loadLocksAndKeys() {
    return Promise.all([api('GET', path('/locks')), api('GET', path('/keys?state=active'))]).then(function (both) {
      var lockSelect = $('unloc-tz-lock');
      lockSelect.textContent = '';
      both[0].forEach(function (l) {
        var o = document.createElement('option');
        o.value = l.id;
        o.textContent = l.name + ' (' + (l.timezone || 'Europe/Oslo') + ')';
        lockSelect.appendChild(o);
      });
      var keySelect = $('unloc-link-key');
      keySelect.textContent = '';
      (both[1].keys || []).forEach(function (k) {
        var o = document.createElement('option');
        o.value = k.id;
        o.setAttribute('data-user', k.appUserId);
        o.textContent = k.appUserId + ' → ' + k.lockId + ' (' + k.id.slice(0, 8) + ')';
        keySelect.appendChild(o);
      });
    }, function (e) { say('Loading locks and keys: ' + e.message); });
  }

  /** The /use-key link of Unloc's app switch for a key, on this simulator; + in the number is sent as %2B. */
  function buildLink(ev) {
    ev.preventDefault();
    var option = $('unloc-link-key').selectedOptions[0];
    if (!option) { say('No active key to build a link for.'); return; }
    var base = location.origin;
    var url = base + '/use-key?id=' + encodeURIComponent(option.value) + '&userid=' + encodeURIComponent(option.getAttribute('data-user')) +
      '&redirect=' + encodeURIComponent($('unloc-link-redirect').value.trim()) +
      '&redirectOnError=' + encodeURIComponent($('unloc-link-error').value.trim());
    $('unloc-link').href = url;
    $('unloc-link').textContent = url;
    var prefetch = base + '/prefetch-keys?returnUrl=' + encodeURIComponent($('unloc-link-redirect').value.trim());
    $('unloc-prefetch').href = prefetch;
    $('unloc-prefetch').textContent = prefetch;
  }

  function refresh() {
    if (!project() || !localStorage.getItem('odk.admin.token')) { return; }
    loadClients();
    loadSettings();
    loadLocksAndKeys();
  }

  $('unloc-refresh').addEventListener('click', refresh);
  $('project-select').addEventListener('change', function () { setTimeout(refresh, 0); });
  $('unloc-client-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var name = $('unloc-client-name').value.trim();
    api('POST', path('/api-clients'), name ? { name: name } : {}).then(function (c) {
      say('Client id ' + c.clientId + ' · secret ' + c.clientSecret + ' (shown only now: copy it)');
      loadClients();
    }, function (e) { say('Creating an API client: ' + e.message); });
  });
  $('unloc-settings-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var locks = $('unloc-fault-locks').value.split(',').map(function (s) { return s.trim(); }).filter(Boolean);
    api('PUT', path('/unloc-settings'), { provisioningDelayMs: Number($('unloc-delay').value), faultPercent: Number($('unloc-fault').value),
      faultLockIds: locks }).then(function () { say('Saved.'); loadSettings(); }, function (e) { say('Saving: ' + e.message); });
  });
  $('unloc-tz-form').addEventListener('submit', function (ev) {
    ev.preventDefault();
    api('PUT', path('/locks/' + encodeURIComponent($('unloc-tz-lock').value) + '/timezone'), { timezone: $('unloc-tz').value.trim() })
      .then(function () { say('Time zone set.'); loadLocksAndKeys(); }, function (e) { say('Setting the time zone: ' + e.message); });
  });
  $('unloc-link-form').addEventListener('submit', buildLink);
  refresh();
})();
