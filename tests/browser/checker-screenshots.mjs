// Screenshots of the checker page for a human to look at: desktop and phone widths, light and
// dark, from file://. `node checker-screenshots.mjs [example]` writes target/screenshots/*.png.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { distDir, launchChromium } from "./lib/index.js";
import { ROOT, loadExample, openChecker } from "./checker-lib.js";

const dist = distDir();
const example = process.argv[2] ?? "broken.yaml";
const out = join(ROOT, "target", "screenshots");
mkdirSync(out, { recursive: true });
const browser = await launchChromium();
try {
  for (const [name, viewport] of [["desktop", { width: 1366, height: 900 }], ["phone", { width: 390, height: 844 }]]) {
    for (const scheme of ["light", "dark"]) {
      const context = await browser.newContext({ viewport, colorScheme: scheme, deviceScaleFactor: 1 });
      const { page } = await openChecker(context, dist, undefined);
      await loadExample(page, example);
      const file = join(out, `checker-${name}-${scheme}.png`);
      await page.screenshot({ path: file, fullPage: process.env.FULL === "1" });
      if (process.env.FULL !== "1") {
        await page.locator("#checker-summary-h").scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(out, `checker-${name}-${scheme}-lower.png`) });
        await page.locator("#checker-rules-h").scrollIntoViewIfNeeded();
        await page.screenshot({ path: join(out, `checker-${name}-${scheme}-rules.png`) });
      }
      console.log(file);
      await context.close();
    }
  }
} finally {
  await browser.close();
}
