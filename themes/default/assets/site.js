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

  /* A large site's index is sharded by port number (row_parts: {span, parts, wide}): the ports
     and rows of each part of the port space are in assets/search-rows-N.js, and those that span
     more than one part (wide ranges) once in assets/search-rows-wide.js. Each shard is a classic
     script that registers itself in window.PORTOLAN_SEARCH_ROWS (so it loads from file://). A
     query with a port number loads what it needs, then `again` runs the search once more. */
  var rowParts = null;
  var partState = {};
  function partsFor(query) {
    var needed = [];
    if (!rowParts) return needed;
    terms(query).forEach(function (q) {
      if (q.port === null) return;
      var part = Math.floor(q.port / rowParts.span);
      if (rowParts.parts.indexOf(part) >= 0 && needed.indexOf(part) < 0) needed.push(part);
      if (rowParts.wide && needed.indexOf('wide') < 0) needed.push('wide');
    });
    return needed;
  }
  /* True while a shard the query needs is still loading (its answer is not final yet). */
  function loadPartsFor(query, again) {
    var needed = partsFor(query);
    var waitingFor = needed.filter(function (p) { return partState[p] !== 'loaded' && partState[p] !== 'failed'; });
    var fresh = waitingFor.filter(function (p) { return !partState[p]; });
    var left = fresh.length;
    fresh.forEach(function (part) {
      partState[part] = 'loading';
      var script = document.createElement('script');
      script.src = root + 'assets/search-rows-' + part + '.js';
      function done(state) {
        partState[part] = state;
        if (--left === 0) again();
      }
      script.onload = function () {
        var rows = (window.PORTOLAN_SEARCH_ROWS || {})[part] || [];
        rows.forEach(function (d) { docs.push(toDoc(d, docs.length)); });
        done('loaded');
      };
      script.onerror = function () { done('failed'); };
      document.head.appendChild(script);
    });
    return waitingFor.length > 0;
  }


  function toDoc(d, i) {
    /* A port page's range is in its URL; a row's at the start of its title (2379-2380/tcp · …). */
    var range = d[0] === 'row' ? /^(\d+)(?:-(\d+))?\//.exec(d[1]) : /^ports\/(\d+)(?:-(\d+))?\.html$/.exec(d[2]);
    var doc = {
      kind: d[0], title: d[1], url: d[2], text: d[3], sub: d[4] || '', order: i,
      low: range ? +range[1] : null, high: range ? +(range[2] || range[1]) : null,
      title_l: d[1].toLowerCase(), hay: (d[1] + ' ' + d[3]).toLowerCase(),
      /* A row's platform title is shown, and matches only alongside another term: a platform
         whose title says PostgreSQL is found as that platform, not as each of its rows. */
      plat: d[0] === 'row' ? (d[4] || '').toLowerCase() : '',
      transports: null, ranges: null
    };
    if (d[0] === 'row') {
      var t = /^[^/\s]+\/(\S+)/.exec(d[1]);
      doc.transports = t ? t[1].split('+') : [];
    } else if (d[0] === 'port') {
      doc.transports = (d[3].match(/\b(tcp|udp|sctp)\b/g) || []);
    } else if (d[0] === 'service') {
      doc.ranges = (d[3].match(/\b\d+(?:-\d+)?\b/g) || []).map(function (r) {
        var p = r.split('-');
        return [+p[0], +(p[1] || p[0])];
      });
    }
    return doc;
  }

  /* A query term: a port (`2379`), a port with its transport in either order (`2379/tcp`,
     `tcp/2379`), or a word. */
  var TRANSPORTS = { tcp: 1, udp: 1, sctp: 1 };
  function parseTerm(t) {
    var m = /^(\d{1,5})(?:\/([a-z]+))?$/.exec(t) || /^([a-z]+)\/(\d{1,5})$/.exec(t);
    if (m) {
      var number = /^\d/.test(m[1]) ? m[1] : m[2];
      var transport = /^\d/.test(m[1]) ? m[2] : m[1];
      if (+number <= 65535 && (!transport || TRANSPORTS[transport])) {
        return { port: +number, transport: transport || null, text: t };
      }
    }
    return { port: null, transport: null, text: t };
  }
  function terms(query) {
    return query.toLowerCase().split(/[\s,]+/).filter(Boolean).map(parseTerm);
  }

  function wordIn(text, t) {
    return new RegExp('(^|[^a-z0-9])' + t.replace(/[^a-z0-9]/g, '\\$&') + '($|[^a-z0-9])').test(text);
  }

  /* Ranks: the exact port, then services on it, then rows on exactly that port, then ranges
     that contain it (narrowest first, each marked "in range"). Words: title before text. */
  var KIND_BONUS = { port: 6, service: 5, platform: 4, row: 0 };
  var KIND_LABEL = { port: 'Port', service: 'Service', platform: 'Platform', row: 'Row' };

  function portScore(d, q) {
    if (d.low !== null) {
      if (q.port < d.low || q.port > d.high) return null;
      if (q.transport && d.transports && d.transports.length && d.transports.indexOf(q.transport) < 0) return null;
      if (q.transport && d.kind === 'row' && !d.transports.length) return null;
      if (d.low === d.high) return { score: d.kind === 'port' ? 1000 : 300, exact: true, range: null };
      /* Narrower ranges first: 2379-2380 before 1024-65535. */
      var width = Math.log(d.high - d.low + 1) / Math.LN2;
      return { score: (d.kind === 'port' ? 120 : 60) - width, exact: false, range: [d.low, d.high] };
    }
    if (d.ranges) {
      /* A service page does not say which transport: `5432/udp` does not find PostgreSQL. */
      if (q.transport) return null;
      for (var i = 0; i < d.ranges.length; i++) {
        var r = d.ranges[i];
        if (r[0] > q.port || q.port > r[1]) continue;
        /* A service on the port itself, then services on a range containing it, narrowest
           first, still before the ranges. */
        if (r[0] === r[1]) return { score: 500, exact: true, range: null };
        return { score: 200 - Math.log(r[1] - r[0] + 1) / Math.LN2, exact: false, range: r };
      }
      return null;
    }
    if (!q.transport && wordIn(d.hay, q.text)) return { score: 2, exact: false, range: null };
    return null;
  }

  /* The documents matching every term, best first, and whether a port asked for is used
     exactly (false: only ranges contain it; null: no port was asked for). */
  function rank(all, query, limit) {
    var qs = terms(query);
    var result = { hits: [], exact: null, port: null };
    if (!qs.length) return result;
    var scored = [];
    var anyPort = qs.some(function (q) { return q.port !== null; });
    if (anyPort) {
      result.exact = false;
      result.port = qs.filter(function (q) { return q.port !== null; })[0].port;
    }
    all.forEach(function (d) {
      var score = KIND_BONUS[d.kind] || 0;
      var own = false;
      var exact = false;
      var inRange = null;
      for (var i = 0; i < qs.length; i++) {
        var q = qs[i];
        if (q.port !== null) {
          var p = portScore(d, q);
          if (!p) return;
          score += p.score;
          own = true;
          if (p.exact) exact = true;
          else if (p.range) inRange = p.range;
          continue;
        }
        var t = q.text;
        if (d.title_l.indexOf(t) >= 0) { score += wordIn(d.title_l, t) ? 10 : 6; own = true; }
        else if (d.hay.indexOf(t) >= 0) { score += 2; own = true; }
        else if (d.plat && d.plat.indexOf(t) >= 0) score += 1;
        else return;
      }
      if (!own) return;
      if (exact) result.exact = true;
      scored.push({ d: d, score: score, inRange: inRange });
    });
    scored.sort(function (a, b) { return b.score - a.score || a.d.order - b.d.order; });
    result.hits = scored.slice(0, limit).map(function (h) {
      return { d: h.d, note: h.inRange ? 'in range ' + h.inRange[0] + '–' + h.inRange[1] : '' };
    });
    return result;
  }

  function search(all, query, limit) {
    return rank(all, query, limit).hits.map(function (h) { return h.d; });
  }

  /* Said above the results when a port is asked for that no platform uses by itself. */
  function noExactNote(r) {
    return r.exact === false && r.hits.length
      ? 'No platform uses port ' + r.port + ' itself; these ranges contain it.'
      : '';
  }

  function resultItem(h, tag) {
    var d = h.d;
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
    var sub = [h.note, d.sub].filter(Boolean).join(' · ');
    if (sub) {
      var more = document.createElement('small');
      more.textContent = sub;
      link.appendChild(more);
    }
    item.appendChild(link);
    return item;
  }

  function noteElement(text) {
    var note = document.createElement('p');
    note.className = 'note';
    note.textContent = text;
    return note;
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
      var note = box.parentNode.querySelector('.results-note');
      if (note) note.remove();
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
        var pending = loadPartsFor(q, show);
        var ranked = rank(all, q, 8);
        var found = ranked.hits;
        box.textContent = '';
        active = -1;
        input.removeAttribute('aria-activedescendant');
        // A port no platform uses by itself: said above the list, outside the listbox (whose
        // children must all be options).
        var note = pending ? '' : noExactNote(ranked);
        var oldNote = box.parentNode.querySelector('.results-note');
        if (oldNote) oldNote.remove();
        if (note) {
          var noteEl = noteElement(note);
          noteEl.classList.add('results-note');
          box.parentNode.insertBefore(noteEl, box);
        }
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
          status.textContent = (note ? note + ' ' : '') + found.length + (found.length === 1 ? ' result' : ' results') + ': arrow keys to choose, Enter to open';
        }
        box.hidden = false;
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
      var pending = loadPartsFor(q, function () { renderPage(q); });
      var ranked = rank(all, q, 100);
      var found = ranked.hits;
      list.textContent = '';
      found.forEach(function (h) { list.appendChild(resultItem(h, 'li')); });
      var note = pending ? '' : noExactNote(ranked);
      status.textContent = (found.length ? found.length + (found.length === 100 ? '+' : '') + ' results for “' + q + '”.' : 'Nothing found for “' + q + '”.') + (note ? ' ' + note : '');
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

  /* Downloads made in the page: the catalog ships once, as assets/catalog.js (the checker's
     input, a classic script so it loads from file://); catalog.json, ports.csv and each
     platform's JSON and CSV are made from it on click. Without JavaScript those links open
     that script. */
  var CSV_HEADER = ['platform', 'component', 'ports', 'protocol', 'app_protocol', 'direction', 'peer',
    'necessity', 'condition', 'exposure', 'purpose', 'service', 'section', 'file', 'line', 'id'];
  function withScript(global, path, callback) {
    if (window[global]) { callback(window[global]); return; }
    var script = document.createElement('script');
    script.src = root + path;
    script.onload = function () { if (window[global]) callback(window[global]); };
    document.head.appendChild(script);
  }
  function withCatalog(callback) { withScript('PORTOLAN_CATALOG', 'assets/catalog.js', callback); }
  /* The service each row was read as (site-gen's reading, not in the catalog): names, and per
     platform one index into them (or -1) per requirement. */
  function withServices(callback) { withScript('PORTOLAN_SERVICES', 'assets/services.js', callback); }
  /* The same quoting as site-gen's CSV (util::csv_field): formula-looking cells are guarded. */
  function csvField(v) {
    v = v === null || v === undefined ? '' : String(v);
    var guarded = /^[=+@\t\r]/.test(v) || (/^-/.test(v) && !/^-\d/.test(v));
    if (guarded || /[,"\n\r]/.test(v)) return '"' + (guarded ? "'" : '') + v.replace(/"/g, '""') + '"';
    return v;
  }
  /* The CSV of `platforms` (ports.csv: all of them), one line per requirement. */
  function requirementsCsv(platforms, services) {
    var lines = [CSV_HEADER.join(',')];
    platforms.forEach(function (p) {
      var of = (services.platforms || {})[p.id] || [];
      p.requirements.forEach(function (r, i) {
        var service = of[i] >= 0 ? services.names[of[i]] : '';
        lines.push([p.id, r.component, r.ports, r.transport, r.app_protocol, r.direction, r.peer,
          r.necessity, r.condition, r.exposure, r.purpose, service, r.section,
          r.source && r.source.file, r.source && r.source.line, r.id].map(csvField).join(','));
      });
    });
    return lines.join('\r\n') + '\r\n';
  }
  /* The file an export element downloads; `services` is only needed for the CSVs. */
  function exportOf(el, catalog, services) {
    var kind = el.getAttribute('data-export');
    if (kind === 'catalog') return ['catalog.json', 'application/json', JSON.stringify(catalog) + '\n'];
    if (kind === 'ports-csv') return ['ports.csv', 'text/csv', requirementsCsv(catalog.platforms, services || {})];
    var id = el.getAttribute('data-platform');
    var p = catalog.platforms.filter(function (x) { return x.id === id; })[0];
    if (!p) return null;
    if (kind === 'platform-json') {
      return [id + '.json', 'application/json', JSON.stringify({ schema_version: catalog.schema_version, platform: p }) + '\n'];
    }
    return [id + '.csv', 'text/csv', requirementsCsv([p], services || {})];
  }
  function save(file) {
    var url = URL.createObjectURL(new Blob([file[2]], { type: file[1] }));
    var a = document.createElement('a');
    a.href = url;
    a.download = file[0];
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(url); a.remove(); }, 1000);
  }
  function setupExport(el) {
    el.addEventListener('click', function (e) {
      e.preventDefault();
      var csv = /csv$/.test(el.getAttribute('data-export') || '');
      withCatalog(function (catalog) {
        var done = function (services) {
          var file = exportOf(el, catalog, services);
          if (file) save(file);
        };
        if (csv) withServices(done); else done();
      });
    });
  }

  // The header's search box: made here, not written into every page (the frame is repeated on
  // tens of thousands of pages, and the box does nothing without this script).
  function addHeaderSearch() {
    var bar = document.querySelector('header.top .bar');
    if (!bar || bar.querySelector('form.search')) return;
    var form = document.createElement('form');
    form.className = 'search';
    form.setAttribute('role', 'search');
    form.setAttribute('aria-label', 'Search the site');
    form.action = (document.documentElement.getAttribute('data-root') || '') + 'search.html';
    form.innerHTML = '<label class="vh" for="q">Search ports, services and platforms</label>' +
      '<input id="q" name="q" type="search" placeholder="Search 8443, postgres\u2026" autocomplete="off" spellcheck="false" data-search>' +
      '<div class="results" hidden></div>';
    bar.appendChild(form);
  }

  // The footer's catalog.json and ports.csv links: made here, since both are made in the page
  // from assets/catalog.js (without this script they could only open that script).
  function addFooterExports() {
    var foot = document.querySelector('footer.foot p');
    if (!foot || foot.querySelector('[data-export]')) return;
    var catalog = (document.documentElement.getAttribute('data-root') || '') + 'assets/catalog.js';
    [['catalog', 'catalog.json'], ['ports-csv', 'ports.csv']].reverse().forEach(function (e) {
      var a = document.createElement('a');
      a.href = catalog;
      a.setAttribute('data-export', e[0]);
      a.textContent = e[1];
      foot.insertBefore(document.createTextNode(' \u00b7 '), foot.firstChild);
      foot.insertBefore(a, foot.firstChild);
    });
  }

  /* A row's facts are written as words ("TCP, inbound, internal only"): in the compact
     reference tables of port and service pages, the platform document's "Reads as" cells
     (tables of class rf, last cell) and the asides after its paragraphs and list items
     ("(TCP, optional)"). Readable without this script, and a third of the bytes of badge
     markup in every row. Here they become badges again: each word a <b>, the elements
     among them (a conditional's title, a variant, a peer note) kept, a port group's label
     (.fp) and <br> between the runs. The transport is the one word the map does not know. */
  var BADGE = { external: 'bx-external', 'internal only': 'bx-internal' };
  ['inbound', 'outbound', 'bidirectional', 'internal'].forEach(function (d) { BADGE[d] = 'bd-' + d; });
  ['required', 'recommended', 'optional', 'conditional'].forEach(function (n) { BADGE[n] = 'bn-' + n; });
  function badgeFacts(cell) {
    var parts = Array.prototype.slice.call(cell.childNodes);
    var run = null;
    cell.textContent = '';
    function current() {
      if (!run) {
        run = document.createElement('span');
        run.className = 'badges';
        cell.appendChild(run);
      }
      return run;
    }
    parts.forEach(function (node) {
      if (node.nodeType === 3) {
        node.data.split(/\s*[(),]\s*/).forEach(function (w) {
          w = w.trim();
          if (!w) return;
          var b = document.createElement('b');
          b.className = BADGE[w] || 'bt';
          b.textContent = w;
          current().appendChild(b);
        });
      } else if (node.nodeType === 1 && (node.tagName === 'BR' || node.classList.contains('fp'))) {
        run = null;
        cell.appendChild(node);
        if (node.tagName !== 'BR') cell.appendChild(document.createTextNode(' '));
      } else {
        current().appendChild(node);
      }
    });
  }

  /* The copy button after each role id (platform pages): made here, since it needs this
     script, rather than written hidden into every row. */
  function addRoleCopyButtons() {
    Array.prototype.forEach.call(document.querySelectorAll('td.role code'), function (code) {
      var id = code.textContent;
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'copy';
      button.setAttribute('data-copy', id);
      button.textContent = 'Copy';
      var label = document.createElement('span');
      label.className = 'vh';
      label.textContent = ' ' + id;
      button.appendChild(label);
      code.parentNode.appendChild(document.createTextNode(' '));
      code.parentNode.appendChild(button);
    });
  }

  function init() {
    addRoleCopyButtons();
    Array.prototype.forEach.call(document.querySelectorAll('table.rf td:last-child, span.facts'), badgeFacts);
    addHeaderSearch();
    addFooterExports();
    Array.prototype.forEach.call(document.querySelectorAll('input[data-search]'), setupBox);
    Array.prototype.forEach.call(document.querySelectorAll('table[data-sortable]'), setupSort);
    Array.prototype.forEach.call(document.querySelectorAll('input[data-filter]'), setupFilter);
    Array.prototype.forEach.call(document.querySelectorAll('[data-export]'), setupExport);
    Array.prototype.forEach.call(document.querySelectorAll('[data-exports]'), function (el) { el.hidden = false; });
    Array.prototype.forEach.call(document.querySelectorAll('button[data-copy], button[data-copy-from]'), setupCopy);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init); else init();
  window.PortolanSearch = { search: search, rank: rank, load: withIndex };
  window.PortolanExport = { of: exportOf, catalog: withCatalog, services: withServices };
})();
