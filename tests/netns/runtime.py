#!/usr/bin/env python3
"""Hosts that already run things: the generated firewall applied on a host that routes for guests.

The host (10.0.0.10) sits on a bridge with an admin (10.9.0.5), a banned admin address
(10.9.0.66: fail2ban has it) and an outside client (10.8.0.5). Inside the host, one of three
kinds of guests (KINDS), each with the iptables chains its runtime and fail2ban leave, forwarding
on:

  * docker:  `docker0` (172.17.0.1/16) with a container, and a user-defined network's bridge
             `br-5e1f0a` (172.18.0.1/16) with a second one (guest_interfaces `br-*`, written
             `br-+` by iptables and ufw); Docker's classic chains, published port 8080 DNATed
             to the first container's 80, both networks masqueraded out;
  * k8s:     a Kubernetes node with Calico-style pod interfaces (a veth `cali5f3a9b` per pod, a
             /32 route, proxy ARP; guest_interfaces `cali*`) and kube-proxy's iptables chains:
             NodePort 30080 DNATed to the pod's 80 through KUBE-NODEPORTS/KUBE-SVC/KUBE-SEP,
             marked traffic masqueraded, pod traffic out masqueraded;
  * libvirt: `virbr0` (192.168.122.1/24) with a VM behind it, libvirt's own chains (LIBVIRT_INP
             for the DNS and DHCP it serves the VMs, LIBVIRT_FWI/FWO/FWX, LIBVIRT_PRT's NAT).

Each target's file is applied the way its header says, from inside a live SSH-like session,
and the probes ask:

  * planned: a new session from admin connects to 22;   unplanned: 22 from outside does not;
  * fail2ban still bans 10.9.0.66;
  * the guests still work: a published port from outside, their own traffic out, the host to
    them, them to the host's services on their interface;
  * the session the rules were loaded from survives.

Each target runs twice per kind: for a host whose topology says nothing of its guests
(`plain`), and for one that names them (`guests`). The `plain` round is recorded, not judged
(it shows what a file applied on the wrong kind of host cuts); the `guests` round must pass
every probe. firewalld also reports whether its start and reload left the runtime's iptables
rules in place (they do not: its header must say so, and that is judged). Prints one line per
probe, then `runtime: N passed, M failed`.

  usage: runtime.py --bin target/debug/portolan [--targets nftables,iptables,ufw,firewalld]
         [--variants plain,guests] [--kinds docker,k8s,libvirt]
         (root; firewalld only where its daemon and D-Bus exist)
"""
import argparse
import atexit
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nslib  # noqa: E402  (namespaces, the echo server and session, ufw and firewalld)

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

# fail2ban's chain, jumped to from INPUT for the SSH port (the same on every kind of host).
F2B = """:f2b-sshd - [0:0]
-I INPUT 1 -p tcp -m multiport --dports 22 -j f2b-sshd
-A f2b-sshd -s 10.9.0.66/32 -j REJECT --reject-with icmp-port-unreachable
-A f2b-sshd -j RETURN
"""

# The chains as a Docker daemon leaves them (the classic layout: DOCKER-USER, the two isolation
# stages, DOCKER holding the published ports; nat DOCKER for the DNAT, MASQUERADE of each
# bridge's network), for docker0 and a user-defined network's br-5e1f0a.
DOCKER_RULES = """*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:DOCKER - [0:0]
-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
-A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER
-A POSTROUTING -s 172.18.0.0/16 ! -o br-5e1f0a -j MASQUERADE
-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
-A DOCKER -i br-5e1f0a -j RETURN
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
-A FORWARD -j DOCKER-USER
-A FORWARD -j DOCKER-ISOLATION-STAGE-1
-A FORWARD -o br-5e1f0a -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A FORWARD -o br-5e1f0a -j DOCKER
-A FORWARD -i br-5e1f0a ! -o br-5e1f0a -j ACCEPT
-A FORWARD -i br-5e1f0a -o br-5e1f0a -j ACCEPT
-A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A FORWARD -o docker0 -j DOCKER
-A FORWARD -i docker0 ! -o docker0 -j ACCEPT
-A FORWARD -i docker0 -o docker0 -j ACCEPT
-A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT
-A DOCKER-ISOLATION-STAGE-1 -i br-5e1f0a ! -o br-5e1f0a -j DOCKER-ISOLATION-STAGE-2
-A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2
-A DOCKER-ISOLATION-STAGE-1 -j RETURN
-A DOCKER-ISOLATION-STAGE-2 -o br-5e1f0a -j DROP
-A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP
-A DOCKER-ISOLATION-STAGE-2 -j RETURN
-A DOCKER-USER -j RETURN
""" + F2B + "COMMIT\n"

