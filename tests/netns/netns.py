#!/usr/bin/env python3
"""Real packets through the generated host firewalls.

For each example topology and each host firewall (nftables, then iptables): builds network
namespaces on one bridge (a switch namespace holds the bridge; one namespace per host with its
topology addresses, one per source zone with an address inside the zone; the addresses exist
only inside these namespaces), loads the generated rules of every host into its namespace,
starts TCP and UDP listeners and probes:

  * every planned flow (first and last port of its range, every IP family both sides have)
    connects (TCP) or is answered (UDP), from the flow's source into its destination host;
  * unplanned ones do not: the next port outside the range, the other transport, and a source
    the plan does not allow (a zone client or host outside the flow's source, or an address in
    the hole of a zone source written as networks around one: a guest network cut out of the
    campus);
  * a VIP (`vips:`, a flow to a holder on an address not its own): the address is put on the
    first holder's interface only (keepalived's master); the VIP's clients connect to it, and
    the same clients do not reach the role's hosts behind it directly (they admit only the
    holders' own addresses);
  * lockout safety: management access (SSH from the topology's admin sources) connects to every
    host it names, a non-admin source does not, and egress (DNS, NTP, mirrors) from the hosts
    reaches a namespace inside each destination. An example whose plan has management or
    egress but yields no such probe fails.

A control round without rules first proves every probe (planned or not) gets through, so a
blocked probe afterwards is the firewall's doing. Every probe has a timeout; namespaces and
processes are removed on exit (also on Ctrl-C or errors). Each test uses its own namespace
prefix. Prints `netns: N passed, M failed`; exit status 1 on any failure.

  usage: netns.py --bin PORTOLAN [--timeout 1.0] EXAMPLE...
"""
import argparse
import atexit
import ipaddress
import json
import os
import signal
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
PROBE = os.path.join(HERE, "probe.py")
CREATED = []      # namespaces to delete
PROCESSES = []    # listener processes


def sh(*args, input=None, check=True, ns=None, timeout=60):
    cmd = (["ip", "netns", "exec", ns] if ns else []) + list(args)
    r = subprocess.run(cmd, input=input, capture_output=True, text=True, timeout=timeout)
    if check and r.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)}: {r.stderr.strip() or r.stdout.strip()}")
    return r.stdout


def cleanup():
    for p in PROCESSES:
        try:
            p.kill()
            p.wait(timeout=5)
        except Exception:
            pass
    PROCESSES.clear()
    for ns in reversed(CREATED):
        subprocess.run(["ip", "netns", "del", ns], capture_output=True)
    CREATED.clear()


atexit.register(cleanup)
for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
    signal.signal(sig, lambda *_: sys.exit(130))


def net(text):
    return ipaddress.ip_network(text, strict=False)


class Endpoint:
    """A flow side: kind any/zone/group/host, with the networks it stands for (None = any)."""

    def __init__(self, raw, groups):
        self.kind = raw["kind"]
        self.name = raw.get("name", "any")
        if self.kind == "any":
            self.nets = None
            self.hosts = []
        elif self.kind == "zone":
            self.nets = [net(c) for c in raw["cidrs"]]
            self.hosts = []
        elif self.kind == "host":
            self.nets = [net(a) for a in raw["addresses"]]
            self.hosts = [raw["name"]]
        else:
            members = groups.get(self.name, [])
            self.nets = [net(a) for m in members for a in m["addresses"]]
            self.hosts = [m["name"] for m in members]

    def contains(self, address):
        return self.nets is None or any(address in n for n in self.nets if n.version == address.version)


