#!/usr/bin/env python3
"""Hosts that already run things: the generated firewall applied on a host that routes for guests.

The host (10.0.0.10) sits on a bridge with an admin (10.9.0.5), a banned admin address
(10.9.0.66: fail2ban has it) and an outside client (10.8.0.5). Inside the host, one of nine
kinds of guests (KINDS), each with the rules its runtime lays out (iptables chains, or an
nftables table of its own) and fail2ban's chain, forwarding on:

  * docker:  `docker0` (172.17.0.1/16) with a container, and a user-defined network's bridge
             `br-5e1f0a` (172.18.0.1/16) with a second one (guest_interfaces `br-*`, written
             `br-+` by iptables and ufw); Docker's classic chains, published port 8080 DNATed
             to the first container's 80 (planned from admin only, in every round) and 8081
             to the second's (in no plan), both networks masqueraded out;
  * k8s:     a Kubernetes node with Calico-style pod interfaces (a veth `cali5f3a9b` per pod, a
             /32 route, proxy ARP; guest_interfaces `cali*`) and kube-proxy's iptables chains:
             NodePort 30080 DNATed to the pod's 80 through KUBE-NODEPORTS/KUBE-SVC/KUBE-SEP,
             marked traffic masqueraded, pod traffic out masqueraded;
  * libvirt: `virbr0` (192.168.122.1/24) with a VM behind it, libvirt's own chains (LIBVIRT_INP
             for the DNS and DHCP it serves the VMs, LIBVIRT_FWI/FWO/FWX, LIBVIRT_PRT's NAT);
  * podman:  Podman 5's netavark with its nftables driver: table `inet netavark`, `podman0`
             (10.88.0.1/16), published port 8080 DNATed to the container's 80, masquerade;
  * lxd:     LXD's (Incus's) managed bridge `lxdbr0` and its table `inet lxd` (DNS and DHCP to
             the instances, forwarding of the bridge, masquerade);
and four whose tunnel ends in a second node h2 (10.0.0.11, the `peer` namespace), its UDP
port planned between the two in the `guests` round (`services`, see tunnel_plan):
  * wireguard: `wg0` over 51820/udp;
  * tun-site-b: WireGuard under a name of its own over 51821/udp, the port given by a service
             named as the interface (its name tells Portolan nothing);
  * tailscale: `tailscale0` over 41641/udp with tailscaled's ts-input/ts-forward/ts-postrouting;
  * k3s:     flannel's `flannel.1` over VXLAN 8472/udp between the nodes' `cni0` bridges (a pod
             on each), FLANNEL-FWD and FLANNEL-POSTRTG.
The tunnels are VXLAN devices named as the real ones: the firewall sees the same interface and
the same UDP port (no wireguard module or Tailscale control server needed).

Each target's file is applied the way its header says, from inside a live SSH-like session,
and the probes ask:

  * planned: a new session from admin connects to 22;   unplanned: 22 from outside does not;
  * fail2ban still bans 10.9.0.66;
  * published (docker): 8080 from admin only, 8081 from no one (nftables, iptables and ufw
    hold Docker's published ports to the plan; firewalld cannot, and its header says so);
  * the guests still work: a published port from outside, their own traffic out, the host to
    them, them to the host's services on their interface;
  * unpublished (docker): an outside client that routes to the containers' networks through
    the host reaches no port Docker did not publish (ufw's `route allow out on docker0` let
    it through Docker's classic chains, which leave it to the FORWARD policy);
  * the session the rules were loaded from survives.

Each target runs twice per kind: for a host whose topology says nothing of its guests
(`plain`), and for one that names them (`guests`, with the tunnel's port planned); a tunnel
kind a third time, with the interface named and its port not planned (`iface`). The `plain`
and `iface` rounds are recorded, not judged (they show what a file applied on the wrong kind of
host cuts), but the header's line on each tunnel is (`iface`: its WARNING that the tunnel is
cut; `guests`: that its port passes); the `guests` round must pass every probe. firewalld also reports whether its start and reload left the runtime's iptables
rules in place (they do not: its header must say so, and that is judged). Prints one line per
probe, then `runtime: N passed, M failed`.

  usage: runtime.py --bin target/debug/portolan [--targets nftables,iptables,ufw,firewalld]
         [--variants plain,guests,iface] [--kinds docker,k8s,libvirt,podman,lxd,...]
         env PORTOLAN_NETNS_PREFIX: a prefix for the namespace names (two runs on one machine)
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
  h1: {zone: srv, address: 10.0.0.10@GUESTS@}
@HOSTS@management:
  - {from: admin, ports: [22/tcp]}
@PLAN@"""

