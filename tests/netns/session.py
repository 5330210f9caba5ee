#!/usr/bin/env python3
"""The newcomer's case, with real packets: an operator is logged in to a host over SSH and
loads the host's generated firewall from that session. The session must survive the load
(replies of established connections are allowed before the default drop), a new session from
the management zone must connect, and a new one from elsewhere must not.

For nftables, iptables and ufw: three namespaces on a bridge (admin 10.9.0.5, other 10.8.0.5,
host 10.0.0.10), a line echo server on the host's 22/tcp, a client in admin holding one
connection open across the load. ufw runs its real script (reset, defaults, allows, enable)
in the host's namespace over private copies of /etc/ufw and /etc/default/ufw (a mount
namespace of its own), so the machine's own ufw state is never touched. firewalld is loaded
the same way when its daemon can start there (a private D-Bus system bus and firewalld, both
in the namespace); where it cannot, the case says so and is skipped, never passed.

  usage: session.py --bin target/debug/portolan      (root; prints `session: N passed, M failed`)
"""
import argparse
import atexit
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nslib  # noqa: E402  (namespaces, the echo server and session, ufw and firewalld)

TOPOLOGY = """name: session-check
zones:
  admin: {cidrs: [10.9.0.0/24]}
  other: {cidrs: [10.8.0.0/24]}
  srv: {cidrs: [10.0.0.0/24]}
hosts:
  h1: {zone: srv, address: 10.0.0.10}
management:
  - {from: admin, ports: [22/tcp]}
"""

NAMES = {"sw": "pse-sw", "admin": "pse-adm", "other": "pse-oth", "host": "pse-h1"}
ADDRESSES = {"admin": "10.9.0.5", "other": "10.8.0.5", "host": "10.0.0.10"}
SPACES = nslib.Namespaces(NAMES, timeout=60)
sh, spawn, cleanup = SPACES.sh, SPACES.spawn, SPACES.cleanup


def build():
    SPACES.switch(ADDRESSES)


def case(target, load):
    """Loads the host's rules from inside a live session; returns failures."""
    build()
    server = spawn("host", nslib.SERVER, "22")
    assert server.stdout.readline().strip() == "ready"
    session = spawn("admin", nslib.SESSION)
    if session.stdout.readline().strip() != "up":
        return [f"{target}: the session did not start"]
    load()
    session.stdin.write("go\n")
    session.stdin.flush()
    failures = []
    if session.stdout.readline().strip() != "alive":
        failures.append(f"{target}: loading the rules cut the session they were loaded from")
    if SPACES.connect("admin", "10.0.0.10", 22) != "open":
        failures.append(f"{target}: a new SSH session from the management zone cannot connect")
    if SPACES.connect("other", "10.0.0.10", 22) != "closed":
        failures.append(f"{target}: SSH is open to a zone the management access does not name")
    return failures


def load_ufw(script, out):
    """The generated ufw script, run as the operator would (`sh FILE`), in the host's network
    namespace over private copies of ufw's state."""
    nslib.with_ufw_state(SPACES, out, f"sh {script}")


# The steps the zone's description gives, after firewalld started (nslib.run_firewalld).
FIREWALLD_STEPS = """firewall-cmd --state
firewall-cmd --check-config
firewall-cmd --set-default-zone=portolan
firewall-cmd --reload
firewall-cmd --get-default-zone
"""


def load_firewalld(rules, out):
    nslib.run_firewalld(SPACES, rules, out, FIREWALLD_STEPS)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    args = ap.parse_args()
    if os.geteuid() != 0:
        print("session: skipped (needs root)")
        return 0
    atexit.register(cleanup)
    out = tempfile.mkdtemp(prefix="portolan-session.")
    topology = os.path.join(out, "t.yaml")
    with open(topology, "w") as f:
        f.write(TOPOLOGY)
    subprocess.run([args.bin, "rules", topology, "--target", "nftables", "-o", out, "-q"], check=True)
    subprocess.run([args.bin, "rules", topology, "--target", "iptables", "-o", out, "-q"], check=True)
    subprocess.run([args.bin, "rules", topology, "--target", "ufw", "-o", out, "-q"], check=True)
    subprocess.run([args.bin, "rules", topology, "--target", "firewalld", "-o", out, "-q"], check=True)
    nft = os.path.join(out, "nftables", "h1.nft")
    v4 = os.path.join(out, "iptables", "h1.rules.v4")
    ufw = os.path.join(out, "ufw", "h1.sh")
    cases = {
        "nftables": lambda: sh("nft", "-f", nft, ns="host"),
        # As the header says: --noflush (the file fills its own chains and jumps to them).
        "iptables": lambda: sh("iptables-restore", "--noflush", ns="host", input=open(v4).read()),
    }
    skipped = []
    if not nslib.ufw_missing():
        cases["ufw"] = lambda: load_ufw(ufw, out)
    else:
        skipped.append("ufw (not installed)")
    firewalld = os.path.join(out, "firewalld", "h1")
    why_not = nslib.firewalld_missing()
    if why_not:
        skipped.append(f"firewalld ({why_not})")
    else:
        cases["firewalld"] = lambda: load_firewalld(firewalld, out)
    failures = []
    for target, load in cases.items():
        try:
            failures += case(target, load)
        except RuntimeError as error:
            failures.append(f"{target}: could not load the rules: {error}")
        cleanup()
    for line in failures:
        print("FAIL", line)
    for what in skipped:
        print("SKIP", what)
    return nslib.finish("session", 3 * len(cases) - len(failures), len(failures), out)


if __name__ == "__main__":
    sys.exit(main())
