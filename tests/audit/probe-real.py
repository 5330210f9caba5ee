#!/usr/bin/env python3
"""Real packets through the real-host rulesets (capture.sh real): each ruleset is loaded into
a server namespace (10.0.0.10, 2001:db8:1::10) joined by a veth to a client namespace that
holds every source address probed; TCP connects / UDP echoes from chosen sources say what the
kernel accepts. Behind the server, "containers" and a forwarded-to host (their own namespaces,
each on a veth whose server end is named like the bridge a ruleset names: docker0, br-…,
cni0, eth2) listen on the ports the rulesets DNAT to, and the server forwards: a published
port is accepted when the packet reaches the container through the server's FORWARD. Prints `FILE SOURCE DESTINATION PORT/PROTO accepted|blocked` lines, which
audit::tests::real_hosts compares with what the readers make of the same files.

  usage: probe-real.py FIXTURES_DIR SOURCES_DIR   (root, ip, nft, iptables-restore, ipset)
"""
import atexit
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PROBE = os.path.join(HERE, "..", "netns", "probe.py")
SERVER4, SERVER6 = "10.0.0.10", "2001:db8:1::10"
# Own prefix: other engineers run namespace tests on the same machine.
NS = f"u6a{os.getpid()}"
SRV, CLI = f"{NS}s", f"{NS}c"
LISTENERS = []
# (server interface, its address, the backend's addresses): where the rulesets' DNATs go.
BACKENDS = [
    ("docker0", "172.17.0.1/16", ["172.17.0.2", "172.17.0.3", "172.17.0.4"]),
    ("br-5e1c0a7d9f21", "172.18.0.1/16", ["172.18.0.2"]),
    ("br-a04b7c3e8d55", "172.19.0.1/16", ["172.19.0.3", "172.19.0.4"]),
    ("cni0", "10.244.0.1/16", ["10.244.1.5", "10.244.2.7"]),
    ("eth2", "10.30.0.1/24", ["10.30.0.5"]),
    ("eth3", "192.168.1.1/24", ["192.168.1.20", "192.168.1.30"]),
    ("virbr0", "192.168.122.1/24", ["192.168.122.10", "192.168.122.11"]),
    ("podman0", "10.88.0.1/16", ["10.88.0.2"]),
]
# IPv6 beside some of them (the server's address on that interface, the backend's).
BACKENDS6 = {"eth3": ("2001:db8:30::1/64", ["2001:db8:30::20", "2001:db8:30::30"]),
             "cni0": ("fd00:10:244::1/64", ["fd00:10:244::5", "fd00:10:244::7"])}
# The ports those DNATs send to.
BACKEND_PORTS = [["tcp", 80], ["tcp", 443], ["tcp", 3000], ["tcp", 5000], ["tcp", 5432],
                 ["tcp", 8080], ["tcp", 9200], ["udp", 53]]


def sh(*args, ns=None, check=True, input=None):
    cmd = (["ip", "netns", "exec", ns] if ns else []) + list(args)
    r = subprocess.run(cmd, capture_output=True, text=True, input=input, timeout=60)
    if check and r.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)}: {r.stderr.strip()}")
    return r.stdout


def cleanup():
    for p in LISTENERS:
        p.kill()
        p.wait(timeout=5)
    for ns in [SRV, CLI] + [f"{NS}b{i}" for i in range(len(BACKENDS))]:
        subprocess.run(["ip", "netns", "del", ns], capture_output=True)


atexit.register(cleanup)

# Round 8: the probes of the one host policy that ferm, Shorewall, FireHOL and arno each loaded
# (their cases below share them: the same policy, so the same packets).
TOOLS_HOST_PROBES = [
    ("10.0.0.5", 22, "tcp"), ("10.9.9.9", 22, "tcp"), ("198.51.100.7", 22, "tcp"),
    ("192.168.50.10", 5432, "tcp"), ("10.9.9.9", 5432, "tcp"), ("10.9.9.9", 80, "tcp"),
    ("203.0.113.9", 80, "tcp"), ("10.9.9.9", 443, "tcp"), ("10.9.9.9", 8443, "tcp"),
    ("10.2.0.7", 9100, "tcp"), ("10.9.9.9", 9100, "tcp"), ("10.0.0.5", 161, "udp"),
    ("10.9.9.9", 161, "udp"), ("10.9.9.9", 8080, "tcp"), ("198.51.100.7", 8080, "tcp"),
    ("10.0.0.5", 2443, "tcp"), ("10.9.9.9", 2443, "tcp"), ("10.9.9.9", 53, "udp"),
    ("10.9.9.9", 3306, "tcp"),
]
TOOLS_HOST_PROBES6 = [
    ("2001:db8:10::5", 22, "tcp"), ("2001:db8:99::5", 22, "tcp"), ("2001:db8:99::5", 443, "tcp"),
    ("2001:db8:99::5", 9100, "tcp"), ("2001:db8:99::5", 53, "udp"),
]

