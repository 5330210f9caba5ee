// The reference site in headless Chromium, over http://127.0.0.1 and straight from disk
// (file://), and the offline bundle extracted: every page type renders with no script error and
// no request leaving the site, links lead where they say, search finds 8443 and PostgreSQL and
// ranks ports (exact, services, ranges), and the downloads are made in the page.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { browserSuite } from "./lib/index.js";

const env = browserSuite();
const { dist } = env;

const pick = (dir, test) => readdirSync(join(dist, dir)).filter(test).sort()[0];
const PAGES = {
  home: "index.html",
  platform: `platforms/${pick("platforms", (f) => f.endsWith(".html"))}`,
  port: "ports/8443.html",
  range: `ports/${pick("ports", (f) => /^\d+-\d+\.html$/.test(f))}`,
  "port index": "ports/index.html",
  service: "services/postgresql.html",
  "service index": "services/index.html",
  conflicts: "conflicts.html",
  checker: "checker.html",
  search: "search.html",
  "not found": "404.html",
};

const open = (via, page, base = dist) => env.open(via, page, { base });

async function search(tab, query) {
  await tab.fill("#q", query);
  const results = tab.locator("form.search .results a");
  await results.first().waitFor({ state: "visible", timeout: 10_000 });
  return (await results.allInnerTexts()).map((t) => t.replace(/\s+/g, " "));
}

