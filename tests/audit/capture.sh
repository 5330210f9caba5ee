#!/usr/bin/env bash
# Regenerates core/tests/fixtures/audit/ from the real tools: rulesets loaded into a throwaway
# network namespace and saved back (`nft list ruleset`, `nft -j list ruleset`, `iptables-save`),
# and listeners started in a namespace then listed (`ss -tulpn`, `ss -tulpnH -e`, `netstat -tulpn`,
# `lsof -nP -i`). Needs root, nft, iptables-restore, ss, netstat, lsof, python3, unshare.
#   env: PORTOLAN_BIN (default target/debug/portolan, built when missing).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/core/tests/fixtures/audit"
HERE="$ROOT/tests/audit"
BIN="${PORTOLAN_BIN:-$ROOT/target/debug/portolan}"
[[ -x "$BIN" ]] || (cd "$ROOT" && cargo build -q -p portolan-cli)
mkdir -p "$OUT"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# In a fresh network namespace (nothing else loaded), so each save holds exactly one ruleset.
in_ns() { unshare -n -- bash -c "$1"; }

# 1. The host firewalls `portolan rules` writes for the openlm example, read back.
for host in lb1 cp1 node2 node3 infra; do
  "$BIN" rules "$ROOT/examples/openlm.yaml" -t nftables --host "$host" -q >"$TMP/$host.nft"
  in_ns "nft -f '$TMP/$host.nft' && nft list ruleset" >"$OUT/openlm-$host.nft"
  in_ns "nft -f '$TMP/$host.nft' && nft -j list ruleset" >"$OUT/openlm-$host.nft.json"
  "$BIN" rules "$ROOT/examples/openlm.yaml" -t iptables --host "$host" -q -o "$TMP/ipt-$host"
  in_ns "iptables-restore '$TMP/ipt-$host/iptables/$host.rules.v4' && iptables-save" \
    | grep -v '^# \(Generated\|Completed\)' >"$OUT/openlm-$host.iptables"
done

# 2. Hand-written rulesets with what Portolan does not model (jumps, marks, rate limits, ...),
#    loaded and saved back by the tools, so the text is exactly what they print.
in_ns "iptables-restore '$HERE/tricky.iptables' && iptables-save" \
  | grep -v '^# \(Generated\|Completed\)' >"$OUT/tricky.iptables"
in_ns "nft -f '$HERE/tricky.nft' && nft list ruleset" >"$OUT/tricky.nft"
in_ns "nft -f '$HERE/tricky.nft' && nft -j list ruleset" >"$OUT/tricky.nft.json"

# 3. Listening sockets: python3 listeners in a namespace, listed four ways.
cat >"$TMP/listen.py" <<'PY'
import socket, sys, time
socks = []
def listen(family, kind, address, port):
    s = socket.socket(family, kind)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if family == socket.AF_INET6:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
    s.bind((address, port))
    if kind == socket.SOCK_STREAM:
        s.listen()
    socks.append(s)
listen(socket.AF_INET, socket.SOCK_STREAM, "0.0.0.0", 443)
listen(socket.AF_INET, socket.SOCK_STREAM, "0.0.0.0", 6443)
listen(socket.AF_INET6, socket.SOCK_STREAM, "::", 6443)
listen(socket.AF_INET, socket.SOCK_STREAM, "0.0.0.0", 10250)
listen(socket.AF_INET, socket.SOCK_STREAM, "127.0.0.1", 10248)
listen(socket.AF_INET, socket.SOCK_STREAM, "0.0.0.0", 5432)
listen(socket.AF_INET, socket.SOCK_DGRAM, "0.0.0.0", 8472)
listen(socket.AF_INET, socket.SOCK_STREAM, "10.0.0.10", 22)
print("ready", flush=True)
time.sleep(30)
PY
in_ns "ip link set lo up; ip addr add 10.0.0.10/32 dev lo;
  python3 '$TMP/listen.py' >'$TMP/ready' & pid=\$!
  for _ in \$(seq 50); do grep -q ready '$TMP/ready' 2>/dev/null && break; sleep 0.1; done
  ss -tulpn >'$OUT/cp1.ss'
  ss -tulpnH -e >'$OUT/cp1-e.ss'
  netstat -tulpn >'$OUT/cp1.netstat' 2>/dev/null
  lsof -nP -i >'$OUT/cp1.lsof'
  kill \$pid"
echo "audit fixtures written to $OUT"
