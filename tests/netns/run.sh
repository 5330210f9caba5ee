#!/usr/bin/env bash
# Real packets through the generated nftables and iptables rules, in network namespaces
# (see netns.py). Needs root, ip (iproute2), nft, iptables-restore and python3.
#   env: PORTOLAN_BIN (default: builds target/debug/portolan), SITE_GEN_BIN (default: builds
#   target/debug/site-gen, for newcomer.py's catalog), PORTOLAN_NETNS_PREFIX (a prefix
#   for the namespace names of session, runtime and reapply), NETNS_EXAMPLES (default: every
#   example topology but broken.yaml, plus two fixtures), NETNS_TIMEOUT (seconds per probe, default 1).
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
if [[ $(id -u) -ne 0 ]] || ! command -v ip >/dev/null || ! command -v unshare >/dev/null; then
  echo "netns: skipped (needs root, ip and unshare)"
  exit 0
fi
if [[ -z "${PORTOLAN_BIN:-}" ]]; then
  cargo build -q -p portolan-cli || { echo "netns: cannot build portolan"; exit 1; }
  PORTOLAN_BIN="$ROOT/target/debug/portolan"
fi
if [[ -n "${NETNS_EXAMPLES:-}" ]]; then
  read -r -a examples <<<"$NETNS_EXAMPLES"
else
  examples=()
  for f in examples/*.yaml examples/*.json examples/*.toml; do
    [[ -f "$f" && "$(basename "$f")" != broken.* ]] && examples+=("$f")
  done
  # Fixtures whose plan only real packets prove: environments kept apart (a wrong-environment
  # agent is blocked), a service's `from` opening the DMZ proxy and nothing else.
  examples+=(core/tests/fixtures/topologies/activate-dev-stage-prod.yaml
             core/tests/fixtures/topologies/openlm-dmz-reverse-proxy.yaml)
fi
timeout 600 python3 "$ROOT/tests/netns/netns.py" --bin "$PORTOLAN_BIN" --timeout "${NETNS_TIMEOUT:-1}" "${examples[@]}"
status=$?
# The operator's own SSH session survives loading the host's rules from it (session.py):
# nftables, iptables, ufw and firewalld (the last two over private copies of their state).
timeout 120 python3 "$ROOT/tests/netns/session.py" --bin "$PORTOLAN_BIN" || status=1
# Hosts that run guests or end tunnels (Docker, a Kubernetes node, libvirt, Podman, LXD,
# WireGuard, Tailscale, k3s with flannel; each with its runtime's and fail2ban's rules): the
# files keep the guests' traffic, the tunnels and fail2ban's bans when the topology names the
# interfaces and plans the tunnels' ports (about 13 minutes on two cores).
timeout 1500 python3 "$ROOT/tests/netns/runtime.py" --bin "$PORTOLAN_BIN" || status=1
# Loading a changed file again equals one load; each load's way back restores the rules before
# (firewalld's too); the same over IPv6; a plain second iptables load is harmless.
timeout 900 python3 "$ROOT/tests/netns/reapply.py" --bin "$PORTOLAN_BIN" || status=1
# A newcomer's own vendors (RabbitMQ, Zabbix, Ceph, Elastic, Kafka, GitLab, Vault on Consul:
# tests/validators/) as the README's quick
# start walks them: each catalog built by site-gen, each host's own target (firewalld,
# nftables, iptables), the plan's probes and the newcomer's own expectations, and each file's
# way back giving the rules and answers before the load (five walks took about four minutes;
# the seven took 20 on a loaded shared machine).
if [[ -z "${SITE_GEN_BIN:-}" ]]; then
  cargo build -q -p site-gen || { echo "netns: cannot build site-gen"; exit 1; }
  SITE_GEN_BIN="$ROOT/target/debug/site-gen"
fi
timeout 1800 python3 "$ROOT/tests/netns/newcomer.py" --bin "$PORTOLAN_BIN" --site-gen "$SITE_GEN_BIN" || status=1
exit "$status"
