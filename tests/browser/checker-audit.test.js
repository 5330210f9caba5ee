// The checker page's host files (issue 14): rulesets and socket lists beside the topology, each
// in its own tab with line numbers, host, kind and format; their findings open their file:line;
// damaged input gives a located finding, not a dead page; the explain form answers as
// `portolan explain` does. Over file:// (the page must work from a saved copy) and http.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { browserSuite } from "./lib/index.js";
import { ROOT, afterCheck, expectedCodes, loadExample, openChecker, portolan, seq, shownCodes } from "./checker-lib.js";

const env = browserSuite();
const { dist } = env;
const FIXTURES = join(ROOT, "core", "tests", "fixtures", "audit");
const CP1_NFT = readFileSync(join(FIXTURES, "openlm", "cp1.nft"), "utf8");
const CP1_SS = readFileSync(join(FIXTURES, "cp1.ss"), "utf8");

/** Adds host files through the "Add host files…" input and waits for the check. */
async function addFiles(page, files) {
  await afterCheck(page, () =>
    page.setInputFiles("#checker-add-file", files.map(([name, text]) => ({ name, mimeType: "text/plain", buffer: Buffer.from(text) }))),
  );
}

/** Asks the explain form; returns the verdict and the first rule's `file:line`. */
async function ask(page, from, to, port) {
  await page.fill("#checker-explain-from", from);
  await page.fill("#checker-explain-to", to);
  await page.fill("#checker-explain-port", port);
  await page.locator("#checker-explain button[type=submit]").click();
  await page.waitForFunction(() => document.querySelector("#checker-explain-out").getAttribute("aria-busy") === "false");
  const out = page.locator("#checker-explain-out");
  const rule = out.locator("button[data-goto]").first();
  // A rule of the topology's own `policy:` names no file: it is the topology's.
  const file = async () => (await rule.getAttribute("data-file")) ?? (await page.locator("#checker-file").innerText());
  const at = (await rule.count()) ? `${await file()}:${(await rule.getAttribute("data-goto")).split(":")[0]}` : "";
  return { verdict: await out.getAttribute("data-verdict"), at };
}

/** The `file:line` of the rule `portolan explain` names first (the path's last part). */
function explainedAt(cliText) {
  const m = /at (?:\S*\/)?([^/\s:]+):(\d+):\d+/.exec(cliText);
  return m ? `${m[1]}:${m[2]}` : "";
}

/** `portolan explain openlm.yaml` of node2 → cp1 on 6443/tcp, with `args`. */
function explainCli(args) {
  try {
    return portolan(["explain", "openlm.yaml", "--from", "node2", "--to", "cp1", "--port", "6443/tcp", ...args], { dist });
  } catch (e) {
    return e.stdout.toString(); // exit 1: denied
  }
}

/** `checker-audit.js`, the host-file readers the page loads on demand. */
const isReaders = (url) => /\/assets\/checker-audit\.js$/.test(url);

/** The tabs' labels (their first text: the file name, or "Topology"). */
async function tabNames(page) {
  return page.locator("#checker-tabs [role=tab]").evaluateAll((els) => els.map((e) => e.firstChild.textContent.trim()));
}

/** The line (1-based) the host file editor's selection starts on, and that line's text. */
async function selectedLine(page) {
  return page.locator("#checker-import-text").evaluate((e) => {
    const line = e.value.slice(0, e.selectionStart).split("\n").length;
    return { line, text: e.value.split("\n")[line - 1], focused: document.activeElement === e };
  });
}