# kube-proxy's iptables mode as it lays out a NodePort service (nat: KUBE-SERVICES ->
# KUBE-NODEPORTS -> KUBE-EXT -> mark for masquerade, KUBE-SVC -> KUBE-SEP's DNAT; filter:
# KUBE-FORWARD accepting marked and established traffic, KUBE-FIREWALL), and Calico's pod
# interfaces accepted in FORWARD and its outgoing NAT for the pod network.
K8S_RULES = """*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:KUBE-SERVICES - [0:0]
:KUBE-NODEPORTS - [0:0]
:KUBE-POSTROUTING - [0:0]
:KUBE-MARK-MASQ - [0:0]
:KUBE-EXT-WEB - [0:0]
:KUBE-SVC-WEB - [0:0]
:KUBE-SEP-WEB1 - [0:0]
:cali-nat-outgoing - [0:0]
-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING
-A POSTROUTING -j cali-nat-outgoing
-A KUBE-SERVICES -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS
-A KUBE-NODEPORTS -p tcp -m tcp --dport 30080 -j KUBE-EXT-WEB
-A KUBE-EXT-WEB -j KUBE-MARK-MASQ
-A KUBE-EXT-WEB -j KUBE-SVC-WEB
-A KUBE-SVC-WEB -j KUBE-SEP-WEB1
-A KUBE-SEP-WEB1 -p tcp -m tcp -j DNAT --to-destination 10.244.1.5:80
-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000
-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN
-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0
-A KUBE-POSTROUTING -j MASQUERADE
-A cali-nat-outgoing -s 10.244.0.0/16 ! -d 10.244.0.0/16 -j MASQUERADE
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:KUBE-FORWARD - [0:0]
:KUBE-FIREWALL - [0:0]
:cali-FORWARD - [0:0]
-A INPUT -j KUBE-FIREWALL
-A OUTPUT -j KUBE-FIREWALL
-A FORWARD -m comment --comment "cali:forward" -j cali-FORWARD
-A FORWARD -m comment --comment "kubernetes forwarding rules" -j KUBE-FORWARD
-A cali-FORWARD -i cali+ -j ACCEPT
-A cali-FORWARD -o cali+ -j ACCEPT
-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP
-A KUBE-FORWARD -m mark --mark 0x4000/0x4000 -j ACCEPT
-A KUBE-FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A KUBE-FIREWALL ! -s 127.0.0.0/8 -d 127.0.0.0/8 -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP
""" + F2B + "COMMIT\n"

