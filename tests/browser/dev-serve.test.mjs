// The dev loop (`cargo xtask serve`): the checker page served by it becomes interactive, pages
// get the live-reload script, and a new build number makes an open page reload. The server is
// started on the dist/ already built (`--no-build`), on a port the OS picks.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { after, before, test } from "node:test";
import { openChecker, ROOT } from "./checker-lib.js";
import { browserSuite } from "./lib/index.js";

// The server here is `cargo xtask serve`'s, started below, not the suite's.
const env = browserSuite({ serve: false });
const { dist } = env;
let serve;
let url;

before(async () => {
  serve = spawn("cargo", ["xtask", "serve", "--no-build", "--port", "0"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  });
  url = await new Promise((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`xtask serve did not start: ${out}`)), 300_000);
    serve.stdout.on("data", (chunk) => {
      out += chunk;
      const m = /serving .* on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    serve.on("exit", (code) => reject(new Error(`xtask serve exited with ${code}: ${out}`)));
  });
});

after(() => {
  serve?.kill();
});

test("the checker page served by `cargo xtask serve` becomes interactive", async () => {
  const { page, watch } = await openChecker(env.browser, dist, { url });
  assert.ok(await page.locator("#checker-root section").count() > 0, "the page's markup is there");
  assert.equal(await page.locator('script[src="/__portolan/reload.js"]').count(), 1);
  assert.deepEqual(watch.problems, []);
  await page.close();
});

test("a new build number reloads an open page", async () => {
  const page = await env.browser.newPage();
  // The first build.js answer records the build the page was loaded with.
  const firstPoll = page.waitForResponse((r) => r.url().includes("/__portolan/build.js"));
  await page.goto(new URL("index.html", url).href, { waitUntil: "load" });
  await firstPoll;
  await page.waitForTimeout(100);
  await page.evaluate(() => { window.beforeReload = true; });
  const reloaded = page.waitForEvent("load", { timeout: 10_000 });
  // What build.js does when the server has swapped in a new build.
  await page.evaluate(() => window.__portolanBuild(Number.MAX_SAFE_INTEGER));
  await reloaded;
  assert.equal(await page.evaluate(() => window.beforeReload), undefined);
  await page.close();
});

test("the dev server refuses paths outside dist/", async () => {
  const res = await fetch(new URL("/%2e%2e/Cargo.toml", url));
  assert.equal(res.status, 404);
});
