// Runs the checker engine (portolan-bench-wasm) in headless Chromium and prints JSON medians.
// usage: node bench/wasm/run.mjs GLUE.js ENGINE.wasm catalog.json RUNS topology-N.yaml…
// Timings are taken inside the page with performance.now() (see bench/wasm/src/lib.rs).
// PORTOLAN_WASM_CHECK_ONLY=1: parse + check + plan only, no emitters (emit_ms is null).
// PORTOLAN_WASM_WARMUP=N: N untimed passes first (default 1). V8 tiers wasm up in the
// background; on a loaded machine the first timed passes can still run baseline code, whereas
// the checker's worker, once it has checked a few edits, runs optimised code.
import { readFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
// playwright-core is installed for the browser tests (tests/setup.sh); reuse their launcher flags.
const require = createRequire(join(ROOT, "tests", "browser", "package.json"));
const { chromium } = require("playwright-core");
const CHROMIUM = process.env.PORTOLAN_CHROMIUM ?? "/usr/bin/chromium";
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"];

const [glue, wasm, catalog, runsArg, ...topologies] = process.argv.slice(2);
const runs = Number(runsArg);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, timeout: 60_000 });
try {
  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto("about:blank");
  // The glue by indirect eval, not a script tag: an inline script's empty `currentScript.src`
  // makes the no-modules glue throw (`new URL("", "about:blank")`).
  await page.evaluate((src) => (0, eval)(`${src}\nwindow.wasm_bindgen = wasm_bindgen;`), readFileSync(glue, "utf8"));
  await page.evaluate(async ({ wasm, catalog }) => {
    const bytes = Uint8Array.from(atob(wasm), (c) => c.charCodeAt(0));
    await wasm_bindgen({ module_or_path: bytes });
    window.bench = new wasm_bindgen.Bench(catalog);
  }, { wasm: readFileSync(wasm).toString("base64"), catalog: readFileSync(catalog, "utf8") });
  const results = [];
  for (const file of topologies) {
    const text = readFileSync(file, "utf8");
    const r = await page.evaluate(({ text, runs, checkOnly, warmup }) => {
      const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const n = s.length; return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2; };
      const pass = () => (checkOnly ? window.bench.check(text) : window.bench.run(text));
      for (let i = 0; i < warmup; i++) pass();
      const all = [];
      for (let i = 0; i < runs; i++) all.push(pass());
      const col = (k) => median(all.map((x) => x[k]));
      if (checkOnly) return { parse_ms: col(0), check_ms: col(1), emit_ms: null, total_ms: col(2), flows: all[0][3], files: 0 };
      return { parse_ms: col(0), check_ms: col(1), emit_ms: col(2), total_ms: col(3), flows: all[0][4], files: all[0][5] };
    }, { text, runs, checkOnly: process.env.PORTOLAN_WASM_CHECK_ONLY === "1", warmup: Math.max(1, Number(process.env.PORTOLAN_WASM_WARMUP ?? 1) || 1) });
    results.push({ topology: basename(file), runs, ...r });
  }
  if (problems.length) throw new Error(problems.join("\n"));
  console.log(JSON.stringify({ chromium: browser.version(), results }));
} finally {
  await browser.close();
}