for (const via of ["file", "http"]) {
  describe(`host files on the checker page (${via})`, () => {
    const srv = () => (via === "http" ? env.server : undefined);

    // The TOML reader is the on-demand module's too (about 20 KB of the page's transfer, BENCHMARKS.md).
    test("a TOML topology loads the on-demand module once, whose engine checks it", async () => {
      const { page, watch } = await openChecker(env.browser, dist, srv());
      try {
        assert.deepEqual(watch.requests.filter(isReaders), [], "not loaded with the page");
        await loadExample(page, "palette.yaml");
        assert.deepEqual(watch.requests.filter(isReaders), [], "not loaded for YAML");
        await loadExample(page, "activate.toml");
        assert.deepEqual(await shownCodes(page), expectedCodes()["activate.toml"]);
        await loadExample(page, "palette.yaml");
        await loadExample(page, "activate.toml");
        assert.deepEqual(await shownCodes(page), expectedCodes()["activate.toml"]);
        assert.equal(watch.requests.filter(isReaders).length, 1, "loaded once");
        assert.deepEqual(watch.problems, []);
      } finally {
        await page.close();
      }
    });

    test("the host-file readers are loaded once, with the first host file, and answer what was asked while they loaded", async () => {
      const { page, watch } = await openChecker(env.browser, dist, srv());
      try {
        if (via === "http") {
          // Held back a little, so the question below is surely asked while they load (file://
          // cannot be routed; there it is asked as soon as the file is added).
          await page.route("**/assets/checker-audit.js", async (route) => {
            await new Promise((r) => setTimeout(r, 800));
            await route.continue();
          });
        }
        await loadExample(page, "openlm.yaml");
        await page.waitForTimeout(200);
        assert.deepEqual(watch.requests.filter(isReaders), [], "not loaded with the page");
        const atLoad = watch.requests.length;
        // A ruleset added, and the same question asked before its check is answered: both are
        // answered by the module with the readers, as `portolan explain --rules` answers.
        const rules = `cp1=${join(FIXTURES, "openlm", "cp1.nft")}`;
        const before = await seq(page);
        const loading = page.waitForRequest((r) => isReaders(r.url()));
        await page.setInputFiles("#checker-add-file", [{ name: "cp1.nft", mimeType: "text/plain", buffer: Buffer.from(CP1_NFT) }]);
        await loading;
        const audited = await ask(page, "node2", "cp1", "6443/tcp");
        assert.ok((await seq(page)) > before, "the check with the ruleset was answered");
        assert.equal(audited.verdict, "allowed");
        assert.equal(audited.at, explainedAt(explainCli(["--rules", rules])));
        assert.match(audited.at, /^cp1\.nft:/);
        const json = portolan(["check", "openlm.yaml", "--rules", rules, "--format", "json"], { dist }).toString();
        const codes = [...new Set(JSON.parse(json).findings.map((f) => f.code))].sort();
        const shown = [...new Set(await page.locator("#checker-findings > li").evaluateAll((els) => els.map((e) => e.dataset.code)))].sort();
        assert.deepEqual(shown, codes);
        // More host files, checks and questions: nothing more is fetched.
        await addFiles(page, [["node2.ss", CP1_SS]]);
        await page.locator("#checker-tabs [data-tab='1']").click();
        await afterCheck(page, () => page.selectOption("#checker-import-format", "iptables"));
        await ask(page, "dmz", "cp1", "22/tcp");
        await page.waitForTimeout(300);
        const after = watch.requests.slice(atLoad).filter((u) => !/^(blob|data):/.test(u));
        assert.equal(after.length, 1, `one request after load: ${after.join(", ")}`);
        assert.ok(isReaders(after[0]), after[0]);
        assert.equal(await page.locator(".checker-error").count(), 0);
        assert.deepEqual(watch.problems, []);
      } finally {
        await page.close();
      }
    });

    test("the first question to explain loads the readers once, and is answered by the topology's policy", async () => {
      const { page, watch } = await openChecker(env.browser, dist, srv());
      try {
        await loadExample(page, "openlm.yaml");
        await page.waitForTimeout(200);
        const atLoad = watch.requests.length;
        const alone = await ask(page, "node2", "cp1", "6443/tcp");
        assert.equal(alone.verdict, "allowed");
        assert.equal(alone.at, explainedAt(explainCli([])));
        assert.match(alone.at, /^openlm\.yaml:/);
        // A ruleset added afterwards: the answer follows it, with nothing more fetched.
        await addFiles(page, [["cp1.nft", CP1_NFT]]);
        await page.waitForFunction(() => document.querySelector("#checker-explain-out button[data-file='cp1.nft']"));
        assert.equal((await ask(page, "node2", "cp1", "6443/tcp")).at, explainedAt(explainCli(["--rules", `cp1=${join(FIXTURES, "openlm", "cp1.nft")}`])));
        await page.waitForTimeout(300);
        const after = watch.requests.slice(atLoad).filter((u) => !/^(blob|data):/.test(u));
        assert.equal(after.length, 1, `one request after load: ${after.join(", ")}`);
        assert.ok(isReaders(after[0]), after[0]);
        assert.deepEqual(watch.problems, []);
      } finally {
        await page.close();
      }
    });

    test("an added ruleset gets a tab with its host, kind, format and line numbers, and is audited", async () => {
      const { page, watch } = await openChecker(env.browser, dist, srv());
      try {
        await loadExample(page, "openlm.yaml");
        await addFiles(page, [["cp1.nft", CP1_NFT]]);
        assert.deepEqual(await tabNames(page), ["Topology", "cp1.nft"]);
        assert.equal(await page.locator("#checker-tabs [data-tab='1']").getAttribute("aria-selected"), "true");
        assert.equal(await page.locator("#checker-topology-panel").isHidden(), true);
        assert.equal(await page.locator("#checker-import-panel").isVisible(), true);
        assert.equal(await page.locator("#checker-import-host").inputValue(), "cp1");
        assert.equal(await page.locator("#checker-import-kind").inputValue(), "rules");
        assert.match(await page.locator("#checker-import-detected").innerText(), /^nft · /);
        assert.equal(await page.locator("#checker-import-text").inputValue(), CP1_NFT);
        const lines = CP1_NFT.split("\n").length;
        const gutter = await page.locator("#checker-import-gutter").innerText();
        assert.equal(gutter.trim().split("\n").length, lines, "one number a line");
        // Audited with the topology's policy: the page says so where `portolan check` does.
        const cli = portolan(["check", "openlm.yaml", "--rules", `cp1=${join(FIXTURES, "openlm", "cp1.nft")}`, "--format", "json"], { dist }).toString();
        const codes = [...new Set(JSON.parse(cli).findings.map((f) => f.code))].sort();
        const shown = [...new Set(await page.locator("#checker-findings > li").evaluateAll((els) => els.map((e) => e.dataset.code)))].sort();
        assert.deepEqual(shown, codes);
        // Forcing the format re-reads it as that format (iptables cannot read nft: a located finding).
        await afterCheck(page, () => page.selectOption("#checker-import-format", "iptables"));
        assert.match(await page.locator("#checker-import-detected").innerText(), /^iptables · /);
        assert.ok((await page.locator("#checker-findings > li[data-code='P060-import-unreadable']").count()) > 0);
        assert.deepEqual(watch.problems, []);
      } finally {
        await page.close();
      }
    });
  });
}

