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
    nftables, iptables and ufw (its `save` step keeps ufw's files and the filter rules, which
    its undo.sh puts back: Docker's FORWARD DROP with them, so unpublished container ports stay
    closed, where `ufw --force disable` set ACCEPT; Docker's published ports, held to the plan by
    the loads, answer every address again). firewalld's way back is the default zone
    noted before the first load set back (its description): firewalld's own table equals
    that of its start before any load, SSH from outside is back (the public zone allows it),
    the runtime's guests and fail2ban's ban stay.

Prints one line per check, then `reapply: N passed, M failed`.

  usage: reapply.py --bin target/debug/portolan [--targets ...] [--kinds docker,k8s,libvirt]
"""
import argparse
import atexit
import html
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
        line = header_command(f, "portolan-before.v4 && systemd-run")
        shell(line.split(" && systemd-run")[0].replace("/root/", f"{out}/{step}-"))
        if step == 1:
            sh("iptables-restore", "--noflush", ns="host", input=open(f).read())
        else:
            shell(header_command(f, "iptables -C INPUT").replace("< ", "<").replace(
                "--noflush " + f, "--noflush < " + f))
    elif target == "ufw":
        # As the header says: `sh FILE save` (its way back, to a folder of the test's own in
        # place of /root/portolan-before), then `sh FILE`.
        line = header_command(f, "/root/portolan-before/undo.sh && sh")
        save = line.split(" && systemd-run")[0]  # (`sh FILE save`)
        before = f"{out}/{step}-portolan-before"
        nslib.with_ufw_state(runtime.SPACES, out, f"PORTOLAN_BEFORE={before} {save}",
                             fresh=step == 1)
        runtime.load_ufw(f, out, fresh=False)
    else:
        runtime.load_firewalld(f, out, KIND[0], fresh=step == 1)
        if step == 1:
            noted = re.search(r"default zone before: (\S+)", runtime.PRINTED[0])
            OLD_ZONE[0] = noted.group(1) if noted else "(not printed)"


def undo(target, step, out):
    """What the header's timer runs (its way back), for the load `step` (1 or 2)."""
    if target == "nftables":
        sh("nft", "-f", f"{out}/{step}-portolan-before.nft", ns="host")
    elif target == "iptables":
        sh("iptables-restore", f"{out}/{step}-portolan-before.v4", ns="host")
    elif target == "ufw":
        nslib.with_ufw_state(runtime.SPACES, out, f"sh {out}/{step}-portolan-before/undo.sh",
                             fresh=False)
    else:
        # The way back the zone's description gives, the noted default zone filled in
        # (firewalld runs again over the same configuration, whose default zone is portolan).
        zone = open(os.path.join(FILES[0], "zones", "portolan.xml")).read()
        found = re.search(r"The way back, from the second session: (.*?) \(the egress", zone)
        if not found:
            raise RuntimeError("the zone's description gives no way back")
        line = html.unescape(found.group(1)).replace("<the old zone>", OLD_ZONE[0])
        runtime.load_firewalld(FILES[0], out, KIND[0], fresh=False, steps=f"{line} >/dev/null\n")


KIND = ["docker"]  # the kind being run (firewalld's loader needs its runtime zone)
OLD_ZONE = ["public"]  # firewalld's default zone noted before the first load
FILES = [""]  # the file of the last load (firewalld's way back starts it again)


def probe_rows(kind, tag, target="iptables"):
    rows = runtime.ask(kind, tag, want=runtime.unheld(target))
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
    if target == "firewalld":
        # Its own table exists only once it runs: before is firewalld as it was, with its
        # default zone and without the generated files (copied in before its start).
        runtime.load_firewalld(f_a, work, kind, steps=(
            "rm /etc/firewalld/zones/portolan.xml /etc/firewalld/policies/portolan-egress.xml\n"
            "firewall-cmd --reload >/dev/null\n"))
    before = state(target)
    out_before = runtime.connect("host", "10.8.0.5", 9000)
    load(target, f_a, work, 1)
    after_first = state(target)
    load(target, f_b, work, 2)
    FILES[0] = f_b
    twice = state(target)
    rows.append(("twice: the rules equal one load of the changed file",
                 "equal" if twice == once else diff(once, twice), "equal"))
    rows += probe_rows(kind, "twice", target)
    if target in ("nftables", "iptables", "ufw"):
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
        # Regression (ufw's way back was `ufw --force disable`, which set iptables' FORWARD
        # policy to ACCEPT over Docker's DROP: a routing client reached unpublished container
        # ports): the guests work as before, unpublished ports stay closed.
        rows.append(("way back of the first load: SSH from outside as before any (open)",
                     runtime.connect("outside", "10.0.0.10", 22), "open"))
        rows += runtime.ask(kind, "way back of the first load", unplanned=False)
        # Docker's published ports, held to the plan by the loads, are its own again.
        rows += [(f"way back of the first load: {what}", runtime.connect(src, dst, port), want)
                 for what, src, dst, port, want in KINDS[kind].get("restored", [])]
    elif target == "firewalld":
        # One way back for both loads: the default zone noted before the first.
        undo(target, 2, work)
        rows.append((f"way back (default zone {OLD_ZONE[0]} set back): firewalld's rules "
                     "equal those before any load",
                     "equal" if state(target) == before else diff(before, state(target)),
                     "equal"))
        rows.append(("way back: SSH from outside reaches the host again (as before)",
                     runtime.connect("outside", "10.0.0.10", 22),
                     "open" if OLD_ZONE[0] in ("public", "trusted") else "closed"))
        rows.append(("way back: the host's own traffic out beyond the plan (to 9000), as before",
                     runtime.connect("host", "10.8.0.5", 9000), out_before))
        rows += runtime.ask(kind, "way back", unplanned=False)
    runtime.cleanup()
    return rows


