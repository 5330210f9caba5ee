#!/usr/bin/env python3
"""Loading a host's file a second time, and going back, on a host that runs guests.

On each kind of host of runtime.py (Docker, a Kubernetes node, libvirt; guest_interfaces named)
and for each host-firewall target: the file of topology A is applied the way its header says
(the copy for the way back saved first), then the file of topology B (A with 2222/tcp added to
the management access) the way its header says to apply a changed file again. Then:

  * twice equals once: the rules (nft list ruleset, or iptables-save with the counters left
    out; firewalld's own table) equal those of a host that loaded B alone, and the probes
    pass (2222 opened, the runtime's guests and fail2ban's ban kept);
  * the way back of the second load (the saved copy, as the header's timer would restore it)
    gives the rules after the first load, and that of the first load the rules before any:
    nftables and iptables. ufw's way back turns ufw off (its header says so): the host is
    reachable again and the runtime's rules stay. firewalld's way back is the default zone
    set back by hand (its description), not a saved copy: only the first check runs.

Prints one line per check, then `reapply: N passed, M failed`.

  usage: reapply.py --bin target/debug/portolan [--targets ...] [--kinds docker,k8s,libvirt]
"""
import argparse
import atexit
import os
import re
import sys
import tempfile
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nslib  # noqa: E402
import runtime  # noqa: E402  (the hosts, their rules and probes)
from runtime import KINDS, sh  # noqa: E402

CHANGED = runtime.TOPOLOGY.replace("ports: [22/tcp]", "ports: [22/tcp, 2222/tcp]")
assert CHANGED != runtime.TOPOLOGY


def state(target):
    """The host's rules as text, without counters (the probes move them)."""
    if target == "nftables":
        text = sh("nft", "list", "ruleset", ns="host")
    elif target == "firewalld":
        text = sh("nft", "list", "table", "inet", "firewalld", ns="host")
    else:
        text = sh("iptables-save", ns="host")
    text = re.sub(r"counter packets \d+ bytes \d+", "counter", text)
    text = re.sub(r"\[\d+:\d+\]", "[0:0]", text)
    return [line for line in text.splitlines() if not line.startswith("#")]


def header_command(path, marker):
    """The command line of the file's header that contains `marker`, as a shell command for
    the host's namespace (`<this file>` filled in)."""
    for line in open(path):
        if marker in line:
            return line.lstrip("# ").strip().replace("<this file>", path)
    raise RuntimeError(f"{path}: no header line with {marker!r}")


def shell(command):
    return sh("sh", "-c", command, ns="host")


def load(target, f, out, step):
    """Load `step` (1: the first, its way back saved, the timer left out: the test runs it; 2:
    again, as the header says to load a changed file again)."""
    if target == "nftables":
        line = header_command(f, "portolan-before.nft && systemd-run")
        shell(line.split(" && systemd-run")[0].replace("/root/", f"{out}/{step}-"))
        sh("nft", "-f", f, ns="host")
    elif target == "iptables":
        shell(f"iptables-save > {out}/{step}-portolan-before.v4")
        if step == 1:
            sh("iptables-restore", "--noflush", ns="host", input=open(f).read())
        else:
            shell(header_command(f, "iptables -C INPUT").replace("< ", "<").replace(
                "--noflush " + f, "--noflush < " + f))
    elif target == "ufw":
        runtime.load_ufw(f, out, fresh=step == 1)
    else:
        runtime.load_firewalld(f, out, KIND[0], fresh=step == 1)


def undo(target, step, out):
    """What the header's timer runs (its way back), for the load `step` (1 or 2)."""
    if target == "nftables":
        sh("nft", "-f", f"{out}/{step}-portolan-before.nft", ns="host")
    elif target == "iptables":
        sh("iptables-restore", f"{out}/{step}-portolan-before.v4", ns="host")
    elif target == "ufw":
        nslib.with_ufw_state(runtime.SPACES, out, "ufw --force disable", fresh=False)


