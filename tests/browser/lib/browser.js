// Headless Debian Chromium through playwright-core, and a watcher for everything that can go
// wrong on a page: script errors, console errors, failed or 4xx/5xx requests, and any request
// that would leave the site (the checker must work with the network unplugged).
import { chromium } from "playwright-core";

export const CHROMIUM = process.env.PORTOLAN_CHROMIUM ?? "/usr/bin/chromium";

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** @returns {Promise<import("playwright-core").Browser>} */
export async function launchChromium() {
  try {
    return await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, timeout: 60_000 });
  } catch (err) {
    throw new Error(`cannot start ${CHROMIUM} (install it with \`bash tests/setup.sh\`): ${err.message}`);
  }
}

/**
 * Records the page's problems. `allowed(url)` says which request URLs are the site's own;
 * data: and blob: URLs are always allowed.
 * @param {import("playwright-core").Page} page
 * @param {(url: string) => boolean} allowed
 * @returns {{ problems: string[], requests: string[] }}
 */
export function watchPage(page, allowed) {
  const problems = [];
  const requests = [];
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() !== "error") return;
    const at = msg.location()?.url;
    // Chromium's own probe for /favicon.ico at the server root is not the page's request.
    if (at && new URL(at).pathname === "/favicon.ico") return;
    problems.push(`console error: ${msg.text()}${at ? ` (at ${at})` : ""}`);
  });
  page.on("request", (req) => {
    const url = req.url();
    requests.push(url);
    if (!/^(data|blob):/.test(url) && !allowed(url)) problems.push(`request leaves the site: ${url}`);
  });
  page.on("requestfailed", (req) => {
    const why = req.failure()?.errorText ?? "";
    // The browser cancels what is still loading when the page navigates away (a clicked link):
    // not a failure of the site. Missing files fail as ERR_FILE_NOT_FOUND or HTTP 404.
    if (why === "net::ERR_ABORTED") return;
    problems.push(`request failed: ${req.url()} (${why})`);
  });
  page.on("response", (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  return { problems, requests };
}