def jumps():
    """How many jumps to PORTOLAN-INPUT, -OUTPUT and -FORWARD the built-in chains hold."""
    saved = sh("iptables-save", "-t", "filter", ns="host")
    return "/".join(str(len(re.findall(rf"^-A {c} .*-j PORTOLAN-{c}$", saved, re.M)))
                    for c in ("INPUT", "OUTPUT", "FORWARD"))


def plain_twice(kind, out):
    """The changed iptables file loaded a second time with `iptables-restore --noflush` alone
    (a boot script would): a second jump per chain, which no packet reaches (the probes as
    after one load), removed by the three -D of the header's line to load again."""
    paths = runtime.files(os.path.join(out, "changed"), "guests", kind)
    f_a, f_b = runtime.files(out, "guests", kind)["iptables"], paths["iptables"]
    KIND[0] = kind
    runtime.start(kind)
    runtime.spawn("host", runtime.SERVER, "2222").stdout.readline()
    load("iptables", f_b, out, 1)
    once = state("iptables")
    runtime.cleanup()
    runtime.start(kind)
    runtime.spawn("host", runtime.SERVER, "2222").stdout.readline()
    load("iptables", f_a, out, 1)
    sh("iptables-restore", "--noflush", f_b, ns="host")
    rows = [("plain --noflush twice: jumps per chain (INPUT/OUTPUT/FORWARD)", jumps(), "2/2/2")]
    rows += probe_rows(kind, "plain --noflush twice")
    line = header_command(f_b, "iptables -C INPUT")
    shell(line.split(f"--noflush {f_b} && ")[-1])  # (its three -D)
    rows.append(("the three -D of the header: the rules equal one load of the changed file",
                 "equal" if state("iptables") == once else diff(once, state("iptables")),
                 "equal"))
    runtime.cleanup()
    return rows


# IPv6: the same host with an address in fd00:10::/64, admin and outside in their own /64s;
# the .v6 file loaded with ip6tables-restore --noflush, then the changed one with the
# header's line to load again (ip6tables -C ... && ip6tables-restore ... && ip6tables -D ...).
V6 = {"admin": "fd00:9::5", "outside": "fd00:8::5", "host": "fd00:10::10"}
V6_TOPOLOGY = (runtime.TOPOLOGY
               .replace("admin: {cidrs: [10.9.0.0/24]}", "admin: {cidrs: [10.9.0.0/24, 'fd00:9::/64']}")
               .replace("outside: {cidrs: [10.8.0.0/24]}",
                        "outside: {cidrs: [10.8.0.0/24, 'fd00:8::/64']}")
               .replace("srv: {cidrs: [10.0.0.0/24]}", "srv: {cidrs: [10.0.0.0/24, 'fd00:10::/64']}")
               .replace("address: 10.0.0.10@GUESTS@", "address: [10.0.0.10, 'fd00:10::10']@GUESTS@")
               .replace("name: runtime-check", "name: runtime-check-v6"))
assert V6_TOPOLOGY.count("fd00:") == 4
V6_CHANGED = V6_TOPOLOGY.replace("ports: [22/tcp]", "ports: [22/tcp, 2222/tcp]")
# (IPv6 only: the IPv4 listeners keep their ports)
SERVER6 = runtime.SERVER.replace(
    "socket.socket()",
    "socket.socket(socket.AF_INET6); s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)",
).replace('"0.0.0.0"', '"::"')
assert SERVER6 != runtime.SERVER


