// The checker page end to end, over http://127.0.0.1 and from file://: every example gives the
// codes examples/README.md lists, errors are located and clicking one moves the cursor there,
// nftables output is byte-identical to `portolan rules`, the zip holds every target, share
// links reproduce the state, and nothing is requested after load but the rules view's module
// (CSP connect-src 'none').
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { gzipSync } from "node:zlib";
import { browserSuite } from "./lib/index.js";
import { EXAMPLES, afterCheck, bigTopology, expectedCodes, loadExample, openChecker, portolan, seq, shownCodes } from "./checker-lib.js";

const env = browserSuite();
const { dist } = env;
const expected = expectedCodes();

/** Every file under `dir`, as relative path → contents. */
function tree(dir) {
  const out = {};
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, "utf8");
    }
  };
  walk(dir);
  return out;
}

test("the examples table lists every example", () => {
  assert.ok(Object.keys(expected).length >= 6, JSON.stringify(expected));
});

// Issue 6's budget, met from ui-s4 to issue 17's page work (287.6 KiB). Over since issues 13, 14
// and 17 merged (321,336 B as this test counts, of 307,200 B: the peer reading, management and
// egress, the editor's completion and the port map's chips all ship in the engine's wasm), and
// more since issue 14's page work (378,173 B: the audit readers, socket checks and explain of
// portolan-core in the worker), 365,783 B after session 6's size pass. Since session 7 the host-file
// readers and explain are `assets/checker-audit.js`, which the page loads only when a host file
// is added or a connection explained (checker-audit.test.js), 317,366 B before that. Since session
// 8 the rule emitters are in that module too, loaded when the rules view opens
// (checker-rules.test.js): counted here is what the page loads before any rules view, host file
// or question (BENCHMARKS.md). Session 10's checks and plans took the page to 319,497 B (a 320 KB
// ceiling guarded it); session 11 met the 300 KB goal again by moving what the first screen does
// not need into that module too: P050's fix in an imported ruleset's syntax (written by the
// audit, core::audit::ruleset_fix) and the TOML reader (a TOML topology loads the module,
// checker-audit.test.js). Session 12's plans and checks (a two-way row's halves, zones kept
// apart, a cluster node placed in an untrusted zone: P051 at check time) took it to 307,842 B, 642 B
// over the goal (a 302 KB ceiling guarded it meanwhile). Session 13 met it again without moving a
// feature: the cold sorts and the B-tree sets built by collect() were a copy of the sort per element
// type (now portolan_core::order's one sort and set_of), and the checks' names and summaries (SARIF's
// texts, shown by no page) are read from codes::ALL by the CLI alone (bench/HISTORY.md).
// Session 16's merged tree was over again: 308,644 B (the growth spread over the new checks, the
// topology readers' helps and nulls, and the longer content-derived ids in catalog.js). Session
// 17 met the goal again by moving two examples' texts into the on-demand module (the TOML one,
// which needs it to be checked anyway, and the hostile-names demonstration: Request::Example)
// and taking two generic copies out (bench/HISTORY.md, "Checker page, session 17"): 306,762 B on
// that branch alone. Session 17's merged tree was over again (307,542 B measured with the npm
// tools; 312,524 B as first measured): the plan's own hosts brought three new B-tree types.
// Session 18 met the goal again without moving a feature, by writing the plan's and the checks'
// one-function maps and sets as sorted vectors (`portolan_core::order`: each B-tree type is
// 1.5–3.5 KB of wasm of its own) (bench/HISTORY.md, "Checker page, session 18").
const CEILING = 300 * 1024;
test("the page's whole transfer is at most 300 KB gzipped (BENCHMARKS.md)", () => {
  const html = readFileSync(join(dist, "checker.html"), "utf8");
  const refs = [...html.matchAll(/(?:src|href)="([^"#?]+)"/g)].map((m) => m[1]).filter((r) => /\.(js|css|svg)$/.test(r) && !/^[a-z]+:/.test(r));
  const files = ["checker.html", ...new Set(refs)];
  let total = 0;
  const sizes = {};
  for (const f of files) {
    const gz = gzipSync(readFileSync(join(dist, f)), { level: 9 }).length;
    sizes[f] = gz;
    total += gz;
  }
  const onDemand = gzipSync(readFileSync(join(dist, "assets", "checker-audit.js")), { level: 9 }).length;
  console.log(`checker page transfer, gzipped: ${total} B (${(total / 1024).toFixed(1)} KiB) ${JSON.stringify(sizes)}; on demand: assets/checker-audit.js ${onDemand} B`);
  assert.ok(files.includes("assets/checker.js") && files.includes("assets/catalog.js"), files.join(", "));
  // The emitters, readers and explain are loaded on demand (checker-wasm/src/client.rs), never
  // by the page's markup.
  assert.ok(!files.some((f) => f.includes("checker-audit")), files.join(", "));
  assert.ok(total <= CEILING, `checker page is ${total} bytes gzipped (budget 300 KB)`);
});

for (const via of ["http", "file"]) {
  describe(`checker page (${via})`, () => {
    const srv = () => (via === "http" ? env.server : undefined);

    test("mounts, shows the catalog, and has a CSP that forbids connections", async () => {
      const { page, watch } = await openChecker(env.browser, dist, srv());
      try {
        const summary = page.locator("#checker-summary");
        const counts = await page.evaluate(() => {
          const c = window.PORTOLAN_CATALOG;
          return { platforms: c.platforms.length, requirements: c.platforms.reduce((n, p) => n + p.requirements.length, 0) };
        });
        assert.equal(Number(await summary.getAttribute("data-platforms")), counts.platforms);
        assert.equal(Number(await summary.getAttribute("data-requirements")), counts.requirements);
        const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
        assert.match(csp, /connect-src 'none'/);
        assert.doesNotMatch(csp, /https?:/, "no remote source allowed");
        assert.equal(await page.locator(".checker-error").count(), 0, "an error is shown in the page");
        assert.deepEqual(watch.problems, []);
      } finally {
        await page.close();
      }
    });

    test("each example gives the codes examples/README.md lists", async () => {
      const { page, watch } = await openChecker(env.browser, dist, srv());
      try {
        for (const [file, codes] of Object.entries(expected)) {
          await loadExample(page, file);
          assert.equal(await page.locator("#checker-file").innerText(), file);
          assert.deepEqual(await shownCodes(page), codes, file);
          const text = await page.locator("#checker-topology").inputValue();
          assert.equal(text, readFileSync(join(EXAMPLES, file), "utf8"), `${file} loaded verbatim`);
        }
        assert.deepEqual(watch.problems, []);
      } finally {
        await page.close();
      }
    });

    test("typed errors are located, and a click puts the cursor on their line", async () => {
      const { page, watch } = await openChecker(env.browser, dist, srv());
      try {
        const editor = page.locator("#checker-topology");
        const text = [
          "name: typed",
          "zones:",
          "  corp: { cidrs: [10.20.0.0/16] }",
          "hosts:",
          "  cp1: { zone: corp, address: 10.20.0.10, roles: [openlm/control-plne] }",
          "",
        ].join("\n");
        await afterCheck(page, () => editor.fill(text));
        const role = page.locator('#checker-findings > li[data-code="P010-unknown-role"]');
        assert.equal(await role.getAttribute("data-line"), "5");
        assert.match(await role.innerText(), /did you mean/i);
        assert.match(await role.innerText(), /openlm\/control-plane/);
        await role.locator(".ck-finding-main").click();
        const caret = await editor.evaluate((e) => ({ start: e.selectionStart, focused: document.activeElement === e }));
        assert.ok(caret.focused, "the editor has focus");
        assert.equal(text.slice(0, caret.start).split("\n").length, 5, "the cursor is on line 5");
        assert.equal(text.slice(caret.start).split("\n")[0], "openlm/control-plne] }", "the cursor is at the role");

        // A syntax error: typing, character by character, is debounced into one located P001.
        await afterCheck(page, () => editor.fill("name: typed\nzones:\n  corp: { cidrs: [10.20.0.0/16]\n"));
        const before = await seq(page);
        await editor.press("End");
        await editor.pressSequentially("hosts: {}", { delay: 10 });
        await page.waitForFunction((n) => Number(document.querySelector("#checker-status").dataset.seq) > n, before);
        await page.waitForTimeout(400);
        assert.ok((await seq(page)) - before <= 2, "typing is debounced, not checked per key");
        const syntax = page.locator('#checker-findings > li[data-code="P001-invalid-topology"]').first();
        assert.ok(Number(await syntax.getAttribute("data-line")) >= 3, await syntax.innerText());
        assert.match(await page.locator("#checker-status").innerText(), /cannot be read/);
        assert.deepEqual(watch.problems, []);
      } finally {
        await page.close();
      }
    });

    test("nftables output is byte-identical to `portolan rules`, and the zip holds every target", async () => {
      const { page, watch } = await openChecker(env.browser, dist, srv());
      const out = mkdtempSync(join(tmpdir(), "portolan-checker-"));
      try {
        await loadExample(page, "openlm.yaml");
        await page.selectOption("#checker-target", "nftables");
        const hosts = await page.locator("#checker-host option").evaluateAll((os) => os.map((o) => o.value));
        assert.deepEqual(hosts, ["lb1", "cp1", "node2", "node3", "infra"]);
        for (const host of hosts) {
          await page.selectOption("#checker-host", host);
          await page.locator(`#checker-rules-output[data-file="nftables/${host}.nft"]`).waitFor();
          const shown = await page.locator("#checker-rules-output").textContent();
          const cli = portolan(["rules", "openlm.yaml", "--target", "nftables", "--host", host, "-q"], { dist });
          assert.equal(shown, cli, `nftables for ${host}`);
        }

        const [download] = await Promise.all([page.waitForEvent("download"), page.click("#checker-zip")]);
        assert.equal(download.suggestedFilename(), "openlm-prod-rules.zip");
        const zip = join(out, "rules.zip");
        await download.saveAs(zip);
        execFileSync("unzip", ["-q", "-t", zip]);
        execFileSync("unzip", ["-q", zip, "-d", join(out, "zip")]);
        portolan(["rules", "openlm.yaml", "--target", "all", "-q", "-o", join(out, "cli")], { dist });
        const fromZip = tree(join(out, "zip"));
        const fromCli = tree(join(out, "cli"));
        assert.deepEqual(Object.keys(fromZip).sort(), Object.keys(fromCli).sort());
        for (const [path, contents] of Object.entries(fromCli)) assert.equal(fromZip[path], contents, path);
        assert.deepEqual(watch.problems, []);
      } finally {
        await page.close();
        rmSync(out, { recursive: true, force: true });
      }
    });

    test("a share link reproduces the state", async () => {
      const first = await openChecker(env.browser, dist, srv());
      let hash;
      let codes;
      try {
        await loadExample(first.page, "activate.toml");
        await first.page.selectOption("#checker-target", "iptables");
        // The fragment is compressed by the browser, asynchronously.
        await first.page.waitForFunction(() => location.hash.includes("&r=iptables&"));
        hash = await first.page.evaluate(() => location.hash);
        codes = await shownCodes(first.page);
        assert.match(hash, /^#v=1&f=activate\.toml&r=iptables&t=[A-Za-z0-9_-]+$/);
      } finally {
        await first.page.close();
      }
      // A fresh context: no localStorage to fall back on.
      const context = await env.browser.newContext();
      try {
        const { page, watch } = await openChecker(context, dist, srv(), { hash });
        assert.equal(await page.locator("#checker-topology").inputValue(), readFileSync(join(EXAMPLES, "activate.toml"), "utf8"));
        assert.equal(await page.locator("#checker-file").innerText(), "activate.toml");
        assert.equal(await page.locator("#checker-target").inputValue(), "iptables");
        assert.deepEqual(await shownCodes(page), codes);
        // The link named a target, so it opens the rules view: its module loads, then the rules show.
        await page.locator('#checker-rules-output[data-file^="iptables/"]').waitFor({ state: "attached", timeout: 30_000 });

        // The last topology is kept in localStorage: a plain reload without the fragment.
        await page.evaluate(() => history.replaceState(null, "", location.pathname));
        await page.reload({ waitUntil: "load" });
        await page.locator("#checker-root[data-interactive]").waitFor({ state: "attached" });
        assert.equal(await page.locator("#checker-file").innerText(), "activate.toml");
        assert.deepEqual(watch.problems, []);
      } finally {
        await context.close();
      }
    });

    test("a 1,000-host check runs in the worker: the page keeps painting and the result matches the CLI", async () => {
      const { page, watch } = await openChecker(env.browser, dist, srv());
      const dir = mkdtempSync(join(tmpdir(), "portolan-big-"));
      try {
        assert.equal(await page.evaluate(() => window.PORTOLAN_ENGINE instanceof Worker), true, "the engine runs in a worker");
        const text = bigTopology(1000);
        // Probe: animation frames and long tasks from the edit until the result is painted.
        const probe = await page.evaluate(async (text) => {
          const ta = document.querySelector("#checker-topology");
          const status = document.querySelector("#checker-status");
          const tasks = [];
          const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries().map((e) => e.duration)));
          observer.observe({ type: "longtask" });
          let frames = 0;
          let busyFrames = 0;
          let running = true;
          const tick = () => {
            frames++;
            if (status.getAttribute("aria-busy") === "true") busyFrames++;
            if (running) requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
          const before = Number(status.dataset.seq);
          const t0 = performance.now();
          ta.value = text;
          ta.dispatchEvent(new Event("input", { bubbles: true }));
          await new Promise((resolve) => {
            const mo = new MutationObserver(() => Number(status.dataset.seq) > before && (mo.disconnect(), resolve()));
            mo.observe(status, { attributes: true });
          });
          await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
          running = false;
          observer.disconnect();
          return { ms: performance.now() - t0, engineMs: Number(status.dataset.ms), frames, busyFrames, longTasks: tasks };
        }, text);
        console.log(`1,000 hosts (${via}): ${JSON.stringify(probe)}`);
        // Recorded, not asserted (timings vary with the machine): BENCHMARKS.md "Checker page
        // timings". That the page paints during a check is asserted with a slower check below.

        assert.equal(await page.locator("#checker-overview").getAttribute("data-hosts"), "1000");
        const file = join(dir, "big.yaml");
        writeFileSync(file, text);
        // `portolan check` exits 1 when it finds errors; its report is on stdout either way.
        let report;
        try {
          report = portolan(["check", file, "--format", "json"], { dist });
        } catch (err) {
          report = err.stdout;
        }
        const cli = JSON.parse(report);
        assert.equal(Number(await page.locator("#checker-status").getAttribute("data-errors")), cli.errors);
        assert.match(await page.locator("#checker-status").innerText(), new RegExp(`${cli.errors} errors?, ${cli.warnings} warnings?`));
        // The first 100 come with the result (checker-wasm/src/html.rs FIRST_FINDINGS).
        assert.equal(await page.locator("#checker-findings > li").count(), Math.min(100, cli.findings.length));
        // "Show all" fills the list from the worker, a chunk per frame.
        if (cli.findings.length > 100) {
          await page.getByRole("button", { name: /Show all \d+ findings/ }).click();
          await page.waitForFunction((n) => document.querySelectorAll("#checker-findings > li").length === n, cli.findings.length);
          const codes = await page.locator("#checker-findings > li").evaluateAll((els) => els.map((e) => e.dataset.code));
          assert.deepEqual(codes.sort(), cli.findings.map((f) => f.code).sort());
        }
        assert.deepEqual(watch.problems, []);
      } finally {
        await page.close();
        rmSync(dir, { recursive: true, force: true });
      }
    });

    test("the page keeps painting while a 10,000-host check runs, and its stale result never overwrites a newer one", async () => {
      const { page, watch } = await openChecker(env.browser, dist, srv());
      try {
        // A slow check (10,000 hosts) is running when the text changes to a small topology: the
        // slow one's result must never be shown, and the small one's must be.
        const seen = await page.evaluate(async (big) => {
          const ta = document.querySelector("#checker-topology");
          const status = document.querySelector("#checker-status");
          const overview = document.querySelector("#checker-overview");
          const hosts = [];
          const mo = new MutationObserver(() => hosts.push(overview.dataset.hosts));
          mo.observe(overview, { attributes: true, attributeFilter: ["data-hosts"] });
          const edit = (text) => {
            ta.value = text;
            ta.dispatchEvent(new Event("input", { bubbles: true }));
          };
          const until = (f) => new Promise((resolve) => {
            const poll = () => (f() ? resolve() : setTimeout(poll, 5));
            poll();
          });
          // Frames painted while the worker checks: with the check on the page there would be
          // none, as the check would be one task.
          let busyFrames = 0;
          let running = true;
          const tick = () => {
            if (status.getAttribute("aria-busy") === "true") busyFrames++;
            if (running) requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
          const before = Number(status.dataset.seq);
          edit(big);
          await until(() => status.getAttribute("aria-busy") === "true");
          // Let a few frames pass with the slow check running.
          await new Promise((r) => setTimeout(r, 100));
          edit("name: small\nzones:\n  corp: { cidrs: [10.20.0.0/16] }\nhosts:\n  cp1: { zone: corp, address: 10.20.0.10, roles: [openlm/control-plane] }\n");
          await until(() => Number(status.dataset.seq) > before && status.getAttribute("aria-busy") === "false");
          // Longer than the slow check takes again: nothing else may arrive.
          await new Promise((r) => setTimeout(r, 500));
          mo.disconnect();
          running = false;
          return { hosts, busyFrames, seq: Number(status.dataset.seq) - before, shown: overview.dataset.hosts };
        }, bigTopology(10000));
        console.log(`10,000-host check overtaken (${via}): ${JSON.stringify(seen)}`);
        assert.equal(seen.shown, "1", JSON.stringify(seen));
        assert.ok(!seen.hosts.includes("10000"), `the stale result was shown: ${JSON.stringify(seen)}`);
        assert.equal(seen.seq, 1, `one result shown: ${JSON.stringify(seen)}`);
        assert.ok(seen.busyFrames >= 5, `frames painted during the check: ${JSON.stringify(seen)}`);
        assert.deepEqual(watch.problems, []);
      } finally {
        await page.close();
      }
    });

    test("nothing is requested after load (and the rules view's module)", async () => {
      const { page, watch } = await openChecker(env.browser, dist, srv());
      try {
        // The rules view opened: its module is the one request it makes (checker-rules.test.js);
        // from then on, nothing.
        await page.locator("#checker-rules").scrollIntoViewIfNeeded();
        await page.locator("#checker-rules-output[data-file]").waitFor({ state: "attached", timeout: 30_000 });
        await page.waitForTimeout(300);
        const atLoad = watch.requests.length;
        for (const file of Object.keys(expected)) await loadExample(page, file);
        await afterCheck(page, () => page.locator("#checker-topology").fill("name: x\nhosts: {}\n"));
        await loadExample(page, "openlm.yaml");
        for (const target of ["nftables", "kubernetes", "change-request", "aws-terraform"]) await page.selectOption("#checker-target", target);
        await Promise.all([page.waitForEvent("download"), page.click("#checker-zip")]);
        await page.locator("#checker-findings .ck-finding-main").first().click();
        await page.waitForTimeout(300);
        const after = watch.requests.slice(atLoad).filter((u) => !/^(blob|data):/.test(u));
        assert.deepEqual(after, [], "requests after load");
        assert.deepEqual(watch.problems, []);
      } finally {
        await page.close();
      }
      // The CSP is what guarantees it: a fetch from the page is refused before any request.
      const probe = await env.browser.newPage();
      try {
        await probe.goto(env.url(via, "checker.html"), { waitUntil: "load" });
        const result = await probe.evaluate(() => fetch("catalog.json").then(() => "fetched", () => "refused"));
        assert.equal(result, "refused");
      } finally {
        await probe.close();
      }
    });
  });
}
