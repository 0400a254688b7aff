/*
 * The one helper script of the simulator's pages (the phone page /app and the dashboard /dashboard/): DOM shortcuts,
 * safe element building (text is always set as text, never as HTML), the JSON API call with its bearer token and
 * problem+json errors (RFC 9457), and the formatting of times and durations. The pages load it before their own
 * scripts and use it as window.Odk; no page keeps a copy of these helpers (checked by SharedFrontEndTest).
 */
(function () {
  'use strict';

  function $(id) { return document.getElementById(id); }

  function show(id, visible) { $(id).hidden = !visible; }

  function text(id, value) { $(id).textContent = value == null ? '' : String(value); }

  /** An element with attributes ({text}, {className}, {onclick} or plain attributes) and children (nodes or strings). */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (k === 'text') { node.textContent = v == null ? '' : String(v); }
      else if (k === 'className') { node.className = v; }
      else if (k === 'onclick') { node.addEventListener('click', v); }
      else if (v != null) { node.setAttribute(k, v); }
    });
    (children || []).forEach(function (c) {
      if (c != null) { node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); }
    });
    return node;
  }

  // ---------------------------------------------------------------- HTTP and problem+json

  /** A failed API call: the HTTP status (0 without an answer), the problem body, and the network error if any. */
  function ApiError(status, body, network) {
    this.status = status;
    this.body = body || {};
    this.network = network || null;
  }
  ApiError.prototype.toString = function () { return describe(this); };

  /** Any error as an ApiError (a thrown Error becomes a network-style one). */
  function asApiError(err) {
    return err instanceof ApiError ? err : new ApiError(0, null, err && err.message ? err.message : String(err));
  }

  function headers(token, json) {
    var h = { Accept: 'application/json' };
    if (json) { h['Content-Type'] = 'application/json'; }
    if (token != null) { h.Authorization = 'Bearer ' + token; }
    return h;
  }

  /**
   * JSON in, JSON out. token: the bearer token to send, or null/undefined for none. Resolves {status, body} on 2xx;
   * rejects with an ApiError otherwise (status 0 when the simulator could not be reached).
   */
  function request(method, path, body, token) {
    return fetch(path, { method: method, headers: headers(token, body !== undefined),
      body: body === undefined ? undefined : JSON.stringify(body) })
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

  /** request(), resolving the body only. */
  function json(method, path, body, token) {
    return request(method, path, body, token).then(function (r) { return r.body; });
  }

  /** A binary resource (e.g. an SVG) as an object URL, with the bearer token in the header. */
  function objectUrl(path, token) {
    return fetch(path, { headers: token == null ? {} : { Authorization: 'Bearer ' + token } }).then(function (res) {
      if (!res.ok) { throw new ApiError(res.status, null); }
      return res.blob();
    }).then(function (blob) { return URL.createObjectURL(blob); });
  }

  /** "name: reason; name: reason" of a problem's invalidParams, or ''. */
  function fields(problem) {
    return ((problem && problem.invalidParams) || []).map(function (f) { return f.name + ': ' + f.reason; }).join('; ');
  }

  /** One line for an error: title, detail and fields as the API gave them (or the network error). */
  function describe(err) {
    err = asApiError(err);
    if (err.network) { return 'no connection (' + err.network + ')'; }
    var p = err.body || {};
    var f = fields(p);
    return (p.title || 'HTTP ' + err.status) + (p.detail ? ': ' + p.detail : '') + (f ? ' (' + f + ')' : '');
  }

  /** The catalogue's sentence for a reason code (docs/reasons.md, served as /app/reasons.js), or null. */
  function reasonText(code) {
    var texts = window.ODK_REASONS || {};
    return code && Object.prototype.hasOwnProperty.call(texts, code) ? texts[code] : null;
  }

  // ---------------------------------------------------------------- formatting

  /** An ISO instant in the reader's local time; style 'short' (tables) or 'medium' (the phone). */
  function time(iso, style) {
    if (!iso) { return ''; }
    var d = new Date(iso);
    return isNaN(d) ? iso : d.toLocaleString([], { dateStyle: style || 'short', timeStyle: 'medium' });
  }

  /** Milliseconds as a countdown: "m:ss" or "h:mm:ss" (never negative). */
  function countdown(ms) {
    var s = Math.max(0, Math.floor(ms / 1000));
    var h = Math.floor(s / 3600);
    var m = Math.floor((s % 3600) / 60);
    var sec = s % 60;
    var two = function (n) { return (n < 10 ? '0' : '') + n; };
    return (h > 0 ? h + ':' + two(m) : String(m)) + ':' + two(sec);
  }

  /** Signed seconds in words: "+1 d 2 h", "-30 s", "0 s". */
  function offset(s) {
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

  window.Odk = {
    $: $, show: show, text: text, el: el,
    ApiError: ApiError, asApiError: asApiError, request: request, json: json, objectUrl: objectUrl,
    fields: fields, describe: describe, reasonText: reasonText,
    time: time, countdown: countdown, offset: offset
  };
})();