# libvirt's own chains for its default NAT network (since libvirt 5.1, with the iptables
# backend): the DNS and DHCP it serves on virbr0 accepted in LIBVIRT_INP/OUT, forwarding in
# and out of the network only (others rejected), masquerade in LIBVIRT_PRT.
LIBVIRT_RULES = """*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:LIBVIRT_PRT - [0:0]
-A POSTROUTING -j LIBVIRT_PRT
-A LIBVIRT_PRT -s 192.168.122.0/24 -d 224.0.0.0/24 -j RETURN
-A LIBVIRT_PRT -s 192.168.122.0/24 -d 255.255.255.255/32 -j RETURN
-A LIBVIRT_PRT -s 192.168.122.0/24 ! -d 192.168.122.0/24 -p tcp -j MASQUERADE --to-ports 1024-65535
-A LIBVIRT_PRT -s 192.168.122.0/24 ! -d 192.168.122.0/24 -p udp -j MASQUERADE --to-ports 1024-65535
-A LIBVIRT_PRT -s 192.168.122.0/24 ! -d 192.168.122.0/24 -j MASQUERADE
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:LIBVIRT_INP - [0:0]
:LIBVIRT_OUT - [0:0]
:LIBVIRT_FWO - [0:0]
:LIBVIRT_FWI - [0:0]
:LIBVIRT_FWX - [0:0]
-A INPUT -j LIBVIRT_INP
-A FORWARD -j LIBVIRT_FWX
-A FORWARD -j LIBVIRT_FWI
-A FORWARD -j LIBVIRT_FWO
-A OUTPUT -j LIBVIRT_OUT
-A LIBVIRT_INP -i virbr0 -p udp -m udp --dport 53 -j ACCEPT
-A LIBVIRT_INP -i virbr0 -p tcp -m tcp --dport 53 -j ACCEPT
-A LIBVIRT_INP -i virbr0 -p udp -m udp --dport 67 -j ACCEPT
-A LIBVIRT_INP -i virbr0 -p tcp -m tcp --dport 67 -j ACCEPT
-A LIBVIRT_OUT -o virbr0 -p udp -m udp --dport 53 -j ACCEPT
-A LIBVIRT_OUT -o virbr0 -p tcp -m tcp --dport 53 -j ACCEPT
-A LIBVIRT_OUT -o virbr0 -p udp -m udp --dport 68 -j ACCEPT
-A LIBVIRT_OUT -o virbr0 -p tcp -m tcp --dport 68 -j ACCEPT
-A LIBVIRT_FWO -s 192.168.122.0/24 -i virbr0 -j ACCEPT
-A LIBVIRT_FWO -i virbr0 -j REJECT --reject-with icmp-port-unreachable
-A LIBVIRT_FWI -d 192.168.122.0/24 -o virbr0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
-A LIBVIRT_FWI -o virbr0 -j REJECT --reject-with icmp-port-unreachable
-A LIBVIRT_FWX -i virbr0 -o virbr0 -j ACCEPT
""" + F2B + "COMMIT\n"

# Each kind: its guests_interfaces, its rules, the bridges or pod interfaces it builds in the
# host (see `guests_of`), the listeners besides the host's "sshd" (namespace, port), the
# zone a runtime gives its interfaces on a firewalld host (name, interfaces), its probes.
KINDS = {
    "docker": {
        "guests": "[docker0, br-*]",
        "rules": DOCKER_RULES,
        "bridges": [("docker0", "172.17.0.1/16", "g1", "172.17.0.2/16"),
                    ("br-5e1f0a", "172.18.0.1/16", "g2", "172.18.0.2/16")],
        "servers": [("g1", 80), ("g2", 80)],
        "zone": ("docker", ["docker0", "br-5e1f0a"]),
        "probes": [
            ("docker: published port 8080 from outside", "outside", "10.0.0.10", 8080, "open"),
            ("docker: its traffic out (masqueraded)", "g1", "10.8.0.5", 9000, "open"),
            ("docker: the host to its container", "host", "172.17.0.2", 80, "open"),
            ("docker: the host to a container on br-*", "host", "172.18.0.2", 80, "open"),
            ("docker: a container on br-* out (masqueraded)", "g2", "10.8.0.5", 9000, "open"),
        ],
    },
    "k8s": {
        "guests": "[cali*]",
        "rules": K8S_RULES,
        "pods": [("cali5f3a9b", "g1", "10.244.1.5")],
        "servers": [("g1", 80), ("host", 10250)],
        "zone": ("k8s", ["cali+"]),
        "probes": [
            ("k8s: NodePort 30080 from outside", "outside", "10.0.0.10", 30080, "open"),
            ("k8s: the pod's traffic out (masqueraded)", "g1", "10.8.0.5", 9000, "open"),
            ("k8s: the node to its pod", "host", "10.244.1.5", 80, "open"),
            ("k8s: the pod to the node's kubelet", "g1", "10.0.0.10", 10250, "open"),
            ("unplanned: the kubelet from outside", "outside", "10.0.0.10", 10250, "closed"),
        ],
    },
    "libvirt": {
        "guests": "[virbr0]",
        "rules": LIBVIRT_RULES,
        "bridges": [("virbr0", "192.168.122.1/24", "g1", "192.168.122.10/24")],
        "servers": [("g1", 22), ("host", 53)],
        "zone": ("libvirt", ["virbr0"]),
        "probes": [
            ("libvirt: the VM's traffic out (masqueraded)", "g1", "10.8.0.5", 9000, "open"),
            ("libvirt: the host to its VM", "host", "192.168.122.10", 22, "open"),
            ("libvirt: the VM to the host's DNS on virbr0", "g1", "192.168.122.1", 53, "open"),
            ("unplanned: the host's DNS from outside", "outside", "10.0.0.10", 53, "closed"),
        ],
    },
}

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
         "host": "prt-h1", "g1": "prt-g1", "g2": "prt-g2"}
