// The checker as a newcomer uses it (issue 17): views that agree with the findings, no cascaded
// warnings, completion of role, zone and host names, finding codes linked to their pages, an
// editor whose replacements can be undone, keyboard-only use, axe-core with zero violations in
// light and dark, and a phone-width page without sideways scrolling.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { browserSuite } from "./lib/index.js";
import { EXAMPLES, afterCheck, loadExample, openChecker, seq, shownCodes } from "./checker-lib.js";

const env = browserSuite();
const { dist } = env;

const openlm = readFileSync(join(EXAMPLES, "openlm.yaml"), "utf8");

/** Findings shown with `code`. */
async function findingsWith(page, code) {
  return page.locator(`#checker-findings > li[data-code="${code}"]`);
}

/** Port map chips per host: `{ host: [{ label, owner, clash, text }] }`. */
async function portMap(page) {
  return page.locator("#checker-ports > tr").evaluateAll((rows) =>
    Object.fromEntries(
      rows.map((tr) => [
        tr.querySelector("th button").textContent,
        [...tr.querySelectorAll(".ck-port")].map((li) => ({
          label: li.querySelector("a, span:not(.ck-sign):not(.vh)")?.textContent,
          owner: li.querySelector(".ck-owner")?.textContent,
          clash: li.classList.contains("ck-clash"),
          text: li.textContent,
        })),
      ]),
    ),
  );
}

describe("checker: findings and views agree", () => {
  test("the port map marks collisions exactly where P030 reports them, once per port and role, in words", async () => {
    const { page, watch } = await openChecker(env.browser, dist, env.server);
    try {
      for (const file of ["openlm.yaml", "broken.yaml", "activate.toml", "palette.yaml"]) {
        await loadExample(page, file);
        // textContent: findings scrolled out of view are not rendered (content-visibility).
        const collisions = await (await findingsWith(page, "P030-port-collision")).allTextContents();
        const map = await portMap(page);
        for (const [host, chips] of Object.entries(map)) {
          const reported = collisions.some((t) => t.includes(`on host \`${host}\``));
          assert.equal(chips.some((c) => c.clash), reported, `${file} ${host}: collision chips agree with P030`);
          const keys = chips.map((c) => `${c.label} ${c.owner}`);
          assert.equal(new Set(keys).size, keys.length, `${file} ${host}: one chip per port and role: ${keys}`);
          for (const c of chips.filter((c) => c.clash)) assert.match(c.text, /collision/, "said in words, not colour alone");
        }
        if (file === "openlm.yaml") assert.equal(collisions.length, 0, "the OpenLM example has no P030");
        if (file === "broken.yaml") assert.ok(collisions.length > 0, "broken.yaml has a P030");
      }
      assert.deepEqual(watch.problems, []);
    } finally {
      await page.close();
    }
  });

  test("a role typo gives one error, not a cascade of 'rule too wide' warnings", async () => {
    const { page } = await openChecker(env.browser, dist, env.server);
    try {
      const editor = page.locator("#checker-topology");
      await afterCheck(page, () => editor.fill(openlm));
      const wideBefore = await (await findingsWith(page, "P052-rule-too-wide")).count();
      await afterCheck(page, () => editor.fill(openlm.replace("openlm/ingress,", "openlm/ingresss,")));
      assert.equal(await (await findingsWith(page, "P010-unknown-role")).count(), 1);
      // Rules that only reach the host with the typo are not judged at all now (they may have
      // been wide before): the count may fall, it never grows.
      const wideAfter = await (await findingsWith(page, "P052-rule-too-wide")).count();
      assert.ok(wideAfter <= wideBefore, `no P052 follows from the P010 (${wideBefore} before, ${wideAfter} after)`);
    } finally {
      await page.close();
    }
  });

  test("every finding links to the page of its code", async () => {
    const { page } = await openChecker(env.browser, dist, env.server);
    try {
      await loadExample(page, "broken.yaml");
      const links = await page.locator("#checker-findings > li").evaluateAll((items) =>
        items.map((li) => [li.dataset.code, li.querySelector("a.ck-explain")?.getAttribute("href")]),
      );
      assert.ok(links.length > 10);
      for (const [code, href] of links) assert.equal(href, `findings/${code.slice(0, 4)}.html`, code);
    } finally {
      await page.close();
    }
  });
});