# fail2ban's chain, jumped to from INPUT for the SSH port (the same on every kind of host).
F2B = """:f2b-sshd - [0:0]
-I INPUT 1 -p tcp -m multiport --dports 22 -j f2b-sshd
-A f2b-sshd -s 10.9.0.66/32 -j REJECT --reject-with icmp-port-unreachable
-A f2b-sshd -j RETURN
"""

# The chains as a Docker daemon leaves them (the classic layout: DOCKER-USER, the two isolation
# stages, DOCKER holding the published ports; nat DOCKER for the DNAT, MASQUERADE of each
# bridge's network), for docker0 and a user-defined network's br-5e1f0a: 8080 published to the
# first container's 80 (planned from admin), 8081 to the second's 80 (in no plan).
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
-A DOCKER ! -i br-5e1f0a -p tcp -m tcp --dport 8081 -j DNAT --to-destination 172.18.0.2:80
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
-A DOCKER -d 172.18.0.2/32 ! -i br-5e1f0a -o br-5e1f0a -p tcp -m tcp --dport 80 -j ACCEPT
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

# fail2ban's chain alone, for a host whose runtime keeps its own rules in nftables.
ONLY_F2B = """*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
""" + F2B + "COMMIT\n"

# Podman 5's netavark with its nftables driver: one table of its own, `inet netavark`, for
# the default network on podman0 (10.88.0.0/16): DNS from the containers to the host (its
# aardvark-dns), forwarding of the network's traffic, host ports DNATed from the local
# address (8080 to the container's 80) in NETAVARK-HOSTPORT-DNAT, the network masqueraded out
# through a chain per network. Written here in the layout `nft list table inet netavark`
# shows on such a host (chain names shortened).
NETAVARK_NFT = """table inet netavark
delete table inet netavark
table inet netavark {
	chain INPUT {
		type filter hook input priority filter; policy accept;
		ip saddr 10.88.0.0/16 meta l4proto { tcp, udp } th dport 53 accept
	}
	chain FORWARD {
		type filter hook forward priority filter; policy accept;
		ct state invalid drop
		jump NETAVARK-ISOLATION-1
		ip daddr 10.88.0.0/16 ct state established,related accept
		ip saddr 10.88.0.0/16 accept
	}
	chain NETAVARK-ISOLATION-1 {
	}
	chain POSTROUTING {
		type nat hook postrouting priority srcnat; policy accept;
		meta mark & 0x00002000 == 0x00002000 masquerade
		ip saddr 10.88.0.0/16 jump nv-podman-masq
	}
	chain nv-podman-masq {
		ip daddr 10.88.0.0/16 accept
		ip daddr 224.0.0.0/4 accept
		masquerade
	}
	chain PREROUTING {
		type nat hook prerouting priority dstnat; policy accept;
		fib daddr type local jump NETAVARK-HOSTPORT-DNAT
	}
	chain OUTPUT {
		type nat hook output priority -100; policy accept;
		fib daddr type local jump NETAVARK-HOSTPORT-DNAT
	}
	chain NETAVARK-HOSTPORT-DNAT {
		tcp dport 8080 jump nv-podman-dnat
	}
	chain nv-podman-dnat {
		ip saddr 10.88.0.0/16 tcp dport 8080 meta mark set meta mark | 0x00002000
		meta nfproto ipv4 tcp dport 8080 dnat ip to 10.88.0.2:80
	}
}
"""

