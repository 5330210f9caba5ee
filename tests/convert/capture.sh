#!/usr/bin/env bash
# Regenerates core/tests/fixtures/converted/<page>/ from core/tests/fixtures/converted/<page>.html
# with the converters teams really use to turn a saved vendor page into markdown:
#   pandoc (apt)            -> pandoc-gfm.md, pandoc-markdown.md, pandoc-commonmark_x.md
#   turndown + gfm plugin   -> turndown.md          (npm, into tests/convert/.tools/npm)
#   markdownify, html2text  -> markdownify.md, html2text.md   (PyPI, into tests/convert/.tools/venv)
# CI needs none of them: the captured outputs are committed, core/tests/converted_pages.rs reads
# them. Run it (as root, or with the tools already installed) when a page or a converter changes,
# then review the diff. Each output starts with the page's front matter (a converter drops the
# <head>), so the extractor knows the platform. VERSIONS records what wrote the files.
#   usage: tests/convert/capture.sh [page…]   (default: every *.html)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/tests/convert"
PAGES="$ROOT/core/tests/fixtures/converted"
TOOLS="$HERE/.tools"
log() { printf '[convert] %s\n' "$*"; }

# --- the converters (installed once, outside CI) -------------------------------------------
if ! command -v pandoc >/dev/null; then
  log "apt: installing pandoc"
  if [[ $(id -u) == 0 ]]; then apt-get install -y -q pandoc >/dev/null; else sudo apt-get install -y -q pandoc >/dev/null; fi
fi
if [[ ! -d "$TOOLS/npm/node_modules/turndown-plugin-gfm" ]]; then
  log "npm: installing turndown, turndown-plugin-gfm"
  mkdir -p "$TOOLS/npm"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS/npm" \
    turndown@7 turndown-plugin-gfm@1 >/dev/null
fi
if [[ ! -x "$TOOLS/venv/bin/python" ]]; then
  log "pip: installing markdownify, html2text"
  python3 -m venv "$TOOLS/venv"
  "$TOOLS/venv/bin/pip" install -q markdownify html2text
fi
PY="$TOOLS/venv/bin/python"

# --- one page through every converter -------------------------------------------------------
# The page's front matter sits in an HTML comment at its top: `<!-- front-matter … -->`.
front_matter() { sed -n '/^<!-- front-matter$/,/^-->$/{/^<!-- front-matter$/d;/^-->$/d;p}' "$1"; }
with_front() { { echo '---'; front_matter "$1"; echo '---'; echo; cat; } ; }

convert() {
  local html="$1" name out
  name="$(basename "${html%.html}")"
  out="$PAGES/$name"
  mkdir -p "$out"
  for to in gfm markdown commonmark_x; do
    pandoc -f html -t "$to" --wrap=none "$html" | with_front "$html" >"$out/pandoc-$to.md"
  done
  NODE_PATH="$TOOLS/npm/node_modules" node "$HERE/turndown.js" "$html" | with_front "$html" >"$out/turndown.md"
  "$PY" -c 'import sys, markdownify; print(markdownify.markdownify(open(sys.argv[1]).read(), heading_style="ATX"))' "$html" \
    | with_front "$html" >"$out/markdownify.md"
  "$PY" -c 'import sys, html2text; h = html2text.HTML2Text(); h.body_width = 0; print(h.handle(open(sys.argv[1]).read()))' "$html" \
    | with_front "$html" >"$out/html2text.md"
  log "$name: $(ls "$out" | wc -l) outputs"
}

if [[ $# -gt 0 ]]; then
  for page in "$@"; do convert "$PAGES/$page.html"; done
else
  for html in "$PAGES"/*.html; do convert "$html"; done
fi

{
  echo "# What wrote the captured outputs (tests/convert/capture.sh)"
  echo "pandoc $(pandoc --version | head -1 | awk '{print $2}')"
  echo "turndown $(node -p "require('$TOOLS/npm/node_modules/turndown/package.json').version")"
  echo "turndown-plugin-gfm $(node -p "require('$TOOLS/npm/node_modules/turndown-plugin-gfm/package.json').version")"
  echo "markdownify $("$PY" -c 'import importlib.metadata as m; print(m.version("markdownify"))')"
  echo "html2text $("$PY" -c 'import importlib.metadata as m; print(m.version("html2text"))')"
} >"$PAGES/VERSIONS"