describe("checker: editor and keyboard", () => {
  test("completion lists role ids after `roles: [` and inserts the chosen one (listbox, aria-activedescendant)", async () => {
    const { page, watch } = await openChecker(env.browser, dist, env.server);
    try {
      const editor = page.locator("#checker-topology");
      const list = page.locator("#checker-complete");
      const start = "name: t\nzones:\n  corp: { cidrs: [10.20.0.0/16] }\nhosts:\n  cp1: { zone: corp, address: 10.20.0.10, roles: [";
      await afterCheck(page, () => editor.fill(start + "openlm/control-plane] }\n"));
      // Put the cursor after `roles: [` and type: the list opens by itself.
      await editor.evaluate((e, at) => e.setSelectionRange(at, at), start.length);
      await editor.pressSequentially("openlm/in");
      await list.waitFor({ state: "visible" });
      assert.equal(await list.getAttribute("role"), "listbox");
      const options = await list.locator('[role="option"]').allInnerTexts();
      assert.ok(options.includes("openlm/ingress"), options.join(", "));
      const active = await editor.getAttribute("aria-activedescendant");
      assert.equal(await page.locator(`#${active}`).getAttribute("aria-selected"), "true");
      // Escape closes; Ctrl+Space opens again; Enter inserts.
      await editor.press("Escape");
      await list.waitFor({ state: "hidden" });
      assert.equal(await editor.getAttribute("aria-activedescendant"), null);
      await editor.press("Control+Space");
      await list.waitFor({ state: "visible" });
      const chosen = await page.locator(`#${await editor.getAttribute("aria-activedescendant")}`).innerText();
      await afterCheck(page, () => editor.press("Enter"));
      assert.ok((await editor.inputValue()).includes(`roles: [${chosen}openlm/control-plane]`), await editor.inputValue());
      await list.waitFor({ state: "hidden" });

      // Zones and hosts come from the topology: ArrowDown moves the choice.
      // (Block style, so that the text can be read while the name is unfinished.)
      await afterCheck(page, () => editor.fill("name: t\nzones:\n  corp: { cidrs: [10.20.0.0/16] }\n  core: { cidrs: [10.30.0.0/16] }\nhosts:\n  cp1:\n    address: 10.20.0.10\n    zone: co"));
      await editor.press("End");
      await editor.press("Control+Space");
      await list.waitFor({ state: "visible" });
      assert.deepEqual(await list.locator('[role="option"]').allInnerTexts(), ["corp", "core"]);
      await editor.press("ArrowDown");
      assert.equal(await page.locator(`#${await editor.getAttribute("aria-activedescendant")}`).innerText(), "core");
      await editor.press("Enter");
      assert.ok((await editor.inputValue()).endsWith("zone: core"));
      assert.deepEqual(watch.problems, []);
    } finally {
      await page.close();
    }
  });

  test("arrow keys on the example picker do not load; Enter does, and the replaced text can be undone", async () => {
    const { page } = await openChecker(env.browser, dist, env.server);
    try {
      const editor = page.locator("#checker-topology");
      const mine = "name: mine\nzones:\n  corp: { cidrs: [10.20.0.0/16] }\n";
      await afterCheck(page, () => editor.fill(mine));
      const picker = page.locator("#checker-example");
      await picker.focus();
      const n = await seq(page);
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("ArrowDown");
      await page.waitForTimeout(300);
      assert.equal(await seq(page), n, "browsing the picker checks nothing");
      assert.equal(await editor.inputValue(), mine, "browsing the picker replaces nothing");
      const value = await picker.inputValue();
      assert.ok(value, "the picker shows the option reached");
      await afterCheck(page, () => page.keyboard.press("Enter"));
      assert.equal(await page.locator("#checker-file").innerText(), value);
      assert.equal(await editor.inputValue(), readFileSync(join(EXAMPLES, value), "utf8"));

      // The typed text is one click away.
      const bar = page.locator("#checker-undo-bar");
      assert.match(await bar.innerText(), /replaced your text/);
      await afterCheck(page, () => page.locator("#checker-undo").click());
      assert.equal(await editor.inputValue(), mine);
      assert.ok(await bar.isHidden());

      // Clear, then Ctrl+Z in the editor, brings it back too.
      await afterCheck(page, () => page.locator("#checker-clear").click());
      assert.equal(await editor.inputValue(), "");
      await afterCheck(page, () => editor.press("Control+z"));
      assert.equal(await editor.inputValue(), mine);
    } finally {
      await page.close();
    }
  });

  test("a paste over the whole text is no longer labelled with the example's file name", async () => {
    const { page } = await openChecker(env.browser, dist, env.server);
    try {
      await loadExample(page, "openlm.yaml");
      const editor = page.locator("#checker-topology");
      await editor.focus();
      await editor.press("Control+a");
      // The paste event (its default insertion is the browser's; the text is then filled in).
      await editor.evaluate((e) => e.dispatchEvent(new ClipboardEvent("paste", { bubbles: true, cancelable: true })));
      await afterCheck(page, () => editor.fill("name: pasted\nzones: {}\n"));
      assert.equal(await page.locator("#checker-file").innerText(), "pasted text");
      assert.match(await page.locator("#checker-status").innerText(), /pasted text/);
    } finally {
      await page.close();
    }
  });

  test("a `}` missing on line 12 of a JSON topology is reported on line 12", async () => {
    const { page } = await openChecker(env.browser, dist, env.server);
    try {
      const lines = ["{", '  "name": "j",', '  "zones": {', '    "corp": { "cidrs": ["10.20.0.0/16"] }', "  },", '  "hosts": {'];
      for (let i = 7; i < 12; i++) lines.push(`    "h${i}": { "zone": "corp", "address": "10.20.0.${i}" },`);
      // Line 12 lacks its `}` (and the comma): JSON finds out at line 13's first character.
      lines.push('    "h12": { "zone": "corp", "address": "10.20.0.12"', '    "h13": { "zone": "corp", "address": "10.20.0.13" }', "  }", "}", "");
      assert.equal(lines[11].startsWith('    "h12"'), true);
      await afterCheck(page, () => page.locator("#checker-topology").fill(lines.join("\n")));
      const error = page.locator('#checker-findings > li[data-code="P001-invalid-topology"]').first();
      assert.equal(await error.getAttribute("data-line"), "12", await error.innerText());
    } finally {
      await page.close();
    }
  });

  test("lines with findings are marked in the gutter, and a far column is scrolled into view", async () => {
    const { page } = await openChecker(env.browser, dist, env.server);
    try {
      const editor = page.locator("#checker-topology");
      const pad = " ".repeat(60);
      const text = `name: wide\nzones:\n  corp: { cidrs: [10.20.0.0/16] }\nhosts:\n  cp1: { zone: corp, address: 10.20.0.10,${pad}roles: [openlm/control-plne] }\n`;
      await afterCheck(page, () => editor.fill(text));
      const role = page.locator('#checker-findings > li[data-code="P010-unknown-role"]');
      const goto = await role.locator("[data-goto]").first().getAttribute("data-goto");
      assert.ok(Number(goto.split(":")[1]) > 90, goto);
      assert.deepEqual(await page.locator("#checker-gutter .ck-mark-error").allInnerTexts(), ["5"]);
      await editor.evaluate((e) => (e.style.width = "22rem"));
      await role.locator(".ck-finding-main").click();
      const view = await editor.evaluate((e) => ({ left: e.scrollLeft, width: e.clientWidth }));
      assert.ok(view.left > 0, `the editor scrolled sideways to column ${goto}: ${JSON.stringify(view)}`);
    } finally {
      await page.close();
    }
  });

  test("the port map is one Tab stop per host; arrow keys move along its ports", async () => {
    const { page } = await openChecker(env.browser, dist, env.server);
    try {
      await loadExample(page, "openlm.yaml");
      const stops = await page.locator("#checker-ports").evaluate((t) =>
        [...t.querySelectorAll("a, button")].filter((e) => e.tabIndex >= 0).length,
      );
      const hosts = await page.locator("#checker-ports > tr").count();
      assert.equal(stops, hosts);
      // The first host whose row has ports (a load balancer may have none in this variant).
      const first = page.locator("#checker-ports > tr", { has: page.locator(".ck-port") }).first();
      await first.locator("th button").focus();
      await page.keyboard.press("ArrowRight");
      assert.ok(await page.evaluate(() => document.activeElement.closest(".ck-port") !== null), "a port link has focus");
      await page.keyboard.press("Home");
      assert.ok(await page.evaluate(() => document.activeElement.matches("#checker-ports th button")));
    } finally {
      await page.close();
    }
  });

  test("keyboard only: pick an example, read a finding, jump to its line", async () => {
    const { page } = await openChecker(env.browser, dist, env.server);
    try {
      const focusBy = async (selector, limit = 80) => {
        for (let i = 0; i < limit; i++) {
          if (await page.evaluate((s) => document.activeElement?.matches(s), selector)) return;
          await page.keyboard.press("Tab");
        }
        throw new Error(`Tab never reached ${selector}`);
      };
      await focusBy("#checker-example");
      const options = await page.locator("#checker-example option").evaluateAll((o) => o.map((x) => x.value));
      const broken = options.indexOf("broken.yaml");
      for (let i = 0; i < broken; i++) await page.keyboard.press("ArrowDown");
      await afterCheck(page, () => page.keyboard.press("Enter"));
      assert.equal(await page.locator("#checker-file").innerText(), "broken.yaml");
      await focusBy("#checker-findings .ck-finding-main");
      const line = Number(await page.evaluate(() => document.activeElement.closest("li").dataset.line));
      await page.keyboard.press("Enter");
      const caret = await page.locator("#checker-topology").evaluate((e) => ({
        focused: document.activeElement === e,
        line: e.value.slice(0, e.selectionStart).split("\n").length,
      }));
      assert.deepEqual(caret, { focused: true, line });
      assert.ok(line > 0);
    } finally {
      await page.close();
    }
  });
});