for (const via of ["http", "file"]) {
  describe(`site over ${via}`, () => {
    for (const [kind, page] of Object.entries(PAGES)) {
      test(`${kind} page renders (${page})`, async () => {
        assert.ok(existsSync(join(dist, page)), `${page} is missing from ${dist}`);
        const { tab, watch } = await open(via, page);
        try {
          const h1 = (await tab.locator("main h1").first().innerText()).trim();
          assert.ok(h1.length > 0, "the page has a heading");
          // Every page shares one site stylesheet; the checker page adds its own on top.
          assert.equal(await tab.locator('link[rel=stylesheet][href$="assets/site.css"]').count(), 1);
          assert.equal(await tab.locator("link[rel=stylesheet]").count(), kind === "checker" ? 2 : 1);
          const background = await tab.evaluate(() => getComputedStyle(document.body).backgroundColor);
          assert.notEqual(background, "rgba(0, 0, 0, 0)", "the stylesheet loaded");
          if (kind === "checker") assert.equal(await tab.locator("#checker-root").count(), 1);
          if (kind === "platform") assert.equal(await tab.locator("svg.flow").count(), 1);
          assert.deepEqual(watch.problems, []);
        } finally {
          await tab.close();
        }
      });
    }

    test("links lead from home to a platform, a port and back to the document row", async () => {
      const { tab, watch } = await open(via, "index.html");
      try {
        await tab.locator(".cards .card h3 a").first().click();
        await tab.waitForURL(/platforms\/[^/]+\.html$/);
        await tab.locator(".doc a.port").first().click();
        await tab.waitForURL(/ports\/[\d-]+\.html$/);
        // Port pages list compact references: the platform links to the row in its document.
        const row = tab.locator('table.reqs tbody a[href*="#r-"]').first();
        const href = await row.getAttribute("href");
        await row.click();
        await tab.waitForURL(/platforms\/[^/]+\.html#r-[a-z0-9][a-z0-9-]*/);
        const anchor = href.split("#")[1];
        assert.equal(await tab.locator(`[id="${anchor}"]`).count(), 1, `the row #${anchor} exists`);
        assert.deepEqual(watch.problems, []);
      } finally {
        await tab.close();
      }
    });

    // Issue 15: the document's "Reads as" cells and the asides after its paragraphs are words
    // ("TCP, inbound, required"); the script makes the badges, keeping a condition's title.
    test("a platform document's fact words become badges, conditions kept", async () => {
      const page = `platforms/${pick("platforms", (f) => readFileSync(join(dist, "platforms", f), "utf8").includes("bn-conditional"))}`;
      const { tab, watch } = await open(via, page);
      try {
        const facts = await tab.evaluate(() =>
          Array.from(document.querySelectorAll("table.rf td:last-child, span.facts")).map((cell) => ({
            loose: Array.from(cell.childNodes).filter((n) => n.nodeType === 3 && n.data.trim()).length,
            badges: Array.from(cell.querySelectorAll(".badges b")).map((b) => [b.className, b.textContent, b.title]),
          })),
        );
        assert.ok(facts.length > 0, `${page} has facts`);
        for (const f of facts) {
          assert.equal(f.loose, 0, "no word is left outside a badge");
          assert.ok(f.badges.length > 0, "every row has at least its transport");
          assert.equal(f.badges[0][0], "bt", "the transport comes first");
          for (const [cls, text] of f.badges) assert.ok(cls && !/[(),]/.test(text), `badge ${cls} "${text}"`);
        }
        const conditional = facts.flatMap((f) => f.badges).filter(([cls]) => cls === "bn-conditional");
        assert.ok(conditional.some(([, , title]) => title.length > 0), "a condition is kept as its badge's title");
        assert.deepEqual(watch.problems, []);
      } finally {
        await tab.close();
      }
    });

    test("search finds 8443 and PostgreSQL", async () => {
      const { tab, watch } = await open(via, PAGES.platform);
      try {
        const port = await search(tab, "8443");
        assert.match(port[0], /port 8443/i, `first hit for 8443: ${port[0]}`);
        const pg = await search(tab, "PostgreSQL");
        assert.ok(pg.some((t) => /^service postgresql/i.test(t)), pg.join(" | "));
        await tab.locator("form.search .results a").first().click();
        await tab.waitForURL(/services\/postgresql\.html$/);
        assert.deepEqual(watch.problems, []);
      } finally {
        await tab.close();
      }
    });

    // Issue 17: "2379" ranked 1024–65535 first, "2379/tcp" and "tcp/2379" found nothing, "9100"
    // showed two wide ranges without saying no platform uses it, "postgres" listed every row of
    // a platform whose title says PostgreSQL.
    test("search finds ports: exact first, then services, then ranges said as such", async () => {
      const { tab, watch } = await open(via, PAGES.home);
      try {
        const rank = (q) =>
          tab.evaluate(
            (q) =>
              new Promise((done) =>
                window.PortolanSearch.load((all) => {
                  const r = window.PortolanSearch.rank(all, q, 100);
                  done({ exact: r.exact, hits: r.hits.map((h) => ({ kind: h.d.kind, title: h.d.title, url: h.d.url, note: h.note })) });
                }),
              ),
            q,
          );
        const exact = await rank("8443");
        assert.equal(exact.hits[0].url, "ports/8443.html");
        const firstRange = exact.hits.findIndex((h) => h.note);
        const lastExact = exact.hits.map((h) => !h.note).lastIndexOf(true);
        assert.ok(firstRange > 0 && lastExact < firstRange, "every exact hit before the first range");

        const etcd = await rank("2379");
        assert.equal(etcd.exact, false, "no platform uses 2379 by itself");
        assert.ok(etcd.hits.every((h) => /^in range \d+–\d+$/.test(h.note)), JSON.stringify(etcd.hits));
        const at = (title) => etcd.hits.findIndex((h) => h.title === title);
        assert.ok(at("etcd") >= 0 && at("etcd") < at("Ports 2379–2380"), "the service before the ranges");
        assert.ok(at("Ports 2379–2380") < at("Ports 1024–65535"), "the narrower range first");
        for (const q of ["2379/tcp", "tcp/2379", "2379/TCP"]) {
          const hits = (await rank(q)).hits;
          assert.ok(hits.some((h) => h.title === "Ports 2379–2380"), `${q}: ${JSON.stringify(hits)}`);
        }
        assert.deepEqual((await rank("udp/2379")).hits, [], "etcd's ports are TCP");

        const pg = await rank("postgres");
        assert.equal(pg.hits[0].title, "PostgreSQL");
        const titled = pg.hits.filter((h) => h.kind === "platform" && /postgres/i.test(h.title));
        assert.ok(titled.length > 0, "the platform whose title says PostgreSQL is found");
        const rows = pg.hits.filter((h) => h.kind === "row");
        assert.ok(rows.every((h) => /postgres/i.test(h.title)), `rows only on their own merit: ${JSON.stringify(rows)}`);

        // The search box says when only ranges contain the port.
        await search(tab, "9100");
        const note = await tab.locator("form.search .results-note").innerText();
        assert.match(note, /no platform uses port 9100 itself/i);
        const hits = await tab.locator("form.search .results a").allInnerTexts();
        assert.ok(hits.every((t) => /in range \d+–\d+/.test(t)), hits.join(" | "));
        await search(tab, "8443");
        assert.equal(await tab.locator("form.search .results-note").count(), 0);
        assert.deepEqual(watch.problems, []);
      } finally {
        await tab.close();
      }
    });

    // One copy of the catalog: ports.csv and the platform's CSV and JSON are made in the page
    // from assets/catalog.js (services from assets/services.js); no CSV file is written.
    test("ports.csv and a platform's CSV and JSON downloads are made in the page", async () => {
      const { tab, watch } = await open(via, PAGES.platform);
      try {
        const download = async (selector) => {
          const [file] = await Promise.all([tab.waitForEvent("download"), tab.click(selector)]);
          return { name: file.suggestedFilename(), text: readFileSync(await file.path(), "utf8") };
        };
        assert.ok(!existsSync(join(dist, "ports.csv")), "ports.csv is not written");
        const id = PAGES.platform.replace(/^platforms\/|\.html$/g, "");
        const header = "platform,component,ports,protocol,app_protocol,direction,peer,necessity,condition,exposure,purpose,service,section,file,line,id";
        const ports = await download('footer a[data-export="ports-csv"]');
        assert.equal(ports.name, "ports.csv");
        const all = ports.text.split("\r\n");
        assert.equal(all[0], header);
        assert.ok(all.slice(1).some((line) => /,PostgreSQL,/.test(line)), "the service column is filled");
        const csv = await download('button[data-export="platform-csv"]');
        assert.equal(csv.name, `${id}.csv`);
        const expected = [header, ...all.slice(1).filter((line) => line.startsWith(`${id},`))].join("\r\n") + "\r\n";
        assert.ok(expected.split("\r\n").length > 3);
        assert.equal(csv.text, expected);
        const json = await download('button[data-export="platform-json"]');
        assert.equal(json.name, `${id}.json`);
        const platform = JSON.parse(json.text).platform;
        assert.equal(platform.id, id);
        assert.equal(platform.requirements.length, expected.split("\r\n").length - 2);
        const catalog = await download('footer a[data-export="catalog"]');
        assert.equal(catalog.name, "catalog.json");
        const platforms = JSON.parse(catalog.text).platforms;
        assert.ok(platforms.some((p) => p.id === id));
        const rows = platforms.reduce((n, p) => n + p.requirements.length, 0);
        assert.equal(all.length, rows + 2, "one line per requirement, a header and the final newline");
        assert.deepEqual(watch.problems, []);
      } finally {
        await tab.close();
      }
    });

    test("the ports index sorts and filters without a server", async () => {
      const { tab, watch } = await open(via, "ports/index.html");
      try {
        const rows = tab.locator("#all-ports tbody tr");
        const total = await rows.count();
        await tab.fill("#filter", "postgres");
        const shown = await tab.locator("#all-ports tbody tr:not([hidden])").count();
        assert.ok(shown > 0 && shown < total, `filter shows ${shown} of ${total}`);
        await tab.fill("#filter", "");
        await tab.locator("#all-ports thead th button").first().click();
        await tab.locator("#all-ports thead th button").first().click();
        // The sort reads a port's number from its cell's text (a range by its first port).
        const first = parseFloat(await tab.locator("#all-ports tbody tr td").first().innerText());
        const all = await tab.$$eval("#all-ports tbody tr td:first-child", (cells) => cells.map((c) => parseFloat(c.textContent)));
        assert.ok(all.length > 1 && all.every((n) => n >= 0), all.join(" "));
        assert.equal(first, Math.max(...all), "descending sort puts the highest port first");
        assert.deepEqual(watch.problems, []);
      } finally {
        await tab.close();
      }
    });
  });
}

describe("offline bundle", () => {
  test("extracted and opened from disk, it works, search included", async (t) => {
    const bundle = join(dist, "portolan-site.tar.gz");
    if (!existsSync(bundle)) return t.skip("built with --no-bundle");
    const dir = mkdtempSync(join(tmpdir(), "portolan-bundle-"));
    try {
      // The system tar, as a user would open it.
      execFileSync("tar", ["-xzf", bundle, "-C", dir]);
      const base = join(dir, "portolan-site");
      const { tab, watch } = await open("file", "index.html", base);
      try {
        const hits = await search(tab, "8443");
        assert.match(hits[0], /port 8443/i);
        await tab.locator("form.search .results a").first().click();
        await tab.waitForURL(/ports\/8443\.html$/);
        assert.deepEqual(watch.problems, []);
      } finally {
        await tab.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
