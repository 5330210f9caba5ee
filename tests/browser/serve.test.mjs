// `site-gen serve` in Chromium: a saved edit reloads the open page, a broken save shows the
// error overlay (on the checker page too, whose CSP forbids connect-src: the reload works by
// script tags only), and the next good save clears it. The server builds the fixture documents
// of site-gen/tests/fixtures/site, copied to a temporary folder, on a port the OS picks.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { ROOT } from "./checker-lib.js";
import { launchChromium, watchPage } from "./lib/index.js";

const work = mkdtempSync(join(tmpdir(), "portolan-serve-"));
const content = join(work, "content");
const alpha = join(content, "alpha.md");
let serve;
let url;
let browser;

/** Saves as editors do: a temporary file renamed over the document. */
function save(path, text) {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

before(async () => {
  mkdirSync(content);
  for (const doc of ["alpha.md", "beta.md"]) {
    copyFileSync(join(ROOT, "site-gen/tests/fixtures/site", doc), join(content, doc));
  }
  const args = ["run", "--quiet", "-p", "site-gen", "--", "serve", "--content", content, "--out", join(work, "dist"), "--public", join(ROOT, "public"), "--no-bundle", "--port", "0"];
  serve = spawn("cargo", args, { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] });
  [url, browser] = await Promise.all([
    new Promise((resolve, reject) => {
      let out = "";
      const timer = setTimeout(() => reject(new Error(`site-gen serve did not start: ${out}`)), 300_000);
      serve.stdout.on("data", (chunk) => {
        out += chunk;
        const m = /serving .* on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
      serve.on("exit", (code) => reject(new Error(`site-gen serve exited with ${code}: ${out}`)));
    }),
    launchChromium(),
  ]);
});

/** `promise`, or after `ms` a settled nothing: a clean-up that hangs must not hang the suite. */
function bounded(promise, ms) {
  return Promise.race([promise, new Promise((resolve) => setTimeout(resolve, ms).unref())]);
}

after(async () => {
  serve?.kill("SIGINT");
  await bounded(browser?.close(), 15_000);
  serve?.kill("SIGKILL");
  rmSync(work, { recursive: true, force: true });
});

/**
 * A tab on `page`, loaded, with its first ask for the build on its way. Tabs of one `context`
 * share its connections, locks and channels, as a browser window's do (`browser.newPage()`
 * would make each its own context).
 */
async function open(page, context) {
  const tab = await (context ?? browser).newPage();
  const watch = watchPage(tab, (u) => u.startsWith(url));
  const polling = tab.waitForRequest((r) => r.url().includes("/__portolan/wait.js"));
  await tab.goto(new URL(page, url).href, { waitUntil: "load" });
  await polling;
  return { tab, watch };
}

// Each test is bounded: a hang (seen once in a loaded CI run, in the many-tabs clean-up) is a
// failure with a name, never a suite that waits forever.
test("a save reloads the open page; a broken save is shown over it until mended", { timeout: 120_000 }, async () => {
  const good = readFileSync(alpha, "utf8");
  const { tab, watch } = await open("platforms/alpha.html");
  assert.match(await tab.locator("h1").innerText(), /Alpha Platform/);

  let reloaded = tab.waitForEvent("load", { timeout: 20_000 });
  save(alpha, good.replace('title: "Alpha Platform"', 'title: "Alpha, saved"'));
  await reloaded;
  assert.match(await tab.locator("h1").innerText(), /Alpha, saved/);

  // Front matter never closed: an error at alpha.md:1:1, shown over the last good page.
  save(alpha, '---\ntitle: "Alpha"\nplatform: alpha\n');
  const overlay = tab.locator("#portolan-live-overlay");
  await overlay.waitFor({ timeout: 20_000 });
  assert.match(await overlay.innerText(), /alpha\.md:1:1: error\[front-matter-unclosed\]/);
  assert.equal(await overlay.evaluate((el) => getComputedStyle(el).position), "fixed", "styled by live.css");
  assert.match(await tab.locator("h1").innerText(), /Alpha, saved/);

  // The checker page (CSP: connect-src 'none', no inline script or style) shows it too.
  const checker = await open("checker.html");
  await checker.tab.locator("#portolan-live-overlay").waitFor({ timeout: 20_000 });
  const refused = checker.watch.problems.filter((p) => /Content Security Policy|__portolan/.test(p));
  assert.deepEqual(refused, []);

  reloaded = tab.waitForEvent("load", { timeout: 20_000 });
  save(alpha, good);
  await reloaded;
  assert.equal(await tab.locator("#portolan-live-overlay").count(), 0);
  assert.match(await tab.locator("h1").innerText(), /Alpha Platform/);
  assert.deepEqual(watch.problems, []);
  await checker.tab.close();
  await tab.close();
});

// A held poll takes one of the six connections Chromium opens to a server: were every tab to
// poll, a tab opened beside ten others would wait for a poll to end before loading anything
// (it does: this test times out with every tab polling).
test("many open tabs still load at once, and one save reloads them all", { timeout: 120_000 }, async () => {
  const good = readFileSync(alpha, "utf8");
  const pages = ["ports/22.html", "ports/5432.html", "ports/8443.html", "index.html", "platforms/alpha.html", "platforms/beta.html", "ports/index.html", "ports/443.html", "conflicts.html", "search.html"];
  const context = await browser.newContext();
  const tabs = [];
  for (const page of pages) tabs.push(await open(page, context));
  const late = await context.newPage();
  const started = Date.now();
  await late.goto(new URL("platforms/beta.html", url).href, { waitUntil: "load", timeout: 5_000 });
  assert.ok(Date.now() - started < 5_000);
  tabs.push({ tab: late, watch: { problems: [] } });

  const reloads = tabs.map(({ tab }) => tab.waitForEvent("load", { timeout: 20_000 }));
  save(alpha, good.replace('title: "Alpha Platform"', 'title: "Alpha, for every tab"'));
  await Promise.all(reloads);
  save(alpha, good);
  for (const { watch } of tabs) assert.deepEqual(watch.problems, []);
  // One close for the eleven tabs (each holds or hears the poll).
  await bounded(context.close(), 15_000);
});
