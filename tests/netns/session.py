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
import shutil
import subprocess
import sys
import tempfile
import time

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

# Runs in the host: echoes each line back, one thread per connection.
SERVER = r"""
import socket, threading
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("0.0.0.0", 22)); s.listen(8); print("ready", flush=True)
def serve(c):
    f = c.makefile("rwb", buffering=0)
    for line in f:
        f.write(line)
while True:
    c, _ = s.accept(); threading.Thread(target=serve, args=(c,), daemon=True).start()
"""

# Runs in admin: one connection, a line before and (on a line from stdin) a line after.
SESSION = r"""
import socket, sys
c = socket.create_connection(("10.0.0.10", 22), timeout=3); f = c.makefile("rwb", buffering=0)
f.write(b"before\n"); print("up" if f.readline() == b"before\n" else "down", flush=True)
sys.stdin.readline()
try:
    f.write(b"after\n"); print("alive" if f.readline() == b"after\n" else "cut", flush=True)
except OSError:
    print("cut", flush=True)
"""

CONNECT = r"""
import socket
try:
    socket.create_connection(("10.0.0.10", 22), timeout=1).close(); print("open")
except OSError:
    print("closed")
"""

NAMES = {"sw": "pse-sw", "admin": "pse-adm", "other": "pse-oth", "host": "pse-h1"}
ADDRESSES = {"admin": "10.9.0.5", "other": "10.8.0.5", "host": "10.0.0.10"}
PROCESSES = []


def sh(*args, ns=None, input=None):
    cmd = (["ip", "netns", "exec", NAMES[ns]] if ns else []) + list(args)
    r = subprocess.run(cmd, input=input, capture_output=True, text=True, timeout=60)
    if r.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)}: {r.stderr.strip()}")
    return r.stdout


def cleanup():
    for p in PROCESSES:
        p.kill()
        p.wait(timeout=5)
    PROCESSES.clear()
    for ns in NAMES.values():
        subprocess.run(["ip", "netns", "del", ns], capture_output=True)


def build():
    cleanup()
    sh("ip", "netns", "add", NAMES["sw"])
    sh("ip", "link", "add", "br0", "type", "bridge", ns="sw")
    sh("ip", "link", "set", "br0", "up", ns="sw")
    for i, side in enumerate(("admin", "other", "host")):
        sh("ip", "netns", "add", NAMES[side])
        sh("ip", "link", "add", f"v{i}", "netns", NAMES["sw"], "type", "veth", "peer", "name",
           "eth0", "netns", NAMES[side], ns="sw")
        sh("ip", "link", "set", f"v{i}", "master", "br0", "up", ns="sw")
        for dev in ("lo", "eth0"):
            sh("ip", "link", "set", dev, "up", ns=side)
        sh("ip", "addr", "add", f"{ADDRESSES[side]}/32", "dev", "eth0", ns=side)
        sh("ip", "route", "add", "default", "dev", "eth0", ns=side)


def spawn(ns, code):
    p = subprocess.Popen(["ip", "netns", "exec", NAMES[ns], sys.executable, "-c", code],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    PROCESSES.append(p)
    return p


def case(target, load):
    """Loads the host's rules from inside a live session; returns failures."""
    build()
    server = spawn("host", SERVER)
    assert server.stdout.readline().strip() == "ready"
    session = spawn("admin", SESSION)
    if session.stdout.readline().strip() != "up":
        return [f"{target}: the session did not start"]
    load()
    session.stdin.write("go\n")
    session.stdin.flush()
    failures = []
    if session.stdout.readline().strip() != "alive":
        failures.append(f"{target}: loading the rules cut the session they were loaded from")
    if sh(sys.executable, "-c", CONNECT, ns="admin").strip() != "open":
        failures.append(f"{target}: a new SSH session from the management zone cannot connect")
    if sh(sys.executable, "-c", CONNECT, ns="other").strip() != "closed":
        failures.append(f"{target}: SSH is open to a zone the management access does not name")
    return failures


def private(out, name, source):
    """A copy of `source` under `out`, to bind over it in a mount namespace of its own."""
    copy = os.path.join(out, name)
    if os.path.isdir(source):
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(source, copy, symlinks=True)
    else:
        shutil.copy2(source, copy)
    return copy


def load_ufw(script, out):
    """The generated ufw script, run as the operator would (`sh FILE`), in the host's network
    namespace over private copies of ufw's state."""
    etc = private(out, "etc-ufw", "/etc/ufw")
    default = private(out, "default-ufw", "/etc/default/ufw")
    sh("unshare", "-m", "--propagation", "private", "sh", "-c",
       f"mount --bind {etc} /etc/ufw && mount --bind {default} /etc/default/ufw && sh {script}",
       ns="host")


def firewalld_missing():
    """Why firewalld cannot run in a namespace here, or None."""
    for tool in ("firewalld", "firewall-cmd", "dbus-daemon"):
        if not shutil.which(tool):
            return f"{tool} is not installed"
    if not os.path.isdir("/etc/firewalld"):
        return "/etc/firewalld is missing"
    return None


# In the host's namespace, over a private /run and /etc/firewalld: a D-Bus system bus and
# firewalld, the generated zone and policy installed, the zone made the default (the steps
# the zone's description gives), then firewalld killed without its exit cleanup so that its
# nftables rules stay for the probes.
FIREWALLD = r"""
set -e
mount -t tmpfs none /run
mkdir -p /run/dbus
mount --bind "$ETC" /etc/firewalld
mkdir -p /etc/firewalld/zones /etc/firewalld/policies
cp "$RULES"/zones/*.xml /etc/firewalld/zones/
cp "$RULES"/policies/*.xml /etc/firewalld/policies/ 2>/dev/null || true
bus=$(dbus-daemon --system --fork --nopidfile --print-pid)
firewalld --nofork --nopid &
pid=$!
trap 'kill -9 $pid 2>/dev/null; kill $bus 2>/dev/null' EXIT
for i in $(seq 1 60); do
  firewall-cmd --state >/dev/null 2>&1 && break
  sleep 0.5
done
firewall-cmd --state
firewall-cmd --check-config
firewall-cmd --set-default-zone=portolan
firewall-cmd --reload
firewall-cmd --get-default-zone
"""


def load_firewalld(rules, out):
    etc = private(out, "etc-firewalld", "/etc/firewalld")
    for sub in ("zones", "policies"):
        shutil.rmtree(os.path.join(etc, sub), ignore_errors=True)
    conf = os.path.join(etc, "firewalld.conf")
    if os.path.isfile(conf):
        # Its exit would flush the rules the probes need; the kill above skips it anyway.
        text = open(conf).read().replace("CleanupOnExit=yes", "CleanupOnExit=no")
        open(conf, "w").write(text)
    cmd = ["ip", "netns", "exec", NAMES["host"], "unshare", "-m", "--propagation", "private",
           "env", f"ETC={etc}", f"RULES={rules}", "sh", "-c", FIREWALLD]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=90)
    if r.returncode != 0:
        raise RuntimeError(f"firewalld: {(r.stderr or r.stdout).strip()[-400:]}")


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
    if shutil.which("ufw") and os.path.isdir("/etc/ufw") and os.path.isfile("/etc/default/ufw"):
        cases["ufw"] = lambda: load_ufw(ufw, out)
    else:
        skipped.append("ufw (not installed)")
    firewalld = os.path.join(out, "firewalld", "h1")
    why_not = firewalld_missing()
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
    print(f"session: {3 * len(cases) - len(failures)} passed, {len(failures)} failed")
    subprocess.run(["rm", "-rf", out])
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