ADDRESSES = {"admin": "10.9.0.5", "banned": "10.9.0.66", "outside": "10.8.0.5",
             "host": "10.0.0.10"}
SPACES = nslib.Namespaces(NAMES, timeout=90, stdout_too=True, tail=600)
sh, spawn, cleanup = SPACES.sh, SPACES.spawn, SPACES.cleanup
SERVER, SESSION = nslib.SERVER, nslib.SESSION  # (reapply.py uses them from here)


def guest(ns, host_side):
    """A guest namespace whose eth0 is the peer of `host_side` in the host."""
    sh("ip", "netns", "add", NAMES[ns])
    sh("ip", "link", "add", host_side, "type", "veth", "peer", "name", "eth0", "netns",
       NAMES[ns], ns="host")
    for dev in ("lo", "eth0"):
        sh("ip", "link", "set", dev, "up", ns=ns)


def build(kind):
    SPACES.switch(ADDRESSES)
    # The guests inside the host: a bridge per network with a guest behind it (Docker,
    # libvirt), or a routed veth per pod (Calico: a /32 route, proxy ARP for its gateway).
    spec = KINDS[kind]
    for bridge, host_cidr, ns, guest_cidr in spec.get("bridges", []):
        sh("ip", "link", "add", bridge, "type", "bridge", ns="host")
        sh("ip", "addr", "add", host_cidr, "dev", bridge, ns="host")
        sh("ip", "link", "set", bridge, "up", ns="host")
        guest(ns, f"veth{ns}")
        sh("ip", "link", "set", f"veth{ns}", "master", bridge, "up", ns="host")
        sh("ip", "addr", "add", guest_cidr, "dev", "eth0", ns=ns)
        sh("ip", "route", "add", "default", "via", host_cidr.split("/")[0], ns=ns)
    for veth, ns, address in spec.get("pods", []):
        guest(ns, veth)
        sh("ip", "link", "set", veth, "up", ns="host")
        sh("sysctl", "-qw", f"net.ipv4.conf.{veth}.proxy_arp=1", ns="host")
        sh("ip", "route", "add", f"{address}/32", "dev", veth, ns="host")
        sh("ip", "addr", "add", f"{address}/32", "dev", "eth0", ns=ns)
        sh("ip", "route", "add", "169.254.1.1", "dev", "eth0", ns=ns)
        sh("ip", "route", "add", "default", "via", "169.254.1.1", ns=ns)
    sh("sysctl", "-qw", "net.ipv4.ip_forward=1", ns="host")
    sh("iptables-restore", ns="host", input=spec["rules"])