# LXD's (and Incus's, `inet incus`) managed bridge lxdbr0 (10.10.10.1/24), its own table as
# `nft list table inet lxd` shows it: the DNS and DHCP its dnsmasq serves the instances
# accepted in and out on the bridge, forwarding in and out of the bridge accepted, the
# bridge's network masqueraded.
LXD_NFT = """table inet lxd
delete table inet lxd
table inet lxd {
	chain pstrt.lxdbr0 {
		type nat hook postrouting priority srcnat; policy accept;
		ip saddr 10.10.10.0/24 ip daddr != 10.10.10.0/24 masquerade
	}
	chain fwd.lxdbr0 {
		type filter hook forward priority filter; policy accept;
		meta nfproto ipv4 oifname "lxdbr0" accept
		meta nfproto ipv4 iifname "lxdbr0" accept
	}
	chain in.lxdbr0 {
		type filter hook input priority filter; policy accept;
		iifname "lxdbr0" tcp dport 53 accept
		iifname "lxdbr0" udp dport { 53, 67 } accept
		iifname "lxdbr0" icmp type { destination-unreachable, time-exceeded, parameter-problem } accept
	}
	chain out.lxdbr0 {
		type filter hook output priority filter; policy accept;
		oifname "lxdbr0" tcp sport 53 accept
		oifname "lxdbr0" udp sport { 53, 67 } accept
		oifname "lxdbr0" icmp type { destination-unreachable, time-exceeded, parameter-problem } accept
	}
}
"""

# tailscaled's iptables mode: ts-input accepts its own address on loopback, drops the CGNAT
# range (100.64.0.0/10) arriving anywhere but tailscale0, accepts all of tailscale0 and its
# UDP port 41641; ts-forward marks and accepts what comes from tailscale0 (a subnet router),
# ts-postrouting masquerades the marked traffic. Jumped to first from INPUT, FORWARD and
# POSTROUTING.
TAILSCALE_RULES = """*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:ts-postrouting - [0:0]
-A POSTROUTING -j ts-postrouting
-A ts-postrouting -m mark --mark 0x40000/0xff0000 -j MASQUERADE
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:ts-input - [0:0]
:ts-forward - [0:0]
-A INPUT -j ts-input
-A FORWARD -j ts-forward
-A ts-input -s 100.64.0.1/32 -i lo -j ACCEPT
-A ts-input -s 100.115.92.0/23 ! -i tailscale0 -j RETURN
-A ts-input -s 100.64.0.0/10 ! -i tailscale0 -j DROP
-A ts-input -i tailscale0 -j ACCEPT
-A ts-input -p udp -m udp --dport 41641 -j ACCEPT
-A ts-forward -i tailscale0 -j MARK --set-xmark 0x40000/0xff0000
-A ts-forward -m mark --mark 0x40000/0xff0000 -j ACCEPT
-A ts-forward -s 100.64.0.0/10 -o tailscale0 -j DROP
-A ts-forward -o tailscale0 -j ACCEPT
""" + F2B + "COMMIT\n"

# k3s's flannel (VXLAN backend): FLANNEL-FWD accepts the cluster's pod network (10.42.0.0/16)
# both ways in FORWARD, FLANNEL-POSTRTG keeps pod-to-pod traffic unNATed and masquerades the
# rest of the pods' traffic out.
FLANNEL_RULES = """*nat
:PREROUTING ACCEPT [0:0]
:INPUT ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:FLANNEL-POSTRTG - [0:0]
-A POSTROUTING -m comment --comment "flanneld masq" -j FLANNEL-POSTRTG
-A FLANNEL-POSTRTG -s 10.42.0.0/24 -d 10.42.0.0/16 -m comment --comment "flanneld masq" -j RETURN
-A FLANNEL-POSTRTG -s 10.42.0.0/16 -d 10.42.0.0/24 -m comment --comment "flanneld masq" -j RETURN
-A FLANNEL-POSTRTG -s 10.42.0.0/16 ! -d 224.0.0.0/4 -m comment --comment "flanneld masq" -j MASQUERADE --random-fully
COMMIT
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:FLANNEL-FWD - [0:0]
-A FORWARD -m comment --comment "flanneld forward" -j FLANNEL-FWD
-A FLANNEL-FWD -s 10.42.0.0/16 -m comment --comment "flanneld forward" -j ACCEPT
-A FLANNEL-FWD -d 10.42.0.0/16 -m comment --comment "flanneld forward" -j ACCEPT
""" + F2B + "COMMIT\n"

