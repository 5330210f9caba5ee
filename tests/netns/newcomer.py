#!/usr/bin/env python3
"""A newcomer's own vendors and deployments, applied for real (sessions 15 and 16).

Each walk (WALKS) is one vendor page a newcomer dropped in a folder (in our own words) and a
topology written by hand. Session 15 walked RabbitMQ; session 16 added Zabbix (server, proxy,
agents, Java gateway: who calls whom, passive and active checks) and Ceph (monitors, managers,
metadata servers and OSDs on the 6800-7568 range). Each walk also carries the flows its
newcomer wrote down before running, from the vendor's page (`expect`): what must connect and
what a careless reading would open (agent to agent, the user zone to the agents, a node that
is no monitor answering 3300), probed beside the plan's own probes. Session 17 added an
Elastic Stack (three Elasticsearch nodes, Kibana, Logstash, Filebeat shippers in another zone)
and Kafka in KRaft mode (three controllers, three brokers, a client). Session 18 added GitLab
split the reference-architecture way (a balancer's address for users and runners, Rails,
Sidekiq, Praefect and Gitaly, PgBouncer and PostgreSQL with Patroni, Redis with Sentinel,
Prometheus scraping every node) and Vault on Consul storage (three Consul servers, Vault
servers with their local agents, application nodes in another zone whose agents gossip with
every other agent). An expectation's destination `HOST@ADDRESS` is a VIP the host holds.

The RabbitMQ walk:

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

VALIDATORS = os.path.join(ROOT, "tests", "validators")
# (source host or `zone:NAME`, destination host, transport, port, must connect)
WALKS = [
    {"name": "rabbitmq", "topology": "orders-mq.yaml", "strict": True,
     "targets": {"lb1": "firewalld", "lb2": "firewalld", "rmq1": "firewalld",
                 "rmq2": "firewalld", "rmq3": "nftables"},
     "expect": []},
    {"name": "zabbix", "topology": "monitoring.yaml", "strict": True,
     "targets": {"zbx1": "firewalld", "jmx1": "nftables", "app1": "nftables",
                 "app2": "iptables", "zbxp1": "nftables", "br1": "nftables"},
     "expect": [
         # Passive checks: the server polls its agents, the proxy the branch's.
         ("zbx1", "app1", "tcp", 10050, True), ("zbx1", "app2", "tcp", 10050, True),
         ("zbxp1", "br1", "tcp", 10050, True),
         # Active checks and the active proxy: to the server's or proxy's trapper.
         ("app1", "zbx1", "tcp", 10051, True), ("br1", "zbxp1", "tcp", 10051, True),
         ("zbxp1", "zbx1", "tcp", 10051, True),
         # JMX items through the Java gateway; the operators' frontend.
         ("zbx1", "jmx1", "tcp", 10052, True),
         ("zone:admins", "zbx1", "tcp", 80, True), ("zone:admins", "zbx1", "tcp", 443, True),
         # A careless reading of the peerless table: agents calling agents, the gateway or
         # the web service; the operators' zone on the agents and the trapper.
         ("app2", "app1", "tcp", 10050, False), ("app1", "jmx1", "tcp", 10052, False),
         ("app1", "zbx1", "tcp", 10053, False), ("zone:admins", "app1", "tcp", 10050, False),
         ("zone:admins", "zbx1", "tcp", 10051, False),
         ("zone:admins", "jmx1", "tcp", 10052, False),
     ]},
    {"name": "ceph", "topology": "rbd-cluster.yaml", "strict": False,
     "targets": {"ceph1": "nftables", "ceph2": "nftables", "ceph3": "iptables",
                 "ceph4": "iptables"},
     "expect": [
         # Clients: the monitors, then the OSDs and the metadata server, the whole range.
         ("zone:apps", "ceph1", "tcp", 3300, True), ("zone:apps", "ceph3", "tcp", 6789, True),
         ("zone:apps", "ceph4", "tcp", 6800, True), ("zone:apps", "ceph4", "tcp", 7568, True),
         # The daemons of a node without a monitor reach the monitors; OSDs reach each other.
         ("ceph4", "ceph1", "tcp", 3300, True), ("ceph4", "ceph2", "tcp", 6789, True),
         ("ceph1", "ceph4", "tcp", 6800, True), ("ceph3", "ceph2", "tcp", 7568, True),
         # A node that runs no monitor does not answer 3300; the range ends where it ends.
         ("zone:apps", "ceph4", "tcp", 3300, False), ("ceph1", "ceph4", "tcp", 6789, False),
         ("zone:apps", "ceph1", "tcp", 7569, False), ("zone:apps", "ceph1", "tcp", 6799, False),
     ]},
    {"name": "elastic", "topology": "logging.yaml", "strict": True,
     "targets": {"es1": "nftables", "es2": "iptables", "es3": "firewalld", "kib1": "nftables",
                 "ls1": "iptables", "web1": "nftables", "web2": "nftables"},
     "expect": [
         # The analysts open Kibana; Kibana and Logstash call the cluster's REST port; the
         # shippers send to the Beats input; the nodes reach each other's transport port.
         ("zone:analysts", "kib1", "tcp", 5601, True), ("kib1", "es1", "tcp", 9200, True),
         ("ls1", "es2", "tcp", 9200, True), ("ls1", "es3", "tcp", 9200, True),
         ("web1", "ls1", "tcp", 5044, True), ("web2", "ls1", "tcp", 5044, True),
         ("es1", "es2", "tcp", 9300, True), ("es3", "es1", "tcp", 9300, True),
         ("es2", "es3", "tcp", 9300, True),
         # Only the nodes reach the transport port; Logstash does not listen on 9200, nor
         # Beats on 5044; the monitoring API is the host's own; the shippers go through
         # Logstash; the analysts reach Kibana and nothing else.
         ("kib1", "es1", "tcp", 9300, False), ("ls1", "es2", "tcp", 9300, False),
         ("web1", "es1", "tcp", 9300, False), ("kib1", "ls1", "tcp", 9200, False),
         ("es1", "ls1", "tcp", 5044, False), ("ls1", "web1", "tcp", 5044, False),
         ("es1", "ls1", "tcp", 9600, False), ("web1", "es1", "tcp", 9200, False),
         ("zone:analysts", "es1", "tcp", 9200, False),
         ("zone:analysts", "ls1", "tcp", 5044, False),
     ]},
    {"name": "kafka", "topology": "events.yaml", "strict": False,
     "targets": {"ctl1": "nftables", "ctl2": "nftables", "ctl3": "iptables", "brk1": "nftables",
                 "brk2": "iptables", "brk3": "firewalld", "app1": "nftables"},
     "expect": [
         # The quorum's voters reach each other; brokers reach the controllers and each
         # other; clients reach the brokers.
         ("ctl1", "ctl2", "tcp", 9093, True), ("ctl3", "ctl1", "tcp", 9093, True),
         ("brk1", "ctl2", "tcp", 9093, True), ("brk3", "ctl3", "tcp", 9093, True),
         ("brk1", "brk2", "tcp", 9092, True), ("brk3", "brk1", "tcp", 9092, True),
         ("app1", "brk2", "tcp", 9092, True), ("app1", "brk3", "tcp", 9092, True),
         # Clients never reach the controllers; controllers do not call the brokers.
         ("app1", "ctl1", "tcp", 9093, False), ("app1", "ctl2", "tcp", 9093, False),
         ("ctl1", "brk1", "tcp", 9092, False), ("app1", "ctl3", "tcp", 9092, False),
     ]},
    {"name": "gitlab", "topology": "forge.yaml", "strict": False,
     "targets": {"lb1": "nftables", "rails1": "firewalld", "rails2": "iptables",
                 "sidekiq1": "nftables", "praefect1": "nftables", "gitaly1": "firewalld",
                 "gitaly2": "iptables", "pgb1": "nftables", "pg1": "nftables",
                 "pg2": "iptables", "redis1": "nftables", "redis2": "iptables",
                 "mon1": "nftables", "runner1": "nftables"},
     "expect": [
         # The runners reach GitLab through the load balancer's address; the balancer reaches
         # the Rails nodes' web and SSH ports.
         ("runner1", "lb1@10.110.0.10", "tcp", 443, True), ("lb1", "rails1", "tcp", 443, True),
         ("lb1", "rails2", "tcp", 22, True),
         # Rails and Sidekiq go through PgBouncer to PostgreSQL; the database nodes replicate
         # and their Patroni members call each other.
         ("rails1", "pgb1", "tcp", 6432, True), ("sidekiq1", "pgb1", "tcp", 6432, True),
         ("pgb1", "pg1", "tcp", 5432, True), ("pg2", "pg1", "tcp", 5432, True),
         ("pg1", "pg2", "tcp", 8008, True),
         # Redis and its Sentinels, from Rails and Sidekiq and between themselves.
         ("rails2", "redis1", "tcp", 6379, True), ("sidekiq1", "redis2", "tcp", 26379, True),
         ("redis2", "redis1", "tcp", 6379, True), ("redis1", "redis2", "tcp", 26379, True),
         # Gitaly Cluster's routes: GitLab to Praefect, Praefect to Gitaly, Gitaly to Gitaly,
         # Gitaly to Praefect, and Praefect and Gitaly back to GitLab's internal API.
         ("rails1", "praefect1", "tcp", 2305, True), ("sidekiq1", "praefect1", "tcp", 2305, True),
         ("praefect1", "gitaly1", "tcp", 8075, True), ("gitaly2", "gitaly1", "tcp", 8075, True),
         ("gitaly1", "praefect1", "tcp", 2305, True), ("gitaly1", "rails1", "tcp", 80, True),
         ("praefect1", "rails2", "tcp", 80, True),
         # Prometheus scrapes every exporter.
         ("mon1", "gitaly2", "tcp", 9100, True), ("mon1", "redis1", "tcp", 9121, True),
         ("mon1", "pg2", "tcp", 9187, True), ("mon1", "pgb1", "tcp", 9188, True),
         ("mon1", "rails1", "tcp", 9168, True), ("mon1", "sidekiq1", "tcp", 8082, True),
         ("mon1", "gitaly1", "tcp", 9236, True), ("mon1", "rails2", "tcp", 9229, True),
         ("mon1", "rails1", "tcp", 8060, True),
         # A careless reading: Puma's and Workhorse's sockets as ports; Rails past PgBouncer
         # and Praefect; the runners past the balancer or into the back end; the exporters
         # open to more than Prometheus; Redis and Patroni to parts that never call them;
         # Consul, which this deployment does not run.
         ("lb1", "rails1", "tcp", 8080, False), ("lb1", "rails2", "tcp", 8181, False),
         ("rails1", "pg1", "tcp", 5432, False), ("rails1", "gitaly1", "tcp", 8075, False),
         ("runner1", "rails1", "tcp", 443, False), ("runner1", "gitaly1", "tcp", 8075, False),
         ("runner1", "pgb1", "tcp", 6432, False), ("runner1", "rails1", "tcp", 9100, False),
         ("rails1", "gitaly1", "tcp", 9100, False), ("sidekiq1", "redis1", "tcp", 9121, False),
         ("pgb1", "redis1", "tcp", 6379, False), ("gitaly1", "redis1", "tcp", 6379, False),
         ("pg1", "pgb1", "tcp", 6432, False), ("rails1", "pg1", "tcp", 8008, False),
         ("rails1", "pg1", "tcp", 8500, False),
     ]},
    {"name": "vault-consul", "topology": "secrets.yaml", "strict": True,
     "targets": {"cs1": "nftables", "cs2": "iptables", "cs3": "firewalld", "vault1": "nftables",
                 "vault2": "firewalld", "app1": "nftables", "app2": "iptables"},
     "expect": [
         # LAN gossip between ALL agents: client to client (in a zone and across zones),
         # server to client, client to server, server to server; TCP and UDP.
         ("app1", "app2", "udp", 8301, True), ("app2", "app1", "tcp", 8301, True),
         ("app1", "vault1", "udp", 8301, True), ("vault2", "app2", "tcp", 8301, True),
         ("cs1", "app1", "udp", 8301, True), ("app2", "cs2", "tcp", 8301, True),
         ("cs2", "cs3", "udp", 8301, True),
         # Every agent calls the servers' RPC port; the servers call each other there and
         # gossip over the WAN port.
         ("app1", "cs1", "tcp", 8300, True), ("vault1", "cs2", "tcp", 8300, True),
         ("cs3", "cs1", "tcp", 8300, True), ("cs1", "cs2", "tcp", 8302, True),
         ("cs2", "cs3", "udp", 8302, True),
         # Vault's API from its clients and from the other Vault server; its cluster port
         # between the Vault servers.
         ("app1", "vault1", "tcp", 8200, True), ("app2", "vault2", "tcp", 8200, True),
         ("vault2", "vault1", "tcp", 8200, True), ("vault1", "vault2", "tcp", 8201, True),
         ("vault2", "vault1", "tcp", 8201, True),
         # A careless reading: the agents' HTTP API and DNS (bound to the loopback) open to the
         # network, Vault calling a remote agent; the clients serving RPC; the WAN port to
         # clients; Vault's cluster port to its clients or the Consul servers.
         ("app1", "cs1", "tcp", 8500, False), ("vault1", "cs1", "tcp", 8500, False),
         ("app2", "vault1", "tcp", 8500, False), ("app1", "cs2", "udp", 8600, False),
         ("app1", "app2", "tcp", 8300, False), ("cs1", "app1", "tcp", 8300, False),
         ("app1", "cs1", "tcp", 8302, False), ("vault1", "cs1", "udp", 8302, False),
         ("app1", "vault1", "tcp", 8201, False), ("cs1", "vault1", "tcp", 8201, False),
         ("app1", "app2", "tcp", 8200, False), ("cs1", "vault1", "tcp", 8200, False),
     ]},
]
STARTED = "firewall-cmd --state >/dev/null\n"  # nothing more: firewalld as installed


def state(ns):
    """The namespace's rules as text, counters left out, and tables that hold nothing left out
    too: iptables-restore of a saved empty filter table (the iptables header's way back) puts
    back its built-in chains, empty, accepting, where before there was no table: the same
    rules."""
    text = netns.sh("nft", "list", "ruleset", ns=ns)
    lines = [re.sub(r"counter packets \d+ bytes \d+", "counter", line)
             for line in text.splitlines()]
    kept, table = [], []
    empty = re.compile(r"^\s*(chain \S+ \{|type \w+ hook \w+ priority \S+; policy accept;|\}|)$")
    for line in lines:
        if line.startswith("table "):
            table = [line]
            continue
        if table:
            table.append(line)
            if line == "}":
                if not all(empty.match(inner) for inner in table[1:]):
                    kept.extend(table)
                table = []
            continue
        kept.append(line)
    return kept


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

    def __init__(self, args, out, walk):
        self.args, self.out = args, out
        self.topology = os.path.join(VALIDATORS, walk["name"], walk["topology"])
        self.targets = walk["targets"]
        self.old_zone, self.files, self.rules_before = {}, {}, {}
        self.outcome_before = {}

    def firewalld(self, ns, host, rules, steps, fresh=False):
        spaces = types.SimpleNamespace(names={"host": ns})
        return nslib.run_firewalld(spaces, rules, os.path.join(self.out, host), steps,
                                   fresh=fresh)

    def generate(self, host):
        out = os.path.join(self.out, "rules-" + host)
        target = self.targets[host]
        netns.sh(self.args.bin, "rules", self.topology, "--target", target, "--host", host, "-o",
                 out, "-q", *netns.catalog_args(self.args))
        name = {"nftables": host + ".nft", "iptables": host + ".rules.v4"}.get(target, host)
        path = os.path.join(out, target, name)
        self.files[host] = path
        return path

    def before(self, ns_of, hosts, run_probes, tmp):
        for host in hosts:
            if self.targets[host] == "firewalld":
                # As installed: the generated files are copied by nslib, so taken away again.
                self.firewalld(ns_of[host], host, self.generate(host),
                               "rm /etc/firewalld/zones/portolan.xml "
                               "/etc/firewalld/policies/portolan-egress.xml\n"
                               "firewall-cmd --reload >/dev/null\n", fresh=True)
            self.rules_before[host] = state(ns_of[host])
        self.outcome_before = run_probes()

    def load(self, args, example, mode, host, ns, tmp):
        path = self.generate(host)
        if self.targets[host] == "nftables":
            header = next(line for line in open(path) if "portolan-before.nft && systemd-run" in line)
            save = header.lstrip("# ").split(" && systemd-run")[0]
            netns.sh("sh", "-c", save.replace("/root/", f"{self.out}/{host}-"), ns=ns)
            netns.sh("nft", "-c", "-f", path, ns=ns)
            netns.sh("nft", "-f", path, ns=ns)
        elif self.targets[host] == "iptables":
            # Each family's file, as its header says: the filter table saved for the way
            # back, --test, then --noflush.
            for file in (path, path[:-3] + ".v6"):
                header = next(line for line in open(file) if "portolan-before.v" in line and "systemd-run" in line)
                save = header.lstrip("# ").split(" && systemd-run")[0]
                netns.sh("sh", "-c", save.replace("/root/", f"{self.out}/{host}-"), ns=ns)
                tool = "ip6tables-restore" if file.endswith(".v6") else "iptables-restore"
                text = open(file).read()
                netns.sh(tool, "--test", input=text, ns=ns)
                netns.sh(tool, "--noflush", input=text, ns=ns)
        else:
            printed = self.firewalld(ns, host, path, STARTED + apply_steps(description(path)))
            noted = re.search(r"default zone before: (\S+)", printed)
            self.old_zone[host] = noted.group(1) if noted else "(not printed)"

    def undo(self, host, ns):
        if self.targets[host] == "nftables":
            netns.sh("nft", "-f", f"{self.out}/{host}-portolan-before.nft", ns=ns)
            return
        if self.targets[host] == "iptables":
            # The way back the headers give: the saved filter tables restored.
            netns.sh("iptables-restore", f"{self.out}/{host}-portolan-before.v4", ns=ns)
            netns.sh("ip6tables-restore", f"{self.out}/{host}-portolan-before.v6", ns=ns)
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
            rows.append((f"{host} ({self.targets[host]}): the way back gives the rules before",
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


def walk_one(args, walk, out, run):
    """One walk: its catalog built and checked as the quick start says, then netns.py's probes
    with each host's own target, the newcomer's expectations among them. (passed, failed)."""
    fixture = os.path.join(VALIDATORS, walk["name"])
    topology = os.path.join(fixture, walk["topology"])
    failed = 0
    site = os.path.join(out, walk["name"] + "-site")
    build = [args.site_gen, "build", "--content", fixture, "--out", site, "--no-bundle"]
    steps = [
        ("site-gen build" + (" --strict" if walk["strict"] else ""),
         build + (["--strict"] if walk["strict"] else [])),
        ("portolan check", [args.bin, "check", topology, "--catalog",
                            os.path.join(site, "assets", "catalog.js")]),
    ]
    for what, cmd in steps:
        r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)
        ok = r.returncode == 0
        failed += not ok
        print(f"{'ok  ' if ok else 'FAIL'} newcomer {walk['name']}: {what}: exit {r.returncode}")
        # What a build that is not strict still warns of, said (the newcomer meets it).
        for line in r.stderr.splitlines():
            if what.startswith("site-gen") and "warning[" in line:
                print(f"     {line[:200]}")
        if not ok:
            print((r.stderr or r.stdout)[-2000:])
            return 0, failed
    args.catalog = os.path.join(site, "assets", "catalog.js")
    args.hooks = Hooks(args, os.path.join(out, walk["name"]), walk)
    os.makedirs(os.path.join(out, walk["name"]), exist_ok=True)
    args.expect = walk["expect"]
    results = {"passed": 0, "failed": 0, "probes": 0, "probe_failures": 0}
    try:
        netns.run_example(topology, "per-host", args, run, results)
    except Exception as e:  # noqa: BLE001 (said, and a failure)
        results["failed"] += 1
        print(f"FAIL newcomer {walk['name']}: {e}")
    finally:
        netns.cleanup()
    print(f"newcomer {walk['name']}: {results['probes']} probes and checks, "
          f"{results['probe_failures']} unexpected")
    return results["passed"] + 2, results["failed"] + failed


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--site-gen", required=True)
    ap.add_argument("--timeout", type=float, default=1.0)
    ap.add_argument("--walks", default=",".join(w["name"] for w in WALKS),
                    help="which walks, by name (default: all)")
    args = ap.parse_args()
    why_not = nslib.firewalld_missing()
    if why_not:
        print(f"newcomer: skipped ({why_not})")
        return 0
    out = tempfile.mkdtemp(prefix="portolan-newcomer.")
    passed = failed = 0
    chosen = args.walks.split(",")
    for k, walk in enumerate(w for w in WALKS if w["name"] in chosen):
        run = f"nc{os.getpid() % 10000}x{k}"
        p, f = walk_one(args, walk, out, run)
        passed, failed = passed + p, failed + f
    return nslib.finish("newcomer", passed, failed, out)


if __name__ == "__main__":
    sys.exit(main())
