// Measures, in Chromium with performance.now(): the checker's time to interactive from file://
// and the live-check latency on a 1,000-host topology. Prints them and writes
// target/checker-perf.json (BENCHMARKS.md records them). Bounds are loose: this is a
// measurement, the assertions only catch a page that freezes.
import { after, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { browserSuite } from "./lib/index.js";
import { ROOT, afterCheck, bigTopology, openChecker } from "./checker-lib.js";

const env = browserSuite({ serve: false });
const { dist } = env;
const results = {};

after(() => {
  mkdirSync(join(ROOT, "target"), { recursive: true });
  writeFileSync(join(ROOT, "target", "checker-perf.json"), JSON.stringify(results, null, 2) + "\n");
  console.log(`checker performance: ${JSON.stringify(results)}`);
});

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x) => Math.round(x * 10) / 10;

test("time to interactive from file://", async () => {
  const runs = [];
  for (let i = 0; i < 5; i++) {
    const context = await env.browser.newContext();
    const { page } = await openChecker(context, dist, undefined);
    runs.push(await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0];
      return { interactive: window.PORTOLAN_CHECKER_READY, domContentLoaded: nav.domContentLoadedEventEnd, load: nav.loadEventEnd };
    }));
    await context.close();
  }
  results.file_tti_ms = round(median(runs.map((r) => r.interactive)));
  results.file_dom_content_loaded_ms = round(median(runs.map((r) => r.domContentLoaded)));
  results.file_tti_runs_ms = runs.map((r) => round(r.interactive));
  assert.ok(results.file_tti_ms < 5000, `time to interactive ${results.file_tti_ms} ms`);
});

test("live-check latency on a 1,000-host topology", async () => {
  const { page, watch } = await openChecker(env.browser, dist, undefined);
  try {
    const text = bigTopology(1000);
    results.big_topology_bytes = text.length;
    await afterCheck(page, () => page.locator("#checker-topology").fill(text));
    results.big_topology_findings = await page.locator("#checker-findings > li").count();
    results.big_topology_hosts = Number(await page.locator("#checker-overview").getAttribute("data-hosts"));
    assert.equal(results.big_topology_hosts, 1000);
    const runs = [];
    for (let i = 0; i < 7; i++) {
      runs.push(await page.evaluate(async (edit) => {
        const ta = document.querySelector("#checker-topology");
        const status = document.querySelector("#checker-status");
        const longest = { ms: 0 };
        const observer = new PerformanceObserver((list) => {
          for (const e of list.getEntries()) longest.ms = Math.max(longest.ms, e.duration);
        });
        observer.observe({ type: "longtask" });
        const before = Number(status.dataset.seq);
        const t0 = performance.now();
        ta.value = ta.value.replace(/^# generated.*$/m, `# generated: edit ${edit}`);
        ta.dispatchEvent(new Event("input", { bubbles: true }));
        const inputDone = performance.now();
        await new Promise((resolve) => {
          const mo = new MutationObserver(() => {
            if (Number(status.dataset.seq) > before) {
              mo.disconnect();
              resolve();
            }
          });
          mo.observe(status, { attributes: true });
        });
        const checked = performance.now();
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        const painted = performance.now();
        await new Promise((r) => setTimeout(r, 50));
        observer.disconnect();
        return { input: inputDone - t0, checked: checked - t0, painted: painted - t0, engine: Number(status.dataset.ms), longestTask: longest.ms };
      }, i));
    }
    results.debounce_ms = 150;
    results.live_check_latency_ms = round(median(runs.map((r) => r.painted)));
    results.live_check_engine_ms = round(median(runs.map((r) => r.engine)));
    results.live_check_input_handler_ms = round(median(runs.map((r) => r.input)));
    results.live_check_longest_task_ms = round(Math.max(...runs.map((r) => r.longestTask)));
    assert.ok(results.live_check_latency_ms < 3000, JSON.stringify(runs));
    assert.deepEqual(watch.problems, []);
  } finally {
    await page.close();
  }
});