def start6(kind):
    runtime.start(kind)
    for role, address in V6.items():
        sh("ip", "-6", "addr", "add", f"{address}/128", "dev", "eth0", "nodad", ns=role)
        sh("ip", "-6", "route", "add", "default", "dev", "eth0", ns=role)
    for port in (22, 2222):
        if runtime.spawn("host", SERVER6, str(port)).stdout.readline().strip() != "ready":
            raise RuntimeError(f"no IPv6 listener on {port}")


def state6():
    """The IPv6 rules without counters, and without what an empty table shows (its header,
    COMMIT, built-in chains at ACCEPT): a host with no IPv6 rules has no table at all, and
    one whose saved empty filter table came back has it empty."""
    text = sh("ip6tables-save", ns="host")
    empty = re.compile(r"^(#|\*|COMMIT|:(INPUT|FORWARD|OUTPUT|PREROUTING|POSTROUTING) ACCEPT)")
    return [line for line in re.sub(r"\[\d+:\d+\]", "[0:0]", text).splitlines()
            if not empty.match(line)]


def probes6(tag):
    host = V6["host"]
    return [(f"{tag}: SSH from admin over IPv6", runtime.connect("admin", host, 22), "open"),
            (f"{tag}: SSH from outside over IPv6", runtime.connect("outside", host, 22),
             "closed"),
            (f"{tag}: 2222 from admin over IPv6 (the changed file)",
             runtime.connect("admin", host, 2222), "open")]


def run_v6(kind, out):
    f_a = os.path.join(out, "v6", kind, "guests", "iptables", "h1.rules.v6")
    f_b = os.path.join(out, "v6", "changed", kind, "guests", "iptables", "h1.rules.v6")
    rows = []
    start6(kind)
    sh("ip6tables-restore", "--noflush", f_b, ns="host")
    once = state6()
    runtime.cleanup()
    start6(kind)
    before = state6()
    rows.append(("before any load: 2222 from admin over IPv6",
                 runtime.connect("admin", V6["host"], 2222), "open"))
    # The way back as the header saves it (before: a bare ip6tables-save, empty on a host
    # with no IPv6 rules yet, restored nothing).
    save = header_command(f_a, "portolan-before.v6 && systemd-run").split(" && systemd-run")[0]
    shell(save.replace("/root/", f"{out}/v6-1-"))
    sh("ip6tables-restore", "--noflush", f_a, ns="host")
    after_first = state6()
    rows.append(("first load: 2222 from admin over IPv6 (not planned yet)",
                 runtime.connect("admin", V6["host"], 2222), "closed"))
    shell(save.replace("/root/", f"{out}/v6-2-"))
    shell(header_command(f_b, "ip6tables -C INPUT"))
    rows.append(("twice (the header's line): the rules equal one load of the changed file",
                 "equal" if state6() == once else diff(once, state6()), "equal"))
    rows += probes6("twice")
    sh("ip6tables-restore", f"{out}/v6-2-portolan-before.v6", ns="host")
    rows.append(("way back of the second load: the rules after the first",
                 "equal" if state6() == after_first else diff(after_first, state6()), "equal"))
    sh("ip6tables-restore", f"{out}/v6-1-portolan-before.v6", ns="host")
    rows.append(("way back of the first load: the rules before any",
                 "equal" if state6() == before else diff(before, state6()), "equal"))
    rows.append(("way back of the first load: SSH from outside over IPv6 as before any (open)",
                 runtime.connect("outside", V6["host"], 22), "open"))
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
    # (runtime.py runs every kind; reloading is the same on these three)
    ap.add_argument("--kinds", default="docker,k8s,libvirt")
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
    if "iptables" in targets:
        v6 = os.path.join(out, "v6")
        os.makedirs(os.path.join(v6, "changed"))
        runtime.generate(args.bin, v6, ["guests"], kinds, ["iptables"], topology=V6_TOPOLOGY)
        runtime.generate(args.bin, os.path.join(v6, "changed"), ["guests"], kinds,
                         ["iptables"], topology=V6_CHANGED)
    tally = nslib.Tally()
    for kind in kinds:
        cases = [(target, lambda t=target: run(kind, t, out)) for target in targets]
        if "iptables" in targets:
            cases += [("iptables (plain --noflush twice)", lambda: plain_twice(kind, out)),
                      ("ip6tables", lambda: run_v6(kind, out))]
        for name, case in cases:
            try:
                rows = case()
            except RuntimeError as error:
                rows = [("could not run", str(error)[-400:], "ran")]
            finally:
                runtime.cleanup()
            tally.rows(f"{kind:7} {name:9}", rows)
    return tally.end("reapply", out)


if __name__ == "__main__":
    sys.exit(main())