FAIL2BAN_PROBES = [
    ("10.0.0.5", 22, "tcp"), ("10.0.0.66", 22, "tcp"), ("198.51.100.7", 22, "tcp"),
    ("10.9.9.9", 80, "tcp"), ("203.0.113.50", 443, "tcp"), ("198.51.100.20", 80, "tcp"),
    ("100.64.3.4", 8443, "tcp"), ("100.64.3.5", 8443, "tcp"), ("10.1.0.5", 5432, "tcp"),
    ("10.9.9.9", 5432, "tcp"),
]

CROWDSEC_PROBES = [
    ("10.0.0.5", 22, "tcp"), ("10.0.0.66", 22, "tcp"), ("10.9.9.9", 22, "tcp"),
    ("203.0.113.9", 443, "tcp"), ("198.51.100.7", 80, "tcp"), ("10.9.9.9", 443, "tcp"),
]

# (ruleset fixture, how to load it, [(source, port, proto), ...]); the destination is the
# server's address of the source's family.
CASES = [
    ("ufw-host.iptables", "iptables", [
        ("10.0.0.5", 22, "tcp"), ("10.0.0.5", 5432, "tcp"), ("10.9.9.9", 5432, "tcp"),
        ("10.9.9.9", 3306, "tcp"), ("10.9.9.9", 2222, "tcp"), ("10.9.9.9", 8080, "tcp"),
        ("10.9.9.9", 3306, "udp"),
    ]),
    ("kube-node.iptables", "iptables", [
        ("10.0.0.5", 6443, "tcp"), ("10.9.9.9", 6443, "tcp"), ("10.0.0.5", 10250, "tcp"),
        ("10.0.0.5", 8472, "udp"), ("10.9.9.9", 8472, "udp"), ("10.9.9.9", 22, "tcp"),
        ("10.9.9.9", 32100, "tcp"), ("10.9.9.9", 30090, "tcp"), ("10.9.9.9", 8080, "tcp"),
        ("10.9.9.9", 30080, "tcp"),
    ]),
    ("docker-host.iptables", "iptables+ipset", [
        ("10.0.0.5", 22, "tcp"), ("198.51.100.7", 22, "tcp"), ("203.0.113.9", 22, "tcp"),
        ("10.9.9.9", 443, "tcp"), ("10.9.9.9", 2375, "tcp"), ("10.1.0.15", 5432, "tcp"),
        ("10.1.0.25", 5432, "tcp"), ("10.2.0.7", 9100, "tcp"), ("10.9.9.9", 9100, "tcp"),
        ("10.0.0.5", 51820, "udp"), ("192.0.2.1", 51820, "udp"), ("10.9.9.9", 9001, "tcp"),
        ("10.9.9.9", 8080, "tcp"), ("10.9.9.9", 5353, "udp"),
    ]),
    ("redirect-host.iptables", "iptables", [
        ("10.9.9.9", 80, "tcp"), ("10.9.9.9", 8080, "tcp"), ("10.9.9.9", 81, "tcp"),
    ]),
    ("docker-host-ipsets.iptables", "ipset-save+iptables", [
        ("10.2.0.7", 9100, "tcp"), ("10.3.0.5", 9100, "tcp"), ("10.9.9.9", 9100, "tcp"),
        ("10.0.0.5", 22, "tcp"),
    ]),
    ("ipv6-host.ip6tables", "ip6tables", [
        ("2001:db8:10::5", 22, "tcp"), ("2001:db8:99::5", 22, "tcp"), ("2001:db8:99::5", 443, "tcp"),
        ("2001:db8:99::5", 8080, "tcp"),
    ]),
    ("sets-and-maps.nft", "nft", [
        ("10.0.0.5", 22, "tcp"), ("10.0.0.66", 22, "tcp"), ("10.9.9.9", 22, "tcp"),
        ("2001:db8::10", 22, "tcp"), ("2001:db8::99", 22, "tcp"), ("10.9.9.9", 25, "tcp"),
        ("10.9.9.9", 8080, "tcp"), ("10.0.0.66", 8080, "tcp"), ("2001:db8::99", 8080, "tcp"),
        ("10.9.9.9", 443, "tcp"), ("192.168.50.10", 5432, "tcp"), ("10.0.0.5", 6379, "tcp"),
        ("2001:db8::11", 9090, "tcp"), ("2001:db8::99", 9090, "tcp"), ("10.9.9.9", 53, "udp"),
        ("10.9.9.9", 51820, "udp"),
    ]),
    ("server-vmaps.nft", "nft", [
        ("10.9.9.9", 22, "tcp"), ("10.9.9.9", 80, "tcp"), ("10.0.0.5", 9100, "tcp"),
        ("10.9.9.9", 9100, "tcp"), ("192.0.2.1", 9100, "tcp"), ("10.9.9.9", 53, "udp"),
        ("10.9.9.9", 123, "udp"), ("2001:db8::99", 443, "tcp"),
    ]),
    ("firewalld.nft", "nft-captured", [
        ("10.9.9.9", 22, "tcp"), ("10.9.9.9", 443, "tcp"), ("192.0.2.66", 443, "tcp"),
        ("10.20.0.5", 9090, "tcp"), ("10.20.0.5", 443, "tcp"), ("10.9.9.9", 9090, "tcp"),
        ("10.9.9.9", 8080, "tcp"), ("10.9.9.9", 8443, "tcp"), ("192.0.2.66", 8443, "tcp"),
        ("10.20.0.5", 8443, "tcp"),
    ]),
    ("docker-networks.iptables", "iptables", [
        ("10.0.0.5", 8443, "tcp"), ("10.9.9.9", 8443, "tcp"), ("10.0.0.5", 3000, "tcp"),
        ("10.9.9.9", 3000, "tcp"), ("10.0.0.5", 5432, "tcp"), ("10.9.9.9", 22, "tcp"),
    ]),
    # The server's interface is eth0: rules scoped to eth0 match the probes, to eth1 do not.
    ("csf-host.iptables", "iptables", [
        ("192.0.2.99", 80, "tcp"), ("192.0.2.99", 22, "tcp"), ("203.0.113.50", 80, "tcp"),
        ("203.0.113.50", 443, "tcp"), ("203.0.113.50", 22, "tcp"), ("198.51.100.9", 22, "tcp"),
        ("203.0.113.7", 443, "tcp"), ("192.0.2.10", 5555, "tcp"), ("192.0.2.20", 9090, "tcp"),
        ("192.0.2.20", 9091, "tcp"), ("10.9.9.9", 443, "tcp"), ("10.0.0.5", 9100, "tcp"),
        ("10.9.9.9", 9100, "tcp"), ("10.9.9.9", 8080, "tcp"), ("10.9.9.9", 30050, "tcp"),
        ("10.9.9.9", 30101, "tcp"), ("10.9.9.9", 53, "udp"), ("10.9.9.9", 33500, "udp"),
        ("10.9.9.9", 22, "tcp"), ("10.0.0.5", 8443, "tcp"), ("10.9.9.9", 8443, "tcp"),
        ("10.9.9.9", 3306, "tcp"), ("192.0.2.30", 3306, "tcp"), ("10.0.0.5", 5555, "tcp"),
        ("10.0.0.6", 5555, "tcp"), ("10.0.0.5", 139, "tcp"), ("10.0.0.5", 8080, "tcp"),
    ]),
    ("inet-host.nft", "nft", [
        ("198.51.100.9", 22, "tcp"), ("203.0.113.7", 80, "tcp"), ("10.9.9.9", 22, "tcp"),
        ("10.0.0.5", 5432, "tcp"), ("10.9.9.9", 5432, "tcp"), ("10.0.1.5", 6005, "tcp"),
        ("10.0.1.5", 6011, "tcp"), ("10.0.0.5", 6005, "tcp"), ("192.0.2.5", 161, "udp"),
        ("192.0.2.5", 161, "tcp"), ("2001:db8:10::5", 5432, "tcp"), ("2001:db8:99::5", 5432, "tcp"),
        ("10.9.9.9", 8050, "tcp"), ("10.9.9.9", 8050, "udp"), ("10.9.9.9", 9001, "tcp"),
        ("10.0.0.5", 9100, "tcp"), ("10.0.0.6", 9100, "tcp"), ("10.0.0.6", 9200, "tcp"),
        ("10.9.9.9", 7000, "tcp"), ("10.9.9.9", 7001, "tcp"), ("10.9.9.9", 500, "udp"),
        ("10.9.9.9", 2222, "tcp"), ("10.9.9.9", 2049, "tcp"), ("192.0.2.30", 2049, "tcp"),
        ("10.9.9.9", 8443, "tcp"), ("2001:db8:99::5", 8443, "tcp"), ("10.9.9.9", 8444, "tcp"),
        ("10.9.9.9", 8445, "tcp"), ("10.9.9.9", 8446, "tcp"), ("10.0.0.7", 5555, "tcp"),
        ("10.0.0.7", 5555, "udp"), ("10.0.0.7", 1000, "tcp"), ("10.9.9.9", 5555, "tcp"),
    ]),
    # What `ufw status verbose` says, against the tables the same ufw loaded.
    ("ufw-busy.ufw", "ufw-saves", [
        ("198.51.100.7", 443, "tcp"), ("198.51.100.7", 80, "tcp"), ("10.9.9.9", 80, "tcp"),
        ("2001:db8:99::5", 443, "tcp"), ("10.9.9.9", 5353, "udp"), ("10.9.9.9", 5298, "tcp"),
        ("10.9.9.9", 5298, "udp"), ("10.9.9.9", 2222, "tcp"), ("2001:db8:99::5", 2222, "tcp"),
        ("10.0.0.5", 5432, "tcp"), ("10.9.9.9", 5432, "tcp"), ("2001:db8:10::5", 5432, "tcp"),
        ("2001:db8:99::5", 5432, "tcp"), ("10.9.9.9", 8080, "tcp"), ("10.9.9.9", 8081, "tcp"),
        ("203.0.113.9", 3000, "tcp"), ("203.0.113.9", 443, "tcp"), ("10.9.9.9", 60500, "udp"),
        ("10.9.9.9", 25, "tcp"), ("10.0.0.5", 9100, "tcp"), ("10.9.9.9", 9200, "tcp"),
        ("192.0.2.30", 9100, "tcp"), ("10.9.9.9", 3000, "tcp"), ("10.9.9.9", 3000, "udp"),
        ("2001:db8:99::5", 3000, "tcp"), ("10.9.9.9", 53, "udp"), ("10.9.9.9", 9300, "tcp"),
    ]),
    # Published ports and forwarded ports: the packet is DNAT'd to a backend through FORWARD.
    ("docker-forward.iptables", "iptables", [
        ("10.0.0.5", 8080, "tcp"), ("10.9.9.9", 8080, "tcp"), ("198.51.100.7", 8080, "tcp"),
        ("10.0.0.5", 15432, "tcp"), ("10.9.9.9", 15432, "tcp"), ("10.9.9.9", 9200, "tcp"),
        ("10.9.9.9", 5353, "udp"), ("10.9.9.9", 80, "tcp"), ("10.9.9.9", 22, "tcp"),
    ]),
    ("dnat-forward.nft", "nft", [
        ("10.9.9.9", 8443, "tcp"), ("198.51.100.7", 8443, "tcp"), ("10.0.0.5", 2222, "tcp"),
        ("10.9.9.9", 2222, "tcp"), ("10.9.9.9", 5000, "tcp"), ("198.51.100.7", 5000, "tcp"),
        ("10.0.0.5", 8081, "tcp"), ("10.9.9.9", 8081, "tcp"), ("203.0.113.7", 8081, "tcp"),
        ("10.9.9.9", 443, "tcp"),
    ]),
    # mangle's drop of 203.0.113.0/24 and raw's NOTRACK of DNS come before filter.
    ("old-host.iptables", "ipset-save+iptables", [
        ("10.0.0.5", 5432, "tcp"), ("10.9.9.9", 5432, "tcp"), ("10.0.1.5", 6379, "tcp"),
        ("10.0.1.5", 5432, "tcp"), ("192.0.2.7", 161, "udp"), ("192.0.2.7", 161, "tcp"),
        ("203.0.113.7", 22, "tcp"), ("10.9.9.9", 22, "tcp"), ("10.9.9.9", 25, "tcp"),
        ("10.9.9.9", 53, "udp"), ("10.9.9.9", 80, "tcp"), ("203.0.113.7", 443, "tcp"),
        ("10.9.9.9", 8080, "tcp"),
    ]),
    # What `--list-all-zones` and `--list-all-policies` say, against the ruleset the daemon
    # loaded from the same configuration (public holds eth0, the probes' interface).
    ("firewalld-policies.firewalld", "firewalld-daemon", [
        ("10.9.9.9", 7000, "tcp"), ("198.51.100.7", 7000, "tcp"), ("192.0.2.66", 7000, "tcp"),
        ("10.9.9.9", 7001, "tcp"), ("192.0.2.66", 7001, "tcp"), ("10.9.9.9", 8443, "tcp"),
        ("192.0.2.66", 8443, "tcp"), ("10.9.9.9", 2222, "tcp"), ("192.0.2.5", 9000, "tcp"),
        ("10.9.9.9", 9000, "tcp"), ("10.20.0.5", 7000, "tcp"), ("10.20.0.5", 8443, "tcp"),
        ("10.9.9.9", 22, "tcp"), ("10.9.9.9", 443, "tcp"),
    ]),
    ("nftables.conf", "nft", [
        ("10.0.0.5", 22, "tcp"), ("10.9.9.9", 22, "tcp"), ("10.9.9.9", 443, "tcp"),
        ("198.51.100.7", 443, "tcp"), ("10.9.9.9", 8080, "tcp"),
    ]),
    ("handles.nft", "nft-captured", [
        ("10.9.9.9", 22, "tcp"), ("198.51.100.7", 22, "tcp"), ("2001:db8:99::5", 22, "tcp"),
        ("10.9.9.9", 80, "tcp"), ("198.51.100.7", 80, "tcp"), ("2001:db8:99::5", 80, "tcp"),
        ("10.9.9.9", 443, "tcp"),
    ]),
    ("shapes.iptables", "iptables", [
        ("192.0.2.15", 23, "tcp"), ("192.0.2.15", 85, "tcp"), ("192.0.2.15", 3000, "tcp"),
        ("192.0.2.30", 3000, "tcp"), ("10.0.0.5", 6000, "tcp"), ("10.0.0.200", 6000, "tcp"),
        ("10.9.9.9", 6000, "tcp"), ("10.9.9.9", 7000, "tcp"), ("198.51.100.7", 22, "tcp"),
        ("198.51.100.7", 7000, "tcp"), ("203.0.113.9", 22, "tcp"), ("10.9.9.9", 22, "tcp"),
        ("10.9.9.9", 443, "tcp"), ("10.9.9.9", 9050, "tcp"), ("10.9.9.9", 9200, "tcp"),
        ("10.9.9.9", 500, "udp"), ("10.0.0.5", 5005, "tcp"), ("10.9.9.9", 5005, "tcp"),
    ]),
    # A dormant table's policy drop blocks nothing.
    ("dormant.nft", "nft", [("10.9.9.9", 22, "tcp"), ("10.9.9.9", 80, "tcp")]),
    # kube-proxy in nftables mode: node ports and an external IP through verdict maps to
    # endpoints picked by numgen (pods behind cni0); a service without endpoints rejected.
    ("kube-proxy-nft.nft", "nft", [
        ("10.9.9.9", 30080, "tcp"), ("198.51.100.7", 30080, "tcp"), ("10.9.9.9", 30432, "tcp"),
        ("10.9.9.9", 30090, "tcp"), ("10.9.9.9", 8080, "tcp"), ("10.0.0.5", 22, "tcp"),
        ("10.9.9.9", 22, "tcp"), ("10.0.0.5", 6443, "tcp"), ("10.9.9.9", 6443, "tcp"),
        ("10.9.9.9", 30081, "tcp"),
    ]),
    # numgen / jhash / port maps to two hosts behind eth3, and IPv6 DNATs to them (forwarded).
    ("balancer.nft", "nft", [
        ("10.9.9.9", 80, "tcp"), ("198.51.100.7", 80, "tcp"), ("10.9.9.9", 443, "tcp"),
        ("10.9.9.9", 8080, "tcp"), ("10.0.0.5", 8081, "tcp"), ("203.0.113.7", 8081, "tcp"),
        ("10.0.0.5", 22, "tcp"), ("10.9.9.9", 22, "tcp"), ("2001:db8:99::5", 8443, "tcp"),
        ("2001:db8:66::5", 8443, "tcp"), ("2001:db8:99::5", 9200, "tcp"),
        ("2001:db8:99::5", 5000, "tcp"), ("2001:db8:99::5", 22, "tcp"),
    ]),
    # OpenWrt fw4's shape: the wan zone (eth0) admits 22 from 192.0.2.0/24, WireGuard and
    # the port forwards (8443 to 10.30.0.5:443 behind eth2, 2022 redirected to 22); the vpn
    # zone (wg*) is not the probes'.
    ("openwrt-fw4.nft", "nft", [
        ("192.0.2.7", 22, "tcp"), ("10.9.9.9", 22, "tcp"), ("10.9.9.9", 51820, "udp"),
        ("10.9.9.9", 8443, "tcp"), ("10.9.9.9", 2022, "tcp"), ("10.9.9.9", 443, "tcp"),
        ("2001:db8:99::5", 22, "tcp"),
    ]),
    # NixOS's nftables firewall: new connections through the vmap's jump to input-allow.
    ("nixos-nft.nft", "nft", [
        ("10.9.9.9", 22, "tcp"), ("10.9.9.9", 5432, "tcp"), ("10.9.9.9", 8005, "tcp"),
        ("10.9.9.9", 8010, "tcp"), ("10.9.9.9", 60001, "udp"), ("10.0.0.5", 6379, "tcp"),
        ("10.9.9.9", 6379, "tcp"), ("2001:db8:99::5", 443, "tcp"), ("2001:db8:99::5", 9101, "tcp"),
    ]),
    ("nixos-fw.iptables", "iptables", [
        ("10.9.9.9", 22, "tcp"), ("10.9.9.9", 5432, "tcp"), ("10.9.9.9", 8009, "tcp"),
        ("10.9.9.9", 41641, "udp"), ("10.9.9.9", 53, "udp"),
    ]),
    # pve-firewall's RETURN is the way to accept (INPUT's policy accepts what returns).
    ("proxmox-host.iptables", "ipset-save+iptables", [
        ("10.0.0.5", 8006, "tcp"), ("10.0.0.66", 8006, "tcp"), ("10.0.0.200", 8006, "tcp"),
        ("192.0.2.40", 22, "tcp"), ("10.9.9.9", 22, "tcp"), ("10.9.9.9", 443, "tcp"),
        ("10.0.0.66", 443, "tcp"), ("10.0.0.200", 5405, "udp"), ("10.9.9.9", 5405, "udp"),
        ("10.0.0.5", 5901, "tcp"),
    ]),
    # libvirt: 8022 to a guest accepted in FORWARD, 8023 to another rejected by LIBVIRT_FWI.
    ("libvirt-host.iptables", "iptables", [
        ("10.9.9.9", 22, "tcp"), ("10.9.9.9", 8022, "tcp"), ("10.9.9.9", 8023, "tcp"),
        ("10.0.0.5", 16514, "tcp"), ("10.9.9.9", 16514, "tcp"), ("10.9.9.9", 53, "udp"),
    ]),
    # libvirt's own nftables table is a forward base chain of its own: the host table's
    # accept of 8022 does not spare it its reject of new connections out on virbr0.
    ("libvirt-nft.nft", "nft", [
        ("10.9.9.9", 22, "tcp"), ("10.9.9.9", 8022, "tcp"), ("10.9.9.9", 8023, "tcp"),
        ("10.9.9.9", 53, "udp"),
    ]),
    # fail2ban's and SSHGuard's own tables: one ban, the other sets empty.
    ("bans-nft.nft", "nft", [
        ("10.9.9.9", 22, "tcp"), ("203.0.113.9", 22, "tcp"), ("203.0.113.9", 443, "tcp"),
        ("10.9.9.9", 80, "tcp"), ("2001:db8:99::5", 22, "tcp"), ("10.9.9.9", 8080, "tcp"),
    ]),
    # kube-proxy's ip6 table: node ports and an external IP to pods behind cni0 over IPv6.
    ("kube-proxy-nft6.nft", "nft", [
        ("2001:db8:99::5", 30080, "tcp"), ("2001:db8:99::5", 30432, "tcp"),
        ("2001:db8:99::5", 30090, "tcp"), ("2001:db8:99::5", 8080, "tcp"),
        ("2001:db8:99::5", 22, "tcp"), ("2001:db8:99::5", 443, "tcp"),
    ]),
    ("firewalld-shape.nft", "nft", [
        ("10.9.9.9", 22, "tcp"), ("10.9.9.9", 443, "tcp"), ("192.0.2.66", 443, "tcp"),
        ("10.20.0.5", 9090, "tcp"), ("10.20.0.5", 443, "tcp"), ("10.9.9.9", 9090, "tcp"),
        ("10.9.9.9", 8080, "tcp"),
    ]),
    # Docker 29's nftables backend: the published 8080 to a container behind br-5e1c0a7d9f21,
    # reached through the bridge's own forward chain (an interface verdict map).
    ("docker29-nft.nft", "nft", [
        ("10.9.9.9", 22, "tcp"), ("10.9.9.9", 8080, "tcp"), ("10.9.9.9", 80, "tcp"),
        ("10.9.9.9", 5432, "tcp"), ("10.9.9.9", 8081, "tcp"),
    ]),
    # Calico's host endpoint on eth0: policy marks (0x10000) instead of accepting, failsafe
    # ports accepted first, the rest dropped.
    ("calico-hep.iptables", "iptables", [
        ("10.9.9.9", 22, "tcp"), ("10.9.9.9", 6443, "tcp"), ("10.9.9.9", 443, "tcp"),
        ("10.0.0.5", 5432, "tcp"), ("10.9.9.9", 5432, "tcp"), ("10.9.9.9", 8080, "tcp"),
    ]),
    ("calico-nft.nft", "nft", [
        ("10.9.9.9", 22, "tcp"), ("10.9.9.9", 6443, "tcp"), ("10.1.0.15", 8443, "tcp"),
        ("10.9.9.9", 8443, "tcp"), ("10.9.9.9", 443, "tcp"), ("10.0.0.5", 5432, "tcp"),
        ("10.9.9.9", 5432, "tcp"), ("10.0.0.5", 9100, "tcp"), ("10.9.9.9", 8080, "tcp"),
    ]),
    ("tailscale-host.iptables", "iptables", [
        ("10.9.9.9", 443, "tcp"), ("10.0.0.5", 22, "tcp"), ("10.9.9.9", 22, "tcp"),
        ("10.9.9.9", 41641, "udp"), ("100.100.5.5", 443, "tcp"), ("100.115.92.7", 443, "tcp"),
        ("10.0.0.5", 8080, "tcp"), ("10.9.9.9", 8080, "tcp"),
    ]),
    ("wg-quick-nft.nft", "nft", [
        ("10.9.9.9", 51820, "udp"), ("10.9.9.9", 22, "tcp"), ("10.9.9.9", 9100, "tcp"),
        ("10.8.0.7", 9100, "tcp"), ("10.9.9.9", 80, "tcp"),
    ]),
    ("netavark-nft.nft", "nft", [
        ("10.0.0.5", 8081, "tcp"), ("10.9.9.9", 8081, "tcp"), ("10.0.0.5", 22, "tcp"),
        ("10.9.9.9", 22, "tcp"), ("10.9.9.9", 53, "udp"),
    ]),
    ("kube-router.iptables", "iptables", [
        ("10.42.0.5", 22, "tcp"), ("10.42.0.5", 53, "udp"), ("10.42.0.5", 6443, "tcp"),
        ("10.9.9.9", 22, "tcp"), ("10.9.9.9", 6443, "tcp"), ("10.9.9.9", 53, "udp"),
        ("10.0.0.5", 22, "tcp"),
    ]),
    ("cilium-node.iptables", "iptables", [
        ("10.0.0.5", 22, "tcp"), ("10.9.9.9", 22, "tcp"), ("10.0.0.5", 4240, "tcp"),
        ("10.0.0.5", 8472, "udp"), ("10.9.9.9", 8472, "udp"), ("10.9.9.9", 6443, "tcp"),
        ("10.9.9.9", 8080, "tcp"),
    ]),
    # Round 8: what ferm, Shorewall, FireHOL and arno-iptables-firewall loaded from one
    # host's policy (admins 10.0.0.0/24 and 192.168.50.0/24, the exporter for 10.2.0.7, two
    # banned sources, 8080 and 2443 published to 10.30.0.5 behind eth2); the save is the source.
    ("ferm-host.iptables", "iptables", TOOLS_HOST_PROBES),
    ("ferm-host.ip6tables", "ip6tables", TOOLS_HOST_PROBES6),
    ("shorewall-host.iptables", "iptables", TOOLS_HOST_PROBES),
    ("firehol-host.iptables", "iptables", TOOLS_HOST_PROBES),
    ("firehol-host.ip6tables", "ip6tables", TOOLS_HOST_PROBES6),
    ("arno-host.iptables", "iptables", TOOLS_HOST_PROBES),
    # Round 9: fail2ban's own bans (sshd: an admin's address; nginx-http-auth: an ipset on
    # the web ports; recidive: 600 addresses on every port) over the host's policy.
    ("fail2ban-host.iptables", "ipset-save+iptables", FAIL2BAN_PROBES),
    ("fail2ban-host.nft", "nft-captured", FAIL2BAN_PROBES),
    # CrowdSec's bouncer: its bans (an admin's address among them) in ipsets and in its table.
    ("crowdsec-host.iptables", "ipset-save+iptables", CROWDSEC_PROBES),
    ("crowdsec-nft.nft", "nft", CROWDSEC_PROBES),
    # Round 9: firewalld's zones with their ipsets listed (`--info-ipset`), against the
    # ruleset the daemon loaded from the same configuration: the admins' zone by ipset, a
    # rich drop by ipset, public's rich accept by the admins' ipset (their own zone decides).
    ("firewalld-busy-ipsets.firewalld", "firewalld-daemon", [
        ("10.20.0.5", 9091, "tcp"), ("10.9.9.9", 9091, "tcp"), ("10.20.0.5", 8443, "tcp"),
        ("10.20.0.5", 9090, "tcp"), ("198.51.100.7", 443, "tcp"), ("198.51.100.8", 443, "tcp"),
        ("10.9.9.9", 443, "tcp"), ("10.9.9.9", 8005, "tcp"), ("203.0.113.9", 443, "tcp"),
    ]),
    # Round 9: port 0 (a match no connection meets) and client source ports in nftables.
    ("port-zero.nft", "nft", [
        ("10.0.0.5", 22, "tcp"), ("10.9.9.9", 22, "tcp"), ("10.9.9.9", 80, "tcp"),
        ("203.0.113.9", 443, "tcp"), ("10.0.0.5", 161, "udp"), ("10.9.9.9", 161, "udp"),
        ("192.0.2.30", 25, "tcp"), ("192.0.2.30", 8080, "tcp"), ("10.0.0.5", 8080, "tcp"),
    ]),
]


