#!/usr/bin/env bash
# Installs everything the build and the tests need, idempotently: a second run on a machine
# that already has it all only checks and returns (a few seconds). Safe to run from anywhere.
#
#   rustup: the wasm32-unknown-unknown target (the checker and the core's wasm build)
#   apt:    chromium + chromium-driver (browser tests); xz-utils (the checker wasm's LZMA payload);
#           nftables iptables firewalld ufw
#           iproute2 zip unzip (the rule validators and the offline bundle)
#           net-tools lsof ipset (tests/audit/capture.sh: netstat and lsof listings, the Docker host's ipset)
#   npm:    ./package.json (binaryen's wasm-opt and js-lzma, used by `cargo xtask site` when present)
#           tests/browser/package.json (playwright-core)
#   pip:    kubernetes-validate, cfn-lint, python-hcl2 (HCL parse of the Terraform rules) into
#           .tools/venv (git-ignored)
#
# `tests/setup.sh --site` installs only what `cargo xtask site` uses (the wasm target, xz and the
# root package.json's npm tools), so the README's first command ships the same page as CI.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
log() { printf '[setup] %s\n' "$*"; }
SECONDS=0
SITE_ONLY=false
case "${1:-}" in
  "") ;;
  --site) SITE_ONLY=true ;;
  *) echo "usage: tests/setup.sh [--site]" >&2; exit 2 ;;
esac

# --- Rust target ---------------------------------------------------------------------------
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "rustup: wasm32-unknown-unknown present"
else
  log "rustup: adding wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# --- npm -----------------------------------------------------------------------------------
# `npm ci` wipes node_modules, so it runs only when package-lock.json changed since the last
# install (its hash is stamped inside node_modules).
npm_ci() {
  local dir="$1" stamp="$1/node_modules/.portolan-setup-stamp" want
  want="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1) node-$(node --version)"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    log "npm: $dir/node_modules up to date"
  else
    log "npm: npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    printf '%s' "$want" >"$stamp"
  fi
}

# --- Debian packages -----------------------------------------------------------------------
APT_PACKAGES=(chromium chromium-driver fonts-liberation nftables iptables firewalld ufw iproute2 zip unzip xz-utils net-tools lsof ipset)
if $SITE_ONLY; then APT_PACKAGES=(xz-utils); fi
if ! $SITE_ONLY; then
  command -v python3 >/dev/null || APT_PACKAGES+=(python3)
  # Debian's own python3 keeps venv (ensurepip) in a separate package.
  if ! python3 -c 'import ensurepip' 2>/dev/null; then APT_PACKAGES+=(python3-venv); fi
fi
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$pkg")
  fi
done
if ((${#missing[@]} == 0)); then
  log "apt: all present (${APT_PACKAGES[*]})"
else
  SUDO=()
  if [[ $(id -u) -ne 0 ]]; then SUDO=(sudo); fi
  log "apt: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt_install() {
    "${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=300 update -qq &&
      "${SUDO[@]}" apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}"
  }
  if $SITE_ONLY; then
    # The site still builds without xz (the wasm is deflated instead, a few KB larger).
    apt_install || log "apt: could not install ${missing[*]}; the checker's wasm will be deflated, not LZMA'd"
  else
    apt_install
  fi
fi

if $SITE_ONLY; then
  if command -v npm >/dev/null; then
    npm_ci "$ROOT"
  else
    log "npm not found: the checker is built without wasm-opt, js-lzma and terser, about 30 KB"
    log "larger gzipped than CI's (over the page's 300 KB budget); install Node.js and npm to match"
  fi
  log "done in ${SECONDS}s"
  exit 0
fi

# --- wasm-bindgen-test-runner (checker-wasm's browser tests) --------------------------------
# Must match the wasm-bindgen pinned in Cargo.toml; ~2 min to build once.
if [[ "$(wasm-bindgen-test-runner --version 2>/dev/null)" == *"0.2.130"* ]] || [[ "$(wasm-bindgen --version 2>/dev/null)" == *"0.2.130"* && -x "$(command -v wasm-bindgen-test-runner)" ]]; then
  log "cargo: wasm-bindgen-test-runner 0.2.130 present"
else
  # Not `--locked`: wasm-bindgen-cli 0.2.130's own lock file names webpki-roots 1.0.11, which the
  # registry these machines reach does not carry, so a locked install fails on a fresh machine.
  # The version of wasm-bindgen-cli itself stays pinned exactly; only its dependencies resolve.
  log "cargo: installing wasm-bindgen-cli 0.2.130 (wasm-bindgen-test-runner)"
  cargo install wasm-bindgen-cli --version =0.2.130 --no-default-features
fi

# --- npm ---------------------------------------------------------------------------------
npm_ci "$ROOT"
npm_ci "$ROOT/tests/browser"

# --- Python tools --------------------------------------------------------------------------
PY_PACKAGES=(kubernetes-validate==1.37.0 cfn-lint==1.58.0 python-hcl2==8.1.4)
VENV="$ROOT/.tools/venv"
want="${PY_PACKAGES[*]}"
if [[ -x "$VENV/bin/python" && -f "$VENV/.portolan-setup-stamp" && "$(cat "$VENV/.portolan-setup-stamp")" == "$want" ]]; then
  log "pip: $VENV up to date"
else
  log "pip: installing ${PY_PACKAGES[*]} into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "${PY_PACKAGES[@]}"
  printf '%s' "$want" >"$VENV/.portolan-setup-stamp"
fi

log "done in ${SECONDS}s"
