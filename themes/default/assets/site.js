/* Portolan site script: offline search (the index is a classic script loaded on first use,
   so it works from file://) and sortable, filterable tables. Pages read fine without it. */
(function () {
  'use strict';
  var root = document.documentElement.getAttribute('data-root') || '';
  var waiting = [];
  var requested = false;
  var docs = null;

  function withIndex(callback) {
    if (docs) { callback(docs); return; }
    waiting.push(callback);
    if (requested) return;
    requested = true;
    var script = document.createElement('script');
    script.src = root + 'assets/search-index.js';
    script.onload = function () {
      var data = window.PORTOLAN_SEARCH || { docs: [] };
      docs = data.docs.map(toDoc);
      rowParts = data.row_parts || null;
      var callbacks = waiting; waiting = [];
      callbacks.forEach(function (f) { f(docs); });
    };
    script.onerror = function () { requested = false; };
    document.head.appendChild(script);
  }

  function toDoc(d, i) {
    var range = /^ports\/(\d+)(?:-(\d+))?\.html$/.exec(d[2]);
    return {
      kind: d[0], title: d[1], url: d[2], text: d[3], sub: d[4] || '', order: i,
      low: range ? +range[1] : null, high: range ? +(range[2] || range[1]) : null,
      title_l: d[1].toLowerCase(), hay: (d[1] + ' ' + d[3]).toLowerCase()
    };
  }

  /* A large site's index is sharded by port number (row_parts: {span, parts}): the ports and
     rows of each part of the port space are in assets/search-rows-N.js. A query with a port
     number loads its part, then `again` runs the search once more with those documents. */
  var rowParts = null;
  var partState = {};
  function loadPartsFor(query, again) {
    if (!rowParts) return;
    var needed = [];
    query.toLowerCase().split(/[\s,]+/).forEach(function (t) {
      if (!/^\d+$/.test(t) || +t > 65535) return;
      var part = Math.floor(+t / rowParts.span);
      if (rowParts.parts.indexOf(part) >= 0 && !partState[part] && needed.indexOf(part) < 0) needed.push(part);
    });
    var left = needed.length;
    needed.forEach(function (part) {
      partState[part] = 'loading';
      var script = document.createElement('script');
      script.src = root + 'assets/search-rows-' + part + '.js';
      script.onload = function () {
        var rows = (window.PORTOLAN_SEARCH_ROWS || {})[part] || [];
        rows.forEach(function (d) { docs.push(toDoc(d, docs.length)); });
        partState[part] = 'loaded';
        if (--left === 0) again();
      };
      script.onerror = function () { partState[part] = 'failed'; };
      document.head.appendChild(script);
    });
  }

  var KIND_BONUS = { port: 6, service: 5, platform: 4, row: 0 };
  var KIND_LABEL = { port: 'Port', service: 'Service', platform: 'Platform', row: 'Row' };

  function search(all, query, limit) {
    var terms = query.toLowerCase().split(/[\s,]+/).filter(Boolean);
    if (!terms.length) return [];
    var hits = [];
    all.forEach(function (d) {
      var score = KIND_BONUS[d.kind] || 0;
      for (var i = 0; i < terms.length; i++) {
        var t = terms[i];
        var n = /^\d+$/.test(t) ? +t : null;
        if (n !== null && d.low !== null && d.low === n && d.high === n) score += 40;
        else if (n !== null && d.low !== null && d.low <= n && n <= d.high) score += 12;
        else if (d.title_l.indexOf(t) >= 0) score += new RegExp('(^|[^a-z0-9])' + t.replace(/[^a-z0-9]/g, '\\$&') + '($|[^a-z0-9])').test(d.title_l) ? 10 : 6;
        else if (d.hay.indexOf(t) >= 0) score += 2;
        else return;
      }
      hits.push({ d: d, score: score });
    });
    hits.sort(function (a, b) { return b.score - a.score || a.d.order - b.d.order; });
    return hits.slice(0, limit).map(function (h) { return h.d; });
  }

  function resultItem(d, tag) {
    var item = document.createElement(tag);
    var link = document.createElement('a');
    link.href = root + d.url;
    link.className = 'hit hit-' + d.kind;
    var kind = document.createElement('span');
    kind.className = 'k';
    kind.textContent = KIND_LABEL[d.kind] || d.kind;
    var title = document.createElement('span');
    title.className = 'ht';
    title.textContent = d.title;
    link.appendChild(kind);
    link.appendChild(title);
    if (d.sub) {
      var more = document.createElement('small');
      more.textContent = d.sub;
      link.appendChild(more);
    }
    item.appendChild(link);
    return item;
  }

  /* The dropdown under a search box is an ARIA combobox: the input keeps focus, the arrow
     keys move aria-activedescendant over the options, Enter opens the chosen one (or, with
     none chosen, submits to the search page), Escape closes; a status region says how many
     results there are. The box has the listbox role only while it holds options. */
  function setupBox(input) {
    var box = input.parentNode.querySelector('.results');
    var page = input.hasAttribute('data-search-page');
    var status = null;
    var active = -1;
    if (box) {
      box.id = input.id + '-results';
      input.setAttribute('role', 'combobox');
      input.setAttribute('aria-autocomplete', 'list');
      input.setAttribute('aria-expanded', 'false');
      input.setAttribute('aria-controls', box.id);
      status = document.createElement('p');
      status.id = input.id + '-status';
      status.className = 'vh';
      status.setAttribute('role', 'status');
      input.parentNode.appendChild(status);
    }
    function options() { return box ? Array.prototype.slice.call(box.querySelectorAll('[role=option]')) : []; }
    function choose(at) {
      var list = options();
      active = at;
      list.forEach(function (o, i) { o.setAttribute('aria-selected', i === at ? 'true' : 'false'); });
      if (at >= 0 && list[at]) {
        input.setAttribute('aria-activedescendant', list[at].id);
        list[at].scrollIntoView({ block: 'nearest' });
      } else {
        input.removeAttribute('aria-activedescendant');
      }
    }
    function close() {
      if (!box) return;
      box.hidden = true;
      box.textContent = '';
      box.removeAttribute('role');
      active = -1;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
    }
    function show() {
      var q = input.value.trim();
      if (page) { renderPage(q); return; }
      if (!box) return;
      if (!q) { close(); if (status) status.textContent = ''; return; }
      withIndex(function (all) {
        var found = search(all, q, 8);
        box.textContent = '';
        active = -1;
        input.removeAttribute('aria-activedescendant');
        if (!found.length) {
          box.removeAttribute('role');
          box.removeAttribute('aria-label');
          var none = document.createElement('p');
          none.className = 'empty';
          none.textContent = 'Nothing found for “' + q + '”.';
          box.appendChild(none);
          input.setAttribute('aria-expanded', 'false');
          status.textContent = none.textContent;
        } else {
          box.setAttribute('role', 'listbox');
          box.setAttribute('aria-label', 'Search results');
          found.forEach(function (d, i) {
            var option = resultItem(d, 'div').firstChild;
            option.setAttribute('role', 'option');
            option.setAttribute('aria-selected', 'false');
            option.setAttribute('tabindex', '-1');
            option.id = box.id + '-' + i;
            box.appendChild(option);
          });
          input.setAttribute('aria-expanded', 'true');
          status.textContent = found.length + (found.length === 1 ? ' result' : ' results') + ': arrow keys to choose, Enter to open';
        }
        box.hidden = false;
        loadPartsFor(q, show);
      });
    }
    input.addEventListener('focus', function () { withIndex(function () {}); });
    input.addEventListener('input', show);
    input.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') { close(); return; }
      var list = options();
      if (!list.length || box.hidden) return;
      if (e.key === 'ArrowDown') { e.preventDefault(); choose(Math.min(active + 1, list.length - 1)); }
      if (e.key === 'ArrowUp') { e.preventDefault(); choose(Math.max(active - 1, -1)); }
      if (e.key === 'Enter' && active >= 0 && list[active]) { e.preventDefault(); window.location.href = list[active].href; }
    });
    if (box) {
      document.addEventListener('click', function (e) { if (!input.parentNode.contains(e.target)) close(); });
    }
    if (page) {
      var q = new URLSearchParams(window.location.search).get('q') || '';
      input.value = q;
      renderPage(q);
      var header = document.getElementById('q');
      if (header) header.value = q;
    }
  }

  function renderPage(q) {
    var list = document.getElementById('search-results');
    var status = document.getElementById('search-status');
    if (!list) return;
    if (!q) { list.textContent = ''; status.textContent = ''; return; }
    withIndex(function (all) {
      var found = search(all, q, 100);
      list.textContent = '';
      found.forEach(function (d) { list.appendChild(resultItem(d, 'li')); });
      status.textContent = found.length ? found.length + (found.length === 100 ? '+' : '') + ' results for “' + q + '”' : 'Nothing found for “' + q + '”.';
      loadPartsFor(q, function () { renderPage(q); });
    });
  }

  function setupSort(table) {
    var heads = table.tHead ? table.tHead.rows[0].cells : [];
    Array.prototype.forEach.call(heads, function (th, column) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'sort';
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      button.addEventListener('click', function () {
        var ascending = th.getAttribute('aria-sort') !== 'ascending';
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
        th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        var numeric = th.getAttribute('data-type') === 'num';
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows).map(function (row, i) {
          var cell = row.cells[column];
          var value = cell ? (cell.getAttribute('data-v') || cell.textContent.trim()) : '';
          return { row: row, key: numeric ? parseFloat(value) || 0 : value.toLowerCase(), i: i };
        });
        rows.sort(function (a, b) {
          var c = a.key < b.key ? -1 : a.key > b.key ? 1 : a.i - b.i;
          return ascending ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r.row); });
      });
    });
  }

  function setupFilter(input) {
    var table = document.getElementById(input.getAttribute('data-filter'));
    var count = document.querySelector('output[data-count="' + input.getAttribute('data-filter') + '"]');
    if (!table) return;
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var texts = rows.map(function (r) { return r.textContent.toLowerCase(); });
    function apply() {
      var terms = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      rows.forEach(function (row, i) {
        var ok = terms.every(function (t) { return texts[i].indexOf(t) >= 0; });
        row.hidden = !ok;
        if (ok) shown++;
      });
      if (count) count.textContent = terms.length ? shown + ' of ' + rows.length + ' rows' : '';
    }
    input.addEventListener('input', apply);
    apply();
  }

  /* Copy buttons (role ids, topology snippets): the clipboard API where the page is a secure
     context (file:// is one in Chromium), else a selected textarea and execCommand. The
     buttons stay hidden without this script; the result is announced by a status region. */
  function copyText(text, done) {
    function fallback() {
      var area = document.createElement('textarea');
      area.value = text;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
      document.body.removeChild(area);
      done(ok);
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(true); }, fallback);
    } else {
      fallback();
    }
  }

  function setupCopy(button) {
    var status = document.querySelector('[data-copy-status]');
    button.hidden = false;
    button.addEventListener('click', function () {
      var text = button.getAttribute('data-copy');
      var label = button.getAttribute('data-copy-label') || text;
      if (text === null) {
        var from = document.getElementById(button.getAttribute('data-copy-from'));
        text = from ? from.textContent : '';
      }
      copyText(text, function (ok) {
        button.focus();
        button.setAttribute('data-copied', ok ? 'yes' : 'no');
        if (status) status.textContent = ok ? 'Copied ' + label : 'Could not copy: select the text and copy it';
        setTimeout(function () { button.removeAttribute('data-copied'); }, 2000);
      });
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll('input[data-search]'), setupBox);
    Array.prototype.forEach.call(document.querySelectorAll('table[data-sortable]'), setupSort);
    Array.prototype.forEach.call(document.querySelectorAll('input[data-filter]'), setupFilter);
    Array.prototype.forEach.call(document.querySelectorAll('button[data-copy], button[data-copy-from]'), setupCopy);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init); else init();
  window.PortolanSearch = { search: search, load: withIndex };
})();