def setup():
    sh("ip", "netns", "add", SRV)
    sh("ip", "netns", "add", CLI)
    sh("ip", "link", "add", "eth0", "netns", SRV, "type", "veth", "peer", "name", "v-c", "netns", CLI)
    sources = sorted({s for _, _, probes in CASES for s, _, _ in probes})
    for ns, dev, addresses in ((SRV, "eth0", [SERVER4, SERVER6]), (CLI, "v-c", sources)):
        sh("ip", "link", "set", "lo", "up", ns=ns)
        sh("ip", "link", "set", dev, "up", ns=ns)
        for a in addresses:
            prefix = "/128" if ":" in a else "/32"
            sh("ip", "addr", "add", a + prefix, "dev", dev, "nodad", ns=ns)
        # Every other address is on the link: no router between the two namespaces.
        sh("ip", "route", "add", "0.0.0.0/0", "dev", dev, ns=ns)
        sh("ip", "-6", "route", "add", "::/0", "dev", dev, ns=ns)
    # The server routes to the backends and forwards (as Docker and kube-proxy set it).
    sh("sysctl", "-qw", "net.ipv4.ip_forward=1", ns=SRV)
    sh("sysctl", "-qw", "net.ipv4.conf.all.rp_filter=0", ns=SRV)
    sh("sysctl", "-qw", "net.ipv6.conf.all.forwarding=1", ns=SRV)
    for i, (dev, gateway, addresses) in enumerate(BACKENDS):
        ns = f"{NS}b{i}"
        sh("ip", "netns", "add", ns)
        sh("ip", "link", "add", dev, "netns", SRV, "type", "veth", "peer", "name", "v-b", "netns", ns)
        sh("ip", "addr", "add", gateway, "dev", dev, ns=SRV)
        sh("ip", "link", "set", dev, "up", ns=SRV)
        prefix = gateway.split("/")[1]
        sh("ip", "link", "set", "lo", "up", ns=ns)
        sh("ip", "link", "set", "v-b", "up", ns=ns)
        for a in addresses:
            sh("ip", "addr", "add", f"{a}/{prefix}", "dev", "v-b", ns=ns)
        sh("ip", "route", "add", "default", "via", gateway.split("/")[0], ns=ns)
        if dev in BACKENDS6:
            gateway6, addresses6 = BACKENDS6[dev]
            sh("ip", "addr", "add", gateway6, "dev", dev, "nodad", ns=SRV)
            for a in addresses6:
                sh("ip", "addr", "add", f"{a}/{gateway6.split('/')[1]}", "dev", "v-b", "nodad", ns=ns)
            sh("ip", "-6", "route", "add", "default", "via", gateway6.split("/")[0], ns=ns)
        b = subprocess.Popen(["ip", "netns", "exec", ns, "python3", PROBE, "listen", json.dumps(BACKEND_PORTS)],
                             stdout=subprocess.PIPE, text=True)
        LISTENERS.append(b)
        if b.stdout.readline().strip() != "ready":
            raise RuntimeError("backend listeners did not start")
    # The links' IPv6 link-local addresses finish duplicate address detection (about a second)
    # before neighbour discovery across them answers at once: a forwarded IPv6 probe would
    # otherwise time out on it.
    time.sleep(2)
    ports = sorted({(proto, port) for _, _, probes in CASES for _, port, proto in probes})
    p = subprocess.Popen(["ip", "netns", "exec", SRV, "python3", PROBE, "listen", json.dumps(ports)],
                         stdout=subprocess.PIPE, text=True)
    LISTENERS.append(p)
    if p.stdout.readline().strip() != "ready":
        raise RuntimeError("listeners did not start")