def connect(ns, address, port):
    return sh(sys.executable, "-c", CONNECT, address, str(port), ns=ns).strip()


# (what, from, to address, port, expected), then each kind's own.
PROBES = [
    ("planned: SSH from admin", "admin", "10.0.0.10", 22, "open"),
    ("unplanned: SSH from outside", "outside", "10.0.0.10", 22, "closed"),
    ("fail2ban: the banned admin address", "banned", "10.0.0.10", 22, "closed"),
]


def probes(kind):
    return PROBES + KINDS[kind]["probes"]


def start(kind):
    """Builds the host of `kind` with its listeners and checks every probe but the unplanned
    one gets through before any rule (so a blocked probe later is the rules' doing)."""
    build(kind)
    for ns, port in [("host", 22), ("outside", 9000)] + KINDS[kind]["servers"]:
        server = spawn(ns, SERVER, str(port))
        assert server.stdout.readline().strip() == "ready"
    control = [(what, connect(src, dst, port), want)
               for what, src, dst, port, want in probes(kind)]
    wrong = [f"{w}: {got} before any rule" for w, got, want in control
             if got != want and "unplanned" not in w]
    if wrong:
        raise RuntimeError("; ".join(wrong))


def case(kind, load):
    """Builds the host, loads its rules from inside a live session; returns (probe, result,
    expected) rows."""
    start(kind)
    session = spawn("admin", SESSION)
    if session.stdout.readline().strip() != "up":
        raise RuntimeError("the session did not start")
    rows = load() or []
    session.stdin.write("go\n")
    session.stdin.flush()
    rows = [("the session the rules were loaded from", session.stdout.readline().strip(),
             "alive")] + rows
    rows += [(what, connect(src, dst, port), want)
             for what, src, dst, port, want in probes(kind)]
    return rows


def load_ufw(script, out, fresh=True):
    """The script run as its header says, over private copies of ufw's state (`fresh=False`
    keeps the copies of an earlier run: a second load)."""
    nslib.with_ufw_state(SPACES, out, f"sh {script}", fresh)


# firewalld in the host's namespace (nslib.run_firewalld): FIREWALLD_ZONE adds the zone a
# runtime makes on a firewalld host (target ACCEPT, holding its interfaces: the docker zone of
# Docker, the libvirt zone of libvirt, a trusted zone for Calico's cali+) beside the generated
# zone and policy; FIREWALLD_STEPS makes the generated zone the default and prints the
# runtime's filter rules as firewalld left them (after its start and reload).
FIREWALLD_ZONE = r"""{
  printf '<?xml version="1.0" encoding="utf-8"?>\n<zone target="ACCEPT">\n  <short>%s</short>\n' "$RUNTIME_ZONE"
  for i in $RUNTIME_INTERFACES; do printf '  <interface name="%s"/>\n' "$i"; done
  printf '</zone>\n'
} > /etc/firewalld/zones/"$RUNTIME_ZONE".xml
"""
FIREWALLD_STEPS = """firewall-cmd --check-config >/dev/null
firewall-cmd --set-default-zone=portolan >/dev/null
firewall-cmd --reload >/dev/null
iptables-save -t filter
"""


def load_firewalld(rules, out, kind, fresh=True):
    """Returns a row: did firewalld's start and reload keep the runtime's iptables rules, and
    does the generated zone's header say what happened?"""
    zone, interfaces = KINDS[kind]["zone"]
    printed = nslib.run_firewalld(SPACES, rules, out, FIREWALLD_STEPS, extra=FIREWALLD_ZONE,
                                  env=(f"RUNTIME_ZONE={zone}",
                                       f"RUNTIME_INTERFACES={' '.join(interfaces)}"),
                                  fresh=fresh)
    kept = "f2b-sshd -s 10.9.0.66" in printed
    header = open(os.path.join(rules, "zones", "portolan.xml")).read()
    said = "A reload of firewalld, and its start, empty the iptables rules" in header
    # Docker, libvirt and kube-proxy put their rules back when firewalld (re)loads; fail2ban
    # when it restarts. They do so here, so that the probes ask about the generated rules.
    sh("iptables-restore", ns="host", input=KINDS[kind]["rules"])
    return [("firewalld: its start and reload keep the iptables rules of others, or its header "
             "says they do not", "said" if said or kept else "unsaid", "said")]