describe("checker: accessibility and phone", () => {
  const axeSource = (() => {
    try {
      return readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
    } catch {
      return null;
    }
  })();

  for (const colorScheme of ["light", "dark"]) {
    test(`axe-core finds no violations (${colorScheme})`, { skip: axeSource ? false : "axe-core is not installed (npm ci in tests/browser)" }, async () => {
      // The page's CSP allows only its own scripts; axe is injected around it.
      const context = await env.browser.newContext({ bypassCSP: true, colorScheme });
      try {
        const { page } = await openChecker(context, dist, env.server);
        await loadExample(page, "broken.yaml");
        await page.addScriptTag({ content: axeSource });
        const result = await page.evaluate(async () => {
          const r = await window.axe.run(document, { resultTypes: ["violations"] });
          return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
        });
        assert.deepEqual(result, []);
      } finally {
        await context.close();
      }
    });
  }

  test("every landmark of the checker has a name of its own", async () => {
    const { page } = await openChecker(env.browser, dist, env.server);
    try {
      const landmarks = await page.locator("#checker-root").evaluate((root) =>
        [...root.querySelectorAll("section, aside, nav, form, [role=region]")].map((e) => {
          const by = e.getAttribute("aria-labelledby");
          return (e.getAttribute("aria-label") || (by && document.getElementById(by)?.textContent) || "").trim();
        }),
      );
      assert.ok(landmarks.length >= 5);
      assert.ok(landmarks.every((n) => n), `unnamed: ${JSON.stringify(landmarks)}`);
      assert.equal(new Set(landmarks).size, landmarks.length, `repeated: ${JSON.stringify(landmarks)}`);
    } finally {
      await page.close();
    }
  });

  test("at 390 px wide the page does not scroll sideways", async () => {
    const { page } = await openChecker(env.browser, dist, env.server, { viewport: { width: 390, height: 844 } });
    try {
      for (const file of ["openlm.yaml", "broken.yaml"]) {
        await loadExample(page, file);
        const width = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(width <= 390, `${file}: the page is ${width} px wide`);
      }
      assert.ok((await shownCodes(page)).length > 0);
    } finally {
      await page.close();
    }
  });
});
