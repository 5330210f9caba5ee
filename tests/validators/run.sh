#!/usr/bin/env bash
# Generates every rule target for every example topology with the `portolan` binary and runs
# the real validators on every generated file:
#   nftables        nft -c -f                      (inside unshare -rn)
#   iptables        iptables-restore --test, ip6tables-restore --test (inside unshare -rn)
#   firewalld       firewall-offline-cmd --check-config (throwaway /etc/firewalld)
#   ufw             ufw --dry-run                  (throwaway /etc/ufw, unshare -rmn)
#   kubernetes      kubernetes-validate --strict
#   aws-cloudformation  cfn-lint
#   *.tf            parsed with python-hcl2
#   change-request  CSV read back with python's csv module, Markdown table shape
# then the real-packet tests in tests/netns/run.sh (root only).
# Prints `validators: N passed, M failed`; exits non-zero on any failure.
#   env: PORTOLAN_BIN (default: builds and uses target/debug/portolan), KEEP=1 keeps the output.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/tests/validators"
cd "$ROOT"
VENV_BIN="$ROOT/.tools/venv/bin"
[[ -d "$VENV_BIN" ]] && PATH="$VENV_BIN:$PATH"
PY="$( [[ -x "$VENV_BIN/python" ]] && echo "$VENV_BIN/python" || echo python3 )"

if [[ -z "${PORTOLAN_BIN:-}" ]]; then
  cargo build -q -p portolan-cli || { echo "validators: cannot build portolan"; exit 1; }
  PORTOLAN_BIN="$ROOT/target/debug/portolan"
fi
OUT="$(mktemp -d -t portolan-validators.XXXXXX)"
cleanup() { [[ "${KEEP:-}" == 1 ]] && echo "output kept in $OUT" || rm -rf "$OUT"; }
trap cleanup EXIT

passed=0
failed=0
failures=()
declare -A per_tool_pass per_tool_fail
record() { # tool name status log
  if [[ "$3" == 0 ]]; then
    passed=$((passed + 1)); per_tool_pass[$1]=$(( ${per_tool_pass[$1]:-0} + 1 ))
  else
    failed=$((failed + 1)); per_tool_fail[$1]=$(( ${per_tool_fail[$1]:-0} + 1 ))
    failures+=("$1: $2")
    echo "FAIL [$1] $2"; sed 's/^/    /' "$4" | tail -n 25
  fi
}
check() { # tool name command...
  local tool="$1" name="$2"; shift 2
  local log="$OUT/.log"
  "$@" >"$log" 2>&1
  record "$tool" "$name" "$?" "$log"
}
have() { command -v "$1" >/dev/null 2>&1; }
missing() { echo "FAIL [$1] validator not installed: $2 (run tests/setup.sh)"; failed=$((failed + 1)); failures+=("$1: not installed"); }

root=0; [[ $(id -u) -eq 0 ]] && root=1
examples=()
for f in examples/*.yaml examples/*.yml examples/*.json examples/*.toml; do [[ -f "$f" ]] && examples+=("$f"); done
# Hosts that route for containers or VMs (guest_interfaces): no example has them.
examples+=(tests/validators/guests.yaml)

for ex in "${examples[@]}"; do
  name="$(basename "${ex%.*}")"
  dir="$OUT/$name"
  check generate "$ex --target all" "$PORTOLAN_BIN" rules "$ex" --target all -o "$dir" -q
  [[ -d "$dir" ]] || continue

  if have nft; then
    for f in "$dir"/nftables/*.nft; do check nft "$name/${f##*/}" unshare -rn nft -c -f "$f"; done
  else missing nft nft; fi
  if have iptables-restore; then
    for f in "$dir"/iptables/*.rules.v4; do check iptables "$name/${f##*/}" unshare -rn iptables-restore --test "$f"; done
    for f in "$dir"/iptables/*.rules.v6; do check ip6tables "$name/${f##*/}" unshare -rn ip6tables-restore --test "$f"; done
  else missing iptables iptables-restore; fi
  if have firewall-offline-cmd && ((root)); then
    for d in "$dir"/firewalld/*/; do check firewalld "$name/$(basename "$d")" bash "$HERE/firewalld-check.sh" "$d"; done
  else missing firewalld "firewall-offline-cmd (as root)"; fi
  if have kubernetes-validate; then
    check kubernetes "$name/kubernetes" kubernetes-validate --strict --quiet "$dir"/kubernetes/*.yaml
  else missing kubernetes kubernetes-validate; fi
  if have cfn-lint; then
    for f in "$dir"/aws-cloudformation/*.json; do check cfn-lint "$name/${f##*/}" cfn-lint "$f"; done
  else missing cfn-lint cfn-lint; fi
  for f in "$dir"/*/*.tf; do
    check hcl "$name/${f#"$dir"/}" "$PY" -c 'import sys, hcl2
with open(sys.argv[1]) as fh: doc = hcl2.load(fh)
assert doc.get("resource"), "no resources"' "$f"
  done
  for f in "$dir"/change-request/*.csv; do
    check csv "$name/${f##*/}" "$PY" -c 'import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
assert rows[0][0] == "#" and all(len(r) == len(rows[0]) for r in rows), "ragged CSV"
print(len(rows) - 1, "rows")' "$f"
  done
  for f in "$dir"/change-request/*.md; do
    check markdown "$name/${f##*/}" "$PY" -c 'import sys
lines = [l for l in open(sys.argv[1], encoding="utf-8") if l.startswith("| ")]
cols = lines[0].count(" | ")
bad = [l for l in lines if l.replace("\\|", "").count(" | ") != cols]
assert not bad, bad[:3]' "$f"
  done
done

# ufw is slow (a python start per command): every script, two at a time.
if have ufw && ((root)); then
  ufw_scripts=("$OUT"/*/ufw/*.sh)
  if [[ -e "${ufw_scripts[0]}" ]]; then
    printf '%s\0' "${ufw_scripts[@]}" | xargs -0 -P 2 -I{} bash -c '
      if bash "$1" "$2" >"$2.log" 2>&1; then echo "ok $2"; else echo "fail $2"; fi' _ "$HERE/ufw-dry-run.sh" {} >"$OUT/ufw.results"
    while read -r status script; do
      rel="${script#"$OUT"/}"
      if [[ "$status" == ok ]]; then record ufw "$rel" 0 /dev/null; else record ufw "$rel" 1 "$script.log"; fi
    done <"$OUT/ufw.results"
  fi
else missing ufw "ufw (as root)"; fi

summary=""
for tool in generate nft iptables ip6tables firewalld ufw kubernetes cfn-lint hcl csv markdown; do
  summary+=" $tool=${per_tool_pass[$tool]:-0}/$(( ${per_tool_pass[$tool]:-0} + ${per_tool_fail[$tool]:-0} ))"
done
echo "per tool (passed/total):$summary"

netns_status=0
if [[ -x "$ROOT/tests/netns/run.sh" || -f "$ROOT/tests/netns/run.sh" ]]; then
  if ((root)) && have unshare && have ip; then
    PORTOLAN_BIN="$PORTOLAN_BIN" bash "$ROOT/tests/netns/run.sh" || netns_status=$?
  else
    echo "netns: skipped (needs root, unshare and ip)"
  fi
fi

echo "validators: $passed passed, $failed failed"
if ((failed > 0 || netns_status != 0)); then
  exit 1
fi
