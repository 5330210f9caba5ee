// site-gen serve's live reload (served only by `site-gen serve`, never written into the site).
// Asks the server for the next build by adding a script it holds until that build lands; a
// good build reloads the page, a failed one shows its errors over the page until the next.
// One tab polls for all of them (a Web Lock) and passes each answer on (a BroadcastChannel):
// a held poll takes one of the six connections a browser opens to a server.
(function () {
  'use strict';
  var me = document.currentScript;
  var build = Number(new URL(me.src).searchParams.get('build')) || 0;
  var overlay = null;
  var channel = window.BroadcastChannel ? new BroadcastChannel('portolan-live') : null;

  function show(error) {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
    if (!error) return;
    if (!document.getElementById('portolan-live-css')) {
      var css = document.createElement('link');
      css.id = 'portolan-live-css';
      css.rel = 'stylesheet';
      css.href = '/__portolan/live.css';
      document.head.appendChild(css);
    }
    overlay = document.createElement('div');
    overlay.id = 'portolan-live-overlay';
    overlay.setAttribute('role', 'alert');
    var title = document.createElement('h2');
    title.textContent = 'site-gen serve: the build failed (still showing the last good build)';
    var text = document.createElement('pre');
    text.textContent = error;
    var hint = document.createElement('p');
    hint.textContent = 'Save a fix and this page reloads.';
    overlay.append(title, text, hint);
    document.body.appendChild(overlay);
  }

  function handle(state) {
    if (state.build !== build && !state.error) {
      location.reload();
      return;
    }
    build = state.build;
    show(state.error);
  }

  // What a wait.js answer calls: this tab's answer, passed on to the other tabs.
  window.__portolanLive = function (state) {
    if (channel) channel.postMessage(state);
    handle(state);
  };
  if (channel) {
    channel.onmessage = function (event) { handle(event.data); };
  }

  function ask(query, then) {
    var s = document.createElement('script');
    s.src = '/__portolan/wait.js?' + query + '&t=' + Date.now();
    s.onload = function () { s.remove(); then(0); };
    // The server stopped or restarts: ask again shortly.
    s.onerror = function () { s.remove(); then(1000); };
    document.head.appendChild(s);
  }
  function poll(delay) {
    setTimeout(function () { ask('since=' + build, poll); }, delay);
  }

  function start() {
    // How things stand now (a build may have landed since this page was sent, or be broken)…
    ask('since=' + build + '&now=1', function () {});
    // …then the next builds, polled by one tab for all.
    if (channel && navigator.locks) {
      navigator.locks.request('portolan-live-poll', function () {
        poll(0);
        // Held until this tab closes or reloads; then another tab takes over.
        return new Promise(function () {});
      });
    } else {
      poll(0);
    }
  }
  // After the load event: a script added before it (a held poll) would hold the event back.
  if (document.readyState === 'complete') start();
  else window.addEventListener('load', start);
})();
