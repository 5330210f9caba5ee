#!/usr/bin/env python3
"""A newcomer's own vendor and deployment, applied for real (session 15).

tests/validators/rabbitmq/ holds RabbitMQ's port list in our own words (rabbitmq.md, from its
networking guide) and a deployment of it (orders-mq.yaml): three nodes, two HAProxy machines
holding a VIP, two zones, management from a bastion, egress to one DNS/NTP server. lb1, lb2,
rmq1 and rmq2 run RHEL (firewalld), rmq3 Debian (nftables). The README's quick start, step by
step: `site-gen build` makes the catalog of the document, `portolan check` passes with it,
then each host gets its own target's file and netns.py's probes run:

  * before: the firewalld hosts run firewalld as installed (default zone public), the nftables
    host has no ruleset; their rules and every probe's outcome are recorded;
  * load, as each file says: nftables, the header's line (a copy saved for the way back, then
    `nft -f`; the timer left out: the test is the timer); firewalld, the steps of the zone's
    description in their order (--check-config, --reload, the default zone noted,
    --set-default-zone=portolan);
  * netns.py's probes (every planned flow of the plan connects, the VIP on lb1 from the apps
    zone and not the nodes behind it, management from the bastion only, egress; the next
    port, the other transport and a source outside the plan do not);
  * the way back each file gives (nftables: the saved copy; firewalld: the description's,
    with the noted default zone): every host's rules equal those before, and every probe
    answers as it did before.

Prints netns.py's lines, then `newcomer: N passed, M failed`.

  usage: newcomer.py --bin target/debug/portolan --site-gen target/debug/site-gen
"""
import argparse
import html
import os
import re
import subprocess
import sys
import tempfile
import types

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import netns  # noqa: E402  (the plan's probes)
import nslib  # noqa: E402  (firewalld over a private copy of its state)

FIXTURE = os.path.join(ROOT, "tests", "validators", "rabbitmq")
TOPOLOGY = os.path.join(FIXTURE, "orders-mq.yaml")
TARGETS = {"lb1": "firewalld", "lb2": "firewalld", "rmq1": "firewalld", "rmq2": "firewalld",
           "rmq3": "nftables"}
STARTED = "firewall-cmd --state >/dev/null\n"  # nothing more: firewalld as installed


def state(ns):
    """The namespace's rules as text, counters left out."""
    text = netns.sh("nft", "list", "ruleset", ns=ns)
    return [re.sub(r"counter packets \d+ bytes \d+", "counter", line)
            for line in text.splitlines()]


def diff(a, b):
    gone = [line for line in a if line not in b][:3]
    new = [line for line in b if line not in a][:3]
    return f"differ (gone {gone}, new {new})"


def description(zone_dir):
    text = open(os.path.join(zone_dir, "zones", "portolan.xml")).read()
    found = re.search(r"<description>(.*?)</description>", text, re.S)
    if not found:
        raise RuntimeError(f"{zone_dir}: the zone has no description")
    return html.unescape(found.group(1))


def apply_steps(desc):
    """The firewall-cmd steps of the description's `Apply safely:` part, in its order (copying
    the files is nslib's; the default zone is printed to be noted)."""
    part = desc.split("Apply safely:", 1)[-1].split("The way back", 1)[0]
    steps = []
    for cmd in re.findall(r"firewall-cmd --[a-z-]+(?:=[a-z]+)?", part):
        if cmd == "firewall-cmd --get-default-zone":
            steps.append(f'echo "default zone before: $({cmd})"')
        else:
            steps.append(f"{cmd} >/dev/null")
    if not any("--set-default-zone=portolan" in s for s in steps):
        raise RuntimeError(f"no --set-default-zone=portolan in the steps: {part}")
    return "\n".join(steps) + "\n"


