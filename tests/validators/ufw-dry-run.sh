#!/usr/bin/env bash
# Runs one generated ufw script with `ufw --dry-run` in throwaway mount and network namespaces:
# ufw's --dry-run still rewrites /etc/ufw (reset backups, ENABLED=yes), so /etc/ufw and
# /etc/default/ufw are bind-mounted copies that vanish with the namespace. Fails when the
# script fails (set -e) or ufw prints an error.
#   usage: ufw-dry-run.sh SCRIPT
set -euo pipefail
script="$1"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp -a /etc/ufw "$tmp/etc-ufw"
cp /etc/default/ufw "$tmp/default-ufw"
sed -i 's/^IPV6=.*/IPV6=yes/' "$tmp/default-ufw"
if ! unshare -rmn bash -c '
  set -e
  mount --make-rprivate / 2>/dev/null || true
  mount --bind "$1/etc-ufw" /etc/ufw
  mount --bind "$1/default-ufw" /etc/default/ufw
  UFW="ufw --dry-run" timeout 300 sh -e "$2"
' _ "$tmp" "$script" >"$tmp/log" 2>&1; then
  tail -n 20 "$tmp/log"
  exit 1
fi
if grep -E '^(ERROR|WARN)' "$tmp/log"; then
  exit 1
fi
