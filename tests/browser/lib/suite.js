// The set-up every browser test file shares: Chromium launched before the file's tests (and a
// static server over dist/ for the http runs), both closed after them, and pages opened over
// http or file:// with a watcher on what goes wrong. A test file starts with
// `const env = browserSuite();` and then uses `env.browser`, `env.server`, `env.open(...)`.
import { after, before } from "node:test";
import { launchChromium, watchPage } from "./browser.js";
import { distDir, fileUrl, sameSite } from "./paths.js";
import { serveDist } from "./server.js";

/** The pages this project shows are read at desktop width unless a test says otherwise. */
const DESKTOP = { width: 1280, height: 900 };

/**
 * Registers the file's `before`/`after` hooks (call it at the top level of a test file).
 * `serve: false` for files that need no server over dist/ (file:// only, or their own server).
 * `browser` and `server` are set once the `before` hook has run.
 * @param {{ serve?: boolean }} [options]
 */
export function browserSuite({ serve = true } = {}) {
  const dist = distDir();
  const env = {
    dist,
    /** @type {import("playwright-core").Browser | undefined} */
    browser: undefined,
    /** @type {Awaited<ReturnType<typeof serveDist>> | undefined} */
    server: undefined,

    /** The URL of `page` (may end in `?query` or `#hash`) over "http" or "file", in `base`. */
    url(via, page, base = dist) {
      if (via === "http") return new URL(page, requireServer(env).url).href;
      // A query or hash is not part of the file's path (pathToFileURL would escape `?` and `#`).
      const cut = page.search(/[?#]/);
      return cut < 0 ? fileUrl(base, page) : fileUrl(base, page.slice(0, cut)) + page.slice(cut);
    },

    /**
     * Opens `page` in a new tab and waits for its load event. The watcher records script and
     * console errors, failed requests and every request URL (`watch.requests`); a request
     * outside `base` (file://) or the server (http) is a problem.
     * @param {"http" | "file"} via
     * @param {string} page
     * @param {{ base?: string, viewport?: {width: number, height: number}, colorScheme?: "light" | "dark" }} [options]
     */
    async open(via, page, { base = dist, viewport = DESKTOP, colorScheme } = {}) {
      const tab = await env.browser.newPage(colorScheme ? { viewport, colorScheme } : { viewport });
      const watch = watchPage(tab, sameSite(base, via === "http" ? requireServer(env).url : undefined));
      await tab.goto(env.url(via, page, base), { waitUntil: "load" });
      return { tab, watch };
    },
  };

  before(async () => {
    [env.browser, env.server] = await Promise.all([launchChromium(), serve ? serveDist(dist) : undefined]);
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

function requireServer(env) {
  if (!env.server) throw new Error("no server over dist/: this file's browserSuite() was given `serve: false`");
  return env.server;
}
