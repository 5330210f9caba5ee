#!/usr/bin/env bash
# Checks one host's generated firewalld zone and policy with `firewall-offline-cmd
# --check-config`, in a throwaway copy of /etc/firewalld bind-mounted in a private mount
# namespace (the real configuration is never touched). The generated zone is made the default
# zone. check-config exits 0 even for invalid rules (it only warns), so any WARNING or ERROR
# line fails the check.
#   usage: firewalld-check.sh HOST_DIR   (holding zones/ and policies/)
set -euo pipefail
dir="$1"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cp -a /etc/firewalld/. "$tmp/"
mkdir -p "$tmp/zones" "$tmp/policies"
cp "$dir"/zones/*.xml "$tmp/zones/"
cp "$dir"/policies/*.xml "$tmp/policies/"
if [[ -f "$tmp/firewalld.conf" ]]; then
  sed -i 's/^DefaultZone=.*/DefaultZone=portolan/' "$tmp/firewalld.conf"
else
  echo "DefaultZone=portolan" >"$tmp/firewalld.conf"
fi
unshare -rm bash -c '
  mount --make-rprivate / 2>/dev/null || true
  mount --bind "$1" /etc/firewalld
  firewall-offline-cmd --check-config
' _ "$tmp" >"$tmp/log" 2>&1 || { cat "$tmp/log"; exit 1; }
if grep -E 'WARNING|ERROR' "$tmp/log"; then
  exit 1
fi
