// Helpers for the checker page tests: opening it, waiting for checks, the CLI for comparisons,
// the expected codes of each example (from examples/README.md) and a 1,000-host topology.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { fileUrl, watchPage, sameSite } from "./lib/index.js";

const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(HERE, "..", "..");
export const EXAMPLES = join(ROOT, "examples");

/** `{ file: [codes] }` from the table in examples/README.md (the one list of expectations). */
export function expectedCodes() {
  const out = {};
  for (const line of readFileSync(join(EXAMPLES, "README.md"), "utf8").split("\n")) {
    const m = /^\|\s*`([^`]+\.(?:ya?ml|json|toml))`\s*\|[^|]*\|([^|]*)\|/.exec(line);
    if (m) out[m[1]] = [...m[2].matchAll(/`(P\d{3}-[a-z-]+)`/g)].map((x) => x[1]).sort();
  }
  return out;
}

/** Opens checker.html over http (server given) or file://, waits until it is interactive. */
export async function openChecker(browser, dist, server, { hash = "", viewport } = {}) {
  const page = await browser.newPage(viewport ? { viewport } : {});
  const url = (server ? new URL("checker.html", server.url).href : fileUrl(dist, "checker.html")) + hash;
  const watch = watchPage(page, sameSite(dist, server?.url));
  await page.goto(url, { waitUntil: "load" });
  await page.locator("#checker-root[data-interactive]").waitFor({ state: "attached", timeout: 30_000 }).catch(async (err) => {
    const root = await page.locator("#checker-root").innerText().catch(() => "(no #checker-root)");
    throw new Error(`checker did not become interactive: ${err.message}\n#checker-root says: ${root}\n${watch.problems.join("\n")}`);
  });
  await page.waitForFunction(() => Number(document.querySelector("#checker-status")?.dataset.seq) >= 1);
  return { page, watch, url };
}

/** The number of checks run so far. */
export async function seq(page) {
  return Number(await page.locator("#checker-status").getAttribute("data-seq"));
}

/** Runs `action`, then waits for the check it causes. */
export async function afterCheck(page, action) {
  const before = await seq(page);
  await action();
  await page.waitForFunction((n) => Number(document.querySelector("#checker-status").dataset.seq) > n, before, { timeout: 30_000 });
}

export async function loadExample(page, file) {
  await afterCheck(page, () => page.selectOption("#checker-example", file));
}

/** Distinct finding codes shown, sorted. */
export async function shownCodes(page) {
  const codes = await page.locator("#checker-findings > li").evaluateAll((els) => els.map((e) => e.dataset.code));
  return [...new Set(codes)].sort();
}

/**
 * Runs the `portolan` CLI (built binary if present, else `cargo run`) in `cwd`, with
 * `--catalog` the site's assets/catalog.js when `dist` is given: the catalog the page loads.
 */
export function portolan(args, { cwd = EXAMPLES, dist } = {}) {
  if (dist) args = [...args, "--catalog", join(dist, "assets", "catalog.js")];
  const bin = process.env.PORTOLAN_BIN ?? ["release", "debug"].map((p) => join(ROOT, "target", p, "portolan")).find(existsSync);
  const [cmd, argv] = bin ? [bin, args] : ["cargo", ["run", "-q", "-p", "portolan-cli", "--", ...args]];
  return execFileSync(cmd, argv, { cwd, encoding: "utf8", maxBuffer: 64 << 20, stdio: ["ignore", "pipe", "pipe"] });
}

/** A topology of `n` hosts (YAML): OpenLM on a large cluster with a policy to audit. */
export function bigTopology(n = 1000) {
  const lines = [
    "# generated: a 1,000-host OpenLM cluster",
    "name: big-cluster",
    "zones:",
    "  internet: { cidrs: [0.0.0.0/0], trust: untrusted }",
    "  corp:     { cidrs: [10.20.0.0/16] }",
    "  dmz:      { cidrs: [192.0.2.0/28] }",
    "  cluster:  { cidrs: [10.0.0.0/16] }",
    "hosts:",
    "  lb1: { zone: dmz, address: 192.0.2.5, roles: [openlm/load-balancer] }",
  ];
  for (let i = 1; i < n; i++) {
    const roles = i <= 3 ? "[openlm/control-plane, openlm/ingress, openlm/node]" : i === 4 ? "[openlm/infrastructure, openlm/node]" : "[openlm/node]";
    lines.push(`  node${String(i).padStart(4, "0")}: { zone: cluster, address: 10.0.${Math.floor(i / 250)}.${(i % 250) + 1}, roles: ${roles} }`);
  }
  lines.push(
    "enable: [openlm/node-51820-udp]",
    "policy:",
    "  - { name: public ingress, from: internet, to: [lb1], ports: [443/tcp, 80/tcp] }",
    "  - { name: lb to ingress, from: lb1, to: cluster, ports: [443/tcp, 80/tcp] }",
    "  - { name: cluster mesh, from: cluster, to: cluster, ports: [6443/tcp, 10250/tcp, 8472/udp, 51820/udp] }",
    "  - { name: admin ssh, from: [corp, cluster], to: cluster, ports: [22/tcp] }",
    "",
  );
  return lines.join("\n");
}
