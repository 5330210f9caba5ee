// site-gen serve's live reload (served only by `site-gen serve`, never written into the site).
// Asks the server for the next build by adding a script it holds until that build lands; a
// good build reloads the page, a failed one shows its errors over the page until the next.
(function () {
  'use strict';
  var me = document.currentScript;
  var build = Number(new URL(me.src).searchParams.get('build')) || 0;
  var overlay = null;

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

  window.__portolanLive = function (state) {
    if (state.build !== build && !state.error) {
      location.reload();
      return;
    }
    build = state.build;
    show(state.error);
  };

  function poll(first, delay) {
    setTimeout(function () {
      var s = document.createElement('script');
      s.src = '/__portolan/wait.js?since=' + build + (first ? '&first=1' : '') + '&t=' + Date.now();
      s.onload = function () { s.remove(); poll(false, 0); };
      // The server stopped or restarts: ask again shortly.
      s.onerror = function () { s.remove(); poll(false, 1000); };
      document.head.appendChild(s);
    }, delay);
  }
  poll(true, 0);
})();
