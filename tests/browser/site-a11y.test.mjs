// Accessibility and phone width of the reference site (not the checker: checker.test.js has
// its own): axe-core, injected from node_modules, reports zero violations on every page type,
// in light and dark; the home search dropdown is a combobox that says what it found; at
// 390×844 the sticky header stays short and no page scrolls sideways; copy buttons announce.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { browserSuite } from "./lib/index.js";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
const env = browserSuite({ serve: false });
const { dist } = env;

const pick = (dir, test) => readdirSync(join(dist, dir)).filter(test).sort()[0];
const PAGES = {
  home: "index.html",
  platform: "platforms/openlm.html",
  "another platform": `platforms/${pick("platforms", (f) => f.endsWith(".html"))}`,
  port: "ports/8443.html",
  range: `ports/${pick("ports", (f) => /^\d+-\d+\.html$/.test(f))}`,
  ports: "ports/index.html",
  service: "services/postgresql.html",
  services: "services/index.html",
  conflicts: "conflicts.html",
  search: "search.html?q=postgres",
  "not found": "404.html",
  finding: "findings/P050.html",
  findings: "findings/index.html",
};

async function open(page, { colorScheme = "light", width = 1280, height = 900 } = {}) {
  return (await env.open("file", page, { viewport: { width, height }, colorScheme })).tab;
}

/** axe's violations on the page as it is now, one line each. */
async function violations(tab) {
  await tab.addScriptTag({ path: AXE });
  const found = await tab.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(" ")}: ${n.failureSummary.replace(/\s+/g, " ")}`),
    }));
  });
  return found.map((v) => `${v.impact} ${v.id} (${v.help}):\n    ${v.nodes.join("\n    ")}`);
}

for (const colorScheme of ["light", "dark"]) {
  describe(`axe, ${colorScheme}`, () => {
    for (const [kind, page] of Object.entries(PAGES)) {
      test(`${kind} (${page}) has no violations`, async () => {
        const tab = await open(page, { colorScheme });
        try {
          const found = await violations(tab);
          assert.deepEqual(found, [], found.join("\n"));
        } finally {
          await tab.close();
        }
      });
    }
    test("home with the search dropdown open has no violations", async () => {
      const tab = await open("index.html", { colorScheme });
      try {
        await tab.fill("#q", "8443");
        await tab.locator("#q-results [role=option]").first().waitFor({ state: "visible" });
        const found = await violations(tab);
        assert.deepEqual(found, [], found.join("\n"));
      } finally {
        await tab.close();
      }
    });
  });
}

describe("search dropdown", () => {
  test("is a combobox whose listbox has options, says how many, and expands", async () => {
    const tab = await open("index.html");
    try {
      const input = tab.locator("#q");
      assert.equal(await input.getAttribute("role"), "combobox");
      assert.equal(await input.getAttribute("aria-expanded"), "false");
      await input.fill("8443");
      const options = tab.locator("#q-results [role=option]");
      await options.first().waitFor({ state: "visible" });
      assert.equal(await input.getAttribute("aria-expanded"), "true");
      assert.ok((await options.count()) > 0);
      const status = (await tab.locator("#q-status").textContent()) ?? "";
      assert.match(status, /^\d+ results?/, status);
      await input.press("ArrowDown");
      const first = await options.first().getAttribute("id");
      assert.equal(await input.getAttribute("aria-activedescendant"), first);
      assert.equal(await options.first().getAttribute("aria-selected"), "true");
      assert.ok(await input.evaluate((e) => document.activeElement === e), "focus stays in the box");
      await input.press("Escape");
      assert.equal(await input.getAttribute("aria-expanded"), "false");
      await input.fill("zzzzqqq");
      await tab.waitForFunction(() => /Nothing found/.test(document.getElementById("q-status")?.textContent ?? ""));
      await input.fill("8443");
      await options.first().waitFor({ state: "visible" });
      await input.press("ArrowDown");
      const href = await options.first().getAttribute("href");
      await Promise.all([tab.waitForURL((u) => u.href.endsWith(href.replace(/^(\.\.\/)+/, ""))), input.press("Enter")]);
    } finally {
      await tab.close();
    }
  });
});

describe("phone width (390×844)", () => {
  for (const [kind, page] of Object.entries(PAGES)) {
    test(`${kind}: header at most 100 px and no sideways scroll`, async () => {
      const tab = await open(page, { width: 390, height: 844 });
      try {
        const header = await tab.locator("header.top").boundingBox();
        assert.ok(header && header.height <= 100, `header is ${header?.height} px tall`);
        const wide = await tab.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(wide <= 390, `the page is ${wide} px wide`);
      } finally {
        await tab.close();
      }
    });
  }
  test("platform glance keeps a readable purpose column", async () => {
    const tab = await open("platforms/openlm.html", { width: 390, height: 844 });
    try {
      const cell = await tab.locator("#g-ext tbody tr:first-child td:nth-child(3)").boundingBox();
      assert.ok(cell && cell.width >= 150, `purpose column is ${cell?.width} px wide`);
    } finally {
      await tab.close();
    }
  });
});

describe("copy buttons", () => {
  test("copy a role id by keyboard and announce it", async () => {
    const tab = await open("platforms/openlm.html");
    try {
      const button = tab.locator('button[data-copy="openlm/ingress"]');
      await button.focus();
      await tab.keyboard.press("Enter");
      await tab.waitForFunction(() => /Copied openlm\/ingress/.test(document.querySelector("[data-copy-status]")?.textContent ?? ""));
      assert.equal(await button.getAttribute("data-copied"), "yes");
    } finally {
      await tab.close();
    }
  });
});