KIND = ["docker"]  # the kind being run (firewalld's loader needs its runtime zone)


def probe_rows(kind, tag):
    rows = [(f"{tag}: {what}", runtime.connect(src, dst, port), want)
            for what, src, dst, port, want in runtime.probes(kind)]
    rows.append((f"{tag}: 2222 from admin (only the changed topology plans it)",
                 runtime.connect("admin", "10.0.0.10", 2222), "open"))
    return rows


def run(kind, target, out):
    paths = runtime.files(out, "guests", kind)
    changed = runtime.files(os.path.join(out, "changed"), "guests", kind)
    f_a, f_b = paths[target], changed[target]
    KIND[0] = kind
    rows = []
    work = tempfile.mkdtemp(prefix="portolan-reapply.", dir=out)

    # The reference: a host that loaded B alone.
    runtime.start(kind)
    runtime.spawn("host", runtime.SERVER, "2222").stdout.readline()
    load(target, f_b, work, 1)
    once = state(target)
    runtime.cleanup()

    runtime.start(kind)
    runtime.spawn("host", runtime.SERVER, "2222").stdout.readline()
    # (firewalld's own table exists only once it runs.)
    before = state(target) if target != "firewalld" else []
    load(target, f_a, work, 1)
    after_first = state(target)
    load(target, f_b, work, 2)
    twice = state(target)
    rows.append(("twice: the rules equal one load of the changed file",
                 "equal" if twice == once else diff(once, twice), "equal"))
    rows += probe_rows(kind, "twice")
    if target in ("nftables", "iptables"):
        undo(target, 2, work)
        rows.append(("way back of the second load: the rules after the first",
                     "equal" if state(target) == after_first
                     else diff(after_first, state(target)), "equal"))
        rows.append(("way back of the second load: 2222 from admin",
                     runtime.connect("admin", "10.0.0.10", 2222), "closed"))
        undo(target, 1, work)
        rows.append(("way back of the first load: the rules before any",
                     "equal" if state(target) == before else diff(before, state(target)),
                     "equal"))
    elif target == "ufw":
        undo(target, 2, work)
        rows.append(("way back (ufw off): SSH from outside reaches the host again",
                     runtime.connect("outside", "10.0.0.10", 22), "open"))
        rows += [(f"way back (ufw off): {what}", runtime.connect(src, dst, port), want)
                 for what, src, dst, port, want in runtime.probes(kind)
                 if not what.startswith("unplanned")]
    runtime.cleanup()
    return rows


def diff(want, got):
    """The lines one side has more often than the other (a second jump is one)."""
    gone = list((Counter(want) - Counter(got)).elements())[:3]
    added = list((Counter(got) - Counter(want)).elements())[:3]
    return f"differs (missing {gone}, extra {added})"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--targets", default="nftables,iptables,ufw,firewalld")
    ap.add_argument("--kinds", default=",".join(KINDS))
    args = ap.parse_args()
    if os.geteuid() != 0:
        print("reapply: skipped (needs root)")
        return 0
    atexit.register(runtime.cleanup)
    out = tempfile.mkdtemp(prefix="portolan-reapply.")
    kinds = args.kinds.split(",")
    targets = [t for t in args.targets.split(",") if t in runtime.available()]
    runtime.generate(args.bin, out, ["guests"], kinds, targets)
    os.makedirs(os.path.join(out, "changed"))
    runtime.generate(args.bin, os.path.join(out, "changed"), ["guests"], kinds, targets,
                     topology=CHANGED)
    tally = nslib.Tally()
    for kind in kinds:
        for target in targets:
            try:
                rows = run(kind, target, out)
            except RuntimeError as error:
                rows = [("could not run", str(error)[-400:], "ran")]
            finally:
                runtime.cleanup()
            tally.rows(f"{kind:7} {target:9}", rows)
    return tally.end("reapply", out)


if __name__ == "__main__":
    sys.exit(main())
