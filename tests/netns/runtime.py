#!/usr/bin/env python3
"""A host that already runs things: the generated firewall applied on a container host.

The host (10.0.0.10) sits on a bridge with an admin (10.9.0.5), a banned admin address
(10.9.0.66: fail2ban has it) and an outside client (10.8.0.5). Inside the host: a bridge
`docker0` (172.17.0.1/16) with one container namespace behind it (172.17.0.2), forwarding on,
and the iptables chains a Docker daemon and fail2ban leave (see DOCKER_RULES: the published
port 8080 DNATs to the container's 80, the container's traffic out is masqueraded). Then each
target's file is applied the way its header says, from inside a live SSH-like session, and
the probes ask:

  * planned: a new session from admin connects to 22;   unplanned: 22 from outside does not;
  * fail2ban still bans 10.9.0.66;
  * containers still work: the published port from outside, the container's own traffic out,
    the host to its container;
  * the session the rules were loaded from survives.

Each target runs twice: for a host whose topology says nothing of its guests (`plain`), and
for one that names them (`guest_interfaces: [docker0]`). The `plain` round is recorded, not
judged (it shows what a file applied on the wrong kind of host cuts); the `guests` round must
pass every probe. Prints one line per probe, then `runtime: N passed, M failed`.

  usage: runtime.py --bin target/debug/portolan [--targets nftables,iptables,ufw,firewalld]
         [--variants plain,guests]   (root; firewalld only where its daemon and D-Bus exist)
"""
import argparse
import atexit
import os
import shutil
import subprocess
import sys
import tempfile

TOPOLOGY = """name: runtime-check
zones:
  admin: {cidrs: [10.9.0.0/24]}
  outside: {cidrs: [10.8.0.0/24]}
  srv: {cidrs: [10.0.0.0/24]}
hosts:
  h1: {zone: srv, address: 10.0.0.10%s}
management:
  - {from: admin, ports: [22/tcp]}
"""

# The chains as a Docker daemon (the classic layout: DOCKER-USER, the two isolation stages,
# DOCKER holding the published ports; nat DOCKER for the DNAT, MASQUERADE of the bridge's net)
# and fail2ban (its own chain, jumped to from INPUT for the SSH port) leave them.
DOCKER_RULES = """*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:DOCKER - [0:0]
-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
-A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER
-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
-A DOCKER -i docker0 -j RETURN
-A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD DROP [0:0]
:OUTPUT ACCEPT [0:0]
:DOCKER - [0:0]
:DOCKER-ISOLATION-STAGE-1 - [0:0]
:DOCKER-ISOLATION-STAGE-2 - [0:0]
:DOCKER-USER - [0:0]
:f2b-sshd - [0:0]
-A INPUT -p tcp -m multiport --dports 22 -j f2b-sshd
-A FORWARD -j DOCKER-USER
-A FORWARD -j DOCKER-ISOLATION-STAGE-1
-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A FORWARD -o docker0 -j DOCKER
-A FORWARD -i docker0 ! -o docker0 -j ACCEPT
-A FORWARD -i docker0 -o docker0 -j ACCEPT
-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT
-A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2
-A DOCKER-ISOLATION-STAGE-1 -j RETURN
-A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP
-A DOCKER-ISOLATION-STAGE-2 -j RETURN
-A DOCKER-USER -j RETURN
-A f2b-sshd -s 10.9.0.66/32 -j REJECT --reject-with icmp-port-unreachable
-A f2b-sshd -j RETURN
COMMIT
"""

# A line echo server on a port (the host's "sshd", the container's web server, an outside
# service the container calls).
SERVER = r"""
import socket, sys, threading
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("0.0.0.0", int(sys.argv[1]))); s.listen(8); print("ready", flush=True)
def serve(c):
    f = c.makefile("rwb", buffering=0)
    for line in f:
        f.write(line)
while True:
    c, _ = s.accept(); threading.Thread(target=serve, args=(c,), daemon=True).start()
"""

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
import socket, sys
try:
    c = socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=1.5)
    c.sendall(b"x\n"); c.settimeout(1.5)
    print("open" if c.recv(2) == b"x\n" else "closed")
except OSError:
    print("closed")