def pick_zone_address(zone_nets, version, taken, all_zone_nets):
    """An address inside one of zone_nets, not a host's, not inside a more specific other zone."""
    for n in zone_nets:
        if n.version != version:
            continue
        if n.prefixlen == 0:
            candidates = [ipaddress.ip_address("198.51.100.77" if version == 4 else "2001:db8:77::77")]
        elif n.num_addresses <= 2:
            # A source of one address (`from: 10.30.0.5`, a bastion): that address.
            candidates = list(n)
        else:
            size = n.num_addresses
            candidates = [n.network_address + o for o in (size - 6, size // 2 + 7, 250, 200, 77, 5) if 0 < o < size - 1]
        for c in candidates:
            if c in taken:
                continue
            if any(c in other and other.prefixlen > n.prefixlen for other in all_zone_nets):
                continue
            return c
    return None


def run_example(example, mode, args, prefix, results):
    plan = json.loads(sh(args.bin, "flows", example, "--format", "json", *catalog_args(args)))
    groups = {g["name"]: g["members"] for g in plan["groups"]}
    hosts = {}  # name -> {"addresses": [...], "zone": str}
    for g in plan["groups"]:
        for m in g["members"]:
            hosts[m["name"]] = m
    flows = []
    # A host side whose addresses are not the host's own is a VIP the host holds (`vips:`):
    # the flow goes to the floating address. It is put on the first holder only (keepalived's
    # master), never on the hosts as their own addresses.
    vip_holders = {}  # VIP address -> [holder names]
    for f in plan["flows"]:
        for side in ("source", "destination"):
            if f[side]["kind"] != "host":
                continue
            name = f[side]["name"]
            if name not in hosts:
                hosts[name] = f[side]
                continue
            own = set(hosts[name]["addresses"])
            for a in f[side]["addresses"]:
                if a not in own and side == "destination":
                    holders = vip_holders.setdefault(ipaddress.ip_address(a), [])
                    if name not in holders:
                        holders.append(name)
        a, _, b = f["ports"].partition("-")
        flows.append({
            "source": Endpoint(f["source"], groups),
            "destination": Endpoint(f["destination"], groups),
            "start": int(a), "end": int(b or a), "transport": f["transport"],
            "ids": f["requirements"],
        })
    host_names = sorted(hosts)
    addr_of = {h: [ipaddress.ip_address(a) for a in hosts[h]["addresses"]] for h in host_names}
    master_of = {vip: sorted(holders)[0] for vip, holders in vip_holders.items()}
    vips_on = {}  # holder -> the VIPs put on its interface
    for vip, master in master_of.items():
        vips_on.setdefault(master, []).append(vip)
    taken = {a for h in host_names for a in addr_of[h]} | set(master_of)

    # Zone clients: every zone used as a source, plus an "any" stand-in.
    zones = {}
    for f in flows:
        if f["source"].kind == "zone":
            zones[f["source"].name] = f["source"].nets
    all_zone_nets = [n for nets in zones.values() for n in nets]
    clients = {}  # client name -> [addresses]
    for zname, znets in sorted(zones.items()):
        addrs = [a for v in (4, 6) if (a := pick_zone_address(znets, v, taken, all_zone_nets))]
        if addrs:
            clients["zone:" + zname] = addrs
            taken.update(addrs)
    # Gaps: a zone source written as several networks around a hole (a trusted zone without
    # the untrusted zone nested in it, such as a guest network inside the campus) gets a client
    # inside the hole, so the wrong-source probes try an address the plan left out.
    for zname, znets in sorted(zones.items()):
        for v in (4, 6):
            nets = sorted(n for n in znets if n.version == v)
            for a, b in zip(nets, nets[1:]):
                first, last = int(a.broadcast_address) + 1, int(b.network_address) - 1
                c = ipaddress.ip_address(first + 5) if last - first > 10 else None
                if c is not None and c not in taken and not any(c in n for n in all_zone_nets):
                    clients.setdefault("gap:" + zname, []).append(c)
                    taken.add(c)
                    break
    if not any(n.prefixlen == 0 for n in all_zone_nets):
        clients["outside"] = [ipaddress.ip_address("198.51.100.99"), ipaddress.ip_address("2001:db8:99::99")]
    # Egress targets: one namespace per destination of a flow to a zone, CIDR or any (DNS and
    # NTP servers, mirrors), with an address inside it, so hosts' egress is probed for real.
    egress_targets = {}  # name -> [addresses]
    for f in flows:
        d = f["destination"]
        if d.kind not in ("any", "zone") or ("egress:" + d.name) in egress_targets:
            continue
        addrs = []
        for v in (4, 6):
            if d.nets is None:
                a = ipaddress.ip_address("203.0.113.53" if v == 4 else "2001:db8:53::53")
            else:
                exact = [n.network_address for n in d.nets if n.version == v and n.num_addresses == 1]
                wide = [n for n in d.nets if n.version == v and n.prefixlen == 0]
                if exact:
                    a = exact[0]
                elif wide:
                    a = ipaddress.ip_address("203.0.113.80" if v == 4 else "2001:db8:80::80")
                else:
                    a = pick_zone_address(d.nets, v, taken, all_zone_nets)
            if a is not None and a not in taken:
                addrs.append(a)
        if addrs:
            egress_targets["egress:" + d.name] = addrs
            taken.update(addrs)

    # Namespaces: switch with bridge, one per host and client.
    switch = f"{prefix}sw"
    sh("ip", "netns", "add", switch); CREATED.append(switch)
    sh("ip", "link", "add", "br0", "type", "bridge", ns=switch)
    sh("ip", "link", "set", "br0", "up", ns=switch)
    ns_of = {}
    members = [(h, addr_of[h] + vips_on.get(h, [])) for h in host_names] + sorted(clients.items()) + sorted(egress_targets.items())
    for i, (name, addrs) in enumerate(members):
        ns = f"{prefix}n{i}"
        ns_of[name] = ns
        sh("ip", "netns", "add", ns); CREATED.append(ns)
        sh("ip", "link", "add", f"v{i}", "netns", switch, "type", "veth", "peer", "name", "eth0", "netns", ns, ns=switch)
        sh("ip", "link", "set", f"v{i}", "master", "br0", "up", ns=switch)
        sh("ip", "link", "set", "lo", "up", ns=ns)
        sh("ip", "link", "set", "eth0", "up", ns=ns)
        for a in addrs:
            if a.version == 4:
                sh("ip", "addr", "add", f"{a}/32", "dev", "eth0", ns=ns)
            else:
                sh("ip", "-6", "addr", "add", f"{a}/128", "dev", "eth0", "nodad", ns=ns)
        sh("ip", "route", "add", "default", "dev", "eth0", ns=ns)
        sh("ip", "-6", "route", "add", "default", "dev", "eth0", ns=ns)
    addresses = dict(members)

    def allowed(src, dst_host, dst, proto, port):
        for f in flows:
            if f["transport"] == proto and f["start"] <= port <= f["end"] and dst_host in f["destination"].hosts \
                    and f["source"].contains(src):
                return True
        return False

    # Probes.
    probes = []  # (kind, src_name, src_addr, dst_host, dst_addr, proto, port, expect, flow ids)
    listen = {}  # host -> set((proto, port))
    def vip_probes(f):
        """Clients of a VIP reach it (on its master) and not the role's hosts behind it."""
        vips = [a for a in (f["destination"].nets or []) if a.network_address in master_of and a.num_addresses == 1]
        if not vips or f["source"].kind not in ("zone", "any"):
            return False
        sources = ["zone:" + f["source"].name] if f["source"].kind == "zone" else [c for c in clients][:1]
        behind = sorted({h for g in flows if g["source"].name.startswith("vip:") for h in g["destination"].hosts})
        for src_name in sources:
            for vip in (n.network_address for n in vips):
                src = next((a for a in addresses.get(src_name, []) if a.version == vip.version), None)
                if src is None:
                    continue
                master = master_of[vip]
                for port in sorted({f["start"], f["end"]}):
                    probes.append(("vip", src_name, src, master, vip, f["transport"], port, True, f["ids"]))
                    for member in behind:
                        dst = next((a for a in addr_of[member] if a.version == vip.version), None)
                        if dst is not None and not allowed(src, member, dst, f["transport"], port):
                            probes.append(("vip member direct", src_name, src, member, dst, f["transport"], port, False, f["ids"]))
        return True

    def add_probes(f, dst_host, management):
        if f["source"].kind in ("host", "group"):
            sources = [h for h in f["source"].hosts if h != dst_host][:2]
        elif f["source"].kind == "zone":
            sources = ["zone:" + f["source"].name]
        else:
            sources = [c for c in clients][:1] + [h for h in host_names if h != dst_host][:1]
        other = "udp" if f["transport"] == "tcp" else "tcp"
        for src_name in sources:
            for dst in addr_of[dst_host]:
                src = next((a for a in addresses.get(src_name, []) if a.version == dst.version and f["source"].contains(a)), None)
                if src is None:
                    continue
                for port in sorted({f["start"], f["end"]}):
                    kind = "management" if management else "planned"
                    probes.append((kind, src_name, src, dst_host, dst, f["transport"], port, True, f["ids"]))
                for port in (f["end"] + 1, f["start"] - 1):
                    if 0 < port < 65536 and not allowed(src, dst_host, dst, f["transport"], port):
                        probes.append(("wrong port", src_name, src, dst_host, dst, f["transport"], port, False, f["ids"]))
                        break
                if not allowed(src, dst_host, dst, other, f["start"]):
                    probes.append(("wrong transport", src_name, src, dst_host, dst, other, f["start"], False, f["ids"]))
        # Wrong source: any namespace whose address the plan does not allow here.
        for dst in addr_of[dst_host]:
            for cand, addrs in sorted(clients.items()) + [(h, addr_of[h]) for h in host_names if h != dst_host]:
                src = next((a for a in addrs if a.version == dst.version), None)
                if src is not None and not allowed(src, dst_host, dst, f["transport"], f["start"]):
                    kind = "non-admin ssh" if management else "wrong source"
                    probes.append((kind, cand, src, dst_host, dst, f["transport"], f["start"], False, f["ids"]))
                    break
    for f in flows:
        if f["transport"] == "sctp":
            continue
        management = "topology:management" in f["ids"]
        if f["destination"].kind in ("any", "zone"):
            # Egress: from up to two source hosts to the target inside the destination.
            target = "egress:" + f["destination"].name
            if f["source"].kind not in ("host", "group") or target not in egress_targets:
                continue
            for src_name in f["source"].hosts[:2]:
                for dst in egress_targets[target]:
                    src = next((a for a in addr_of.get(src_name, []) if a.version == dst.version), None)
                    if src is None:
                        continue
                    for port in sorted({f["start"], f["end"]}):
                        probes.append(("egress", src_name, src, target, dst, f["transport"], port, True, f["ids"]))
            continue
        if f["destination"].kind == "host" and vip_probes(f):
            continue
        for dst_host in f["destination"].hosts[:8]:
            add_probes(f, dst_host, management)

    # The newcomer's own expectations, written before the run (`args.expect`: source host or
    # `zone:NAME` client, destination host, transport, port, whether it must connect), probed
    # like the plan's and first, so that a plan probe of the same packet does not replace them.
    hand = []
    # A destination written `HOST@ADDRESS` is a VIP the host holds (the runners' way in).
    for src_name, dst_host, proto, port, want in getattr(args, "expect", None) or []:
        src = next((a for a in addresses.get(src_name, []) if a.version == 4), None)
        dst_host, _, at = dst_host.partition("@")
        held = addresses.get(dst_host, []) if at else addr_of.get(dst_host, [])
        dst = next((a for a in held if a.version == 4 and (not at or str(a) == at)), None)
        if src is None or dst is None:
            results["failed"] += 1
            print(f"FAIL {os.path.basename(example)}: expectation {src_name} -> {dst_host} "
                  f"{port}/{proto}: no such namespace in the plan's network")
            continue
        kind = "expected open" if want else "expected closed"
        hand.append((kind, src_name, src, dst_host, dst, proto, port, want, ["newcomer"]))
    probes = hand + probes
    # Deduplicate (same probe from several flows).
    seen, unique = set(), []
    for p in probes:
        key = (p[1], p[2], p[4], p[5], p[6])
        if key not in seen:
            seen.add(key)
            unique.append(p)
    probes = unique
    for p in probes:
        listen.setdefault(p[3], set()).add((p[5], p[6]))

    for host, ports in listen.items():
        proc = subprocess.Popen(["ip", "netns", "exec", ns_of[host], sys.executable, PROBE, "listen", json.dumps(sorted(ports))],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        PROCESSES.append(proc)
        line = proc.stdout.readline()
        if line.strip() != "ready":
            raise RuntimeError(f"listener on {host} failed: {proc.stderr.read()[:500]}")

    def run_probes():
        by_source = {}
        for i, p in enumerate(probes):
            by_source.setdefault(p[1], []).append([i, p[2].version, str(p[2]), str(p[4]), p[5], p[6]])
        procs = [(src, subprocess.Popen(["ip", "netns", "exec", ns_of[src], sys.executable, PROBE, "probe", json.dumps(batch), str(args.timeout)],
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)) for src, batch in by_source.items()]
        outcome = {}
        for src, proc in procs:
            out, err = proc.communicate(timeout=max(30, len(probes) * args.timeout))
            outcome.update({int(k): v for k, v in json.loads(out or "{}").items()})
        return outcome

    # Lockout safety must be probed, not assumed: where the plan has management access, an
    # admin source connects and a non-admin one does not; where it has egress, a host reaches it.
    label = f"{os.path.basename(example)} [{mode}]"
    wanted = []
    if any("topology:management" in f["ids"] for f in flows):
        wanted += ["management", "non-admin ssh"]
    if any(f["destination"].kind in ("any", "zone") and f["source"].kind in ("host", "group") for f in flows):
        wanted.append("egress")
    if master_of:
        wanted += ["vip", "vip member direct"]
    missing = [k for k in wanted if not any(p[0] == k for p in probes)]
    if missing:
        results["failed"] += 1
        print(f"FAIL {label}: no {', '.join(missing)} probe could be built")
        return

    # Control round: no rules, everything must get through.
    control = run_probes()
    label = f"{os.path.basename(example)} [{mode}]"
    broken = [probes[i] for i, ok in control.items() if not ok]
    if broken or len(control) != len(probes):
        results["failed"] += 1
        print(f"FAIL {label}: control round (no rules) blocked {len(broken)} probes, e.g. {describe(broken[:3])}")
        return

    # Load the rules of every host (`args.hooks`: another loader, a state before the load and
    # the way back after the probes; newcomer.py).
    hooks = getattr(args, "hooks", None)
    with tempfile.TemporaryDirectory() as tmp:
        if hooks:
            hooks.before(ns_of, host_names, run_probes, tmp)
        for host in host_names:
            (hooks.load if hooks else load_rules)(args, example, mode, host, ns_of[host], tmp)
        outcome = run_probes()
        passed = failed = 0
        for i, p in enumerate(probes):
            ok = outcome.get(i) == p[7]
            if ok:
                passed += 1
            else:
                failed += 1
                print(f"FAIL {label}: {p[0]} {describe([p])} {'blocked' if p[7] else 'got through'}")
        if hooks:
            more_passed, more_failed = hooks.after(ns_of, host_names, run_probes, tmp, label)
            passed, failed = passed + more_passed, failed + more_failed
    kinds = {}
    for p in probes:
        kinds[p[0]] = kinds.get(p[0], 0) + 1
    print(f"{'ok  ' if not failed else 'FAIL'} {label}: {passed}/{passed + failed} probes as planned "
          f"({', '.join(f'{v} {k}' for k, v in sorted(kinds.items()))}; {len(host_names)} hosts, {len(clients)} clients)")
    results["passed" if not failed else "failed"] += 1
    results["probes"] += passed + failed
    results["probe_failures"] += failed


def catalog_args(args):
    """`--catalog` for portolan when the run reads a catalog of its own (newcomer.py)."""
    return ["--catalog", args.catalog] if getattr(args, "catalog", None) else []


def load_rules(args, example, mode, host, ns, tmp):
    """Generates `mode`'s file of `host` and loads it into its namespace `ns`."""
    out = os.path.join(tmp, ns)
    sh(args.bin, "rules", example, "--target", mode, "--host", host, "-o", out, "-q",
       *catalog_args(args))
    d = os.path.join(out, mode)
    for file in sorted(os.listdir(d)):
        path = os.path.join(d, file)
        with open(path) as fh:
            text = fh.read()
        if mode == "nftables":
            sh("nft", "-f", path, ns=ns)
        elif file.endswith(".v4"):
            sh("iptables-restore", input=text, ns=ns)
        else:
            sh("ip6tables-restore", input=text, ns=ns)


def describe(ps):
    return "; ".join(f"{p[1]} {p[2]} -> {p[3]} {p[4]} {p[6]}/{p[5]}" for p in ps)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--timeout", type=float, default=1.0)
    ap.add_argument("--modes", default="nftables,iptables")
    ap.add_argument("examples", nargs="+")
    args = ap.parse_args()
    results = {"passed": 0, "failed": 0, "probes": 0, "probe_failures": 0}
    run = f"pt{os.getpid() % 100000}"
    k = 0
    for example in args.examples:
        for mode in args.modes.split(","):
            prefix = f"{run}x{k}"
            k += 1
            try:
                run_example(example, mode, args, prefix, results)
            except Exception as e:  # one broken example must not stop the others
                results["failed"] += 1
                print(f"FAIL {os.path.basename(example)} [{mode}]: {e}")
            finally:
                cleanup()
    print(f"netns: {results['passed']} passed, {results['failed']} failed "
          f"({results['probes']} probes, {results['probe_failures']} unexpected)")
    return 1 if results["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