# A tunnel's UDP port planned between the host (h1) and its peer node (h2), as a topology
# says it when no catalog row does (the catalog's flannel rows do it for a platform's nodes).
def tunnel_plan(name, port):
    return (f"services:\n  - {{host: [h1, h2], name: {name}, ports: [{port}/udp], "
            "from: [srv]}\n")


# The tunnels are VXLAN devices named as the real ones (this kernel may have no wireguard
# module, and tailscaled needs its control server): what the host firewall sees is the same,
# an interface of that name and UDP to the tunnel's port on eth0, new in both directions.
# Each kind: its guests_interfaces, its rules, the bridges or pod interfaces it builds in the
# host (see `guests_of`), the listeners besides the host's "sshd" (namespace, port), the
# zone a runtime gives its interfaces on a firewalld host (name, interfaces), its probes.
KINDS = {
    "docker": {
        "guests": "[docker0, br-*]",
        "rules": DOCKER_RULES,
        "bridges": [("docker0", "172.17.0.1/16", "g1", "172.17.0.2/16"),
                    ("br-5e1f0a", "172.18.0.1/16", "g2", "172.18.0.2/16")],
        # The first container listens on 81 too, not published; the outside client routes
        # to the containers' networks through the host (the `unpublished` probe).
        "servers": [("g1", 80), ("g1", 81), ("g2", 80)],
        "routes": [("outside", "172.16.0.0/12 via 10.0.0.10 dev eth0 onlink")],
        "zone": ("docker", ["docker0", "br-5e1f0a"]),
        # A published port planned from admin only (every round: only a file that knows the
        # guests holds it to the plan).
        "services": "services:\n  - {host: h1, name: web, ports: [8080/tcp], from: [admin]}\n",
        # After the way back of the first load (reapply.py): Docker's own behaviour again,
        # every published port open to every address.
        "restored": [
            ("published port 8080 from outside, as Docker has it", "outside", "10.0.0.10", 8080,
             "open"),
            ("published port 8081 from admin, as Docker has it", "admin", "10.0.0.10", 8081,
             "open"),
        ],
        "probes": [
            ("docker: published port 8080 from admin (planned)", "admin", "10.0.0.10", 8080,
             "open"),
            # Regression (session 13's note): Docker's published port answered every address
            # while the plan allowed one zone; the files left DOCKER-USER empty.
            ("unplanned: published port 8080 from outside (planned from admin only)", "outside",
             "10.0.0.10", 8080, "closed"),
            ("unplanned: published port 8081 from admin (in no plan)", "admin", "10.0.0.10",
             8081, "closed"),
            ("docker: its traffic out (masqueraded)", "g1", "10.8.0.5", 9000, "open"),
            ("docker: the host to its container", "host", "172.17.0.2", 80, "open"),
            ("docker: the host to a container on br-*", "host", "172.18.0.2", 80, "open"),
            ("docker: a container on br-* out (masqueraded)", "g2", "10.8.0.5", 9000, "open"),
            ("unpublished: a container's port 81 from an outside client routing to it",
             "outside", "172.17.0.2", 81, "closed"),
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
    "podman": {
        "guests": "[podman0]",
        "rules": ONLY_F2B,
        "nft": NETAVARK_NFT,
        "bridges": [("podman0", "10.88.0.1/16", "g1", "10.88.0.2/16")],
        "servers": [("g1", 80), ("host", 53)],
        "zone": ("trusted", ["podman0"]),
        "probes": [
            ("podman: published port 8080 from outside", "outside", "10.0.0.10", 8080, "open"),
            ("podman: its traffic out (masqueraded)", "g1", "10.8.0.5", 9000, "open"),
            ("podman: the host to its container", "host", "10.88.0.2", 80, "open"),
            ("podman: the container to the host's DNS", "g1", "10.88.0.1", 53, "open"),
            ("unplanned: the host's DNS from outside", "outside", "10.0.0.10", 53, "closed"),
        ],
    },
    "lxd": {
        "guests": "[lxdbr0]",
        "rules": ONLY_F2B,
        "nft": LXD_NFT,
        "bridges": [("lxdbr0", "10.10.10.1/24", "g1", "10.10.10.2/24")],
        "servers": [("g1", 22), ("host", 53)],
        "zone": ("trusted", ["lxdbr0"]),
        "probes": [
            ("lxd: the instance's traffic out (masqueraded)", "g1", "10.8.0.5", 9000, "open"),
            ("lxd: the host to its instance", "host", "10.10.10.2", 22, "open"),
            ("lxd: the instance to the host's DNS on lxdbr0", "g1", "10.10.10.1", 53, "open"),
            ("unplanned: the host's DNS from outside", "outside", "10.0.0.10", 53, "closed"),
        ],
    },
    "wireguard": {
        "guests": "[wg0]",
        "rules": ONLY_F2B,
        "peer": True,
        "tunnels": [("wg0", 51, 51820, "10.250.0.1/24", "10.250.0.2/24")],
        "plan": tunnel_plan("wireguard", 51820),
        "servers": [("host", 9100), ("peer", 9100)],
        "zone": ("trusted", ["wg0"]),
    },
    # WireGuard under a name of its own (wg-quick names the interface after its file), on a
    # port of its own: its name says nothing, the service named as it gives its port.
    "tun-site-b": {
        "guests": "[tun-site-b]",
        "rules": ONLY_F2B,
        "peer": True,
        "tunnels": [("tun-site-b", 52, 51821, "10.251.0.1/24", "10.251.0.2/24")],
        "plan": tunnel_plan("tun-site-b", 51821),
        "servers": [("host", 9100), ("peer", 9100)],
        "zone": ("trusted", ["tun-site-b"]),
    },
    "tailscale": {
        "guests": "[tailscale0]",
        "rules": TAILSCALE_RULES,
        "peer": True,
        "tunnels": [("tailscale0", 41, 41641, "100.64.0.1/10", "100.64.0.2/10")],
        "plan": tunnel_plan("tailscale", 41641),
        "servers": [("host", 9100), ("peer", 9100)],
        "zone": ("trusted", ["tailscale0"]),
    },
    "k3s": {
        "guests": "[cni0, flannel*]",
        "rules": FLANNEL_RULES,
        "peer": True,
        "bridges": [("cni0", "10.42.0.1/24", "g1", "10.42.0.5/24")],
        "peer_bridges": [("cni0", "10.42.1.1/24", "g2", "10.42.1.5/24")],
        "tunnels": [("flannel.1", 1, 8472, "10.42.0.0/32", "10.42.1.0/32")],
        "routes": [("host", "10.42.1.0/24 via 10.42.1.0 dev flannel.1 onlink"),
                   ("peer", "10.42.0.0/24 via 10.42.0.0 dev flannel.1 onlink")],
        "plan": tunnel_plan("flannel-vxlan", 8472),
        "tunnel_probes": False,  # (its own: pod to pod across the tunnel)
        "servers": [("g1", 80), ("g2", 80), ("host", 10250)],
        "zone": ("trusted", ["cni0", "flannel.1"]),
        "probes": [
            ("k3s: a pod to a pod on the other node (VXLAN)", "g1", "10.42.1.5", 80, "open"),
            ("k3s: a pod on the other node to this node's pod", "g2", "10.42.0.5", 80, "open"),
            ("k3s: the pod's traffic out (masqueraded)", "g1", "10.8.0.5", 9000, "open"),
            ("k3s: the node to its pod", "host", "10.42.0.5", 80, "open"),
            ("k3s: the pod to the node's kubelet", "g1", "10.42.0.1", 10250, "open"),
            ("unplanned: the kubelet from outside", "outside", "10.0.0.10", 10250, "closed"),
        ],
    },
}

NAMES = {"sw": "prt-sw", "admin": "prt-adm", "banned": "prt-ban", "outside": "prt-out",
         "host": "prt-h1", "g1": "prt-g1", "g2": "prt-g2", "peer": "prt-h2"}
ADDRESSES = {"admin": "10.9.0.5", "banned": "10.9.0.66", "outside": "10.8.0.5",
             "host": "10.0.0.10"}
PEER = "10.0.0.11"  # the second node of a kind with a tunnel (h2 in its topology)
SPACES = nslib.Namespaces(NAMES, timeout=90, stdout_too=True, tail=600)
sh, spawn, cleanup, connect = SPACES.sh, SPACES.spawn, SPACES.cleanup, SPACES.connect
SERVER, SESSION = nslib.SERVER, nslib.SESSION  # (reapply.py uses them from here)


def guest(ns, host_side, owner="host"):
    """A guest namespace whose eth0 is the peer of `host_side` in `owner` (the host, or the
    peer node of a two-node kind)."""
    name = SPACES.names[ns]
    sh("ip", "netns", "add", name)
    sh("ip", "link", "add", host_side, "type", "veth", "peer", "name", "eth0", "netns",
       name, ns=owner)
    for dev in ("lo", "eth0"):
        sh("ip", "link", "set", dev, "up", ns=ns)


def build(kind):
    spec = KINDS[kind]
    SPACES.switch({**ADDRESSES, **({"peer": PEER} if "peer" in spec else {})})
    # The guests inside the host: a bridge per network with a guest behind it (Docker,
    # Podman, LXD, libvirt, k3s's cni0), or a routed veth per pod (Calico: a /32 route, proxy
    # ARP for its gateway); a two-node kind has bridges in its peer node too.
    bridges = [("host", *b) for b in spec.get("bridges", [])]
    bridges += [("peer", *b) for b in spec.get("peer_bridges", [])]
    for owner, bridge, host_cidr, ns, guest_cidr in bridges:
        sh("ip", "link", "add", bridge, "type", "bridge", ns=owner)
        sh("ip", "addr", "add", host_cidr, "dev", bridge, ns=owner)
        sh("ip", "link", "set", bridge, "up", ns=owner)
        guest(ns, f"veth{ns}", owner)
        sh("ip", "link", "set", f"veth{ns}", "master", bridge, "up", ns=owner)
        sh("ip", "addr", "add", guest_cidr, "dev", "eth0", ns=ns)
        sh("ip", "route", "add", "default", "via", host_cidr.split("/")[0], ns=ns)
    # A tunnel between the host and its peer node over UDP on eth0 (see TUNNELS).
    for dev, vni, port, host_cidr, peer_cidr in spec.get("tunnels", []):
        for owner, local, remote, cidr in [("host", ADDRESSES["host"], PEER, host_cidr),
                                           ("peer", PEER, ADDRESSES["host"], peer_cidr)]:
            sh("ip", "link", "add", dev, "type", "vxlan", "id", str(vni), "local", local,
               "remote", remote, "dstport", str(port), "dev", "eth0", ns=owner)
            sh("ip", "addr", "add", cidr, "dev", dev, ns=owner)
            sh("ip", "link", "set", dev, "up", ns=owner)
    for owner, route in spec.get("routes", []):
        sh("ip", "route", "add", *route.split(), ns=owner)
    if "peer" in spec:
        sh("sysctl", "-qw", "net.ipv4.ip_forward=1", ns="peer")
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
    if "nft" in spec:
        sh("nft", "-f", "-", ns="host", input=spec["nft"])


# (what, from, to address, port, expected), then each kind's own and its tunnels'.
PROBES = [
    ("planned: SSH from admin", "admin", "10.0.0.10", 22, "open"),
    ("unplanned: SSH from outside", "outside", "10.0.0.10", 22, "closed"),
    ("fail2ban: the banned admin address", "banned", "10.0.0.10", 22, "closed"),
]


def tunnel_probes(dev, host_cidr, peer_cidr, port=9100):
    """A tunnel between the host and its peer node carries the host's and the peer's
    listeners both ways; the same port stays closed from outside."""
    host, peer = host_cidr.split("/")[0], peer_cidr.split("/")[0]
    return [(f"{dev}: the peer to the host over it", "peer", host, port, "open"),
            (f"{dev}: the host to the peer over it", "host", peer, port, "open"),
            (f"unplanned: {port} from outside", "outside", "10.0.0.10", port, "closed")]


def probes(kind):
    spec = KINDS[kind]
    tunnels = [row for dev, _, _, host_cidr, peer_cidr in spec.get("tunnels", [])
               if spec.get("tunnel_probes", True)
               for row in tunnel_probes(dev, host_cidr, peer_cidr)]
    return PROBES + spec.get("probes", []) + tunnels


def ask(kind, tag="", want=None, unplanned=True):
    """The probes of `kind` as rows (what, got, expected): `tag` before each name, `want`
    (what -> expected) in place of a probe's own, the unplanned ones left out on request.
    The one place runtime.py and reapply.py probe a host."""
    return [(f"{tag}: {what}" if tag else what, connect(src, dst, port),
             want(what, expected) if want else expected)
            for what, src, dst, port, expected in probes(kind)
            if unplanned or not what.startswith("unplanned")]


def start(kind):
    """Builds the host of `kind` with its listeners and checks every probe but the unplanned
    one gets through before any rule (so a blocked probe later is the rules' doing)."""
    build(kind)
    for ns, port in [("host", 22), ("outside", 9000)] + KINDS[kind]["servers"]:
        server = spawn(ns, SERVER, str(port))
        assert server.stdout.readline().strip() == "ready"
    control = ask(kind)
    wrong = [f"{w}: {got} before any rule" for w, got, want in control
             if got != want and "unplanned" not in w]
    if wrong:
        raise RuntimeError("; ".join(wrong))


def case(kind, load, want=None):
    """Builds the host, loads its rules from inside a live session; returns (probe, result,
    expected) rows (`want`: see `ask`)."""
    start(kind)
    session = spawn("admin", SESSION)
    if session.stdout.readline().strip() != "up":
        raise RuntimeError("the session did not start")
    rows = load() or []
    session.stdin.write("go\n")
    session.stdin.flush()
    rows = [("the session the rules were loaded from", session.stdout.readline().strip(),
             "alive")] + rows
    rows += ask(kind, want=want)
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
PRINTED = [""]  # what the last firewalld run printed
FIREWALLD_STEPS = """echo "default zone before: $(firewall-cmd --get-default-zone)"
firewall-cmd --check-config >/dev/null
firewall-cmd --set-default-zone=portolan >/dev/null
firewall-cmd --reload >/dev/null
iptables-save -t filter
"""


def load_firewalld(rules, out, kind, fresh=True, steps=FIREWALLD_STEPS):
    """Returns a row: did firewalld's start and reload keep the runtime's iptables rules, and
    does the generated zone's header say what happened? (`steps`: other steps than those of
    the zone's description, e.g. its way back; what they print is kept in PRINTED.)"""
    zone, interfaces = KINDS[kind]["zone"]
    printed = nslib.run_firewalld(SPACES, rules, out, steps, extra=FIREWALLD_ZONE,
                                  env=(f"RUNTIME_ZONE={zone}",
                                       f"RUNTIME_INTERFACES={' '.join(interfaces)}"),
                                  fresh=fresh)
    PRINTED[0] = printed
    kept = "f2b-sshd -s 10.9.0.66" in printed
    header = open(os.path.join(rules, "zones", "portolan.xml")).read()
    said = "A reload of firewalld, and its start, empty the iptables rules" in header
    # Docker, libvirt and kube-proxy put their rules back when firewalld (re)loads; fail2ban
    # when it restarts. They do so here, so that the probes ask about the generated rules.
    sh("iptables-restore", ns="host", input=KINDS[kind]["rules"])
    if "nft" in KINDS[kind]:
        sh("nft", "-f", "-", ns="host", input=KINDS[kind]["nft"])
    return [("firewalld: its start and reload keep the iptables rules of others, or its header "
             "says they do not", "said" if said or kept else "unsaid", "said")]


# What a target that cannot hold Docker's published ports to the plan (firewalld: no match on
# the port a connection was first sent to) leaves open, as its header says (`published_said`).
def unheld(target):
    def want(what, expected):
        held = target in ("nftables", "iptables", "ufw")
        return expected if held or not what.startswith("unplanned: published") else "open"
    return want


def published_said(out, variant, kind, target):
    """A row for a Docker host that names its guests: does the file's header say that the
    published ports are held to the plan (nftables, iptables, ufw), or that they are not?"""
    if variant == "plain" or kind != "docker":
        return []
    path = files(out, variant, kind)[target]
    if os.path.isdir(path):  # firewalld: the zone
        path = os.path.join(path, "zones", "portolan.xml")
    text = open(path).read()
    said = ("held" if "Ports Docker publishes are held to the plan" in text
            else "open" if "A port a guest publishes is reached from wherever" in text
            else "unsaid")
    want = "held" if target in ("nftables", "iptables", "ufw") else "open"
    return [("header: the ports Docker publishes held to the plan, or said open", said, want)]


def tunnel_said(out, variant, kind, target):
    """A row per tunnel of the kind, for the rounds that name it: does the file's header say
    whether its UDP port passes (`guests`, planned) or is cut (`iface`, not planned)?"""
    if variant == "plain":
        return []
    path = files(out, variant, kind)[target]
    if os.path.isdir(path):  # firewalld: the zone
        path = os.path.join(path, "zones", "portolan.xml")
    text = open(path).read()
    rows = []
    named = KINDS[kind]["guests"].strip("[]").split(", ")
    for dev, _, port, _, _ in KINDS[kind].get("tunnels", []):
        # The header names the entry of guest_interfaces (flannel* for flannel.1).
        entry = next(e for e in named if dev.startswith(e.rstrip("*")))
        cut = f"WARNING: {entry}"  # (`looks like a ... tunnel`, or Portolan cannot tell)
        kept = f"its packets, {port}/udp on the other interfaces, pass both ways"
        said = "cut" if cut in text else "kept" if kept in text else "unsaid"
        want = "kept" if variant == "guests" else "cut"
        rows.append((f"header: what becomes of the tunnel {dev} ({port}/udp)", said, want))
    return rows


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
            extra = (f", guest_interfaces: {KINDS[kind]['guests']}"
                     if variant in ("guests", "iface") else "")
            path = os.path.join(out, f"{kind}-{variant}.yaml")
            # A kind whose tunnel has a second end (a peer node) names it, and in the
            # `guests` round plans the tunnel's UDP port between the two (`plan`).
            spec = KINDS[kind]
            text = (topology or TOPOLOGY).replace("@GUESTS@", extra)
            text = text.replace("@HOSTS@", "  h2: {zone: srv, address: 10.0.0.11}\n"
                                if "peer" in spec else "")
            text = text.replace("@PLAN@", (spec.get("plan", "") if variant == "guests" else "")
                                + spec.get("services", ""))
            with open(path, "w") as f:
                f.write(text)
            for target in targets:
                subprocess.run([binary, "rules", path, "--target", target, "-o",
                                os.path.join(out, kind, variant), "-q"], check=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--targets", default="nftables,iptables,ufw,firewalld")
    ap.add_argument("--variants", default="plain,guests,iface")
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
            if variant == "iface" and "plan" not in KINDS[kind]:
                continue  # (the same files as `guests`)
            for target, load in loaders(out, variant, kind).items():
                if target not in targets:
                    continue
                try:
                    rows = case(kind, load, unheld(target))
                except RuntimeError as error:
                    print(f"FAIL {kind} {variant} {target}: could not run: {error}")
                    tally.failed += 1
                    continue
                finally:
                    cleanup()
                rows += tunnel_said(out, variant, kind, target)
                rows += published_said(out, variant, kind, target)
                # The plain and iface rounds are recorded, not judged (but the header rows are).
                tally.rows(f"{kind:7} {variant:6} {target:9}", rows,
                           judged=lambda what: variant == "guests"
                           or what.startswith(("firewalld:", "header:")))
    return tally.end("runtime", out)


if __name__ == "__main__":
    sys.exit(main())