describe("host files on the checker page (file)", () => {
  test("a damaged ruleset gives findings at its file:line, and clicking one opens the tab and selects the line", async () => {
    const { page, watch } = await openChecker(env.browser, dist);
    try {
      await loadExample(page, "openlm.yaml");
      const damaged = "*filter\n:INPUT DROP [0:0]\n-A INPUT -p tcp --dport 22 -j ACCEPT\n-A INPUT -p tcp --dport\n-A INPUT --frobnicate 7 -j ACCEPT\n";
      await addFiles(page, [["cp1.iptables", damaged], ["node2.ss", CP1_SS]]);
      assert.deepEqual(await tabNames(page), ["Topology", "cp1.iptables", "node2.ss"]);
      // The socket list was told from a ruleset, and its host from its name.
      assert.equal(await page.locator("#checker-import-kind").inputValue(), "listening");
      assert.equal(await page.locator("#checker-import-host").inputValue(), "node2");
      // Back on the topology's tab: a finding in the ruleset names its file and line.
      await page.locator("#checker-tabs [data-tab='0']").click();
      const inFile = page.locator("#checker-findings > li button[data-file='cp1.iptables']").first();
      await inFile.waitFor();
      const [line] = (await inFile.getAttribute("data-goto")).split(":").map(Number);
      assert.match(await inFile.innerText(), new RegExp(`cp1\\.iptables line ${line}, col`));
      await inFile.click();
      assert.equal(await page.locator("#checker-tabs [data-tab='1']").getAttribute("aria-selected"), "true");
      const selected = await selectedLine(page);
      assert.equal(selected.line, line);
      assert.equal(selected.text, damaged.split("\n")[line - 1]);
      assert.ok(selected.focused, "the file's editor has the focus");
      // Its gutter marks the line.
      const marked = await page.locator("#checker-import-gutter .ck-mark-error, #checker-import-gutter .ck-mark-warning").allInnerTexts();
      assert.ok(marked.map(Number).includes(line), `gutter marks ${marked} include ${line}`);
      // Everything else is still checked: the topology's own findings are there too.
      assert.ok((await page.locator("#checker-findings > li:not(:has(button[data-file]))").count()) > 0);
      // A topology finding still goes back to the topology's editor.
      const own = page.locator("#checker-findings > li button.ck-finding-main:not([data-file])[data-goto]").first();
      await own.click();
      assert.equal(await page.locator("#checker-topology-panel").isVisible(), true);
      assert.equal(await page.evaluate(() => document.activeElement.id), "checker-topology");
      assert.deepEqual(watch.problems, []);
    } finally {
      await page.close();
    }
  });

  test("the tabs follow ArrowLeft, ArrowRight, Home and End, and keep the focus", async () => {
    const { page } = await openChecker(env.browser, dist);
    try {
      await loadExample(page, "openlm.yaml");
      await addFiles(page, [["cp1.nft", CP1_NFT], ["node2.ss", CP1_SS]]);
      await page.locator("#checker-tabs [data-tab='0']").click();
      for (const [key, tab] of [["ArrowRight", "1"], ["End", "2"], ["ArrowRight", "0"], ["ArrowLeft", "2"], ["Home", "0"]]) {
        await page.keyboard.press(key);
        await page.waitForFunction((t) => document.activeElement?.dataset?.tab === t, tab);
        assert.equal(await page.locator(`#checker-tabs [data-tab='${tab}']`).getAttribute("aria-selected"), "true", key);
        assert.equal(await page.locator("#checker-import-panel").isVisible(), tab !== "0", key);
      }
    } finally {
      await page.close();
    }
  });

  test("a pasted file gets a tab, is told to be a socket list, and removing it leaves the topology alone", async () => {
    const { page } = await openChecker(env.browser, dist);
    try {
      await loadExample(page, "openlm.yaml");
      const before = await page.locator("#checker-status").getAttribute("data-errors");
      // The first host file has the page load its readers: wait for the check that follows.
      await afterCheck(page, () => page.locator("#checker-new-file").click());
      assert.deepEqual(await tabNames(page), ["Topology", "host-file.txt"]);
      assert.equal(await page.evaluate(() => document.activeElement.id), "checker-import-text");
      await afterCheck(page, () => page.locator("#checker-import-text").fill(CP1_SS));
      assert.equal(await page.locator("#checker-import-kind").inputValue(), "listening");
      assert.match(await page.locator("#checker-import-detected").innerText(), /^ss · /);
      // Garbage in a ruleset is a located note, not a dead page.
      await afterCheck(page, () => page.selectOption("#checker-import-kind", "rules"));
      await afterCheck(page, () => page.locator("#checker-import-text").fill("{ this is not a ruleset\n"));
      const unreadable = page.locator("#checker-findings > li[data-code='P060-import-unreadable'] button[data-file='host-file.txt']");
      assert.ok((await unreadable.count()) > 0, "P060 located in the pasted file");
      assert.equal(await page.locator(".checker-error").count(), 0, "no crash alert");
      await afterCheck(page, () => page.locator("#checker-import-remove").click());
      assert.deepEqual(await tabNames(page), ["Topology"]);
      assert.equal(await page.locator("#checker-topology-panel").isVisible(), true);
      assert.equal(await page.locator("#checker-status").getAttribute("data-errors"), before);
    } finally {
      await page.close();
    }
  });

  test("over http: host-file readers that cannot be loaded are said on the page, and the topology is still checked", async () => {
    const { page, watch } = await openChecker(env.browser, dist, env.server);
    try {
      await page.route("**/assets/checker-audit.js", (route) => route.abort());
      await loadExample(page, "openlm.yaml");
      await page.setInputFiles("#checker-add-file", [{ name: "cp1.nft", mimeType: "text/plain", buffer: Buffer.from(CP1_NFT) }]);
      const alert = page.locator("#checker-root .checker-error[role=alert]");
      await alert.waitFor({ timeout: 30_000 });
      assert.match(await alert.innerText(), /could not load its rule generators, host-file readers, TOML reader and explain \(assets\/checker-audit\.js\)/);
      assert.deepEqual(watch.problems.filter((p) => !/checker-audit\.js/.test(p)), []);
      // Without the host file, checks go on as before, on the page's own module.
      await afterCheck(page, () => page.locator("#checker-import-remove").click());
      assert.deepEqual(await tabNames(page), ["Topology"]);
      await loadExample(page, "broken.yaml");
      assert.ok((await page.locator("#checker-findings > li").count()) > 0);
      assert.equal(await page.locator("#checker-file").innerText(), "broken.yaml");
    } finally {
      await page.close();
    }
  });

  test("host files are kept in this browser, and never put in the share link", async () => {
    const context = await env.browser.newContext();
    try {
      const { page } = await openChecker(context, dist);
      await loadExample(page, "openlm.yaml");
      await addFiles(page, [["cp1.nft", CP1_NFT]]);
      await page.waitForFunction(() => location.hash.length > 1);
      const hash = await page.evaluate(() => location.hash);
      assert.ok(!hash.includes("cp1.nft"), "the link does not name the file");
      await page.reload({ waitUntil: "load" });
      await page.waitForFunction(() => Number(document.querySelector("#checker-status")?.dataset.seq) >= 1);
      assert.deepEqual(await tabNames(page), ["Topology", "cp1.nft"]);
      await page.locator("#checker-tabs [data-tab='1']").click();
      assert.equal(await page.locator("#checker-import-text").inputValue(), CP1_NFT);
      // Someone else's link (another topology) opens without this browser's host files.
      const other = await openChecker(env.browser, dist);
      const first = await other.page.evaluate(() => location.hash);
      await loadExample(other.page, "activate.toml");
      await other.page.waitForFunction((h) => location.hash.length > 1 && location.hash !== h, first);
      const link = await other.page.evaluate(() => location.hash);
      await other.page.close();
      const opened = await openChecker(context, dist, undefined, { hash: link });
      assert.equal(await opened.page.locator("#checker-file").innerText(), "activate.toml");
      assert.deepEqual(await tabNames(opened.page), ["Topology"]);
    } finally {
      await context.close();
    }
  });

  test("the explain form answers as `portolan explain` does, and its rule opens file:line", async () => {
    const { page, watch } = await openChecker(env.browser, dist);
    try {
      await loadExample(page, "openlm.yaml");
      await addFiles(page, [["cp1.nft", CP1_NFT]]);
      const ask = async (from, to, port) => {
        await page.fill("#checker-explain-from", from);
        await page.fill("#checker-explain-to", to);
        await page.fill("#checker-explain-port", port);
        await page.locator("#checker-explain button[type=submit]").click();
        await page.waitForFunction(() => document.querySelector("#checker-explain-out").getAttribute("aria-busy") === "false");
        return page.locator("#checker-explain-out").getAttribute("data-verdict");
      };
      const cli = (from, to, port) => {
        try {
          return portolan(["explain", "openlm.yaml", "--from", from, "--to", to, "--port", port, "--rules", `cp1=${join(FIXTURES, "openlm", "cp1.nft")}`], { dist });
        } catch (e) {
          return e.stdout.toString(); // exit 1: denied
        }
      };
      assert.equal(await ask("node2", "cp1", "6443/tcp"), "allowed");
      assert.match(cli("node2", "cp1", "6443/tcp"), /: allowed/);
      const rule = page.locator("#checker-explain-out button[data-file='cp1.nft']").first();
      const [line] = (await rule.getAttribute("data-goto")).split(":").map(Number);
      assert.match(cli("node2", "cp1", "6443/tcp"), new RegExp(`cp1\\.nft:${line}:`));
      // The requirements behind it link their rows on the site.
      assert.ok((await page.locator("#checker-explain-out .ck-reqs a[href*='platforms/openlm.html#']").count()) > 0);
      await rule.click();
      const selected = await selectedLine(page);
      assert.equal(selected.line, line);
      assert.match(selected.text, /dport 6443/);
      // Denied: nothing lets the DMZ reach cp1's SSH.
      assert.equal(await ask("dmz", "cp1", "22/tcp"), "denied");
      assert.match(cli("dmz", "cp1", "22/tcp"), /: denied/);
      // A question with no answer says what was expected.
      assert.equal(await ask("nowhere", "cp1", "22/tcp"), "invalid");
      assert.match(await page.locator("#checker-explain-out .ck-explain-problem").innerText(), /`nowhere` is neither a host, a zone nor an address/);
      assert.equal(await ask("cp1", "infra", "http"), "invalid");
      assert.match(await page.locator("#checker-explain-out").innerText(), /expected a port and transport such as 443\/tcp/);
      assert.deepEqual(watch.problems, []);
    } finally {
      await page.close();
    }
  });
});