def load(fixtures, sources, name, how):
    sh("nft", "flush", "ruleset", ns=SRV)
    sh("ip6tables", "-F", ns=SRV, check=False)
    path = os.path.join(fixtures, name)
    if how == "nft":
        sh("nft", "-f", os.path.join(sources, name), ns=SRV)
    elif how == "nft-captured":
        # Captured from a daemon (firewalld): its own listing is the source.
        sh("nft", "-f", path, ns=SRV)
    elif how == "firewalld-daemon":
        sh("nft", "-f", path[: -len(".firewalld")] + ".nft", ns=SRV)
    elif how == "ufw-saves":
        # The status says what ufw loaded: its iptables-save and ip6tables-save beside it.
        stem = path[: -len(".ufw")]
        sh("iptables-restore", stem + ".iptables", ns=SRV)
        sh("ip6tables-restore", stem + ".ip6tables", ns=SRV)
    elif how == "ip6tables":
        sh("ip6tables-restore", path, ns=SRV)
    elif how == "ipset-save+iptables":
        # `ipset save` then `iptables-save` in one file: each part to its own tool.
        lines = open(path).read().splitlines(keepends=True)
        sets = "".join(l for l in lines if l.startswith(("create ", "add ")))
        tables = "".join(l for l in lines if not l.startswith(("create ", "add ")))
        sh("ipset", "-exist", "restore", ns=SRV, input=sets)
        sh("iptables-restore", ns=SRV, input=tables)
    else:
        if how == "iptables+ipset":
            sh("ipset", "-exist", "restore", ns=SRV, input=open(os.path.join(sources, "docker-host.ipset")).read())
        sh("iptables-restore", path, ns=SRV)


def main():
    fixtures, sources = sys.argv[1], sys.argv[2]
    setup()
    only = os.environ.get("PROBE_ONLY")  # one case, while iterating on it
    for name, how, probes in CASES:
        if only and name != only:
            continue
        if not os.path.exists(os.path.join(fixtures, name)):
            continue  # not captured here (ufw or firewalld missing)
        load(fixtures, sources, name, how)
        time.sleep(0.2)
        batch = [[i, 6 if ":" in s else 4, s, SERVER6 if ":" in s else SERVER4, proto, port]
                 for i, (s, port, proto) in enumerate(probes)]
        results = json.loads(sh("python3", PROBE, "probe", json.dumps(batch), "1", ns=CLI))
        for i, s, dst, proto, port in ((b[0], b[2], b[3], b[4], b[5]) for b in batch):
            verdict = "accepted" if results[str(i)] else "blocked"
            print(f"{name} {s} {dst} {port}/{proto} {verdict}")


if __name__ == "__main__":
    main()
