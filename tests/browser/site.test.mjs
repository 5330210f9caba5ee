// The reference site in headless Chromium, over http://127.0.0.1 and straight from disk
// (file://), and the offline bundle unzipped: every page type renders with no script error and
// no request leaving the site, links lead where they say, and search finds 8443 and PostgreSQL.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { distDir, fileUrl, launchChromium, sameSite, serveDist, watchPage } from "./lib/index.js";

const dist = distDir();
let browser;
let server;

before(async () => {
  [browser, server] = await Promise.all([launchChromium(), serveDist(dist)]);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

const pick = (dir, test) => readdirSync(join(dist, dir)).filter(test).sort()[0];
const PAGES = {
  home: "index.html",
  platform: `platforms/${pick("platforms", (f) => f.endsWith(".html"))}`,
  port: "ports/8443.html",
  range: `ports/${pick("ports", (f) => /^\d+-\d+\.html$/.test(f))}`,
  "port index": "ports/index.html",
  service: "services/postgresql.html",
  "service index": "services/index.html",
  conflicts: "conflicts.html",
  checker: "checker.html",
  search: "search.html",
  "not found": "404.html",
};

function urlFor(via, page, base = dist) {
  return via === "http" ? new URL(page, server.url).href : fileUrl(base, page);
}

async function open(via, page, base = dist) {
  const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const watch = watchPage(tab, sameSite(base, via === "http" ? server.url : undefined));
  await tab.goto(urlFor(via, page, base), { waitUntil: "load" });
  return { tab, watch };
}

async function search(tab, query) {
  await tab.fill("#q", query);
  const results = tab.locator("form.search .results a");
  await results.first().waitFor({ state: "visible", timeout: 10_000 });
  return (await results.allInnerTexts()).map((t) => t.replace(/\s+/g, " "));
}

for (const via of ["http", "file"]) {
  describe(`site over ${via}`, () => {
    for (const [kind, page] of Object.entries(PAGES)) {
      test(`${kind} page renders (${page})`, async () => {
        assert.ok(existsSync(join(dist, page)), `${page} is missing from ${dist}`);
        const { tab, watch } = await open(via, page);
        try {
          const h1 = (await tab.locator("main h1").first().innerText()).trim();
          assert.ok(h1.length > 0, "the page has a heading");
          // Every page shares one site stylesheet; the checker page adds its own on top.
          assert.equal(await tab.locator('link[rel=stylesheet][href$="assets/site.css"]').count(), 1);
          assert.equal(await tab.locator("link[rel=stylesheet]").count(), kind === "checker" ? 2 : 1);
          const background = await tab.evaluate(() => getComputedStyle(document.body).backgroundColor);
          assert.notEqual(background, "rgba(0, 0, 0, 0)", "the stylesheet loaded");
          if (kind === "checker") assert.equal(await tab.locator("#checker-root").count(), 1);
          if (kind === "platform") assert.equal(await tab.locator("svg.flow").count(), 1);
          assert.deepEqual(watch.problems, []);
        } finally {
          await tab.close();
        }
      });
    }

    test("links lead from home to a platform, a port and back to the document row", async () => {
      const { tab, watch } = await open(via, "index.html");
      try {
        await tab.locator(".cards .card h3 a").first().click();
        await tab.waitForURL(/platforms\/[^/]+\.html$/);
        await tab.locator(".doc a.port").first().click();
        await tab.waitForURL(/ports\/[\d-]+\.html$/);
        const row = tab.locator("table.reqs a.src").first();
        const href = await row.getAttribute("href");
        await row.click();
        await tab.waitForURL(/platforms\/[^/]+\.html#r-\d+/);
        const anchor = href.split("#")[1];
        assert.equal(await tab.locator(`[id="${anchor}"]`).count(), 1, `the row #${anchor} exists`);
        assert.deepEqual(watch.problems, []);
      } finally {
        await tab.close();
      }
    });

    test("search finds 8443 and PostgreSQL", async () => {
      const { tab, watch } = await open(via, PAGES.platform);
      try {
        const port = await search(tab, "8443");
        assert.match(port[0], /port 8443/i, `first hit for 8443: ${port[0]}`);
        const pg = await search(tab, "PostgreSQL");
        assert.ok(pg.some((t) => /^service postgresql/i.test(t)), pg.join(" | "));
        await tab.locator("form.search .results a").first().click();
        await tab.waitForURL(/services\/postgresql\.html$/);
        assert.deepEqual(watch.problems, []);
      } finally {
        await tab.close();
      }
    });

    test("the ports index sorts and filters without a server", async () => {
      const { tab, watch } = await open(via, "ports/index.html");
      try {
        const rows = tab.locator("#all-ports tbody tr");
        const total = await rows.count();
        await tab.fill("#filter", "postgres");
        const shown = await tab.locator("#all-ports tbody tr:not([hidden])").count();
        assert.ok(shown > 0 && shown < total, `filter shows ${shown} of ${total}`);
        await tab.fill("#filter", "");
        await tab.locator("#all-ports thead th button").first().click();
        await tab.locator("#all-ports thead th button").first().click();
        const first = await tab.locator("#all-ports tbody tr td").first().getAttribute("data-v");
        const all = await tab.$$eval("#all-ports tbody tr td:first-child", (cells) => cells.map((c) => +c.dataset.v));
        assert.equal(+first, Math.max(...all), "descending sort puts the highest port first");
        assert.deepEqual(watch.problems, []);
      } finally {
        await tab.close();
      }
    });
  });
}

describe("offline bundle", () => {
  test("unzipped and opened from disk, it works, search included", async (t) => {
    const zip = join(dist, "portolan-site.zip");
    if (!existsSync(zip)) return t.skip("built with --no-bundle");
    const dir = mkdtempSync(join(tmpdir(), "portolan-bundle-"));
    try {
      execFileSync("python3", ["-c", "import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])", zip, dir]);
      const base = join(dir, "portolan-site");
      const { tab, watch } = await open("file", "index.html", base);
      try {
        const hits = await search(tab, "8443");
        assert.match(hits[0], /port 8443/i);
        await tab.locator("form.search .results a").first().click();
        await tab.waitForURL(/ports\/8443\.html$/);
        assert.deepEqual(watch.problems, []);
      } finally {
        await tab.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
