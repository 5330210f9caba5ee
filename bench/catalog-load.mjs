// How long Chromium takes to load and run a site's assets/catalog.js (parse, and for the packed
// script its expansion) until window.PORTOLAN_CATALOG is set, from file:// as the checker page
// and the offline bundle load it. Usage (from the repository root):
//   node bench/catalog-load.mjs [runs] SCRIPT...
// Each run is a fresh page; prints the median and the range per script, in milliseconds.
import { createRequire } from "node:module";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const require = createRequire(resolve("tests/browser/package.json"));
const { chromium } = require("playwright-core");

const args = process.argv.slice(2);
const runs = /^\d+$/.test(args[0] ?? "") ? Number(args.shift()) : 5;
const dir = mkdtempSync(join(tmpdir(), "catalog-load-"));
const browser = await chromium.launch({
  executablePath: process.env.PORTOLAN_CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files"],
});
try {
  for (const script of args) {
    const page = join(dir, "page.html");
    // The global is read at once, as the checker does: the time covers the whole expansion.
    writeFileSync(page, `<!doctype html><meta charset="utf-8"><script>
      window.t0 = performance.now();
      var s = document.createElement('script');
      s.src = ${JSON.stringify(pathToFileURL(resolve(script)).href)};
      s.onload = function () {
        var rows = 0;
        window.PORTOLAN_CATALOG.platforms.forEach(function (p) { rows += p.requirements.length; });
        window.done = { ms: performance.now() - window.t0, rows: rows };
      };
      document.head.appendChild(s);
    </script>`);
    const times = [];
    let rows = 0;
    for (let i = 0; i < runs; i++) {
      const tab = await browser.newPage();
      await tab.goto(pathToFileURL(page).href, { waitUntil: "commit" });
      const done = await tab.waitForFunction(() => window.done, null, { timeout: 600_000, polling: 100 });
      const { ms, rows: n } = await done.jsonValue();
      times.push(ms);
      rows = n;
      await tab.close();
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    console.log(`${script}: ${statSync(script).size} bytes, ${rows} rows: median ${median.toFixed(0)} ms (${times[0].toFixed(0)}–${times[times.length - 1].toFixed(0)} ms, ${runs} runs)`);
  }
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
