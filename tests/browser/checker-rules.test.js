// The checker's rules view on demand (session 8): the rule emitters are not in the page's
// `checker.js` but in `assets/checker-audit.js`, the module the page loads the first time the
// rules view opens (the panel scrolled into view, a target picked, the zip asked for). Opening it
// makes exactly that one request; rules asked for while it loads are answered by it, and equal
// `portolan rules`; a module that cannot be loaded is said on the page, which goes on checking.
// Over file:// (a saved copy of the site) and http.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { browserSuite } from "./lib/index.js";
import { loadExample, openChecker, portolan } from "./checker-lib.js";

const env = browserSuite();
const { dist } = env;

/** `checker-audit.js`, the module with the emitters the page loads on demand. */
const isOnDemand = (url) => /\/assets\/checker-audit\.js$/.test(url);
/** Requests that reach the site (the worker's blob: and data: URLs are the page's own). */
const fetched = (urls) => urls.filter((u) => !/^(blob|data):/.test(u));

/** The file the rules panel shows, once it shows one named like `pattern`. */
async function shownRules(page, pattern) {
  await page.waitForFunction(
    (p) => new RegExp(p).test(document.querySelector("#checker-rules-output")?.dataset.file ?? ""),
    pattern.source,
    { timeout: 30_000 },
  );
  const output = page.locator("#checker-rules-output");
  return { file: await output.getAttribute("data-file"), text: await output.textContent() };
}

for (const via of ["file", "http"]) {
  describe(`rules on demand (${via})`, () => {
    const srv = () => (via === "http" ? env.server : undefined);

    test("opening the rules view makes one request, the emitters' module, and its rules are `portolan rules`'s", async () => {
      const { page, watch } = await openChecker(env.browser, dist, srv());
      try {
        await loadExample(page, "openlm.yaml");
        await page.waitForTimeout(300);
        assert.deepEqual(watch.requests.filter(isOnDemand), [], "not loaded with the page");
        assert.equal(await page.locator("#checker-rules-output").getAttribute("data-file"), null, "no rules before the view opens");
        const atLoad = watch.requests.length;
        const loading = page.waitForRequest((r) => isOnDemand(r.url()));
        await page.locator("#checker-rules").scrollIntoViewIfNeeded();
        await loading;
        const first = await shownRules(page, /^nftables\/[^/]+\.nft$/);
        const host = /^nftables\/([^/]+)\.nft$/.exec(first.file)[1];
        const cli = portolan(["rules", "openlm.yaml", "--target", "nftables", "--host", host, "-q"], { dist });
        assert.equal(first.text, cli, `nftables for ${host}`);
        // Other targets, a host and the zip: answered by the module loaded, nothing more fetched.
        await page.selectOption("#checker-target", "kubernetes");
        await shownRules(page, /^kubernetes\//);
        await page.selectOption("#checker-target", "iptables");
        await page.selectOption("#checker-host", "cp1");
        const iptables = await shownRules(page, /^iptables\/cp1/);
        const out = mkdtempSync(join(tmpdir(), "portolan-rules-"));
        try {
          portolan(["rules", "openlm.yaml", "--target", "iptables", "--host", "cp1", "-q", "-o", out], { dist });
          assert.equal(iptables.text, readFileSync(join(out, iptables.file), "utf8"), iptables.file);
        } finally {
          rmSync(out, { recursive: true, force: true });
        }
        await Promise.all([page.waitForEvent("download"), page.click("#checker-zip")]);
        await page.waitForTimeout(300);
        const after = fetched(watch.requests.slice(atLoad));
        assert.equal(after.length, 1, `one request after the view opened: ${after.join(", ")}`);
        assert.ok(isOnDemand(after[0]), after[0]);
        assert.equal(await page.locator(".checker-error").count(), 0);
        assert.deepEqual(watch.problems, []);
      } finally {
        await page.close();
      }
    });

    test("the zip asked for before the rules view opened is built by the module it loads", async () => {
      const { page, watch } = await openChecker(env.browser, dist, srv());
      const out = mkdtempSync(join(tmpdir(), "portolan-rules-"));
      try {
        if (via === "http") {
          // Held back, so that the zip and the first rules surely wait for it (file:// cannot
          // be routed; there both are asked as soon as the button is clicked).
          await page.route("**/assets/checker-audit.js", async (route) => {
            await new Promise((r) => setTimeout(r, 800));
            await route.continue();
          });
        }
        // A YAML example: a TOML one would load the module itself (the base has no TOML reader).
        await loadExample(page, "palette.yaml");
        assert.deepEqual(watch.requests.filter(isOnDemand), []);
        const [download] = await Promise.all([page.waitForEvent("download", { timeout: 30_000 }), page.click("#checker-zip")]);
        const zip = join(out, "rules.zip");
        await download.saveAs(zip);
        execFileSync("unzip", ["-q", zip, "-d", join(out, "zip")]);
        const files = execFileSync("find", [".", "-type", "f"], { cwd: join(out, "zip"), encoding: "utf8" }).split("\n").filter(Boolean);
        portolan(["rules", "palette.yaml", "--target", "all", "-q", "-o", join(out, "cli")], { dist });
        const cli = execFileSync("find", [".", "-type", "f"], { cwd: join(out, "cli"), encoding: "utf8" }).split("\n").filter(Boolean);
        assert.deepEqual(files.sort(), cli.sort());
        await shownRules(page, /^nftables\//);
        assert.equal(watch.requests.filter(isOnDemand).length, 1, "loaded once");
        assert.deepEqual(watch.problems, []);
      } finally {
        await page.close();
        rmSync(out, { recursive: true, force: true });
      }
    });
  });
}

test("over http: rules whose module cannot be loaded are said in the panel and on the page, and the topology is still checked", async () => {
  const { page, watch } = await openChecker(env.browser, dist, env.server);
  try {
    await page.route("**/assets/checker-audit.js", (route) => route.abort());
    await loadExample(page, "openlm.yaml");
    await page.locator("#checker-rules").scrollIntoViewIfNeeded();
    const alert = page.locator("#checker-root .checker-error[role=alert]");
    await alert.waitFor({ timeout: 30_000 });
    assert.match(await alert.innerText(), /could not load its rule generators, host-file readers, TOML reader and explain \(assets\/checker-audit\.js\)/);
    const error = page.locator("#checker-rules-error");
    await page.waitForFunction(() => /could not load/.test(document.querySelector("#checker-rules-error").textContent));
    assert.equal(await error.isVisible(), true);
    assert.equal(await page.locator("#checker-rules-output").isVisible(), false);
    assert.deepEqual(watch.problems.filter((p) => !/checker-audit\.js/.test(p)), []);
    // Checks go on, on the page's own module.
    await loadExample(page, "broken.yaml");
    assert.ok((await page.locator("#checker-findings > li").count()) > 0);
    assert.equal(await page.locator("#checker-file").innerText(), "broken.yaml");
  } finally {
    await page.close();
  }
});