def files(out, variant, kind):
    rules = os.path.join(out, kind, variant)
    return {"nftables": os.path.join(rules, "nftables", "h1.nft"),
            "iptables": os.path.join(rules, "iptables", "h1.rules.v4"),
            "ufw": os.path.join(rules, "ufw", "h1.sh"),
            "firewalld": os.path.join(rules, "firewalld", "h1")}


def available():
    """The targets whose tools exist here."""
    found = ["nftables", "iptables"]
    if not nslib.ufw_missing():
        found.append("ufw")
    if not nslib.firewalld_missing():
        found.append("firewalld")
    return found


def loaders(out, variant, kind):
    """How each target's header says to load its file (without the timed way back)."""
    f = files(out, variant, kind)
    header = open(f["iptables"]).read() if os.path.isfile(f["iptables"]) else ""
    # Before: the file replaced the filter table (`iptables-restore < file`); now its header
    # says `--noflush`. The probe follows whatever the header says.
    noflush = ["--noflush"] if "iptables-restore --noflush" in header else []
    every = {
        "nftables": lambda: sh("nft", "-f", f["nftables"], ns="host") and None,
        "iptables": lambda: sh("iptables-restore", *noflush, ns="host",
                               input=open(f["iptables"]).read()) and None,
        "ufw": lambda: load_ufw(f["ufw"], out),
        "firewalld": lambda: load_firewalld(f["firewalld"], out, kind),
    }
    return {t: every[t] for t in available()}


def generate(binary, out, variants, kinds, targets, topology=None):
    """Writes each kind's and variant's files under out/KIND/VARIANT/."""
    for kind in kinds:
        for variant in variants:
            extra = f", guest_interfaces: {KINDS[kind]['guests']}" if variant == "guests" else ""
            path = os.path.join(out, f"{kind}-{variant}.yaml")
            with open(path, "w") as f:
                f.write((topology or TOPOLOGY) % extra)
            for target in targets:
                subprocess.run([binary, "rules", path, "--target", target, "-o",
                                os.path.join(out, kind, variant), "-q"], check=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--targets", default="nftables,iptables,ufw,firewalld")
    ap.add_argument("--variants", default="plain,guests")
    ap.add_argument("--kinds", default=",".join(KINDS))
    args = ap.parse_args()
    if os.geteuid() != 0:
        print("runtime: skipped (needs root)")
        return 0
    atexit.register(cleanup)
    out = tempfile.mkdtemp(prefix="portolan-runtime.")
    variants = args.variants.split(",")
    kinds = args.kinds.split(",")
    targets = args.targets.split(",")
    generate(args.bin, out, variants, kinds, targets)
    tally = nslib.Tally()
    for kind in kinds:
        for variant in variants:
            for target, load in loaders(out, variant, kind).items():
                if target not in targets:
                    continue
                try:
                    rows = case(kind, load)
                except RuntimeError as error:
                    print(f"FAIL {kind} {variant} {target}: could not run: {error}")
                    tally.failed += 1
                    continue
                finally:
                    cleanup()
                # The plain round is recorded, not judged (but firewalld's header row is).
                tally.rows(f"{kind:7} {variant:6} {target:9}", rows,
                           judged=lambda what: variant == "guests"
                           or what.startswith("firewalld:"))
    return tally.end("runtime", out)


if __name__ == "__main__":
    sys.exit(main())
