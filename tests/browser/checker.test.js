// The checker page mounts the wasm app, over http and straight from disk (file://), with no
// failed request, no page error and no request leaving the site.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
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

describe("checker page", () => {
  for (const via of ["http", "file"]) {
    test(`mounts and shows the catalog (${via})`, async () => {
      const page = await browser.newPage();
      const url = via === "http" ? new URL("checker.html", server.url).href : fileUrl(dist, "checker.html");
      const watch = watchPage(page, sameSite(dist, via === "http" ? server.url : undefined));
      try {
        await page.goto(url, { waitUntil: "load" });
        const summary = page.locator("#checker-root #checker-summary");
        await summary.waitFor({ state: "visible", timeout: 20_000 }).catch(async (err) => {
          const root = await page.locator("#checker-root").innerText().catch(() => "(no #checker-root)");
          throw new Error(`checker did not mount: ${err.message}\n#checker-root says: ${root}\n${watch.problems.join("\n")}`);
        });

        const expected = await page.evaluate(() => {
          const c = window.PORTOLAN_CATALOG;
          const platforms = c.platforms.length;
          const requirements = c.platforms.reduce((n, p) => n + p.requirements.length, 0);
          return { platforms, requirements };
        });
        assert.equal(Number(await summary.getAttribute("data-platforms")), expected.platforms);
        assert.equal(Number(await summary.getAttribute("data-requirements")), expected.requirements);
        const text = await summary.innerText();
        assert.match(text, new RegExp(`\\b${expected.platforms} platforms?\\b`));
        assert.match(text, new RegExp(`\\b${expected.requirements} port requirements?\\b`));

        // The app is live: typing into the topology box updates the status line.
        await page.locator("#checker-topology").fill("name: test\nzones: {}\nhosts: {}\n");
        await page.locator(".checker-status", { hasText: "3 lines entered" }).waitFor({ timeout: 5_000 });

        assert.equal(await page.locator(".checker-error").count(), 0, "an error is shown in the page");
        assert.deepEqual(watch.problems, []);
      } finally {
        await page.close();
      }
    });
  }
});