class Hooks:
    """netns.py's hooks: each host's own target, the state before, the way back."""

    def __init__(self, args, out):
        self.args, self.out = args, out
        self.old_zone, self.files, self.rules_before = {}, {}, {}
        self.outcome_before = {}

    def firewalld(self, ns, host, rules, steps, fresh=False):
        spaces = types.SimpleNamespace(names={"host": ns})
        return nslib.run_firewalld(spaces, rules, os.path.join(self.out, host), steps,
                                   fresh=fresh)

    def generate(self, host):
        out = os.path.join(self.out, "rules-" + host)
        target = TARGETS[host]
        netns.sh(self.args.bin, "rules", TOPOLOGY, "--target", target, "--host", host, "-o",
                 out, "-q", *netns.catalog_args(self.args))
        path = os.path.join(out, target, host + (".nft" if target == "nftables" else ""))
        self.files[host] = path
        return path

    def before(self, ns_of, hosts, run_probes, tmp):
        for host in hosts:
            if TARGETS[host] == "firewalld":
                # As installed: the generated files are copied by nslib, so taken away again.
                self.firewalld(ns_of[host], host, self.generate(host),
                               "rm /etc/firewalld/zones/portolan.xml "
                               "/etc/firewalld/policies/portolan-egress.xml\n"
                               "firewall-cmd --reload >/dev/null\n", fresh=True)
            self.rules_before[host] = state(ns_of[host])
        self.outcome_before = run_probes()

    def load(self, args, example, mode, host, ns, tmp):
        path = self.generate(host)
        if TARGETS[host] == "nftables":
            header = next(line for line in open(path) if "portolan-before.nft && systemd-run" in line)
            save = header.lstrip("# ").split(" && systemd-run")[0]
            netns.sh("sh", "-c", save.replace("/root/", f"{self.out}/{host}-"), ns=ns)
            netns.sh("nft", "-c", "-f", path, ns=ns)
            netns.sh("nft", "-f", path, ns=ns)
        else:
            printed = self.firewalld(ns, host, path, STARTED + apply_steps(description(path)))
            noted = re.search(r"default zone before: (\S+)", printed)
            self.old_zone[host] = noted.group(1) if noted else "(not printed)"

    def undo(self, host, ns):
        if TARGETS[host] == "nftables":
            netns.sh("nft", "-f", f"{self.out}/{host}-portolan-before.nft", ns=ns)
            return
        desc = description(self.files[host])
        found = re.search(r"The way back, from the second session: (.*?) \(", desc)
        if not found:
            raise RuntimeError(f"{host}: the zone's description gives no way back")
        line = found.group(1).replace("<the old zone>", self.old_zone[host])
        self.firewalld(ns, host, self.files[host], STARTED + line + " >/dev/null\n")

    def after(self, ns_of, hosts, run_probes, tmp, label):
        rows = []
        for host in hosts:
            self.undo(host, ns_of[host])
            now = state(ns_of[host])
            before = self.rules_before[host]
            rows.append((f"{host} ({TARGETS[host]}): the way back gives the rules before",
                         "equal" if now == before else diff(before, now), "equal"))
        outcome = run_probes()
        changed = [i for i, ok in self.outcome_before.items() if outcome.get(i) != ok]
        rows.append(("after the way back every probe answers as before the load",
                     f"{len(changed)} changed", "0 changed"))
        passed = failed = 0
        for what, got, want in rows:
            ok = got == want
            passed, failed = passed + ok, failed + (not ok)
            print(f"{'ok  ' if ok else 'FAIL'} {label} {what}: {got} (want {want})")
        return passed, failed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--site-gen", required=True)
    ap.add_argument("--timeout", type=float, default=1.0)
    args = ap.parse_args()
    why_not = nslib.firewalld_missing()
    if why_not:
        print(f"newcomer: skipped ({why_not})")
        return 0
    out = tempfile.mkdtemp(prefix="portolan-newcomer.")
    failed = 0
    # The quick start's steps: the catalog of the document, then check with it.
    site = os.path.join(out, "site")
    steps = [
        ("site-gen build --strict", [args.site_gen, "build", "--content", FIXTURE, "--out", site,
                                     "--no-bundle", "--strict"]),
        ("portolan check", [args.bin, "check", TOPOLOGY, "--catalog",
                            os.path.join(site, "assets", "catalog.js")]),
    ]
    for what, cmd in steps:
        r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)
        ok = r.returncode == 0
        failed += not ok
        print(f"{'ok  ' if ok else 'FAIL'} newcomer {what}: exit {r.returncode}")
        if not ok:
            print((r.stderr or r.stdout)[-2000:])
            return nslib.finish("newcomer", 0, failed, out)
    args.catalog = os.path.join(site, "assets", "catalog.js")
    args.hooks = Hooks(args, out)
    results = {"passed": 0, "failed": 0, "probes": 0, "probe_failures": 0}
    run = f"nc{os.getpid() % 100000}x"
    try:
        netns.run_example(TOPOLOGY, "per-host", args, run, results)
    except Exception as e:  # noqa: BLE001 (said, and a failure)
        results["failed"] += 1
        print(f"FAIL newcomer: {e}")
    finally:
        netns.cleanup()
    print(f"newcomer: {results['probes']} probes and checks, {results['probe_failures']} unexpected")
    return nslib.finish("newcomer", results["passed"] + 2, results["failed"] + failed, out)


if __name__ == "__main__":
    sys.exit(main())