"""

NAMES = {"sw": "prt-sw", "admin": "prt-adm", "banned": "prt-ban", "outside": "prt-out",
         "host": "prt-h1", "ctr": "prt-ctr"}
ADDRESSES = {"admin": "10.9.0.5", "banned": "10.9.0.66", "outside": "10.8.0.5",
             "host": "10.0.0.10"}
PROCESSES = []


def sh(*args, ns=None, input=None, check=True):
    cmd = (["ip", "netns", "exec", NAMES[ns]] if ns else []) + list(args)
    r = subprocess.run(cmd, input=input, capture_output=True, text=True, timeout=90)
    if check and r.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)}: {(r.stderr or r.stdout).strip()[-600:]}")
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
    for i, side in enumerate(("admin", "banned", "outside", "host")):
        sh("ip", "netns", "add", NAMES[side])
        sh("ip", "link", "add", f"v{i}", "netns", NAMES["sw"], "type", "veth", "peer", "name",
           "eth0", "netns", NAMES[side], ns="sw")
        sh("ip", "link", "set", f"v{i}", "master", "br0", "up", ns="sw")
        for dev in ("lo", "eth0"):
            sh("ip", "link", "set", dev, "up", ns=side)
        sh("ip", "addr", "add", f"{ADDRESSES[side]}/32", "dev", "eth0", ns=side)
        sh("ip", "route", "add", "default", "dev", "eth0", ns=side)
    # The container runtime inside the host: a bridge, a container behind it, forwarding on.
    sh("ip", "netns", "add", NAMES["ctr"])
    sh("ip", "link", "add", "docker0", "type", "bridge", ns="host")
    sh("ip", "addr", "add", "172.17.0.1/16", "dev", "docker0", ns="host")
    sh("ip", "link", "set", "docker0", "up", ns="host")
    sh("ip", "link", "add", "vethc", "type", "veth", "peer", "name", "eth0", "netns",
       NAMES["ctr"], ns="host")
    sh("ip", "link", "set", "vethc", "master", "docker0", "up", ns="host")
    for dev in ("lo", "eth0"):
        sh("ip", "link", "set", dev, "up", ns="ctr")
    sh("ip", "addr", "add", "172.17.0.2/16", "dev", "eth0", ns="ctr")
    sh("ip", "route", "add", "default", "via", "172.17.0.1", ns="ctr")
    sh("sysctl", "-qw", "net.ipv4.ip_forward=1", ns="host")
    sh("iptables-restore", ns="host", input=DOCKER_RULES)


def spawn(ns, code, *args):
    p = subprocess.Popen(["ip", "netns", "exec", NAMES[ns], sys.executable, "-c", code, *args],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    PROCESSES.append(p)
    return p


def connect(ns, address, port):
    return sh(sys.executable, "-c", CONNECT, address, str(port), ns=ns).strip()


# (what, from, to address, port, expected)
PROBES = [
    ("planned: SSH from admin", "admin", "10.0.0.10", 22, "open"),
    ("unplanned: SSH from outside", "outside", "10.0.0.10", 22, "closed"),
    ("fail2ban: the banned admin address", "banned", "10.0.0.10", 22, "closed"),
    ("container: published port 8080 from outside", "outside", "10.0.0.10", 8080, "open"),
    ("container: its own traffic out (masqueraded)", "ctr", "10.8.0.5", 9000, "open"),
    ("container: the host to its container", "host", "172.17.0.2", 80, "open"),
]


def case(load):
    """Builds the host, loads its rules from inside a live session; returns (probe, result,
    expected) rows."""
    build()
    for ns, port in (("host", 22), ("ctr", 80), ("outside", 9000)):
        server = spawn(ns, SERVER, str(port))
        assert server.stdout.readline().strip() == "ready"
    control = [(what, connect(src, dst, port), want) for what, src, dst, port, want in PROBES]
    wrong = [f"{w}: {got} before any rule" for w, got, want in control
             if got != want and "unplanned" not in w]
    if wrong:
        raise RuntimeError("; ".join(wrong))
    session = spawn("admin", SESSION)
    if session.stdout.readline().strip() != "up":
        raise RuntimeError("the session did not start")
    load()
    session.stdin.write("go\n")
    session.stdin.flush()
    rows = [("the session the rules were loaded from", session.stdout.readline().strip(),
             "alive")]
    rows += [(what, connect(src, dst, port), want) for what, src, dst, port, want in PROBES]
    return rows


def private(out, name, source):
    copy = os.path.join(out, name)
    if os.path.isdir(source):
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(source, copy, symlinks=True)
    else:
        shutil.copy2(source, copy)
    return copy


def load_ufw(script, out):
    etc = private(out, "etc-ufw", "/etc/ufw")
    default = private(out, "default-ufw", "/etc/default/ufw")
    sh("unshare", "-m", "--propagation", "private", "sh", "-c",
       f"mount --bind {etc} /etc/ufw && mount --bind {default} /etc/default/ufw && sh {script}",
       ns="host")


# firewalld in the host's namespace over a private /run and /etc/firewalld (as session.py):
# the zone Docker makes on a firewalld host (`docker`, target ACCEPT, holding docker0) beside
# the generated zone and policy, the zone made the default, then firewalld killed without its
# exit cleanup so that its rules stay for the probes.
FIREWALLD = r"""
set -e
mount -t tmpfs none /run
mkdir -p /run/dbus
mount --bind "$ETC" /etc/firewalld
mkdir -p /etc/firewalld/zones /etc/firewalld/policies
cp "$RULES"/zones/*.xml /etc/firewalld/zones/
cp "$RULES"/policies/*.xml /etc/firewalld/policies/ 2>/dev/null || true
printf '<?xml version="1.0" encoding="utf-8"?>\n<zone target="ACCEPT">\n  <short>docker</short>\n  <interface name="docker0"/>\n</zone>\n' > /etc/firewalld/zones/docker.xml
bus=$(dbus-daemon --system --fork --nopidfile --print-pid)
firewalld --nofork --nopid &
pid=$!
trap 'kill -9 $pid 2>/dev/null; kill $bus 2>/dev/null' EXIT
for i in $(seq 1 60); do
  firewall-cmd --state >/dev/null 2>&1 && break
  sleep 0.5
done
firewall-cmd --check-config
firewall-cmd --set-default-zone=portolan
firewall-cmd --reload
"""


def load_firewalld(rules, out):
    etc = private(out, "etc-firewalld", "/etc/firewalld")
    for sub in ("zones", "policies"):
        shutil.rmtree(os.path.join(etc, sub), ignore_errors=True)
    conf = os.path.join(etc, "firewalld.conf")
    if os.path.isfile(conf):
        text = open(conf).read().replace("CleanupOnExit=yes", "CleanupOnExit=no")
        open(conf, "w").write(text)
    cmd = ["ip", "netns", "exec", NAMES["host"], "unshare", "-m", "--propagation", "private",
           "env", f"ETC={etc}", f"RULES={rules}", "sh", "-c", FIREWALLD]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=90)
    if r.returncode != 0:
        raise RuntimeError(f"firewalld: {(r.stderr or r.stdout).strip()[-400:]}")
    # firewalld's start flushes the iptables tables (FlushAllOnReload); Docker and fail2ban put
    # their rules back when firewalld (re)loads (Docker listens for its reload), so they do here.
    sh("iptables-restore", ns="host", input=DOCKER_RULES)


def loaders(out, variant):
    """How each target's header says to load its file (without the timed way back)."""
    rules = os.path.join(out, variant)
    nft = os.path.join(rules, "nftables", "h1.nft")
    v4 = os.path.join(rules, "iptables", "h1.rules.v4")
    ufw = os.path.join(rules, "ufw", "h1.sh")
    header = open(v4).read() if os.path.isfile(v4) else ""
    # Before: the file replaced the filter table (`iptables-restore < file`); now its header
    # says `--noflush`. The probe follows whatever the header says.
    noflush = ["--noflush"] if "iptables-restore --noflush" in header else []
    found = {
        "nftables": lambda: sh("nft", "-f", nft, ns="host"),
        "iptables": lambda: sh("iptables-restore", *noflush, ns="host", input=open(v4).read()),
    }
    if shutil.which("ufw") and os.path.isdir("/etc/ufw") and os.path.isfile("/etc/default/ufw"):
        found["ufw"] = lambda: load_ufw(ufw, out)
    if all(shutil.which(t) for t in ("firewalld", "firewall-cmd", "dbus-daemon")) \
            and os.path.isdir("/etc/firewalld"):
        found["firewalld"] = lambda: load_firewalld(os.path.join(rules, "firewalld", "h1"), out)
    return found


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--targets", default="nftables,iptables,ufw,firewalld")
    ap.add_argument("--variants", default="plain,guests")
    args = ap.parse_args()
    if os.geteuid() != 0:
        print("runtime: skipped (needs root)")
        return 0
    atexit.register(cleanup)
    out = tempfile.mkdtemp(prefix="portolan-runtime.")
    variants = {"plain": "", "guests": ", guest_interfaces: [docker0]"}
    variants = {v: variants[v] for v in args.variants.split(",")}
    for variant, extra in variants.items():
        topology = os.path.join(out, f"{variant}.yaml")
        with open(topology, "w") as f:
            f.write(TOPOLOGY % extra)
        for target in args.targets.split(","):
            subprocess.run([args.bin, "rules", topology, "--target", target, "-o",
                            os.path.join(out, variant), "-q"], check=True)
    passed = failed = 0
    for variant in variants:
        for target, load in loaders(out, variant).items():
            if target not in args.targets.split(","):
                continue
            try:
                rows = case(load)
            except RuntimeError as error:
                print(f"FAIL {variant} {target}: could not run: {error}")
                failed += 1
                continue
            finally:
                cleanup()
            for what, got, want in rows:
                ok = got == want
                judged = variant == "guests"
                mark = ("ok  " if ok else "FAIL") if judged else ("same" if ok else "CUT ")
                print(f"{mark} {variant:6} {target:9} {what}: {got} (want {want})")
                if judged:
                    passed += ok
                    failed += not ok
    print(f"runtime: {passed} passed, {failed} failed")
    subprocess.run(["rm", "-rf", out])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
